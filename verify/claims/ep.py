"""Ergen & Pilanci (seed 001): 1-D strong duality and the Proposition 3.1 counterexample.

Convention (ep (4), main text Section 2): f(a) = sum_j w_j (a u_j + b_j)_+,
ReLU, hidden biases free and unpenalised, **no output bias**, |u_j| <= 1,
cost ||w||_1 (Lemmas 2.1-2.2). The infinite-width value P* is computed by
:func:`exact.interpolation.interpolate_1d`, whose docstring explains why a
free constant column appears (a constant costs nothing in the limit of a
huge bias) and when P* is attained.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from cases import Case, random_1d_cases, shipped_case, shipped_cases
from exact.certificate import interpolation_certificate, lp_certificate
from exact.dictionary import Network1D, relu_atoms
from exact.face import optimal_face
from exact.interpolation import Interpolation1D, interpolate_1d
from exact.l1 import l1_program
from exact.lp import solve_lp

from ..audit import audit, audit_check, show
from ..conventions import EP_4, EP_37
from ..registry import Context, claim
from ..result import ERROR, PROVED, REFUTED, CheckResult

GENERATED = 20


def one_d_cases() -> list[Case]:
    """Every shipped 1-D case and GENERATED seeded random ones."""
    return [c for c in shipped_cases() if c.is_1d] + random_1d_cases(GENERATED)


def certify_interpolation(sol: Interpolation1D, claim_id: str, case: str, ctx: Context,
                          suffix: str = "") -> tuple[str, bool, list[str]]:
    return ctx.certify(interpolation_certificate(sol, claim_id, case), claim_id, case, suffix)


def original_lp_37(x, y):
    """ep (37) in the data's own coordinates: min ||w||_1 s.t. A_e w = y (for the lp certificate)."""
    atoms = relu_atoms(x)
    cols = [{i: v for i, xi in enumerate(x) if (v := a(xi, Fraction(0)))} for a in atoms]
    return l1_program(cols, y)


def data_of(sol: Interpolation1D) -> dict:
    weights, constant = sol.attained_by or (sol.weights, sol.constant)
    return {
        "x": [str(v) for v in sol.x],
        "y": [str(v) for v in sol.y],
        "network": [{"u": a.u, "knot": str(a.knot), "weight": str(w)}
                    for a, w in zip(sol.atoms, weights) if w],
        "constant": str(constant),
        "dual": [str(v) for v in sol.dual],
    }


@claim("ep.thm-3.3", "ep", "Theorem 3.3 with Corollaries 3.2-3.3 (Section 3.1.1-3.2)",
       "1-D data: strong duality P* = D* for (4) and its dual (12)", "exact",
       one_d_cases, covers=("ep.thm-3.1", "ep.thm-3.2", "ep.cor-3.3"))
def check_strong_duality(case: Case, ctx: Context) -> CheckResult:
    sol = interpolate_1d(case.x, case.y)
    res = CheckResult("ep.thm-3.3", case.name, ERROR, "exact", EP_4.describe(), value=str(sol.value),
                      data=data_of(sol))
    path, ok, problems = certify_interpolation(sol, res.claim, case.name, ctx)
    res.certificates.append(path)
    res.notes.append(f"P* = D* = {sol.value} (infimum over networks of any width; dual v = {show(sol.dual)})")
    res.notes.append("P* is attained by a finite network" if sol.attained else
                     "P* is NOT attained: every optimum needs a constant, which (4) has no output bias "
                     "to pay for; it is reached only in the limit of a neuron with bias -> oo")
    if sol.value_without_constant is None:
        res.notes.append("ep (37) (no constant column) is infeasible on this data")
    elif sol.value_without_constant != sol.value:
        res.notes.append(f"FINDING: ep (37) without a constant column has value {sol.value_without_constant} "
                         f"> P* = {sol.value}: (37) is not a reformulation of (4) on this data")
        lp37 = original_lp_37(case.x, case.y)
        cert37 = lp_certificate(lp37, solve_lp(lp37), res.claim, case.name,
                                "ep (37): min ||w||_1 s.t. A_e w = y over the extreme-point dictionary")
        p37, ok37, prob37 = ctx.certify(cert37, res.claim, case.name, "__eq37")
        res.certificates.append(p37)
        ok, problems = ok and ok37, problems + prob37
    res.verdict = PROVED if ok else ERROR
    res.notes += [f"certificate rejected: {p}" for p in problems]
    return res


def _distinct_optima(case: Case, sol: Interpolation1D, ctx: Context, res: CheckResult) -> bool:
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
        nets.append(Network1D.from_atoms(atoms, w))
        res.notes.append(f"optimal network {k + 1}: " + ", ".join(
            f"{wj} s(u={a.u}, knot {a.knot})" for a, wj in zip(atoms, w) if wj))
    different = not nets[0].same_function(nets[1])
    res.notes.append("the two optimal networks are different functions on R" if different else
                     "the two optimal weight vectors give the same function")
    return ok


def _non_spline_optimum(case: Case, sol: Interpolation1D, res: CheckResult) -> bool:
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
    net = Network1D.from_atoms(sol.atoms, weights, constant)
    for a, wa in zip(sol.atoms, weights):
        for b, wb in zip(sol.atoms, weights):
            if a.u != b.u or not wa or wa * wb <= 0 or a.knot >= b.knot:
                continue
            if pts.index(b.knot) != pts.index(a.knot) + 1:
                continue
            t = (wa * a.knot + wb * b.knot) / (wa + wb)
            keep = [(c, wc) for c, wc in zip(sol.atoms, weights) if wc and c not in (a, b)]
            merged = Network1D(tuple(Fraction(c.u) for c, _ in keep) + (Fraction(a.u),),
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
        hat = Network1D(p["u_hat"], p["b_hat"], p["w_hat"])
        fits = all(hat(xi) == yi for xi, yi in zip(case.x, case.y))
        if fits and sum((abs(w) for w in hat.w), Fraction(0)) == sol.value and \
                any(-bi / ui not in case.x for ui, bi in zip(hat.u, hat.b)) and not hat.same_function(net):
            res.notes.append("non-spline optimum: the paper's (u_hat, b_hat, w_hat), re-checked exactly")
            return True
    res.notes.append("no optimal network off the data-knot spline was found")
    return False


def _audit_solution(case: Case, sol: Interpolation1D, tag: str, res: CheckResult, ctx: Context) -> None:
    """Audit printed A, u, b, v, w, value for one printed solution (tag '' or '_hat')."""
    p = case.printed
    star = "_star" if tag == "" else tag
    A_key = "A_e" if tag == "" else "A" + tag
    u, b, v, w = p["u" + star], p["b" + star], p["v" + star], p["w" + star]
    net = Network1D(u, b, w)
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
def check_non_uniqueness(case: Case, ctx: Context) -> CheckResult:
    if "beta" in case.params:  # the regularised case (39)-(40); imported here to avoid an import cycle
        from .ep_regularised import check_regularised_non_uniqueness
        return check_regularised_non_uniqueness(case, ctx)
    sol = interpolate_1d(case.x, case.y)
    res = CheckResult("ep.prop-3.1", case.name, ERROR, "exact", EP_4.describe() + " | audit: " + EP_37.describe(),
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
