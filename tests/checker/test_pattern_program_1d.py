"""Checker of kind "pattern-program-1d" (exact/checker/pattern_program_1d.py): 1-D pattern programs, by hand.

The hand instance is kh (7) corrected on x = (0, 1), y = (0, 1), ReLU. The patterns in the kind's order are
j = 0: (-1, -1), 1: (-1, 1), 2: (1, 1), 3: (1, -1); term t = 2 j (eps = 1) or 2 j + 1 (eps = -1). The line
x_+ (term 4: w = 1, b = 0) fits at cost 1; v = (-1, 1) with sign multipliers 1 at (term 2, point 0),
(3, 1), (6, 0), (7, 1) has 1^T g = 0 and |x^T g| <= 1 for every term (worked out in the module's tests
below), and v^T y = 1. The reference certificates are the fixtures: kh (7) corrected on kh's Figure 1 data
(valid, value 30), (7) as printed with alpha = 1/10 (sample-1, infeasible), (11) corrected and printed.
"""
from __future__ import annotations

import copy
from fractions import Fraction as F

import pytest

from exact.checker import check_certificate
from exact.checker import pattern_program_1d as kind
from exact.checker.relu1d import patterns_1d
from tests.checker.helpers import DELETE, HEADER, assert_problem, fixture, tampered

KIND = "pattern-program-1d"
MU = [[2, 0, "1"], [3, 1, "1"], [6, 0, "1"], [7, 1, "1"]]


def program(x, y, w, b, v, mu, value, program="fit", minus_sign=1, times_y=False, alpha="0") -> dict:
    return {**HEADER, "kind": KIND, "convention": {"alpha": alpha, "hidden_bias": "free", "output_bias": False},
            "data": {"x": [str(t) for t in x], "y": [str(t) for t in y], "program": program,
                     "minus_sign": minus_sign, "sign_times_y": times_y},
            "relation": {"type": "equals", "value": str(value)},
            "primal": {"w": [str(t) for t in w], "b": [str(t) for t in b]},
            "dual": {"v": [str(t) for t in v], "mu": mu}}


LINE = program([0, 1], [0, 1], [0, 0, 0, 0, 1, 0, 0, 0], [0] * 8, [-1, 1], MU, 1)


def test_the_pattern_order():
    assert patterns_1d([F(0), F(1)]) == [(-1, -1), (-1, 1), (1, 1), (1, -1)]
    assert patterns_1d([F(5), F(1), F(3)])[1:3] == [(1, -1, -1), (1, -1, 1)]  # the 1 and 2 largest points


def test_hand_line():
    rep = check_certificate(LINE)
    assert rep.ok and rep.relation == {"type": "equals", "value": "1"}, rep.problems
    assert rep.data["program"] == "fit" and rep.data["minus_sign"] == 1 and rep.data["sign_times_y"] is False


def test_hand_line_as_printed_needs_other_multipliers():
    """With r = -1 the eps = -1 terms 3 and 7 have S = -s: their multipliers must sit at point 0."""
    printed = tampered(LINE, "data.minus_sign", -1)
    assert_problem(check_certificate(printed), "dual: term 3: 1^T g = -2 != 0 (b is free)")
    fixed = tampered(tampered(printed, "dual.mu.1", [3, 0, "1"]), "dual.mu.3", [7, 0, "1"])
    assert check_certificate(fixed).relation == {"type": "equals", "value": "1"}


@pytest.mark.parametrize("path, new, fragment", [
    ("relation.value", "2", "relation: the certificate states"),
    ("primal.w.4", "2", "primal: row 1: sum_t eps D p = 2 but must be == 1"),
    ("primal.b.2", "-1", "primal: term 2, point 1: S p = -1 < 0"),
    ("dual.v.1", "2", "x^T g = 2 but must be in [-1, 1]"),
    ("dual.mu.0", [2, 0, "-1"], "dual.mu[0]: multiplier -1 < 0"),
    ("dual.mu.0", [8, 0, "1"], "dual.mu[0][0]: expected an integer from 0 to 7"),
    ("dual.mu.0", [2, 0], "dual.mu[0]: expected 3 entries"),
    ("dual.mu.1", [2, 0, "1"], "dual.mu[1]: term 2 and point 0 listed twice"),
    ("data.program", "classify", "data.program: expected one of ('fit', 'margin')"),
    ("data.minus_sign", 0, "data.minus_sign: expected the JSON integer 1 or -1"),
    ("data.sign_times_y", 1, "data.sign_times_y: expected true or false"),
    ("data.x.1", "0", "data.x[1]: duplicate data point 0"),
    ("convention.hidden_bias", "in-norm", "convention: expected alpha != 1, hidden_bias free, no output bias"),
    ("primal.w", ["0"] * 7, "primal.w: expected 8 entries"),
    ("dual", DELETE, "evidence: expected exactly one of dual, farkas, got []"),
])
def test_tampered_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(LINE, path, new)), fragment)


def test_evidence_is_exactly_one_and_the_margin_program_checks_labels():
    both = {**LINE, "farkas": LINE["dual"]}
    assert_problem(check_certificate(both), "evidence: expected exactly one of dual, farkas")
    margin = tampered(tampered(LINE, "data.program", "margin"), "data.y", ["0", "1"])
    assert_problem(check_certificate(margin), "data.y: a margin program needs labels 1 or -1")


def test_reference_certificates():
    assert check_certificate(fixture(KIND, "valid")).relation == {"type": "equals", "value": "30"}
    printed = fixture(KIND, "sample-1")
    rep = check_certificate(printed)
    assert rep.ok and rep.relation == {"type": "infeasible"} and rep.data["minus_sign"] == -1
    assert check_certificate(fixture(KIND, "sample-2")).relation == {"type": "equals", "value": "2"}
    rep = check_certificate(fixture(KIND, "sample-3"))
    assert rep.ok and rep.relation == {"type": "infeasible"} and rep.data["sign_times_y"] is True


def test_a_farkas_vector_needs_a_positive_value_and_no_primal():
    doc = fixture(KIND, "sample-1")
    flipped = copy.deepcopy(doc)
    flipped["farkas"]["v"] = [str(-F(t)) for t in doc["farkas"]["v"]]
    flipped["farkas"]["mu"] = []
    assert not check_certificate(flipped).ok
    with_primal = {**doc, "primal": {"w": ["0"] * 24, "b": ["0"] * 24}}
    assert_problem(check_certificate(with_primal), "primal: no condition of kind pattern-program-1d reads this field")


def test_limits_are_checked_before_the_work(monkeypatch):
    monkeypatch.setattr(kind, "MAX_POINTS", 1)
    assert_problem(check_certificate(LINE), "data.x: points n = 2, beyond the checker's limit of 1")
    monkeypatch.setattr(kind, "MAX_POINTS", 1000)
    monkeypatch.setattr(kind, "MAX_PRIMAL_WORK", 1)
    assert_problem(check_certificate(LINE), "primal: n times the nonzero terms = 2, beyond the checker's limit of 1")
