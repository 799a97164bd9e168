"""Exact minimum-l1 interpolation, a thin layer on :func:`exact.lp.solve_lp`.

Primal:  min ||w||_1  s.t.  A w + F c = y   (c free and unpenalised, e.g. a constant column)
Dual:    max v^T y    s.t.  |a_j^T v| <= 1 for every column a_j of A,  F^T v = 0.

As an LP, w = w+ - w- with w+, w- >= 0 and cost 1 each; c is free with
cost 0. The equality rows may be given in any invertible coordinates T (the
1-D problems use the sparse kink coordinates of :mod:`exact.relu.dictionary`);
``dual_map`` = T^T turns the LP dual y' into v = T^T y'.

>>> from fractions import Fraction as F
>>> sol = l1_interpolation([{0: F(1)}, {0: F(1), 1: F(1)}], [F(2), F(1)])
>>> sol.value, sol.weights, sol.dual
(Fraction(2, 1), (Fraction(1, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1)))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Sequence

from .lp import LinearProgram, LPResult, solve_lp

SparseColumn = dict[int, Fraction]


@dataclass(frozen=True)
class L1Solution:
    """An exact optimal primal-dual pair of the l1 interpolation problem."""

    value: Fraction
    weights: tuple[Fraction, ...]  # w, one per column of A
    free: tuple[Fraction, ...]  # c, one per column of F
    dual: tuple[Fraction, ...]  # v in the original coordinates
    lp: LinearProgram
    result: LPResult


def l1_program(
    columns: Sequence[SparseColumn],
    rhs: Sequence[Fraction],
    free_columns: Sequence[SparseColumn] = (),
    weights: Sequence[Fraction] | None = None,
) -> LinearProgram:
    """The LP with variables (w+_1, w-_1, ..., w+_N, w-_N, c_1, ..., c_K); ``weights`` r_j >= 0 make the cost
    the weighted norm sum_j r_j |w_j| (default all 1)."""
    m = len(rhs)
    rows: list[dict[int, Fraction]] = [{} for _ in range(m)]
    for j, col in enumerate(columns):
        for i, a in col.items():
            rows[i][2 * j] = a
            rows[i][2 * j + 1] = -a
    base = 2 * len(columns)
    for k, col in enumerate(free_columns):
        for i, a in col.items():
            rows[i][base + k] = a
    r = [Fraction(1)] * len(columns) if weights is None else list(weights)
    cost = [rj for rj in r for _ in (0, 1)] + [Fraction(0)] * len(free_columns)
    return LinearProgram(
        tuple(cost),
        A_eq=tuple(rows),
        b_eq=tuple(rhs),
        free=frozenset(range(base, base + len(free_columns))),
    )


def l1_interpolation(
    columns: Sequence[SparseColumn],
    rhs: Sequence[Fraction],
    free_columns: Sequence[SparseColumn] = (),
    dual_map: Callable[[Sequence[Fraction]], Sequence[Fraction]] | None = None,
    warm_basis: list[int] | None = None,
) -> L1Solution:
    """Solve min ||w||_1 s.t. A w + F c = rhs exactly; raise if infeasible."""
    lp = l1_program(columns, rhs, free_columns)
    res = solve_lp(lp, warm_basis=warm_basis)
    if res.status != "optimal":
        raise ValueError(f"l1 interpolation is {res.status}: no network fits the data")
    N, opt = len(columns), res.optimum()
    x = opt.x
    weights = tuple(x[2 * j] - x[2 * j + 1] for j in range(N))
    free = tuple(x[2 * N :])
    dual = tuple(dual_map(opt.y_eq)) if dual_map else opt.y_eq
    return L1Solution(opt.value, weights, free, dual, lp, res)
