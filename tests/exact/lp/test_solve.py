"""The exact LP core: known optima, Farkas/ray certificates, warm-start repair, LU, optimal faces."""

import random
from dataclasses import replace
from fractions import Fraction as F

import pytest
from flint import fmpq, fmpq_mat

from exact.lp.face import optimal_face
from exact.lp.lu import SingularBasis, SparseLU
from exact.lp.problem import LinearProgram, LPCertificateError, StandardForm
from exact.lp.solve import solve_lp
from exact.lp.verify import verify_optimal


def test_known_optimum_with_free_variable_and_inequalities():
    # min x0 - x1 s.t. x0 + x1 <= 4, -x0 + x2 <= -1, x1 + x2 = 2, x2 free
    lp = LinearProgram.from_dense(c=[1, -1, 0], A_ub=[[1, 1, 0], [-1, 0, 1]], b_ub=[4, -1],
                                  A_eq=[[0, 1, 1]], b_eq=[2], free=[2])
    res = solve_lp(lp)
    assert res.status == "optimal"
    assert res.value == F(-4)
    assert res.x == (F(0), F(4), F(-2))
    assert res.z_ub[0] == F(-1) and res.z_ub[1] == F(0)


def test_transportation_problem_value():
    # 2 supplies (5, 7) -> 3 demands (4, 4, 4), costs [[1,2,3],[3,1,2]]: optimum 4*1 + 4*1 + 1*3 + 3*2 = 17
    c = [1, 2, 3, 3, 1, 2]
    A_eq = [[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1], [1, 0, 0, 1, 0, 0], [0, 1, 0, 0, 1, 0], [0, 0, 1, 0, 0, 1]]
    res = solve_lp(LinearProgram.from_dense(c=c, A_eq=A_eq, b_eq=[5, 7, 4, 4, 4]))
    assert res.value == 17  # the supply/demand rows are dependent: exercises basis completion


def test_infeasible_gets_checked_farkas_vector():
    lp = LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 1]], b_eq=[-1])
    res = solve_lp(lp)
    assert res.status == "infeasible"
    assert res.farkas_eq == (F(-1),)  # y^T A = -1 * [1, 1] <= 0 and y^T b = 1 > 0


def test_unbounded_gets_checked_ray():
    lp = LinearProgram.from_dense(c=[-1, 0], A_eq=[[1, -1]], b_eq=[1])
    res = solve_lp(lp)
    assert res.status == "unbounded"
    assert res.ray == (F(1), F(1))
    assert res.x == (F(1), F(0))


def test_suboptimal_warm_basis_is_repaired_by_exact_pivots():
    lp = LinearProgram.from_dense(c=[1, 1, 3], A_eq=[[1, 2, 1]], b_eq=[3])
    res = solve_lp(lp, warm_basis=[2])  # x2 = 3 costs 9: feasible, not optimal
    assert res.value == F(3, 2) and res.x == (F(0), F(3, 2), F(0))
    assert res.pivots >= 1 and not res.warm_start_optimal and not res.phase_one


def test_infeasible_warm_basis_falls_back_to_exact_phase_one():
    lp = LinearProgram.from_dense(c=[1, 1, 3], A_eq=[[1, 2, 1], [1, -1, 0]], b_eq=[3, 1])
    good = solve_lp(lp)
    bad = solve_lp(lp, warm_basis=[1, 2])  # x1 = -1 < 0: primal infeasible
    # by hand: x0 = 1 + x1, 3 x1 + x2 = 2, cost 1 + 2 x1 + 3 x2 is least at x1 = 2/3, x2 = 0
    assert bad.phase_one and bad.value == good.value == F(7, 3)


def test_wrong_float_basis_on_a_1d_problem_is_repaired():
    from exact.relu.interpolation import solve_dictionary_lp
    x = [F(v) for v in (-3, -1, 0, 2, 5, 6)]
    y = [F(v) for v in (1, -2, 2, 0, 3, -1)]
    _, good = solve_dictionary_lp(x, y)
    # w+ of the first n atoms: a nonsingular basis that is not optimal (and here not even feasible)
    wrong = list(range(0, 2 * len(x), 2))[: len(x)]
    _, repaired = solve_dictionary_lp(x, y, warm_basis=wrong)
    assert repaired.value == good.value
    assert repaired.result.pivots > 0 or repaired.result.phase_one


def test_tampered_result_is_rejected_by_exact_verification():
    lp = LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 2]], b_eq=[3])
    res = solve_lp(lp)
    with pytest.raises(LPCertificateError, match="dual"):
        verify_optimal(lp, replace(res, y_eq=(F(1),)))  # column 1: 2 y = 2 > c_1 = 1
    with pytest.raises(LPCertificateError, match="equality row 0"):
        verify_optimal(lp, replace(res, x=(F(0), F(1))))


def test_sparse_lu_agrees_with_flint_and_detects_singularity():
    rng = random.Random(3)
    for trial in range(20):
        m = rng.randint(1, 12)
        cols = [{i: fmpq(rng.randint(-3, 3), rng.randint(1, 3)) for i in range(m) if rng.random() < 0.4}
                for _ in range(m)]
        dense = fmpq_mat(m, m, [cols[j].get(i, fmpq(0)) for i in range(m) for j in range(m)])
        b = {i: fmpq(rng.randint(-5, 5)) for i in range(m)}
        if dense.rank() < m:
            with pytest.raises(SingularBasis):
                SparseLU.factor(m, cols)
            continue
        lu = SparseLU.factor(m, cols)
        x = lu.solve(b)
        expect = dense.solve(fmpq_mat(m, 1, [b[i] for i in range(m)]))
        assert x == [expect[i, 0] for i in range(m)]
        y = lu.solve_transpose(b)
        expect_t = dense.transpose().solve(fmpq_mat(m, 1, [b[i] for i in range(m)]))
        assert y == [expect_t[i, 0] for i in range(m)]


def test_optimal_face_unique_and_non_unique():
    lp = LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 1]], b_eq=[1])
    face = optimal_face(lp, solve_lp(lp))
    assert not face.unique
    a, b = face.solutions
    assert a != b and sum(a) == sum(b) == 1
    lp = LinearProgram.from_dense(c=[1, 2], A_eq=[[1, 1]], b_eq=[1])
    face = optimal_face(lp, solve_lp(lp))
    assert face.unique and face.solutions == ((F(1), F(0)),)


def test_optimal_face_with_free_variable_is_not_fooled_by_the_split():
    # c free with zero cost appears as c+ - c-; the original optimum is still unique
    lp = LinearProgram.from_dense(c=[1, 0], A_eq=[[1, 1], [0, 1]], b_eq=[3, 2], free=[1])
    face = optimal_face(lp, solve_lp(lp))
    assert face.unique and face.solutions == ((F(1), F(2)),)


def test_standard_form_splits_free_variables_and_adds_slacks():
    lp = LinearProgram.from_dense(c=[1, 2], A_ub=[[1, 1]], b_ub=[4], free=[1])
    sf = StandardForm.of(lp)
    assert [o[0] for o in sf.origin] == ["var", "var", "var", "slack"]
    assert sf.cost == [1, 2, -2, 0]


def test_beale_cycling_example_ends_under_the_stall_rule():
    """Beale (1955): Dantzig's rule cycles on this degenerate LP from the slack basis; after STALL degenerate
    pivots Bland's rule takes over, so the exact simplex ends at the optimum -5/4."""
    c = [F(-3, 4), 20, F(-1, 2), 6]
    A_ub = [[F(1, 4), -8, -1, 9], [F(1, 2), -12, F(-1, 2), 3], [0, 0, 1, 0]]
    lp = LinearProgram.from_dense(c=c, A_ub=A_ub, b_ub=[0, 0, 1])
    res = solve_lp(lp, warm_basis=[4, 5, 6])  # the slacks
    assert res.value == F(-5, 4) and res.x == (F(1), F(0), F(1), F(0)) and res.pivots > 0


def test_a_wrong_warm_basis_of_a_pattern_program_is_repaired_exactly():
    """kh (7) corrected on 8 points: HiGHS's basis (its columns and its basic logicals) is exactly optimal; a
    deliberately wrong warm basis (the first m columns: singular, completed, not feasible) is noticed and
    repaired to the same exact optimum, through the warm-started phase 1."""
    from exact.relu.pattern_program import lp_1d, pattern_program
    rng = random.Random(5)
    x = sorted(F(v, 4) for v in rng.sample(range(-40, 40), 8))
    y = [F(rng.randint(-6, 6), 2) for _ in x]
    lp = lp_1d(pattern_program(x, y)).lp
    good = solve_lp(lp)
    assert good.status == "optimal" and good.warm_start_optimal and good.pivots == 0
    m = len(lp.A_eq) + len(lp.A_ub)
    bad = solve_lp(lp, warm_basis=list(range(m)))
    assert bad.value == good.value and (bad.phase_one or bad.pivots > 0)


def test_infeasible_problems_start_phase_one_from_highs():
    """kh (7) as printed on non-convex data has no point: the phase-1 LP (itself an LP) starts from HiGHS's
    basis of it, and its dual is the Farkas vector (re-verified exactly)."""
    from exact.relu.pattern_program import lp_1d, pattern_program
    from verify.claims.kh.programs import build
    x, y = [F(-1), F(0), F(1)], [F(1), F(-1), F(1)]
    res = solve_lp(lp_1d(build(x, y, 7, "printed")).lp)
    assert res.status == "infeasible" and res.phase_one and res.pivots == 0
    assert solve_lp(lp_1d(pattern_program(x, y)).lp).value == 4


def test_feasible_point_is_exactly_feasible_or_none():
    from exact.lp.solve import feasible_point
    lp = LinearProgram.from_dense(c=[1, 1, 3], A_eq=[[1, 2, 1], [1, -1, 0]], b_eq=[3, 1])
    x = feasible_point(lp)
    assert x is not None and x[0] + 2 * x[1] + x[2] == 3 and x[0] - x[1] == 1 and min(x) >= 0
    assert feasible_point(LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 1]], b_eq=[-1])) is None
