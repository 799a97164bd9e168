"""One run of checks: a fresh output folder, the run header, and the results JSON.

A run writes into a staging folder ``DIR/.run-<pid>`` and publishes it when every check has
finished: each output folder it owns (certificates, audits, plots) replaces the one of the previous
run, so an output folder always holds the certificates of exactly one run, and an interrupted run
leaves the previous one intact. Result paths are rewritten to the published location.

>>> header(["verify", "list"])["tool"]
'relu-certify'
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any, Sequence

from .result import CheckResult

OWNED = ("certificates", "audits", "plots")
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
            "seeds": seeds or {}, "command": list(argv)}


def staging(out: Path) -> Path:
    """A fresh staging folder inside ``out`` for this process."""
    stage = out / f".run-{os.getpid()}"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    return stage


def publish(stage: Path, out: Path, results: list[CheckResult]) -> list[CheckResult]:
    """Move the staged folders into ``out`` (replacing the previous run's) and rewrite the result paths."""
    for name in OWNED:
        old, new = out / name, stage / name
        trash = stage / f".old-{name}"
        if old.exists():
            os.replace(old, trash)
        if new.exists():
            os.replace(new, old)
        if trash.exists():
            shutil.rmtree(trash)
    shutil.rmtree(stage)
    prefix, target = str(stage), str(out)
    return [replace(r, certificates=tuple(p.replace(prefix, target, 1) for p in r.certificates),
                    notes=tuple(n.replace(prefix, target) for n in r.notes)) for r in results]


def write_json(path: Path, results: list[CheckResult], head: dict[str, Any]) -> None:
    """The run header and every result, written atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps({"version": 2, "run": head, "results": [r.as_json() for r in results]}, indent=1)
                   + "\n")
    os.replace(tmp, path)


def seeds_of(cases: Sequence[Any]) -> dict[str, Any]:
    """The seed of every case that has one (generated and statistical cases)."""
    return {c.name: int(c.params["seed"]) for c in cases if "seed" in c.params} | {
        c.name: c.source for c in cases if c.source.startswith("generated")}

