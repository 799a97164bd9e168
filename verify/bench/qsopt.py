"""QSopt_ex's exact simplex ``esolver`` on the benchmark LPs (CPLEX LP text), timed and cross-checked."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import tempfile
import time
from fractions import Fraction
from pathlib import Path
from typing import Sequence, Union

import numpy as np

from exact.lp import LinearProgram

Cell = Union[float, str, None]  # seconds, None = skipped, or 'timeout' / 'error' / 'absent'

QSOPT_TIMEOUT = 120.0  # seconds per esolver run


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
