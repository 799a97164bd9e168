"""Kind "relu1d-hinge": hinge-loss training of 1-D ReLU networks, value and dual (ep (18))."""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, atom, distinct_points, list_, q, qlist, show
from .arith import dot
from .relu1d import atom_values, relu1d_profile

HINGE_MODES = ("infinite", "data-knots", "kernel", "no-bias")


def check(doc: dict, problems: list[str]) -> Fraction:
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
    x = distinct_points(doc, "data.x")
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
        u, knot = atom(a, name)
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

    f = [fi + constant for fi in atom_values(x, atoms, Fraction(0))]                                 # 2.
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
