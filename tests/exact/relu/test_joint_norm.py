"""Exact optimum and uniqueness of kh (2)+(8) / (9) in 1-D (exact/relu/joint_norm.py); the checker of its kind
relu1d-joint-exact: tests/checker/test_relu1d_joint_exact.py."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy

from exact.certificates.relu1d_joint_exact import joint_exact_certificate
from exact.checker import check_certificate
from exact.checker.arith import Surd
from exact.convention import Convention, HiddenBias
from exact.relu.joint_norm import Contact, polyhedron, solve_joint_exact, uniqueness
from exact.relu.networks import Network, Neuron
from exact.relu.pattern_program import pattern_program
from verify.numeric.pattern_brackets import socp

X = [F(-1), F(-3, 5), F(-1, 5), F(1, 5), F(3, 5), F(1)]
Y = [F(t) for t in (1, -1, 1, 1, -1, 1)]
# value (as {radicand: coefficient}), contact kinks, pieces of the LP network: what the code computes
EXPECTED = {
    F(0): ({1: F(10), 34: F(4)}, {F(-3, 5), F(0), F(3, 5)}, 4),
    F(1, 10): ({1: F(100, 9), 34: F(40, 9)}, {F(-3, 5), F(0), F(3, 5)}, 4),
    F(-1, 2): ({1: F(5, 3), 26: F(4, 3), 34: F(8, 3)}, {F(-3, 5), F(-1, 5), F(1, 5), F(3, 5)}, 5),
}


@pytest.fixture(scope="module")
def v_hats() -> dict:
    return {a: socp(pattern_program(X, Y, Convention(a, HiddenBias.IN_NORM)))[3] for a in EXPECTED}


@pytest.fixture(scope="module")
def sols(v_hats) -> dict:
    return {a: solve_joint_exact(X, Y, a, v_hats[a]) for a in EXPECTED}


def net(neurons, alpha, t):
    return Network(tuple(neurons), alpha=alpha)(t)


@pytest.mark.parametrize("alpha", list(EXPECTED))
def test_example_exact_value_and_unique(sols, alpha):
    sol = sols[alpha]
    value, kinks, n_pieces = EXPECTED[alpha]
    assert sol.status == "optimal" and sol.value.c == value
    assert abs(sol.value_float - float(sol.value)) < 1e-12
    assert {-c.b / c.w for c in sol.contacts if c.w} == kinks
    assert ((0, 1) in {(c.w, c.b) for c in sol.contacts}) == (alpha == F(-1, 2))  # the constant atom
    assert (sol.unique, sol.uniqueness) == (True, "rank")
    assert sol.network().pieces() == n_pieces
    rep = check_certificate(joint_exact_certificate(sol, "kh.thm-2", f"alpha={alpha}"))
    assert rep.ok and rep.problems == [] and rep.value is None  # irrational value: in the certificate


def test_alpha_zero_function(sols):
    sol = sols[F(0)]
    assert sol.value == 10 + 4 * Surd.sqrt(F(34))
    assert abs(sol.value_float - float(10 + 4 * sympy.sqrt(34))) < 1e-12  # independent of Surd's float
    relu = lambda t: max(t, F(0))  # noqa: E731
    for k in range(-40, 41):
        t = F(k, 20)
        assert net(sol.neurons, F(0), t) == 2 - 5 * abs(t) + 10 * relu(abs(t) - F(3, 5))


@pytest.mark.parametrize("alpha", list(EXPECTED))
def test_perturbed_warm_start(v_hats, alpha):
    rng = np.random.default_rng(7)
    for eps in (1e-6, 1e-2, 1e-1):
        sol = solve_joint_exact(X, Y, alpha, v_hats[alpha] + eps * rng.standard_normal(len(X)))
        assert sol.status in ("optimal", "undecided")
        if sol.status == "optimal":  # repaired: never a different value
            assert sol.value.c == EXPECTED[alpha][0]
        else:
            assert sol.reason and sol.value is None
    assert solve_joint_exact(X, Y, alpha, v_hats[alpha] + 1e-6).value.c == EXPECTED[alpha][0]
    assert solve_joint_exact(X, Y, alpha, -v_hats[alpha]).status == "undecided"


def test_hand_case_constant():
    """x = (-1, 1), y = (1, 1), ReLU: v = (1/2, 1/2) touches only (0, 1); f = 1 at cost 1, unique."""
    sol = solve_joint_exact([F(-1), F(1)], [F(1), F(1)], F(0), [0.5, 0.5])
    assert sol.status == "optimal" and sol.value == Surd({1: F(1)})
    assert sol.v == (Surd({1: F(1, 2)}), Surd({1: F(1, 2)}))
    assert sol.neurons == (Neuron((F(0),), F(1), F(1)),) and sol.contacts == (Contact(F(0), F(1), 1),)
    assert (sol.unique, sol.uniqueness) == (True, "rank")
    assert check_certificate(joint_exact_certificate(sol, "hand", "constant")).value == "1"


def test_lp_route_not_unique():
    """Two contacts relu(x), 1 fitting y(1) = 1: the LPs at z = -1 give 0 and 1, two different functions."""
    C = [Contact(F(1), F(0), 1), Contact(F(0), F(1), 1)]
    unique, how, wit, lps = uniqueness([F(1)], [F(1)], F(0), C, polyhedron([F(1)], [F(1)], F(0), C))
    assert (unique, how) == (False, "lp") and len(lps) == 2
    assert {tuple(net(n, F(0), F(-1)) for n in wit)} == {(F(0), F(1))}
    assert sorted(Network(n).pieces() for n in wit) == [1, 2]
