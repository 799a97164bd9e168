"""ses Claim 5.2 (radial bump, float) and Theorem C.3 (l_{2/L} problem (49), exact vertex enumeration)."""

import random
from dataclasses import replace
from fractions import Fraction as F

import mpmath as mp
import pytest

from cases import case_from_dict, shipped_case
from exact.certificates.bridge_vertex_min import bridge_certificate
from exact.checker import check_certificate, check_file
from exact.checker.arith import Surd
from exact.l1 import l1_program
from exact.relu.bridge import basic_solutions, bridge_value, compare, descent, minimise_bridge, power_root, support
from verify.claims.ses import thm_c_3
from verify.claims.ses.claim_5_2 import bump_cases, eigenvalues, h_quadrature, hessian_integral, nuclear_closed, phi
from verify.claims.ses.thm_c_3 import dictionary, parallel_dictionary, unit_vector
from verify.numeric import Bracket
from verify.registry import CLAIMS, Context, run_check
from verify.result import CONFIRMED, MISMATCH, PROVED, UNDECIDED, VACUOUS, Labelled


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
    ctx = Context(tmp_path)
    results = [run_check(CLAIMS["ses.thm-c.3"], shipped_case(n), ctx)
               for n in ("ses-deep-relu1d", "ses-deep-matrix", "ses-deep-parallel")]
    assert [r.verdict for r in results] == [PROVED] * 3
    relu1d_value = results[0].value
    assert isinstance(relu1d_value, Labelled) and [label for label, _ in relu1d_value.items] == ["L=2", "L=3", "L=4"]
    assert relu1d_value.items[0][1] == F(7, 2) and isinstance(relu1d_value.items[1][1], Surd)  # checked values
    assert results[0].value_text == "7/2 (L=2); 3 + 1/2*4^(1/3) (L=3); 4 (L=4)"
    assert results[1].value_text == "37/13 (L=2); 1 + 4^(1/3) (L=3); 1 + 4^(1/4) (L=4)"
    assert len(results[0].certificates) == 4  # the L = 2 LP and one bridge certificate per L
    assert "L = 2: exact LP value 7/2 = vertex minimum 7/2 (both certified)" in results[0].notes
    relations = [check_file(p).relation for p in results[0].certificates]
    assert [r.get("witness") for r in relations[1:]] == ["optimal", "suboptimal", "suboptimal"]


def test_bump_values_and_appendix_d_findings(tmp_path):
    bump = [run_check(CLAIMS["ses.claim-5.2"], c, Context(tmp_path)) for c in bump_cases()]
    assert [r.verdict for r in bump] == [CONFIRMED] * 2
    assert all([p.status for p in r.printed] == [MISMATCH, MISMATCH] for r in bump)
    alpha = bump[1].value.items[0][1]
    with mp.workdps(40):  # ||alpha||_1 = 4 |S^2| = 16 pi, enclosed to ~1e-25
        ends = [mp.mpf(q.numerator) / q.denominator for q in (alpha.lower, alpha.upper)]
        assert isinstance(alpha, Bracket) and ends[0] < 16 * mp.pi < ends[1] and ends[1] - ends[0] < 1e-20
    assert bump[1].value_text == "[50.2654824574, 50.2654824575] (||alpha||_1 = 4 |S^2|); 0 (limit of (39))"
    for d, r in zip((2, 3), bump):
        assert [f.place for f in r.findings] == [f"Appendix D, h(x) for ||x|| > 1, d = {d}",
                                                 f"Appendix D, (1/r^(d-1)) int ||hess h|| <= C/r^2, d = {d}"]
        profile, rate = r.findings
        assert profile.paper == "ses" and profile.certificates == ()
        assert "the display is < 0 for every ||x|| > 1" in profile.shows and "> 0 (closed form" in profile.shows
        assert "unbounded" in rate.shows and "The limit 0 still holds" in rate.shows
    assert "the rate is exactly 1/r" in bump[0].findings[1].shows
    assert "the rate is ln r / r^2" in bump[1].findings[1].shows


def test_infeasible_system_is_vacuous(tmp_path):
    """(49) not attainable (A w = y infeasible): the hypothesis of Theorem C.3 fails, certified by Farkas."""
    case = case_from_dict({"name": "ses-deep-infeasible", "source": "t", "X": [["1", "1"], ["2", "2"]],
                           "y": ["1", "3"], "matrix": "1"}, "t")
    r = run_check(CLAIMS["ses.thm-c.3"], case, Context(tmp_path))
    assert r.verdict == VACUOUS and r.value is None
    assert [check_file(p).relation for p in r.certificates] == [{"type": "infeasible"}] * 3
    assert "the hypothesis of Theorem C.3 fails" in r.notes[-1]


def test_disagreeing_l2_values_are_undecided(tmp_path, monkeypatch):
    """Two accepted certificates of different values for L = 2 (here the LP of 2 ||w||_1): UNDECIDED."""
    def doubled(columns, rhs):
        lp = l1_program(columns, rhs)
        return replace(lp, c=tuple(2 * c for c in lp.c))
    monkeypatch.setattr(thm_c_3, "l1_program", doubled)
    r = run_check(CLAIMS["ses.thm-c.3"], shipped_case("ses-deep-matrix"), Context(tmp_path))
    assert r.verdict == UNDECIDED
    assert "L = 2: exact LP value 74/13 != vertex minimum 37/13 (both certified)" in r.notes
