"""Load and validate case files (TOML, rationals as strings).

A case is one instance: data (``x`` for 1-D inputs or ``X`` for an n x d
matrix), labels ``y``, optional scalar parameters (``beta = "1/10"``), the
numbers the paper prints for it (``[printed]``) and optional recorded verdicts
(``[expect]``).  Every number is an exact :class:`fractions.Fraction`; TOML
floats and integers are refused so that nothing is rounded on the way in.

Bad input raises :class:`CaseError`, whose message names the file (or the
``where`` label of an in-memory document), the field and what was expected:

>>> case_from_dict({"name": "t", "x": ["0", "1"], "y": ["1"]}, "demo")
Traceback (most recent call last):
    ...
cases.rationals.CaseError: demo: field 'y': expected 2 entries (one per row of x), got 1

Only the standard library (``tomllib``, or ``tomli`` on 3.10) and the checker's number grammar
(:mod:`exact.checker.number`, itself standard library only) are used here.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import resources
from typing import Any, Mapping

from exact.checker.source import Refused, read_regular

from .parameters import PARAMETERS, parameter
from .rationals import CaseError, describe, parse_rational

try:  # Python >= 3.11
    import tomllib as _toml
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as _toml  # type: ignore[no-redef]

__all__ = ["Case", "CaseError", "VERDICTS", "RESERVED_KEYS", "parse_rational", "load_case", "case_from_dict",
           "shipped_cases", "shipped_case"]

#: Verdict words allowed in an ``[expect]`` table.
VERDICTS = ("PROVED", "REFUTED", "CONFIRMED", "CONTRADICTED", "MEASURED", "VACUOUS", "UNDECIDED")

#: Top-level keys with a fixed meaning; any other top-level key is a parameter.
RESERVED_KEYS = ("name", "source", "x", "X", "y", "printed", "expect", "notes")

#: A case name is part of every output file name (claim, name, suffix and hash stay below the 255 bytes a
#: file name may have).
MAX_NAME_BYTES = 100

#: A case file is read only up to this size: a case is a small instance, and a bigger file (or a device
#: such as /dev/zero) is refused instead of read into memory.
MAX_CASE_BYTES = 1 << 20

Printed = Any  # Fraction | tuple[Fraction, ...] | tuple[tuple[Fraction, ...], ...]


@dataclass(frozen=True)
class Case:
    """One instance: data, labels, parameters and the paper's printed numbers.

    Exactly one of ``x`` (1-D inputs, in the order given, not sorted) and ``X``
    (n x d inputs) is set, or neither (and ``y`` is empty) for a data-free case: the parameters of a claim
    that draws its own instances (a document without x, X and y).  ``printed`` maps a key to a rational, a vector
    (tuple of rationals) or a matrix (tuple of equal-length row tuples).
    """

    name: str
    source: str
    path: str | None
    x: tuple[Fraction, ...] | None
    X: tuple[tuple[Fraction, ...], ...] | None
    y: tuple[Fraction, ...]
    params: dict[str, Fraction] = field(default_factory=dict)
    printed: dict[str, Printed] = field(default_factory=dict)
    expect: dict[str, str] = field(default_factory=dict)
    notes: str = ""

    @property
    def n(self) -> int:
        """Number of data points."""
        return len(self.y)

    @property
    def dim(self) -> int:
        """Input dimension: 1 for ``x``, d for an n x d ``X``."""
        if self.x is not None:
            return 1
        assert self.X is not None
        return len(self.X[0])

    @property
    def is_1d(self) -> bool:
        """True when the inputs were given as a 1-D ``x``."""
        return self.x is not None


# --------------------------------------------------------------------------
# fields


def _field(where: str, name: str) -> str:
    return f"{where}: field '{name}'"


def _vector(value: Any, where: str, name: str) -> tuple[Fraction, ...]:
    if not isinstance(value, list):
        raise CaseError(
            f"{_field(where, name)}: expected a list of rational strings, "
            f"got {describe(value)}"
        )
    if not value:
        raise CaseError(
            f"{_field(where, name)}: expected a non-empty list of rational "
            "strings, got an empty list"
        )
    return tuple(
        parse_rational(v, _field(where, f"{name}[{i}]")) for i, v in enumerate(value)
    )


def _matrix(value: Any, where: str, name: str) -> tuple[tuple[Fraction, ...], ...]:
    if not isinstance(value, list) or not value:
        got = "an empty list" if value == [] else describe(value)
        raise CaseError(
            f"{_field(where, name)}: expected a non-empty list of rows (lists of "
            f"rational strings), got {got}"
        )
    rows: list[tuple[Fraction, ...]] = []
    for i, row in enumerate(value):
        if not isinstance(row, list):
            raise CaseError(
                f"{_field(where, f'{name}[{i}]')}: expected a row (a list of "
                f"rational strings), got {describe(row)}"
            )
        if not row:
            raise CaseError(
                f"{_field(where, f'{name}[{i}]')}: expected a non-empty row, "
                "got an empty list"
            )
        if rows and len(row) != len(rows[0]):
            raise CaseError(
                f"{_field(where, f'{name}[{i}]')}: expected {len(rows[0])} "
                f"entries like row 0 (a matrix needs rows of equal length), "
                f"got {len(row)}"
            )
        rows.append(
            tuple(
                parse_rational(v, _field(where, f"{name}[{i}][{j}]"))
                for j, v in enumerate(row)
            )
        )
    return tuple(rows)


def _text(doc: Mapping[str, Any], where: str, name: str, required: bool) -> str:
    if name not in doc:
        if required:
            raise CaseError(f"{_field(where, name)}: missing; expected a non-empty string")
        return ""
    value = doc[name]
    if not isinstance(value, str) or (required and not value.strip()):
        raise CaseError(
            f"{_field(where, name)}: expected a {'non-empty ' if required else ''}"
            f"string, got {describe(value)}"
        )
    return value


def _name(doc: Mapping[str, Any], where: str) -> str:
    """The case's name: a non-empty printable string of at most MAX_NAME_BYTES, since it names files."""
    name = _text(doc, where, "name", required=True)
    size = len(name.encode("utf-8", "surrogatepass"))
    if size > MAX_NAME_BYTES or not name.isprintable():
        why = f"{size} bytes" if size > MAX_NAME_BYTES else "a control or unprintable character"
        raise CaseError(
            f"{_field(where, 'name')}: expected a printable name of at most {MAX_NAME_BYTES} bytes "
            f"(it is part of the output file names), got {describe(name)} ({why})"
        )
    return name


def _printed(value: Any, where: str) -> dict[str, Printed]:
    if not isinstance(value, dict):
        raise CaseError(
            f"{_field(where, 'printed')}: expected a table of printed numbers, "
            f"got {describe(value)}"
        )
    out: dict[str, Printed] = {}
    for key, v in value.items():
        name = f"printed.{key}"
        if isinstance(v, list) and v and all(isinstance(r, list) for r in v):
            out[key] = _matrix(v, where, name)
        elif isinstance(v, list) and any(isinstance(r, list) for r in v):
            raise CaseError(
                f"{_field(where, name)}: expected a vector (list of rational "
                "strings) or a matrix (list of rows), got a list mixing rows "
                "and numbers"
            )
        elif isinstance(v, list):
            out[key] = _vector(v, where, name)
        elif isinstance(v, dict):
            raise CaseError(
                f"{_field(where, name)}: expected a rational string, a list of "
                "them or a matrix, got a table"
            )
        else:
            out[key] = parse_rational(v, _field(where, name))
    return out


def _expect(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise CaseError(
            f"{_field(where, 'expect')}: expected a table mapping claim ids to "
            f"verdicts, got {describe(value)}"
        )
    out: dict[str, str] = {}
    for key, v in value.items():
        if not isinstance(v, str) or v not in VERDICTS:
            raise CaseError(
                f"{_field(where, f'expect.{key}')}: expected one of "
                f"{', '.join(VERDICTS)}, got {describe(v)}"
            )
        out[key] = v
    return out


def case_from_dict(doc: Mapping[str, Any], where: str, path: str | None = None) -> Case:
    """Validate a parsed case document and build a :class:`Case`.

    ``where`` labels every error message (a file path, or e.g. ``"<stdin>"``);
    ``path`` is stored in :attr:`Case.path`.

    >>> c = case_from_dict({"name": "t", "x": ["-1", "0.5"], "y": ["1", "-2"],
    ...                     "beta": "1/10"}, "demo")
    >>> c.x, c.params["beta"], c.n, c.dim
    ((Fraction(-1, 1), Fraction(1, 2)), Fraction(1, 10), 2, 1)
    """
    if not isinstance(doc, Mapping):
        raise CaseError(f"{where}: expected a table (TOML document), got {describe(doc)}")
    name = _name(doc, where)
    source = _text(doc, where, "source", required=False)
    notes = _text(doc, where, "notes", required=False)

    has_x, has_X = "x" in doc, "X" in doc
    if has_x and has_X:
        raise CaseError(
            f"{where}: fields 'x' and 'X': expected exactly one of them "
            "(x for 1-D inputs, X for an n x d matrix), got both"
        )
    data_free = not has_x and not has_X and "y" not in doc  # parameters only: a claim that draws its data
    if not has_x and not has_X and not data_free:
        raise CaseError(
            f"{where}: field 'x' (or 'X'): missing; expected x = [...] (1-D "
            "inputs) or X = [[...], ...] (n x d inputs)"
        )
    if "y" not in doc and not data_free:
        raise CaseError(f"{_field(where, 'y')}: missing; expected a list of rational strings")

    x: tuple[Fraction, ...] | None = None
    X: tuple[tuple[Fraction, ...], ...] | None = None
    if has_x:
        if isinstance(doc["x"], list) and any(isinstance(v, list) for v in doc["x"]):
            raise CaseError(
                f"{_field(where, 'x')}: expected a flat list of rational strings "
                "(1-D inputs), got a list of lists; use X = [[...], ...] for "
                "n x d inputs"
            )
        x = _vector(doc["x"], where, "x")
        seen: dict[Fraction, int] = {}
        for i, v in enumerate(x):
            if v in seen:
                raise CaseError(
                    f"{_field(where, 'x')}: duplicate point {v} at positions "
                    f"{seen[v]} and {i}; the 1-D claims need distinct points"
                )
            seen[v] = i
        n, rows_of = len(x), "x"
    elif has_X:
        X = _matrix(doc["X"], where, "X")
        n, rows_of = len(X), "X"

    y = () if data_free else _vector(doc["y"], where, "y")
    if not data_free and len(y) != n:
        raise CaseError(
            f"{_field(where, 'y')}: expected {n} entries (one per row of "
            f"{rows_of}), got {len(y)}"
        )

    printed = _printed(doc["printed"], where) if "printed" in doc else {}
    expect = _expect(doc["expect"], where) if "expect" in doc else {}

    params: dict[str, Fraction] = {}
    for key, value in doc.items():
        if key in RESERVED_KEYS:
            continue
        if key not in PARAMETERS:  # a key no claim reads: a typo (lamda) must not be ignored silently
            close = difflib.get_close_matches(key, [*PARAMETERS, *RESERVED_KEYS], n=3)
            hint = f"did you mean {' or '.join(close)}? " if close else ""
            raise CaseError(
                f"{_field(where, key)}: unknown field (no claim reads it); {hint}expected one of "
                f"{', '.join(RESERVED_KEYS)} or a parameter: {', '.join(sorted(PARAMETERS))} "
                "(`python -m verify list` shows which claim reads which)"
            )
        params[key] = parameter(key, value, _field(where, key))

    return Case(
        name=name, source=source, path=path, x=x, X=X, y=y,
        params=params, printed=printed, expect=expect, notes=notes,
    )


# --------------------------------------------------------------------------
# files


def _parse_text(text: str, where: str, path: str | None) -> Case:
    try:
        doc = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        raise CaseError(f"{where}: not valid TOML: {exc}") from None
    return case_from_dict(doc, where, path)


def _read(where: str) -> bytes:
    """The bytes of a regular file of at most MAX_CASE_BYTES (:func:`exact.checker.source.read_regular`:
    a FIFO or a device is refused, not read)."""
    try:
        return read_regular(where, MAX_CASE_BYTES)
    except FileNotFoundError:
        raise CaseError(f"{where}: case file not found") from None
    except Refused as err:
        if err.what == "a directory":
            raise CaseError(f"{where}: expected a case file (.toml), got a directory") from None
        if err.what.startswith("larger"):
            raise CaseError(f"{where}: expected a case file of at most {MAX_CASE_BYTES} bytes, got a larger file"
                            ) from None
        raise CaseError(f"{where}: expected a case file (.toml), a regular file; got {err.what}") from None
    except (OSError, ValueError) as exc:  # ValueError: a path with a NUL byte
        raise CaseError(f"{where}: cannot read case file: {getattr(exc, 'strerror', None) or exc}") from None


def load_case(path: str | os.PathLike[str]) -> Case:
    """Read and validate one case file; raises :class:`CaseError`."""
    where = os.fspath(path)
    raw = _read(where)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseError(f"{where}: not valid TOML: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return _parse_text(text, where, where)


def _data_dir():
    return resources.files(__package__ or "cases").joinpath("data")


#: parsed shipped files by path, with the (mtime, size) they were parsed at: every claim's default cases ask for
#: the shipped cases, and parsing all of them again each time cost seconds per command
_PARSED: dict[str, tuple[tuple[int, int], Case]] = {}


def shipped_cases() -> list[Case]:
    """Every case shipped in ``cases/data/<paper>/*.toml``, sorted by name (a file is parsed again when its
    modification time or size changed)."""
    out = []
    for folder in _data_dir().iterdir():
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if entry.is_file() and entry.name.endswith(".toml"):
                path = str(entry)
                st = os.stat(path)
                stamp = (st.st_mtime_ns, st.st_size)
                if path not in _PARSED or _PARSED[path][0] != stamp:
                    label = f"cases/data/{folder.name}/{entry.name}"
                    _PARSED[path] = (stamp, _parse_text(entry.read_text(encoding="utf-8"), label, path))
                out.append(_PARSED[path][1])
    out.sort(key=lambda c: c.name)
    return out


def shipped_case(name: str) -> Case:
    """The shipped case called ``name`` (its file stem); raises :class:`CaseError`."""
    cases = shipped_cases()
    for case in cases:
        if case.name == name:
            return case
    raise CaseError(
        f"cases/data: no shipped case named {name!r}; expected one of "
        f"{', '.join(c.name for c in cases)}"
    )
