"""Appendix-style Markdown reports, one file per (claim, case).

Each section gives the convention, the data, the optimum, the solution, the
dual certificate, the certificate files and their checker verdicts, notes,
and every printed number of the paper with MATCH/MISMATCH.
"""

from __future__ import annotations

from pathlib import Path

from .context import file_name
from .files import write_atomic
from .result import CheckResult, render_conventions


def _short(value, limit: int = 400) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + " ..."


def render(res: CheckResult) -> str:
    d = res.data
    lines = [f"# {res.claim} on `{res.case}`", "",
             f"- **verdict**: {res.verdict} (expected {res.expected or 'any'})",
             f"- **method**: {res.method}", f"- **convention**: {render_conventions(res.convention)}",
             f"- **optimal value**: {res.value_text}", f"- **time**: {res.seconds:.3f} s", ""]
    if isinstance(d.get("network"), list) and "dual" in d:  # a 1-D network and its dual (interpolation claims)
        lines += ["## Data", "", f"x = {d.get('x')}", "", f"y = {d.get('y')}", "",
                  "## Solution", ""]
        for atom in d["network"]:
            lines.append(f"- weight {atom['weight']} on s(u = {atom['u']}: x - {atom['knot']})")
        lines += [f"- constant {d.get('constant')}", "", "## Dual certificate", "", f"v = {d.get('dual')}", ""]
    elif d:
        lines += ["## Data and solution", ""] + [f"- {k}: {_short(v)}" for k, v in d.items()] + [""]
    lines += ["## Certificates (re-checked by the independent checker)", ""]
    lines += [f"- `{c}`" for c in res.certificates] + ["", "## Checks and notes", ""]
    lines += [f"- {n}" for n in res.notes]
    if res.findings:
        lines += ["", "## Findings", ""]
        lines += [f"- **{f.paper} {f.place}** ({f.statement}): {f.shows}" for f in res.findings]
    if res.printed:
        lines += ["", "## Printed numbers", "", "| what | printed | exact | status |", "|---|---|---|---|"]
        lines += [f"| {p.what} | {p.printed} | {p.exact} | {p.status} |" for p in res.printed]
    return "\n".join(lines) + "\n"


def write_reports(results: list[CheckResult], out_dir: Path) -> Path:
    """One Markdown file per result and an ``index.md`` linking them, in ``out_dir`` (atomically each);
    returns the index's path."""
    index = ["# relu-certify report", "", "| claim | case | verdict | value |", "|---|---|---|---|"]
    for res in results:
        name = file_name(res.claim, res.case, "", ".md")
        write_atomic(out_dir / name, render(res))
        index.append(f"| {res.claim} | [{res.case}]({name}) | {res.verdict} | {res.value_text} |")
    return write_atomic(out_dir / "index.md", "\n".join(index) + "\n")
