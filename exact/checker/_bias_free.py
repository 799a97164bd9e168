"""Helpers of the bias-free kinds (spike-free, spike-witness, whitened-l1, l1-l0-gap): private to the checker.

Convention (ep footnote 5): neurons u in R^d, ||u||_2 <= 1, no hidden bias, no
output bias; f(A) = sum_j w_j (A u_j)_+, cost ||w||_1. A is n x d (rows a_i).
A neuron is given either as a rational u (||u||^2 <= 1 checked) with weight w,
or, when its norm is irrational, as a direction p with a sign s: the neuron
u = p / ||p|| with weight s ||p|| contributes s (A p)_+ (ReLU is positively
homogeneous) at cost ||p|| = sqrt(p^T p).
"""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, list_, q, qlist
from .arith import matvec, rmatvec, sigma

ZERO = Fraction(0)


def matrix(doc: dict, name: str) -> list[list[Fraction]]:
    rows = [qlist(r, f"{name}[{i}]") for i, r in enumerate(list_(at(doc, name), name))]
    if not rows or any(len(r) != len(rows[0]) or not r for r in rows):
        raise Malformed(f"{name}: expected a non-empty rectangular matrix")
    return rows


def relu_image(A: list[list[Fraction]], u: list[Fraction]) -> list[Fraction]:
    """(A u)_+."""
    return [sigma(t, ZERO) for t in matvec(A, u)]


def gram_times(A: list[list[Fraction]], t: list[Fraction]) -> list[Fraction]:
    """A A^T t."""
    return matvec(A, rmatvec(A, t))


def both_signs(y: list[Fraction], problems: list[str]) -> None:
    if not (any(v > 0 for v in y) and any(v < 0 for v in y)):
        problems.append("y does not have both positive and negative entries")


def two_neurons(doc: dict, name: str, A, y, problems: list[str]) -> list[list[Fraction]]:
    """Parse two (p, sign) neurons and check sum s (A p)_+ = y; return the p's."""
    neurons = list_(at(doc, name), name, 2)
    ps, total = [], [ZERO] * len(y)
    for j, nu in enumerate(neurons):
        p = qlist(at(nu, "p", f"{name}[{j}]"), f"{name}[{j}].p", len(A[0]))
        s = q(at(nu, "sign", f"{name}[{j}]"), f"{name}[{j}].sign")
        if s not in (1, -1):
            raise Malformed(f"{name}[{j}].sign: expected '1' or '-1'")
        total = [tv + s * r for tv, r in zip(total, relu_image(A, p))]
        ps.append(p)
    if total != y:
        problems.append(f"{name}: sum_j s_j (A p_j)_+ != y")
    return ps


