"""The whole optimal set of the 1-D TV problem ddb (20) on its contact set, and where it sits in the cells.

ddb (20) in 1-D (theta = (a, b) on the unit circle, sigma the ReLU) is kh (2)+(8): min ||nu||_TV s.t.
int sigma(a x_i + b) dnu = y_i (:mod:`exact.relu.joint_norm`). For an exact dual v (|g_v| <= 1 on the circle,
v^T y = the optimum) and any optimal nu, ||nu|| = v^T y = int g_v dnu <= int |g_v| d|nu| <= ||nu||, so every
optimal nu is carried by the contact set C = {|g_v| = 1} with sign(nu) = sign(g_v) there. Conversely every
such nu fitting y costs sum_a d_a |a| = v^T y. So the optimal measures are exactly the polytope

    Opt = {d >= 0 : sum_a sign_a phi_a(x_i) d_a = y_i}   (c_a = sign_a d_a, phi_a = sigma(a x + b)),

bounded (its cost sum_a d_a |a| is constant and |a| > 0), hence the convex hull of its vertices: the basic
feasible points, supports S with independent columns and the unique solution on S positive (brute force
over supports, exact ranks). The points any minimiser charges are the union U of the vertex supports (the
barycentre of the vertices charges all of U), and two minimisers charge different points of a set K iff
|U n K| >= 2.

Cells (ddb Section 4, "two neurons belong to the same cell iff they are active on the same datapoints";
closed cells): the regions of the central arrangement of the lifted rows (x_i, 1)
(:func:`exact.relu.arrangements.central_arrangement`), closed: a direction with sign vector s lies in the
closed cell of the region r iff s_i in {0, r_i} for every i (a direction on a data line belongs to two closed
cells). Relatively open faces: the open arcs (regions) and the rays (a x_i + b = 0), by equal sign vectors.
Theorem 4.2 (at most one point per closed cell for every minimiser) and Theorem 4.7 (every minimiser
charging a closed cell charges the same point) both hold iff |U n K| <= 1 for every closed cell K.

>>> from fractions import Fraction as F
>>> from exact.relu.joint_norm import Contact
>>> C = [Contact(F(1), F(0), 1), Contact(F(0), F(1), 1)]  # relu(x) and the constant both fit y(1) = 1
>>> m = optimal_measures([F(1)], [F(1)], F(0), C)
>>> [v.weights for v in m.vertices], m.charged, [k.charged for k in m.cells]
([(Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1))], (0, 1), [(), (0, 1)])
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Sequence

from ..checker.arith import rank, rref
from .antipodes import even_vertices
from .arrangements import central_arrangement
from .joint_isolated import Isolated, IsolatedContact
from .joint_isolated_nd import ContactND, IsolatedND
from .joint_norm import Contact

MAX_CONTACTS = 16  # brute force over supports: at most 2^16 exact eliminations


@dataclass(frozen=True)
class Vertex:
    """A vertex of Opt: the signed weight c_a of every contact (0 off its support)."""

    weights: tuple[Fraction, ...]

    @property
    def support(self) -> frozenset[int]:
        return frozenset(j for j, c in enumerate(self.weights) if c)


@dataclass(frozen=True)
class Piece:
    """A closed cell or a relatively open face: its sign vector (a region's for a closed cell, the face's own
    otherwise), the contacts in it and those some minimiser charges (indices into the contacts)."""

    sign: tuple[int, ...]
    closed: bool
    contacts: tuple[int, ...]
    charged: tuple[int, ...]


@dataclass(frozen=True)
class OptimalMeasures:
    """Opt's vertices over the contacts, the charged union U, and every closed cell and open face."""

    contacts: tuple[Contact | IsolatedContact | ContactND, ...]
    vertices: tuple[Vertex, ...]
    cells: tuple[Piece, ...]
    faces: tuple[Piece, ...]
    signs: tuple[tuple[int, ...], ...]  # sign(a . (x_i, 1)) of each contact
    #: contacts fixed by their sign vector up to scale (on a ray of the arrangement: zero rows of rank d)
    rays: tuple[bool, ...] = ()
    #: pairs of contacts known to be exact antipodes (the even duals' a and -a)
    antipodes: tuple[tuple[int, int], ...] = ()
    #: the vertices are all of Opt's (False: certified minimisers only, see :func:`isolated_measures`)
    enumerated: bool = True
    #: the charged union U is exact (False: only a lower bound, the points the certified minimisers charge)
    complete: bool = True

    @property
    def charged(self) -> tuple[int, ...]:
        """U: the contacts some minimiser charges, sorted."""
        return tuple(sorted(set().union(*(v.support for v in self.vertices))))

    def max_per_cell(self, signed: bool = False) -> int:
        """The most points one minimiser charges in a closed cell (the barycentre attains |U n K|); ``signed``:
        in a closed cell with one sign of the output weight c."""
        signs = (1, -1) if signed else (0,)
        return max((sum(1 for j in k.charged if s in (0, self.contacts[j].sign)) for k in self.cells
                    for s in signs), default=0)

    def antipodal_pairs(self) -> tuple[tuple[int, int], ...]:
        """The pairs (j, k), j < k, of charged points with a_k = -a_j exactly: two rays of opposite sign vectors,
        or a listed pair of :attr:`antipodes`."""
        charged = set(self.charged)
        at = {self.signs[j]: j for j in charged if self.rays and self.rays[j]}
        pairs = {(j, k) for s, j in at.items() if (k := at.get(tuple(-t for t in s), -1)) > j}
        return tuple(sorted(pairs | {(j, k) for j, k in self.antipodes if j in charged and k in charged}))

    def open_cells(self) -> tuple[Piece, ...]:
        """The closed cells where U is not known to hold at most one point (only when U is not complete)."""
        return () if self.complete else tuple(k for k in self.cells if len(k.charged) <= 1 < len(k.contacts))

    def split_cells(self) -> tuple[Piece, ...]:
        """The closed cells where two minimisers charge different points (Theorems 4.2 and 4.7 fail there)."""
        return tuple(k for k in self.cells if len(k.charged) > 1)

    def witnesses(self, cell: Piece) -> tuple[Vertex, Vertex]:
        """Two vertices charging different points p != q of ``cell`` (their midpoint charges both)."""
        p, q = cell.charged[:2]
        return (next(v for v in self.vertices if p in v.support), next(v for v in self.vertices if q in v.support))


def _solve_on(cols: Sequence[Sequence[Fraction]], y: Sequence[Fraction]) -> list[Fraction] | None:
    """The solution of sum_j d_j cols_j = y when the columns are independent and it exists, else None."""
    k = len(cols)
    R, pivots = rref([[col[i] for col in cols] + [yi] for i, yi in enumerate(y)], k)
    if pivots != list(range(k)) or any(row[k] for row in R[k:]):
        return None
    return [R[j][k] for j in range(k)]


def vertices(x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction,
             contacts: Sequence[Contact]) -> tuple[Vertex, ...]:
    """Every vertex of Opt (module doc), by brute force over supports of at most n contacts.

    >>> F = Fraction; C = [Contact(F(1), F(0), 1), Contact(F(-1), F(0), 1)]
    >>> vertices([F(-1), F(1)], [F(1), F(1)], F(0), C)  # |x| = relu(x) + relu(-x)
    (Vertex(weights=(Fraction(1, 1), Fraction(1, 1))),)
    """
    if len(contacts) > MAX_CONTACTS:
        raise ValueError(f"{len(contacts)} contacts, beyond the {MAX_CONTACTS} the support enumeration takes")
    cols = [[c.sign * t for t in c.column(x, alpha)] for c in contacts]
    out = []
    for k in range(1, min(len(x), len(contacts)) + 1):
        for S in combinations(range(len(contacts)), k):
            d = _solve_on([cols[j] for j in S], y)
            if d is not None and all(t > 0 for t in d):
                w = dict(zip(S, d, strict=True))
                out.append(Vertex(tuple(contacts[j].sign * w.get(j, Fraction(0)) for j in range(len(contacts)))))
    return tuple(out)


def on_rays(rows: Sequence[Sequence[Fraction]], signs: Sequence[tuple[int, ...]]) -> tuple[bool, ...]:
    """Per sign vector: do its zero rows have rank d (the point is fixed up to scale, a ray of the arrangement)?"""
    D = len(rows[0])
    return tuple(rank([list(rows[i]) for i, t in enumerate(s) if t == 0] or [[Fraction(0)] * D]) == D - 1
                 for s in signs)


def placed(rows: Sequence[Sequence[Fraction]], signs: Sequence[tuple[int, ...]], charged: set[int]
           ) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """The closed cells and relatively open faces of the lifted rows (x_i, 1), each with the contacts in it (given
    by their sign vectors) and those in ``charged`` (module doc)."""
    arrangement = central_arrangement([list(r) for r in rows])

    def piece(sign: tuple[int, ...], closed: bool) -> Piece:
        inside = tuple(j for j, s in enumerate(signs)
                       if all(si in ((0, ri) if closed else (ri,)) for si, ri in zip(s, sign, strict=True)))
        return Piece(sign, closed, inside, tuple(j for j in inside if j in charged))

    return (tuple(piece(f.sign, True) for f in arrangement.regions),
            tuple(piece(f.sign, False) for f in arrangement.faces if f.dimension > 0))


def optimal_measures(x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction,
                     contacts: Sequence[Contact]) -> OptimalMeasures:
    """Opt over ``contacts`` (the complete contact set of an exact dual, rational directions) and its place in
    the closed cells and open faces of the lifted data (module doc)."""
    verts = vertices(x, y, alpha, contacts)
    signs = [tuple((t > 0) - (t < 0) for t in (c.w * xi + c.b for xi in x)) for c in contacts]
    rows = [(xi, Fraction(1)) for xi in x]
    cells, faces = placed(rows, signs, set().union(*(v.support for v in verts)))
    return OptimalMeasures(tuple(contacts), verts, cells, faces, tuple(signs), on_rays(rows, signs))


def isolated_measures(sol: Isolated) -> OptimalMeasures:
    """The optimal set of an isolated optimum (:mod:`exact.relu.joint_isolated`) on its whole contact set, the
    weights at the box centres (within 2^-RADIUS_BITS). Unique optimum: its minimiser is the only vertex. Even: the
    minimisers form a polytope (weight moves between antipodes); its vertices come from
    :func:`exact.relu.joint_isolated.even_vertices` (interval arithmetic over the certified box, rigorous but not
    re-checked by the checker), and when that declines only the certified minimiser is known (``enumerated``
    False; U exact when it charges every contact)."""
    support, charged = sol.support, sol.charged
    K, c = len(sol.contacts), sol.weights
    index = {a: j for j, a in enumerate(support)}
    signs = tuple(a.signs(sol.x) for a in support)
    rows = [(xi, Fraction(1)) for xi in sol.x]
    pairs = tuple((k, K + k) for k in range(K)) if sol.even else ()
    found = even_vertices(sol) if sol.even else None
    if found is not None:  # a_k carries s_k (m_k - t_k), -a_k carries s_k t_k; 0 exactly at a bound
        verts = []
        for vertex in found:
            split = [{0: (ck, Fraction(0)), 1: (Fraction(0), ck)}.get(state, (ck - a.sign * (t.lo + t.hi) / 2,
                                                                              a.sign * (t.lo + t.hi) / 2))
                     for (state, t), ck, a in zip(vertex, c, sol.contacts, strict=True)]
            verts.append(Vertex(tuple(w for w, _ in split) + tuple(w for _, w in split)))
        on = set().union(*(v.support for v in verts))
        cells, faces = placed(rows, signs, on)
        return OptimalMeasures(support, tuple(verts), cells, faces, signs, on_rays(rows, signs), pairs)
    weights = tuple(c)
    if sol.even:
        weights = tuple(ck - a.sign * tk for ck, a, tk in zip(c, sol.contacts, sol.estimates, strict=True)) + \
            tuple(a.sign * tk for a, tk in zip(sol.contacts, sol.estimates, strict=True))
    on = {index[a] for a in charged}
    weights = tuple(w if j in on else Fraction(0) for j, w in enumerate(weights))
    cells, faces = placed(rows, signs, on)
    return OptimalMeasures(support, (Vertex(weights),), cells, faces, signs, on_rays(rows, signs), pairs,
                           enumerated=not sol.even, complete=len(charged) == len(support))


def isolated_nd_measures(sol: IsolatedND) -> OptimalMeasures:
    """The optimal set of an isolated optimum on d-dimensional data (:mod:`exact.relu.joint_isolated_nd`): its
    unique minimiser (weights: the box centres) on the exact contact set, in the closed cells of the lifted data."""
    signs = tuple(c.pattern for c in sol.contacts)
    rows = [tuple(x) + (Fraction(1),) for x in sol.X]
    cells, faces = placed(rows, signs, set(range(len(sol.contacts))))
    return OptimalMeasures(sol.contacts, (Vertex(tuple(sol.weights)),), cells, faces, signs, on_rays(rows, signs))
