"""Helpers of the checker tests: tampering by path, expected problems, seeded mutations, fixtures."""
from __future__ import annotations

import copy
import json
import random
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterator

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


def _leaves(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _leaves(v, f"{path}.{k}" if path else k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _leaves(v, f"{path}.{i}")
    else:
        yield path, obj


def _rational(v: Any) -> bool:
    if not isinstance(v, str):
        return False
    try:
        Fraction(v)
    except (ValueError, ZeroDivisionError):
        return False
    return True


def mutations(doc: dict, seed: int, count: int) -> Iterator[tuple[str, bool, dict]]:
    """Seeded mutations of a valid ``doc``: (what, about_data, mutated). A rational leaf moved by a random
    nonzero amount, or a required top-level field deleted. ``about_data`` is true for a leaf of ``data``:
    the checker may then accept, but only as a certificate about other data (which the run's binding
    rejects); every other mutation (relation, evidence, deletion) must be rejected."""
    rng = random.Random(seed)
    leaves = [(p, v) for p, v in _leaves(doc) if p.split(".")[0] not in INFORMATIONAL and _rational(v)]
    required = [k for k in doc if k not in INFORMATIONAL]
    for _ in range(count):
        if leaves and rng.random() < 0.8:
            path, v = rng.choice(leaves)
            delta = Fraction(rng.choice([-3, -1, 1, 2, 5]), rng.choice([1, 2, 7]))
            yield f"{path} += {delta}", path.startswith("data."), tampered(doc, path, str(Fraction(v) + delta))
        else:
            key = rng.choice(required)
            yield f"del {key}", False, tampered(doc, key, DELETE)
