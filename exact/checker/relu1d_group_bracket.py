"""Kind "relu1d-group-bracket": an exact bracket of ep (48), vector outputs on 1-D data (ep A.7)."""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, distinct_points, list_, q, qlist, show, within
from ._proved import Proved, convention, stated_convention
from .arith import dot
from .relu1d import network_1d, relu1d_profile

MODES = ("infinite", "data-knots")
#: o (n + J): outputs x (data points + neurons) (real: at most 39). The primal and the dual profile are
#: computed output by output, each in O((n + J) log n) rational operations: o (n + J) = 2 * 10^4 take ~2 s
MAX_OUTPUT_WORK = 2 * 10**4


def _rows(obj: object, name: str, n: int, o: int | None = None) -> list[list[Fraction]]:
    """n rows of o rationals (o: the length of the first row when not given, at least 1)."""
    rows = list_(obj, name, n)
    o = len(list_(rows[0], f"{name}[0]")) if o is None else o
    if o < 1:
        raise Malformed(f"{name}: expected rows of at least one entry")
    return [qlist(r, f"{name}[{i}]", o) for i, r in enumerate(rows)]


def check(doc: dict, problems: list[str]) -> Proved:
    """lower <= P* <= upper, P* = inf sum_j ||c_j||_2 s.t. sum_j sigma(w_j x_i + b_j) c_j (+ c0) = Y_i (all i).

    The vector-output problem (48) of ep A.7 on 1-D data. Fields: convention {alpha != 1, hidden_bias
    "free", output_bias}; data.x (distinct, n), data.Y (n rows of o >= 1), data.mode, one of
      "infinite"   neurons |w_j| <= 1, b_j free, any width; the constant vector c0 is the free limit of a
                   w = 0 neuron with bias -> oo (no output bias) or the output bias;
      "data-knots" the finite dictionary of ep Theorem 1: |w_j| = 1 with knot -b_j/w_j at a data point,
                   c0 == 0 unless output_bias;
    primal.neurons[j] = {w: [w_j], b, c: [o rationals]} (the neuron schema with a vector output weight),
    primal.norm_bounds (one rational per neuron), primal.constant (o); dual.V (n rows of o). Proves
    ``{"type": "between", "lower": trace(V^T Y), "upper": sum_j norm_bounds_j}``. Conditions (exact):
      1. every neuron belongs to the mode; c0 == 0 unless c0 is free; sum_j sigma(w_j x_i + b_j) c_j + c0 == Y_i
         for every i (entrywise);
      2. norm_bound_j >= 0 and norm_bound_j^2 >= ||c_j||_2^2 (so upper >= the primal cost);
      3. dual feasibility ||V^T s||_2 <= 1 for every neuron s of the mode, checked as ||.||_2^2 <= 1, and
         V^T 1 = 0 when c0 is free (mode "infinite" always: the direction w = 0, b -> oo). For u = +-1 the
         vector h_u(b) = V^T sigma(u x + b 1) is piecewise linear in b with breakpoints b = -u x_k and, once
         V^T 1 = 0, constant beyond them; ||h_u||^2 is convex on each piece, so its maximum is at a breakpoint;
         0 < |w| < 1 scales w = +-1 and w = 0 gives 0. In mode "data-knots" the breakpoints are the dictionary.
      4. lower <= upper (implied by 1-3; a deliberate redundancy).
    Limit: refused when o (n + J), outputs x (points + neurons), exceeds MAX_OUTPUT_WORK = 2 * 10^4.
    Why: for any feasible network, trace(V^T Y) = sum_j c_j^T V^T s_j + c0^T V^T 1 <= sum_j ||c_j||_2 (Cauchy-
    Schwarz and 3), so lower <= P*; 1-2 give a feasible network (c0 in the limit) of cost <= upper.
    """
    conv = stated_convention(doc)
    alpha, bias = Fraction(conv["alpha"]), conv["output_bias"]
    x = distinct_points(doc, "data.x")
    n = len(x)
    Y = _rows(at(doc, "data.Y"), "data.Y", n)
    o = len(Y[0])
    mode = at(doc, "data.mode")
    if mode not in MODES:
        raise Malformed(f"data.mode: expected one of {MODES}, got {show(mode)}")
    nets = []
    for j, nr in enumerate(list_(at(doc, "primal.neurons"), "primal.neurons")):
        name = f"primal.neurons[{j}]"
        w = qlist(at(nr, "w", name), f"{name}.w", 1)[0]
        nets.append((w, q(at(nr, "b", name), f"{name}.b"), qlist(at(nr, "c", name), f"{name}.c", o)))
    bounds = qlist(at(doc, "primal.norm_bounds"), "primal.norm_bounds", len(nets))
    c0 = qlist(at(doc, "primal.constant"), "primal.constant", o)
    V = _rows(at(doc, "dual.V"), "dual.V", n, o)
    within(o * (n + len(nets)), MAX_OUTPUT_WORK, "o (n + J) (data.Y outputs x (data points + primal.neurons))")

    free_constant = mode == "infinite" or bias
    data_points = set(x)
    for j, (w, b, _) in enumerate(nets):                                                  # 1.
        if not (abs(w) <= 1 if mode == "infinite" else abs(w) == 1 and -b / w in data_points):
            problems.append(f"primal.neurons[{j}]: (w, b) = ({w}, {b}) is not a neuron of mode {mode}")
    if any(c0) and not free_constant:
        problems.append(f"primal: constant {[str(t) for t in c0]} but mode {mode} without output bias has none")
    for k in range(o):
        column = network_1d(x, [(w, b, c[k]) for w, b, c in nets], alpha, c0[k])
        for i, (fi, row) in enumerate(zip(column, Y, strict=True)):
            if fi != row[k]:
                problems.append(f"primal: point {i}, output {k}: network = {fi} but Y = {row[k]}")
    for j, ((_, _, c), r) in enumerate(zip(nets, bounds, strict=True)):                  # 2.
        if r < 0 or r * r < dot(c, c):
            problems.append(f"primal.norm_bounds[{j}]: {r} is not >= ||c||_2 (squared {dot(c, c)})")
    lower = sum((dot(vi, yi) for vi, yi in zip(V, Y, strict=True)), Fraction(0))
    upper = sum(bounds, Fraction(0))
    cols = [[row[k] for row in V] for k in range(o)]                                      # 3.
    if free_constant and any(sum(col) for col in cols):
        problems.append(f"dual: V^T 1 = {[str(sum(col)) for col in cols]}, must be 0")
    for entries in zip(*(relu1d_profile(x, col, alpha) for col in cols), strict=True):
        sq = sum((g * g for _, _, g in entries), Fraction(0))
        if sq > 1:
            u, b, _ = entries[0]
            problems.append(f"dual: u = {u}, b = {b}: ||V^T sigma(u x + b)||^2 = {sq} > 1")
    if lower > upper:                                                                     # 4.
        problems.append(f"bracket: lower {lower} > upper {upper}")
    return Proved({"type": "between", "lower": lower, "upper": upper},
                  {"x": x, "Y": Y, "mode": mode, "convention": convention(alpha, "free", bias)})
