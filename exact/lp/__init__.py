"""Exact linear programming: the problem, a HiGHS warm start, exact solve and re-verification.

Members: :mod:`.problem` (``LinearProgram``, ``LPResult``), :mod:`.highs` (the float warm start),
:mod:`.solve` (``solve_lp``, ``feasible_point``), :mod:`.verify` (exact re-checks), :mod:`.lu` (exact sparse LU),
:mod:`.simplex` (exact revised simplex), :mod:`.face` (the optimal face).

>>> res = solve_lp(LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 2]], b_eq=[3]))
>>> res.status, res.value
('optimal', Fraction(3, 2))
"""

from .problem import LinearProgram, LPCertificateError, LPResult, Row
from .solve import feasible_point, solve_lp
from .verify import dual_row_sums, verify_feasible, verify_infeasible, verify_optimal, verify_unbounded

__all__ = ["LinearProgram", "LPCertificateError", "LPResult", "Row", "feasible_point", "solve_lp", "dual_row_sums",
           "verify_feasible", "verify_infeasible", "verify_optimal", "verify_unbounded"]
