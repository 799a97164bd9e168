"""Helpers shared by the claims of several papers (cases, report data, joint-norm certification)."""

from __future__ import annotations

from cases import Case, random_1d_cases, shipped_cases
from exact.relu.interpolation import Interpolation1D

from ..context import Context
from ..numeric.joint1d import Joint1D
from ..result import Draft

GENERATED = 20


def one_d_cases() -> list[Case]:
    """Every shipped 1-D case and GENERATED seeded random ones."""
    return [c for c in shipped_cases() if c.is_1d] + random_1d_cases(GENERATED)


def data_of(sol: Interpolation1D) -> dict:
    weights, constant = sol.attained_by or (sol.weights, sol.constant)
    return {
        "x": [str(v) for v in sol.x],
        "y": [str(v) for v in sol.y],
        "network": [{"u": a.u, "knot": str(a.knot), "weight": str(w)}
                    for a, w in zip(sol.atoms, weights) if w],
        "constant": str(constant),
        "dual": [str(v) for v in sol.dual],
    }


def certify_joint(joint: Joint1D, ctx: Context, res: Draft) -> bool:
    """Check the joint-norm certificates of ``joint`` (bracket, and the exact optimum when decided); the exact
    value must lie inside the bracket. Notes on the result; True when all holds."""
    ok = True
    for doc, suffix in joint.documents(res.claim, res.case):
        path, good, problems = ctx.certify(doc, res.claim, res.case, suffix)
        res.certificates.append(path)
        res.notes += [f"certificate rejected: {q}" for q in problems]
        ok &= good
    ex, bracket = joint.exact, joint.bracket
    if ex.status == "optimal":
        inside = bracket.lower <= ex.value <= bracket.upper
        ok &= inside
        res.notes.append(f"(2)+(8) exact optimum {ex.value} = {ex.value_float:.12g} (kind relu1d-joint-exact: "
                         f"primal network and dual v over the field of its surds); inside the bracket "
                         f"{bracket.text(12)}: {inside}")
    else:
        res.notes.append(f"(2)+(8) exact optimum not decided ({ex.reason}); bracket {bracket.text(12)}")
    return ok
