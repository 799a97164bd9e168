"""Checker of kind "relu-joint-bracket" (exact/checker/relu_joint_bracket.py): a certified bracket of ddb (20) on 2-D
data where the isolated route declines (fixtures from exact/relu/joint_bracket_nd.py on random_2d_case(8), (38))."""
from __future__ import annotations

from fractions import Fraction as F

from exact.checker import check_certificate
from tests.checker.helpers import DELETE, assert_problem, fixture, tampered

KIND = "relu-joint-bracket"


def test_valid_fixture_brackets_the_optimum_tightly():
    rep = check_certificate(fixture(KIND, "valid"))
    assert rep.ok and rep.relation["type"] == "between"
    lower, upper = F(rep.relation["lower"]), F(rep.relation["upper"])
    assert 0 < upper - lower < F(1, 10**7) * upper and abs(float(lower) - 2.8764098) < 1e-6
    assert check_certificate(fixture(KIND, "sample-1")).ok  # an even dual (random_2d_case(38))


def test_tampered_and_broken_evidence_is_rejected():
    doc = fixture(KIND, "valid")
    assert_problem(check_certificate(fixture(KIND, "tampered")), "exceeds U^2")  # U halved
    assert_problem(check_certificate(tampered(doc, "dual.bounds.0", DELETE)), "dual: no bound for region")
    assert_problem(check_certificate(tampered(doc, "primal.neurons.0.c", "7")), "primal: the network gives")
    assert_problem(check_certificate(tampered(doc, "primal.norm_bounds.0", "0")), "is not an upper bound")
    assert_problem(check_certificate(tampered(doc, "dual.bound", "0")), "expected U > 0")
    assert_problem(check_certificate(tampered(doc, "relation.lower", doc["relation"]["upper"])),
                   "relation: the certificate states")
