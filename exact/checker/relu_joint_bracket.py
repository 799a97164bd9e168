"""Kind "relu-joint-bracket": a certified bracket of ddb (20) on d-dimensional data, from a rational dual with a
Moreau bound on every region and an exact-fit network (the fallback where relu-joint-isolated declines).

The problem is that of relu-joint-isolated: min ||nu||_TV over the unit sphere of R^(d+1) s.t. int sigma_alpha(r_i .
theta) dnu = y_i, r_i = (x_i, 1). For a rational v and a region R (sign vector p, re-derived by
:func:`exact.checker.arrangement.certified_regions`), sup over unit theta in the closed cone C_R of t g_v(theta) =
||Pi_(C_R)(t G_R)|| <= ||t G_R + sum_i lambda_i p_i r_i|| for every lambda >= 0 (Moreau), G_R = sum_i v_i h_i r_i.

Conditions checked (exact rational arithmetic):
  1. convention {alpha != 1, hidden bias in-norm, no output bias}, data.X (n x d, d <= MAX_DIMENSION), data.y;
  2. ``dual.v`` (n rationals) and ``dual.bound`` U > 0; for every region R and t = +-1 an entry of ``dual.bounds``
     with lambda >= 0 and ||t G_R + sum_i lambda_i p_i r_i||^2 <= U^2: so |g_v| <= U on the sphere and v / U is
     dual feasible, lower = v^T y / U;
  3. ``primal.neurons`` {w: [d + 1 rationals theta != 0], c} fit y exactly, and ``primal.norm_bounds`` r_j >= 0 have
     r_j^2 >= theta_j . theta_j: the neuron is the atom theta_j / |theta_j| with weight c_j |theta_j| <= |c_j| r_j,
     upper = sum_j |c_j| r_j.
Proves ``{"type": "between", "lower": v^T y / U, "upper": sum_j |c_j| r_j}`` (weak duality).

>>> from fractions import Fraction as F
>>> rows = [[F(0), F(1)], [F(1), F(1)]]  # x = 0, 1
>>> moreau(rows, (1, 1), 1, F(0), [F(1), F(-1)], {})  # G = (0, 1) - (1, 1) = (-1, 0)
Fraction(1, 1)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ._fields import Malformed, at, list_, q, qlist, within
from ._lifted import dot, lifted_data, region_bounds
from ._proved import Proved, convention
from .arith import sigma
from .arrangement import certified_regions

MAX_NEURONS = 256


def moreau(rows: list[list[Fraction]], p: Sequence[int], t: int, alpha: Fraction, v: Sequence[Fraction],
           lam: dict[int, Fraction]) -> Fraction:
    """||t G_R + sum_i lambda_i p_i r_i||^2 for the region with sign vector p."""
    D = len(rows[0])
    w = [t * sum(((Fraction(1) if s > 0 else alpha) * vi * r[a] for vi, s, r in zip(v, p, rows, strict=True)),
                 Fraction(0)) + sum((lam[i] * p[i] * rows[i][a] for i in lam), Fraction(0)) for a in range(D)]
    return dot(w, w)


def check(doc: dict, problems: list[str]) -> Proved:
    alpha, X, y, rows = lifted_data(doc)
    v = qlist(at(doc, "dual.v"), "dual.v", len(X))
    U = q(at(doc, "dual.bound"), "dual.bound")
    if U <= 0:
        raise Malformed(f"dual.bound: expected U > 0, got {U}")
    given = region_bounds(at(doc, "dual.bounds"), "dual.bounds", len(rows))
    for R in certified_regions(rows):                                                      # 2.
        for t in (1, -1):
            mult = given.get((R, t))
            if mult is None:
                problems.append(f"dual: no bound for region {list(R)} and sign {t:+d}")
            elif moreau(rows, R, t, alpha, v, mult) > U * U:
                problems.append(f"dual: the bound of region {list(R)}, sign {t:+d} exceeds U^2")
    nets = list_(at(doc, "primal.neurons"), "primal.neurons")
    within(len(nets), MAX_NEURONS, "primal.neurons: neurons")
    radii = qlist(at(doc, "primal.norm_bounds"), "primal.norm_bounds", len(nets))
    fit = [Fraction(0)] * len(X)
    upper = Fraction(0)
    for j, (nrn, r) in enumerate(zip(nets, radii, strict=True)):                            # 3.
        theta = qlist(at(nrn, "w", f"primal.neurons[{j}]"), f"primal.neurons[{j}].w", len(rows[0]))
        c = q(at(nrn, "c", f"primal.neurons[{j}]"), f"primal.neurons[{j}].c")
        if not any(theta) or r < 0 or r * r < dot(theta, theta):
            problems.append(f"primal.norm_bounds[{j}]: {r} is not an upper bound of |theta_{j}|")
        fit = [f + c * sigma(dot(row, theta), alpha) for f, row in zip(fit, rows, strict=True)]
        upper += abs(c) * r
    for i, (f, yi) in enumerate(zip(fit, y, strict=True)):
        if f != yi:
            problems.append(f"primal: the network gives {f} at point {i} but y = {yi}")
    relation = {"type": "between", "lower": dot(v, y) / U, "upper": upper}
    return Proved(relation, {"X": X, "y": y, "convention": convention(alpha, "in-norm", False)})
