"""Where tasks run, and :func:`map_ordered`: a function over items, in-process, on spawned local processes, or on
a dask.distributed cluster, with the results in item order and a callback as each one finishes.

Dask is imported only when a :class:`Where` asks for it (``scheduler`` or ``cluster``), so a plain run never
loads it. A ``scheduler`` that cannot be reached within :data:`CONNECT_TIMEOUT` seconds is a
:class:`verify.registry.UsageError` naming ``--scheduler`` and the address.

>>> seen = []
>>> map_ordered(abs, [-2, 1, -3], Where(), lambda i, r: seen.append((i, r)))
[2, 1, 3]
>>> seen
[(0, 2), (1, 1), (2, 3)]
>>> Where(jobs=3, cluster="local").dask, Where(jobs=3).workers, Where(jobs=1, cluster="local").workers
(True, 3, 2)
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator, Sequence, TypeVar

from .registry import UsageError

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")
R = TypeVar("R")

#: seconds to wait for a ``--scheduler`` before giving up on it
CONNECT_TIMEOUT = 5
#: the fewest workers of a LocalCluster: one would be no faster than a run in-process
MIN_LOCAL_WORKERS = 2
CLUSTERS = ("local",)


@dataclass(frozen=True)
class Where:
    """Where tasks run: in-process (jobs == 1), on `jobs` spawned local processes, or on dask."""

    jobs: int = 1
    scheduler: str | None = None  # address of a running dask.distributed scheduler, e.g. tcp://host:8786
    #: "local": start a distributed.LocalCluster of `jobs` (at least 2) single-threaded worker processes for this run
    cluster: str | None = None

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise ValueError(f"jobs: expected at least 1, got {self.jobs}")
        if self.scheduler is not None and self.cluster is not None:
            raise ValueError("scheduler and cluster: expected at most one of them")
        if self.cluster is not None and self.cluster not in CLUSTERS:
            raise ValueError(f"cluster: expected one of {', '.join(CLUSTERS)}, got {self.cluster!r}")

    @property
    def dask(self) -> bool:
        """Whether the tasks run on dask (possibly on other machines, which share no file system with us)."""
        return self.scheduler is not None or self.cluster is not None

    @property
    def workers(self) -> int:
        """Local worker processes: ``jobs``, and at least :data:`MIN_LOCAL_WORKERS` for a LocalCluster."""
        return max(self.jobs, MIN_LOCAL_WORKERS) if self.cluster is not None else self.jobs


def map_ordered(fn: Callable[[T], R], items: Sequence[T], where: Where,
                done: Callable[[int, R], None] | None = None) -> list[R]:
    """fn over items, results in item order; done(i, r) is called in the calling process as each finishes."""
    got: dict[int, R] = {}

    def finish(i: int, r: R) -> None:
        got[i] = r
        if done is not None:
            done(i, r)
    if where.dask:
        _on_dask(fn, items, where, finish)
    elif where.jobs <= 1 or len(items) <= 1:
        for i, item in enumerate(items):
            finish(i, fn(item))
    else:
        _on_processes(fn, items, where.jobs, finish)
    return [got[i] for i in range(len(items))]


def _on_processes(fn: Callable[[T], R], items: Sequence[T], jobs: int, finish: Callable[[int, R], None]) -> None:
    # spawned, not forked: a fork copies the locks of solver threads (Clarabel, BLAS) that the parent may
    # hold, and a child that solves on such a copy waits forever
    with ProcessPoolExecutor(min(jobs, len(items)), mp_context=multiprocessing.get_context("spawn")) as pool:
        running: dict[Future[R], int] = {pool.submit(fn, item): i for i, item in enumerate(items)}
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in finished:
                finish(running.pop(fut), fut.result())


def _on_dask(fn: Callable[[T], R], items: Sequence[T], where: Where, finish: Callable[[int, R], None]) -> None:
    from distributed import as_completed

    with client(where) as c:
        # pure=False: equal items must each run (a check's result carries its own timing), never be deduplicated
        futures = {c.submit(fn, item, pure=False): i for i, item in enumerate(items)}
        for fut in as_completed(futures):
            finish(futures[fut], fut.result())


def check_scheduler(where: Where) -> None:
    """Refuse an unreachable ``where.scheduler`` before any work (:class:`UsageError`); nothing to do otherwise."""
    if where.scheduler is not None:
        with client(where):
            pass


@contextmanager
def client(where: Where) -> Iterator[Client]:
    """A dask client on ``where.scheduler``, or on a LocalCluster of ``where.workers`` single-threaded worker
    processes started for it; closed (the cluster too) on exit."""
    from distributed import Client, LocalCluster

    if where.scheduler is None:
        # dashboard off and logs at ERROR: a run's stdout and stderr hold only its own lines. The scheduler serves
        # HTTP (health, metrics) even without a dashboard, on 8787 by default, and warns when another cluster holds
        # that port: a free port of the loopback instead
        with LocalCluster(n_workers=where.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}, silence_logs=logging.ERROR
                          ) as cluster, Client(cluster) as c:
            yield c
        return
    try:
        c = Client(where.scheduler, timeout=f"{CONNECT_TIMEOUT}s")
    except (OSError, TimeoutError, ValueError) as exc:  # ValueError: an address dask cannot parse
        raise UsageError(f"--scheduler {where.scheduler}: cannot reach a dask.distributed scheduler there within "
                         f"{CONNECT_TIMEOUT} s ({type(exc).__name__}: {exc})") from None
    with c:
        yield c
