"""Outward-rounded interval arithmetic (mpmath ``iv``) and exact readings of floats.

>>> from fractions import Fraction as F
>>> lo = lower_of(lambda: enclose(F(1, 3)) * 3); lo <= 1 and 1 - lo < F(1, 10**50)
True
"""

from __future__ import annotations

from contextlib import contextmanager
from fractions import Fraction
from typing import Callable, Sequence

from mpmath import iv, libmp

from exact.numbers import sqrt_bounds

DPS = 60  # decimal digits of the interval arithmetic


def exact(values: Sequence[float]) -> list[Fraction]:
    """Floats as the exact rationals they are (``Fraction(0.1)`` is 3602879701896397/2**55)."""
    return [Fraction(float(v)) for v in values]


def norm_bounds(vec: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    """Rational bounds on the Euclidean norm of an exact vector."""
    return sqrt_bounds(sum((x * x for x in vec), Fraction(0)))


@contextmanager
def _digits():
    """mpmath's interval context at :data:`DPS` digits (it has no ``workdps``), restored afterwards."""
    saved = iv.dps
    iv.dps = max(saved, DPS)
    try:
        yield
    finally:
        iv.dps = saved


def enclose(q: Fraction | int):
    """An mpmath interval (``iv.mpf``) containing the rational ``q``."""
    q = Fraction(q)
    with _digits():
        return iv.mpf(q.numerator) / iv.mpf(q.denominator)


def rational_bounds(x) -> tuple[Fraction, Fraction]:
    """The endpoints of an mpmath interval as exact rationals."""
    lo, hi = x._mpi_
    return Fraction(*libmp.to_rational(lo)), Fraction(*libmp.to_rational(hi))


def lower_of(f: Callable[[], object]) -> Fraction:
    """The lower end of the interval that ``f()`` computes with mpmath ``iv`` at :data:`DPS` digits."""
    with _digits():
        return rational_bounds(f())[0]


def upper_of(f: Callable[[], object]) -> Fraction:
    """The upper end of the interval that ``f()`` computes with mpmath ``iv`` at :data:`DPS` digits."""
    with _digits():
        return rational_bounds(f())[1]
