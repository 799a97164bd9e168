"""Kumar & Haupt (seed 000): the finite convex programs (7), (9), (11) and the Figure 1 example.

Convention (kh (1)-(3), (8), (10)): f(x) = int sigma_alpha(w^T x + b) dmu(w, b), leaky slope
alpha != 1, hidden bias b free (W = {||w||_2 <= 1}, (3)) or inside the norm
(W = {||[w, b]||_2 <= 1}, (8)), **no output bias**, cost ||mu||_TV. With b free a constant
costs nothing in the limit b -> oo, exactly the free constant column of
:func:`exact.interpolation.interpolate_1d` (ep's convention), which computes the exact
infinite-width value of (2)+(3) in 1-D. The programs (7), (9), (11) are built literally
("printed") and with the sign of the eps = -1 constraint corrected ("corrected") by
:mod:`exact.kh`, whose docstring derives why the printed programs only represent mu >= 0.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np

from cases import Case, shipped_case
from exact.certificate import certificate_header, interpolation_certificate, lp_certificate
from exact.checker.kh import joint_candidates
from exact.dictionary import Network1D, leaky
from exact.interpolation import interpolate_1d
from exact.kh import (KHProgram, KHSolution, Neuron, build, classification_1d, feasibility_lp, kinks_1d, solve_1d,
                      term_neuron)
from exact.kh_face import piece_range, piece_range_certificate
from exact.kh_joint import JointExact, joint_exact_certificate, solve_joint_exact
from exact.l1 import l1_program
from exact.lp import LPResult, solve_lp
from exact.sign_patterns import PatternTree, pattern_tree, patterns_certificate

from ..conventions import KH_3, KH_8, Convention
from ..numeric import SOLVER_TOL, Bracket, PatternSup, ball_point, judge, pattern_sup, solve, sqrt_bounds
from ..registry import Context, claim
from ..result import CONFIRMED, CONTRADICTED, ERROR, PROVED, REFUTED, CheckResult

ALPHAS = (Fraction(0), Fraction(1, 10), Fraction(-1, 2))
EXAMPLE = "kh-example-1"


def convention(base: Convention, alpha: Fraction) -> str:
    return replace(base, alpha=alpha).describe()


def alpha_of(case: Case) -> Fraction:
    return case.params.get("alpha", Fraction(0))


def with_alpha(case: Case, alpha: Fraction) -> Case:
    """The case with leaky slope ``alpha`` (named after it)."""
    return replace(case, name=f"{case.name}-alpha={alpha}", params={**case.params, "alpha": alpha})


def example_cases() -> list[Case]:
    """The Figure 1 data with alpha = 0 (shipped) and the alpha = 1/10, -1/2 variants."""
    base = shipped_case(EXAMPLE)
    return [base] + [with_alpha(base, a) for a in ALPHAS[1:]]


def classification_cases() -> list[Case]:
    return example_cases()[:1] + [shipped_case("kh-classify-separable"), shipped_case("kh-classify-two-neurons")]


def _x(case: Case) -> list[Fraction]:
    return list(case.x) if case.x is not None else [r[0] for r in case.X]


def _farkas_note(sol: KHSolution) -> str:
    y = sol.result.farkas_eq or ()
    return f"Farkas vector (eq rows) {[str(t) for t in y]}" if y else "Farkas vector on the inequality rows"


def _certify_lp(sol: KHSolution, res: CheckResult, ctx: Context, case: str, suffix: str, what: str) -> bool:
    p = sol.program
    statement = (f"kh ({p.equation}) {p.reading}, alpha = {p.alpha}, over the {len(p.patterns)} patterns of J "
                 f"(1-D LP; per term columns w+, w-, b): {what}")
    path, ok, problems = ctx.certify(lp_certificate(sol.lp, sol.result, res.claim, case, statement),
                                     res.claim, case, suffix)
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {q}" for q in problems]
    return ok


# ---------------------------------------------------------------- Theorem 1 / (7)

@claim("kh.thm-1", "kh", "Theorem 1, program (7) (Section III-A)",
       "(2) with W = {||w||_2 <= 1} equals the finite program (7) over the sign patterns J",
       "exact (1-D), float SOCP bracketed (d >= 2)", lambda: thm_cases(), expect=REFUTED, needs_1d=False)
def check_thm1(case: Case, ctx: Context) -> CheckResult:
    """Exact in 1-D: (7) printed and corrected as LPs vs the infinite-width value P* of (2)+(3).

    d >= 2: :func:`check_2d` (printed feasibility exactly; corrected (7) float, bracketed).
    """
    alpha = alpha_of(case)
    if case.dim > 1:
        return check_2d(case, ctx, CheckResult("kh.thm-1", case.name, ERROR, "float SOCP + exact brackets",
                                               convention(KH_3, alpha)), 7)
    x = _x(case)
    res = CheckResult("kh.thm-1", case.name, ERROR, "exact", convention(KH_3, alpha))
    star = interpolate_1d(x, case.y, alpha=alpha)
    path, ok, problems = ctx.certify(interpolation_certificate(star, res.claim, case.name), res.claim, case.name,
                                     "__infinite_width")
    res.certificates.append(path)
    res.notes.append(f"infinite-width value of (2)+(3): P* = {star.value} (attained: {star.attained})")
    printed, corrected = (solve_1d(build(x, case.y, 7, r, alpha)) for r in ("printed", "corrected"))
    ok &= _certify_lp(printed, res, ctx, case.name, "__printed", "status/value as solved")
    ok &= _certify_lp(corrected, res, ctx, case.name, "__corrected", "optimal value")
    res.value = str(corrected.value)
    res.notes.append(f"|J| = {len(printed.program.patterns)} patterns")
    res.notes.append(f"(7) corrected (S = s for both parts) = {corrected.value}: "
                     + ("equals P*" if corrected.value == star.value else "DIFFERS from P*"))
    if printed.status == "optimal":
        res.notes.append(f"(7) as printed = {printed.value}" + (" = P*" if printed.value == star.value else
                                                                 f" != P* = {star.value} (FINDING)"))
    else:
        res.notes.append(f"FINDING: (7) as printed is {printed.status} while P* = {star.value} is finite "
                         f"({_farkas_note(printed)}): its constraint s_i ⊙ (X^T w_i^- + b_i^- 1) <= 0 turns every "
                         "'negative' term into a positive neuron (mu >= 0 only); correct is >= 0 for both parts")
    same = printed.status == "optimal" and printed.value == star.value
    res.verdict = (PROVED if same else REFUTED) if ok and corrected.value == star.value else ERROR
    res.data = {"x": [str(t) for t in x], "y": [str(t) for t in case.y], "value": str(star.value)}
    return res


# ---------------------------------------------------------------- Theorem 2 / (9)

def socp(prog: KHProgram, solver: str = "CLARABEL"):
    """Float solve of (7)/(9)/(11) with cvxpy: (value, W (terms x d), B, v)."""
    import cvxpy as cp

    terms = prog.terms()
    X = np.array([[float(t) for t in r] for r in prog.X])
    y = np.array([float(t) for t in prog.rhs()])
    m, d = len(terms), X.shape[1]
    W, B = cp.Variable((m, d)), cp.Variable(m)
    pre = [X @ W[k] + B[k] for k in range(m)]
    cons = [cp.multiply(np.array([float(s) for s in t.S]), pre[k]) >= 0 for k, t in enumerate(terms)]
    total = sum(t.eps * cp.multiply(np.array([float(s) for s in t.D]), pre[k]) for k, t in enumerate(terms))
    main = total >= y if prog.margin else total == y
    norms = [cp.norm(cp.hstack([W[k], B[k:k + 1]])) if prog.joint_norm else cp.norm(W[k]) for k in range(m)]
    value = solve(cp.Problem(cp.Minimize(sum(norms)), [main, *cons]), solver)
    v = np.asarray(main.dual_value, dtype=float)
    if float(v @ y) * value < 0:  # cvxpy's sign convention for equality duals
        v = -v
    return value, np.asarray(W.value), np.asarray(B.value), v


def _q(t: float) -> Fraction:
    return Fraction(float(t)).limit_denominator(10**9)


def joint_bracket(x: list[Fraction], y: tuple[Fraction, ...], alpha: Fraction, prog: KHProgram,
                  W, B, v) -> tuple[Bracket, dict]:
    """An exact bracket of (2)+(8) in 1-D from a float (9) solution (certificate document body).

    Upper: the float neurons, rescaled into the unit disk with rational (w, b), plus the data-knot
    atoms (scaled into the disk) and the constant neuron (0, 1), with output weights from the exact
    LP min sum |c_j| s.t. fit (always feasible). Lower: v / U, U >= sup |g_v| over the circle.
    """
    neurons: list[tuple[Fraction, Fraction]] = []
    for k, t in enumerate(prog.terms()):
        w, b = float(W[k][0]), float(B[k])
        if abs(w) + abs(b) > 1e-7:
            nr = term_neuron(prog, t, (_q(w),), _q(b))
            r = (nr.w[0] ** 2 + nr.b ** 2)
            neurons.append(tuple(ball_point([float(nr.w[0]) / float(r) ** 0.5, float(nr.b) / float(r) ** 0.5])))
    for u in (1, -1):
        for t in sorted(set(x)):
            _, hi = sqrt_bounds(1 + t * t, 12)
            neurons.append((u / hi, -u * t / hi))
    neurons.append((Fraction(0), Fraction(1)))
    cols = [{i: val for i, xi in enumerate(x) if (val := leaky(w * xi + b, alpha))} for w, b in neurons]
    res = solve_lp(l1_program(cols, list(y)))
    c = [res.x[2 * j] - res.x[2 * j + 1] for j in range(len(neurons))]
    primal = [{"c": str(cj), "w": str(w), "b": str(b)} for cj, (w, b) in zip(c, neurons) if cj]
    vq = [_q(t) for t in v]
    U = max(sqrt_bounds((g * g) / (a[0] ** 2 + a[1] ** 2), 30)[1] for a, g in joint_candidates(x, vq, alpha))
    vq = [t / U for t in vq] if U > 0 else vq
    lower = sum((a * b for a, b in zip(vq, y)), Fraction(0))
    upper = res.value
    body = {"data": {"x": [str(t) for t in x], "y": [str(t) for t in y], "alpha": str(alpha)},
            "primal": {"neurons": primal}, "dual": {"v": [str(t) for t in vq]},
            "lower": str(lower), "upper": str(upper)}
    return Bracket(lower, upper, "float dual v of (9) scaled by its exact sup on the circle",
                   "float neurons of (9) in the unit disk + exact LP for the output weights"), body


@dataclass(frozen=True)
class Joint1D:
    """(2)+(8) / (9) in 1-D: the float (9) solution, its exact bracket and the exact optimum (if decided)."""

    value: float  # the corrected (9), Clarabel
    bracket: Bracket
    W: np.ndarray
    B: np.ndarray
    program: KHProgram
    exact: JointExact
    ok: bool  # every certificate accepted

    def neurons(self) -> list[Neuron]:
        """The float (9) solution as neurons with rational (w, b)."""
        return [term_neuron(self.program, t, (_q(self.W[k][0]),), _q(self.B[k]))
                for k, t in enumerate(self.program.terms()) if abs(self.W[k][0]) + abs(self.B[k]) > 1e-7]

    def exact_neurons(self) -> list[Neuron]:
        return [Neuron(c, (w,), b) for w, b, c in self.exact.neurons]


def solve_joint(case: Case, ctx: Context, res: CheckResult) -> Joint1D:
    """Float (9) corrected on a 1-D case, its exact (2)+(8) bracket, and the exact optimum
    (:func:`exact.kh_joint.solve_joint_exact`, warm-started by the float dual), all certified."""
    alpha, x = alpha_of(case), _x(case)
    prog = build(x, case.y, 9, "corrected", alpha)
    value, W, B, v = socp(prog)
    bracket, body = joint_bracket(x, case.y, alpha, prog, W, B, v)
    doc = certificate_header("relu1d-joint-bracket", res.claim, case.name,
                             "lower <= inf ||mu||_TV s.t. fit, W = {w^2 + b^2 <= 1} (kh (2)+(8)) <= upper")
    doc.update(body)
    docs = [(doc, "__joint_bracket")]
    ex = solve_joint_exact(x, case.y, alpha, v)
    if ex.status == "optimal":
        docs.append((joint_exact_certificate(ex, res.claim, case.name), "__joint_exact"))
    ok = True
    for d, suffix in docs:
        path, good, problems = ctx.certify(d, res.claim, case.name, suffix)
        res.certificates.append(path)
        res.notes += [f"certificate rejected: {q}" for q in problems]
        ok &= good
    if ex.status == "optimal":
        inside = bracket.lower <= ex.value <= bracket.upper
        ok &= inside
        res.notes.append(f"(2)+(8) exact optimum {ex.value} = {ex.value_float:.12g} (kind relu1d-joint-exact: "
                         f"primal network and dual v over the field of its surds); inside the bracket "
                         f"{bracket.text(12)}: {inside}")
    else:
        res.notes.append(f"(2)+(8) exact optimum not decided ({ex.reason}); bracket {bracket.text(12)}")
    return Joint1D(value, bracket, W, B, prog, ex, ok)


# ---------------------------------------------------------------- d >= 2: float SOCPs, exact brackets

TWO_D = ("kh-2d-four", "kh-2d-six", "kh-2d-degenerate")
DICT_DIRECTIONS = 48  # seeded random unit directions of the first dictionary LP (independent route)
DICT_ROUNDS = 12  # most column-generation rounds of the dictionary route
DICT_WIDTH = Fraction(1, 10**10)  # ... which stops once its bracket is this narrow


def thm_cases() -> list[Case]:
    """The Figure 1 data (three alphas), the 2-D instances (ReLU) and one of them with alpha = 1/10."""
    two_d = [shipped_case(n) for n in TWO_D]
    return example_cases() + two_d + [with_alpha(two_d[1], ALPHAS[1])]


def sphere_point(u) -> tuple[Fraction, ...]:
    """A rational point of the unit sphere (norm exactly 1) near the float vector ``u`` (dimension >= 2).

    Inverse stereographic projection of the rational t = u'/(1 +- u_last), from the pole away from u.

    >>> p = sphere_point([0.6, -0.8]); sum(a * a for a in p), [round(float(a), 6) for a in p]
    (Fraction(1, 1), [0.6, -0.8])
    """
    u = np.asarray(u, dtype=float)
    u = u / np.linalg.norm(u)
    sgn = 1 if u[-1] >= 0 else -1
    t = [_q(a / (1 + sgn * u[-1])) for a in u[:-1]]
    r = sum((a * a for a in t), Fraction(0))
    return tuple(2 * a / (1 + r) for a in t) + (sgn * (1 - r) / (1 + r),)


def _unit_neuron(w, b, joint: bool) -> tuple[tuple[Fraction, ...], Fraction] | None:
    """(w, b) rational, divided by an upper bound of ||w|| (||[w, b]|| if joint): an atom of W, cost <= 1."""
    w, b = tuple(_q(a) for a in w), _q(b)
    sq = sum((a * a for a in w), Fraction(0)) + (b * b if joint else 0)
    if sq == 0:
        return None
    _, hi = sqrt_bounds(sq, 30)
    return tuple(a / hi for a in w), b / hi


def network_lp(X, y, alpha: Fraction, neurons, joint: bool):
    """Exact LP min sum |c_j| s.t. sum_j c_j sigma(X w_j + b_j 1) (+ c0 1, b free: a constant costs 0 in
    the limit) = y over atoms of W (||w_j|| <= 1, resp. ||[w_j, b_j]|| <= 1): an upper bound of (2)."""
    cols = [{i: val for i, row in enumerate(X)
             if (val := leaky(sum((a * c for a, c in zip(row, w)), b), alpha))} for w, b in neurons]
    free = [] if joint else [{i: Fraction(1) for i in range(len(X))}]
    return solve_lp(l1_program(cols, list(y), free))


@dataclass(frozen=True)
class PatternBracket:
    """An exact bracket of val(2) (b free, or inside the norm when ``joint``) with its evidence.

    ``certificate`` renders it as kind "pattern-bracket" (:mod:`exact.checker.pattern_bracket`):
    the network of the LP ``res`` over ``neurons`` (upper end) and the dual v / G with G the
    multiplier bound ``sup`` of :func:`verify.numeric.pattern_sup` over the patterns of ``tree``.
    """

    bracket: Bracket
    X: tuple
    y: tuple
    alpha: Fraction
    joint: bool
    tree: PatternTree
    v: tuple[Fraction, ...]
    sup: PatternSup
    neurons: tuple
    res: LPResult

    def certificate(self, claim: str, case: str, statement: str) -> dict:
        k = len(self.neurons)
        c = [self.res.x[2 * j] - self.res.x[2 * j + 1] for j in range(k)]
        doc = dual_certificate("pattern-bracket", claim, case, statement, self.X, self.y, self.alpha, self.joint,
                               self.tree, self.v, self.sup, self.bracket.lower)
        doc.update(primal={"neurons": [{"w": [str(a) for a in w], "b": str(b), "c": str(cj)}
                                       for cj, (w, b) in zip(c, self.neurons) if cj],
                           "constant": str(Fraction(0) if self.joint else self.res.x[2 * k])},
                   upper=str(self.bracket.upper))
        return doc


def dual_certificate(kind: str, claim: str, case: str, statement: str, X, y, alpha: Fraction, joint: bool,
                     tree: PatternTree, v, sup: PatternSup, lower: Fraction) -> dict:
    """The data, pattern and dual part of kinds "pattern-bracket" / "kh-printed-lower" (lower = v^T y / G)."""
    doc = certificate_header(kind, claim, case, statement)
    doc.update(data={"X": [[str(a) for a in r] for r in X], "y": [str(t) for t in y], "alpha": str(alpha),
                     "joint": joint},
               patterns=patterns_certificate(X, tree, claim, case),
               dual={"v": [str(t) for t in v], "G": str(sup.upper),
                     "pieces": [{"pattern": list(s), "eps": e, "m": [str(t) for t in m]}
                                for s, e, m in sup.multipliers]},
               lower=str(lower))
    return doc


def scaled_dual(X, y, alpha: Fraction, joint: bool, tree: PatternTree, v, printed: bool = False
                ) -> tuple[tuple[Fraction, ...], PatternSup, Fraction]:
    """(v rational and centred if b is free, its multiplier bound G, the lower bound v^T y / G).

    Not ``printed``: v / G is feasible for the semi-infinite dual of (2) (:func:`verify.numeric.pattern_sup`).
    ``printed``: for the dual of (7) / (9) as printed, so v^T y / G bounds the printed program below.
    """
    vq = [_q(a) for a in v]
    if not joint:
        mean = sum(vq, Fraction(0)) / len(vq)
        vq = [a - mean for a in vq]
    sup = pattern_sup(X, vq, alpha, [r.pattern for r in tree.realised], joint, printed=printed)
    return tuple(vq), sup, sum((a * b for a, b in zip(vq, y)), Fraction(0)) / sup.upper


def _pattern_bracket(X, y, alpha: Fraction, joint: bool, tree: PatternTree, v, neurons, how: tuple[str, str]
                     ) -> PatternBracket:
    """Exact LP over ``neurons`` (upper) and the exactly rescaled dual ``v`` (lower, centred if b is free)."""
    res = network_lp(X, y, alpha, neurons, joint)
    if res.status != "optimal":
        raise ValueError(f"the network LP over {len(neurons)} atoms is {res.status}: it must fit y")
    vq, sup, lower = scaled_dual(X, y, alpha, joint, tree, v)
    return PatternBracket(Bracket(lower, res.value, *how), tuple(X), tuple(y), alpha, joint, tree, vq, sup,
                          tuple(neurons), res)


def program_bracket(prog: KHProgram, W, B, v, tree: PatternTree) -> PatternBracket:
    """Exact bracket from a float solution of the corrected (7) (or (9), ``prog.joint_norm``) in any d.

    Encloses BOTH the value of the program and the infinite-width value of (2)+(3) (resp. (2)+(8)):
    upper = exact LP over the float neurons (each scaled into W) and the exact pattern witnesses of
    ``tree`` (:func:`network_lp`); the LP network is feasible for (2) and, merging equal (pattern, sign)
    terms (triangle inequality), for the program. Lower = v^T y / G with v the float dual (exactly
    centred, 1^T v = 0, when b is free) and G >= sup over the atoms of |v^T sigma(X w + b 1)|
    (:func:`verify.numeric.pattern_sup`): v / G is feasible for the semi-infinite dual of (2) and
    for the dual of the program (module doc of :mod:`exact.kh`), so weak duality bounds both.
    """
    joint, X = prog.joint_norm, prog.X
    neurons = []
    for k, t in enumerate(prog.terms()):
        if np.abs(W[k]).sum() + abs(B[k]) > 1e-7:
            nr = term_neuron(prog, t, tuple(_q(a) for a in W[k]), _q(B[k]))
            neurons.append(_unit_neuron(nr.w, nr.b, joint))
    neurons += [_unit_neuron(r.w, r.b, joint) for r in tree.realised]
    if joint:
        neurons.append((tuple(Fraction(0) for _ in X[0]), Fraction(1)))
    neurons = [n for n in neurons if n is not None]
    return _pattern_bracket(X, prog.y, prog.alpha, joint, tree, v, neurons,
                            (f"float dual of ({prog.equation}), centred, / pattern sup bound",
                             f"exact LP over {len(neurons)} atoms (float neurons + pattern witnesses)"))


def dictionary_bracket(X, y, alpha: Fraction, tree: PatternTree, joint: bool, rounds: int = DICT_ROUNDS
                       ) -> PatternBracket:
    """Bracket the infinite-width value of (2)+(3) (or (2)+(8), ``joint``) WITHOUT the programs (7)/(9).

    Exact LP over a finite dictionary of atoms (:func:`network_lp`): rational unit directions w
    (b free: every knot b = -x_i^T w, plus the free constant; joint: unit [w, b] on the sphere),
    seeded random at first, then column generation with the maximisers of the worst pattern
    pieces of the LP dual (at most ``rounds``, until the width is DICT_WIDTH).
    Upper = best LP value; lower = best v^T y / G, G from
    :func:`verify.numeric.pattern_sup` (the LP dual satisfies 1^T v = 0 exactly via the constant).
    """
    d = len(X[0])
    rng = np.random.default_rng(0)
    dirs = [sphere_point(u) for u in rng.standard_normal((DICT_DIRECTIONS, d + joint))]
    low = up = None  # the rounds with the best lower and the best upper end
    for _ in range(rounds):
        if joint:
            neurons = [(u[:d], u[d]) for u in dirs]
        else:
            neurons = [(u, -sum((a * c for a, c in zip(row, u)), Fraction(0))) for u in dirs for row in X]
        res = network_lp(X, y, alpha, neurons, joint)
        pb = _pattern_bracket(X, y, alpha, joint, tree, res.y_eq, neurons,
                              ("dictionary LP dual / pattern sup bound", f"exact dictionary LP ({len(dirs)} directions)"))
        low = pb if low is None or pb.bracket.lower > low.bracket.lower else low
        up = pb if up is None or pb.bracket.upper < up.bracket.upper else up
        if up.bracket.upper - low.bracket.lower <= DICT_WIDTH:
            break
        dirs += [sphere_point(u) for u in pb.sup.directions if np.linalg.norm(u) > 0]
    return replace(low, bracket=Bracket(low.bracket.lower, up.bracket.upper, low.bracket.lower_from,
                                        up.bracket.upper_from), neurons=up.neurons, res=up.res)


@dataclass(frozen=True)
class Corrected2D:
    """The corrected (7) / (9) on matrix data: float value, program bracket A, dictionary bracket B."""

    program: KHProgram
    value: float
    A: PatternBracket
    B: PatternBracket
    meet: str  # judge(A, B): both enclose val(2), so CONFIRMED unless a bound is wrong
    in_a: str  # the float value inside A (tol SOLVER_TOL)

    @property
    def infinite_width(self) -> str:
        """The infinite-width problem the program represents."""
        return "(2)+(8)" if self.program.joint_norm else "(2)+(3)"

    def certify(self, ctx: Context, res: CheckResult) -> bool:
        """Write and re-check both brackets' "pattern-bracket" certificates (notes on rejection)."""
        ok = True
        for tag, pb in (("A", self.A), ("B", self.B)):
            path, good, problems = ctx.certify(
                pb.certificate(res.claim, res.case, f"lower <= val{self.infinite_width} <= upper, "
                               f"alpha = {self.program.alpha} "
                               f"(bracket {tag} of kh ({self.program.equation}), d = {self.program.dim})"),
                res.claim, res.case, f"__bracket_{self.program.equation}{tag}")
            res.certificates.append(path)
            res.notes += [f"certificate rejected: {q}" for q in problems]
            ok &= good
        return ok

    def notes(self) -> list[str]:
        eq, A, B, inf = self.program.equation, self.A.bracket, self.B.bracket, self.infinite_width
        return [f"d = {self.program.dim}, N = {len(self.program.X)}, |J| = {len(self.program.patterns)} (exact), "
                f"{len(self.program.terms())} terms; corrected ({eq}) float (Clarabel) = {self.value:.12g}",
                f"A = exact bracket from the ({eq}) solution, enclosing both val({eq}) and val{inf}: {A.text(12)} "
                f"(width {float(A.width):.3g}); float value in A: {self.in_a}",
                f"B = exact bracket of val{inf} by the dictionary route (no program ({eq})): {B.text(12)} "
                f"(width {float(B.width):.3g}); A and B meet: {self.meet}"]


def corrected_2d(X, y, alpha: Fraction, equation: int, tree: PatternTree) -> Corrected2D:
    """Solve the corrected (7) (``equation`` 7) or (9) over the exact J of ``tree`` and bracket it twice."""
    prog = build(X, y, equation, "corrected", alpha, patterns=[r.pattern for r in tree.realised])
    value, W, B, v = socp(prog)
    A = program_bracket(prog, W, B, v, tree)
    Bd = dictionary_bracket(X, y, alpha, tree, prog.joint_norm)
    return Corrected2D(prog, value, A, Bd, judge(A.bracket, Bd.bracket), judge(A.bracket, Fraction(value), SOLVER_TOL))


def check_2d(case: Case, ctx: Context, res: CheckResult, equation: int) -> CheckResult:
    """Theorem 1 ((7), equation 7) or 2 ((9)) on matrix data: printed feasibility exactly, corrected bracketed.

    Compared: the program bracket A (encloses the corrected program's value AND the infinite-width
    value, :func:`program_bracket`) with the dictionary bracket B of the infinite-width value
    (:func:`dictionary_bracket`, no pattern program used): CONFIRMED when they meet (tol 0, both
    rigorous, both certified as kind "pattern-bracket"); the float SOCP value must lie in A
    (tol SOLVER_TOL).
    """
    alpha, X = alpha_of(case), case.X
    tree = pattern_tree(X)
    printed = build(X, case.y, equation, "printed", alpha, patterns=[r.pattern for r in tree.realised])
    lp = feasibility_lp(printed, plus_only=True)
    feas = solve_lp(lp)
    path, ok, problems = ctx.certify(lp_certificate(
        lp, feas, res.claim, case.name, f"kh ({equation}) as printed (closure of '< 0' for (9)), alpha = {alpha}, "
        f"d = {len(X[0])}: feasibility of its linear constraints (columns w_k, b_k per eps = +1 term; the "
        "eps = -1 terms as printed are the eps = +1 terms at -p, exact.kh.feasibility_lp)"),
        res.claim, case.name, "__printed_feasibility")
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {q}" for q in problems]
    c2 = corrected_2d(X, case.y, alpha, equation, tree)
    ok &= c2.certify(ctx, res)
    A, inf = c2.A.bracket, c2.infinite_width
    res.value = A.text(12)
    res.notes += c2.notes()
    res.data = {"X": [[str(a) for a in r] for r in X], "y": [str(t) for t in case.y], "alpha": str(alpha),
                "float": c2.value, "program_bracket": A.as_json(), "dictionary_bracket": c2.B.bracket.as_json()}
    verdict = CONFIRMED if c2.meet == CONFIRMED and c2.in_a == CONFIRMED else CONTRADICTED
    if feas.status == "infeasible":
        res.notes.append(f"FINDING: ({equation}) as printed is infeasible (exact Farkas vector, eq rows "
                         f"{[str(t) for t in feas.farkas_eq]}) while val{inf} is finite; the corrected "
                         f"({equation}) is {verdict} against val{inf}")
        res.verdict = REFUTED if ok and verdict == CONFIRMED else ERROR
    else:
        pv, _, _, pdual = socp(printed)
        vq, sup, low = scaled_dual(X, case.y, alpha, equation == 9, tree, pdual, printed=True)
        path, good, problems = ctx.certify(dual_certificate(
            "kh-printed-lower", res.claim, case.name, f"lower <= the value of kh ({equation}) as printed",
            X, case.y, alpha, equation == 9, tree, vq, sup, low), res.claim, case.name, "__printed_lower")
        res.certificates.append(path)
        res.notes += [f"certificate rejected: {q}" for q in problems]
        above = low > A.upper
        res.notes.append(f"({equation}) as printed is feasible here, float value {pv:.12g}; exact lower bound "
                         f"{float(low):.12g} (its dual, kind kh-printed-lower)" +
                         (f" > upper end of A: FINDING: the printed ({equation}) is strictly above val{inf}"
                          if above else ""))
        res.verdict = (REFUTED if above else verdict) if ok and good else ERROR
    return res


@claim("kh.thm-2", "kh", "Theorem 2, program (9) (Section III-B)",
       "(2) with W = {||[w,b]||_2 <= 1} equals the finite program (9)", "float SOCP, exact brackets",
       lambda: thm_cases(), expect=REFUTED, needs_1d=False)
def check_thm2(case: Case, ctx: Context) -> CheckResult:
    """(9) as printed (closure of its strict '< 0') exactly; (2)+(8) exactly in 1-D when decided
    (:func:`solve_joint`), with the corrected (9) float judged against its exact bracket.

    d >= 2: :func:`check_2d` with the joint norm.
    """
    alpha = alpha_of(case)
    if case.dim > 1:
        return check_2d(case, ctx, CheckResult("kh.thm-2", case.name, ERROR, "float SOCP + exact brackets",
                                               convention(KH_8, alpha)), 9)
    x = _x(case)
    res = CheckResult("kh.thm-2", case.name, ERROR, "exact (2)+(8), float (9) bracketed", convention(KH_8, alpha))
    # feasibility of the printed (9) does not depend on the norm: the LP of (7)'s constraints decides it
    printed = solve_1d(build(x, case.y, 7, "printed", alpha))
    ok = _certify_lp(printed, res, ctx, case.name, "__printed_feasibility",
                     "the constraint set of (9) as printed with '< 0' relaxed to '<= 0' (same as (7)'s)")
    joint = solve_joint(case, ctx, res)
    ok2, bracket = joint.ok, joint.bracket
    res.value = str(joint.exact.value) if joint.exact.status == "optimal" else bracket.text(12)
    verdict = judge(bracket, Fraction(joint.value), SOLVER_TOL)
    res.notes.append(f"corrected (9) float value {joint.value:.10g} against the exact (2)+(8) bracket: {verdict}")
    if printed.status == "optimal":
        res.notes.append("(9) as printed (closure) is feasible on this data")
        res.verdict = verdict if ok and ok2 else ERROR
    else:
        res.notes.append(f"FINDING: (9) as printed is infeasible (even with '< 0' relaxed to '<= 0'; "
                         f"{_farkas_note(printed)}) while (2)+(8) is finite: the eps = -1 constraint must read "
                         "s_i ⊙ (X^T w_i^- + b_i^- 1) >= 0; the corrected (9) " +
                         ("agrees with (2)+(8)" if verdict == CONFIRMED else "DISAGREES with (2)+(8)"))
        res.verdict = REFUTED if ok and ok2 else ERROR
    return res


# ---------------------------------------------------------------- Theorem 3 / (11)

@claim("kh.thm-3", "kh", "Theorem 3, programs (10)-(11) (Section IV)",
       "binary classification (10) equals the finite program (11)", "exact", classification_cases,
       expect=REFUTED)
def check_thm3(case: Case, ctx: Context) -> CheckResult:
    """Exact 1-D LPs: (11) printed and corrected vs (10) over the data-knot dictionary + free constant."""
    alpha, x = alpha_of(case), _x(case)
    res = CheckResult("kh.thm-3", case.name, ERROR, "exact", convention(KH_3, alpha))
    atoms, lp10, r10 = classification_1d(x, case.y, alpha)
    path, ok, problems = ctx.certify(lp_certificate(lp10, r10, res.claim, case.name,
                                                    "kh (10) in 1-D: min ||c||_1 s.t. y_i (A c + c0)_i >= 1"),
                                     res.claim, case.name, "__eq10")
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {q}" for q in problems]
    # the (10) dual u = -z (>= 0) must satisfy the semi-infinite constraint |sum u_i y_i s(w x_i + b)| <= 1
    from exact.checker._base import relu1d_sup
    sup = relu1d_sup(x, [-z * yi for z, yi in zip(r10.z_ub, case.y)], alpha)
    ok &= sup is not None and sup[0] <= 1
    res.notes.append(f"(10) infinite-width value {r10.value} (dual checked on all |w| <= 1, b: sup = "
                     f"{None if sup is None else sup[0]})")
    N = len(atoms)
    c = [r10.x[2 * j] - r10.x[2 * j + 1] for j in range(N)]
    used = sum(1 for t in c if t)
    res.notes.append(f"an optimal (10) network uses {used} neuron(s) plus the constant {r10.x[2 * N]}")
    printed, corrected = (solve_1d(build(x, case.y, 11, r, alpha)) for r in ("printed", "corrected"))
    ok &= _certify_lp(printed, res, ctx, case.name, "__printed", "status/value as solved")
    ok &= _certify_lp(corrected, res, ctx, case.name, "__corrected", "optimal value")
    res.value = str(corrected.value)
    res.notes.append(f"(11) corrected = {corrected.value}" + (" = (10)" if corrected.value == r10.value else
                                                              f" != (10) = {r10.value}"))
    same = printed.status == "optimal" and printed.value == r10.value
    res.notes.append(f"(11) as printed: {printed.status}" + (f", value {printed.value}" if printed.value is not None
                                                             else f" ({_farkas_note(printed)})")
                     + ("" if same else " -- FINDING: differs from (10)"))
    res.verdict = (PROVED if same else REFUTED) if ok and corrected.value == r10.value else ERROR
    return res


# ---------------------------------------------------------------- the Figure 1 example

def _network(neurons: list[Neuron], alpha: Fraction) -> Network1D:
    return Network1D(tuple(n.w[0] for n in neurons), tuple(n.b for n in neurons),
                     tuple(Fraction(n.weight) for n in neurons), Fraction(0), alpha)


def _describe(neurons: list[Neuron], alpha: Fraction) -> str:
    return (f"{len(kinks_1d(neurons, alpha)) + 1} pieces, kinks at {[str(t) for t in kinks_1d(neurons, alpha)]}; "
            "neurons " + ", ".join(f"{'+' if n.weight > 0 else ''}{n.weight} s({n.w[0]} x + {n.b})" for n in neurons))


def joint_cost_bounds(neurons: list[Neuron]) -> tuple[Fraction, Fraction]:
    """Rational bounds on sum_j |c_j| sqrt(w_j^2 + b_j^2): the (9) cost of a network of (7)."""
    lo = hi = Fraction(0)
    for n in neurons:
        a, c = sqrt_bounds(n.w[0] ** 2 + n.b ** 2, 30)
        lo, hi = lo + abs(n.weight) * a, hi + abs(n.weight) * c
    return lo, hi


@claim("kh.example-1", "kh", "Section V, Figure 1 (the 1-D example)",
       "(7) has optimal solutions with different numbers of pieces; (9)'s solution is Fig. 1(c); "
       "Fig. 1(a),(b)-type solutions of (7) are not optimal for (9)", "exact", example_cases)
def check_example(case: Case, ctx: Context) -> CheckResult:
    """(7) corrected exactly with its exact piece range; (9) / (2)+(8) exactly, with uniqueness.

    (7) (the printed one is infeasible here, see kh.thm-1): optimum, and the least and largest
    number of pieces over R over its optimal face (:func:`exact.kh_face.piece_range`, kind
    kh-face-pieces). (9): the exact optimum of (2)+(8) and whether its optimal function is unique
    (:func:`exact.kh_joint.solve_joint_exact`, kind relu1d-joint-exact), with the float (9) and its
    exact bracket as a cross-check. A (7)-optimal network is not (9)-optimal when its function differs
    from the unique (9)-optimal one, or (fallback) when its (9)-cost exceeds the bracket's upper end.
    PROVED when (7) has optimal solutions with different numbers of pieces and one of them is
    shown not (9)-optimal, everything certified.
    """
    alpha, x = alpha_of(case), _x(case)
    res = CheckResult("kh.example-1", case.name, ERROR, "exact", convention(KH_3, alpha))
    sol = solve_1d(build(x, case.y, 7, "corrected", alpha))
    ok = _certify_lp(sol, res, ctx, case.name, "__eq7", "optimal value")
    pr = piece_range(sol)
    path, good, problems = ctx.certify(piece_range_certificate(pr, res.claim, case.name), res.claim, case.name,
                                       "__eq7_pieces")
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {q}" for q in problems]
    ok &= good
    res.value = str(sol.value)
    res.notes.append(f"(7) corrected: exact optimum {sol.value}; over its optimal face the number of pieces over R "
                     f"ranges from {pr.min_pieces} to {pr.max_pieces}")
    res.notes.append(f"fewest = {pr.min_pieces}: " + ("PROVED (the secant slopes force as many for ANY interpolant)"
                                                     if pr.min_proved else f"witness only (secant floor {pr.min_floor})"))
    res.notes.append(f"most = {pr.max_pieces}: " + (
        f"PROVED (the terms fall into {len(pr.classes)} classes with one common kink on the affine hull of the "
        f"face, {sum(pr.jumping)} of them with a slope jump not identically 0, so no optimum has more than "
        f"{pr.max_bound}; a generic relative-interior point attains it)" if pr.max_proved else
        f"witness; upper bound {pr.max_bound}"))
    few, many = pr.min_witness.neurons(), pr.max_witness.neurons()
    res.notes.append(f"fewest-pieces (7) optimum: {_describe(few, alpha)}")
    res.notes.append(f"most-pieces (7) optimum: {_describe(many, alpha)}")
    several = pr.min_pieces < pr.max_pieces
    res.notes.append("(7) has optimal solutions with different numbers of pieces (exact witnesses)" if several
                     else "FINDING: every optimal solution of (7) has the same number of pieces")
    joint = solve_joint(case, ctx, res)
    ok &= joint.ok
    ex = joint.exact
    nine = joint.exact_neurons()
    f9 = _network(nine, alpha) if ex.status == "optimal" else None
    if f9 is not None:
        cost7 = sum((abs(n.weight * n.w[0]) for n in nine), Fraction(0))
        res.notes.append(f"(9) optimal network (exact): {_describe(nine, alpha)}; the optimal "
                         "function is " + {True: f"UNIQUE (every optimal measure lives on the {len(ex.contacts)} "
                                                 f"contact atoms of the exact dual; test: {ex.uniqueness})",
                                           False: "NOT unique (two exact optimal networks with different functions)",
                                           None: "not decided"}[ex.unique])
        res.notes.append(f"its (7)-cost sum |c w| = {cost7}" + (" = the (7) optimum: the (9) solution is also (7)-optimal, "
                                                                 "as kh state (Fig. 1(d) = 1(c))" if cost7 == sol.value else
                                                                 f" > the (7) optimum {sol.value}: it is not (7)-optimal"))
    excluded = []
    for tag, nr in (("fewest", few), ("most", many)):
        same = f9 is not None and _network(nr, alpha).same_function(f9)
        if ex.unique and not same:
            excluded.append(tag)
            res.notes.append(f"the {tag}-pieces (7) optimum is NOT (9)-optimal: its function differs from the "
                             "unique (9)-optimal one (Fig. 1(a),(b) type)")
        elif joint_cost_bounds(nr)[0] > joint.bracket.upper:
            excluded.append(tag)
            res.notes.append(f"the {tag}-pieces (7) optimum is NOT (9)-optimal as a network: its (9)-cost exceeds "
                             "the (2)+(8) upper bound" + (" (its function is the (9)-optimal one, Fig. 1(c) = (d))"
                                                          if same else ""))
        elif same:
            res.notes.append(f"the {tag}-pieces (7) optimum has the (9)-optimal function (Fig. 1(c) = (d))")
    from ..plots import plot_1d
    from ..registry import file_name
    folder = ctx.out_dir / "plots"
    folder.mkdir(parents=True, exist_ok=True)
    shown = f9 if f9 is not None else _network(joint.neurons(), alpha)
    png = plot_1d(str(folder / file_name(res.claim, case.name, "", ".png")), x, case.y,
                  [(f"(7) optimum, {pr.min_pieces} pieces", _network(few, alpha)),
                   (f"(7) optimum, {pr.max_pieces} pieces", _network(many, alpha)),
                   ("(9) optimum" + (" (exact)" if f9 is not None else " (float)"), shown)],
                  title=f"kh Fig. 1, alpha = {alpha}: (7) value {sol.value}, (9) value "
                        + (str(ex.value) if f9 is not None else joint.bracket.text(8)))
    res.notes.append(f"plot (like Fig. 1): {png}")
    res.data = {"x": [str(t) for t in x], "y": [str(t) for t in case.y], "alpha": str(alpha),
                "seven": [[(str(n.weight), str(n.w[0]), str(n.b)) for n in nr] for nr in (few, many)],
                "nine": [[str(c), str(w), str(b)] for w, b, c in ex.neurons], "nine_value": str(ex.value),
                "nine_unique": ex.unique, "plots": [png],
                "pieces_min": pr.min_pieces, "pieces_min_proved": pr.min_proved,
                "pieces_max": pr.max_pieces, "pieces_max_proved": pr.max_proved}
    res.verdict = PROVED if ok and several and excluded else (ERROR if not ok else REFUTED)
    return res
