"""Fuzzing the 1-D hinge route (exact.relu.hinge, ep (18)): exact value, checked certificate, HiGHS.

Variants: mode "infinite" (networks of any width, the constant free in the limit), the same with a free output
bias (ses (28), hinge loss), and the finite modes "data-knots", "kernel", "no-bias". Labels are +-1 (the route's
hypothesis; constant labels are allowed, the route handles them). HiGHS solves the hinge LP of the mode, for
"infinite" over a larger dictionary (tests.fuzz.floats), and must agree to 1e-7 relative. No instance is filtered.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from exact.certificates.relu1d_hinge import hinge_certificate
from exact.checker import check_certificate
from exact.relu.hinge import solve_hinge_1d
from tests.fuzz import floats
from tests.fuzz.strategies import betas, points, route_tests, signs

ROUTE = "hinge"
VARIANTS = {  # name -> (mode, output_bias)
    "infinite": ("infinite", False),
    "infinite+bias": ("infinite", True),
    "data-knots": ("data-knots", False),
    "kernel": ("kernel", False),
    "no-bias": ("no-bias", False),
}


@st.composite
def instances(draw):
    x = draw(points(2, 7))
    return draw(st.sampled_from(sorted(VARIANTS))), x, draw(signs(len(x))), draw(betas())


def float_value(mode: str, x, y, beta) -> float:
    if mode == "infinite":
        return floats.hinge(floats.features_1d(x, 0), y, beta, constant=True)
    if mode == "data-knots":
        return floats.hinge(floats.features_1d(x, 0, extra=False), y, beta, constant=False)
    if mode == "kernel":
        return floats.hinge(floats.features_1d(x, 0, directions=(1.0,), extra=False), y, beta, constant=False)
    xf = np.array([float(t) for t in x])
    return floats.hinge(np.c_[np.maximum(xf, 0), np.maximum(-xf, 0)], y, beta, constant=False)


def check_instance(inst, tier: str, tally) -> None:
    name, x, y, beta = inst
    mode, output_bias = VARIANTS[name]
    sol = solve_hinge_1d(x, y, beta, mode)
    report = check_certificate(hinge_certificate(sol, "fuzz", f"{ROUTE}-{name}", output_bias=output_bias))
    assert report.ok, (inst, report.problems)
    assert report.value == str(sol.value), (inst, report.value, sol.value)
    flt = float_value(mode, x, y, beta)
    assert floats.agree(flt, sol.value), (inst, "HiGHS", flt, "exact", sol.value)
    tally(ROUTE, tier, name, inst)


test_hinge_quick, test_hinge_slow = route_tests(ROUTE, instances, check_instance)
