"""Command line: ``python -m verify all | list | run | check | bench``.

Exit codes: 0 all checks ran and every verdict is the recorded expectation;
1 a check errored, a verdict differs from its expectation, or a certificate
was rejected; 2 bad usage or bad input (message names file, field, expectation).
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Callable

from cases import Case, CaseError, load_case
from exact.checker.number import NumberError, integer

from .bench.row import MAX_SIZE, MIN_SIZE
from .context import Context
from .registry import Claim, UsageError, all_claims, check_suitable, claim_ids, get_claim, run_check
from .report import findings_digest, write_reports
from .result import ERROR, MISMATCH, CheckResult
from .run import check_outputs, header, publish, relocate, seeds_of, staged, write_json

DEFAULT_OUT = Path("reports")
MAX_JOBS = 256


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


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m verify", description="Exact audits of shallow-ReLU convexity claims.")
    p.add_argument("--version", action="version", version=f"relu-certify {_version()}")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("all", help="check every claim on its default cases")
    a.add_argument("--json", type=Path)
    a.add_argument("--report", type=Path, help="write Markdown reports (and certificates) here")
    a.add_argument("--jobs", type=_bounded(1, MAX_JOBS), default=1)
    a.add_argument("--thorough", action="store_true", help="larger sweeps for the statistical claims")
    sub.add_parser("list", help="every claim id with its paper location")
    r = sub.add_parser("run", help="check one claim")
    r.add_argument("claim")
    r.add_argument("--case", type=Path, help="a case file (TOML) to run the claim on")
    r.add_argument("--json", type=Path)
    r.add_argument("--report", type=Path)
    r.add_argument("--thorough", action="store_true")
    c = sub.add_parser("check", help="re-check certificate files with the independent checker")
    c.add_argument("certificates", nargs="+")
    b = sub.add_parser("bench", help="timing table of the exact 1-D l1 certificate")
    b.add_argument("--sizes", type=_bounded(MIN_SIZE, MAX_SIZE), nargs="+", default=[50, 100, 200, 400, 800, 1600])
    b.add_argument("--naive-limit", type=_bounded(0, MAX_SIZE), default=200)
    b.add_argument("--qsopt-limit", type=_bounded(0, MAX_SIZE), default=1600)
    sub.add_parser("solvers", help="solver regression harness (not built yet)")
    return p


def _line(res: CheckResult) -> str:
    """One line per check; an ERROR adds the line of its reason (the first note: the exception)."""
    flag = "" if res.as_expected or res.expected is None else f"   <-- expected {res.expected}"
    mism = sum(p.status is MISMATCH for p in res.printed)
    printed = f" printed {len(res.printed) - mism} MATCH / {mism} MISMATCH" if res.printed else ""
    reason = f"\n    reason: {res.notes[0]}" if res.verdict is ERROR and res.notes else ""
    return (f"{res.verdict!s:<12} {res.claim:<16} {res.case:<22} value={res.value_text}{printed} "
            f"({res.seconds:.2f}s){flag}{reason}")


def _task(args: tuple[str, Case, Path, bool, bool]) -> CheckResult:
    claim_id, case, out, thorough, shipped = args
    return run_check(all_claims()[claim_id], case, Context(out, thorough), shipped)


def _run(tasks: list[tuple[Claim, Case]], out: Path, jobs: int, thorough: bool, report: bool,
         shipped: bool = True) -> list[CheckResult]:
    """Run the checks into a staging folder of ``out``, write the reports there (with ``report``), then
    publish it (:mod:`verify.run`); the results name the published paths. ``shipped``: the cases are the
    claims' own, whose recorded verdicts are expected (a user's case expects only its own ``[expect]``)."""
    with staged(out) as stage:
        payload = [(cl.id, case, stage, thorough, shipped) for cl, case in tasks]
        results: list[CheckResult] = []
        if jobs > 1:
            with ProcessPoolExecutor(jobs) as pool:
                results = list(pool.map(_task, payload))
            for r in results:
                print(_line(r))
        else:
            for p in payload:
                results.append(_task(p))
                print(_line(results[-1]), flush=True)
        results = relocate(results, stage, out)
        if report:
            write_reports(results, stage)
        publish(stage, out)
    return results


def _finish(results: list[CheckResult], json_path: Path | None, report: Path | None, cases: list[Case]) -> int:
    if json_path:
        write_json(json_path, results, header(sys.argv, seeds_of(cases)))
    if report:
        print(f"report: {report / 'index.md'}")
    digest = findings_digest(results)
    if digest:
        print(f"\nfindings ({len(digest)}):")
        print("\n".join(f"  {line}" for line in digest))
    bad = [r for r in results if not r.as_expected]
    counts: dict[str, int] = {}
    for r in results:
        counts[str(r.verdict)] = counts.get(str(r.verdict), 0) + 1
    recorded = any(r.expected is not None for r in results)
    tail = (f"; {len(bad)} not as expected" if bad else "; all as expected" if recorded
            else "; no recorded expectations (a case of your own: the verdicts are the results)")
    print(f"{len(results)} checks: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) + tail)
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "list":
            for cid, cl in claim_ids().items():
                via = "" if cid == cl.id else f" (checked by {cl.id})"
                print(f"{cid:<16} {cl.method:<6} {cl.paper}: {cl.location} -- {cl.summary}{via}")
            return 0
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
            from .bench import run_bench
            run_bench(args.sizes, args.naive_limit, args.qsopt_limit)
            return 0
        if args.command == "solvers":
            raise UsageError("the solver regression harness is not built yet (a later issue)")
        out = args.report or DEFAULT_OUT
        if args.command == "run":
            cl = get_claim(args.claim)
            cases = [load_case(args.case)] if args.case else cl.default_cases()
            for case in cases:
                check_suitable(cl, case)
            check_outputs(out, args.json)
            results = _run([(cl, c) for c in cases], out, 1, args.thorough, args.report is not None,
                           shipped=args.case is None)
            return _finish(results, args.json, args.report, cases)
        check_outputs(out, args.json)
        tasks = [(cl, case) for cl in all_claims().values() for case in cl.default_cases()]
        return _finish(_run(tasks, out, args.jobs, args.thorough, args.report is not None), args.json, args.report,
                       [case for _, case in tasks])
    except (CaseError, UsageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
