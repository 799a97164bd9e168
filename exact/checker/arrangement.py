"""Kind "arrangement": every face of the central arrangement of the rows of X (pe Sections 3, 5, A.2).

The hyperplanes x_i . u = 0 cut R^d into faces {u : sign(X u) = sigma}, sigma in {-1, 0, 1}^n (sign(0) = 0):
H_X of pe's Section 5 proof. Regions are the faces with sigma_i != 0 on every nonzero row; pe's D_i (Section
3) are the distinct 1[X u >= 0], the faces' images under 0, +1 -> 1, -1 -> 0; S_X the distinct 1[X u > 0].

Completeness (the star lemma; independent of the producer's algorithm). Scale the rows to integers (a
positive factor changes no sign) and keep r = rank X independent columns J: {X u : u in R^d} = {X_J v : v in
R^r}, so the faces of X are those of the essential arrangement of the rows y_i = x_i[J] in R^r, whose only
minimal face is {0} (sigma = 0). A ray is a face of dimension 1; for a ray through rho put L = {i : y_i . rho =
0}, of rank r - 1. Then:
  (a) every face F != {0} has a ray in its closure: closure(F) = {u : sigma_i y_i . u >= 0, y_i . u = 0 where
      sigma_i = 0} is a pointed cone of dimension >= 1, so it has an extreme ray, and the face of the
      arrangement containing a point of that extreme ray lies in the extreme ray (its points have the same
      zero rows), so it is a ray;
  (b) the faces whose closure contains the ray rho are exactly the sigma with sigma_i = sign(y_i . rho) off L
      and sigma restricted to L a face of the arrangement of the rows of L: given such sigma_L with point w,
      rho + t w realises sigma for small t > 0; conversely a face with rho in its closure has
      sign(y_i . rho) in {0, sigma_i}, and its points realise sigma_L on L;
  (c) the rays are found from (r - 1)-subsets S of the rows: a ray's L has rank r - 1, so it contains such an
      S, whose normal (the vector of signed (r - 1)-minors, nonzero iff S has rank r - 1) spans L's null
      space, the line of rho; conversely each such normal gives the two rays +-rho.
So the faces are {0} and the union over the (r - 1)-subsets S of rank r - 1 of the stars (b) of +-rho, the
faces of the arrangement of L being found by the same function in r - 1 dimensions (L has rank r - 1; when
its r - 1 rows are independent, all 3^(r - 1) sign vectors occur). With regions only: (a) gives an extreme
ray for every region when r >= 1, and the regions of the star are the sigma whose restriction to L is a
region of L's arrangement.

:func:`certified_regions` gives another kind every region of the rows of X this way, without a list of faces.

Limits (checked before the work): n <= MAX_POINTS rows, d <= MAX_COLUMNS, C(n, r - 1) n r <= MAX_SUBSET_WORK
for the n nonzero rows; the listed faces F <= MAX_FACES, F n d <= MAX_POINT_WORK, point entries of at most
MAX_POINT_BITS bits; and while the stars are formed (a budget, like the trial divisions of radicals), at most
MAX_STAR_WORK for n r per subset examined plus one per star element, over the whole recursion.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, product
from math import comb, lcm
from operator import mul

from ._fields import Malformed, at, list_, qmatrix, show, within
from ._proved import Proved
from .arith import LimitExceeded, rref

MAX_POINTS = 200  # rows n (real certificates: at most 6; the benchmark's in-memory ones 100)
MAX_COLUMNS = 32  # columns d
MAX_SUBSET_WORK = 5_000_000  # C(n, r - 1) n r: each subset costs r determinants and n dots of length r
MAX_FACES = 200_000  # listed faces (a file of 1 MiB holds far fewer)
MAX_POINT_WORK = 40_000_000  # F n d multiplications to check the points
MAX_POINT_BITS = 256  # bits of one point entry
MAX_STAR_WORK = 10_000_000  # n r per subset examined plus the star elements formed, over the whole recursion
Faces = frozenset[tuple[int, int]]  # (mask of the rows with sign +1, mask of those with -1)


def integer_rows(X: list[list[Fraction]]) -> list[list[int]]:
    """Each row times the lcm of its denominators: the same hyperplanes and signs."""
    rows = []
    for x in X:
        s = lcm(*(a.denominator for a in x))
        rows.append([int(a * s) for a in x])
    return rows


def determinant(M: list[list[int]]) -> int:
    """det M of a square integer matrix: the formulas up to order 3, then fraction-free (Bareiss)
    elimination, where every division is exact.

    >>> determinant([[2, 1, 0], [1, 3, 1], [0, 1, 4]])
    18
    >>> determinant([[1, 2, 3, 4], [0, 1, 0, 0], [0, 0, 2, 1], [1, 0, 0, 1]])
    -3
    """
    if len(M) <= 3:
        if len(M) < 2:
            return M[0][0] if M else 1
        if len(M) == 2:
            return M[0][0] * M[1][1] - M[0][1] * M[1][0]
        (a, b, c), (e, f, g), (h, i, j) = M
        return a * (f * j - g * i) - b * (e * j - g * h) + c * (e * i - f * h)
    A = [row[:] for row in M]
    k, sign, prev = len(A), 1, 1
    for c in range(k - 1):
        p = next((i for i in range(c, k) if A[i][c]), None)
        if p is None:
            return 0
        if p != c:
            A[c], A[p], sign = A[p], A[c], -sign
        for i in range(c + 1, k):
            A[i] = [(A[c][c] * A[i][j] - A[i][c] * A[c][j]) // prev if j > c else 0 for j in range(k)]
        prev = A[c][c]
    return sign * A[k - 1][k - 1] if k else 1


def normal(S: list[list[int]], k: int) -> list[int]:
    """The vector of signed (k - 1)-minors of k - 1 rows in Z^k: orthogonal to each of them, and 0 iff they
    have rank < k - 1 (in R^1, of no rows: (1))."""
    return [(-1) ** j * determinant([row[:j] + row[j + 1:] for row in S]) for j in range(k)]


class _Stars:
    """The faces (or only the regions) of essential integer arrangements by the star lemma (module doc),
    remembered by their set of rows, within one budget of MAX_STAR_WORK."""

    def __init__(self, full: bool) -> None:
        self.full, self.work = full, 0
        self.memo: dict[int, Faces] = {}

    def spend(self, units: int) -> None:
        self.work += units
        if self.work > MAX_STAR_WORK:
            raise LimitExceeded(f"subsets and star elements of the arrangement pass the checker's limit of "
                                f"{MAX_STAR_WORK}")

    def independent(self, rows: list[int]) -> Faces:
        """Every sign vector on linearly independent rows (all occur: X u is onto)."""
        choices = [(1, 0), (0, 1)] + ([(0, 0)] if self.full else [])
        self.spend(len(choices) ** len(rows))
        return frozenset((sum(p << i for (p, _), i in zip(c, rows, strict=True)),
                          sum(q << i for (_, q), i in zip(c, rows, strict=True))) for c in product(choices,
                                                                                               repeat=len(rows)))

    def faces(self, rows: list[int], Y: dict[int, list[int]], k: int) -> Faces:
        """The faces of the rows ``rows`` (nonzero, coordinates Y[i] in Z^k, rank k)."""
        key = sum(1 << i for i in rows)
        if key not in self.memo:
            self.memo[key] = self._faces(rows, Y, k)
        return self.memo[key]

    def _faces(self, rows: list[int], Y: dict[int, list[int]], k: int) -> Faces:
        if len(rows) == k:
            return self.independent(rows)
        out: set[tuple[int, int]] = set()
        done: set[int] = set()
        for S in combinations(rows, k - 1):
            self.spend(len(rows) * k)
            rho = normal([Y[i] for i in S], k)
            if not any(rho):
                continue
            values = {i: sum(map(mul, Y[i], rho)) for i in rows}
            L = [i for i in rows if values[i] == 0]
            zero = sum(1 << i for i in L)
            if zero in done:
                continue
            done.add(zero)
            plus = sum(1 << i for i in rows if values[i] > 0)
            minus = sum(1 << i for i in rows if values[i] < 0)
            local = self.independent(L) if len(L) == k - 1 else self.faces(L, *_essential(L, Y))
            self.spend(2 * len(local))
            for p, q in local:
                out.add((plus | p, minus | q))
                out.add((minus | p, plus | q))
        if self.full:
            out.add((0, 0))
        return frozenset(out)


def _essential(rows: list[int], Y: dict[int, list[int]]) -> tuple[dict[int, list[int]], int]:
    """The rows restricted to independent columns (the same sign vectors), and their rank."""
    _, J = rref([[Fraction(a) for a in Y[i]] for i in rows], len(Y[rows[0]]))
    return {i: [Y[i][j] for j in J] for i in rows}, len(J)


def arrangement_star(X: list[list[Fraction]], full: bool) -> tuple[int, int, Faces]:
    """(rank r, mask of the nonzero rows, every face -- or every region -- as (plus, minus) masks) of the rows
    of X, by the star lemma; refused beyond MAX_POINTS, MAX_COLUMNS, MAX_SUBSET_WORK."""
    within(len(X), MAX_POINTS, "data.X: rows n")
    if not within(len(X[0]), MAX_COLUMNS, "data.X: columns d"):
        raise Malformed("data.X: expected at least one column")
    ints = integer_rows(X)
    rows = [i for i, x in enumerate(ints) if any(x)]
    nonzero = sum(1 << i for i in rows)
    if not rows:
        return 0, 0, frozenset({(0, 0)})
    Y, r = _essential(rows, {i: ints[i] for i in rows})
    within(comb(len(rows), r - 1) * len(rows) * r, MAX_SUBSET_WORK, "data.X: C(n, r - 1) n r for the n nonzero rows")
    return r, nonzero, _Stars(full).faces(rows, Y, r)


def certified_regions(X: list[list[Fraction]]) -> list[tuple[int, ...]]:
    """Every region of the central arrangement of the rows of X as its sign vector (-1 / 0 / +1; 0 exactly on
    the zero rows), sorted, proven complete by the star lemma (module doc). Cost: C(nonzero rows, r - 1)
    normals of r - 1 rows (r determinants each) and n dot products per normal, plus the regions of the
    arrangements of the rows vanishing on each ray; LimitExceeded beyond the module's limits.

    >>> certified_regions([[Fraction(1), Fraction(0)], [Fraction(0), Fraction(1)], [Fraction(0), Fraction(0)]])
    [(-1, -1, 0), (-1, 1, 0), (1, -1, 0), (1, 1, 0)]
    """
    _, _, regions = arrangement_star(X, full=False)
    return sorted(_vector(p, q, len(X)) for p, q in regions)


def _vector(plus: int, minus: int, n: int) -> tuple[int, ...]:
    return tuple(1 if plus >> i & 1 else -1 if minus >> i & 1 else 0 for i in range(n))


def _masks(sign: list[int]) -> tuple[int, int]:
    code = bytes(v + 1 for v in sign)[::-1]  # 0, 1, 2 for -1, 0, +1; row i is bit i
    return int(code.translate(_PLUS), 2), int(code.translate(_MINUS), 2)


_PLUS = bytes.maketrans(b"\x00\x01\x02", b"001")
_MINUS = bytes.maketrans(b"\x00\x01\x02", b"100")


def _listed(doc: dict, n: int, d: int) -> list[tuple[list[int], list[int]]]:
    """The ``faces`` entries {sign: n JSON integers -1 / 0 / 1, point: d JSON integers}, within the limits."""
    items = list_(at(doc, "faces"), "faces")
    within(len(items), MAX_FACES, "faces: listed faces F")
    within(len(items) * n * d, MAX_POINT_WORK, "faces: F n d (the points' dot products)")
    out = []
    for k, item in enumerate(items):
        try:
            sign, point = item["sign"], item["point"]
        except (KeyError, TypeError):  # names the missing field
            sign, point = at(item, "sign", f"faces[{k}]"), at(item, "point", f"faces[{k}]")
        if type(sign) is not list or len(sign) != n or not all(type(v) is int for v in sign) \
                or not set(sign) <= {-1, 0, 1}:
            raise Malformed(f"faces[{k}].sign: expected {n} JSON integers -1, 0 or 1, got {show(sign)}")
        if type(point) is not list or len(point) != d or not all(type(v) is int for v in point):
            raise Malformed(f"faces[{k}].point: expected {d} JSON integers, got {show(point)}")
        if max(map(abs, point)).bit_length() > MAX_POINT_BITS:
            raise LimitExceeded(f"faces[{k}].point: an entry has more than the checker's limit of "
                                f"{MAX_POINT_BITS} bits")
        out.append((sign, point))
    return out


def check(doc: dict, problems: list[str]) -> Proved:
    """data.X (n >= 1 rows of d rationals); faces [{sign, point}]. Conditions (exact):
      1. every point (d integers) realises its sign (n integers -1 / 0 / 1): sign(x_i . point) = sign_i;
      2. no sign vector is listed twice, and the listed ones are exactly the faces of the star lemma;
    proves ``{"type": "arrangement", "rank": r, "faces": F, "regions": R, "patterns": P, "open_patterns": S}``:
    F faces, R of them regions, P distinct 1[X u >= 0] (pe's D_i), S distinct 1[X u > 0] (S_X)."""
    X = qmatrix(at(doc, "data.X"), "data.X")
    rank, nonzero, star = arrangement_star(X, full=True)
    n, d = len(X), len(X[0])
    listed = _listed(doc, n, d)
    ints = integer_rows(X)
    wrong = [k for k, (sign, u) in enumerate(listed)                                                    # 1.
             if [(t > 0) - (t < 0) for t in (sum(map(mul, x, u)) for x in ints)] != sign]
    if wrong:
        problems.append(f"faces[{wrong[0]}]: the point does not realise the sign {listed[wrong[0]][0]}"
                        + (f" (and {len(wrong) - 1} more faces)" if len(wrong) > 1 else ""))
    masks = [_masks(sign) for sign, _ in listed]
    if len(set(masks)) != len(masks):                                                                   # 2.
        problems.append("faces: a sign vector is listed twice")
    missing, extra = star - set(masks), set(masks) - star
    for what, which in (("misses", missing), ("lists", extra)):
        if which:
            problems.append(f"faces: the list {what} {len(which)} sign vectors "
                            f"{'of' if what == 'misses' else 'that are not'} faces of the arrangement, "
                            f"e.g. {show(list(_vector(*min(which), n)), 240)}")
    regions = sum(1 for p, q in masks if p | q == nonzero)
    return Proved({"type": "arrangement", "rank": rank, "faces": len(masks), "regions": regions,
                   "patterns": len({q for _, q in masks}), "open_patterns": len({p for p, _ in masks})}, {"X": X})
