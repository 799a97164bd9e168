"""Helpers shared by the Ergen & Pilanci claims: cases, certification of 1-D solutions, spike-free decisions,
extreme points and rank-one reductions.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case, random_1d_cases, shipped_case, shipped_cases
from exact.certificates.relu1d_extreme_point import extreme_point_certificate
from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.certificates.spike_free import spike_free_certificate
from exact.certificates.spike_witness import spike_witness_certificate
from exact.certificates.whitened_l1 import whitened_certificate
from exact.linalg import as_matrix
from exact.numbers import rational_sqrt
from exact.relu.bias_free_l1 import whitened_l1
from exact.relu.hull import Matrix
from exact.relu.interpolation import Interpolation1D
from exact.relu.rank_one import factor_rank_one, rank_one_to_1d
from exact.relu.spike_free import SpikeFreeDecision
from exact.relu.support import DEAD, UNBOUNDED, ExtremePoint1D

from ...audit import show
from ...context import Context
from ...result import Draft


def certify_interpolation(sol: Interpolation1D, claim_id: str, case: str, ctx: Context,
                          suffix: str = "") -> tuple[str, bool, list[str]]:
    return ctx.certify(interpolation_certificate(sol, claim_id, case), claim_id, case, suffix)


ONE_D = ("ep-prop-3.1-eq", "abs-plus-one", "constant-labels", "kh-example-1", "ep-rankone-1d-offdata-knot")


RANK_ONE = ("ep-rankone-nonneg-d2", "ep-rankone-mixed-d2", "ep-rankone-mixed-d3", "ep-rankone-nonneg-d3")


def small_1d_cases() -> list[Case]:
    return [shipped_case(n) for n in ONE_D] + random_1d_cases(2, seed0=100)


def rank_one_shipped() -> list[Case]:
    return [shipped_case(n) for n in RANK_ONE]


def _sign(t: Fraction) -> int:
    return (t > 0) - (t < 0)


def _describe(e: ExtremePoint1D) -> str:
    if e.status == UNBOUNDED:
        return f"sup = +inf: 1^T v = {sum(e.v)} > 0, u = 0 and b -> +inf give v^T (b 1)_+ = {sum(e.v)} b"
    if e.status == DEAD:
        return ("max = 0: the extreme point along v is the zero vector, a dead neuron (output 0 on every data "
                f"point); Lemma 2.6's form gives one: u = 1, b = {e.b}")
    face = "; ".join(f"u = {s.u}, " + (f"b = {s.lo}" if s.lo == s.hi else
                                        f"b in [{s.lo}, {'+inf' if s.hi is None else s.hi}]") for s in e.face)
    return (f"max = {e.value} at u = {e.u}, b = {e.b} (breakpoint at data point {-e.b / e.u}); "
            + ("unique maximiser" if e.unique else f"all maximisers: {face}"))


def _certify_extreme(e: ExtremePoint1D, claim_id: str, case: str, ctx: Context, suffix: str,
                     res: Draft, about: dict) -> bool:
    path, ok, problems = ctx.certify(extreme_point_certificate(e, claim_id, case), claim_id, case, suffix,
                                     about=about)
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {p}" for p in problems]
    return ok


def _cases(prefix: str) -> list[Case]:
    return [c for c in shipped_cases() if c.name.startswith(prefix)]


def _matrix_of(case: Case):
    if case.X is None:
        raise ValueError(f"{case.name}: these claims need matrix data 'X' (n x d)")
    return as_matrix(case.X)


def _certify_decision(dec: SpikeFreeDecision, res: Draft, ctx: Context, suffix: str = "") -> bool:
    write = spike_free_certificate if dec.spike_free else spike_witness_certificate
    path, ok, problems = ctx.certify(write(dec, res.claim, res.case), res.claim, res.case, suffix)
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {p}" for p in problems]
    w = dec.witness
    if dec.spike_free:
        res.notes.append("spike-free: " + (f"K = (A A^T)^-1 = {show(dec.K)} has no positive off-diagonal entry"
                                          if dec.method == "gram" else
                                          f"A = c a^T with c = {show(dec.c)} of one sign"))
    elif w.t is not None:
        res.notes.append(f"NOT spike-free: u = {show(w.u)} (||u||^2 = {sum(x * x for x in w.u)}) gives "
                         f"(A u)_+ = {show(w.b)}, whose min-norm preimage has ||A^+ (A u)_+||^2 = {w.norm2} > 1"
                         + (f" (K_ij > 0 at (i, j) = {dec.offending})" if dec.offending else ""))
    else:
        res.notes.append(f"NOT spike-free: u = {show(w.u)} gives (A u)_+ = {show(w.b)} outside range(A) "
                         f"(k = {show(w.k)}: A^T k = 0, k^T (A u)_+ != 0)")
    return ok


def _whitened_solution(case: Case, res: Draft, ctx: Context) -> bool:
    sol = whitened_l1(_matrix_of(case), case.y)
    path, ok, problems = ctx.certify(whitened_certificate(sol, res.claim, case.name), res.claim, case.name)
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {p}" for p in problems]
    (p1, _), (p2, _) = sol.network
    res.notes.append(f"ep Lemma 3.1 neurons u = p/||p||: p_+ = A^T y_+ = {show(p1)}, weight +sqrt({sum(x * x for x in p1)}); "
                     f"p_- = A^T y_- = {show(p2)}, weight -sqrt({sum(x * x for x in p2)}); l0 = 2 (y has both signs)")
    res.notes.append(f"dual v = y_+/||y_+|| - y_-/||y_-|| = {show([f'{r}*sqrt({m})' for r, m in sol.dual])}; "
                     "feasible over the whole ball: ||v_+|| = ||v_-|| = 1")
    res.notes.append(f"primal cost = dual value = ||y_+|| + ||y_-|| = {sol.value}")
    res.value = str(sol.value)
    res.data = {"y": [str(v) for v in sol.y], "neuron_directions": [[str(x) for x in p] for p, _ in sol.network],
                "dual": [f"{r}*sqrt({m})" for r, m in sol.dual]}
    return ok


def matrix_of(case: Case) -> Matrix:
    """The n x d sample matrix (1-D data x as an n x 1 matrix)."""
    return case.X if case.X is not None else tuple((v,) for v in case.x)


def points_of(case: Case, res: Draft) -> tuple[Fraction, ...]:
    """1-D inputs; rank-one X = c a^T becomes x = ||a|| c (ep Corollary 3.4), ||a|| rational."""
    if case.x is not None:
        return case.x
    X = case.X
    try:
        c, a = factor_rank_one(X)
    except ValueError as exc:
        raise ValueError(f"{case.name}: {exc}; the claim needs 1-D or rank-one data") from None
    red = rank_one_to_1d(c, a)
    norm = rational_sqrt(red.norm_sq)
    if norm is None:
        raise ValueError(f"{case.name}: ||a||^2 = {red.norm_sq} is not a rational square")
    res.notes.append(f"rank-one data A = c a^T, a = {show(a)}, ||a|| = {norm}, c = {show(c)}: "
                     f"neurons (A u + b)_+ with ||u|| <= 1 are the 1-D neurons on x = ||a|| c")
    res.data["rank_one"] = (X, tuple(c), tuple(a), norm)
    return tuple(norm * ci for ci in red.x)


def _float_cases(prefix: str) -> list[Case]:
    return [c for c in shipped_cases() if c.name.startswith(prefix)]


def _fl(v) -> str:
    return f"{float(v):.10g}"
