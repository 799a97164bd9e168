"""Helpers shared by the Savarese, Evron, Soudry & Srebro claims.

>>> from fractions import Fraction as F
>>> f = PiecewiseLinear((F(0), F(1)), (F(0), F(2)), F(1), F(1))
>>> function_of_data(about_function(f) | {"convention": {}}).same_function(f)
True
"""

from __future__ import annotations

from typing import Any, Mapping

from exact.relu.function_norm import PiecewiseLinear
from exact.relu.networks import Network


def about_function(f: PiecewiseLinear) -> dict:
    """The data a relu1d-function-norm certificate of f must be about (f is derived from the case)."""
    return {"breakpoints": f.breakpoints, "values": f.values, "left_slope": f.left_slope, "right_slope": f.right_slope}


def function_of_data(data: Mapping[str, Any]) -> PiecewiseLinear:
    """The piecewise-linear f a relu1d-function-norm certificate is about, from its checked ``data``."""
    return PiecewiseLinear(tuple(data["breakpoints"]), tuple(data["values"]), data["left_slope"], data["right_slope"])


def network_text(net: Network) -> str:
    """A finite network as text: "w [u x + b]_+ + ..." (zero weights left out)."""
    return " + ".join(f"{w} [{u} x + {b}]_+" for u, b, w in zip(net.u, net.b, net.w) if w) or "0"
