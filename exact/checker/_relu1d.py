"""Parsing and dual checks shared by the kinds about 1-D (and rank-one) networks (private to the checker).

The semi-infinite dual constraint of these kinds is |g(w, b)| <= bound for every |w| <= 1 and b real, with
g(w, b) = sum_i v_i sigma_alpha(w x_i + b) on 1-D data x; :func:`semi_infinite_dual` decides it exactly
(the argument is stated there). Rank-one data X = c a^T reduces to the 1-D data x = ||a|| c
(:func:`rank_one_points`).
"""
from __future__ import annotations

from fractions import Fraction
from operator import mul
from typing import Sequence

from ._fields import Malformed, at, neurons, q, qlist, qmatrix, within
from .arith import dot, sigma
from .ramps import Scaled, mirrored, ramp_values
from .relu1d import Neuron1D

NeuronD = tuple[list[Fraction], Fraction, Fraction]  # (w, b, c): c sigma(w . x + b)

#: n J d, rows x neurons x inputs, of a network evaluated row by row (:func:`network_values`; real: at most 72).
#: Each of the n J pairs costs d rational products and a leaky ReLU, twice (values, stationarity): 10^5 of
#: them took ~1.5 s on small rationals, and the sums' denominators grow with J on long ones
MAX_NETWORK_WORK = 3 * 10**4


def neurons_1d(doc: dict, path: str) -> list[Neuron1D]:
    """The neurons at ``path`` with one input weight, as (w, b, c)."""
    return [(w[0], b, c) for w, b, c in neurons(at(doc, path), path, 1)]


def labels(doc: dict, n: int) -> list[Fraction]:
    """data.y: n class labels, each 1 or -1."""
    y = qlist(at(doc, "data.y"), "data.y", n)
    if any(v not in (1, -1) for v in y):
        raise Malformed("data.y: every label must be 1 or -1")
    return y


def slopes_within_unit(nets: Sequence[Neuron1D], problems: list[str], path: str = "primal.neurons") -> None:
    """|w_j| <= 1 for every neuron (w, b, c) of a network over |w| <= 1 (larger slopes are not in the problem)."""
    for j, (w, _, _) in enumerate(nets):
        if abs(w) > 1:
            problems.append(f"{path}[{j}]: |w| = {abs(w)} > 1")


def cost(nets: Sequence[tuple]) -> Fraction:
    """sum_j |c_j| of neurons (w, b, c)."""
    return sum((abs(n[2]) for n in nets), Fraction(0))


def as_scaled(v: Sequence[Fraction] | Scaled) -> Scaled:
    return v if isinstance(v, Scaled) else Scaled.of(v)


def moments(xs: Scaled, vs: Scaled) -> tuple[Fraction, Fraction]:
    """(sum_i v_i, sum_i v_i x_i), the two sums the dual's constant direction, limits and shift need.

    >>> moments(Scaled.of([1, 2]), Scaled.of([Fraction(1, 2), -1]))
    (Fraction(-1, 2), Fraction(-3, 2))
    """
    if len(xs.nums) != len(vs.nums):  # (the sums are C-speed maps, which would stop at the shorter)
        raise ValueError("one dual weight per data point")
    return Fraction(sum(vs.nums), vs.den), Fraction(sum(map(mul, vs.nums, xs.nums)), vs.den * xs.den)


def dual_breakpoints(x: Sequence[Fraction] | Scaled, v: Sequence[Fraction] | Scaled, alpha: Fraction,
                     bound: Fraction, problems: list[str], signs: tuple[int, ...] = (1, -1),
                     sums: tuple[Fraction, Fraction] | None = None) -> None:
    """|g(u, b)| <= bound at every breakpoint b = -u x_k with u in ``signs``: g(u, -u x_k) =
    sum_i v_i sigma(-u (x_k - x_i)), the ramp sums with knots x and weights v at the points x (one integer
    walk, :func:`exact.checker.ramps.ramp_values`, for u = 1; u = -1 from it by
    :func:`exact.checker.ramps.mirrored`). When sum(v) = 0 (:func:`semi_infinite_dual` requires it) mirrored is the
    walk shifted by the constant -(1 + alpha) sum_i v_i x_i, so both signs are decided by the walk's largest
    and least entries; entries are visited one by one only to name the violations. ``sums``: the
    :func:`moments` of x and v, when known."""
    xs, vs = as_scaled(x), as_scaled(v)
    sv, svx = moments(xs, vs) if sums is None else sums
    plus = ramp_values(alpha, -1, xs, vs, xs)
    lo, hi = Fraction(min(plus.nums, default=0), plus.den), Fraction(max(plus.nums, default=0), plus.den)
    for u in signs:
        if u == 1:
            worst: Fraction | None = max(hi, -lo)
        elif sv == 0:  # then u = -1 shifts u = 1 by a constant (mirrored): only its ends matter
            shift = (1 + alpha) * svx
            worst = max(hi - shift, shift - lo)
        else:
            worst = None
        if worst is not None and worst <= bound:
            continue
        g = plus if u == 1 else mirrored(plus, xs, vs, alpha)
        top, scale = bound.numerator * g.den, bound.denominator  # |g_k| <= bound as integers
        for k, gk in enumerate(g.nums):
            if abs(gk) * scale > top:
                problems.append(f"dual: u = {u}, breakpoint b = {-u * xs.fraction(k)}: |g| = "
                                f"{abs(g.fraction(k))} > {bound}")


def semi_infinite_dual(x: Sequence[Fraction] | Scaled, v: Sequence[Fraction] | Scaled, alpha: Fraction,
                       bound: Fraction, problems: list[str]) -> None:
    """|g(u, b)| <= bound for all |u| <= 1, b real, g(u, b) = sum_i v_i sigma_alpha(u x_i + b), exactly:

    (a) u = 0 gives g = sigma(b) sum(v), unbounded unless sum(v) == 0, which is checked;
    (b) for 0 < |u| < 1, g(u, b) = |u| g(sign u, b / |u|) (positive homogeneity): only u = +-1 remain;
    (c) for u = +-1, g is continuous piecewise linear in b with breakpoints b = -u x_k; beyond them it is
        constant once sum(v) == 0 (slopes sum(v) and alpha sum(v)): u sum_i v_i x_i as b -> +oo and
        alpha u sum_i v_i x_i as b -> -oo. So sup |g| is the largest of |g| at the breakpoints and the two
        limits; all are checked (the limits equal the values at the extreme breakpoints: deliberate
        redundancy).
    """
    xs, vs = as_scaled(x), as_scaled(v)
    total, svx = sums = moments(xs, vs)
    if total != 0:                                                              # (a)
        problems.append(f"dual: constant direction (u = 0, b -> +inf): sum(v) = {total}, must be 0")
    else:                                                                       # (c) limits
        for u in (1, -1):
            for end, g in (("+inf", u * svx), ("-inf", alpha * u * svx)):
                if abs(g) > bound:
                    problems.append(f"dual: u = {u}, limit b -> {end}: |g| = {abs(g)} > {bound}")
    dual_breakpoints(xs, vs, alpha, bound, problems, sums=sums)                 # (c) breakpoints


def absorbs(x: Scaled, w: Scaled, b: Scaled, c: Scaled, constant: Fraction) -> bool:
    """:func:`relu1d.absorbs_constant` on Scaled columns: some neuron with c_j constant > 0 has
    w_j t + b_j >= 0 at t = min x and max x, i.e. w_j X b.den + b_j w.den x.den >= 0 for X = min, max."""
    ends = (min(x.nums), max(x.nums))
    scale = w.den * x.den
    return any(cj * constant > 0 and all(wj * e * b.den + bj * scale >= 0 for e in ends)
               for wj, bj, cj in zip(w.nums, b.nums, c.nums, strict=True))


def rank_one_points(doc: dict, problems: list[str]) -> tuple[list[list[Fraction]], list[Fraction]]:
    """data.X (n x d) with the evidence factor {c (n), a (d), norm}: returns (X, x = norm c).

    Checked: norm > 0, norm^2 == a^T a, X[i][k] == c_i a_k. Then for ||w||_2 <= 1, X w + b 1 = c t + b 1
    with t = a^T w ranging over exactly [-norm, norm] (Cauchy-Schwarz, equality at w = +-a / norm), i.e.
    X w = s x with |s| <= 1: the neurons on X are the 1-D neurons on x (ep Corollaries 3.4-3.5).
    """
    X = qmatrix(at(doc, "data.X"), "data.X")
    n = len(X)
    c = qlist(at(doc, "factor.c"), "factor.c", n)
    a = qlist(at(doc, "factor.a"), "factor.a", len(X[0]))
    norm = q(at(doc, "factor.norm"), "factor.norm")
    if not a:
        raise Malformed("data.X: expected at least one column")
    if norm <= 0 or norm * norm != dot(a, a):
        problems.append(f"factor.norm = {norm} is not the positive square root of a^T a = {dot(a, a)}")
    if any(xik != ci * ak for row, ci in zip(X, c, strict=True) for xik, ak in zip(row, a, strict=True)):
        problems.append("data.X != c a^T")
    return X, [norm * ci for ci in c]


def neurons_d(doc: dict, path: str, d: int, problems: list[str]) -> list[NeuronD]:
    """The neurons at ``path`` with d input weights and ||w||_2 <= 1 (checked as w.w <= 1)."""
    nets = neurons(at(doc, path), path, d)
    for j, (w, _, _) in enumerate(nets):
        if dot(w, w) > 1:
            problems.append(f"{path}[{j}]: w.w = {dot(w, w)} > 1")
    return nets


def network_size(X: Sequence[Sequence[Fraction]], nets: Sequence[NeuronD]) -> None:
    """Refuses (LimitExceeded) a network whose row-by-row evaluation, n J d, is beyond MAX_NETWORK_WORK."""
    within(len(X) * len(nets) * len(X[0]), MAX_NETWORK_WORK, "n J d (data rows x primal.neurons x inputs)")


def network_values(X: Sequence[Sequence[Fraction]], nets: Sequence[NeuronD], alpha: Fraction,
                   constant: Fraction) -> list[Fraction]:
    """[constant + sum_j c_j sigma_alpha(w_j . X_i + b_j) for every row X_i] (n J d: see :func:`network_size`)."""
    return [constant + sum((c * sigma(dot(w, row) + b, alpha) for w, b, c in nets), Fraction(0)) for row in X]


def absorbs_constant_d(X: Sequence[Sequence[Fraction]], nets: Sequence[NeuronD], constant: Fraction) -> bool:
    """Some neuron is affine on the data (w . X_i + b >= 0 for every row) with c * constant > 0: raising its b
    by constant / c adds the constant on the data at no cost (as :func:`relu1d.absorbs_constant`)."""
    return any(c * constant > 0 and all(dot(w, row) + b >= 0 for row in X) for w, b, c in nets)
