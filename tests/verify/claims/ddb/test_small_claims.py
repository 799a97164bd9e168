"""The small exact ddb claims on the shipped ddb-small-* cases: Proposition 3.3, Lemmas 4.3, 4.4 (A.1), (12)-(13)."""

from fractions import Fraction as F

import pytest

from cases import shipped_case
from verify.claims.ddb._shared import cells, lifted, proportional, weight
from verify.claims.ddb.eq_12_13 import check_label_noise_potential, derived_weight, gradient_gap, rescaling
from verify.claims.ddb.lem_4_3 import additive, check_cell_additivity
from verify.claims.ddb.lem_4_4 import (
    BOUND,
    COST,
    FIXED_COST,
    FIXED_MOMENT,
    MOMENT,
    check_lifted_convexity,
    excess,
    lifted_gap,
    tv,
)
from verify.claims.ddb.prop_3_3 import check_weight_convexity, gap
from verify.registry import Context
from verify.result import MATCH, MISMATCH, Verdict

ONE_D, TWO_D = "ddb-small-1d-five", "ddb-small-2d-five"


@pytest.fixture
def ctx(tmp_path):
    return Context(tmp_path)


def run(check, name, ctx):
    return check(shipped_case(name), ctx).freeze(0.0, None)


def test_cells_of_the_lifted_data():
    one, two = lifted(shipped_case(ONE_D)), lifted(shipped_case(TWO_D))
    assert [len(cells(one)), sum(c.at_bulk(one) for c in cells(one))] == [10, 7]  # 2n regions in 1-D
    assert [len(cells(two)), sum(c.at_bulk(two) for c in cells(two))] == [20, 10]


def test_the_weight_and_its_midpoint_gap_are_exact():
    rows = lifted(shipped_case(ONE_D))
    w = weight(rows, (F(1), F(0)))
    assert w * w == F(1 + F(9, 4), 5)  # active on x = 1, 3/2 only
    assert gap(rows, (F(0), F(-1)), (F(1), F(-3))) == 0  # both dead on every point: equality, not proportional
    assert not proportional((F(0), F(-1)), (F(1), F(-3))) and proportional((F(1), F(2)), (F(3), F(6)))


@pytest.mark.parametrize("name, counts", [
    (ONE_D, {"violations": 0, "cells": 10, "bulk_cells": 7, "bulk_equal": 0, "off_bulk_equal": 3}),
    (TWO_D, {"violations": 0, "cells": 20, "bulk_cells": 10, "bulk_equal": 0, "off_bulk_equal": 10}),
])
def test_proposition_3_3(ctx, name, counts):
    res = run(check_weight_convexity, name, ctx)
    assert res.verdict is Verdict.MEASURED and {k: res.data[k] for k in counts} == counts
    assert res.data["bulk_strict"] + res.data["bulk_proportional"] >= 190
    rows = lifted(shipped_case(name))
    for w in res.data["witnesses"]:  # equality (14) off the bulk, exactly, with non-proportional parameters
        p, q = (tuple(F(t) for t in w[k]) for k in "pq")
        assert gap(rows, p, q) == 0 and not proportional(p, q)
    assert any(1 in w["sign"] for w in res.data["witnesses"])  # one that sees data, not only dead neurons
    assert [f.place.split(",")[0] for f in res.findings] == ["Section 4"]  # Definition 3.2 fails globally


@pytest.mark.parametrize("name, pairs, lhs", [(ONE_D, 200, "1/2"), (TWO_D, 400, "2")])
def test_lemma_4_3(ctx, name, pairs, lhs):
    res = run(check_cell_additivity, name, ctx)
    assert res.verdict is Verdict.MEASURED
    assert (res.data["pairs"], res.data["failures"]) == (pairs, 0)
    assert res.data["measures"] == res.data["equal_outputs"] > 0
    assert (res.data["across"]["lhs"], res.data["across"]["rhs"]) == (lhs, "0")
    rows = lifted(shipped_case(name))
    p, q = (tuple(F(t) for t in res.data["across"][k]) for k in "pq")
    assert not additive(rows, p, q)


def test_the_derivations_of_12_and_13():
    assert gradient_gap(1) == 0 and gradient_gap(2) == 0
    assert str(rescaling().ratio) == "2*sqrt(S2)" and str(rescaling().curvature) == "8*S1"


@pytest.mark.parametrize("name, masses", [(ONE_D, 8), (TWO_D, 12)])
def test_equation_13_as_printed_is_contradicted(ctx, name, masses):
    res = run(check_label_noise_potential, name, ctx)
    assert res.verdict is Verdict.CONTRADICTED and len(res.data["noise_masses"]) == masses
    assert [p.status for p in res.printed] == [MATCH, MISMATCH]
    assert res.findings and "2|c| sqrt(S1 S2)" in res.findings[0].shows
    rows = lifted(shipped_case(name))
    p, q = (tuple(F(t) for t in res.data["wall_violation"][k]) for k in "pq")
    m = tuple((a + b) / 2 for a, b in zip(p, q, strict=True))
    assert ((derived_weight(rows, p) + derived_weight(rows, q)) * F(1, 2) - derived_weight(rows, m)).sign() < 0


def test_the_lifted_gap_of_19():
    u, v = (F(3), F(4)), (F(1), F(0))
    assert lifted_gap(tv, (u, F(1)), ((F(6), F(8)), F(2))) == 1  # proportional, yet strict
    assert lifted_gap(tv, (u, F(0)), (v, F(0))) == 0  # equal, yet not proportional
    assert lifted_gap(tv, (u, F(1)), (u, F(3))) == 0  # same (a, b), c scaled: equality, as (19) says
    assert lifted_gap(tv, (u, F(0)), ((F(0), F(0)), F(1))) == -1  # |c| w is not convex


@pytest.mark.parametrize("name, pairs, ties", [(ONE_D, 46, 2), (TWO_D, 50, 9)])
def test_lemma_4_4_a_1_and_4_5(ctx, name, pairs, ties):
    res = run(check_lifted_convexity, name, ctx)
    assert res.verdict is Verdict.CONTRADICTED and res.data["pairs_a1"] == pairs
    assert res.data["a1"] == {MOMENT: 0, COST: pairs, BOUND: 0, FIXED_MOMENT: pairs, FIXED_COST: pairs}
    assert res.data["witnesses_19"] == {"proportional (u, 1), (2u, 2)": 1, "not proportional (u, 0), (v, 0)": 0,
                                        "(u, 0), (0, 1)": -1}
    assert [f.place for f in res.findings] == ["Lemma 4.4, (19)", "Lemma A.1 and its proof (Appendix A)",
                                               "Lemma 4.5 with w = w_b (Sections 3.2 and 4)"]
    cell_min = res.data["lemma_4_5"]
    assert cell_min["tv"][0] > 0 == cell_min["tv"][1] and cell_min["bulk"][0] > 0 == cell_min["bulk"][1]
    assert len(cell_min["ties"]) == ties
    rows = lifted(shipped_case(name))
    for tie in cell_min["ties"]:  # two atoms, not proportional, as cheap as the single atom at their moment
        p, q = (tuple(F(t) for t in tie[k]) for k in "pq")
        assert not proportional(p, q) and excess(lambda t: weight(rows, t), [(F(1, 2), p), (F(1, 2), q)]) == 0
