"""Kind "sign-patterns": the exact set of affine sign patterns, with a witness or exclusion for every sign vector."""

from __future__ import annotations

from ..relu.arrangements import Matrix, PatternTree
from . import certificate_header


def patterns_certificate(X: Matrix, tree: PatternTree, claim: str, case: str) -> dict:
    """Kind ``sign-patterns`` (:mod:`exact.checker.sign_patterns`): a witness per pattern, an exclusion per
    pruned prefix."""
    doc = certificate_header("sign-patterns", claim, case,
                             "|J| = count for J = {sign(X w + b 1)}, sign(0) = +1")
    doc.update(
        data={"X": [[str(a) for a in x] for x in X]},
        realised=[{"pattern": list(r.pattern), "w": [str(a) for a in r.w], "b": str(r.b)} for r in tree.realised],
        excluded=[{"prefix": list(e.prefix), "mu": [str(m) for m in e.mu]} for e in tree.excluded],
        count=len(tree.realised),
    )
    return doc
