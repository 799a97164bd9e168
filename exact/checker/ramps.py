"""Ramp sums on integers: the linear-time core of the 1-D kinds (standard library only; the producer may
import it, never copy it).

A :class:`Scaled` vector holds rationals as integer numerators over one common denominator, so the prefix
sums below are integer sums: no gcd per operation, and numbers stay as long as the data's own. Where the
common denominator would be huge (many unrelated denominators) the same code runs on ``Fraction`` entries
over the denominator 1 (:meth:`Scaled.of`), so nothing here depends on the data being gridded.

The one algorithm (:func:`two_sided`): a sum of two-sided ramps, each knot t_j weighing a_j on its right and
b_j on its left, so that its slope jumps by d_j = a_j - b_j at t_j,

    F(p) = sum_{t_j <= p} a_j (p - t_j) + sum_{t_j > p} b_j (p - t_j)
         = p (B + D(p)) - (BT + DT(p)),     D(p) = sum_{t_j <= p} d_j,  DT(p) = sum_{t_j <= p} d_j t_j,

B, BT the sums of b_j and b_j t_j over all knots (a knot t_j = p adds 0 to either side). Visiting the
points in increasing order moves knots into D one at a time, so after sorting (O((m + n) log(m + n))
comparisons of integers) the walk is O(m + n) integer operations, one product per point. A leaky ramp
c sigma_alpha(u (p - t)) is such a knot: (a, b) = (c, alpha c) for u = 1 and (-alpha c, -c) for u = -1, so
for either sign d = (1 - alpha) c.

>>> from fractions import Fraction as F
>>> x = Scaled.of([F(0), F(1, 2), F(2)])
>>> x.nums, x.den
([0, 1, 4], 2)
>>> s = two_sided(x.nums, [1, -2, 1], [0, 0, 0], x.nums)   # sum_j d_j (p - t_j)_+ at p = t_k, over x.den
>>> [F(v, x.den) for v in s]
[Fraction(0, 1), Fraction(1, 2), Fraction(-1, 1)]
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from itertools import repeat
from operator import gt, mul
from typing import Any, Iterable, Sequence

from .arith import sigma

#: an integer numerator, or a Fraction where no common denominator is small (Any: mypy types arithmetic on
#: the union as "object")
Number = Any
#: bits of a common denominator past which a Scaled vector keeps Fractions (over 1): the lcm of many unrelated
#: denominators would make every number of every sum that long
MAX_COMMON_BITS = 4096


@dataclass(frozen=True)
class Scaled:
    """The rationals nums[i] / den (den > 0 an integer; nums integers, or Fractions when den == 1)."""

    nums: list[Number]
    den: int

    @classmethod
    def of(cls, values: Iterable[Number]) -> Scaled:
        """``values`` over the lcm of their denominators (over 1, as Fractions, if it passes MAX_COMMON_BITS).

        >>> Scaled.of([Fraction(1, 6), Fraction(-3, 4), 2]).nums
        [2, -9, 24]
        """
        vals = list(values)
        den = common_denominator(v.denominator for v in vals)
        if den is None:
            return cls([Fraction(v) for v in vals], 1)
        if den == 1:
            return cls([v if type(v) is int else v.numerator for v in vals], 1)
        return cls([v.numerator * (den // v.denominator) for v in vals], den)

    @cached_property
    def order(self) -> list[int]:
        """The indices by increasing value (one sort per vector, however many walks use it)."""
        return sorted(range(len(self.nums)), key=self.nums.__getitem__)

    def rescaled(self, den: int) -> list[Number]:
        """The numerators over ``den``, a multiple of ``self.den``."""
        k = den // self.den
        return self.nums if k == 1 else [v * k for v in self.nums]

    def fraction(self, i: int) -> Fraction:
        return Fraction(self.nums[i], self.den)

    def fractions(self) -> list[Fraction]:
        return [Fraction(v, self.den) for v in self.nums]

    @cached_property
    def ascending(self) -> Scaled:
        """The entries in increasing order (:meth:`permuted` by :attr:`order`), whose own :attr:`order` is known
        without a sort: sorted() is stable, so the order of entries already in order is the identity (a sort
        pass saved per walk over them: 0.26 s at 10^6 points).

        >>> up = Scaled([3, 1, 2, 1], 1).ascending
        >>> up.nums, up.order
        ([1, 1, 2, 3], range(0, 4))
        """
        out = self.permuted(self.order)
        out.__dict__["order"] = range(len(out.nums))  # the cached_property's slot (frozen: no setattr)
        return out

    def permuted(self, order: Sequence[int]) -> Scaled:
        """The entries at ``order`` (one C-speed gather: a walk over sorted entries then reads memory in order; at
        10^6 points the dual's walk took 1.0 s instead of 1.8 s, the network's 1.8 s instead of 2.6 s).

        >>> Scaled([5, 3, 4], 2).permuted([1, 2, 0]).nums
        [3, 4, 5]
        """
        return Scaled(list(map(self.nums.__getitem__, order)), self.den)


def common_denominator(dens: Iterable[int]) -> int | None:
    """The least common multiple of the positive integers ``dens`` (1 for none), or None once it passes
    MAX_COMMON_BITS bits: the producer's and the checker's one rule for when a common denominator is too long.

    >>> common_denominator([4, 6, 4]), common_denominator([]), common_denominator([3, 2**4096])
    (12, 1, None)
    """
    den = 1
    for d in set(dens):
        den = den // math.gcd(den, d) * d
        if den.bit_length() > MAX_COMMON_BITS:
            return None
    return den


def on_one_scale(a: Scaled, b: Scaled) -> tuple[list[Number], list[Number], int]:
    """(a's numerators, b's numerators, den) over the lcm of the two denominators (positions that are compared
    and subtracted, such as knots and points, must share one)."""
    den = common_denominator((a.den, b.den))
    if den is None:
        return [Fraction(v, a.den) for v in a.nums], [Fraction(v, b.den) for v in b.nums], 1
    return a.rescaled(den), b.rescaled(den), den


def two_sided(knots: Sequence[Number], jumps: Sequence[Number], left: Sequence[Number], points: Sequence[Number],
              orders: tuple[Sequence[int], Sequence[int]] | None = None) -> list[Number]:
    """[F(p) for p in points], F of the module doc with d_j = jumps[j], b_j = left[j]: knots and points on one
    scale s, weights on a scale r, the results over s r. ``orders``: the knots' and the points' indices by
    increasing value, when known."""
    if orders is None:
        orders = (sorted(range(len(knots)), key=knots.__getitem__), sorted(range(len(points)), key=points.__getitem__))
    order, point_order = orders
    d_c: Number = sum(left)
    if len(left) != len(knots):
        raise ValueError("two_sided: one left weight per knot")
    d_t: Number = sum(map(mul, left, knots))
    out: list[Number] = [0] * len(points)
    if knots is points:  # each point is a knot (the dual's sums): one pass, a knot at p adding 0 either side
        for i in point_order:
            p = points[i]
            d = jumps[i]
            d_c += d
            d_t += d * p
            out[i] = p * d_c - d_t
        return out
    k, m = 0, len(order)
    for i in point_order:
        p = points[i]
        while k < m and knots[order[k]] <= p:
            j = order[k]
            d = jumps[j]
            d_c += d
            d_t += d * knots[j]
            k += 1
        out[i] = p * d_c - d_t
    return out


def multiplied(values: list[Number], k: Number) -> list[Number]:
    """values times k: the list itself for k = 1 (the ReLU's jumps are its weights), else one C-speed map.

    >>> multiplied([1, -2], 3), multiplied(v := [5], 1) is v
    ([3, -6], True)
    """
    return values if k == 1 else list(map(mul, values, repeat(k)))


def ramp_values(alpha: Fraction, u: int, knots: Scaled, coefs: Scaled, points: Scaled) -> Scaled:
    """[sum_j coefs_j sigma_alpha(u (p - knots_j)) for p in points] as a Scaled vector (:func:`two_sided`: for
    u = -1, sigma(t - p) = -(p - t) right of t, -alpha (p - t) left of it).

    >>> v = ramp_values(Fraction(0), -1, Scaled.of([Fraction(1)]), Scaled.of([Fraction(3)]), Scaled.of([0, 2]))
    >>> v.fractions()
    [Fraction(3, 1), Fraction(0, 1)]
    """
    an, ad = alpha.numerator, alpha.denominator
    c = coefs.nums
    return _walk(knots, multiplied(c, ad - an), multiplied(c, an if u == 1 else -ad), ad * coefs.den, points)


def _walk(knots: Scaled, jumps: list[Number], left: list[Number], scale: int, points: Scaled) -> Scaled:
    """:func:`two_sided` on Scaled knots and points, weights over ``scale``."""
    k, p, s = on_one_scale(knots, points)
    nums = two_sided(k, jumps, left, p, (knots.order, points.order))
    if Fraction in set(map(type, nums)):  # a Fraction fallback: back to one scale (or over 1)
        return Scaled.of([Fraction(v) / (s * scale) for v in nums])
    return Scaled(nums, s * scale)


def mirrored(g: Scaled, x: Scaled, v: Scaled, alpha: Fraction) -> Scaled:
    """[sum_i v_i sigma_alpha(x_k - x_i) for x_k in x] from g = [sum_i v_i sigma_alpha(x_i - x_k) for x_k in x]
    in O(n): sigma(t) - sigma(-t) = (1 + alpha) t for every t (t >= 0: t + alpha t; t < 0: alpha t + t), so
    the k-th entry is g_k + (1 + alpha) (x_k sum_i v_i - sum_i v_i x_i).

    >>> x, v = Scaled.of([0, 1, 3]), Scaled.of([1, -2, 1])
    >>> mirrored(ramp_values(Fraction(0), -1, x, v, x), x, v, Fraction(0)).fractions()
    [Fraction(0, 1), Fraction(1, 1), Fraction(-1, 1)]
    """
    an, ad = alpha.numerator, alpha.denominator
    sv, svx = sum(v.nums), sum(map(mul, v.nums, x.nums))
    return add([g, Scaled([(ad + an) * (xk * sv - svx) for xk in x.nums], x.den * v.den * ad)])


Knotted = tuple[Sequence[int], Scaled]  # (the neurons j with w_j != 0, their knots): neuron_knots


def neuron_knots(w: Scaled, b: Scaled) -> Knotted:
    """The neurons with w_j != 0 and their knots t_j = -b_j / w_j (:func:`knots`), for :func:`network_values` and
    :func:`kinks` to share.

    >>> chosen, t = neuron_knots(Scaled.of([1, 0, -1]), Scaled.of([-2, 5, 3]))
    >>> list(chosen), t.fractions()
    ([0, 2], [Fraction(2, 1), Fraction(3, 1)])
    """
    chosen: Sequence[int] = [j for j, wj in enumerate(w.nums) if wj] if 0 in w.nums else range(len(w.nums))
    return chosen, knots(w, b, chosen)


def knots(w: Scaled, b: Scaled, chosen: Sequence[int]) -> Scaled:
    """The knots t_j = -b_j / w_j of the neurons ``chosen`` (w_j != 0). When every chosen |w_j| is one number a
    (|w| = 1 in the 1-D optima) they are -sign(w_j) b_j w.den over a b.den: no division at all."""
    ws, bs = list(map(w.nums.__getitem__, chosen)), list(map(b.nums.__getitem__, chosen))
    slopes = set(map(abs, ws))
    if len(slopes) == 1 and type(a := slopes.pop()) is int and set(map(type, bs)) <= {int}:
        wd = w.den
        return Scaled(list(map(mul, bs, map({True: -wd, False: wd}.__getitem__, map(gt, ws, repeat(0))))), a * b.den)
    return Scaled.of([-(Fraction(bj, b.den) / Fraction(wj, w.den)) for wj, bj in zip(ws, bs, strict=True)])


def network_values(x: Scaled, w: Scaled, b: Scaled, c: Scaled, alpha: Fraction, constant: Fraction,
                   knotted: Knotted | None = None) -> Scaled:
    """[constant + sum_j c_j sigma_alpha(w_j x_i + b_j) for x_i in x] for neurons (w_j, b_j, c_j); ``knotted``:
    their :func:`neuron_knots`, when known.

    For w != 0, sigma(w x + b) = |w| sigma(sign(w) (x - t)) with t = -b / w (positive homogeneity): the ramp
    atom (sign w, t) with weight c |w|, summed by :func:`ramp_values` for each sign; w = 0 is the constant
    c sigma(b).

    >>> F = Fraction
    >>> v = network_values(Scaled.of([-1, 0, 2]), Scaled.of([F(1, 2), 0]), Scaled.of([F(-1, 2), -3]),
    ...                    Scaled.of([4, 1]), F(0), F(1))
    >>> v.fractions()
    [Fraction(1, 1), Fraction(1, 1), Fraction(3, 1)]
    """
    flats = [j for j, wj in enumerate(w.nums) if not wj] if 0 in w.nums else []
    flat = constant + sum((Fraction(c.nums[j], c.den) * sigma(Fraction(b.nums[j], b.den), alpha) for j in flats),
                          Fraction(0))
    an, ad = alpha.numerator, alpha.denominator
    chosen, t = neuron_knots(w, b) if knotted is None else knotted
    ws, cs = w.nums, c.nums
    if flats:
        ws, cs = list(map(ws.__getitem__, chosen)), list(map(cs.__getitem__, chosen))
    weight = cs if set(map(abs, ws)) <= {1} else list(map(mul, map(abs, ws), cs))  # c |w|, over w.den c.den
    left = list(map(mul, weight, map({True: an, False: -ad}.__getitem__, map(gt, ws, repeat(0)))))
    out = _walk(t, multiplied(weight, ad - an), left, ad * w.den * c.den, x)
    if not flat:
        return out
    return add([out, Scaled([flat.numerator] * len(x.nums), flat.denominator)])


def add(parts: Sequence[Scaled]) -> Scaled:
    """The entrywise sum of Scaled vectors of one length."""
    den = common_denominator(p.den for p in parts)
    if den is None:
        return Scaled.of([sum(vals, Fraction(0)) for vals in zip(*(p.fractions() for p in parts), strict=True)])
    return Scaled(list(map(sum, zip(*(p.rescaled(den) for p in parts), strict=True))), den)


def kinks(w: Scaled, b: Scaled, c: Scaled, alpha: Fraction, data: Scaled | None = None,
          knotted: Knotted | None = None) -> Scaled:
    """The points where t -> sum_j c_j sigma_alpha(w_j t + b_j) really kinks, sorted: the slope of
    c sigma(w t + b) jumps by (1 - alpha) |w| c at t = -b / w, and jumps at one point may cancel (alpha != 1).
    With ``data``, only the kinks that are not entries of ``data`` (compared as integers on one scale): the
    knots at data points are set aside by one set difference first, so an optimum whose knots are all data
    points (ep Proposition 3.1) sums no jumps. ``knotted``: the neurons' :func:`neuron_knots`, when known.

    >>> kinks(Scaled.of([1, -1]), Scaled.of([0, 0]), Scaled.of([1, 1]), Fraction(0)).fractions()    # |t|
    [Fraction(0, 1)]
    >>> kinks(Scaled.of([1, -1]), Scaled.of([0, 0]), Scaled.of([1, -1]), Fraction(0)).nums   # t_+ - (-t)_+ = t
    []
    >>> kinks(Scaled.of([1, 1]), Scaled([0, -1], 2), Scaled.of([1, 1]), Fraction(0), Scaled.of([0])).fractions()
    [Fraction(1, 2)]
    """
    chosen, t = neuron_knots(w, b) if knotted is None else knotted
    ts, den = t.nums, t.den
    if data is not None:
        ts, points, den = on_one_scale(t, data)
        away = set(ts).difference(points)
        keep = [k for k, tj in enumerate(ts) if tj in away] if away else []
        chosen, ts = [chosen[k] for k in keep], [ts[k] for k in keep]
    jump: dict[Number, Number] = {}
    for tj, j in zip(ts, chosen, strict=True):
        jump[tj] = jump.get(tj, 0) + abs(w.nums[j]) * c.nums[j]
    return Scaled(sorted(k for k, s in jump.items() if s), den)
