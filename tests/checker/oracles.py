"""Independent answers for certificates about changed data: a mutant of a certificate's data that the
checker accepts must state a true relation of the new data, and these solvers (not the checker) say
whether it does. ``ORACLES[kind](report)``: whether the accepted relation is true, None when the solver does
not cover the new data."""
from __future__ import annotations

from fractions import Fraction
from typing import Callable

import numpy as np
from scipy.optimize import linprog

from exact.certificates.arrangement import arrangement_relation
from exact.checker import CheckReport
from exact.checker.relu1d import patterns_1d
from exact.convention import Convention, HiddenBias
from exact.relu.arrangements import central_arrangement
from exact.relu.hinge import solve_hinge_1d
from exact.relu.interpolation import interpolate_1d
from exact.relu.pattern_program import Term, pattern_program, solve_1d


def _close(a: float, b: Fraction) -> bool:
    return abs(a - float(b)) <= 1e-7 * max(1.0, abs(float(b)))


def _lp(report: CheckReport) -> bool:
    """HiGHS on min c^T x, A_eq x = b_eq, A_ub x <= b_ub, x >= 0 except the free columns."""
    assert report.data is not None and report.relation is not None
    p = report.data["problem"]
    n = len(p["c"])

    def floats(rows: list) -> np.ndarray:
        return np.array([[float(Fraction(v)) for v in r] for r in rows]).reshape(len(rows), n)

    bounds = [(None, None) if j in p["free"] else (0, None) for j in range(n)]
    res = linprog([float(Fraction(v)) for v in p["c"]], A_ub=floats(p["A_ub"]) if p["A_ub"] else None,
                  b_ub=[float(Fraction(v)) for v in p["b_ub"]] or None,
                  A_eq=floats(p["A_eq"]) if p["A_eq"] else None,
                  b_eq=[float(Fraction(v)) for v in p["b_eq"]] or None, bounds=bounds, method="highs")
    kind = report.relation["type"]
    if kind == "infeasible":
        return res.status == 2
    if kind == "unbounded":
        return res.status == 3
    return res.status == 0 and _close(res.fun, Fraction(report.relation["value"]))


def _interpolation(report: CheckReport) -> bool:
    """The exact 1-D route of exact/relu/interpolation.py (HiGHS basis, exact LP)."""
    assert report.data is not None and report.relation is not None
    x, y = ([Fraction(v) for v in report.data[k]] for k in ("x", "y"))
    sol = interpolate_1d(x, y, Convention.from_json(report.data["convention"]))
    return sol.value == Fraction(report.relation["value"])


def _hinge(report: CheckReport) -> bool | None:
    """The exact hinge route of exact/relu/hinge.py, which is written for the ReLU without output bias."""
    assert report.data is not None and report.relation is not None
    d = report.data
    relu = Convention(hidden_bias=HiddenBias.NONE if d["mode"] == "no-bias" else HiddenBias.FREE)
    if Convention.from_json(d["convention"]) != relu:
        return None
    sol = solve_hinge_1d([Fraction(v) for v in d["x"]], [Fraction(v) for v in d["y"]], Fraction(d["beta"]), d["mode"])
    return sol.value == Fraction(report.relation["value"])


def _pattern_1d(report: CheckReport) -> bool:
    """The producer's exact 1-D route (exact/relu/pattern_program.py: the LP over the extreme sign rows) on the
    program the data state, built term by term as the kind's SPEC section defines it."""
    assert report.data is not None and report.relation is not None
    d = report.data
    x, y = ([Fraction(v) for v in d[k]] for k in ("x", "y"))
    conv, margin, r = Convention.from_json(d["convention"]), d["program"] == "margin", d["minus_sign"]
    terms = []
    for s in patterns_1d(x):
        D = tuple((Fraction(1) if si == 1 else conv.alpha) * (yi if margin else 1) for si, yi in zip(s, y))
        for eps in (1, -1):
            S = tuple(Fraction(si * (1 if eps == 1 else r)) * (yi if d["sign_times_y"] else 1) for si, yi in zip(s, y))
            terms.append(Term(s, eps, D, S))
    sol = solve_1d(pattern_program(x, y, conv, margin=margin, patterns=patterns_1d(x), terms=terms))
    if report.relation["type"] == "infeasible":
        return sol.status == "infeasible"
    return sol.status == "optimal" and sol.value == Fraction(report.relation["value"])


def _arrangement(report: CheckReport) -> bool:
    """The producer's enumeration of the faces (exact/relu/arrangements: regions of every flat by inserting
    hyperplanes, not the checker's star lemma) on the stated X: the same counts."""
    assert report.data is not None and report.relation is not None
    X = [[Fraction(v) for v in row] for row in report.data["X"]]
    return arrangement_relation(central_arrangement(X)) == report.relation


ORACLES: dict[str, Callable[[CheckReport], bool | None]] = {
    "arrangement": _arrangement,
    "lp": _lp,
    "pattern-program-1d": _pattern_1d,
    "relu1d-hinge": _hinge,
    "relu1d-l1-interpolation": _interpolation,
}
