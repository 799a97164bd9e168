"""Hypothesis strategies for small rational instances, and the settings every fuzz test shares."""

from __future__ import annotations

import zlib
from fractions import Fraction
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

QUICK, SLOW = 20, 1200  # examples per route: default tier, slow tier (hypothesis repeats a few instances)
SLOW_DISTINCT = 1000  # distinct instances the slow tier must reach per route


def fuzz_settings(examples: int) -> settings:
    """Deterministic (derandomize, no example database), no deadline."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def rationals(bound: int = 4, denominator: int = 4) -> st.SearchStrategy[Fraction]:
    return st.fractions(min_value=-bound, max_value=bound, max_denominator=denominator)


def points(min_size: int = 2, max_size: int = 7, bound: int = 4, denominator: int = 4):
    """Distinct 1-D data points (as a tuple, in the drawn order: the routes must not depend on it)."""
    return st.lists(rationals(bound, denominator), min_size=min_size, max_size=max_size, unique=True).map(tuple)


def labels(n: int, bound: int = 5, denominator: int = 4):
    return st.lists(rationals(bound, denominator), min_size=n, max_size=n).map(tuple)


def signs(n: int):
    return st.lists(st.sampled_from((Fraction(1), Fraction(-1))), min_size=n, max_size=n).map(tuple)


def betas():
    """beta > 0, small denominators, from 1/20 to 3."""
    return st.fractions(min_value=Fraction(1, 20), max_value=3, max_denominator=20)


#: integer vectors with an integer Euclidean norm (the rank-one route needs ||a|| rational)
PYTHAGOREAN = ((1,), (2,), (3, 4), (5, 12), (8, 15), (1, 2, 2), (2, 3, 6), (1, 4, 8), (2, 6, 9), (1, 1, 1, 1),
               (0, 3, 4), (2, 10, 11))


@st.composite
def rank_one_factors(draw, max_rows: int = 6):
    """(c, a): c distinct small rationals (so the rows of X = c a^T are distinct), a a rational multiple of a
    signed, permuted Pythagorean vector."""
    base = list(draw(st.sampled_from(PYTHAGOREAN)))
    base = draw(st.permutations(base))
    sgn = draw(st.lists(st.sampled_from((1, -1)), min_size=len(base), max_size=len(base)))
    scale = draw(st.sampled_from((Fraction(1), Fraction(2), Fraction(1, 2), Fraction(1, 3))))
    a = tuple(scale * s * t for s, t in zip(sgn, base))
    c = draw(points(2, max_rows, bound=3, denominator=3))
    return c, a


def outer(c, a) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(tuple(ci * aj for aj in a) for ci in c)


def route_tests(route: str, instances: Callable[[], st.SearchStrategy], check: Callable[[Any, str, Any], None]
                ) -> tuple[Callable, Callable]:
    """The two tests of a route: QUICK examples by default, SLOW under ``-m slow`` (reaching SLOW_DISTINCT
    distinct instances); ``check(instance, tier, tally)`` asserts one example."""

    @seed(zlib.crc32(f"{route}-quick".encode()))  # one stream per route and tier, as one test each had
    @fuzz_settings(QUICK)
    @given(instances())
    def quick(tally, inst):
        check(inst, "quick", tally)

    @pytest.mark.slow
    def slow(tally):
        @seed(zlib.crc32(f"{route}-slow".encode()))
        @fuzz_settings(SLOW)
        @given(instances())
        def run(inst):
            check(inst, "slow", tally)

        run()
        assert tally.distinct(route, "slow") >= SLOW_DISTINCT

    return quick, slow
