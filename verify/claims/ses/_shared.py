"""Helpers shared by the Savarese, Evron, Soudry & Srebro claims.
"""

from __future__ import annotations

from exact.relu.networks import Network


def _network_text(net: Network) -> str:
    return " + ".join(f"{w} [{u} x + {b}]_+" for u, b, w in zip(net.u, net.b, net.w) if w) or "0"
