"""Checker of kind "pattern-bracket" (exact/checker/pattern_bracket.py): brackets of kh (2) through the patterns.

The reference certificate is the valid fixture: X = [(0,0), (2,0), (0,1), (1,1)], y = (1,0,0,1), alpha = 1/10,
b free (kh (3)), written by the producer (bracket A of kh (7) corrected, verify.numeric.pattern_brackets).
"""
from __future__ import annotations

import copy
from fractions import Fraction as F

import pytest

from exact.checker import _pattern_dual, check_certificate, pattern_bracket
from tests.checker.helpers import DELETE, HEADER, assert_problem, fixture, tampered

KIND = "pattern-bracket"
GOOD = fixture(KIND, "valid")

# By hand, the bias in the norm (kh (8)): one point x = 0, y = 1. J = {(1), (-1)} (no exclusion needed);
# v = 1, G = 1 bounds every piece (m = 1 cancels the eps = -1 piece of (1)); the neuron (0, 1) fits at cost 1.
JOINT = {**HEADER, "kind": KIND,
         "convention": {"alpha": "0", "hidden_bias": "in-norm", "output_bias": False},
         "data": {"X": [["0"]], "y": ["1"]}, "relation": {"type": "between", "lower": "1", "upper": "1"},
         "patterns": {"realised": [{"pattern": [-1], "w": ["0"], "b": "-1"}, {"pattern": [1], "w": ["0"], "b": "0"}],
                      "excluded": []},
         "dual": {"v": ["1"], "G": "1", "pieces": [{"pattern": [1], "eps": 1, "m": ["0"]},
                                                   {"pattern": [1], "eps": -1, "m": ["1"]},
                                                   {"pattern": [-1], "eps": 1, "m": ["0"]},
                                                   {"pattern": [-1], "eps": -1, "m": ["0"]}]},
         "primal": {"neurons": [{"w": ["0"], "b": "1", "c": "1"}], "constant": "0"}}


def test_reference_bracket():
    rep = check_certificate(GOOD)
    assert rep.ok and rep.relation["type"] == "between" and rep.value is None
    lower, upper = F(rep.relation["lower"]), F(rep.relation["upper"])
    assert F(2357022592, 10**9) < lower <= upper < F(2357022605, 10**9)
    assert rep.data == {"X": [["0", "0"], ["2", "0"], ["0", "1"], ["1", "1"]], "y": ["1", "0", "0", "1"],
                        "convention": {"alpha": "1/10", "hidden_bias": "free", "output_bias": False}}


def test_joint_by_hand():
    rep = check_certificate(JOINT)
    assert rep.ok and rep.relation == {"type": "between", "lower": "1", "upper": "1"}
    assert rep.data["convention"]["hidden_bias"] == "in-norm"
    # with b free the same dual is unbounded (u = 0, b -> oo): sum(v) = 1, and 1^T g != 0 on the pieces
    rep = check_certificate(tampered(JOINT, "convention.hidden_bias", "free"))
    assert_problem(rep, "dual.v: sum(v) = 1 != 0 with a free bias")
    assert_problem(rep, "dual.pieces[0]: 1^T g = 1 != 0 (b is free)")
    assert_problem(check_certificate(tampered(JOINT, "primal.constant", "1/2")),
                   "primal.constant: must be 0 when the bias is inside the norm")
    outside = tampered(JOINT, "primal.neurons", [{"w": ["1"], "b": "1", "c": "1"}])  # |(1, 1)| > 1, and 1 at x = 0
    assert_problem(check_certificate(outside), "primal.neurons[0]: the atom is outside W")
    assert_problem(check_certificate(tampered(JOINT, "dual.G", "1/2")), "dual.pieces[0]: ||z||^2 = 1 > G^2 = 1/4")


def _tampered_copies() -> list[tuple[dict, str]]:
    """The parts of the reference that each carry a condition (formerly tests/verify/claims/kh/test_programs.py)."""
    out = []
    bad = copy.deepcopy(GOOD)  # claims a better lower end
    bad["dual"]["G"] = str(F(GOOD["dual"]["G"]) / 2)
    bad["relation"]["lower"] = str(2 * F(GOOD["relation"]["lower"]))
    out.append((bad, "> G^2 ="))
    bad = copy.deepcopy(GOOD)
    bad["dual"]["pieces"][-1] = bad["dual"]["pieces"][0]  # one (pattern, eps) piece left unbounded
    out.append((bad, "dual.pieces: no bound for 1 (pattern, eps) pairs"))
    bad = copy.deepcopy(GOOD)
    bad["dual"]["pieces"].pop()
    out.append((bad, f"dual.pieces: expected 2|J| = {len(GOOD['dual']['pieces'])} entries, one per (pattern, eps), "
                     f"got {len(GOOD['dual']['pieces']) - 1}"))
    bad = copy.deepcopy(GOOD)
    bad["primal"]["neurons"][0]["w"] = [str(3 * F(t)) for t in GOOD["primal"]["neurons"][0]["w"]]  # outside W
    out.append((bad, "primal.neurons[0]: the atom is outside W"))
    bad = copy.deepcopy(GOOD)
    bad["patterns"]["realised"].pop()  # J no longer complete
    out.append((bad, "patterns.the listed words do not cover {+-1}^N"))
    bad = copy.deepcopy(GOOD)
    bad["primal"]["neurons"][1]["c"] = str(F(GOOD["primal"]["neurons"][1]["c"]) + 1)
    out.append((bad, "primal: point 1: network ="))
    return out


@pytest.mark.parametrize("bad, fragment", _tampered_copies())
def test_tampered_reference_is_rejected(bad, fragment):
    assert_problem(check_certificate(bad), fragment)


@pytest.mark.parametrize("path, new, fragment", [
    ("relation.upper", "3", "relation: the certificate states"),
    ("convention.hidden_bias", "none", "convention: expected hidden_bias free or in-norm and no output bias"),
    ("convention.output_bias", True, "convention: expected hidden_bias free or in-norm and no output bias"),
    ("dual.G", "0", "dual.G: expected > 0, got 0"),
    ("dual.pieces.0.eps", True, "dual.pieces[0].eps: expected the JSON integer 1 or -1"),
    ("dual.pieces.0.pattern", [1, 1, 1, True], "dual.pieces[0].pattern: expected entries 1 or -1"),
    ("dual.pieces.0.m", ["0"], "dual.pieces[0].m: expected 4 entries, got 1"),
    ("data.y", ["1", "0", "0"], "data.y: expected 4 entries, got 3"),
    ("patterns", DELETE, "patterns: missing field"),
    ("patterns.excluded", DELETE, "patterns.excluded: missing field"),
    ("primal.constant", DELETE, "primal.constant: missing field"),
])
def test_malformed_or_misstated_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


def test_pieces_outside_j_and_signs():
    bad = tampered(JOINT, "dual.pieces.0.pattern", [1, 1])
    assert_problem(check_certificate(bad), "dual.pieces[0].pattern: expected 1 entries, got 2")
    bad = tampered(JOINT, "patterns.realised", JOINT["patterns"]["realised"][1:])
    bad["patterns"]["excluded"] = [{"prefix": [-1], "mu": ["1"]}]  # (-1) is realised (b < 0): no Farkas vector
    bad["dual"]["pieces"] = [JOINT["dual"]["pieces"][0], JOINT["dual"]["pieces"][2]]  # 2|J| = 2 pieces
    assert_problem(check_certificate(bad), "dual.pieces[1].pattern: [-1] is not a pattern of J")
    # the eps = -1 piece of (1) with m = -1 (mu < 0): the bound would be void
    bad = tampered(tampered(JOINT, "dual.pieces.1.m", ["-1"]), "dual.G", "2")
    assert_problem(check_certificate(bad), "dual.pieces[1]: S . m has a negative entry (mu must be >= 0)")



def test_sizes_beyond_the_limits_are_refused_before_the_work(monkeypatch):
    """2|J| N (d + 1) <= MAX_PIECE_WORK = 100 000 and N M d <= MAX_NETWORK_WORK = 50 000 for the M primal
    neurons, lowered here below the reference's 28 * 4 * 3 = 336 and 4 * 3 * 2 = 24 (certifying a J near the
    limit takes seconds)."""
    assert (_pattern_dual.MAX_PIECE_WORK, pattern_bracket.MAX_NETWORK_WORK) == (100_000, 50_000)
    monkeypatch.setattr(_pattern_dual, "MAX_PIECE_WORK", 335)
    assert check_certificate(GOOD).problems == [
        "limit: dual.pieces: 2|J| N (d + 1) = 336, beyond the checker's limit of 335"]
    monkeypatch.setattr(_pattern_dual, "MAX_PIECE_WORK", 336)
    monkeypatch.setattr(pattern_bracket, "MAX_NETWORK_WORK", 23)
    assert check_certificate(GOOD).problems == [
        "limit: primal.neurons: N M d (points x neurons x d) = 24, beyond the checker's limit of 23"]
    monkeypatch.setattr(pattern_bracket, "MAX_NETWORK_WORK", 24)
    assert check_certificate(GOOD).ok
