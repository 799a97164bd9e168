"""kh.thm-1: (2) with W = {||w||_2 <= 1} equals the finite program (7) over the sign patterns J.

Convention (kh (1)-(3)): f(x) = int sigma_alpha(w^T x + b) dmu(w, b), leaky slope alpha != 1, b free,
no output bias, cost ||mu||_TV; with b free a constant costs nothing in the limit (the free constant
column of :func:`exact.relu.interpolation.interpolate_1d`). 1-D: (7) printed and corrected as exact LPs
(:mod:`verify.claims.kh.programs`) against the certified infinite-width value; d >= 2: printed
feasibility exactly, corrected (7) bracketed by two routes.
"""

from __future__ import annotations

from cases import Case
from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.relu.interpolation import interpolate_1d
from exact.relu.pattern_program import solve_1d

from ...context import Context
from ...conventions import KH_3
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, REFUTED, Draft
from .._shared import interpolant_figure
from ._shared import ALPHA, THEOREMS, alpha_of, certify_lp, check_2d, farkas_note, lp_outcome, points, thm_cases
from .programs import build

PLACE, STATEMENT = THEOREMS[7]


@claim("kh.thm-1", "kh", PLACE, STATEMENT, "exact (1-D), float SOCP bracketed (d >= 2)", lambda: thm_cases(),
       expect=REFUTED, needs=Needs(Data.ANY, parameters=(ALPHA,)))
def check_thm1(case: Case, ctx: Context) -> Draft:
    """Exact in 1-D: (7) printed and corrected as LPs vs the infinite-width value P* of (2)+(3).

    P* is the checked value of kind relu1d-l1-interpolation (networks of any width), (7)'s the checked
    relation of kind pattern-program-1d (equals, or infeasible by a Farkas vector). The corrected (7) must equal
    P* (else the correction of :mod:`verify.claims.kh.programs` is wrong: ERROR); PROVED when (7) as printed equals P*,
    REFUTED when it is certified infeasible or of another value. d >= 2: :func:`check_2d`.
    """
    alpha = alpha_of(case)
    if case.dim > 1:
        return check_2d(case, ctx, "kh.thm-1", KH_3, 7)
    x = points(case)
    res = Draft("kh.thm-1", case.name, ERROR, "exact", KH_3.with_alpha(alpha))
    sol = interpolate_1d(x, case.y, KH_3.with_alpha(alpha).problem)
    res.figure(interpolant_figure(sol, f"kh (2)+(3), alpha = {alpha}: the minimum-norm interpolant"))
    star = res.add(ctx.certify(interpolation_certificate(sol, res.claim, case.name), res.claim, case.name,
                               "__infinite_width"), "P*")
    printed, corrected = (solve_1d(build(x, case.y, 7, r, alpha)) for r in ("printed", "corrected"))
    seven = certify_lp(printed, res, ctx, "__printed", "status/value as solved")
    fixed = certify_lp(corrected, res, ctx, "__corrected", "optimal value")
    res.data = {"x": [str(t) for t in x], "y": [str(t) for t in case.y], "value": str(star.value)}
    if star.value is None or seven.kind_relation is None or fixed.value is None:
        return res
    res.value = fixed.value
    res.notes.append(f"infinite-width value of (2)+(3): P* = {star.value} "
                     f"(attained: {star.qualifier('attained') is True})")
    res.notes.append(f"|J| = {len(printed.program.patterns)} patterns")
    res.notes.append(f"(7) corrected (S = s for both parts) = {fixed.value}: "
                     + ("equals P*" if fixed.value == star.value else "DIFFERS from P*"))
    if fixed.value != star.value:  # the corrected program represents (2)+(3) exactly: a defect here, not a finding
        res.notes.append("ERROR: the corrected (7) must equal P* (verify.claims.kh.programs)")
        return res
    if seven.value == star.value:
        res.notes.append(f"(7) as printed = {seven.value} = P*")
        res.verdict = PROVED
        return res
    shows = (f"(7) as printed is {lp_outcome(seven)} while P* = {star.value}" if seven.value is not None else
             f"(7) as printed is {lp_outcome(seven)} while P* = {star.value} is finite ({farkas_note(printed)}): its "
             "constraint s_i ⊙ (X^T w_i^- + b_i^- 1) <= 0 turns every 'negative' term into a positive neuron "
             "(mu >= 0 only); correct is >= 0 for both parts")
    res.finding(PLACE, STATEMENT, shows, seven.path, star.path)
    res.verdict = REFUTED
    return res
