"""pe.gauge-6-7: minimum-norm interpolation (6) is the gauge of Conv(Q_X u -Q_X) and equals the support
function of its polar (7) (pe Section 2.1, A.10), exactly in 1-D.

Convention pe (6): min sum_j |alpha_j| s.t. sum_j (X u_j)_+ alpha_j = y, ||u_j||_2 <= 1; no hidden bias (a bias
is a ones column of X, inside ||u||). (7): max z^T y over z in the polar, |z^T (X u)_+| <= 1 for ||u|| <= 1.

* 1-D without a bias column: the networks are a x_+ + b (-x)_+ (:mod:`verify.claims.pe._shared`), so (6) is
  the LP min ||c||_1 s.t. [x_+, (-x)_+] c = y, certified by kind lp: its value equals (7) (LP duality), or
  it is infeasible and its Farkas vector z (A^T z = 0, z^T y > 0) is in the polar at every scale, so (6) =
  (7) = +oo.
* 1-D with the bias column X = [x, 1]: (6) is kh (2)+(8) with the ReLU, exact in surds when decided (kind
  relu1d-joint-exact, whose dual v is a point of the polar with v^T y = the value), else a certified
  bracket (kind relu1d-joint-bracket) whose ends are a polar point and a network. Section 2.1's limit
  p_(beta->0) = lim beta^-1 p* is then checked against the certified brackets of (8) (kind
  cone-program-bracket) at beta = 1/10, 1/100, 1/1000: p*(beta) <= beta (6) (the interpolant costs beta (6)
  with no loss), so each lower end / beta must stay below (6), and the upper ends / beta approach it —
  a cross-check of the (8) machinery against the exact 1-D route.

A.10 also states "the set Q_X u -Q_X is a closed convex set". On 1-D data with points of both signs the
two neurons u = (+-1, 0) give q_+- = (+-x)_+ in Q_X, and their midpoint m = |x| / 2 is not in Q_X u -Q_X:
m >= 0, m != 0 (so not in -Q_X), and m is not monotone along the sorted x, while every (w x_i + b)_+ is
(so not in Q_X) — an exact witness (:func:`nonconvex_witness`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from cases import Case
from exact.certificates.lp import beyond_limits, lp_certificate
from exact.l1 import l1_program
from exact.lp import solve_lp

from ...audit import show
from ...context import Context
from ...conventions import PE_2, PE_6
from ...numeric.joint1d import solve_joint
from ...registry import claim
from ...report.figures import function_1d, functions_figure
from ...requirements import Data, Needs
from ...result import CONFIRMED, CONTRADICTED, ERROR, PROVED, UNDECIDED, Draft
from .._shared import certify, certify_joint
from ..kh._shared import joint_function
from ._shared import (
    BIAS,
    HALVES,
    beyond_bracket,
    certified_bracket,
    directions_network,
    fl,
    halves,
    named_cases,
    with_bias,
)

PLACE = "Section 2.1, (6)-(7); Appendix A.10"
LIMIT_BETAS = (Fraction(1, 10), Fraction(1, 100), Fraction(1, 1000))
STATEMENT = ("p_(beta->0) = min sum |alpha_j| s.t. sum (X u_j)_+ alpha_j = y, ||u_j|| <= 1 (6) is the gauge of "
             "Conv(Q_X u -Q_X) and equals max z^T y over its polar (7)")


def nonconvex_witness(x: Sequence[Fraction]) -> tuple[Fraction, ...] | None:
    """The midpoint |x| / 2 of (x)_+ and (-x)_+ when it is outside Q_X u -Q_X (module doc), else None.

    >>> nonconvex_witness([Fraction(-1), Fraction(0), Fraction(2)])
    (Fraction(1, 2), Fraction(0, 1), Fraction(1, 1))
    >>> nonconvex_witness([Fraction(0), Fraction(1)]) is None
    True
    """
    m = tuple(abs(t) / 2 for t in x)
    order = [m[i] for i in sorted(range(len(x)), key=lambda i: x[i])]
    monotone = all(a <= b for a, b in zip(order, order[1:])) or all(a >= b for a, b in zip(order, order[1:]))
    return None if monotone or not any(m) else m


def _limit(case: Case, gauge_upper: Fraction, ctx: Context, res: Draft) -> bool | None:
    """beta^-1 [lower, upper] of (8) for shrinking beta against the certified (6) (module doc): False on a
    violation, None when a bracket is not certified."""
    X, rows, ok = with_bias([[t] for t in case.x]), [], True
    for beta in LIMIT_BETAS:
        got = certified_bracket(X, case.y, beta, res, ctx, suffix=f"__beta{beta}", what=f"(8) at beta = {beta}")
        if got is None:
            return None
        _, cert = got
        ok &= cert.lower / beta <= gauge_upper
        rows.append(f"beta = {beta}: [{fl(cert.lower / beta)}, {fl(cert.upper / beta)}]")
    res.notes.append("beta^-1 p*(beta) from the certified (8) brackets: " + "; ".join(rows)
                     + f" -> (6) = {fl(gauge_upper)} from below: {ok}")
    return ok


def gauge_cases() -> list[Case]:
    return named_cases("pe-example-6")


@claim("pe.gauge-6-7", "pe", PLACE, STATEMENT, "exact", gauge_cases, needs=Needs(Data.ONE_D, parameters=(BIAS,)))
def check_gauge(case: Case, ctx: Context) -> Draft:
    """PROVED when (6) and (7) are certified equal (an lp certificate, or relu1d-joint-exact); CONFIRMED when
    only the joint-norm bracket is certified (its ends are (7) at a polar point and (6) at a network). The
    non-convexity of Q_X u -Q_X (A.10) is a finding with its exact witness."""
    bias = bool(BIAS.of(case))
    res = Draft("pe.gauge-6-7", case.name, ERROR, "exact", PE_6 if bias else PE_2)
    if bias:
        if why := beyond_bracket(with_bias([[t] for t in case.x])):  # the limit check brackets (8) on this data
            res.notes.append(why)
            res.verdict = UNDECIDED
            return res
        solved = solve_joint(case.x, case.y, Fraction(0))
        joint = certify_joint(solved, ctx, res)
        if not joint.ok or joint.bracket is None:
            return res
        res.figure(functions_figure(case.x, case.y, [joint_function(solved, joint, "(6) = kh (2)+(8)")],
                                    "pe (6) with X = [x, 1]: the minimum-norm interpolant"))
        res.value = joint.exact if joint.exact is not None else joint.bracket
        res.notes.append("(6) with X = [x, 1] is kh (2)+(8) with the ReLU: the certificate's dual v is a point of "
                         "the polar of Q_X u -Q_X (|v^T (w x + b)_+| <= ||(w, b)||) with v^T y = (7)'s value")
        limit = _limit(case, joint.bracket.upper, ctx, res)  # None: not decided (the reason is a note)
        res.verdict = CONTRADICTED if limit is False else PROVED if joint.exact is not None else CONFIRMED
    else:
        A = halves(case.x)
        lp = l1_program([{i: row[j] for i, row in enumerate(A) if row[j]} for j in range(2)], case.y)
        if why := beyond_limits(lp):
            res.notes.append(f"not decided: {why}")
            res.verdict = UNDECIDED
            return res
        result = solve_lp(lp)
        cert = certify(lp_certificate(lp, result, res.claim, case.name,
                                      "(6) on 1-D data without a bias column: min ||c||_1 s.t. [x_+, (-x)_+] c = y"),
                       res, ctx, "", "(6) as an LP", about={"problem": lp.as_json()})
        if not cert.ok:
            return res
        if result.status == "infeasible":
            z = [-t for t in result.farkas()[0]]
            res.notes.append(f"(6) is infeasible (certified Farkas vector z = {show(z)}): no network without a bias "
                             f"fits y, so the gauge is +oo; z is in the polar at every scale (z^T (x u)_+ = 0) with "
                             "z^T y > 0, so (7) is +oo too")
        else:
            res.value = cert.value
            c = [result.x[2 * j] - result.x[2 * j + 1] for j in range(2)]  # l1_program's (c+_j, c-_j) columns
            res.figure(functions_figure(case.x, case.y, [function_1d("(6) optimum", directions_network(HALVES, c))],
                                        "pe (6) without a bias: the minimum-norm interpolant a x_+ + b (-x)_+"))
            res.notes.append(f"(6) = (7) = {cert.value} = {fl(cert.value)} (LP duality, certified)")
        res.verdict = PROVED
    witness = nonconvex_witness(case.x)
    if witness is not None:
        res.finding("Appendix A.10", "the set Q_X u -Q_X is a closed convex set that contains the origin",
                    f"(x)_+ = {show([max(t, 0) for t in case.x])} and (-x)_+ are in Q_X (u = +-1"
                    f"{', b = 0' if bias else ''}); their midpoint {show(witness)} is not in Q_X u -Q_X: it is >= 0 "
                    "and nonzero, and not monotone along the sorted x while every (w x + b)_+ is (exact). The "
                    "gauge identity needs Conv(...), as (6)-(7) write it")
    return res
