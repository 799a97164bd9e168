"""Kind "arrangement": every face of the central arrangement of the rows of X with an integer point."""

from __future__ import annotations

from ..relu.arrangements import Arrangement
from . import certificate_header


def arrangement_relation(A: Arrangement) -> dict:
    """What the certificate proves: rank X and the numbers of faces, regions, D_i and S_X."""
    return {"type": "arrangement", "rank": A.rank, "faces": len(A.faces), "regions": len(A.regions),
            "patterns": len(A.patterns), "open_patterns": len(A.open_patterns)}


def arrangement_certificate(A: Arrangement, claim: str, case: str) -> dict:
    """Kind ``arrangement`` (:mod:`exact.checker.arrangement`) of ``A`` =
    :func:`exact.relu.arrangements.central_arrangement` (X).

    >>> from fractions import Fraction as F
    >>> from exact.relu.arrangements import central_arrangement
    >>> doc = arrangement_certificate(central_arrangement([[F(1)], [F(-2)]]), "demo", "demo")
    >>> doc["relation"], doc["faces"][0]
    ({'type': 'arrangement', 'rank': 1, 'faces': 3, 'regions': 2, 'patterns': 3, 'open_patterns': 3}, \
{'sign': [-1, 1], 'point': [-1]})
    """
    doc = certificate_header("arrangement", claim, case, "the faces of the central arrangement of the rows of X "
                             "(sign(X u), sign(0) = 0), its regions, D_i = 1[X u >= 0] and S_X = 1[X u > 0]")
    doc.update(data={"X": [[str(a) for a in x] for x in A.X]}, relation=arrangement_relation(A),
               faces=[{"sign": list(f.sign), "point": list(f.point)} for f in A.faces])
    return doc
