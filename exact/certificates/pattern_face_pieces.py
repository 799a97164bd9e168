"""Kind "pattern-face-pieces": the range of the number of pieces over the optimal face of a 1-D pattern program."""

from __future__ import annotations

from fractions import Fraction

from ..convention import Convention
from ..relu.face_pieces import PieceRange
from . import certificate_header


def piece_range_certificate(pr: PieceRange, claim: str, case: str) -> dict:
    """Certificate kind ``pattern-face-pieces`` (checked by :mod:`exact.checker.pattern_face_pieces`).

    The data and the term list (pattern, eps) fix the LP (all n sign rows per term, row k n + i); the document
    gives the strictly complementary dual of the solved LP (which has the sign rows of
    :func:`exact.relu.pattern_program.extreme_rows` only: they imply the others, and an implied row tight on
    the face is tight at its two ends, so the implicit equalities and aff(F) are the same), the declared
    implicit equalities, the classes, and the fewest / most
    pieces witnesses as LP points; the relation states the optimum and both piece ranges.
    """
    s = lambda v: [str(t) for t in v]  # noqa: E731
    prog, sol = pr.solution.program, pr.solution
    n = len(prog.y)
    full = [k * n + i for k, i in sol.sign_rows]  # the LP has the sign rows of extreme_rows only: expanded, 0 elsewhere
    y_ub = [Fraction(0)] * (len(prog.terms) * n)
    for row, z in zip(full, pr.hull.z_ub, strict=True):
        y_ub[row] = z
    doc = certificate_header(
        "pattern-face-pieces", claim, case,
        "over the optimal face F of kh (7) (corrected, 1-D LP: per term k columns w+ 3k, w- 3k+1, b 3k+2), "
        "the fewest pieces over R of a network sum_k eps_k sigma(w_k x + b_k) is between 1 + the secant kinks and "
        "the pieces of points.fewest, the most between the pieces of points.most and 1 + the classes of terms "
        "with a common kink on aff(F) whose slope jump is not identically 0")
    doc.update(
        convention=Convention(prog.alpha).as_json(),
        data={"x": s(r[0] for r in prog.X), "y": s(prog.y)},
        relation={"type": "face-pieces", "value": str(pr.hull.value),
                  "fewest": {"lower": pr.min_floor, "upper": pr.min_pieces},
                  "most": {"lower": pr.max_pieces, "upper": pr.max_bound}},
        terms=[{"pattern": list(t.pattern), "eps": t.eps} for t in prog.terms],
        dual={"y_eq": s(pr.hull.y_eq), "y_ub": s(y_ub)},
        tight_rows=sorted(full[i] for i in pr.hull.tight_rows),
        zero_columns=list(pr.hull.zero_columns),
        classes=[list(c) for c in pr.classes],
        jumping=list(pr.jumping),
        points={"fewest": s(pr.min_witness.result.x), "most": s(pr.max_witness.result.x)},
    )
    return doc
