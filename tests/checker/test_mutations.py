"""The mutation suite: seeded mutants of real certificates of every kind, in every class, are rejected or
provably harmless (tests/checker/mutation.py says what counts as harmless). A quick sample runs by
default; the full sweep (500 mutants per kind, each under a time limit and, in its own process,
a memory limit) runs under ``-m slow`` and prints the table of counts the note reports."""
from __future__ import annotations

import multiprocessing

import pytest

from exact.checker import KINDS
from tests.checker.mutation import CLASSES, HARMLESS, Tally, mutants, samples, sweep


def _failures(tally: Tally) -> str:
    return "\n".join(f"{kind} [{cls}] {result}: {what} ({took:.2f} s)" for kind, cls, result, what, took
                     in tally.failures)


def test_every_kind_has_real_certificates_and_every_class_is_generated():
    for kind in KINDS:
        docs = samples(kind)
        assert docs and all(d["kind"] == kind for d in docs)
        stream = mutants(docs[0], seed=1)
        seen = {next(stream).cls for _ in range(200)}
        assert seen >= set(CLASSES) - {"dual"}, (kind, set(CLASSES) - seen)


def test_the_harmless_table_names_kinds_and_reasons():
    for kind, entries in HARMLESS.items():
        assert kind in KINDS
        assert all(prefix in ("data", "convention") and len(reason) > 40 for prefix, reason in entries)


def test_a_quick_sample_of_mutants_is_rejected_or_harmless():
    tally = sweep(per_kind=40, seed=3)
    assert sum(tally.counts.values()) == 40 * len(KINDS)
    assert not tally.failures, _failures(tally)


def _full_sweep(queue: multiprocessing.Queue) -> None:
    tally = sweep(per_kind=500, seed=11, limit_memory=True)
    queue.put((tally.table(), _failures(tally), sum(tally.counts.values())))


@pytest.mark.slow
def test_the_full_sweep_finds_no_accepted_false_certificate():
    ctx = multiprocessing.get_context("spawn")  # a fresh process, so the memory limit binds the checker alone
    queue = ctx.Queue()
    proc = ctx.Process(target=_full_sweep, args=(queue,))
    proc.start()
    table, failures, tried = queue.get(timeout=1800)
    proc.join()
    print(table)
    assert tried >= 10_000
    assert not failures, failures
