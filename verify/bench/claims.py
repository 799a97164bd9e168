"""Claims on users' 1-D data: seconds and verdict of every claim that accepts 1-D data, on seeded data of given sizes.

For each size n the data are seeded (:func:`seeded_case`): n distinct points x = k / 4, k drawn from
[-10 n, 10 n), and labels of the variant the claim accepts. The registry decides which claims take 1-D data:
each claim is offered the variants of :data:`VARIANTS` in turn (real labels, +-1 labels, class labels, real
labels with the 1-D ReLU dictionary of ses (49)) and takes the first that passes its requirements
(:func:`verify.registry.check_suitable`); a claim no variant suits is left out. Every case sets beta = 1/10 and
lambda = 1/10. Each (claim, n) runs in its own interpreter (``python -m verify.bench.claims --one``), killed
after ``timeout`` seconds (TIMEOUT).

>>> seeded_case(4, "binary").y == seeded_case(4, "binary").y, set(seeded_case(6, "binary").y) <= {-1, 1}
(True, True)
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from cases import Case, case_from_dict

#: label variants, in the order they are offered: name -> (labels, extra parameters)
VARIANTS = {"real": ("real", {}), "binary": ("binary", {}), "classes": ("classes", {}),
            "dictionary": ("real", {"relu1d": "1"})}


def seeded_case(n: int, variant: str, seed: int = 1) -> Case:
    """The seeded 1-D case of size ``n`` with the labels of ``variant`` (module doc)."""
    rng = random.Random(seed)
    x = [str(Fraction(v, 4)) for v in sorted(rng.sample(range(-10 * n, 10 * n), n))]
    labels, extra = VARIANTS[variant]
    y = [str(rng.choice((-1, 1))) if labels == "binary" else str(rng.choice((0, 1, 2))) if labels == "classes"
         else str(Fraction(rng.randint(-6, 6), rng.choice((1, 2)))) for _ in range(n)]
    doc = {"name": f"bench-{n}", "source": "verify.bench.claims", "x": x, "y": y, "beta": "1/10",
           "lambda": "1/10", **extra}
    return case_from_dict(doc, "bench")


def variant_of(claim_id: str, n: int = 8) -> str | None:
    """The first variant whose seeded case claim ``claim_id`` accepts, or None (it takes no 1-D data)."""
    from verify.registry import UsageError, check_suitable, get_claim

    cl = get_claim(claim_id)
    for variant in VARIANTS:
        try:
            check_suitable(cl, seeded_case(n, variant))
        except UsageError:
            continue
        return variant
    return None


@dataclass(frozen=True)
class ClaimRow:
    """One (claim, n): its label variant, the verdict (or TIMEOUT / a failure to run) and the wall seconds of the
    check (None when it did not finish)."""

    claim: str
    n: int
    variant: str
    verdict: str
    seconds: float | None


def run_one(claim_id: str, n: int, variant: str, timeout: float) -> ClaimRow:
    """The claim on the seeded case in a fresh interpreter, killed after ``timeout`` seconds."""
    cmd = [sys.executable, "-m", "verify.bench.claims", "--one", claim_id, str(n), variant]
    root = Path(__file__).resolve().parents[2]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=root)
    except subprocess.TimeoutExpired:
        return ClaimRow(claim_id, n, variant, "TIMEOUT", None)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return ClaimRow(claim_id, n, variant, f"FAILED (exit {proc.returncode})", None)
    out = json.loads(lines[-1])
    return ClaimRow(claim_id, n, variant, out["verdict"], out["seconds"])


def claims_table(sizes: list[int], claims: list[str] | None = None, timeout: float = 120.0) -> list[ClaimRow]:
    """Every claim of ``claims`` (default: every registered claim) that accepts 1-D data, at every size."""
    from verify.registry import all_claims

    ids = claims if claims is not None else list(all_claims())
    chosen = [(c, v) for c in ids if (v := variant_of(c)) is not None]
    return [run_one(c, n, v, timeout) for c, v in chosen for n in sizes]


def markdown(rows: list[ClaimRow]) -> str:
    """A Markdown table claim x n of 'seconds verdict' cells.

    >>> print(markdown([ClaimRow("kh.thm-1", 8, "real", "REFUTED", 0.25), ClaimRow("kh.thm-1", 16, "real",
    ...                                                                            "TIMEOUT", None)]))
    | claim | labels | n = 8 | n = 16 |
    |---|---|---|---|
    | kh.thm-1 | real | 0.25 s REFUTED | TIMEOUT |
    """
    sizes = sorted({r.n for r in rows})
    out = ["| claim | labels | " + " | ".join(f"n = {n}" for n in sizes) + " |",
           "|---|---|" + "---|" * len(sizes)]
    for claim in dict.fromkeys(r.claim for r in rows):
        cells = {r.n: r for r in rows if r.claim == claim}
        text = [("" if c.seconds is None else f"{c.seconds:.2f} s ") + c.verdict if (c := cells.get(n)) else "-"
                for n in sizes]
        out.append(f"| {claim} | {next(iter(cells.values())).variant} | " + " | ".join(text) + " |")
    return "\n".join(out)


def print_table(sizes: list[int], claims: list[str] | None = None, timeout: float = 120.0) -> list[ClaimRow]:
    """Run :func:`claims_table` and print its Markdown table; the rows."""
    rows = claims_table(sizes, claims, timeout)
    print(markdown(rows), flush=True)
    return rows


def _one(claim_id: str, n: int, variant: str) -> None:
    """The child of :func:`run_one`: one check, its verdict and seconds as a JSON line."""
    from verify.context import Context
    from verify.registry import get_claim, run_check

    cl, case = get_claim(claim_id), seeded_case(n, variant)  # the imports of every claim module, untimed
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        res = run_check(cl, case, Context(Path(folder)), shipped=False)
        seconds = time.perf_counter() - t0
    print(json.dumps({"verdict": str(res.verdict.value), "seconds": round(seconds, 3)}), flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        _one(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        print_table([int(a) for a in sys.argv[1:]] or [8, 16, 30])
