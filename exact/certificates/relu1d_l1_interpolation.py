"""Kind "relu1d-l1-interpolation": the 1-D infinite-width min-l1 interpolation problem, exactly."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..checker.relu1d import absorbs_constant, kinks_1d
from ..relu.interpolation import Interpolation1D
from ..relu.networks import Network
from . import certificate_header


def interpolation_certificate(sol: Interpolation1D, claim: str, case: str, statement: str = "",
                              network: Network | None = None, dual: Sequence[Fraction] | None = None) -> dict:
    """The optimum of ``sol`` with its dual; by default the network is a finite optimum when one exists
    (its constant absorbable by an end atom), else the LP optimum with its constant (a limit).

    ``network`` / ``dual`` replace them (another optimum; a printed dual to audit): the certificate then
    states the same value, and the checker decides whether the evidence proves it.
    """
    statement = statement or (
        "inf ||w||_1 s.t. sum_j w_j s_alpha(u_j x_i + b_j)" + (" + c" if sol.output_bias else "")
        + " = y_i, |u_j| <= 1, b_j free, over networks of any width, equals value; "
        "the dual v is feasible for every (u, b)")
    if network is None:
        weights, constant = sol.weights, sol.constant
        if sol.attained_by is not None and not sol.output_bias:
            weights, constant = sol.attained_by  # an optimum that a finite network realises
        network = Network.from_atoms(sol.atoms, weights, constant, sol.alpha)
    conv = sol.convention
    neurons = [(n.w[0], n.b, n.c) for n in network.neurons if n.c]
    relation: dict = {"type": "equals", "value": str(sol.value)}
    if sol.output_bias or network.constant == 0 or absorbs_constant(sol.x, neurons, network.constant):
        relation["attained"] = True
    data_points = set(sol.x)  # once: a set per kink made this quadratic in n
    off = [str(t) for t in kinks_1d(neurons, sol.alpha) if t not in data_points]
    if off:
        relation["kinks_off_data"] = off
    doc = certificate_header("relu1d-l1-interpolation", claim, case, statement)
    doc.update(
        convention=conv.as_json(),
        data={"x": [str(v) for v in sol.x], "y": [str(v) for v in sol.y]},
        relation=relation,
        primal=network.as_json(),
        dual={"v": [str(v) for v in (sol.dual if dual is None else dual)]},
    )
    return doc
