"""Seeded instance generators.

Every generator takes an integer seed and uses its own ``random.Random(seed)``,
so the same seed always gives the same case (on every platform and Python
version that keeps ``random.Random``'s documented reproducibility for
``randint``/``sample``/``choice``).  Generated cases go through the same
validation as case files.

>>> c = random_1d_case(7)
>>> c == random_1d_case(7), c.name, 3 <= c.n <= 9, len(set(c.x)) == c.n
(True, 'random-1d-7', True, True)
"""

from __future__ import annotations

import random
from dataclasses import replace
from fractions import Fraction

from .loader import Case, case_from_dict

__all__ = ["random_1d_case", "random_1d_cases", "random_matrix_case", "X_CANDIDATES", "gaussian_matrix",
           "parameter_case"]

#: Every p/q with |p| <= 20 and q in 1..4, distinct and sorted (109 values).
X_CANDIDATES: tuple[Fraction, ...] = tuple(
    sorted({Fraction(p, q) for p in range(-20, 21) for q in range(1, 5)})
)

_N_RANGE = (3, 9)


def random_1d_case(seed: int, n: int | None = None) -> Case:
    """A random 1-D case: ``n`` distinct small rational inputs, small rational labels.

    ``n`` is drawn from 3..9 when not given.  Inputs are p/q with |p| <= 20,
    q in 1..4, drawn without replacement and left in the drawn (unsorted)
    order.  Labels are k/q with |k| <= 6, q in {1, 2}; an all-zero label
    vector is replaced by setting the first label to 1, so every case has a
    nonzero target.
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"random_1d_case: expected an integer seed, got {seed!r}")
    rng = random.Random(seed)
    if n is None:
        n = rng.randint(*_N_RANGE)
    elif isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(X_CANDIDATES):
        raise ValueError(
            f"random_1d_case: expected n an integer in 1..{len(X_CANDIDATES)} "
            f"(the number of distinct candidate inputs), got {n!r}"
        )
    x = rng.sample(X_CANDIDATES, n)
    y = [Fraction(rng.randint(-6, 6), rng.choice((1, 2))) for _ in range(n)]
    if not any(y):
        y[0] = Fraction(1)
    name = f"random-1d-{seed}"
    doc = {
        "name": name,
        "source": f"generated, seed {seed} (cases.random_1d_case, n = {n})",
        "x": [str(v) for v in x],
        "y": [str(v) for v in y],
    }
    return replace(case_from_dict(doc, f"<{name}>"), path=None)


def random_1d_cases(count: int, seed0: int = 0) -> list[Case]:
    """``count`` cases from seeds ``seed0, seed0 + 1, ...`` (names are distinct)."""
    if count < 0:
        raise ValueError(f"random_1d_cases: expected count >= 0, got {count}")
    return [random_1d_case(seed0 + i) for i in range(count)]


def random_2d_case(seed: int) -> Case:
    """A random 2-D case: 3..7 distinct points with coordinates k/q, |k| <= 4, q in {1, 2}; labels k/q, |k| <= 6,
    q in {1, 2} (an all-zero label vector gets y_1 = 1).

    >>> c = random_2d_case(7); c.name, c.n, c.dim, c == random_2d_case(7)
    ('random-2d-7', 5, 2, True)
    """
    rng = random.Random(seed)
    n = rng.randint(3, 7)
    points: set[tuple[Fraction, Fraction]] = set()
    while len(points) < n:
        points.add((Fraction(rng.randint(-4, 4), rng.choice((1, 2))), Fraction(rng.randint(-4, 4), rng.choice((1, 2)))))
    X = sorted(points)
    y = [Fraction(rng.randint(-6, 6), rng.choice((1, 2))) for _ in X]
    if not any(y):
        y[0] = Fraction(1)
    doc = {"name": f"random-2d-{seed}", "source": f"generated, seed {seed} (cases.random_2d_case, n = {n})",
           "X": [[str(t) for t in x] for x in X], "y": [str(t) for t in y]}
    return replace(case_from_dict(doc, f"<random-2d-{seed}>"), path=None)


def random_matrix_case(seed: int, n_range: tuple[int, int] = (6, 10), d_range: tuple[int, int] = (4, 8)) -> Case:
    """A random n x d case (n, d drawn from the ranges): entries k/2 with |k| <= 6, labels k/2 with |k| <= 6.

    An all-zero column or label vector is redrawn, so every feature and the target carry data.

    >>> c = random_matrix_case(3)
    >>> c == random_matrix_case(3), c.name, 6 <= c.n <= 10, 4 <= c.dim <= 8
    (True, 'random-matrix-3', True, True)
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"random_matrix_case: expected an integer seed, got {seed!r}")
    rng = random.Random(seed)
    n, d = rng.randint(*n_range), rng.randint(*d_range)

    def draw(k: int) -> list[Fraction]:
        while True:
            out = [Fraction(rng.randint(-6, 6), 2) for _ in range(k)]
            if any(out):
                return out

    columns = [draw(n) for _ in range(d)]
    y = draw(n)
    name = f"random-matrix-{seed}"
    doc = {
        "name": name,
        "source": f"generated, seed {seed} (cases.random_matrix_case, n = {n}, d = {d})",
        "X": [[str(col[i]) for col in columns] for i in range(n)],
        "y": [str(v) for v in y],
    }
    return replace(case_from_dict(doc, f"<{name}>"), path=None)


def gaussian_matrix(seed: int, n: int, d: int, k: int):
    """Draw k of the i.i.d. N(0, 1) n x d matrices of cell (n, d), reproducible from (seed, n, d, k).

    Independent of the order in which cells are scanned (numpy ``default_rng([seed, n, d, k])``).

    >>> bool((gaussian_matrix(1, 2, 3, 0) == gaussian_matrix(1, 2, 3, 0)).all()), gaussian_matrix(1, 2, 3, 0).shape
    (True, (2, 3))
    """
    import numpy as np

    return np.random.default_rng([seed, n, d, k]).standard_normal((n, d))


def parameter_case(name: str, source: str, **params: int) -> Case:
    """A data-free case for a statistical claim: only parameters (e.g. the seed).

    >>> parameter_case("sweep", "seeded numpy", seed=3).params
    {'seed': Fraction(3, 1)}
    """
    return Case(name, source, None, None, None, (), params={k: Fraction(v) for k, v in params.items()})
