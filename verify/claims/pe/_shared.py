"""Helpers shared by the pe claims: the data as pe's matrix X, the bias column, the 1-D bias-free features.

pe's neurons have no bias: (X u)_+ with u in R^d. A bias is a column of ones appended to X (the paper's
Figure 2 caption calls the 1-D example "d = 2"), and then it sits inside ||u||. On 1-D data without that
column, (x u)_+ = u x_+ for u >= 0 and |u| (-x)_+ for u < 0, so every network is a x_+ + b (-x)_+ and the
unit ball of u gives the two features x_+, (-x)_+ at full scale (:func:`halves`): (3), (5) and (8) are then
l1 problems over two columns exactly (the dual constraint over all |u| <= 1 is the one at u = +-1, by
positive homogeneity).

>>> from fractions import Fraction as F
>>> halves([F(-2), F(0), F(1)])
[[Fraction(0, 1), Fraction(2, 1)], [Fraction(0, 1), Fraction(0, 1)], [Fraction(1, 1), Fraction(0, 1)]]
>>> with_bias([[F(3)]])
[[Fraction(3, 1), Fraction(1, 1)]]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from flint import fmpq_mat

from cases import Case
from exact.certificates.arrangement import arrangement_certificate
from exact.certificates.cone_program_bracket import Block
from exact.certificates.l1_ls_kkt import lasso_certificate
from exact.lasso import LassoSolution, lasso
from exact.numbers import to_fmpq
from exact.relu.arrangements import central_arrangement, region_bound
from exact.relu.networks import Network, Neuron

from ...context import Certified, Context, within_file_limit
from ...numeric.cone_program import ConeBracket, bracket
from ...requirements import Parameter
from ...result import UNDECIDED, Draft
from .._shared import certify, fl, named_cases, refused_for_size

__all__ = ["BETA", "BIAS", "MAX_REGIONS", "Matrix", "beyond_bracket", "beyond_enumeration", "certified_arrangement",
           "certified_bracket", "fl", "halves", "matrix", "named_cases", "with_bias"]

#: the enumeration of every region is not attempted beyond this bound (17) on their number (19 840 take 3 s)
MAX_REGIONS = 100_000
#: regions x rows: the sign entries of the (8) certificate's pieces (about 6 bytes each; the file limit is 1 MiB)
MAX_PIECE_ENTRIES = 150_000

Matrix = list[list[Fraction]]

BETA = Parameter("beta", "the weight decay of pe (2): beta/2 sum_j (||u_j||^2 + alpha_j^2); beta of (3), (8)",
                 Fraction(1, 10), "pe (2); Section 6 prints no beta, so 1/10 is this toolkit's choice")
BIAS = Parameter("bias", "1: append a column of ones to X (a bias inside ||u||, Figure 2's 'd = 2'); 0: X as given",
                 Fraction(0), "pe Section 6, Figure 2 caption")


def matrix(case: Case) -> Matrix:
    """pe's X: the rows of case.X, or the 1-D points as n x 1 rows; with the case's ``bias`` a ones column."""
    X = [list(row) for row in case.X] if case.X is not None else [[t] for t in case.x]
    return with_bias(X) if BIAS.of(case) else X


def with_bias(X: Sequence[Sequence[Fraction]]) -> Matrix:
    """[X, 1]: the bias as a feature, inside the norm of u."""
    return [[Fraction(t) for t in row] + [Fraction(1)] for row in X]


def halves(x: Sequence[Fraction]) -> Matrix:
    """The n x 2 matrix [x_+, (-x)_+] of the bias-free 1-D features (module doc)."""
    return [[max(t, Fraction(0)), max(-t, Fraction(0))] for t in x]


#: the directions of the columns x_+, (-x)_+ of :func:`halves`
HALVES = ((Fraction(1),), (Fraction(-1),))


def _region_bound(X: Sequence[Sequence[Fraction]]) -> tuple[int, int]:
    """(r, (17)): the rank of X (exact) and the bound 2 sum_{k<r} C(n-1, k) on the number of regions."""
    r = fmpq_mat([[to_fmpq(a) for a in row] for row in X]).rank()
    return r, region_bound(len(X), r)


def beyond_enumeration(X: Sequence[Sequence[Fraction]]) -> str | None:
    """Why every region of X is not enumerated (the bound (17) on their number is above MAX_REGIONS), or None."""
    r, bound = _region_bound(X)
    if bound <= MAX_REGIONS:
        return None
    return (f"not decided: n = {len(X)} rows of rank {r} may cut up to (17) = {bound} regions, beyond the "
            f"{MAX_REGIONS} this check enumerates")


def beyond_bracket(X: Sequence[Sequence[Fraction]]) -> str | None:
    """Why (8) is not bracketed over every region of X: beyond the enumeration, or a certificate that lists a sign
    vector per (region, eps) and would not fit the checker's file limit (more than MAX_PIECE_ENTRIES entries; for
    n >= 2 rows a tighter bound than MAX_REGIONS, so one rank computation decides both)."""
    _, bound = _region_bound(X)
    if bound * len(X) <= MAX_PIECE_ENTRIES:
        return None
    return beyond_enumeration(X) or (f"not decided: the certificate of (8) over up to (17) = {bound} regions of "
                                     f"{len(X)} rows would list {bound * len(X)} sign entries, beyond what the "
                                     f"checker's file limit holds ({MAX_PIECE_ENTRIES})")


def certified_l1(A: Matrix, y: Sequence[Fraction], beta: Fraction, res: Draft, ctx: Context, statement: str,
                 scale: Fraction = Fraction(1), suffix: str = "", what: str = "") -> tuple[Certified, LassoSolution]:
    """min beta ||c||_1 + scale/2 ||A c - y||^2 solved exactly (:func:`exact.lasso.lasso`) and certified (kind
    l1-ls-kkt, finite form; its dual v = -scale r solves pe's (4) over the columns of A with no gap)."""
    sol = lasso(A, y, beta, scale, decide_uniqueness=False)
    doc = lasso_certificate(A, y, sol, res.claim, res.case, statement)
    return certify(doc, res, ctx, suffix, what, about={"A": A, "y": y, "beta": beta, "scale": scale}), sol


def certified_arrangement(X: Matrix, res: Draft, ctx: Context, suffix: str = "", what: str = "faces"
                           ) -> Certified | None:
    """Every face of the central arrangement of X (:func:`exact.relu.arrangements.central_arrangement`), certified
    (kind arrangement: the counts are the checker's) and recorded in ``res``; None (with ``res`` UNDECIDED and
    the reason) beyond the enumeration budget or the checker's file limit, or when the certificate is rejected."""
    why = beyond_enumeration(X)
    if why is None:
        arr = central_arrangement(X)
        doc = arrangement_certificate(arr, res.claim, res.case)
        if within_file_limit(doc):
            cert = certify(doc, res, ctx, suffix, what, about={"X": X})
            return cert if cert.ok else refused_for_size(cert, res)
        why = (f"not decided: the certificate of the {len(arr.faces)} faces ({len(arr.regions)} regions, "
               f"{len(arr.patterns)} D_i, not certified) is beyond the checker's file limit")
    res.notes.append(why)
    res.verdict = UNDECIDED
    return None


def certified_bracket(X: Matrix, y: Sequence[Fraction], beta: Fraction, res: Draft, ctx: Context,
                      loss: str = "squared", suffix: str = "", what: str = "(8) bracket"
                      ) -> tuple[ConeBracket, Certified] | None:
    """The bracket of (8) / (39) over every region (:func:`verify.numeric.cone_program.bracket`), certified (kind
    cone-program-bracket) and recorded in ``res``; None (with ``res`` UNDECIDED and the reason) beyond the
    enumeration budget or the checker's file limit, or when the certificate is rejected."""
    why = beyond_bracket(X)
    if why is None:
        b = bracket(X, y, beta, loss)
        doc = b.certificate(res.claim, res.case, f"{what}: pe (8)/(39) with the {loss} loss over every region")
        if within_file_limit(doc):
            cert = certify(doc, res, ctx, suffix, what, about={"X": X, "y": y, "beta": beta})
            return (b, cert) if cert.ok else refused_for_size(cert, res)
        why = (f"not decided: the certificate of (8) over {b.regions} regions is beyond the checker's file limit "
               f"(bracket {b.bracket.text(12)}, not certified)")
    res.notes.append(why)
    res.verdict = UNDECIDED
    return None


def directions_network(U: Sequence[Sequence[Fraction]], weights: Sequence[Fraction], d: int = 1) -> Network:
    """sum_j c_j (x u_j)_+ as a function of the data x in R^d: a (d+1)-th entry of u_j is the ones column's, the
    neuron's bias."""
    return Network(tuple(Neuron(tuple(u[:d]), u[d] if len(u) > d else Fraction(0), c)
                         for u, c in zip(U, weights, strict=True) if c))


def blocks_network(blocks: Sequence[Block], d: int) -> Network:
    """Theorem 1's network of pe (8)'s blocks as a function of the data x in R^d: sum_i (x . v_i)_+ - (x . w_i)_+
    (u = v / sqrt||v||, alpha = sqrt||v||, sigma positively homogeneous)."""
    pairs = [(z, Fraction(c)) for b in blocks for z, c in ((b.v, 1), (b.w, -1)) if any(z)]
    return directions_network([z for z, _ in pairs], [c for _, c in pairs], d)
