"""Resource limits of the checker (issue 11): no certificate of under 1 MB makes the check run over 10 s or
allocate over 1 GB, and a certificate rejected for its size is told which limit it broke.

The adversaries (:mod:`tests.checker.adversary`) are built per kind to reach the expensive part of its
check (nested loops over points and neurons, Gauss-Jordan, combinations, enclosure refinement, trial
division, long rationals). Each is checked in a fresh interpreter with RLIMIT_AS at ~1 GB above its
baseline; the full sweep is under ``-m slow``, a quick subset runs by default.
"""
from __future__ import annotations

import re

import pytest

from tests.checker.adversary import (
    ADVERSARIES,
    LIMIT_BYTES,
    LIMIT_SECONDS,
    MAX_BYTES,
    Adversary,
    Outcome,
    run_isolated,
    size,
)

#: a problem that says the certificate is too big (it must then name the limit)
SIZE_WORDS = re.compile(r"\b(limit|limits|cap|capped|at most|exceeds?|too (many|large|long|big)|beyond|maximum)\b",
                        re.IGNORECASE)
#: kill a child this long after the 10 s budget: it has failed by then
KILL_AFTER = LIMIT_SECONDS + 5

#: the default tier: cheap to build and, once capped, instant to reject (each killed after QUICK_SECONDS)
QUICK = ("bridge-vertex-min:combinations", "l1-l0-gap:many-rows", "relu1d-joint-exact:trial-division",
         "pattern-face-pieces:kernel-classes")
QUICK_SECONDS = 3.0


def assert_within_limits(adv: Adversary, out: Outcome, seconds: float = LIMIT_SECONDS) -> None:
    assert not out.timed_out, f"{adv.id}: the check ran past {out.seconds:.0f} s (limit {seconds:.0f} s)"
    assert not out.crash, f"{adv.id}: the checker process died: {out.crash[-500:]}"
    assert not out.memory_error, f"{adv.id}: the check ran out of its 1 GB: {out.problems[:2]}"
    assert out.seconds <= seconds, f"{adv.id}: the check took {out.seconds:.1f} s (limit {seconds:.0f} s)"
    assert out.peak_bytes is not None and out.peak_bytes <= LIMIT_BYTES, \
        f"{adv.id}: the check allocated {out.peak_bytes / 2**20:.0f} MiB (limit 1 GiB)"
    for problem in out.problems:
        if SIZE_WORDS.search(problem) and "checker error" not in problem:
            # naming the limit: its value (a number) is in the message
            assert re.search(r"\d", problem), f"{adv.id}: a size rejection names no limit: {problem!r}"


@pytest.mark.parametrize("name", list(ADVERSARIES))
def test_every_adversary_is_under_1_mb(name: str) -> None:
    assert size(ADVERSARIES[name].build()) < MAX_BYTES


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ADVERSARIES))
def test_no_certificate_under_1_mb_exhausts_the_checker(name: str) -> None:
    adv = ADVERSARIES[name]
    doc = adv.build()
    assert size(doc) < MAX_BYTES
    assert_within_limits(adv, run_isolated(doc, timeout=KILL_AFTER))


@pytest.mark.parametrize("name", QUICK)
def test_quick_adversaries_are_refused_fast(name: str) -> None:
    """The default tier: a few adversaries that a size check refuses at once (< 15 s in all even now)."""
    adv = ADVERSARIES[name]
    doc = adv.build()
    assert size(doc) < MAX_BYTES
    assert_within_limits(adv, run_isolated(doc, timeout=QUICK_SECONDS), QUICK_SECONDS)
