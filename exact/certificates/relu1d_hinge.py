"""Kind "relu1d-hinge": the hinge-loss training problem of 1-D ReLU networks, value and dual."""

from __future__ import annotations

from ..checker.relu1d import absorbs_constant
from ..convention import Convention, HiddenBias
from ..relu.hinge import Hinge1D
from ..relu.networks import Network
from . import certificate_header


def hinge_certificate(sol: Hinge1D, claim: str, case: str, output_bias: bool = False) -> dict:
    """Kind ``relu1d-hinge`` (checked by :mod:`exact.checker.relu1d_hinge`); a finite optimum when one exists.

    ``output_bias``: the constant of ``sol`` is a free output bias (ses (28)) rather than a limit.

    >>> from fractions import Fraction as F
    >>> from exact.relu.hinge import solve_hinge_1d
    >>> sol = solve_hinge_1d([F(0), F(1), F(2)], [F(1), F(-1), F(1)], F(1, 10))
    >>> hinge_certificate(sol, "demo", "demo")["relation"]
    {'type': 'equals', 'value': '2/5'}
    >>> hinge_certificate(sol, "demo", "demo", output_bias=True)["relation"]
    {'type': 'equals', 'value': '2/5', 'attained': True}
    """
    weights, constant = sol.attained_by or (sol.weights, sol.constant)
    network = Network.from_atoms(sol.atoms, weights, constant)
    neurons = [(n.w[0], n.b, n.c) for n in network.neurons]
    relation: dict = {"type": "equals", "value": str(sol.value)}
    if output_bias or constant == 0 or absorbs_constant(sol.x, neurons, constant):
        relation["attained"] = True
    bias = HiddenBias.NONE if sol.mode == "no-bias" else HiddenBias.FREE
    doc = certificate_header("relu1d-hinge", claim, case,
                             f"ep (18), mode {sol.mode}: inf sum_i max(0, 1 - y_i f(x_i)) + beta ||c||_1 equals "
                             "value; the dual v is feasible for every neuron of the mode")
    doc.update(
        convention=Convention(hidden_bias=bias, output_bias=output_bias).as_json(),
        data={"x": [str(v) for v in sol.x], "y": [str(v) for v in sol.y], "beta": str(sol.beta), "mode": sol.mode},
        relation=relation,
        primal=network.as_json(),
        dual={"v": [str(v) for v in sol.dual]},
    )
    return doc
