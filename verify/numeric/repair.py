"""Exact repairs of float points: into the unit ball, onto an equality, into a box, scaled into a bound.

>>> from fractions import Fraction as F
>>> restore_equality([[F(1), F(1)]], [F(1, 3), F(1, 3)], [F(1)])
[Fraction(1, 2), Fraction(1, 2)]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from flint import fmpq, fmpq_mat

from exact.numbers import sqrt_bounds


def ball_point(u: Sequence[float] | Sequence[Fraction]) -> list[Fraction]:
    """An exact point of the closed unit ball near ``u``: ``u`` itself, or ``u`` divided by an upper bound of its norm.

    >>> from verify.numeric.intervals import exact
    >>> ball_point([0.6, 0.8]) == exact([0.6, 0.8]) or sum(x * x for x in ball_point([0.6, 0.8])) <= 1
    True
    """
    q = [Fraction(x) for x in u]
    sq = sum((x * x for x in q), Fraction(0))
    if sq <= 1:
        return q
    _, hi = sqrt_bounds(sq, 30)
    return [x / hi for x in q]


def restore_equality(M: Sequence[Sequence[Fraction]], w: Sequence[Fraction],
                     y: Sequence[Fraction]) -> list[Fraction] | None:
    """The exact minimum-norm correction of ``w`` with ``M w = y``: ``w + M^T (M M^T)^{-1} (y - M w)``.

    None when ``M M^T`` is singular (the rows of M are dependent: the caller
    must drop rows or report the primal point as not repairable).

    >>> F = Fraction
    >>> restore_equality([[F(1), F(1)]], [F(1, 3), F(1, 3)], [F(1)])
    [Fraction(1, 2), Fraction(1, 2)]
    """
    n, m = len(M), len(w)
    Mq = fmpq_mat(n, m, [fmpq(x.numerator, x.denominator) for row in M for x in row])
    wq = fmpq_mat(m, 1, [fmpq(x.numerator, x.denominator) for x in w])
    r = fmpq_mat(n, 1, [fmpq(x.numerator, x.denominator) for x in y]) - Mq * wq
    G = Mq * Mq.transpose()
    if G.rank() < n:
        return None
    out = wq + Mq.transpose() * G.solve(r)
    return [Fraction(int(out[i, 0].p), int(out[i, 0].q)) for i in range(m)]


def repair_box_sum(w: Sequence[Fraction], lo: Sequence[Fraction | None], hi: Sequence[Fraction | None],
                   total: Fraction | None = None) -> list[Fraction] | None:
    """An exact point of ``{lo <= w <= hi, sum(w) = total}`` near ``w`` (None bounds are infinite).

    Clips into the box, then moves the entries with room, in order, to fix the
    sum (``total=None``: no sum constraint). None if the set is empty.

    >>> F = Fraction
    >>> repair_box_sum([F(-1, 10), F(1), F(-2)], [F(0), None, None], [None, None, F(0)], F(0))
    [Fraction(1, 1), Fraction(1, 1), Fraction(-2, 1)]
    """
    out = [x if low is None or x >= low else low for x, low in zip(map(Fraction, w), lo)]
    out = [x if h is None or x <= h else h for x, h in zip(out, hi)]
    if total is None:
        return out
    gap = total - sum(out, Fraction(0))
    for i in range(len(out)):
        if gap == 0:
            break
        bound = hi[i] if gap > 0 else lo[i]
        room = gap if bound is None else (min(gap, bound - out[i]) if gap > 0 else max(gap, bound - out[i]))
        out[i] += room
        gap -= room
    return out if gap == 0 else None


def scale_into(v: Sequence[Fraction], g_upper: Fraction, bound: Fraction) -> tuple[Fraction, list[Fraction]]:
    """``t v`` with ``t = min(1, bound / g_upper)``: feasible for ``g(t v) <= bound`` when ``g`` is
    positively homogeneous and ``g(v) <= g_upper`` (the caller's rigorous bound).

    >>> scale_into([Fraction(2), Fraction(-4)], Fraction(4), Fraction(1))
    (Fraction(1, 4), [Fraction(1, 2), Fraction(-1, 1)])
    """
    t = Fraction(1) if g_upper <= bound else bound / g_upper
    return t, [t * x for x in v]
