"""The faces of a central arrangement in the plane, by sorting its lines exactly (the base of :mod:`.central`).

For integer rows y_i of rank 2 each nonzero row is the line y_i^T u = 0, spanned by r_i = (-y_i2, y_i1).
Made primitive and turned into the half-open upper half-plane (r_2 > 0, or r_2 = 0 < r_1), equal lines
give equal directions, so the distinct lines are L >= 2 distinct directions in angles [0, pi). There, a
comes before b iff cross(a, b) = a_1 b_2 - a_2 b_1 > 0, so a list of them is in increasing angle iff every
consecutive cross product is > 0. The order is *proposed* by float atan2 and then *decided* by those
integer cross products; when one is not > 0 (floats cannot tell apart directions closer than their
resolution) the list is sorted again with the exact comparison (:func:`angular_order` reports the repair).

The rays r_1 < ... < r_L, -r_1 < ... < -r_L then run once around the origin with gaps < pi (L >= 2), so
the faces are the 2L rays, the 2L open sectors between consecutive rays and the origin, and the signs follow
from the positions alone: if +(-y_2, y_1) is ray p (y rotated by +90 degrees), a direction rotated further
by an angle in (0, pi) has y . u = |y| |u| cos(90 + angle) < 0, so row y is 0 on rays p and p + L, -1 on
the rays and sectors after p up to p + L, +1 on the others (:func:`planar_faces`; no dot product). The point
of a sector between rays a and b is (a + b) / 2^s rounded, with an s that keeps it inside (:func:`inside`).

>>> regions, rays, origin = planar_faces(np.array([[1, 0], [0, 1], [1, 1]]))
>>> len(regions), len(rays), len(origin), sorted(map(tuple, regions.signs.tolist()))[:2]
(6, 6, 1, [(-1, -1, -1), (-1, 1, -1)])
"""

from __future__ import annotations

from functools import cmp_to_key
from math import gcd

import numpy as np

from .cells import Cells
from .integer_rows import SAFE, as_array, magnitude


def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a_1 b_2 - a_2 b_1 row by row, exactly (int64 when the bound allows it)."""
    if a.dtype == np.int64 and b.dtype == np.int64 and 2 * magnitude(a) * magnitude(b) < SAFE:
        return a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]
    a, b = a.astype(object), b.astype(object)
    return a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]


def angular_order(R: np.ndarray) -> tuple[list[int], bool]:
    """The indices of the directions R (distinct, upper half-plane) in increasing angle, and whether the
    float proposal had to be repaired (module doc).

    >>> big = 10 ** 17  # atan2 cannot tell these two apart
    >>> angular_order(np.array([[big, 1], [big + 1, 1], [0, 1]], dtype=object))
    ([1, 0, 2], True)
    """
    try:
        angles = np.arctan2(R[:, 1].astype(float), R[:, 0].astype(float))
    except OverflowError:  # directions beyond floats: no proposal, the exact sort decides
        angles = np.zeros(len(R))
    proposal = np.argsort(angles, kind="stable").tolist()
    if len(R) < 2 or bool(np.all(_cross(R[proposal[:-1]], R[proposal[1:]]) > 0)):
        return proposal, False
    rows = R.tolist()

    def before(i: int, j: int) -> int:
        return -1 if rows[i][0] * rows[j][1] - rows[i][1] * rows[j][0] > 0 else 1

    return sorted(range(len(rows)), key=cmp_to_key(before)), True


def inside(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    """A small integer point of the open cone between a and b (cross(a, b) = D > 0): (a + b) / 2^s rounded
    moves cross(a, .) by at most |a|_1 / 2 from D / 2^s, so s = bitlength(2D) - bitlength(max |.|_1) - 1
    keeps both cross(a, p) and cross(p, b) > 0.

    >>> inside((1000, 0), (0, 1000)), inside((10, 1), (10, 2))
    ((1, 1), (20, 3))
    """
    D = a[0] * b[1] - a[1] * b[0]
    s = max(0, (2 * D).bit_length() - max(abs(a[0]) + abs(a[1]), abs(b[0]) + abs(b[1])).bit_length() - 1)
    half = (1 << s) >> 1
    x, y = (a[0] + b[0] + half) >> s, (a[1] + b[1] + half) >> s
    g = gcd(x, y)
    return x // g, y // g


def planar_faces(Y: np.ndarray) -> tuple[Cells, Cells, Cells]:
    """(regions, rays, origin) of the rows Y (n x 2, rank 2), signs from the exact angular order (module doc)."""
    n = len(Y)
    lines: dict[tuple[int, int], int] = {}
    line_of, turned = np.full(n, -1), np.zeros(n, dtype=bool)
    for i, (y1, y2) in enumerate(Y.tolist()):
        if y1 or y2:
            g = gcd(y1, y2)
            r = (-y2 // g, y1 // g)
            turned[i] = r[1] < 0 or (r[1] == 0 and r[0] < 0)
            line_of[i] = lines.setdefault((-r[0], -r[1]) if turned[i] else r, len(lines))
    L = len(lines)
    if L < 2:
        raise ValueError("planar_faces needs rows of rank 2")
    directions = as_array(list(lines))
    order, _ = angular_order(directions)
    position = np.empty(L, dtype=np.int64)
    position[order] = np.arange(L)
    rows = np.flatnonzero(line_of >= 0)
    start = position[line_of[rows]] + L * turned[rows]      # the ray of +(-y_2, y_1)
    after = (np.arange(2 * L)[:, None] - start[None, :]) % (2 * L)
    ray_signs = np.zeros((2 * L, n), dtype=np.int8)
    ray_signs[:, rows] = np.where(after % L == 0, 0, np.where(after < L, -1, 1))
    sector_signs = np.zeros((2 * L, n), dtype=np.int8)
    sector_signs[:, rows] = np.where(after < L, -1, 1)
    ordered = [tuple(directions[k].tolist()) for k in order]
    rays = ordered + [(-x, -y) for x, y in ordered]
    sectors = [inside(rays[t], rays[(t + 1) % (2 * L)]) for t in range(2 * L)]
    return (Cells(sector_signs, as_array(sectors), 2), Cells(ray_signs, as_array(rays), 1),
            Cells(np.zeros((1, n), dtype=np.int8), np.zeros((1, 2), dtype=np.int64), 0))
