"""Independent exact certificate checker: the trusted base of relu-certify.

Uses only the Python standard library and exact ``Fraction`` arithmetic; it
imports nothing from the rest of the project.  Every rational in a certificate
is a JSON *string* parsed by ``Fraction`` ("3/5", "-11/4", "7", "0.6").  A
malformed certificate is reported, never raised: ``check_certificate`` and
``check_file`` always return a ``CheckReport``.

A certificate is a JSON object with ``"format": "relu-certify-certificate"``,
``"version": 1`` and a ``"kind"``; each kind is checked by one module of this
package (listed in ``_KINDS``), whose docstring states the conditions checked.
The fields ``"claim"``, ``"case"`` and ``"statement"`` are informational.

Example::

    >>> doc = {"format": "relu-certify-certificate", "version": 1, "kind": "lp",
    ...        "problem": {"c": ["1", "1"], "A_eq": [["1", "2"]], "b_eq": ["3"],
    ...                    "A_ub": [], "b_ub": [], "free": []},
    ...        "status": "optimal", "value": "3/2",
    ...        "primal": {"x": ["0", "3/2"]}, "dual": {"y_eq": ["1/2"], "y_ub": []}}
    >>> check_certificate(doc)
    CheckReport(ok=True, kind='lp', value='3/2', problems=[])
"""
from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Optional

from ._base import Malformed, at, show

FORMAT, VERSION = "relu-certify-certificate", 1

#: kind -> checker module of this package; each module maps its kinds in ``CHECKS``.
_KINDS = {
    "relu1d-l1-interpolation": "relu1d",
    "lp": "lp",
    "relu1d-hinge": "hinge",
    "relu1d-group-bracket": "hinge",
    "l1-ls-kkt": "lasso",
    "separating-neurons": "hull",
    "relu1d-extreme-point": "extreme",
    "rank-one-l1": "extreme",
    "spike-free": "whitened",
    "spike-witness": "whitened",
    "whitened-l1": "whitened",
    "l1-l0-gap": "whitened",
    "bridge-vertex-min": "concave",
    "relu1d-joint-bracket": "kh",
    "relu1d-joint-exact": "joint_exact",
    "sign-patterns": "patterns",
    "pattern-bracket": "pattern_bracket",
    "kh-printed-lower": "pattern_bracket",
    "relu1d-function-norm": "function_space",
    "kh-face-pieces": "kh_face",
}


@dataclass(frozen=True)
class CheckReport:
    """Outcome of a check; ``value`` is ``str(Fraction)`` of the certified value when ok."""

    ok: bool
    kind: str
    value: Optional[str]
    problems: list[str]


def _checker(kind: str) -> Callable[[dict, list[str]], Optional[Fraction]]:
    module = importlib.import_module(f"{__name__}.{_KINDS[kind]}")
    return module.CHECKS[kind]


def check_certificate(doc: dict) -> CheckReport:
    """Check a parsed certificate; never raises.  ok iff no problem was found."""
    kind = doc.get("kind") if isinstance(doc, dict) else None
    kind_name = kind if isinstance(kind, str) else "?"
    problems: list[str] = []
    value = None
    try:
        if at(doc, "format") != FORMAT:
            raise Malformed(f"format: expected {FORMAT!r}, got {show(doc['format'])}")
        version = at(doc, "version")
        if type(version) is not int or version != VERSION:
            raise Malformed(f"version: expected {VERSION}, got {show(version)}")
        if at(doc, "kind") not in _KINDS:
            raise Malformed(f"kind: unknown certificate kind {show(kind)}")
        value = _checker(kind)(doc, problems)
    except Malformed as err:
        problems.append(str(err))
    except Exception as err:  # defensive: a checker bug must fail closed, not crash
        problems.append(f"checker error: {type(err).__name__}: {err}")
    ok = not problems
    return CheckReport(ok, kind_name, str(value) if ok and value is not None else None, problems)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    obj: dict = {}
    for key, val in pairs:
        if key in obj:
            raise ValueError(f"duplicate key {key!r}")
        obj[key] = val
    return obj


def check_file(path: str) -> CheckReport:
    """Read a JSON certificate (duplicate keys rejected) and check it; never raises."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.loads(fh.read(), object_pairs_hook=_unique_keys)
    except (OSError, UnicodeDecodeError) as err:
        return CheckReport(False, "?", None, [f"file: cannot read {path!r}: {err}"])
    except (ValueError, RecursionError) as err:
        return CheckReport(False, "?", None, [f"file: invalid JSON in {path!r}: {err}"])
    return check_certificate(doc)
