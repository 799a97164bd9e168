"""Kind "spike-free" (bias-free ReLU data, ep Sections 2.2.1, 3.4).

Convention (ep footnote 5): neurons u in R^d, ||u||_2 <= 1, no hidden bias, no
output bias; f(A) = sum_j w_j (A u_j)_+, cost ||w||_1. A is n x d (rows a_i).
A neuron is given either as a rational u (||u||^2 <= 1 checked) with weight w,
or, when its norm is irrational, as a direction p with a sign s: the neuron
u = p / ||p|| with weight s ||p|| contributes s (A p)_+ (ReLU is positively
homogeneous) at cost ||p|| = sqrt(p^T p).

* ``spike-free`` (value none): A is spike-free. method "gram": A A^T K = I and
  K_ij <= 0 for i != j (the Gram criterion proved in exact/relu/spike_free.py);
  method "rank-one": A = c a^T and (c >= 0 or c <= 0) (ep Lemma 2.5 up to sign).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._bias_free import gram_times, matrix
from ._fields import Malformed, at, qlist


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    A = matrix(doc, "A")
    n, d = len(A), len(A[0])
    method = at(doc, "method")
    if method == "gram":
        K = matrix(doc, "K")
        if len(K) != n or len(K[0]) != n:
            raise Malformed("K: expected an n x n matrix")
        cols = [[K[i][j] for i in range(n)] for j in range(n)]
        if any(gram_times(A, col) != [Fraction(int(i == j)) for i in range(n)] for j, col in enumerate(cols)):
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
