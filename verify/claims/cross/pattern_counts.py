"""cross.pattern-counts: kh's |J| (affine), pe's P (through the origin), ddb's cells, on the same data, one table.

Conventions. kh Section III-A: J = {sign(X w + b 1)}, sign(0) = +1 (affine, closed), bound
|J| <= min(2^N, 2 sum_{i=1}^{d} C(N, i)). pe Section 3: P = #{diag(1[X u >= 0]) : u in R^d} (through the
origin, closed, u = 0 included), bound (17) 2 sum_{k<r} C(n-1, k), r = rank X. ddb Section 4: the closed
cells of the parameter space (a, b) cut by the hyperplanes a^T x_i + b = 0, "S ~ n^d in generic datasets":
the regions of the central arrangement of the lifted rows (x_i, 1).

Relations computed, all exact: J(X) is the set of closed central patterns of [X, 1], so |J| = P([X, 1]),
here from two independent certified enumerations (kind sign-patterns: a prefix tree with LP witnesses and
Farkas exclusions; kind arrangement: the faces with a star-of-rays completeness proof); ddb's cells are
the regions of [X, 1], at most P([X, 1]) (every region's closed pattern is a D_i).
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case, shipped_case
from exact.certificates.sign_patterns import patterns_certificate
from exact.checker import sign_patterns as sign_kind
from exact.relu.arrangements import pattern_tree, region_bound

from ...context import Context
from ...conventions import KH_PATTERNS, PE_ARRANGEMENT
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, REFUTED, Draft
from .._shared import certify
from ..kh.programs import kh_bound
from ..pe._shared import certified_arrangement, with_bias

CASES = ("kh-example-1", "pe-example-6", "pe-2d-six", "kh-patterns-2d-square", "pe-arrangement-3d-general")
STATEMENT = "kh's |J| (affine), pe's P (central) and ddb's number of cells on the same data, against each bound"


def count_cases() -> list[Case]:
    return [shipped_case(name) for name in CASES]


@claim("cross.pattern-counts", "cross", "kh Section III-A; pe Section 3, (17); ddb Section 4 (cell decomposition)",
       STATEMENT, "exact", count_cases, expect=REFUTED, needs=Needs(Data.ANY))
def check_pattern_counts(case: Case, ctx: Context) -> Draft:
    """PROVED when the two certified counts of |J| agree and every paper's bound holds on its count; REFUTED
    (with the certified counts) when a bound fails. ddb's S ~ n^d is asymptotic: reported, not judged."""
    X = [list(row) for row in case.X] if case.X is not None else [[t] for t in case.x]
    n, d = len(X), len(X[0])
    res = Draft("cross.pattern-counts", case.name, ERROR, "exact", (KH_PATTERNS, PE_ARRANGEMENT))
    lifted = with_bias(X)
    counts = {}
    for label, data in (("central X", X), ("central [X, 1]", lifted)):
        cert = certified_arrangement(data, res, ctx, "__lifted" if data is lifted else "", label)
        if cert is None:
            return res
        counts[label] = {k: int(cert.qualifier(k)) for k in ("rank", "regions", "patterns")}
    J = None
    if n <= sign_kind.MAX_POINTS:
        tree = pattern_tree(X)
        cert = certify(patterns_certificate(X, tree, res.claim, case.name), res, ctx, "__J", "kh J",
                       about={"X": X})
        if not cert.ok:
            return res
        J = int(cert.value)
    P, lift = counts["central X"], counts["central [X, 1]"]
    cells = lift["regions"]
    rows = [("kh |J| (affine, sign(0) = +1)", J if J is not None else lift["patterns"],
             f"min(2^N, 2 sum_(i=1..d) C(N, i)) = {min(2 ** n, kh_bound(n, d))}", min(2 ** n, kh_bound(n, d))),
            ("pe P on X (through the origin)", P["patterns"],
             f"(17) with r = {P['rank']}: {region_bound(n, P['rank'])}", region_bound(n, P["rank"])),
            ("pe P on [X, 1]", lift["patterns"], f"(17) with r = {lift['rank']}: {region_bound(n, lift['rank'])}",
             region_bound(n, lift["rank"])),
            ("ddb cells (regions of [X, 1])", cells, f"S ~ n^d = {n ** d} (asymptotic)", None)]
    failed = [f"{name} = {count} > {text}" for name, count, text, bound in rows if bound is not None and count > bound]
    table = "; ".join(f"{name} = {count} (bound {text})" for name, count, text, _ in rows)
    res.notes.append(f"N = {n}, d = {d}: {table}")
    same = J is None or J == lift["patterns"]
    res.notes.append(f"|J| = P([X, 1]): {same}" + (f" ({J} by the sign-pattern tree, {lift['patterns']} by the faces)"
                                                   if J is not None else " (|J| from the faces only: N > 64)")
                     + f"; cells <= P([X, 1]): {cells <= lift['patterns']}")
    res.data = {"rows": [{"count": name, "value": count, "bound": text} for name, count, text, _ in rows]}
    res.value = Fraction(cells)
    if not same or cells > lift["patterns"]:
        res.notes.append("BUG: two certified counts of the same set disagree")
        return res
    if failed:
        res.finding("pe Section 3, (17)" if any("pe" in f for f in failed) else "kh Section III-A", STATEMENT,
                    "; ".join(failed), *res.certificates)
    res.verdict = REFUTED if failed else PROVED
    return res
