"""What Ergen & Pilanci print: the finite program (37), Theorem 5.1's printed dual, Lemma 2.3's condition.

* (37): min ||w||_1 s.t. A_e w = y over the data-knot extreme points (no constant column), in the data's
  own coordinates;
* Theorem 5.1's dual as printed, posed over a mode's neurons;
* Lemma 2.3's second characterisation of spike-freeness (its value and whether it holds).
"""

from __future__ import annotations

from fractions import Fraction

from exact.l1 import l1_program
from exact.linalg import dot, rank, relu
from exact.lp import LinearProgram, LPResult, solve_lp
from exact.relu.dictionary import relu_atoms
from exact.relu.hinge import hinge_atoms
from exact.relu.spike_free import SpikeFreeDecision


def printed_dual_51(x, y, beta: Fraction, mode: str) -> LPResult:
    """Theorem 5.1's dual as printed, max v^T y s.t. 0 <= y_i v_i <= 1, v, -v in beta Q_A^o,
    posed over the mode's neurons (with 1^T v = 0 for the free-bias set) as min -v^T y, v free."""
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
    lp = LinearProgram(tuple(-yi for yi in y), A_eq=eq, b_eq=(Fraction(0),) * len(eq),
                       A_ub=tuple(rows), b_ub=tuple(rhs), free=frozenset(range(n)))
    return solve_lp(lp)


def paper_condition_7(dec: SpikeFreeDecision) -> tuple[bool, Fraction]:
    """Does ep Lemma 2.3's second condition hold, and the square of its max (a lower bound when it fails).

    The condition: max ||A^+ (A u)_+||^2 over ||u|| <= 1 with (I - A A^+)(A u)_+ = 0 is <= 1.
    Full row rank: the restriction is void (condition (7)); the max is >= 1
    (u = A^+ 1 / ||A^+ 1|| has A u >= 0 and A^+ A u = u), so it is exactly 1
    when the Gram criterion holds, and the witness gives a value > 1 otherwise.
    Rank one: (A u)_+ runs over the rays t c_+, t c_- (0 < t <= ||a||) and 0;
    a ray is in range(A) = span(c) iff c_+- is parallel to c, and then
    ||A^+ c_+- ||a|| ||^2 = (c^T c_+-)^2 / ||c||^4 with A^+ = a c^T / (||a||^2 ||c||^2).
    """
    if dec.method == "gram":
        value = Fraction(1) if dec.spike_free else dec.witness.norm2
        return value <= 1, value
    c = dec.c
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
