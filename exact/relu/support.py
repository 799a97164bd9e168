"""Extreme points of the 1-D rectified set along a direction (ep Lemma 2.6, proof (22)-(24)).

With free hidden biases ep's set is Q = {(x u + b 1)_+ : |u| <= 1, b in R}
(d = 1, data x in R^n), and the extreme point along v in R^n is the maximiser
of the support problem (9)::

    sup_{|u| <= 1, b}  g(u, b) = v^T (x u + b 1)_+ = sum_i v_i (u x_i + b)_+

(no absolute value: -v gives the "argmin version" of the proof). Exactly:

* u = 0 gives g = sum(v) (b)_+: if sum(v) > 0 the supremum is +infinity
  (b -> +oo), so no extreme point exists along v. Lemma 2.6 says "for any v";
  it needs 1^T v <= 0 (the dual (12) forces 1^T v = 0).
* Positive homogeneity: g(u, b) = |u| g(sign u, b / |u|) for u != 0, so
  0 < |u| < 1 gives |u| times a value of u = +-1.
* For u = +-1, g is continuous and piecewise linear in b, breakpoints at
  b = -u x_k; left of all of them it is 0, right of all of them it has
  slope sum(v) <= 0. So M = max(0, max over breakpoints) is the supremum,
  and it is attained at a breakpoint: u = +-1, b = -u x_k (Lemma 2.6).
  The breakpoint b = -max_i(u x_i) always gives 0, so M >= 0.
* M > 0: only u = +-1 attain it (|u| < 1 gives |u| M < M, u = 0 gives
  <= 0); for each u the maximisers in b form closed segments between
  breakpoints (a flat piece: the slope sum over active points vanishes),
  plus the ray [b_max, +oo) when sum(v) = 0 and the last breakpoint is
  maximal. ``face`` lists them all; ``unique`` says whether it is one point.
* M = 0 ("dead"): the extreme point is the zero vector, i.e. a neuron that
  is zero on every data point (u = 0 with b <= 0, or any u, b left of the
  data); the Lemma-2.6-form neuron u = 1, b = -max x is one of them.

>>> from fractions import Fraction as F
>>> x = [F(-2), F(-1), F(0), F(1), F(2)]
>>> e = extreme_point_1d(x, [F(1), F(-3), F(2), F(1), F(-1)])   # ep's dual v*
>>> e.status, e.value, (e.u, e.b), len(e.face)     # (x + 1)_+ and (-x - 1)_+: two isolated maximisers
('attained', Fraction(1, 1), (1, Fraction(1, 1)), 2)
>>> extreme_point_1d(x, [-t for t in e.v]).face[0]   # along -v*: every knot in [0, 1] (a flat piece)
Segment(u=1, lo=Fraction(-1, 1), hi=Fraction(0, 1))
>>> extreme_point_1d(x, [F(1), F(0), F(0), F(0), F(0)]).status   # 1^T v > 0
'unbounded'
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

ATTAINED, DEAD, UNBOUNDED = "attained", "dead", "unbounded"


def neuron_value(x: Sequence[Fraction], v: Sequence[Fraction], u: Fraction, b: Fraction) -> Fraction:
    """g(u, b) = v^T (x u + b 1)_+."""
    return sum((vi * max(u * xi + b, Fraction(0)) for xi, vi in zip(x, v)), Fraction(0))


@dataclass(frozen=True)
class Segment:
    """Maximisers (u, b) with b in [lo, hi] (hi None: [lo, +oo))."""

    u: int
    lo: Fraction
    hi: Fraction | None

    def __contains__(self, ub: tuple[int, Fraction]) -> bool:
        u, b = ub
        return u == self.u and self.lo <= b and (self.hi is None or b <= self.hi)


@dataclass(frozen=True)
class ExtremePoint1D:
    """The maximiser of v^T (x u + b 1)_+ over |u| <= 1, b (see module doc)."""

    x: tuple[Fraction, ...]
    v: tuple[Fraction, ...]
    status: str  # ATTAINED (max > 0), DEAD (max 0, the zero vector), UNBOUNDED (1^T v > 0)
    value: Fraction | None  # the maximum, None when unbounded
    u: int | None  # a maximiser of Lemma 2.6's form: u = +-1, b = -u x_k
    b: Fraction | None
    face: tuple[Segment, ...]  # every maximiser when status is ATTAINED, else ()

    @property
    def unique(self) -> bool:
        return len(self.face) == 1 and self.face[0].lo == self.face[0].hi

    @property
    def point(self) -> tuple[Fraction, ...] | None:
        """The extreme point z = (x u + b 1)_+ of Q itself."""
        if self.u is None or self.b is None:
            return None
        u, b = self.u, self.b
        return tuple(max(u * xi + b, Fraction(0)) for xi in self.x)

    def contains(self, u: int, b: Fraction) -> bool:
        """Is (u, b) a maximiser? (Only decided for status ATTAINED.)"""
        return any((u, b) in s for s in self.face)


def _segments(x, v, u: int, top: Fraction) -> list[Segment]:
    """Maximal segments of {b : g(u, b) = top} for top > 0 (g piecewise linear, see module doc)."""
    bps = sorted({-u * xi for xi in x})
    at_top = [neuron_value(x, v, Fraction(u), b) == top for b in bps]
    out: list[Segment] = []
    k = 0
    while k < len(bps):
        if not at_top[k]:
            k += 1
            continue
        j = k
        while j + 1 < len(bps) and at_top[j + 1]:  # both ends at the top: the piece between is flat
            j += 1
        ray = j == len(bps) - 1 and sum(v) == 0  # beyond the last breakpoint the slope is sum(v)
        out.append(Segment(u, bps[k], None if ray else bps[j]))
        k = j + 1
    return out


def extreme_point_1d(x: Sequence[Fraction], v: Sequence[Fraction]) -> ExtremePoint1D:
    """Solve sup over |u| <= 1, b of v^T (x u + b 1)_+ exactly (module doc)."""
    x, v = tuple(map(Fraction, x)), tuple(map(Fraction, v))
    if len(x) != len(v) or not x:
        raise ValueError(f"extreme_point_1d: need len(x) == len(v) >= 1, got {len(x)} and {len(v)}")
    if sum(v) > 0:
        return ExtremePoint1D(x, v, UNBOUNDED, None, None, None, ())
    best = max(((neuron_value(x, v, Fraction(u), -u * xk), u, -u * xk) for u in (1, -1) for xk in x),
               key=lambda t: t[0])
    if best[0] <= 0:
        return ExtremePoint1D(x, v, DEAD, Fraction(0), 1, -max(x), ())
    top = best[0]
    face = tuple(_segments(x, v, 1, top) + _segments(x, v, -1, top))
    return ExtremePoint1D(x, v, ATTAINED, top, face[0].u, face[0].lo, face)


