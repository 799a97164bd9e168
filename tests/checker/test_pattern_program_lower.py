"""Checker of kind "pattern-program-lower" (exact/checker/pattern_program_lower.py): lower bounds on pattern programs
with explicit sign rows (kh (7) / (9) as printed: minus_sign -1).

The reference certificate is the valid fixture: kh (7) as printed on X = [(1,1), (-1,0), (1,-2), (0,-2)],
y = (3,1,2,0), alpha = 1/10 (its float dual made exactly feasible, verify.numeric.pattern_brackets).
"""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from exact.checker import check_certificate
from tests.checker.helpers import assert_problem, fixture, tampered
from tests.checker.test_pattern_bracket import JOINT

KIND = "pattern-program-lower"
GOOD = fixture(KIND, "valid")


def program(bracket: dict, minus_sign: int, lower: str) -> dict:
    """The dual part of a pattern-bracket certificate as a program lower bound with sign rows ``minus_sign``."""
    doc = {k: v for k, v in bracket.items() if k != "primal"} | {"kind": KIND}
    return doc | {"data": {**bracket["data"], "minus_sign": minus_sign},
                  "relation": {"type": "at-least", "value": lower}}


def test_reference_lower_bound():
    rep = check_certificate(GOOD)
    assert rep.ok and rep.relation["type"] == "at-least" and F(2564228152, 10**9) < F(rep.value) < F(2564228153, 10**9)
    assert rep.data["minus_sign"] == -1 and rep.data["convention"]["hidden_bias"] == "free"


def test_printed_multipliers_do_not_bound_the_atoms():
    """The printed program's eps = -1 multipliers carry -s: as a bracket of the atoms (S = s) they fail
    (formerly tests/verify/claims/kh/test_programs.py)."""
    bad = {**GOOD, "kind": "pattern-bracket", "primal": {"neurons": [], "constant": "0"},
           "relation": {"type": "between", "lower": GOOD["relation"]["value"], "upper": GOOD["relation"]["value"]}}
    bad["data"] = {k: v for k, v in GOOD["data"].items() if k != "minus_sign"}
    assert_problem(check_certificate(bad), "S . m has a negative entry (mu must be >= 0)")
    assert_problem(check_certificate(tampered(GOOD, "data.minus_sign", 1)), "S . m has a negative entry")


def test_orientation_by_hand():
    """x = 0, y = 1, joint norm: the corrected program ((9), minus_sign 1) with m = 1 on the eps = -1 piece of (1);
    as printed (minus_sign -1) that m is a negative multiplier, but m = 0 bounds it too."""
    corrected = program(JOINT, 1, "1")
    assert check_certificate(corrected).relation == {"type": "at-least", "value": "1"}
    assert_problem(check_certificate(program(JOINT, -1, "1")), "dual.pieces[1]: S . m has a negative entry")
    printed = tampered(program(JOINT, -1, "1"), "dual.pieces.1.m", ["0"])
    rep = check_certificate(printed)
    assert rep.ok and rep.value == "1" and rep.data["minus_sign"] == -1


@pytest.mark.parametrize("path, new, fragment", [
    ("data.minus_sign", 0, "data.minus_sign: expected the JSON integer 1 or -1, got 0"),
    ("data.minus_sign", True, "data.minus_sign: expected the JSON integer 1 or -1, got True"),
    ("data.minus_sign", "-1", "data.minus_sign: expected the JSON integer 1 or -1, got '-1'"),
    ("relation.value", "3", "relation: the certificate states"),
    ("dual.v.0", "2", "dual.v: sum(v) ="),
    ("convention.output_bias", True, "convention: expected hidden_bias free or in-norm and no output bias"),
])
def test_tampered_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


def test_exactly_one_piece_per_pattern_and_eps():
    """2|J| pieces, counted before any is read (270 pieces of an N = 200, d = 500 program ran past a minute);
    2|J| N (d + 1) <= MAX_PIECE_WORK = 100 000 (tests/checker/test_pattern_bracket.py)."""
    pieces = GOOD["dual"]["pieces"]
    assert check_certificate(tampered(GOOD, "dual.pieces", pieces + pieces[:1])).problems == [
        f"dual.pieces: expected 2|J| = {len(pieces)} entries, one per (pattern, eps), got {len(pieces) + 1}"]
