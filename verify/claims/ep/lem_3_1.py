"""ep.lem-3.1 (covers ep.lem-3.2): the l0 optimum of (13) has 2 neurons in closed form; l1-l0 equivalence.

Convention as ep.lem-2.3 (no bias, cost ||w||_1 for (4), ||w||_0 for (13)). Whitened data: the closed form
is l1-optimal (kind whitened-l1: ``equals``, ``attained``, ``l0 = 2``). Otherwise the exact l1 optimum
(cutting plane with exact LPs) is compared with a lower bound on every 2-neuron fit (kind l1-l0-gap:
``equals P*``, ``l0 = 2``, ``two_neuron_lower`` B > P*).
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case
from exact.certificates.l1_l0_gap import gap_certificate
from exact.linalg import gram
from exact.relu.bias_free_l1 import relu_l1, two_neuron_bound, two_neuron_network

from ...audit import show
from ...context import Context
from ...conventions import EP_NOBIAS
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, UNDECIDED, Draft
from ._shared import certify, named_cases, sample_matrix, whitened_solution


@claim("ep.lem-3.1", "ep", "Lemmas 3.1-3.2 (Section 3.4) and their appendix proofs",
       "l0 optimum of (13) has 2 neurons in closed form; l1-l0 equivalence for whitened data", "exact",
       lambda: named_cases("ep-whitened-") + named_cases("ep-spikefree-obtuse"), needs=Needs(Data.MATRIX),
       covers=("ep.lem-3.2",))
def check_l1_l0(case: Case, ctx: Context) -> Draft:
    """Whitened: the 2-neuron closed form is l1-optimal (certified l0 = 2 with the attained optimum).
    Otherwise: l0 = 2 still (certified), and the certified l1 optimum lies below the certified lower bound
    on every 2-neuron fit (no equivalence claimed there); UNDECIDED when no such gap is found."""
    res = Draft("ep.lem-3.1", case.name, ERROR, "exact", EP_NOBIAS)
    A = sample_matrix(case)
    n = len(A)
    if gram(A) == tuple(tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n)):
        cert = whitened_solution(case, res, ctx)
        res.verdict = PROVED if cert.qualifier("l0") == 2 and cert.qualifier("attained") else ERROR
        return res
    y = tuple(case.y)
    sol = relu_l1(A, y)
    if sol is None:
        raise ValueError("the exact cutting plane did not close the gap: no exact l1 optimum")
    bound = two_neuron_bound(A, y)
    (p1, _), (p2, _) = two_neuron_network(A, y)
    closed = f"sqrt({sum(x * x for x in p1)}) + sqrt({sum(x * x for x in p2)})"
    res.notes.append(f"ep Lemma 3.1 (A full row rank, not whitened): p_+ = A^+ y_+ = {show(p1)}, "
                     f"p_- = A^+ y_- = {show(p2)} fit y with 2 neurons, cost {closed}; l0 = 2")
    res.notes.append(f"l1 optimum P* = {sol.value} with {len(sol.neurons)} neurons u = {show(sol.neurons)}, "
                     f"w = {show(sol.weights)}; dual v = {show(sol.dual)} (exact cutting plane, {sol.rounds} LP "
                     f"round(s), every sign cone of the ball certified)")
    res.notes.append(f"every network with <= 2 neurons costs >= {bound.lower} (simplex weights "
                     f"{show(bound.lam_pos)}, {show(bound.lam_neg)})")
    if not (all(bound.his) and 1 / bound.his[0] + 1 / bound.his[1] > sol.value):
        res.notes.append("no l1/l0 gap shown on this instance")
        res.verdict = UNDECIDED
        return res
    cert = certify(gap_certificate(A, y, sol, bound, res.claim, case.name), res, ctx, "__l1_l0_gap")
    res.value = cert.value
    res.notes.append(f"l1 and l0 optima differ: P* = {cert.value} < {cert.qualifier('two_neuron_lower')} <= cost of "
                     "any 2-neuron fit (certified), so no l0-optimal network is l1-optimal (Lemma 3.2's condition "
                     "fails, as it may off the whitened case)")
    res.verdict = PROVED if cert.qualifier("l0") == 2 else ERROR
    return res
