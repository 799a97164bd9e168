"""Seeded mutations of real certificates, by class, and the verdict on each mutant.

A mutant is *rejected*, or accepted. An accepted mutant is harmless only when the checker proves the very
statement of the original (the same relation about the same data, canonical JSON): the evidence changed,
the proved statement did not, so it is still true; or when the mutant changed the data, and an
independent solver (:data:`tests.checker.oracles.ORACLES`) finds the accepted relation true of the new data.
Every other acceptance is counted ``false`` and fails the suite, unless the kind's table :data:`HARMLESS`
lists its class and path with the reason it is true.
A mutant whose check takes over :data:`TIME_LIMIT` seconds, allocates past :data:`MEMORY_LIMIT` bytes,
or is rejected with a "checker error" (a bug that failed closed) fails the suite too.

The classes (the issue's): ``value`` (the stated relation), ``data`` (problem data and convention),
``primal`` (evidence other than the dual), ``dual``, ``deletion`` (a field anywhere), ``malformed`` (a
number or count replaced by a string outside the grammar, a float, a bool, a huge size, a renamed key),
``kind`` (the kind swapped), ``list`` (an element dropped, duplicated, moved or appended).
"""
from __future__ import annotations

import copy
import json
import random
import resource
import signal
import time
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Iterator

from exact.checker import KINDS, CheckReport, check_certificate
from exact.checker.number import is_number_text
from tests.checker.oracles import ORACLES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INFORMATIONAL = ("claim", "case", "statement")
CLASSES = ("value", "data", "primal", "dual", "deletion", "malformed", "kind", "list")
TIME_LIMIT = 10
MEMORY_LIMIT = 1 << 30

#: kind -> [(class, path prefix, reason)]: accepted mutants there prove a true statement other than the
#: original's. Keep it small; every entry says why the changed certificate is still a proof of a truth.
_OTHER_DATA = ("the conditions of its SPEC section are re-checked on the stated data, so an accepted change of "
               "data is a proof of the relation the checker derives for the new data (a run's binding rejects it "
               "as not its case); no independent solver covers this kind here")
_COMPUTED = ("the checker computes the relation from the data alone (the certificate carries no evidence to "
             "mismatch), so a changed datum gives the relation of the new data")
#: kind -> [(path prefix, reason)]: a mutant there that changed the checked data may be accepted, for the reason.
HARMLESS: dict[str, list[tuple[str, str]]] = {
    "bridge-vertex-min": [("data", "the checker enumerates every basic solution of the stated A w = y itself; "
                           + _OTHER_DATA)],
    "cone-program-bracket": [("data", "the regions are re-derived from the stated data.X (certified_regions) and "
                              "every piece, cone row and the loss re-checked on the stated data; " + _OTHER_DATA)],
    "l1-ls-kkt": [("data", _OTHER_DATA), ("convention", _OTHER_DATA)],
    "rank-one-l1": [("convention", _OTHER_DATA)],
    "relu1d-extreme-point": [("data", _COMPUTED)],
    "weight-midpoint": [("data", _COMPUTED + "; the pairs are the only other input")],
    "relu1d-function-norm": [("data", _OTHER_DATA)],
    "relu1d-group-bracket": [("convention", _OTHER_DATA)],
    "relu1d-hinge": [("convention", "leaky slopes are outside the ReLU route of the oracle; " + _OTHER_DATA)],
    "relu1d-joint-bracket": [("convention", _OTHER_DATA)],
    "relu1d-joint-exact": [("convention", _OTHER_DATA)],
    "relu1d-joint-isolated": [("convention", "the leaky slope enters every condition (features, arcs' P and Q, "
                               "the system) and all are re-checked with the stated alpha; " + _OTHER_DATA)],
    "relu1d-margin": [("data", _OTHER_DATA), ("convention", _OTHER_DATA)],
    "separating-neurons": [("data", _OTHER_DATA)],
    "sign-patterns": [("data", _OTHER_DATA)],
    "spike-free": [("data", _OTHER_DATA)],
    "spike-witness": [("data", _OTHER_DATA)],
}

MALFORMED_NUMBERS = (" 1/2 ", "1_0", "\u0661", "\uff11", "1e999999999", "1/0", "abc", "", "0x10", "1/2e3",
                     "9" * 1001, "inf", "nan", "--1", "1.2.3")
MALFORMED_INTEGERS: tuple[Any, ...] = (12.0, True, "12", None, 10 ** 6, -1, 10 ** 400)

Path_ = tuple[Any, ...]


def samples(kind: str) -> list[dict]:
    """The kind's real certificates: its valid fixture and the samples taken from a run of verify all."""
    folder = FIXTURES / kind
    return [json.loads(p.read_text()) for p in [folder / "valid.json", *sorted(folder.glob("sample-*.json"))]]


def _walk(obj: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, obj
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk(v, (*path, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _walk(v, (*path, i))


def _set(doc: dict, path: Path_, new: Any) -> dict:
    doc = copy.deepcopy(doc)
    obj: Any = doc
    for key in path[:-1]:
        obj = obj[key]
    obj[path[-1]] = new
    return doc


def _delete(doc: dict, path: Path_) -> dict:
    doc = copy.deepcopy(doc)
    obj: Any = doc
    for key in path[:-1]:
        obj = obj[key]
    del obj[path[-1]]
    return doc


def _number(v: Any) -> bool:
    return isinstance(v, str) and is_number_text(v)


def _area(path: Path_) -> str:
    """The class of a change at ``path``: value, data, dual or primal (any other evidence)."""
    top = path[0] if path else ""
    return {"relation": "value", "data": "data", "convention": "data", "dual": "dual"}.get(top, "primal")


def _shown(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def _moved(v: Any, rng: random.Random) -> Any:
    """A leaf changed to another value of its type."""
    if isinstance(v, bool):
        return not v
    if isinstance(v, int):
        return v + rng.choice([-2, -1, 1, 3])
    if _number(v):
        f = Fraction(v)
        return str(rng.choice([f + Fraction(rng.choice([-3, -1, 1, 2, 5]), rng.choice([1, 2, 7])), -f if f else
                               Fraction(1), 2 * f if f else Fraction(-1, 3), Fraction(0) if f else Fraction(1, 2)]))
    if isinstance(v, str):
        return v + "x"
    return "0" if v is None else None


@dataclass(frozen=True)
class Mutant:
    cls: str
    what: str
    path: str
    doc: dict


def mutants(doc: dict, seed: int) -> Iterator[Mutant]:
    """An endless seeded stream of mutants of ``doc``, cycling through the classes."""
    rng = random.Random(seed)
    nodes = [(p, v) for p, v in _walk(doc) if p and p[0] not in INFORMATIONAL and p[0] not in ("format", "version")]
    leaves = [(p, v) for p, v in nodes if not isinstance(v, (dict, list))]
    by_area: dict[str, list] = {a: [(p, v) for p, v in leaves if _area(p) == a] for a in ("value", "data", "primal",
                                                                                           "dual")}
    keyed = [(p, v) for p, v in nodes if p[0] != "kind"]
    lists = [(p, v) for p, v in nodes if isinstance(v, list) and v]
    numbers = [(p, v) for p, v in leaves if _number(v)]
    integers = [(p, v) for p, v in leaves if type(v) is int]
    renamable = [(p, k) for p, v in nodes if isinstance(v, dict) for k in v if p and (_number(k) or k.isdigit())]
    others = [k for k in KINDS if k != doc["kind"]]
    makers: dict[str, Callable[[], Mutant | None]] = {}

    def leaf(area: str) -> Mutant | None:
        if not by_area[area]:
            return None
        p, v = rng.choice(by_area[area])
        new = _moved(v, rng)
        if json.dumps(new) == json.dumps(v):  # not a mutation
            return None
        return Mutant(area, f"{_shown(p)}: {v!r} -> {new!r}", _shown(p), _set(doc, p, new))

    for area in ("value", "data", "primal", "dual"):
        makers[area] = lambda area=area: leaf(area)

    def deletion() -> Mutant | None:
        p, _ = rng.choice(keyed)
        if isinstance(p[-1], int):
            p = p[:-1] if len(p) > 1 and isinstance(p[-2], str) else p
            if isinstance(p[-1], int):
                return None
        return Mutant("deletion", f"del {_shown(p)}", _shown(p), _delete(doc, p))

    def malformed() -> Mutant | None:
        pick = rng.random()
        if renamable and pick < 0.15:
            p, k = rng.choice(renamable)
            new_key = rng.choice(["0" + k, k + " ", str(int(Fraction(k)) * 4) if k.isdigit() else k + "0", "-" + k])
            obj: Any = copy.deepcopy(doc)
            target = obj
            for key in p:
                target = target[key]
            target[new_key] = target.pop(k)
            return Mutant("malformed", f"key {_shown(p)}.{k} -> {new_key!r}", _shown((*p, k)), obj)
        if integers and pick < 0.45:
            p, v = rng.choice(integers)
            new = rng.choice([t for t in MALFORMED_INTEGERS if json.dumps(t) != json.dumps(v)])
            return Mutant("malformed", f"{_shown(p)}: {v!r} -> {str(new)[:20]}", _shown(p), _set(doc, p, new))
        if not numbers:
            return None
        p, v = rng.choice(numbers)
        new = rng.choice(MALFORMED_NUMBERS)
        return Mutant("malformed", f"{_shown(p)}: {v!r} -> {new[:20]!r}", _shown(p), _set(doc, p, new))

    def kind() -> Mutant | None:
        new = rng.choice(others)
        return Mutant("kind", f"kind -> {new}", "kind", _set(doc, ("kind",), new))

    def list_edit() -> Mutant | None:
        if not lists:
            return None
        p, v = rng.choice(lists)
        i = rng.randrange(len(v))
        op = rng.choice(["drop", "duplicate", "move", "append"])
        new = list(copy.deepcopy(v))
        if op == "drop":
            del new[i]
        elif op == "duplicate":
            new.insert(i, copy.deepcopy(v[i]))
        elif op == "move":
            new.insert(rng.randrange(len(v)), new.pop(i))
            if new == v:
                return None
        else:
            new.append(copy.deepcopy(v[-1]))
        return Mutant("list", f"{op} {_shown(p)}[{i}]", _shown(p), _set(doc, p, new))

    makers.update(deletion=deletion, malformed=malformed, kind=kind, list=list_edit)
    while True:
        for cls in CLASSES:
            m = makers[cls]()
            if m is not None:
                yield m


def _limits() -> None:
    """Cap the address space of this (worker) process at MEMORY_LIMIT plus what it already maps."""
    with open("/proc/self/statm") as fh:
        mapped = int(fh.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (mapped + MEMORY_LIMIT, resource.RLIM_INFINITY))


class _Timeout(BaseException):  # not caught by the checker's fail-closed handler
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def outcome(good: CheckReport, mutant: Mutant) -> str:
    """rejected | same (``good``'s statement) | listed (HARMLESS) | false | checker-error | timeout | memory."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT)
    try:
        report = check_certificate(mutant.doc)
    except _Timeout:
        return "timeout"
    except MemoryError:
        return "memory"
    finally:
        signal.alarm(0)
    if not report.ok:
        if any(p.startswith("checker error:") for p in report.problems):
            return "checker-error" if "MemoryError" not in " ".join(report.problems) else "memory"
        return "rejected"
    if report.kind == good.kind and report.relation == good.relation and report.data == good.data:
        return "same"
    if report.kind == good.kind and mutant.path.split(".")[0] in ("data", "convention") and report.data != good.data:
        oracle = ORACLES.get(good.kind)
        verdict = oracle(report) if oracle is not None else None
        if verdict is not None:
            return "oracle" if verdict else "false"
        if any(mutant.path.startswith(prefix) for prefix, _reason in HARMLESS.get(good.kind, [])):
            return "listed"
    return "false"


@dataclass
class Tally:
    """Counts of outcomes by (kind, class), and the failing mutants with their description."""

    counts: Counter
    failures: list[tuple[str, str, str, str, float]]

    def table(self) -> str:
        kinds = sorted({k for k, _, _ in self.counts})
        lines = ["| kind | tried | rejected | accepted-harmless | failed |", "|---|---|---|---|---|"]
        for kind in kinds:
            row: Counter = Counter()
            for (k, _, o), n in self.counts.items():
                if k == kind:
                    row[o] += n
            tried = sum(row.values())
            harmless = row["same"] + row["listed"] + row["oracle"]
            failed = tried - row["rejected"] - harmless
            lines.append(f"| {kind} | {tried} | {row['rejected']} | {harmless} | {failed} |")
        by_cls = Counter()
        for (_, c, _), n in self.counts.items():
            by_cls[c] += n
        lines.append("")
        lines.append("by class: " + ", ".join(f"{c} {by_cls[c]}" for c in CLASSES))
        return "\n".join(lines)


def sweep(per_kind: int, seed: int = 11, kinds: list[str] | None = None, limit_memory: bool = False) -> Tally:
    """``per_kind`` mutants of every kind, spread over its real certificates."""
    if limit_memory:
        _limits()
    counts: Counter = Counter()
    failures = []
    for kind in kinds or sorted(KINDS):
        docs = samples(kind)
        streams = [mutants(d, seed + 7919 * i) for i, d in enumerate(docs)]
        goods = [check_certificate(d) for d in docs]
        for n in range(per_kind):
            j = n % len(docs)
            m = next(streams[j])
            start = time.perf_counter()
            result = outcome(goods[j], m)
            took = time.perf_counter() - start
            counts[(kind, m.cls, result)] += 1
            if result not in ("rejected", "same", "listed", "oracle"):
                failures.append((kind, m.cls, result, m.what, took))
    return Tally(counts, failures)
