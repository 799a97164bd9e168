"""pe.sdp-11-12: the linear two-layer CNN (9), its dual (10), the SDP (11) and the nuclear-norm problem (12).

Section 4.2 as printed: (9) min 1/2 ||sum_k sum_j X_k u_j alpha_jk - y||^2 + beta/2 sum_j (||u_j||^2 + ||alpha_j||^2);
(10) max -1/2 ||v - y||^2 + 1/2 ||y||^2 s.t. max_{||u|| <= 1} sum_k (v^T X_k u)^2 <= 1; (11) the same with
sigma_max([X_1^T v ... X_K^T v]) <= beta; (12) min 1/2 ||sum_k X_k z_k - y||^2 + beta ||[z_1 ... z_K]||_*, whose
SVD gives a network of (9) with the same value. Since sum_k (v^T X_k u)^2 = ||M(v)^T u||^2, the constraint of (10)
is sigma_max(M(v)) <= 1: (10) is (11) at beta = 1, and the dual of (9) only when beta = 1 (the scaling of Lemma 2
gives sum_k (v^T X_k u)^2 <= beta^2). Brackets in rationals: :mod:`verify.numeric.linear_cnn`.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case, shipped_cases
from cases.generators import random_matrix_case

from ...audit import audit_check
from ...context import Context
from ...conventions import PE_9
from ...numeric import SOLVER_TOL, Position, locate
from ...numeric.linear_cnn import NuclearBracket, nuclear_bracket, tight, valid_patches
from ...registry import claim
from ...requirements import Data, Labels, Needs, Parameter
from ...result import CONFIRMED, CONTRADICTED, ERROR, UNDECIDED, Draft

BETA = Parameter("beta", "the weight decay of (9): beta/2 sum_j (||u_j||^2 + ||alpha_j||^2)", Fraction(1, 2),
                 "pe (9), Section 4.2: any beta > 0")
TAPS = Parameter("h", "the filter length: patches X_k = X[:, k:k+h] (stride one, no padding), K = d - h + 1",
                 Fraction(3), "pe Section 4: filters of a small size (3 x 3 in the text)")
SEEDS = (1, 2)


def _fits(case: Case) -> str | None:
    h = int(TAPS.of(case))
    return None if h <= case.dim else f"field 'h': expected a filter length <= d = {case.dim}, got {h}"


def sdp_cases() -> list[Case]:
    """The shipped pe-cnn-sdp-* cases and seeded random ones (n in 6..10, d in 4..8)."""
    return [c for c in shipped_cases() if c.name.startswith("pe-cnn-sdp-")] + [random_matrix_case(s) for s in SEEDS]


def _audits(b: NuclearBracket, beta: Fraction, decided: bool, res: Draft) -> None:
    """(11) = (12), the SVD network attaining (12) in (9), and the filters being maximal eigenvectors."""
    width = float(b.bracket.width or 0)
    res.printed.append(audit_check(
        "(11) = (12) (strong duality, A.5)", "equal", decided,
        f"lower <= max (11) <= min (12) <= min (9) <= upper with [lower, upper] = {b.bracket.text(12)} (a feasible "
        f"v and a network, exact): width {width:.3g}"))
    res.printed.append(audit_check(
        "(12): the network from the SVD of Z attains (12)'s value in (9)", "attains", decided,
        f"(9) at u_j = sqrt(s_j) p_j, alpha_j = sqrt(s_j) q_j ({b.rank} neurons, rational) = "
        f"{float(b.upper):.12g}, within {width:.3g} of a lower bound of (12)"))
    aligned = b.alignment is None or 1 - b.alignment <= SOLVER_TOL
    res.printed.append(audit_check(
        "Section 4.2: the maximisers of the inner problem (maximal eigenvectors of sum_k X_k^T v v^T X_k) are the "
        "optimal filters", "maximal eigenvectors", aligned,
        "no neuron (Z = 0)" if b.alignment is None else
        f"min_j u_j^T M M^T u_j / (beta^2 ||u_j||^2) = 1 - {float(1 - b.alignment):.3g} at the feasible dual "
        f"(exact; lambda_max(M M^T) <= beta^2 = {beta ** 2})"))


def _equation_10(patches, y, beta: Fraction, b: NuclearBracket, res: Draft) -> bool:
    """(10) as printed is (11) at beta = 1 (sum_k (v^T X_k u)^2 = ||M(v)^T u||^2); its value bracketed as that of
    (12) at beta = 1 against the bracket of (9). Returns whether the two brackets meet."""
    if beta == 1:
        res.printed.append(audit_check("(10): constraint max_{||u|| <= 1} sum_k (v^T X_k u)^2 <= 1", "<= 1", True,
                                       "beta = 1: (10) as printed is (11) (sigma_max(M)^2 <= 1 = beta^2)"))
        return True
    printed = nuclear_bracket(patches, y, Fraction(1)).bracket
    meets = locate(b.bracket, printed) is Position.INSIDE
    res.printed.append(audit_check(
        "(10): the dual of (9), constraint max_{||u|| <= 1} sum_k (v^T X_k u)^2 <= 1", "<= 1", meets,
        f"(10) as printed = (11) at beta = 1, value in {printed.text(12)}; (9) at beta = {beta} in "
        f"{b.bracket.text(12)}" + ("" if meets else " (disjoint); with <= beta^2 it is (11)")))
    res.data["bracket_10_as_printed"] = printed.as_json()
    if not meets:
        res.finding("(10), Section 4.2", "the dual of (9) is max -1/2||v - y||^2 + 1/2||y||^2 s.t. "
                    "max_{||u||_2 <= 1} sum_k (v^T X_k u)^2 <= 1",
                    f"at beta = {beta} the value of (10) as printed lies in {printed.text(12)} and that of (9) in "
                    f"{b.bracket.text(12)} (rational brackets, disjoint): (10) is the dual of (9) only for beta = 1; "
                    "the constraint should read <= beta^2, which makes it (11) (sum_k (v^T X_k u)^2 = "
                    "||M(v)^T u||^2, maximised at sigma_max(M)^2)")
    return meets


@claim("pe.sdp-11-12", "pe", "Section 4.2, (9)-(12), and A.5",
       "linear two-layer CNN (9): dual (10), SDP (11) and nuclear-norm problem (12) have its optimal value; the SVD "
       "of Z gives an optimal network", "float (rational bracket)", sdp_cases, expect=CONTRADICTED,
       needs=Needs(Data.MATRIX, Labels.REAL, (BETA, TAPS), condition=_fits))
def check_linear_cnn(case: Case, ctx: Context) -> Draft:
    """One rational bracket [lower, upper] holds min (9), max (11) and min (12): lower is (11) at a rational v
    proved feasible (exact LDL^T of c I - M M^T), upper is (9) at the rational SVD network, and weak duality
    gives lower <= (11) <= (12) <= (9) <= upper. CONTRADICTED when (10) as printed (its beta = 1 value,
    bracketed the same way) is disjoint from that bracket; else CONFIRMED when the bracket is narrower than
    SOLVER_TOL relative to max(1, upper); UNDECIDED otherwise.
    """
    beta, h = BETA.of(case), int(TAPS.of(case))
    assert case.X is not None
    res = Draft("pe.sdp-11-12", case.name, ERROR, "float (rational bracket)", PE_9)
    patches, y = valid_patches(case.X, h), case.y
    b = nuclear_bracket(patches, y, beta)
    res.value = b.bracket
    width = b.bracket.width or Fraction(0)
    res.notes.append(f"n = {case.n}, d = {case.dim}, h = {h}, K = {len(patches)} patches, beta = {beta}: "
                     f"(9) = (11) = (12) in {b.bracket.text(12)} (width {float(width):.3g}, rational ends); "
                     f"Clarabel's (12) {b.solver:.12g}")
    res.notes.append(f"singular values of Z: {', '.join(f'{s:.6g}' for s in b.singular)}; network of {b.rank} "
                     f"neurons (m = rank Z); dual scaled by {float(b.scale):.12g}, sigma_max(M)^2 <= "
                     f"{float(b.bound):.12g} before scaling (exact)")
    decided = tight(b.bracket)
    _audits(b, beta, decided, res)
    meets = _equation_10(patches, y, beta, b, res)
    res.data.update(bracket=b.bracket.as_json(), h=h, K=len(patches), rank=b.rank,
                    filters=[[str(t) for t in u] for u in b.network.filters],
                    outer=[[str(t) for t in a] for a in b.network.outer], dual=[str(t) for t in b.dual])
    res.verdict = CONTRADICTED if not meets else CONFIRMED if decided else UNDECIDED
    if res.verdict is UNDECIDED:
        res.notes.append(f"not decided: the bracket is wider than SOLVER_TOL = {float(SOLVER_TOL):g} relative")
    return res

