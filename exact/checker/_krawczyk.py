"""Krawczyk's interval Newton test, shared by the isolated kinds (private to the checker; standard library only).

For F: R^N -> R^N continuously differentiable, a box B = [m - r, m + r], a rational N x N matrix Y and an
enclosure F'(B) of the Jacobians over B: if K(B) = m - Y F(m) + (I - Y F'(B)) (B - m) lies in the interior of B,
then F has exactly one zero in B, and every matrix of F'(B) is nonsingular (Krawczyk 1969; Neumaier, Interval
Methods for Systems of Equations, 1990, Thm 5.1.7: the inclusion gives |I - Y F'(B)| r < r componentwise, so
the spectral radius of |I - Y F'(B)| is below 1).

>>> from fractions import Fraction as F
>>> from .arith import Interval
>>> square = lambda z: ([z[0].square() - 2], [[z[0] * 2]])  # x^2 - 2 = 0 near 1.4142
>>> krawczyk(square, [F(99, 70)], [F(1, 1000)], [[F(35, 99)]]), krawczyk(square, [F(3, 2)], [F(1, 1000)], [[F(1, 3)]])
([], [0])
"""
from __future__ import annotations

from fractions import Fraction
from typing import Callable, Sequence

from ._fields import Malformed, at, list_, qlist
from .arith import Interval

System = Callable[[list[Interval]], tuple[list[Interval], list[list[Interval]]]]


def krawczyk(system: System, centre: Sequence[Fraction], radius: Sequence[Fraction],
             Y: Sequence[Sequence[Fraction]]) -> list[int]:
    """The coordinates where K(B) is not inside the interior of B (empty: F has exactly one zero in B);
    ``system(z)`` returns F(z) and F'(z) over the box z."""
    N = len(centre)
    Fm, _ = system([Interval(t) for t in centre])
    box = [Interval.around(m, r) for m, r in zip(centre, radius, strict=True)]
    _, JB = system(box)
    out = []
    for i in range(N):
        k = centre[i] - sum((Y[i][j] * Fm[j] for j in range(N)), Interval(0))
        for j in range(N):
            a = (1 if i == j else 0) - sum((Y[i][l2] * JB[l2][j] for l2 in range(N)), Interval(0))
            k += Interval(-radius[j], radius[j]) * a.magnitude()
        if not k.inside(box[i]):
            out.append(i)
    return out


def checked_box(doc: dict, N: int, system: System, problems: list[str]) -> list[Interval]:
    """The box B = [m - r, m + r] of ``box.centre`` m and ``box.radius`` r > 0 (N entries each), with Krawczyk's test
    under ``preconditioner`` (N x N) run on it: a problem names the coordinates where K(B) leaves B."""
    centre = qlist(at(doc, "box.centre"), "box.centre", N)
    radius = qlist(at(doc, "box.radius"), "box.radius", N)
    if any(r <= 0 for r in radius):
        raise Malformed("box.radius: expected positive radii")
    Y = [qlist(row, f"preconditioner[{i}]", N)
         for i, row in enumerate(list_(at(doc, "preconditioner"), "preconditioner", N))]
    if bad := krawczyk(system, centre, radius, Y):
        problems.append(f"Krawczyk: K(B) is not inside the box in coordinates {bad}")
    return [Interval.around(m, r) for m, r in zip(centre, radius, strict=True)]
