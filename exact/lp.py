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
(:mod:`exact.lu`), and — if the basis is not exactly optimal — pivots exactly
(:mod:`exact.simplex`). A basis that is not even primal feasible is
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
from dataclasses import dataclass, field
from functools import cached_property
from fractions import Fraction
from typing import Iterable, Sequence

import numpy as np
from flint import fmpq

from .lu import Column, SparseLU
from .rational import fmpqs, fractions, to_fmpq
from .simplex import Tableau

Row = dict[int, Fraction]


class LPCertificateError(AssertionError):
    """The exact re-verification of a result failed (a bug, never a tolerance issue)."""


@dataclass(frozen=True)
class LinearProgram:
    """min c^T x s.t. A_eq x = b_eq, A_ub x <= b_ub, x_j >= 0 for j not in ``free``.

    Matrices are sparse rows ``{column: Fraction}``.
    """

    c: tuple[Fraction, ...]
    A_eq: tuple[Row, ...] = ()
    b_eq: tuple[Fraction, ...] = ()
    A_ub: tuple[Row, ...] = ()
    b_ub: tuple[Fraction, ...] = ()
    free: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if len(self.A_eq) != len(self.b_eq) or len(self.A_ub) != len(self.b_ub):
            raise ValueError("LinearProgram: each constraint row needs one right-hand side")
        n = len(self.c)
        for row in (*self.A_eq, *self.A_ub):
            if any(not 0 <= j < n for j in row):
                raise ValueError(f"LinearProgram: column index out of range 0..{n - 1}")

    @classmethod
    def from_dense(
        cls,
        c: Sequence,
        A_eq: Sequence[Sequence] = (),
        b_eq: Sequence = (),
        A_ub: Sequence[Sequence] = (),
        b_ub: Sequence = (),
        free: Iterable[int] = (),
    ) -> "LinearProgram":
        def rows(M: Sequence[Sequence]) -> tuple[Row, ...]:
            return tuple({j: Fraction(v) for j, v in enumerate(r) if v != 0} for r in M)

        return cls(
            tuple(Fraction(v) for v in c),
            rows(A_eq),
            tuple(Fraction(v) for v in b_eq),
            rows(A_ub),
            tuple(Fraction(v) for v in b_ub),
            frozenset(free),
        )

    @property
    def num_vars(self) -> int:
        return len(self.c)

    @cached_property
    def fmpq_rows(self) -> tuple[list[list[tuple[int, fmpq]]], list[list[tuple[int, fmpq]]]]:
        """(A_eq, A_ub) rows as fmpq pairs, for the fast exact re-checks."""
        conv = lambda M: [[(j, to_fmpq(a)) for j, a in r.items() if a] for r in M]  # noqa: E731
        return conv(self.A_eq), conv(self.A_ub)

    def dense(self) -> dict:
        """Dense string form, as stored in an ``lp`` certificate."""
        n = self.num_vars

        def dense_rows(M: tuple[Row, ...]) -> list[list[str]]:
            return [[str(r.get(j, 0)) for j in range(n)] for r in M]

        return {
            "c": [str(v) for v in self.c],
            "A_eq": dense_rows(self.A_eq),
            "b_eq": [str(v) for v in self.b_eq],
            "A_ub": dense_rows(self.A_ub),
            "b_ub": [str(v) for v in self.b_ub],
            "free": sorted(self.free),
        }


@dataclass(frozen=True)
class LPResult:
    """Exact answer of :func:`solve_lp` (fields by status, others ``None``).

    ``status`` is 'optimal', 'infeasible' or 'unbounded'. For 'optimal':
    ``x``, ``y_eq``, ``z_ub`` (dual, z <= 0) and ``value`` = c^T x = b^T (y, z).
    For 'infeasible': ``farkas_eq``, ``farkas_ub``. For 'unbounded': a
    feasible ``x`` and a ``ray``. ``warm_start_optimal`` says whether the
    float basis was exactly optimal without a single exact pivot.
    """

    status: str
    value: Fraction | None = None
    x: tuple[Fraction, ...] | None = None
    y_eq: tuple[Fraction, ...] | None = None
    z_ub: tuple[Fraction, ...] | None = None
    farkas_eq: tuple[Fraction, ...] | None = None
    farkas_ub: tuple[Fraction, ...] | None = None
    ray: tuple[Fraction, ...] | None = None
    basis: tuple[int, ...] = ()
    warm_start_optimal: bool = False
    pivots: int = 0
    phase_one: bool = False
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    def certificate_body(self) -> dict:
        """The solution part of an ``lp`` certificate (strings)."""
        s = lambda v: None if v is None else [str(q) for q in v]  # noqa: E731
        body: dict = {"status": self.status, "value": None if self.value is None else str(self.value)}
        if self.status == "optimal":
            body["primal"] = {"x": s(self.x)}
            body["dual"] = {"y_eq": s(self.y_eq), "y_ub": s(self.z_ub)}
        elif self.status == "infeasible":
            body["farkas"] = {"y_eq": s(self.farkas_eq), "y_ub": s(self.farkas_ub)}
        else:
            body["primal"] = {"x": s(self.x)}
            body["ray"] = s(self.ray)
        return body


@dataclass
class StandardForm:
    """min cost^T X, columns X = rhs, X >= 0, with the map back to the original variables."""

    m: int
    columns: list[Column]
    cost: list[fmpq]
    rhs: Column
    origin: list[tuple[str, int, int]]  # per column: ('var', j, +-1) or ('slack', i, 1)

    @classmethod
    def of(cls, lp: LinearProgram) -> "StandardForm":
        m_eq = len(lp.A_eq)
        rows = list(lp.A_eq) + list(lp.A_ub)
        by_var: list[Column] = [{} for _ in range(lp.num_vars)]
        for i, row in enumerate(rows):
            for j, v in row.items():
                if v != 0:
                    by_var[j][i] = to_fmpq(v)
        columns: list[Column] = []
        cost: list[fmpq] = []
        origin: list[tuple[str, int, int]] = []
        for j, col in enumerate(by_var):
            cj = to_fmpq(lp.c[j])
            columns.append(col)
            cost.append(cj)
            origin.append(("var", j, 1))
            if j in lp.free:
                columns.append({i: -v for i, v in col.items()})
                cost.append(-cj)
                origin.append(("var", j, -1))
        for k in range(len(lp.A_ub)):
            columns.append({m_eq + k: fmpq(1)})
            cost.append(fmpq(0))
            origin.append(("slack", m_eq + k, 1))
        rhs = {i: to_fmpq(v) for i, v in enumerate(list(lp.b_eq) + list(lp.b_ub)) if v != 0}
        return cls(len(rows), columns, cost, rhs, origin)

    def original_x(self, X: list[fmpq], n: int) -> list[fmpq]:
        x = [fmpq(0)] * n
        for (kind, j, sign), v in zip(self.origin, X):
            if kind == "var" and v != 0:
                x[j] += sign * v
        return x


def run_highs(A, cost: np.ndarray, b: np.ndarray):
    """HiGHS on min cost^T x, A x = b, x >= 0 (A a scipy CSC matrix); returns the solved ``Highs``."""
    import highspy

    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = A.shape[1], A.shape[0]
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(A.shape[1])
    lp.col_upper_ = np.full(A.shape[1], highspy.kHighsInf)
    lp.row_lower_, lp.row_upper_ = b, b
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = A.indptr, A.indices, A.data
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = A.shape[1], A.shape[0]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.passModel(lp)
    h.run()
    return h


def _highs_basis(sf: StandardForm) -> list[int]:
    """Columns HiGHS reports basic at its (floating-point) optimum."""
    import highspy
    import scipy.sparse as sp

    rows, cols, vals = [], [], []
    for j, col in enumerate(sf.columns):
        for i, v in col.items():
            rows.append(i)
            cols.append(j)
            vals.append(float(v))
    A = sp.csc_matrix((vals, (rows, cols)), shape=(sf.m, len(sf.columns)))
    b = np.zeros(sf.m)
    for i, v in sf.rhs.items():
        b[i] = float(v)
    basis = run_highs(A, np.array([float(v) for v in sf.cost]), b).getBasis()
    if not basis.valid:
        return []
    return [j for j, s in enumerate(basis.col_status) if s == highspy.HighsBasisStatus.kBasic]


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


def _phase_one(sf: StandardForm) -> tuple[Tableau | None, list[fmpq] | None]:
    """Exact phase 1 from the all-artificial basis.

    Returns a primal feasible tableau for the original costs, or
    ``(None, y)`` with a Farkas vector y: A^T y <= 0 and b^T y > 0.
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
        return None, t.duals()
    t.cost = sf.cost
    t.fixed_zero = set(art_cols)
    return t, None


def solve_lp(lp: LinearProgram, warm_basis: list[int] | None = None) -> LPResult:
    """Solve ``lp`` exactly (see module doc). ``warm_basis`` overrides HiGHS.

    ``warm_basis`` lists standard-form columns (see :class:`StandardForm`);
    tests use it to feed a deliberately wrong basis.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    sf = StandardForm.of(lp)
    basic = _highs_basis(sf) if warm_basis is None else list(warm_basis)
    timings["float"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    chosen, artificial = _complete_basis(sf, basic)
    tab = Tableau(sf.m, sf.columns, sf.cost, sf.rhs, chosen, fixed_zero=artificial)
    phase_one = False
    if not tab.primal_feasible():
        phase_one = True
        sf = StandardForm.of(lp)
        tab, farkas = _phase_one(sf)
        if tab is None:
            res = _infeasible_result(lp, sf, farkas, timings, t1)
            verify_infeasible(lp, res)
            return res
    status = tab.run()
    pivots = tab.pivots
    x_std = tab.solution()
    x = fractions(sf.original_x(x_std, lp.num_vars))
    timings["exact"] = time.perf_counter() - t1
    if status == "unbounded":
        ray_std = [fmpq(0)] * len(sf.columns)
        for j, v in tab.ray.items():
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


def _dual_row_sums(lp: LinearProgram, y: Sequence[Fraction], z: Sequence[Fraction]) -> list[Fraction]:
    """(A_eq^T y + A_ub^T z)_j for every variable j."""
    return fractions(_dual_sums_fmpq(lp, fmpqs(y), fmpqs(z)))


def _dual_sums_fmpq(lp: LinearProgram, y: list[fmpq], z: list[fmpq]) -> list[fmpq]:
    s = [fmpq(0)] * lp.num_vars
    for rows, mult in ((lp.fmpq_rows[0], y), (lp.fmpq_rows[1], z)):
        for row, yi in zip(rows, mult):
            if yi:
                for j, a in row:
                    s[j] += a * yi
    return s


def _primal_problems(lp: LinearProgram, x: Sequence[Fraction], rhs: bool = True) -> list[str]:
    out = []
    xq = fmpqs(x)
    for kind, rows, bs in (("equality", lp.fmpq_rows[0], lp.b_eq), ("inequality", lp.fmpq_rows[1], lp.b_ub)):
        for i, (row, bi) in enumerate(zip(rows, bs)):
            lhs = sum((a * xq[j] for j, a in row if xq[j]), fmpq(0))
            target = to_fmpq(bi) if rhs else 0
            if (lhs != target) if kind == "equality" else (lhs > target):
                out.append(f"{kind} row {i}")
    out += [f"x[{j}] < 0" for j, v in enumerate(x) if j not in lp.free and v < 0]
    return out


def verify_optimal(lp: LinearProgram, res: LPResult) -> None:
    """Exact re-check of primal feasibility, dual feasibility and equal objectives."""
    problems = _primal_problems(lp, res.x)
    problems += [f"z_ub[{i}] > 0" for i, v in enumerate(res.z_ub) if v > 0]
    sums = _dual_sums_fmpq(lp, fmpqs(res.y_eq), fmpqs(res.z_ub))
    for j, (s, c) in enumerate(zip(sums, fmpqs(lp.c))):
        if (s != c) if j in lp.free else (s > c):
            problems.append(f"dual constraint of x[{j}]")
    dual_value = sum((b * y for b, y in zip(lp.b_eq, res.y_eq)), Fraction(0)) + sum(
        (b * z for b, z in zip(lp.b_ub, res.z_ub)), Fraction(0)
    )
    if dual_value != res.value:
        problems.append(f"dual value {dual_value} != primal value {res.value}")
    if problems:
        raise LPCertificateError("exact optimality check failed: " + "; ".join(problems))


def verify_infeasible(lp: LinearProgram, res: LPResult) -> None:
    y, z = res.farkas_eq, res.farkas_ub
    problems = [f"z[{i}] > 0" for i, v in enumerate(z) if v > 0]
    for j, s in enumerate(_dual_row_sums(lp, y, z)):
        if (s != 0) if j in lp.free else (s > 0):
            problems.append(f"Farkas column {j}")
    if sum((b * v for b, v in zip(lp.b_eq, y)), Fraction(0)) + sum(
        (b * v for b, v in zip(lp.b_ub, z)), Fraction(0)
    ) <= 0:
        problems.append("b^T y <= 0")
    if problems:
        raise LPCertificateError("exact Farkas check failed: " + "; ".join(problems))


def verify_unbounded(lp: LinearProgram, res: LPResult) -> None:
    problems = _primal_problems(lp, res.x) + ["ray: " + p for p in _primal_problems(lp, res.ray, rhs=False)]
    if sum((c * d for c, d in zip(lp.c, res.ray)), Fraction(0)) >= 0:
        problems.append("ray does not decrease the objective")
    if problems:
        raise LPCertificateError("exact unboundedness check failed: " + "; ".join(problems))
