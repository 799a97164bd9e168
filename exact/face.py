"""Exploring the optimal face of an LP exactly: unique optimum, or two of them.

Let x* be optimal with dual (y*, z*) and reduced costs d = c - A^T (y*, z*).
By complementary slackness every optimal x has x_j = 0 where d_j > 0 and
keeps tight every inequality row with z*_i < 0; conversely every feasible x
with those properties is optimal, certified by the *same* dual. Call the
remaining zero coordinates (x*_j = 0, d_j = 0) and tight rows with z*_i = 0
"movable".

1. Solve max sum(movable x_j and slacks) over that face, capped at 1. A
   positive optimum is a second optimal solution, different from x*.
2. Otherwise every movable quantity is 0 on the face, which therefore lies
   in the affine set {A_eq x = b_eq, tight rows equal, zero coordinates 0}.
   At x* all other constraints are strict, so the face is the single point
   x* iff the kernel K of that system is {0}; a nonzero k in K gives the
   optimal point x* + eps k for the largest eps/2 keeping the strict
   constraints (c^T k = 0 by complementary slackness).

>>> from exact.lp import LinearProgram, solve_lp
>>> lp = LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 1]], b_eq=[1])
>>> face = optimal_face(lp, solve_lp(lp))
>>> face.unique, len(face.solutions)
(False, 2)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from flint import fmpq_mat

from .lp import LinearProgram, LPResult, LPCertificateError, _dual_row_sums, solve_lp, verify_optimal
from .rational import to_fmpq, to_fraction


@dataclass(frozen=True)
class OptimalFace:
    """``unique`` and, if not, two distinct optimal solutions certified by ``result``'s dual."""

    unique: bool
    solutions: tuple[tuple[Fraction, ...], ...]
    method: str  # "movable-lp", "kernel" or "kernel-trivial"


def optimal_face(lp: LinearProgram, res: LPResult) -> OptimalFace:
    if res.status != "optimal":
        raise ValueError("optimal_face needs an optimal LP result")
    x = res.x
    n = lp.num_vars
    d = [c - s for c, s in zip(lp.c, _dual_row_sums(lp, res.y_eq, res.z_ub))]
    fixed = [j for j in range(n) if j not in lp.free and d[j] > 0]
    movable = [j for j in range(n) if j not in lp.free and d[j] == 0 and x[j] == 0]
    slack = [
        sum((a * x[j] for j, a in row.items()), Fraction(0)) for row, b in zip(lp.A_ub, lp.b_ub)
    ]
    slack = [b - s for s, b in zip(slack, lp.b_ub)]
    must_tight = [i for i, z in enumerate(res.z_ub) if z < 0]
    loose_tight = [i for i, z in enumerate(res.z_ub) if z == 0 and slack[i] == 0]

    # Step 1: max sum(movable) + sum(slack of loose tight rows) <= 1 over the face.
    A_eq = list(lp.A_eq) + [{j: Fraction(1)} for j in fixed] + [lp.A_ub[i] for i in must_tight]
    b_eq = list(lp.b_eq) + [Fraction(0)] * len(fixed) + [lp.b_ub[i] for i in must_tight]
    objective: dict[int, Fraction] = {j: Fraction(-1) for j in movable}
    constant = Fraction(0)  # sum of slacks = sum b_i - sum A_i x
    for i in loose_tight:
        constant += lp.b_ub[i]
        for j, a in lp.A_ub[i].items():
            objective[j] = objective.get(j, Fraction(0)) + a
    if objective or constant:
        cap = {j: -v for j, v in objective.items() if v}
        face_lp = replace(
            lp,
            c=tuple(objective.get(j, Fraction(0)) for j in range(n)),
            A_eq=tuple(A_eq),
            b_eq=tuple(b_eq),
            A_ub=lp.A_ub + (cap,),
            b_ub=lp.b_ub + (1 - constant,),
        )
        other = solve_lp(face_lp)
        if other.status == "optimal" and -(other.value) + constant > 0:
            return _checked(lp, res, other.x, "movable-lp")

    # Step 2: kernel of the active system.
    rows = [dict(r) for r in lp.A_eq] + [dict(lp.A_ub[i]) for i in must_tight + loose_tight]
    rows += [{j: Fraction(1)} for j in fixed + movable]
    if not rows:
        rows = [{}]
    M = fmpq_mat(len(rows), n, [to_fmpq(r.get(j, 0)) for r in rows for j in range(n)])
    R, rank = M.rref()
    if rank == n:
        return OptimalFace(True, (x,), "kernel-trivial")
    pivots = []
    for r in range(rank):
        pivots.append(next(j for j in range(n) if R[r, j] != 0))
    f = next(j for j in range(n) if j not in pivots)
    k = [Fraction(0)] * n
    k[f] = Fraction(1)
    for r, p in enumerate(pivots):
        k[p] = -to_fraction(R[r, f])
    limits = [x[j] / -k[j] for j in range(n) if j not in lp.free and k[j] < 0]
    for i, (row, s) in enumerate(zip(lp.A_ub, slack)):
        ak = sum((a * k[j] for j, a in row.items()), Fraction(0))
        if ak > 0:
            limits.append(s / ak)
    eps = min(limits) / 2 if limits else Fraction(1)
    return _checked(lp, res, tuple(xj + eps * kj for xj, kj in zip(x, k)), "kernel")


def _checked(lp: LinearProgram, res: LPResult, other: tuple[Fraction, ...], method: str) -> OptimalFace:
    """Both solutions must pass the exact optimality check with res's dual."""
    value = sum((c * v for c, v in zip(lp.c, other)), Fraction(0))
    verify_optimal(lp, replace(res, x=tuple(other), value=value))
    if tuple(other) == tuple(res.x):
        raise LPCertificateError("face exploration returned the same solution twice")
    return OptimalFace(False, (res.x, tuple(other)), method)
