"""Kind "relu1d-l1-interpolation": the 1-D infinite-width min-l1 interpolation problem, exactly."""

from __future__ import annotations

from ..relu.interpolation import Interpolation1D
from . import certificate_header


def interpolation_certificate(sol: Interpolation1D, claim: str, case: str, statement: str = "") -> dict:
    statement = statement or (
        "inf ||w||_1 s.t. sum_j w_j s_alpha(u_j x_i + b_j)"
        + (" + c" if sol.output_bias else "")
        + " = y_i, |u_j| <= 1, b_j free, over networks of any width, equals value; "
        "the dual v is feasible for every (u, b)"
    )
    weights, constant = sol.weights, sol.constant
    if sol.attained_by is not None and not sol.output_bias:
        weights, constant = sol.attained_by  # an optimum that a finite network realises
    doc = certificate_header("relu1d-l1-interpolation", claim, case, statement)
    doc.update(
        data={"x": [str(v) for v in sol.x], "y": [str(v) for v in sol.y], "alpha": str(sol.alpha)},
        output_bias=sol.output_bias,
        primal={
            "atoms": [{"u": a.u, "knot": str(a.knot), "weight": str(w)}
                      for a, w in zip(sol.atoms, weights) if w],
            "constant": str(constant),
        },
        dual={"v": [str(v) for v in sol.dual]},
        value=str(sol.value),
        attained=sol.attained,
    )
    return doc
