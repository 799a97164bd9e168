"""``python -m verify solvers``: the regression harness from the command line.

Every problem of the chosen families (default all; ``--case FILE`` adds a user's case: the 1-D variants for
``x``, pe (8) for ``X``) goes to every chosen, installed solver (default all). The terminal shows the ranking
(:func:`verify.solvers.summary.table`), each FAIL / ERROR row, and the skipped solvers; ``--json FILE`` writes
everything (atomically); ``--verbose`` prints every row. Exit 0 when the sweep ran (solver failures are its
findings, not errors), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

from cases import load_case

from ..distributed import Where
from ..registry import UsageError
from ..run import write_json

RELATIVE = 1e-6


def configure(p: argparse.ArgumentParser) -> None:
    """The options of ``verify solvers`` (the executor options are added by the caller; nothing is imported for
    them, since every command builds this parser)."""
    p.add_argument("--case", action="append", metavar="FILE", help="a case file (TOML) to add (repeatable)")
    p.add_argument("--solver", action="append", metavar="NAME", help="only this solver (repeatable; default every "
                   "installed one, see --list)")
    p.add_argument("--family", action="append", metavar="NAME", help="only this family of problems (repeatable; "
                   "default all, see --list)")
    p.add_argument("--json", type=Path, metavar="FILE", help="write the sweep (ranking, rows, truths) to FILE")
    p.add_argument("--store", type=Path, metavar="PATH", help="the SQLite store of exact answers (default "
                   "$RELU_CERTIFY_STORE or ~/.cache/relu-certify/truths.sqlite)")
    p.add_argument("--rel", type=float, default=RELATIVE, metavar="TOL",
                   help=f"relative tolerance of PASS (default {RELATIVE:g}; absolute 1e-9 besides)")
    p.add_argument("--verbose", action="store_true", help="print every (solver, problem) row")
    p.add_argument("--list", action="store_true", help="list the solvers and families, then stop")


def _listing() -> str:
    from .adapters import SOLVERS
    from .families import FAMILIES

    lines = ["solvers:"] + [f"  {s.name:<20} {', '.join(sorted(v.value for v in s.variants)):<40} "
                            f"{s.absent() or 'installed'}" for s in SOLVERS]
    return "\n".join(lines + ["families: " + ", ".join(FAMILIES)])


def main(args: argparse.Namespace, where: Where) -> int:
    from tqdm import tqdm

    from .adapters import solver
    from .families import FAMILIES, family, from_case
    from .harness import Tolerance, run
    from .store import Store
    from .summary import document, row_line, table

    if args.list:
        print(_listing())
        return 0
    if not 0 < args.rel < 1:
        raise UsageError(f"--rel {args.rel}: expected a relative tolerance in (0, 1)")
    try:
        chosen = [solver(n) for n in args.solver] if args.solver else None
        names = args.family or ([] if args.case else list(FAMILIES))
        problems = [p for name in names for p in family(name)]
    except KeyError as e:
        raise UsageError(str(e.args[0])) from None
    for f in args.case or ():
        problems += from_case(load_case(f))
    store = Store(args.store)
    tol = Tolerance(args.rel)
    with tqdm(file=sys.stderr, disable=not sys.stderr.isatty(), leave=False, desc="solvers") as bar:
        sweep = run(problems, chosen, tol, store, where, tick=lambda: bar.update(1))
    for r in sweep.rows:
        if args.verbose or r.verdict != "PASS":
            print(row_line(r))
    print(table(sweep, tol))
    if args.json is not None:
        write_json(args.json, document(sweep, tol, problems, {"store": str(store.path), "where": asdict(where)}))
    return 0
