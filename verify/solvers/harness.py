"""The regression harness: every solver on every problem, compared with the certified truth.

Per (solver, problem) a :class:`Row`: the solver's value, its distance to the certified value (to the bracket
[lower, upper] for a bracketed truth, computed exactly from the float), absolute and relative, the largest
constraint violation of its point, the duality gap value - dual objective and the dual infeasibility when it
gives multipliers, its own status, the wall time, and the verdict at the stated :class:`Tolerance`:

* PASS: |value - truth| <= abs + rel |truth| and violation <= rel max(1, ||y||_oo);
* FAIL otherwise; **flagged** when the solver's status claims optimality while its value is outside the tolerance
  (a point that violates constraints but has the right value FAILs unflagged);
* ERROR: the adapter raised (the message is the note).

Solvers that are not installed are listed as skipped (:attr:`Sweep.skipped`), never failed.

>>> from verify.solvers.families import family
>>> sweep = run([p for p in family("random-1d") if p.n == 5][:1], ["highs-simplex"])
>>> [(r.solver, r.verdict, r.flagged) for r in sweep.rows]
[('highs-simplex', 'PASS', False)]
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Sequence

from ..distributed import Where, map_ordered
from .adapters import SOLVERS, Outcome, Solver, solver
from .problem import Problem
from .store import Store
from .truth import Truth, allowance, compute, from_certificate


@dataclass(frozen=True)
class Tolerance:
    """PASS iff the value is within ``abs + rel |truth|`` of the truth and the point violates no constraint by more
    than ``rel max(1, ||y||_oo)``."""

    rel: float = 1e-6
    abs: float = 1e-9

    def value(self, truth: Truth) -> float:
        return float(allowance(truth.lower, truth.upper, self.rel, self.abs))

    def feasibility(self, p: Problem) -> float:
        return self.rel * max(1.0, float(max(abs(t) for t in p.y)))


@dataclass(frozen=True)
class Row:
    solver: str
    problem: str
    family: str
    variant: str
    n: int
    verdict: str
    flagged: bool
    status: str
    value: float | None
    truth: str  # the exact value, or "[lower, upper]"
    error: float | None  # distance of value to the truth
    relative: float | None  # error / |truth| (None when the truth is 0)
    violation: float | None
    gap: float | None
    dual_violation: float | None
    seconds: float
    note: str = ""
    scaled: float | None = None  # error / the tolerance's allowance: <= 1 within tolerance

    def same(self, other: "Row") -> bool:
        """Equal except the wall time (what another executor must reproduce)."""
        return {**asdict(self), "seconds": 0} == {**asdict(other), "seconds": 0}


def _truth_text(t: Truth) -> str:
    return str(t.lower) if t.exact else f"[{t.lower}, {t.upper}]"


def judge(s: str, p: Problem, t: Truth, out: Outcome, seconds: float, tol: Tolerance) -> Row:
    """The row of one outcome (module doc)."""
    error = None if out.value is None else t.distance(out.value)
    scale = float(max(abs(t.lower), abs(t.upper)))
    within = error is not None and error <= tol.value(t)
    feasible = out.violation is None or out.violation <= tol.feasibility(p)
    verdict = "PASS" if within and feasible else "FAIL"
    gap = None if out.dual_value is None or out.value is None else out.value - out.dual_value
    return Row(s, p.name, p.family, p.variant.value, p.n, verdict, out.optimal and not within, out.status,
               out.value, _truth_text(t), error, None if error is None or not scale else error / scale, out.violation,
               gap, out.dual_violation, seconds, out.note, None if error is None else error / tol.value(t))


def _exception_row(s: Solver, p: Problem, t: Truth, seconds: float, error: str) -> Row:
    return Row(s.name, p.name, p.family, p.variant.value, p.n, "ERROR", False, "exception", None, _truth_text(t),
               None, None, None, None, None, seconds, error)


def task(args: tuple) -> Any:
    """One unit of work on whatever executor runs it: ("truth", p) -> p's certificate (checked by the caller);
    ("solve", solver, p) -> (Outcome or the exception's text, seconds)."""
    if args[0] == "truth":
        return compute(args[1]).certificate
    s, p = args[1], args[2]
    start = time.perf_counter()
    try:
        out: Outcome | str = s.solve(p)
    except Exception as e:  # a solver's crash is its row's ERROR, not the sweep's
        out = f"{type(e).__name__}: {str(e)[:200]}"
    return out, time.perf_counter() - start


@dataclass
class Sweep:
    rows: list[Row]
    skipped: dict[str, str]  # absent solver -> why
    truths: dict[str, Truth] = field(default_factory=dict)  # problem name -> truth
    store_notes: list[str] = field(default_factory=list)  # entries the store rejected and recomputed


def run(problems: Sequence[Problem], solvers: Sequence[str | Solver] | None = None, tol: Tolerance = Tolerance(),
        store: Store | None = None, where: Where = Where(), tick: Callable[[], None] | None = None) -> Sweep:
    """Every installed solver (by name or object; default all) on every problem it takes, on ``where``. Truths
    come from the store where it holds a good entry; the others are computed among the tasks, checked here and
    stored. The rows are judged here, so they do not depend on the executor (but for the wall times)."""
    chosen = [solver(s) if isinstance(s, str) else s for s in (solvers if solvers is not None else SOLVERS)]
    skipped = {s.name: why for s in chosen if (why := s.absent())}
    found: dict[str, Truth] = {}
    notes: list[str] = []
    for p in problems:
        got = store.lookup(p) if store is not None else None
        if got is not None:
            found[p.name] = got[0]
            if got[1] != "stored":
                notes.append(f"{p.name}: {got[1]}")
    work: list[tuple] = [("truth", p) for p in problems if p.name not in found]
    pairs = [(s, p) for p in problems for s in chosen if s.name not in skipped and p.variant in s.variants]
    work += [("solve", s, p) for s, p in pairs]
    results = map_ordered(task, work, where, None if tick is None else lambda i, r: tick())
    for job, cert in zip(work, results):
        if job[0] == "truth":
            p = job[1]
            found[p.name] = from_certificate(cert, p)
            if store is not None:
                store.put(p, cert)
    rows = []
    for (s, p), (out, seconds) in zip(pairs, results[len(results) - len(pairs):]):
        t = found[p.name]
        rows.append(_exception_row(s, p, t, seconds, out) if isinstance(out, str)
                    else judge(s.name, p, t, out, seconds if out.seconds is None else out.seconds, tol))
    return Sweep(rows, skipped, found, notes)
