"""Fuzzing the rank-one route (exact.relu.rank_one): ep (4) for X = c a^T, exact value, checked certificate, HiGHS.

X = c a^T with c distinct small rationals (distinct rows: the route needs distinct 1-D points x = ||a|| c) and a
a scaled, signed, permuted Pythagorean vector (the route needs ||a|| rational), d = 1..4. HiGHS solves min-l1
interpolation in R^d over neurons (X u + b)_+ for u = +-a/||a|| and random unit directions, each with biases at
and between the projected data (tests.fuzz.floats), plus the free constant; it must agree to 1e-7 relative.
No instance is filtered.
"""

from __future__ import annotations

from hypothesis import strategies as st

from exact.certificates.rank_one_l1 import rank_one_certificate
from exact.checker import check_certificate
from exact.relu.rank_one import solve_rank_one
from tests.fuzz import floats
from tests.fuzz.strategies import labels, outer, rank_one_factors, route_tests

ROUTE = "rank-one"


@st.composite
def instances(draw):
    c, a = draw(rank_one_factors())
    return outer(c, a), draw(labels(len(c))), draw(st.integers(0, 2**16))


def check_instance(inst, tier: str, tally) -> None:
    X, y, seed = inst
    r = solve_rank_one(X, y)
    report = check_certificate(rank_one_certificate(r, X, "fuzz", ROUTE))
    assert report.ok, (inst, report.problems)
    assert report.value == str(r.value), (inst, report.value, r.value)
    flt = floats.min_l1_interpolation(floats.features_rank_one(X, seed), y)
    assert floats.agree(flt, r.value), (inst, "HiGHS", flt, "exact", r.value)
    tally(ROUTE, tier, f"d={len(X[0])}", (X, y))  # distinct data (the seed only picks extra float atoms)


test_rank_one_quick, test_rank_one_slow = route_tests(ROUTE, instances, check_instance)
