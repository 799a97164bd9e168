"""Checker of kind "spike-free" (exact/checker/spike_free.py): certificates built by hand."""
from __future__ import annotations

import pytest

from exact.checker import check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, mat, tampered, vec

HOLDS = {"type": "holds", "property": "spike-free"}


def spike_free(X, **evidence) -> dict:
    return {**HEADER, "kind": "spike-free", "statement": "test", "data": {"X": mat(X)}, "relation": HOLDS, **evidence}


# acute rows: G = [[2, 1], [1, 2]], K = G^-1 = [[2, -1], [-1, 2]] / 3, a Z-matrix
ACUTE = spike_free([[1, 0, 1], [1, 1, 0]], gram={"K": mat([["2/3", "-1/3"], ["-1/3", "2/3"]])})
# whitened rows (ep Lemma 2.4): K = I
WHITENED = spike_free([["3/5", "4/5", 0], [0, 0, 1]], gram={"K": mat([[1, 0], [0, 1]])})
# rank one X = c a^T with c <= 0 (ep Lemma 2.5 up to the global sign)
RANK_ONE = spike_free([[-1, 2], [0, 0], ["-1/2", 1]], rank_one={"c": vec([-2, 0, -1]), "a": vec(["1/2", -1])})


def test_valid_certificates():
    for doc in (ACUTE, WHITENED, RANK_ONE):
        rep = check_certificate(doc)
        assert rep.ok and rep.relation == HOLDS and rep.value is None, rep.problems
    assert check_certificate(ACUTE).data == {"X": [["1", "0", "1"], ["1", "1", "0"]]}


def test_obtuse_rows_with_their_inverse_gram_are_rejected():
    """The true K of an obtuse pair has a positive off-diagonal entry: not spike-free (ep Theorem 3.4's finding)."""
    doc = spike_free([[1, 0], ["-3/5", "4/5"]], gram={"K": mat([["25/16", "15/16"], ["15/16", "25/16"]])})
    rep = check_certificate(doc)
    assert rep.problems == ["gram.K: K[0][1] = 15/16 > 0, but (X X^T)^-1 must be a Z-matrix",
                            "gram.K: K[1][0] = 15/16 > 0, but (X X^T)^-1 must be a Z-matrix"]


@pytest.mark.parametrize("doc, path, new, fragment", [
    (WHITENED, "gram.K.0.1", "1/100", "gram.K: column 1: X X^T K e_1 = ['1/100', '1'], must be e_1"),
    (ACUTE, "gram.K.0.0", "1", "gram.K: column 0"),
    (ACUTE, "data.X.0.2", "2", "gram.K: column 0"),
    (ACUTE, "gram.K", [["2/3", "-1/3"]], "gram.K: expected an 2 x 2 matrix"),
    (ACUTE, "rank_one", {"c": ["1", "1"], "a": ["1", "0", "1"]}, "evidence: expected exactly one of"),
    (ACUTE, "gram", DELETE, "evidence: expected exactly one of ('gram', 'rank_one'), got []"),
    (ACUTE, "relation", {"type": "fails", "property": "spike-free"}, "relation: the certificate states"),
    (ACUTE, "data.X", [[]], "data.X: expected rows with at least one entry"),
    (RANK_ONE, "rank_one.c.2", "1", "rank_one.c: entries of both signs"),
    (RANK_ONE, "rank_one.c.2", "1", "rank_one: row 2 of X is not c_2 a^T"),
    (RANK_ONE, "rank_one.a", ["1"], "rank_one.a: expected 2 entries, got 1"),
    (RANK_ONE, "data.X.1.0", "1", "rank_one: row 1 of X is not c_1 a^T"),
])
def test_tampered_is_rejected(doc, path, new, fragment):
    assert_problem(check_certificate(tampered(doc, path, new)), fragment)


def test_mixed_sign_rank_one_is_rejected():
    """c = (1, -2, 1/2) of mixed signs (the case ep-spikefree-rank1-mixed): X = c a^T holds, spike-freeness not."""
    doc = spike_free([[1, -1, 2], [-2, 2, -4], ["1/2", "-1/2", 1]],
                     rank_one={"c": vec([1, -2, "1/2"]), "a": vec([1, -1, 2])})
    assert check_certificate(doc).problems == ["rank_one.c: entries of both signs"]
