"""The benchmark table: header (what every column measures), one line per row, the summary of the targets."""

from __future__ import annotations

from typing import Sequence

from .qsopt import QSOPT_TIMEOUT, Cell
from .row import (
    RATIO_TARGET,
    RATIO_UP_TO,
    REPEATS,
    SPEEDUP_REPEAT_BELOW,
    TOTAL_AT,
    TOTAL_TARGET,
    BenchRow,
    Limits,
)
from .structured import fit_exponent

# issue 17's targets for the structured route
SC_TARGET_AT, SC_TARGET = 100_000, 1.5  # seconds of s+c
BIG_AT, BIG_TARGET, MIB_TARGET = 1_000_000, 20.0, 4096.0
SPEEDUP_TARGET, SPEEDUP_AT = 5.0, (1600, 6400, 25_600, 100_000)  # s+c vs qsopt-kink
FIT_FROM, EXPONENT_TARGET = 1600, 1.15  # checker time ~ n^e over n >= 1600; e <= 1.15 counts as n log n


def fmt(t: Cell, ok: bool | None = None) -> str:
    """A cell: '-' skipped, seconds to 3 significant digits, a word as is; '*' marks a failed cross-check."""
    s = "-" if t is None else t if isinstance(t, str) else f"{t:.3g}"
    if isinstance(t, float) and len(s) > 7:  # 0.000123: keep the columns aligned
        s = f"{t:.1e}"
    return s + ("*" if ok is False else "")


COLUMNS = ["n", "struct", "cert", "check", "s+c", "MiB", "qsopt-kink", "x-qs",
           "highs", "exact", "ratio", "total", "other", "warm", "checker",
           "highs-dense", "agree", "naive", "qsopt"]


def cells(r: BenchRow) -> list[str]:
    """The row's cells in COLUMNS order."""
    s = r.cells
    failed = "error" if r.structured == "error" else None
    struct = [fmt(s.struct, r.struct_ok), fmt(s.cert), fmt(s.check, s.accepted), fmt(s.solved_and_checked),
              f"{s.mib:.0f}"] if s is not None else [fmt(failed)] * 5
    warm = "-" if r.warm is None else ("yes" if r.warm else "no") + f"/{r.pivots}p"
    agree = "-" if r.agree is None else "yes" if r.agree else "NO"
    return [str(r.n), *struct, fmt(r.qsopt_kink, r.qsopt_kink_ok), fmt(r.speedup),
            fmt(r.highs), fmt(r.exact), fmt(r.ratio), fmt(r.total), fmt(r.other), warm,
            fmt(r.checker, r.checker_ok), fmt(r.highs_dense), agree, fmt(r.naive, r.naive_ok),
            fmt(r.qsopt, r.qsopt_ok)]


def header(limits: Limits = Limits()) -> str:
    """What every column measures, with the size limits of this run."""
    return "\n".join([
        "Exact 1-D min-l1 interpolation, 2n-2 ReLU atoms + free constant, no output bias (ep (4)); seeded",
        "instances, x: n distinct integers in [-5n, 5n), y: integers in [-10, 10]. Seconds, 3 significant digits.",
        "Structured exact route (closed form, O(n log n), no LP), each run in a fresh child process:",
        "  struct  interpolate_structured;  cert  interpolation_certificate written as verify run stores it;",
        "  check   check_file on that file, as verify check (the independent check, from the file only)",
        "  s+c     struct + cert + check: solved, certified and independently checked (cert INCLUDED)",
        "  MiB     peak resident memory of that child (VmHWM, its own address space; ~40 MiB: interpreter + imports)",
        "  qsopt-kink  QSopt_ex esolver (exact simplex) on the same kink-coordinate LP (rows scaled to integers),",
        f"          wall time incl. reading the file; up to n = {limits.qsopt_kink};  x-qs = qsopt-kink / s+c",
        f"  s+c and qsopt-kink under one rule: the fastest of {REPEATS} runs while a run takes < "
        f"{SPEEDUP_REPEAT_BELOW:g} s (struct, cert, check, MiB from that fastest s+c run)",
        f"LP route solve_dictionary_lp (sparse kink LP: HiGHS + exact repair), up to n = {limits.lp}:",
        "  highs   float phase (standard form + HiGHS); highs/exact/total from one call, the fastest of 3 if < 1 s",
        f"  exact   exact basis solve/repair + exact verification;  ratio = exact/highs (target <= {RATIO_TARGET}"
        f" up to n = {RATIO_UP_TO})",
        f"  total   whole call (target < {TOTAL_TARGET:g} s at n = {TOTAL_AT}); other = total - highs - exact",
        "  warm    HiGHS basis exactly optimal (yes/no) / exact pivots",
        "  checker check_certificate on the output-bias certificate (interpolate_1d, output_bias=True)",
        "Naive formulation (dense data coordinates): the n x (4n - 2) matrix [A, -A, 1, -1] --",
        f"  highs-dense  HiGHS on it, up to n = {max(limits.dense, limits.naive)}; agree = same objective to 1e-6"
        " rel.",
        f"  naive   Fraction Gaussian elimination on the dense HiGHS basis + exact check, up to n = {limits.naive}",
        f"  qsopt   QSopt_ex esolver on it, up to n = {limits.qsopt}",
        f"'-' skipped (over the column's limit), 'timeout' over {QSOPT_TIMEOUT:g} s, '*' failed cross-check"
        " (see notes):",
        "  struct* = value differs from the LP route's, check* = rejected, qsopt*/qsopt-kink* = other value",
    ])


WIDTHS = [max(len(c), 7) for c in COLUMNS]


def line(cells: Sequence[str]) -> str:
    """The cells right-aligned in their columns."""
    return " ".join(c.rjust(w) for c, w in zip(cells, WIDTHS))


def _verdict(ok: bool, short: str) -> str:
    return "met" if ok else f"NOT met ({short})"


def targets(rows: Sequence[BenchRow]) -> list[str]:
    """Issue 17's targets (a)-(e) and DESIGN's total target, for the sizes present in ``rows``."""
    by_n = {r.n: r for r in rows}
    out = []
    r = by_n.get(SC_TARGET_AT)
    if r is not None and r.solved_and_checked is not None:
        sc = r.solved_and_checked
        out.append(f"(a) n = {r.n}: solved+checked {sc:.3g} s (target < {SC_TARGET:g} s: "
                   f"{_verdict(sc < SC_TARGET, f'{sc - SC_TARGET:.3g} s over')})")
    r = by_n.get(BIG_AT)
    if r is not None and r.cells is not None:
        sc, mib = r.cells.solved_and_checked, r.cells.mib
        over = [f"{sc - BIG_TARGET:.3g} s over"] * (sc >= BIG_TARGET) + [f"{mib - MIB_TARGET:.0f} MiB over"] * (
            mib >= MIB_TARGET)
        out.append(f"(b) n = {r.n}: solved+checked {sc:.3g} s, peak {mib:.0f} MiB (target < {BIG_TARGET:g} s "
                   f"and < {MIB_TARGET:g} MiB: {_verdict(not over, ', '.join(over))})")
    speed = [(n, x) for n in SPEEDUP_AT if n in by_n and (x := by_n[n].speedup) is not None]
    if speed:
        short = [f"n = {n} short by a factor {SPEEDUP_TARGET / x:.2g}" for n, x in speed if x < SPEEDUP_TARGET]
        out.append("(c) s+c vs qsopt-kink: " + ", ".join(f"{x:.3g}x at {n}" for n, x in speed)
                   + f" (target >= {SPEEDUP_TARGET:g}x each: {_verdict(not short, '; '.join(short))})")
    fit = [(r.n, r.cells.check) for r in rows if r.n >= FIT_FROM and r.cells is not None]
    e = fit_exponent([n for n, _ in fit], [t for _, t in fit]) if len(fit) >= 2 else None
    if e is not None:
        out.append(f"(d) checker time ~ n^e, e = {e:.3g} (least squares over n = "
                   f"{', '.join(str(n) for n, _ in fit)}; target e <= {EXPONENT_TARGET} ~ n log n: "
                   f"{_verdict(e <= EXPONENT_TARGET, f'{e - EXPONENT_TARGET:.2g} over')})")
    upto = [r for r in rows if r.n <= RATIO_UP_TO and r.ratio is not None]
    if upto:
        worst = max(upto, key=lambda r: r.ratio or 0.0)
        ratio = worst.ratio or 0.0
        out.append(f"(e) LP route max exact/highs (n <= {RATIO_UP_TO}) {ratio:.3g} at n = {worst.n} "
                   f"(target <= {RATIO_TARGET}: {_verdict(ratio <= RATIO_TARGET, f'{ratio - RATIO_TARGET:.2g} over')})")
    r = by_n.get(TOTAL_AT)
    if r is not None and r.total is not None:
        out.append(f"LP route total at n = {r.n}: {r.total:.3g} s (DESIGN target < {TOTAL_TARGET:g} s: "
                   f"{_verdict(r.total < TOTAL_TARGET, f'{r.total - TOTAL_TARGET:.3g} s over')})")
    return out


def summary(rows: Sequence[BenchRow]) -> str:
    """The summary block: one line per target that the sizes of the run allow."""
    lines = targets(rows)
    return "summary:" + "".join("\n  " + t for t in lines) if lines else "summary: no target size in this run"
