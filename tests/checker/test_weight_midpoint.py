"""Checker of kind "weight-midpoint" (exact/checker/weight_midpoint.py): exact midpoint gaps of ddb's w_b and
2 sqrt(S1 S2) (fixtures: ddb-small-1d-five's off-bulk equality pair and others; eq-12-13's wall violation)."""
from __future__ import annotations

from fractions import Fraction as F

from exact.checker import check_certificate
from exact.checker.weight_midpoint import at_bulk, label_noise, w_b
from tests.checker.helpers import assert_problem, fixture, tampered

KIND = "weight-midpoint"


def test_valid_fixture_gaps():
    rep = check_certificate(fixture(KIND, "valid"))
    assert rep.ok
    assert rep.relation["gaps"] == [{"sign": 0, "proportional": False, "bulk": False},
                                    {"sign": 1, "proportional": False, "bulk": True},
                                    {"sign": 0, "proportional": True, "bulk": False},
                                    {"sign": 1, "proportional": False, "bulk": False}]


def test_label_noise_weight_is_not_convex_on_the_sample():
    rep = check_certificate(fixture(KIND, "sample-1"))
    assert rep.ok and rep.relation["weight"] == "label-noise" and rep.relation["gaps"][0]["sign"] == -1


def test_tampered_and_malformed():
    doc = fixture(KIND, "valid")
    assert_problem(check_certificate(fixture(KIND, "tampered")), "relation: the certificate states")
    assert_problem(check_certificate(tampered(doc, "weight", "tv")), "weight: expected one of")
    assert_problem(check_certificate(tampered(doc, "pairs.0.p", ["0", "0"])), "expected nonzero p and q")
    # q moved to a region where more points are active: the gap is no longer 0
    assert_problem(check_certificate(tampered(doc, "pairs.0.q", ["1", "1"])), "relation: the certificate states")


def test_weights_by_hand():
    rows = [[F(0), F(1)], [F(2), F(1)]]  # x = 0, 2
    assert str(w_b(rows, [F(1), F(0)])) == "sqrt(2)"  # features (0, 2): sqrt(4 / 2)
    assert str(label_noise(rows, [F(1), F(-1)])) == "sqrt(5)"  # S1 = 1/2, S2 = 5/2 (x = 2 active): 2 sqrt(5/4)
    assert at_bulk(rows, [F(1), F(1)], [F(1), F(2)]) and not at_bulk(rows, [F(1), F(0)], [F(1), F(1)])


def test_lifted_tv_weight_refutes_19_as_printed():
    """(u, 1), (2u, 2): (19)'s equality case, yet gap > 0; (u, 0), (v, 0): not, yet gap 0; (u, 0), (0, 1): gap < 0."""
    rep = check_certificate(fixture(KIND, "sample-2"))
    assert rep.ok and rep.relation["weight"] == "tv-lifted"
    assert [(g["sign"], g["proportional"]) for g in rep.relation["gaps"]] == [(1, True), (0, False), (-1, False)]


def test_a_factor_scales_the_midpoint_weight():
    """The equality pair (gap 0) against twice its midpoint's weight: negative; a factor must be positive."""
    doc = tampered(fixture(KIND, "valid"), "pairs.0.factor", "2")
    doc["relation"]["gaps"][0] = {"sign": -1, "proportional": False, "bulk": False, "factor": "2"}
    assert check_certificate(doc).ok
    assert_problem(check_certificate(tampered(doc, "pairs.0.factor", "0")), "expected a rational > 0")
    # the lemma's certificate: Lemma A.1's printed cost (factor 2) against the corrected one (factor 1)
    lemma = fixture(KIND, "sample-3")
    assert [(g["sign"], g.get("factor")) for g in check_certificate(lemma).relation["gaps"]] == [(-1, "2"), (1, None)]
