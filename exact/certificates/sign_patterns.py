"""Kind "sign-patterns": the exact set of sign patterns, with a witness or exclusion for every sign vector."""

from __future__ import annotations

from ..relu.arrangements import Matrix, PatternTree
from . import certificate_header


def pattern_evidence(tree: PatternTree, affine: bool = True) -> dict:
    """{realised, excluded}: a witness (w, b) per pattern (no b when central), Farkas multipliers per pruned
    prefix (:func:`exact.checker.sign_patterns.certified_patterns`)."""
    return {"realised": [{"pattern": list(r.pattern), "w": [str(a) for a in r.w]} | ({"b": str(r.b)} if affine else {})
                         for r in tree.realised],
            "excluded": [{"prefix": list(e.prefix), "mu": [str(m) for m in e.mu]} for e in tree.excluded]}


def patterns_certificate(X: Matrix, tree: PatternTree, claim: str, case: str, affine: bool = True) -> dict:
    """Kind ``sign-patterns`` (:mod:`exact.checker.sign_patterns`) of ``tree`` =
    :func:`exact.relu.arrangements.pattern_tree` (X, affine): the count of affine (or central) patterns.

    >>> from fractions import Fraction as F
    >>> from exact.relu.arrangements import pattern_tree
    >>> X = [[F(1)], [F(-2)]]
    >>> patterns_certificate(X, pattern_tree(X, affine=False), "demo", "demo", affine=False)["relation"]
    {'type': 'count', 'value': 3, 'arrangement': 'central'}
    """
    arrangement = "affine" if affine else "central"
    doc = certificate_header("sign-patterns", claim, case,
                             f"|J| = count for J = {{sign(X w{' + b 1' if affine else ''})}}, sign(0) = +1")
    doc.update(data={"X": [[str(a) for a in x] for x in X], "arrangement": arrangement},
               relation={"type": "count", "value": len(tree.realised), "arrangement": arrangement},
               **pattern_evidence(tree, affine))
    return doc
