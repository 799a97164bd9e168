"""Helpers shared by the Kumar & Haupt claims: cases, alpha variants, LP certificates, the d >= 2 route.

Every verdict here is computed from what the checker certified (:class:`verify.context.Certified`): LP
values and infeasibility (kind pattern-program-1d for the 1-D programs, kind lp for explicit LPs), the
brackets of the infinite-width value (kind pattern-bracket) and the lower bound of a printed program (kind
pattern-program-lower); the producers only choose what to certify and write the notes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from cases import Case, shipped_case
from exact.certificates.lp import lp_certificate
from exact.certificates.pattern_program_1d import program_1d_certificate
from exact.lp import LinearProgram, LPResult, solve_lp
from exact.relu.arrangements import PatternTree, pattern_tree
from exact.relu.pattern_program import PatternSolution, feasibility_lp

from ...context import Certified, Context
from ...conventions import PaperConvention
from ...numeric import SOLVER_TOL
from ...numeric.bracket import Bracket, Position, locate
from ...numeric.joint1d import Joint1D
from ...numeric.pattern_brackets import TwoRoutes, lower_bound_certificate, socp, two_routes
from ...report.figures import REFERENCE, function_1d
from ...requirements import Parameter
from ...result import ERROR, REFUTED, UNDECIDED, Draft, confirmed
from .._shared import JointCertified
from .programs import build, equation_of

ALPHAS = (Fraction(0), Fraction(1, 10), Fraction(-1, 2))


EXAMPLE = "kh-example-1"


ALPHA = Parameter("alpha", "the leaky slope: sigma(t) = max(t, alpha t) (0: the ReLU)", Fraction(0),
                  "kh (1): sigma is the ReLU or a leaky ReLU; Section V runs alpha = 0")


def alpha_of(case: Case) -> Fraction:
    return ALPHA.of(case)


def with_alpha(case: Case, alpha: Fraction) -> Case:
    """The case with leaky slope ``alpha`` (named after it)."""
    return replace(case, name=f"{case.name}-alpha={alpha}", params={**case.params, "alpha": alpha})


def example_cases() -> list[Case]:
    """The Figure 1 data with alpha = 0 (shipped) and the alpha = 1/10, -1/2 variants."""
    base = shipped_case(EXAMPLE)
    return [base] + [with_alpha(base, a) for a in ALPHAS[1:]]


def classification_cases() -> list[Case]:
    return example_cases()[:1] + [shipped_case("kh-classify-separable"), shipped_case("kh-classify-two-neurons")]


def points(case: Case) -> list[Fraction]:
    """The 1-D inputs of a case (its x, or the single column of its X)."""
    return list(case.x) if case.x is not None else [r[0] for r in case.X]


def joint_function(joint: Joint1D, checked: JointCertified, what: str) -> dict[str, Any]:
    """The (2)+(8) optimum of ``joint`` for a figure: the exact network whose relu1d-joint-exact certificate was
    accepted (``checked``), else only the float solver's, as a reference (its value is just bracketed)."""
    if checked.exact is not None:
        return function_1d(f"{what} optimum (exact)", joint.exact.network())
    return function_1d(f"{what} solution (float)", joint.float_network(), REFERENCE)


def farkas_note(sol: PatternSolution) -> str:
    y = sol.result.farkas_eq or ()
    return f"Farkas vector (eq rows) {[str(t) for t in y]}" if y else "Farkas vector on the inequality rows"


def certify_program(lp: LinearProgram, result: LPResult, res: Draft, ctx: Context, suffix: str, statement: str,
                    what: str = "") -> Certified:
    """Write, re-check and record the kind lp certificate of an explicit LP (bound to the LP itself)."""
    doc = lp_certificate(lp, result, res.claim, res.case, statement)
    return res.add(ctx.certify(doc, res.claim, res.case, suffix, about={"problem": lp}), what)


def certify_lp(sol: PatternSolution, res: Draft, ctx: Context, suffix: str, what: str) -> Certified:
    """The kind pattern-program-1d certificate of a 1-D pattern program (every sign row of every term is
    checked; the LP solved has only those of :func:`exact.relu.pattern_program.extreme_rows`): relation equals
    (its value) or infeasible (Farkas), bound to the case's x, y and alpha."""
    p = sol.program
    statement = f"{p.name}, alpha = {p.alpha}, over the {len(p.patterns)} affine sign patterns of x: {what}"
    return res.add(ctx.certify(program_1d_certificate(sol, res.claim, res.case, statement), res.claim, res.case,
                               suffix), what)


def lp_outcome(cert: Certified) -> str:
    """What the checker proved of an LP: "optimal with value v", "infeasible" or "unbounded"."""
    return f"optimal with value {cert.value}" if cert.kind_relation == "equals" else str(cert.kind_relation)


TWO_D = ("kh-2d-four", "kh-2d-six", "kh-2d-degenerate")

#: equation -> (place, statement as printed) of the theorem that states it
THEOREMS = {
    7: ("Theorem 1, program (7) (Section III-A)",
        "(2) with W = {||w||_2 <= 1} equals the finite program (7) over the sign patterns J"),
    9: ("Theorem 2, program (9) (Section III-B)", "(2) with W = {||[w,b]||_2 <= 1} equals the finite program (9)"),
}


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


@dataclass(frozen=True)
class CheckedRoutes:
    """The certified brackets of the two routes: A (from the corrected program, enclosing its value and the
    infinite-width value) and B (the dictionary route, no program), where they lie, and their files."""

    A: Bracket
    B: Bracket
    meet: Position  # A against B: both certified enclosures of one number, so INSIDE unless a bound is wrong
    in_a: Position  # the float value of the corrected program against A (tol SOLVER_TOL)
    paths: tuple[str, str]

    @property
    def agree(self) -> bool:
        """The corrected program agrees with the infinite-width value: A meets B, the float lies in A."""
        return self.meet is self.in_a is Position.INSIDE


def certified_bracket(cert: Certified, lower_from: str = "", upper_from: str = "") -> Bracket | None:
    """The checked relation ``between`` of ``cert`` as a Bracket (None unless accepted)."""
    lo, hi = cert.lower, cert.upper
    if cert.kind_relation != "between" or not isinstance(lo, Fraction) or not isinstance(hi, Fraction):
        return None
    return Bracket(lo, hi, lower_from, upper_from)


def certify_routes(c2: TwoRoutes, ctx: Context, res: Draft) -> CheckedRoutes | None:
    """Write and re-check both brackets' "pattern-bracket" certificates; the brackets as certified (None if
    either is rejected: its problems are notes)."""
    eq, inf = equation_of(c2.program), infinite_width(c2.program.joint_norm)
    certs, brackets = [], []
    for tag, pb in (("A", c2.A), ("B", c2.B)):
        doc = pb.certificate(res.claim, res.case, f"lower <= val{inf} <= upper, alpha = {c2.program.alpha} "
                                                  f"(bracket {tag} of kh ({eq}), d = {c2.program.dim})")
        cert = res.add(ctx.certify(doc, res.claim, res.case, f"__bracket_{eq}{tag}"), f"bracket {tag}")
        certs.append(cert)
        brackets.append(certified_bracket(cert, pb.bracket.lower_from, pb.bracket.upper_from))
    A, B = brackets
    if A is None or B is None:
        return None
    return CheckedRoutes(A, B, locate(A, B), locate(A, Fraction(c2.value), SOLVER_TOL), (certs[0].path, certs[1].path))


def routes_notes(c2: TwoRoutes, routes: CheckedRoutes) -> list[str]:
    prog = c2.program
    eq, A, B, inf = equation_of(prog), routes.A, routes.B, infinite_width(prog.joint_norm)
    return [f"d = {prog.dim}, N = {len(prog.X)}, |J| = {len(prog.patterns)} (exact), "
            f"{len(prog.terms)} terms; corrected ({eq}) float (Clarabel) = {c2.value:.12g}",
            f"A = exact bracket from the ({eq}) solution, enclosing both val({eq}) and val{inf}: {A.text(12)} "
            f"(width {float(A.width):.3g}); float value in A: {confirmed(routes.in_a)}",
            f"B = exact bracket of val{inf} by the dictionary route (no program ({eq})): {B.text(12)} "
            f"(width {float(B.width):.3g}); A and B meet: {confirmed(routes.meet)}"]


def _printed_infeasible(res: Draft, equation: int, printed: Certified, farkas: LPResult, routes: CheckedRoutes
                        ) -> None:
    """The certified counterexample: the printed program has no feasible point, the problem a finite value."""
    inf = infinite_width(equation == 9)
    corrected = "agrees with" if routes.agree else "DISAGREES with"
    res.finding(*THEOREMS[equation],
                f"({equation}) as printed is infeasible (exact Farkas vector, eq rows "
                f"{[str(t) for t in farkas.farkas_eq]}) while val{inf} is finite (certified bracket "
                f"{routes.A.text(12)}); the corrected ({equation}) {corrected} val{inf}",
                printed.path, *routes.paths)
    res.verdict = REFUTED


def _printed_feasible(res: Draft, ctx: Context, case: Case, equation: int, tree: PatternTree, printed_program,
                      routes: CheckedRoutes) -> None:
    """The printed program is feasible: REFUTED when its certified lower bound exceeds the certified upper end
    of val(2); otherwise its value is not decided (UNDECIDED)."""
    inf, A = infinite_width(equation == 9), routes.A
    pv, _, _, pdual = socp(printed_program)
    doc, _ = lower_bound_certificate(res.claim, case.name, f"lower <= the value of kh ({equation}) as printed",
                                     case.X, case.y, alpha_of(case), equation == 9, tree, pdual)
    low = res.add(ctx.certify(doc, res.claim, case.name, "__printed_lower"), f"({equation}) printed, lower bound")
    if low.value is None:
        return
    res.notes.append(f"({equation}) as printed is feasible here, float value {pv:.12g}; exact lower bound "
                     f"{float(low.value):.12g} (its dual, kind pattern-program-lower)")
    if low.value > A.upper:
        res.finding(*THEOREMS[equation],
                    f"({equation}) as printed is feasible here but strictly above val{inf}: its value is at least "
                    f"{float(low.value):.12g} (certified) > {float(A.upper):.12g}, the certified upper end of "
                    f"val{inf}", low.path, *routes.paths)
        res.verdict = REFUTED
    else:
        corrected = "CONFIRMED" if routes.agree else "CONTRADICTED"
        res.notes.append(f"the certified lower bound of the printed ({equation}) does not exceed val{inf}; its value "
                         f"is not decided (the corrected ({equation}): {corrected} against the dictionary route)")
        res.verdict = UNDECIDED


def check_2d(case: Case, ctx: Context, claim_id: str, statement: PaperConvention, equation: int) -> Draft:
    """Theorem 1 ((7), ``equation`` 7) or 2 ((9)) on matrix data: the printed program exactly, the corrected one
    bracketed.

    Printed: feasibility of its linear constraints (kind lp: infeasible with a Farkas vector, or a feasible
    point). REFUTED when it is infeasible (val(2) is finite: the certified brackets have finite upper ends), or
    when it is feasible and its certified lower bound (kind pattern-program-lower) exceeds the certified upper
    end of val(2); else UNDECIDED. Corrected: the program bracket A (encloses its value AND the
    infinite-width value, :func:`verify.numeric.pattern_brackets.program_bracket`) against the dictionary bracket
    B (no pattern program), both kind "pattern-bracket", tol 0; the float SOCP value must lie in A (tol SOLVER_TOL).
    """
    alpha, X = alpha_of(case), case.X
    res = Draft(claim_id, case.name, ERROR, "float SOCP + exact brackets", statement.with_alpha(alpha))
    tree = pattern_tree(X)
    printed_program = build(X, case.y, equation, "printed", alpha, patterns=[r.pattern for r in tree.realised])
    lp = feasibility_lp(printed_program, plus_only=True)
    feasibility = solve_lp(lp)
    printed = certify_program(
        lp, feasibility, res, ctx, "__printed_feasibility",
        f"kh ({equation}) as printed (closure of '< 0' for (9)), alpha = {alpha}, d = {len(X[0])}: feasibility of "
        "its linear constraints (columns w_k, b_k per eps = +1 term; the eps = -1 terms as printed are the "
        "eps = +1 terms at -p, exact.relu.pattern_program.feasibility_lp)", f"({equation}) printed, feasibility")
    c2 = corrected_2d(X, case.y, alpha, equation, tree)
    routes = certify_routes(c2, ctx, res)
    res.data = {"X": [[str(a) for a in r] for r in X], "y": [str(t) for t in case.y], "alpha": str(alpha),
                "float": c2.value}
    if routes is None or printed.kind_relation is None:
        return res
    res.value = routes.A
    res.notes += routes_notes(c2, routes)
    res.data |= {"program_bracket": routes.A.as_json(), "dictionary_bracket": routes.B.as_json()}
    if printed.kind_relation == "infeasible":
        _printed_infeasible(res, equation, printed, feasibility, routes)
    else:
        _printed_feasible(res, ctx, case, equation, tree, printed_program, routes)
    return res


def matrix_of(case: Case) -> tuple[tuple[Fraction, ...], ...]:
    """The N x d data (1-D x as an N x 1 matrix)."""
    return case.X if case.X is not None else tuple((v,) for v in case.x)
