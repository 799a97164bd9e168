"""Kind "l1-ls-kkt": an exact optimum of l1-regularised least squares (optionally over all 1-D ReLU networks)."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..lasso import LassoSolution, Matrix
from . import certificate_header


def lasso_certificate(A: Matrix, y, sol: LassoSolution, claim: str, case: str, statement: str,
                      free_columns: Sequence[Sequence[Fraction]] = (), relu1d: dict | None = None) -> dict:
    """Kind ``l1-ls-kkt`` (checked by :mod:`exact.checker.l1_ls_kkt`); ``relu1d`` = {x, alpha, neurons: [(u, b)],
    optional rank_one: {c, a, norm}} makes it a certificate for the infinite-width 1-D problem."""
    S = lambda seq: [str(Fraction(t)) for t in seq]  # noqa: E731
    doc = certificate_header("l1-ls-kkt", claim, case, statement)
    doc.update(
        data={"A": [S(row) for row in A], "F": [S(col) for col in free_columns], "y": S(y),
              "beta": str(sol.beta), "scale": str(sol.scale)},
        primal={"w": S(sol.weights), "c": S(sol.free)},
        dual={"v": S(sol.dual)},
        value=str(sol.value),
    )
    if relu1d is not None:
        block = {"x": S(relu1d["x"]), "alpha": str(Fraction(relu1d.get("alpha", 0))),
                 "neurons": [{"u": str(Fraction(u)), "b": str(Fraction(b))} for u, b in relu1d["neurons"]]}
        if "rank_one" in relu1d:
            ro = relu1d["rank_one"]
            block["rank_one"] = {"c": S(ro["c"]), "a": S(ro["a"]), "norm": str(Fraction(ro["norm"]))}
        doc["relu1d"] = block
    return doc
