"""ep Theorems 3.5 / 3.6: exact vertex tests, the diagonal network, its certificate, the Gaussian sweep."""

from fractions import Fraction as F

import numpy as np

from cases import shipped_case
from exact.certificates.separating_neurons import hull_certificate
from exact.checker import check_certificate
from exact.relu.hull import activation, diagonal_network, nearest_point, screen_rows, vertex_test
from verify.claims.ep._shared import matrix_of
from verify.claims.ep.thm_3_5 import HULL_CASES, check_hull_interpolation
from verify.claims.ep.thm_3_6 import _cell
from verify.registry import Context, all_claims, run_check
from verify.result import MEASURED, PROVED, VACUOUS


def polygon():
    case = shipped_case("ep-hull-polygon")
    return matrix_of(case), case.y


def polygon_certificate():
    A, y = polygon()
    sol = diagonal_network(A, y)
    return hull_certificate(A, y, sol, [nearest_point(A, j) for j in range(len(A))], "ep.thm-3.5", "t")


def test_polygon_network_is_exact_diagonal_fit_in_unit_ball():
    A, y = polygon()
    sol = diagonal_network(A, y)
    net = sol.network
    assert sol.all_vertices
    assert [t.margin for t in sol.tests] == [F(1, 4), F(1, 5)] * 4  # l-infinity distances
    M = activation(A, net.U, net.b)
    assert all(M[i][j] == (net.diagonal[i] if i == j else 0) for i in range(8) for j in range(8))
    assert net.diagonal[:2] == (F(2500, 8839), F(125, 442))
    assert all(sum(v * v for v in u) <= 1 for u in net.U)
    assert [sum(M[i][j] * net.w[j] for j in range(8)) for i in range(8)] == list(y)
    assert net.cost == F(92813, 2500) == sum(abs(w) for w in net.w)


def test_lemma_27_nearest_points_exact():
    A, _ = polygon()
    assert [nearest_point(A, j).dist2 for j in range(8)] == [F(2, 25)] * 8
    tri = [[F(0), F(0)], [F(2), F(0)], [F(1), F(1)]]
    p = nearest_point(tri, 2)  # projection onto the edge between the other two points
    assert p.point == (F(1), F(0)) and p.dist2 == 1 and p.weights == (F(1, 2), F(1, 2), F(0))


def test_non_vertex_witnesses():
    A = matrix_of(shipped_case("ep-hull-interior"))
    sol = diagonal_network(A, [F(0)] * len(A))
    assert sol.network is None
    assert [t.row for t in sol.tests if not t.is_vertex] == [4, 5]
    assert sol.tests[5].witness == (F(1, 2), F(0), F(0), F(1, 2), F(0), F(0))  # (1,0) = midpoint of an edge
    t = vertex_test([[F(-2)], [F(-1, 2)], [F(1)], [F(3)]], 2)
    assert not t.is_vertex and t.margin == 0
    # a convex combination of the other points equal to x_2 = 1 (the LP's vertex: (4/7 at -1/2, 3/7 at 3) or
    # (2/5 at -2, 3/5 at 3), both exact)
    assert min(t.witness) >= 0 and t.witness[2] == 0 and sum(t.witness) == 1
    assert sum(w * x for w, x in zip(t.witness, (F(-2), F(-1, 2), F(1), F(3)))) == 1


def test_certificate_accepted_and_value():
    """The polygon's network and Lemma 2.7 distances, certified (tampered: tests/checker/test_separating_neurons.py)."""
    rep = check_certificate(polygon_certificate())
    assert rep.ok and rep.kind == "separating-neurons"
    assert rep.relation == {"type": "holds", "property": "samples-are-vertices", "upper": "92813/2500",
                            "dist2": ["2/25"] * 8}


def test_non_vertex_certificate():
    A = matrix_of(shipped_case("ep-hull-interior"))
    rep = check_certificate(hull_certificate(A, [F(0)] * 6, diagonal_network(A, [F(0)] * 6)))
    assert rep.relation == {"type": "fails", "property": "samples-are-vertices", "non_vertices": [4, 5]}


def test_default_cases_proved_or_vacuous(tmp_path):
    """PROVED where every sample is a vertex (certified ``holds``), VACUOUS where the hypothesis fails
    (certified ``fails`` with the non-vertices)."""
    ctx = Context(tmp_path)
    verdicts = {name: check_hull_interpolation(shipped_case(name), ctx) for name in HULL_CASES}
    assert {n: r.verdict for n, r in verdicts.items()} == {
        "ep-hull-polygon": PROVED, "ep-hull-cube": PROVED, "ep-hull-interior": VACUOUS, "ep-hull-1d": VACUOUS,
        "ep-hull-1d-pair": PROVED}
    for name in ("ep-hull-interior", "ep-hull-1d"):
        res = verdicts[name]
        assert res.value is None and [c.kind_relation for c in res.checked] == ["fails"]
        assert any("hypothesis FAILS (certified)" in n for n in res.notes)
        assert shipped_case(name).expect["ep.thm-3.5"] == VACUOUS
    assert verdicts["ep-hull-interior"].checked[0].qualifier("non_vertices") == [4, 5]
    assert verdicts["ep-hull-1d"].checked[0].qualifier("non_vertices") == [1, 2]
    assert verdicts["ep-hull-polygon"].value == F(92813, 2500) == verdicts["ep-hull-polygon"].checked[0].upper
    pair = verdicts["ep-hull-1d-pair"]
    assert pair.value == F(4, 3)
    assert any("P* = 2/3" in n and "gap of the Theorem 3.5 network = 2/3" in n for n in pair.notes)


def test_screen_rows_agrees_with_exact_lp():
    rng = np.random.default_rng(7)
    seen = set()
    for _ in range(12):
        X = rng.standard_normal((6, 2))
        scr = screen_rows(X)
        A = [[F(float(v)) for v in r] for r in X]
        exact = [vertex_test(A, j).is_vertex for j in range(6)]
        assert scr.all_vertices == all(exact)
        if not scr.all_vertices:
            lam = scr.witness
            assert not exact[scr.row] and min(lam) >= 0 and sum(lam) == 1 and lam[scr.row] == 0
            assert [sum(lj * a[c] for lj, a in zip(lam, A)) for c in range(2)] == A[scr.row]
        seen.add(scr.all_vertices)
    assert seen == {True, False}


def test_gaussian_cells_deterministic_and_affine_independence():
    assert _cell(11, 5, 2, 20) == _cell(11, 5, 2, 20)
    top = _cell(11, 6, 5, 10)
    assert top["all_vertices"] == top["affinely_independent"] == 10
    assert _cell(11, 5, 1, 10)["all_vertices"] == 0  # 1-D: only the two extreme points are vertices


def test_thm_36_measured(tmp_path):
    cl = all_claims()["ep.thm-3.6"]
    case = cl.default_cases()[0]
    small = type(case)(case.name, case.source, None, None, None, (), params={"seed": F(1), "draws": F(8)})
    res = run_check(cl, small, Context(tmp_path))
    assert res.verdict == MEASURED and res.as_expected
    assert any(n.startswith("n = 20: measured transition") and "693.6" in n for n in res.notes)


def test_wrong_float_warm_starts_are_repaired(monkeypatch):
    import exact.relu.hull as hull
    A, _ = polygon()
    # a wrong NNLS support (all weight on sample 4, opposite to sample 0) is rejected; enumeration repairs it
    monkeypatch.setattr(hull, "nnls", lambda M, b: (np.eye(M.shape[1])[3], 0.0))
    assert nearest_point(A, 0).dist2 == F(2, 25)
    # useless float separators and LPs: every row falls back to the exact LP, same exact answer
    X = np.random.default_rng(7).standard_normal((6, 2))
    honest = screen_rows(X)
    monkeypatch.setattr(hull, "_gilbert_separator", lambda X, j: -X[j])
    monkeypatch.setattr(hull, "_float_margin_lp", lambda X, j: type("R", (), {"status": 2})())
    broken = screen_rows(X)
    assert (broken.all_vertices, broken.row) == (honest.all_vertices, honest.row)
    assert broken.witness is None or sum(broken.witness) == 1
