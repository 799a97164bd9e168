"""Helpers of the pattern kinds (pattern-bracket, pattern-program-lower): private to the checker.

The data, the certified pattern set J and the dual bound over every (pattern, eps) piece. Notation
(kh (5)-(9)): p = X w + b 1, h(s)_k = 1 if s_k = 1 else alpha, so sigma_alpha(p) = h(s) . p when
s . p >= 0. For eps = +-1 and sign rows S . p >= 0 put c = eps h(s) . v and g = c + m with m = S . mu,
mu >= 0. Then c^T p <= g^T p = (X^T g)^T w + (1^T g) b, which is <= ||X^T g|| ||w|| when 1^T g = 0
(b free, kh (3)) and <= ||[X^T g, 1^T g]|| ||[w, b]|| (bias in the norm, kh (8)). So if every piece has
such an m with that norm <= G, v^T y / G bounds from below every program (or measure) whose terms
satisfy their sign rows and fit y: :func:`dual_lower`.

Limits (checked before the work): those of :func:`exact.checker.sign_patterns.certified_patterns` on J, and
exactly 2|J| dual pieces with 2|J| N (d + 1) <= MAX_PIECE_WORK.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ._fields import Malformed, at, list_, q, qlist, qmatrix, show, unit, within
from ._proved import convention, stated_convention
from .arith import dot
from .sign_patterns import Pattern, certified_patterns, signs

#: 2|J| N (d + 1): every piece forms g (N) and z = X^T g (N d) (real certificates: 64 * 6 * 3 = 1152)
MAX_PIECE_WORK = 100_000


@dataclass(frozen=True)
class PatternProblem:
    """Data X (rows = samples), y, leaky slope alpha, ``joint`` (bias in the norm) and the certified J."""

    X: list[list[Fraction]]
    y: list[Fraction]
    alpha: Fraction
    joint: bool
    J: frozenset[Pattern]

    def data(self) -> dict:
        return {"X": self.X, "y": self.y,
                "convention": convention(self.alpha, "in-norm" if self.joint else "free", False)}


def pattern_problem(doc: dict, problems: list[str]) -> PatternProblem:
    """convention {alpha != 1, hidden_bias free (kh (3)) or in-norm (kh (8)), no output bias}, data.X (N x d),
    data.y (N) and J: the realised patterns of ``patterns``, checked to be all affine sign patterns of X."""
    conv = stated_convention(doc)
    alpha = Fraction(conv["alpha"])
    if conv["hidden_bias"] not in ("free", "in-norm") or conv["output_bias"]:
        raise Malformed(f"convention: expected hidden_bias free or in-norm and no output bias, got {show(conv)}")
    X = qmatrix(at(doc, "data.X"), "data.X")
    y = qlist(at(doc, "data.y"), "data.y", len(X))
    J = certified_patterns(at(doc, "patterns"), "patterns", X, True, problems)
    return PatternProblem(X, y, alpha, conv["hidden_bias"] == "in-norm", frozenset(J))


def dual_lower(doc: dict, problems: list[str], P: PatternProblem, minus_sign: int) -> Fraction:
    """v^T y / G after checking dual.v (N), dual.G > 0 and dual.pieces: one entry {pattern, eps, m} per
    (s in J, eps = +-1) (so 2|J| entries, 2|J| N (d + 1) <= MAX_PIECE_WORK = 100 000), with S = s (eps = +1)
    or minus_sign s (eps = -1) and, exactly, S_k m_k >= 0 (m = S . mu, mu >= 0), 1^T g == 0 unless joint,
    ||X^T g||^2 (+ (1^T g)^2 if joint) <= G^2.
    With b free also sum(v) == 0 (u = 0, b -> +-oo; implied by the all-(+1) pieces, checked for the message).
    """
    N, d = len(P.X), len(P.X[0])
    v = qlist(at(doc, "dual.v"), "dual.v", N)
    G = q(at(doc, "dual.G"), "dual.G")
    if G <= 0:
        raise Malformed(f"dual.G: expected > 0, got {G}")
    if not P.joint and sum(v) != 0:
        problems.append(f"dual.v: sum(v) = {sum(v)} != 0 with a free bias (the sup is infinite)")
    pieces = list_(at(doc, "dual.pieces"), "dual.pieces")
    within(2 * len(P.J) * N * (d + 1), MAX_PIECE_WORK, "dual.pieces: 2|J| N (d + 1)")
    if len(pieces) != 2 * len(P.J):
        raise Malformed(f"dual.pieces: expected 2|J| = {2 * len(P.J)} entries, one per (pattern, eps), "
                        f"got {len(pieces)}")
    seen = set()
    for k, item in enumerate(pieces):
        name = f"dual.pieces[{k}]"
        s = signs(at(item, "pattern", name), f"{name}.pattern", N)
        eps = unit(at(item, "eps", name), f"{name}.eps")
        if s not in P.J:
            raise Malformed(f"{name}.pattern: {list(s)} is not a pattern of J")
        seen.add((s, eps))
        S = [minus_sign * t for t in s] if eps == -1 else s
        m = qlist(at(item, "m", name), f"{name}.m", N)
        if any(sk * mk < 0 for sk, mk in zip(S, m, strict=True)):
            problems.append(f"{name}: S . m has a negative entry (mu must be >= 0)")
        g = [eps * (vk if sk == 1 else P.alpha * vk) + mk for vk, sk, mk in zip(v, s, m, strict=True)]
        z = [sum((gi * x[j] for gi, x in zip(g, P.X, strict=True)), Fraction(0)) for j in range(d)]
        if P.joint:
            z.append(sum(g, Fraction(0)))
        elif sum(g) != 0:
            problems.append(f"{name}: 1^T g = {sum(g)} != 0 (b is free)")
        if dot(z, z) > G * G:
            problems.append(f"{name}: ||z||^2 = {dot(z, z)} > G^2 = {G * G}")
    missing = sorted((s, e) for s in P.J for e in (1, -1) if (s, e) not in seen)
    if missing:
        problems.append(f"dual.pieces: no bound for {len(missing)} (pattern, eps) pairs, e.g. {show(missing[0])}")
    return dot(v, P.y) / G
