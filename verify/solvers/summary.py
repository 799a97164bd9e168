"""The summary of a sweep: solvers ranked by worst error and by time, the flagged rows, and the JSON document.

A solver's *worst error* is the largest error of its rows in units of the tolerance's allowance (abs + rel
|truth|; <= 1 is within tolerance, so the ranking agrees with PASS / FAIL even where the truth is near 0 and a
relative error says little); an ERROR row or a missing value counts as infinite. The rows keep the absolute and
the relative error. *Flagged*: rows where the status claims optimality while the
value is outside the tolerance.

>>> from verify.solvers.harness import Row
>>> rows = [Row("a", "p", "f", "interpolation", 3, "PASS", False, "optimal", 1.0, "1", 0.0, 0.0, 0.0, None, None, 0.2,
...             scaled=0.0),
...         Row("b", "p", "f", "interpolation", 3, "FAIL", True, "optimal", 1.1, "1", 0.1, 0.1, 0.0, None, None, 0.1,
...             scaled=1e5)]
>>> [(s.solver, s.worst, s.flagged) for s in summarise(rows)]
[('a', 0.0, 0), ('b', 100000.0, 1)]
"""

from __future__ import annotations

import math
import statistics
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any, Sequence

from .harness import Row, Sweep, Tolerance


@dataclass(frozen=True)
class SolverSummary:
    solver: str
    runs: int
    passed: int
    failed: int
    errors: int
    flagged: int
    worst: float  # the worst error in units of the tolerance (module doc)
    worst_problem: str
    seconds: float
    median_seconds: float
    failed_families: dict[str, int]  # family -> FAIL or ERROR rows


def _error(r: Row) -> float:
    if r.verdict == "ERROR" or r.scaled is None:
        return math.inf
    return r.scaled


def summarise(rows: Sequence[Row]) -> list[SolverSummary]:
    """One summary per solver, ranked by worst error, then by total time."""
    out = []
    for name in dict.fromkeys(r.solver for r in rows):
        mine = [r for r in rows if r.solver == name]
        worst = max(mine, key=_error)
        fam: dict[str, int] = {}
        for r in mine:
            if r.verdict != "PASS":
                fam[r.family] = fam.get(r.family, 0) + 1
        out.append(SolverSummary(name, len(mine), sum(r.verdict == "PASS" for r in mine),
                                 sum(r.verdict == "FAIL" for r in mine), sum(r.verdict == "ERROR" for r in mine),
                                 sum(r.flagged for r in mine), _error(worst), worst.problem,
                                 sum(r.seconds for r in mine), statistics.median(r.seconds for r in mine), fam))
    return sorted(out, key=lambda s: (s.worst, s.seconds))


def _g(x: float | None) -> str:
    return "-" if x is None else ("inf" if math.isinf(x) else f"{x:.2g}")


def _decimal(truth: str) -> str:
    """A row's truth ("p/q" or "[l, u]") in 12 significant digits."""
    ends = truth.strip("[]").split(", ")
    return ", ".join(f"{float(Fraction(e)):.12g}" for e in ends).join("[]" if len(ends) == 2 else ("", ""))


def table(sweep: Sweep, tol: Tolerance) -> str:
    """The terminal table (module doc)."""
    ranked = summarise(sweep.rows)
    head = f"{'solver':<20} {'runs':>5} {'pass':>5} {'fail':>5} {'err':>4} {'flag':>5} {'worst/tol':>9}  " \
           f"{'worst problem':<34} {'time':>8} {'median':>8}"
    lines = [f"tolerance: |value - truth| <= {tol.abs:g} + {tol.rel:g} |truth|, violation <= {tol.rel:g} "
             "max(1, |y|_oo); worst = largest error in units of that tolerance (<= 1: within)", head, "-" * len(head)]
    for s in ranked:
        lines.append(f"{s.solver:<20} {s.runs:>5} {s.passed:>5} {s.failed:>5} {s.errors:>4} {s.flagged:>5} "
                     f"{_g(s.worst):>9}  {s.worst_problem[:34]:<34} {s.seconds:>7.2f}s {s.median_seconds:>7.3f}s")
    by_time = sorted(ranked, key=lambda s: s.seconds)
    lines.append("by time: " + " < ".join(f"{s.solver} {s.seconds:.2f}s" for s in by_time))
    flagged = [r for r in sweep.rows if r.flagged]
    if flagged:
        lines.append(f"FLAGGED: {len(flagged)} answers with status optimal outside the tolerance:")
        lines += [f"  {r.solver} on {r.problem}: status {r.status!r}, value {_g(r.value)}, "
                  f"certified {_decimal(r.truth)}, error {_g(r.error)} (relative {_g(r.relative)}), "
                  f"violation {_g(r.violation)}" for r in flagged]
    for name, why in sweep.skipped.items():
        lines.append(f"skipped: {name} ({why})")
    lines += [f"store: {note}" for note in sweep.store_notes]
    return "\n".join(lines)


def row_line(r: Row) -> str:
    """One (solver, problem) line."""
    return (f"{r.verdict:<5} {r.solver:<18} {r.problem:<40} value {_g(r.value):>9} error {_g(r.error):>8} "
            f"rel {_g(r.relative):>8} viol {_g(r.violation):>8} gap {_g(r.gap):>8} {r.status} {r.seconds:.3f}s")


def document(sweep: Sweep, tol: Tolerance, problems: Sequence[Any], settings: dict[str, Any]) -> dict[str, Any]:
    """The JSON of a sweep: settings, tolerance, the ranking, every row, every truth and problem."""
    def clean(x: Any) -> Any:
        return None if isinstance(x, float) and not math.isfinite(x) else x
    return {"version": 1, "settings": settings, "tolerance": asdict(tol),
            "ranking": [{k: clean(v) for k, v in asdict(s).items()} for s in summarise(sweep.rows)],
            "by_time": [s.solver for s in sorted(summarise(sweep.rows), key=lambda s: s.seconds)],
            "flagged": [asdict(r) for r in sweep.rows if r.flagged],
            "rows": [asdict(r) for r in sweep.rows], "skipped": sweep.skipped,
            "truths": {k: t.as_json() for k, t in sweep.truths.items()},
            "problems": [p.as_json() for p in problems], "store_notes": sweep.store_notes}
