"""ses.thm-3.3: minimum-R interpolation is the linear spline with end slopes minimising (27).

Convention ses (25) (with output bias). The (25) optimum, min (27) by its epigraph LP, the spline (26) with
optimal end slopes certified optimal, the exact optimal end-slope set, and a non-spline optimum.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case
from exact.certificates.lp import lp_certificate
from exact.certificates.relu1d_function_norm import representation_certificate
from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.relu.function_norm import EndSlopeSet, PiecewiseLinear, end_slope_set, representation_cost
from exact.relu.interpolation import interpolate_1d

from ...context import Context
from ...conventions import SES_25
from ...registry import claim
from ...report.figures import EXTREME, function_1d
from ...result import ERROR, PROVED, REFUTED, UNDECIDED, Draft
from .._shared import data_of, interpolant_figure, one_d_cases
from ._shared import about_function, function_of_data


def _certify_slope_set(S: EndSlopeSet, optimum: Fraction, res: Draft,
                       ctx: Context) -> dict[str, tuple[Fraction, Fraction] | None]:
    """The ranges of l_0, l_N, l_0 + l_N over the optimal set of ses (27), from certified LPs: each is
    min / max of the direction over the face {t <= optimum} (the max posed as min of the negative), and
    that face is the optimal set only when its bound is the certified min (27): else the range is None."""
    ranges = {}
    for name, (lp_min, r_min, lp_max, r_max) in S.programs.items():
        values = []
        for lp, r, sense in ((lp_min, r_min, "min"), (lp_max, r_max, "max")):
            stmt = (f"{sense} {name} over the optimal set of ses (27) (t <= {lp.b_ub[-1]}); variables "
                    "(l_0, l_N, t, e_0, ...); max is posed as min of the negative")
            cert = res.add(ctx.certify(lp_certificate(lp, r, res.claim, res.case, stmt), res.claim, res.case,
                                       f"__slopes_{sense}_{name.replace(' ', '')}", about={"problem": lp}),
                           f"{sense} {name} over the optimal set of (27)")
            values.append(cert.value if lp.b_ub[-1] == optimum else None)
        lo, neg_hi = values
        ranges[name] = None if lo is None or neg_hi is None else (lo, -neg_hi)
    return ranges


def _non_spline_optimum(f: PiecewiseLinear) -> PiecewiseLinear | None:
    """Merge the same-signed kinks d_k, d_{k+1} at adjacent data points into one kink d_k + d_{k+1} at
    t = (d_k x_k + d_{k+1} x_{k+1}) / (d_k + d_{k+1}), strictly between them: values at the data, end
    slopes and ∫|f''| are unchanged (so R̄ too), but f is no longer affine on [x_k, x_{k+1}]."""
    t, d = f.breakpoints, f.kinks
    for k in range(len(t) - 1):
        if d[k] * d[k + 1] > 0:
            knot = (d[k] * t[k] + d[k + 1] * t[k + 1]) / (d[k] + d[k + 1])
            pts = t[:k] + (knot,) + t[k + 2:]
            # on [t_k, knot] the witness keeps the slope s_k of f left of t_k
            at_knot = f.values[k] + f.slopes[k] * (knot - t[k])
            return PiecewiseLinear(pts, tuple(at_knot if p == knot else f(p) for p in pts),
                                   f.left_slope, f.right_slope)
    return None


@claim("ses.thm-3.3", "ses", "Theorem 3.3, (25)-(27)",
       "min R(f) interpolation = linear spline with end slopes minimising (27); value = min (27)", "exact",
       one_d_cases)
def check_spline_value(case: Case, ctx: Context) -> Draft:
    """Theorem 3.3 on the data, from three certified values: P* of (25) (kind relu1d-l1-interpolation,
    ses's convention with a free output bias), min (27) (kind lp, its epigraph LP end_slope_lp) and R̄ of
    the spline (26) with the end slopes found (kind relu1d-function-norm, bound to the sorted data, so the
    certified function interpolates it). (27) at those end slopes is evaluated on the certified spline
    (∫|f̃''| = sum |l_{n+1} - l_n|, the first line of the proof).

    PROVED when (27) there equals the certified min (27) (the end slopes minimise (27)) and
    R̄(f̃) = P* = min (27); REFUTED when such a spline has R̄(f̃) != P* or P* != min (27); UNDECIDED when
    the end slopes found do not minimise (27). Also certified: the optimal (l_0, l_N) set (ranges of l_0,
    l_N, l_0 + l_N over the optimal face, kind lp each) and, when two adjacent data points carry kinks of
    one sign, a non-spline optimum (its R̄ certified): the paper's remark that the minimiser is not unique.
    """
    sol = interpolate_1d(case.x, case.y, SES_25.problem)
    S = end_slope_set(case.x, case.y)
    res = Draft("ses.thm-3.3", case.name, ERROR, "exact", SES_25, data=data_of(sol))
    res.figure(interpolant_figure(sol, "ses (25): the minimum-norm interpolant"))
    p25 = res.add(ctx.certify(interpolation_certificate(sol, res.claim, case.name), res.claim, case.name), "(25)")
    p27 = res.add(ctx.certify(
        lp_certificate(S.program, S.optimum, res.claim, case.name,
                       "min over (l_0, l_N) of max(sum |l_{n+1} - l_n|, |l_0 + l_N|), ses (27); "
                       "variables (l_0, l_N, t, e_0, ...)"),
        res.claim, case.name, "__eq27", about={"problem": S.program}), "min (27)")
    res.value = p25.value
    ranges = _certify_slope_set(S, p27.value, res, ctx)
    l0, lN = S.ends[0] if S.ends else S.optimum.x[:2]
    spline = PiecewiseLinear.spline(case.x, case.y, l0, lN)
    psp = res.add(ctx.certify(representation_certificate(representation_cost(spline), res.claim, case.name),
                              res.claim, case.name, "__spline", about=about_function(spline)), "R̄ of the spline (26)")
    res.data["end_slope_set"] = {k: None if r is None else [str(a) for a in r] for k, r in ranges.items()}
    if not (p25.ok and p27.ok and psp.ok):
        return res
    f = function_of_data(psp.data)
    drawn = res.figures[-1]["functions"]
    drawn.append(function_1d("spline (26), certified end slopes", f))
    if S.ends is not None and S.ends[0] != S.ends[1]:  # the optimal face is a segment: draw its two ends
        drawn += [function_1d(f"spline (26) at (l_0, l_N) = ({a}, {b})", PiecewiseLinear.spline(case.x, case.y, a, b),
                              EXTREME) for a, b in S.ends]
    fits = all(f(xi) == yi for xi, yi in zip(case.x, case.y))  # true by the binding to the sorted data
    res.notes.append(f"network optimum of (25): {p25.value}; min of (27): {p27.value}; spline (26) with "
                     f"(l_0, l_N) = ({f.left_slope}, {f.right_slope}) interpolates: {fits}, R̄ = {psp.value}, "
                     f"(27) there = {f.theorem_value} (all certified)")
    res.notes.append(f"optimal end-slope set: {S.text()}; ranges " +
                     ", ".join(f"{k} in [{r[0]}, {r[1]}]" if r else f"{k}: not certified" for k, r in ranges.items()))
    _witness_note(f, p25.value, case, res, ctx)
    if f.theorem_value != p27.value:
        res.verdict = UNDECIDED
        res.notes.append("the spline's end slopes do not minimise (27) (certified min): no conclusion")
        return res
    res.verdict = PROVED if p25.value == p27.value == psp.value else REFUTED
    return res


def _witness_note(spline: PiecewiseLinear, optimum: Fraction, case: Case, res: Draft, ctx: Context) -> None:
    """Certify R̄ of the non-spline optimum (when one is constructed) and note what its checked data show:
    it interpolates, R̄ = the (25) optimum, and it is another function than the spline."""
    witness = _non_spline_optimum(spline)
    if witness is None:
        res.notes.append("no two adjacent data points carry kinks of one sign: no non-spline optimum constructed")
        return
    cert = res.add(ctx.certify(representation_certificate(representation_cost(witness), res.claim, case.name),
                               res.claim, case.name, "__nonspline", about=about_function(witness)),
                   "R̄ of the non-spline optimum")
    if not cert.ok:
        return
    w = function_of_data(cert.data)
    res.figures[-1]["functions"].append(function_1d("a non-spline optimum (certified R̄)", w))
    fits = all(w(xi) == yi for xi, yi in zip(case.x, case.y))
    extra = sorted(set(w.true_breakpoints) - set(case.x))
    differs = not w.same_function(spline)
    res.notes.append(f"non-spline optimum: breakpoints {[str(t) for t in w.true_breakpoints]} "
                     f"(kink off the data at {[str(t) for t in extra]}), interpolates: {fits}, "
                     f"R̄ = {cert.value} (certified) = optimum: {cert.value == optimum}, differs from the spline: "
                     f"{differs}" + ("" if fits and cert.value == optimum and differs
                                     else " -- NOT another optimum: the merge construction is wrong"))
