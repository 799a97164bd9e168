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
giving both end atoms weight sigma* / 2 (with signs as above) makes one of them absorb c of either
sign: attained. If sigma* = 0 the end weights vanish on the whole face and
c = f_1 + sum_k (p_k - p_1) g_k; its range over {g in box, sum g = s_1} is found by filling the boxes
greedily from the right (c_max) and from the left (c_min), since the coefficients increase with k.
Attained iff c_min <= 0 <= c_max; then moving slope share from the leftmost non-empty box to the
rightmost non-full one (c increases along this path, O(n) moves) reaches c = 0. With an
output bias P* is always attained. n = 1: P* = 0 with c = f_1 (attained iff f_1 = 0, or output bias).

The result is an :class:`~exact.relu.interpolation.Interpolation1D` whose ``solution`` is a genuine
optimal primal-dual pair of the same LP (built, not solved; ``result.pivots == 0``). ep's (37) (no
constant column) is not computed here: ``without_constant`` is None.

>>> from fractions import Fraction as F
>>> sol = interpolate_structured([F(0), F(1), F(2)], [F(0), F(1), F(0)])
>>> sol.value, sol.attained, sol.dual
(Fraction(2, 1), False, (Fraction(-1, 1), Fraction(2, 1), Fraction(-1, 1)))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..l1 import L1Solution, l1_program
from ..lp.problem import LPResult
from .dictionary import Atom, KinkCoordinates, relu_atoms
from .interpolation import Interpolation1D

ZERO = Fraction(0)


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
    alpha = Fraction(alpha)
    if not 0 <= alpha < 1:
        raise ValueError(f"interpolate_structured supports leaky slopes 0 <= alpha < 1, not {alpha}")
    xs, ys = tuple(map(Fraction, x)), tuple(map(Fraction, y))
    if len(xs) != len(ys):
        raise ValueError(f"x has {len(xs)} points but y has {len(ys)} labels")
    if not xs:
        raise ValueError("interpolate_structured needs at least one data point")
    kc = KinkCoordinates.of(xs)  # sorts; raises on duplicate points
    atoms = relu_atoms(xs, alpha)
    p, f = kc.pts, [ys[i] for i in kc.order]
    sd = _slopes_and_kinks(p, f)  # secant slopes once: (s_1, d_2, ..., d_{n-1})
    if len(p) == 1:
        weights = [ZERO] * len(atoms)  # every atom vanishes at the single point
        yp = [ZERO]
        c = f[0]
        attained = output_bias or c == 0
        value = ZERO
    else:
        weights, c, yp, value, attained = _solve_sorted(p, f, sd, atoms, alpha, output_bias)
    dual = tuple(kc.transpose(yp))
    ty = [f[0]] + sd
    w_tuple = tuple(weights)
    solution = _as_l1_solution(kc, atoms, alpha, ty, w_tuple, c, dual, tuple(yp), value)
    return Interpolation1D(
        xs, ys, alpha, output_bias, tuple(atoms), w_tuple, c, dual, value,
        attained, (w_tuple, c) if attained else None, solution, None,
    )


def _slopes_and_kinks(p: Sequence[Fraction], f: Sequence[Fraction]) -> list[Fraction]:
    """(s_1, d_2, ..., d_{n-1}): the kink coordinates of the data after f_1."""
    s = [(f[i + 1] - f[i]) / (p[i + 1] - p[i]) for i in range(len(p) - 1)]
    return s[:1] + [s[k] - s[k - 1] for k in range(1, len(s))]


def _fill(lo: list[Fraction], hi: list[Fraction], residual: Fraction, order: range) -> list[Fraction]:
    """g in the box [lo, hi] with sum g = sum lo + residual, filling the boxes in ``order``."""
    g = list(lo)
    for k in order:
        if residual <= 0:
            break
        take = min(hi[k] - lo[k], residual)
        g[k] += take
        residual -= take
    if residual != 0:  # not an assert: the identity must hold under python -O too
        raise ArithmeticError("the slope to distribute exceeds the boxes (sigma* outside its interval)")
    return g


Solved = tuple[list[Fraction], Fraction, list[Fraction], Fraction, bool]


def _zero_constant(g: list[Fraction], lo: list[Fraction], hi: list[Fraction], offsets: list[Fraction],
                   f1: Fraction) -> bool:
    """From the left-filled g (c = c_min), move slope share rightward until c = f1 + offsets . g is 0.

    Mass goes from the leftmost box above its floor to the rightmost box below its cap, which raises c
    (offsets increase strictly) and ends at the right-filled g (c = c_max); so c = 0 is reached iff
    c_min <= 0 <= c_max. Moving along this path rather than mixing the two fillings leaves at most two
    boxes off their bounds, which keeps the certificate's numbers short. Updates g; True iff c = 0.
    """
    c = f1 + sum((o * gk for o, gk in zip(offsets, g)), ZERO)
    i, j = 0, len(g) - 1
    while c < 0:
        while i < len(g) and g[i] == lo[i]:
            i += 1
        while j >= 0 and g[j] == hi[j]:
            j -= 1
        if i >= j:  # right-filled: c = c_max < 0
            return False
        gain = offsets[j] - offsets[i]
        delta = min(g[i] - lo[i], hi[j] - g[j], -c / gain)
        g[i] -= delta
        g[j] += delta
        c += delta * gain
    return c == 0


def _solve_sorted(p: Sequence[Fraction], f: Sequence[Fraction], sd: list[Fraction], atoms: list[Atom],
                  alpha: Fraction, output_bias: bool) -> Solved:
    """(weights per atom, constant, dual y' in kink coordinates, value, attained) for n >= 2 sorted points."""
    n, beta = len(p), 1 - alpha
    s1, d = sd[0], sd[1:]  # d[k - 1] is the kink at p[k], k = 1..n-2 (0-based positions)
    m = [dk / beta for dk in d]
    d_plus = sum((mk for mk in m if mk > 0), ZERO)  # in units of 1 / beta: D+ / beta
    d_minus = sum((-mk for mk in m if mk < 0), ZERO)
    total = d_plus + d_minus
    sigma_lo = s1 - (alpha * d_plus + d_minus)
    sigma_hi = s1 + (d_plus + alpha * d_minus)
    sigma = sigma_lo if sigma_lo > 0 else sigma_hi if sigma_hi < 0 else ZERO
    value = total + abs(sigma)

    # dual: t = y'_1 at the maximising breakpoint of h, then z_k at the end of its interval d_k points to
    t = Fraction(1) if sigma_lo > 0 else Fraction(-1) if sigma_hi < 0 else ZERO
    upper, lower = (1 - alpha * t, -1 + t) if t >= 0 else (1 + t, -1 - alpha * t)
    yk = [(upper if mk > 0 else lower if mk < 0 else ZERO) / beta for mk in m]
    yp = [ZERO, t] + yk
    dual_value = t * s1 + sum((a * b for a, b in zip(yk, d)), ZERO)

    # primal: slope contributions g_k in their boxes summing to s_1 - sigma*
    lo = [min(-mk, alpha * mk) for mk in m]
    hi = [max(-mk, alpha * mk) for mk in m]
    residual = s1 - sigma - sum(lo, ZERO)
    offsets = [pk - p[0] for pk in p[1:n - 1]]  # coefficient of g_k in the constant (sigma* = 0)
    end_weight = sigma / 2  # split between the two end atoms so either can absorb the constant
    g = _fill(lo, hi, residual, range(len(m)))  # boxes full from the left: c is at its minimum c_min
    attained = sigma != 0 or output_bias
    if not attained:
        attained = _zero_constant(g, lo, hi, offsets, f[0])

    index = {a: j for j, a in enumerate(atoms)}
    weights = [ZERO] * len(atoms)
    if sigma:
        weights[index[Atom(1, p[0])]] = end_weight
        weights[index[Atom(-1, p[-1])]] = -end_weight
    for k, (mk, gk) in enumerate(zip(m, g), start=1):
        if mk:
            w_plus = (gk + mk) / (1 + alpha)  # solves w+ + w- = m_k, alpha w+ - w- = g_k
            weights[index[Atom(1, p[k])]] = w_plus
            weights[index[Atom(-1, p[k])]] = mk - w_plus
    c = f[0] - sum((w * a(p[0], alpha) for a, w in zip(atoms, weights) if w), ZERO)
    cost = sum((abs(w) for w in weights), ZERO)
    if not cost == value == dual_value or (attained and not output_bias and sigma == 0 and c != 0):
        raise ArithmeticError(f"structured duality failed: cost {cost}, value {value}, dual {dual_value}, c {c}")
    return weights, c, yp, value, attained


def _as_l1_solution(kc: KinkCoordinates, atoms: list[Atom], alpha: Fraction, ty: list[Fraction],
                    weights: tuple[Fraction, ...], c: Fraction, dual: tuple[Fraction, ...],
                    yp: tuple[Fraction, ...], value: Fraction) -> L1Solution:
    """The optimal pair as an :class:`L1Solution` of the LP ``solve_dictionary_lp`` would solve (not solved)."""
    columns = [_column(a, kc, alpha) for a in atoms]
    lp = l1_program(columns, ty, [kc.constant_column()])
    split = [part for w in weights for part in ((w, ZERO) if w >= 0 else (ZERO, -w))]
    result = LPResult("optimal", value, tuple(split) + (c,), yp, ())
    return L1Solution(value, weights, (c,), dual, lp, result)


def _column(atom: Atom, kc: KinkCoordinates, alpha: Fraction) -> dict[int, Fraction]:
    """``kc.atom_column(atom, alpha)`` from the module doc's table, without evaluating the atom (it is the
    bulk of building the LP)."""
    p, n = kc.pts, kc.n
    if n == 1:
        return {}
    k = kc.position[atom.knot]
    if atom.u == 1:
        col = {1: Fraction(1)} if k == 0 else {0: alpha * (p[0] - atom.knot), 1: alpha} if alpha else {}
    else:
        col = {0: atom.knot - p[0], 1: Fraction(-1)} if k else {1: -alpha} if alpha else {}
    if 0 < k < n - 1:
        col[k + 1] = 1 - alpha
    return col
