"""Checker of kind "relu-joint-isolated" (exact/checker/relu_joint_isolated.py): the optimum of ddb (20) on 2-D data
isolated in a Krawczyk box (fixtures from exact/relu/joint_isolated_nd.py on cases.random_2d_case(0) and (7))."""
from __future__ import annotations

from fractions import Fraction as F

from exact.checker import check_certificate
from exact.checker.relu_joint_isolated import projector
from tests.checker.helpers import DELETE, assert_problem, fixture, tampered

KIND = "relu-joint-isolated"


def test_valid_fixture_isolates_the_optimum_with_every_region_bounded():
    doc = fixture(KIND, "valid")
    rep = check_certificate(doc)
    assert rep.ok, rep.problems
    rel = rep.relation
    assert rel["unique"] is True and len(rel["support"]) == 4
    assert 0 < F(rel["upper"]) - F(rel["lower"]) < F(1, 10**33)
    # 6 points in general position: 2 (1 + 5 + 10) = 32 regions, 2 signs, 4 covered by a contact's closure or more
    assert len(doc["bounds"]) + sum(1 for _ in doc["contacts"]) <= 64


def test_sample_with_two_points_in_one_closed_cell_is_valid():
    rep = check_certificate(fixture(KIND, "sample-1"))
    assert rep.ok and [c["zero"] for c in rep.relation["support"]] == [[1], [2], [1], [2]]


def test_tampered_fixture_is_rejected():
    """A region's multiplier set to 0: its Moreau bound exceeds 1."""
    assert_problem(check_certificate(fixture(KIND, "tampered")), "dual: sup of +1 g_v < 1 not proved")


def test_missing_bound_wrong_region_and_face_are_rejected():
    doc = fixture(KIND, "valid")
    assert_problem(check_certificate(tampered(doc, "bounds.0", DELETE)), "dual: no bound for region")
    assert_problem(check_certificate(tampered(doc, "contacts.0.region", [1, 1, 1, 1, -1, 1])), "is not a region")
    assert_problem(check_certificate(tampered(doc, "contacts.0.zero", [0, 1, 2])), "zero: rows (at most d)")
    flipped = check_certificate(tampered(doc, "contacts.0.sign", -doc["contacts"][0]["sign"]))
    assert not flipped.ok and any(p.startswith(("Krawczyk", "contacts[0]", "dual")) for p in flipped.problems)
    assert_problem(check_certificate(tampered(doc, "data.y.0", "0")), "Krawczyk")
    bad = tampered(doc, "bounds.0.lambda", {"0": "-1"})
    assert_problem(check_certificate(bad), "expected nonnegative rationals")


def test_projector_onto_a_face():
    rows = [[F(1), F(0), F(1)], [F(0), F(1), F(1)]]
    P = projector(rows, [0, 1])  # onto the line orthogonal to both rows: (1, 1, -1) / 3
    assert [[str(t) for t in row] for row in P] == [["1/3", "1/3", "-1/3"], ["1/3", "1/3", "-1/3"],
                                                    ["-1/3", "-1/3", "1/3"]]
