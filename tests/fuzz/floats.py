"""Float models of the exact routes, solved by HiGHS (LPs through scipy's linprog, the QP through highspy;
Clarabel where HiGHS's QP solver cycles, see :func:`lasso`).

Each model is built here from the data alone (no exact/ dictionary code) and over a *larger* dictionary
than the exact route uses: knots at the data points, at the midpoints and outside the data (and, for
rank-one data, extra unit directions). The exact routes keep only the data knots; their checked duals
are feasible for every neuron, so the extra atoms cannot lower the value, and the float optimum must
still agree with the exact one. That makes the comparison a test of the reduction, not only of the LP.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import highspy
import numpy as np
from scipy.optimize import linprog

TOL = 1e-7  # |float - exact| <= TOL * max(1, |exact|)
HIGHS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}
QP_SECONDS = 2.0  # HiGHS QP time limit before the Clarabel fallback (see :func:`lasso`)


def agree(flt: float, exact: Fraction) -> bool:
    return abs(flt - float(exact)) <= TOL * max(1.0, abs(float(exact)))


def leaky(z: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(z >= 0, z, alpha * z)


def knots(x: Sequence[float]) -> list[float]:
    """The data points, their midpoints and one point beyond each end."""
    pts = sorted(set(x))
    span = (pts[-1] - pts[0]) or 1.0
    mids = [(a + b) / 2 for a, b in zip(pts, pts[1:])]
    return pts + mids + [pts[0] - span / 3, pts[-1] + span / 2]


def features_1d(x: Sequence[Fraction], alpha: Fraction, directions=(1.0, -1.0), extra: bool = True) -> np.ndarray:
    """Columns s_alpha(u (x - t)) for u in ``directions`` and t in :func:`knots` (or the data only)."""
    xf = np.array([float(t) for t in x])
    ts = knots(list(xf)) if extra else sorted(set(xf))
    cols = [leaky(u * (xf - t), float(alpha)) for u in directions for t in ts]
    return np.array(cols).T


def features_rank_one(X: Sequence[Sequence[Fraction]], rng_seed: int, extra_dirs: int = 3) -> np.ndarray:
    """Columns (X u + b)_+ for u = +-a/||a|| (a the largest row of X, in floats) and ``extra_dirs`` random unit
    directions and their negatives, each with the biases b = -u . X_i and the :func:`knots` of X u."""
    Xf = np.array([[float(t) for t in row] for row in X])
    a = Xf[np.argmax(np.linalg.norm(Xf, axis=1))]
    dirs = [a / np.linalg.norm(a)]
    rng = np.random.default_rng(rng_seed)
    for _ in range(extra_dirs):
        g = rng.standard_normal(Xf.shape[1])
        dirs.append(g / np.linalg.norm(g))
    cols = []
    for d in dirs:
        for u in (d, -d):
            z = Xf @ u
            cols += [np.maximum(z - t, 0.0) for t in knots(list(z))]
    return np.array(cols).T


def min_l1_interpolation(A: np.ndarray, y: Sequence[Fraction], constant: bool = True) -> float:
    """min ||w||_1 s.t. A w (+ c 1) = y (c free): HiGHS."""
    n, m = A.shape
    yf = np.array([float(t) for t in y])
    blocks = [A, -A] + ([np.ones((n, 1))] if constant else [])
    cost = np.r_[np.ones(2 * m), np.zeros(1 if constant else 0)]
    bounds = [(0, None)] * (2 * m) + [(None, None)] * (1 if constant else 0)
    res = linprog(cost, A_eq=np.hstack(blocks), b_eq=yf, bounds=bounds, method="highs", options=HIGHS)
    assert res.status == 0, res.message
    return float(res.fun)


def hinge(A: np.ndarray, y: Sequence[Fraction], beta: Fraction, constant: bool) -> float:
    """min sum_i xi_i + beta ||w||_1 s.t. xi >= 0, xi_i >= 1 - y_i (A w + c)_i: HiGHS."""
    n, m = A.shape
    yf = np.array([float(t) for t in y])
    k = 1 if constant else 0
    YA = yf[:, None] * A
    rows = np.hstack([-YA, YA] + ([-yf[:, None]] if constant else []) + [-np.eye(n)])
    cost = np.r_[float(beta) * np.ones(2 * m), np.zeros(k), np.ones(n)]
    bounds = [(0, None)] * (2 * m) + [(None, None)] * k + [(0, None)] * n
    res = linprog(cost, A_ub=rows, b_ub=-np.ones(n), bounds=bounds, method="highs", options=HIGHS)
    assert res.status == 0, res.message
    return float(res.fun)


def lasso(A: np.ndarray, y: Sequence[Fraction], beta: Fraction, scale: Fraction, free: np.ndarray | None
          ) -> tuple[float, str]:
    """min beta ||w||_1 + (scale/2) ||A w + F c - y||^2: (value, solver). HiGHS's QP solver first; it can cycle on
    the degenerate larger dictionaries (found by this suite: it ran past 10 minutes on one 6-point instance), so it
    gets a time limit, and Clarabel (through cvxpy, tight tolerances) solves the instances HiGHS leaves."""
    F = np.zeros((A.shape[0], 0)) if free is None else free
    value = _highs_qp(A, y, beta, scale, F)
    return (value, "highs") if value is not None else (_clarabel(A, y, beta, scale, F), "clarabel")


def _highs_qp(A, y, beta, scale, F) -> float | None:
    """The QP in (w+, w-, c, r) with A w + F c - r = y, objective beta 1^T (w+ + w-) + (scale/2) r^T r."""
    n, m = A.shape
    k = F.shape[1]
    yf = np.array([float(t) for t in y])
    M = np.hstack([A, -A, F, -np.eye(n)])
    nv = 2 * m + k + n
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = nv, n
    lp.col_cost_ = np.r_[float(beta) * np.ones(2 * m), np.zeros(k + n)]
    lp.col_lower_ = np.r_[np.zeros(2 * m), -highspy.kHighsInf * np.ones(k + n)]
    lp.col_upper_ = highspy.kHighsInf * np.ones(nv)
    lp.row_lower_ = lp.row_upper_ = yf
    start, index, value = [0], [], []
    for j in range(nv):
        nz = np.nonzero(M[:, j])[0]
        index += list(nz)
        value += list(M[nz, j])
        start.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = start, index, value
    hess = highspy.HighsHessian()
    hess.dim_ = nv
    hess.format_ = highspy.HessianFormat.kTriangular
    first_r = 2 * m + k
    hess.start_ = [0] * (first_r + 1) + list(range(1, n + 1))
    hess.index_ = list(range(first_r, nv))
    hess.value_ = [float(scale)] * n
    model = highspy.HighsModel()
    model.lp_, model.hessian_ = lp, hess
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    for key, val in (HIGHS | {"time_limit": QP_SECONDS}).items():
        h.setOptionValue(key, val)
    h.passModel(model)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return float(h.getInfo().objective_function_value)


def _clarabel(A, y, beta, scale, F) -> float:
    import cvxpy as cp

    yf = np.array([float(t) for t in y])
    w, c = cp.Variable(A.shape[1]), cp.Variable(F.shape[1])
    fit = A @ w + (F @ c if F.shape[1] else 0)
    problem = cp.Problem(cp.Minimize(float(beta) * cp.norm1(w) + float(scale) / 2 * cp.sum_squares(fit - yf)))
    problem.solve(solver="CLARABEL", tol_gap_abs=1e-12, tol_gap_rel=1e-12, tol_feas=1e-12)
    assert problem.status == cp.OPTIMAL, problem.status
    return float(problem.value)
