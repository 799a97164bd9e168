"""The report as a standalone LaTeX document, and its compilation to PDF with pdflatex.

:func:`render_latex` writes the blocks of :mod:`verify.report.document` with the same content as the
Markdown renderer; every text piece is escaped, so no report content can break the compile. The
document needs only texlive-latex-base: booktabs and lmodern are used when installed and replaced by
``\\hline`` and Computer Modern otherwise. :func:`compile_pdf` runs pdflatex in a scratch folder and
moves only a finished PDF next to the ``.tex``.

>>> from verify.report.document import Code, Exact, Heading, Paragraph
>>> tex = render_latex([Heading(1, ("Claim ", Code("a_b")), "c-1"), Paragraph(("x = ", Exact("-11/4")))], "T")
>>> print(tex[tex.index(r"\\section"):tex.index(r"\\end{document}")].strip())
\\section{\\texorpdfstring{Claim \\texttt{a\\_\\allowbreak{}b}}{Claim a\\_b}}\\label{c-1}
<BLANKLINE>
x = \\(-\\frac{11}{4}\\) (\\(\\approx -2.75\\))
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from exact.checker.number import NumberError, rational
from verify.report.document import (
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

LONG_DIGITS = 30  # a numerator or denominator longer than this is written p/q with break points
DIGIT_GROUP = 10
VERBATIM_WIDTH = 96  # characters of \small typewriter that fit the 17 cm text width
CONTINUATION = "..> "
NATURAL_TABLE_WIDTH = 95  # estimated characters of \small text per line: wider tables get p{} columns
LOG_LINES = 30
NO_PDFLATEX = "pdflatex not on PATH (install texlive-latex-base and texlive-latex-recommended)"

_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$", "%": r"\%", "&": r"\&",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    # a "[" after \item or \\ would be read as an optional argument
    "[": "{[}", "]": "{]}",
}
# the non-ASCII characters the report uses: TeX for the document, ASCII for bookmarks and verbatim
_UNICODE = {
    "≈": (r"\(\approx\)", "~="), "≤": (r"\(\leq\)", "<="), "≥": (r"\(\geq\)", ">="), "≠": (r"\(\neq\)", "!="),
    "σ": (r"\(\sigma\)", "sigma"), "λ": (r"\(\lambda\)", "lambda"), "α": (r"\(\alpha\)", "alpha"),
    "β": (r"\(\beta\)", "beta"), "θ": (r"\(\theta\)", "theta"), "μ": (r"\(\mu\)", "mu"),
    "ε": (r"\(\varepsilon\)", "eps"), "δ": (r"\(\delta\)", "delta"), "‖": (r"\(\|\)", "||"),
    "−": (r"\(-\)", "-"), "×": (r"\(\times\)", "x"), "∞": (r"\(\infty\)", "inf"), "·": (r"\(\cdot\)", "*"),
    "→": (r"\(\to\)", "->"), "∈": (r"\(\in\)", "in"), "±": (r"\(\pm\)", "+-"), "√": (r"\(\surd\)", "sqrt"),
    "²": (r"\(^2\)", "^2"), "✓": (r"\(\checkmark\)", "ok"), "✗": (r"\(\times\)", "x"),
    "—": ("---", "--"), "–": ("--", "-"), "…": (r"\dots{}", "..."), "“": ("``", '"'), "”": ("''", '"'),
    "‘": ("`", "'"), "’": ("'", "'"), "\u00a0": ("~", " "),
}
_ACCENTS = {"\u0301": "'", "\u0300": "`", "\u0308": '"', "\u0302": "^", "\u0303": "~", "\u0327": "c"}
_BREAK_AFTER_IN_CODE = frozenset("/_-.=")
_BREAK_AFTER_IN_TEXT = frozenset(",;/")
_SAFE_TARGET = re.compile(r"[A-Za-z0-9._/=@+,:#-]+")
_SAFE_PATH = re.compile(r"[A-Za-z0-9._/=@+,:-]+")
_SCIENTIFIC = re.compile(r"(-?[0-9.]+)e([+-]?)0*([0-9]+)")
_NOTABLE = re.compile(r"Warning|^Overfull|^Output written")
_SECTIONS = {1: "section", 2: "subsection", 3: "subsubsection", 4: "paragraph"}

_PREAMBLE = r"""\documentclass[a4paper]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\IfFileExists{lmodern.sty}{\usepackage{lmodern}}{}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath, amssymb, array, longtable, graphicx}
\IfFileExists{booktabs.sty}{\usepackage{booktabs}}{%
  \newcommand{\toprule}{\hline}\newcommand{\midrule}{\hline}\newcommand{\bottomrule}{\hline}}
\usepackage[colorlinks=true, linkcolor=blue, urlcolor=blue]{hyperref}
\setlength{\emergencystretch}{3em}
\extrafloats{100}
"""


def _unicode(char: str, ascii_only: bool) -> str:
    """A non-ASCII character as TeX (or ASCII), never left raw: inputenc would stop on most of them."""
    if char in _UNICODE:
        return _UNICODE[char][int(ascii_only)]
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) == 2 and decomposed[0].isascii() and decomposed[0].isalpha() and decomposed[1] in _ACCENTS:
        base = decomposed[0]
        return base if ascii_only else rf"\{_ACCENTS[decomposed[1]]}{{{base}}}"
    return f"[U+{ord(char):04X}]"


def escape(text: str, breaks: frozenset[str] = _BREAK_AFTER_IN_TEXT, ascii_only: bool = False) -> str:
    r"""``text`` as LaTeX text: specials escaped, unicode mapped, ``\allowbreak`` after ``breaks`` characters.

    >>> print(escape("a_b#c%d&e$f~g^h\\i{j}", breaks=frozenset()))
    a\_b\#c\%d\&e\$f\textasciitilde{}g\textasciicircum{}h\textbackslash{}i\{j\}
    >>> print(escape("σ ≤ 1, ω"))
    \(\sigma\) \(\leq\) 1, [U+03C9]
    """
    out = []
    for i, char in enumerate(text):
        out.append(_SPECIAL.get(char, char) if char.isascii() else _unicode(char, ascii_only))
        if char in breaks and text[i + 1:i + 2] not in ("", " "):
            out.append(r"\allowbreak{}")
    return "".join(out)


def _decimal_tex(text: str) -> str:
    """A decimal such as ``1.5e+40`` in math notation."""
    match = _SCIENTIFIC.fullmatch(text)
    if match is None:
        return text
    mantissa, sign, power = match.groups()
    return rf"{mantissa}\times 10^{{{'-' if sign == '-' else ''}{power}}}"


def _digits(digits: str) -> str:
    return r"\allowbreak ".join(digits[i:i + DIGIT_GROUP] for i in range(0, len(digits), DIGIT_GROUP))


def exact_tex(value: str) -> str:
    r"""An exact rational as inline math with its decimal beside it (integers alone).

    >>> print(exact_tex("-11/4"), exact_tex("7"), exact_tex("n/a"))
    \(-\frac{11}{4}\) (\(\approx -2.75\)) \(7\) n/\allowbreak{}a
    >>> print(exact_tex("1" * 31 + "/3").replace(r"\allowbreak ", "|"))
    \(1111111111|1111111111|1111111111|1/|3\) (\(\approx 3.7037\times 10^{29}\))
    """
    try:
        number = rational(value)
    except (NumberError, TypeError):
        return escape(value)
    sign = "-" if number < 0 else ""
    num, den = str(abs(number.numerator)), str(number.denominator)
    if max(len(num), len(den)) > LONG_DIGITS:
        body = sign + _digits(num) + ("" if den == "1" else r"/\allowbreak " + _digits(den))
    else:
        body = sign + num if den == "1" else rf"{sign}\frac{{{num}}}{{{den}}}"
    approx = decimal(value)
    if approx is None or (den == "1" and approx == sign + num):
        return rf"\({body}\)"
    return rf"\({body}\) (\(\approx {_decimal_tex(approx)}\))"


def _plain(piece: Inline) -> str:
    """The piece as the Markdown shows it, for bookmarks and width estimates."""
    if isinstance(piece, str):
        return piece
    if isinstance(piece, Exact):
        return piece.value
    return piece.text


def inline_tex(piece: Inline, labels: Mapping[str, str]) -> str:
    """One inline piece as LaTeX; ``labels`` maps this document's anchors to their labels."""
    if isinstance(piece, str):
        return escape(piece)
    if isinstance(piece, Exact):
        return exact_tex(piece.value)
    if isinstance(piece, Radical):
        approx = rf" (\(\approx {_decimal_tex(piece.decimal)}\))" if piece.decimal else ""
        return rf"\({piece.tex}\){approx}"
    if isinstance(piece, Math):
        return rf"\({piece.tex}\)"
    if isinstance(piece, Code):
        return rf"\texttt{{{escape(piece.text, _BREAK_AFTER_IN_CODE)}}}"
    if isinstance(piece, Strong):
        return rf"\textbf{{{escape(piece.text)}}}"
    return _link(piece, labels)


def _link(link: Link, labels: Mapping[str, str]) -> str:
    """Internal links become \\hyperref; links to other files \\href when the target survives as a URL."""
    text = escape(link.text)
    path, _, anchor = link.target.partition("#")
    if not path:
        label = labels.get(anchor)
        return rf"\hyperref[{label}]{{{text}}}" if label else text
    if _SAFE_TARGET.fullmatch(link.target):
        return rf"\href{{{link.target.replace('#', chr(92) + '#')}}}{{{text}}}"
    return text


def inlines_tex(pieces: Inlines, labels: Mapping[str, str]) -> str:
    return "".join(inline_tex(piece, labels) for piece in pieces)


def label(anchor: str) -> str:
    """A \\label key for an anchor; a hash keeps anchors that differ only in odd characters apart.

    >>> label("ep.thm-3.3--tent"), label("a b{c}")
    ('ep.thm-3.3--tent', 'a-b-c--ec0300')
    """
    clean = re.sub(r"[^A-Za-z0-9.:-]", "-", anchor)
    return clean if clean == anchor else f"{clean}-{hashlib.sha1(anchor.encode()).hexdigest()[:6]}"


def _heading(block: Heading, labels: Mapping[str, str]) -> str:
    command = _SECTIONS[min(max(block.level, 1), 4)]
    bookmark = escape("".join(_plain(piece) for piece in block.text), frozenset(), ascii_only=True)
    line = rf"\{command}{{\texorpdfstring{{{inlines_tex(block.text, labels)}}}{{{bookmark}}}}}"
    if not block.anchor:
        return line
    # \paragraph is unnumbered, so without an anchor of its own the link would land on the enclosing part
    anchor = r"\phantomsection" if block.level >= 4 else ""
    return rf"{line}{anchor}\label{{{labels[block.anchor]}}}"


def _width(pieces: Inlines) -> int:
    """Estimated printed width in characters (an Exact shows a decimal too)."""
    return sum(len(_plain(p)) + (10 if isinstance(p, (Exact, Radical)) else 0) for p in pieces)


def _table(block: Table, labels: Mapping[str, str]) -> str:
    ncols = max([len(block.header), *(len(row) for row in block.rows)]) or 1
    header: list[Inlines] = [(text,) for text in block.header] + [()] * (ncols - len(block.header))
    rows = [list(row) + [()] * (ncols - len(row)) for row in block.rows]
    natural = [max(_width(row[i]) for row in [header, *rows]) for i in range(ncols)]
    lines = [r"\begingroup\small"]
    if sum(natural) + 2 * ncols <= NATURAL_TABLE_WIDTH:
        spec = "l" * ncols
    else:
        # wide tables wrap inside columns that share the line in proportion to their (capped) content
        shares = [max(4, min(width, 60)) for width in natural]
        spec = "".join(
            rf">{{\raggedright\arraybackslash}}p{{\dimexpr {share / sum(shares):.3f}\linewidth-2\tabcolsep\relax}}"
            for share in shares
        )
        lines.append(r"\setlength{\tabcolsep}{3pt}")
    lines.append(rf"\begin{{longtable}}{{{spec}}}")
    if block.caption:
        lines.append(rf"\caption{{{escape(block.caption)}}}\\")
    head = " & ".join(inlines_tex(cell, labels) for cell in header) + r" \\"
    lines += [r"\toprule", head, r"\midrule", r"\endfirsthead", r"\toprule", head, r"\midrule", r"\endhead",
              r"\bottomrule", r"\endlastfoot"]
    for row in rows:
        line = " & ".join(inlines_tex(cell, labels) for cell in row) + r" \\"
        # a row beginning with "*" would be taken for the star of the preceding \\
        lines.append("{}" + line if line.startswith("*") else line)
    lines += [r"\end{longtable}", r"\endgroup"]
    return "\n".join(lines)


def _boxed(why: str, path: str) -> str:
    # a parbox, unlike a bare fbox, wraps a long file name
    return rf"\fbox{{\parbox{{0.8\linewidth}}{{{why}: \texttt{{{escape(path, _BREAK_AFTER_IN_CODE)}}}}}}}"


def _figure(block: Figure) -> str:
    caption = rf"\caption{{{escape(block.caption)}}}" if block.caption else ""
    if not _SAFE_PATH.fullmatch(block.path):
        body = _boxed("figure not embedded (its file name has characters LaTeX cannot read)", block.path)
    else:
        missing = _boxed("figure file missing", block.path)
        body = (rf"\IfFileExists{{\detokenize{{{block.path}}}}}"
                rf"{{\includegraphics[width=0.8\linewidth]{{\detokenize{{{block.path}}}}}}}{{{missing}}}")
    return "\n".join([r"\begin{figure}[h!t]", r"\centering", body, caption, r"\end{figure}"])


def _verbatim_lines(line: str) -> list[str]:
    """One long line as several, preferring to break after a space; continuations carry a marker."""
    out = []
    while len(line) > VERBATIM_WIDTH:
        cut = line.rfind(" ", VERBATIM_WIDTH * 2 // 3, VERBATIM_WIDTH) + 1 or VERBATIM_WIDTH
        out.append(line[:cut])
        line = CONTINUATION + line[cut:]
    return [*out, line]


def _verbatim(block: Verbatim) -> str:
    text = "".join(c if c.isascii() else _unicode(c, ascii_only=True) for c in block.text.expandtabs(4))
    lines = [part for line in text.splitlines() for part in _verbatim_lines(line)]
    # the only text that ends a verbatim environment early
    body = "\n".join(line.replace(r"\end{verbatim}", r"\end {verbatim}") for line in lines)
    return "\\begingroup\\small\n\\begin{verbatim}\n" + body + "\n\\end{verbatim}\n\\endgroup"


def block_tex(block: Block, labels: Mapping[str, str]) -> str:
    if isinstance(block, Heading):
        return _heading(block, labels)
    if isinstance(block, Paragraph):
        return inlines_tex(block.content, labels)
    if isinstance(block, Bullets):
        items = [rf"\item {inlines_tex(item, labels)}" for item in block.items]
        return "\n".join([r"\begin{itemize}", *items, r"\end{itemize}"]) if items else ""
    if isinstance(block, Table):
        return _table(block, labels)
    if isinstance(block, Figure):
        return _figure(block)
    return _verbatim(block)


def render_latex(blocks: Sequence[Block], title: str, preamble_note: str = "") -> str:
    """A standalone LaTeX document of ``blocks``; ``preamble_note`` goes into ``%`` comments at the top."""
    labels = {b.anchor: label(b.anchor) for b in blocks if isinstance(b, Heading) and b.anchor}
    note = "".join(f"% {line}\n" for line in preamble_note.splitlines())
    parts = [
        note + _PREAMBLE.rstrip("\n"),
        rf"\hypersetup{{pdftitle={{{escape(title, frozenset(), ascii_only=True)}}}}}",
        rf"\title{{{escape(title)}}}", r"\author{}", r"\date{}",
        r"\begin{document}", r"\maketitle",
        *(tex for tex in (block_tex(block, labels) for block in blocks) if tex),
        r"\end{document}",
    ]
    return "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class CompileResult:
    """The PDF (None when the compile failed or was skipped), the telling part of the log, a skip reason."""

    pdf: Path | None
    log_tail: str
    skipped: str = ""


def _log_tail(log: Path, stdout: bytes) -> str:
    """The log from its first error on; without an error its warnings, overfull lines and output line.

    Either way what a reader needs to fix the source, not the font list that ends every log.
    """
    text = log.read_text(errors="replace") if log.exists() else stdout.decode(errors="replace")
    lines = text.splitlines()
    first_error = next((i for i, line in enumerate(lines) if line.startswith("!")), None)
    if first_error is not None:
        return "\n".join(lines[first_error:first_error + LOG_LINES])
    notable = [line for line in lines if _NOTABLE.search(line)]
    return "\n".join(notable[:LOG_LINES] or lines[-LOG_LINES:])


def _failed(target: Path, log_tail: str) -> CompileResult:
    # a PDF left from an earlier compile would no longer match the .tex
    target.unlink(missing_ok=True)
    return CompileResult(None, log_tail)


def compile_pdf(tex_path: Path, timeout: float = 120) -> CompileResult:
    """Compile ``tex_path`` to ``<stem>.pdf`` beside it (pdflatex twice, for the references).

    The aux and log files stay in a scratch folder that is removed afterwards; the PDF is moved into
    place only when both runs succeed. A LaTeX error or a timeout gives ``pdf=None`` and the log.
    """
    pdflatex = shutil.which("pdflatex")
    if pdflatex is None:
        return CompileResult(None, "", NO_PDFLATEX)
    tex_path = Path(tex_path).resolve()
    folder, job = tex_path.parent, tex_path.stem
    target = folder / f"{job}.pdf"
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="latex-build-", dir=folder) as build:
        command = [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                   f"-output-directory={build}", f"-jobname={job}", tex_path.name]
        tail = ""
        # unwrapped log lines keep error messages and file names whole in the tail
        env = {**os.environ, "max_print_line": "10000"}
        for _ in range(2):
            try:
                run = subprocess.run(command, cwd=folder, stdin=subprocess.DEVNULL, capture_output=True, env=env,
                                     timeout=max(1.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                return _failed(target, f"pdflatex timed out after {timeout:g} s")
            tail = _log_tail(Path(build, f"{job}.log"), run.stdout)
            if run.returncode != 0:
                return _failed(target, tail)
        built = Path(build, f"{job}.pdf")
        if not built.exists():
            return _failed(target, tail + "\n(pdflatex wrote no PDF)")
        os.replace(built, target)
    return CompileResult(target, tail)
