"""Rigorous upper bounds (and exact lower ends) of sup v^T sigma(A u + b 1) over the unit ball, by sign patterns.

Every bound comes from weak duality on one sign-pattern piece, with multipliers taken exactly
(NNLS only proposes them) and norms bounded above by :func:`verify.numeric.intervals.norm_bounds`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from exact.relu.support import extreme_point_1d, neuron_value

from .bracket import Bracket
from .intervals import norm_bounds
from .repair import ball_point, repair_box_sum


@dataclass(frozen=True)
class ReluSup:
    """``sup`` of ``alpha^T (A u + b 1)_+`` over ``||u|| <= 1`` (and ``b`` free when ``bias``), bracketed.

    ``u``, ``b`` (exact, ``||u|| <= 1``) attain ``bracket.lower``.
    """

    bracket: Bracket
    u: tuple[Fraction, ...]
    b: Fraction
    patterns: int  # convex subproblems solved


def relu_value(A: Sequence[Sequence[Fraction]], alpha: Sequence[Fraction], u: Sequence[Fraction],
               b: Fraction = Fraction(0)) -> Fraction:
    """``alpha^T (A u + b 1)_+`` exactly."""
    return sum((ai * max(sum((x * y for x, y in zip(row, u)), b), Fraction(0)) for ai, row in zip(alpha, A)),
               Fraction(0))


def best_breakpoint(A: Sequence[Sequence[Fraction]], alpha: Sequence[Fraction],
                    u: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    """``(b, value)`` maximising ``alpha^T (A u + b 1)_+`` over ``b``, for ``sum(alpha) <= 0``.

    The function of ``b`` is piecewise linear with breakpoints ``-a_k^T u``,
    zero for ``b -> -oo`` and of slope ``sum(alpha) <= 0`` for ``b -> +oo``,
    so a breakpoint attains its maximum.
    """
    best = None
    for row in A:
        b = -sum((x * y for x, y in zip(row, u)), Fraction(0))
        val = relu_value(A, alpha, u, b)
        if best is None or val > best[1]:
            best = (b, val)
    return best


def _patterns(A, alpha, bias: bool):
    """Yield ``(C, idx, S, multipliers)``: per anchor and sign pattern, the NNLS solution of the pattern dual."""
    from scipy.optimize import nnls

    n = len(A)
    for k in (range(n) if bias else [None]):
        C = A if k is None else [[x - y for x, y in zip(row, A[k])] for row in A]
        idx = [i for i in range(n) if i != k]
        Cf = np.array([[float(x) for x in C[i]] for i in idx]).reshape(len(idx), -1)
        af = np.array([float(alpha[i]) for i in idx])
        for mask in range(1, 2 ** len(idx)):
            S = [(mask >> t) & 1 == 1 for t in range(len(idx))]
            M = np.column_stack([Cf[t] if s else -Cf[t] for t, s in enumerate(S)])
            rhs = -sum((af[t] * Cf[t] for t, s in enumerate(S) if s), np.zeros(Cf.shape[1]))
            yield C, idx, S, nnls(M, rhs)[0]


def relu_argmax(A: Sequence[Sequence[float]], alpha: Sequence[float], bias: bool) -> tuple[float, np.ndarray, float]:
    """Float ``(value, u, b)`` maximising ``alpha^T (A u + b 1)_+`` (the pattern search of :func:`relu_sup`,
    without the exact bounds: an oracle for cutting planes)."""
    Af, af = np.asarray(A, dtype=float), np.asarray(alpha, dtype=float)
    best = (0.0, np.zeros(Af.shape[1]), 0.0)
    for C, idx, S, mult in _patterns(Af, af, bias):
        z = sum((((af[i] + m) if s else -m) * np.asarray(C[i]) for i, s, m in zip(idx, S, mult)),
                np.zeros(Af.shape[1]))
        if np.linalg.norm(z) == 0:
            continue
        u = z / np.linalg.norm(z)
        bs = -(Af @ u) if bias else np.zeros(1)
        vals = [float(af @ np.maximum(Af @ u + b, 0)) for b in bs]
        j = int(np.argmax(vals))
        if vals[j] > best[0]:
            best = (vals[j], u, float(bs[j]))
    return best


def _relu_sup_1d(x: list[Fraction], alpha: list[Fraction], bias: bool) -> ReluSup:
    """The 1-D case exactly (a bracket of width 0): with a free bias the maximum over the breakpoints u = +-1,
    b = -u x_k and 0 (:func:`exact.relu.support.extreme_point_1d`: g is piecewise linear in b, positively
    homogeneous in (u, b)); without, the larger of g(1, 0), g(-1, 0) and 0 (homogeneity in u)."""
    if bias:
        e = extreme_point_1d(x, alpha)
        if e.value is None or e.u is None or e.b is None:
            raise ValueError("sum(alpha) > 0: the sup over a free bias is +oo")
        u, b, value = e.u, e.b, e.value
    else:
        value, u, b = max((neuron_value(x, alpha, Fraction(s), Fraction(0)), s, Fraction(0)) for s in (1, -1))
        value, u = (value, u) if value > 0 else (Fraction(0), 1)
    how = "exact 1-D: the breakpoints u = +-1, b = -u x_k" if bias else "exact 1-D: u = +-1, b = 0"
    return ReluSup(Bracket(value, value, how, how), (Fraction(u),), b, 2 * len(x) if bias else 2)


def relu_sup(A: Sequence[Sequence[Fraction]], alpha: Sequence[Fraction], bias: bool) -> ReluSup:
    """Bracket ``sup_{||u|| <= 1, b} alpha^T (A u + b 1)_+`` (``b = 0`` without bias) by sign patterns.

    Without bias the cones ``K_S = {u : a_i^T u >= 0 (i in S), a_j^T u <= 0
    (j not in S)}`` cover R^d and on ``K_S`` the objective is linear, so the
    sup is the max over all ``S`` of ``p_S = max_{u in K_S, ||u|| <= 1}
    (sum_S alpha_i a_i)^T u``. Weak duality bounds each: for ``w_S >= alpha_S``,
    ``w_{S^c} <= 0``, ``p_S <= ||A^T w||`` (on K_S, ``sum_S alpha_i t_i <= w^T
    A u``); NNLS gives the optimal ``w`` (strong duality), which is clipped
    exactly into its box. With a free bias (``sum(alpha) <= 0``, else the sup is
    infinite) a breakpoint ``b = -a_k^T u`` attains the max over ``b``, so the
    sup is the max over anchors ``k`` of the no-bias sup for ``a_i - a_k``.
    Every ``2^n`` pattern is solved (an unrealisable one has a cone of lower
    dimension: its bound is still valid). Lower end: the best pattern maximiser
    ``u = A^T w / ||A^T w||``, made exactly feasible and evaluated exactly.

    >>> F = Fraction
    >>> s = relu_sup([[F(1), F(0)], [F(0), F(1)]], [F(1), F(1)], bias=False)
    >>> s.bracket.lower <= F(14142135623730950, 10**16) <= s.bracket.upper, s.bracket.width < F(1, 10**9)
    (True, True)
    """
    A = [[Fraction(x) for x in row] for row in A]
    alpha = [Fraction(a) for a in alpha]
    if bias and sum(alpha) > 0:
        raise ValueError("sum(alpha) > 0: the sup over a free bias is +oo (u = 0, b -> +oo)")
    if A and len(A[0]) == 1:
        return _relu_sup_1d([row[0] for row in A], alpha, bias)
    upper, count, cands = Fraction(0), 0, []
    for C, idx, S, mult in _patterns(A, alpha, bias):
        count += 1
        w = [alpha[i] + Fraction(float(m)) if s else -Fraction(float(m)) for i, s, m in zip(idx, S, mult)]
        w = [max(x, alpha[i]) if s else min(x, Fraction(0)) for x, i, s in zip(w, idx, S)]
        z = [sum((wt * C[i][j] for wt, i in zip(w, idx)), Fraction(0)) for j in range(len(C[0]))]
        upper = max(upper, norm_bounds(z)[1])
        zf = np.array([float(x) for x in z])
        if np.linalg.norm(zf) > 0:
            cands.append((float(np.linalg.norm(zf)), zf / np.linalg.norm(zf)))
    cands.sort(key=lambda c: -c[0])
    best = (Fraction(0), [Fraction(0)] * len(A[0]), Fraction(0))
    for _, uf in cands[:3]:
        u = ball_point(uf)
        b, val = best_breakpoint(A, alpha, u) if bias else (Fraction(0), relu_value(A, alpha, u))
        if val > best[0]:
            best = (val, u, b)
    how = f"max over {count} sign-pattern subproblems"
    return ReluSup(Bracket(best[0], upper, "exact value at the best pattern maximiser", "NNLS duals, " + how),
                   tuple(best[1]), best[2], count)


@dataclass(frozen=True)
class PatternSup:
    """A proved upper bound on ``sup |v^T sigma_alpha(X w + b 1)|`` over the atoms (:func:`pattern_sup`).

    ``directions`` are float unit maximisers ``w`` (``[w, b]`` when joint) of the worst pieces, best first:
    candidates for column generation, not part of the proof.
    """

    upper: Fraction
    directions: tuple[tuple[float, ...], ...]
    multipliers: tuple[tuple[tuple[int, ...], int, tuple[Fraction, ...]], ...]  # (s, eps, m = s ⊙ mu) per piece


def pattern_sup(X: Sequence[Sequence[Fraction]], v: Sequence[Fraction], alpha: Fraction,
                patterns: Sequence[Sequence[int]], joint: bool, keep: int = 4, flip_minus: bool = False) -> PatternSup:
    """Bound ``sup |v^T sigma_alpha(X w + b 1)|`` over ``||w|| <= 1, b`` free (or ``||[w, b]|| <= 1``, ``joint``).

    ``patterns`` must be all affine sign patterns J of the rows of ``X`` (sign(0) = +1), e.g.
    :func:`exact.relu.arrangements.affine_sign_patterns`. For any (w, b) with pattern s = sign(p),
    p = X w + b 1: s ⊙ p >= 0 and sigma(p) = h(s) ⊙ p, so ``eps v^T sigma(p) = c^T p`` with
    c = eps h(s) ⊙ v, and the sup is the max over (s, eps) of

        P(s, eps) = max c^T (X w + b 1)  s.t.  s ⊙ (X w + b 1) >= 0,  ||w|| <= 1  (resp. ||[w, b]|| <= 1).

    Weak duality (Lagrangian with mu >= 0 on the sign rows): with g = c + s ⊙ mu,
    P <= ||X^T g|| when 1^T g = 0 (b free; otherwise the bound is void), and
    P <= ||[X^T g, 1^T g]|| (joint). mu comes from NNLS (the 1^T g = 0 row weighted),
    is taken exactly and, b free, repaired exactly onto 1^T g = 0 within mu >= 0
    (:func:`repair_box_sum`); the norm is bounded above by :func:`norm_bounds`.
    Needs ``sum(v) = 0`` when b is free (else the sup is +oo: w = 0, b -> +-oo).
    ``flip_minus``: the eps = -1 pieces carry the sign rows -s ⊙ p >= 0 instead (g = c - s ⊙ mu); then
    ``upper`` bounds the dual constraints of a program with those sign rows (kh (7)/(9) as printed), not the atoms.

    >>> F = Fraction
    >>> X = [[F(0), F(0)], [F(1), F(0)], [F(0), F(1)]]
    >>> from exact.relu.arrangements import affine_sign_patterns
    >>> s = pattern_sup(X, [F(-2), F(1), F(1)], F(0), affine_sign_patterns(X), joint=False)
    >>> F(14142, 10**4) <= s.upper <= F(14143, 10**4)   # sup = sqrt 2 at w = (1, 1)/sqrt 2, b = 0
    True
    """
    from scipy.optimize import nnls

    X = [[Fraction(a) for a in row] for row in X]
    v, alpha = [Fraction(t) for t in v], Fraction(alpha)
    n = len(X)
    if not joint and sum(v) != 0:
        raise ValueError("pattern_sup: sum(v) != 0 with a free bias: the sup is +oo")
    A = [row + [Fraction(1)] for row in X] if joint else X
    Af = np.array([[float(a) for a in row] for row in A])
    weight = 1e4  # enforces 1^T g = 0 in the float NNLS; the exact repair makes it hold exactly
    upper, worst, multipliers = Fraction(0), [], []
    for s in patterns:
        for eps in (1, -1):
            c = [eps * (vk if sk == 1 else alpha * vk) for vk, sk in zip(v, s)]
            S = [-sk for sk in s] if flip_minus and eps == -1 else list(s)
            M = Af.T * np.array(S, dtype=float)
            r = Af.T @ np.array([float(t) for t in c])
            if not joint:
                M = np.vstack([M, weight * np.array(S, dtype=float)])
                r = np.append(r, weight * float(sum(c)))
            mu = [Fraction(float(t)) for t in nnls(M, -r)[0]]
            m = [sk * t for sk, t in zip(S, mu)]  # S ⊙ mu, sign-constrained by S
            if not joint:
                m = repair_box_sum(m, [Fraction(0) if sk == 1 else None for sk in S],
                                   [None if sk == 1 else Fraction(0) for sk in S], -sum(c))
                if m is None:  # no mu >= 0 with 1^T g = 0: P(s, eps) = +oo (b -> +-oo inside the piece)
                    raise ValueError(f"pattern_sup: piece {s}, eps {eps} is unbounded")
            multipliers.append((tuple(s), eps, tuple(m)))
            g = [ck + mk for ck, mk in zip(c, m)]
            z = [sum((g[i] * A[i][j] for i in range(n)), Fraction(0)) for j in range(len(A[0]))]
            bound = norm_bounds(z)[1]
            upper = max(upper, bound)
            worst.append((bound, tuple(float(t) for t in z)))
    worst.sort(key=lambda t: -t[0])
    dirs = tuple(tuple(t / (np.linalg.norm(z) or 1.0) for t in z) for _, z in worst[:keep])
    return PatternSup(upper, dirs, tuple(multipliers))
