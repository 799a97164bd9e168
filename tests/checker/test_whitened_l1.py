"""Checker of kind "whitened-l1" (exact/checker/whitened_l1.py): certificates built by hand, and the fixture."""
from __future__ import annotations

import pytest

from exact.checker import check_certificate
from tests.checker.helpers import HEADER, assert_problem, fixture, mat, tampered, vec

NO_BIAS = {"alpha": "0", "hidden_bias": "none", "output_bias": False}
ROOT2 = {"root": 2, "terms": {"2": "1/2"}}  # 1/sqrt(2)


def neuron(w, c) -> dict:
    return {"w": vec(w), "b": "0", "c": str(c)}


def whitened(X, y, neurons, v, value) -> dict:
    return {**HEADER, "kind": "whitened-l1", "statement": "test", "convention": NO_BIAS,
            "data": {"X": mat(X), "y": vec(y)},
            "relation": {"type": "equals", "value": value, "attained": True, "l0": 2},
            "primal": {"neurons": neurons}, "dual": {"v": v}}


# X a rotation (X X^T = I), y = (1, 1, -1): p_+ = X^T y_+ = (-1/5, 7/5, 0) with ||p_+|| = sqrt(2), p_- = X^T y_- = e_2;
# v = y_+ / ||y_+|| - y_- / ||y_-|| = (1/sqrt(2), 1/sqrt(2), -1); P* = ||y_+|| + ||y_-|| = 1 + sqrt(2)
X = [["3/5", "4/5", 0], ["-4/5", "3/5", 0], [0, 0, 1]]
GOOD = whitened(X, [1, 1, -1], [neuron(["-1/5", "7/5", 0], 1), neuron([0, 0, 1], -1)],
                [ROOT2, ROOT2, {"root": 2, "terms": {"1": "-1"}}], {"root": 2, "terms": {"1": "1", "2": "1"}})


def test_valid_certificate_and_value():
    rep = check_certificate(GOOD)
    assert rep.ok, rep.problems
    assert rep.relation == {"type": "equals", "value": {"root": 2, "terms": {"1": "1", "2": "1"}}, "attained": True,
                            "l0": 2}
    assert rep.data == {"X": mat(X), "y": ["1", "1", "-1"], "convention": NO_BIAS}


def test_direction_neurons_are_positively_homogeneous():
    """2 (X p/2)_+ = (X p)_+ at the same cost 2 ||p/2|| = ||p||."""
    assert check_certificate(tampered(GOOD, "primal.neurons.0", neuron(["-1/10", "7/10", 0], 2))).ok


def test_fixture_cayley3():
    """ep-whitened-cayley3: P* = ||y_+|| + ||y_-|| = 3 + sqrt(2) (ep Corollary 3.6)."""
    rep = check_certificate(fixture("whitened-l1", "valid"))
    assert rep.ok and rep.relation["value"] == {"root": 2, "terms": {"1": "3", "2": "1"}}


@pytest.mark.parametrize("path, new, fragment", [
    ("dual.v.0", {"root": 2, "terms": {"2": "1"}}, "dual: ||v_+||^2 = 5/2 > 1"),
    ("dual.v.0", {"root": 2, "terms": {"2": "1"}}, "duality gap: primal cost sum |c| ||w|| = 1 + sqrt(2) but dual "
                                                   "value v^T y = 1 + 3/2*sqrt(2)"),
    ("dual.v.2", {"root": 2, "terms": {"1": "-2"}}, "dual: ||v_-||^2 = 4 > 1"),
    ("primal.neurons.1.c", "1", "primal.neurons: sample 2: network = 1 but y = -1"),
    ("primal.neurons.1.b", "1", "primal.neurons[1]: hidden bias b = 1, but the convention has none"),
    ("primal.neurons", [neuron([0, 0, 1], -1)], "primal.neurons: expected 2 neurons, got 1"),
    ("data.X.0.0", "1", "data.X: (X X^T)[0][0] = 41/25, must be 1"),
    ("data.y", ["1", "1", "0"], "data.y: no entries of both signs, so l0 = 2 does not follow"),
    ("relation.value", {"root": 2, "terms": {"1": "2"}}, "relation: the certificate states"),
    ("relation.l0", 1, "relation: the certificate states"),
    ("convention.hidden_bias", "free", "convention: the certificate states"),
    ("dual.v.0", "1/2", "dual.v[0]: expected a JSON object"),
    ("dual.v.0", {"root": 2, "terms": {"8": "1/4"}}, "dual.v[0].terms: key '8' is not the canonical decimal"),
    ("dual.v", [ROOT2], "dual.v: expected 3 entries, got 1"),
])
def test_tampered_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)
