"""What Ergen & Pilanci print: the finite program (37), Theorem 5.1's printed dual, Lemma 2.3's condition.

* (37): min ||w||_1 s.t. A_e w = y over the data-knot extreme points (no constant column), in the data's
  own coordinates;
* Theorem 5.1's dual as printed, posed over a mode's neurons;
* Lemma 2.3's second characterisation of spike-freeness (its value and whether it holds), given the
  certified decision.
"""

from __future__ import annotations

from fractions import Fraction

from exact.l1 import l1_program
from exact.linalg import dot, rank, relu
from exact.lp import LinearProgram
from exact.relu.dictionary import relu_atoms
from exact.relu.hinge import hinge_atoms
from exact.relu.hull import Matrix
from exact.relu.rank_one import factor_rank_one

from ...context import Certified


def printed_dual_51(x, y, beta: Fraction, mode: str) -> LinearProgram:
    """Theorem 5.1's dual as printed, max v^T y s.t. 0 <= y_i v_i <= 1, v, -v in beta Q_A^o,
    posed over the mode's neurons (with 1^T v = 0 for the free-bias set) as the LP min -v^T y, v free
    (its optimum is minus the printed dual's value)."""
    x, y = tuple(map(Fraction, x)), tuple(map(Fraction, y))
    n = len(x)
    rows, rhs = [], []
    for i, yi in enumerate(y):  # 0 <= y_i v_i <= 1
        rows += [{i: yi}, {i: -yi}]
        rhs += [Fraction(1), Fraction(0)]
    for a in hinge_atoms(x, mode):  # |v^T a_j| <= beta
        col = {i: g for i, xi in enumerate(x) if (g := a(xi, Fraction(0)))}
        rows += [col, {i: -g for i, g in col.items()}]
        rhs += [beta, beta]
    eq = ({i: Fraction(1) for i in range(n)},) if mode == "infinite" else ()
    return LinearProgram(tuple(-yi for yi in y), A_eq=eq, b_eq=(Fraction(0),) * len(eq),
                         A_ub=tuple(rows), b_ub=tuple(rhs), free=frozenset(range(n)))


def paper_condition_7(A: Matrix, decided: Certified) -> tuple[bool, Fraction]:
    """Does ep Lemma 2.3's second condition hold for A, and the square of its max (a lower bound when it fails),
    given the certified spike-free decision ``decided`` about A (kind spike-free or spike-witness).

    The condition: max ||A^+ (A u)_+||^2 over ||u|| <= 1 with (I - A A^+)(A u)_+ = 0 is <= 1.
    Full row rank: the restriction is void (condition (7)); the max is >= 1
    (u = A^+ 1 / ||A^+ 1|| has A u >= 0 and A^+ A u = u), so it is exactly 1
    when A is certified spike-free, and the certified witness gives the value min_norm2 > 1 otherwise.
    Rank one A = c a^T: (A u)_+ runs over the rays t c_+, t c_- (0 < t <= ||a||) and 0;
    a ray is in range(A) = span(c) iff c_+- is parallel to c, and then
    ||A^+ c_+- ||a|| ||^2 = (c^T c_+-)^2 / ||c||^4 with A^+ = a c^T / (||a||^2 ||c||^2).
    """
    if rank(A) == len(A):
        if decided.kind_relation == "holds":
            return True, Fraction(1)
        value = Fraction(decided.qualifier("min_norm2"))
        return value <= 1, value
    c, _ = factor_rank_one(A)
    values = [Fraction(0)]
    for ray in (relu(c), relu(tuple(-x for x in c))):
        if any(ray) and rank((c, ray)) <= 1:
            values.append(dot(c, ray) ** 2 / dot(c, c) ** 2)
    return max(values) <= 1, max(values)


def original_lp_37(x, y):
    """ep (37) in the data's own coordinates: min ||w||_1 s.t. A_e w = y (for the lp certificate)."""
    atoms = relu_atoms(x)
    cols = [{i: v for i, xi in enumerate(x) if (v := a(xi, Fraction(0)))} for a in atoms]
    return l1_program(cols, y)
