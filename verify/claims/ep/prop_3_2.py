"""ep.prop-3.2: the cutting-plane Algorithm 1 (no bias) / Algorithm 3 (with bias) reaches the optimum.

The printed algorithm runs in float (:mod:`verify.numeric.cutting_plane`) and its final network's value
(an exact upper bound) is compared with a certified optimum: whitened data ||y_+|| + ||y_-||, rank-one
data the exact 1-D value, otherwise the cutting plane with the exact oracle, bracketed.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from cases import Case
from exact.linalg import dot
from exact.numbers import sqrt_bounds
from exact.relu.interpolation import interpolate_1d
from exact.relu.rank_one import factor_rank_one

from ...context import Context
from ...conventions import EP_ALG1, EP_ALG3
from ...numeric import SOLVER_TOL, Bracket, locate, norm_bounds
from ...numeric.cutting_plane import cutting_plane, exact_oracle, relaxed_oracle, run_bracket
from ...registry import claim
from ...requirements import Data, Needs, Parameter
from ...result import CONFIRMED, CONTRADICTED, ERROR, Draft, confirmed
from ._shared import fl, matrix_of, named_cases


def _whitened(A) -> bool:
    n = len(A)
    return all(dot(A[i], A[j]) == (i == j) for i in range(n) for j in range(n))


def _rank_one(A) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None:
    """(c, a) with A = c a^T and c >= 0, else None."""
    try:
        c, a = factor_rank_one(A)
    except ValueError:
        return None
    return (c, a) if all(ci >= 0 for ci in c) else None


def certified_optimum(A, y, bias: bool, res: Draft) -> Bracket:
    """The optimum of (4) / (21), certified independently of the algorithm under test.

    * Whitened A (A A^T = I exactly), no bias: {A u : ||u|| <= 1} is the unit ball of R^n, so
      sup_u v^T (A u)_+ = ||v_+|| and the dual (12) is max v^T y s.t. ||v_+|| <= 1, ||v_-|| <= 1,
      whose value is ||y_+|| + ||y_-|| (v = y_+/||y_+|| - y_-/||y_-||; and v^T y <= v_+^T y_+ + v_-^T y_-).
      The primal (u_1 = A^T y_+/||y_+||, u_2 = A^T y_-/||y_-||) attains it.
    * Rank-one A = c a^T, c >= 0, free bias: the exact 1-D value interpolate_1d(c, y) / ||a||
      (exact.relu.rank_one.RankOneReduction).
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
        lo, hi = sqrt_bounds(dot(a, a))
        res.notes.append(f"certified optimum: rank-one data, exact 1-D value {val} on x = c, divided by ||a||")
        return Bracket(val / hi, val / lo, "exact 1-D value / ||a|| (lower)", "exact 1-D value / ||a|| (upper)")
    Af = np.array([[float(x) for x in r] for r in A])
    run = cutting_plane(Af, np.array([float(x) for x in y]), bias, exact_oracle(Af, bias))
    res.notes.append(f"certified optimum: cutting plane with the exact oracle (sign patterns), "
                     f"{run.iterations} iterations, converged: {run.converged}")
    return run_bracket(A, list(y), bias, run)


def cutting_plane_cases() -> list[Case]:
    return named_cases("ep-float-cp-")


BIAS = Parameter("bias", "0: Algorithm 1 (no hidden bias); 1: Algorithm 3 (with a hidden bias)", Fraction(0),
                 "ep Section 3.5 (Algorithm 1), appendix (Algorithm 3)")


@claim("ep.prop-3.2", "ep", "Proposition 3.2, Algorithm 1 (Section 3.5); Algorithm 3 (appendix, with bias)",
       "the cutting-plane method with the spike-free relaxation (15) reaches the optimum on spike-free data",
       "float", cutting_plane_cases, expect=CONFIRMED, needs=Needs(Data.MATRIX, parameters=(BIAS,)))
def check_cutting_plane(case: Case, ctx: Context) -> Draft:
    """Run the printed algorithm (case parameter ``bias`` = 0: Algorithm 1; 1: Algorithm 3) and compare
    its final network's value (an exact upper bound) with the certified optimum: CONFIRMED when it is
    within SOLVER_TOL of the certified bracket, CONTRADICTED when above it by more (or infeasible).
    The proposition's hypothesis (spike-free) is not assumed: a non-spike-free case shows what the
    relaxation does outside it.
    """
    bias = bool(BIAS.of(case))
    A, y = matrix_of(case), list(case.y)
    res = Draft("ep.prop-3.2", case.name, ERROR, "float", EP_ALG3 if bias else EP_ALG1)
    Af = np.array([[float(x) for x in r] for r in A])
    run = cutting_plane(Af, np.array([float(x) for x in y]), bias, relaxed_oracle(Af, bias))
    alg = run_bracket(A, y, bias, run)
    opt = certified_optimum(A, y, bias, res)
    name = "Algorithm 3" if bias else "Algorithm 1"
    res.notes.append(f"{name}: {run.iterations} iterations ({2 * run.iterations} neurons added), terminated by "
                     f"its own test: {run.converged}; its network's value and dual bound: {alg}")
    res.notes.append(f"certified optimum in {opt}")
    res.value = alg
    res.data = {"algorithm": alg.as_json(), "optimum": opt.as_json(), "iterations": run.iterations,
                "converged": run.converged}
    # the run's own dual, scaled by the exact sup, is a rigorous lower bound too: intersect
    low = max(opt.lower, alg.lower)
    both = Bracket(low, opt.upper, opt.lower_from if low == opt.lower else alg.lower_from, opt.upper_from)
    res.notes.append(f"optimum (intersection of the rigorous brackets) in {both}")
    res.verdict = CONTRADICTED if alg.upper is None else confirmed(locate(both, alg.upper, SOLVER_TOL))
    if res.verdict == CONTRADICTED:
        gap = "no feasible network" if alg.upper is None else f"{fl(alg.upper - opt.upper)} above the optimum"
        res.notes.append(f"{name} does not reach the optimum: {gap}")
    return res
