"""Kind "pattern-face-pieces": the number of pieces over the optimal face F of a 1-D pattern program (kh (7)).

The LP (rebuilt here from data.x, data.y, data.alpha and terms): per term k with pattern s and
eps, columns w+ = 3k, w- = 3k+1 (>= 0) and b = 3k+2 (free), w = w+ - w-, D_i = 1 (s_i = 1) or
alpha (s_i = -1); minimise sum_k (w+_k + w-_k) s.t. fit rows sum_k eps D_i (x_i w_k + b_k) = y_i
and sign rows (k, i), index k n + i: -s_i (x_i w_k + b_k) <= 0. A point z is the network
sum_k eps_k sigma(w_k t + b_k) (sigma(t) = t, t >= 0; alpha t, t < 0); its slope jumps by
eps (1 - alpha) |w| at t = -b / w, and its pieces over R are 1 + the points with a nonzero
total jump.

Conditions checked:
  * data.x distinct and nonempty, data.y of the same length, alpha != 1; the (pattern, eps) of
    the terms are exactly the affine sign patterns of x in 1-D (sign(w x + b), sign(0) = +1:
    the sets {x_i >= t} and {x_i <= t}) times eps = +-1, each once;
  * dual: y_ub <= 0, (A_eq^T y_eq + A_ub^T y_ub)_j <= c_j (== for the free b columns),
    b_eq . y_eq == value;
  * max.point and min.point: primal feasible and cost == value (so value is the optimum and
    both points lie on F);
  * every tight_rows entry i has y_ub[i] < 0 and every zero_columns entry j is a w column with
    reduced cost c_j - (A^T y)_j > 0 (complementary slackness: tight / zero on ALL of F);
  * with E = {fit rows, cost = value, tight rows at equality, zero columns = 0} (F in E) and a
    kernel basis K of E's rows computed here (Gaussian elimination), z = max.point + K lambda:
    max.point satisfies E; the classes of the terms with w not identically 0 under
    "b_k w_l - b_l w_k is identically 0 in lambda" (all coefficients), and for each class whether
    its jump sum eps_k (1 - alpha)(w+_k + w-_k) is not identically 0, equal ``classes`` and
    ``jumping``; max.bound == 1 + the number of jumping classes (the bound on pieces over F);
  * the exact pieces of max.point == max.pieces <= max.bound, of min.point == min.pieces <= max.pieces;
  * min.proved true => min.pieces == 1 + the secant bound (kinks forced on any interpolant:
    secant slopes m_i < m_{i+1} need an upward jump in (x_i, x_{i+2}), > a downward one;
    a least stabbing set per sign, greedy by right end).
The certified value is max.pieces when it equals max.bound (the maximum is proved), else None.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._fields import Malformed, at, bool_, int_, list_, q, qlist, show
from .arith import dot, kernel
from .relu1d import kinks_1d, secant_kinks


def _patterns(x: list[Fraction]) -> set[tuple[int, ...]]:
    cuts = sorted(x) + [max(x) + 1]
    out = {tuple(1 if xi >= t else -1 for xi in x) for t in cuts}
    return out | {tuple(1 if xi <= t else -1 for xi in x) for t in [min(x) - 1] + sorted(x)}


def _pieces(z: list[Fraction], eps: list[int], alpha: Fraction) -> int:
    """Pieces over R of the LP point z's network sum_k eps_k sigma(w_k t + b_k)."""
    return 1 + len(kinks_1d([(z[3 * k] - z[3 * k + 1], z[3 * k + 2], Fraction(e)) for k, e in enumerate(eps)], alpha))


def _form(z0, K, coef: dict[int, Fraction]) -> list[Fraction]:
    """[constant, lambda coefficients...] of sum_j coef_j z_j on z0 + K lambda."""
    return [sum((a * z0[j] for j, a in coef.items()), Fraction(0))] + [
        sum((a * k[j] for j, a in coef.items()), Fraction(0)) for k in K]


def _same_kink(wk, bk, wl, bl) -> bool:
    n = len(wk)  # index 0 is the constant, so products of indices >= 1 are the quadratic part
    coef: dict[tuple[int, int], Fraction] = {}
    for i in range(n):
        for j in range(n):
            key = (min(i, j), max(i, j))
            coef[key] = coef.get(key, Fraction(0)) + bk[i] * wl[j] - bl[i] * wk[j]
    return not any(coef.values())


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    x = qlist(at(doc, "data.x"), "data.x")
    n = len(x)
    y = qlist(at(doc, "data.y"), "data.y", n)
    alpha = q(at(doc, "data.alpha"), "data.alpha")
    if not x or len(set(x)) != n or alpha == 1:
        raise Malformed("data: need distinct points x and alpha != 1")
    pats, eps = [], []
    for k, t in enumerate(list_(at(doc, "terms"), "terms")):
        s = list_(at(t, "pattern", f"terms[{k}]"), f"terms[{k}].pattern", n)
        pats.append(tuple(int_(v, f"terms[{k}].pattern", (1, -1)) for v in s))
        eps.append(int_(at(t, "eps", f"terms[{k}]"), f"terms[{k}].eps", (1, -1)))
    if sorted(zip(pats, eps)) != sorted((p, e) for p in _patterns(x) for e in (1, -1)):
        problems.append("terms: not exactly the affine sign patterns of x, each with eps = +1 and -1")
    m, nv = len(pats), 3 * len(pats)
    free = {3 * k + 2 for k in range(m)}
    c = [Fraction(0 if j in free else 1) for j in range(nv)]
    A_eq = [[Fraction(0)] * nv for _ in range(n)]
    A_ub = []
    for k, (s, e) in enumerate(zip(pats, eps)):
        for i in range(n):
            d = e * (1 if s[i] == 1 else alpha)
            A_eq[i][3 * k:3 * k + 3] = [d * x[i], -d * x[i], d]
            row = [Fraction(0)] * nv
            row[3 * k:3 * k + 3] = [-s[i] * x[i], s[i] * x[i], Fraction(-s[i])]
            A_ub.append(row)
    value = q(at(doc, "value"), "value")
    ye, yu = qlist(at(doc, "dual.y_eq"), "dual.y_eq", n), qlist(at(doc, "dual.y_ub"), "dual.y_ub", len(A_ub))
    red = [c[j] - dot([r[j] for r in A_eq], ye) - dot([r[j] for r in A_ub], yu) for j in range(nv)]
    problems += [f"dual: y_ub[{i}] = {v} > 0" for i, v in enumerate(yu) if v > 0]
    problems += [f"dual: column {j}: reduced cost {red[j]} must be {'== 0' if j in free else '>= 0'}"
                 for j in range(nv) if (red[j] != 0 if j in free else red[j] < 0)]
    if dot(y, ye) != value:
        problems.append(f"dual: b.y = {dot(y, ye)} but value = {value}")
    points = {}
    for tag in ("max", "min"):
        z = points[tag] = qlist(at(doc, f"{tag}.point"), f"{tag}.point", nv)
        bad = [i for i, r in enumerate(A_eq) if dot(r, z) != y[i]]
        bad += [n + i for i, r in enumerate(A_ub) if dot(r, z) > 0]
        bad += [f"x{j}" for j in range(nv) if j not in free and z[j] < 0]
        if bad:
            problems.append(f"{tag}.point: infeasible (fit rows 0..{n - 1}, sign rows from {n}): {show(bad)}")
        if dot(c, z) != value:
            problems.append(f"{tag}.point: cost {dot(c, z)} but value = {value}")
    tight = [int_(i, "tight_rows", range(len(A_ub))) for i in list_(at(doc, "tight_rows"), "tight_rows")]
    zero = [int_(j, "zero_columns", range(nv)) for j in list_(at(doc, "zero_columns"), "zero_columns")]
    problems += [f"tight_rows: y_ub[{i}] = {yu[i]} is not < 0" for i in tight if not yu[i] < 0]
    problems += [f"zero_columns: column {j} is free or has reduced cost {red[j]} not > 0"
                 for j in zero if j in free or not red[j] > 0]
    E = A_eq + [c] + [A_ub[i] for i in tight] + [[Fraction(int(j == col)) for j in range(nv)] for col in zero]
    rhs = y + [value] + [Fraction(0)] * (len(tight) + len(zero))
    z0 = points["max"]
    if any(dot(r, z0) != b for r, b in zip(E, rhs)):
        problems.append("max.point: not in the affine set E")
    K = kernel(E, nv)
    forms = [(_form(z0, K, {3 * k: Fraction(1), 3 * k + 1: Fraction(-1)}), _form(z0, K, {3 * k + 2: Fraction(1)}))
             for k in range(m)]
    classes: list[list[int]] = []
    for k, (w, b) in enumerate(forms):
        if any(w):
            home = next((cl for cl in classes if _same_kink(*forms[cl[0]], w, b)), None)
            if home is None:
                classes.append([k])
            else:
                home.append(k)
    jumping = [any(_form(z0, K, {j: eps[k] * (1 - alpha) for k in cl for j in (3 * k, 3 * k + 1)})) for cl in classes]
    claimed = [[int_(k, "classes", range(m)) for k in list_(cl, "classes")]
               for cl in list_(at(doc, "classes"), "classes")]
    if claimed != classes:
        problems.append(f"classes: recomputed {show(classes)}")
    if [bool_(v, "jumping") for v in list_(at(doc, "jumping"), "jumping")] != jumping:
        problems.append(f"jumping: recomputed {show(jumping)}")
    bound = int_(at(doc, "max.bound"), "max.bound")
    if bound != 1 + sum(jumping):
        problems.append(f"max.bound: {bound} but 1 + jumping classes = {1 + sum(jumping)}")
    got = {tag: _pieces(points[tag], eps, alpha) for tag in points}
    claim = {tag: int_(at(doc, f"{tag}.pieces"), f"{tag}.pieces") for tag in points}
    problems += [f"{tag}.point: {got[tag]} pieces but {tag}.pieces = {claim[tag]}" for tag in points
                 if got[tag] != claim[tag]]
    if not claim["min"] <= claim["max"] <= bound:
        problems.append(f"need min.pieces <= max.pieces <= max.bound: {claim['min']}, {claim['max']}, {bound}")
    if bool_(at(doc, "min.proved"), "min.proved") and claim["min"] != 1 + secant_kinks(x, y):
        problems.append(f"min.proved: min.pieces {claim['min']} != 1 + secant kinks {secant_kinks(x, y)}")
    return Fraction(claim["max"]) if claim["max"] == bound else None
