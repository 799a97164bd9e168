"""The 1-D problem with the bias inside the norm: float joint-norm program, exact bracket, exact optimum.

Problem (kh (2)+(8) = pe (6) with the bias as a feature = ddb (5)/(6)): inf ||mu||_TV s.t.
y_i = int sigma_alpha(w x_i + b) dmu(w, b) over the unit disk, no output bias. Its pattern program
with the joint norm (kh (9) corrected, :func:`exact.relu.pattern_program.pattern_program` with
``joint_norm``) is solved in float (:func:`verify.numeric.pattern_brackets.socp`); the solution
becomes an exact bracket (:func:`joint_bracket`) and the float dual warm-starts the exact solver
:func:`exact.relu.joint_norm.solve_joint_exact`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from exact.certificates.relu1d_joint_bracket import joint_bracket_certificate
from exact.certificates.relu1d_joint_exact import joint_exact_certificate
from exact.checker.arith import sigma
from exact.checker.relu1d import joint_candidates
from exact.convention import Convention, HiddenBias
from exact.l1 import l1_program
from exact.lp import feasible_point
from exact.numbers import sqrt_bounds
from exact.relu.joint_norm import JointExact, snap, solve_joint_exact
from exact.relu.networks import Network, Neuron
from exact.relu.pattern_program import PatternProgram, pattern_program, term_neuron

from .bracket import Bracket
from .pattern_brackets import rational, socp

#: the float dual is rounded to multiples of 2^-DUAL_BITS (one common denominator for all n entries: the checker
#: budgets the common denominator of a certificate's rationals)
DUAL_BITS = 40
SNAP_TOL = 1e-6  # a float neuron's kink within this (relative) of a data point is snapped to it


@dataclass(frozen=True)
class JointBracket:
    """lower <= value <= upper, with the exact network (unnormalised directions (w, b) with norm bounds r_j) and
    the scaled dual v."""

    bracket: Bracket
    network: Network
    norm_bounds: tuple[Fraction, ...]
    v: tuple[Fraction, ...]


def _directions(x: Sequence[Fraction], prog: PatternProgram, W: np.ndarray, B: np.ndarray
                ) -> list[tuple[Fraction, Fraction]]:
    """Primitive integer directions: the float neurons' (kink snapped to a data point or a simple rational,
    :func:`exact.relu.joint_norm.snap`), every data knot (u, -u t) and the constant (0, 1)."""
    out: list[tuple[Fraction, Fraction]] = []
    for k, t in enumerate(prog.terms):
        w, b = float(W[k][0]), float(B[k])
        if abs(w) + abs(b) > 1e-7:
            nr = term_neuron(t, (rational(w),), rational(b))
            out.append(snap(float(nr.w[0]), float(nr.b), x, SNAP_TOL))
    for u in (1, -1):
        out += [(Fraction(u * t.denominator), Fraction(-u * t.numerator)) for t in sorted(set(x))]
    out.append((Fraction(0), Fraction(1)))
    return list(dict.fromkeys(out))


def joint_bracket(x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction, prog: PatternProgram,
                  W: np.ndarray, B: np.ndarray, v: np.ndarray) -> JointBracket:
    """An exact bracket of the problem from a float solution of its joint-norm pattern program.

    Upper: neurons c_j sigma(w_j x + b_j) over the directions of :func:`_directions` (integers, so the fit has
    the small denominators of the data), weights from an exact basic feasible point of the LP
    min sum_j r_j |c_j| s.t. fit (:func:`exact.lp.feasible_point`: HiGHS's optimal basis, within its tolerance
    of the LP optimum; an upper end needs feasibility only, so no exact pivots), r_j >= |(w_j, b_j)| a decimal
    upper bound (denominator 10^12): the neuron is the disk atom (w, b) / |(w, b)| with weight c |(w, b)|
    <= c r_j. The LP is feasible: the data knots and the constant interpolate distinct points.
    Lower: v / U, v the float dual rounded to multiples of 2^-DUAL_BITS and U >= sup |g_v| over the circle.
    """
    dirs = _directions(x, prog, W, B)
    bounds = [sqrt_bounds(w * w + b * b, 12)[1] for w, b in dirs]
    cols = [{i: val for i, xi in enumerate(x) if (val := sigma(w * xi + b, alpha))} for w, b in dirs]
    z = feasible_point(l1_program(cols, list(y), weights=bounds))
    if z is None:
        raise ValueError("joint_bracket: no fit over the data knots and the constant (the data are not distinct)")
    kept = [(Neuron((w,), b, z[2 * j] - z[2 * j + 1]), r) for j, ((w, b), r) in enumerate(zip(dirs, bounds))
            if z[2 * j] != z[2 * j + 1]]
    net = Network(tuple(n for n, _ in kept), alpha=alpha)
    upper = sum((abs(n.c) * r for n, r in kept), Fraction(0))
    vq = [Fraction(round(float(t) * 2**DUAL_BITS), 2**DUAL_BITS) for t in v]
    U = max(sqrt_bounds((g * g) / (a[0] ** 2 + a[1] ** 2), 30)[1] for a, g in joint_candidates(x, vq, alpha))
    vq = [t / U for t in vq] if U > 0 else vq
    lower = sum((a * b for a, b in zip(vq, y, strict=True)), Fraction(0))
    return JointBracket(Bracket(lower, upper, "float dual v of the joint-norm program scaled by its exact sup "
                                "on the circle", "snapped float neurons and the data knots + exact LP for the "
                                "output weights"), net, tuple(r for _, r in kept), tuple(vq))


@dataclass(frozen=True)
class Joint1D:
    """The float joint-norm program, its exact bracket and the exact optimum (if decided)."""

    x: tuple[Fraction, ...]
    y: tuple[Fraction, ...]
    alpha: Fraction
    value: float  # the joint-norm pattern program, Clarabel
    joint: JointBracket
    W: np.ndarray
    B: np.ndarray
    program: PatternProgram
    exact: JointExact

    @property
    def bracket(self) -> Bracket:
        return self.joint.bracket

    def float_network(self) -> Network:
        """The float solution as a network with rational (w, b)."""
        return Network(tuple(term_neuron(t, (rational(self.W[k][0]),), rational(self.B[k]))
                             for k, t in enumerate(self.program.terms)
                             if abs(self.W[k][0]) + abs(self.B[k]) > 1e-7), alpha=self.alpha)

    def documents(self, claim: str, case: str) -> list[tuple[dict, str]]:
        """The certificates to check: the bracket (relu1d-joint-bracket) and, if decided, the exact optimum."""
        jb = self.joint
        docs = [(joint_bracket_certificate(claim, case, self.x, self.y, self.alpha, jb.network, jb.v,
                                           jb.bracket.lower, jb.bracket.upper, jb.norm_bounds), "__joint_bracket")]
        if self.exact.status == "optimal":
            docs.append((joint_exact_certificate(self.exact, claim, case), "__joint_exact"))
        return docs


def solve_joint(x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction) -> Joint1D:
    """The float joint-norm program on 1-D data, its exact bracket, and the exact optimum
    (:func:`exact.relu.joint_norm.solve_joint_exact`, warm-started by the float dual)."""
    xq, yq, alpha = tuple(map(Fraction, x)), tuple(map(Fraction, y)), Fraction(alpha)
    prog = pattern_program(xq, yq, Convention(alpha, HiddenBias.IN_NORM))
    value, W, B, v = socp(prog)
    jb = joint_bracket(xq, yq, alpha, prog, W, B, v)
    return Joint1D(xq, yq, alpha, value, jb, W, B, prog, solve_joint_exact(xq, yq, alpha, v))
