"""pe.bidual-5: the bi-dual (5) over Radon measures against p* of (2), and its number of atoms m* <= n + 1.

Convention pe (2)-(5): no hidden bias. (5) is printed as

    p_oo* = min_mu ||int (X u)_+ dmu(u) - y||_2^2 + beta ||mu||_TV          (no 1/2 on the loss)

and the next display, with 1/2 ||...||^2 + beta sum |alpha_j|, is said to equal it and p*. Read as printed,
(5)(beta) = 2 min (1/2 ||r||^2 + beta/2 ||mu||) = 2 p*(beta / 2), which is not p*(beta) in general. On 1-D
data without a bias column every measure acts through the two features x_+, (-x)_+
(:mod:`verify.claims.pe._shared`), so both are l1 problems over two columns, certified exactly (kind
l1-ls-kkt: scale 2 for the printed (5), scale 1 for p* = (3) = (5) with the 1/2); their atoms are the
nonzero weights, at most 2 <= n + 1. Otherwise (a bias column, d >= 2) both sides are brackets of (8)
(kind cone-program-bracket): p* at beta, and (5) as printed as twice the bracket at beta / 2; the
measure of (5) with the 1/2 is the network of the p* bracket, whose width is its number of atoms.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case

from ...context import Context
from ...conventions import PE_2
from ...numeric.bracket import Bracket
from ...registry import claim
from ...report.figures import REFERENCE, function_1d, functions_figure
from ...requirements import Data, Needs
from ...result import CONFIRMED, CONTRADICTED, ERROR, PROVED, REFUTED, Draft
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

PLACE = "Section 2, (5) and the display after it"
STATEMENT = ("d* <= p_oo* = min_mu ||int (X u)_+ dmu - y||_2^2 + beta ||mu||_TV (5), = p* with a solution of "
             "m* <= n + 1 Dirac deltas")


def bidual_cases() -> list[Case]:
    return named_cases("pe-example-6")


@claim("pe.bidual-5", "pe", PLACE, STATEMENT, "exact in 1-D, float (bracketed)", bidual_cases, expect=REFUTED,
       needs=Needs(Data.ANY, parameters=(BETA, BIAS)))
def check_bidual(case: Case, ctx: Context) -> Draft:
    """REFUTED (as printed) when the certified (5) differs from the certified p*; the reading with 1/2 on the
    loss is p* itself (the same certificate), and its optimum has <= n + 1 atoms (checked on its weights).
    With brackets: CONTRADICTED when the brackets of (5) as printed and of p* are disjoint."""
    beta, X = BETA.of(case), matrix(case)
    if len(X[0]) > 1:
        return _brackets(case, X, beta, ctx)
    A = halves([row[0] for row in X])
    res = Draft("pe.bidual-5", case.name, ERROR, "exact", PE_2)
    certs = {}
    for scale, label in ((Fraction(2), "(5) as printed"), (Fraction(1), "p* = (3) = (5) with 1/2")):
        certs[scale] = certified_l1(A, case.y, beta, res, ctx, f"{label}: min {scale}/2 ||A c - y||^2 + beta "
                                    "||c||_1 over A = [x_+, (-x)_+]", scale, f"__scale{scale}", label)
    (printed, sol2), (pstar, sol1) = certs[2], certs[1]
    if not (printed.ok and pstar.ok):
        return res
    best, other = directions_network(HALVES, sol1.weights), directions_network(HALVES, sol2.weights)
    res.figure(functions_figure(case.x, case.y, [function_1d("p* = (5) with 1/2: optimum", best)] + (
        [] if other.same_function(best) else [function_1d("(5) as printed: its optimum", other)]),
        f"pe (5), beta = {beta}: the optimal measures as networks"))
    atoms = sum(1 for c in sol1.weights if c)
    res.value = pstar.value
    res.notes.append(f"(5) as printed (no 1/2): {printed.value} = {fl(printed.value)}; p* = {pstar.value} = "
                     f"{fl(pstar.value)} (both certified, 1-D data without a bias column: two features)")
    res.notes.append(f"the optimum of p* has {atoms} atom(s) <= n + 1 = {len(case.x) + 1}")
    if printed.value != pstar.value:
        res.finding(PLACE, STATEMENT,
                    f"(5) as printed has no 1/2 on the squared loss: its value is {printed.value} = 2 p*(beta/2), "
                    f"not p* = {pstar.value} (beta = {beta}); with 1/2 ||.||^2 it is p*", printed.path, pstar.path)
        res.verdict = REFUTED
    else:
        res.verdict = PROVED if atoms <= len(case.x) + 1 else REFUTED
    return res


def _brackets(case: Case, X: Matrix, beta: Fraction, ctx: Context) -> Draft:
    """(5) as printed = 2 p(8)(beta / 2) against p* = p(8)(beta), both certified brackets (module doc)."""
    res = Draft("pe.bidual-5", case.name, ERROR, "float", PE_2)
    got = {}
    for label, b in (("p*", beta), ("(5) as printed: 2 p*(beta/2)", beta / 2)):
        pair = certified_bracket(X, case.y, b, res, ctx, suffix=f"__beta{b}", what=label)
        if pair is None:
            return res
        got[label] = pair
    (pb, pc), (_, fc) = got["p*"], got["(5) as printed: 2 p*(beta/2)"]
    printed = Bracket(2 * fc.lower, 2 * fc.upper)
    res.value = pb.bracket
    if case.x is not None:  # 1-D data with a bias column: the network of the p* bracket's upper end
        res.figure(functions_figure(case.x, case.y, [function_1d("p* bracket's network (float)",
                                                                 blocks_network(pb.blocks, 1), REFERENCE)],
                                    f"pe (5) with 1/2 = p*, beta = {beta}: value in {pb.bracket.text(8)}"))
    res.notes.append(f"p* in {pb.bracket.text(12)}; (5) as printed in {printed.text(12)} (twice the bracket of (8) at "
                     f"beta / 2 = {beta / 2}); the p* network has {pb.neurons} atoms <= n + 1 = {len(X) + 1}")
    if printed.lower > pc.upper or printed.upper < pc.lower:
        res.finding(PLACE, STATEMENT, f"(5) as printed (no 1/2 on the squared loss) lies in {printed.text(12)}, "
                    f"disjoint from p* in {pb.bracket.text(12)} (beta = {beta})", fc.path, pc.path)
        res.verdict = CONTRADICTED
    else:
        res.verdict = CONFIRMED if pb.neurons <= len(X) + 1 else CONTRADICTED
    return res
