"""Checker of kind "relu1d-joint-isolated" (exact/checker/relu1d_joint_isolated.py): the optimum of ddb (20) in 1-D
isolated in a Krawczyk box, with its exact contact set (fixtures from exact/relu/joint_isolated.py on
random_1d_case(3) -- unique minimiser, two irrational kinks -- and random_1d_case(6) -- an even dual)."""
from __future__ import annotations

from fractions import Fraction as F

from exact.checker import check_certificate
from exact.checker.arith import Interval
from exact.checker.relu1d_joint_isolated import arcs
from tests.checker.helpers import DELETE, assert_problem, fixture, tampered

KIND = "relu1d-joint-isolated"


def test_valid_fixture_proves_a_tight_interval_and_a_unique_minimiser():
    rep = check_certificate(fixture(KIND, "valid"))
    assert rep.ok, rep.problems
    rel = rep.relation
    assert rel["type"] == "isolated-optimum" and rel["unique"] is True and rel["even"] is False
    lower, upper = F(rel["lower"]), F(rel["upper"])
    assert 0 < upper - lower < F(1, 10**34) and abs(float(lower) - 3.9828362714336) < 1e-12
    assert rel["support"] == rel["charged"] == [
        {"cell": [-1, 1, 1, -1, -1], "sign": 1}, {"cell": [1, -1, -1, 1, -1], "sign": -1},
        {"ray": {"w": "1", "b": "7"}, "sign": 1}, {"ray": {"w": "-2", "b": "5"}, "sign": 1}]


def test_even_sample_lists_the_antipodes_and_the_minimiser_charging_all():
    doc = fixture(KIND, "sample-1")
    rep = check_certificate(doc)
    assert rep.ok, rep.problems
    rel = rep.relation
    assert rel["even"] is True and "unique" not in rel
    K = len(doc["contacts"])
    assert len(rel["support"]) == 2 * K and rel["charged"] == rel["support"]
    assert rel["support"][K:][0] == {"cell": [-p for p in doc["contacts"][0]["cell"]], "sign": -1}


def test_penalised_sample_proves_the_value_of_22():
    """ddb-penalised-pair's labels at lambda = 1/10: the optimum of (22) is the dual value lambda v . y -
    n lambda^2 ||v||^2 / 4 = 0.27722..., the minimiser (-4 x + 3)_+, (1 x + 0)_+ unique."""
    doc = fixture(KIND, "sample-2")
    rep = check_certificate(doc)
    assert rep.ok and rep.relation["penalty"] == "1/10" and rep.relation["unique"] is True
    assert abs(float(F(rep.relation["lower"])) - 0.2772222222222) < 1e-12
    assert_problem(check_certificate(tampered(doc, "penalty", "1/5")), "Krawczyk")
    assert_problem(check_certificate(tampered(doc, "penalty", "0")), "penalty: expected lambda > 0")
    assert_problem(check_certificate(tampered(doc, "penalty", DELETE)), "Krawczyk")


def test_tampered_fixture_is_rejected():
    """The fixture moves v_1 by 10^-9, far outside its radius 2^-120."""
    assert_problem(check_certificate(fixture(KIND, "tampered")), "Krawczyk: K(B) is not inside the box")


def test_a_changed_label_or_sign_breaks_the_box():
    doc = fixture(KIND, "valid")
    assert_problem(check_certificate(tampered(doc, "data.y.0", "2")), "Krawczyk")
    flipped = tampered(tampered(doc, "contacts.0.sign", -1), "relation.support.0.sign", -1)
    rep = check_certificate(tampered(flipped, "relation.charged.0.sign", -1))
    assert not rep.ok and any("Krawczyk" in p or "sign" in p for p in rep.problems)


def test_a_dropped_contact_is_rejected():
    """Without the cell contact the system has one row and one unknown fewer; the old box cannot pass."""
    doc = fixture(KIND, "valid")
    n = len(doc["data"]["x"])
    cut = tampered(doc, "contacts.0", DELETE)
    cut["box"]["centre"].pop(n)
    cut["box"]["radius"].pop(n)
    cut["preconditioner"] = [row[:n] + row[n + 1:] for k, row in enumerate(doc["preconditioner"]) if k != n]
    assert not check_certificate(cut).ok


def test_a_false_relation_or_a_missing_qualifier_is_rejected():
    doc = fixture(KIND, "valid")
    wrong = tampered(doc, "relation.lower", str(F(doc["relation"]["lower"]) - F(1, 10**40)))
    assert_problem(check_certificate(wrong), "relation: the certificate states")
    assert_problem(check_certificate(tampered(doc, "relation.unique", DELETE)), "relation: the certificate states")


def test_malformed_contacts_and_antipodes():
    doc = fixture(KIND, "valid")
    assert_problem(check_certificate(tampered(doc, "contacts.2.ray.b", "6")), "kink -b/w a data point")
    assert_problem(check_certificate(tampered(doc, "contacts.0.cell", [1, 1])), "contacts[0].cell: expected 5")
    assert_problem(check_certificate(tampered(doc, "contacts.3", doc["contacts"][2])), "two contacts at the same")
    even = fixture(KIND, "sample-1")
    basic = [k for k, t in enumerate(even["antipodes"]) if t == "basic"]
    assert_problem(check_certificate(tampered(even, f"antipodes.{basic[0]}", "0")), "exactly two entries 'basic'")
    other = next(k for k, t in enumerate(even["antipodes"]) if t != "basic")
    assert_problem(check_certificate(tampered(even, f"antipodes.{other}", "1000")), f"antipodes[{other}]")
    assert_problem(check_certificate(tampered(doc, "even", True)), "box.centre: expected 11 entries, got 9")
    one = tampered(tampered(doc, "data.x", ["1"]), "data.y", ["1"])
    assert_problem(check_certificate(one), "data.x: expected at least 2 points, got 1")


def test_arcs_are_counter_clockwise_shorter_than_pi_and_meet_at_the_data_rays():
    x = [F(-1), F(0), F(2)]
    out = arcs(x)
    assert len(out) == 6 and all(e1[0] * e2[1] - e1[1] * e2[0] > 0 for e1, e2 in out)
    ends = [e for arc in out for e in arc]
    assert sorted(set(ends)) == sorted((s, -s * t) for t in x for s in (F(1), F(-1)))
    assert all(ends.count(e) == 2 for e in ends)
    assert Interval(F(-1), F(2)).square() == Interval(F(0), F(4))
