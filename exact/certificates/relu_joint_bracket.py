"""Kind "relu-joint-bracket": a certified bracket of ddb (20) on d-dimensional data."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ..convention import Convention, HiddenBias
from . import certificate_header

if TYPE_CHECKING:
    from ..relu.joint_bracket_nd import BracketND


def bracket_nd_certificate(b: BracketND, claim: str, case: str) -> dict:
    """Kind relu-joint-bracket (checked by :mod:`exact.checker.relu_joint_bracket`)."""
    doc = certificate_header("relu-joint-bracket", claim, case,
                             "lower <= min ||nu||_TV s.t. fit over the sphere of R^(d+1) <= upper (ddb (20), "
                             "d-dimensional data)")
    doc.update(convention=Convention(Fraction(0), HiddenBias.IN_NORM).as_json(),
               data={"X": [[str(t) for t in x] for x in b.X], "y": [str(t) for t in b.y]},
               relation={"type": "between", "lower": str(b.lower), "upper": str(b.upper)},
               dual={"v": [str(t) for t in b.v], "bound": str(b.bound),
                     "bounds": [{"region": list(p), "sign": t, "lambda": {str(i): str(x) for i, x in lam.items()}}
                                for p, t, lam in b.bounds]},
               primal={"neurons": [{"w": [str(t) for t in theta], "c": str(c)} for theta, c in b.neurons],
                       "norm_bounds": [str(r) for r in b.norm_bounds]})
    return doc
