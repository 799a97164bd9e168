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
