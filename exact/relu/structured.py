"""Minimum-norm 1-D interpolation (ep (4), ses (25)) in closed form: no LP, O(n log n) exact operations.

The problem and its finite reduction are those of :mod:`exact.relu.interpolation`: free hidden bias,
|u| <= 1, leaky slope alpha, the constant free in the limit (no output bias) or a real parameter (output
bias); P* = min ||w||_1 s.t. T A w + c e_0 = T y over the dictionary A of
:func:`exact.relu.dictionary.relu_atoms`, in the kink coordinates T of
:class:`exact.relu.dictionary.KinkCoordinates`. Supported: 0 <= alpha < 1 (ReLU and the leaky slopes of
the claims); others raise ``ValueError``.

Notation. Sorted points p_1 < ... < p_n, labels f_i, secant slopes s_i on [p_i, p_{i+1}], kinks
d_k = s_k - s_{k-1} at the interior points (1 < k < n); beta = 1 - alpha > 0, m_k = d_k / beta,
D+ = sum of the positive d_k, D- = sum of |d_k| over the negative ones, S = D+ + D-. T y = (f_1, s_1, d).

Columns (``KinkCoordinates.atom_column``; value at p_1, slope on [p_1, p_2], kink):

* (+1, p_1): (0, 1, -);  (-1, p_n): (p_n - p_1, -1, -)               -- the end atoms;
* (+1, p_k): (alpha (p_1 - p_k), alpha, beta);  (-1, p_k): (p_k - p_1, -1, beta)   -- 1 < k < n;
* (+1, p_n): (alpha (p_1 - p_n), alpha, -);  (-1, p_1): (0, -alpha, -)   -- leaky only (zero for ReLU).

Dual (ep (12)). The free constant column forces y'_0 = 0 (so 1^T v = 0 for v = T^T y'); the constraints
|a^T y'| <= 1 are |t| <= 1 for the end atoms (t = y'_1; the leaky-only atoms give |alpha t| <= 1, implied)
and, with z_k = beta y'_k, |alpha t + z_k| <= 1 and |-t + z_k| <= 1 at interior knots, i.e.
z_k in [L(t), U(t)] = [-1 + t, 1 - alpha t] for t >= 0 and [-1 - alpha t, 1 + t] for t <= 0 (never
empty: it contains 0). The objective t s_1 + sum_k z_k m_k is maximised over z_k at U(t) when d_k > 0,
L(t) when d_k < 0, so
    h(t) = S / beta + t s_1 - t (alpha D+ + D-) / beta   (t >= 0),
    h(t) = S / beta + t s_1 + t (D+ + alpha D-) / beta   (t <= 0),
concave and linear on [-1, 0] and [0, 1]: its maximum over [-1, 1] is at t in {-1, 0, 1}, namely
D* = S / beta + max(0, sigma_lo, -sigma_hi) with
    sigma_lo = s_1 - (alpha D+ + D-) / beta,   sigma_hi = s_1 + (D+ + alpha D-) / beta.

Primal. The kink rows say beta (w_{+,k} + w_{-,k}) = d_k, so |w_{+,k}| + |w_{-,k}| >= |m_k|, with
equality iff both weights have the sign of d_k. Such a split contributes g_k = alpha w_{+,k} - w_{-,k}
to the first slope, and g_k ranges over [-m_k, alpha m_k] (d_k > 0) or [alpha m_k, -m_k] (d_k < 0).
The slope row leaves sigma = s_1 - sum_k g_k to the end atoms (w_{(+1,p_1)} - w_{(-1,p_n)} plus alpha
times the leaky-only ones); they pay at least |sigma|, with equality iff the leaky-only atoms are 0
(alpha < 1 makes them strictly dearer per unit slope) and w_{(+1,p_1)}, -w_{(-1,p_n)} have the sign of
sigma. As the splits vary, sigma sweeps exactly [sigma_lo, sigma_hi], hence
    P* = S / beta + dist(0, [sigma_lo, sigma_hi]) = D*,
and the constant c (value row) is then determined. The optimal face is: splits of the sign of d_k with
sum_k g_k = s_1 - sigma*, sigma* = clamp(0, sigma_lo, sigma_hi), and end weights splitting sigma*.
Equality with the dual optimum is asserted at run time (strong LP duality over the same dictionary).

Attainment (the rule of :func:`~exact.relu.interpolation.interpolate_1d`: some optimum has c = 0, or c of
the sign of the weight of an end atom, which absorbs it by moving its knot outward). If sigma* != 0,
the end weights split sigma* as w_{(+1,p_1)} = (1 - lam) sigma*, w_{(-1,p_n)} = -lam sigma* with
c = c_+ + lam sigma* (p_n - p_1), lam in [0, 1]; lam = 0 when c_+ is 0 or of the sign of sigma* (the
first end absorbs it), else lam = 1 when c_+ + sigma* (p_n - p_1) is 0 or of the sign of -sigma* (the
last end does), else lam = 1 / 2, where the two end weights have opposite signs and one absorbs c of
either sign: attained. (A single end atom, as an LP vertex has, where it suffices.)
If sigma* = 0 the end weights vanish on the whole face and
c = f_1 + sum_k (p_k - p_1) g_k; its range over {g in box, sum g = s_1} is found by filling the boxes
greedily from the right (c_max) and from the left (c_min), since the coefficients increase with k.
Attained iff c_min <= 0 <= c_max; then moving slope share from the leftmost non-empty box to the
rightmost non-full one (c increases along this path, O(n) moves) reaches c = 0. With an
output bias P* is always attained. n = 1: P* = 0 with c = f_1 (attained iff f_1 = 0, or output bias).

Arithmetic. Points and labels are put on common denominators once (x = X / Dx, y = Y / Dy with integer X,
Y) and the slopes on the lcm G of the gaps, so that everything above is integer arithmetic in the unit
u_g = Dx / (G Dy (1 - alpha) den(alpha)): the kinks, the boxes, sigma and the constant's numerator; if the
last move of the walk leaves a fraction 1 / r of a unit, the boxes are rescaled to units u_g / r. Where such
a common denominator would be huge (many distinct denominators, or gaps with a huge lcm) the same code runs
on Fractions with that scale 1. The result holds these integers (:class:`~exact.relu.interpolation.Optimum1D`):
every weight a numerator over one denominator (h r G Dy (den(alpha)^2 - num(alpha)^2), h = 2 where the end
atoms carry halves of sigma*), the dual v over e G (e the denominator of its kink values), each vector
computed by whole-list operations (``map`` over integers runs in C). No Fraction is built per point or atom:
the certificate writes its numbers from the integers, and ``weights``, ``dual``, ``atoms`` are built as
Fractions when first asked for.

The result is an :class:`~exact.relu.interpolation.Interpolation1D` whose ``solution`` is a genuine
optimal primal-dual pair of the same LP as :func:`exact.l1.l1_program` builds over
:func:`~exact.relu.dictionary.relu_atoms` in the kink coordinates (built row by row when first asked for,
not solved; ``result.pivots == 0``). ep's (37) (no constant column) is not computed here:
``without_constant`` is None (:func:`~exact.relu.interpolation.interpolate_1d` adds it, by the LP).

>>> from fractions import Fraction as F
>>> sol = interpolate_structured([F(0), F(1), F(2)], [F(0), F(1), F(0)])
>>> sol.value, sol.attained, sol.dual
(Fraction(2, 1), False, (Fraction(-1, 1), Fraction(2, 1), Fraction(-1, 1)))
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import deque
from fractions import Fraction
from itertools import accumulate
from operator import add, mul, sub
from typing import Callable, Sequence, Union, cast

from ..checker.ramps import Scaled, common_denominator, multiplied
from ..checker.source import paused_gc
from ..l1 import L1Solution
from ..lp.problem import LinearProgram, LPResult
from .interpolation import Interpolation1D, Optimum1D

ZERO, ONE, NEG_ONE = Fraction(0), Fraction(1), Fraction(-1)
Num = Union[int, Fraction]  # an integer on a common denominator, or a Fraction where none is small


def interpolate_structured(
    x: Sequence[Fraction],
    y: Sequence[Fraction],
    alpha: Fraction = Fraction(0),
    output_bias: bool = False,
) -> Interpolation1D:
    """P*, an optimal network, a dual certificate and attainment for 1-D data, by the module doc's formulas.

    ``x`` distinct points (any order), ``y`` labels; ``alpha`` in [0, 1). Raises ``ValueError`` on
    duplicate points, mismatched lengths, no data, or an unsupported alpha.
    """
    with paused_gc():  # the result holds ~10 n acyclic integers: collections scanning them slowed the run
        return _interpolate(x, y, Fraction(alpha), output_bias)


def _fractions(values: Sequence[Fraction]) -> tuple[Fraction, ...]:
    if set(map(type, values)) <= {Fraction}:  # the usual input: no object built per entry
        return tuple(values)
    return tuple(map(Fraction, values))


def _interpolate(x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction, output_bias: bool) -> Interpolation1D:
    if not 0 <= alpha < 1:
        raise ValueError(f"interpolate_structured supports leaky slopes 0 <= alpha < 1, not {alpha}")
    xs, ys = _fractions(x), _fractions(y)
    if len(xs) != len(ys):
        raise ValueError(f"x has {len(xs)} points but y has {len(ys)} labels")
    if not xs:
        raise ValueError("interpolate_structured needs at least one data point")
    X, Y = Scaled.of(xs), Scaled.of(ys)
    order = X.order
    P, F = list(map(X.nums.__getitem__, order)), list(map(Y.nums.__getitem__, order))
    n = len(P)
    # the atoms (+1, p_k) for all k, then (-1, p_k); for the ReLU, as relu_atoms, without s(x - max x) and
    # s(min x - x), which vanish on the data
    plus, minus = (P[:-1], P[1:]) if alpha == 0 else (P, P)
    u, knots = [1] * len(plus) + [-1] * len(minus), Scaled(plus + minus, X.den)
    solution: Callable[[Interpolation1D], L1Solution]
    if n == 1:
        c, value = ys[0], ZERO
        weights, dual = Scaled([0] * len(u), 1), Scaled([0], 1)
        attained = output_bias or c == 0

        def solution(sol: Interpolation1D) -> L1Solution:
            return _solution(sol, [{}], [c], [ZERO])
    else:
        s = _Sorted(P, F, X.den, Y.den, alpha)
        weights, c, value, attained = s.solve(output_bias)
        v = s.dual(value)
        nums: list[Num] = [0] * n
        deque(map(nums.__setitem__, order, v.nums), maxlen=0)  # back to the order of x (a C loop)
        dual = Scaled(nums, v.den)

        def solution(sol: Interpolation1D) -> L1Solution:
            return _solution(sol, s.program(ys[order[0]]), s.rhs, s.kink_dual())
    optimum = Optimum1D(X, Y, u, knots, weights, dual, (weights, c) if attained else None)
    return Interpolation1D(xs, ys, alpha, output_bias, optimum, c, value, attained, solution, lambda: None)


def _solution(sol: Interpolation1D, rows: list[dict[int, Fraction]], rhs: list[Fraction],
              yp: list[Fraction]) -> L1Solution:
    """The LP of the module doc with the optimal primal-dual pair of ``sol`` (rows built only when asked for):
    the variables are (w+_j, w-_j) per atom, the parts of w_j of its sign, then the constant."""
    base = 2 * len(sol.weights)
    rows[0][base] = ONE  # the free constant column
    lp = LinearProgram((ONE,) * base + (ZERO,), tuple(rows), tuple(rhs), free=frozenset((base,)))
    split = [part for w in sol.weights for part in ((w, ZERO) if w > 0 else (ZERO, -w))]
    result = LPResult("optimal", sol.value, tuple(split) + (sol.constant,), tuple(yp), ())
    return L1Solution(sol.value, sol.weights, (sol.constant,), sol.dual, lp, result)


def _over(nums: list[Num], den: int) -> Scaled:
    """nums / den as a Scaled vector (over 1, as Fractions, where the Fraction fallback left some)."""
    if Fraction in set(map(type, nums)):
        return Scaled.of([Fraction(v) / den for v in nums])
    return Scaled(nums, den)


def _abs(v: Num) -> Num:
    return -v if v < 0 else v  # abs() of the union is "object" to mypy


def _memo() -> Callable[[Num, Num], Fraction]:
    """Fraction(num, den), one object per (num, den): the kinks of the LP's right-hand side (built when asked
    for) repeat on gridded data, and building a Fraction is what costs."""
    cache: dict[tuple[Num, Num], Fraction] = {}

    def q(num: Num, den: Num) -> Fraction:
        f = cache.get((num, den))
        if f is None:
            f = cache[num, den] = Fraction(num, den)
        return f
    return q


def _fill(lo: list[Num], hi: list[Num], residual: Num) -> list[Num]:
    """g in the box [lo, hi] with sum g = sum lo + residual, filling the boxes from the left: the first k full,
    k the first index where their room (prefix sums, by bisection) reaches the residual, box k taking the rest."""
    room = list(accumulate(map(sub, hi, lo)))
    k = bisect_left(room, residual)
    if residual < 0 or (k == len(lo) and residual != 0):  # not an assert: it must hold under python -O too
        raise ArithmeticError("the slope to distribute exceeds the boxes (sigma* outside its interval)")
    if k == len(lo):  # no boxes
        return []
    return hi[:k] + [lo[k] + residual - (room[k - 1] if k else 0)] + lo[k + 1:]


def _zero_constant(g: list[Num], lo: list[Num], hi: list[Num], offsets: list[Num], c: Num) -> tuple[bool, int]:
    """From the left-filled g (c = c_min), move slope share rightward until c + offsets . g is 0.

    Mass goes from the leftmost box above its floor to the rightmost box below its cap, which raises c
    (offsets increase strictly) and ends at the right-filled g (c = c_max); so c = 0 is reached iff
    c_min <= 0 <= c_max. Moving along this path rather than mixing the two fillings leaves at most two
    boxes off their bounds, which keeps the certificate's numbers short. Every move but the last empties
    or fills a box, a whole number of units; if the last one is a fraction 1 / r of a unit, g is rescaled
    to units of 1 / r (so it stays integer, not mixed with Fractions that would slow every later sum).
    Updates g; (True iff c = 0, r).
    """
    c += sum(map(mul, offsets, g))
    i, j = 0, len(g) - 1
    while c < 0:
        while i < len(g) and g[i] == lo[i]:
            i += 1
        while j >= 0 and g[j] == hi[j]:
            j -= 1
        if i >= j:  # right-filled: c = c_max < 0
            return False, 1
        gain = offsets[j] - offsets[i]
        give, take = g[i] - lo[i], hi[j] - g[j]
        delta = give if give < take else take  # (not min(): a call per move)
        if delta * gain > -c:  # the last move
            if type(c) is int and type(gain) is int:
                r = gain // math.gcd(c, gain)
                g[:] = [gk * r for gk in g]
                delta = -c * r // gain
                g[i] -= delta
                g[j] += delta
                return True, r
            delta = Fraction(-c, gain)  # already on Fractions (module doc)
        g[i] -= delta
        g[j] += delta
        c += delta * gain
    return c == 0, 1


class _Sorted:
    """Sorted points X / dx, labels F / dy (n >= 2), in the integer units of the module doc."""

    def __init__(self, P: list[Num], F: list[Num], dx: int, dy: int, alpha: Fraction) -> None:
        n = len(P)
        self.P, self.n, self.dx, self.dy, self.alpha = P, n, dx, dy, alpha
        self.an, self.ad = alpha.numerator, alpha.denominator
        self.bd = self.ad - self.an  # beta = bd / ad
        self.H = H = list(map(sub, P[1:], P[:-1]))
        if 0 in H:
            raise ValueError("kink coordinates need distinct points")
        self.N = N = list(map(sub, F[1:], F[:-1]))
        ints = cast(list[int], H)
        G = common_denominator(ints) if set(map(type, H)) == {int} else None
        self.per_gap: list[Num]  # G / h per gap h: a unit rise over the gap is this slope, in units 1 / G
        if G is None:
            self.G, self.per_gap = 1, [1 / Fraction(h) for h in H]
        else:
            mult = {h: G // h for h in set(ints)}
            self.G, self.per_gap = G, list(map(mult.__getitem__, ints))
        S = list(map(mul, N, self.per_gap))  # secant slopes in units dx / (G dy)
        self.S0, self.S_last, self.F0 = S[0], S[-1], F[0]
        self.K = list(map(sub, S[1:], S[:-1]))  # kink at P[k + 1], in units dx / (G dy)
        self.Q = self.G * dy * self.bd  # u_g = dx / Q
        self.q = _memo()

    def solve(self, output_bias: bool) -> tuple[Scaled, Fraction, Fraction, bool]:
        """(weights per atom, over one denominator; constant; value; attained)."""
        K, an, ad, n, dx = self.K, self.an, self.ad, self.n, self.dx
        swing, net = sum(map(abs, K)), self.S_last - self.S0  # D+ + D-, and D+ - D- (the kinks telescope)
        twice: Num = swing + net
        pos_sum: Num = twice // 2 if type(twice) is int else Fraction(twice, 2)
        neg_sum: Num = swing - pos_sum
        s1 = self.S0 * self.bd
        sigma_lo = s1 - (an * pos_sum + ad * neg_sum)
        sigma_hi = s1 + (ad * pos_sum + an * neg_sum)
        sigma = sigma_lo if sigma_lo > 0 else sigma_hi if sigma_hi < 0 else 0
        self.pos_sum, self.neg_sum, self.sigma = pos_sum, neg_sum, sigma
        total = ad * (pos_sum + neg_sum) + _abs(sigma)
        value = Fraction(total * dx, self.Q)
        # the box of g_k: [-m_k, alpha m_k] for d_k > 0, [alpha m_k, -m_k] for d_k < 0, m_k = K_k ad (units u_g)
        lo = [-k * ad if k > 0 else k * an for k in K]
        hi = [k * an if k > 0 else -k * ad for k in K]
        g = _fill(lo, hi, sigma_hi - sigma)  # sum lo = s1 - sigma_hi: boxes full from the left, c = c_min
        offsets = list(accumulate(self.H))  # times dx: p_k - p_1, for k = 2..n
        attained, r = bool(sigma) or output_bias, 1
        if not attained:
            attained, r = _zero_constant(g, lo, hi, offsets, self.F0 * self.G * self.bd)
        c_plus = self.F0 * self.G * self.bd * r + sum(map(mul, offsets, g))  # sigma* on (+1, p_1)
        share = 0  # of sigma* carried by (-1, p_n), in halves (module doc, "Attainment")
        if sigma and not output_bias and c_plus * sigma < 0:
            share = 2 if (c_plus + sigma * offsets[-1]) * sigma <= 0 else 1
        # the split of the module doc, g in units u_g / r: w+ = (g + m) / (1 + alpha), w- = (alpha m - g) / (1 + alpha),
        # both of the sign of d_k (so the cost is sum |w+| + |w-|); every weight is a numerator over h cw,
        # cw = Q (ad + an) r, h = 2 where the end atoms carry halves of sigma*
        h = 2 if share == 1 else 1
        cw, f = self.Q * (ad + an) * r, h * ad * dx
        wp = multiplied(list(map(add, g, multiplied(K, ad * r))), f)
        wm = multiplied(list(map(sub, multiplied(K, an * r), g)), f) if an else multiplied(g, -f)
        both = cast(list[int], wp + wm)  # or Fractions (the fallback): abs() alike, mypy types the union poorly
        cost = _abs(sigma) * (ad + an) * r * h * dx + sum(map(abs, both))
        off_minus = n if an else n - 2  # atom (-1, p_k) is atoms[off_minus + k]
        weights: list[Num] = [0] * (2 * n - (0 if an else 2))
        weights[1:n - 1], weights[off_minus + 1:off_minus + n - 1] = wp, wm  # the atoms at the interior knots
        if sigma:
            for j, part, sign in ((0, 2 - share, 1), (off_minus + n - 1, share, -1)):
                w = _abs(sigma) * (part * h // 2) * (ad + an) * r * dx  # |sigma*| part / 2, over h cw
                weights[j] = w if sign * sigma > 0 else -w
        c = Fraction(2 * c_plus + share * sigma * offsets[-1], 2 * self.Q * r)
        if cost != total * (ad + an) * r * h * dx or (attained and not output_bias and sigma == 0 and c != 0):
            raise ArithmeticError(f"structured primal failed: cost {Fraction(cost, h * cw)} != {value}, or c {c}")
        return _over(weights, h * cw), c, value, attained

    def dual(self, value: Fraction) -> Scaled:
        """v = T^T y' in sorted order, y' the dual of the module doc; checks b^T y' = value."""
        sigma, alpha, beta = self.sigma, self.alpha, 1 - self.alpha
        t = 1 if sigma > 0 else -1 if sigma < 0 else 0  # the maximising breakpoint of h
        upper, lower = (1 - alpha * t, -1 + t) if t >= 0 else (1 + t, -1 - alpha * t)
        self.t, self.up, self.low = t, upper / beta, lower / beta
        up, low = self.up, self.low
        dual_value = (t * self.S0 + up * self.pos_sum - low * self.neg_sum) * Fraction(self.dx, self.G * self.dy)
        if dual_value != value:
            raise ArithmeticError(f"structured duality failed: value {value}, dual {dual_value}")
        e = math.lcm(up.denominator, low.denominator)
        zu, zl = up.numerator * (e // up.denominator), low.numerator * (e // low.denominator)
        # y' (kink_dual) in units 1 / e past its value entry: t, then U(t) / beta or L(t) / beta at the interior
        # knots by the sign of the kink, padded with a 0; v = T^T y' weighs slope k by y'_k - y'_{k+1}
        z = [t * e] + [zu if k > 0 else zl if k < 0 else 0 for k in self.K] + [0]
        per = list(map(mul, map(sub, z[:-1], z[1:]), self.per_gap))  # over its gap: units 1 / (e G)
        v = list(map(sub, [0, *per], [*per, 0]))  # v_k = per_{k-1} - per_k, padded with zeros
        return _over(multiplied(v, self.dx), e * self.G)

    def kink_dual(self) -> list[Fraction]:
        """y', in kink coordinates (after :meth:`dual`)."""
        return [ZERO, Fraction(self.t)] + [self.up if k > 0 else self.low if k < 0 else ZERO for k in self.K]

    def program(self, f1: Fraction) -> list[dict[int, Fraction]]:
        """The rows of l1_program(columns of the module doc's table, T y, [e_0]); sets ``rhs`` = T y."""
        n, an, ad, dx, q = self.n, self.an, self.ad, self.dx, self.q
        alpha, beta, nb = self.alpha, 1 - self.alpha, self.alpha - 1
        off_minus = n if an else n - 2
        row0: dict[int, Fraction] = {}
        row1: dict[int, Fraction] = {0: ONE, 1: NEG_ONE}  # (+1, p_1)
        rows = [row0, row1]
        if an:  # (-1, p_1), leaky only
            row1[2 * n], row1[2 * n + 1] = -alpha, alpha
        for k in range(1, n):
            o = self.P[k] - self.P[0]
            jm, last = 2 * (off_minus + k), k == n - 1
            if k < n - 1 or an:  # (+1, p_k); at p_n it is the leaky-only atom
                jp = 2 * k
                if an:
                    row0[jp], row0[jp + 1] = Fraction(-o * an, dx * ad), Fraction(o * an, dx * ad)
                    row1[jp], row1[jp + 1] = alpha, -alpha
                if not last:
                    rows.append({jp: beta, jp + 1: nb, jm: beta, jm + 1: nb})
            row0[jm], row0[jm + 1] = Fraction(o, dx), Fraction(-o, dx)  # (-1, p_k)
            row1[jm], row1[jm + 1] = NEG_ONE, ONE
        d = [q((N1 * H0 - N0 * H1) * dx, H0 * H1 * self.dy)
             for N0, N1, H0, H1 in zip(self.N, self.N[1:], self.H, self.H[1:])]
        self.rhs = [f1, q(self.N[0] * dx, self.H[0] * self.dy)] + d
        return rows
