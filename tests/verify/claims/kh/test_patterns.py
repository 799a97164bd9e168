"""kh sign patterns: exact |J|, the bounds, Lemma 1's (6) and Proposition 1 (1-D exact, 2-D bracketed); the
sign-patterns certificate itself: tests/checker/test_sign_patterns.py."""

from __future__ import annotations

import json
import random
from fractions import Fraction as F

import pytest

from cases import shipped_case
from exact.checker import check_certificate
from exact.convention import Convention
from exact.lp.solve import solve_lp
from exact.relu.arrangements import (
    affine_sign_patterns,
    cover_count,
    in_general_position,
    pattern_of,
    pattern_tree,
    patterns_1d,
    realise,
)
from exact.relu.interpolation import interpolate_1d
from exact.relu.pattern_program import atom_lp, solve_1d
from verify.claims.kh import pattern_bound
from verify.claims.kh._shared import matrix_of
from verify.claims.kh.lem_1 import loose_point, nonconvex_witness
from verify.claims.kh.pattern_bound import bound_gap_identity
from verify.claims.kh.programs import build, kh_bound
from verify.numeric.bracket import Bracket
from verify.registry import CLAIMS, Context, run_check

COUNTS = {"kh-patterns-1d-general": 12, "kh-patterns-1d-repeated": 8, "kh-patterns-2d-general": 32,
          "kh-patterns-2d-collinear": 10, "kh-patterns-2d-square": 18, "kh-patterns-3d-general": 84,
          "kh-patterns-3d-coplanar": 32, "kh-patterns-3d-few": 8}
KH_X = [[F(v)] for v in ("-1", "-0.6", "-0.2", "0.2", "0.6", "1")]
KH_Y = [F(v) for v in (1, -1, 1, 1, -1, 1)]


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_exact_counts(name):
    X = matrix_of(shipped_case(name))
    pats = affine_sign_patterns(X)
    assert len(pats) == COUNTS[name] <= min(2 ** len(X), kh_bound(len(X), len(X[0])))
    assert pats == sorted(set(pats)) == pattern_tree(X).patterns


def test_general_position_flags_and_cover_formula():
    flags = {n: in_general_position(matrix_of(shipped_case(n))) for n in COUNTS}
    assert [n for n, g in flags.items() if g] == [
        "kh-patterns-1d-general", "kh-patterns-2d-general", "kh-patterns-3d-general", "kh-patterns-3d-few"]
    rng = random.Random(7)
    for d, N in ((2, 7), (3, 6), (2, 3), (4, 5)):
        X = [[F(rng.randint(-60, 60), rng.randint(1, 9)) for _ in range(d)] for _ in range(N)]
        assert in_general_position(X)
        assert len(affine_sign_patterns(X)) == cover_count(N, d)


def test_formulas_and_gap():
    assert [cover_count(n, 1) for n in (1, 2, 5)] == [2, 4, 10]
    assert (cover_count(4, 2), kh_bound(4, 2), cover_count(7, 3), kh_bound(7, 3)) == (14, 20, 84, 126)
    assert cover_count(3, 3) == 2 ** 3
    assert bound_gap_identity(30, 8)


def test_1d_thresholds_match_the_lp_tree():
    x = [F(3), F(-1), F(3), F(0), F(7, 2)]
    assert [r.pattern for r in patterns_1d(x)] == pattern_tree([[v] for v in x]).patterns
    assert len(patterns_1d(x)) == 2 * 4
    assert all(pattern_of([[v] for v in x], r.w, r.b) == r.pattern for r in patterns_1d(x))


def test_realise_and_farkas():
    X = [[F(0), F(0)], [F(1), F(0)], [F(2), F(0)]]
    bad = realise(X, (1, -1, 1))  # the middle of three collinear points cannot be cut off alone
    assert bad.prefix == (1, -1, 1) and all(m >= 0 for m in bad.mu)
    good = realise(X, (1, 1, -1))
    assert pattern_of(X, good.w, good.b) == (1, 1, -1)


def test_relu_literal_j_not_convex():
    r1, r2, mid, lp, res = nonconvex_witness(KH_X, F(0))
    assert mid == (0, 0, 0, F(1, 5), F(2, 5), F(4, 5)) and res.status == "infeasible"


def test_strict_vs_nonstrict_description():
    pats = affine_sign_patterns(KH_X)
    s, z, _ = loose_point(KH_X, pats, F(1, 5))
    assert s == (-1,) * 6 and z == (0,) * 6  # in (6) for s = all -1, but sign(0) = +1
    s, z, _ = loose_point(KH_X, pats, F(0))
    assert (s, z) == ((-1, -1, -1, -1, 1, 1), (0, 0, 0, 0, 1, 1))
    assert solve_lp(atom_lp(KH_X, z, F(0))).status == "infeasible"
    assert interpolate_1d([v[0] for v in KH_X], z).value == 5  # outside conv(T_1^+ u T_1^-)


@pytest.mark.parametrize("alpha, value", [(F(0), 30), (F(1, 5), F(75, 2)), (F(2), 30)])
def test_pieces_equal_dictionary(alpha, value):
    x = [v[0] for v in KH_X]
    pats = affine_sign_patterns(KH_X)
    pieces = solve_1d(build(x, KH_Y, 7, "corrected", alpha, pats))  # the pieces program is (7) corrected
    assert pieces.value == interpolate_1d(x, KH_Y, Convention(alpha)).value == value
    assert solve_1d(build(x, KH_Y, 7, "printed", alpha, pats)).status == "infeasible"  # (7) as printed


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    ctx = Context(tmp_path_factory.mktemp("kh-patterns"))
    return {(r.claim, r.case): r for cid in ("kh.pattern-bound", "kh.lem-1")
            for r in (run_check(CLAIMS[cid], c, ctx) for c in CLAIMS[cid].default_cases())}


def test_claims_run(results):
    got = {key: (str(r.verdict), r.value_text) for key, r in results.items()}
    assert got[("kh.pattern-bound", "kh-patterns-3d-general")] == ("PROVED", "84")
    assert results[("kh.pattern-bound", "kh-patterns-3d-general")].value == 84
    assert all(v == "PROVED" for (cid, _), (v, _) in got.items() if cid == "kh.pattern-bound")
    assert got[("kh.lem-1", "kh-patterns-lem1-leaky")] == ("PROVED", "75/2")
    assert got[("kh.lem-1", "kh-patterns-lem1-relu")] == ("REFUTED", "30")

    # Proposition 1 in d = 2: the pieces program (7) and the dictionary route give meeting exact brackets
    for name, verdict in (("kh-patterns-lem1-2d-leaky", "CONFIRMED"), ("kh-patterns-lem1-2d-relu", "REFUTED")):
        res = results[("kh.lem-1", name)]
        assert res.verdict == verdict and any("brackets A and B meet" in n for n in res.notes)
        A, B = res.data["program_bracket"], res.data["dictionary_bracket"]
        assert isinstance(res.value, Bracket) and res.value.lower == F(A["lower"])
        assert F(A["lower"]) <= F(B["upper"]) and F(B["lower"]) <= F(A["upper"])
        assert F(A["upper"]) - F(A["lower"]) < F(1, 10**6)
    assert F(results[("kh.lem-1", "kh-patterns-lem1-2d-leaky")].data["program_bracket"]["lower"]) > F(2523, 1000)


def _places(res) -> dict[str, object]:
    return {f.place: f for f in res.findings}


def test_lemma_1_findings(results):
    """alpha = 0: T^+ not convex (kind lp, infeasible); the proof's (6) admits points outside A_s, certified where
    it is not an explicit point (no T^+_lambda holds it; its 1-D atomic norm 5 > 1)."""
    relu = _places(results[("kh.lem-1", "kh-patterns-lem1-relu")])
    hull = relu["Lemma 1 (Section III-A)"]
    assert hull.paper == "kh" and "A_(all +1) = T^+ is not convex" in hull.shows
    assert [p.rsplit("-", 1)[1] for p in hull.certificates] == ["nonconvex.json"]
    assert check_certificate(json.load(open(hull.certificates[0]))).relation == {"type": "infeasible"}
    loose = relu["proof of Lemma 1, description (6) (Section III-A)"]
    assert "strictly larger than A_s" in loose.shows and "its atomic norm (4) is 5 (exact 1-D) > 1" in loose.shows
    assert [p.rsplit("-", 1)[1] for p in loose.certificates] == ["loose.json", "norm.json"]
    leaky = _places(results[("kh.lem-1", "kh-patterns-lem1-leaky")])
    assert list(leaky) == ["proof of Lemma 1, description (6) (Section III-A)"]
    assert "A_s is not closed" in leaky["proof of Lemma 1, description (6) (Section III-A)"].shows
    two_d = _places(results[("kh.lem-1", "kh-patterns-lem1-2d-leaky")])
    assert two_d["proof of Lemma 1, description (6) (Section III-A)"].certificates == ()  # an explicit (w, b)


def test_pattern_bound_finding(tmp_path, monkeypatch):
    """A violated bound is REFUTED with the certified count as its finding (the bound lowered to 10 < 12)."""
    monkeypatch.setattr(pattern_bound, "kh_bound", lambda N, d: 10)
    res = run_check(CLAIMS["kh.pattern-bound"], shipped_case("kh-patterns-1d-general"), Context(tmp_path))
    assert res.verdict == "REFUTED" and res.value == 12
    (f,) = res.findings
    assert f.place.startswith("Section III-A") and f.statement == "|J| <= 2^N and |J| <= 2 sum_{i=1}^{d} C(N, i)"
    assert f.shows.startswith("|J| = 12 (certified count of the affine sign patterns) exceeds 2 sum_(i=1..d) C(N,i)")
    assert f.certificates == res.certificates
