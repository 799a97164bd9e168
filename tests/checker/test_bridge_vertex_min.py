"""Checker of kind "bridge-vertex-min" (exact/checker/bridge_vertex_min.py): certificates built by hand."""
from __future__ import annotations

import pytest

from exact.checker import check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, fixture, mat, tampered, vec


def bridge(A, y, L, optima, relation, witness=None) -> dict:
    doc = {**HEADER, "kind": "bridge-vertex-min", "statement": "test", "data": {"A": mat(A), "y": vec(y), "L": L},
           "relation": relation, "optima": [{"w": vec(w), "roots": roots} for w, roots in optima]}
    if witness is not None:
        doc["witness"] = {"w": vec(witness[0]), "role": witness[1]}
    return doc


def equals(value, k, **more) -> dict:
    return {"type": "equals", "value": value, "attained": True, "optimal_basic": k, **more}


# w_1 + w_2 = 2: basic solutions (2, 0) and (0, 2), both of value 4^(1/3) for L = 3 (an exact tie); the dense
# point (1, 1) costs 2 > 4^(1/3). For L = 2 (||w||_1) the dense point is optimal too.
TIE = bridge([[1, 1]], [2], 3, [([2, 0], [[0, "1", 4]]), ([0, 2], [[1, "1", 4]])],
             equals({"root": 3, "terms": {"4": "1"}}, 2, witness="suboptimal"), ([1, 1], "suboptimal"))
L1 = bridge([[1, 1]], [2], 2, [([2, 0], [[0, "2", 1]]), ([0, 2], [[1, "2", 1]])], equals("2", 2, witness="optimal"),
            ([1, 1], "optimal"))
# w_1 + 2 w_2 + 4 w_3 = 2, L = 3: values 4^(1/3), 1 and (1/4)^(1/3) = 2^(1/3) / 2, the optimum
SINGLE = bridge([[1, 2, 4]], [2], 3, [([0, 0, "1/2"], [[2, "1/2", 2]])], equals({"root": 3, "terms": {"2": "1/2"}}, 1))


def test_valid_certificates():
    for doc in (TIE, L1, SINGLE):
        rep = check_certificate(doc)
        assert rep.ok and rep.relation == doc["relation"], rep.problems
    assert check_certificate(L1).value == "2"
    assert check_certificate(SINGLE).data == {"A": [["1", "2", "4"]], "y": ["2"], "L": 3}


def test_fixture_matrix_case():
    """ses-deep-matrix at L = 3: optimum 1 + 4^(1/3) at one basic solution; the dense average of the two L = 2
    optima is strictly worse."""
    rep = check_certificate(fixture("bridge-vertex-min", "valid"))
    assert rep.ok and rep.relation == equals({"root": 3, "terms": {"1": "1", "4": "1"}}, 1, witness="suboptimal")


def test_large_radicands_are_exact_and_too_large_ones_malformed():
    """f_3(P) = (P^2)^(1/3) with P = 10000019 prime: the radicand P^2 ~ 10^14 is checked cube-free by trial
    division up to (P^2)^(1/3) ~ 46416, so the value is exact; at L = 2 the radicand P^2 * 3^2 * 5 ~ 4.5 10^15
    has a square root beyond arith.MAX_ROOT and cannot be decided square-free: malformed, not accepted."""
    P = 10000019
    value = {"root": 3, "terms": {str(P * P): "1"}}
    rep = check_certificate(bridge([[1]], [P], 3, [([P], [[0, "1", P * P]])], equals(value, 1)))
    assert rep.ok and rep.relation == equals(value, 1), rep.problems
    M = P * P * 45
    big = bridge([[1]], [M], 4, [([M], [[0, "1", M * M]])], equals("1", 1))
    assert_problem(check_certificate(big), "optima[0].roots[0][2]: radicand")


@pytest.mark.parametrize("doc, path, new, fragment", [
    (TIE, "optima", TIE["optima"][:1], "basic solution ['0', '2'] is not shown worse than the optimum"),
    (TIE, "optima.1", TIE["optima"][0], "optima[1]: listed twice"),
    (TIE, "optima.0.roots.0.1", "2", "optima[0].roots[0]: c^L m = 32 but w_0^2 = 4"),
    (TIE, "optima.0.roots", [], "optima[0].roots: not exactly one entry per non-zero of w"),
    (TIE, "optima.0.roots", [[0, "1", 4], [0, "1", 4]], "optima[0].roots[1]: expected [index, 'c' > 0, integer m"),
    (TIE, "optima.0.roots.0.1", "-1", "optima[0].roots[0]: expected [index, 'c' > 0, integer m >= 1]"),
    (TIE, "witness.role", "optimal", "witness: role 'optimal' needs L = 2 and ||w||_1 = the optimum"),
    (TIE, "witness.role", "best", "witness.role: expected one of ('optimal', 'suboptimal'), got 'best'"),
    (L1, "witness.role", "suboptimal", "witness: not shown strictly worse than the optimum"),  # it is optimal
    (TIE, "witness.w", ["2", "1"], "witness: A w != y"),
    (TIE, "witness", DELETE, "relation: the certificate states"),
    (TIE, "relation.optimal_basic", 1, "relation: the certificate states"),
    (TIE, "data.y.0", "3", "optima[0]: not a basic solution of A w = y"),
    (TIE, "data.L", 1, "data.L: expected an integer from 2 to 64, got 1"),
    (TIE, "data.L", "3", "data.L: expected an integer from 2 to 64, got '3'"),
    (L1, "witness.w", ["2", "0"], "witness: at most N = 1 non-zeros"),
    (L1, "optima.1.w", ["1", "1"], "optima[1]: not a basic solution of A w = y"),
    (L1, "relation.value", "3", "relation: the certificate states"),
    (SINGLE, "optima", [{"w": ["0", "1", "0"], "roots": [[1, "1", 1]]}],
     "basic solution ['0', '0', '1/2'] is not shown worse than the optimum"),  # a non-optimal vertex claimed
    (SINGLE, "optima", SINGLE["optima"] + [{"w": ["0", "1", "0"], "roots": [[1, "1", 1]]}],
     "optima: the listed optima do not have equal values"),
    (SINGLE, "optima.0.roots", [[2, "1/4", 16]], "optima[0].roots[0]: m = 16 is not free of 3-th powers"),
    (SINGLE, "optima", [], "optima: expected at least one optimal basic solution"),
])
def test_tampered_is_rejected(doc, path, new, fragment):
    assert_problem(check_certificate(tampered(doc, path, new)), fragment)


def test_inconsistent_system():
    doc = bridge([[1, 1], [2, 2]], [1, 3], 3, [([1, 0], [[0, "1", 1]])], equals("1", 1))
    assert_problem(check_certificate(doc), "data: A w = y is inconsistent")


def test_sizes_beyond_the_limits_are_refused_before_the_work():
    """N <= MAX_ROWS = 16, K <= MAX_COLUMNS = 32, C(K, rank A) <= MAX_COLUMN_SETS = 256 column sets (checked
    after the echelon form, before any is solved: C(32, 16) = 6 * 10^8 ran past a minute), at most
    MAX_COLUMN_SETS optima."""
    one = [([1] + [0] * 32, [[0, "1", 1]])]
    assert check_certificate(bridge([[1] * 33], [1], 2, one, equals("1", 1))).problems == [
        "limit: data.A: columns K = 33, beyond the checker's limit of 32"]
    assert check_certificate(bridge([[1]] * 17, [1] * 17, 2, [([1], [[0, "1", 1]])], equals("1", 1))).problems == [
        "limit: data.A: rows N = 17, beyond the checker's limit of 16"]
    A = [[int(i == j or j >= 5) for j in range(12)] for i in range(5)]  # rank 5, C(12, 5) = 792 column sets
    assert check_certificate(bridge(A, [1] * 5, 2, [([1] * 5 + [0] * 7, [])], equals("1", 1))).problems == [
        "limit: data.A: column sets C(K, rank A) = C(12, 5) = 792, beyond the checker's limit of 256"]
    many = tampered(SINGLE, "optima", SINGLE["optima"] * 257)
    assert check_certificate(many).problems == [
        "limit: optima: the number listed = 257, beyond the checker's limit of 256"]


def test_enclosures_stop_at_the_precision_limit():
    """Refinement stops at L * bits <= MAX_ROOT_BITS = 4096 (bits <= 64 at L = 64): a listed optimum that is
    not the least value leaves the better basic solutions unseparated, quickly (64 * 4096-bit roots cost 0.13 s
    each)."""
    K = 32
    doc = bridge([[1] + [j + 2 for j in range(K - 1)]], [1], 64, [([1] + [0] * (K - 1), [[0, "1", 1]])], equals("1", 1))
    problems = check_certificate(doc).problems
    assert len(problems) == K - 1 and all("is not shown worse than the optimum" in p for p in problems)
