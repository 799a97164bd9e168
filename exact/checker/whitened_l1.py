"""Kind "whitened-l1" (bias-free ReLU data, ep Sections 2.2.1, 3.4).

Convention (ep footnote 5): neurons u in R^d, ||u||_2 <= 1, no hidden bias, no
output bias; f(A) = sum_j w_j (A u_j)_+, cost ||w||_1. A is n x d (rows a_i).
A neuron is given either as a rational u (||u||^2 <= 1 checked) with weight w,
or, when its norm is irrational, as a direction p with a sign s: the neuron
u = p / ||p|| with weight s ||p|| contributes s (A p)_+ (ReLU is positively
homogeneous) at cost ||p|| = sqrt(p^T p).

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
"""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._bias_free import ZERO, both_signs, matrix, two_neurons
from ._fields import Malformed, at, list_, q, qlist
from .arith import dot


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    A, y = matrix(doc, "A"), qlist(at(doc, "y"), "y")
    n = len(A)
    if len(y) != n:
        raise Malformed("y: expected one entry per row of A")
    if n > len(A[0]):
        problems.append("n > d")
    if any(dot(A[i], A[j]) != int(i == j) for i in range(n) for j in range(n)):
        problems.append("A A^T != I")
    both_signs(y, problems)
    ps = two_neurons(doc, "network", A, y, problems)
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
