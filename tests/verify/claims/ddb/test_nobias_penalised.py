"""ddb.no-bias-remark (V = |c| |a|: exact counterexamples) and ddb.cor-4.8 (the penalised (22), labels built from
the fit): verdicts, values, moves, certificates and their rejection when tampered."""

import json
from fractions import Fraction as F

import pytest

from cases import shipped_case
from exact.checker import check_certificate
from verify.claims.ddb.cor_4_8 import LAMBDAS, check_penalised, labels
from verify.claims.ddb.no_bias_remark import check_no_bias, common_cell, moves, solution
from verify.registry import Context
from verify.result import Labelled, Verdict


@pytest.fixture
def ctx(tmp_path):
    return Context(tmp_path)


def test_ramp_merge_moves_the_two_data_kinks_to_one_kink_at_three_halves():
    sol = solution([F(0), F(1), F(2), F(3)], [F(0), F(0), F(1), F(3)])
    assert sol.value == 2
    [mv] = moves(sol)
    assert mv.kind == "merge" and mv.points == ((F(1), F(-1)), (F(1), F(-2)), (F(1), F(-3, 2)))
    assert [(n.w, n.b, n.c) for n in mv.network.neurons] == [((F(1),), F(-3, 2), F(2))]
    assert mv.network.values(sol.x) == [F(0), F(0), F(1), F(3)]
    rows = [(F(t), F(1)) for t in sol.x]
    assert common_cell(rows, mv.points) == (-1, -1, 1, 1)


def test_ramp_proves_the_remark_with_two_certified_networks(ctx):
    res = check_no_bias(shipped_case("ddb-nobias-ramp"), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.PROVED and not res.findings
    assert res.value == Labelled((("optimum", F(2)), ("merges", F(1)), ("shifts", F(0))))
    [merged] = [p for p in res.certificates if "__merge0" in p]
    with open(merged) as fh:
        doc = json.load(fh)
    good = check_certificate(doc)
    assert good.ok and good.relation["kinks_off_data"] == ["3/2"]
    doc["primal"]["neurons"][0]["b"] = "-5/4"  # the knot moved further: no longer fits y
    assert not check_certificate(doc).ok


def test_pair_proves_the_remark_by_a_shift_and_the_hat_is_undecided(ctx):
    pair = check_no_bias(shipped_case("ddb-nobias-pair"), ctx).freeze(0.0, None)
    assert pair.verdict is Verdict.PROVED
    # one shift from the optimum interpolate_1d returns (the structured route's; the LP's vertex needed two)
    assert pair.value == Labelled((("optimum", F(2)), ("merges", F(0)), ("shifts", F(1))))
    assert any("charge the directions (1, 0), (1, 1) of the closed cell with signs (1, 1)" in n for n in pair.notes)
    hat = check_no_bias(shipped_case("ddb-nobias-hat"), ctx).freeze(0.0, None)
    assert hat.verdict is Verdict.UNDECIDED and hat.value.items[0] == ("optimum", F(2))


def test_labels_have_the_fit_as_penalised_fit():
    fit, v = (F(1), F(-1)), (F(1), F(-4, 3))
    for lam in LAMBDAS:
        y = labels(fit, v, lam)
        assert tuple(2 * (a - f) / (len(fit) * lam) for a, f in zip(y, fit, strict=True)) == v
    assert labels(fit, v, F(1)) == (F(2), F(-7, 3))


def test_penalised_hat_confirms_and_pair_refutes_the_transfer(ctx):
    hat = check_penalised(shipped_case("ddb-penalised-hat"), ctx).freeze(0.0, None)
    assert hat.verdict is Verdict.CONFIRMED and not hat.findings
    assert hat.value == Labelled((("max points charged in one closed cell", F(1)),
                                  ("points charged by some minimiser", F(3)), ("lambdas", F(3))))
    assert any("lambda = 1: labels y = -3/2, 11/2, -3/2 have fit f* = 0, 1, 0" in n and "33/4 + 1 * 3" in n
               for n in hat.notes)
    pair = check_penalised(shipped_case("ddb-penalised-pair"), ctx).freeze(0.0, None)
    assert pair.verdict is Verdict.REFUTED
    assert pair.value.items[0] == ("max points charged in one closed cell", F(2))
    forward, backward = pair.findings  # (22) with y = (1, -1) itself at lambda = 1/10, and built from the fit
    assert "forward: (22) with x = 0, 3/4, y = 1, -1 at lambda = 1/10" in forward.shows
    assert forward.certificates[0].endswith("__forward_1_10.json")
    assert "(1, 0) with c of sign -1, (-4, 3) with c of sign +1" in backward.shows
    assert any("lambda = 1: labels y = 8/3, -7/3" in n for n in pair.notes)
    # lambda = 1 and 10 are past the largest useful lambda: the zero measure is the certified minimiser
    assert any("forward, lambda = 10: (22) with the labels y = 1, -1 has optimum in [1, 1]" in n
               and "0 (the zero measure" in n for n in pair.notes)
    assert any("forward, lambda = 1/10: (22) with the labels y = 0, 1, 0 has optimum in [0.2175, 0.2175]" in n
               for n in hat.notes)


def test_penalised_family_measures_the_forward_route_per_lambda(ctx):
    res = check_penalised(shipped_case("ddb-penalised-family"), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.MEASURED
    assert res.value.items[:3] == (("lambda = 1/10: holds", F(13)), ("lambda = 1/10: fails", F(7)),
                                   ("lambda = 1/10: undecided", F(0)))
    assert res.value.items[-3:] == (("lambda = 10: holds", F(20)), ("lambda = 10: fails", F(0)),
                                    ("lambda = 10: undecided", F(0)))
    assert len(res.certificates) == 11 and all("__forward_" in p for p in res.certificates)
