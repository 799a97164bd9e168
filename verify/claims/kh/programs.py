"""What Kumar & Haupt print: the programs (7), (9), (11) as printed and corrected, and the bound on |J|.

kh's programs are pattern programs (:mod:`exact.relu.pattern_program`): (7) is the fit program
with N(w, b) = ||w||_2, (9) the same with ||[w, b]||_2, (11) the margin program. Per term (pattern
s, part eps) they print these sign rows S (p = X^T w + b 1):

=========  ==========  ===================  ======================
program    D           S, eps = +1          S, eps = -1
=========  ==========  ===================  ======================
(7)/(9)    h(s)        s                    -s  (printed "<= 0")
corrected  h(s)        s                    s
(11)       y ⊙ h(s)    s ⊙ y                -(s ⊙ y)  (printed)
corrected  y ⊙ h(s)    s                    s
=========  ==========  ===================  ======================

(9) prints the eps = -1 constraint strictly ("< 0"); the printed reading here is its closure
"<= 0" (a superset: infeasibility of the closure is infeasibility of (9) as printed).

Why the correction. With S = s, D ⊙ p = h(s) ⊙ p = sigma(p) on the data, so each term is the
neuron eps * sigma(X w + b 1), as the atoms of B_s (= -A_s) require. With the printed S = -s for
eps = -1, -D ⊙ p = sigma(-p): the "negative" part is again a *positive* neuron (-w, -b). So
(7)/(9) as printed only represent nonnegative measures mu >= 0; for alpha < 1 sigma is convex,
every feasible fit is convex on the data, and (7) is infeasible on non-convex data such as kh's
Figure 1 example. Similarly (11) as printed constrains y ⊙ p instead of p, so its terms are not
the atoms y ⊙ sigma(p) of kh (10). The corrected programs are the atom-term programs of the core.

>>> from fractions import Fraction as F
>>> from exact.relu.pattern_program import solve_1d
>>> x = [F(-1), F(0), F(1)]
>>> solve_1d(build(x, [F(2), F(1), F(2)], 7, "printed")).value
Fraction(2, 1)
>>> solve_1d(build(x, [F(1), F(-1), F(1)], 7, "printed")).status
'infeasible'
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from math import comb
from typing import Sequence

from exact.convention import Convention, HiddenBias
from exact.relu.arrangements import Pattern, affine_sign_patterns
from exact.relu.pattern_program import MINUS_ONE, ONE, PatternProgram, Term, as_rows, atom_terms, pattern_program

READINGS = ("printed", "corrected")
EQUATIONS = (7, 9, 11)


def printed_terms(patterns: Sequence[Pattern], alpha: Fraction, y: Sequence[Fraction] | None) -> tuple[Term, ...]:
    """The terms of (7)/(9) (``y`` None) or (11) as printed: the table of the module doc."""
    signs = [(ONE, MINUS_ONE)] * len(patterns[0]) if y is None else [(yk, -yk) for yk in y]  # +-s_k (y_k)
    return tuple(replace(t, S=tuple(e[sk * t.eps != 1] for sk, e in zip(t.pattern, signs, strict=True)))
                 for t in atom_terms(patterns, alpha, y))


def build(X: Sequence, y: Sequence, equation: int, reading: str, alpha: Fraction = Fraction(0),
          patterns: Sequence[Sequence[int]] | None = None) -> PatternProgram:
    """kh's program ``equation`` (7, 9 or 11) in ``reading`` over J (computed exactly unless given).

    ``X`` is an n x d matrix or a 1-D list of points.
    """
    if equation not in EQUATIONS or reading not in READINGS:
        raise ValueError(f"equation must be one of {EQUATIONS}, reading one of {READINGS}")
    alpha, rows, yq = Fraction(alpha), as_rows(X), tuple(map(Fraction, y))
    margin = equation == 11
    J = tuple(map(tuple, patterns)) if patterns is not None else tuple(affine_sign_patterns(rows))
    scale = yq if margin else None
    terms = printed_terms(J, alpha, scale) if reading == "printed" else atom_terms(J, alpha, scale)
    conv = Convention(alpha, HiddenBias.IN_NORM if equation == 9 else HiddenBias.FREE)  # (9): kh (8); else kh (3)
    return pattern_program(rows, yq, conv, margin=margin, patterns=J, terms=terms, name=f"kh ({equation}) {reading}")


def equation_of(prog: PatternProgram) -> int:
    """The kh equation number of a program built by :func:`build`."""
    return 9 if prog.joint_norm else 11 if prog.margin else 7


def kh_bound(N: int, d: int) -> int:
    """kh's refined bound |J| <= 2 sum_{i=1}^{d} C(N, i) (Section III-A, after Theorem 1).

    >>> kh_bound(4, 2), kh_bound(5, 1)
    (20, 10)
    """
    return 2 * sum(comb(N, i) for i in range(1, d + 1))
