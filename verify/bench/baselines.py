"""The baselines of the benchmark: HiGHS on the dense data-coordinate LP, and the naive exact certificate.

The naive baseline is what a user without the project would write: take the optimal basis HiGHS reports
on the dense LP, solve B x = y and B^T v = c_B by Gaussian elimination over ``Fraction``, verify.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from exact.lp.highs import run_highs
from exact.relu.dictionary import Atom


def dense_dictionary(x: Sequence[int], atoms: Sequence[Atom]) -> np.ndarray:
    """D[i, j] = atom_j(x_i) for the ReLU (alpha = 0), as int64 (the data coordinates)."""
    xs = np.asarray(x, dtype=np.int64)[:, None]
    u = np.array([a.u for a in atoms], dtype=np.int64)[None, :]
    t = np.array([int(a.knot) for a in atoms], dtype=np.int64)[None, :]
    return np.maximum(u * (xs - t), 0)


@dataclass
class DenseHighs:
    seconds: float
    value: float
    basic_cols: list[int]  # columns of [D, -D, 1, -1]
    basic_rows: list[int]  # rows whose logical is basic (a unit column e_i fixed at 0)


def solve_dense_highs(D: np.ndarray, y: Sequence[int]) -> DenseHighs:
    """min 1^T (w+ + w-) s.t. D w+ - D w- + c+ - c- = y, all >= 0, with highspy."""
    import highspy
    import scipy.sparse as sp

    n, N = D.shape
    ones = np.ones((n, 1))
    A = sp.csc_matrix(np.hstack([D, -D, ones, -ones]).astype(float))
    t0 = time.perf_counter()
    h = run_highs(A, np.concatenate([np.ones(2 * N), np.zeros(2)]), np.asarray(y, dtype=float))
    seconds = time.perf_counter() - t0
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"HiGHS (dense): {h.modelStatusToString(h.getModelStatus())}")
    basis = h.getBasis()
    kb = highspy.HighsBasisStatus.kBasic
    return DenseHighs(
        seconds, h.getInfo().objective_function_value,
        [j for j, s in enumerate(basis.col_status) if s == kb],
        [i for i, s in enumerate(basis.row_status) if s == kb],
    )


def gauss_solve(M: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction]:
    """Solve M z = rhs (M square, nonsingular) by plain Gaussian elimination over Fraction."""
    n = len(M)
    A = [list(row) + [b] for row, b in zip(M, rhs)]
    for k in range(n):
        p = next((i for i in range(k, n) if A[i][k] != 0), None)
        if p is None:
            raise ZeroDivisionError("singular basis matrix")
        A[k], A[p] = A[p], A[k]
        pk = A[k]
        for i in range(k + 1, n):
            f = A[i][k] / pk[k]
            if f:
                row = A[i]
                for j in range(k, n + 1):
                    if pk[j]:
                        row[j] -= f * pk[j]
    z = [Fraction(0)] * n
    for k in reversed(range(n)):
        s = A[k][n] - sum((A[k][j] * z[j] for j in range(k + 1, n) if A[k][j]), Fraction(0))
        z[k] = s / A[k][k]
    return z


def naive_certify(D: np.ndarray, y: Sequence[int], dense: DenseHighs, value: Fraction) -> tuple[bool, str]:
    """The naive exact certificate from the dense float basis; returns (ok, note).

    ok means: the basis solution is exactly primal feasible, its dual v is
    exactly feasible (|a_j^T v| <= 1, 1^T v = 0), both objectives are equal,
    and that value is the project's exact value.
    """
    n, N = D.shape
    Dl = [[Fraction(int(v)) for v in row] for row in D.tolist()]

    def column(j: int) -> tuple[list[Fraction], Fraction]:  # (column, cost) of [D, -D, 1, -1]
        if j < N:
            return [r[j] for r in Dl], Fraction(1)
        if j < 2 * N:
            return [-r[j - N] for r in Dl], Fraction(1)
        return [Fraction(1 if j == 2 * N else -1)] * n, Fraction(0)

    cols = [column(j) for j in dense.basic_cols]
    cols += [([Fraction(int(i == r)) for i in range(n)], Fraction(0)) for r in dense.basic_rows]
    if len(cols) != n:
        return False, f"HiGHS basis has {len(cols)} columns for {n} rows"
    B = [[c[i] for c, _ in cols] for i in range(n)]
    xB = gauss_solve(B, [Fraction(v) for v in y])
    v = gauss_solve([list(c) for c, _ in cols], [cost for _, cost in cols])  # B^T v = c_B
    k = len(dense.basic_cols)
    if any(z < 0 for z in xB[:k]) or any(z != 0 for z in xB[k:]):
        return False, "basis not primal feasible"
    w = [Fraction(0)] * N
    const = Fraction(0)
    for j, z in zip(dense.basic_cols, xB):
        if j < N:
            w[j] += z
        elif j < 2 * N:
            w[j - N] -= z
        else:
            const += z if j == 2 * N else -z
    support = [j for j in range(N) if w[j]]
    if any(sum((Dl[i][j] * w[j] for j in support), const) != y[i] for i in range(n)):
        return False, "primal residual nonzero"
    if sum(v) != 0 or any(abs(sum((Dl[i][j] * v[i] for i in range(n) if Dl[i][j]), Fraction(0))) > 1
                          for j in range(N)):
        return False, "dual infeasible (float basis not exactly optimal)"
    primal = sum((abs(z) for z in w), Fraction(0))
    dual = sum((vi * yi for vi, yi in zip(v, y)), Fraction(0))
    if primal != dual:
        return False, f"primal {primal} != dual {dual}"
    if primal != value:
        return False, f"naive value {primal} != exact value {value}"
    return True, "naive ok"
