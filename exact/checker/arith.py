"""Exact arithmetic of the checker (standard library only); the producer may import it, never copy it.

* :func:`sigma` the leaky ReLU; :func:`dot`, :func:`matvec`, :func:`rmatvec`;
* one Gauss-Jordan elimination (:func:`rref`) behind :func:`rank`, :func:`kernel` and :func:`solve`;
* integer L-th roots and :class:`Surd`, the one type of exact radicals: sum_m c_m m^(1/L) over
  L-th-power-free integers m >= 1 for a fixed index L. Real positive L-th roots of distinct
  L-th-power-free integers are linearly independent over Q (Besicovitch 1940), so a Surd is 0 iff
  every c_m is; otherwise its sign is decided by rational enclosures from integer roots, refined
  until they separate from 0. (m1 m2)^(1/L) = s m^(1/L) again, so Surds of one index form a ring;
* the 1-D semi-infinite dual functions: :func:`ramp_sums`, :func:`relu1d_profile`,
  :func:`relu1d_sup` (bias free) and :func:`joint_candidates` (bias inside the norm);
* 1-D piecewise-linear counts: :func:`kinks_1d` and :func:`secant_kinks`.

>>> a = Surd.sqrt(Fraction(34, 25)); a, a * a, a > Fraction(29, 25), 2 * a - a == a
(1/5*sqrt(34), 34/25, True, True)
>>> Surd.root(Fraction(16), 3), Surd.root(Fraction(16), 3).sign()
(2*2^(1/3), 1)
"""
from __future__ import annotations

from bisect import bisect_right
from fractions import Fraction
from math import gcd
from typing import Optional, Sequence, Union

MAX_RADICAND = 10**12  # power-freeness is decided by trial division
MAX_BITS = 1 << 13  # enclosure precision cap; a nonzero Surd separates long before it

Rational = Union[Fraction, int]


def sigma(t: Fraction, alpha: Fraction) -> Fraction:
    """The leaky ReLU: t for t >= 0, alpha t for t < 0 (alpha = 0: the ReLU)."""
    return t if t >= 0 else alpha * t


def dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((p * q for p, q in zip(a, b, strict=True)), Fraction(0))


def matvec(A: Sequence[Sequence[Fraction]], u: Sequence[Fraction]) -> list[Fraction]:
    return [dot(row, u) for row in A]


def rmatvec(A: Sequence[Sequence[Fraction]], t: Sequence[Fraction]) -> list[Fraction]:
    """A^T t."""
    return [sum((A[i][j] * t[i] for i in range(len(A))), Fraction(0)) for j in range(len(A[0]) if A else 0)]


# ------------------------------------------------------------------ linear algebra

def rref(rows: Sequence[Sequence[Fraction]], ncols: int) -> tuple[list[list[Fraction]], list[int]]:
    """Reduced row echelon form of the matrix (Gauss-Jordan, exact) and its pivot columns."""
    R = [list(r) for r in rows]
    pivots: list[int] = []
    for col in range(ncols):
        top = len(pivots)
        p = next((i for i in range(top, len(R)) if R[i][col]), None)
        if p is None:
            continue
        R[top], R[p] = R[p], R[top]
        R[top] = [v / R[top][col] for v in R[top]]
        for i in range(len(R)):
            if i != top and R[i][col]:
                f = R[i][col]
                R[i] = [a - f * b for a, b in zip(R[i], R[top], strict=True)]
        pivots.append(col)
    return R, pivots


def rank(rows: Sequence[Sequence[Fraction]]) -> int:
    return len(rref(rows, len(rows[0]) if rows else 0)[1])


def kernel(rows: Sequence[Sequence[Fraction]], n: int) -> list[list[Fraction]]:
    """A basis of {k in Q^n : row . k = 0 for every row}, one vector per non-pivot column."""
    R, pivots = rref(rows, n)
    basis = []
    for f in (j for j in range(n) if j not in pivots):
        k = [Fraction(0)] * n
        k[f] = Fraction(1)
        for r, p in enumerate(pivots):
            k[p] = -R[r][f]
        basis.append(k)
    return basis


def solve(M: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> Optional[list[Fraction]]:
    """The solution of the square system M x = rhs, or None when M is singular."""
    n = len(M)
    R, pivots = rref([list(row) + [b] for row, b in zip(M, rhs, strict=True)], n)
    if pivots != list(range(n)):
        return None
    return [R[i][n] for i in range(n)]


# ------------------------------------------------------------------ radicals

def iroot(n: int, L: int) -> int:
    """floor(n^(1/L)) for an integer n >= 0 (integer Newton from above).

    >>> iroot(26, 3), iroot(27, 3), iroot(10**40 - 1, 4)
    (2, 3, 9999999999)
    """
    if n < 2:
        return n
    x = 1 << (n.bit_length() // L + 1)  # x^L > n
    while True:
        nxt = ((L - 1) * x + n // x ** (L - 1)) // L
        if nxt >= x:
            return x
        x = nxt


def root_bounds(r: Fraction, L: int, bits: int) -> tuple[Fraction, Fraction]:
    """Rationals lo <= r^(1/L) <= hi (r >= 0), hi - lo <= 2^-bits; both exact when r^(1/L) is a dyadic."""
    scaled = r.numerator * (1 << (L * bits))
    k = iroot(scaled // r.denominator, L)
    exact = k ** L * r.denominator == scaled
    return Fraction(k, 1 << bits), Fraction(k + (0 if exact else 1), 1 << bits)


def power_free(n: int, L: int) -> tuple[int, int]:
    """(s, m) with n = s^L m and m L-th-power-free (1 <= n <= MAX_RADICAND, trial division).

    >>> power_free(850, 2), power_free(16, 3)
    ((5, 34), (2, 2))
    """
    if not 1 <= n <= MAX_RADICAND:
        raise ValueError(f"radicand {n} outside 1..{MAX_RADICAND}")
    s, m, d = 1, n, 2
    while d ** L <= m:
        while m % d ** L == 0:
            m //= d ** L
            s *= d
        d += 1
    return s, m


class Surd:
    """sum_m c_m m^(1/L), m >= 1 L-th-power-free, exact; ordered by its real value (module doc)."""

    __slots__ = ("L", "c")

    def __init__(self, c: dict[int, Fraction], L: int = 2):
        self.L = L
        self.c = {m: Fraction(r) for m, r in c.items() if r}

    @classmethod
    def of(cls, t: "Surd | Rational", L: int = 2) -> "Surd":
        return t if isinstance(t, Surd) else cls({1: Fraction(t)}, L)

    @classmethod
    def root(cls, r: Fraction, L: int) -> "Surd":
        """r^(1/L) for a rational r >= 0: (p q^(L-1))^(1/L) / q, reduced to its L-th-power-free part."""
        r = Fraction(r)
        if r < 0:
            raise ValueError(f"root of a negative number {r}")
        if r == 0:
            return cls({}, L)
        s, m = power_free(r.numerator * r.denominator ** (L - 1), L)
        return cls({m: Fraction(s, r.denominator)}, L)

    @classmethod
    def sqrt(cls, r: Fraction) -> "Surd":
        return cls.root(r, 2)

    def _index(self, o: "Surd") -> int:
        """The common index of self and o (a rational adopts the other's)."""
        if o.L == self.L or not set(o.c) - {1}:
            return self.L
        if not set(self.c) - {1}:
            return o.L
        raise ValueError(f"surds of index {self.L} and {o.L} do not combine")

    def _other(self, o: "Surd | Rational") -> "Surd":
        return Surd.of(o, self.L)

    def __add__(self, o: "Surd | Rational") -> "Surd":
        o = self._other(o)
        c = dict(self.c)
        for m, r in o.c.items():
            c[m] = c.get(m, Fraction(0)) + r
        return Surd(c, self._index(o))

    __radd__ = __add__

    def __neg__(self) -> "Surd":
        return Surd({m: -r for m, r in self.c.items()}, self.L)

    def __sub__(self, o: "Surd | Rational") -> "Surd":
        return self + (-self._other(o))

    def __rsub__(self, o: "Surd | Rational") -> "Surd":
        return self._other(o) - self

    def __mul__(self, o: "Surd | Rational") -> "Surd":
        o = self._other(o)
        L = self._index(o)
        out: dict[int, Fraction] = {}
        for m1, r1 in self.c.items():
            for m2, r2 in o.c.items():
                if L == 2:  # sqrt(m1 m2) = g sqrt((m1/g)(m2/g)), the latter square-free: no factoring
                    g = gcd(m1, m2)
                    s, m = g, (m1 // g) * (m2 // g)
                else:
                    s, m = power_free(m1 * m2, L)
                out[m] = out.get(m, Fraction(0)) + r1 * r2 * s
        return Surd(out, L)

    __rmul__ = __mul__

    def bounds(self, bits: int) -> tuple[Fraction, Fraction]:
        """Rationals lo <= value <= hi from integer roots at precision 2^-bits."""
        lo = hi = Fraction(0)
        for m, r in self.c.items():
            a, b = root_bounds(Fraction(m), self.L, bits)
            lo, hi = lo + min(r * a, r * b), hi + max(r * a, r * b)
        return lo, hi

    def sign(self) -> int:
        if not self.c:
            return 0
        bits = 32
        while bits <= MAX_BITS:
            lo, hi = self.bounds(bits)
            if lo > 0 or hi < 0:
                return 1 if lo > 0 else -1
            bits *= 2
        raise ArithmeticError(f"could not separate {self!r} from 0 at {MAX_BITS} bits")

    def __eq__(self, o: object) -> bool:
        if not isinstance(o, (Surd, Fraction, int)):
            return NotImplemented
        return not (self - o).c

    def __hash__(self) -> int:  # equal to the hash of an equal Fraction
        r = self.rational()
        return hash(r) if r is not None else hash((self.L, tuple(sorted(self.c.items()))))

    def __lt__(self, o: "Surd | Rational") -> bool:
        return (self - o).sign() < 0

    def __le__(self, o: "Surd | Rational") -> bool:
        return (self - o).sign() <= 0

    def __gt__(self, o: "Surd | Rational") -> bool:
        return (self - o).sign() > 0

    def __ge__(self, o: "Surd | Rational") -> bool:
        return (self - o).sign() >= 0

    def __bool__(self) -> bool:
        return bool(self.c)

    def __abs__(self) -> "Surd":
        return -self if self.sign() < 0 else self

    def __float__(self) -> float:
        return sum((float(r) * m ** (1 / self.L) for m, r in self.c.items()), 0.0)

    def __repr__(self) -> str:
        root = "sqrt({})" if self.L == 2 else "{}^(1/" + str(self.L) + ")"
        terms = [str(r) if m == 1 else (root.format(m) if r == 1 else f"{r}*" + root.format(m))
                 for m, r in sorted(self.c.items())]
        return " + ".join(terms).replace("+ -", "- ") or "0"

    def rational(self) -> Optional[Fraction]:
        """The value when it is rational (only m = 1 present), else None."""
        return self.c.get(1, Fraction(0)) if set(self.c) <= {1} else None

    def doc(self) -> dict:
        """JSON form: {"root": L, "terms": {"m": "c", ...}}."""
        return {"root": self.L, "terms": {str(m): str(r) for m, r in sorted(self.c.items())}}


# ------------------------------------------------------------------ 1-D dual functions

def ramp_sums(alpha: Fraction, u: int, knots: Sequence[Fraction], coefs: Sequence[Fraction],
              points: Sequence[Fraction]) -> list[Fraction]:
    """[sum_j coefs[j] * sigma_alpha(u * (p - knots[j])) for p in points], u in {1, -1}.

    With L(p) = sum_{t_j <= p} c_j (p - t_j) and G(p) = sum_{t_j > p} c_j (p - t_j),
    the sum is L + alpha*G for u = 1 and -(G + alpha*L) for u = -1 (a tie t_j = p
    contributes 0 to either side). Sorting plus prefix sums of c_j and c_j t_j make
    it O((m + n) log m).
    """
    order = sorted(range(len(knots)), key=knots.__getitem__)
    ts = [knots[j] for j in order]
    pc, pct = [Fraction(0)], [Fraction(0)]
    for j in order:
        pc.append(pc[-1] + coefs[j])
        pct.append(pct[-1] + coefs[j] * knots[j])
    out = []
    for p in points:
        i = bisect_right(ts, p)
        low = p * pc[i] - pct[i]
        high = p * (pc[-1] - pc[i]) - (pct[-1] - pct[i])
        out.append(low + alpha * high if u == 1 else -(high + alpha * low))
    return out


def relu1d_profile(x: Sequence[Fraction], v: Sequence[Fraction], alpha: Fraction
                   ) -> list[tuple[int, Fraction, Fraction]]:
    """(u, b, g_u(b)) at every breakpoint b = -u x_k, u = +-1, of g_u(b) = sum_i v_i sigma(u x_i + b).

    For sum(v) == 0 the supremum of |g| over |u| <= 1, b in R is the largest |g| listed:
    u = 0 gives 0, 0 < |u| < 1 scales u = +-1 by |u| (positive homogeneity), and for
    u = +-1 g is piecewise linear in b, constant beyond the extreme breakpoints.
    """
    out = []
    for u in (1, -1):
        for k, g in enumerate(ramp_sums(alpha, -u, x, v, x)):
            out.append((u, -u * x[k], g))
    return out


def relu1d_sup(x: Sequence[Fraction], v: Sequence[Fraction], alpha: Fraction
               ) -> Optional[tuple[Fraction, int, Fraction]]:
    """sup over |u| <= 1, b of |sum_i v_i sigma(u x_i + b)| with an attaining (u, b), or None if infinite.

    The supremum is infinite exactly when sum(v) != 0 (u = 0, b -> +oo).

    >>> F = Fraction
    >>> relu1d_sup([F(0), F(1), F(2)], [F(1), F(-2), F(1)], F(0))
    (Fraction(1, 1), 1, Fraction(-1, 1))
    """
    if sum(v) != 0:
        return None
    u, b, g = max(relu1d_profile(x, v, alpha), key=lambda t: abs(t[2]))
    return abs(g), u, b


Field = Union[Fraction, Surd]


def joint_candidates(x: Sequence[Fraction], v: Sequence[Field], alpha: Fraction
                     ) -> list[tuple[tuple[Field, Field], Field]]:
    """Every direction a = (w, b) where sup |g_v| over the circle w^2 + b^2 = 1 can be attained, with g_v(a).

    g_v(w, b) = sum_i v_i sigma(w x_i + b) is positively homogeneous and, on each closed cone where
    the active set {i : w x_i + b >= 0} is fixed, linear: g = P w + Q b with P = sum_i v_i h_i x_i,
    Q = sum_i v_i h_i (h_i = 1 if active, else alpha). So the sup over the circle is attained at a
    cone boundary ray +-(1, -x_k) or at +-(P, Q) of some cone; the active sets are the suffixes and
    prefixes of the sorted data, the empty set included.
    """
    pts = sorted(set(x))
    dirs: list[tuple[Field, Field]] = [(s * Fraction(1), -s * t) for t in pts for s in (1, -1)]
    for t in [pts[0] - 1] + pts:  # active sets {x_i > t} (t a data point or below all) and complements
        for active in ([xi > t for xi in x], [xi <= t for xi in x]):
            h = [Fraction(1) if a else alpha for a in active]
            P = sum((vi * hi * xi for vi, hi, xi in zip(v, h, x, strict=True)), Fraction(0))
            Q = sum((vi * hi for vi, hi in zip(v, h, strict=True)), Fraction(0))
            if P or Q:
                dirs += [(P, Q), (-P, -Q)]
    return [(a, sum((vi * sigma(a[0] * xi + a[1], alpha) for vi, xi in zip(v, x, strict=True)), Fraction(0)))
            for a in dirs]


def kinks_1d(terms: Sequence[tuple[Fraction, Fraction, Fraction]], alpha: Fraction) -> list[Fraction]:
    """The points where t -> sum_j c_j sigma(w_j t + b_j) really kinks, terms (w, b, c): the slope of
    c sigma(w t + b) jumps by (1 - alpha) |w| c at t = -b / w, and jumps at one point may cancel.

    >>> F = Fraction
    >>> kinks_1d([(F(1), F(0), F(1)), (F(-1), F(0), F(1))], F(0))    # |t|
    [Fraction(0, 1)]
    >>> kinks_1d([(F(1), F(0), F(1)), (F(-1), F(0), F(-1))], F(0))   # t_+ - (-t)_+ = t
    []
    """
    jump: dict[Fraction, Fraction] = {}
    for w, b, c in terms:
        if w:
            jump[-b / w] = jump.get(-b / w, Fraction(0)) + (1 - alpha) * abs(w) * c
    return sorted(t for t, j in jump.items() if j)


def secant_kinks(x: Sequence[Fraction], y: Sequence[Fraction]) -> int:
    """A lower bound on the number of kinks of ANY continuous piecewise-linear interpolant of (x, y).

    With secant slopes m_i on [x_i, x_{i+1}] (x sorted), m_i < m_{i+1} forces an upward slope
    jump strictly inside (x_i, x_{i+2}) (a nonincreasing slope there would give m_i >= m_{i+1}),
    m_i > m_{i+1} a downward one. Jumps of opposite signs are distinct kinks; for each sign the
    least number of points stabbing all its open intervals is found greedily (by right end).

    >>> F = Fraction
    >>> secant_kinks([F(-1), F(-3, 5), F(-1, 5), F(1, 5), F(3, 5), F(1)], [F(1), F(-1), F(1), F(1), F(-1), F(1)])
    3
    """
    pts = sorted(zip(x, y, strict=True))
    m = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(pts, pts[1:])]
    total = 0
    for up in (True, False):
        spans = sorted(((pts[i][0], pts[i + 2][0]) for i in range(len(m) - 1)
                        if m[i] != m[i + 1] and (m[i] < m[i + 1]) == up), key=lambda s: s[1])
        point: Optional[Fraction] = None  # the current stab sits just left of this right end
        for left, right in spans:
            if point is None or not left < point:
                total, point = total + 1, right
    return total


def atom_values(x: Sequence[Fraction], atoms: Sequence[tuple[int, Fraction, Fraction]],
                alpha: Fraction) -> list[Fraction]:
    """[sum_j c_j sigma(u_j (x_i - knot_j)) for x_i in x] for atoms (u, knot, c), u = +-1 (via ramp_sums)."""
    out = [Fraction(0)] * len(x)
    for u in (1, -1):
        chosen = [(k, c) for uu, k, c in atoms if uu == u]
        vals = ramp_sums(alpha, u, [k for k, _ in chosen], [c for _, c in chosen], x)
        out = [a + b for a, b in zip(out, vals, strict=True)]
    return out


def evaluation_points(x: list[Fraction], contacts: list[tuple[Fraction, Fraction]]) -> list[Fraction]:
    """Z: the kinks -b/w of the contacts, plus one point left and one right of them and of x."""
    kinks = sorted({-b / w for w, b in contacts if w})
    ends = kinks + list(x)
    return [min(ends) - 1] + kinks + [max(ends) + 1]


Neuron1D = tuple[Fraction, Fraction, Fraction]  # (w, b, c): c sigma(w x + b)


def network_1d(x: Sequence[Fraction], neurons: Sequence[Neuron1D], alpha: Fraction,
               constant: Fraction = Fraction(0)) -> list[Fraction]:
    """[constant + sum_j c_j sigma(w_j x_i + b_j) for x_i in x], exactly and in O((m + n) log m).

    For w != 0, sigma(w x + b) = |w| sigma(sign(w) (x - t)) with t = -b / w (positive homogeneity), so
    the neuron is the ramp atom (sign w, t) with weight c |w| (:func:`atom_values`); w = 0 is the
    constant c sigma(b).

    >>> F = Fraction
    >>> network_1d([F(-1), F(0), F(2)], [(F(1, 2), F(-1, 2), F(4)), (F(0), F(-3), F(1))], F(0), F(1))
    [Fraction(1, 1), Fraction(1, 1), Fraction(3, 1)]
    """
    atoms = [(1 if w > 0 else -1, -b / w, c * abs(w)) for w, b, c in neurons if w]
    flat = constant + sum((c * sigma(b, alpha) for w, b, c in neurons if not w), Fraction(0))
    return [flat + v for v in atom_values(x, atoms, alpha)]


def absorbs_constant(x: Sequence[Fraction], neurons: Sequence[Neuron1D], constant: Fraction) -> bool:
    """Some neuron c sigma(w x + b) is affine (w x_i + b >= 0) on all the data with c * constant > 0: raising
    its b by constant / c adds the constant at no cost, so the network needs no output bias."""
    return any(c * constant > 0 and all(w * xi + b >= 0 for xi in x) for w, b, c in neurons)
