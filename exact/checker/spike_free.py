"""Kind "spike-free": the sample matrix X is spike-free (ep (6), Sections 2.2.1, 3.4; bias-free)."""

from __future__ import annotations

from fractions import Fraction

from ._bias_free import gram_times, samples
from ._fields import Malformed, at, qlist, qmatrix, show
from ._proved import Proved

EVIDENCE = ("gram", "rank_one")


def check(doc: dict, problems: list[str]) -> Proved:
    """X (n x d) is spike-free: Q_X = {(X u)_+ : ||u|| <= 1} equals X B_2 cap R^n_+ (ep (6)).

    Fields: data.X; exactly one evidence field, which decides the method:
      gram.K (n x n): X X^T K = I and K_ij <= 0 for i != j. Then X has full row rank and K = (X X^T)^-1
         is a Z-matrix: the Gram criterion proved in :mod:`exact.relu.spike_free` (for ||u|| <= 1 and
         S = {i : x_i^T u > 0}, the minimum-norm z0 = X^T K (X u)_+ with X z0 = (X u)_+ solves
         min ||z|| s.t. X_S z = X_S u, X_{S^c} z <= 0, where u is feasible, iff K_{S^c, S} X_S u <= 0,
         which K_ij <= 0 gives; so ||z0|| <= ||u|| <= 1);
      rank_one {c (n), a (d)}: X = c a^T with c >= 0 or c <= 0 (ep Lemma 2.5 up to the global sign
         c a^T = (-c)(-a)^T): (X u)_+ = (a^T u)_+ c = X z with z = u or z = 0, ||z|| <= 1.
    Proves ``{"type": "holds", "property": "spike-free"}``.
    """
    X = samples(doc)
    n, d = len(X), len(X[0])
    present = [k for k in EVIDENCE if k in doc]
    if len(present) != 1:
        raise Malformed(f"evidence: expected exactly one of {EVIDENCE}, got {show(present)}")
    if present == ["gram"]:
        K = qmatrix(at(doc, "gram.K"), "gram.K")
        if len(K) != n or len(K[0]) != n:
            raise Malformed(f"gram.K: expected an {n} x {n} matrix")
        for j in range(n):
            col = gram_times(X, [K[i][j] for i in range(n)])
            if col != [Fraction(int(i == j)) for i in range(n)]:
                problems.append(f"gram.K: column {j}: X X^T K e_{j} = {[str(v) for v in col]}, must be e_{j}")
        for i in range(n):
            for j in range(n):
                if i != j and K[i][j] > 0:
                    problems.append(f"gram.K: K[{i}][{j}] = {K[i][j]} > 0, but (X X^T)^-1 must be a Z-matrix")
    else:
        c, a = qlist(at(doc, "rank_one.c"), "rank_one.c", n), qlist(at(doc, "rank_one.a"), "rank_one.a", d)
        for i in range(n):
            if X[i] != [c[i] * t for t in a]:
                problems.append(f"rank_one: row {i} of X is not c_{i} a^T")
        if any(v > 0 for v in c) and any(v < 0 for v in c):
            problems.append("rank_one.c: entries of both signs")
    return Proved({"type": "holds", "property": "spike-free"}, {"X": X})
