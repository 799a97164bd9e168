"""pe.arrangement-bound: the number P of D_i = diag(1[X u >= 0]) against (17) and 2r(e(n-1)/r)^r (Section 3, A.2).

Convention pe Section 3: D_i ranges over every distinct diag(1[X u >= 0]), u in R^d (closed: x_i^T u = 0
gives 1; u = 0 included), and the paper says P "is the number of regions" of the central arrangement of
the hyperplanes x_i^T u = 0; the proof of Section 5 uses H_X = {sign(X u)} (sign(0) = 0: the faces) and
S_X = {{i : x_i^T u > 0}}. All five numbers (faces = |H_X|, regions, P, |S_X|, r = rank X) come from one
exact enumeration of the faces with a completeness proof (kind arrangement); the bounds are

    P <= 2 sum_{k=0}^{r-1} C(n-1, k)  (17)  <= 2r (e (n-1) / r)^r,   equality in (17) in general position,

the second compared exactly with rational bounds on e (:func:`exponential_bound`). Read as printed: the
u = 0 pattern (all ones) is a D_i, and it is a region's pattern only when the rows lie in an open
half-space — so on data that positively spans (almost every data set with n > 2d) P = regions + 1, one
more than (17) even in general position.

Remark 3.2 solvers sample u ~ N(0, I): how many distinct D_i k samples meet, against P, is measured
(:func:`exact.relu.arrangements.sampled_patterns`); a Gaussian u lies in a region almost surely, so
the samples can never meet a pattern that only a lower-dimensional face (or u = 0) has.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from math import comb

from flint import fmpq_mat

from cases import Case
from exact.numbers import to_fmpq
from exact.relu.arrangements import region_bound, sampled_patterns

from ...context import Context
from ...conventions import PE_ARRANGEMENT
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, REFUTED, UNDECIDED, Draft
from ._shared import Matrix, certified_arrangement, matrix, named_cases
from .programs import exponential_bound

PLACE = "Section 3 (after the definition of D_i) and Appendix A.2, (17)"
STATEMENT = ("P (the number of distinct D_i = diag(1[X u >= 0]), u in R^d; 'the number of regions') <= "
             "2 sum_{k<r} C(n-1, k) <= 2r(e(n-1)/r)^r, r = rank X; equality in (17) in general position")
SAMPLES = (10, 100, 1000, 10_000, 100_000, 1_000_000)
MAX_SUBSETS = 200_000  # exact ranks of r-subsets for the general-position test (a few seconds)


def central_general_position(X: Matrix, r: int) -> bool | None:
    """Every min(n, r) rows of X are linearly independent (exact ranks): general position of the hyperplanes
    x_i^T u = 0 within the row space (rank r); None (not decided) beyond MAX_SUBSETS subsets."""
    k = min(len(X), r)
    if comb(len(X), k) > MAX_SUBSETS:
        return None
    return all(fmpq_mat([[to_fmpq(a) for a in X[i]] for i in rows]).rank() == k
               for rows in combinations(range(len(X)), k))


def bound_cases() -> list[Case]:
    return named_cases("pe-arrangement") + [c for c in named_cases("pe-example-6") if c.name == "pe-example-6"]


@claim("pe.arrangement-bound", "pe", PLACE, STATEMENT, "exact", bound_cases, expect=REFUTED,
       needs=Needs(Data.ANY))
def check_arrangement_bound(case: Case, ctx: Context) -> Draft:
    """The certified counts (kind arrangement) against both bounds and the general-position equality.

    PROVED when P <= (17) <= the exponential bound and, in general position, P == (17); REFUTED (with the
    certified counts) when one fails; "P is the number of regions" is checked as printed and reported.
    """
    X = matrix(case)
    n = len(X)
    res = Draft("pe.arrangement-bound", case.name, ERROR, "exact", PE_ARRANGEMENT)
    cert = certified_arrangement(X, res, ctx)
    if cert is None:
        return res
    counts = {k: int(cert.qualifier(k)) for k in ("rank", "faces", "regions", "patterns", "open_patterns")}
    r, P = counts["rank"], counts["patterns"]
    b17 = region_bound(n, r)
    lo, hi = exponential_bound(n, r)
    general = central_general_position(X, r)
    res.value = Fraction(P)
    res.notes.append(f"n = {n}, d = {len(X[0])}, r = {r}: faces |H_X| = {counts['faces']}, regions = "
                     f"{counts['regions']}, P = #D_i = {P}, |S_X| = {counts['open_patterns']} (certified)")
    res.notes.append(f"(17) 2 sum_(k<r) C(n-1, k) = {b17}; 2r(e(n-1)/r)^r in [{float(lo):.10g}, {float(hi):.10g}]; "
                     f"general position (every min(n, r) rows independent): "
                     f"{'not decided (too many subsets)' if general is None else general}")
    failed = []
    if P > b17:
        failed.append(f"P = {P} > (17) = {b17}")
    if hi < b17:
        failed.append(f"(17) = {b17} > 2r(e(n-1)/r)^r, which is <= {float(hi):.10g}")
    elif lo < b17:
        res.notes.append("(17) against 2r(e(n-1)/r)^r not decided by the rational bounds on e")
        res.verdict = UNDECIDED
    if general and P != b17:
        failed.append(f"general position but P = {P} != (17) = {b17}")
    if P != counts["regions"]:
        failed.append(f"P = {P} D_i but {counts['regions']} regions ('P is the number of regions')")
    res.data = {"X": [[str(a) for a in row] for row in X], **counts, "bound_17": b17, "general_position": general,
                "exponential": [str(lo), str(hi)]}
    _sampling(X, P, counts["regions"], res)
    if failed:
        res.finding(PLACE, STATEMENT, "; ".join(failed) + (
            ": u = 0 gives the all-ones D_i, which no region has when the rows are in no open half-space"
            if P == counts["regions"] + 1 else ""), cert.path)
        res.verdict = REFUTED
    elif res.verdict is ERROR:
        res.verdict = PROVED
    return res


def _sampling(X: Matrix, P: int, regions: int, res: Draft) -> None:
    """Remark 3.2's sampled patterns: how many distinct D_i k Gaussian u meet (seeded), against P."""
    found = [(k, sampled_patterns(X, k, seed=k)) for k in SAMPLES]
    res.notes.append("Gaussian sampling (Remark 3.2), distinct D_i met by k samples of u ~ N(0, I): "
                     + ", ".join(f"k = {k}: {m}" for k, m in found) + f" (of P = {P}; regions = {regions})")
    res.data["sampled"] = {str(k): m for k, m in found}
