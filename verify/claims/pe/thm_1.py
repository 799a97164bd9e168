"""pe.thm-1: the convex program (8) over every pattern has the optimal value of the non-convex (2) for m >= m*,
and Theorem 1's reconstruction gives an optimal network with m* neurons.

Convention pe (2)/(8): squared loss with 1/2, weight decay beta/2, no hidden bias (a bias is a ones column,
case ``bias``, then it sits inside ||u||). Two routes:

* 1-D data without a bias column: the patterns are D_+ = 1[x >= 0], D_- = 1[x <= 0] and, from u = 0, D = I,
  whose cone {v : X v >= 0} is {0} when x has both signs; the blocks of D_+- are v x_+ and v (-x)_+ with
  v >= 0, so (8) is the l1 problem over [x_+, (-x)_+] (kind l1-ls-kkt, exact). Theorem 1's network
  u = sqrt(c), alpha = +-sqrt(c) has the objective (2) = that value exactly (||u||^2 = alpha^2 = |c|).
* otherwise the bracket of (8) over every region (kind cone-program-bracket, :mod:`verify.numeric.cone_program`):
  its lower end bounds (4) from below, hence p*(2) for every m (weak duality), its upper end is (8) at exactly
  feasible blocks, and Theorem 1's network built from them has (2) inside (enclosed in interval arithmetic).

m* "if the optimum is not unique, we may pick the minimum cardinality solution" (footnote 1). The interior-point
optimum splits a neuron that lies on a shared hyperplane over the adjacent regions, so its nonzero blocks
overcount the directions. :func:`_sparser` merges the blocks whose neurons point the same way (float, 1e-6),
keeps one region per direction, re-solves (8) on those patterns and certifies the result against the same
dual (kind cone-program-bracket): a certified network with fewer neurons whose objective is within the
bracket's tolerance of the optimum — the sparsest optimum this check can certify (not a proof of minimality).

As printed, Theorem 1 says "either v_i* or w_i* is non-zero for all i = 1, ..., P" and defines
m* = #{i : v_i* != 0 or w_i* != 0}; the reconstruction makes one neuron per nonzero v_i AND per nonzero w_i.
Both readings are measured: the blocks with both parts nonzero, and the patterns whose blocks vanish.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from cases import Case
from exact.certificates.cone_program_bracket import Block, cone_program_certificate

from ...context import Context, within_file_limit
from ...conventions import PE_2, PE_8
from ...numeric.bracket import Position, locate
from ...numeric.cone_program import ConeBracket, restricted_upper
from ...registry import claim
from ...report.figures import REFERENCE, function_1d, functions_figure
from ...requirements import Data, Needs
from ...result import CONFIRMED, CONTRADICTED, ERROR, PROVED, REFUTED, UNDECIDED, Draft
from .._shared import certify
from ._shared import (
    BETA,
    BIAS,
    HALVES,
    Matrix,
    blocks_network,
    certified_bracket,
    certified_l1,
    directions_network,
    fl,
    halves,
    matrix,
    named_cases,
)

PLACE = "Theorem 1 (Section 3) and its proof (Section 5)"
STATEMENT = ("(8) and (2) with m >= m* have identical optimal values; the network u = v_i/sqrt||v_i||, "
             "alpha = sqrt||v_i|| (and w_i with -sqrt) is optimal for (2) with m* = #{i : v_i or w_i != 0} neurons")
#: the bracket must be this tight (relative) to confirm the equality
WIDTH = 1e-6
MERGES = 4  # rounds of merging parallel neurons (:func:`_sparser`)


def theorem_cases() -> list[Case]:
    return named_cases("pe-example-6") + named_cases("pe-2d-six")


@claim("pe.thm-1", "pe", PLACE, STATEMENT, "float (bracketed), exact in 1-D", theorem_cases, expect=CONFIRMED,
       needs=Needs(Data.ANY, parameters=(BETA, BIAS)))
def check_theorem_1(case: Case, ctx: Context) -> Draft:
    """PROVED on 1-D data without a bias column (exact); otherwise CONFIRMED when the certified bracket of (8)
    has relative width <= 1e-6 and Theorem 1's network has its (2)-objective inside it, CONTRADICTED when
    that objective lies outside, UNDECIDED when the bracket is wider."""
    beta, X = BETA.of(case), matrix(case)
    if len(X[0]) == 1:
        return _one_d(case, X, beta, ctx)
    res = Draft("pe.thm-1", case.name, ERROR, "float", (PE_8, PE_2))
    got = certified_bracket(X, case.y, beta, res, ctx)
    if got is None:
        return res
    b, cert = got
    box = b.bracket
    res.value = box
    lo, hi = b.network
    where = locate(box, lo), locate(box, hi)
    res.notes.append(f"(8) over all {b.regions} regions: certified bracket {box.text(12)} (relative width "
                     f"{b.relative_width:.2e}) after {b.rounds} pricing rounds with {b.patterns} regions in the "
                     f"working set; times {', '.join(f'{k} {v:.2f} s' for k, v in b.timings.items())}")
    res.notes.append(f"Theorem 1's network: {b.neurons} neurons from m* = {b.m_star} nonzero blocks "
                     f"({b.both} with both v_i and w_i nonzero); (2) at it in [{fl(lo)}, {fl(hi)}] (intervals)")
    _readings(b.regions, b.m_star, b.both, res)
    if case.x is not None:  # 1-D data with a ones column: Theorem 1's network of the certified upper end's blocks
        res.figure(functions_figure(case.x, case.y, [function_1d(
            "Theorem 1's network of the upper end's blocks (its (2)-objective inside the bracket)",
            blocks_network(b.blocks, 1), REFERENCE)], f"pe (8) with a ones column, beta = {beta}: bracketed"))
    sparse = _sparser(b, X, case.y, beta, cert.lower, res, ctx)
    res.data = {"regions": b.regions, "rounds": b.rounds, "working_set": b.patterns, "neurons": b.neurons,
                "m_star": b.m_star, "both": b.both, "width": b.relative_width, "network": [str(lo), str(hi)],
                "sparser": sparse}
    if Position.BELOW in where or Position.ABOVE in where:
        res.finding(PLACE, STATEMENT, f"(2) at Theorem 1's network lies in [{lo}, {hi}], outside the certified "
                    f"bracket {box.text(12)} of (8)", cert.path)
        res.verdict = CONTRADICTED
    else:
        res.verdict = CONFIRMED if b.relative_width <= WIDTH else UNDECIDED
    return res


def _directions(blocks: Sequence[Block]) -> dict[tuple[int, tuple[float, ...]], tuple[int, ...]]:
    """The neurons' (sign, unit direction rounded to 1e-6) -> the pattern D of the largest block with it."""
    best: dict[tuple[int, tuple[float, ...]], tuple[float, tuple[int, ...]]] = {}
    for blk in blocks:
        for sign, u in ((1, blk.v), (-1, blk.w)):
            norm = float(sum((t * t for t in u), Fraction(0))) ** 0.5
            if norm:
                key = (sign, tuple(round(float(t) / norm, 6) for t in u))
                if key not in best or best[key][0] < norm:
                    best[key] = (norm, blk.D)
    return {k: D for k, (_, D) in best.items()}


def _sparser(b: ConeBracket, X: Matrix, y, beta: Fraction, lower: Fraction, res: Draft, ctx: Context) -> int | None:
    """A certified near-optimal network with one block per distinct direction (module doc); its width, or None."""
    blocks, neurons, merged = b.blocks, b.neurons, None
    for _ in range(MERGES):  # a re-solve can split a neuron again: merge until the width stops falling
        directions = _directions(blocks)
        if len(directions) >= neurons:
            break
        patterns = sorted(set(directions.values()))
        merged = restricted_upper(X, y, beta, patterns)
        blocks, neurons = merged.blocks, sum(any(blk.v) + any(blk.w) for blk in merged.blocks)
    if merged is None:
        return None
    doc = cone_program_certificate(res.claim, res.case, f"(8) on the {len(patterns)} patterns of the distinct neuron "
                                   "directions (upper end), the full program's dual (lower end)", X, y, beta, "squared",
                                   b.dual.v, b.dual.pieces, merged.blocks, lower, merged.upper, neurons)
    if not within_file_limit(doc):
        return None
    cert = certify(doc, res, ctx, "__sparser", "merged directions", about={"X": X, "y": y, "beta": beta})
    if not cert.ok:
        return None
    gap = float((cert.upper - lower) / cert.upper)
    res.notes.append(f"merging the neurons that point the same way ({b.neurons} neurons) and re-solving (8) on one "
                     f"pattern per direction ({len(patterns)} patterns) gives a certified network of {neurons} neurons "
                     f"with objective "
                     f"{fl(cert.upper)}, within {gap:.2e} (relative) of the certified lower end")
    return neurons if gap <= WIDTH else None


def _readings(P: int, m_star: int, both: int, res: Draft) -> None:
    """Theorem 1's "either v_i* or w_i* is non-zero for all i = 1..P" and its m*, read as printed."""
    if m_star < P:
        res.notes.append(f"as printed, 'either v_i* or w_i* is non-zero for all i = 1, ..., P' would need all {P} "
                         f"patterns; the certified primal uses {m_star} (the sparse reading: not both)")
    if both:
        res.notes.append(f"{both} pattern(s) carry both v_i and w_i nonzero in the certified near-optimal primal, so "
                         f"Theorem 1's construction gives {m_star + both} neurons, more than its m* = {m_star}; not a "
                         "proof that every optimum does (the optimum of (8) need not be unique)")


def _one_d(case: Case, X: Matrix, beta: Fraction, ctx: Context) -> Draft:
    """The exact route on 1-D data without a bias column (module doc)."""
    res = Draft("pe.thm-1", case.name, ERROR, "exact", (PE_8, PE_2))
    x = [row[0] for row in X]
    A = halves(x)
    cert, sol = certified_l1(A, case.y, beta, res, ctx, "(8) on 1-D data without a bias: min 1/2 ||A c - y||^2 + "
                             "beta ||c||_1, A = [x_+, (-x)_+]", what="(8) = (2)")
    if not cert.ok:
        return res
    V = cert.value
    r = [a * sol.weights[0] + b * sol.weights[1] - yi for (a, b), yi in zip(A, case.y, strict=True)]
    two = sum((t * t for t in r), Fraction(0)) / 2 + beta * sum((abs(c) for c in sol.weights), Fraction(0))
    m_star = sum(1 for c in sol.weights if c)
    both_signs = min(x) < 0 < max(x)
    P = 2 + both_signs  # D_+, D_- and, when x has both signs, D = I from u = 0 (else D = I is D_+ or D_-)
    res.value = V
    res.notes.append(f"(8) = (3) = {V} = {fl(V)} (certified); Theorem 1's network u = sqrt|c|, alpha = sign(c) "
                     f"sqrt|c| on c = {[str(c) for c in sol.weights]}: (2) = {two} (exact), {m_star} neuron(s)")
    if both_signs:
        res.notes.append("the u = 0 pattern D = I has the cone {v : X v >= 0} = {0} (x has both signs): its v_i, w_i "
                         "are 0 in every feasible point")
    _readings(P, m_star, 0, res)
    res.data = {"value": str(V), "m_star": m_star, "weights": [str(c) for c in sol.weights], "patterns": P}
    res.figure(functions_figure(x, case.y, [function_1d(
        "(8)'s optimum c_1 x_+ + c_2 (-x)_+ (certified)", directions_network(HALVES, sol.weights))],
        f"pe (8) on 1-D data without a bias, beta = {beta} (regularised: the fit need not interpolate)"))
    res.verdict = PROVED if two == V else REFUTED
    return res
