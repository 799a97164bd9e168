"""Linear two-layer CNNs (pe Section 4.2-4.3): patches, the nuclear-norm program (12) and its rational bracket.

The network (9) is f = sum_k sum_j X_k u_j alpha_jk with patch matrices X_k (n x h), filters u_j in R^h and
outer weights alpha_j in R^K; it depends on the weights only through Z = sum_j u_j alpha_j^T (h x K):
f = sum_k X_k z_k. Since beta/2 (||u||^2 + ||alpha||^2) >= beta ||u|| ||alpha|| with equality when the two norms
agree, min (9) over m >= rank Z neurons is (12), min 1/2 ||sum_k X_k z_k - y||^2 + beta ||Z||_*, attained by
the network of an SVD Z = P S Q^T: u_j = sqrt(s_j) p_j, alpha_j = sqrt(s_j) q_j. The dual of (12) is (11),
max v^T y - 1/2 ||v||^2 (= -1/2 ||v - y||^2 + 1/2 ||y||^2) s.t. sigma_max(M(v)) <= beta, M(v) = [X_1^T v ... X_K^T v]
(M is the adjoint of Z -> sum_k X_k z_k, and the spectral norm is dual to the nuclear norm).

:func:`nuclear_bracket` brackets the common value of (9), (11) and (12) in rationals, floats only proposing:
the upper end is (9) at a rational network (exact: weight decay is a sum of squares), the lower end is (11) at a
rational v whose feasibility t^2 M M^T <= beta^2 I is proved by an exact LDL^T (:func:`positive_definite`).

>>> from fractions import Fraction as F
>>> X = [[F(1), F(0), F(2)], [F(0), F(1), F(-1)]]
>>> [list(p) for p in valid_patches(X, 2)], circular_patches(X, 1)[2]
([[(Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1))], [(Fraction(0, 1), Fraction(2, 1)), \
(Fraction(1, 1), Fraction(-1, 1))]], ((Fraction(2, 1),), (Fraction(-1, 1),)))
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from exact import numbers
from exact.linalg import dot, gram, matvec, rmatvec
from exact.numbers import sqrt_bounds

from .bracket import Bracket
from .socp import CLARABEL_TOLERANCES, SOLVER_TOL, solve

Matrix = tuple[tuple[Fraction, ...], ...]
Vector = tuple[Fraction, ...]

#: float proposals are read as multiples of 2^-BITS: short exact numbers, far below the solver's accuracy
BITS = 48
#: singular values of the float Z below this fraction of the largest are solver noise, not neurons
RANK_TOL = 1e-8


def valid_patches(X: Sequence[Sequence[Fraction]], h: int) -> list[Matrix]:
    """The stride-one patches of (9) without padding: X_k = X[:, k:k+h], k = 0 .. d - h (K = d - h + 1)."""
    d = len(X[0])
    return [tuple(tuple(row[k:k + h]) for row in X) for k in range(d - h + 1)]


def circular_patches(X: Sequence[Sequence[Fraction]], h: int) -> list[Matrix]:
    """(13) as an instance of (9): X U_j alpha_j = sum_k alpha_jk X S^k P u_j, with S the cyclic shift of R^d
    and P the zero padding R^h -> R^d, so X_k = X S^k P has entries X[i, (k + t) mod d], t < h (K = d).

    The circulant U_j has columns S^k P u_j (its transpose has the reversed filter shifted, the same patches up
    to reindexing, so the value of (13) does not depend on which of the two the paper means).
    """
    d = len(X[0])
    return [tuple(tuple(row[(k + t) % d] for t in range(h)) for row in X) for k in range(d)]


def adjoint(patches: Sequence[Matrix], v: Sequence[Fraction]) -> Matrix:
    """M(v) = [X_1^T v ... X_K^T v] (h x K), the matrix of (11)."""
    columns = [rmatvec(P, v) for P in patches]
    return tuple(zip(*columns))


def positive_definite(A: Sequence[Sequence[Fraction]]) -> bool:
    """Exact: every pivot of A = L D L^T (symmetric elimination without pivoting) is positive (Sylvester).

    >>> F = Fraction
    >>> positive_definite([[F(2), F(1)], [F(1), F(2)]]), positive_definite([[F(1), F(2)], [F(2), F(1)]])
    (True, False)
    """
    a = [[Fraction(x) for x in row] for row in A]
    for k in range(len(a)):
        if a[k][k] <= 0:
            return False
        for i in range(k + 1, len(a)):
            f = a[i][k] / a[k][k]
            if f:
                for j in range(k + 1, len(a)):
                    a[i][j] -= f * a[k][j]
    return True


def spectral_bound(M: Matrix) -> Fraction:
    """A rational c >= sigma_max(M)^2, proved by c I - G positive definite (G = M M^T or M^T M, the smaller).

    The float eigenvalue proposes c (widened by 2^-40, then more); 2 trace G always passes (lambda_max <= trace).

    >>> F = Fraction
    >>> c = spectral_bound(((F(3), F(0)), (F(0), F(4)))); 16 <= c <= 16 * (1 + F(1, 2**39))
    True
    """
    G = gram(M) if len(M) <= len(M[0]) else gram(tuple(zip(*M)))
    trace = sum((G[i][i] for i in range(len(G))), Fraction(0))
    if trace == 0:
        return Fraction(0)
    lam = Fraction(float(np.linalg.eigvalsh(np.array(G, dtype=float)).max()))
    for c in (lam * (1 + Fraction(1, 2**40)), lam * (1 + Fraction(1, 2**20)), 2 * trace):
        if positive_definite([[c * (i == j) - G[i][j] for j in range(len(G))] for i in range(len(G))]):
            return c
    raise ArithmeticError("2 trace(G) I - G is not positive definite: G is not a Gram matrix")


def best_scale(v: Sequence[Fraction], y: Sequence[Fraction], t_max: Fraction | None) -> tuple[Fraction, Fraction]:
    """(t, D(t v)) maximising the dual objective D(v) = v^T y - 1/2 ||v||^2 of (10)/(11)/(14) over t in [0, t_max]
    (t_max None: no bound): D(t v) is a concave quadratic in t, maximal at t = v^T y / ||v||^2 (clipped, then
    rounded down to a multiple of 2^-60).

    >>> F = Fraction
    >>> best_scale([F(1), F(1)], [F(1), F(3)], F(1)), best_scale([F(1), F(1)], [F(1), F(3)], F(5))
    ((Fraction(1, 1), Fraction(3, 1)), (Fraction(2, 1), Fraction(4, 1)))
    """
    vy, vv = dot(v, y), dot(v, v)
    t = Fraction(0) if vv == 0 else max(vy / vv, Fraction(0))
    t = t if t_max is None else min(t, t_max)
    t = Fraction(math.floor(t * 2**60), 2**60)  # a short number; any t in [0, t_max] stays feasible
    return t, t * vy - t * t * vv / 2


def tight(b: Bracket) -> bool:
    """Whether ``b`` decides equality to the solver's documented accuracy: width <= SOLVER_TOL max(1, |upper|)
    (relative, the values grow with n and y).

    >>> tight(Bracket(Fraction(2), Fraction(2) + Fraction(1, 10**7))), tight(Bracket(Fraction(0), Fraction(1)))
    (True, False)
    """
    if b.lower is None or b.upper is None:
        return False
    return b.upper - b.lower <= SOLVER_TOL * max(Fraction(1), abs(b.upper))


def dyadic(values, bits: int = BITS) -> Vector:
    """Floats rounded to multiples of 2^-bits, as exact rationals (:func:`exact.numbers.dyadic` per entry)."""
    return tuple(numbers.dyadic(float(x), bits) for x in values)


@dataclass(frozen=True)
class LinearNetwork:
    """A linear two-layer CNN of (9): filters u_j in R^h and outer weights alpha_j in R^K (rational)."""

    filters: tuple[Vector, ...]
    outer: tuple[Vector, ...]

    def output(self, patches: Sequence[Matrix]) -> Vector:
        """sum_k sum_j X_k u_j alpha_jk."""
        n = len(patches[0])
        out = [Fraction(0)] * n
        for u, alpha in zip(self.filters, self.outer, strict=True):
            for P, a in zip(patches, alpha, strict=True):
                if a:
                    out = [o + a * t for o, t in zip(out, matvec(P, u), strict=True)]
        return tuple(out)

    def objective(self, patches: Sequence[Matrix], y: Sequence[Fraction], beta: Fraction) -> Fraction:
        """(9): 1/2 ||f - y||^2 + beta/2 sum_j (||u_j||^2 + ||alpha_j||^2), exactly.

        >>> F = Fraction
        >>> net = LinearNetwork(((F(1),),), ((F(2),),))
        >>> net.objective([((F(1),),)], [F(3)], F(1))
        Fraction(3, 1)
        """
        r = [f - t for f, t in zip(self.output(patches), y, strict=True)]
        decay = sum((dot(u, u) + dot(a, a) for u, a in zip(self.filters, self.outer, strict=True)), Fraction(0))
        return dot(r, r) / 2 + beta * decay / 2


@dataclass(frozen=True)
class NuclearBracket:
    """The rational bracket of (9) = (11) = (12) on one instance.

    ``bracket.upper`` is (9) at ``network``; ``bracket.lower`` is the dual objective at ``dual`` (= ``scale``
    times the rounded residual of the float optimum), proved feasible for (11) by ``bound`` >= sigma_max(M)^2 of
    the unscaled residual: scale^2 bound <= beta^2. ``singular`` are the float singular values of Z (the
    network keeps those above ``RANK_TOL`` of the largest: m = rank), ``solver`` Clarabel's value of (12).
    ``alignment`` is min_j u_j^T M M^T u_j / (beta^2 ||u_j||^2) at the feasible dual: <= 1, and 1 when the
    filters are maximal eigenvectors of sum_k X_k^T v v^T X_k = M M^T (pe Section 4.2).
    """

    bracket: Bracket
    network: LinearNetwork
    dual: Vector
    scale: Fraction
    bound: Fraction
    singular: tuple[float, ...]
    solver: float
    alignment: Fraction | None

    @property
    def rank(self) -> int:
        return len(self.network.filters)

    @property
    def upper(self) -> Fraction:
        """(9) at ``network``: the bracket's upper end (always finite here)."""
        assert self.bracket.upper is not None
        return self.bracket.upper


def _solve_nuclear(patches: Sequence[Matrix], y: Sequence[Fraction], beta: Fraction
                   ) -> tuple[float, np.ndarray, np.ndarray]:
    """Clarabel's (value, Z, sum_k X_k z_k) of (12): Z is h x K, its column k the z_k of patch k."""
    import cvxpy as cp

    h, K = len(patches[0][0]), len(patches)
    A = np.hstack([np.array(P, dtype=float) for P in patches])  # A vec(Z) = sum_k X_k z_k (columns stacked)
    Z = cp.Variable((h, K))
    fit = A @ cp.vec(Z, order="F")
    problem = cp.Problem(cp.Minimize(cp.sum_squares(fit - np.array(y, dtype=float)) / 2 + float(beta) * cp.normNuc(Z)))
    value = solve(problem, "CLARABEL", **CLARABEL_TOLERANCES)
    Zv = np.asarray(Z.value)
    return value, Zv, A @ Zv.flatten(order="F")


def svd_network(Z: np.ndarray) -> tuple[LinearNetwork, tuple[float, ...]]:
    """The network of pe Section 4.2 from an SVD Z = P S Q^T: u_j = sqrt(s_j) p_j, alpha_j = sqrt(s_j) q_j over the
    singular values above RANK_TOL of the largest (rounded to rationals), and the singular values.

    >>> net, s = svd_network(np.array([[4.0, 0.0], [0.0, 0.0]]))
    >>> [[str(u * a) for a in net.outer[0]] for u in net.filters[0]], len(net.filters), s
    ([['4', '0'], ['0', '0']], 1, (4.0, 0.0))
    """
    P, s, Qt = np.linalg.svd(Z, full_matrices=False)
    keep = [j for j in range(len(s)) if s[j] > RANK_TOL * max(s[0], 1e-300)]
    return (LinearNetwork(tuple(dyadic(np.sqrt(s[j]) * P[:, j]) for j in keep),
                          tuple(dyadic(np.sqrt(s[j]) * Qt[j]) for j in keep)),
            tuple(float(t) for t in s))


def _alignment(patches: Sequence[Matrix], dual: Vector, net: LinearNetwork, beta: Fraction) -> Fraction | None:
    """min_j ||M(v)^T u_j||^2 / (beta^2 ||u_j||^2) at the feasible dual v (exact; None without neurons)."""
    M = adjoint(patches, dual)
    ratios = [sum((dot(col, u) ** 2 for col in zip(*M)), Fraction(0)) / (beta * beta * dot(u, u))
              for u in net.filters if any(u)]
    return min(ratios) if ratios else None


def nuclear_bracket(patches: Sequence[Matrix], y: Sequence[Fraction], beta: Fraction) -> NuclearBracket:
    """Solve (12) in float, then bracket min (9) = max (11) = min (12) exactly (see the module docstring).

    Lower end: v = y - sum_k X_k z_k (the float optimum's residual, the optimal dual of (12)) in rationals,
    c >= sigma_max(M(v))^2 proved exactly, t_max = beta / (a rational upper bound of sqrt(c)), and the best t v
    over [0, t_max]
    (:func:`best_scale`). Upper end: (9) at the SVD network of the float Z (:func:`svd_network`).

    >>> F = Fraction
    >>> b = nuclear_bracket([((F(1),), (F(0),)), ((F(0),), (F(1),))], [F(2), F(0)], F(1))
    >>> float(b.bracket.lower) <= 1.5 <= float(b.bracket.upper), float(b.bracket.width) < 1e-9, b.rank
    (True, True, 1)
    """
    solver, Z, fit = _solve_nuclear(patches, y, beta)
    net, singular = svd_network(Z)
    upper = net.objective(patches, y, beta)
    v = dyadic(np.array(y, dtype=float) - fit)
    c = spectral_bound(adjoint(patches, v))
    t, lower = best_scale(v, y, beta / sqrt_bounds(c, 30)[1] if c else None)  # M(v) = 0: every t v is feasible
    dual = tuple(t * x for x in v)
    return NuclearBracket(Bracket(lower, upper, f"residual of the float optimum of (12), scaled by {float(t):.12g} "
                                                f"into sigma_max(M) <= beta (exact LDL^T)",
                                  f"(9) at the SVD network of the float Z ({len(net.filters)} neurons), exact"),
                          net, dual, t, c, singular, solver, _alignment(patches, dual, net, beta))
