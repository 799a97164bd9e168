"""Kind "relu1d-l1-interpolation": the 1-D infinite-width minimum-l1 interpolation problem, exactly."""

from __future__ import annotations

from fractions import Fraction
from operator import mul

from ._fields import at, distinct_scaled, neuron_columns, q, qvec
from ._proved import Proved, convention, stated_convention
from ._relu1d import absorbs, semi_infinite_dual
from .ramps import kinks, network_values, neuron_knots, on_one_scale


def check(doc: dict, problems: list[str]) -> Proved:
    """P* = inf ||c||_1 s.t. sum_j c_j sigma_alpha(w_j x_i + b_j) (+ c0) = y_i, |w_j| <= 1, b_j free, any width.

    Fields: convention {alpha != 1, hidden_bias "free", output_bias}; data.x (distinct, n >= 1),
    data.y (n); primal.neurons[j] = {w: [w_j], b, c} (one JSON neuron schema, any knot -b/w),
    primal.constant c0; dual.v (n). Proves ``{"type": "equals", "value": P*}``, with
    ``"attained": true`` when condition 5 holds and ``"kinks_off_data": [t, ...]`` when condition 6 finds
    kinks. Conditions (exact):
      1. |w_j| <= 1 for every neuron, and sum_j c_j sigma(w_j x_i + b_j) + c0 == y_i for all i;
      2. the primal cost sum_j |c_j| equals the dual objective sum_i v_i y_i (= value);
      3. dual feasibility, |g(u, b)| <= 1 for all |u| <= 1, b real, g(u, b) = sum_i v_i sigma(u x_i + b):
         (a) u = 0 gives g = sigma(b) sum(v), unbounded unless sum(v) == 0, which is checked;
         (b) for 0 < |u| < 1, g(u, b) = |u| g(sign u, b / |u|) (positive homogeneity), so only
             u = +-1 remain (and u = 0 gives 0 once sum(v) = 0);
         (c) for u = +-1, g is continuous piecewise linear in b with breakpoints b = -u x_k;
             beyond them it is constant (slopes sum(v) and alpha sum(v) vanish): u sum_i v_i x_i
             as b -> +inf and alpha u sum_i v_i x_i as b -> -inf. So sup |g| is the max of
             |g(u, -u x_k)| over k and the two limits; all are checked (the limits equal the values at
             the extreme breakpoints: deliberate redundancy, only when sum(v) == 0).
      4. Why 1-3 prove P* = value: the network of 1 is feasible (with no output bias the constant
         c0 is the limit of the neuron (0, B) with weight c0 / B, cost -> 0, as B -> oo), so
         P* <= value; for any network, v^T y = sum_j c_j g(w_j, b_j) <= sum_j |c_j| by 3, so P* >= value.
      5. attained: output_bias is true, or c0 == 0, or some neuron has w_j x_i + b_j >= 0 at every data
         point and c_j c0 > 0: it is affine on the data, and raising b_j by c0 / c_j > 0 keeps it so and
         adds c0 at no cost, so a finite network without output bias attains P*.
      6. kinks_off_data: the points t not in data.x where the primal network's function really kinks
         (the slope jumps of its neurons at t, (1 - alpha) |w_j| c_j, do not cancel; kinks_1d). The
         network is an optimum (by 1-4), so when the list is nonempty some optimal function of P* is
         not a linear spline with knots at the data (ep Proposition 3.1).
    """
    conv = stated_convention(doc)
    alpha, bias = Fraction(conv["alpha"]), conv["output_bias"]
    x = distinct_scaled(doc, "data.x")
    n = len(x.nums)
    y = qvec(at(doc, "data.y"), "data.y", n)
    w, b, c = neuron_columns(at(doc, "primal.neurons"), "primal.neurons")
    c0 = q(at(doc, "primal.constant"), "primal.constant")
    v = qvec(at(doc, "dual.v"), "dual.v", n)

    if max(map(abs, w.nums), default=0) > w.den:                               # 1. (C speed; the loop names them)
        for j, wj in enumerate(w.nums):
            if abs(wj) > w.den:
                problems.append(f"primal.neurons[{j}]: |w| = {abs(w.fraction(j))} > 1")
    order = x.order  # the data by increasing x: every walk below reads memory in order
    xs, ys, vs = x.ascending, y.permuted(order), v.permuted(order)
    knotted = neuron_knots(w, b)  # (shared with 6.)
    f = network_values(xs, w, b, c, alpha, c0, knotted)
    fit, labels, _ = on_one_scale(f, ys)
    if fit != labels:  # one C-speed comparison; the loop names the misfits, by their index in data.x
        for i, k in sorted((order[k], k) for k, (fk, yk) in enumerate(zip(fit, labels, strict=True)) if fk != yk):
            problems.append(f"primal: point {i} (x = {x.fraction(i)}): network = {f.fraction(k)} but y = "
                            f"{y.fraction(i)}")
    primal = Fraction(sum(map(abs, c.nums))) / c.den                          # 2.
    dual_obj = Fraction(sum(map(mul, v.nums, y.nums))) / (v.den * y.den)      # (v, y: n entries each, read so)
    if primal != dual_obj:
        problems.append(f"duality gap: primal cost sum |c| = {primal} but dual objective v^T y = {dual_obj}")
    semi_infinite_dual(xs, vs, alpha, Fraction(1), problems)                # 3.
    relation: dict = {"type": "equals", "value": primal}
    if bias or c0 == 0 or absorbs(x, w, b, c, c0):                           # 5.
        relation["attained"] = True
    off = kinks(w, b, c, alpha, x, knotted).fractions()                      # 6.
    if off:
        relation["kinks_off_data"] = off
    return Proved(relation, {"x": x, "y": y, "convention": convention(alpha, "free", bias)})
