"""The claim registry: every checkable claim, its paper location and default cases.

A claim module (one per claim, ``verify/claims/<paper>/<id>.py``) registers a function
``check(case, ctx) -> Draft`` with :func:`claim`; :func:`all_claims` imports every claim module
itself. :func:`run_check` binds the check's certificates to the case, times it, turns an exception
into an ``ERROR`` verdict (never a silent skip) and attaches the recorded expectation (the case's
``[expect]`` entry, else the claim's default).
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import signal
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from cases import Case

from .context import Context
from .requirements import Needs, problems, unread
from .result import ERROR, PROVED, TIMEOUT, CheckResult, Draft, Verdict, jsonable


@dataclass(frozen=True)
class Claim:
    id: str
    paper: str
    location: str
    summary: str
    method: str
    check: Callable[[Case, Context], Draft]
    default_cases: Callable[[], list[Case]]
    expect: Verdict = PROVED
    needs: Needs = Needs()
    covers: tuple[str, ...] = ()  # further claim ids of the same CLAIMS.md row this check settles


CLAIMS: dict[str, Claim] = {}


def claim_modules() -> list[str]:
    """Every module of :mod:`verify.claims` that may register a claim: not a package, no leading underscore."""
    from . import claims

    return sorted(m.name for m in pkgutil.walk_packages(claims.__path__, f"{claims.__name__}.")
                  if not m.ispkg and not m.name.rsplit(".", 1)[1].startswith("_"))


def claim(id: str, paper: str, location: str, summary: str, method: str,
          default_cases: Callable[[], list[Case]], expect: Verdict = PROVED, needs: Needs = Needs(),
          covers: tuple[str, ...] = ()):
    """Register ``check(case, ctx)`` under ``id``; ``needs`` says what it needs from a case (the data, labels
    and parameters: :mod:`verify.requirements`); ``covers`` lists ids it also settles.

    A covered id is listed by ``verify list`` and accepted by ``verify run``,
    which run the covering check (one check per CLAIMS.md row, not one per id).
    """
    def register(fn: Callable[[Case, Context], Draft]) -> Callable[[Case, Context], Draft]:
        if id in CLAIMS and CLAIMS[id].check.__module__ != fn.__module__:
            raise ValueError(f"claim {id} registered twice ({CLAIMS[id].check.__module__}, {fn.__module__})")
        CLAIMS[id] = Claim(id, paper, location, summary, method, fn, default_cases, expect, needs, covers)
        return fn
    return register


def all_claims() -> dict[str, Claim]:
    for mod in claim_modules():
        importlib.import_module(mod)
    return dict(sorted(CLAIMS.items(), key=lambda kv: claim_order(kv[0])))


def claim_order(claim_id: str) -> tuple[int, str]:
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
        close = difflib.get_close_matches(claim_id, list(ids), n=3)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        raise UsageError(f"unknown claim {claim_id!r}; {hint}`python -m verify list` shows the {len(ids)} claim ids")
    return ids[claim_id]


def check_suitable(cl: Claim, case: Case) -> list[str]:
    """Refuse a case ``cl`` cannot run on, before any solving (:func:`verify.requirements.problems`): a
    :class:`UsageError` naming each field. Returns the warnings: parameters the claim does not read."""
    found = problems(cl.needs, case)
    if found:
        raise UsageError(f"claim {cl.id} cannot run on this case:\n  " + "\n  ".join(found)
                         + f"\n(`python -m verify describe {cl.id}` shows what it needs)")
    return unread(cl.needs, case)


def case_binding(case: Case) -> dict[str, object]:
    """The data every certificate of a check on ``case`` must be about, by default: its x, X and y, and its
    parameters alpha (the convention's leaky slope), beta and lambda when it sets them."""
    data = {k: v for k, v in (("x", case.x), ("X", case.X), ("y", case.y)) if v is not None}
    return data | {k: case.params[k] for k in ("alpha", "beta", "lambda") if k in case.params}


class CheckTimeout(BaseException):
    """Raised by the alarm of :func:`_deadline`: a BaseException, so that no ``except Exception`` in a check
    swallows it."""


def _alarm(signum: int, frame: object) -> None:
    raise CheckTimeout


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`CheckTimeout` in the body after ``seconds`` of wall time (SIGALRM: the main thread of a
    process, which every check runs in; a single long call into C ends before the alarm is seen)."""
    if not seconds:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _attempt(cl: Claim, case: Case, ctx: Context) -> Draft:
    try:
        return cl.check(case, ctx)
    except Exception as exc:  # noqa: BLE001 - an ERROR verdict, reported with its cause
        return Draft(cl.id, case.name, ERROR, cl.method, (), notes=[
            f"{type(exc).__name__}: {exc}", *traceback.format_exc().strip().splitlines()])


def run_check(cl: Claim, case: Case, ctx: Context, shipped: bool = True, timeout: float | None = None
              ) -> CheckResult:
    """Run ``cl`` on ``case`` (its certificates bound to the case), timed; an exception is an ERROR verdict
    (its first note the exception, then the traceback), a run beyond ``timeout`` seconds a TIMEOUT.

    The expected verdict is the case's ``[expect]`` entry; a shipped case (``shipped``) falls back to the
    claim's recorded verdict, a user's case has none: its verdict is a result, not a failure."""
    t0 = time.perf_counter()
    recorded = case.expect.get(cl.id, cl.expect if shipped else None)
    expected = None if recorded is None else Verdict(recorded)
    bound = Context(ctx.out_dir, ctx.thorough, case_binding(case))
    try:
        with _deadline(timeout):
            draft = _attempt(cl, case, bound)
    except CheckTimeout:
        draft = Draft(cl.id, case.name, TIMEOUT, cl.method, (), notes=[
            f"the check ran longer than the time limit of {timeout} s (--timeout) and was stopped"])
    return draft.freeze(time.perf_counter() - t0, expected, cl.covers, about(cl, case))


def about(cl: Claim, case: Case) -> dict[str, Any]:
    """What a report states of a check besides its result: the claim (paper, location, statement) and the
    case (its source, file and data), as JSON."""
    data = {k: v for k, v in (("x", case.x), ("X", case.X), ("y", case.y)) if v is not None}
    return {"paper": cl.paper, "location": cl.location, "summary": cl.summary, "claim_method": cl.method,
            "case": jsonable({"source": case.source, "path": _shown(case.path), **data, "params": dict(case.params)})}


def _shown(path: str | None) -> str | None:
    """A case file's path as a report shows it: relative to the project for a shipped case (so a re-run command
    works in any checkout), as given otherwise."""
    if not path:
        return path
    root = Path(__file__).resolve().parent.parent
    p = Path(path).resolve()
    return str(p.relative_to(root)) if root in p.parents else path
