"""Kind "relu1d-joint-isolated": the optimum of ddb (20) = kh (2)+(8) in 1-D isolated in a Krawczyk box, with
its exact contact set and its unique minimiser, when the contacts lie at irrational kinks.

The problem is that of relu1d-joint-exact: inf ||mu||_TV s.t. y_i = int sigma_alpha(w x_i + b) dmu(w, b) over
the unit circle, g_v(a) = sum_i v_i sigma_alpha(a . (x_i, 1)) its dual function. The circle is cut by the 2n data
rays +-(1, -x_k) into 2n open arcs (n >= 2 distinct points: each shorter than pi), on each of which the sign
pattern p_i = sign(a . (x_i, 1)) is fixed and g_v(a) = a . (P, Q) is linear, P = sum_i v_i h_i x_i,
Q = sum_i v_i h_i (h_i = 1 where p_i = +1, alpha where p_i = -1).

A contact is {"ray": {"w", "b"}, "sign": s} -- the rational direction (w, b), w != 0, of a data ray (kink -b/w a
data point), an atom of weight c with phi(x_i) = sigma(w x_i + b) and cost |c| |(w, b)| -- or {"cell": p,
"sign": s}: the point u = s (P, Q) of the open arc with pattern p (an atom of weight c, phi(x_i) = sigma(u .
(x_i, 1)) = s h_i (P x_i + Q), cost |c|; its kink -Q/P is irrational in general, so v is not in a field of square
roots). With z = (v, c) (n + K unknowns) the contacts give the square polynomial system F(z) = 0:

    fit_i   = sum_rays c_a phi_a(x_i) + sum_cells c_k s_k h_ki (P_k x_i + Q_k) - y_i = 0    (n rows)
    ray_a   = g_v(w_a, b_a) - s_a |(w_a, b_a)| = 0;   cell_k = P_k^2 + Q_k^2 - 1 = 0    (K rows).

Conditions checked (interval arithmetic with exact rational end points, :class:`exact.checker.arith.Interval`;
B = [m - r, m + r] the box, m = ``box.centre``, r = ``box.radius`` > 0, Y = ``preconditioner``):
  1. convention and data as relu1d-joint-exact, n >= 2; every contact well formed, no two alike;
  2. Krawczyk (:mod:`exact.checker._krawczyk`): K(B) = m - Y F(m) + (I - Y F'(B)) (B - m) lies in the interior
     of B. Then F has exactly one zero z* = (v*, c*) in B and every matrix of F'(B) is nonsingular;
  3. over B: every cell contact's u = s (P, Q) has the pattern p strictly (it lies in its open arc) and every
     c_k has the sign s_k strictly;
  4. over B, for every arc and sign t in {+1, -1} that is not a cell contact, sup of t g_v(a) / |a| over the
     closed arc is < 1 except at the arc's end rays listed as ray contacts of sign t: either |(P, Q)|^2 < 1, or
     t (P, Q) points strictly outside the closed arc (then the sup over the arc is at an end ray, and a linear
     function on an arc shorter than pi is below its larger end value inside) and each end ray e has
     t g_v(e) < |e| or is a ray contact of sign t. A cell contact's arc has its sup |(P, Q)| = 1 at u only.
Then at z*: |g_v*| <= 1 on the circle with equality exactly at the listed contacts (4 and the system), the
measure sum_k c*_k delta_(u_k) fits y and costs sum_k |c*_k| = sum_k c*_k g_v*(u_k) = v*^T y (3): both are
optimal (weak duality). Every optimal measure is carried by the contacts with the signs s (complementary
slackness), and their fit matrix E has independent columns (a kernel vector z of E gives F'(z*) (0, z) = 0,
but F'(z*) is nonsingular by 2), so the optimal measure is unique: sum_k c*_k delta_(u_k).

Penalised (``penalty`` lambda > 0): the problem is ddb (22), min 1/n ||f_mu - y||^2 + lambda ||mu||_TV, the fit rows
read f_i + (n lambda / 2) v_i = y_i (v = 2 (y - f) / (n lambda)), and the value is the dual one, lambda v^T y -
n lambda^2 ||v||^2 / 4: for any mu and v with |g_v| <= 1, 1/n ||r||^2 >= lambda v . r - n lambda^2 ||v||^2 / 4 (a
square) and lambda ||mu|| >= lambda v . f_mu, with equality at z* by the fit rows and the contacts.

Even (``even`` true: v . x = v . 1 = 0 are two more rows, the fit rows gain a free affine term l . (x_i, 1)): g_v is
even, so every contact a comes with -a (same sign); condition 5 (:func:`realised`) splits each weight between a
and -a so that the measure realises l (sigma(-t) = sigma(t) - (1 + alpha) t), at the same cost. The minimisers then
form a polytope (weight moves between antipodes), and the relation lists the antipodes in ``support`` and those the
certified minimiser charges in ``charged``; it has no ``unique``.

Proves ``{"type": "isolated-optimum", "lower": L, "upper": U, "even": e, "support": [...], "charged": [...]}``,
plus ``"unique": true`` when not even and ``"penalty": lambda`` when penalised: the optimal value lies in [L, U]
(the dual value over B), every optimal measure is carried by ``support`` and a certified one charges ``charged``.

Limits (checked first): at most MAX_POINTS = 16 points and MAX_CONTACTS = 24 contacts.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ._fields import Malformed, at, list_, q, within
from ._joint import joint_data
from ._krawczyk import checked_box
from ._proved import Proved
from .arith import Interval, sigma

MAX_POINTS = 16
#: contacts K: the Krawczyk step multiplies (n + K)-square interval matrices, (n + K)^3 interval products
MAX_CONTACTS = 24
SQRT_BITS = 256  # width of the enclosure of |(w, b)| of a ray contact


class Contact:
    """A parsed contact: ``h`` the factors sigma'(.) per point (cells), ``phi`` the features (rays), ``norm`` |a|."""

    def __init__(self, doc: dict, j: int, x: list[Fraction], alpha: Fraction):
        name = f"contacts[{j}]"
        self.sign = at(doc, "sign", name)
        if self.sign not in (1, -1):
            raise Malformed(f"{name}.sign: expected 1 or -1, got {self.sign!r}")
        if "ray" in doc:
            self.w, self.b = (q(at(doc, f"ray.{k}", name), f"{name}.ray.{k}") for k in ("w", "b"))
            if not self.w or -self.b / self.w not in x:
                raise Malformed(f"{name}.ray: expected w != 0 and the kink -b/w a data point, got "
                                f"({self.w}, {self.b})")
            self.cell: tuple[int, ...] | None = None
            self.phi = [sigma(self.w * t + self.b, alpha) for t in x]
            self.norm = Interval.sqrt(self.w * self.w + self.b * self.b, SQRT_BITS)
            self.key: tuple = ("ray", self.w / abs(self.w), self.b / abs(self.w), self.sign)
        else:
            p = list_(at(doc, "cell", name), f"{name}.cell", len(x))
            if any(s not in (1, -1) for s in p):
                raise Malformed(f"{name}.cell: expected a sign pattern of +1 / -1 per point, got {p!r}")
            self.cell = tuple(p)
            self.h = [Fraction(1) if s > 0 else alpha for s in p]
            self.key = ("cell", self.cell, self.sign)

    def doc(self) -> dict:
        if self.cell is None:
            return {"ray": {"w": self.w, "b": self.b}, "sign": self.sign}
        return {"cell": list(self.cell), "sign": self.sign}

    def antipode(self, j: int, x: list[Fraction], alpha: Fraction) -> "Contact":
        """The contact at -a with the same sign (a contact too when v is orthogonal to x and 1: g_v is even)."""
        if self.cell is None:
            return Contact({"ray": {"w": str(-self.w), "b": str(-self.b)}, "sign": self.sign}, j, x, alpha)
        return Contact({"cell": [-p for p in self.cell], "sign": self.sign}, j, x, alpha)

    def direction(self, x: list[Fraction], v: list[Interval]) -> tuple[Interval, Interval]:
        """The point a: (w, b) of a ray, u = s (P, Q) of a cell."""
        if self.cell is None:
            return Interval(self.w), Interval(self.b)
        P, Q = pq(x, self.h, v)
        return P * self.sign, Q * self.sign


def pq(x: Sequence[Fraction], h: Sequence[Fraction], v: Sequence[Interval]) -> tuple[Interval, Interval]:
    """(P, Q) = (sum_i v_i h_i x_i, sum_i v_i h_i): g_v(a) = a . (P, Q) on the arc with factors h."""
    P = sum((vi * (hi * xi) for vi, hi, xi in zip(v, h, x, strict=True)), Interval(0))
    return P, sum((vi * hi for vi, hi in zip(v, h, strict=True)), Interval(0))


def system(x: list[Fraction], y: list[Fraction], contacts: list[Contact], z: Sequence[Interval], even: bool,
           penalty: Fraction = Fraction(0)) -> tuple[list[Interval], list[list[Interval]]]:
    """F(z) and F'(z) (module doc) over the box z = (v, c), or z = (v, c, l) when ``even``; with a ``penalty``
    lambda > 0 the fit rows are those of (22): f_i + (n lambda / 2) v_i = y_i."""
    n, K = len(x), len(contacts)
    v, c = list(z[:n]), list(z[n:n + K])
    zero = Interval(0)
    N = n + K + (2 if even else 0)
    half = penalty * n / 2
    F = [v[i] * half - y[i] for i in range(n)] + [zero] * (N - n)
    J = [[zero] * N for _ in range(N)]
    for i in range(n):
        J[i][i] = Interval(half)
    if even:  # the affine term l . (x_i, 1) of the fit, and v orthogonal to x and to 1
        for i in range(n):
            F[i] += z[N - 2] * x[i] + z[N - 1]
            J[i][N - 2], J[i][N - 1] = Interval(x[i]), Interval(1)
            J[N - 2][i], J[N - 1][i] = Interval(x[i]), Interval(1)
        F[N - 2] = sum((vi * xi for vi, xi in zip(v, x, strict=True)), zero)
        F[N - 1] = sum(v, zero)
    for k, a in enumerate(contacts):
        row = n + k
        if a.cell is None:
            for i in range(n):
                F[i] += c[k] * a.phi[i]
                J[i][n + k] = Interval(a.phi[i])
                J[row][i] = Interval(a.phi[i])
            F[row] = sum((vi * f for vi, f in zip(v, a.phi, strict=True)), zero) - a.sign * a.norm
            continue
        P, Q = pq(x, a.h, v)
        for i in range(n):
            f = a.sign * a.h[i] * (P * x[i] + Q)
            F[i] += c[k] * f
            J[i][n + k] = f
            J[row][i] = 2 * a.h[i] * (P * x[i] + Q)
            for j in range(n):
                J[i][j] += c[k] * (a.sign * a.h[i] * a.h[j] * (x[i] * x[j] + 1))
        F[row] = P.square() + Q.square() - 1
    return F, J


def arcs(x: list[Fraction]) -> list[tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]]:
    """The 2n open arcs between consecutive data rays, each as its end rays (e1, e2), counter-clockwise.

    >>> [tuple(tuple(map(int, e)) for e in arc) for arc in arcs([Fraction(0), Fraction(1)])]
    [((1, -1), (1, 0)), ((1, 0), (-1, 1)), ((-1, 1), (-1, 0)), ((-1, 0), (1, -1))]
    """
    t = sorted(x)
    one = Fraction(1)
    out = [((one, -t[k + 1]), (one, -t[k])) for k in range(len(t) - 1)]
    out.append(((one, -t[0]), (-one, t[-1])))
    out += [((-one, t[k + 1]), (-one, t[k])) for k in range(len(t) - 1)]
    out.append(((-one, t[0]), (one, -t[-1])))
    return out


def _ray_ok(e: tuple[Fraction, Fraction], t: int, P: Interval, Q: Interval, rays: set) -> bool:
    """t g_v(e) < |e| over the box, or e is a ray contact of sign t (equality by the system)."""
    if ("ray", e[0] / abs(e[0]), e[1] / abs(e[0]), t) in rays:
        return True
    g = (P * e[0] + Q * e[1]) * t
    return g.hi <= 0 or g.hi * g.hi < e[0] * e[0] + e[1] * e[1]


def dual_feasible(x: list[Fraction], alpha: Fraction, contacts: list[Contact], v: list[Interval],
                  problems: list[str]) -> None:
    """Condition 4 of the module doc (``contacts`` with their antipodes when even)."""
    cells = {a.key for a in contacts if a.cell is not None}
    rays = {a.key for a in contacts if a.cell is None}
    for e1, e2 in arcs(x):
        d = (e1[0] + e2[0], e1[1] + e2[1])
        pattern = tuple(1 if d[0] * t + d[1] > 0 else -1 for t in x)
        P, Q = pq(x, [Fraction(1) if s > 0 else alpha for s in pattern], v)
        for t in (1, -1):
            if ("cell", pattern, t) in cells or (P.square() + Q.square()).hi < 1:
                continue
            outside = ((P * e1[1] - Q * e1[0]) * t).sign() > 0 or ((Q * e2[0] - P * e2[1]) * t).sign() > 0
            if not (outside and _ray_ok(e1, t, P, Q, rays) and _ray_ok(e2, t, P, Q, rays)):
                problems.append(f"dual: sup of {t:+d} g_v / |a| < 1 not proved on the arc with pattern {pattern}")


def realised(x: list[Fraction], alpha: Fraction, contacts: list[Contact], v: list[Interval], c: list[Interval],
             affine: tuple[Interval, Interval], doc: dict, problems: list[str]) -> list[bool]:
    """Condition 5 (even): weights t_k on the antipodes -a_k with 0 <= t_k <= |c_k| and
    -(1 + alpha) sum_k s_k t_k a_k = l, so that the measure sum_k s_k ((|c_k| - t_k) delta_(a_k) + t_k delta_(-a_k))
    fits y (sigma(-t) = sigma(t) - (1 + alpha) t). ``antipodes`` lists t_k as rationals, two of them "basic": those
    are the solution of the 2 x 2 system, enclosed by Cramer's rule. Returns, per contact, whether -a_k is charged."""
    listed = list_(at(doc, "antipodes"), "antipodes", len(contacts))
    basic = [k for k, t in enumerate(listed) if t == "basic"]
    if len(basic) != 2:
        raise Malformed(f"antipodes: expected exactly two entries 'basic', got {len(basic)}")
    t: list[Interval | None] = [None if k in basic else Interval(q(e, f"antipodes[{k}]")) for k, e in enumerate(listed)]
    rhs = [-affine[0] * (1 / (1 + alpha)), -affine[1] * (1 / (1 + alpha))]
    for k, a in enumerate(contacts):
        tk = t[k]
        if tk is not None:
            d = a.direction(x, v)
            rhs = [rhs[0] - d[0] * tk * a.sign, rhs[1] - d[1] * tk * a.sign]
    (p0, p1), (q0, q1) = (tuple(d * contacts[k].sign for d in contacts[k].direction(x, v)) for k in basic)
    det = p0 * q1 - p1 * q0
    if det.sign() == 0:
        problems.append(f"antipodes: the basic pair {basic} is not proved independent (det in {det})")
        return [False] * len(contacts)
    inv = Interval(1 / det.hi, 1 / det.lo)  # det has one sign, so 1/det is monotone on it
    t[basic[0]], t[basic[1]] = (rhs[0] * q1 - rhs[1] * q0) * inv, (p0 * rhs[1] - p1 * rhs[0]) * inv
    charged = []
    for k, (tk, ck) in enumerate(zip(t, c, strict=True)):
        assert tk is not None
        m = ck * contacts[k].sign
        zero = tk.lo == tk.hi == 0
        if not (zero or (tk.sign() > 0 and (m - tk).sign() > 0)):
            problems.append(f"antipodes[{k}]: t = {tk} is neither 0 nor proved inside (0, |c_k|)")
        charged.append(not zero)
    return charged


def check(doc: dict, problems: list[str]) -> Proved:
    x, y, alpha, data = joint_data(doc, MAX_POINTS)                                      # 1.
    if len(x) < 2:
        raise Malformed(f"data.x: expected at least 2 points, got {len(x)}")
    even = at(doc, "even")
    if not isinstance(even, bool):
        raise Malformed(f"even: expected true or false, got {even!r}")
    penalty = q(doc["penalty"], "penalty") if "penalty" in doc else Fraction(0)
    if "penalty" in doc and penalty <= 0:
        raise Malformed(f"penalty: expected lambda > 0 (absent for (20)), got {penalty}")
    listed = list_(at(doc, "contacts"), "contacts")
    within(len(listed), MAX_CONTACTS, "contacts: contacts K")
    contacts = [Contact(a, j, x, alpha) for j, a in enumerate(listed)]
    every = contacts + ([a.antipode(j, x, alpha) for j, a in enumerate(contacts)] if even else [])
    if len({a.key[:-1] for a in every}) < len(every):
        raise Malformed("contacts: two contacts at the same point" + (" (antipodes included)" if even else ""))
    n, K = len(x), len(contacts)
    N = n + K + (2 if even else 0)
    box = checked_box(doc, N, lambda z: system(x, y, contacts, z, even, penalty), problems)  # 2.
    v, c = box[:n], box[n:n + K]
    for k, a in enumerate(every):                                                        # 3.
        if k < K and c[k].sign() != a.sign:
            problems.append(f"contacts[{k}]: the weight c in {c[k]} does not have the sign {a.sign:+d}")
        if a.cell is not None:
            P, Q = pq(x, a.h, v)
            if any(((P * t + Q) * a.sign).sign() != s for t, s in zip(x, a.cell, strict=True)):
                problems.append(f"contacts[{k}]: u = s (P, Q) is not inside the open arc of pattern {a.cell}")
    dual_feasible(x, alpha, every, v, problems)                                          # 4.
    charged = [a.doc() for a in contacts]
    if even:                                                                             # 5.
        flags = realised(x, alpha, contacts, v, c, (box[N - 2], box[N - 1]), doc, problems)
        charged += [a.doc() for a, f in zip(every[K:], flags, strict=True) if f]
    value = sum((vi * yi for vi, yi in zip(v, y, strict=True)), Interval(0))
    if penalty:  # the dual value of (22): lambda v . y - n lambda^2 / 4 ||v||^2
        value = value * penalty - sum((vi.square() for vi in v), Interval(0)) * (n * penalty * penalty / 4)
    relation = {"type": "isolated-optimum", "lower": value.lo, "upper": value.hi, "even": even,
                "support": [a.doc() for a in every], "charged": charged}
    if penalty:
        relation["penalty"] = penalty
    if not even:
        relation["unique"] = True
    return Proved(relation, data)
