"""Checker of kind "l1-l0-gap" (exact/checker/l1_l0_gap.py): the fixture (the case ep-spikefree-obtuse) tampered.

X has unit rows with x_0^T x_1 = -3/5, y = (1, 1, -1): P* = 3 with one neuron per row and dual v = y; every
network with <= 2 neurons costs >= 1/sqrt(1/5) + 1 = 1 + sqrt(5) (simplex weights (1/2, 1/2, 0) and e_2), which
ep Lemma 3.1's two neurons p_+ = (1, 2, 0), p_- = e_2 attain.
"""
from __future__ import annotations

from fractions import Fraction

import pytest

from exact.checker import check_certificate
from tests.checker.helpers import DELETE, assert_problem, fixture, tampered

GOOD = fixture("l1-l0-gap", "valid")


def test_fixture_value_and_relation():
    rep = check_certificate(GOOD)
    assert rep.ok and rep.value == "3", rep.problems
    lower = rep.relation["two_neuron_lower"]
    assert rep.relation == {"type": "equals", "value": "3", "attained": True, "l0": 2, "two_neuron_lower": lower,
                            "l0_cost": {"root": 2, "terms": {"1": "1", "5": "1"}}}
    assert 3 < Fraction(lower) < 1 + 5 ** 0.5  # 1/hi_+ + 1/hi_- with hi_+ >= sqrt(1/5)
    assert len(GOOD["dual"]["patterns"]) == 16  # e = +-1 and s in {+-1}^3


@pytest.mark.parametrize("path, new, fragment", [
    ("two_neuron_bound.pos.hi", "2/5", "two_neuron_bound.pos.hi: must be > 0 with hi^2 >= r = 1/5, got 2/5"),
    ("two_neuron_bound.pos.lam", ["1", "0", "0"], "two_neuron_bound.pos.hi: must be > 0 with hi^2 >= r = 1, got"),
    ("two_neuron_bound.pos.lam", ["0", "0", "1"], "two_neuron_bound.pos.lam: not on the simplex over the entries of "
                                                  "y of sign +1"),
    ("two_neuron_bound.neg.hi", "2", "two_neuron_bound: the lower bound"),
    ("dual.v", ["1", "1", "-2"], "duality gap: primal cost ||c||_1 = 3 but dual value v^T y = 4"),
    ("dual.v", ["1", "1", "-2"], "dual.patterns[0]: ||X^T D_s (e v) + X^T (mu s)||^2 = 9/5 > 1"),
    # a valid bound (||p||^2 = 81/100), but not the projection: mu_2 > 0 where the cone constraint is slack
    ("dual.patterns.1.mu.2", "1/10", "dual.patterns[1]: row 2: s_i x_i^T p = 1/10 with mu_i = 1/10"),
    ("dual.patterns.1.mu.2", "-1", "dual.patterns[1]: a multiplier mu_i < 0"),
    ("dual.patterns.1.e", 0, "dual.patterns[1].e: expected the JSON integer 1 or -1"),
    ("dual.patterns.1.s", [1, 1, "-1"], "dual.patterns[1].s[2]: expected the JSON integer 1 or -1"),
    ("primal.neurons.0", {"w": ["2", "0", "0"], "b": "0", "c": "1/2"}, "primal.neurons[0]: ||w||^2 = 4 > 1"),
    ("primal.neurons.0.c", "2", "primal: sample 0: network = 2 but y = 1"),
    ("primal.neurons.2.b", "-1", "primal.neurons[2]: hidden bias b = -1, but the convention has none"),
    ("l0_neurons.1.c", "-2", "l0_neurons: sample 2: network = -2 but y = -1"),
    ("l0_neurons", [{"w": ["1", "2", "0"], "b": "0", "c": "1"}], "l0_neurons: expected 2 neurons, got 1"),
    # still a fit (x_2^T w < 0 is cut by the ReLU), but a network of another cost
    ("l0_neurons.0.w.2", "-1/7", "relation: the certificate states"),
    ("relation.two_neuron_lower", "3", "relation: the certificate states"),
    ("relation.l0_cost", {"root": 2, "terms": {"5": "1"}}, "relation: the certificate states"),
    ("relation.value", "5/2", "relation: the certificate states"),
    ("convention.output_bias", True, "convention: the certificate states"),
    ("l0_neurons", DELETE, "l0_neurons: missing field"),
])
def test_tampered_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


def test_every_sign_cone_must_be_covered():
    pats = GOOD["dual"]["patterns"]
    rep = check_certificate(tampered(GOOD, "dual.patterns", [pats[1]] + pats[1:]))  # a repeat for pattern 0
    assert rep.problems == ["dual.patterns: 1 of the 2^4 pairs (e, s) are not covered, e.g. (1, (1, 1, 1))"]
    rep = check_certificate(tampered(GOOD, "dual.patterns", pats[1:]))
    assert rep.problems == ["dual.patterns: expected 2^(n+1) = 16 entries, one per pair (e, s), got 15"]


def test_sizes_beyond_the_limits_are_refused_before_the_work():
    """n <= MAX_ROWS = 10 and 2^(n+1) n d <= MAX_PATTERN_WORK = 100 000, checked before any pattern."""
    wide = tampered(GOOD, "data.X", [x * 1000 for x in GOOD["data"]["X"]])  # n = 3, d = 3000
    assert check_certificate(wide).problems == [
        "limit: data.X: 2^(n+1) n d = 144000, beyond the checker's limit of 100000"]
    tall = tampered(GOOD, "data.X", GOOD["data"]["X"] * 4)  # n = 12
    assert check_certificate(tall).problems == ["limit: data.X: rows n = 12, beyond the checker's limit of 10"]
