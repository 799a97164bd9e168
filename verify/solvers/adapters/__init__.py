"""The numerical solvers the harness asks, each behind one small adapter; what an adapter returns.

An adapter poses a :class:`~verify.solvers.problem.Problem` in its solver's own API and reports what the
solver says (:class:`Outcome`): its value, its own status and whether that status claims optimality, the
largest constraint violation of its point, and the dual objective and dual infeasibility of its multipliers
(when it gives them). A solver that is not installed is *absent* (``absent()`` says why); one that cannot pose a
variant does not list it. Nothing an adapter returns is trusted: the harness compares it with the certified
truth.

>>> sorted(s.name for s in SOLVERS)[:4]
['cbc', 'clarabel', 'ecos', 'gd-m16']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..problem import Problem, Variant


@dataclass(frozen=True)
class Outcome:
    """What a solver reported on a problem (module doc); ``value`` None when it gave none."""

    value: float | None
    status: str
    optimal: bool
    violation: float | None = None
    dual_value: float | None = None
    dual_violation: float | None = None
    note: str = ""
    seconds: float | None = None  # the solve alone, when the adapter times it apart from a child's start-up


class Solver(Protocol):
    """A numerical solver: its name, the variants it takes, whether it is installed, and a solve."""

    @property
    def name(self) -> str: ...

    @property
    def variants(self) -> frozenset[Variant]: ...

    def absent(self) -> str | None:
        """Why the solver cannot run here (a missing package), or None."""

    def solve(self, p: Problem) -> Outcome: ...


def _solvers() -> tuple[Solver, ...]:
    from .cbc import CBC
    from .conic import CONIC
    from .highs import HIGHS
    from .sampling import SAMPLING
    from .scnn import SCNN
    from .training import TRAINING

    return (*HIGHS, CBC, *CONIC, *TRAINING, *SAMPLING, *SCNN)


SOLVERS: tuple[Solver, ...] = _solvers()


def solver(name: str) -> Solver:
    """The solver of that name; KeyError lists them."""
    for s in SOLVERS:
        if s.name == name:
            return s
    raise KeyError(f"unknown solver {name!r}; the solvers are {', '.join(s.name for s in SOLVERS)}")
