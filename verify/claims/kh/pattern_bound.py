"""kh.pattern-bound: |J| <= 2^N and |J| <= 2 sum_{i=1}^{d} C(N, i), against the exact count.

Convention kh (Section III-A): J = {sign(sigma_alpha(X^T w + b 1))}, sign(0) = +1, alpha > 0: the affine
sign patterns of the data, enumerated exactly (kind sign-patterns); Cover's count in general position.
"""

from __future__ import annotations

from math import comb

from cases import Case, shipped_case
from exact.certificates.sign_patterns import patterns_certificate
from exact.checker import sign_patterns as kind
from exact.relu.arrangements import cover_count, in_general_position, pattern_tree

from ...audit import show
from ...context import Context, within_file_limit
from ...conventions import KH_PATTERNS
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, REFUTED, UNDECIDED, Draft
from ._shared import matrix_of
from .programs import kh_bound

BOUND_CASES = ("kh-patterns-1d-general", "kh-patterns-1d-repeated", "kh-patterns-2d-general",
               "kh-patterns-2d-collinear", "kh-patterns-2d-square", "kh-patterns-3d-general",
               "kh-patterns-3d-coplanar", "kh-patterns-3d-few")


def bound_gap_identity(max_n: int = 40, max_d: int = 10) -> bool:
    """kh's bound minus Cover's count is 2 (sum_{i=0}^{d-1} C(N-1, i) - 1) >= 0 (Pascal's rule), checked exactly.

    So kh's bound is never below the general-position count, with equality iff d = 1 or N = 1.

    >>> bound_gap_identity()
    True
    """
    return all(kh_bound(n, d) - cover_count(n, d) == 2 * (sum(comb(n - 1, i) for i in range(d)) - 1) >= 0
               and (kh_bound(n, d) == cover_count(n, d)) == (d == 1 or n == 1)
               for n in range(1, max_n + 1) for d in range(1, max_d + 1))


PLACE = "Section III-A (after Lemma 1: |J| <= 2^N) and after Theorem 1 (line 167)"
STATEMENT = "|J| <= 2^N and |J| <= 2 sum_{i=1}^{d} C(N, i)"


@claim("kh.pattern-bound", "kh", PLACE, STATEMENT, "exact", lambda: [shipped_case(name) for name in BOUND_CASES],
       needs=Needs(Data.ANY))
def check_pattern_bound(case: Case, ctx: Context) -> Draft:
    """The certified |J| (kind sign-patterns, relation count: affine patterns, sign(0) = +1) against both bounds.

    PROVED when the count (every pattern realised, every other one excluded by Farkas) is within both
    bounds; REFUTED (with the certified count) when a bound fails; UNDECIDED beyond the kind's limits (N points,
    or a certificate over the checker's file limit: the pruned prefixes grow with N). Cover's count in general
    position is a note.
    """
    X = matrix_of(case)
    N, d = len(X), len(X[0])
    res = Draft("kh.pattern-bound", case.name, ERROR, "exact", KH_PATTERNS)
    if N > kind.MAX_POINTS:  # a pattern is an N-tuple, and the enumeration tree needs an LP per node
        res.notes.append(f"not decided: |J| is certified (kind sign-patterns) for at most {kind.MAX_POINTS} points, "
                         f"here N = {N}")
        res.verdict = UNDECIDED
        return res
    tree = pattern_tree(X)
    doc = patterns_certificate(X, tree, res.claim, case.name)
    if not within_file_limit(doc):
        res.notes.append(f"not decided: the certificate of |J| ({len(tree.realised)} patterns, {len(tree.excluded)} "
                         "pruned prefixes) is beyond the checker's file limit")
        res.verdict = UNDECIDED
        return res
    about = {"X": X} if case.x is not None else None  # 1-D data x, certified as the n x 1 matrix X
    cert = res.add(ctx.certify(doc, res.claim, case.name, about=about), "|J|")
    if cert.value is None or cert.qualifier("arrangement") != "affine":
        return res
    count, cover = int(cert.value), cover_count(N, d)
    res.value = cert.value
    general = in_general_position(X)
    bounds = (2 ** N, kh_bound(N, d))
    res.notes.append(f"N = {N}, d = {d}: exact |J| = {count}; 2^N = {bounds[0]}; kh's 2 sum_(i=1..d) C(N,i) = "
                     f"{bounds[1]}; Cover's general-position count 2 sum_(i=0..d) C(N-1,i) = {cover}")
    res.notes.append(f"general position (every min(N, d+1) lifted points (x_i, 1) independent, exact rank): {general}"
                     + (f"; |J| == Cover's count: {count == cover}" if general else
                        f"; degenerate data: |J| = {count} < Cover's {cover}: {count < cover}"))
    res.notes.append(f"kh's bound minus Cover's count = {bounds[1] - cover} (identity 2(sum_(i<d) "
                     f"C(N-1,i) - 1) >= 0 checked exactly for N <= 40, d <= 10: {bound_gap_identity()}); "
                     f"{len(tree.excluded)} pruned prefixes carry Farkas certificates")
    violated = [f"{name} = {b}" for name, b in zip(("2^N", "2 sum_(i=1..d) C(N,i)"), bounds) if count > b]
    if violated:
        res.finding(PLACE, STATEMENT, f"|J| = {count} (certified count of the affine sign patterns) exceeds "
                    f"{' and '.join(violated)}: patterns {show(tree.patterns)}", cert.path)
    res.verdict = REFUTED if violated else PROVED
    res.data = {"X": [[str(a) for a in x] for x in X], "count": count, "bounds": list(bounds),
                "cover": cover, "general_position": general}
    return res
