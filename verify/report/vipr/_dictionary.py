"""The 1-D network problems as finite dictionary LPs: kinds ``relu1d-l1-interpolation``, ``relu1d-margin``,
``relu1d-hinge`` and ``relu1d-function-norm``.

A network c sigma_alpha(w x + b) with w != 0 is |w| c sigma_alpha(sign(w) (x - t)), t = -b / w (positive
homogeneity): on the data it is the ramp column of (sign w, t) with weight |w| c, of cost <= |c|. A
:class:`Dictionary` lists such columns (weights split into c+ - c-, cost 1 each), optionally the limit columns
and the free constant c0; each kind adds its rows (and, for the hinge loss, slacks xi_i >= max(0, 1 - y_i f_i)):

* interpolation  min sum weights  s.t.  f_i = y_i              (multipliers v);
* margin         min sum weights  s.t.  y_i f_i >= 1           (u >= 0);
* hinge          min beta sum weights + sum xi  s.t.  y_i f_i + xi_i >= 1   (lam = y v in [0, 1]);

f_i the columns' sum at x_i. The row multipliers are the certificate's dual, its reduced costs are
(cost - v . column) >= 0 iff |g| <= bound at that column, and c0 free needs sum(v) = 0: the checker's dual
conditions at the dictionary. Where the kind's networks are the dictionary (hinge modes other than
``infinite``: knots on the data or b = 0, |w| <= 1 only scales) the LP is the problem; otherwise the step
from the dictionary to every neuron is the semi-infinite one of :data:`SEMI_INFINITE_NOTE`.

>>> d = Dictionary.of([Fraction(0), Fraction(1)], Fraction(0))
>>> d.names
('up0_pos', 'up0_neg', 'dn1_pos', 'dn1_neg', 'hi_up', 'hi_dn', 'c0')
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping, Sequence

from exact.checker.arith import sigma
from exact.relu.networks import neuron_strings

from ._core import Coefficients, Problem, Row, ViprExport, bounded, qs


def semi_infinite_note(bound: str) -> str:
    """The ``%`` note of a dictionary LP whose semi-infinite step (|g| <= bound off the dictionary) VIPR
    does not see."""
    return ("VIPR checks the finite dictionary LP only (ramps sigma_alpha(u (x - x_k)) at the data points, the "
            "linear limit columns, a free constant); the semi-infinite step, that every neuron (u, b) and not just "
            f"the dictionary has |g(u, b)| <= {bound}, is checked by relu-certify's own checker only.")


SEMI_INFINITE_NOTE = semi_infinite_note("1")
OFF_DATA_NOTE = ("The primal network has a knot off the data, so it is no dictionary point: the RTP states "
                 "the lower bound only.")
FINITE_HINGE_NOTE = ("VIPR form of a relu1d-hinge certificate in mode {mode}: the LP over the mode's dictionary "
                     "(a neuron is |w| times a column) with loss slacks xi_i >= 1 - y_i f(x_i), xi_i >= 0: the "
                     "problem itself.")
FUNCTION_NORM_NOTE = (
    "VIPR checks the finite LP over neurons [+-(x - t_k)]_+ with knots at the breakpoints only (rows: kinks d_k, "
    "end slopes); that measures with mass elsewhere cost no less (a y_0 with |y_0 + y_+|, |y_0 - y_-| <= 1, "
    "from |y_+ + y_-| <= 2) is checked by relu-certify's own checker only.")


@dataclass(frozen=True)
class Dictionary:
    """Ramp columns sigma_alpha(u (x_i - t)) (as c+ and c- >= 0 of cost 1) for u = +-1 and t in knots[u], the
    limits of sigma_alpha(u x + b) as b -> +oo (u x_i) and b -> -oo (alpha u x_i), their constant parts
    absorbed into the constant, when ``limits``; the free constant c0 (cost 0) when ``constant``. Zero
    columns are left out (their dual rows 0 <= 1 say nothing). Names index the knots of each u.

    With every data point a knot of both signs, limits and c0 this is the dictionary whose dual is exactly
    the checker's condition (|g(u, -u x_k)| <= 1, the limits, sum v = 0); every column is a network of its
    cost, so LP optimum >= P*, and LP duality with the semi-infinite dual gives LP optimum <= P*.
    """

    names: tuple[str, ...]
    columns: tuple[tuple[Fraction, ...], ...]
    ramps: dict[tuple[int, Fraction], int]  # (u, knot) -> index of its c+ variable (c- is the next)
    knots: dict[int, frozenset[Fraction]]
    constant: bool

    @classmethod
    def of(cls, x: Sequence[Fraction], alpha: Fraction, knots: Mapping[int, Sequence[Fraction]] | None = None,
           limits: bool = True, constant: bool = True) -> Dictionary:
        """The dictionary on points x (in the certificate's order) for slope alpha; knots default to x for
        both u."""
        chosen = {1: x, -1: x} if knots is None else knots
        names: list[str] = []
        columns: list[tuple[Fraction, ...]] = []
        ramps: dict[tuple[int, Fraction], int] = {}
        for u, tag in ((1, "up"), (-1, "dn")):
            for k, t in enumerate(chosen.get(u, ())):
                col = tuple(sigma(u * (xi - t), alpha) for xi in x)
                if any(col):
                    ramps[(u, t)] = len(names)
                    names += [f"{tag}{k}_pos", f"{tag}{k}_neg"]
                    columns += [col, tuple(-a for a in col)]
        for end, slope in (("hi", Fraction(1)), ("lo", alpha)) if limits else ():
            for u, tag in ((1, "up"), (-1, "dn")):
                col = tuple(slope * u * xi for xi in x)
                if any(col):
                    names.append(f"{end}_{tag}")
                    columns.append(col)
        if constant:
            names.append("c0")
            columns.append(tuple(Fraction(1) for _ in x))
        return cls(tuple(names), tuple(columns), ramps, {u: frozenset(chosen.get(u, ())) for u in (1, -1)},
                   constant)

    def problem(self, rows: Sequence[tuple[Fraction, str, Fraction]], cost: Fraction = Fraction(1),
                slack: bool = False) -> Problem:
        """min cost sum weights (+ sum xi) s.t. row i: scale_i f_i (+ xi_i) sense_i rhs_i for rows[i] =
        (scale, sense, rhs); the slacks loss{i} follow the columns, c0 is free."""
        m = len(self.names)
        cons = tuple(Row(f"row{i}", sense, rhs, {j: scale * col[i] for j, col in enumerate(self.columns)
                                                 if col[i]} | ({m + i: Fraction(1)} if slack else {}))
                     for i, (scale, sense, rhs) in enumerate(rows))
        c0 = {m - 1} if self.constant else set()
        names = self.names + tuple(f"loss{i}" for i in range(len(rows)) if slack)
        c = tuple(Fraction(0) if j in c0 else cost if j < m else Fraction(1) for j in range(len(names)))
        return Problem(names, c, cons, frozenset(c0))

    def weights(self, neurons: Sequence[tuple[Fraction, Fraction, Fraction]], constant: Fraction,
                alpha: Fraction) -> Coefficients | None:
        """The network ``constant + sum c sigma_alpha(w x + b)`` as dictionary weights, None when a neuron
        with w != 0 has its knot -b/w off the dictionary's knots; a w = 0 neuron is the constant c sigma(b),
        dropped (like ``constant``) when there is no c0 column, so the point then is not the network."""
        net: dict[tuple[int, Fraction], Fraction] = {}
        c0 = constant
        for w, b, c in neurons:
            if not w:
                c0 += c * sigma(b, alpha)
                continue
            key = (1 if w > 0 else -1, -b / w)
            if key[1] not in self.knots[key[0]]:
                return None
            net[key] = net.get(key, Fraction(0)) + abs(w) * c
        out = {len(self.names) - 1: c0} if self.constant else {}
        for key, weight in net.items():
            if key in self.ramps:  # a zero column is zero on the data whatever its weight
                out[self.ramps[key] + (weight < 0)] = abs(weight)
        return out

    def values(self, weights: Coefficients, n: int) -> list[Fraction]:
        """f_i = sum_j weights_j column_j[i] of a dictionary point."""
        return [sum((a * self.columns[j][i] for j, a in weights.items()), Fraction(0)) for i in range(n)]


def _network(doc: dict) -> tuple[list[Fraction], list[Fraction], Fraction, list[tuple[Fraction, Fraction, Fraction]]]:
    """x, y, alpha and the primal neurons (w, b, c) of a 1-D network certificate."""
    neurons = list(zip(*map(qs, neuron_strings(doc["primal"]["neurons"]))))
    return qs(doc["data"]["x"]), qs(doc["data"]["y"]), qs([doc["convention"]["alpha"]])[0], neurons


def _export(doc: dict, d: Dictionary, rows: list[tuple[Fraction, str, Fraction]], lam: Sequence[Fraction],
            note: str, cost: Fraction = Fraction(1), slack: bool = False) -> ViprExport:
    """The dictionary LP bounded by ``lam``; SOL the primal network (with its loss slacks) when it is a
    dictionary point, else the lower bound only (OFF_DATA_NOTE)."""
    x, y, alpha, neurons = _network(doc)
    sol = d.weights(neurons, qs([doc["primal"]["constant"]])[0], alpha)
    if sol is None:
        note = f"{note}\n{OFF_DATA_NOTE}"
    elif slack:
        m = len(d.names)
        sol |= {m + i: max(Fraction(0), 1 - yi * fi) for i, (yi, fi) in enumerate(zip(y, d.values(sol, len(x))))}
    return bounded(d.problem(rows, cost, slack), note, lam, qs([doc["relation"]["value"]])[0], sol)


def interpolation_export(doc: dict) -> ViprExport:
    """Kind ``relu1d-l1-interpolation``: rows f_i = y_i, multipliers dual.v."""
    x, y, alpha, _ = _network(doc)
    rows = [(Fraction(1), "E", yi) for yi in y]
    return _export(doc, Dictionary.of(x, alpha), rows, qs(doc["dual"]["v"]), SEMI_INFINITE_NOTE)


def margin_export(doc: dict) -> ViprExport:
    """Kind ``relu1d-margin``: rows y_i f_i >= 1, multipliers dual.u >= 0 (v = u y)."""
    x, y, alpha, _ = _network(doc)
    rows = [(yi, "G", Fraction(1)) for yi in y]
    return _export(doc, Dictionary.of(x, alpha), rows, qs(doc["dual"]["u"]), SEMI_INFINITE_NOTE)


def hinge_export(doc: dict) -> ViprExport:
    """Kind ``relu1d-hinge``: rows y_i f_i + xi_i >= 1, cost beta on the weights, multipliers lam_i = y_i v_i.
    The mode's dictionary: ``infinite`` the full one (semi-infinite note); ``data-knots`` ramps at the data
    for u = +-1, ``kernel`` for u = 1, ``no-bias`` the knot 0 (b = 0) for u = +-1; c0 with an output bias."""
    x, y, alpha, _ = _network(doc)
    mode, bias = doc["data"]["mode"], doc["convention"]["output_bias"]
    beta = qs([doc["data"]["beta"]])[0]
    if mode == "infinite":
        d, note = Dictionary.of(x, alpha), semi_infinite_note("beta")
    else:
        knots = {"data-knots": {1: x, -1: x}, "kernel": {1: x}, "no-bias": {1: [Fraction(0)], -1: [Fraction(0)]}}
        d, note = Dictionary.of(x, alpha, knots[mode], False, bias), FINITE_HINGE_NOTE.format(mode=mode)
    lam = [yi * vi for yi, vi in zip(y, qs(doc["dual"]["v"]), strict=True)]
    return _export(doc, d, [(yi, "G", Fraction(1)) for yi in y], lam, note, beta, True)


def function_norm_export(doc: dict) -> ViprExport:
    """Kind ``relu1d-function-norm``: variables p_k = alpha(1, t_k), q_k = alpha(-1, t_k) (split, cost 1);
    rows kink{k}: p_k + q_k = d_k (y_k), right: sum p = s_K (y_+), left: -sum q = s_0 (y_-). The reduced costs
    1 -+ (y_k + y_+) and 1 -+ (y_k - y_-) are condition 3; SOL the neurons when their knots are breakpoints."""
    data, dual = doc["data"], doc["dual"]
    t, f = qs(data["breakpoints"]), qs(data["values"])
    inner = [(f[k + 1] - f[k]) / (t[k + 1] - t[k]) for k in range(len(t) - 1)]
    slopes = [qs([data["left_slope"]])[0], *inner, qs([data["right_slope"]])[0]]
    K = len(t)
    names = tuple(f"{u}{k}_{s}" for u in "pq" for k in range(K) for s in ("pos", "neg"))

    def var(u: int, k: int, sign: int) -> int:
        return (0 if u == 1 else 2 * K) + 2 * k + (sign < 0)

    def signed(ks: Sequence[tuple[int, int]], scale: int) -> Coefficients:
        """scale times the net weights (pos - neg) of the (u, k) in ks."""
        return {var(u, k, s): Fraction(scale * s) for u, k in ks for s in (1, -1)}

    rows = [Row(f"kink{k}", "E", slopes[k + 1] - slopes[k], signed([(1, k), (-1, k)], 1)) for k in range(K)]
    rows += [Row("right", "E", slopes[-1], signed([(1, k) for k in range(K)], 1)),
             Row("left", "E", slopes[0], signed([(-1, k) for k in range(K)], -1))]
    problem = Problem(names, tuple(Fraction(1) for _ in names), tuple(rows), frozenset())
    lam = [*qs(dual["kink"]), *qs([dual["right"], dual["left"]])]
    where = {tk: k for k, tk in enumerate(t)}
    weight: dict[int, Fraction] = {}
    for n in doc["primal"]["neurons"]:
        u, b, c = qs(n["w"])[0], *qs([n["b"], n["c"]])
        if (k := where.get(-b / u)) is None:
            return bounded(problem, f"{FUNCTION_NORM_NOTE}\nA neuron has its knot off the breakpoints: the RTP "
                           "states the lower bound only.", lam, qs([doc["relation"]["value"]])[0], None)
        weight[var(int(u), k, 1)] = weight.get(var(int(u), k, 1), Fraction(0)) + c
    sol = {j + (a < 0): abs(a) for j, a in weight.items()}
    return bounded(problem, FUNCTION_NORM_NOTE, lam, qs([doc["relation"]["value"]])[0], sol)
