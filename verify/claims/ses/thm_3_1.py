"""ses.thm-3.1: R(f) = max(int |f''|, |f'(-oo) + f'(+oo)|) for piecewise-linear f.

Convention (ses (1)-(8)): h(x) = sum_i w2_i [w1_i x + b1_i]_+ + b2, hidden and output biases free and
unregularised, C = 1/2(||w2||^2 + ||W1||^2) = ||w2||_1 with |w1_i| = 1 (Lemma 1); R(f) is (8). R(f) is an
exact LP over the atoms at f's breakpoints with a dual bound valid for every measure (kind
relu1d-function-norm).
"""

from __future__ import annotations

import random
from fractions import Fraction

from cases import Case, case_from_dict, random_1d_case
from exact.certificates.relu1d_function_norm import representation_certificate
from exact.relu.function_norm import PiecewiseLinear, representation_cost

from ...context import Context
from ...conventions import SES_8
from ...registry import claim
from ...report.figures import REFERENCE, function_1d, functions_figure
from ...requirements import Data, Needs, Parameter
from ...result import ERROR, PROVED, REFUTED, Draft
from ._shared import about_function, network_text

RANDOM_FUNCTIONS = 8


def _fn_case(name: str, t, v, left, right, source: str) -> Case:
    return case_from_dict({"name": name, "source": source, "x": [str(p) for p in t], "y": [str(p) for p in v],
                           "left_slope": str(left), "right_slope": str(right)}, name)


def function_cases() -> list[Case]:
    """Functions f (x = breakpoints, y = values, params left_slope/right_slope) covering both
    branches of Theorem 3.1's max, ties, affine and constant f, zero kinks, and seeded random f."""
    F = Fraction
    built = [
        ("ses-fn-abs", [0], [0], -1, 1, "|x|: ∫|f''| = 2 > |f'(-oo) + f'(+oo)| = 0"),
        ("ses-fn-ramp-up", [0], [0], 1, 3, "slopes 1 then 3: |1 + 3| = 4 > ∫|f''| = 2"),
        ("ses-fn-affine", [0], [1], 2, 2, "f = 2x + 1: ∫|f''| = 0 < |2 + 2| = 4"),
        ("ses-fn-constant", [0], [3], 0, 0, "f = 3: both terms 0"),
        ("ses-fn-tie", [0, 1], [0, 2], 1, 1, "slopes 1, 2, 1: both terms 2"),
        ("ses-fn-zigzag", [-2, -1, 0, 1, 2], [0, 1, 0, 1, 0], -1, 1, "zigzag: ∫|f''| = 10 > 0"),
        ("ses-fn-steep-down", [-1, 0, F(1, 2)], [3, 1, 0], -5, -3, "decreasing: |-5 - 3| = 8 > ∫|f''| = 4"),
        ("ses-fn-zero-kink", [-1, 0, 3], [-1, 0, 3], 1, -2,
         "zero kinks at -1 and 0, kink -3 at 3: ∫|f''| = 3 > |1 - 2| = 1"),
    ]
    cases = [_fn_case(n, t, v, a, b, "relu-certify, ses Theorem 3.1 function: " + s) for n, t, v, a, b, s in built]
    for seed in range(RANDOM_FUNCTIONS):
        base = random_1d_case(seed)
        rng = random.Random(1000 + seed)
        left, right = (Fraction(rng.randint(-8, 8), rng.choice((1, 2))) for _ in range(2))
        cases.append(_fn_case(f"ses-fn-random-{seed}", base.x, base.y, left, right,
                              f"generated: breakpoints/values of random-1d-{seed}, end slopes seed {1000 + seed}"))
    return cases


def function_of(case: Case) -> PiecewiseLinear:
    """f of a case: x = breakpoints, y = values, params left_slope / right_slope (default: the
    slope of the adjacent piece, i.e. no kink at the outer points; 0 for a single point)."""
    pts = sorted(zip(case.x, case.y))
    edge = [(pts[1][1] - pts[0][1]) / (pts[1][0] - pts[0][0]), (pts[-1][1] - pts[-2][1]) / (pts[-1][0] - pts[-2][0])] \
        if len(pts) > 1 else [Fraction(0), Fraction(0)]
    return PiecewiseLinear(tuple(p for p, _ in pts), tuple(v for _, v in pts),
                           case.params.get("left_slope", edge[0]), case.params.get("right_slope", edge[1]))


SLOPES = tuple(Parameter(f"{side}_slope", f"f'({end}oo), the slope of f {where}", None,
                         "ses Theorem 3.1: f piecewise linear", optional=True,
                         note=f"default: the slope of the {piece} piece (no kink at the {piece} point)")
               for side, end, where, piece in (("left", "-", "left of the first point", "first"),
                                               ("right", "+", "right of the last point", "last")))


@claim("ses.thm-3.1", "ses", "Theorem 3.1 and its proof (12)-(23), Section 3",
       "R̄(f) = max(∫|f''|, |f'(-oo) + f'(+oo)|) <= ∫|f''| + 2 inf|f'| for piecewise-linear f", "exact",
       function_cases, needs=Needs(Data.ONE_D, parameters=SLOPES))
def check_function_norm(case: Case, ctx: Context) -> Draft:
    """R̄(f) of ses (8) for the piecewise-linear f of the case (x = breakpoints, y = values,
    left_slope / right_slope), certified by kind relu1d-function-norm (equals R̄(f), attained: the
    network represents f on all of R, and the dual bounds the cost of every representing measure).

    The certified value is compared with Theorem 3.1's formula, computed from f's kinks and end
    slopes (the formula is the claim): PROVED when R̄(f) = max(∫|f''|, |f'(-oo) + f'(+oo)|) and
    R̄(f) <= ∫|f''| + 2 inf_x |f'(x)| (inf over the pieces' slopes); REFUTED when the certified R̄(f)
    differs from the formula or exceeds the bound (a checked counterexample).
    """
    f = function_of(case)
    rc = representation_cost(f)
    res = Draft("ses.thm-3.1", case.name, ERROR, "exact", SES_8,
                data={"breakpoints": [str(t) for t in f.breakpoints], "values": [str(v) for v in f.values],
                      "end_slopes": [str(f.left_slope), str(f.right_slope)],
                      "network": network_text(rc.network())})
    cert = res.add(ctx.certify(representation_certificate(rc, res.claim, case.name), res.claim, case.name,
                               about=about_function(f)), "R̄(f), ses (8)")
    res.figure(functions_figure(f.breakpoints, f.values, [function_1d("f (the case)", f, REFERENCE), function_1d(
        "its optimal network (certified R̄)", rc.network())], "ses (8): a piecewise-linear f and its cheapest network"))
    res.value = cert.value
    if not cert.ok:
        return res
    tv, ends = f.total_variation, abs(f.end_sum)
    branch = "∫|f''|" if tv > ends else ("|f'(-oo) + f'(+oo)|" if ends > tv else "both (tie)")
    bound = tv + 2 * min(map(abs, f.slopes))
    res.notes.append(f"R̄(f) = {cert.value} (certified); ∫|f''| = {tv}, |f'(-oo) + f'(+oo)| = {ends}, "
                     f"max = {f.theorem_value}; active branch: {branch}")
    res.notes.append(f"optimal network: {network_text(rc.network())}; dual y_k = "
                     f"{[str(t) for t in rc.kink_dual]}, y_+ = {rc.right_dual}, y_- = 0")
    res.notes.append(f"inequality: R̄(f) = {cert.value} <= ∫|f''| + 2 inf|f'| = {bound}: "
                     f"{'holds' if cert.value <= bound else 'FAILS'}")
    res.verdict = PROVED if cert.value == f.theorem_value and cert.value <= bound else REFUTED
    return res
