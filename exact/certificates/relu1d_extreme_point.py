"""Kind "relu1d-extreme-point": sup of v^T (x u + b 1)_+ over |u| <= 1, b, with every maximiser."""

from __future__ import annotations

from ..relu.support import ATTAINED, UNBOUNDED, ExtremePoint1D
from . import certificate_header


def extreme_point_certificate(e: ExtremePoint1D, claim: str, case: str, statement: str = "") -> dict:
    """The ``relu1d-extreme-point`` certificate of ``e`` (checked by exact.checker.relu1d_extreme_point).

    >>> from fractions import Fraction as F
    >>> from exact.relu.support import extreme_point_1d
    >>> e = extreme_point_1d([F(0), F(1), F(2)], [F(-1), F(3), F(-3)])
    >>> extreme_point_certificate(e, "demo", "demo")["relation"]
    {'type': 'equals', 'value': '1', 'attained': True, 'maximisers': [{'u': -1, 'lo': '2', 'hi': '2'}]}
    """
    doc = certificate_header("relu1d-extreme-point", claim, case, statement or
                             "sup over |u| <= 1, b of v^T (x u + b 1)_+: its value, attained at u = +-1, b = -u x_k "
                             "(ep Lemma 2.6), with every maximiser, or +infinity when 1^T v > 0")
    relation: dict = {"type": "unbounded"}
    if e.status != UNBOUNDED:
        relation = {"type": "equals", "value": str(e.value), "attained": True}
    if e.status == ATTAINED:
        relation["maximisers"] = [{"u": s.u, "lo": str(s.lo), "hi": None if s.hi is None else str(s.hi)}
                                  for s in e.face]
    doc.update(data={"x": [str(t) for t in e.x], "v": [str(t) for t in e.v]}, relation=relation)
    return doc
