"""Kind "l1-ls-kkt": an optimum of l1-regularised least squares, optionally over all 1-D ReLU networks."""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, list_, q, qlist, show
from .arith import dot, sigma
from .relu1d import relu1d_sup


def check(doc: dict, problems: list[str]) -> Fraction:
    """min_{w,c} beta ||w||_1 + (scale/2) ||A w + F c - y||^2 (F: free unpenalised columns).

    Structure: data.A (n x N rows), data.F (list of K columns of length n, may be empty),
    data.y (n), data.beta > 0, data.scale > 0; primal.w (N), primal.c (K); value.
    With r = A w + F c - y, g = scale A^T r and v = -scale r, conditions (exact):
      1. free columns: F_k^T r == 0 for every k;
      2. stationarity on the support: g_j == -beta sign(w_j) whenever w_j != 0;
      3. dual feasibility: |g_j| <= beta for every j (1-3 are the KKT conditions, sufficient
         for optimality since the objective is convex);
      4. value == beta ||w||_1 + (scale/2) ||r||^2;
      5. dual objective v^T y - ||v||^2 / (2 scale) == value (no duality gap).
    Optional relu1d = {x (n), alpha != 1, neurons: one {u, b} per column of A}: the problem is then
    the infinite-width network problem min beta sum|w_j| + (scale/2)||f(x) - y||^2 over all
    f = sum_j w_j s_alpha(u_j x + b_j), |u_j| <= 1, b_j free, and it is also checked that
      6. |u_j| <= 1 and A[i][j] == s_alpha(u_j x_i + b_j) for all i, j;
      7. every free column is the constant 1 (realised by one neuron with bias -> +inf, whose
         cost tends to 0), so value is approached by networks;
      8. sum(v) == 0 and sup_{|u|<=1, b} |sum_i v_i s_alpha(u x_i + b)| <= beta (relu1d_sup), so
         for every network, (scale/2)||f - y||^2 >= v^T (y - f) - ||v||^2/(2 scale) and
         v^T f <= beta sum|w_j| give objective >= condition 5's dual value = value.
    Optional relu1d.rank_one = {c (n), a (d), norm}: 9. norm >= 0, norm^2 == a^T a and
    x_i == norm c_i, so that A' = c a^T with ||u'||_2 <= 1 gives the same neurons (a^T u' ranges
    over [-norm, norm]).
    """
    A = [qlist(row, f"data.A[{i}]") for i, row in enumerate(list_(at(doc, "data.A"), "data.A"))]
    n = len(A)
    N = len(A[0]) if A else 0
    for i, row in enumerate(A):
        if len(row) != N:
            raise Malformed(f"data.A[{i}]: expected {N} entries like row 0, got {len(row)}")
    F = [qlist(col, f"data.F[{k}]", n) for k, col in enumerate(list_(at(doc, "data.F"), "data.F"))]
    y = qlist(at(doc, "data.y"), "data.y", n)
    beta, scale = q(at(doc, "data.beta"), "data.beta"), q(at(doc, "data.scale"), "data.scale")
    if beta <= 0 or scale <= 0:
        raise Malformed(f"data.beta, data.scale: expected positive rationals, got {beta}, {scale}")
    w = qlist(at(doc, "primal.w"), "primal.w", N)
    c = qlist(at(doc, "primal.c"), "primal.c", len(F))
    value = q(at(doc, "value"), "value")

    r = [dot(row, w) + sum((ck * col[i] for ck, col in zip(c, F)), Fraction(0)) - y[i]
         for i, row in enumerate(A)]
    for k, col in enumerate(F):                                                   # 1.
        if dot(col, r) != 0:
            problems.append(f"free column {k}: F_k^T r = {dot(col, r)} != 0")
    for j in range(N):
        g = scale * sum((A[i][j] * r[i] for i in range(n)), Fraction(0))
        sign = (w[j] > 0) - (w[j] < 0)
        if w[j] and g != -beta * sign:                                             # 2.
            problems.append(f"column {j}: w_j = {w[j]} but scale A_j^T r = {g} != {-beta * sign}")
        if abs(g) > beta:                                                          # 3.
            problems.append(f"column {j}: |scale A_j^T r| = {abs(g)} > beta = {beta}")
    primal = beta * sum(map(abs, w), Fraction(0)) + scale / 2 * dot(r, r)         # 4.
    if primal != value:
        problems.append(f"primal: beta ||w||_1 + scale/2 ||r||^2 = {primal} but value = {value}")
    v = [-scale * t for t in r]
    dual = dot(v, y) - dot(v, v) / (2 * scale)                                     # 5.
    if dual != value:
        problems.append(f"dual: v^T y - ||v||^2/(2 scale) = {dual} but value = {value}")
    if "relu1d" in doc:
        _check_relu1d(doc, A, F, v, beta, problems)
    return value


def _check_relu1d(doc: dict, A, F, v, beta, problems: list[str]) -> None:
    n, N = len(A), len(A[0]) if A else 0
    x = qlist(at(doc, "relu1d.x"), "relu1d.x", n)
    alpha = q(at(doc, "relu1d.alpha"), "relu1d.alpha")
    if alpha == 1:
        raise Malformed("relu1d.alpha: must differ from 1")
    neurons = list_(at(doc, "relu1d.neurons"), "relu1d.neurons", N)
    for j, nu in enumerate(neurons):                                               # 6.
        u, b = q(at(nu, "u", f"relu1d.neurons[{j}]"), "u"), q(at(nu, "b", f"relu1d.neurons[{j}]"), "b")
        if abs(u) > 1:
            problems.append(f"relu1d: neuron {j}: |u| = {abs(u)} > 1")
        if any(A[i][j] != sigma(u * x[i] + b, alpha) for i in range(n)):
            problems.append(f"relu1d: column {j} of A is not s_alpha(u x + b) with u = {u}, b = {b}")
    for k, col in enumerate(F):                                                    # 7.
        if any(a != 1 for a in col):
            problems.append(f"relu1d: free column {k} is not the constant 1: {show(col)}")
    sup = relu1d_sup(x, v, alpha)                                                  # 8.
    if sup is None:
        problems.append(f"relu1d: sum(v) = {sum(v)} != 0, so |v^T s(u x + b)| is unbounded (u = 0, b -> +inf)")
    elif sup[0] > beta:
        problems.append(f"relu1d: |v^T s(u x + b)| = {sup[0]} > beta = {beta} at u = {sup[1]}, b = {sup[2]}")
    if "rank_one" in doc["relu1d"]:                                                # 9.
        c = qlist(at(doc, "relu1d.rank_one.c"), "relu1d.rank_one.c", n)
        a = qlist(at(doc, "relu1d.rank_one.a"), "relu1d.rank_one.a")
        norm = q(at(doc, "relu1d.rank_one.norm"), "relu1d.rank_one.norm")
        if norm < 0 or norm * norm != dot(a, a):
            problems.append(f"relu1d.rank_one: norm = {norm} is not ||a||_2 (a^T a = {dot(a, a)})")
        if any(xi != norm * ci for xi, ci in zip(x, c)):
            problems.append("relu1d.rank_one: x != norm * c")
