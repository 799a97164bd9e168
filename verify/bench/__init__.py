"""``python -m verify bench``: timing table of the exact 1-D min-l1 certificate.

The problem (DESIGN.md, "Performance"): min ||w||_1 s.t. A w + c 1 = y over the
ReLU dictionary with knots at the data (2n - 2 atoms, both directions) and a
free constant c. For every size n the instance is seeded with
``random.Random(n)``: n distinct integers x from range(-5n, 5n) and integer
labels y in [-10, 10]. Every column of a row solves that same instance.

Columns (seconds unless said otherwise):

* ``highs``  -- ``timings['float']`` of :func:`exact.relu.interpolation.solve_dictionary_lp`
  (standard form of the sparse kink-coordinate LP + HiGHS solve).
* ``exact``  -- ``timings['exact'] + timings['verify']``: exact basis
  completion / LU solves / simplex repair plus the exact optimality re-check.
* ``ratio``  -- exact / highs (DESIGN target <= 1.5 up to n = 1600; reported only).
* ``total``  -- wall time of the whole ``solve_dictionary_lp`` call (target < 15 s at 1600).
  highs/exact/total come from one call: the fastest of 3 when a call takes < 1 s.
* ``other``  -- total - highs - exact: dictionary, kink columns, result assembly.
* ``warm``   -- whether the HiGHS basis was exactly optimal, and the exact pivots.
* ``checker``-- :func:`exact.checker.check_certificate` on the certificate of the solution.
* ``highs-dense`` -- HiGHS on the same LP in data coordinates (dense n x (4n - 2)
  matrix [A, -A, 1, -1]); ``agree``: its objective equals the exact value to 1e-6 rel.
* ``naive``  -- pure-``Fraction`` baseline in data coordinates: the optimal basis
  HiGHS reports on the dense LP, solved by Gaussian elimination (B x = y, then
  B^T v = c_B), and exactly verified (primal, dual feasibility, equal values).
* ``qsopt``  -- QSopt_ex ``esolver`` (exact simplex) on the dense data-coordinate LP
  (the formulation of DESIGN's reference numbers), wall time incl. reading the file.
* ``qsopt-kink`` -- ``esolver`` on the kink-coordinate LP that the project solves
  (rows scaled to integers).

A time is '-' when skipped, 'timeout' past its limit; a '*' after it flags a
failed cross-check (listed under the table).
"""

from __future__ import annotations

import shutil
from fractions import Fraction

from exact.relu.interpolation import solve_dictionary_lp

from .row import MAX_SIZE, MIN_SIZE, BenchRow, bench_row, instance
from .table import COLUMNS, cells, header, line, summary

__all__ = ["BenchRow", "bench_row", "instance", "run_bench"]


def _warm_up() -> None:
    """Import and initialise HiGHS once so the first row does not pay for it."""
    x, y = instance(8)
    solve_dictionary_lp([Fraction(v) for v in x], [Fraction(v) for v in y])


def run_bench(sizes: list[int], naive_limit: int, qsopt_limit: int) -> list[BenchRow]:
    """Print the benchmark table for ``sizes`` and return its rows."""
    print(header(), flush=True)
    if shutil.which("esolver") is None:
        print("  (esolver not found: qsopt columns show 'absent')")
    _warm_up()
    rows: list[BenchRow] = []
    print("\n" + line(COLUMNS), flush=True)
    for n in sizes:
        if not MIN_SIZE <= n <= MAX_SIZE:
            raise ValueError(f"bench sizes must be in [{MIN_SIZE}, {MAX_SIZE}], got {n}")
        rows.append(bench_row(n, naive_limit, qsopt_limit))
        print(line(cells(rows[-1])), flush=True)
    print("\nnotes:")
    for r in rows:
        print(f"  n = {r.n}: value {r.value}; " + "; ".join(r.notes))
    if rows:
        print(summary(rows))
    return rows
