"""Kind "whitened-l1": the two-neuron optimum of bias-free min-l1 interpolation on whitened data."""

from __future__ import annotations

from ..relu.bias_free_l1 import Matrix, WhitenedL1
from . import certificate_header


def _neurons_json(net) -> list[dict]:
    return [{"p": [str(v) for v in p], "sign": str(s)} for p, s in net]


def _matrix_json(A: Matrix) -> list[list[str]]:
    return [[str(v) for v in row] for row in A]


def whitened_certificate(sol: WhitenedL1, claim: str, case: str) -> dict:
    doc = certificate_header("whitened-l1", claim, case,
                  "A A^T = I: min ||w||_1 = max v^T y = ||y_+|| + ||y_-||, attained by 2 neurons (l0 = 2)")
    doc.update(A=_matrix_json(sol.A), y=[str(v) for v in sol.y], network=_neurons_json(sol.network),
               dual=[{"r": str(r), "m": str(m)} for r, m in sol.dual], value=str(sol.value))
    return doc
