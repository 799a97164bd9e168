"""Helpers shared by the Ergen & Pilanci claims: cases, certification (every certificate enters through
:func:`certify`), extreme points along a direction, spike-free decisions, whitened data and rank-one reductions.

Verdicts are computed from what the checker certified (:class:`verify.context.Certified`); the producers
(:mod:`exact.relu`) only decide what to certify and supply the notes.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from cases import Case, random_1d_cases, shipped_case
from exact.certificates.lp import lp_certificate
from exact.certificates.relu1d_extreme_point import extreme_point_certificate
from exact.certificates.relu1d_group_bracket import group_bracket_certificate
from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.certificates.spike_free import spike_free_certificate
from exact.certificates.spike_witness import spike_witness_certificate
from exact.certificates.whitened_l1 import whitened_certificate
from exact.linalg import as_matrix
from exact.lp import solve_lp
from exact.numbers import rational_sqrt
from exact.relu.bias_free_l1 import whitened_l1
from exact.relu.dictionary import relu_atoms
from exact.relu.hull import Matrix
from exact.relu.interpolation import Interpolation1D
from exact.relu.networks import Network
from exact.relu.rank_one import factor_rank_one
from exact.relu.spike_free import SpikeFreeDecision
from exact.relu.support import DEAD, UNBOUNDED, ExtremePoint1D, extreme_point_1d

from ...audit import show
from ...context import Certified, Context
from ...requirements import Parameter
from ...result import Draft
from .._shared import certify, fl, named_cases  # noqa: F401 (the ep claims import them from here)
from .programs import original_lp_37

ONE_D = ("ep-prop-3.1-eq", "abs-plus-one", "constant-labels", "kh-example-1", "ep-rankone-1d-offdata-knot")
RANK_ONE = ("ep-rankone-nonneg-d2", "ep-rankone-mixed-d2", "ep-rankone-mixed-d3", "ep-rankone-nonneg-d3")


def certify_interpolation(sol: Interpolation1D, res: Draft, ctx: Context, suffix: str = "", what: str = "", *,
                          network: Network | None = None, dual=None, folder: str = "certificates",
                          about: Mapping[str, Any] | None = None) -> Certified:
    """The relu1d-l1-interpolation certificate of ``sol`` (ep (4) in 1-D: ``equals P*``), optionally with
    another ``network`` claimed optimal (the relation then also lists its ``kinks_off_data``) or another
    ``dual`` (a printed one, audited)."""
    doc = interpolation_certificate(sol, res.claim, res.case, network=network, dual=dual)
    return certify(doc, res, ctx, suffix, what, folder=folder, about=about)


def certificate_37(x, y, claim: str, case: str) -> tuple[dict, dict]:
    """(certificate, binding) of ep (37), min ||w||_1 s.t. A_e w = y over the data-knot extreme points of
    Corollary 3.2 (no constant column), solved exactly. Optimal: kind relu1d-group-bracket with one output in
    mode data-knots (exactly this program: knots at the data, no constant), its ends both the optimum (the LP's
    network and dual, no gap), bound to (x, Y = y as a column); unlike kind lp (500 variables at most) it
    holds any n. Infeasible: kind lp with its Farkas vector, bound to the LP."""
    lp37 = original_lp_37(x, y)
    r = solve_lp(lp37)
    if r.status != "optimal":
        return (lp_certificate(lp37, r, claim, case, "ep (37): min ||w||_1 s.t. A_e w = y over the extreme-point "
                               "dictionary"), {"problem": lp37})
    opt, Y = r.optimum(), [[Fraction(t)] for t in y]
    weights = [opt.x[2 * j] - opt.x[2 * j + 1] for j in range(len(relu_atoms(x)))]
    neurons = [(a, [c], abs(c)) for a, c in zip(relu_atoms(x), weights, strict=True) if c]
    doc = group_bracket_certificate(x, Y, "data-knots", neurons, [Fraction(0)], [[v] for v in opt.y_eq], claim,
                                    case)
    doc["statement"] = ("ep (37): min ||w||_1 s.t. A_e w = y over the extreme-point dictionary: lower = upper = "
                        "its value")
    return doc, {"x": x, "Y": Y, "mode": "data-knots"}


def certify_37(case: Case, res: Draft, ctx: Context) -> Certified:
    """The certificate of ep (37) (:func:`certificate_37`), recorded in ``res``."""
    doc, about = certificate_37(case.x, case.y, res.claim, case.name)
    return certify(doc, res, ctx, "__eq37", "ep (37)", about=about)


def value_37(cert37: Certified) -> Fraction | None:
    """The certified optimum of (37): a bracket with equal ends, or the value of an lp certificate (None when
    infeasible or rejected)."""
    if cert37.kind_relation == "between" and cert37.lower == cert37.upper and isinstance(cert37.lower, Fraction):
        return cert37.lower
    return cert37.value if isinstance(cert37.value, Fraction) else None


def exceeds(cert37: Certified, value: Fraction) -> bool:
    """Does the certified (37) exclude ``value`` from below: infeasible, or a larger optimum?"""
    best = value_37(cert37)
    return cert37.kind_relation == "infeasible" or (best is not None and best > value)


def outcome_37(cert37: Certified) -> str:
    """The certified outcome of (37) in words."""
    return "is infeasible" if cert37.kind_relation == "infeasible" else f"has value {value_37(cert37)}"


def small_1d_cases() -> list[Case]:
    return [shipped_case(n) for n in ONE_D] + random_1d_cases(2, seed0=100)


def rank_one_shipped() -> list[Case]:
    return [shipped_case(n) for n in RANK_ONE]


def sign(t: Fraction) -> int:
    return (t > 0) - (t < 0)


def describe(e: ExtremePoint1D) -> str:
    """The producer's extreme point along v, in words (for notes)."""
    if e.status == UNBOUNDED:
        return f"sup = +inf: 1^T v = {sum(e.v)} > 0, u = 0 and b -> +inf give v^T (b 1)_+ = {sum(e.v)} b"
    if e.status == DEAD:
        return ("max = 0: the extreme point along v is the zero vector, a dead neuron (output 0 on every data "
                f"point); Lemma 2.6's form gives one: u = 1, b = {e.b}")
    face = "; ".join(f"u = {s.u}, " + (f"b = {s.lo}" if s.lo == s.hi else
                                        f"b in [{s.lo}, {'+inf' if s.hi is None else s.hi}]") for s in e.face)
    return (f"max = {e.value} at u = {e.u}, b = {e.b} (breakpoint at data point {-e.b / e.u}); "
            + ("unique maximiser" if e.unique else f"all maximisers: {face}"))


def certify_extreme(x, v, res: Draft, ctx: Context, label: str) -> Certified:
    """The relu1d-extreme-point certificate of sup over |u| <= 1, b of v^T (x u + b 1)_+ (ep (9), Lemma 2.6):
    ``unbounded`` or ``equals`` with every maximiser (qualifier ``maximisers``)."""
    e = extreme_point_1d(x, v)
    cert = certify(extreme_point_certificate(e, res.claim, res.case), res, ctx, f"__{label}", label,
                   about={"x": tuple(x), "v": tuple(v)})
    res.notes.append(f"direction {label} v = {show(v)}: {describe(e)}")
    return cert


def certify_faces(x, v, res: Draft, ctx: Context) -> dict[int, Certified]:
    """The certified maximisers along the dual v (key +1) and along -v (key -1)."""
    return {1: certify_extreme(x, v, res, ctx, "dual"),
            -1: certify_extreme(x, tuple(-t for t in v), res, ctx, "minus-dual")}


def in_face(cert: Certified, u: Fraction, b: Fraction) -> bool:
    """Is (u, b) among the certified maximisers (the ``maximisers`` segments of a relu1d-extreme-point relation)?"""
    return any(Fraction(s["u"]) == u and Fraction(s["lo"]) <= b and (s["hi"] is None or b <= Fraction(s["hi"]))
               for s in cert.qualifier("maximisers") or ())


def is_maximiser(faces: Mapping[int, Certified], u: Fraction, b: Fraction, w: Fraction) -> bool:
    """Complementary slackness, from the certified faces: a neuron (u, b) with output weight w != 0 of an
    optimum of (4) maximises sign(w) v^T (x u + b 1)_+, with maximum 1 (the dual constraint of (12) is tight)."""
    face = faces[sign(w)]
    return face.value == 1 and in_face(face, u, b)


def sample_matrix(case: Case) -> Matrix:
    """The case's n x d matrix X (for claims that need matrix data)."""
    if case.X is None:
        raise ValueError(f"{case.name}: these claims need matrix data 'X' (n x d)")
    return as_matrix(case.X)


def matrix_of(case: Case) -> Matrix:
    """The n x d sample matrix (1-D data x as an n x 1 matrix)."""
    return case.X if case.X is not None else tuple((v,) for v in case.x)


def certify_decision(dec: SpikeFreeDecision, res: Draft, ctx: Context) -> Certified:
    """The certificate of a spike-free decision (ep (6)): ``holds spike-free`` (kind spike-free) or
    ``fails spike-free`` with the witness's min_norm2 (kind spike-witness); the producer's reason as a note."""
    write = spike_free_certificate if dec.spike_free else spike_witness_certificate
    cert = certify(write(dec, res.claim, res.case), res, ctx)
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
    return cert


def whitened_solution(case: Case, res: Draft, ctx: Context) -> Certified:
    """ep Lemma 3.1 / Corollary 3.6 on whitened data: the whitened-l1 certificate (``equals ||y_+|| + ||y_-||``,
    attained, l0 = 2); ``res.value`` is the certified optimum."""
    sol = whitened_l1(sample_matrix(case), case.y)
    cert = certify(whitened_certificate(sol, res.claim, case.name), res, ctx)
    (p1, _), (p2, _) = sol.network
    res.notes.append(f"ep Lemma 3.1 neurons u = p/||p||: p_+ = A^T y_+ = {show(p1)}, weight +sqrt("
                     f"{sum(x * x for x in p1)}); p_- = A^T y_- = {show(p2)}, weight -sqrt({sum(x * x for x in p2)}); "
                     "l0 = 2 (y has both signs)")
    res.notes.append(f"dual v = y_+/||y_+|| - y_-/||y_-|| = {show(sol.dual)}; "
                     "feasible over the whole ball: ||v_+|| = ||v_-|| = 1")
    res.notes.append(f"primal cost = dual value = ||y_+|| + ||y_-|| = {cert.value} (certified)")
    res.value = cert.value
    res.data = {"y": [str(v) for v in sol.y], "neuron_directions": [[str(x) for x in p] for p, _ in sol.network],
                "dual": [repr(t) for t in sol.dual]}
    return cert


def rank_one_factor(X) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...], Fraction]:
    """(c, a, ||a||) with X = c a^T, a the first nonzero row; ValueError unless rank one with rational ||a||.

    >>> F = Fraction
    >>> rank_one_factor([[F(3), F(4)], [F(-6), F(-8)]])
    ((Fraction(1, 1), Fraction(-2, 1)), (Fraction(3, 1), Fraction(4, 1)), Fraction(5, 1))
    """
    try:
        c, a = factor_rank_one(X)
    except ValueError:
        raise ValueError("X is not rank one: the reduction to 1-D data needs X = c a^T") from None
    aa = sum((t * t for t in a), Fraction(0))
    norm = rational_sqrt(aa)
    if norm is None:
        raise ValueError(f"||a||^2 = {aa} is not a rational square; choose a with a rational norm")
    return c, tuple(a), norm


THOROUGH_DRAWS = 400  # draws per cell under --thorough


def draw_parameters(seed: int) -> tuple[Parameter, Parameter]:
    """The parameters of a statistical claim over seeded Gaussian draws: its seed and draws per cell."""
    return (Parameter("seed", "the seed of the Gaussian draws (numpy default_rng)", Fraction(seed),
                      "not in the paper: the draws are seeded to be reproducible"),
            Parameter("draws", "Gaussian matrices drawn per (n, d) cell", Fraction(100), "not in the paper",
                      note=f"{THOROUGH_DRAWS} with --thorough"))


def rank_one(case: Case) -> str | None:
    """Why ``case.X`` is not of rank one (a precondition: :class:`verify.requirements.Needs`), or None."""
    try:
        factor_rank_one(case.X)
    except ValueError:
        return "field 'X': expected a matrix of rank one (X = c a^T)"
    return None


def rational_rank_one(case: Case) -> str | None:
    """Why ``case.X`` is not X = c a^T with ||a|| rational (the exact reduction to 1-D data), or None."""
    try:
        rank_one_factor(case.X)
    except ValueError as exc:
        return f"field 'X': expected X = c a^T with ||a|| rational: {exc}"
    return None


def one_d_or_rank_one(case: Case) -> str | None:
    """1-D data x, or a matrix X reducing to it (:func:`rational_rank_one`)."""
    return None if case.x is not None else rational_rank_one(case)


def points_of(case: Case, res: Draft) -> tuple[Fraction, ...]:
    """1-D inputs; rank-one X = c a^T becomes x = ||a|| c (ep Corollary 3.4), ||a|| rational."""
    if case.x is not None:
        return case.x
    try:
        c, a, norm = rank_one_factor(case.X)
    except ValueError as exc:
        raise ValueError(f"{case.name}: {exc}; the claim needs 1-D or rank-one data") from None
    res.notes.append(f"rank-one data A = c a^T, a = {show(a)}, ||a|| = {norm}, c = {show(c)}: "
                     f"neurons (A u + b)_+ with ||u|| <= 1 are the 1-D neurons on x = ||a|| c")
    res.data["rank_one"] = (case.X, tuple(c), a, norm)
    return tuple(norm * ci for ci in c)


