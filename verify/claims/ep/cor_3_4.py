"""ep.cor-3.4: the rank-one extreme points u = s a/||a||, b = -s c_i ||a|| (Corollary 3.4 and its proof).

Every neuron of the certified optimum of (4) for X = c a^T (kind rank-one-l1) is checked to have that form
and to lie among the certified maximisers along sign(w) v of the 1-D support problem on x = ||a|| c (kind
relu1d-extreme-point along +-v, with every maximiser).
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case
from exact.certificates.rank_one_l1 import rank_one_certificate
from exact.relu.rank_one import RankOneSolution, solve_rank_one

from ...audit import audit_check, show
from ...context import Certified, Context
from ...conventions import EP_4, EP_9
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, UNDECIDED, Draft
from ._shared import certify, certify_faces, is_maximiser, rank_one_shipped, rational_rank_one, sign


def _neuron_form(r: RankOneSolution, u, b: Fraction) -> tuple[int, list[Fraction]]:
    """(s, [c_i]) with u = s a/||a|| and b = -s c_i ||a|| (s = 0 when u is not +-a/||a||)."""
    s = sign(sum((ui * ai for ui, ai in zip(u, r.a)), Fraction(0)))
    if not s or list(u) != [s * ai / r.norm for ai in r.a]:
        return 0, []
    return s, [ci for ci in r.c if b == -s * ci * r.norm]


def _judge_neurons(r: RankOneSolution, faces: dict[int, Certified]) -> tuple[bool, list[str]]:
    """Is every neuron of the certified optimum of the form and a certified maximiser along sign(w) v
    (value 1)? With the lines that say so, neuron by neuron."""
    ok, lines = True, []
    for u, b, w in r.neurons:
        s, cs = _neuron_form(r, u, b)
        extreme = bool(s) and is_maximiser(faces, Fraction(s), b, w)
        ok = ok and extreme and bool(cs)
        lines.append(f"(u = {show(u)}, b = {b}, w = {w}): " + (
            f"s = {s}, b = -s c_i ||a|| with c_i = {cs[0]} (the neuron switches at c = {cs[0]})" if extreme and cs
            else "NOT of the form" + (", but a certified maximiser along sign(w) v" if extreme else "")))
    return ok, lines


@claim("ep.cor-3.4", "ep", "Corollary 3.4 (Section 3.2.1) and its appendix proof",
       "rank-one extreme points u = s a/||a||, b = -s c_i ||a||", "exact", rank_one_shipped,
       needs=Needs(Data.MATRIX, condition=rational_rank_one))
def check_rank_one_extreme_points(case: Case, ctx: Context) -> Draft:
    """PROVED when every neuron of the certified optimum of (4) for X = c a^T is u = s a/||a||,
    b = -s c_i ||a|| (formula audited) and a certified maximiser of sign(w) v^T (X u + b 1)_+ over
    ||u|| <= 1, b, which is the 1-D problem on x = ||a|| c (certificates relu1d-extreme-point along +-v);
    otherwise UNDECIDED (the corollary states that some optimal solutions have the form)."""
    r = solve_rank_one(case.X, case.y)
    res = Draft("ep.cor-3.4", case.name, ERROR, "exact", (EP_9, EP_4))
    res.notes.append(f"X = c a^T with c = {show(r.c)}, a = {show(r.a)} (a = the first nonzero row of X), ||a|| = "
                     f"{r.norm}; the formula is invariant under (c, a) -> (c / l, l a), l > 0")
    faces = certify_faces(r.sol.x, r.sol.dual, res, ctx)
    cert = certify(rank_one_certificate(r, case.X, res.claim, case.name), res, ctx)
    res.value = cert.value
    if not all(c.ok for c in res.checked):
        return res
    if not cert.qualifier("attained"):
        res.notes.append(f"P* = {cert.value} is not attained by the certified network (the optimum needs the "
                         f"constant {r.constant}, a u = 0 neuron with bias -> oo, not an extreme point along +-v): "
                         "the neurons below are those of the limit of minimising networks")
    ok, lines = _judge_neurons(r, faces)
    res.notes += ["neuron " + t for t in lines]
    res.printed.append(audit_check("Corollary 3.4: u_i = s_i a/||a||_2, b_i = -s_i c_i ||a||_2", "u = s a/||a||, "
                                   "b = -s c_i ||a||", ok, "; ".join(lines) + (
                                       " (each a certified maximiser along sign(w) v, value 1)" if ok else "")))
    # one optimum off the form refutes only "every optimal solution", not the corollary's "a set of solutions"
    res.verdict = PROVED if ok else UNDECIDED
    return res
