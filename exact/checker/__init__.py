"""Independent exact certificate checker: the trusted base of relu-certify.

Uses only the Python standard library and exact ``Fraction`` arithmetic; it
imports nothing from the rest of the project.  Every rational in a certificate
is a JSON *string* parsed by ``Fraction`` ("3/5", "-11/4", "7", "0.6").  A
malformed certificate is reported, never raised: ``check_certificate`` and
``check_file`` always return a ``CheckReport``.

A certificate is a JSON object with ``"format": "relu-certify-certificate"``,
``"version": 2``, a ``"kind"``, the ``"data"`` it is about and the ``"relation"`` it proves; each kind
is checked by one module of this package named as the kind (the static table ``KINDS``), whose
docstring states the conditions checked. The check derives the relation from the evidence; the
certificate's ``relation`` (and ``convention``, where the kind has one) must equal it. ``SPEC.md`` lists
every kind's fields, conditions and the theorem behind them. The fields ``"claim"``, ``"case"`` and
``"statement"`` are informational.

Example::

    >>> doc = {"format": "relu-certify-certificate", "version": 2, "kind": "lp",
    ...        "data": {"problem": {"c": ["1", "1"], "A_eq": [["1", "2"]], "b_eq": ["3"],
    ...                             "A_ub": [], "b_ub": [], "free": []}},
    ...        "relation": {"type": "equals", "value": "3/2"},
    ...        "primal": {"x": ["0", "3/2"]}, "dual": {"y_eq": ["1/2"], "y_ub": []}}
    >>> report = check_certificate(doc)
    >>> report.ok, report.value, report.relation
    (True, '3/2', {'type': 'equals', 'value': '3/2'})
    >>> bad = check_certificate({**doc, "relation": {"type": "equals", "value": "1"}})
    >>> bad.ok, bad.problems[0].split(" but ")[1]
    (False, "the evidence proves {'type': 'equals', 'value': '3/2'}")
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Optional

from . import (
    arith,
    arrangement,
    bridge_vertex_min,
    cone_program_bracket,
    l1_l0_gap,
    l1_ls_kkt,
    lp,
    pattern_bracket,
    pattern_face_pieces,
    pattern_program_1d,
    pattern_program_lower,
    rank_one_l1,
    relu1d_extreme_point,
    relu1d_function_norm,
    relu1d_group_bracket,
    relu1d_hinge,
    relu1d_joint_bracket,
    relu1d_joint_exact,
    relu1d_joint_isolated,
    relu1d_l1_interpolation,
    relu1d_margin,
    relu_joint_bracket,
    relu_joint_isolated,
    separating_neurons,
    sign_patterns,
    spike_free,
    spike_witness,
    weight_midpoint,
    whitened_l1,
)
from ._fields import (
    DENOMINATOR,
    LONG,
    MAX_LONG_DIGITS,
    Malformed,
    Tracked,
    at,
    long_digits,
    show,
    tracked,
    unread,
    within,
)
from ._proved import Proved, canonical, compare_stated
from .arith import TRIAL_DIVISIONS, LimitExceeded
from .source import Refused, paused_gc, read_regular

FORMAT, VERSION = "relu-certify-certificate", 2
#: a certificate file is read only up to this size (the resource guarantees of SPEC.md are for it) ...
MAX_FILE_BYTES = 1 << 20
#: ... unless its kind is checked in O(B log B) time and O(B) memory for B bytes (SPEC.md, "Limits"): then up to this
LINEAR_KINDS, MAX_LINEAR_FILE_BYTES = ("relu1d-l1-interpolation",), 1 << 28
#: top-level fields no check reads: where the certificate comes from, and a sentence for people
INFORMATIONAL = ("claim", "case", "statement")

Checker = Callable[[dict, list[str]], Proved]

#: kind -> its check; each kind is checked by the module of the same name (hyphens as underscores).
KINDS: dict[str, Checker] = {
    "arrangement": arrangement.check,
    "bridge-vertex-min": bridge_vertex_min.check,
    "cone-program-bracket": cone_program_bracket.check,
    "l1-l0-gap": l1_l0_gap.check,
    "l1-ls-kkt": l1_ls_kkt.check,
    "lp": lp.check,
    "pattern-bracket": pattern_bracket.check,
    "pattern-face-pieces": pattern_face_pieces.check,
    "pattern-program-1d": pattern_program_1d.check,
    "pattern-program-lower": pattern_program_lower.check,
    "rank-one-l1": rank_one_l1.check,
    "relu1d-extreme-point": relu1d_extreme_point.check,
    "relu1d-function-norm": relu1d_function_norm.check,
    "relu1d-group-bracket": relu1d_group_bracket.check,
    "relu1d-hinge": relu1d_hinge.check,
    "relu1d-joint-bracket": relu1d_joint_bracket.check,
    "relu1d-joint-exact": relu1d_joint_exact.check,
    "relu1d-joint-isolated": relu1d_joint_isolated.check,
    "relu1d-l1-interpolation": relu1d_l1_interpolation.check,
    "relu1d-margin": relu1d_margin.check,
    "relu-joint-bracket": relu_joint_bracket.check,
    "relu-joint-isolated": relu_joint_isolated.check,
    "separating-neurons": separating_neurons.check,
    "sign-patterns": sign_patterns.check,
    "spike-free": spike_free.check,
    "spike-witness": spike_witness.check,
    "weight-midpoint": weight_midpoint.check,
    "whitened-l1": whitened_l1.check,
}


@dataclass(frozen=True)
class CheckReport:
    """Outcome of a check. When ok: ``relation`` is what the certificate proves (the checker's own
    statement, equal to the certificate's ``relation`` field), ``data`` the data it is about (problem
    data and convention, as the checker parsed them), both canonical JSON; ``value`` is the relation's
    rational value (``str(Fraction)``) when it has one."""

    ok: bool
    kind: str
    value: Optional[str]
    problems: list[str]
    relation: Optional[dict] = None
    data: Optional[dict] = None


def check_certificate(doc: dict) -> CheckReport:
    """Check a parsed certificate; never raises. ok iff no problem was found.

    The kind's check verifies the evidence and returns what it proves (:class:`Proved`); the
    certificate's ``relation`` and ``convention`` must then equal the proved ones exactly.
    """
    with paused_gc():
        return _check(tracked(doc))


def _check(doc: Any) -> CheckReport:
    """check_certificate on a document whose objects are fresh :class:`Tracked` (nothing read yet)."""
    kind = doc.get("kind") if isinstance(doc, dict) else None
    kind_name = kind if isinstance(kind, str) else "?"
    problems: list[str] = []
    proved: Proved | None = None
    budget, common = TRIAL_DIVISIONS.set([arith.MAX_TRIAL_DIVISIONS]), DENOMINATOR.set([1])
    try:
        if at(doc, "format") != FORMAT:
            raise Malformed(f"format: expected {FORMAT!r}, got {show(doc['format'])}")
        version = at(doc, "version")
        if type(version) is not int or version != VERSION:
            raise Malformed(f"version: expected {VERSION}, got {show(version)}")
        if not isinstance(kind, str) or kind not in KINDS:
            raise Malformed(f"kind: unknown certificate kind {show(at(doc, 'kind'))}")
        within(long_digits(doc), MAX_LONG_DIGITS, f"characters in numbers longer than {LONG}")
        proved = KINDS[kind](doc, problems)
        if not problems:
            compare_stated(doc, proved, problems)
            for name in unread(doc):
                if name not in INFORMATIONAL:
                    problems.append(f"{name}: no condition of kind {kind} reads this field (unknown field)")
    except Malformed as err:
        problems.append(str(err))
    except LimitExceeded as err:
        problems.append(f"limit: {err}")
    except Exception as err:  # defensive: a checker bug must fail closed, not crash
        if isinstance(err, ValueError) and "integer string conversion" in str(err):  # a message too long to print
            problems.append("limit: a number in a problem's message has more digits than Python prints (4300)")
        else:
            problems.append(f"checker error: {type(err).__name__}: {err}")
    finally:
        TRIAL_DIVISIONS.reset(budget)
        DENOMINATOR.reset(common)
    if problems or not isinstance(proved, Proved):
        return CheckReport(False, kind_name, None, problems or ["checker error: the kind proved nothing"])
    relation, data = canonical(proved.relation), canonical(proved.data)
    value = relation.get("value")
    return CheckReport(True, kind_name, value if isinstance(value, str) else None, [], relation, data)


def _unique_keys(pairs: list[tuple[str, Any]]) -> Tracked:
    obj = Tracked(pairs)
    if len(obj) != len(pairs):  # not ``key in obj``: that would count as a check reading the key
        seen: set = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return obj


def file_limit(kind: object) -> int:
    """The largest certificate file of ``kind`` that :func:`check_file` reads, in bytes.

    >>> file_limit("lp"), file_limit("relu1d-l1-interpolation")
    (1048576, 268435456)
    """
    return MAX_LINEAR_FILE_BYTES if kind in LINEAR_KINDS else MAX_FILE_BYTES


def check_file(path: str) -> CheckReport:
    """Read a JSON certificate (a regular file of at most :func:`file_limit` bytes for its kind, duplicate keys
    rejected) and check it; never raises."""
    def refused(what: str, kind: object = None) -> CheckReport:
        linear = "" if kind is None else (f" for kind {show(kind)} (only {', '.join(LINEAR_KINDS)} may have up to "
                                          f"{MAX_LINEAR_FILE_BYTES})")
        return CheckReport(False, "?", None, [f"file: {path!r} is {what}, not a regular certificate file of at most "
                                              f"the checker's limit of {MAX_FILE_BYTES} bytes{linear}"])
    with paused_gc():
        return _check_file(path, refused)


def _check_file(path: str, refused: Callable[..., CheckReport]) -> CheckReport:
    try:
        raw = read_regular(path, MAX_LINEAR_FILE_BYTES)
    except Refused as err:
        return refused(err.what)
    except (OSError, ValueError) as err:
        return CheckReport(False, "?", None, [f"file: cannot read {path!r}: {err}"])
    try:
        doc = json.loads(raw.decode("utf-8"), object_pairs_hook=_unique_keys)
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        if len(raw) > MAX_FILE_BYTES:
            return refused(f"larger than {MAX_FILE_BYTES} bytes")
        what = "cannot read" if isinstance(err, UnicodeDecodeError) else "invalid JSON in"
        return CheckReport(False, "?", None, [f"file: {what} {path!r}: {err}"])
    kind = doc.get("kind") if isinstance(doc, dict) else None
    if len(raw) > file_limit(kind):  # a long file is read only by a kind whose check is linear in its size
        return refused(f"larger than {MAX_FILE_BYTES} bytes", kind)
    return _check(doc)  # its objects are Tracked already (_unique_keys): no copy of a long certificate
