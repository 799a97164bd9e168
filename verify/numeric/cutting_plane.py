"""ep's cutting-plane methods (Algorithm 1 without bias, Algorithm 3 with bias) in float, and their exact bracket.

The algorithm under test runs in binary64 exactly as printed (restricted dual by HiGHS, oracle by
cvxpy); :func:`run_bracket` turns its final neurons and dual into a rigorous
:class:`verify.numeric.bracket.Bracket` of the optimum of min ||w||_1 s.t. sigma(A U + 1 b^T) w = y.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from exact.linalg import dot

from .bracket import Bracket
from .intervals import exact
from .repair import ball_point, restore_equality, scale_into
from .socp import solve
from .sups import relu_argmax, relu_sup

MAX_ITER = 60


BOX = 1000.0  # |v_i| <= BOX in the restricted dual: without it step 5 is unbounded until U spans enough


CUT_TOL = 1e-7  # a neuron violates when its constraint exceeds 1 + CUT_TOL


@dataclass
class CuttingPlaneRun:
    """What a cutting-plane run produced (floats: the brackets are built from them afterwards)."""

    neurons: list[tuple[np.ndarray, float]]
    v: np.ndarray
    iterations: int
    converged: bool
    weights: np.ndarray | None  # final "Solve (4) using U" (None: infeasible), then the free constant
    constant: float


def _columns(Af: np.ndarray, neurons) -> np.ndarray:
    return np.column_stack([np.maximum(Af @ u + b, 0) for u, b in neurons]) if neurons else np.zeros((len(Af), 0))


def _restricted_dual(K: np.ndarray, y: np.ndarray, bias: bool) -> np.ndarray:
    """Step 5: max v^T y s.t. |K^T v| <= 1 (1^T v = 0 with bias), |v_i| <= BOX (HiGHS)."""
    from scipy.optimize import linprog

    n = len(y)
    r = linprog(-y, A_ub=np.vstack([K.T, -K.T]), b_ub=np.ones(2 * K.shape[1]),
                A_eq=np.ones((1, n)) if bias else None, b_eq=[0.0] if bias else None,
                bounds=[(-BOX, BOX)] * n, method="highs")
    return r.x


def _final_primal(K: np.ndarray, y: np.ndarray, bias: bool) -> tuple[np.ndarray | None, float]:
    """Step 8/9: min ||w||_1 s.t. K w (+ c 1) = y, c free (the constant is free with a free hidden bias)."""
    from scipy.optimize import linprog

    n, m = K.shape
    extra = 1 if bias else 0
    r = linprog(np.r_[np.ones(2 * m), np.zeros(extra)], A_eq=np.hstack([K, -K, np.ones((n, extra))]), b_eq=y,
                bounds=[(0, None)] * (2 * m) + [(None, None)] * extra, method="highs")
    if r.status != 0:
        return None, 0.0
    return r.x[:m] - r.x[m:2 * m], float(r.x[-1]) if bias else 0.0


def relaxed_oracle(Af: np.ndarray, bias: bool):
    """(15) (no bias) / its Algorithm 3 form: max and min of v^T (A u + b 1) over A u + b 1 >= 0, ||u|| <= 1.

    With 1^T v = 0 the bias drops out of the objective (it only keeps A u + b 1 >= 0 feasible); we return
    the smallest such b, max_i(-a_i^T u), so the kink touches a sample.
    """
    import cvxpy as cp

    n, d = Af.shape
    u, v = cp.Variable(d), cp.Parameter(n)
    b = cp.Variable() if bias else 0.0
    cons = [Af @ u + b >= 0, cp.norm(u) <= 1]
    probs = [cp.Problem(cp.Maximize(v @ Af @ u), cons), cp.Problem(cp.Minimize(v @ Af @ u), cons)]

    def oracle(vv: np.ndarray):
        v.value = vv
        out = []
        for p in probs:
            val = solve(p)
            uu = u.value.copy()
            out.append((val, uu, float(np.max(-(Af @ uu))) if bias else 0.0))
        return out
    return oracle


def exact_oracle(Af: np.ndarray, bias: bool):
    """The true oracle (14) by sign-pattern enumeration (:func:`verify.numeric.relu_argmax`)."""
    def oracle(vv: np.ndarray):
        hi, lo = relu_argmax(Af, vv, bias), relu_argmax(Af, -vv, bias)
        return [hi, (-lo[0], lo[1], lo[2])]
    return oracle


def cutting_plane(Af: np.ndarray, y: np.ndarray, bias: bool, oracle) -> CuttingPlaneRun:
    """Algorithm 1 (bias False, v = y initially) / Algorithm 3 (bias True, v = y - mean(y)), as printed:
    add both oracle neurons, re-solve the restricted dual, stop when no neuron violates, then solve (4)."""
    v = y - y.mean() if bias else y.copy()
    neurons, it, converged = [], 0, False
    while it < MAX_ITER:
        (hi, u1, b1), (lo, u2, b2) = oracle(v)
        if hi <= 1 + CUT_TOL and lo >= -1 - CUT_TOL:
            converged = True
            break
        it += 1
        neurons += [(u1, b1), (u2, b2)]
        v = _restricted_dual(_columns(Af, neurons), y, bias)
    w, c = _final_primal(_columns(Af, neurons), y, bias)
    return CuttingPlaneRun(neurons, v, it, converged, w, c)


def run_bracket(A: list[list[Fraction]], y: list[Fraction], bias: bool, run: CuttingPlaneRun) -> Bracket:
    """[dual lower, primal upper] for the optimum of (4) (or (21)), from a run.

    Upper: neurons made exact (u into the unit ball exactly, b as the rational it is), the columns
    (A u + b 1)_+ computed exactly, w restored to A_U w (+ c 1) = y exactly (:func:`restore_equality`),
    value ||w||_1 (the constant is free in the limit). Lower: v exact (mean removed exactly with bias),
    scaled by the rigorous upper bound of sup |v^T (A u + b 1)_+| from :func:`relu_sup` (all patterns,
    both signs), value t v^T y.
    """
    ub, how = None, "no feasible primal (the final LP is infeasible)"
    if run.weights is not None:
        nz = [j for j, wj in enumerate(run.weights) if abs(wj) > 1e-12]
        us = [(ball_point(run.neurons[j][0]), Fraction(run.neurons[j][1])) for j in nz]
        M = [[max(dot(row, u) + b, Fraction(0)) for u, b in us] + ([Fraction(1)] if bias else []) for row in A]
        w = restore_equality(M, exact([run.weights[j] for j in nz]) + ([Fraction(run.constant)] if bias else []), y)
        if w is not None:
            ub = sum((abs(x) for x in w[:len(us)]), Fraction(0))
            how = f"final network ({len(us)} neurons), exactly repaired"
        else:
            how = "final network not exactly repairable (dependent rows)"
    v = exact(run.v)
    if bias:
        mean = sum(v, Fraction(0)) / len(v)
        v = [x - mean for x in v]
    g = max(relu_sup(A, v, bias).bracket.upper, relu_sup(A, [-x for x in v], bias).bracket.upper)
    t, tv = scale_into(v, g, Fraction(1))
    return Bracket(dot(tv, y), ub, f"final dual v scaled by {float(t):.9g}", how)
