"""pe (8) / (39) over ALL arrangement patterns: column generation with exact pricing, and a rigorous bracket.

The program (pe (39); (8) for the squared loss), data X (n x d; a bias is a column of ones, inside the norm):

    min l(sum_i D_i X (v_i - w_i)) + beta sum_i (||v_i|| + ||w_i||)  s.t.  (2 D_i - I) X v_i, (2 D_i - I) X w_i >= 0,

one pair (v_i, w_i) per region of the central arrangement of the rows (D_i = 1[s_i = +1]; the closures of the
regions cover R^d, so these patterns give (8)'s value, see :mod:`exact.checker.cone_program_bracket`).
:func:`bracket` solves it restricted to a working set of regions (cvxpy + Clarabel), prices EVERY region against
the restricted dual (:func:`verify.numeric.cone_pricing.price`), adds the violated regions and repeats until
none violates by more than PRICE_TOL. Then

* lower = c(v) at the dual point made exactly feasible on every (region, eps) piece
  (:func:`verify.numeric.cone_pricing.exact_dual`);
* upper = the exact objective of the primal blocks made exactly feasible
  (:func:`verify.numeric.cone_primal.exact_blocks`), norms bounded above by integer square roots;

and the certificate kind "cone-program-bracket" re-checks both. Theorem 1's network u = v / sqrt ||v||,
alpha = +-sqrt ||v|| is evaluated in the non-convex objective (2) / (38) in interval arithmetic
(:func:`verify.numeric.cone_primal.network_objective`); it lies in the bracket. :func:`restricted_upper` is the
rigorous upper bound of a given pattern subset (pe Remark 3.2: sampled D's).

>>> from fractions import Fraction as F
>>> b = bracket([[F(1)], [F(-1)]], [F(1), F(1)], F(1, 2))   # (8) = two 1-D lasso terms: 2 (1/2 (1/2)^2 + 1/4)
>>> b.bracket.lower <= F(3, 4) <= b.bracket.upper, float(b.bracket.upper - b.bracket.lower) < 1e-9, b.neurons
(True, True, 2)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Protocol, Sequence

import numpy as np

from exact.certificates.cone_program_bracket import Block, cone_program_certificate
from exact.checker.cone_program_bracket import LOSSES, loss_value

from .bracket import Bracket
from .cone_pricing import ExactDual, Pricing, exact_dual, price
from .cone_primal import cone_point, exact_blocks, network_objective, primal_upper
from .socp import CLARABEL_TOLERANCES, solve

PRICE_TOL = 1e-8  # a piece violates when it exceeds beta (1 + PRICE_TOL)
BATCH = 24  # most regions added per round (the most violated first)
PARTIAL = 40  # a round first prices the PARTIAL * batch pieces of largest one-row bound
SAME = 1e-6  # two maximisers u, u' are the same neuron when u . u' > 1 - SAME
MAX_ROUNDS = 60
SLACK = 1e-6  # a dual piece below beta (1 - SLACK) is not tight: its v (or w) is 0 at the optimum


class Region(Protocol):
    """A region of the central arrangement: its sign vector and an integer point u with sign(X u) == sign."""

    @property
    def sign(self) -> tuple[int, ...]: ...

    @property
    def point(self) -> tuple[int, ...]: ...


def regions_of(X: Sequence[Sequence[Fraction]]) -> list[Region]:
    """Every region of the central arrangement of the rows of X, exactly (:mod:`exact.relu.arrangements`)."""
    from exact.relu.arrangements import central_arrangement

    return list(central_arrangement(X).regions)


@dataclass(frozen=True)
class Restricted:
    """A float solve of (8) over the patterns of the sign rows ``S`` (k x n): value, V and W (k x d), dual v."""

    value: float
    V: np.ndarray
    W: np.ndarray
    v: np.ndarray


def facets(S: np.ndarray, X: Sequence[Sequence[Fraction]], regions: set[tuple[int, ...]]) -> list[np.ndarray]:
    """The cone rows of each region s (row of S) that are facets: s with s_j flipped is a region. A row parallel to
    another is always kept (flipping it alone never gives a region, yet its hyperplane may bound s). The other
    rows are implied, so the float program may drop them; the exact repair and the checker still test all rows."""
    def direction(x: Sequence[Fraction]) -> tuple[Fraction, ...]:
        lead = next(abs(a) for a in x if a)
        return tuple(a / lead for a in x)
    seen: dict[tuple[Fraction, ...], int] = {}
    for x in X:
        if any(x):
            key = direction(x)
            key = max(key, tuple(-a for a in key))
            seen[key] = seen.get(key, 0) + 1
    parallel = [any(x) and seen[max(direction(x), tuple(-a for a in direction(x)))] > 1 for x in X]
    out = []
    for s in S:
        t = [int(a) for a in s]
        out.append(np.array([j for j in range(len(t)) if t[j] and (parallel[j] or
                             tuple(t[:j]) + (-t[j],) + tuple(t[j + 1:]) in regions)], dtype=np.int64))
    return out


def restricted_program(X: np.ndarray, y: np.ndarray, beta: float, loss: str, S: np.ndarray,
                       rows: Sequence[np.ndarray] | None = None):
    """(8) / (39) with one pair per row s of S (D = 1[s = +1], cone rows s_j x_j^T v >= 0 for j in ``rows``, default
    every nonzero row) as a cvxpy problem, with sparse matrices so canonicalisation stays linear; returns
    (problem, U, fit): U = [V; W] (2k x d) and ``fit`` the constraint z = sum_i D_i X (v_i - w_i)."""
    import cvxpy as cp
    import scipy.sparse as sp

    k, (n, d) = len(S), X.shape
    rows = rows if rows is not None else [np.nonzero(s)[0] for s in S]
    blocks = [sp.csr_matrix((S[i] == 1)[:, None] * X) for i in range(k)]
    M = sp.hstack(blocks + [-b for b in blocks]).tocsr()  # z = M vec(U), U = [V; W] row by row
    cone = sp.block_diag([sp.csr_matrix(S[i][rows[i], None] * X[rows[i]]) for i in range(k)] * 2).tocsr()
    U = cp.Variable((2 * k, d))
    u = cp.reshape(U, (2 * k * d,), order="C")
    z = cp.Variable(n)
    fit = z == M @ u
    if loss == "squared":
        err = 0.5 * cp.sum_squares(z - y)
    elif loss == "hinge":
        err = cp.sum(cp.pos(1 - cp.multiply(y, z)))
    else:
        err = cp.norm(z - y, 1)
    return cp.Problem(cp.Minimize(err + beta * cp.sum(cp.norm(U, 2, axis=1))), [fit, cone @ u >= 0]), U, fit


def solve_restricted(X: np.ndarray, y: np.ndarray, beta: float, loss: str, S: np.ndarray,
                     rows: Sequence[np.ndarray] | None = None, solver: str = "CLARABEL") -> Restricted:
    """:func:`restricted_program` solved (``solver`` first, :func:`verify.numeric.socp.solve`); v is the dual of
    the fit, in the sign of c (v = y - z for the squared loss at the optimum)."""
    problem, U, fit = restricted_program(X, y, beta, loss, S, rows)
    value = solve(problem, solver, **(CLARABEL_TOLERANCES if solver == "CLARABEL" else {}))
    k = len(S)
    Uv = np.asarray(U.value)
    return Restricted(value, Uv[:k], Uv[k:], np.asarray(fit.dual_value, dtype=float))


@dataclass(frozen=True)
class RestrictedUpper:
    """A rigorous upper bound of (8) / (39) and of (2) / (38) from a pattern subset (pe Remark 3.2)."""

    upper: Fraction
    value: float  # the float optimum of the restricted program
    blocks: tuple[Block, ...]
    patterns: int  # patterns used (those with an interior point)


def restricted_upper(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], beta: Fraction,
                     patterns: Sequence[Sequence[int]], loss: str = "squared", solver: str = "CLARABEL"
                     ) -> RestrictedUpper:
    """Solve (8) over the patterns D (0/1 tuples, e.g. sampled diag(1[X u >= 0])) and certify its point exactly.

    A pattern whose cone {(2 D - I) X u >= 0} has no interior (a face's pattern) is left out: the bound stays valid.
    """
    X = [[Fraction(a) for a in x] for x in X]
    y, beta = [Fraction(t) for t in y], Fraction(beta)
    signs, points = [], []
    for D in dict.fromkeys(tuple(int(t) for t in D) for D in patterns):
        s = tuple((2 * Dj - 1) if any(x) else 0 for Dj, x in zip(D, X))
        p = cone_point(X, s)
        if p is not None:
            signs.append(s)
            points.append(p)
    if not signs:
        zero = loss_value(loss, [Fraction(0)] * len(X), y)
        return RestrictedUpper(zero, float(zero), (), 0)
    res = solve_restricted(np.array([[float(a) for a in x] for x in X]), np.array([float(t) for t in y]), float(beta),
                           loss, np.array(signs), solver=solver)
    blocks = exact_blocks(X, signs, points, res.V, res.W)
    return RestrictedUpper(primal_upper(X, y, beta, loss, blocks), res.value, tuple(blocks), len(signs))


def initial_dual(loss: str, y: np.ndarray) -> np.ndarray:
    """The dual at the zero network: -l'(0) (y for squared and hinge, sign(y) clipped for absolute)."""
    return np.clip(y, -1.0, 1.0) if loss == "absolute" else y.copy()


@dataclass(frozen=True)
class ConeBracket:
    """The bracket of (8) over all regions, its evidence and what the rounds did."""

    bracket: Bracket
    X: tuple[tuple[Fraction, ...], ...]
    y: tuple[Fraction, ...]
    beta: Fraction
    loss: str
    regions: int
    rounds: int
    patterns: int  # regions in the final working set
    value: float  # the final restricted float optimum
    pricing: Pricing
    dual: ExactDual
    blocks: tuple[Block, ...]
    network: tuple[Fraction, Fraction]  # (2) / (38) at Theorem 1's network, enclosed
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def neurons(self) -> int:
        """Neurons of Theorem 1's network: the nonzero v_i and w_i."""
        return sum(any(b.v) + any(b.w) for b in self.blocks)

    @property
    def m_star(self) -> int:
        """Theorem 1's m* = #{i : v_i != 0 or w_i != 0} of the certified primal."""
        return len(self.blocks)

    @property
    def both(self) -> int:
        """Patterns with BOTH v_i and w_i nonzero (Theorem 1 says 'either v_i* or w_i* is non-zero')."""
        return sum(any(b.v) and any(b.w) for b in self.blocks)

    @property
    def lower(self) -> Fraction:
        return self.dual.lower

    @property
    def upper(self) -> Fraction:
        assert self.bracket.upper is not None  # bracket() always has both ends
        return self.bracket.upper

    @property
    def relative_width(self) -> float:
        return float((self.upper - self.lower) / abs(self.upper)) if self.upper else float(self.upper - self.lower)

    def certificate(self, claim: str, case: str, statement: str) -> dict:
        """Kind "cone-program-bracket" (:mod:`exact.checker.cone_program_bracket`)."""
        return cone_program_certificate(claim, case, statement, self.X, self.y, self.beta, self.loss, self.dual.v,
                                        self.dual.pieces, self.blocks, self.lower, self.upper, self.neurons)


def _select(pricing: Pricing, beta: float, tol: float, active: list[int], batch: int) -> list[int]:
    """Up to ``batch`` violated regions outside ``active``, most violated first, one per maximiser: regions whose
    worst piece peaks at the same u (within SAME, e.g. on their common face) would add the same neuron."""
    chosen: list[int] = []
    seen: list[np.ndarray] = []
    skip = set(active)
    for r, e in pricing.violators(beta, tol):
        u = pricing.directions[r, e]
        if r in skip or any(float(u @ w) > 1 - SAME for w in seen):
            continue
        chosen.append(r)
        skip.add(r)
        seen.append(u)
        if len(chosen) == batch:
            break
    return chosen


def _primal(X: list[list[Fraction]], y: list[Fraction], beta: Fraction, loss: str, chosen: list[Region],
            res: Restricted | None, tight: np.ndarray) -> tuple[list[Block], Fraction]:
    """The exact blocks of the final restricted solve and their upper bound. By complementary slackness an optimal
    v_i (w_i) is 0 unless its dual piece eps = +1 (-1) is ``tight``; the float solve leaves small noise there, so
    the blocks without it are preferred when they bound (8) as well (to 1e-9 relative: with a nonsmooth loss the
    noise can be first-order and is then kept)."""
    if res is None:
        return [], primal_upper(X, y, beta, loss, [])
    signs, points = [r.sign for r in chosen], [r.point for r in chosen]
    every = exact_blocks(X, signs, points, res.V, res.W)
    sparse = exact_blocks(X, signs, points, res.V * tight[:, :1], res.W * tight[:, 1:])
    up_every, up_sparse = primal_upper(X, y, beta, loss, every), primal_upper(X, y, beta, loss, sparse)
    if up_sparse <= up_every + abs(up_every) * Fraction(1, 10**9):
        return sparse, up_sparse
    return every, up_every


def bracket(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], beta: Fraction, loss: str = "squared",
            regions: Sequence[Region] | None = None, solver: str = "CLARABEL", tol: float = PRICE_TOL,
            batch: int = BATCH, max_rounds: int = MAX_ROUNDS) -> ConeBracket:
    """Bracket (8) / (39) over every region by column generation (module doc); ``regions`` default to
    :func:`regions_of` (they must be ALL the regions for the bracket to hold; the checker re-derives them)."""
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
    Xq = [[Fraction(a) for a in x] for x in X]
    yq, beta = [Fraction(t) for t in y], Fraction(beta)
    regs = list(regions) if regions is not None else regions_of(Xq)
    S = np.array([r.sign for r in regs], dtype=np.int64).reshape(len(regs), len(Xq))
    Xf, yf, bf = np.array([[float(a) for a in x] for x in Xq]), np.array([float(t) for t in yq]), float(beta)
    timings = dict.fromkeys(("solve", "pricing", "exact"), 0.0)
    v, rounds = initial_dual(loss, yf), 0
    active: list[int] = []
    res: Restricted | None = None
    last: Pricing | None = None
    signs, rows = {tuple(int(a) for a in s) for s in S}, []
    while True:
        start = time.perf_counter()
        pricing = price(Xf, S, v, bf, tol, limit=PARTIAL * batch, last=last)
        new = _select(pricing, bf, tol, active, batch)
        if len(new) < batch and not pricing.complete:  # the largest one-row bounds gave too few: price them all
            pricing = price(Xf, S, v, bf, tol, last=last)
            new = _select(pricing, bf, tol, active, batch)
        last = pricing
        timings["pricing"] += time.perf_counter() - start
        if not new or rounds == max_rounds:
            break
        active += new
        rounds += 1
        start = time.perf_counter()
        rows += facets(S[new], Xq, signs)
        res = solve_restricted(Xf, yf, bf, loss, S[active], rows, solver)
        timings["solve"] += time.perf_counter() - start
        v = res.v
    start = time.perf_counter()
    dual = exact_dual(Xq, yq, beta, loss, S, v, pricing)
    tight = pricing.values[active] >= bf * (1 - SLACK)
    blocks, upper = _primal(Xq, yq, beta, loss, [regs[r] for r in active], res, tight)
    network = network_objective(Xq, yq, beta, loss, blocks)
    timings["exact"] = time.perf_counter() - start
    how = (f"dual of the restricted (8) over {len(active)} regions, scaled by {dual.t:.12g}, exact on all "
           f"{2 * len(regs)} pieces", f"restricted (8): {len(blocks)} blocks made exactly feasible")
    return ConeBracket(Bracket(dual.lower, upper, *how), tuple(map(tuple, Xq)), tuple(yq), beta, loss, len(regs),
                       rounds, len(active), res.value if res else float(upper), pricing, dual, tuple(blocks), network,
                       timings)
