"""Kind "l1-l0-gap": the bias-free l1 optimum, a bound on every 2-neuron fit above it, and l0 = 2."""

from __future__ import annotations

from fractions import Fraction

from ..checker.arith import Surd, dot
from ..relu.bias_free_l1 import Matrix, ReluL1, TwoNeuronBound, Vector, two_neuron_network
from ..relu.networks import Neuron
from . import certificate_header, number
from .whitened_l1 import NO_BIAS, direction_neurons, matrix_json


def gap_certificate(A: Matrix, y: Vector, sol: ReluL1, bound: TwoNeuronBound, claim: str, case: str) -> dict:
    """The certificate about the samples ``A`` and labels ``y``: the l1 optimum ``sol`` (unit-ball neurons, dual
    and its per-cone bounds), the simplex weights of ``bound`` and the two neurons of ep Lemma 3.1."""
    strs = lambda vec: [str(v) for v in vec]  # noqa: E731
    hi_pos, hi_neg = bound.his
    l0 = two_neuron_network(A, y)  # signs +-1: cost ||p_+|| + ||p_-||
    doc = certificate_header("l1-l0-gap", claim, case,
                             "bias-free min ||c||_1 = P* (dual over the whole ball); every network with <= 2 neurons "
                             "costs more than P*; 2 neurons (ep Lemma 3.1) fit y, so l0 = 2")
    doc.update(
        convention=NO_BIAS.as_json(), data={"X": matrix_json(A), "y": strs(y)},
        relation={"type": "equals", "value": str(sol.value), "attained": True, "l0": 2,
                  "two_neuron_lower": str(1 / hi_pos + 1 / hi_neg),
                  "l0_cost": number(sum((Surd.sqrt(dot(p, p)) for p, _ in l0), Surd.of(0)))},
        primal={"neurons": [Neuron(tuple(u), Fraction(0), w).as_json() for u, w in zip(sol.neurons, sol.weights,
                                                                                        strict=True)]},
        dual={"v": strs(sol.dual),
              "patterns": [{"e": b.e, "s": list(b.s), "mu": strs(b.mu)} for b in sol.bounds]},
        two_neuron_bound={"pos": {"lam": strs(bound.lam_pos), "hi": str(hi_pos)},
                          "neg": {"lam": strs(bound.lam_neg), "hi": str(hi_neg)}},
        l0_neurons=direction_neurons(l0))
    return doc
