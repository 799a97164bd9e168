"""Checker of kind "relu1d-hinge" (exact/checker/relu1d_hinge.py): certificates by hand.

The reference instance is ep (18) on x = 0..5, y = [1, 1, -1, -1, 1, 1], beta = 1/10 (case ep-hinge-offset): the
optimum 2 s(x - 2) + 2 s(3 - x) - 3 has value 2/5, its constant -3 a limit; ep Theorem 5.2's finite l1-SVM
(mode data-knots) has the larger value 11/25.
"""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from exact.checker import CheckReport, check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, tampered

KIND = "relu1d-hinge"


def s(z: F) -> F:
    """The ReLU, written independently of the checker."""
    return max(z, F(0))


def neuron(w, b, c) -> dict:
    return {"w": [str(w)], "b": str(b), "c": str(c)}


def hinge(x, y, beta, mode, neurons, constant, v, value, attained=False, output_bias=False) -> dict:
    relation = {"type": "equals", "value": str(value)} | ({"attained": True} if attained else {})
    return {**HEADER, "kind": KIND, "claim": "test", "case": "test", "statement": "hand-built",
            "convention": {"alpha": "0", "hidden_bias": "none" if mode == "no-bias" else "free",
                           "output_bias": output_bias},
            "data": {"x": [str(t) for t in x], "y": [str(t) for t in y], "beta": str(beta), "mode": mode},
            "relation": relation, "primal": {"neurons": neurons, "constant": str(constant)},
            "dual": {"v": [str(t) for t in v]}}


X6, Y6, BETA = list(range(6)), [1, 1, -1, -1, 1, 1], F(1, 10)
NET = [neuron(1, -2, 2), neuron(-1, 3, 2)]
V = [0, "1/10", "-1/10", "-1/10", "1/10", 0]
GOOD = hinge(X6, Y6, BETA, "infinite", NET, -3, V, "2/5")


def report(value: str, attained: bool, mode: str = "infinite", bias: bool = False) -> CheckReport:
    rel = {"type": "equals", "value": value} | ({"attained": True} if attained else {})
    return CheckReport(True, KIND, value, [], rel, {
        "x": [str(t) for t in X6], "y": [str(t) for t in Y6], "beta": "1/10", "mode": mode,
        "convention": {"alpha": "0", "hidden_bias": "none" if mode == "no-bias" else "free", "output_bias": bias}})


def test_reference_certificate_passes():
    assert check_certificate(GOOD) == report("2/5", False)


def test_reference_by_hand_and_dual_brute_force():
    f = [2 * s(F(t) - 2) + 2 * s(3 - F(t)) - 3 for t in X6]
    assert f == [3, 1, -1, -1, 1, 3]
    loss = sum(max(F(0), 1 - yi * fi) for yi, fi in zip(Y6, f))
    assert loss == 0 and loss + BETA * 4 == F(2, 5)
    v = [F(t) for t in V]
    assert sum(yi * vi for yi, vi in zip(Y6, v)) == F(2, 5) and sum(v) == 0
    us = [F(k, 4) for k in range(-4, 5)]
    bs = [F(k, 4) for k in range(-40, 41)] + [F(10**6), F(-10**6)]
    assert max(abs(sum(vi * s(u * xi + b) for vi, xi in zip(v, X6))) for u in us for b in bs) == BETA


def test_finite_modes_and_theorem_5_2_gap():
    """The modes' optima on the reference data: data-knots 11/25 > 2/5 (Theorem 5.2's gap), kernel 9/5,
    no-bias 251/50."""
    svm = hinge(X6, Y6, BETA, "data-knots", [neuron(1, 0, "-1/5"), neuron(1, -3, 2), neuron(-1, 2, 2),
                                             neuron(-1, 5, "-1/5")], 0, [0, "1/10", "-3/25", "-3/25", "1/10", 0],
                "11/25", True)
    assert check_certificate(svm) == report("11/25", True, "data-knots")
    kernel = hinge(X6, Y6, BETA, "kernel", [neuron(1, 0, 1), neuron(1, -1, -3), neuron(1, -2, 2), neuron(1, -3, 2)], 0,
                   [1, "2/5", "-1/5", "-1/10", "1/10", 0], "9/5", True)
    assert check_certificate(kernel) == report("9/5", True, "kernel")
    nobias = hinge(X6, Y6, BETA, "no-bias", [neuron(1, 0, "1/5")], 0, [1, 1, -1, -1, 1, "1/50"], "251/50", True)
    assert check_certificate(nobias) == report("251/50", True, "no-bias")
    # the finite SVM's dual is not feasible for all neurons: it does not sum to 0 (u = 0, b -> oo)
    assert_problem(check_certificate(tampered(svm, "data.mode", "infinite")),
                   "dual: constant direction (u = 0, b -> +inf): sum(v) = -1/25, must be 0")


@pytest.mark.parametrize("mode, bad, fragment", [
    ("data-knots", neuron(1, "-1/2", 0), "primal.neurons[0]: (w, b) = (1, -1/2) is not a neuron of mode data-knots"),
    ("data-knots", neuron("1/2", 0, 0), "primal.neurons[0]: (w, b) = (1/2, 0) is not a neuron of mode data-knots"),
    ("kernel", neuron(-1, 2, 0), "primal.neurons[0]: (w, b) = (-1, 2) is not a neuron of mode kernel"),
    ("no-bias", neuron(1, 1, 0), "primal.neurons[0]: (w, b) = (1, 1) is not a neuron of mode no-bias"),
    ("infinite", neuron(2, 0, 0), "primal.neurons[0]: (w, b) = (2, 0) is not a neuron of mode infinite"),
])
def test_dictionary_membership(mode, bad, fragment):
    doc = hinge(X6, Y6, BETA, mode, [bad], 0, [0] * 6, 6, True)  # f = 0: loss 6, dual 0 (a gap too)
    assert_problem(check_certificate(doc), fragment)


def test_attainment():
    # x = [-3, -1, 0, 2, 5], beta = 1/4: an optimum without constant (ep-hinge-signchange)
    sign = hinge([-3, -1, 0, 2, 5], [1, -1, -1, 1, -1], "1/4", "infinite",
                 [neuron(1, 0, "1/2"), neuron(1, -2, "-7/6"), neuron(-1, -1, 1), neuron(-1, 0, "1/2"),
                  neuron(-1, 2, "-1/2")], 0, ["1/8", "-1/8", "-1/4", "1/3", "-1/12"], "11/12", True)
    assert check_certificate(sign).relation == {"type": "equals", "value": "11/12", "attained": True}
    # x = [0, 1], y = [-1, 1], beta = 1/4: the constant 1/2 is absorbed by 1/2 s(x + 1) (affine on the data)
    absorbed = [neuron(-1, 1, -1), neuron(1, 1, "1/2"), neuron(-1, 2, "-1/2")]
    doc = hinge([0, 1], [-1, 1], "1/4", "infinite", absorbed, "1/2", ["-1/4", "1/4"], "1/2", True)
    assert check_certificate(doc).relation == {"type": "equals", "value": "1/2", "attained": True}
    # constant labels: value 0 only in the limit of a constant neuron (ep-hinge-nosignchange)
    const = hinge([0, 1, 2, 3], [1, 1, 1, 1], BETA, "infinite", [], 1, [0, 0, 0, 0], 0)
    assert check_certificate(const).relation == {"type": "equals", "value": "0"}
    assert_problem(check_certificate(tampered(const, "relation.attained", True)), "relation: the certificate states")
    # with an output bias (ses (28)) the constant is a parameter: attained, in every mode
    assert check_certificate(hinge(X6, Y6, BETA, "infinite", NET, -3, V, "2/5", True, True)) == \
        report("2/5", True, bias=True)
    assert_problem(check_certificate(tampered(GOOD, "convention.output_bias", True)), "relation: the certificate")


@pytest.mark.parametrize("path, new, fragment", [
    ("relation.value", "11/25", "relation: the certificate states"),   # Theorem 5.2's value is not (18)'s
    ("dual.v", ["0", "1/5", "-1/10", "-1/10", "1/10", "0"],
     "dual: constant direction (u = 0, b -> +inf): sum(v) = 1/10, must be 0"),
    ("data.mode", "data-knots", "primal: constant -3 but mode data-knots without output bias has no constant"),
    ("dual.v.1", "-1/10", "dual: y_1 v_1 = -1/10 outside [0, 1]"),
    ("dual.v", ["0", "1/5", "-1/5", "-1/5", "1/5", "0"], "dual: u = 1, breakpoint b = -3: |g| = 1/5 > 1/10"),
    ("dual.v", ["0", "1/5", "-1/5", "-1/5", "1/5", "0"],
     "duality gap: primal objective 2/5 (loss 0) but dual objective sum y_i v_i = 4/5"),
    ("primal.constant", "-2", "duality gap: primal objective 12/5 (loss 2) but dual objective sum y_i v_i = 2/5"),
    ("data.beta", "1/5", "duality gap: primal objective 4/5 (loss 0) but dual objective sum y_i v_i = 2/5"),
    ("convention.hidden_bias", "none", "convention: the certificate states"),
])
def test_tampered_reference_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


@pytest.mark.parametrize("path, new, fragment", [
    ("data.y.5", "2", "data.y: every label must be 1 or -1"),
    ("data.beta", "0", "data.beta: must be positive"),
    ("data.mode", "svm", "data.mode: expected one of"),
    ("data.mode", DELETE, "data.mode: missing field"),
    ("dual.v", ["0"], "dual.v: expected 6 entries, got 1"),
    ("primal.neurons.0.w", ["1", "0"], "primal.neurons[0].w: expected 1 entries, got 2"),
    ("primal.neurons", [{"u": 1, "knot": "2", "weight": "2"}], "primal.neurons[0].w: missing field"),
])
def test_malformed_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)
