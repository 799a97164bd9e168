"""Kind "pattern-bracket": an exact bracket of kh (2) in any dimension through the sign patterns J.

The problem: inf ||mu||_TV s.t. y_i = int sigma_alpha(x_i^T w + b) dmu(w, b) over W = {||w||_2 <= 1},
b free (kh (3); hidden_bias "free") or W = {||[w, b]||_2 <= 1} (kh (8); hidden_bias "in-norm"); no
output bias.

Lower end (weak duality): every atom p = X w + b 1 has its pattern s = sign(p) in J and satisfies
s . p >= 0, so by :mod:`exact.checker._pattern_dual` (sign rows S = s for both eps)
|v^T sigma(p)| <= G on W: v / G is feasible for the semi-infinite dual and v^T y / G <= the infimum.
Upper end: a network with atoms in W fitting y exactly costs sum |c_j|; with b free a constant c0
costs nothing in the limit (the neuron (0, beta), beta -> oo, with weight c0 / beta).

Conditions checked:
  * convention, data.X, data.y and J as in :func:`exact.checker._pattern_dual.pattern_problem`;
  * dual.v, dual.G, dual.pieces as in :func:`exact.checker._pattern_dual.dual_lower` (S = s);
  * primal.neurons {w (d), b, c}, M of them with N M d <= MAX_NETWORK_WORK = 50 000: ||w||^2 <= 1 (resp.
    ||w||^2 + b^2 <= 1); primal.constant c0 (must be 0 when joint); sum_j c_j sigma(X w_j + b_j 1) + c0 1 == y;
  * v^T y / G <= sum_j |c_j|.
Proves ``{"type": "between", "lower": v^T y / G, "upper": sum_j |c_j|}``.

Limits (checked before the work): those of :mod:`exact.checker._pattern_dual`, and N M d <= MAX_NETWORK_WORK
for the M primal neurons.
"""

from __future__ import annotations

from fractions import Fraction

from ._fields import at, list_, neurons, q, within
from ._pattern_dual import dual_lower, pattern_problem
from ._proved import Proved
from .arith import dot, sigma

#: N M d: the network is evaluated at N points with M neurons of d weights (real certificates: 6 * 6 * 2 = 72)
MAX_NETWORK_WORK = 50_000


def check(doc: dict, problems: list[str]) -> Proved:
    P = pattern_problem(doc, problems)
    lower = dual_lower(doc, problems, P, minus_sign=1)
    raw = list_(at(doc, "primal.neurons"), "primal.neurons")
    within(len(P.X) * len(raw) * len(P.X[0]), MAX_NETWORK_WORK, "primal.neurons: N M d (points x neurons x d)")
    nets = neurons(raw, "primal.neurons", len(P.X[0]))
    c0 = q(at(doc, "primal.constant"), "primal.constant")
    for j, (w, b, _) in enumerate(nets):
        if dot(w, w) + (b * b if P.joint else 0) > 1:
            problems.append(f"primal.neurons[{j}]: the atom is outside W")
    if P.joint and c0:
        problems.append("primal.constant: must be 0 when the bias is inside the norm")
    for i, (x, yi) in enumerate(zip(P.X, P.y, strict=True)):
        f = c0 + sum((c * sigma(dot(x, w) + b, P.alpha) for w, b, c in nets), Fraction(0))
        if f != yi:
            problems.append(f"primal: point {i}: network = {f} but y = {yi}")
    upper = sum((abs(c) for _, _, c in nets), Fraction(0))
    if lower > upper:
        problems.append(f"lower {lower} > upper {upper}")
    return Proved({"type": "between", "lower": lower, "upper": upper}, P.data())
