"""ep Lemma 2.6 / Corollary 3.2 (1-D extreme points), Corollaries 3.4-3.5 (rank-one), Lemmas 2.1-2.2."""

from __future__ import annotations

import random
from fractions import Fraction as F
from pathlib import Path

import pytest

from cases import shipped_case
from exact.certificates.rank_one_l1 import rank_one_certificate
from exact.certificates.relu1d_extreme_point import extreme_point_certificate
from exact.checker import check_certificate
from exact.numbers import rational_sqrt
from exact.relu.interpolation import interpolate_1d
from exact.relu.rank_one import factor_rank_one, solve_rank_one
from exact.relu.support import ATTAINED, DEAD, UNBOUNDED, Segment, extreme_point_1d, neuron_value
from verify.claims.ep import cor_3_4, lem_2_1, lem_2_6
from verify.claims.ep.cor_3_4 import check_rank_one_extreme_points
from verify.claims.ep.cor_3_5 import check_rank_one_duality
from verify.claims.ep.lem_2_1 import _constant_pair, check_rescaling
from verify.claims.ep.lem_2_6 import check_extreme_points
from verify.registry import Context
from verify.result import PROVED, REFUTED, UNDECIDED

X5 = [F(t) for t in (-2, -1, 0, 1, 2)]
V_STAR = [F(t) for t in (1, -3, 2, 1, -1)]  # ep's printed dual of Proposition 3.1


def fr(*vals):
    return [F(v) for v in vals]


def test_extreme_point_along_ep_dual_exact_face():
    e = extreme_point_1d(X5, V_STAR)
    assert (e.status, e.value, e.u, e.b) == (ATTAINED, 1, 1, 1)  # (x + 1)_+, knot at the data point -1
    assert e.face == (Segment(1, F(1), F(1)), Segment(-1, F(-1), F(-1))) and not e.unique
    assert e.point == tuple(fr(0, 0, 1, 2, 3))
    minus = extreme_point_1d(X5, [-t for t in V_STAR])
    # a flat piece: every knot t in [0, 1] of (x - t)_+ and of (t - x)_+ maximises along -v*
    assert minus.face == (Segment(1, F(-1), F(0)), Segment(-1, F(0), F(1)))
    assert minus.contains(1, F(-1, 2)) and not minus.contains(1, F(1, 2))


def test_unique_maximiser_and_ray():
    e = extreme_point_1d(fr(0, 1, 2), fr(-1, 3, -3))   # (2 - x)_+ = (2, 1, 0): value 1, slope -1 beyond
    assert (e.value, e.unique, e.face) == (1, True, (Segment(-1, F(2), F(2)),))
    ray = extreme_point_1d(fr(0, 1, 2), fr(1, -1, 0))   # sum(v) = 0: constant to the right
    assert ray.value == 1 and ray.face == (Segment(-1, F(1), None),)
    assert neuron_value(fr(0, 1, 2), fr(1, -1, 0), F(-1), F(10 ** 6)) == 1


def test_unbounded_and_dead():
    e = extreme_point_1d(X5, fr(1, 0, 0, 0, 0))
    assert (e.status, e.value, e.u) == (UNBOUNDED, None, None)
    assert neuron_value(X5, fr(1, 0, 0, 0, 0), F(0), F(1000)) == 1000  # u = 0, b -> oo
    dead = extreme_point_1d(X5, fr(-1, -2, 0, -1, -3))
    assert (dead.status, dead.value, dead.u, dead.b, dead.point) == (DEAD, 0, 1, -2, (0,) * 5)
    for doc in (extreme_point_certificate(e, "t", "t"), extreme_point_certificate(dead, "t", "t")):
        assert check_certificate(doc).ok


def test_exact_max_dominates_a_rational_grid():
    rng = random.Random(5)
    grid_u = [F(k, 4) for k in range(-4, 5)]
    for _ in range(40):
        n = rng.randint(1, 5)
        x = [F(rng.randint(-6, 6), rng.randint(1, 2)) for _ in range(n)]
        v = [F(rng.randint(-3, 3)) for _ in range(n)]
        v[-1] -= max(sum(v), 0) + rng.randint(0, 1)  # 1^T v <= 0
        e = extreme_point_1d(x, v)
        assert neuron_value(x, v, F(e.u), e.b) == e.value and -e.b / e.u in x
        best = max(neuron_value(x, v, u, F(b, 4)) for u in grid_u for b in range(-40, 41))
        assert best <= e.value
        assert check_certificate(extreme_point_certificate(e, "t", "t")).ok


def test_rank_one_values_equal_the_1d_reduction():
    expected = {"ep-rankone-nonneg-d2": F(8, 5), "ep-rankone-mixed-d2": F(197, 60),
                "ep-rankone-mixed-d3": F(23, 42), "ep-rankone-nonneg-d3": F(5, 2)}
    for name, value in expected.items():
        case = shipped_case(name)
        r = solve_rank_one(case.X, case.y)
        assert r.value == value == r.value_via_c
        assert interpolate_1d(r.c, case.y).value / r.norm == value
        rep = check_certificate(rank_one_certificate(r, case.X, "t", name))
        assert rep.ok and rep.value == str(value)
    # nonneg-d2 is ep's own data scaled: x = 5 c = 5 (a + 2), so P* = 8 / 5
    assert solve_rank_one(shipped_case("ep-rankone-nonneg-d2").X, fr(1, -1, 1, 1, -1)).norm == 5


def test_rank_one_factor_and_errors():
    assert factor_rank_one([fr(0, 0), fr(3, 4), fr(-6, -8)]) == ((0, 1, -2), (3, 4))
    assert rational_sqrt(F(49, 4)) == F(7, 2) and rational_sqrt(F(2)) is None
    with pytest.raises(ValueError, match="rank > 1"):
        factor_rank_one([fr(1, 0), fr(0, 1)])
    with pytest.raises(ValueError, match="is not a rational square"):
        solve_rank_one([fr(1, 1), fr(2, 2)], fr(0, 1))


def _ctx(tmp_path):
    return Context(tmp_path)


def test_lemma_2_6_claim_on_ep_data(tmp_path):
    res = check_extreme_points(shipped_case("ep-prop-3.1-eq"), _ctx(tmp_path))
    assert res.verdict == PROVED and res.value == 8 and isinstance(res.value, F)
    assert [p.status for p in res.printed] == ["MISMATCH"]  # "for any v": fails for 1^T v > 0
    assert "1^T v = 1 > 0" in res.printed[0].exact and "certified" in res.printed[0].exact
    assert any("knot 1/2 is not a data point" in n for n in res.notes)  # the printed hat optimum
    assert all(c.ok for c in res.checked) and all(check_certificate_file(p) for p in res.certificates)
    assert not res.findings
    vacuous = check_extreme_points(shipped_case("abs-plus-one"), _ctx(tmp_path))
    assert vacuous.verdict == PROVED and any("Corollary 3.2 is vacuous" in n for n in vacuous.notes)


def test_corollary_3_2_refuted_off_data_knot(tmp_path):
    case = shipped_case("ep-rankone-1d-offdata-knot")
    sol = interpolate_1d(case.x, case.y)
    assert (sol.value, sol.attained, sol.value_without_constant) == (1, True, F(4, 3))
    res = check_extreme_points(case, _ctx(tmp_path))
    assert res.verdict == REFUTED == case.expect["ep.lem-2.6"]
    assert any("(u = -1, b = 4, w = -1/2) is a certified maximiser along -v" in n for n in res.notes)
    assert all(check_certificate_file(p) for p in res.certificates)
    (finding,) = res.findings
    assert finding.place == "Corollary 3.2" and "(37) has value 4/3 (certified)" in finding.shows
    assert "P* = 1 is attained (certified)" in finding.shows
    assert [Path(p).name.split("__", 1)[1] for p in finding.certificates] == [  # after "claim@content-hash__"
        "ep-rankone-1d-offdata-knot__eq37.json", "ep-rankone-1d-offdata-knot.json"]


def test_corollary_3_2_undecided_when_an_optimum_leaves_the_certified_face(tmp_path, monkeypatch):
    """A neuron of the certified optimum outside the certified maximisers would contradict the certificates,
    not the corollary: the check cannot decide."""
    monkeypatch.setattr(lem_2_6, "is_maximiser", lambda *args: False)
    res = check_extreme_points(shipped_case("kh-example-1"), _ctx(tmp_path))
    assert res.verdict == UNDECIDED and not res.findings
    assert any("is NOT among the certified maximisers" in n for n in res.notes)


def check_certificate_file(path):
    from exact.checker import check_file
    return check_file(path).ok


def test_rank_one_claims(tmp_path):
    res = check_rank_one_duality(shipped_case("ep-rankone-mixed-d2"), _ctx(tmp_path))
    assert (res.verdict, res.value) == (PROVED, F(197, 60))
    res = check_rank_one_extreme_points(shipped_case("ep-rankone-mixed-d3"), _ctx(tmp_path))
    assert res.verdict == PROVED and res.value == F(23, 42) and [p.status for p in res.printed] == ["MATCH"]
    assert "b = -s c_i ||a|| with c_i = 1/3" in res.printed[0].exact
    assert [c.kind_relation for c in res.checked] == ["equals", "equals", "equals"]  # +-v faces, rank-one-l1
    unattained = check_rank_one_extreme_points(shipped_case("ep-rankone-nonneg-d3"), _ctx(tmp_path))
    assert unattained.verdict == PROVED and any("not attained by the certified network" in n
                                                for n in unattained.notes)


def test_corollary_3_4_undecided_off_the_certified_face(tmp_path, monkeypatch):
    monkeypatch.setattr(cor_3_4, "is_maximiser", lambda *args: False)
    res = check_rank_one_extreme_points(shipped_case("ep-rankone-mixed-d3"), _ctx(tmp_path))
    assert res.verdict == UNDECIDED and [p.status for p in res.printed] == ["MISMATCH"]
    assert "NOT of the form" in res.printed[0].exact


def test_lemma_2_1_factor_two(tmp_path):
    res = check_rescaling(shipped_case("ep-prop-3.1-eq"), _ctx(tmp_path))
    assert (res.verdict, res.value) == (PROVED, 16)          # inf (3) = 2 P* = 2 * 8
    assert (res.printed[0].printed, res.printed[0].exact, res.printed[0].status) == ("8", "16", "MISMATCH")
    assert res.printed[1].status == "MATCH"
    (finding,) = res.findings
    assert finding.place == "Lemma 2.1" and finding.shows.startswith("inf (3) = 2 P* = 16, not P* = 8 (certified)")
    assert finding.certificates == res.certificates
    res = check_rescaling(shipped_case("abs-plus-one"), _ctx(tmp_path))   # not attained: infimum relation
    assert (res.verdict, res.value, res.printed[0].status) == (PROVED, 4, "MISMATCH")
    assert "7/3 (B = 3)" in res.printed[1].exact
    res = check_rescaling(shipped_case("constant-labels"), _ctx(tmp_path))
    assert (res.value, res.printed[0].status, res.findings) == (0, "MATCH", [])   # 2 * 0 = 0: no finding


def test_lemma_2_1_undecided_when_the_rescaling_misses(tmp_path, monkeypatch):
    """A rescaled network that misses 2 P* is a failure of the construction, not a counterexample."""
    monkeypatch.setattr(lem_2_1, "rescaled_cost", lambda net, x, y: (F(0), True))
    res = check_rescaling(shipped_case("ep-prop-3.1-eq"), _ctx(tmp_path))
    assert res.verdict == UNDECIDED and res.value == 16 and not res.findings


def test_constant_pair_with_unit_neurons():
    sol = interpolate_1d(X5, fr(3, 2, 1, 2, 3))
    assert sol.constant == 1 and not sol.attained
    assert _constant_pair(X5, sol.y, sol, F(2)) == (True, F(5, 2))   # B = max|x|: still exact
    assert _constant_pair(X5, sol.y, sol, F(1))[0] is False          # B < max|x|: the pair is not constant
