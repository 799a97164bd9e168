"""The 1-D problem of ep (4) / ses (25): exact values, duals, attainment, (37), (27), certificates."""

import random
from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.checker import check_certificate
from exact.checker.ramps import Scaled
from exact.convention import Convention
from exact.lp.solve import solve_lp
from exact.relu.dictionary import KinkCoordinates, relu_atoms
from exact.relu.function_norm import end_slope_lp
from exact.relu.interpolation import interpolate_1d
from exact.relu.networks import rational_strings

X5 = [F(v) for v in (-2, -1, 0, 1, 2)]


def fr(*vals):
    return [F(v) for v in vals]


def test_ep_instance_value_dual_and_attainment():
    sol = interpolate_1d(X5, fr(1, -1, 1, 1, -1))
    assert sol.value == 8 and sol.attained and sol.value_without_constant == 8
    assert sol.dual == tuple(fr(1, -3, 2, 1, -1))  # equals ep's printed v*, found independently
    doc = interpolation_certificate(sol, "t", "ep")
    assert check_certificate(doc).ok and check_certificate(doc).value == "8"


def test_constant_labels_infimum_zero_not_attained_and_37_is_larger():
    sol = interpolate_1d(X5, fr(1, 1, 1, 1, 1))
    # (37): 1 = ((x+2)_+ + (2-x)_+)/4 costs 1/2 and nothing cheaper fits without a constant
    assert (sol.value, sol.attained, sol.value_without_constant) == (0, False, F(1, 2))


def test_abs_plus_one_not_attained():
    sol = interpolate_1d(X5, fr(3, 2, 1, 2, 3))
    assert (sol.value, sol.attained, sol.value_without_constant) == (2, False, F(5, 2))


def test_line_needs_constant_but_is_attained_by_end_atom():
    sol = interpolate_1d(X5, fr(3, 2, 1, 0, -1))  # y = 1 - x
    assert sol.value == 1 and sol.attained
    weights, constant = sol.attained_by
    doc = interpolation_certificate(sol, "t", "line")
    report = check_certificate(doc)
    assert doc["relation"]["attained"] is True and report.ok and report.relation["attained"] is True


def test_output_bias_makes_every_value_attained():
    sol = interpolate_1d(X5, fr(3, 2, 1, 2, 3), Convention(output_bias=True))
    assert sol.value == 2 and sol.attained and sol.constant == 1


def test_order_of_points_does_not_matter():
    x, y = fr(0, 3, -1, 5, 2), fr(1, -2, 0, 4, 1)
    a = interpolate_1d(x, y)
    perm = [3, 0, 4, 1, 2]
    b = interpolate_1d([x[i] for i in perm], [y[i] for i in perm])
    assert a.value == b.value
    assert tuple(a.dual[i] for i in perm) == b.dual


def test_leaky_relu_certificate_checks():
    sol = interpolate_1d(fr(-1, 0, 2, 3), fr(1, -1, 2, 0), Convention(F(1, 2)))
    rep = check_certificate(interpolation_certificate(sol, "t", "leaky"))
    assert rep.ok and rep.value == str(sol.value)


def test_kink_coordinates_transpose_is_the_adjoint():
    rng = random.Random(1)
    x = [F(v) for v in rng.sample(range(-30, 30), 7)]
    kc = KinkCoordinates.of(x)
    f = [F(rng.randint(-9, 9), rng.randint(1, 4)) for _ in x]
    g = [F(rng.randint(-9, 9), rng.randint(1, 4)) for _ in x]
    assert sum(a * b for a, b in zip(kc.transform(f), g)) == sum(a * b for a, b in zip(f, kc.transpose(g)))


def test_dictionary_has_2n_minus_2_relu_atoms_and_2n_leaky():
    assert len(relu_atoms(X5)) == 8 and len(relu_atoms(X5, F(1, 10))) == 10


def test_ses_end_slope_program_where_the_second_term_binds():
    # y = x on [0, 2]: interior variation T = 0, |l_1 + l_{N-1}| = 2, so min (27) = (T + 2)/2 = 1
    res = solve_lp(end_slope_lp(fr(0, 1, 2), fr(0, 1, 2)))
    assert res.value == 1
    assert interpolate_1d(fr(0, 1, 2), fr(0, 1, 2), Convention(output_bias=True)).value == 1


def test_ses_end_slope_program_where_the_first_term_binds():
    res = solve_lp(end_slope_lp(X5, fr(1, -1, 1, 1, -1)))
    assert res.value == 8 and res.x[:2] == (F(-2), F(-2))


def _dense_float_value(x, y):
    atoms = relu_atoms(x)
    A = np.array([[float(a(xi, F(0))) for a in atoms] for xi in x])
    n, m = A.shape
    cost = np.r_[np.ones(2 * m), 0.0, 0.0]
    Aeq = np.hstack([A, -A, np.ones((n, 1)), -np.ones((n, 1))])
    return linprog(cost, A_eq=Aeq, b_eq=[float(v) for v in y], method="highs").fun


rationals = st.fractions(min_value=-10, max_value=10, max_denominator=4)


@settings(max_examples=40, deadline=None)
@given(st.lists(rationals, min_size=2, max_size=7, unique=True).flatmap(
    lambda xs: st.tuples(st.just(xs), st.lists(rationals, min_size=len(xs), max_size=len(xs)))))
def test_property_exact_value_checker_float_and_closed_form_agree(data):
    x, y = data
    sol = interpolate_1d(x, y)
    rep = check_certificate(interpolation_certificate(sol, "prop", "h"))
    assert rep.ok and rep.value == str(sol.value)
    assert abs(_dense_float_value(x, y) - float(sol.value)) <= 1e-6 * max(1.0, float(sol.value))
    assert solve_lp(end_slope_lp(x, y)).value == interpolate_1d(x, y, Convention(output_bias=True)).value == sol.value


def test_rank_one_reduction_keeps_c_and_the_exact_squared_norm():
    from exact.relu.rank_one import rank_one_to_1d
    red = rank_one_to_1d(fr(1, -2, 3), fr(3, 4))
    assert red.x == tuple(fr(1, -2, 3)) and red.norm_sq == 25


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fractions(max_denominator=10**6), max_size=30), st.booleans())
def test_certificate_numbers_are_canonical(values, repeats):
    # the writer's strings from integers over a common denominator are str(Fraction)'s: "3", "-2/7"
    assert rational_strings(Scaled.of(values), repeats) == [str(v) for v in values]


def test_both_routes_give_the_views_of_their_integer_optimum():
    x, y = fr(3, -1, 0, 2, 1), fr(1, 2, -1, 0, 2)
    for conv in (Convention(), Convention(alpha=F(-1, 2))):  # the structured route, and the LP route
        sol = interpolate_1d(x, y, conv)
        assert sol.atoms == tuple(relu_atoms(x, conv.alpha))
        assert sol.weights == sol.solution.weights and sol.dual == sol.solution.dual
        assert all(type(v) is F for v in sol.weights + sol.dual + tuple(a.knot for a in sol.atoms))
        assert sol.network().values(x) == y
        opt = sol.optimum
        assert (opt.x.fractions(), opt.y.fractions()) == (list(x), list(y))
        assert [F(k, opt.knots.den) for k in opt.knots.nums] == [a.knot for a in sol.atoms]
