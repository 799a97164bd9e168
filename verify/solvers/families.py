"""Families of problems with exact answers: the papers' instances and seeded generated ones.

=============== ===================================================================================== ==========
family          data                                                                                  variants
=============== ===================================================================================== ==========
paper-1d        the papers' own 1-D instances among the shipped cases (source kh, ep, pe, ddb, ses)   1-D three
random-1d       n = 5, 10, 20, 40, 80 distinct points p/4 (|p| <= 6 n), labels k/2 (|k| <= 6)       1-D three
leaky-1d        random 1-D data under kh's leaky ReLU, slope 1/10 (kh (2)+(3))                        interp., reg.
degenerate-1d   nearly coincident points (gap 1e-6), and data scaled by 1e6 and by 1e-6               1-D three
rank-one        X = c a^T with rational ||a|| (ep Corollaries 3.4-3.5), no bias                       cone
whitened        X X^T = I (rows of a rational orthogonal matrix, Cayley transform; ep Section 3.3)    cone
2d-bias         random 2-D points with a column of ones (the bias inside the norm, pe (8))            cone
=============== ===================================================================================== ==========

The penalised variants take beta = 1/10 (a case's own ``beta`` where it has one); hinge labels are the signs of
y - mean(y) (+1 at ties) unless the labels already are +-1. Every generator has its own ``random.Random(seed)``.

>>> [p.name for p in family("degenerate-1d")][:3]
['close-points/interpolation', 'close-points/regularised', 'close-points/hinge']
>>> len(family("random-1d")), {p.variant.value for p in family("2d-bias")}
(15, {'cone'})
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Callable, Sequence

from cases import Case, shipped_cases

from .problem import Problem, Variant

BETA = Fraction(1, 10)
LEAKY = Fraction(1, 10)
ONE_D = (Variant.INTERPOLATION, Variant.REGULARISED, Variant.HINGE)
PAPER_SOURCES = ("kh", "ep", "pe", "ddb", "ses")


def labels_pm1(y: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """y itself when every label is +-1, else the signs of y - mean(y) (+1 at ties).

    >>> labels_pm1([Fraction(0), Fraction(3), Fraction(1)])
    (Fraction(-1, 1), Fraction(1, 1), Fraction(-1, 1))
    """
    if all(abs(t) == 1 for t in y):
        return tuple(y)
    mean = sum(y, Fraction(0)) / len(y)
    return tuple(Fraction(1 if t >= mean else -1) for t in y)


def one_d(name: str, family: str, x: Sequence[Fraction], y: Sequence[Fraction], source: str,
          beta: Fraction = BETA, alpha: Fraction = Fraction(0), variants: Sequence[Variant] = ONE_D) -> list[Problem]:
    """The 1-D variants of one data set."""
    X = tuple((Fraction(t),) for t in x)
    out = []
    for v in variants:
        labels = labels_pm1(y) if v is Variant.HINGE else tuple(map(Fraction, y))
        out.append(Problem(f"{name}/{v.value}", family, v, X, labels, None if v is Variant.INTERPOLATION else beta,
                           alpha, source=source))
    return out


def _paper_1d() -> list[Problem]:
    seen: set[tuple] = set()
    out = []
    for c in shipped_cases():
        if c.x is None or c.source.split(",")[0] not in PAPER_SOURCES or len(set(c.x)) < len(c.x) or c.n < 2:
            continue
        if (c.x, c.y) in seen:
            continue
        seen.add((c.x, c.y))
        out += one_d(c.name, "paper-1d", c.x, c.y, f"cases/data/{c.path or c.name}", c.params.get("beta", BETA))
    return out


def _random_points(rng: random.Random, n: int) -> tuple[list[Fraction], list[Fraction]]:
    x = sorted(Fraction(p, 4) for p in rng.sample(range(-6 * n, 6 * n + 1), n))
    y = [Fraction(rng.randint(-6, 6), 2) for _ in range(n)]
    if not any(y):
        y[0] = Fraction(1)
    return x, y


def _random_1d() -> list[Problem]:
    out = []
    for n in (5, 10, 20, 40, 80):
        x, y = _random_points(random.Random(1000 + n), n)
        out += one_d(f"random-1d-n{n}", "random-1d", x, y, f"generated (random.Random({1000 + n}))")
    return out


def _leaky_1d() -> list[Problem]:
    out = []
    for n in (5, 10, 20):
        x, y = _random_points(random.Random(2000 + n), n)
        out += one_d(f"leaky-1d-n{n}", "leaky-1d", x, y, f"generated (random.Random({2000 + n}))", alpha=LEAKY,
                     variants=(Variant.INTERPOLATION, Variant.REGULARISED))
    return out


def _degenerate_1d() -> list[Problem]:
    eps, big = Fraction(1, 10**6), Fraction(10**6)
    x0, y0 = [Fraction(t) for t in (0, 1, 2, 3, 4)], [Fraction(t) for t in (0, 1, -1, 2, 0)]
    close = [Fraction(0), Fraction(1), 1 + eps, Fraction(2), 2 + eps, Fraction(3)]
    yc = [Fraction(t) for t in (0, 1, -1, 1, 0, 1)]
    return (one_d("close-points", "degenerate-1d", close, yc, "generated (gaps of 1e-6)")
            + one_d("scale-1e6", "degenerate-1d", [t * big for t in x0], [t * big for t in y0],
                    "generated (x, y * 1e6)")
            + one_d("scale-1e-6", "degenerate-1d", [t * eps for t in x0], [t * eps for t in y0],
                    "generated (x, y * 1e-6)"))


def cone(name: str, family: str, X: Sequence[Sequence[Fraction]], y: Sequence[Fraction], source: str,
         beta: Fraction = BETA) -> Problem:
    return Problem(name, family, Variant.CONE, tuple(tuple(map(Fraction, r)) for r in X), tuple(map(Fraction, y)),
                   beta, source=source)


def _rank_one() -> list[Problem]:
    out = []
    for n, a in ((5, (3, 4)), (8, (1, 2, 2))):
        rng = random.Random(3000 + n)
        c = sorted(Fraction(p, 2) for p in rng.sample(range(-3 * n, 3 * n + 1), n))
        y = [Fraction(rng.randint(-4, 4), 2) for _ in range(n)]
        out.append(cone(f"rank-one-n{n}-d{len(a)}", "rank-one", [[ci * aj for aj in a] for ci in c], y,
                        f"generated (random.Random({3000 + n}), a = {a})"))
    return out


def _cayley(rng: random.Random, d: int) -> list[list[Fraction]]:
    """A rational orthogonal matrix (I - S)(I + S)^-1 for a random integer skew-symmetric S."""
    from flint import fmpq_mat

    S = [[0] * d for _ in range(d)]
    for i in range(d):
        for j in range(i + 1, d):
            S[i][j] = rng.randint(-3, 3)
            S[j][i] = -S[i][j]
    I_ = fmpq_mat(d, d, [int(i == j) for i in range(d) for j in range(d)])
    M = fmpq_mat(d, d, [S[i][j] for i in range(d) for j in range(d)])
    Q = (I_ - M) * (I_ + M).inv()
    return [[Fraction(int(Q[i, j].p), int(Q[i, j].q)) for j in range(d)] for i in range(d)]


def _whitened() -> list[Problem]:
    out = []
    for n, d in ((3, 3), (3, 4), (4, 5)):
        rng = random.Random(4000 + 10 * n + d)
        X = _cayley(rng, d)[:n]
        y = [Fraction(rng.randint(-4, 4), 2) or Fraction(1) for _ in range(n)]
        out.append(cone(f"whitened-n{n}-d{d}", "whitened", X, y,
                        f"generated (Cayley, random.Random({4000 + 10 * n + d}))"))
    return out


def _bias_2d() -> list[Problem]:
    out = []
    for n in (5, 8, 12):
        rng = random.Random(5000 + n)
        pts = rng.sample([(i, j) for i in range(-6, 7) for j in range(-6, 7)], n)
        X = [[Fraction(i, 2), Fraction(j, 2), Fraction(1)] for i, j in pts]
        out.append(cone(f"2d-bias-n{n}", "2d-bias", X, [Fraction(rng.randint(-4, 4), 2) for _ in range(n)],
                        f"generated (random.Random({5000 + n}), a column of ones)"))
    return out


FAMILIES: dict[str, Callable[[], list[Problem]]] = {
    "paper-1d": _paper_1d, "random-1d": _random_1d, "leaky-1d": _leaky_1d, "degenerate-1d": _degenerate_1d,
    "rank-one": _rank_one, "whitened": _whitened, "2d-bias": _bias_2d}


def family(name: str) -> list[Problem]:
    """The problems of a family (module doc); KeyError names the families."""
    if name not in FAMILIES:
        raise KeyError(f"unknown family {name!r}; the families are {', '.join(FAMILIES)}")
    return FAMILIES[name]()


def from_case(c: Case, variants: Sequence[Variant] | None = None) -> list[Problem]:
    """The problems of a user's case file: the 1-D variants for ``x``, pe (8) for a matrix ``X``."""
    beta = c.params.get("beta", BETA)
    if c.x is not None:
        return one_d(c.name, "case", c.x, c.y, c.path or c.name, beta, c.params.get("alpha", Fraction(0)),
                     [v for v in (variants or ONE_D) if v is not Variant.CONE])
    assert c.X is not None
    return [cone(c.name, "case", c.X, c.y, c.path or c.name, beta)]
