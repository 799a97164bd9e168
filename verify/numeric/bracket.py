"""Float optima as rigorous intervals: the :class:`Bracket` and how a claim is compared with it.

A float solver (cvxpy with Clarabel by default, SCS as the alternative) only
*proposes* points. Their values become a :class:`Bracket` ``[lower, upper]``
with exact rational endpoints:

* ``upper`` is the objective of a **primal point made exactly feasible**
  (the caller restores the constraint, e.g. with :func:`verify.numeric.repair.restore_equality`,
  a rational least-squares correction, or by rescaling a neuron into the
  unit ball), evaluated exactly or in interval arithmetic (mpmath ``iv`` at
  ``DPS`` digits, outward rounded, so the enclosure is a proof);
* ``lower`` is the objective of a **dual point made exactly feasible** (e.g.
  clipped into its box with :func:`verify.numeric.repair.repair_box_sum`, or scaled by
  :func:`verify.numeric.repair.scale_into` so a constraint ``g(v) <= bound`` holds, with ``g``
  bounded above rigorously by the caller).

**The comparison rule.** Nothing here reads a solver's status. :func:`locate` places the claimed
quantity (itself an exact value or a bracket) against the bracket: INSIDE when the two intervals
meet after widening by ``tol``, ABOVE / BELOW when they are more than ``tol`` apart; a claim turns
that into CONFIRMED / CONTRADICTED (:func:`verify.result.confirmed`). ``tol`` is 0 when
both sides are rigorous enclosures of fixed mathematical quantities; a
positive ``tol`` (the documented solver accuracy ``SOLVER_TOL``) is used only
when the claimed quantity is the value of a point that a float solve chose
(the true formula point differs from the computed one by solver error).

>>> from fractions import Fraction as F
>>> b = Bracket(F(1), F(3, 2), "dual v", "primal w")
>>> b.width, b.contains(F(5, 4)), locate(b, F(2)), locate(b, F(2), tol=F(1))
(Fraction(1, 2), True, <Position.ABOVE: 'above'>, <Position.INSIDE: 'inside'>)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from enum import Enum
from fractions import Fraction


@dataclass(frozen=True)
class Bracket:
    """A proved enclosure ``lower <= value <= upper`` of a real number, with its provenance.

    ``lower_from`` / ``upper_from`` name the points that produced each end
    (e.g. "dual v of iteration 7, scaled by 0.93"); ``upper`` may be ``None``
    (no feasible primal point: the enclosure is one-sided).
    """

    lower: Fraction | None
    upper: Fraction | None
    lower_from: str = ""
    upper_from: str = ""

    def __post_init__(self) -> None:
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            raise ValueError(f"empty bracket [{self.lower}, {self.upper}]: weak duality is violated")

    @property
    def width(self) -> Fraction | None:
        return None if self.lower is None or self.upper is None else self.upper - self.lower

    def contains(self, value: Fraction, tol: Fraction = Fraction(0)) -> bool:
        return (self.lower is None or self.lower - tol <= value) and (self.upper is None or value <= self.upper + tol)

    def __str__(self) -> str:
        def dec(q: Fraction | None, sign: str) -> str:
            return sign + "oo" if q is None else f"{float(q):.12g}"
        w = self.width
        return f"[{dec(self.lower, '-')}, {dec(self.upper, '+')}] (width {'oo' if w is None else f'{float(w):.3g}'})"

    def text(self, digits: int = 12) -> str:
        """The enclosure in decimals rounded outward, so the printed interval still contains the value.

        >>> Bracket(Fraction(1, 3), Fraction(2, 3)).text(4)
        '[0.3333, 0.6667]'
        """
        def dec(q: Fraction | None, rounding: str) -> str:
            if q is None:
                return "-oo" if rounding == ROUND_FLOOR else "+oo"
            with localcontext() as ctx:
                ctx.prec, ctx.rounding = digits, rounding
                return str(Decimal(q.numerator) / Decimal(q.denominator))
        return f"[{dec(self.lower, ROUND_FLOOR)}, {dec(self.upper, ROUND_CEILING)}]"

    def as_json(self) -> dict[str, str | None]:
        return {"lower": None if self.lower is None else str(self.lower),
                "upper": None if self.upper is None else str(self.upper),
                "width": None if self.width is None else str(self.width),
                "lower_from": self.lower_from, "upper_from": self.upper_from}


class Position(str, Enum):
    """Where a claimed value lies against a bracket."""

    INSIDE = "inside"
    ABOVE = "above"
    BELOW = "below"


def locate(bracket: Bracket, claimed: Fraction | Bracket, tol: Fraction = Fraction(0)) -> Position:
    """INSIDE if ``claimed`` (a value or an interval) meets ``bracket`` widened by ``tol``, else ABOVE / BELOW."""
    c = claimed if isinstance(claimed, Bracket) else Bracket(claimed, claimed)
    if c.upper is not None and bracket.lower is not None and c.upper < bracket.lower - tol:
        return Position.BELOW
    if c.lower is not None and bracket.upper is not None and c.lower > bracket.upper + tol:
        return Position.ABOVE
    return Position.INSIDE


