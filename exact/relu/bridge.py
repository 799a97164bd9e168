"""The l_{2/L} bridge penalty over a finite dictionary, minimised exactly (ses (49), Theorem C.3).

Problem (ses (49) with an interpolation constraint, finite dictionary)::

    min  f_L(w) = sum_i |w_i|^(2/L)   s.t.   A w = y,        A in Q^{N x K}, L >= 2.

For L = 2 this is min ||w||_1 (an LP); for L >= 3 the exponent p = 2/L < 1.

**(a) A basic solution is optimal.** Call w *basic* when A w = y and the
columns of A on supp(w) are linearly independent; there are finitely many
(each solves A_B w_B = y for a set B of rank(A) independent columns, with
w = 0 off B). Fix a sign vector s and the piece Q_s = {A w = y, s_i w_i >= 0}
of the feasible set. Q_s lies in an orthant, so it contains no line and
Q_s = conv(vertices) + recession cone (Minkowski-Weyl); its vertices are
exactly its basic solutions. On the orthant f_L(w) = sum (s_i w_i)^p is
concave (p <= 1) and *nondecreasing along every recession direction*
d (s_i d_i >= 0 gives |w_i + d_i| = |w_i| + |d_i| >= |w_i|, and t^p
increases). So for w = sum lam_j v_j + d:
f_L(w) >= f_L(sum lam_j v_j) >= sum lam_j f_L(v_j) >= min_j f_L(v_j):
unbounded pieces do not help, the minimum over the feasible set is
attained and equals the minimum over the finitely many basic solutions.

**(b) For L >= 3 every optimum is basic, hence has <= rank(A) <= N non-zeros.**
If supp(w) carries dependent columns, pick beta != 0 on supp(w) with
A beta = 0 and rho > 0 with rho |beta_i| < |w_i|. Then w +- rho beta are
feasible with the signs of w, and t -> |w_i + t beta_i|^p is *strictly*
concave on that range when beta_i != 0 and p < 1, so
2 f_L(w) > f_L(w + rho beta) + f_L(w - rho beta) (ses (64)): one side is
strictly better. For L = 2 the same combination is an equality, and a
non-basic optimum (more than N non-zeros) can exist; :func:`descent`
exhibits the strict inequality on instances.

**Exact objective values.** (w^2)^(1/L) = c m^(1/L) with c rational and m a
positive L-th-power-free integer (factorisation, python-flint: radicands may exceed what the
checker's trial division decides), so f_L(w) is a :class:`~exact.checker.arith.Surd`
sum_m c_m m^(1/L) in canonical form. Two values are equal
iff their canonical forms are (real L-th roots of distinct L-th-power-free
integers are linearly independent over Q: Besicovitch 1940); otherwise the
sign of the difference is settled by rational enclosures from integer L-th
roots, refined until they separate. No float decides anything.

>>> from fractions import Fraction as F
>>> opt = minimise_bridge([[F(1), F(2), F(4)]], [F(2)], 3)
>>> [str(v) for v in opt.values], str(opt.value), [opt.basic[i] for i in opt.optimal]
(['4^(1/3)', '1', '1/2*2^(1/3)'], '1/2*2^(1/3)', [(Fraction(0, 1), Fraction(0, 1), Fraction(1, 2))])
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key
from itertools import combinations
from typing import Sequence

from flint import fmpq_mat, fmpz

from ..checker.arith import Surd
from ..numbers import fmpqs, to_fraction

Vector = tuple[Fraction, ...]


def brief(value: Surd, limit: int = 100) -> str:
    """The exact text of ``value``, or a float with the number of radicals when that text is longer than
    ``limit`` (for display only, from a 2^-64 enclosure).

    >>> value = Surd({2: Fraction(1), 3: Fraction(-1, 2)}, 3)
    >>> brief(value), brief(value, limit=10)
    ('2^(1/3) - 1/2*3^(1/3)', '~0.5387962647 (a sum of 2 L-th roots)')
    """
    text = str(value)
    return text if len(text) <= limit else f"~{approx(value):.10g} (a sum of {len(value.c)} L-th roots)"


def approx(value: Surd) -> float:
    """A float for display only (the lower end of a 2^-64 enclosure)."""
    return float(value.bounds(64)[0])


def power_root(q: Fraction, L: int) -> tuple[Fraction, int]:
    """(c, m) with (q^2)^(1/L) = |q|^(2/L) = c m^(1/L), c >= 0 rational, m L-th-power-free.

    >>> power_root(Fraction(1, 2), 3), power_root(Fraction(-4), 3)
    ((Fraction(1, 2), 2), (Fraction(2, 1), 2))
    """
    sq = q * q
    if sq == 0:
        return Fraction(0), 1
    # sq = num den^(L-1) / den^L; factor num and den apart (smaller, and smooth for our data)
    k, m = 1, 1
    for part, times in ((sq.numerator, 1), (sq.denominator, L - 1)):
        for prime, e in fmpz(part).factor():
            k *= int(prime) ** (e * times // L)
            m *= int(prime) ** (e * times % L)
    return Fraction(k, sq.denominator), m


def bridge_value(w: Sequence[Fraction], L: int) -> Surd:
    """f_L(w) = sum_i |w_i|^(2/L) in canonical form (the Surd is built from its terms, factored once by
    :func:`power_root`).

    >>> bridge_value([Fraction(2), Fraction(-2), Fraction(1, 2)], 3)
    1/2*2^(1/3) + 2*4^(1/3)
    """
    return sum((Surd({m: c}, L) for c, m in (power_root(x, L) for x in w if x)), Surd({}, L))


def compare(a: Surd, b: Surd) -> int:
    """The exact sign of a - b.

    >>> compare(bridge_value([Fraction(2)], 3), bridge_value([Fraction(1), Fraction(1)], 3))
    -1
    """
    return (a - b).sign()


def _matrix(rows: Sequence[Sequence[Fraction]]) -> fmpq_mat:
    return fmpq_mat(len(rows), len(rows[0]) if rows else 0, fmpqs(x for row in rows for x in row))


def basic_solutions(A: Sequence[Sequence[Fraction]], y: Sequence[Fraction]) -> tuple[int, list[Vector]]:
    """(rank A, every distinct basic solution of A w = y); no solutions when A w = y is infeasible."""
    K = len(A[0])
    Aq = _matrix(A)
    r = Aq.rank()
    if _matrix([list(row) + [b] for row, b in zip(A, y)]).rank() > r:
        return r, []
    if r == 0:
        return 0, [tuple(Fraction(0) for _ in range(K))]
    rows: list[int] = []
    for i in range(len(A)):  # greedily keep r independent rows; the others follow (y is in the range)
        if _matrix([A[k] for k in rows + [i]]).rank() == len(rows) + 1:
            rows.append(i)
    found: dict[Vector, None] = {}
    rhs = fmpq_mat(r, 1, fmpqs(y[i] for i in rows))
    for B in combinations(range(K), r):
        M = _matrix([[A[i][j] for j in B] for i in rows])
        if M.det() == 0:
            continue
        sol = M.solve(rhs)
        w = [Fraction(0)] * K
        for t, j in enumerate(B):
            w[j] = to_fraction(sol[t, 0])
        found[tuple(w)] = None
    return r, list(found)


@dataclass(frozen=True)
class BridgeOptimum:
    """Every basic solution with its exact value; ``optimal`` indexes the minimisers (the whole optimal set
    when L >= 3, by (b); for L = 2 the optimal vertices)."""

    L: int
    rank: int
    basic: tuple[Vector, ...]
    values: tuple[Surd, ...]
    optimal: tuple[int, ...]
    value: Surd

    @property
    def feasible(self) -> bool:
        return bool(self.basic)


def minimise_bridge(A: Sequence[Sequence[Fraction]], y: Sequence[Fraction], L: int) -> BridgeOptimum:
    """Exact min of sum |w_i|^(2/L) s.t. A w = y by enumerating basic solutions (module doc (a))."""
    if L < 2:
        raise ValueError(f"depth L must be >= 2, got {L}")
    rank, basic = basic_solutions(A, y)
    if not basic:
        raise ValueError("A w = y is infeasible: (49) has no interpolating solution")
    values = [bridge_value(w, L) for w in basic]
    best = min(values, key=cmp_to_key(compare))
    optimal = tuple(i for i, v in enumerate(values) if compare(v, best) == 0)
    return BridgeOptimum(L, rank, tuple(basic), tuple(values), optimal, best)


def support(w: Sequence[Fraction]) -> tuple[int, ...]:
    return tuple(i for i, x in enumerate(w) if x)


@dataclass(frozen=True)
class Descent:
    """w +- rho beta (A beta = 0, beta on supp w, signs of w kept) with 2 f(w) - f(w+) - f(w-) = ``gap``."""

    beta: Vector
    rho: Fraction
    plus: Vector
    minus: Vector
    gap: Surd
    strict: bool  # gap > 0 exactly: one of w +- rho beta is strictly better than w
    better: Vector | None  # the strictly better one (None when neither is)


def descent(A: Sequence[Sequence[Fraction]], w: Sequence[Fraction], L: int) -> Descent | None:
    """The strict-concavity step of (b) at a point whose support columns are dependent (None if independent).

    >>> F = Fraction
    >>> d3 = descent([[F(1), F(1), F(2)]], [F(1, 2), F(1, 2), F(1, 2)], 3)
    >>> d3.strict, d3.better
    (True, (Fraction(1, 4), Fraction(3, 4), Fraction(1, 2)))
    >>> descent([[F(1), F(1), F(2)]], [F(1, 2), F(1, 2), F(1, 2)], 2).strict
    False
    """
    supp = support(w)
    R, rank = _matrix([[row[j] for j in supp] for row in A]).rref()
    if rank == len(supp):
        return None
    pivots = []
    for i in range(rank):
        pivots.append(next(j for j in range(len(supp)) if R[i, j] != 0))
    free = next(j for j in range(len(supp)) if j not in pivots)
    beta = [Fraction(0)] * len(w)
    beta[supp[free]] = Fraction(1)
    for i, pj in enumerate(pivots):
        beta[supp[pj]] = -to_fraction(R[i, free])
    rho = min(abs(w[j]) / abs(beta[j]) for j in supp if beta[j]) / 2
    plus = tuple(x + rho * b for x, b in zip(w, beta))
    minus = tuple(x - rho * b for x, b in zip(w, beta))
    f0, fp, fm = bridge_value(w, L), bridge_value(plus, L), bridge_value(minus, L)
    gap = 2 * f0 - fp - fm
    better = next((v for v, fv in ((plus, fp), (minus, fm)) if compare(fv, f0) < 0), None)
    return Descent(tuple(beta), rho, plus, minus, gap, gap.sign() > 0, better)


