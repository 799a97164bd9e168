"""Kind "l1-l0-gap": the bias-free l1 optimum, a bound on every 2-neuron fit above it, and l0 = 2."""

from __future__ import annotations

from ..relu.bias_free_l1 import Matrix, ReluL1, TwoNeuronBound, Vector, two_neuron_network
from . import certificate_header
from .whitened_l1 import _matrix_json, _neurons_json


def gap_certificate(A: Matrix, y: Vector, sol: ReluL1, bound: TwoNeuronBound, claim: str, case: str) -> dict:
    doc = certificate_header("l1-l0-gap", claim, case,
                  "bias-free min ||w||_1 = P* (dual over the whole ball); every network with <= 2 neurons "
                  "costs more than P*; 2 neurons (ep Lemma 3.1) fit y, so l0 = 2")
    hi_pos, hi_neg = bound.his
    doc.update(
        A=_matrix_json(A), y=[str(v) for v in y], value=str(sol.value),
        network=[{"u": [str(x) for x in u], "w": str(w)} for u, w in zip(sol.neurons, sol.weights)],
        dual=[str(v) for v in sol.dual],
        patterns=[{"e": str(b.e), "s": [str(x) for x in b.s], "mu": [str(x) for x in b.mu]} for b in sol.bounds],
        two_neuron_bound={"lam_pos": [str(x) for x in bound.lam_pos], "lam_neg": [str(x) for x in bound.lam_neg],
                          "hi_pos": str(hi_pos), "hi_neg": str(hi_neg)},
        l0_network=_neurons_json(two_neuron_network(A, y)))
    return doc
