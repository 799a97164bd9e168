"""Exact linear programming with a floating-point warm start.

Problem (original form, built with :class:`LinearProgram`)::

    min c^T x  s.t.  A_eq x = b_eq,  A_ub x <= b_ub,  x_j >= 0 for j not in free.

Dual (the convention of every certificate): max b_eq^T y + b_ub^T z with
z <= 0, (A_eq^T y + A_ub^T z)_j <= c_j for sign-constrained j and = c_j for
free j.

:func:`solve_lp` converts to standard form (free x_j = x_j^+ - x_j^-, a slack
per <= row), asks HiGHS for an optimal basis, completes it to a nonsingular
basis with artificial unit columns fixed at zero, first on the rows whose
logicals HiGHS reports basic (degenerate problems have many: the dual of the
basis depends on which rows they are, so another completion is primal-equal
but generally not dual feasible), solves the basis systems exactly
(:mod:`exact.lp.lu`), and — if the basis is not exactly optimal — pivots exactly
(:mod:`exact.lp.simplex`). A basis that is not even primal feasible (or none,
HiGHS finding the problem infeasible) leads to the exact phase 1, an LP itself,
warm-started the same way from HiGHS's basis of it. Infeasible problems get a
Farkas vector, unbounded ones a ray. Finally :func:`verify_optimal` re-checks
the answer from scratch: the result never depends on a float tolerance, only
the running time does. :func:`feasible_point` stops at an exact feasible basis
(an upper bound, not proved optimal).

>>> from fractions import Fraction as F
>>> lp = LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 2]], b_eq=[3])
>>> res = solve_lp(lp)
>>> res.status, res.value, res.x
('optimal', Fraction(3, 2), (Fraction(0, 1), Fraction(3, 2)))
"""

from __future__ import annotations

import time
from fractions import Fraction
from typing import Sequence

from flint import fmpq

from ..numbers import fractions
from .highs import highs_basis
from .lu import SparseLU
from .problem import LinearProgram, LPResult, StandardForm
from .simplex import Tableau
from .verify import verify_feasible, verify_infeasible, verify_optimal, verify_unbounded


def _complete_basis(sf: StandardForm, basic: list[int], rows: Sequence[int] = ()
                    ) -> tuple[list[int], set[int], SparseLU | None]:
    """Drop dependent columns and add artificial unit columns: first on the ``rows`` whose logicals HiGHS
    reports basic, then on every row still uncovered.

    Returns the basis, the set of artificial column indices (appended to ``sf.columns`` with zero cost,
    fixed at zero) and, when the candidates already form the whole basis (the usual case: HiGHS's columns
    and logicals), their exact LU, which then need not be factored again. The exact partial LU proves
    independence.
    """
    artificial: set[int] = set()

    def unit(i: int) -> int:
        sf.columns.append({i: fmpq(1)})
        sf.cost.append(fmpq(0))
        sf.origin.append(("artificial", i, 1))
        artificial.add(len(sf.columns) - 1)
        return len(sf.columns) - 1

    candidates = list(basic) + [unit(i) for i in rows]
    lu = SparseLU.factor(sf.m, [sf.columns[j] for j in candidates], partial=True)
    if len(lu.pivots) == len(candidates) == sf.m:
        return candidates, artificial, lu
    chosen = [candidates[q] for q in lu.pivot_columns]
    covered = set(lu.pivot_rows)
    chosen += [unit(i) for i in range(sf.m) if i not in covered]
    return chosen, artificial, None


def _phase_one(sf: StandardForm) -> Tableau | list[fmpq]:
    """Exact phase 1, min sum of the artificials a_i (one per row, signed like b_i): itself an LP, so it starts
    from HiGHS's optimal basis of it (completed and checked exactly as in :func:`solve_lp`), or from the
    all-artificial basis (always primal feasible) when that basis is not exactly feasible.

    Returns a primal feasible tableau for the original costs (the artificials fixed at 0), or a Farkas vector
    y: the phase-1 optimum is positive, and its dual has A^T y <= 0 (the original columns' reduced costs
    0 - a_j^T y >= 0) and b^T y = the optimum > 0.
    """
    n0 = len(sf.columns)
    for i in range(sf.m):
        sf.columns.append({i: fmpq(-1) if sf.rhs.get(i, 0) < 0 else fmpq(1)})
        sf.origin.append(("artificial", i, 1))
    art_cols = set(range(n0, n0 + sf.m))
    phase = StandardForm(sf.m, sf.columns, [fmpq(0)] * n0 + [fmpq(1)] * sf.m, sf.rhs, sf.origin)
    chosen, completion, lu = _complete_basis(phase, *highs_basis(phase))
    t = Tableau(sf.m, sf.columns, phase.cost, sf.rhs, chosen, fixed_zero=completion, factors=lu)
    if not t.primal_feasible():
        t = Tableau(sf.m, sf.columns, phase.cost, sf.rhs, sorted(art_cols), fixed_zero=completion)
    t.run()
    if sum((t.x_basic[r] for r, j in enumerate(t.basis) if j in art_cols), fmpq(0)) > 0:
        return t.duals()
    sf.cost += [fmpq(0)] * (len(sf.columns) - n0)
    t.cost, t.fixed_zero = sf.cost, completion | art_cols
    return t


def _feasible_start(lp: LinearProgram, warm_basis: list[int] | None, timings: dict[str, float]
                    ) -> tuple[StandardForm, Tableau | list[fmpq], bool]:
    """(standard form, a primal feasible tableau or a Farkas vector, whether phase 1 ran): the warm basis (HiGHS's
    unless given) completed, or :func:`_phase_one` when it is not exactly primal feasible."""
    t0 = time.perf_counter()
    sf = StandardForm.of(lp)
    pristine = StandardForm(sf.m, list(sf.columns), list(sf.cost), sf.rhs, list(sf.origin))  # before completion
    basic, rows = highs_basis(sf) if warm_basis is None else (list(warm_basis), [])
    timings["float"] = time.perf_counter() - t0
    chosen, artificial, lu = _complete_basis(sf, basic, rows)
    tab = Tableau(sf.m, sf.columns, sf.cost, sf.rhs, chosen, fixed_zero=artificial, factors=lu)
    if tab.primal_feasible():
        return sf, tab, False
    return pristine, _phase_one(pristine), True


def feasible_point(lp: LinearProgram) -> tuple[Fraction, ...] | None:
    """An exact basic feasible point of ``lp`` from HiGHS's optimal basis (phase 1 when it is not exactly
    feasible), NOT proved optimal: its cost is an upper bound of the minimum (within HiGHS's tolerances of it),
    for a caller that only needs a certified bound; None when ``lp`` is infeasible (Farkas-checked).

    >>> feasible_point(LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 2]], b_eq=[3]))
    (Fraction(0, 1), Fraction(3, 2))
    """
    timings: dict[str, float] = {}
    sf, start, _ = _feasible_start(lp, None, timings)
    if isinstance(start, list):
        verify_infeasible(lp, _infeasible_result(lp, start, timings, time.perf_counter()))
        return None
    x = fractions(sf.original_x(start.solution(), lp.num_vars))
    verify_feasible(lp, x)
    return x


def solve_lp(lp: LinearProgram, warm_basis: list[int] | None = None) -> LPResult:
    """Solve ``lp`` exactly (see module doc). ``warm_basis`` overrides HiGHS.

    ``warm_basis`` lists standard-form columns (see :class:`StandardForm`);
    tests use it to feed a deliberately wrong basis.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    sf, start, phase_one = _feasible_start(lp, warm_basis, timings)
    t1 = t0 + timings["float"]
    if isinstance(start, list):
        res = _infeasible_result(lp, start, timings, t1)
        verify_infeasible(lp, res)
        return res
    tab = start
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


def _infeasible_result(lp, farkas, timings, t1) -> LPResult:
    y = fractions(farkas)
    m_eq = len(lp.A_eq)
    timings["exact"] = time.perf_counter() - t1
    return LPResult("infeasible", farkas_eq=y[:m_eq], farkas_ub=y[m_eq:], phase_one=True, timings=timings)

