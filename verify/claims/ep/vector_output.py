"""ep.vector-output: appendix A.7, vector outputs (one-hot Y) on 1-D and rank-one data.

Convention ep (48): min sum_j ||w_j||_2 s.t. f(A) = Y, free hidden biases, no output bias; A.7.3 with
sum_j ||w_j||_1 separates into one ep (4) per output (exact). The group-norm problem and Theorem 1's finite
program are SOCPs, solved in float and certified as exact brackets (kind relu1d-group-bracket, ``between``);
Theorem 1 is REFUTED when the two certified brackets are disjoint.
"""

from __future__ import annotations

import json
import math
from fractions import Fraction

import numpy as np
from flint import fmpq_mat

from cases import Case
from exact.certificates.relu1d_group_bracket import group_bracket_certificate
from exact.linalg import flint_matrix, fractions_of
from exact.numbers import sqrt_bounds
from exact.relu.dictionary import Atom, KinkCoordinates, relu_atoms
from exact.relu.interpolation import Interpolation1D, interpolate_1d
from exact.relu.networks import Network

from ...audit import audit_check, show
from ...context import Certified, Context
from ...conventions import EP_48
from ...numeric import Bracket, solve
from ...numeric.socp import CLARABEL_TOLERANCES
from ...registry import claim
from ...report.figures import REFERENCE, function_1d
from ...requirements import Data, Labels, Needs, Parameter
from ...result import CONFIRMED, ERROR, REFUTED, Draft
from .._shared import interpolant_figure
from ._shared import certify, certify_interpolation, named_cases, one_d_or_rank_one, points_of


def one_hot(y, signed: bool = False) -> list[list[Fraction]]:
    """Y_ik = [y_i = k-th label] (or 2 [..] - 1, the +-1 one-vs-rest codes, when ``signed``).

    >>> one_hot([2, 5, 2], signed=True)
    [[Fraction(1, 1), Fraction(-1, 1)], [Fraction(-1, 1), Fraction(1, 1)], [Fraction(1, 1), Fraction(-1, 1)]]
    """
    labels = sorted(set(y))
    return [[Fraction(2 * int(v == lab) - 1 if signed else int(v == lab)) for lab in labels] for v in y]


def _l1_outputs(x, Y, res: Draft, ctx: Context) -> tuple[Fraction, bool, list[Interpolation1D]]:
    """A.7.3: min sum_j ||w_j||_1 separates into one ep (4) per output (certified, kind relu1d-l1-interpolation);
    dual columns v_k. Returns the sum of the certified values, whether every certificate was accepted and the
    certified per-output solutions."""
    total, ok, norm_one, sols = Fraction(0), True, True, []
    for k in range(len(Y[0])):
        column = tuple(r[k] for r in Y)
        sol = interpolate_1d(x, column)
        cert = certify_interpolation(sol, res, ctx, f"__l1_output{k}", f"l1 output {k}", about={"x": x, "y": column})
        ok, total = ok and cert.ok, total + (cert.value or 0)
        sols.append(sol)
        used = [a for a, w in zip(sol.atoms, sol.attained_by[0] if sol.attained else sol.weights) if w]
        norm_one = norm_one and all(abs(sum((v * a(t, Fraction(0)) for v, t in zip(sol.dual, x)), Fraction(0))) == 1
                                    for a in used)
    res.printed.append(audit_check("A.7.3: optimal U satisfies ||(A U*)_+^T V*||_oo = 1", "= 1", norm_one,
                                   f"every used neuron of every output attains |v_k^T s| = 1: {norm_one}"))
    res.notes.append(f"A.7.3 (sum_j ||w_j||_1) value {total} = sum of the certified per-output values of (4), exact")
    return total, ok, sols


#: floats are rounded to multiples of 2^-BITS: one short common denominator (the checker budgets the characters of
#: long numbers, and n x o duals and weights of 12-digit decimals pass it from n o ~ 2000)
BITS = 30


def _round(v: float, D: int = 2**BITS) -> Fraction:
    return Fraction(round(v * D), D)


def _fit_exactly(M: fmpq_mat, B: fmpq_mat, start: list[Fraction], target: list[Fraction], basis: list[int]
                 ) -> list[Fraction]:
    """``start`` corrected on the columns ``basis`` of M (B: that square nonsingular submatrix, the triangular
    spanning atoms) so that M w = target exactly; the correction is the float's residual, its denominators those
    of the data."""
    fit = fractions_of(M * flint_matrix([[s] for s in start]))
    delta = fractions_of(B.solve(flint_matrix([[t - f[0]] for t, f in zip(target, fit, strict=True)])))
    out = list(start)
    for j, d in zip(basis, delta):
        out[j] += d[0]
    return out


def _group_bracket(x, Y, constant: bool, res: Draft, ctx: Context, tag: str) -> tuple[Certified, float]:
    """Float SOCP (cvxpy + Clarabel), then an exact bracket [lower, upper] checked by the checker.

    Upper: the rounded primal, restricted to its support plus a spanning set of atoms, made to fit
    Y exactly by a correction on the spanning atoms (:func:`_fit_exactly`), each ||w_j|| rounded up. Lower: the
    rounded dual V, centred (V^T 1 = 0, the constant direction) and scaled so that ||V^T s||^2 <= 1 at every
    breakpoint atom s, which covers every (u, b): the squared norm is convex on each linear piece.
    Returns the certificate (its relation ``between lower upper``) and the solver's value.
    """
    import cvxpy as cp
    import scipy.sparse as sp

    atoms = relu_atoms(x)
    n, o = len(x), len(Y[0])
    G = [[a(t, Fraction(0)) for a in atoms] for t in x]
    # the float solve in kink coordinates T (exact.relu.dictionary): T G is sparse (an atom has <= 3 nonzeros),
    # where G is dense and its KKT systems took seconds per interior-point step; the dual maps back as T^T
    kink = KinkCoordinates.of(x)
    TG = sp.csc_matrix(np.array([[float(v) for v in row] for row in zip(*(
        [kink.atom_column(a, Fraction(0)).get(i, Fraction(0)) for i in range(n)] for a in atoms))]).reshape(n, -1))
    TY = np.array([[float(v) for v in kink.transform([r[j] for r in Y])] for j in range(o)]).T
    W = cp.Variable((len(atoms), o))
    c = cp.Variable(o) if constant else None
    fit = TG @ W + (np.eye(n)[:, :1] @ cp.reshape(c, (1, o), order="C") if constant else 0)
    con = [fit == TY]
    prob = cp.Problem(cp.Minimize(cp.sum(cp.norm(W, 2, axis=1))), con)
    solve(prob, "CLARABEL", **CLARABEL_TOLERANCES)
    spanning = [j for j, a in enumerate(atoms) if a.u == 1]
    spanning += [] if constant else [atoms.index(Atom(-1, max(x)))]
    cols = sorted({j for j, row in enumerate(W.value) if max(abs(row)) > 1e-7} | set(spanning))
    M = [[G[i][j] for j in cols] + ([Fraction(1)] if constant else []) for i in range(n)]
    basis = [cols.index(j) for j in spanning] + ([len(cols)] if constant else [])  # n columns, triangular
    Mq, Bq = flint_matrix(M), flint_matrix([[row[j] for j in basis] for row in M])
    Wq = [[Fraction(0)] * o for _ in atoms]
    cq = [Fraction(0)] * o
    for k in range(o):
        start = [_round(float(W.value[j, k])) for j in cols] + ([_round(float(c.value[k]))] if constant else [])
        fixed = _fit_exactly(Mq, Bq, start, [r[k] for r in Y], basis)
        for j, v in zip(cols, fixed):
            Wq[j][k] = v
        if constant:
            cq[k] = fixed[-1]
    dual = np.asarray(con[0].dual_value).reshape(n, o)
    back = [kink.transpose([Fraction(float(t)) for t in dual[:, j]]) for j in range(o)]  # v = T^T y'
    V = [[_round(float(back[j][i])) for j in range(o)] for i in range(n)]
    if sum(V[i][k] * Y[i][k] for i in range(n) for k in range(o)) < 0:
        V = [[-v for v in row] for row in V]
    if constant:
        means = [sum((r[k] for r in V), Fraction(0)) / n for k in range(o)]
        V = [[V[i][k] - means[k] for k in range(o)] for i in range(n)]
    breakpoints = [[a(t, Fraction(0)) for t in x] for a in [Atom(s, t) for s in (1, -1) for t in x]]
    profile = fractions_of(flint_matrix(breakpoints) * flint_matrix(V))
    worst = max(sum((g * g for g in h), Fraction(0)) for h in profile)
    if worst > 1:  # scaled by a dyadic upper bound of sqrt(worst): the denominators stay powers of 2
        t = Fraction(math.isqrt(math.ceil(worst * 4**BITS)) + 1, 2**BITS)
        V = [[v / t for v in row] for row in V]
    used = [(a, Wq[j], sqrt_bounds(sum((v * v for v in Wq[j]), Fraction(0)), 9)[1])
            for j, a in enumerate(atoms) if any(Wq[j])]
    doc = group_bracket_certificate(x, Y, "infinite" if constant else "data-knots", used, cq, V, res.claim, res.case)
    cert = certify(doc, res, ctx, f"__group_{tag}", f"group bracket {tag}", about={"x": x, "Y": Y})
    return cert, float(prob.value)


def _outputs(cert: Certified) -> list[Network]:
    """The primal network of an accepted relu1d-group-bracket certificate (its upper end), one network per output."""
    with open(cert.path) as f:
        primal = json.load(f)["primal"]
    u, b = [Fraction(n["w"][0]) for n in primal["neurons"]], [Fraction(n["b"]) for n in primal["neurons"]]
    return [Network.of_1d(u, b, [Fraction(n["c"][k]) for n in primal["neurons"]], Fraction(c))
            for k, c in enumerate(primal["constant"])]


def _figures(l1: list[Interpolation1D], group: list[Network], res: Draft) -> None:
    """Per output k: the certified optimum of A.7.3's ep (4) for column k, and output k of the (48) network at the
    certified upper end (from the float SOCP, fitted exactly: a reference, (48) is only bracketed)."""
    for k, (sol, net) in enumerate(zip(l1, group, strict=True)):
        fig = interpolant_figure(sol, f"ep A.7, output {k + 1}: A.7.3's l1 optimum and the (48) network")
        fig["functions"].append(function_1d(f"(48) network at the upper end, output {k + 1} (float)", net,
                                            REFERENCE))
        res.figure(fig)


SIGNED = Parameter("signed_codes", "1: the targets are 2 one-hot(y) - 1; 0: one-hot(y)", Fraction(0),
                   "ep A.7: one-hot Y; the signed codes are a variant")


@claim("ep.vector-output", "ep", "Appendix A.7: (48)-(53), Corollaries 1-2, Theorem 1, A.7.3",
       "vector outputs (one-hot Y): 1-D / rank-one extreme points, Theorem 1's finite program, the l1 version",
       "exact (l1 version) + exact-endpoint bracket (group norm)", lambda: named_cases("ep-vector-"), expect=CONFIRMED,
       needs=Needs(Data.ANY, Labels.CLASSES, (SIGNED,), condition=one_d_or_rank_one))
def check_vector_output(case: Case, ctx: Context) -> Draft:
    """REFUTED when the certified brackets of (48) and of Theorem 1's program are disjoint (Theorem 1's
    program is then not optimal for (48)); CONFIRMED when they overlap."""
    res = Draft("ep.vector-output", case.name, ERROR, "exact + bracket", EP_48)
    x = points_of(case, res)
    signed = bool(SIGNED.of(case))
    Y = one_hot(case.y, signed)
    res.notes.append(f"Y = {'2 one-hot(y) - 1' if signed else 'one-hot(y)'}, {len(Y[0])} outputs (labels "
                     f"{show(sorted(set(case.y)))})")
    l1_value, ok, l1_sols = _l1_outputs(x, Y, res, ctx)
    any_width, val = _group_bracket(x, Y, True, res, ctx, "infinite")
    thm1, val_e = _group_bracket(x, Y, False, res, ctx, "theorem1")
    if not (ok and any_width.ok and thm1.ok):
        return res
    _figures(l1_sols, _outputs(any_width), res)
    lo, up, lo_e, up_e = any_width.lower, any_width.upper, thm1.lower, thm1.upper
    res.value = Bracket(lo, up, "dual V (certified)", "primal network (certified)")
    res.data.update(x=[str(t) for t in x], l1=str(l1_value), bracket=(lo, up), bracket_theorem1=(lo_e, up_e),
                    solver=val, solver_theorem1=val_e)
    for what, (a, b, v) in (("(48), any width", (lo, up, val)), ("Theorem 1 program over U_e", (lo_e, up_e, val_e))):
        res.notes.append(f"{what}: exact bracket [{float(a):.12g}, {float(b):.12g}] (width {float(b - a):.3g}, "
                         f"certified), Clarabel {v:.12g}")
    refuted = up < lo_e
    res.printed.append(audit_check(
        "Theorem 1: the l2 program over all extreme points U_e (no constant) globally optimizes (48)",
        "optimal", not refuted,
        f"(48) <= {up} < {lo_e} <= Theorem 1 program: exact gap" if refuted else
        f"brackets overlap: (48) in [{float(lo):.9g}, {float(up):.9g}], Theorem 1 in "
        f"[{float(lo_e):.9g}, {float(up_e):.9g}]"))
    if refuted:
        res.finding("Theorem 1 (Appendix A.7)", "for one dimensional and/or rank-one datasets, solving the l2-norm "
                    "convex program over all extreme points U_e globally optimizes (48)",
                    f"(48) <= {up} < {lo_e} <= the value of Theorem 1's program (certified brackets): without a "
                    "constant (a limit of extreme points with b -> oo) the program is not optimal for (48)",
                    any_width.path, thm1.path)
    res.notes.append("Corollaries 1-2 (extreme points u = +-1, b = -sign(u) a_i): the any-width bracket uses only "
                     "those neurons, and its dual is checked over all (u, b), so they lose at most the bracket width")
    res.verdict = REFUTED if refuted else CONFIRMED
    return res
