"""pe.thm-5 (covers pe.thm-6): (39) = (38) for a general convex loss, and its dual max -l*(v) s.t.
|v^T (X u)_+| <= beta (Theorem 6), bracketed for the hinge and the absolute loss.

Convention pe (38)/(39), A.13: l(z) = sum_i max(0, 1 - y_i z_i) (hinge, labels +-1) or ||z - y||_1 (absolute),
weight decay beta/2 in (38) and beta sum (||v_i|| + ||w_i||) in (39); no hidden bias (a bias is a ones column,
case ``bias``). The bracket of (39) over every region (kind cone-program-bracket,
:mod:`verify.numeric.cone_program`): its lower end is Theorem 6's dual objective -l*(v) at a point v that
the checker proves feasible for every u (piece by piece over the regions) and in dom l*, so it bounds (40)
and (38) below for every width (weak duality); its upper end is (39) at exactly feasible blocks, and
Theorem 5's network built from them has its (38)-objective inside (interval arithmetic). A tight bracket
is the equality of Theorem 5 and the strong duality of Theorem 6 on the instance.
"""

from __future__ import annotations

from cases import Case

from ...context import Context
from ...conventions import PE_39
from ...numeric.bracket import Position, locate
from ...registry import claim
from ...report.figures import regions_figure
from ...requirements import Data, Needs
from ...result import CONFIRMED, CONTRADICTED, ERROR, UNDECIDED, Draft, Labelled
from .._shared import fl
from ._shared import BETA, BIAS, blocks_network, certified_bracket, matrix, named_cases

PLACE = "Appendix A.13, Theorems 5 and 6"
STATEMENT = ("(39) and (38) with m >= m* have identical optimal values for a convex loss, with the network of "
             "Theorem 5; the dual of (40) is max -l*(v) s.t. |v^T (X u)_+| <= beta for all ||u|| <= 1")
WIDTH = 1e-6
#: (case prefix, loss): the classification case takes the hinge, the regression case the absolute loss
LOSSES = (("pe-2d-classify", "hinge"), ("pe-2d-six", "absolute"))


def loss_cases() -> list[Case]:
    return [c for prefix, _ in LOSSES for c in named_cases(prefix)]


def loss_of(case: Case) -> tuple[str, ...]:
    """hinge on +-1 labels, and the absolute loss always."""
    binary = all(t in (1, -1) for t in case.y)
    return ("hinge", "absolute") if binary else ("absolute",)


@claim("pe.thm-5", "pe", PLACE, STATEMENT, "float (bracketed)", loss_cases, expect=CONFIRMED,
       needs=Needs(Data.ANY, parameters=(BETA, BIAS)), covers=("pe.thm-6",))
def check_general_loss(case: Case, ctx: Context) -> Draft:
    """CONFIRMED when each loss's certified bracket has relative width <= 1e-6 and Theorem 5's network lies in it;
    CONTRADICTED when the network's objective lies outside; UNDECIDED when a bracket is wider."""
    beta, X = BETA.of(case), matrix(case)
    res = Draft("pe.thm-5", case.name, ERROR, "float", PE_39)
    values, verdicts = [], []
    for loss in loss_of(case):
        got = certified_bracket(X, case.y, beta, res, ctx, loss, f"__{loss}", f"(39), {loss}")
        if got is None:
            return res
        b, cert = got
        lo, hi = b.network
        if loss == "hinge" and case.X is not None and len(case.X[0]) == 2:
            res.figure(regions_figure(case.X, case.y, blocks_network(b.blocks, 2), f"pe (39), hinge loss, beta = "
                                      f"{beta}: the sign of the certified upper end's network (Theorem 5)"))
        outside = {locate(b.bracket, lo), locate(b.bracket, hi)} - {Position.INSIDE}
        values.append((loss, b.bracket))
        res.notes.append(f"{loss}: (39) over {b.regions} regions in {b.bracket.text(12)} (relative width "
                         f"{b.relative_width:.2e}; the lower end is Theorem 6's -l*(v) at a certified feasible v); "
                         f"Theorem 5's network ({b.neurons} neurons) has (38) in [{fl(lo)}, {fl(hi)}]")
        if outside:
            res.finding(PLACE, STATEMENT, f"{loss} loss: (38) at Theorem 5's network lies in [{lo}, {hi}], outside "
                        f"the certified bracket {b.bracket.text(12)} of (39)", cert.path)
            verdicts.append(CONTRADICTED)
        else:
            verdicts.append(CONFIRMED if b.relative_width <= WIDTH else UNDECIDED)
    res.value = Labelled(tuple(values))
    res.verdict = CONTRADICTED if CONTRADICTED in verdicts else UNDECIDED if UNDECIDED in verdicts else CONFIRMED
    return res
