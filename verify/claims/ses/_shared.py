"""Helpers shared by the Savarese, Evron, Soudry & Srebro claims.
"""

from __future__ import annotations

from exact.relu.function_norm import PiecewiseLinear
from exact.relu.networks import Network


def about_function(f: PiecewiseLinear) -> dict:
    """The data a relu1d-function-norm certificate of f must be about (f is derived from the case)."""
    return {"breakpoints": f.breakpoints, "values": f.values, "left_slope": f.left_slope, "right_slope": f.right_slope}


def _network_text(net: Network) -> str:
    return " + ".join(f"{w} [{u} x + {b}]_+" for u, b, w in zip(net.u, net.b, net.w) if w) or "0"
