"""ep.cor-3.6: strong duality for whitened data, P* = D* = ||y_+|| + ||y_-|| exactly (kind whitened-l1).

Convention as ep.lem-2.3 (no bias).
"""

from __future__ import annotations

from cases import Case

from ...context import Context
from ...conventions import EP_NOBIAS
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, Draft
from ._shared import named_cases, whitened_solution


@claim("ep.cor-3.6", "ep", "Corollary 3.6 (Section 3.4)", "strong duality for whitened data", "exact",
       lambda: named_cases("ep-whitened-"), needs=Needs(Data.MATRIX))
def check_whitened_duality(case: Case, ctx: Context) -> Draft:
    """P* = D* = ||y_+|| + ||y_-|| exactly: the whitened-l1 certificate's ``equals`` (primal cost = dual value,
    dual feasible over the whole unit ball)."""
    res = Draft("ep.cor-3.6", case.name, ERROR, "exact", EP_NOBIAS)
    res.verdict = PROVED if whitened_solution(case, res, ctx).ok else ERROR
    return res
