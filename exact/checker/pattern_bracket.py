"""Kinds "pattern-bracket" (an exact bracket of kh (2) in any dimension through the sign patterns J)
and "kh-printed-lower" (a lower bound on the printed (7) / (9), :func:`check_printed`).

The problem: inf ||mu||_TV s.t. y_i = int sigma_alpha(x_i^T w + b) dmu(w, b) over W = {||w||_2 <= 1},
b free (kh (3); ``joint`` false) or W = {||[w, b]||_2 <= 1} (kh (8); ``joint`` true); no output bias.

Lower end (weak duality). Every atom p = X w + b 1 has a pattern s = sign(p) in J (sign(0) = +1),
and sigma(p) = h(s) . p with s . p >= 0 (h_k = 1 if s_k = 1, else alpha). For eps = +-1 put
c = eps h(s) . v and g = c + m with m = s . mu, mu >= 0. Then eps v^T sigma(p) = c^T p <= g^T p
= (X^T g)^T w + (1^T g) b, which is <= ||X^T g|| when 1^T g = 0 (b free) and <= ||[X^T g, 1^T g]||
(joint). So if every (s, eps) has such an m with that norm <= G, then |v^T sigma(p)| <= G on W,
v / G is feasible for the semi-infinite dual, and v^T y / G <= the infimum.
Upper end: a network with those atoms fitting y exactly costs sum |c_j|; with b free a constant
c0 costs nothing in the limit (a neuron (0, beta) with beta -> oo, weight c0 / beta).

Conditions checked:
  * data.X (N x d), data.y (N), data.alpha != 1, data.joint (bool);
  * patterns: a full "sign-patterns" certificate (checked by that kind) on the same X; J is its
    realised list;
  * dual.v (N), dual.G > 0; if not joint, sum(v) == 0; dual.pieces has exactly one entry per
    (s in J, eps in {1, -1}) with m (N entries), s_k m_k >= 0, 1^T g == 0 if not joint, and
    ||X^T g||^2 (resp. + (1^T g)^2) <= G^2;
  * primal.neurons {w (d), b, c}: ||w||^2 <= 1 (resp. ||w||^2 + b^2 <= 1); primal.constant c0 (must be
    0 when joint); sum_j c_j sigma(X w_j + b_j 1) + c0 1 == y;
  * lower == v^T y / G, upper == sum_j |c_j|, lower <= upper.
The certified value returned is ``lower``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._base import Malformed, at, bool_, dot, list_, q, qlist, qmatrix, show
from .patterns import check as check_patterns


def _sigma(t: Fraction, alpha: Fraction) -> Fraction:
    return t if t >= 0 else alpha * t


def _data(doc: dict, problems: list[str]):
    """data.X, data.y, data.alpha, data.joint and the certified pattern set J of ``patterns``."""
    X = qmatrix(at(doc, "data.X"), "data.X")
    y = qlist(at(doc, "data.y"), "data.y", len(X))
    alpha = q(at(doc, "data.alpha"), "data.alpha")
    joint = bool_(at(doc, "data.joint"), "data.joint")
    if alpha == 1:
        raise Malformed("data.alpha: expected alpha != 1")
    sub = at(doc, "patterns")
    if not isinstance(sub, dict) or sub.get("kind") != "sign-patterns":
        raise Malformed("patterns: expected a sign-patterns certificate")
    inner: list[str] = []
    check_patterns(sub, inner)
    problems += [f"patterns: {p}" for p in inner]
    if qmatrix(at(sub, "data.X", "patterns"), "patterns.data.X") != X:
        problems.append("patterns.data.X differs from data.X")
    J = [tuple(at(r, "pattern", "patterns.realised")) for r in sub["realised"]]
    return X, y, alpha, joint, J


def _dual_lower(doc: dict, problems: list[str], X, y, alpha: Fraction, joint: bool, J, printed: bool) -> Fraction:
    """Check dual.v, dual.G, dual.pieces (sign vector S = s, or -s for eps = -1 when ``printed``); v^T y / G."""
    N, d = len(X), len(X[0])
    v = qlist(at(doc, "dual.v"), "dual.v", N)
    G = q(at(doc, "dual.G"), "dual.G")
    if G <= 0:
        raise Malformed(f"dual.G: expected > 0, got {G}")
    if not joint and sum(v) != 0:
        problems.append(f"dual.v: sum(v) = {sum(v)} != 0 with a free bias (the sup is infinite)")
    seen = set()
    for k, item in enumerate(list_(at(doc, "dual.pieces"), "dual.pieces")):
        name = f"dual.pieces[{k}]"
        s = tuple(list_(at(item, "pattern", name), f"{name}.pattern", N))
        eps = at(item, "eps", name)
        if eps not in (1, -1) or s not in J:
            raise Malformed(f"{name}: expected a pattern of J and eps = 1 or -1, got {show(s)}, {show(eps)}")
        seen.add((s, eps))
        S = [-t for t in s] if printed and eps == -1 else s
        m = qlist(at(item, "m", name), f"{name}.m", N)
        if any(sk * mk < 0 for sk, mk in zip(S, m)):
            problems.append(f"{name}: S . m has a negative entry (mu must be >= 0)")
        g = [eps * (vk if sk == 1 else alpha * vk) + mk for vk, sk, mk in zip(v, s, m)]
        z = [sum((gi * x[j] for gi, x in zip(g, X)), Fraction(0)) for j in range(d)]
        if joint:
            z.append(sum(g, Fraction(0)))
        elif sum(g) != 0:
            problems.append(f"{name}: 1^T g = {sum(g)} != 0 (b is free)")
        if dot(z, z) > G * G:
            problems.append(f"{name}: ||z||^2 = {dot(z, z)} > G^2 = {G * G}")
    missing = [(s, e) for s in J for e in (1, -1) if (s, e) not in seen]
    if missing:
        problems.append(f"dual.pieces: no bound for {len(missing)} (pattern, eps) pairs, e.g. {show(missing[0])}")
    lower = q(at(doc, "lower"), "lower")
    if lower != dot(v, y) / G:
        problems.append(f"lower: {lower} != v^T y / G = {dot(v, y) / G}")
    return lower


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    X, y, alpha, joint, J = _data(doc, problems)
    N, d = len(X), len(X[0])
    lower = _dual_lower(doc, problems, X, y, alpha, joint, J, printed=False)
    fit = [Fraction(0)] * N
    cost = Fraction(0)
    for k, item in enumerate(list_(at(doc, "primal.neurons"), "primal.neurons")):
        name = f"primal.neurons[{k}]"
        w = qlist(at(item, "w", name), f"{name}.w", d)
        b, c = q(at(item, "b", name), f"{name}.b"), q(at(item, "c", name), f"{name}.c")
        if dot(w, w) + (b * b if joint else 0) > 1:
            problems.append(f"{name}: the atom is outside W")
        fit = [f + c * _sigma(dot(x, w) + b, alpha) for f, x in zip(fit, X)]
        cost += abs(c)
    c0 = q(at(doc, "primal.constant"), "primal.constant")
    if joint and c0:
        problems.append("primal.constant: must be 0 when the bias is inside the norm")
    if [f + c0 for f in fit] != y:
        problems.append("primal: the network does not fit y")
    upper = q(at(doc, "upper"), "upper")
    if upper != cost:
        problems.append(f"upper: {upper} != sum |c_j| = {cost}")
    if lower > upper:
        problems.append(f"lower {lower} > upper {upper}")
    return lower


def check_printed(doc: dict, problems: list[str]) -> Optional[Fraction]:
    """Kind "kh-printed-lower": lower <= the value of kh (7) (joint false) or (9) (joint true) AS PRINTED.

    The printed programs constrain the eps = -1 term of pattern s by -s . p >= 0 (exact.kh). Their
    Lagrangian dual (multipliers v on the fit rows, mu >= 0 on the sign rows) is feasible when, for every
    (s, eps), g = eps h(s) . v + S . mu has 1^T g = 0 (b free) and ||X^T g|| <= 1 (resp.
    ||[X^T g, 1^T g]|| <= 1), S = s for eps = +1 and -s for eps = -1. The checks are those of
    "pattern-bracket" for data, patterns and dual (with that S); no primal. Returns ``lower``.
    """
    X, y, alpha, joint, J = _data(doc, problems)
    return _dual_lower(doc, problems, X, y, alpha, joint, J, printed=True)


CHECKS = {"pattern-bracket": check, "kh-printed-lower": check_printed}
