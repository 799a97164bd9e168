"""Exact hinge-loss training of 1-D ReLU networks (ep (18), Theorems 5.1-5.2).

The problem (ep (18), printed without the hidden bias, which Section 2
includes in Theta and Corollary 5.1 / Theorem 5.2 use)::

    inf  sum_i max{0, 1 - y_i f(x_i)} + beta ||w||_1,   f(x) = sum_j w_j (u_j x + b_j)_+,
    |u_j| <= 1,  b_j free and unpenalised,  no output bias,  labels y_i in {+1, -1},

no 1/n in front of the loss, beta on ||w||_1 only. As for (4) (see
:mod:`exact.relu.interpolation`): only u = +-1 with a knot at a data point
matters on the data, and u = 0 with bias B -> oo gives any constant c at
cost beta |c| / B -> 0. So the infinite-width value is the LP (``mode``):

* ``"infinite"``: min 1^T xi + beta ||w||_1 s.t. xi >= 0,
  xi_i >= 1 - y_i (A w + c 1)_i over the 1-D dictionary A
  (:func:`exact.relu.dictionary.relu_atoms`) with a FREE constant c;
* ``"data-knots"``: the same without c: Theorem 5.2's l1-SVM on the
  extreme-point features (A U* + 1 b*^T)_+ as printed (no intercept);
* ``"kernel"``: only the atoms (x - x_j)_+ (Corollary 5.1's kernel
  K_ij = (a_i - a_j)_+), no c;
* ``"no-bias"``: (18) literally, no hidden bias: atoms (x)_+, (-x)_+, no c.

Dual (derived here; Lagrange multipliers lam_i in [0, 1] of the xi_i rows,
v_i = y_i lam_i, y_i = +-1)::

    max v^T y  s.t.  0 <= y_i v_i <= 1,  |v^T a_j| <= beta for every atom a_j,
                     1^T v = 0 (only with the free constant: it is the u = 0, b -> oo direction).

For labels +-1 this is Theorem 5.1's printed dual, with Q_A the set of the
mode's neurons (for "infinite": {(x u + b)_+ : |u| <= 1, b real}).

Attainment ("infinite"): a finite network pays for a constant unless an end
atom (x - min x)_+ or (max x - x)_+ of the same-signed weight absorbs it by
moving its knot outward; decided exactly as for (4).

>>> from fractions import Fraction as F
>>> sol = solve_hinge_1d([F(0), F(1), F(2)], [F(1), F(1), F(1)], F(1, 10))
>>> sol.value, sol.constant, sol.attained
(Fraction(0, 1), Fraction(1, 1), False)
>>> solve_hinge_1d([F(0), F(1), F(2)], [F(1), F(1), F(1)], F(1, 10), "data-knots").value
Fraction(1, 10)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from ..l1 import l1_program
from ..lp import LinearProgram, LPResult, Row, solve_lp
from .dictionary import Atom, relu_atoms
from .networks import Network

MODES = ("infinite", "data-knots", "kernel", "no-bias")


def hinge_atoms(x: Sequence[Fraction], mode: str) -> list[Atom]:
    """The dictionary of ``mode`` (module doc)."""
    if mode in ("infinite", "data-knots"):
        return relu_atoms(x)
    if mode == "kernel":
        return [Atom(1, t) for t in sorted(set(x))]
    if mode == "no-bias":
        return [Atom(1, Fraction(0)), Atom(-1, Fraction(0))]
    raise ValueError(f"unknown hinge mode {mode!r}; expected one of {MODES}")


def check_labels(y: Sequence[Fraction]) -> None:
    if any(v not in (1, -1) for v in y):
        raise ValueError("binary classification: every label y_i must be +1 or -1")


@dataclass(frozen=True)
class Hinge1D:
    """An exact optimal primal-dual pair of one hinge LP (module doc)."""

    x: tuple[Fraction, ...]
    y: tuple[Fraction, ...]
    beta: Fraction
    mode: str
    atoms: tuple[Atom, ...]
    weights: tuple[Fraction, ...]
    constant: Fraction
    slack: tuple[Fraction, ...]  # xi_i = max{0, 1 - y_i f(x_i)} at the optimum
    dual: tuple[Fraction, ...]  # v_i = y_i lam_i
    value: Fraction
    attained_by: tuple[tuple[Fraction, ...], Fraction] | None  # a finite optimum (weights, constant)
    lp: LinearProgram
    result: LPResult

    @property
    def attained(self) -> bool:
        return self.attained_by is not None

    def network(self) -> Network:
        return Network.from_atoms(self.atoms, self.weights, self.constant)


def hinge_program(x, y, beta: Fraction, atoms: Sequence[Atom], constant: bool) -> LinearProgram:
    """Variables (w+_1, w-_1, ..., w+_N, w-_N, [c], xi_1..xi_n); rows -y_i(A w + c)_i - xi_i <= -1."""
    N, n = len(atoms), len(x)
    base = 2 * N + (1 if constant else 0)
    rows = []
    for i, (xi, yi) in enumerate(zip(x, y)):
        row: dict[int, Fraction] = {base + i: Fraction(-1)}
        for j, a in enumerate(atoms):
            if g := a(xi, Fraction(0)):
                row[2 * j], row[2 * j + 1] = -yi * g, yi * g
        if constant:
            row[2 * N] = -yi
        rows.append(row)
    cost = [beta] * (2 * N) + [Fraction(0)] * (base - 2 * N) + [Fraction(1)] * n
    return LinearProgram(tuple(cost), A_ub=tuple(rows), b_ub=(Fraction(-1),) * n,
                         free=frozenset({2 * N} if constant else ()))


def solve_hinge_1d(x: Sequence[Fraction], y: Sequence[Fraction], beta: Fraction,
                   mode: str = "infinite") -> Hinge1D:
    """Solve the hinge LP of ``mode`` exactly (always feasible and bounded below by 0)."""
    x, y, beta = tuple(map(Fraction, x)), tuple(map(Fraction, y)), Fraction(beta)
    check_labels(y)
    if beta <= 0:
        raise ValueError("beta must be positive")
    atoms = hinge_atoms(x, mode)
    constant = mode == "infinite"
    lp = hinge_program(x, y, beta, atoms, constant)
    res = solve_lp(lp)
    opt, N = res.optimum(), len(atoms)
    weights = tuple(opt.x[2 * j] - opt.x[2 * j + 1] for j in range(N))
    c = opt.x[2 * N] if constant else Fraction(0)
    slack = tuple(opt.x[-len(x):])
    dual = tuple(-yi * z for yi, z in zip(y, opt.z_ub))
    attained_by = (weights, c) if c == 0 else _absorbed(atoms, lp, opt.value, x, c)
    return Hinge1D(x, y, beta, mode, tuple(atoms), weights, c, slack, dual, opt.value,
                   attained_by, lp, res)


def _absorbed(atoms: Sequence[Atom], lp: LinearProgram, value: Fraction, x: Sequence[Fraction], c: Fraction
              ) -> tuple[tuple[Fraction, ...], Fraction] | None:
    """A finite optimum: c = 0 somewhere on the optimal face, or c absorbed by an end atom.

    On the optimal face (cost row = value) first fix c = 0; failing that,
    maximise sign(c) w_e (capped at 1) for each end atom e in turn: a
    positive optimum is an optimum whose end atom can absorb its constant.
    """
    N, sign = len(atoms), (1 if c > 0 else -1)
    face: tuple[Row, ...] = ({j: v for j, v in enumerate(lp.c) if v},)
    Trial = tuple[tuple[Fraction, ...], tuple[Row, ...], tuple[Fraction, ...], tuple[Row, ...]]
    trials: list[Trial] = [(lp.c, face + ({2 * N: Fraction(1)},), (value, Fraction(0)), ())]
    for end in (Atom(1, min(x)), Atom(-1, max(x))):
        if end in atoms:
            j = atoms.index(end)
            cost = [Fraction(0)] * lp.num_vars
            cost[2 * j], cost[2 * j + 1] = Fraction(-sign), Fraction(sign)
            trials.append((tuple(cost), face, (value,), ({2 * j: Fraction(sign), 2 * j + 1: Fraction(-sign)},)))
    for k, (obj, A_eq, b_eq, cap) in enumerate(trials):
        r = solve_lp(LinearProgram(obj, A_eq=A_eq, b_eq=b_eq, A_ub=lp.A_ub + cap,
                                   b_ub=lp.b_ub + (Fraction(1),) * len(cap), free=lp.free))
        if r.status == "optimal" and (k == 0 or r.optimum().value < 0):
            xr = r.optimum().x
            return tuple(xr[2 * i] - xr[2 * i + 1] for i in range(N)), xr[2 * N]
    return None


def hinge_objective(net: Network, x: Sequence[Fraction], y: Sequence[Fraction], beta: Fraction) -> Fraction:
    """(18) for a finite network (its constant must be 0: (18) has no output bias; |u_j| <= 1)."""
    if net.constant or any(abs(u) > 1 for u in net.u):
        raise ValueError("(18) needs |u_j| <= 1 and no output bias")
    loss = sum((max(Fraction(0), 1 - yi * net(xi)) for xi, yi in zip(x, y)), Fraction(0))
    return loss + beta * sum((abs(w) for w in net.w), Fraction(0))


def constant_as_neuron(sol: Hinge1D, gap: Fraction) -> Network:
    """A finite network of cost < sol.value + gap: the constant c as the u = 0 neuron
    (c / B) (0 x + B)_+, B = ceil(2 beta |c| / gap) + 1 (costs beta |c| / B < gap)."""
    atoms = [(a, w) for a, w in zip(sol.atoms, sol.weights) if w]
    if not sol.constant:
        return Network.from_atoms([a for a, _ in atoms], [w for _, w in atoms])
    B = Fraction(int(2 * sol.beta * abs(sol.constant) / gap) + 1)
    net = Network.from_atoms([a for a, _ in atoms], [w for _, w in atoms])
    return Network.of_1d(net.u + (Fraction(0),), net.b + (B,), net.w + (sol.constant / B,))


def hard_margin_1d(x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction = Fraction(0)
                   ) -> tuple[list[Atom], LinearProgram, LPResult]:
    """Hard-margin classification in 1-D (kh (10)): min ||c||_1 s.t. y_i (A c + c0 1)_i >= 1.

    A is the data-knot dictionary :func:`exact.relu.dictionary.relu_atoms` and c0 a free constant:
    as for interpolation (:mod:`exact.relu.interpolation`), a neuron with |w| < 1 is dominated, one
    with a knot between data points is on the data a convex combination of the two data-knot atoms
    (same cost), and w = 0 gives any constant at a cost -> 0 (b -> oo). Returns (atoms, LP, result).
    """
    xq, yq, alpha = tuple(map(Fraction, x)), tuple(map(Fraction, y)), Fraction(alpha)
    check_labels(yq)
    atoms = relu_atoms(xq, alpha)
    cols = [{i: yi * v for i, (xi, yi) in enumerate(zip(xq, yq)) if (v := a(xi, alpha))} for a in atoms]
    eq = l1_program(cols, [Fraction(1)] * len(xq), [{i: yi for i, yi in enumerate(yq)}])
    lp = LinearProgram(eq.c, A_ub=tuple({j: -v for j, v in r.items()} for r in eq.A_eq),
                       b_ub=(Fraction(-1),) * len(xq), free=eq.free)
    return atoms, lp, solve_lp(lp)
