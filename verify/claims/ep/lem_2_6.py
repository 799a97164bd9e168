"""ep.lem-2.6 (covers ep.cor-3.2): 1-D extreme points along v have u = +-1 and a breakpoint at a data point.

Convention (ep (9)/(22) with bias): sup over |u| <= 1, b of v^T (a u + b 1)_+ (no absolute value), solved
exactly by :func:`exact.relu.support.extreme_point_1d` along seeded directions, the certified dual and
the printed duals (kind relu1d-extreme-point); Corollary 3.2 by exact complementary slackness with the
certified optimum of (4).
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Sequence

from cases import Case
from exact.certificates.lp import lp_certificate
from exact.lp import solve_lp
from exact.relu.interpolation import Interpolation1D, interpolate_1d
from exact.relu.networks import Network
from exact.relu.support import ATTAINED, UNBOUNDED, extreme_point_1d

from ...audit import audit_check, show
from ...context import Context
from ...conventions import EP_4, EP_9
from ...registry import claim
from ...result import ERROR, PROVED, REFUTED, Draft
from .._shared import data_of
from ._shared import _certify_extreme, _describe, _sign, certify_interpolation, small_1d_cases
from .programs import original_lp_37


def _directions(case: Case, sol: Interpolation1D) -> list[tuple[str, tuple[Fraction, ...]]]:
    """Seeded random directions (1^T v < 0, = 0, > 0, all <= 0), the certified dual +-v, printed duals."""
    rng = random.Random(f"ep.lem-2.6/{case.name}")
    n = case.n
    base = [Fraction(rng.randint(-6, 6), rng.randint(1, 3)) for _ in range(n)]
    shift = lambda total: tuple(t + (total - sum(base)) / n for t in base)  # noqa: E731
    out = [("random-neg", shift(Fraction(-1))), ("random-zero", shift(Fraction(0))),
           ("random-pos", shift(Fraction(1))), ("random-dead", tuple(-abs(t) for t in base)),
           ("dual", sol.dual), ("minus-dual", tuple(-t for t in sol.dual))]
    for key in ("v_star", "v_hat"):
        if isinstance(case.printed.get(key), tuple) and len(case.printed[key]) == n:
            out.append((f"printed-{key}", case.printed[key]))
    return out


def _complementary_slackness(x: Sequence[Fraction], v: Sequence[Fraction], net: Network,
                             res: Draft, label: str) -> bool:
    """Every neuron of ``net`` with w != 0 maximises sign(w) v^T (x u + b)_+ with maximum 1 (exact)."""
    ok = True
    for u, b, w in zip(net.u, net.b, net.w):
        if not w:
            continue
        e = extreme_point_1d(x, [_sign(w) * t for t in v])
        here = e.status == ATTAINED and e.value == 1 and abs(u) == 1 and e.contains(int(u), b)
        lemma_form = abs(u) == 1 and -b / u in x
        ok = ok and here
        res.notes.append(f"{label}: neuron (u = {u}, b = {b}, w = {w}) " +
                         (f"is a maximiser along {'+' if w > 0 else '-'}v (value 1); "
                          + ("of Lemma 2.6's form" if lemma_form else f"NOT of Lemma 2.6's form (knot {-b / u} "
                                                                      "is not a data point): inside a segment or ray of the face")
                          if here else f"is NOT a maximiser along sign(w) v: {_describe(e)}"))
    return ok


@claim("ep.lem-2.6", "ep", "Lemma 2.6 (Section 2.4, proof (22)-(24)) and Corollary 3.2 (Section 3.2)",
       "1-D: extreme points along v have u = +-1 and a breakpoint at a data point", "exact",
       small_1d_cases, covers=("ep.cor-3.2",))
def check_extreme_points(case: Case, ctx: Context) -> Draft:
    """Lemma 2.6: along every v with 1^T v <= 0 the maximum of v^T (a u + b 1)_+ is attained at
    u = +-1, b = -u a_i (certified, kind relu1d-extreme-point, with the whole face of maximisers);
    along 1^T v > 0 the supremum is +infinity (a MISMATCH of "for any v"). Corollary 3.2: every
    neuron of the certified optimal network of (4) with w != 0 is a maximiser along sign(w) v for
    the certified dual v (complementary slackness: v^T z_j = sign(w_j), max 1), exactly. Corollary 3.2
    is REFUTED where P* is attained but ep (37) (all knots at data points) has a larger certified value:
    then no optimal solution has the corollary's form (case ep-rankone-1d-offdata-knot)."""
    sol = interpolate_1d(case.x, case.y)
    res = Draft("ep.lem-2.6", case.name, ERROR, "exact", (EP_9, EP_4),
                      value=str(sol.value), data=data_of(sol))
    ok = True
    unbounded = []
    for label, v in _directions(case, sol):
        e = extreme_point_1d(case.x, v)
        ok = _certify_extreme(e, res.claim, case.name, ctx, f"__{label}", res, {"x": case.x, "v": v}) and ok
        res.notes.append(f"direction {label} v = {show(v)}: {_describe(e)}")
        if e.status == UNBOUNDED:
            unbounded.append(v)
    res.printed.append(audit_check(
        "Lemma 2.6: 'for any vector v' an extreme point along v is achieved", "for any v in R^n", not unbounded,
        "holds for every tested v" if not unbounded else
        f"v = {show(unbounded[0])}, 1^T v = {sum(unbounded[0])} > 0: sup v^T (a u + b 1)_+ = +inf (u = 0, "
        "b -> +inf), no extreme point; the lemma needs 1^T v <= 0 (the dual (12) has 1^T v = 0)"))
    path, good, problems = certify_interpolation(sol, res.claim, case.name, ctx)
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {p}" for p in problems]
    net = sol.finite_network()
    slack = True
    if net is None:
        res.notes.append(f"Corollary 3.2 is vacuous here: P* = {sol.value} is not attained, so no solution of (4) "
                         "achieves the optimal value; minimising sequences need a neuron u = 0, b -> +inf (weight "
                         "-> 0), which is not an extreme point along +-v (v^T b 1 = 0 < 1)")
    else:
        slack = _complementary_slackness(case.x, sol.dual, net, res, "Corollary 3.2, certified optimum")
        if sol.value_without_constant != sol.value:
            slack = False
            ok = _refute_corollary_3_2(case, sol, ctx, res) and ok
        p = case.printed
        if all(k in p for k in ("u_hat", "b_hat", "w_hat")):
            slack = _complementary_slackness(case.x, sol.dual, Network.of_1d(p["u_hat"], p["b_hat"], p["w_hat"]),
                                             res, "printed optimum (u_hat, b_hat, w_hat)") and slack
            res.notes.append("Corollary 3.2 holds as an existence statement (the certified optimum); read as 'every "
                             "optimal solution has u = +-1, b = -sign(u) a_i' it fails: the printed optimum "
                             "(u_hat, b_hat, w_hat) of Proposition 3.1 (optimality re-checked by ep.prop-3.1) has "
                             "knots at 1/2 which still maximise along -v, inside a flat segment of the face")
    ok = ok and good
    res.verdict = ERROR if not ok else (PROVED if slack else REFUTED)
    return res


def _refute_corollary_3_2(case: Case, sol: Interpolation1D, ctx: Context, res: Draft) -> bool:
    """P* is attained, but only with a knot off the data: every network whose neurons all have Lemma 2.6's
    form (u = +-1, b = -u a_i) is feasible for ep (37), whose certified value exceeds P*."""
    lp37 = original_lp_37(case.x, case.y)
    cert = lp_certificate(lp37, solve_lp(lp37), res.claim, case.name,
                          "ep (37): min ||w||_1 s.t. A_e w = y over the networks of Lemma 2.6's form")
    path, ok, problems = ctx.certify(cert, res.claim, case.name, "__eq37", about={"problem": lp37})
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {p}" for p in problems]
    res.notes.append(f"FINDING (Corollary 3.2 refuted): P* = {sol.value} is attained (certified), but every network "
                     f"with all neurons u = +-1, b = -sign(u) a_i costs at least {sol.value_without_constant} (ep "
                     f"(37), certified) > P*: no optimal solution has Corollary 3.2's form. The optimum's constant "
                     f"{sol.attained_by[1]} is absorbed by moving an end neuron's knot off the data (still a "
                     "maximiser along +-v, in the unbounded ray of the exposed face)")
    return ok
