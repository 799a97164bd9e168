"""Vertices of the convex hull of the rows of A, and ep Theorem 3.5's diagonal network.

ep Theorem 3.5: if every sample a_j is a vertex of C_a = conv{a_1, ..., a_n}, then
n neurons whose activation matrix (A U + 1 b^T)_+ is diagonal interpolate any y
(w_j = y_j / diag_j); the appendix proof takes (u_j, b_j) strictly separating a_j
from the other samples. a_j is a vertex iff it is not a convex combination of the
others, which is decided here by the exact LP (l1-ball normalisation, so the LP
is bounded and always feasible)::

    max a_j^T u + b  s.t.  a_i^T u + b <= 0 (i != j),  ||u||_1 <= 1,  b free,

whose value is the l-infinity distance of a_j to conv{a_i : i != j} (its dual is
min ||a_j - sum_i lambda_i a_i||_oo over the simplex, lambda_j = 0). Value > 0:
the optimal (u, b) separates strictly. Value 0: the dual lambda is an exact
convex-combination witness sum_i lambda_i a_i = a_j.

A witness rules out every diagonal activation matrix, whatever the neurons:
a -> (a^T u + b)_+ is convex, so (a_j^T u + b)_+ <= sum_i lambda_i (a_i^T u + b)_+
and a neuron active at a_j is active at some other sample.

Since ||u||_2 <= ||u||_1 <= 1, the LP neuron is feasible for (4) as it is; it is
rescaled by a rational r >= ||u||_2 (:func:`norm_bound`; ||u||_2 may be
irrational) to enlarge the margin, so ||u/r||_2 <= 1 still holds exactly.

:func:`nearest_point` computes Lemma 2.7's (28) exactly: the projection p of a_j
onto conv of the others (float NNLS warm start, exact KKT check, exact support
enumeration as fallback); the Lemma 2.7 neuron u = (a_j - p)/||a_j - p||_2 has
activation sqrt(D), D = ||a_j - p||^2, at a_j and 0 elsewhere.

>>> from fractions import Fraction as F
>>> A = [[F(0), F(0)], [F(1), F(0)], [F(0), F(1)]]
>>> net = diagonal_network(A, [F(1), F(2), F(3)]).network
>>> activation(A, net.U, net.b) == [[net.diagonal[i] if i == j else 0 for j in range(3)] for i in range(3)]
True
>>> vertex_test([[F(0)], [F(1)], [F(2)]], 1).witness
(Fraction(1, 2), Fraction(0, 1), Fraction(1, 2))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Sequence

import numpy as np
from flint import fmpq, fmpq_mat
from scipy.optimize import linprog, nnls

from ..lp import LinearProgram, solve_lp
from ..numbers import sqrt_bounds, to_fraction

Matrix = Sequence[Sequence[Fraction]]
Vector = tuple[Fraction, ...]

#: denominator used to round a float warm start to a rational before the exact check
_ROUND = 2 ** 40
#: exact enumeration of projection supports is attempted up to this many other samples
_ENUMERATE_MAX = 12


def _dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((p * q for p, q in zip(a, b)), Fraction(0))


@dataclass(frozen=True)
class VertexTest:
    """Is row ``row`` a vertex of conv(rows)? Exactly one of (u, b) and ``witness`` is set.

    ``margin`` = a_row^T u + b = the l-infinity distance of a_row to the hull of the
    others (0 for a non-vertex); ||u||_1 <= 1 and a_i^T u + b <= 0 for i != row.
    ``witness`` = lambda >= 0 with lambda_row = 0, sum lambda = 1, A^T lambda = a_row.
    """

    row: int
    is_vertex: bool
    margin: Fraction
    u: Vector | None = None
    b: Fraction | None = None
    witness: Vector | None = None


def margin_lp(A: Matrix, j: int) -> LinearProgram:
    """min -(a_j^T (u+ - u-) + b) s.t. a_i^T (u+ - u-) + b <= 0 (i != j), 1^T (u+ + u-) <= 1, b free."""
    d = len(A[0])
    others = [i for i in range(len(A)) if i != j]
    rows = [list(A[i]) + [-v for v in A[i]] + [1] for i in others]
    return LinearProgram.from_dense(
        c=[-v for v in A[j]] + list(A[j]) + [-1],
        A_ub=rows + [[1] * (2 * d) + [0]], b_ub=[0] * len(others) + [1], free=[2 * d])


def vertex_test(A: Matrix, j: int) -> VertexTest:
    """Decide exactly whether a_j is a vertex of conv{a_i}; see the module docstring."""
    n, d = len(A), len(A[0])
    if n == 1:  # a single point is its own hull; the constant neuron (u, b) = (0, 1) isolates it
        return VertexTest(j, True, Fraction(1), (Fraction(0),) * d, Fraction(1))
    opt = solve_lp(margin_lp(A, j)).optimum()  # feasible (u, b = 0) and bounded by ||a_j - a_i||_oo
    margin = -opt.value
    if margin > 0:
        x = opt.x
        return VertexTest(j, True, margin, tuple(x[k] - x[d + k] for k in range(d)), x[2 * d])
    lam = [-z for z in opt.z_ub[:n - 1]]
    return VertexTest(j, False, Fraction(0), witness=tuple(lam[:j]) + (Fraction(0),) + tuple(lam[j:]))


def norm_bound(u: Sequence[Fraction], digits: int = 4) -> Fraction:
    """A rational r >= ||u||_2: the exact norm when ||u||^2 is a rational square, else rounded up to 10^-digits.

    >>> norm_bound([Fraction(3, 5), Fraction(4, 5)]), norm_bound([Fraction(1), Fraction(1)])
    (Fraction(1, 1), Fraction(14143, 10000))
    """
    return sqrt_bounds(_dot(u, u), digits)[1]


def activation(A: Matrix, U: Sequence[Sequence[Fraction]], b: Sequence[Fraction]) -> list[list[Fraction]]:
    """(A U + 1 b^T)_+ with neuron j's weights U[j] (entry (i, j) = (a_i^T u_j + b_j)_+)."""
    return [[max(_dot(a, u) + bj, Fraction(0)) for u, bj in zip(U, b)] for a in A]


@dataclass(frozen=True)
class DiagonalNetwork:
    """n neurons (U[j], b[j]) with ||U[j]||_2 <= 1, activation diag(diagonal), output weights w.

    ``cost`` = ||w||_1 is the value of this feasible point of (4): an upper bound on P*.
    """

    U: tuple[Vector, ...]
    b: Vector
    w: Vector
    diagonal: Vector
    cost: Fraction


@dataclass(frozen=True)
class HullInterpolation:
    """Vertex test of every row; the Theorem 3.5 network when every row is a vertex."""

    tests: tuple[VertexTest, ...]
    network: DiagonalNetwork | None

    @property
    def all_vertices(self) -> bool:
        return all(t.is_vertex for t in self.tests)


def diagonal_network(A: Matrix, y: Sequence[Fraction]) -> HullInterpolation:
    """ep Theorem 3.5's construction, exactly: separators scaled into the unit ball, w_j = y_j / diag_j."""
    tests = tuple(vertex_test(A, j) for j in range(len(A)))
    if not all(t.is_vertex for t in tests):
        return HullInterpolation(tests, None)
    U, b = [], []
    for t in tests:
        if t.u is None or t.b is None:  # cannot happen: a vertex test has its separator
            raise ValueError(f"vertex test of row {t.row} has no separating neuron")
        r = norm_bound(t.u) if any(t.u) else Fraction(1)
        U.append(tuple(v / r for v in t.u))
        b.append(t.b / r)
    M = activation(A, U, b)
    diag = tuple(M[j][j] for j in range(len(A)))
    assert all(M[i][j] == 0 for i in range(len(A)) for j in range(len(A)) if i != j) and min(diag) > 0
    w = tuple(yj / dj for yj, dj in zip(y, diag))
    return HullInterpolation(tests, DiagonalNetwork(tuple(U), tuple(b), w, diag, sum(map(abs, w), Fraction(0))))


@dataclass(frozen=True)
class Projection:
    """Lemma 2.7 (28): p = sum_i weights_i a_i (weights_row = 0) nearest to a_row in conv of the others.

    Exact optimality: (a_k - p)^T (a_row - p) <= 0 for every k != row (the projection
    inequality; it is linear in a_k, so it holds on the whole hull). dist2 = ||a_row - p||^2.
    """

    row: int
    weights: Vector
    point: Vector
    dist2: Fraction


def _projection_on_support(A: Matrix, j: int, S: Sequence[int]) -> Projection | None:
    """Projection of a_j on aff{a_s : s in S} if it lies in conv of S and satisfies the KKT check."""
    s0, k = S[0], len(S)
    diffs = [[A[s][c] - A[s0][c] for c in range(len(A[0]))] for s in S[1:]]
    M = [[Fraction(1)] * k] + [[_dot(e, A[t]) for t in S] for e in diffs]
    rhs = [Fraction(1)] + [_dot(e, A[j]) for e in diffs]
    Mq = fmpq_mat(k, k, [fmpq(v.numerator, v.denominator) for row in M for v in row])
    if Mq.rank() < k:
        return None
    sol = Mq.solve(fmpq_mat(k, 1, [fmpq(v.numerator, v.denominator) for v in rhs]))
    lam_S = [to_fraction(sol[i, 0]) for i in range(k)]
    if min(lam_S) < 0:
        return None
    lam = [Fraction(0)] * len(A)
    for s, v in zip(S, lam_S):
        lam[s] = v
    p = tuple(_dot(lam, [A[i][c] for i in range(len(A))]) for c in range(len(A[0])))
    r = [A[j][c] - p[c] for c in range(len(p))]
    if any(_dot([A[i][c] - p[c] for c in range(len(p))], r) > 0 for i in range(len(A)) if i != j):
        return None
    return Projection(j, tuple(lam), p, _dot(r, r))


def nearest_point(A: Matrix, j: int) -> Projection:
    """Exact solution of Lemma 2.7's (28) for row j (float support guess, exact check, exact fallback)."""
    others = [i for i in range(len(A)) if i != j]
    B = np.array([[float(A[i][c]) for i in others] for c in range(len(A[0]))])
    big = 1e3 * max(1.0, float(np.abs(B).max()))
    lam, _ = nnls(np.vstack([B, big * np.ones(len(others))]),
                  np.append([float(v) for v in A[j]], big))
    guess = [others[i] for i in np.flatnonzero(lam > 1e-9 * lam.max())]
    found = _projection_on_support(A, j, guess) if guess else None
    if found is not None:
        return found
    if len(others) > _ENUMERATE_MAX:
        raise ValueError(f"nearest_point: float support of row {j} failed the exact check and "
                         f"{len(others)} > {_ENUMERATE_MAX} other rows is too many to enumerate")
    for size in range(1, min(len(others), len(A[0]) + 1) + 1):  # Caratheodory: d + 1 points suffice
        for S in combinations(others, size):
            found = _projection_on_support(A, j, S)
            if found is not None:
                return found
    raise AssertionError("no support passed the exact KKT check")  # impossible: some face holds p


@dataclass(frozen=True)
class HullScreen:
    """Exact answer for a float matrix (its entries read as exact dyadic rationals).

    all_vertices: every row has a strict separator, verified exactly; else ``row``
    is a non-vertex with the exact convex-combination ``witness``. ``float_lps``
    counts the rows whose separator needed a float LP warm start.
    """

    all_vertices: bool
    row: int | None
    witness: Vector | None
    float_lps: int


def _fmpq_matrix(X: np.ndarray) -> fmpq_mat:
    return fmpq_mat(X.shape[0], X.shape[1], [fmpq(*float(v).as_integer_ratio()) for v in X.ravel()])


def _separates(Aq: fmpq_mat, u: np.ndarray, j: int) -> bool:
    """Exact: a_j^T u > a_i^T u for all i != j (then b = -max_{i != j} a_i^T u separates strictly)."""
    uq = fmpq_mat(len(u), 1, [fmpq(int(round(v * _ROUND)), _ROUND) for v in u])
    s = Aq * uq
    return all(s[j, 0] > s[i, 0] for i in range(Aq.nrows()) if i != j)


def _gilbert_separator(X: np.ndarray, j: int, steps: int = 60) -> np.ndarray | None:
    """Float warm start: Frank-Wolfe (Gilbert) on min ||a_j - p|| over conv of the others; r = a_j - p once it
    separates."""
    others = np.delete(X, j, axis=0)
    p = others.mean(axis=0)
    for _ in range(steps):
        r = X[j] - p
        s = others @ r
        k = int(np.argmax(s))
        if s[k] < X[j] @ r:
            return r
        step = others[k] - p
        p = p + min(1.0, max(0.0, (r @ step) / (step @ step))) * step
    return None


def _float_margin_lp(X: np.ndarray, j: int):
    others = np.delete(X, j, axis=0)
    n1, d = others.shape
    A_ub = np.vstack([np.hstack([others, -others, np.ones((n1, 1))]),
                      np.append(np.ones(2 * d), 0.0)])
    return linprog(np.concatenate([-X[j], X[j], [-1.0]]), A_ub=A_ub, b_ub=np.append(np.zeros(n1), 1.0),
                   bounds=[(0, None)] * (2 * d) + [(None, None)], method="highs")


def _exact_witness(Aq: fmpq_mat, marginals: np.ndarray, j: int) -> Vector | None:
    """lambda on the float dual's support, solved exactly: sum lambda_s (a_s, 1) = (a_j, 1), lambda >= 0."""
    n, d = Aq.nrows(), Aq.ncols()
    others = [i for i in range(n) if i != j]
    lam = -np.asarray(marginals[:n - 1])
    S = [others[i] for i in np.flatnonzero(lam > 1e-9)]
    if not S:
        return None
    M = fmpq_mat(d + 1, len(S), [Aq[s, c] if c < d else fmpq(1) for c in range(d + 1) for s in S])
    rhs = fmpq_mat(d + 1, 1, [Aq[j, c] for c in range(d)] + [fmpq(1)])
    normal = M.transpose() * M
    if normal.rank() < len(S):
        return None
    sol = normal.solve(M.transpose() * rhs)
    if M * sol != rhs or any(sol[i, 0] < 0 for i in range(len(S))):
        return None
    out = [Fraction(0)] * n
    for i, s in enumerate(S):
        out[s] = to_fraction(sol[i, 0])
    return tuple(out)


def screen_rows(X: np.ndarray) -> HullScreen:
    """Are all rows of the float matrix X vertices of their hull? Exactly decided.

    Separator candidates u_j = a_j first, then a few Frank-Wolfe steps towards the nearest
    point of the other rows' hull, then a float margin LP; every separator is
    rounded to a rational and checked exactly. A row without a verified separator goes
    to the exact :func:`vertex_test`, whose answer is final.
    """
    Aq = _fmpq_matrix(X)
    lps = 0
    for j in range(X.shape[0]):
        if _separates(Aq, X[j], j):
            continue
        r = _gilbert_separator(X, j)
        if r is not None and _separates(Aq, r, j):
            continue
        lps += 1
        res = _float_margin_lp(X, j)
        if res.status == 0 and -res.fun > 0 and _separates(Aq, res.x[:X.shape[1]] - res.x[X.shape[1]:-1], j):
            continue
        witness = _exact_witness(Aq, res.ineqlin.marginals, j) if res.status == 0 else None
        if witness is not None:
            return HullScreen(False, j, witness, lps)
        t = vertex_test([[Fraction(float(v)) for v in row] for row in X], j)
        if not t.is_vertex:
            return HullScreen(False, j, t.witness, lps)
    return HullScreen(True, None, None, lps)


