"""CBC through PuLP on the LPs (interpolation, hinge); its duals are PuLP's constraint ``pi``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..problem import Problem, Variant
from . import Outcome


@dataclass(frozen=True)
class Cbc:
    name: str = "cbc"
    variants: frozenset[Variant] = frozenset({Variant.INTERPOLATION, Variant.HINGE})

    def absent(self) -> str | None:
        try:
            import pulp
        except ImportError:
            return "pulp is not installed"
        return None if pulp.PULP_CBC_CMD(msg=False).available() else "pulp's CBC binary is not available"

    def solve(self, p: Problem) -> Outcome:
        import pulp

        s = p.standard()
        prob = pulp.LpProblem("p", pulp.LpMinimize)
        z = [pulp.LpVariable(f"z{k}", None if np.isinf(lo) else float(lo), None if np.isinf(hi) else float(hi))
             for k, (lo, hi) in enumerate(zip(s.lo, s.hi))]
        prob += pulp.lpSum(float(c) * v for c, v in zip(s.c, z) if c)

        def rows(M, b, sense: str) -> list:
            out = []
            M = M.tocsr()
            for i in range(M.shape[0]):
                lo, hi = M.indptr[i], M.indptr[i + 1]
                expr = pulp.lpSum(float(a) * z[j] for j, a in zip(M.indices[lo:hi], M.data[lo:hi]))
                con = expr == float(b[i]) if sense == "eq" else expr <= float(b[i])
                prob.addConstraint(con, f"{sense}{i}")
                out.append(prob.constraints[f"{sense}{i}"])
            return out
        eq, ub = rows(s.A_eq, s.b_eq, "eq"), rows(s.A_ub, s.b_ub, "ub")
        prob.solve(pulp.PULP_CBC_CMD(msg=False))
        text = pulp.LpStatus[prob.status]
        if prob.status != pulp.LpStatusOptimal:
            return Outcome(None, text, False)
        point = np.array([v.value() or 0.0 for v in z])
        dual = (None, None)
        if all(c.pi is not None for c in eq + ub):
            dual = s.dual([c.pi for c in eq], [c.pi for c in ub])
        return Outcome(float(pulp.value(prob.objective) or 0.0), text, True, s.violation(point), *dual)


CBC = Cbc()
