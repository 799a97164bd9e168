"""The 1-D figures the checks record: the data and the certified optimal function(s), checked exactly on the data."""

from fractions import Fraction as F
from typing import Any

import pytest

from cases import Case
from verify.registry import Context, get_claim, run_check
from verify.report.figures import OPTIMAL, REFERENCE
from verify.report.graph import evaluate
from verify.result import CheckResult


def run(claim: str, case: str, tmp_path) -> CheckResult:
    cl = get_claim(claim)
    [c] = [c for c in cl.default_cases() if c.name == case]
    res = run_check(cl, c, Context(tmp_path))
    assert res.as_expected, res.notes
    return res


def figure(res: CheckResult, k: int = 0) -> tuple[list[F], list[F], list[dict[str, Any]]]:
    fig = [f for f in res.figures if f["kind"] == "functions-1d"][k]
    return [F(t) for t in fig["x"]], [F(t) for t in fig["y"]], fig["functions"]


def values(f: dict[str, Any], x: list[F]) -> list[F]:
    return [evaluate(f, t) for t in x]


def l1(f: dict[str, Any]) -> F:
    """sum_j |w_j u_j|: the cost of a network whose neurons are unit-slope atoms (|u_j| = 1)."""
    return sum((abs(F(n["w"]) * F(n["u"])) for n in f["neurons"]), F(0))


def test_kh_10_draws_its_certified_classifier_with_margin_and_value(tmp_path):
    res = run("kh.thm-3", "kh-classify-separable", tmp_path)
    x, y, [f] = figure(res)
    assert (f["role"], f["label"]) == (OPTIMAL, "(10) optimum (its sign classifies)")
    assert all(yi * v >= 1 for yi, v in zip(y, values(f, x)))  # the hard margin of (10)
    assert l1(f) == res.value  # ||mu||_TV of the drawn network is the certified (10) = corrected (11)


def test_joint_norm_optimum_is_drawn_exactly(tmp_path):
    res = run("pe.gauge-6-7", "pe-example-6-bias", tmp_path)
    x, y, [f] = figure(res)
    assert (f["role"], f["label"]) == (OPTIMAL, "(6) = kh (2)+(8) optimum (exact)")
    assert values(f, x) == y


def test_no_bias_remark_draws_every_certified_optimal_network(tmp_path):
    res = run("ddb.no-bias-remark", "ddb-nobias-pair", tmp_path)
    x, y, fs = figure(res)
    assert [f["label"] for f in fs] == ["the computed optimal network"] + ["after the shift (optimal too)"]
    optimum = dict(res.value.items)["optimum"]
    for f in fs:  # V = |c| |a| per neuron; every one interpolates at the certified optimal cost
        assert f["role"] == OPTIMAL and values(f, x) == y and l1(f) == optimum


def test_ddb_20_draws_the_distinct_optimal_functions(tmp_path):
    res = run("ddb.thm-4.7", "ddb-1d-pair", tmp_path)
    x, y, [f] = figure(res)
    assert (f["role"], f["label"]) == (OPTIMAL, "(20), the optimal function")
    assert values(f, x) == y
    even = run("ddb.thm-4.2", "ddb-1d-even", tmp_path)
    x, y, [f] = figure(even)  # an even isolated optimum: its 14 vertices split weight between antipodes, one function
    assert f["role"] == REFERENCE and "shared by its 14 vertices" in f["label"] and "in float" in f["label"]
    # box-centre weights and a float arc point: the data up to display accuracy only
    assert max(abs(v - t) for v, t in zip(values(f, x), y)) < F(1, 100)


def test_vector_output_draws_each_output(tmp_path):
    res = run("ep.vector-output", "ep-vector-1d", tmp_path)
    fs = [f for f in res.figures if f["kind"] == "functions-1d"]
    assert len(fs) == 3  # three labels, one-hot
    for k in range(3):
        x, y, [opt, ref] = figure(res, k)
        assert opt["role"] == OPTIMAL and ref["role"] == REFERENCE and "(float)" in ref["label"]
        assert values(opt, x) == y == values(ref, x)  # both fit the k-th one-hot column exactly


def test_regularised_optima_have_the_certified_objective(tmp_path):
    res = run("ses.cor-3.4", "ses-cor-3.4-signs", tmp_path)
    lam = F(1, 4)
    x, y, [f] = figure(res, 0)
    assert f["label"] == "(28) optimum, squared loss"
    assert sum(((v - t) ** 2 for v, t in zip(values(f, x), y)), F(0)) + lam * l1(f) == res.value
    x, y, [h] = figure(res, 1)
    assert h["label"] == "(28) optimum, hinge loss"
    pe = run("pe.bidual-5", "pe-example-6", tmp_path)
    x, y, [p, printed] = figure(pe)
    assert p["label"] == "p* = (5) with 1/2: optimum" and printed["label"] == "(5) as printed: its optimum"
    assert sum(((v - t) ** 2 for v, t in zip(values(p, x), y)), F(0)) / 2 + F(1, 10) * l1(p) == pe.value


@pytest.mark.parametrize("claim, case", [("kh.thm-2", "kh-example-1"), ("ep.thm-5.1", "ep-hinge-signchange")])
def test_interpolating_optima(claim, case, tmp_path):
    x, y, fs = figure(run(claim, case, tmp_path))
    assert fs[0]["role"] == OPTIMAL and values(fs[0], x) == y


def test_bias_free_gauge_draws_its_lp_optimum(tmp_path):
    """pe (6) without a bias on data a bias-free network fits (the shipped pe-example-6 is infeasible)."""
    case = Case("gauge-fits", "test", None, (F(-1), F(1), F(2)), None, (F(1), F(1), F(2)), {"bias": F(0)})
    res = run_check(get_claim("pe.gauge-6-7"), case, Context(tmp_path), shipped=False)
    x, y, [f] = figure(res)
    assert f["role"] == OPTIMAL and values(f, x) == y and l1(f) == res.value == 2
