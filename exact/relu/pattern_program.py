"""Finite convex programs over the sign patterns of the data (kh (7), (9), (11); pe (8) has the same pieces).

Notation: data rows x_i of ``X`` (n x d), labels y, leaky slope alpha != 1, sign(0) = +1,
J = the affine sign patterns sign(X w + b 1) (:func:`exact.relu.arrangements.affine_sign_patterns`)
and h(s)_k = 1 (s_k = 1), alpha (s_k = -1). For each s in J and each part eps = +1 / -1 a program
has a variable (w, b) ("term") whose pre-activation is p = X w + b 1::

    min  sum_terms N(w, b)
    s.t. sum_terms eps * D ⊙ p  = y        ("fit")
         sum_terms eps * D ⊙ p >= 1        ("margin", labels +-1)
         S ⊙ p >= 0                        for every term

with N(w, b) = ||w||_2, or ||[w, b]||_2 (``joint_norm``). The *atom terms* (:func:`atom_terms`) have
D = h(s) (y ⊙ h(s) for "margin") and S = s for both parts: with S = s, D ⊙ p = h(s) ⊙ p =
sigma(p) on the data (sign(p) = s, and p_k = 0 gives 0 on either branch), so each term is the
neuron eps * sigma(X w + b 1) (times y for "margin") and the program is the infinite-width
problem over the atoms restricted to one neuron per (pattern, part). A paper's program with
other sign rows S is built from its own terms (``verify/claims/<paper>/programs.py``).

In 1-D, ||w||_2 = |w| and the non-joint programs are LPs (:func:`lp_1d`): w = w+ - w-,
cost w+ + w-, with at most 4 sign rows per term (:func:`extreme_rows`: they imply the other n, so the
LP is the same, with O(n) fewer rows per term); their certificate (kind pattern-program-1d) is checked
against all n sign rows of every term. Their dual (derived from the Lagrangian with multipliers v for the
fit/margin rows, mu >= 0 for the sign rows; v >= 0 for "margin")::

    max v^T y  (1^T v for "margin")  s.t. for every term, with g = eps D ⊙ v + S ⊙ mu:
        1^T g = 0 and ||X^T g||_2 <= 1;     joint norm:  ||[X^T g, 1^T g]||_2 <= 1.

>>> from fractions import Fraction as F
>>> x = [F(-1), F(0), F(1)]
>>> solve_1d(pattern_program(x, [F(2), F(1), F(2)])).value, solve_1d(pattern_program(x, [F(1), F(-1), F(1)])).value
(Fraction(2, 1), Fraction(4, 1))
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Sequence

from ..convention import Convention, HiddenBias
from ..lp import LinearProgram, LPResult, solve_lp
from .arrangements import Pattern, affine_sign_patterns
from .networks import Network, Neuron

Rows = tuple[tuple[Fraction, ...], ...]


@dataclass(frozen=True)
class Term:
    """One (pattern, part) variable block: eps * D ⊙ p in the main rows, S ⊙ p >= 0."""

    pattern: Pattern
    eps: int
    D: tuple[Fraction, ...]
    S: tuple[Fraction, ...]


ONE, MINUS_ONE = Fraction(1), Fraction(-1)  # shared by every term (a term holds 2n of them, a program 4n terms)


def h_vector(s: Sequence[int], alpha: Fraction) -> tuple[Fraction, ...]:
    """h_k(s) = 1 if s_k = +1, alpha if s_k = -1: sigma_alpha(p) = h(s) ⊙ p whenever s ⊙ p >= 0."""
    alpha = Fraction(alpha)
    return tuple(ONE if si == 1 else alpha for si in s)


def sign_vector(s: Sequence[int]) -> tuple[Fraction, ...]:
    """s as rationals."""
    return tuple(ONE if si == 1 else MINUS_ONE for si in s)


def atom_terms(patterns: Sequence[Pattern], alpha: Fraction, y: Sequence[Fraction] | None = None
               ) -> tuple[Term, ...]:
    """The terms whose pieces are atoms (module doc): D = h(s) (⊙ y when ``y`` is given), S = s."""
    out = []
    scaled = None if y is None else [(yk, alpha * yk) for yk in y]  # h(s)_k y_k for s_k = 1, -1
    for s in patterns:
        D = h_vector(s, alpha) if scaled is None else tuple(e[si != 1] for si, e in zip(s, scaled, strict=True))
        S = sign_vector(s)
        out += [Term(tuple(s), 1, D, S), Term(tuple(s), -1, D, S)]
    return tuple(out)


@dataclass(frozen=True)
class PatternProgram:
    """A program of the module doc on data (X, y) over ``patterns``; ``name`` is informational."""

    X: Rows
    y: tuple[Fraction, ...]
    alpha: Fraction
    joint_norm: bool
    margin: bool
    patterns: tuple[Pattern, ...]
    terms: tuple[Term, ...]
    name: str = ""

    @property
    def dim(self) -> int:
        return len(self.X[0])

    @property
    def atoms_only(self) -> bool:
        """Every term has S = s: its pieces are atoms (the infinite-width problem restricted to J)."""
        return all(t.S == tuple(map(Fraction, t.pattern)) for t in self.terms)

    def rhs(self) -> tuple[Fraction, ...]:
        return (Fraction(1),) * len(self.y) if self.margin else self.y


def as_rows(X: Sequence) -> Rows:
    """An n x d matrix, or a 1-D list of points as an n x 1 matrix."""
    return tuple(tuple(map(Fraction, r)) if isinstance(r, (list, tuple)) else (Fraction(r),) for r in X)


def pattern_program(X: Sequence, y: Sequence, convention: Convention = Convention(), margin: bool = False,
                    patterns: Sequence[Sequence[int]] | None = None, terms: Sequence[Term] | None = None,
                    name: str = "") -> PatternProgram:
    """The program of the module doc over J (computed exactly unless given), with the atom terms unless given.

    ``convention``: the leaky slope, and the hidden bias free (kh (3): cost ||w||) or in the norm (kh (8):
    cost ||[w, b]||); no output bias (kh (2)).
    """
    if convention.hidden_bias is HiddenBias.NONE or convention.output_bias:
        raise ValueError(f"the pattern programs have a hidden bias and no output bias, not {convention.describe()}")
    alpha, joint_norm = convention.alpha, convention.hidden_bias is HiddenBias.IN_NORM
    rows, yq = as_rows(X), tuple(map(Fraction, y))
    if margin and any(v not in (1, -1) for v in yq):
        raise ValueError("a margin program is binary classification: labels must be +1 or -1")
    J = tuple(map(tuple, patterns)) if patterns is not None else tuple(affine_sign_patterns(rows))
    T = tuple(terms) if terms is not None else atom_terms(J, alpha, yq if margin else None)
    return PatternProgram(rows, yq, alpha, joint_norm, margin, J, T, name)


def term_neuron(t: Term, w: tuple[Fraction, ...], b: Fraction) -> Neuron:
    """eps D ⊙ p as a neuron on the data: S = s gives eps sigma(p); S = -s gives -eps sigma(-p).

    Not defined for other sign rows (e.g. S = s ⊙ y), which are not patterns of p.
    """
    s = tuple(Fraction(v) for v in t.pattern)
    if t.S == s:
        return Neuron(w, b, Fraction(t.eps))
    if t.S == tuple(-v for v in s):
        return Neuron(tuple(-v for v in w), -b, Fraction(-t.eps))
    raise ValueError("the term's sign rows are not +-its pattern: it is not a neuron")


@dataclass(frozen=True)
class PatternSolution:
    """Exact solution of a 1-D non-joint program (``status`` 'optimal' / 'infeasible')."""

    program: PatternProgram
    status: str
    value: Fraction | None
    w: tuple[Fraction, ...]  # per term (empty unless optimal)
    b: tuple[Fraction, ...]
    lp: LinearProgram
    result: LPResult
    sign_rows: tuple[tuple[int, int], ...]  # (term, point) of each sign row of ``lp`` (:class:`Program1D`)

    def network(self) -> Network:
        """The nonzero terms as neurons (:func:`term_neuron`)."""
        return Network(tuple(term_neuron(t, (w,), b) for t, w, b in zip(self.program.terms, self.w, self.b,
                                                                         strict=True) if w or b),
                       alpha=self.program.alpha)

    def at_point(self, z: Sequence[Fraction]) -> "PatternSolution":
        """This solution moved to the LP point z (z must be on the optimal face)."""
        m = len(self.program.terms)
        return replace(self, w=tuple(z[3 * k] - z[3 * k + 1] for k in range(m)),
                       b=tuple(z[3 * k + 2] for k in range(m)), result=replace(self.result, x=tuple(z)))


def extreme_rows(order: Sequence[int], S: Sequence[Fraction]) -> list[int]:
    """The points whose sign rows S_i (x_i w + b) >= 0 imply those of all points: per sign class
    {i : S_i = c} (c = +1, -1) the points of least and of greatest x (``order``: the points by increasing x).

    Why this is exact: on a class, c (t w + b) is affine in t, and every x_k of the class is
    lam x_lo + (1 - lam) x_hi with lam in [0, 1], so its row is lam (row lo) + (1 - lam) (row hi):
    nonnegative at both ends, nonnegative at x_k. Rows with S_i = 0 are void. So a term needs at most 4
    sign rows whatever n is, and the program (all n rows per term) keeps its feasible set, its value and
    its dual certificates (multipliers 0 on the implied rows).

    >>> extreme_rows([1, 3, 0, 2], [1, 1, -1, 1])     # x = (2, 0, 3, 1)
    [1, 0, 2]
    """
    out: list[int] = []
    for positive in (True, False):
        ends = [next((i for i in seq if (S[i] > 0 if positive else S[i] < 0)), None) for seq in (order, order[::-1])]
        out += [i for k, i in enumerate(ends) if i is not None and i not in ends[:k]]
    return out


@dataclass(frozen=True)
class Program1D:
    """The LP of a non-joint 1-D program (:func:`lp_1d`) and, per sign row of ``lp.A_ub`` (after the n margin
    rows of a margin program), the (term, point) whose row S_i (x_i w + b) >= 0 it is."""

    lp: LinearProgram
    sign_rows: tuple[tuple[int, int], ...]


def lp_1d(prog: PatternProgram) -> Program1D:
    """A non-joint program in 1-D as an LP: per term (w+, w-, b) at columns 3k, 3k+1, 3k+2 (b free), with the
    sign rows of :func:`extreme_rows` only (at most 4 per term: the same LP, :func:`extreme_rows`)."""
    if prog.dim != 1 or prog.joint_norm:
        raise ValueError("lp_1d: a program without the joint norm on 1-D data (||w||_2 = |w|)")
    x = [r[0] for r in prog.X]
    main: list[dict[int, Fraction]] = [{} for _ in x]
    signs: list[dict[int, Fraction]] = []
    where: list[tuple[int, int]] = []
    order = sorted(range(len(x)), key=x.__getitem__)
    for k, t in enumerate(prog.terms):
        for i, xi in enumerate(x):
            if d := t.D[i]:
                c = d if t.eps == 1 else -d
                if xi:
                    cx = c * xi
                    main[i].update({3 * k: cx, 3 * k + 1: -cx, 3 * k + 2: c})
                else:
                    main[i][3 * k + 2] = c
        for i in extreme_rows(order, t.S):  # -S_i (x_i w + b) <= 0
            signs.append({j: v for j, v in ((3 * k, -t.S[i] * x[i]), (3 * k + 1, t.S[i] * x[i]),
                                            (3 * k + 2, -t.S[i])) if v})
            where.append((k, i))
    m = len(prog.terms)
    cost = tuple(Fraction(1) if j % 3 != 2 else Fraction(0) for j in range(3 * m))
    free = frozenset(3 * k + 2 for k in range(m))
    if prog.margin:
        lp = LinearProgram(cost, A_ub=tuple({j: -v for j, v in r.items()} for r in main) + tuple(signs),
                           b_ub=(Fraction(-1),) * len(x) + (Fraction(0),) * len(signs), free=free)
    else:
        lp = LinearProgram(cost, A_eq=tuple(main), b_eq=prog.y, A_ub=tuple(signs), b_ub=(Fraction(0),) * len(signs),
                           free=free)
    return Program1D(lp, tuple(where))


def feasibility_lp(prog: PatternProgram, plus_only: bool = False) -> LinearProgram:
    """The constraint set of a program in any dimension as an LP with zero cost (the norms do not matter).

    Per term k the free columns (w_k, b_k) at k(d+1) .. k(d+1)+d. Exact infeasibility (a Farkas
    vector) proves the program infeasible. ``plus_only`` keeps the eps = +1 terms only: when every
    eps = -1 term is the eps = +1 term of its pattern at -p (D the same, S = -s), the two LPs are
    feasible together, since two points of one convex cone add to one.

    >>> from fractions import Fraction as F
    >>> X = [[F(0), F(0)], [F(1), F(0)], [F(0), F(1)], [F(1, 3), F(1, 3)]]
    >>> solve_lp(feasibility_lp(pattern_program(X, [F(0), F(0), F(0), F(1)]))).status
    'optimal'
    """
    d, terms = prog.dim, [t for t in prog.terms if t.eps == 1 or not plus_only]
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


def solve_1d(prog: PatternProgram) -> PatternSolution:
    """Solve the 1-D LP of a non-joint program exactly (optimal with dual, or infeasible with Farkas)."""
    p1 = lp_1d(prog)
    res = solve_lp(p1.lp)
    if res.status != "optimal":
        return PatternSolution(prog, res.status, None, (), (), p1.lp, res, p1.sign_rows)
    opt = res.optimum()
    sol = PatternSolution(prog, res.status, opt.value, (), (), p1.lp, res, p1.sign_rows)
    return sol.at_point(opt.x)


def face_solutions(sol: PatternSolution, objectives: Sequence[Sequence[int]]) -> list[PatternSolution]:
    """Optimal solutions of a 1-D program found by optimising each objective over its optimal face.

    The face is {feasible, cost = value}; every answer is an exact optimum of the program (same
    value), distinct ones only.
    """
    lp, opt = sol.lp, sol.result.optimum()
    seen, out = {opt.x}, [sol]
    face = replace(lp, A_eq=lp.A_eq + ({j: c for j, c in enumerate(lp.c) if c},), b_eq=lp.b_eq + (opt.value,))
    for obj in objectives:
        cost = [Fraction(0)] * lp.num_vars
        for k, c in enumerate(obj):  # c weighs term k's w = w+ - w- (b would make the LP unbounded)
            cost[3 * k], cost[3 * k + 1] = Fraction(c), Fraction(-c)
        res = solve_lp(replace(face, c=tuple(cost)))
        if res.status == "optimal" and (x := res.optimum().x) not in seen:
            seen.add(x)
            out.append(replace(sol, result=res).at_point(x))
    return out


def atom_lp(X: Sequence[Sequence[Fraction]], z: Sequence[Fraction], alpha: Fraction,
            lam: Fraction | None = None) -> LinearProgram:
    """Feasible iff z = sigma_alpha(X w + b 1) for some (w, b), i.e. z is an atom, alpha >= 0.

    Variables (w, b), free. For alpha > 0 sigma is invertible (p = z or z / alpha);
    for alpha = 0, z_k > 0 forces p_k = z_k and z_k = 0 only p_k <= 0 (z_k < 0: the
    empty row 0 = 1). ``lam`` adds |w| <= lam (1-D only: ||w||_2 = |w|); without it
    infeasibility means z is the atom of no (w, b) at all.

    >>> X = [[Fraction(0)], [Fraction(1)], [Fraction(2)]]
    >>> solve_lp(atom_lp(X, [Fraction(1, 2), Fraction(0), Fraction(1, 2)], Fraction(0))).status
    'infeasible'
    """
    d = len(X[0])
    eq: list[dict[int, Fraction]] = []
    ub: list[dict[int, Fraction]] = []
    b_eq: list[Fraction] = []
    b_ub: list[Fraction] = []
    for x, zk in zip(X, map(Fraction, z), strict=True):
        row = {j: Fraction(a) for j, a in enumerate(x) if a}
        row[d] = Fraction(1)
        if alpha > 0 or zk > 0:
            eq.append(row)
            b_eq.append(zk if zk >= 0 else zk / alpha)
        elif zk == 0:
            ub.append(row)
            b_ub.append(Fraction(0))
        else:
            eq.append({})
            b_eq.append(Fraction(1))
    if lam is not None:
        ub += [{0: Fraction(1)}, {0: Fraction(-1)}]
        b_ub += [Fraction(lam), Fraction(lam)]
    return LinearProgram(c=(Fraction(0),) * (d + 1), A_eq=tuple(eq), b_eq=tuple(b_eq), A_ub=tuple(ub),
                         b_ub=tuple(b_ub), free=frozenset(range(d + 1)))
