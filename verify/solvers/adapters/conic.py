"""Clarabel, ECOS, SCS and OSQP through cvxpy, each with its own default tolerances and no fallback.

The 1-D variants are posed from the matrix form (:meth:`verify.solvers.problem.Problem.standard`); pe (8) is
:func:`verify.numeric.cone_program.restricted_program` over every region of the central arrangement (exact
enumeration), i.e. (8) itself. cvxpy's duals satisfy L = f + lambda^T (A z - b), the opposite sign of the
harness's row multipliers, hence the minus signs. Only the status "optimal" claims optimality
("optimal_inaccurate" is reported as such).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np

from ..problem import Problem, Variant
from . import Outcome

ALL = frozenset(Variant)


@lru_cache(maxsize=64)
def region_signs(X: tuple[tuple[Fraction, ...], ...]) -> np.ndarray:
    """The sign rows of every region of the central arrangement of X (exact enumeration), once per data in a
    process: every conic solver of a sweep poses (8) over the same regions."""
    from verify.numeric.cone_program import regions_of

    S = np.array([r.sign for r in regions_of(X)], dtype=np.int64)
    S.flags.writeable = False  # shared by every caller of the cache
    return S


def _value(x) -> float | None:
    return None if x is None else float(x)


@dataclass(frozen=True)
class Conic:
    name: str
    solver: str  # cvxpy's solver name
    variants: frozenset[Variant] = ALL

    def absent(self) -> str | None:
        try:
            import cvxpy as cp
        except ImportError:
            return "cvxpy is not installed"
        return None if self.solver in cp.installed_solvers() else f"cvxpy has no {self.solver} (not installed)"

    def _run(self, problem) -> str:
        import cvxpy as cp

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                problem.solve(solver=self.solver)
        except cp.error.SolverError as e:
            return f"solver error: {str(e)[:120]}"
        return str(problem.status)

    def solve(self, p: Problem) -> Outcome:
        return self._cone(p) if p.variant is Variant.CONE else self._standard(p)

    def _standard(self, p: Problem) -> Outcome:
        import cvxpy as cp

        s = p.standard()
        z = cp.Variable(len(s.c))
        objective = s.c @ z + (0 if s.q is None else 0.5 * cp.sum(cp.multiply(s.q, cp.square(z))))
        eq = [s.A_eq @ z == s.b_eq] if s.A_eq.shape[0] else []
        ub = [s.A_ub @ z <= s.b_ub] if s.A_ub.shape[0] else []
        low = np.nonzero(np.isfinite(s.lo))[0]
        problem = cp.Problem(cp.Minimize(objective), eq + ub + [z[low] >= s.lo[low]])
        status = self._run(problem)
        if z.value is None:
            return Outcome(None, status, False)
        dual: tuple[float | None, float | None] = (None, None)
        duals = [c.dual_value for c in eq + ub]
        if all(d is not None for d in duals):
            r_eq = -np.asarray(duals[0]) if eq else np.zeros(0)
            r_ub = -np.asarray(duals[-1]) if ub else np.zeros(0)
            dual = s.dual(r_eq, r_ub)
        return Outcome(_value(problem.value), status, status == cp.OPTIMAL, s.violation(np.asarray(z.value)), *dual)

    def _cone(self, p: Problem) -> Outcome:
        import cvxpy as cp

        from verify.numeric.cone_program import restricted_program

        assert p.beta is not None
        S = region_signs(p.X)
        X = np.array([[float(a) for a in r] for r in p.X])
        problem, U, _ = restricted_program(X, np.array([float(t) for t in p.y]), float(p.beta), "squared", S)
        status = self._run(problem)
        if U.value is None:
            return Outcome(None, status, False)
        k, Uv = len(S), np.asarray(U.value)
        cone_rows = (S[:, :, None] * X[None, :, :])  # k x n x d: row j of region i is s_ij x_j
        worst = max(float(np.max(-(cone_rows @ Uv[:k][:, :, None]))), float(np.max(-(cone_rows @ Uv[k:][:, :, None]))))
        return Outcome(_value(problem.value), status, status == cp.OPTIMAL, max(worst, 0.0))


CONIC = (Conic("clarabel", "CLARABEL"), Conic("ecos", "ECOS"), Conic("scs", "SCS"),
         Conic("osqp", "OSQP", frozenset({Variant.REGULARISED})))
