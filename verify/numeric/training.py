"""The training solver: gradient descent on the non-convex objective pe (2), seeded, vectorised over runs.

pe (2): for a network with hidden weights u_j (rows of U, m x d) and outer weights alpha_j,

    J(U, alpha) = 1/2 ||sum_j (X u_j)_+ alpha_j - y||^2 + beta/2 sum_j (||u_j||^2 + alpha_j^2).

Gradients (where every x_i^T u_j != 0; at a kink the subgradient with 1[x_i^T u_j > 0] is taken, as
automatic differentiation does): with H = (X U^T)_+, r = H alpha - y,

    dJ/dalpha = H^T r + beta alpha,    dJ/du_j = alpha_j X^T (1[X u_j > 0] * r) + beta u_j.

Full-batch gradient descent (pe Section 6 uses SGD with batches; with n = 5 points a batch is the data) from
u_j, alpha_j ~ N(0, scale^2), ``runs`` seeds at once. The float iterates only propose a network: its
objective is then evaluated **exactly** (:func:`objective_exact`; a float is a rational), so comparing a run
with a certified lower bound involves no rounding at all.

>>> import numpy as np
>>> from fractions import Fraction as F
>>> X, y = np.array([[-1.0], [1.0]]), np.array([0.0, 1.0])
>>> runs = gradient_descent(X, y, 0.1, width=2, runs=3, steps=400, seed=0)
>>> [round(float(r.objective), 4) for r in runs]  # the second run is stuck: both neurons died
[0.095, 0.5, 0.095]
>>> objective_exact([[F(-1)], [F(1)]], [F(0), F(1)], F(1, 10), [[1.0]], [1.0])
Fraction(1, 10)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np


@dataclass(frozen=True)
class TrainingRun:
    """One gradient-descent run: its seed index, width m, the exact objective at its last iterate, the float
    objective every ``every`` steps (``curve``), and the last iterate (U: m x d, alpha: m)."""

    run: int
    width: int
    objective: Fraction
    curve: tuple[float, ...]
    U: np.ndarray
    alpha: np.ndarray


def objective_exact(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], beta: Fraction,
                    U: Sequence[Sequence[float]], alpha: Sequence[float]) -> Fraction:
    """pe (2) at (U, alpha), in rationals: every float weight is read as the rational it is."""
    Uq = [[Fraction(float(t)) for t in u] for u in U]
    aq = [Fraction(float(t)) for t in alpha]
    total = Fraction(0)
    for x, yi in zip(X, y, strict=True):
        f = Fraction(0)
        for u, a in zip(Uq, aq, strict=True):
            z = sum((xi * ui for xi, ui in zip(x, u, strict=True)), Fraction(0))
            if z > 0:
                f += z * a
        total += (f - yi) ** 2
    penalty = sum((ui * ui for u in Uq for ui in u), Fraction(0)) + sum((a * a for a in aq), Fraction(0))
    return total / 2 + beta * penalty / 2


def _objective(X: np.ndarray, y: np.ndarray, beta: float, U: np.ndarray, a: np.ndarray) -> np.ndarray:
    r = np.einsum("rnm,rm->rn", np.maximum(np.einsum("nd,rmd->rnm", X, U), 0.0), a) - y
    return 0.5 * (r * r).sum(axis=1) + 0.5 * beta * ((U * U).sum(axis=(1, 2)) + (a * a).sum(axis=1))


def gradient_descent(X: np.ndarray, y: np.ndarray, beta: float, width: int, runs: int, steps: int, seed: int,
                     lr: float | None = None, scale: float = 1.0, every: int = 50, decay: float = 1000.0,
                     exact: tuple[Sequence[Sequence[Fraction]], Sequence[Fraction], Fraction] | None = None
                     ) -> list[TrainingRun]:
    """``runs`` seeded runs of full-batch gradient descent on pe (2) with m = ``width`` neurons.

    The step is ``lr`` (default 1 / (sqrt(m) ||X||_2^2)), halved for a run only if it diverges.
    ``exact`` = (X, y, beta) as rationals for the exact objective (default: the floats themselves).
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n, d = X.shape
    rng = np.random.default_rng(seed)
    U = rng.normal(0.0, scale, (runs, width, d))
    a = rng.normal(0.0, scale, (runs, width))
    # a fixed step per run, halved (the step undone) only when the objective rises above where it started or
    # overflows: a guard against divergence. (Accepting only descent steps stalls at the ReLU kinks, where the
    # iterates of fixed-step gradient descent zigzag and still progress.)
    step = np.full(runs, lr if lr is not None else 1.0 / (np.linalg.norm(X, 2) ** 2 * np.sqrt(width)))
    start = _objective(X, y, beta, U, a)
    curve = [start]
    for k in range(1, steps + 1):
        Z = np.einsum("nd,rmd->rnm", X, U)
        H = np.maximum(Z, 0.0)
        r = np.einsum("rnm,rm->rn", H, a) - y
        grad_a = np.einsum("rnm,rn->rm", H, r) + beta * a
        grad_U = np.einsum("rnm,rn,rm,nd->rmd", (Z > 0).astype(float), r, a, X) + beta * U
        now = step / (1 + k / decay)  # a decaying step: a fixed one zigzags across the kinks at its own scale
        U_new, a_new = U - now[:, None, None] * grad_U, a - now[:, None] * grad_a
        value = _objective(X, y, beta, U_new, a_new)
        ok = np.isfinite(value) & (value <= start)
        U[ok], a[ok] = U_new[ok], a_new[ok]
        step[~ok] /= 2
        if k % every == 0 or k == steps:
            curve.append(_objective(X, y, beta, U, a))
    Xq, yq, bq = exact if exact is not None else (
        [[Fraction(float(t)) for t in row] for row in X], [Fraction(float(t)) for t in y], Fraction(beta))
    series = np.array(curve)
    return [TrainingRun(r, width, objective_exact(Xq, yq, bq, U[r], a[r]), tuple(float(v) for v in series[:, r]),
                        U[r].copy(), a[r].copy()) for r in range(runs)]
