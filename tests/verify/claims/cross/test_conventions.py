"""cross.conventions: the table of values under the five conventions and the exact relations."""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction as F

import pytest

from cases import shipped_case
from exact.checker import check_certificate
from exact.checker.arith import Surd
from verify.claims.cross import conventions
from verify.claims.cross.conventions import Relation, Values, relations, verdict
from verify.conventions import DDB_6, KH_8
from verify.numeric.bracket import Bracket
from verify.registry import CLAIMS, Context, run_check
from verify.result import PROVED, REFUTED, UNDECIDED


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    return Context(tmp_path_factory.mktemp("cross"))


@pytest.fixture(scope="module")
def results(ctx):
    claim = CLAIMS["cross.conventions"]
    return {n: run_check(claim, shipped_case(n), ctx) for n in ("ep-prop-3.1-eq", "constant-labels")}


def _table(res) -> dict[str, dict]:
    return {row["convention"].split(":")[0]: row for row in res.data["table"]}


def test_ep_prop_values(results):
    res = results["ep-prop-3.1-eq"]
    assert res.verdict == PROVED and res.value == F(8) and res.value_text == "8"
    t = _table(res)
    assert t["ep (4)"]["value"] == "8" and t["ep (4)"]["attained"] == "yes"
    assert t["ses (25)"]["value"] == "8" and t["ses (25)"]["attained"] == "yes"
    assert t["ep (3)"]["value"] == "16"
    assert t["ep (37)"]["value"] == "8"
    assert t["kh (2)+(3)"]["value"] == "8 ((7): 8)"
    # J is irrational here, exact in Q(sqrt 2, sqrt 5), strictly above P = 8
    assert t["kh (2)+(8)"]["value"] == "4*sqrt(2) + 2*sqrt(5)"
    assert t["kh (2)+(8)"]["unique"] == "the optimal function: yes (exact)"
    assert t["pe (6), 1-D data with the bias as a feature (Fig. 2"]["value"] == t["kh (2)+(8)"]["value"]


def test_constant_labels_values(results):
    res = results["constant-labels"]
    assert res.verdict == PROVED
    t = _table(res)
    assert t["ep (4)"]["value"] == "0" and t["ep (4)"]["attained"].startswith("no")
    assert t["ses (25)"]["value"] == "0" and t["ses (25)"]["attained"] == "yes"
    assert t["ep (37)"]["value"] == "1/2"
    assert t["ep (3)"]["value"] == "0"
    # the joint norm pays for the constant: J = 1 exactly (certified), ddb weight decay 2 J = 2
    assert t["kh (2)+(8)"]["value"] == "1" and t["ddb (5)/(6)"]["value"] == "1"
    assert t["ddb (6) with weight decay"]["value"] == "2"
    assert any(p.endswith("__joint_exact.json") for p in res.certificates)
    assert t["ep (37)"]["certificate"].endswith("__ep37.json")  # (37)'s value is the certified one


def test_relations_all_hold(results):
    for res in results.values():
        assert res.data["relations"] and all(r["holds"] for r in res.data["relations"])
        assert not res.findings and not any("rejected" in n for n in res.notes)


def test_violated_relation_is_a_finding(tmp_path, monkeypatch):
    """A relation that fails is REFUTED, with a finding that names the certificates of the values it compares."""
    broken = Relation("ses (25) = ep (4) in value", False, "ses (25) = 1, P = 0", "ses (25); ep (4)", ("ses25", "ep4"))
    monkeypatch.setattr(conventions, "relations", lambda v: [broken])
    res = run_check(CLAIMS["cross.conventions"], shipped_case("constant-labels"), Context(tmp_path))
    assert res.verdict == REFUTED
    (f,) = res.findings
    assert (f.paper, f.place, f.statement) == ("cross", "ses (25); ep (4)", "ses (25) = ep (4) in value")
    assert f.shows == "relation violated: ses (25) = 1, P = 0"
    assert [p.rsplit("__", 1)[1] for p in f.certificates] == ["ses25.json", "ep4.json"]


def test_tampered_values_break_relations():
    # the constant-labels values: P = 0 (not attained), (37) = 1/2, J = 1, joint bound of the ep optimum = 1
    good = Values(F(0), False, F(0), F(0), True, F(0), True, F(1, 2), Bracket(F(1), F(1)), None, Surd.of(1))
    assert all(r.holds for r in relations(good))
    cases = {
        "ses (25) = ep (4)": replace(good, ses25=F(1)),
        "kh (2)+(3) = ep (4)": replace(good, kh7=F(1, 3)),
        "ep (3) = 2 ep (4)": replace(good, ep3_witness=F(1)),
        "ep (37) >= ep (4)": replace(good, ep37=F(-1)),
        "J >= P": replace(good, joint=Bracket(F(-1), F(-1))),
        "J <= sum_j": replace(good, joint_from_ep=Surd.of(F(1, 2))),
    }
    for prefix, bad in cases.items():
        failed = [r.name for r in relations(bad) if not r.holds]
        assert failed and all(name.startswith(prefix) for name in failed), (prefix, failed)
    # the exact J decides, not the bracket: J = sqrt 2 - 1 < P = 1/2 breaks J >= P
    assert not relations(replace(good, ep4=F(1, 2), ep37=F(1), joint_exact=Surd.sqrt(2) - 1))[5].holds
    # ep (37) = P although P is not attained is impossible (equality needs a finite optimum)
    assert not all(r.holds for r in relations(replace(good, ep37=F(0))))
    # a convention with an output bias is not the kh (2)+(8) problem
    biased = replace(DDB_6, problem=replace(DDB_6.problem, output_bias=True))
    assert not relations(good, (KH_8, biased))[-1].holds


def test_tampered_joint_certificate_rejected(results):
    path = next(p for p in results["constant-labels"].certificates if p.endswith("__joint_exact.json"))
    doc = json.load(open(path))
    assert check_certificate(doc).ok
    doc["dual"]["v"] = [{"1": "0"}, {"1": "0"}, {"1": "2"}, {"1": "0"}, {"1": "0"}]  # infeasible on the disk
    doc["value"] = {"1": "2"}
    report = check_certificate(doc)
    assert not report.ok and any("dual" in p for p in report.problems)


def test_only_a_certified_relation_refutes():
    """The balanced-rescaling witness, the joint cost of the ep optimum and the convention objects are exact
    constructions no certificate checks: their failing leaves the verdict UNDECIDED."""
    good = Values(F(0), False, F(0), F(0), True, F(0), True, F(1, 2), Bracket(F(1), F(1)), None, Surd.of(1))
    assert verdict(relations(good)) == PROVED
    assert verdict(relations(replace(good, ep3_witness=F(1)))) == UNDECIDED
    assert verdict(relations(replace(good, joint_from_ep=Surd.of(F(1, 2))))) == UNDECIDED
    assert verdict(relations(replace(good, ses25=F(1)))) == REFUTED
    assert verdict(relations(replace(good, ses25=F(1), ep3_witness=F(1)))) == REFUTED
