"""Helpers of the pattern kinds (pattern-bracket, pattern-program-lower): private to the checker.

Data, the nested sign-patterns certificate, and the multiplier bound of the dual over every
(pattern, eps) piece; see :mod:`exact.checker.pattern_bracket` for the weak-duality argument.
"""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, bool_, list_, q, qlist, qmatrix, show
from .arith import dot
from .sign_patterns import check as check_patterns


def pattern_data(doc: dict, problems: list[str]):
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


def dual_lower(doc: dict, problems: list[str], X, y, alpha: Fraction, joint: bool, J, printed: bool) -> Fraction:
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


