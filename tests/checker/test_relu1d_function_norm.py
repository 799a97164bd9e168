"""Checker of kind "relu1d-function-norm" (exact/checker/relu1d_function_norm.py): certificates by hand.

The reference instance is the ramp f with one breakpoint 0, f(0) = 0, f'(-oo) = 1, f'(+oo) = 3 (case ses-fn-ramp-up):
R̄(f) = max(∫|f''|, |f'(-oo) + f'(+oo)|) = max(2, 4) = 4, by 3 [x]_+ - [-x]_+ and the dual y = -1, y_- = 0, y_+ = 2.
"""
from __future__ import annotations

import pytest

from exact.checker import CheckReport, check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, tampered

KIND = "relu1d-function-norm"


def neuron(w, b, c) -> dict:
    return {"w": [str(w)], "b": str(b), "c": str(c)}


def function_norm(t, v, left, right, neurons, constant, kink, y_left, y_right, value) -> dict:
    return {**HEADER, "kind": KIND, "claim": "test", "case": "test", "statement": "hand-built",
            "convention": {"alpha": "0", "hidden_bias": "free", "output_bias": True},
            "data": {"breakpoints": [str(p) for p in t], "values": [str(p) for p in v], "left_slope": str(left),
                     "right_slope": str(right)},
            "relation": {"type": "equals", "value": str(value), "attained": True},
            "primal": {"neurons": neurons, "constant": str(constant)},
            "dual": {"kink": [str(p) for p in kink], "left": str(y_left), "right": str(y_right)}}


RAMP = function_norm([0], [0], 1, 3, [neuron(1, 0, 3), neuron(-1, 0, -1)], 0, [-1], 0, 2, 4)


def test_reference_certificate_passes():
    assert check_certificate(RAMP) == CheckReport(
        True, KIND, "4", [], {"type": "equals", "value": "4", "attained": True},
        {"breakpoints": ["0"], "values": ["0"], "left_slope": "1", "right_slope": "3",
         "convention": {"alpha": "0", "hidden_bias": "free", "output_bias": True}})


@pytest.mark.parametrize("doc, value", [
    (function_norm([0], [0], -1, 1, [neuron(1, 0, 1), neuron(-1, 0, 1)], 0, [1], 0, 0, 2), "2"),    # |x|
    (function_norm([0], [3], 0, 0, [], 3, [0], 0, 0, 0), "0"),                                      # the output bias
    (function_norm([0], [1], 2, 2, [neuron(1, 0, 2), neuron(-1, 0, -2)], 1, [0], 1, 1, 4), "4"),   # 2x + 1
    (function_norm([-1, 0, 1], [0, 1, 0], 0, 0, [neuron(1, 1, 1), neuron(1, 0, -2), neuron(1, -1, 1)], 0,
                   [1, -1, 1], 0, 0, 4), "4"),                                                       # a hat
])
def test_branches_and_the_output_bias(doc, value):
    assert check_certificate(doc).value == value


@pytest.mark.parametrize("path, new, fragment", [
    ("relation.value", "3", "relation: the certificate states"),          # below R̄ = 4
    ("relation.value", "2", "relation: the certificate states"),          # ∫|f''|, the other branch
    ("primal.neurons.0.c", "2", "network end slopes (1, 2) != f's (1, 3)"),
    ("primal.neurons.0.w", ["1/2"], "primal.neurons[0]: |w| = 1/2, must be 1"),
    ("primal.constant", "1", "network differs from f at x = 0: h = 1, f = 0"),
    ("dual.right", "3", "dual: kink 0: |y_k + y_+| = 2"),
    ("dual.left", "1", "duality gap: network cost sum |c| = 4 but dual sum d_k y_k + s_K y_+ + s_0 y_- = 5"),
    ("data.right_slope", "4", "network end slopes (1, 3) != f's (1, 4)"),
    ("data.values.0", "1", "network differs from f at x = 0: h = 0, f = 1"),
    ("relation.attained", False, "relation: the certificate states"),
    ("convention.output_bias", False, "convention: the certificate states"),
    ("convention.alpha", "1/2", "convention: the certificate states"),
])
def test_tampered_ramp_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(RAMP, path, new)), fragment)


def test_dual_without_an_extension_off_the_breakpoints():
    """y = 1, y_+ = 0, y_- = 3: each |y_k +- ...| fits, but no y_0 off the breakpoints has |y_0 + y_+| <= 1 and
    |y_0 - y_-| <= 1."""
    bad = tampered(tampered(tampered(RAMP, "dual.kink", ["1"]), "dual.right", "0"), "dual.left", "3")
    assert_problem(check_certificate(bad), "dual: |y_+ + y_-| = 3 > 2 (no feasible y off the breakpoints)")


def test_network_with_off_breakpoint_knots_is_checked_everywhere():
    """[x]_+ with a cancelling pair at knot 1 is still f, but costs 3 > 1; dropping one of the pair changes the
    right slope (the check is on all of R, not only at the breakpoints)."""
    plus = [neuron(1, 0, 1)]
    doc = function_norm([0], [0], 0, 1, plus, 0, [1], 0, 0, 1)
    assert check_certificate(doc).value == "1"
    pair = tampered(doc, "primal.neurons", plus + [neuron(1, -1, 1), neuron(1, -1, -1)])
    assert check_certificate(pair).problems == [
        "duality gap: network cost sum |c| = 3 but dual sum d_k y_k + s_K y_+ + s_0 y_- = 1"]
    one = tampered(doc, "primal.neurons", plus + [neuron(1, -1, 1)])
    assert check_certificate(one).problems[0] == "network end slopes (0, 2) != f's (0, 1)"


def test_tampered_copy_keeps_original_valid():
    bad = tampered(RAMP, "data.right_slope", "4")
    assert check_certificate(RAMP).ok and not check_certificate(bad).ok


@pytest.mark.parametrize("path, new, fragment", [
    ("data.breakpoints", [], "data.breakpoints: expected at least one point, strictly increasing"),
    ("data.breakpoints", ["0", "0"], "data.breakpoints: expected at least one point, strictly increasing"),
    ("data.values", ["0", "1"], "data.values: expected 1 entries, got 2"),
    ("dual.kink", [], "dual.kink: expected 1 entries, got 0"),
    ("dual.left", DELETE, "dual.left: missing field"),
    ("primal.neurons.0", {"u": 1, "knot": "0", "weight": "3"}, "primal.neurons[0].w: missing field"),
])
def test_malformed_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(RAMP, path, new)), fragment)
