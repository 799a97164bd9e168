"""Kind "relu-joint-isolated": the optimum of ddb (20) on d-dimensional data, isolated in a Krawczyk box."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ..convention import Convention, HiddenBias
from . import certificate_header

if TYPE_CHECKING:
    from ..relu.joint_isolated_nd import IsolatedND


def isolated_nd_certificate(sol: IsolatedND, claim: str, case: str) -> dict:
    """Kind relu-joint-isolated (checked by :mod:`exact.checker.relu_joint_isolated`)."""
    if sol.lower is None or sol.upper is None:
        raise ValueError(f"isolated_nd_certificate: the optimum is not isolated ({sol.reason})")
    doc = certificate_header("relu-joint-isolated", claim, case,
                             "lower <= min ||nu||_TV s.t. fit over the sphere of R^(d+1) <= upper (ddb (20), "
                             "d-dimensional data); the optimal measure is unique and charges exactly the contacts")
    support = [c.doc() for c in sol.contacts]
    doc.update(convention=Convention(Fraction(0), HiddenBias.IN_NORM).as_json(),
               data={"X": [[str(t) for t in x] for x in sol.X], "y": [str(t) for t in sol.y]},
               relation={"type": "isolated-optimum", "lower": str(sol.lower), "upper": str(sol.upper),
                         "unique": True, "support": support},
               contacts=support,
               box={"centre": [str(t) for t in sol.centre], "radius": [str(t) for t in sol.radius]},
               preconditioner=[[str(t) for t in row] for row in sol.preconditioner],
               bounds=[{"region": list(p), "sign": t, "lambda": {str(i): str(v) for i, v in lam.items()}}
                       for p, t, lam in sol.bounds])
    return doc
