"""Running the checks of a command: in order, on ``jobs`` worker processes, or on a dask cluster
(:class:`verify.distributed.Where`), with each result shown as it finishes; a per-check time limit; a live
counter ``[i/N] claim case`` on a terminal.

The counter is a ``tqdm`` bar on stderr, shown only when stderr is a terminal; the result lines go to
stdout either way (through ``tqdm.write``, so the bar never breaks a line), so a CI log holds plain
lines. Results come back in the order of the tasks, whatever order they finish in.

On dask a check may run on another machine: it writes its certificates into a temporary folder of its
worker and sends them back with its result (:class:`Shipped`); they land under ``out`` with the same
relative paths and bytes as in a local run, and the result names them there (:func:`rebased`).

>>> from cases import shipped_case
>>> from verify.registry import get_claim
>>> import tempfile
>>> task = Task(get_claim("ep.thm-3.3").id, shipped_case("abs-plus-one"), True)
>>> [r.verdict for r in run_tasks([task], Path(tempfile.mkdtemp()), Where(), False, None, lambda r: None)]
[<Verdict.PROVED: 'PROVED'>]
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TypeVar

from tqdm import tqdm

from cases import Case

from .context import Context
from .distributed import Where, map_ordered
from .registry import UsageError, all_claims, run_check
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


def refuse(where: Where, timeout: float | None) -> None:
    """A :class:`UsageError` for what cannot run there: a time limit on dask (it is a SIGALRM, which only the
    main thread of a process receives, and dask runs tasks in worker threads)."""
    if where.dask and timeout is not None:
        raise UsageError("--timeout: not available with --scheduler or --cluster (the time limit is a signal to "
                         "the main thread of a process; dask runs checks in worker threads)")


@dataclass(frozen=True)
class Shipped:
    """A result computed on a dask worker, with the files it wrote: ``root`` is the worker's folder its paths
    name, ``files`` the (relative POSIX path, bytes) of every file in it."""

    result: CheckResult
    root: str
    files: tuple[tuple[str, bytes], ...]


def _shipped(args: tuple[Task, Path, bool, float | None]) -> Shipped:
    task, _, thorough, timeout = args
    with tempfile.TemporaryDirectory(prefix="relu-certify-") as root:
        res = _one((task, Path(root), thorough, timeout))
        files = tuple((p.relative_to(root).as_posix(), p.read_bytes()) for p in sorted(Path(root).rglob("*"))
                      if p.is_file())
    return Shipped(res, root, files)


def land(shipped: Shipped, out: Path) -> CheckResult:
    """Write the files of ``shipped`` under ``out``; its result, naming them there."""
    for rel, data in shipped.files:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return rebased(shipped.result, shipped.root, str(out))


X = TypeVar("X")


def rebased(obj: X, old: str, new: str) -> X:
    """``obj`` with ``old`` replaced by ``new`` in every string it holds (dataclass fields, mappings, lists,
    tuples); unchanged parts are the same objects.

    Paths can sit anywhere in a result (certificates, notes, findings, a claim's data), so every string is
    rewritten, not only the fields :func:`verify.run.relocate` knows; ``old`` is a fresh temporary folder, so
    it names nothing else. Enum members (verdicts are str) are kept.

    >>> rebased({"path": "/w/a.json", "n": [1, ("/w/b",)]}, "/w", "/out")
    {'path': '/out/a.json', 'n': [1, ('/out/b',)]}
    """
    return _rebase(obj, old, new)


def _rebase(obj: Any, old: str, new: str) -> Any:
    if type(obj) is str:
        return obj.replace(old, new) if old in obj else obj
    if type(obj) in (list, tuple):
        items = [_rebase(v, old, new) for v in obj]
        return obj if all(a is b for a, b in zip(items, obj)) else type(obj)(items)
    if type(obj) is dict:
        pairs = [(_rebase(k, old, new), _rebase(v, old, new)) for k, v in obj.items()]
        return obj if all(a is k and b is v for (a, b), (k, v) in zip(pairs, obj.items())) else dict(pairs)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changed = {f.name: v for f in dataclasses.fields(obj) if f.init
                   for v in [_rebase(getattr(obj, f.name), old, new)] if v is not getattr(obj, f.name)}
        return dataclasses.replace(obj, **changed) if changed else obj
    return obj


def run_tasks(tasks: list[Task], out: Path, where: Where, thorough: bool, timeout: float | None,
              show: Show) -> list[CheckResult]:
    """Run every task (certificates into ``out``) where ``where`` says, calling ``show`` as each finishes; the
    results in task order.

    ``timeout`` (seconds) bounds each check: one that runs longer gets the verdict TIMEOUT
    (:func:`verify.registry.run_check`); not on dask (:func:`refuse`).
    """
    refuse(where, timeout)
    results: list[CheckResult | None] = [None] * len(tasks)
    payload = [(t, out, thorough, timeout) for t in tasks]
    local = not where.dask and where.jobs <= 1
    finished: list[int] = []

    def label(i: int) -> str:
        return f"{tasks[i].claim} {tasks[i].case.name}" if local and i < len(tasks) else f"{len(tasks) - i} running"
    with _bar(len(tasks)) as bar:
        def finish(i: int, res: CheckResult | Shipped) -> None:
            result = land(res, out) if isinstance(res, Shipped) else res
            results[i] = result
            finished.append(i)  # the bar's own count stays 0 when it is disabled
            bar.update(1)
            show(result)
            if len(finished) < len(tasks):
                bar.set_description_str(label(len(finished)))
        bar.set_description_str(label(0))
        fn: Callable[[tuple[Task, Path, bool, float | None]], CheckResult | Shipped] = _shipped if where.dask else _one
        map_ordered(fn, payload, where, finish)
    return [r for r in results if r is not None]
