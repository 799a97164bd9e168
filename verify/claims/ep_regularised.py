"""Ergen & Pilanci (seed 001): the regularised problems (16), (17)-regularised and (39), exactly.

Conventions (read from the paper):

* (16), Theorem 4.1: min 1/2 ||f(A) - y||^2 + beta ||w||_1 with ||u_j||_2 <= 1, f = (A U + 1 b^T)_+ w,
  "a regularized version of (4)", so theta ranges over Theta of Section 2: hidden biases free and
  unpenalised, no output bias (the display writes (A U)_+ w, dropping the bias as (4) does).
  Dual (Theorem 4.1): max -1/2||v - y||^2 + 1/2||y||^2 s.t. |v^T (A u + b 1)_+| <= beta for all
  ||u|| <= 1, b; b -> +oo with u = 0 forces 1^T v = 0.
* In 1-D the reduction of :mod:`exact.interpolation` carries over: a neuron with |u| < 1 is
  dominated, a knot between data points is a convex combination of data-knot atoms, a knot beyond
  the data is an end atom plus a constant, and a constant costs nothing in the limit b -> oo. So
  inf (16) = min over the 2n-2 data-knot atoms *plus a free constant column* of
  beta ||w||_1 + 1/2 ||A w + c 1 - y||^2. The certificate (kind l1-ls-kkt with a relu1d block)
  checks the dual over the whole semi-infinite constraint, proving the infinite-width value.
  Corollary 4.1's regularised (17) over U* = the data-knot extreme points has no constant column;
  its value is reported too and compared.
* Rank one, A = c a^T: a^T u ranges over [-|a|, |a|] for ||u|| <= 1, so (16) for A is the 1-D
  problem with x = |a| c and |u| <= 1 (exact when |a| is rational).
* (39), proof of Proposition 3.1: min beta ||w||_1 + 1/(2n) ||A_e w - y||^2 over the fixed 10
  columns A_e, no constant column; its KKT conditions (40) are exactly those of
  :mod:`exact.lasso` with loss scale 1/n (no sign or factor difference).
"""

from __future__ import annotations

from fractions import Fraction

from flint import fmpq_mat

from cases import Case
from exact.dictionary import Network1D, factor_rank_one, relu_atoms
from exact.interpolation import interpolate_1d
from exact.rational import rational_sqrt, to_fmpq, to_fraction
from exact.lasso import LassoSolution, kkt_report, lasso, lasso_certificate

from ..audit import audit, audit_check, show
from ..conventions import EP_16, EP_39
from ..registry import Context, claim
from ..result import ERROR, PROVED, REFUTED, CheckResult
from .ep import one_d_cases

DEFAULT_BETA = Fraction(1, 10)


def rank_one_factor(X) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...], Fraction]:
    """(c, a, |a|) with X = c a^T, a the first nonzero row; ValueError unless rank one with rational |a|.

    >>> F = Fraction
    >>> rank_one_factor([[F(3), F(4)], [F(-6), F(-8)]])
    ((Fraction(1, 1), Fraction(-2, 1)), (Fraction(3, 1), Fraction(4, 1)), Fraction(5, 1))
    """
    try:
        c, a = factor_rank_one(X)
    except ValueError:
        raise ValueError("X is not rank one: the reduction of (16) to 1-D needs X = c a^T") from None
    aa = sum((t * t for t in a), Fraction(0))
    norm = rational_sqrt(aa)
    if norm is None:
        raise ValueError(f"||a||^2 = {aa} is not a rational square; choose a with a rational norm")
    return c, tuple(a), norm


def rank_one_cases() -> list[Case]:
    """Three rank-one instances X = c a^T with Pythagorean a (norms 5, 3, 1)."""
    specs = [("rank-one-34", (-2, -1, 0, 1, 2), (3, 4), (1, -1, 1, 1, -1), Fraction(1, 10)),
             ("rank-one-122", (0, Fraction(1, 2), 1, Fraction(3, 2), 3), (1, 2, 2), (0, 1, 0, 2, 1), Fraction(1, 2)),
             ("rank-one-236", (-1, 0, 2, 5), (Fraction(2, 7), Fraction(3, 7), Fraction(6, 7)), (1, 0, 1, -1),
              Fraction(1, 20))]
    return [Case(name, "built in verify.claims.ep_regularised (rank-one A = c a^T)", None, None,
                 tuple(tuple(Fraction(ci) * Fraction(aj) for aj in a) for ci in c), tuple(map(Fraction, y)),
                 {"beta": beta}) for name, c, a, y, beta in specs]


def regularised_cases() -> list[Case]:
    return one_d_cases() + rank_one_cases()


def _dictionary(x):
    """The 2n-2 data-knot ReLU atoms: their matrix on x and their (u, b)."""
    atoms = relu_atoms(x)
    A = [[a(xi, Fraction(0)) for a in atoms] for xi in x]
    return atoms, A, [(a.u, -a.u * a.knot) for a in atoms]


@claim("ep.thm-4.1", "ep", "Theorem 4.1, Remark 4.1, Corollary 4.1 (Section 4)",
       "regularised (16): strong duality with the dual of Theorem 4.1; l1 reformulation (17) over the extreme points",
       "exact", regularised_cases, needs_1d=False, covers=("ep.cor-4.1",))
def check_regularised_duality(case: Case, ctx: Context) -> CheckResult:
    beta = case.params.get("beta", DEFAULT_BETA)
    ro = None
    if case.x is not None:
        x = case.x
    else:
        c, a, norm = rank_one_factor(case.X)
        x = tuple(norm * ci for ci in c)
        ro = {"c": c, "a": a, "norm": norm}
    atoms, A, neurons = _dictionary(x)
    ones = [Fraction(1)] * len(x)
    sol = lasso(A, case.y, beta, Fraction(1), [ones], decide_uniqueness=False)
    res = CheckResult("ep.thm-4.1", case.name, ERROR, "exact", EP_16.describe() + f"; beta = {beta}",
                      value=str(sol.value))
    relu1d = {"x": x, "alpha": 0, "neurons": neurons} | ({"rank_one": ro} if ro else {})
    doc = lasso_certificate(A, case.y, sol, res.claim, case.name,
                            "inf over networks of any width of (16) = value; v = y - f is feasible for the dual of "
                            "Theorem 4.1 over every (u, b)", [ones], relu1d)
    path, ok, problems = ctx.certify(doc, res.claim, case.name)
    res.certificates.append(path)
    fit = tuple(t + yi for t, yi in zip(sol.residual, case.y))
    net = ", ".join(f"{w} s(u={a.u}, knot {a.knot})" for a, w in zip(atoms, sol.weights) if w)
    res.notes.append(f"(16) = D = {sol.value} exactly (1-D data x = {show(x)}"
                     + (f" = |a| c with |a| = {ro['norm']}" if ro else "") + f"); optimum {net or '0'}"
                     f" + constant {sol.free[0]}; dual v = {show(sol.dual)}")
    attained = interpolate_1d(x, fit).attained
    res.notes.append("the infimum of (16) is attained by a finite network" if attained else
                     "the infimum of (16) is NOT attained: every optimum needs a constant that only a neuron "
                     "with bias -> oo provides")
    sol17 = lasso(A, case.y, beta, Fraction(1), decide_uniqueness=False)
    if sol17.value == sol.value:
        res.notes.append(f"Corollary 4.1's regularised (17) over the {len(atoms)} data-knot extreme points "
                         f"(no constant column) has the same value {sol17.value}")
    else:
        res.notes.append(f"FINDING: Corollary 4.1's regularised (17) over the {len(atoms)} data-knot extreme points "
                         f"(no constant column) has value {sol17.value} > (16) = {sol.value}: without the free "
                         "constant (a limit of extreme points with b -> oo) it is not a reformulation of (16)")
    res.data = {"x": [str(t) for t in x], "y": [str(t) for t in case.y], "constant": str(sol.free[0]),
                "network": [{"u": a.u, "knot": str(a.knot), "weight": str(w)}
                            for a, w in zip(atoms, sol.weights) if w], "dual": [str(t) for t in sol.dual]}
    res.verdict = PROVED if ok else ERROR
    res.notes += [f"certificate rejected: {p}" for p in problems]
    return res


def _certify_39(A, y, beta, w, case: Case, ctx: Context, suffix: str, folder: str = "certificates"):
    """An l1-ls-kkt certificate for the (39) point w (an exact optimum, or a printed candidate)."""
    scale = Fraction(1, len(y))
    rep = kkt_report(A, y, beta, scale, w)
    cand = LassoSolution(tuple(w), (), rep.residual, tuple(-scale * t for t in rep.residual), rep.value,
                         beta, scale, (), None, None, 0)
    doc = lasso_certificate(A, y, cand, "ep.prop-3.1", case.name,
                            f"w is optimal for (39): min beta ||w||_1 + 1/(2n) ||A_e w - y||^2, beta = {beta}")
    return ctx.certify(doc, "ep.prop-3.1", case.name, suffix, folder)


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


def check_regularised_non_uniqueness(case: Case, ctx: Context) -> CheckResult:
    """Proposition 3.1, regularised case (39)-(40): audit every printed number, decide non-uniqueness."""
    p, y, n = case.printed, case.y, len(case.y)
    beta, scale = case.params["beta"], Fraction(1, n)
    A = [list(row) for row in Network1D(p["u_star"], p["b_star"], tuple(0 * t for t in p["u_star"])).matrix(case.x)]
    res = CheckResult("ep.prop-3.1", case.name, ERROR, "exact", EP_39.describe())
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
        res.certificates += [c[0] for c in certs]
        if all(c[1] for c in certs):
            distinct = True
            f1, f2 = (Network1D(p["u_star"], p["b_star"], tuple(w)) for w in (s_.weights, s_.second[0]))
            res.notes.append(f"beta = {b_}: two distinct exact optima of (39), both certified: {show(s_.weights)} and "
                             f"{show(s_.second[0])}, value {s_.value}; as functions on R they are "
                             + ("the same" if f1.same_function(f2) else "different"))
        problems += [q for c in certs for q in c[2]]
    for b_ in (beta, beta_fit):
        path, good, _ = _certify_39(A, y, b_, w1, case, ctx, f"__printed_w1_beta{b_.denominator}", "audits")
        res.certificates.append(path)
        res.notes.append(f"printed w_1 as a certificate of (39) with beta = {b_}: checker "
                         + ("accepts" if good else "rejects"))
    res.value = f"{sol.value} (beta = {beta}); {fit_sol.value} (beta = {beta_fit})"
    res.verdict = PROVED if ok and distinct else (REFUTED if ok else ERROR)
    res.notes += [f"certificate rejected: {q}" for q in problems]
    return res

