"""What Pilanci & Ergen print: the bounds on the number of arrangement patterns (Section 3, A.2).

The count (17) itself is :func:`exact.relu.arrangements.region_bound` (Cover's formula).

>>> exponential_bound(40, 4)[0] > 19840
True
"""

from __future__ import annotations

from fractions import Fraction

#: rational bounds on e (e = 2.718281828459045235...)
E_LOW, E_HIGH = Fraction(2718281828459045, 10 ** 15), Fraction(2718281828459046, 10 ** 15)


def exponential_bound(n: int, r: int) -> tuple[Fraction, Fraction]:
    """Rational (lower, upper) around 2r (e (n-1) / r)^r (increasing in e, so E_LOW and E_HIGH bracket it).

    >>> lo, hi = exponential_bound(5, 2); float(lo) < 2 * 2 * (2.718281828459045 * 4 / 2) ** 2 < float(hi)
    True
    >>> exponential_bound(1, 1)
    (Fraction(0, 1), Fraction(0, 1))
    """
    return tuple(2 * r * (e * (n - 1) / r) ** r for e in (E_LOW, E_HIGH))  # type: ignore[return-value]
