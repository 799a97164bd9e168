"""The one LP-to-VIPR writer every kind uses: a :class:`Problem`, its dual multipliers, and the file.

A VIPR file states a min problem min c.x s.t. rows, x_j >= 0 (the bound rows, listed first), the relation
to prove (``RTP range lb ub`` or ``RTP infeas``), optional solutions (``SOL``) and derivations (``DER``).
Every export has ONE derived constraint, a ``lin`` combination of the rows with empty assumptions:

* a bound (:func:`bounded`; multipliers y free on ``E`` rows, z <= 0 on ``L`` rows, w >= 0 on ``G`` rows):
  ``OBJ G b.lambda`` with the row multipliers and the reduced costs r_j = c_j - (A^T lambda)_j >= 0 on the
  bound rows x_j >= 0. Its left side is sum_j ((A^T lambda)_j + r_j) x_j = c.x (free j need r_j = 0, the
  dual column condition), its sign is suitable (every multiplier times its row's sense gives ``>=``), so
  every feasible x has c.x >= b.lambda: weak duality, in VIPR's words. With the primal point in SOL,
  ``RTP range v v``; without it ``RTP range v inf``.
* Farkas (:func:`infeasible`; the same signs with A^T lambda <= 0, = 0 on free columns, b.lambda > 0): the
  combination with r_j = -(A^T lambda)_j gives ``0 G b.lambda``, an absurdity: ``RTP infeas``.

Only nonzero coefficients and multipliers are listed.

>>> p = Problem(("a",), (Fraction(1),), (Row("r", "G", Fraction(2), {0: Fraction(1)}),), frozenset())
>>> print(bounded(p, "note", [Fraction(1)], Fraction(2), {0: Fraction(2)}).text, end="")
% note
VER 1.0
VAR 1
a
INT 0
OBJ min
1 0 1
CON 2 1
B0 G 0 1 0 1
r G 2 1 0 1
RTP range 2 2
SOL 1
primal 1 0 2
DER 1
lower G 2 OBJ { lin 1 1 1 } -1
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from exact.checker.number import rational

Coefficients = dict[int, Fraction]


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
    """min c.x s.t. ``constraints`` (rows of any sense), x_j >= 0 for j not in ``free``."""

    names: tuple[str, ...]
    c: tuple[Fraction, ...]
    constraints: tuple[Row, ...]
    free: frozenset[int]

    def rows(self) -> list[Row]:
        """The CON rows in VIPR order: the bound rows x_j >= 0 first, then ``constraints``."""
        bounds = [Row(f"B{j}", "G", Fraction(0), {j: Fraction(1)}) for j in range(len(self.c)) if j not in self.free]
        return bounds + list(self.constraints)

    def multipliers(self, lam: Sequence[Fraction], target: Sequence[Fraction]) -> list[Fraction]:
        """The lin multipliers, in :meth:`rows` order, whose combination has left side ``target`` . x:
        target_j - (A^T lam)_j on the bound rows, then lam (one per constraint).

        >>> p = Problem(("a", "b"), (Fraction(1), Fraction(1)),
        ...             (Row("e", "E", Fraction(3), {0: Fraction(1), 1: Fraction(2)}),), frozenset())
        >>> p.multipliers([Fraction(1, 2)], p.c)
        [Fraction(1, 2), Fraction(0, 1), Fraction(1, 2)]
        """
        aty = [Fraction(0)] * len(self.c)
        for row, m in zip(self.constraints, lam, strict=True):
            if m:
                for j, aj in row.coef.items():
                    aty[j] += aj * m
        return [target[j] - aty[j] for j in range(len(self.c)) if j not in self.free] + list(lam)


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


def bounded(problem: Problem, note: str, lam: Sequence[Fraction], bound: Fraction,
            sol: Coefficients | None) -> ViprExport:
    """``OBJ G bound`` by the row multipliers ``lam`` (weak duality); ``RTP range bound bound`` with the
    solution ``sol``, ``RTP range bound inf`` without one."""
    rtp = f"range {value(bound)} {value(bound) if sol is not None else 'inf'}"
    derived = Row("lower", "G", bound, dict(enumerate(problem.c)))
    return ViprExport(file_text(problem, note, rtp, sol, derived, problem.multipliers(lam, problem.c)), note)


def infeasible(problem: Problem, note: str, lam: Sequence[Fraction]) -> ViprExport:
    """``0 G b.lam`` (an absurdity when b.lam > 0) by the Farkas multipliers ``lam``: ``RTP infeas``."""
    beta = sum((m * row.rhs for row, m in zip(problem.constraints, lam, strict=True)), Fraction(0))
    lam_all = problem.multipliers(lam, [Fraction(0)] * len(problem.c))
    return ViprExport(file_text(problem, note, "infeas", None, Row("absurd", "G", beta, {}), lam_all), note)


def qs(items: Sequence[str]) -> list[Fraction]:
    """Certificate rational strings as Fractions."""
    return [rational(s) for s in items]
