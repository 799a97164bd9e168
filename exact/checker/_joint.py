"""Helpers of the joint-norm kinds (relu1d-joint-bracket, relu1d-joint-exact): private to the checker.

kh (2) with W = {w^2 + b^2 <= 1} in 1-D: data, the primal network and the dual check over the circle.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ._fields import Malformed, at, list_, q, qlist
from .arith import sigma
from .relu1d import Field, joint_candidates


def joint_data(doc: dict) -> tuple[list[Fraction], list[Fraction], Fraction]:
    """data.x (distinct), data.y, data.alpha (!= 1) of a 1-D joint-norm certificate."""
    x = qlist(at(doc, "data.x"), "data.x")
    y = qlist(at(doc, "data.y"), "data.y", len(x))
    alpha = q(at(doc, "data.alpha"), "data.alpha")
    if alpha == 1 or len(set(x)) != len(x) or not x:
        raise Malformed("data: need distinct points x and alpha != 1")
    return x, y, alpha


def joint_network(doc: dict, x: list[Fraction], y: list[Fraction], alpha: Fraction, problems: list[str]
                  ) -> list[tuple[Fraction, Fraction, Fraction]]:
    """primal.neurons as (c, w, b); a problem for every data point where sum c sigma(w x + b) != y."""
    out = []
    for j, nr in enumerate(list_(at(doc, "primal.neurons"), "primal.neurons")):
        out.append(tuple(q(at(nr, k, f"primal.neurons[{j}]"), f"primal.neurons[{j}].{k}") for k in ("c", "w", "b")))
    for i, (xi, yi) in enumerate(zip(x, y)):
        f = sum((c * sigma(w * xi + b, alpha) for c, w, b in out), Fraction(0))
        if f != yi:
            problems.append(f"primal: network value {f} at x[{i}] = {xi} but y = {yi}")
    return out


def joint_dual_ok(x: list[Fraction], v: Sequence[Field], alpha: Fraction, problems: list[str]) -> list:
    """|g_v(a)| <= |a| at every candidate of :func:`joint_candidates` (so on the whole disk); the candidates."""
    cands = joint_candidates(x, v, alpha)
    for a, g in cands:
        if g * g > a[0] * a[0] + a[1] * a[1]:
            problems.append(f"dual: |g(a)| > |a| at a = ({a[0]}, {a[1]}): g = {g}")
    return cands


