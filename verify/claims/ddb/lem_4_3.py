"""ddb.lem-4.3 (MEASURED): inside one closed cell ReLU features add, (16), and measures on the cell with equal
moments (18) give equal outputs (17); across two cells (16) fails, with an exact counterexample.

Convention ddb (5)/(6): a neuron (a, b) sees x_i through (a^T x_i + b)_+; the cells are the closed regions of
the arrangement of the lifted rows (x_i, 1) (:mod:`verify.claims.ddb._shared`). Both readings of "cell" in
Section 4 -- the closure of a region, or "active on the same data points" -- give the same sign agreement
used in the proof (both <= 0 or both >= 0 at every x_i), and the sampled points cover both: random
nonnegative combinations of the points of the closed cell's faces, boundary faces included.

Discrete (16): for DRAWS pairs per cell, sum of features = features of the sum, exactly. Continuous (17)-(18):
a random three-atom measure sum_j c_j delta_(theta_j) on the cell against the single atom delta_(M, 1) at its
moment M = sum_j c_j theta_j (or delta_(-M, -1)), whenever that atom lies in the cell (with mixed signs of c_j
the moment may leave it: such draws are counted, not used). Across cells: the region points of the first two
cells differ in sign at some x_i, where (16) fails strictly. No certificate kind states (16), so the verdict
is MEASURED; CONTRADICTED (exact arithmetic) if an in-cell draw fails.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case

from ...context import Context
from ...conventions import DDB_6
from ...registry import claim
from ...report.figures import frequencies_figure
from ...requirements import Data, Needs, Parameter
from ...result import CONTRADICTED, MEASURED, Draft
from ._shared import Cell, Row, cells, features, sampled, signs, small_cases, text

DRAWS = Parameter("draws", "random pairs and random measures per closed cell", Fraction(20),
                  "ddb Lemma 4.3: any two parameters / measures on one cell")
SEED = Parameter("seed", "the seed of the random points", Fraction(43), "relu-certify")
PLACE = "Lemma 4.3 (discrete and continuous versions), (16)-(18), and its proof (Appendix A)"
STATEMENT = ("parameters in one cell satisfy (a^T x_i + b)_+ + (a'^T x_i + b')_+ = ((a + a')^T x_i + b + b')_+; "
             "measures on one cell with equal moments (18) give equal outputs (17)")


def add(p: Row, q: Row) -> Row:
    return tuple(a + b for a, b in zip(p, q, strict=True))


def additive(rows: list[Row], p: Row, q: Row) -> bool:
    """(16) at every data point, exactly.

    >>> from fractions import Fraction as F
    >>> rows = [(F(-1), F(1)), (F(1), F(1))]
    >>> additive(rows, (F(1), F(0)), (F(2), F(1))), additive(rows, (F(1), F(0)), (F(-1), F(0)))
    (True, False)
    """
    return add(features(rows, p), features(rows, q)) == features(rows, add(p, q))


def output(rows: list[Row], atoms: list[tuple[Fraction, Row]]) -> Row:
    """<phi_(x_i), mu> = sum_j c_j (a_j^T x_i + b_j)_+ for mu = sum_j c_j delta_(theta_j)."""
    out = [Fraction(0)] * len(rows)
    for c, theta in atoms:
        out = [o + c * f for o, f in zip(out, features(rows, theta), strict=True)]
    return tuple(out)


def in_closed_cell(rows: list[Row], cell: Cell, theta: Row) -> bool:
    return all(s in (0, r) for s, r in zip(signs(rows, theta), cell.sign, strict=True))


def moment_atom(rows: list[Row], cell: Cell, atoms: list[tuple[Fraction, Row]]) -> tuple[Fraction, Row] | None:
    """A single atom on the cell with the moments (18) of ``atoms``, or None when neither +-M is in the cell."""
    M = tuple(sum((c * t[j] for c, t in atoms), Fraction(0)) for j in range(len(rows[0])))
    for c in (Fraction(1), Fraction(-1)):
        theta = tuple(c * m for m in M)
        if in_closed_cell(rows, cell, theta):
            return c, theta
    return None


@claim("ddb.lem-4.3", "ddb", PLACE, STATEMENT, "exact (each draw)", small_cases, expect=MEASURED,
       needs=Needs(Data.ANY, parameters=(DRAWS, SEED)))
def check_cell_additivity(case: Case, ctx: Context) -> Draft:
    """Frequencies of exact (16) and (17) on random draws inside every closed cell; a cross-cell counterexample."""
    rows, draws, rng, res = sampled("ddb.lem-4.3", case, DRAWS, SEED, MEASURED, "exact (each draw)", DDB_6)
    arrangement = cells(rows)
    pairs = failures = measures = equal_outputs = outside = 0
    for cell in arrangement:
        for _ in range(draws):
            pairs += 1
            failures += not additive(rows, cell.point(rng, False), cell.point(rng, False))
            atoms = [(Fraction(rng.choice((-3, -2, -1, 1, 2, 3)), rng.randint(1, 3)), cell.point(rng, False))
                     for _ in range(3)]
            single = moment_atom(rows, cell, atoms)
            if single is None:
                outside += 1
                continue
            measures += 1
            equal_outputs += output(rows, atoms) == output(rows, [single])
    first, second = arrangement[0], arrangement[1]
    i = next(k for k, (s, t) in enumerate(zip(first.sign, second.sign, strict=True)) if s != t)
    p, q = first.interior, second.interior
    lhs = features(rows, p)[i] + features(rows, q)[i]
    rhs = features(rows, add(p, q))[i]
    res.notes.append(f"{len(arrangement)} closed cells; (16) exact on {pairs - failures} of {pairs} in-cell pairs")
    res.notes.append(f"(17) with (18): {equal_outputs} of {measures} three-atom measures equal their moment atom's "
                     f"outputs; {outside} draws whose moment left the cell (mixed signs of c), not used")
    res.notes.append(f"across cells: p = {text(p)} (cell {first.sign}), q = {text(q)} (cell {second.sign}) at "
                     f"x_{i + 1}: (16) reads {lhs} = {rhs}, false")
    res.data = {"cells": len(arrangement), "pairs": pairs, "failures": failures, "measures": measures,
                "equal_outputs": equal_outputs, "moment_outside": outside,
                "across": {"p": [str(t) for t in p], "q": [str(t) for t in q], "point": i, "lhs": str(lhs),
                           "rhs": str(rhs)}}
    res.figure(frequencies_figure([("(16) fails on an in-cell pair", failures, pairs, Fraction(0)),
                                   ("(17)-(18): outputs differ from the moment atom's", measures - equal_outputs,
                                    measures, Fraction(0))], "ddb Lemma 4.3 on random draws in one closed cell",
                                  "the event", "the paper: never"))
    if failures or equal_outputs < measures:
        res.verdict = CONTRADICTED
        res.finding(PLACE, STATEMENT, f"{failures} in-cell pairs violate (16) and {measures - equal_outputs} "
                    "measures violate (17), exactly")
    return res
