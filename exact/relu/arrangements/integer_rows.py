"""Integer rows and exact integer products for the central arrangement (:mod:`.central`).

The arrangement of the hyperplanes x_i^T u = 0 depends on each row only up to a positive factor, so a
rational row is replaced by the primitive integer row on the same ray (:func:`integer_rows`), and every
point is an integer vector. Products are exact: numpy int64 only when a bound on every entry of the
result (sum_j max_i |A_ij| max_k |B_jk|) is below 2^62, otherwise Python integers (object arrays), so an
overflow can never decide a sign. Hyperplanes get short integer coordinates from LLL (:func:`restriction`).

>>> from fractions import Fraction as F
>>> integer_rows([[F(1, 2), F(-3, 4)], [F(0), F(0)], [F(6), F(4)]])
[[2, -3], [0, 0], [3, 2]]
>>> exact_signs(np.array([[2, -3], [3, 2]]), np.array([[1, 1], [3, 2]])).tolist()
[[-1, 1], [0, 1]]
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd
from typing import Sequence

import numpy as np
from flint import fmpz_mat

from ...checker.arrangement import integer_rows as scaled_rows

Matrix = Sequence[Sequence[Fraction]]
#: entries of an int64 product are bounded by this before numpy may compute it
SAFE = 1 << 62


def integer_rows(X: Matrix) -> list[list[int]]:
    """Each row as the primitive integer vector on its ray: the checker's integer rows (times the lcm of the
    denominators) divided by their gcd (zero rows stay zero)."""
    return [[a // (gcd(*row) or 1) for a in row] for row in scaled_rows([[Fraction(a) for a in x] for x in X])]


def magnitude(A: np.ndarray) -> int:
    """max |a| over the entries (0 when empty), as a Python integer."""
    if A.size == 0:
        return 0
    return int(max(abs(int(A.max())), abs(int(A.min()))))


def as_array(values: object) -> np.ndarray:
    """An integer array: int64 when every entry is below SAFE in absolute value, else Python integers."""
    A = np.array(values, dtype=object)
    if A.size and magnitude(A) >= SAFE:
        return A
    return A.astype(np.int64)


def exact_matmul(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """A @ B exactly: int64 when sum_j max_i |A_ij| max_k |B_jk| < SAFE bounds every entry, else Python integers."""
    if A.dtype == np.int64 and B.dtype == np.int64 and A.size and B.size:
        a = np.abs(A.reshape(-1, A.shape[-1])).max(axis=0).tolist()
        b = np.abs(B.reshape(B.shape[0], -1)).max(axis=1).tolist()
        if sum(x * y for x, y in zip(a, b, strict=True)) < SAFE:
            return A @ B
    return A.astype(object) @ B.astype(object)


_POWERS = np.array([1 << k for k in range(63)], dtype=np.uint64)


def bit_lengths(A: np.ndarray) -> np.ndarray:
    """int.bit_length of |a| for every entry, exactly (int64 by comparison with the powers of two)."""
    if A.dtype == np.int64:
        return np.searchsorted(_POWERS, np.abs(A).astype(np.uint64), side="right").astype(np.int64)
    return np.frompyfunc(lambda a: abs(int(a)).bit_length(), 1, 1)(A).astype(np.int64)


def sign_of(V: np.ndarray) -> np.ndarray:
    """The signs of an integer array (int64 or Python integers) as int8, by comparison with 0."""
    return (V > 0).astype(np.int8) - (V < 0).astype(np.int8)


def exact_signs(Y: np.ndarray, P: np.ndarray) -> np.ndarray:
    """sign(P @ Y^T) as int8: row k holds the signs of the rows of Y at the point P[k]. Points with
    max_j |p_j| * sum_j max_i |Y_ij| < SAFE go through int64, the others through Python integers."""
    out = np.zeros((len(P), len(Y)), dtype=np.int8)
    if not out.size or not P.shape[1]:
        return out
    if Y.dtype == np.int64:
        reach = int(sum(np.abs(Y).max(axis=0).tolist()))
        safe = np.abs(P).max(axis=1) < SAFE // max(reach, 1)
        if P.dtype != np.int64:
            safe = safe.astype(bool)
        out[safe] = sign_of(P[safe].astype(np.int64) @ Y.T)
    else:
        safe = np.zeros(len(P), dtype=bool)
    if not np.all(safe):
        out[~safe] = sign_of(P[~safe].astype(object) @ Y.T.astype(object))
    return out


def primitive_rows(P: np.ndarray) -> np.ndarray:
    """Each row divided by the gcd of its entries (rows of zeros stay zero): the same rays, smaller numbers."""
    if P.size == 0:
        return P
    if P.dtype == np.int64:
        g = np.gcd.reduce(P, axis=1)
        g[g == 0] = 1
        return P // g[:, None]
    rows = [[int(a) for a in row] for row in P]
    return as_array([[a // (gcd(*row) or 1) for a in row] for row in rows])


def restriction(Y: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates on the hyperplane H = {u : y . u = 0} (y a nonzero integer vector of length m).

    B (m x (m-1)) is an LLL-reduced basis of the lattice of integer vectors of H: the rows (e_l, K y_l)
    generate a lattice whose vectors off H have length >= K, so for K large LLL puts m - 1 vectors of H
    first, and they span H's integer vectors; reduced, they are short, and so are the restricted rows.
    Returns (the rows of Y restricted to H in these coordinates, Y B made primitive, and B):
    sign(Y_i . B v) = sign(restricted_i . v), so a face of the restriction keeps its sign vector when its
    point v is lifted to B v.

    >>> Z, B = restriction(np.array([[1, 0, 0], [0, 1, 0], [1, 1, 1]]), np.array([1, 1, 1]))
    >>> Z.tolist(), B.T.tolist()
    ([[-1, -1], [1, 0], [0, 0]], [[-1, 1, 0], [-1, 0, 1]])
    """
    m = len(y)
    ints = [int(a) for a in y]
    K = (m + 1) * (1 + sum(abs(a) for a in ints)) << m
    while True:
        R = fmpz_mat([[int(i == j) for j in range(m)] + [K * ints[i]] for i in range(m)]).lll().tolist()
        kernel = [[int(a) for a in row[:m]] for row in R if row[m] == 0]
        if len(kernel) == m - 1:
            break
        K <<= 16
    B = as_array(kernel).reshape(m - 1, m).T
    return primitive_rows(exact_matmul(Y, B)), B
