"""Exact graphs of the 1-D functions a figure records (networks and linear splines of
:mod:`verify.report.figures`): values, kinks and the polyline a plot draws through them.

The functions are piecewise linear, so the polyline through the kinks and the interval's ends is the exact
graph; a plot samples nothing.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

Point = tuple[Fraction, Fraction]


def _sigma(s: Fraction, alpha: Fraction) -> Fraction:
    return s if s >= 0 else alpha * s


def evaluate(function: dict[str, Any], t: Fraction) -> Fraction:
    """f(t) exactly, for a network or spline function of a ``functions-1d`` spec.

    >>> evaluate({"spline": {"knots": ["0", "1"], "values": ["0", "2"], "left_slope": "1", "right_slope": "-1"}},
    ...          Fraction(3))
    Fraction(0, 1)
    """
    if "spline" in function:
        s = function["spline"]
        knots, values = [Fraction(k) for k in s["knots"]], [Fraction(v) for v in s["values"]]
        if t <= knots[0]:
            return values[0] + Fraction(s["left_slope"]) * (t - knots[0])
        if t >= knots[-1]:
            return values[-1] + Fraction(s["right_slope"]) * (t - knots[-1])
        k = next(i for i in range(1, len(knots)) if t <= knots[i])
        return values[k - 1] + (values[k] - values[k - 1]) * (t - knots[k - 1]) / (knots[k] - knots[k - 1])
    alpha = Fraction(function["alpha"])
    return sum((Fraction(n["w"]) * _sigma(Fraction(n["u"]) * t + Fraction(n["b"]), alpha)
                for n in function["neurons"]), Fraction(function["constant"]))


def candidate_kinks(function: dict[str, Any]) -> list[Fraction]:
    """Where f may kink: the spline's knots or the neurons' -b/u (cancelling ones included)."""
    if "spline" in function:
        return [Fraction(k) for k in function["spline"]["knots"]]
    return sorted({-Fraction(n["b"]) / Fraction(n["u"]) for n in function["neurons"] if Fraction(n["u"])})


def graph_points(function: dict[str, Any], lo: Fraction, hi: Fraction, extra: Sequence[Fraction] = ()
                 ) -> list[Point]:
    """The exact graph of f on [lo, hi]: (t, f(t)) at lo, hi, the kinks and ``extra`` points inside, sorted.

    >>> tent = {"neurons": [{"u": "1", "b": "-1", "w": "-1"}, {"u": "-1", "b": "1", "w": "-1"}],
    ...         "constant": "1", "alpha": "0"}
    >>> [(str(t), str(v)) for t, v in graph_points(tent, Fraction(0), Fraction(2))]
    [('0', '0'), ('1', '1'), ('2', '0')]
    """
    ts = sorted({lo, hi} | {t for t in [*candidate_kinks(function), *extra] if lo <= t <= hi})
    return [(t, evaluate(function, t)) for t in ts]


def real_kinks(points: Sequence[Point]) -> list[Point]:
    """The interior points of a polyline where its slope changes."""
    def slope(p: Point, q: Point) -> Fraction:
        return (q[1] - p[1]) / (q[0] - p[0])
    return [q for p, q, r in zip(points, points[1:], points[2:]) if slope(p, q) != slope(q, r)]


def window_1d(x: Sequence[Fraction], functions: Sequence[dict[str, Any]]) -> tuple[Fraction, Fraction]:
    """The data's range widened by 15 % of its span (1 if the span is 0), and to the kinks within 2 spans."""
    xs = list(x) or [k for f in functions for k in candidate_kinks(f)] or [Fraction(0)]
    span = max(xs) - min(xs) or Fraction(1)
    lo, hi = min(xs) - span * Fraction(15, 100), max(xs) + span * Fraction(15, 100)
    near = [k for f in functions for k in candidate_kinks(f) if min(xs) - 2 * span <= k <= max(xs) + 2 * span]
    return min([lo, *near]), max([hi, *near])
