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
from exact.relu.pattern_program import solve_1d

from ...context import Context
from ...conventions import KH_3
from ...registry import claim
from ...result import ERROR, PROVED, REFUTED, Draft
from ._shared import _certify_lp, _farkas_note, _x, alpha_of, classification_cases, convention
from .programs import build


@claim("kh.thm-3", "kh", "Theorem 3, programs (10)-(11) (Section IV)",
       "binary classification (10) equals the finite program (11)", "exact", classification_cases,
       expect=REFUTED)
def check_thm3(case: Case, ctx: Context) -> Draft:
    """Exact 1-D LPs: (11) printed and corrected vs (10) (kind relu1d-margin: any width, free constant)."""
    alpha, x = alpha_of(case), _x(case)
    res = Draft("kh.thm-3", case.name, ERROR, "exact", convention(KH_3, alpha))
    atoms, _, r10 = hard_margin_1d(x, case.y, alpha)
    path, ok, problems = ctx.certify(margin_certificate(x, case.y, alpha, atoms, r10, res.claim, case.name),
                                     res.claim, case.name, "__eq10", about={"x": x, "y": case.y, "alpha": alpha})
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {q}" for q in problems]
    res.notes.append(f"(10) infinite-width value {r10.value} (certified: the multipliers u >= 0 are dual feasible "
                     "on all |w| <= 1, b)")
    N = len(atoms)
    c = [r10.x[2 * j] - r10.x[2 * j + 1] for j in range(N)]
    used = sum(1 for t in c if t)
    res.notes.append(f"an optimal (10) network uses {used} neuron(s) plus the constant {r10.x[2 * N]}")
    printed, corrected = (solve_1d(build(x, case.y, 11, r, alpha)) for r in ("printed", "corrected"))
    ok &= _certify_lp(printed, res, ctx, case.name, "__printed", "status/value as solved")
    ok &= _certify_lp(corrected, res, ctx, case.name, "__corrected", "optimal value")
    res.value = str(corrected.value)
    res.notes.append(f"(11) corrected = {corrected.value}" + (" = (10)" if corrected.value == r10.value else
                                                              f" != (10) = {r10.value}"))
    same = printed.status == "optimal" and printed.value == r10.value
    res.notes.append(f"(11) as printed: {printed.status}" + (f", value {printed.value}" if printed.value is not None
                                                             else f" ({_farkas_note(printed)})")
                     + ("" if same else " -- FINDING: differs from (10)"))
    res.verdict = (PROVED if same else REFUTED) if ok and corrected.value == r10.value else ERROR
    return res
