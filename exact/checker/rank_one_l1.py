"""Kind "rank-one-l1": ep (4) for rank-one data X = c a^T through the 1-D data ||a|| c (ep Corollaries 3.4-3.5)."""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, list_, q, qlist
from .arith import dot
from .relu1d import relu1d_profile


def check(doc: dict, problems: list[str]) -> Fraction:
    """Kind "rank-one-l1": inf ||w||_1 s.t. sum_j w_j (X u_j + b_j 1)_+ + constant 1 = y, ||u_j|| <= 1.

    ep (4) for X = c a^T (n x d).  Fields: data.X, data.y; factor.c (n), factor.a (d),
    factor.norm; primal.neurons[j] = {u (d rationals), b, w}; primal.constant; dual.v; value.
    Conditions (exact):
      1. norm > 0, norm^2 == a^T a, and X[i][k] == c_i a_k for all i, k;
      2. every neuron has u^T u <= 1;
      3. primal feasibility: sum_j w_j (X_i u_j + b_j)_+ + constant == y_i for all i;
      4. primal cost sum_j |w_j| == value (the constant is a u = 0 neuron with bias beta -> +inf
         and weight constant/beta, of vanishing cost: value bounds the infimum from above);
      5. dual objective v^T y == value and sum(v) == 0 (the u = 0 direction, as in kind
         relu1d-l1-interpolation);
      6. dual feasibility for every ||u|| <= 1, b: (X u + b 1)_+ = (c t + b 1)_+ with t = a^T u,
         which ranges over exactly [-norm, norm] (Cauchy-Schwarz, equality at u = +-a/norm);
         writing t = norm s, |s| <= 1, this is the 1-D constraint on x = norm c, so
         |sum_i v_i (s x_i + b)_+| <= 1 is checked at every breakpoint (s = +-1, b = -s x_k),
         which with sum(v) == 0 covers all s, b (see kind relu1d-l1-interpolation, 4(b)-(c)).
    """
    y = qlist(at(doc, "data.y"), "data.y")
    n = len(y)
    X = [qlist(row, f"data.X[{i}]") for i, row in enumerate(list_(at(doc, "data.X"), "data.X", n))]
    c = qlist(at(doc, "factor.c"), "factor.c", n)
    a = qlist(at(doc, "factor.a"), "factor.a")
    norm = q(at(doc, "factor.norm"), "factor.norm")
    d = len(a)
    if n < 1 or d < 1 or any(len(row) != d for row in X):
        raise Malformed(f"data.X: expected {n} rows of {d} entries (the length of factor.a)")
    if norm <= 0 or norm * norm != dot(a, a):                                   # 1.
        problems.append(f"factor.norm = {norm} is not the positive square root of a^T a = {dot(a, a)}")
    if any(X[i][k] != c[i] * a[k] for i in range(n) for k in range(d)):
        problems.append("data.X != c a^T")
    neurons = []
    for j, nr in enumerate(list_(at(doc, "primal.neurons"), "primal.neurons")):
        name = f"primal.neurons[{j}]"
        u = qlist(at(nr, "u", name), f"{name}.u", d)
        if dot(u, u) > 1:                                                       # 2.
            problems.append(f"{name}: u^T u = {dot(u, u)} > 1")
        neurons.append((u, q(at(nr, "b", name), f"{name}.b"), q(at(nr, "w", name), f"{name}.w")))
    constant = q(at(doc, "primal.constant"), "primal.constant")
    v = qlist(at(doc, "dual.v"), "dual.v", n)
    value = q(at(doc, "value"), "value")
    for i in range(n):                                                          # 3.
        f = constant + sum((w * max(dot(X[i], u) + b, Fraction(0)) for u, b, w in neurons), Fraction(0))
        if f != y[i]:
            problems.append(f"primal: row {i}: network = {f} but y = {y[i]}")
    cost = sum((abs(w) for _, _, w in neurons), Fraction(0))                    # 4.
    if cost != value:
        problems.append(f"primal: cost sum|w| = {cost} but value = {value}")
    if dot(v, y) != value:                                                      # 5.
        problems.append(f"dual: objective v^T y = {dot(v, y)} but value = {value}")
    if sum(v) != 0:
        problems.append(f"dual: constant direction (u = 0, b -> +inf): sum(v) = {sum(v)}, must be 0")
    for s, b, g in relu1d_profile([norm * ci for ci in c], v, Fraction(0)):     # 6.
        if abs(g) > 1:
            problems.append(f"dual: t = a^T u = {s * norm}, b = {b}: |v^T (c t + b)_+| = {abs(g)} > 1")
    return value
