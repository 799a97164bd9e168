"""ddb.thm-4.7: two minimisers of (6) / (20) charging a cell charge the same single point of it (ddb Section 4),
decided exactly on 1-D data.

Convention ddb (20) in 1-D (DDB_20), solved and enumerated as in :mod:`.thm_4_2` (by :mod:`._support`): the optimal
set is the polytope over the certified contact set, with vertices V. Two minimisers charging a closed cell K use the
same single point for every such pair iff the union U of the vertex supports has at most one point in K (two
vertices charging p != q of K, or one vertex charging both, give the pair; conversely every minimiser is a convex
combination of vertices). So Theorem 4.7 fails exactly where Theorem 4.2 does; this check reports, per closed cell,
the points the minimisers share and whether two distinct optimal networks charge it, and the weaker readings (per
closed cell and sign of c, per open face). A counterexample is two certified optimal networks (kind relu1d-joint-
exact), REFUTED; CONFIRMED is the exact computation on the certified contact set.

>>> len(support_cases()) >= 6
True
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case

from ...context import Context
from ...registry import claim
from ...requirements import Data, Needs
from ...result import CONFIRMED, REFUTED, Draft, Labelled
from ._support import FAMILY, SEED, begin, finding_text, point, readings, support_cases, where

PLACE = "Section 4, Theorem 4.7 and its proof (Appendix), via Lemma 4.5"
STATEMENT = ("for a cell C and zero-error minimisers mu, mu' with non-zero support on C, both are effectively "
             "supported in the same single point of C")


@claim("ddb.thm-4.7", "ddb", PLACE, STATEMENT, "exact in 1-D, isolated in 2-D", support_cases,
       expect=REFUTED,
       needs=Needs(Data.ANY_OR_NONE, parameters=(FAMILY, SEED)))
def check_shared_point(case: Case, ctx: Context) -> Draft:
    """REFUTED with two certified optimal networks charging different points of one closed cell; CONFIRMED when
    every charged closed cell has one point shared by all minimisers charging it (exact, on the certified C)."""
    res, sup = begin("ddb.thm-4.7", case, ctx)
    if sup is None:  # not decided, or a data-free case measured over the seeded families
        return res
    m = sup.measures
    charged = [k for k in m.cells if k.charged]
    shared = [k for k in charged if len(k.charged) == 1]
    res.value = Labelled((("closed cells charged", Fraction(len(charged))),
                          ("closed cells with one shared point", Fraction(len(shared))),
                          ("vertices of the optimal set" if m.enumerated else "certified minimisers",
                           Fraction(len(m.vertices)))))
    res.notes.append((f"{len(m.vertices)} vertices of the optimal set" if m.enumerated else "a certified minimiser "
                      "charging every contact (the optimal set, a polytope, is not enumerated)")
                     + "; the closed cells charged by some minimiser: "
                     + "; ".join(f"{where(m, k)}: " + ", ".join(point(m.contacts[j])
                                                                   for j in k.charged) for k in charged)
                     + "; " + readings(m))
    if sup.witnesses:
        res.finding("Section 4, Theorem 4.7", STATEMENT, finding_text(case, sup), *res.certificates)
        res.verdict = REFUTED
    else:
        res.verdict = CONFIRMED
    return res
