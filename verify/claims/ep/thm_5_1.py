"""ep.thm-5.1 (covers ep.cor-5.1, ep.thm-5.2): hinge loss (18), its printed dual, the l1-SVM on extreme points.

Convention ep (18): f(a) = sum_j w_j (a u_j + b_j)_+, |u_j| <= 1, hidden bias free and unpenalised (Section
2's Theta), no output bias, objective sum_i max{0, 1 - y_i f(a_i)} + beta ||w||_1 (no 1/n), labels +-1.
Exact LPs of :mod:`exact.relu.hinge` for the infinite-width value and the paper's finite programs (kind
relu1d-hinge, ``equals``), Theorem 5.1's printed dual as an explicit LP (kind lp); rank-one data through
x = ||a|| c. Verdicts compare these certified values.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case
from exact.certificates.lp import beyond_limits, lp_certificate
from exact.certificates.relu1d_hinge import hinge_certificate
from exact.lp import LinearProgram, solve_lp
from exact.relu.dictionary import Atom
from exact.relu.hinge import Hinge1D, constant_as_neuron, hinge_objective, solve_hinge_1d
from exact.relu.networks import Network

from ...audit import audit, audit_check, show
from ...context import Certified, Context
from ...conventions import EP_18
from ...registry import claim
from ...report.figures import OPTIMAL, REFERENCE, function_1d, functions_figure
from ...requirements import Data, Labels, Needs, Parameter
from ...result import ERROR, PROVED, REFUTED, UNDECIDED, Draft
from ._shared import certify, named_cases, one_d_or_rank_one, points_of, sign
from .programs import printed_dual_51

BETA = Parameter("beta", "the weight decay of (18): beta ||w||_1 beside the hinge loss", Fraction(1, 10),
                 "ep (18), Section 5 (the paper fixes no value)")


def _certify(sol: Hinge1D, res: Draft, ctx: Context, about: dict) -> Certified:
    """The relu1d-hinge certificate of ``sol`` (``equals`` the value of (18) over the networks of its mode)."""
    suffix = "" if sol.mode == "infinite" else f"__{sol.mode}"
    return certify(hinge_certificate(sol, res.claim, res.case), res, ctx, suffix, sol.mode, about=about)


def _certify_printed_dual(x, y, beta: Fraction, mode: str, res: Draft, ctx: Context) -> Certified | None:
    """Theorem 5.1's printed dual over the neurons of ``mode`` as an LP min -v^T y (kind lp, ``equals``); None,
    with a note, when the LP is beyond the limits of kind lp (its ~6n rows are written dense)."""
    lp = printed_dual_51(x, y, beta, mode)
    if why := beyond_limits(lp):
        res.notes.append(f"Theorem 5.1's printed dual ({mode}) is not certified: {why}")
        return None
    doc = lp_certificate(lp, solve_lp(lp), res.claim, res.case, f"Theorem 5.1's printed dual, {mode}: "
                         "min -v^T y s.t. 0 <= y_i v_i <= 1, |v^T s| <= beta for every neuron s of the mode")
    return certify(doc, res, ctx, f"__printed_dual_{mode}", f"printed dual {mode}", about={"problem": lp})


def _interior_kink_weight(sol: Hinge1D) -> Fraction:
    """max over the optimal face of sum |w_j| over atoms with a knot strictly inside the data range."""
    lo, hi = min(sol.x), max(sol.x)
    inner = [j for j, a in enumerate(sol.atoms) if lo < a.knot < hi]
    obj = [Fraction(0)] * sol.lp.num_vars
    for j in inner:
        obj[2 * j] = obj[2 * j + 1] = Fraction(-1)
    face = LinearProgram(tuple(obj), A_eq=({j: v for j, v in enumerate(sol.lp.c) if v},), b_eq=(sol.value,),
                         A_ub=sol.lp.A_ub, b_ub=sol.lp.b_ub, free=sol.lp.free)
    return -solve_lp(face).value


def _audit_rank_one(case: Case, x, svm: Hinge1D, res: Draft) -> None:
    """Theorem 5.2's U*, b* built from A itself: features (A u_i* + b_i*)_+ vs the 1-D dictionary."""
    X, c, a, norm = res.data["rank_one"]
    feats = []
    for s in (1, -1):
        for ci in c:
            u = [s * t / norm for t in a]
            b = -s * ci * norm
            feats.append(tuple(max(Fraction(0), sum((p * q for p, q in zip(r, u)), Fraction(0)) + b) for r in X))
    oned = {tuple(at(xi, Fraction(0)) for xi in x) for at in [Atom(s, t) for s in (1, -1) for t in x]}
    res.printed.append(audit_check(
        "Theorem 5.2: (A U*^T + 1 b*^T)_+ with u_i* = s_i a/||a||, b_i* = -s_i c_i ||a||", "2n features",
        set(feats) == oned, f"the {len(feats)} features equal the 1-D atoms (s(x - x_k))_+ on x = ||a|| c: "
        f"{set(feats) == oned} (read as A U*: with U* in R^(d x 2n) as stated, A U*^T does not conform)"))
    cols = [{i: v for i, v in enumerate(f) if v} for f in feats]
    n = len(x)
    rows = [{2 * len(cols) + i: Fraction(-1)} for i in range(n)]
    for j, col in enumerate(cols):
        for i, g in col.items():
            rows[i][2 * j], rows[i][2 * j + 1] = -case.y[i] * g, case.y[i] * g
    lp = LinearProgram(tuple([svm.beta] * (2 * len(cols)) + [Fraction(1)] * n), A_ub=tuple(rows),
                       b_ub=(Fraction(-1),) * n)
    direct = solve_lp(lp).value
    res.printed.append(audit("l1-SVM on the printed features (d-dim data) = l1-SVM on the 1-D dictionary",
                             svm.value, direct))


@claim("ep.thm-5.1", "ep", "Theorems 5.1-5.2, Corollary 5.1 (Section 5) and the proof of Theorem 5.1 (A.5)",
       "hinge loss (18): printed dual, extreme points, l1-SVM on extreme-point features solves (18) (1-D, rank-one)",
       "exact", lambda: named_cases("ep-hinge-"),
       needs=Needs(Data.ANY, Labels.BINARY, (BETA,), condition=one_d_or_rank_one),
       covers=("ep.cor-5.1", "ep.thm-5.2"))
def check_hinge(case: Case, ctx: Context) -> Draft:
    """REFUTED when a certified value contradicts Theorem 5.1 (the printed dual's LP value differs from the
    certified primal value of its bias convention) or Theorem 5.2 (the certified l1-SVM value exceeds the
    certified infimum of (18)); PROVED when they agree and Corollary 5.1's tightness holds at the certified
    dual; UNDECIDED if it does not (that would contradict the certificates, not the corollary)."""
    beta = BETA.of(case)
    res = Draft("ep.thm-5.1", case.name, ERROR, "exact", EP_18)
    x, y = points_of(case, res), case.y
    sols = {m: solve_hinge_1d(x, y, beta, m) for m in ("infinite", "data-knots", "kernel", "no-bias")}
    sol, svm = sols["infinite"], sols["data-knots"]
    about = {"x": x, "y": y, "beta": beta}  # x is the case's, or ||a|| c for rank-one A = c a^T
    certs = {m: _certify(s, res, ctx, about) for m, s in sols.items()}
    duals = {m: _certify_printed_dual(x, y, beta, m, res, ctx) for m in ("no-bias", "infinite")}
    res.value = certs["infinite"].value
    res.data = {**res.data, "x": [str(t) for t in x], "y": [str(t) for t in y], "dual": [str(v) for v in sol.dual]}
    if not all(c.ok for c in res.checked):
        return res
    P = certs["infinite"].value
    res.figure(_figure(sol, svm, certs, beta, case.X is not None))
    res.notes.append(f"infinite-width value of (18): {P} (certified over all (u, b)); optimal constant "
                     f"{sol.constant}; " + ("attained by a finite network (certified)"
                                             if certs["infinite"].qualifier("attained") else
                                             "NOT attained: every optimum needs a constant, reached only in the "
                                             "limit of a bias -> oo"))
    dual_ok = _theorem_5_1(certs, duals, res)
    tight = _corollary_5_1(sol, x, beta, certs, res)
    thm52 = _theorem_5_2(sol, x, y, beta, certs, res)
    if dual_ok is None:  # not decided at this size: UNDECIDED unless Theorem 5.2 refutes
        res.verdict = REFUTED if not thm52 else UNDECIDED
        return res
    if case.X is not None:
        _audit_rank_one(case, x, svm, res)
    _figure_7_notes(x, y, svm, res)
    res.verdict = REFUTED if not (dual_ok and thm52) else PROVED if tight else UNDECIDED
    return res


def _figure(sol: Hinge1D, svm: Hinge1D, certs: dict[str, Certified], beta: Fraction, rank_one: bool) -> dict:
    """The certified optimum of (18) (a finite one when attained; else the LP's, its constant only a limit) and
    Theorem 5.2's certified l1-SVM optimum: a reference where its value exceeds (18)'s, else drawn only when it
    is another (18)-optimal function. The sign of a drawn function is its classifier."""
    weights, constant = sol.attained_by or (sol.weights, sol.constant)
    best = Network.from_atoms(sol.atoms, weights, constant)
    drawn = [function_1d("(18) optimum" if sol.attained else "(18) optimal function (its constant only a limit)",
                         best)]
    worse = certs["data-knots"].value != certs["infinite"].value
    if worse or not svm.network().same_function(best):
        drawn.append(function_1d("Theorem 5.2's l1-SVM optimum" + (" (not optimal for (18))" if worse else ""),
                                 svm.network(), REFERENCE if worse else OPTIMAL))
    return functions_figure(sol.x, sol.y, drawn, f"ep (18), hinge loss, beta = {beta}"
                            + (" (rank-one data on x = ||a|| c)" if rank_one else ""))


def _theorem_5_1(certs: dict[str, Certified], duals: dict[str, Certified | None], res: Draft) -> bool | None:
    """Theorem 5.1: the printed dual max v^T y s.t. 0 <= y_i v_i <= 1, v, -v in beta Q_A^o has the primal's
    value, in both bias conventions (certified LP value against the certified value of (18)); None when a
    printed dual is not certified (beyond the limits of kind lp) and none differs."""
    ok: bool | None = True
    for mode, where in (("no-bias", "(18) as printed, Q_A = {(a u)_+}"),
                        ("infinite", "free hidden bias, Q_A = {(a u + b)_+}, forcing 1^T v = 0")):
        checked = duals[mode]
        if checked is None:
            ok = None if ok else ok
            continue
        dual, primal = -checked.value, certs[mode].value
        ok = ok if dual == primal else False
        res.printed.append(audit_check(
            f"Theorem 5.1 dual max v^T y s.t. 0 <= y_i v_i <= 1, v, -v in beta Q_A^o [{where}]",
            "D* = P*", dual == primal,
            f"derived dual (lam in [0,1], v = y o lam, y in {{+-1}}) has the printed constraint set; "
            f"printed-dual LP value {dual}, primal value {primal} (both certified)"))
        if dual != primal:
            res.finding("Theorem 5.1", "the dual of (18) is max v^T y s.t. 0 <= y_i v_i <= 1, v, -v in beta Q_A^o",
                        f"[{where}] the printed dual's value {dual} differs from the value {primal} of (18) (both "
                        "certified)", checked.path, certs[mode].path)
    return ok


def _corollary_5_1(sol: Hinge1D, x, beta: Fraction, certs: dict[str, Certified], res: Draft) -> bool:
    """Corollary 5.1: the neurons of the certified optimum attain max |v*^T (a u + b)_+| = beta (complementary
    slackness, implied by the certificate's zero duality gap); its printed 1-D form and kernel variant audited."""
    used = [(a, w) for a, w in zip(sol.atoms, sol.attained_by[0] if sol.attained else sol.weights) if w]
    tight = all(sum((v * a(xi, Fraction(0)) for v, xi in zip(sol.dual, x)), Fraction(0)) == beta * sign(w)
                for a, w in used)
    res.printed.append(audit_check("Corollary 5.1: optimal neurons attain max |v*^T (a u + b)_+| (= beta)",
                                   "extreme points", tight, f"v*^T s_j = beta sign(w_j) at every used neuron: {tight}"))
    printed_b = all(-a.u * a.knot in x for a, _ in used)
    res.printed.append(audit_check(
        "Corollary 5.1, 1-D: u_j = +-1 and b_j = a_j for some j", "b_j = a_j", printed_b,
        "used neurons (u, b) = " + show([(a.u, -a.u * a.knot) for a, _ in used]) +
        "; the correct form is b_j = -u_j a_j (Corollary 1 of A.7: b = -sign(u) a_i)"))
    k, P = certs["kernel"].value, certs["infinite"].value
    res.printed.append(audit_check("Corollary 5.1: l1-SVM with the kernel K_ij = (a_i - a_j)_+ is equivalent",
                                   "equivalent", k == P, f"kernel SVM value {k}, (18) value {P} (both certified)"))
    return tight


def _theorem_5_2(sol: Hinge1D, x, y, beta: Fraction, certs: dict[str, Certified], res: Draft) -> bool:
    """Theorem 5.2: the l1-SVM (no intercept) on the 2n extreme-point features solves (18) iff its certified
    value equals the certified infimum of (18); otherwise a finite network does better (a finding)."""
    svm, P = certs["data-knots"].value, certs["infinite"].value
    holds = svm == P
    note = f"l1-SVM on (a u*^T + 1 b*^T)_+ (no intercept) has value {svm}, (18) has {P} (both certified)"
    if not holds:
        net = constant_as_neuron(sol, svm - P)
        cost = hinge_objective(net, x, y, beta)
        note += (f"; counterexample: the finite network {show(list(zip(net.u, net.b, net.w)))} (u, b, w) has "
                 f"objective {cost} < {svm}")
        res.finding("Theorem 5.2", "applying l1-norm SVM on (A U*^T + 1 b*^T)_+ finds the optimal solution to (18)",
                    f"the l1-SVM on the 2n extreme-point features has value {svm} > inf (18) = {P} (both certified): "
                    f"it misses the free constant; e.g. the finite network (u, b, w) = "
                    f"{show(list(zip(net.u, net.b, net.w)))} has objective {cost}",
                    certs["data-knots"].path, certs["infinite"].path)
    res.printed.append(audit_check("Theorem 5.2: the l1-SVM on the extreme-point features solves (18)",
                                   "solves (18)", holds, note))
    return holds


def _figure_7_notes(x, y, svm: Hinge1D, res: Draft) -> None:
    """The verbal claims under Theorem 5.2, on Theorem 5.2's own solution."""
    order = sorted(range(len(x)), key=lambda i: x[i])
    net = svm.network()
    changes = [(i, j) for i, j in zip(order, order[1:]) if y[i] != y[j]]
    if changes:
        through = all(net(x[i]) == y[i] and net(x[j]) == y[j] for i, j in changes)
        res.notes.append(f"sign changes at {show([(x[i], x[j]) for i, j in changes])}: the SVM fit passes through "
                         f"both samples of every change: {through}")
    else:
        inner = _interior_kink_weight(svm)
        res.notes.append("no sign change: " + ("no optimum of the l1-SVM has a kink strictly inside the data "
                                               "range (max interior |w| on the optimal face = 0)" if inner == 0 else
                                               f"some l1-SVM optimum kinks inside the data range (interior |w| up "
                                               f"to {inner})") + f"; the SVM fit is {show([net(t) for t in x])}")
