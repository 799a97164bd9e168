"""Exact revised simplex on a standard-form LP: min c^T x, A x = b, x >= 0.

Used to *repair* a floating-point warm start: HiGHS proposes a basis, the
exact code proves it optimal or pivots until it is. The entering column is the
most negative reduced cost (Dantzig: few pivots when HiGHS's basis is off by
tolerance-sized reduced costs, where the smallest index wanders); after
``STALL`` pivots without a strict decrease of the objective it is Bland's
smallest index until the next strict decrease. No cycling: a strict decrease
never returns to an earlier basis, and a degenerate stretch under Bland's rule
ends (Bland 1977). The basis inverse is kept as an exact sparse LU of the
last refactorised basis plus an eta file (product form of the inverse): a
pivot in position r with entering column a_q, d = B^{-1} a_q, gives
B'^{-1} = eta B^{-1} with (eta z)_r = z_r / d_r, (eta z)_i = z_i - d_i z_r / d_r.
So a pivot costs two triangular solves and the eta file, never a new
factorisation (that happens every ``REFACTOR_EVERY`` pivots).

Columns with index in ``fixed_zero`` are artificial unit columns that must
stay at 0 (they complete a rank-deficient float basis or remain from phase 1
in redundant rows): they never enter, and they leave as soon as a pivot
would move them (ratio 0, whatever the sign of d_r).

>>> from flint import fmpq
>>> cols = [{0: fmpq(1)}, {0: fmpq(2)}]          # min x0 + x1, x0 + 2 x1 = 3
>>> t = Tableau(1, cols, [fmpq(1), fmpq(1)], {0: fmpq(3)}, [0])
>>> t.run()
'optimal'
>>> t.basis, t.x_basic
([1], [3/2])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flint import fmpq

from .lu import Column, SparseLU

REFACTOR_EVERY = 64
STALL = 50  # degenerate Dantzig pivots in a row before Bland's rule takes over
MAX_PIVOTS = 1_000_000  # a guard against bugs, not a tolerance


@dataclass
class Tableau:
    """A basis of the standard-form LP with its exact factors and values."""

    m: int
    columns: list[Column]
    cost: list[fmpq]
    rhs: Column
    basis: list[int]  # basis[r] = column basic in position r
    fixed_zero: set[int] = field(default_factory=set)
    pivots: int = 0
    x_basic: list[fmpq] = field(default_factory=list)
    ray: dict[int, fmpq] | None = None
    factors: SparseLU | None = None  # the exact LU of the basis columns in this order, when already known

    def __post_init__(self) -> None:
        self.refactor(self.factors)

    def refactor(self, lu: SparseLU | None = None) -> None:
        self._lu = lu or SparseLU.factor(self.m, [self.columns[j] for j in self.basis])
        self._etas: list[tuple[int, list[fmpq]]] = []
        self.x_basic = self.ftran(self.rhs)

    def ftran(self, a: Column) -> list[fmpq]:
        z = self._lu.solve(a)
        for r, d in self._etas:
            zr = z[r] / d[r]
            if zr != 0:
                for i, di in enumerate(d):
                    if di != 0:
                        z[i] -= di * zr
            z[r] = zr
        return z

    def btran(self, c: list[fmpq]) -> list[fmpq]:
        w = list(c)
        for r, d in reversed(self._etas):
            s = w[r]
            for i, di in enumerate(d):
                if i != r and di != 0:
                    s -= di * w[i]
            w[r] = s / d[r]
        return self._lu.solve_transpose(dict(enumerate(w)))

    def duals(self) -> list[fmpq]:
        return self.btran([self.cost[j] for j in self.basis])

    def reduced_cost(self, j: int, y: list[fmpq]) -> fmpq:
        s = self.cost[j]
        for i, a in self.columns[j].items():
            s -= a * y[i]
        return s

    def primal_feasible(self) -> bool:
        return all(
            (v == 0) if self.basis[r] in self.fixed_zero else (v >= 0)
            for r, v in enumerate(self.x_basic)
        )

    def entering(self, y: list[fmpq], bland: bool) -> int | None:
        """A nonbasic column with negative reduced cost: the most negative (ties: smallest index), or with
        ``bland`` the smallest index; None when there is none (the basis is optimal)."""
        basic = set(self.basis)
        best: tuple[fmpq, int] | None = None
        for j in range(len(self.columns)):
            if j in basic or j in self.fixed_zero:
                continue
            d = self.reduced_cost(j, y)
            if d < 0:
                if bland:
                    return j
                if best is None or d < best[0]:
                    best = (d, j)
        return None if best is None else best[1]

    def leaving(self, d: list[fmpq]) -> int | None:
        """Ratio test; artificials leave first, ties by smallest column index."""
        best: tuple | None = None
        for r, dr in enumerate(d):
            if dr == 0:
                continue
            j = self.basis[r]
            if j in self.fixed_zero:
                key = (fmpq(0), 0, j)
            elif dr > 0:
                key = (self.x_basic[r] / dr, 1, j)
            else:
                continue
            if best is None or key < best[0]:
                best = (key, r)
        return None if best is None else best[1]

    def pivot(self, r: int, q: int, d: list[fmpq]) -> None:
        theta = self.x_basic[r] / d[r]
        if theta != 0:
            for i, di in enumerate(d):
                if di != 0:
                    self.x_basic[i] -= theta * di
        self.x_basic[r] = theta
        self.basis[r] = q
        self._etas.append((r, d))
        self.pivots += 1
        if len(self._etas) >= REFACTOR_EVERY:
            self.refactor()

    def run(self) -> str:
        """Primal simplex from a primal feasible basis: 'optimal' or 'unbounded' (pricing: module doc)."""
        stalled = 0
        while True:
            if self.pivots > MAX_PIVOTS:
                raise RuntimeError("exact simplex exceeded its pivot guard (a bug)")
            y = self.duals()
            q = self.entering(y, bland=stalled >= STALL)
            if q is None:
                return "optimal"
            d = self.ftran(self.columns[q])
            r = self.leaving(d)
            if r is None:
                self.ray = {q: fmpq(1)}
                for i, di in enumerate(d):
                    if di != 0:
                        self.ray[self.basis[i]] = -di
                return "unbounded"
            stalled = 0 if self.x_basic[r] != 0 else stalled + 1  # theta > 0 and d_q < 0: a strict decrease
            self.pivot(r, q, d)

    def solution(self) -> list[fmpq]:
        x = [fmpq(0)] * len(self.columns)
        for r, j in enumerate(self.basis):
            x[j] = self.x_basic[r]
        return x
