"""Kind "cone-program-bracket": an exact bracket of pe (8) / (39) over ALL arrangement patterns, hence of (2) / (38).

The problem (pe (39); (8) for the squared loss), on data X (n x d, rows x_j; a bias is a column of ones, so it
sits inside the norm), y, beta > 0 and a convex loss l:

    p = min l(sum_i D_i X (v_i - w_i)) + beta sum_i (||v_i|| + ||w_i||)  s.t.  (2 D_i - I) X v_i, w_i >= 0,

with l(z) = 1/2 ||z - y||^2 (``squared``), sum_j max(0, 1 - y_j z_j), y in {+-1} (``hinge``) or ||z - y||_1
(``absolute``). Write c(v) for the conjugate term of the dual (pe (15) and Theorem 6 with v -> -v, the same
problem since its constraint is symmetric): c(v) = v^T y - 1/2 ||v||^2 (squared); v^T y on 0 <= y_j v_j <= 1
(hinge) or on |v_j| <= 1 (absolute). Fenchel-Young gives l(z) >= c(v) - v^T z for every z.

Lower end. The closures K_s = {u : s_j x_j^T u >= 0} of the regions s of the central arrangement of the rows
(:func:`exact.checker.arrangement.certified_regions`, proven complete there) cover R^d, and on K_s
(X u)_+ = D_s X u, D_s = diag(1[s = +1]). For u in K_s, ||u|| <= 1, eps = +-1 and mu >= 0,

    eps v^T D_s X u <= eps v^T D_s X u + sum_j mu_j s_j x_j^T u = g^T u <= ||g||,
    g = eps X^T D_s v + sum_j mu_j s_j x_j                                      (pe Lemma 4, weak side),

so ||g||^2 <= beta^2 on every (region, eps) piece gives |v^T (X u)_+| <= beta ||u|| for ALL u. Then for any
network of (2) / (38), z = sum_k (X u_k)_+ a_k: l(z) + beta/2 sum_k (||u_k||^2 + a_k^2) >= c(v) - v^T z +
beta sum_k |a_k| ||u_k|| >= c(v); and for any feasible point of (8) / (39), v_i in K_{D_i} has
(X v_i)_+ = D_i X v_i, so the same chain bounds (8) / (39) by c(v). lower = c(v) <= p.

Upper end. A block {D, v, w} with (2 D - I) X v >= 0 has D X v = (X v)_+ (rows with D_j = 1 are >= 0, the others
<= 0), so the blocks give the network of pe Theorem 1, u = v / sqrt ||v||, a = sqrt ||v|| (and -sqrt ||w|| for
w), one neuron per nonzero v or w, whose objective (2) / (38) is l(z) + beta sum (||v|| + ||w||) <= upper with
the stated norm bounds; re-indexed by the patterns 1[X v >= 0] (one of pe's D_i, with v in its cone; blocks of
one pattern summed, by the triangle inequality) it is a feasible point of (8) / (39) of no larger value. So
p(8) <= upper, and p(2) <= upper for every width m >= ``neurons``.

Conditions checked (exact; integer arithmetic after clearing denominators, so 20 000 regions stay fast):
  * convention: ReLU, no hidden bias, no output bias; data.X (n x d), data.y (n; +-1 for hinge), data.beta > 0,
    data.loss one of LOSSES;
  * dual.v (n) in dom c; dual.pieces: exactly one {region, eps, mu} per (certified region, eps), mu a sparse
    object {"j": rational >= 0} of at most d rows j with s_j != 0, and ||g||^2 <= beta^2;
  * primal.blocks: {D (n JSON integers 0 / 1), v (d), w (d), v_norm, w_norm} with (2 D_j - 1) x_j^T v >= 0 and
    likewise w, v_norm >= 0 and v_norm^2 >= ||v||^2, likewise w_norm;
  * lower = c(v) <= upper = l(z) + beta sum (v_norm + w_norm).
Proves ``{"type": "between", "lower": c(v), "upper": upper, "neurons": #(nonzero v) + #(nonzero w)}``.

Limits (checked before the work): those of :func:`exact.checker.arrangement.certified_regions`, 2 R n d <=
MAX_PIECE_WORK for the R regions, B n d <= MAX_BLOCK_WORK for the B blocks.

>>> LOSSES
('squared', 'hinge', 'absolute')
>>> from fractions import Fraction as F
>>> loss_value("hinge", [F(2), F(0)], [F(1), F(-1)]), conjugate_value("squared", [F(1), F(1)], [F(2), F(0)])
(Fraction(1, 1), Fraction(1, 1))
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

from ._bias_free import NO_BIAS
from ._fields import Malformed, at, int_, list_, q, qlist, qmatrix, show, unit, within
from ._proved import Proved
from .arith import dot
from .arrangement import certified_regions

LOSSES = ("squared", "hinge", "absolute")
#: 2 R n d: every region's X^T D_s v (n d) for both eps (benchmark certificate: 2 * 19 840 * 40 * 4 = 6 348 800)
MAX_PIECE_WORK = 10_000_000
#: B n d: the cone rows and the fit of B blocks (benchmark certificate: 38 * 40 * 4 = 6 080)
MAX_BLOCK_WORK = 1_000_000


def loss_value(loss: str, z: list[Fraction], y: list[Fraction]) -> Fraction:
    """l(z): 1/2 ||z - y||^2, sum max(0, 1 - y_j z_j) or ||z - y||_1."""
    if loss == "squared":
        return sum(((a - b) ** 2 for a, b in zip(z, y, strict=True)), Fraction(0)) / 2
    if loss == "hinge":
        return sum((max(Fraction(0), 1 - b * a) for a, b in zip(z, y, strict=True)), Fraction(0))
    return sum((abs(a - b) for a, b in zip(z, y, strict=True)), Fraction(0))


def conjugate_value(loss: str, v: list[Fraction], y: list[Fraction]) -> Fraction:
    """c(v) = -l*(-v): v^T y - 1/2 ||v||^2 (squared), v^T y (hinge, absolute; on their domains)."""
    return dot(v, y) - (dot(v, v) / 2 if loss == "squared" else 0)


def outside_domain(loss: str, v: list[Fraction], y: list[Fraction]) -> int | None:
    """The first j with v outside dom c (hinge: 0 <= y_j v_j <= 1; absolute: |v_j| <= 1), or None."""
    for j, (a, b) in enumerate(zip(v, y, strict=True)):
        if (loss == "hinge" and not 0 <= a * b <= 1) or (loss == "absolute" and abs(a) > 1):
            return j
    return None


def _problem(doc: dict) -> tuple[list[list[Fraction]], list[Fraction], Fraction, str]:
    X = qmatrix(at(doc, "data.X"), "data.X")
    if not X[0]:
        raise Malformed("data.X: expected rows with at least one entry")
    y = qlist(at(doc, "data.y"), "data.y", len(X))
    beta = q(at(doc, "data.beta"), "data.beta")
    loss = at(doc, "data.loss")
    if beta <= 0:
        raise Malformed(f"data.beta: expected > 0, got {beta}")
    if loss not in LOSSES:
        raise Malformed(f"data.loss: expected one of {LOSSES}, got {show(loss)}")
    if loss == "hinge" and any(t not in (1, -1) for t in y):
        raise Malformed("data.y: the hinge loss needs labels +-1")
    return X, y, beta, loss


def _integers(values: list[Fraction]) -> tuple[list[int], int]:
    """(values * L, L) with L the least common denominator."""
    L = lcm(*(t.denominator for t in values)) if values else 1
    return [int(t * L) for t in values], L


def _row_index(key: object, name: str, n: int) -> int:
    if not (isinstance(key, str) and key.isascii() and key.isdigit() and str(int(key)) == key and int(key) < n):
        raise Malformed(f"{name}: key {show(key)} is not the canonical decimal of a row index below {n}")
    return int(key)


def dual_lower(doc: dict, problems: list[str], X: list[list[Fraction]], y: list[Fraction], beta: Fraction,
               loss: str) -> Fraction:
    """c(v) after checking dual.v in dom c and one piece per (region, eps) with ||g||^2 <= beta^2 (module doc)."""
    n, d = len(X), len(X[0])
    v = qlist(at(doc, "dual.v"), "dual.v", n)
    bad = outside_domain(loss, v, y)
    if bad is not None:
        problems.append(f"dual.v[{bad}] = {v[bad]} is outside the domain of the {loss} loss's conjugate")
    regions = set(certified_regions(X))
    pieces = list_(at(doc, "dual.pieces"), "dual.pieces")
    within(2 * len(regions) * n * d, MAX_PIECE_WORK, "dual.pieces: 2 R n d (regions x rows x columns)")
    if len(pieces) != 2 * len(regions):
        raise Malformed(f"dual.pieces: expected 2 R = {2 * len(regions)} entries, one per (region, eps), "
                        f"got {len(pieces)}")
    # g scaled by LX Lv is an integer vector: X^T D_s v from integer rows, the mu part per piece
    flat, LX = _integers([a for row in X for a in row])
    Xi = [flat[j * d:(j + 1) * d] for j in range(n)]
    vi, Lv = _integers(v)
    bound = beta * beta
    cs: dict[tuple[int, ...], list[int]] = {}
    seen: set[tuple[tuple[int, ...], int]] = set()
    for k, item in enumerate(pieces):
        name = f"dual.pieces[{k}]"
        raw = list_(at(item, "region", name), f"{name}.region", n)
        if any(type(t) is not int or t not in (-1, 0, 1) for t in raw):
            raise Malformed(f"{name}.region: expected JSON integers -1, 0 or 1, got {show(raw)}")
        s = tuple(raw)
        eps = unit(at(item, "eps", name), f"{name}.eps")
        if s not in regions:
            raise Malformed(f"{name}.region: {show(list(s))} is not a region of the arrangement of data.X")
        if (s, eps) in seen:
            raise Malformed(f"{name}: a second piece for the same (region, eps)")
        seen.add((s, eps))
        mu = at(item, "mu", name)
        if not isinstance(mu, dict):
            raise Malformed(f"{name}.mu: expected an object {{row: rational}}, got {show(mu)}")
        if len(mu) > d:
            raise Malformed(f"{name}.mu: {len(mu)} rows, at most d = {d} (a basic multiplier)")
        terms = {}
        for key, val in mu.items():
            j = _row_index(key, f"{name}.mu", n)
            m = q(val, f"{name}.mu[{key}]")
            if m < 0 or s[j] == 0:
                problems.append(f"{name}.mu[{key}] = {m}: must be >= 0 on a nonzero row")
            terms[j] = m
        c = cs.get(s)
        if c is None:
            c = cs[s] = [sum(vi[j] * Xi[j][i] for j in range(n) if s[j] == 1) for i in range(d)]
        Lm = lcm(*(m.denominator for m in terms.values())) if terms else 1
        g = [eps * ci * Lm for ci in c]  # g LX Lv Lm
        for j, m in terms.items():
            coef = s[j] * int(m * Lm) * Lv
            for i in range(d):
                g[i] += coef * Xi[j][i]
        if bound.denominator * sum(t * t for t in g) > bound.numerator * (LX * Lv * Lm) ** 2:
            problems.append(f"{name}: ||g||^2 > beta^2 = {bound} for region {show(list(s))}, eps {eps}")
    return conjugate_value(loss, v, y)


def primal_upper(doc: dict, problems: list[str], X: list[list[Fraction]], y: list[Fraction], beta: Fraction,
                 loss: str) -> tuple[Fraction, int]:
    """(l(z) + beta sum of the norm bounds, the number of nonzero v and w) after the block conditions."""
    n, d = len(X), len(X[0])
    blocks = list_(at(doc, "primal.blocks"), "primal.blocks")
    within(len(blocks) * n * d, MAX_BLOCK_WORK, "primal.blocks: B n d (blocks x rows x columns)")
    z = [Fraction(0)] * n
    cost, neurons = Fraction(0), 0
    for k, item in enumerate(blocks):
        name = f"primal.blocks[{k}]"
        D = [int_(t, f"{name}.D[{j}]", (0, 1)) for j, t in enumerate(list_(at(item, "D", name), f"{name}.D", n))]
        for part, sign in (("v", 1), ("w", -1)):
            u = qlist(at(item, part, name), f"{name}.{part}", d)
            bound = q(at(item, f"{part}_norm", name), f"{name}.{part}_norm")
            if bound < 0 or bound * bound < dot(u, u):
                problems.append(f"{name}.{part}_norm = {bound} is not an upper bound of ||{part}||")
            image = [dot(x, u) for x in X]
            for j, (t, Dj) in enumerate(zip(image, D, strict=True)):
                if (t < 0) if Dj else (t > 0):
                    problems.append(f"{name}: cone row {j} fails: (2 D_j - 1) x_j^T {part} < 0")
                    break
            z = [zj + sign * Dj * t for zj, Dj, t in zip(z, D, image, strict=True)]
            cost += bound
            neurons += any(u)
    return loss_value(loss, z, y) + beta * cost, neurons


def check(doc: dict, problems: list[str]) -> Proved:
    X, y, beta, loss = _problem(doc)
    lower = dual_lower(doc, problems, X, y, beta, loss)
    upper, neurons = primal_upper(doc, problems, X, y, beta, loss)
    if lower > upper:
        problems.append(f"lower {lower} > upper {upper}")
    return Proved({"type": "between", "lower": lower, "upper": upper, "neurons": neurons},
                  {"X": X, "y": y, "beta": beta, "loss": loss, "convention": NO_BIAS})
