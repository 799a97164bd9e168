"""Kind "relu1d-joint-isolated": the optimum with the bias inside the norm, 1-D, isolated in a Krawczyk box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..convention import Convention, HiddenBias
from . import certificate_header

if TYPE_CHECKING:
    from ..relu.joint_isolated import Isolated


def isolated_certificate(sol: Isolated, claim: str, case: str) -> dict:
    """Kind relu1d-joint-isolated (checked by :mod:`exact.checker.relu1d_joint_isolated`)."""
    if sol.lower is None or sol.upper is None:
        raise ValueError(f"isolated_certificate: the optimum is not isolated ({sol.reason})")
    relation = {"type": "isolated-optimum", "lower": str(sol.lower), "upper": str(sol.upper), "even": sol.even,
                "support": [c.doc() for c in sol.support], "charged": [c.doc() for c in sol.charged]}
    if not sol.even:
        relation["unique"] = True
    if sol.penalty:
        relation["penalty"] = str(sol.penalty)
    doc = certificate_header("relu1d-joint-isolated", claim, case,
                             "lower <= min ||mu||_TV s.t. fit, W = {w^2 + b^2 <= 1} <= upper (ddb (20) = kh (2)+(8), "
                             "1-D, no output bias; with a penalty lambda: min 1/n ||f - y||^2 + lambda ||mu||_TV, "
                             "(22)); every optimal measure is carried by the support, a certified "
                             "one charges the points listed as charged" + ("" if sol.even else "; it is unique"))
    doc.update(convention=Convention(sol.alpha, HiddenBias.IN_NORM).as_json(),
               data={"x": [str(t) for t in sol.x], "y": [str(t) for t in sol.y]},
               relation=relation, even=sol.even, contacts=[c.doc() for c in sol.contacts],
               box={"centre": [str(t) for t in sol.centre], "radius": [str(t) for t in sol.radius]},
               preconditioner=[[str(t) for t in row] for row in sol.preconditioner])
    if sol.penalty:
        doc["penalty"] = str(sol.penalty)
    if sol.even:
        doc["antipodes"] = [t if isinstance(t, str) else str(t) for t in sol.antipodes]
    return doc
