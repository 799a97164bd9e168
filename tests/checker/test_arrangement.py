"""Checker of kind "arrangement" (exact/checker/arrangement.py): every face of the central arrangement by the star
lemma, the counts it proves, its rejections and limits, and certified_regions for other kinds."""
from __future__ import annotations

import copy
import random
from fractions import Fraction as F

import pytest

from exact.certificates.arrangement import arrangement_certificate
from exact.checker import check_certificate
from exact.checker.arith import LimitExceeded
from exact.checker.arrangement import MAX_POINT_BITS, MAX_POINTS, arrangement_star, certified_regions
from exact.relu.arrangements import central_arrangement
from tests.checker.helpers import assert_problem, fixture

KIND = "arrangement"


def _X(rows: list[list[object]]) -> list[list[F]]:
    return [[F(a) for a in r] for r in rows]


def _doc(rows: list[list[object]]) -> dict:
    return arrangement_certificate(central_arrangement(_X(rows)), "pe.arrangement-bound", "test")


def test_the_fixtures_prove_their_counts():
    assert check_certificate(fixture(KIND, "valid")).relation == {
        "type": "arrangement", "rank": 3, "faces": 51, "regions": 14, "patterns": 14, "open_patterns": 14}
    # the paper's 1-D example x = (-2, -1, 0, 1, 2): P = 3 D_i, yet 2 regions
    assert check_certificate(fixture(KIND, "sample-1")).relation == {
        "type": "arrangement", "rank": 1, "faces": 3, "regions": 2, "patterns": 3, "open_patterns": 3}
    # antipodal, repeated and zero rows in the plane
    assert check_certificate(fixture(KIND, "sample-2")).relation == {
        "type": "arrangement", "rank": 2, "faces": 13, "regions": 6, "patterns": 8, "open_patterns": 8}


@pytest.mark.parametrize("tamper, message", [
    (lambda d: d["faces"][4].update(point=[-v for v in d["faces"][4]["point"]]), "does not realise the sign"),
    (lambda d: (d["faces"].pop(7), d["relation"].update(faces=50)), "the list misses 1 sign vectors"),
    (lambda d: d["faces"].append(copy.deepcopy(d["faces"][0])), "listed twice"),
    (lambda d: d["relation"].update(regions=13), "relation: the certificate states"),
    (lambda d: d["relation"].update(patterns=15), "relation: the certificate states"),
    (lambda d: d["relation"].update(rank=2), "relation: the certificate states"),
    (lambda d: d["relation"].update(faces="51"), "relation: the certificate states"),  # a count is an integer
    (lambda d: d["faces"][0].update(sign=[1, 1, 1, True]), "expected 4 JSON integers -1, 0 or 1"),
    (lambda d: d["faces"][0].update(point=[1, 2, 3.0]), "expected 3 JSON integers"),
    (lambda d: d["faces"][0].update(dimension=3), "faces[0].dimension: no condition of kind"),
])
def test_tampering_is_rejected(tamper, message):
    doc = fixture(KIND, "valid")
    tamper(doc)
    assert_problem(check_certificate(doc), message)


def test_a_sign_vector_that_is_no_face_is_refused_twice_over():
    # three of four rows in general position in R^3 vanish only at u = 0, where the fourth does too
    doc = fixture(KIND, "valid")
    doc["faces"].append({"sign": [0, 0, 0, 1], "point": [1, 1, 1]})
    report = check_certificate(doc)
    assert_problem(report, "does not realise the sign")
    assert any("faces: the list lists 1 sign vectors that are not faces" in p for p in report.problems)


@pytest.mark.parametrize("seed", range(10))
def test_the_star_lemma_accepts_the_producers_faces(seed):
    """Two independent algorithms (the producer's flats and insertions, the checker's rays and stars) on
    degenerate data: repeated, antipodal and zero rows, rank below d."""
    rng = random.Random(seed)
    d = rng.randint(1, 4)
    rows: list[list[object]] = []
    for _ in range(rng.randint(1, 7)):
        pick = rng.random()
        if pick < 0.25 and rows:
            rows.append([rng.choice((-2, -1, 1, 3)) * F(a) for a in rng.choice(rows)])
        elif pick < 0.35:
            rows.append([0] * d)
        else:
            rows.append([F(rng.randint(-3, 3), rng.randint(1, 3)) for _ in range(d)])
    if rng.random() < 0.3 and d > 1:  # rank deficient: the last column copies the first
        rows = [r[:-1] + [r[0]] for r in rows]
    doc = _doc(rows)
    report = check_certificate(doc)
    assert report.ok, report.problems
    assert certified_regions(_X(rows)) == [f.sign for f in central_arrangement(_X(rows)).regions]


def test_general_position_in_space_has_cover_counts():
    rows = [[1, 0, 1], [0, 1, 1], [-1, -1, 1], [2, -1, 3], [-2, 3, 5]]
    rank, nonzero, faces = arrangement_star(_X(rows), full=True)
    assert (rank, nonzero, len(faces)) == (3, 0b11111, 83)
    assert len(certified_regions(_X(rows))) == 22


def test_certified_regions_of_degenerate_data():
    # zero row (always 0), antipodal pair, a rank-one arrangement in R^2
    assert certified_regions(_X([[1, 0], [0, 0], [-1, 0]])) == [(-1, 0, 1), (1, 0, -1)]
    assert certified_regions(_X([[0, 0]])) == [(0,)]
    assert len(certified_regions(_X([[1, 1, 0], [1, -1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]]))) == 16


def test_limits_are_checked_before_the_work():
    many = [[str(i), "1"] for i in range(MAX_POINTS + 1)]
    doc = fixture(KIND, "valid") | {"data": {"X": many}}
    assert_problem(check_certificate(doc), f"data.X: rows n = {MAX_POINTS + 1}, beyond the checker's limit")
    rng = random.Random(1)
    wide = [[str(rng.randint(-99, 99)) for _ in range(5)] for _ in range(80)]
    assert_problem(check_certificate(fixture(KIND, "valid") | {"data": {"X": wide}}), "C(n, r - 1) n r")
    with pytest.raises(LimitExceeded):
        certified_regions(_X(wide))
    doc = fixture(KIND, "valid")
    doc["faces"][0]["point"] = [1 << MAX_POINT_BITS, 0, 0]
    assert_problem(check_certificate(doc), f"more than the checker's limit of {MAX_POINT_BITS} bits")
    assert_problem(check_certificate(fixture(KIND, "valid") | {"data": {"X": [[]]}}), "at least one column")
