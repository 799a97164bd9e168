"""Bias-free l1 and l0 interpolation (ep (4), (13), Lemmas 3.1-3.2, Corollary 3.6), exactly.

Convention (ep footnote 5): f(A) = sum_j w_j (A u_j)_+, ||u_j||_2 <= 1, no
hidden bias, no output bias; (4) is min ||w||_1, (13) is min ||w||_0, both
subject to f(A) = y. Dual (ep (12), (43)): max v^T y s.t.
|v^T (A u)_+| <= 1 for every ||u|| <= 1.

* ep Lemma 3.1 (full row rank A, y of both signs): p_+ = A^+ y_+ and
  p_- = A^+ y_- (y_- = (-y)_+) give two neurons u = p / ||p|| with weights
  +||p_+||, -||p_-||: A p_+ = y_+ >= 0, so they fit y; one neuron cannot,
  (w (A u)_+ has one sign), so l0 = 2 (:func:`two_neuron_network`).
* Whitened A (A A^T = I, ep Lemma 3.2 / Corollary 3.6): the two neurons cost
  ||y_+|| + ||y_-|| (A^+ = A^T is an isometry) and v = y_+/||y_+|| - y_-/||y_-||
  has the same dual value and is dual feasible over the whole ball
  (reduction proved in exact/checker/whitened_l1.py): :func:`whitened_l1`.
  Square roots are exact :class:`exact.checker.arith.Surd` values (the one surd type).
* General full-row-rank A: the l1 optimum by an exact cutting plane (ep
  Algorithm 1 with exact LPs, :func:`relu_l1`): the dual v of the finite LP is
  tested against the whole ball pattern by pattern (exact projection onto the
  sign cones, :func:`ball_sup`); violating neurons are added until none is left.

>>> from fractions import Fraction as F
>>> sol = whitened_l1(cayley(((0, F(1, 2)), (F(-1, 2), 0))), (F(3), F(-4)))
>>> sol.value, sol.dual
(7, (1, -1))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, product
from typing import Optional, Sequence

from ..checker.arith import Surd
from ..l1 import l1_interpolation
from ..linalg import Matrix, Vector, as_matrix, dot, gram, inverse, matvec, relu, rmatvec
from ..numbers import sqrt_bounds


def cayley(S: Sequence[Sequence]) -> Matrix:
    """(I - S)(I + S)^{-1}: a rational orthogonal matrix for a rational skew-symmetric S.

    >>> Q = cayley(((0, Fraction(1, 2)), (Fraction(-1, 2), 0)))
    >>> Q
    ((Fraction(3, 5), Fraction(-4, 5)), (Fraction(4, 5), Fraction(3, 5)))
    >>> gram(Q) == ((1, 0), (0, 1))
    True
    """
    S = as_matrix(S)
    n = len(S)
    if any(S[i][j] != -S[j][i] for i in range(n) for j in range(n)):
        raise ValueError("S is not skew-symmetric")
    eye = lambda i, j: Fraction(int(i == j))  # noqa: E731
    inv = inverse(tuple(tuple(eye(i, j) + S[i][j] for j in range(n)) for i in range(n)))
    return tuple(tuple(sum(((eye(i, k) - S[i][k]) * inv[k][j] for k in range(n)), Fraction(0))
                       for j in range(n)) for i in range(n))


def pseudo_inverse_times(A: Matrix, b: Sequence[Fraction]) -> Vector:
    """A^+ b = A^T (A A^T)^{-1} b for full row rank A."""
    return rmatvec(A, matvec(inverse(gram(A)), b))


def two_neuron_network(A: Matrix, y: Sequence[Fraction]) -> tuple[tuple[Vector, int], tuple[Vector, int]]:
    """ep Lemma 3.1: ((p_+, +1), (p_-, -1)) with p_+- = A^+ y_+-; neuron p/||p||, weight +-||p||."""
    y = tuple(Fraction(v) for v in y)
    if not (any(v > 0 for v in y) and any(v < 0 for v in y)):
        raise ValueError("ep Lemma 3.1 needs y with both positive and negative entries")
    return ((pseudo_inverse_times(A, relu(y)), 1),
            (pseudo_inverse_times(A, relu(tuple(-v for v in y))), -1))


@dataclass(frozen=True)
class WhitenedL1:
    """Exact primal (two neurons), dual v (surds) and the common value of (4)/(12)."""

    A: Matrix
    y: Vector
    network: tuple[tuple[Vector, int], tuple[Vector, int]]
    cost: tuple[Surd, ...]  # the neurons' weights ||p_+||, ||p_-||
    dual: tuple[Surd, ...]
    value: Surd  # primal cost = dual value


def whitened_l1(A: Sequence[Sequence], y: Sequence[Fraction]) -> WhitenedL1:
    """ep Lemma 3.2 / Corollary 3.6 for A A^T = I: the two-neuron optimum and its dual."""
    A, y = as_matrix(A), tuple(Fraction(v) for v in y)
    n = len(A)
    if gram(A) != tuple(tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n)):
        raise ValueError("A A^T != I: the data are not whitened")
    net = two_neuron_network(A, y)
    cost = tuple(Surd.sqrt(dot(p, p)) for p, _ in net)
    P, M = dot(relu(y), relu(y)), sum((v * v for v in y if v < 0), Fraction(0))
    dual = tuple(Surd.sqrt(P) * (v / P) if v > 0 else Surd.sqrt(M) * (v / M) if v < 0 else Surd.of(0) for v in y)
    return WhitenedL1(A, y, net, cost, dual, cost[0] + cost[1])


# ---------------------------------------------------------------- general A


@dataclass(frozen=True)
class ConeBound:
    """sup over ||u|| <= 1, u in C_s = {s_i a_i^T u >= 0}, of e v^T (A u)_+ equals ||p||, p = g + B^T mu."""

    e: int
    s: tuple[int, ...]
    mu: Vector
    p: Vector  # projection of g = A^T D_s (e v) onto C_s

    @property
    def norm2(self) -> Fraction:
        return dot(self.p, self.p)


def cone_projection(A: Matrix, s: Sequence[int], g: Vector) -> tuple[Vector, Vector]:
    """(p, mu): the projection p = g + sum mu_i s_i a_i of g onto C_s, mu >= 0, exactly.

    Moreau: p in C_s, g - p in the polar cone, p _|_ (g - p); found by trying
    every active set J (small n), solving (B_J B_J^T) mu_J = -B_J g.
    """
    n = len(A)
    B = tuple(tuple(si * x for x in a) for si, a in zip(s, A))
    for k in range(n + 1):
        for J in combinations(range(n), k):
            mu_J = matvec(inverse(gram(tuple(B[i] for i in J))), tuple(-dot(B[i], g) for i in J)) if J else ()
            if any(m < 0 for m in mu_J):
                continue
            mu = [Fraction(0)] * n
            for i, m in zip(J, mu_J):
                mu[i] = m
            p = tuple(gi + sum((mu[i] * B[i][c] for i in J), Fraction(0)) for c, gi in enumerate(g))
            if all(dot(b, p) >= 0 for b in B):
                return p, tuple(mu)
    raise ArithmeticError("no active set gave the projection")  # impossible for full row rank A


def ball_sup(A: Matrix, v: Sequence[Fraction]) -> list[ConeBound]:
    """For e = +-1 and every s in {+-1}^n, the exact sup of e v^T (A u)_+ over u in C_s, ||u|| <= 1."""
    out = []
    for e in (1, -1):
        for s in product((1, -1), repeat=len(A)):
            g = rmatvec(A, tuple(e * vi if si > 0 else Fraction(0) for vi, si in zip(v, s)))
            p, mu = cone_projection(A, s, g)
            out.append(ConeBound(e, s, mu, p))
    return out


def unit_neuron(p: Vector) -> Vector:
    """p / ||p|| when that is rational, else the rational s p with s <= 1/||p|| (still a valid neuron)."""
    lo, _ = sqrt_bounds(1 / dot(p, p))
    return tuple(lo * x for x in p)


@dataclass(frozen=True)
class ReluL1:
    """The exact l1 optimum of (4) (no bias) with neurons, weights, dual and per-cone bounds."""

    value: Fraction
    neurons: tuple[Vector, ...]
    weights: tuple[Fraction, ...]
    dual: Vector
    bounds: tuple[ConeBound, ...]
    rounds: int


def relu_l1(A: Sequence[Sequence], y: Sequence[Fraction], max_rounds: int = 20) -> Optional[ReluL1]:
    """Cutting plane with exact LPs; None if it has not closed the gap after ``max_rounds``."""
    A, y = as_matrix(A), tuple(Fraction(v) for v in y)
    atoms = [unit_neuron(b.p) for b in ball_sup(A, y) if any(b.p)]
    for rounds in range(1, max_rounds + 1):
        cols = [{i: r for i, r in enumerate(relu(matvec(A, u))) if r} for u in atoms]
        sol = l1_interpolation(cols, y)
        bounds = ball_sup(A, sol.dual)
        violated = [b for b in bounds if b.norm2 > 1]
        if not violated:
            used = [(u, w) for u, w in zip(atoms, sol.weights) if w]
            return ReluL1(sol.value, tuple(u for u, _ in used), tuple(w for _, w in used), sol.dual,
                          tuple(bounds), rounds)
        atoms += [unit_neuron(b.p) for b in violated]
    return None


def simplex_min(Z: Sequence[Vector]) -> tuple[Vector, Fraction]:
    """min ||sum_i lam_i z_i||^2 over the simplex, exactly (every support tried); (lam, value)."""
    best: Optional[tuple[Vector, Fraction]] = None
    n = len(Z)
    for k in range(1, n + 1):
        for J in combinations(range(n), k):
            G = gram(tuple(Z[i] for i in J))
            kkt = tuple(row + (Fraction(1),) for row in G) + ((Fraction(1),) * k + (Fraction(0),),)
            try:
                sol = matvec(inverse(kkt), (Fraction(0),) * k + (Fraction(1),))
            except ValueError:
                continue
            if any(x < 0 for x in sol[:k]):
                continue
            lam = [Fraction(0)] * n
            for i, x in zip(J, sol):
                lam[i] = x
            z = rmatvec(tuple(Z), tuple(lam))
            if best is None or dot(z, z) < best[1]:
                best = (tuple(lam), dot(z, z))
    assert best is not None
    return best


@dataclass(frozen=True)
class TwoNeuronBound:
    """Every 2-neuron interpolant costs >= 1/sqrt(r_pos) + 1/sqrt(r_neg) >= 1/hi_pos + 1/hi_neg."""

    lam_pos: Vector
    lam_neg: Vector
    r_pos: Fraction
    r_neg: Fraction

    @property
    def his(self) -> tuple[Fraction, Fraction]:
        return sqrt_bounds(self.r_pos)[1], sqrt_bounds(self.r_neg)[1]

    @property
    def lower(self) -> Surd:
        return Surd.sqrt(1 / self.r_pos) + Surd.sqrt(1 / self.r_neg)


def two_neuron_bound(A: Matrix, y: Vector) -> TwoNeuronBound:
    """The bound of the ``l1-l0-gap`` checker with the best simplex weights (exact)."""
    parts = []
    for sign in (1, -1):
        idx = [i for i, v in enumerate(y) if sign * v > 0]
        lam, r = simplex_min([tuple(x / abs(y[i]) for x in A[i]) for i in idx])
        full = [Fraction(0)] * len(y)
        for i, x in zip(idx, lam):
            full[i] = x
        parts.append((tuple(full), r))
    return TwoNeuronBound(parts[0][0], parts[1][0], parts[0][1], parts[1][1])


