"""Kind "lp": an explicit finite LP with its optimal pair, Farkas vector or unbounded ray."""

from __future__ import annotations

from ..checker import lp as kind
from ..lp import LinearProgram, LPResult
from . import certificate_header


def beyond_limits(lp: LinearProgram) -> str:
    """Why the checker would refuse an lp certificate of ``lp`` for its size ('' when it would not): the kind's
    limits on variables and rows (its rows are written dense).

    >>> beyond_limits(LinearProgram.from_dense(c=[1] * 501))
    'the LP has 501 variables, beyond the limit 500 of kind lp'
    """
    rows = len(lp.A_eq) + len(lp.A_ub)
    if lp.num_vars > kind.MAX_VARIABLES:
        return f"the LP has {lp.num_vars} variables, beyond the limit {kind.MAX_VARIABLES} of kind lp"
    if rows > kind.MAX_CONSTRAINTS:
        return f"the LP has {rows} rows, beyond the limit {kind.MAX_CONSTRAINTS} of kind lp"
    return ""


def lp_certificate(lp: LinearProgram, res: LPResult, claim: str, case: str, statement: str) -> dict:
    """The certificate of ``res`` (an exactly verified result of ``lp``): data.problem is ``lp`` itself.

    >>> from fractions import Fraction as F
    >>> from exact.lp import solve_lp
    >>> lp = LinearProgram(c=[F(1), F(1)], A_eq=[{0: F(1), 1: F(2)}], b_eq=[F(3)])
    >>> lp_certificate(lp, solve_lp(lp), "demo", "demo", "min x0 + x1, x0 + 2 x1 = 3")["relation"]
    {'type': 'equals', 'value': '3/2'}
    """
    doc = certificate_header("lp", claim, case, statement)
    doc["data"] = {"problem": lp.as_json()}
    doc.update(res.certificate_body())
    return doc
