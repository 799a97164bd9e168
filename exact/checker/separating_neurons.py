"""Kind "separating-neurons": ep Theorem 3.5 on one instance: its hypothesis and network, or why it fails."""

from __future__ import annotations

from fractions import Fraction

from ._bias_free import labels, samples
from ._fields import Malformed, at, int_, list_, neurons, q, qlist, show
from ._proved import Proved, convention
from .arith import dot, rmatvec, sigma

EVIDENCE = ("neurons", "witnesses")
PROPERTY = "samples-are-vertices"


def _convex_weights(lam: list[Fraction], row: int, label: str, problems: list[str]) -> None:
    """lam >= 0, lam_row = 0, sum lam = 1: a point of conv{x_i : i != row}."""
    if any(v < 0 for v in lam):
        problems.append(f"{label}: a weight is negative")
    if lam[row] != 0:
        problems.append(f"{label}: weight of the row itself is {lam[row]}, must be 0")
    if sum(lam) != 1:
        problems.append(f"{label}: weights sum to {sum(lam)}, must be 1")


def _network(X: list[list[Fraction]], y: list[Fraction], doc: dict, problems: list[str]) -> Fraction:
    """Conditions 1-2; returns ||c||_1."""
    n, d = len(X), len(X[0])
    nets = neurons(at(doc, "neurons"), "neurons", d)
    if len(nets) != n:
        raise Malformed(f"neurons: expected {n} neurons (one per sample), got {len(nets)}")
    for j, (u, _, _) in enumerate(nets):
        if dot(u, u) > 1:
            problems.append(f"neurons[{j}]: ||w||^2 = {dot(u, u)} > 1")
    M = [[sigma(dot(x, u) + b, Fraction(0)) for u, b, _ in nets] for x in X]
    for i in range(n):
        for j in range(n):
            if i == j and M[i][j] <= 0:
                problems.append(f"activation ({i}, {i}) = 0: neuron {i} is not active at its sample")
            elif i != j and M[i][j] != 0:
                problems.append(f"activation ({i}, {j}) = {M[i][j]} != 0: not diagonal")
        out = dot(M[i], [c for _, _, c in nets])
        if out != y[i]:
            problems.append(f"sample {i}: network output {out} != y = {y[i]}")
    return sum((abs(c) for _, _, c in nets), Fraction(0))


def _lemma_2_7(X: list[list[Fraction]], doc: dict, problems: list[str]) -> list[Fraction]:
    """Condition 3; returns D_j = ||x_j - p_j||^2."""
    n = len(X)
    out = []
    for j, ent in enumerate(list_(at(doc, "lemma_2_7"), "lemma_2_7", n)):
        lam = qlist(at(ent, "lambda", f"lemma_2_7[{j}]"), f"lemma_2_7[{j}].lambda", n)
        _convex_weights(lam, j, f"lemma_2_7[{j}]", problems)
        p = rmatvec(X, lam)
        r = [a - b for a, b in zip(X[j], p, strict=True)]
        dist2 = q(at(ent, "dist2", f"lemma_2_7[{j}]"), f"lemma_2_7[{j}].dist2")
        if dot(r, r) != dist2 or dist2 <= 0:
            problems.append(f"lemma_2_7[{j}]: ||x_j - p||^2 = {dot(r, r)}, stated {dist2}, must be equal and > 0")
        if any(dot([a - b for a, b in zip(X[k], p, strict=True)], r) > 0 for k in range(n) if k != j):
            problems.append(f"lemma_2_7[{j}]: p is not the nearest point ((x_k - p)^T (x_j - p) > 0 for some k)")
        out.append(dist2)
    return out


def _witnesses(X: list[list[Fraction]], doc: dict, problems: list[str]) -> list[int]:
    """Condition 4; returns the rows shown not to be vertices."""
    n = len(X)
    wits = list_(at(doc, "witnesses"), "witnesses")
    if not wits or len(wits) > n:
        raise Malformed(f"witnesses: expected 1 to n = {n} non-vertex witnesses, got {len(wits)}")
    rows = []
    for k, wit in enumerate(wits):
        row = int_(at(wit, "row", f"witnesses[{k}]"), f"witnesses[{k}].row", range(n))
        lam = qlist(at(wit, "lambda", f"witnesses[{k}]"), f"witnesses[{k}].lambda", n)
        _convex_weights(lam, row, f"witnesses[{k}]", problems)
        if rmatvec(X, lam) != X[row]:
            problems.append(f"witnesses[{k}]: sum lambda_i x_i != x_{row}")
        rows.append(row)
    return sorted(set(rows))


def check(doc: dict, problems: list[str]) -> Proved:
    """ep Theorem 3.5: if every sample x_j is a vertex of conv{x_1, ..., x_n} (not in conv{x_i : i != j}),
    n neurons with a diagonal activation matrix interpolate y, a feasible point of (4).

    Convention ep (4): ReLU, free hidden bias, no output bias, neurons {w, b, c} with ||w||_2 <= 1 and
    cost |c|. Fields: convention; data.X (n x d, rows = samples), data.y (n); exactly one of
    ``neurons`` (with optional ``lemma_2_7``) and ``witnesses``. Conditions (exact):
      1. neurons: n neurons, ||w_j||^2 <= 1; the activation M_ij = (x_i^T w_j + b_j)_+ has M_jj > 0 and
         M_ij = 0 for i != j, so the hyperplane of neuron j strictly separates x_j from the others and
         x_j is a vertex;
      2. sum_j M_ij c_j = y_i for every i: the network is feasible for (4), so P* <= ||c||_1.
         Proves ``{"type": "holds", "property": "samples-are-vertices", "upper": ||c||_1}``;
      3. lemma_2_7 (optional, one entry per row j): lambda >= 0, lambda_j = 0, sum 1, p = X^T lambda,
         dist2 = ||x_j - p||^2 > 0 and (x_k - p)^T (x_j - p) <= 0 for k != j (linear in x_k, so on all of
         conv{x_k : k != j}: p is the nearest point, Lemma 2.7's (28) solved). Adds ``"dist2": [D_j]``;
      4. witnesses (at least one) {row, lambda}: lambda >= 0, lambda_row = 0, sum 1 and X^T lambda =
         x_row, so x_row is not a vertex and the hypothesis fails; moreover no activation matrix is
         diagonal with a positive diagonal (x -> (x^T w + b)_+ is convex, so a neuron active at x_row is
         active at some other sample). Proves ``{"type": "fails", "property": "samples-are-vertices",
         "non_vertices": [rows]}``.
    """
    X = samples(doc)
    y = labels(doc, len(X))
    present = [k for k in EVIDENCE if k in doc]
    if len(present) != 1:
        raise Malformed(f"evidence: expected exactly one of {EVIDENCE}, got {show(present)}")
    relation: dict
    if present == ["neurons"]:
        relation = {"type": "holds", "property": PROPERTY, "upper": _network(X, y, doc, problems)}
        if "lemma_2_7" in doc:
            relation["dist2"] = _lemma_2_7(X, doc, problems)
    elif "lemma_2_7" in doc:
        raise Malformed("lemma_2_7: only with neurons (a non-vertex has distance 0 to the others)")
    else:
        relation = {"type": "fails", "property": PROPERTY, "non_vertices": _witnesses(X, doc, problems)}
    return Proved(relation, {"X": X, "y": y, "convention": convention(Fraction(0), "free", False)})
