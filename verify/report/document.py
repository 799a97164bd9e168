"""The report as a document: blocks of inline pieces, rendered to Markdown and to LaTeX alike.

The report builder (:mod:`verify.report.sections`, :mod:`verify.report.index`) produces these blocks from
the results JSON; :mod:`verify.report.markdown` and :mod:`verify.report.latex` render them, so both
formats carry the same content. Exact numbers stay exact up to the renderer: an :class:`Exact` is a
rational string ("-11/4") that Markdown shows as ``-11/4 (≈ -2.75)`` and LaTeX as a fraction.

>>> doc = [Heading(1, ("ep.thm-3.3 on ", Code("tent")), "ep.thm-3.3--tent"),
...        Paragraph(("optimal value ", Exact("2"), ".")), Table(("i", "x_i"), ((("1",), (Exact("1/2"),)),))]
>>> [type(b).__name__ for b in doc]
['Heading', 'Paragraph', 'Table']
>>> decimal("1/3"), decimal("-11/4"), decimal("10"), decimal("abc")
('0.333333', '-2.75', '10', None)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Union

from exact.checker.number import NumberError, rational


@dataclass(frozen=True)
class Exact:
    """An exact rational (a case file's number grammar, canonical "p/q"), shown with a decimal beside it."""

    value: str


@dataclass(frozen=True)
class Radical:
    """An exact algebraic number: its exact text (sum of c m^(1/L)), its TeX form and a decimal."""

    text: str
    tex: str
    decimal: str


@dataclass(frozen=True)
class Code:
    """Literal text: a command, a file name, an identifier."""

    text: str


@dataclass(frozen=True)
class Link:
    """A link to a file relative to the document (``target``), with an optional ``#anchor``."""

    text: str
    target: str


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Math:
    """A formula in two spellings: plain text for Markdown, TeX (math mode content) for LaTeX."""

    text: str
    tex: str


Inline = Union[str, Exact, Radical, Code, Link, Strong, Math]
Inlines = tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = a part (paper), 2 = a claim, 3 = one (claim, case), 4 = a subsection of it
    text: Inlines
    anchor: str


@dataclass(frozen=True)
class Paragraph:
    content: Inlines


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inlines, ...]


@dataclass(frozen=True)
class Table:
    """A table; each cell a sequence of inline pieces. ``caption`` may be empty."""

    header: tuple[str, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Figure:
    """A picture (a PNG path relative to the document) and its caption."""

    path: str
    caption: str


@dataclass(frozen=True)
class Verbatim:
    """Preformatted lines (commands to run)."""

    text: str


Block = Union[Heading, Paragraph, Bullets, Table, Figure, Verbatim]

DECIMAL_DIGITS = 6


def decimal(text: str, digits: int = DECIMAL_DIGITS) -> str | None:
    """``text`` (an exact rational) as a decimal of ``digits`` significant digits; None if not a rational."""
    try:
        value = rational(text)
    except (NumberError, TypeError):
        return None
    if value.denominator == 1 and len(str(abs(value.numerator))) <= 15:
        return str(value.numerator)
    return f"{float(value):.{digits}g}" if value else "0"


def exact_or_text(text: str) -> Inline:
    """An :class:`Exact` when ``text`` is one rational, else the text itself (a vector, a matrix, a word)."""
    return Exact(str(Fraction(rational(text)))) if decimal(text) is not None else text
