"""One problem with its certified answer, as a solver's test sees it: :class:`ExactCase`, the value of the pytest
fixture ``relu_certify_case`` (:mod:`verify.solvers.plugin`).

The exact data (Fractions), the certified bracket [lower, upper] (lower == upper for the 1-D families), the
certified network, float views for the solver, and tolerance checks computed exactly: ``close`` measures the
distance of the float to [lower, upper] in Fractions, so no rounding of the truth can pass a wrong answer. The
tolerance is the harness's (:class:`verify.solvers.harness.Tolerance`): ``abs + rel max(|lower|, |upper|)``.

Only the standard library is imported at load; numpy and the problem's matrices only
when asked for, so the plugin stays cheap to load.

>>> from fractions import Fraction as F
>>> from verify.solvers.problem import Problem, Variant
>>> from verify.solvers.truth import compute
>>> p = Problem("tent", "demo", Variant.INTERPOLATION, ((F(0),), (F(1),), (F(2),)), (F(0), F(1), F(0)))
>>> case = ExactCase.from_truth(p, compute(p))
>>> case.value, case.x, case.close(2.0000019), case.close(2.0000021)
(Fraction(2, 1), (Fraction(0, 1), Fraction(1, 1), Fraction(2, 1)), True, False)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Real
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the runtime imports are lazy: numpy and the problem module load only when used
    import numpy as np

    from exact.convention import Convention

    from .problem import Problem, Standard
    from .truth import Truth


class NotExact(ValueError):
    """The case's truth is a bracket [lower, upper], not one value."""


def _exact(value: Real | Fraction) -> Fraction | None:
    """value as an exact Fraction (a float is taken at its binary value), None when it is not finite."""
    if isinstance(value, (Fraction, int)):
        return Fraction(value)
    f = float(value)  # numpy scalars of any width and other Reals land here
    return Fraction(f) if math.isfinite(f) else None


@dataclass(frozen=True)
class ExactCase:
    """A problem (``X`` n x d, d = 1 for the 1-D variants; labels ``y``; ``beta`` None for interpolation) and its
    checked truth: the optimal value lies in [``lower``, ``upper``]; ``solution`` is the certified primal point
    (1-D: a network ``{u, b, w, constant}`` of decimal strings)."""

    problem: Problem
    lower: Fraction
    upper: Fraction
    solution: dict[str, Any] = field(compare=False)

    @classmethod
    def from_truth(cls, p: Problem, truth: Truth) -> "ExactCase":
        return cls(p, truth.lower, truth.upper, truth.solution)

    # ---- the exact data and answer (the problem's, by name) ------------------------------------------------

    @property
    def name(self) -> str:
        return self.problem.name

    @property
    def family(self) -> str:
        return self.problem.family

    @property
    def variant(self) -> str:
        """The variant's name: interpolation, regularised, hinge or cone."""
        return self.problem.variant.value

    @property
    def X(self) -> tuple[tuple[Fraction, ...], ...]:
        return self.problem.X

    @property
    def y(self) -> tuple[Fraction, ...]:
        return self.problem.y

    @property
    def beta(self) -> Fraction | None:
        return self.problem.beta

    @property
    def convention(self) -> Convention:
        return self.problem.convention

    @property
    def statement(self) -> str:
        return self.problem.variant.statement

    @property
    def n(self) -> int:
        return self.problem.n

    @property
    def x(self) -> tuple[Fraction, ...]:
        """The 1-D data points (a cone case has d-dimensional rows: use ``X``)."""
        if any(len(r) != 1 for r in self.X):
            raise ValueError(f"relu-certify case {self.name!r} has {len(self.X[0])}-dimensional data; use .X")
        return self.problem.x

    @property
    def exact(self) -> bool:
        return self.lower == self.upper

    @property
    def value(self) -> Fraction:
        """The exact optimal value; :class:`NotExact` when the certificate only brackets it."""
        if not self.exact:
            raise NotExact(f"relu-certify case {self.name!r} has no exact value: its certificate brackets the optimum "
                           f"in [{float(self.lower)!r}, {float(self.upper)!r}] (exactly: .lower, .upper); compare "
                           f"with .close(value) / .assert_close(value), which measure the distance to the bracket")
        return self.lower

    def truth_text(self) -> str:
        return str(self.lower) if self.exact else f"[{self.lower}, {self.upper}]"

    # ---- float views for the solver under test -------------------------------------------------------------

    @property
    def x_float(self) -> np.ndarray:
        import numpy as np

        return np.array([float(t) for t in self.x])

    @property
    def X_float(self) -> np.ndarray:
        import numpy as np

        return np.array([[float(a) for a in r] for r in self.X]).reshape(len(self.X), -1)

    @property
    def y_float(self) -> np.ndarray:
        import numpy as np

        return np.array([float(t) for t in self.y])

    def matrix(self) -> np.ndarray:
        """The dictionary A (n x N): the data-knot atoms on the data, in floats (1-D variants)."""
        if self.variant == "cone":
            raise ValueError(f"relu-certify case {self.name!r} is a pe (8) cone program: it has no atom dictionary; "
                             f"use .X_float")
        return self.problem.dictionary()

    def standard(self) -> Standard:
        """The 1-D variant as one LP / QP in matrix form (:class:`verify.solvers.problem.Standard`)."""
        return self.problem.standard()

    # ---- tolerance checks, exact ---------------------------------------------------------------------------

    def tolerance(self, rel: float = 1e-6, abs: float = 1e-9) -> Fraction:
        from .truth import allowance

        return allowance(self.lower, self.upper, rel, abs)

    def error(self, value: Real | Fraction) -> Fraction | None:
        """The exact distance of value to [lower, upper] (0 inside; None for nan / inf)."""
        from .truth import distance

        q = _exact(value)
        return None if q is None else distance(self.lower, self.upper, q)

    def close(self, value: Real | Fraction, rel: float = 1e-6, abs: float = 1e-9) -> bool:
        """Whether value is within ``abs + rel max(|lower|, |upper|)`` of [lower, upper]."""
        err = self.error(value)
        return err is not None and err <= self.tolerance(rel, abs)

    def assert_close(self, value: Real | Fraction, rel: float = 1e-6, abs: float = 1e-9) -> None:
        """AssertionError naming the case, the value, the certified value and the error unless ``close``."""
        __tracebackhide__ = True  # pytest shows the failure at the caller's line, where the solver's value is
        if self.close(value, rel, abs):
            return
        err = self.error(value)
        scale = max(-self.lower, self.lower, -self.upper, self.upper)
        how = "not finite" if err is None else \
            f"error {float(err):.3e}" + (f" (relative {float(err / scale):.3e})" if scale else "")
        raise AssertionError(f"relu-certify case {self.name!r} ({self.variant}): the solver's value {value!r} is not "
                             f"the certified value {self.truth_text()} (~{float(self.lower + self.upper) / 2!r}): "
                             f"{how} > tolerance {float(self.tolerance(rel, abs)):.3e} (rel={rel}, abs={abs})")
