"""The central arrangement of the rows of X, exactly: every face, the regions, pe's D_i and S_X (pe Sections 3, 5, A.2).

For rational X (n x d, rows x_i) the hyperplanes x_i^T u = 0 cut R^d into *faces* {u : sign(X u) = sigma},
sigma in {-1, 0, 1}^n (sign(0) = 0). The set of the face sign vectors is H_X of pe's Section 5 proof (the
face of the lineality space null(X), sigma = 0, included); *regions* are the faces with sigma_i != 0 on every
nonzero row (full-dimensional); pe's D_i of Section 3 are the distinct diag(1[X u >= 0]) over all u, the
images of the faces under 0, +1 -> 1, -1 -> 0 (:attr:`Arrangement.patterns`; u = 0 gives the all-ones D),
and S_X, the distinct {i : x_i^T u > 0} (:attr:`Arrangement.open_patterns`). pe says "P is the number of regions":
that holds when every face's vanishing rows lie in an open half-space (then a region next to it has the
same D), not in general -- the 1-D example below has P = 3 and 2 regions.

Algorithm (independent of the checker's star argument, :mod:`exact.checker.arrangement`). Rows are scaled
to primitive integer rows and X is reduced to r = rank X independent columns J: {X u} = {X_J v}, so the
arrangement of the rows of X_J in R^r has the same sign vectors, with null space 0 (points lift by zeros
off J). Every face F spans the flat Z(F) = {u : x_i^T u = 0 where sigma_i = 0} and is a region of the
arrangement restricted to Z(F); so the faces are the regions of every flat's restriction. Each face is
found once: in a flat, the faces off every hyperplane are its regions, and a face on some hyperplane is
sought only in the hyperplane of the first row vanishing on it, below which the earlier rows are
forbidden to vanish (:meth:`Flat.faces`).
The regions of a flat come from inserting its hyperplanes one by one (:mod:`.deletion`), the regions of
its restrictions to its hyperplanes given by the same method one dimension down, and in the plane by
sorting the lines (:mod:`.planar`). Sign vectors are exact at every level (recomputed from the points, or in
the plane read off the exact order of the lines), and every face's point is checked once more at the end
against X itself (:func:`central_arrangement`).

>>> from fractions import Fraction as F
>>> A = central_arrangement([[F(-2)], [F(-1)], [F(0)], [F(1)], [F(2)]])
>>> [f.sign for f in A.faces], [f.point for f in A.faces]
([(-1, -1, 0, 1, 1), (0, 0, 0, 0, 0), (1, 1, 0, -1, -1)], [(1,), (0,), (-1,)])
>>> len(A.regions), A.patterns
(2, ((0, 0, 1, 1, 1), (1, 1, 1, 0, 0), (1, 1, 1, 1, 1)))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from math import comb
from typing import Iterator

import numpy as np

from ...checker.arith import rref
from .cells import Cells
from .deletion import canonical, insert_hyperplanes
from .integer_rows import Matrix, as_array, exact_signs, integer_rows, restriction
from .planar import planar_faces


@dataclass(frozen=True)
class Face:
    """A face: its sign vector sign(X u) and an integer point u (in the face's relative interior) realising
    it, and its dimension."""

    sign: tuple[int, ...]
    point: tuple[int, ...]
    dimension: int


@dataclass(frozen=True)
class Arrangement:
    """All faces of the central arrangement of the rows of X (sorted by sign vector) and rank X."""

    X: tuple[tuple[Fraction, ...], ...]
    rank: int
    faces: tuple[Face, ...]

    @cached_property
    def regions(self) -> tuple[Face, ...]:
        """The full-dimensional faces: sign nonzero on every nonzero row."""
        return tuple(f for f in self.faces if f.dimension == len(self.X[0]))

    @cached_property
    def patterns(self) -> tuple[tuple[int, ...], ...]:
        """pe's D_i: the distinct 1[X u >= 0] over all u as 0/1 tuples, sorted."""
        return tuple(sorted({tuple(0 if s < 0 else 1 for s in f.sign) for f in self.faces}))

    @cached_property
    def open_patterns(self) -> tuple[tuple[int, ...], ...]:
        """S_X of pe's Section 5 proof: the distinct 1[X u > 0] over all u as 0/1 tuples, sorted."""
        return tuple(sorted({tuple(1 if s > 0 else 0 for s in f.sign) for f in self.faces}))


def region_bound(n: int, r: int) -> int:
    """pe (17) (Cover; Ojha): 2 sum_{k < r} C(n - 1, k), the number of regions of n hyperplanes in general
    position through the origin of R^r (an upper bound in general).

    >>> region_bound(40, 4), region_bound(5, 1), region_bound(3, 0)
    (19840, 2, 0)
    """
    return 2 * sum(comb(n - 1, k) for k in range(r))


class Flat:
    """A flat of the arrangement in its own coordinates: primitive integer rows Y (n x m) of rank m, the rows
    of the arrangement restricted to it; its restrictions to its hyperplanes are made once and kept."""

    def __init__(self, Y: np.ndarray) -> None:
        self.Y = Y
        self.nonzero = np.flatnonzero(np.any(Y != 0, axis=1)).tolist()
        self._below: dict[int, tuple[Flat, np.ndarray]] = {}

    @cached_property
    def hyperplanes(self) -> list[tuple[int, frozenset[int]]]:
        """(first row, every row) of each distinct hyperplane, in order of the first row."""
        rows: dict[tuple[int, ...], list[int]] = {}
        for i in self.nonzero:
            rows.setdefault(canonical(self.Y[i]), []).append(i)
        return [(group[0], frozenset(group)) for group in rows.values()]

    def restriction(self, i: int) -> tuple[Flat, np.ndarray]:
        """The flat of the hyperplane of row i, and the matrix B of its coordinates (points lift to B v)."""
        if i not in self._below:
            Z, B = restriction(self.Y, self.Y[i])
            self._below[i] = (Flat(Z), B)
        return self._below[i]

    @cached_property
    def _planar(self) -> tuple[Cells, Cells, Cells]:
        return planar_faces(self.Y)

    @cached_property
    def regions(self) -> Cells:
        n, m = self.Y.shape
        if m == 0:
            return Cells(np.zeros((1, n), dtype=np.int8), np.zeros((1, 0), dtype=np.int64), 0)
        if m == 1:
            points = as_array([[1], [-1]])
            return Cells(exact_signs(self.Y, points), points, 1)
        if m == 2:
            return self._planar[0]

        def below(k: int) -> Cells:
            flat, B = self.restriction(k)
            return flat.regions.lifted(B)

        return insert_hyperplanes(self.Y, below)

    def faces(self, forbidden: frozenset[int]) -> Iterator[Cells]:
        """The faces of this flat on which every row of ``forbidden`` is nonzero, by dimension blocks."""
        m = self.Y.shape[1]
        if not forbidden <= set(self.nonzero):
            return  # a forbidden row vanishes on the whole flat
        allowed = sorted(forbidden)
        yield self.regions
        if m == 0:
            return
        if m <= 2:
            yield from (c.allowing(allowed) for c in (self._planar[1:] if m == 2 else [self._origin()]))
            return
        for i, rows in self.hyperplanes:
            if not rows & forbidden:
                flat, B = self.restriction(i)
                below = forbidden | {j for j in self.nonzero if j < i}
                yield from (c.lifted(B) for c in flat.faces(below))

    def _origin(self) -> Cells:
        return Cells(np.zeros((1, len(self.Y)), dtype=np.int8), np.zeros((1, self.Y.shape[1]), dtype=np.int64), 0)


def central_arrangement(X: Matrix) -> Arrangement:
    """Every face of the central arrangement of the rows of X with an integer point, exactly (module doc)."""
    Q = tuple(tuple(Fraction(a) for a in row) for row in X)
    n, d = len(Q), len(Q[0])
    ints = integer_rows(Q)
    J = rref([[Fraction(a) for a in row] for row in ints], d)[1]  # pivot columns: a column basis
    Y = as_array([[row[j] for j in J] for row in ints]).reshape(n, len(J))
    blocks = list(Flat(Y).faces(frozenset()))
    signs = np.concatenate([b.signs for b in blocks])
    U = np.zeros((len(signs), d), dtype=object)
    U[:, J] = np.concatenate([b.points.astype(object) for b in blocks])  # zeros off the columns J
    U = as_array(U.tolist()).reshape(len(signs), d)
    if not np.array_equal(exact_signs(as_array(ints).reshape(n, d), U), signs):
        raise AssertionError("a face's point does not realise its sign vector")
    dims = np.concatenate([np.full(len(b), d - len(J) + b.dimension) for b in blocks])
    order = np.lexsort(signs.T[::-1])
    signs, U, dims = signs[order], U[order], dims[order]
    if len(signs) > 1 and not np.all(np.any(signs[1:] != signs[:-1], axis=1)):
        raise AssertionError("a face was found twice")
    faces = tuple(Face(s, u, k) for s, u, k in zip(map(tuple, signs.tolist()), map(tuple, U.tolist()),
                                                   dims.tolist(), strict=True))
    return Arrangement(Q, len(J), faces)
