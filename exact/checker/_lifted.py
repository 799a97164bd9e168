"""Data and bounds of the kinds on lifted d-dimensional data (relu-joint-isolated, relu-joint-bracket): private to the
checker, standard library only.

A point x_i in R^d is the row r_i = (x_i, 1), a neuron theta in R^(d+1) sees it through r_i . theta; a Moreau bound
lists multipliers lambda >= 0 per region and sign (the kinds' docstrings).

>>> from fractions import Fraction as F
>>> dot([F(1), F(2)], [F(3), F(1, 2)])
Fraction(4, 1)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from ._fields import Malformed, at, list_, q, qlist, qmatrix, within
from ._proved import stated_convention

MAX_POINTS = 16
MAX_DIMENSION = 3


def dot(a: Sequence[Any], b: Sequence[Any]) -> Any:
    """sum_k a_k b_k (rationals or intervals)."""
    return sum((s * t for s, t in zip(a, b, strict=True)), Fraction(0))


def region_bounds(listed: object, name: str, n: int) -> dict[tuple[tuple[int, ...], int], dict[int, Fraction]]:
    """Moreau multipliers per (region sign vector, sign t): a list of {"region": p, "sign": t, "lambda": {row:
    rational >= 0}}."""
    out = {}
    for j, b in enumerate(list_(listed, name)):
        where = f"{name}[{j}]"
        key = (tuple(list_(at(b, "region", where), f"{where}.region", n)), at(b, "sign", where))
        raw = at(b, "lambda", where)
        lam = {int(i): q(t, f"{where}.lambda.{i}") for i, t in raw.items() if str(i).isdigit() and int(i) < n}
        if len(lam) < len(raw) or any(t < 0 for t in lam.values()):
            raise Malformed(f"{where}.lambda: expected nonnegative rationals keyed by row index")
        out[key] = lam
    return out


def lifted_data(doc: dict) -> tuple[Fraction, list[list[Fraction]], list[Fraction], list[list[Fraction]]]:
    """(alpha, X, y, the lifted rows (x_i, 1)) of the convention {alpha != 1, in-norm, no output bias}, data.X with
    distinct points (n <= MAX_POINTS, d <= MAX_DIMENSION) and data.y."""
    conv = stated_convention(doc)
    if conv["hidden_bias"] != "in-norm" or conv["output_bias"]:
        raise Malformed("convention: expected hidden_bias in-norm and no output bias")
    X = qmatrix(at(doc, "data.X"), "data.X")
    within(len(X), MAX_POINTS, "data.X: points n")
    within(len(X[0]), MAX_DIMENSION, "data.X: dimension d")
    if len({tuple(r) for r in X}) < len(X):
        raise Malformed("data.X: expected distinct points")
    y = qlist(at(doc, "data.y"), "data.y", len(X))
    return Fraction(conv["alpha"]), X, y, [list(r) + [Fraction(1)] for r in X]
