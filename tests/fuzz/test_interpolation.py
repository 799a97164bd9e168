"""Fuzzing the 1-D min-l1 interpolation route (exact.relu.interpolation): exact value, checked certificate, HiGHS.

Conventions as the claims use them: ep (4) (ReLU, free hidden bias, no output bias), ses (25) (free output
bias), kh (2)+(3) (leaky slopes), plus leaky with an output bias. Every instance is solved by interpolate_1d,
written by the relu1d-l1-interpolation writer and checked; HiGHS solves the LP over a larger dictionary
(tests.fuzz.floats) and must agree to 1e-7 relative. Where the route reports ep (37) (no constant column),
HiGHS solves that LP too. No instance is filtered.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.checker import check_certificate
from exact.convention import Convention
from exact.relu.interpolation import interpolate_1d
from tests.fuzz import floats
from tests.fuzz.strategies import labels, points, route_tests

ROUTE = "interpolation"
CONVENTIONS = {
    "ep": Convention(),
    "ses": Convention(output_bias=True),
    "kh-1/10": Convention(Fraction(1, 10)),
    "kh-1/5": Convention(Fraction(1, 5)),
    "kh--1/2": Convention(Fraction(-1, 2)),
    "leaky-1/2+bias": Convention(Fraction(1, 2), output_bias=True),
}


@st.composite
def instances(draw):
    x = draw(points(2, 7))
    return draw(st.sampled_from(sorted(CONVENTIONS))), x, draw(labels(len(x)))


def check_instance(inst, tier: str, tally) -> None:
    name, x, y = inst
    conv = CONVENTIONS[name]
    sol = interpolate_1d(x, y, conv)
    report = check_certificate(interpolation_certificate(sol, "fuzz", f"{ROUTE}-{name}"))
    assert report.ok, (inst, report.problems)
    assert report.value == str(sol.value), (inst, report.value, sol.value)
    flt = floats.min_l1_interpolation(floats.features_1d(x, conv.alpha), y)
    assert floats.agree(flt, sol.value), (inst, "HiGHS", flt, "exact", sol.value)
    if sol.without_constant is not None:  # ep (37): the data-knot dictionary without a constant column
        flt37 = floats.min_l1_interpolation(floats.features_1d(x, conv.alpha, extra=False), y, constant=False)
        assert floats.agree(flt37, sol.without_constant.value), (inst, "(37)", flt37, sol.without_constant.value)
    tally(ROUTE, tier, name, inst)


test_interpolation_quick, test_interpolation_slow = route_tests(ROUTE, instances, check_instance)
