"""Exact linear programming with a floating-point warm start.

Problem (original form, built with :class:`LinearProgram`)::

    min c^T x  s.t.  A_eq x = b_eq,  A_ub x <= b_ub,  x_j >= 0 for j not in free.

Dual (the convention of every certificate): max b_eq^T y + b_ub^T z with
z <= 0, (A_eq^T y + A_ub^T z)_j <= c_j for sign-constrained j and = c_j for
free j.

:func:`solve_lp` converts to standard form (free x_j = x_j^+ - x_j^-, a slack
per <= row), asks HiGHS for an optimal basis, completes it to a nonsingular
basis with artificial unit columns fixed at zero (HiGHS returns basic
logicals on degenerate problems), solves the basis systems exactly
(:mod:`exact.lp.lu`), and — if the basis is not exactly optimal — pivots exactly
(:mod:`exact.lp.simplex`). A basis that is not even primal feasible is
abandoned for an exact two-phase simplex. Infeasible problems get a Farkas
vector, unbounded ones a ray. Finally :func:`verify_optimal` re-checks the
answer from scratch: the result never depends on a float tolerance, only the
running time does.

>>> from fractions import Fraction as F
>>> lp = LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 2]], b_eq=[3])
>>> res = solve_lp(lp)
>>> res.status, res.value, res.x
('optimal', Fraction(3, 2), (Fraction(0, 1), Fraction(3, 2)))
"""

from __future__ import annotations

import time
from fractions import Fraction

from flint import fmpq

from ..numbers import fractions
from .highs import highs_basis
from .lu import SparseLU
from .problem import LinearProgram, LPResult, StandardForm
from .simplex import Tableau
from .verify import verify_infeasible, verify_optimal, verify_unbounded


def _complete_basis(sf: StandardForm, basic: list[int]) -> tuple[list[int], set[int]]:
    """Drop dependent columns and add artificial unit columns on uncovered rows.

    Returns the basis and the set of artificial column indices (appended to
    ``sf.columns`` with zero cost). The exact partial LU proves independence.
    """
    lu = SparseLU.factor(sf.m, [sf.columns[j] for j in basic], partial=True)
    chosen = [basic[q] for q in lu.pivot_columns]
    covered = set(lu.pivot_rows)
    artificial: set[int] = set()
    for i in range(sf.m):
        if i not in covered:
            sf.columns.append({i: fmpq(1)})
            sf.cost.append(fmpq(0))
            sf.origin.append(("artificial", i, 1))
            artificial.add(len(sf.columns) - 1)
            chosen.append(len(sf.columns) - 1)
    return chosen, artificial


def _phase_one(sf: StandardForm) -> Tableau | list[fmpq]:
    """Exact phase 1 from the all-artificial basis.

    Returns a primal feasible tableau for the original costs, or a Farkas vector y: A^T y <= 0 and
    b^T y > 0.
    """
    n0 = len(sf.columns)
    art_cols = []
    for i in range(sf.m):
        sign = fmpq(-1) if sf.rhs.get(i, 0) < 0 else fmpq(1)
        sf.columns.append({i: sign})
        sf.cost.append(fmpq(0))
        sf.origin.append(("artificial", i, 1))
        art_cols.append(n0 + i)
    phase_cost = [fmpq(0)] * n0 + [fmpq(1)] * sf.m
    t = Tableau(sf.m, sf.columns, phase_cost, sf.rhs, list(art_cols))
    t.run()
    infeasibility = sum((t.x_basic[r] for r, j in enumerate(t.basis) if j >= n0), fmpq(0))
    if infeasibility > 0:
        return t.duals()
    t.cost = sf.cost
    t.fixed_zero = set(art_cols)
    return t


def solve_lp(lp: LinearProgram, warm_basis: list[int] | None = None) -> LPResult:
    """Solve ``lp`` exactly (see module doc). ``warm_basis`` overrides HiGHS.

    ``warm_basis`` lists standard-form columns (see :class:`StandardForm`);
    tests use it to feed a deliberately wrong basis.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    sf = StandardForm.of(lp)
    basic = highs_basis(sf) if warm_basis is None else list(warm_basis)
    timings["float"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    chosen, artificial = _complete_basis(sf, basic)
    tab = Tableau(sf.m, sf.columns, sf.cost, sf.rhs, chosen, fixed_zero=artificial)
    phase_one = False
    if not tab.primal_feasible():
        phase_one = True
        sf = StandardForm.of(lp)
        phase = _phase_one(sf)
        if isinstance(phase, list):
            res = _infeasible_result(lp, sf, phase, timings, t1)
            verify_infeasible(lp, res)
            return res
        tab = phase
    status = tab.run()
    pivots = tab.pivots
    x_std = tab.solution()
    x = fractions(sf.original_x(x_std, lp.num_vars))
    timings["exact"] = time.perf_counter() - t1
    if status == "unbounded":
        ray_std = [fmpq(0)] * len(sf.columns)
        for j, v in (tab.ray or {}).items():  # an empty ray fails verify_unbounded
            ray_std[j] = v
        res = LPResult(
            "unbounded", x=x, ray=fractions(sf.original_x(ray_std, lp.num_vars)),
            basis=tuple(tab.basis), pivots=pivots, phase_one=phase_one, timings=timings,
        )
        verify_unbounded(lp, res)
        return res
    y = fractions(tab.duals())
    m_eq = len(lp.A_eq)
    res = LPResult(
        "optimal",
        value=sum((c * v for c, v in zip(lp.c, x) if v), Fraction(0)),
        x=x,
        y_eq=y[:m_eq],
        z_ub=y[m_eq:],
        basis=tuple(tab.basis),
        warm_start_optimal=(pivots == 0 and not phase_one),
        pivots=pivots,
        phase_one=phase_one,
        timings=timings,
    )
    t2 = time.perf_counter()
    verify_optimal(lp, res)
    timings["verify"] = time.perf_counter() - t2
    return res


def _infeasible_result(lp, sf, farkas, timings, t1) -> LPResult:
    y = fractions(farkas)
    m_eq = len(lp.A_eq)
    timings["exact"] = time.perf_counter() - t1
    return LPResult("infeasible", farkas_eq=y[:m_eq], farkas_ub=y[m_eq:], phase_one=True, timings=timings)

