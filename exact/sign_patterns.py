"""Exact affine sign patterns of a finite point set (Kumar & Haupt, the set J).

For data x_1, ..., x_N in R^d (rows of ``X``) the affine sign patterns are

    J = { sign(X w + b 1) : w in R^d, b in R },   sign(0) = +1 (kh's convention),

with entries +1 / -1. kh define J = {sign(z) : z in T^+_lambda} with
z = sigma_alpha(X w + b 1), ||w||_2 <= lambda; for a leaky slope alpha > 0,
sign(sigma_alpha(t)) = sign(t) (also at t = 0), so that J is the set above:
the pattern set is a cone property ((w, b) and (t w, t b), t > 0, give the same
pattern), so the bound ||w|| <= lambda does not restrict J; w = 0 gives the
all-(+1) (b >= 0) and all-(-1) (b < 0) patterns, which every data set has
anyway. (For alpha <= 0, sigma_alpha >= 0 and the literal kh definition gives
J = {all +1}: see :mod:`verify.claims.kh_patterns`.)

Exact test. A pattern s is realised iff the linear feasibility problem

    x_i^T w + b >= 0  (s_i = +1),    x_i^T w + b <= -1  (s_i = -1)       (*)

is feasible: a realising (w, b) has its negative values strictly below 0, so a
positive multiple puts them below -1, and the non-negative values stay >= 0
(strictness matters only on the negative side). (*) is solved by
:func:`exact.lp.solve_lp`; when infeasible, its Farkas vector gives
multipliers mu >= 0 with

    sum_i mu_i s_i (x_i, 1) = 0,    sum_{s_i = -1} mu_i > 0,             (**)

which rules out s directly: for a realising (w, b) every s_i (x_i^T w + b) is
>= 0, and > 0 when s_i = -1, so sum_i mu_i s_i (x_i^T w + b) > 0, yet it is
(**) dotted with (w, b) = 0. (**) involves only the points of the pattern's
support, so it also rules out every extension of an infeasible *prefix*.

Enumeration (:func:`pattern_tree`) grows patterns point by point (a binary
search tree over s_1, s_2, ...). A node's witness (w, b) realises one child
for free (the sign of x_k^T w + b); only the other child needs an LP, and an
infeasible child is a pruned leaf carrying (**). The realised leaves and the
pruned prefixes together form a complete prefix code of {+-1}^N — what the
``sign-patterns`` certificate (:mod:`exact.checker.patterns`) re-verifies.

In 1-D the patterns are the thresholds in both directions: with m distinct
values there are exactly 2m patterns (:func:`patterns_1d`, no LP).

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
from math import comb
from typing import Sequence

from flint import fmpq_mat

from .certificate import certificate_header
from .lp import LinearProgram, solve_lp
from .rational import to_fmpq

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
    """kh's sign: +1 for t >= 0, -1 for t < 0."""
    return 1 if t >= 0 else -1


def pattern_of(X: Matrix, w: Sequence[Fraction], b: Fraction) -> Pattern:
    """sign(X w + b 1), exactly."""
    return tuple(sign(sum((a * c for a, c in zip(x, w)), Fraction(0)) + b) for x in X)


def realise(X: Matrix, s: Sequence[int]) -> Realisation | Exclusion:
    """Solve (*) for the prefix ``s`` of the rows of ``X`` exactly.

    Returns a :class:`Realisation` of ``s`` on X[:len(s)] or an
    :class:`Exclusion` whose multipliers satisfy (**).

    >>> from fractions import Fraction as F
    >>> realise([[F(0)], [F(0)]], (1, -1))
    Exclusion(prefix=(1, -1), mu=(Fraction(1, 1), Fraction(1, 1)))
    """
    d = len(X[0]) if X else 0
    rows, rhs = [], []
    for x, si in zip(X, s):
        # row . (w, b) <= rhs:  -(x.w + b) <= 0  or  x.w + b <= -1
        row = {j: -si * Fraction(a) for j, a in enumerate(x) if a}
        row[d] = Fraction(-si)
        rows.append(row)
        rhs.append(Fraction(0) if si == 1 else Fraction(-1))
    lp = LinearProgram(c=(Fraction(0),) * (d + 1), A_ub=tuple(rows), b_ub=tuple(rhs), free=frozenset(range(d + 1)))
    res = solve_lp(lp)
    if res.status == "infeasible":
        return Exclusion(tuple(s), tuple(-z for z in res.farkas_ub))
    return Realisation(tuple(s), tuple(res.x[:d]), res.x[d])


def pattern_tree(X: Matrix) -> PatternTree:
    """All realised patterns with witnesses, and the pruned prefixes with (**) (module doc)."""
    d = len(X[0]) if X else 0
    nodes = [Realisation((), (Fraction(0),) * d, Fraction(0))]
    excluded: list[Exclusion] = []
    for k, x in enumerate(X):
        children = []
        for node in nodes:
            free = sign(sum((a * c for a, c in zip(x, node.w)), Fraction(0)) + node.b)
            children.append(Realisation(node.pattern + (free,), node.w, node.b))
            other = realise(X[: k + 1], node.pattern + (-free,))
            (children if isinstance(other, Realisation) else excluded).append(other)
        nodes = children
    return PatternTree(tuple(sorted(nodes, key=lambda r: r.pattern)), tuple(sorted(excluded, key=lambda e: e.prefix)))


def patterns_1d(x: Sequence[Fraction]) -> list[Realisation]:
    """1-D patterns by thresholds: +1 on {x >= t} or on {x <= t}, t a data value; plus all -1.

    With m distinct values this gives exactly 2m patterns (m >= 1), sorted.

    >>> [r.pattern for r in patterns_1d([Fraction(3), Fraction(1)])]
    [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    """
    out = {(-1,) * len(x): Realisation((-1,) * len(x), (Fraction(0),), Fraction(-1))}
    for t in set(x):
        for u in (Fraction(1), Fraction(-1)):
            pattern = tuple(sign(u * (xi - t)) for xi in x)
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
    return 2 * sum(comb(N - 1, i) for i in range(d + 1)) if N else 1


def kh_bound(N: int, d: int) -> int:
    """kh's refined bound |J| <= 2 sum_{i=1}^{d} C(N, i) (Section III-A, after Theorem 1).

    >>> kh_bound(4, 2), kh_bound(5, 1)
    (20, 10)
    """
    return 2 * sum(comb(N, i) for i in range(1, d + 1))


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


def patterns_certificate(X: Matrix, tree: PatternTree, claim: str, case: str) -> dict:
    """Kind ``sign-patterns`` (:mod:`exact.checker.patterns`): witnesses, exclusions and bounds."""
    N, d = len(X), len(X[0])
    count = len(tree.realised)
    bounds = {"two_to_N": 2 ** N, "kh": kh_bound(N, d), "cover": cover_count(N, d)}
    doc = certificate_header("sign-patterns", claim, case,
                             "|J| = count for J = {sign(X w + b 1)}, sign(0) = +1; compared with 2^N and "
                             "kh's 2 sum_{i=1}^{d} C(N, i)")
    doc.update(
        data={"X": [[str(a) for a in x] for x in X]},
        realised=[{"pattern": list(r.pattern), "w": [str(a) for a in r.w], "b": str(r.b)} for r in tree.realised],
        excluded=[{"prefix": list(e.prefix), "mu": [str(m) for m in e.mu]} for e in tree.excluded],
        count=count, bounds=bounds,
        within_two_to_N=count <= bounds["two_to_N"], within_kh=count <= bounds["kh"],
    )
    return doc


def h_vector(s: Sequence[int], alpha: Fraction) -> tuple[Fraction, ...]:
    """kh (5): h_k(s) = 1 if s_k = +1, alpha if s_k = -1; sigma_alpha(p) = h(s) . p when s . p >= 0."""
    return tuple(Fraction(1) if si == 1 else Fraction(alpha) for si in s)


def atom_lp(X: Matrix, z: Sequence[Fraction], alpha: Fraction, lam: Fraction | None = None) -> LinearProgram:
    """Feasible iff z = sigma_alpha(X w + b 1) for some (w, b), i.e. z in T^+ (kh Section III-A), alpha >= 0.

    Variables (w, b), free. For alpha > 0 sigma is invertible (p = z or z / alpha);
    for alpha = 0, z_k > 0 forces p_k = z_k and z_k = 0 only p_k <= 0 (z_k < 0: the
    empty row 0 = 1). ``lam`` adds |w| <= lam (1-D only: ||w||_2 = |w|); without it
    infeasibility means z is in no T^+_lambda.

    >>> from exact.lp import solve_lp
    >>> X = [[Fraction(0)], [Fraction(1)], [Fraction(2)]]
    >>> solve_lp(atom_lp(X, [Fraction(1, 2), Fraction(0), Fraction(1, 2)], Fraction(0))).status
    'infeasible'
    """
    d = len(X[0])
    eq, b_eq, ub, b_ub = [], [], [], []
    for x, zk in zip(X, map(Fraction, z)):
        row = {j: Fraction(a) for j, a in enumerate(x) if a}
        row[d] = Fraction(1)
        if alpha > 0 or zk > 0:
            eq.append(row)
            b_eq.append(zk if zk >= 0 else zk / alpha)
        elif zk == 0:
            ub.append(row)
            b_ub.append(Fraction(0))
        else:
            eq.append({})
            b_eq.append(Fraction(1))
    if lam is not None:
        ub += [{0: Fraction(1)}, {0: Fraction(-1)}]
        b_ub += [Fraction(lam), Fraction(lam)]
    return LinearProgram(c=(Fraction(0),) * (d + 1), A_eq=tuple(eq), b_eq=tuple(b_eq), A_ub=tuple(ub),
                         b_ub=tuple(b_ub), free=frozenset(range(d + 1)))


def pieces_lp(x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction, patterns: Sequence[Pattern],
              minus_sign: int = 1) -> LinearProgram:
    """kh's atomic norm (4) in 1-D through the closed pattern pieces (Lemma 1 scaling, Proposition 1).

    min sum_s (t_s^+ + t_s^-) s.t. y = sum_s h(s) . (p_s^+ - p_s^-), p_s^+- = x w_s^+- + b_s^+- 1,
    s . p_s^+ >= 0, minus_sign * s . p_s^- >= 0, |w_s^+-| <= t_s^+-.
    With minus_sign = +1, h(s) . p_s^+ ranges over the closure of A_s^{t^+} and
    -h(s) . p_s^- over that of B_s^{t^-} (both inside T^+ resp. T^-, since
    sigma_alpha(p) = h(s) . p whenever s . p >= 0), so the value is the atomic norm
    of y. minus_sign = -1 is kh (7) as printed (s . (X^T w^- + b^- 1) <= 0), whose
    minus part -h(s) . p^- = h(s) . (-p^-) lies in T^+ again (s . (-p^-) >= 0).
    Variables per pattern k: 6k + (w^+, b^+, w^-, b^-, t^+, t^-); w, b free, t >= 0.
    """
    x, y = [Fraction(v) for v in x], [Fraction(v) for v in y]
    eq = [dict() for _ in x]
    ub: list[dict] = []
    for k, s in enumerate(patterns):
        base = 6 * k
        h = h_vector(s, alpha)
        for i, xi in enumerate(x):
            for off, sgn in ((0, 1), (2, -1)):
                eq[i][base + off] = sgn * h[i] * xi
                eq[i][base + off + 1] = sgn * h[i]
            ub.append({base: -s[i] * xi, base + 1: Fraction(-s[i])})
            ub.append({base + 2: -minus_sign * s[i] * xi, base + 3: Fraction(-minus_sign * s[i])})
        for w_col, t_col in ((base, base + 4), (base + 2, base + 5)):
            ub += [{w_col: Fraction(1), t_col: Fraction(-1)}, {w_col: Fraction(-1), t_col: Fraction(-1)}]
    n = 6 * len(patterns)
    c = tuple(Fraction(1) if j % 6 >= 4 else Fraction(0) for j in range(n))
    clean = lambda r: {j: v for j, v in r.items() if v}  # noqa: E731
    return LinearProgram(c=c, A_eq=tuple(map(clean, eq)), b_eq=tuple(y), A_ub=tuple(map(clean, ub)),
                         b_ub=(Fraction(0),) * len(ub), free=frozenset(j for j in range(n) if j % 6 < 4))
