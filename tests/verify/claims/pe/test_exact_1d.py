"""pe claims decided exactly on the paper's 1-D data: Lemmas 2-3, the bi-dual (5), the gauge (6)-(7), GD (2)."""

from fractions import Fraction as F

import numpy as np
import pytest

from cases import case_from_dict, shipped_case
from verify.claims.pe.bidual_5 import check_bidual
from verify.claims.pe.example_6 import check_training
from verify.claims.pe.gauge_6_7 import check_gauge, nonconvex_witness
from verify.claims.pe.lem_2 import check_lemmas, directions
from verify.numeric.training import gradient_descent, objective_exact
from verify.registry import Context
from verify.result import Verdict


@pytest.fixture
def ctx(tmp_path):
    return Context(tmp_path)


def test_lemma_2_and_3_on_the_paper_data(ctx):
    res = check_lemmas(shipped_case("pe-example-6"), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.PROVED and res.value == F(1169, 500)
    bias = check_lemmas(shipped_case("pe-example-6-bias"), ctx).freeze(0.0, None)
    assert bias.verdict is Verdict.PROVED and bias.value == F(2819, 2700)


def test_pythagorean_directions_are_unit_vectors():
    assert all(sum(t * t for t in u) == 1 for d in (1, 2, 3) for u in directions(d))
    assert len(set(directions(2))) == len(directions(2)) == 28


def test_bidual_5_as_printed_is_twice_p_star_at_half_beta(ctx):
    res = check_bidual(shipped_case("pe-example-6"), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.REFUTED and res.value == F(1169, 500)
    assert any("4639/1000 = 2 p*(beta/2)" in f.shows for f in res.findings)


def test_gauge_without_bias_is_infinite_and_with_bias_in_surds(ctx):
    free = check_gauge(shipped_case("pe-example-6"), ctx).freeze(0.0, None)
    assert free.verdict is Verdict.PROVED and free.value is None
    assert any("infeasible" in n for n in free.notes)
    bias = check_gauge(shipped_case("pe-example-6-bias"), ctx).freeze(0.0, None)
    assert bias.verdict is Verdict.PROVED and repr(bias.value) == "4*sqrt(2) + 2*sqrt(5)"
    assert any(f.place == "Appendix A.10" for f in bias.findings)


def test_nonconvexity_witness_needs_points_of_both_signs():
    assert nonconvex_witness([F(-2), F(0), F(1)]) == (F(1), F(0), F(1, 2))
    assert nonconvex_witness([F(-2), F(1)]) is None  # two points: |x| / 2 is monotone, a single ReLU
    assert nonconvex_witness([F(1), F(2)]) is None


def test_exact_objective_reads_floats_as_rationals():
    X, y = [[F(1)], [F(-1)]], [F(1), F(0)]
    assert objective_exact(X, y, F(1, 2), [[0.5]], [2.0]) == F(17, 16)  # fits exactly; 1/4 (1/4 + 4)
    tenth = F(0.1)  # the double nearest 1/10, not 1/10
    want = (tenth - 1) ** 2 / 2 + F(1, 4) * (tenth * tenth + 1)
    assert objective_exact(X, y, F(1, 2), [[0.1]], [1.0]) == want != (F(1, 10) - 1) ** 2 / 2 + F(1, 4) * F(101, 100)


def test_gradient_descent_is_seeded_and_never_diverges():
    X, y = np.array([[-2.0], [-1.0], [0.0], [1.0], [2.0]]), np.array([1.0, -1.0, 1.0, 1.0, -1.0])
    a = gradient_descent(X, y, 0.1, 8, runs=3, steps=200, seed=5)
    b = gradient_descent(X, y, 0.1, 8, runs=3, steps=200, seed=5)
    assert [r.objective for r in a] == [r.objective for r in b]
    assert all(np.isfinite(r.curve).all() and r.curve[-1] <= r.curve[0] for r in a)


def test_no_gradient_descent_run_beats_the_certified_optimum(ctx):
    res = check_training(shipped_case("pe-example-6"), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.PROVED and res.value == F(1169, 500)
    lowest = min(F(v) for vs in res.data["objectives"].values() for v in vs)
    assert lowest >= res.value and lowest - res.value < F(1, 10 ** 4)
    assert [p.status for p in res.printed] == ["MISMATCH", "MISMATCH"]


def test_a_run_below_the_lower_bound_is_an_error(ctx, monkeypatch):
    import verify.claims.pe.example_6 as ex

    case = case_from_dict({"name": "t", "x": ["-2", "-1", "0", "1", "2"], "y": ["1", "-1", "1", "1", "-1"],
                           "draws": "2"}, "t.toml", "t.toml")
    monkeypatch.setattr(ex, "_exact_optimum", lambda *a: (F(3), F(3)))  # a wrong "bound" above the optimum
    monkeypatch.setattr(ex, "STEPS", 100)
    res = ex.check_training(case, ctx).freeze(0.0, None)
    assert res.verdict is Verdict.ERROR and any(n.startswith("BUG:") for n in res.notes)
