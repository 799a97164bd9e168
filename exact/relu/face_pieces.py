"""The exact range of the number of pieces over the optimal face of a 1-D pattern program.

Setting: a fit program of :mod:`exact.relu.pattern_program` with atom terms (kh's (7) corrected)
in 1-D is the LP :func:`exact.relu.pattern_program.lp_1d` (per term k: w+ = column 3k,
w- = 3k+1, b = 3k+2 free, cost sum w+ + w-). A point z of its optimal face F is the network
sum_k eps_k sigma(w_k t + b_k), w_k = w+_k - w-_k, with 1 + (its kinks) pieces over R (kh's
Figure 1(a)-(c) shows optimal solutions with different numbers of pieces); :func:`piece_range`
decides the least and the largest exactly.

The math (all exact):

* On F, min(w+_k, w-_k) = 0: lowering both by their minimum keeps every row (rows see w+ - w-
  only) and lowers the cost. F is convex, so one of w+_k, w-_k is 0 on all of F, the sign of
  w_k is fixed on F and |w_k| = w+_k + w-_k is LINEAR on F. The slope of
  eps sigma(w t + b) jumps by eps (1 - alpha) |w| at t = -b / w (:func:`exact.checker.relu1d.kinks_1d`).
* E = aff(F) = {A_eq z = b_eq, cost = value, the implicit equalities of F}, found and certified
  by :func:`exact.lp.face.face_hull` (a strictly complementary optimal dual: z_i < 0 on every row
  tight on all of F, reduced cost > 0 on every column 0 on all of F; a relative-interior point).
  Write E = {z0 + K lambda}.
* Terms with w_k = 0 identically on E never kink. For the others, k ~ l iff the quadratic
  q_kl = b_k w_l - b_l w_k vanishes identically on E (constant, linear and symmetrised
  quadratic coefficients in lambda all 0). This is an equivalence (off the hyperplane w_l = 0
  of E, q_kl = q_lm = 0 give b_k / w_k = b_l / w_l = b_m / w_m; a polynomial vanishing on a
  dense set vanishes). The class jump J_C = sum_{k in C} eps_k (1 - alpha)(w+_k + w-_k) is linear.
* Upper bound, every z in F: at z the terms of a class with w_k(z) != 0 share one kink, those
  with w_k(z) = 0 add 0 to J_C(z) (|w_k| = 0), so the kinks of z are among the points of the
  classes with J_C(z) != 0: pieces(z) <= 1 + #{C : J_C not identically 0 on E}. This only needs
  F inside E, so a certificate with fewer tight rows gives a weaker but still valid bound.
* Attained at a generic point of relint F (outside the zero sets of the nonzero polynomials
  w_k, q_kl (k, l in different classes) and J_C on E): z = p + eps K lambda, p relative interior,
  lambda random integers, eps small enough to keep every non-implicit inequality slack. Its
  pieces are counted exactly; a few seeds are tried. Witness == bound proves the maximum.
* Least number: the fewest pieces among vertices of F reached by seeded objectives
  (:func:`exact.relu.pattern_program.face_solutions`); proved when it equals 1 +
  :func:`exact.checker.relu1d.secant_kinks`
  (kinks forced by the secant slopes of the data for ANY interpolant).

>>> F = Fraction
>>> from exact.relu.pattern_program import pattern_program, solve_1d
>>> pr = piece_range(solve_1d(pattern_program([F(0), F(1)], [F(0), F(1)])))
>>> pr.min_pieces, pr.max_pieces, pr.max_proved
(2, 5, True)
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

from ..checker.relu1d import secant_kinks
from ..lp.face import FaceHull, face_hull
from .pattern_program import PatternSolution, face_solutions

Vector = tuple[Fraction, ...]


@dataclass(frozen=True)
class PieceRange:
    """min / max of the number of pieces over R of the networks of the optimal face F of a 1-D program.

    ``classes`` are the term classes (terms whose kinks coincide on all of F, w not identically 0),
    ``jumping[c]`` whether class c's net slope jump J_C is not identically 0 on E = aff(F);
    ``max_bound`` = 1 + sum(jumping) bounds the pieces on F (module doc). ``min_floor`` = 1 + the
    secant kink bound of the data (any interpolant). ``hull`` is the certified affine hull.
    """

    solution: PatternSolution
    hull: FaceHull
    classes: tuple[tuple[int, ...], ...]
    jumping: tuple[bool, ...]
    max_bound: int
    max_pieces: int
    max_witness: PatternSolution
    min_floor: int
    min_pieces: int
    min_witness: PatternSolution
    seeds_tried: int

    @property
    def max_proved(self) -> bool:
        return self.max_pieces == self.max_bound

    @property
    def min_proved(self) -> bool:
        return self.min_pieces == self.min_floor


def pieces(sol: PatternSolution) -> int:
    """Number of linear pieces over R of the network of ``sol`` (exact kinks, cancellations removed)."""
    return sol.network().pieces()


def _affine(z0: Vector, K: tuple[Vector, ...], coef: dict[int, Fraction]) -> tuple[Fraction, list[Fraction]]:
    """The linear form sum_j coef_j z_j on z = z0 + K lambda: (constant, coefficients of lambda)."""
    return (sum((a * z0[j] for j, a in coef.items()), Fraction(0)),
            [sum((a * k[j] for j, a in coef.items()), Fraction(0)) for k in K])


def term_forms(z0: Vector, K: tuple[Vector, ...], m: int):
    """Per term k, (w_k, b_k) as affine forms in lambda on z0 + K lambda."""
    return [(_affine(z0, K, {3 * k: Fraction(1), 3 * k + 1: Fraction(-1)}), _affine(z0, K, {3 * k + 2: Fraction(1)}))
            for k in range(m)]


def _zero(form) -> bool:
    return form[0] == 0 and not any(form[1])


def same_kink(wb_k, wb_l) -> bool:
    """b_k w_l - b_l w_k == 0 identically in lambda (all coefficients of the quadratic vanish)."""
    (wk, bk), (wl, bl) = wb_k, wb_l
    if bk[0] * wl[0] - bl[0] * wk[0]:
        return False
    n = len(wk[1])
    if any(bk[0] * wl[1][i] + wl[0] * bk[1][i] - bl[0] * wk[1][i] - wk[0] * bl[1][i] for i in range(n)):
        return False
    quad = [[bk[1][i] * wl[1][j] - bl[1][i] * wk[1][j] for j in range(n)] for i in range(n)]
    return all(quad[i][j] + quad[j][i] == 0 for i in range(n) for j in range(i, n))


def kink_classes(z0: Vector, K: tuple[Vector, ...], eps: list[int], alpha: Fraction
                 ) -> tuple[tuple[tuple[int, ...], ...], tuple[bool, ...]]:
    """The classes of terms (w not identically 0) with one common kink on z0 + K lambda, and whether
    each class's jump sum_{k in C} eps_k (1 - alpha)(w+_k + w-_k) is not identically 0."""
    forms = term_forms(z0, K, len(eps))
    classes: list[list[int]] = []
    for k, wb in enumerate(forms):
        if _zero(wb[0]):
            continue
        home = next((c for c in classes if same_kink(forms[c[0]], wb)), None)
        if home is None:
            classes.append([k])
        else:
            home.append(k)
    jumping = []
    for c in classes:
        coef = {}
        for k in c:
            coef[3 * k] = coef[3 * k + 1] = eps[k] * (1 - alpha)
        jumping.append(not _zero(_affine(z0, K, coef)))
    return tuple(map(tuple, classes)), tuple(jumping)


def _generic_point(sol: PatternSolution, hull: FaceHull, rng: random.Random) -> Vector:
    """p + t K lambda for random integer lambda, t <= 1 keeping every non-implicit inequality slack."""
    lp, p = sol.lp, hull.point
    direction = [Fraction(0)] * lp.num_vars
    for k in hull.kernel:
        c = rng.randint(-9, 9)
        direction = [d + c * v for d, v in zip(direction, k)]
    limits = [Fraction(1)]
    for row, b in zip(lp.A_ub, lp.b_ub):
        rate = sum((a * direction[j] for j, a in row.items()), Fraction(0))
        if rate > 0:  # implicit rows have rate 0 (the kernel keeps them)
            limits.append((b - sum((a * p[j] for j, a in row.items()), Fraction(0))) / rate)
    limits += [p[j] / -direction[j] for j in range(lp.num_vars) if j not in lp.free and direction[j] < 0]
    t = min(limits) / 2
    return tuple(v + t * d for v, d in zip(p, direction))


def piece_range(sol: PatternSolution, seeds: int = 8, objectives: int = 16) -> PieceRange:
    """The exact maximum (and the best minimum) of the number of pieces over the optimal face (module doc).

    ``seeds`` generic points are tried for the maximum (stopping at the bound), ``objectives``
    seeded vertex objectives for the minimum.
    """
    prog = sol.program
    if sol.status != "optimal" or prog.dim != 1 or prog.joint_norm or prog.margin or not prog.atoms_only:
        raise ValueError("piece_range: an optimal 1-D solution of a fit program with atom terms")
    alpha = prog.alpha
    hull = face_hull(sol.lp, sol.result)
    eps = [t.eps for t in prog.terms]
    classes, jumping = kink_classes(hull.point, hull.kernel, eps, alpha)
    bound = 1 + sum(jumping)
    best, tried = sol.at_point(hull.point), 0
    for seed in range(seeds):
        if pieces(best) == bound:
            break
        tried += 1
        cand = sol.at_point(_generic_point(sol, hull, random.Random(seed)))
        if pieces(cand) > pieces(best):
            best = cand
    rng = random.Random(0)
    vertices = face_solutions(sol, [[rng.randint(-3, 3) for _ in eps] for _ in range(objectives)])
    few = min(vertices + [best], key=pieces)
    x = [r[0] for r in prog.X]
    return PieceRange(sol, hull, classes, jumping, bound, pieces(best), best, 1 + secant_kinks(x, prog.y),
                      pieces(few), few, tried)


