"""A small reader and exact checker of VIPR 1.0 files (cert_spec_v1_0.md), for the tests of verify.report.vipr.

Read: leading ``%`` comments, then ``VER 1.0``, VAR, INT, OBJ, CON, RTP, SOL, DER in this order; constraints
in constraint format (``name sense rhs p i1 a1 ...`` or ``... OBJ``), reasons ``{ asm }`` and
``{ lin p i1 l1 ... }``. Checked, with Fractions: every SOL point satisfies every CON row and its objective is
within the RTP range; every ``lin`` row is a suitable linear combination (all lambda_j s(C_j) >= 0 or all
<= 0) of earlier rows that dominates it; the last DER row has no assumptions and proves the RTP (an
absurdity for ``infeas``, else it dominates OBJ >= lb for min, OBJ <= ub for max). Any violation raises
ValueError naming the section. ``rnd``, ``uns`` and ``sol`` reasons are refused (the exports do not use them).

>>> check(parse("VER 1.0 VAR 1 x INT 0 OBJ min 1 0 1 CON 1 1 b G 2 1 0 1 RTP range 2 inf SOL 0 "
...             "DER 1 d G 2 OBJ { lin 1 0 1 } -1")).rtp
(Fraction(2, 1), None)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import dropwhile

from exact.checker.number import NumberError, rational

Coefficients = dict[int, Fraction]
SECTIONS = ("VAR", "INT", "OBJ", "CON", "RTP", "SOL", "DER")
SIGN = {"G": 1, "E": 0, "L": -1}


@dataclass(frozen=True)
class Constraint:
    """coef . X sense rhs, zero coefficients dropped."""
    name: str
    sense: str
    rhs: Fraction
    coef: Coefficients


@dataclass(frozen=True)
class Derived:
    """A DER row: its constraint and reason (``asm`` or ``lin`` with its (index, lambda) pairs)."""
    constraint: Constraint
    reason: str
    terms: tuple[tuple[int, Fraction], ...]


@dataclass(frozen=True)
class Vipr:
    """A parsed VIPR file; ``rtp`` is None for ``infeas``, else (lb, ub) with None for -inf / inf."""
    variables: tuple[str, ...]
    integers: tuple[int, ...]
    sense: str
    objective: Coefficients
    constraints: tuple[Constraint, ...]
    bounds: int
    rtp: tuple[Fraction | None, Fraction | None] | None
    solutions: tuple[tuple[str, Coefficients], ...]
    derived: tuple[Derived, ...]


class Tokens:
    """The whitespace-separated tokens after the leading comment lines, read in order."""

    def __init__(self, text: str) -> None:
        self.items = " ".join(dropwhile(lambda line: line.startswith("%"), text.splitlines())).split()
        self.pos = 0
        self.section = "VER"

    def take(self) -> str:
        if self.pos == len(self.items):
            raise ValueError(f"{self.section}: unexpected end of file")
        self.pos += 1
        return self.items[self.pos - 1]

    def keyword(self, word: str) -> None:
        previous, self.section = self.section, word
        got = self.items[self.pos] if self.pos < len(self.items) else "end of file"
        if got != word:
            raise ValueError(f"{word}: missing section {word} (found {got!r}; is the count of {previous} right?)")
        self.pos += 1

    def count(self, what: str) -> int:  # also an index: both are nonnegative integers
        if not (tok := self.take()).isdigit():
            raise ValueError(f"{self.section}: {what} must be a nonnegative integer, got {tok!r}")
        return int(tok)

    def index(self, n: int) -> int:
        if (i := self.count("an index")) >= n:
            raise ValueError(f"{self.section}: index {i} out of range 0..{n - 1}")
        return i

    def number(self, tok: str | None = None) -> Fraction:
        tok = self.take() if tok is None else tok
        try:
            return rational(tok)
        except NumberError:
            raise ValueError(f"{self.section}: {tok!r} is not a rational value") from None

    def bound(self, infinite: str) -> Fraction | None:
        tok = self.take()
        return None if tok == infinite else self.number(tok)

    def expect(self, word: str, what: str) -> None:
        if self.take() != word:
            raise ValueError(f"{self.section}: {what}")

    def name(self) -> str:
        if (tok := self.take()) in SECTIONS:
            raise ValueError(f"{self.section}: found section keyword {tok} where a name belongs (wrong count?)")
        return tok

    def sparse(self, n: int) -> Coefficients:
        out: Coefficients = {}
        for _ in range(self.count("the number of entries")):
            i = self.index(n)
            if i in out:
                raise ValueError(f"{self.section}: index {i} listed twice")
            out[i] = self.number()
        return {i: a for i, a in out.items() if a}

    def constraint(self, n: int, objective: Coefficients) -> Constraint:
        name, sense = self.name(), self.take()
        if sense not in SIGN:
            raise ValueError(f"{self.section}: constraint {name}: sense must be E, L or G, got {sense!r}")
        rhs = self.number()
        if self.pos < len(self.items) and self.items[self.pos] == "OBJ":
            self.pos += 1
            return Constraint(name, sense, rhs, dict(objective))
        return Constraint(name, sense, rhs, self.sparse(n))


def parse(text: str) -> Vipr:
    """The VIPR file ``text``; ValueError naming the section on any deviation from the grammar."""
    t = Tokens(text)
    t.expect("VER", "the first line after the comments must be 'VER 1.0'")
    t.expect("1.0", "the first line after the comments must be 'VER 1.0'")
    t.keyword("VAR")
    n = t.count("the number of variables")
    variables = tuple(t.name() for _ in range(n))
    t.keyword("INT")
    integers = tuple(t.index(n) for _ in range(t.count("the number of integer variables")))
    t.keyword("OBJ")
    sense = t.take()
    if sense not in ("min", "max"):
        raise ValueError(f"OBJ: sense must be min or max, got {sense!r}")
    objective = t.sparse(n)
    t.keyword("CON")
    m, b = t.count("the number of constraints"), t.count("the number of bound constraints")
    constraints = tuple(t.constraint(n, objective) for _ in range(m))
    if b > m or any(len(c.coef) > 1 for c in constraints[:b]):
        raise ValueError(f"CON: the first {b} constraints must be bound constraints (one variable each)")
    t.keyword("RTP")
    kind = t.take()
    rtp: tuple[Fraction | None, Fraction | None] | None = None
    if kind == "range":
        rtp = (t.bound("-inf"), t.bound("inf"))
    elif kind != "infeas":
        raise ValueError(f"RTP: expected 'infeas' or 'range lb ub', got {kind!r}")
    t.keyword("SOL")
    solutions = tuple((t.name(), t.sparse(n)) for _ in range(t.count("the number of solutions")))
    t.keyword("DER")
    derived = []
    for _ in range(t.count("the number of derivations")):
        con = t.constraint(n, objective)
        t.expect("{", f"{con.name}: a reason must start with '{{'")
        reason, terms = t.take(), []
        if reason == "lin":
            terms = [(t.count("an index"), t.number()) for _ in range(t.count("the number of multipliers"))]
        elif reason != "asm":
            raise ValueError(f"DER: {con.name}: reason {reason!r} is not supported here (only asm and lin)")
        t.expect("}", f"{con.name}: the reason must end with '}}'")
        if (last := t.take()) != "-1" and not last.isdigit():
            raise ValueError(f"DER: {con.name}: the last index referring to it must be -1 or an index")
        derived.append(Derived(con, reason, tuple(terms)))
    if t.pos != len(t.items):
        raise ValueError(f"DER: {len(t.items) - t.pos} tokens after the last derivation (wrong count?)")
    return Vipr(variables, integers, sense, objective, constraints, b, rtp, solutions, tuple(derived))


def holds(c: Constraint, point: Coefficients) -> bool:
    """Whether the point satisfies c exactly."""
    lhs = sum((a * point.get(i, Fraction(0)) for i, a in c.coef.items()), Fraction(0))
    return lhs == c.rhs if c.sense == "E" else lhs >= c.rhs if c.sense == "G" else lhs <= c.rhs


def absurd(c: Constraint) -> bool:
    """0 G beta > 0, 0 L beta < 0 or 0 E beta != 0."""
    return not c.coef and (c.rhs > 0 if c.sense == "G" else c.rhs < 0 if c.sense == "L" else c.rhs != 0)


def dominates(a: Constraint, b: Constraint) -> bool:
    """The spec's restricted domination: an absurdity, or equal left sides with a rhs at least as strong."""
    if absurd(a):
        return True
    if a.coef != b.coef or (a.sense != "E" and a.sense != b.sense):
        return False
    return a.rhs == b.rhs if b.sense == "E" else a.rhs >= b.rhs if b.sense == "G" else a.rhs <= b.rhs


def combination(rows: list[Constraint], terms: tuple[tuple[int, Fraction], ...], name: str) -> Constraint:
    """lambda_1 C_i1 + ... as a constraint, ValueError when the indices or the signs are not suitable."""
    indices = [i for i, _ in terms]
    if len(set(indices)) != len(indices) or any(i >= len(rows) for i in indices):
        raise ValueError(f"DER: {name}: lin indices must be distinct and refer to earlier constraints")
    signs = {SIGN[rows[i].sense] * lam > 0 for i, lam in terms if SIGN[rows[i].sense] * lam}
    if len(signs) > 1:
        raise ValueError(f"DER: {name}: not a suitable linear combination (lambda_j s(C_j) of both signs)")
    coef: Coefficients = {}
    for i, lam in terms:
        for j, a in rows[i].coef.items():
            coef[j] = coef.get(j, Fraction(0)) + lam * a
    rhs = sum((lam * rows[i].rhs for i, lam in terms), Fraction(0))
    sense = "E" if not signs else "G" if signs == {True} else "L"
    return Constraint(name, sense, rhs, {j: a for j, a in coef.items() if a})


def check(v: Vipr) -> Vipr:
    """``v`` when its solutions, derivations and relation to prove all check exactly; else ValueError."""
    lb, ub = v.rtp if v.rtp is not None else (None, None)
    for name, point in v.solutions:
        for c in v.constraints:
            if not holds(c, point):
                raise ValueError(f"SOL: solution {name} violates constraint {c.name}")
        value = sum((a * point.get(i, Fraction(0)) for i, a in v.objective.items()), Fraction(0))
        if v.rtp is None or (lb is not None and value < lb) or (ub is not None and value > ub):
            raise ValueError(f"SOL: solution {name} has objective {value} outside the RTP range")
    if v.rtp is not None and (ub if v.sense == "min" else lb) is not None and not v.solutions:
        raise ValueError("SOL: the RTP bound on the solutions' side needs a solution")
    rows, assumptions = list(v.constraints), [frozenset[int]() for _ in v.constraints]
    for d in v.derived:
        if d.reason == "asm":
            assumptions.append(frozenset({len(rows)}))
        else:
            got = combination(rows, d.terms, d.constraint.name)
            if not dominates(got, d.constraint):
                odd = sorted(j for j in {*got.coef, *d.constraint.coef} if got.coef.get(j) != d.constraint.coef.get(j))
                why = f"left sides differ at {v.variables[odd[0]]}" if odd else f"{got.sense} {got.rhs} is weaker"
                raise ValueError(f"DER: {d.constraint.name}: the combination does not dominate it ({why})")
            assumptions.append(frozenset().union(*(assumptions[i] for i, _ in d.terms)))
        rows.append(d.constraint)
    bound = lb if v.sense == "min" else ub
    if v.rtp is not None and bound is None:
        return v
    if not v.derived or assumptions[-1]:
        raise ValueError("DER: the last derived constraint must exist and have no assumptions")
    goal = Constraint("goal", "G" if v.sense == "min" else "L", bound or Fraction(0), dict(v.objective))
    if not (absurd(rows[-1]) if v.rtp is None else dominates(rows[-1], goal)):
        what = "infeas (no absurdity)" if v.rtp is None else f"OBJ {goal.sense} {goal.rhs}"
        raise ValueError(f"DER: the last derived constraint does not prove the RTP {what}")
    return v
