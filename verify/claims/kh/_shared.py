"""Helpers shared by the Kumar & Haupt claims: cases, alpha variants, LP certificates, the d >= 2 route.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from cases import Case, shipped_case
from exact.certificates.lp import lp_certificate
from exact.lp import solve_lp
from exact.relu.arrangements import PatternTree, pattern_tree
from exact.relu.pattern_program import PatternSolution, feasibility_lp

from ...context import Context
from ...conventions import PaperConvention
from ...numeric.bracket import Position
from ...numeric.pattern_brackets import TwoRoutes, lower_bound_certificate, socp, two_routes
from ...result import CONFIRMED, CONTRADICTED, ERROR, REFUTED, Draft, confirmed
from .programs import build, equation_of

ALPHAS = (Fraction(0), Fraction(1, 10), Fraction(-1, 2))


EXAMPLE = "kh-example-1"


def convention(base: PaperConvention, alpha: Fraction) -> PaperConvention:
    return base.with_alpha(alpha)


def alpha_of(case: Case) -> Fraction:
    return case.params.get("alpha", Fraction(0))


def with_alpha(case: Case, alpha: Fraction) -> Case:
    """The case with leaky slope ``alpha`` (named after it)."""
    return replace(case, name=f"{case.name}-alpha={alpha}", params={**case.params, "alpha": alpha})


def example_cases() -> list[Case]:
    """The Figure 1 data with alpha = 0 (shipped) and the alpha = 1/10, -1/2 variants."""
    base = shipped_case(EXAMPLE)
    return [base] + [with_alpha(base, a) for a in ALPHAS[1:]]


def classification_cases() -> list[Case]:
    return example_cases()[:1] + [shipped_case("kh-classify-separable"), shipped_case("kh-classify-two-neurons")]


def _x(case: Case) -> list[Fraction]:
    return list(case.x) if case.x is not None else [r[0] for r in case.X]


def _farkas_note(sol: PatternSolution) -> str:
    y = sol.result.farkas_eq or ()
    return f"Farkas vector (eq rows) {[str(t) for t in y]}" if y else "Farkas vector on the inequality rows"


def _certify_lp(sol: PatternSolution, res: Draft, ctx: Context, case: str, suffix: str, what: str) -> bool:
    p = sol.program
    statement = (f"{p.name}, alpha = {p.alpha}, over the {len(p.patterns)} patterns of J "
                 f"(1-D LP; per term columns w+, w-, b): {what}")
    path, ok, problems = ctx.certify(lp_certificate(sol.lp, sol.result, res.claim, case, statement),
                                     res.claim, case, suffix, about={"problem": sol.lp})
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {q}" for q in problems]
    return ok


TWO_D = ("kh-2d-four", "kh-2d-six", "kh-2d-degenerate")


def thm_cases() -> list[Case]:
    """The Figure 1 data (three alphas), the 2-D instances (ReLU) and one of them with alpha = 1/10."""
    two_d = [shipped_case(n) for n in TWO_D]
    return example_cases() + two_d + [with_alpha(two_d[1], ALPHAS[1])]


def infinite_width(joint: bool) -> str:
    """The infinite-width problem that kh (7) (b free) or (9) (joint norm) represents."""
    return "(2)+(8)" if joint else "(2)+(3)"


def corrected_2d(X, y, alpha: Fraction, equation: int, tree: PatternTree) -> TwoRoutes:
    """kh's corrected (7) (``equation`` 7) or (9) on matrix data, bracketed by both routes."""
    return two_routes(X, y, alpha, equation == 9, tree, name=f"kh ({equation}) corrected")


def certify_routes(c2: TwoRoutes, ctx: Context, res: Draft) -> bool:
    """Write and re-check both brackets' "pattern-bracket" certificates (notes on rejection)."""
    ok, eq, inf = True, equation_of(c2.program), infinite_width(c2.program.joint_norm)
    for tag, pb in (("A", c2.A), ("B", c2.B)):
        path, good, problems = ctx.certify(
            pb.certificate(res.claim, res.case, f"lower <= val{inf} <= upper, alpha = {c2.program.alpha} "
                           f"(bracket {tag} of kh ({eq}), d = {c2.program.dim})"),
            res.claim, res.case, f"__bracket_{eq}{tag}")
        res.certificates.append(path)
        res.notes += [f"certificate rejected: {q}" for q in problems]
        ok &= good
    return ok


def routes_notes(c2: TwoRoutes) -> list[str]:
    prog = c2.program
    eq, A, B, inf = equation_of(prog), c2.A.bracket, c2.B.bracket, infinite_width(prog.joint_norm)
    return [f"d = {prog.dim}, N = {len(prog.X)}, |J| = {len(prog.patterns)} (exact), "
            f"{len(prog.terms)} terms; corrected ({eq}) float (Clarabel) = {c2.value:.12g}",
            f"A = exact bracket from the ({eq}) solution, enclosing both val({eq}) and val{inf}: {A.text(12)} "
            f"(width {float(A.width):.3g}); float value in A: {confirmed(c2.in_a)}",
            f"B = exact bracket of val{inf} by the dictionary route (no program ({eq})): {B.text(12)} "
            f"(width {float(B.width):.3g}); A and B meet: {confirmed(c2.meet)}"]


def check_2d(case: Case, ctx: Context, res: Draft, equation: int) -> Draft:
    """Theorem 1 ((7), equation 7) or 2 ((9)) on matrix data: printed feasibility exactly, corrected bracketed.

    Compared: the program bracket A (encloses the corrected program's value AND the infinite-width
    value, :func:`program_bracket`) with the dictionary bracket B of the infinite-width value
    (:func:`dictionary_bracket`, no pattern program used): CONFIRMED when they meet (tol 0, both
    rigorous, both certified as kind "pattern-bracket"); the float SOCP value must lie in A
    (tol SOLVER_TOL).
    """
    alpha, X = alpha_of(case), case.X
    tree = pattern_tree(X)
    printed = build(X, case.y, equation, "printed", alpha, patterns=[r.pattern for r in tree.realised])
    lp = feasibility_lp(printed, plus_only=True)
    feas = solve_lp(lp)
    path, ok, problems = ctx.certify(lp_certificate(
        lp, feas, res.claim, case.name, f"kh ({equation}) as printed (closure of '< 0' for (9)), alpha = {alpha}, "
        f"d = {len(X[0])}: feasibility of its linear constraints (columns w_k, b_k per eps = +1 term; the "
        "eps = -1 terms as printed are the eps = +1 terms at -p, exact.relu.pattern_program.feasibility_lp)"),
        res.claim, case.name, "__printed_feasibility", about={"problem": lp})
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {q}" for q in problems]
    c2 = corrected_2d(X, case.y, alpha, equation, tree)
    ok &= certify_routes(c2, ctx, res)
    A, inf = c2.A.bracket, infinite_width(equation == 9)
    res.value = A.text(12)
    res.notes += routes_notes(c2)
    res.data = {"X": [[str(a) for a in r] for r in X], "y": [str(t) for t in case.y], "alpha": str(alpha),
                "float": c2.value, "program_bracket": A.as_json(), "dictionary_bracket": c2.B.bracket.as_json()}
    verdict = CONFIRMED if c2.meet is c2.in_a is Position.INSIDE else CONTRADICTED
    if feas.status == "infeasible":
        res.notes.append(f"FINDING: ({equation}) as printed is infeasible (exact Farkas vector, eq rows "
                         f"{[str(t) for t in feas.farkas_eq]}) while val{inf} is finite; the corrected "
                         f"({equation}) is {verdict} against val{inf}")
        res.verdict = REFUTED if ok and verdict == CONFIRMED else ERROR
    else:
        pv, _, _, pdual = socp(printed)
        doc, low = lower_bound_certificate(res.claim, case.name, f"lower <= the value of kh ({equation}) as printed",
                                           X, case.y, alpha, equation == 9, tree, pdual)
        path, good, problems = ctx.certify(doc, res.claim, case.name, "__printed_lower")
        res.certificates.append(path)
        res.notes += [f"certificate rejected: {q}" for q in problems]
        above = low > A.upper
        res.notes.append(f"({equation}) as printed is feasible here, float value {pv:.12g}; exact lower bound "
                         f"{float(low):.12g} (its dual, kind pattern-program-lower)" +
                         (f" > upper end of A: FINDING: the printed ({equation}) is strictly above val{inf}"
                          if above else ""))
        res.verdict = (REFUTED if above else verdict) if ok and good else ERROR
    return res


def matrix_of(case: Case) -> tuple[tuple[Fraction, ...], ...]:
    """The N x d data (1-D x as an N x 1 matrix)."""
    return case.X if case.X is not None else tuple((v,) for v in case.x)
