"""Checker of kind "relu1d-l1-interpolation" (exact/checker/relu1d_l1_interpolation.py): certificates by hand.

The reference instance is x = [-2,-1,0,1,2], y = [1,-1,1,1,-1], alpha = 0, no output bias, optimal value 8.
"""
from __future__ import annotations

import json
import time
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact.checker import CheckReport, check_certificate, check_file
from exact.checker.relu1d import ramp_sums
from tests.checker.helpers import DELETE, HEADER, assert_problem, tampered

KIND = "relu1d-l1-interpolation"


def s(z: F, alpha: F) -> F:
    """Leaky ReLU, written independently of the checker."""
    return z if z >= 0 else alpha * z


def atom(u: int, knot, weight) -> dict:
    """weight s(u (x - knot)) as a neuron {w, b, c}."""
    return {"w": [str(u)], "b": str(-u * F(knot)), "c": str(weight)}


def relu1d(x, y, alpha, atoms, constant, v, value, attained=False, output_bias=False, off=()) -> dict:
    relation = {"type": "equals", "value": str(value)} | ({"attained": True} if attained else {}) | (
        {"kinks_off_data": [str(t) for t in off]} if off else {})
    return {**HEADER, "kind": KIND, "claim": "test", "case": "test", "statement": "hand-built",
            "convention": {"alpha": str(alpha), "hidden_bias": "free", "output_bias": output_bias},
            "data": {"x": [str(t) for t in x], "y": [str(t) for t in y]}, "relation": relation,
            "primal": {"neurons": atoms, "constant": str(constant)}, "dual": {"v": [str(t) for t in v]}}


def report(value: str, attained: bool = False, x=None, y=None, alpha="0", bias=False, off=()) -> CheckReport:
    rel = {"type": "equals", "value": value} | ({"attained": True} if attained else {}) | (
        {"kinks_off_data": list(off)} if off else {})
    return CheckReport(True, KIND, value, [], rel, {"x": [str(t) for t in x], "y": [str(t) for t in y],
                                                     "convention": {"alpha": alpha, "hidden_bias": "free",
                                                                    "output_bias": bias}})


X = [-2, -1, 0, 1, 2]
Y = [1, -1, 1, 1, -1]
V = [1, -3, 2, 1, -1]
# 3/2 s(x+1) - 2 s(x) - 3/2 s(x-1) + 5/2 s(-(x+1)) - 1/2 s(-(x-1)), cost 8, no constant.
ATOMS = [atom(1, -1, "3/2"), atom(1, 0, -2), atom(1, 1, "-3/2"),
         atom(-1, -1, "5/2"), atom(-1, 1, "-1/2")]
# Another optimal primal, which needs the free constant -1: 2 s(x+1) - 2 s(x) - 2 s(x-1) + 2 s(-(x+1)) - 1.
ATOMS_C = [atom(1, -1, 2), atom(1, 0, -2), atom(1, 1, -2), atom(-1, -1, 2)]
GOOD = relu1d(X, Y, 0, ATOMS, 0, V, 8, attained=True)


def g(v, x, alpha, u, b) -> F:
    return sum((vi * s(u * xi + b, alpha) for vi, xi in zip(v, x)), F(0))


# ---------------------------------------------------------------- relu1d: valid

def test_reference_certificate_passes():
    assert check_certificate(GOOD) == report("8", True, X, Y)


def test_reference_primal_by_hand():
    for xi, yi in zip(X, Y):
        net = sum(F(a["c"]) * s(F(a["w"][0]) * xi + F(a["b"]), F(0)) for a in ATOMS)
        assert net == yi
    assert sum(abs(F(a["c"])) for a in ATOMS) == 8
    assert sum(V) == 0 and sum(vi * yi for vi, yi in zip(V, Y)) == 8


def test_reference_dual_brute_force_grid():
    """Independent of the checker: sup |g_u(b)| over a fine grid of u and b is exactly 1."""
    us = [F(k, 8) for k in range(-8, 9)]
    bs = [F(k, 16) for k in range(-16 * 6, 16 * 6 + 1)] + [F(10**6), F(-10**6)]
    worst = max(abs(g(V, X, F(0), u, b)) for u in us for b in bs)
    assert worst == 1


def test_other_optimal_primal_with_constant_and_alternatives():
    assert check_certificate(relu1d(X, Y, 0, ATOMS_C, -1, V, 8)).ok
    assert check_certificate(relu1d(X, Y, 0, ATOMS_C, -1, V, 8, attained=True, output_bias=True)).ok


def test_off_data_knot_and_fractional_slope():
    """Merging the same-signed atoms at 0 and 1 into -7/2 s(x - 3/7) keeps the data and the cost (a knot off
    the data: ep Proposition 3.1's non-spline optimum); a slope |w| < 1 is allowed, |w| > 1 is not."""
    merged = [ATOMS[0], atom(1, F(3, 7), F(-7, 2))] + ATOMS[3:]
    assert check_certificate(relu1d(X, Y, 0, merged, 0, V, 8, True, off=["3/7"])) == report(
        "8", True, X, Y, off=["3/7"])
    unstated = check_certificate(relu1d(X, Y, 0, merged, 0, V, 8, True))  # the qualifier is part of the relation
    assert_problem(unstated, "relation: the certificate states")
    cancelled = ATOMS + [atom(1, F(1, 2), 1), atom(1, F(1, 2), -1)]  # two neurons at 1/2 whose kinks cancel
    assert check_certificate(relu1d(X, Y, 0, cancelled, 0, V, 10, True)).problems == [
        "duality gap: primal cost sum |c| = 10 but dual objective v^T y = 8"]
    half = {"w": ["1/2"], "b": "0", "c": "2"}  # 2 s(x / 2) = x on x >= 0, cost 2 (dominated, but feasible)
    assert check_certificate(relu1d([0, 1], [0, 1], 0, [half], 0, ["-1", "1"], 1, True)).problems == [
        "duality gap: primal cost sum |c| = 2 but dual objective v^T y = 1"]
    steep = {"w": ["2"], "b": "0", "c": "1/2"}
    assert_problem(check_certificate(relu1d([0, 1], [0, 1], 0, [steep], 0, ["-1", "1"], "1/2", True)), "|w| = 2 > 1")


def test_permuted_data_duplicate_atoms_and_decimal_strings():
    perm = [3, 0, 4, 2, 1]
    split = ATOMS[1:] + [atom(1, -1, "0.75"), atom(1, -1, "3/4")]
    doc = relu1d([X[i] for i in perm], [Y[i] for i in perm], "0.0", split, 0,
                 [V[i] for i in perm], "8.0", attained=True)
    assert check_certificate(doc) == report("8", True, [X[i] for i in perm], [Y[i] for i in perm])


def test_attained_by_absorbing_constant_at_either_end():
    # 1 + x on {0, 1}: s(x - 0) + 1 = s(x + 1) on the data.
    assert check_certificate(relu1d([0, 1], [1, 2], 0, [atom(1, 0, 1)], 1, [-1, 1], 1, True)).ok
    # 1 + (1 - x): s(-(x - 1)) + 1.
    assert check_certificate(relu1d([0, 1], [2, 1], 0, [atom(-1, 1, 1)], 1, [1, -1], 1, True)).ok
    # A zero-weight end atom absorbs nothing: y = 1 on {0, 1} has infimum 0, not attained.
    rep = check_certificate(relu1d([0, 1], [1, 1], 0, [atom(1, 0, 0)], 1, [0, 0], 0, True))
    assert_problem(rep, "relation: the certificate states")
    assert check_certificate(relu1d([0, 1], [1, 1], 0, [atom(1, 0, 0)], 1, [0, 0], 0, False)).ok
    # Wrong sign: -s(x - 0) + 1 cannot absorb the +1.
    rep = check_certificate(relu1d([0, 1], [1, 0], 0, [atom(1, 0, -1)], 1, [1, -1], 1, True))
    assert_problem(rep, "relation: the certificate states")
    # Not stating attainment that the evidence shows is a wrong relation too: the checker says exactly what it proves.
    assert_problem(check_certificate(relu1d([0, 1], [1, 2], 0, [atom(1, 0, 1)], 1, [-1, 1], 1)), "relation")


# ---------------------------------------------------------------- relu1d: tampered

@pytest.mark.parametrize("path, new, fragment", [
    ("primal.neurons.0.c", "2", "primal: point 4 (x = 2): network = 1/2 but y = -1"),
    ("primal.neurons.0.c", "2", "duality gap: primal cost sum |c| = 17/2 but dual objective v^T y = 8"),
    ("dual.v.1", "-2", "dual: constant direction (u = 0, b -> +inf): sum(v) = 1, must be 0"),
    ("dual.v.1", "-2", "duality gap: primal cost sum |c| = 8 but dual objective v^T y = 7"),
    ("data.x.0", "-3", "primal: point 0 (x = -3): network = 3 but y = 1"),
    ("data.y.2", "2", "primal: point 2 (x = 0): network = 1 but y = 2"),
    ("data.y.2", "2", "duality gap: primal cost sum |c| = 8 but dual objective v^T y = 10"),
    ("relation.value", "7", "relation: the certificate states"),
    ("relation.value", "abc", "relation.value: expected a rational string"),
    ("primal.neurons.2.b", "-1/2", "primal: point 3 (x = 1)"),
    ("primal.constant", "1", "primal: point 0 (x = -2): network = 2 but y = 1"),
    ("convention.hidden_bias", "none", "convention: the certificate states"),
])
def test_tampered_reference_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


def test_dual_shifted_by_constant_fails_constant_direction():
    # v + 1/5 has the same breakpoint values up to (1/5) * sum_i s(+-(x_i - x_k)) but sum 1.
    shifted = [F(vi) + F(1, 5) for vi in V]
    rep = check_certificate(tampered(GOOD, "dual.v", [str(t) for t in shifted]))
    assert_problem(rep, "dual: constant direction (u = 0, b -> +inf): sum(v) = 1, must be 0")


def test_dual_violating_limits():
    """v sums to 0 but |sum v_i x_i| = 2 > 1: both limits b -> +inf are reported.

    Note: once sum(v) = 0, g_u is constant beyond its extreme breakpoint, so a limit
    violation is always also a violation at the extreme data breakpoint (b = -u*min x for
    u = 1); a dual feasible at all data breakpoints but violating a limit does not exist.
    """
    v = ["-1/2", "0", "0", "0", "1/2"]
    rep = check_certificate(tampered(GOOD, "dual.v", v))
    assert_problem(rep, "dual: u = 1, limit b -> +inf: |g| = 2 > 1")
    assert_problem(rep, "dual: u = -1, limit b -> +inf: |g| = 2 > 1")
    assert_problem(rep, "dual: u = 1, breakpoint b = 2: |g| = 2 > 1")
    assert not any("-inf" in p for p in rep.problems)  # alpha = 0: g -> 0 as b -> -inf


@given(st.lists(st.integers(-6, 6), min_size=1, max_size=6, unique=True),
       st.lists(st.fractions(-3, 3, max_denominator=5), min_size=6, max_size=6),
       st.fractions(-3, 3, max_denominator=4))
def test_limits_equal_extreme_breakpoints(xs, vs, alpha):
    x = [F(t) for t in xs]
    v = vs[:len(x)]
    v[-1] -= sum(v)                       # sum(v) = 0
    svx = sum(vi * xi for vi, xi in zip(v, x))
    for u in (1, -1):
        vals = ramp_sums(alpha, -u, x, v, x)
        by_b = {-u * xk: gk for xk, gk in zip(x, vals)}
        assert by_b[max(by_b)] == u * svx             # b -> +inf
        assert by_b[min(by_b)] == alpha * u * svx     # b -> -inf


def test_attained_with_unabsorbable_constant_is_rejected():
    rep = check_certificate(relu1d(X, Y, 0, ATOMS_C, -1, V, 8, attained=True))
    assert_problem(rep, "relation: the certificate states")
    assert len(rep.problems) == 1


# ---------------------------------------------------------------- relu1d: leaky

LEAKY = relu1d([-1, 0, 1], [0, 1, 0], "1/2", [atom(1, 0, -2), atom(-1, 0, -2)], 1, [-2, 4, -2], 4)


def test_leaky_half_valid_and_brute_force():
    assert check_certificate(LEAKY) == report("4", False, [-1, 0, 1], [0, 1, 0], "1/2")
    x, v, a = [F(-1), F(0), F(1)], [F(-2), F(4), F(-2)], F(1, 2)
    us = [F(k, 4) for k in range(-4, 5)]
    bs = [F(k, 8) for k in range(-40, 41)]
    assert max(abs(g(v, x, a, u, b)) for u in us for b in bs) == 1
    # The constant 1 sits in no end atom, so "attained" cannot be certified (but it is with an output bias).
    assert_problem(check_certificate(tampered(LEAKY, "relation.attained", True)), "relation: the certificate states")
    assert check_certificate(tampered(tampered(LEAKY, "relation.attained", True), "convention.output_bias", True)).ok


def test_leaky_half_limit_minus_inf_checked():
    # sum v x = 3 ( > 1 ); for alpha = 1/2 the b -> -inf value 3/2 also exceeds 1.
    rep = check_certificate(tampered(LEAKY, "dual.v", ["-3/2", "0", "3/2"]))
    assert_problem(rep, "dual: u = 1, limit b -> -inf: |g| = 3/2 > 1")


def test_alpha_three_minus_inf_limit_is_binding():
    # -1/3 s_3(-x) interpolates (0,0),(1,1); dual v = (-1/3, 1/3) is tight at b -> -inf: 3 * 1/3 = 1.
    good = relu1d([0, 1], [0, 1], 3, [atom(-1, 0, "-1/3")], 0, ["-1/3", "1/3"], "1/3", True)
    assert check_certificate(good) == report("1/3", True, [0, 1], [0, 1], "3")
    # Overclaiming dual v = (-1/2, 1/2): +inf limit is 1/2 (fine), only the -inf limit 3/2 fails.
    bad = tampered(tampered(good, "dual.v", ["-1/2", "1/2"]), "relation.value", "1/2")
    rep = check_certificate(bad)
    assert_problem(rep, "dual: u = 1, limit b -> -inf: |g| = 3/2 > 1")
    assert_problem(rep, "dual: u = -1, limit b -> -inf: |g| = 3/2 > 1")
    assert not any("+inf" in p for p in rep.problems)
    assert max(abs(g([F(-1, 2), F(1, 2)], [F(0), F(1)], F(3), 1, F(-k))) for k in range(50)) == F(3, 2)


# ---------------------------------------------------------------- malformed input

@pytest.mark.parametrize("path, new, fragment", [
    ("dual.v", DELETE, "dual.v: missing field"),
    ("primal.constant", DELETE, "primal.constant: missing field"),
    ("primal.neurons.0.w", DELETE, "primal.neurons[0].w: missing field"),
    ("relation", DELETE, "relation: missing field"),
    ("relation.value", 8, "relation: the certificate states"),
    ("data.y.0", 1.0, "data.y[0]: expected a rational string like '3/4', got 1.0"),
    ("dual.v.2", "nan", "dual.v[2]: expected a rational string like '3/4', got 'nan'"),
    ("dual.v.2", "inf", "dual.v[2]: expected a rational string like '3/4', got 'inf'"),
    ("dual.v.2", "abc", "dual.v[2]: expected a rational string like '3/4', got 'abc'"),
    ("dual.v.2", "1/0", "dual.v[2]: expected a rational string like '3/4', got '1/0'"),
    ("dual.v", ["1", "-3", "2", "1"], "dual.v: expected 5 entries, got 4"),
    ("data.y", ["1"] * 6, "data.y: expected 5 entries, got 6"),
    ("data.x.4", "-2", "data.x[4]: duplicate data point -2"),
    ("data.x.4", "-4/2", "data.x[4]: duplicate data point -2"),
    ("data.x", [], "data.x: expected at least one point"),
    ("convention.output_bias", "false", "convention: hidden_bias one of"),
    ("primal.neurons.0.w", ["1", "0"], "primal.neurons[0].w: expected 1 entries, got 2"),
    ("primal.neurons.0", "atom", "primal.neurons[0]: expected a JSON object"),
    ("primal.neurons", "atoms", "primal.neurons: expected a list of neurons or an object of columns w, b, c"),
    ("primal.neurons", {}, "primal.neurons.w: missing field"),
    ("primal.neurons", {"w": ["1"], "b": ["0"], "c": []}, "primal.neurons.c: expected 1 entries, got 0"),
    ("primal.neurons", {"w": ["1"], "b": ["0"], "c": ["x"]}, "primal.neurons.c[0]"),
    ("kind", "relu2d", "kind: unknown certificate kind 'relu2d'"),
    ("format", "other", "format: expected 'relu-certify-certificate'"),
    ("version", 1, "version: expected 2, got 1"),
    ("version", True, "version: expected 2, got True"),
    ("data", DELETE, "data: missing field"),
])
def test_malformed_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


def test_not_an_object_and_kind_field():
    rep = check_certificate([1, 2])  # type: ignore[arg-type]
    assert rep.kind == "?" and not rep.ok and "expected a JSON object" in rep.problems[0]
    assert check_certificate(tampered(GOOD, "kind", "relu2d")).kind == "relu2d"
    assert check_certificate(tampered(GOOD, "kind", 5)).kind == "?"


def test_check_file(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD))
    assert check_file(str(good)) == report("8", True, X, Y)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "relu-certify-certificate", "version": 1,')
    rep = check_file(str(bad))
    assert not rep.ok and rep.kind == "?" and "file: invalid JSON" in rep.problems[0]
    dup = tmp_path / "dup.json"
    dup.write_text('{"value": "8", "value": "9"}')
    assert "duplicate key 'value'" in check_file(str(dup)).problems[0]
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00")
    assert "file: cannot read" in check_file(str(binary)).problems[0]
    rep = check_file(str(tmp_path / "missing.json"))
    assert not rep.ok and "file: cannot read" in rep.problems[0]
    nan = tmp_path / "nan.json"
    nan.write_text(json.dumps(GOOD).replace('"value": "8"', '"value": NaN'))
    assert_problem(check_file(str(nan)), "relation.value: expected a rational string, an integer or a radical, got nan")


# ---------------------------------------------------------------- property tests

def interpolant(x: list[F], y: list[F], alpha: F) -> tuple[list[dict], F]:
    """Linear spline through sorted data, written with atoms at data points.

    The spline is y0 + m0 (x - x0) + sum_k d_k relu(x - x_k) (d_k = slope change at interior
    x_k).  With relu(z) = (s_alpha(z) - alpha z) / (1 - alpha) and, on the data,
    x - x_k = s_alpha(x - x0) + (x0 - x_k), every term becomes an atom or a constant.
    """
    slopes = [(y[i + 1] - y[i]) / (x[i + 1] - x[i]) for i in range(len(x) - 1)]
    d = {k: (slopes[k] - slopes[k - 1]) / (1 - alpha) for k in range(1, len(x) - 1)}
    atoms = [atom(1, x[0], slopes[0] - alpha * sum(d.values()))]
    atoms += [atom(1, x[k], dk) for k, dk in d.items()]
    return atoms, y[0] - alpha * sum(dk * (x[0] - x[k]) for k, dk in d.items())


rationals = st.fractions(-5, 5, max_denominator=6)


@settings(max_examples=150, deadline=None)
@given(st.lists(rationals, min_size=2, max_size=7, unique=True), st.data())
def test_single_weight_change_breaks_primal(xs, data):
    x = sorted(xs)
    y = data.draw(st.lists(rationals, min_size=len(x), max_size=len(x)))
    alpha = data.draw(rationals.filter(lambda a: a != 1))
    atoms, const = interpolant(x, y, alpha)
    cost = sum(abs(F(a["c"])) for a in atoms)
    doc = relu1d(x, y, alpha, atoms, const, [0] * len(x), cost)
    rep = check_certificate(doc)
    assert not any(p.startswith("primal") for p in rep.problems), rep.problems
    j = data.draw(st.integers(0, len(atoms) - 1))
    delta = data.draw(rationals.filter(lambda d: d != 0))
    bad = tampered(doc, f"primal.neurons.{j}.c", str(F(atoms[j]["c"]) + delta))
    # atom j has knot x_j < x_{n-1}, so the network moves by delta*(x_{n-1}-x_j) != 0 there.
    assert_problem(check_certificate(bad), f"primal: point {len(x) - 1} (x = {x[-1]})")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(rationals, rationals), max_size=8), st.lists(rationals, max_size=8),
       rationals, st.sampled_from([1, -1]))
def test_ramp_sums_matches_naive(pairs, points, alpha, u):
    knots, coefs = [k for k, _ in pairs], [c for _, c in pairs]
    points = points + knots  # include ties
    expected = [sum((c * s(u * (p - t), alpha) for t, c in pairs), F(0)) for p in points]
    assert ramp_sums(alpha, u, knots, coefs, points) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=1, max_size=5, unique=True),
       st.lists(st.fractions(-1, 1, max_denominator=3), min_size=5, max_size=5),
       st.sampled_from([F(0), F(1, 2), F(-1), F(3), F(-1, 3)]))
def test_dual_verdict_matches_brute_force(xs, vs, alpha):
    """For sum(v) = 0, the checker's dual verdict equals a brute-force sup over u and b.

    The b-grid contains every breakpoint -u*x_k for u = +-1 and far points, where g is
    exact (piecewise linear, constant outside), so the brute force is exact for u = +-1.
    """
    x = [F(t) for t in xs]
    v = vs[:len(x)]
    v[-1] -= sum(v)
    us = [F(k, 4) for k in range(-4, 5)]
    bs = [F(k, 2) for k in range(-20, 21)] + [F(10**4), F(-10**4)]
    brute_ok = max(abs(g(v, x, alpha, u, b)) for u in us for b in bs) <= 1
    rep = check_certificate(relu1d(x, [0] * len(x), alpha, [], 0, v, 0, attained=True))
    checker_ok = not any(p.startswith("dual: u =") or "constant direction" in p for p in rep.problems)
    assert checker_ok == brute_ok, rep.problems


def test_large_instance_is_fast():
    n = 2000
    x = [F(i, 7) for i in range(n)]
    y = [F((i * i) % 11, 3) for i in range(n)]
    atoms, const = interpolant(x, y, F(1, 2))
    cost = sum(abs(F(a["c"])) for a in atoms)
    v = [F(0)] * n
    v[0], v[1] = F(-1), F(1)  # sum 0, sum v x = 1/7, breakpoint values at most 1/7
    doc = relu1d(x, y, "1/2", atoms, const, v, cost)
    start = time.perf_counter()
    rep = check_certificate(doc)
    assert time.perf_counter() - start < 5
    assert rep.problems == [f"duality gap: primal cost sum |c| = {cost} but dual objective v^T y = {y[1] - y[0]}"]


def test_relation_compared_as_json_true_is_not_one():
    doc = relu1d(X, Y, 0, ATOMS, 0, V, 8, True)
    one = tampered(doc, "relation.attained", 1)
    assert_problem(check_certificate(one), "relation: the certificate states")
    assert_problem(check_certificate(tampered(doc, "convention.output_bias", 0)), "convention:")


def test_absorbs_constant_tests_the_extreme_points_only() -> None:
    """absorbs_constant looks at min x and max x (w t + b is linear in t): the same verdict as every point."""
    import random

    from exact.checker.relu1d import absorbs_constant
    rng = random.Random(3)
    for _ in range(300):
        x = [F(rng.randint(-6, 6), rng.randint(1, 2)) for _ in range(rng.randint(1, 6))]
        nets = [(F(rng.randint(-2, 2)), F(rng.randint(-6, 6)), F(rng.randint(-2, 2))) for _ in range(3)]
        c0 = F(rng.randint(-2, 2))
        every = any(c * c0 > 0 and all(w * xi + b >= 0 for xi in x) for w, b, c in nets)
        assert absorbs_constant(x, nets, c0) == every
