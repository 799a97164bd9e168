"""Exact arithmetic of the checker (standard library only); the producer may import it, never copy it.

* :func:`sigma` the leaky ReLU; :func:`dot`, :func:`matvec`, :func:`rmatvec`;
* one Gauss-Jordan elimination (:func:`rref`) behind :func:`rank`, :func:`kernel` and :func:`solve`;
* integer L-th roots and :class:`Surd`, the one type of exact radicals: sum_m c_m m^(1/L) over
  L-th-power-free integers m >= 1 for a fixed index L. Real positive L-th roots of distinct
  L-th-power-free integers are linearly independent over Q (Besicovitch 1940), so a Surd is 0 iff
  every c_m is; otherwise its sign is decided by rational enclosures from integer roots, refined
  until they separate from 0. (m1 m2)^(1/L) = s m^(1/L) again, so Surds of one index form a ring;
* :class:`Interval`, closed intervals with rational end points: sums and products enclose every value
  of the operands exactly (no rounding), the arithmetic of interval Newton (Krawczyk) boxes;

The 1-D network sums (semi-infinite duals, kinks, evaluation) are in :mod:`exact.checker.relu1d`.

>>> a = Surd.sqrt(Fraction(34, 25)); a, a * a, a > Fraction(29, 25), 2 * a - a == a
(1/5*sqrt(34), 34/25, True, True)
>>> Surd.root(Fraction(16), 3), Surd.root(Fraction(16), 3).sign()
(2*2^(1/3), 1)
"""
from __future__ import annotations

from contextvars import ContextVar
from fractions import Fraction
from math import gcd
from typing import Optional, Sequence, Union, overload

MAX_ROOT = 2 * 10**6  # power-freeness is decided by trial division up to n^(1/L) <= MAX_ROOT
#: trial divisions one certificate check may spend (~3 s): each radicand costs up to MAX_ROOT / 2 of them,
#: and a certificate may hold thousands of radicands
MAX_TRIAL_DIVISIONS = 10**7
TRIAL_DIVISIONS: ContextVar[list[int] | None] = ContextVar("trial_divisions", default=None)
MAX_BITS = 1 << 13  # enclosure precision cap; a nonzero Surd separates long before it

Rational = Union[Fraction, int]


@overload
def sigma(t: Fraction, alpha: Fraction) -> Fraction: ...
@overload
def sigma(t: Surd, alpha: Fraction) -> Surd: ...
@overload
def sigma(t: Fraction | Surd, alpha: Fraction) -> Fraction | Surd: ...


def sigma(t: Fraction | Surd, alpha: Fraction) -> Fraction | Surd:
    """The leaky ReLU: t for t >= 0, alpha t for t < 0 (alpha = 0: the ReLU); t rational or a Surd."""
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


class LimitExceeded(ValueError):
    """A check would need more work than the checker allows; the message names the limit."""


def power_free(n: int, L: int) -> tuple[int, int]:
    """(s, m) with n = s^L m and m L-th-power-free, by trial division up to n^(1/L) (at most MAX_ROOT),
    charged to the budget :data:`TRIAL_DIVISIONS` when one is set (a certificate check sets it).

    >>> power_free(850, 2), power_free(16, 3)
    ((5, 34), (2, 2))
    """
    root = iroot(n, L) if n >= 1 else 0
    if n < 1 or root > MAX_ROOT:
        raise ValueError(f"radicand {n}: expected 1 <= n with n^(1/{L}) <= {MAX_ROOT}")
    left = TRIAL_DIVISIONS.get()
    if left is not None:  # charged before the work: a check refuses instead of running long
        cost = root // 2 * max(1, L // 2)  # a division by d^L costs about L/2 times one by d^2
        if cost > left[0]:
            raise LimitExceeded(f"the radicands need more than the checker's limit of {MAX_TRIAL_DIVISIONS} trial "
                                "divisions (arith.MAX_TRIAL_DIVISIONS, a division by d^L counting L/2)")
        left[0] -= cost
    s, m, d = 1, n, 2
    while d ** L <= m:
        while m % d ** L == 0:
            m //= d ** L
            s *= d
        d += 1 if d == 2 else 2  # 2, then the odd numbers: every prime is tried
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
                if m1 == 1 or m2 == 1:  # a rational factor: nothing to factor
                    s, m = 1, m1 * m2
                elif L == 2:  # sqrt(m1 m2) = g sqrt((m1/g)(m2/g)), the latter square-free: no factoring
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


# ------------------------------------------------------------------ intervals

class Interval:
    """The closed interval [lo, hi] of rationals. Sums, differences and products enclose every combination of
    values of the operands (Moore's interval arithmetic); end points are exact rationals, so no rounding.

    >>> a = Interval(Fraction(-1), Fraction(2)); a * a, a.square(), (a - 1).sign(), Interval.sqrt(Fraction(2), 4)
    ([-2, 4], [0, 4], 0, [11/8, 23/16])
    """

    __slots__ = ("lo", "hi")

    def __init__(self, lo: Rational, hi: Optional[Rational] = None):
        self.lo, self.hi = Fraction(lo), Fraction(lo if hi is None else hi)
        if self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    @classmethod
    def around(cls, centre: Rational, radius: Rational) -> "Interval":
        return cls(Fraction(centre) - radius, Fraction(centre) + radius)

    @classmethod
    def sqrt(cls, r: Fraction, bits: int) -> "Interval":
        """An enclosure of sqrt(r), r >= 0, of width at most 2^-bits."""
        return cls(*root_bounds(Fraction(r), 2, bits))

    @staticmethod
    def of(t: "Interval | Rational") -> "Interval":
        return t if isinstance(t, Interval) else Interval(t)

    def __add__(self, o: "Interval | Rational") -> "Interval":
        o = Interval.of(o)
        return Interval(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __neg__(self) -> "Interval":
        return Interval(-self.hi, -self.lo)

    def __sub__(self, o: "Interval | Rational") -> "Interval":
        return self + (-Interval.of(o))

    def __rsub__(self, o: "Interval | Rational") -> "Interval":
        return Interval.of(o) - self

    def __mul__(self, o: "Interval | Rational") -> "Interval":
        if not isinstance(o, Interval):
            o = Fraction(o)
            return Interval(self.lo * o, self.hi * o) if o >= 0 else Interval(self.hi * o, self.lo * o)
        p = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        return Interval(min(p), max(p))

    __rmul__ = __mul__

    def square(self) -> "Interval":
        """{t^2 : t in self}, tighter than self * self when the interval holds 0."""
        lo2, hi2 = self.lo * self.lo, self.hi * self.hi
        return Interval(0 if self.lo <= 0 <= self.hi else min(lo2, hi2), max(lo2, hi2))

    def sign(self) -> int:
        """+1 or -1 when every point of the interval has that sign, 0 when it holds 0 (undecided)."""
        return 1 if self.lo > 0 else -1 if self.hi < 0 else 0

    def magnitude(self) -> Fraction:
        return max(-self.lo, self.hi)

    def inside(self, o: "Interval") -> bool:
        """self lies in the open interior of o."""
        return o.lo < self.lo and self.hi < o.hi

    def __eq__(self, o: object) -> bool:
        return isinstance(o, Interval) and (self.lo, self.hi) == (o.lo, o.hi)

    def __hash__(self) -> int:
        return hash((self.lo, self.hi))

    def __repr__(self) -> str:
        return f"[{self.lo}, {self.hi}]"
