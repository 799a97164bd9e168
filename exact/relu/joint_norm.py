"""Exact optimum of kh (2)+(8) in 1-D and uniqueness of the optimal function (kind relu1d-joint-exact).

Convention (kh (2) with W = {w^2 + b^2 <= 1} as in (8), no output bias, leaky slope alpha != 1):
P = inf ||mu||_TV s.t. y_i = int sigma_alpha(w x_i + b) dmu(w, b). The corrected program (9) has the
same value and an optimal (9) solution is an optimal network of (2)+(8) (same cost), so a unique
optimal function of (2)+(8) is also the unique one of (9).

An atom is an unnormalised rational direction a = (w, b) (primitive integers here), phi_a(x) =
sigma(w x + b) at cost |a| = sqrt(w^2 + b^2) per unit weight (sigma is positively homogeneous). The
dual is max v^T y s.t. |g_v(a)| <= |a| for all a, g_v(a) = v^T phi_a(X). Costs live in the
multi-quadratic field Q(sqrt m_1, ..., sqrt m_k) (:class:`exact.checker.arith.Surd`).

Method (:func:`solve_joint_exact`), a float dual v_hat of (9) (the Clarabel dual of
``verify.claims.kh.socp``) being only a warm start:

1. Contact guesses: the candidates of :func:`exact.checker.relu1d.joint_candidates` (boundary rays,
   each cone's +-(P, Q)) with |g_vhat(a)| / |a| > 1 - tol, snapped to rational directions
   (:func:`snap`: kink t = -b/w a data point if close, else the simplest nearby rational; w ~ 0 ->
   (0, +-1)).
2. Exact dual: v^T phi_a(X) = sign_a |a| for each guess a, plus for a cone-interior guess the
   stationarity b P(v) - w Q(v) = 0 ((P, Q) parallel to a). The matrix is rational and the
   right-hand side is a Q-combination of distinct surds, so it is solved per surd coordinate
   (minimum-norm, exact); the null space is added to the rational coordinate with rational
   coefficients fitted to v_hat (the solution closest to v_hat, rounded).
3. Exact checks (floats never decide): g_v(a)^2 <= |a|^2 at every candidate (so sup |g_v| <= 1
   on the disk); the contact set C = candidates with equality (finite); the primal LP over C,
   E c = y with sign(c_a) = sign(g_v(a)) (:func:`exact.lp.solve_lp`): feasible => every solution
   is optimal with cost sum |c_a| |a| = v^T y (complementary slackness), the exact value.
4. Uniqueness of the optimal function: every optimal mu is carried by C with those signs, so the
   optimal functions are {sum_a c_a phi_a : c in that polyhedron}; they have kinks only at the
   contact kinks, so are equal iff equal on Z (:func:`exact.checker.relu1d.evaluation_points`).
   Sufficient: ker E inside ker M_Z (exact ranks, "rank"; checked by the certificate); otherwise
   min = max of each value at z in Z over the polyhedron (exact LPs, "lp"), or two optimal
   networks with different functions (unique = False).
Any failing step gives status 'undecided' with the reason; other tolerances are tried first. So does an instance
beyond the limits of the kind relu1d-joint-exact (:func:`beyond_limits`: more points than it checks, more
radicands, neurons or contacts) or a radicand too large to factor (a contact direction with huge integers):
the exact route declines, and the caller keeps its certified bracket.

>>> from fractions import Fraction as F
>>> sol = solve_joint_exact([F(0), F(1)], [F(0), F(1)], F(0), [-1.0, 1.0])
>>> sol.status, sol.value, sol.unique, sol.network().neurons
('optimal', 1, True, (Neuron(w=(Fraction(1, 1),), b=Fraction(0, 1), c=Fraction(1, 1)),))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from math import gcd, lcm
from typing import Sequence

import numpy as np
import sympy

from ..checker import relu1d_joint_exact as kind
from ..checker.arith import Surd, rank, sigma
from ..checker.relu1d import evaluation_points, joint_candidates
from ..lp import LinearProgram, LPResult, solve_lp
from .networks import Network, Neuron

TOLERANCES = (1e-6, 1e-4, 1e-3)  # contact thresholds tried in turn (each result is checked exactly)


@dataclass(frozen=True)
class Contact:
    """A contact direction (primitive integers w, b) with sign(g_v(a)) = sign."""

    w: Fraction
    b: Fraction
    sign: int

    @property
    def norm(self) -> Surd:
        return Surd.sqrt(self.w * self.w + self.b * self.b)

    def column(self, x: Sequence[Fraction], alpha: Fraction) -> list[Fraction]:
        return [sigma(self.w * t + self.b, alpha) for t in x]


@dataclass(frozen=True)
class JointExact:
    """Exact result; ``value`` = v^T y in the field, ``witnesses`` two optimal networks (unique False)."""

    x: tuple[Fraction, ...]
    y: tuple[Fraction, ...]
    alpha: Fraction
    status: str  # 'optimal' | 'undecided'
    reason: str = ""
    v: tuple[Surd, ...] = ()
    value: Surd | None = None
    contacts: tuple[Contact, ...] = ()
    neurons: tuple[Neuron, ...] = ()
    unique: bool | None = None
    uniqueness: str = ""  # 'rank' | 'lp' | ''
    witnesses: tuple[tuple[Neuron, ...], ...] = ()
    lps: tuple[tuple[LinearProgram, LPResult], ...] = field(default=(), repr=False)

    @property
    def value_float(self) -> float | None:
        return None if self.value is None else float(self.value)

    def network(self) -> Network:
        """The exact optimal network (status 'optimal')."""
        return Network(self.neurons, alpha=self.alpha)


def _simplest(t: float, tol: float) -> Fraction:
    N = 1
    while N < 10**6 and abs(float(Fraction(t).limit_denominator(N)) - t) > tol * (1 + abs(t)):
        N *= 2
    return Fraction(t).limit_denominator(N)


def _primitive(w: Fraction, b: Fraction) -> tuple[Fraction, Fraction]:
    s = lcm(w.denominator, b.denominator)
    W, B = int(w * s), int(b * s)
    g = gcd(W, B)
    return Fraction(W // g), Fraction(B // g)


def snap(w: float, b: float, x: Sequence[Fraction], tol: float) -> tuple[Fraction, Fraction]:
    """A primitive integer direction near (w, b): kink -b/w a data point if within tol, else simplest rational.

    >>> snap(1.0, 0.6000001, [Fraction(-3, 5)], 1e-6), snap(-1e-9, 2.0, [], 1e-6)
    ((Fraction(5, 1), Fraction(3, 1)), (Fraction(0, 1), Fraction(1, 1)))
    """
    if abs(w) <= tol * np.hypot(w, b):
        return Fraction(0), Fraction(1 if b > 0 else -1)
    t = -b / w
    near = min(x, key=lambda p: abs(float(p) - t), default=None)
    tq = near if near is not None and abs(float(near) - t) <= tol * (1 + abs(t)) else _simplest(t, tol)
    s = 1 if w > 0 else -1
    return _primitive(Fraction(s), -s * tq)


def contact_guesses(x: Sequence[Fraction], alpha: Fraction, v_hat: Sequence[float], tol: float) -> list[Contact]:
    """Step 1: snapped candidates with |g_vhat(a)| / |a| > 1 - tol."""
    vq = [Fraction(float(t)).limit_denominator(10**12) for t in v_hat]
    out: dict[tuple[Fraction, Fraction], Contact] = {}
    for a, g in joint_candidates(list(x), vq, alpha):
        r = float(g) / float(np.hypot(float(a[0]), float(a[1])))
        if abs(r) > 1 - tol:
            w, b = snap(float(a[0]), float(a[1]), x, tol)
            out.setdefault((w, b), Contact(w, b, 1 if r > 0 else -1))
    return list(out.values())


def _min_norm(A: sympy.Matrix, rhs: sympy.Matrix, N: list[sympy.Matrix]) -> sympy.Matrix | None:
    """The minimum-norm rational solution of A v = rhs (None if inconsistent)."""
    try:
        sol, params = A.gauss_jordan_solve(rhs)
    except ValueError:
        return None
    sol = sol.subs({p: 0 for p in params})
    if N:
        K = sympy.Matrix.hstack(*N)
        sol -= K * (K.T * K).inv() * (K.T * sol)
    return sol


def exact_dual(x: Sequence[Fraction], alpha: Fraction, contacts: Sequence[Contact],
               v_hat: Sequence[float]) -> tuple[Surd, ...] | None:
    """Step 2: v in the field with g_v(a) = sign_a |a| (and stationarity), closest to v_hat; None if none."""
    rows, rhs = [], []
    xs = set(x)
    for c in contacts:
        rows.append(c.column(x, alpha))
        rhs.append(c.sign * c.norm)
        if not c.w or -c.b / c.w not in xs:  # cone-interior: (P, Q) parallel to (w, b)
            h = [Fraction(1) if c.w * t + c.b > 0 else alpha for t in x]
            rows.append([c.b * hi * t - c.w * hi for hi, t in zip(h, x)])
            rhs.append(Surd({}))
    A = sympy.Matrix(rows)
    N = A.nullspace()
    surds = sorted({m for r in rhs for m in r.c} | {1})
    parts = {}
    for m in surds:
        part = _min_norm(A, sympy.Matrix([r.c.get(m, Fraction(0)) for r in rhs]), N)
        if part is None:
            return None
        parts[m] = [Fraction(int(t.p), int(t.q)) for t in part]
    v = [Surd({m: parts[m][i] for m in surds}) for i in range(len(x))]
    if N:
        K = np.array([[float(t) for t in col] for col in N]).T
        z = np.linalg.lstsq(K, np.asarray(v_hat, float) - [float(t) for t in v], rcond=None)[0]
        zq = [Fraction(float(t)).limit_denominator(10**6) for t in z]
        v = [vi + sum((zj * Fraction(int(col[i].p), int(col[i].q)) for zj, col in zip(zq, N)), Fraction(0))
             for i, vi in enumerate(v)]
    return tuple(v)


def rational_ray(p: Surd, q: Surd) -> tuple[Fraction, Fraction] | None:
    """The primitive integer direction positively proportional to (p, q) != 0, None if irrational.

    >>> r5 = Surd.sqrt(Fraction(5)); rational_ray(-r5 * Fraction(1, 5), r5 * Fraction(2, 5))
    (Fraction(-1, 1), Fraction(2, 1))
    """
    if not p:
        return Fraction(0), Fraction(q.sign())
    m, r = next(iter(p.c.items()))
    rho = q.c.get(m, Fraction(0)) / r  # q = rho p if the ray is rational
    if q != rho * p:
        return None
    s = p.sign()
    return _primitive(Fraction(s), s * rho)


def exact_contacts(x: Sequence[Fraction], alpha: Fraction, v: Sequence[Surd]) -> tuple[list[Contact], str]:
    """Step 3a: (C, problem): the rational contact directions of v; problem non-empty if sup > 1 or C irrational."""
    out: dict[tuple[Fraction, Fraction], Contact] = {}
    irrational = []
    for a, g in joint_candidates(list(x), list(v), alpha):
        n2 = a[0] * a[0] + a[1] * a[1]
        if g * g > n2:
            return [], f"sup |g_v| > 1: g = {g} at a = ({a[0]}, {a[1]})"
        if g * g == n2:
            ray = rational_ray(Surd.of(a[0]), Surd.of(a[1]))
            if ray is None:
                irrational.append(a)
                continue
            w, b = ray
            out.setdefault((w, b), Contact(w, b, Surd.of(g).sign()))
    return list(out.values()), (f"irrational contact directions {irrational}" if irrational else "")


def polyhedron(x, y, alpha, C: Sequence[Contact]) -> list[dict[int, Fraction]]:
    """The fit rows sum_a sign_a phi_a(x_i) d_a = y_i over d >= 0 (c_a = sign_a d_a): the optimal networks."""
    cols = [[c.sign * t for t in c.column(x, alpha)] for c in C]
    return [{j: col[i] for j, col in enumerate(cols) if col[i]} for i in range(len(y))]


def _network(C: Sequence[Contact], d: Sequence[Fraction]) -> tuple[Neuron, ...]:
    return tuple(Neuron((c.w,), c.b, c.sign * dj) for c, dj in zip(C, d, strict=True) if dj)


def uniqueness(x, y, alpha, C: Sequence[Contact], rows) -> tuple[bool, str, tuple, tuple]:
    """Step 4 over the contacts C with the fit ``rows`` of :func:`polyhedron`: (unique, method, witnesses, lps).

    >>> F = Fraction; C = [Contact(F(1), F(0), 1), Contact(F(0), F(1), 1)]  # relu(x) and 1 both fit y(1) = 1
    >>> unique, how, wit, _ = uniqueness([F(1)], [F(1)], F(0), C, polyhedron([F(1)], [F(1)], F(0), C)); unique, how
    (False, 'lp')
    """
    Z = evaluation_points(x, [(c.w, c.b) for c in C])
    E = [[sigma(c.w * t + c.b, alpha) for c in C] for t in x]
    M = [[sigma(c.w * z + c.b, alpha) for c in C] for z in Z]
    if rank(E) == rank(E + M):
        return True, "rank", (), ()
    lps = []
    for row in M:
        ends = []
        for s in (1, -1):  # min and max of the value at z over the optimal polyhedron
            lp = LinearProgram(tuple(s * c.sign * r for c, r in zip(C, row)), tuple(rows), tuple(y))
            res = solve_lp(lp)
            lps.append((lp, res))
            ends.append(res.optimum())  # bounded: the polyhedron is the nonempty optimal face
        if ends[0].value != -ends[1].value:
            return False, "lp", tuple(_network(C, r.x) for r in ends), tuple(lps)
    return True, "lp", (), tuple(lps)


def _attempt(x, y, alpha, v_hat, tol) -> JointExact:
    base = dict(x=tuple(x), y=tuple(y), alpha=alpha)
    guesses = contact_guesses(x, alpha, v_hat, tol)
    v = exact_dual(x, alpha, guesses, v_hat) if guesses else None
    if v is None:
        return JointExact(**base, status="undecided", reason=f"tol {tol}: contact equations inconsistent")
    C, problem = exact_contacts(x, alpha, v)
    if not C or problem.startswith("sup"):
        return JointExact(**base, status="undecided", reason=f"tol {tol}: {problem or 'no contacts'}", v=v)
    rows = polyhedron(x, y, alpha, C)
    res = solve_lp(LinearProgram((Fraction(1),) * len(C), tuple(rows), tuple(y)))
    if res.status != "optimal":
        return JointExact(**base, status="undecided", v=v, contacts=tuple(C),
                          reason=f"tol {tol}: no fit on the contact atoms with the dual's signs")
    value = sum((vi * yi for vi, yi in zip(v, y)), Surd({}))
    unique, how, wit, lps = (None, "", (), ()) if problem else uniqueness(x, y, alpha, C, rows)
    return JointExact(**base, status="optimal", reason=problem, v=v, value=value, contacts=tuple(C),
                      neurons=_network(C, res.optimum().x), unique=unique, uniqueness=how, witnesses=wit, lps=lps)


def beyond_limits(sol: JointExact) -> str:
    """Why the certificate of an optimal ``sol`` would exceed a limit of kind relu1d-joint-exact ('' if none)."""
    radicands = {m for t in sol.v for m in t.c}
    for what, size, limit in (("points", len(sol.x), kind.MAX_POINTS), ("radicands of v", len(radicands),
                              kind.MAX_RADICANDS), ("neurons", len(sol.neurons), kind.MAX_NEURONS),
                              ("contacts", len(sol.contacts) if sol.uniqueness == "rank" else 0, kind.MAX_CONTACTS)):
        if size > limit:
            return f"{size} {what}, beyond the limit {limit} of kind relu1d-joint-exact"
    return ""


def solve_joint_exact(x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction, v_hat: Sequence[float],
                      tolerances: Sequence[float] = TOLERANCES) -> JointExact:
    """The exact optimum of (2)+(8) from a float dual warm start (module doc); first tolerance that proves it."""
    if len(x) > kind.MAX_POINTS:
        return JointExact(tuple(x), tuple(y), Fraction(alpha), "undecided",
                          f"{len(x)} points, beyond the limit {kind.MAX_POINTS} of kind relu1d-joint-exact")
    reasons = []
    for tol in tolerances:
        try:
            sol = _attempt(list(x), list(y), Fraction(alpha), v_hat, tol)
        except ValueError as err:  # a radicand power_free cannot factor
            sol = JointExact(tuple(x), tuple(y), Fraction(alpha), "undecided", f"tol {tol}: {err}")
        if sol.status == "optimal" and (why := beyond_limits(sol)):
            sol = JointExact(tuple(x), tuple(y), Fraction(alpha), "undecided", f"tol {tol}: {why}")
        if sol.status == "optimal":
            return sol
        reasons.append(sol.reason)
    return JointExact(tuple(x), tuple(y), Fraction(alpha), "undecided", "; ".join(reasons))


