"""Kind "relu1d-extreme-point": sup of v^T (x u + b 1)_+ over |u| <= 1, b, with every maximiser."""

from __future__ import annotations

from ..relu.support import ATTAINED, UNBOUNDED, ExtremePoint1D
from . import certificate_header


def extreme_point_certificate(e: ExtremePoint1D, claim: str, case: str, statement: str = "") -> dict:
    """The ``relu1d-extreme-point`` certificate of ``e`` (checked by exact.checker.relu1d_extreme_point)."""
    doc = certificate_header("relu1d-extreme-point", claim, case, statement or
                             "sup over |u| <= 1, b of v^T (x u + b 1)_+: value and a maximiser u = +-1, b = -u x_k "
                             "(ep Lemma 2.6), every maximiser (face), or +infinity when 1^T v > 0")
    doc.update(data={"x": [str(t) for t in e.x]}, direction=[str(t) for t in e.v], status=e.status)
    if e.status != UNBOUNDED:
        doc["value"] = str(e.value)
        doc["argmax"] = {"u": e.u, "b": str(e.b)}
    if e.status == ATTAINED:
        doc["face"] = [{"u": s.u, "lo": str(s.lo), "hi": None if s.hi is None else str(s.hi)} for s in e.face]
    return doc
