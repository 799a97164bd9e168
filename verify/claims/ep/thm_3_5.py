"""ep.thm-3.5: every sample a vertex of the hull => n neurons with a diagonal activation matrix interpolate.

Convention ep (4) (free hidden biases, no output bias, ||u_j||_2 <= 1). :func:`exact.relu.hull.diagonal_network`
builds the neurons from exact separating LPs, certified (kind separating-neurons: ``holds
samples-are-vertices`` with the network's ``upper`` bound ||w||_1 >= P* and Lemma 2.7's ``dist2``, or
``fails samples-are-vertices`` with the convex-combination witnesses of the ``non_vertices``). The network's
||w||_1 is an upper bound on P*, not the optimum; Lemma 2.7's weights (10) with (28) are computed exactly
as well.
"""

from __future__ import annotations

from cases import Case, shipped_case
from exact.certificates.separating_neurons import hull_certificate
from exact.checker.arith import Surd
from exact.relu.hull import Matrix, diagonal_network, nearest_point
from exact.relu.interpolation import interpolate_1d

from ...audit import show
from ...context import Certified, Context
from ...conventions import EP_4
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, VACUOUS, Draft
from ._shared import certify, matrix_of

HULL_CASES = ("ep-hull-polygon", "ep-hull-cube", "ep-hull-interior", "ep-hull-1d", "ep-hull-1d-pair")


def _lemma_27(A: Matrix, y, net, res: Draft) -> list:
    """Lemma 2.7's neurons exactly: nearest points p_j, D_j = ||a_j - p_j||^2, cost sum |y_j| / sqrt(D_j)."""
    proj = [nearest_point(A, j) for j in range(len(A))]
    cost = sum((Surd.sqrt(1 / p.dist2) * abs(yj) for yj, p in zip(y, proj)), Surd.of(0))
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
       lambda: [shipped_case(name) for name in HULL_CASES], needs=Needs(Data.ANY))
def check_hull_interpolation(case: Case, ctx: Context) -> Draft:
    """ep Theorem 3.5 on one instance, in convention ep (4) (see the module docstring).

    Hypothesis holds: PROVED by the certificate ``holds samples-are-vertices`` (an exact network with
    ||u_j||_2 <= 1, diagonal activation with positive diagonal, exact fit; value its ``upper`` bound).
    Hypothesis fails: VACUOUS, by the certificate ``fails samples-are-vertices`` (convex-combination
    witnesses; by convexity of the ReLU neuron in a, no activation matrix of (4) can then be diagonal
    with a positive diagonal).
    """
    A, y = matrix_of(case), case.y
    sol = diagonal_network(A, y)
    res = Draft("ep.thm-3.5", case.name, ERROR, "exact", EP_4)
    res.notes.append(f"l-infinity distance of each sample to the hull of the others (exact LP): "
                     f"{show([t.margin for t in sol.tests])}")
    proj = _vertex_notes(A, y, sol, res) if sol.network is not None else []
    about = {"X": A, "y": y} if case.X is None else None  # 1-D data x, certified as the n x 1 matrix X
    cert = certify(hull_certificate(A, y, sol, proj, res.claim, case.name), res, ctx, about=about)
    res.data = {"A": [[str(v) for v in a] for a in A], "y": [str(v) for v in y], "all_vertices": sol.all_vertices}
    if cert.kind_relation == "holds":
        res.value = cert.upper
        res.notes.append(f"cost ||w||_1 = {cert.upper} (certified): the cost of one feasible point of (4), an UPPER "
                         "BOUND on P*, not the optimum")
        res.verdict = PROVED
    elif cert.kind_relation == "fails":
        _non_vertex_notes(A, sol, cert, res)
        res.verdict = VACUOUS
    return res


def _vertex_notes(A: Matrix, y, sol, res: Draft) -> list:
    """Every sample is a vertex: the network, Lemma 2.7's nearest points, and in 1-D the exact optimum."""
    net = sol.network
    res.notes.append(f"every sample is a vertex; diagonal activation {show(net.diagonal)}, w = {show(net.w)}")
    proj = _lemma_27(A, y, net, res)
    if len(A[0]) == 1:
        opt = interpolate_1d([a[0] for a in A], y)
        res.notes.append(f"1-D: exact optimum P* = {opt.value} (exact.relu.interpolation, "
                         f"{'attained' if opt.attained else 'an infimum, not attained'}); gap of the "
                         f"Theorem 3.5 network = {net.cost - opt.value}")
    return proj


def _non_vertex_notes(A: Matrix, sol, cert: Certified, res: Draft) -> None:
    """The hypothesis fails (certified): which samples, and what follows."""
    bad = cert.qualifier("non_vertices")
    res.notes.append(f"hypothesis FAILS (certified): samples {bad} are convex combinations of the others (exact "
                     f"witnesses {show([t.witness for t in sol.tests if not t.is_vertex])}); the theorem is vacuous "
                     "here")
    res.notes.append("and no diagonal activation matrix exists for any neurons: (a^T u + b)_+ is convex in a, so "
                     "(a_j^T u + b)_+ <= sum_i lambda_i (a_i^T u + b)_+ and a neuron active at a_j is active at "
                     "another sample")
    if len(A[0]) == 1:
        xs = [a[0] for a in A]
        ends = {xs.index(min(xs)), xs.index(max(xs))}
        res.notes.append(f"1-D: the vertices are exactly the extreme points {sorted(ends)}: "
                         f"{set(range(len(xs))) - set(bad) == ends}")
