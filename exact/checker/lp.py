"""Kind "lp": an explicit finite LP with its optimal pair, Farkas vector or unbounded ray.

Limits (checked before the work): at most MAX_VARIABLES variables and MAX_CONSTRAINTS rows.
"""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, int_, list_, qlist, show, within
from ._proved import Proved
from .arith import dot

EVIDENCE = ("dual", "farkas", "ray")
#: variables and constraint rows (real certificates: at most 96 and 198). A dot of k rationals with unrelated
#: denominators costs ~k^2 (the sum's denominator grows with every term; 18 000 entries of 23 characters took
#: 9 s for one dot), so a 1 MB certificate costs ~ its size times the longest dot: 3 s at 500 of either
MAX_VARIABLES = 500
MAX_CONSTRAINTS = 500


def check(doc: dict, problems: list[str]) -> Proved:
    """data.problem: min c.x s.t. A_eq x = b_eq, A_ub x <= b_ub, x_j >= 0 for j not in free.

    At most MAX_VARIABLES = 500 variables and MAX_CONSTRAINTS = 500 rows (A_eq and A_ub together).
    Dual: max b_eq.y + b_ub.z s.t. z <= 0, (A_eq^T y + A_ub^T z)_j <= c_j for nonnegative j and == c_j
    for free j. Rows have len(c) entries, b_* one entry per row, free lists JSON integer indices in
    range(len(c)). Exactly one of the evidence fields decides what is proved:
      dual {y_eq, y_ub} with primal.x: x feasible, (y, z) dual feasible, c.x == b_eq.y + b_ub.z;
         proves ``{"type": "equals", "value": c.x}`` (weak duality makes both optimal);
      farkas {y_eq, y_ub}: z <= 0, (A_eq^T y + A_ub^T z)_j <= 0 for nonnegative j and == 0 for free j,
         b_eq.y + b_ub.z > 0; proves ``{"type": "infeasible"}`` (Farkas' lemma: y^T A x <= 0 < y^T b);
      ray d with primal.x: x feasible, A_eq d = 0, A_ub d <= 0, d_j >= 0 for nonnegative j, c.d < 0;
         proves ``{"type": "unbounded"}`` (x + t d is feasible for every t >= 0).
    """
    c = qlist(at(doc, "data.problem.c"), "data.problem.c")
    nv = within(len(c), MAX_VARIABLES, "data.problem.c: variables")
    raw = {m: list_(at(doc, f"data.problem.A_{m}"), f"data.problem.A_{m}") for m in ("eq", "ub")}
    within(len(raw["eq"]) + len(raw["ub"]), MAX_CONSTRAINTS, "data.problem: rows of A_eq and A_ub")
    mats = {}
    for m, rows in raw.items():
        mats[m] = ([qlist(r, f"data.problem.A_{m}[{i}]", nv) for i, r in enumerate(rows)],
                   qlist(at(doc, f"data.problem.b_{m}"), f"data.problem.b_{m}", len(rows)))
    free = {int_(j, f"data.problem.free[{i}]", range(nv))  # a set: `j in free` runs once per variable
            for i, j in enumerate(list_(at(doc, "data.problem.free"), "data.problem.free"))}
    present = [k for k in EVIDENCE if k in doc]
    if len(present) != 1:
        raise Malformed(f"evidence: expected exactly one of {EVIDENCE}, got {show(present)}")

    def vec(path: str, length: int) -> list[Fraction]:
        return qlist(at(doc, path), path, length)

    def primal_ok(label: str, x: list[Fraction], zero_rhs: bool) -> None:
        for m, rel in (("eq", "="), ("ub", "<=")):
            for i, (row, bi) in enumerate(zip(*mats[m], strict=True)):
                ax, rhs = dot(row, x), Fraction(0) if zero_rhs else bi
                if (ax != rhs) if m == "eq" else (ax > rhs):
                    problems.append(f"{label}: A_{m} row {i}: A x = {ax} but must be {rel} {rhs}")
        for j in range(nv):
            if j not in free and x[j] < 0:
                problems.append(f"{label}: entry {j} = {x[j]} < 0 but the variable is nonnegative")

    def dual_ok(label: str, rhs: list[Fraction]) -> Fraction:
        y, z = vec(f"{label}.y_eq", len(mats["eq"][0])), vec(f"{label}.y_ub", len(mats["ub"][0]))
        for i, zi in enumerate(z):
            if zi > 0:
                problems.append(f"{label}: y_ub[{i}] = {zi} > 0 but must be <= 0")
        for j in range(nv):
            aty = dot([r[j] for r in mats["eq"][0]], y) + dot([r[j] for r in mats["ub"][0]], z)
            if (aty != rhs[j]) if j in free else (aty > rhs[j]):
                rel = "==" if j in free else "<="
                problems.append(f"{label}: column {j}: (A^T y)_j = {aty} but must be {rel} {rhs[j]}")
        return dot(mats["eq"][1], y) + dot(mats["ub"][1], z)

    relation: dict
    if present == ["dual"]:
        x = vec("primal.x", nv)
        primal_ok("primal", x, False)
        dual_obj, value = dual_ok("dual", c), dot(c, x)
        if dual_obj != value:
            problems.append(f"duality gap: primal objective c.x = {value} but dual objective b.y = {dual_obj}")
        relation = {"type": "equals", "value": value}
    elif present == ["farkas"]:
        gap = dual_ok("farkas", [Fraction(0)] * nv)
        if gap <= 0:
            problems.append(f"farkas: b.y = {gap} but must be > 0")
        relation = {"type": "infeasible"}
    else:
        primal_ok("primal", vec("primal.x", nv), False)
        d = vec("ray", nv)
        primal_ok("ray", d, True)
        if dot(c, d) >= 0:
            problems.append(f"ray: c.d = {dot(c, d)} but must be < 0")
        relation = {"type": "unbounded"}
    problem = {"c": c, "A_eq": mats["eq"][0], "b_eq": mats["eq"][1], "A_ub": mats["ub"][0], "b_ub": mats["ub"][1],
               "free": sorted(free)}
    return Proved(relation, {"problem": problem})
