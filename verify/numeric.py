"""Float optima as rigorous intervals (DESIGN.md "Numerics").

A float solver (cvxpy with Clarabel by default, SCS as the alternative) only
*proposes* points. Their values become a :class:`Bracket` ``[lower, upper]``
with exact rational endpoints:

* ``upper`` is the objective of a **primal point made exactly feasible**
  (the caller restores the constraint, e.g. with :func:`restore_equality`,
  a rational least-squares correction, or by rescaling a neuron into the
  unit ball), evaluated exactly or in interval arithmetic (mpmath ``iv`` at
  ``DPS`` digits, outward rounded, so the enclosure is a proof);
* ``lower`` is the objective of a **dual point made exactly feasible** (e.g.
  clipped into its box with :func:`repair_box_sum`, or scaled by
  :func:`scale_into` so a constraint ``g(v) <= bound`` holds, with ``g``
  bounded above rigorously by the caller).

**The verdict rule.** A verdict never reads the solver's status. It compares
the bracket with the claimed quantity (itself an exact value or a bracket)
through :func:`judge`: CONFIRMED when the two intervals meet after widening by
``tol``, CONTRADICTED when they are more than ``tol`` apart. ``tol`` is 0 when
both sides are rigorous enclosures of fixed mathematical quantities; a
positive ``tol`` (the documented solver accuracy ``SOLVER_TOL``) is used only
when the claimed quantity is the value of a point that a float solve chose
(the true formula point differs from the computed one by solver error).

>>> from fractions import Fraction as F
>>> lo, hi = sqrt_bounds(F(2))
>>> lo * lo <= 2 <= hi * hi and 0 < hi - lo <= F(1, 10**60)
True
>>> b = Bracket(F(1), F(3, 2), "dual v", "primal w")
>>> b.width, b.contains(F(5, 4)), judge(b, F(2)), judge(b, F(2), tol=F(1))
(Fraction(1, 2), True, 'CONTRADICTED', 'CONFIRMED')
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from fractions import Fraction
from typing import Callable, Sequence

import numpy as np
from flint import fmpq, fmpq_mat
from mpmath import iv, libmp

from exact.rational import sqrt_bounds

from .result import CONFIRMED, CONTRADICTED

DPS = 60  # decimal digits of the interval arithmetic
SOLVER_TOL = Fraction(1, 10**6)  # documented accuracy of a Clarabel point (its own tolerances are ~1e-8)
SOLVERS = ("CLARABEL", "SCS")

__all__ = [
    "Bracket", "DPS", "SOLVER_TOL", "SOLVERS", "exact", "sqrt_bounds", "norm_bounds", "ball_point",
    "enclose", "rational_bounds", "lower_of", "upper_of", "judge", "solve", "restore_equality", "repair_box_sum", "scale_into", "ReluSup", "relu_value", "relu_argmax", "best_breakpoint", "relu_sup",
    "PatternSup", "pattern_sup",
]


@dataclass(frozen=True)
class Bracket:
    """A proved enclosure ``lower <= value <= upper`` of a real number, with its provenance.

    ``lower_from`` / ``upper_from`` name the points that produced each end
    (e.g. "dual v of iteration 7, scaled by 0.93"); ``upper`` may be ``None``
    (no feasible primal point: the enclosure is one-sided).
    """

    lower: Fraction | None
    upper: Fraction | None
    lower_from: str = ""
    upper_from: str = ""

    def __post_init__(self) -> None:
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            raise ValueError(f"empty bracket [{self.lower}, {self.upper}]: weak duality is violated")

    @property
    def width(self) -> Fraction | None:
        return None if self.lower is None or self.upper is None else self.upper - self.lower

    def contains(self, value: Fraction, tol: Fraction = Fraction(0)) -> bool:
        return (self.lower is None or self.lower - tol <= value) and (self.upper is None or value <= self.upper + tol)

    def __str__(self) -> str:
        def dec(q: Fraction | None, sign: str) -> str:
            return sign + "oo" if q is None else f"{float(q):.12g}"
        w = self.width
        return f"[{dec(self.lower, '-')}, {dec(self.upper, '+')}] (width {'oo' if w is None else f'{float(w):.3g}'})"

    def text(self, digits: int = 12) -> str:
        """The enclosure in decimals rounded outward, so the printed interval still contains the value.

        >>> Bracket(Fraction(1, 3), Fraction(2, 3)).text(4)
        '[0.3333, 0.6667]'
        """
        def dec(q: Fraction | None, rounding: str) -> str:
            if q is None:
                return "-oo" if rounding == ROUND_FLOOR else "+oo"
            with localcontext() as ctx:
                ctx.prec, ctx.rounding = digits, rounding
                return str(Decimal(q.numerator) / Decimal(q.denominator))
        return f"[{dec(self.lower, ROUND_FLOOR)}, {dec(self.upper, ROUND_CEILING)}]"

    def as_json(self) -> dict[str, str | None]:
        return {"lower": None if self.lower is None else str(self.lower),
                "upper": None if self.upper is None else str(self.upper),
                "width": None if self.width is None else str(self.width),
                "lower_from": self.lower_from, "upper_from": self.upper_from}


def exact(values: Sequence[float]) -> list[Fraction]:
    """Floats as the exact rationals they are (``Fraction(0.1)`` is 3602879701896397/2**55)."""
    return [Fraction(float(v)) for v in values]


def norm_bounds(vec: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    """Rational bounds on the Euclidean norm of an exact vector."""
    return sqrt_bounds(sum((x * x for x in vec), Fraction(0)))


def ball_point(u: Sequence[float] | Sequence[Fraction]) -> list[Fraction]:
    """An exact point of the closed unit ball near ``u``: ``u`` itself, or ``u`` divided by an upper bound of its norm.

    >>> ball_point([0.6, 0.8]) == exact([0.6, 0.8]) or sum(x * x for x in ball_point([0.6, 0.8])) <= 1
    True
    """
    q = [Fraction(x) for x in u]
    sq = sum((x * x for x in q), Fraction(0))
    if sq <= 1:
        return q
    _, hi = sqrt_bounds(sq, 30)
    return [x / hi for x in q]


@contextmanager
def _digits():
    """mpmath's interval context at :data:`DPS` digits (it has no ``workdps``), restored afterwards."""
    saved = iv.dps
    iv.dps = max(saved, DPS)
    try:
        yield
    finally:
        iv.dps = saved


def enclose(q: Fraction | int):
    """An mpmath interval (``iv.mpf``) containing the rational ``q``."""
    q = Fraction(q)
    with _digits():
        return iv.mpf(q.numerator) / iv.mpf(q.denominator)


def rational_bounds(x) -> tuple[Fraction, Fraction]:
    """The endpoints of an mpmath interval as exact rationals."""
    lo, hi = x._mpi_
    return Fraction(*libmp.to_rational(lo)), Fraction(*libmp.to_rational(hi))


def judge(bracket: Bracket, claimed: Fraction | Bracket, tol: Fraction = Fraction(0)) -> str:
    """CONFIRMED if ``claimed`` (a value or an interval) meets ``bracket`` widened by ``tol``, else CONTRADICTED."""
    c = claimed if isinstance(claimed, Bracket) else Bracket(claimed, claimed)
    below = c.upper is not None and bracket.lower is not None and c.upper < bracket.lower - tol
    above = c.lower is not None and bracket.upper is not None and c.lower > bracket.upper + tol
    return CONTRADICTED if below or above else CONFIRMED


def solve(problem, solver: str = "CLARABEL", **options) -> float:
    """Solve a cvxpy problem with ``solver`` (falling back to the other of :data:`SOLVERS`); its value.

    Raises ``RuntimeError`` when no solver returns an (approximately) optimal
    point. The status is used only to decide whether a point exists; the
    point is then made feasible and evaluated by the caller.
    """
    import cvxpy as cp

    tried = []
    for name in (solver, *[s for s in SOLVERS if s != solver]):
        try:
            with warnings.catch_warnings():  # "inaccurate" is harmless: the caller certifies the point
                warnings.simplefilter("ignore", UserWarning)
                problem.solve(solver=name, **(options if name == solver else {}))
        except cp.error.SolverError as exc:
            tried.append(f"{name}: {exc}")
            continue
        if problem.status in (cp.OPTIMAL, cp.OPTIMAL_INACCURATE):
            return float(problem.value)
        tried.append(f"{name}: {problem.status}")
    raise RuntimeError("no solver returned a point: " + "; ".join(tried))


def restore_equality(M: Sequence[Sequence[Fraction]], w: Sequence[Fraction],
                     y: Sequence[Fraction]) -> list[Fraction] | None:
    """The exact minimum-norm correction of ``w`` with ``M w = y``: ``w + M^T (M M^T)^{-1} (y - M w)``.

    None when ``M M^T`` is singular (the rows of M are dependent: the caller
    must drop rows or report the primal point as not repairable).

    >>> F = Fraction
    >>> restore_equality([[F(1), F(1)]], [F(1, 3), F(1, 3)], [F(1)])
    [Fraction(1, 2), Fraction(1, 2)]
    """
    n, m = len(M), len(w)
    Mq = fmpq_mat(n, m, [fmpq(x.numerator, x.denominator) for row in M for x in row])
    wq = fmpq_mat(m, 1, [fmpq(x.numerator, x.denominator) for x in w])
    r = fmpq_mat(n, 1, [fmpq(x.numerator, x.denominator) for x in y]) - Mq * wq
    G = Mq * Mq.transpose()
    if G.rank() < n:
        return None
    out = wq + Mq.transpose() * G.solve(r)
    return [Fraction(int(out[i, 0].p), int(out[i, 0].q)) for i in range(m)]


def repair_box_sum(w: Sequence[Fraction], lo: Sequence[Fraction | None], hi: Sequence[Fraction | None],
                   total: Fraction | None = None) -> list[Fraction] | None:
    """An exact point of ``{lo <= w <= hi, sum(w) = total}`` near ``w`` (None bounds are infinite).

    Clips into the box, then moves the entries with room, in order, to fix the
    sum (``total=None``: no sum constraint). None if the set is empty.

    >>> F = Fraction
    >>> repair_box_sum([F(-1, 10), F(1), F(-2)], [F(0), None, None], [None, None, F(0)], F(0))
    [Fraction(1, 1), Fraction(1, 1), Fraction(-2, 1)]
    """
    out = [x if l is None or x >= l else l for x, l in zip(map(Fraction, w), lo)]
    out = [x if h is None or x <= h else h for x, h in zip(out, hi)]
    if total is None:
        return out
    gap = total - sum(out, Fraction(0))
    for i in range(len(out)):
        if gap == 0:
            break
        bound = hi[i] if gap > 0 else lo[i]
        room = gap if bound is None else (min(gap, bound - out[i]) if gap > 0 else max(gap, bound - out[i]))
        out[i] += room
        gap -= room
    return out if gap == 0 else None


def scale_into(v: Sequence[Fraction], g_upper: Fraction, bound: Fraction) -> tuple[Fraction, list[Fraction]]:
    """``t v`` with ``t = min(1, bound / g_upper)``: feasible for ``g(t v) <= bound`` when ``g`` is
    positively homogeneous and ``g(v) <= g_upper`` (the caller's rigorous bound).

    >>> scale_into([Fraction(2), Fraction(-4)], Fraction(4), Fraction(1))
    (Fraction(1, 4), [Fraction(1, 2), Fraction(-1, 1)])
    """
    t = Fraction(1) if g_upper <= bound else bound / g_upper
    return t, [t * x for x in v]


def lower_of(f: Callable[[], object]) -> Fraction:
    """The lower end of the interval that ``f()`` computes with mpmath ``iv`` at :data:`DPS` digits."""
    with _digits():
        return rational_bounds(f())[0]


def upper_of(f: Callable[[], object]) -> Fraction:
    """The upper end of the interval that ``f()`` computes with mpmath ``iv`` at :data:`DPS` digits."""
    with _digits():
        return rational_bounds(f())[1]


@dataclass(frozen=True)
class ReluSup:
    """``sup`` of ``alpha^T (A u + b 1)_+`` over ``||u|| <= 1`` (and ``b`` free when ``bias``), bracketed.

    ``u``, ``b`` (exact, ``||u|| <= 1``) attain ``bracket.lower``.
    """

    bracket: Bracket
    u: tuple[Fraction, ...]
    b: Fraction
    patterns: int  # convex subproblems solved


def relu_value(A: Sequence[Sequence[Fraction]], alpha: Sequence[Fraction], u: Sequence[Fraction],
               b: Fraction = Fraction(0)) -> Fraction:
    """``alpha^T (A u + b 1)_+`` exactly."""
    return sum((ai * max(sum((x * y for x, y in zip(row, u)), b), Fraction(0)) for ai, row in zip(alpha, A)),
               Fraction(0))


def best_breakpoint(A: Sequence[Sequence[Fraction]], alpha: Sequence[Fraction],
                    u: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    """``(b, value)`` maximising ``alpha^T (A u + b 1)_+`` over ``b``, for ``sum(alpha) <= 0``.

    The function of ``b`` is piecewise linear with breakpoints ``-a_k^T u``,
    zero for ``b -> -oo`` and of slope ``sum(alpha) <= 0`` for ``b -> +oo``,
    so a breakpoint attains its maximum.
    """
    best = None
    for row in A:
        b = -sum((x * y for x, y in zip(row, u)), Fraction(0))
        val = relu_value(A, alpha, u, b)
        if best is None or val > best[1]:
            best = (b, val)
    return best


def _patterns(A, alpha, bias: bool):
    """Yield ``(C, idx, S, multipliers)``: per anchor and sign pattern, the NNLS solution of the pattern dual."""
    from scipy.optimize import nnls

    n = len(A)
    for k in (range(n) if bias else [None]):
        C = A if k is None else [[x - y for x, y in zip(row, A[k])] for row in A]
        idx = [i for i in range(n) if i != k]
        Cf = np.array([[float(x) for x in C[i]] for i in idx]).reshape(len(idx), -1)
        af = np.array([float(alpha[i]) for i in idx])
        for mask in range(1, 2 ** len(idx)):
            S = [(mask >> t) & 1 == 1 for t in range(len(idx))]
            M = np.column_stack([Cf[t] if s else -Cf[t] for t, s in enumerate(S)])
            rhs = -sum((af[t] * Cf[t] for t, s in enumerate(S) if s), np.zeros(Cf.shape[1]))
            yield C, idx, S, nnls(M, rhs)[0]


def relu_argmax(A: Sequence[Sequence[float]], alpha: Sequence[float], bias: bool) -> tuple[float, np.ndarray, float]:
    """Float ``(value, u, b)`` maximising ``alpha^T (A u + b 1)_+`` (the pattern search of :func:`relu_sup`,
    without the exact bounds: an oracle for cutting planes)."""
    Af, af = np.asarray(A, dtype=float), np.asarray(alpha, dtype=float)
    best = (0.0, np.zeros(Af.shape[1]), 0.0)
    for C, idx, S, mult in _patterns(Af, af, bias):
        z = sum((((af[i] + m) if s else -m) * np.asarray(C[i]) for i, s, m in zip(idx, S, mult)),
                np.zeros(Af.shape[1]))
        if np.linalg.norm(z) == 0:
            continue
        u = z / np.linalg.norm(z)
        bs = -(Af @ u) if bias else np.zeros(1)
        vals = [float(af @ np.maximum(Af @ u + b, 0)) for b in bs]
        j = int(np.argmax(vals))
        if vals[j] > best[0]:
            best = (vals[j], u, float(bs[j]))
    return best


def relu_sup(A: Sequence[Sequence[Fraction]], alpha: Sequence[Fraction], bias: bool) -> ReluSup:
    """Bracket ``sup_{||u|| <= 1, b} alpha^T (A u + b 1)_+`` (``b = 0`` without bias) by sign patterns.

    Without bias the cones ``K_S = {u : a_i^T u >= 0 (i in S), a_j^T u <= 0
    (j not in S)}`` cover R^d and on ``K_S`` the objective is linear, so the
    sup is the max over all ``S`` of ``p_S = max_{u in K_S, ||u|| <= 1}
    (sum_S alpha_i a_i)^T u``. Weak duality bounds each: for ``w_S >= alpha_S``,
    ``w_{S^c} <= 0``, ``p_S <= ||A^T w||`` (on K_S, ``sum_S alpha_i t_i <= w^T
    A u``); NNLS gives the optimal ``w`` (strong duality), which is clipped
    exactly into its box. With a free bias (``sum(alpha) <= 0``, else the sup is
    infinite) a breakpoint ``b = -a_k^T u`` attains the max over ``b``, so the
    sup is the max over anchors ``k`` of the no-bias sup for ``a_i - a_k``.
    Every ``2^n`` pattern is solved (an unrealisable one has a cone of lower
    dimension: its bound is still valid). Lower end: the best pattern maximiser
    ``u = A^T w / ||A^T w||``, made exactly feasible and evaluated exactly.

    >>> F = Fraction
    >>> s = relu_sup([[F(1), F(0)], [F(0), F(1)]], [F(1), F(1)], bias=False)
    >>> s.bracket.lower <= F(14142135623730950, 10**16) <= s.bracket.upper, s.bracket.width < F(1, 10**9)
    (True, True)
    """
    A = [[Fraction(x) for x in row] for row in A]
    alpha = [Fraction(a) for a in alpha]
    if bias and sum(alpha) > 0:
        raise ValueError("sum(alpha) > 0: the sup over a free bias is +oo (u = 0, b -> +oo)")
    upper, count, cands = Fraction(0), 0, []
    for C, idx, S, mult in _patterns(A, alpha, bias):
        count += 1
        w = [alpha[i] + Fraction(float(m)) if s else -Fraction(float(m)) for i, s, m in zip(idx, S, mult)]
        w = [max(x, alpha[i]) if s else min(x, Fraction(0)) for x, i, s in zip(w, idx, S)]
        z = [sum((wt * C[i][j] for wt, i in zip(w, idx)), Fraction(0)) for j in range(len(C[0]))]
        upper = max(upper, norm_bounds(z)[1])
        zf = np.array([float(x) for x in z])
        if np.linalg.norm(zf) > 0:
            cands.append((float(np.linalg.norm(zf)), zf / np.linalg.norm(zf)))
    cands.sort(key=lambda c: -c[0])
    best = (Fraction(0), [Fraction(0)] * len(A[0]), Fraction(0))
    for _, uf in cands[:3]:
        u = ball_point(uf)
        b, val = best_breakpoint(A, alpha, u) if bias else (Fraction(0), relu_value(A, alpha, u))
        if val > best[0]:
            best = (val, u, b)
    how = f"max over {count} sign-pattern subproblems"
    return ReluSup(Bracket(best[0], upper, "exact value at the best pattern maximiser", "NNLS duals, " + how),
                   tuple(best[1]), best[2], count)


@dataclass(frozen=True)
class PatternSup:
    """A proved upper bound on ``sup |v^T sigma_alpha(X w + b 1)|`` over the atoms (:func:`pattern_sup`).

    ``directions`` are float unit maximisers ``w`` (``[w, b]`` when joint) of the worst pieces, best first:
    candidates for column generation, not part of the proof.
    """

    upper: Fraction
    directions: tuple[tuple[float, ...], ...]
    multipliers: tuple[tuple[tuple[int, ...], int, tuple[Fraction, ...]], ...]  # (s, eps, m = s ⊙ mu) per piece


def pattern_sup(X: Sequence[Sequence[Fraction]], v: Sequence[Fraction], alpha: Fraction,
                patterns: Sequence[Sequence[int]], joint: bool, keep: int = 4, printed: bool = False) -> PatternSup:
    """Bound ``sup |v^T sigma_alpha(X w + b 1)|`` over ``||w|| <= 1, b`` free (or ``||[w, b]|| <= 1``, ``joint``).

    ``patterns`` must be all affine sign patterns J of the rows of ``X`` (sign(0) = +1), e.g.
    :func:`exact.sign_patterns.affine_sign_patterns`. For any (w, b) with pattern s = sign(p),
    p = X w + b 1: s ⊙ p >= 0 and sigma(p) = h(s) ⊙ p, so ``eps v^T sigma(p) = c^T p`` with
    c = eps h(s) ⊙ v, and the sup is the max over (s, eps) of

        P(s, eps) = max c^T (X w + b 1)  s.t.  s ⊙ (X w + b 1) >= 0,  ||w|| <= 1  (resp. ||[w, b]|| <= 1).

    Weak duality (Lagrangian with mu >= 0 on the sign rows): with g = c + s ⊙ mu,
    P <= ||X^T g|| when 1^T g = 0 (b free; otherwise the bound is void), and
    P <= ||[X^T g, 1^T g]|| (joint). mu comes from NNLS (the 1^T g = 0 row weighted),
    is taken exactly and, b free, repaired exactly onto 1^T g = 0 within mu >= 0
    (:func:`repair_box_sum`); the norm is bounded above by :func:`norm_bounds`.
    Needs ``sum(v) = 0`` when b is free (else the sup is +oo: w = 0, b -> +-oo).
    ``printed``: the eps = -1 pieces carry kh's printed constraint -s ⊙ p >= 0 instead (g = c - s ⊙ mu);
    then ``upper`` bounds the dual constraints of (7)/(9) as printed (:mod:`exact.kh`), not the atoms.

    >>> F = Fraction
    >>> X = [[F(0), F(0)], [F(1), F(0)], [F(0), F(1)]]
    >>> from exact.sign_patterns import affine_sign_patterns
    >>> s = pattern_sup(X, [F(-2), F(1), F(1)], F(0), affine_sign_patterns(X), joint=False)
    >>> F(14142, 10**4) <= s.upper <= F(14143, 10**4)   # 2 sigma(w1 + w2)-type: sup = sqrt 2 at w = (1, 1)/sqrt 2, b = 0
    True
    """
    from scipy.optimize import nnls

    X = [[Fraction(a) for a in row] for row in X]
    v, alpha = [Fraction(t) for t in v], Fraction(alpha)
    n = len(X)
    if not joint and sum(v) != 0:
        raise ValueError("pattern_sup: sum(v) != 0 with a free bias: the sup is +oo")
    A = [row + [Fraction(1)] for row in X] if joint else X
    Af = np.array([[float(a) for a in row] for row in A])
    weight = 1e4  # enforces 1^T g = 0 in the float NNLS; the exact repair makes it hold exactly
    upper, worst, multipliers = Fraction(0), [], []
    for s in patterns:
        for eps in (1, -1):
            c = [eps * (vk if sk == 1 else alpha * vk) for vk, sk in zip(v, s)]
            S = [-sk for sk in s] if printed and eps == -1 else list(s)
            M = Af.T * np.array(S, dtype=float)
            r = Af.T @ np.array([float(t) for t in c])
            if not joint:
                M = np.vstack([M, weight * np.array(S, dtype=float)])
                r = np.append(r, weight * float(sum(c)))
            mu = [Fraction(float(t)) for t in nnls(M, -r)[0]]
            m = [sk * t for sk, t in zip(S, mu)]  # S ⊙ mu, sign-constrained by S
            if not joint:
                m = repair_box_sum(m, [Fraction(0) if sk == 1 else None for sk in S],
                                   [None if sk == 1 else Fraction(0) for sk in S], -sum(c))
                if m is None:  # no mu >= 0 with 1^T g = 0: P(s, eps) = +oo (b -> +-oo inside the piece)
                    raise ValueError(f"pattern_sup: piece {s}, eps {eps} is unbounded")
            multipliers.append((tuple(s), eps, tuple(m)))
            g = [ck + mk for ck, mk in zip(c, m)]
            z = [sum((g[i] * A[i][j] for i in range(n)), Fraction(0)) for j in range(len(A[0]))]
            bound = norm_bounds(z)[1]
            upper = max(upper, bound)
            worst.append((bound, tuple(float(t) for t in z)))
    worst.sort(key=lambda t: -t[0])
    dirs = tuple(tuple(t / (np.linalg.norm(z) or 1.0) for t in z) for _, z in worst[:keep])
    return PatternSup(upper, dirs, tuple(multipliers))
