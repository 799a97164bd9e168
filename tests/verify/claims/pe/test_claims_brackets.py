"""pe claims that rest on the arrangement and on the (8) bracket, on the shipped cases: verdicts and numbers."""

from fractions import Fraction as F

import pytest

from cases import shipped_case
from verify.claims.cross.pattern_counts import check_pattern_counts
from verify.claims.pe.arrangement_bound import check_arrangement_bound
from verify.claims.pe.bidual_5 import check_bidual
from verify.claims.pe.remark_3_2 import check_sampling
from verify.claims.pe.thm_1 import check_theorem_1
from verify.claims.pe.thm_5 import check_general_loss
from verify.registry import Context
from verify.result import Verdict


@pytest.fixture
def ctx(tmp_path):
    return Context(tmp_path)


def run(check, name, ctx):
    return check(shipped_case(name), ctx).freeze(0.0, None)


@pytest.mark.parametrize("name, verdict, counts", [
    ("pe-example-6", Verdict.REFUTED, {"regions": 2, "patterns": 3, "faces": 3, "rank": 1}),
    ("pe-arrangement-2d-general", Verdict.REFUTED, {"regions": 10, "patterns": 11, "faces": 21, "bound_17": 10}),
    ("pe-arrangement-2d-halfspace", Verdict.PROVED, {"regions": 8, "patterns": 8, "bound_17": 8}),
    ("pe-arrangement-2d-degenerate", Verdict.REFUTED, {"regions": 6, "patterns": 9, "faces": 13}),
    ("pe-arrangement-3d-general", Verdict.REFUTED, {"regions": 44, "patterns": 45, "faces": 171}),
    ("pe-arrangement-3d-coplanar", Verdict.REFUTED, {"rank": 2, "regions": 10, "patterns": 11}),
    ("pe-arrangement-one-row", Verdict.REFUTED, {"rank": 1, "regions": 2, "patterns": 2, "bound_17": 2}),
])
def test_the_pattern_count_against_17(ctx, name, verdict, counts):
    res = run(check_arrangement_bound, name, ctx)
    assert res.verdict is verdict and {k: res.data[k] for k in counts} == counts
    assert res.data["sampled"]["1000000"] <= res.data["regions"]  # samples meet regions only


def test_the_three_papers_count_the_same_data(ctx):
    res = run(check_pattern_counts, "kh-example-1", ctx)
    values = {row["count"].split(" (")[0]: row["value"] for row in res.data["rows"]}
    assert values == {"kh |J|": 12, "pe P on X": 3, "pe P on [X, 1]": 12, "ddb cells": 12}
    assert res.verdict is Verdict.REFUTED and any("(17)" in f.place for f in res.findings)
    assert run(check_pattern_counts, "pe-2d-six", ctx).verdict is Verdict.PROVED


def test_theorem_1_bracket_contains_the_network_and_is_tight(ctx):
    res = run(check_theorem_1, "pe-example-6-bias", ctx)
    assert res.verdict is Verdict.CONFIRMED and res.value.lower <= F(8914472026, 10 ** 10) <= res.value.upper
    assert res.data["width"] < 1e-9 and res.data["both"] == 0 and res.data["regions"] == 10
    assert res.data["neurons"] == 5 and res.data["sparser"] == 4  # a neuron split over two regions, merged
    six = run(check_theorem_1, "pe-2d-six", ctx)
    assert six.verdict is Verdict.CONFIRMED and six.data["sparser"] < six.data["neurons"]
    exact = run(check_theorem_1, "pe-example-6", ctx)
    assert exact.verdict is Verdict.PROVED and exact.value == F(1169, 500) and exact.data["m_star"] == 2


def test_theorems_5_and_6_for_hinge_and_absolute_losses(ctx):
    res = run(check_general_loss, "pe-2d-classify", ctx)
    assert res.verdict is Verdict.CONFIRMED and [label for label, _ in res.value.items] == ["hinge", "absolute"]
    assert all(b.lower <= F(1494427191, 10 ** 9) <= b.upper for _, b in res.value.items)


def test_sampled_patterns_give_certified_upper_ends_that_reach_the_bracket(ctx):
    res = run(check_sampling, "pe-2d-six", ctx)
    rows = res.data["rows"]
    assert res.verdict is Verdict.CONFIRMED and len(res.certificates) == 1 + len(rows)
    assert rows[0]["excess"] > 0.1 and abs(rows[-1]["excess"]) < 1e-9  # 2 samples are far, 1024 reach it


def test_bidual_5_as_printed_is_excluded_by_brackets(ctx):
    res = run(check_bidual, "pe-example-6-bias", ctx)
    assert res.verdict is Verdict.CONTRADICTED and any("disjoint from p*" in f.shows for f in res.findings)


def _random_case(n: int, d: int, seed: int):
    import random

    from cases import case_from_dict

    rng = random.Random(seed)
    X = [[str(rng.randint(-9, 9)) for _ in range(d)] for _ in range(n)]
    return case_from_dict({"name": f"user-{n}x{d}", "X": X, "y": [str(rng.randint(-3, 3)) for _ in range(n)]},
                          "user.toml", "user.toml")


def test_user_data_beyond_the_enumeration_budget_is_undecided_not_an_error(ctx):
    res = check_theorem_1(_random_case(400, 5, 1), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.UNDECIDED and any("beyond the 100000 this check enumerates" in n for n in res.notes)
    assert not res.certificates


def test_an_arrangement_certificate_beyond_the_file_limit_is_undecided(ctx):
    res = check_arrangement_bound(_random_case(60, 3, 2), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.UNDECIDED and any("beyond the checker's file limit" in n for n in res.notes)


def test_a_bracket_certificate_that_would_not_fit_the_file_limit_is_declined_before_solving(ctx):
    from cases import case_from_dict
    from verify.claims.pe.gauge_6_7 import check_gauge

    x, y = [str(k) for k in range(400)], [str(k % 3) for k in range(400)]
    case = case_from_dict({"name": "long", "x": x, "y": y, "bias": "1"}, "l.toml", "l.toml")
    for check in (check_theorem_1, check_gauge):
        res = check(case, ctx).freeze(0.0, None)
        assert res.verdict is Verdict.UNDECIDED and any("sign entries" in n for n in res.notes) and not res.certificates


def test_a_certificate_the_checker_refuses_for_its_size_is_undecided_not_an_error(ctx):
    from cases import case_from_dict

    x = [str(k - 150) for k in range(300)]  # 300 rows: the arrangement kind checks at most 200
    case = case_from_dict({"name": "wide", "x": x, "y": ["0"] * 300}, "w.toml", "w.toml")
    res = check_arrangement_bound(case, ctx).freeze(0.0, None)
    assert res.verdict is Verdict.UNDECIDED and any("refuses the certificate for its size" in n for n in res.notes)
