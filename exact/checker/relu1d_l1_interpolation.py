"""Kind "relu1d-l1-interpolation": the 1-D infinite-width l1 interpolation certificate."""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, atom, bool_, distinct_points, list_, q, qlist
from .arith import atom_values, dot, relu1d_profile


def check(doc: dict, problems: list[str]) -> Fraction:
    """Kind "relu1d-l1-interpolation": inf ||w||_1 s.t. sum_j w_j s_alpha(u_j x_i + b_j) + c = y_i.

    Structure: data.x (distinct), data.y (same length >= 1), data.alpha != 1; output_bias
    (bool); primal.atoms[j] = {u in {1,-1} (JSON int), knot in data.x, weight}, each atom
    being x -> s_alpha(u (x - knot)); primal.constant; dual.v (length n); value; optional
    attained (bool).  Conditions (exact):
      1. primal feasibility: sum_j weight_j s_alpha(u_j (x_i - knot_j)) + constant == y_i, all i;
      2. primal cost: sum_j |weight_j| == value;
      3. dual objective: sum_i v_i y_i == value;
      4. dual feasibility, |g_u(b)| <= 1 for all |u| <= 1, b real, g_u(b) = sum_i v_i s_alpha(u x_i + b):
         (a) u = 0 gives g = s_alpha(b) sum(v), unbounded unless sum(v) == 0, which is checked;
         (b) for 0 < |u| < 1, g_u(b) = |u| g_{sign u}(b / |u|) (positive homogeneity), so only
             u = +-1 remain (and u = 0 gives 0 once sum(v) = 0);
         (c) for u = +-1, g_u is continuous piecewise linear in b with breakpoints b = -u x_k;
             beyond them it is constant (slopes sum(v) and alpha sum(v) vanish): u sum_i v_i x_i
             as b -> +inf and alpha u sum_i v_i x_i as b -> -inf.  So sup|g_u| is the max of
             |g_u(-u x_k)| = |sum_i v_i s_alpha(u (x_i - x_k))| over k and the two limits; all
             are checked (the limits equal the values at the extreme breakpoints, so checking
             them too is deliberate redundancy, and only done when sum(v) == 0).
      5. if attained is true and output_bias is false: constant == 0, or constant > 0 (< 0) and
         some atom (u=1, knot=min x) or (u=-1, knot=max x) has weight > 0 (< 0).  That atom is
         affine and positive on the data, so moving its knot outward by t >= 0 adds weight*t
         on every data point at no extra cost, absorbing the constant into a finite network.
    """
    x = distinct_points(doc, "data.x")
    n = len(x)
    seen = set(x)
    y = qlist(at(doc, "data.y"), "data.y", n)
    alpha = q(at(doc, "data.alpha"), "data.alpha")
    if alpha == 1:
        raise Malformed("data.alpha: must differ from 1")
    bias = bool_(at(doc, "output_bias"), "output_bias")
    atoms: list[tuple[int, Fraction, Fraction]] = []
    for j, a in enumerate(list_(at(doc, "primal.atoms"), "primal.atoms")):
        name = f"primal.atoms[{j}]"
        u, knot = atom(a, name)
        if knot not in seen:
            raise Malformed(f"{name}.knot: {knot} is not a data point")
        atoms.append((u, knot, q(at(a, "weight", name), f"{name}.weight")))
    constant = q(at(doc, "primal.constant"), "primal.constant")
    v = qlist(at(doc, "dual.v"), "dual.v", n)
    value = q(at(doc, "value"), "value")
    attained = bool_(doc.get("attained", False), "attained")

    net = [constant + f for f in atom_values(x, atoms, alpha)]            # 1.
    for i in range(n):
        if net[i] != y[i]:
            problems.append(f"primal: point {i} (x = {x[i]}): network = {net[i]} but y = {y[i]}")
    cost = sum((abs(w) for _, _, w in atoms), Fraction(0))                 # 2.
    if cost != value:
        problems.append(f"primal: cost sum|weight| = {cost} but value = {value}")
    dual_obj = dot(v, y)                                                   # 3.
    if dual_obj != value:
        problems.append(f"dual: objective sum v_i y_i = {dual_obj} but value = {value}")
    if sum(v) != 0:                                                         # 4(a).
        problems.append(f"dual: constant direction (u = 0, b -> +inf): sum(v) = {sum(v)}, must be 0")
    else:                                                                   # 4(c) limits.
        svx = dot(v, x)
        for u in (1, -1):
            for end, g in (("+inf", u * svx), ("-inf", alpha * u * svx)):
                if abs(g) > 1:
                    problems.append(f"dual: u = {u}, limit b -> {end}: |g| = {abs(g)} > 1")
    for u, b, g in relu1d_profile(x, v, alpha):                              # 4(c) breakpoints.
        if abs(g) > 1:
            problems.append(f"dual: u = {u}, breakpoint b = {b}: |g| = {abs(g)} > 1")
    if attained and not bias and constant != 0:                             # 5.
        lo, hi = min(x), max(x)
        if not any((uu, k) in ((1, lo), (-1, hi)) and w * constant > 0 for uu, k, w in atoms):
            problems.append(f"attained: constant {constant} cannot be absorbed: no atom (u=1, knot={lo})"
                            f" or (u=-1, knot={hi}) with a weight of the same sign")
    return value
