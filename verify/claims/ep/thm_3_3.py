"""ep.thm-3.3 (covers ep.thm-3.1, ep.thm-3.2, ep.cor-3.3): strong duality P* = D* for (4) on 1-D data.

Convention (ep (4), Section 2): f(a) = sum_j w_j (a u_j + b_j)_+, ReLU, hidden biases free and
unpenalised, no output bias, |u_j| <= 1, cost ||w||_1. P* is computed by
:func:`exact.relu.interpolation.interpolate_1d` (a constant costs nothing in the limit of a huge bias:
a free constant column) and certified over the whole semi-infinite dual (kind relu1d-l1-interpolation);
where (37), without the constant column, has a larger value, that is certified too (kind lp).
"""

from __future__ import annotations

from cases import Case
from exact.certificates.lp import lp_certificate
from exact.lp import solve_lp
from exact.relu.interpolation import interpolate_1d

from ...audit import show
from ...context import Context
from ...conventions import EP_4
from ...registry import claim
from ...result import ERROR, PROVED, Draft
from .._shared import data_of, one_d_cases
from ._shared import certify_interpolation
from .programs import original_lp_37


@claim("ep.thm-3.3", "ep", "Theorem 3.3 with Corollaries 3.2-3.3 (Section 3.1.1-3.2)",
       "1-D data: strong duality P* = D* for (4) and its dual (12)", "exact",
       one_d_cases, covers=("ep.thm-3.1", "ep.thm-3.2", "ep.cor-3.3"))
def check_strong_duality(case: Case, ctx: Context) -> Draft:
    sol = interpolate_1d(case.x, case.y)
    res = Draft("ep.thm-3.3", case.name, ERROR, "exact", EP_4, value=str(sol.value),
                      data=data_of(sol))
    path, ok, problems = certify_interpolation(sol, res.claim, case.name, ctx)
    res.certificates.append(path)
    res.notes.append(f"P* = D* = {sol.value} (infimum over networks of any width; dual v = {show(sol.dual)})")
    res.notes.append("P* is attained by a finite network" if sol.attained else
                     "P* is NOT attained: every optimum needs a constant, which (4) has no output bias "
                     "to pay for; it is reached only in the limit of a neuron with bias -> oo")
    if sol.value_without_constant is None:
        res.notes.append("ep (37) (no constant column) is infeasible on this data")
    elif sol.value_without_constant != sol.value:
        res.notes.append(f"FINDING: ep (37) without a constant column has value {sol.value_without_constant} "
                         f"> P* = {sol.value}: (37) is not a reformulation of (4) on this data")
        lp37 = original_lp_37(case.x, case.y)
        cert37 = lp_certificate(lp37, solve_lp(lp37), res.claim, case.name,
                                "ep (37): min ||w||_1 s.t. A_e w = y over the extreme-point dictionary")
        p37, ok37, prob37 = ctx.certify(cert37, res.claim, case.name, "__eq37", about={"problem": lp37})
        res.certificates.append(p37)
        ok, problems = ok and ok37, problems + prob37
    res.verdict = PROVED if ok else ERROR
    res.notes += [f"certificate rejected: {p}" for p in problems]
    return res
