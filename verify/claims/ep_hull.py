"""Ergen & Pilanci (seed 001): Theorems 3.5 and 3.6, samples that are vertices of their convex hull.

Convention (ep (4), Section 2): f(a) = sum_j w_j (a^T u_j + b_j)_+, ReLU, hidden
biases free and unpenalised, **no output bias**, ||u_j||_2 <= 1, cost ||w||_1.

* ep.thm-3.5 (exact): every sample a vertex of conv{a_i} => n neurons with a
  diagonal activation matrix interpolate (appendix "Proof of Theorem 3.5").
  :func:`exact.hull.diagonal_network` builds them from exact separating LPs;
  the certificate (kind ``separating-neurons``) holds the data, the neurons and
  w, or a convex-combination witness for a non-vertex sample. The network's
  ||w||_1 is an upper bound on P*, not the optimum. The weights of Lemma 2.7
  ((10) with (28)) are computed exactly as well (nearest points p_j, rational;
  neurons (a_j - p_j)/sqrt(D_j), algebraic).
* ep.thm-3.6 (MEASURED): for i.i.d. N(0, 1) rows, d > 4n log^2(n-1) (natural
  log) implies all rows are vertices w.h.p. Each float draw is decided exactly
  (:func:`exact.hull.screen_rows`: entries read as exact dyadic rationals, float
  separators rounded and re-checked exactly, non-vertices with exact witnesses).
"""

from __future__ import annotations

import math

import numpy as np
import sympy
from flint import fmpq, fmpq_mat
from scipy.stats import binomtest

from cases import Case, gaussian_matrix, parameter_case, shipped_case
from exact.hull import Matrix, diagonal_network, hull_certificate, nearest_point, screen_rows
from exact.interpolation import interpolate_1d

from ..audit import show
from ..conventions import EP_4
from ..registry import Context, claim
from ..result import ERROR, MEASURED, PROVED, CheckResult

HULL_CASES = ("ep-hull-polygon", "ep-hull-cube", "ep-hull-interior", "ep-hull-1d", "ep-hull-1d-pair")


def matrix_of(case: Case) -> Matrix:
    """The n x d sample matrix (1-D data x as an n x 1 matrix)."""
    return case.X if case.X is not None else tuple((v,) for v in case.x)


def _lemma_27(A: Matrix, y, net, res: CheckResult) -> list:
    """Lemma 2.7's neurons exactly: nearest points p_j, D_j = ||a_j - p_j||^2, cost sum |y_j| / sqrt(D_j)."""
    proj = [nearest_point(A, j) for j in range(len(A))]
    cost = sympy.nsimplify(sum(abs(sympy.Rational(str(yj))) / sympy.sqrt(sympy.Rational(str(p.dist2)))
                               for yj, p in zip(y, proj)))
    # The Lemma 2.7 neuron has the largest Euclidean margin, so diag_j^2 <= D_j for our neurons
    widest = all(dj * dj <= p.dist2 for dj, p in zip(net.diagonal, proj))
    res.notes.append(f"Lemma 2.7 (28) solved exactly: D_j = ||a_j - p_j||^2 = {show([p.dist2 for p in proj])}; "
                     f"its neurons u_j = (a_j - p_j)/sqrt(D_j), b_j = min_(i != j) -a_i^T u_j give activation "
                     f"diag(sqrt(D_j)) (checked via the projection inequality in the certificate), so "
                     f"w_j = y_j / sqrt(D_j) achieves zero training error: Lemma 2.7's weights are correct")
    res.notes.append(f"Lemma 2.7 network cost ||w||_1 = {cost} ~ {float(cost):.6g} "
                     f"{'<=' if widest else 'NOT <='} the LP network's {net.cost} ~ {float(net.cost):.6g} "
                     f"(exact: diag_j^2 <= D_j for every j is {widest})")
    return proj


@claim("ep.thm-3.5", "ep", "Theorem 3.5 (Section 3.3) and its appendix proof",
       "every sample a vertex of the hull => n neurons with diagonal activation interpolate", "exact",
       lambda: [shipped_case(name) for name in HULL_CASES], needs_1d=False)
def check_hull_interpolation(case: Case, ctx: Context) -> CheckResult:
    """ep Theorem 3.5 on one instance, in convention ep (4) (see the module docstring).

    Hypothesis holds: PROVED by an exact network (||u_j||_2 <= 1, diagonal activation with
    positive diagonal, exact fit). Hypothesis fails: the theorem is vacuous; PROVED means the
    certificate's convex-combination witness shows it fails, and (by convexity of the ReLU
    neuron in a) that no activation matrix of (4) can be diagonal with a positive diagonal.
    """
    A, y = matrix_of(case), case.y
    sol = diagonal_network(A, y)
    res = CheckResult("ep.thm-3.5", case.name, ERROR, "exact", EP_4.describe())
    margins = [t.margin for t in sol.tests]
    res.notes.append(f"l-infinity distance of each sample to the hull of the others (exact LP): {show(margins)}")
    proj = []
    if sol.network is not None:
        net = sol.network
        res.value = str(net.cost)
        res.notes.append(f"every sample is a vertex; diagonal activation {show(net.diagonal)}, w = {show(net.w)}")
        res.notes.append(f"cost ||w||_1 = {net.cost}: the cost of one feasible point of (4), an UPPER BOUND on P*, "
                         "not the optimum")
        proj = _lemma_27(A, y, net, res)
        if len(A[0]) == 1:
            opt = interpolate_1d([a[0] for a in A], y)
            res.notes.append(f"1-D: exact optimum P* = {opt.value} (exact.interpolation, "
                             f"{'attained' if opt.attained else 'an infimum, not attained'}); gap of the "
                             f"Theorem 3.5 network = {net.cost - opt.value}")
    else:
        bad = [t.row for t in sol.tests if not t.is_vertex]
        res.notes.append(f"hypothesis FAILS: samples {bad} are convex combinations of the others (exact witnesses "
                         f"{show([t.witness for t in sol.tests if not t.is_vertex])}); the theorem is vacuous here")
        res.notes.append("and no diagonal activation matrix exists for any neurons: (a^T u + b)_+ is convex in a, so "
                         "(a_j^T u + b)_+ <= sum_i lambda_i (a_i^T u + b)_+ and a neuron active at a_j is active at "
                         "another sample")
        if len(A[0]) == 1:
            xs = [a[0] for a in A]
            ends = {xs.index(min(xs)), xs.index(max(xs))}
            res.notes.append(f"1-D: the vertices are exactly the extreme points {sorted(ends)}: "
                             f"{set(range(len(xs))) - set(bad) == ends}")
    path, ok, problems = ctx.certify(hull_certificate(A, y, sol, proj, res.claim, case.name), res.claim, case.name)
    res.certificates.append(path)
    res.data = {"A": [[str(v) for v in a] for a in A], "y": [str(v) for v in y], "all_vertices": sol.all_vertices}
    res.verdict = PROVED if ok else ERROR
    res.notes += [f"certificate rejected: {p}" for p in problems]
    return res


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


@claim("ep.thm-3.6", "ep", "Theorem 3.6 (Section 3.3) and its appendix proof (45)",
       "d > 4n log^2(n-1) => every Gaussian row is a vertex of the hull w.h.p.", "stat",
       lambda: [parameter_case("ep-thm-3.6-gaussian", "i.i.d. N(0, 1) matrices, seeded numpy", seed=3006)], expect=MEASURED, needs_1d=False)
def check_gaussian_vertices(case: Case, ctx: Context) -> CheckResult:
    """Fraction of draws in which every row is a vertex, per (n, d), with Clopper-Pearson 95% intervals.

    d is scanned upward from 1 until three consecutive cells reach a fraction of 1, then the
    cell d = n - 1 is added: there n Gaussian points are affinely independent a.s. (checked
    exactly in every draw), hence all vertices, whatever the paper's threshold says.
    """
    seed = int(case.params.get("seed", 3006))
    draws = int(case.params.get("draws", 400 if ctx.thorough else 100))
    sizes = (5, 10, 20, 40) if ctx.thorough else (5, 10, 20)
    res = CheckResult("ep.thm-3.6", case.name, MEASURED, "stat (each draw decided exactly)", EP_4.describe())
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
    res.value = None
    res.data = {"cells": table, "seed": seed, "draws": draws}
    return res
