"""One run of checks: a fresh output folder, the run header, and the results JSON.

Output paths are checked before any work (:func:`check_outputs`). A run writes into a staging folder
``DIR/.run-<random>`` and publishes it when every check has finished: each output folder it owns
(certificates, audits, plots) replaces the one of the previous run, and its reports replace theirs, so
an output folder always holds the certificates of exactly one run, and an interrupted run leaves the
previous one intact. Concurrent runs on one folder publish one after the other (a lock), and certificate
names carry a content hash (:func:`verify.context.content_tag`), so a link never names other data.
Result paths are rewritten to the published location.

>>> header(["verify", "list"])["tool"]
'relu-certify'
"""

from __future__ import annotations

import fcntl
import json
import os
import platform
import shutil
import stat
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator, Sequence

from .files import write_atomic
from .registry import UsageError
from .result import CheckResult

#: the folders a run (or a report) owns in its output folder, and a report's files there
OWNED = ("certificates", "audits", "plots", "claims", "vipr")
REPORT_FILES = ("index.md", "appendix.tex", "appendix.pdf")
#: how the float solvers run (they only propose: every value is then solved or checked exactly)
SOLVER_SETTINGS = {
    "HiGHS (highspy)": "default options, output off; its basis is a guess that the exact LP route re-solves",
    "Clarabel (cvxpy)": "tol_gap_abs = tol_gap_rel = tol_feas = 1e-10 where a bracket is tightened, cvxpy's "
                        "defaults elsewhere; only a warm start for the certified brackets",
    "exact": "Fractions and python-flint; every certificate re-checked by exact.checker (stdlib only)",
}
PACKAGES = ("numpy", "scipy", "highspy", "python-flint", "sympy", "mpmath", "cvxpy", "clarabel")


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _commit() -> str | None:
    here = Path(__file__).resolve().parent.parent
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def header(argv: Sequence[str], seeds: dict[str, Any] | None = None) -> dict[str, Any]:
    """Tool version, git commit (when run from a checkout), Python and solver versions, seeds, command line."""
    return {"tool": "relu-certify", "version": _version("relu-certify"), "commit": _commit(),
            "python": platform.python_version(), "packages": {p: _version(p) for p in PACKAGES},
            "solvers": SOLVER_SETTINGS, "seeds": seeds or {}, "command": _command(argv)}


def _command(argv: Sequence[str]) -> list[str]:
    """The command line as typed: ``python -m verify ...`` rather than the path of ``__main__.py``."""
    argv = list(argv)
    return ["python", "-m", "verify", *argv[1:]] if argv and argv[0].endswith("__main__.py") else argv


def staging(out: Path) -> Path:
    """A fresh staging folder inside ``out``, unique to this run (``mkdtemp``: two runs never share one,
    even with equal process ids, as in two containers on one volume)."""
    out.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".run-", dir=out))


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A staging folder of ``out`` for the body, removed afterwards whatever happens: a run that fails or
    is interrupted leaves no partial output (published folders have been moved out of it by then)."""
    stage = staging(out)
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def relocate(results: list[CheckResult], stage: Path, out: Path) -> list[CheckResult]:
    """The results with every path into ``stage`` rewritten to its published place in ``out``."""
    prefix, target = str(stage), str(out)

    def moved(paths: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(p.replace(prefix, target, 1) for p in paths)
    return [replace(r, certificates=moved(r.certificates), notes=tuple(n.replace(prefix, target) for n in r.notes),
                    findings=tuple(replace(f, certificates=moved(f.certificates)) for f in r.findings),
                    checked=tuple(replace(c, path=moved((c.path,))[0]) for c in r.checked))
            for r in results]


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """An exclusive lock on the folder ``out`` (``flock`` on the folder itself: no lock file to leave)."""
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def publish(stage: Path, out: Path, owned: Sequence[str] = OWNED) -> None:
    """Move the staged folders into ``out`` (replacing the previous run's), then the staged files (reports).

    Runs on one ``out`` publish one at a time (a lock): two unlocked publications interleave their
    renames, and one of them fails on a folder the other just moved or filled.
    """
    with _locked(out):
        for name in owned:
            old, new, trash = out / name, stage / name, stage / f".old-{name}"
            if old.exists():
                os.replace(old, trash)
            if new.exists():
                os.replace(new, old)
        files = [entry for entry in stage.iterdir() if entry.is_file()]
        if "claims" in owned:  # the publication owns the report: one of an earlier run would be stale
            for name in set(REPORT_FILES) - {f.name for f in files}:
                if (out / name).is_file():
                    (out / name).unlink()
        for entry in files:
            os.replace(entry, out / entry.name)


def results_document(results: list[CheckResult], head: dict[str, Any]) -> dict[str, Any]:
    """The results JSON: the run header and every result (what ``report --from`` renders again)."""
    return {"version": 3, "run": head, "results": [r.as_json() for r in results]}


def load_results(path: Path) -> dict[str, Any]:
    """A results document written by ``--json`` (version 3); a :class:`UsageError` naming the file and what is
    wrong otherwise."""
    try:
        doc = json.loads(path.read_text())
    except OSError as exc:
        raise UsageError(f"--from {path}: cannot read it ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"--from {path}: expected a results JSON written by --json, not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("version") != 3:
        got = doc.get("version") if isinstance(doc, dict) else type(doc).__name__
        raise UsageError(f"--from {path}: field version: expected 3 (a results file of this relu-certify), got {got!r}"
                         " (run the checks again with --json)")
    if not isinstance(doc.get("results"), list) or not all(isinstance(r, dict) and "about" in r and "figures" in r
                                                          for r in doc["results"]):
        raise UsageError(f"--from {path}: field results: expected a list of results with their about and figures")
    return doc


def write_json(path: Path, doc: dict[str, Any]) -> None:
    """The results document, written atomically."""
    write_atomic(path, json.dumps(doc, indent=1) + "\n")


#: Kernel pseudo-file systems: their "files" are not storage, and writing into them does harm or fails.
PSEUDO = (Path("/proc"), Path("/sys"))


def _resolved(path: Path, option: str) -> Path:
    """``path`` made absolute (links resolved); not under a pseudo-file system."""
    try:
        where = path.resolve()
    except (OSError, ValueError, RuntimeError) as exc:  # ValueError: a NUL byte; RuntimeError: a link loop
        raise UsageError(f"{option} {str(path)!r}: not a usable path ({exc})") from None
    pseudo = next((p for p in PSEUDO if p == where or p in where.parents), None)
    if pseudo is not None:
        raise UsageError(f"{option} {path}: expected a path on a file system, got one under {pseudo} "
                         "(a kernel pseudo-file system)")
    return where


def _what(mode: int) -> str:
    """What a file is, for a message."""
    return "a folder" if stat.S_ISDIR(mode) else "a regular file" if stat.S_ISREG(mode) else \
        "a special file (a device, FIFO or socket)"


def _creatable_folder(where: Path, path: Path, option: str) -> None:
    """``where`` is a writable folder, or can be created: its nearest existing ancestor is one."""
    existing = next(p for p in (where, *where.parents) if p.exists())
    mode = existing.stat().st_mode
    if not stat.S_ISDIR(mode):
        raise UsageError(f"{option} {path}: expected a folder that exists or can be created, but {existing} is "
                         f"{_what(mode)}")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"{option} {path}: expected a folder that exists or can be created, but {existing} is "
                         "not writable")


def check_outputs(out: Path, json_path: Path | None, report_dir: Path | None = None) -> None:
    """Refuse unusable output paths before any work (:class:`UsageError`, nothing written): ``out`` (the
    ``--out`` folder, else the ``--report`` folder, else the default) and ``report_dir`` must be folders or
    creatable as one; ``--json`` a regular file or a new name in such a folder, and not inside a folder each
    run replaces."""
    for folder, option in ((report_dir, "--report"), (out, "--out")):
        if folder is not None:
            _creatable_folder(_resolved(folder, option), folder, option)
    report = _resolved(out, "--out")
    if json_path is None:
        return
    target = _resolved(json_path, "--json")
    if target.exists() and not target.is_file():
        raise UsageError(f"--json {json_path}: expected a regular file (or a new file name), got "
                         f"{_what(target.stat().st_mode)}")
    _creatable_folder(target.parent, json_path, "--json")
    owned = next((report / name for name in OWNED if report / name in target.parents), None)
    if owned is not None:
        raise UsageError(f"--json {json_path}: expected a file outside {owned}, which every run replaces")


def seeds_of(cases: Sequence[Any]) -> dict[str, Any]:
    """The seed of every case that has one (generated and statistical cases)."""
    return {c.name: int(c.params["seed"]) for c in cases if "seed" in c.params} | {
        c.name: c.source for c in cases if c.source.startswith("generated")}

