"""Minimum-norm interpolation of 1-D data by infinite-width (leaky) ReLU networks.

The problem (ep (4)/(36) for d = 1, ses (25) after ses Lemma 1)::

    P* = inf ||w||_1  s.t.  sum_j w_j s_a(u_j x_i + b_j) = y_i,  |u_j| <= 1,  b_j free,

over networks of any width, with or without a free output bias.

Which finite LP has the value P*? (ep convention: free hidden biases, *no*
output bias, |u| <= 1.)

* A neuron with 0 < |u| < 1 is |u| times a neuron with u = +-1, so it costs
  more for the same function: only u = +-1 and u = 0 matter.
* u = 0 gives the constant s_a(b): weight c/b with b -> oo produces the
  constant c at cost |c|/b -> 0. So the constant is free *in the limit*:
  P* = min ||w||_1 s.t. A w + c 1 = y over the dictionary A (2n atoms with
  knots at the data, :func:`exact.relu.dictionary.relu_atoms`) plus a free,
  unpenalised constant column. On the data every atom with knot between two
  data points is a convex combination of the atoms at those points (same
  cost), an atom with knot beyond the data is an end atom plus a constant or
  zero, so nothing else is needed. The LP dual is
  max v^T y s.t. |v^T a_j| <= 1, 1^T v = 0, which is exactly the
  semi-infinite dual (12) of ep: b -> oo forces 1^T v = 0.
* Attainment. A finite network pays for every constant it uses, except that
  the end atoms s_a(x - min x) and s_a(max x - x) are affine on the data and
  can absorb a constant of the sign of their weight by moving their knot
  outward, at no cost. So P* is attained iff some LP optimum has c = 0, or c
  of the sign of the weight of one of those two end atoms. We decide this
  exactly: c = 0 is possible iff the LP without constant column (ep's own
  (37)) has the same value; otherwise c has one sign s on the whole optimal
  face (it is convex) and we maximise s * (end-atom weight) over that face.
* With a free output bias (ses (1)) the constant is a real parameter and P*
  is always attained.

ep's finite reformulation (37) drops the constant column; its value can be
strictly larger than P* (e.g. constant labels: P* = 0, (37) > 0). We report
both.

>>> from fractions import Fraction as F
>>> sol = interpolate_1d([F(-2), F(-1), F(0), F(1), F(2)], [F(1), F(-1), F(1), F(1), F(-1)])
>>> sol.value, sol.attained, sol.value_without_constant
(Fraction(8, 1), True, Fraction(8, 1))
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cached_property
from typing import Callable, Sequence

from ..checker.ramps import Scaled
from ..convention import Convention, HiddenBias
from ..l1 import L1Solution, l1_interpolation
from ..lp import solve_lp
from .dictionary import Atom, KinkCoordinates, relu_atoms
from .networks import Network, Neuron


def fractions(v: Scaled) -> tuple[Fraction, ...]:
    """The entries of ``v`` as Fractions, one object per distinct entry (the optima repeat a few kink sizes
    and zeros: building a Fraction is what costs).

    >>> fractions(Scaled([0, 3, 0, -6], 6))
    (Fraction(0, 1), Fraction(1, 2), Fraction(0, 1), Fraction(-1, 1))
    """
    made = {e: Fraction(e, v.den) for e in set(v.nums)}
    return tuple(map(made.__getitem__, v.nums))


@dataclass(frozen=True)
class Optimum1D:
    """The optimum over the dictionary on integers (:class:`~exact.checker.ramps.Scaled` vectors, each over
    one common denominator): atom j is s_alpha(u[j] (x - knots[j])), the atoms of
    :func:`~exact.relu.dictionary.relu_atoms` in its order (so the end atoms (+1, min x), (-1, max x) are the
    first and the last), with weight ``weights[j]`` in the LP optimum and ``attaining[0][j]`` in a finite
    optimum of constant ``attaining[1]`` (None when P* is not attained); the dual v_i is ``dual[i]`` (order
    of x). The certificate writes its numbers from these integers, and :class:`Interpolation1D` builds its
    Fractions from them only when asked for."""

    x: Scaled
    y: Scaled
    u: list[int]
    knots: Scaled
    weights: Scaled
    dual: Scaled
    attaining: tuple[Scaled, Fraction] | None

    @classmethod
    def of(cls, x: Sequence[Fraction], y: Sequence[Fraction], atoms: Sequence[Atom], weights: Sequence[Fraction],
           dual: Sequence[Fraction], attained_by: tuple[Sequence[Fraction], Fraction] | None) -> "Optimum1D":
        """The integer form of an optimum given as Fractions (the LP route)."""
        return cls(Scaled.of(x), Scaled.of(y), [a.u for a in atoms], Scaled.of(a.knot for a in atoms),
                   Scaled.of(weights), Scaled.of(dual),
                   None if attained_by is None else (Scaled.of(attained_by[0]), attained_by[1]))


@dataclass(frozen=True)
class Interpolation1D:
    """Exact optimum of the 1-D problem, with the dual and the attainment analysis.

    ``atoms``, ``weights``, ``dual`` and ``attained_by`` are views of ``optimum`` (the integer form), built
    when first asked for: a certificate of 10^5 points needs none of their 4 * 10^5 objects."""

    x: tuple[Fraction, ...]
    y: tuple[Fraction, ...]
    alpha: Fraction
    output_bias: bool
    optimum: Optimum1D = field(repr=False)
    constant: Fraction
    value: Fraction  # P* = D*
    attained: bool
    #: the optimum as a solution of the LP over the dictionary (ep (36) with the constant column; given this
    #: result, whose weights and dual it shares), and ep (37) without the constant column (None with an output
    #: bias, or infeasible); both computed when first asked for, since the structured route
    #: (:mod:`exact.relu.structured`) needs neither LP
    solution_of: Callable[["Interpolation1D"], L1Solution] = field(repr=False, compare=False)
    without_constant_of: Callable[[], L1Solution | None] = field(repr=False, compare=False)

    @cached_property
    def atoms(self) -> tuple[Atom, ...]:
        return tuple(map(Atom, self.optimum.u, fractions(self.optimum.knots)))

    @cached_property
    def weights(self) -> tuple[Fraction, ...]:
        return fractions(self.optimum.weights)

    @cached_property
    def dual(self) -> tuple[Fraction, ...]:
        """v, in the order of x."""
        return fractions(self.optimum.dual)

    @cached_property
    def attained_by(self) -> tuple[tuple[Fraction, ...], Fraction] | None:
        """(weights, constant) of a finite optimum."""
        if self.optimum.attaining is None:
            return None
        weights, c = self.optimum.attaining
        return (self.weights if weights is self.optimum.weights else fractions(weights)), c

    @cached_property
    def solution(self) -> L1Solution:
        return self.solution_of(self)

    @cached_property
    def without_constant(self) -> L1Solution | None:
        return self.without_constant_of()

    @property
    def convention(self) -> Convention:
        return Convention(self.alpha, HiddenBias.FREE, self.output_bias)

    @property
    def value_without_constant(self) -> Fraction | None:
        return None if self.without_constant is None else self.without_constant.value

    def network(self) -> Network:
        """The LP optimum as a network (with its constant, which may need a limit)."""
        return Network.from_atoms(self.atoms, self.weights, self.constant, self.alpha)

    def finite_network(self) -> Network | None:
        """A finite optimal network without output bias (the constant absorbed by moving an end atom's
        knot outward, module doc); None when P* is not attained.

        >>> from fractions import Fraction as F
        >>> interpolate_1d([F(0), F(1)], [F(1), F(2)]).finite_network().neurons
        (Neuron(w=(Fraction(1, 1),), b=Fraction(1, 1), c=Fraction(1, 1)),)
        """
        if self.attained_by is None:
            return None
        weights, c = self.attained_by
        lo, hi = min(self.x), max(self.x)
        neurons, moved = [], c == 0
        for a, w in zip(self.atoms, weights, strict=True):
            if not w:
                continue
            n = Neuron.atom(a, w)
            if not moved and w * c > 0 and (a.u, a.knot) in ((1, lo), (-1, hi)):
                # w s(u(x - t)) is w u (x - t) on the data; moving t outward by c / w adds c there
                n, moved = Neuron(n.w, n.b + c / w, n.c), True
            neurons.append(n)
        return Network(tuple(neurons), alpha=self.alpha)


def solve_dictionary_lp(
    x: Sequence[Fraction],
    y: Sequence[Fraction],
    alpha: Fraction = Fraction(0),
    constant: bool = True,
    warm_basis: list[int] | None = None,
) -> tuple[list[Atom], L1Solution]:
    """min ||w||_1 s.t. A w (+ c 1) = y over the 1-D dictionary, in kink coordinates."""
    atoms = relu_atoms(x, alpha)
    kc = KinkCoordinates.of(x)
    columns = [kc.atom_column(a, alpha) for a in atoms]
    free = [kc.constant_column()] if constant else []
    sol = l1_interpolation(columns, kc.transform(y), free, dual_map=kc.transpose, warm_basis=warm_basis)
    return atoms, sol


def interpolate_1d(
    x: Sequence[Fraction],
    y: Sequence[Fraction],
    convention: Convention = Convention(),
) -> Interpolation1D:
    """Solve the infinite-width 1-D problem exactly (see the module doc) in ``convention`` (leaky slope, output
    bias; the hidden bias is free, the problem of this module): in closed form for 0 <= alpha < 1
    (:func:`exact.relu.structured.interpolate_structured`, O(n log n), no LP), else by the LP."""
    from .structured import interpolate_structured  # it builds this module's Interpolation1D: imported late

    if convention.hidden_bias is not HiddenBias.FREE:
        raise ValueError(f"interpolate_1d solves the problem with a free hidden bias, not {convention.describe()}")
    x, y = tuple(map(Fraction, x)), tuple(map(Fraction, y))
    alpha, output_bias = convention.alpha, convention.output_bias
    if 0 <= alpha < 1:
        sol = interpolate_structured(x, y, alpha, output_bias)
        return replace(sol, without_constant_of=lambda: None if output_bias else _without_constant(x, y, alpha))
    atoms, lp_sol = solve_dictionary_lp(x, y, alpha, constant=True)
    (c,) = lp_sol.free
    no_const = None if output_bias else _without_constant(x, y, alpha)
    attained_by = None
    if output_bias or c == 0:
        attained_by = (lp_sol.weights, c)
    elif no_const is not None and no_const.value == lp_sol.value:
        attained_by = (no_const.weights, Fraction(0))
    else:
        attained_by = _absorbable_optimum(atoms, lp_sol, x, c)
    optimum = Optimum1D.of(x, y, atoms, lp_sol.weights, lp_sol.dual, attained_by)
    return Interpolation1D(x, y, alpha, output_bias, optimum, c, lp_sol.value, attained_by is not None,
                           lambda _: lp_sol, lambda: no_const)


def _without_constant(x, y, alpha) -> L1Solution | None:
    try:
        return solve_dictionary_lp(x, y, alpha, constant=False)[1]
    except ValueError:  # infeasible without a constant column (n = 1 with a ReLU, say)
        return None


def _absorbable_optimum(atoms, sol: L1Solution, x, c: Fraction):
    """An optimum whose constant an end atom absorbs, or None (see module doc)."""
    sign = 1 if c > 0 else -1
    lp = sol.lp
    cost_row = {j: v for j, v in enumerate(lp.c) if v}
    face = replace(lp, A_eq=lp.A_eq + (cost_row,), b_eq=lp.b_eq + (sol.value,))
    ends = [Atom(1, min(x)), Atom(-1, max(x))]
    for end in ends:
        if end not in atoms:
            continue
        j = atoms.index(end)
        # maximise sign * (w+_j - w-_j) over the optimal face, capped at 1
        obj = [Fraction(0)] * lp.num_vars
        obj[2 * j], obj[2 * j + 1] = Fraction(-sign), Fraction(sign)
        cap = {2 * j: Fraction(sign), 2 * j + 1: Fraction(-sign)}
        res = solve_lp(replace(face, c=tuple(obj), A_ub=(cap,), b_ub=(Fraction(1),)))
        if res.status == "optimal" and res.optimum().value < 0:
            N, x = len(atoms), res.optimum().x
            weights = tuple(x[2 * k] - x[2 * k + 1] for k in range(N))
            return weights, x[2 * N]
    return None

