"""Finite shallow networks: one :class:`Neuron` type and one JSON neuron schema.

A neuron is ``c * sigma_alpha(w . x + b)`` with input weights ``w`` (d entries), bias ``b`` and
output weight ``c``; sigma_alpha(t) = t for t >= 0 and alpha t for t < 0 (alpha = 0: the ReLU).
A :class:`Network` adds a constant (an output bias, or the limit of a neuron with bias -> oo) to a
sum of neurons. In JSON a neuron is ``{"w": ["p/q", ...], "b": "p/q", "c": "p/q"}`` in every
certificate kind that stores networks; each kind states which atoms it allows (||w|| <= 1,
||(w, b)|| <= 1, or unnormalised with cost |c| ||w||: sigma is positively homogeneous). A long 1-D
network of kind relu1d-l1-interpolation is one object of columns instead (:func:`neurons_json`).

In 1-D the atom x -> sigma(u (x - t)) of the dictionary (:class:`exact.relu.dictionary.Atom`) is
the neuron (w, b) = ((u,), -u t).

>>> from fractions import Fraction as F
>>> f = Network((Neuron((F(1),), F(0), F(1)), Neuron((F(-1),), F(0), F(1))))   # |x|
>>> f(F(-3)), f.kinks(), f.same_function(Network((Neuron((F(1),), F(0), F(2)),)))
(Fraction(3, 1), [Fraction(0, 1)], False)
>>> Neuron((F(1, 2),), F(-1), F(3)).as_json()
{'w': ['1/2'], 'b': '-1', 'c': '3'}
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import compress, repeat
from operator import floordiv, mul, neg
from typing import Any, Sequence

from ..checker.arith import sigma
from ..checker.ramps import Scaled
from .dictionary import Atom


@dataclass(frozen=True)
class Neuron:
    """``c * sigma_alpha(w . x + b)``."""

    w: tuple[Fraction, ...]
    b: Fraction
    c: Fraction

    @classmethod
    def atom(cls, atom: Atom, c: Fraction) -> "Neuron":
        """The 1-D dictionary atom c sigma(u (x - knot)) as a neuron."""
        return cls((Fraction(atom.u),), -atom.u * atom.knot, Fraction(c))

    @property
    def dim(self) -> int:
        return len(self.w)

    def pre(self, x: Sequence[Fraction]) -> Fraction:
        """The pre-activation w . x + b."""
        return sum((a * t for a, t in zip(self.w, x, strict=True)), self.b)

    def __call__(self, x: Sequence[Fraction], alpha: Fraction) -> Fraction:
        return self.c * sigma(self.pre(x), alpha)

    def knot(self) -> Fraction | None:
        """1-D: where the neuron kinks (-b / w), None for w = 0."""
        (w,) = self.w
        return -self.b / w if w else None

    def as_json(self) -> dict[str, Any]:
        return {"w": [str(a) for a in self.w], "b": str(self.b), "c": str(self.c)}


@dataclass(frozen=True)
class Network:
    """x -> sum_j neuron_j(x) + constant, with leaky slope ``alpha``."""

    neurons: tuple[Neuron, ...]
    constant: Fraction = Fraction(0)
    alpha: Fraction = Fraction(0)

    @classmethod
    def of_1d(cls, u: Sequence[Fraction], b: Sequence[Fraction], w: Sequence[Fraction],
              constant: Fraction = Fraction(0), alpha: Fraction = Fraction(0)) -> "Network":
        """sum_j w_j sigma(u_j t + b_j) + constant (the papers' (u, b, w) form)."""
        return cls(tuple(Neuron((Fraction(ui),), Fraction(bi), Fraction(wi))
                         for ui, bi, wi in zip(u, b, w, strict=True)), Fraction(constant), Fraction(alpha))

    @classmethod
    def from_atoms(cls, atoms: Sequence[Atom], weights: Sequence[Fraction], constant: Fraction = Fraction(0),
                   alpha: Fraction = Fraction(0)) -> "Network":
        """sum_j weights_j sigma(u_j (x - knot_j)) + constant over the dictionary atoms (zero weights dropped)."""
        return cls(tuple(Neuron.atom(a, w) for a, w in zip(atoms, weights, strict=True) if w),
                   Fraction(constant), Fraction(alpha))

    # ----------------------------------------------------------------- views of 1-D networks
    @property
    def u(self) -> tuple[Fraction, ...]:
        return tuple(n.w[0] for n in self.neurons)

    @property
    def b(self) -> tuple[Fraction, ...]:
        return tuple(n.b for n in self.neurons)

    @property
    def w(self) -> tuple[Fraction, ...]:
        """The output weights (1-D papers call them w)."""
        return tuple(n.c for n in self.neurons)

    def __call__(self, x: Fraction | Sequence[Fraction]) -> Fraction:
        point = (x,) if isinstance(x, (Fraction, int)) else tuple(x)
        return sum((n(point, self.alpha) for n in self.neurons if n.c), self.constant)

    def values(self, X: Sequence[Fraction] | Sequence[Sequence[Fraction]]) -> list[Fraction]:
        return [self(x) for x in X]

    def matrix(self, x: Sequence[Fraction]) -> tuple[tuple[Fraction, ...], ...]:
        """1-D: the n x m activation matrix sigma(x u^T + 1 b^T) (ep's A_e)."""
        return tuple(tuple(sigma(n.w[0] * xi + n.b, self.alpha) for n in self.neurons) for xi in x)

    def knots(self) -> list[Fraction]:
        """1-D: the knots of the neurons with w != 0 and c != 0 (a cancelling pair still counts)."""
        return sorted({k for n in self.neurons if n.c and (k := n.knot()) is not None})

    def kinks(self) -> list[Fraction]:
        """1-D: the points where the function really kinks: the slope of c sigma(w t + b) jumps by
        (1 - alpha) |w| c at t = -b / w, and jumps at one point may cancel."""
        jump: dict[Fraction, Fraction] = {}
        for n in self.neurons:
            k = n.knot()
            if k is not None:
                jump[k] = jump.get(k, Fraction(0)) + (1 - self.alpha) * abs(n.w[0]) * n.c
        return sorted(t for t, j in jump.items() if j)

    def pieces(self) -> int:
        """1-D: the number of maximal affine pieces over R."""
        return len(self.kinks()) + 1

    def first_difference(self, other: "Network") -> Fraction | None:
        """1-D: a point where the two functions differ, or None when they are equal on all of R. Both are
        piecewise linear with known knots, so it suffices to compare at every knot, between consecutive
        knots and one point beyond each end."""
        ks = sorted(set(self.knots()) | set(other.knots())) or [Fraction(0)]
        pts = ks + [(a + b) / 2 for a, b in zip(ks, ks[1:])] + [ks[0] - 1, ks[-1] + 1]
        return next((t for t in pts if self(t) != other(t)), None)

    def same_function(self, other: "Network") -> bool:
        """1-D, exact equality on all of R (:meth:`first_difference`)."""
        return self.first_difference(other) is None

    def l1(self) -> Fraction:
        """sum_j |c_j|."""
        return sum((abs(n.c) for n in self.neurons), Fraction(0))

    def as_json(self) -> dict[str, Any]:
        return {"neurons": [n.as_json() for n in self.neurons if n.c], "constant": str(self.constant)}


#: past this many neurons a 1-D network is written as one object of columns {"w": [...], "b": [...], "c": [...]}
#: rather than a list of neuron objects: per-object costs (building, encoding, parsing one small dict per neuron)
#: dominate long certificates. Only kind relu1d-l1-interpolation reads the columns form.
COLUMNS_FROM = 1000


def rational_strings(v: Scaled, repeats: bool = True) -> list[str]:
    """``[str(Fraction(p, v.den)) for p in v.nums]`` without a Fraction: a gcd and integer strings, all in C;
    with ``repeats`` (optima and labels repeat a few values, data points never do) once per distinct entry.

    >>> rational_strings(Scaled([0, 3, -4, 6, 3], 6)), rational_strings(Scaled([Fraction(1, 2), 3], 1), False)
    (['0', '1/2', '-2/3', '1', '1/2'], ['1/2', '3'])
    """
    nums, den = v.nums, v.den
    values = list(set(nums)) if repeats else nums
    if den == 1:  # integers, or the Fractions of Scaled's fallback: str is canonical
        strings = list(map(str, values))
    else:
        g = list(map(math.gcd, values, repeat(den)))
        p, q = map(floordiv, values, g), map(floordiv, repeat(den), g)
        strings = [str(a) if b == 1 else f"{a}/{b}" for a, b in zip(p, q)]
    return list(map(dict(zip(values, strings)).__getitem__, nums)) if repeats else strings


def neurons_json(w: Scaled, b: Scaled, c: Scaled) -> list[dict[str, Any]] | dict[str, list[str]]:
    """The 1-D neurons c_j sigma(w_j x + b_j) in JSON: the list of neuron objects of the module doc, or beyond
    COLUMNS_FROM of them one object of columns (neuron j is w[j], b[j], c[j], each one rational string).

    >>> neurons_json(Scaled([1], 1), Scaled([-4], 2), Scaled([1], 2))
    [{'w': ['1'], 'b': '-2', 'c': '1/2'}]
    >>> sorted(neurons_json(*(Scaled([1] * 1001, 1),) * 3))
    ['b', 'c', 'w']
    """
    ws, bs, cs = rational_strings(w), rational_strings(b, repeats=False), rational_strings(c)  # b: the knots
    if len(ws) > COLUMNS_FROM:
        return {"w": ws, "b": bs, "c": cs}
    return [{"w": [wj], "b": bj, "c": cj} for wj, bj, cj in zip(ws, bs, cs, strict=True)]


def neuron_strings(neurons: list[dict[str, Any]] | dict[str, list[str]]) -> tuple[list[str], list[str], list[str]]:
    """The columns (w, b, c) of 1-D neurons in either JSON form of :func:`neurons_json`, for readers of
    certificates (the checker reads both forms itself).

    >>> neuron_strings([{"w": ["1"], "b": "-2", "c": "1/2"}]), neuron_strings({"w": ["1"], "b": ["-2"], "c": ["3"]})
    ((['1'], ['-2'], ['1/2']), (['1'], ['-2'], ['3']))
    """
    if isinstance(neurons, dict):
        return neurons["w"], neurons["b"], neurons["c"]
    return [n["w"][0] for n in neurons], [n["b"] for n in neurons], [n["c"] for n in neurons]


def atoms_json(u: Sequence[int], knots: Scaled, weights: Scaled, constant: Fraction) -> dict[str, Any]:
    """The network sum_j weights_j sigma(u_j (x - knots_j)) + constant in JSON (as
    ``Network.from_atoms(...).as_json()``, zero weights dropped; :func:`neurons_json`), from the integers
    alone, for certificates of 10^6 points: the atom sigma(u (x - t)) is the neuron (w, b) = ((u,), -u t).

    >>> atoms_json([1, -1, 1], Scaled([4, -3, 0], 2), Scaled([1, 2, 0], 2), Fraction(1))["neurons"]
    [{'w': ['1'], 'b': '-2', 'c': '1/2'}, {'w': ['-1'], 'b': '-3/2', 'c': '1'}]
    """
    us = list(compress(u, weights.nums))
    b = list(map(mul, map(neg, us), compress(knots.nums, weights.nums)))
    c = list(compress(weights.nums, weights.nums))
    neurons = neurons_json(Scaled(us, 1), Scaled(b, knots.den), Scaled(c, weights.den))
    return {"neurons": neurons, "constant": str(constant)}


def rescaled_cost(net: Network, x: Sequence[Fraction], y: Sequence[Fraction]) -> tuple[Fraction, bool]:
    """The balanced rescaling of a 1-D network: R = sum_j (c_j / a_j)^2 + (a_j u_j)^2 with a_j = sqrt(r_j),
    r_j = |c_j| / |u_j|, and whether the rescaled network (a_j u_j, a_j b_j, c_j / a_j) still fits y.

    Exact without square roots: the squared weights are rational, (c_j / a_j)^2 = c_j^2 / r_j and
    (a_j u_j)^2 = r_j u_j^2, both |c_j| |u_j| (AM-GM is tight), so R = 2 sum_j |c_j| |u_j|; and a_j > 0
    gives sigma(a_j z) = a_j sigma(z) (positive homogeneity), so the rescaled neuron outputs
    (c_j / a_j) a_j sigma(z) = c_j sigma(z) and the rescaled network fits y iff the network does. (Forming
    a_j as a reduced surd would need the square-free part of r_j, a factorisation: infeasible for the
    40-digit radicands of 30 generic points.)

    >>> from fractions import Fraction as F
    >>> rescaled_cost(Network.of_1d([F(1)], [F(0)], [F(2)]), [F(1)], [F(2)])
    (Fraction(4, 1), True)
    """
    R = Fraction(0)
    for n in net.neurons:
        (u,) = n.w
        if n.c:
            r = abs(n.c) / abs(u)  # a^2
            R += n.c * n.c / r + r * u * u
    fits = all(net(xi) == yi for xi, yi in zip(x, y, strict=True))
    return R, fits
