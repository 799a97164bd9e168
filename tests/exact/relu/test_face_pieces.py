"""The exact range of the number of pieces over the optimal face of kh (7) in 1-D (exact.relu.face_pieces); its
certificate: tests/checker/test_pattern_face_pieces.py."""

from fractions import Fraction as F

import pytest

from exact.convention import Convention
from exact.lp.face import face_hull
from exact.lp.problem import LinearProgram
from exact.lp.solve import solve_lp
from exact.relu.face_pieces import piece_range, pieces
from exact.relu.pattern_program import pattern_program, solve_1d

X = [F(-1), F(-3, 5), F(-1, 5), F(1, 5), F(3, 5), F(1)]
Y = [1, -1, 1, 1, -1, 1]


@pytest.fixture(scope="module", params=[F(0), F(1, 10), F(-1, 2)], ids=lambda a: f"alpha={a}")
def pr(request):
    return piece_range(solve_1d(pattern_program(X, Y, Convention(request.param))))


def test_example_range_is_exact(pr):
    assert pr.solution.value in (F(30), F(100, 3), F(20))
    assert (pr.min_pieces, pr.min_floor, pr.min_proved) == (4, 4, True)
    assert (pr.max_pieces, pr.max_bound, pr.max_proved) == (7, 7, True)
    assert pr.classes == ((2, 4, 18, 20), (5, 19), (7,), (8, 10, 12, 14), (9, 15), (17,))
    assert all(pr.jumping)
    # tight rows of the LP solved (the extreme sign rows; 48 of all n rows per term): the same face and hull
    assert (len(pr.hull.tight_rows), len(pr.hull.zero_columns), len(pr.hull.kernel)) == (32, 34, 14)
    for wit in (pr.min_witness, pr.max_witness):  # both are optimal points of (7)
        assert sum(abs(w) for w in wit.w) == pr.solution.value


def test_hand_case_line_through_two_points():
    """x = (0, 1), y = (0, 1), alpha = 0, value 1. An optimum rises by sum |w| = 1 on [0, 1], so every used
    term is linear there with the right sign: (x - t_A)_+ (t_A <= 0), -(-(x - t_B))_+ (t_B >= 1), the
    pattern (-,+) term x_+ (kink 0) and the pattern (+,-) term -(1 - x)_+ (kink 1): at most 4 kinks, all
    4 distinct for a generic optimum (5 pieces). Up-jumps sit at t <= 0 and down-jumps at t >= 1, so
    they never cancel: at least 1 kink (2 pieces, e.g. x_+), while the secant bound only gives 1 piece."""
    pr = piece_range(solve_1d(pattern_program([F(0), F(1)], [F(0), F(1)])))
    assert pr.solution.value == 1
    terms = pr.solution.program.terms
    assert [(terms[c[0]].pattern, terms[c[0]].eps) for c in pr.classes] == [
        ((-1, 1), 1), ((1, -1), -1), ((1, 1), 1), ((1, 1), -1)]
    assert (pr.max_pieces, pr.max_bound, pr.min_pieces, pr.min_floor) == (5, 5, 2, 1)
    assert not pr.min_proved and pieces(pr.min_witness) == 2


def test_face_hull_finds_implicit_equalities():
    """min x0 + x1 s.t. x0 + x1 + x2 = 1, x2 <= 0, x >= 0: x2 = 0 is forced, so F = {x0 + x1 = 1, x0, x1 >= 0, x2 = 0}
    (cost 1 throughout); both the row x2 <= 0 and the bound x2 >= 0 are implicit equalities. Optimal duals:
    y = 1, z <= -1, reduced cost of x2 = -1 - z; strict complementarity needs z < -1."""
    lp = LinearProgram.from_dense(c=[1, 1, 0], A_eq=[[1, 1, 1]], b_eq=[1], A_ub=[[0, 0, 1]], b_ub=[0])
    h = face_hull(lp, solve_lp(lp))
    assert (h.value, h.tight_rows, h.zero_columns, len(h.kernel)) == (1, (0,), (2,), 1)
    assert h.point[0] > 0 and h.point[1] > 0 and h.point[2] == 0
    assert h.y_eq == (1,) and h.z_ub[0] < -1
