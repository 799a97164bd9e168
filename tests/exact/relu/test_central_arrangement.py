"""The exact central arrangement (exact/relu/arrangements/central.py): counts of faces, regions, pe's D_i and S_X
on fixed matrices in general position and degenerate ones, cross-checked against the LP-based central sign
patterns and an exact LP per sign vector, the float angular order repaired, and sampled patterns."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F

import numpy as np
import pytest

from exact.linalg import rank
from exact.lp import LinearProgram, solve_lp
from exact.relu.arrangements import central_arrangement, central_sign_patterns, planar, region_bound, sampled_patterns


def matrix(rows: list[list[object]]) -> list[list[F]]:
    return [[F(a) for a in row] for row in rows]


def counts(X: list[list[F]]) -> tuple[int, int, int, int, int]:
    A = central_arrangement(X)
    return A.rank, len(A.faces), len(A.regions), len(A.patterns), len(A.open_patterns)


def exact_faces(X: list[list[F]]) -> set[tuple[int, ...]]:
    """Brute force: sigma is a face iff sigma_i x_i . u >= 1 (sigma_i != 0), x_i . u = 0 (sigma_i = 0) is
    feasible (a cone: scale), decided by the exact LP."""
    d = len(X[0])
    out = set()
    for s in itertools.product((-1, 0, 1), repeat=len(X)):
        ub = [{j: -si * a for j, a in enumerate(x) if a} for x, si in zip(X, s) if si]
        eq = [{j: a for j, a in enumerate(x) if a} for x, si in zip(X, s) if not si]
        lp = LinearProgram(c=(F(0),) * d, A_ub=tuple(ub), b_ub=(F(-1),) * len(ub), A_eq=tuple(eq),
                           b_eq=(F(0),) * len(eq), free=frozenset(range(d)))
        if solve_lp(lp).status != "infeasible":
            out.add(s)
    return out


# six directions in general position in the plane, not in an open half-space
PLANE = matrix([[3, 1], [-1, 2], [-2, -1], [1, -3], [2, 5], [-4, 1]])
# five rows in general position in R^3, all with a positive last entry (an open half-space)
SPACE = matrix([[1, 0, 1], [0, 1, 1], [-1, -1, 1], [2, -1, 3], [-2, 3, 5]])


def test_general_position_in_the_plane_meets_17():
    # 2n regions, 2n rays, the origin; D = all ones (u = 0) is no region's pattern: P = 2n + 1
    assert counts(PLANE) == (2, 25, 12, 13, 13)
    assert region_bound(6, 2) == 12


def test_general_position_in_space_meets_17():
    # 22 regions = 2 (C(4,0) + C(4,1) + C(4,2)); 20 rays (two per pair), 40 2-faces (8 per plane), the origin;
    # the rows lie in an open half-space, so the all-ones D is a region's and P = regions
    assert counts(SPACE) == (3, 83, 22, 22, 22)
    assert region_bound(5, 3) == 22


def test_repeated_and_positive_multiple_rows_add_no_face():
    # three distinct lines in an open half-space (u = (1, 1)): 6 regions, 6 rays, the origin; P = regions
    X = matrix([[1, 0], [0, 1], [2, 0], [1, 1]])
    assert counts(X) == (2, 13, 6, 6, 6)
    assert counts(X[:2] + X[3:]) == (2, 13, 6, 6, 6)


def test_a_zero_row_is_zero_on_every_face():
    A = central_arrangement(matrix([[1, 0], [0, 0], [0, 1]]))
    assert {f.sign[1] for f in A.faces} == {0}
    assert (A.rank, len(A.faces), len(A.regions), len(A.patterns)) == (2, 9, 4, 4)


def test_rank_deficient_rows_live_in_a_plane():
    # three rows in the plane z = x + y of R^3: rank 2, the faces of a planar arrangement times the line
    X = matrix([[1, 0, 1], [0, 1, 1], [1, -1, 0]])
    A = central_arrangement(X)
    assert (A.rank, len(A.faces), len(A.regions)) == (2, 13, 6)
    assert {f.dimension for f in A.faces} == {1, 2, 3}  # the lineality space null(X) is a line
    assert [f for f in A.faces if not any(f.sign)][0].dimension == 1


def test_antipodal_rows_give_more_patterns_than_regions_and_break_17():
    # x and -x are both 0 on their hyperplane, where D has ones at both: no region has that D
    A = central_arrangement(matrix([[1, 0], [-1, 0], [0, 1]]))
    assert (len(A.faces), len(A.regions), len(A.patterns), len(A.open_patterns)) == (9, 4, 6, 6)
    assert region_bound(3, 2) == 6
    both = central_arrangement(matrix([[1, 0], [-1, 0], [0, 1], [0, -1]]))
    assert (len(both.faces), len(both.regions), len(both.patterns), region_bound(4, 2)) == (9, 4, 9, 8)
    line = central_arrangement(matrix([[1], [-1]]))
    assert (len(line.regions), line.patterns, region_bound(2, 1)) == (2, ((0, 1), (1, 0), (1, 1)), 2)


def test_rows_in_and_not_in_an_open_half_space():
    inside = central_arrangement(matrix([[1, 0], [1, 1], [1, -1]]))
    assert (len(inside.regions), len(inside.patterns)) == (6, 6) and (1, 1, 1) in inside.patterns
    around = central_arrangement(matrix([[1, 0], [-1, 1], [-1, -1]]))
    assert (len(around.regions), len(around.patterns)) == (6, 7)
    assert (1, 1, 1) in around.patterns and (1, 1, 1) not in {tuple(int(s > 0) for s in f.sign)
                                                             for f in around.regions}


def test_the_papers_1d_example():
    A = central_arrangement(matrix([[-2], [-1], [0], [1], [2]]))
    assert [f.sign for f in A.faces] == [(-1, -1, 0, 1, 1), (0, 0, 0, 0, 0), (1, 1, 0, -1, -1)]
    assert (len(A.regions), len(A.patterns), len(A.open_patterns), region_bound(5, 1)) == (2, 3, 3, 2)
    assert A.patterns == ((0, 0, 1, 1, 1), (1, 1, 1, 0, 0), (1, 1, 1, 1, 1))
    assert A.open_patterns == ((0, 0, 0, 0, 0), (0, 0, 0, 1, 1), (1, 1, 0, 0, 0))


def test_a_bias_column():
    # 2-D points with a bias column: the regions are kh's affine dichotomies, Cover's 2 sum_{k<=2} C(n-1, k)
    X = matrix([[0, 0, 1], [1, 0, 1], [0, 1, 1], [2, 3, 1], [3, -1, 1]])
    assert counts(X) == (3, 83, 22, 22, 22)
    assert region_bound(5, 3) == 22


def test_every_point_realises_its_sign_and_dimensions_are_ranks():
    X = matrix([[1, 2, 0], [0, 1, -1], [1, 3, -1], [2, -1, 1], [0, 0, 0], [-1, -2, 0]])
    A = central_arrangement(X)
    for f in A.faces:
        values = [sum((a * u for a, u in zip(x, f.point)), F(0)) for x in X]
        assert tuple((v > 0) - (v < 0) for v in values) == f.sign
        zero = [x for x, s in zip(X, f.sign) if s == 0]
        assert f.dimension == 3 - (rank(zero) if zero else 0)
    assert [f.sign for f in A.faces] == sorted(f.sign for f in A.faces)


@pytest.mark.parametrize("seed", range(12))
def test_faces_agree_with_an_exact_lp_per_sign_vector(seed):
    rng = random.Random(seed)
    n, d = rng.randint(1, 6), rng.randint(1, 3)
    X: list[list[F]] = []
    for _ in range(n):
        pick = rng.random()
        if pick < 0.25 and X:
            X.append([F(rng.choice((-2, -1, 1, 3))) * a for a in rng.choice(X)])  # parallel or antipodal
        elif pick < 0.35:
            X.append([F(0)] * d)
        else:
            X.append([F(rng.randint(-3, 3), rng.randint(1, 2)) for _ in range(d)])
    A = central_arrangement(X)
    assert {f.sign for f in A.faces} == exact_faces(X)


@pytest.mark.parametrize("seed", range(8))
def test_patterns_are_the_lp_central_sign_patterns(seed):
    rng = random.Random(100 + seed)
    d = rng.randint(2, 3)
    X = [[F(rng.randint(-2, 2)) for _ in range(d)] for _ in range(rng.randint(3, 6))]
    A = central_arrangement(X)
    assert [tuple(2 * p - 1 for p in D) for D in A.patterns] == central_sign_patterns(X)


def test_a_float_proposal_that_misorders_lines_is_repaired(monkeypatch):
    # the lines of rows 0 and 1 differ by an angle of about 1e-34: atan2 sees one angle, keeps the input
    # order, and the exact cross product puts them the other way round
    big = 10 ** 17
    X = matrix([[1, big + 1], [1, big], [1, 0]])
    repairs = []
    order = planar.angular_order

    def spy(R):
        result = order(R)
        repairs.append(result[1])
        return result

    monkeypatch.setattr(planar, "angular_order", spy)
    A = central_arrangement(X)
    assert repairs == [True]
    assert {f.sign for f in A.faces} == exact_faces(X) and len(A.regions) == 6


def test_sampled_patterns_find_region_patterns_only():
    # six regions of equal-ish angle: 10^4 directions find all six, never the all-ones D of u = 0
    assert sampled_patterns(PLANE, 10_000, seed=1) == 12
    assert sampled_patterns(PLANE, 1, seed=1) == 1
    # a zero row and an entry beyond 2^53 go through the exact test (0 >= 0 counts as 1); two of the four
    # regions are wedges of angle ~2^-60 that no sample hits
    X = matrix([[0, 0], [2 ** 60 + 1, 1], [1, 0]])
    assert (sampled_patterns(X, 2000, seed=3), len(central_arrangement(X).regions)) == (2, 4)


def test_the_benchmark_sized_instance_in_general_position():
    rng = np.random.default_rng(7)
    X = [[F(int(g), 100) for g in row] + [F(1)] for row in np.round(rng.standard_normal((12, 2)) * 100)]
    A = central_arrangement(X)
    assert (A.rank, len(A.regions)) == (3, region_bound(12, 3))
    assert len(A.patterns) == len(A.regions)  # rows (x, 1) lie in the open half-space u_3 > 0
