"""Command line: ``python -m verify all | list | describe | run | check | bench``.

Exit codes: 0 all checks ran and every verdict is the recorded expectation;
1 a check errored, a verdict differs from its expectation, or a certificate
was rejected; 2 bad usage or bad input (message names file, field, expectation).
"""

from __future__ import annotations

import argparse
import fnmatch
import glob
import inspect
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Callable

from cases import CaseError, load_case
from cases.render import case_toml
from exact.checker.number import NumberError, integer, rational

from .bench.row import DEFAULT_SIZES as BENCH_SIZES
from .bench.row import MAX_SIZE, MIN_SIZE, Limits
from .distributed import CLUSTERS, MIN_LOCAL_WORKERS, Where, check_scheduler
from .execute import Task, refuse, run_tasks, say
from .findings import PAPERS, findings_block
from .registry import Claim, UsageError, all_claims, check_suitable, claim_ids, get_claim
from .report.sections import local
from .report.write import render, write_report
from .result import ERROR, MISMATCH, TIMEOUT, CheckResult
from .run import (
    check_outputs,
    header,
    load_results,
    publish,
    relocate,
    results_document,
    seeds_of,
    staged,
    write_json,
)
from .solvers import command as solvers_command

DEFAULT_OUT = Path("reports")
MAX_JOBS = 256
MAX_TIMEOUT = 86400
CLAIM_SIZES = (8, 16, 30, 100, 200)  # the table
BENCH_LIMITS = Limits()


def _bounded(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer of the number grammar (no spaces, underscores, non-ASCII digits) in
    [low, high]; anything else is a usage error naming the option."""
    def parse(text: str) -> int:
        try:
            value = integer(text)
        except NumberError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected an integer in [{low}, {high}], got {text!r}")
        return value
    return parse


def _version() -> str:
    try:
        return metadata.version("relu-certify")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def _seconds(text: str) -> float:
    """An argparse type: a positive number of seconds (the number grammar: "30", "2.5")."""
    try:
        value = rational(text)
    except NumberError:
        value = None
    if value is None or not 0 < value <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"expected a number of seconds in (0, {MAX_TIMEOUT}], got {text!r}")
    return float(value)


def _run_options(p: argparse.ArgumentParser) -> None:
    """The options of every command that runs checks."""
    p.add_argument("--json", type=Path, help="write every result (and the run header) to this JSON file")
    p.add_argument("--report", type=Path, help="write Markdown reports here (and the certificates, unless --out)")
    p.add_argument("--no-pdf", action="store_true", help="with --report: write appendix.tex, do not compile it")
    p.add_argument("--out", type=Path, help=f"certificates, audits and plots go to DIR/certificates, DIR/audits, "
                   f"DIR/plots (default: the --report folder, else ./{DEFAULT_OUT})")
    _where_options(p, "checks", "; certificates come back into --out")
    p.add_argument("--timeout", type=_seconds, metavar="S", help="stop a check after S seconds: verdict TIMEOUT")
    p.add_argument("--thorough", action="store_true", help="larger sweeps for the statistical claims")
    p.add_argument("--findings-only", action="store_true", help="print only the findings block and the counts")
    p.add_argument("--debug", action="store_true", help="print an ERROR's traceback, not only its reason")


def _where_options(p: argparse.ArgumentParser, what: str, back: str = "") -> None:
    """Where the tasks of a command run: --jobs, --scheduler, --cluster."""
    p.add_argument("--jobs", type=_bounded(1, MAX_JOBS), default=1, help=f"run {what} on N processes (default 1); "
                   f"with --cluster local: N dask workers (default {MIN_LOCAL_WORKERS})")
    on = p.add_mutually_exclusive_group()
    on.add_argument("--scheduler", metavar="ADDRESS", help=f"run the {what} on the workers of the running "
                    "dask.distributed scheduler at ADDRESS, e.g. tcp://host:8786 (they need relu-certify installed)"
                    + back)
    on.add_argument("--cluster", choices=list(CLUSTERS), help=f"local: run the {what} on a dask LocalCluster of "
                    "--jobs single-threaded worker processes started for this run")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m verify", description="Exact audits of shallow-ReLU convexity claims.")
    p.add_argument("--version", action="version", version=f"relu-certify {_version()}")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("all", help="check every claim on its default cases")
    a.add_argument("--paper", action="append", choices=list(PAPERS),
                   help="only the claims of this paper (repeatable)")
    a.add_argument("--claim", action="append", metavar="PATTERN",
                   help="only the claims whose id matches this pattern, e.g. 'kh.*' (repeatable)")
    a.add_argument("--paper-instances", action="store_true",
                   help="only the instances the papers print themselves (the cases whose source is a paper)")
    _run_options(a)
    sub.add_parser("list", help="every claim id with its paper location and parameters")
    d = sub.add_parser("describe", help="a claim's statement, convention, data, parameters and an example case")
    d.add_argument("claim")
    r = sub.add_parser("run", help="check one claim (on its own cases, or on case files)")
    r.add_argument("claim")
    r.add_argument("--case", action="append", metavar="FILE", help="a case file (TOML), or a glob such as "
                   "'my/*.toml' (repeatable)")
    _run_options(r)
    c = sub.add_parser("check", help="re-check certificate files with the independent checker")
    c.add_argument("certificates", nargs="+")
    b = sub.add_parser("bench", help="timing table of the exact 1-D l1 certificate (--claims: of every 1-D claim)")
    b.add_argument("--claims", nargs="*", metavar="CLAIM", help="time every claim that takes 1-D data (or these) on "
                   f"seeded data of each --size (default sizes {' '.join(map(str, CLAIM_SIZES))}), one process each")
    b.add_argument("--timeout", type=_seconds, default=120.0, metavar="S", help="with --claims: per (claim, n)")
    b.add_argument("--arrangements", action="store_true", help="the exact central arrangement (pe): faces, "
                   "regions, D_i and the certificate check at (n, d) = (10, 2), (20, 2), (40, 3+bias), (100, 2)")
    b.add_argument("--cone-program", action="store_true", help="pe (8) over every region, bracketed exactly "
                   "(column generation, pricing, certificate check) at the --arrangements sizes")
    b.add_argument("--sizes", type=_bounded(MIN_SIZE, MAX_SIZE), nargs="+", help="the sizes n (default "
                   f"{' '.join(map(str, BENCH_SIZES))}, with --claims {' '.join(map(str, CLAIM_SIZES))}; the full "
                   "1-D table: 1600 6400 25600 100000 1000000)")
    b.add_argument("--lp-limit", type=_bounded(0, MAX_SIZE), default=BENCH_LIMITS.lp,
                   help="largest n of the LP route columns (highs, exact, ratio, total, other, warm, checker)")
    b.add_argument("--dense-limit", type=_bounded(0, MAX_SIZE), default=BENCH_LIMITS.dense,
                   help="largest n of highs-dense / agree (the naive dense n x 4n formulation)")
    b.add_argument("--naive-limit", type=_bounded(0, MAX_SIZE), default=BENCH_LIMITS.naive,
                   help="largest n of the naive Fraction elimination")
    b.add_argument("--qsopt-limit", type=_bounded(0, MAX_SIZE), default=BENCH_LIMITS.qsopt,
                   help="largest n of QSopt_ex on the dense LP")
    b.add_argument("--qsopt-kink-limit", type=_bounded(0, MAX_SIZE), default=BENCH_LIMITS.qsopt_kink,
                   help="largest n of QSopt_ex on the kink LP (qsopt-kink, x-qs)")
    rp = sub.add_parser("report", help="render the report of a results JSON again (no solving)")
    rp.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE",
                    help="a results file written by --json")
    rp.add_argument("--out", type=Path, required=True, metavar="DIR", help="the report folder")
    rp.add_argument("--no-pdf", action="store_true", help="write appendix.tex but do not compile it")
    sv = sub.add_parser("solvers", help="every numerical solver on every problem with an exact answer: errors, "
                        "violations, gaps, times, PASS/FAIL, and the solvers that claim optimality wrongly")
    solvers_command.configure(sv)
    _where_options(sv, "solves")
    return p


def _line(res: CheckResult, debug: bool = False) -> str:
    """One line per check; an ERROR adds its reason (the first note: the exception), and with ``debug`` the
    traceback (the further notes)."""
    flag = "" if res.as_expected or res.expected is None else f"   <-- expected {res.expected}"
    mism = sum(p.status is MISMATCH for p in res.printed)
    printed = f" printed {len(res.printed) - mism} MATCH / {mism} MISMATCH" if res.printed else ""
    reason = ""
    if res.verdict in (ERROR, TIMEOUT) and res.notes:
        reason = "\n    reason: " + ("\n    ".join(res.notes) if debug else res.notes[0])
    return (f"{res.verdict!s:<12} {res.claim:<16} {res.case:<22} value={res.value_text}{printed} "
            f"({res.seconds:.2f}s){flag}{reason}")


def _run(tasks: list[Task], out: Path, args: argparse.Namespace) -> tuple[list[CheckResult], dict]:
    """Run the checks into a staging folder of ``out``, write the report there when it goes to ``out`` too, then
    publish it (:mod:`verify.run`); the results (naming the published paths) and the results document."""
    def show(res: CheckResult) -> None:
        if not args.findings_only:
            say(_line(res, args.debug))
    same = args.report is not None and args.report.resolve() == out.resolve()
    with staged(out) as stage:
        results = relocate(run_tasks(tasks, stage, _where(args), args.thorough, args.timeout, show), stage, out)
        doc = results_document(results, header(sys.argv, seeds_of([t.case for t in tasks])))
        files = render(doc, stage, out, lambda p: stage / local(p), not args.no_pdf) if same else None
        publish(stage, out)  # every folder of the run's, the report's among them
    if args.report is not None and files is None:
        files = write_report(doc, args.report, Path.cwd(), pdf=not args.no_pdf)
    if files is not None:
        print(files.summary())
    return results, doc


def _where(args: argparse.Namespace) -> Where:
    return Where(args.jobs, args.scheduler, args.cluster)


def _finish(results: list[CheckResult], doc: dict, args: argparse.Namespace) -> int:
    if args.json:
        write_json(args.json, doc)
    block = findings_block(results)
    if block:
        print("\n" + "\n".join(block) + "\n")
    bad = [r for r in results if not r.as_expected]
    counts: dict[str, int] = {}
    for r in results:
        counts[str(r.verdict)] = counts.get(str(r.verdict), 0) + 1
    recorded = any(r.expected is not None for r in results)
    tail = (f"; {len(bad)} not as expected" if bad else "; all as expected" if recorded
            else "; no recorded expectations (a case of your own: the verdicts are the results)")
    print(f"{len(results)} checks: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) + tail)
    return 1 if bad else 0


def _list() -> int:
    for cid, cl in claim_ids().items():
        via = "" if cid == cl.id else f" (checked by {cl.id})"
        print(f"{cid:<16} {cl.method:<6} {cl.paper}: {cl.location} -- {cl.summary}{via}")
        if cid == cl.id and cl.needs.parameters:
            print("    parameters: " + "; ".join(p.describe() for p in cl.needs.parameters))
    return 0


def _describe(claim_id: str) -> int:
    cl = get_claim(claim_id)
    needs = cl.needs
    cases = cl.default_cases()
    print(f"{cl.id}: {PAPERS.get(cl.paper, cl.paper)} ({cl.paper}), {cl.location}")
    if cl.covers:
        print(f"also settles: {', '.join(cl.covers)}")
    print(f"statement: {cl.summary}")
    print(f"method: {cl.method}")
    print(f"data: {needs.data.value}; labels: {needs.labels.value}")
    if needs.printed:
        print(f"reads the paper's printed numbers: [printed] {', '.join(needs.printed)}")
    print("parameters:" + ("".join(f"\n  {p.describe()}" for p in needs.parameters) if needs.parameters else " none"))
    print(f"its own cases: {len(cases)}, recorded verdict {cl.expect} unless a case records another")
    print("\nhow it is checked (convention and method):\n  " + "\n  ".join(
        inspect.cleandoc(cl.check.__doc__ or "(no description)").splitlines()))
    if cases:
        where = f" ({cases[0].path})" if cases[0].path else " (generated)"
        print(f"\nexample case{where}:\n  " + "\n  ".join(case_toml(cases[0]).splitlines()))
    print(f"\nrun it on a case file: python -m verify run {cl.id} --case my.toml")
    return 0


def _case_files(patterns: list[str]) -> list[Path]:
    """The files of the ``--case`` arguments, globs expanded (sorted); a pattern matching nothing is an error."""
    files: list[Path] = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        if not matches:
            raise UsageError(f"--case {pattern}: expected a case file or a glob matching one, matched nothing")
        files += [Path(m) for m in matches if Path(m) not in files]
    return files


def _selected(papers: list[str] | None, patterns: list[str] | None) -> list[Claim]:
    claims = [cl for cl in all_claims().values() if not papers or cl.paper in papers]
    if patterns:
        claims = [cl for cl in claims if any(fnmatch.fnmatchcase(cid, pat) for pat in patterns
                                             for cid in (cl.id, *cl.covers))]
        if not claims:
            raise UsageError(f"--claim {' '.join(patterns)}: expected a pattern matching a claim id, matched none "
                             "(`python -m verify list` shows the ids)")
    return claims


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "list":
            return _list()
        if args.command == "describe":
            return _describe(args.claim)
        if args.command == "check":
            from exact.checker import check_file
            rejected = 0
            for path in args.certificates:
                rep = check_file(path)
                if rep.ok:
                    what = rep.relation if rep.relation is not None else f"value {rep.value}"
                    print(f"ACCEPTED {path}: {rep.kind}, {what}")
                else:
                    rejected += 1
                    print(f"REJECTED {path}: " + "; ".join(rep.problems))
            print(f"{len(args.certificates) - rejected} accepted, {rejected} rejected")
            return 1 if rejected else 0
        if args.command == "bench":
            if args.arrangements:
                from .bench.arrangements import print_table as arrangements_table
                arrangements_table()
                return 0
            if args.cone_program:
                from .bench.cone_program import print_table as cone_table
                cone_table()
                return 0
            if args.claims is not None:
                from .bench.claims import print_table
                for cid in args.claims:
                    get_claim(cid)
                print_table(args.sizes or list(CLAIM_SIZES), args.claims or None, args.timeout)
                return 0
            from .bench import run_bench
            run_bench(args.sizes or list(BENCH_SIZES), args.naive_limit, args.qsopt_limit, lp_limit=args.lp_limit,
                      dense_limit=args.dense_limit, qsopt_kink_limit=args.qsopt_kink_limit)
            return 0
        if args.command == "report":
            check_outputs(args.out, None, args.out)
            doc = load_results(args.source)
            print(write_report(doc, args.out, Path.cwd(), pdf=not args.no_pdf).summary())
            return 0
        if args.command == "solvers":
            check_scheduler(_where(args))
            return solvers_command.main(args, _where(args))
        out = args.out or args.report or DEFAULT_OUT
        if args.command == "run":
            cl = get_claim(args.claim)
            own = args.case is not None
            cases = [load_case(f) for f in _case_files(args.case)] if own else cl.default_cases()
            for case in cases:
                for warning in check_suitable(cl, case) if own else ():
                    print(f"warning: {warning}", file=sys.stderr)
            tasks = [Task(cl.id, c, not own) for c in cases]
        else:
            tasks = [Task(cl.id, case, True) for cl in _selected(args.paper, args.claim) for case in cl.default_cases()
                     if not args.paper_instances or case.source.split(",")[0] in PAPERS]
        check_outputs(out, args.json, args.report)
        refuse(_where(args), args.timeout)
        check_scheduler(_where(args))  # before the output folder is made: an unreachable scheduler writes nothing
        return _finish(*_run(tasks, out, args), args)
    except (CaseError, UsageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, and let nothing flush into the pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
