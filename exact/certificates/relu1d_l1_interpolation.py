"""Kind "relu1d-l1-interpolation": the 1-D infinite-width min-l1 interpolation problem, exactly."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..checker.ramps import Scaled
from ..checker.relu1d import absorbs_constant, kinks_off_data
from ..checker.source import paused_gc
from ..relu.interpolation import Interpolation1D
from ..relu.networks import Network, atoms_json
from . import certificate_header


def interpolation_certificate(sol: Interpolation1D, claim: str, case: str, statement: str = "",
                              network: Network | None = None, dual: Sequence[Fraction] | None = None) -> dict:
    """The optimum of ``sol`` with its dual; by default the network is a finite optimum when one exists
    (its constant absorbable by an end atom), else the LP optimum with its constant (a limit).

    ``network`` / ``dual`` replace them (another optimum; a printed dual to audit): the certificate then
    states the same value, and the checker decides whether the evidence proves it.
    """
    with paused_gc():  # ~10 n acyclic objects (module doc of exact.checker.source)
        return _certificate(sol, claim, case, statement, network, dual)


def _certificate(sol: Interpolation1D, claim: str, case: str, statement: str, network: Network | None,
                 dual: Sequence[Fraction] | None) -> dict:
    statement = statement or (
        "inf ||w||_1 s.t. sum_j w_j s_alpha(u_j x_i + b_j)" + (" + c" if sol.output_bias else "")
        + " = y_i, |u_j| <= 1, b_j free, over networks of any width, equals value; "
        "the dual v is feasible for every (u, b)")
    if network is None:
        weights, constant = sol.weights, sol.constant
        if sol.attained_by is not None and not sol.output_bias:
            weights, constant = sol.attained_by  # an optimum that a finite network realises
        primal = atoms_json(sol.atoms, weights, constant)
        # only the end atoms sigma(x - min x), sigma(max x - x) are affine on the data (can absorb a constant),
        # and every knot is a data point (no kink off the data): the checker re-derives both from all neurons
        xs = Scaled.of(sol.x)  # min and max as integers: 10^6 Fraction comparisons took a second
        lo, hi = xs.fraction(xs.order[0]), xs.fraction(xs.order[-1])
        neurons = [(Fraction(a.u), -a.u * a.knot, w) for a, w in zip(sol.atoms, weights, strict=True)
                   if w and (a.u, a.knot) in ((1, lo), (-1, hi))]
        off: list[str] = []
    else:
        primal, constant = network.as_json(), network.constant
        neurons = [(n.w[0], n.b, n.c) for n in network.neurons if n.c]
        off = [str(t) for t in kinks_off_data(sol.x, neurons, sol.alpha)]
    relation: dict = {"type": "equals", "value": str(sol.value)}
    if sol.output_bias or constant == 0 or absorbs_constant(sol.x, neurons, constant):
        relation["attained"] = True
    if off:
        relation["kinks_off_data"] = off
    doc = certificate_header("relu1d-l1-interpolation", claim, case, statement)
    doc.update(
        convention=sol.convention.as_json(),
        data={"x": [str(v) for v in sol.x], "y": [str(v) for v in sol.y]},
        relation=relation,
        primal=primal,
        dual={"v": [str(v) for v in (sol.dual if dual is None else dual)]},
    )
    return doc
