"""Savarese, Evron, Soudry & Srebro (seed 004): Theorem 3.3, the minimal-norm interpolant.

Convention (ses (1)-(5)): h(x) = sum_i w2_i [w1_i x + b1_i]_+ + b2, hidden
biases b1 and the output bias b2 free and unregularised, cost
C = 1/2(||w2||^2 + ||W1||^2), which by rescaling is ||w2||_1 with |w1_i| = 1.
The infinite-width value of (25) is then the LP over the 1-D dictionary with
a free constant, and it is always attained (b2 pays for the constant).

Theorem 3.3 says this value is min over the end slopes (l_0, l_N) of (27)::

    max( sum_{n=0}^{N-1} |l_{n+1} - l_n|,  |l_0 + l_N| ),

with l_n = (y_{n+1} - y_n)/(x_{n+1} - x_n) for 1 <= n <= N-1 on sorted data.
We minimise (27) by its own exact epigraph LP (variables l_0, l_N, t and
e_n >= |l_{n+1} - l_n|) and compare it with the exact network optimum.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case
from exact.certificate import interpolation_certificate, lp_certificate
from exact.interpolation import interpolate_1d
from exact.lp import LinearProgram, solve_lp

from ..conventions import SES_25
from ..registry import Context, claim
from ..result import ERROR, PROVED, REFUTED, CheckResult
from .ep import data_of, one_d_cases


def end_slope_lp(x, y) -> LinearProgram:
    """min over (l_0, l_N) of (27) as an LP in (l_0, l_N, t, e_0..e_{N-1})."""
    pts = sorted(zip(x, y))
    N = len(pts)
    inner = [(pts[k + 1][1] - pts[k][1]) / (pts[k + 1][0] - pts[k][0]) for k in range(N - 1)]
    # each slope l_0..l_N as (coefficient of l_0, coefficient of l_N, constant)
    zero, one = Fraction(0), Fraction(1)
    slopes = [(one, zero, zero)] + [(zero, zero, s) for s in inner] + [(zero, one, zero)]
    return _epigraph(slopes)


def _epigraph(slopes) -> LinearProgram:
    n_terms = len(slopes) - 1
    nv = 3 + n_terms  # l_0, l_N, t, e_0..e_{n_terms-1}
    A_ub, b_ub = [], []
    for k in range(n_terms):
        (a0, aN, c0), (b0, bN, c1) = slopes[k], slopes[k + 1]
        diff = {0: b0 - a0, 1: bN - aN}
        const = c1 - c0
        for s in (1, -1):  # s * (l_{k+1} - l_k) <= e_k
            row = {j: s * v for j, v in diff.items() if v}
            row[3 + k] = Fraction(-1)
            A_ub.append(row)
            b_ub.append(-s * const)
    A_ub.append({**{3 + k: Fraction(1) for k in range(n_terms)}, 2: Fraction(-1)})
    b_ub.append(Fraction(0))
    for s in (1, -1):  # s (l_0 + l_N) <= t
        A_ub.append({0: Fraction(s), 1: Fraction(s), 2: Fraction(-1)})
        b_ub.append(Fraction(0))
    c = [Fraction(0)] * nv
    c[2] = Fraction(1)
    return LinearProgram(tuple(c), A_ub=tuple(A_ub), b_ub=tuple(b_ub), free=frozenset({0, 1}))


@claim("ses.thm-3.3", "ses", "Theorem 3.3, (25)-(27)",
       "min R(f) interpolation = linear spline with end slopes minimising (27); value = min (27)", "exact",
       one_d_cases)
def check_spline_value(case: Case, ctx: Context) -> CheckResult:
    sol = interpolate_1d(case.x, case.y, output_bias=True)
    lp27 = end_slope_lp(case.x, case.y)
    res27 = solve_lp(lp27)
    res = CheckResult("ses.thm-3.3", case.name, ERROR, "exact", SES_25.describe(), value=str(sol.value),
                      data=data_of(sol))
    path, ok, problems = ctx.certify(interpolation_certificate(sol, res.claim, case.name), res.claim, case.name)
    p27, ok27, prob27 = ctx.certify(
        lp_certificate(lp27, res27, res.claim, case.name,
                       "min over (l_0, l_N) of max(sum |l_{n+1} - l_n|, |l_0 + l_N|), ses (27); "
                       "variables (l_0, l_N, t, e_0, ...)"),
        res.claim, case.name, "__eq27")
    res.certificates += [path, p27]
    l0, lN = res27.x[0], res27.x[1]
    res.notes.append(f"network optimum of (25): {sol.value}; min of (27): {res27.value} "
                     f"at l_0 = {l0}, l_N = {lN}")
    if not (ok and ok27):
        res.notes += [f"certificate rejected: {q}" for q in problems + prob27]
        return res
    res.verdict = PROVED if res27.value == sol.value else REFUTED
    return res
