"""Pricing every arrangement region against a dual point (pe Lemma 4), and the exactly feasible scaled dual.

For a region s of the central arrangement of the rows x_j of X (s_j = +-1 on nonzero rows, 0 on zero rows),
K_s = {u : s_j x_j^T u >= 0} is the closure of the region and (X u)_+ = D_s X u on it, D_s = diag(1[s = +1]).
The dual constraint of pe (15) / Theorem 6 on that piece, for eps = +-1, is (Lemma 4, a cone projection)

    P(s, eps) = max_{u in K_s, ||u|| <= 1} eps v^T D_s X u = min_{mu >= 0} ||g||,
    g = eps X^T D_s v + sum_j mu_j s_j x_j,

and ANY mu >= 0 gives an upper bound ||g|| (the weak side, all the certificate needs). :func:`price` bounds
every piece at once (numpy): mu = 0 and the best single row are closed forms; only pieces whose one-row bound
passes beta are solved to optimality, by a Lawson-Hanson active set run on all of them at once
(:func:`batched_nnls`; their mu has at most d rows, a basic solution).
:func:`exact_dual` turns a float v into an exact one: rounded to dyadic rationals, scaled by t until
||g||^2 <= beta^2 holds EXACTLY on every piece (integer arithmetic), inside dom c for hinge / absolute.

>>> import numpy as np
>>> X = np.array([[1.0, 0.0], [0.0, 1.0]]); S = np.array([[1, 1], [1, -1], [-1, 1], [-1, -1]])
>>> p = price(X, S, np.array([1.0, 1.0]), beta=1.0)
>>> round(float(p.values.max()), 12), p.values[3].tolist()   # sqrt 2 at u = (1, 1) / sqrt 2; region (-,-) is 0
(1.414213562373, [0.0, 0.0])
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Sequence

import numpy as np

from exact.certificates.cone_program_bracket import Piece
from exact.checker.cone_program_bracket import conjugate_value

V_BITS = 40  # the exact dual point has denominator 2^V_BITS
#: ... its multipliers 2^MU_BITS: short strings (the checker budgets long numbers); the norm is stationary in mu at
#: an NNLS optimum and at the best single row (g is orthogonal to the rows used), so rounding costs only its square
MU_BITS = 24


@dataclass(frozen=True)
class Pricing:
    """Every (region r, eps = +1 / -1 as e = 0 / 1) piece at one float dual point: ``values[r, e]`` an upper
    bound of P(s_r, eps); ``solved`` marks the pieces solved by NNLS (value = P up to its accuracy), with
    multipliers ``mu[r, e]`` on rows ``rows[r, e]`` (-1 pads) and maximisers ``directions[r, e]`` = g / ||g||.
    ``fallbacks``: pieces the batched solver left to scipy; ``complete``: every piece whose one-row bound passed
    beta (1 + tol) was solved, so no other piece violates."""

    values: np.ndarray
    rows: np.ndarray
    mu: np.ndarray
    solved: np.ndarray
    directions: np.ndarray
    fallbacks: int
    complete: bool

    @property
    def worst(self) -> float:
        return float(self.values.max()) if self.values.size else 0.0

    def violators(self, beta: float, tol: float) -> list[tuple[int, int]]:
        """Solved pieces (r, e) above beta (1 + tol), most violated first."""
        bad = np.argwhere(self.solved & (self.values > beta * (1 + tol)))
        return [(int(r), int(e)) for r, e in bad[np.argsort(-self.values[bad[:, 0], bad[:, 1]], kind="stable")]]


def region_terms(X: np.ndarray, S: np.ndarray, v: np.ndarray) -> np.ndarray:
    """(R, 2, d): eps X^T D_s v for every region s (rows of S) and eps = +1, -1."""
    C = (S == 1).astype(float) @ (X * v[:, None])
    return np.stack([C, -C], axis=1)


def _columns(X: np.ndarray, S: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """(P, d, d): the columns s_j x_j of the rows ``rows`` (P, d) of each piece, zero where rows = -1."""
    safe = np.where(rows >= 0, rows, 0)
    return np.where((rows >= 0)[..., None], np.take_along_axis(S, safe, axis=1)[..., None] * X[safe], 0.0)


def _least_squares(X: np.ndarray, S: np.ndarray, G: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """(P, d): argmin_z ||g + sum_k z_k s_{j_k} x_{j_k}|| over the rows j_k of each piece (0 in the pad slots)."""
    C = _columns(X, S, rows)
    gram = C @ C.transpose(0, 2, 1) + np.eye(G.shape[1]) * (rows < 0)[:, None, :]
    return np.linalg.solve(gram, -(C @ G[..., None]))[..., 0]


def batched_nnls(X: np.ndarray, S: np.ndarray, G: np.ndarray, start: np.ndarray | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lawson-Hanson for min_{mu >= 0} ||g_p + sum_j mu_j s_pj x_j|| on all pieces p at once (rows of S, G): the
    passive set, at most d rows (they stay independent), is padded to d slots so every step is one batched
    d x d solve. ``start`` (P, d) proposes passive sets (the last round's): kept where their least squares
    solution is positive. Returns (rows (P, d), mu (P, d), ok); a piece that degenerates (d rows and a candidate
    left, or no progress) is not ok and goes to scipy's NNLS."""
    P, d = G.shape
    nx2 = (X * X).sum(axis=1)
    usable = (S != 0) & (nx2 > 0)
    rows = np.full((P, d), -1, dtype=np.int64)
    mu = np.zeros((P, d))
    if start is not None and P:
        z = _least_squares(X, S, G, start)
        warm = ((z > 0) | (start < 0)).all(axis=1)
        rows[warm], mu[warm] = start[warm], np.where(start[warm] >= 0, z[warm], 0.0)
    ok = np.ones(P, dtype=bool)
    busy = np.zeros(P, dtype=bool)  # still moving when the iterations ran out
    eps = 1e-12 * (1.0 + np.sqrt((G * G).sum(axis=1))) * np.sqrt(nx2.max(initial=1.0))
    at = np.arange(P)
    for _ in range(4 * d + 8):
        g = G[at] + (mu[at][..., None] * _columns(X, S[at], rows[at])).sum(axis=1)
        w = -S[at] * (g @ X.T)  # -a_j^T g: rows that would lower ||g||
        passive = np.zeros(w.shape, dtype=bool)
        held = np.nonzero(rows[at] >= 0)
        passive[held[0], rows[at][held]] = True
        w[~usable[at] | passive] = -np.inf
        j = w.argmax(axis=1)
        more = w[np.arange(len(at)), j] > eps[at]
        at, j = at[more], j[more]
        free = rows[at] < 0
        ok[at[~free.any(axis=1)]] = False  # d rows and still a candidate: degenerate
        keep = free.any(axis=1)
        at, j, free = at[keep], j[keep], free[keep]
        busy[:] = False
        busy[at] = True
        if not at.size:
            break
        rows[at, free.argmax(axis=1)] = j
        inner = at
        for _ in range(d + 1):  # least squares on the passive set, stepping back while some z <= 0
            if not inner.size:
                break
            z = _least_squares(X, S[inner], G[inner], rows[inner])
            live = rows[inner] >= 0
            bad = live & (z <= 0)
            good = ~bad.any(axis=1)
            mu[inner[good]] = np.where(live[good], z[good], 0.0)
            inner, z, live, bad = inner[~good], z[~good], live[~good], bad[~good]
            m = mu[inner]
            alpha = np.where(bad, m / np.where(bad, m - z, 1.0), np.inf).min(axis=1)
            m = m + alpha[:, None] * (z - m)
            drop = live & (m <= 1e-15)
            stuck = alpha <= 0
            ok[inner[stuck]] = False
            mu[inner] = np.where(drop, 0.0, m)
            rows[inner] = np.where(drop, -1, rows[inner])
            inner = inner[~stuck]
        ok[inner] = False
        at = at[ok[at]]
    ok &= ~busy
    return rows, mu, ok


def price(X: np.ndarray, S: np.ndarray, v: np.ndarray, beta: float, tol: float = 0.0,
          limit: int | None = None, last: Pricing | None = None) -> Pricing:
    """Bound every piece (module doc): O(R n d) numpy for the one-row bounds, then :func:`batched_nnls` (scipy's
    NNLS where it degenerates) on the pieces whose one-row bound exceeds beta (1 + tol), or on the ``limit``
    largest of them (``complete`` false when that left some out); the ``last`` pricing's rows warm-start it."""
    from scipy.optimize import nnls

    R, d = len(S), X.shape[1]
    G = region_terms(X, S, v)
    A = S[:, None, :] * (G @ X.T)  # (R, 2, n): s_j x_j^T g
    nx2 = (X * X).sum(axis=1)
    gain = np.where((A < 0) & (nx2 > 0), A * A / np.where(nx2 > 0, nx2, 1.0), 0.0)  # mu_j = -s_j x_j^T g / ||x_j||^2
    best = gain.argmax(axis=2)
    top = np.take_along_axis(gain, best[..., None], axis=2)[..., 0]
    values = np.sqrt(np.maximum((G * G).sum(axis=2) - top, 0.0))
    rows = np.full((R, 2, d), -1, dtype=np.int64)
    mu = np.zeros((R, 2, d))
    one = top > 0
    rows[..., 0] = np.where(one, best, -1)
    mu[..., 0] = np.where(one, -np.take_along_axis(A, best[..., None], axis=2)[..., 0] / nx2[best], 0.0)
    solved = np.zeros((R, 2), dtype=bool)
    loose = np.argwhere(values > beta * (1 + tol))
    complete = limit is None or len(loose) <= limit
    if not complete:
        loose = loose[np.argsort(-values[loose[:, 0], loose[:, 1]], kind="stable")[:limit]]
    r, e = loose[:, 0], loose[:, 1]
    start = np.where(last.solved[r, e][:, None], last.rows[r, e], -1) if last is not None else None
    rows[r, e], mu[r, e], ok = batched_nnls(X, S[r], G[r, e], start)
    for k in np.nonzero(~ok)[0]:
        cols = np.nonzero(S[r[k]])[0]
        m, _ = nnls((S[r[k], cols, None] * X[cols]).T, -G[r[k], e[k]])
        keep = np.argsort(-m, kind="stable")[:d]  # a basic solution has at most d rows; more is degeneracy
        keep = keep[m[keep] > 0]
        rows[r[k], e[k]], mu[r[k], e[k]] = -1, 0.0
        rows[r[k], e[k], :len(keep)], mu[r[k], e[k], :len(keep)] = cols[keep], m[keep]
    g = G[r, e] + (mu[r, e][..., None] * _columns(X, S[r], rows[r, e])).sum(axis=1)
    values[r, e] = np.sqrt((g * g).sum(axis=1))
    directions = np.zeros((R, 2, d))
    directions[r, e] = g / np.where(values[r, e] > 0, values[r, e], 1.0)[:, None]
    solved[r, e] = True
    return Pricing(values, rows, mu, solved, directions, int((~ok).sum()), complete)


@dataclass(frozen=True)
class ExactDual:
    """An exactly feasible dual point: v (dyadic, in dom c), one :class:`Piece` per (region, eps) with
    ||g||^2 <= beta^2 exactly, ``lower`` = c(v), and ``t`` the float factor that scaled the proposal."""

    v: tuple[Fraction, ...]
    pieces: tuple[Piece, ...]
    lower: Fraction
    t: float
    worst: Fraction  # max over pieces of ||g||^2 / beta^2 (<= 1)


def _dyadic(a: np.ndarray, bits: int) -> list[int]:
    """round(a 2^bits) as Python ints."""
    return [int(t) for t in np.rint(np.asarray(a, dtype=float) * 2.0 ** bits).ravel()]


def _into_domain(loss: str, v: list[int], y: Sequence[Fraction]) -> list[int]:
    """v (numerators over 2^V_BITS) clipped into dom c exactly: 0 <= y_j v_j <= 1 (hinge), |v_j| <= 1 (absolute)."""
    one = 1 << V_BITS
    if loss == "hinge":
        return [int(b) * min(max(int(b) * a, 0), one) for a, b in zip(v, y)]
    if loss == "absolute":
        return [min(max(a, -one), one) for a in v]
    return v


def _norms(Xi: np.ndarray, S: np.ndarray, vi: list[int], rows: np.ndarray, mui: np.ndarray) -> np.ndarray:
    """(R, 2) object array: ||g||^2 (LX 2^V_BITS)^2 exactly, Xi the integer rows X LX."""
    Xo = Xi.astype(object)
    C = (S == 1).astype(object) @ (Xo * np.array(vi, dtype=object)[:, None])  # (R, d): X^T D_s v, scaled
    G = np.stack([C, -C], axis=1)
    safe = np.where(rows >= 0, rows, 0)
    signs = np.take_along_axis(S[:, None, :].repeat(2, axis=1), safe, axis=2).astype(object)
    coef = signs * mui * (1 << (V_BITS - MU_BITS))  # (R, 2, d): s_j mu_j, scaled
    G = G + (coef[..., None] * Xo[safe]).sum(axis=2)
    return (G * G).sum(axis=2)


def exact_dual(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], beta: Fraction, loss: str, S: np.ndarray,
               v: np.ndarray, pricing: Pricing, rounds: int = 8) -> ExactDual:
    """Scale the float dual ``v`` (with the multipliers of ``pricing``) until every piece holds exactly.

    t starts at beta / (the largest priced bound); v t and mu t are rounded to dyadic rationals, v clipped into
    dom c, and ||g||^2 <= beta^2 is decided in integers for all 2R pieces; if one fails, t shrinks by the exact
    excess and the rounding is redone (at most ``rounds`` times).
    """
    if not pricing.complete:
        raise ValueError("exact_dual needs a complete pricing (price without a limit)")
    LX = lcm(*(Fraction(a).denominator for row in X for a in row))
    Xi = np.array([[int(Fraction(a) * LX) for a in row] for row in X], dtype=object)
    limit = (beta.numerator * LX << V_BITS) ** 2  # q^2 ||g||^2 (LX 2^V)^2 <= p^2 (LX 2^V)^2
    t = min(1.0, float(beta) / pricing.worst) if pricing.worst > 0 else 1.0
    for _ in range(rounds):
        vi = _into_domain(loss, _dyadic(t * v, V_BITS), y)
        mui = np.array(_dyadic(np.maximum(t * pricing.mu, 0.0), MU_BITS), dtype=object).reshape(pricing.mu.shape)
        mui[pricing.rows < 0] = 0
        N = _norms(Xi, S, vi, pricing.rows, mui) * beta.denominator ** 2
        worst = max(N.ravel(), default=0)
        if worst <= limit:
            break
        t *= float(np.sqrt(limit / worst)) * (1 - 1e-12)
    else:
        raise RuntimeError(f"exact_dual: no exactly feasible scaling after {rounds} rounds")
    vq = tuple(Fraction(a, 1 << V_BITS) for a in vi)
    pieces = tuple(Piece(tuple(int(a) for a in S[r]), 1 - 2 * e,
                         {int(j): Fraction(m, 1 << MU_BITS) for j, m in zip(pricing.rows[r, e], mui[r, e])
                          if j >= 0 and m})
                   for r in range(len(S)) for e in (0, 1))
    return ExactDual(vq, pieces, conjugate_value(loss, list(vq), list(y)), t, Fraction(worst, limit))
