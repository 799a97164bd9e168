"""Kind "rank-one-l1": the min-l1 interpolation problem for rank-one data X = c a^T, exactly."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..relu.rank_one import RankOneSolution
from . import certificate_header


def rank_one_certificate(r: RankOneSolution, X: Sequence[Sequence[Fraction]], claim: str, case: str) -> dict:
    """The ``rank-one-l1`` certificate (checked by exact.checker.relu1d_extreme_point)."""
    doc = certificate_header("rank-one-l1", claim, case,
                             "inf ||w||_1 s.t. sum_j w_j (X u_j + b_j 1)_+ = y, ||u_j||_2 <= 1, b_j free, over "
                             "networks of any width (ep (4)), for X = c a^T, equals value")
    doc.update(data={"X": [[str(t) for t in row] for row in X], "y": [str(t) for t in r.sol.y]},
               factor={"c": [str(t) for t in r.c], "a": [str(t) for t in r.a], "norm": str(r.norm)},
               primal={"neurons": [{"u": [str(t) for t in u], "b": str(b), "w": str(w)} for u, b, w in r.neurons],
                       "constant": str(r.constant)},
               dual={"v": [str(t) for t in r.sol.dual]}, value=str(r.value))
    return doc
