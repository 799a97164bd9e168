"""Kind "relu1d-joint-bracket": an exact bracket of kh (2) with W = {w^2 + b^2 <= 1} (kh (8)) in 1-D.

The problem: inf ||mu||_TV s.t. y_i = int sigma_alpha(w x_i + b) dmu(w, b) over the unit disk
(kh (2)+(8) = kh (9) corrected, no output bias). Weak duality: for any v with
|sum_i v_i sigma(w x_i + b)| <= 1 on the disk, v^T y <= the infimum <= the cost of any network.

The sup of |g_v| over the circle is attained at a candidate of
:func:`exact.checker.relu1d.joint_candidates` (boundary rays and +-(P, Q) of each cone).

Conditions checked:
  * convention {alpha != 1, hidden_bias "in-norm", no output bias}, data.x distinct, data.y;
  * every primal neuron {w: [w], b, c} has w^2 + b^2 <= 1 (an atom of the disk, cost |c|) and
    sum_j c_j sigma(w_j x_i + b_j) == y_i for all i;
  * for every candidate direction a: g(a)^2 <= |a|^2 (so sup |g| <= 1 on the disk);
  * v^T y <= sum_j |c_j|.
Proves ``{"type": "between", "lower": v^T y, "upper": sum_j |c_j|}``.

Limit: at most MAX_POINTS = 100 data points (the ~6n candidates cost O(n log n) operations, but on
rationals whose denominators grow with n).
"""

from __future__ import annotations

from fractions import Fraction

from ._fields import at, qlist
from ._joint import joint_data, joint_dual_ok, joint_network
from ._proved import Proved
from .arith import dot

#: data points n (real: at most 6). There are ~6n candidate directions, each tested with rationals of ~n
#: times the digits of the data's: n = 100 points of 23-character rationals take ~2 s
MAX_POINTS = 100


def check(doc: dict, problems: list[str]) -> Proved:
    x, y, alpha, data = joint_data(doc, MAX_POINTS)
    nets = joint_network(doc, x, y, alpha, problems)
    for j, (w, b, _) in enumerate(nets):
        if w * w + b * b > 1:
            problems.append(f"primal.neurons[{j}]: w^2 + b^2 = {w * w + b * b} > 1")
    upper = sum((abs(c) for _, _, c in nets), Fraction(0))
    v = qlist(at(doc, "dual.v"), "dual.v", len(x))
    joint_dual_ok(x, v, alpha, problems)
    lower = dot(v, y)
    if lower > upper:
        problems.append(f"lower {lower} > upper {upper}")
    return Proved({"type": "between", "lower": lower, "upper": upper}, data)
