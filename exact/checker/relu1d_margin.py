"""Kind "relu1d-margin": the 1-D hard-margin classification problem kh (10) over networks of any width, exactly."""

from __future__ import annotations

from fractions import Fraction

from ._fields import at, distinct_points, q, qlist
from ._proved import Proved, convention, stated_convention
from ._relu1d import cost, labels, neurons_1d, semi_infinite_dual, slopes_within_unit
from .relu1d import absorbs_constant, network_1d


def check(doc: dict, problems: list[str]) -> Proved:
    """P* = inf sum_j |c_j| s.t. y_i f(x_i) >= 1 (all i), f = sum_j c_j sigma_alpha(w_j x + b_j) (+ c0),
    |w_j| <= 1, b_j free, any width: kh (10) in 1-D (||mu||_TV of a discrete measure is sum_j |c_j|).

    Fields: convention {alpha != 1, hidden_bias "free", output_bias}; data.x (distinct, n >= 1), data.y
    (each "1" or "-1"); primal.neurons[j] = {w: [w_j], b, c} (any knot), primal.constant c0; dual.u (n
    multipliers of the margin rows). Proves ``{"type": "equals", "value": P*}``, with ``"attained": true``
    when condition 4 holds. With v_i = u_i y_i and g(w, b) = sum_i v_i sigma(w x_i + b), conditions (exact):
      1. |w_j| <= 1 for every neuron, and y_i f(x_i) >= 1 for every i (f including c0);
      2. u_i >= 0 for every i, and the primal cost sum_j |c_j| equals the dual objective sum_i u_i (= value);
      3. dual feasibility: sum(v) == 0 and |g(w, b)| <= 1 for all |w| <= 1, b real (_relu1d.semi_infinite_dual).
      4. attained: output_bias is true, or c0 == 0, or some neuron has w_j x_i + b_j >= 0 at every data point
         and c_j c0 > 0.
    Why 1-3 prove P* = value: the network of 1 is feasible; without an output bias c0 is the neuron (0, B)
    with weight c0 / B (it adds c0 exactly for every B > 0, at cost |c0| / B -> 0), so P* <= value. For any
    feasible finite network f' (neurons (w', b', c'), output bias c0' when there is one), u >= 0 and
    y_i f'(x_i) >= 1 give sum_i u_i <= sum_i u_i y_i f'(x_i) = sum_j c'_j g(w'_j, b'_j) + c0' sum(v)
    <= sum_j |c'_j| by 3 (a neuron with w' = 0 is covered by 3 too), so P* >= value. For 4, raising b_j by
    c0 / c_j keeps the neuron affine on the data and adds c0 there at no cost: a finite network without
    output bias attains P*.
    """
    conv = stated_convention(doc)
    alpha, bias = Fraction(conv["alpha"]), conv["output_bias"]
    x = distinct_points(doc, "data.x")
    n = len(x)
    y = labels(doc, n)
    nets = neurons_1d(doc, "primal.neurons")
    c0 = q(at(doc, "primal.constant"), "primal.constant")
    u = qlist(at(doc, "dual.u"), "dual.u", n)

    slopes_within_unit(nets, problems)                                                     # 1.
    for i, (fi, yi) in enumerate(zip(network_1d(x, nets, alpha, c0), y, strict=True)):
        if yi * fi < 1:
            problems.append(f"primal: point {i} (x = {x[i]}): y f = {yi * fi} < 1")
    for i, ui in enumerate(u):                                                               # 2.
        if ui < 0:
            problems.append(f"dual: u_{i} = {ui} < 0")
    value = cost(nets)
    if value != sum(u):
        problems.append(f"duality gap: primal cost sum |c| = {value} but dual objective sum(u) = {sum(u)}")
    semi_infinite_dual(x, [ui * yi for ui, yi in zip(u, y, strict=True)], alpha, Fraction(1), problems)  # 3.
    relation: dict = {"type": "equals", "value": value}
    if bias or c0 == 0 or absorbs_constant(x, nets, c0):                                     # 4.
        relation["attained"] = True
    return Proved(relation, {"x": x, "y": y, "convention": convention(alpha, "free", bias)})
