"""Ergen & Pilanci (seed 001): the claims checked in floating point, as rigorous brackets.

Three CLAIMS.md rows, each verdict from a :class:`verify.numeric.Bracket`
(exact rational endpoints), never from a solver status:

* ``ep.lem-2.7`` (covers ``ep.lem-2.8``, ``ep.cor-2.1``): the extreme-point
  formulas (10), (11) and the representer form of Corollary 2.1, against the
  exact-up-to-bracket sup of ``alpha^T (A u + b 1)_+`` by sign-pattern
  enumeration (:func:`verify.numeric.relu_sup`).
* ``ep.prop-3.2``: the cutting-plane Algorithm 1 (no bias) and Algorithm 3
  (appendix, with bias) on spike-free data, against certified optima.
* ``ep.thm-6.1``: the dual of (19) for the logistic loss in 1-D.

For the extreme-point cases the case's ``y`` is the direction ``alpha``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from cases import Case, shipped_cases
from exact.checker._base import relu1d_sup
from exact.dictionary import factor_rank_one, relu_atoms
from exact.interpolation import interpolate_1d

from ..audit import audit_check
from ..conventions import EP_19, EP_ALG1, EP_ALG3, EP_EXTREME
from ..numeric import (SOLVER_TOL, Bracket, ball_point, exact, judge, lower_of, norm_bounds,
                       relu_argmax, relu_sup, relu_value, repair_box_sum, restore_equality, scale_into, solve, sqrt_bounds,
                       upper_of)
from ..registry import Context, claim
from ..result import CONFIRMED, CONTRADICTED, ERROR, CheckResult



def _float_cases(prefix: str) -> list[Case]:
    return [c for c in shipped_cases() if c.name.startswith(prefix)]


def _matrix(case: Case) -> list[list[Fraction]]:
    return [list(r) for r in case.X] if case.X is not None else [[x] for x in case.x]


def _dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((x * y for x, y in zip(a, b)), Fraction(0))


def _fl(v) -> str:
    return f"{float(v):.10g}"


# ---------------------------------------------------------------------------------------------
# Lemma 2.7, Lemma 2.8, Corollary 2.1


def _lemma_2_7(A: list[list[Fraction]], res: CheckResult) -> list[str]:
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
        resid = [A[i][k] - sum((l * A[j][k] for l, j in zip(lq, others)), Fraction(0)) for k in range(d)]
        upper = norm_bounds(resid)[1]
        rf = np.array([float(x) for x in resid])
        u = ball_point(rf / np.linalg.norm(rf)) if np.linalg.norm(rf) > 0 else [Fraction(0)] * d
        b = min(-_dot(A[j], u) for j in others)
        value = _dot(A[i], u) + b
        if value <= 0:
            res.notes.append(f"(10), i = {i + 1}: a_i lies in the convex hull of the others (distance <= "
                             f"{_fl(upper)}, the (10) point has value {_fl(value)} <= 0): no nonzero point of Q "
                             "in span(e_i), (10) is 0/0 there (outside the Lemma)")
            continue
        only_i = all(_dot(A[j], u) + b <= 0 for j in others)
        br = Bracket(value, upper, "(10) point, exact", "simplex-repaired lambda of (28)")
        v = judge(br, value) if br.width <= SOLVER_TOL else ERROR
        verdicts.append(v if only_i else CONTRADICTED)
        res.notes.append(f"(10), i = {i + 1}: value a_i^T u_i + b_i = {_fl(value)}, max of (25) in {br}; "
                         f"(A u_i + b_i 1)_+ in span(e_i): {only_i} -> {v}")
    return verdicts


def _formula_11(A: list[list[Fraction]], alpha: list[Fraction], bias: bool):
    """(11): for each pattern S solve the printed convex problem, in the variable w (w_S = alpha_S + lambda,
    w_{S^c} = -nu): min ||A^T w|| s.t. w_S >= alpha_S, w_{S^c} <= 0, 1^T w = 0 (the equality
    sum_S(alpha_i + lambda_i) = sum nu_j; dropped without bias). S is not given by a convex problem:
    we take the S with the largest value (the pattern of the maximiser, which is what (11) needs).
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
    for mask in range(1, 2 ** n):
        S = np.array([(mask >> t) & 1 for t in range(n)], dtype=float)
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


def extreme_point_cases() -> list[Case]:
    return _float_cases("ep-float-extreme")


@claim("ep.lem-2.7", "ep", "Lemmas 2.7, 2.8 and Corollary 2.1 (Section 2.4; proofs in the appendix, (25)-(29))",
       "extreme points along e_i (10) and along any alpha (11); representer form of Corollary 2.1", "float",
       extreme_point_cases, expect=CONFIRMED, needs_1d=False, covers=("ep.lem-2.8", "ep.cor-2.1"))
def check_extreme_points(case: Case, ctx: Context) -> CheckResult:
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
    res = CheckResult("ep.lem-2.7", case.name, ERROR, "float", EP_EXTREME.describe())
    parts = {"ep.lem-2.7": _lemma_2_7(A, res)}
    if sum(alpha) > 0:
        res.notes.append(f"sum(alpha) = {sum(alpha)} > 0: sup = +oo, no extreme point along alpha (11) "
                         "(Lemma 2.8 silently needs sum(alpha) <= 0)")
    else:
        sup = relu_sup(A, alpha, bias=True)
        S, dS, u, b, val = _formula_11(A, alpha, bias=True)
        v11 = judge(sup.bracket, val, SOLVER_TOL)
        parts["ep.lem-2.8"] = [v11]
        res.value = sup.bracket.text()
        res.notes.append(f"sup alpha^T (A u + b 1)_+ in {sup.bracket} ({sup.patterns} sign patterns)")
        res.notes.append(f"(11): S = {[i + 1 for i in range(len(A)) if S[i]]}, QP value {dS:.10g}, "
                         f"alpha^T (A u_alpha + b_alpha 1)_+ = {_fl(val)} -> {v11}")
        cor, arg = _corollary_2_1(A, alpha)
        vc = judge(sup.bracket, cor)
        parts["ep.cor-2.1"] = [vc]
        res.notes.append(f"Corollary 2.1 (u = sum_S alpha_i (a_i - a_k) / ||.||, b = -a_k^T u, all k, S): "
                         f"best value in {cor} -> {vc}")
        if vc == CONTRADICTED:
            res.notes.append(f"FINDING: Corollary 2.1 misses the extreme point: the point u = "
                             f"{[str(x) for x in sup.u]}, b = {sup.b} (||u|| <= 1 exactly) has value "
                             f"{sup.bracket.lower} > every candidate (<= {cor.upper}); the (11) point has u "
                             f"proportional to sum_S (alpha_i + lambda_i) a_i - sum nu_j a_j with lambda, nu != 0")
        nb = relu_sup(A, alpha, bias=False)
        _, _, _, _, val0 = _formula_11(A, alpha, bias=False)
        res.notes.append(f"no-bias analogue of (11) (not claimed): value {_fl(val0)}, sup in {nb.bracket} -> "
                         f"{judge(nb.bracket, val0, SOLVER_TOL)}")
    res.data = {"parts": {k: v for k, v in parts.items()}}
    flat = [v for vs in parts.values() for v in vs]
    res.verdict = CONTRADICTED if CONTRADICTED in flat else (ERROR if ERROR in flat or not flat else CONFIRMED)
    return res


# ---------------------------------------------------------------------------------------------
# Proposition 3.2: cutting planes (Algorithm 1, no bias; Algorithm 3, with bias)

MAX_ITER = 60
BOX = 1000.0  # |v_i| <= BOX in the restricted dual: without it step 5 is unbounded until U spans enough
CUT_TOL = 1e-7  # a neuron violates when its constraint exceeds 1 + CUT_TOL


@dataclass
class CuttingPlaneRun:
    """What a cutting-plane run produced (floats: the brackets are built from them afterwards)."""

    neurons: list[tuple[np.ndarray, float]]
    v: np.ndarray
    iterations: int
    converged: bool
    weights: np.ndarray | None  # final "Solve (4) using U" (None: infeasible), then the free constant
    constant: float


def _columns(Af: np.ndarray, neurons) -> np.ndarray:
    return np.column_stack([np.maximum(Af @ u + b, 0) for u, b in neurons]) if neurons else np.zeros((len(Af), 0))


def _restricted_dual(K: np.ndarray, y: np.ndarray, bias: bool) -> np.ndarray:
    """Step 5: max v^T y s.t. |K^T v| <= 1 (1^T v = 0 with bias), |v_i| <= BOX (HiGHS)."""
    from scipy.optimize import linprog

    n = len(y)
    r = linprog(-y, A_ub=np.vstack([K.T, -K.T]), b_ub=np.ones(2 * K.shape[1]),
                A_eq=np.ones((1, n)) if bias else None, b_eq=[0.0] if bias else None,
                bounds=[(-BOX, BOX)] * n, method="highs")
    return r.x


def _final_primal(K: np.ndarray, y: np.ndarray, bias: bool) -> tuple[np.ndarray | None, float]:
    """Step 8/9: min ||w||_1 s.t. K w (+ c 1) = y, c free (the constant is free with a free hidden bias)."""
    from scipy.optimize import linprog

    n, m = K.shape
    extra = 1 if bias else 0
    r = linprog(np.r_[np.ones(2 * m), np.zeros(extra)], A_eq=np.hstack([K, -K, np.ones((n, extra))]), b_eq=y,
                bounds=[(0, None)] * (2 * m) + [(None, None)] * extra, method="highs")
    if r.status != 0:
        return None, 0.0
    return r.x[:m] - r.x[m:2 * m], float(r.x[-1]) if bias else 0.0


def relaxed_oracle(Af: np.ndarray, bias: bool):
    """(15) (no bias) / its Algorithm 3 form: max and min of v^T (A u + b 1) over A u + b 1 >= 0, ||u|| <= 1.

    With 1^T v = 0 the bias drops out of the objective (it only keeps A u + b 1 >= 0 feasible); we return
    the smallest such b, max_i(-a_i^T u), so the kink touches a sample.
    """
    import cvxpy as cp

    n, d = Af.shape
    u, v = cp.Variable(d), cp.Parameter(n)
    b = cp.Variable() if bias else 0.0
    cons = [Af @ u + b >= 0, cp.norm(u) <= 1]
    probs = [cp.Problem(cp.Maximize(v @ Af @ u), cons), cp.Problem(cp.Minimize(v @ Af @ u), cons)]

    def oracle(vv: np.ndarray):
        v.value = vv
        out = []
        for p in probs:
            val = solve(p)
            uu = u.value.copy()
            out.append((val, uu, float(np.max(-(Af @ uu))) if bias else 0.0))
        return out
    return oracle


def exact_oracle(Af: np.ndarray, bias: bool):
    """The true oracle (14) by sign-pattern enumeration (:func:`verify.numeric.relu_argmax`)."""
    def oracle(vv: np.ndarray):
        hi, lo = relu_argmax(Af, vv, bias), relu_argmax(Af, -vv, bias)
        return [hi, (-lo[0], lo[1], lo[2])]
    return oracle


def cutting_plane(Af: np.ndarray, y: np.ndarray, bias: bool, oracle) -> CuttingPlaneRun:
    """Algorithm 1 (bias False, v = y initially) / Algorithm 3 (bias True, v = y - mean(y)), as printed:
    add both oracle neurons, re-solve the restricted dual, stop when no neuron violates, then solve (4)."""
    v = y - y.mean() if bias else y.copy()
    neurons, it, converged = [], 0, False
    while it < MAX_ITER:
        (hi, u1, b1), (lo, u2, b2) = oracle(v)
        if hi <= 1 + CUT_TOL and lo >= -1 - CUT_TOL:
            converged = True
            break
        it += 1
        neurons += [(u1, b1), (u2, b2)]
        v = _restricted_dual(_columns(Af, neurons), y, bias)
    w, c = _final_primal(_columns(Af, neurons), y, bias)
    return CuttingPlaneRun(neurons, v, it, converged, w, c)


def run_bracket(A: list[list[Fraction]], y: list[Fraction], bias: bool, run: CuttingPlaneRun) -> Bracket:
    """[dual lower, primal upper] for the optimum of (4) (or (21)), from a run.

    Upper: neurons made exact (u into the unit ball exactly, b as the rational it is), the columns
    (A u + b 1)_+ computed exactly, w restored to A_U w (+ c 1) = y exactly (:func:`restore_equality`),
    value ||w||_1 (the constant is free in the limit). Lower: v exact (mean removed exactly with bias),
    scaled by the rigorous upper bound of sup |v^T (A u + b 1)_+| from :func:`relu_sup` (all patterns,
    both signs), value t v^T y.
    """
    ub, how = None, "no feasible primal (the final LP is infeasible)"
    if run.weights is not None:
        nz = [j for j, wj in enumerate(run.weights) if abs(wj) > 1e-12]
        us = [(ball_point(run.neurons[j][0]), Fraction(run.neurons[j][1])) for j in nz]
        M = [[max(_dot(row, u) + b, Fraction(0)) for u, b in us] + ([Fraction(1)] if bias else []) for row in A]
        w = restore_equality(M, exact([run.weights[j] for j in nz]) + ([Fraction(run.constant)] if bias else []), y)
        if w is not None:
            ub = sum((abs(x) for x in w[:len(us)]), Fraction(0))
            how = f"final network ({len(us)} neurons), exactly repaired"
        else:
            how = "final network not exactly repairable (dependent rows)"
    v = exact(run.v)
    if bias:
        mean = sum(v, Fraction(0)) / len(v)
        v = [x - mean for x in v]
    g = max(relu_sup(A, v, bias).bracket.upper, relu_sup(A, [-x for x in v], bias).bracket.upper)
    t, tv = scale_into(v, g, Fraction(1))
    return Bracket(_dot(tv, y), ub, f"final dual v scaled by {float(t):.9g}", how)


def _whitened(A) -> bool:
    n = len(A)
    return all(_dot(A[i], A[j]) == (i == j) for i in range(n) for j in range(n))


def _rank_one(A) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None:
    """(c, a) with A = c a^T and c >= 0, else None."""
    try:
        c, a = factor_rank_one(A)
    except ValueError:
        return None
    return (c, a) if all(ci >= 0 for ci in c) else None


def certified_optimum(A, y, bias: bool, res: CheckResult) -> Bracket:
    """The optimum of (4) / (21), certified independently of the algorithm under test.

    * Whitened A (A A^T = I exactly), no bias: {A u : ||u|| <= 1} is the unit ball of R^n, so
      sup_u v^T (A u)_+ = ||v_+|| and the dual (12) is max v^T y s.t. ||v_+|| <= 1, ||v_-|| <= 1,
      whose value is ||y_+|| + ||y_-|| (v = y_+/||y_+|| - y_-/||y_-||; and v^T y <= v_+^T y_+ + v_-^T y_-).
      The primal (u_1 = A^T y_+/||y_+||, u_2 = A^T y_-/||y_-||) attains it.
    * Rank-one A = c a^T, c >= 0, free bias: the exact 1-D value interpolate_1d(c, y) / ||a||
      (exact.dictionary.RankOneReduction).
    * Otherwise: the cutting plane with the exact oracle (sign-pattern enumeration), bracketed.
    """
    r1 = _rank_one(A)
    if _whitened(A) and not bias:
        p = norm_bounds([max(x, Fraction(0)) for x in y])
        m = norm_bounds([max(-x, Fraction(0)) for x in y])
        res.notes.append("certified optimum: whitened data, ||y_+|| + ||y_-||")
        return Bracket(p[0] + m[0], p[1] + m[1], "||y_+|| + ||y_-|| (lower)", "||y_+|| + ||y_-|| (upper)")
    if r1 is not None and bias and len(set(r1[0])) == len(y):
        c, a = r1
        val = interpolate_1d(c, y).value
        lo, hi = sqrt_bounds(_dot(a, a))
        res.notes.append(f"certified optimum: rank-one data, exact 1-D value {val} on x = c, divided by ||a||")
        return Bracket(val / hi, val / lo, "exact 1-D value / ||a|| (lower)", "exact 1-D value / ||a|| (upper)")
    Af = np.array([[float(x) for x in r] for r in A])
    run = cutting_plane(Af, np.array([float(x) for x in y]), bias, exact_oracle(Af, bias))
    res.notes.append(f"certified optimum: cutting plane with the exact oracle (sign patterns), "
                     f"{run.iterations} iterations, converged: {run.converged}")
    return run_bracket(A, list(y), bias, run)


def cutting_plane_cases() -> list[Case]:
    return _float_cases("ep-float-cp-")


@claim("ep.prop-3.2", "ep", "Proposition 3.2, Algorithm 1 (Section 3.5); Algorithm 3 (appendix, with bias)",
       "the cutting-plane method with the spike-free relaxation (15) reaches the optimum on spike-free data",
       "float", cutting_plane_cases, expect=CONFIRMED, needs_1d=False)
def check_cutting_plane(case: Case, ctx: Context) -> CheckResult:
    """Run the printed algorithm (case parameter ``bias`` = 0: Algorithm 1; 1: Algorithm 3) and compare
    its final network's value (an exact upper bound) with the certified optimum: CONFIRMED when it is
    within SOLVER_TOL of the certified bracket, CONTRADICTED when above it by more (or infeasible).
    The proposition's hypothesis (spike-free) is not assumed: a non-spike-free case shows what the
    relaxation does outside it.
    """
    bias = bool(case.params.get("bias", 0))
    A, y = _matrix(case), list(case.y)
    res = CheckResult("ep.prop-3.2", case.name, ERROR, "float", (EP_ALG3 if bias else EP_ALG1).describe())
    Af = np.array([[float(x) for x in r] for r in A])
    run = cutting_plane(Af, np.array([float(x) for x in y]), bias, relaxed_oracle(Af, bias))
    alg = run_bracket(A, y, bias, run)
    opt = certified_optimum(A, y, bias, res)
    name = "Algorithm 3" if bias else "Algorithm 1"
    res.notes.append(f"{name}: {run.iterations} iterations ({2 * run.iterations} neurons added), terminated by "
                     f"its own test: {run.converged}; its network's value and dual bound: {alg}")
    res.notes.append(f"certified optimum in {opt}")
    res.value = alg.text()
    res.data = {"algorithm": alg.as_json(), "optimum": opt.as_json(), "iterations": run.iterations,
                "converged": run.converged}
    # the run's own dual, scaled by the exact sup, is a rigorous lower bound too: intersect
    low = max(opt.lower, alg.lower)
    both = Bracket(low, opt.upper, opt.lower_from if low == opt.lower else alg.lower_from, opt.upper_from)
    res.notes.append(f"optimum (intersection of the rigorous brackets) in {both}")
    res.verdict = CONTRADICTED if alg.upper is None else judge(both, alg.upper, SOLVER_TOL)
    if res.verdict == CONTRADICTED:
        gap = "no feasible network" if alg.upper is None else f"{_fl(alg.upper - opt.upper)} above the optimum"
        res.notes.append(f"{name} does not reach the optimum: {gap}")
    return res


# ---------------------------------------------------------------------------------------------
# Theorem 6.1: general convex loss (logistic), 1-D


def _entropy_sum(p: Sequence[Fraction]):
    """-l*(v) = sum_i H(p_i), H(p) = -p log p - (1 - p) log(1 - p), p_i = -y_i v_i, in interval arithmetic."""
    from mpmath import iv

    from ..numeric import enclose

    total = enclose(0)
    for q in p:
        for r in (q, 1 - q):
            if r > 0:
                total -= enclose(r) * iv.log(enclose(r))
    return total


def _logistic_primal(K: list[list[Fraction]], y, w, c, beta):
    from mpmath import iv

    from ..numeric import enclose

    total = enclose(sum((abs(x) for x in w), Fraction(0)) * beta)
    for row, yi in zip(K, y):
        z = _dot(row, w) + c
        total += iv.log(1 + iv.exp(enclose(-yi * z)))
    return total


def logistic_cases() -> list[Case]:
    return _float_cases("ep-float-logistic")


@claim("ep.thm-6.1", "ep", "Theorem 6.1 (Section 6) and its appendix proof",
       "dual of (19) for a convex loss: max -l*(v) s.t. v, -v in beta Q_A^o (here: logistic loss, 1-D)", "float",
       logistic_cases, expect=CONFIRMED)
def check_logistic_dual(case: Case, ctx: Context) -> CheckResult:
    """Primal (19) with l(z, y) = sum_i log(1 + exp(-y_i z_i)), over the 1-D dictionary (2n atoms with knots
    at the data) plus the free constant column (free hidden bias, exact/interpolation.py), solved by cvxpy.
    Upper end: the primal objective at the exact rational (w, c) in interval arithmetic (the constant is
    free in the limit, so this bounds the infimum). Lower end: the dual point v_i = dl/dz_i = -y_i
    sigma(-y_i z_i), its mean removed exactly (the constant column forces 1^T v = 0), scaled so that
    sup_{|u| <= 1, b} |v^T (x u + b)_+| <= beta (exact: relu1d_sup at the breakpoints), value
    -l*(v) = sum_i H(-y_i v_i) (binary entropies; l* is finite iff -y_i v_i in [0, 1]).
    CONFIRMED when the bracket is narrower than SOLVER_TOL (zero duality gap to that accuracy); a lower end
    above the upper end (weak duality broken: a wrong dual) would be CONTRADICTED.
    """
    import cvxpy as cp

    x, y = list(case.x), list(case.y)
    beta = case.params.get("beta", Fraction(1, 2))
    res = CheckResult("ep.thm-6.1", case.name, ERROR, "float", EP_19.describe() + f"; beta = {beta}")
    if any(abs(v) != 1 for v in y):
        raise ValueError("logistic loss: labels must be +1 or -1")
    atoms = relu_atoms(x)
    K = [[a(xi, Fraction(0)) for a in atoms] for xi in x]
    Kf, yf = np.array(K, dtype=float), np.array(y, dtype=float)
    w, c = cp.Variable(len(atoms)), cp.Variable()
    solve(cp.Problem(cp.Minimize(cp.sum(cp.logistic(-cp.multiply(yf, Kf @ w + c))) + float(beta) * cp.norm1(w))),
          tol_gap_abs=1e-12, tol_gap_rel=1e-12, tol_feas=1e-12, max_iter=500)
    wq, cq = exact(w.value), Fraction(float(c.value))
    upper = upper_of(lambda: _logistic_primal(K, y, wq, cq, beta))
    z = Kf @ w.value + c.value
    v = exact(-yf / (1 + np.exp(yf * z)))
    mean = sum(v, Fraction(0)) / len(v)
    v = [vi - mean for vi in v]
    if not all(0 <= -yi * vi <= 1 for yi, vi in zip(y, v)):
        res.notes.append("the dual point left the domain of l* after removing its mean")
        return res
    sup = relu1d_sup(x, v, Fraction(0))[0]
    t, tv = scale_into(v, sup, beta)
    p = [-yi * vi for yi, vi in zip(y, tv)]
    lower = lower_of(lambda: _entropy_sum(p))
    try:
        br = Bracket(lower, upper, f"dual v = grad l(z) of the primal point, scaled by {float(t):.9g}",
                     "primal (w, c), exact")
        res.value = br.text()
    except ValueError:
        res.verdict = CONTRADICTED
        res.notes.append(f"weak duality fails: dual value {_fl(lower)} > primal value {_fl(upper)}")
        return res
    res.notes.append(f"primal (19) = dual optimum in {br}; sup |v^T (x u + b)_+| = {_fl(sup)} before scaling")
    res.verdict = CONFIRMED if br.width <= SOLVER_TOL else ERROR
    # the printed conjugate l*(v) = max_z z^T v - l(z, y), maximised numerically per coordinate,
    # against the closed form sum p log p + (1-p) log(1-p) used for the lower end
    from scipy.optimize import minimize_scalar
    num = sum(-minimize_scalar(lambda s, vi=float(vi), yi=float(yi): -(s * vi - np.logaddexp(0, -yi * s)),
                               bounds=(-60, 60), method="bounded", options={"xatol": 1e-12}).fun
              for vi, yi in zip(tv, y))
    closed = -float(lower)
    res.printed.append(audit_check("l*(v) = max_z z^T v - l(z, y) (Theorem 6.1), logistic loss", "printed definition",
                                   abs(num - closed) <= 1e-6,
                                   f"numerical max {num:.10g}, closed form sum p log p + (1-p) log(1-p) = {closed:.10g}"))
    res.printed.append(audit_check(
        "dual of (19): max -l*(v) s.t. v, -v in beta Q_A^o", "printed", res.verdict == CONFIRMED,
        "derived by Fenchel duality: max -l*(v) s.t. |v^T (a u + b)_+| <= beta for all |u| <= 1, b "
        "(the bias forces 1^T v = 0); value equals the primal within the bracket"))
    res.data = {"bracket": br.as_json()}
    return res
