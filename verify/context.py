"""Where a check writes its certificates, and what the independent checker certified of each.

:meth:`Context.certify` writes a certificate, re-checks the written file with :mod:`exact.checker`,
and compares the data the certificate is about (as the checker parsed it) with the case the check
runs on: a valid certificate about other data is rejected ("binding"). Verdicts are then computed
from the returned :class:`Certified` values, never from the producer's objects.

>>> import tempfile
>>> from fractions import Fraction as F
>>> from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
>>> from exact.relu.interpolation import interpolate_1d
>>> ctx = Context(Path(tempfile.mkdtemp()), expected={"x": (F(0), F(1)), "y": (F(0), F(1))})
>>> cert = ctx.certify(interpolation_certificate(interpolate_1d([F(0), F(1)], [F(0), F(1)]), "demo", "line"))
>>> cert.ok, cert.value
(True, Fraction(1, 1))
>>> ctx.certify(interpolation_certificate(interpolate_1d([F(0), F(1)], [F(0), F(2)]), "demo", "line")).problems
("binding: the certificate's data.y is ['0', '2'] but the case's is ['0', '1']",)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping

from exact.checker import MAX_FILE_BYTES, check_file, file_limit
from exact.checker._fields import surd
from exact.checker._proved import canonical
from exact.checker.arith import Surd

from .files import write_atomic


def file_name(claim: str, case: str, suffix: str, ext: str, tag: str = "") -> str:
    """A file name for (claim, case), with an optional content ``tag``: case names may hold "/" (alpha=1/10).

    >>> file_name("kh.thm-1", "kh-example-1-alpha=1/10", "", ".md")
    'kh.thm-1__kh-example-1-alpha=1_10.md'
    >>> file_name("ep.thm-3.3", "mine", "__eq37", ".json", "0123456789ab")
    'ep.thm-3.3@0123456789ab__mine__eq37.json'
    """
    return f"{claim}{'@' + tag if tag else ''}__{case}{suffix}{ext}".replace("/", "_")


#: The fields of a certificate that say what it is about and what it states; its file name carries a hash
#: of them, so two certificates for different data (two case files with one name) never share a file.
BOUND_FIELDS = ("kind", "claim", "data", "convention", "relation")


def content_tag(doc: Mapping[str, Any]) -> str:
    """The first 12 hex digits of the SHA-256 of the canonical JSON of the certificate's bound fields.

    >>> content_tag({"kind": "lp", "data": {"y": ["1"]}}) == content_tag({"data": {"y": ["1"]}, "kind": "lp"})
    True
    >>> content_tag({"kind": "lp", "data": {"y": ["1"]}}) == content_tag({"kind": "lp", "data": {"y": ["2"]}})
    False
    """
    bound = {key: doc[key] for key in BOUND_FIELDS if key in doc}
    text = json.dumps(bound, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:12]


#: bytes past which a certificate of a linear-time kind is written one top-level field a line (LONG_TEXT)
LONG_TEXT = 2**16


def certificate_text(doc: Mapping[str, Any]) -> str:
    """The text of ``doc``'s certificate file: indented, one entry a line; but a certificate of a kind of
    linear-time check (:func:`file_limit`) longer than LONG_TEXT bytes one top-level field a line, each value
    compact. No one reads 10^4 numbers one a line, the header fields stay one a line, and ``json`` encodes in
    C only without ``indent`` (at 1 600 points the indented text took longer than the certificate it holds;
    5x faster and 37 % shorter at 10^5 points).

    >>> certificate_text({"kind": "lp", "v": ["1"]}).splitlines()
    ['{', ' "kind": "lp",', ' "v": [', '  "1"', ' ]', '}']
    >>> [line[:24] for line in certificate_text({"kind": "relu1d-l1-interpolation", "v": ["1"] * 30_000}).splitlines()]
    ['{', ' "kind": "relu1d-l1-inte', ' "v": ["1", "1", "1", "1', '}']
    """
    if file_limit(doc.get("kind")) > MAX_FILE_BYTES:
        lines = "{\n" + ",\n".join(f" {json.dumps(key)}: {json.dumps(value)}" for key, value in doc.items()) + "\n}\n"
        if len(lines) > LONG_TEXT:
            return lines
    return json.dumps(doc, indent=1) + "\n"


def within_file_limit(doc: Mapping[str, Any]) -> bool:
    """Whether ``doc`` as :meth:`Context.certify` writes it stays within the checker's file limit for its kind
    (a check whose evidence would not can decline with a reason instead of writing a certificate bound to be
    refused).

    >>> within_file_limit({"kind": "lp"}), within_file_limit({"x": ["1"] * 300_000})
    (True, False)
    >>> within_file_limit({"kind": "relu1d-l1-interpolation", "x": ["1"] * 300_000})
    True
    """
    return len(certificate_text(doc)) <= file_limit(doc.get("kind"))


def _number(v: Any) -> Fraction | Surd | None:
    if isinstance(v, str):
        return Fraction(v)
    if isinstance(v, dict):
        return surd(v, "relation")
    if isinstance(v, int):
        return Fraction(v)
    return None


@dataclass(frozen=True)
class Certified:
    """A certificate written to ``path`` and re-checked: ``ok``, the checker's ``problems``, and what it proved
    (``relation``, canonical JSON) about which ``data``."""

    path: str
    ok: bool
    problems: tuple[str, ...]
    relation: dict | None = None
    data: dict | None = None
    audit: bool = False  # a candidate built from a paper's printed numbers: its rejection is a finding
    kind: str = ""

    def qualifier(self, key: str) -> Any:
        """A further field of the certified relation (canonical JSON), None unless ok."""
        return None if not self.ok or self.relation is None else self.relation.get(key)

    def _get(self, key: str) -> Fraction | Surd | None:
        return None if not self.ok or self.relation is None else _number(self.relation.get(key))

    @property
    def value(self) -> Fraction | Surd | None:
        """The certified value (equals / at-most / at-least / count relations), None unless ok."""
        return self._get("value")

    @property
    def lower(self) -> Fraction | Surd | None:
        return self._get("lower")

    @property
    def upper(self) -> Fraction | Surd | None:
        return self._get("upper")

    @property
    def kind_relation(self) -> str | None:
        return None if not self.ok or self.relation is None else self.relation.get("type")


@dataclass
class Context:
    """Where a check writes (``out_dir``), whether sweeps are ``thorough``, and the ``expected`` data of its
    case: data-key -> value that every certificate of the check must be about (by default x, X and y of
    the case, when the certificate's kind has them)."""

    out_dir: Path
    thorough: bool = False
    expected: dict[str, Any] = field(default_factory=dict)

    def certify(self, doc: dict, claim: str | None = None, case: str | None = None, suffix: str = "",
                folder: str = "certificates", *, about: Mapping[str, Any] | None = None) -> Certified:
        """Write ``doc``, re-check the file with the independent checker, bind it to the case.

        ``about`` replaces the default binding for a certificate about derived data (say, a refit on
        the fitted values): the data-keys it names must be present and equal. Candidate certificates
        built from a paper's printed numbers go to ``folder="audits"``: their rejection is a finding,
        not a failure.
        """
        name = file_name(claim or doc.get("claim", "?"), case or doc.get("case", "?"), suffix, ".json",
                         content_tag(doc))
        path = write_atomic(self.out_dir / folder / name, certificate_text(doc))
        report = check_file(str(path))
        problems = list(report.problems)
        if report.ok and report.data is not None:
            problems += _binding(report.data, self.expected if about is None else about, about is not None)
        return Certified(str(path), not problems, tuple(problems), report.relation if not problems else None,
                         report.data, folder == "audits", str(doc.get("kind", "")))


def _canonical(want: Any) -> Any:
    return canonical(want.as_json() if hasattr(want, "as_json") else want)


def _lookup(data: dict, key: str) -> Any:
    """data[key]; the leaky slope ``alpha`` of a case is the certificate's convention.alpha."""
    if key in data:
        return data[key]
    if key == "alpha" and isinstance(data.get("convention"), dict):
        return data["convention"].get("alpha", _MISSING)
    return _MISSING


_MISSING = object()


def _binding(data: dict, expected: Mapping[str, Any], strict: bool) -> list[str]:
    """Problems binding ``data`` to ``expected``: every named key it has must be equal; with ``strict``
    (an explicit ``about``) every key must be present; without, at least one must (a certificate that
    names none of its case's data is bound to nothing)."""
    out, found = [], 0
    for key, raw in expected.items():
        want, got = _canonical(raw), _lookup(data, key)
        if got is _MISSING:
            if strict:
                out.append(f"binding: the certificate has no data.{key} (expected {want})")
            continue
        found += 1
        if got != want:
            out.append(f"binding: the certificate's data.{key} is {got} but the case's is {want}")
    if not found and not strict and expected:
        out.append(f"binding: the certificate's data ({', '.join(sorted(data))}) names none of the case's "
                   f"{', '.join(expected)}; the check must say what it is about (about=...)")
    return out
