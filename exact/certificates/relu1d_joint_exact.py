"""Kind "relu1d-joint-exact": the exact optimum with the bias inside the norm, 1-D, in a field of square roots."""

from __future__ import annotations

from ..convention import Convention, HiddenBias
from ..relu.joint_norm import JointExact
from . import certificate_header, number


def joint_exact_certificate(sol: JointExact, claim: str, case: str) -> dict:
    """Kind relu1d-joint-exact (checked by :mod:`exact.checker.relu1d_joint_exact`); the rank test if it holds.

    The neurons keep their unnormalised rational directions (w, b) (cost |c| sqrt(w^2 + b^2)).
    """
    if sol.value is None:
        raise ValueError(f"joint_exact_certificate: the optimum is not decided ({sol.reason})")
    unique = sol.uniqueness == "rank"
    relation = {"type": "equals", "value": number(sol.value), "attained": True} | ({"unique": True} if unique else {})
    doc = certificate_header("relu1d-joint-exact", claim, case,
                             "value = min ||mu||_TV s.t. fit, W = {w^2 + b^2 <= 1} (kh (2)+(8), 1-D, no output bias)"
                             + ("; the optimal function is unique" if unique else ""))
    doc.update(convention=Convention(sol.alpha, HiddenBias.IN_NORM).as_json(),
               data={"x": [str(t) for t in sol.x], "y": [str(t) for t in sol.y]},
               relation=relation,
               primal={"neurons": [n.as_json() for n in sol.neurons]},
               dual={"v": [t.doc() for t in sol.v]})
    if unique:
        doc["unique"] = {"contacts": [{"w": str(c.w), "b": str(c.b)} for c in sol.contacts]}
    return doc
