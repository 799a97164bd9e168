"""One (claim, case) of the results JSON as an appendix section.

The section states what was checked (paper, place, statement, convention), the data, the optimal value
(exact with a decimal, or the certified bracket), the solution (neurons and formula), the dual, the
pictures, every certificate with what the checker proved, the notes, the verdict, the printed-number
ledger, and the commands that re-check it. Everything comes from the results JSON
(:meth:`verify.result.CheckResult.as_json`), so a report re-rendered from the file is the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import PAPERS
from .document import (
    Block,
    Bullets,
    Code,
    Exact,
    Figure,
    Heading,
    Inlines,
    Link,
    Paragraph,
    Strong,
    Table,
    Verbatim,
    decimal,
    exact_or_text,
)
from .solution import formula, neuron_rows, spline_rows
from .values import relation_inlines, value_inlines, vector_inlines

#: rows of a data table shown before "... n rows in all"
DATA_ROWS = 40

MEANING = {
    "PROVED": "the claim holds on this instance; a checked certificate proves it",
    "REFUTED": "the claim fails on this instance; a checked certificate proves the counterexample",
    "CONFIRMED": "a certified bracket agrees with the claim",
    "CONTRADICTED": "a certified bracket excludes the claim",
    "MEASURED": "a statistical claim: measured frequencies, side by side with the paper's bound",
    "VACUOUS": "the claim's hypothesis fails on the data (certified), so it says nothing here",
    "UNDECIDED": "the toolkit could neither prove nor refute the claim here (the notes say why)",
    "ERROR": "the check could not run (the notes give the reason)",
    "TIMEOUT": "the check ran out of time",
}


def anchor(claim: str, case: str) -> str:
    """A stable anchor for (claim, case): lower case, [a-z0-9-] only.

    >>> anchor("ep.thm-3.3", "kh-example-1-alpha=1/10")
    'ep-thm-3-3--kh-example-1-alpha-1-10'
    """
    return re.sub(r"[^a-z0-9]+", "-", claim.lower()).strip("-") + "--" + \
        re.sub(r"[^a-z0-9]+", "-", case.lower()).strip("-")


def local(path: str) -> str:
    """Where a report keeps a certificate of the run, relative to the report folder.

    >>> local("/tmp/out/certificates/ep.thm-3.3@0123__tent.json")
    'certificates/ep.thm-3.3@0123__tent.json'
    """
    return "/".join(Path(path).parts[-2:])


def claim_file(claim: str) -> str:
    """The Markdown file of a claim's sections, relative to the report folder."""
    return f"claims/{claim}.md"


@dataclass(frozen=True)
class Evidence:
    """What a report reads from a certificate file: its VIPR export's path in the report, its dual vector."""

    vipr: str | None
    dual: tuple[str, ...] | None


@dataclass(frozen=True)
class Where:
    """Where the document being built sits: ``prefix`` the way from the document to the report folder ("" or
    "../"), ``single`` one document holding every section (LaTeX)."""

    prefix: str = ""
    single: bool = False

    def file(self, path: str) -> str:
        """A link target for a certificate of the run: the report keeps its copy in its own folder of that name
        (``certificates/``, ``audits/``), so the links do not depend on where the run wrote it."""
        return self.prefix + local(path)

    def section(self, claim: str, case: str) -> str:
        return f"#{anchor(claim, case)}" if self.single else f"{self.prefix}{claim_file(claim)}#{anchor(claim, case)}"


def _data_table(case: dict[str, Any]) -> list[Block]:
    if "x" in case:
        cols, rows = ["i", "x_i"], [[t] for t in case["x"]]
    elif "X" in case:
        d = len(case["X"][0]) if case["X"] else 0
        cols, rows = ["i", *(f"x_i{j + 1}" for j in range(d))], [list(r) for r in case["X"]]
    else:
        return [Paragraph(("The check draws its own instances (the notes give the seeds and counts).",))]
    if "y" in case:
        cols.append("y_i")
        rows = [r + [t] for r, t in zip(rows, case["y"])]
    shown = tuple(((str(i),), *((exact_or_text(str(t)),) for t in r)) for i, r in enumerate(rows[:DATA_ROWS], 1))
    blocks: list[Block] = [Table(tuple(cols), shown)]
    if len(rows) > DATA_ROWS:
        blocks.append(Paragraph((f"... {len(rows)} rows in all (the first {DATA_ROWS} shown; the case file has "
                                 "every row).",)))
    return blocks


def _params(case: dict[str, Any]) -> list[Block]:
    params = case.get("params") or {}
    if not params:
        return []
    return [Bullets(tuple((Code(k), " = ", *(value_inlines(v) if isinstance(v, str) else (str(v),)))
                          for k, v in params.items()))]


def _solution(r: dict[str, Any]) -> list[Block]:
    out: list[Block] = []
    for fig in r["figures"]:
        for f in fig.get("functions", []) if fig["kind"] == "functions-1d" else []:
            out.append(Paragraph((Strong(f["label"]), f" ({f['role']}):",)))
            if "neurons" in f:
                out += [Table(("j", "slope u_j", "breakpoint t_j = -b_j/u_j", "outer weight w_j"),
                              tuple(neuron_rows(f))), Paragraph((formula(f), "  (σ(t) = " + (
                            "max(t, 0))" if f["alpha"] == "0" else f"max(t, {f['alpha']} t))")))]
            else:
                s = f["spline"]
                out += [Table(("k", "knot t_k", "f(t_k)"), tuple(spline_rows(f))),
                        Paragraph(("end slopes f'(-∞) = ", Exact(s["left_slope"]), ", f'(+∞) = ",
                                   Exact(s["right_slope"]), "; linear between the knots"))]
    return out


def _certificates(r: dict[str, Any], where: Where, evidence: dict[str, Evidence]) -> list[Block]:
    if not r["checked"]:
        return [Paragraph(("No certificate: this check's evidence is the measurement or the exact computation in "
                           "its notes.",))]
    rows = []
    for c in r["checked"]:
        name = Path(c["path"]).name
        link: Inlines = (Link(name, where.file(c["path"])),)
        vipr = evidence[c["path"]].vipr if c["path"] in evidence else None
        if vipr:
            link += (" (", Link("VIPR", where.prefix + vipr), ")")
        verdict = "accepted" if c["ok"] else "rejected: " + "; ".join(c["problems"])
        role = " (an audit of printed numbers)" if c["audit"] else ""
        rows.append((link, (Code(c["kind"]),), relation_inlines(c["relation"]), (verdict + role,)))
    return [Table(("certificate", "kind", "the checker proved", "result"), tuple(rows))]


def _printed(r: dict[str, Any]) -> list[Block]:
    if not r["printed"]:
        return []
    rows = tuple(((p["what"],), (p["printed"],), (exact_or_text(p["exact"]),), (decimal(p["exact"]) or "",),
                  (Strong(p["status"]),)) for p in r["printed"])
    return [Heading(4, ("Printed numbers",), ""), Table(("what", "printed", "exact", "decimal", "status"), rows)]


def _findings(r: dict[str, Any], where: Where) -> list[Block]:
    if not r["findings"]:
        return []
    items = tuple((Strong(f"{f['place']}"), f" -- as printed: {f['statement']}. The computation shows: "
                   f"{f['shows'].rstrip('.')}.",
                   *((" Evidence: ", *links(f["certificates"], where)) if f["certificates"] else ()))
                  for f in r["findings"])
    return [Heading(4, ("Findings",), ""), Bullets(items)]


def links(paths: list[str], where: Where) -> Inlines:
    """Links to the report's copies of these certificates, comma-separated."""
    out: list[Any] = []
    for k, p in enumerate(paths):
        out += [", "] if k else []
        out.append(Link(Path(p).name, where.file(p)))
    return tuple(out)


def recheck(r: dict[str, Any]) -> str:
    """The commands that re-check the certificates (from the report folder) and re-run the check."""
    lines = [f"python -m verify check {local(c['path'])}" for c in r["checked"]]
    case = r["about"].get("case", {})
    run = f"python -m verify run {r['claim']}" + (f" --case {case['path']}" if case.get("path") else "")
    return "\n".join([*lines, run if case.get("path") else run + "   # its own cases, this one among them"])


def section(r: dict[str, Any], where: Where, plots: list[tuple[str, str]], evidence: dict[str, Evidence]
            ) -> list[Block]:
    """The blocks of one result; ``plots`` its (PNG path relative to the report folder, caption), ``evidence``
    what the report read from each certificate file."""
    about, case = r["about"], r["about"].get("case", {})
    paper = PAPERS.get(about.get("paper", ""), about.get("paper", ""))
    blocks: list[Block] = [
        Heading(3, (f"{r['claim']} on ", Code(r["case"])), anchor(r["claim"], r["case"])),
        Paragraph((Strong("Statement checked."), f" {paper}, {about.get('location', '')}: {about.get('summary', '')}"
                   + (f" (also settles {', '.join(r['covers'][1:])})" if len(r["covers"]) > 1 else ""),)),
        Paragraph((Strong("Convention."), " " + r["convention_text"] if r["convention_text"] else " none stated",
                   "  ", Strong("Method."), f" {r['method']}.")),
        Heading(4, ("Data",), ""),
        Paragraph((f"Case {r['case']}: {case.get('source', '')}",
                   *((" (", Code(case["path"]), ")") if case.get("path") else ()))),
        *_data_table(case), *_params(case),
        Heading(4, ("Optimal value",), ""), Paragraph(value_inlines(r["value"])),
    ]
    solution = _solution(r)
    if solution:
        blocks += [Heading(4, ("Solution",), ""), *solution]
    duals = [(c["path"], evidence[c["path"]].dual) for c in r["checked"] if c["path"] in evidence
             and evidence[c["path"]].dual and not c["audit"]]
    if duals:
        path, v = duals[0]
        blocks += [Heading(4, ("Dual certificate",), ""),
                   Paragraph(("v = ", *vector_inlines(list(v or ())), " (the dual of ", *links([path], where),
                              ", checked by the independent checker)"))]
    blocks += [Figure(where.prefix + path, caption) for path, caption in plots]
    blocks += [Heading(4, ("Certificates and conditions checked",), ""), *_certificates(r, where, evidence)]
    if r["notes"]:
        blocks.append(Bullets(tuple((n,) for n in r["notes"])))
    expected = f" (recorded expectation: {r['expected']})" if r["expected"] else " (a case of your own: no expectation)"
    blocks += [Heading(4, ("Verdict",), ""),
               Paragraph((Strong(r["verdict"]), f": {MEANING.get(r['verdict'], '')}{expected}; "
                          f"{r['seconds']:.3f} s.")), *_printed(r), *_findings(r, where),
               Heading(4, ("Re-check",), ""), Verbatim(recheck(r))]
    return blocks
