"""The optimum of ddb (20) on d-dimensional data (2-D in the claims) isolated in a Krawczyk box, with its exact
contact set and its unique minimiser (kind relu-joint-isolated).

ddb (20): min ||nu||_TV over the sphere of R^(d+1) s.t. int (r_i . theta)_+ dnu = y_i, r_i = (x_i, 1). A contact is
a point theta = t Pi_S G_R(v) of the closure of a region R (module doc of :mod:`exact.checker.relu_joint_isolated`):
the maximiser of t g_v over the region, lying on the face of the rows S. Method (:func:`solve_isolated_nd`), floats
only guessing, as in 1-D (:mod:`exact.relu.joint_isolated`):

1. The float problem: the SOCP over the regions (pe (8)'s form with interpolation: u_R, w_R in the closed cone of
   R, f_i = sum_R h^R_i r_i . (u_R - w_R) = y_i, min sum_R ||u_R|| + ||w_R||, Clarabel); its equality duals v_hat.
2. Contacts: for each region and sign the projection of t G_R onto the region's cone (NNLS: min over lambda >= 0
   of ||t G_R + A_R^T lambda||); norm > 1 - tol gives the contact (R, S = {lambda_i > 0}, t).
3. Newton in exact rationals on the checker's system, contacts swapped while a weight has the wrong sign or a
   region's bound exceeds 1; the bound of every region without a contact is its NNLS multiplier, rounded.
4. The certificate is checked by the checker itself; an even dual (v orthogonal to every r_i: contacts in
   antipodal pairs, the minimiser not unique) is declined.

>>> from cases import random_2d_case
>>> c = random_2d_case(7)  # 5 points of the plane
>>> sol = solve_isolated_nd(c.X, c.y); sol.status, [a.zero for a in sol.contacts], round(float(sol.lower), 9)
('optimal', [(1,), (2,), (1,), (2,)], 18.114616526)
>>> degenerate = solve_isolated_nd([(0, 0), (1, 0), (0, 1), (1, 1)], [0, 1, 1, 2])  # y = x_1 + x_2: one neuron
>>> degenerate.status, "no consistent contact set" in degenerate.reason  # the dual is not unique
('undecided', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Sequence, cast

import cvxpy as cp
import numpy as np
from scipy.optimize import nnls

from ..certificates.relu_joint_isolated import isolated_nd_certificate
from ..checker import check_certificate
from ..checker.arith import Interval
from ..checker.relu_joint_isolated import MAX_POINTS, Contact, system
from ..numbers import dyadic
from .arrangements import central_arrangement
from .joint_isolated import (
    EVEN_TOL,
    MAX_SWAPS,
    RADIUS_BITS,
    SLACK,
    TOLERANCES,
    Y_BITS,
    newton,
)

CENTRE_BITS = 200
BOUND_BITS = 60


@dataclass(frozen=True)
class ContactND:
    """A contact: the region's sign vector, the rows of its face (empty: inside the region) and its sign."""

    region: tuple[int, ...]
    zero: tuple[int, ...]
    sign: int
    direction: tuple[float, ...] = ()  # the point theta in float64, for display

    def text(self) -> str:
        """(theta . (x, 1))_+ for a note, theta in float64 (the exact point lies on the face of ``zero``)."""
        return "(" + " + ".join(f"{t:.6g} {v}" for t, v in zip(self.direction, ("x_1", "x_2", "x_3")[:len(
            self.direction) - 1] + ("1",))) + ")_+" + (f" (on the rows {list(self.zero)})" if self.zero else "")

    @property
    def pattern(self) -> tuple[int, ...]:
        """sign(r_i . theta): 0 on the face's rows, the region's elsewhere."""
        return tuple(0 if i in self.zero else s for i, s in enumerate(self.region))

    def doc(self) -> dict:
        return {"region": list(self.region), "zero": list(self.zero), "sign": self.sign}


@dataclass(frozen=True)
class IsolatedND:
    """The isolated optimum ('optimal': accepted by the checker) or 'undecided' with the reason."""

    X: tuple[tuple[Fraction, ...], ...]
    y: tuple[Fraction, ...]
    status: str
    reason: str = ""
    contacts: tuple[ContactND, ...] = ()
    centre: tuple[Fraction, ...] = ()
    radius: tuple[Fraction, ...] = ()
    preconditioner: tuple[tuple[Fraction, ...], ...] = field(default=(), repr=False)
    bounds: tuple[tuple[tuple[int, ...], int, dict[int, Fraction]], ...] = field(default=(), repr=False)
    lower: Fraction | None = None
    upper: Fraction | None = None

    @property
    def weights(self) -> tuple[Fraction, ...]:
        return self.centre[len(self.X):]


def lifted_rows(X) -> list[list[Fraction]]:
    """The rows r_i = (x_i, 1)."""
    return [list(x) + [Fraction(1)] for x in X]


def float_solution(rows: list[list[Fraction]], y: Sequence[Fraction], regions: list[tuple[int, ...]]
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Step 1: (v_hat, u, w): the duals of the fit rows of the float SOCP over the regions (sign: v . y = the
    optimum) and its primal blocks, u_R (c > 0) and w_R (c < 0) per region."""
    Rf = np.array([[float(t) for t in r] for r in rows])
    D = Rf.shape[1]
    u = cp.Variable((len(regions), D))
    w = cp.Variable((len(regions), D))
    cons, fit = [], 0
    for k, p in enumerate(regions):
        A = np.array(p, float)[:, None] * Rf
        cons += [A @ u[k] >= 0, A @ w[k] >= 0]
        fit = fit + cp.multiply((np.array(p) > 0).astype(float), Rf @ (u[k] - w[k]))
    eq = cast(Any, fit == np.array([float(t) for t in y]))  # a cvxpy constraint
    prob = cp.Problem(cp.Minimize(cp.sum(cp.norm(u, 2, axis=1)) + cp.sum(cp.norm(w, 2, axis=1))), cons + [eq])
    prob.solve(solver=cp.CLARABEL)
    v = np.array(eq.dual_value, dtype=float)
    return (v if float(v @ np.array([float(t) for t in y])) > 0 else -1.0 * v), np.asarray(u.value, float), \
        np.asarray(w.value, float)


def projections(rows, regions, v: Sequence[float]) -> list[tuple[ContactND, float, np.ndarray]]:
    """Step 2: per region and sign, the face of the projection of t G_R onto the cone, its norm and multipliers."""
    Rf = np.array([[float(t) for t in r] for r in rows])
    va = np.asarray(v, float)
    out = []
    for p in regions:
        pa = np.array(p, float)
        G = ((pa > 0) * va) @ Rf
        A = pa[:, None] * Rf
        for t in (1, -1):
            lam, _ = nnls(A.T, -t * G)
            proj = t * G + A.T @ lam
            on = (lam > 1e-9 * max(1.0, float(np.max(lam)))) | (np.abs(Rf @ proj) <= 1e-9 * np.linalg.norm(proj))
            S = tuple(int(i) for i in np.flatnonzero(on))[:Rf.shape[1] - 1]
            out.append((ContactND(p, S, t), float(np.linalg.norm(proj)), lam))
    return out


def _distinct(found: list[ContactND]) -> list[ContactND]:
    seen, out = set(), []
    for c in found:
        if (c.pattern, c.sign) not in seen:
            seen.add((c.pattern, c.sign))
            out.append(c)
    return out


def _parsed(rows, contacts: Sequence[ContactND], regions) -> list[Contact]:
    return [Contact(c.doc(), j, rows, Fraction(0), set(regions)) for j, c in enumerate(contacts)]


def _start(rows, y, parsed: list[Contact], v_hat: Sequence[float]) -> list[Fraction]:
    v = [Interval(dyadic(t, CENTRE_BITS)) for t in v_hat]
    cols = []
    for a in parsed:
        theta = np.array([float(t.lo) for t in a.point(v)])
        cols.append([float(a.h[i]) * float(np.array([float(x) for x in rows[i]]) @ theta) for i in range(len(rows))])
    coef = np.linalg.lstsq(np.array(cols).T, np.array([float(t) for t in y]), rcond=None)[0]
    return [dyadic(t, CENTRE_BITS) for t in list(v_hat) + list(coef)]


def _covered(c: ContactND, contacts: Sequence[ContactND]) -> bool:
    """Some contact of the same sign lies in the closure of c's region."""
    return any(a.sign == c.sign and all(s in (0, r) for s, r in zip(a.pattern, c.region)) for a in contacts)


def _settle(rows, y, regions, contacts: list[ContactND], v_hat
            ) -> tuple[list[ContactND], list[Fraction], np.ndarray] | None:
    """Newton on the contacts, then swaps until the float64 picture is consistent (a weight of the wrong sign
    leaves, the region most above 1 joins), as :func:`exact.relu.joint_isolated.active_set`."""
    n, z = len(rows), None
    for _ in range(MAX_SWAPS):
        if not contacts:
            return None
        parsed = _parsed(rows, contacts, regions)
        start = z if z is not None else _start(rows, y, parsed, v_hat)
        refined = newton(lambda box: system(rows, list(y), parsed, box), start)
        if refined is None:
            return None
        z, Y = refined
        v, c = [float(t) for t in z[:n]], [float(t) for t in z[n:]]
        wrong = [(ck * a.sign, k) for k, (a, ck) in enumerate(zip(contacts, c)) if ck * a.sign <= 0]
        over = [(r, a) for a, r, _ in projections(rows, regions, v) if r > 1 + SLACK and not _covered(a, contacts)]
        if not wrong and not over:
            return contacts, z, Y
        keep = [k for k in range(len(contacts)) if not wrong or k != min(wrong)[1]]
        contacts, z = [contacts[k] for k in keep], z[:n] + [z[n + k] for k in keep]
        if over:
            contacts, z = contacts + [max(over, key=lambda t: t[0])[1]], z + [Fraction(0)]
    return None


def _attempt(X, y, regions, v_hat, tol) -> IsolatedND:
    rows, n = lifted_rows(X), len(X)
    Xt, yt = tuple(tuple(x) for x in X), tuple(y)
    near = sorted((r for r in projections(rows, regions, v_hat) if r[1] > 1 - tol), key=lambda r: -r[1])
    guessed = _distinct([c for c, _, _ in near])[:n]
    found = None
    for drop in [None] + list(range(len(guessed) - 1, -1, -1)):  # the guess, then without one (lowest first)
        found = _settle(rows, y, regions, [c for j, c in enumerate(guessed) if j != drop], v_hat)
        if found is not None:
            break
    if found is None:
        return IsolatedND(Xt, yt, "undecided", f"tol {tol}: no consistent contact set from the "
                          f"{len(guessed)} contacts guessed (Newton singular or diverging)")
    contacts, z, Y = found
    v = [float(t) for t in z[:n]]
    bounds = tuple((a.region, a.sign, {int(i): dyadic(float(t), BOUND_BITS) for i, t in enumerate(lam) if t > 0})
                   for a, _, lam in projections(rows, regions, v) if not _covered(a, contacts))
    radius = (Fraction(1, 1 << RADIUS_BITS),) * len(z)
    box = [Interval.around(m, r) for m, r in zip(z, radius, strict=True)]
    value = sum((vi * yi for vi, yi in zip(box[:n], y, strict=True)), Interval(0))
    point = [Interval(t) for t in z[:n]]
    contacts = [replace(a, direction=tuple(float(t.lo) for t in parsed.point(point)))
                for a, parsed in zip(contacts, _parsed(rows, contacts, regions), strict=True)]
    sol = IsolatedND(Xt, yt, "optimal", contacts=tuple(contacts), centre=tuple(z), radius=radius,
                     preconditioner=tuple(tuple(dyadic(e, Y_BITS) for e in row) for row in Y), bounds=bounds,
                     lower=value.lo, upper=value.hi)
    report = check_certificate(isolated_nd_certificate(sol, "", ""))
    if not report.ok:
        return IsolatedND(Xt, yt, "undecided", f"tol {tol}: " + "; ".join(report.problems[:3]))
    return sol


def solve_isolated_nd(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction],
                      tolerances: Sequence[float] = TOLERANCES) -> IsolatedND:
    """The isolated optimum of (20) on the data X (module doc); the first tolerance that proves it."""
    Xq = [tuple(Fraction(t) for t in x) for x in X]
    yq = [Fraction(t) for t in y]
    if not 2 <= len(Xq) <= MAX_POINTS:
        return IsolatedND(tuple(Xq), tuple(yq), "undecided", f"{len(Xq)} points, outside 2..{MAX_POINTS}")
    rows = lifted_rows(Xq)
    regions = [f.sign for f in central_arrangement(rows).regions]
    v_hat = float_solution(rows, yq, regions)[0]
    scale = float(np.sum(np.abs(v_hat))) * (1 + max(abs(float(t)) for r in rows for t in r))
    if float(np.max(np.abs(v_hat @ np.array([[float(t) for t in r] for r in rows])))) <= EVEN_TOL * scale:
        return IsolatedND(tuple(Xq), tuple(yq), "undecided", "the dual is even (orthogonal to every (x_i, 1)): "
                          "contacts in antipodal pairs, declined in d > 1")
    reasons = []
    for tol in tolerances:
        sol = _attempt(Xq, yq, regions, v_hat, tol)
        if sol.status == "optimal":
            return sol
        reasons.append(sol.reason)
    return IsolatedND(tuple(Xq), tuple(yq), "undecided", "; ".join(dict.fromkeys(reasons)))
