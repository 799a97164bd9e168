"""Sign patterns of a finite point set, decided exactly: the hyperplane arrangements behind J, D_i and the cells.

For data x_1, ..., x_N in R^d (rows of ``X``) the *affine* sign patterns are

    J = { sign(X w + b 1) : w in R^d, b in R },   sign(0) = +1,

with entries +1 / -1 (kh's J), and the *central* ones are {sign(X w) : w in R^d} (pe's
D_i = diag(1[X u >= 0]) with +1 for 1). Affine patterns of X are the central patterns of the
lifted points (x_i, 1). The set is a cone property ((w, b) and (t w, t b), t > 0, give the same
pattern), so a norm bound on w does not restrict it; w = 0 gives the all-(+1) (b >= 0) and, in
the affine case, the all-(-1) (b < 0) patterns.

Exact test. A pattern s is realised iff the linear feasibility problem

    x_i^T w + b >= 0  (s_i = +1),    x_i^T w + b <= -1  (s_i = -1)       (*)

(b = 0 in the central case) is feasible: a realising (w, b) has its negative values strictly below
0, so a positive multiple puts them below -1, and the non-negative values stay >= 0 (strictness
matters only on the negative side). (*) is solved by :func:`exact.lp.solve_lp`; when infeasible,
its Farkas vector gives multipliers mu >= 0 with

    sum_i mu_i s_i (x_i, 1) = 0,    sum_{s_i = -1} mu_i > 0              (**)

((x_i) instead of (x_i, 1) centrally), which rules out s directly: for a realising (w, b) every
s_i (x_i^T w + b) is >= 0, and > 0 when s_i = -1, so sum_i mu_i s_i (x_i^T w + b) > 0, yet it is
(**) dotted with (w, b) = 0. (**) involves only the points of the pattern's support, so it also
rules out every extension of an infeasible *prefix*.

Enumeration (:func:`pattern_tree`) grows patterns point by point (a binary search tree over
s_1, s_2, ...). A node's witness (w, b) realises one child for free (the sign of x_k^T w + b);
only the other child needs an LP, and an infeasible child is a pruned leaf carrying (**). The
realised leaves and the pruned prefixes together form a complete prefix code of {+-1}^N — what
the ``sign-patterns`` certificate (:mod:`exact.checker.sign_patterns`) re-verifies.

In 1-D the affine patterns are the thresholds in both directions: with m distinct values there
are exactly 2m patterns (:func:`patterns_1d`, no LP).

>>> from fractions import Fraction as F
>>> affine_sign_patterns([[F(0)], [F(1)], [F(2)]])
[(-1, -1, -1), (-1, -1, 1), (-1, 1, 1), (1, -1, -1), (1, 1, -1), (1, 1, 1)]
>>> len(affine_sign_patterns([[F(0), F(0)], [F(1), F(0)], [F(0), F(1)], [F(1), F(1)]]))
14
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Sequence

from flint import fmpq_mat

from ...lp import LinearProgram, solve_lp
from ...numbers import to_fmpq
from .central import region_bound

Pattern = tuple[int, ...]
Matrix = Sequence[Sequence[Fraction]]


@dataclass(frozen=True)
class Realisation:
    """A pattern with an exact (w, b) such that sign(X w + b 1) = pattern (sign(0) = +1)."""

    pattern: Pattern
    w: tuple[Fraction, ...]
    b: Fraction


@dataclass(frozen=True)
class Exclusion:
    """An infeasible prefix s_1..s_k with Farkas multipliers mu >= 0 satisfying (**)."""

    prefix: Pattern
    mu: tuple[Fraction, ...]


@dataclass(frozen=True)
class PatternTree:
    """Leaves of the enumeration tree: realised patterns (sorted) and pruned prefixes."""

    realised: tuple[Realisation, ...]
    excluded: tuple[Exclusion, ...]

    @property
    def patterns(self) -> list[Pattern]:
        return [r.pattern for r in self.realised]


def lifted(X: Matrix) -> list[list[Fraction]]:
    """The points (x_i, 1) in R^(d+1): affine patterns of X are patterns through the origin of these."""
    return [[Fraction(a) for a in x] + [Fraction(1)] for x in X]


def sign(t: Fraction) -> int:
    """+1 for t >= 0, -1 for t < 0 (the closed convention of kh's J and pe's D_i)."""
    return 1 if t >= 0 else -1


def pattern_of(X: Matrix, w: Sequence[Fraction], b: Fraction) -> Pattern:
    """sign(X w + b 1), exactly."""
    return tuple(sign(sum((a * c for a, c in zip(x, w)), Fraction(0)) + b) for x in X)


def realise(X: Matrix, s: Sequence[int], affine: bool = True) -> Realisation | Exclusion:
    """Solve (*) for the prefix ``s`` of the rows of ``X`` exactly (b = 0 unless ``affine``).

    Returns a :class:`Realisation` of ``s`` on X[:len(s)] or an
    :class:`Exclusion` whose multipliers satisfy (**).

    >>> from fractions import Fraction as F
    >>> realise([[F(0)], [F(0)]], (1, -1))
    Exclusion(prefix=(1, -1), mu=(Fraction(1, 1), Fraction(1, 1)))
    """
    d = len(X[0]) if X else 0
    if affine and d == 1:
        return _realise_line([Fraction(x[0]) for x in X], tuple(s))
    nv = d + 1 if affine else d
    rows, rhs = [], []
    for x, si in zip(X, s):
        # row . (w, b) <= rhs:  -(x.w + b) <= 0  or  x.w + b <= -1
        row = {j: -si * Fraction(a) for j, a in enumerate(x) if a}
        if affine:
            row[d] = Fraction(-si)
        rows.append(row)
        rhs.append(Fraction(0) if si == 1 else Fraction(-1))
    lp = LinearProgram(c=(Fraction(0),) * nv, A_ub=tuple(rows), b_ub=tuple(rhs), free=frozenset(range(nv)))
    res = solve_lp(lp)
    if res.status == "infeasible":
        return Exclusion(tuple(s), tuple(-z for z in res.farkas()[1]))
    x = res.optimum().x
    return Realisation(tuple(s), tuple(x[:d]), x[d] if affine else Fraction(0))


def _between(inner: int, outer: list[int], xs: list[Fraction], s: Pattern) -> Exclusion:
    """(**) for a point ``inner`` inside the hull of the points ``outer`` of the other sign: with its nearest
    outer neighbours l <= x_inner <= r, x_inner = lam x_l + (1 - lam) x_r, so mu = 1 on ``inner`` and
    lam, 1 - lam on l, r gives sum mu_i s_i (x_i, 1) = 0; one of the two sides is -1 with weight 1."""
    t = xs[inner]
    left = max((i for i in outer if xs[i] <= t), key=lambda i: xs[i])
    right = min((i for i in outer if xs[i] >= t), key=lambda i: xs[i])
    mu = [Fraction(0)] * len(s)
    mu[inner] = Fraction(1)
    if xs[left] == xs[right]:
        mu[left] += 1
    else:
        lam = (xs[right] - t) / (xs[right] - xs[left])
        mu[left] += lam
        mu[right] += 1 - lam
    return Exclusion(s, tuple(mu))


def _realise_line(xs: list[Fraction], s: Pattern) -> Realisation | Exclusion:
    """(*) on the line, without an LP: s is realised iff the hulls of its +1 and -1 points are disjoint
    (a threshold, with slope 1 / gap so that the -1 side is <= -1); otherwise a point of one sign lies in
    the hull of the other's (two intervals that meet contain an endpoint of one another), and
    :func:`_between` gives (**)."""
    plus = [i for i, v in enumerate(s) if v == 1]
    minus = [i for i, v in enumerate(s) if v == -1]
    if not minus:
        return Realisation(s, (Fraction(0),), Fraction(0))
    if not plus:
        return Realisation(s, (Fraction(0),), Fraction(-1))
    lo_p, hi_p = min(xs[i] for i in plus), max(xs[i] for i in plus)
    lo_n, hi_n = min(xs[i] for i in minus), max(xs[i] for i in minus)
    if hi_n < lo_p:  # w (x - lo_p) >= 0 on the +1 side, <= w (hi_n - lo_p) = -1 on the other
        w = 1 / (lo_p - hi_n)
        return Realisation(s, (w,), -w * lo_p)
    if hi_p < lo_n:
        w = -1 / (lo_n - hi_p)
        return Realisation(s, (w,), -w * hi_p)
    inside = next((i for i in minus if lo_p <= xs[i] <= hi_p), None)
    if inside is not None:
        return _between(inside, plus, xs, s)
    return _between(next(i for i in plus if lo_n <= xs[i] <= hi_n), minus, xs, s)


def pattern_tree(X: Matrix, affine: bool = True) -> PatternTree:
    """All realised patterns with witnesses, and the pruned prefixes with (**) (module doc)."""
    d = len(X[0]) if X else 0
    nodes = [Realisation((), (Fraction(0),) * d, Fraction(0))]
    excluded: list[Exclusion] = []
    for k, x in enumerate(X):
        children = []
        for node in nodes:
            free = sign(sum((a * c for a, c in zip(x, node.w)), Fraction(0)) + node.b)
            children.append(Realisation(node.pattern + (free,), node.w, node.b))
            other = realise(X[: k + 1], node.pattern + (-free,), affine)
            if isinstance(other, Realisation):
                children.append(other)
            else:
                excluded.append(other)
        nodes = children
    return PatternTree(tuple(sorted(nodes, key=lambda r: r.pattern)), tuple(sorted(excluded, key=lambda e: e.prefix)))


def patterns_1d(x: Sequence[Fraction]) -> list[Realisation]:
    """1-D patterns by thresholds: +1 on {x >= t} or on {x <= t}, t a data value; plus all -1.

    With m distinct values this gives exactly 2m patterns (m >= 1), sorted.

    >>> [r.pattern for r in patterns_1d([Fraction(3), Fraction(1)])]
    [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    """
    out = {(-1,) * len(x): Realisation((-1,) * len(x), (Fraction(0),), Fraction(-1))}
    values = sorted(set(x))
    rank = {v: r for r, v in enumerate(values)}  # sign(u (x_i - t)) from ranks: no arithmetic per point
    ranks = [rank[xi] for xi in x]
    for r, t in enumerate(values):
        for u in (Fraction(1), Fraction(-1)):
            pattern = tuple(1 if (q >= r if u > 0 else q <= r) else -1 for q in ranks)
            out.setdefault(pattern, Realisation(pattern, (u,), -u * t))
    return [out[p] for p in sorted(out)]


def affine_sign_patterns(X: Matrix) -> list[Pattern]:
    """Sorted list of every distinct sign(X w + b 1), (w, b) in R^d x R, sign(0) = +1 (exact).

    A pattern is realised iff the LP (*) of the module doc is feasible; the
    scale of w is free (a cone property), so ||w|| <= lambda does not change J.
    Representatives (w, b): :func:`realisations`.

    >>> affine_sign_patterns([[Fraction(1)], [Fraction(1)]])
    [(-1, -1), (1, 1)]
    """
    return [r.pattern for r in realisations(X)]


def central_sign_patterns(X: Matrix) -> list[Pattern]:
    """Sorted list of every distinct sign(X w), w in R^d, sign(0) = +1 (exact).

    >>> central_sign_patterns([[Fraction(1)], [Fraction(-2)]])
    [(-1, 1), (1, -1), (1, 1)]
    """
    return [r.pattern for r in pattern_tree(X, affine=False).realised]


def realisations(X: Matrix) -> list[Realisation]:
    """Every pattern of :func:`affine_sign_patterns` with an exact realising (w, b), sorted by pattern."""
    if X and len(X[0]) == 1:
        return patterns_1d([Fraction(row[0]) for row in X])
    return list(pattern_tree(X).realised)


def cover_count(N: int, d: int) -> int:
    """Cover (1965): affine dichotomies of N points in general position in R^d, 2 sum_{i=0}^{d} C(N-1, i).

    >>> cover_count(4, 2), cover_count(3, 2), cover_count(5, 1)
    (14, 8, 10)
    """
    return region_bound(N, d + 1) if N else 1  # the lifted points (x_i, 1): N central hyperplanes of R^(d+1)


def in_general_position(X: Matrix) -> bool:
    """Exact: every min(N, d+1) of the lifted points (x_i, 1) are linearly independent.

    (Any d+1 points affinely independent: Cover's hypothesis for :func:`cover_count`.)

    >>> in_general_position([[Fraction(0)], [Fraction(1)], [Fraction(1)]])
    False
    """
    rows = lifted(X)
    k = min(len(rows), len(rows[0]))
    return all(fmpq_mat([[to_fmpq(a) for a in rows[i]] for i in subset]).rank() == k
               for subset in combinations(range(len(rows)), k))


