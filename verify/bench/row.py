"""One row of the benchmark: every column (within its size limit) on the seeded size-n instance."""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, TypeVar, cast

from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.checker import check_certificate
from exact.convention import Convention
from exact.relu.dictionary import relu_atoms
from exact.relu.interpolation import interpolate_1d, solve_dictionary_lp
from exact.relu.structured import interpolate_structured

from .baselines import dense_dictionary, naive_certify, solve_dense_highs
from .qsopt import Cell, dense_lp_text, kink_lp_text, run_esolver
from .structured import StructuredCells, measure_in_child

T = TypeVar("T")

REPEATS, REPEAT_BELOW = 3, 1.0  # the LP route: best of 3 when a run takes < 1 s
#: the two columns of x-qs, s+c and qsopt-kink, under one rule: the fastest of REPEATS runs while a run takes
#: less than this (a shared machine's load varied one size's s+c by 1.5x between runs)
SPEEDUP_REPEAT_BELOW = 15.0
RATIO_TARGET, RATIO_UP_TO = 1.5, 25_600  # issue 17: exact part <= 1.5 x HiGHS up to 25600
TOTAL_TARGET, TOTAL_AT = 15.0, 1600  # DESIGN: the LP route under 15 s at 1600
AGREE_RTOL = 1e-6
# the 1-D dictionary needs 3 points for a kink between two others; 10^6 is the largest size (the
# structured route; the other columns stop at their own limits)
MIN_SIZE, MAX_SIZE = 3, 1_000_000
DEFAULT_SIZES = (1600, 6400, 25_600, 100_000)  # a quick run; the full table adds 1_000_000


@dataclass(frozen=True)
class Limits:
    """The largest n each group of columns runs at (beyond it the cells print '-')."""

    lp: int = 25_600  # highs / exact / ratio / total / other / warm / checker
    dense: int = 3_200  # highs-dense / agree: the dense matrix is n x (4n - 2)
    naive: int = 200
    qsopt: int = 1_600  # QSopt_ex on the dense LP
    qsopt_kink: int = 100_000  # QSopt_ex on the kink LP


@dataclass
class BenchRow:
    """One size n: timings of every column run and the outcome of every cross-check (None: not run)."""

    n: int
    value: Fraction | None  # exact optimum (structured route; else the LP route's)
    structured: StructuredCells | str | None = None  # 'error' if its child failed
    struct_ok: bool | None = None  # structured value == LP route value (None: LP route not run)
    highs: float | None = None
    exact: float | None = None
    total: float | None = None
    warm: bool | None = None
    pivots: int | None = None
    checker: float | None = None
    checker_ok: bool | None = None
    highs_dense: float | None = None
    dense_value: float | None = None
    naive: Cell = None
    naive_ok: bool | None = None
    qsopt: Cell = None
    qsopt_ok: bool | None = None
    qsopt_kink: Cell = None
    qsopt_kink_ok: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        """LP route: exact / highs."""
        if self.exact is None or self.highs is None:
            return None
        return self.exact / self.highs if self.highs > 0 else math.inf

    @property
    def other(self) -> float | None:
        """LP route: total - highs - exact (dictionary, kink columns, result assembly)."""
        if self.total is None or self.highs is None or self.exact is None:
            return None
        return self.total - self.highs - self.exact

    @property
    def agree(self) -> bool | None:
        """HiGHS on the dense LP has the exact objective to AGREE_RTOL (None: not run)."""
        if self.dense_value is None or self.value is None:
            return None
        v = float(self.value)
        return abs(self.dense_value - v) <= AGREE_RTOL * max(1.0, abs(v))

    @property
    def cells(self) -> StructuredCells | None:
        """The structured measurement, if it succeeded."""
        return self.structured if isinstance(self.structured, StructuredCells) else None

    @property
    def solved_and_checked(self) -> float | None:
        """``s+c`` = struct + cert + check."""
        return None if self.cells is None else self.cells.solved_and_checked

    @property
    def speedup(self) -> float | None:
        """``x-qs`` = qsopt-kink / s+c (only where esolver finished with the right value)."""
        sc = self.solved_and_checked
        if sc is None or not isinstance(self.qsopt_kink, float) or not self.qsopt_kink_ok or sc <= 0:
            return None
        return self.qsopt_kink / sc


def instance(n: int) -> tuple[list[int], list[int]]:
    """The seeded benchmark instance of size n (integer x distinct, integer y)."""
    rng = random.Random(n)
    x = rng.sample(range(-5 * n, 5 * n), n)
    y = [rng.randint(-10, 10) for _ in range(n)]
    return x, y


def fastest(run: Callable[[], T], seconds: Callable[[T], float | None], below: float) -> T:
    """The result of the fastest of up to REPEATS calls of ``run``, stopping at a call of ``below`` seconds or
    more; a call that failed (``seconds`` None) is returned at once, never hidden behind an earlier success.

    >>> times = iter([0.3, 0.1, 0.2])
    >>> fastest(lambda: next(times), lambda t: t, 1.0)
    0.1
    """
    best: T | None = None
    for _ in range(REPEATS):
        out = run()
        took = seconds(out)
        if took is None:
            return out
        if best is None or took < cast(float, seconds(best)):
            best = out
        if took >= below:
            break
    return cast(T, best)


def _timed_solve(x: list[Fraction], y: list[Fraction]):
    """solve_dictionary_lp, best of REPEATS runs when a run is under REPEAT_BELOW seconds
    (millisecond timings are noisy); returns (solution of the fastest run, its wall time)."""
    def run():
        t0 = time.perf_counter()
        _, sol = solve_dictionary_lp(x, y)
        return sol, time.perf_counter() - t0
    return fastest(run, lambda out: out[1], REPEAT_BELOW)


def _lp_route(row: BenchRow, xf: list[Fraction], yf: list[Fraction]) -> None:
    """highs / exact / total / warm, and the checker on the output-bias certificate."""
    sol, row.total = _timed_solve(xf, yf)
    tm = sol.result.timings
    row.highs, row.exact = tm["float"], tm["exact"] + tm["verify"]
    row.warm, row.pivots = sol.result.warm_start_optimal, sol.result.pivots
    if row.value is None:
        row.value = sol.value
    else:
        row.struct_ok = sol.value == row.value
        if not row.struct_ok:
            row.notes.append(f"structured value {row.value} != LP route value {sol.value}")
    doc = interpolation_certificate(interpolate_1d(xf, yf, Convention(output_bias=True)), claim="bench",
                                    case=f"n={row.n}")
    t0 = time.perf_counter()
    rep = check_certificate(doc)
    row.checker = time.perf_counter() - t0
    row.checker_ok = rep.ok
    row.notes.append(f"checker (output bias) {'ACCEPTED' if rep.ok else 'REJECTED ' + '; '.join(rep.problems)}")


def _dense(row: BenchRow, x: list[int], y: list[int], xf: list[Fraction], limits: Limits) -> None:
    """highs-dense / agree, naive and qsopt (dense): the naive data-coordinate formulation. The naive
    baseline starts from the dense HiGHS basis, so HiGHS runs up to max(dense, naive)."""
    assert row.value is not None
    D = dense_dictionary(x, relu_atoms(xf))
    if row.n <= max(limits.dense, limits.naive):
        dense = solve_dense_highs(D, y)
        row.highs_dense, row.dense_value = dense.seconds, dense.value
        row.notes.append(f"highs-dense {'agrees' if row.agree else 'DISAGREES'} ({dense.value:.9g})")
        if row.n <= limits.naive:
            t0 = time.perf_counter()
            row.naive_ok, note = naive_certify(D, y, dense, row.value)
            row.naive = time.perf_counter() - t0
            row.notes.append(note)
    if row.n <= limits.qsopt:
        row.qsopt, row.qsopt_ok, note = run_esolver(dense_lp_text(D, y), row.value)
        row.notes.append(f"qsopt {note}")


def _solved_and_checked(cells: StructuredCells | str) -> float | None:
    return cells.solved_and_checked if isinstance(cells, StructuredCells) else None


def _esolver_seconds(result: tuple[Cell, bool | None, str]) -> float | None:
    return result[0] if isinstance(result[0], float) and result[1] else None


def bench_row(n: int, limits: Limits = Limits()) -> BenchRow:
    """Run every column whose limit admits n on the size-n instance: the structured route first (its own
    process), then the LP route, the dense baselines and QSopt_ex."""
    structured = fastest(lambda: measure_in_child(n), _solved_and_checked, SPEEDUP_REPEAT_BELOW)
    row = BenchRow(n, structured.value if isinstance(structured, StructuredCells) else None, structured)
    if row.cells is not None:
        row.notes.append(f"{row.cells.note} (certificate {row.cells.megabytes:.3g} MB of JSON)")
    x, y = instance(n)
    xf, yf = [Fraction(v) for v in x], [Fraction(v) for v in y]
    if n <= limits.lp:
        _lp_route(row, xf, yf)
    if row.value is None:  # neither route gave the exact value: nothing to cross-check the rest with
        return row
    if n <= max(limits.dense, limits.naive, limits.qsopt):
        _dense(row, x, y, xf, limits)
    if n <= limits.qsopt_kink:
        # the same LP as the LP route, built from the structured optimum (no LP solve): esolver's value
        # is cross-checked against the structured one
        lp = interpolate_structured(xf, yf).solution.lp
        text, value = kink_lp_text(lp), row.value
        row.qsopt_kink, row.qsopt_kink_ok, note = fastest(lambda: run_esolver(text, value), _esolver_seconds,
                                                          SPEEDUP_REPEAT_BELOW)
        row.notes.append(f"qsopt-kink {note}")
    return row
