"""ses (Savarese et al.) 1-D function-space claims: exact values, verdicts, certificates (rejections by hand:
tests/checker/test_relu1d_function_norm.py)."""

from dataclasses import replace
from fractions import Fraction as F

import pytest

from cases import case_from_dict, shipped_case
from exact.certificates.relu1d_function_norm import representation_certificate
from exact.checker import check_certificate, check_file
from exact.lasso import lasso
from exact.relu.dictionary import relu_atoms
from exact.relu.function_norm import PiecewiseLinear, end_slope_set, representation_cost
from exact.relu.networks import Network, rescaled_cost
from verify.claims.ses import cor_3_4, lem_1, thm_3_3
from verify.claims.ses.cor_3_4 import check_regularised
from verify.claims.ses.thm_3_1 import function_cases, function_of
from verify.claims.ses.thm_3_3 import _non_spline_optimum
from verify.registry import CLAIMS, Context, UsageError, check_suitable, get_claim, run_check
from verify.result import MATCH, MISMATCH, PROVED, UNDECIDED


def pl(t, v, left, right):
    return PiecewiseLinear(tuple(map(F, t)), tuple(map(F, v)), F(left), F(right))


@pytest.mark.parametrize("f, tv, ends, value", [
    (pl([0], [0], -1, 1), 2, 0, 2),                              # |x|: the ∫|f''| branch
    (pl([-2, -1, 0, 1, 2], [0, 1, 0, 1, 0], -1, 1), 10, 0, 10),  # zigzag: ∫|f''| branch
    (pl([0], [0], 1, 3), 2, 4, 4),                               # the |f'(-oo) + f'(+oo)| branch
    (pl([-1, 0, "1/2"], [3, 1, 0], -5, -3), 4, 8, 8),            # that branch with a negative sum
    (pl([0], [1], 2, 2), 0, 4, 4),                               # affine 2x + 1: cost 2|2|
    (pl([0, 1], [0, 2], 1, 1), 2, 2, 2),                         # tie
    (pl([0], [3], 0, 0), 0, 0, 0),                               # constant: the output bias pays
])
def test_theorem_3_1_values_and_certificate(f, tv, ends, value):
    rc = representation_cost(f)
    assert (f.total_variation, abs(f.end_sum), rc.value, f.theorem_value) == (tv, ends, value, value)
    assert PiecewiseLinear.of_network(rc.network()).same_function(f)
    report = check_certificate(representation_certificate(rc, "t", "c"))
    assert report.ok and report.value == str(value)


def test_end_slope_branch_network_and_dual():
    rc = representation_cost(pl([0], [5], 1, 3))
    assert (rc.weights, rc.constant, rc.kink_dual, rc.right_dual) == ((F(3), F(-1)), F(5), (F(-1),), F(2))


def test_piecewise_linear_validation_and_defaults():
    with pytest.raises(ValueError, match="strictly increasing"):
        pl([1, 0], [0, 0], 0, 0)
    with pytest.raises(ValueError, match="at least one breakpoint"):
        pl([], [], 0, 0)
    f = pl([0, 1, 3], [0, 1, 0], 2, -1)
    assert (f.slopes, f.kinks, f(F(-1)), f(F(2)), f(F(5))) == (
        (2, 1, F(-1, 2), -1), (-1, F(-3, 2), F(-1, 2)), -2, F(1, 2), -2)
    case = case_from_dict({"name": "c", "source": "s", "x": ["2", "0", "1"], "y": ["0", "0", "1"]}, "t")
    g = function_of(case)  # no slope params: extend the outer pieces (no kink at the end points)
    assert (g.left_slope, g.right_slope, g.kinks) == (1, -1, (0, -2, 0))


def test_function_cases_cover_both_branches():
    fs = [function_of(c) for c in function_cases()]
    assert any(f.total_variation > abs(f.end_sum) for f in fs)
    assert any(f.total_variation < abs(f.end_sum) for f in fs)
    assert any(f.total_variation == abs(f.end_sum) > 0 for f in fs)


def test_claim_3_1_verdicts(tmp_path):
    ctx = Context(tmp_path)
    by_name = {c.name: c for c in function_cases()}
    r = run_check(CLAIMS["ses.thm-3.1"], by_name["ses-fn-ramp-up"], ctx)
    assert (r.verdict, r.value, r.value_text) == (PROVED, F(4), "4")  # the certified R̄(f), a Fraction
    assert "active branch: |f'(-oo) + f'(+oo)|" in r.notes[0]
    assert "inequality: R̄(f) = 4 <= ∫|f''| + 2 inf|f'| = 4: holds" in r.notes[2]
    r = run_check(CLAIMS["ses.thm-3.1"], by_name["ses-fn-zigzag"], ctx)
    assert (r.verdict, r.value) == (PROVED, F(10)) and "active branch: ∫|f''|" in r.notes[0]
    assert check_file(r.certificates[0]).relation == {"type": "equals", "value": "10", "attained": True}


def test_end_slope_set_point_and_segment():
    S = end_slope_set([F(0), F(1), F(2)], [F(0), F(1), F(0)])
    assert (S.value, S.is_point, S.ends) == (2, True, ((1, -1), (1, -1)))
    S = end_slope_set([F(0), F(1), F(2)], [F(0), F(1), F(2)])  # y = x: (M + a + b)/2 = 1
    assert (S.value, S.ranges["l_0 + l_N"], S.ranges["l_0"], S.ends) == (1, (1, 1), (0, 1), ((0, 1), (1, 0)))


def test_theorem_3_3_spline_set_and_witness(tmp_path):
    case = shipped_case("ses-cor-3.4-signs")
    r = run_check(CLAIMS["ses.thm-3.3"], case, Context(tmp_path))
    assert (r.verdict, r.value) == (PROVED, F(6))
    assert "(l_0, l_N) = (-2, 0) interpolates: True, R̄ = 6, (27) there = 6 (all certified)" in r.notes[0]
    assert "the single point (l_0, l_N) = (-2, 0)" in r.notes[1] and "l_0 in [-2, -2]" in r.notes[1]
    assert "non-spline optimum: breakpoints ['-1/2', '1']" in r.notes[2] and "R̄ = 6" in r.notes[2]
    assert "NOT another optimum" not in r.notes[2]
    assert all(check_file(p).ok for p in r.certificates) and len(r.certificates) == 10  # (25), (27), 6 ranges, 2 R̄


def test_theorem_3_3_non_optimal_end_slopes_are_undecided(tmp_path, monkeypatch):
    """End slopes that do not minimise (27) (certified min) decide nothing: UNDECIDED, not REFUTED."""
    def shifted(x, y):
        S = end_slope_set(x, y)
        (l0, lN), far = S.ends
        return replace(S, ends=((l0 + 1, lN), far))
    monkeypatch.setattr(thm_3_3, "end_slope_set", shifted)
    r = run_check(CLAIMS["ses.thm-3.3"], shipped_case("ses-cor-3.4-signs"), Context(tmp_path))
    assert (r.verdict, r.value) == (UNDECIDED, F(6))
    assert "(l_0, l_N) = (-1, 0) interpolates: True, R̄ = 7, (27) there = 7" in r.notes[0]
    assert r.notes[-1] == "the spline's end slopes do not minimise (27) (certified min): no conclusion"


def test_non_spline_witness_is_exact():
    spline = PiecewiseLinear.spline([F(0), F(1), F(2), F(3)], [F(0), F(0), F(1), F(3)], F(0), F(2))
    w = _non_spline_optimum(spline)  # kinks +1 at 1 and +1 at 2 merge at 3/2
    assert w.true_breakpoints == (F(3, 2),)
    assert [w(F(t)) for t in range(4)] == [0, 0, 1, 3]
    assert representation_cost(w).value == representation_cost(spline).value == 2
    assert not w.same_function(spline)


def test_corollary_3_4_values(tmp_path):
    r = run_check(CLAIMS["ses.cor-3.4"], shipped_case("ses-cor-3.4-signs"), Context(tmp_path))
    assert (r.verdict, r.value) == (PROVED, F(167, 128))
    assert "4 pieces <= N + 1 = 6, breakpoints ['-1', '0', '1'] all at data points" in r.notes[0]
    assert ("(25) on the labels h(x_n) has value 71/16, attained True, kinks off the data none (certified); "
            "its optimum g has (28) objective 167/128 = V: a global minimiser") in r.notes[1]
    assert "hinge loss: optimum 1 (certified);" in r.notes[2] and "3 pieces <= N + 1 = 6" in r.notes[2]
    assert "proof step (hinge loss): (25) on the labels h(x_n) has value 4" in r.notes[3]
    assert [p.rsplit("__", 1)[1] for p in r.certificates] == [
        "squared.json", "squared_refit.json", "hinge.json", "hinge_refit.json"]


def test_corollary_3_4_non_optimal_fit_is_undecided(tmp_path, monkeypatch):
    """A candidate whose refit does not reach the certified optimum V proves nothing: UNDECIDED."""
    class Shifted(Network):  # the squared-loss network with its output bias off by one
        @classmethod
        def from_atoms(cls, atoms, weights, constant=F(0), alpha=F(0)):
            return Network.from_atoms(atoms, weights, constant + 1, alpha)
    monkeypatch.setattr(cor_3_4, "Network", Shifted)
    r = run_check(CLAIMS["ses.cor-3.4"], shipped_case("ses-cor-3.4-signs"), Context(tmp_path))
    assert (r.verdict, r.value) == (UNDECIDED, F(167, 128))
    assert "!= V = 167/128" in r.notes[1] and "= V: a global minimiser" in r.notes[3]  # the hinge part holds


def test_corollary_3_4_needs_lambda(tmp_path):
    case = case_from_dict({"name": "c", "source": "s", "x": ["0", "1"], "y": ["1", "-1"]}, "t")
    with pytest.raises(ValueError, match="parameter 'lambda' is required"):
        check_regularised(case, Context(tmp_path))
    with pytest.raises(UsageError, match="field 'lambda': missing; expected the regularisation weight of"):
        check_suitable(get_claim("ses.cor-3.4"), case)  # the CLI refuses the case before solving


def test_wrong_warm_start_is_repaired():
    case = shipped_case("ses-cor-3.4-signs")
    atoms = relu_atoms(case.x)
    A = [[a(xi, F(0)) for a in atoms] for xi in case.x]
    ones = [[F(1)] * len(case.x)]
    bad = [5.0 * (-1) ** j for j in range(len(atoms))]
    sol = lasso(A, case.y, F(1, 4), F(2), ones, warm=bad, decide_uniqueness=False)
    assert sol.value == F(167, 128) and sol.steps > 0
    net = Network.from_atoms(atoms, sol.weights, sol.free[0])
    assert PiecewiseLinear.of_network(net).pieces == 4


def test_lemma_1_audit(tmp_path):
    r = run_check(CLAIMS["ses.lem-1"], shipped_case("ep-prop-3.1-eq"), Context(tmp_path))
    assert (r.verdict, r.value) == (PROVED, F(8))
    assert "P* = 8 (certified, attained: True)" in r.notes[0]
    assert [(p.exact, p.status) for p in r.printed][0] == ("8", MATCH)
    assert r.printed[1].status == MATCH and "R_ep = 16, C_ses = 8" in r.printed[1].exact


def test_lemma_1_failed_rescaling_is_undecided(tmp_path, monkeypatch):
    """A balanced rescaling that does not reproduce the certified P* decides nothing: UNDECIDED."""
    monkeypatch.setattr(lem_1, "rescaled_cost", lambda net, x, y: (rescaled_cost(net, x, y)[0] + 2, True))
    r = run_check(CLAIMS["ses.lem-1"], shipped_case("ep-prop-3.1-eq"), Context(tmp_path))
    assert (r.verdict, r.value) == (UNDECIDED, F(8))
    assert r.printed[0].status == MISMATCH and r.printed[0].exact == "9"
