"""Kind "pattern-program-1d": a pattern program on 1-D data (kh (7), (11), as printed or corrected), exactly.

The program, rebuilt here from the data: n distinct points x, labels y, leaky slope alpha != 1 (hidden bias
free, no output bias), h(s)_i = 1 if s_i = 1 else alpha. Its terms are t = 2 j + (0 if eps = 1 else 1) for
the j-th affine sign pattern s of x (:func:`exact.checker.relu1d.patterns_1d`) and eps = +-1, with a line
p_t = x w_t + b_t (w_t, b_t real), D_t = h(s) (times y when ``program`` is "margin") and sign rows
S_t = s for eps = 1 and r s for eps = -1 (r = ``minus_sign``; times y when ``sign_times_y``):

    min sum_t |w_t|  s.t.  sum_t eps_t D_t . p_t = y ("fit") or >= 1 ("margin"),  S_t . p_t >= 0 for all t.

Its dual (multipliers v on the fit / margin rows, v >= 0 for margin, mu >= 0 on the sign rows): with
g_t = eps_t D_t . v + S_t . mu_t, every term needs 1^T g_t = 0 (b_t is free) and |x^T g_t| <= 1 (w_t); the
value is v^T y (fit) or 1^T v (margin). For a feasible point, v . rhs <= sum_t (eps D_t . v)^T p_t
= sum_t (g_t - S_t . mu_t)^T p_t <= sum_t g_t^T p_t = sum_t (x^T g_t) w_t <= sum_t |w_t| (weak duality).

Conditions checked (exactly one of ``dual`` and ``farkas``):
  1. convention, data.x distinct, data.y (each 1 or -1 for margin), data.program, data.minus_sign,
     data.sign_times_y; mu entries [t, i, m] with m >= 0, each (t, i) at most once (the others are 0);
  2. dual (with primal): the point primal.w, primal.b (4n each) satisfies every fit / margin row and, for each
     term with (w_t, b_t) != 0, its sign rows at every point; v >= 0 for margin; every term has
     1^T g_t == 0 and |x^T g_t| <= 1; sum_t |w_t| == the dual value. Proves {"type": "equals", "value": that};
  3. farkas: v >= 0 for margin; every term has 1^T g_t == 0 and x^T g_t == 0; the dual value is > 0. Then a
     feasible point would give 0 < v . rhs <= sum_t g_t^T p_t = 0 (as above). Proves {"type": "infeasible"}.

The sums over all 4n terms use prefix sums of v over the sorted points (each pattern is +1 on a range of
them: :func:`exact.checker.relu1d.threshold_ranges`), so the dual costs O(n log n + entries of mu).
Limits (checked before the work): n <= MAX_POINTS; the primal point costs n per nonzero term, at most
MAX_PRIMAL_WORK in all.
"""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, bool_, distinct_points, int_, list_, q, qlist, show, unit, within
from ._proved import Proved, convention, free_bias_alpha
from .arith import dot
from .relu1d import patterns_1d, threshold_ranges

#: points n (real certificates: 200). The 2n patterns are built as n-tuples (4n^2 entries in memory)
MAX_POINTS = 1000
#: n times the nonzero terms of the primal point (real: 200 * 118): each costs a fit and a sign test per point
MAX_PRIMAL_WORK = 200_000
PROGRAMS = ("fit", "margin")


class _Program:
    """The rows of the module doc: per term t its pattern s, eps, D_t and S_t as functions of the point i."""

    def __init__(self, x: list[Fraction], y: list[Fraction], alpha: Fraction, margin: bool, r: int,
                 times_y: bool):
        self.x, self.y, self.alpha, self.margin, self.r, self.times_y = x, y, alpha, margin, r, times_y
        self.n = len(x)
        self.patterns = patterns_1d(x)
        self.order = sorted(range(self.n), key=x.__getitem__)

    def eps(self, t: int) -> int:
        return 1 if t % 2 == 0 else -1

    def D(self, t: int, i: int) -> Fraction:
        h = Fraction(1) if self.patterns[t // 2][i] == 1 else self.alpha
        return h * self.y[i] if self.margin else h

    def S(self, t: int, i: int) -> Fraction:
        s = self.patterns[t // 2][i] * (1 if t % 2 == 0 else self.r)
        return s * self.y[i] if self.times_y else Fraction(s)

    def dual_sums(self, v: list[Fraction], mu: dict[tuple[int, int], Fraction]) -> list[tuple[Fraction, Fraction]]:
        """(1^T g_t, x^T g_t) for every term t: prefix sums of c = v (. y for margin) and x . c over the sorted
        points give sum_i D_ti c_i = (plus part) + alpha (rest) per pattern; then the listed mu entries."""
        c = [vi * yi if self.margin else vi for vi, yi in zip(v, self.y, strict=True)]
        P1, Px = [Fraction(0)], [Fraction(0)]
        for i in self.order:
            P1.append(P1[-1] + c[i])
            Px.append(Px[-1] + c[i] * self.x[i])
        sums = []
        for lo, hi in threshold_ranges(self.n):
            on1, onx = P1[hi] - P1[lo], Px[hi] - Px[lo]
            d1, dx = on1 + self.alpha * (P1[-1] - on1), onx + self.alpha * (Px[-1] - onx)
            sums += [(d1, dx), (-d1, -dx)]
        for (t, i), m in mu.items():
            s = self.S(t, i) * m
            sums[t] = (sums[t][0] + s, sums[t][1] + s * self.x[i])
        return sums


def _data(doc: dict) -> tuple[_Program, dict]:
    alpha = free_bias_alpha(doc)
    x = distinct_points(doc, "data.x")
    n = within(len(x), MAX_POINTS, "data.x: points n")
    y = qlist(at(doc, "data.y"), "data.y", n)
    program = at(doc, "data.program")
    if program not in PROGRAMS:
        raise Malformed(f"data.program: expected one of {PROGRAMS}, got {show(program)}")
    if program == "margin" and any(t not in (1, -1) for t in y):
        raise Malformed("data.y: a margin program needs labels 1 or -1")
    r = unit(at(doc, "data.minus_sign"), "data.minus_sign")
    times_y = bool_(at(doc, "data.sign_times_y"), "data.sign_times_y")
    data = {"x": x, "y": y, "program": program, "minus_sign": r, "sign_times_y": times_y,
            "convention": convention(alpha, "free", False)}
    return _Program(x, y, alpha, program == "margin", r, times_y), data


def _multipliers(obj: dict, name: str, P: _Program, problems: list[str]) -> tuple[list[Fraction], dict]:
    """{v, mu} of condition 1: v (n; >= 0 for margin) and the mu entries as {(t, i): m}."""
    v = qlist(at(obj, "v", name), f"{name}.v", P.n)
    if P.margin:
        problems += [f"{name}.v[{i}] = {vi} < 0 but the margin rows are >= 1" for i, vi in enumerate(v) if vi < 0]
    mu: dict[tuple[int, int], Fraction] = {}
    for k, entry in enumerate(list_(at(obj, "mu", name), f"{name}.mu")):
        label = f"{name}.mu[{k}]"
        t, i, m = list_(entry, label, 3)
        key = (int_(t, f"{label}[0]", range(4 * P.n)), int_(i, f"{label}[1]", range(P.n)))
        if key in mu:
            raise Malformed(f"{label}: term {key[0]} and point {key[1]} listed twice")
        mu[key] = q(m, f"{label}[2]")
        if mu[key] < 0:
            problems.append(f"{label}: multiplier {mu[key]} < 0")
    return v, mu


def _primal(doc: dict, P: _Program, problems: list[str]) -> Fraction:
    """Condition 2's primal point: feasible; returns its cost sum |w_t|."""
    w = qlist(at(doc, "primal.w"), "primal.w", 4 * P.n)
    b = qlist(at(doc, "primal.b"), "primal.b", 4 * P.n)
    used = [t for t in range(4 * P.n) if w[t] or b[t]]
    within(len(used) * P.n, MAX_PRIMAL_WORK, "primal: n times the nonzero terms")
    fit = [Fraction(0)] * P.n
    for t in used:
        for i, xi in enumerate(P.x):
            p = xi * w[t] + b[t]
            fit[i] += P.eps(t) * P.D(t, i) * p
            if P.S(t, i) * p < 0:
                problems.append(f"primal: term {t}, point {i}: S p = {P.S(t, i) * p} < 0")
    rhs = [Fraction(1)] * P.n if P.margin else P.y
    for i, (fi, ri) in enumerate(zip(fit, rhs, strict=True)):
        if (fi < ri) if P.margin else (fi != ri):
            problems.append(f"primal: row {i}: sum_t eps D p = {fi} but must be {'>=' if P.margin else '=='} {ri}")
    return sum((abs(t) for t in w), Fraction(0))


def check(doc: dict, problems: list[str]) -> Proved:
    P, data = _data(doc)
    present = [k for k in ("dual", "farkas") if k in doc]
    if len(present) != 1:
        raise Malformed(f"evidence: expected exactly one of dual, farkas, got {show(present)}")
    label = present[0]
    v, mu = _multipliers(at(doc, label), label, P, problems)
    value = sum(v, Fraction(0)) if P.margin else dot(v, P.y)
    for t, (g1, gx) in enumerate(P.dual_sums(v, mu)):
        if g1 != 0:
            problems.append(f"{label}: term {t}: 1^T g = {g1} != 0 (b is free)")
        if (abs(gx) > 1) if label == "dual" else (gx != 0):
            problems.append(f"{label}: term {t}: x^T g = {gx} but must be {'in [-1, 1]' if label == 'dual' else '0'}")
    relation: dict
    if label == "dual":
        cost = _primal(doc, P, problems)
        if cost != value:
            problems.append(f"duality gap: primal cost sum |w_t| = {cost} but the dual value is {value}")
        relation = {"type": "equals", "value": cost}
    else:
        if value <= 0:
            problems.append(f"farkas: the dual value {value} must be > 0")
        relation = {"type": "infeasible"}
    return Proved(relation, data)
