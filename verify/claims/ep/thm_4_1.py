"""ep.thm-4.1 (covers ep.cor-4.1): the regularised problem (16), its dual, and the l1 reformulation (17).

Convention ep (16): min 1/2 ||f(A) - y||^2 + beta ||w||_1 with ||u_j||_2 <= 1, hidden biases free and
unpenalised, no output bias. In 1-D (and for rank-one A = c a^T, through x = ||a|| c) the infimum is the
exact l1-regularised least squares over the data-knot atoms plus a free constant column (kind l1-ls-kkt
with a relu1d block: the dual is checked over every (u, b)); Corollary 4.1's (17) has no constant column
(kind l1-ls-kkt, finite form): where its certified value is larger, that is a finding.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case
from exact.certificates.l1_ls_kkt import lasso_certificate
from exact.lasso import lasso
from exact.relu.dictionary import relu_atoms
from exact.relu.interpolation import interpolate_1d
from exact.relu.networks import Network

from ...audit import show
from ...context import Certified, Context
from ...conventions import EP_16
from ...registry import claim
from ...report.figures import function_1d, functions_figure
from ...requirements import Data, Needs, Parameter
from ...result import ERROR, PROVED, Draft
from .._shared import one_d_cases
from ._shared import certify, one_d_or_rank_one, rank_one_factor

BETA = Parameter("beta", "the weight decay of (16): beta ||w||_1 beside the squared loss", Fraction(1, 10),
                 "ep (16), Section 4 (the paper fixes no value)")


def rank_one_cases() -> list[Case]:
    """Three rank-one instances X = c a^T with Pythagorean a (norms 5, 3, 1)."""
    specs = [("rank-one-34", (-2, -1, 0, 1, 2), (3, 4), (1, -1, 1, 1, -1), Fraction(1, 10)),
             ("rank-one-122", (0, Fraction(1, 2), 1, Fraction(3, 2), 3), (1, 2, 2), (0, 1, 0, 2, 1), Fraction(1, 2)),
             ("rank-one-236", (-1, 0, 2, 5), (Fraction(2, 7), Fraction(3, 7), Fraction(6, 7)), (1, 0, 1, -1),
              Fraction(1, 20))]
    return [Case(name, "built in verify.claims.ep_regularised (rank-one A = c a^T)", None, None,
                 tuple(tuple(Fraction(ci) * Fraction(aj) for aj in a) for ci in c), tuple(map(Fraction, y)),
                 {"beta": beta}) for name, c, a, y, beta in specs]


def regularised_cases() -> list[Case]:
    return one_d_cases() + rank_one_cases()


def _dictionary(x):
    """The 2n-2 data-knot ReLU atoms: their matrix on x and their (u, b)."""
    atoms = relu_atoms(x)
    A = [[a(xi, Fraction(0)) for a in atoms] for xi in x]
    return atoms, A, [(a.u, -a.u * a.knot) for a in atoms]


@claim("ep.thm-4.1", "ep", "Theorem 4.1, Remark 4.1, Corollary 4.1 (Section 4)",
       "regularised (16): strong duality with the dual of Theorem 4.1; l1 reformulation (17) over the extreme points",
       "exact", regularised_cases, needs=Needs(Data.ANY, parameters=(BETA,), condition=one_d_or_rank_one),
       covers=("ep.cor-4.1",))
def check_regularised_duality(case: Case, ctx: Context) -> Draft:
    """PROVED by the l1-ls-kkt certificate over networks: ``equals`` the infimum of (16) over networks of
    any width, with v = y - f feasible for the dual of Theorem 4.1 over every (u, b) (strong duality)."""
    beta = BETA.of(case)
    res = Draft("ep.thm-4.1", case.name, ERROR, "exact", EP_16)
    x, ro = _inputs(case)
    atoms, A, neurons = _dictionary(x)
    ones = [Fraction(1)] * len(x)
    sol = lasso(A, case.y, beta, Fraction(1), [ones], decide_uniqueness=False)
    relu1d = {"x": x, "alpha": 0, "neurons": neurons} | ({"rank_one": ro} if ro else {})
    doc = lasso_certificate(A, case.y, sol, res.claim, case.name,
                            "inf over networks of any width of (16) = value; v = y - f is feasible for the dual of "
                            "Theorem 4.1 over every (u, b)", [ones], relu1d)
    cert = certify(doc, res, ctx)
    res.value = cert.value
    fit = tuple(t + yi for t, yi in zip(sol.residual, case.y))
    net = ", ".join(f"{w} s(u={a.u}, knot {a.knot})" for a, w in zip(atoms, sol.weights) if w)
    res.notes.append(f"(16) = D = {cert.value} exactly (1-D data x = {show(x)}"
                     + (f" = |a| c with |a| = {ro['norm']}" if ro else "") + f"); optimum {net or '0'}"
                     f" + constant {sol.free[0]}; dual v = {show(sol.dual)}")
    attained = interpolate_1d(x, fit).attained
    res.notes.append("the infimum of (16) is attained by a finite network" if attained else
                     "the infimum of (16) is NOT attained: every optimum needs a constant that only a neuron "
                     "with bias -> oo provides")
    _corollary_4_1(A, case, beta, cert, len(atoms), res, ctx)
    res.data = {"x": [str(t) for t in x], "y": [str(t) for t in case.y], "constant": str(sol.free[0]),
                "network": [{"u": a.u, "knot": str(a.knot), "weight": str(w)}
                            for a, w in zip(atoms, sol.weights) if w], "dual": [str(t) for t in sol.dual]}
    res.figure(functions_figure(x, case.y, [function_1d("the optimum of (16) (certified)", Network.from_atoms(
        atoms, sol.weights, sol.free[0]))], f"ep (16), beta = {beta}: squared loss plus weight decay"))
    res.verdict = PROVED if cert.ok else ERROR
    return res


def _inputs(case: Case) -> tuple[tuple[Fraction, ...], dict | None]:
    """The 1-D inputs, and for rank-one X = c a^T the factor {c, a, norm} with x = ||a|| c."""
    if case.x is not None:
        return case.x, None
    c, a, norm = rank_one_factor(case.X)
    return tuple(norm * ci for ci in c), {"c": c, "a": a, "norm": norm}


def _corollary_4_1(A, case: Case, beta: Fraction, cert: Certified, atoms: int, res: Draft, ctx: Context) -> None:
    """Corollary 4.1's regularised (17) over the data-knot extreme points, without a constant column (kind
    l1-ls-kkt, finite form): a finding where its certified value exceeds the certified (16)."""
    sol17 = lasso(A, case.y, beta, Fraction(1), decide_uniqueness=False)
    doc = lasso_certificate(A, case.y, sol17, res.claim, case.name,
                            "Corollary 4.1's (17): min beta ||w||_1 + 1/2 ||A_e w - y||^2 over the data-knot extreme "
                            "points, no constant column")
    cert17 = certify(doc, res, ctx, "__eq17", "Corollary 4.1 (17)", about={"A": A, "y": case.y, "beta": beta})
    if not (cert.ok and cert17.ok):
        return
    if cert17.value == cert.value:
        res.notes.append(f"Corollary 4.1's regularised (17) over the {atoms} data-knot extreme points "
                         f"(no constant column) has the same value {cert17.value} (certified)")
        return
    res.finding("Corollary 4.1, (17)", "we can solve (4) [regularised: (16)] as the convex l1-norm minimisation "
                "(17) over a hidden layer U* of all possible extreme points",
                f"(17) over the {atoms} data-knot extreme points (no constant column) has value {cert17.value} > "
                f"(16) = {cert.value} (both certified): without the free constant (a limit of extreme points with "
                "b -> oo) it is not a reformulation of (16)", cert17.path, cert.path)
