"""How many of pe's D_i = diag(1[X u >= 0]) k Gaussian directions u ~ N(0, I_d) find (pe Remark 3.2).

The directions are numpy floats (seeded), and each float is an exact dyadic rational, so 1[x_i^T u >= 0] is a
fact about that rational u. It is decided in float64 where the float is provably right and exactly
otherwise: with the rows scaled to integers a_i (exact in float64 below 2^53), the computed dot product
differs from a_i^T u by at most gamma |a_i|^T |u|, gamma = 2 d eps / (1 - 2 d eps), eps = 2^-53 (rounding of
d products and d - 1 sums in any order, Higham's bound; FMA only helps), so its sign is the sign of a_i^T u
when |computed| exceeds that; the rest (and every row beyond 2^53) is recomputed in Fractions. The count is
of distinct D met, which is at most pe's P (:attr:`.central.Arrangement.patterns`): sampling finds a region's
pattern with probability its solid angle, and never a lower-dimensional face's (it has measure 0).

>>> from fractions import Fraction as F
>>> X = [[F(1), F(0)], [F(0), F(1)], [F(-1), F(-1)]]
>>> sampled_patterns(X, 1000, seed=0), sampled_patterns(X, 1, seed=0)
(6, 1)
>>> sorted(sample_patterns(X, 1000, seed=0))[:2]
[(0, 0, 1), (0, 1, 0)]
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .integer_rows import Matrix, integer_rows

EPS = 2.0 ** -53
CHUNK = 100_000  # directions per block of the product X U (memory: n CHUNK floats)


def sampled_patterns(X: Matrix, k: int, seed: int) -> int:
    """The number of distinct 1[X u >= 0] over k directions u ~ N(0, I_d) drawn by numpy's default_rng(seed)."""
    return len(sample_patterns(X, k, seed))


def sample_patterns(X: Matrix, k: int, seed: int) -> set[tuple[int, ...]]:
    """The distinct 1[X u >= 0] (0/1 tuples) over k directions u ~ N(0, I_d) drawn by numpy's default_rng(seed)."""
    rows = integer_rows(X)
    d = len(rows[0])
    exact_rows = [all(abs(a) < 2 ** 53 for a in row) for row in rows]
    A = np.array([[float(a) for a in row] if ok else [0.0] * d for row, ok in zip(rows, exact_rows, strict=True)])
    gamma = 2 * d * EPS / (1 - 2 * d * EPS)
    rng = np.random.default_rng(seed)
    seen: set[bytes] = set()
    for start in range(0, k, CHUNK):
        U = rng.standard_normal((d, min(CHUNK, k - start)))
        V = A @ U
        bound = np.abs(A) @ np.abs(U)
        # bound == 0 means every product was exactly 0 (integer rows), so V is exactly 0: no Fraction needed
        unsure = ((np.abs(V) <= gamma * bound) & (bound > 0)) | ~np.array(exact_rows)[:, None]
        D = V >= 0
        for i, j in zip(*np.nonzero(unsure), strict=True):
            u = [Fraction(float(c)) for c in U[:, j]]
            D[i, j] = sum((a * c for a, c in zip(rows[i], u, strict=True)), Fraction(0)) >= 0
        seen.update(row.tobytes() for row in np.unique(np.packbits(D.T, axis=1), axis=0))
    n = len(rows)
    return {tuple(int(t) for t in np.unpackbits(np.frombuffer(b, dtype=np.uint8))[:n]) for b in seen}
