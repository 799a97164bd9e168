"""ep.lem-2.7 (covers ep.lem-2.8, ep.cor-2.1): the extreme-point formulas (10), (11) and Corollary 2.1.

Convention (ep (10)/(11)): extreme points of {(A u + b 1)_+ : ||u||_2 <= 1, b in R}. Each formula is
compared with a rigorous bracket of the sup of alpha^T (A u + b 1)_+ by sign-pattern enumeration
(:func:`verify.numeric.sups.relu_sup`); the case's y is the direction alpha.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Sequence

import numpy as np

from cases import Case
from exact.checker.relu1d import patterns_1d
from exact.relu.support import neuron_value

from ...context import Context
from ...conventions import EP_EXTREME
from ...numeric import (
    SOLVER_TOL,
    Bracket,
    ball_point,
    exact,
    locate,
    norm_bounds,
    relu_sup,
    relu_value,
    repair_box_sum,
    solve,
)
from ...registry import claim
from ...requirements import Data, Needs
from ...result import CONFIRMED, CONTRADICTED, ERROR, Draft, confirmed
from ._shared import fl, named_cases


def _matrix(case: Case) -> list[list[Fraction]]:
    return [list(r) for r in case.X] if case.X is not None else [[x] for x in case.x]


def _dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((x * y for x, y in zip(a, b)), Fraction(0))


def _lemma_2_7(A: list[list[Fraction]], res: Draft) -> list[str]:
    """(10): for every sample a_i off the hull of the others, (u_i, b_i) puts only a_i above the kink,
    with value a_i^T u_i + b_i = max of (25) = dist(a_i, conv{a_j : j != i}).

    Bracket of the max of (25): lower = the formula's own (exact) value, which
    is feasible for (25); upper = ||a_i - sum_j lambda_j a_j|| for the solver's
    lambda repaired exactly onto the simplex (weak duality: (a_i - a_j)^T u >=
    t for all j implies t <= (a_i - sum lambda_j a_j)^T u <= that norm).
    """
    import cvxpy as cp

    n, d = len(A), len(A[0])
    verdicts = []
    for i in range(n):
        others = [j for j in range(n) if j != i]
        lam = cp.Variable(n - 1, nonneg=True)
        Af = np.array([[float(x) for x in A[j]] for j in others])
        r = np.array([float(x) for x in A[i]]) - Af.T @ lam
        prob = cp.Problem(cp.Minimize(cp.sum_squares(r)), [cp.sum(lam) == 1])  # squared: better conditioned
        solve(prob)
        lq = repair_box_sum(exact(lam.value), [Fraction(0)] * (n - 1), [None] * (n - 1), Fraction(1))
        resid = [A[i][k] - sum((lj * A[j][k] for lj, j in zip(lq, others)), Fraction(0)) for k in range(d)]
        upper = norm_bounds(resid)[1]
        rf = np.array([float(x) for x in resid])
        u = ball_point(rf / np.linalg.norm(rf)) if np.linalg.norm(rf) > 0 else [Fraction(0)] * d
        b = min(-_dot(A[j], u) for j in others)
        value = _dot(A[i], u) + b
        if value <= 0:
            res.notes.append(f"(10), i = {i + 1}: a_i lies in the convex hull of the others (distance <= "
                             f"{fl(upper)}, the (10) point has value {fl(value)} <= 0): no nonzero point of Q "
                             "in span(e_i), (10) is 0/0 there (outside the Lemma)")
            continue
        only_i = all(_dot(A[j], u) + b <= 0 for j in others)
        br = Bracket(value, upper, "(10) point, exact", "simplex-repaired lambda of (28)")
        v = confirmed(locate(br, value)) if br.width <= SOLVER_TOL else ERROR
        verdicts.append(v if only_i else CONTRADICTED)
        res.notes.append(f"(10), i = {i + 1}: value a_i^T u_i + b_i = {fl(value)}, max of (25) in {br}; "
                         f"(A u_i + b_i 1)_+ in span(e_i): {only_i} -> {v}")
    return verdicts


def _formula_11(A: list[list[Fraction]], alpha: list[Fraction], bias: bool):
    """(11): for each pattern S solve the printed convex problem, in the variable w (w_S = alpha_S + lambda,
    w_{S^c} = -nu): min ||A^T w|| s.t. w_S >= alpha_S, w_{S^c} <= 0, 1^T w = 0 (the equality
    sum_S(alpha_i + lambda_i) = sum nu_j; dropped without bias). S is not given by a convex problem:
    we take the S with the largest value (the pattern of the maximiser, which is what (11) needs). In 1-D only
    the 2n threshold sets are tried (:func:`exact.checker.relu1d.patterns_1d`, +1 entries): the maximiser's
    active set is one, and any other S has d_S at most the sup (its cone is a face of realisable ones), so the
    largest d_S is among them; the 2^n sets are for d >= 2.
    Returns (S, d_S, exact u_alpha, exact b_alpha, exact value alpha^T (A u + b 1)_+).
    """
    import cvxpy as cp

    n = len(A)
    Af = np.array([[float(x) for x in r] for r in A])
    af = np.array([float(a) for a in alpha])
    w, s, sa = cp.Variable(n), cp.Parameter(n), cp.Parameter(n)
    cons = [cp.multiply(s, w) >= sa, cp.multiply(1 - s, w) <= 0] + ([cp.sum(w) == 0] if bias else [])
    prob = cp.Problem(cp.Minimize(cp.sum_squares(Af.T @ w)), cons)  # = d_S ** 2
    best = None
    masks = ([np.array([t == 1 for t in s], dtype=float) for s in patterns_1d([r[0] for r in A]) if 1 in s]
             if len(A[0]) == 1 else (np.array([(m >> t) & 1 for t in range(n)], dtype=float) for m in range(1, 2 ** n)))
    for S in masks:
        s.value, sa.value = S, S * af
        val = math.sqrt(max(solve(prob), 0.0))
        if best is None or val > best[1]:
            best = (S.astype(bool), val, Af.T @ w.value)
    S, val, z = best
    u = ball_point(z / np.linalg.norm(z))
    if not bias:
        b = Fraction(0)
    elif sum(alpha[i] for i in range(n) if S[i]) <= 0:
        b = max(-_dot(A[i], u) for i in range(n) if S[i])
    else:
        b = min(-_dot(A[j], u) for j in range(n) if not S[j])
    return S, val, u, b, relu_value(A, alpha, u, b)


def _corollary_2_1(A: list[list[Fraction]], alpha: list[Fraction]) -> tuple[Bracket, tuple]:
    """Corollary 2.1 read literally: u = sum_S alpha_i (a_i - a_k) / ||.||, b = -a_k^T u, over every k and S.

    The candidates are finitely many and fixed: their values N / ||g||
    (N exact, ||g|| bracketed) give a rigorous bracket of the best candidate.
    """
    n, d = len(A), len(A[0])
    if d == 1:
        return _corollary_2_1_1d([row[0] for row in A], alpha)
    lo, hi, arg = Fraction(0), Fraction(0), None
    for k in range(n):
        idx = [i for i in range(n) if i != k]
        for mask in range(1, 2 ** (n - 1)):
            S = [idx[t] for t in range(n - 1) if (mask >> t) & 1]
            g = [sum((alpha[i] * (A[i][c] - A[k][c]) for i in S), Fraction(0)) for c in range(d)]
            if not any(g):
                continue
            N = sum((alpha[i] * max(_dot([x - y for x, y in zip(A[i], A[k])], g), Fraction(0))
                     for i in range(n)), Fraction(0))
            nlo, nhi = norm_bounds(g)
            vlo, vhi = (N / nhi, N / nlo) if N >= 0 else (N / nlo, N / nhi)
            if arg is None or vlo > lo:
                lo, arg = vlo, (k + 1, [i + 1 for i in S])
            hi = max(hi, vhi)
    return Bracket(lo, hi, f"best candidate k = {arg[0]}, S = {arg[1]}", "max over all candidates"), arg


def _corollary_2_1_1d(x: list[Fraction], alpha: list[Fraction]) -> tuple[Bracket, tuple]:
    """:func:`_corollary_2_1` in 1-D, exactly and without the 2^(n-1) sets S: g = sum_S alpha_i (x_i - x_k) is a
    number, so a candidate is u = sign(g) = +-1, b = -u x_k, and u is a candidate sign for k iff some S gives g of
    that sign, i.e. iff some i has sign(alpha_i (x_i - x_k)) = u (S = all such i then works; a sum of terms of
    one sign has that sign, and a g of sign u needs such a term)."""
    best: tuple[Fraction, tuple] | None = None
    for k, xk in enumerate(x):
        for u in (1, -1):
            S = [i for i, (a, xi) in enumerate(zip(alpha, x)) if a * (xi - xk) * u > 0]
            if S:
                value = neuron_value(x, alpha, Fraction(u), -u * xk)
                if best is None or value > best[0]:
                    best = (value, (k + 1, [i + 1 for i in S]))
    lo, arg = best if best is not None else (Fraction(0), None)
    where = f"best candidate k = {arg[0]}, S = {arg[1]}" if arg else "no candidate"
    return Bracket(lo, lo, where, "max over all candidates (exact in 1-D)"), arg


def extreme_point_cases() -> list[Case]:
    return named_cases("ep-float-extreme")


@claim("ep.lem-2.7", "ep", "Lemmas 2.7, 2.8 and Corollary 2.1 (Section 2.4; proofs in the appendix, (25)-(29))",
       "extreme points along e_i (10) and along any alpha (11); representer form of Corollary 2.1", "float",
       extreme_point_cases, expect=CONFIRMED, needs=Needs(Data.ANY), covers=("ep.lem-2.8", "ep.cor-2.1"))
def check_extreme_point_formulas(case: Case, ctx: Context) -> Draft:
    """Lemma 2.7 (free bias: (25) maximises a_i^T u + b with the other samples below the kink), Lemma 2.8
    and Corollary 2.1 (free bias: (29) maximises alpha^T (A u + b 1)_+ over ||u|| <= 1, b). With a free bias
    the sup is +oo when sum(alpha) > 0 (u = 0, b -> oo), so (11) needs sum(alpha) <= 0.

    Verdict per part: (10) CONFIRMED when its exact value is within SOLVER_TOL of the duality upper
    bound; (11) CONFIRMED when the value of its point meets the sup bracket within SOLVER_TOL (it is
    computed from a float QP solution); Corollary 2.1 compares two rigorous brackets with tol = 0. The
    case verdict is CONTRADICTED if any part is. The no-bias analogue of (11) (drop the equality
    constraint, b = 0) is reported as a note: the Lemma does not state it.
    """
    A, alpha = _matrix(case), list(case.y)
    res = Draft("ep.lem-2.7", case.name, ERROR, "float", EP_EXTREME)
    parts = {"ep.lem-2.7": _lemma_2_7(A, res)}
    if sum(alpha) > 0:
        res.notes.append(f"sum(alpha) = {sum(alpha)} > 0: sup = +oo, no extreme point along alpha (11) "
                         "(Lemma 2.8 silently needs sum(alpha) <= 0)")
    else:
        sup = relu_sup(A, alpha, bias=True)
        S, dS, u, b, val = _formula_11(A, alpha, bias=True)
        v11 = confirmed(locate(sup.bracket, val, SOLVER_TOL))
        parts["ep.lem-2.8"] = [v11]
        res.value = sup.bracket
        res.notes.append(f"sup alpha^T (A u + b 1)_+ in {sup.bracket} ({sup.patterns} sign patterns)")
        res.notes.append(f"(11): S = {[i + 1 for i in range(len(A)) if S[i]]}, QP value {dS:.10g}, "
                         f"alpha^T (A u_alpha + b_alpha 1)_+ = {fl(val)} -> {v11}")
        cor, arg = _corollary_2_1(A, alpha)
        vc = confirmed(locate(sup.bracket, cor))
        parts["ep.cor-2.1"] = [vc]
        res.notes.append(f"Corollary 2.1 (u = sum_S alpha_i (a_i - a_k) / ||.||, b = -a_k^T u, all k, S): "
                         f"best value in {cor} -> {vc}")
        if vc == CONTRADICTED:
            res.finding("Corollary 2.1", "the extreme point along alpha has u = sum_S alpha_i (a_i - a_k) / ||.||, "
                        "b = -a_k^T u for some k and S",
                        f"the point u = {[str(x) for x in sup.u]}, b = {sup.b} (||u|| <= 1 exactly) has value "
                        f"{sup.bracket.lower} > every candidate (<= {cor.upper}); the (11) point has u proportional "
                        "to sum_S (alpha_i + lambda_i) a_i - sum nu_j a_j with lambda, nu != 0")
        nb = relu_sup(A, alpha, bias=False)
        _, _, _, _, val0 = _formula_11(A, alpha, bias=False)
        res.notes.append(f"no-bias analogue of (11) (not claimed): value {fl(val0)}, sup in {nb.bracket} -> "
                         f"{confirmed(locate(nb.bracket, val0, SOLVER_TOL))}")
    res.data = {"parts": {k: v for k, v in parts.items()}}
    flat = [v for vs in parts.values() for v in vs]
    res.verdict = CONTRADICTED if CONTRADICTED in flat else (ERROR if ERROR in flat or not flat else CONFIRMED)
    return res
