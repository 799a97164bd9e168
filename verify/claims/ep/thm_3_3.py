"""ep.thm-3.3 (covers ep.thm-3.1, ep.thm-3.2, ep.cor-3.3): strong duality P* = D* for (4) on 1-D data.

Convention (ep (4), Section 2): f(a) = sum_j w_j (a u_j + b_j)_+, ReLU, hidden biases free and
unpenalised, no output bias, |u_j| <= 1, cost ||w||_1. P* is computed by
:func:`exact.relu.interpolation.interpolate_1d` (a constant costs nothing in the limit of a huge bias:
a free constant column) and certified over the whole semi-infinite dual (kind relu1d-l1-interpolation,
``equals P*``: a primal network whose cost equals the dual value of a v feasible for every (u, b) of (12),
so P* = D*). Where (37), without the constant column, has a larger value (or none), that is certified too
(kind lp) and recorded as a finding.
"""

from __future__ import annotations

from cases import Case
from exact.relu.interpolation import interpolate_1d

from ...audit import show
from ...context import Context
from ...conventions import EP_4
from ...registry import claim
from ...result import ERROR, PROVED, Draft
from .._shared import data_of, interpolant_figure, one_d_cases
from ._shared import certify_37, certify_interpolation, exceeds, outcome_37


@claim("ep.thm-3.3", "ep", "Theorem 3.3 with Corollaries 3.2-3.3 (Section 3.1.1-3.2)",
       "1-D data: strong duality P* = D* for (4) and its dual (12)", "exact",
       one_d_cases, covers=("ep.thm-3.1", "ep.thm-3.2", "ep.cor-3.3"))
def check_strong_duality(case: Case, ctx: Context) -> Draft:
    """PROVED when the relu1d-l1-interpolation certificate is accepted: its relation ``equals P*`` is
    P* = D* (weak duality, Theorem 3.2, with a dual v of (12) feasible for every (u, b), and a primal
    network of the same cost)."""
    sol = interpolate_1d(case.x, case.y)
    res = Draft("ep.thm-3.3", case.name, ERROR, "exact", EP_4, data=data_of(sol))
    res.figure(interpolant_figure(sol, "ep (4): the minimum-norm interpolant"))
    cert = certify_interpolation(sol, res, ctx)
    res.value = cert.value
    res.notes.append(f"P* = D* = {cert.value} (infimum over networks of any width; dual v = {show(sol.dual)})")
    res.notes.append("P* is attained by a finite network (certified: relation `attained`)"
                     if cert.qualifier("attained") else
                     "P* is NOT attained: every optimum needs a constant, which (4) has no output bias to pay "
                     "for; it is reached only in the limit of a neuron with bias -> oo")
    if sol.value_without_constant != sol.value:
        cert37 = certify_37(case, res, ctx)
        if cert.ok and exceeds(cert37, cert.value):
            res.finding("(37) (proof of Proposition 3.1)",
                        "(36) can be rewritten as (37): min ||w||_1 s.t. A_e w = y over the extreme points of "
                        "Corollary 3.2",
                        f"(37) without a constant column {outcome_37(cert37)} while P* = {cert.value}: (37) "
                        "is not a reformulation of (4) on this data", cert37.path, cert.path)
    res.verdict = PROVED if cert.ok else ERROR
    return res
