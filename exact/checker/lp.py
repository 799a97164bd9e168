"""Kind "lp": an explicit finite LP with its optimal pair, Farkas vector or ray."""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._fields import Malformed, at, list_, q, qlist, show
from .arith import dot


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    """Kind "lp": min c.x s.t. A_eq x = b_eq, A_ub x <= b_ub, x_j >= 0 for j not in free.

    Dual convention: max b_eq.y + b_ub.z s.t. z <= 0, (A_eq^T y + A_ub^T z)_j <= c_j for
    nonnegative j and == c_j for free j.  Rows must have len(c) entries, b_* one entry per row,
    free is a list of JSON integer indices in range(len(c)).  By status:
      "optimal": primal.x feasible; dual (y_eq, y_ub) feasible; c.x == value == b_eq.y + b_ub.z.
      "infeasible": farkas (y_eq, y_ub) with z <= 0, (A_eq^T y + A_ub^T z)_j <= 0 for
         nonnegative j, == 0 for free j, and b_eq.y + b_ub.z > 0; value must be null.
      "unbounded": primal.x feasible; ray d with A_eq d = 0, A_ub d <= 0, d_j >= 0 for
         nonnegative j, c.d < 0; value must be null.
    """
    c = qlist(at(doc, "problem.c"), "problem.c")
    nv = len(c)
    mats = {}
    for m in ("eq", "ub"):
        rows = list_(at(doc, f"problem.A_{m}"), f"problem.A_{m}")
        mats[m] = ([qlist(r, f"problem.A_{m}[{i}]", nv) for i, r in enumerate(rows)],
                   qlist(at(doc, f"problem.b_{m}"), f"problem.b_{m}", len(rows)))
    free = set()
    for i, j in enumerate(list_(at(doc, "problem.free"), "problem.free")):
        if type(j) is not int or not 0 <= j < nv:
            raise Malformed(f"problem.free[{i}]: expected a variable index in 0..{nv - 1}, got {show(j)}")
        free.add(j)
    status = at(doc, "status")

    def vec(path: str, length: int) -> list[Fraction]:
        return qlist(at(doc, path), path, length)

    def primal_ok(label: str, x: list[Fraction], zero_rhs: bool) -> None:
        for m, rel in (("eq", "="), ("ub", "<=")):
            for i, (row, bi) in enumerate(zip(*mats[m])):
                ax, rhs = dot(row, x), Fraction(0) if zero_rhs else bi
                if (ax != rhs) if m == "eq" else (ax > rhs):
                    problems.append(f"{label}: A_{m} row {i}: A x = {ax} but must be {rel} {rhs}")
        for j in range(nv):
            if j not in free and x[j] < 0:
                problems.append(f"{label}: entry {j} = {x[j]} < 0 but the variable is nonnegative")

    def dual_ok(label: str, path: str, rhs: list[Fraction]) -> Fraction:
        y, z = vec(f"{path}.y_eq", len(mats["eq"][0])), vec(f"{path}.y_ub", len(mats["ub"][0]))
        for i, zi in enumerate(z):
            if zi > 0:
                problems.append(f"{label}: y_ub[{i}] = {zi} > 0 but must be <= 0")
        for j in range(nv):
            aty = dot([r[j] for r in mats["eq"][0]], y) + dot([r[j] for r in mats["ub"][0]], z)
            if (aty != rhs[j]) if j in free else (aty > rhs[j]):
                rel = "==" if j in free else "<="
                problems.append(f"{label}: column {j}: (A^T y)_j = {aty} but must be {rel} {rhs[j]}")
        return dot(mats["eq"][1], y) + dot(mats["ub"][1], z)

    if status == "optimal":
        x, value = vec("primal.x", nv), q(at(doc, "value"), "value")
        primal_ok("primal", x, False)
        dual_obj = dual_ok("dual", "dual", c)
        if dot(c, x) != value:
            problems.append(f"primal: objective c.x = {dot(c, x)} but value = {value}")
        if dual_obj != value:
            problems.append(f"dual: objective b.y = {dual_obj} but value = {value}")
        return value
    if status not in ("infeasible", "unbounded"):
        raise Malformed(f"status: expected 'optimal', 'infeasible' or 'unbounded', got {show(status)}")
    if doc.get("value") is not None:
        raise Malformed(f"value: must be null for status {status!r}, got {show(doc['value'])}")
    if status == "infeasible":
        gap = dual_ok("farkas", "farkas", [Fraction(0)] * nv)
        if gap <= 0:
            problems.append(f"farkas: b.y = {gap} but must be > 0")
    else:
        primal_ok("primal", vec("primal.x", nv), False)
        d = vec("ray", nv)
        primal_ok("ray", d, True)
        if dot(c, d) >= 0:
            problems.append(f"ray: c.d = {dot(c, d)} but must be < 0")
    return None
