"""Exact 1-D ReLU sums of the checker (standard library only); the producer may import them, never copy them.

* the 1-D semi-infinite dual functions: :func:`ramp_sums`, :func:`relu1d_profile`,
  :func:`relu1d_sup` (bias free) and :func:`joint_candidates` (bias inside the norm);
* 1-D piecewise-linear counts: :func:`kinks_1d` and :func:`secant_kinks`;
* the affine sign patterns of 1-D data: :func:`threshold_ranges`, :func:`patterns_1d`;
* networks on 1-D data: :func:`atom_values`, :func:`evaluation_points`, :func:`network_1d`,
  :func:`absorbs_constant`.

>>> from fractions import Fraction as F
>>> secant_kinks([F(0), F(1), F(2)], [F(1), F(0), F(1)])
1
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from fractions import Fraction
from itertools import pairwise
from typing import Optional, Sequence, Union

from .arith import Surd, sigma
from .ramps import Scaled, kinks, network_values, ramp_values


def ramp_sums(alpha: Fraction, u: int, knots: Sequence[Fraction], coefs: Sequence[Fraction],
              points: Sequence[Fraction]) -> list[Fraction]:
    """[sum_j coefs[j] * sigma_alpha(u * (p - knots[j])) for p in points], u in {1, -1}: the prefix-sum walk
    of :func:`exact.checker.ramps.two_sided` on integers, O((m + n) log(m + n)).

    >>> F = Fraction
    >>> ramp_sums(F(0), 1, [F(0), F(1)], [F(1), F(-2)], [F(-1), F(1, 2), F(3)])
    [Fraction(0, 1), Fraction(1, 2), Fraction(-1, 1)]
    """
    return ramp_values(alpha, u, Scaled.of(knots), Scaled.of(coefs), Scaled.of(points)).fractions()


def relu1d_profile(x: Sequence[Fraction], v: Sequence[Fraction], alpha: Fraction
                   ) -> list[tuple[int, Fraction, Fraction]]:
    """(u, b, g_u(b)) at every breakpoint b = -u x_k, u = +-1, of g_u(b) = sum_i v_i sigma(u x_i + b).

    For sum(v) == 0 the supremum of |g| over |u| <= 1, b in R is the largest |g| listed:
    u = 0 gives 0, 0 < |u| < 1 scales u = +-1 by |u| (positive homogeneity), and for
    u = +-1 g is piecewise linear in b, constant beyond the extreme breakpoints.
    """
    out = []
    for u in (1, -1):
        for k, g in enumerate(ramp_sums(alpha, -u, x, v, x)):
            out.append((u, -u * x[k], g))
    return out


def relu1d_sup(x: Sequence[Fraction], v: Sequence[Fraction], alpha: Fraction
               ) -> Optional[tuple[Fraction, int, Fraction]]:
    """sup over |u| <= 1, b of |sum_i v_i sigma(u x_i + b)| with an attaining (u, b), or None if infinite.

    The supremum is infinite exactly when sum(v) != 0 (u = 0, b -> +oo).

    >>> F = Fraction
    >>> relu1d_sup([F(0), F(1), F(2)], [F(1), F(-2), F(1)], F(0))
    (Fraction(1, 1), 1, Fraction(-1, 1))
    """
    if sum(v) != 0:
        return None
    u, b, g = max(relu1d_profile(x, v, alpha), key=lambda t: abs(t[2]))
    return abs(g), u, b


Field = Union[Fraction, Surd]
Neuron1D = tuple[Fraction, Fraction, Fraction]  # (w, b, c): c sigma(w x + b)


def joint_candidates(x: Sequence[Fraction], v: Sequence[Field], alpha: Fraction
                     ) -> list[tuple[tuple[Field, Field], Field]]:
    """Every direction a = (w, b) where sup |g_v| over the circle w^2 + b^2 = 1 can be attained, with g_v(a).

    g_v(w, b) = sum_i v_i sigma(w x_i + b) is positively homogeneous and, on each closed cone where
    the active set {i : w x_i + b >= 0} is fixed, linear: g = P w + Q b with P = sum_i v_i h_i x_i,
    Q = sum_i v_i h_i (h_i = 1 if active, else alpha). So the sup over the circle is attained at a
    cone boundary ray +-(1, -x_k) or at +-(P, Q) of some cone; the active sets are the suffixes and
    prefixes of the sorted data, the empty set included. (P, Q) of a prefix or suffix comes from prefix
    sums of v_i x_i and v_i over the sorted data, and g_v(a) = P w + Q b with (P, Q) of the cone of a,
    found by bisection: O(n log n) in all.
    """
    xs = sorted(x)
    svx: list[Field] = [Fraction(0)]  # sums of v_i x_i and of v_i over the k smallest points
    sv: list[Field] = [Fraction(0)]
    for i in sorted(range(len(x)), key=x.__getitem__):
        svx.append(svx[-1] + v[i] * x[i])
        sv.append(sv[-1] + v[i])

    def cone(k: int, low_active: bool) -> tuple[Field, Field]:
        """(P, Q) when the k smallest points are active (low_active), or all but them."""
        low, high = (svx[k], sv[k]), (svx[-1] - svx[k], sv[-1] - sv[k])
        on, off = (low, high) if low_active else (high, low)
        return on[0] + alpha * off[0], on[1] + alpha * off[1]

    def g(w: Field, b: Field) -> Field:
        """g_v(w, b): for w > 0 the inactive points {w x + b < 0} are the k smallest, for w < 0 the active ones."""
        if w > 0:
            k, low_active = bisect_left(xs, True, key=lambda t: w * t + b >= 0), False
        elif w < 0:
            k, low_active = bisect_left(xs, True, key=lambda t: w * t + b < 0), True
        else:
            k, low_active = 0, b < 0  # all points active (b >= 0) or none
        P, Q = cone(k, low_active)
        return P * w + Q * b

    pts = sorted(set(x))
    dirs: list[tuple[Field, Field]] = [(s * Fraction(1), -s * t) for t in pts for s in (1, -1)]
    for k in [0] + [bisect_right(xs, t) for t in pts]:  # active sets {x_i > t} (t a data point or below all)
        for low_active in (False, True):                 # and their complements {x_i <= t}
            P, Q = cone(k, low_active)
            if P or Q:
                dirs += [(P, Q), (-P, -Q)]
    return [(a, g(*a)) for a in dirs]


def threshold_ranges(n: int) -> list[tuple[int, int]]:
    """The 2n affine sign patterns of n distinct 1-D points as ranges [lo, hi) of sorted positions (rank 0 the
    least point) where the pattern is +1: the c largest points for c = 0..n, then the c smallest for c = 1..n-1.

    For w > 0, sign(w x + b) = +1 exactly on {x >= -b / w} (sign(0) = +1): the c largest points for some c;
    w < 0 gives the c smallest, w = 0 all points or none. With distinct points these 2n sets are distinct (a
    set of the c smallest, 0 < c < n, holds the least point, no set of fewer than n largest does).

    >>> threshold_ranges(2)
    [(2, 2), (1, 2), (0, 2), (0, 1)]
    """
    return [(n - c, n) for c in range(n + 1)] + [(0, c) for c in range(1, n)]


def patterns_1d(x: Sequence[Fraction]) -> list[tuple[int, ...]]:
    """The affine sign patterns sign(w x_i + b) of distinct points x, in the order of :func:`threshold_ranges`.

    >>> patterns_1d([Fraction(0), Fraction(2), Fraction(1)])
    [(-1, -1, -1), (-1, 1, -1), (-1, 1, 1), (1, 1, 1), (1, -1, -1), (1, -1, 1)]
    """
    rank = [0] * len(x)
    for r, i in enumerate(sorted(range(len(x)), key=x.__getitem__)):
        rank[i] = r
    return [tuple(1 if lo <= r < hi else -1 for r in rank) for lo, hi in threshold_ranges(len(x))]


def kinks_1d(terms: Sequence[tuple[Fraction, Fraction, Fraction]], alpha: Fraction) -> list[Fraction]:
    """The points where t -> sum_j c_j sigma(w_j t + b_j) really kinks, terms (w, b, c) (:func:`ramps.kinks`).

    >>> F = Fraction
    >>> kinks_1d([(F(1), F(0), F(1)), (F(-1), F(0), F(1))], F(0))    # |t|
    [Fraction(0, 1)]
    """
    return kinks(*_columns(terms), alpha).fractions()


def kinks_off_data(x: Sequence[Fraction], terms: Sequence[Neuron1D], alpha: Fraction) -> list[Fraction]:
    """The kinks of :func:`kinks_1d` that are not data points x, compared as integers (:func:`ramps.kinks`).

    >>> F = Fraction
    >>> kinks_off_data([F(0)], [(F(1), F(0), F(1)), (F(1), F(-1), F(1))], F(0))
    [Fraction(1, 1)]
    """
    return kinks(*_columns(terms), alpha, Scaled.of(x)).fractions()


def _columns(neurons: Sequence[Neuron1D]) -> tuple[Scaled, Scaled, Scaled]:
    """(w, b, c) of the neurons as three Scaled vectors."""
    return (Scaled.of([n[0] for n in neurons]), Scaled.of([n[1] for n in neurons]),
            Scaled.of([n[2] for n in neurons]))


def secant_kinks(x: Sequence[Fraction], y: Sequence[Fraction]) -> int:
    """A lower bound on the number of kinks of ANY continuous piecewise-linear interpolant of (x, y).

    With secant slopes m_i on [x_i, x_{i+1}] (x sorted), m_i < m_{i+1} forces an upward slope
    jump strictly inside (x_i, x_{i+2}) (a nonincreasing slope there would give m_i >= m_{i+1}),
    m_i > m_{i+1} a downward one. Jumps of opposite signs are distinct kinks; for each sign the
    least number of points stabbing all its open intervals is found greedily (by right end).

    >>> F = Fraction
    >>> secant_kinks([F(-1), F(-3, 5), F(-1, 5), F(1, 5), F(3, 5), F(1)], [F(1), F(-1), F(1), F(1), F(-1), F(1)])
    3
    """
    pts = sorted(zip(x, y, strict=True))
    m = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in pairwise(pts)]
    total = 0
    for up in (True, False):
        spans = sorted(((pts[i][0], pts[i + 2][0]) for i in range(len(m) - 1)
                        if m[i] != m[i + 1] and (m[i] < m[i + 1]) == up), key=lambda s: s[1])
        point: Optional[Fraction] = None  # the current stab sits just left of this right end
        for left, right in spans:
            if point is None or not left < point:
                total, point = total + 1, right
    return total


def atom_values(x: Sequence[Fraction], atoms: Sequence[tuple[int, Fraction, Fraction]],
                alpha: Fraction) -> list[Fraction]:
    """[sum_j c_j sigma(u_j (x_i - knot_j)) for x_i in x] for atoms (u, knot, c), u = +-1 (via ramp_sums)."""
    out = [Fraction(0)] * len(x)
    for u in (1, -1):
        chosen = [(k, c) for uu, k, c in atoms if uu == u]
        vals = ramp_sums(alpha, u, [k for k, _ in chosen], [c for _, c in chosen], x)
        out = [a + b for a, b in zip(out, vals, strict=True)]
    return out


def evaluation_points(x: list[Fraction], contacts: list[tuple[Fraction, Fraction]]) -> list[Fraction]:
    """Z: the kinks -b/w of the contacts, plus one point left and one right of them and of x."""
    kinks = sorted({-b / w for w, b in contacts if w})
    ends = kinks + list(x)
    return [min(ends) - 1] + kinks + [max(ends) + 1]


def network_1d(x: Sequence[Fraction], neurons: Sequence[Neuron1D], alpha: Fraction,
               constant: Fraction = Fraction(0)) -> list[Fraction]:
    """[constant + sum_j c_j sigma(w_j x_i + b_j) for x_i in x], exactly, in O((m + n) log(m + n))
    (:func:`exact.checker.ramps.network_values`).

    >>> F = Fraction
    >>> network_1d([F(-1), F(0), F(2)], [(F(1, 2), F(-1, 2), F(4)), (F(0), F(-3), F(1))], F(0), F(1))
    [Fraction(1, 1), Fraction(1, 1), Fraction(3, 1)]
    """
    return network_values(Scaled.of(x), *_columns(neurons), alpha, constant).fractions()


def neuron_sums(x: Sequence[Fraction], v: Sequence[Fraction], alpha: Fraction,
                neurons: Sequence[tuple[Fraction, Fraction]]) -> list[Fraction]:
    """[sum_i v_i sigma(w x_i + b) for (w, b) in neurons], exactly and in O((m + n) log n).

    For w != 0, sigma(w x_i + b) = |w| sigma(-u (t - x_i)) with u = sign w and t = -b / w: the ramp sums
    with knots x and weights v at the points t (:func:`ramp_sums`); w = 0 gives sigma(b) sum(v).

    >>> F = Fraction
    >>> neuron_sums([F(0), F(1), F(2)], [F(1), F(-2), F(1)], F(0), [(F(1), F(-1)), (F(-2), F(2)), (F(0), F(3))])
    [Fraction(1, 1), Fraction(2, 1), Fraction(0, 1)]
    """
    total = sum(v, Fraction(0))
    out = [sigma(b, alpha) * total for _, b in neurons]
    for u in (1, -1):
        chosen = [j for j, (w, _) in enumerate(neurons) if (w > 0 if u == 1 else w < 0)]
        sums = ramp_sums(alpha, -u, x, v, [-neurons[j][1] / neurons[j][0] for j in chosen])
        for j, s in zip(chosen, sums, strict=True):
            out[j] = abs(neurons[j][0]) * s
    return out


def absorbs_constant(x: Sequence[Fraction], neurons: Sequence[Neuron1D], constant: Fraction) -> bool:
    """Some neuron c sigma(w x + b) is affine (w x_i + b >= 0) on all the data with c * constant > 0: raising
    its b by constant / c adds the constant at no cost, so the network needs no output bias. (w t + b is
    linear in t, so it is >= 0 on all the data iff it is at min x and max x.)"""
    xs = Scaled.of(x)  # min and max compared as integers
    ends = [xs.fraction(xs.order[0]), xs.fraction(xs.order[-1])] if x else []
    return any(c * constant > 0 and all(w * xi + b >= 0 for xi in ends) for w, b, c in neurons)
