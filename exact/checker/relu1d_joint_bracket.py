"""Kind "relu1d-joint-bracket": an exact bracket of kh (2) with W = {w^2 + b^2 <= 1} (kh (8)) in 1-D.

The problem: inf ||mu||_TV s.t. y_i = int sigma_alpha(w x_i + b) dmu(w, b) over the unit disk
(kh (2)+(8) = kh (9) corrected, no output bias). Weak duality: for any v with
|sum_i v_i sigma(w x_i + b)| <= 1 on the disk, v^T y <= the infimum <= the cost of any network.

The sup of |g_v| over the circle is attained at a candidate of
:func:`exact.checker.relu1d.joint_candidates` (boundary rays and +-(P, Q) of each cone).

Conditions checked:
  * convention {alpha != 1, hidden_bias "in-norm", no output bias}, data.x distinct, data.y;
  * sum_j c_j sigma(w_j x_i + b_j) == y_i for all i over the primal neurons {w: [w], b, c}; without
    ``primal.norm_bounds`` every neuron has w^2 + b^2 <= 1 (an atom of the disk, cost |c|, so r_j = 1 below);
    with it, one r_j >= 0 per neuron with r_j^2 >= w_j^2 + b_j^2: the neuron is the atom (w, b) / |(w, b)|
    with weight c |(w, b)| (sigma is positively homogeneous), of cost |c| |(w, b)| <= |c| r_j;
  * for every candidate direction a: g(a)^2 <= |a|^2 (so sup |g| <= 1 on the disk);
  * v^T y <= sum_j |c_j| r_j.
Proves ``{"type": "between", "lower": v^T y, "upper": sum_j |c_j| r_j}``. The norm bounds let a network keep
simple unnormalised directions (a kink t is the direction (1, -t)) and one common denominator.

Limit: at most MAX_POINTS = 400 data points (the ~6n candidates cost O(n log n) operations, but on
rationals whose denominators grow with n).
"""

from __future__ import annotations

from fractions import Fraction

from ._fields import at, qlist
from ._joint import joint_data, joint_dual_ok, joint_network
from ._proved import Proved
from .arith import dot

#: data points n (real: at most 200). There are ~6n candidate directions, each tested with rationals of ~n
#: times the digits of the data's: n = 400 points whose common denominator is at the checker's budget take ~4 s
MAX_POINTS = 400


def check(doc: dict, problems: list[str]) -> Proved:
    x, y, alpha, data = joint_data(doc, MAX_POINTS)
    nets = joint_network(doc, x, y, alpha, problems)
    bounds = (qlist(at(doc, "primal.norm_bounds"), "primal.norm_bounds", len(nets)) if "norm_bounds" in doc["primal"]
              else [Fraction(1)] * len(nets))
    for j, ((w, b, _), r) in enumerate(zip(nets, bounds, strict=True)):
        if r < 0 or w * w + b * b > r * r:
            problems.append(f"primal.neurons[{j}]: w^2 + b^2 = {w * w + b * b} > {r * r}"
                            if r >= 0 else f"primal.norm_bounds[{j}] = {r} < 0")
    upper = sum((abs(c) * r for (_, _, c), r in zip(nets, bounds, strict=True)), Fraction(0))
    v = qlist(at(doc, "dual.v"), "dual.v", len(x))
    joint_dual_ok(x, v, alpha, problems)
    lower = dot(v, y)
    if lower > upper:
        problems.append(f"lower {lower} > upper {upper}")
    return Proved({"type": "between", "lower": lower, "upper": upper}, data)
