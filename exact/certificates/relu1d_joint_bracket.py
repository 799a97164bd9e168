"""Kind "relu1d-joint-bracket": an exact bracket of the 1-D problem with the bias inside the norm (kh (2)+(8))."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..convention import Convention, HiddenBias
from ..relu.networks import Network
from . import certificate_header


def joint_bracket_certificate(claim: str, case: str, x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction,
                              network: Network, v: Sequence[Fraction], lower: Fraction, upper: Fraction,
                              norm_bounds: Sequence[Fraction] | None = None) -> dict:
    """The network fitting y, cost ``upper``: atoms in the unit disk w^2 + b^2 <= 1, or any directions (w, b)
    with ``norm_bounds`` r_j >= |(w_j, b_j)| (one per neuron with c != 0; cost sum |c_j| r_j); the dual v with
    |g_v| <= 1 on the disk and v^T y = ``lower``."""
    doc = certificate_header("relu1d-joint-bracket", claim, case,
                             "lower <= inf ||mu||_TV s.t. fit, W = {w^2 + b^2 <= 1} (kh (2)+(8)) <= upper")
    doc.update(convention=Convention(alpha, HiddenBias.IN_NORM).as_json(),
               data={"x": [str(t) for t in x], "y": [str(t) for t in y]},
               relation={"type": "between", "lower": str(lower), "upper": str(upper)},
               primal={"neurons": [n.as_json() for n in network.neurons if n.c]},
               dual={"v": [str(t) for t in v]})
    if norm_bounds is not None:
        doc["primal"]["norm_bounds"] = [str(r) for n, r in zip(network.neurons, norm_bounds, strict=True) if n.c]
    return doc
