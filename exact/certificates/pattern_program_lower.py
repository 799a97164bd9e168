"""Kind "pattern-program-lower": a lower bound on a pattern program whose eps = -1 pieces carry the sign rows
``minus_sign`` s (kh (7)/(9) as printed: -s)."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..relu.arrangements import Matrix, PatternTree
from .pattern_bracket import Multipliers, pattern_dual


def program_lower_certificate(claim: str, case: str, statement: str, X: Matrix, y: Sequence[Fraction],
                              alpha: Fraction, joint: bool, tree: PatternTree, v: Sequence[Fraction], G: Fraction,
                              multipliers: Multipliers, lower: Fraction, minus_sign: int = -1) -> dict:
    """The dual of the program (data, patterns, v, G, multipliers per piece) and lower = v^T y / G."""
    doc = pattern_dual("pattern-program-lower", claim, case, statement, X, y, alpha, joint, tree, v, G, multipliers,
                       {"type": "at-least", "value": str(lower)})
    doc["data"]["minus_sign"] = minus_sign
    return doc
