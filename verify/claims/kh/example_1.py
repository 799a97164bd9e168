"""kh.example-1: Section V's 1-D example (Figure 1): (7)'s optima with different numbers of pieces, (9)'s.

Convention as kh.thm-1 / kh.thm-2. (7) corrected exactly with the exact range of the number of pieces over
its optimal face (kind pattern-face-pieces); (2)+(8) exactly with the uniqueness of its optimal function
(kind relu1d-joint-exact); which (7)-optimal networks are not (9)-optimal.
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case
from exact.certificates.pattern_face_pieces import piece_range_certificate
from exact.numbers import sqrt_bounds
from exact.relu.face_pieces import piece_range
from exact.relu.networks import Network
from exact.relu.pattern_program import solve_1d

from ...context import Context, file_name
from ...conventions import KH_3
from ...numeric.joint1d import solve_joint
from ...plots import plot_1d
from ...registry import claim
from ...result import ERROR, PROVED, REFUTED, Draft
from .._shared import certify_joint
from ._shared import _certify_lp, _x, alpha_of, convention, example_cases
from .programs import build


def _describe(net: Network) -> str:
    return (f"{net.pieces()} pieces, kinks at {[str(t) for t in net.kinks()]}; "
            "neurons " + ", ".join(f"{'+' if n.c > 0 else ''}{n.c} s({n.w[0]} x + {n.b})" for n in net.neurons))


def joint_cost_bounds(net: Network) -> tuple[Fraction, Fraction]:
    """Rational bounds on sum_j |c_j| sqrt(w_j^2 + b_j^2): the (9) cost of a network of (7)."""
    lo = hi = Fraction(0)
    for n in net.neurons:
        a, c = sqrt_bounds(n.w[0] ** 2 + n.b ** 2, 30)
        lo, hi = lo + abs(n.c) * a, hi + abs(n.c) * c
    return lo, hi


@claim("kh.example-1", "kh", "Section V, Figure 1 (the 1-D example)",
       "(7) has optimal solutions with different numbers of pieces; (9)'s solution is Fig. 1(c); "
       "Fig. 1(a),(b)-type solutions of (7) are not optimal for (9)", "exact", example_cases)
def check_example(case: Case, ctx: Context) -> Draft:
    """(7) corrected exactly with its exact piece range; (9) / (2)+(8) exactly, with uniqueness.

    (7) (the printed one is infeasible here, see kh.thm-1): optimum, and the least and largest
    number of pieces over R over its optimal face (:func:`exact.relu.face_pieces.piece_range`, kind
    pattern-face-pieces). (9): the exact optimum of (2)+(8) and whether its optimal function is unique
    (:func:`exact.relu.joint_norm.solve_joint_exact`, kind relu1d-joint-exact), with the float (9) and its
    exact bracket as a cross-check. A (7)-optimal network is not (9)-optimal when its function differs
    from the unique (9)-optimal one, or (fallback) when its (9)-cost exceeds the bracket's upper end.
    PROVED when (7) has optimal solutions with different numbers of pieces and one of them is
    shown not (9)-optimal, everything certified.
    """
    alpha, x = alpha_of(case), _x(case)
    res = Draft("kh.example-1", case.name, ERROR, "exact", convention(KH_3, alpha))
    sol = solve_1d(build(x, case.y, 7, "corrected", alpha))
    ok = _certify_lp(sol, res, ctx, case.name, "__eq7", "optimal value")
    pr = piece_range(sol)
    path, good, problems = ctx.certify(piece_range_certificate(pr, res.claim, case.name), res.claim, case.name,
                                       "__eq7_pieces")
    res.certificates.append(path)
    res.notes += [f"certificate rejected: {q}" for q in problems]
    ok &= good
    res.value = str(sol.value)
    res.notes.append(f"(7) corrected: exact optimum {sol.value}; over its optimal face the number of pieces over R "
                     f"ranges from {pr.min_pieces} to {pr.max_pieces}")
    res.notes.append(f"fewest = {pr.min_pieces}: " + ("PROVED (the secant slopes force as many for ANY interpolant)"
                                                     if pr.min_proved else f"witness only (secant floor {pr.min_floor})"))
    res.notes.append(f"most = {pr.max_pieces}: " + (
        f"PROVED (the terms fall into {len(pr.classes)} classes with one common kink on the affine hull of the "
        f"face, {sum(pr.jumping)} of them with a slope jump not identically 0, so no optimum has more than "
        f"{pr.max_bound}; a generic relative-interior point attains it)" if pr.max_proved else
        f"witness; upper bound {pr.max_bound}"))
    few, many = pr.min_witness.network(), pr.max_witness.network()
    res.notes.append(f"fewest-pieces (7) optimum: {_describe(few)}")
    res.notes.append(f"most-pieces (7) optimum: {_describe(many)}")
    several = pr.min_pieces < pr.max_pieces
    res.notes.append("(7) has optimal solutions with different numbers of pieces (exact witnesses)" if several
                     else "FINDING: every optimal solution of (7) has the same number of pieces")
    joint = solve_joint(x, case.y, alpha)
    ok &= certify_joint(joint, ctx, res)
    ex = joint.exact
    f9 = ex.network() if ex.status == "optimal" else None
    if f9 is not None:
        cost7 = sum((abs(n.c * n.w[0]) for n in f9.neurons), Fraction(0))
        res.notes.append(f"(9) optimal network (exact): {_describe(f9)}; the optimal "
                         "function is " + {True: f"UNIQUE (every optimal measure lives on the {len(ex.contacts)} "
                                                 f"contact atoms of the exact dual; test: {ex.uniqueness})",
                                           False: "NOT unique (two exact optimal networks with different functions)",
                                           None: "not decided"}[ex.unique])
        res.notes.append(f"its (7)-cost sum |c w| = {cost7}" + (" = the (7) optimum: the (9) solution is also (7)-optimal, "
                                                                 "as kh state (Fig. 1(d) = 1(c))" if cost7 == sol.value else
                                                                 f" > the (7) optimum {sol.value}: it is not (7)-optimal"))
    excluded = []
    for tag, nr in (("fewest", few), ("most", many)):
        same = f9 is not None and nr.same_function(f9)
        if ex.unique and not same:
            excluded.append(tag)
            res.notes.append(f"the {tag}-pieces (7) optimum is NOT (9)-optimal: its function differs from the "
                             "unique (9)-optimal one (Fig. 1(a),(b) type)")
        elif joint_cost_bounds(nr)[0] > joint.bracket.upper:
            excluded.append(tag)
            res.notes.append(f"the {tag}-pieces (7) optimum is NOT (9)-optimal as a network: its (9)-cost exceeds "
                             "the (2)+(8) upper bound" + (" (its function is the (9)-optimal one, Fig. 1(c) = (d))"
                                                          if same else ""))
        elif same:
            res.notes.append(f"the {tag}-pieces (7) optimum has the (9)-optimal function (Fig. 1(c) = (d))")
    folder = ctx.out_dir / "plots"
    folder.mkdir(parents=True, exist_ok=True)
    shown = f9 if f9 is not None else joint.float_network()
    png = plot_1d(str(folder / file_name(res.claim, case.name, "", ".png")), x, case.y,
                  [(f"(7) optimum, {pr.min_pieces} pieces", few),
                   (f"(7) optimum, {pr.max_pieces} pieces", many),
                   ("(9) optimum" + (" (exact)" if f9 is not None else " (float)"), shown)],
                  title=f"kh Fig. 1, alpha = {alpha}: (7) value {sol.value}, (9) value "
                        + (str(ex.value) if f9 is not None else joint.bracket.text(8)))
    res.notes.append(f"plot (like Fig. 1): {png}")
    res.data = {"x": [str(t) for t in x], "y": [str(t) for t in case.y], "alpha": str(alpha),
                "seven": [[(str(n.c), str(n.w[0]), str(n.b)) for n in nr.neurons] for nr in (few, many)],
                "nine": [[str(n.c), str(n.w[0]), str(n.b)] for n in ex.neurons], "nine_value": str(ex.value),
                "nine_unique": ex.unique, "plots": [png],
                "pieces_min": pr.min_pieces, "pieces_min_proved": pr.min_proved,
                "pieces_max": pr.max_pieces, "pieces_max_proved": pr.max_proved}
    res.verdict = PROVED if ok and several and excluded else (ERROR if not ok else REFUTED)
    return res
