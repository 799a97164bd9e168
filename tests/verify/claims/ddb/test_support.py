"""ddb.thm-4.2 / cor-4.6 / thm-4.7 on 1-D data: verdicts, values, certified counterexamples, family frequencies."""

import json
from collections import Counter
from fractions import Fraction as F

import pytest

from cases import random_1d_case, random_2d_case, shipped_case
from exact.checker import check_certificate
from exact.relu.joint_isolated import solve_isolated
from exact.relu.optimal_measures import isolated_measures, optimal_measures
from verify.claims.ddb._support import integer_designs, symmetric_designs
from verify.claims.ddb.thm_4_2 import PLACE_21, check_support
from verify.claims.ddb.thm_4_7 import check_shared_point
from verify.numeric.joint1d import solve_joint
from verify.registry import Context
from verify.result import Labelled, Verdict


@pytest.fixture
def ctx(tmp_path):
    return Context(tmp_path)


def test_pair_with_opposite_labels_refutes_theorem_4_2_with_a_certified_network(ctx):
    res = check_support(shipped_case("ddb-1d-pair"), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.REFUTED
    assert res.value == Labelled((("max points charged in one closed cell", F(2)),
                                  ("points charged by some minimiser", F(2)), ("closed cells", F(4))))
    [finding] = res.findings
    assert "the optimum of (20) is 1 + sqrt(2)" in finding.shows and "{x_1, x_2} active" in finding.shows
    assert "(1, 0) with c of sign -1, (-1, 1) with c of sign +1" in finding.shows
    assert finding.place == "Section 4, proof of Theorem 4.2 and Figure 1.b"
    assert "(2 <= 4 cells), holds" in finding.shows
    assert any("per closed cell and sign of c: 1; per relatively open face (open arc or ray): 1" in n
               for n in res.notes)


def test_witness_certificate_is_accepted_and_a_tampered_one_rejected(ctx):
    res = check_support(shipped_case("ddb-1d-identity"), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.REFUTED
    [path] = [p for p in res.certificates if "__cell0_witness" in p]
    with open(path) as fh:
        doc = json.load(fh)
    assert check_certificate(doc).ok and check_certificate(doc).value is None  # a surd: sqrt(2)
    assert [n["c"] for n in doc["primal"]["neurons"]] == ["1/2", "-1/2"]
    doc["primal"]["neurons"][1]["c"] = "1/2"  # the same cell, one sign: no longer fits y
    bad = check_certificate(doc)
    assert not bad.ok and bad.problems


def test_hat_confirms_both_theorems(ctx):
    res = check_support(shipped_case("ddb-1d-hat"), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.CONFIRMED
    # 1 - |x| = 1 - (x)_+ - (-x)_+ on the data: theta = (1, 0) and -theta both charged, one cell of the projective S
    [finding] = res.findings
    assert finding.place == PLACE_21 and "(1, 0) and (-1, 0) (both with c of sign -1)" in finding.shows
    assert "6 = 2S here, not S = 3" in finding.shows
    assert any("(21)'s S, the cells of the projective space: 3 (the sphere has 6); antipodal pairs theta, -theta "
               "both charged by minimisers: 1" in n for n in res.notes)
    assert res.value.items[0] == ("max points charged in one closed cell", F(1))
    shared = check_shared_point(shipped_case("ddb-1d-hat"), ctx).freeze(0.0, None)
    assert shared.verdict is Verdict.CONFIRMED
    assert shared.value == Labelled((("closed cells charged", F(5)), ("closed cells with one shared point", F(5)),
                                     ("vertices of the optimal set", F(1))))


def test_two_minimisers_on_kh_data_share_every_charged_point(ctx):
    res = check_shared_point(shipped_case("ddb-1d-kh-example"), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.CONFIRMED and res.value.items[2] == ("vertices of the optimal set", F(2))


def test_alternating_design_refutes_theorem_4_7(ctx):
    res = check_shared_point(shipped_case("ddb-1d-alternating"), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.REFUTED
    assert res.value.items[:2] == (("closed cells charged", F(8)), ("closed cells with one shared point", F(4)))
    assert res.findings[0].place == "Section 4, Theorem 4.7" and "opposite" not in res.findings[0].shows


def outcome(x, y):
    """'split' (a closed cell with two charged points), 'holds', or 'undecided' (the surd route, else the isolated
    one, as the claims take them); the weaker readings always hold."""
    joint = solve_joint(x, y, F(0))
    sol = joint.exact
    if sol.status == "optimal" and not sol.reason:
        m = optimal_measures(sol.x, sol.y, sol.alpha, sol.contacts)
    else:
        iso = solve_isolated(joint.x, joint.y, F(0), [float(t) for t in joint.joint.v])
        if iso.status != "optimal" or (m := isolated_measures(iso)).open_cells():
            return "undecided"
    assert m.max_per_cell(signed=True) <= 1 and max(len(f.charged) for f in m.faces) <= 1
    assert len(m.charged) <= len(m.cells)
    return "split" if m.split_cells() else "holds"


def test_frequencies_on_small_families():
    assert Counter(outcome(d.x, d.y) for d in integer_designs(3)) == Counter(holds=30, split=4)
    assert Counter(outcome(d.x, d.y) for d in symmetric_designs(1)) == Counter(holds=8, split=2)


@pytest.mark.slow
def test_frequencies_on_the_generated_families():
    # the surd route alone left 30 random and 8 integer instances undecided; the isolated route decides all but one
    random = Counter(outcome(c.x, c.y) for c in (random_1d_case(s, n=2 + s % 5) for s in range(100)))
    assert random == Counter(holds=58, split=41, undecided=1)
    assert Counter(outcome(d.x, d.y) for d in integer_designs(4)) == Counter(holds=68, split=46)
    assert Counter(outcome(d.x, d.y) for d in symmetric_designs(2)) == Counter(holds=26, split=18)


FAMILY_COUNTS = {"random": {"holds": 7, "fails": 3, "undecided": 0, "error": 0},
                 "integer": {"holds": 30, "fails": 4, "undecided": 0, "error": 0},
                 "symmetric": {"holds": 8, "fails": 2, "undecided": 0, "error": 0},
                 "random-2d": {"holds": 5, "fails": 3, "undecided": 2, "error": 0}}


@pytest.mark.parametrize("check", [check_support, check_shared_point])
def test_family_case_measures_both_theorems_with_a_certified_pair_per_counterexample(check, ctx):
    res = check(shipped_case("ddb-1d-family"), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.MEASURED and not res.findings
    assert res.data["counts"] == FAMILY_COUNTS and (res.data["seed"], res.data["draws"]) == (0, 10)
    assert res.value.items[:3] == (("random: holds", F(7)), ("random: fails", F(3)), ("random: undecided", F(0)))
    fails = res.data["counterexamples"]
    assert [f["instance"].split("__")[1] for f in fails] == [
        "random-1d-1", "random-1d-4", "random-1d-8", "integer-2--+", "integer-2-+-", "integer-3--0+", "integer-3-+0-",
        "symmetric-1--0+", "symmetric-1-+0-", "random-2d-5", "random-2d-7", "random-2d-9"]
    assert fails[3]["x"] == ["0", "1"] and fails[3]["y"] == ["-1", "1"]
    assert any("integer: 30 hold, 4 fail (two certified optimal networks each), 0 undecided" in n for n in res.notes)
    # a witness pair per split cell, or the isolated optimum whose unique minimiser charges both points
    assert all(any("__cell" in p or "isolated" in p for p in f["certificates"]) for f in fails)
    assert [f["instance"] for f in fails if any("__joint_isolated" in p for p in f["certificates"])] == [
        "ddb-1d-family__random-1d-4"]
    assert all(any(p.endswith("__isolated.json") for p in f["certificates"]) for f in fails[-3:])  # 2-D
    assert set(res.certificates) == {p for f in fails for p in f["certificates"]}


def test_family_witness_is_bound_to_its_instance_and_accepted(ctx):
    res = check_support(shipped_case("ddb-1d-family"), ctx).freeze(0.0, None)
    [path] = [p for p in res.certificates if "integer-2--+__cell0_witness0" in p]
    with open(path) as fh:
        doc = json.load(fh)
    assert check_certificate(doc).ok and doc["case"] == "ddb-1d-family__integer-2--+"
    assert doc["data"]["x"] == ["0", "1"] and doc["data"]["y"] == ["-1", "1"]


def test_irrational_kinks_confirm_and_an_even_dual_refutes_through_the_isolated_optimum(ctx):
    """ddb-1d-irrational: two contacts at irrational kinks, one minimiser, one point per closed cell (CONFIRMED);
    ddb-1d-even: an even dual, a certified minimiser charging all 10 contacts, two in one closed cell (REFUTED)."""
    odd = check_support(shipped_case("ddb-1d-irrational"), ctx).freeze(0.0, None)
    assert odd.verdict is Verdict.CONFIRMED and not odd.findings
    assert odd.value.items[:2] == (("max points charged in one closed cell", F(1)),
                                   ("points charged by some minimiser", F(4)))
    assert any(p.endswith("__joint_isolated.json") for p in odd.certificates)
    assert any("(kink ~0.296370837, in the open arc)" in n and "the minimiser is unique" in n for n in odd.notes)
    shared = check_shared_point(shipped_case("ddb-1d-irrational"), ctx).freeze(0.0, None)
    assert shared.verdict is Verdict.CONFIRMED and shared.value.items[2] == ("vertices of the optimal set", F(1))
    even = check_support(shipped_case("ddb-1d-even"), ctx).freeze(0.0, None)
    assert even.verdict is Verdict.REFUTED
    assert even.value.items[:2] == (("max points charged in one closed cell", F(2)),
                                    ("points charged by some minimiser", F(10)))
    assert any("the dual is even" in n and "a certified one charges every contact" in n for n in even.notes)
    assert {f.place for f in even.findings} == {PLACE_21, "Section 4, proof of Theorem 4.2 and Figure 1.b"}
    # the optimal polytope's 14 vertices (interval arithmetic over the certified box), none the barycentre
    assert check_shared_point(shipped_case("ddb-1d-even"), ctx).freeze(0.0, None).value.items[2] == (
        "vertices of the optimal set", F(14))


def test_a_2d_instance_the_isolated_route_declines_is_bracketed(ctx):
    """random_2d_case(8): a non-unique dual; the value of (20) is bracketed (kind relu-joint-bracket), the per-cell
    question stays UNDECIDED."""
    res = check_support(random_2d_case(8), ctx).freeze(0.0, None)
    assert res.verdict is Verdict.UNDECIDED
    assert [p.rsplit("__", 1)[1] for p in res.certificates] == ["bracket.json"]
    assert any("2.876409807 <= (20) <= 2.876409835" in n and "does not decide" in n for n in res.notes)
