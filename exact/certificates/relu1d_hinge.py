"""Kind "relu1d-hinge": the hinge-loss training problem of 1-D ReLU networks, value and dual."""

from __future__ import annotations

from ..relu.hinge import Hinge1D
from . import certificate_header


def hinge_certificate(sol: Hinge1D, claim: str, case: str) -> dict:
    """Kind ``relu1d-hinge`` (checked by :mod:`exact.checker.relu1d_hinge`); a finite optimum when one exists."""
    weights, constant = sol.attained_by or (sol.weights, sol.constant)
    doc = certificate_header("relu1d-hinge", claim, case,
                  f"ep (18), mode {sol.mode}: inf sum_i max(0, 1 - y_i f(x_i)) + beta ||w||_1 equals value; "
                  "the dual v is feasible for every neuron of the mode")
    doc.update(
        data={"x": [str(v) for v in sol.x], "y": [str(v) for v in sol.y], "beta": str(sol.beta)},
        mode=sol.mode,
        primal={"atoms": [{"u": a.u, "knot": str(a.knot), "weight": str(w)}
                          for a, w in zip(sol.atoms, weights) if w],
                "constant": str(constant)},
        dual={"v": [str(v) for v in sol.dual]},
        value=str(sol.value),
    )
    return doc
