"""Blocks of faces of one dimension: sign vectors with an integer point each, exactly checked; smaller points.

A block lives in the coordinates of a flat (:mod:`.central`): ``signs[k]`` is sign(Y p) for the flat's rows Y
at ``points[k]`` = p. :func:`shrink` recomputes the sign vectors of open cells (regions of the flat) from their
points in exact integer arithmetic and replaces each point p by a rounded p / 2^s with an s for which a bound
on the rounding error keeps the signs (and checks them again), so that points lifted through several flats
stay small.

>>> Y = np.array([[1, 0], [0, 1]])
>>> shrink(Y, Cells(np.array([[1, 1]], dtype=np.int8), np.array([[400, 1000]]), 2)).points.tolist()
[[1, 2]]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .integer_rows import as_array, bit_lengths, exact_matmul, exact_signs, primitive_rows, sign_of


@dataclass(frozen=True)
class Cells:
    """``signs`` (c x n, int8 in {-1, 0, 1}) and ``points`` (c x m integers) of c faces of dimension
    ``dimension`` (in the flat's m coordinates)."""

    signs: np.ndarray
    points: np.ndarray
    dimension: int

    def __len__(self) -> int:
        return len(self.signs)

    def lifted(self, B: np.ndarray) -> Cells:
        """The same faces with points B p (B: the flat's coordinates inside the parent flat, see
        :func:`.integer_rows.restriction`)."""
        return Cells(self.signs, primitive_rows(exact_matmul(self.points, B.T)), self.dimension)

    def allowing(self, nonzero: list[int]) -> Cells:
        """The faces on which every row of ``nonzero`` is nonzero."""
        if not nonzero or not len(self):
            return self
        keep = (self.signs[:, nonzero] != 0).all(axis=1)
        return Cells(self.signs[keep], self.points[keep], self.dimension)


def concatenate(blocks: list[Cells], n: int, m: int, dimension: int) -> Cells:
    """One block of the faces of ``blocks`` (all of the given dimension)."""
    if not blocks:
        return Cells(np.zeros((0, n), dtype=np.int8), as_array(np.zeros((0, m), dtype=np.int64)), dimension)
    points = [b.points for b in blocks]
    dtype = np.int64 if all(p.dtype == np.int64 for p in points) else object
    return Cells(np.concatenate([b.signs for b in blocks]), np.concatenate([p.astype(dtype) for p in points]),
                 dimension)


def shrink(Y: np.ndarray, cells: Cells) -> Cells:
    """Open cells (regions of the flat of rows Y) checked exactly, with smaller points of the same signs.

    For w = Y p, rounding p / 2^s to integers moves each Y_i . p / 2^s by at most ||Y_i||_1 / 2, so the signs
    stay when 2^s ||Y_i||_1 < 2 |w_i| on every nonzero row: s = bitlength(2 |w_i|) - bitlength(||Y_i||_1) - 1
    will do. The rounded points are checked exactly again."""
    P = cells.points
    W = exact_matmul(P, Y.T)
    if not np.array_equal(sign_of(W), cells.signs):
        raise AssertionError("a constructed point does not realise its sign vector")
    rows = np.flatnonzero(np.any(Y != 0, axis=1))
    if not len(cells) or not len(rows):
        return cells
    norms = bit_lengths(as_array(np.abs(Y[rows].astype(object)).sum(axis=1).tolist()))
    shift = np.maximum((bit_lengths(W[:, rows]) - norms[None, :]).min(axis=1), 0)
    Q = primitive_rows(as_array(_rounded(P, shift)))
    if not np.array_equal(exact_signs(Y, Q), cells.signs):
        raise AssertionError("rounding moved a point across a hyperplane")
    return Cells(cells.signs, Q, cells.dimension)


def _rounded(P: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """Row k of P divided by 2^shift[k], rounded to the nearest integer (halves up)."""
    s = shift[:, None]
    if P.dtype != np.int64:
        s = s.astype(object)
    half = np.where(s > 0, np.left_shift(np.ones_like(s), np.maximum(s - 1, 0)), 0)
    return np.right_shift(P + half, s)
