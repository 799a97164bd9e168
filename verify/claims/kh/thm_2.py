"""kh.thm-2: (2) with W = {||[w, b]||_2 <= 1} equals the finite program (9).

Convention kh (2)+(8): the bias inside the norm, no output bias. 1-D: (9) as printed (closure of its
strict '< 0') exactly, (2)+(8) exactly when decided (:mod:`exact.relu.joint_norm`), the corrected (9)
float judged against its exact bracket; d >= 2 as kh.thm-1.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case
from exact.relu.pattern_program import solve_1d

from ...context import Context
from ...conventions import KH_8
from ...numeric import SOLVER_TOL, locate
from ...numeric.joint1d import solve_joint
from ...registry import claim
from ...result import CONFIRMED, ERROR, REFUTED, Draft, confirmed
from .._shared import certify_joint
from ._shared import _certify_lp, _farkas_note, _x, alpha_of, check_2d, convention, thm_cases
from .programs import build


@claim("kh.thm-2", "kh", "Theorem 2, program (9) (Section III-B)",
       "(2) with W = {||[w,b]||_2 <= 1} equals the finite program (9)", "float SOCP, exact brackets",
       lambda: thm_cases(), expect=REFUTED, needs_1d=False)
def check_thm2(case: Case, ctx: Context) -> Draft:
    """(9) as printed (closure of its strict '< 0') exactly; (2)+(8) exactly in 1-D when decided
    (:func:`verify.numeric.joint1d.solve_joint`), with the corrected (9) float judged against its exact bracket.

    d >= 2: :func:`check_2d` with the joint norm.
    """
    alpha = alpha_of(case)
    if case.dim > 1:
        return check_2d(case, ctx, Draft("kh.thm-2", case.name, ERROR, "float SOCP + exact brackets",
                                               convention(KH_8, alpha)), 9)
    x = _x(case)
    res = Draft("kh.thm-2", case.name, ERROR, "exact (2)+(8), float (9) bracketed", convention(KH_8, alpha))
    # feasibility of the printed (9) does not depend on the norm: the LP of (7)'s constraints decides it
    printed = solve_1d(build(x, case.y, 7, "printed", alpha))
    ok = _certify_lp(printed, res, ctx, case.name, "__printed_feasibility",
                     "the constraint set of (9) as printed with '< 0' relaxed to '<= 0' (same as (7)'s)")
    joint = solve_joint(x, case.y, alpha)
    ok2, bracket = certify_joint(joint, ctx, res), joint.bracket
    res.value = str(joint.exact.value) if joint.exact.status == "optimal" else bracket.text(12)
    verdict = confirmed(locate(bracket, Fraction(joint.value), SOLVER_TOL))
    res.notes.append(f"corrected (9) float value {joint.value:.10g} against the exact (2)+(8) bracket: {verdict}")
    if printed.status == "optimal":
        res.notes.append("(9) as printed (closure) is feasible on this data")
        res.verdict = verdict if ok and ok2 else ERROR
    else:
        res.notes.append(f"FINDING: (9) as printed is infeasible (even with '< 0' relaxed to '<= 0'; "
                         f"{_farkas_note(printed)}) while (2)+(8) is finite: the eps = -1 constraint must read "
                         "s_i ⊙ (X^T w_i^- + b_i^- 1) >= 0; the corrected (9) " +
                         ("agrees with (2)+(8)" if verdict == CONFIRMED else "DISAGREES with (2)+(8)"))
        res.verdict = REFUTED if ok and ok2 else ERROR
    return res
