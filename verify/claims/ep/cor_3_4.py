"""ep.cor-3.4: the rank-one extreme points u = s a/||a||, b = -s c_i ||a|| (Corollary 3.4 and its proof).

Every neuron of the certified optimum of (4) for X = c a^T is checked to have that form and to be a
maximiser along sign(w) v of the 1-D support problem on x = ||a|| c (kind relu1d-extreme-point).
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case
from exact.certificates.rank_one_l1 import rank_one_certificate
from exact.relu.rank_one import solve_rank_one
from exact.relu.support import extreme_point_1d

from ...audit import audit_check, show
from ...context import Context
from ...conventions import EP_4, EP_9
from ...registry import claim
from ...result import ERROR, PROVED, REFUTED, Draft
from ._shared import _certify_extreme, _describe, _sign, rank_one_shipped


@claim("ep.cor-3.4", "ep", "Corollary 3.4 (Section 3.2.1) and its appendix proof",
       "rank-one extreme points u = s a/||a||, b = -s c_i ||a||", "exact", rank_one_shipped, needs_1d=False)
def check_rank_one_extreme_points(case: Case, ctx: Context) -> Draft:
    """Every neuron of the certified optimum of (4) for X = c a^T is u = s a/||a||, b = -s c_i ||a||
    (formula audited) and is a maximiser of sign(w) v^T (X u + b 1)_+ over ||u|| <= 1, b, which is
    the 1-D problem on x = ||a|| c (certificates relu1d-extreme-point along +-v)."""
    r = solve_rank_one(case.X, case.y)
    res = Draft("ep.cor-3.4", case.name, ERROR, "exact", (EP_9, EP_4),
                      value=str(r.value))
    x = r.sol.x
    ok = True
    res.notes.append(f"X = c a^T with c = {show(r.c)}, a = {show(r.a)} (a = the first nonzero row of X), ||a|| = "
                     f"{r.norm}; the formula is invariant under (c, a) -> (c / l, l a), l > 0")
    for label, v in (("dual", r.sol.dual), ("minus-dual", tuple(-t for t in r.sol.dual))):
        e = extreme_point_1d(x, v)
        ok = _certify_extreme(e, res.claim, case.name, ctx, f"__{label}", res, {"x": x, "v": v}) and ok
        res.notes.append(f"along {label} (1-D data ||a|| c = {show(x)}): {_describe(e)}")
    path, good, problems = ctx.certify(rank_one_certificate(r, case.X, res.claim, case.name), res.claim, case.name)
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {p}" for p in problems]
    ok = ok and good
    if not r.sol.attained:
        res.notes.append(f"Corollary 3.4 is vacuous here: P* = {r.value} is not attained (the optimum needs the "
                         f"constant {r.constant}, a u = 0 neuron with bias -> oo, not an extreme point along +-v); "
                         "the neurons below are those of the limit of minimising networks")
    formula, lines = True, []
    for u, b, w in r.neurons:
        s = _sign(sum((ui * ai for ui, ai in zip(u, r.a)), Fraction(0)))
        cs = [ci for ci in r.c if b == -s * ci * r.norm]
        fits = s != 0 and list(u) == [s * ai / r.norm for ai in r.a] and bool(cs)
        formula = formula and fits
        lines.append(f"(u = {show(u)}, b = {b}, w = {w}): s = {s}, " +
                     (f"b = -s c_i ||a|| with c_i = {cs[0]} (the neuron switches at c = {cs[0]})" if fits
                      else "NOT of the form"))
        e = extreme_point_1d(x, [_sign(w) * t for t in r.sol.dual])
        formula = formula and e.value == 1 and e.contains(s, b)
    res.notes += ["neuron " + t for t in lines]
    res.printed.append(audit_check("Corollary 3.4: u_i = s_i a/||a||_2, b_i = -s_i c_i ||a||_2", "u = s a/||a||, "
                                   "b = -s c_i ||a||", formula, "; ".join(lines) + " (each a maximiser along "
                                   "sign(w) v, value 1)" if formula else "; ".join(lines)))
    res.verdict = ERROR if not ok else (PROVED if formula else REFUTED)
    return res
