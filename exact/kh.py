"""Kumar & Haupt's finite convex programs (7), (9), (11) over the sign patterns J.

Notation (kh, Section III): data rows x_i of ``X`` (n x d; kh's X is its
transpose), labels y, leaky slope alpha != 1, sigma(t) = t (t >= 0), alpha t
(t < 0), sign(0) = +1, J = the affine sign patterns sign(X w + b 1)
(:func:`exact.sign_patterns.affine_sign_patterns`) and h(s)_k = 1 (s_k = 1),
alpha (s_k = -1) (kh (5)). For each s in J and each part eps = +1 / -1 the
programs have a variable (w, b) ("term") whose pre-activation is
p = X w + b 1. Every program here has the form::

    min  sum_terms N(w, b)
    s.t. sum_terms eps * D ⊙ p  = y        ((7), (9): "fit")
         sum_terms eps * D ⊙ p >= 1        ((11): "margin")
         S ⊙ p >= 0                        for every term

with N(w, b) = ||w||_2 for (7), (11) and ||[w, b]||_2 for (9), and per term:

=========  ==========  ===================  ======================
program    D           S, eps = +1          S, eps = -1
=========  ==========  ===================  ======================
(7)/(9)    h(s)        s                    -s  (printed "<= 0")
corrected  h(s)        s                    s
(11)       y ⊙ h(s)    s ⊙ y                -(s ⊙ y)  (printed)
corrected  y ⊙ h(s)    s                    s
=========  ==========  ===================  ======================

(9) prints the eps = -1 constraint strictly ("< 0"); the printed reading here
is its closure "<= 0" (a superset: infeasibility of the closure is
infeasibility of (9) as printed).

Why the correction. With S = s, D ⊙ p = h(s) ⊙ p = sigma(p) on the data
(sign(p) = s, and p_k = 0 gives 0 on either branch), so each term is the
neuron eps * sigma(X w + b 1), as the atoms of B_s (= -A_s) require. With
the printed S = -s for eps = -1, -D ⊙ p = sigma(-p): the "negative" part is
again a *positive* neuron (-w, -b). So (7)/(9) as printed only represent
nonnegative measures mu >= 0; for alpha < 1 sigma is convex, every feasible
fit is convex on the data, and (7) is infeasible on non-convex data such as
kh's Figure 1 example. Similarly (11) as printed constrains y ⊙ p instead of
p, so its terms are not the atoms y ⊙ sigma(p) of kh (10).

In 1-D, ||w||_2 = |w| and (7), (11) are LPs (:func:`lp_1d`): w = w+ - w-,
cost w+ + w-. Their dual (for the float brackets of d >= 2, derived from the
Lagrangian with multipliers v for the fit/margin rows, mu >= 0 for the sign
rows; v >= 0 for "margin")::

    max v^T y  (1^T v for "margin")  s.t. for every term, with g = eps D ⊙ v + S ⊙ mu:
        (7), (11):  1^T g = 0  and  ||X^T g||_2 <= 1;     (9):  ||[X^T g, 1^T g]||_2 <= 1.

>>> from fractions import Fraction as F
>>> x = [F(-1), F(0), F(1)]
>>> solve_1d(build(x, [F(2), F(1), F(2)], 7, "corrected")).value, solve_1d(build(x, [F(2), F(1), F(2)], 7, "printed")).value
(Fraction(2, 1), Fraction(2, 1))
>>> solve_1d(build(x, [F(1), F(-1), F(1)], 7, "corrected")).value, solve_1d(build(x, [F(1), F(-1), F(1)], 7, "printed")).status
(Fraction(4, 1), 'infeasible')
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from .dictionary import leaky
from .lp import LinearProgram, LPResult, solve_lp
from .sign_patterns import affine_sign_patterns

READINGS = ("printed", "corrected")
EQUATIONS = (7, 9, 11)


@dataclass(frozen=True)
class Term:
    """One (pattern, part) variable block: eps * D ⊙ p in the main rows, S ⊙ p >= 0."""

    pattern: tuple[int, ...]
    eps: int
    D: tuple[Fraction, ...]
    S: tuple[Fraction, ...]


@dataclass(frozen=True)
class KHProgram:
    """kh (7), (9) or (11) on data (X, y) over ``patterns``, in one ``reading`` (module doc)."""

    X: tuple[tuple[Fraction, ...], ...]
    y: tuple[Fraction, ...]
    alpha: Fraction
    equation: int
    reading: str
    patterns: tuple[tuple[int, ...], ...]

    @property
    def joint_norm(self) -> bool:
        return self.equation == 9

    @property
    def margin(self) -> bool:
        return self.equation == 11

    @property
    def dim(self) -> int:
        return len(self.X[0])

    def terms(self) -> list[Term]:
        y, out = self.y, []
        for s in self.patterns:
            h = [Fraction(1) if sk == 1 else self.alpha for sk in s]
            D = tuple(hk * yk for hk, yk in zip(h, y)) if self.margin else tuple(h)
            base = tuple(Fraction(sk) * yk for sk, yk in zip(s, y)) if self.margin and self.reading == "printed" \
                else tuple(map(Fraction, s))
            for eps in (1, -1):
                S = base if eps == 1 or self.reading == "corrected" else tuple(-t for t in base)
                out.append(Term(s, eps, D, S))
        return out

    def rhs(self) -> tuple[Fraction, ...]:
        return (Fraction(1),) * len(self.y) if self.margin else self.y


def build(X: Sequence, y: Sequence, equation: int, reading: str, alpha: Fraction = Fraction(0),
          patterns: Sequence[Sequence[int]] | None = None) -> KHProgram:
    """The program ``equation`` in ``reading`` over J (computed exactly unless given).

    ``X`` is an n x d matrix or a 1-D list of points.
    """
    if equation not in EQUATIONS or reading not in READINGS:
        raise ValueError(f"equation must be one of {EQUATIONS}, reading one of {READINGS}")
    alpha = Fraction(alpha)
    if alpha == 1:
        raise ValueError("kh require alpha != 1 (alpha = 1 makes every neuron linear)")
    rows = tuple(tuple(map(Fraction, r)) if isinstance(r, (list, tuple)) else (Fraction(r),) for r in X)
    y = tuple(map(Fraction, y))
    if equation == 11 and any(v not in (1, -1) for v in y):
        raise ValueError("kh (10)/(11) is binary classification: labels must be +1 or -1")
    J = tuple(map(tuple, patterns)) if patterns is not None else tuple(affine_sign_patterns(rows))
    return KHProgram(rows, y, alpha, equation, reading, J)


@dataclass(frozen=True)
class Neuron:
    """The network term ``weight * sigma(x^T w + b)`` (weight +-1 for the programs' terms)."""

    weight: int | Fraction
    w: tuple[Fraction, ...]
    b: Fraction


@dataclass(frozen=True)
class KHSolution:
    """Exact solution of a 1-D program (7) or (11) (``status`` 'optimal' / 'infeasible')."""

    program: KHProgram
    status: str
    value: Fraction | None
    w: tuple[Fraction, ...]  # per term (empty unless optimal)
    b: tuple[Fraction, ...]
    lp: LinearProgram
    result: LPResult

    def neurons(self) -> list[Neuron]:
        """The terms as neurons (S = +-s readings only; nonzero terms; see :func:`term_neuron`)."""
        out = []
        for t, w, b in zip(self.program.terms(), self.w, self.b):
            if w or b:
                out.append(term_neuron(self.program, t, (w,), b))
        return out


def term_neuron(prog: KHProgram, t: Term, w: tuple[Fraction, ...], b: Fraction) -> Neuron:
    """eps D ⊙ p as a neuron on the data: S = s gives eps sigma(p); S = -s gives -eps sigma(-p).

    Not defined for the printed (11), whose S = +-(s ⊙ y) is not a pattern of p.
    """
    s = tuple(Fraction(v) for v in t.pattern)
    if prog.margin and prog.reading == "printed":
        raise ValueError("the printed (11) terms are not neurons of kh (10)")
    if t.S == s:
        return Neuron(t.eps, w, b)
    return Neuron(-t.eps, tuple(-v for v in w), -b)


def lp_1d(prog: KHProgram) -> LinearProgram:
    """(7) or (11) in 1-D as an LP: per term (w+, w-, b) at columns 3k, 3k+1, 3k+2 (b free)."""
    if prog.dim != 1 or prog.joint_norm:
        raise ValueError("lp_1d: (7) or (11) with 1-D data (||w||_2 = |w|)")
    x = [r[0] for r in prog.X]
    terms = prog.terms()
    main: list[dict[int, Fraction]] = [{} for _ in x]
    signs: list[dict[int, Fraction]] = []
    for k, t in enumerate(terms):
        for i, xi in enumerate(x):
            c = t.eps * t.D[i]
            if c:
                main[i].update({3 * k: c * xi, 3 * k + 1: -c * xi, 3 * k + 2: c})
            # -S_i (x_i w + b) <= 0
            signs.append({j: v for j, v in ((3 * k, -t.S[i] * xi), (3 * k + 1, t.S[i] * xi),
                                            (3 * k + 2, -t.S[i])) if v})
    main = [{j: v for j, v in row.items() if v} for row in main]
    cost = tuple(Fraction(1) if j % 3 != 2 else Fraction(0) for j in range(3 * len(terms)))
    free = frozenset(3 * k + 2 for k in range(len(terms)))
    if prog.margin:
        return LinearProgram(cost, A_ub=tuple({j: -v for j, v in r.items()} for r in main) + tuple(signs),
                             b_ub=(Fraction(-1),) * len(x) + (Fraction(0),) * len(signs), free=free)
    return LinearProgram(cost, A_eq=tuple(main), b_eq=prog.y, A_ub=tuple(signs),
                         b_ub=(Fraction(0),) * len(signs), free=free)


def feasibility_lp(prog: KHProgram, plus_only: bool = False) -> LinearProgram:
    """The constraint set of (7)/(9)/(11) in any dimension as an LP with zero cost (the norms do not matter).

    Per term k the free columns (w_k, b_k) at k(d+1) .. k(d+1)+d. Exact
    infeasibility (a Farkas vector) proves the program infeasible.
    ``plus_only`` keeps the eps = +1 terms only. For the printed (7)/(9) this LP is
    feasible iff the full one is: the printed eps = -1 term of s is -h(s) ⊙ p with
    -s ⊙ p >= 0, i.e. the eps = +1 term of s at -p, and two points of the same
    convex cone add to one.

    >>> from fractions import Fraction as F
    >>> X = [[F(0), F(0)], [F(1), F(0)], [F(0), F(1)], [F(1, 3), F(1, 3)]]
    >>> [solve_lp(feasibility_lp(build(X, [F(0), F(0), F(0), F(1)], 7, "printed"), p)).status for p in (0, 1)]
    ['infeasible', 'infeasible']
    """
    d, terms = prog.dim, [t for t in prog.terms() if t.eps == 1 or not plus_only]
    main: list[dict[int, Fraction]] = [{} for _ in prog.X]
    signs: list[dict[int, Fraction]] = []
    for k, t in enumerate(terms):
        base = k * (d + 1)
        for i, row in enumerate(prog.X):
            coef = {base + j: a for j, a in enumerate(row) if a}
            coef[base + d] = Fraction(1)
            if t.D[i]:
                main[i].update({j: t.eps * t.D[i] * a for j, a in coef.items()})
            signs.append({j: -t.S[i] * a for j, a in coef.items() if t.S[i]})
    n_var = len(terms) * (d + 1)
    zero, free = (Fraction(0),) * n_var, frozenset(range(n_var))
    if prog.margin:
        return LinearProgram(zero, A_ub=tuple({j: -a for j, a in r.items()} for r in main) + tuple(signs),
                             b_ub=(Fraction(-1),) * len(main) + (Fraction(0),) * len(signs), free=free)
    return LinearProgram(zero, A_eq=tuple(main), b_eq=prog.y, A_ub=tuple(signs),
                         b_ub=(Fraction(0),) * len(signs), free=free)


def solve_1d(prog: KHProgram) -> KHSolution:
    """Solve the 1-D LP of (7) / (11) exactly (optimal with dual, or infeasible with Farkas)."""
    lp = lp_1d(prog)
    res = solve_lp(lp)
    if res.status != "optimal":
        return KHSolution(prog, res.status, None, (), (), lp, res)
    m = len(prog.terms())
    w = tuple(res.x[3 * k] - res.x[3 * k + 1] for k in range(m))
    b = tuple(res.x[3 * k + 2] for k in range(m))
    return KHSolution(prog, res.status, res.value, w, b, lp, res)


def network_values(neurons: Sequence[Neuron], X: Sequence[Sequence[Fraction]], alpha: Fraction) -> list[Fraction]:
    """sum_j weight_j sigma(x_i^T w_j + b_j) at every row x_i, exactly."""
    return [sum((nr.weight * leaky(sum((a * c for a, c in zip(row, nr.w)), nr.b), alpha) for nr in neurons),
                Fraction(0)) for row in X]


def kinks_1d(neurons: Sequence[Neuron], alpha: Fraction) -> list[Fraction]:
    """The points where the 1-D network sum_j c_j sigma(w_j t + b_j) really kinks (cancellations removed).

    The slope of c sigma(w t + b) jumps by (1 - alpha) |w| c at t = -b/w.

    >>> F = Fraction
    >>> kinks_1d([Neuron(1, (F(1),), F(0)), Neuron(-1, (F(-1),), F(0))], F(0))   # t_+ - (-t)_+ = t
    []
    """
    jump: dict[Fraction, Fraction] = {}
    for nr in neurons:
        (w,) = nr.w
        if w:
            t = -nr.b / w
            jump[t] = jump.get(t, Fraction(0)) + (1 - alpha) * abs(w) * nr.weight
    return sorted(t for t, j in jump.items() if j)


def classification_1d(x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction = Fraction(0)):
    """kh (10) in 1-D, independently of (11): min ||c||_1 s.t. y_i (A c + c0 1)_i >= 1.

    A is the data-knot dictionary :func:`exact.dictionary.relu_atoms` and c0 a
    free constant: as for interpolation (:mod:`exact.interpolation`), a neuron
    with |w| < 1 is dominated, one with a knot between data points is on the
    data a convex combination of the two data-knot atoms (same cost), and
    w = 0 gives any constant at a cost -> 0 (b -> oo). Returns (atoms, LP, result).
    """
    from .dictionary import relu_atoms
    from .l1 import l1_program

    x, y, alpha = tuple(map(Fraction, x)), tuple(map(Fraction, y)), Fraction(alpha)
    atoms = relu_atoms(x, alpha)
    cols = [{i: yi * v for i, (xi, yi) in enumerate(zip(x, y)) if (v := a(xi, alpha))} for a in atoms]
    eq = l1_program(cols, [Fraction(1)] * len(x), [{i: yi for i, yi in enumerate(y)}])
    lp = LinearProgram(eq.c, A_ub=tuple({j: -v for j, v in r.items()} for r in eq.A_eq),
                       b_ub=(Fraction(-1),) * len(x), free=eq.free)
    return atoms, lp, solve_lp(lp)


def face_solutions(sol: KHSolution, objectives: Sequence[Sequence[int]]) -> list[KHSolution]:
    """Optimal solutions of a 1-D (7)/(11) found by optimising each objective over its optimal face.

    The face is {feasible, cost = value}; every answer is an exact optimum of
    the program (same value), distinct ones only.
    """
    from dataclasses import replace

    lp, seen, out = sol.lp, {sol.result.x}, [sol]
    face = replace(lp, A_eq=lp.A_eq + ({j: c for j, c in enumerate(lp.c) if c},), b_eq=lp.b_eq + (sol.value,))
    m = len(sol.program.terms())
    for obj in objectives:
        cost = [Fraction(0)] * lp.num_vars
        for k, c in enumerate(obj):  # c weighs term k's w = w+ - w- (b would make the LP unbounded)
            cost[3 * k], cost[3 * k + 1] = Fraction(c), Fraction(-c)
        res = solve_lp(replace(face, c=tuple(cost)))
        if res.status == "optimal" and res.x not in seen:
            seen.add(res.x)
            w = tuple(res.x[3 * k] - res.x[3 * k + 1] for k in range(m))
            b = tuple(res.x[3 * k + 2] for k in range(m))
            out.append(KHSolution(sol.program, "optimal", sol.value, w, b, sol.lp, res))
    return out


def min_kinks(x: Sequence[Fraction], y: Sequence[Fraction]) -> int:
    """A lower bound on the number of kinks of ANY continuous piecewise-linear interpolant of (x, y).

    With secant slopes m_i on [x_i, x_{i+1}] (x sorted), m_i < m_{i+1} forces an upward slope
    jump strictly inside (x_i, x_{i+2}) (a nonincreasing slope there would give m_i >= m_{i+1}),
    m_i > m_{i+1} a downward one. Jumps of opposite signs are distinct kinks; for each sign the
    least number of points stabbing all its open intervals is found greedily (by right end).

    >>> F = Fraction
    >>> min_kinks([F(-1), F(-3, 5), F(-1, 5), F(1, 5), F(3, 5), F(1)], [1, -1, 1, 1, -1, 1])
    3
    >>> min_kinks([F(0), F(1), F(2)], [0, 1, 2])
    0
    """
    pts = sorted(zip(map(Fraction, x), map(Fraction, y)))
    m = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(pts, pts[1:])]
    total = 0
    for up in (True, False):
        spans = sorted(((pts[i][0], pts[i + 2][0]) for i in range(len(m) - 1)
                        if m[i] != m[i + 1] and (m[i] < m[i + 1]) == up), key=lambda s: s[1])
        point = None  # the current stab sits just left of this right end
        for left, right in spans:
            if point is None or not left < point:
                total, point = total + 1, right
    return total
