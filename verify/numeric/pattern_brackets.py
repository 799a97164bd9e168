"""Brackets of the infinite-width problem in any dimension through the sign patterns, in two independent routes.

The problem (kh (2) with W = {||w||_2 <= 1}, b free, or W = {||[w, b]||_2 <= 1}, ``joint``; no output
bias): inf ||mu||_TV s.t. y_i = int sigma_alpha(x_i^T w + b) dmu(w, b). Route A solves its pattern
program with atom terms (:mod:`exact.relu.pattern_program`) in float (:func:`socp`) and turns the
solution into an exact bracket (:func:`program_bracket`); route B never builds the program: an exact
LP over a dictionary of atoms with column generation (:func:`dictionary_bracket`). Both lower ends
come from :func:`verify.numeric.sups.pattern_sup` (a dual point made feasible over every pattern),
both upper ends from exact LPs over networks with atoms in W. Each bracket is certified as kind
"pattern-bracket".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Sequence

import numpy as np

from exact.certificates.pattern_bracket import pattern_bracket_certificate
from exact.certificates.pattern_program_lower import program_lower_certificate
from exact.checker.arith import sigma
from exact.convention import Convention, HiddenBias
from exact.l1 import l1_program
from exact.lp import LPResult, solve_lp
from exact.numbers import sqrt_bounds
from exact.relu.arrangements import PatternTree
from exact.relu.networks import Network, Neuron
from exact.relu.pattern_program import PatternProgram, extreme_rows, pattern_program, term_neuron

from .bracket import Bracket, Position, locate
from .socp import CLARABEL_TOLERANCES, SOLVER_TOL, solve
from .sups import PatternSup, pattern_sup

Atom = tuple[tuple[Fraction, ...], Fraction]  # (w, b) of an atom of W


def socp(prog: PatternProgram, solver: str = "CLARABEL") -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """Float solve of a pattern program with cvxpy: (value, W (terms x d), B, v the dual of the main rows).

    One variable vector z = (w_k, b_k) per term and sparse constraint matrices (the per-term expressions of a
    naive model cost cvxpy seconds to canonicalise at a few hundred terms); in 1-D only the sign rows of
    :func:`exact.relu.pattern_program.extreme_rows`, which imply the others.
    """
    import cvxpy as cp
    import scipy.sparse as sp

    terms, X = prog.terms, np.array([[float(t) for t in r] for r in prog.X])
    y = np.array([float(t) for t in prog.rhs()])
    m, (n, d) = len(terms), X.shape
    lifted = np.hstack([X, np.ones((n, 1))])  # p_k = lifted @ z_k
    main_r, main_c, main_v, sign_r, sign_c, sign_v = [], [], [], [], [], []
    order = sorted(range(n), key=lambda i: prog.X[i][0])
    for k, t in enumerate(terms):
        cols = range(k * (d + 1), (k + 1) * (d + 1))
        rows = extreme_rows(order, t.S) if d == 1 else [i for i in range(n) if t.S[i]]
        for i in range(n):
            if t.D[i]:
                main_r += [i] * (d + 1)
                main_c += cols
                main_v += list(t.eps * float(t.D[i]) * lifted[i])
        for i in rows:
            sign_r += [len(sign_r) // (d + 1)] * (d + 1)
            sign_c += cols
            sign_v += list(float(t.S[i]) * lifted[i])
    M = sp.csr_matrix((main_v, (main_r, main_c)), shape=(n, m * (d + 1)))
    G = sp.csr_matrix((sign_v, (sign_r, sign_c)), shape=(len(sign_r) // (d + 1), m * (d + 1)))
    z = cp.Variable(m * (d + 1))
    Z = cp.reshape(z, (m, d + 1), order="C")
    main = M @ z >= y if prog.margin else M @ z == y
    norms = cp.norm(Z if prog.joint_norm else Z[:, :d], 2, axis=1)
    options = CLARABEL_TOLERANCES if solver == "CLARABEL" else {}
    value = solve(cp.Problem(cp.Minimize(cp.sum(norms)), [main, G @ z >= 0]), solver, **options)
    v = np.asarray(main.dual_value, dtype=float)
    if float(v @ y) * value < 0:  # cvxpy's sign convention for equality duals
        v = -v
    zv = np.asarray(z.value).reshape(m, d + 1)
    return value, zv[:, :d], zv[:, d], v


def rational(t: float) -> Fraction:
    """A nearby simple rational (denominator <= 10^9): exact data from a float solver's output."""
    return Fraction(float(t)).limit_denominator(10**9)


DICT_DIRECTIONS = 48  # seeded random unit directions of the first dictionary LP (independent route)
DICT_ROUNDS = 12  # most column-generation rounds of the dictionary route
DICT_WIDTH = Fraction(1, 10**10)  # ... which stops once its bracket is this narrow


def sphere_point(u) -> tuple[Fraction, ...]:
    """A rational point of the unit sphere (norm exactly 1) near the float vector ``u`` (dimension >= 2).

    Inverse stereographic projection of the rational t = u'/(1 +- u_last), from the pole away from u.

    >>> p = sphere_point([0.6, -0.8]); sum(a * a for a in p), [round(float(a), 6) for a in p]
    (Fraction(1, 1), [0.6, -0.8])
    """
    u = np.asarray(u, dtype=float)
    u = u / np.linalg.norm(u)
    sgn = 1 if u[-1] >= 0 else -1
    t = [rational(a / (1 + sgn * u[-1])) for a in u[:-1]]
    r = sum((a * a for a in t), Fraction(0))
    return tuple(2 * a / (1 + r) for a in t) + (sgn * (1 - r) / (1 + r),)


def _unit_neuron(w: Sequence[float | Fraction], b: float | Fraction, joint: bool) -> Atom | None:
    """(w, b) rational, divided by an upper bound of ||w|| (||[w, b]|| if joint): an atom of W, cost <= 1."""
    w, b = tuple(rational(a) for a in w), rational(b)
    sq = sum((a * a for a in w), Fraction(0)) + (b * b if joint else 0)
    if sq == 0:
        return None
    _, hi = sqrt_bounds(sq, 30)
    return tuple(a / hi for a in w), b / hi


def network_lp(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], alpha: Fraction, neurons: Sequence[Atom],
               joint: bool) -> LPResult:
    """Exact LP min sum |c_j| s.t. sum_j c_j sigma(X w_j + b_j 1) (+ c0 1, b free: a constant costs 0 in
    the limit) = y over atoms of W (||w_j|| <= 1, resp. ||[w_j, b_j]|| <= 1): an upper bound of the problem."""
    cols = [{i: val for i, row in enumerate(X)
             if (val := sigma(sum((a * c for a, c in zip(row, w)), b), alpha))} for w, b in neurons]
    free = [] if joint else [{i: Fraction(1) for i in range(len(X))}]
    return solve_lp(l1_program(cols, list(y), free))


@dataclass(frozen=True)
class PatternBracket:
    """An exact bracket of the problem (b free, or inside the norm when ``joint``) with its evidence: the network
    of the LP ``res`` over ``neurons`` (upper end) and the dual v / G with G = ``sup.upper``, the multiplier
    bound of :func:`verify.numeric.sups.pattern_sup` over the patterns of ``tree`` (lower end)."""

    bracket: Bracket
    X: tuple
    y: tuple
    alpha: Fraction
    joint: bool
    tree: PatternTree
    v: tuple[Fraction, ...]
    sup: PatternSup
    neurons: tuple[Atom, ...]
    res: LPResult

    def network(self) -> Network:
        k = len(self.neurons)
        return Network(tuple(Neuron(w, b, self.res.x[2 * j] - self.res.x[2 * j + 1])
                             for j, (w, b) in enumerate(self.neurons)),
                       Fraction(0) if self.joint else self.res.x[2 * k], self.alpha)

    def certificate(self, claim: str, case: str, statement: str) -> dict:
        """Kind "pattern-bracket" (:mod:`exact.checker.pattern_bracket`)."""
        return pattern_bracket_certificate(claim, case, statement, self.X, self.y, self.alpha, self.joint, self.tree,
                                           self.v, self.sup.upper, self.sup.multipliers, self.bracket.lower,
                                           self.network(), self.bracket.upper)


def scaled_dual(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], alpha: Fraction, joint: bool,
                tree: PatternTree, v: Sequence[float | Fraction], flip_minus: bool = False
                ) -> tuple[tuple[Fraction, ...], PatternSup, Fraction]:
    """(v rational and centred if b is free, its multiplier bound G, the lower bound v^T y / G).

    Not ``flip_minus``: v / G is feasible for the semi-infinite dual of the problem
    (:func:`verify.numeric.sups.pattern_sup`). ``flip_minus``: for the dual of a program whose eps = -1
    pieces carry -s (kh (7)/(9) as printed), so v^T y / G bounds that program below.
    """
    vq = [rational(a) for a in v]
    if not joint:
        mean = sum(vq, Fraction(0)) / len(vq)
        vq = [a - mean for a in vq]
    sup = pattern_sup(X, vq, alpha, [r.pattern for r in tree.realised], joint, flip_minus=flip_minus)
    return tuple(vq), sup, sum((a * b for a, b in zip(vq, y)), Fraction(0)) / sup.upper


def _pattern_bracket(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], alpha: Fraction, joint: bool,
                     tree: PatternTree, v: Sequence[float | Fraction], neurons: Sequence[Atom], how: tuple[str, str]
                     ) -> PatternBracket:
    """Exact LP over ``neurons`` (upper) and the exactly rescaled dual ``v`` (lower, centred if b is free)."""
    res = network_lp(X, y, alpha, neurons, joint)
    if res.status != "optimal":
        raise ValueError(f"the network LP over {len(neurons)} atoms is {res.status}: it must fit y")
    vq, sup, lower = scaled_dual(X, y, alpha, joint, tree, v)
    return PatternBracket(Bracket(lower, res.value, *how), tuple(X), tuple(y), alpha, joint, tree, vq, sup,
                          tuple(neurons), res)


def program_bracket(prog: PatternProgram, W: np.ndarray, B: np.ndarray, v: np.ndarray, tree: PatternTree
                    ) -> PatternBracket:
    """Exact bracket from a float solution of the atom-term pattern program (``prog.joint_norm`` or not) in any d.

    Encloses BOTH the value of the program and the infinite-width value:
    upper = exact LP over the float neurons (each scaled into W) and the exact pattern witnesses of
    ``tree`` (:func:`network_lp`); the LP network is feasible for (2) and, merging equal (pattern, sign)
    terms (triangle inequality), for the program. Lower = v^T y / G with v the float dual (exactly
    centred, 1^T v = 0, when b is free) and G >= sup over the atoms of |v^T sigma(X w + b 1)|
    (:func:`verify.numeric.pattern_sup`): v / G is feasible for the semi-infinite dual of (2) and
    for the dual of the program (module doc of :mod:`exact.relu.pattern_program`), so weak duality bounds both.
    """
    joint, X = prog.joint_norm, prog.X
    found: list[Atom | None] = []
    for k, t in enumerate(prog.terms):
        if np.abs(W[k]).sum() + abs(B[k]) > 1e-7:
            nr = term_neuron(t, tuple(rational(a) for a in W[k]), rational(B[k]))
            found.append(_unit_neuron(nr.w, nr.b, joint))
    found += [_unit_neuron(r.w, r.b, joint) for r in tree.realised]
    if joint:
        found.append((tuple(Fraction(0) for _ in X[0]), Fraction(1)))
    neurons = [n for n in found if n is not None]
    return _pattern_bracket(X, prog.y, prog.alpha, joint, tree, v, neurons,
                            (f"float dual of {prog.name or 'the pattern program'}, centred, / pattern sup bound",
                             f"exact LP over {len(neurons)} atoms (float neurons + pattern witnesses)"))


def dictionary_bracket(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], alpha: Fraction, tree: PatternTree,
                       joint: bool, rounds: int = DICT_ROUNDS) -> PatternBracket:
    """Bracket the infinite-width value (bias in the norm when ``joint``) WITHOUT the pattern program.

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
    low: PatternBracket | None = None  # the rounds with the best lower and the best upper end
    up: PatternBracket | None = None
    for _ in range(rounds):
        if joint:
            neurons = [(u[:d], u[d]) for u in dirs]
        else:
            neurons = [(u, -sum((a * c for a, c in zip(row, u)), Fraction(0))) for u in dirs for row in X]
        res = network_lp(X, y, alpha, neurons, joint)
        pb = _pattern_bracket(X, y, alpha, joint, tree, res.y_eq, neurons,
                              ("dictionary LP dual / pattern sup bound",
                               f"exact dictionary LP ({len(dirs)} directions)"))
        low = pb if low is None or pb.bracket.lower > low.bracket.lower else low
        up = pb if up is None or pb.bracket.upper < up.bracket.upper else up
        if up.bracket.upper - low.bracket.lower <= DICT_WIDTH:
            break
        dirs += [sphere_point(u) for u in pb.sup.directions if np.linalg.norm(u) > 0]
    return replace(low, bracket=Bracket(low.bracket.lower, up.bracket.upper, low.bracket.lower_from,
                                        up.bracket.upper_from), neurons=up.neurons, res=up.res)


@dataclass(frozen=True)
class TwoRoutes:
    """The atom-term pattern program on matrix data: float value, program bracket A, dictionary bracket B."""

    program: PatternProgram
    value: float
    A: PatternBracket
    B: PatternBracket
    meet: Position  # of A against B: both enclose the same value, so INSIDE unless a bound is wrong
    in_a: Position  # of the float value against A (tol SOLVER_TOL)


def two_routes(X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], alpha: Fraction, joint: bool,
               tree: PatternTree, name: str = "") -> TwoRoutes:
    """Solve the atom-term program over the exact J of ``tree`` and bracket the problem by both routes."""
    conv = Convention(alpha, HiddenBias.IN_NORM if joint else HiddenBias.FREE)
    prog = pattern_program(X, y, conv, patterns=[r.pattern for r in tree.realised], name=name)
    value, W, B, v = socp(prog)
    A = program_bracket(prog, W, B, v, tree)
    Bd = dictionary_bracket(X, y, alpha, tree, joint)
    return TwoRoutes(prog, value, A, Bd, locate(A.bracket, Bd.bracket),
                     locate(A.bracket, Fraction(value), SOLVER_TOL))


def lower_bound_certificate(claim: str, case: str, statement: str, X: Sequence[Sequence[Fraction]],
                            y: Sequence[Fraction], alpha: Fraction, joint: bool, tree: PatternTree,
                            v: Sequence[float]) -> tuple[dict, Fraction]:
    """(kind "pattern-program-lower" document, its lower bound) for a program whose eps = -1 pieces carry -s."""
    vq, sup, low = scaled_dual(X, y, alpha, joint, tree, v, flip_minus=True)
    return program_lower_certificate(claim, case, statement, X, y, alpha, joint, tree, vq, sup.upper,
                                     sup.multipliers, low), low
