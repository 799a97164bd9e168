"""Checker of kind "pattern-face-pieces" (exact/checker/pattern_face_pieces.py): piece ranges over the optimal face of
kh (7) in 1-D (certificates of exact.relu.face_pieces, moved from tests/exact/relu/test_face_pieces.py)."""
from __future__ import annotations

import copy
from fractions import Fraction as F

import pytest

from exact.certificates.pattern_face_pieces import piece_range_certificate
from exact.checker import check_certificate
from exact.convention import Convention
from exact.relu.face_pieces import piece_range
from exact.relu.pattern_program import pattern_program, solve_1d
from tests.checker.helpers import DELETE, assert_problem, fixture, tampered

X = [F(-1), F(-3, 5), F(-1, 5), F(1, 5), F(3, 5), F(1)]
Y = [1, -1, 1, 1, -1, 1]
VALUES = {F(0): "30", F(1, 10): "100/3", F(-1, 2): "20"}


@pytest.fixture(scope="module", params=list(VALUES), ids=lambda a: f"alpha={a}")
def example(request):
    """kh Figure 1's data: the fewest pieces is 4 (forced by the secant slopes), the most 7 (proved)."""
    pr = piece_range(solve_1d(pattern_program(X, Y, Convention(request.param))))
    return request.param, pr, piece_range_certificate(pr, "kh.example-1", f"alpha={request.param}")


def test_example_certificate_accepted(example):
    alpha, _, doc = example
    rep = check_certificate(doc)
    assert rep.ok, rep.problems
    assert rep.relation == {"type": "face-pieces", "value": VALUES[alpha], "fewest": {"lower": 4, "upper": 4},
                            "most": {"lower": 7, "upper": 7}}
    assert rep.data["convention"] == {"alpha": str(alpha), "hidden_bias": "free", "output_bias": False}


def test_tampered_certificates_rejected(example):
    _, pr, doc = example
    bad = tampered(doc, "relation.most.upper", 8)
    assert_problem(check_certificate(bad), "relation: the certificate states")
    bad = tampered(doc, "relation.fewest", {"lower": 4, "upper": 3})
    assert_problem(check_certificate(bad), "relation: the certificate states")
    bad = copy.deepcopy(doc)  # move the witness off the face: more |w| on a used term
    k = pr.classes[0][0]
    bad["points"]["most"][3 * k] = str(F(bad["points"]["most"][3 * k]) + 1)
    assert_problem(check_certificate(bad), "points.most: cost")
    bad = copy.deepcopy(doc)
    bad["dual"]["y_eq"][0] = str(F(bad["dual"]["y_eq"][0]) + F(1, 7))
    assert_problem(check_certificate(bad), "dual: column")
    bad = copy.deepcopy(doc)  # a row declared tight on F whose multiplier is 0
    loose = next(i for i, v in enumerate(doc["dual"]["y_ub"]) if F(v) == 0)
    bad["tight_rows"].append(loose)
    assert_problem(check_certificate(bad), f"tight_rows: y_ub[{loose}] = 0 is not < 0")
    bad = copy.deepcopy(doc)
    bad["classes"][0], bad["classes"][1] = bad["classes"][1], bad["classes"][0]
    assert_problem(check_certificate(bad), "classes: recomputed")
    bad = copy.deepcopy(doc)
    bad["jumping"][0] = not bad["jumping"][0]
    assert_problem(check_certificate(bad), "jumping: recomputed")
    bad = copy.deepcopy(doc)
    bad["terms"] = bad["terms"][:-2]
    assert_problem(check_certificate(bad), "terms: not exactly the affine sign patterns")


def test_hand_case_line_through_two_points():
    """x = (0, 1), y = (0, 1), alpha = 0, value 1 (the pieces of exact.relu.face_pieces' hand case): at most 4 kinks
    (5 pieces, attained), at least 1 (2 pieces, a witness), while the secant slopes only force 1 piece."""
    pr = piece_range(solve_1d(pattern_program([F(0), F(1)], [F(0), F(1)])))
    doc = piece_range_certificate(pr, "hand", "line")
    assert check_certificate(doc).relation == {"type": "face-pieces", "value": "1", "fewest": {"lower": 1, "upper": 2},
                                               "most": {"lower": 5, "upper": 5}}
    # the secant bound does not prove this minimum: claiming it is a wrong relation
    assert_problem(check_certificate(tampered(doc, "relation.fewest.lower", 2)), "relation: the certificate states")


@pytest.mark.parametrize("path, new, fragment", [
    ("convention.hidden_bias", "in-norm", "convention: expected alpha != 1, hidden_bias free, no output bias"),
    ("data.x.1", "0", "data.x[1]: duplicate data point 0"),
    ("terms.0.eps", 2, "terms[0].eps: expected the JSON integer 1 or -1, got 2"),
    ("points.fewest", ["0"], "points.fewest: expected 24 entries, got 1"),
    ("tight_rows", [1000], "tight_rows: expected an integer from 0 to 15"),
    ("zero_columns", DELETE, "zero_columns: missing field"),
    ("relation.value", "2", "relation: the certificate states"),
])
def test_malformed_or_misstated_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(fixture("pattern-face-pieces", "valid"), path, new)), fragment)
