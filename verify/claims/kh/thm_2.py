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
from ...report.figures import functions_figure
from ...requirements import Data, Needs
from ...result import CONFIRMED, ERROR, REFUTED, UNDECIDED, Draft, confirmed
from .._shared import certify_joint
from ._shared import ALPHA, THEOREMS, alpha_of, certify_lp, check_2d, farkas_note, joint_function, points, thm_cases
from .programs import build

PLACE, STATEMENT = THEOREMS[9]


@claim("kh.thm-2", "kh", PLACE, STATEMENT, "float SOCP, exact brackets", lambda: thm_cases(), expect=REFUTED,
       needs=Needs(Data.ANY, parameters=(ALPHA,)))
def check_thm2(case: Case, ctx: Context) -> Draft:
    """(9) as printed (closure of its strict '< 0') exactly; (2)+(8) exactly in 1-D when decided
    (:func:`verify.numeric.joint1d.solve_joint`), with the corrected (9) float judged against its exact bracket.

    The feasible set of (9) does not depend on its norm: the kind pattern-program-1d certificate of (7)'s constraints as
    printed decides it. REFUTED when it is certified infeasible ((2)+(8) is finite: the certified joint
    bracket, kind relu1d-joint-bracket, has a finite upper end); UNDECIDED when it is feasible (the value of
    the printed (9) is not computed). The value is the certified (2)+(8) optimum (kind relu1d-joint-exact),
    else the certified bracket. d >= 2: :func:`check_2d` with the joint norm.
    """
    alpha = alpha_of(case)
    if case.dim > 1:
        return check_2d(case, ctx, "kh.thm-2", KH_8, 9)
    x = points(case)
    res = Draft("kh.thm-2", case.name, ERROR, "exact (2)+(8), float (9) bracketed", KH_8.with_alpha(alpha))
    printed = solve_1d(build(x, case.y, 7, "printed", alpha))
    feasible = certify_lp(printed, res, ctx, "__printed_feasibility",
                          "the constraint set of (9) as printed with '< 0' relaxed to '<= 0' (same as (7)'s)")
    joint = solve_joint(x, case.y, alpha)
    nine = certify_joint(joint, ctx, res)
    if not nine.ok or feasible.kind_relation is None:
        return res
    res.value = nine.exact if nine.exact is not None else nine.bracket
    res.figure(functions_figure(x, case.y, [joint_function(joint, nine, "(2)+(8)")],
                                f"kh (2)+(8), alpha = {alpha}: the minimum joint-norm interpolant"))
    verdict = confirmed(locate(nine.bracket, Fraction(joint.value), SOLVER_TOL))
    res.notes.append(f"corrected (9) float value {joint.value:.10g} against the exact (2)+(8) bracket: {verdict}")
    if feasible.kind_relation != "infeasible":
        res.notes.append("(9) as printed (closure) is feasible on this data; its value is not computed here")
        res.verdict = UNDECIDED
        return res
    res.finding(PLACE, STATEMENT,
                f"(9) as printed is infeasible (even with '< 0' relaxed to '<= 0'; {farkas_note(printed)}) while "
                f"(2)+(8) is finite (certified bracket {nine.bracket.text(12)}): the eps = -1 constraint must read "
                "s_i ⊙ (X^T w_i^- + b_i^- 1) >= 0; the corrected (9) "
                + ("agrees with (2)+(8)" if verdict == CONFIRMED else "DISAGREES with (2)+(8)"),
                feasible.path, *nine.certificates)
    res.verdict = REFUTED
    return res
