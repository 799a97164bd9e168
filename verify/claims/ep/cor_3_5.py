"""ep.cor-3.5: strong duality for (4) on rank-one data X = c a^T, exactly (kind rank-one-l1).

Convention ep (4) with ||u_j||_2 <= 1; the problem is the 1-D one on x = ||a|| c
(:mod:`exact.relu.rank_one`), for a with a rational norm.
"""

from __future__ import annotations

from cases import Case
from exact.certificates.rank_one_l1 import rank_one_certificate
from exact.relu.rank_one import solve_rank_one

from ...audit import show
from ...context import Context
from ...conventions import EP_4
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, Draft
from ._shared import certify, rank_one_shipped, rational_rank_one


@claim("ep.cor-3.5", "ep", "Corollary 3.5 (Section 3.2.1)",
       "rank-one data X = c a^T: strong duality for (4), exactly", "exact", rank_one_shipped,
       needs=Needs(Data.MATRIX, condition=rational_rank_one))
def check_rank_one_duality(case: Case, ctx: Context) -> Draft:
    """P* = D* for X = c a^T: the rank-one-l1 certificate's ``equals P*`` (primal network in R^d, dual v
    checked over the whole semi-infinite constraint through t = a^T u in [-||a||, ||a||]); PROVED when it is
    accepted and equals the 1-D reduction's V(c, y) / ||a|| (exact.relu.rank_one.rank_one_to_1d, a second
    solve: a disagreement is an internal ERROR)."""
    r = solve_rank_one(case.X, case.y)
    res = Draft("ep.cor-3.5", case.name, ERROR, "exact", EP_4,
                data={"c": show(r.c), "a": show(r.a), "norm": str(r.norm), "dual": show(r.sol.dual)})
    cert = certify(rank_one_certificate(r, case.X, res.claim, case.name), res, ctx)
    res.value = cert.value
    via_c = r.value_via_c
    res.notes.append(f"X = c a^T with c = {show(r.c)}, a = {show(r.a)}, ||a|| = {r.norm}; P* = D* = {cert.value} "
                     f"(certified) = V(c, y) / ||a|| = {via_c} (1-D reduction)")
    res.notes.append("P* is attained (certified)" if cert.qualifier("attained") else
                     f"P* is NOT attained: the optimum needs the constant {r.constant} (a u = 0 neuron, bias -> oo)")
    res.verdict = PROVED if cert.ok and via_c == cert.value else ERROR
    return res
