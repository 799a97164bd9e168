"""HiGHS (highspy) on the LP / QP of a 1-D variant: dual simplex, and the interior-point method without
crossover (so its own IPM answer is what is tested). QPs go to HiGHS's QP solver either way."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from exact.lp.highs import new_highs

from ..problem import Problem, Variant
from . import Outcome

ONE_D = frozenset({Variant.INTERPOLATION, Variant.REGULARISED, Variant.HINGE})


def _installed() -> str | None:
    try:
        import highspy  # noqa: F401
    except ImportError:
        return "highspy is not installed"
    return None


@dataclass(frozen=True)
class Highs:
    name: str
    method: str  # HiGHS's "solver" option
    variants: frozenset[Variant] = ONE_D

    def absent(self) -> str | None:
        return _installed()

    def solve(self, p: Problem) -> Outcome:
        import highspy

        s = p.standard()
        A = sp.vstack([s.A_eq, s.A_ub]).tocsc()
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = A.shape[1], A.shape[0]
        lp.col_cost_ = s.c
        lp.col_lower_, lp.col_upper_ = np.maximum(s.lo, -inf), np.minimum(s.hi, inf)
        lp.row_lower_ = np.r_[s.b_eq, np.full(len(s.b_ub), -inf)]
        lp.row_upper_ = np.r_[s.b_eq, s.b_ub]
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = A.indptr, A.indices, A.data
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = A.shape[1], A.shape[0]
        h = new_highs()
        h.setOptionValue("solver", self.method)
        if self.method == "ipm":
            h.setOptionValue("run_crossover", "off")
        h.passModel(lp)
        if s.q is not None:
            nz = np.nonzero(s.q)[0]
            start = np.searchsorted(nz, np.arange(len(s.q) + 1)).astype(np.int32)
            h.passHessian(len(s.q), len(nz), highspy.HessianFormat.kTriangular, start, nz.astype(np.int32), s.q[nz])
        h.run()
        status = h.getModelStatus()
        text = h.modelStatusToString(status)
        sol = h.getSolution()
        if not sol.value_valid:
            return Outcome(None, text, False)
        z = np.array(sol.col_value)
        value = float(h.getInfo().objective_function_value)
        dual = (None, None)
        if sol.dual_valid:
            r = np.array(sol.row_dual)
            dual = s.dual(r[:len(s.b_eq)], r[len(s.b_eq):])
        return Outcome(value, text, status == highspy.HighsModelStatus.kOptimal, s.violation(z), *dual)


HIGHS = (Highs("highs-simplex", "simplex"), Highs("highs-ipm", "ipm"))
