"""CBC through PuLP on the LPs (interpolation, hinge); its duals are PuLP's constraint ``pi``.

PuLP is imported only in a child process (``python -m verify.solvers.adapters.cbc``): importing pulp 3.x
preloads highspy's C extension with RTLD_GLOBAL, and OSQP's setup then segfaults in the same process (found by
this harness: pulp 3.3.2, highspy 1.16.0, osqp 1.1.3; ``tests/verify/test_solvers.py`` keeps the regression).
The child reads the pickled matrix form from a file and writes PuLP's answer to another.
"""

from __future__ import annotations

import importlib.util
import pickle
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..problem import Problem, Standard, Variant
from . import Outcome

TIMEOUT = 600


@dataclass(frozen=True)
class Cbc:
    name: str = "cbc"
    variants: frozenset[Variant] = frozenset({Variant.INTERPOLATION, Variant.HINGE})

    def absent(self) -> str | None:
        return None if importlib.util.find_spec("pulp") is not None else "pulp is not installed"

    def solve(self, p: Problem) -> Outcome:
        s = p.standard()
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = Path(tmp) / "in.pickle", Path(tmp) / "out.pickle"
            src.write_bytes(pickle.dumps(s))
            run = subprocess.run([sys.executable, "-m", __name__, str(src), str(dst)], capture_output=True,
                                 text=True, timeout=TIMEOUT)
            if run.returncode != 0 or not dst.exists():
                return Outcome(None, f"child failed (exit {run.returncode}): {run.stderr.strip()[-160:]}", False)
            text, value, point, pi_eq, pi_ub, seconds = pickle.loads(dst.read_bytes())
        if point is None:
            return Outcome(None, text, False, seconds=seconds)
        dual = s.dual(pi_eq, pi_ub) if None not in pi_eq + pi_ub else (None, None)
        return Outcome(value, text, True, s.violation(np.array(point)), *dual,
                       note="time: PuLP's model and CBC, without the child's start-up", seconds=seconds)


def _solve(s: Standard) -> tuple[str, float | None, list[float] | None, list, list, float]:
    """PuLP + CBC on the matrix form: (status, value, point, pi of the = rows, pi of the <= rows, seconds)."""
    import pulp

    start = time.perf_counter()

    if not pulp.PULP_CBC_CMD(msg=False).available():
        return "pulp's CBC binary is not available", None, None, [], [], time.perf_counter() - start
    prob = pulp.LpProblem("p", pulp.LpMinimize)
    z = [pulp.LpVariable(f"z{k}", None if np.isinf(lo) else float(lo), None if np.isinf(hi) else float(hi))
         for k, (lo, hi) in enumerate(zip(s.lo, s.hi))]
    prob += pulp.lpSum(float(c) * v for c, v in zip(s.c, z) if c)
    names: dict[str, list[str]] = {"eq": [], "ub": []}
    for sense, M, b in (("eq", s.A_eq.tocsr(), s.b_eq), ("ub", s.A_ub.tocsr(), s.b_ub)):
        for i in range(M.shape[0]):
            lo, hi = M.indptr[i], M.indptr[i + 1]
            expr = pulp.lpSum(float(a) * z[j] for j, a in zip(M.indices[lo:hi], M.data[lo:hi]))
            prob.addConstraint(expr == float(b[i]) if sense == "eq" else expr <= float(b[i]), f"{sense}{i}")
            names[sense].append(f"{sense}{i}")
    prob.solve(pulp.PULP_CBC_CMD(msg=False))
    text = pulp.LpStatus[prob.status]
    if prob.status != pulp.LpStatusOptimal:
        return text, None, None, [], [], time.perf_counter() - start
    pis = {k: [prob.constraints[n].pi for n in v] for k, v in names.items()}
    return (text, float(pulp.value(prob.objective) or 0.0), [v.value() or 0.0 for v in z], pis["eq"], pis["ub"],
            time.perf_counter() - start)


CBC = Cbc()

if __name__ == "__main__":
    Path(sys.argv[2]).write_bytes(pickle.dumps(_solve(pickle.loads(Path(sys.argv[1]).read_bytes()))))
