"""ep.thm-4.1 (covers ep.cor-4.1): the regularised problem (16), its dual, and the l1 reformulation (17).

Convention ep (16): min 1/2 ||f(A) - y||^2 + beta ||w||_1 with ||u_j||_2 <= 1, hidden biases free and
unpenalised, no output bias. In 1-D (and for rank-one A = c a^T, through x = ||a|| c) the infimum is the
exact l1-regularised least squares over the data-knot atoms plus a free constant column (kind l1-ls-kkt
with a relu1d block: the dual is checked over every (u, b)); Corollary 4.1's (17) has no constant column.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case
from exact.certificates.l1_ls_kkt import lasso_certificate
from exact.lasso import lasso
from exact.numbers import rational_sqrt
from exact.relu.dictionary import relu_atoms
from exact.relu.interpolation import interpolate_1d
from exact.relu.rank_one import factor_rank_one

from ...audit import show
from ...context import Context
from ...conventions import EP_16
from ...registry import claim
from ...result import ERROR, PROVED, Draft
from .._shared import one_d_cases

DEFAULT_BETA = Fraction(1, 10)


def rank_one_factor(X) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...], Fraction]:
    """(c, a, |a|) with X = c a^T, a the first nonzero row; ValueError unless rank one with rational |a|.

    >>> F = Fraction
    >>> rank_one_factor([[F(3), F(4)], [F(-6), F(-8)]])
    ((Fraction(1, 1), Fraction(-2, 1)), (Fraction(3, 1), Fraction(4, 1)), Fraction(5, 1))
    """
    try:
        c, a = factor_rank_one(X)
    except ValueError:
        raise ValueError("X is not rank one: the reduction of (16) to 1-D needs X = c a^T") from None
    aa = sum((t * t for t in a), Fraction(0))
    norm = rational_sqrt(aa)
    if norm is None:
        raise ValueError(f"||a||^2 = {aa} is not a rational square; choose a with a rational norm")
    return c, tuple(a), norm


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
       "exact", regularised_cases, needs_1d=False, covers=("ep.cor-4.1",))
def check_regularised_duality(case: Case, ctx: Context) -> Draft:
    beta = case.params.get("beta", DEFAULT_BETA)
    ro = None
    if case.x is not None:
        x = case.x
    else:
        c, a, norm = rank_one_factor(case.X)
        x = tuple(norm * ci for ci in c)
        ro = {"c": c, "a": a, "norm": norm}
    atoms, A, neurons = _dictionary(x)
    ones = [Fraction(1)] * len(x)
    sol = lasso(A, case.y, beta, Fraction(1), [ones], decide_uniqueness=False)
    res = Draft("ep.thm-4.1", case.name, ERROR, "exact", EP_16,
                      value=str(sol.value))
    relu1d = {"x": x, "alpha": 0, "neurons": neurons} | ({"rank_one": ro} if ro else {})
    doc = lasso_certificate(A, case.y, sol, res.claim, case.name,
                            "inf over networks of any width of (16) = value; v = y - f is feasible for the dual of "
                            "Theorem 4.1 over every (u, b)", [ones], relu1d)
    path, ok, problems = ctx.certify(doc, res.claim, case.name)
    res.certificates.append(path)
    fit = tuple(t + yi for t, yi in zip(sol.residual, case.y))
    net = ", ".join(f"{w} s(u={a.u}, knot {a.knot})" for a, w in zip(atoms, sol.weights) if w)
    res.notes.append(f"(16) = D = {sol.value} exactly (1-D data x = {show(x)}"
                     + (f" = |a| c with |a| = {ro['norm']}" if ro else "") + f"); optimum {net or '0'}"
                     f" + constant {sol.free[0]}; dual v = {show(sol.dual)}")
    attained = interpolate_1d(x, fit).attained
    res.notes.append("the infimum of (16) is attained by a finite network" if attained else
                     "the infimum of (16) is NOT attained: every optimum needs a constant that only a neuron "
                     "with bias -> oo provides")
    sol17 = lasso(A, case.y, beta, Fraction(1), decide_uniqueness=False)
    if sol17.value == sol.value:
        res.notes.append(f"Corollary 4.1's regularised (17) over the {len(atoms)} data-knot extreme points "
                         f"(no constant column) has the same value {sol17.value}")
    else:
        res.notes.append(f"FINDING: Corollary 4.1's regularised (17) over the {len(atoms)} data-knot extreme points "
                         f"(no constant column) has value {sol17.value} > (16) = {sol.value}: without the free "
                         "constant (a limit of extreme points with b -> oo) it is not a reformulation of (16)")
    res.data = {"x": [str(t) for t in x], "y": [str(t) for t in case.y], "constant": str(sol.free[0]),
                "network": [{"u": a.u, "knot": str(a.knot), "weight": str(w)}
                            for a, w in zip(atoms, sol.weights) if w], "dual": [str(t) for t in sol.dual]}
    res.verdict = PROVED if ok else ERROR
    res.notes += [f"certificate rejected: {p}" for p in problems]
    return res
