"""Checker of kind "spike-witness" (exact/checker/spike_witness.py): certificates built by hand."""
from __future__ import annotations

import pytest

from exact.checker import check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, mat, tampered, vec


def witness(X, u, min_norm2, **evidence) -> dict:
    return {**HEADER, "kind": "spike-witness", "statement": "test", "data": {"X": mat(X)},
            "relation": {"type": "fails", "property": "spike-free", "min_norm2": min_norm2}, "u": vec(u),
            **{k: vec(v) for k, v in evidence.items()}}


# unit rows with x_0^T x_1 = -3/5 (the case ep-spikefree-obtuse): u = x_1 gives (X u)_+ = e_1, whose
# minimum-norm preimage X^T t, t = (X X^T)^-1 e_1 = (15/16, 25/16, 0), has squared norm t^T e_1 = 25/16 > 1
OBTUSE = witness([[1, 0, 0], ["-3/5", "4/5", 0], [0, 0, 1]], ["-3/5", "4/5", 0], "25/16",
                 t=["15/16", "25/16", 0])
# rank one X = c a^T with c = (1, -2, 1/2) of mixed signs (ep-spikefree-rank1-mixed): u = a / ||a||_1 gives
# (X u)_+ = (3/2) c_+ = (3/2, 0, 3/4), outside range X = span(c): k = (4, 5/2, 2) has k^T c = 0, k^T (X u)_+ = 15/2
MIXED = witness([[1, -1, 2], [-2, 2, -4], ["1/2", "-1/2", 1]], ["1/4", "-1/4", "1/2"], None, k=[4, "5/2", 2])


def test_valid_witnesses():
    rep = check_certificate(OBTUSE)
    assert rep.ok and rep.relation == {"type": "fails", "property": "spike-free", "min_norm2": "25/16"}
    assert rep.data == {"X": [["1", "0", "0"], ["-3/5", "4/5", "0"], ["0", "0", "1"]]} and rep.value is None
    assert check_certificate(MIXED).relation == {"type": "fails", "property": "spike-free", "min_norm2": None}


def test_preimage_in_the_ball_is_no_witness():
    """X = I is spike-free: u = e_0 has (X u)_+ = e_0 = X e_0 with ||e_0||^2 = 1."""
    rep = check_certificate(witness([[1, 0], [0, 1]], [1, 0], "1", t=[1, 0]))
    assert rep.problems == ["t: the minimum-norm preimage has ||z||^2 = t^T (X u)_+ = 1 <= 1"]


@pytest.mark.parametrize("doc, path, new, fragment", [
    (OBTUSE, "t", ["0", "1", "0"], "t: X X^T t != (X u)_+"),
    (OBTUSE, "u", ["-3/5", "4/5", "1/5"], "u: ||u||^2 = 26/25 > 1"),
    (OBTUSE, "u.1", "1/2", "t: X X^T t != (X u)_+"),
    (OBTUSE, "relation.min_norm2", "5/4", "relation: the certificate states"),
    (OBTUSE, "relation.min_norm2", None, "relation: the certificate states"),
    (OBTUSE, "relation.type", "holds", "relation: the certificate states"),
    (OBTUSE, "k", ["0", "0", "0"], "evidence: expected exactly one of ('t', 'k'), got ['t', 'k']"),
    (OBTUSE, "t", DELETE, "evidence: expected exactly one of"),
    (OBTUSE, "t", ["1"], "t: expected 3 entries, got 1"),
    (OBTUSE, "u", DELETE, "u: missing field"),
    (OBTUSE, "data.X.1.1", "1", "t: X X^T t != (X u)_+"),
    (MIXED, "k", ["1", "0", "0"], "k: X^T k != 0"),
    (MIXED, "k", ["0", "0", "0"], "k: k^T (X u)_+ = 0, so (X u)_+ may be in the range of X"),
    (MIXED, "relation.min_norm2", "2", "relation: the certificate states"),
])
def test_tampered_is_rejected(doc, path, new, fragment):
    assert_problem(check_certificate(tampered(doc, path, new)), fragment)
