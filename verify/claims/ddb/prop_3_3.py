"""ddb.prop-3.3 (MEASURED): w_b(a, b) = sqrt(E_D[(a^T x + b)_+^2]) is convex, and effectively strictly convex
(Definition 3.2) near any neuron at the bulk (Definition 3.1), each pair decided exactly.

Convention ddb (12)/(13): E_D is the uniform average over the n data points. For a pair p, q of parameters and
their midpoint m the gap (w(p) + w(q))/2 - w(m) is a sum of square roots of rationals
(:class:`exact.checker.arith.Surd`), whose sign is exact: square-free radicands are linearly independent, so no
tolerance enters. Three families per case, all exact:

* random rational pairs: the midpoint inequality (23), gap >= 0;
* pairs inside one open region at the bulk (active lifted rows of rank d + 1, where the feature map is an
  injective linear map, so w is a Euclidean norm): gap > 0 unless p, q are positively proportional;
* off the bulk: for every region whose active rows have rank <= d, a pair p, q = N u +- k (u the region's
  point, k in the kernel of the active rows, N doubled until both lie in the region) with equal features,
  hence gap = 0, yet not proportional -- equality (14) off the bulk, as Definition 3.1 allows.

The verdict is MEASURED (frequencies of exact decisions; finitely many pairs prove no universal statement);
the off-bulk equality pair behind the finding is certified (kind weight-midpoint);
CONTRADICTED (exact arithmetic, a degenerate bracket) if a pair violates convexity or is equal at the bulk.
An off-bulk pair that sees data is a finding against Section 4's reading of Proposition 3.3 (w_b effectively
strictly convex in the global sense of Definition 3.2, the hypothesis of Theorem 4.2), not against the
proposition, which is local.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case

from ...context import Context
from ...conventions import DDB_LABEL_NOISE
from ...registry import claim
from ...report.figures import frequencies_figure
from ...requirements import Data, Needs, Parameter
from ...result import CONTRADICTED, ERROR, MEASURED, Draft
from ._shared import (
    Row,
    cells,
    certified_gaps,
    off_bulk_pair,
    proportional,
    rational,
    sampled,
    small_cases,
    text,
    weight,
)

DRAWS = Parameter("draws", "random rational pairs (p, q), and in-region pairs per bulk region", Fraction(200),
                  "ddb Proposition 3.3: any (a, b), (a', b')")
SEED = Parameter("seed", "the seed of the random pairs", Fraction(33), "relu-certify")
PLACE = "Proposition 3.3, Definitions 3.1-3.2 and (23) (Appendix A)"
STATEMENT = ("w_b(a, b) = sqrt(E_D[(a^T x + b)_+^2]) is convex; at the bulk it is effectively strictly convex in a "
             "neighbourhood")

GLOBAL_PLACE = "Section 4, before Definition 4.1: 'Lemma 3.3 in section 3.2 shows ...'"
GLOBAL_STATEMENT = ("the implicit regularization term (w_b of Proposition 3.3) is also effectively strictly convex "
                    "(Definition 3.2), as Theorem 4.2 requires")


def _points(sign: tuple[int, ...]) -> str:
    return ", ".join(f"x_{i + 1}" for i, s in enumerate(sign) if s > 0)


def gap(rows: list[Row], p: Row, q: Row) -> int:
    """The exact sign of (w(p) + w(q))/2 - w((p + q)/2).

    >>> from fractions import Fraction as F
    >>> rows = [(F(0), F(1)), (F(1), F(1))]
    >>> gap(rows, (F(1), F(0)), (F(-1), F(1))), gap(rows, (F(0), F(-1)), (F(-1), F(-1)))
    (1, 0)
    """
    m = tuple((a + b) / 2 for a, b in zip(p, q, strict=True))
    return ((weight(rows, p) + weight(rows, q)) * Fraction(1, 2) - weight(rows, m)).sign()


@claim("ddb.prop-3.3", "ddb", PLACE, STATEMENT, "exact (each pair)", small_cases, expect=MEASURED,
       needs=Needs(Data.ANY, parameters=(DRAWS, SEED)))
def check_weight_convexity(case: Case, ctx: Context) -> Draft:
    """Frequencies of the exact midpoint decisions on the three families (module doc)."""
    rows, draws, rng, res = sampled("ddb.prop-3.3", case, DRAWS, SEED, MEASURED, "exact (each pair)", DDB_LABEL_NOISE)
    size = len(rows[0])
    random_gaps = [gap(rows, rational(rng, size), rational(rng, size)) for _ in range(draws)]
    violations = random_gaps.count(-1)
    arrangement = cells(rows)
    bulk = [c for c in arrangement if c.at_bulk(rows)]
    strict = equal = proportional_pairs = 0
    for cell in bulk:
        for _ in range(max(1, draws // len(bulk))):
            p, q = cell.point(rng, True), cell.point(rng, True)
            if proportional(p, q):
                proportional_pairs += 1
            elif gap(rows, p, q) > 0:
                strict += 1
            else:
                equal += 1
    witnesses = [w for w in (off_bulk_pair(rows, c) for c in arrangement if not c.at_bulk(rows)) if w is not None]
    confirmed = [w for w in witnesses if gap(rows, w.p, w.q) == 0 and not proportional(w.p, w.q)]
    # a witness that sees some data is more telling than the region where every neuron is dead
    confirmed.sort(key=lambda w: 1 not in w.sign)
    res.notes.append(f"random rational pairs: {draws}, midpoint inequality (23) exact on all but {violations}; "
                     f"equality on {random_gaps.count(0)}")
    res.notes.append(f"{len(arrangement)} closed cells, {len(bulk)} at the bulk (active rows of rank {size}); pairs "
                     f"in one bulk region: {strict} strict, {equal} equal, {proportional_pairs} proportional skipped")
    res.notes.append(f"off the bulk: {len(confirmed)} of {len(arrangement) - len(bulk)} regions give an exact "
                     "non-proportional pair with equality (14)" + (
                         f", e.g. p = {text(confirmed[0].p)}, q = {text(confirmed[0].q)} (region "
                         f"{confirmed[0].sign})" if confirmed else ""))
    res.data = {"pairs": draws, "violations": violations, "random_equal": random_gaps.count(0),
                "cells": len(arrangement), "bulk_cells": len(bulk), "bulk_strict": strict, "bulk_equal": equal,
                "bulk_proportional": proportional_pairs, "off_bulk_equal": len(confirmed),
                "witnesses": [{"sign": list(w.sign), "p": [str(t) for t in w.p], "q": [str(t) for t in w.q]}
                              for w in confirmed]}
    res.figure(frequencies_figure([("random pairs: (23) violated", violations, draws, Fraction(0)),
                                   ("random pairs: equality in (23)", random_gaps.count(0), draws, None),
                                   ("one bulk region: equality", equal, strict + equal, Fraction(0))],
                                  "ddb Proposition 3.3: the midpoint inequality (23) on random rational pairs",
                                  "the event", "the paper: never"))
    seeing = [w for w in confirmed if 1 in w.sign]
    if seeing:
        w = seeing[0]
        cert = certified_gaps(rows, "w_b", [(w.p, w.q)], res, ctx, "__off_bulk",
                              "w_b has midpoint gap 0 at the non-proportional pair (p, q) off the bulk")
        if cert is None or cert[1] != [{"sign": 0, "proportional": False, "bulk": False}]:
            res.notes.append("the checker does not confirm the off-bulk equality pair")
            res.verdict = ERROR
            return res
        res.finding(GLOBAL_PLACE, GLOBAL_STATEMENT, f"w_b fails Definition 3.2 (which is global): p = {text(w.p)}, "
                    f"q = {text(w.q)} are not proportional, both active exactly on the points {_points(w.sign)} "
                    f"(active rows of rank < {size}: off the bulk), and (14) holds with equality at lambda = 1/2 "
                    "(their features are equal, exact). Proposition 3.3 claims strict convexity only near the bulk, "
                    "so Theorem 4.2, which assumes Definition 3.2, does not apply to w_b as stated", cert[0])
    if violations or equal:
        res.verdict = CONTRADICTED
        res.finding(PLACE, STATEMENT, f"{violations} exact violations of the midpoint inequality and {equal} "
                    "non-proportional equalities in bulk regions (exact surd signs)")
    return res
