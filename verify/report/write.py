"""Write a report folder from a results document (the results JSON, or the same made in memory).

Layout (links are relative, so the folder can be moved with its certificates):

- ``index.md``: the run, the summary per paper, the findings, the claims (:mod:`verify.report.index`);
- ``claims/<claim>.md``: every (claim, case) section of the claim (:mod:`verify.report.sections`);
- ``plots/*.png``: the figures the checks recorded (and the data of every 1-D result), drawn by
  :mod:`verify.report.plots`;
- ``vipr/*.vipr``: the VIPR 1.0 form of every LP certificate (:mod:`verify.report.vipr`);
- ``appendix.tex`` (and ``appendix.pdf`` where pdflatex exists): all of it as one LaTeX document.

The folder is staged and published like a run's outputs (:func:`verify.run.publish`): an interrupted
report leaves the previous one whole.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..files import write_atomic
from .document import Block, Heading
from .figures import arrangement_figure, functions_figure
from .index import by_paper, front
from .markdown import render_markdown
from .sections import Evidence, Where, claim_file, local, section

TITLE = "relu-certify: certificate appendix"
OWNED = ("claims", "plots", "vipr")  # published by a report; a run publishes these with its certificates
#: papers whose 2-D instances get a picture of their hyperplane arrangement
ARRANGEMENT_PAPERS = ("pe", "ddb")
MAX_ARRANGEMENT_ROWS = 12
MAX_DUAL = 64  # entries of a certificate's dual vector shown in its section
PARALLEL_FROM = 24  # figures: below this a process pool costs more than it saves


@dataclass(frozen=True)
class ReportFiles:
    """What a report wrote: the index, the claim files, plots, VIPR exports, the .tex and the PDF (or why
    not)."""

    index: Path
    claims: tuple[Path, ...]
    plots: tuple[Path, ...]
    vipr: tuple[Path, ...]
    tex: Path
    pdf: Path | None
    pdf_note: str
    copied: tuple[str, ...] = ()  # folders of certificates copied in from elsewhere (published with the report)

    def summary(self) -> str:
        """One line for the terminal: where the index is, what was written, the PDF or why there is none."""
        why = (self.pdf_note.strip().splitlines() or ["pdflatex failed"])[-1]
        return (f"report: {self.index} ({len(self.claims)} claim files, {len(self.plots)} plots, {len(self.vipr)} "
                f"VIPR files), {self.tex}" + (f", {self.pdf}" if self.pdf else f" (no PDF: {why})"))


def figures_of(r: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures a result's section shows: those its check recorded, the data of a 1-D case that recorded
    no function, and the arrangement of a small 2-D instance of pe or ddb."""
    figs = list(r["figures"])
    case = r["about"].get("case", {})
    if "x" in case and "y" in case and not any(f["kind"] == "functions-1d" for f in figs):
        figs.append(functions_figure(case["x"], case["y"], [], f"{r['claim']}: the data of {r['case']} (the "
                                     "check computes no single optimal function)"))
    X = case.get("X")
    paper = r["claim"].split(".")[0]
    if X and paper in ARRANGEMENT_PAPERS and len(X) <= MAX_ARRANGEMENT_ROWS and len(X[0]) in (1, 2):
        lifted = paper == "ddb" or str(case.get("params", {}).get("bias", "")) == "1"
        rows = [[*row, "1"] for row in X] if lifted else X
        if len(rows[0]) in (2, 3):
            figs.append(arrangement_figure(rows, f"{r['claim']} on {r['case']}: the arrangement of the "
                                           + ("lifted rows (x_i, 1)" if lifted else "rows x_i")))
    return figs


def _draw(job: tuple[dict[str, Any], Path]) -> None:
    from .plots import draw  # matplotlib only when a report is drawn

    draw(*job)


def _plots(results: list[dict[str, Any]], stage: Path, jobs: int) -> dict[int, list[tuple[str, str]]]:
    """Draw every figure (each distinct one once, on ``jobs`` processes); per result its (path, caption)."""
    from .plots import caption

    out: dict[int, list[tuple[str, str]]] = {}
    files: dict[str, str] = {}  # one file per distinct figure: several claims share a case and its picture
    (stage / "plots").mkdir(parents=True, exist_ok=True)
    for i, r in enumerate(results):
        for spec in figures_of(r):
            key = json.dumps(spec, sort_keys=True)
            tag = hashlib.sha256(key.encode()).hexdigest()[:12]
            name = files.setdefault(key, f"plots/{r['case'].replace('/', '_')}@{tag}.png")
            out.setdefault(i, []).append((name, caption(spec)))
    todo = [(json.loads(key), stage / name) for key, name in files.items()]
    if jobs > 1 and len(todo) > PARALLEL_FROM:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:  # see execute
            list(pool.map(_draw, todo, chunksize=8))
    else:
        for job in todo:
            _draw(job)
    return out


def _copy_certificates(results: list[dict[str, Any]], root: Path, stage: Path, find: Callable[[str], Path]
                       ) -> tuple[str, ...]:
    """Stage a copy of every certificate the results name that lies outside ``root`` (a run with another
    ``--out``, a report rendered elsewhere), so that the report's links stay inside it; the folders staged."""
    paths = {c["path"] for r in results for c in r["checked"]} | {
        p for r in results for f in r["findings"] for p in f["certificates"]}
    staged = set()
    for path in sorted(paths):
        if Path(path).resolve() != (root / local(path)).resolve():  # published elsewhere than in the report
            (stage / local(path)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(find(path), stage / local(path))
            staged.add(local(path).split("/")[0])
    return tuple(sorted(staged))


def _evidence(results: list[dict[str, Any]], stage: Path, find: Callable[[str], Path]) -> dict[str, Evidence]:
    """Per accepted certificate: its VIPR export (written into ``stage``) and its dual vector, read from the file."""
    from .vipr import vipr_of

    out: dict[str, Evidence] = {}
    for r in results:
        for c in r["checked"]:
            if not c["ok"] or c["path"] in out:
                continue
            path = find(c["path"])
            cert = json.loads(path.read_text())
            export, name = vipr_of(cert), None
            if export is not None:
                name = f"vipr/{path.stem}.vipr"
                write_atomic(stage / name, export.text)
            v = cert.get("dual", {}).get("v") if isinstance(cert.get("dual"), dict) else None
            dual = tuple(v) if isinstance(v, list) and 0 < len(v) <= MAX_DUAL and all(isinstance(t, str) for t in v) \
                else None
            out[c["path"]] = Evidence(name, dual)
    return out


def documents(doc: dict[str, Any], plots: dict[int, list[tuple[str, str]]], evidence: dict[str, Evidence]
              ) -> tuple[str, dict[str, str], list[Block]]:
    """(index.md, {claim file: its Markdown}, the blocks of the single LaTeX document)."""
    results = doc["results"]
    index = render_markdown(front(doc, Where("", False)), TITLE)
    files: dict[str, str] = {}
    single: list[Block] = list(front(doc, Where("", True)))
    position = {id(r): i for i, r in enumerate(results)}
    for claims in by_paper(results).values():
        for claim, rs in claims.items():
            body: list[Block] = []
            for r in rs:
                shots = plots.get(position[id(r)], [])
                body += section(r, Where("../", False), shots, evidence)
                single += section(r, Where("", True), shots, evidence)
            head = Heading(1, (claim,), "")
            files[claim_file(claim)] = render_markdown([head, *body])
    return index, files, single


def render(doc: dict[str, Any], stage: Path, root: Path, find: Callable[[str], Path], pdf: bool = True,
           jobs: int | None = None) -> ReportFiles:
    """Write the report of ``doc`` into ``stage``, to be published as ``root``; ``find(path)`` is where a
    certificate the results name can be read now. Returns the files as they will be named in ``root``; the
    folders to publish are :data:`OWNED` and those of ``ReportFiles.copied``."""
    from .latex import compile_pdf, render_latex

    results = doc["results"]
    copied = _copy_certificates(results, root, stage, find)
    plots = _plots(results, stage, jobs or os.cpu_count() or 1)
    evidence = _evidence(results, stage, find)
    index, files, single = documents(doc, plots, evidence)
    write_atomic(stage / "index.md", index)
    for name, text in files.items():
        write_atomic(stage / name, text)
    tex = write_atomic(stage / "appendix.tex", render_latex(single, TITLE))
    made = compile_pdf(tex) if pdf else None
    note = "not asked for" if made is None else made.skipped or ("" if made.pdf else made.log_tail)
    produced = made is not None and made.pdf is not None
    return ReportFiles(root / "index.md", tuple(sorted(root / n for n in files)),
                       tuple(sorted({root / n for shots in plots.values() for n, _ in shots})),
                       tuple(sorted(root / e.vipr for e in evidence.values() if e.vipr)), root / "appendix.tex",
                       root / "appendix.pdf" if produced else None, note, copied)


def write_report(doc: dict[str, Any], report_dir: Path, base: Path = Path("."), pdf: bool = True,
                 jobs: int | None = None) -> ReportFiles:
    """Write the report of ``doc`` (``{"run": header, "results": [...]}``) into ``report_dir``, staged and
    published; relative paths in ``doc`` start from ``base``. ``pdf``: compile ``appendix.tex`` when pdflatex
    exists; ``jobs``: processes that draw the plots (default: one per core)."""
    from ..run import publish, staged

    with staged(report_dir) as stage:
        files = render(doc, stage, report_dir, lambda p: Path(p) if Path(p).is_absolute() else base / p, pdf, jobs)
        publish(stage, report_dir, OWNED + files.copied)
    return files
