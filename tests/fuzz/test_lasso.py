"""Fuzzing the regularised route (exact.lasso, l1-regularised least squares): exact KKT optimum, checked
certificate, HiGHS QP.

Variants, built as the claims build them (verify.claims.ep.thm_4_1, verify.claims.ses.cor_3_4):
  "ep16"       1-D x, the data-knot ReLU dictionary plus a free constant column, scale 1, network form;
  "ses28"      the same with scale 2 and a free output bias;
  "leaky16"    as ep16 with a leaky slope (kh's alphas; the writer and checker take any alpha != 1);
  "rank-one16" X = c a^T through x = ||a|| c (the rank_one block of the writer);
  "finite"     a small integer A, optionally the constant free column, scale 1 (ep (17)) or 1/n (ep (39)).
HiGHS solves the QP, for the network forms over a larger dictionary (tests.fuzz.floats); it must agree to 1e-7
relative. Where HiGHS's QP solver cycles (its time limit), Clarabel solves it instead; the summary counts those.
No instance is filtered.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

from exact.certificates.l1_ls_kkt import lasso_certificate
from exact.checker import check_certificate
from exact.lasso import lasso
from exact.numbers import rational_sqrt
from exact.relu.dictionary import relu_atoms
from tests.fuzz import floats
from tests.fuzz.strategies import (
    betas,
    labels,
    outer,
    points,
    rank_one_factors,
    route_tests,
)

ROUTE = "regularised"
ALPHAS = (Fraction(1, 10), Fraction(1, 5), Fraction(-1, 2))


@st.composite
def instances(draw):
    variant = draw(st.sampled_from(("ep16", "ses28", "leaky16", "rank-one16", "finite")))
    beta = draw(betas())
    if variant == "finite":
        n, N = draw(st.integers(1, 4)), draw(st.integers(1, 4))
        A = tuple(tuple(draw(st.lists(st.integers(-3, 3).map(Fraction), min_size=N, max_size=N))) for _ in range(n))
        extra = (draw(st.booleans()), draw(st.booleans()))  # (constant column, scale 1/n)
        return variant, A, draw(labels(n)), beta, extra
    if variant == "rank-one16":
        c, a = draw(rank_one_factors())
        return variant, outer(c, a), draw(labels(len(c))), beta, ()
    x = draw(points(2, 7))
    extra = (draw(st.sampled_from(ALPHAS)),) if variant == "leaky16" else ()
    return variant, x, draw(labels(len(x))), beta, extra


def _network_problem(x, alpha: Fraction):
    """The data-knot dictionary on x as verify.claims.ep.thm_4_1 builds it: A, and the (u, b) of each column."""
    atoms = relu_atoms(x, alpha)
    return [[a(xi, alpha) for a in atoms] for xi in x], [(a.u, -a.u * a.knot) for a in atoms]


def _rank_one(X):
    """(c, a, ||a||) with X = c a^T, a the first nonzero row (as verify.claims.ep._shared.rank_one_factor)."""
    a = next(row for row in X if any(row))
    k = next(j for j, t in enumerate(a) if t)
    return tuple(row[k] / a[k] for row in X), a, rational_sqrt(sum((t * t for t in a), Fraction(0)))


def solve(inst):
    """(exact solution, certificate, float value) of one instance."""
    variant, data, y, beta, extra = inst
    n = len(y)
    ones = [Fraction(1)] * n
    if variant == "finite":
        constant, per_n = extra
        scale = Fraction(1, n) if per_n else Fraction(1)
        free = [ones] if constant else []
        sol = lasso(data, y, beta, scale, free, decide_uniqueness=False)
        doc = lasso_certificate(data, y, sol, "fuzz", f"{ROUTE}-{variant}", "finite l1 least squares", free)
        An = np.array([[float(t) for t in row] for row in data]).reshape(n, -1)
        return sol, doc, floats.lasso(An, y, beta, scale, np.ones((n, 1)) if constant else None)
    alpha = extra[0] if variant == "leaky16" else Fraction(0)
    scale = Fraction(2) if variant == "ses28" else Fraction(1)
    ro = None
    if variant == "rank-one16":
        c, a, norm = _rank_one(data)
        x, ro = tuple(norm * ci for ci in c), {"c": c, "a": a, "norm": norm}
        features = floats.features_rank_one(data, rng_seed=len(y))
    else:
        x = data
        features = floats.features_1d(x, alpha)
    A, neurons = _network_problem(x, alpha)
    sol = lasso(A, y, beta, scale, [ones], decide_uniqueness=False)
    relu1d = {"x": x, "alpha": alpha, "neurons": neurons} | ({"output_bias": True} if variant == "ses28" else {}) \
        | ({"rank_one": ro} if ro else {})
    doc = lasso_certificate(A, y, sol, "fuzz", f"{ROUTE}-{variant}", "regularised over networks", [ones], relu1d)
    return sol, doc, floats.lasso(features, y, beta, scale, np.ones((n, 1)))


def check_instance(inst, tier: str, tally) -> None:
    sol, doc, (flt, solver) = solve(inst)
    report = check_certificate(doc)
    assert report.ok, (inst, report.problems)
    assert report.value == str(sol.value), (inst, report.value, sol.value)
    assert floats.agree(flt, sol.value), (inst, solver, flt, "exact", sol.value)
    tally(ROUTE, tier, inst[0], inst)
    if solver != "highs":
        tally.note(ROUTE, tier, f"{solver}-fallback")


test_regularised_quick, test_regularised_slow = route_tests(ROUTE, instances, check_instance)
