"""Checker of kind "relu1d-group-bracket" (exact/checker/relu1d_group_bracket.py): certificates by hand.

The reference instance is ep (48) on x = [0, 1], Y = [[0, 0], [1, 1]]: the optimum s(x) (1, 1) costs sqrt 2, bracketed
by the dual V = 7/10 [[-1, -1], [1, 1]] (lower 7/5) and the norm bound 3/2 >= sqrt 2 (upper).
"""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from exact.checker import CheckReport, check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, fixture, tampered

KIND = "relu1d-group-bracket"


def q(rows) -> list:
    return [[str(t) for t in r] for r in rows]


def neuron(w, b, c) -> dict:
    return {"w": [str(w)], "b": str(b), "c": [str(t) for t in c]}


def bracket(x, Y, mode, neurons, bounds, constant, V, lower, upper, output_bias=False) -> dict:
    return {**HEADER, "kind": KIND, "claim": "test", "case": "test", "statement": "hand-built",
            "convention": {"alpha": "0", "hidden_bias": "free", "output_bias": output_bias},
            "data": {"x": [str(t) for t in x], "Y": q(Y), "mode": mode},
            "relation": {"type": "between", "lower": str(lower), "upper": str(upper)},
            "primal": {"neurons": neurons, "norm_bounds": [str(t) for t in bounds],
                       "constant": [str(t) for t in constant]},
            "dual": {"V": q(V)}}


X, Y = [0, 1], [[0, 0], [1, 1]]
T = F(7, 10)
GOOD = bracket(X, Y, "infinite", [neuron(1, 0, [1, 1])], ["3/2"], [0, 0], [[-T, -T], [T, T]], "7/5", "3/2")


def report(lower, upper, mode="infinite", x=X, Y=Y) -> CheckReport:
    return CheckReport(True, KIND, None, [], {"type": "between", "lower": lower, "upper": upper},
                       {"x": [str(t) for t in x], "Y": q(Y), "mode": mode,
                        "convention": {"alpha": "0", "hidden_bias": "free", "output_bias": False}})


def test_reference_bracket_contains_sqrt_2():
    assert check_certificate(GOOD) == report("7/5", "3/2")
    assert F(7, 5) ** 2 < 2 < F(3, 2) ** 2


def test_exact_when_the_optimum_is_rational():
    """Y = [[0, 0], [3, 4]]: s(x) (3, 4) costs 5, and V = [[-3/5, -4/5], [3/5, 4/5]] proves 5 from below."""
    doc = bracket(X, [[0, 0], [3, 4]], "infinite", [neuron(1, 0, [3, 4])], [5], [0, 0],
                  [["-3/5", "-4/5"], ["3/5", "4/5"]], 5, 5)
    assert check_certificate(doc) == report("5", "5", Y=[[0, 0], [3, 4]])


def test_finite_dictionary_needs_no_centred_dual():
    """ep Theorem 1's program (mode data-knots, no constant): V = [[0, 0], [7/10, 7/10]] bounds the 2n atoms but
    not the constant direction, so it proves the bracket of the finite program only."""
    V = [[0, 0], [T, T]]
    doc = bracket(X, Y, "data-knots", [neuron(1, 0, [1, 1])], ["3/2"], [0, 0], V, "7/5", "3/2")
    assert check_certificate(doc) == report("7/5", "3/2", "data-knots")
    assert_problem(check_certificate(tampered(doc, "data.mode", "infinite")),
                   "dual: V^T 1 = ['7/10', '7/10'], must be 0")
    # any width: c0 = (1, 1) and -s(1 - x) (1, 1) is another optimum; the finite program has no constant
    other = bracket(X, Y, "infinite", [neuron(-1, 1, [-1, -1])], ["3/2"], [1, 1], [[-T, -T], [T, T]], "7/5", "3/2")
    assert check_certificate(other).ok
    assert_problem(check_certificate(tampered(other, "data.mode", "data-knots")),
                   "primal: constant ['1', '1'] but mode data-knots without output bias has none")
    assert check_certificate(tampered(tampered(other, "data.mode", "data-knots"), "convention.output_bias", True)).ok


@pytest.mark.parametrize("path, new, fragment", [
    ("primal.norm_bounds.0", "7/5", "primal.norm_bounds[0]: 7/5 is not >= ||c||_2 (squared 2)"),
    ("primal.norm_bounds.0", "-3/2", "primal.norm_bounds[0]: -3/2 is not >= ||c||_2 (squared 2)"),
    ("primal.norm_bounds.0", "1", "bracket: lower 7/5 > upper 1"),
    ("dual.V", [["-3/4", "-3/4"], ["3/4", "3/4"]], "dual: u = 1, b = 0: ||V^T sigma(u x + b)||^2 = 9/8 > 1"),
    ("dual.V.0", ["-7/10", "0"], "dual: V^T 1 = ['0', '7/10'], must be 0"),
    ("primal.neurons.0.c", ["1", "2"], "primal: point 1, output 1: network = 2 but Y = 1"),
    ("primal.neurons.0.b", "1", "primal: point 0, output 0: network = 1 but Y = 0"),
    ("primal.neurons.0.w", ["2"], "primal.neurons[0]: (w, b) = (2, 0) is not a neuron of mode infinite"),
    ("primal.constant", ["1", "0"], "primal: point 0, output 0: network = 1 but Y = 0"),
    ("data.Y.1", ["1", "2"], "primal: point 1, output 1: network = 1 but Y = 2"),
    ("relation.lower", "1", "relation: the certificate states"),
    ("relation.upper", "2", "relation: the certificate states"),
    ("relation", {"type": "equals", "value": "3/2"}, "relation: the certificate states"),
    ("convention.hidden_bias", "in-norm", "convention: the certificate states"),
])
def test_tampered_reference_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


def test_data_knots_dictionary_membership():
    doc = bracket(X, Y, "data-knots", [neuron(1, "-1/2", [2, 2])], [3], [0, 0], [[0, 0], [T, T]], "7/5", 3)
    assert_problem(check_certificate(doc), "primal.neurons[0]: (w, b) = (1, -1/2) is not a neuron of mode data-knots")


@pytest.mark.parametrize("path, new, fragment", [
    ("data.Y.1", ["1"], "data.Y[1]: expected 2 entries, got 1"),
    ("data.Y", [[], []], "data.Y: expected rows of at least one entry"),
    ("data.Y", [["0", "0"]], "data.Y: expected 2 entries, got 1"),
    ("data.mode", "theorem1", "data.mode: expected one of ('infinite', 'data-knots')"),
    ("primal.neurons.0.c", ["1"], "primal.neurons[0].c: expected 2 entries, got 1"),
    ("primal.neurons.0.c", "1", "primal.neurons[0].c: expected a list"),
    ("primal.norm_bounds", [], "primal.norm_bounds: expected 1 entries, got 0"),
    ("primal.constant", ["0"], "primal.constant: expected 2 entries, got 1"),
    ("dual.V.0", ["0"], "dual.V[0]: expected 2 entries, got 1"),
    ("dual.V", DELETE, "dual.V: missing field"),
])
def test_malformed_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


def test_outputs_beyond_the_work_limit_are_refused() -> None:
    """o (n + J) <= MAX_OUTPUT_WORK = 2 * 10^4: the primal and the dual profile are computed per output."""
    doc = fixture("relu1d-group-bracket", "valid")
    n, J = len(doc["data"]["x"]), len(doc["primal"]["neurons"])
    o = 20000 // (n + J) + 1
    doc["data"]["Y"] = [["0"] * o for _ in range(n)]
    doc["dual"]["V"] = [["0"] * o for _ in range(n)]
    doc["primal"]["constant"] = ["0"] * o
    for nr in doc["primal"]["neurons"]:
        nr["c"] = ["0"] * o
    assert check_certificate(doc).problems == [
        f"limit: o (n + J) (data.Y outputs x (data points + primal.neurons)) = {o * (n + J)}, beyond the checker's "
        "limit of 20000"]
