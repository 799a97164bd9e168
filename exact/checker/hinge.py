"""Kinds "relu1d-hinge" (ep (18), hinge loss) and "relu1d-group-bracket" (ep A.7, vector outputs)."""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._base import Malformed, at, bool_, dot, list_, q, qlist, ramp_sums, relu1d_profile, show

HINGE_MODES = ("infinite", "data-knots", "kernel", "no-bias")


def _points(doc: dict) -> list[Fraction]:
    x = qlist(at(doc, "data.x"), "data.x")
    if not x or len(set(x)) != len(x):
        raise Malformed("data.x: expected at least one point, all distinct")
    return x


def _atom(a: dict, name: str) -> tuple[int, Fraction]:
    u = at(a, "u", name)
    if type(u) is not int or u not in (1, -1):
        raise Malformed(f"{name}.u: expected the JSON integer 1 or -1, got {show(u)}")
    return u, q(at(a, "knot", name), f"{name}.knot")


def _network(x: list[Fraction], atoms: list[tuple[int, Fraction, Fraction]]) -> list[Fraction]:
    """[sum_j w_j (u_j (x_i - knot_j))_+ for x_i in x], atoms = (u, knot, w) (scalar w)."""
    out = [Fraction(0)] * len(x)
    for u in (1, -1):
        chosen = [(k, w) for uu, k, w in atoms if uu == u]
        vals = ramp_sums(Fraction(0), u, [k for k, _ in chosen], [w for _, w in chosen], x)
        out = [a + b for a, b in zip(out, vals)]
    return out


def check_hinge(doc: dict, problems: list[str]) -> Fraction:
    """Kind "relu1d-hinge": inf sum_i max(0, 1 - y_i f(x_i)) + beta ||w||_1 (ep (18)), and its dual.

    Structure: data.x (distinct), data.y (each 1 or -1), data.beta > 0; mode, one of
      "infinite"   f = sum_j w_j (u_j x + b_j)_+ + c, |u_j| <= 1, b_j free: networks of any width,
                   c being the limit of a u = 0 neuron with bias -> oo (so c costs nothing);
      "data-knots" atoms u = +-1 with knots at data points, c = 0 (ep Theorem 5.2's l1-SVM);
      "kernel"     atoms (x - knot)_+, knots at data points, c = 0 (ep Corollary 5.1's kernel);
      "no-bias"    atoms (u x)_+, u = +-1 (knot 0), c = 0 ((18) literally, no hidden bias);
    primal.atoms[j] = {u (JSON int 1/-1), knot, weight} meaning w (u (x - knot))_+;
    primal.constant; dual.v (length n); value.  Conditions (exact):
      1. the atoms belong to the mode's dictionary, and constant == 0 unless mode is "infinite";
      2. primal objective sum_i max(0, 1 - y_i f_i) + beta sum_j |weight_j| == value;
      3. dual box 0 <= y_i v_i <= 1 (v_i = y_i lam_i, lam the hinge multipliers);
      4. dual objective sum_i y_i v_i == value;
      5. dual feasibility |sum_i v_i s_i| <= beta for every neuron s of the mode:
         "infinite": sum(v) == 0 (u = 0, b -> oo) and |g_u(b)| <= beta at every breakpoint
           b = -u x_k, u = +-1, of g_u(b) = sum_i v_i (u x_i + b)_+ (0 < |u| < 1 scales u = +-1,
           g_u is piecewise linear in b and constant beyond the breakpoints: relu1d_profile);
         "data-knots": the same breakpoints (they are the 2n dictionary columns), no sum condition;
         "kernel": the u = +1 breakpoints only;  "no-bias": u = +-1 at knot 0.
    Weak duality then gives value <= (18) for every finite network of the mode, and 2 shows
    value is reached (in the limit b -> oo for a nonzero constant in mode "infinite").
    """
    x = _points(doc)
    n = len(x)
    y = qlist(at(doc, "data.y"), "data.y", n)
    if any(v not in (1, -1) for v in y):
        raise Malformed("data.y: every label must be 1 or -1")
    beta = q(at(doc, "data.beta"), "data.beta")
    if beta <= 0:
        raise Malformed("data.beta: must be positive")
    mode = at(doc, "mode")
    if mode not in HINGE_MODES:
        raise Malformed(f"mode: expected one of {HINGE_MODES}, got {show(mode)}")
    atoms = []
    for j, a in enumerate(list_(at(doc, "primal.atoms"), "primal.atoms")):        # 1.
        name = f"primal.atoms[{j}]"
        u, knot = _atom(a, name)
        if (mode == "no-bias" and knot != 0) or (mode != "no-bias" and knot not in x):
            raise Malformed(f"{name}.knot: {knot} is not a knot of the {mode} dictionary")
        if mode == "kernel" and u != 1:
            raise Malformed(f"{name}.u: the kernel dictionary has u = 1 only")
        atoms.append((u, knot, q(at(a, "weight", name), f"{name}.weight")))
    constant = q(at(doc, "primal.constant"), "primal.constant")
    if constant and mode != "infinite":
        problems.append(f"primal: constant {constant} but mode {mode} has no constant")
    v = qlist(at(doc, "dual.v"), "dual.v", n)
    value = q(at(doc, "value"), "value")

    f = [fi + constant for fi in _network(x, atoms)]                                 # 2.
    loss = sum((max(Fraction(0), 1 - yi * fi) for yi, fi in zip(y, f)), Fraction(0))
    objective = loss + beta * sum((abs(w) for _, _, w in atoms), Fraction(0))
    if objective != value:
        problems.append(f"primal: objective {objective} (loss {loss}) but value = {value}")
    for i in range(n):                                                               # 3.
        if not 0 <= y[i] * v[i] <= 1:
            problems.append(f"dual: y_{i} v_{i} = {y[i] * v[i]} outside [0, 1]")
    if dot(y, v) != value:                                                           # 4.
        problems.append(f"dual: objective sum y_i v_i = {dot(y, v)} but value = {value}")
    if mode == "infinite" and sum(v) != 0:                                           # 5.
        problems.append(f"dual: constant direction (u = 0, b -> +inf): sum(v) = {sum(v)}, must be 0")
    if mode == "no-bias":
        profile = [(u, Fraction(0), dot(v, [max(Fraction(0), u * xi) for xi in x])) for u in (1, -1)]
    else:
        profile = [t for t in relu1d_profile(x, v, Fraction(0)) if mode != "kernel" or t[0] == 1]
    for u, b, g in profile:
        if abs(g) > beta:
            problems.append(f"dual: u = {u}, b = {b}: |sum_i v_i (u x_i + b)_+| = {abs(g)} > beta = {beta}")
    return value


def check_group_bracket(doc: dict, problems: list[str]) -> Optional[Fraction]:
    """Kind "relu1d-group-bracket": lower <= inf sum_j ||w_j||_2 s.t. sum_j (u_j x_i + b_j)_+ w_j^T (+ c^T) = Y_i <= upper.

    The vector-output problem (48) of ep A.7 on 1-D data, as a certified bracket.
    Structure: data.x (distinct), data.Y (n rows, o >= 1 columns); constant_column (bool:
    true = networks of any width with free hidden biases, whose constant vector c is the free
    limit of a u = 0 neuron; false = the finite dictionary of ep Theorem 1, atoms u = +-1 with
    knots at the data, c = 0); primal.atoms[j] = {u (JSON int 1/-1), knot in data.x, weight
    (o rationals), norm_bound}; primal.constant (o); dual.V (n rows of o); lower; upper.
    Conditions (exact):
      1. feasibility: sum_j (u_j (x_i - knot_j))_+ weight_j + constant == Y_i for every i
         (entrywise), and constant == 0 when constant_column is false;
      2. norm_bound_j >= 0, norm_bound_j^2 >= ||weight_j||_2^2, and upper == sum_j norm_bound_j
         (so upper >= the primal cost);
      3. lower == trace(V^T Y) = sum_ik V_ik Y_ik;
      4. dual feasibility ||V^T s||_2 <= 1 for every neuron s, checked as ||.||_2^2 <= 1:
         constant_column true: V^T 1 = 0 (u = 0, b -> oo), then for u = +-1 the vector
         h_u(b) = V^T (u x + b)_+ is piecewise linear in b with breakpoints b = -u x_k and
         constant beyond them, ||h||^2 is convex on each piece, so its maximum is at a
         breakpoint; 0 < |u| < 1 scales u = +-1.  constant_column false: the same breakpoints,
         which are exactly the 2n dictionary columns;
      5. lower <= upper.
    Weak duality (trace(V^T Y) = sum_j w_j^T V^T s_j <= sum_j ||w_j||) makes lower a lower
    bound; 1-2 make upper an upper bound.  Returns None (a bracket, not a value).
    """
    x = _points(doc)
    n = len(x)
    Y = [qlist(r, f"data.Y[{i}]") for i, r in enumerate(list_(at(doc, "data.Y"), "data.Y", n))]
    o = len(Y[0])
    if o < 1 or any(len(r) != o for r in Y):
        raise Malformed("data.Y: expected n rows of equal length >= 1")
    with_c = bool_(at(doc, "constant_column"), "constant_column")
    columns, bounds = [[] for _ in range(o)], []
    for j, a in enumerate(list_(at(doc, "primal.atoms"), "primal.atoms")):
        name = f"primal.atoms[{j}]"
        u, knot = _atom(a, name)
        if knot not in x:
            raise Malformed(f"{name}.knot: {knot} is not a data point")
        w = qlist(at(a, "weight", name), f"{name}.weight", o)
        for k in range(o):
            columns[k].append((u, knot, w[k]))
        r = q(at(a, "norm_bound", name), f"{name}.norm_bound")
        if r < 0 or r * r < dot(w, w):                                                # 2.
            problems.append(f"{name}: norm_bound {r} is not >= ||weight||_2 (squared {dot(w, w)})")
        bounds.append(r)
    c = qlist(at(doc, "primal.constant"), "primal.constant", o)
    V = [qlist(r, f"dual.V[{i}]", o) for i, r in enumerate(list_(at(doc, "dual.V"), "dual.V", n))]
    lower, upper = q(at(doc, "lower"), "lower"), q(at(doc, "upper"), "upper")

    if any(c) and not with_c:                                                         # 1.
        problems.append(f"primal: constant {c} but constant_column is false")
    for k in range(o):
        for i, fi in enumerate(_network(x, columns[k])):
            if fi + c[k] != Y[i][k]:
                problems.append(f"primal: point {i}, output {k}: network = {fi + c[k]} but Y = {Y[i][k]}")
    if sum(bounds, Fraction(0)) != upper:
        problems.append(f"primal: sum of norm bounds {sum(bounds, Fraction(0))} but upper = {upper}")
    trace = sum((dot(V[i], Y[i]) for i in range(n)), Fraction(0))                     # 3.
    if trace != lower:
        problems.append(f"dual: trace(V^T Y) = {trace} but lower = {lower}")
    cols = [[V[i][k] for i in range(n)] for k in range(o)]                           # 4.
    if with_c and any(sum(col) for col in cols):
        problems.append(f"dual: V^T 1 = {[str(sum(col)) for col in cols]}, must be 0")
    profiles = [relu1d_profile(x, col, Fraction(0)) for col in cols]
    for entries in zip(*profiles):
        sq = sum((g * g for _, _, g in entries), Fraction(0))
        if sq > 1:
            u, b, _ = entries[0]
            problems.append(f"dual: u = {u}, b = {b}: ||V^T (u x + b)_+||^2 = {sq} > 1")
    if lower > upper:                                                                 # 5.
        problems.append(f"bracket: lower {lower} > upper {upper}")
    return None


CHECKS = {"relu1d-hinge": check_hinge, "relu1d-group-bracket": check_group_bracket}
