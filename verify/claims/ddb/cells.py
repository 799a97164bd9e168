"""Exact cell and face counts of the parameter arrangement of ddb Section 4 ("Cell decomposition of the parameter
space"), against the paper's "S ~ n^d in generic datasets", Theorem 4.2's O(n)^O(d) and the columns of (21).

Convention (ddb Section 4, (20), (21)): a neuron is theta = (a, b) in R^(d+1); datapoint x_i gives the lifted row
r_i = (x_i, 1) and the central hyperplane <r_i, theta> = 0 (through 0); cells live on the sphere ||theta|| = 1
(nu in M(S^d) of (20)). The faces of the central arrangement (:func:`exact.relu.arrangements.central_arrangement`)
are the cones {theta : sign(<r_i, theta>) = sigma_i}; a face of dimension k + 1 >= 1 meets S^d in a relatively open
k-dimensional face. The zero face (dimension 0) is not on the sphere; when the r_i have rank r < d + 1 (points on
an affine subspace) the face sigma = 0 is the lineality space, on S^d two antipodal points (r = d) or one great
subsphere S^(d-r) (counted once, though not a cell).

* ``regions``: the open regions on S^d. theta and -theta lie in different regions (sign vectors sigma, -sigma, and
  complementary activation sets), so the paper's "cells ... in the projective space" count (21) identifies them:
  ``projective_regions`` = regions / 2. The LP (21) needs one column per closed cell on the sphere (Theorem 4.7:
  one theta_s per cell a minimiser charges), ``columns_21`` = regions, twice the projective S.
* ``closed_cells``: the distinct activation sets {i : <r_i, theta> >= 0} over theta != 0 (the paper's "same cell
  iff active on the same datapoints", closed cells); ``open_cells`` the same with > 0. For lifted rows both equal
  ``regions``: moving theta on a face by +e or -e (e = (0, ..., 0, 1), <r_i, e> = 1) makes its vanishing rows
  positive or negative without changing the others, so every activation set is a region's.
* ``bound``: Cover (1965) / Zaslavsky (1975), n central hyperplanes of R^(d+1) in general position (any d + 1 of the
  r_i independent) cut it into 2 sum_{k=0}^{d} C(n - 1, k) regions, and at most that many in any position
  (:func:`exact.relu.arrangements.sign_patterns.cover_count`). It is 2n for d = 1 and n^2 - n + 2 for d = 2, and
  ~ 2 n^d / d! for fixed d: the projective S is ~ n^d / d! (exactly n for d = 1, (n^2 - n + 2) / 2 for d = 2), so
  "S ~ n^d" is right as an order of growth for fixed d, off by the constant 1 / d!, and the columns of (21) number
  2 S ~ 2 n^d / d! (2n for d = 1).

>>> from fractions import Fraction as F
>>> c = cell_counts([(F(k), F(1)) for k in range(3)])
>>> c.regions, c.projective_regions, c.faces, c.closed_cells, c.open_cells, c.power, c.bound, c.columns_21
(6, 3, (6, 6), 6, 6, 3, 6, 6)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from exact.relu.arrangements import central_arrangement, cover_count, in_general_position

from ._shared import Row


@dataclass(frozen=True)
class CellCounts:
    """The counts of the arrangement of n lifted rows in R^(d+1) on S^d (module doc); ``faces[k]`` and
    ``projective_faces[k]`` count the relatively open k-faces, k = 0..d (``faces[d]`` = ``regions``)."""

    n: int
    d: int
    rank: int
    regions: int
    projective_regions: int
    faces: tuple[int, ...]
    projective_faces: tuple[int, ...]
    closed_cells: int
    open_cells: int
    general_position: bool
    power: int
    bound: int

    @property
    def columns_21(self) -> int:
        """The columns (21) needs: one theta_s per closed cell on S^d, the regions (not the projective count)."""
        return self.regions

    @property
    def within_bound(self) -> bool:
        return self.regions <= self.bound

    @property
    def ratio(self) -> Fraction:
        """regions / n^d."""
        return Fraction(self.regions, self.power)

    @property
    def projective_ratio(self) -> Fraction:
        """The paper's S (projective) / n^d."""
        return Fraction(self.projective_regions, self.power)


def cell_counts(rows: list[Row]) -> CellCounts:
    """The exact counts of the module doc for lifted rows r_i = (x_i, 1) (last entry 1), any d."""
    if not rows or any(r[-1] != 1 for r in rows):
        raise ValueError("cell_counts needs lifted rows (x_i, 1)")
    n, d = len(rows), len(rows[0]) - 1
    arrangement = central_arrangement(rows)
    sphere = [f for f in arrangement.faces if f.dimension > 0]
    faces, projective = [0] * (d + 1), [0] * (d + 1)
    for f in sphere:
        k = f.dimension - 1
        if any(f.sign):  # a face and its antipode (sign -sigma) are distinct, one projective face
            faces[k] += 1
            projective[k] += next(s for s in f.sign if s) > 0
        else:  # the lineality space: two antipodal points if a line, else one great subsphere
            faces[k] += 2 if k == 0 else 1
            projective[k] += 1
    closed = {tuple(s >= 0 for s in f.sign) for f in sphere}
    opened = {tuple(s > 0 for s in f.sign) for f in sphere}
    return CellCounts(n, d, arrangement.rank, faces[d], projective[d], tuple(faces), tuple(projective), len(closed),
                      len(opened), in_general_position([r[:-1] for r in rows]), n ** d, cover_count(n, d))


def note(c: CellCounts) -> str:
    """One paragraph for a check's notes: the counts against S ~ n^d, the projective S of (21) and Cover's bound.

    >>> from fractions import Fraction as F
    >>> print(note(cell_counts([(F(k), F(1)) for k in (-1, 0, 1)])))  # doctest: +NORMALIZE_WHITESPACE
    cells (ddb Section 4, n = 3, d = 1, lifted rows (x_i, 1) in R^2, sphere S^1): 6 open regions on the sphere
    (3 in the projective space, the paper's S of (21)); faces by dimension 0..1: [6, 6] (projective [3, 3]);
    6 closed activation sets {i : <(x_i, 1), theta> >= 0}, 6 open (> 0), both = the regions; n^d = 3, regions /
    n^d = 2, projective / n^d = 1; Cover's 2 sum_(k<=d) C(n-1, k) = 6, regions within it, general position;
    (21) needs 6 columns, one per closed cell on the sphere (theta and -theta are different cells), twice the
    projective S.
    """
    same = "both = the regions" if c.closed_cells == c.open_cells == c.regions else "not both = the regions"
    return (f"cells (ddb Section 4, n = {c.n}, d = {c.d}, lifted rows (x_i, 1) in R^{c.d + 1}, sphere S^{c.d}): "
            f"{c.regions} open regions on the sphere ({c.projective_regions} in the projective space, the paper's S "
            f"of (21)); faces by dimension 0..{c.d}: {list(c.faces)} (projective {list(c.projective_faces)}); "
            f"{c.closed_cells} closed activation sets {{i : <(x_i, 1), theta> >= 0}}, {c.open_cells} open (> 0), "
            f"{same}; n^d = {c.power}, regions / n^d = {c.ratio}, projective / n^d = {c.projective_ratio}; "
            f"Cover's 2 sum_(k<=d) C(n-1, k) = {c.bound}, regions {'within' if c.within_bound else 'ABOVE'} it, "
            f"{'general position' if c.general_position else 'not in general position'}; (21) needs "
            f"{c.columns_21} columns, one per closed cell on the sphere (theta and -theta are different cells), "
            f"twice the projective S.")
