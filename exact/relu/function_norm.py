"""1-D functions in function space: piecewise-linear f and its norm R̄(f) (ses Section 3).

Convention (ses (1)-(8)): networks h(x) = sum_i w2_i [w1_i x + b1_i]_+ + b2 with
free unregularised hidden biases b1 and output bias b2, cost
C = 1/2(||w2||^2 + ||W1||^2) = ||w2||_1 with |w1_i| = 1 (ses Lemma 1, (5)).
In 1-D (ses proof of Theorem 3.1, (12)) a representation of f is

    f(x) = sum_t a_t [x - t]_+ + b_t [t - x]_+ + c,    cost sum_t |a_t| + |b_t|,

and R̄(f) is the least cost (ses (8)). For a piecewise-linear f with breakpoints
t_1 < ... < t_K, slopes s_0 (left end), s_1, ..., s_K (right end) and kinks
d_k = s_k - s_{k-1}, matching f on all of R means (ses (13)-(18)):

    a_k + b_k = d_k at every breakpoint (a_t + b_t = 0 elsewhere),
    sum_k a_k = s_K = f'(+oo),   -sum_k b_k = s_0 = f'(-oo),

and c fixes the value at one point. The left-slope equation is the sum of the
others (sum d_k = s_K - s_0), so the LP below drops it. Its dual
(y_k per kink row, y_+ for the right-slope row, y_- = 0) satisfies
|y_k + y_+| <= 1 and |y_k - y_-| <= 1; it extends to every other knot t
(d_t = 0) because |y_+ + y_-| <= 2, so weak duality bounds the cost of
*every* signed measure representing f, not only atoms at the breakpoints
(see :mod:`exact.checker.relu1d_function_norm`). ses Theorem 3.1 says the value is
max(∫|f''|, |f'(-oo) + f'(+oo)|) = max(sum_k |d_k|, |s_0 + s_K|).

>>> from fractions import Fraction as F
>>> f = PiecewiseLinear((F(0),), (F(0),), F(-1), F(1))          # |x|
>>> f.total_variation, f.end_sum, representation_cost(f).value
(Fraction(2, 1), Fraction(0, 1), Fraction(2, 1))
>>> g = PiecewiseLinear((F(0),), (F(0),), F(1), F(3))           # end slopes dominate
>>> g.theorem_value, representation_cost(g).value
(Fraction(4, 1), Fraction(4, 1))
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Sequence

from ..l1 import l1_program
from ..lp import LinearProgram, LPResult, solve_lp
from .dictionary import Atom
from .networks import Network


@dataclass(frozen=True)
class PiecewiseLinear:
    """f: R -> R, affine between consecutive breakpoints and beyond the ends.

    Given by breakpoints t_1 < ... < t_K (K >= 1; a kink may be 0, so an
    affine f is one breakpoint with equal end slopes), values f(t_k) and the
    end slopes f'(-oo) = left_slope, f'(+oo) = right_slope.
    """

    breakpoints: tuple[Fraction, ...]
    values: tuple[Fraction, ...]
    left_slope: Fraction
    right_slope: Fraction

    def __post_init__(self) -> None:
        t = tuple(map(Fraction, self.breakpoints))
        object.__setattr__(self, "breakpoints", t)
        object.__setattr__(self, "values", tuple(map(Fraction, self.values)))
        object.__setattr__(self, "left_slope", Fraction(self.left_slope))
        object.__setattr__(self, "right_slope", Fraction(self.right_slope))
        if not t or len(self.values) != len(t):
            raise ValueError("a piecewise-linear f needs at least one breakpoint and one value per breakpoint")
        if any(a >= b for a, b in zip(t, t[1:])):
            raise ValueError("breakpoints must be strictly increasing")

    @classmethod
    def spline(cls, x: Sequence[Fraction], y: Sequence[Fraction], l0: Fraction, lN: Fraction) -> "PiecewiseLinear":
        """ses (26): the linear interpolant of (x_n, y_n) (any order, distinct x) with end slopes l0, lN."""
        pts = sorted(zip(map(Fraction, x), map(Fraction, y)))
        return cls(tuple(p for p, _ in pts), tuple(v for _, v in pts), l0, lN)

    @classmethod
    def of_network(cls, net: Network) -> "PiecewiseLinear":
        """The function of a finite ReLU network (alpha = 0), breakpoints at its knots (0 if none)."""
        if net.alpha != 0:
            raise ValueError("of_network handles the ReLU (alpha = 0) only")
        ks = net.knots() or [Fraction(0)]
        # as x -> -oo only u < 0 neurons are active (slope w u), as x -> +oo only u > 0 ones
        left = sum((w * u for u, w in zip(net.u, net.w) if u < 0), Fraction(0))
        right = sum((w * u for u, w in zip(net.u, net.w) if u > 0), Fraction(0))
        return cls(tuple(ks), tuple(net(t) for t in ks), left, right)

    @property
    def slopes(self) -> tuple[Fraction, ...]:
        """(s_0, s_1, ..., s_K): s_0 left of t_1, s_k on [t_k, t_{k+1}], s_K right of t_K."""
        t, v = self.breakpoints, self.values
        inner = tuple((v[k + 1] - v[k]) / (t[k + 1] - t[k]) for k in range(len(t) - 1))
        return (self.left_slope,) + inner + (self.right_slope,)

    @property
    def kinks(self) -> tuple[Fraction, ...]:
        """d_k = s_k - s_{k-1}: the mass of f'' at t_k."""
        s = self.slopes
        return tuple(b - a for a, b in zip(s, s[1:]))

    @property
    def total_variation(self) -> Fraction:
        """∫|f''| = sum_k |d_k| (the total variation of f')."""
        return sum(map(abs, self.kinks), Fraction(0))

    @property
    def end_sum(self) -> Fraction:
        """f'(-oo) + f'(+oo)."""
        return self.left_slope + self.right_slope

    @property
    def theorem_value(self) -> Fraction:
        """The right-hand side of ses Theorem 3.1: max(∫|f''|, |f'(-oo) + f'(+oo)|)."""
        return max(self.total_variation, abs(self.end_sum))

    @property
    def true_breakpoints(self) -> tuple[Fraction, ...]:
        """The breakpoints with a nonzero kink (where f is not differentiable)."""
        return tuple(t for t, d in zip(self.breakpoints, self.kinks) if d)

    @property
    def pieces(self) -> int:
        """Number of maximal affine pieces of f."""
        return len(self.true_breakpoints) + 1

    def __call__(self, x: Fraction) -> Fraction:
        t, v = self.breakpoints, self.values
        k = bisect_right(t, x)
        if k == 0:
            return v[0] + self.left_slope * (x - t[0])
        return v[k - 1] + self.slopes[k] * (x - t[k - 1])

    def same_function(self, other: "PiecewiseLinear") -> bool:
        """Exact equality on R: equal at every breakpoint of either and equal end slopes."""
        pts = set(self.breakpoints) | set(other.breakpoints)
        return (self.left_slope, self.right_slope) == (other.left_slope, other.right_slope) and \
            all(self(p) == other(p) for p in pts)


@dataclass(frozen=True)
class RepresentationCost:
    """An exact optimal representation of f (atoms at its breakpoints) and the dual bound."""

    f: PiecewiseLinear
    value: Fraction  # R̄(f)
    atoms: tuple[Atom, ...]  # (x - t_k)_+ then (t_k - x)_+, k = 1..K
    weights: tuple[Fraction, ...]
    constant: Fraction
    kink_dual: tuple[Fraction, ...]  # y_k
    right_dual: Fraction  # y_+ (y_- = 0: that row was dropped as redundant)
    lp: LinearProgram
    result: LPResult

    def network(self) -> Network:
        return Network.from_atoms(self.atoms, self.weights, self.constant)


def representation_program(f: PiecewiseLinear) -> tuple[list[Atom], LinearProgram]:
    """min sum|w| s.t. kinks and f'(+oo) match (module doc); rows: K kink rows, then the right slope."""
    K = len(f.breakpoints)
    atoms = [Atom(1, t) for t in f.breakpoints] + [Atom(-1, t) for t in f.breakpoints]
    one = Fraction(1)
    columns = [{k: one, K: one} for k in range(K)] + [{k: one} for k in range(K)]
    return atoms, l1_program(columns, list(f.kinks) + [f.right_slope])


def representation_cost(f: PiecewiseLinear) -> RepresentationCost:
    """R̄(f) of ses (8) for piecewise-linear f, exactly, with an optimal network and its dual."""
    atoms, lp = representation_program(f)
    res = solve_lp(lp)
    opt = res.optimum()  # always: a_1 = s_K, b_1 = d_1 - s_K, b_k = d_k (k > 1) is feasible, cost >= 0
    weights = tuple(opt.x[2 * j] - opt.x[2 * j + 1] for j in range(len(atoms)))
    net = Network.from_atoms(atoms, weights)
    constant = f.values[0] - net(f.breakpoints[0])
    K = len(f.breakpoints)
    return RepresentationCost(f, opt.value, tuple(atoms), weights, constant, tuple(opt.y_eq[:K]),
                              opt.y_eq[K], lp, res)


# ses (27): the end slopes of the optimal linear spline


def end_slope_lp(x: Sequence[Fraction], y: Sequence[Fraction]) -> LinearProgram:
    """min over (l_0, l_N) of ses (27) as an LP in (l_0, l_N, t, e_0..e_{N-1}) (x distinct, any order).

    (27) is max(sum_{n=0}^{N-1} |l_{n+1} - l_n|, |l_0 + l_N|) with the inner
    slopes l_n = (y_{n+1} - y_n)/(x_{n+1} - x_n) of the sorted data; epigraph:
    e_n >= +-(l_{n+1} - l_n), t >= sum e_n, t >= +-(l_0 + l_N), minimise t.

    >>> from fractions import Fraction as F
    >>> solve_lp(end_slope_lp([F(0), F(1), F(2)], [F(0), F(1), F(0)])).value
    Fraction(2, 1)
    """
    pts = sorted(zip(map(Fraction, x), map(Fraction, y)))
    inner = [(pts[k + 1][1] - pts[k][1]) / (pts[k + 1][0] - pts[k][0]) for k in range(len(pts) - 1)]
    zero, one = Fraction(0), Fraction(1)
    # each slope l_0..l_N as (coefficient of l_0, coefficient of l_N, constant)
    slopes = [(one, zero, zero)] + [(zero, zero, s) for s in inner] + [(zero, one, zero)]
    n_terms = len(slopes) - 1
    A_ub, b_ub = [], []
    for k in range(n_terms):
        (a0, aN, c0), (b0, bN, c1) = slopes[k], slopes[k + 1]
        for s in (1, -1):  # s (l_{k+1} - l_k) <= e_k
            row = {j: s * v for j, v in ((0, b0 - a0), (1, bN - aN)) if v}
            row[3 + k] = -one
            A_ub.append(row)
            b_ub.append(-s * (c1 - c0))
    A_ub.append({**{3 + k: one for k in range(n_terms)}, 2: -one})
    b_ub.append(zero)
    for s in (1, -1):  # s (l_0 + l_N) <= t
        A_ub.append({0: Fraction(s), 1: Fraction(s), 2: -one})
        b_ub.append(zero)
    c = [zero] * (3 + n_terms)
    c[2] = one
    return LinearProgram(tuple(c), A_ub=tuple(A_ub), b_ub=tuple(b_ub), free=frozenset({0, 1}))


#: directions (coefficients of l_0, l_N) whose range over the optimal set is computed
DIRECTIONS = {"l_0": (1, 0), "l_N": (0, 1), "l_0 + l_N": (1, 1)}


@dataclass(frozen=True)
class EndSlopeSet:
    """The set of (l_0, l_N) minimising (27): ranges of l_0, l_N, l_0 + l_N over it, exactly.

    ``ends`` are its two extreme points when it is a point or a segment
    (one of the three directions constant), else None (a 2-D set).
    """

    value: Fraction
    program: LinearProgram  # end_slope_lp
    optimum: LPResult
    ranges: dict[str, tuple[Fraction, Fraction]]
    programs: dict[str, tuple[LinearProgram, LPResult, LinearProgram, LPResult]]  # min and max LPs
    ends: tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]] | None

    @property
    def is_point(self) -> bool:
        return self.ends is not None and self.ends[0] == self.ends[1]

    def text(self) -> str:
        if self.ends is None:
            return "a 2-D set with ranges " + ", ".join(f"{k} in [{a}, {b}]" for k, (a, b) in self.ranges.items())
        (a0, aN), (b0, bN) = self.ends
        if self.is_point:
            return f"the single point (l_0, l_N) = ({a0}, {aN})"
        return f"the segment from (l_0, l_N) = ({a0}, {aN}) to ({b0}, {bN})"


def end_slope_set(x: Sequence[Fraction], y: Sequence[Fraction]) -> EndSlopeSet:
    """Minimise (27), then optimise l_0, l_N, l_0 + l_N over its optimal face (6 exact LPs).

    >>> from fractions import Fraction as F
    >>> end_slope_set([F(0), F(1), F(2)], [F(0), F(1), F(0)]).text()   # a hat: extend its two pieces
    'the single point (l_0, l_N) = (1, -1)'
    >>> end_slope_set([F(0), F(1), F(2)], [F(0), F(1), F(2)]).text()   # y = x: l_0 + l_N = 1, l_0, l_N <= 1
    'the segment from (l_0, l_N) = (0, 1) to (1, 0)'
    """
    lp = end_slope_lp(x, y)
    best = solve_lp(lp)
    value = best.optimum().value
    face = replace(lp, A_ub=lp.A_ub + ({2: Fraction(1)},), b_ub=lp.b_ub + (value,))
    ranges, programs, argmin = {}, {}, {}
    for name, (p, q) in DIRECTIONS.items():
        subs, opts = [], []
        for sign in (1, -1):
            obj = [Fraction(0)] * lp.num_vars
            obj[0], obj[1] = Fraction(sign * p), Fraction(sign * q)
            sub = replace(face, c=tuple(obj))
            subs.append((sub, solve_lp(sub)))
            opts.append(subs[-1][1].optimum())  # bounded: the face is a nonempty polytope in (l_0, l_N)
        lo, hi = opts[0].value, -opts[1].value
        ranges[name], programs[name] = (lo, hi), (*subs[0], *subs[1])
        argmin[name] = ((opts[0].x[0], opts[0].x[1]), (opts[1].x[0], opts[1].x[1]))
    constant = [k for k, (lo, hi) in ranges.items() if lo == hi]
    ends = None
    if constant:  # the set lies on a line: its extreme points along another direction
        other = next((k for k in DIRECTIONS if k not in constant), "l_0")
        ends = argmin[other]
    return EndSlopeSet(value, lp, best, ranges, programs, ends)
