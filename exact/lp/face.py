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

:func:`face_hull` goes further: the implicit equalities of the optimal face
(rows / bounds tight on ALL of it), a relative-interior point, a strictly
complementary optimal dual certifying them, and a basis of aff(face)'s
directions (:func:`exact.linalg.kernel_basis`).

>>> from exact.lp import LinearProgram, solve_lp
>>> lp = LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 1]], b_eq=[1])
>>> face = optimal_face(lp, solve_lp(lp))
>>> face.unique, len(face.solutions)
(False, 2)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from ..linalg import kernel_basis
from .problem import LinearProgram, LPCertificateError, LPResult
from .solve import solve_lp
from .verify import dual_row_sums, verify_optimal


@dataclass(frozen=True)
class OptimalFace:
    """``unique`` and, if not, two distinct optimal solutions certified by ``result``'s dual."""

    unique: bool
    solutions: tuple[tuple[Fraction, ...], ...]
    method: str  # "movable-lp", "kernel" or "kernel-trivial"


def optimal_face(lp: LinearProgram, res: LPResult) -> OptimalFace:
    opt = res.optimum()
    x = opt.x
    n = lp.num_vars
    d = [c - s for c, s in zip(lp.c, dual_row_sums(lp, opt.y_eq, opt.z_ub))]
    fixed = [j for j in range(n) if j not in lp.free and d[j] > 0]
    movable = [j for j in range(n) if j not in lp.free and d[j] == 0 and x[j] == 0]
    slack = [
        sum((a * x[j] for j, a in row.items()), Fraction(0)) for row, b in zip(lp.A_ub, lp.b_ub)
    ]
    slack = [b - s for s, b in zip(slack, lp.b_ub)]
    must_tight = [i for i, z in enumerate(opt.z_ub) if z < 0]
    loose_tight = [i for i, z in enumerate(opt.z_ub) if z == 0 and slack[i] == 0]

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
        if other.status == "optimal" and -other.optimum().value + constant > 0:
            return _checked(lp, res, other.optimum().x, "movable-lp")

    # Step 2: kernel of the active system.
    rows = [dict(r) for r in lp.A_eq] + [dict(lp.A_ub[i]) for i in must_tight + loose_tight]
    rows += [{j: Fraction(1)} for j in fixed + movable]
    basis = kernel_basis(rows, n)
    if not basis:
        return OptimalFace(True, (x,), "kernel-trivial")
    k = list(basis[0])
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
    x = res.optimum().x
    if tuple(other) == x:
        raise LPCertificateError("face exploration returned the same solution twice")
    return OptimalFace(False, (x, tuple(other)), method)


@dataclass(frozen=True)
class FaceHull:
    """The affine hull of the optimal face F of an LP, with an exact certificate.

    ``tight_rows`` (indices into A_ub) and ``zero_columns`` are the implicit equalities of F:
    the inequality rows tight on ALL of F and the sign-constrained variables 0 on all of F.
    ``y_eq``, ``z_ub`` is an optimal dual that is strictly complementary on them
    (z_i < 0 for every tight row, reduced cost c_j - (A^T y)_j > 0 for every zero column),
    so by complementary slackness F lies in ``E = {A_eq x = b_eq, c x = value, tight rows
    equal, zero columns 0}``; ``point`` is in the relative interior of F (every other row and
    bound strictly slack), hence E = aff(F); ``kernel`` is a basis of E's direction space.
    """

    value: Fraction
    point: tuple[Fraction, ...]
    y_eq: tuple[Fraction, ...]
    z_ub: tuple[Fraction, ...]
    tight_rows: tuple[int, ...]
    zero_columns: tuple[int, ...]
    kernel: tuple[tuple[Fraction, ...], ...]

    def equations(self, lp: LinearProgram) -> list[dict[int, Fraction]]:
        """The rows (left-hand sides) of the linear system defining E."""
        return ([dict(r) for r in lp.A_eq] + [{j: c for j, c in enumerate(lp.c) if c}]
                + [dict(lp.A_ub[i]) for i in self.tight_rows] + [{j: Fraction(1)} for j in self.zero_columns])


def _slacks(lp: LinearProgram, x: tuple[Fraction, ...]) -> dict[tuple[str, int], Fraction]:
    """Slack of every inequality: ('row', i) -> b_i - A_i x, ('col', j) -> x_j for sign-constrained j."""
    out = {("row", i): b - sum((a * x[j] for j, a in row.items()), Fraction(0))
           for i, (row, b) in enumerate(zip(lp.A_ub, lp.b_ub))}
    out.update({("col", j): x[j] for j in range(lp.num_vars) if j not in lp.free})
    return out


def _reduced_costs(lp: LinearProgram, y: tuple[Fraction, ...], z: tuple[Fraction, ...]) -> list[Fraction]:
    return [c - s for c, s in zip(lp.c, dual_row_sums(lp, y, z))]


def _dual_margins(lp: LinearProgram, y: tuple[Fraction, ...], z: tuple[Fraction, ...]
                  ) -> dict[tuple[str, int], Fraction]:
    """The dual 'slack' of every inequality: -z_i for rows, the reduced cost for sign-constrained columns."""
    d = _reduced_costs(lp, y, z)
    out = {("row", i): -zi for i, zi in enumerate(z)}
    out.update({("col", j): d[j] for j in range(lp.num_vars) if j not in lp.free})
    return out


def _capped_sum_lp(base: LinearProgram, targets: list[dict[int, Fraction]], bounds: list[Fraction]) -> LinearProgram:
    """max sum_t s_t over base's feasible set, s_t >= 0 new variables, s_t <= 1 and s_t + target_t . v <= bound_t."""
    n, m = base.num_vars, len(targets)
    rows = [dict(t) | {n + k: Fraction(1)} for k, t in enumerate(targets)] + [{n + k: Fraction(1)} for k in range(m)]
    return replace(base, c=(Fraction(0),) * n + (Fraction(-1),) * m,
                   A_ub=base.A_ub + tuple(rows), b_ub=base.b_ub + tuple(bounds) + (Fraction(1),) * m)


def face_hull(lp: LinearProgram, res: LPResult) -> FaceHull:
    """The affine hull of the optimal face of ``lp`` and a strictly complementary optimal dual (exact).

    Primal rounds: maximise sum_i min(slack_i, 1) over F for the inequalities not yet seen slack
    (nor certified tight by a dual). A positive optimum shows new slack inequalities; optimum 0
    shows every remaining one is 0 on all of F (each is >= 0 on F). The average of the points is
    in relint F. Dual rounds: over the dual optimal face maximise sum min(-z_i, 1) / min(d_j, 1)
    for those implicit equalities; by Goldman-Tucker (strict complementarity) every implicit
    equality has a negative multiplier (positive reduced cost) in some optimal dual, so the
    rounds end with all covered, and the average dual (optimal, the optimal duals are convex)
    certifies them all. Every result is exact; a failure raises LPCertificateError.

    >>> lp = LinearProgram.from_dense(c=[1, 1, 0], A_eq=[[1, 1, 0]], b_eq=[1], A_ub=[[0, 0, 1]], b_ub=[2])
    >>> h = face_hull(lp, solve_lp(lp))
    >>> h.tight_rows, h.zero_columns, len(h.kernel)
    ((), (), 2)
    """
    opt = res.optimum()
    n = lp.num_vars
    face = replace(lp, A_eq=lp.A_eq + ({j: c for j, c in enumerate(lp.c) if c},), b_eq=lp.b_eq + (opt.value,))
    points = [opt.x]
    slack_seen = {key for key, s in _slacks(lp, opt.x).items() if s > 0}
    certified = {key for key, m in _dual_margins(lp, opt.y_eq, opt.z_ub).items() if m > 0}
    unknown = [key for key in _slacks(lp, opt.x) if key not in slack_seen and key not in certified]
    while unknown:
        # slack of row i is b_i - A_i x; of column j it is x_j: s <= slack as  s + A_i x <= b_i  /  s - x_j <= 0
        targets = [dict(lp.A_ub[i]) if kind == "row" else {i: Fraction(-1)} for kind, i in unknown]
        bounds = [lp.b_ub[i] if kind == "row" else Fraction(0) for kind, i in unknown]
        out = solve_lp(_capped_sum_lp(face, targets, bounds))
        if out.status != "optimal":
            raise LPCertificateError(f"face_hull: slack LP is {out.status}")
        if out.optimum().value == 0:
            break
        x = out.optimum().x[:n]
        points.append(x)
        slacks = _slacks(lp, x)
        unknown = [key for key in unknown if slacks[key] == 0]
    implicit = set(unknown)
    duals = [(opt.y_eq, opt.z_ub)]
    todo = [key for key in sorted(implicit) if key not in certified]
    m_eq, m_ub = len(lp.A_eq), len(lp.A_ub)
    while todo:
        dual_lp = _dual_face_lp(lp, opt.value)
        # -z_i >= s  <=>  s + z_i <= 0 (the z variable is u_i = -z_i here: s - u_i <= 0);
        # d_j >= s  <=>  s + (A^T y)_j <= c_j
        targets = [{m_eq + i: Fraction(-1)} if kind == "row" else dual_lp.A_ub[i] for kind, i in todo]
        bounds = [Fraction(0) if kind == "row" else lp.c[i] for kind, i in todo]
        out = solve_lp(_capped_sum_lp(dual_lp, targets, bounds))
        if out.status != "optimal" or out.optimum().value == 0:
            raise LPCertificateError("face_hull: an implicit equality has no negative optimal multiplier")
        ux = out.optimum().x
        y, z = ux[:m_eq], tuple(-u for u in ux[m_eq:m_eq + m_ub])
        duals.append((y, z))
        margins = _dual_margins(lp, y, z)
        todo = [key for key in todo if margins[key] == 0]
    k = len(points)
    point = tuple(sum(col, Fraction(0)) / k for col in zip(*points))
    y = tuple(sum(col, Fraction(0)) / len(duals) for col in zip(*(d[0] for d in duals)))
    z = tuple(sum(col, Fraction(0)) / len(duals) for col in zip(*(d[1] for d in duals)))
    verify_optimal(lp, replace(res, x=point, y_eq=y, z_ub=z))
    margins, slacks = _dual_margins(lp, y, z), _slacks(lp, point)
    tight = {key for key, m in margins.items() if m > 0}
    if any(slacks[key] == 0 for key in slacks if key not in tight):
        raise LPCertificateError("face_hull: the average point is not in the relative interior")
    hull = FaceHull(opt.value, point, y, z, tuple(sorted(i for kind, i in tight if kind == "row")),
                    tuple(sorted(i for kind, i in tight if kind == "col")), ())
    return replace(hull, kernel=tuple(kernel_basis(hull.equations(lp), n)))


def _dual_face_lp(lp: LinearProgram, value: Fraction) -> LinearProgram:
    """The optimal face of the dual as a feasible set in (y free, u = -z >= 0): column rows A^T y - A_ub^T u <= c
    (two-sided for free columns), b_eq y - b_ub u = value."""
    m_eq, m_ub, n = len(lp.A_eq), len(lp.A_ub), lp.num_vars
    cols: list[dict[int, Fraction]] = [{} for _ in range(n)]
    for i, row in enumerate(lp.A_eq):
        for j, a in row.items():
            cols[j][i] = a
    for i, row in enumerate(lp.A_ub):
        for j, a in row.items():
            cols[j][m_eq + i] = -a
    free = sorted(lp.free)
    objective = {i: b for i, b in enumerate(lp.b_eq) if b} | {m_eq + i: -b for i, b in enumerate(lp.b_ub) if b}
    return LinearProgram((Fraction(0),) * (m_eq + m_ub), A_eq=tuple(cols[j] for j in free) + (objective,),
                         b_eq=tuple(lp.c[j] for j in free) + (value,), A_ub=tuple(cols),
                         b_ub=tuple(lp.c), free=frozenset(range(m_eq)))
