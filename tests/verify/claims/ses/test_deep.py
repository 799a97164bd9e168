"""ses Claim 5.2 (radial bump, float) and Theorem C.3 (l_{2/L} problem (49), exact vertex enumeration)."""

import random
from fractions import Fraction as F

import mpmath as mp
import pytest

from cases import shipped_case
from exact.certificates.bridge_vertex_min import bridge_certificate
from exact.checker import check_certificate
from exact.checker.arith import Surd
from exact.relu.bridge import basic_solutions, bridge_value, compare, descent, minimise_bridge, power_root, support
from verify.claims.ses.claim_5_2 import bump_cases, eigenvalues, h_quadrature, hessian_integral, nuclear_closed, phi
from verify.claims.ses.thm_c_3 import dictionary, parallel_dictionary, unit_vector
from verify.registry import Context, all_claims, run_check
from verify.result import CONFIRMED, MISMATCH, PROVED


def relu1d():
    case = shipped_case("ses-deep-relu1d")
    return dictionary(case, 2)[0], list(case.y)


# --- exact values of sum |w|^(2/L) -------------------------------------------------------------

def test_power_root_is_canonical_and_exact():
    assert power_root(F(1, 2), 3) == (F(1, 2), 2)  # (1/4)^(1/3) = 2^(1/3) / 2
    assert power_root(F(-8), 3) == (F(4), 1)
    assert power_root(F(3, 4), 4) == (F(1, 2), 9)  # (9/16)^(1/4) = 9^(1/4) / 2
    for q in (F(7, 9), F(-12, 5), F(250)):
        for L in (2, 3, 4):
            c, m = power_root(q, L)
            assert c ** L * m == q * q
            assert all(m % p ** L for p in range(2, m + 1)), (q, L, m)  # L-th-power-free


def test_ties_are_exact_and_order_is_certified():
    assert compare(bridge_value([F(8)], 3), bridge_value([F(1)] * 4, 3)) == 0  # 64^(1/3) = 4
    assert str(bridge_value([F(2), F(-2)], 3)) == "2*4^(1/3)"
    # 2^(1/3) + 3^(1/3) = 2.7022... < 20^(1/3) = 2.7144...; and a near-tie 10^-12 apart
    a = Surd({2: F(1), 3: F(1)}, 3)
    assert compare(a, Surd({20: F(1)}, 3)) == -1
    lo = a.bounds(80)[0]
    assert compare(a, Surd({1: lo - F(1, 10**12)}, 3)) == 1
    assert compare(a, Surd({1: lo + F(1, 10**12)}, 3)) == -1
    assert compare(a, a) == 0
    lo, hi = a.bounds(200)
    assert lo < hi and hi - lo < F(1, 2**198)


# --- vertex enumeration ----------------------------------------------------------------------

def test_relu1d_instance_values_and_ties():
    A, y = relu1d()
    got = {L: minimise_bridge(A, y, L) for L in (2, 3, 4)}
    assert [str(got[L].value) for L in (2, 3, 4)] == ["7/2", "3 + 1/2*4^(1/3)", "4"]
    assert len(got[2].basic) == 29 and got[2].rank == 5
    assert len(got[4].optimal) == 3  # an exact three-way tie at L = 4
    assert all(len(support(got[L].basic[i])) <= 5 for L in (3, 4) for i in got[L].optimal)


def test_infeasible_system_has_no_basic_solution():
    A = [[F(1), F(1)], [F(2), F(2)]]
    assert basic_solutions(A, [F(1), F(3)]) == (1, [])
    with pytest.raises(ValueError, match="infeasible"):
        minimise_bridge(A, [F(1), F(3)], 3)


def test_no_feasible_point_beats_the_vertex_minimum():
    """(a) on random instances: random feasible points (basic solution + kernel moves) are never better."""
    rng = random.Random(7)
    for trial in range(6):
        A = [[F(rng.randint(-3, 3)) for _ in range(5)] for _ in range(2)]
        y = [F(rng.randint(-3, 3)) for _ in range(2)]
        _, basic = basic_solutions(A, y)
        if not basic:
            continue
        for L in (2, 3):
            opt = minimise_bridge(A, y, L)
            for _ in range(15):
                u, v = rng.choice(basic), rng.choice(basic)
                t = F(rng.randint(-6, 6), 4)
                w = [a + t * (b - a) for a, b in zip(u, v)]  # on the line through two feasible points
                assert all(sum(r * x for r, x in zip(row, w)) == b for row, b in zip(A, y))
                assert compare(bridge_value(w, L), opt.value) >= 0


def test_descent_is_strict_only_below_l1():
    A, y = relu1d()
    opt = minimise_bridge(A, y, 2)
    mid = tuple(sum(c) / 2 for c in zip(*(opt.basic[i] for i in opt.optimal)))
    assert len(support(mid)) == 6 and bridge_value(mid, 2).rational() == F(7, 2)  # a dense L = 2 optimum
    flat = descent(A, mid, 2)
    assert not flat.strict and flat.gap == 0 and flat.better is None
    for L in (3, 4):
        step = descent(A, mid, L)
        assert step.strict and step.better is not None
        assert all(sum(r * x for r, x in zip(row, step.better)) == b for row, b in zip(A, y))
        assert compare(bridge_value(step.better, L), bridge_value(mid, L)) < 0
    assert descent(A, opt.basic[opt.optimal[0]], 3) is None  # basic: independent support


def test_parallel_dictionary_has_unit_layers():
    rng = random.Random(1)
    for n in (2, 4, 5):
        u = unit_vector(rng, n)
        assert sum(x * x for x in u) == 1
    X = [[F(1), F(2)], [F(3), F(-1)]]
    A = parallel_dictionary(X, 3, 4, 2, 6)
    assert len(A) == 2 and len(A[0]) == 4 and all(x >= 0 for row in A for x in row)


# --- the certificate ---------------------------------------------------------------------------

def certificate(L=4, witness=None, role="suboptimal"):
    A, y = relu1d()
    return bridge_certificate(A, y, minimise_bridge(A, y, L), "ses.thm-c.3", "t", witness, role)


def test_certificate_accepted_and_value_for_l1():
    """The writer's certificates of the relu1d dictionary (tampered: tests/checker/test_bridge_vertex_min.py)."""
    rep = check_certificate(certificate(4))
    assert rep.ok and rep.relation == {"type": "equals", "value": "4", "attained": True, "optimal_basic": 3}
    A, y = relu1d()
    opt = minimise_bridge(A, y, 2)
    mid = [sum(c) / 2 for c in zip(*(opt.basic[i] for i in opt.optimal))]
    rep2 = check_certificate(certificate(2, mid, "optimal"))
    assert rep2.ok and rep2.value == "7/2" and rep2.relation["witness"] == "optimal"
    rep3 = check_certificate(certificate(3, mid, "suboptimal"))
    assert rep3.relation["value"] == {"root": 3, "terms": {"1": "3", "4": "1/2"}}


# --- the radial bump -------------------------------------------------------------------------

def test_bump_closed_forms():
    with mp.workdps(30):
        val, err = h_quadrature(3, mp.mpf(2))
        assert abs(val - mp.pi) < 1e-25 and err < 1e-25  # h = 2 pi / ||x|| outside the unit ball
        for rho in (mp.mpf(2), mp.mpf(7)):
            a, b = eigenvalues(3, rho)
            assert abs(a + 2 * b) < 1e-28  # harmonic outside the unit ball: trace-free Hessian
        assert abs(phi(2, mp.mpf(1)) - (2 * mp.pi - 4)) < 1e-28  # both d = 2 branches meet at rho = 1
        assert abs(4 * (mp.asin(1) - 1) - (2 * mp.pi - 4)) < 1e-28
        assert abs(nuclear_closed(2, mp.mpf(10) ** 12) - 8 * mp.pi ** 2) < 1e-9  # N_2 -> 8 pi^2
        val, err = hessian_integral(2, 100, "nuclear")
        assert abs(val - nuclear_closed(2, 100)) <= err + mp.mpf(10) ** -25


# --- the registered checks -------------------------------------------------------------------

def test_claims_on_default_cases(tmp_path):
    claims = all_claims()
    ctx = Context(tmp_path)
    results = [run_check(claims["ses.thm-c.3"], shipped_case(n), ctx)
               for n in ("ses-deep-relu1d", "ses-deep-matrix", "ses-deep-parallel")]
    assert [r.verdict for r in results] == [PROVED] * 3
    assert results[0].value == "L=2: 7/2; L=3: 3 + 1/2*4^(1/3); L=4: 4"
    assert results[1].value == "L=2: 37/13; L=3: 1 + 4^(1/3); L=4: 1 + 4^(1/4)"
    assert len(results[0].certificates) == 4  # the L = 2 LP and one bridge certificate per L
    bump = [run_check(claims["ses.claim-5.2"], c, ctx) for c in bump_cases()]
    assert [r.verdict for r in bump] == [CONFIRMED] * 2
    assert all([p.status for p in r.printed] == [MISMATCH, MISMATCH] for r in bump)
    assert bump[1].value.startswith("||alpha||_1 = 4 |S^2| = 50.26548245743")
