"""The exact linear program and its answer (the data of an ``lp`` certificate).

Original form::

    min c^T x  s.t.  A_eq x = b_eq,  A_ub x <= b_ub,  x_j >= 0 for j not in free.

Dual (the convention of every certificate): max b_eq^T y + b_ub^T z with
z <= 0, (A_eq^T y + A_ub^T z)_j <= c_j for sign-constrained j and = c_j for
free j.

>>> lp = LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 2]], b_eq=[3])
>>> lp.num_vars, lp.A_eq
(2, ({0: Fraction(1, 1), 1: Fraction(2, 1)},))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Iterable, Sequence

from flint import fmpq

from ..numbers import to_fmpq
from .lu import Column

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

    def as_json(self) -> dict:
        """Dense string form, as stored in an ``lp`` certificate's ``data.problem``."""
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
class Optimum:
    """An optimal primal-dual pair: ``value`` = c^T x = b_eq^T y_eq + b_ub^T z_ub, z_ub <= 0."""

    value: Fraction
    x: tuple[Fraction, ...]
    y_eq: tuple[Fraction, ...]
    z_ub: tuple[Fraction, ...]


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

    def optimum(self) -> Optimum:
        """The optimal solution with its dual; a non-optimal result is a ValueError naming its status."""
        if self.status != "optimal" or self.value is None or self.x is None or self.y_eq is None or self.z_ub is None:
            raise ValueError(f"the LP is {self.status}, not optimal")
        return Optimum(self.value, self.x, self.y_eq, self.z_ub)

    def farkas(self) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """The Farkas multipliers (y_eq, y_ub) of an infeasible result."""
        if self.status != "infeasible" or self.farkas_eq is None or self.farkas_ub is None:
            raise ValueError(f"the LP is {self.status}, not infeasible")
        return self.farkas_eq, self.farkas_ub

    def unbounded(self) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """A feasible point and an improving ray (x, d) of an unbounded result."""
        if self.status != "unbounded" or self.x is None or self.ray is None:
            raise ValueError(f"the LP is {self.status}, not unbounded")
        return self.x, self.ray

    def certificate_body(self) -> dict:
        """The relation and evidence of an ``lp`` certificate (rationals as strings)."""
        s = lambda v: [str(q) for q in v]  # noqa: E731
        if self.status == "optimal":
            o = self.optimum()
            return {"relation": {"type": "equals", "value": str(o.value)}, "primal": {"x": s(o.x)},
                    "dual": {"y_eq": s(o.y_eq), "y_ub": s(o.z_ub)}}
        if self.status == "infeasible":
            y, z = self.farkas()
            return {"relation": {"type": "infeasible"}, "farkas": {"y_eq": s(y), "y_ub": s(z)}}
        x, d = self.unbounded()
        return {"relation": {"type": "unbounded"}, "primal": {"x": s(x)}, "ray": s(d)}


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

