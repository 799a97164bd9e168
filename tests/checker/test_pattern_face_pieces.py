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
    bad["terms"] = bad["terms"][:-2] + bad["terms"][:2]  # as many terms, two of them repeated
    assert_problem(check_certificate(bad), "terms: not exactly the affine sign patterns")
    bad["terms"] = bad["terms"][:-2]
    assert check_certificate(bad).problems == ["terms: expected 2 per affine sign pattern of x, 24 in all, got 22"]
    bad = copy.deepcopy(doc)
    bad["tight_rows"].append(bad["tight_rows"][0])
    assert check_certificate(bad).problems == ["tight_rows: an entry is listed twice"]


def test_more_points_than_the_limit_are_refused_before_the_lp():
    """n <= MAX_POINTS = 8 (the dense LP of 25 000 terms on one point ran out of 1 GB)."""
    doc = fixture("pattern-face-pieces", "valid")
    doc["data"] = {"x": [str(i) for i in range(9)], "y": ["0"] * 9}
    assert check_certificate(doc).problems == ["limit: data.x: points n = 9, beyond the checker's limit of 8"]


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


def _same_kink_by_quadratic_form(wk, bk, wl, bl) -> bool:
    """The former test: every symmetrised coefficient of b_k w_l - b_l w_k is 0."""
    n = len(wk)
    return all(bk[i] * wl[j] - bl[i] * wk[j] + bk[j] * wl[i] - bl[j] * wk[i] == 0 for i in range(n) for j in range(n))


def test_same_kink_agrees_with_the_quadratic_form():
    """The linear test of pattern_face_pieces._same_kink (proportional forms) against the quadratic identity, on
    random forms and on forms built to share their kink both ways (and on perturbations of those)."""
    import random

    from exact.checker.pattern_face_pieces import _same_kink

    rng = random.Random(7)
    rand = lambda n: [F(rng.randint(-2, 2), rng.randint(1, 2)) if rng.random() < 0.6 else F(0) for _ in range(n)]  # noqa: E731
    agree = {True: 0, False: 0}
    for _ in range(3000):
        n = rng.randint(1, 4)
        wk, bk = rand(n), rand(n)
        if not any(wk):
            continue
        c = F(rng.randint(-3, 3), rng.randint(1, 3))
        wl, bl = rng.choice([(rand(n), rand(n)),
                             ([c * t for t in wk], [c * t for t in bk]),  # term l = c * term k
                             (rand(n), None)])
        if bl is None:  # both kinks at -c: b = c w
            bk, bl = [c * t for t in wk], [c * t for t in wl]
        if rng.random() < 0.2:
            bl[rng.randrange(n)] += 1
        if not any(wl):
            continue
        expected = _same_kink_by_quadratic_form(wk, bk, wl, bl)
        assert _same_kink(wk, bk, wl, bl) == expected, (wk, bk, wl, bl)
        agree[expected] += 1
    assert min(agree.values()) > 300, agree
