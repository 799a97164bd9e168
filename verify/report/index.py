"""The front of a report: the run, a summary per paper, the findings, then the claims in CLAIMS.md order.

Findings come first, as a reader of a paper wants them: every finding object (grouped by the place in the
paper, with the statement as printed, what the computation shows per case, and the certificates), then
every result whose verdict goes against the paper (REFUTED, CONTRADICTED, VACUOUS) or that has a printed
number that does not match.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..findings import PAPERS
from ..registry import claim_order
from .document import Block, Bullets, Code, Heading, Inlines, Link, Paragraph, Strong, Table, Verbatim
from .sections import Where, anchor, links
from .values import value_inlines

AGAINST = ("REFUTED", "CONTRADICTED", "VACUOUS")
VERDICTS = ("PROVED", "REFUTED", "CONFIRMED", "CONTRADICTED", "MEASURED", "VACUOUS", "UNDECIDED", "ERROR", "TIMEOUT")


def by_paper(results: list[dict[str, Any]]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """paper -> claim -> its results, papers and claims in the order of CLAIMS.md."""
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for r in sorted(results, key=lambda r: claim_order(r["claim"])):
        out.setdefault(r["claim"].split(".")[0], {}).setdefault(r["claim"], []).append(r)
    return out


def _run_block(run: dict[str, Any], results: list[dict[str, Any]]) -> list[Block]:
    packages = ", ".join(f"{k} {v}" for k, v in sorted((run.get("packages") or {}).items()) if v)
    seeds = run.get("seeds") or {}
    items: list[Inlines] = [
        (Strong("Tool"), f": relu-certify {run.get('version')}, commit ", Code(str(run.get("commit")))),
        (Strong("Python"), f": {run.get('python')}; ", Strong("packages"), f": {packages}"),
        (Strong("Solver settings"), ": " + "; ".join(f"{k}: {v}" for k, v in (run.get("solvers") or {}).items())),
        (Strong("Seeds"), f": {len(seeds)} seeded cases (" + ", ".join(f"{k} = {v}" for k, v in
                                                                       list(seeds.items())[:12])
         + (", ..." if len(seeds) > 12 else "") + "); every section names its case's seed"),
        (Strong("Wall time"), f": {sum(r['seconds'] for r in results):.1f} s over {len(results)} checks (each "
                              "section and claim table gives its own)"),
    ]
    return [Heading(1, ("The run",), "the-run"), Bullets(tuple(items)),
            Paragraph(("The command:",)), Verbatim(" ".join(run.get("command") or ["python -m verify"]))]


def _summary(papers: dict[str, dict[str, list[dict[str, Any]]]]) -> list[Block]:
    blocks: list[Block] = [Heading(1, ("Summary",), "summary")]
    for paper, claims in papers.items():
        used = [v for v in VERDICTS if any(r["verdict"] == v for rs in claims.values() for r in rs)]
        rows = []
        for claim, rs in claims.items():
            count = Counter(r["verdict"] for r in rs)
            rows.append(((claim,), *((str(count.get(v, "")),) for v in used)))
        blocks += [Paragraph((Strong(f"{PAPERS.get(paper, paper)} ({paper})"),)),
                   Table(("claim", *used), tuple(rows))]
    return blocks


def _finding_groups(results: list[dict[str, Any]], where: Where) -> list[Block]:
    groups: dict[tuple[str, str], list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for r in sorted(results, key=lambda r: claim_order(r["claim"])):
        for f in r["findings"]:
            groups.setdefault((f["paper"], f["place"]), []).append((r, f))
    blocks: list[Block] = [Heading(2, ("Finding objects",), "finding-objects"),
                           Paragraph((f"{sum(map(len, groups.values()))} findings at {len(groups)} "
                                       f"place{'s' * (len(groups) != 1)} in the papers.",))]
    for (paper, place), items in sorted(groups.items(), key=lambda kv: list(PAPERS).index(kv[0][0])
                                        if kv[0][0] in PAPERS else len(PAPERS)):
        first = items[0][1]
        bullets: list[Inlines] = []
        for r, f in items:
            evidence = links(f["certificates"], where)
            bullets.append((Link(f"{r['claim']} on {r['case']}", where.section(r["claim"], r["case"])), ": ",
                            f["shows"].rstrip(".") + ".", *((" Evidence: ", *evidence) if evidence else
                                          (" Evidence: the exact computation in the section's notes (no "
                                           "certificate kind states it).",))))
        blocks += [Paragraph((Strong(f"{PAPERS.get(paper, paper)} ({paper}), {place}."),
                              f" As printed: {first['statement']}")), Bullets(tuple(bullets))]
    return blocks


def _against(results: list[dict[str, Any]], where: Where) -> list[Block]:
    rows = []
    for r in sorted(results, key=lambda r: claim_order(r["claim"])):
        mismatch = [p for p in r["printed"] if p["status"] == "MISMATCH"]
        if r["verdict"] not in AGAINST and not mismatch:
            continue
        what = r["verdict"] if r["verdict"] in AGAINST else "printed numbers"
        why = r["findings"][0]["shows"] if r["findings"] else (r["notes"][0] if r["notes"] else "")
        shows: Inlines = (why.rstrip(".") + ".",) if why else ()
        if r["value"] is not None:
            shows += (" Value: ", *value_inlines(r["value"]), ".")
        shows += tuple(f" {p['what']}: printed {p['printed']}, exact {p['exact']}." for p in mismatch)
        cert = links([r["checked"][0]["path"]], where) if r["checked"] else ("(in the notes)",)
        rows.append(((Link(f"{r['claim']} on {r['case']}", where.section(r["claim"], r["case"])),), (what,),
                     (r["about"].get("location", ""),), (r["about"].get("summary", ""),),
                     shows, cert))
    return [Heading(2, ("Results against the papers",), "results-against"),
            Paragraph((f"{len(rows)} results are REFUTED, CONTRADICTED or VACUOUS, or have a printed number that "
                       "does not match.",)),
            *([Table(("result", "what", "place in the paper", "statement", "the computation shows", "certificate"),
                     tuple(rows))] if rows else [])]


def _claims(papers: dict[str, dict[str, list[dict[str, Any]]]], where: Where) -> list[Block]:
    blocks: list[Block] = []
    for paper, claims in papers.items():
        blocks.append(Heading(1, (f"{PAPERS.get(paper, paper)} ({paper})",), f"paper-{paper}"))
        for claim, rs in claims.items():
            about = rs[0]["about"]
            rows = tuple(((Link(r["case"], where.section(claim, r["case"])),), (r["verdict"],),
                          value_inlines(r["value"]), (f"{r['seconds']:.2f} s",)) for r in rs)
            blocks += [Heading(2, (claim,), anchor(claim, "claim")),
                       Paragraph((Strong(about.get("location", "")), f": {about.get('summary', '')}",
                                  f" ({about.get('claim_method', '')}; {len(rs)} case{'s' * (len(rs) != 1)})")),
                       Table(("case", "verdict", "value", "time"), rows)]
    return blocks


def front(doc: dict[str, Any], where: Where) -> list[Block]:
    """The blocks of ``index.md`` (and the start of the LaTeX appendix)."""
    results = doc["results"]
    papers = by_paper(results)
    return [*_run_block(doc.get("run", {}), results), *_summary(papers),
            Heading(1, ("Findings",), "findings"), *_finding_groups(results, where), *_against(results, where),
            *_claims(papers, where)]
