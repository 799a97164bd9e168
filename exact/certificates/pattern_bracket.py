"""Kind "pattern-bracket": an exact bracket of the infinite-width problem in any dimension through the sign patterns."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..convention import Convention, HiddenBias
from ..relu.arrangements import Matrix, Pattern, PatternTree
from ..relu.networks import Network
from . import certificate_header
from .sign_patterns import pattern_evidence

Multipliers = Sequence[tuple[Pattern, int, Sequence[Fraction]]]


def pattern_dual(kind: str, claim: str, case: str, statement: str, X: Matrix, y: Sequence[Fraction],
                 alpha: Fraction, joint: bool, tree: PatternTree, v: Sequence[Fraction], G: Fraction,
                 multipliers: Multipliers, relation: dict) -> dict:
    """The convention, data, ``relation``, affine patterns of ``tree`` and dual v, G shared by "pattern-bracket"
    and "pattern-program-lower" (their lower bound is v^T y / G); ``multipliers`` lists (pattern, eps,
    m = S ⊙ mu) per piece."""
    doc = certificate_header(kind, claim, case, statement)
    doc.update(convention=Convention(alpha, HiddenBias.IN_NORM if joint else HiddenBias.FREE).as_json(),
               data={"X": [[str(a) for a in r] for r in X], "y": [str(t) for t in y]},
               relation=relation,
               patterns=pattern_evidence(tree),
               dual={"v": [str(t) for t in v], "G": str(G),
                     "pieces": [{"pattern": list(s), "eps": e, "m": [str(t) for t in m]} for s, e, m in multipliers]})
    return doc


def pattern_bracket_certificate(claim: str, case: str, statement: str, X: Matrix, y: Sequence[Fraction],
                                alpha: Fraction, joint: bool, tree: PatternTree, v: Sequence[Fraction], G: Fraction,
                                multipliers: Multipliers, lower: Fraction, network: Network, upper: Fraction) -> dict:
    """Kind "pattern-bracket": :func:`pattern_dual` plus a network with atoms in W that fits y (cost ``upper``);
    states lower = v^T y / G <= the infimum <= upper."""
    doc = pattern_dual("pattern-bracket", claim, case, statement, X, y, alpha, joint, tree, v, G, multipliers,
                       {"type": "between", "lower": str(lower), "upper": str(upper)})
    doc["primal"] = {"neurons": [n.as_json() for n in network.neurons if n.c], "constant": str(network.constant)}
    return doc
