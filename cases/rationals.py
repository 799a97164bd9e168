"""Exact rationals from case files: strings of the strict number grammar, nothing rounded.

The grammar is the checker's (:mod:`exact.checker.number`), so that a number means the same in a case
file and in a certificate: an ASCII sign, digits, "/digits" or a decimal point and a capped exponent; no
spaces, underscores or non-ASCII digits. A case's numbers also go to float solvers (HiGHS, the SOCP and
logistic solvers), so a nonzero magnitude must lie in [1e-100, 1e100]: "1e400" is refused here rather
than overflowing in a float conversion later.

>>> parse_rational("1e-2", "demo"), parse_rational("-11/4", "demo")
(Fraction(1, 100), Fraction(-11, 4))
>>> try:
...     parse_rational(0.1, "f.toml: field 'x[0]'")
... except CaseError as err:
...     print(str(err)[-30:])
(e.g. "0.1"), not TOML numbers
>>> try:
...     parse_rational("1e400", "f.toml: field 'beta'")
... except CaseError as err:
...     print(err)
f.toml: field 'beta': expected 0 or a magnitude in [1e-100, 1e100] (what a float solver takes), got '1e400'
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable

from exact.checker.number import NumberError, integer, rational

__all__ = ["CaseError", "FLOAT_RANGE", "describe", "parse_integer", "parse_rational"]

#: The magnitudes a nonzero number may have: beyond them float solvers overflow or underflow to 0.
FLOAT_RANGE = (Fraction(1, 10**100), Fraction(10**100))
_RANGE_TEXT = "0 or a magnitude in [1e-100, 1e100] (what a float solver takes)"

_NONFINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}

_EXPECTED_RATIONAL = 'expected a rational string such as "3/5" or "-0.25"'
_EXPECTED_INTEGER = 'expected an integer string such as "3"'
_SHOWN = 60  # characters of a bad value quoted in a message (a 4300-digit number is not echoed whole)


class CaseError(ValueError):
    """A case file or document is missing something or holds a bad value.

    The message names the file (or ``where`` label), the field and what was
    expected.
    """


def describe(value: Any) -> str:
    """A value as a message shows it: its TOML type, or the string itself (cut to 60 characters)."""
    if isinstance(value, bool):
        return f"TOML boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"TOML number {value!r}"
    if isinstance(value, str):
        return repr(value if len(value) <= _SHOWN else value[:_SHOWN - 3] + "...")
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"{type(value).__name__} {value!r}"


def _string(s: Any, where: str, expected: str) -> str:
    """``s`` if it is a non-empty string that is not NaN or infinity; else a CaseError saying what it is."""
    if isinstance(s, float) and not math.isfinite(s):
        raise CaseError(f"{where}: {expected}, got TOML {s!r} (NaN and infinity are not rationals)")
    if isinstance(s, (int, float)) and not isinstance(s, bool):
        raise CaseError(f"{where}: {expected}, got {describe(s)}; rationals must be written as strings "
                        f'(e.g. "{s!r}"), not TOML numbers')
    if not isinstance(s, str):
        raise CaseError(f"{where}: {expected}, got {describe(s)}")
    if not s:
        raise CaseError(f"{where}: {expected}, got an empty string")
    if s.strip().lower() in _NONFINITE:
        raise CaseError(f"{where}: {expected}, got {describe(s)} (NaN and infinity are not rationals)")
    return s


def _parsed(s: Any, where: str, expected: str, grammar: Callable[[str], Fraction | int]) -> Fraction:
    """``s`` read by ``grammar``, a number within :data:`FLOAT_RANGE`; else a CaseError."""
    try:
        value = Fraction(grammar(_string(s, where, expected)))
    except NumberError as err:
        raise CaseError(f"{where}: {expected}, got {describe(s)}: {err}") from None
    if value and not FLOAT_RANGE[0] <= abs(value) <= FLOAT_RANGE[1]:
        raise CaseError(f"{where}: expected {_RANGE_TEXT}, got {describe(s)}")
    return value


def parse_rational(s: Any, where: str) -> Fraction:
    """Parse an exact rational from a string of the number grammar.

    Accepts integers (``"3"``), ratios (``"-11/4"``) and decimals with an
    optional exponent (``"0.6"`` is 3/5, ``"1e-2"`` is 1/100).  Refuses
    non-strings (TOML numbers are rounded binary floats or bare integers; the
    case format wants strings), NaN/infinity, empty strings, zero denominators,
    anything outside the grammar and magnitudes outside :data:`FLOAT_RANGE`.
    ``where`` prefixes the message, e.g. ``"f.toml: field 'x[2]'"``.

    >>> parse_rational("0.6", "demo")
    Fraction(3, 5)
    >>> parse_rational("-11/4", "demo")
    Fraction(-11, 4)
    """
    return _parsed(s, where, _EXPECTED_RATIONAL, rational)


def parse_integer(s: Any, where: str) -> int:
    """Parse an integer from a string ``sign? digits`` (no decimal point, no exponent), in :data:`FLOAT_RANGE`.

    >>> parse_integer("-12", "demo")
    -12
    """
    return int(_parsed(s, where, _EXPECTED_INTEGER, integer))

