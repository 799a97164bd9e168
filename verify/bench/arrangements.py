"""``python -m verify bench --arrangements``: timing table of the exact central arrangement (pe Section 3, A.2).

For each size (n, d) the data are seeded: X = G, n x d with G_ij ~ N(0, 1) from numpy's default_rng(n)
rounded to three decimals (exact rationals k / 1000), and with ``bias`` a column of ones appended (the
(40, 3+bias) row: 2 sum_{k<4} C(39, k) = 19 840 regions in general position, pe (17)). Columns:

* ``faces``, ``regions``, ``P`` (pe's D_i), ``bound`` (pe (17) at r = rank X, equality in general position);
* ``enumerate`` -- seconds of :func:`exact.relu.arrangements.central_arrangement` (every face, exact);
* ``check`` -- seconds of :func:`exact.checker.check_certificate` on the ``arrangement`` certificate, a dict
  in memory (at these sizes the JSON passes the checker's file limit of 1 MiB), and whether it was accepted;
* ``regions-only`` -- seconds of :func:`exact.checker.arrangement.certified_regions`, the checker's region
  list for other kinds, and whether it equals the producer's.

>>> X = instance(3, 2, bias=True)
>>> len(X), X[0][2]
(3, Fraction(1, 1))
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from exact.certificates.arrangement import arrangement_certificate
from exact.checker import check_certificate
from exact.checker.arrangement import certified_regions
from exact.relu.arrangements import central_arrangement, region_bound

#: the issue's rows: (n, d, bias)
SIZES = ((10, 2, False), (20, 2, False), (40, 3, True), (100, 2, False))
TARGETS = {(40, 3, True): 10.0, (100, 2, False): 5.0}  # seconds for ``enumerate`` (issue 13)


def instance(n: int, d: int, bias: bool = False) -> list[list[Fraction]]:
    """The seeded data of size (n, d) (module doc)."""
    G = np.round(np.random.default_rng(n).standard_normal((n, d)) * 1000).astype(np.int64)
    return [[Fraction(int(g), 1000) for g in row] + ([Fraction(1)] if bias else []) for row in G]


@dataclass(frozen=True)
class ArrangementRow:
    """One size: the counts, the seconds of each step and the outcome of each cross-check."""

    n: int
    d: int
    bias: bool
    faces: int
    regions: int
    patterns: int
    bound: int
    enumerate: float
    check: float
    accepted: bool
    regions_only: float
    regions_agree: bool

    @property
    def size(self) -> str:
        return f"({self.n}, {self.d}{'+bias' if self.bias else ''})"


def bench_row(n: int, d: int, bias: bool) -> ArrangementRow:
    """Every column on the seeded instance of size (n, d)."""
    X = instance(n, d, bias)
    start = time.perf_counter()
    A = central_arrangement(X)
    enumerate_s = time.perf_counter() - start
    doc = arrangement_certificate(A, "pe.arrangement-bound", f"bench-{n}-{d}{'-bias' if bias else ''}")
    start = time.perf_counter()
    report = check_certificate(doc)
    check_s = time.perf_counter() - start
    start = time.perf_counter()
    regions = certified_regions(X)
    regions_s = time.perf_counter() - start
    return ArrangementRow(n, d, bias, len(A.faces), len(A.regions), len(A.patterns), region_bound(n, A.rank),
                          enumerate_s, check_s, report.ok and report.relation == doc["relation"], regions_s,
                          regions == [f.sign for f in A.regions])


def markdown(rows: list[ArrangementRow]) -> str:
    """The table, one line per size.

    >>> print(markdown([ArrangementRow(10, 2, False, 41, 20, 21, 20, 0.01, 0.02, True, 0.003, True)]))
    | (n, d) | faces | regions | P | bound (17) | enumerate s | check s | regions-only s |
    |---|---|---|---|---|---|---|---|
    | (10, 2) | 41 | 20 | 21 | 20 | 0.01 | 0.02 | 0.003 |
    """
    out = ["| (n, d) | faces | regions | P | bound (17) | enumerate s | check s | regions-only s |",
           "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r.size} | {r.faces} | {r.regions} | {r.patterns} | {r.bound} | {r.enumerate:.3g} | "
                   f"{r.check:.3g}{'' if r.accepted else ' REJECTED'} | "
                   f"{r.regions_only:.3g}{'' if r.regions_agree else ' DIFFERS'} |")
    return "\n".join(out)


def print_table(sizes: tuple[tuple[int, int, bool], ...] = SIZES) -> list[ArrangementRow]:
    """Run every size, print the Markdown table and the targets; the rows."""
    rows = [bench_row(n, d, bias) for n, d, bias in sizes]
    print(markdown(rows), flush=True)
    for r in rows:
        target = TARGETS.get((r.n, r.d, r.bias))
        if target is not None:
            print(f"{r.size}: enumerate {r.enumerate:.2f} s (target < {target:g} s: "
                  f"{'met' if r.enumerate < target else 'MISSED'})")
    return rows


if __name__ == "__main__":
    print_table()
