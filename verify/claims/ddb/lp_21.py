"""ddb.lp-21: the l1 solution of the cell LP (21) against the exact l0 optimum of A z = y.

Convention ddb (20)/(21): nu = sum_s z_s delta_(theta_s) on the sphere ||(a, b)|| = 1, A_(i,s) = (<x~_i,
theta_s>)_+ with x~_i = (x_i, 1), cost ||z||_1 = ||nu||_TV. The paper takes theta_s to be the points of a
minimiser of (20), one per cell ("shared across every minimiser (but unknown a priori)"); here each theta_s is a
rational point of the unit sphere inside the open region of its cell (inverse stereographic projection of a
rational approximation of the region's integer point), so A is rational, ||theta_s|| = 1 exactly and (21) is an
explicit LP (:func:`exact.l1.l1_program`), solved exactly and certified (kind lp). Its optimal vertex z* has at
most n nonzeros ("from the Representer theorem").

The l0 counterpart is solved by brute force over supports with exact ranks (:mod:`exact.relu.sparsest`), over two
dictionaries: the LP's own columns (the claim as printed), and the closed cells' points (one point of every face
of the arrangement: the regions' and their boundary rays'), where l0 can only drop. No certificate kind states l0
minimality, so agreement is CONFIRMED (exact, uncertified l0). On 1-D data a third dictionary is the one the
paper names, the minimisers' shared points: the certified contact set C of (20) (:func:`shared_points`, when it is
rational), where the l1 solutions are the vertices of the optimal set and l0 is brute force over C's columns;
and all ReLU networks (:func:`fewest_neurons`, n <= MAX_NETWORK_POINTS), the fewest neurons that fit, found by
exact LPs over sets of (arc, sign) blocks, the fit certified (kind lp), its minimality exact but uncertified.
When the certified z* is not sparsest, a second kind
lp certificate -- (21) restricted to the l0 support T -- proves that a sparser z exists (its primal) and, when its
value exceeds the optimum of (21), that no l1 solution is supported in T: REFUTED on that instance, which the paper
does not call generic unless it is drawn from the random family. With the ``draws`` parameter the check instead
measures how often z* is l0-optimal over a seeded family (random rationals, integer grids, symmetric designs).

>>> from fractions import Fraction as F
>>> c = compare([(F(0), F(1)), (F(1), F(1))], (F(1), F(-1)))
>>> c.value, c.l1_size, c.l0_columns.size, c.l0_cells.size
(Fraction(156, 35), 2, 2, 2)
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass
from fractions import Fraction
from itertools import combinations
from typing import Sequence

from cases import Case
from exact.certificates.lp import lp_certificate
from exact.checker.arith import sigma
from exact.checker.relu1d_joint_isolated import arcs
from exact.l1 import L1Solution, l1_interpolation, l1_program
from exact.lp import LinearProgram, LPResult, solve_lp
from exact.relu.arrangements import central_arrangement
from exact.relu.optimal_measures import optimal_measures
from exact.relu.sparsest import Sparsest, sparsest

from ...context import Context
from ...conventions import DDB_20
from ...numeric.joint1d import solve_joint
from ...registry import claim
from ...report.figures import frequencies_figure
from ...requirements import Data, Needs, Parameter
from ...result import CONFIRMED, MEASURED, REFUTED, Draft, Labelled
from .._shared import certify, named_cases
from ._shared import Row, features, lifted, signs, text
from .cells import cell_counts, note

FAMILY = Parameter("draws", "instances of the seeded family a data-free case measures", Fraction(0),
                   "ddb Section 4, 'in the generic case'", "the family case uses 60, 240 under --thorough")
SEED = Parameter("seed", "the seed of the family", Fraction(21), "relu-certify")
PLACE = "Section 4, 'From discrete solutions to sparse solutions', the LP (21)"
CELL_BUDGET = 200_000  # supports the default run tries over the closed cells' points (the largest size)
STATEMENT = ("there exists a solution z* of (21) with ||z*||_0 <= n, and in the generic case it is the sparsest "
             "one: z* solves the l0 counterpart of (21)")


def unit_direction(rows: list[Row], point: Row) -> Row:
    """A rational u with u . u = 1 and the sign vector of ``point`` (an interior point of an open region): the
    inverse stereographic image of a rational approximation of point / ||point||, refined until the signs agree.

    >>> from fractions import Fraction as F
    >>> unit_direction([(F(0), F(1)), (F(1), F(1))], (F(2), F(-1)))
    (Fraction(12, 13), Fraction(-5, 13))
    """
    norm = math.sqrt(sum(float(v) ** 2 for v in point))
    s = [float(v) / norm for v in point]
    pole = 1 if s[-1] >= 0 else -1  # project from the far pole -pole e_last: no division by ~0
    target = signs(rows, point)
    if 0 in target:
        raise ValueError(f"{text(point)} lies on a data hyperplane, not in an open region")
    bound = 4
    while True:
        t = [Fraction(v / (1 + pole * s[-1])).limit_denominator(bound) for v in s[:-1]]
        q = sum((v * v for v in t), Fraction(0))
        u = tuple(2 * v / (1 + q) for v in t) + (pole * (1 - q) / (1 + q),)
        if signs(rows, u) == target:
            return u
        bound *= 4


@dataclass(frozen=True)
class CellDictionary:
    """The LP's columns: one unit direction per open region; and one point of every other nonzero face."""

    thetas: tuple[Row, ...]
    boundary: tuple[Row, ...]

    def matrix(self, rows: list[Row], points: Sequence[Row]) -> list[list[Fraction]]:
        """A_(i,s) = (<x~_i, theta_s>)_+, rows i, columns s."""
        cols = [features(rows, p) for p in points]
        return [[c[i] for c in cols] for i in range(len(rows))]


def cell_dictionary(rows: list[Row]) -> CellDictionary:
    faces = central_arrangement(rows).faces
    regions = [f for f in faces if 0 not in f.sign]
    thetas = tuple(unit_direction(rows, tuple(Fraction(v) for v in f.point)) for f in regions)
    boundary = tuple(tuple(Fraction(v) for v in f.point) for f in faces if 0 in f.sign and any(f.sign))
    return CellDictionary(thetas, boundary)


@dataclass(frozen=True)
class Comparison:
    """(21) solved exactly against the l0 optima over the LP's columns and over all closed cells' points."""

    cells: CellDictionary
    solution: L1Solution
    l0_columns: Sparsest
    l0_cells: Sparsest | None  # None: not searched (the family skips it)

    @property
    def value(self) -> Fraction:
        return self.solution.value

    @property
    def l1_support(self) -> tuple[int, ...]:
        return tuple(s for s, w in enumerate(self.solution.weights) if w)

    @property
    def l1_size(self) -> int:
        return len(self.l1_support)

    @property
    def agrees(self) -> bool:
        """The certified vertex z* is l0-optimal over the LP's columns."""
        return self.l1_size == self.l0_columns.size


def compare(rows: list[Row], y: Sequence[Fraction], over_cells: bool = True, budget: int | None = None
            ) -> Comparison:
    """Solve (21) and the l0 problems; the closed-cell l0 search only below the LP-column l0 (it can only drop), and
    only within ``budget`` supports of the largest size tried (None: no limit)."""
    cells = cell_dictionary(rows)
    A = cells.matrix(rows, cells.thetas)
    columns = [{i: A[i][s] for i in range(len(rows)) if A[i][s]} for s in range(len(cells.thetas))]
    sol = l1_interpolation(columns, list(y))
    l0 = sparsest(A, y)
    wide = None
    points = cells.thetas + cells.boundary
    if over_cells and (budget is None or math.comb(len(points), l0.size - 1) <= budget):
        try:
            wide = sparsest(cells.matrix(rows, points), y, max_size=l0.size - 1)
        except ValueError:  # nothing sparser among the closed cells' points: the LP columns' optimum stands
            wide = l0
    return Comparison(cells, sol, l0, wide)


def family_instance(rng: random.Random, index: int) -> tuple[str, list[Row], tuple[Fraction, ...]]:
    """Instance ``index`` of the family, cycling through random rationals, integer grids and symmetric designs
    (1-D, n = 2..7; labels small integers on the structured ones)."""
    n = rng.randint(2, 7)
    kind = ("generic", "grid", "symmetric")[index % 3]
    if kind == "generic":
        xs = sorted({Fraction(rng.randint(-40, 40), rng.randint(1, 6)) for _ in range(n)})
        y = tuple(Fraction(rng.randint(-30, 30), rng.randint(1, 5)) for _ in xs)
    elif kind == "grid":
        xs = [Fraction(k) for k in range(n)]
        y = tuple(Fraction(rng.randint(-2, 2)) for _ in xs)
    else:
        half = [Fraction(rng.randint(-2, 2)) for _ in range((n + 1) // 2)]
        xs = [Fraction(k - (n - 1), 2) for k in range(0, 2 * n - 1, 2)]
        y = tuple(half[min(k, n - 1 - k)] for k in range(n))
    return kind, [(x, Fraction(1)) for x in xs], y


@dataclass(frozen=True)
class Shared:
    """(21) over the minimisers' shared points: the certified contact set C of (20) in 1-D (every minimiser lives on
    it), the support sizes of the vertices of the optimal set (the l1 solutions over C; the sparsest is a vertex)
    and the exact l0 optimum of the fit over C's columns (any weights)."""

    contacts: int
    l1_sizes: tuple[int, ...]
    l0: Sparsest

    @property
    def agrees(self) -> bool:
        return min(self.l1_sizes) == self.l0.size


def shared_points(x: Sequence[Fraction], y: Sequence[Fraction]) -> Shared | None:
    """:class:`Shared` when (20) is decided in surds with a rational contact set (:mod:`exact.relu.joint_norm`,
    :mod:`exact.relu.optimal_measures`), else None (irrational kinks: no exact l0 over C)."""
    sol = solve_joint(x, y, Fraction(0)).exact
    if sol.status != "optimal" or sol.reason:
        return None
    try:
        m = optimal_measures(sol.x, sol.y, sol.alpha, sol.contacts)
    except ValueError:
        return None
    A = [[sigma(c.w * t + c.b, Fraction(0)) for c in m.contacts] for t in sol.x]
    return Shared(len(m.contacts), tuple(sorted(len(v.support) for v in m.vertices)), sparsest(A, sol.y))


MAX_NETWORK_POINTS = 6  # l0 over all networks tries C(4n, k) sets of blocks, an exact LP each (~1.5 ms)
NETWORK_FAMILY_POINTS = 4  # the family searches all networks on instances this small (5 under --thorough)


@dataclass(frozen=True)
class Fewest:
    """The fewest ReLU neurons fitting y on 1-D data (:func:`fewest_neurons`): the blocks (arc of the circle, sign
    of c), the LP whose feasibility proves the fit, its exact result, and how many block sets were tried."""

    size: int
    blocks: tuple[tuple[int, int], ...]
    lp: LinearProgram
    result: LPResult
    tested: int


def fewest_neurons(x: Sequence[Fraction], y: Sequence[Fraction]) -> Fewest | None:
    """l0 over all ReLU networks with the bias (any directions, no norm): a neuron c (a x + b)_+ with (a, b) in the
    closed arc between the data rays e1, e2 takes on the data the values c (alpha (e1 . (x_i, 1))_+ + beta
    (e2 . (x_i, 1))_+), alpha, beta >= 0 (the features are linear on a closed cell), so k neurons fit y iff some k
    blocks (arc, sign) have a nonnegative solution of the fit over their 2k end-ray columns: brute force by size,
    an exact LP each (:mod:`exact.lp`; infeasibility exact too); None beyond MAX_NETWORK_POINTS points.

    >>> from fractions import Fraction as F
    >>> f = fewest_neurons([F(0), F(1), F(2)], [F(0), F(1), F(0)]); f.size  # a hat: two neurons
    2
    """
    if len(x) > MAX_NETWORK_POINTS or not any(y):
        return None
    xs = [Fraction(t) for t in x]
    ends = arcs(xs)
    blocks = [(j, s) for j in range(len(ends)) for s in (1, -1)]
    tested = 0
    for k in range(1, len(xs) + 1):
        for T in combinations(blocks, k):
            tested += 1
            cols = [[s * sigma(e[0] * t + e[1], Fraction(0)) for t in xs] for j, s in T for e in ends[j]]
            lp = LinearProgram(tuple(Fraction(1) for _ in cols),
                               tuple({c: col[i] for c, col in enumerate(cols) if col[i]} for i in range(len(xs))),
                               tuple(y))
            res = solve_lp(lp)
            if res.status == "optimal":
                return Fewest(k, T, lp, res, tested)
    return None


def family_counts(seed: int, count: int, network_points: int = 0) -> dict[str, list[int]]:
    """Per family kind: [instances, z* l0-optimal over the LP columns, instances with a rational contact set C,
    l1 = l0 over C, instances of at most ``network_points`` points searched over all networks, the sparsest minimiser
    of (20) = the fewest neurons] (the vertex of the exact LP; the minimisers' shared points; all networks)."""
    rng = random.Random(f"ddb.lp-21/{seed}")
    counts: dict[str, list[int]] = {k: [0] * 6 for k in ("generic", "grid", "symmetric")}
    for index in range(count):
        kind, rows, y = family_instance(rng, index)
        if not any(y):
            continue
        c = compare(rows, y, over_cells=False)
        counts[kind][0] += 1
        counts[kind][1] += c.agrees
        shared = shared_points([r[0] for r in rows], y)
        if shared is not None:
            counts[kind][2] += 1
            counts[kind][3] += shared.agrees
            fewest = fewest_neurons([r[0] for r in rows], y) if len(rows) <= network_points else None
            if fewest is not None:
                counts[kind][4] += 1
                counts[kind][5] += min(shared.l1_sizes) == fewest.size
    return counts


def lp21_cases() -> list[Case]:
    return named_cases("ddb-lp21-")


def _measure(case: Case, ctx: Context, res: Draft, count: int) -> Draft:
    seed = int(SEED.of(case))
    points = NETWORK_FAMILY_POINTS + ctx.thorough
    counts = family_counts(seed, count * (4 if ctx.thorough else 1), points)
    res.verdict = MEASURED
    res.value = Labelled(tuple((f"{k}: z* l0-optimal (of {n})", Fraction(a, n) if n else Fraction(0))
                               for k, (n, a, *_) in counts.items()))
    res.data = {"seed": seed, "counts": {k: {"instances": n, "l1_is_l0": a, "shared_decided": d,
                                             "shared_l1_is_l0": e, "networks_searched": f, "networks_l1_is_l0": g}
                                         for k, (n, a, d, e, f, g) in counts.items()}}
    res.figure(frequencies_figure([(f"{k}, one point per cell", a, n, Fraction(1)) for k, (n, a, *_) in counts.items()]
                                  + [(f"{k}, shared points", e, d, Fraction(1)) for k, (n, a, d, e, f, g) in
                                     counts.items()], "ddb (21): how often the l1 solution is l0-optimal",
                                  "l1 = l0", "the paper: always"))
    res.notes.append("family (seed " + str(seed) + "): " + "; ".join(
        f"{k}: {a} of {n} instances have the exact LP vertex z* of (21) l0-optimal" for k, (n, a, *_) in
        counts.items()))
    res.notes.append("over the minimisers' shared points C (the certified contact set of (20), when rational): "
                     + "; ".join(f"{k}: the sparsest minimiser is l0-optimal on {e} of {d}"
                                 for k, (_, _, d, e, _, _) in counts.items()))
    res.notes.append(f"over all ReLU networks (instances of at most {points} points): "
                     + "; ".join(f"{k}: the sparsest minimiser of (20) has the fewest neurons on {g} of {f}"
                                 for k, (*_, f, g) in counts.items()))
    return res


@claim("ddb.lp-21", "ddb", PLACE, STATEMENT, "exact LP (kind lp), exact brute-force l0 (uncertified)", lp21_cases,
       expect=CONFIRMED, needs=Needs(Data.ANY_OR_NONE, parameters=(FAMILY, SEED)))
def check_lp_21(case: Case, ctx: Context) -> Draft:
    """CONFIRMED when the certified z* has the l0-optimal support size; REFUTED with a certified sparser z; MEASURED
    frequencies with ``draws``."""
    res = Draft("ddb.lp-21", case.name, CONFIRMED, "exact", DDB_20)
    if case.x is None and case.X is None:  # a data-free case: the seeded family
        return _measure(case, ctx, res, int(FAMILY.of(case)))
    rows, y = lifted(case), tuple(case.y or ())
    c = compare(rows, y, budget=None if ctx.thorough else CELL_BUDGET)
    A = c.cells.matrix(rows, c.cells.thetas)
    lp = c.solution.lp
    statement = (f"(21): min ||z||_1 s.t. A z = y over {len(c.cells.thetas)} unit directions, one per open region "
                 "(variables z+_s, z-_s)")
    cert = certify(lp_certificate(lp, c.solution.result, res.claim, res.case, statement), res, ctx, "__lp21",
                   "the optimum of (21) and its vertex z*", about={"problem": lp})
    res.value = Labelled((("optimum of (21)", c.value), ("||z*||_0", Fraction(c.l1_size)),
                          ("l0 over the LP columns", Fraction(c.l0_columns.size)))
                         + ((("l0 over the closed cells' points", Fraction(c.l0_cells.size)),) if c.l0_cells else ()))
    if c.l0_cells is None:
        points = len(c.cells.thetas) + len(c.cells.boundary)
        res.notes.append(f"l0 over the closed cells' points not searched: C({points}, {c.l0_columns.size - 1}) "
                         f"supports exceed the default budget {CELL_BUDGET} (--thorough searches them)")
    res.notes.append(f"{len(c.cells.thetas)} regions, {len(c.cells.boundary)} boundary faces; theta_s = "
                     + ", ".join(text(t) for t in c.cells.thetas))
    counts = cell_counts(rows)
    res.notes.append(note(counts))
    shared = shared_points(case.x, y) if case.x is not None else None
    if shared is not None:
        res.notes.append(f"over the minimisers' shared points C ({shared.contacts} point"
                         f"{'s' if shared.contacts > 1 else ''}, the certified contact set "
                         f"of (20)): the l1 solutions (vertices of the optimal set) have supports of sizes "
                         f"{list(shared.l1_sizes)}, the l0 optimum over C is {shared.l0.size}: "
                         + ("the sparsest minimiser is l0-optimal" if shared.agrees else
                            "a sparser fit on the shared points is no minimiser"))
    fewest = fewest_neurons(case.x, y) if case.x is not None else None
    if fewest is not None:
        fit = certify(lp_certificate(fewest.lp, fewest.result, res.claim, res.case, f"a fit of y by {fewest.size} "
                                     "ReLU neurons, one per block (arc of the circle, sign of c): nonnegative weights "
                                     "of each block's two end-ray columns"), res, ctx, "__fewest",
                      "a fit by the fewest neurons", about={"problem": fewest.lp})
        minimisers = (f"; the sparsest minimiser of (20) has {min(shared.l1_sizes)}: l1 and l0 over all networks "
                      + ("agree" if min(shared.l1_sizes) == fewest.size else "differ")) if shared is not None else ""
        res.notes.append(f"over all ReLU networks (any directions): {fewest.size} neuron{'s' * (fewest.size > 1)} "
                         f"fit y ({'certified, kind lp' if fit.ok else 'certificate rejected'}) and no fewer do "
                         f"(exact LPs over all {fewest.tested - 1} smaller sets of blocks, uncertified); the l1 vertex "
                         f"z* of (21) has {c.l1_size} nonzeros" + minimisers)
    best = c.l0_columns
    res.notes.append(f"z* on columns {list(c.l1_support)}; {len(best.minimisers)} l0-optimal supports over the LP "
                     f"columns ({best.tested} ranked); the cheapest has ||z||_1 = {best.cheapest.l1}")
    if c.l0_cells is not None and c.l0_cells.size < c.l0_columns.size:
        res.notes.append(f"over the closed cells' points l0 drops to {c.l0_cells.size} (boundary rays): the LP over "
                         "one interior point per cell misses it")
    res.data = {"optimum": str(c.value), "l1_support": list(c.l1_support), "l0_columns": c.l0_columns.size,
                "l0_cells": c.l0_cells.size if c.l0_cells else None,
                "l0_supports": [list(m.support) for m in c.l0_columns.minimisers],
                "cells": {**asdict(counts), "columns_21": counts.columns_21}}
    if fewest is not None:
        res.data["fewest_neurons"] = fewest.size
    if shared is not None:
        res.data["shared"] = {"contacts": shared.contacts, "l1_sizes": list(shared.l1_sizes), "l0": shared.l0.size}
    if c.agrees:
        res.notes.append("the l0 search is exact (flint ranks) but no certificate kind states l0 minimality")
        return res
    sparse = c.l0_columns.cheapest
    restricted = l1_program([{i: A[i][s] for i in range(len(rows)) if A[i][s]} for s in sparse.support], list(y))
    r = solve_lp(restricted)
    witness = certify(lp_certificate(restricted, r, res.claim, res.case,
                                     f"(21) restricted to the columns {list(sparse.support)} of the l0 optimum"),
                      res, ctx, "__lp21_sparse", "a sparser feasible z (the l0 support)", about={"problem": restricted})
    res.verdict = REFUTED
    res.finding(PLACE, STATEMENT, f"on {case.name} the certified LP vertex z* of (21) has {c.l1_size} nonzeros, "
                f"optimum {c.value}, but z = {[str(w) for w in sparse.dense(len(A[0]))]} fits y with "
                f"{c.l0_columns.size}, ||z||_1 = {witness.value} > {cert.value}: no l1 solution lives on that support",
                cert.path, witness.path)
    return res
