"""verify.api's float policy: a float is its shortest round-trip decimal, recorded; NaN, inf and bools refused.

One reader serves certify_1d and run, so the policy is tested through both.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

from verify import api
from verify.api import FloatInput
from verify.result import CheckResult

X, Y = (F(0), F(1, 10), F(1)), (F(0), F(1), F(0))


def test_float_is_read_as_its_shortest_decimal_and_recorded():
    r = api.certify_1d([0, 0.1, 1], [0, 1, 0])
    assert r.x == X
    assert r.x[1] != F(0.1)  # not the binary value 3602879701896397/36028797018963968
    assert r.floats == (FloatInput("x[1]", "0.1", F(1, 10)),)
    assert str(r.floats[0]) == "x[1] was the float 0.1, read as the rational 1/10"
    assert r.value == api.certify_1d(X, Y).value


@pytest.mark.parametrize("value, text, exact", [
    (1e-3, "0.001", F(1, 1000)),
    (2.5e-7, "2.5e-07", F(1, 4000000)),
    (1e20, "1e+20", F(10**20)),
    (-0.0, "-0.0", F(0)),
    (np.float64(0.1), "0.1", F(1, 10)),
    (np.float32(0.1), "0.1", F(1, 10)),  # shortest in float32, not float(np.float32(0.1)) = 0.10000000149...
    (np.float16(0.5), "0.5", F(1, 2)),
])
def test_float_texts(value, text, exact):
    r = api.certify_1d([value, 3], [0, 1])
    assert r.x[0] == exact and r.floats == (FloatInput("x[0]", text, exact),)


@pytest.mark.parametrize("value, shown", [(float("nan"), "nan"), (float("inf"), "inf"), (-np.inf, "-inf"),
                                          (np.float32("nan"), "nan")])
def test_nan_and_inf_are_refused_with_argument_and_index(value, shown):
    with pytest.raises(ValueError) as err:
        api.certify_1d([0, 1, value], [0, 1, 0])
    assert str(err.value) == f"x[2]: expected a finite number, got {shown}"
    with pytest.raises(ValueError, match=rf"^y\[0\]: expected a finite number, got {shown}$"):
        api.certify_1d(np.array([0.0, 1.0]), np.array([value, 1.0]))


def test_non_finite_strings_and_out_of_range_floats_are_refused():
    with pytest.raises(ValueError, match=r"x\[1\]: .*'nan' \(NaN and infinity are not rationals\)"):
        api.certify_1d(["0", "nan"], [0, 1])
    with pytest.raises(ValueError, match=r"x\[1\]: expected 0 or a magnitude in \[1e-100, 1e100\]"):
        api.certify_1d([0, 1e-300], [0, 1])


@pytest.mark.parametrize("flag", [True, False, np.bool_(True)])
def test_bools_are_refused(flag):
    with pytest.raises(TypeError, match=r"^y\[1\]: expected a number, got the bool"):
        api.certify_1d([0, 1], [0, flag])


def test_strings_follow_the_number_grammar():
    r = api.certify_1d(["0", "1/10", "1e0"], ["0", "1.0", "-0"])
    assert r.x == X and r.y == Y and r.floats == ()
    with pytest.raises(ValueError, match=r"x\[2\]: expected a rational string .* not a number of the grammar"):
        api.certify_1d(["0", "1", "1_0"], [0, 1, 0])


def test_numpy_arrays_give_the_value_of_the_fraction_input():
    exact = api.certify_1d(X, Y)
    floats = api.certify_1d(np.array([0.0, 0.1, 1.0]), np.array([0.0, 1.0, 0.0]))
    ints = api.certify_1d(np.arange(3), np.array([0, 1, 0], dtype=np.int64))
    assert floats.value == exact.value and floats.x == X and floats.y == Y
    assert [f.where for f in floats.floats] == ["x[0]", "x[1]", "x[2]", "y[0]", "y[1]", "y[2]"]
    assert ints.floats == () and ints.value == api.certify_1d([0, 1, 2], [0, 1, 0]).value == 2
    objects = api.certify_1d(np.array([F(0), F(1, 10), F(1)], dtype=object), list(Y))
    assert objects.value == exact.value


def test_numpy_shapes_are_checked():
    with pytest.raises(ValueError, match=r"^x: expected a 1-D array, got an array of shape \(2, 2\); pass n x d"):
        api.certify_1d(np.eye(2), [0, 1])
    with pytest.raises(ValueError, match=r"^X: expected a 2-D array \(n x d\), got an array of shape \(2,\)"):
        api.run("ep.lem-2.4", X=np.array([1.0, 0.0]), y=[1, 2])


def test_float_alpha_is_recorded():
    r = api.certify_1d([0, 1, 2], [0, 1, 0], alpha=0.1)
    assert r.convention.alpha == F(1, 10) and r.value == F(20, 9)
    assert r.floats == (FloatInput("alpha", "0.1", F(1, 10)),)


def test_run_reads_numpy_matrices_and_notes_floats(tmp_path):
    res = api.run("ep.lem-2.4", X=np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), y=np.array([1, 2]), out=tmp_path)
    assert isinstance(res, CheckResult) and str(res.verdict) == "PROVED"
    notes = [n for n in res.notes if n.startswith("input: ")]
    assert len(notes) == 6 and notes[0] == "input: X[0][0] was the float 1.0, read as the rational 1"
    exact = api.run("ep.thm-3.3", x=X, y=Y, out=tmp_path)
    from_floats = api.run("ep.thm-3.3", x=[0, 0.1, 1], y=[0, 1, 0], out=tmp_path)
    assert isinstance(exact, CheckResult) and isinstance(from_floats, CheckResult)
    assert from_floats.value == exact.value and not any(n.startswith("input: ") for n in exact.notes)
    with pytest.raises(ValueError, match=r"^X\[1\]\[0\]: expected a finite number, got nan$"):
        api.run("ep.lem-2.4", X=[[1, 0], [float("nan"), 1]], y=[1, 2])
