"""The optimum of ddb (20) = kh (2)+(8) in 1-D when its contacts sit at irrational kinks: isolated in a Krawczyk
box, with its exact contact set and the points its minimisers charge (kind relu1d-joint-isolated).

On an open arc of the circle (fixed sign pattern p of a . (x_i, 1)) the dual function is linear, g_v(a) =
a . (P, Q), so an interior contact is the point s (P, Q) with P^2 + Q^2 = 1: its kink -Q/P is a root of the KKT
system, algebraic of degree > 2 in general, and v is then in no field of square roots
(:mod:`exact.relu.joint_norm` declines with "contact equations inconsistent"). Here the optimum is the unique
zero z* of the square polynomial system F of :mod:`exact.checker.relu1d_joint_isolated`, proved to exist, be
unique in a box and be optimal by that kind.

*Even* optima. Often (most random instances with n >= 6) the optimal dual is orthogonal to x and to 1, so g_v
is even and every contact a comes with its antipode -a, charged with the same sign: moving weight between a and
-a adds an affine function at no cost, so the minimiser is not unique. Then the system has one row per antipodal
pair and a free affine term l, and the certificate also gives weights t_k on the antipodes realising l: a
minimiser charging every contact when all t_k lie strictly inside (0, |c_k|).

Method (:func:`solve_isolated`), floats only guessing:

1. Contacts from the float dual v_hat: the points of :func:`ratios` with ratio > 1 - tol (one per antipodal pair
   when v_hat is even); weights c (and l) by least squares on the fit rows.
2. Newton in exact rationals (:func:`refine`): z <- z - Y F(z), F evaluated exactly by the checker's
   :func:`~exact.checker.relu1d_joint_isolated.system`, Y = F'(z)^-1 in float64, z on a grid of
   2^-CENTRE_BITS, until |F| < 2^-RESIDUAL_BITS; contacts swapped while a weight has the wrong sign or the dual
   exceeds 1 elsewhere (:func:`active_set`).
   A guess on which Newton fails is retried without one of its contacts, the lowest ratio first.
3. Even: antipodal weights t from an LP maximising their smallest margin (scipy HiGHS), two of them left to the
   checker's 2 x 2 solve.
4. The box z +- 2^-RADIUS_BITS; the certificate is checked by the checker itself
   (:func:`exact.certificates.relu1d_joint_isolated.isolated_certificate`); another tolerance is tried when it
   is refused.

>>> from fractions import Fraction as F
>>> x, y = [F(-4), F(7, 2), F(5, 2), F(-7), F(-5, 4)], [F(3, 2), F(4), F(3), F(1, 2), F(2)]
>>> v_hat = [2.2293, 1.6692, -1.9533, -1.3389, 0.2458]  # the float dual, 4 digits
>>> sol = solve_isolated(x, y, F(0), v_hat); sol.status, sol.even, round(float(sol.lower), 9)
('optimal', False, 3.982836271)
>>> sorted(c.cell is None for c in sol.contacts), float(sol.upper - sol.lower) < 1e-30  # two irrational kinks
([False, False, True, True], True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Sequence

import numpy as np

from ..certificates.relu1d_joint_isolated import isolated_certificate
from ..checker import check_certificate
from ..checker.arith import Interval, sigma
from ..checker.relu1d_joint_isolated import MAX_POINTS, Contact, arcs, system
from ..numbers import dyadic
from .antipodes import antipodal_weights

TOLERANCES = (1e-6, 1e-4, 1e-3)
CENTRE_BITS = 200
RADIUS_BITS = 120
RESIDUAL_BITS = 160
Y_BITS = 40
DIVERGED = 1e6  # a residual this large: the contact guess is wrong
NEWTON_STEPS = 40
NEWTON_SWITCH = 1e-9  # below this residual Newton keeps its Jacobian
MAX_SWAPS = 12
SLACK = 1e-12  # a float64 ratio above 1 + SLACK at a refined dual: a violated point
EVEN_TOL = 1e-6  # |v . x| and |v . 1| below this (relative): the float dual is taken as even


@dataclass(frozen=True)
class IsolatedContact:
    """A contact: a data ray (w, b) (``cell`` None) or the point s (P, Q) of the open arc with pattern ``cell``;
    ``direction`` a float unit vector for display."""

    sign: int
    cell: tuple[int, ...] | None = None
    w: Fraction = Fraction(0)
    b: Fraction = Fraction(0)
    direction: tuple[float, float] = (0.0, 0.0)

    def signs(self, x: Sequence[Fraction]) -> tuple[int, ...]:
        """sign(a . (x_i, 1)) per point: the pattern, or the ray's (0 at its kink)."""
        if self.cell is not None:
            return self.cell
        return tuple((t > 0) - (t < 0) for t in (self.w * xi + self.b for xi in x))

    def antipode(self) -> IsolatedContact:
        if self.cell is None:
            return IsolatedContact(self.sign, None, -self.w, -self.b, (-self.direction[0], -self.direction[1]))
        return IsolatedContact(self.sign, tuple(-p for p in self.cell), direction=(-self.direction[0],
                                                                                  -self.direction[1]))

    def doc(self) -> dict:
        if self.cell is None:
            return {"ray": {"w": str(self.w), "b": str(self.b)}, "sign": self.sign}
        return {"cell": list(self.cell), "sign": self.sign}

    def text(self) -> str:
        """(w x + b)_+ for a note; a cell contact with its float direction and kink (the exact point lies in the
        open arc of its pattern, irrational in general)."""
        if self.cell is None:
            return f"({self.w} x {'-' if self.b < 0 else '+'} {abs(self.b)})_+"
        w, b = self.direction
        where = f"kink ~{-b / w:.9g}" if abs(w) > 1e-12 else "~constant"
        return f"({w:.6g} x {'-' if b < 0 else '+'} {abs(b):.6g})_+ ({where}, in the open arc)"


@dataclass(frozen=True)
class Isolated:
    """The isolated optimum: status 'optimal' (certificate accepted by the checker) or 'undecided' (reason).
    ``contacts`` the listed ones (one per antipodal pair when ``even``); ``antipodes`` the t_k ('basic' for the
    two the checker solves for) when even."""

    x: tuple[Fraction, ...]
    y: tuple[Fraction, ...]
    alpha: Fraction
    status: str
    reason: str = ""
    penalty: Fraction = Fraction(0)  # lambda of (22); 0: the interpolation problem (20)
    even: bool = False
    contacts: tuple[IsolatedContact, ...] = ()
    centre: tuple[Fraction, ...] = ()
    radius: tuple[Fraction, ...] = ()
    preconditioner: tuple[tuple[Fraction, ...], ...] = field(default=(), repr=False)
    antipodes: tuple[Fraction | str, ...] = ()
    estimates: tuple[Fraction, ...] = ()  # every t_k (the basic ones as the LP found them), for display
    lower: Fraction | None = None
    upper: Fraction | None = None

    @property
    def weights(self) -> tuple[Fraction, ...]:
        """The box centres of the listed contacts' weights c (each within its radius of the exact c*)."""
        return self.centre[len(self.x):len(self.x) + len(self.contacts)]

    @property
    def support(self) -> tuple[IsolatedContact, ...]:
        """The whole contact set: every optimal measure is carried by it."""
        return self.contacts + (tuple(c.antipode() for c in self.contacts) if self.even else ())

    @property
    def charged(self) -> tuple[IsolatedContact, ...]:
        """The points the certified minimiser charges (all of :attr:`support` unless some t_k = 0)."""
        return self.contacts + tuple(c.antipode() for c, t in zip(self.contacts, self.antipodes) if t != 0)


def midpoints(ivs: Sequence[Interval]) -> np.ndarray:
    """The midpoints in float64 (inf beyond its range: a diverging Newton step)."""
    return np.array([float((t.lo + t.hi) / 2) if abs(t.lo) < 2**1000 else np.inf for t in ivs])


def _key(c: IsolatedContact) -> tuple:
    return (c.cell, c.w, c.b, c.sign)


def ratios(x: Sequence[Fraction], alpha: Fraction, v: Sequence[float]) -> list[tuple[IsolatedContact, float]]:
    """Every point where sup |g_v| / |a| over the circle can be attained, in float64, with its ratio: each data
    ray with the sign of g there, and each arc's s (P, Q) lying inside its arc (at most one sign does)."""
    xs, va = [float(t) for t in x], np.asarray(v, float)
    rays: dict[tuple[Fraction, Fraction], tuple[IsolatedContact, float]] = {}
    cells = []
    for e1, e2 in arcs(list(x)):
        for e in (e1, e2):
            g = float(sum(vi * float(sigma(e[0] * t + e[1], alpha)) for vi, t in zip(va, x)))
            w, b = e[0] * e[1].denominator, e[1] * e[1].denominator
            norm = float(np.hypot(float(w), float(b)))
            rays.setdefault((w, b), (IsolatedContact(1 if g > 0 else -1, None, w, b, (float(w) / norm,
                                     float(b) / norm)), abs(g) / float(np.hypot(float(e[0]), float(e[1])))))
        d = (e1[0] + e2[0], e1[1] + e2[1])
        pattern = tuple(1 if d[0] * t + d[1] > 0 else -1 for t in x)
        h = np.array([1.0 if p > 0 else float(alpha) for p in pattern])
        P, Q = float(np.sum(va * h * xs)), float(np.sum(va * h))
        norm = float(np.hypot(P, Q))
        for sign in (1, -1):
            u = (sign * P / norm, sign * Q / norm) if norm else (0.0, 0.0)
            if all(np.sign(u[0] * t + u[1]) == p for t, p in zip(xs, pattern)):
                cells.append((IsolatedContact(sign, pattern, direction=u), norm))
    return list(rays.values()) + cells


def is_even(x: Sequence[Fraction], v: Sequence[float]) -> bool:
    """v . x and v . 1 vanish to EVEN_TOL (relative): the dual is taken as even (module doc)."""
    va, xs = np.asarray(v, float), np.array([float(t) for t in x])
    scale = float(np.sum(np.abs(va)) * (1 + np.max(np.abs(xs))))
    return abs(float(va @ xs)) <= EVEN_TOL * scale and abs(float(np.sum(va))) <= EVEN_TOL * scale


def _representatives(found: list[tuple[IsolatedContact, float]], even: bool) -> list[tuple[IsolatedContact, float]]:
    """One point per antipodal pair when even (the first found)."""
    if not even:
        return found
    out, seen = [], set()
    for a, r in found:
        if _key(a) not in seen:
            out.append((a, r))
            seen |= {_key(a), _key(a.antipode())}
    return out


def guess(x: Sequence[Fraction], alpha: Fraction, v_hat: Sequence[float], tol: float, even: bool
          ) -> list[IsolatedContact]:
    """Step 1: the points of :func:`ratios` with ratio > 1 - tol, the largest ratios first, as many as the system
    can hold (n, or n - 2 pairs when even)."""
    near = sorted((r for r in ratios(x, alpha, v_hat) if r[1] > 1 - tol), key=lambda r: -r[1])
    return [c for c, _ in _representatives(near, even)[:len(x) - (2 if even else 0)]]


def _columns(x, alpha, contacts: Sequence[IsolatedContact], v: Sequence[float], even: bool) -> np.ndarray:
    """The fit matrix at v in float64: phi of each contact (and x, 1 when even)."""
    xs, va = np.array([float(t) for t in x]), np.asarray(v, float)
    cols = []
    for c in contacts:
        if c.cell is None:
            cols.append([float(sigma(c.w * t + c.b, alpha)) for t in x])
        else:
            h = np.array([1.0 if s > 0 else float(alpha) for s in c.cell])
            cols.append(list(c.sign * h * (float(np.sum(va * h * xs)) * xs + float(np.sum(va * h)))))
    if even:
        cols += [list(xs), [1.0] * len(x)]
    return np.array(cols).T


def _start(x, y, alpha, contacts: Sequence[IsolatedContact], v_hat: Sequence[float], even: bool,
           penalty: Fraction) -> list[Fraction]:
    """z0 = (v_hat, c (and l) by least squares on the fit rows at v_hat)."""
    fit = np.array([float(t) for t in y]) - float(penalty) * len(x) / 2 * np.asarray(v_hat, float)
    coef = np.linalg.lstsq(_columns(x, alpha, contacts, v_hat, even), fit, rcond=None)[0] \
        if contacts or even else np.zeros(0)
    return [dyadic(t, CENTRE_BITS) for t in list(v_hat) + list(coef)]


def _parsed(x, alpha, contacts: Sequence[IsolatedContact]) -> list[Contact]:
    return [Contact(c.doc(), j, list(x), alpha) for j, c in enumerate(contacts)]


def newton(at: Callable[[list[Interval]], tuple[list[Interval], list[list[Interval]]]], z: list[Fraction]
           ) -> tuple[list[Fraction], np.ndarray] | None:
    """z with |F(z)| < 2^-RESIDUAL_BITS and Y = F'(z)^-1 in float64, ``at`` giving F and F' exactly (the checker's
    system at point intervals); None if Newton does not converge. The Jacobian is renewed while the residual is
    above NEWTON_SWITCH, then kept (a float64 inverse gains ~12 digits a step either way)."""
    Y = None
    for _ in range(NEWTON_STEPS):
        F, J = at([Interval(t) for t in z])
        r = midpoints(F)
        size = float(np.max(np.abs(r)))
        try:
            if size < 2.0**-RESIDUAL_BITS:
                return z, np.linalg.inv(np.array([midpoints(row) for row in J]))
            if not size < DIVERGED:
                return None
            if Y is None or size > NEWTON_SWITCH:
                Y = np.linalg.inv(np.array([midpoints(row) for row in J]))
        except np.linalg.LinAlgError:
            return None
        z = [t - dyadic(d, CENTRE_BITS) for t, d in zip(z, Y @ r, strict=True)]
    return None


def refine(x, y, alpha, contacts: Sequence[IsolatedContact], z: list[Fraction], even: bool, penalty: Fraction
           ) -> tuple[list[Fraction], np.ndarray] | None:
    """Step 2 (:func:`newton` on the system of the contacts)."""
    parsed = _parsed(x, alpha, contacts)
    return newton(lambda box: system(list(x), list(y), parsed, box, even, penalty), z)


def active_set(x, y, alpha, contacts: list[IsolatedContact], z: list[Fraction], even: bool, penalty: Fraction
               ) -> tuple[list[IsolatedContact], list[Fraction], np.ndarray] | None:
    """Newton on the contacts, then swaps until the float64 picture is consistent: a contact whose weight has the
    wrong sign leaves, the point where the dual is most above 1 joins (its weight starts at 0)."""
    n = len(x)
    for _ in range(MAX_SWAPS):
        refined = refine(x, y, alpha, contacts, z, even, penalty) if contacts or penalty else None
        if refined is None:
            return None
        z, Y = refined
        K = len(contacts)
        v, c = [float(t) for t in z[:n]], [float(t) for t in z[n:n + K]]
        have = {_key(a) for a in contacts} | ({_key(a.antipode()) for a in contacts} if even else set())
        over = [(r, a) for a, r in ratios(x, alpha, v) if r > 1 + SLACK and _key(a) not in have]
        wrong = [(ck * a.sign, k) for k, (a, ck) in enumerate(zip(contacts, c)) if ck * a.sign <= 0]
        if not over and not wrong:
            return contacts, z, Y
        keep = [k for k in range(K) if k != min(wrong)[1]] if wrong else list(range(K))
        contacts, z = [contacts[k] for k in keep], z[:n] + [z[n + k] for k in keep] + z[n + K:]
        if over:
            contacts = contacts + [max(over, key=lambda t: t[0])[1]]
            z = z[:n + len(keep)] + [Fraction(0)] + z[n + len(keep):]
    return None


def _attempt(x, y, alpha, v_hat, tol, penalty: Fraction) -> Isolated:
    base = dict(x=tuple(x), y=tuple(y), alpha=alpha, penalty=penalty)
    even = is_even(x, v_hat)
    contacts = guess(x, alpha, v_hat, tol, even)
    found = None
    for drop in [None] + list(range(len(contacts) - 1, -1, -1)):  # the guess, then without one (lowest ratio first)
        tried = [c for j, c in enumerate(contacts) if j != drop]
        found = active_set(x, y, alpha, tried, _start(x, y, alpha, tried, v_hat, even, penalty), even, penalty) \
            if tried or penalty else None  # (22) may have the zero measure as its minimiser
        if found is not None:
            break
    if found is None:
        return Isolated(**base, status="undecided", reason=f"tol {tol}: no consistent contact set from the "
                        f"{len(contacts)} contacts guessed (Newton singular or diverging)")
    contacts, z, Y = found
    t = antipodal_weights(x, alpha, contacts, z) if even else ((), ())
    if t is None:
        return Isolated(**base, status="undecided", reason=f"tol {tol}: no antipodal weights realise the affine term")
    radius = (Fraction(1, 1 << RADIUS_BITS),) * len(z)
    box = [Interval.around(m, r) for m, r in zip(z, radius, strict=True)]
    value = dual_value(box[:len(x)], y, penalty)
    sol = Isolated(**base, status="optimal", even=even, contacts=tuple(contacts), centre=tuple(z), radius=radius,
                   preconditioner=tuple(tuple(dyadic(e, Y_BITS) for e in row) for row in Y), antipodes=t[0],
                   estimates=t[1],
                   lower=value.lo, upper=value.hi)
    report = check_certificate(isolated_certificate(sol, "", ""))
    if not report.ok:
        return Isolated(**base, status="undecided", reason=f"tol {tol}: " + "; ".join(report.problems))
    return sol


def dual_value(v: Sequence[Interval], y: Sequence[Fraction], penalty: Fraction) -> Interval:
    """v^T y, or lambda v^T y - n lambda^2 ||v||^2 / 4 for (22): the optimum at the exact dual (the checker's)."""
    value = sum((vi * yi for vi, yi in zip(v, y, strict=True)), Interval(0))
    if not penalty:
        return value
    return value * penalty - sum((vi.square() for vi in v), Interval(0)) * (len(v) * penalty * penalty / 4)


def solve_isolated(x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction, v_hat: Sequence[float],
                   tolerances: Sequence[float] = TOLERANCES, penalty: Fraction = Fraction(0)) -> Isolated:
    """The isolated optimum of (20), or of (22) with ``penalty`` lambda > 0 (v_hat then 2 (y - f) / (n lambda)), from
    a float dual warm start (module doc); the first tolerance that proves it."""
    x, y, alpha, penalty = [Fraction(t) for t in x], [Fraction(t) for t in y], Fraction(alpha), Fraction(penalty)
    if not 2 <= len(x) <= MAX_POINTS:
        return Isolated(tuple(x), tuple(y), alpha, "undecided",
                        f"{len(x)} points, outside 2..{MAX_POINTS} of kind relu1d-joint-isolated", penalty)
    reasons = []
    for tol in tolerances:
        sol = _attempt(x, y, alpha, v_hat, tol, penalty)
        if sol.status == "optimal":
            return sol
        reasons.append(sol.reason)
    return Isolated(tuple(x), tuple(y), alpha, "undecided", "; ".join(dict.fromkeys(reasons)), penalty)
