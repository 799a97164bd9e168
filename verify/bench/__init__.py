"""``python -m verify bench``: timing table of the exact 1-D min-l1 certificate (issue 17).

The problem (DESIGN.md, "Performance"; ep (4)): min ||w||_1 s.t. A w + c 1 = y over the ReLU dictionary
with knots at the data (2n - 2 atoms, both directions) and a free constant c, no output bias. For every
size n the instance is seeded with ``random.Random(n)``: n distinct integers x from range(-5n, 5n) and
integer labels y in [-10, 10]. Every column of a row solves that same instance; each column group runs
only up to its size limit (beyond it the cell is '-').

Columns (seconds unless said otherwise):

* Structured exact route (:mod:`verify.bench.structured`, each run in a fresh spawned process):
  ``struct`` -- :func:`exact.relu.structured.interpolate_structured` (closed form, no LP);
  ``cert`` -- the certificate built and written to a file as ``verify run`` stores it;
  ``check`` -- :func:`exact.checker.check_file` on that file, as ``verify check`` (independent check);
  ``s+c`` -- struct + cert + check: solved, certified and independently checked;
  ``MiB`` -- peak resident memory of that process (its own, not the parent's).
* ``qsopt-kink`` -- QSopt_ex ``esolver`` (exact simplex) on the same kink-coordinate LP (rows scaled to
  integers), wall time incl. reading the file, up to ``--qsopt-kink-limit`` (100 000);
  ``x-qs`` = qsopt-kink / s+c; both columns are the fastest of 3 runs while a run takes < 15 s
  (:data:`verify.bench.row.SPEEDUP_REPEAT_BELOW`), one rule for the two sides of the ratio.
* LP route, :func:`exact.relu.interpolation.solve_dictionary_lp`, up to ``--lp-limit`` (25 600):
  ``highs`` (``timings['float']``: standard form + HiGHS), ``exact`` (``timings['exact'] +
  timings['verify']``: exact basis completion / LU / repair + exact optimality re-check), ``ratio`` =
  exact / highs, ``total`` (the whole call; highs/exact/total from one call, the fastest of 3 when a call
  takes < 1 s), ``other`` = total - highs - exact, ``warm`` (HiGHS basis exactly optimal / exact pivots),
  ``checker`` (:func:`exact.checker.check_certificate` on the output-bias certificate).
* Naive formulation (dense data coordinates, the n x (4n - 2) matrix [A, -A, 1, -1]): ``highs-dense``
  (HiGHS; ``agree``: its objective equals the exact value to 1e-6 rel.) up to ``--dense-limit`` (3200);
  ``naive`` (the dense HiGHS basis solved by ``Fraction`` Gaussian elimination, B x = y and B^T v = c_B,
  and exactly verified) up to ``--naive-limit`` (200); ``qsopt`` (esolver on it, the formulation of
  DESIGN's reference numbers) up to ``--qsopt-limit`` (1600).

A time is '-' when skipped, 'timeout' past its limit; a '*' after it flags a failed cross-check (listed
under the table). The summary states issue 17's targets for the sizes present, each met or not.

The default sizes are a quick run; the full table (a few minutes, ~4 GiB at 10^6)::

    python -m verify bench --sizes 1600 6400 25600 100000 1000000
"""

from __future__ import annotations

import shutil
from fractions import Fraction

from exact.relu.interpolation import solve_dictionary_lp

from .row import DEFAULT_SIZES, MAX_SIZE, MIN_SIZE, BenchRow, Limits, bench_row, instance
from .table import COLUMNS, cells, header, line, summary

__all__ = ["DEFAULT_SIZES", "BenchRow", "Limits", "bench_row", "instance", "run_bench"]


def _warm_up() -> None:
    """Import and initialise HiGHS once so the first row does not pay for it."""
    x, y = instance(8)
    solve_dictionary_lp([Fraction(v) for v in x], [Fraction(v) for v in y])


def run_bench(sizes: list[int], naive_limit: int = Limits.naive, qsopt_limit: int = Limits.qsopt, *,
              lp_limit: int = Limits.lp, dense_limit: int = Limits.dense,
              qsopt_kink_limit: int = Limits.qsopt_kink) -> list[BenchRow]:
    """Print the benchmark table for ``sizes`` (each column within its limit) and return its rows."""
    for n in sizes:  # before any work: a bad size late in the list should not cost the rows before it
        if not MIN_SIZE <= n <= MAX_SIZE:
            raise ValueError(f"bench sizes must be in [{MIN_SIZE}, {MAX_SIZE}], got {n}")
    limits = Limits(lp_limit, dense_limit, naive_limit, qsopt_limit, qsopt_kink_limit)
    print(header(limits), flush=True)
    if shutil.which("esolver") is None:
        print("  (esolver not found: qsopt columns show 'absent')")
    _warm_up()
    rows: list[BenchRow] = []
    print("\n" + line(COLUMNS), flush=True)
    for n in sizes:
        rows.append(bench_row(n, limits))
        print(line(cells(rows[-1])), flush=True)
    print("\nnotes:")
    for r in rows:
        print(f"  n = {r.n}: value {r.value}; " + "; ".join(r.notes))
    if rows:
        print(summary(rows))
    return rows
