"""kh.thm-3: binary classification (10) equals the finite program (11).

Convention kh (10): min ||mu||_TV s.t. y_i f(x_i) >= 1, b free, no output bias. 1-D: (11) printed and
corrected as exact LPs against (10), solved over the data-knot dictionary plus a free constant
(:func:`exact.relu.hinge.hard_margin_1d`) and certified over networks of any width (kind relu1d-margin:
its dual is checked over every (w, b)).
"""

from __future__ import annotations

from cases import Case
from exact.certificates.relu1d_margin import margin_certificate
from exact.relu.hinge import hard_margin_1d
from exact.relu.networks import Network
from exact.relu.pattern_program import solve_1d

from ...context import Context
from ...conventions import KH_3
from ...registry import claim
from ...report.figures import function_1d, functions_figure
from ...requirements import Data, Labels, Needs
from ...result import ERROR, PROVED, REFUTED, Draft
from ._shared import ALPHA, alpha_of, certify_lp, classification_cases, farkas_note, lp_outcome, points
from .programs import build

PLACE = "Theorem 3, programs (10)-(11) (Section IV)"
STATEMENT = "binary classification (10) equals the finite program (11)"


@claim("kh.thm-3", "kh", PLACE, STATEMENT, "exact", classification_cases, expect=REFUTED,
       needs=Needs(Data.ONE_D, Labels.BINARY, (ALPHA,)))
def check_thm3(case: Case, ctx: Context) -> Draft:
    """Exact 1-D LPs: (11) printed and corrected vs (10) (kind relu1d-margin: any width, free constant).

    The value of (10) is the checked relation of its relu1d-margin certificate, (11)'s the checked relation of
    kind pattern-program-1d (equals, or infeasible). The corrected (11) must equal (10) (else the correction is
    wrong: ERROR); PROVED when (11) as printed equals (10), REFUTED when its certificate shows another status or value.
    """
    alpha, x = alpha_of(case), points(case)
    res = Draft("kh.thm-3", case.name, ERROR, "exact", KH_3.with_alpha(alpha))
    atoms, _, r10 = hard_margin_1d(x, case.y, alpha)
    ten = res.add(ctx.certify(margin_certificate(x, case.y, alpha, atoms, r10, res.claim, case.name), res.claim,
                              case.name, "__eq10", about={"x": x, "y": case.y, "alpha": alpha}), "(10)")
    printed, corrected = (solve_1d(build(x, case.y, 11, r, alpha)) for r in ("printed", "corrected"))
    eleven = certify_lp(printed, res, ctx, "__printed", "status/value as solved")
    fixed = certify_lp(corrected, res, ctx, "__corrected", "optimal value")
    if ten.value is None or eleven.kind_relation is None or fixed.value is None:
        return res
    res.value = fixed.value
    # the LP's columns are (c+_j, c-_j) per atom, then the free constant (a limit of neurons: kh (10) has no
    # output bias); the sign of this certified optimum is the classifier
    n = len(atoms)
    net = Network.from_atoms(atoms, [r10.x[2 * j] - r10.x[2 * j + 1] for j in range(n)], r10.x[2 * n], alpha)
    res.figure(functions_figure(x, case.y, [function_1d("(10) optimum (its sign classifies)", net)],
                                f"kh (10), alpha = {alpha}: hard-margin classification, margin y f(x) >= 1"))
    res.notes.append(f"(10) infinite-width value {ten.value} (certified: the multipliers u >= 0 are dual feasible "
                     "on all |w| <= 1, b)")
    used = sum(1 for j in range(len(atoms)) if r10.x[2 * j] != r10.x[2 * j + 1])
    res.notes.append(f"an optimal (10) network uses {used} neuron(s) plus the constant {r10.x[2 * len(atoms)]}")
    res.notes.append(f"(11) corrected = {fixed.value}" + (" = (10)" if fixed.value == ten.value else
                                                          f" != (10) = {ten.value}"))
    if fixed.value != ten.value:  # the corrected (11) represents (10) exactly: a defect here, not a finding
        res.notes.append("ERROR: the corrected (11) must equal (10) (verify.claims.kh.programs)")
        return res
    res.notes.append(f"(11) as printed: {lp_outcome(eleven)}" + ("" if eleven.value is not None else
                                                                 f" ({farkas_note(printed)})"))
    if eleven.value == ten.value:
        res.verdict = PROVED
        return res
    res.finding(PLACE, STATEMENT + " (its constraints on y ⊙ p, not p)",
                f"(11) as printed is {lp_outcome(eleven)} while (10) = {ten.value} (networks of any width): the "
                "terms of (11) as printed are not the atoms y ⊙ sigma(p) of (10)", eleven.path, ten.path)
    res.verdict = REFUTED
    return res
