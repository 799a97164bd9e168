"""Kind "relu1d-joint-exact": the exact optimum with the bias inside the norm, 1-D, in a field of square roots."""

from __future__ import annotations

from ..relu.joint_norm import JointExact
from . import certificate_header


def joint_exact_certificate(sol: JointExact, claim: str, case: str) -> dict:
    """Kind relu1d-joint-exact (checked by :mod:`exact.checker.relu1d_joint_exact`); the rank test if it holds."""
    doc = certificate_header("relu1d-joint-exact", claim, case,
                             "value = min ||mu||_TV s.t. fit, W = {w^2 + b^2 <= 1} (kh (2)+(8), 1-D, no output bias)"
                             + ("; the optimal function is unique" if sol.uniqueness == "rank" else ""))
    doc.update({"data": {"x": [str(t) for t in sol.x], "y": [str(t) for t in sol.y], "alpha": str(sol.alpha)},
                "dual": {"v": [t.doc() for t in sol.v]},
                "primal": {"neurons": [{"w": str(n.w[0]), "b": str(n.b), "c": str(n.c)} for n in sol.neurons]},
                "value": sol.value.doc()})
    if sol.uniqueness == "rank":
        doc["unique"] = {"contacts": [{"w": str(c.w), "b": str(c.b)} for c in sol.contacts]}
    return doc
