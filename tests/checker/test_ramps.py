"""The checker's integer core of the 1-D kinds (exact/checker/ramps.py), its bulk number reading
(number.integer_ratios, _fields.qvec) and long certificates of the linear-time kind (issue 17).

Every sum is compared with a naive Fraction formula written here, on gridded data (small common
denominators) and on data whose denominators force the Fraction fallback.
"""
from __future__ import annotations

import json
import random
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.checker import MAX_FILE_BYTES, check_certificate, check_file, file_limit, ramps
from exact.checker._fields import Malformed, qvec
from exact.checker._relu1d import dual_breakpoints
from exact.checker.number import integer_ratios, rational
from exact.checker.ramps import Scaled, kinks, network_values, ramp_values, two_sided
from exact.relu.structured import interpolate_structured
from tests.checker.helpers import assert_problem, tampered

rationals = st.fractions(-8, 8, max_denominator=12)
alphas = st.sampled_from([F(0), F(1, 10), F(1, 2), F(-1), F(3)])


def s(z: F, alpha: F) -> F:
    return z if z >= 0 else alpha * z


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(rationals, rationals), max_size=8), st.lists(rationals, max_size=8), alphas,
       st.sampled_from([1, -1]), st.booleans())
def test_ramp_values_match_the_naive_sum(pairs, points, alpha, u, fallback):
    """Also with MAX_COMMON_BITS = 0, which sends every vector to the Fraction fallback."""
    knots, coefs = [k for k, _ in pairs], [c for _, c in pairs]
    points = points + knots  # ties: a knot at a point adds 0 to either side
    expected = [sum((c * s(u * (p - t), alpha) for t, c in pairs), F(0)) for p in points]
    bits = ramps.MAX_COMMON_BITS
    ramps.MAX_COMMON_BITS = 0 if fallback else bits
    try:
        got = ramp_values(alpha, u, Scaled.of(knots), Scaled.of(coefs), Scaled.of(points)).fractions()
    finally:
        ramps.MAX_COMMON_BITS = bits
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(rationals, rationals), min_size=1, max_size=8), alphas, st.booleans())
def test_mirrored_sums_match_the_naive_sum(pairs, alpha, fallback):
    """sum_i v_i sigma(x_k - x_i) from the sums of sigma(x_i - x_k) (the dual check's second sign), also on
    the Fraction fallback."""
    x, v = [t for t, _ in pairs], [c for _, c in pairs]
    expected = [sum((vi * s(xk - xi, alpha) for xi, vi in pairs), F(0)) for xk in x]
    bits = ramps.MAX_COMMON_BITS
    ramps.MAX_COMMON_BITS = 0 if fallback else bits
    try:
        xs, vs = Scaled.of(x), Scaled.of(v)
        got = ramps.mirrored(ramp_values(alpha, -1, xs, vs, xs), xs, vs, alpha).fractions()
    finally:
        ramps.MAX_COMMON_BITS = bits
    assert got == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(rationals, rationals), min_size=1, max_size=7, unique_by=lambda p: p[0]), alphas,
       st.booleans(), st.sampled_from([F(1, 2), F(1), F(3)]), st.sampled_from([(1, -1), (1,)]))
def test_dual_breakpoints_find_exactly_the_naive_violations(pairs, alpha, centred, bound, signs):
    """The breakpoint check (both signs from one walk; with sum(v) = 0 the second sign from the first one's
    extremes) names exactly the breakpoints where the naive |sum_i v_i sigma(u (x_i - x_k))| passes the bound."""
    x, v = [t for t, _ in pairs], [c for _, c in pairs]
    if centred:  # sum(v) = 0, the dual's own constraint (a): the shortcut for u = -1
        v[-1] -= sum(v, F(0))
    expected = [f"dual: u = {u}, breakpoint b = {-u * xk}: |g| = {abs(g)} > {bound}"
                for u in signs for xk in x
                if abs(g := sum((vi * s(u * (xi - xk), alpha) for xi, vi in zip(x, v)), F(0))) > bound]
    problems: list[str] = []
    dual_breakpoints(x, v, alpha, bound, problems, signs)
    assert problems == expected


def test_two_sided_weighs_each_side_of_a_knot():
    # knot 0 with right weight 2 and left weight 3 (a jump of -1): F(p) = 2p for p >= 0, 3p for p < 0
    assert two_sided([0], [-1], [3], [-2, 0, 5]) == [-6, 0, 10]


def test_scaled_vectors_and_their_fallback():
    v = Scaled.of([F(1, 6), F(-3, 4), 2])
    assert (v.nums, v.den, v.order, v.fractions()) == ([2, -9, 24], 12, [1, 0, 2], [F(1, 6), F(-3, 4), F(2)])
    primes = [2**127 - 1, 2**521 - 1, 2**607 - 1, 2**1279 - 1, 2**2203 - 1, 2**2281 - 1]
    huge = Scaled.of([F(1, p) for p in primes])  # lcm of 8 000+ bits: kept as Fractions over 1
    assert huge.den == 1 and huge.nums == [F(1, p) for p in primes]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-3, 3), max_size=12))
def test_an_ascending_vector_s_order_is_what_a_sort_gives(values):
    # the ascending vector's order is set, not sorted; with ties (stable sort) it must still be the sort's
    up = Scaled(values, 1).ascending
    assert up.nums == sorted(values)
    assert list(up.order) == sorted(range(len(values)), key=up.nums.__getitem__)


def test_common_denominator_and_its_limit():
    assert ramps.common_denominator([4, 6, 4]) == 12 and ramps.common_denominator([]) == 1
    assert ramps.common_denominator([2**(ramps.MAX_COMMON_BITS - 1)]) == 2**(ramps.MAX_COMMON_BITS - 1)
    assert ramps.common_denominator([2**ramps.MAX_COMMON_BITS]) is None  # MAX_COMMON_BITS + 1 bits


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(rationals.filter(bool), rationals, rationals), max_size=6),
       st.lists(st.tuples(rationals, rationals), max_size=2), st.lists(rationals, min_size=1, max_size=6), alphas,
       rationals)
def test_network_values_and_kinks_match_the_naive_network(neurons, flat, x, alpha, constant):
    """Neurons of any slope w != 0 (their knots -b / w on many denominators) and flat ones (w = 0)."""
    terms = neurons + [(F(0), b, c) for b, c in flat]
    cols = [Scaled.of([t[k] for t in terms]) for k in range(3)]
    got = network_values(Scaled.of(x), *cols, alpha, constant).fractions()
    assert got == [constant + sum((c * s(w * xi + b, alpha) for w, b, c in terms), F(0)) for xi in x]
    if alpha == 1:
        return
    jump: dict[F, F] = {}
    for w, b, c in neurons:
        jump[-b / w] = jump.get(-b / w, F(0)) + abs(w) * c
    assert kinks(*cols, alpha).fractions() == sorted(t for t, j in jump.items() if j)
    data = x + [t for t in list(jump)[::2]]  # some kinks at data points, some off them
    assert kinks(*cols, alpha, Scaled.of(data)).fractions() == sorted(t for t, j in jump.items()
                                                                      if j and t not in data)


def test_kinks_off_data_compare_on_one_scale():
    # knots 1/2, 3/2, 2 (b over 2) against the data 2, 5 (over 1): 2 is a data point, the others are not
    w, c = Scaled([1, 1, 1], 1), Scaled([1, 1, 1], 1)
    assert kinks(w, Scaled([-1, -3, -4], 2), c, F(0), Scaled([2, 5], 1)).fractions() == [F(1, 2), F(3, 2)]


@pytest.mark.parametrize("texts", [["1_0"], [" 1"], ["1 "], ["1/0"], ["1/00"], ["\u0663"], ["1\n2"], ["+"], [""],
                                   ["1/2/3"], ["0.5"], ["1e3"], [3], [None], ["9" * 1001], ["1/-2"], ["1/+2"], ["-/2"],
                                   ["+-1"], ["1-2"], ["1,2"], ["/2"], ["1/"], ["0/0"]])
def test_bulk_reading_refuses_all_but_integers_and_ratios(texts):
    """None sends the vector to the one-by-one reader, which names the entry (or reads a decimal)."""
    assert integer_ratios(["1", *texts, "2/3"]) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.integers(-10**30, 10**30).map(str),
                          st.tuples(st.integers(-999, 999), st.integers(1, 999)).map(lambda t: f"{t[0]}/{t[1]}"),
                          st.integers(0, 99).map(lambda k: f"+{k}"), st.integers(1, 9).map(lambda k: f"3/00{k}"))))
def test_bulk_reading_agrees_with_the_grammar(texts):
    nums, dens = integer_ratios(texts) or ([], [])
    assert [F(a, b) for a, b in zip(nums, dens)] == [rational(t) for t in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["1", "-2/6", "+3", "7/4", "0", "-1/9", "0.5", "1e1"]), min_size=1, max_size=3000),
       st.integers(0, 2999))
def test_a_vector_of_repeated_texts_reads_as_one_by_one(texts, bad):
    """qvec reads a vector whose texts repeat once per distinct text (decimals one by one): the same Scaled
    vector as the Fractions read one at a time, and a bad entry is still named by its index."""
    got = qvec(texts, "v")
    assert got.fractions() == [rational(t) for t in texts]
    if bad < len(texts):
        texts[bad] = "1/0"
        with pytest.raises(Malformed, match=rf"^v\[{bad}\]: expected a rational string"):
            qvec(texts, "v")


def _integer_or_ratio(text: str) -> F | None:
    """The one-by-one reader's value of ``text`` when it is an integer or p/q (not a decimal), else None."""
    try:
        value = rational(text)
    except ValueError:
        return None
    return value if not any(c in text for c in ".eE") else None


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.text(alphabet="0123456789+-/ _.e,\n\u0663", max_size=6), min_size=1, max_size=3))
def test_bulk_reading_accepts_exactly_the_grammar_s_integers_and_ratios(texts):
    """Near misses included (signs after '/', '+-', '_', spaces, other digits): the bulk reader's shortcut
    (a character class and int()) accepts a vector iff every entry is an integer or ratio of the grammar."""
    single = [_integer_or_ratio(t) for t in texts]
    bulk = integer_ratios(texts)
    if None in single:
        assert bulk is None
    else:
        assert bulk is not None and [F(a, b) for a, b in zip(*bulk, strict=True)] == single


def structured(n: int, seed: int = 0, alpha: F = F(0)) -> dict:
    rng = random.Random(seed)
    x = [F(v, 3) for v in rng.sample(range(-5 * n, 5 * n), n)]
    y = [F(rng.randint(-10, 10), rng.choice([1, 2, 5])) for _ in range(n)]
    return interpolation_certificate(interpolate_structured(x, y, alpha), "test", f"n={n}")


def test_a_long_structured_certificate_is_read_from_a_file_beyond_the_general_limit(tmp_path):
    doc = structured(22_000)
    path = tmp_path / "long.json"
    path.write_text(json.dumps(doc))
    assert path.stat().st_size > MAX_FILE_BYTES
    rep = check_file(str(path))
    assert rep.ok and rep.value == doc["relation"]["value"] and rep.data is not None
    assert rep.data["x"] == doc["data"]["x"] and rep.data["convention"]["alpha"] == "0"
    other = tmp_path / "lp.json"  # a kind whose check is not linear in its size: refused at the general limit
    other.write_text(json.dumps({**doc, "kind": "lp"}))
    assert check_file(str(other)).problems == [
        f"file: {str(other)!r} is larger than {MAX_FILE_BYTES} bytes, not a regular certificate file of at most the "
        f"checker's limit of {MAX_FILE_BYTES} bytes for kind 'lp' (only relu1d-l1-interpolation may have up to "
        f"{file_limit('relu1d-l1-interpolation')})"]


def test_an_unknown_field_inside_a_long_file_is_found(tmp_path):
    doc = tampered(structured(22_000), "primal.neurons.note", "x")
    path = tmp_path / "note.json"
    path.write_text(json.dumps(doc))
    assert_problem(check_file(str(path)), "primal.neurons.note: no condition of kind relu1d-l1-interpolation "
                                          "reads this field (unknown field)")


def test_misfits_are_named_by_their_index_in_the_data_in_index_order():
    """The check walks the data sorted by x (unsorted here); the misfits are named by their index in data.x,
    with the network's value at that point, in increasing index."""
    doc = structured(40, seed=3)
    x, y = doc["data"]["x"], doc["data"]["y"]
    late, early = max(range(40), key=lambda i: F(x[i])), min(range(40), key=lambda i: F(x[i]))
    bad = tampered(tampered(doc, f"data.y.{late}", str(F(y[late]) + 1)), f"data.y.{early}", str(F(y[early]) - 1))
    misfits = [p for p in check_certificate(bad).problems if p.startswith("primal:")]
    assert misfits == [f"primal: point {i} (x = {F(x[i])}): network = {F(y[i])} but y = {F(y[i]) + d}"
                       for i, d in sorted([(late, 1), (early, -1)])]


@pytest.mark.parametrize("alpha", [F(0), F(1, 10)])
def test_tampered_structured_certificates_are_rejected(alpha):
    doc = structured(3000, seed=1, alpha=alpha)
    assert check_certificate(doc).ok
    net = doc["primal"]["neurons"]  # past COLUMNS_FROM neurons: one object of columns
    n, m, y0, v5 = len(doc["data"]["x"]), len(net["c"]), F(doc["data"]["y"][0]), doc["dual"]["v"][5]
    x0 = doc["data"]["x"][0]
    cases = [
        ("data.y.0", str(y0 + 1), "primal: point 0 (x = " + x0 + ")"),
        ("primal.neurons.c.3", str(F(net["c"][3]) * 2), "duality gap"),
        ("primal.neurons.b.3", str(F(net["b"][3]) + F(1, 7)), "primal: point"),
        ("primal.neurons.w.3", "2", "primal.neurons[3]: |w| = 2 > 1"),
        ("primal.neurons.w.3", ["2"], "primal.neurons.w[3]: expected a rational string"),
        ("primal.neurons.b", net["b"][:-1], f"primal.neurons.b: expected {m} entries, got {m - 1}"),
        ("primal.neurons", {k: v[:3] + v[4:] for k, v in net.items()}, "primal: point"),  # neuron 3 removed
        ("dual.v.5", str(F(v5) + 1), "dual: constant direction (u = 0, b -> +inf): sum(v) = 1, must be 0"),
        ("data.x.1", x0, f"data.x[1]: duplicate data point {x0}"),
        ("data.x.2", "0.5.", "data.x[2]: expected a rational string like '3/4', got '0.5.'"),
        ("dual.v", doc["dual"]["v"][:-1], f"dual.v: expected {n} entries, got {n - 1}"),
        ("relation.value", str(F(doc["relation"]["value"]) - F(1, 10**6)), "relation: the certificate states"),
    ]
    for path, new, fragment in cases:
        assert_problem(check_certificate(tampered(doc, path, new)), fragment)
    # moving dual mass between two points keeps sum(v) = 0 but breaks optimality or feasibility
    v = [F(t) for t in doc["dual"]["v"]]
    v[0], v[1] = v[0] + 2, v[1] - 2
    rep = check_certificate(tampered(doc, "dual.v", [str(t) for t in v]))
    assert not rep.ok and any(p.startswith(("dual: u =", "duality gap")) for p in rep.problems), rep.problems
