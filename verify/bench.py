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

import math
import random
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Sequence

import numpy as np

from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.checker import check_certificate
from exact.lp import LinearProgram
from exact.lp.highs import run_highs
from exact.relu.dictionary import Atom
from exact.relu.interpolation import interpolate_1d, solve_dictionary_lp

QSOPT_TIMEOUT = 120.0  # seconds per esolver run
REPEATS, REPEAT_BELOW = 3, 1.0  # the project's solve: best of 3 when a run takes < 1 s
AGREE_RTOL = 1e-6
RATIO_TARGET, RATIO_UP_TO = 1.5, 1600
TOTAL_TARGET, TOTAL_AT = 15.0, 1600

Cell = float | str | None  # seconds, None = skipped, or 'timeout' / 'error' / 'absent'


@dataclass
class BenchRow:
    """One size n: timings of every column and the outcome of every cross-check."""

    n: int
    value: Fraction  # exact optimum
    highs: float
    exact: float
    total: float
    warm: bool
    pivots: int
    checker: float
    checker_ok: bool
    highs_dense: float
    dense_value: float
    naive: Cell = None
    naive_ok: bool | None = None
    qsopt: Cell = None
    qsopt_ok: bool | None = None
    qsopt_kink: Cell = None
    qsopt_kink_ok: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.exact / self.highs if self.highs > 0 else math.inf

    @property
    def other(self) -> float:
        return self.total - self.highs - self.exact

    @property
    def agree(self) -> bool:
        v = float(self.value)
        return abs(self.dense_value - v) <= AGREE_RTOL * max(1.0, abs(v))


# ---------------------------------------------------------------- instances


def instance(n: int) -> tuple[list[int], list[int]]:
    """The seeded benchmark instance of size n (integer x distinct, integer y)."""
    rng = random.Random(n)
    x = rng.sample(range(-5 * n, 5 * n), n)
    y = [rng.randint(-10, 10) for _ in range(n)]
    return x, y


def dense_dictionary(x: Sequence[int], atoms: Sequence[Atom]) -> np.ndarray:
    """D[i, j] = atom_j(x_i) for the ReLU (alpha = 0), as int64 (the data coordinates)."""
    xs = np.asarray(x, dtype=np.int64)[:, None]
    u = np.array([a.u for a in atoms], dtype=np.int64)[None, :]
    t = np.array([int(a.knot) for a in atoms], dtype=np.int64)[None, :]
    return np.maximum(u * (xs - t), 0)


# ---------------------------------------------------------------- HiGHS, dense


@dataclass
class DenseHighs:
    seconds: float
    value: float
    basic_cols: list[int]  # columns of [D, -D, 1, -1]
    basic_rows: list[int]  # rows whose logical is basic (a unit column e_i fixed at 0)


def solve_dense_highs(D: np.ndarray, y: Sequence[int]) -> DenseHighs:
    """min 1^T (w+ + w-) s.t. D w+ - D w- + c+ - c- = y, all >= 0, with highspy."""
    import highspy
    import scipy.sparse as sp

    n, N = D.shape
    ones = np.ones((n, 1))
    A = sp.csc_matrix(np.hstack([D, -D, ones, -ones]).astype(float))
    t0 = time.perf_counter()
    h = run_highs(A, np.concatenate([np.ones(2 * N), np.zeros(2)]), np.asarray(y, dtype=float))
    seconds = time.perf_counter() - t0
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"HiGHS (dense): {h.modelStatusToString(h.getModelStatus())}")
    basis = h.getBasis()
    kb = highspy.HighsBasisStatus.kBasic
    return DenseHighs(
        seconds, h.getInfo().objective_function_value,
        [j for j, s in enumerate(basis.col_status) if s == kb],
        [i for i, s in enumerate(basis.row_status) if s == kb],
    )


# ---------------------------------------------------------------- naive exact baseline


def gauss_solve(M: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction]:
    """Solve M z = rhs (M square, nonsingular) by plain Gaussian elimination over Fraction."""
    n = len(M)
    A = [list(row) + [b] for row, b in zip(M, rhs)]
    for k in range(n):
        p = next((i for i in range(k, n) if A[i][k] != 0), None)
        if p is None:
            raise ZeroDivisionError("singular basis matrix")
        A[k], A[p] = A[p], A[k]
        pk = A[k]
        for i in range(k + 1, n):
            f = A[i][k] / pk[k]
            if f:
                row = A[i]
                for j in range(k, n + 1):
                    if pk[j]:
                        row[j] -= f * pk[j]
    z = [Fraction(0)] * n
    for k in reversed(range(n)):
        s = A[k][n] - sum((A[k][j] * z[j] for j in range(k + 1, n) if A[k][j]), Fraction(0))
        z[k] = s / A[k][k]
    return z


def naive_certify(D: np.ndarray, y: Sequence[int], dense: DenseHighs, value: Fraction) -> tuple[bool, str]:
    """The naive exact certificate from the dense float basis; returns (ok, note).

    ok means: the basis solution is exactly primal feasible, its dual v is
    exactly feasible (|a_j^T v| <= 1, 1^T v = 0), both objectives are equal,
    and that value is the project's exact value.
    """
    n, N = D.shape
    Dl = [[Fraction(int(v)) for v in row] for row in D.tolist()]

    def column(j: int) -> tuple[list[Fraction], Fraction]:  # (column, cost) of [D, -D, 1, -1]
        if j < N:
            return [r[j] for r in Dl], Fraction(1)
        if j < 2 * N:
            return [-r[j - N] for r in Dl], Fraction(1)
        return [Fraction(1 if j == 2 * N else -1)] * n, Fraction(0)

    cols = [column(j) for j in dense.basic_cols]
    cols += [([Fraction(int(i == r)) for i in range(n)], Fraction(0)) for r in dense.basic_rows]
    if len(cols) != n:
        return False, f"HiGHS basis has {len(cols)} columns for {n} rows"
    B = [[c[i] for c, _ in cols] for i in range(n)]
    xB = gauss_solve(B, [Fraction(v) for v in y])
    v = gauss_solve([list(c) for c, _ in cols], [cost for _, cost in cols])  # B^T v = c_B
    k = len(dense.basic_cols)
    if any(z < 0 for z in xB[:k]) or any(z != 0 for z in xB[k:]):
        return False, "basis not primal feasible"
    w = [Fraction(0)] * N
    const = Fraction(0)
    for j, z in zip(dense.basic_cols, xB):
        if j < N:
            w[j] += z
        elif j < 2 * N:
            w[j - N] -= z
        else:
            const += z if j == 2 * N else -z
    support = [j for j in range(N) if w[j]]
    if any(sum((Dl[i][j] * w[j] for j in support), const) != y[i] for i in range(n)):
        return False, "primal residual nonzero"
    if sum(v) != 0 or any(abs(sum((Dl[i][j] * v[i] for i in range(n) if Dl[i][j]), Fraction(0))) > 1
                          for j in range(N)):
        return False, "dual infeasible (float basis not exactly optimal)"
    primal = sum((abs(z) for z in w), Fraction(0))
    dual = sum((vi * yi for vi, yi in zip(v, y)), Fraction(0))
    if primal != dual:
        return False, f"primal {primal} != dual {dual}"
    if primal != value:
        return False, f"naive value {primal} != exact value {value}"
    return True, "naive ok"


# ---------------------------------------------------------------- QSopt_ex


def _lp_text(objective: list[str], rows: list[tuple[list[str], str]], free: list[str]) -> str:
    """CPLEX LP text; terms are '+ 3 x1' strings, a few per line (short lines)."""
    def wrap(head: str, terms: list[str], tail: str = "") -> list[str]:
        chunks = [" ".join(terms[k:k + 10]) for k in range(0, len(terms), 10)]
        out = [f" {head} {chunks[0]}"] + [f"   {c}" for c in chunks[1:]]
        out[-1] += tail
        return out

    lines = ["Minimize", *wrap("obj:", objective), "Subject To"]
    for i, (terms, rhs) in enumerate(rows):
        lines += wrap(f"r{i}:", terms, f" = {rhs}")
    lines += ["Bounds", *[f" {v} free" for v in free], "End", ""]
    return "\n".join(lines)


def dense_lp_text(D: np.ndarray, y: Sequence[int]) -> str:
    """The data-coordinate LP: variables p_j = w+_j, m_j = w-_j, cp, cm >= 0."""
    n, N = D.shape
    objective = [f"+ p{j} + m{j}" for j in range(N)]
    rows = []
    for i in range(n):
        nz = np.flatnonzero(D[i])
        terms = [f"+ {a} p{j} - {a} m{j}" for j, a in zip(nz.tolist(), D[i, nz].tolist())]
        rows.append((terms + ["+ cp - cm"], str(y[i])))
    return _lp_text(objective, rows, free=[])


def kink_lp_text(lp: LinearProgram) -> str:
    """The project's kink-coordinate LP, each row scaled by the lcm of its denominators."""
    def coef(a: Fraction) -> str:
        return f"+ {a}" if a >= 0 else f"- {-a}"

    objective = [f"{coef(c)} x{j}" for j, c in enumerate(lp.c) if c]
    rows = []
    for row, b in zip(lp.A_eq, lp.b_eq):
        s = math.lcm(b.denominator, *(a.denominator for a in row.values()))
        terms = [f"{coef(a * s)} x{j}" for j, a in sorted(row.items()) if a]
        rows.append((terms, str(b * s)))
    return _lp_text(objective, rows, free=[f"x{j}" for j in sorted(lp.free)])


_VALUE = re.compile(r"Value\s*=\s*(\S+)")


def run_esolver(text: str, value: Fraction) -> tuple[Cell, bool | None, str]:
    """Write ``text`` to a temp .lp file, time ``esolver -L -O``, compare its value."""
    exe = shutil.which("esolver")
    if exe is None:
        return "absent", None, "esolver not installed"
    with tempfile.TemporaryDirectory(prefix="relu-bench-") as tmp:
        lp_file, sol_file = Path(tmp, "bench.lp"), Path(tmp, "bench.sol")
        lp_file.write_text(text)
        t0 = time.perf_counter()
        try:
            proc = subprocess.run([exe, "-L", "-O", str(sol_file), str(lp_file)],
                                  capture_output=True, text=True, timeout=QSOPT_TIMEOUT)
        except subprocess.TimeoutExpired:
            return "timeout", None, f"esolver over {QSOPT_TIMEOUT:.0f} s"
        seconds = time.perf_counter() - t0
        sol = sol_file.read_text() if sol_file.exists() else ""
    m = _VALUE.search(sol)
    if proc.returncode != 0 or "OPTIMAL" not in sol or m is None:
        return "error", False, f"esolver exit {proc.returncode}, no optimal value"
    got = Fraction(m.group(1))
    if got != value:
        return seconds, False, f"value MISMATCH {got} != {value}"
    return seconds, True, "value ok"


# ---------------------------------------------------------------- one row


def _timed_solve(x: list[Fraction], y: list[Fraction]):
    """solve_dictionary_lp, best of REPEATS runs when a run is under REPEAT_BELOW seconds
    (millisecond timings are noisy); returns (atoms, solution of the fastest run, its wall time)."""
    best = None
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        atoms, sol = solve_dictionary_lp(x, y)
        total = time.perf_counter() - t0
        if best is None or total < best[2]:
            best = (atoms, sol, total)
        if total >= REPEAT_BELOW:
            break
    return best


def bench_row(n: int, naive_limit: int, qsopt_limit: int) -> BenchRow:
    """Run every column on the size-n instance."""
    x, y = instance(n)
    xf, yf = [Fraction(v) for v in x], [Fraction(v) for v in y]
    atoms, sol, total = _timed_solve(xf, yf)
    tm = sol.result.timings

    doc = interpolation_certificate(interpolate_1d(xf, yf, output_bias=True), claim="bench", case=f"n={n}")
    t0 = time.perf_counter()
    rep = check_certificate(doc)
    checker = time.perf_counter() - t0

    D = dense_dictionary(x, atoms)
    dense = solve_dense_highs(D, y)
    row = BenchRow(
        n, sol.value, tm["float"], tm["exact"] + tm["verify"], total,
        sol.result.warm_start_optimal, sol.result.pivots, checker,
        rep.ok and rep.value == str(sol.value), dense.seconds, dense.value,
    )
    row.notes.append(f"checker {'ACCEPTED' if rep.ok else 'REJECTED ' + '; '.join(rep.problems)}")
    row.notes.append(f"highs-dense {'agrees' if row.agree else 'DISAGREES'} ({dense.value:.9g})")
    if n <= naive_limit:
        t0 = time.perf_counter()
        row.naive_ok, note = naive_certify(D, y, dense, sol.value)
        row.naive = time.perf_counter() - t0
        row.notes.append(note)
    if n <= qsopt_limit:
        row.qsopt, row.qsopt_ok, note = run_esolver(dense_lp_text(D, y), sol.value)
        row.notes.append(f"qsopt {note}")
        row.qsopt_kink, row.qsopt_kink_ok, note = run_esolver(kink_lp_text(sol.lp), sol.value)
        row.notes.append(f"qsopt-kink {note}")
    return row


# ---------------------------------------------------------------- table


def _fmt(t: Cell, ok: bool | None = None) -> str:
    s = "-" if t is None else t if isinstance(t, str) else f"{t:.3g}"
    return s + ("*" if ok is False else "")


COLUMNS = ["n", "highs", "exact", "ratio", "total", "other", "warm", "checker",
           "highs-dense", "agree", "naive", "qsopt", "qsopt-kink"]


def _cells(r: BenchRow) -> list[str]:
    return [str(r.n), _fmt(r.highs), _fmt(r.exact), _fmt(r.ratio), _fmt(r.total), _fmt(r.other),
            ("yes" if r.warm else "no") + f"/{r.pivots}p", _fmt(r.checker, r.checker_ok),
            _fmt(r.highs_dense), "yes" if r.agree else "NO", _fmt(r.naive, r.naive_ok),
            _fmt(r.qsopt, r.qsopt_ok), _fmt(r.qsopt_kink, r.qsopt_kink_ok)]


def _header() -> str:
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


def _line(cells: Sequence[str]) -> str:
    return " ".join(c.rjust(w) for c, w in zip(cells, WIDTHS))


def format_table(rows: Sequence[BenchRow]) -> str:
    return "\n".join([_line(COLUMNS)] + [_line(_cells(r)) for r in rows])


def _summary(rows: Sequence[BenchRow]) -> str:
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


def _warm_up() -> None:
    """Import and initialise HiGHS once so the first row does not pay for it."""
    x, y = instance(8)
    solve_dictionary_lp([Fraction(v) for v in x], [Fraction(v) for v in y])


def run_bench(sizes: list[int], naive_limit: int, qsopt_limit: int) -> list[BenchRow]:
    """Print the benchmark table for ``sizes`` and return its rows."""
    print(_header(), flush=True)
    if shutil.which("esolver") is None:
        print("  (esolver not found: qsopt columns show 'absent')")
    _warm_up()
    rows: list[BenchRow] = []
    print("\n" + _line(COLUMNS), flush=True)
    for n in sizes:
        if n < 3:
            raise ValueError("bench sizes must be >= 3")
        rows.append(bench_row(n, naive_limit, qsopt_limit))
        print(_line(_cells(rows[-1])), flush=True)
    print("\nnotes:")
    for r in rows:
        print(f"  n = {r.n}: value {r.value}; " + "; ".join(r.notes))
    if rows:
        print(_summary(rows))
    return rows
