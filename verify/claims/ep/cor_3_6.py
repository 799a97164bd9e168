"""ep.cor-3.6: strong duality for whitened data, P* = D* = ||y_+|| + ||y_-|| exactly (kind whitened-l1).

Convention as ep.lem-2.3 (no bias).
"""

from __future__ import annotations

from cases import Case

from ...context import Context
from ...conventions import EP_NOBIAS
from ...registry import claim
from ...result import ERROR, PROVED, Draft
from ._shared import _cases, _whitened_solution


@claim("ep.cor-3.6", "ep", "Corollary 3.6 (Section 3.4)", "strong duality for whitened data", "exact",
       lambda: _cases("ep-whitened-"), needs_1d=False)
def check_whitened_duality(case: Case, ctx: Context) -> Draft:
    """P* = D* = ||y_+|| + ||y_-|| exactly, dual feasible over the whole unit ball (whitened-l1 certificate)."""
    res = Draft("ep.cor-3.6", case.name, ERROR, "exact", EP_NOBIAS)
    res.verdict = PROVED if _whitened_solution(case, res, ctx) else ERROR
    return res
