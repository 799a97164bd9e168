"""A local SQLite store of ground truths, keyed by the problem's content hash; never trusted.

An entry holds the problem (its canonical JSON), the certificate and a SHA-256 digest of both. Reading an entry
re-derives the truth: the digest must match (else the entry is *corrupt*), the stored problem must be the one
asked for (else it is *stale*: another format or other data under the key), and the certificate must pass the
independent checker and be about that problem's data (:func:`verify.solvers.truth.from_certificate`; else it is
*rejected*). The value always comes from that fresh check, so an edited value, certificate or digest is
recomputed, never used. Only the calling process writes (workers only compute certificates).

The default path is ``$RELU_CERTIFY_STORE``, else ``$XDG_CACHE_HOME/relu-certify/truths.sqlite`` (``~/.cache``).

>>> import tempfile
>>> from fractions import Fraction as F
>>> from verify.solvers.problem import Problem, Variant
>>> p = Problem("tent", "demo", Variant.INTERPOLATION, ((F(0),), (F(1),), (F(2),)), (F(0), F(1), F(0)))
>>> store = Store(Path(tempfile.mkdtemp()) / "truths.sqlite")
>>> store.lookup(p) is None
True
>>> store.put(p, compute(p).certificate)
>>> truth, how = store.lookup(p)
>>> truth.lower, how
(Fraction(2, 1), 'stored')
>>> with store.connect() as db:
...     _ = db.execute("UPDATE truths SET certificate = replace(certificate, '\\"2\\"', '\\"3\\"')")
>>> truth, how = store.lookup(p)
>>> truth.lower, how
(Fraction(2, 1), 'corrupt entry (digest mismatch); recomputed')
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from ..registry import UsageError
from .problem import Problem
from .truth import Truth, TruthRejected, compute, from_certificate

SCHEMA = "CREATE TABLE IF NOT EXISTS truths (key TEXT PRIMARY KEY, problem TEXT NOT NULL, " \
         "certificate TEXT NOT NULL, digest TEXT NOT NULL)"


def default_path() -> Path:
    if os.environ.get("RELU_CERTIFY_STORE"):
        return Path(os.environ["RELU_CERTIFY_STORE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "relu-certify" / "truths.sqlite"


def _digest(problem: str, certificate: str) -> str:
    return hashlib.sha256(f"{problem}\n{certificate}".encode()).hexdigest()


def _dumps(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


class Store:
    """The truths of problems, by content hash (module doc)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.connect() as db:
                db.execute(SCHEMA)
        except (OSError, sqlite3.DatabaseError) as e:
            raise UsageError(f"{self.path}: expected an SQLite store of truths (--store), got: {e}") from None

    def connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def put(self, p: Problem, certificate: dict[str, Any]) -> None:
        problem, cert = _dumps(p.canonical()), _dumps(certificate)
        with self.connect() as db:
            db.execute("INSERT OR REPLACE INTO truths VALUES (?, ?, ?, ?)",
                       (p.key, problem, cert, _digest(problem, cert)))

    def lookup(self, p: Problem) -> tuple[Truth, str] | None:
        """(truth, how) for p, or None when the store has no entry. A bad entry is recomputed and replaced, and
        ``how`` says why; a good one is re-checked and ``how`` is "stored"."""
        with self.connect() as db:
            row = db.execute("SELECT problem, certificate, digest FROM truths WHERE key = ?", (p.key,)).fetchone()
        if row is None:
            return None
        problem, cert, digest = row
        if _digest(problem, cert) != digest:
            return self._recompute(p, "corrupt entry (digest mismatch)")
        try:
            if json.loads(problem) != p.canonical():
                return self._recompute(p, "stale entry (another problem under this key)")
            return from_certificate(json.loads(cert), p), "stored"
        except (ValueError, TruthRejected) as e:
            return self._recompute(p, f"rejected entry ({str(e)[:200]})")

    def truth(self, p: Problem) -> Truth:
        """p's truth: from a good entry, else computed, checked and stored."""
        found = self.lookup(p)
        return found[0] if found is not None else self._computed(p)

    def _computed(self, p: Problem) -> Truth:
        truth = compute(p)
        self.put(p, truth.certificate)
        return truth

    def _recompute(self, p: Problem, why: str) -> tuple[Truth, str]:
        return self._computed(p), f"{why}; recomputed"
