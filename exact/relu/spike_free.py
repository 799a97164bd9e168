"""Spike-free data matrices (ep Section 2.2.1, Lemmas 2.3-2.5), decided exactly.

Convention (ep footnote 5, "for the remaining analysis we drop the bias"):
neurons u in R^d with ||u||_2 <= 1, no hidden bias, no output bias.
Q_A = {(A u)_+ : ||u|| <= 1}; A is *spike-free* when Q_A = A B_2 cap R^n_+.
Since A B_2 cap R^n_+ subset Q_A always holds ((A u)_+ = A u there), A is
spike-free iff every (A u)_+, ||u|| <= 1, equals A z for some ||z|| <= 1
(ep (6)).

**Gram criterion (proved here; full row rank A, G = A A^T, K = G^{-1}).**
A is spike-free iff every off-diagonal entry of K is <= 0.

Proof. Fix u, ||u|| <= 1, and S = {i : a_i^T u > 0}; b = A_S u >= 0 and
(A u)_+ = (b; 0). The minimum-norm z with A z = (b; 0) is z0 = A^T K (b; 0),
||z0||^2 = (b; 0)^T K (b; 0) (ep (7): z0 = A^+ (A u)_+). z0 is feasible for
r(b) = min{||w||^2 : A_S w = b, A_{S^c} w <= 0}, a strictly convex QP whose KKT
conditions read w = A_S^T lam - A_{S^c}^T mu, mu >= 0, mu_i a_i^T w = 0. As A
has full row rank, z0 = A^T k with k = K (b; 0) is its only representation, so
z0 solves the QP iff k_{S^c} = K_{S^c,S} b <= 0.
(<=) If K_{S^c,S} <= 0, then ||z0||^2 = r(b) <= ||u||^2 <= 1 (u is feasible).
(=>) If K_ij > 0 (i != j), take S = {j}, b = 1: w_t = A^T K (e_j - t e_i),
t = K_ij / K_ii, is feasible (A w_t = e_j - t e_i) with ||w_t||^2 =
K_jj - K_ij^2 / K_ii < K_jj = ||z0||^2; scaled to ||s w_t|| <= 1 with
s^2 K_jj > 1 it is a witness u = s w_t: ||A^+ (A u)_+||^2 = s^2 K_jj > 1.  QED

So whitened A (G = I, ep Lemma 2.4) is spike-free, and a Gaussian A is
spike-free about as often as all pairwise products a_i^T a_j are >= 0 (for
n = 2 exactly then: K_12 = -g_12 / det G), not with probability -> 1 (ep
Theorem 3.4; see verify.claims.ep_spikefree).

Rank-one A = c a^T (a != 0, rank-deficient for n >= 2): (A u)_+ = t c_+ for
t = a^T u > 0 and |t| c_- for t < 0 (c_- = (-c)_+), while A B_2 cap R^n_+ is
{s c : |s| <= ||a||} cap R^n_+. So A is spike-free iff c >= 0 or c <= 0 (ep
Lemma 2.5 needs c >= 0 only up to the global sign c a^T = (-c)(-a)^T).

>>> from fractions import Fraction as F
>>> decide_spike_free([[F(1), F(0)], [F(-3, 5), F(4, 5)]]).spike_free
False
>>> decide_spike_free([[F(1), F(0)], [F(1), F(1)]]).spike_free
True
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Optional, Sequence

from ..linalg import Matrix, Vector, as_matrix, dot, flint_matrix, fractions_of, matvec, rank, relu, rmatvec
from ..numbers import sqrt_bounds
from .rank_one import factor_rank_one


def scale_into_ball(w: Sequence[Fraction], target: Fraction) -> Vector:
    """s w with ||s w||^2 <= 1 and s^2 * target > 1 (needs ||w||^2 < target); s rational."""
    norm2 = dot(w, w)
    assert norm2 < target
    digits = 1
    while True:
        s, _ = sqrt_bounds(1 / norm2, digits)
        if s * s * target > 1:
            return tuple(s * x for x in w)
        digits *= 2


@dataclass(frozen=True)
class Witness:
    """u with ||u||^2 <= 1 whose (A u)_+ = b is not in A B_2: exact evidence of NOT spike-free.

    Either t with G t = b (then z = A^T t is the minimum-norm solution of A z = b,
    ||z||^2 = t^T b = ``norm2`` > 1), or k with A^T k = 0 and k^T b != 0
    (b is not in the range of A).
    """

    u: Vector
    b: Vector
    t: Optional[Vector] = None
    k: Optional[Vector] = None

    @property
    def norm2(self) -> Optional[Fraction]:
        return dot(self.t, self.b) if self.t is not None else None


@dataclass(frozen=True)
class SpikeFreeDecision:
    """The exact answer for one A, with what proves it.

    ``method`` is 'gram' (full row rank: K = (A A^T)^{-1}, spike-free iff K is a
    Z-matrix) or 'rank-one' (A = c a^T); ``witness`` is set iff not spike-free.
    """

    A: Matrix
    spike_free: bool
    method: str
    K: Optional[Matrix] = None
    c: Optional[Vector] = None
    a: Optional[Vector] = None
    witness: Optional[Witness] = None
    offending: Optional[tuple[int, int]] = None  # (i, j) with K_ij > 0


def gram_inverse(A: Matrix) -> Matrix:
    """K = (A A^T)^{-1}, exactly (python-flint); ValueError unless A has full row rank."""
    F = flint_matrix(A)
    G = F * F.transpose()
    if G.rank() < G.nrows():
        raise ValueError("A does not have full row rank")
    return fractions_of(G.inv())


def z_matrix(K: Matrix) -> bool:
    """Every off-diagonal entry <= 0."""
    return all(K[i][j] <= 0 for i in range(len(K)) for j in range(len(K)) if i != j)


def decide_full_row_rank(A: Matrix) -> SpikeFreeDecision:
    """The Gram criterion of the module docstring, with the witness of its proof."""
    K = gram_inverse(A)
    n = len(A)
    if z_matrix(K):
        return SpikeFreeDecision(A, True, "gram", K=K)
    bad = [(i, j) for i in range(n) for j in range(n) if i != j and K[i][j] > 0]
    i, j = max(bad, key=lambda ij: K[ij[0]][ij[1]] ** 2 / (K[ij[0]][ij[0]] * K[ij[1]][ij[1]]))
    t = K[i][j] / K[i][i]
    target = tuple(Fraction(int(r == j)) - (t if r == i else 0) for r in range(n))  # A w = e_j - t e_i
    w = rmatvec(A, matvec(K, target))
    u = scale_into_ball(w, K[j][j])
    b = relu(matvec(A, u))
    return SpikeFreeDecision(A, False, "gram", K=K, witness=Witness(u, b, t=matvec(K, b)), offending=(i, j))


def decide_rank_one(A: Matrix, c: Vector, a: Vector) -> SpikeFreeDecision:
    """Rank one: spike-free iff c >= 0 or c <= 0; otherwise u = a / ||a||_1 and k _|_ c witness it."""
    pos, neg = relu(c), relu(tuple(-x for x in c))
    if not any(pos) or not any(neg):
        return SpikeFreeDecision(A, True, "rank-one", c=c, a=a)
    u = tuple(x / sum(abs(y) for y in a) for x in a)  # ||u||_2 <= ||u||_1 = 1, a^T u > 0
    b = relu(matvec(A, u))  # = (a^T u) c_+
    k = tuple(p * dot(neg, neg) + m * dot(pos, pos) for p, m in zip(pos, neg))  # k^T c = 0
    return SpikeFreeDecision(A, False, "rank-one", c=c, a=a, witness=Witness(u, b, k=k))


def decide_spike_free(A: Sequence[Sequence]) -> SpikeFreeDecision:
    """Decide spike-freeness exactly for full-row-rank or rank-one A (else ValueError)."""
    A = as_matrix(A)
    r = rank(A)
    if r == len(A):
        return decide_full_row_rank(A)
    if r != 1:
        raise ValueError(f"rank {r} < n = {len(A)} and not rank one: no exact decision procedure here")
    return decide_rank_one(A, *factor_rank_one(A))


