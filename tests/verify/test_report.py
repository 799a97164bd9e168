"""The appendix report: findings first, exact values equal to the JSON, links that resolve and re-check, a plot
for every 1-D result, ``report --from`` reproducing the Markdown, and the LaTeX appendix compiling.

One run on the papers' own instances (``verify all --paper-instances``, the command of the committed sample)
writes the report and the JSON; the tests read them.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
from pathlib import Path

import pytest

from exact.checker import check_file
from verify.cli import main
from verify.report.latex import exact_tex
from verify.report.markdown import exact_text
from verify.report.sections import anchor, claim_file
from verify.report.vipr import EXPORTS

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    out, results = root / "out", root / "results.json"
    assert main(["all", "--paper-instances", "--report", str(out), "--json", str(results)]) == 0
    return out, json.loads(results.read_text()), results


def sections(text: str) -> dict[str, str]:
    """anchor -> the Markdown of its section (up to the next anchor of a (claim, case))."""
    parts = re.split(r'<a id="([a-z0-9-]+--[a-z0-9-]+)"></a>\n', text)
    return dict(zip(parts[1::2], parts[2::2]))


def tex_sections(text: str) -> dict[str, str]:
    parts = re.split(r"\\label\{([A-Za-z0-9.:-]+--[A-Za-z0-9.:-]+)\}", text)
    return dict(zip(parts[1::2], parts[2::2]))


def exact_values(value) -> list[str]:
    """The exact rationals of a value of the results JSON (a bracket's ends, each labelled value)."""
    if isinstance(value, str):
        return [value] if re.fullmatch(r"-?\d+(/\d+)?", value) else []
    if isinstance(value, dict):
        return [v for k in ("lower", "upper") if isinstance(v := value.get(k), str)]
    if isinstance(value, list):
        return [v for item in value for v in exact_values(item["value"])]
    return []


def test_the_run_covers_every_paper_and_writes_every_part(report):
    out, doc, _ = report
    papers = {r["claim"].split(".")[0] for r in doc["results"]}
    assert {"kh", "ep", "pe"} <= papers
    assert len(doc["results"]) >= 40
    assert (out / "index.md").is_file() and (out / "appendix.tex").is_file()
    assert {p.name for p in (out / "claims").iterdir()} == {f"{r['claim']}.md" for r in doc["results"]}


def test_index_puts_the_findings_before_the_claims(report):
    out, _, _ = report
    text = (out / "index.md").read_text()
    assert text.index("# Summary") < text.index("# Findings") < text.index("# Kumar & Haupt (kh)")
    assert text.index("# Kumar & Haupt (kh)") < text.index("# Ergen & Pilanci (ep)") < text.index(
        "# Pilanci & Ergen (pe)")  # CLAIMS.md order


def test_every_finding_and_every_result_against_a_paper_is_in_the_findings_section(report):
    out, doc, _ = report
    text = (out / "index.md").read_text()
    findings = text[text.index("# Findings"):text.index("# Kumar & Haupt (kh)")]
    counted = 0
    for r in doc["results"]:
        link = f"(claims/{r['claim']}.md#{anchor(r['claim'], r['case'])})"
        for f in r["findings"]:
            assert f"{f['place']}." in findings and f["statement"] in findings
            assert f"{link}: {f['shows'].rstrip('.')}." in findings
            counted += 1
        against = r["verdict"] in ("REFUTED", "CONTRADICTED", "VACUOUS") or any(
            p["status"] == "MISMATCH" for p in r["printed"])
        assert (link in findings) == (against or bool(r["findings"])), r["case"]
    assert counted >= 10
    assert f"{counted} findings at " in findings


def test_exact_values_in_markdown_and_latex_equal_the_json(report):
    out, doc, _ = report
    tex = tex_sections((out / "appendix.tex").read_text())
    checked = 0
    for r in doc["results"]:
        key = anchor(r["claim"], r["case"])
        md = sections((out / claim_file(r["claim"])).read_text())[key]
        values = exact_values(r["value"]) + [p["exact"] for p in r["printed"] if re.fullmatch(r"-?\d+(/\d+)?",
                                                                                               p["exact"])]
        for v in values:
            assert exact_text(v) in md, (key, v)
            assert exact_tex(v) in tex[key], (key, v)
            checked += 1
    assert checked >= 40


def test_a_value_reads_exactly_with_its_decimal(report):
    out, doc, _ = report
    r = next(r for r in doc["results"] if r["claim"] == "ep.prop-3.1")
    md = sections((out / claim_file(r["claim"])).read_text())[anchor(r["claim"], r["case"])]
    assert "#### Optimal value" in md and exact_text(r["value"]) in md


def test_every_certificate_link_resolves_relative_to_the_report_and_rechecks(report, tmp_path):
    out, _, _ = report
    moved = tmp_path / "moved"
    shutil.copytree(out, moved)  # the report folder is self-contained: links still resolve after a move
    links = 0
    for md in [moved / "index.md", *(moved / "claims").iterdir()]:
        for target in re.findall(r"\]\(([^)#]+\.json)\)", md.read_text()):
            path = (md.parent / target).resolve()
            assert path.is_file(), (md.name, target)
            rep = check_file(str(path))
            assert rep.ok or "/audits/" in str(path), (target, rep.problems)
            links += 1
    assert links >= 100


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_every_1d_result_has_its_plot_with_the_data_and_its_functions(report):
    out, doc, _ = report
    one_d = [r for r in doc["results"] if "x" in r["about"]["case"]]
    assert len(one_d) >= 15
    for r in one_d:
        md = sections((out / claim_file(r["claim"])).read_text())[anchor(r["claim"], r["case"])]
        pngs = re.findall(r"!\[(?:\\.|[^\]])*\]\(\.\./(plots/[^)]+\.png)\)", md)
        assert pngs, r["case"]
        assert all(_png_size(out / p)[0] > 300 for p in pngs)
    kh = next(r for r in one_d if r["claim"] == "kh.example-1")
    labels = [f["label"] for f in kh["figures"][0]["functions"]]
    assert any("pieces" in label for label in labels) and any("(9) optimum" in label for label in labels)


def test_report_from_the_json_reproduces_the_same_markdown(report, tmp_path, capsys):
    out, _, results = report
    again = tmp_path / "again"
    assert main(["report", "--from", str(results), "--out", str(again), "--no-pdf"]) == 0
    assert (again / "index.md").read_text() == (out / "index.md").read_text()
    for md in (out / "claims").iterdir():
        assert (again / "claims" / md.name).read_text() == md.read_text()
    assert (again / "appendix.tex").read_text() == (out / "appendix.tex").read_text()
    assert sorted(p.name for p in (again / "plots").iterdir()) == sorted(p.name for p in (out / "plots").iterdir())


def test_report_from_a_bad_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "r.json"
    bad.write_text('{"version": 2, "results": []}')
    assert main(["report", "--from", str(bad), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "field version: expected 3" in err and str(bad) in err
    assert not (tmp_path / "o" / "index.md").exists()
    bad.write_text("{")
    assert main(["report", "--from", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_every_lp_certificate_has_its_vipr_export_linked(report):
    out, doc, _ = report
    lp = [c for r in doc["results"] for c in r["checked"] if c["ok"] and c["kind"] in EXPORTS]
    assert {"lp", "relu1d-l1-interpolation", "pattern-program-1d"} <= {c["kind"] for c in lp}
    for c in lp:
        text = (out / "vipr" / (Path(c["path"]).stem + ".vipr")).read_text()
        assert text.startswith("%") and "\nVER 1.0\n" in text
        assert f"(../vipr/{Path(c['path']).stem}.vipr)" in (out / claim_file(
            next(r["claim"] for r in doc["results"] if c in r["checked"]))).read_text()


def test_the_appendix_compiles_when_pdflatex_is_installed(report):
    out, _, _ = report
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed (apt-get install texlive-latex-base texlive-latex-recommended): "
                    "appendix.tex is written, the PDF is not")
    pdf = out / "appendix.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf.stat().st_size > 50_000
