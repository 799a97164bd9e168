"""ep.prop-3.1: non-uniqueness of the optimum, the appendix counterexample with every printed number.

Equality case (36)-(38), convention ep (4): the certified optimum P* (kind relu1d-l1-interpolation), two
distinct optimal networks (two certificates, each ``equals P*``), an optimal network that is not a linear
spline with knots at the data (one certificate ``equals P*`` with the qualifier ``kinks_off_data``), and an
audit of every printed matrix, vector and value (printed duals checked against the whole semi-infinite
constraint). Regularised case (39)-(40): min beta ||w||_1 + 1/(2n) ||A_e w - y||^2 over the fixed 10 columns
A_e (no constant column), solved exactly by :func:`exact.lasso.lasso` (loss scale 1/n) and certified (kind
l1-ls-kkt), its KKT conditions (40) audited for the printed w_1, w_2 at the printed beta and at the beta the
printed value implies.
"""

from __future__ import annotations

from fractions import Fraction

from flint import fmpq_mat

from cases import Case, shipped_case
from exact.certificates.l1_ls_kkt import lasso_certificate
from exact.lasso import LassoSolution, kkt_report, lasso
from exact.lp.face import optimal_face
from exact.numbers import to_fmpq, to_fraction
from exact.relu.interpolation import Interpolation1D, interpolate_1d
from exact.relu.networks import Network

from ...audit import audit, audit_check, show
from ...context import Certified, Context
from ...conventions import EP_4, EP_37, EP_39
from ...registry import claim
from ...report.figures import function_1d, functions_figure
from ...requirements import Data, Needs, Parameter
from ...result import ERROR, PROVED, UNDECIDED, Draft, Labelled
from .._shared import data_of, interpolant_figure
from ._shared import certify, certify_interpolation


def _face_networks(sol: Interpolation1D, res: Draft) -> list[Network]:
    """Two optimal networks of (37) (data-knot atoms, no constant) when its optimum is not unique and has
    the value P* of (4); none otherwise (with the reason as a note)."""
    sol37 = sol.without_constant
    if sol37 is None or sol37.value != sol.value:
        res.notes.append("no finite network attains P* without a constant: non-uniqueness not examined")
        return []
    face = optimal_face(sol37.lp, sol37.result)
    if face.unique:
        res.notes.append("the optimum of (37) is unique (kernel of the active system is trivial)")
        return []
    N = len(sol.atoms)
    return [Network.from_atoms(sol.atoms, tuple(xs[2 * j] - xs[2 * j + 1] for j in range(N))) for xs in face.solutions]


def _distinct_optima(sol: Interpolation1D, P: Fraction, res: Draft, ctx: Context) -> bool:
    """Two distinct optimal networks of (4): two certificates whose certified values both equal P*, and
    what distinguishes them (the function, or only the weights)."""
    nets = _face_networks(sol, res)
    certs = [certify_interpolation(sol, res, ctx, f"__optimum{k + 1}", f"optimum {k + 1}", network=net)
             for k, net in enumerate(nets)]
    for k, net in enumerate(nets):
        res.notes.append(f"optimal network {k + 1} (certified value {certs[k].value}): " + ", ".join(
            f"{n.c} s(u={n.w[0]}, knot {n.knot()})" for n in net.neurons if n.c))
    if len(certs) < 2 or not all(c.value == P for c in certs) or nets[0].w == nets[1].w:
        return False
    t = nets[0].first_difference(nets[1])
    res.notes.append(f"the two optimal networks are different functions on R: at x = {t} they take {nets[0](t)} "
                     f"and {nets[1](t)}" if t is not None else
                     "the two optimal weight vectors give the same function: they differ in the weights of the "
                     "data-knot atoms, not on R")
    return True


def _merged_witnesses(case: Case, sol: Interpolation1D):
    """Candidate optimal networks off the data-knot spline (Proposition 3.1's second sentence).

    Two atoms of one direction at adjacent data points x_k < x_l with weights
    of one sign, w_k s(u(x - x_k)) + w_l s(u(x - x_l)), agree on every data
    point with (w_k + w_l) s(u(x - t)), t = (w_k x_k + w_l x_l)/(w_k + w_l),
    at the same cost; between x_k and x_l the two functions differ. Yields
    (description, network).
    """
    weights, constant = sol.attained_by
    pts = sorted(case.x)
    for a, wa in zip(sol.atoms, weights):
        for b, wb in zip(sol.atoms, weights):
            if a.u != b.u or not wa or wa * wb <= 0 or a.knot >= b.knot or pts.index(b.knot) != pts.index(a.knot) + 1:
                continue
            t = (wa * a.knot + wb * b.knot) / (wa + wb)
            keep = [(c, wc) for c, wc in zip(sol.atoms, weights) if wc and c not in (a, b)]
            yield (f"merge the u={a.u} atoms at {a.knot} and {b.knot} into weight {wa + wb} at knot {t}",
                   Network.of_1d(tuple(Fraction(c.u) for c, _ in keep) + (Fraction(a.u),),
                                 tuple(-c.u * c.knot for c, _ in keep) + (-a.u * t,),
                                 tuple(wc for _, wc in keep) + (wa + wb,), constant))
    p = case.printed
    if all(k in p for k in ("u_hat", "b_hat", "w_hat")):
        yield "the paper's (u_hat, b_hat, w_hat)", Network.of_1d(p["u_hat"], p["b_hat"], p["w_hat"])


def _non_spline_optimum(case: Case, sol: Interpolation1D, P: Fraction, res: Draft, ctx: Context) -> bool:
    """An optimal network that is not a linear spline with knots at the data, certified in one relation:
    ``equals P*`` (it is optimal) with ``kinks_off_data`` (its function kinks outside the data)."""
    if sol.attained_by is None:
        res.notes.append("P* is not attained, so no finite optimal network exists to modify")
        return False
    for what, net in _merged_witnesses(case, sol):
        if not (all(net(xi) == yi for xi, yi in zip(case.x, case.y)) and net.l1() == P):
            continue
        cert = certify_interpolation(sol, res, ctx, "__non_spline", "non-spline optimum", network=net)
        kinks = cert.qualifier("kinks_off_data")
        if cert.value == P and kinks:
            res.notes.append(f"non-spline optimum: {what}; certified optimal (value {cert.value}) with kinks off the "
                             f"data at {', '.join(kinks)}")
            return True
    res.notes.append("no optimal network off the data-knot spline was found")
    return False


def _audit_solution(case: Case, sol: Interpolation1D, P: Fraction, tag: str, res: Draft, ctx: Context) -> None:
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
    res.printed.append(audit_check(f"w{star}", w, fits and net.l1() == P,
                                   f"A w = y {'holds' if fits else 'FAILS'}; ||w||_1 = {net.l1()}, P* = {P}"))
    _audit_dual(sol, P, star, tuple(v), res, ctx)
    _audit_38(A, v, w, star, res)
    value_key = "value" if tag == "" else "value" + tag
    res.printed.append(audit(f"||w{star}||_1 = optimal value", p[value_key], P))


def _audit_dual(sol: Interpolation1D, P: Fraction, star: str, v: tuple, res: Draft, ctx: Context) -> None:
    """The printed dual against the whole semi-infinite constraint of (12), as an audit certificate
    (the optimum's network with the printed v): its rejection is a finding."""
    cert = certify_interpolation(sol, res, ctx, f"__printed_v{star}", f"printed v{star}", dual=v, folder="audits")
    res.printed.append(audit_check(
        f"v{star} (dual optimal for all (u, b), not only the printed columns)", v, cert.ok,
        "checker accepts: 1^T v = 0, |v^T (a u + b)_+| <= 1 for all |u| <= 1, b, v^T y = P*" if cert.ok
        else "checker rejects: " + "; ".join(cert.problems)))
    if not cert.ok:
        res.finding("proof of Proposition 3.1, equality case (37)-(38)",
                    f"solving (37) for this dataset yields v{star} = {show(v)} (a dual solution)",
                    f"v{star} is dual feasible only for the printed columns, not for (4): it violates the dual "
                    f"constraint of (12) at other neurons ({'; '.join(cert.problems)}); it certifies nothing about "
                    f"P* = {P} (its audit certificate is rejected)", cert.path)


def _audit_38(A, v, w, star: str, res: Draft) -> None:
    """(38) as printed: A_s^T v + sign(w_s) = 0 and ||A_{s^c}^T v||_oo <= 1."""
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


BETA = Parameter("beta", "the weight decay of the regularised case (39)", None,
                 "ep appendix, proof of Proposition 3.1, (39): beta = 0.1", note="without it: the equality case (37)",
                 optional=True)
PRINTED = ("A_e", "u_star", "b_star")  # the printed solution every variant audits


@claim("ep.prop-3.1", "ep", "Proposition 3.1 and its appendix proof, equality case (36)-(38)",
       "1-D optimum of (4) is not unique; every printed matrix, vector and value", "exact",
       lambda: [shipped_case("ep-prop-3.1-eq"), shipped_case("ep-prop-3.1-reg")],
       needs=Needs(Data.ONE_D, parameters=(BETA,), printed=PRINTED))
def check_non_uniqueness(case: Case, ctx: Context) -> Draft:
    """PROVED when the certified optimum P* has two distinct certified optima and a certified optimum with
    kinks off the data; UNDECIDED when the certificates are fine but either was not found."""
    if "beta" in case.params:  # the regularised case (39)-(40)
        return check_regularised_non_uniqueness(case, ctx)
    sol = interpolate_1d(case.x, case.y)
    res = Draft("ep.prop-3.1", case.name, ERROR, "exact", (EP_4, EP_37), data=data_of(sol))
    res.figure(interpolant_figure(sol, "ep (4): the minimum-norm interpolant"))
    cert = certify_interpolation(sol, res, ctx)
    if not cert.ok:
        return res
    P = res.value = cert.value
    res.notes.append(f"optimum P* = {P} proved (certificate checked)")
    distinct = _distinct_optima(sol, P, res, ctx)
    p = case.printed
    for tag in ("", "_hat"):
        if all(k in p for k in ("u_star" if tag == "" else "u_hat", "w_star" if tag == "" else "w_hat")):
            _audit_solution(case, sol, P, tag, res, ctx)
    non_spline = _non_spline_optimum(case, sol, P, res, ctx)
    res.verdict = PROVED if distinct and non_spline else UNDECIDED
    return res


def _certify_39(A, y, beta, w, case: Case, res: Draft, ctx: Context, suffix: str, what: str,
                folder: str = "certificates") -> Certified:
    """An l1-ls-kkt certificate for the (39) point w (an exact optimum, or a printed candidate): ``equals``
    the optimal value of (39) at ``beta`` when w is optimal."""
    scale = Fraction(1, len(y))
    rep = kkt_report(A, y, beta, scale, w)
    cand = LassoSolution(tuple(w), (), rep.residual, tuple(-scale * t for t in rep.residual), rep.value,
                         beta, scale, (), None, None, 0)
    doc = lasso_certificate(A, y, cand, res.claim, case.name,
                            f"w is optimal for (39): min beta ||w||_1 + 1/(2n) ||A_e w - y||^2, beta = {beta}")
    return certify(doc, res, ctx, suffix, what, folder=folder, about={"A": A, "y": y, "beta": beta})


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
    """Proposition 3.1, regularised case (39)-(40): audit every printed number; PROVED when at some beta
    two distinct optima carry l1-ls-kkt certificates with equal certified values, UNDECIDED when the
    optimum is unique at both betas examined."""
    p, y = case.printed, case.y
    beta = case.params["beta"]
    A = [list(row) for row in Network.of_1d(p["u_star"], p["b_star"], tuple(0 * t for t in p["u_star"])).matrix(case.x)]
    res = Draft("ep.prop-3.1", case.name, ERROR, "exact", EP_39)
    _audit_dictionary(case, A, res)
    beta_fit = _beta_of_printed_value(A, case, res)
    sols = {b_: lasso(A, y, b_, Fraction(1, len(y))) for b_ in (beta, beta_fit)}
    optima = {b_: _certify_39(A, y, b_, s.weights, case, res, ctx, f"__beta{b_.denominator}", f"(39), beta = {b_}")
              for b_, s in sols.items()}
    for b_, s in sols.items():
        res.notes.append(f"(39) with beta = {b_}: exact optimum value {optima[b_].value} (certified), w = "
                         f"{show(s.weights)}; " + ("unique" if s.unique else "NOT unique"))
    if all(c.ok for c in optima.values()):  # the certified optimum of (39) at each beta, over the printed (u*, b*)
        res.figure(functions_figure(case.x, y, [function_1d(f"(39) optimum, beta = {b_}", Network.of_1d(
            p["u_star"], p["b_star"], s.weights)) for b_, s in sols.items()], "ep (39) over the printed (u*, b*)"))
    _audit_printed_39(A, case, (beta, beta_fit), sols, res)
    _audit_w1(A, case, (beta, beta_fit), res, ctx)
    distinct = [b_ for b_, s in sols.items() if not s.unique and _second_optimum(A, case, b_, s, optima[b_], res, ctx)]
    res.value = Labelled(tuple((f"beta = {b_}", optima[b_].value) for b_ in sols))
    if all(c.ok for c in optima.values()):
        res.verdict = PROVED if distinct else UNDECIDED
    return res


def _audit_dictionary(case: Case, A, res: Draft) -> None:
    """The printed A_e against (a u*^T + 1 b*^T)_+, and the knots of (u*, b*)."""
    p = case.printed
    res.printed.append(audit("A_e = (a u*^T + 1 b*^T)_+", p["A_e"], A))
    knots = [-b / u for u, b in zip(p["u_star"], p["b_star"])]
    res.printed.append(audit_check("(u*, b*)", (p["u_star"], p["b_star"]), all(abs(u) <= 1 for u in p["u_star"]),
                                   f"|u| <= 1; they generate A_e above; knots -b/u = {show(knots)}"
                                   + " (knots off the data: not all Lemma 2.6 extreme points)"
                                   * any(k not in case.x for k in knots)))


def _beta_of_printed_value(A, case: Case, res: Draft) -> Fraction:
    """The beta at which w_1's objective equals the printed value: beta ||w_1||_1 + loss(w_1) = value_1."""
    p, beta = case.printed, case.params["beta"]
    w1 = p["w_1"]
    r1 = kkt_report(A, case.y, beta, Fraction(1, len(case.y)), w1)
    l1 = sum(map(abs, w1), Fraction(0))
    beta_fit = (p["value_1"] - (r1.value - beta * l1)) / l1
    res.notes.append(f"printed value_1 = {p['value_1']} equals w_1's objective only for beta = {beta_fit} "
                     f"(w_1's objective at beta = {beta} is {r1.value})")
    return beta_fit


def _audit_printed_39(A, case: Case, betas: tuple[Fraction, Fraction], sols: dict[Fraction, LassoSolution],
                      res: Draft) -> None:
    """The printed w_1, w_2 against the KKT conditions (40), and the printed values, at the printed beta and
    at the beta of the printed value."""
    p, y, scale = case.printed, case.y, Fraction(1, len(case.y))
    beta, beta_fit = betas
    for b_, s_ in sols.items():
        for name in ("w_1", "w_2"):
            rep = kkt_report(A, y, b_, scale, p[name])
            res.printed.append(audit_check(
                f"{name} satisfies (40) (= the KKT conditions derived here) with beta = {b_}", p[name], rep.optimal,
                f"objective {rep.value} vs optimum {s_.value} (difference {rep.value - s_.value}); "
                + ("all KKT conditions hold exactly" if rep.optimal else
                   f"{len(rep.violations)} violated, e.g. {rep.violations[0]}")))
    for key in ("value_1", "value_2"):
        res.printed.append(audit(f"{key} = optimal value of (39) at the printed beta = {beta}", p[key],
                                 sols[beta].value))
    res.printed.append(audit(f"value_1 = optimal value of (39) at beta = {beta_fit}", p["value_1"],
                             sols[beta_fit].value))
    rep2 = kkt_report(A, y, beta_fit, scale, p["w_2"])
    res.printed.append(audit(f"value_2 = objective of w_2 at beta = {beta_fit}", p["value_2"], rep2.value))
    near, near_opt, rounds = _rounded_optimum(A, y, p["w_2"], sols[beta_fit])
    res.notes.append(f"w_2 corrected exactly onto the optimal fit (least-norm, same support): {show(near)} is "
                     + ("optimal" if near_opt else "NOT optimal")
                     + ("; w_2 is exactly its binary64 rounding" if rounds else
                        "; w_2 is NOT its binary64 rounding"))


def _audit_w1(A, case: Case, betas: tuple[Fraction, Fraction], res: Draft, ctx: Context) -> None:
    """The printed w_1 as an audit certificate of (39) at the printed beta and at the beta of the printed
    value; rejected at the first and accepted at the second, it is a finding about the printed beta."""
    w1 = case.printed["w_1"]
    audits = [_certify_39(A, case.y, b_, w1, case, res, ctx, f"__printed_w1_beta{b_.denominator}",
                          f"printed w_1, beta = {b_}", "audits") for b_ in betas]
    for b_, c in zip(betas, audits):
        res.notes.append(f"printed w_1 as a certificate of (39) with beta = {b_}: checker "
                         + ("accepts" if c.ok else "rejects"))
    (beta, beta_fit), (at_printed, at_fit) = betas, audits
    if not at_printed.ok and at_fit.ok:
        res.finding("proof of Proposition 3.1, regularised case (39)-(40)",
                    f"for this dataset with beta = {beta}, the optimal value of (39) can be achieved by w_1 "
                    f"(objective {case.printed['value_1']}) and w_2",
                    f"w_1 is not optimal for (39) at the printed beta = {beta} (its audit certificate is rejected) "
                    f"but is at beta = {beta_fit} (accepted, value {at_fit.value}): the printed numbers "
                    f"belong to beta = {beta_fit}", at_printed.path, at_fit.path)


def _second_optimum(A, case: Case, beta: Fraction, sol: LassoSolution, first: Certified, res: Draft,
                    ctx: Context) -> bool:
    """A second exact optimum of (39) at ``beta``, certified: two certificates with equal certified values and
    different weights; whether they also differ as functions on R is noted."""
    w2 = sol.second[0]
    second = _certify_39(A, case.y, beta, w2, case, res, ctx, f"__beta{beta.denominator}__optimum2",
                         f"(39), beta = {beta}, second optimum")
    if not (first.ok and second.ok and first.value == second.value):
        return False
    p = case.printed
    f1, f2 = (Network.of_1d(p["u_star"], p["b_star"], tuple(w)) for w in (sol.weights, w2))
    t = f1.first_difference(f2)
    res.notes.append(f"beta = {beta}: two distinct exact optima of (39), both certified with value {first.value}: "
                     f"{show(sol.weights)} and {show(w2)}; as functions on R they are "
                     + ("the same" if t is None else f"different (at x = {t}: {f1(t)} and {f2(t)})"))
    return True
