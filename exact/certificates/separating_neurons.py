"""Kind "separating-neurons": every sample a vertex of the hull and a diagonal-activation network, or a witness."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..convention import Convention, HiddenBias
from ..relu.hull import HullInterpolation, Matrix, Projection
from ..relu.networks import Neuron
from . import certificate_header

PROPERTY = "samples-are-vertices"


def hull_certificate(A: Matrix, y: Sequence[Fraction], sol: HullInterpolation,
                     projections: Sequence[Projection] = (), claim: str = "", case: str = "") -> dict:
    """A ``separating-neurons`` certificate (checked by :mod:`exact.checker.separating_neurons`) about the
    samples ``A`` (rows) and labels ``y``: the network of ``sol`` (with Lemma 2.7's ``projections``), or
    the convex-combination witnesses of its non-vertices.

    >>> from exact.relu.hull import diagonal_network
    >>> F = Fraction
    >>> A = [[F(0)], [F(1)], [F(3)]]
    >>> doc = hull_certificate(A, [F(1)] * 3, diagonal_network(A, [F(1)] * 3))
    >>> doc["relation"]
    {'type': 'fails', 'property': 'samples-are-vertices', 'non_vertices': [1]}
    >>> doc["witnesses"]
    [{'row': 1, 'lambda': ['2/3', '0', '1/3']}]
    """
    s = lambda v: [str(t) for t in v]  # noqa: E731
    doc = certificate_header("separating-neurons", claim, case,
                             "ep Theorem 3.5: every sample is a vertex of conv(rows of X) and n unit-ball neurons "
                             "with a diagonal activation matrix fit y (||w||_1 an upper bound on P* of (4)); "
                             "or a sample is a convex combination of the others (no diagonal activation exists)")
    doc.update(convention=Convention(Fraction(0), HiddenBias.FREE, False).as_json(),
               data={"X": [s(a) for a in A], "y": s(y)})
    if sol.network is None:
        non_vertices = [t for t in sol.tests if not t.is_vertex]
        doc["relation"] = {"type": "fails", "property": PROPERTY, "non_vertices": [t.row for t in non_vertices]}
        doc["witnesses"] = [{"row": t.row, "lambda": s(t.witness)} for t in non_vertices]
        return doc
    net = sol.network
    doc["relation"] = {"type": "holds", "property": PROPERTY, "upper": str(net.cost)}
    # one neuron per sample, zero output weights included: neuron j is the one active at sample j
    doc["neurons"] = [Neuron(tuple(u), b, w).as_json() for u, b, w in zip(net.U, net.b, net.w, strict=True)]
    if projections:
        doc["relation"]["dist2"] = [str(p.dist2) for p in projections]
        doc["lemma_2_7"] = [{"lambda": s(p.weights), "dist2": str(p.dist2)} for p in projections]
    return doc
