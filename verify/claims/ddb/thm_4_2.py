"""ddb.thm-4.2 and ddb.cor-4.6: minimisers of (6) / (20) charge at most one point per closed cell, finitely many
in all (ddb Section 4), decided exactly on 1-D data.

Convention ddb (20) in 1-D (= (5)/(6) with V = |c| ||(a, b)||, = kh (2)+(8) with the ReLU, DDB_20): every
optimal measure is carried by the finite contact set C of an exact dual with the dual's signs, so the optimal
set is the polytope of :mod:`exact.relu.optimal_measures`, enumerated exactly by its vertices. The optimum,
its dual and one optimal network are certified (kind relu1d-joint-exact, which also lists C and checks that
it is complete when the optimal function is proved unique by ranks); the vertex enumeration and the cell
membership are exact computations on top of that contact set.

The per-cell bound of Theorem 4.2 (closed cells: "we will consider closed cells") fails when some closed cell holds
two points charged by minimisers: then two optimal networks charging them are certified (kind relu1d-joint-exact on
the same dual), REFUTED. A minimiser cannot charge two points of one closed cell with the same sign of c: on a
closed cell g_v is linear and the cell's arc is shorter than pi (n >= 2 distinct points), so |g_v| = 1 with one sign
is attained once there. Two charged points of one closed cell carry opposite output signs, and the centre-of-mass
step of the proof (Figure 1.c, Lemma 4.5) merges same-sign neurons only. The weaker readings -- at most one point
per closed cell and sign of c, at most one point per relatively open face (open arc or ray) -- are computed and
reported on every instance. Theorem 4.2's printed conclusion (finitely many points, O(n)^O(d)) is not what fails:
the per-cell bound of its proof (and of Figure 1.b, Theorem 4.7) is. Corollary 4.6: the minimisers charge finitely
many points, at most the number of closed cells (checked: |U| <= S). On the case ddb-1d-family (``draws``) both
checks measure how often the per-cell bound holds over seeded families, certifying every counterexample (MEASURED).
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case

from ...context import Context
from ...registry import claim
from ...requirements import Data, Needs
from ...result import CONFIRMED, REFUTED, Draft, Labelled
from ._support import FAMILY, SEED, begin, data_text, finding_text, point, readings, support_cases

PLACE = "Section 4, Theorem 4.2 (proof: Lemma 4.5, Figure 1.c) and Corollary 4.6, (20)"
PLACE_21 = "Section 4, 'From discrete solutions to sparse solutions', (21)"
STATEMENT_21 = ("Corollary 4.6 and Theorem 4.7 turn (20) into an S-dimensional linear problem whose only free "
                "parameters are the masses given to each cell; S corresponds to the number of cells of the "
                "hyperplane arrangement in the projective space")
STATEMENT = ("the solutions of (6) / (20) are supported on finitely many points, at most one per closed cell of "
             "the data arrangement; their number is at most the number of cells")


@claim("ddb.thm-4.2", "ddb", PLACE, STATEMENT, "exact in 1-D, isolated in 2-D", support_cases,
       expect=REFUTED,
       needs=Needs(Data.ANY_OR_NONE, parameters=(FAMILY, SEED)), covers=("ddb.cor-4.6",))
def check_support(case: Case, ctx: Context) -> Draft:
    """REFUTED with two certified optimal networks when a closed cell holds two charged points; CONFIRMED (exact
    computation on the certified contact set) when every closed cell holds at most one and |U| <= S."""
    res, sup = begin("ddb.thm-4.2", case, ctx)
    if sup is None:  # not decided, or a data-free case measured over the seeded families
        return res
    m = sup.measures
    res.value = Labelled((("max points charged in one closed cell", Fraction(m.max_per_cell())),
                          ("points charged by some minimiser", Fraction(len(m.charged))),
                          ("closed cells", Fraction(len(m.cells)))))
    res.notes.append(f"Corollary 4.6: the minimisers charge {len(m.charged)} points in all, at most the "
                     f"{len(m.cells)} closed cells: {len(m.charged) <= len(m.cells)}; " + readings(m))
    pairs = m.antipodal_pairs()
    projective = len(m.cells) // 2  # a closed cell and its antipode: one cell of the projective space
    res.notes.append(f"(21)'s S, the cells of the projective space: {projective} (the sphere has {len(m.cells)}); "
                     f"antipodal pairs theta, -theta both charged by minimisers: {len(pairs)}")
    if pairs:
        res.finding(PLACE_21, STATEMENT_21, f"on {data_text(case)} the minimisers of (20) "
                    f"charge both theta and -theta for {len(pairs)} pairs, e.g. {point(m.contacts[pairs[0][0]])} and "
                    f"{point(m.contacts[pairs[0][1]])} (both with c of sign {m.contacts[pairs[0][0]].sign:+d}): two "
                    f"points in one cell of the projective space, and (sigma(r . theta) - sigma(-r . theta) = "
                    f"r . theta) two different neurons. The free masses are one per cell of the sphere, "
                    f"{len(m.cells)} = 2S here, not S = {projective}", *res.certificates)
    if sup.witnesses:
        res.finding("Section 4, proof of Theorem 4.2 and Figure 1.b", "on each cell the associated measure mu_i "
                    "has to be supported at at most one point (closed cells)", finding_text(case, sup)
                    + f". The theorem's own conclusion, finitely many points ({len(m.charged)} <= {len(m.cells)} "
                    "cells), holds here; the per-cell step fails because the two points carry output weights of "
                    "opposite signs, which no single neuron of the cell can replace", *res.certificates)
        res.verdict = REFUTED
    else:  # at most one charged point per closed cell, and every contact lies in one: |U| <= S
        res.verdict = CONFIRMED
    return res
