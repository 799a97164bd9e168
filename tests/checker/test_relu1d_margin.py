"""Checker of kind "relu1d-margin" (exact/checker/relu1d_margin.py): certificates by hand.

The reference instance is kh (10) on x = [-1, 0, 1], y = [1, -1, 1], alpha = 0: the optimum 2|x| - 1 has value 4,
with the constant -1 a limit (not absorbable), multipliers u = [1, 2, 1].
"""
from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact.checker import CheckReport, check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, tampered

KIND = "relu1d-margin"


def s(z: F, alpha: F) -> F:
    """Leaky ReLU, written independently of the checker."""
    return z if z >= 0 else alpha * z


def neuron(w, b, c) -> dict:
    return {"w": [str(w)], "b": str(b), "c": str(c)}


def margin(x, y, neurons, constant, u, value, attained=False, alpha=0, output_bias=False) -> dict:
    relation = {"type": "equals", "value": str(value)} | ({"attained": True} if attained else {})
    return {**HEADER, "kind": KIND, "claim": "test", "case": "test", "statement": "hand-built",
            "convention": {"alpha": str(alpha), "hidden_bias": "free", "output_bias": output_bias},
            "data": {"x": [str(t) for t in x], "y": [str(t) for t in y]}, "relation": relation,
            "primal": {"neurons": neurons, "constant": str(constant)}, "dual": {"u": [str(t) for t in u]}}


X, Y, U = [-1, 0, 1], [1, -1, 1], [1, 2, 1]
ABS = [neuron(1, 0, 2), neuron(-1, 0, 2)]
GOOD = margin(X, Y, ABS, -1, U, 4)


def report(value: str, attained: bool, x, y, alpha="0", bias=False) -> CheckReport:
    rel = {"type": "equals", "value": value} | ({"attained": True} if attained else {})
    return CheckReport(True, KIND, value, [], rel, {"x": [str(t) for t in x], "y": [str(t) for t in y],
                                                     "convention": {"alpha": alpha, "hidden_bias": "free",
                                                                    "output_bias": bias}})


def g(v, x, alpha, w, b) -> F:
    return sum((vi * s(w * xi + b, alpha) for vi, xi in zip(v, x)), F(0))


def test_reference_certificate_passes():
    assert check_certificate(GOOD) == report("4", False, X, Y)


def test_reference_by_hand_and_dual_brute_force():
    """y f(x) = 1 everywhere, cost 4 = sum(u); sup |g| over a grid of (w, b) is exactly 1 (independent of the
    checker)."""
    f = [2 * s(F(t), F(0)) + 2 * s(F(-t), F(0)) - 1 for t in X]
    assert [yi * fi for yi, fi in zip(Y, f)] == [1, 1, 1] and sum(U) == 4
    v = [ui * yi for ui, yi in zip(U, Y)]
    assert sum(v) == 0
    ws = [F(k, 8) for k in range(-8, 9)]
    bs = [F(k, 16) for k in range(-64, 65)] + [F(10**6), F(-10**6)]
    assert max(abs(g(v, X, F(0), w, b)) for w in ws for b in bs) == 1


def test_attained_zero_constant_absorbed_or_output_bias():
    """x = [0, 1], y = [-1, 1], value 2 (u = [1, 1]): the LP optimum 2 s(x) - 1 needs its constant as a limit;
    s(x) - s(1 - x) has none; -s(1 - x) + 1/2 s(x + 1) - 1/2 s(2 - x) + 1/2 has one that s(x + 1) absorbs."""
    x, y, u = [0, 1], [-1, 1], [1, 1]
    assert check_certificate(margin(x, y, [neuron(1, 0, 2)], -1, u, 2)) == report("2", False, x, y)
    assert check_certificate(margin(x, y, [neuron(1, 0, 2)], -1, u, 2, True, output_bias=True)).ok
    assert check_certificate(margin(x, y, [neuron(1, 0, 1), neuron(-1, 1, -1)], 0, u, 2, True)).ok
    absorbed = [neuron(-1, 1, -1), neuron(1, 1, "1/2"), neuron(-1, 2, "-1/2")]
    assert check_certificate(margin(x, y, absorbed, "1/2", u, 2, True)) == report("2", True, x, y)
    # claiming attainment the evidence does not show, or not claiming it when it does, is a wrong relation
    assert_problem(check_certificate(margin(x, y, [neuron(1, 0, 2)], -1, u, 2, True)), "relation: the certificate")
    assert_problem(check_certificate(margin(x, y, absorbed, "1/2", u, 2)), "relation: the certificate states")


def test_all_labels_positive_value_zero_not_attained():
    """The constant alone separates: P* = 0, reached only in the limit (no neuron to absorb it)."""
    assert check_certificate(margin([0, 1, 2], [1, 1, 1], [], 1, [0, 0, 0], 0)) == report("0", False, [0, 1, 2],
                                                                                         [1, 1, 1])


def test_leaky_slopes():
    """alpha = 1/2: 4 s(x) + 4 s(-x) - 1 (value 8, u = [2, 4, 2]); alpha = -1/2: 4/3 (s(x) + s(-x)) - 1 (8/3)."""
    assert check_certificate(margin(X, Y, [neuron(1, 0, 4), neuron(-1, 0, 4)], -1, [2, 4, 2], 8, alpha="1/2")) \
        == report("8", False, X, Y, "1/2")
    third = [neuron(1, 0, "4/3"), neuron(-1, 0, "4/3")]
    assert check_certificate(margin(X, Y, third, -1, ["2/3", "4/3", "2/3"], "8/3", alpha="-1/2")).ok
    # the ReLU certificate is not one for alpha = 1/2: the margin at x = +-1 drops to 2 - 1 - 1 = 0
    rep = check_certificate(tampered(GOOD, "convention.alpha", "1/2"))
    assert_problem(rep, "primal: point 0 (x = -1): y f = 0 < 1")


def test_off_data_knot_w_zero_and_fractional_slope():
    """Feasible but dominated networks are rejected by the gap alone: 4 s(x - 1/2) - s(0 x + 1) (a knot between
    the data, the constant as a w = 0 neuron) costs 5, and 4 s(x / 2) - 1 (|w| < 1) costs 4, on x = [0, 1]."""
    rep = check_certificate(margin([0, 1], [-1, 1], [neuron(1, "-1/2", 4), neuron(0, 1, -1)], 0, [1, 1], 2))
    assert rep.problems == ["duality gap: primal cost sum |c| = 5 but dual objective sum(u) = 2"]
    half = margin([0, 1], [-1, 1], [neuron("1/2", 0, 4)], -1, [1, 1], 2)  # 4 s(x/2) - 1: feasible, cost 4
    assert check_certificate(half).problems == ["duality gap: primal cost sum |c| = 4 but dual objective sum(u) = 2"]


@pytest.mark.parametrize("path, new, fragment", [
    ("primal.neurons.0.c", "3", "duality gap: primal cost sum |c| = 5 but dual objective sum(u) = 4"),
    ("primal.neurons.0.c", "1", "primal: point 2 (x = 1): y f = 0 < 1"),
    ("primal.neurons.1.w", ["-2"], "primal.neurons[1]: |w| = 2 > 1"),
    ("primal.neurons.0.b", "-1/2", "primal: point 2 (x = 1): y f = 0 < 1"),
    ("primal.constant", "0", "primal: point 1 (x = 0): y f = 0 < 1"),
    ("dual.u.0", "-1", "dual: u_0 = -1 < 0"),
    ("dual.u.1", "3", "dual: constant direction (u = 0, b -> +inf): sum(v) = -1, must be 0"),
    ("dual.u", ["2", "4", "2"], "dual: u = 1, breakpoint b = 0: |g| = 2 > 1"),
    ("dual.u", ["2", "4", "2"], "duality gap: primal cost sum |c| = 4 but dual objective sum(u) = 8"),
    ("data.y.1", "1", "primal: point 1 (x = 0): y f = -1 < 1"),
    ("data.x.0", "-2", "dual: u = -1, breakpoint b = 0: |g| = 2 > 1"),
    ("relation.value", "3", "relation: the certificate states"),
    ("relation.attained", True, "relation: the certificate states"),
    ("convention.hidden_bias", "none", "convention: the certificate states"),
])
def test_tampered_reference_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


@pytest.mark.parametrize("path, new, fragment", [
    ("dual.u", DELETE, "dual.u: missing field"),
    ("dual.u", ["1", "2"], "dual.u: expected 3 entries, got 2"),
    ("primal.constant", DELETE, "primal.constant: missing field"),
    ("primal.neurons.0", {"u": 1, "knot": "0", "weight": "2"}, "primal.neurons[0].w: missing field"),
    ("data.y.0", "2", "data.y: every label must be 1 or -1"),
    ("data.y.0", 1, "data.y[0]: expected a rational string"),
    ("data.x.2", "-1", "data.x[2]: duplicate data point -1"),
    ("relation", DELETE, "relation: missing field"),
    ("data", DELETE, "data: missing field"),
])
def test_malformed_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


rationals = st.fractions(-2, 2, max_denominator=4)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=2, max_size=5, unique=True),
       st.lists(st.fractions(0, 2, max_denominator=3), min_size=5, max_size=5), st.sampled_from([F(0), F(1, 2), F(-1)]))
def test_dual_verdict_matches_brute_force(xs, us, alpha):
    """With sum(u o y) = 0, the checker's dual verdict equals a brute-force sup over (w, b) (exact on u = +-1:
    the b-grid holds every breakpoint and far points)."""
    x = [F(t) for t in xs]
    y = [F(1 if i % 2 else -1) for i in range(len(x))]
    u = us[:len(x)]
    v = [ui * yi for ui, yi in zip(u, y)]
    pos, neg = sum(t for t in v if t > 0), -sum(t for t in v if t < 0)
    if pos == 0 or neg == 0:
        return
    u = [ui * (neg / pos if yi > 0 else 1) for ui, yi in zip(u, y)]  # rescale the positive class: sum(v) = 0
    v = [ui * yi for ui, yi in zip(u, y)]
    ws = [F(k, 4) for k in range(-4, 5)]
    bs = [F(k, 2) for k in range(-20, 21)] + [F(10**4), F(-10**4)]
    brute_ok = max(abs(g(v, x, alpha, w, b)) for w in ws for b in bs) <= 1
    rep = check_certificate(margin(x, y, [], 1, u, 0, alpha=alpha))
    checker_ok = not any(p.startswith("dual: u =") or "constant direction" in p for p in rep.problems)
    assert checker_ok == brute_ok, rep.problems
