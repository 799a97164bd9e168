"""Helpers of the joint-norm kinds (relu1d-joint-bracket, relu1d-joint-exact): private to the checker.

kh (2) with W = {w^2 + b^2 <= 1} (kh (8)) in 1-D: data and convention, the primal network and the dual
check over the circle.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ._fields import Malformed, at, distinct_points, neurons, qlist, show, within
from ._proved import convention, stated_convention
from .relu1d import Field, Neuron1D, joint_candidates, network_1d


def joint_data(doc: dict, max_points: int) -> tuple[list[Fraction], list[Fraction], Fraction, dict]:
    """data.x (distinct, at most ``max_points``: the kind's limit), data.y and the convention {alpha != 1,
    hidden_bias "in-norm", no output bias}; returns (x, y, alpha, the data the kind is about)."""
    conv = stated_convention(doc)
    alpha = Fraction(conv["alpha"])
    if conv["hidden_bias"] != "in-norm" or conv["output_bias"]:
        raise Malformed(f"convention: expected alpha != 1, hidden_bias in-norm, no output bias, got {show(conv)}")
    x = distinct_points(doc, "data.x")
    within(len(x), max_points, "data.x: points n")
    y = qlist(at(doc, "data.y"), "data.y", len(x))
    return x, y, alpha, {"x": x, "y": y, "convention": convention(alpha, "in-norm", False)}


def joint_network(doc: dict, x: list[Fraction], y: list[Fraction], alpha: Fraction, problems: list[str]
                  ) -> list[Neuron1D]:
    """primal.neurons {w: [w], b, c} as (w, b, c); a problem for every point where sum c sigma(w x + b) != y."""
    out = [(w[0], b, c) for w, b, c in neurons(at(doc, "primal.neurons"), "primal.neurons", 1)]
    for i, (fi, yi) in enumerate(zip(network_1d(x, out, alpha), y, strict=True)):
        if fi != yi:
            problems.append(f"primal: network value {fi} at x[{i}] = {x[i]} but y = {yi}")
    return out


def joint_dual_ok(x: list[Fraction], v: Sequence[Field], alpha: Fraction, problems: list[str]) -> list:
    """|g_v(a)| <= |a| at every candidate of :func:`joint_candidates` (so on the whole disk); the candidates."""
    cands = joint_candidates(x, v, alpha)
    for a, g in cands:
        if g * g > a[0] * a[0] + a[1] * a[1]:
            problems.append(f"dual: |g(a)| > |a| at a = ({a[0]}, {a[1]}): g = {g}")
    return cands
