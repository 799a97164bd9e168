"""The primal side of pe (8) / (39): float blocks made exactly feasible, their value, and Theorem 1's network.

A float block v of region s (from a solver) satisfies its cone rows s_j x_j^T v >= 0 only up to the solver's
accuracy. :func:`exact_vector` makes it exact: the rows within TIGHT of 0 (the face the point sits on) become
exact equalities through a dyadic combination of an integer basis of that face's span; a row still negative
(rare) is repaired by a shift along the region's interior point. Norms are bounded above by integer square
roots, so :func:`primal_upper` is an exact upper bound of (8) / (39) and of (2) / (38) (the checker's module doc
of kind "cone-program-bracket" has the argument). :func:`network_objective` evaluates the non-convex objective
at pe Theorem 1's network u = v / sqrt ||v||, alpha = +-sqrt ||v|| in outward-rounded interval arithmetic.

>>> from fractions import Fraction as F
>>> b = exact_blocks([[F(1)], [F(-1)]], [(1, -1)], [(1,)], np.array([[0.5]]), np.array([[0.0]]))
>>> b[0].v, primal_upper([[F(1)], [F(-1)]], [F(1), F(0)], F(1, 2), "squared", b)
((Fraction(1, 2),), Fraction(3, 8))
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Sequence

import numpy as np

from exact.certificates.cone_program_bracket import Block
from exact.checker.cone_program_bracket import loss_value
from exact.linalg import kernel_basis
from exact.lp import LinearProgram, feasible_point
from exact.numbers import sqrt_bounds

from .intervals import enclose, lower_of, upper_of

P_BITS = 40  # primal blocks are dyadic with denominator 2^P_BITS
DROP = 1e-9  # a float block below DROP (relative to the largest) is solver noise: it is set to 0
TIGHT = 1e-9  # a cone row within TIGHT (relative) of 0 is projected onto 0 before rounding
NORM_DIGITS = 15  # upper bounds of ||v|| to 10^-NORM_DIGITS


def cone_point(X: Sequence[Sequence[Fraction]], sign: Sequence[int]) -> tuple[Fraction, ...] | None:
    """An exact u with s_j x_j^T u >= 1 on every row with s_j != 0 (an interior point of K_s), or None."""
    d = len(X[0])
    rows = tuple({k: -s * a for k, a in enumerate(x) if a} for x, s in zip(X, sign) if s)
    lp = LinearProgram(c=(Fraction(0),) * d, A_ub=rows, b_ub=(Fraction(-1),) * len(rows), free=frozenset(range(d)))
    return feasible_point(lp)


def _dot(x: Sequence[Fraction], u: Sequence[Fraction | int]) -> Fraction:
    return sum((a * b for a, b in zip(x, u)), Fraction(0))


def _face_point(X: Sequence[Sequence[Fraction]], rows: np.ndarray, u: np.ndarray) -> list[Fraction] | None:
    """A dyadic combination of an integer basis of {x_j^T u = 0, j in rows} near ``u`` (None: only u = 0 is there).

    The rows hold with equality exactly, and the denominators stay powers of two (one short common denominator)."""
    basis = kernel_basis([{k: Fraction(a) for k, a in enumerate(X[j]) if a} for j in rows], len(X[0]))
    if not basis:
        return None
    B = [[int(a * lcm(*(t.denominator for t in b))) for a in b] for b in basis]
    Bf = np.array(B, dtype=float).T
    coef = np.linalg.lstsq(Bf, u, rcond=None)[0]
    q = [Fraction(0)] * len(u)
    for c, b in zip(coef, B):
        bits = P_BITS + max(abs(t) for t in b).bit_length()
        c = Fraction(int(np.rint(c * 2.0 ** bits)), 1 << bits)
        q = [a + c * t for a, t in zip(q, b)]
    return q


def exact_vector(X: Sequence[Sequence[Fraction]], sign: Sequence[int], point: Sequence[Fraction | int],
                 u: np.ndarray) -> tuple[Fraction, ...]:
    """A dyadic vector near the float ``u`` with s_j x_j^T u >= 0 exactly on every row.

    The rows within TIGHT of 0 (the face the float point sits on) are made exact equalities by
    :func:`_face_point`; any row still negative is repaired by a shift along the interior ``point`` by the power
    of two above the worst ratio (costly when the point is near a hyperplane, hence the face step first).

    >>> from fractions import Fraction as F
    >>> exact_vector([[F(1), F(0)], [F(0), F(1)]], (1, 1), (1, 1), np.array([1.0, -1e-13]))
    (Fraction(1, 1), Fraction(0, 1))
    """
    Xf = np.array([[float(a) for a in x] for x in X])
    pre = np.array(sign) * (Xf @ u)
    near = np.abs(pre) <= TIGHT * np.linalg.norm(Xf, axis=1) * np.linalg.norm(u)
    tight = np.nonzero((np.array(sign) != 0) & near)[0]
    q = _face_point(X, tight, u) if len(tight) else None
    if q is None:
        q = [Fraction(int(t), 1 << P_BITS) for t in np.rint(u * 2.0 ** P_BITS)]
    shift = max((-(s * _dot(x, q)) / (s * _dot(x, point)) for x, s in zip(X, sign) if s), default=Fraction(0))
    if shift > 0:
        step = Fraction(2) ** ((shift.numerator.bit_length() - shift.denominator.bit_length()) + 1)
        q = [a + step * p for a, p in zip(q, point)]
    return tuple(q)


def _norm_bound(u: Sequence[Fraction]) -> Fraction:
    return sqrt_bounds(sum((a * a for a in u), Fraction(0)), NORM_DIGITS)[1]


def exact_blocks(X: Sequence[Sequence[Fraction]], signs: Sequence[Sequence[int]], points: Sequence[Sequence],
                 V: np.ndarray, W: np.ndarray) -> list[Block]:
    """The float pairs (V_i, W_i) of the patterns ``signs`` as exactly feasible blocks (zero pairs left out)."""
    d = len(X[0])
    big = max([float(np.linalg.norm(a)) for a in [*V, *W]], default=0.0)
    zero = (Fraction(0),) * d

    def repaired(s: Sequence[int], p: Sequence, f: np.ndarray) -> tuple[Fraction, ...]:
        """The exact vector, or 0 when f is noise or its repair moves it further than 0 would."""
        if np.linalg.norm(f) <= DROP * big:
            return zero
        q = exact_vector(X, s, p, f)
        return q if np.linalg.norm(np.array([float(a) for a in q]) - f) <= np.linalg.norm(f) else zero

    out = []
    for s, p, fv, fw in zip(signs, points, V, W):
        v, w = repaired(s, p, fv), repaired(s, p, fw)
        if any(v) or any(w):
            out.append(Block(tuple(int(t == 1) for t in s), v, w, _norm_bound(v), _norm_bound(w)))
    return out


def fit(X: Sequence[Sequence[Fraction]], blocks: Sequence[Block]) -> list[Fraction]:
    """z = sum_i D_i X (v_i - w_i), exactly."""
    z = [Fraction(0)] * len(X)
    for b in blocks:
        diff = [a - c for a, c in zip(b.v, b.w)]
        z = [zj + (_dot(x, diff) if Dj else 0) for zj, x, Dj in zip(z, X, b.D)]
    return z


def primal_upper(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], beta: Fraction, loss: str,
                 blocks: Sequence[Block]) -> Fraction:
    """l(z) + beta sum of the norm bounds: an upper bound of (8) / (39) and of (2) / (38) (checker module doc)."""
    return loss_value(loss, fit(X, blocks), list(y)) + beta * sum((b.v_norm + b.w_norm for b in blocks), Fraction(0))


def _relu(t):
    from mpmath import iv

    return t if t.a >= 0 else iv.mpf(0) if t.b <= 0 else iv.mpf([0, t.b])


def network_objective(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], beta: Fraction, loss: str,
                      blocks: Sequence[Block]) -> tuple[Fraction, Fraction]:
    """An enclosure of (2) / (38), l(sum_j (X u_j)_+ alpha_j) + beta/2 sum_j (||u_j||^2 + alpha_j^2), at Theorem 1's
    network: u = v / sqrt ||v||, alpha = sqrt ||v|| per nonzero v, and w / sqrt ||w||, -sqrt ||w|| per nonzero w
    (mpmath intervals, outward rounded)."""
    from mpmath import iv

    def value():
        Xi = [[enclose(a) for a in x] for x in X]
        z, reg = [enclose(0)] * len(X), enclose(0)
        for b in blocks:
            for u, sign in ((b.v, 1), (b.w, -1)):
                if any(u):
                    alpha = iv.sqrt(iv.sqrt(enclose(sum((a * a for a in u), Fraction(0)))))
                    uu = [enclose(a) / alpha for a in u]
                    z = [zj + sign * alpha * _relu(sum((p * r for p, r in zip(x, uu)), enclose(0)))
                         for zj, x in zip(z, Xi)]
                    reg += sum((r * r for r in uu), enclose(0)) + alpha * alpha
        r = [zj - enclose(t) for zj, t in zip(z, y)]
        err = (sum((e * e for e in r), enclose(0)) / 2 if loss == "squared"
               else sum((_relu(1 - enclose(t) * zj) for zj, t in zip(z, y)), enclose(0)) if loss == "hinge"
               else sum((abs(e) for e in r), enclose(0)))
        return err + enclose(beta) / 2 * reg
    return lower_of(value), upper_of(value)
