"""ep.lem-2.6 (covers ep.cor-3.2): 1-D extreme points along v have u = +-1 and a breakpoint at a data point.

Convention (ep (9)/(22) with bias): sup over |u| <= 1, b of v^T (a u + b 1)_+ (no absolute value), solved
exactly by :func:`exact.relu.support.extreme_point_1d` along seeded directions, the certified dual and
the printed duals, and certified (kind relu1d-extreme-point: ``unbounded``, or ``equals`` with every
maximiser); Corollary 3.2 by complementary slackness between the certified optimum of (4) and the
certified maximisers along +-v.
"""

from __future__ import annotations

import random
from fractions import Fraction

from cases import Case
from exact.relu.interpolation import Interpolation1D, interpolate_1d
from exact.relu.networks import Network

from ...audit import audit_check, show
from ...context import Certified, Context
from ...conventions import EP_4, EP_9
from ...registry import claim
from ...result import ERROR, PROVED, REFUTED, UNDECIDED, Draft, Verdict
from .._shared import data_of, interpolant_figure
from ._shared import (
    certify_37,
    certify_extreme,
    certify_faces,
    certify_interpolation,
    exceeds,
    is_maximiser,
    outcome_37,
    small_1d_cases,
    value_37,
)


def _directions(case: Case) -> list[tuple[str, tuple[Fraction, ...]]]:
    """Seeded random directions (1^T v < 0, = 0, > 0, all <= 0) and the printed duals."""
    rng = random.Random(f"ep.lem-2.6/{case.name}")
    n = case.n
    base = [Fraction(rng.randint(-6, 6), rng.randint(1, 3)) for _ in range(n)]
    shift = lambda total: tuple(t + (total - sum(base)) / n for t in base)  # noqa: E731
    out = [("random-neg", shift(Fraction(-1))), ("random-zero", shift(Fraction(0))),
           ("random-pos", shift(Fraction(1))), ("random-dead", tuple(-abs(t) for t in base))]
    for key in ("v_star", "v_hat"):
        if isinstance(case.printed.get(key), tuple) and len(case.printed[key]) == n:
            out.append((f"printed-{key}", case.printed[key]))
    return out


def _complementary_slackness(x, net: Network, faces: dict[int, Certified], res: Draft, label: str) -> bool:
    """Every neuron of ``net`` with w != 0 lies among the certified maximisers along sign(w) v, maximum 1."""
    ok = True
    for u, b, w in zip(net.u, net.b, net.w):
        if not w:
            continue
        here = is_maximiser(faces, u, b, w)
        ok = ok and here
        form = "of Lemma 2.6's form" if abs(u) == 1 and -b / u in x else \
            f"NOT of Lemma 2.6's form (knot {-b / u} is not a data point): inside a segment or ray of the face"
        res.notes.append(f"{label}: neuron (u = {u}, b = {b}, w = {w}) " +
                         (f"is a certified maximiser along {'+' if w > 0 else '-'}v (value 1); {form}" if here
                          else "is NOT among the certified maximisers along sign(w) v"))
    return ok


@claim("ep.lem-2.6", "ep", "Lemma 2.6 (Section 2.4, proof (22)-(24)) and Corollary 3.2 (Section 3.2)",
       "1-D: extreme points along v have u = +-1 and a breakpoint at a data point", "exact",
       small_1d_cases, covers=("ep.cor-3.2",))
def check_extreme_points(case: Case, ctx: Context) -> Draft:
    """Lemma 2.6: along every v with 1^T v <= 0 the maximum of v^T (a u + b 1)_+ is attained at
    u = +-1, b = -u a_i (certified, kind relu1d-extreme-point, with the whole face of maximisers);
    along 1^T v > 0 the supremum is +infinity (a MISMATCH of "for any v"). Corollary 3.2: every
    neuron of the certified optimal network of (4) with w != 0 lies among the certified maximisers
    along sign(w) v for the certified dual v (complementary slackness: v^T z_j = sign(w_j), max 1).
    Corollary 3.2 is REFUTED where P* is certified attained but ep (37) (all knots at data points) has
    a larger certified value: then no optimal solution has the corollary's form (case
    ep-rankone-1d-offdata-knot)."""
    sol = interpolate_1d(case.x, case.y)
    res = Draft("ep.lem-2.6", case.name, ERROR, "exact", (EP_9, EP_4), data=data_of(sol))
    res.figure(interpolant_figure(sol, "ep (4): the minimum-norm interpolant"))
    certs = [certify_extreme(case.x, v, res, ctx, label) for label, v in _directions(case)]
    faces = certify_faces(case.x, sol.dual, res, ctx)
    unbounded = [c for c in (*certs, *faces.values()) if c.kind_relation == "unbounded"]
    res.printed.append(audit_check(
        "Lemma 2.6: 'for any vector v' an extreme point along v is achieved", "for any v in R^n", not unbounded,
        "holds for every tested v" if not unbounded else _unbounded_text(unbounded[0])))
    cert = certify_interpolation(sol, res, ctx)
    res.value = cert.value
    if not all(c.ok for c in res.checked):
        return res
    res.verdict = _corollary_3_2(case, sol, cert, faces, res, ctx)
    return res


def _unbounded_text(cert: Certified) -> str:
    v = [Fraction(t) for t in cert.data["v"]]
    return (f"v = {show(v)}, 1^T v = {sum(v)} > 0: sup v^T (a u + b 1)_+ = +inf (u = 0, b -> +inf; certified), "
            "no extreme point; the lemma needs 1^T v <= 0 (the dual (12) has 1^T v = 0)")


def _corollary_3_2(case: Case, sol: Interpolation1D, cert: Certified, faces: dict[int, Certified], res: Draft,
                   ctx: Context) -> Verdict:
    """The verdict of the check, Lemma 2.6 being certified by now: Corollary 3.2 by complementary slackness
    (PROVED), refuted by (37) (REFUTED), or not applicable when P* is not attained (then the verdict is
    Lemma 2.6's, PROVED)."""
    net = sol.finite_network()
    if not cert.qualifier("attained") or net is None:
        res.notes.append(f"Corollary 3.2 is vacuous here: P* = {cert.value} is not attained, so no solution of (4) "
                         "achieves the optimal value; minimising sequences need a neuron u = 0, b -> +inf (weight "
                         "-> 0), which is not an extreme point along +-v (v^T b 1 = 0 < 1)")
        return PROVED
    slack = _complementary_slackness(case.x, net, faces, res, "Corollary 3.2, certified optimum")
    if sol.value_without_constant != sol.value:
        cert37 = certify_37(case, res, ctx)
        if not exceeds(cert37, cert.value):  # a rejected (37) certificate makes it ERROR when frozen
            return UNDECIDED
        _refutation_finding(sol, cert, cert37, res)
        return REFUTED
    p = case.printed
    if all(k in p for k in ("u_hat", "b_hat", "w_hat")):
        hat = Network.of_1d(p["u_hat"], p["b_hat"], p["w_hat"])
        slack = _complementary_slackness(case.x, hat, faces, res, "printed optimum (u_hat, b_hat, w_hat)") and slack
        res.notes.append("Corollary 3.2 holds as an existence statement (the certified optimum); read as 'every "
                         "optimal solution has u = +-1, b = -sign(u) a_i' it fails: the printed optimum "
                         "(u_hat, b_hat, w_hat) of Proposition 3.1 (optimality re-checked by ep.prop-3.1) has "
                         "knots at 1/2 which still maximise along -v, inside a flat segment of the face")
    # an optimum outside the certified face would contradict the certificates, not the corollary
    return PROVED if slack else UNDECIDED


def _refutation_finding(sol: Interpolation1D, cert: Certified, cert37: Certified, res: Draft) -> None:
    """P* is attained, but only with a knot off the data: every network whose neurons all have Lemma 2.6's
    form (u = +-1, b = -u a_i) is feasible for ep (37), whose certified value exceeds P*."""
    consequence = ("every such network costs more than P*" if value_37(cert37) is not None else
                   "no such network fits y")
    res.finding("Corollary 3.2", "a set of solutions to (4) that achieve the optimal value are extreme points, "
                "u_i = +-1, b_i = -sign(u_i) a_i",
                f"P* = {cert.value} is attained (certified), but the networks whose neurons all have u = +-1, "
                f"b = -sign(u) a_i are the feasible points of ep (37), and (37) {outcome_37(cert37)} (certified): "
                f"{consequence}, so no optimal solution has the corollary's form. The optimum's constant "
                f"{sol.attained_by[1]} is absorbed by moving an end neuron's knot off the data (still a maximiser "
                "along +-v, in the unbounded ray of the exposed face)", cert37.path, cert.path)
