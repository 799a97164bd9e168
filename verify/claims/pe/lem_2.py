"""pe.lem-2 (covers pe.lem-3): weight decay (2) = l1 with ||u_j|| <= 1 (3), and the dual (4) of (3), on instances.

Convention pe (2)/(3): no hidden bias (a bias is a ones column of X), beta/2 (||u||^2 + alpha^2) against
beta |alpha|. Both lemmas are about a fixed set of hidden directions: Lemma 2 rescales each neuron
(u, alpha) -> (gamma u, alpha / gamma), Lemma 3 dualises the inner minimisation over alpha. So for unit
directions ubar_1..ubar_m (rational points of the unit sphere) the three programs restricted to them are

    (2)_U  min over gamma > 0, alpha:  1/2 ||sum_j (X ubar_j)_+ gamma_j alpha_j - y||^2
                                       + beta/2 sum_j (gamma_j^2 + alpha_j^2)
    (3)_U  min over c:  1/2 ||A c - y||^2 + beta ||c||_1,    A = [(X ubar_1)_+ ... (X ubar_m)_+]
    (4)_U  max over v:  -1/2 ||y - v||^2 + 1/2 ||y||^2  s.t. |v^T A_j| <= beta.

(3)_U and (4)_U are certified exactly by kind l1-ls-kkt (value, and v = y - A c with no gap). The
balanced network gamma_j = alpha_j = sqrt(|c_j|) (sign on alpha) has (2)_U-objective exactly the (3)_U
value in rationals (||gamma_j ubar_j||^2 = |c_j|), and AM-GM gives (2)_U >= (3)_U. "||u_j|| <= 1 instead of
= 1 changes nothing": the same l1 problem with every column also at half scale has the same certified value.
On 1-D data without a bias column the directions u = +-1 are all of them (:mod:`verify.claims.pe._shared`),
so there the three values are those over every network; in d >= 2 the directions are the Pythagorean ones
(:func:`directions`), a statement about that set, as the lemmas are.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Sequence

from cases import Case

from ...context import Context
from ...conventions import PE_2
from ...registry import claim
from ...report.figures import function_1d, functions_figure, regions_figure
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, REFUTED, Draft
from ._shared import BETA, BIAS, Matrix, certified_l1, directions_network, fl, matrix, named_cases

#: primitive Pythagorean triples (a, b, c): (a/c, b/c) is a rational point of the unit circle
TRIPLES = ((3, 4, 5), (5, 12, 13), (8, 15, 17))


def directions(d: int) -> list[tuple[Fraction, ...]]:
    """Rational unit vectors of R^d: +-e_i, and in every coordinate plane (+-a/c, +-b/c), (+-b/c, +-a/c).

    >>> len(directions(1)), len(directions(2)), sum(t * t for t in directions(3)[-1])
    (2, 28, Fraction(1, 1))
    """
    out: list[tuple[Fraction, ...]] = []
    for i in range(d):
        for s in (1, -1):
            out.append(tuple(Fraction(s if k == i else 0) for k in range(d)))
    for i, j in combinations(range(d), 2):
        for a, b, c in TRIPLES[: 1 if d > 2 else len(TRIPLES)]:
            for p, q in ((a, b), (b, a)):
                for si in (1, -1):
                    for sj in (1, -1):
                        e = [Fraction(0)] * d
                        e[i], e[j] = Fraction(si * p, c), Fraction(sj * q, c)
                        out.append(tuple(e))
    return out


def features(X: Matrix, U: list[tuple[Fraction, ...]]) -> Matrix:
    """A[i][j] = (x_i^T u_j)_+."""
    return [[max(sum((a * b for a, b in zip(x, u, strict=True)), Fraction(0)), Fraction(0)) for u in U] for x in X]


def _figure(case: Case, U: list[tuple[Fraction, ...]], weights: Sequence[Fraction], everything: bool, beta: Fraction,
            res: Draft) -> None:
    """The certified optimum of (3)_U (the function of the balanced (2)_U network): over x on 1-D data, as
    regions on 2-D data with labels +-1 (its sign classifies); nothing on other data."""
    title = f"pe (3), beta = {beta}" + ("" if everything else ": the optimum over the directions U")
    if case.x is not None:
        res.figure(functions_figure(case.x, case.y, [function_1d("(3) optimum" if everything else
                                                                 "(3) optimum over U", directions_network(U, weights))],
                                    title))
    elif case.X is not None and len(case.X[0]) == 2 and all(abs(t) == 1 for t in case.y):
        res.figure(regions_figure(case.X, case.y, directions_network(U, weights, 2), title))


def lemma_cases() -> list[Case]:
    return named_cases("pe-example-6") + named_cases("pe-2d")


STATEMENT = ("(2) with weight decay beta/2 (||u_j||^2 + alpha_j^2) = (3) with beta ||alpha||_1 and ||u_j|| <= 1 "
             "(||u_j|| = 1 equivalently); the dual of (3) is (4)")


@claim("pe.lem-2", "pe", "Appendix A.3 Lemma 2, A.4 Lemma 3", STATEMENT, "exact", lemma_cases,
       needs=Needs(Data.ANY, parameters=(BETA, BIAS)), covers=("pe.lem-3",))
def check_lemmas(case: Case, ctx: Context) -> Draft:
    """PROVED when (3)_U = (4)_U (one l1-ls-kkt certificate), the balanced network attains it in (2)_U, and
    half-scaled columns leave the certified value unchanged (a second certificate); REFUTED if a value
    differs."""
    beta = BETA.of(case)
    X = matrix(case)
    res = Draft("pe.lem-2", case.name, ERROR, "exact", PE_2)
    U = directions(len(X[0]))
    A = features(X, U)
    cert, sol = certified_l1(A, case.y, beta, res, ctx, "(3) over the directions U: min 1/2 ||A c - y||^2 + beta "
                             "||c||_1; v = y - A c solves (4) with no gap", what="(3)/(4) over U")
    half = [row + [t / 2 for t in row] for row in A]
    cert_half, sol_half = certified_l1(half, case.y, beta, res, ctx, "(3) with ||u_j|| <= 1: every direction also at "
                                       "half scale", suffix="__half", what="(3) with ||u|| <= 1")
    if not (cert.ok and cert_half.ok):
        return res
    V = cert.value
    r = [sum((a * c for a, c in zip(row, sol.weights, strict=True)), Fraction(0)) - yi
         for row, yi in zip(A, case.y, strict=True)]
    # the balanced network: gamma_j = |alpha_j| = sqrt|c_j|, so ||u_j||^2 = alpha_j^2 = |c_j| (rational)
    two = sum((t * t for t in r), Fraction(0)) / 2 + beta / 2 * sum((2 * abs(c) for c in sol.weights), Fraction(0))
    used = sum(1 for c in sol.weights if c)
    res.value = V
    everything = len(X[0]) == 1
    which = "all of them: d = 1 without a bias column" if everything else "Pythagorean; a statement about this set"
    res.notes.append(f"{len(U)} unit directions ({which}); "
                     f"(3) = (4) = {V} = {fl(V)} (certified, no duality gap), {used} neurons used")
    res.notes.append(f"(2) at the balanced network u_j = sqrt|c_j| ubar_j, alpha_j = sign(c_j) sqrt|c_j|: {two} "
                     f"(exact; AM-GM gives (2) >= (3) for every network on these directions)")
    res.notes.append(f"||u_j|| <= 1 (every column also at half scale): value {cert_half.value} (certified); the "
                     f"half-scale columns carry {sum(1 for c in sol_half.weights[len(U):] if c)} nonzero weights")
    _figure(case, U, sol.weights, everything, beta, res)
    ok = two == V and cert_half.value == V
    if not ok:
        res.finding("Appendix A.3, Lemma 2", STATEMENT,
                    f"(3) = {V} but (2) at the balanced network = {two} and (3) with ||u|| <= 1 = {cert_half.value}",
                    cert.path, cert_half.path)
    res.verdict = PROVED if ok else REFUTED
    res.data = {"directions": len(U), "value": str(V), "neurons": used}
    return res
