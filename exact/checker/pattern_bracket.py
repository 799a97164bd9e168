"""Kind "pattern-bracket": an exact bracket of kh (2) in any dimension through the sign patterns J.

The problem: inf ||mu||_TV s.t. y_i = int sigma_alpha(x_i^T w + b) dmu(w, b) over W = {||w||_2 <= 1},
b free (kh (3); ``joint`` false) or W = {||[w, b]||_2 <= 1} (kh (8); ``joint`` true); no output bias.

Lower end (weak duality). Every atom p = X w + b 1 has a pattern s = sign(p) in J (sign(0) = +1),
and sigma(p) = h(s) . p with s . p >= 0 (h_k = 1 if s_k = 1, else alpha). For eps = +-1 put
c = eps h(s) . v and g = c + m with m = s . mu, mu >= 0. Then eps v^T sigma(p) = c^T p <= g^T p
= (X^T g)^T w + (1^T g) b, which is <= ||X^T g|| when 1^T g = 0 (b free) and <= ||[X^T g, 1^T g]||
(joint). So if every (s, eps) has such an m with that norm <= G, then |v^T sigma(p)| <= G on W,
v / G is feasible for the semi-infinite dual, and v^T y / G <= the infimum.
Upper end: a network with those atoms fitting y exactly costs sum |c_j|; with b free a constant
c0 costs nothing in the limit (a neuron (0, beta) with beta -> oo, weight c0 / beta).

Conditions checked:
  * data.X (N x d), data.y (N), data.alpha != 1, data.joint (bool);
  * patterns: a full "sign-patterns" certificate (checked by that kind) on the same X; J is its
    realised list;
  * dual.v (N), dual.G > 0; if not joint, sum(v) == 0; dual.pieces has exactly one entry per
    (s in J, eps in {1, -1}) with m (N entries), s_k m_k >= 0, 1^T g == 0 if not joint, and
    ||X^T g||^2 (resp. + (1^T g)^2) <= G^2;
  * primal.neurons {w (d), b, c}: ||w||^2 <= 1 (resp. ||w||^2 + b^2 <= 1); primal.constant c0 (must be
    0 when joint); sum_j c_j sigma(X w_j + b_j 1) + c0 1 == y;
  * lower == v^T y / G, upper == sum_j |c_j|, lower <= upper.
The certified value returned is ``lower``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._fields import at, list_, q, qlist
from ._pattern_dual import dual_lower, pattern_data
from .arith import dot, sigma


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    X, y, alpha, joint, J = pattern_data(doc, problems)
    N, d = len(X), len(X[0])
    lower = dual_lower(doc, problems, X, y, alpha, joint, J, printed=False)
    fit = [Fraction(0)] * N
    cost = Fraction(0)
    for k, item in enumerate(list_(at(doc, "primal.neurons"), "primal.neurons")):
        name = f"primal.neurons[{k}]"
        w = qlist(at(item, "w", name), f"{name}.w", d)
        b, c = q(at(item, "b", name), f"{name}.b"), q(at(item, "c", name), f"{name}.c")
        if dot(w, w) + (b * b if joint else 0) > 1:
            problems.append(f"{name}: the atom is outside W")
        fit = [f + c * sigma(dot(x, w) + b, alpha) for f, x in zip(fit, X)]
        cost += abs(c)
    c0 = q(at(doc, "primal.constant"), "primal.constant")
    if joint and c0:
        problems.append("primal.constant: must be 0 when the bias is inside the norm")
    if [f + c0 for f in fit] != y:
        problems.append("primal: the network does not fit y")
    upper = q(at(doc, "upper"), "upper")
    if upper != cost:
        problems.append(f"upper: {upper} != sum |c_j| = {cost}")
    if lower > upper:
        problems.append(f"lower {lower} > upper {upper}")
    return lower
