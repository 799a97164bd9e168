"""Kind "whitened-l1": bias-free min-l1 interpolation on whitened data, P* = D* (ep Lemma 3.2, Corollary 3.6)."""

from __future__ import annotations

from ._bias_free import NO_BIAS, direction_cost, labels, samples, two_neuron_fit
from ._fields import at, square_roots
from ._proved import Proved
from .arith import Surd, dot


def check(doc: dict, problems: list[str]) -> Proved:
    """P* = min ||c||_1 s.t. sum_j c_j (X u_j)_+ = y, ||u_j|| <= 1 (ep (4), no bias), on X X^T = I.

    Fields: convention (alpha 0, hidden_bias "none", output_bias false); data.X (n x d), data.y (n);
    primal.neurons: two direction neurons {w, b = 0, c} (cost |c| ||w||); dual.v: n radicals (square
    roots, ``{"root": 2, "terms": ...}``). Proves ``{"type": "equals", "value": P*, "attained": true,
    "l0": 2}``. Conditions (exact):
      1. X X^T = I (so n <= d);
      2. y has both signs and the two neurons fit y: the l0 optimum of (13) is 2 (ep Lemma 3.1);
      3. dual feasibility: ||v_+||^2 <= 1 and ||v_-||^2 <= 1 (v_+ = max(v, 0), v_- = max(-v, 0));
      4. the primal cost sum_j |c_j| ||w_j|| equals the dual value v^T y; this common number is P*.
    Why: by 1, {X u : ||u|| <= 1} is the unit ball of R^n (||X u|| <= ||u||, and X (X^T z) = z with
    ||X^T z|| = ||z||), and sup_{||z|| <= 1} v^T z_+ = ||v_+|| (v^T z_+ <= v_+^T z_+ <= ||v_+|| ||z_+||), so
    3 is the whole dual constraint sup_{||u|| <= 1} |v^T (X u)_+| <= 1 of (12); weak duality
    v^T y = sum_j c_j v^T (X u_j)_+ <= ||c||_1 and 4 make the two-neuron network optimal: P* is
    attained by a network of l0 = 2 neurons (the l1 and l0 problems share an optimum, ep Lemma 3.2).
    """
    X = samples(doc)
    n = len(X)
    y = labels(doc, n)
    nets = two_neuron_fit(doc, "primal.neurons", X, y, problems)                 # 2.
    v = square_roots(at(doc, "dual.v"), "dual.v", n)
    for i in range(n):                                                           # 1.
        for j in range(n):
            if dot(X[i], X[j]) != int(i == j):
                problems.append(f"data.X: (X X^T)[{i}][{j}] = {dot(X[i], X[j])}, must be {int(i == j)}")
    for sign, part in ((1, "v_+"), (-1, "v_-")):                                 # 3.
        norm2 = sum((vi * vi for vi in v if sign * vi.sign() > 0), Surd.of(0))
        if norm2 > 1:
            problems.append(f"dual: ||{part}||^2 = {norm2} > 1")
    cost = direction_cost(nets)                                                  # 4.
    dual_value = sum((yi * vi for yi, vi in zip(y, v, strict=True)), Surd.of(0))
    if cost != dual_value:
        problems.append(f"duality gap: primal cost sum |c| ||w|| = {cost} but dual value v^T y = {dual_value}")
    relation = {"type": "equals", "value": cost, "attained": True, "l0": 2}
    return Proved(relation, {"X": X, "y": y, "convention": NO_BIAS})

