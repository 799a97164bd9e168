"""Tests for the trusted certificate checker exact/checker.py.

All certificates are built by hand here; the reference instance is
x = [-2,-1,0,1,2], y = [1,-1,1,1,-1], alpha = 0, no output bias, optimal value 8.
"""
from __future__ import annotations

import copy
import json
import time
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact.checker import CheckReport, check_certificate, check_file
from exact.checker.arith import ramp_sums

HEADER = {"format": "relu-certify-certificate", "version": 1}


def s(z: F, alpha: F) -> F:
    """Leaky ReLU, written independently of the checker."""
    return z if z >= 0 else alpha * z


def atom(u: int, knot, weight) -> dict:
    return {"u": u, "knot": str(knot), "weight": str(weight)}


def relu1d(x, y, alpha, atoms, constant, v, value, attained=None, output_bias=False) -> dict:
    doc = {**HEADER, "kind": "relu1d-l1-interpolation", "claim": "test", "case": "test",
           "statement": "hand-built",
           "data": {"x": [str(t) for t in x], "y": [str(t) for t in y], "alpha": str(alpha)},
           "output_bias": output_bias,
           "primal": {"atoms": atoms, "constant": str(constant)},
           "dual": {"v": [str(t) for t in v]}, "value": str(value)}
    if attained is not None:
        doc["attained"] = attained
    return doc


def tampered(doc: dict, path: str, new) -> dict:
    """Deep copy of doc with the entry at path (dots; integers index lists) replaced or deleted."""
    doc = copy.deepcopy(doc)
    *head, last = [int(p) if p.lstrip("-").isdigit() else p for p in path.split(".")]
    obj = doc
    for key in head:
        obj = obj[key]
    if new is DELETE:
        del obj[last]
    else:
        obj[last] = new
    return doc


DELETE = object()
X = [-2, -1, 0, 1, 2]
Y = [1, -1, 1, 1, -1]
V = [1, -3, 2, 1, -1]
# 3/2 s(x+1) - 2 s(x) - 3/2 s(x-1) + 5/2 s(-(x+1)) - 1/2 s(-(x-1)), cost 8, no constant.
ATOMS = [atom(1, -1, "3/2"), atom(1, 0, -2), atom(1, 1, "-3/2"),
         atom(-1, -1, "5/2"), atom(-1, 1, "-1/2")]
# Another optimal primal, which needs the free constant -1: 2 s(x+1) - 2 s(x) - 2 s(x-1) + 2 s(-(x+1)) - 1.
ATOMS_C = [atom(1, -1, 2), atom(1, 0, -2), atom(1, 1, -2), atom(-1, -1, 2)]
GOOD = relu1d(X, Y, 0, ATOMS, 0, V, 8, attained=True)


def assert_problem(report: CheckReport, fragment: str) -> None:
    assert not report.ok
    assert report.value is None
    assert any(fragment in p for p in report.problems), report.problems


def g(v, x, alpha, u, b) -> F:
    return sum((vi * s(u * xi + b, alpha) for vi, xi in zip(v, x)), F(0))


# ---------------------------------------------------------------- relu1d: valid

def test_reference_certificate_passes():
    rep = check_certificate(GOOD)
    assert rep == CheckReport(True, "relu1d-l1-interpolation", "8", [])


def test_reference_primal_by_hand():
    for xi, yi in zip(X, Y):
        net = sum(F(a["weight"]) * s(a["u"] * (xi - F(a["knot"])), F(0)) for a in ATOMS)
        assert net == yi
    assert sum(abs(F(a["weight"])) for a in ATOMS) == 8
    assert sum(V) == 0 and sum(vi * yi for vi, yi in zip(V, Y)) == 8


def test_reference_dual_brute_force_grid():
    """Independent of the checker: sup |g_u(b)| over a fine grid of u and b is exactly 1."""
    us = [F(k, 8) for k in range(-8, 9)]
    bs = [F(k, 16) for k in range(-16 * 6, 16 * 6 + 1)] + [F(10**6), F(-10**6)]
    worst = max(abs(g(V, X, F(0), u, b)) for u in us for b in bs)
    assert worst == 1


def test_other_optimal_primal_with_constant_and_alternatives():
    assert check_certificate(relu1d(X, Y, 0, ATOMS_C, -1, V, 8)).ok
    assert check_certificate(relu1d(X, Y, 0, ATOMS_C, -1, V, 8, attained=False)).ok
    assert check_certificate(relu1d(X, Y, 0, ATOMS_C, -1, V, 8, attained=True, output_bias=True)).ok


def test_permuted_data_duplicate_atoms_and_decimal_strings():
    perm = [3, 0, 4, 2, 1]
    split = ATOMS[1:] + [atom(1, -1, "0.75"), atom(1, -1, "3/4")]
    doc = relu1d([X[i] for i in perm], [Y[i] for i in perm], "0.0", split, 0,
                 [V[i] for i in perm], "8.0", attained=True)
    assert check_certificate(doc) == CheckReport(True, "relu1d-l1-interpolation", "8", [])


def test_attained_by_absorbing_constant_at_either_end():
    # 1 + x on {0, 1}: s(x - 0) + 1 = s(x + 1) on the data.
    assert check_certificate(relu1d([0, 1], [1, 2], 0, [atom(1, 0, 1)], 1, [-1, 1], 1, True)).ok
    # 1 + (1 - x): s(-(x - 1)) + 1.
    assert check_certificate(relu1d([0, 1], [2, 1], 0, [atom(-1, 1, 1)], 1, [1, -1], 1, True)).ok
    # A zero-weight end atom absorbs nothing: y = 1 on {0, 1} has infimum 0, not attained.
    rep = check_certificate(relu1d([0, 1], [1, 1], 0, [atom(1, 0, 0)], 1, [0, 0], 0, True))
    assert_problem(rep, "attained: constant 1 cannot be absorbed")
    assert check_certificate(relu1d([0, 1], [1, 1], 0, [atom(1, 0, 0)], 1, [0, 0], 0, False)).ok
    # Wrong sign: -s(x - 0) + 1 cannot absorb the +1.
    rep = check_certificate(relu1d([0, 1], [1, 0], 0, [atom(1, 0, -1)], 1, [1, -1], 1, True))
    assert_problem(rep, "attained: constant 1 cannot be absorbed")


# ---------------------------------------------------------------- relu1d: tampered

@pytest.mark.parametrize("path, new, fragment", [
    ("primal.atoms.0.weight", "2", "primal: point 4 (x = 2): network = 1/2 but y = -1"),
    ("primal.atoms.0.weight", "2", "primal: cost sum|weight| = 17/2 but value = 8"),
    ("dual.v.1", "-2", "dual: constant direction (u = 0, b -> +inf): sum(v) = 1, must be 0"),
    ("dual.v.1", "-2", "dual: objective sum v_i y_i = 7 but value = 8"),
    ("data.x.0", "-3", "primal: point 0 (x = -3): network = 3 but y = 1"),
    ("data.y.2", "2", "primal: point 2 (x = 0): network = 1 but y = 2"),
    ("data.y.2", "2", "dual: objective sum v_i y_i = 10 but value = 8"),
    ("value", "7", "primal: cost sum|weight| = 8 but value = 7"),
    ("value", "7", "dual: objective sum v_i y_i = 8 but value = 7"),
    ("primal.atoms.2.knot", "1/2", "primal.atoms[2].knot: 1/2 is not a data point"),
    ("primal.constant", "1", "primal: point 0 (x = -2): network = 2 but y = 1"),
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
    assert_problem(rep, "attained: constant -1 cannot be absorbed: no atom (u=1, knot=-2) or (u=-1, knot=2)")
    assert len(rep.problems) == 1


# ---------------------------------------------------------------- relu1d: leaky

LEAKY = relu1d([-1, 0, 1], [0, 1, 0], "1/2", [atom(1, 0, -2), atom(-1, 0, -2)], 1, [-2, 4, -2], 4)


def test_leaky_half_valid_and_brute_force():
    assert check_certificate(LEAKY) == CheckReport(True, "relu1d-l1-interpolation", "4", [])
    x, v, a = [F(-1), F(0), F(1)], [F(-2), F(4), F(-2)], F(1, 2)
    us = [F(k, 4) for k in range(-4, 5)]
    bs = [F(k, 8) for k in range(-40, 41)]
    assert max(abs(g(v, x, a, u, b)) for u in us for b in bs) == 1
    # The constant 1 sits in no end atom, so "attained" cannot be certified.
    assert_problem(check_certificate(tampered(LEAKY, "attained", True)), "attained: constant 1")
    assert check_certificate(tampered(tampered(LEAKY, "attained", True), "output_bias", True)).ok


def test_leaky_half_limit_minus_inf_checked():
    # sum v x = 3 ( > 1 ); for alpha = 1/2 the b -> -inf value 3/2 also exceeds 1.
    rep = check_certificate(tampered(LEAKY, "dual.v", ["-3/2", "0", "3/2"]))
    assert_problem(rep, "dual: u = 1, limit b -> -inf: |g| = 3/2 > 1")


def test_alpha_three_minus_inf_limit_is_binding():
    # -1/3 s_3(-x) interpolates (0,0),(1,1); dual v = (-1/3, 1/3) is tight at b -> -inf: 3 * 1/3 = 1.
    good = relu1d([0, 1], [0, 1], 3, [atom(-1, 0, "-1/3")], 0, ["-1/3", "1/3"], "1/3", True)
    assert check_certificate(good) == CheckReport(True, "relu1d-l1-interpolation", "1/3", [])
    # Overclaiming dual v = (-1/2, 1/2): +inf limit is 1/2 (fine), only the -inf limit 3/2 fails.
    bad = tampered(tampered(good, "dual.v", ["-1/2", "1/2"]), "value", "1/2")
    rep = check_certificate(bad)
    assert_problem(rep, "dual: u = 1, limit b -> -inf: |g| = 3/2 > 1")
    assert_problem(rep, "dual: u = -1, limit b -> -inf: |g| = 3/2 > 1")
    assert not any("+inf" in p for p in rep.problems)
    assert max(abs(g([F(-1, 2), F(1, 2)], [F(0), F(1)], F(3), 1, F(-k))) for k in range(50)) == F(3, 2)


# ---------------------------------------------------------------- malformed input

@pytest.mark.parametrize("path, new, fragment", [
    ("dual.v", DELETE, "dual.v: missing field"),
    ("primal.constant", DELETE, "primal.constant: missing field"),
    ("primal.atoms.0.u", DELETE, "primal.atoms[0].u: missing field"),
    ("value", 8, "value: expected a rational string like '3/4', got 8"),
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
    ("data.alpha", "1", "data.alpha: must differ from 1"),
    ("primal.atoms.0.u", True, "primal.atoms[0].u: expected the JSON integer 1 or -1, got True"),
    ("primal.atoms.0.u", 2, "primal.atoms[0].u: expected the JSON integer 1 or -1, got 2"),
    ("primal.atoms.0", "atom", "primal.atoms[0]: expected a JSON object"),
    ("primal.atoms", {}, "primal.atoms: expected a list"),
    ("output_bias", "false", "output_bias: expected true or false"),
    ("attained", 1, "attained: expected true or false"),
    ("kind", "relu2d", "kind: unknown certificate kind 'relu2d'"),
    ("format", "other", "format: expected 'relu-certify-certificate'"),
    ("version", 2, "version: expected 1, got 2"),
    ("version", True, "version: expected 1, got True"),
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
    assert check_file(str(good)) == CheckReport(True, "relu1d-l1-interpolation", "8", [])
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
    assert_problem(check_file(str(nan)), "value: expected a rational string like '3/4', got nan")


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
    cost = sum(abs(F(a["weight"])) for a in atoms)
    doc = relu1d(x, y, alpha, atoms, const, [0] * len(x), cost)
    rep = check_certificate(doc)
    assert not any(p.startswith("primal") for p in rep.problems), rep.problems
    j = data.draw(st.integers(0, len(atoms) - 1))
    delta = data.draw(rationals.filter(lambda d: d != 0))
    bad = tampered(doc, f"primal.atoms.{j}.weight", str(F(atoms[j]["weight"]) + delta))
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
    rep = check_certificate(relu1d(x, [0] * len(x), alpha, [], 0, v, 0))
    checker_ok = not any(p.startswith("dual: u =") or "constant direction" in p for p in rep.problems)
    assert checker_ok == brute_ok, rep.problems


def test_large_instance_is_fast():
    n = 2000
    x = [F(i, 7) for i in range(n)]
    y = [F((i * i) % 11, 3) for i in range(n)]
    atoms, const = interpolant(x, y, F(1, 2))
    cost = sum(abs(F(a["weight"])) for a in atoms)
    v = [F(0)] * n
    v[0], v[1] = F(-1), F(1)  # sum 0, sum v x = 1/7, breakpoint values at most 1/7
    doc = relu1d(x, y, "1/2", atoms, const, v, cost)
    start = time.perf_counter()
    rep = check_certificate(doc)
    assert time.perf_counter() - start < 5
    assert rep.problems == [f"dual: objective sum v_i y_i = {y[1] - y[0]} but value = {cost}"]


# ---------------------------------------------------------------- kind "lp"

def lp(c, a_eq, b_eq, a_ub, b_ub, free, status, value, **extra) -> dict:
    q = lambda row: [str(t) for t in row]  # noqa: E731
    return {**HEADER, "kind": "lp", "statement": "test",
            "problem": {"c": q(c), "A_eq": [q(r) for r in a_eq], "b_eq": q(b_eq),
                        "A_ub": [q(r) for r in a_ub], "b_ub": q(b_ub), "free": free},
            "status": status, "value": value, **extra}


# min x0 + x1 s.t. x0 + 2 x1 = 3, x2 <= 5, x0, x1 >= 0, x2 free: value 3/2.
LP_OPT = lp([1, 1, 0], [[1, 2, 0]], [3], [[0, 0, 1]], [5], [2], "optimal", "3/2",
            primal={"x": ["0", "3/2", "-7"]}, dual={"y_eq": ["1/2"], "y_ub": ["0"]})
# x0 + x1 = -1 with x >= 0 (and x0 <= 5): Farkas y = -1 gives A^T y = (-1, -1) <= 0, b.y = 1 > 0.
LP_INF = lp([1, 1], [[1, 1]], [-1], [[1, 0]], [5], [], "infeasible", None,
            farkas={"y_eq": ["-1"], "y_ub": ["0"]})
# min -x0 s.t. x0 - x1 = 1, -x0 <= -1, x >= 0: feasible (1, 0), ray (1, 1).
LP_UNB = lp([-1, 0], [[1, -1]], [1], [[-1, 0]], [-1], [], "unbounded", None,
            primal={"x": ["1", "0"]}, ray=["1", "1"])


def test_lp_valid_certificates():
    assert check_certificate(LP_OPT) == CheckReport(True, "lp", "3/2", [])
    assert check_certificate(LP_INF) == CheckReport(True, "lp", None, [])
    assert check_certificate(LP_UNB) == CheckReport(True, "lp", None, [])
    no_rows = lp([1, 2], [], [], [], [], [], "optimal", "0", primal={"x": ["0", "0"]},
                 dual={"y_eq": [], "y_ub": []})
    assert check_certificate(no_rows) == CheckReport(True, "lp", "0", [])


@pytest.mark.parametrize("doc, path, new, fragment", [
    (LP_OPT, "primal.x.1", "1", "primal: A_eq row 0: A x = 2 but must be = 3"),
    (LP_OPT, "primal.x.1", "1", "primal: objective c.x = 1 but value = 3/2"),
    (LP_OPT, "primal.x", ["-1", "2", "0"], "primal: entry 0 = -1 < 0 but the variable is nonnegative"),
    (LP_OPT, "primal.x.2", "6", "primal: A_ub row 0: A x = 6 but must be <= 5"),
    (LP_OPT, "dual.y_eq.0", "1", "dual: column 1: (A^T y)_j = 2 but must be <= 1"),
    (LP_OPT, "dual.y_ub.0", "1/2", "dual: y_ub[0] = 1/2 > 0 but must be <= 0"),
    (LP_OPT, "dual.y_ub.0", "-1", "dual: column 2: (A^T y)_j = -1 but must be == 0"),
    (LP_OPT, "value", "1", "dual: objective b.y = 3/2 but value = 1"),
    (LP_OPT, "value", None, "value: expected a rational string"),
    (LP_OPT, "problem.A_eq.0", ["1", "2"], "problem.A_eq[0]: expected 3 entries, got 2"),
    (LP_OPT, "problem.b_ub", [], "problem.b_ub: expected 1 entries, got 0"),
    (LP_OPT, "problem.free", [3], "problem.free[0]: expected a variable index in 0..2, got 3"),
    (LP_OPT, "problem.free", ["2"], "problem.free[0]: expected a variable index in 0..2, got '2'"),
    (LP_OPT, "dual.y_ub", DELETE, "dual.y_ub: missing field"),
    (LP_OPT, "status", "solved", "status: expected 'optimal', 'infeasible' or 'unbounded'"),
    (LP_INF, "farkas.y_eq.0", "1", "farkas: column 0: (A^T y)_j = 1 but must be <= 0"),
    (LP_INF, "farkas.y_eq.0", "1", "farkas: b.y = -1 but must be > 0"),
    (LP_INF, "farkas", {"y_eq": ["0"], "y_ub": ["0"]}, "farkas: b.y = 0 but must be > 0"),
    (LP_INF, "farkas.y_ub.0", "1", "farkas: y_ub[0] = 1 > 0 but must be <= 0"),
    (LP_INF, "problem.free", [1], "farkas: column 1: (A^T y)_j = -1 but must be == 0"),
    (LP_INF, "value", "3", "value: must be null for status 'infeasible'"),
    (LP_INF, "farkas", DELETE, "farkas: missing field"),
    (LP_UNB, "ray", ["1", "0"], "ray: A_eq row 0: A x = 1 but must be = 0"),
    (LP_UNB, "ray", ["-1", "-1"], "ray: A_ub row 0: A x = 1 but must be <= 0"),
    (LP_UNB, "ray", ["-1", "-1"], "ray: entry 0 = -1 < 0 but the variable is nonnegative"),
    (LP_UNB, "ray", ["0", "0"], "ray: c.d = 0 but must be < 0"),
    (LP_UNB, "primal.x", ["0", "0"], "primal: A_eq row 0: A x = 0 but must be = 1"),
    (LP_UNB, "primal.x", ["1/2", "-1/2"], "primal: A_ub row 0: A x = -1/2 but must be <= -1"),
    (LP_UNB, "value", "-1", "value: must be null for status 'unbounded'"),
    (LP_UNB, "ray", ["1"], "ray: expected 2 entries, got 1"),
])
def test_lp_tampered_is_rejected(doc, path, new, fragment):
    rep = check_certificate(tampered(doc, path, new))
    assert rep.kind == "lp"
    assert_problem(rep, fragment)
