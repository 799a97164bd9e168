"""Kind "whitened-l1": the two-neuron optimum of bias-free min-l1 interpolation on whitened data."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..convention import Convention, HiddenBias
from ..relu.bias_free_l1 import Matrix, Vector, WhitenedL1
from ..relu.networks import Neuron
from . import certificate_header, number

NO_BIAS = Convention(Fraction(0), HiddenBias.NONE, False)


def direction_neurons(net: Sequence[tuple[Vector, int]]) -> list[dict]:
    """Neurons (p, s) of ep Lemma 3.1 as direction neurons {w: p, b: 0, c: s} (the unit neuron p / ||p|| with
    output weight s ||p||, cost ||p||, exact when ||p|| is irrational)."""
    return [Neuron(tuple(p), Fraction(0), Fraction(s)).as_json() for p, s in net]


def matrix_json(A: Matrix) -> list[list[str]]:
    return [[str(v) for v in row] for row in A]


def whitened_certificate(sol: WhitenedL1, claim: str, case: str) -> dict:
    """The certificate of ``sol``: data X = sol.A, y, its two neurons and the dual v (exact square roots).

    >>> from exact.relu.bias_free_l1 import cayley, whitened_l1
    >>> doc = whitened_certificate(whitened_l1(cayley(((0, Fraction(1, 2)), (Fraction(-1, 2), 0))), (3, -4)), "", "")
    >>> doc["relation"], doc["dual"]["v"][0]
    ({'type': 'equals', 'value': '7', 'attained': True, 'l0': 2}, {'root': 2, 'terms': {'1': '1'}})
    """
    doc = certificate_header("whitened-l1", claim, case,
                             "X X^T = I: min ||c||_1 = max v^T y = ||y_+|| + ||y_-||, attained by 2 neurons (l0 = 2)")
    doc.update(convention=NO_BIAS.as_json(), data={"X": matrix_json(sol.A), "y": [str(v) for v in sol.y]},
               relation={"type": "equals", "value": number(sol.value), "attained": True, "l0": 2},
               primal={"neurons": direction_neurons(sol.network)},
               dual={"v": [t.doc() for t in sol.dual]})
    return doc
