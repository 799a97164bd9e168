"""Checker of kind "relu1d-joint-bracket" (exact/checker/relu1d_joint_bracket.py): brackets of kh (2)+(8) in 1-D."""
from __future__ import annotations

import copy
from fractions import Fraction as F

import pytest

from exact.checker import check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, fixture, tampered

KIND = "relu1d-joint-bracket"


def joint(x, y, neurons, v, lower, upper, alpha="0") -> dict:
    return {**HEADER, "kind": KIND, "convention": {"alpha": alpha, "hidden_bias": "in-norm", "output_bias": False},
            "data": {"x": [str(t) for t in x], "y": [str(t) for t in y]},
            "relation": {"type": "between", "lower": str(lower), "upper": str(upper)},
            "primal": {"neurons": [{"w": [str(w)], "b": str(b), "c": str(c)} for w, b, c in neurons]},
            "dual": {"v": [str(t) for t in v]}}


# x = (-1, 1), y = (1, 1), ReLU: the constant atom (0, 1) fits at cost 1; v = (1/2, 1/2) has |g_v| <= 1 on the disk
# (g = b on the cone b >= |w|, (|w| + b) / 2 where one point is active), so the bracket is [1, 1].
CONST = joint([-1, 1], [1, 1], [(0, 1, 1)], ["1/2", "1/2"], 1, 1)
REF = fixture(KIND, "valid")  # x = (0, 1, 2), y = (1, 0, 2), alpha = 1/10, from kh (9)'s float solution


def test_valid_brackets():
    assert check_certificate(CONST).relation == {"type": "between", "lower": "1", "upper": "1"}
    # a weaker dual, and a network of the unit-disk atoms (3/5, 4/5), (-3/5, 4/5) (values 1/5, 7/5): 5/8 each
    weaker = joint([-1, 1], [1, 1], [("3/5", "4/5", "5/8"), ("-3/5", "4/5", "5/8")], ["1/4", "1/4"], "1/2", "5/4")
    rep = check_certificate(weaker)
    assert rep.ok and rep.relation == {"type": "between", "lower": "1/2", "upper": "5/4"}
    rep = check_certificate(REF)
    lower, upper = F(rep.relation["lower"]), F(rep.relation["upper"])
    assert rep.ok and F(4714045207, 10**9) < lower <= upper < F(4714045208, 10**9)
    assert rep.data["convention"] == {"alpha": "1/10", "hidden_bias": "in-norm", "output_bias": False}


def test_tampered_dual_and_network():
    """Formerly tests/verify/claims/kh/test_programs.py (on kh Figure 1's bracket): a doubled dual for a doubled
    lower end, and a changed output weight, are rejected."""
    bad = copy.deepcopy(REF)
    bad["dual"]["v"] = [str(F(t) * 2) for t in REF["dual"]["v"]]
    bad["relation"]["lower"] = str(2 * F(REF["relation"]["lower"]))
    assert_problem(check_certificate(bad), "dual: |g(a)| > |a|")
    bad = copy.deepcopy(REF)
    bad["primal"]["neurons"][0]["c"] = str(F(REF["primal"]["neurons"][0]["c"]) + 1)
    assert_problem(check_certificate(bad), "primal: network value")
    assert_problem(check_certificate(joint([-1, 1], [1, 1], [(0, 1, 1)], [1, 1], 2, 1)), "dual: |g(a)| > |a|")
    assert_problem(check_certificate(joint([-1, 1], [1, 1], [(0, 1, 1)], [1, 1], 2, 1)), "lower 2 > upper 1")


@pytest.mark.parametrize("path, new, fragment", [
    ("primal.neurons.0", {"w": ["1"], "b": "1", "c": "1/2"}, "primal.neurons[0]: w^2 + b^2 = 2 > 1"),
    ("primal.neurons.0.w", "0", "primal.neurons[0].w: expected a list"),
    ("primal.neurons.0.c", "2", "primal: network value 2 at x[0] = -1 but y = 1"),
    ("relation.upper", "2", "relation: the certificate states"),
    ("relation.lower", "1/2", "relation: the certificate states"),
    ("convention.hidden_bias", "free", "convention: expected alpha != 1, hidden_bias in-norm, no output bias"),
    ("convention.output_bias", True, "convention: expected alpha != 1, hidden_bias in-norm, no output bias"),
    ("data.x.1", "-1", "data.x[1]: duplicate data point -1"),
    ("dual.v", ["1/2"], "dual.v: expected 2 entries, got 1"),
    ("dual", DELETE, "dual: missing field"),
])
def test_tampered_or_malformed_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(CONST, path, new)), fragment)


def test_more_points_than_the_limit_are_refused() -> None:
    """n <= MAX_POINTS = 400 (5000 points ran for minutes; 400 at the denominator budget take ~4 s)."""
    doc = fixture(KIND, "valid")
    doc["data"] = {"x": [str(i) for i in range(401)], "y": ["0"] * 401}
    assert check_certificate(doc).problems == ["limit: data.x: points n = 401, beyond the checker's limit of 400"]


def test_norm_bounds_price_unnormalised_directions() -> None:
    """x = (-1, 1), y = (2, 2): the direction (0, 2) (the constant 2 sigma(0 x + 1) as sigma(2)) with weight 1 has
    |(0, 2)| = 2, so with the norm bound 2 it costs 2; a bound below its norm is refused, and so is a negative one."""
    doc = joint([-1, 1], [2, 2], [(0, 2, 1)], ["1/2", "1/2"], 2, 2)
    assert_problem(check_certificate(doc), "primal.neurons[0]: w^2 + b^2 = 4 > 1")
    doc["primal"]["norm_bounds"] = ["2"]
    assert check_certificate(doc).relation == {"type": "between", "lower": "2", "upper": "2"}
    assert_problem(check_certificate(tampered(doc, "primal.norm_bounds.0", "3/2")), "w^2 + b^2 = 4 > 9/4")
    assert_problem(check_certificate(tampered(doc, "primal.norm_bounds.0", "-2")), "primal.norm_bounds[0] = -2 < 0")
    assert_problem(check_certificate(tampered(doc, "primal.norm_bounds", ["2", "2"])),
                   "primal.norm_bounds: expected 1 entries")
    assert check_certificate(fixture(KIND, "sample-2")).ok  # kh Figure 1's bracket as a run writes it


def _naive_candidates(x, v, alpha):
    """joint_candidates as first written: every active set and every direction evaluated point by point."""
    from exact.checker.arith import sigma
    pts = sorted(set(x))
    dirs = [(s * F(1), -s * t) for t in pts for s in (1, -1)]
    for t in [pts[0] - 1] + pts:
        for active in ([xi > t for xi in x], [xi <= t for xi in x]):
            h = [F(1) if a else alpha for a in active]
            P = sum((vi * hi * xi for vi, hi, xi in zip(v, h, x)), F(0))
            Q = sum((vi * hi for vi, hi in zip(v, h)), F(0))
            if P or Q:
                dirs += [(P, Q), (-P, -Q)]
    return [(a, sum((vi * sigma(a[0] * xi + a[1], alpha) for vi, xi in zip(v, x)), F(0))) for a in dirs]


def test_joint_candidates_equal_the_point_by_point_evaluation() -> None:
    """The prefix-sum and bisection form of joint_candidates gives the same list as the direct one (rational
    and square-root duals, leaky slopes, repeated points)."""
    import random

    from exact.checker.arith import Surd
    from exact.checker.relu1d import joint_candidates
    rng = random.Random(11)
    for trial in range(200):
        x = [F(rng.randint(-5, 5), rng.randint(1, 3)) for _ in range(rng.randint(1, 7))]
        alpha = F(rng.choice([0, 1, -1, 2]), rng.choice([1, 2, 3]))
        if trial % 3:
            v = [F(rng.randint(-4, 4), rng.randint(1, 3)) for _ in x]
        else:
            v = [Surd({1: F(rng.randint(-3, 3)), rng.choice([2, 3, 6]): F(rng.randint(-3, 3), 2)}) for _ in x]
        assert joint_candidates(x, v, alpha) == _naive_candidates(x, v, alpha), (x, v, alpha)
