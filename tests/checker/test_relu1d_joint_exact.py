"""Checker of kind "relu1d-joint-exact" (exact/checker/relu1d_joint_exact.py): the exact optimum of kh (2)+(8) in 1-D
over a field of square roots and the uniqueness of the optimal function (from tests/exact/relu/test_joint_norm.py).
"""
from __future__ import annotations

import copy
from fractions import Fraction as F

import pytest

from exact.certificates.relu1d_joint_exact import joint_exact_certificate
from exact.checker import check_certificate
from exact.convention import Convention, HiddenBias
from exact.relu.joint_norm import solve_joint_exact
from exact.relu.pattern_program import pattern_program
from tests.checker.helpers import DELETE, HEADER, assert_problem, fixture, tampered
from verify.numeric.pattern_brackets import socp

KIND = "relu1d-joint-exact"
X = [F(-1), F(-3, 5), F(-1, 5), F(1, 5), F(3, 5), F(1)]
Y = [F(t) for t in (1, -1, 1, 1, -1, 1)]


def r(t) -> dict:
    """The rational t as a square-root radical."""
    return {"root": 2, "terms": {"1": str(t)}}


# x = (-1, 1), y = (1, 1), ReLU: v = (1/2, 1/2) touches the circle only at (0, 1); f = 1 at cost 1, unique.
CONST = {**HEADER, "kind": KIND, "convention": {"alpha": "0", "hidden_bias": "in-norm", "output_bias": False},
         "data": {"x": ["-1", "1"], "y": ["1", "1"]},
         "relation": {"type": "equals", "value": "1", "attained": True, "unique": True},
         "primal": {"neurons": [{"w": ["0"], "b": "1", "c": "1"}]}, "dual": {"v": [r("1/2"), r("1/2")]},
         "unique": {"contacts": [{"w": "0", "b": "1"}]}}


@pytest.fixture(scope="module")
def example() -> dict:
    """kh Figure 1's data with alpha = -1/2: value 5/3 + 4/3 sqrt(26) + 8/3 sqrt(34), unique optimal function."""
    sol = solve_joint_exact(X, Y, F(-1, 2), socp(pattern_program(X, Y, Convention(F(-1, 2), HiddenBias.IN_NORM)))[3])
    return joint_exact_certificate(sol, "kh.thm-2", "alpha=-1/2")


def test_valid_certificates(example):
    assert check_certificate(CONST).relation == {"type": "equals", "value": "1", "attained": True, "unique": True}
    rep = check_certificate(example)
    assert rep.ok and rep.value is None  # irrational: the relation holds the radical
    assert rep.relation == {"type": "equals", "value": {"root": 2, "terms": {"1": "5/3", "26": "4/3", "34": "8/3"}},
                            "attained": True, "unique": True}
    rep = check_certificate(fixture(KIND, "valid"))  # x = (0, 1, 2), y = (1, 0, 2), alpha = 1/10: 10/3 sqrt(2)
    assert rep.relation["value"] == {"root": 2, "terms": {"2": "10/3"}}
    # without the uniqueness evidence the optimum is still proved, but not the uniqueness
    no_unique = {k: v for k, v in CONST.items() if k != "unique"}
    assert_problem(check_certificate(no_unique), "relation: the certificate states")
    no_unique["relation"] = {"type": "equals", "value": "1", "attained": True}
    assert check_certificate(no_unique).ok


def test_unnormalised_neuron_direction():
    """The neuron (0, 2) with weight 1/2 is the atom (0, 1) with weight 1: the same fit and cost 1/2 * 2 = 1."""
    doc = tampered(CONST, "primal.neurons", [{"w": ["0"], "b": "2", "c": "1/2"}])
    assert check_certificate(doc).relation["value"] == "1"
    # the direction matters, not its length: (1, 1) is 0 at x = -1
    assert_problem(check_certificate(tampered(CONST, "primal.neurons.0", {"w": ["1"], "b": "1", "c": "1/2"})),
                   "primal: network value 0 at x[0] = -1 but y = 1")
    assert_problem(check_certificate(tampered(CONST, "primal.neurons.0.b", "0")), "primal.neurons[0]: (w, b) = 0")


def test_tampered_dual(example):
    doc = copy.deepcopy(example)
    doc["dual"]["v"][1]["terms"]["1"] = str(F(doc["dual"]["v"][1]["terms"]["1"]) + F(1, 100))
    assert_problem(check_certificate(doc), "v^T y")
    doc["dual"]["v"][1]["terms"]["1"] = str(F(doc["dual"]["v"][1]["terms"]["1"]) - F(2))
    assert_problem(check_certificate(doc), "|g(a)| > |a|")


def test_tampered_neuron_and_value(example):
    bad = copy.deepcopy(example)
    bad["primal"]["neurons"][0]["b"] = str(F(bad["primal"]["neurons"][0]["b"]) + 1)
    assert_problem(check_certificate(bad), "primal: network value")
    bad = copy.deepcopy(example)
    bad["relation"]["value"]["terms"]["1"] = "2"
    assert_problem(check_certificate(bad), "relation: the certificate states")
    bad["relation"]["value"] = {"root": 2, "terms": {"8": "1"}}
    assert_problem(check_certificate(bad), "is not the canonical decimal of an integer >= 1 free of")
    bad["relation"]["value"] = {"root": 2, "terms": {"01": "1"}}
    assert_problem(check_certificate(bad), "is not the canonical decimal of an integer >= 1 free of")


def test_tampered_uniqueness(example):
    doc = copy.deepcopy(example)
    doc["unique"]["contacts"].pop()
    assert_problem(check_certificate(doc), "is not listed")
    doc["unique"]["contacts"].append({"w": "1", "b": "1"})
    assert_problem(check_certificate(doc), "is not a contact")
    assert_problem(check_certificate(tampered(CONST, "unique.contacts", [])), "unique: no contacts listed")


@pytest.mark.parametrize("path, new, fragment", [
    ("dual.v.0", {"root": 3, "terms": {"1": "1/2"}}, "dual.v[0].root: expected an integer equal to 2, got 3"),
    ("dual.v.0", "1/2", "dual.v[0]: expected a JSON object"),
    ("convention.hidden_bias", "free", "convention: expected alpha != 1, hidden_bias in-norm, no output bias"),
    ("relation.attained", DELETE, "relation: the certificate states"),
    ("relation.value", "2", "relation: the certificate states"),
    ("unique.contacts", DELETE, "unique.contacts: missing field"),
    ("data.y.0", "2", "primal: network value 1 at x[0] = -1 but y = 2"),
])
def test_malformed_or_misstated_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(CONST, path, new)), fragment)


def test_more_points_than_the_limit_are_refused() -> None:
    """n <= MAX_POINTS = 16 (120 points of distinct radicands ran for minutes)."""
    doc = fixture(KIND, "valid")
    doc["data"] = {"x": [str(i) for i in range(17)], "y": ["0"] * 17}
    assert check_certificate(doc).problems == ["limit: data.x: points n = 17, beyond the checker's limit of 16"]


def test_more_radicands_than_the_limit_are_refused() -> None:
    """At most MAX_RADICANDS = 6 distinct radicands (1 included) over dual.v: g_v^2 costs ~R^4 products."""
    doc = fixture(KIND, "valid")
    doc["dual"]["v"][0] = {"root": 2, "terms": {str(m): "1" for m in (1, 2, 3, 5, 6, 7, 10)}}
    assert check_certificate(doc).problems == ["limit: dual.v: distinct radicands = 7, beyond the checker's limit of 6"]


def test_more_neurons_than_the_limit_are_refused() -> None:
    """At most MAX_NEURONS = 64 primal neurons (4000 neurons (1, k) took 7.5 s)."""
    doc = fixture(KIND, "valid")
    doc["primal"]["neurons"] = [{"w": ["1"], "b": str(k), "c": "0"} for k in range(65)]
    assert check_certificate(doc).problems == [
        "limit: primal.neurons: neurons J = 65, beyond the checker's limit of 64"]


def test_more_contacts_than_the_limit_are_refused() -> None:
    """At most MAX_CONTACTS = 24 listed contacts (each is tested against every candidate, then a rank test)."""
    doc = fixture(KIND, "valid")
    doc["unique"]["contacts"] = [{"w": "1", "b": str(k)} for k in range(25)]
    assert check_certificate(doc).problems == [
        "limit: unique.contacts: contacts listed = 25, beyond the checker's limit of 24"]
