"""Checker of kind "rank-one-l1" (exact/checker/rank_one_l1.py): certificates by hand.

The reference instance is ep (4) on X = c a^T with a = (-6, -9, -18), ||a|| = 21, c = (1, 1/3, -1/6, -2/3) and
y = (2, -1, 1, 3/2) (case ep-rankone-mixed-d3): value 23/42, attained, neurons +-a / 21.
"""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from exact.checker import check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, fixture, tampered

KIND = "rank-one-l1"


def q(seq) -> list[str]:
    return [str(t) for t in seq]


def neuron(w, b, c) -> dict:
    return {"w": q(w), "b": str(b), "c": str(c)}


def rank_one(X, y, factor, neurons, constant, v, value, attained=False, output_bias=False) -> dict:
    relation = {"type": "equals", "value": str(value)} | ({"attained": True} if attained else {})
    return {**HEADER, "kind": KIND, "claim": "test", "case": "test", "statement": "hand-built",
            "convention": {"alpha": "0", "hidden_bias": "free", "output_bias": output_bias},
            "data": {"X": [q(r) for r in X], "y": q(y)}, "relation": relation,
            "factor": {"c": q(factor[0]), "a": q(factor[1]), "norm": str(factor[2])},
            "primal": {"neurons": neurons, "constant": str(constant)}, "dual": {"v": q(v)}}


A3, C3 = [-6, -9, -18], [1, "1/3", "-1/6", "-2/3"]
X3 = [[F(ci) * t for t in A3] for ci in C3]
U, MU = ["-2/7", "-3/7", "-6/7"], ["2/7", "3/7", "6/7"]
GOOD = rank_one(X3, [2, -1, 1, "3/2"], (C3, A3, 21),
                [neuron(U, "7/2", "-2/21"), neuron(U, -7, "13/42"), neuron(MU, "-7/2", "-1/21"), neuron(MU, 7, "2/21")],
                0, ["1/14", "-11/42", "2/7", "-2/21"], "23/42", True)


def test_reference_certificate_passes():
    rep = check_certificate(GOOD)
    assert rep.ok and rep.relation == {"type": "equals", "value": "23/42", "attained": True}
    assert rep.data == {"X": [q(r) for r in X3], "y": ["2", "-1", "1", "3/2"],
                        "convention": {"alpha": "0", "hidden_bias": "free", "output_bias": False}}


def test_ep_data_scaled_by_hand():
    """X = c (3, 4), c = 0..4, is ep's Proposition 3.1 data up to a shift and the scale ||a|| = 5: value 8 / 5."""
    X = [[3 * k, 4 * k] for k in range(5)]
    w, mw = ["3/5", "4/5"], ["-3/5", "-4/5"]
    nets = [neuron(w, -5, "1/5"), neuron(w, -10, "-1/5"), neuron(w, -15, "-2/5"), neuron(mw, 5, "3/5"),
            neuron(mw, 10, "-1/5")]
    doc = rank_one(X, [1, -1, 1, 1, -1], (range(5), [3, 4], 5), nets, 0, ["1/5", "-3/5", "2/5", "1/5", "-1/5"],
                   "8/5", True)
    assert check_certificate(doc).value == "8/5"
    # by hand: X_i . (3/5, 4/5) = 5 k, so the network is 1/5 (5k - 5)_+ - 1/5 (5k - 10)_+ - ... on the data
    f = [sum(F(c) * max(s * 5 * k + b, 0) for s, b, c in [(1, -5, "1/5"), (1, -10, "-1/5"), (1, -15, "-2/5"),
                                                            (-1, 5, "3/5"), (-1, 10, "-1/5")]) for k in range(5)]
    assert f == [1, -1, 1, 1, -1]


def test_constant_only_in_the_limit():
    """Constant labels: value 0 with the constant 1 as a limit (not attained); with an output bias, attained."""
    X, fac = [[0, 0], [3, 4], [6, 8]], ([0, 1, 2], [3, 4], 5)
    assert check_certificate(rank_one(X, [1, 1, 1], fac, [], 1, [0, 0, 0], 0)).relation == {"type": "equals",
                                                                                            "value": "0"}
    assert check_certificate(rank_one(X, [1, 1, 1], fac, [], 1, [0, 0, 0], 0, True, True)).ok
    assert_problem(check_certificate(rank_one(X, [1, 1, 1], fac, [], 1, [0, 0, 0], 0, True)), "relation: the")


@pytest.mark.parametrize("path, new, fragment", [
    ("data.X.0.0", "-5", "data.X != c a^T"),
    ("factor.norm", "6", "factor.norm = 6 is not the positive square root of a^T a = 441"),
    ("factor.norm", "-21", "factor.norm = -21 is not the positive square root of a^T a = 441"),
    ("factor.c.1", "1/2", "data.X != c a^T"),
    ("primal.neurons.0.w", ["1", "0", "0"], "primal: row"),                 # a feasible w, the wrong fit
    ("primal.neurons.0.w", ["1", "1", "0"], "primal.neurons[0]: w.w = 2 > 1"),
    ("dual.v", ["1/7", "-11/21", "4/7", "-4/21"], "dual: u = -1, breakpoint b = 7: |g| = 2 > 1"),  # 2 v
    ("dual.v", ["1/7", "-11/21", "4/7", "-4/21"], "duality gap: primal cost sum |c| = 23/42 but dual objective"),
    ("dual.v.0", "1/7", "dual: constant direction (u = 0, b -> +inf): sum(v) = 1/14, must be 0"),
    ("primal.constant", "1", "primal: row 0: network = 3 but y = 2"),
    ("relation.value", "23/2", "relation: the certificate states"),   # the 1-D value V(c, y), not divided by ||a||
    ("relation.attained", False, "relation: the certificate states"),
])
def test_tampered_reference_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


@pytest.mark.parametrize("path, new, fragment", [
    ("data.X.1", ["1", "2"], "data.X[1]: expected 3 entries, got 2"),
    ("data.y", ["1"], "data.y: expected 4 entries, got 1"),
    ("factor.a", ["1"], "factor.a: expected 3 entries, got 1"),
    ("factor", DELETE, "factor: missing field"),
    ("primal.neurons.0.w", ["1"], "primal.neurons[0].w: expected 3 entries, got 1"),
    ("primal.neurons.0", {"u": U, "b": "7/2", "w": "-2/21"}, "primal.neurons[0].w: expected a list"),  # v1 names
    ("dual.v", ["0"], "dual.v: expected 4 entries, got 1"),
])
def test_malformed_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


def test_networks_beyond_the_work_limit_are_refused() -> None:
    """n J d <= _relu1d.MAX_NETWORK_WORK = 3 * 10^4 (11 000 rows x 11 000 neurons ran for minutes)."""
    doc = fixture("rank-one-l1", "valid")
    n, d = 100, len(doc["factor"]["a"])
    doc["data"]["X"] = [[str(i * F(a)) for a in doc["factor"]["a"]] for i in range(n)]
    doc["data"]["y"] = ["0"] * n
    doc["factor"]["c"] = [str(i) for i in range(n)]
    doc["dual"]["v"] = ["0"] * n
    J = 30000 // (n * d) + 1
    doc["primal"] = {"neurons": [{"w": ["0"] * d, "b": "0", "c": "0"} for _ in range(J)], "constant": "0"}
    assert check_certificate(doc).problems == [
        f"limit: n J d (data rows x primal.neurons x inputs) = {n * J * d}, beyond the checker's limit of 30000"]
