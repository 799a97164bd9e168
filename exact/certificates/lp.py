"""Kind "lp": an explicit finite LP with its optimal pair, Farkas vector or unbounded ray."""

from __future__ import annotations

from ..lp import LinearProgram, LPResult
from . import certificate_header


def lp_certificate(lp: LinearProgram, res: LPResult, claim: str, case: str, statement: str) -> dict:
    doc = certificate_header("lp", claim, case, statement)
    doc["problem"] = lp.dense()
    doc.update(res.certificate_body())
    return doc
