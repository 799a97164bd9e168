"""Checker of kind "cone-program-bracket" (exact/checker/cone_program_bracket.py): pe (8) / (39) over all regions.

The reference certificate is the valid fixture: pe's 1-D example X = [-2 .. 2] with a bias column, y = (1, -1, 1, 1,
-1), beta = 1/10, squared loss, written by the producer (verify.numeric.cone_program). HAND is by hand: X = [[1]],
y = 1, beta = 1/2: (8) is min 1/2 (z - 1)^2 + |z| / 2 = 3/8 at z = 1/2 (the block v = 1/2 of region u > 0), and
v = 1/2 is dual feasible: on region (+1) g = eps / 2 (+ mu for eps = -1), on region (-1) D_s = 0 and g = mu x.
"""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from exact.checker import check_certificate, cone_program_bracket
from tests.checker.helpers import HEADER, assert_problem, fixture, tampered
from tests.checker.mutation import sweep

KIND = "cone-program-bracket"
GOOD = fixture(KIND, "valid")
HAND = {**HEADER, "kind": KIND, "convention": {"alpha": "0", "hidden_bias": "none", "output_bias": False},
        "data": {"X": [["1"]], "y": ["1"], "beta": "1/2", "loss": "squared"},
        "relation": {"type": "between", "lower": "3/8", "upper": "3/8", "neurons": 1},
        "dual": {"v": ["1/2"], "pieces": [{"region": [1], "eps": 1, "mu": {}},
                                          {"region": [1], "eps": -1, "mu": {"0": "1/2"}},
                                          {"region": [-1], "eps": 1, "mu": {}},
                                          {"region": [-1], "eps": -1, "mu": {}}]},
        "primal": {"blocks": [{"D": [1], "v": ["1/2"], "w": ["0"], "v_norm": "1/2", "w_norm": "0"}]}}


def test_reference_bracket():
    rep = check_certificate(GOOD)
    assert rep.ok and rep.relation is not None and rep.relation["neurons"] == 5
    lower, upper = F(rep.relation["lower"]), F(rep.relation["upper"])
    assert F(8914472025, 10**10) < lower <= upper < F(8914472027, 10**10) and (upper - lower) / upper < F(1, 10**10)
    assert rep.data is not None and rep.data["loss"] == "squared" and rep.data["beta"] == "1/10"


def test_the_samples_of_the_other_losses_are_accepted():
    for loss in ("hinge", "absolute"):
        rep = check_certificate(fixture(KIND, f"sample-{loss}"))
        assert rep.ok and rep.data is not None and rep.data["loss"] == loss, rep.problems


def test_by_hand():
    rep = check_certificate(HAND)
    assert rep.ok and rep.relation == {"type": "between", "lower": "3/8", "upper": "3/8", "neurons": 1}


def test_a_tampered_per_cone_multiplier_is_rejected():
    assert_problem(check_certificate(fixture(KIND, "tampered")), "dual.pieces[2]: ||g||^2 > beta^2 = 1/100")
    # on region (+1), eps = -1: g = -1/2 + mu; mu = 2 gives ||g||^2 = 9/4 > 1/4, and mu < 0 is no multiplier
    assert_problem(check_certificate(tampered(HAND, "dual.pieces.1.mu", {"0": "2"})),
                   "dual.pieces[1]: ||g||^2 > beta^2 = 1/4 for region [1], eps -1")
    assert_problem(check_certificate(tampered(HAND, "dual.pieces.1.mu", {"0": "-1/2"})),
                   "dual.pieces[1].mu[0] = -1/2: must be >= 0 on a nonzero row")
    # v = 1 is the unconstrained maximiser of c: it breaks the eps = +1 piece of region (+1)
    assert_problem(check_certificate(tampered(HAND, "dual.v", ["1"])), "dual.pieces[0]: ||g||^2 > beta^2 = 1/4")


def test_a_tampered_primal_point_is_rejected():
    assert_problem(check_certificate(tampered(HAND, "primal.blocks.0.v", ["-1/2"])),
                   "primal.blocks[0]: cone row 0 fails: (2 D_j - 1) x_j^T v < 0")
    assert_problem(check_certificate(tampered(HAND, "primal.blocks.0.v_norm", "1/4")),
                   "primal.blocks[0].v_norm = 1/4 is not an upper bound of ||v||")
    row = next(j for j, Dj in enumerate(GOOD["primal"]["blocks"][0]["D"]) if Dj)
    flipped = [1 - t if j == row else t for j, t in enumerate(GOOD["primal"]["blocks"][0]["D"])]
    rep = check_certificate(tampered(GOOD, "primal.blocks.0.D", flipped))
    assert not rep.ok and any("cone row" in p for p in rep.problems), rep.problems


def test_the_pieces_must_be_one_per_region_and_eps():
    pieces = HAND["dual"]["pieces"]
    assert_problem(check_certificate(tampered(HAND, "dual.pieces", pieces[:3])),
                   "dual.pieces: expected 2 R = 4 entries, one per (region, eps), got 3")
    assert_problem(check_certificate(tampered(HAND, "dual.pieces", pieces[:3] + [pieces[0]])),
                   "dual.pieces[3]: a second piece for the same (region, eps)")
    assert_problem(check_certificate(tampered(HAND, "dual.pieces.0.region", [0])),
                   "dual.pieces[0].region: [0] is not a region of the arrangement of data.X")
    assert_problem(check_certificate(tampered(HAND, "dual.pieces.1.mu", {"1": "1/2"})),
                   "dual.pieces[1].mu: key '1' is not the canonical decimal of a row index below 1")
    assert_problem(check_certificate(tampered(HAND, "dual.pieces.1.mu", {"00": "1/2"})),
                   "dual.pieces[1].mu: key '00' is not the canonical decimal of a row index below 1")


def test_the_data_and_the_loss_domain():
    assert_problem(check_certificate(tampered(HAND, "data.beta", "0")), "data.beta: expected > 0, got 0")
    assert_problem(check_certificate(tampered(HAND, "data.loss", "logistic")), "data.loss: expected one of")
    hinge = tampered(tampered(HAND, "data.loss", "hinge"), "data.y", ["2"])
    assert_problem(check_certificate(hinge), "data.y: the hinge loss needs labels +-1")
    absolute = tampered(tampered(HAND, "data.loss", "absolute"), "dual.v", ["3/2"])
    assert_problem(check_certificate(absolute),
                   "dual.v[0] = 3/2 is outside the domain of the absolute loss's conjugate")
    # the hinge loss at y = 1: l(1/2) = 1/2, c(v) = v = 1/2; upper 1/2 + 1/4
    rep = check_certificate(tampered(tampered(HAND, "data.loss", "hinge"), "relation",
                                     {"type": "between", "lower": "1/2", "upper": "3/4", "neurons": 1}))
    assert rep.ok, rep.problems


def test_the_stated_relation_must_be_the_proved_one():
    rep = check_certificate(tampered(HAND, "relation.neurons", 2))
    assert_problem(rep, "relation: the certificate states")
    rep = check_certificate(tampered(HAND, "relation.upper", "1/2"))
    assert_problem(rep, "but the evidence proves {'type': 'between', 'lower': '3/8', 'upper': '3/8', 'neurons': 1}")


def test_limits_come_before_the_work(monkeypatch):
    monkeypatch.setattr(cone_program_bracket, "MAX_PIECE_WORK", 3)
    assert_problem(check_certificate(HAND), "limit: dual.pieces: 2 R n d (regions x rows x columns) = 4, beyond "
                                            "the checker's limit of 3")
    monkeypatch.setattr(cone_program_bracket, "MAX_PIECE_WORK", 100)
    too_many = tampered(HAND, "dual.pieces.1.mu", {"0": "1/2", "1": "0"})
    assert_problem(check_certificate(too_many), "dual.pieces[1].mu: 2 rows, at most d = 1 (a basic multiplier)")
    monkeypatch.setattr(cone_program_bracket, "MAX_BLOCK_WORK", 0)
    assert_problem(check_certificate(HAND), "limit: primal.blocks: B n d (blocks x rows x columns) = 1")


@pytest.mark.parametrize("seed", [5, 17])
def test_seeded_mutations_are_rejected_or_harmless(seed):
    tally = sweep(per_kind=150, seed=seed, kinds=[KIND])
    assert sum(tally.counts.values()) == 150 and not tally.failures, tally.failures
    assert sum(n for (_, _, outcome), n in tally.counts.items() if outcome == "rejected") >= 140
