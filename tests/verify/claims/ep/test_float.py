"""ep float claims (Lemmas 2.7-2.8, Corollary 2.1, Proposition 3.2, Theorem 6.1) and verify.numeric."""

from fractions import Fraction as F

import numpy as np
import pytest

from cases import shipped_case
from exact.numbers import sqrt_bounds
from verify.claims.ep.lem_2_7 import check_extreme_point_formulas
from verify.claims.ep.prop_3_2 import check_cutting_plane
from verify.claims.ep.thm_6_1 import check_logistic_dual
from verify.numeric.bracket import Bracket, Position, locate
from verify.numeric.cutting_plane import CuttingPlaneRun, run_bracket
from verify.numeric.intervals import norm_bounds
from verify.numeric.repair import repair_box_sum, restore_equality, scale_into
from verify.numeric.sups import relu_sup
from verify.registry import Context
from verify.result import render_value


@pytest.fixture
def ctx(tmp_path):
    return Context(tmp_path)


def test_sqrt_bounds_are_rigorous_and_tight():
    lo, hi = sqrt_bounds(F(2))
    assert lo * lo < 2 < hi * hi and hi - lo == F(1, 10**60)
    assert sqrt_bounds(F(49, 9)) == (F(7, 3), F(7, 3))
    with pytest.raises(ValueError):
        sqrt_bounds(F(-1))


def test_bracket_rejects_broken_weak_duality_and_judges():
    with pytest.raises(ValueError, match="weak duality"):
        Bracket(F(2), F(1))
    b = Bracket(F(1), F(2))
    assert locate(b, F(3, 2)) is Position.INSIDE
    assert locate(b, F(5, 2)) is Position.ABOVE and locate(b, F(1, 2)) is Position.BELOW
    assert locate(b, Bracket(F(2) + F(1, 10**7), F(3)), tol=F(1, 10**6)) is Position.INSIDE
    assert locate(Bracket(F(1), None), F(10**9)) is Position.INSIDE


def test_exact_repairs():
    w = restore_equality([[F(1), F(2)], [F(0), F(1)]], [F(0.1), F(0.2)], [F(1), F(1)])
    assert w == [F(-1), F(1)]
    assert restore_equality([[F(1), F(1)], [F(2), F(2)]], [F(0), F(0)], [F(1), F(1)]) is None
    assert repair_box_sum([F(-1)], [F(0)], [F(1)], F(2)) is None  # box [0, 1] cannot sum to 2
    fixed = repair_box_sum([F(3), F(5)], [F(0), F(0)], [None, None], F(1))
    assert sum(fixed) == 1 and min(fixed) >= 0


def test_infeasible_dual_point_is_scaled():
    t, tv = scale_into([F(3), F(-6)], F(6), F(1))
    assert t == F(1, 6) and tv == [F(1, 2), F(-1)]
    assert scale_into([F(1, 2)], F(1, 2), F(1)) == (F(1), [F(1, 2)])


def test_relu_sup_known_values():
    s = relu_sup([[F(1), F(0)], [F(0), F(1)]], [F(1), F(1)], bias=False)  # sup = ||(1, 1)|| = sqrt 2
    assert s.bracket.contains(sqrt_bounds(F(2))[0]) and s.bracket.width < F(1, 10**12)
    s = relu_sup([[F(0)], [F(1)], [F(2)]], [F(1), F(-2), F(1)], bias=True)  # 1-D: relu1d_sup gives 1
    assert s.bracket.lower <= 1 <= s.bracket.upper and s.bracket.width < F(1, 10**12)
    with pytest.raises(ValueError, match=r"\+oo"):
        relu_sup([[F(1)]], [F(1)], bias=True)


def test_extreme_points_confirmed(ctx):
    for k in (1, 2, 3):
        res = check_extreme_point_formulas(shipped_case(f"ep-float-extreme-{k}"), ctx)
        assert res.verdict == "CONFIRMED", res.notes
        assert isinstance(res.value, Bracket) and not res.findings
        assert res.data["parts"]["ep.lem-2.8"] == ["CONFIRMED"]
        assert res.data["parts"]["ep.cor-2.1"] == ["CONFIRMED"]
    res = check_extreme_point_formulas(shipped_case("ep-float-extreme-2"), ctx)
    assert any("convex hull of the others" in n for n in res.notes)  # a_2 is inside: (10) is 0/0


def test_corollary_2_1_finding_when_its_candidates_fall_short(ctx, monkeypatch):
    """Corollary 2.1's best candidate bracketed below the sup: CONTRADICTED, with the finding."""
    import verify.claims.ep.lem_2_7 as lem_2_7

    monkeypatch.setattr(lem_2_7, "_corollary_2_1", lambda A, alpha: (Bracket(F(0), F(1)), (1, [2])))
    res = check_extreme_point_formulas(shipped_case("ep-float-extreme-1"), ctx)
    assert res.verdict == "CONTRADICTED" and res.data["parts"]["ep.cor-2.1"] == ["CONTRADICTED"]
    (finding,) = res.findings
    assert finding.place == "Corollary 2.1" and "> every candidate (<= 1)" in finding.shows


def test_whitened_cutting_plane_reaches_closed_form(ctx):
    case = shipped_case("ep-float-cp-whitened")
    res = check_cutting_plane(case, ctx)
    assert res.verdict == "CONFIRMED" and render_value(res.value) == "[4.10689646086, 4.10689668028]"
    y = list(case.y)
    lo = norm_bounds([max(v, F(0)) for v in y])[0] + norm_bounds([max(-v, F(0)) for v in y])[0]
    opt, alg = res.data["optimum"], res.data["algorithm"]
    assert F(opt["lower"]) <= lo <= F(opt["upper"])
    assert F(alg["lower"]) <= lo <= F(alg["upper"]) <= lo + F(1, 10**6)
    assert res.data["converged"] and res.data["iterations"] > 1


def test_cutting_plane_failures_outside_the_claim(ctx):
    res = check_cutting_plane(shipped_case("ep-float-cp-rankone"), ctx)
    assert res.verdict == "CONTRADICTED" and res.value.upper is None  # no feasible primal: one-sided
    assert render_value(res.value).endswith(", +oo]")
    assert F(res.data["optimum"]["lower"]) == 28 == F(res.data["optimum"]["upper"])
    res = check_cutting_plane(shipped_case("ep-float-cp-nonspikefree"), ctx)
    assert res.verdict == "CONTRADICTED"
    assert F(res.data["algorithm"]["upper"]) > F(res.data["optimum"]["upper"]) + 1


def test_run_bracket_scales_an_infeasible_dual():
    case = shipped_case("ep-float-cp-whitened")
    A, y = [list(r) for r in case.X], list(case.y)
    bad = CuttingPlaneRun([], 10 * np.array([float(v) for v in y]), 0, False, None, 0.0)
    br = run_bracket(A, y, False, bad)
    assert br.upper is None and "scaled by" in br.lower_from and not br.lower_from.endswith("by 1")
    exact_opt = norm_bounds([max(v, F(0)) for v in y])[0] + norm_bounds([max(-v, F(0)) for v in y])[0]
    assert 0 < br.lower <= exact_opt


def test_logistic_dual_strong_duality(ctx):
    res = check_logistic_dual(shipped_case("ep-float-logistic-1"), ctx)
    assert res.verdict == "CONFIRMED" and isinstance(res.value, Bracket)
    br = res.data["bracket"]
    assert F(br["width"]) < F(1, 10**6) and abs(float(F(br["upper"])) - 3.518639) < 1e-5
    assert [p.status for p in res.printed] == ["MATCH", "MATCH"]
