"""Kind "separating-neurons": ep Theorem 3.5 on one instance (rows of A as samples)."""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._fields import Malformed, at, bool_, list_, q, qlist, qmatrix, show
from .arith import dot


def _convex_weights(lam: list[Fraction], row: int, label: str, problems: list[str]) -> None:
    if any(v < 0 for v in lam):
        problems.append(f"{label}: a weight is negative")
    if lam[row] != 0:
        problems.append(f"{label}: weight of the row itself is {lam[row]}, must be 0")
    if sum(lam) != 1:
        problems.append(f"{label}: weights sum to {sum(lam)}, must be 1")


def _combination(A: list[list[Fraction]], lam: list[Fraction]) -> list[Fraction]:
    return [dot(lam, [a[c] for a in A]) for c in range(len(A[0]))]


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    """Kind "separating-neurons": data A (n x d, rows = samples), y (n); all_vertices (bool).

    all_vertices true (Theorem 3.5's hypothesis holds; the network is its conclusion):
      network.U holds n neurons u_j (d entries each), network.b and network.w n entries;
      ||u_j||_2^2 <= 1; the activation M_ij = (a_i^T u_j + b_j)_+ has M_jj > 0 and
      M_ij = 0 for i != j (so u_j, b_j strictly separate a_j: a_j is a vertex);
      sum_j M_ij w_j = y_i for every i; value == ||w||_1 (a feasible cost of (4),
      an upper bound on its optimum). Optional lemma_2_7: one entry per row j with
      lambda (n entries) >= 0, lambda_j = 0, sum 1, p = A^T lambda, dist2 == ||a_j - p||^2 > 0
      and (a_k - p)^T (a_j - p) <= 0 for k != j (p is the point of conv{a_k : k != j}
      nearest to a_j: Lemma 2.7's (28) is solved and its neuron separates).
    all_vertices false: witnesses (non-empty), each {row, lambda} with lambda >= 0,
      lambda_row = 0, sum lambda = 1 and A^T lambda = a_row (a_row is not a vertex;
      by convexity of a -> (a^T u + b)_+ no neuron is active at a_row alone); value null.
    Returns the value (all_vertices true) or None.
    """
    A = qmatrix(at(doc, "data.A"), "data.A")
    d = len(A[0])
    n = len(A)
    y = qlist(at(doc, "data.y"), "data.y", n)
    if not bool_(at(doc, "all_vertices"), "all_vertices"):
        if doc.get("value") is not None:
            raise Malformed(f"value: must be null when all_vertices is false, got {show(doc['value'])}")
        wits = list_(at(doc, "witnesses"), "witnesses")
        if not wits:
            raise Malformed("witnesses: expected at least one non-vertex witness")
        for k, wit in enumerate(wits):
            row = at(wit, "row", f"witnesses[{k}]")
            if type(row) is not int or not 0 <= row < n:
                raise Malformed(f"witnesses[{k}].row: expected a row index in 0..{n - 1}, got {show(row)}")
            lam = qlist(at(wit, "lambda", f"witnesses[{k}]"), f"witnesses[{k}].lambda", n)
            _convex_weights(lam, row, f"witnesses[{k}]", problems)
            if _combination(A, lam) != A[row]:
                problems.append(f"witnesses[{k}]: sum lambda_i a_i != a_{row}")
        return None
    U = [qlist(u, f"network.U[{j}]", d) for j, u in enumerate(list_(at(doc, "network.U"), "network.U", n))]
    b = qlist(at(doc, "network.b"), "network.b", n)
    w = qlist(at(doc, "network.w"), "network.w", n)
    for j, u in enumerate(U):
        if dot(u, u) > 1:
            problems.append(f"neuron {j}: ||u||^2 = {dot(u, u)} > 1")
    M = [[max(dot(a, u) + bj, Fraction(0)) for u, bj in zip(U, b)] for a in A]
    for i in range(n):
        for j in range(n):
            if i == j and M[i][j] <= 0:
                problems.append(f"activation ({i}, {i}) = 0: neuron {i} is not active at its sample")
            elif i != j and M[i][j] != 0:
                problems.append(f"activation ({i}, {j}) = {M[i][j]} != 0: not diagonal")
        if dot(M[i], w) != y[i]:
            problems.append(f"sample {i}: network output {dot(M[i], w)} != y = {y[i]}")
    value = q(at(doc, "value"), "value")
    if sum(map(abs, w), Fraction(0)) != value:
        problems.append(f"value = {value} but ||w||_1 = {sum(map(abs, w), Fraction(0))}")
    for j, ent in enumerate(list_(doc.get("lemma_2_7", []), "lemma_2_7")):
        lam = qlist(at(ent, "lambda", f"lemma_2_7[{j}]"), f"lemma_2_7[{j}].lambda", n)
        _convex_weights(lam, j, f"lemma_2_7[{j}]", problems)
        r = [x - p for x, p in zip(A[j], _combination(A, lam))]
        dist2 = q(at(ent, "dist2", f"lemma_2_7[{j}]"), f"lemma_2_7[{j}].dist2")
        if dot(r, r) != dist2 or dist2 <= 0:
            problems.append(f"lemma_2_7[{j}]: ||a_j - p||^2 = {dot(r, r)}, stated {dist2}, must be equal and > 0")
        p = [x - ri for x, ri in zip(A[j], r)]
        if any(dot([x - pc for x, pc in zip(A[k], p)], r) > 0 for k in range(n) if k != j):
            problems.append(f"lemma_2_7[{j}]: p is not the nearest point ((a_k - p)^T (a_j - p) > 0 for some k)")
    return value
