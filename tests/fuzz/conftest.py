"""Counts of the fuzzed instances, printed in the terminal summary (the note quotes them)."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

#: (route, tier) -> examples run; (route, tier) -> the distinct instances; (route, tier, variant) -> examples
RUNS: Counter = Counter()
DISTINCT: defaultdict = defaultdict(set)
VARIANTS: Counter = Counter()


class Tally:
    """What one fuzz test records per example: the route, the tier ("quick" or "slow"), the variant and the
    instance (hashable), counted only after every assertion of the example passed."""

    def __call__(self, route: str, tier: str, variant: str, instance) -> None:
        RUNS[route, tier] += 1
        DISTINCT[route, tier].add(instance)
        VARIANTS[route, tier, variant] += 1

    @staticmethod
    def note(route: str, tier: str, label: str) -> None:
        """Count an event of an example (not an example): shown with the variants."""
        VARIANTS[route, tier, label] += 1

    @staticmethod
    def runs(route: str, tier: str) -> int:
        return RUNS[route, tier]

    @staticmethod
    def distinct(route: str, tier: str) -> int:
        return len(DISTINCT[route, tier])


@pytest.fixture(scope="session")
def tally() -> Tally:
    return Tally()


def pytest_terminal_summary(terminalreporter) -> None:
    if not RUNS:
        return
    terminalreporter.section("fuzz counts (examples passed / distinct instances)")
    for (route, tier), n in sorted(RUNS.items()):
        parts = ", ".join(f"{v}={k}" for (r, t, v), k in sorted(VARIANTS.items()) if (r, t) == (route, tier))
        terminalreporter.write_line(f"{route:14s} {tier:5s} {n:5d} passed, {len(DISTINCT[route, tier]):5d} distinct"
                                    f"  [{parts}]")
