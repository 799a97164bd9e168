"""Verdicts and the result of one check (one claim on one case).

Verdicts (DESIGN.md): PROVED (exact certificate checked), REFUTED (exact
counterexample checked), CONFIRMED / CONTRADICTED (float interval agrees /
excludes), MEASURED (statistical), ERROR (the check could not run).
Printed numbers of a paper are audited as MATCH / MISMATCH.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PROVED, REFUTED, CONFIRMED, CONTRADICTED, MEASURED, ERROR = (
    "PROVED", "REFUTED", "CONFIRMED", "CONTRADICTED", "MEASURED", "ERROR",
)
VERDICTS = (PROVED, REFUTED, CONFIRMED, CONTRADICTED, MEASURED, ERROR)
MATCH, MISMATCH = "MATCH", "MISMATCH"


@dataclass(frozen=True)
class Printed:
    """One number (or matrix, vector) the paper prints, against its exact recomputation."""

    what: str
    printed: str
    exact: str
    status: str  # MATCH or MISMATCH

    def as_json(self) -> dict[str, str]:
        return {"what": self.what, "printed": self.printed, "exact": self.exact, "status": self.status}


@dataclass
class CheckResult:
    """What one check established; ``value`` is an exact string ("p/q")."""

    claim: str
    case: str
    verdict: str
    method: str
    convention: str
    value: str | None = None
    certificates: list[str] = field(default_factory=list)
    printed: list[Printed] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    expected: str | None = None
    data: dict[str, Any] = field(default_factory=dict)  # for reports: x, y, solution, dual

    @property
    def as_expected(self) -> bool:
        return self.verdict != ERROR and (self.expected is None or self.verdict == self.expected)

    def as_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "case": self.case,
            "verdict": self.verdict,
            "expected": self.expected,
            "method": self.method,
            "convention": self.convention,
            "value": self.value,
            "certificate": self.certificates[0] if len(self.certificates) == 1 else (self.certificates or None),
            "printed": [p.as_json() for p in self.printed],
            "notes": self.notes,
            "seconds": round(self.seconds, 4),
        }
