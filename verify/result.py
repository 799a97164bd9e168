"""Verdicts, findings and the result of one check (one claim on one case).

Verdicts (DESIGN.md): PROVED / REFUTED need a checked certificate (a proof, or a checked
counterexample); CONFIRMED / CONTRADICTED a rigorous bracket that agrees with / excludes the claim;
MEASURED a statistical claim's frequencies; VACUOUS when the claim's hypothesis fails on the data
(with the certified reason); UNDECIDED when the check ran but could neither prove nor refute;
ERROR / TIMEOUT when a check could not run. Printed numbers are MATCH / MISMATCH.

A claim builds a mutable :class:`Draft`; the registry freezes it into a :class:`CheckResult`.
Values are typed (Fraction, :class:`exact.checker.arith.Surd`, :class:`verify.numeric.bracket.Bracket`,
or :class:`Labelled` for several) and rendered only at the edges (:func:`render_value`,
:func:`value_json`).

>>> from fractions import Fraction as F
>>> render_value(Labelled((("beta = 1/10", F(919, 2160)), ("beta = 1/10000", F(1999, 2500000)))))
'919/2160 (beta = 1/10); 1999/2500000 (beta = 1/10000)'
>>> Verdict("PROVED") is Verdict.PROVED, Verdict.PROVED == "PROVED"
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from typing import Any, Mapping, Union

from exact.checker.arith import Surd

from .context import Certified
from .conventions import PaperConvention
from .numeric.bracket import Bracket, Position


class Verdict(str, Enum):
    PROVED = "PROVED"
    REFUTED = "REFUTED"
    CONFIRMED = "CONFIRMED"
    CONTRADICTED = "CONTRADICTED"
    MEASURED = "MEASURED"
    VACUOUS = "VACUOUS"
    UNDECIDED = "UNDECIDED"
    ERROR = "ERROR"
    TIMEOUT = "TIMEOUT"

    def __str__(self) -> str:
        return self.value


PROVED, REFUTED, CONFIRMED, CONTRADICTED, MEASURED, VACUOUS, UNDECIDED, ERROR, TIMEOUT = Verdict


def confirmed(position: Position) -> Verdict:
    """A rigorous bracket comparison as a verdict: CONFIRMED when the claim lies inside, else CONTRADICTED."""
    return CONFIRMED if position is Position.INSIDE else CONTRADICTED


class Status(str, Enum):
    """A printed number against its exact recomputation."""

    MATCH = "MATCH"
    MISMATCH = "MISMATCH"

    def __str__(self) -> str:
        return self.value


MATCH, MISMATCH = Status


@dataclass(frozen=True)
class Labelled:
    """Several values of one check, each with a label (per beta, per depth L, ...)."""

    items: tuple[tuple[str, "Value"], ...]


Value = Union[Fraction, Surd, Bracket, Labelled, None]
#: the convention(s) a check states its problem(s) in
Conventions = Union[PaperConvention, tuple[PaperConvention, ...]]


def conventions_of(c: Conventions) -> tuple[PaperConvention, ...]:
    return c if isinstance(c, tuple) else (c,)


def render_conventions(c: Conventions) -> str:
    """The conventions as text: "ep (4): ReLU; ... | ep (37): ..."."""
    return " | ".join(p.describe() for p in conventions_of(c))


def render_value(v: Value) -> str | None:
    """The text of a value: "p/q", a radical, an outward-rounded bracket, "v (label); ..."."""
    if v is None:
        return None
    if isinstance(v, Bracket):
        return v.text(12)
    if isinstance(v, Labelled):
        return "; ".join(f"{render_value(x)} ({label})" for label, x in v.items)
    return str(v) if not isinstance(v, Surd) else repr(v)


def value_json(v: Value) -> Any:
    """JSON of a value: rationals as "p/q", radicals as {exact, root, terms, decimal}, brackets as
    {lower, upper, ...}, labelled values as [{label, value}]."""
    if v is None:
        return v
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, Surd):
        r = v.rational()
        return str(r) if r is not None else {"exact": repr(v), **v.doc(), "decimal": f"{float(v):.15g}"}
    if isinstance(v, Bracket):
        return v.as_json()
    return [{"label": label, "value": value_json(x)} for label, x in v.items]


def jsonable(obj: Any) -> Any:
    """``obj`` as JSON for the results file: rationals as "p/q", radicals and brackets as :func:`value_json`,
    dataclasses with ``as_json`` by it, sequences as lists, keys as strings, anything else by ``str``.

    >>> jsonable({"v": (Fraction(1, 2), 3), 2: [True, None, 0.5]})
    {'v': ['1/2', 3], '2': [True, None, 0.5]}
    """
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, (Fraction, Surd, Bracket)):
        return value_json(obj)
    if hasattr(obj, "as_json"):
        return obj.as_json()
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in obj]
    if hasattr(obj, "tolist"):  # numpy arrays and scalars
        return jsonable(obj.tolist())
    return str(obj)


@dataclass(frozen=True)
class Printed:
    """One number (or matrix, vector) the paper prints, against its exact recomputation."""

    what: str
    printed: str
    exact: str
    status: Status

    def as_json(self) -> dict[str, str]:
        return {"what": self.what, "printed": self.printed, "exact": self.exact, "status": str(self.status)}


@dataclass(frozen=True)
class Finding:
    """What the toolkit found wrong (or unstated) in a paper, with its evidence.

    ``place`` is where in the paper ("Corollary 3.2", "(37)"), ``statement`` the statement as printed
    (or its gist), ``shows`` what the computation shows, ``certificates`` the checked evidence.
    """

    paper: str
    place: str
    statement: str
    shows: str
    certificates: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"paper": self.paper, "place": self.place, "statement": self.statement, "shows": self.shows,
                "certificates": list(self.certificates)}


#: verdicts that need a checked certificate behind them
CERTIFIED = (PROVED, REFUTED, VACUOUS)


class Draft:
    """A check under way: the claim fills it in; :meth:`freeze` makes the :class:`CheckResult`.

    Certificates enter only through :meth:`add`. A PROVED, REFUTED or VACUOUS verdict stands only when at
    least one certificate was accepted and none of the check's own certificates was rejected (audits of a
    paper's printed numbers may be rejected: that is their finding); otherwise :meth:`freeze` makes it
    ERROR and says why.
    """

    def __init__(self, claim: str, case: str, verdict: Verdict, method: str, convention: Conventions,
                 value: Value = None, *, data: dict[str, Any] | None = None, notes: list[str] | None = None):
        self.claim, self.case, self.verdict, self.method, self.convention = claim, case, verdict, method, convention
        self.value = value
        self.printed: list[Printed] = []
        self.findings: list[Finding] = []
        self.notes: list[str] = list(notes or [])
        self.data: dict[str, Any] = dict(data or {})  # for reports: x, y, solution, dual
        self.figures: list[dict[str, Any]] = []  # what the report draws (verify.report.figures)
        self.checked: list[Certified] = []

    @property
    def certificates(self) -> tuple[str, ...]:
        return tuple(c.path for c in self.checked)

    def add(self, cert: Certified, what: str = "") -> Certified:
        """Record a checked certificate; the checker's problems become notes when it was rejected."""
        self.checked.append(cert)
        label = f" ({what})" if what else ""
        kind = "audit rejected" if cert.audit else "certificate rejected"
        self.notes += [f"{kind}{label}: {p}" for p in cert.problems]
        return cert

    def figure(self, spec: dict[str, Any]) -> None:
        """Record a figure for the report (a spec of :mod:`verify.report.figures`: plain JSON, exact strings)."""
        self.figures.append(spec)

    def finding(self, place: str, statement: str, shows: str, *certificates: str) -> Finding:
        """Record a finding about the paper of this claim (its id's prefix)."""
        f = Finding(self.claim.split(".")[0], place, statement, shows, tuple(certificates))
        self.findings.append(f)
        return f

    def _trusted_verdict(self) -> tuple[Verdict, list[str]]:
        verdict = Verdict(self.verdict)
        if verdict not in CERTIFIED:
            return verdict, []
        own = [c for c in self.checked if not c.audit]
        rejected = [c for c in own if not c.ok]
        if rejected:
            return ERROR, [f"{verdict} withheld: {len(rejected)} of the check's certificates rejected"]
        if not own:
            return ERROR, [f"{verdict} withheld: no checked certificate behind it"]
        return verdict, []

    def freeze(self, seconds: float, expected: Verdict | None, covers: tuple[str, ...] = (),
               about: Mapping[str, Any] | None = None) -> "CheckResult":
        """The frozen result; ``about`` is what the report states of the claim and the case (the registry's
        statement, location and the case's data)."""
        verdict, why = self._trusted_verdict()
        return CheckResult(self.claim, self.case, verdict, self.method, self.convention, self.value,
                           self.certificates, tuple(self.printed), tuple(self.findings), (*self.notes, *why),
                           dict(self.data), seconds, expected, covers, tuple(self.figures), tuple(self.checked),
                           dict(about or {}))


@dataclass(frozen=True)
class CheckResult:
    """What one check established (frozen). ``expected`` is the recorded verdict of a shipped case (None
    for a user's own case: its verdicts are results, not tests)."""

    claim: str
    case: str
    verdict: Verdict
    method: str
    convention: Conventions
    value: Value = None
    certificates: tuple[str, ...] = ()
    printed: tuple[Printed, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    expected: Verdict | None = None
    covers: tuple[str, ...] = ()
    figures: tuple[dict[str, Any], ...] = ()
    checked: tuple[Certified, ...] = ()
    about: Mapping[str, Any] = field(default_factory=dict)

    @property
    def as_expected(self) -> bool:
        return self.verdict not in (ERROR, TIMEOUT) and (self.expected is None or self.verdict == self.expected)

    @property
    def value_text(self) -> str | None:
        return render_value(self.value)

    def as_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "covers": [self.claim, *self.covers],
            "case": self.case,
            "verdict": str(self.verdict),
            "expected": None if self.expected is None else str(self.expected),
            "method": self.method,
            "convention": [p.as_json() for p in conventions_of(self.convention)],
            "convention_text": render_conventions(self.convention),
            "value": value_json(self.value),
            "value_text": self.value_text,
            "certificates": list(self.certificates),
            "findings": [f.as_json() for f in self.findings],
            "printed": [p.as_json() for p in self.printed],
            "notes": list(self.notes),
            "seconds": round(self.seconds, 4),
            "about": dict(self.about),
            "checked": [{"path": c.path, "kind": c.kind, "ok": c.ok, "audit": c.audit, "relation": c.relation,
                         "problems": list(c.problems)} for c in self.checked],
            "data": jsonable(self.data),
            "figures": list(self.figures),
        }
