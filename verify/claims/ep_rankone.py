"""Ergen & Pilanci (seed 001): 1-D extreme points, rank-one data, and Lemmas 2.1-2.2.

* ep.lem-2.6 (+ ep.cor-3.2): the support problem (9) of the 1-D set with
  free biases, sup over |u| <= 1, b of v^T (a u + b 1)_+ (no absolute value;
  proof (22)-(24)), solved exactly by :func:`exact.extreme.extreme_point_1d`
  along seeded random directions, the certified dual +-v and the paper's
  printed duals; Corollary 3.2 is tied to ep.thm-3.3's certified optimum
  by exact complementary slackness.
* ep.cor-3.4 / ep.cor-3.5: rank-one X = c a^T through the 1-D data ||a|| c
  (:func:`exact.extreme.solve_rank_one`), certificate kind rank-one-l1.
* ep.lem-2.1 (+ ep.lem-2.2): (3) min R = ||w||_2^2 + ||U||_F^2 (no 1/2,
  biases unpenalised) against (4) and against ||u_j|| = 1.

Convention (ep (4)): ReLU, hidden biases free and unpenalised, no output
bias; a constant costs nothing in the limit of a huge bias (see
:mod:`exact.interpolation`).
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Sequence

import sympy

from cases import Case, random_1d_cases, shipped_case
from exact.dictionary import Network1D
from exact.extreme import (ATTAINED, DEAD, UNBOUNDED, ExtremePoint1D, extreme_point_1d, extreme_point_certificate,
                           rank_one_certificate, solve_rank_one)
from exact.certificate import lp_certificate
from exact.interpolation import Interpolation1D, interpolate_1d
from exact.lp import solve_lp

from ..audit import audit, audit_check, show
from ..conventions import EP_3, EP_4, EP_9
from ..registry import Context, claim
from ..result import ERROR, PROVED, REFUTED, CheckResult
from .ep import certify_interpolation, data_of, original_lp_37


ONE_D = ("ep-prop-3.1-eq", "abs-plus-one", "constant-labels", "kh-example-1", "ep-rankone-1d-offdata-knot")
RANK_ONE = ("ep-rankone-nonneg-d2", "ep-rankone-mixed-d2", "ep-rankone-mixed-d3", "ep-rankone-nonneg-d3")


def one_d_cases() -> list[Case]:
    return [shipped_case(n) for n in ONE_D] + random_1d_cases(2, seed0=100)


def rank_one_cases() -> list[Case]:
    return [shipped_case(n) for n in RANK_ONE]


def _sign(t: Fraction) -> int:
    return (t > 0) - (t < 0)


def _describe(e: ExtremePoint1D) -> str:
    if e.status == UNBOUNDED:
        return f"sup = +inf: 1^T v = {sum(e.v)} > 0, u = 0 and b -> +inf give v^T (b 1)_+ = {sum(e.v)} b"
    if e.status == DEAD:
        return ("max = 0: the extreme point along v is the zero vector, a dead neuron (output 0 on every data "
                f"point); Lemma 2.6's form gives one: u = 1, b = {e.b}")
    face = "; ".join(f"u = {s.u}, " + (f"b = {s.lo}" if s.lo == s.hi else
                                        f"b in [{s.lo}, {'+inf' if s.hi is None else s.hi}]") for s in e.face)
    return (f"max = {e.value} at u = {e.u}, b = {e.b} (breakpoint at data point {-e.b / e.u}); "
            + ("unique maximiser" if e.unique else f"all maximisers: {face}"))


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


def _complementary_slackness(x: Sequence[Fraction], v: Sequence[Fraction], net: Network1D,
                             res: CheckResult, label: str) -> bool:
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


def finite_network(sol: Interpolation1D) -> Network1D | None:
    """A finite optimal network of (4), with an absorbed constant moved into an end atom's knot."""
    if sol.attained_by is None:
        return None
    weights, c = sol.attained_by
    net = Network1D.from_atoms(sol.atoms, weights)
    if c == 0:
        return net
    lo, hi = min(sol.x), max(sol.x)
    b = list(net.b)
    # w s(u(x - t)) = w u (x - t) on the data for the end atoms; moving t by -u c / w adds c
    j = next(j for j, (a, w) in enumerate(zip(sol.atoms, weights))
             if w * c > 0 and (a.u, a.knot) in ((1, lo), (-1, hi)))
    b[j] += c / weights[j]
    return Network1D(net.u, tuple(b), net.w)


def _certify_extreme(e: ExtremePoint1D, claim_id: str, case: str, ctx: Context, suffix: str,
                     res: CheckResult) -> bool:
    path, ok, problems = ctx.certify(extreme_point_certificate(e, claim_id, case), claim_id, case, suffix)
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {p}" for p in problems]
    return ok


@claim("ep.lem-2.6", "ep", "Lemma 2.6 (Section 2.4, proof (22)-(24)) and Corollary 3.2 (Section 3.2)",
       "1-D: extreme points along v have u = +-1 and a breakpoint at a data point", "exact",
       one_d_cases, covers=("ep.cor-3.2",))
def check_extreme_points(case: Case, ctx: Context) -> CheckResult:
    """Lemma 2.6: along every v with 1^T v <= 0 the maximum of v^T (a u + b 1)_+ is attained at
    u = +-1, b = -u a_i (certified, kind relu1d-extreme-point, with the whole face of maximisers);
    along 1^T v > 0 the supremum is +infinity (a MISMATCH of "for any v"). Corollary 3.2: every
    neuron of the certified optimal network of (4) with w != 0 is a maximiser along sign(w) v for
    the certified dual v (complementary slackness: v^T z_j = sign(w_j), max 1), exactly. Corollary 3.2
    is REFUTED where P* is attained but ep (37) (all knots at data points) has a larger certified value:
    then no optimal solution has the corollary's form (case ep-rankone-1d-offdata-knot)."""
    sol = interpolate_1d(case.x, case.y)
    res = CheckResult("ep.lem-2.6", case.name, ERROR, "exact", EP_9.describe() + " | " + EP_4.describe(),
                      value=str(sol.value), data=data_of(sol))
    ok = True
    unbounded = []
    for label, v in _directions(case, sol):
        e = extreme_point_1d(case.x, v)
        ok = _certify_extreme(e, res.claim, case.name, ctx, f"__{label}", res) and ok
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
    net = finite_network(sol)
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
            slack = _complementary_slackness(case.x, sol.dual, Network1D(p["u_hat"], p["b_hat"], p["w_hat"]),
                                             res, "printed optimum (u_hat, b_hat, w_hat)") and slack
            res.notes.append("Corollary 3.2 holds as an existence statement (the certified optimum); read as 'every "
                             "optimal solution has u = +-1, b = -sign(u) a_i' it fails: the printed optimum "
                             "(u_hat, b_hat, w_hat) of Proposition 3.1 (optimality re-checked by ep.prop-3.1) has "
                             "knots at 1/2 which still maximise along -v, inside a flat segment of the face")
    ok = ok and good
    res.verdict = ERROR if not ok else (PROVED if slack else REFUTED)
    return res


def _refute_corollary_3_2(case: Case, sol: Interpolation1D, ctx: Context, res: CheckResult) -> bool:
    """P* is attained, but only with a knot off the data: every network whose neurons all have Lemma 2.6's
    form (u = +-1, b = -u a_i) is feasible for ep (37), whose certified value exceeds P*."""
    lp37 = original_lp_37(case.x, case.y)
    cert = lp_certificate(lp37, solve_lp(lp37), res.claim, case.name,
                          "ep (37): min ||w||_1 s.t. A_e w = y over the networks of Lemma 2.6's form")
    path, ok, problems = ctx.certify(cert, res.claim, case.name, "__eq37")
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {p}" for p in problems]
    res.notes.append(f"FINDING (Corollary 3.2 refuted): P* = {sol.value} is attained (certified), but every network "
                     f"with all neurons u = +-1, b = -sign(u) a_i costs at least {sol.value_without_constant} (ep "
                     f"(37), certified) > P*: no optimal solution has Corollary 3.2's form. The optimum's constant "
                     f"{sol.attained_by[1]} is absorbed by moving an end neuron's knot off the data (still a "
                     "maximiser along +-v, in the unbounded ray of the exposed face)")
    return ok


@claim("ep.cor-3.5", "ep", "Corollary 3.5 (Section 3.2.1)",
       "rank-one data X = c a^T: strong duality for (4), exactly", "exact", rank_one_cases, needs_1d=False)
def check_rank_one_duality(case: Case, ctx: Context) -> CheckResult:
    """P* = D* for X = c a^T, certified by kind rank-one-l1 (primal network in R^d, dual v checked over
    the whole semi-infinite constraint through t = a^T u in [-||a||, ||a||]); the value equals the 1-D
    reduction's V(c, y) / ||a|| (exact.dictionary.rank_one_to_1d, a second solve)."""
    r = solve_rank_one(case.X, case.y)
    res = CheckResult("ep.cor-3.5", case.name, ERROR, "exact", EP_4.describe(), value=str(r.value),
                      data={"c": show(r.c), "a": show(r.a), "norm": str(r.norm), "dual": show(r.sol.dual)})
    path, ok, problems = ctx.certify(rank_one_certificate(r, case.X, res.claim, case.name), res.claim, case.name)
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {p}" for p in problems]
    via_c = r.value_via_c
    res.notes.append(f"X = c a^T with c = {show(r.c)}, a = {show(r.a)}, ||a|| = {r.norm}; P* = D* = {r.value} = "
                     f"V(c, y) / ||a|| = {via_c} (1-D reduction)")
    res.notes.append("P* is attained" if r.sol.attained else
                     f"P* is NOT attained: the optimum needs the constant {r.constant} (a u = 0 neuron, bias -> oo)")
    res.verdict = PROVED if ok and via_c == r.value else ERROR
    return res


@claim("ep.cor-3.4", "ep", "Corollary 3.4 (Section 3.2.1) and its appendix proof",
       "rank-one extreme points u = s a/||a||, b = -s c_i ||a||", "exact", rank_one_cases, needs_1d=False)
def check_rank_one_extreme_points(case: Case, ctx: Context) -> CheckResult:
    """Every neuron of the certified optimum of (4) for X = c a^T is u = s a/||a||, b = -s c_i ||a||
    (formula audited) and is a maximiser of sign(w) v^T (X u + b 1)_+ over ||u|| <= 1, b, which is
    the 1-D problem on x = ||a|| c (certificates relu1d-extreme-point along +-v)."""
    r = solve_rank_one(case.X, case.y)
    res = CheckResult("ep.cor-3.4", case.name, ERROR, "exact", EP_9.describe() + " | " + EP_4.describe(),
                      value=str(r.value))
    x = r.sol.x
    ok = True
    res.notes.append(f"X = c a^T with c = {show(r.c)}, a = {show(r.a)} (a = the first nonzero row of X), ||a|| = "
                     f"{r.norm}; the formula is invariant under (c, a) -> (c / l, l a), l > 0")
    for label, v in (("dual", r.sol.dual), ("minus-dual", tuple(-t for t in r.sol.dual))):
        e = extreme_point_1d(x, v)
        ok = _certify_extreme(e, res.claim, case.name, ctx, f"__{label}", res) and ok
        res.notes.append(f"along {label} (1-D data ||a|| c = {show(x)}): {_describe(e)}")
    path, good, problems = ctx.certify(rank_one_certificate(r, case.X, res.claim, case.name), res.claim, case.name)
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {p}" for p in problems]
    ok = ok and good
    if not r.sol.attained:
        res.notes.append(f"Corollary 3.4 is vacuous here: P* = {r.value} is not attained (the optimum needs the "
                         f"constant {r.constant}, a u = 0 neuron with bias -> oo, not an extreme point along +-v); "
                         "the neurons below are those of the limit of minimising networks")
    formula, lines = True, []
    for u, b, w in r.neurons:
        s = _sign(sum((ui * ai for ui, ai in zip(u, r.a)), Fraction(0)))
        cs = [ci for ci in r.c if b == -s * ci * r.norm]
        fits = s != 0 and list(u) == [s * ai / r.norm for ai in r.a] and bool(cs)
        formula = formula and fits
        lines.append(f"(u = {show(u)}, b = {b}, w = {w}): s = {s}, " +
                     (f"b = -s c_i ||a|| with c_i = {cs[0]} (the neuron switches at c = {cs[0]})" if fits
                      else "NOT of the form"))
        e = extreme_point_1d(x, [_sign(w) * t for t in r.sol.dual])
        formula = formula and e.value == 1 and e.contains(s, b)
    res.notes += ["neuron " + t for t in lines]
    res.printed.append(audit_check("Corollary 3.4: u_i = s_i a/||a||_2, b_i = -s_i c_i ||a||_2", "u = s a/||a||, "
                                   "b = -s c_i ||a||", formula, "; ".join(lines) + " (each a maximiser along "
                                   "sign(w) v, value 1)" if formula else "; ".join(lines)))
    res.verdict = ERROR if not ok else (PROVED if formula else REFUTED)
    return res


def rescaled_cost(net: Network1D, y: Sequence[Fraction], x: Sequence[Fraction]) -> tuple[Fraction, bool]:
    """R and exact fit of the balanced rescaling alpha_j = sqrt(|w_j| / |u_j|) (sympy, exact surds)."""
    params = []
    for u, b, w in zip(net.u, net.b, net.w):
        if w:
            al = sympy.sqrt(sympy.Rational(abs(w)) / sympy.Rational(abs(u)))
            params.append((al * sympy.Rational(u), al * sympy.Rational(b), sympy.Rational(w) / al))
    R = sympy.nsimplify(sum((w ** 2 + u ** 2 for u, _, w in params), sympy.Integer(0)))
    fits = all(sympy.simplify(sum((w * sympy.Max(u * sympy.Rational(xi) + b, 0) for u, b, w in params),
                                  sympy.Integer(0)) - sympy.Rational(yi)) == 0 for xi, yi in zip(x, y))
    return Fraction(int(R.p), int(R.q)), fits


def _constant_pair(x: Sequence[Fraction], y: Sequence[Fraction], sol: Interpolation1D, B: Fraction):
    """(fits, cost) of the LP optimum with its constant c made by c/(2B) [(x + B)_+ + (-x + B)_+], |u| = 1."""
    net = Network1D.from_atoms(sol.atoms, sol.weights)
    pair = Network1D((Fraction(1), Fraction(-1)), (B, B), (sol.constant / (2 * B),) * 2)
    fits = all(net(xi) + pair(xi) == yi for xi, yi in zip(x, y))
    return fits, sum((abs(w) for w in net.w + pair.w), Fraction(0))


@claim("ep.lem-2.1", "ep", "Lemmas 2.1-2.2 (Section 2) and their appendix proofs",
       "min squared norm (3) vs min l1 with ||u_j|| = 1 and with ||u_j|| <= 1 (4)", "exact",
       one_d_cases, covers=("ep.lem-2.2",))
def check_rescaling(case: Case, ctx: Context) -> CheckResult:
    """Lemma 2.1 (value): inf (3) = 2 P*, P* = inf (4).  Upper bound: the certified optimum of (4),
    rescaled by alpha_j = sqrt(|w_j|) (|u_j| = 1), fits y exactly (positive homogeneity) and has
    R = sum_j (w_j^2/|w_j| + |w_j|) = 2 ||w||_1 = 2 P* (checked in exact surds); if P* needs a constant c,
    a u = 0 neuron with bias B and weight c/B adds (c/B)^2 -> 0.  Lower bound: for any theta feasible
    for (3) and the certified dual v (1^T v = 0, |v^T (a u + b 1)_+| <= 1 for |u| <= 1):
    v^T y = sum_j w_j v^T (a u_j + b_j 1)_+ = sum_{u_j != 0} w_j |u_j| v^T (a u_j/|u_j| + b_j/|u_j|)_+
    <= sum_j |w_j| |u_j| <= sum_j (w_j^2 + u_j^2)/2 = R/2, so R >= 2 P*.  Equality forces every u = 0
    neuron to have w = 0, so (3) is attained iff (4) is.  The printed identity min R = min ||w||_1
    (the proof's own inequality carries the 1/2) is audited: MATCH only when P* = 0.

    Lemma 2.2 (d = 1): V(||u|| = 1) = V(||u|| <= 1) = P*.  ">=" by inclusion.  "<=": with the LP
    optimum (atoms u = +-1, constant c), c/(2B) [(a + B)_+ + (-a + B)_+] = c on the data for
    B >= max |a_i|, so a network with |u_j| = 1 fits y at cost P* + |c|/B -> P* (checked exactly at
    three B).  Both programs are therefore the same LP (u = +-1 atoms plus a free constant column);
    what is verified is this limit, the certified P*, and attainment (a finite optimum of (4) from
    exact.interpolation has |u_j| = 1 on every neuron).
    """
    sol = interpolate_1d(case.x, case.y)
    res = CheckResult("ep.lem-2.1", case.name, ERROR, "exact", EP_3.describe() + " | " + EP_4.describe(),
                      value=str(2 * sol.value), data=data_of(sol))
    path, ok, problems = certify_interpolation(sol, res.claim, case.name, ctx)
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {p}" for p in problems]
    P = sol.value
    net = finite_network(sol)
    if net is not None:
        R, fits = rescaled_cost(net, case.y, case.x)
        cost = sum((abs(w) for w in net.w), Fraction(0))
        unit = all(abs(u) == 1 for u, w in zip(net.u, net.w) if w) and cost == P
        good = fits and R == 2 * P
        res.notes.append(f"(3) attained: the rescaled optimum of (4) fits y exactly ({fits}) with R = {R}; "
                         "no network has R < 2 P* (dual certificate)")
        lemma22 = f"a finite optimum of (4) has ||u_j|| = 1 on every neuron and cost {cost}: both values attained"
    else:
        scaled = Network1D.from_atoms(sol.atoms, sol.weights)
        R0, fits = rescaled_cost(scaled, [yi - sol.constant for yi in case.y], case.x)
        Bs = [max(abs(t) for t in case.x) * k + 1 for k in (1, 10, 100)]
        pairs = [_constant_pair(case.x, case.y, sol, B) for B in Bs]
        good = fits and R0 == 2 * P
        unit = all(f and cost == P + abs(sol.constant) / B for (f, cost), B in zip(pairs, Bs))
        res.notes.append(f"P* = {P} is not attained (constant {sol.constant}): inf (3) = 2 P* = {2 * P} is not "
                         f"attained either; R = {R0} + ({sol.constant}/B)^2 with a u = 0 neuron of bias B -> oo")
        lemma22 = ("the constant as a (u = 1, u = -1) pair of bias B costs |c|/B; networks with ||u_j|| = 1 fit y "
                   "at cost " + ", ".join(f"{cost} (B = {B})" for (_, cost), B in zip(pairs, Bs))
                   + f" -> P* = {P}; neither value is attained")
    res.printed.append(audit("Lemma 2.1 as printed: min R (3) = min ||w||_1 (= P*)", P, 2 * P))
    res.printed.append(audit_check("Lemma 2.2: value with ||u_j|| = 1 equals value with ||u_j|| <= 1",
                                   "V(||u|| = 1) = V(||u|| <= 1)", unit, lemma22))
    res.notes.append(f"value(3) = 2 value(4): {2 * P} = 2 * {P}; the minimisers correspond by the rescaling "
                     "(Lemma 2.1's equivalence), the printed identity drops the factor 2 (the proof has the 1/2)")
    res.verdict = ERROR if not ok else (PROVED if good and unit else REFUTED)
    return res
