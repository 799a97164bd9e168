"""Kind "rank-one-l1": the min-l1 interpolation problem for rank-one data X = c a^T, exactly."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..checker.relu1d import absorbs_constant
from ..convention import Convention
from ..relu.networks import Network, Neuron
from ..relu.rank_one import RankOneSolution
from . import certificate_header


def rank_one_certificate(r: RankOneSolution, X: Sequence[Sequence[Fraction]], claim: str, case: str) -> dict:
    """The ``rank-one-l1`` certificate (checked by exact.checker.rank_one_l1): the neurons of ``r`` in R^d, the
    factor X = c a^T and the dual of the 1-D problem on x = ||a|| c.

    >>> from exact.relu.rank_one import solve_rank_one
    >>> F = Fraction
    >>> X = [[F(0), F(0)], [F(3), F(4)], [F(6), F(8)]]
    >>> rank_one_certificate(solve_rank_one(X, [F(0), F(1), F(0)]), X, "demo", "demo")["relation"]
    {'type': 'equals', 'value': '2/5'}
    """
    S = lambda seq: [str(t) for t in seq]  # noqa: E731
    network = Network(tuple(Neuron(tuple(u), b, w) for u, b, w in r.neurons), r.constant)
    # on the data, X_i . u_j + b_j = s_j x_i + b_j with x = ||a|| c and s_j = a^T u_j / ||a||
    reduced = [(sum((ai * ui for ai, ui in zip(r.a, u, strict=True)), Fraction(0)) / r.norm, b, w)
               for u, b, w in r.neurons]
    relation: dict = {"type": "equals", "value": str(r.value)}
    if r.constant == 0 or absorbs_constant(r.sol.x, reduced, r.constant):
        relation["attained"] = True
    doc = certificate_header("rank-one-l1", claim, case,
                             "inf ||c||_1 s.t. sum_j c_j (X w_j + b_j 1)_+ = y, ||w_j||_2 <= 1, b_j free, over "
                             "networks of any width (ep (4)), for X = c a^T, equals value")
    doc.update(convention=Convention().as_json(),
               data={"X": [S(row) for row in X], "y": S(r.sol.y)},
               relation=relation,
               factor={"c": S(r.c), "a": S(r.a), "norm": str(r.norm)},
               primal=network.as_json(),
               dual={"v": S(r.sol.dual)})
    return doc
