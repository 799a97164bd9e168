"""Helpers of the checker tests: tampering by path, expected problems, fixtures (the seeded mutations are in
mutation.py)."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from exact.checker import FORMAT, VERSION, CheckReport

HEADER = {"format": FORMAT, "version": VERSION}
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DELETE = object()
#: fields every kind treats as informational (never affect a verdict)
INFORMATIONAL = ("claim", "case", "statement")


def tampered(doc: dict, path: str, new: Any) -> dict:
    """Deep copy of doc with the entry at path (dots; integers index lists) replaced or deleted."""
    doc = copy.deepcopy(doc)
    *head, last = [int(p) if p.lstrip("-").isdigit() else p for p in path.split(".")]
    obj = doc
    for key in head:
        obj = obj[key]
    if new is DELETE:
        del obj[last]
    else:
        obj[last] = new
    return doc


def vec(v: Any) -> list[str]:
    """A vector as certificate rationals."""
    return [str(t) for t in v]


def mat(rows: Any) -> list[list[str]]:
    """A matrix (rows) as certificate rationals."""
    return [vec(r) for r in rows]


def assert_problem(report: CheckReport, fragment: str) -> None:
    assert not report.ok
    assert report.value is None
    assert any(fragment in p for p in report.problems), report.problems


def fixture(kind: str, name: str) -> dict:
    return json.loads((FIXTURES / kind / f"{name}.json").read_text())
