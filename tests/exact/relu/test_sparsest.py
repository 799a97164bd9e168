"""exact.relu.sparsest: the l0 optimum by brute force over supports, exact ranks."""

from fractions import Fraction as F
from itertools import combinations

import pytest

from exact.relu.sparsest import SparseSolution, sparsest


def test_one_column_suffices_when_y_is_a_multiple_of_it():
    A = [[F(1), F(0), F(1)], [F(0), F(1), F(1)]]
    best = sparsest(A, [F(3), F(3)])
    assert best.size == 1
    assert best.minimisers == (SparseSolution((2,), (F(3),)),)
    assert best.cheapest.dense(3) == (F(0), F(0), F(3))


def test_every_minimiser_of_the_optimal_size_is_listed_with_its_weights():
    A = [[F(1), F(0), F(1)], [F(0), F(1), F(1)]]
    best = sparsest(A, [F(1), F(2)])
    assert best.size == 2
    assert [(m.support, m.weights) for m in best.minimisers] == [
        ((0, 1), (F(1), F(2))), ((0, 2), (F(-1), F(2))), ((1, 2), (F(1), F(1)))]
    assert best.cheapest.support == (1, 2) and best.cheapest.l1 == 2
    assert best.tested == 1 + 3 + 3


def test_dependent_columns_are_not_a_support_and_zero_labels_need_none():
    A = [[F(1), F(2)], [F(1), F(2)], [F(0), F(0)]]
    assert sparsest(A, [F(0)] * 3).size == 0
    with pytest.raises(ValueError, match="no support of size <= 2 fits y"):
        sparsest(A, [F(1), F(0), F(0)])
    with pytest.raises(ValueError, match="size <= 0"):
        sparsest(A, [F(1), F(1), F(0)], max_size=0)


def test_agrees_with_a_direct_search_on_a_small_integer_matrix():
    A = [[F((3 * i + 5 * j) % 4 - 1) for j in range(5)] for i in range(3)]
    y = [F(1), F(-1), F(2)]
    best = sparsest(A, y)
    for m in best.minimisers:
        assert [sum((A[i][s] * w for s, w in zip(m.support, m.weights)), F(0)) for i in range(3)] == y
    for T in combinations(range(5), best.size - 1):  # nothing smaller: no fewer columns fit y
        with pytest.raises(ValueError):
            sparsest([[A[i][s] for s in T] for i in range(3)], y, max_size=len(T))
