"""VIPR 1.0 exports of exact LP certificates (kinds ``lp`` and ``relu1d-l1-interpolation``).

A VIPR file states a min problem min c.x s.t. rows, x_j >= 0 (the bound rows, listed first), the relation
to prove (``RTP range lb ub`` or ``RTP infeas``), optional solutions (``SOL``) and derivations (``DER``).
Every export has ONE derived constraint, a ``lin`` combination of the rows with empty assumptions:

* optimum (dual y on ``=`` rows, z <= 0 on ``<=`` rows): ``OBJ G b.y`` with multipliers y, z and the
  reduced costs r_j = c_j - (A_eq^T y + A_ub^T z)_j >= 0 on the bound rows x_j >= 0. Its left side is
  sum_j ((A^T y)_j + r_j) x_j = c.x (free j need r_j = 0, the dual column condition), its sign is
  suitable (y free on ``=``, z <= 0 on ``L`` and r >= 0 on ``G`` rows all give ``>=``), so every feasible
  x has c.x >= b.y: weak duality, in VIPR's words. With the primal point in SOL, ``RTP range v v``.
* Farkas (y, z <= 0 with A_eq^T y + A_ub^T z <= 0, = 0 on free columns, b.y > 0): the same combination
  with r_j = -(A^T y)_j gives ``0 G b.y``, an absurdity: ``RTP infeas``.

Only nonzero coefficients and multipliers are listed. An ``unbounded`` LP has no VIPR relation
(:func:`why_no_vipr` says so) and :func:`vipr_of` returns None for it and for every other kind.

>>> doc = {"format": "relu-certify-certificate", "version": 2, "kind": "lp",
...        "data": {"problem": {"c": ["1", "1"], "A_eq": [["1", "2"]], "b_eq": ["3"], "A_ub": [], "b_ub": [],
...                             "free": []}},
...        "relation": {"type": "equals", "value": "3/2"}, "primal": {"x": ["0", "3/2"]},
...        "dual": {"y_eq": ["1/2"], "y_ub": []}}
>>> print(vipr_of(doc).text, end="")
% VIPR form of an lp certificate: the LP of data.problem itself; its bound is weak duality (one lin row).
VER 1.0
VAR 2
x0 x1
INT 0
OBJ min
2 0 1 1 1
CON 3 2
B0 G 0 1 0 1
B1 G 0 1 1 1
E0 E 3 2 0 1 1 2
RTP range 3/2 3/2
SOL 1
primal 1 1 3/2
DER 1
lower G 3/2 OBJ { lin 2 0 1/2 2 1/2 } -1
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from exact.checker import FORMAT, VERSION
from exact.checker.arith import dot, sigma
from exact.checker.number import rational

__all__ = ["ViprExport", "vipr_of", "why_no_vipr"]

Coefficients = dict[int, Fraction]

LP_NOTE = "VIPR form of an lp certificate: the LP of data.problem itself; its bound is weak duality (one lin row)."
SEMI_INFINITE_NOTE = (
    "VIPR checks the finite dictionary LP only (ramps sigma_alpha(u (x - x_k)) at the data points, the "
    "linear limit columns, a free constant); the semi-infinite step, that every neuron (u, b) and not just "
    "the dictionary has |g(u, b)| <= 1, is checked by relu-certify's own checker only.")
OFF_DATA_NOTE = ("The primal network has a knot off the data, so it is no dictionary point: the RTP states "
                 "the lower bound only.")


@dataclass(frozen=True)
class ViprExport:
    """A VIPR 1.0 file (``text``) and what it does and does not prove (``note``, also its ``%`` header)."""

    text: str
    note: str


@dataclass(frozen=True)
class Row:
    """The VIPR constraint ``coef . X sense rhs`` (sense ``E``, ``L`` or ``G``) named ``name``."""

    name: str
    sense: str
    rhs: Fraction
    coef: Coefficients


@dataclass(frozen=True)
class Problem:
    """min c.x s.t. ``eq`` rows (a . x = b), ``ub`` rows (a . x <= b), x_j >= 0 for j not in ``free``."""

    names: tuple[str, ...]
    c: tuple[Fraction, ...]
    eq: tuple[tuple[Coefficients, Fraction], ...]
    ub: tuple[tuple[Coefficients, Fraction], ...]
    free: frozenset[int]

    def rows(self) -> list[Row]:
        """The CON rows in VIPR order: the bound rows x_j >= 0 first, then ``eq``, then ``ub``."""
        bounds = [Row(f"B{j}", "G", Fraction(0), {j: Fraction(1)}) for j in range(len(self.c)) if j not in self.free]
        return (bounds + [Row(f"E{i}", "E", b, a) for i, (a, b) in enumerate(self.eq)]
                + [Row(f"U{i}", "L", b, a) for i, (a, b) in enumerate(self.ub)])

    def multipliers(self, y: Sequence[Fraction], z: Sequence[Fraction], target: Sequence[Fraction]) -> list[Fraction]:
        """The lin multipliers, in :meth:`rows` order, whose combination has left side ``target`` . x:
        target_j - (A_eq^T y + A_ub^T z)_j on the bound rows, then y, then z.

        >>> p = Problem(("a", "b"), (Fraction(1), Fraction(1)), (({0: Fraction(1), 1: Fraction(2)}, Fraction(3)),),
        ...             (), frozenset())
        >>> p.multipliers([Fraction(1, 2)], [], p.c)
        [Fraction(1, 2), Fraction(0, 1), Fraction(1, 2)]
        """
        aty = [Fraction(0)] * len(self.c)
        for (a, _), m in zip((*self.eq, *self.ub), (*y, *z), strict=True):
            for j, aj in a.items():
                aty[j] += aj * m
        return [target[j] - aty[j] for j in range(len(self.c)) if j not in self.free] + [*y, *z]


def value(q: Fraction) -> str:
    """A rational as a VIPR value (an integer or p/q).

    >>> value(Fraction(-6, 4)), value(Fraction(4, 2))
    ('-3/2', '2')
    """
    return str(q)


def sparse(entries: Coefficients) -> str:
    """``p i1 a1 ... ip ap`` over the nonzero entries, by index."""
    nonzero = sorted((i, a) for i, a in entries.items() if a)
    return " ".join([str(len(nonzero))] + [f"{i} {value(a)}" for i, a in nonzero])


def constraint(row: Row, objective: Coefficients | None = None) -> str:
    """``row`` in VIPR constraint format; ``OBJ`` for its left side when it equals ``objective``."""
    same = objective is not None and {i: a for i, a in row.coef.items() if a} == objective
    return f"{row.name} {row.sense} {value(row.rhs)} {'OBJ' if same else sparse(row.coef)}"


def file_text(problem: Problem, note: str, rtp: str, sol: Coefficients | None, derived: Row,
              lam: Sequence[Fraction]) -> str:
    """The VIPR file of ``problem`` with one solution ``sol`` (none when None) and the ``lin`` row ``derived``."""
    obj = {j: cj for j, cj in enumerate(problem.c) if cj}
    rows = problem.rows()
    lines = [f"% {line}" for line in note.splitlines()]
    lines += ["VER 1.0", f"VAR {len(problem.names)}", " ".join(problem.names), "INT 0", "OBJ min", sparse(obj),
              f"CON {len(rows)} {len(problem.c) - len(problem.free)}"]
    lines += [constraint(r) for r in rows]
    lines += [f"RTP {rtp}", f"SOL {0 if sol is None else 1}"]
    if sol is not None:
        lines.append(f"primal {sparse(sol)}")
    lines += ["DER 1", f"{constraint(derived, obj)} {{ lin {sparse(dict(enumerate(lam)))} }} -1"]
    return "\n".join(lines) + "\n"


def qs(items: Sequence[str]) -> list[Fraction]:
    """Certificate rational strings as Fractions."""
    return [rational(s) for s in items]


def why_no_vipr(certificate: dict) -> str | None:
    """Why :func:`vipr_of` returns None for ``certificate`` (None when it exports it)."""
    kind = certificate.get("kind")
    if (certificate.get("format"), certificate.get("version")) != (FORMAT, VERSION):
        return f"not a {FORMAT} version {VERSION} certificate, whose fields this export reads"
    if kind == "lp" and "ray" in certificate:
        return "an unbounded LP has no VIPR relation to prove (RTP is a range of the optimum or infeas)"
    if kind not in ("lp", "relu1d-l1-interpolation"):
        return f"kind {kind!r} is no finite LP with a VIPR form"
    return None


def vipr_of(certificate: dict) -> ViprExport | None:
    """The VIPR 1.0 export of an ``lp`` or ``relu1d-l1-interpolation`` certificate, None for any other
    (and for an unbounded LP): see :func:`why_no_vipr`. The certificate is not checked here; a wrong one
    gives a file that VIPR (and ``tests/verify/vipr_spec.py``) rejects."""
    if why_no_vipr(certificate) is not None:
        return None
    if certificate["kind"] == "lp":
        return lp_export(certificate)
    return interpolation_export(certificate)


def lp_export(doc: dict) -> ViprExport:
    """Kind ``lp``: the LP of data.problem, with its dual (``RTP range v v``) or Farkas vector (``RTP infeas``)."""
    p = doc["data"]["problem"]
    c = qs(p["c"])

    def rows(m: str) -> tuple[tuple[Coefficients, Fraction], ...]:
        return tuple((dict(enumerate(qs(a))), b) for a, b in zip(p[f"A_{m}"], qs(p[f"b_{m}"]), strict=True))

    problem = Problem(tuple(f"x{j}" for j in range(len(c))), tuple(c), rows("eq"), rows("ub"), frozenset(p["free"]))
    if "farkas" in doc:
        y, z = qs(doc["farkas"]["y_eq"]), qs(doc["farkas"]["y_ub"])
        beta = dot([b for _, b in problem.eq], y) + dot([b for _, b in problem.ub], z)
        lam = problem.multipliers(y, z, [Fraction(0)] * len(c))
        return ViprExport(file_text(problem, LP_NOTE, "infeas", None, Row("absurd", "G", beta, {}), lam), LP_NOTE)
    v = rational(doc["relation"]["value"])
    lam = problem.multipliers(qs(doc["dual"]["y_eq"]), qs(doc["dual"]["y_ub"]), c)
    sol = dict(enumerate(qs(doc["primal"]["x"])))
    text = file_text(problem, LP_NOTE, f"range {value(v)} {value(v)}", sol, Row("lower", "G", v, dict(enumerate(c))),
                     lam)
    return ViprExport(text, LP_NOTE)


@dataclass(frozen=True)
class Dictionary:
    """The finite dictionary LP of 1-D min-norm interpolation on data x, y with leaky slope alpha.

    Columns (a column is its values on the data): for u = +-1 and every data point x_k the ramp
    sigma_alpha(u (x_i - x_k)) twice, as c+ and c- >= 0 of cost 1 (its weight is c+ - c-); the limits of
    sigma_alpha(u x + b) as b -> +oo (u x_i, cost 1) and b -> -oo (alpha u x_i, cost 1), their constant parts
    b and alpha b absorbed into the constant; the free constant c0 of cost 0. Zero columns are left out
    (their dual rows 0 <= 1 say nothing). Rows: sum over columns = y_i.

    Its dual is max v.y s.t. +-v.ramp <= 1, v.limit <= 1, sum(v) = 0 (the row of free c0): exactly the
    checker's condition 3 (|g(u, -u x_k)| <= 1, the limits, sum v = 0, g(u, b) = sum_i v_i sigma(u x_i + b)).
    So the certificate's v is dual feasible here, and the ``lin`` row (v on the interpolation rows, the
    reduced costs cost_j - v.column_j >= 0 on the bounds, none on c0 as sum v = 0) gives OBJ >= v.y = value.
    The optimum is value: every column is a network of its cost (a ramp is the neuron (u, -u x_k); a limit
    column is such a neuron at an extreme knot plus a constant; c0 is the output bias or, without one, the
    limit of neurons (0, B) of weight c0 / B, of vanishing cost), so LP optimum >= P*. By the checker's
    (a)-(c) the LP's dual feasible set IS the semi-infinite dual's, whose values are <= P* (weak duality);
    so the LP dual is bounded and by LP duality LP optimum = max dual <= P* = value. That step, |g| <= 1
    for every neuron and not just the dictionary, is no VIPR statement (SEMI_INFINITE_NOTE).

    >>> d = Dictionary.of([Fraction(0), Fraction(1)], Fraction(0))
    >>> d.names
    ('up0_pos', 'up0_neg', 'dn1_pos', 'dn1_neg', 'hi_up', 'hi_dn', 'c0')
    """

    names: tuple[str, ...]
    columns: tuple[tuple[Fraction, ...], ...]
    ramps: dict[tuple[int, int], int]  # (u, k) -> index of its c+ variable (c- is the next)

    @classmethod
    def of(cls, x: Sequence[Fraction], alpha: Fraction) -> Dictionary:
        """The dictionary on points x (in the certificate's order) for slope alpha."""
        names: list[str] = []
        columns: list[tuple[Fraction, ...]] = []
        ramps: dict[tuple[int, int], int] = {}
        for u, tag in ((1, "up"), (-1, "dn")):
            for k, xk in enumerate(x):
                col = tuple(sigma(u * (xi - xk), alpha) for xi in x)
                if any(col):
                    ramps[(u, k)] = len(names)
                    names += [f"{tag}{k}_pos", f"{tag}{k}_neg"]
                    columns += [col, tuple(-a for a in col)]
        for end, slope in (("hi", Fraction(1)), ("lo", alpha)):
            for u, tag in ((1, "up"), (-1, "dn")):
                col = tuple(slope * u * xi for xi in x)
                if any(col):
                    names.append(f"{end}_{tag}")
                    columns.append(col)
        return cls((*names, "c0"), (*columns, tuple(Fraction(1) for _ in x)), ramps)

    def problem(self, y: Sequence[Fraction]) -> Problem:
        """The LP min sum of the nonnegative weights s.t. the columns' sum is y, c0 free."""
        last = len(self.names) - 1
        rows = tuple(({j: col[i] for j, col in enumerate(self.columns) if col[i]}, yi) for i, yi in enumerate(y))
        return Problem(self.names, tuple(Fraction(j != last) for j in range(len(self.names))), rows, (),
                       frozenset({last}))

    def weights(self, x: Sequence[Fraction], neurons: Sequence[tuple[Fraction, Fraction, Fraction]],
                constant: Fraction, alpha: Fraction) -> Coefficients | None:
        """The network ``constant + sum c sigma_alpha(w x + b)`` as dictionary weights, None when a neuron
        with w != 0 has its knot -b/w off the data. c sigma(w x + b) = |w| c sigma(sign(w) (x - t)),
        t = -b/w (positive homogeneity); a w = 0 neuron is the constant c sigma(b)."""
        where = {xk: k for k, xk in enumerate(x)}
        net: dict[tuple[int, int], Fraction] = {}
        c0 = constant
        for w, b, c in neurons:
            if not w:
                c0 += c * sigma(b, alpha)
                continue
            if (k := where.get(-b / w)) is None:
                return None
            key = (1 if w > 0 else -1, k)
            net[key] = net.get(key, Fraction(0)) + abs(w) * c
        out = {len(self.names) - 1: c0}
        for key, weight in net.items():
            if key in self.ramps:  # a zero column is zero on the data whatever its weight
                out[self.ramps[key] + (weight < 0)] = abs(weight)
        return out


def interpolation_export(doc: dict) -> ViprExport:
    """Kind ``relu1d-l1-interpolation``: the :class:`Dictionary` LP, lower bound by v, the network in SOL."""
    alpha = rational(doc["convention"]["alpha"])
    x, y, v = qs(doc["data"]["x"]), qs(doc["data"]["y"]), qs(doc["dual"]["v"])
    neurons = [(rational(n["w"][0]), rational(n["b"]), rational(n["c"])) for n in doc["primal"]["neurons"]]
    bound = rational(doc["relation"]["value"])
    dictionary = Dictionary.of(x, alpha)
    problem = dictionary.problem(y)
    sol = dictionary.weights(x, neurons, rational(doc["primal"]["constant"]), alpha)
    note = SEMI_INFINITE_NOTE if sol is not None else f"{SEMI_INFINITE_NOTE}\n{OFF_DATA_NOTE}"
    rtp = f"range {value(bound)} {value(bound) if sol is not None else 'inf'}"
    lam = problem.multipliers(v, [], problem.c)
    return ViprExport(file_text(problem, note, rtp, sol, Row("lower", "G", bound, dict(enumerate(problem.c))), lam),
                      note)
