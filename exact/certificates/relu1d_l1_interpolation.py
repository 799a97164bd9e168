"""Kind "relu1d-l1-interpolation": the 1-D infinite-width min-l1 interpolation problem, exactly."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..checker.ramps import Scaled
from ..checker.relu1d import absorbs_constant, kinks_off_data
from ..checker.source import paused_gc
from ..relu.interpolation import Interpolation1D
from ..relu.networks import Network, atoms_json, neurons_json, rational_strings
from . import certificate_header


def interpolation_certificate(sol: Interpolation1D, claim: str, case: str, statement: str = "",
                              network: Network | None = None, dual: Sequence[Fraction] | None = None) -> dict:
    """The optimum of ``sol`` with its dual; by default the network is a finite optimum when one exists
    (its constant absorbable by an end atom), else the LP optimum with its constant (a limit).

    ``network`` / ``dual`` replace them (another optimum; a printed dual to audit): the certificate then
    states the same value, and the checker decides whether the evidence proves it.

    Every number is written from the integers of ``sol.optimum`` (:func:`~exact.relu.networks.rational_strings`,
    no Fraction per entry), and a network of more than ``COLUMNS_FROM`` neurons as one object of columns
    (:func:`~exact.relu.networks.neurons_json`): 10^5 points took 0.15-0.29 s in the benchmark (0.2 s, 2026-12-03).
    """
    with paused_gc():  # ~10 n acyclic objects (module doc of exact.checker.source)
        return _certificate(sol, claim, case, statement, network, dual)


def _certificate(sol: Interpolation1D, claim: str, case: str, statement: str, network: Network | None,
                 dual: Sequence[Fraction] | None) -> dict:
    statement = statement or (
        "inf ||w||_1 s.t. sum_j w_j s_alpha(u_j x_i + b_j)" + (" + c" if sol.output_bias else "")
        + " = y_i, |u_j| <= 1, b_j free, over networks of any width, equals value; "
        "the dual v is feasible for every (u, b)")
    opt = sol.optimum
    if network is None:
        weights, constant = opt.weights, sol.constant
        if opt.attaining is not None and not sol.output_bias:
            weights, constant = opt.attaining  # an optimum that a finite network realises
        primal = atoms_json(opt.u, opt.knots, weights, constant)
        # only the end atoms sigma(x - min x), sigma(max x - x) are affine on the data (can absorb a constant),
        # and every knot is a data point (no kink off the data): the checker re-derives both from all neurons
        neurons, extremes = [], []  # extremes: the data as absorbs_constant uses it, its min and max
        for j in (0, -1) if opt.u else ():  # the end atoms, first and last (Optimum1D)
            u, t = opt.u[j], Fraction(opt.knots.nums[j], opt.knots.den)
            extremes.append(t)
            if weights.nums[j]:
                neurons.append((Fraction(u), -u * t, Fraction(weights.nums[j], weights.den)))
        off: list[str] = []
    else:
        constant = network.constant
        neurons = [(n.w[0], n.b, n.c) for n in network.neurons if n.c]
        columns = (Scaled.of(column) for column in zip(*neurons)) if neurons else (Scaled([], 1),) * 3
        primal = {"neurons": neurons_json(*columns), "constant": str(constant)}
        extremes = list(sol.x)
        off = [str(t) for t in kinks_off_data(sol.x, neurons, sol.alpha)]
    relation: dict = {"type": "equals", "value": str(sol.value)}
    if sol.output_bias or constant == 0 or absorbs_constant(extremes, neurons, constant):
        relation["attained"] = True
    if off:
        relation["kinks_off_data"] = off
    doc = certificate_header("relu1d-l1-interpolation", claim, case, statement)
    doc.update(
        convention=sol.convention.as_json(),
        data={"x": rational_strings(opt.x, repeats=False), "y": rational_strings(opt.y)},
        relation=relation,
        primal=primal,
        dual={"v": rational_strings(opt.dual if dual is None else Scaled.of(dual))},
    )
    return doc
