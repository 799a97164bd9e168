"""The findings of a run at a glance: what the computation shows wrong in each paper, grouped by paper.

One group per (paper, place in the paper): the first line says where and what (the first case's
``shows``, shortened) and on how many cases; the second names the checked evidence (the first case's
certificate, and how many more). Papers come in the order of ``CLAIMS.md``.

>>> from verify.result import CheckResult, Finding, PROVED
>>> f = Finding("ep", "(37)", "(37) = (4)", "(37) = 3 > P* = 2", ("reports/certificates/a.json",))
>>> r, r2 = (CheckResult("ep.thm-3.3", c, PROVED, "exact", (), findings=(f,)) for c in ("c1", "c2"))
>>> print("\\n".join(findings_block([r, r2])))
Findings (1 place in 1 paper, 2 results):
<BLANKLINE>
Ergen & Pilanci (ep)
  (37): (37) = 3 > P* = 2 [ep.thm-3.3 on 2 cases: c1, c2]
      evidence: reports/certificates/a.json
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .result import CheckResult, Finding

#: Papers in the order of CLAIMS.md, with their authors (the seeds' first authors).
PAPERS = {"kh": "Kumar & Haupt", "ep": "Ergen & Pilanci", "pe": "Pilanci & Ergen", "ddb": "de Dios & Bruna",
          "ses": "Savarese, Evron, Soudry & Srebro", "cross": "Across the papers"}

SHOWS_CHARS = 220
CASES_SHOWN = 3


@dataclass
class _Group:
    first: Finding
    claims: set[str] = field(default_factory=set)
    cases: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 4].rstrip() + " ..."


def _groups(results: list[CheckResult]) -> dict[tuple[str, str], _Group]:
    groups: dict[tuple[str, str], _Group] = {}
    for r in results:
        for f in r.findings:
            g = groups.setdefault((f.paper, f.place), _Group(f))
            g.claims.add(r.claim)
            if r.case not in g.cases:
                g.cases.append(r.case)
            g.evidence += [c for c in f.certificates if c not in g.evidence]
    return groups


def findings_block(results: list[CheckResult]) -> list[str]:
    """The lines of the findings block (empty when the run found nothing)."""
    groups = _groups(results)
    if not groups:
        return []
    papers = sorted({p for p, _ in groups}, key=lambda p: (list(PAPERS).index(p) if p in PAPERS else len(PAPERS), p))
    count = sum(1 for r in results if r.findings)
    lines = [f"Findings ({len(groups)} place{'s' * (len(groups) != 1)} in {len(papers)} paper"
             f"{'s' * (len(papers) != 1)}, {count} result{'s' * (count != 1)}):"]
    for paper in papers:
        lines += ["", f"{PAPERS.get(paper, paper)} ({paper})"]
        for (p, place), g in groups.items():
            if p != paper:
                continue
            shown = ", ".join(g.cases[:CASES_SHOWN]) + (", ..." if len(g.cases) > CASES_SHOWN else "")
            n = len(g.cases)
            lines.append(f"  {place}: {_short(g.first.shows, SHOWS_CHARS)} "
                         f"[{', '.join(sorted(g.claims))} on {n} case{'s' * (n != 1)}: {shown}]")
            if g.evidence:
                more = f" (+{len(g.evidence) - 1} more)" if len(g.evidence) > 1 else ""
                lines.append(f"      evidence: {g.evidence[0]}{more}")
            else:
                lines.append("      evidence: no certificate kind states it (a measurement, or an exact witness "
                             "given in the finding and the result's notes)")
    return lines
