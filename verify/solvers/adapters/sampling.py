"""pe (8) with sampled patterns, as the sampling solvers do (pe Remark 3.2): k Gaussian gates g, the patterns
D = diag(1[X g >= 0]), (8) over those only, solved by Clarabel. Its value is (8)'s over a subset of the patterns,
so it is >= (8)'s optimum and equals it once the samples hit every pattern an optimum uses; the status is the
restricted program's, so "optimal" here claims only that."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..problem import Problem, Variant
from . import Outcome
from .conic import Conic

SEED = 0


@dataclass(frozen=True)
class Sampled:
    name: str
    samples: int
    variants: frozenset[Variant] = frozenset({Variant.CONE})

    def absent(self) -> str | None:
        return Conic(self.name, "CLARABEL").absent()

    def solve(self, p: Problem) -> Outcome:
        import cvxpy as cp

        from verify.numeric.cone_program import restricted_program

        assert p.beta is not None
        X = np.array([[float(a) for a in r] for r in p.X])
        gates = np.random.default_rng(SEED).standard_normal((X.shape[1], self.samples))
        S = np.unique(np.where(X @ gates >= 0, 1, -1).T, axis=0)
        problem, _, _ = restricted_program(X, np.array([float(t) for t in p.y]), float(p.beta), "squared", S)
        status = Conic(self.name, "CLARABEL")._run(problem)
        value = None if problem.value is None else float(problem.value)
        return Outcome(value, status, status == cp.OPTIMAL, None, note=f"{len(S)} distinct patterns of "
                       f"{self.samples} Gaussian gates (seed {SEED})")


SAMPLING = (Sampled("sampled-8", 8), Sampled("sampled-64", 64))
