"""Kind "pattern-program-lower": a lower bound on a pattern program with explicit sign rows (kh (7) / (9) as printed).

The program over the affine sign patterns J of X (kh (7): b free; kh (9): the norm ||[w, b]||):

    min sum_(s, eps) ||w_(s, eps)||  (resp. ||[w, b]||)  s.t.  sum_(s, eps) eps h(s) . p_(s, eps) = y,
        s . p_(s, +1) >= 0,  r s . p_(s, -1) >= 0,   p = X w + b 1,

with r = data.minus_sign: kh (7)/(9) as printed constrain the eps = -1 term by "s . p <= 0", r = -1
((9) prints "< 0": its closure, whose value is no larger); the corrected programs have r = +1. Its
Lagrangian dual (v on the fit rows, mu >= 0 on the sign rows) is feasible when every (s, eps) piece
has g = eps h(s) . v + S . mu with the norm bound of :mod:`exact.checker._pattern_dual` (S = s, or
r s for eps = -1); weak duality then gives value >= v^T y / G. No primal.

Conditions checked: convention, data and J as in :func:`exact.checker._pattern_dual.pattern_problem`;
data.minus_sign the JSON integer 1 or -1; the dual as in :func:`exact.checker._pattern_dual.dual_lower`.
Proves ``{"type": "at-least", "value": v^T y / G}``.
"""

from __future__ import annotations

from ._fields import at, unit
from ._pattern_dual import dual_lower, pattern_problem
from ._proved import Proved


def check(doc: dict, problems: list[str]) -> Proved:
    P = pattern_problem(doc, problems)
    minus_sign = unit(at(doc, "data.minus_sign"), "data.minus_sign")
    lower = dual_lower(doc, problems, P, minus_sign)
    return Proved({"type": "at-least", "value": lower}, {**P.data(), "minus_sign": minus_sign})
