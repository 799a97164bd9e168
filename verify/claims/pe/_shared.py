"""Helpers shared by the pe claims: the data as pe's matrix X, the bias column, the 1-D bias-free features.

pe's neurons have no bias: (X u)_+ with u in R^d. A bias is a column of ones appended to X (the paper's
Figure 2 caption calls the 1-D example "d = 2"), and then it sits inside ||u||. On 1-D data without that
column, (x u)_+ = u x_+ for u >= 0 and |u| (-x)_+ for u < 0, so every network is a x_+ + b (-x)_+ and the
unit ball of u gives the two features x_+, (-x)_+ at full scale (:func:`halves`): (3), (5) and (8) are then
l1 problems over two columns exactly (the dual constraint over all |u| <= 1 is the one at u = +-1, by
positive homogeneity).

>>> from fractions import Fraction as F
>>> halves([F(-2), F(0), F(1)])
[[Fraction(0, 1), Fraction(2, 1)], [Fraction(0, 1), Fraction(0, 1)], [Fraction(1, 1), Fraction(0, 1)]]
>>> with_bias([[F(3)]])
[[Fraction(3, 1), Fraction(1, 1)]]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from cases import Case

from ...requirements import Parameter
from .._shared import fl, named_cases

__all__ = ["BETA", "BIAS", "Matrix", "fl", "halves", "matrix", "named_cases", "with_bias"]

Matrix = list[list[Fraction]]

BETA = Parameter("beta", "the weight decay of pe (2): beta/2 sum_j (||u_j||^2 + alpha_j^2); beta of (3), (8)",
                 Fraction(1, 10), "pe (2); Section 6 prints no beta, so 1/10 is this toolkit's choice")
BIAS = Parameter("bias", "1: append a column of ones to X (a bias inside ||u||, Figure 2's 'd = 2'); 0: X as given",
                 Fraction(0), "pe Section 6, Figure 2 caption")


def matrix(case: Case) -> Matrix:
    """pe's X: the rows of case.X, or the 1-D points as n x 1 rows; with the case's ``bias`` a ones column."""
    X = [list(row) for row in case.X] if case.X is not None else [[t] for t in case.x]
    return with_bias(X) if BIAS.of(case) else X


def with_bias(X: Sequence[Sequence[Fraction]]) -> Matrix:
    """[X, 1]: the bias as a feature, inside the norm of u."""
    return [[Fraction(t) for t in row] + [Fraction(1)] for row in X]


def halves(x: Sequence[Fraction]) -> Matrix:
    """The n x 2 matrix [x_+, (-x)_+] of the bias-free 1-D features (module doc)."""
    return [[max(t, Fraction(0)), max(-t, Fraction(0))] for t in x]

