"""The regions of a central arrangement by inserting its hyperplanes one at a time (deletion-restriction).

Let A_k be the hyperplanes of rows y_1..y_k (integer rows in R^m) and H = {u : y_{k+1} . u = 0}. A region R
of A_k (an open convex cone)

  * meets both open sides of H iff it meets H (R is open and convex: a segment from one side to the other
    crosses H, and a point of R on H has points of R on both sides near it), iff its sign vector is the
    sign vector on y_1..y_k of a region of the restriction of the arrangement to H;
  * otherwise lies on the side of its point p: y_{k+1} . p != 0.

So the regions of A_{k+1} are the regions of A_k extended by the side of their point, plus, for each region
cut by H, its other side (both sides when p happens to lie on H). Every region of A_k restricted to H is
the restriction to y_1..y_k of a region of the whole arrangement restricted to H (a region of the coarser
arrangement contains a region of the finer one), which the caller gives (``below``) once per hyperplane.
Rows parallel to an earlier row (or zero) cut no region.

The point of a new side s: for q on H in R (from the restriction) and the unit vector e = sign(y_j) e_j
(y_j != 0), u = K q + s e with K = 1 + max_i floor(|y_ij| / |y_i . q|) over the nonzero rows i <= k: every
|y_i . q| >= 1 (integers), so K |y_i . q| > |y_i . e| and sign(y_i . u) = sign(y_i . q), while
y_{k+1} . u = s |y_j|. At the end every sign vector is recomputed from its point (:func:`.cells.shrink`).

>>> from .integer_rows import restriction
>>> from .planar import planar_faces
>>> Y = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]])
>>> def below(k):
...     Z, B = restriction(Y, Y[k])
...     return planar_faces(Z)[0].lifted(B)
>>> len(insert_hyperplanes(Y, below))
14
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .cells import Cells, concatenate, shrink
from .integer_rows import SAFE, as_array, exact_matmul, magnitude, sign_of


def canonical(y: np.ndarray) -> tuple[int, ...]:
    """The hyperplane of a primitive nonzero row: the row or its negative, first nonzero entry positive."""
    row = [int(a) for a in y]
    lead = next(a for a in row if a)
    return tuple(a if lead > 0 else -a for a in row)


def insert_hyperplanes(Y: np.ndarray, below: Callable[[int], Cells]) -> Cells:
    """The regions of the rows Y (n x m, primitive integer rows) by insertion (module doc). ``below(k)``: the
    regions of all the rows restricted to the hyperplane of row k (asked once, for the first row of each
    hyperplane), points in R^m."""
    n, m = Y.shape
    S = np.zeros((1, 0), dtype=np.int8)
    P = as_array(np.zeros((1, m), dtype=np.int64))
    seen: set[tuple[int, ...]] = set()
    for k in range(n):
        y = Y[k]
        side = sign_of(exact_matmul(P, y))
        if not np.any(y != 0) or canonical(y) in seen:
            if np.any(y != 0) and np.any(side == 0):
                raise AssertionError("a region meets a hyperplane parallel to an earlier one")
            S = np.column_stack([S, side])
            continue
        seen.add(canonical(y))
        restricted = below(k)
        where = {row.tobytes(): i for i, row in enumerate(restricted.signs[:, :k])}
        hit = np.array([where.get(row.tobytes(), -1) for row in S], dtype=np.int64)
        cut = hit >= 0
        if np.any((side == 0) & ~cut):
            raise AssertionError("a region's point lies on a hyperplane that does not cut it")
        keep = side != 0
        other = cut & keep                       # the side away from the point
        both = cut & ~keep                       # the point is on H: both sides are new
        j = int(np.argmax(np.abs(y.astype(object))))
        e = np.zeros(m, dtype=np.int64)
        e[j] = 1 if y[j] > 0 else -1
        blocks = [Cells(np.column_stack([S[keep], side[keep]]), P[keep], m)]
        for rows, s in ((other, -side), (both, np.ones(len(S), np.int8)), (both, -np.ones(len(S), np.int8))):
            if np.any(rows):
                q = restricted.points[hit[rows]]
                u = _beyond(Y[:k], q, j, e, s[rows])
                blocks.append(Cells(np.column_stack([S[rows], s[rows]]), u, m))
        merged = concatenate(blocks, k + 1, m, m)
        S, P = merged.signs, merged.points
    return shrink(Y, Cells(S, P, m))


def _beyond(Y: np.ndarray, q: np.ndarray, j: int, e: np.ndarray, s: np.ndarray) -> np.ndarray:
    """K q + s e for each point q (rows), K as in the module doc for the rows Y (those before the new one);
    e = +-(unit vector j)."""
    K = np.ones(len(q), dtype=np.int64)
    if len(Y):
        V = np.abs(exact_matmul(Y, q.T))
        K = 1 + (np.abs(Y[:, j])[:, None] // np.maximum(V, 1)).max(axis=0)
    if magnitude(K) * (magnitude(q) + 1) < SAFE and q.dtype == np.int64:
        return K[:, None] * q + s.astype(np.int64)[:, None] * e
    return as_array((K.astype(object)[:, None] * q.astype(object) + s.astype(object)[:, None] * e).tolist())
