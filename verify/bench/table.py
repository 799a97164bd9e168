"""The benchmark table: header, one line per row, the summary against the DESIGN targets."""

from __future__ import annotations

from typing import Sequence

from .qsopt import QSOPT_TIMEOUT, Cell
from .row import RATIO_TARGET, RATIO_UP_TO, TOTAL_AT, TOTAL_TARGET, BenchRow


def fmt(t: Cell, ok: bool | None = None) -> str:
    s = "-" if t is None else t if isinstance(t, str) else f"{t:.3g}"
    return s + ("*" if ok is False else "")


COLUMNS = ["n", "highs", "exact", "ratio", "total", "other", "warm", "checker",
           "highs-dense", "agree", "naive", "qsopt", "qsopt-kink"]


def cells(r: BenchRow) -> list[str]:
    return [str(r.n), fmt(r.highs), fmt(r.exact), fmt(r.ratio), fmt(r.total), fmt(r.other),
            ("yes" if r.warm else "no") + f"/{r.pivots}p", fmt(r.checker, r.checker_ok),
            fmt(r.highs_dense), "yes" if r.agree else "NO", fmt(r.naive, r.naive_ok),
            fmt(r.qsopt, r.qsopt_ok), fmt(r.qsopt_kink, r.qsopt_kink_ok)]


def header() -> str:
    return "\n".join([
        "Exact 1-D min-l1 interpolation, 2n-2 ReLU atoms + free constant; seeded instances,",
        "x: n distinct integers in [-5n, 5n), y: integers in [-10, 10]. Seconds, 3 significant digits.",
        "  highs   float phase of solve_dictionary_lp (standard form + HiGHS, kink coordinates);",
        "          highs/exact/total from one call, the fastest of 3 when a call takes < 1 s",
        "  exact   exact basis solve/repair + exact verification     ratio = exact/highs "
        f"(target <= {RATIO_TARGET} up to n = {RATIO_UP_TO})",
        f"  total   whole solve_dictionary_lp call (target < {TOTAL_TARGET:g} s at n = {TOTAL_AT});"
        " other = total - highs - exact",
        "  warm    HiGHS basis exactly optimal (yes/no) / exact pivots;  checker = independent checker",
        "  highs-dense  HiGHS on the dense data-coordinate LP; agree = same objective to 1e-6 rel.",
        "  naive   Fraction Gaussian elimination on the dense HiGHS basis (primal + transpose) + exact check",
        "  qsopt   QSopt_ex esolver on the dense data-coordinate LP; qsopt-kink: on the kink-coordinate LP",
        f"  '-' skipped, 'timeout' over {QSOPT_TIMEOUT:g} s, '*' failed cross-check (see notes)",
    ])


WIDTHS = [max(len(c), 7) for c in COLUMNS]


def line(cells: Sequence[str]) -> str:
    return " ".join(c.rjust(w) for c, w in zip(cells, WIDTHS))


def summary(rows: Sequence[BenchRow]) -> str:
    upto = [r for r in rows if r.n <= RATIO_UP_TO]
    parts = []
    if upto:
        worst = max(upto, key=lambda r: r.ratio)
        parts.append(f"max ratio (n <= {RATIO_UP_TO}) {worst.ratio:.3g} at n = {worst.n} "
                     f"(target <= {RATIO_TARGET}: {'met' if worst.ratio <= RATIO_TARGET else 'NOT met'})")
    big = max(rows, key=lambda r: r.n)
    met = "met" if big.n != TOTAL_AT or big.total < TOTAL_TARGET else "NOT met"
    parts.append(f"total at n = {big.n}: {big.total:.3g} s"
                 + (f" (target < {TOTAL_TARGET:g} s: {met})" if big.n == TOTAL_AT else ""))
    return "summary: " + "; ".join(parts)
