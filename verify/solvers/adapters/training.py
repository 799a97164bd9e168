"""The training solver: gradient descent on the non-convex objective, seeded, over several initial scales.

1-D variants (free unpenalised hidden bias b, free output constant c, leaky slope alpha), width m::

    regularised  J = 1/2 sum_i (f(x_i) - y_i)^2 + beta/2 (||u||^2 + ||w||^2),
    hinge        J = sum_i (1 - y_i f(x_i))_+ + beta/2 (||u||^2 + ||w||^2),   f(x) = sum_j w_j s(u_j x + b_j) + c,

whose infimum over m is the convex value (beta/2 (u^2 + w^2) >= beta |u w|, with equality after rescaling, and
s(u x + b) = |u| s(+-x + b / |u|) for the ReLU; ep (16), (18)). pe (8) is posed as pe (2) itself
(:func:`verify.numeric.training.gradient_descent`). ``RUNS`` seeds per initial scale in ``SCALES``, full-batch
steps from 1 / (n (1 + max |x|)^2) with an Armijo test per run (a step is taken on sufficient decrease and then
grows by 1.2, else halves), so the step adapts to the data's scale; the value is J at the best last iterate, evaluated
exactly in rationals, so it is the objective of a real network: an upper bound of the truth. Gradient descent
never claims optimality (status "max-steps").
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..problem import Problem, Variant
from . import Outcome

SCALES = (0.1, 1.0)
RUNS = 2
STEPS = 2000
SEED = 0


def _forward(x, u, b, w, c, alpha):
    z = u[:, None, :] * x[None, :, None] + b[:, None, :]  # runs x n x m
    return z, np.einsum("rnm,rm->rn", np.where(z > 0, z, alpha * z), w) + c[:, None]


def _loss_grad(p: Problem, f, y):
    if p.variant is Variant.REGULARISED:
        return 0.5 * np.sum((f - y) ** 2, axis=1), f - y
    margin = 1 - y * f
    return np.sum(np.maximum(margin, 0), axis=1), np.where(margin > 0, -y, 0.0)


def descend(p: Problem, width: int, scales: tuple[float, ...] = SCALES, runs: int = RUNS, steps: int = STEPS,
            seed: int = SEED):
    """The best of ``runs`` seeded runs per initial scale, all at once: (J in floats, (u, b, w, c)), J = nan when
    every run diverged."""
    x, y = np.array([float(t) for t in p.x]), np.array([float(t) for t in p.y])
    beta, alpha = float(p.beta or 0), float(p.alpha)
    rng = np.random.default_rng(seed)
    scale = np.repeat(scales, runs)[:, None]
    u, b, w = (rng.normal(0, 1, (len(scale), width)) * scale for _ in range(3))
    c = np.zeros(len(scale))

    def objective(u, b, w, c):
        z, f = _forward(x, u, b, w, c, alpha)
        loss, g = _loss_grad(p, f, y)
        return loss + beta / 2 * (np.sum(u * u, axis=1) + np.sum(w * w, axis=1)), z, g

    lr = np.full(len(scale), 1.0 / (len(x) * (1 + np.max(np.abs(x))) ** 2))
    J, z, g = objective(u, b, w, c)
    for _ in range(steps):
        act, slope = np.where(z > 0, z, alpha * z), np.where(z > 0, 1.0, alpha)
        back = g[:, :, None] * slope * w[:, None, :]
        grads = (np.sum(back * x[None, :, None], axis=1) + beta * u, np.sum(back, axis=1),
                 np.einsum("rn,rnm->rm", g, act) + beta * w, np.sum(g, axis=1)[:, None])
        norm2 = sum(np.sum(d * d, axis=1) for d in grads)
        new = [t - lr[:, None] * d for t, d in zip((u, b, w, c[:, None]), grads)]
        J_new, z_new, g_new = objective(new[0], new[1], new[2], new[3][:, 0])
        # Armijo: a run moves only on sufficient decrease, and its step grows after a success, halves after not
        ok = np.isfinite(J_new) & (J_new <= J - 1e-4 * lr * norm2)
        u, b, w = (np.where(ok[:, None], n_, t) for t, n_ in zip((u, b, w), new))
        c = np.where(ok, new[3][:, 0], c)
        J, z, g = np.where(ok, J_new, J), np.where(ok[:, None, None], z_new, z), np.where(ok[:, None], g_new, g)
        lr = np.where(ok, lr * 1.2, lr / 2)
    if not np.any(np.isfinite(J)):
        return float("nan"), (u[0], b[0], w[0], float(c[0]))
    r = int(np.argmin(np.where(np.isfinite(J), J, np.inf)))
    return float(J[r]), (u[r], b[r], w[r], float(c[r]))


def exact_objective(p: Problem, u, b, w, c: float) -> Fraction:
    """J at a float network, in rationals (every float is the rational it is)."""
    a, beta = p.alpha, p.beta or Fraction(0)
    U, B, W, C = ([Fraction(float(t)) for t in v] for v in (u, b, w, [c]))
    loss, reg = Fraction(0), sum((t * t for t in U + W), Fraction(0)) * beta / 2
    for xi, yi in zip(p.x, p.y):
        f = C[0] + sum((wj * (z if (z := uj * xi + bj) > 0 else a * z) for uj, bj, wj in zip(U, B, W)), Fraction(0))
        loss += (f - yi) ** 2 / 2 if p.variant is Variant.REGULARISED else max(Fraction(0), 1 - yi * f)
    return loss + reg


@dataclass(frozen=True)
class GradientDescent:
    name: str
    width: int
    variants: frozenset[Variant] = frozenset({Variant.REGULARISED, Variant.HINGE, Variant.CONE})

    def absent(self) -> str | None:
        return None

    def solve(self, p: Problem) -> Outcome:
        if p.variant is Variant.CONE:
            return self._cone(p)
        J, net = descend(p, self.width)
        if not np.isfinite(J):
            return Outcome(None, "diverged", False)
        return Outcome(float(exact_objective(p, *net)), "max-steps", False, 0.0,
                       note=f"best of {RUNS} seeds x scales {SCALES}, {STEPS} steps")

    def _cone(self, p: Problem) -> Outcome:
        from verify.numeric.training import gradient_descent

        assert p.beta is not None
        X = np.array([[float(a) for a in r] for r in p.X])
        y = np.array([float(t) for t in p.y])
        runs = [r for s in SCALES for r in gradient_descent(X, y, float(p.beta), self.width, RUNS, STEPS, SEED,
                                                           scale=s, exact=(p.X, p.y, p.beta))]
        best = min(r.objective for r in runs)
        return Outcome(float(best), "max-steps", False, 0.0, note=f"pe (2), best of {RUNS} seeds x scales {SCALES}")


TRAINING = (GradientDescent("gd-m4", 4), GradientDescent("gd-m16", 16))
