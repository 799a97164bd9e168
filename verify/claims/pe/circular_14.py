"""pe.circular-14: the circular linear CNN (13) against the complex l1 problem (14) over the DFT features XF.

(13) min 1/2 ||sum_j X U_j alpha_j - y||^2 + beta/2 sum_j (||u_j||^2 + ||alpha_j||^2), U_j the d x d circulant of
a filter u_j in R^h, is (9) with the d patches X_k = X S^k P (:func:`verify.numeric.linear_cnn.circular_patches`),
so its value is that of (12) on them, bracketed in rationals. (14) min_{z in C^d} 1/2 ||X F z - y||^2 +
beta ||z||_1 has the dual max v^T y - 1/2 ||v||^2 s.t. ||v^T X F||_inf <= beta (weak duality: |Re v^T X F z| <=
||v^T X F||_inf ||z||_1 for real v). A.6 gets (14) by letting D = diag(F^H u) range over every diagonal with
||D||_F <= 1; for h = d the real filters lose nothing (F u is conjugate-symmetric, and so are the moduli of
v^T X F), and with the unnormalised F_ab = e^{-2 pi i ab/d} the dual constraint sigma_max of the circulant of
X^T v is exactly ||v^T X F||_inf; for h < d the filters span fewer D, and (13) >= (14) (equal or not: the
brackets decide, per h).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import partial

import numpy as np

from cases import Case, shipped_cases
from cases.generators import random_matrix_case
from exact.linalg import rmatvec

from ...audit import audit_check
from ...context import Context
from ...conventions import PE_13, PE_14
from ...numeric import Bracket, Position, enclose, locate, solve, upper_of
from ...numeric.linear_cnn import best_scale, circular_patches, dyadic, nuclear_bracket, tight
from ...numeric.socp import CLARABEL_TOLERANCES
from ...registry import claim
from ...requirements import Data, Labels, Needs, Parameter
from ...result import CONFIRMED, CONTRADICTED, ERROR, UNDECIDED, Draft, Labelled

BETA = Parameter("beta", "the weight decay of (13), and the l1 weight of (14)", Fraction(1, 2),
                 "pe (13)-(14), Section 4.3: any beta > 0")
SEEDS = (3, 4)
NORMALISATIONS = ("unnormalised", "unitary")
#: every filter length up to this d (each is one SDP); beyond it h = 1, 2, d // 2, d unless --thorough
FULL_SWEEP = 8


def filter_lengths(d: int, thorough: bool = False) -> list[int]:
    """The filter lengths h at which (13) is computed.

    >>> filter_lengths(4), filter_lengths(12), len(filter_lengths(12, thorough=True))
    ([1, 2, 3, 4], [1, 2, 6, 12], 12)
    """
    return list(range(1, d + 1)) if d <= FULL_SWEEP or thorough else sorted({1, 2, d // 2, d})


def circular_cases() -> list[Case]:
    """The shipped pe-cnn-circular-* cases and seeded random ones (n in 6..10, d in 4..8)."""
    return [c for c in shipped_cases() if c.name.startswith("pe-cnn-circular-")] + [random_matrix_case(s)
                                                                                     for s in SEEDS]


@dataclass(frozen=True)
class FourierBracket:
    """The bracket of (14) for one normalisation of F; ``support`` counts the float optimum's nonzero z_b (each
    has |(v^T X F)_b| = beta at the optimum; where (13) = (14) at some h < d on the shipped cases, few or none of
    the d frequencies are inactive)."""

    unitary: bool
    bracket: Bracket
    solver: float
    support: int


def _trig(d: int):
    """cos and sin of 2 pi m / d, m = 0 .. d - 1, as outward-rounded intervals (F_ab = cos - i sin of m = ab mod d)."""
    from mpmath import iv

    return [iv.cos(2 * iv.pi * m / d) for m in range(d)], [iv.sin(2 * iv.pi * m / d) for m in range(d)]


def _primal(X, y, beta: Fraction, re, im, unitary: bool):
    """(14) at z = re + i im, in interval arithmetic: F z = sum_b (cos + i sin)-combinations, then X, the squared
    moduli of the residual and beta sum_b |z_b|."""
    from mpmath import iv

    d = len(re)
    cos, sin = _trig(d)
    s = 1 / iv.sqrt(d) if unitary else enclose(1)
    a, b = [enclose(t) for t in re], [enclose(t) for t in im]
    g_re = [s * sum(cos[p * q % d] * a[q] + sin[p * q % d] * b[q] for q in range(d)) for p in range(d)]
    g_im = [s * sum(cos[p * q % d] * b[q] - sin[p * q % d] * a[q] for q in range(d)) for p in range(d)]
    total = enclose(0)
    for row, yi in zip(X, y, strict=True):
        r_re = sum(enclose(x) * g for x, g in zip(row, g_re, strict=True)) - enclose(yi)
        r_im = sum(enclose(x) * g for x, g in zip(row, g_im, strict=True))
        total += (r_re * r_re + r_im * r_im) / 2
    return total + enclose(beta) * sum(iv.sqrt(p * p + q * q) for p, q in zip(a, b, strict=True))


def _dual_norm(w, unitary: bool) -> Fraction:
    """A rational upper bound of ||w^T F||_inf (w = X^T v exact), from intervals of each modulus."""
    from mpmath import iv

    d = len(w)

    def modulus(q: int):
        cos, sin = _trig(d)
        c = sum(cos[p * q % d] * enclose(t) for p, t in enumerate(w))
        s = sum(sin[p * q % d] * enclose(t) for p, t in enumerate(w))
        return iv.sqrt(c * c + s * s) / (iv.sqrt(d) if unitary else 1)

    return max(upper_of(partial(modulus, q)) for q in range(d))


def fourier_bracket(X, y, beta: Fraction, unitary: bool) -> FourierBracket:
    """(14) solved in float (real and imaginary parts, an SOCP), bracketed rigorously: upper = the primal at the
    rational point in interval arithmetic; lower = v^T y - 1/2 ||v||^2 at the rounded real residual v, scaled so
    that ||v^T X F||_inf <= beta (bounded above with outward rounding; :func:`best_scale`)."""
    import cvxpy as cp

    d = len(X[0])
    m = np.outer(np.arange(d), np.arange(d)) % d
    scale = 1 / np.sqrt(d) if unitary else 1.0
    C, S = scale * np.cos(2 * np.pi * m / d), scale * np.sin(2 * np.pi * m / d)
    Xf, yf = np.array(X, dtype=float), np.array(y, dtype=float)
    re, im = cp.Variable(d), cp.Variable(d)
    fit_re, fit_im = Xf @ (C @ re + S @ im), Xf @ (C @ im - S @ re)
    modulus = cp.norm(cp.vstack([re, im]), 2, axis=0)
    problem = cp.Problem(cp.Minimize(cp.sum_squares(fit_re - yf) / 2 + cp.sum_squares(fit_im) / 2
                                     + float(beta) * cp.sum(modulus)))
    value = solve(problem, "CLARABEL", **CLARABEL_TOLERANCES)
    z_re, z_im = np.asarray(re.value), np.asarray(im.value)
    a, b = dyadic(z_re), dyadic(z_im)
    upper = upper_of(lambda: _primal(X, y, beta, a, b, unitary))
    v = dyadic(yf - Xf @ (C @ z_re + S @ z_im))
    bound = _dual_norm(rmatvec(X, v), unitary)
    t, lower = best_scale(v, y, beta / bound if bound else None)
    size = np.hypot(z_re, z_im)
    name = "unitary F / sqrt(d)" if unitary else "unnormalised F"
    return FourierBracket(unitary, Bracket(
        lower, upper, f"real residual of the float optimum, scaled by {float(t):.12g} into ||v^T X F||_inf <= beta "
        f"(outward rounding), {name}", f"(14) at the rounded float z, interval arithmetic, {name}"),
        value, int(np.sum(size > 1e-7 * max(size.max(), 1e-300))))


def _table(h13: dict[int, Bracket], f14: dict[str, FourierBracket]) -> dict[int, list[str]]:
    """For each filter length h, the normalisations of F whose (14) bracket meets the (13) bracket."""
    return {h: [k for k in NORMALISATIONS if locate(b, f14[k].bracket) is Position.INSIDE] for h, b in h13.items()}


def _findings(d: int, h13: dict[int, Bracket], f14: dict[str, FourierBracket], table: dict[int, list[str]],
              res: Draft) -> None:
    """The findings: the filter lengths with a proved gap between (13) and (14), and the normalisation of F."""
    gaps = [h for h, ks in table.items() if not ks]
    unn = f14["unnormalised"].bracket
    if gaps:
        res.finding("Section 4.3, (13)-(14), and A.6", "with U_j the circulant of a filter u_j in R^h, the SDP (11) "
                    "of (13) reduces to min_{z in C^d} 1/2 ||X F z - y||^2 + beta ||z||_1",
                    f"(14) has value in {unn.text(12)} (unnormalised F) and {f14['unitary'].bracket.text(12)} (unitary "
                    f"F), but (13) with h = {', '.join(map(str, gaps))} taps has value in "
                    + "; ".join(f"{h13[h].text(12)} (h = {h})" for h in gaps) + " (rigorous brackets, disjoint): A.6 "
                    "lets D range over every diagonal with ||D||_F <= 1, while D = diag(F^H u) of an h-tap real "
                    f"filter spans fewer of them for h < d = {d}; (13) >= (14) (unnormalised F), equal here for h = "
                    f"{', '.join(str(h) for h, ks in table.items() if ks)}")
    if "unnormalised" in table[d] and "unitary" not in table[d]:
        res.finding("(14) and A.6: 'F is the DFT matrix'", "(14) with F the DFT matrix (normalisation not stated)",
                    f"at h = d = {d} (13) in {h13[d].text(12)} equals (14) only with the unnormalised F_ab = "
                    f"e^(-2 pi i ab/d) ({unn.text(12)}); with the unitary F / sqrt(d) of U_j = F D_j F^H, (14) is "
                    f"in {f14['unitary'].bracket.text(12)} (that is (14) at beta sqrt(d)): the eigenvalues of U_j are "
                    "the unnormalised DFT of its first column, so ||D_j||_F^2 = d ||u_j||^2, and A.6's ||D||_F <= 1 "
                    "drops that factor d")


@claim("pe.circular-14", "pe", "Section 4.3, (13)-(14), and A.6",
       "circular linear CNN (13) with filters u_j in R^h is the complex l1 problem (14) over the DFT features XF",
       "float (rational / interval brackets)", circular_cases, expect=CONTRADICTED,
       needs=Needs(Data.MATRIX, Labels.REAL, (BETA,)))
def check_circular(case: Case, ctx: Context) -> Draft:
    """(13) for every filter length h = 1 .. d (:func:`filter_lengths`; rational brackets, :func:`nuclear_bracket`
    on the circular patches) against (14) for both normalisations of F (interval brackets, :func:`fourier_bracket`).
    CONTRADICTED when for some h neither (14) bracket meets the (13) bracket (a proved gap); CONFIRMED when every
    h meets one and every bracket is narrower than SOLVER_TOL relative; UNDECIDED otherwise."""
    beta = BETA.of(case)
    assert case.X is not None
    X, y, d = case.X, case.y, case.dim
    res = Draft("pe.circular-14", case.name, ERROR, "float (rational / interval brackets)", (PE_13, PE_14))
    h13 = {h: nuclear_bracket(circular_patches(X, h), y, beta) for h in filter_lengths(d, ctx.thorough)}
    f14 = {k: fourier_bracket(X, y, beta, k == "unitary") for k in NORMALISATIONS}
    brackets = {h: b.bracket for h, b in h13.items()}
    table = _table(brackets, f14)
    res.value = Labelled(tuple((f"(13), h = {h}", b) for h, b in brackets.items())
                         + tuple((f"(14), {k} F", f.bracket) for k, f in f14.items()))
    every = [*brackets.values(), *(f.bracket for f in f14.values())]
    decided = all(map(tight, every))
    res.notes.append(f"n = {case.n}, d = {d}, beta = {beta}; (14): unnormalised F in {f14['unnormalised'].bracket} "
                     f"({f14['unnormalised'].support} of {d} z_b nonzero), unitary F in {f14['unitary'].bracket}")
    for h, b in h13.items():
        res.notes.append(f"(13), h = {h}: {b.bracket} ({b.rank} neurons); meets (14) with "
                         f"{' and '.join(table[h]) + ' F' if table[h] else 'neither F (gap)'}")
        res.printed.append(audit_check(f"(13) with h = {h} taps equals (14)", "equal", bool(table[h]),
                                       f"(13) in {b.bracket.text(12)}; meets (14) with F: "
                                       f"{', '.join(table[h]) or 'none'}"))
    _findings(d, brackets, f14, table, res)
    res.data.update(d=d, h=list(brackets), brackets={str(h): b.as_json() for h, b in brackets.items()},
                    fourier={k: f.bracket.as_json() for k, f in f14.items()},
                    meets={str(h): ks for h, ks in table.items()})
    res.verdict = CONTRADICTED if any(not ks for ks in table.values()) else CONFIRMED if decided else UNDECIDED
    return res
