"""Exact rational linear algebra on python-flint's ``fmpq_mat`` (answers as Fractions).

Vectors and matrices are tuples of :class:`fractions.Fraction`; the heavy steps (rank, inverse,
reduced row echelon form) run in flint. The checker has its own small Gauss-Jordan
(:mod:`exact.checker.arith`): the trusted base uses the standard library only.

>>> from fractions import Fraction as F
>>> A = as_matrix([[1, 2], [3, 4]])
>>> inverse(A), rank(A), kernel_basis([{0: F(1), 1: F(1)}], 2)
(((Fraction(-2, 1), Fraction(1, 1)), (Fraction(3, 2), Fraction(-1, 2))), 2, [(Fraction(-1, 1), Fraction(1, 1))])
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from flint import fmpq_mat

from .numbers import to_fmpq, to_fraction

Vector = tuple[Fraction, ...]
Matrix = tuple[Vector, ...]


def as_matrix(A: Sequence[Sequence]) -> Matrix:
    return tuple(tuple(Fraction(v) for v in row) for row in A)


def dot(p: Sequence[Fraction], q: Sequence[Fraction]) -> Fraction:
    return sum((a * b for a, b in zip(p, q, strict=True)), Fraction(0))


def matvec(A: Sequence[Sequence[Fraction]], u: Sequence[Fraction]) -> Vector:
    return tuple(dot(row, u) for row in A)


def rmatvec(A: Sequence[Sequence[Fraction]], t: Sequence[Fraction]) -> Vector:
    """A^T t."""
    return tuple(sum((A[i][j] * t[i] for i in range(len(A))), Fraction(0)) for j in range(len(A[0])))


def relu(v: Sequence[Fraction]) -> Vector:
    return tuple(max(x, Fraction(0)) for x in v)


def gram(A: Sequence[Sequence[Fraction]]) -> Matrix:
    """A A^T."""
    return tuple(tuple(dot(p, q) for q in A) for p in A)


def flint_matrix(M: Sequence[Sequence[Fraction]]) -> fmpq_mat:
    return fmpq_mat(len(M), len(M[0]) if M else 0, [to_fmpq(v) for row in M for v in row])


def fractions_of(M: fmpq_mat) -> Matrix:
    return tuple(tuple(to_fraction(M[i, j]) for j in range(M.ncols())) for i in range(M.nrows()))


def rank(A: Sequence[Sequence[Fraction]]) -> int:
    return int(flint_matrix(A).rank())


def inverse(M: Sequence[Sequence[Fraction]]) -> Matrix:
    """Exact inverse; ValueError when M is singular."""
    F = flint_matrix(M)
    if F.rank() < F.nrows():
        raise ValueError("singular matrix")
    return fractions_of(F.inv())


def kernel_basis(rows: list[dict[int, Fraction]], n: int) -> list[tuple[Fraction, ...]]:
    """A basis of {k in Q^n : row . k = 0 for every sparse row}, one vector per non-pivot column (exact).

    >>> kernel_basis([{0: Fraction(1), 1: Fraction(1)}], 3)
    [(Fraction(-1, 1), Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(0, 1), Fraction(1, 1))]
    """
    rows = rows or [{}]
    M = fmpq_mat(len(rows), n, [to_fmpq(r.get(j, Fraction(0))) for r in rows for j in range(n)])
    R, rk = M.rref()
    pivots = [next(j for j in range(n) if R[r, j] != 0) for r in range(rk)]
    basis = []
    for f in (j for j in range(n) if j not in set(pivots)):
        k = [Fraction(0)] * n
        k[f] = Fraction(1)
        for r, p in enumerate(pivots):
            k[p] = -to_fraction(R[r, f])
        basis.append(tuple(k))
    return basis
