"""Kind "relu1d-joint-bracket": an exact bracket of kh (2) with W = {w^2 + b^2 <= 1} in 1-D.

The problem: inf ||mu||_TV s.t. y_i = int sigma_alpha(w x_i + b) dmu(w, b) over the unit disk
(kh (2) with W as in (8), no output bias). Weak duality: for any v with
|sum_i v_i sigma(w x_i + b)| <= 1 on the disk, v^T y <= the infimum <= the cost of any network.

The dual function g(w, b) = sum_i v_i sigma(w x_i + b) is positively homogeneous and, on each
closed cone where the active set {i : w x_i + b >= 0} is fixed, linear: g = P w + Q b with
P = sum_i v_i h_i x_i, Q = sum_i v_i h_i (h_i = 1 if active, else alpha). So sup_{circle} |g| is
attained at a cone boundary ray +-(1, -x_k) or at +-(P, Q) of some cone; the active sets of the
cones are the sets {x_i >= t} and {x_i <= t} (t any real), i.e. suffixes and prefixes of the
sorted data, the empty set included. ``joint_candidates`` lists all those directions a with g(a).

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

from ._base import Malformed, at, dot, list_, q, qlist


def _sigma(t: Fraction, alpha: Fraction) -> Fraction:
    return t if t >= 0 else alpha * t


def joint_candidates(x: list[Fraction], v: list[Fraction], alpha: Fraction
                     ) -> list[tuple[tuple[Fraction, Fraction], Fraction]]:
    """Every direction a = (w, b) where sup |g| over the circle can be attained, with g(a)."""
    pts = sorted(set(x))
    dirs = [(s * Fraction(1), -s * t) for t in pts for s in (1, -1)]
    cuts = [pts[0] - 1] + pts
    for t in cuts:  # active sets {x_i > t} (t = a data point or below all) and their complements
        for active in ([xi > t for xi in x], [xi <= t for xi in x]):
            h = [Fraction(1) if a else alpha for a in active]
            P = sum((vi * hi * xi for vi, hi, xi in zip(v, h, x)), Fraction(0))
            Q = sum((vi * hi for vi, hi in zip(v, h)), Fraction(0))
            if P or Q:
                dirs += [(P, Q), (-P, -Q)]
    return [(a, sum((vi * _sigma(a[0] * xi + a[1], alpha) for vi, xi in zip(v, x)), Fraction(0)))
            for a in dirs]


def joint_data(doc: dict) -> tuple[list[Fraction], list[Fraction], Fraction]:
    """data.x (distinct), data.y, data.alpha (!= 1) of a 1-D joint-norm certificate."""
    x = qlist(at(doc, "data.x"), "data.x")
    y = qlist(at(doc, "data.y"), "data.y", len(x))
    alpha = q(at(doc, "data.alpha"), "data.alpha")
    if alpha == 1 or len(set(x)) != len(x) or not x:
        raise Malformed("data: need distinct points x and alpha != 1")
    return x, y, alpha


def joint_network(doc: dict, x: list[Fraction], y: list[Fraction], alpha: Fraction, problems: list[str]
                  ) -> list[tuple[Fraction, Fraction, Fraction]]:
    """primal.neurons as (c, w, b); a problem for every data point where sum c sigma(w x + b) != y."""
    out = []
    for j, nr in enumerate(list_(at(doc, "primal.neurons"), "primal.neurons")):
        out.append(tuple(q(at(nr, k, f"primal.neurons[{j}]"), f"primal.neurons[{j}].{k}") for k in ("c", "w", "b")))
    for i, (xi, yi) in enumerate(zip(x, y)):
        f = sum((c * _sigma(w * xi + b, alpha) for c, w, b in out), Fraction(0))
        if f != yi:
            problems.append(f"primal: network value {f} at x[{i}] = {xi} but y = {yi}")
    return out


def joint_dual_ok(x: list[Fraction], v: list, alpha: Fraction, problems: list[str]) -> list:
    """|g_v(a)| <= |a| at every candidate of :func:`joint_candidates` (so on the whole disk); the candidates."""
    cands = joint_candidates(x, v, alpha)
    for a, g in cands:
        if g * g > a[0] * a[0] + a[1] * a[1]:
            problems.append(f"dual: |g(a)| > |a| at a = ({a[0]}, {a[1]}): g = {g}")
    return cands


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


CHECKS = {"relu1d-joint-bracket": check}
