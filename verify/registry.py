"""The claim registry: every checkable claim, its paper location and default cases.

A claim module registers a function ``check(case, ctx) -> CheckResult`` with
:func:`claim`; :func:`run_check` times it, turns an exception into an
``ERROR`` verdict (never a silent skip) and attaches the recorded expectation
(the case's ``[expect]`` entry, else the claim's default).
"""

from __future__ import annotations

import importlib
import pkgutil
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from cases import Case
from exact.certificates import write_certificate
from exact.checker import check_file

from .result import ERROR, PROVED, CheckResult


@dataclass(frozen=True)
class Claim:
    id: str
    paper: str
    location: str
    summary: str
    method: str
    check: Callable[[Case, "Context"], CheckResult]
    default_cases: Callable[[], list[Case]]
    expect: str = PROVED
    needs_1d: bool = True
    covers: tuple[str, ...] = ()  # further claim ids of the same CLAIMS.md row this check settles


def file_name(claim: str, case: str, suffix: str, ext: str) -> str:
    """A file name for (claim, case): case names may hold "/" (e.g. alpha=1/10).

    >>> file_name("kh.thm-1", "kh-example-1-alpha=1/10", "", ".md")
    'kh.thm-1__kh-example-1-alpha=1_10.md'
    """
    return f"{claim}__{case}{suffix}{ext}".replace("/", "_")


@dataclass
class Context:
    """Where a run writes its certificates (each re-checked on disk); ``thorough`` enlarges sweeps."""

    out_dir: Path
    thorough: bool = False

    def certify(self, doc: dict, claim: str, case: str, suffix: str = "",
                folder: str = "certificates") -> tuple[str, bool, list[str]]:
        """Write ``doc``, re-check it with the independent checker; (path, ok, problems).

        Candidate certificates built from a paper's printed numbers go to
        ``folder="audits"``: their rejection is a finding, not a failure.
        """
        path = write_certificate(doc, self.out_dir / folder / file_name(claim, case, suffix, ".json"))
        report = check_file(str(path))
        return str(path), report.ok, list(report.problems)


CLAIMS: dict[str, Claim] = {}


def claim_modules() -> list[str]:
    """Every module of :mod:`verify.claims` that may register a claim: not a package, no leading underscore."""
    from . import claims

    return sorted(m.name for m in pkgutil.walk_packages(claims.__path__, f"{claims.__name__}.")
                  if not m.ispkg and not m.name.rsplit(".", 1)[1].startswith("_"))


def claim(id: str, paper: str, location: str, summary: str, method: str,
          default_cases: Callable[[], list[Case]], expect: str = PROVED, needs_1d: bool = True,
          covers: tuple[str, ...] = ()):
    """Register ``check(case, ctx)`` under ``id``; ``covers`` lists ids it also settles.

    A covered id is listed by ``verify list`` and accepted by ``verify run``,
    which run the covering check (one check per CLAIMS.md row, not one per id).
    """
    def register(fn: Callable[[Case, Context], CheckResult]):
        if id in CLAIMS and CLAIMS[id].check.__module__ != fn.__module__:
            raise ValueError(f"claim {id} registered twice ({CLAIMS[id].check.__module__}, {fn.__module__})")
        CLAIMS[id] = Claim(id, paper, location, summary, method, fn, default_cases, expect, needs_1d, covers)
        return fn
    return register


def all_claims() -> dict[str, Claim]:
    for mod in claim_modules():
        importlib.import_module(mod)
    return dict(sorted(CLAIMS.items(), key=lambda kv: _order(kv[0])))


def _order(claim_id: str) -> tuple[int, str]:
    """Papers in the order of CLAIMS.md (kh, ep, pe, ddb, ses, cross), then by id."""
    papers = ("kh", "ep", "pe", "ddb", "ses", "cross")
    paper = claim_id.split(".")[0]
    return (papers.index(paper) if paper in papers else len(papers), claim_id)


class UsageError(ValueError):
    """A user-facing error (unknown claim, unsuitable case): printed, exit code 2."""


def claim_ids() -> dict[str, Claim]:
    """Every claim id, covered ones included, mapped to the claim whose check settles it."""
    ids: dict[str, Claim] = {}
    for cl in all_claims().values():
        ids[cl.id] = cl
        ids.update({c: cl for c in cl.covers})
    return ids


def get_claim(claim_id: str) -> Claim:
    ids = claim_ids()
    if claim_id not in ids:
        raise UsageError(f"unknown claim {claim_id!r}; `python -m verify list` shows the {len(ids)} claim ids")
    return ids[claim_id]


def check_suitable(cl: Claim, case: Case) -> None:
    if cl.needs_1d and case.x is None:
        raise UsageError(
            f"{case.path or case.name}: claim {cl.id} needs 1-D data (field 'x' with distinct points); "
            "this case gives a matrix 'X'"
        )


def run_check(cl: Claim, case: Case, ctx: Context) -> CheckResult:
    t0 = time.perf_counter()
    expected = case.expect.get(cl.id, cl.expect)
    try:
        res = cl.check(case, ctx)
    except Exception as exc:  # noqa: BLE001 - an ERROR verdict, reported with its cause
        res = CheckResult(cl.id, case.name, ERROR, cl.method, "", notes=[
            f"{type(exc).__name__}: {exc}", *traceback.format_exc().strip().splitlines()[-3:]])
    res.seconds = time.perf_counter() - t0
    res.expected = expected
    return res
