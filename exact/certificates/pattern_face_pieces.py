"""Kind "pattern-face-pieces": the range of the number of pieces over the optimal face of a 1-D pattern program."""

from __future__ import annotations

from ..relu.face_pieces import PieceRange
from . import certificate_header


def piece_range_certificate(pr: PieceRange, claim: str, case: str) -> dict:
    """Certificate kind ``pattern-face-pieces`` (checked by :mod:`exact.checker.pattern_face_pieces`).

    The data and the term list (pattern, eps) fix the LP; the document gives the optimal value,
    the strictly complementary dual, the declared implicit equalities, the classes, and the
    min / max witnesses as LP points.
    """
    s = lambda v: [str(t) for t in v]  # noqa: E731
    prog = pr.solution.program
    doc = certificate_header(
        "pattern-face-pieces", claim, case,
        "over the optimal face F of kh (7) (corrected, 1-D LP: per term k columns w+ 3k, w- 3k+1, b 3k+2), "
        "the networks sum_k eps_k sigma(w_k x + b_k) have at most max.bound pieces over R (= 1 + the classes of "
        "terms with a common kink on aff(F) whose slope jump is not identically 0); max.point has max.pieces; "
        "min.point has min.pieces pieces" + ("; no interpolant has fewer (secant slopes)" if pr.min_proved else ""))
    doc.update(
        data={"x": s(r[0] for r in prog.X), "y": s(prog.y), "alpha": str(prog.alpha)},
        terms=[{"pattern": list(t.pattern), "eps": t.eps} for t in prog.terms],
        value=str(pr.hull.value),
        dual={"y_eq": s(pr.hull.y_eq), "y_ub": s(pr.hull.z_ub)},
        tight_rows=list(pr.hull.tight_rows),
        zero_columns=list(pr.hull.zero_columns),
        classes=[list(c) for c in pr.classes],
        jumping=list(pr.jumping),
        max={"bound": pr.max_bound, "pieces": pr.max_pieces, "point": s(pr.max_witness.result.x)},
        min={"pieces": pr.min_pieces, "point": s(pr.min_witness.result.x), "proved": pr.min_proved},
    )
    return doc
