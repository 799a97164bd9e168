"""Checker of kind "separating-neurons" (exact/checker/separating_neurons.py): certificates built by hand."""
from __future__ import annotations

import pytest

from exact.checker import check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, mat, tampered, vec

EP_4 = {"alpha": "0", "hidden_bias": "free", "output_bias": False}
PROP = "samples-are-vertices"


def neuron(w, b, c) -> dict:
    return {"w": vec(w), "b": str(b), "c": str(c)}


def certificate(X, y, relation, **evidence) -> dict:
    return {**HEADER, "kind": "separating-neurons", "statement": "test", "convention": EP_4,
            "data": {"X": mat(X), "y": vec(y)}, "relation": relation, **evidence}


# the triangle (0, 0), (2, 0), (0, 2): each neuron cuts one corner, activation diag(1/2, 1, 1), so
# c = y / diag = (2, -2, 3) and ||c||_1 = 7; Lemma 2.7: (0, 0) is at squared distance 2 from the
# opposite edge (nearest point (1, 1)), the other corners at 4 from the origin
TRIANGLE = [[0, 0], [2, 0], [0, 2]]
NEURONS = [neuron(["-1/2", "-1/2"], "1/2", 2), neuron([1, 0], -1, -2), neuron([0, 1], -1, 3)]
LEMMA = [{"lambda": vec([0, "1/2", "1/2"]), "dist2": "2"}, {"lambda": vec([1, 0, 0]), "dist2": "4"},
         {"lambda": vec([1, 0, 0]), "dist2": "4"}]
GOOD = certificate(TRIANGLE, [1, -2, 3], {"type": "holds", "property": PROP, "upper": "7", "dist2": ["2", "4", "4"]},
                   neurons=NEURONS, lemma_2_7=LEMMA)
# 1-D: 1 = (2/3) 0 + (1/3) 3 is not a vertex of conv{0, 1, 3}
INTERIOR = certificate([[0], [1], [3]], [1, 1, 1], {"type": "fails", "property": PROP, "non_vertices": [1]},
                       witnesses=[{"row": 1, "lambda": vec(["2/3", 0, "1/3"])}])


def test_valid_certificates():
    rep = check_certificate(GOOD)
    assert rep.ok and rep.relation == GOOD["relation"] and rep.value is None, rep.problems
    assert rep.data == {"X": mat(TRIANGLE), "y": ["1", "-2", "3"], "convention": EP_4}
    without_lemma = tampered(tampered(GOOD, "lemma_2_7", DELETE), "relation.dist2", DELETE)
    assert check_certificate(without_lemma).relation == {"type": "holds", "property": PROP, "upper": "7"}
    assert check_certificate(INTERIOR).relation == {"type": "fails", "property": PROP, "non_vertices": [1]}


@pytest.mark.parametrize("path, new, fragment", [
    ("neurons.0.w", ["-1", "-1"], "neurons[0]: ||w||^2 = 2 > 1"),
    ("neurons.0.b", "3/2", "activation (1, 0) = 1/2 != 0: not diagonal"),
    ("neurons.1.b", "-10", "activation (1, 1) = 0: neuron 1 is not active at its sample"),
    ("neurons.2.c", "0", "sample 2: network output 0 != y = 3"),
    ("neurons", NEURONS[:2], "neurons: expected 3 neurons (one per sample), got 2"),
    ("relation.upper", "1", "relation: the certificate states"),
    ("lemma_2_7.0.dist2", "1/10", "lemma_2_7[0]: ||x_j - p||^2 = 2, stated 1/10, must be equal and > 0"),
    ("lemma_2_7.0.lambda", vec([0, 1, 0]), "lemma_2_7[0]: p is not the nearest point"),
    ("lemma_2_7.1.lambda", vec([1, 0, 1]), "lemma_2_7[1]: weights sum to 2, must be 1"),
    ("lemma_2_7", LEMMA[:1], "lemma_2_7: expected 3 entries, got 1"),
    ("relation.dist2", ["2", "4", "2"], "relation: the certificate states"),
    ("witnesses", [], "evidence: expected exactly one of ('neurons', 'witnesses'), got ['neurons', 'witnesses']"),
    ("neurons", DELETE, "evidence: expected exactly one of"),
    ("convention.hidden_bias", "none", "convention: the certificate states"),
    ("data.y", ["1", "-2"], "data.y: expected 3 entries, got 2"),
])
def test_tampered_network_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


@pytest.mark.parametrize("path, new, fragment", [
    ("witnesses.0.lambda", vec([1, 0, 0]), "witnesses[0]: sum lambda_i x_i != x_1"),  # convex, the wrong point
    ("witnesses.0.lambda", vec([0, 1, 0]), "witnesses[0]: weight of the row itself is 1, must be 0"),
    ("witnesses.0.lambda", vec([1, 0, "-1/3"]), "witnesses[0]: a weight is negative"),
    ("witnesses.0.row", 3, "witnesses[0].row: expected an integer from 0 to 2, got 3"),
    ("witnesses", [], "witnesses: expected 1 to n = 3 non-vertex witnesses, got 0"),
    ("relation.non_vertices", [0, 1], "relation: the certificate states"),
    # claiming the hypothesis holds needs the network, which cannot exist here
    ("relation", {"type": "holds", "property": PROP, "upper": "3"}, "relation: the certificate states"),
    ("lemma_2_7", [], "lemma_2_7: only with neurons"),
])
def test_tampered_witness_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(INTERIOR, path, new)), fragment)
