"""Rank-one data X = c a^T: the reduction to 1-D data and the exact solution of min-l1 interpolation.

Rank-one data (ep Corollaries 3.4-3.5). For X = c a^T and ||u|| <= 1,
(X u + b 1)_+ = (c t + b 1)_+ with t = a^T u ranging over exactly
[-||a||, ||a||] (Cauchy-Schwarz), i.e. over the 1-D set Q of the data
x = ||a|| c (t = ||a|| s, |s| <= 1). So ep (4) for X is ep (4) for x, and the
1-D atom s (x - x_k) becomes the neuron u = s a / ||a||, b = -s c_k ||a||,
exactly Corollary 3.4's formula. :func:`solve_rank_one` needs ||a|| rational
(a^T a a rational square, e.g. a = (3, 4)).

>>> from fractions import Fraction as F
>>> r = solve_rank_one([[F(0), F(0)], [F(3), F(4)], [F(6), F(8)]], [F(0), F(1), F(0)])
>>> r.norm, r.value, r.neurons[0]
(Fraction(5, 1), Fraction(2, 5), ((Fraction(3, 5), Fraction(4, 5)), Fraction(-5, 1), Fraction(-1, 5)))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from ..numbers import rational_sqrt
from .interpolation import Interpolation1D, interpolate_1d


def factor_rank_one(X: Sequence[Sequence[Fraction]]) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """(c, a) with X = c a^T, a being the first nonzero row; ValueError unless rank(X) == 1.

    >>> factor_rank_one([[Fraction(0), Fraction(0)], [Fraction(3), Fraction(4)], [Fraction(-6), Fraction(-8)]])
    ((Fraction(0, 1), Fraction(1, 1), Fraction(-2, 1)), (Fraction(3, 1), Fraction(4, 1)))
    """
    X = [tuple(map(Fraction, row)) for row in X]
    a = next((row for row in X if any(row)), None)
    if a is None:
        raise ValueError("rank-one data: X is zero")
    k = next(j for j, t in enumerate(a) if t)
    c = tuple(row[k] / a[k] for row in X)
    if any(row[j] != ci * a[j] for row, ci in zip(X, c) for j in range(len(a))):
        raise ValueError("rank-one data: X is not of the form c a^T (rank > 1)")
    return c, tuple(a)


@dataclass(frozen=True)
class RankOneReduction:
    """A = c a^T in R^{n x d} reduces to 1-D data x = c (ep Corollary 3.4).

    For |u| <= 1, a^T u ranges over [-|a|, |a|], so the neuron (A u + b)_+
    is (c_i s + b)_+ with |s| <= |a|; rescaling s = |a| s' shows that every
    1-D optimal value V(c, y) of (4) becomes V(c, y) / |a| for A. ``norm_sq``
    = a^T a is kept exactly; the value factor 1/sqrt(norm_sq) is exact
    when norm_sq is a rational square.
    """

    x: tuple[Fraction, ...]
    norm_sq: Fraction


def rank_one_to_1d(c: Sequence[Fraction], a: Sequence[Fraction]) -> RankOneReduction:
    return RankOneReduction(tuple(c), sum((ai * ai for ai in a), Fraction(0)))


@dataclass(frozen=True)
class RankOneSolution:
    """ep (4) for X = c a^T solved through the 1-D data x = ||a|| c (module doc)."""

    c: tuple[Fraction, ...]
    a: tuple[Fraction, ...]
    norm: Fraction  # ||a||_2, rational
    sol: Interpolation1D  # the 1-D problem on x = norm * c
    neurons: tuple[tuple[tuple[Fraction, ...], Fraction, Fraction], ...]  # (u, b, w), w != 0
    constant: Fraction  # a u = 0 neuron with bias -> oo (vanishing cost); 0 when P* is attained

    @property
    def value(self) -> Fraction:
        return self.sol.value

    @property
    def value_via_c(self) -> Fraction:
        """V(c, y) / ||a|| through :func:`exact.relu.rank_one.rank_one_to_1d` (a second, independent solve)."""
        red = rank_one_to_1d(self.c, self.a)
        assert red.norm_sq == self.norm ** 2
        return interpolate_1d(red.x, self.sol.y).value / self.norm


def solve_rank_one(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction]) -> RankOneSolution:
    c, a = factor_rank_one(X)
    norm_sq = sum((t * t for t in a), Fraction(0))
    norm = rational_sqrt(norm_sq)
    if norm is None:
        raise ValueError(f"rank-one data: ||a||^2 = {norm_sq} for a = {[str(t) for t in a]} is not a rational "
                         "square; exact neurons u = +-a/||a|| need a rational norm")
    sol = interpolate_1d([norm * ci for ci in c], y)
    weights, constant = sol.attained_by or (sol.weights, sol.constant)
    neurons = tuple((tuple(atom.u * t / norm for t in a), -atom.u * atom.knot, w)
                    for atom, w in zip(sol.atoms, weights) if w)
    return RankOneSolution(c, a, norm, sol, neurons, constant)
