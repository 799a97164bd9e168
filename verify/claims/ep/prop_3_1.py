"""ep.prop-3.1: non-uniqueness of the optimum, the appendix counterexample with every printed number.

Equality case (36)-(38), convention ep (4): the exact optimum, two distinct certified optima, an optimal
network off the data-knot spline, and an audit of every printed matrix, vector and value (printed duals
checked against the whole semi-infinite constraint). Regularised case (39)-(40): min beta ||w||_1 +
1/(2n) ||A_e w - y||^2 over the fixed 10 columns A_e (no constant column), solved exactly by
:func:`exact.lasso.lasso` (loss scale 1/n), its KKT conditions (40) audited for the printed w_1, w_2 at
the printed beta and at the beta the printed value implies.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from flint import fmpq_mat

from cases import Case, shipped_case
from exact.certificates.l1_ls_kkt import lasso_certificate
from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.lasso import LassoSolution, kkt_report, lasso
from exact.lp.face import optimal_face
from exact.numbers import to_fmpq, to_fraction
from exact.relu.interpolation import Interpolation1D, interpolate_1d
from exact.relu.networks import Network

from ...audit import audit, audit_check, show
from ...context import Context
from ...conventions import EP_4, EP_37, EP_39
from ...registry import claim
from ...result import ERROR, PROVED, REFUTED, Draft
from .._shared import data_of
from ._shared import certify_interpolation


def _distinct_optima(case: Case, sol: Interpolation1D, ctx: Context, res: Draft) -> bool:
    """Two distinct optimal networks of (4) (finite, no constant), both certified."""
    atoms, sol37 = sol.atoms, sol.without_constant
    if sol37 is None or sol37.value != sol.value:
        res.notes.append("no finite network attains P* without a constant: non-uniqueness not examined")
        return False
    face = optimal_face(sol37.lp, sol37.result)
    if face.unique:
        res.notes.append("the optimum of (37) is unique (kernel of the active system is trivial)")
        return False
    nets, ok = [], True
    for k, xs in enumerate(face.solutions):
        N = len(atoms)
        w = tuple(xs[2 * j] - xs[2 * j + 1] for j in range(N))
        other = replace(sol, weights=w, constant=Fraction(0), dual=sol37.dual,
                        value=sol37.value, attained=True, attained_by=(w, Fraction(0)))
        path, good, problems = certify_interpolation(other, res.claim, case.name, ctx, f"__optimum{k + 1}")
        res.certificates.append(path)
        ok = ok and good
        nets.append(Network.from_atoms(atoms, w))
        res.notes.append(f"optimal network {k + 1}: " + ", ".join(
            f"{wj} s(u={a.u}, knot {a.knot})" for a, wj in zip(atoms, w) if wj))
    different = not nets[0].same_function(nets[1])
    res.notes.append("the two optimal networks are different functions on R" if different else
                     "the two optimal weight vectors give the same function")
    return ok


def _non_spline_optimum(case: Case, sol: Interpolation1D, res: Draft) -> bool:
    """An optimal network that is not the data-knot spline (Proposition 3.1's second sentence).

    Two atoms of one direction at adjacent data points x_k < x_l with weights
    of one sign, w_k s(u(x - x_k)) + w_l s(u(x - x_l)), agree on every data
    point with (w_k + w_l) s(u(x - t)), t = (w_k x_k + w_l x_l)/(w_k + w_l),
    at the same cost; between x_k and x_l the two functions differ. The
    witness is re-checked exactly: it fits the data and costs P*.
    """
    weights, constant = sol.attained_by or (None, None)
    if weights is None:
        res.notes.append("P* is not attained, so no finite optimal network exists to modify")
        return False
    pts = sorted(case.x)
    net = Network.from_atoms(sol.atoms, weights, constant)
    for a, wa in zip(sol.atoms, weights):
        for b, wb in zip(sol.atoms, weights):
            if a.u != b.u or not wa or wa * wb <= 0 or a.knot >= b.knot:
                continue
            if pts.index(b.knot) != pts.index(a.knot) + 1:
                continue
            t = (wa * a.knot + wb * b.knot) / (wa + wb)
            keep = [(c, wc) for c, wc in zip(sol.atoms, weights) if wc and c not in (a, b)]
            merged = Network.of_1d(tuple(Fraction(c.u) for c, _ in keep) + (Fraction(a.u),),
                               tuple(-c.u * c.knot for c, _ in keep) + (-a.u * t,),
                               tuple(wc for _, wc in keep) + (wa + wb,), constant)
            fits = all(merged(xi) == yi for xi, yi in zip(case.x, case.y))
            cost = sum((abs(w) for w in merged.w), Fraction(0))
            if fits and cost == sol.value and not merged.same_function(net):
                res.notes.append(f"non-spline optimum: merge the u={a.u} atoms at {a.knot} and {b.knot} "
                                 f"into weight {wa + wb} at knot {t} (fits the data, cost {cost} = P*, "
                                 f"a different function)")
                return True
    p = case.printed
    if all(k in p for k in ("u_hat", "b_hat", "w_hat")):
        hat = Network.of_1d(p["u_hat"], p["b_hat"], p["w_hat"])
        fits = all(hat(xi) == yi for xi, yi in zip(case.x, case.y))
        if fits and sum((abs(w) for w in hat.w), Fraction(0)) == sol.value and \
                any(-bi / ui not in case.x for ui, bi in zip(hat.u, hat.b)) and not hat.same_function(net):
            res.notes.append("non-spline optimum: the paper's (u_hat, b_hat, w_hat), re-checked exactly")
            return True
    res.notes.append("no optimal network off the data-knot spline was found")
    return False


def _audit_solution(case: Case, sol: Interpolation1D, tag: str, res: Draft, ctx: Context) -> None:
    """Audit printed A, u, b, v, w, value for one printed solution (tag '' or '_hat')."""
    p = case.printed
    star = "_star" if tag == "" else tag
    A_key = "A_e" if tag == "" else "A" + tag
    u, b, v, w = p["u" + star], p["b" + star], p["v" + star], p["w" + star]
    net = Network.of_1d(u, b, w)
    A = net.matrix(case.x)
    res.printed.append(audit(f"{A_key} = (a u{star}^T + 1 b{star}^T)_+", p[A_key], A))
    knots = [-bi / ui for ui, bi in zip(u, b)]
    at_data = all(kn in case.x for kn in knots) and all(abs(ui) == 1 for ui in u)
    # (u*, b*) should be the Lemma 2.6 extreme points; (u_hat, b_hat) should NOT be (Prop. 3.1)
    res.printed.append(audit_check(
        f"(u{star}, b{star}) " + ("are extreme points (Lemma 2.6: u = +-1, b = -u a_i)" if tag == "" else
                                  "are not all of the Lemma 2.6 form (Proposition 3.1)"), (u, b),
        at_data == (tag == ""),
        "knots -b/u = " + show(knots) + (" all at data points" if at_data else " not all at data points")))
    fits = all(f == yi for f, yi in zip((net(xi) for xi in case.x), case.y))
    cost = sum((abs(wi) for wi in w), Fraction(0))
    res.printed.append(audit_check(f"w{star}", w, fits and cost == sol.value,
                                   f"A w = y {'holds' if fits else 'FAILS'}; ||w||_1 = {cost}, P* = {sol.value}"))
    # the printed dual against the whole semi-infinite constraint, through the checker
    dual_sol = replace(sol, dual=tuple(v))
    path, ok, problems = ctx.certify(interpolation_certificate(dual_sol, res.claim, case.name), res.claim,
                                     case.name, f"__printed_v{star}", folder="audits")
    res.certificates.append(path)
    res.printed.append(audit_check(
        f"v{star} (dual optimal for all (u, b), not only the printed columns)", v, ok,
        "checker accepts: 1^T v = 0, |v^T (a u + b)_+| <= 1 for all |u| <= 1, b, v^T y = P*" if ok
        else "checker rejects: " + "; ".join(problems)))
    # (38) as printed: A_s^T v + sign(w_s) = 0 and ||A_{s^c}^T v||_oo <= 1
    sign = lambda t: (t > 0) - (t < 0)  # noqa: E731
    Atv = [sum((A[i][j] * v[i] for i in range(len(v))), Fraction(0)) for j in range(len(w))]
    literal = all(Atv[j] + sign(w[j]) == 0 for j in range(len(w)) if w[j]) and \
        all(abs(Atv[j]) <= 1 for j in range(len(w)) if not w[j])
    flipped = all(Atv[j] == sign(w[j]) for j in range(len(w)) if w[j])
    res.printed.append(audit_check(
        f"(38) holds for (w{star}, v{star}) as printed", "A_s^T v + sign(w_s) = 0", literal,
        f"A^T v = {show(Atv)}; " + ("(38) holds literally" if literal else
                                   "A_s^T v = +sign(w_s) instead: (38) holds for -v, its sign is flipped"
                                   if flipped else "(38) fails")))
    value_key = "value" if tag == "" else "value" + tag
    res.printed.append(audit(f"||w{star}||_1 = optimal value", p[value_key], sol.value))


@claim("ep.prop-3.1", "ep", "Proposition 3.1 and its appendix proof, equality case (36)-(38)",
       "1-D optimum of (4) is not unique; every printed matrix, vector and value", "exact",
       lambda: [shipped_case("ep-prop-3.1-eq"), shipped_case("ep-prop-3.1-reg")])
def check_non_uniqueness(case: Case, ctx: Context) -> Draft:
    if "beta" in case.params:  # the regularised case (39)-(40)
        return check_regularised_non_uniqueness(case, ctx)
    sol = interpolate_1d(case.x, case.y)
    res = Draft("ep.prop-3.1", case.name, ERROR, "exact", (EP_4, EP_37),
                      value=str(sol.value), data=data_of(sol))
    path, ok, problems = certify_interpolation(sol, res.claim, case.name, ctx)
    res.certificates.append(path)
    res.notes.append(f"optimum P* = {sol.value} proved (certificate checked: {ok})")
    distinct = _distinct_optima(case, sol, ctx, res)
    p = case.printed
    for tag in ("", "_hat"):
        if all(k in p for k in ("u_star" if tag == "" else "u_hat", "w_star" if tag == "" else "w_hat")):
            _audit_solution(case, sol, tag, res, ctx)
    non_spline = _non_spline_optimum(case, sol, res)
    res.verdict = PROVED if ok and distinct and non_spline else (REFUTED if ok else ERROR)
    res.notes += [f"certificate rejected: {q}" for q in problems]
    return res


def _certify_39(A, y, beta, w, case: Case, ctx: Context, suffix: str, folder: str = "certificates"):
    """An l1-ls-kkt certificate for the (39) point w (an exact optimum, or a printed candidate)."""
    scale = Fraction(1, len(y))
    rep = kkt_report(A, y, beta, scale, w)
    cand = LassoSolution(tuple(w), (), rep.residual, tuple(-scale * t for t in rep.residual), rep.value,
                         beta, scale, (), None, None, 0)
    doc = lasso_certificate(A, y, cand, "ep.prop-3.1", case.name,
                            f"w is optimal for (39): min beta ||w||_1 + 1/(2n) ||A_e w - y||^2, beta = {beta}")
    return ctx.certify(doc, "ep.prop-3.1", case.name, suffix, folder, about={"A": A, "y": y, "beta": beta})


def _rounded_optimum(A, y, w2, sol: LassoSolution):
    """The exact point nearest w2 (least-norm correction on w2's support) with the optimal fit,
    if it is optimal; and whether w2 is its binary64 rounding."""
    S = [j for j, t in enumerate(w2) if t]
    fit = [t + yi for t, yi in zip(sol.residual, y)]
    gap = [f - sum((A[i][j] * w2[j] for j in S), Fraction(0)) for i, f in enumerate(fit)]
    # solve min ||d||  s.t.  A_S d = gap  exactly: d = A_S^T z, (A_S A_S^T) z = gap
    M = fmpq_mat(len(y), len(S), [to_fmpq(A[i][j]) for i in range(len(y)) for j in S])
    z = (M * M.transpose()).solve(fmpq_mat(len(y), 1, [to_fmpq(t) for t in gap]))
    d = M.transpose() * z
    w = list(w2)
    for k, j in enumerate(S):
        w[j] += to_fraction(d[k, 0])
    optimal = kkt_report(A, y, sol.beta, sol.scale, w).optimal
    return tuple(w), optimal, all(Fraction(float(a)) == b for a, b in zip(w, w2))


def check_regularised_non_uniqueness(case: Case, ctx: Context) -> Draft:
    """Proposition 3.1, regularised case (39)-(40): audit every printed number, decide non-uniqueness."""
    p, y, n = case.printed, case.y, len(case.y)
    beta, scale = case.params["beta"], Fraction(1, n)
    A = [list(row) for row in Network.of_1d(p["u_star"], p["b_star"], tuple(0 * t for t in p["u_star"])).matrix(case.x)]
    res = Draft("ep.prop-3.1", case.name, ERROR, "exact", EP_39)
    res.printed.append(audit("A_e = (a u*^T + 1 b*^T)_+", p["A_e"], A))
    knots = [-b / u for u, b in zip(p["u_star"], p["b_star"])]
    res.printed.append(audit_check("(u*, b*)", (p["u_star"], p["b_star"]), all(abs(u) <= 1 for u in p["u_star"]),
                                   f"|u| <= 1; they generate A_e above; knots -b/u = {show(knots)}"
                                   + " (knots off the data: not all Lemma 2.6 extreme points)"
                                   * any(k not in case.x for k in knots)))
    sol = lasso(A, y, beta, scale)
    res.notes.append(f"(39) with the printed beta = {beta}: exact optimum value {sol.value}, w = {show(sol.weights)}; "
                     + ("unique" if sol.unique else "NOT unique"))
    path, ok, problems = _certify_39(A, y, beta, sol.weights, case, ctx, f"__beta{beta.denominator}")
    res.certificates.append(path)
    w1, w2 = p["w_1"], p["w_2"]
    r1 = kkt_report(A, y, beta, scale, w1)
    # the beta at which w_1's objective equals the printed value: beta ||w_1||_1 + loss(w_1) = value_1
    loss1 = r1.value - beta * sum(map(abs, w1), Fraction(0))
    beta_fit = (p["value_1"] - loss1) / sum(map(abs, w1), Fraction(0))
    res.notes.append(f"printed value_1 = {p['value_1']} equals w_1's objective only for beta = {beta_fit} "
                     f"(w_1's objective at beta = {beta} is {r1.value})")
    fit_sol = lasso(A, y, beta_fit, scale)
    res.notes.append(f"(39) with beta = {beta_fit}: exact optimum value {fit_sol.value}, w = {show(fit_sol.weights)}; "
                     + ("unique" if fit_sol.unique else "NOT unique"))
    for b_, s_ in ((beta, sol), (beta_fit, fit_sol)):
        for name, w in (("w_1", w1), ("w_2", w2)):
            rep = kkt_report(A, y, b_, scale, w)
            res.printed.append(audit_check(
                f"{name} satisfies (40) (= the KKT conditions derived here) with beta = {b_}", w, rep.optimal,
                f"objective {rep.value} vs optimum {s_.value} (difference {rep.value - s_.value}); "
                + ("all KKT conditions hold exactly" if rep.optimal else
                   f"{len(rep.violations)} violated, e.g. {rep.violations[0]}")))
    for key in ("value_1", "value_2"):
        res.printed.append(audit(f"{key} = optimal value of (39) at the printed beta = {beta}", p[key], sol.value))
    res.printed.append(audit(f"value_1 = optimal value of (39) at beta = {beta_fit}", p["value_1"], fit_sol.value))
    rep2 = kkt_report(A, y, beta_fit, scale, w2)
    res.printed.append(audit(f"value_2 = objective of w_2 at beta = {beta_fit}", p["value_2"], rep2.value))
    near, near_opt, rounds = _rounded_optimum(A, y, w2, fit_sol)
    res.notes.append(f"w_2 corrected exactly onto the optimal fit (least-norm, same support): {show(near)} is "
                     + ("optimal" if near_opt else "NOT optimal")
                     + ("; w_2 is exactly its binary64 rounding" if rounds else
                        "; w_2 is NOT its binary64 rounding"))
    # non-uniqueness, proved exactly by two certified optima at each beta where it holds
    distinct = False
    for b_, s_ in ((beta, sol), (beta_fit, fit_sol)):
        if s_.unique:
            continue
        certs = [_certify_39(A, y, b_, w, case, ctx, f"__beta{b_.denominator}__optimum{k + 1}")
                 for k, w in enumerate((s_.weights, s_.second[0]))]
        res.certificates += [c.path for c in certs]
        if all(c.ok for c in certs):
            distinct = True
            f1, f2 = (Network.of_1d(p["u_star"], p["b_star"], tuple(w)) for w in (s_.weights, s_.second[0]))
            res.notes.append(f"beta = {b_}: two distinct exact optima of (39), both certified: {show(s_.weights)} and "
                             f"{show(s_.second[0])}, value {s_.value}; as functions on R they are "
                             + ("the same" if f1.same_function(f2) else "different"))
        problems += [q for c in certs for q in c.problems]
    for b_ in (beta, beta_fit):
        path, good, _ = _certify_39(A, y, b_, w1, case, ctx, f"__printed_w1_beta{b_.denominator}", "audits")
        res.certificates.append(path)
        res.notes.append(f"printed w_1 as a certificate of (39) with beta = {b_}: checker "
                         + ("accepts" if good else "rejects"))
    res.value = f"{sol.value} (beta = {beta}); {fit_sol.value} (beta = {beta_fit})"
    res.verdict = PROVED if ok and distinct else (REFUTED if ok else ERROR)
    res.notes += [f"certificate rejected: {q}" for q in problems]
    return res
