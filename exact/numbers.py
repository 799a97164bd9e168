"""Exact rationals: parsing from strings and the two representations we use.

Answers leave :mod:`exact` as :class:`fractions.Fraction` (what JSON
certificates and the independent checker speak); hot loops run on
python-flint's ``fmpq``, which is about five times faster. The two types do
not compare equal to each other, so every boundary converts explicitly.

Strings are parsed by :func:`cases.loader.parse_rational` (exact: "0.6" is 3/5).

>>> rational_str(to_fraction(to_fmpq(Fraction(-11, 4))))
'-11/4'
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Iterable

from flint import fmpq

__all__ = [
    "Fraction",
    "fmpq",
    "rational_str",
    "to_fmpq",
    "to_fraction",
    "fractions",
    "fmpqs",
]


def rational_str(q: Fraction | fmpq | int) -> str:
    """The canonical string ``"p/q"`` (or ``"p"``) used in JSON and reports."""
    return str(to_fraction(q))


def to_fmpq(q: Fraction | fmpq | int) -> fmpq:
    if isinstance(q, fmpq):
        return q
    if isinstance(q, int):
        return fmpq(q)
    return fmpq(q.numerator, q.denominator)


def to_fraction(q: Fraction | fmpq | int) -> Fraction:
    if isinstance(q, Fraction):
        return q
    if isinstance(q, int):
        return Fraction(q)
    return Fraction(int(q.p), int(q.q))


def fractions(values: Iterable[Fraction | fmpq | int]) -> tuple[Fraction, ...]:
    return tuple(to_fraction(v) for v in values)


def fmpqs(values: Iterable[Fraction | fmpq | int]) -> list[fmpq]:
    return [to_fmpq(v) for v in values]


def rational_sqrt(q: Fraction) -> Fraction | None:
    """The nonnegative rational square root of q, or None when q is not a rational square.

    >>> rational_sqrt(Fraction(49, 4)), rational_sqrt(Fraction(2))
    (Fraction(7, 2), None)
    """
    if q < 0:
        return None
    p, r = math.isqrt(q.numerator), math.isqrt(q.denominator)
    return Fraction(p, r) if p * p == q.numerator and r * r == q.denominator else None


def sqrt_bounds(q: Fraction, digits: int = 60) -> tuple[Fraction, Fraction]:
    """Rationals lo <= sqrt(q) <= hi with hi - lo <= 10**-digits (both sqrt(q) when it is rational).

    Integer square roots only, so the bounds are proved, not estimated.

    >>> sqrt_bounds(Fraction(2), 3), sqrt_bounds(Fraction(9, 4))
    ((Fraction(707, 500), Fraction(283, 200)), (Fraction(3, 2), Fraction(3, 2)))
    """
    if q < 0:
        raise ValueError(f"sqrt of a negative number {q}")
    exact = rational_sqrt(q)
    if exact is not None:
        return exact, exact
    scale = 10**digits
    lo = Fraction(math.isqrt(q.numerator * scale * scale // q.denominator), scale)
    return lo, lo + Fraction(1, scale)


def dyadic(t: float, bits: int) -> Fraction:
    """round(t 2^bits) / 2^bits (t itself beyond the float range of that product).

    >>> dyadic(0.1, 4)
    Fraction(1, 8)
    """
    return Fraction(round(t * 2.0**bits), 1 << bits) if abs(t) < 2.0**(1000 - bits) else Fraction(t)
