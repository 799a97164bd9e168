"""pe linear CNNs: pe.sdp-11-12 ((9)-(12)) and pe.circular-14 ((13) against (14)), and verify.numeric.linear_cnn."""

from fractions import Fraction as F
from math import isqrt

import numpy as np
import pytest

from cases import case_from_dict, shipped_case
from cases.generators import random_matrix_case
from exact.linalg import dot, gram, matvec
from verify.claims.pe.circular_14 import check_circular, circular_cases, fourier_bracket
from verify.claims.pe.sdp_11_12 import check_linear_cnn
from verify.numeric.bracket import Position, locate
from verify.numeric.linear_cnn import (
    LinearNetwork,
    adjoint,
    best_scale,
    circular_patches,
    nuclear_bracket,
    positive_definite,
    spectral_bound,
    valid_patches,
)
from verify.registry import CLAIMS, Context, UsageError, check_suitable
from verify.result import CONFIRMED, CONTRADICTED

SMALL = shipped_case("pe-cnn-sdp-small")


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    return Context(tmp_path_factory.mktemp("cnn"))


def near(q, value, tol=1e-10):
    return abs(float(q) - value) <= tol


def test_patches_are_the_circulant_network_and_the_strided_windows():
    """X U alpha = sum_k alpha_k X_k u for the circulant U with first column (u, 0), exactly (13) as (9)."""
    X = random_matrix_case(5).X
    d = len(X[0])
    u, alpha = (F(1), F(-2), F(1, 3)), tuple(F(k, 2) for k in range(-3, d - 3))
    c = [*u, *[F(0)] * (d - len(u))]
    U = [[c[(i - k) % d] for k in range(d)] for i in range(d)]
    direct = matvec(X, matvec(U, alpha))
    assert LinearNetwork((u,), (alpha,)).output(circular_patches(X, len(u))) == direct
    windows = valid_patches(X, 3)
    assert len(windows) == d - 2 and windows[1][0] == tuple(X[0][1:4])


def test_exact_positive_definiteness_and_spectral_bound():
    assert positive_definite([[F(1), F(0)], [F(0), F(1, 10**30)]])
    assert not positive_definite([[F(1), F(1)], [F(1), F(1)]])  # singular: semidefinite only
    M = tuple(tuple(F(v) for v in row) for row in ((1, 2, 0), (0, 1, 3)))
    c = spectral_bound(M)
    top = max(np.linalg.eigvalsh(np.array(gram(M), dtype=float)))
    assert top <= float(c) <= top * (1 + 1e-11)
    assert spectral_bound(((F(0), F(0)),)) == 0
    assert best_scale([F(1), F(-1)], [F(-1), F(1)], F(3)) == (F(0), F(0))  # v^T y < 0: t = 0


def test_sdp_bracket_ends_are_a_feasible_dual_and_a_network():
    """The lower end is the dual objective at a v with beta^2 I - M M^T positive definite (re-checked here), the
    upper end (9) at the returned network; a perturbed network is never below the lower end."""
    beta, patches, y = F(1, 4), valid_patches(SMALL.X, 3), SMALL.y
    b = nuclear_bracket(patches, y, beta)
    M = adjoint(patches, b.dual)
    G = gram(M)
    assert positive_definite([[beta ** 2 * (i == j) - G[i][j] for j in range(len(G))] for i in range(len(G))])
    assert b.bracket.lower == dot(b.dual, y) - dot(b.dual, b.dual) / 2
    assert b.bracket.upper == b.network.objective(patches, y, beta)
    worse = LinearNetwork(tuple(tuple(t * F(11, 10) for t in u) for u in b.network.filters), b.network.outer)
    assert worse.objective(patches, y, beta) > b.bracket.upper > b.bracket.lower
    assert b.rank == 3 and near(b.bracket.lower, 2.66448219020, 1e-10)


def test_sdp_beta_one_confirmed(ctx):
    res = check_linear_cnn(shipped_case("pe-cnn-sdp-beta-one"), ctx)
    assert res.verdict is CONFIRMED and not res.findings
    assert near(res.value.lower, 3.306946774720, 2e-11) and res.value.width < F(1, 10**10)
    assert [p.status for p in res.printed] == ["MATCH"] * 4
    assert res.data["rank"] == 1 and res.data["K"] == 4


def test_sdp_equation_10_as_printed_is_contradicted(ctx):
    """(10) with <= 1 is (11) at beta = 1: at beta = 1/4 its value 3.4526... is far from (9) = 2.6644..."""
    res = check_linear_cnn(SMALL, ctx)
    assert res.verdict is CONTRADICTED
    assert near(res.value.lower, 2.66448219020) and res.value.width < F(1, 10**9)
    printed = res.data["bracket_10_as_printed"]
    assert near(F(printed["lower"]), 3.45261633779, 1e-10)
    assert [f.place for f in res.findings] == ["(10), Section 4.2"]
    assert "<= beta^2" in res.findings[0].shows
    assert [p.status for p in res.printed] == ["MATCH", "MATCH", "MATCH", "MISMATCH"]


def test_sdp_seeded_cases_and_refused_filter(ctx):
    res = check_linear_cnn(random_matrix_case(1), ctx)
    assert res.verdict is CONTRADICTED and near(res.value.lower, 1.23921987627, 1e-10)
    big = case_from_dict({"name": "t", "X": [["1", "2"], ["3", "4"]], "y": ["1", "0"], "h": "3"}, "t.toml")
    with pytest.raises(UsageError, match="field 'h': expected a filter length <= d = 2, got 3"):
        check_suitable(CLAIMS["pe.sdp-11-12"], big)


def test_circular_small_gap_below_three_taps(ctx):
    res = check_circular(shipped_case("pe-cnn-circular-small"), ctx)
    assert res.verdict is CONTRADICTED
    assert res.data["meets"] == {"1": [], "2": [], "3": ["unnormalised"], "4": ["unnormalised"]}
    values = dict(res.value.items)
    assert near(values["(13), h = 1"].lower, 2.86787914987)
    assert near(values["(13), h = 2"].lower, 2.85591769153)
    assert near(values["(14), unnormalised F"].lower, 2.85488155507, 2e-11)
    assert near(values["(14), unitary F"].lower, 3.29603237784, 2e-11)
    assert [f.place for f in res.findings] == ["Section 4.3, (13)-(14), and A.6", "(14) and A.6: 'F is the DFT matrix'"]
    assert "equal here for h = 3, 4" in res.findings[0].shows


def test_circular_sparse_spectrum_gap_for_every_short_filter(ctx):
    case = shipped_case("pe-cnn-circular-sparse")
    res = check_circular(case, ctx)
    assert res.verdict is CONTRADICTED
    assert [h for h, ks in res.data["meets"].items() if ks] == ["8"]
    values = dict(res.value.items)
    assert values["(14), unitary F"].contains(dot(case.y, case.y) / 2)  # beta sqrt(8) kills every z: value ||y||^2/2
    assert near(values["(13), h = 7"].lower, 17.4616224719) and near(values["(13), h = 8"].lower, 17.4604607445)


def test_unitary_f_is_the_unnormalised_f_at_beta_sqrt_d():
    """(14) with F / sqrt(d) at beta equals (14) with F at beta sqrt(d) (substitute z = sqrt(d) z'): d = 4."""
    case = shipped_case("pe-cnn-circular-small")
    unitary = fourier_bracket(case.X, case.y, F(1, 2), True).bracket
    scaled = fourier_bracket(case.X, case.y, F(1, 2) * isqrt(4), False).bracket
    assert locate(unitary, scaled) is Position.INSIDE and unitary.width < F(1, 10**9)


def test_large_beta_every_filter_length_agrees(ctx):
    """beta above every sigma_max(M(y)): Z = 0 and z = 0 are optimal, all values are ||y||^2 / 2: CONFIRMED."""
    case = case_from_dict({"name": "big-beta", "X": [["1", "0", "2"], ["0", "1", "-1"], ["2", "1", "0"],
                                                     ["-1", "1", "1"]], "y": ["1", "-1", "2", "0"], "beta": "40"},
                          "big.toml")
    res = check_circular(case, ctx)
    assert res.verdict is CONFIRMED and not res.findings
    assert all(b.contains(F(3)) and b.width < F(1, 10**9) for _, b in res.value.items)


def test_thirteen_at_full_length_is_fourteen_on_every_own_case(ctx):
    """(13) with h = d equals (14) with the unnormalised F (the circulant's singular values are |F^T X^T v|)."""
    for case in circular_cases():
        res = check_circular(case, ctx)
        assert "unnormalised" in res.data["meets"][str(case.dim)], case.name
