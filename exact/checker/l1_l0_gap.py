"""Kind "l1-l0-gap" (bias-free ReLU data, ep Sections 2.2.1, 3.4).

Convention (ep footnote 5): neurons u in R^d, ||u||_2 <= 1, no hidden bias, no
output bias; f(A) = sum_j w_j (A u_j)_+, cost ||w||_1. A is n x d (rows a_i).
A neuron is given either as a rational u (||u||^2 <= 1 checked) with weight w,
or, when its norm is irrational, as a direction p with a sign s: the neuron
u = p / ||p|| with weight s ||p|| contributes s (A p)_+ (ReLU is positively
homogeneous) at cost ||p|| = sqrt(p^T p).

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

from ._bias_free import ZERO, both_signs, matrix, relu_image, two_neurons
from ._fields import Malformed, at, list_, q, qlist
from .arith import dot, rmatvec


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    A, y = matrix(doc, "A"), qlist(at(doc, "y"), "y")
    n, d = len(A), len(A[0])
    if len(y) != n:
        raise Malformed("y: expected one entry per row of A")
    both_signs(y, problems)
    fit, cost = [ZERO] * n, ZERO
    for j, nu in enumerate(list_(at(doc, "network"), "network")):
        u = qlist(at(nu, "u", f"network[{j}]"), f"network[{j}].u", d)
        w = q(at(nu, "w", f"network[{j}]"), f"network[{j}].w")
        if dot(u, u) > 1:
            problems.append(f"network[{j}]: ||u||^2 > 1")
        fit = [f + w * r for f, r in zip(fit, relu_image(A, u))]
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
        g = rmatvec(A, [(e * vi if si > 0 else ZERO) + mi * si for vi, mi, si in zip(v, mu, s)])
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
        z = rmatvec(A, [x / abs(yi) if x else ZERO for x, yi in zip(lam, y)])
        if hi <= 0 or hi * hi < dot(z, z):
            problems.append(f"hi_{name[4:]}^2 < r = {dot(z, z)}")
        else:
            bound += 1 / hi
    if bound <= cost:
        problems.append(f"two-neuron lower bound {bound} does not exceed P* = {cost}")
    two_neurons(doc, "l0_network", A, y, problems)
    return cost
