"""Exact l1-regularised least squares, the l1-ls-kkt certificate, ep (16)/(17)/(39)."""

import json
from dataclasses import replace
from fractions import Fraction as F

import numpy as np
import pytest

from cases import shipped_case
from exact.checker import check_certificate
from exact.lasso import kkt_report, lasso
from exact.relu.networks import Network
from verify.claims.ep import prop_3_1
from verify.claims.ep._shared import rank_one_factor
from verify.claims.ep.prop_3_1 import check_non_uniqueness
from verify.claims.ep.thm_4_1 import _dictionary, check_regularised_duality, rank_one_cases
from verify.registry import Context
from verify.result import MATCH, MISMATCH, PROVED, UNDECIDED, Labelled, render_value

CASE = shipped_case("ep-prop-3.1-reg")
P = CASE.printed
A_E = [list(r) for r in Network.of_1d(P["u_star"], P["b_star"], (F(0),) * 10).matrix(CASE.x)]
SCALE = F(1, 5)


def test_paper_instance_printed_beta_unique_optimum():
    sol = lasso(A_E, CASE.y, F(1, 10), SCALE)
    assert sol.weights == (0, F(4, 27), 0, 0, F(-17, 18), F(13, 54), 0, 0, 0, F(7, 108))
    assert sol.value == F(919, 2160) and sol.unique is True and sol.second is None
    assert sol.equicorrelation == (1, 4, 5, 9)


def test_paper_instance_beta_1e4_non_unique_and_w1_optimal():
    sol = lasso(A_E, CASE.y, F(1, 10000), SCALE)
    assert sol.value == F(1999, 2500000) and sol.unique is False
    other = sol.second[0]
    assert other != sol.weights and kkt_report(A_E, CASE.y, F(1, 10000), SCALE, other).optimal
    # the printed w_1 is an exact optimum for beta = 1/10000, not for the printed 1/10
    assert kkt_report(A_E, CASE.y, F(1, 10000), SCALE, P["w_1"]).value == F(1999, 2500000)
    assert kkt_report(A_E, CASE.y, F(1, 10000), SCALE, P["w_1"]).optimal
    bad = kkt_report(A_E, CASE.y, F(1, 10), SCALE, P["w_1"])
    assert bad.value == F(1998001, 2500000) and not bad.optimal
    w2 = kkt_report(A_E, CASE.y, F(1, 10000), SCALE, P["w_2"])
    assert not w2.optimal and w2.value - F(1999, 2500000) == F(2910131, 811296384146066816957890051440640000000)


@pytest.mark.parametrize("seed", range(4))
def test_wrong_warm_start_is_repaired(seed):
    exact = lasso(A_E, CASE.y, F(1, 10), SCALE)
    wrong = np.random.default_rng(seed).normal(size=10)
    sol = lasso(A_E, CASE.y, F(1, 10), SCALE, warm=wrong)
    assert sol.steps > 0 and sol.weights == exact.weights and sol.value == exact.value


def test_wrong_signs_repaired_with_free_column():
    atoms, A, _ = _dictionary(CASE.x)
    ones = [F(1)] * 5
    exact = lasso(A, CASE.y, F(1, 10), 1, [ones])
    flipped = -np.array([float(t) for t in exact.weights]) + 0.5
    sol = lasso(A, CASE.y, F(1, 10), 1, [ones], warm=flipped)
    assert sol.steps > 0 and sol.value == exact.value == F(18, 25)
    assert sol.free == exact.free


def test_rank_one_factor_and_cases(tmp_path):
    assert rank_one_factor([[F(3), F(4)], [F(-6), F(-8)]])[2] == 5
    with pytest.raises(ValueError, match="not rank one"):
        rank_one_factor([[F(1), F(0)], [F(0), F(1)]])
    with pytest.raises(ValueError, match="rational square"):
        rank_one_factor([[F(1), F(1)]])
    ctx = Context(tmp_path)
    values = [check_regularised_duality(c, ctx) for c in rank_one_cases()]
    assert [(r.verdict, r.value) for r in values] == [(PROVED, F(98, 625)), (PROVED, F(761, 810)),
                                                      (PROVED, F(449, 3600))]
    bad = json.loads(open(values[0].certificates[0]).read())
    bad["factor"]["norm"] = "4"
    assert "factor.norm = 4 is not the positive square root of a^T a = 100" in check_certificate(bad).problems


def test_thm41_constant_labels_finding(tmp_path):
    res = check_regularised_duality(shipped_case("constant-labels"), Context(tmp_path))
    assert res.verdict == PROVED and res.value == 0
    assert any("NOT attained" in n for n in res.notes)
    (finding,) = res.findings
    assert finding.place == "Corollary 4.1, (17)" and "199/4000 > (16) = 0 (both certified)" in finding.shows
    assert finding.certificates == (res.certificates[1], res.certificates[0])  # (17), then (16)
    assert [c.kind_relation for c in res.checked] == ["equals", "equals"] and all(c.ok for c in res.checked)


def test_thm41_no_finding_where_17_is_exact(tmp_path):
    res = check_regularised_duality(shipped_case("ep-prop-3.1-eq"), Context(tmp_path))
    assert res.verdict == PROVED and res.value == F(18, 25) and not res.findings
    assert any("has the same value 18/25 (certified)" in n for n in res.notes)


def test_prop31_regularised_verdict_and_audit(tmp_path):
    res = check_non_uniqueness(CASE, Context(tmp_path))
    assert res.verdict == PROVED
    assert res.value == Labelled((("beta = 1/10", F(919, 2160)), ("beta = 1/10000", F(1999, 2500000))))
    assert render_value(res.value) == "919/2160 (beta = 1/10); 1999/2500000 (beta = 1/10000)"
    status = {p.what: p.status for p in res.printed}
    assert status["A_e = (a u*^T + 1 b*^T)_+"] == MATCH
    assert status["w_1 satisfies (40) (= the KKT conditions derived here) with beta = 1/10"] == MISMATCH
    assert status["w_1 satisfies (40) (= the KKT conditions derived here) with beta = 1/10000"] == MATCH
    assert status["w_2 satisfies (40) (= the KKT conditions derived here) with beta = 1/10000"] == MISMATCH
    assert status["value_1 = optimal value of (39) at the printed beta = 1/10"] == MISMATCH
    assert status["value_1 = optimal value of (39) at beta = 1/10000"] == MATCH
    assert any("only for beta = 1/10000" in n for n in res.notes)
    assert any("w_2 is exactly its binary64 rounding" in n for n in res.notes)
    assert any(n.startswith("beta = 1/10000: two distinct exact optima") and "different (at x = " in n
               for n in res.notes)
    (finding,) = res.findings
    assert finding.place == "proof of Proposition 3.1, regularised case (39)-(40)"
    assert "not optimal for (39) at the printed beta = 1/10" in finding.shows
    assert "the printed numbers belong to beta = 1/10000" in finding.shows
    assert [p.split("__")[-1] for p in finding.certificates] == ["printed_w1_beta10.json", "printed_w1_beta10000.json"]
    audits = [c for c in res.checked if c.audit]
    assert [c.ok for c in audits] == [False, True]  # rejected audits are findings, not failures


def test_prop31_regularised_undecided_when_unique(tmp_path, monkeypatch):
    """With a unique optimum at both betas no second optimum is certified: UNDECIDED, never REFUTED."""
    real = prop_3_1.lasso
    monkeypatch.setattr(prop_3_1, "lasso", lambda *a, **k: replace(real(*a, **k), unique=True, second=None))
    res = check_non_uniqueness(CASE, Context(tmp_path))
    assert res.verdict == UNDECIDED and all(c.ok for c in res.checked if not c.audit)
