"""Kind "separating-neurons": every sample a vertex of the hull and a diagonal-activation network, or a witness."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..relu.hull import HullInterpolation, Matrix, Projection
from . import certificate_header


def hull_certificate(A: Matrix, y: Sequence[Fraction], sol: HullInterpolation,
                     projections: Sequence[Projection] = (), claim: str = "", case: str = "") -> dict:
    """A ``separating-neurons`` certificate (checked by :mod:`exact.checker.separating_neurons`).

    >>> from exact.relu.hull import diagonal_network
    >>> F = Fraction
    >>> A = [[F(0)], [F(1)], [F(3)]]
    >>> doc = hull_certificate(A, [F(1)] * 3, diagonal_network(A, [F(1)] * 3))
    >>> doc["all_vertices"], doc["witnesses"]
    (False, [{'row': 1, 'lambda': ['2/3', '0', '1/3']}])
    """
    s = lambda v: [str(t) for t in v]  # noqa: E731
    doc = certificate_header("separating-neurons", claim, case,
                             "ep Theorem 3.5: every sample is a vertex of conv(rows of A) and n unit-ball neurons "
                             "with a diagonal activation matrix fit y (value = ||w||_1, an upper bound on P* of (4)); "
                             "or a sample is a convex combination of the others (no diagonal activation exists)")
    doc.update(data={"A": [s(a) for a in A], "y": s(y)}, all_vertices=sol.all_vertices)
    if sol.network is None:
        doc["witnesses"] = [{"row": t.row, "lambda": s(t.witness)} for t in sol.tests if not t.is_vertex]
        doc["value"] = None
        return doc
    net = sol.network
    doc["network"] = {"U": [s(u) for u in net.U], "b": s(net.b), "w": s(net.w)}
    doc["value"] = str(net.cost)
    if projections:
        doc["lemma_2_7"] = [{"lambda": s(p.weights), "dist2": str(p.dist2)} for p in projections]
    return doc
