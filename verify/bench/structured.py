"""The structured exact route of the benchmark, measured in a fresh child process per size.

One run of size n (the benchmark keeps the fastest of a few, :func:`verify.bench.row.fastest`) on the seeded
instance of :func:`verify.bench.row.instance`, free constant and no output bias (ep (4), the LP that
``solve_dictionary_lp`` and ``qsopt-kink`` solve):

* ``struct`` -- seconds of :func:`exact.relu.structured.interpolate_structured` (closed form, no LP);
* ``cert``   -- seconds of :func:`~exact.certificates.relu1d_l1_interpolation.interpolation_certificate`
  written as ``verify run`` stores it (:func:`verify.context.certificate_text`, atomically);
* ``check``  -- seconds of :func:`exact.checker.check_file` on that file, what ``verify check`` runs: the
  independent check from the stored certificate only (reading, parsing, checking);
* ``MiB``    -- the child's peak resident memory (:func:`peak_mib`) after all three: interpreter,
  instance, solution, certificate and check together.

The child is started with ``spawn`` so that it holds nothing of the parent (no HiGHS, no earlier rows):
its peak memory is that of the structured row alone (plus the interpreter, ~40 MiB).

>>> fit_exponent([10, 100, 1000], [2e-3, 2e-2, 2e-1])
1.0
"""

from __future__ import annotations

import math
import multiprocessing
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Sequence


@dataclass(frozen=True)
class StructuredCells:
    """The structured row of one size: seconds of each step, peak MiB, the value and the checker's verdict."""

    struct: float
    cert: float
    check: float
    mib: float
    value: Fraction
    accepted: bool  # the checker accepted and stated the producer's value
    note: str
    megabytes: float  # size of the certificate file (10^6 bytes)

    @property
    def solved_and_checked(self) -> float:
        """``s+c``: solve + certificate (as a file) + independent check from that file."""
        return self.struct + self.cert + self.check


def measure(n: int) -> StructuredCells:
    """The structured row of size n in this process (the child's body; module doc)."""
    from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
    from exact.checker import check_file
    from exact.relu.structured import interpolate_structured

    from ..context import certificate_text
    from ..files import write_atomic
    from .row import instance

    x, y = instance(n)
    xf, yf = [Fraction(v) for v in x], [Fraction(v) for v in y]
    del x, y
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "certificate.json"
        t0 = time.perf_counter()
        sol = interpolate_structured(xf, yf, Fraction(0), output_bias=False)
        t1 = time.perf_counter()
        write_atomic(path, certificate_text(interpolation_certificate(sol, claim="bench", case=f"n={n}")))
        t2 = time.perf_counter()
        rep = check_file(str(path))
        t3 = time.perf_counter()
        megabytes = path.stat().st_size / 1e6
    mib = peak_mib()
    accepted = rep.ok and rep.value == str(sol.value)
    note = ("check ACCEPTED" if accepted else
            "check REJECTED " + "; ".join(rep.problems) if not rep.ok else f"check states {rep.value} != {sol.value}")
    return StructuredCells(t1 - t0, t2 - t1, t3 - t2, mib, sol.value, accepted, note, megabytes)


def peak_mib() -> float:
    """This process's peak resident memory in MiB.

    Linux: ``VmHWM`` of /proc/self/status, the high-water mark of this address space. ``ru_maxrss`` is not
    used there because Linux carries it across ``exec``: a spawned child would report the parent's peak
    at the fork (the benchmark's parent holds HiGHS and the dense matrices, ~850 MiB) whenever that is
    the larger. Elsewhere ``ru_maxrss`` (KiB, bytes on macOS).
    """
    try:
        with open("/proc/self/status") as f:
            for text in f:
                if text.startswith("VmHWM:"):
                    return int(text.split()[1]) / 2**10  # kB
    except OSError:
        pass
    scale = 1 / 2**20 if sys.platform == "darwin" else 1 / 2**10
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def measure_in_child(n: int) -> StructuredCells | str:
    """:func:`measure` in a fresh spawned interpreter; 'error' (with the reason printed) if the child failed
    (an exception, or killed: out of memory, say)."""
    ctx = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
            return pool.submit(measure, n).result()
    except BrokenProcessPool:
        print(f"  n = {n}: the structured child died (out of memory?)", flush=True)
        return "error"
    except Exception as exc:  # the child's exception, re-raised here: report it in the row, go on
        print(f"  n = {n}: structured route failed: {type(exc).__name__}: {exc}", flush=True)
        return "error"


def fit_exponent(sizes: Sequence[int], seconds: Sequence[float]) -> float | None:
    """Least-squares slope e of log(seconds) against log(n): time ~ n^e. None with fewer than two distinct
    sizes or a non-positive time. Rounded to 9 decimals, so that exact powers come out exact.

    >>> fit_exponent([10, 20, 40], [1.0, 4.0, 16.0])
    2.0
    """
    pts = [(math.log(n), math.log(t)) for n, t in zip(sizes, seconds, strict=True) if t > 0]
    if len(pts) != len(sizes) or len({p[0] for p in pts}) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxy = sum((a - mx) * (b - my) for a, b in pts)
    sxx = sum((a - mx) ** 2 for a, _ in pts)
    return round(sxy / sxx, 9)
