"""Checker of kind "relu1d-extreme-point" (exact/checker/relu1d_extreme_point.py): certificates by hand.

The reference instance is ep's Proposition 3.1 data x = [-2, ..., 2] along -v* = [-1, 3, -2, -1, 1]: the
supremum 1 of v^T (x u + b 1)_+ is attained on two flat segments, u = 1 with b in [-1, 0] and u = -1 with b in [0, 1].
"""
from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact.checker import CheckReport, check_certificate, relu1d_extreme_point
from exact.checker._proved import canonical
from tests.checker.helpers import DELETE, HEADER, assert_problem, tampered

KIND = "relu1d-extreme-point"


def seg(u, lo, hi) -> dict:
    return {"u": u, "lo": str(lo), "hi": None if hi is None else str(hi)}


def extreme(x, v, relation) -> dict:
    return {**HEADER, "kind": KIND, "claim": "test", "case": "test", "statement": "hand-built",
            "data": {"x": [str(t) for t in x], "v": [str(t) for t in v]}, "relation": relation}


def attained(value, *segments) -> dict:
    return {"type": "equals", "value": str(value), "attained": True} | ({"maximisers": list(segments)} if segments
                                                                        else {})


X5, MINUS_V = [-2, -1, 0, 1, 2], [-1, 3, -2, -1, 1]
FACE = attained(1, seg(1, -1, 0), seg(-1, 0, 1))
GOOD = extreme(X5, MINUS_V, FACE)


def g(x, v, u, b) -> F:
    return sum((F(vi) * max(u * xi + b, F(0)) for vi, xi in zip(v, x)), F(0))


def test_reference_face_and_by_hand():
    rep = check_certificate(GOOD)
    assert rep == CheckReport(True, KIND, "1", [], {"type": "equals", "value": "1", "attained": True,
                                                     "maximisers": [seg(1, -1, 0), seg(-1, 0, 1)]},
                              {"x": [str(t) for t in X5], "v": [str(t) for t in MINUS_V]})
    # g = 1 on both segments and below 1 just outside them
    assert all(g(X5, MINUS_V, 1, F(-k, 4)) == 1 for k in range(5)) and g(X5, MINUS_V, 1, F(1, 4)) < 1
    assert all(g(X5, MINUS_V, -1, F(k, 4)) == 1 for k in range(5)) and g(X5, MINUS_V, -1, F(5, 4)) < 1


def test_isolated_unique_ray_dead_unbounded():
    # along v* itself: two isolated maximisers (x + 1)_+ and (-x - 1)_+
    assert check_certificate(extreme(X5, [1, -3, 2, 1, -1], attained(1, seg(1, 1, 1), seg(-1, -1, -1)))).ok
    # (2 - x)_+ = (2, 1, 0): unique, slope -1 beyond
    assert check_certificate(extreme([0, 1, 2], [-1, 3, -3], attained(1, seg(-1, 2, 2)))).ok
    # sum(v) = 0: constant beyond the last breakpoint, a ray
    assert check_certificate(extreme([0, 1, 2], [1, -1, 0], attained(1, seg(-1, 1, None)))).ok
    # v <= 0: the zero vector (a dead neuron), no maximisers listed
    assert check_certificate(extreme(X5, [-1, -2, 0, -1, -3], attained(0))).relation == \
        {"type": "equals", "value": "0", "attained": True}
    # 1^T v > 0: u = 0, b -> +inf
    assert check_certificate(extreme(X5, [1, 0, 0, 0, 0], {"type": "unbounded"})).relation == {"type": "unbounded"}


@pytest.mark.parametrize("path, new", [
    ("relation.value", "2"),
    ("relation.maximisers", [seg(1, "-1/2", 0), seg(-1, 0, 1)]),   # maximisers, not all, not of Lemma 2.6's form
    ("relation.maximisers", [seg(1, -1, 0)]),                       # one segment missing
    ("relation.maximisers", [seg(1, -1, 1), seg(-1, 0, 1)]),        # g drops beyond b = 0
    ("relation.maximisers", [seg(1, -1, -1), seg(1, 0, 0), seg(-1, 0, 1)]),  # not maximal
    ("relation.maximisers", [seg(-1, 0, 1), seg(1, -1, 0)]),        # not in the canonical order
    ("relation.maximisers", [seg(1, "-1", "0.0"), seg(-1, 0, 1)]),  # numbers compared as written
    ("relation.maximisers", [seg(0, -1, 0), seg(-1, 0, 1)]),
    ("relation.attained", False),
    ("relation", {"type": "unbounded"}),
    ("data.v.0", "-2"),                                             # another direction (1^T v = -1): another face
])
def test_tampered_reference_is_rejected(path, new):
    assert_problem(check_certificate(tampered(GOOD, path, new)), "relation: the certificate states")


def test_unbounded_direction_has_no_value():
    rep = check_certificate(extreme(X5, [1, 0, 0, 0, 0], attained(1, seg(1, 2, None))))
    assert_problem(rep, "but the evidence proves {'type': 'unbounded'}")


@pytest.mark.parametrize("path, new, fragment", [
    ("data.x", [], "data.x: expected at least one point"),
    ("data.v", ["1"], "data.v: expected 5 entries, got 1"),
    ("data.v", DELETE, "data.v: missing field"),
    ("data.x.0", 2, "data.x[0]: expected a rational string"),
    ("relation", DELETE, "relation: missing field"),
])
def test_malformed_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=5),
       st.lists(st.integers(-3, 3), min_size=5, max_size=5))
def test_value_dominates_a_grid_and_maximisers_attain_it(xs, vs):
    """Independent of the checker: the proved value is >= g on a grid of (u, b), and g equals it at both ends of
    every listed segment (and far out on a ray)."""
    x, v = [F(t) for t in xs], [F(t) for t in vs[:len(xs)]]
    v[-1] -= max(sum(v), 0)  # 1^T v <= 0
    proved = canonical(relu1d_extreme_point.check(extreme(x, v, {}), []).relation)
    top = F(proved["value"])
    us, bs = [F(k, 4) for k in range(-4, 5)], [F(k, 2) for k in range(-24, 25)]
    assert max(g(x, v, u, b) for u in us for b in bs) <= top
    for sg in proved.get("maximisers", []):
        ends = [F(sg["lo"]), F(10**6) if sg["hi"] is None else F(sg["hi"])]
        assert all(g(x, v, sg["u"], b) == top for b in ends)
