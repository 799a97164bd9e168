"""Running the checks of a command: in order, or on ``jobs`` worker processes with each result shown as it
finishes; a per-check time limit; a live counter ``[i/N] claim case`` on a terminal.

The counter is a ``tqdm`` bar on stderr, shown only when stderr is a terminal; the result lines go to
stdout either way (through ``tqdm.write``, so the bar never breaks a line), so a CI log holds plain
lines. Results come back in the order of the tasks, whatever order they finish in.

>>> from cases import shipped_case
>>> from verify.registry import get_claim
>>> import tempfile
>>> task = Task(get_claim("ep.thm-3.3").id, shipped_case("abs-plus-one"), True)
>>> [r.verdict for r in run_tasks([task], Path(tempfile.mkdtemp()), 1, False, None, lambda r: None)]
[<Verdict.PROVED: 'PROVED'>]
"""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tqdm import tqdm

from cases import Case

from .context import Context
from .registry import all_claims, run_check
from .result import CheckResult

#: called once per finished check (the counter is the bar's)
Show = Callable[[CheckResult], None]


@dataclass(frozen=True)
class Task:
    """One check: a claim id on a case; ``shipped``: the case is the claim's own (its recorded verdict is
    expected)."""

    claim: str
    case: Case
    shipped: bool


def _one(args: tuple[Task, Path, bool, float | None]) -> CheckResult:
    task, out, thorough, timeout = args
    return run_check(all_claims()[task.claim], task.case, Context(out, thorough), task.shipped, timeout)


def _bar(total: int) -> tqdm:
    return tqdm(total=total, file=sys.stderr, disable=not sys.stderr.isatty(), leave=False, dynamic_ncols=True,
                bar_format="[{n_fmt}/{total_fmt}] {desc} {elapsed}")


def say(line: str) -> None:
    """Print a result line on stdout without breaking the live counter."""
    tqdm.write(line, file=sys.stdout)
    sys.stdout.flush()


def run_tasks(tasks: list[Task], out: Path, jobs: int, thorough: bool, timeout: float | None,
              show: Show) -> list[CheckResult]:
    """Run every task (certificates into ``out``), calling ``show`` as each finishes; the results in task order.

    ``timeout`` (seconds) bounds each check: one that runs longer gets the verdict TIMEOUT
    (:func:`verify.registry.run_check`).
    """
    results: list[CheckResult | None] = [None] * len(tasks)
    payload = [(t, out, thorough, timeout) for t in tasks]
    with _bar(len(tasks)) as bar:
        def finish(i: int, res: CheckResult) -> None:
            results[i] = res
            bar.update(1)
            show(res)
        if jobs <= 1:
            for i, args in enumerate(payload):
                bar.set_description_str(f"{args[0].claim} {args[0].case.name}")
                finish(i, _one(args))
        else:
            # spawned, not forked: a fork copies the locks of solver threads (Clarabel, BLAS) that the parent may
            # hold, and a child that solves on such a copy waits forever
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
                running: dict[Future[CheckResult], int] = {pool.submit(_one, p): i for i, p in enumerate(payload)}
                while running:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for fut in done:
                        finish(running.pop(fut), fut.result())
                    bar.set_description_str(f"{len(running)} running")
    return [r for r in results if r is not None]
