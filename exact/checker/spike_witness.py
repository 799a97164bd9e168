"""Kind "spike-witness" (bias-free ReLU data, ep Sections 2.2.1, 3.4).

Convention (ep footnote 5): neurons u in R^d, ||u||_2 <= 1, no hidden bias, no
output bias; f(A) = sum_j w_j (A u_j)_+, cost ||w||_1. A is n x d (rows a_i).
A neuron is given either as a rational u (||u||^2 <= 1 checked) with weight w,
or, when its norm is irrational, as a direction p with a sign s: the neuron
u = p / ||p|| with weight s ||p|| contributes s (A p)_+ (ReLU is positively
homogeneous) at cost ||p|| = sqrt(p^T p).

* ``spike-witness`` (value ||z||^2 or none): ||u||^2 <= 1, b = (A u)_+, and
  either t with A A^T t = b and t^T b > 1 (z = A^T t is the minimum-norm
  solution of A z = b, ||z||^2 = t^T b > 1), or k with A^T k = 0, k^T b != 0
  (b not in range A). Either way (A u)_+ is in Q_A but not in A B_2: NOT spike-free.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._bias_free import gram_times, matrix, relu_image
from ._fields import at, qlist
from .arith import dot, rmatvec


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    A = matrix(doc, "A")
    u = qlist(at(doc, "u"), "u", len(A[0]))
    b = qlist(at(doc, "b"), "b", len(A))
    if dot(u, u) > 1:
        problems.append("||u||^2 > 1")
    if b != relu_image(A, u):
        problems.append("b != (A u)_+")
    if "t" in doc:
        t = qlist(doc["t"], "t", len(A))
        if gram_times(A, t) != b:
            problems.append("A A^T t != b")
        if dot(t, b) <= 1:
            problems.append("min-norm ||z||^2 = t^T b <= 1")
        return dot(t, b)
    k = qlist(at(doc, "k"), "k", len(A))
    if any(rmatvec(A, k)):
        problems.append("A^T k != 0")
    if dot(k, b) == 0:
        problems.append("k^T b = 0")
    return None
