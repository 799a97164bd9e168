"""Auditing a paper's printed numbers against exact recomputations.

>>> from fractions import Fraction as F
>>> audit("value", F(8), F(8)).status == "MATCH"
True
>>> audit("v", (F(1), F(2)), (F(1), F(3))).exact
'[1, 3]'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .result import MATCH, MISMATCH, Printed


def show(value: Any) -> str:
    """Exact text of a rational, vector or matrix ("p/q" entries)."""
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return str(value)


def audit(what: str, printed: Any, exact: Any) -> Printed:
    """MATCH when the printed object equals the exact one entry by entry."""
    return Printed(what, show(printed), show(exact), MATCH if _same(printed, exact) else MISMATCH)


def audit_check(what: str, printed: Any, ok: bool, finding: str) -> Printed:
    """For printed objects that are not unique (a dual, an optimal w): MATCH iff ``ok``.

    ``finding`` states exactly what was verified (or what failed).
    """
    return Printed(what, show(printed), finding, MATCH if ok else MISMATCH)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)) and len(a) == len(b)
                and all(_same(p, q) for p, q in zip(a, b)))
    return Fraction(a) == Fraction(b)
