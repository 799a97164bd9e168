"""Kind "pattern-bracket": an exact bracket of the infinite-width problem in any dimension through the sign patterns."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..relu.arrangements import Matrix, Pattern, PatternTree
from ..relu.networks import Network
from . import certificate_header
from .sign_patterns import patterns_certificate

Multipliers = Sequence[tuple[Pattern, int, Sequence[Fraction]]]


def pattern_dual(kind: str, claim: str, case: str, statement: str, X: Matrix, y: Sequence[Fraction],
                 alpha: Fraction, joint: bool, tree: PatternTree, v: Sequence[Fraction], G: Fraction,
                 multipliers: Multipliers, lower: Fraction) -> dict:
    """The data, pattern and dual part shared by "pattern-bracket" and "pattern-program-lower" (lower = v^T y / G);
    ``multipliers`` lists (pattern, eps, m = S ⊙ mu) per piece."""
    doc = certificate_header(kind, claim, case, statement)
    doc.update(data={"X": [[str(a) for a in r] for r in X], "y": [str(t) for t in y], "alpha": str(alpha),
                     "joint": joint},
               patterns=patterns_certificate(X, tree, claim, case),
               dual={"v": [str(t) for t in v], "G": str(G),
                     "pieces": [{"pattern": list(s), "eps": e, "m": [str(t) for t in m]} for s, e, m in multipliers]},
               lower=str(lower))
    return doc


def pattern_bracket_certificate(claim: str, case: str, statement: str, X: Matrix, y: Sequence[Fraction],
                                alpha: Fraction, joint: bool, tree: PatternTree, v: Sequence[Fraction], G: Fraction,
                                multipliers: Multipliers, lower: Fraction, network: Network, upper: Fraction) -> dict:
    """Kind "pattern-bracket": :func:`pattern_dual` plus a network with atoms in W that fits y (upper end)."""
    doc = pattern_dual("pattern-bracket", claim, case, statement, X, y, alpha, joint, tree, v, G, multipliers, lower)
    doc.update(primal={"neurons": [{"w": [str(a) for a in n.w], "b": str(n.b), "c": str(n.c)}
                                   for n in network.neurons if n.c],
                       "constant": str(network.constant)},
               upper=str(upper))
    return doc
