"""The closed-form 1-D route (exact.relu.structured) against the LP route, and its certificates."""

import math
import random
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.checker import check_certificate
from exact.convention import Convention
from exact.lp.verify import verify_optimal
from exact.relu import networks
from exact.relu.interpolation import interpolate_1d
from exact.relu.networks import COLUMNS_FROM, Network
from exact.relu.structured import interpolate_structured

ALPHAS = (F(0), F(1, 10), F(1, 2))


def fr(*vals):
    return [F(v) for v in vals]


small = st.fractions(min_value=-4, max_value=4, max_denominator=3)


@st.composite
def data(draw, max_n=12):
    n = draw(st.integers(1, max_n))
    x = draw(st.lists(small, min_size=n, max_size=n, unique=True))
    # labels often collinear or constant, where attainment is decided by the end atoms or fails
    kind = draw(st.sampled_from(["free", "free", "line", "const"]))
    if kind == "line":
        a, b = draw(small), draw(small)
        y = [a * xi + b for xi in x]
    elif kind == "const":
        y = [draw(small)] * n
    else:
        y = draw(st.lists(small, min_size=n, max_size=n))
    return x, y


def written_network(sol):
    """The network the certificate states, as Network.as_json writes it (from the Fraction views)."""
    weights, constant = sol.weights, sol.constant
    if sol.attained_by is not None and not sol.output_bias:
        weights, constant = sol.attained_by
    return Network.from_atoms(sol.atoms, weights, constant, sol.alpha).as_json()


def agree(x, y, alpha, output_bias):
    lp = interpolate_1d(x, y, Convention(alpha=alpha, output_bias=output_bias))
    st_ = interpolate_structured(x, y, alpha, output_bias)
    assert st_.value == lp.value and st_.attained == lp.attained
    assert st_.solution.lp == lp.solution.lp  # the very LP the LP route solves ...
    verify_optimal(st_.solution.lp, st_.solution.result)  # ... and a genuine optimal pair of it
    docs = [interpolation_certificate(s, "t", "hyp") for s in (lp, st_)]
    assert [d["primal"] for d in docs] == [written_network(s) for s in (lp, st_)]
    reports = [check_certificate(d) for d in docs]
    assert all(r.ok for r in reports), [r.problems for r in reports]
    assert reports[0].relation == reports[1].relation
    return st_


@pytest.mark.parametrize("alpha", ALPHAS, ids=["relu", "leaky-1/10", "leaky-1/2"])
@settings(max_examples=350, deadline=None)
@given(d=data(), output_bias=st.booleans())
def test_agrees_with_lp_route_and_both_certificates_check(alpha, d, output_bias):
    agree(*d, alpha, output_bias)


@pytest.mark.slow
@pytest.mark.parametrize("alpha", ALPHAS + (F(9, 10),))
@settings(max_examples=300, deadline=None)
@given(d=data(max_n=30), output_bias=st.booleans())
def test_agrees_with_lp_route_large_sweep(alpha, d, output_bias):
    agree(*d, alpha, output_bias)


def test_tent_worked_example():
    # x = (0, 1, 2), y = (0, 1, 0): s_1 = 1, d_2 = -2, so S = 2 and sigma in [1 - 2, 1 + 0] contains 0:
    # P* = 2, sigma* = 0. The kink's slope share g lies in [0, 2] and must be s_1 = 1, so c = 0 + (1 - 0) * 1:
    # the network is 1 - |x - 1| and its constant 1 is only a limit (as in api.certify_1d's doctest)
    sol = interpolate_structured(fr(0, 1, 2), fr(0, 1, 0))
    assert (sol.value, sol.attained, sol.constant) == (2, False, 1)
    assert sol.weights == tuple(fr(0, -1, -1, 0))  # atoms (x)_+, (x - 1)_+, (1 - x)_+, (2 - x)_+
    assert sol.dual == tuple(fr(-1, 2, -1))
    assert sol.network()(F(1, 2)) == F(1, 2)
    assert sol.attained_by is None and sol.without_constant is None


def test_line_is_attained_by_split_end_atoms():
    # y = 1 - x: value |slope| = 1, both end atoms carry -1/2 and +1/2, the one of c's sign absorbs it
    sol = interpolate_structured(fr(-2, -1, 0, 1, 2), fr(3, 2, 1, 0, -1))
    assert sol.value == 1 and sol.attained
    net = sol.finite_network()
    assert net is not None and net.constant == 0 and [net(F(v)) for v in (-2, 0, 2)] == fr(3, 1, -1)


def test_edge_cases():
    assert interpolate_structured([F(3)], [F(5)]).attained is False
    one = interpolate_structured([F(3)], [F(0)])
    assert (one.value, one.attained, one.dual) == (0, True, (0,))
    assert interpolate_structured([F(3)], [F(5)], output_bias=True).attained
    two = interpolate_structured(fr(2, 0), fr(1, 5))  # unsorted: slope -2
    assert two.value == 2 and two.attained and sum(v * y for v, y in zip(two.dual, fr(1, 5))) == 2
    const = interpolate_structured(fr(0, 1, 3), fr(2, 2, 2), F(1, 2))
    assert (const.value, const.attained) == (0, False)
    assert interpolate_structured(fr(0, 1, 3), fr(0, 0, 0)).attained


def test_unsorted_input_keeps_dual_in_input_order():
    x, y = fr(2, 0, 1), fr(0, 0, 1)  # the tent, permuted
    sol = interpolate_structured(x, y)
    assert sol.dual == tuple(fr(-1, -1, 2)) and sol.x == tuple(x)


@pytest.mark.parametrize("x, y, alpha", [
    (fr(0, 0, 1), fr(0, 1, 2), F(0)), (fr(0, 1), fr(0, 1, 2), F(0)), ([], [], F(0)),
    (fr(0, 1), fr(0, 1), F(1)), (fr(0, 1), fr(0, 1), F(-1, 2)), (fr(0, 1), fr(0, 1), F(3, 2)),
])
def test_bad_input_raises(x, y, alpha):
    with pytest.raises(ValueError):
        interpolate_structured(x, y, alpha)


def test_tampered_certificates_are_rejected():
    x, y = fr(-2, -1, 0, 1, 2), fr(1, -1, 1, 1, -1)
    sol = interpolate_structured(x, y, F(1, 10))
    doc = interpolation_certificate(sol, "t", "tamper")
    report = check_certificate(doc)
    assert report.ok and report.relation == {"type": "equals", "value": str(sol.value), "attained": True}
    v = list(doc["dual"]["v"])
    v[2] = str(F(v[2]) + F(1, 7))
    assert not check_certificate({**doc, "dual": {"v": v}}).ok
    assert not check_certificate({**doc, "relation": {**doc["relation"], "value": str(sol.value - 1)}}).ok
    neurons = [dict(nr) for nr in doc["primal"]["neurons"]]
    neurons[0]["c"] = str(F(neurons[0]["c"]) * 2)
    assert not check_certificate({**doc, "primal": {**doc["primal"], "neurons": neurons}}).ok


def test_n2000_agrees_with_lp_route():
    rng = random.Random(7)
    x = [F(v, 4) for v in rng.sample(range(-20000, 20000), 2000)]
    y = [F(rng.randint(-50, 50), rng.randint(1, 5)) for _ in x]
    st_ = interpolate_structured(x, y)
    lp = interpolate_1d(x, y)
    assert st_.value == lp.value and st_.attained == lp.attained
    assert check_certificate(interpolation_certificate(st_, "t", "n2000")).ok


def _primes(count, start):
    out, k = [], start
    while len(out) < count:
        if all(k % d for d in range(2, math.isqrt(k) + 1)):
            out.append(k)
        k += 1
    return out


@pytest.mark.parametrize("alpha", [F(0), F(1, 3)])
def test_fraction_fallback_of_huge_common_denominators(alpha):
    # 220 unrelated 20-bit prime denominators: their lcm has ~4400 bits, past MAX_COMMON_BITS, so points, gaps
    # and weights run on Fractions over 1 (module doc, "Arithmetic"); the identities of the optimum still hold
    # exactly (the checker refuses such denominators: its limit is 1000 digits), and the writer's numbers are
    # those of the Fractions
    rng = random.Random(3)
    x = [F(rng.randint(-10**7, 10**7), p) for p in _primes(220, 10**6)]
    y = [F(rng.randint(-9, 9), rng.randint(1, 4)) for _ in x]
    sol = interpolate_structured(x, y, alpha)
    assert sol.optimum.x.den == 1 and type(sol.optimum.x.nums[0]) is F
    assert sum(map(abs, sol.weights)) == sol.value == sum(v * t for v, t in zip(sol.dual, y))
    net = sol.network()
    assert all(net(x[i]) == y[i] for i in range(0, 220, 20))
    doc = interpolation_certificate(sol, "t", "fallback")
    assert doc["dual"]["v"] == [str(v) for v in sol.dual] and doc["data"]["x"] == [str(v) for v in x]
    assert doc["primal"] == written_network(sol)


def test_long_network_is_written_as_columns_and_both_forms_check():
    # n = 2000 gives ~2000 neurons, past COLUMNS_FROM: one object of columns; the same neurons as a list of
    # objects (the form below COLUMNS_FROM) prove the same relation
    rng = random.Random(11)
    x = [F(v, 3) for v in rng.sample(range(-30000, 30000), 2000)]
    y = [F(rng.randint(-20, 20), rng.randint(1, 3)) for _ in x]
    sol = interpolate_structured(x, y)
    doc = interpolation_certificate(sol, "t", "columns")
    columns = doc["primal"]["neurons"]
    assert isinstance(columns, dict) and len(columns["w"]) == len(columns["b"]) == len(columns["c"]) > COLUMNS_FROM
    listed = [{"w": [w], "b": b, "c": c} for w, b, c in zip(columns["w"], columns["b"], columns["c"])]
    as_list = {**doc, "primal": {**doc["primal"], "neurons": listed}}
    reports = [check_certificate(d) for d in (doc, as_list)]
    assert all(r.ok for r in reports) and reports[0].relation == reports[1].relation
    assert reports[0].value == reports[1].value == str(sol.value)


def test_columns_and_list_forms_of_one_optimum(monkeypatch):
    x, y = fr(-2, -1, 0, 1, 2, 4), fr(1, -1, 1, 1, -1, 3)
    sol = interpolate_structured(x, y, F(1, 10))
    listed = interpolation_certificate(sol, "t", "list")
    monkeypatch.setattr(networks, "COLUMNS_FROM", 0)
    columns = interpolation_certificate(sol, "t", "columns")
    neurons = listed["primal"]["neurons"]
    assert columns["primal"]["neurons"] == {k: [nr[k][0] if k == "w" else nr[k] for nr in neurons] for k in "wbc"}
    reports = [check_certificate(d) for d in (listed, columns)]
    assert all(r.ok for r in reports), [r.problems for r in reports]
    assert reports[0].relation == reports[1].relation and reports[0].value == str(sol.value)
