"""Kind "pattern-face-pieces": the number of pieces over the optimal face F of a 1-D pattern program (kh (7)).

The LP (kh (7) corrected in 1-D, rebuilt here from data and terms): per term k with pattern s and
eps, columns w+ = 3k, w- = 3k+1 (>= 0) and b = 3k+2 (free), w = w+ - w-, D_i = 1 (s_i = 1) or
alpha (s_i = -1); minimise sum_k (w+_k + w-_k) s.t. fit rows sum_k eps D_i (x_i w_k + b_k) = y_i
and sign rows (k, i), index k n + i: -s_i (x_i w_k + b_k) <= 0. A point z is the network
sum_k eps_k sigma(w_k t + b_k); its slope jumps by eps (1 - alpha) |w| at t = -b / w, and its pieces
over R are 1 + the points with a nonzero total jump.

Conditions checked:
  1. convention {alpha != 1, hidden_bias "free", no output bias}, data.x distinct, data.y; the
     (pattern, eps) of the terms are exactly the affine sign patterns of x in 1-D (sign(w x + b),
     sign(0) = +1: the sets {x_i >= t} and {x_i <= t}) times eps = +-1, each once;
  2. dual: y_ub <= 0, (A_eq^T y_eq + A_ub^T y_ub)_j <= c_j (== for the free b columns); value := y . y_eq;
  3. points.fewest and points.most: primal feasible with cost == value (so value is the optimum and
     both points lie on F);
  4. every tight_rows entry i has y_ub[i] < 0 and every zero_columns entry j is a w column with
     reduced cost c_j - (A^T y)_j > 0 (complementary slackness: tight / zero on ALL of F);
  5. with E = {fit rows, cost = value, tight rows at equality, zero columns = 0} (F in E) and a
     kernel basis K of E's rows computed here, z = points.most + K lambda: points.most satisfies E;
     the classes of the terms with w not identically 0 under "b_k w_l - b_l w_k is identically 0 in
     lambda", and for each class whether its jump sum eps_k (1 - alpha)(w+_k + w-_k) is not
     identically 0, equal ``classes`` and ``jumping``; every z in F has at most 1 + (jumping
     classes) pieces (terms of a class share their kink; |w_k| = w+_k + w-_k on F);
  6. pieces(points.fewest) <= pieces(points.most) <= that bound.
Proves ``{"type": "face-pieces", "value": the optimum, "fewest": {"lower": 1 + secant kinks,
"upper": pieces(points.fewest)}, "most": {"lower": pieces(points.most), "upper": 1 + jumping classes}}``:
the fewest and the most pieces over R of a network of F lie in those ranges (the secant kinks are
forced on any interpolant: :func:`exact.checker.relu1d.secant_kinks`).

Limits (checked before the work): n <= MAX_POINTS, so at most 4n terms; exactly 2 terms per pattern, and the
tight_rows and zero_columns listed at most once each.
"""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, bool_, distinct_points, int_, list_, qlist, show, unit, within
from ._proved import Proved, convention, free_bias_alpha
from .arith import dot, kernel
from .relu1d import kinks_1d, patterns_1d, secant_kinks
from .sign_patterns import Pattern, signs

Vector = list[Fraction]
#: n (real certificates: 6). The 2n patterns give 4n terms, 12n LP columns and 4n^2 sign rows; E has up to
#: 4n^2 + 13n + 1 rows, and its kernel is computed by Gauss-Jordan
MAX_POINTS = 8


def _pieces(z: Vector, eps: list[int], alpha: Fraction) -> int:
    """Pieces over R of the LP point z's network sum_k eps_k sigma(w_k t + b_k)."""
    return 1 + len(kinks_1d([(z[3 * k] - z[3 * k + 1], z[3 * k + 2], Fraction(e)) for k, e in enumerate(eps)], alpha))


def _form(z0: Vector, K: list[Vector], coef: dict[int, Fraction]) -> Vector:
    """[constant, lambda coefficients...] of sum_j coef_j z_j on z0 + K lambda."""
    return [sum((a * z0[j] for j, a in coef.items()), Fraction(0))] + [
        sum((a * k[j] for j, a in coef.items()), Fraction(0)) for k in K]


def _multiple(u: Vector, v: Vector) -> bool:
    """u = c v for a rational c (v != 0)."""
    j = next(i for i, t in enumerate(v) if t)
    return all(a * v[j] == u[j] * b for a, b in zip(u, v, strict=True))


def _same_kink(wk: Vector, bk: Vector, wl: Vector, bl: Vector) -> bool:
    """b_k w_l - b_l w_k == 0 identically in lambda, for affine forms [constant, coefficients...] with w_k, w_l
    not identically 0: iff (b_k, b_l) = c (w_k, w_l) or (w_l, b_l) = c (w_k, b_k) for a rational c.

    Proof: "if" is clear. Only if: as linear forms in (lambda_0, lambda) (the constant times lambda_0; the
    identity holds as polynomials iff it holds for these) in the UFD Q[lambda_0, lambda], the nonzero w_k is
    irreducible and divides b_k w_l, so it divides b_k (b_k = c w_k; cancelling w_k from c w_k w_l = b_l w_k
    gives b_l = c w_l) or w_l (w_l = c w_k; then b_k c w_k = b_l w_k gives b_l = c b_k). Linear in the
    length, where comparing the quadratic forms was quadratic (n = 8 points took 23 s)."""
    return _multiple(bk + bl, wk + wl) or _multiple(wl + bl, wk + bk)


class _LP:
    """The LP of the module doc on (x, y, alpha, terms)."""

    def __init__(self, x: Vector, y: Vector, alpha: Fraction, pats: list[Pattern], eps: list[int]):
        n, m = len(x), len(pats)
        self.y, self.nv = y, 3 * m
        self.free = {3 * k + 2 for k in range(m)}
        self.c = [Fraction(0 if j in self.free else 1) for j in range(self.nv)]
        self.A_eq = [[Fraction(0)] * self.nv for _ in range(n)]
        self.A_ub: list[Vector] = []
        for k, (s, e) in enumerate(zip(pats, eps, strict=True)):
            for i in range(n):
                d = e * (Fraction(1) if s[i] == 1 else alpha)
                self.A_eq[i][3 * k:3 * k + 3] = [d * x[i], -d * x[i], d]
                row = [Fraction(0)] * self.nv
                row[3 * k:3 * k + 3] = [-s[i] * x[i], s[i] * x[i], Fraction(-s[i])]
                self.A_ub.append(row)

    def reduced_costs(self, ye: Vector, yu: Vector) -> Vector:
        return [self.c[j] - dot([r[j] for r in self.A_eq], ye) - dot([r[j] for r in self.A_ub], yu)
                for j in range(self.nv)]

    def violations(self, z: Vector) -> list:
        """Fit rows 0..n-1, sign rows from n, and x<j> for negative w columns, that z violates."""
        n = len(self.A_eq)
        bad: list = [i for i, (r, yi) in enumerate(zip(self.A_eq, self.y, strict=True)) if dot(r, z) != yi]
        bad += [n + i for i, r in enumerate(self.A_ub) if dot(r, z) > 0]
        return bad + [f"x{j}" for j in range(self.nv) if j not in self.free and z[j] < 0]


def _terms(doc: dict, x: Vector) -> tuple[list[Pattern], list[int]]:
    pats, eps = [], []
    for k, t in enumerate(list_(at(doc, "terms"), "terms")):
        pats.append(signs(at(t, "pattern", f"terms[{k}]"), f"terms[{k}].pattern", len(x)))
        eps.append(unit(at(t, "eps", f"terms[{k}]"), f"terms[{k}].eps"))
    return pats, eps


def _classes(z0: Vector, K: list[Vector], eps: list[int], alpha: Fraction) -> tuple[list[list[int]], list[bool]]:
    """The kink classes of the terms on z0 + K lambda (w not identically 0) and whether each jumps (5.)."""
    forms = [(_form(z0, K, {3 * k: Fraction(1), 3 * k + 1: Fraction(-1)}), _form(z0, K, {3 * k + 2: Fraction(1)}))
             for k in range(len(eps))]
    classes: list[list[int]] = []
    for k, (w, b) in enumerate(forms):
        if any(w):
            home = next((cl for cl in classes if _same_kink(*forms[cl[0]], w, b)), None)
            if home is None:
                classes.append([k])
            else:
                home.append(k)
    jumping = [any(_form(z0, K, {j: eps[k] * (1 - alpha) for k in cl for j in (3 * k, 3 * k + 1)})) for cl in classes]
    return classes, jumping


def check(doc: dict, problems: list[str]) -> Proved:
    alpha = free_bias_alpha(doc)                                                      # 1.
    x = distinct_points(doc, "data.x")
    n = within(len(x), MAX_POINTS, "data.x: points n")
    y = qlist(at(doc, "data.y"), "data.y", n)
    expected = 4 * len(x)
    if len(list_(at(doc, "terms"), "terms")) != expected:
        raise Malformed(f"terms: expected 2 per affine sign pattern of x, {expected} in all, "
                        f"got {len(at(doc, 'terms'))}")
    pats, eps = _terms(doc, x)
    if sorted(zip(pats, eps, strict=True)) != sorted((p, e) for p in patterns_1d(x) for e in (1, -1)):
        problems.append("terms: not exactly the affine sign patterns of x, each with eps = +1 and -1")
    lp = _LP(x, y, alpha, pats, eps)
    ye, yu = qlist(at(doc, "dual.y_eq"), "dual.y_eq", n), qlist(at(doc, "dual.y_ub"), "dual.y_ub", len(lp.A_ub))
    red = lp.reduced_costs(ye, yu)                                                    # 2.
    problems += [f"dual: y_ub[{i}] = {v} > 0" for i, v in enumerate(yu) if v > 0]
    problems += [f"dual: column {j}: reduced cost {red[j]} must be {'== 0' if j in lp.free else '>= 0'}"
                 for j in range(lp.nv) if (red[j] != 0 if j in lp.free else red[j] < 0)]
    value = dot(y, ye)
    points = {tag: qlist(at(doc, f"points.{tag}"), f"points.{tag}", lp.nv) for tag in ("fewest", "most")}
    for tag, z in points.items():                                                     # 3.
        bad = lp.violations(z)
        if bad:
            problems.append(f"points.{tag}: infeasible (fit rows 0..{n - 1}, sign rows from {n}): {show(bad)}")
        if dot(lp.c, z) != value:
            problems.append(f"points.{tag}: cost {dot(lp.c, z)} but the dual objective y . y_eq = {value}")
    tight = [int_(i, "tight_rows", range(len(lp.A_ub))) for i in list_(at(doc, "tight_rows"), "tight_rows")]
    zero = [int_(j, "zero_columns", range(lp.nv)) for j in list_(at(doc, "zero_columns"), "zero_columns")]
    for name, listed in (("tight_rows", tight), ("zero_columns", zero)):  # each one a row of E
        if len(set(listed)) != len(listed):
            raise Malformed(f"{name}: an entry is listed twice")
    problems += [f"tight_rows: y_ub[{i}] = {yu[i]} is not < 0" for i in tight if not yu[i] < 0]    # 4.
    problems += [f"zero_columns: column {j} is free or has reduced cost {red[j]} not > 0"
                 for j in zero if j in lp.free or not red[j] > 0]
    E = lp.A_eq + [lp.c] + [lp.A_ub[i] for i in tight] + [[Fraction(int(j == col)) for j in range(lp.nv)]
                                                         for col in zero]
    rhs = y + [value] + [Fraction(0)] * (len(tight) + len(zero))
    z0 = points["most"]                                                               # 5.
    if any(dot(r, z0) != b for r, b in zip(E, rhs, strict=True)):
        problems.append("points.most: not in the affine set E")
    classes, jumping = _classes(z0, kernel(E, lp.nv), eps, alpha)
    claimed = [[int_(k, "classes", range(len(eps))) for k in list_(cl, "classes")]
               for cl in list_(at(doc, "classes"), "classes")]
    if claimed != classes:
        problems.append(f"classes: recomputed {show(classes)}")
    if [bool_(v, "jumping") for v in list_(at(doc, "jumping"), "jumping")] != jumping:
        problems.append(f"jumping: recomputed {show(jumping)}")
    bound = 1 + sum(jumping)
    few, most = (_pieces(points[tag], eps, alpha) for tag in ("fewest", "most"))
    if not few <= most <= bound:                                                      # 6.
        problems.append(f"need pieces(points.fewest) <= pieces(points.most) <= 1 + jumping classes: "
                        f"{few}, {most}, {bound}")
    relation = {"type": "face-pieces", "value": value, "fewest": {"lower": 1 + secant_kinks(x, y), "upper": few},
                "most": {"lower": most, "upper": bound}}
    return Proved(relation, {"x": x, "y": y, "convention": convention(alpha, "free", False)})
