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
from ...result import ERROR, PROVED, REFUTED, Draft
from ._shared import _certify_lp, _farkas_note, _x, alpha_of, check_2d, convention, thm_cases
from .programs import build


@claim("kh.thm-1", "kh", "Theorem 1, program (7) (Section III-A)",
       "(2) with W = {||w||_2 <= 1} equals the finite program (7) over the sign patterns J",
       "exact (1-D), float SOCP bracketed (d >= 2)", lambda: thm_cases(), expect=REFUTED, needs_1d=False)
def check_thm1(case: Case, ctx: Context) -> Draft:
    """Exact in 1-D: (7) printed and corrected as LPs vs the infinite-width value P* of (2)+(3).

    d >= 2: :func:`check_2d` (printed feasibility exactly; corrected (7) float, bracketed).
    """
    alpha = alpha_of(case)
    if case.dim > 1:
        return check_2d(case, ctx, Draft("kh.thm-1", case.name, ERROR, "float SOCP + exact brackets",
                                               convention(KH_3, alpha)), 7)
    x = _x(case)
    res = Draft("kh.thm-1", case.name, ERROR, "exact", convention(KH_3, alpha))
    star = interpolate_1d(x, case.y, alpha=alpha)
    path, ok, problems = ctx.certify(interpolation_certificate(star, res.claim, case.name), res.claim, case.name,
                                     "__infinite_width")
    res.certificates.append(path)
    res.notes.append(f"infinite-width value of (2)+(3): P* = {star.value} (attained: {star.attained})")
    printed, corrected = (solve_1d(build(x, case.y, 7, r, alpha)) for r in ("printed", "corrected"))
    ok &= _certify_lp(printed, res, ctx, case.name, "__printed", "status/value as solved")
    ok &= _certify_lp(corrected, res, ctx, case.name, "__corrected", "optimal value")
    res.value = str(corrected.value)
    res.notes.append(f"|J| = {len(printed.program.patterns)} patterns")
    res.notes.append(f"(7) corrected (S = s for both parts) = {corrected.value}: "
                     + ("equals P*" if corrected.value == star.value else "DIFFERS from P*"))
    if printed.status == "optimal":
        res.notes.append(f"(7) as printed = {printed.value}" + (" = P*" if printed.value == star.value else
                                                                 f" != P* = {star.value} (FINDING)"))
    else:
        res.notes.append(f"FINDING: (7) as printed is {printed.status} while P* = {star.value} is finite "
                         f"({_farkas_note(printed)}): its constraint s_i ⊙ (X^T w_i^- + b_i^- 1) <= 0 turns every "
                         "'negative' term into a positive neuron (mu >= 0 only); correct is >= 0 for both parts")
    same = printed.status == "optimal" and printed.value == star.value
    res.verdict = (PROVED if same else REFUTED) if ok and corrected.value == star.value else ERROR
    res.data = {"x": [str(t) for t in x], "y": [str(t) for t in case.y], "value": str(star.value)}
    return res
