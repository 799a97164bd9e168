"""Kind "relu1d-joint-bracket": an exact bracket of kh (2) with W = {w^2 + b^2 <= 1} in 1-D.

The problem: inf ||mu||_TV s.t. y_i = int sigma_alpha(w x_i + b) dmu(w, b) over the unit disk
(kh (2) with W as in (8), no output bias). Weak duality: for any v with
|sum_i v_i sigma(w x_i + b)| <= 1 on the disk, v^T y <= the infimum <= the cost of any network.

The sup of |g_v| over the circle is attained at a candidate of
:func:`exact.checker.relu1d.joint_candidates` (boundary rays and +-(P, Q) of each cone).

Conditions checked:
  * data.x distinct, data.y the same length, data.alpha != 1;
  * every primal neuron has w^2 + b^2 <= 1 and sum_j c_j sigma(w_j x_i + b_j) == y_i for all i;
  * upper == sum_j |c_j|;
  * for every candidate direction a: g(a)^2 <= |a|^2 (so sup |g| <= 1 on the disk);
  * lower == v^T y and lower <= upper.
The certified value returned is ``lower``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._fields import at, q, qlist
from ._joint import joint_data, joint_dual_ok, joint_network
from .arith import dot


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    x, y, alpha = joint_data(doc)
    cost = Fraction(0)
    for j, (c, w, b) in enumerate(joint_network(doc, x, y, alpha, problems)):
        if w * w + b * b > 1:
            problems.append(f"primal neuron {j}: w^2 + b^2 = {w * w + b * b} > 1")
        cost += abs(c)
    upper, lower = q(at(doc, "upper"), "upper"), q(at(doc, "lower"), "lower")
    if cost != upper:
        problems.append(f"primal: sum |c_j| = {cost} but upper = {upper}")
    v = qlist(at(doc, "dual.v"), "dual.v", len(x))
    joint_dual_ok(x, v, alpha, problems)
    if dot(v, y) != lower:
        problems.append(f"dual: v^T y = {dot(v, y)} but lower = {lower}")
    if lower > upper:
        problems.append(f"lower {lower} > upper {upper}")
    return lower
