"""A certified bracket of ddb (20) on d-dimensional data (kind relu-joint-bracket): the fallback where the isolated
route (:mod:`exact.relu.joint_isolated_nd`) declines -- a degenerate face, a non-unique or an even dual.

Lower end: the float dual v_hat rounded to multiples of 2^-DUAL_BITS; for every region and sign the NNLS multipliers
of the projection of t G_R onto the region's cone, rounded, give exact Moreau bounds ||t G_R + sum lambda_i p_i
r_i||^2; U is an upper square root of their maximum, and v / U is dual feasible: lower = v^T y / U.
Upper end: the float SOCP's blocks u_R, w_R as rational directions, with every region's integer point (so a fit
exists), and the exact LP min sum_j r_j |c_j| s.t. fit (:func:`exact.lp.solve_lp`; a basis repaired from a rounded float
solution is no optimum), r_j >= |theta_j| decimal upper bounds.

>>> from cases import random_2d_case
>>> b = bracket_nd(random_2d_case(8).X, random_2d_case(8).y)  # the isolated route declines this one
>>> 0 < float(b.upper - b.lower) < 1e-6 * float(b.upper)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from ..checker.arith import sigma
from ..checker.relu_joint_bracket import dot, moreau
from ..l1 import l1_program
from ..lp import solve_lp
from ..numbers import dyadic, sqrt_bounds
from .arrangements import central_arrangement
from .joint_isolated_nd import float_solution, lifted_rows, projections

DUAL_BITS = 40
BLOCK_TOL = 1e-9  # a float block below this norm is no neuron


@dataclass(frozen=True)
class BracketND:
    """lower <= (20) <= upper, with the evidence of kind relu-joint-bracket."""

    X: tuple[tuple[Fraction, ...], ...]
    y: tuple[Fraction, ...]
    v: tuple[Fraction, ...]
    bound: Fraction
    bounds: tuple[tuple[tuple[int, ...], int, dict[int, Fraction]], ...]
    neurons: tuple[tuple[tuple[Fraction, ...], Fraction], ...]  # (theta, c)
    norm_bounds: tuple[Fraction, ...]
    lower: Fraction
    upper: Fraction


def bracket_nd(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction]) -> BracketND:
    """The certified bracket of the module doc (ValueError if no fit exists: the points are not distinct)."""
    Xq = tuple(tuple(Fraction(t) for t in x) for x in X)
    yq = tuple(Fraction(t) for t in y)
    rows = lifted_rows(Xq)
    faces = central_arrangement(rows).regions
    regions = [f.sign for f in faces]
    v_hat, u, w = float_solution(rows, yq, regions)
    v = tuple(dyadic(t, DUAL_BITS) for t in v_hat)
    bounds = tuple((a.region, a.sign, {int(i): dyadic(float(t), DUAL_BITS) for i, t in enumerate(lam) if t > 0})
                   for a, _, lam in projections(rows, regions, [float(t) for t in v]))
    worst = max(moreau(rows, p, t, Fraction(0), v, lam) for p, t, lam in bounds)
    U = sqrt_bounds(worst, 12)[1]
    dirs = [tuple(dyadic(t, 30) for t in block) for blocks in (u, w) for block in blocks
            if np.linalg.norm(block) > BLOCK_TOL]
    dirs += [tuple(Fraction(t) for t in f.point) for f in faces]
    dirs = list(dict.fromkeys(d for d in dirs if any(d)))
    radii = [sqrt_bounds(dot(d, d), 12)[1] for d in dirs]
    cols = [{i: val for i, r in enumerate(rows) if (val := sigma(dot(r, d), Fraction(0)))} for d in dirs]
    res = solve_lp(l1_program(cols, list(yq), weights=radii))
    if res.status != "optimal":
        raise ValueError("bracket_nd: no fit over the region points (the data are not distinct)")
    z = res.optimum().x
    kept = [((d, z[2 * j] - z[2 * j + 1]), r) for j, (d, r) in enumerate(zip(dirs, radii)) if z[2 * j] != z[2 * j + 1]]
    return BracketND(Xq, yq, v, U, bounds, tuple(n for n, _ in kept), tuple(r for _, r in kept),
                     dot(v, yq) / U, sum((abs(c) * r for (_, c), r in kept), Fraction(0)))
