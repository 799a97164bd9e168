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
>>> dot([F(1), F(2)], [F(3), F(1, 2)])
Fraction(4, 1)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ._fields import Malformed, at, list_, q, qlist, qmatrix, within
from ._proved import Proved, convention, stated_convention
from .arith import sigma
from .arrangement import certified_regions

MAX_POINTS = 16
MAX_DIMENSION = 3
MAX_NEURONS = 256


def dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((s * t for s, t in zip(a, b, strict=True)), Fraction(0))


def moreau(rows: list[list[Fraction]], p: Sequence[int], t: int, alpha: Fraction, v: Sequence[Fraction],
           lam: dict[int, Fraction]) -> Fraction:
    """||t G_R + sum_i lambda_i p_i r_i||^2 for the region with sign vector p."""
    D = len(rows[0])
    w = [t * sum(((Fraction(1) if s > 0 else alpha) * vi * r[a] for vi, s, r in zip(v, p, rows, strict=True)),
                 Fraction(0)) + sum((lam[i] * p[i] * rows[i][a] for i in lam), Fraction(0)) for a in range(D)]
    return dot(w, w)


def region_bounds(listed: object, name: str, n: int) -> dict[tuple[tuple[int, ...], int], dict[int, Fraction]]:
    """Moreau multipliers per (region sign vector, sign t): a list of {"region": p, "sign": t, "lambda": {row:
    rational >= 0}} (shared with relu-joint-isolated)."""
    out = {}
    for j, b in enumerate(list_(listed, name)):
        where = f"{name}[{j}]"
        key = (tuple(list_(at(b, "region", where), f"{where}.region", n)), at(b, "sign", where))
        raw = at(b, "lambda", where)
        lam = {int(i): q(t, f"{where}.lambda.{i}") for i, t in raw.items() if str(i).isdigit() and int(i) < n}
        if len(lam) < len(raw) or any(t < 0 for t in lam.values()):
            raise Malformed(f"{where}.lambda: expected nonnegative rationals keyed by row index")
        out[key] = lam
    return out


def joint_data(doc: dict) -> tuple[Fraction, list[list[Fraction]], list[Fraction], list[list[Fraction]]]:
    """(alpha, X, y, the lifted rows (x_i, 1)) of the convention {alpha != 1, in-norm, no output bias}, data.X with
    distinct points (n <= MAX_POINTS, d <= MAX_DIMENSION) and data.y (shared with relu-joint-isolated)."""
    conv = stated_convention(doc)
    if conv["hidden_bias"] != "in-norm" or conv["output_bias"]:
        raise Malformed("convention: expected hidden_bias in-norm and no output bias")
    X = qmatrix(at(doc, "data.X"), "data.X")
    within(len(X), MAX_POINTS, "data.X: points n")
    within(len(X[0]), MAX_DIMENSION, "data.X: dimension d")
    if len({tuple(r) for r in X}) < len(X):
        raise Malformed("data.X: expected distinct points")
    y = qlist(at(doc, "data.y"), "data.y", len(X))
    return Fraction(conv["alpha"]), X, y, [list(r) + [Fraction(1)] for r in X]


def check(doc: dict, problems: list[str]) -> Proved:
    alpha, X, y, rows = joint_data(doc)
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
