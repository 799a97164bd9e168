"""What a report draws, recorded by the checks as plain JSON (exact numbers as strings).

A check records a figure while it runs (:meth:`verify.result.Draft.figure`); the results JSON keeps it,
so ``python -m verify report --from results.json`` draws the same pictures without solving again
(:mod:`verify.report.plots` draws them). Every number is the exact rational the check computed, written
as a string; only the drawing samples in floating point.

Kinds:

- ``functions-1d``: 1-D data and functions of x, each a network ``{neurons: [{u, b, w}], constant, alpha}``
  (x -> sum_j w_j sigma_alpha(u_j x + b_j) + constant) or a linear spline ``{spline: {knots, values,
  left_slope, right_slope}}``; a ``role`` says whether it is a certified optimum, an extreme one of the
  optimal face, or a reference (the paper's printed function, a float solver's);
- ``regions-2d``: 2-D labelled data and a network whose sign is the decision;
- ``arrangement-2d``: the central hyperplane arrangement of the rows of X (d = 2, or d = 3 with a ones
  column, drawn on the chart b = 1);
- ``training``: objective curves of gradient descent against a certified bracket (a band);
- ``frequencies``: measured frequencies (k of n draws) beside the paper's bound.

>>> from fractions import Fraction as F
>>> from exact.relu.networks import Network
>>> tent = Network.of_1d([F(1), F(-1)], [F(-1), F(1)], [F(-1), F(-1)], F(1))
>>> fig = functions_figure([F(0), F(1), F(2)], [F(0), F(1), F(0)], [function_1d("optimal", tent)], "ep (4)")
>>> fig["kind"], fig["functions"][0]["neurons"][0], fig["functions"][0]["constant"]
('functions-1d', {'u': '1', 'b': '-1', 'w': '-1'}, '1')
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable, Sequence

from exact.relu.function_norm import PiecewiseLinear
from exact.relu.networks import Network

#: the roles of a drawn function (the legend says which)
OPTIMAL, EXTREME, REFERENCE = "certified optimum", "extreme optimum", "reference"


def _s(values: Iterable[Any]) -> list[str]:
    return [str(Fraction(v)) for v in values]


def function_1d(label: str, f: Network | PiecewiseLinear, role: str = OPTIMAL) -> dict[str, Any]:
    """One function of x for a ``functions-1d`` figure: a 1-D network or a linear spline, exactly."""
    if isinstance(f, PiecewiseLinear):
        return {"label": label, "role": role, "spline": {
            "knots": _s(f.breakpoints), "values": _s(f.values),
            "left_slope": str(f.left_slope), "right_slope": str(f.right_slope)}}
    if any(len(n.w) != 1 for n in f.neurons):
        raise ValueError("function_1d draws networks of one input; use regions_figure for 2-D data")
    return {"label": label, "role": role, "neurons": [{"u": str(u), "b": str(b), "w": str(w)}
                                                      for u, b, w in zip(f.u, f.b, f.w) if w],
            "constant": str(f.constant), "alpha": str(f.alpha)}


def functions_figure(x: Sequence[Fraction], y: Sequence[Fraction], functions: Sequence[dict[str, Any]],
                     title: str) -> dict[str, Any]:
    """The data (x_i, y_i) and the functions (:func:`function_1d`)."""
    return {"kind": "functions-1d", "title": title, "x": _s(x), "y": _s(y), "functions": list(functions)}


def regions_figure(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], f: Network, title: str
                   ) -> dict[str, Any]:
    """2-D points with labels y and the network f whose sign classifies them."""
    return {"kind": "regions-2d", "title": title, "X": [_s(r) for r in X], "y": _s(y),
            "network": {"neurons": [{"w": _s(n.w), "b": str(n.b), "c": str(n.c)} for n in f.neurons if n.c],
                        "constant": str(f.constant), "alpha": str(f.alpha)}}


def arrangement_figure(X: Sequence[Sequence[Fraction]], title: str) -> dict[str, Any]:
    """The central arrangement {u : x_i . u = 0} of the rows of X (d = 2, or d = 3)."""
    return {"kind": "arrangement-2d", "title": title, "X": [_s(r) for r in X]}


def training_figure(curves: Sequence[tuple[str, Sequence[int], Sequence[float]]], band: tuple[Fraction, Fraction],
                    title: str, ylabel: str) -> dict[str, Any]:
    """Objective curves (label, iterations, float objectives of a training run) and the certified bracket."""
    return {"kind": "training", "title": title, "ylabel": ylabel, "band": _s(band),
            "curves": [{"label": label, "iterations": list(its), "objectives": [float(v) for v in values]}
                       for label, its, values in curves]}


def frequencies_figure(rows: Sequence[tuple[str, int, int, Fraction | None]], title: str, what: str,
                       bound_label: str = "the paper's bound") -> dict[str, Any]:
    """Per row (label, k, n, bound): k of n draws showed ``what``; the bound is a frequency the paper states
    (None where it states none)."""
    return {"kind": "frequencies", "title": title, "what": what, "bound_label": bound_label,
            "rows": [{"label": label, "count": k, "draws": n, "bound": None if b is None else str(Fraction(b))}
                     for label, k, n, b in rows]}
