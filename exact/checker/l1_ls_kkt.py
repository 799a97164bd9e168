"""Kind "l1-ls-kkt": an optimum of l1-regularised least squares, finite or over all 1-D (rank-one) ReLU networks."""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, distinct_points, list_, q, qlist
from ._proved import Proved, convention, stated_convention
from ._relu1d import (
    absorbs_constant_d,
    cost,
    network_size,
    network_values,
    neurons_d,
    rank_one_points,
    semi_infinite_dual,
)
from .arith import dot, sigma
from .relu1d import absorbs_constant, network_1d, neuron_sums

PROBLEMS = ("A", "x", "X")


def _sign(t: Fraction) -> int:
    return (t > 0) - (t < 0)


def _gap(value: Fraction, r: list[Fraction], y: list[Fraction], scale: Fraction, problems: list[str]) -> None:
    """5. no duality gap: with v = -scale r, the dual objective v^T y - ||v||^2 / (2 scale) equals value."""
    v = [-scale * t for t in r]
    dual = dot(v, y) - dot(v, v) / (2 * scale)
    if dual != value:
        problems.append(f"duality gap: primal objective {value} but dual v^T y - ||v||^2/(2 scale) = {dual}")


def _finite(doc: dict, y: list[Fraction], beta: Fraction, scale: Fraction, problems: list[str]) -> Proved:
    A = [qlist(row, f"data.A[{i}]") for i, row in enumerate(list_(at(doc, "data.A"), "data.A", len(y)))]
    N = len(A[0]) if A else 0
    for i, row in enumerate(A):
        if len(row) != N:
            raise Malformed(f"data.A[{i}]: expected {N} entries like row 0, got {len(row)}")
    F = [qlist(col, f"data.F[{k}]", len(y)) for k, col in enumerate(list_(at(doc, "data.F"), "data.F"))]
    w = qlist(at(doc, "primal.w"), "primal.w", N)
    c = qlist(at(doc, "primal.c"), "primal.c", len(F))
    r = [dot(row, w) + sum((ck * col[i] for ck, col in zip(c, F, strict=True)), Fraction(0)) - yi
         for i, (row, yi) in enumerate(zip(A, y, strict=True))]
    for k, col in enumerate(F):                                                   # 1.
        if dot(col, r) != 0:
            problems.append(f"free column {k}: F_k^T r = {dot(col, r)} != 0")
    for j, wj in enumerate(w):
        g = scale * dot([row[j] for row in A], r)
        if wj and g != -beta * _sign(wj):                                          # 2.
            problems.append(f"column {j}: w_j = {wj} but scale A_j^T r = {g} != {-beta * _sign(wj)}")
        if abs(g) > beta:                                                          # 3.
            problems.append(f"column {j}: |scale A_j^T r| = {abs(g)} > beta = {beta}")
    value = beta * sum(map(abs, w), Fraction(0)) + scale / 2 * dot(r, r)          # 4.
    _gap(value, r, y, scale, problems)                                             # 5.
    return Proved({"type": "equals", "value": value}, {"A": A, "F": F, "y": y, "beta": beta, "scale": scale})


def _networks(doc: dict, y: list[Fraction], beta: Fraction, scale: Fraction, problems: list[str]) -> Proved:
    conv = stated_convention(doc)
    alpha, bias = Fraction(conv["alpha"]), conv["output_bias"]
    if "X" in doc["data"]:
        points, x = rank_one_points(doc, problems)                                 # 7.
        data: dict = {"X": points}
    else:
        x = distinct_points(doc, "data.x")
        points, data = [[t] for t in x], {"x": x}
    if len(points) != len(y):
        raise Malformed(f"data.y: expected {len(points)} entries, got {len(y)}")
    nets = neurons_d(doc, "primal.neurons", len(points[0]), problems)             # 6.
    c0 = q(at(doc, "primal.constant"), "primal.constant")
    if "X" in data:  # row by row: n J d <= MAX_NETWORK_WORK
        network_size(points, nets)
        f = network_values(points, nets, alpha, c0)
    else:  # 1-D: by ramp sums, O((n + J) log n)
        f = network_1d(x, [(w[0], b, c) for w, b, c in nets], alpha, c0)
    r = [fi - yi for fi, yi in zip(f, y, strict=True)]
    v = [-scale * t for t in r]
    g_all = ([dot(v, [sigma(dot(w, p) + b, alpha) for p in points]) for w, b, _ in nets] if "X" in data else
             neuron_sums(x, v, alpha, [(w[0], b) for w, b, _ in nets]))
    for j, ((w, b, c), g) in enumerate(zip(nets, g_all, strict=True)):             # 2.
        if c and g != beta * _sign(c):
            problems.append(f"primal.neurons[{j}]: c = {c} but v^T s(w x + b) = {g} != {beta * _sign(c)}")
    semi_infinite_dual(x, v, alpha, beta, problems)                                # 1., 3.
    value = beta * cost(nets) + scale / 2 * dot(r, r)                              # 4.
    _gap(value, r, y, scale, problems)                                             # 5.
    relation: dict = {"type": "equals", "value": value}
    absorbs = (absorbs_constant_d(points, nets, c0) if "X" in data else           # 8. (1-D: at min x, max x)
               absorbs_constant(x, [(w[0], b, c) for w, b, c in nets], c0))
    if bias or c0 == 0 or absorbs:
        relation["attained"] = True
    data |= {"y": y, "beta": beta, "scale": scale, "convention": convention(alpha, "free", bias)}
    return Proved(relation, data)


def check(doc: dict, problems: list[str]) -> Proved:
    """min beta ||w||_1 + (scale/2) ||A w + F c - y||^2 (F: free unpenalised columns), or its infinite-width
    network form. Common fields: data.y (n), data.beta > 0, data.scale > 0; the problem is

    * finite (data.A present): data.A (n x N rows), data.F (K columns of length n, may be empty);
      primal.w (N), primal.c (K). With r = A w + F c - y and g = scale A^T r, conditions (exact):
        1. free columns: F_k^T r == 0 for every k;
        2. stationarity on the support: g_j == -beta sign(w_j) whenever w_j != 0;
        3. dual feasibility: |g_j| <= beta for every j;
        4. value := beta ||w||_1 + (scale/2) ||r||^2;
        5. no duality gap: with v = -scale r, v^T y - ||v||^2 / (2 scale) == value.
      1-3 are the KKT conditions (sufficient: the objective is convex). Proves ``{"type": "equals",
      "value": value}`` (data A, F, y, beta, scale).
    * networks (no data.A): inf beta sum_j |c_j| + (scale/2) sum_i (f(x_i) - y_i)^2 over all
      f = sum_j c_j sigma_alpha(w_j . x + b_j) (+ c0), ||w_j||_2 <= 1, b_j free, any width (ep (16), ses (28));
      convention {alpha != 1, hidden_bias "free", output_bias}; data.x (distinct 1-D points) or data.X (rank
      one, with the evidence factor {c, a, norm} of kind rank-one-l1); primal.neurons[j] = {w: [d], b, c},
      primal.constant c0. With r = f(x) - y (f including c0) and v = -scale r, conditions (exact):
        1. sum(v) == 0 (the free constant: 1^T r = 0);
        2. stationarity: v^T sigma(w_j . x + b_j) == beta sign(c_j) for every neuron with c_j != 0;
        3. |v^T sigma(w x + b)| <= beta for all ||w|| <= 1, b real (_relu1d.semi_infinite_dual, on x or on
           the 1-D reduction x = norm c of X);
        4.-5. as above, with beta sum_j |c_j| for beta ||w||_1;
        6. w_j . w_j <= 1 for every neuron;  7. (data.X) norm > 0, norm^2 == a^T a, X == c a^T.
      Why: for any network f' (cost C', constant c0'), (scale/2)||f' - y||^2 >= v^T (y - f') - ||v||^2/(2 scale)
      (Fenchel-Young, equality at f' = f) and v^T f' = sum_j c'_j v^T sigma(w'_j x + b'_j) + c0' sum(v) <= beta C'
      by 1 and 3, so the objective is >= the dual value of 5 = value; the network of the certificate reaches
      value (c0 as the limit of a neuron (0, B) with weight c0 / B, or the output bias). Proves
      ``{"type": "equals", "value": value}``, with ``"attained": true`` when
        8. output_bias, or c0 == 0, or some neuron has w_j . x_i + b_j >= 0 at every data point and c_j c0 > 0
           (raising b_j by c0 / c_j adds c0 on the data at no cost).
      Limit: with data.X the networks form is refused when n J d (points x neurons x inputs, the cost of 2 and
      of the network values, row by row) exceeds _relu1d.MAX_NETWORK_WORK = 3 * 10^4; with data.x both are
      ramp sums (relu1d.network_1d, relu1d.neuron_sums), O((n + J) log n), and need no limit.
    """
    y = qlist(at(doc, "data.y"), "data.y")
    beta, scale = q(at(doc, "data.beta"), "data.beta"), q(at(doc, "data.scale"), "data.scale")
    if beta <= 0 or scale <= 0:
        raise Malformed(f"data.beta, data.scale: expected positive rationals, got {beta}, {scale}")
    present = [k for k in PROBLEMS if k in doc["data"]]
    if len(present) != 1:
        raise Malformed(f"data: expected exactly one of A (finite), x or X (networks), got {present}")
    return (_finite if present == ["A"] else _networks)(doc, y, beta, scale, problems)
