"""Bias-free ReLU data (ep Sections 2.2.1, 3.4): spike-freeness and l1/l0 optima.

Convention (ep footnote 5): neurons u in R^d, ||u||_2 <= 1, no hidden bias, no
output bias; f(A) = sum_j w_j (A u_j)_+, cost ||w||_1. A is n x d (rows a_i).
A neuron is given either as a rational u (||u||^2 <= 1 checked) with weight w,
or, when its norm is irrational, as a direction p with a sign s: the neuron
u = p / ||p|| with weight s ||p|| contributes s (A p)_+ (ReLU is positively
homogeneous) at cost ||p|| = sqrt(p^T p).

Kinds and the conditions checked:

* ``spike-free`` (value none): A is spike-free. method "gram": A A^T K = I and
  K_ij <= 0 for i != j (the Gram criterion proved in exact/spikefree.py);
  method "rank-one": A = c a^T and (c >= 0 or c <= 0) (ep Lemma 2.5 up to sign).
* ``spike-witness`` (value ||z||^2 or none): ||u||^2 <= 1, b = (A u)_+, and
  either t with A A^T t = b and t^T b > 1 (z = A^T t is the minimum-norm
  solution of A z = b, ||z||^2 = t^T b > 1), or k with A^T k = 0, k^T b != 0
  (b not in range A). Either way (A u)_+ is in Q_A but not in A B_2: NOT spike-free.
* ``whitened-l1`` (value none: it is sum of square roots, listed in the
  certificate): A A^T = I, n <= d, y has both signs (so one neuron cannot fit:
  w (A u)_+ has one sign, hence l0 >= 2); exactly two neurons (p, s) with
  sum s (A p)_+ = y (l0 = 2, ep Lemma 3.1); the dual v_i = r_i sqrt(m_i)
  (m_i >= 0) has ||v_+||^2 <= 1 and ||v_-||^2 <= 1, which is the whole dual
  constraint sup_{||u||<=1} |v^T (A u)_+| <= 1 because {A u : ||u|| <= 1} is the
  unit ball of R^n (A A^T = I: ||A u|| <= ||u||, and A (A^T z) = z with
  ||A^T z|| = ||z||) and sup_{||z||<=1} v^T z_+ = ||v_+|| (v^T z_+ <= v_+^T z_+
  <= ||v_+|| ||z_+||, equality at z = v_+ / ||v_+||); primal cost
  sum_j sqrt(p_j^T p_j) equals the dual value sum_i y_i r_i sqrt(m_i) term by
  term after grouping both by radicand. Weak duality then makes both optimal.
* ``l1-l0-gap`` (value: the l1 optimum P*): ||u_j||^2 <= 1, sum w_j (A u_j)_+ = y,
  P* = ||w||_1 = v^T y; for both signs e = +-1 and every sign vector s in
  {+-1}^n (all 2^n listed once), mu >= 0 with
  ||A^T D_s (e v) + sum_i mu_i s_i a_i||^2 <= 1, where D_s keeps the rows with
  s_i = +1: on the cone C_s = {u : s_i a_i^T u >= 0} we have
  e v^T (A u)_+ = (A^T D_s e v)^T u <= (A^T D_s e v + sum mu_i s_i a_i)^T u <= 1,
  and every u lies in some C_s, so |v^T (A u)_+| <= 1 on the ball and P* is
  optimal. Two-neuron bound: y has both signs; lam_+ (lam_-) on the simplex
  over {i : y_i > 0} ({i : y_i < 0}), r = ||sum_i lam_i a_i / |y_i| ||^2,
  hi > 0, hi^2 >= r, and 1/hi_+ + 1/hi_- > P*. (A 2-neuron fit has weights
  w_1 > 0 > w_2 and w_1 a_i^T u_1 >= y_i for y_i > 0, so 1/w_1 <= sum lam_i
  a_i^T u_1 / y_i <= sqrt(r_+) <= hi_+; likewise |w_2|.) Hence no network with
  <= 2 neurons is l1-optimal, while ``l0_network`` (two neurons (p, s) with
  sum s (A p)_+ = y) shows l0 = 2.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product
from typing import Optional

from ._base import Malformed, at, dot, list_, q, qlist

ZERO = Fraction(0)


def _matrix(doc: dict, name: str) -> list[list[Fraction]]:
    rows = [qlist(r, f"{name}[{i}]") for i, r in enumerate(list_(at(doc, name), name))]
    if not rows or any(len(r) != len(rows[0]) or not r for r in rows):
        raise Malformed(f"{name}: expected a non-empty rectangular matrix")
    return rows


def _relu_image(A: list[list[Fraction]], u: list[Fraction]) -> list[Fraction]:
    return [max(dot(a, u), ZERO) for a in A]


def _transpose_times(A: list[list[Fraction]], t: list[Fraction]) -> list[Fraction]:
    return [sum((A[i][j] * t[i] for i in range(len(A))), ZERO) for j in range(len(A[0]))]


def _gram_times(A: list[list[Fraction]], t: list[Fraction]) -> list[Fraction]:
    return [dot(a, _transpose_times(A, t)) for a in A]


def _both_signs(y: list[Fraction], problems: list[str]) -> None:
    if not (any(v > 0 for v in y) and any(v < 0 for v in y)):
        problems.append("y does not have both positive and negative entries")


def _two_neurons(doc: dict, name: str, A, y, problems: list[str]) -> list[list[Fraction]]:
    """Parse two (p, sign) neurons and check sum s (A p)_+ = y; return the p's."""
    neurons = list_(at(doc, name), name, 2)
    ps, total = [], [ZERO] * len(y)
    for j, nu in enumerate(neurons):
        p = qlist(at(nu, "p", f"{name}[{j}]"), f"{name}[{j}].p", len(A[0]))
        s = q(at(nu, "sign", f"{name}[{j}]"), f"{name}[{j}].sign")
        if s not in (1, -1):
            raise Malformed(f"{name}[{j}].sign: expected '1' or '-1'")
        total = [tv + s * r for tv, r in zip(total, _relu_image(A, p))]
        ps.append(p)
    if total != y:
        problems.append(f"{name}: sum_j s_j (A p_j)_+ != y")
    return ps


def check_spike_free(doc: dict, problems: list[str]) -> Optional[Fraction]:
    A = _matrix(doc, "A")
    n, d = len(A), len(A[0])
    method = at(doc, "method")
    if method == "gram":
        K = _matrix(doc, "K")
        if len(K) != n or len(K[0]) != n:
            raise Malformed("K: expected an n x n matrix")
        cols = [[K[i][j] for i in range(n)] for j in range(n)]
        if any(_gram_times(A, col) != [Fraction(int(i == j)) for i in range(n)] for j, col in enumerate(cols)):
            problems.append("A A^T K != I")
        if any(K[i][j] > 0 for i in range(n) for j in range(n) if i != j):
            problems.append("K = (A A^T)^{-1} has a positive off-diagonal entry")
    elif method == "rank-one":
        c, a = qlist(at(doc, "c"), "c", n), qlist(at(doc, "a"), "a", d)
        if any(A[i][j] != c[i] * a[j] for i in range(n) for j in range(d)):
            problems.append("A != c a^T")
        if any(v > 0 for v in c) and any(v < 0 for v in c):
            problems.append("c has entries of both signs")
    else:
        raise Malformed(f"method: expected 'gram' or 'rank-one', got {method!r}")
    return None


def check_spike_witness(doc: dict, problems: list[str]) -> Optional[Fraction]:
    A = _matrix(doc, "A")
    u = qlist(at(doc, "u"), "u", len(A[0]))
    b = qlist(at(doc, "b"), "b", len(A))
    if dot(u, u) > 1:
        problems.append("||u||^2 > 1")
    if b != _relu_image(A, u):
        problems.append("b != (A u)_+")
    if "t" in doc:
        t = qlist(doc["t"], "t", len(A))
        if _gram_times(A, t) != b:
            problems.append("A A^T t != b")
        if dot(t, b) <= 1:
            problems.append("min-norm ||z||^2 = t^T b <= 1")
        return dot(t, b)
    k = qlist(at(doc, "k"), "k", len(A))
    if any(_transpose_times(A, k)):
        problems.append("A^T k != 0")
    if dot(k, b) == 0:
        problems.append("k^T b = 0")
    return None


def check_whitened_l1(doc: dict, problems: list[str]) -> Optional[Fraction]:
    A, y = _matrix(doc, "A"), qlist(at(doc, "y"), "y")
    n = len(A)
    if len(y) != n:
        raise Malformed("y: expected one entry per row of A")
    if n > len(A[0]):
        problems.append("n > d")
    if any(dot(A[i], A[j]) != int(i == j) for i in range(n) for j in range(n)):
        problems.append("A A^T != I")
    _both_signs(y, problems)
    ps = _two_neurons(doc, "network", A, y, problems)
    dual = list_(at(doc, "dual"), "dual", n)
    r = [q(at(e, "r", f"dual[{i}]"), f"dual[{i}].r") for i, e in enumerate(dual)]
    m = [q(at(e, "m", f"dual[{i}]"), f"dual[{i}].m") for i, e in enumerate(dual)]
    if any(mi < 0 for mi in m):
        problems.append("dual: a negative radicand")
    for sign, part in ((1, "v_+"), (-1, "v_-")):
        if sum((ri * ri * mi for ri, mi in zip(r, m) if sign * ri > 0), ZERO) > 1:
            problems.append(f"dual infeasible: ||{part}||^2 > 1")
    primal: dict[Fraction, Fraction] = {}
    for p in ps:
        primal[dot(p, p)] = primal.get(dot(p, p), ZERO) + 1
    dual_value: dict[Fraction, Fraction] = {}
    for yi, ri, mi in zip(y, r, m):
        dual_value[mi] = dual_value.get(mi, ZERO) + yi * ri
    drop = lambda s: {k: v for k, v in s.items() if k and v}  # noqa: E731 - sqrt(0) and 0 * sqrt(m) vanish
    if drop(primal) != drop(dual_value):
        problems.append("primal cost sum sqrt(p^T p) != dual value sum y_i r_i sqrt(m_i) (grouped by radicand)")
    return None


def check_l1_l0_gap(doc: dict, problems: list[str]) -> Optional[Fraction]:
    A, y = _matrix(doc, "A"), qlist(at(doc, "y"), "y")
    n, d = len(A), len(A[0])
    if len(y) != n:
        raise Malformed("y: expected one entry per row of A")
    _both_signs(y, problems)
    fit, cost = [ZERO] * n, ZERO
    for j, nu in enumerate(list_(at(doc, "network"), "network")):
        u = qlist(at(nu, "u", f"network[{j}]"), f"network[{j}].u", d)
        w = q(at(nu, "w", f"network[{j}]"), f"network[{j}].w")
        if dot(u, u) > 1:
            problems.append(f"network[{j}]: ||u||^2 > 1")
        fit = [f + w * r for f, r in zip(fit, _relu_image(A, u))]
        cost += abs(w)
    if fit != y:
        problems.append("network does not fit y")
    v = qlist(at(doc, "dual"), "dual", n)
    if dot(v, y) != cost:
        problems.append(f"v^T y = {dot(v, y)} != ||w||_1 = {cost}")
    seen = set()
    for k, pat in enumerate(list_(at(doc, "patterns"), "patterns")):
        s = qlist(at(pat, "s", f"patterns[{k}]"), f"patterns[{k}].s", n)
        e = q(at(pat, "e", f"patterns[{k}]"), f"patterns[{k}].e")
        mu = qlist(at(pat, "mu", f"patterns[{k}]"), f"patterns[{k}].mu", n)
        if any(si not in (1, -1) for si in s) or e not in (1, -1) or any(x < 0 for x in mu):
            raise Malformed(f"patterns[{k}]: s, e must be +-1 and mu >= 0")
        seen.add((e, tuple(s)))
        g = _transpose_times(A, [(e * vi if si > 0 else ZERO) + mi * si for vi, mi, si in zip(v, mu, s)])
        if dot(g, g) > 1:
            problems.append(f"patterns[{k}]: ||A^T D_s (e v) + A^T (mu s)||^2 = {dot(g, g)} > 1")
    if seen != {(e, s) for e in (1, -1) for s in product((1, -1), repeat=n)}:
        problems.append("patterns: not every (e, s) in {+-1} x {+-1}^n is covered")
    bound = ZERO
    for sign, name in ((1, "lam_pos"), (-1, "lam_neg")):
        lam = qlist(at(doc, f"two_neuron_bound.{name}"), name, n)
        hi = q(at(doc, f"two_neuron_bound.hi_{name[4:]}"), f"hi_{name[4:]}")
        if any(x < 0 for x in lam) or sum(lam) != 1 or any(x and sign * yi <= 0 for x, yi in zip(lam, y)):
            problems.append(f"{name}: not on the simplex over the entries of y of sign {sign}")
            continue
        z = _transpose_times(A, [x / abs(yi) if x else ZERO for x, yi in zip(lam, y)])
        if hi <= 0 or hi * hi < dot(z, z):
            problems.append(f"hi_{name[4:]}^2 < r = {dot(z, z)}")
        else:
            bound += 1 / hi
    if bound <= cost:
        problems.append(f"two-neuron lower bound {bound} does not exceed P* = {cost}")
    _two_neurons(doc, "l0_network", A, y, problems)
    return cost


CHECKS = {
    "spike-free": check_spike_free,
    "spike-witness": check_spike_witness,
    "whitened-l1": check_whitened_l1,
    "l1-l0-gap": check_l1_l0_gap,
}
