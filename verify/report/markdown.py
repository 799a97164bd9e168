"""The report's blocks as Markdown (GitHub flavour: pipe tables, HTML anchors).

Exact numbers are written as code spans beside their decimal: ``-11/4`` (≈ -2.75), so a reader copies the
exact value and a test finds it.

>>> from .document import Exact, Heading, Paragraph, Table
>>> print(render_markdown([Heading(2, ("Value",), "v"), Paragraph(("P* = ", Exact("-11/4"))),
...                        Table(("i", "x"), ((("1",), (Exact("1/2"),)),))]))
<a id="v"></a>
## Value
<BLANKLINE>
P* = `-11/4` (≈ -2.75)
<BLANKLINE>
| i | x |
|---|---|
| 1 | `1/2` (≈ 0.5) |
<BLANKLINE>
"""

from __future__ import annotations

from typing import Sequence

from .document import (
    Block,
    Bullets,
    Code,
    Exact,
    Figure,
    Heading,
    Inline,
    Inlines,
    Link,
    Math,
    Paragraph,
    Radical,
    Strong,
    Table,
    Verbatim,
    decimal,
)


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def exact_text(value: str) -> str:
    """An exact rational as Markdown: the code span and its decimal (an integer has none)."""
    d = decimal(value)
    return _code(value) if d == value else f"{_code(value)} (≈ {d})"


def inline(piece: Inline, in_table: bool = False) -> str:
    if isinstance(piece, str):
        text = piece.replace("|", "\\|") if in_table else piece
        return text.replace("\n", " ")
    if isinstance(piece, Exact):
        return exact_text(piece.value)
    if isinstance(piece, Radical):
        return f"{_code(piece.text)} (≈ {piece.decimal})"
    if isinstance(piece, Code):
        return _code(piece.text)
    if isinstance(piece, Link):
        return f"[{piece.text}]({piece.target})"
    if isinstance(piece, Strong):
        return f"**{piece.text}**"
    if isinstance(piece, Math):
        return _code(piece.text)
    raise TypeError(f"not an inline piece: {piece!r}")


def inlines(pieces: Inlines, in_table: bool = False) -> str:
    return "".join(inline(p, in_table) for p in pieces)


def block(b: Block) -> str:
    if isinstance(b, Heading):
        title = "#" * b.level + " " + inlines(b.text)
        return f'<a id="{b.anchor}"></a>\n{title}\n' if b.anchor else title + "\n"
    if isinstance(b, Paragraph):
        return inlines(b.content) + "\n"
    if isinstance(b, Bullets):
        return "".join(f"- {inlines(item)}\n" for item in b.items)
    if isinstance(b, Table):
        head = "| " + " | ".join(h.replace("|", "\\|") for h in b.header) + " |\n"
        rule = "|" + "---|" * len(b.header) + "\n"
        body = "".join("| " + " | ".join(inlines(c, True) for c in row) + " |\n" for row in b.rows)
        caption = f"\n*{b.caption}*\n" if b.caption else ""
        return head + rule + body + caption
    if isinstance(b, Figure):
        alt = b.caption.replace("[", "\\[").replace("]", "\\]")  # a bracket would end the alt text
        return f"![{alt}]({b.path})\n\n*{b.caption}*\n"
    if isinstance(b, Verbatim):
        return f"```\n{b.text}\n```\n"
    raise TypeError(f"not a block: {b!r}")


def render_markdown(blocks: Sequence[Block], title: str = "") -> str:
    """The document; ``title`` (when given) as its first line."""
    head = f"# {title}\n\n" if title else ""
    return head + "\n".join(block(b) for b in blocks)
