"""The float solve of a cvxpy problem (Clarabel by default, SCS as the fallback); only ever a proposal."""

from __future__ import annotations

import warnings
from fractions import Fraction

SOLVER_TOL = Fraction(1, 10**6)  # documented accuracy of a Clarabel point (its own tolerances are ~1e-8)
SOLVERS = ("CLARABEL", "SCS")
#: Clarabel's gap and feasibility tolerances where an exact bracket is built from its point and dual (default
#: 1e-8): the bracket's width follows them (kh (9) on Figure 1: 3e-8 wide at the default, 3e-10 here, at little cost)
CLARABEL_TOLERANCES = {"tol_gap_abs": 1e-10, "tol_gap_rel": 1e-10, "tol_feas": 1e-10}


def solve(problem, solver: str = "CLARABEL", **options) -> float:
    """Solve a cvxpy problem with ``solver`` (falling back to the other of :data:`SOLVERS`); its value.

    Raises ``RuntimeError`` when no solver returns an (approximately) optimal
    point. The status is used only to decide whether a point exists; the
    point is then made feasible and evaluated by the caller.
    """
    import cvxpy as cp

    tried = []
    for name in (solver, *[s for s in SOLVERS if s != solver]):
        try:
            with warnings.catch_warnings():  # "inaccurate" is harmless: the caller certifies the point
                warnings.simplefilter("ignore", UserWarning)
                problem.solve(solver=name, **(options if name == solver else {}))
        except cp.error.SolverError as exc:
            tried.append(f"{name}: {exc}")
            continue
        if problem.status in (cp.OPTIMAL, cp.OPTIMAL_INACCURATE):
            return float(problem.value)
        tried.append(f"{name}: {problem.status}")
    raise RuntimeError("no solver returned a point: " + "; ".join(tried))
