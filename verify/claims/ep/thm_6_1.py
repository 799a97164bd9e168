"""ep.thm-6.1: the dual of (19) for a convex loss (logistic loss, 1-D), as a rigorous bracket.

Convention ep (19): min sum_i log(1 + exp(-y_i f(a_i))) + beta ||w||_1, |u_j| <= 1 (no 1/n, no 1/2), free
hidden bias (a free constant column). Upper end: the primal at an exact point in interval arithmetic;
lower end: the dual point grad l, centred and scaled into the dual constraint, its entropy value.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import numpy as np

from cases import Case
from exact.checker.relu1d import relu1d_sup
from exact.linalg import dot
from exact.relu.dictionary import relu_atoms
from exact.relu.networks import Network

from ...audit import audit_check
from ...context import Context
from ...conventions import EP_19
from ...numeric import SOLVER_TOL, Bracket, exact, lower_of, repair_box_sum, scale_into, solve, upper_of
from ...registry import claim
from ...report.figures import REFERENCE, function_1d, functions_figure
from ...requirements import Data, Labels, Needs, Parameter
from ...result import CONFIRMED, CONTRADICTED, ERROR, UNDECIDED, Draft
from ._shared import fl, named_cases


def _entropy_sum(p: Sequence[Fraction]):
    """-l*(v) = sum_i H(p_i), H(p) = -p log p - (1 - p) log(1 - p), p_i = -y_i v_i, in interval arithmetic."""
    from mpmath import iv

    from ...numeric import enclose

    total = enclose(0)
    for q in p:
        for r in (q, 1 - q):
            if r > 0:
                total -= enclose(r) * iv.log(enclose(r))
    return total


def _logistic_primal(K: list[list[Fraction]], y, w, c, beta):
    from mpmath import iv

    from ...numeric import enclose

    total = enclose(sum((abs(x) for x in w), Fraction(0)) * beta)
    for row, yi in zip(K, y):
        z = dot(row, w) + c
        total += iv.log(1 + iv.exp(enclose(-yi * z)))
    return total


def logistic_cases() -> list[Case]:
    return named_cases("ep-float-logistic")


BETA = Parameter("beta", "the weight decay of (19): beta ||w||_1 beside the logistic loss", Fraction(1, 2),
                 "ep (19), Section 6 (the paper fixes no value)")


@claim("ep.thm-6.1", "ep", "Theorem 6.1 (Section 6) and its appendix proof",
       "dual of (19) for a convex loss: max -l*(v) s.t. v, -v in beta Q_A^o (here: logistic loss, 1-D)", "float",
       logistic_cases, expect=CONFIRMED, needs=Needs(Data.ONE_D, Labels.BINARY, (BETA,)))
def check_logistic_dual(case: Case, ctx: Context) -> Draft:
    """Primal (19) with l(z, y) = sum_i log(1 + exp(-y_i z_i)), over the 1-D dictionary (2n atoms with knots
    at the data) plus the free constant column (free hidden bias, exact/relu/interpolation.py), solved by cvxpy.
    Upper end: the primal objective at the exact rational (w, c) in interval arithmetic (the constant is
    free in the limit, so this bounds the infimum). Lower end: the dual point v_i = dl/dz_i = -y_i
    sigma(-y_i z_i), its mean removed exactly (the constant column forces 1^T v = 0), scaled so that
    sup_{|u| <= 1, b} |v^T (x u + b)_+| <= beta (exact: relu1d_sup at the breakpoints), value
    -l*(v) = sum_i H(-y_i v_i) (binary entropies; l* is finite iff -y_i v_i in [0, 1]).
    CONFIRMED when the bracket is narrower than SOLVER_TOL relative to the value (max(1, upper): the solver's
    accuracy is relative, and the value grows with n) -- zero duality gap to that accuracy; a lower end above the
    upper end (weak duality broken: a wrong dual) would be CONTRADICTED; UNDECIDED when the float point gives no
    narrow enough bracket (or its dual leaves the domain of l*): the check ran, the gap is not decided.
    """
    import cvxpy as cp

    x, y = list(case.x), list(case.y)
    beta = BETA.of(case)
    res = Draft("ep.thm-6.1", case.name, ERROR, "float", EP_19)
    if any(abs(v) != 1 for v in y):
        raise ValueError("logistic loss: labels must be +1 or -1")
    atoms = relu_atoms(x)
    K = [[a(xi, Fraction(0)) for a in atoms] for xi in x]
    Kf, yf = np.array(K, dtype=float), np.array(y, dtype=float)
    w, c = cp.Variable(len(atoms)), cp.Variable()
    solve(cp.Problem(cp.Minimize(cp.sum(cp.logistic(-cp.multiply(yf, Kf @ w + c))) + float(beta) * cp.norm1(w))),
          tol_gap_abs=1e-12, tol_gap_rel=1e-12, tol_feas=1e-12, max_iter=500)
    wq, cq = exact(w.value), Fraction(float(c.value))
    upper = upper_of(lambda: _logistic_primal(K, y, wq, cq, beta))
    z = Kf @ w.value + c.value
    raw = exact(-yf / (1 + np.exp(yf * z)))
    # into {1^T v = 0, -y_i v_i in [0, 1]} (the constant column and the domain of l*), exactly: the mean
    # removed, or where that leaves the domain (many v_i ~ 0 when the data are nearly separated) a box repair
    mean = sum(raw, Fraction(0)) / len(raw)
    v = [vi - mean for vi in raw]
    if not all(0 <= -yi * vi <= 1 for yi, vi in zip(y, v)):
        box = repair_box_sum(raw, [Fraction(-1) if yi > 0 else Fraction(0) for yi in y],
                             [Fraction(0) if yi > 0 else Fraction(1) for yi in y], Fraction(0))
        if box is None:
            res.notes.append("the dual point cannot be moved into the domain of l* with 1^T v = 0: no lower end")
            res.verdict = UNDECIDED
            return res
        v = box
    sup = relu1d_sup(x, v, Fraction(0))[0]
    t, tv = scale_into(v, sup, beta)
    p = [-yi * vi for yi, vi in zip(y, tv)]
    lower = lower_of(lambda: _entropy_sum(p))
    try:
        br = Bracket(lower, upper, f"dual v = grad l(z) of the primal point, scaled by {float(t):.9g}",
                     "primal (w, c), exact")
        res.value = br
    except ValueError:
        res.verdict = CONTRADICTED
        res.notes.append(f"weak duality fails: dual value {fl(lower)} > primal value {fl(upper)}")
        return res
    # no exact optimum exists here (the logistic loss): the solver's point, rounded to rationals, is what the
    # certified upper end is the objective of, so it is drawn as a reference only
    res.figure(functions_figure(x, y, [function_1d("(19) solution (float; its objective the upper end)",
                                                   Network.from_atoms(atoms, wq, cq), REFERENCE)],
                                f"ep (19), logistic loss, beta = {beta}: value in {br.text(8)}"))
    res.notes.append(f"primal (19) = dual optimum in {br}; sup |v^T (x u + b)_+| = {fl(sup)} before scaling")
    tol = SOLVER_TOL * max(Fraction(1), abs(upper))
    res.verdict = CONFIRMED if br.width <= tol else UNDECIDED
    if res.verdict is UNDECIDED:
        res.notes.append(f"not decided: the certified bracket is wider than {float(tol):.3g} (SOLVER_TOL relative)")
    # the printed conjugate l*(v) = max_z z^T v - l(z, y), maximised numerically per coordinate,
    # against the closed form sum p log p + (1-p) log(1-p) used for the lower end
    from scipy.optimize import minimize_scalar
    num = sum(-minimize_scalar(lambda s, vi=float(vi), yi=float(yi): -(s * vi - np.logaddexp(0, -yi * s)),
                               bounds=(-60, 60), method="bounded", options={"xatol": 1e-12}).fun
              for vi, yi in zip(tv, y))
    closed = -float(lower)
    res.printed.append(audit_check("l*(v) = max_z z^T v - l(z, y) (Theorem 6.1), logistic loss", "printed definition",
                                   abs(num - closed) <= 1e-6, f"numerical max {num:.10g}, closed form "
                                   f"sum p log p + (1-p) log(1-p) = {closed:.10g}"))
    res.printed.append(audit_check(
        "dual of (19): max -l*(v) s.t. v, -v in beta Q_A^o", "printed", res.verdict == CONFIRMED,
        "derived by Fenchel duality: max -l*(v) s.t. |v^T (a u + b)_+| <= beta for all |u| <= 1, b "
        "(the bias forces 1^T v = 0); value equals the primal within the bracket"))
    res.data = {"bracket": br.as_json()}
    return res
