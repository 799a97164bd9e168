"""Ergen & Pilanci (seed 001): hinge loss (Section 5) and vector outputs (appendix A.7).

ep.thm-5.1 (covers ep.cor-5.1, ep.thm-5.2). Convention (ep (18)): f(a) =
sum_j w_j (a u_j + b_j)_+, ReLU, |u_j| <= 1, hidden bias free and
unpenalised (Section 2's Theta; (18) is printed without it, Corollary 5.1 and
Theorem 5.2 use it), no output bias, objective sum_i max{0, 1 - y_i f(a_i)} +
beta ||w||_1 (no 1/n, beta on ||w||_1 only), labels +-1. Exact LPs of
:mod:`exact.hinge`: the infinite-width value (free constant column: a
constant costs nothing in the limit), Theorem 5.2's l1-SVM on the 2n
extreme-point features (no constant), Corollary 5.1's kernel K_ij = (a_i -
a_j)_+, and (18) literally without hidden bias (the setting of the printed
Q_A). Rank-one data A = c a^T with rational ||a|| is 1-D data ||a|| c.

ep.vector-output (A.7). Outputs Y = one-hot encoding of the case's labels
(columns in increasing label order; 2 one-hot - 1 with the parameter
signed_codes = "1"), problem (48) with free hidden biases and
no output bias. The l1 version of A.7.3 separates into one problem (4) per
output: exact. The group-norm version (48) and Theorem 1's finite program
are SOCPs: solved in float (cvxpy + Clarabel) and certified as exact
rational brackets (kind relu1d-group-bracket).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from cases import Case, shipped_cases
from exact.certificate import certificate_header, interpolation_certificate
from exact.dictionary import Atom, factor_rank_one, rank_one_to_1d, relu_atoms
from exact.hinge import (Hinge1D, constant_as_neuron, hinge_certificate, hinge_objective,
                         printed_dual_51, solve_hinge_1d)
from exact.interpolation import interpolate_1d
from exact.lp import LinearProgram, solve_lp
from exact.rational import rational_sqrt

from ..audit import audit, audit_check, show
from ..conventions import EP_18, EP_48
from ..numeric import Bracket, restore_equality, solve, sqrt_bounds
from ..registry import Context, claim
from ..result import CONFIRMED, ERROR, PROVED, REFUTED, CheckResult

DEFAULT_BETA = Fraction(1, 10)


def _cases(prefix: str):
    return lambda: [c for c in shipped_cases() if c.name.startswith(prefix)]


def points_of(case: Case, res: CheckResult) -> tuple[Fraction, ...]:
    """1-D inputs; rank-one X = c a^T becomes x = ||a|| c (ep Corollary 3.4), ||a|| rational."""
    if case.x is not None:
        return case.x
    X = case.X
    try:
        c, a = factor_rank_one(X)
    except ValueError as exc:
        raise ValueError(f"{case.name}: {exc}; the claim needs 1-D or rank-one data") from None
    red = rank_one_to_1d(c, a)
    norm = rational_sqrt(red.norm_sq)
    if norm is None:
        raise ValueError(f"{case.name}: ||a||^2 = {red.norm_sq} is not a rational square")
    res.notes.append(f"rank-one data A = c a^T, a = {show(a)}, ||a|| = {norm}, c = {show(c)}: "
                     f"neurons (A u + b)_+ with ||u|| <= 1 are the 1-D neurons on x = ||a|| c")
    res.data["rank_one"] = (X, tuple(c), tuple(a), norm)
    return tuple(norm * ci for ci in red.x)


# ---------------------------------------------------------------- hinge (Section 5)

def _certify(sol: Hinge1D, res: CheckResult, ctx: Context, suffix: str) -> bool:
    path, ok, problems = ctx.certify(hinge_certificate(sol, res.claim, res.case), res.claim, res.case, suffix)
    res.certificates.append(path)
    res.notes += [f"certificate {suffix or 'main'} rejected: {p}" for p in problems]
    return ok


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


def _audit_rank_one(case: Case, x, svm: Hinge1D, res: CheckResult) -> None:
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
       "exact", _cases("ep-hinge-"), needs_1d=False, covers=("ep.cor-5.1", "ep.thm-5.2"))
def check_hinge(case: Case, ctx: Context) -> CheckResult:
    beta = case.params.get("beta", DEFAULT_BETA)
    res = CheckResult("ep.thm-5.1", case.name, ERROR, "exact", EP_18.describe() + f"; beta = {beta}")
    x, y = points_of(case, res), case.y
    sols = {m: solve_hinge_1d(x, y, beta, m) for m in ("infinite", "data-knots", "kernel", "no-bias")}
    sol, svm = sols["infinite"], sols["data-knots"]
    ok = all(_certify(s, res, ctx, "" if m == "infinite" else f"__{m}") for m, s in sols.items())
    res.value = str(sol.value)
    res.data = {**res.data, "x": [str(t) for t in x], "y": [str(t) for t in y], "dual": [str(v) for v in sol.dual]}
    res.notes.append(f"infinite-width value of (18): {sol.value} (certified over all (u, b)); optimal constant "
                     f"{sol.constant}; " + ("attained by a finite network" if sol.attained else
                                             "NOT attained: every optimum needs a constant, reached only in the "
                                             "limit of a bias -> oo"))
    # Theorem 5.1: the printed dual, in both bias conventions
    for mode, where in (("no-bias", "(18) as printed, Q_A = {(a u)_+}"),
                        ("infinite", "free hidden bias, Q_A = {(a u + b)_+}, forcing 1^T v = 0")):
        dual = -printed_dual_51(x, y, beta, mode).value
        res.printed.append(audit_check(
            f"Theorem 5.1 dual max v^T y s.t. 0 <= y_i v_i <= 1, v, -v in beta Q_A^o [{where}]",
            "D* = P*", dual == sols[mode].value,
            f"derived dual (lam in [0,1], v = y o lam, y in {{+-1}}) has the printed constraint set; "
            f"printed-dual LP value {dual}, primal value {sols[mode].value}"))
    # Corollary 5.1: optimal neurons are extreme points along v*
    used = [(a, w) for a, w in zip(sol.atoms, sol.attained_by[0] if sol.attained else sol.weights) if w]
    tight = all(sum((v * a(xi, Fraction(0)) for v, xi in zip(sol.dual, x)), Fraction(0)) == beta * (1 if w > 0 else -1)
                for a, w in used)
    res.printed.append(audit_check("Corollary 5.1: optimal neurons attain max |v*^T (a u + b)_+| (= beta)",
                                   "extreme points", tight, f"v*^T s_j = beta sign(w_j) at every used neuron: {tight}"))
    printed_b = all(-a.u * a.knot in x for a, _ in used)
    res.printed.append(audit_check(
        "Corollary 5.1, 1-D: u_j = +-1 and b_j = a_j for some j", "b_j = a_j", printed_b,
        "used neurons (u, b) = " + show([(a.u, -a.u * a.knot) for a, _ in used]) +
        "; the correct form is b_j = -u_j a_j (Corollary 1 of A.7: b = -sign(u) a_i)"))
    k = sols["kernel"].value
    res.printed.append(audit_check("Corollary 5.1: l1-SVM with the kernel K_ij = (a_i - a_j)_+ is equivalent",
                                   "equivalent", k == sol.value, f"kernel SVM value {k}, (18) value {sol.value}"))
    # Theorem 5.2: l1-SVM (no intercept) on the 2n extreme-point features
    thm52 = svm.value == sol.value
    note = f"l1-SVM on (a u*^T + 1 b*^T)_+ (no intercept) has value {svm.value}, (18) has {sol.value}"
    if not thm52:
        net = constant_as_neuron(sol, svm.value - sol.value)
        cost = hinge_objective(net, x, y, beta)
        note += (f"; counterexample: the finite network {show(list(zip(net.u, net.b, net.w)))} (u, b, w) has "
                 f"objective {cost} < {svm.value}")
    res.printed.append(audit_check("Theorem 5.2: the l1-SVM on the extreme-point features solves (18)",
                                   "solves (18)", thm52, note))
    if case.X is not None:
        _audit_rank_one(case, x, svm, res)
    _figure_7_notes(x, y, svm, res)
    if not ok:
        return res
    res.verdict = PROVED if thm52 and tight and res.printed[0].status == res.printed[1].status == "MATCH" else REFUTED
    return res


def _figure_7_notes(x, y, svm: Hinge1D, res: CheckResult) -> None:
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


# ---------------------------------------------------------------- vector outputs (A.7)

def one_hot(y, signed: bool = False) -> list[list[Fraction]]:
    """Y_ik = [y_i = k-th label] (or 2 [..] - 1, the +-1 one-vs-rest codes, when ``signed``).

    >>> one_hot([2, 5, 2], signed=True)
    [[Fraction(1, 1), Fraction(-1, 1)], [Fraction(-1, 1), Fraction(1, 1)], [Fraction(1, 1), Fraction(-1, 1)]]
    """
    labels = sorted(set(y))
    return [[Fraction(2 * int(v == lab) - 1 if signed else int(v == lab)) for lab in labels] for v in y]


def _l1_outputs(x, Y, res: CheckResult, ctx: Context) -> tuple[Fraction, bool]:
    """A.7.3: min sum_j ||w_j||_1 separates into one ep (4) per output; dual columns v_k."""
    total, ok, norm_one = Fraction(0), True, True
    for k in range(len(Y[0])):
        sol = interpolate_1d(x, [r[k] for r in Y])
        path, good, problems = ctx.certify(interpolation_certificate(sol, res.claim, res.case),
                                           res.claim, res.case, f"__l1_output{k}")
        res.certificates.append(path)
        res.notes += [f"l1 output {k} certificate rejected: {p}" for p in problems]
        ok, total = ok and good, total + sol.value
        used = [a for a, w in zip(sol.atoms, sol.attained_by[0] if sol.attained else sol.weights) if w]
        norm_one = norm_one and all(abs(sum((v * a(t, Fraction(0)) for v, t in zip(sol.dual, x)), Fraction(0))) == 1
                                    for a in used)
    res.printed.append(audit_check("A.7.3: optimal U satisfies ||(A U*)_+^T V*||_oo = 1", "= 1", norm_one,
                                   f"every used neuron of every output attains |v_k^T s| = 1: {norm_one}"))
    res.notes.append(f"A.7.3 (sum_j ||w_j||_1) value {total} = sum of the per-output values of (4), exact")
    return total, ok


def _round(v: float, D: int = 10**12) -> Fraction:
    return Fraction(round(v * D), D)


def _group_bracket(x, Y, constant: bool, res: CheckResult, ctx: Context, tag: str):
    """Float SOCP (cvxpy + Clarabel), then an exact bracket [lower, upper] checked by the checker.

    Upper: the rounded primal, restricted to its support plus a spanning set of atoms, made to fit
    Y exactly by the least-norm correction, each ||w_j|| rounded up. Lower: the rounded dual V,
    centred (V^T 1 = 0, the constant direction) and scaled so that ||V^T s||^2 <= 1 at every
    breakpoint atom s, which covers every (u, b): the squared norm is convex on each linear piece.
    """
    import cvxpy as cp

    atoms = relu_atoms(x)
    n, o = len(x), len(Y[0])
    G = [[a(t, Fraction(0)) for a in atoms] for t in x]
    W = cp.Variable((len(atoms), o))
    c = cp.Variable(o) if constant else None
    fit = np.array(G, dtype=float) @ W + (np.ones((n, 1)) @ cp.reshape(c, (1, o), order="C") if constant else 0)
    con = [fit == np.array(Y, dtype=float)]
    prob = cp.Problem(cp.Minimize(cp.sum(cp.norm(W, 2, axis=1))), con)
    solve(prob)
    spanning = [j for j, a in enumerate(atoms) if a.u == 1] + ([] if constant else [atoms.index(Atom(-1, max(x)))])
    cols = sorted({j for j, row in enumerate(W.value) if max(abs(row)) > 1e-7} | set(spanning))
    M = [[G[i][j] for j in cols] + ([Fraction(1)] if constant else []) for i in range(n)]
    Wq = [[Fraction(0)] * o for _ in atoms]
    cq = [Fraction(0)] * o
    for k in range(o):
        start = [_round(float(W.value[j, k])) for j in cols] + ([_round(float(c.value[k]))] if constant else [])
        fixed = restore_equality(M, start, [r[k] for r in Y])
        for j, v in zip(cols, fixed):
            Wq[j][k] = v
        if constant:
            cq[k] = fixed[-1]
    V = [[_round(float(v)) for v in row] for row in con[0].dual_value]
    if sum(V[i][k] * Y[i][k] for i in range(n) for k in range(o)) < 0:
        V = [[-v for v in row] for row in V]
    if constant:
        V = [[V[i][k] - sum(r[k] for r in V) / n for k in range(o)] for i in range(n)]
    profile = [[sum((V[i][k] * a(x[i], Fraction(0)) for i in range(n)), Fraction(0)) for k in range(o)]
               for a in [Atom(s, t) for s in (1, -1) for t in x]]
    worst = max(sum((g * g for g in h), Fraction(0)) for h in profile)
    if worst > 1:
        t = sqrt_bounds(worst, 9)[1]
        V = [[v / t for v in row] for row in V]
    lower = sum((V[i][k] * Y[i][k] for i in range(n) for k in range(o)), Fraction(0))
    bounds = [sqrt_bounds(sum((v * v for v in Wq[j]), Fraction(0)), 15)[1] for j in range(len(atoms))]
    upper = sum((b for j, b in enumerate(bounds) if any(Wq[j])), Fraction(0))
    doc = certificate_header(
        "relu1d-group-bracket", res.claim, res.case,
        f"lower <= ep (48) value <= upper ({'any width, free constant' if constant else 'Theorem 1 finite dictionary'})")
    doc.update({"data": {"x": [str(t) for t in x], "Y": [[str(v) for v in r] for r in Y]},
                "constant_column": constant,
                "primal": {"atoms": [{"u": a.u, "knot": str(a.knot), "weight": [str(v) for v in Wq[j]],
                                      "norm_bound": str(bounds[j])} for j, a in enumerate(atoms) if any(Wq[j])],
                           "constant": [str(v) for v in cq]},
                "dual": {"V": [[str(v) for v in r] for r in V]}, "lower": str(lower), "upper": str(upper)})
    path, ok, problems = ctx.certify(doc, res.claim, res.case, f"__group_{tag}")
    res.certificates.append(path)
    res.notes += [f"group bracket {tag} certificate rejected: {p}" for p in problems]
    return lower, upper, float(prob.value), ok


@claim("ep.vector-output", "ep", "Appendix A.7: (48)-(53), Corollaries 1-2, Theorem 1, A.7.3",
       "vector outputs (one-hot Y): 1-D / rank-one extreme points, Theorem 1's finite program, the l1 version",
       "exact (l1 version) + exact-endpoint bracket (group norm)", _cases("ep-vector-"), expect=CONFIRMED,
       needs_1d=False)
def check_vector_output(case: Case, ctx: Context) -> CheckResult:
    res = CheckResult("ep.vector-output", case.name, ERROR, "exact + bracket", EP_48.describe())
    x = points_of(case, res)
    signed = bool(case.params.get("signed_codes", 0))
    Y = one_hot(case.y, signed)
    res.notes.append(f"Y = {'2 one-hot(y) - 1' if signed else 'one-hot(y)'}, {len(Y[0])} outputs (labels {show(sorted(set(case.y)))})")
    l1_value, ok = _l1_outputs(x, Y, res, ctx)
    lo, up, val, good = _group_bracket(x, Y, True, res, ctx, "infinite")
    lo_e, up_e, val_e, good_e = _group_bracket(x, Y, False, res, ctx, "theorem1")
    ok = ok and good and good_e
    res.value = Bracket(lo, up).text()
    res.data.update(x=[str(t) for t in x], l1=str(l1_value), bracket=(lo, up), bracket_theorem1=(lo_e, up_e),
                    solver=val, solver_theorem1=val_e)
    for what, (a, b, v) in (("(48), any width", (lo, up, val)), ("Theorem 1 program over U_e", (lo_e, up_e, val_e))):
        res.notes.append(f"{what}: exact bracket [{float(a):.12g}, {float(b):.12g}] (width {float(b - a):.3g}), "
                         f"Clarabel {v:.12g}")
    refuted = up < lo_e
    res.printed.append(audit_check(
        "Theorem 1: the l2 program over all extreme points U_e (no constant) globally optimizes (48)",
        "optimal", not refuted,
        f"(48) <= {up} < {lo_e} <= Theorem 1 program: exact gap" if refuted else
        f"brackets overlap: (48) in [{float(lo):.9g}, {float(up):.9g}], Theorem 1 in "
        f"[{float(lo_e):.9g}, {float(up_e):.9g}]"))
    res.notes.append("Corollaries 1-2 (extreme points u = +-1, b = -sign(u) a_i): the any-width bracket uses only "
                     "those neurons, and its dual is checked over all (u, b), so they lose at most the bracket width")
    if ok:
        res.verdict = REFUTED if refuted else CONFIRMED
    return res
