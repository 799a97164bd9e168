"""The optimal set of ddb (20) in 1-D on its contact set: vertices, charged points, closed cells and open faces."""

from fractions import Fraction as F
from math import gcd, hypot

import numpy as np
import pytest
from scipy.optimize import linprog

from exact.relu.joint_norm import Contact
from exact.relu.optimal_measures import MAX_CONTACTS, optimal_measures, vertices
from verify.numeric.joint1d import solve_joint


def exact_set(x, y):
    x, y = [F(t) for t in x], [F(t) for t in y]
    sol = solve_joint(x, y, F(0)).exact
    assert sol.status == "optimal" and not sol.reason
    return sol, optimal_measures(sol.x, sol.y, sol.alpha, sol.contacts)


def test_identity_on_three_points_charges_two_points_of_one_closed_cell():
    sol, m = exact_set([-1, 0, 1], [-1, 0, 1])
    assert repr(sol.value) == "sqrt(2)" and sol.unique
    assert [(c.w, c.b, c.sign) for c in m.contacts] == [(1, 1, 1), (-1, 1, -1)]
    assert [v.weights for v in m.vertices] == [(F(1, 2), F(-1, 2))]
    assert (len(m.cells), len(m.faces)) == (6, 12)  # 6 open arcs and 6 rays
    split = m.split_cells()
    assert [k.sign for k in split] == [(1, 1, 1)] and split[0].charged == (0, 1)
    assert m.max_per_cell() == 2 and m.max_per_cell(signed=True) == 1
    assert max(len(f.charged) for f in m.faces) == 1
    assert m.witnesses(split[0]) == (m.vertices[0], m.vertices[0])


def test_hat_charges_one_point_per_closed_cell():
    sol, m = exact_set([-1, 0, 1], [0, 1, 0])
    assert sol.value == 3 and m.charged == (0, 1, 2) and len(m.vertices) == 1
    assert m.max_per_cell() == 1 and not m.split_cells()


def test_alternating_design_has_two_vertices_and_four_split_cells():
    sol, m = exact_set([-2, -1, 0, 1, 2], [1, -1, 1, -1, 1])
    assert repr(sol.value) == "4 + 8*sqrt(2)"
    assert len(m.vertices) == 2 and m.charged == tuple(range(6)) and len(m.split_cells()) == 4
    for v in m.vertices:  # every vertex fits y exactly with cost v^T y
        assert sum(abs(c) * k.norm for c, k in zip(v.weights, m.contacts, strict=True)) == sol.value
        for xi, yi in zip(sol.x, sol.y, strict=True):
            assert sum(c * max(k.w * xi + k.b, 0) for c, k in zip(v.weights, m.contacts, strict=True)) == yi


def test_vertices_of_a_polytope_with_a_segment():
    C = [Contact(F(1), F(0), 1), Contact(F(0), F(1), 1), Contact(F(1), F(1), 1)]
    got = vertices([F(1)], [F(2)], F(0), C)  # 2 = 2 x_+ = 2 * 1 = 1 * (x + 1)_+ at x = 1
    assert [v.weights for v in got] == [(2, 0, 0), (0, 2, 0), (0, 0, 1)]


def test_too_many_contacts_decline():
    C = [Contact(F(1), F(-k), 1) for k in range(MAX_CONTACTS + 1)]
    with pytest.raises(ValueError, match="beyond the 16"):
        vertices([F(0)], [F(1)], F(0), C)


def grid(N):
    return [(w, b) for w in range(-N, N + 1) for b in range(-N, N + 1) if (w or b) and gcd(w, b) == 1]


@pytest.mark.parametrize("x, y", [([-1, 0, 1], [-1, 0, 1]), ([0, 1, 2, 3], [0, 1, 0, 1]),
                                  ([-2, -1, 0, 1, 2], [1, -1, 1, -1, 1]), ([-1, 0, 1], [1, 0, 1])])
def test_enumeration_against_a_float_lp_over_a_direction_grid(x, y):
    """min sum |c_j| |a_j| over every primitive direction with entries <= 6 (the contacts among them): the value is
    the exact optimum, and random objectives over its optimal face land on enumerated vertices only."""
    sol, m = exact_set(x, y)
    dirs = grid(6)
    A = np.array([[max(w * t + b, 0) for w, b in dirs] for t in x], float)
    cost = np.array([hypot(w, b) for w, b in dirs])
    A2, c2 = np.hstack([A, -A]), np.concatenate([cost, cost])
    lp = linprog(c2, A_eq=A2, b_eq=np.array(y, float), method="highs")
    assert lp.status == 0 and abs(lp.fun - float(sol.value)) < 1e-9
    index = {(int(c.w), int(c.b)): j for j, c in enumerate(m.contacts)}
    found = set()
    rng = np.random.default_rng(0)
    for _ in range(12):
        face = linprog(rng.normal(size=len(c2)), A_ub=c2[None, :], b_ub=[lp.fun + 1e-9], A_eq=A2,
                       b_eq=np.array(y, float), method="highs", bounds=(0, None))
        z = face.x[: len(dirs)] - face.x[len(dirs):]
        weights = [0.0] * len(m.contacts)
        for (w, b), zj in zip(dirs, z, strict=True):
            if abs(zj) > 1e-7:
                weights[index[(w, b)]] = zj  # KeyError: a charged direction outside the contact set
        found.add(min(range(len(m.vertices)), key=lambda k: max(abs(float(a) - b) for a, b in
                                                                  zip(m.vertices[k].weights, weights, strict=True))))
        assert min(max(abs(float(a) - b) for a, b in zip(v.weights, weights, strict=True)) for v in m.vertices) < 1e-6
    assert found == set(range(len(m.vertices)))

