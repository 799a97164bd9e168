"""What a claim needs from a case: the data's shape, the labels, the parameters it reads, printed numbers.

Every claim declares a :class:`Needs` (``verify.registry.claim(..., needs=...)``), and a case is checked
against it before any solving (:func:`problems`): a case of the wrong shape, with labels other than +-1
where a claim is binary classification, without a required parameter or with a parameter the claim does
not read is a usage error naming the field and the expectation, not an ERROR after minutes of work.
A parameter's default lives in its declaration (:meth:`Parameter.of`), so ``verify describe`` shows the
value the code uses.

>>> from fractions import Fraction as F
>>> from cases import case_from_dict
>>> BETA = Parameter("beta", "weight of the l1 penalty", F(1, 10), "Section 4, (16)")
>>> needs = Needs(Data.ONE_D, Labels.BINARY, (BETA,))
>>> case = case_from_dict({"name": "t", "x": ["0", "1"], "y": ["1", "2"]}, "t.toml", "t.toml")
>>> problems(needs, case)
["t.toml: field 'y': expected labels +1 or -1 (binary classification), got y[1] = 2"]
>>> BETA.of(case)
Fraction(1, 10)
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import Callable

from cases import Case

__all__ = ["Data", "Labels", "Parameter", "Needs", "problems", "unread"]


class Data(Enum):
    """The inputs a claim takes."""

    ONE_D = "1-D data x (distinct points)"
    MATRIX = "matrix data X (n x d)"
    ANY = "1-D data x or matrix data X"
    NONE = "no data (the claim draws its own instances from its parameters)"
    ONE_D_OR_NONE = "1-D data x, or no data (then the claim draws its own instances from its parameters)"
    ANY_OR_NONE = "1-D data x, matrix data X, or no data (then the claim draws its own instances)"


class Labels(Enum):
    """The labels a claim takes."""

    REAL = "real labels y"
    BINARY = "labels y of +1 / -1 (binary classification)"
    CLASSES = "class labels y (one output per distinct label)"


@dataclass(frozen=True)
class Parameter:
    """A scalar parameter a claim reads from ``case.params``.

    ``default`` is what the claim uses when the case omits it (None: the case must give it, unless
    ``optional``: then its absence selects another variant, which ``note`` names); ``place`` says where the
    paper sets it; ``note`` qualifies the default (e.g. larger under ``--thorough``).
    """

    name: str
    meaning: str
    default: Fraction | None
    place: str
    note: str = ""
    optional: bool = False

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional

    def of(self, case: Case) -> Fraction:
        """The case's value, else the default (a required parameter is checked by :func:`problems`)."""
        value = case.params.get(self.name, self.default)
        if value is None:
            raise ValueError(f"{case.name}: parameter {self.name!r} is required ({self.meaning})")
        return value

    def describe(self) -> str:
        default = "required" if self.required else "optional" if self.default is None else f"default {self.default}"
        note = f", {self.note}" if self.note else ""
        return f"{self.name} ({default}{note}): {self.meaning} [{self.place}]"


@dataclass(frozen=True)
class Needs:
    """A claim's requirements on a case. ``condition`` is a cheap exact test of a further precondition
    (e.g. rank-one data) returning the reason a case fails it, or None."""

    data: Data = Data.ONE_D
    labels: Labels = Labels.REAL
    parameters: tuple[Parameter, ...] = ()
    printed: tuple[str, ...] = ()
    condition: Callable[[Case], str | None] | None = None


def _where(case: Case) -> str:
    return case.path or case.name


def _data_problem(data: Data, case: Case) -> str | None:
    given = "1-D data x" if case.x is not None else "matrix data X" if case.X is not None else "no data"
    fits = {Data.ONE_D: case.x is not None, Data.MATRIX: case.X is not None,
            Data.ANY: case.x is not None or case.X is not None, Data.NONE: case.x is None and case.X is None,
            Data.ONE_D_OR_NONE: case.X is None, Data.ANY_OR_NONE: True}
    if fits[data]:
        return None
    field = {Data.ONE_D: "x", Data.MATRIX: "X", Data.ANY: "x", Data.NONE: "x" if case.x is not None else "X",
             Data.ONE_D_OR_NONE: "X", Data.ANY_OR_NONE: "x"}[data]
    return f"field '{field}': expected {data.value}, got {given}"


def problems(needs: Needs, case: Case) -> list[str]:
    """Every way ``case`` fails ``needs``, each naming the file (or case), the field and the expectation."""
    where, out = _where(case), []
    data = _data_problem(needs.data, case)
    if data:
        return [f"{where}: {data}"]
    if needs.labels is Labels.BINARY:
        bad = next(((i, v) for i, v in enumerate(case.y) if v not in (1, -1)), None)
        if bad is not None:
            out.append(f"{where}: field 'y': expected labels +1 or -1 (binary classification), "
                       f"got y[{bad[0]}] = {bad[1]}")
    for p in needs.parameters:
        if p.required and p.name not in case.params:
            out.append(f"{where}: field '{p.name}': missing; expected {p.meaning} (required: {p.place})")
    missing = [k for k in needs.printed if k not in case.printed]
    if missing:
        out.append(f"{where}: table [printed]: missing {', '.join(missing)}; expected the paper's printed "
                   "solution (this claim audits a paper's own instance)")
    if not out and needs.condition is not None:
        reason = needs.condition(case)
        if reason:
            out.append(f"{where}: {reason}")
    return out


def unread(needs: Needs, case: Case) -> list[str]:
    """A line for every parameter of ``case`` the claim does not read (one of another claim's: a case file
    may serve several claims, so this is a warning; a parameter no claim reads is refused when loading)."""
    names = [p.name for p in needs.parameters]
    out = []
    for key in case.params:
        if key not in names:
            close = difflib.get_close_matches(key, names, n=2)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            out.append(f"{_where(case)}: field '{key}': not read by this claim (its parameters: "
                       f"{', '.join(names) or 'none'}){hint}")
    return out
