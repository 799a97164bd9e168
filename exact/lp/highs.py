"""The floating-point warm start: HiGHS proposes an optimal basis of the standard form.

Nothing HiGHS returns is trusted: :mod:`exact.lp.solve` proves the basis optimal
exactly or pivots until it is.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Iterator

import numpy as np

from .problem import StandardForm


@contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Route the process's file descriptor 1 to 2 for the body: HiGHS writes its copyright banner from C when
    the first solver object is made, before any option can silence it, and stdout carries only results."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def new_highs():
    """A silent ``highspy.Highs`` (its banner, if any, on stderr)."""
    import highspy

    with _stdout_to_stderr():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h


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
    h = new_highs()
    h.passModel(lp)
    h.run()
    return h


def highs_basis(sf: StandardForm) -> tuple[list[int], list[int]]:
    """The columns and the rows (logicals) HiGHS reports basic at its (floating-point) optimum.

    Empty lists when HiGHS finds the problem infeasible (its basis is then no start). The basic logicals
    matter: a basis is its columns *and* its unit columns, and the dual of the basis depends on which rows
    those are (any other completion of the columns is primal-equal but, on a degenerate optimum, generally
    not dual feasible).
    """
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
    h = run_highs(A, np.array([float(v) for v in sf.cost]), b)
    basis = h.getBasis()
    if not basis.valid or h.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
        return [], []  # nothing to warm-start from: the exact phase 1 decides
    basic = highspy.HighsBasisStatus.kBasic
    return ([j for j, s in enumerate(basis.col_status) if s == basic],
            [i for i, s in enumerate(basis.row_status) if s == basic])
