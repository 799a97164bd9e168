"""The LaTeX back end: escaping, exact numbers, and real pdflatex compiles (skipped without pdflatex)."""

import shutil
from pathlib import Path

import pytest

from verify.report.document import (
    Bullets,
    Code,
    Exact,
    Figure,
    Heading,
    Link,
    Math,
    Paragraph,
    Radical,
    Table,
    Verbatim,
)
from verify.report.latex import CONTINUATION, VERBATIM_WIDTH, compile_pdf, escape, exact_tex, render_latex

needs_pdflatex = pytest.mark.skipif(
    shutil.which("pdflatex") is None,
    reason="pdflatex is not installed (apt-get install texlive-latex-base texlive-latex-recommended)",
)


def body(blocks):
    tex = render_latex(blocks, "T")
    return tex[tex.index(r"\maketitle") + len(r"\maketitle"):tex.index(r"\end{document}")].strip()


def test_code_escapes_every_special_character():
    assert body([Paragraph((Code("a_b#c%d&e$f~g^h\\i{j}"),))]) == (
        r"\texttt{a\_\allowbreak{}b\#c\%d\&e\$f\textasciitilde{}g\textasciicircum{}h\textbackslash{}i\{j\}}"
    )


def test_unicode_maps_to_tex_and_unknown_characters_to_a_placeholder():
    assert escape("≈ ≤ ≥ σ λ α β θ ‖ − × ∞") == (
        r"\(\approx\) \(\leq\) \(\geq\) \(\sigma\) \(\lambda\) \(\alpha\) \(\beta\) \(\theta\) \(\|\) \(-\) "
        r"\(\times\) \(\infty\)"
    )
    assert escape("ω é") == r"[U+03C9] \'{e}"
    assert escape("ω é", ascii_only=True) == "[U+03C9] e"


def test_brackets_cannot_become_optional_arguments():
    assert body([Bullets((("[x] y",),))]) == "\\begin{itemize}\n\\item {[}x{]} y\n\\end{itemize}"


def test_exact_is_a_fraction_with_its_decimal():
    assert exact_tex("-11/4") == r"\(-\frac{11}{4}\) (\(\approx -2.75\))"
    assert exact_tex("1/3") == r"\(\frac{1}{3}\) (\(\approx 0.333333\))"
    assert exact_tex("7") == r"\(7\)"
    assert exact_tex("-1/100000000000000") == r"\(-\frac{1}{100000000000000}\) (\(\approx -1\times 10^{-14}\))"


def test_a_60_digit_fraction_breaks_between_digit_groups():
    numerator, denominator = "1234567890" * 6, "9" * 59 + "7"
    tex = exact_tex(f"-{numerator}/{denominator}")
    assert tex == (
        r"\(-" + r"\allowbreak ".join(["1234567890"] * 6) + r"/\allowbreak "
        + r"\allowbreak ".join(["9999999999"] * 5 + ["9999999997"]) + r"\) (\(\approx -0.123457\))"
    )
    assert r"\frac" not in tex


def test_radical_math_and_long_code():
    assert body([Paragraph((Radical("2^(1/2)", r"\sqrt{2}", "1.41421"), " ", Math("x^2", "x^2")))]) == (
        r"\(\sqrt{2}\) (\(\approx 1.41421\)) \(x^2\)"
    )
    assert escape("runs/a-b.json", frozenset("/-.")) == r"runs/\allowbreak{}a-\allowbreak{}b.\allowbreak{}json"


def test_headings_labels_and_links():
    blocks = [Heading(1, ("Paper",), "ep"), Heading(2, ("Claim",), "ep.thm 3"), Heading(4, ("Case",), "c"),
              Paragraph((Link("up", "#ep"), Link("claim", "#ep.thm 3"), Link("nowhere", "#zz"),
                         Link("file", "other/x_y.md#a"), Link("odd", "a{b}.md")))]
    lines = body(blocks).split("\n\n")
    assert lines[0] == r"\section{\texorpdfstring{Paper}{Paper}}\label{ep}"
    assert lines[1] == r"\subsection{\texorpdfstring{Claim}{Claim}}\label{ep.thm-3-5197b2}"
    assert lines[2] == r"\paragraph{\texorpdfstring{Case}{Case}}\phantomsection\label{c}"
    assert lines[3] == r"\hyperref[ep]{up}\hyperref[ep.thm-3-5197b2]{claim}nowhere\href{other/x_y.md\#a}{file}odd"


def test_verbatim_long_lines_break_with_a_marker():
    tex = body([Verbatim("x" * 300 + "\n" + r"\end{verbatim}")])
    lines = tex.splitlines()
    assert lines[:2] == [r"\begingroup\small", r"\begin{verbatim}"]
    assert lines[2] == "x" * VERBATIM_WIDTH
    assert all(line.startswith(CONTINUATION) and len(line) <= VERBATIM_WIDTH for line in lines[3:6])
    assert "".join(line.removeprefix(CONTINUATION) for line in lines[2:6]) == "x" * 300
    assert lines[6:] == [r"\end {verbatim}", r"\end{verbatim}", r"\endgroup"]


def test_narrow_tables_use_natural_columns_and_wide_ones_wrap():
    narrow = body([Table(("i", "x"), ((("1",), (Exact("1/2"),)),), "cap")])
    assert r"\begin{longtable}{ll}" in narrow and r"\caption{cap}\\" in narrow
    assert r"\toprule" in narrow and r"\midrule" in narrow and r"\bottomrule" in narrow
    vector = tuple(p for k in range(20) for p in (Exact(f"{k}/7"), ", "))
    wide = body([Table(("i", "x"), ((("1",), vector),))])
    assert r">{\raggedright\arraybackslash}p{\dimexpr 0.062\linewidth-2\tabcolsep\relax}" in wide
    assert r"p{\dimexpr 0.938\linewidth-2\tabcolsep\relax}" in wide


def tiny_png(path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1))
    ax.plot([0, 1, 2], [0, 1, 0])
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=20)
    plt.close(fig)


def every_block_kind() -> list:
    rows = tuple(((str(i),), (Exact(f"{i}/3"),), tuple(p for k in range(6) for p in (Exact(f"-{k}/{i + 1}"), ", ")))
                 for i in range(80))
    return [
        Heading(1, ("Paper ", Code("ep_2024#1"), " with σ ≤ 1"), "ep.thm-3.3"),
        Paragraph(("See ", Link("the case", "#ep.thm-3.3--tent"), ", value ", Exact("-11/4"), ", long ",
                   Exact("1234567890" * 6 + "/7"), ", ", Code("runs/a_b=1@x.y/" * 6))),
        Heading(2, ("Theorem 3.3",), "ep.thm-3.3-claim"),
        Heading(3, ("Case ", Code("tent")), "ep.thm-3.3--tent"),
        Bullets((("first",), ("[second] ", Exact("2/3")))),
        Table(("i", "x_i", "w"), rows, "Eighty rows & a vector column"),
        Figure("figs/tent_a=1@v2.x_y.png", "The tent"),
        Verbatim("python -m verify run " + "--flag=value " * 22 + "y" * 14),
    ]


@needs_pdflatex
def test_every_block_kind_compiles_to_a_pdf(tmp_path):
    tiny_png(tmp_path / "figs" / "tent_a=1@v2.x_y.png")
    tex = tmp_path / "appendix.tex"
    tex.write_text(render_latex(every_block_kind(), "Appendix & notes", "generated by a test"))
    result = compile_pdf(tex)
    assert result.skipped == ""
    assert result.pdf == tmp_path / "appendix.pdf", result.log_tail
    assert result.pdf.read_bytes()[:4] == b"%PDF"
    # the second run resolves the references and settles the longtable column widths
    assert "Warning" not in result.log_tail and "Overfull" not in result.log_tail, result.log_tail
    assert result.log_tail.startswith("Output written on ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["appendix.pdf", "appendix.tex", "figs"]


@needs_pdflatex
def test_a_broken_document_gives_the_error_and_no_pdf(tmp_path):
    tex = tmp_path / "appendix.tex"
    tex.write_text("\\documentclass{article}\n\\begin{document}\n\\undefinedmacro\n\\end{document}\n")
    (tmp_path / "appendix.pdf").write_bytes(b"%PDF stale")
    result = compile_pdf(tex)
    assert result.pdf is None and result.skipped == ""
    assert result.log_tail.startswith("! Undefined control sequence.")
    assert "Undefined control sequence" in result.log_tail and "\\undefinedmacro" in result.log_tail
    assert sorted(p.name for p in tmp_path.iterdir()) == ["appendix.tex"]


def test_without_pdflatex_the_compile_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = compile_pdf(tmp_path / "appendix.tex")
    assert result.pdf is None and "pdflatex not on PATH" in result.skipped
