"""The exact l0 optimum of A z = y over a finite dictionary, by brute force over supports.

    l0(A, y) = min { |T| : y in span(A_T) }

A support T is feasible iff rank [A_T | y] = rank A_T; it suffices to try supports whose columns are
independent (rank A_T = |T|): a feasible dependent support contains a feasible independent one, found at a
smaller size. On an independent feasible support z_T is unique, read off the reduced row echelon form of
[A_T | y]. Supports are tried in order of size and the search stops after the first size with a feasible one,
collecting every feasible support of that size (all l0 minimisers, one z each). Ranks are exact (python-flint
``fmpq_mat``); there is no certificate kind for l0 minimality, so the answer is exact but uncertified.

>>> from fractions import Fraction as F
>>> A = [[F(1), F(0), F(1)], [F(0), F(1), F(1)]]   # rows i, columns s
>>> best = sparsest(A, [F(2), F(2)])
>>> best.size, [(m.support, m.weights) for m in best.minimisers]
(1, [((2,), (Fraction(2, 1),))])
>>> sparsest(A, [F(1), F(2)]).size
2
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Sequence

from flint import fmpq_mat

from ..numbers import to_fmpq, to_fraction


@dataclass(frozen=True)
class SparseSolution:
    """A z with A z = y supported on ``support`` (``weights`` in the support's order)."""

    support: tuple[int, ...]
    weights: tuple[Fraction, ...]

    @property
    def l1(self) -> Fraction:
        return sum((abs(w) for w in self.weights), Fraction(0))

    def dense(self, width: int) -> tuple[Fraction, ...]:
        z = [Fraction(0)] * width
        for s, w in zip(self.support, self.weights, strict=True):
            z[s] = w
        return tuple(z)


@dataclass(frozen=True)
class Sparsest:
    """The l0 optimum ``size`` and every feasible support of that size; ``tested`` supports were ranked."""

    size: int
    minimisers: tuple[SparseSolution, ...]
    tested: int

    @property
    def cheapest(self) -> SparseSolution:
        """The l0 minimiser of least l1 norm (first in support order among ties)."""
        return min(self.minimisers, key=lambda m: m.l1)


def _solve(A: Sequence[Sequence[Fraction]], y: Sequence[Fraction], T: tuple[int, ...]) -> SparseSolution | None:
    """z_T when the columns T are independent and y is in their span, else None."""
    n, k = len(y), len(T)
    M = fmpq_mat(n, k + 1, [to_fmpq(y[i] if s is None else A[i][s]) for i in range(n) for s in (*T, None)])
    R, rk = M.rref()
    if rk != k or any(R[i, i] == 0 for i in range(k)):  # dependent columns, or y outside their span
        return None
    return SparseSolution(T, tuple(to_fraction(R[i, k]) for i in range(k)))


def sparsest(A: Sequence[Sequence[Fraction]], y: Sequence[Fraction], max_size: int | None = None) -> Sparsest:
    """The l0 optimum of A z = y (A given by rows), trying supports of size 0, 1, ..., ``max_size`` (default
    rank-bounded: n); ValueError when no support up to that size is feasible."""
    n = len(y)
    width = len(A[0]) if A else 0
    if not any(y):
        return Sparsest(0, (SparseSolution((), ()),), 1)
    tested = 1
    for k in range(1, min(n, width) + 1 if max_size is None else max_size + 1):
        found = []
        for T in combinations(range(width), k):
            tested += 1
            sol = _solve(A, y, T)
            if sol is not None:
                found.append(sol)
        if found:
            return Sparsest(k, tuple(found), tested)
    raise ValueError(f"no support of size <= {max_size if max_size is not None else min(n, width)} fits y")
