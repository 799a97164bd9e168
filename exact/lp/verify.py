"""Exact re-verification of an LP answer from scratch (optimality, Farkas infeasibility, unboundedness).

A failure raises :class:`exact.lp.problem.LPCertificateError`: it is a bug, never a tolerance issue.

>>> from exact.lp import LinearProgram, solve_lp
>>> lp = LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 2]], b_eq=[3])
>>> verify_optimal(lp, solve_lp(lp)) is None
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable, Sequence, TypeVar

from flint import fmpq

from ..numbers import fmpqs, fractions, to_fmpq
from .problem import LinearProgram, LPCertificateError, LPResult

T = TypeVar("T")


def dual_row_sums(lp: LinearProgram, y: Sequence[Fraction], z: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """(A_eq^T y + A_ub^T z)_j for every variable j."""
    return fractions(_dual_sums_fmpq(lp, fmpqs(y), fmpqs(z)))


def _dual_sums_fmpq(lp: LinearProgram, y: list[fmpq], z: list[fmpq]) -> list[fmpq]:
    s = [fmpq(0)] * lp.num_vars
    for rows, mult in ((lp.fmpq_rows[0], y), (lp.fmpq_rows[1], z)):
        for row, yi in zip(rows, mult):
            if yi:
                for j, a in row:
                    s[j] += a * yi
    return s


def _primal_problems(lp: LinearProgram, x: Sequence[Fraction], rhs: bool = True) -> list[str]:
    out = []
    xq = fmpqs(x)
    for kind, rows, bs in (("equality", lp.fmpq_rows[0], lp.b_eq), ("inequality", lp.fmpq_rows[1], lp.b_ub)):
        for i, (row, bi) in enumerate(zip(rows, bs)):
            lhs = sum((a * xq[j] for j, a in row if xq[j]), fmpq(0))
            target = to_fmpq(bi) if rhs else 0
            if (lhs != target) if kind == "equality" else (lhs > target):
                out.append(f"{kind} row {i}")
    out += [f"x[{j}] < 0" for j, v in enumerate(x) if j not in lp.free and v < 0]
    return out


def _present(part: Callable[[], T]) -> T:
    """The part of the result being verified; a missing part is a failed check, not a crash."""
    try:
        return part()
    except ValueError as err:
        raise LPCertificateError(f"exact check failed: {err}") from None


def verify_feasible(lp: LinearProgram, x: Sequence[Fraction]) -> None:
    """Exact re-check that ``x`` satisfies every row and sign constraint of ``lp``."""
    problems = _primal_problems(lp, x)
    if problems:
        raise LPCertificateError("exact feasibility check failed: " + "; ".join(problems))


def verify_optimal(lp: LinearProgram, res: LPResult) -> None:
    """Exact re-check of primal feasibility, dual feasibility and equal objectives."""
    o = _present(res.optimum)
    problems = _primal_problems(lp, o.x)
    problems += [f"z_ub[{i}] > 0" for i, v in enumerate(o.z_ub) if v > 0]
    sums = _dual_sums_fmpq(lp, fmpqs(o.y_eq), fmpqs(o.z_ub))
    for j, (s, c) in enumerate(zip(sums, fmpqs(lp.c))):
        if (s != c) if j in lp.free else (s > c):
            problems.append(f"dual constraint of x[{j}]")
    dual_value = sum((b * y for b, y in zip(lp.b_eq, o.y_eq)), Fraction(0)) + sum(
        (b * z for b, z in zip(lp.b_ub, o.z_ub)), Fraction(0)
    )
    if dual_value != o.value:
        problems.append(f"dual value {dual_value} != primal value {o.value}")
    if problems:
        raise LPCertificateError("exact optimality check failed: " + "; ".join(problems))


def verify_infeasible(lp: LinearProgram, res: LPResult) -> None:
    y, z = _present(res.farkas)
    problems = [f"z[{i}] > 0" for i, v in enumerate(z) if v > 0]
    for j, s in enumerate(dual_row_sums(lp, y, z)):
        if (s != 0) if j in lp.free else (s > 0):
            problems.append(f"Farkas column {j}")
    if sum((b * v for b, v in zip(lp.b_eq, y)), Fraction(0)) + sum(
        (b * v for b, v in zip(lp.b_ub, z)), Fraction(0)
    ) <= 0:
        problems.append("b^T y <= 0")
    if problems:
        raise LPCertificateError("exact Farkas check failed: " + "; ".join(problems))


def verify_unbounded(lp: LinearProgram, res: LPResult) -> None:
    x, ray = _present(res.unbounded)
    problems = _primal_problems(lp, x) + ["ray: " + p for p in _primal_problems(lp, ray, rhs=False)]
    if sum((c * d for c, d in zip(lp.c, ray)), Fraction(0)) >= 0:
        problems.append("ray does not decrease the objective")
    if problems:
        raise LPCertificateError("exact unboundedness check failed: " + "; ".join(problems))

