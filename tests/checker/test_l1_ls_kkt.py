"""Checker of kind "l1-ls-kkt" (exact/checker/l1_ls_kkt.py): certificates by hand.

The reference instance is ep (16) over all networks on x = [-2, ..., 2], y = |x| + 1 = [3, 2, 1, 2, 3], beta = 1/10,
scale 1 (case abs-plus-one): the optimum 13/14 (s(x) + s(-x)) + 38/35 has value 27/140, its constant a limit.
"""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from exact.checker import check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, fixture, tampered

KIND = "l1-ls-kkt"


def q(seq) -> list[str]:
    return [str(t) for t in seq]


def neuron(w, b, c) -> dict:
    return {"w": q(w) if isinstance(w, list) else [str(w)], "b": str(b), "c": str(c)}


def networks(points, y, beta, scale, neurons, constant, value, attained=False, alpha=0, output_bias=False,
             factor=None) -> dict:
    relation = {"type": "equals", "value": str(value)} | ({"attained": True} if attained else {})
    data = {"X": [q(r) for r in points]} if factor else {"x": q(points)}
    return {**HEADER, "kind": KIND, "claim": "test", "case": "test", "statement": "hand-built",
            "convention": {"alpha": str(alpha), "hidden_bias": "free", "output_bias": output_bias},
            "data": data | {"y": q(y), "beta": str(beta), "scale": str(scale)}, "relation": relation,
            "primal": {"neurons": neurons, "constant": str(constant)}} | ({"factor": factor} if factor else {})


def finite(A, F_cols, y, beta, scale, w, c, value) -> dict:
    return {**HEADER, "kind": KIND, "statement": "hand-built",
            "data": {"A": [q(r) for r in A], "F": [q(col) for col in F_cols], "y": q(y), "beta": str(beta),
                     "scale": str(scale)},
            "relation": {"type": "equals", "value": str(value)}, "primal": {"w": q(w), "c": q(c)}}


X, Y = [-2, -1, 0, 1, 2], [3, 2, 1, 2, 3]
NET = [neuron(1, 0, "13/14"), neuron(-1, 0, "13/14")]
GOOD = networks(X, Y, "1/10", 1, NET, "38/35", "27/140")
A3, Y3 = [[1, 0], [1, 1], [0, 1]], [1, 2, 0]


def test_reference_certificate_passes_and_by_hand():
    rep = check_certificate(GOOD)
    assert rep.ok and rep.relation == {"type": "equals", "value": "27/140"}
    assert rep.data == {"x": q(X), "y": q(Y), "beta": "1/10", "scale": "1",
                        "convention": {"alpha": "0", "hidden_bias": "free", "output_bias": False}}
    r = [F(13, 14) * abs(t) + F(38, 35) - yi for t, yi in zip(X, Y)]
    assert r == [F(-2, 35), F(1, 70), F(3, 35), F(1, 70), F(-2, 35)] and sum(r) == 0
    assert F(1, 10) * F(13, 7) + sum(t * t for t in r) / 2 == F(27, 140)
    assert sum(-t * max(F(xi), F(0)) for t, xi in zip(r, X)) == F(1, 10)  # stationarity of s(x): beta sign(c)


@pytest.mark.parametrize("path, new, fragment", [
    ("primal.neurons.0.c", "1/3", "primal.neurons[0]: c = 1/3 but v^T s(w x + b)"),
    ("data.y.2", "7", "duality gap: primal objective"),
    ("data.beta", "1/20", "primal.neurons[0]: c = 13/14 but v^T s(w x + b) = 1/10 != 1/20"),
    ("relation.value", "1/5", "relation: the certificate states"),
    ("primal.constant", "0", "dual: constant direction (u = 0, b -> +inf)"),
    ("primal.neurons.0.b", "5", "primal.neurons[0]: c = 13/14 but v^T s(w x + b)"),     # not the neuron it was
    ("primal.neurons.0.w", ["2"], "primal.neurons[0]: w.w = 4 > 1"),
    ("relation.attained", True, "relation: the certificate states"),
    ("convention.output_bias", True, "relation: the certificate states"),            # then attained
    ("convention.alpha", "1/2", "primal.neurons[0]: c = 13/14 but v^T s(w x + b)"),
])
def test_tampered_reference_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


def test_output_bias_makes_it_attained():
    assert check_certificate(networks(X, Y, "1/10", 1, NET, "38/35", "27/140", True, output_bias=True)).ok


def test_semi_infinite_dual_rejects_finite_only_optimum():
    """min 1/2 |w| + 1/2 ||A w - y||^2 with A = s(x) on x = [0, 1], y = [1, 1]: w = 1/2 is optimal for the one
    column (value 7/8), but its residual does not sum to 0, so it is not optimal over all networks."""
    assert check_certificate(finite([[0], [1]], [], [1, 1], "1/2", 1, ["1/2"], [], "7/8")).value == "7/8"
    rep = check_certificate(networks([0, 1], [1, 1], "1/2", 1, [neuron(1, 0, "1/2")], 0, "7/8", True))
    assert_problem(rep, "dual: constant direction (u = 0, b -> +inf): sum(v) = 3/2, must be 0")


def test_dual_bound_is_beta():
    """With beta = 1/20 the reference residual violates |v^T s(w x + b)| <= beta at the breakpoint (1, 0)."""
    rep = check_certificate(tampered(GOOD, "data.beta", "1/20"))
    assert_problem(rep, "dual: u = 1, breakpoint b = 0: |g| = 1/10 > 1/20")


def test_finite_problem_with_and_without_free_column():
    """A = [[1, 0], [1, 1], [0, 1]], y = [1, 2, 0], beta = 1/2: w = (7/6, 1/6), value 11/12; with the constant
    column w = (3/4, 0), c = 1/2, value 13/16 (KKT by hand: A^T r = (-1/2, -1/2), resp. (-1/2, -1/4))."""
    rep = check_certificate(finite(A3, [], Y3, "1/2", 1, ["7/6", "1/6"], [], "11/12"))
    assert rep.relation == {"type": "equals", "value": "11/12"}
    assert rep.data == {"A": [q(r) for r in A3], "F": [], "y": q(Y3), "beta": "1/2", "scale": "1"}
    free = finite(A3, [[1, 1, 1]], Y3, "1/2", 1, ["3/4", "0"], ["1/2"], "13/16")
    assert check_certificate(free).value == "13/16"
    assert_problem(check_certificate(tampered(free, "primal.c.0", "0")), "free column 0: F_k^T r = -3/2 != 0")
    assert_problem(check_certificate(tampered(free, "primal.w.1", "1/4")),
                   "column 1: w_j = 1/4 but scale A_j^T r = 1/4 != -1/2")
    assert_problem(check_certificate(tampered(free, "primal.w", ["3/4", "1"])),
                   "column 1: |scale A_j^T r| = 7/4 > beta = 1/2")
    assert_problem(check_certificate(tampered(free, "relation.value", "1")), "relation: the certificate states")


def test_rank_one_networks():
    """ep (16) on X = c a^T, a = (-6, -8), ||a|| = 10 (case rank-one-34): neurons (+-a / 10, b) on X, the dual on
    x = 10 c."""
    X = [[-6, -8], [-3, -4], [0, 0], [3, 4], [6, 8]]
    factor = {"c": q([1, "1/2", 0, "-1/2", -1]), "a": ["-6", "-8"], "norm": "10"}
    nets = [neuron(["-3/5", "-4/5"], 0, "-47/125"), neuron(["-3/5", "-4/5"], -5, "19/25"),
            neuron(["3/5", "4/5"], -5, "-99/250"), neuron(["3/5", "4/5"], 5, "1/250")]
    doc = networks(X, [1, -1, 1, 1, -1], "1/10", 1, nets, "47/50", "98/625", factor=factor)
    rep = check_certificate(doc)
    assert rep.ok and rep.value == "98/625" and rep.data["X"] == [q(r) for r in X]
    assert_problem(check_certificate(tampered(doc, "factor.norm", "4")),
                   "factor.norm = 4 is not the positive square root of a^T a = 100")
    assert_problem(check_certificate(tampered(doc, "data.X.0", ["-6", "-9"])), "data.X != c a^T")
    assert_problem(check_certificate(tampered(doc, "primal.neurons.0.w", ["-1", "-1"])),
                   "primal.neurons[0]: w.w = 2 > 1")


@pytest.mark.parametrize("path, new, fragment", [
    ("data.A", [["1"]] * 5, "data: expected exactly one of A (finite), x or X (networks), got ['A', 'x']"),
    ("data.x", DELETE, "data: expected exactly one of A (finite), x or X (networks), got []"),
    ("data.x.1", "-2", "data.x[1]: duplicate data point -2"),
    ("data.y", ["1"], "data.y: expected 5 entries, got 1"),
    ("data.scale", "0", "data.beta, data.scale: expected positive rationals, got 1/10, 0"),
    ("data.beta", "-1", "data.beta, data.scale: expected positive rationals"),
    ("primal.constant", DELETE, "primal.constant: missing field"),
])
def test_malformed_is_rejected(path, new, fragment):
    assert_problem(check_certificate(tampered(GOOD, path, new)), fragment)


def test_malformed_finite_is_rejected():
    doc = finite(A3, [], Y3, "1/2", 1, ["7/6", "1/6"], [], "11/12")
    assert_problem(check_certificate(tampered(doc, "data.A.1", ["1"])),
                   "data.A[1]: expected 2 entries like row 0, got 1")
    assert_problem(check_certificate(tampered(doc, "data.A", [["1", "0"]])), "data.A: expected 3 entries, got 1")
    assert_problem(check_certificate(tampered(doc, "primal.w", ["1"])), "primal.w: expected 2 entries, got 1")
    assert_problem(check_certificate(tampered(doc, "data.F", [["1"]])), "data.F[0]: expected 3 entries, got 1")


def test_networks_beyond_the_work_limit_are_refused() -> None:
    """On data.X, n J d <= _relu1d.MAX_NETWORK_WORK = 3 * 10^4 (12 000 points x 12 000 neurons ran for minutes, row
    by row); on 1-D data.x the network and the stationarity sums are ramp sums, with no limit: 174 points and
    174 neurons (the network 0) are checked, and only the duality gap fails."""
    doc = fixture("l1-ls-kkt", "valid")
    n = 174  # 174^2 = 30 276
    doc["data"] |= {"x": [str(i) for i in range(n)], "y": ["0"] * n}
    doc["primal"] = {"neurons": [{"w": ["1"], "b": str(-i), "c": "0"} for i in range(n)], "constant": "0"}
    assert not any(p.startswith("limit") for p in check_certificate(doc).problems)
    rows = {"X": [[str(3 * i), str(4 * i)] for i in range(n)], "y": ["0"] * n}
    doc["data"] = {k: v for k, v in doc["data"].items() if k != "x"} | rows
    doc["factor"] = {"c": [str(i) for i in range(n)], "a": ["3", "4"], "norm": "5"}
    doc["primal"]["neurons"] = [{"w": ["1", "0"], "b": str(-i), "c": "0"} for i in range(n)]
    assert check_certificate(doc).problems == [
        "limit: n J d (data rows x primal.neurons x inputs) = 60552, beyond the checker's limit of 30000"]
