"""Exact rationals from case files: integers, ratios and decimals given as strings, nothing rounded.

>>> parse_rational("1e-2", "demo"), parse_rational("-11/4", "demo")
(Fraction(1, 100), Fraction(-11, 4))
>>> try:
...     parse_rational(0.1, "f.toml: field 'x[0]'")
... except CaseError as err:
...     print(str(err)[-30:])
(e.g. "0.1"), not TOML numbers
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

__all__ = ["CaseError", "describe", "looks_numeric", "parse_rational"]

# Exponents beyond this are refused: Fraction("1e999999999") would try to build
# a billion-digit integer.
_MAX_EXPONENT = 10_000

_DECIMAL_RE = re.compile(
    r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE](?P<exp>[+-]?\d+))?"
)
_RATIO_RE = re.compile(r"[+-]?\d+/\d+")
_NONFINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity",
              "+infinity", "-infinity"}

_EXPECTED_RATIONAL = 'expected a rational string such as "3/5" or "-0.25"'


class CaseError(ValueError):
    """A case file or document is missing something or holds a bad value.

    The message names the file (or ``where`` label), the field and what was
    expected.
    """




def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"TOML boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"TOML number {value!r}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"{type(value).__name__} {value!r}"


def parse_rational(s: Any, where: str) -> Fraction:
    """Parse an exact rational from a string.

    Accepts integers (``"3"``), ratios (``"-11/4"``) and decimals with an
    optional exponent (``"0.6"`` is 3/5, ``"1e-2"`` is 1/100).  Refuses
    non-strings (TOML numbers are rounded binary floats or bare integers; the
    case format wants strings), NaN/infinity, empty strings, zero denominators.
    ``where`` prefixes the message, e.g. ``"f.toml: field 'x[2]'"``.

    >>> parse_rational("0.6", "demo")
    Fraction(3, 5)
    >>> parse_rational("-11/4", "demo")
    Fraction(-11, 4)
    """
    if isinstance(s, bool):
        raise CaseError(f"{where}: {_EXPECTED_RATIONAL}, got {describe(s)}")
    if isinstance(s, float) and not math.isfinite(s):
        raise CaseError(
            f"{where}: {_EXPECTED_RATIONAL}, got TOML {s!r} (NaN and infinity "
            "are not rationals)"
        )
    if isinstance(s, (int, float)):
        hint = repr(s)
        raise CaseError(
            f"{where}: {_EXPECTED_RATIONAL}, got {describe(s)}; rationals "
            f'must be written as strings (e.g. "{hint}"), not TOML numbers'
        )
    if not isinstance(s, str):
        raise CaseError(f"{where}: {_EXPECTED_RATIONAL}, got {describe(s)}")
    text = s.strip()
    if not text:
        raise CaseError(f"{where}: {_EXPECTED_RATIONAL}, got an empty string")
    if text.lower() in _NONFINITE:
        raise CaseError(
            f"{where}: {_EXPECTED_RATIONAL}, got {s!r} (NaN and infinity are "
            "not rationals)"
        )
    m = _DECIMAL_RE.fullmatch(text)
    if m is not None:
        exp = m.group("exp")
        if exp is not None and abs(int(exp)) > _MAX_EXPONENT:
            raise CaseError(
                f"{where}: {_EXPECTED_RATIONAL} with an exponent of at most "
                f"{_MAX_EXPONENT} in size, got {s!r}"
            )
        return Fraction(text)
    if _RATIO_RE.fullmatch(text):
        num, den = text.split("/")
        if int(den) == 0:
            raise CaseError(
                f"{where}: {_EXPECTED_RATIONAL}, got {s!r} (zero denominator)"
            )
        return Fraction(int(num), int(den))
    raise CaseError(f"{where}: {_EXPECTED_RATIONAL}, got {s!r}")


def looks_numeric(s: str) -> bool:
    """Whether a string parses as a rational (or a non-finite number): a parameter, not a stray key."""
    t = s.strip()
    return bool(
        _DECIMAL_RE.fullmatch(t) or _RATIO_RE.fullmatch(t) or t.lower() in _NONFINITE
    )
