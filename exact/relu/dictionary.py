"""The 1-D ReLU dictionary and its sparse "kink coordinates".

An atom is x -> s_a(u (x - t)) with u = +-1, knot t, and the leaky ReLU
s_a(z) = z for z >= 0, a z for z < 0 (a = 0: ReLU). By ep Lemma 2.6 /
Corollary 3.2 (and ses Theorem 3.3) the atoms that matter for 1-D data have
their knot at a data point, so the finite dictionary has 2n atoms.

Kink coordinates. For sorted distinct points x_(1) < ... < x_(n), the map
T f = (f(x_(1)), slope of f on [x_(1), x_(2)], kink of f at x_(2), ..., kink
at x_(n-1)) is an invertible linear map on R^n (kink = slope to the right
minus slope to the left). An atom is piecewise linear with one kink of
size 1 - a at its knot, so T maps it to a vector with at most three nonzeros,
whereas on the data it is a dense column. The LPs of :mod:`exact.l1` are
posed as T A w = T y — the same feasible set, since T is invertible — which
makes both HiGHS and the exact basis solves sparse. A dual y' of the
transformed system is the dual v = T^T y' of the original one.

>>> from fractions import Fraction as F
>>> k = KinkCoordinates.of([F(0), F(2), F(1)])
>>> k.transform([F(0), F(2), F(1)])       # f(x) = x: value 0, slope 1, no kink
[Fraction(0, 1), Fraction(1, 1), Fraction(0, 1)]
>>> k.atom_column(Atom(1, F(1)), F(0))    # (x - 1)_+: a unit kink at x = 1
{2: Fraction(1, 1)}
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Sequence


@dataclass(frozen=True, order=True)
class Atom:
    """x -> s_alpha(u * (x - knot)), u in {+1, -1}."""

    u: int
    knot: Fraction

    def __call__(self, x: Fraction, alpha: Fraction) -> Fraction:
        z = self.u * (x - self.knot)
        return z if z >= 0 else alpha * z


def leaky(z: Fraction, alpha: Fraction) -> Fraction:
    return z if z >= 0 else alpha * z


def relu_atoms(x: Sequence[Fraction], alpha: Fraction = Fraction(0)) -> list[Atom]:
    """The finite 1-D dictionary: both directions at every data point, knots sorted.

    For the ReLU (alpha = 0) the atoms u = -1 at min x and u = +1 at max x
    vanish on the data and are left out (2n - 2 atoms); for a leaky ReLU
    they are affine on the data and kept (2n atoms).
    """
    pts = sorted(set(x))
    atoms = [Atom(1, t) for t in pts] + [Atom(-1, t) for t in pts]
    if alpha == 0:  # s(x - max x) and s(min x - x) are 0 at every data point
        atoms = [a for a in atoms if a not in (Atom(1, pts[-1]), Atom(-1, pts[0]))]
    return atoms


@dataclass(frozen=True)
class KinkCoordinates:
    """The invertible map T of the module doc, for distinct points (any order)."""

    order: tuple[int, ...]  # indices of x in increasing order
    pts: tuple[Fraction, ...]  # sorted points

    @classmethod
    def of(cls, x: Sequence[Fraction]) -> "KinkCoordinates":
        order = tuple(sorted(range(len(x)), key=lambda i: x[i]))
        pts = tuple(x[i] for i in order)
        if any(a == b for a, b in zip(pts, pts[1:])):
            raise ValueError("kink coordinates need distinct points")
        return cls(order, pts)

    @property
    def n(self) -> int:
        return len(self.pts)

    @cached_property
    def position(self) -> dict[Fraction, int]:
        """Index of each point in sorted order."""
        return {t: k for k, t in enumerate(self.pts)}

    def transform(self, f: Sequence[Fraction]) -> list[Fraction]:
        """T f for values f given in the original order of x."""
        v = [f[i] for i in self.order]
        p = self.pts
        slopes = [(v[k + 1] - v[k]) / (p[k + 1] - p[k]) for k in range(self.n - 1)]
        out = [v[0]]
        if self.n > 1:
            out.append(slopes[0])
        out += [slopes[k] - slopes[k - 1] for k in range(1, self.n - 1)]
        return out

    def transpose(self, y: Sequence[Fraction]) -> list[Fraction]:
        """T^T y, returned in the original order of x (maps a dual of T A w = T y back)."""
        p, n = self.pts, self.n
        # T f = y0 f1 + y1 s1 + sum_k y_{k} (s_k - s_{k-1}); collect the weight of each slope s_k.
        slope_weight = [Fraction(0)] * max(n - 1, 0)
        if n > 1:
            slope_weight[0] += y[1]
        for k in range(1, n - 1):
            slope_weight[k] += y[k + 1]
            slope_weight[k - 1] -= y[k + 1]
        v = [Fraction(0)] * n
        v[0] += y[0]
        for k, sw in enumerate(slope_weight):
            h = sw / (p[k + 1] - p[k])
            v[k + 1] += h
            v[k] -= h
        out = [Fraction(0)] * n
        for pos, i in enumerate(self.order):
            out[i] = v[pos]
        return out

    def atom_column(self, atom: Atom, alpha: Fraction) -> dict[int, Fraction]:
        """T applied to the atom's values on the data (at most three nonzeros)."""
        p = self.pts
        col: dict[int, Fraction] = {}
        v0 = atom(p[0], alpha)
        if v0:
            col[0] = v0
        if self.n > 1:
            s = (atom(p[1], alpha) - v0) / (p[1] - p[0])
            if s:
                col[1] = s
        k = self.position.get(atom.knot)
        if k is not None and 0 < k < self.n - 1 and alpha != 1:
            col[k + 1] = 1 - alpha
        return col

    def constant_column(self) -> dict[int, Fraction]:
        return {0: Fraction(1)}
