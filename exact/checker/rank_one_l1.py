"""Kind "rank-one-l1": ep (4) for rank-one data X = c a^T through the 1-D data ||a|| c (ep Corollaries 3.4-3.5)."""

from __future__ import annotations

from fractions import Fraction

from ._fields import at, q, qlist
from ._proved import Proved, convention, stated_convention
from ._relu1d import (
    absorbs_constant_d,
    cost,
    network_size,
    network_values,
    neurons_d,
    rank_one_points,
    semi_infinite_dual,
)
from .arith import dot


def check(doc: dict, problems: list[str]) -> Proved:
    """P* = inf sum_j |c_j| s.t. sum_j c_j sigma_alpha(w_j . X_i + b_j) (+ c0) = y_i, ||w_j||_2 <= 1, b_j free,
    any width: ep (4) for X = c a^T (n x d).

    Fields: convention {alpha != 1, hidden_bias "free", output_bias}; data.X, data.y; factor {c (n), a (d),
    norm}; primal.neurons[j] = {w: [d rationals], b, c}, primal.constant c0; dual.v (n). Proves
    ``{"type": "equals", "value": P*}``, with ``"attained": true`` when condition 6 holds. Conditions (exact):
      1. the factor: norm > 0, norm^2 == a^T a, X == c a^T (_relu1d.rank_one_points);
      2. every neuron has w.w <= 1;
      3. primal feasibility: sum_j c_j sigma(X_i . w_j + b_j) + c0 == y_i for all i;
      4. the primal cost sum_j |c_j| equals the dual objective v^T y (= value);
      5. dual feasibility for every ||w|| <= 1, b: by 1, sigma(X w + b 1) = sigma(s x + b 1) with x = norm c and
         |s| <= 1, so |sum_i v_i sigma(s x_i + b)| <= 1 is checked for all |s| <= 1, b real on the 1-D data x
         (_relu1d.semi_infinite_dual, with sum(v) == 0).
      Why: as for kind relu1d-l1-interpolation. The network of 3 is feasible (c0 the limit of the neuron (0, B)
      with weight c0 / B as B -> oo, or the output bias), so P* <= value; for any network,
      v^T y = sum_j c_j v^T sigma(X w_j + b_j) <= sum_j |c_j| by 5, so P* >= value.
      6. attained: output_bias, or c0 == 0, or some neuron has X_i . w_j + b_j >= 0 for every i and c_j c0 > 0
         (raising b_j by c0 / c_j adds c0 on the data at no cost).
    Limit: refused when n J d (rows x neurons x inputs, the cost of 3 and 6) exceeds _relu1d.MAX_NETWORK_WORK
    = 3 * 10^4.
    """
    conv = stated_convention(doc)
    alpha, bias = Fraction(conv["alpha"]), conv["output_bias"]
    X, x = rank_one_points(doc, problems)                                              # 1.
    y = qlist(at(doc, "data.y"), "data.y", len(X))
    nets = neurons_d(doc, "primal.neurons", len(X[0]), problems)                       # 2.
    c0 = q(at(doc, "primal.constant"), "primal.constant")
    v = qlist(at(doc, "dual.v"), "dual.v", len(X))
    network_size(X, nets)                                                              # n J d <= MAX_NETWORK_WORK
    for i, (fi, yi) in enumerate(zip(network_values(X, nets, alpha, c0), y, strict=True)):  # 3.
        if fi != yi:
            problems.append(f"primal: row {i}: network = {fi} but y = {yi}")
    value = cost(nets)                                                                 # 4.
    if value != dot(v, y):
        problems.append(f"duality gap: primal cost sum |c| = {value} but dual objective v^T y = {dot(v, y)}")
    semi_infinite_dual(x, v, alpha, Fraction(1), problems)                             # 5.
    relation: dict = {"type": "equals", "value": value}
    if bias or c0 == 0 or absorbs_constant_d(X, nets, c0):                             # 6.
        relation["attained"] = True
    return Proved(relation, {"X": X, "y": y, "convention": convention(alpha, "free", bias)})
