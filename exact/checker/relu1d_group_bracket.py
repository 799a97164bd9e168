"""Kind "relu1d-group-bracket": an exact bracket of ep (48), vector outputs on 1-D data (ep A.7)."""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._fields import Malformed, at, atom, bool_, distinct_points, list_, q, qlist
from .arith import dot
from .relu1d import atom_values, relu1d_profile


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    """Kind "relu1d-group-bracket": lower <= inf sum_j ||w_j||_2 s.t. sum_j (u_j x_i + b_j)_+ w_j^T (+ c^T) = Y_i
    <= upper.

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
    x = distinct_points(doc, "data.x")
    n = len(x)
    Y = [qlist(r, f"data.Y[{i}]") for i, r in enumerate(list_(at(doc, "data.Y"), "data.Y", n))]
    o = len(Y[0])
    if o < 1 or any(len(r) != o for r in Y):
        raise Malformed("data.Y: expected n rows of equal length >= 1")
    with_c = bool_(at(doc, "constant_column"), "constant_column")
    columns, bounds = [[] for _ in range(o)], []
    for j, a in enumerate(list_(at(doc, "primal.atoms"), "primal.atoms")):
        name = f"primal.atoms[{j}]"
        u, knot = atom(a, name)
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
        for i, fi in enumerate(atom_values(x, columns[k], Fraction(0))):
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
