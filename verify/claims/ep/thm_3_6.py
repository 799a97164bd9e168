"""ep.thm-3.6 (MEASURED): d > 4n log^2(n-1) => every Gaussian row is a vertex of the hull w.h.p.

Each float draw is decided exactly (:func:`exact.relu.hull.screen_rows`); the measured transition is
compared with the paper's threshold.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from flint import fmpq, fmpq_mat
from scipy.stats import binomtest

from cases import Case, gaussian_matrix, parameter_case
from exact.relu.hull import screen_rows

from ...context import Context
from ...conventions import EP_4
from ...registry import claim
from ...report.figures import frequencies_figure
from ...requirements import Data, Needs
from ...result import MEASURED, Draft
from ._shared import THOROUGH_DRAWS, draw_parameters


def paper_threshold(n: int) -> float:
    """ep Theorem 3.6: d > 4 n log^2(n - 1) (natural logarithm).

    >>> round(paper_threshold(10), 1)
    193.1
    """
    return 4 * n * math.log(n - 1) ** 2


def affinely_independent(X: np.ndarray) -> bool:
    """Exact: rank [X 1] = n (then the rows are the vertices of a simplex)."""
    n, d = X.shape
    M = fmpq_mat(n, d + 1, [fmpq(*float(v).as_integer_ratio()) if c < d else fmpq(1)
                            for row in X for c, v in enumerate(list(row) + [1.0])])
    return M.rank() == n


def _cell(seed: int, n: int, d: int, draws: int) -> dict:
    """All-vertex count over the draws of cell (n, d); at d = n - 1 also the exact affine-independence count."""
    X = [gaussian_matrix(seed, n, d, k) for k in range(draws)]
    hits = sum(screen_rows(x).all_vertices for x in X)
    ci = binomtest(hits, draws).proportion_ci()
    return {"n": n, "d": d, "all_vertices": hits, "draws": draws, "ci95": [round(ci.low, 4), round(ci.high, 4)],
            "affinely_independent": sum(map(affinely_independent, X)) if d == n - 1 else None}


SEED, DRAWS = draw_parameters(3006)


@claim("ep.thm-3.6", "ep", "Theorem 3.6 (Section 3.3) and its appendix proof (45)",
       "d > 4n log^2(n-1) => every Gaussian row is a vertex of the hull w.h.p.", "stat",
       lambda: [parameter_case("ep-thm-3.6-gaussian", "i.i.d. N(0, 1) matrices, seeded numpy", seed=3006)],
       expect=MEASURED, needs=Needs(Data.NONE, parameters=(SEED, DRAWS)))
def check_gaussian_vertices(case: Case, ctx: Context) -> Draft:
    """Fraction of draws in which every row is a vertex, per (n, d), with Clopper-Pearson 95% intervals.

    d is scanned upward from 1 until three consecutive cells reach a fraction of 1, then the
    cell d = n - 1 is added: there n Gaussian points are affinely independent a.s. (checked
    exactly in every draw), hence all vertices, whatever the paper's threshold says.
    """
    seed = int(SEED.of(case))
    draws = int(case.params.get("draws", THOROUGH_DRAWS if ctx.thorough else DRAWS.of(case)))
    sizes = (5, 10, 20, 40) if ctx.thorough else (5, 10, 20)
    res = Draft("ep.thm-3.6", case.name, MEASURED, "stat (each draw decided exactly)", EP_4)
    table = []
    for n in sizes:
        cells, full = [], 0
        for d in range(1, n):
            cells.append(_cell(seed, n, d, draws))
            full = full + 1 if cells[-1]["all_vertices"] == draws else 0
            if full == 3 and d < n - 1:
                cells.append(_cell(seed, n, n - 1, draws))
                break
        table += cells
        transition = next((c["d"] for c in cells if c["all_vertices"] >= 0.95 * draws), None)
        last = cells[-1]
        res.notes.append(
            f"n = {n}: measured transition d = {transition} (smallest d with fraction >= 0.95); paper's threshold "
            f"d > 4n log^2(n-1) = {paper_threshold(n):.1f}; the proof's expectation bound d > 2n log(n-1) = "
            f"{2 * n * math.log(n - 1):.1f}; at d = n - 1 = {last['d']}: {last['all_vertices']}/{draws} all vertices, "
            f"{last['affinely_independent']}/{draws} draws exactly affinely independent")
        res.notes.append("  fractions: " + ", ".join(
            f"d={c['d']}: {c['all_vertices']}/{c['draws']} [{c['ci95'][0]:.3f}, {c['ci95'][1]:.3f}]" for c in cells))
    res.notes.append("for d >= n - 1 the rows of a Gaussian matrix are affinely independent with probability 1, "
                     "hence all vertices: the paper's d > 4n log^2(n-1) (> n - 1 for every n >= 3) is sufficient "
                     "but very loose")
    res.notes.append(f"seeds: numpy default_rng([{seed}, n, d, k]) for draw k of cell (n, d); {draws} draws per cell; "
                     "intervals: Clopper-Pearson 95% (scipy binomtest)")
    res.data = {"cells": table, "seed": seed, "draws": draws}
    res.figure(frequencies_figure([(f"n={c['n']}, d={c['d']}", c["all_vertices"], c["draws"],
                                    Fraction(1) if c["d"] > paper_threshold(c["n"]) else None) for c in table],
                                  "ep Theorem 3.6: Gaussian A, how often every point is a vertex (the paper's "
                                  "threshold d > 4n log^2(n-1) lies beyond every d drawn)", "all points vertices",
                                  "the paper's P -> 1 beyond its threshold"))
    return res
