"""Kind "relu1d-hinge": hinge-loss training of 1-D ReLU networks, value and dual (ep (18))."""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, distinct_points, q, qlist, show
from ._proved import Proved, convention, stated_convention
from ._relu1d import cost, dual_breakpoints, labels, neurons_1d, semi_infinite_dual
from .arith import dot, sigma
from .relu1d import Neuron1D, absorbs_constant, network_1d

HINGE_MODES = ("infinite", "data-knots", "kernel", "no-bias")


def _in_dictionary(mode: str, x: set[Fraction], neuron: Neuron1D) -> bool:
    """Whether c sigma(w x + b) is a neuron of the mode (see :func:`check`); x: the data points."""
    w, b, _ = neuron
    if mode == "infinite":
        return abs(w) <= 1
    if mode == "no-bias":
        return abs(w) <= 1 and b == 0
    return (w == 1 or (mode == "data-knots" and w == -1)) and -b / w in x


def check(doc: dict, problems: list[str]) -> Proved:
    """P* = inf sum_i max(0, 1 - y_i f(x_i)) + beta sum_j |c_j| over the networks f of the mode (ep (18)).

    Fields: convention {alpha != 1, hidden_bias ("none" for mode "no-bias", else "free"), output_bias};
    data.x (distinct), data.y (each 1 or -1), data.beta > 0, data.mode, one of
      "infinite"   f = sum_j c_j sigma(w_j x + b_j) + c0, |w_j| <= 1, b_j free: networks of any width, c0
                   being the limit of a w = 0 neuron with bias -> oo (so c0 costs nothing);
      "data-knots" neurons |w| = 1 with knot -b/w at a data point (ep Theorem 5.2's l1-SVM);
      "kernel"     neurons w = 1 with knot at a data point (ep Corollary 5.1's kernel (x - x_k)_+);
      "no-bias"    neurons with b = 0, |w| <= 1 ((18) literally, no hidden bias);
    with output_bias true, f has a free output bias c0 in every mode (else c0 == 0 outside "infinite").
    primal.neurons (one JSON neuron schema), primal.constant c0; dual.v (n). Proves ``{"type": "equals",
    "value": P*}``, with ``"attained": true`` when condition 6 holds. Conditions (exact):
      1. every neuron belongs to the mode, and c0 == 0 unless mode is "infinite" or output_bias;
      2. the primal objective sum_i max(0, 1 - y_i f(x_i)) + beta sum_j |c_j| (= value);
      3. dual box 0 <= y_i v_i <= 1 (v_i = y_i lam_i, lam the hinge multipliers);
      4. no duality gap: sum_i y_i v_i == value;
      5. dual feasibility |g(w, b)| <= beta, g(w, b) = sum_i v_i sigma(w x_i + b), for every neuron of the
         mode, and sum(v) == 0 when c0 is free:
         "infinite": for all |w| <= 1, b real (_relu1d.semi_infinite_dual, which includes sum(v) == 0);
         "data-knots": at the 2n breakpoints b = -u x_k, u = +-1 (they are the dictionary);
         "kernel": the u = +1 breakpoints only;  "no-bias": u = +-1 at b = 0 (|w| < 1 scales them, w = 0
         gives 0); with output_bias also sum(v) == 0.
    Why: for any f of the mode, max(0, 1 - y_i f_i) >= lam_i (1 - y_i f_i) (lam_i in [0, 1] by 3) and
    sum_i lam_i y_i f_i = sum_i v_i f_i = sum_j c_j g(w_j, b_j) + c0 sum(v) <= beta sum_j |c_j| by 5, so the
    objective is >= sum_i lam_i = sum_i y_i v_i = value (4). The primal of 2 reaches value (in the limit b -> oo
    for a nonzero c0 in mode "infinite" without output bias), so P* = value.
      6. attained: output_bias, or c0 == 0, or some neuron is affine on the data (w_j x_i + b_j >= 0 for all i)
         with c_j c0 > 0 (raising b_j by c0 / c_j adds c0 on the data at no cost; only mode "infinite" has
         c0 != 0 without output bias).
    """
    conv = stated_convention(doc)
    alpha, bias = Fraction(conv["alpha"]), conv["output_bias"]
    x = distinct_points(doc, "data.x")
    n = len(x)
    y = labels(doc, n)
    beta = q(at(doc, "data.beta"), "data.beta")
    if beta <= 0:
        raise Malformed("data.beta: must be positive")
    mode = at(doc, "data.mode")
    if mode not in HINGE_MODES:
        raise Malformed(f"data.mode: expected one of {HINGE_MODES}, got {show(mode)}")
    nets = neurons_1d(doc, "primal.neurons")
    c0 = q(at(doc, "primal.constant"), "primal.constant")
    v = qlist(at(doc, "dual.v"), "dual.v", n)

    data_points = set(x)
    for j, nr in enumerate(nets):                                                       # 1.
        if not _in_dictionary(mode, data_points, nr):
            problems.append(f"primal.neurons[{j}]: (w, b) = ({nr[0]}, {nr[1]}) is not a neuron of mode {mode}")
    free_constant = mode == "infinite" or bias
    if c0 and not free_constant:
        problems.append(f"primal: constant {c0} but mode {mode} without output bias has no constant")
    f = network_1d(x, nets, alpha, c0)                                                  # 2.
    loss = sum((max(Fraction(0), 1 - yi * fi) for yi, fi in zip(y, f, strict=True)), Fraction(0))
    value = loss + beta * cost(nets)
    for i, (yi, vi) in enumerate(zip(y, v, strict=True)):                               # 3.
        if not 0 <= yi * vi <= 1:
            problems.append(f"dual: y_{i} v_{i} = {yi * vi} outside [0, 1]")
    if dot(y, v) != value:                                                              # 4.
        problems.append(f"duality gap: primal objective {value} (loss {loss}) but dual objective "
                        f"sum y_i v_i = {dot(y, v)}")
    if mode == "infinite":                                                              # 5.
        semi_infinite_dual(x, v, alpha, beta, problems)
    else:
        if bias and sum(v) != 0:
            problems.append(f"dual: constant direction (output bias): sum(v) = {sum(v)}, must be 0")
        if mode == "no-bias":
            for u in (1, -1):
                g = dot(v, [sigma(u * xi, alpha) for xi in x])
                if abs(g) > beta:
                    problems.append(f"dual: u = {u}, b = 0: |g| = {abs(g)} > {beta}")
        else:
            dual_breakpoints(x, v, alpha, beta, problems, (1,) if mode == "kernel" else (1, -1))
    relation: dict = {"type": "equals", "value": value}
    if bias or c0 == 0 or absorbs_constant(x, nets, c0):                                # 6.
        relation["attained"] = True
    data = {"x": x, "y": y, "beta": beta, "mode": mode,
            "convention": convention(alpha, "none" if mode == "no-bias" else "free", bias)}
    return Proved(relation, data)
