"""Kind "pattern-program-1d": a 1-D pattern program (kh (7), (11), printed or corrected) with its exact answer."""

from __future__ import annotations

from fractions import Fraction

from ..checker.relu1d import patterns_1d
from ..convention import Convention
from ..relu.pattern_program import PatternProgram, PatternSolution
from . import certificate_header


def sign_form(prog: PatternProgram) -> tuple[int, bool]:
    """(r, times_y) such that every term's sign rows are S = s (eps = 1) or r s (eps = -1), times y when
    ``times_y`` (the form kind pattern-program-1d states), its D being h(s) (times y for a margin program);
    a ValueError for any other program.

    >>> from exact.relu.pattern_program import pattern_program
    >>> sign_form(pattern_program([Fraction(0), Fraction(1)], [Fraction(0), Fraction(1)]))
    (1, False)
    """
    one, n = Fraction(1), len(prog.y)
    # every candidate entry is one of these per point, so a candidate row is a selection, no arithmetic
    pos, neg = [(one, -one)] * n, [(yi, -yi) for yi in prog.y]
    active = [(yi, prog.alpha * yi) for yi in prog.y] if prog.margin else [(one, prog.alpha)] * n
    rows: dict[tuple[int, ...], dict[tuple[int, bool], tuple[Fraction, ...]]] = {}

    def candidates(s: tuple[int, ...]) -> dict[tuple[int, bool], tuple[Fraction, ...]]:
        """S for (eps sign, times y) and, under key (0, False), the D the kind expects for pattern s."""
        if s not in rows:
            pick = lambda table, flip: tuple(e[(si == 1) == flip] for si, e in zip(s, table, strict=True))  # noqa: E731
            rows[s] = {(1, False): pick(pos, False), (-1, False): pick(pos, True), (1, True): pick(neg, False),
                       (-1, True): pick(neg, True), (0, False): pick(active, False)}
        return rows[s]

    for r, times_y in ((1, False), (-1, False), (1, True), (-1, True)):
        if all(t.D == candidates(t.pattern)[(0, False)]
               and t.S == candidates(t.pattern)[(1 if t.eps == 1 else r, times_y)] for t in prog.terms):
            return r, times_y
    raise ValueError(f"{prog.name or 'the program'}: its terms are not of the form of kind pattern-program-1d")


def program_1d_certificate(sol: PatternSolution, claim: str, case: str, statement: str) -> dict:
    """The certificate of an exactly solved 1-D program (:func:`exact.relu.pattern_program.solve_1d`): its data,
    and the optimal point with its dual, or the Farkas multipliers, in the kind's term order (term 2 j or
    2 j + 1 for the j-th pattern of :func:`exact.checker.relu1d.patterns_1d` and eps = 1 or -1).

    The LP's dual z <= 0 of a sign row -S_i p_i <= 0 is the multiplier mu = -z >= 0; of a margin row
    -(...) <= -1 it is v = -z >= 0; only the sign rows the LP has (:func:`exact.relu.pattern_program.extreme_rows`)
    carry multipliers, the others are 0.

    >>> from exact.relu.pattern_program import pattern_program, solve_1d
    >>> sol = solve_1d(pattern_program([Fraction(0), Fraction(1)], [Fraction(0), Fraction(1)]))
    >>> program_1d_certificate(sol, "demo", "demo", "a line")["relation"]
    {'type': 'equals', 'value': '1'}
    """
    prog = sol.program
    if prog.dim != 1 or prog.joint_norm:
        raise ValueError("program_1d_certificate: a program without the joint norm on 1-D data")
    x, n = [r[0] for r in prog.X], len(prog.y)
    index = {s: j for j, s in enumerate(patterns_1d(x))}
    order = [2 * index[t.pattern] + (0 if t.eps == 1 else 1) for t in prog.terms]
    if sorted(order) != list(range(4 * n)):
        raise ValueError("program_1d_certificate: the terms are not each affine sign pattern of x with eps = +-1")
    r, times_y = sign_form(prog)
    doc = certificate_header("pattern-program-1d", claim, case, statement)
    doc["convention"] = Convention(prog.alpha).as_json()
    doc["data"] = {"x": [str(t) for t in x], "y": [str(t) for t in prog.y],
                   "program": "margin" if prog.margin else "fit", "minus_sign": r, "sign_times_y": times_y}
    res = sol.result
    if sol.status == "optimal":
        eq, ub = res.optimum().y_eq, res.optimum().z_ub
    else:
        eq, ub = res.farkas()
    rows = n if prog.margin else 0  # the margin rows come first in A_ub
    v = [-z for z in ub[:n]] if prog.margin else list(eq)
    mu = [[order[k], i, str(-z)] for (k, i), z in zip(sol.sign_rows, ub[rows:], strict=True) if z]
    multipliers = {"v": [str(t) for t in v], "mu": mu}
    if sol.status != "optimal":
        doc.update(relation={"type": "infeasible"}, farkas=multipliers)
        return doc
    w, b = [Fraction(0)] * (4 * n), [Fraction(0)] * (4 * n)
    for k, wk, bk in zip(order, sol.w, sol.b, strict=True):
        w[k], b[k] = wk, bk
    doc.update(relation={"type": "equals", "value": str(sol.value)}, primal={"w": [str(t) for t in w],
                                                                           "b": [str(t) for t in b]},
               dual=multipliers)
    return doc
