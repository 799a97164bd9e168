"""Kind "relu1d-joint-exact": the exact optimum of kh (2) with W = {w^2 + b^2 <= 1} in 1-D.

The problem (kh (2)+(8), no output bias, leaky slope alpha != 1):
inf ||mu||_TV s.t. y_i = int sigma_alpha(w x_i + b) dmu(w, b) over the unit disk. A neuron is an
unnormalised rational direction (w, b) with weight c: it contributes c sigma(w x + b) (sigma is
positively homogeneous) at cost |c| sqrt(w^2 + b^2). The dual v lives in a multi-quadratic field:
each entry is {m: r_m} meaning sum_m r_m sqrt(m), m square-free. Distinct square-free surds are
linearly independent over Q, so such a number is 0 iff every r_m is; otherwise its sign is decided
by refining rational bounds isqrt(m D^2) / D (:class:`Surd`).

The sup of |g_v(a)| / |a|, g_v(a) = sum_i v_i sigma(a_1 x_i + a_2), over the circle is attained at
a candidate of :func:`exact.checker.kh.joint_candidates` (boundary rays and the +-(P, Q) of each
cone where g_v is linear; that module's docstring). If |g_v| <= 1 on the disk and a network with
cost == v^T y fits, both are optimal (weak duality), and every optimal mu is carried by the
contact set C = {a : |g_v(a)| = |a|} (complementary slackness: cost >= int g_v dmu = v^T y).

Conditions checked:
  * data.x distinct, data.y the same length, data.alpha != 1; v keys square-free integers >= 1;
  * every neuron (w, b) != 0 and sum_j c_j sigma(w_j x_i + b_j) == y_i for all i;
  * for every candidate direction a: g_v(a)^2 <= |a|^2 (exact, in the field);
  * value == v^T y == sum_j |c_j| sqrt(w_j^2 + b_j^2) (in the field);
  * if "unique" is present: each listed contact (w, b) has g_v^2 == |a|^2; every candidate with
    equality is a positive multiple of a listed contact (so the list is all of C); with E the data
    matrix sigma(w_a x_i + b_a) of the contacts and M the same at Z = {contact kinks -b/w} plus one
    point left and one right of Z and x: rank E == rank [E; M]. Then every optimal function
    sum_a c_a sigma(a . (z, 1)) (c with E c = y) has the same values on Z, and a function with
    kinks only in Z is fixed by those values: the optimal FUNCTION is unique.
The certified value is returned when rational, else None (it is in the certificate).
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd, isqrt
from typing import Optional

from ._base import Malformed, at, list_, q
from .kh import _sigma, joint_data, joint_dual_ok, joint_network

MAX_RADICAND = 10**12  # square-freeness is checked by trial division


def squarefree(n: int) -> tuple[int, int]:
    """(s, m) with n = s^2 m, m square-free (n >= 1, trial division).

    >>> squarefree(850)
    (5, 34)
    """
    if not 1 <= n <= MAX_RADICAND:
        raise Malformed(f"radicand {n} outside 1..{MAX_RADICAND}")
    s, m, d = 1, n, 2
    while d * d <= m:
        while m % (d * d) == 0:
            m //= d * d
            s *= d
        d += 1
    return s, m


class Surd:
    """sum_m r_m sqrt(m) over square-free m >= 1, exact; ordered by its real value.

    >>> a = Surd.sqrt(Fraction(34, 25)); a, a * a, a > Fraction(29, 25), 2 * a - a == a
    (1/5*sqrt(34), 34/25, True, True)
    """

    __slots__ = ("c",)

    def __init__(self, c: dict[int, Fraction]):
        self.c = {m: Fraction(r) for m, r in c.items() if r}

    @classmethod
    def of(cls, t) -> "Surd":
        return t if isinstance(t, Surd) else cls({1: Fraction(t)})

    @classmethod
    def sqrt(cls, r: Fraction) -> "Surd":
        if r < 0:
            raise Malformed(f"sqrt of negative {r}")
        if r == 0:
            return cls({})
        s, m = squarefree(r.numerator * r.denominator)
        return cls({m: Fraction(s, r.denominator)})

    def __add__(self, o) -> "Surd":
        o, c = Surd.of(o), dict(self.c)
        for m, r in o.c.items():
            c[m] = c.get(m, 0) + r
        return Surd(c)

    __radd__ = __add__

    def __neg__(self) -> "Surd":
        return Surd({m: -r for m, r in self.c.items()})

    def __sub__(self, o) -> "Surd":
        return self + (-Surd.of(o))

    def __rsub__(self, o) -> "Surd":
        return Surd.of(o) - self

    def __mul__(self, o) -> "Surd":
        out: dict[int, Fraction] = {}
        for m1, r1 in self.c.items():
            for m2, r2 in Surd.of(o).c.items():
                g = gcd(m1, m2)  # sqrt(m1 m2) = g sqrt((m1/g)(m2/g)), the latter square-free
                m = (m1 // g) * (m2 // g)
                out[m] = out.get(m, 0) + r1 * r2 * g
        return Surd(out)

    __rmul__ = __mul__

    def sign(self) -> int:
        if not self.c:
            return 0
        D = 1 << 20
        while True:  # terminates: a nonzero element has a nonzero real value
            lo = hi = Fraction(0)
            for m, r in self.c.items():
                root = Fraction(isqrt(m * D * D), D)
                a, b = (root, root) if root * root == m else (root, root + Fraction(1, D))
                lo, hi = lo + min(r * a, r * b), hi + max(r * a, r * b)
            if lo > 0 or hi < 0:
                return 1 if lo > 0 else -1
            D *= D

    def __eq__(self, o) -> bool:
        return not (self - o).c

    def __hash__(self) -> int:  # equal to the hash of an equal Fraction
        r = self.rational()
        return hash(r) if r is not None else hash(tuple(sorted(self.c.items())))

    def __lt__(self, o) -> bool:
        return (self - o).sign() < 0

    def __le__(self, o) -> bool:
        return (self - o).sign() <= 0

    def __gt__(self, o) -> bool:
        return (self - o).sign() > 0

    def __ge__(self, o) -> bool:
        return (self - o).sign() >= 0

    def __bool__(self) -> bool:
        return bool(self.c)

    def __abs__(self) -> "Surd":
        return -self if self.sign() < 0 else self

    def __float__(self) -> float:
        return sum((float(r) * m ** 0.5 for m, r in self.c.items()), 0.0)

    def __repr__(self) -> str:
        terms = [str(r) if m == 1 else f"{r}*sqrt({m})" for m, r in sorted(self.c.items())]
        return " + ".join(terms) or "0"

    def rational(self) -> Optional[Fraction]:
        return self.c.get(1, Fraction(0)) if set(self.c) <= {1} else None

    def doc(self) -> dict[str, str]:
        return {str(m): str(r) for m, r in sorted(self.c.items())}


def surd(obj, name: str) -> Surd:
    """Parse {"m": "r", ...} (m a square-free integer >= 1)."""
    if not isinstance(obj, dict):
        raise Malformed(f"{name}: expected an object {{radicand: rational}}")
    c = {}
    for k, r in obj.items():
        if not (isinstance(k, str) and k.isdigit() and squarefree(int(k))[0] == 1):
            raise Malformed(f"{name}: key {k!r} is not a square-free integer >= 1")
        c[int(k)] = q(r, f"{name}[{k}]")
    return Surd(c)


def rank(rows: list[list[Fraction]]) -> int:
    """Exact rank by Gaussian elimination."""
    rows, r = [list(t) for t in rows], 0
    for j in range(len(rows[0]) if rows else 0):
        p = next((i for i in range(r, len(rows)) if rows[i][j]), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        for i in range(len(rows)):
            if i != r and rows[i][j]:
                f = rows[i][j] / rows[r][j]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r])]
        r += 1
    return r


def _g(v: list[Surd], x: list[Fraction], alpha: Fraction, w: Fraction, b: Fraction) -> Surd:
    return sum((vi * _sigma(w * xi + b, alpha) for vi, xi in zip(v, x)), Surd({}))


def evaluation_points(x: list[Fraction], contacts: list[tuple[Fraction, Fraction]]) -> list[Fraction]:
    """Z: the kinks -b/w of the contacts, plus one point left and one right of them and of x."""
    kinks = sorted({-b / w for w, b in contacts if w})
    ends = kinks + list(x)
    return [min(ends) - 1] + kinks + [max(ends) + 1]


def _unique(doc: dict, x, alpha, v, cands, problems: list[str]) -> None:
    contacts = []
    for j, a in enumerate(list_(at(doc, "unique.contacts"), "unique.contacts")):
        w, b = (q(at(a, k, f"unique.contacts[{j}]"), f"unique.contacts[{j}].{k}") for k in ("w", "b"))
        g = _g(v, x, alpha, w, b)
        if not (w or b) or g * g != w * w + b * b:
            problems.append(f"unique: listed ({w}, {b}) is not a contact: g = {g}")
        contacts.append((w, b))
    for a, g in cands:
        if g * g == a[0] * a[0] + a[1] * a[1] and not any(
                a[0] * b == a[1] * w and a[0] * w + a[1] * b > 0 for w, b in contacts):
            problems.append(f"unique: contact direction ({a[0]}, {a[1]}) is not listed")
    if not contacts:
        problems.append("unique: no contacts listed")
        return
    E = [[_sigma(w * xi + b, alpha) for w, b in contacts] for xi in x]
    M = [[_sigma(w * z + b, alpha) for w, b in contacts] for z in evaluation_points(x, contacts)]
    if rank(E) != rank(E + M):
        problems.append("unique: ker E is not inside ker M (rank test fails)")


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    x, y, alpha = joint_data(doc)
    v = [surd(e, f"dual.v[{i}]") for i, e in enumerate(list_(at(doc, "dual.v"), "dual.v", len(x)))]
    value = surd(at(doc, "value"), "value")
    cost = Surd({})
    for j, (c, w, b) in enumerate(joint_network(doc, x, y, alpha, problems)):
        if not (w or b):
            raise Malformed(f"primal.neurons[{j}]: (w, b) = 0")
        cost += abs(c) * Surd.sqrt(w * w + b * b)
    cands = joint_dual_ok(x, v, alpha, problems)
    vy = sum((vi * yi for vi, yi in zip(v, y)), Surd({}))
    if vy != value:
        problems.append(f"dual: v^T y = {vy} but value = {value}")
    if cost != value:
        problems.append(f"primal: sum |c_j| |(w_j, b_j)| = {cost} but value = {value}")
    if "unique" in doc:
        _unique(doc, x, alpha, v, cands, problems)
    return value.rational()


CHECKS = {"relu1d-joint-exact": check}
