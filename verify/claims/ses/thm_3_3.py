"""ses.thm-3.3: minimum-R interpolation is the linear spline with end slopes minimising (27).

Convention ses (25) (with output bias). The (25) optimum, min (27) by its epigraph LP, the spline (26) with
optimal end slopes certified optimal, the exact optimal end-slope set, and a non-spline optimum.
"""

from __future__ import annotations

from cases import Case
from exact.certificates.lp import lp_certificate
from exact.certificates.relu1d_function_norm import representation_certificate
from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.relu.function_norm import EndSlopeSet, PiecewiseLinear, end_slope_set, representation_cost
from exact.relu.interpolation import interpolate_1d

from ...context import Context
from ...conventions import SES_25
from ...registry import claim
from ...result import ERROR, PROVED, REFUTED, Draft
from .._shared import data_of, one_d_cases
from ._shared import about_function


def _certify_slope_set(S: EndSlopeSet, case: Case, claim_id: str, ctx: Context) -> tuple[list[str], bool, list[str]]:
    paths, ok, problems = [], True, []
    for name, (lp_min, r_min, lp_max, r_max) in S.programs.items():
        tag = name.replace(" ", "")
        for lp, r, sense in ((lp_min, r_min, "min"), (lp_max, r_max, "max")):
            stmt = (f"{sense} {name} over the optimal set of ses (27) (t <= {S.value}); variables "
                    "(l_0, l_N, t, e_0, ...); max is posed as min of the negative")
            p, good, prob = ctx.certify(lp_certificate(lp, r, claim_id, case.name, stmt), claim_id, case.name,
                                        f"__slopes_{sense}_{tag}", about={"problem": lp})
            paths.append(p)
            ok, problems = ok and good, problems + prob
    return paths, ok, problems


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
    """(25) exactly (interpolate_1d with a free output bias: ses's convention), against min (27) by its
    epigraph LP (end_slope_lp). Then the spline (26) with optimal end slopes is built and its R̄ is
    certified (kind relu1d-function-norm) to equal the (25) optimum, so it is an exact minimiser.
    The optimal (l_0, l_N) set is computed exactly (ranges of l_0, l_N, l_0 + l_N over the optimal
    face, each an lp certificate) and a non-spline optimum is constructed when two adjacent data
    points carry kinks of one sign (its R̄ certified as well)."""
    sol = interpolate_1d(case.x, case.y, output_bias=True)
    S = end_slope_set(case.x, case.y)
    res = Draft("ses.thm-3.3", case.name, ERROR, "exact", SES_25, value=str(sol.value),
                      data=data_of(sol))
    path, ok, problems = ctx.certify(interpolation_certificate(sol, res.claim, case.name), res.claim, case.name)
    p27, ok27, prob27 = ctx.certify(
        lp_certificate(S.program, S.optimum, res.claim, case.name,
                       "min over (l_0, l_N) of max(sum |l_{n+1} - l_n|, |l_0 + l_N|), ses (27); "
                       "variables (l_0, l_N, t, e_0, ...)"),
        res.claim, case.name, "__eq27", about={"problem": S.program})
    slope_paths, ok_set, prob_set = _certify_slope_set(S, case, res.claim, ctx)
    l0, lN = S.ends[0] if S.ends else S.optimum.x[:2]
    spline = PiecewiseLinear.spline(case.x, case.y, l0, lN)
    rc = representation_cost(spline)
    psp, ok_sp, prob_sp = ctx.certify(representation_certificate(rc, res.claim, case.name), res.claim, case.name,
                                      "__spline", about=about_function(spline))
    res.certificates += [path, p27, psp] + slope_paths
    fits = all(spline(xi) == yi for xi, yi in zip(case.x, case.y))
    res.notes.append(f"network optimum of (25): {sol.value}; min of (27): {S.value}; spline (26) with "
                     f"(l_0, l_N) = ({l0}, {lN}) interpolates: {fits}, R̄ = {rc.value} (certified)")
    res.notes.append(f"optimal end-slope set: {S.text()}; ranges " +
                     ", ".join(f"{k} in [{a}, {b}]" for k, (a, b) in S.ranges.items()))
    res.data["end_slope_set"] = {k: [str(a), str(b)] for k, (a, b) in S.ranges.items()}
    witness = _non_spline_optimum(spline)
    good_w = True
    if witness is None:
        res.notes.append("no two adjacent data points carry kinks of one sign: no non-spline optimum constructed")
    else:
        rw = representation_cost(witness)
        pw, good_w, prob_w = ctx.certify(representation_certificate(rw, res.claim, case.name), res.claim,
                                         case.name, "__nonspline", about=about_function(witness))
        res.certificates.append(pw)
        problems += prob_w
        w_fits = all(witness(xi) == yi for xi, yi in zip(case.x, case.y))
        extra = sorted(set(witness.true_breakpoints) - set(case.x))
        differs = not witness.same_function(spline)
        res.notes.append(f"non-spline optimum: breakpoints {[str(t) for t in witness.true_breakpoints]} "
                         f"(kink off the data at {[str(t) for t in extra]}), interpolates: {w_fits}, "
                         f"R̄ = {rw.value} (certified) = optimum: {rw.value == sol.value}, "
                         f"differs from the spline: {differs}")
        if not (w_fits and rw.value == sol.value and differs):  # the merge preserves all three: a bug
            problems.append("the constructed non-spline witness is not an optimum")
            good_w = False
    problems = problems + prob27 + prob_set + prob_sp
    if not (ok and ok27 and ok_set and ok_sp and good_w):
        res.notes += [f"certificate rejected: {q}" for q in problems]
        return res
    res.verdict = PROVED if S.value == sol.value == rc.value and fits else REFUTED
    return res
