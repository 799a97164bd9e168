"""The floating-point warm start: HiGHS proposes an optimal basis of the standard form.

Nothing HiGHS returns is trusted: :mod:`exact.lp.solve` proves the basis optimal
exactly or pivots until it is.
"""

from __future__ import annotations

import numpy as np

from .problem import StandardForm


def run_highs(A, cost: np.ndarray, b: np.ndarray):
    """HiGHS on min cost^T x, A x = b, x >= 0 (A a scipy CSC matrix); returns the solved ``Highs``."""
    import highspy

    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = A.shape[1], A.shape[0]
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(A.shape[1])
    lp.col_upper_ = np.full(A.shape[1], highspy.kHighsInf)
    lp.row_lower_, lp.row_upper_ = b, b
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = A.indptr, A.indices, A.data
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = A.shape[1], A.shape[0]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.passModel(lp)
    h.run()
    return h


def highs_basis(sf: StandardForm) -> list[int]:
    """Columns HiGHS reports basic at its (floating-point) optimum."""
    import highspy
    import scipy.sparse as sp

    rows, cols, vals = [], [], []
    for j, col in enumerate(sf.columns):
        for i, v in col.items():
            rows.append(i)
            cols.append(j)
            vals.append(float(v))
    A = sp.csc_matrix((vals, (rows, cols)), shape=(sf.m, len(sf.columns)))
    b = np.zeros(sf.m)
    for i, v in sf.rhs.items():
        b[i] = float(v)
    basis = run_highs(A, np.array([float(v) for v in sf.cost]), b).getBasis()
    if not basis.valid:
        return []
    return [j for j, s in enumerate(basis.col_status) if s == highspy.HighsBasisStatus.kBasic]

