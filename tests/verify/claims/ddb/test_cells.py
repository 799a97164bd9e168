"""ddb Section 4 cells: exact region, face and activation-set counts of the lifted arrangement on S^d, against
n^d, Cover's bound and the columns of (21); the counts in the ddb.lp-21 notes."""

from fractions import Fraction as F

import pytest

from cases import shipped_case
from verify.claims.ddb._shared import lifted
from verify.claims.ddb.cells import CellCounts, cell_counts, note
from verify.claims.ddb.lp_21 import cell_dictionary, check_lp_21
from verify.registry import Context
from verify.result import Verdict


def rows_of(points):
    return [tuple(F(v) for v in p) + (F(1),) for p in points]


def euler(c: CellCounts) -> int:
    return sum((-1) ** k * f for k, f in enumerate(c.faces))


def test_1d_zero_one_two_by_hand():
    # theta = (a, b) on the circle, lines b = 0, a + b = 0, 2a + b = 0: three lines through 0, so 6 rays and 6
    # arcs. The arcs' active sets {i : a x_i + b > 0}: a > 0 with hinge t = -b/a < 0, in (0, 1), (1, 2), > 2
    # gives {0,1,2}, {1,2}, {2}, {}; a < 0 gives {}, {0}, {0,1}, {0,1,2}; {} and {0,1,2} are one arc each
    # (through a = 0, b < 0 and b > 0): 6 regions = 2n, 3 projective = n = n^1, Cover 2 (1 + 2) = 6.
    c = cell_counts(rows_of([(0,), (1,), (2,)]))
    assert (c.n, c.d, c.rank, c.regions, c.projective_regions) == (3, 1, 2, 6, 3)
    assert (c.faces, c.projective_faces) == ((6, 6), (3, 3))
    assert (c.closed_cells, c.open_cells, c.power, c.bound, c.columns_21) == (6, 6, 3, 6, 6)
    assert c.general_position and c.within_bound and (c.ratio, c.projective_ratio) == (2, 1)


def test_1d_symmetric_data_has_the_same_counts():
    c = cell_counts(rows_of([(-1,), (0,), (1,)]))
    assert (c.regions, c.projective_regions, c.faces, c.closed_cells, c.open_cells) == (6, 3, (6, 6), 6, 6)
    assert (c.power, c.bound, c.ratio) == (3, 6, 2)


def test_2d_four_points_in_general_position_meet_cover_exactly():
    c = cell_counts(rows_of([(0, 0), (1, 0), (0, 1), (2, 3)]))
    # on S^2: 2 C(4, 2) vertices, each great circle cut into 2 (n - 1) arcs, n^2 - n + 2 regions
    assert (c.faces, c.projective_faces) == ((12, 24, 14), (6, 12, 7))
    assert (c.regions, c.bound, c.power, c.closed_cells, c.open_cells) == (14, 14, 16, 14, 14)
    assert c.general_position and euler(c) == 2 and (c.ratio, c.projective_ratio) == (F(7, 8), F(7, 16))


def test_3x3_grid_is_below_cover():
    c = cell_counts(rows_of([(i, j) for i in range(3) for j in range(3)]))
    assert (c.n, c.regions, c.projective_regions, c.faces) == (9, 58, 29, (40, 96, 58))
    assert (c.closed_cells, c.open_cells, c.power, c.bound) == (58, 58, 81, 74)
    assert not c.general_position and c.within_bound and euler(c) == 2 and c.ratio == F(58, 81)


@pytest.mark.parametrize("n", range(3, 8))
def test_general_position_is_cover_two_sum_binomials_not_the_affine_count(n):
    c = cell_counts(rows_of([(t, t * t) for t in range(n)]))  # the moment curve: no three collinear
    assert c.general_position and c.regions == c.bound == n * n - n + 2 == 2 * c.projective_regions
    assert c.regions != 1 + n + n * (n - 1) // 2  # sum_{k<=2} C(n, k): the regions of n affine lines


def test_collinear_points_in_2d_keep_the_lineality_points():
    c = cell_counts(rows_of([(0, 0), (1, 2), (2, 4)]))
    assert (c.rank, c.faces, c.projective_faces, c.regions, c.bound) == (2, (2, 6, 6), (1, 3, 3), 6, 8)
    with pytest.raises(ValueError, match="lifted rows"):
        cell_counts([(F(1), F(2))])


def test_columns_of_21_are_the_regions_on_the_sphere():
    rows = lifted(shipped_case("ddb-small-2d-five"))
    c = cell_counts(rows)
    assert len(cell_dictionary(rows).thetas) == c.columns_21 == 20 == 2 * c.projective_regions
    assert (c.bound, c.general_position, c.faces) == (22, False, (16, 34, 20))


def test_lp21_notes_and_data_carry_the_counts(tmp_path):
    case = shipped_case("ddb-lp21-2d-four")
    res = check_lp_21(case, Context(tmp_path))
    assert res.verdict == Verdict.CONFIRMED
    assert note(cell_counts(lifted(case))) in res.notes
    assert any("14 open regions on the sphere (7 in the projective space" in n for n in res.notes)
    assert (res.data["cells"]["regions"], res.data["cells"]["faces"], res.data["cells"]["columns_21"]) == \
        (14, (12, 24, 14), 14)
