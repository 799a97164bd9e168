"""The strict number grammar of certificates and case files (standard library only).

One grammar, shared by the checker (:mod:`exact.checker._fields`) and the case loader
(:mod:`cases.rationals`), so that a number means the same everywhere and no input can make parsing
slow::

    rational := sign? ( digits "/" digits  |  decimal exponent? )
    decimal  := digits ( "." digits? )?  |  "." digits
    exponent := ( "e" | "E" ) sign? digits          with |exponent| <= MAX_EXPONENT
    integer  := sign? digits
    sign     := "+" | "-"
    digits   := one or more of the ASCII characters 0-9

A number is at most ``MAX_LENGTH`` characters long; a ratio's denominator is not zero. Nothing else is a
number: no spaces, no underscores (``Fraction`` would read "1_0" as 10), no non-ASCII digits (it would
read Arabic-Indic and full-width digits), no "inf" or "nan". The caps keep every number below
``10^(MAX_LENGTH + MAX_EXPONENT)`` in size, so parsing is instant ("1e999999999" is refused before any
integer is built).

>>> rational("-11/4"), rational("0.6"), rational("1e-2"), rational(".5")
(Fraction(-11, 4), Fraction(3, 5), Fraction(1, 100), Fraction(1, 2))
>>> for bad in (" 1/2 ", "1_0", "\u0661", "1e999999999", "3/0", "1/2e3"):
...     try:
...         rational(bad)
...     except NumberError as err:
...         print(err)
not a number of the grammar (ASCII sign, digits, '/digits' or a decimal point, exponent)
not a number of the grammar (ASCII sign, digits, '/digits' or a decimal point, exponent)
not a number of the grammar (ASCII sign, digits, '/digits' or a decimal point, exponent)
exponent beyond the cap of 1000
zero denominator
not a number of the grammar (ASCII sign, digits, '/digits' or a decimal point, exponent)
>>> integer("-12"), is_number_text("12.0"), is_number_text("12,0")
(-12, True, False)
"""
from __future__ import annotations

import re
from fractions import Fraction
from operator import itemgetter

__all__ = ["MAX_EXPONENT", "MAX_LENGTH", "NumberError", "integer", "integer_ratios", "is_number_text", "rational"]

MAX_LENGTH = 1000  # characters in one number; certificates written by the toolkit stay below 500
MAX_EXPONENT = 1000  # |e| of a decimal exponent

_RATIONAL = re.compile(r"[+-]?(?:[0-9]+/(?P<den>[0-9]+)|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE](?P<exp>[+-]?[0-9]+))?)")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_RATIO_CHARS = re.compile(r"[-+0-9/]*")  # the characters of integers and ratios p/q (integer_ratios)
_GRAMMAR = "ASCII sign, digits, '/digits' or a decimal point, exponent"


class NumberError(ValueError):
    """A string is not a number of the grammar; the message says why (the caller names the field and the text)."""


def _checked(text: object, pattern: re.Pattern[str], what: str) -> re.Match[str]:
    if not isinstance(text, str):
        raise NumberError(f"not a string holding {what} but a JSON {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise NumberError(f"{len(text)} characters, beyond the cap of {MAX_LENGTH}")
    match = pattern.fullmatch(text)
    if match is None:
        raise NumberError(f"not {what} of the grammar ({_GRAMMAR})")
    return match


def rational(text: object) -> Fraction:
    """The exact rational a string of the grammar names; anything else raises :class:`NumberError`."""
    match = _checked(text, _RATIONAL, "a number")
    assert isinstance(text, str)
    if match["den"] is not None and int(match["den"]) == 0:
        raise NumberError("zero denominator")
    if match["exp"] is not None and abs(int(match["exp"])) > MAX_EXPONENT:
        raise NumberError(f"exponent beyond the cap of {MAX_EXPONENT}")
    return Fraction(text)


def integer(text: object) -> int:
    """The integer a string ``sign? digits`` names (no decimal point, no exponent)."""
    _checked(text, _INTEGER, "an integer")
    assert isinstance(text, str)
    return int(text)


def is_number_text(text: str) -> bool:
    """Whether ``text`` is a rational of the grammar."""
    try:
        rational(text)
    except NumberError:
        return False
    return True


def all_strings(values: list) -> bool:
    """Every entry is a ``str`` (not a subclass): one C-speed pass, for vectors of 10^6 numbers.

    >>> all_strings(["1", "2/3"]), all_strings(["1", 2]), all_strings([])
    (True, False, True)
    """
    return set(map(type, values)) <= {str}


def integer_ratios(texts: list) -> tuple[list[int], list[int]] | None:
    """(numerators, denominators) of strings that are all integers or ratios "p/q" of the grammar, read in bulk
    (the form of long certificates); None when any is not of that form (a decimal, or not a number at all), for
    :func:`rational` to read one by one and name the bad one.

    >>> integer_ratios(["3", "-4/6", "+0"]), integer_ratios(["3", "0.5"]), integer_ratios(["1/0"])
    (([3, -4, 0], [1, 6, 1]), None, None)
    """
    if not texts:
        return [], []
    if not all_strings(texts) or max(map(len, texts)) > MAX_LENGTH:
        return None
    # The grammar's integers, [+-]?[0-9]+, are exactly the strings over [-+0-9] that int() reads (it also
    # reads spaces, '_' and other scripts' digits, which the character class excludes): one C-speed match
    # over all the entries and int() on each replace a regular expression per entry (3x faster).
    joined = "".join(texts)
    if _RATIO_CHARS.fullmatch(joined) is None or "/+" in joined or "/-" in joined:  # no sign after '/'
        return None
    try:
        if "/" not in joined:
            return list(map(int, texts)), [1] * len(texts)
        parts = [t.partition("/") for t in texts]  # "p/q/r": int("q/r") fails; "p/": int("") fails
        nums = list(map(int, map(itemgetter(0), parts)))
        dens = [int(den) if sep else 1 for _, sep, den in parts]
    except ValueError:
        return None
    return None if 0 in dens else (nums, dens)
