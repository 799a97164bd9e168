"""Exact l1-regularised least squares (the regularised problems ep (16), (39)).

Problem, for A (n x N), optional free unpenalised columns F (n x K), labels y,
beta > 0 and a loss scale gamma > 0::

    min_{w, c}  phi(w, c) = beta ||w||_1 + (gamma / 2) ||A w + F c - y||^2.

ep (39) is gamma = 1/n; ep (16) and the regularised (17) are gamma = 1.
With r = A w + F c - y and g = gamma A^T r, (w, c) is optimal iff (KKT,
sufficient since phi is convex)::

    gamma F^T r = 0,   g_j = -beta sign(w_j) if w_j != 0,   |g_j| <= beta for all j,

which for gamma = 1/n is ep (40) exactly: (1/n) A_s^T r + beta sign(w_s) = 0,
||A_{s^c}^T r||_oo <= n beta. The dual is max_v v^T y - ||v||^2 / (2 gamma)
s.t. |A^T v| <= beta, F^T v = 0, attained at v = -gamma r with no gap.

Method (DESIGN.md). A float solve (numpy coordinate descent) only guesses the
support; the exact part is a feature-sign active-set method (Lee, Battle,
Raina, Ng 2007) over a working set W whose columns, with F, stay linearly
independent:

1. on W with signs s solve the KKT system exactly (fmpq_mat):
   [A_W F]^T [A_W F] z = [A_W F]^T y - (beta/gamma) (s, 0);
2. move from the current point towards it, stopping at the best of the
   points where a weight changes sign and the end (every step strictly
   lowers phi); drop zero weights from W;
3. at the optimum of (W, s), if some |g_j| > beta, bring j in: with sign
   -sign(g_j) if A_j is independent of [A_W F], otherwise by an exact
   exchange pivot (the fit is unchanged, ||w||_1 drops linearly, until a
   weight of W reaches 0), then go to 1.

phi strictly decreases at every step, so no (W, s) repeats; the loop ends
with all KKT conditions verified exactly (an iteration cap fails loudly).

Uniqueness. The fit A w + F c is unique (phi is strictly convex in it), so
the optimal set is {w : A w + F c = fit, ||w||_1 minimal}, the optimal face
of the LP min ||w||_1 s.t. A w + F c = fit; :func:`exact.lp.face.optimal_face`
decides exactly whether it is a point, and if not returns a second optimum.

>>> from fractions import Fraction as F
>>> sol = lasso([[F(1), F(1)], [F(0), F(1)]], [F(2), F(1)], beta=F(1, 2))
>>> sol.weights, sol.value, sol.unique
((Fraction(1, 2), Fraction(1, 1)), Fraction(7, 8), True)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np
from flint import fmpq_mat

from .l1 import l1_program
from .lp import solve_lp
from .lp.face import optimal_face
from .numbers import to_fmpq, to_fraction

Matrix = Sequence[Sequence[Fraction]]


@dataclass(frozen=True)
class LassoSolution:
    """An exact optimum (w, c) of the problem in the module doc, with its dual and uniqueness."""

    weights: tuple[Fraction, ...]  # w
    free: tuple[Fraction, ...]  # c
    residual: tuple[Fraction, ...]  # r = A w + F c - y
    dual: tuple[Fraction, ...]  # v = -gamma r
    value: Fraction
    beta: Fraction
    scale: Fraction  # gamma
    equicorrelation: tuple[int, ...]  # E = {j : |gamma A_j^T r| = beta}
    unique: bool | None  # None: not decided (decide_uniqueness=False)
    second: tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None  # another optimal (w, c) if not unique
    steps: int  # exact steps after the warm start (0: the float support was right)


@dataclass(frozen=True)
class KKTReport:
    """phi at a given (w, c) and every violated KKT condition (empty: optimal)."""

    value: Fraction
    residual: tuple[Fraction, ...]
    gradient: tuple[Fraction, ...]  # gamma A^T r
    violations: tuple[str, ...]

    @property
    def optimal(self) -> bool:
        return not self.violations


def _vector(v: Sequence[Fraction]) -> fmpq_mat:
    return fmpq_mat(len(v), 1, [to_fmpq(t) for t in v])


def _entries(M: fmpq_mat) -> list[Fraction]:
    return [to_fraction(M[i, 0]) for i in range(M.nrows())]


def _sign(t: Fraction) -> int:
    return (t > 0) - (t < 0)


class _Problem:
    """The data in exact form, with phi and its gradient."""

    def __init__(self, A: Matrix, y, beta, scale, free_columns):
        self.n, self.N = len(y), (len(A[0]) if A else 0)
        self.A = [tuple(map(Fraction, row)) for row in A]
        self.F = [tuple(map(Fraction, col)) for col in free_columns]
        self.y = tuple(map(Fraction, y))
        self.beta, self.scale = Fraction(beta), Fraction(scale)
        self.K = len(self.F)
        if self.beta <= 0 or self.scale <= 0:
            raise ValueError("beta and the loss scale must be positive")
        if any(len(row) != self.N for row in self.A) or len(self.A) != self.n:
            raise ValueError("A must be n x N with n = len(y)")
        # A once as a flint matrix and by columns: A w and A^T r are the hot loop (Fraction sums were 10x slower)
        self.Am = fmpq_mat(self.n, self.N, [to_fmpq(a) for row in self.A for a in row])
        self.At = self.Am.transpose()
        self.qcols = [[to_fmpq(row[j]) for row in self.A] for j in range(self.N)] + [[to_fmpq(a) for a in col]
                                                                                      for col in self.F]

    def matrix(self, cols: Sequence[int]) -> fmpq_mat:
        """The n x |cols| matrix of the columns ``cols`` of [A F]."""
        return fmpq_mat(self.n, len(cols), [self.qcols[j][i] for i in range(self.n) for j in cols])

    def gradient(self, r: Sequence[Fraction]) -> list[Fraction]:
        """gamma A^T r."""
        return [self.scale * t for t in _entries(self.At * _vector(r))] if self.N else []

    def residual(self, w, c) -> list[Fraction]:
        fit = _entries(self.Am * _vector(w)) if self.N else [Fraction(0)] * self.n
        for ck, col in zip(c, self.F):
            fit = [f + ck * a for f, a in zip(fit, col)]
        return [f - yi for f, yi in zip(fit, self.y)]

    def phi(self, w, c) -> Fraction:
        r = self.residual(w, c)
        return self.beta * sum(map(abs, w), Fraction(0)) + self.scale / 2 * sum((t * t for t in r), Fraction(0))

    def kkt(self, w, c) -> KKTReport:
        r = self.residual(w, c)
        g = self.gradient(r)
        bad = [f"free column {k}: gamma F_k^T r = {self.scale * sum((a * t for a, t in zip(col, r)), Fraction(0))} != 0"
               for k, col in enumerate(self.F) if any(col) and sum((a * t for a, t in zip(col, r)), Fraction(0))]
        for j, (wj, gj) in enumerate(zip(w, g)):
            if wj and gj != -self.beta * _sign(wj):
                bad.append(f"column {j}: w_j = {wj} != 0 but gamma A_j^T r = {gj} != -beta sign(w_j)")
            elif abs(gj) > self.beta:
                bad.append(f"column {j}: |gamma A_j^T r| = {abs(gj)} > beta = {self.beta}")
        return KKTReport(self.phi(w, c), tuple(r), tuple(g), tuple(bad))

    def solve_on(self, W: list[int], s: dict[int, int]) -> tuple[list[Fraction], list[Fraction]]:
        """Minimise beta s^T w_W + (gamma/2)||A_W w_W + F c - y||^2 (columns independent)."""
        cols = list(W) + [self.N + k for k in range(self.K)]
        w, c = [Fraction(0)] * self.N, [Fraction(0)] * self.K
        if not cols:
            return w, c
        M = self.matrix(cols)
        G = M.transpose() * M
        rhs = M.transpose() * fmpq_mat(self.n, 1, [to_fmpq(t) for t in self.y])
        for k, j in enumerate(W):
            rhs[k, 0] -= to_fmpq(self.beta / self.scale * s[j])
        z = G.solve(rhs)
        for k, j in enumerate(W):
            w[j] = to_fraction(z[k, 0])
        for k in range(self.K):
            c[k] = to_fraction(z[len(W) + k, 0])
        return w, c

    def in_span(self, W: list[int], j: int) -> list[Fraction] | None:
        """lambda with [A_W F] lambda = A_j exactly, or None if A_j is independent of those columns."""
        cols = list(W) + [self.N + k for k in range(self.K)]
        target = self.matrix([j])
        if not cols:
            return None if any(self.A[i][j] for i in range(self.n)) else []
        M = self.matrix(cols)
        sol = (M.transpose() * M).solve(M.transpose() * target)
        return _entries(sol) if M * sol == target else None

    def independent(self, W: list[int]) -> bool:
        cols = list(W) + [self.N + k for k in range(self.K)]
        return not cols or self.matrix(cols).rank() == len(cols)

    def greedy_independent(self, order: Sequence[int]) -> list[int]:
        """The columns j of ``order`` kept by adding each when independent of F and those kept before it: the
        pivot columns of one reduced row echelon form of [F, A_order] (the free columns lead)."""
        cols = [self.N + k for k in range(self.K)] + list(order)
        if not cols:
            return []
        R, rank = self.matrix(cols).rref()
        pivots = [next(c for c in range(len(cols)) if R[r, c] != 0) for r in range(rank)]
        return [cols[c] for c in pivots if c >= self.K]


def float_warm_start(A: Matrix, y, beta, scale=1, free_columns=(), sweeps: int = 300) -> np.ndarray:
    """Coordinate descent in binary64 for w (a guess only; the exact code repairs it)."""
    An = np.array([[float(a) for a in row] for row in A], dtype=float).reshape(len(y), -1)
    Fn = np.array([[float(a) for a in col] for col in free_columns], dtype=float).reshape(-1, len(y)).T
    yn = np.array([float(t) for t in y])
    if Fn.shape[1]:  # eliminate the free columns by projecting them out
        Q, _ = np.linalg.qr(Fn)
        An, yn = An - Q @ (Q.T @ An), yn - Q @ (Q.T @ yn)
    lam = float(beta) / float(scale)
    w = np.zeros(An.shape[1])
    norms = (An * An).sum(axis=0)
    r = -yn.copy()
    for _ in range(sweeps):
        biggest = 0.0
        for j in np.nonzero(norms > 1e-14)[0]:
            z = w[j] - (An[:, j] @ r) / norms[j]
            new = np.sign(z) * max(abs(z) - lam / norms[j], 0.0)
            if new != w[j]:
                r += An[:, j] * (new - w[j])
                biggest = max(biggest, abs(new - w[j]))
                w[j] = new
        if biggest < 1e-13:
            break
    return w


def lasso(
    A: Matrix,
    y: Sequence[Fraction],
    beta: Fraction,
    scale: Fraction = Fraction(1),
    free_columns: Sequence[Sequence[Fraction]] = (),
    warm: Sequence[float] | None = None,
    max_steps: int | None = None,
    decide_uniqueness: bool = True,
) -> LassoSolution:
    """Solve the problem of the module doc exactly; ``warm`` overrides the float guess of w.

    With ``decide_uniqueness=False`` the LP over the optimal face is skipped (``unique`` is None).
    """
    P = _Problem(A, y, beta, scale, free_columns)
    if not P.independent([]):
        raise ValueError("the free columns must be linearly independent")
    guess = np.asarray(warm if warm is not None else float_warm_start(A, y, beta, scale, free_columns), float)
    support = (int(k) for k in np.nonzero(np.abs(guess) > 1e-9)[0])
    W = P.greedy_independent(sorted(support, key=lambda k: -abs(guess[k])))
    s = {j: (1 if guess[j] > 0 else -1) for j in W}
    w, c = P.solve_on(W, s)
    W = [j for j in W if w[j]]
    s = {j: _sign(w[j]) for j in W}
    current = P.phi(w, c)
    steps, cap = 0, max_steps if max_steps is not None else 100 + 20 * (P.N + P.K)
    while True:
        if steps > cap:
            raise RuntimeError(f"exact lasso: no optimum after {cap} steps")
        target_w, target_c = P.solve_on(W, s)
        if (target_w, target_c) != (w, c):  # step 2: feature-sign line search
            steps += 1
            w, c = _line_search(P, w, c, target_w, target_c)
        else:  # step 3: optimal on (W, s); look for a violated |g_j| <= beta
            g = P.gradient(P.residual(w, c))
            worst = max((k for k in range(P.N) if k not in s), key=lambda k: abs(g[k]), default=None)
            if worst is None or abs(g[worst]) <= P.beta:
                break
            j = worst
            steps += 1
            theta = -_sign(g[j])
            lam = P.in_span(W, j)
            if lam is None:
                W.append(j)
                s[j] = theta
                continue
            w = _exchange(P, W, w, c, j, theta, lam)
            c = list(c)
        new = P.phi(w, c)
        if new >= current and steps:
            raise RuntimeError("exact lasso: a step failed to decrease the objective")
        current = new
        W = [k for k in W if w[k]] + [k for k in range(P.N) if w[k] and k not in W]
        s = {k: _sign(w[k]) for k in W}
    report = P.kkt(w, c)
    if not report.optimal:  # cannot happen after the loop; fail closed
        raise RuntimeError("exact lasso: KKT check failed: " + "; ".join(report.violations))
    return _finish(P, w, c, report, steps, decide_uniqueness)


def _line_search(P: _Problem, w, c, tw, tc):
    """Best of the sign-change points on the segment (w, c) -> (tw, tc) and its end."""
    ts = {Fraction(1)}
    for a, b in zip(w, tw):
        if a and _sign(b) != _sign(a):
            ts.add(a / (a - b))
    points = [([a + t * (b - a) for a, b in zip(w, tw)], [a + t * (b - a) for a, b in zip(c, tc)])
              for t in sorted(ts)]
    return min(points, key=lambda p: P.phi(*p))  # ties: the first (smallest t), as before


def _exchange(P: _Problem, W, w, c, j, theta, lam):
    """Exchange pivot: A_j = [A_W F] lam, move w_j += t theta, w_W -= t theta lam_W (c absorbs the rest)."""
    limits = [(abs(w[i]) / abs(lam[k]), i) for k, i in enumerate(W) if _sign(theta * lam[k]) == _sign(w[i]) and lam[k]]
    if not limits:
        raise RuntimeError("exact lasso: exchange pivot without a limiting weight (objective unbounded?)")
    t, _ = min(limits)
    w = list(w)
    w[j] = theta * t
    for k, i in enumerate(W):
        w[i] -= t * theta * lam[k]
    for k in range(P.K):  # the free columns take the rest of A_j
        c[k] -= t * theta * lam[len(W) + k]
    return w


def _finish(P: _Problem, w, c, report: KKTReport, steps: int, decide: bool) -> LassoSolution:
    r = report.residual
    fit = [t + yi for t, yi in zip(r, P.y)]
    E = tuple(j for j, gj in enumerate(report.gradient) if abs(gj) == P.beta)
    if not decide:
        return LassoSolution(tuple(w), tuple(c), r, tuple(-P.scale * t for t in r), report.value, P.beta,
                             P.scale, E, None, None, steps)
    cols = [{i: row[j] for i, row in enumerate(P.A) if row[j]} for j in range(P.N)]
    free = [{i: a for i, a in enumerate(col) if a} for col in P.F]
    lp = l1_program(cols, fit, free)
    res = solve_lp(lp)
    if res.value != sum(map(abs, w), Fraction(0)):
        raise RuntimeError("exact lasso: the l1 LP over the optimal fit disagrees with ||w||_1")
    face = optimal_face(lp, res)
    second = None
    if not face.unique:
        other = next(xs for xs in face.solutions if
                     tuple(xs[2 * k] - xs[2 * k + 1] for k in range(P.N)) != tuple(w)
                     or tuple(xs[2 * P.N:]) != tuple(c))
        second = (tuple(other[2 * k] - other[2 * k + 1] for k in range(P.N)), tuple(other[2 * P.N:]))
    return LassoSolution(tuple(w), tuple(c), r, tuple(-P.scale * t for t in r), report.value, P.beta, P.scale,
                         E, face.unique, second, steps)


def kkt_report(A: Matrix, y, beta, scale=Fraction(1), w=(), c=(), free_columns=()) -> KKTReport:
    """phi(w, c) and the KKT conditions of the module doc, exactly (for auditing printed solutions).

    >>> from fractions import Fraction as F
    >>> kkt_report([[F(1)]], [F(1)], F(1, 2), w=[F(1, 2)]).optimal
    True
    """
    return _Problem(A, y, beta, scale, free_columns).kkt([Fraction(t) for t in w], [Fraction(t) for t in c])


