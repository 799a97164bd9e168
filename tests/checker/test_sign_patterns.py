"""Checker of kind "sign-patterns" (exact/checker/sign_patterns.py): affine and central pattern counts."""
from __future__ import annotations

import copy
from fractions import Fraction as F

import pytest

from cases import shipped_case
from exact.certificates.sign_patterns import patterns_certificate
from exact.checker import check_certificate
from exact.relu.arrangements import central_sign_patterns, pattern_tree
from tests.checker.helpers import DELETE, HEADER, assert_problem, tampered

KIND = "sign-patterns"
SQUARE = shipped_case("kh-patterns-2d-square").X  # the corners of a square and its centre: 18 affine patterns


def _doc(X=SQUARE, affine: bool = True) -> dict:
    return patterns_certificate(X, pattern_tree(X, affine=affine), "kh.pattern-bound", "test", affine)


def line(patterns: list, prefixes: list, value: int, arrangement: str = "affine") -> dict:
    """By hand: x = (0, 1) in 1-D, realised (pattern, w, b) (b None: no bias), excluded (prefix, mu)."""
    return {**HEADER, "kind": KIND, "data": {"X": [["0"], ["1"]], "arrangement": arrangement},
            "relation": {"type": "count", "value": value, "arrangement": arrangement},
            "realised": [{"pattern": p, "w": [w]} | ({} if b is None else {"b": b}) for p, w, b in patterns],
            "excluded": [{"prefix": s, "mu": mu} for s, mu in prefixes]}


# the 4 affine patterns of two points: every sign vector is realised, nothing is excluded
LINE = line([([1, 1], "0", "0"), ([1, -1], "-1", "0"), ([-1, 1], "1", "-1/2"), ([-1, -1], "0", "-1")], [], 4)


def test_certificate_accepted():
    rep = check_certificate(_doc())
    assert rep.ok and rep.relation == {"type": "count", "value": 18, "arrangement": "affine"}
    assert rep.data["arrangement"] == "affine" and rep.data["X"][4] == ["1/2", "1/2"]
    assert check_certificate(LINE).relation == {"type": "count", "value": 4, "arrangement": "affine"}


@pytest.mark.parametrize("tamper, message", [
    (lambda d: d["realised"][3].update(b="100"), "does not realise"),
    (lambda d: (d["realised"].pop(), d["relation"].update(value=17)), "do not cover"),
    (lambda d: d["excluded"][0]["mu"].__setitem__(0, "-1"), "not a Farkas certificate"),
    (lambda d: d["relation"].update(value=19), "relation: the certificate states"),
    (lambda d: d["relation"].update(value="18"), "relation: the certificate states"),  # a count is an integer
    (lambda d: d["relation"].update(arrangement="central"), "relation: the certificate states"),
    (lambda d: d["realised"].append(copy.deepcopy(d["realised"][0])), "listed twice"),
])
def test_certificate_tampering_rejected(tamper, message):
    doc = _doc()
    tamper(doc)
    assert_problem(check_certificate(doc), message)


def test_central_patterns():
    """sign(X w) without a bias: x = (1, -2) has 3 patterns ((-1, -1) needs w x_1 < 0 and w x_2 < 0)."""
    X = [[F(1)], [F(-2)]]
    rep = check_certificate(_doc(X, affine=False))
    assert rep.relation == {"type": "count", "value": len(central_sign_patterns(X)), "arrangement": "central"} == {
        "type": "count", "value": 3, "arrangement": "central"}
    rep = check_certificate(_doc(SQUARE, affine=False))  # the origin is a corner: sign(0 . w) = +1 always
    assert rep.ok and rep.relation["value"] == len(central_sign_patterns(SQUARE)) == 6
    # the affine evidence does not prove a central count: its witnesses need the bias
    assert_problem(check_certificate(tampered(_doc(), "data.arrangement", "central")), "central patterns have no bias")


def test_line_by_hand():
    # (-1, -1) excluded centrally at x = 0 by mu = (1): 1 * (-1) * 0 = 0 and the -1 entries carry weight 1 > 0
    central = line([([1, 1], "0", None), ([1, -1], "-1", None)], [([-1], ["1"])], 2, "central")
    assert check_certificate(central).relation == {"type": "count", "value": 2, "arrangement": "central"}
    assert_problem(check_certificate(tampered(central, "data.arrangement", "affine")), "realised[0].b: missing field")
    # affinely the prefix (-1) is realised (w = 0, b < 0): mu = (1) is no Farkas certificate with the lifted 1
    wrong = line([([1, 1], "0", "0"), ([1, -1], "-1", "0")], [([-1], ["1"])], 2)
    assert_problem(check_certificate(wrong), "excluded[0]: mu is not a Farkas certificate for the prefix [-1]")


@pytest.mark.parametrize("path, new, fragment", [
    ("realised.0.pattern", [1, True], "realised[0].pattern: expected entries 1 or -1"),
    ("realised.0.pattern", [1], "realised[0].pattern: expected 2 entries, got 1"),
    ("realised.0.w", ["0", "0"], "realised[0].w: expected 1 entries, got 2"),
    ("realised.2.b", DELETE, "realised[2].b: missing field"),
    ("realised", {}, "realised: expected a list"),
    ("excluded", DELETE, "excluded: missing field"),
    ("data.arrangement", "linear", "data.arrangement: expected one of ('affine', 'central')"),
    ("data.X", [], "data.X: expected at least one row"),
    ("relation", DELETE, "relation: missing field"),
])
def test_malformed_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(LINE, path, new)), fragment)


def test_prefix_code_conditions():
    doc = tampered(LINE, "excluded", [{"prefix": [1, 1, 1], "mu": ["1", "1", "1"]}])
    assert_problem(check_certificate(doc), "excluded[0].prefix: expected 1..2 entries, got 3")
    # a realised pattern listed again as an excluded prefix of length 1 breaks the prefix code
    doc = tampered(LINE, "excluded", [{"prefix": [1], "mu": ["1"]}])
    assert_problem(check_certificate(doc), "a listed prefix is a proper prefix of another listed word")
    assert_problem(check_certificate(doc), "sum 2^-length = 3/2, must be 1")


def test_sizes_beyond_the_limits_are_refused_before_the_work():
    """N <= MAX_POINTS = 64 and (realised + excluded) N (d + 1) <= MAX_WORK = 100 000."""
    doc = tampered(LINE, "data.X", [["0"]] * 65)
    assert check_certificate(doc).problems == ["limit: data.X: points N = 65, beyond the checker's limit of 64"]
    doc = tampered(tampered(LINE, "data.X", [[str(i)] for i in range(64)]), "realised", LINE["realised"][:1] * 782)
    assert check_certificate(doc).problems == [
        "limit: (realised + excluded) N (d + 1) = 100096, beyond the checker's limit of 100000"]


def test_prefix_code_by_sorted_neighbours():
    """The proper prefixes are found among neighbours in sorted order (slicing every word at every length made
    55 000 points take minutes): 64 equal points have 2 patterns, the other words are s^k (-s), k = 1..63."""
    N = 64
    doc = {**HEADER, "kind": KIND, "data": {"X": [["0"]] * N, "arrangement": "affine"},
           "relation": {"type": "count", "value": 2, "arrangement": "affine"},
           "realised": [{"pattern": [1] * N, "w": ["0"], "b": "0"}, {"pattern": [-1] * N, "w": ["0"], "b": "-1"}],
           "excluded": [{"prefix": [s] * k + [-s], "mu": ["1"] * k + [str(k)]} for s in (1, -1) for k in range(1, N)]}
    assert check_certificate(doc).ok
    for k in (1, 40, 63):  # an excluded prefix that is also a prefix of words listed before and after it
        bad = tampered(doc, f"excluded.{k - 1}.prefix", [1] * k)
        bad = tampered(bad, f"excluded.{k - 1}.mu", ["1"] * k)
        assert_problem(check_certificate(bad), "a listed prefix is a proper prefix of another listed word")
