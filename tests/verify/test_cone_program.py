"""pe (8) / (39) over all regions (verify/numeric/cone_program.py, cone_pricing.py): brackets against exact and
independent float values, pricing against brute force, the certificate against the checker."""
from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from scipy.optimize import nnls

from exact.checker import check_certificate
from exact.lasso import lasso
from exact.relu.arrangements import central_arrangement
from tests.checker.helpers import tampered
from verify.numeric.cone_pricing import _columns, batched_nnls, exact_dual, price
from verify.numeric.cone_primal import exact_vector, network_objective, primal_upper
from verify.numeric.cone_program import bracket, restricted_upper, solve_restricted

X1 = [F(-2), F(-1), F(0), F(1), F(2)]  # pe Section 6's 1-D example
Y1 = [F(1), F(-1), F(1), F(1), F(-1)]


def rational(A: np.ndarray, scale: int = 100) -> list[list[F]]:
    return [[F(round(a * scale), scale) for a in row] for row in np.atleast_2d(A)]


def test_1d_without_bias_is_the_two_feature_lasso():
    """d = 1: the regions are u > 0 and u < 0 (the zero row is 0 in both), D = 1[x > 0], 1[x < 0], and (8) is the
    lasso with columns (x)_+ and (-x)_+, solved exactly by exact.lasso."""
    beta = F(1, 2)
    exact = lasso([[max(x, F(0)), max(-x, F(0))] for x in X1], Y1, beta).value
    b = bracket([[x] for x in X1], Y1, beta)
    assert b.regions == 2 and b.bracket.lower <= exact <= b.bracket.upper
    assert b.bracket.upper - b.bracket.lower < F(1, 10**9)
    # weights -1/10 on (x)_+ and 1/10 on (-x)_+: twice 1/2 (11/10^2 + 8/10^2) + 1/20, plus 1/2 at the zero row
    assert exact == F(49, 20)
    assert check_certificate(b.certificate("test", "1d", "")).ok


def test_1d_with_bias_against_a_fine_dictionary():
    """X = [x, 1]: the bias inside the norm. Reference: the lasso over 4000 unit neurons (cos t, sin t), an upper
    bound of (2) that tends to its value (float, Clarabel); it lies within 1e-7 above the bracket."""
    import cvxpy as cp

    b = bracket([[x, F(1)] for x in X1], Y1, F(1, 10))
    assert b.regions == 10 and b.relative_width < 1e-9
    t = np.linspace(0, 2 * np.pi, 4000, endpoint=False)
    A = np.array([[float(x), 1.0] for x in X1])
    Phi = np.maximum(A @ np.stack([np.cos(t), np.sin(t)]), 0)
    c = cp.Variable(len(t))
    ref = cp.Problem(cp.Minimize(0.5 * cp.sum_squares(Phi @ c - np.array([float(v) for v in Y1])) + 0.1 * cp.norm1(c)))
    ref.solve(solver="CLARABEL")
    assert float(b.bracket.lower) - 1e-9 <= ref.value <= float(b.bracket.upper) + 1e-7
    assert b.neurons == 5 and b.m_star == 5 and b.both == 0


def test_pricing_against_a_brute_force_scan():
    """max over the unit circle of eps v^T (X u)_+ (a grid of 200 000 angles) <= the priced max, and >= it minus
    the grid's error (|d/dt| <= sum_j |v_j| ||x_j|| times the half spacing); likewise region by region."""
    rng = np.random.default_rng(4)
    X = np.array(rational(rng.standard_normal((7, 2))), dtype=float)
    v = rng.standard_normal(7)
    arr = central_arrangement(rational(X))
    S = np.array([r.sign for r in arr.regions])
    p = price(X, S, v, beta=0.0)
    t = np.linspace(0, 2 * np.pi, 200_000, endpoint=False)
    U = np.stack([np.cos(t), np.sin(t)])
    f = v @ np.maximum(X @ U, 0)
    err = np.abs(v) @ np.linalg.norm(X, axis=1) * np.pi / len(t)
    assert p.values.max() >= max(f.max(), -f.min()) >= p.values.max() - err
    signs = np.sign(X @ U).T
    for r, s in enumerate(S):
        inside = (signs == s).all(axis=1)
        assert inside.any()
        for e, sign in enumerate((1, -1)):
            assert p.values[r, e] + 1e-12 >= max(0.0, (sign * f[inside]).max()) >= p.values[r, e] - err


def test_batched_nnls_agrees_with_scipy():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((12, 3))
    S = rng.choice([-1, 1], size=(500, 12))
    G = 3 * rng.standard_normal((500, 3))
    rows, mu, ok = batched_nnls(X, S, G)
    assert ok.mean() > 0.95 and (mu >= 0).all() and ((rows >= 0).sum(axis=1) <= 3).all()
    ours = np.linalg.norm(G + (mu[..., None] * _columns(X, S, rows)).sum(axis=1), axis=1)
    theirs = np.array([nnls((s[:, None] * X).T, -g)[1] for s, g in zip(S, G)])
    assert np.abs(ours - theirs)[ok].max() < 1e-10


def test_the_exact_dual_holds_on_every_piece_and_shrinks_when_it_must():
    rng = np.random.default_rng(1)
    Xq = rational(np.hstack([rng.standard_normal((8, 2)), np.ones((8, 1))]))
    y = [F(round(t * 100), 100) for t in rng.standard_normal(8)]
    S = np.array([r.sign for r in central_arrangement(Xq).regions])
    Xf = np.array(Xq, dtype=float)
    v = 5 * np.array([float(t) for t in y])  # far outside: the scale t must shrink it
    dual = exact_dual(Xq, y, F(1, 10), "squared", S, v, price(Xf, S, v, 0.1))
    assert dual.t < 0.5 and dual.worst <= 1 and len(dual.pieces) == 2 * len(S)
    for piece in dual.pieces:
        g = [sum((F(piece.eps) * vj * x[i] for vj, x, sj in zip(dual.v, Xq, piece.region) if sj == 1), F(0))
             + sum((m * piece.region[j] * Xq[j][i] for j, m in piece.mu.items()), F(0)) for i in range(3)]
        assert sum(a * a for a in g) <= F(1, 100) and all(m >= 0 for m in piece.mu.values()) and len(piece.mu) <= 3


def test_exact_vector_satisfies_every_cone_row():
    X = [[F(1), F(0)], [F(0), F(1)], [F(1), F(1)]]
    q = exact_vector(X, (1, 1, 1), (1, 1), np.array([1.0, -3e-11]))  # row 1 is tight and slightly violated
    assert q == (F(1), F(0))
    q = exact_vector(X, (1, -1, 1), (2, -1), np.array([1.0, 1e-3]))  # far off: shifted along the point (2, -1)
    assert q[1] <= 0 <= q[0] + q[1] and q[0] > 0


@pytest.mark.parametrize("loss", ["hinge", "absolute"])
def test_other_losses_bracket_the_full_program(loss):
    """pe (39): the bracket contains Clarabel's value of the program over every region at once."""
    rng = np.random.default_rng(2)
    Xq = rational(np.hstack([rng.standard_normal((9, 1)), np.ones((9, 1))]))
    y = [F(1) if t > 0 else F(-1) for t in rng.standard_normal(9)] if loss == "hinge" else \
        [F(round(t * 100), 100) for t in rng.standard_normal(9)]
    b = bracket(Xq, y, F(1, 5), loss=loss)
    full = solve_restricted(np.array(Xq, dtype=float), np.array([float(t) for t in y]), 0.2, loss,
                            np.array([r.sign for r in central_arrangement(Xq).regions]))
    assert float(b.bracket.lower) - 1e-7 <= full.value <= float(b.bracket.upper) + 1e-7
    assert b.relative_width < 1e-6
    rep = check_certificate(b.certificate("test", loss, ""))
    assert rep.ok and rep.relation is not None and rep.relation["neurons"] == b.neurons, rep.problems


def test_restricted_upper_and_theorem_1s_network():
    """Sampled patterns (pe Remark 3.2) bound (8) above; with every region's pattern they meet the bracket; the
    network of Theorem 1 evaluated in (2) lies inside the bracket."""
    rng = np.random.default_rng(3)
    Xq = rational(np.hstack([rng.standard_normal((10, 2)), np.ones((10, 1))]))
    y = [F(round(t * 100), 100) for t in rng.standard_normal(10)]
    beta = F(1, 10)
    b = bracket(Xq, y, beta)
    lo, hi = network_objective(Xq, y, beta, "squared", b.blocks)
    assert b.bracket.lower <= lo <= hi <= b.bracket.upper and hi - lo < F(1, 10**40)
    assert b.network == (lo, hi) and primal_upper(Xq, y, beta, "squared", b.blocks) == b.bracket.upper
    sampled = [tuple(int(t >= 0) for t in np.array(Xq, dtype=float) @ u) for u in rng.standard_normal((5, 3))]
    few = restricted_upper(Xq, y, beta, sampled)
    assert few.upper >= b.bracket.lower and few.patterns <= 5
    everything = restricted_upper(Xq, y, beta, [tuple(int(s == 1) for s in r.sign)
                                                for r in central_arrangement(Xq).regions])
    assert b.bracket.lower <= everything.upper <= b.bracket.upper + F(1, 10**6)


def test_the_certificate_rejects_a_tampered_multiplier_and_primal_point():
    b = bracket([[x, F(1)] for x in X1], Y1, F(1, 10))
    doc = b.certificate("test", "example", "")
    assert check_certificate(doc).ok
    k = next(i for i, p in enumerate(doc["dual"]["pieces"]) if p["mu"])
    j = next(iter(doc["dual"]["pieces"][k]["mu"]))
    bad = tampered(doc, f"dual.pieces.{k}.mu", {j: str(F(doc["dual"]["pieces"][k]["mu"][j]) + 5)})
    assert any("||g||^2 > beta^2" in p for p in check_certificate(bad).problems)
    block = doc["primal"]["blocks"][0]
    part = "v" if any(F(t) for t in block["v"]) else "w"
    bad = tampered(doc, f"primal.blocks.0.{part}", [str(-F(t)) for t in block[part]])
    assert any("cone row" in p for p in check_certificate(bad).problems)


def test_the_benchmark_rows_at_small_sizes():
    """verify/bench/cone_program.py on (10, 2) and (20, 2): the certificate is accepted, the full (8) solved at
    once by Clarabel lies in the bracket, and the table has every column."""
    from verify.bench.cone_program import bench_row, markdown

    rows = [bench_row(10, 2, False), bench_row(20, 2, False)]
    assert [r.regions for r in rows] == [20, 40]  # 2 n lines through the origin in the plane
    for r in rows:
        assert r.accepted and r.full_inside and r.width < 1e-8 and r.both == 0 and r.lower <= r.upper
    table = markdown(rows).splitlines()
    assert len(table) == 4 and table[2].startswith("| (10, 2) | 20 |") and "REJECTED" not in table[3]
