"""Kind "pattern-program-lower": a lower bound on a pattern program as printed (kh (7) / (9) with their sign rows).

The printed programs constrain the eps = -1 term of pattern s by -s . p >= 0. Their Lagrangian
dual (multipliers v on the fit rows, mu >= 0 on the sign rows) is feasible when, for every
(s, eps), g = eps h(s) . v + S . mu has 1^T g = 0 (b free) and ||X^T g|| <= 1 (resp.
||[X^T g, 1^T g]|| <= 1), S = s for eps = +1 and -s for eps = -1. The checks are those of
"pattern-bracket" for data, patterns and dual (with that S); no primal. Returns ``lower``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._pattern_dual import dual_lower, pattern_data


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    X, y, alpha, joint, J = pattern_data(doc, problems)
    return dual_lower(doc, problems, X, y, alpha, joint, J, printed=True)
