"""verify.api: certify_1d's exact values and checked certificates, api.check, api.run on Python data."""

from __future__ import annotations

import copy
import json
import shutil
from fractions import Fraction as F
from pathlib import Path

import pytest

import verify.api as api_module
from exact.convention import Convention, HiddenBias
from exact.relu.interpolation import interpolate_1d
from verify import api
from verify.conventions import EP_4, SES_25
from verify.registry import UsageError, get_claim
from verify.result import MEASURED, PROVED, CheckResult

TENT_X, TENT_Y = (0, 1, 2), (0, 1, 0)


def test_certify_1d_tent_has_the_hand_computed_value():
    # By hand: the tent 1 - |x - 1| = 1 - relu(x - 1) - relu(1 - x) costs |-1| + |-1| = 2 (its constant 1 is
    # free in the limit b -> oo), and v = (-1, 2, -1) has sum 0, |sum_i v_i relu(+-(x_i - t))| <= 1 for all t
    # and v^T y = 2: so P* = 2. Any finite network pays for the constant: P* is not attained.
    r = api.certify_1d(TENT_X, TENT_Y)
    assert r.value == F(2) and isinstance(r.value, F)
    assert r.value == interpolate_1d([F(0), F(1), F(2)], [F(0), F(1), F(0)]).value
    assert r.attained is False and r.kinks_off_data == ()
    assert r.dual == (F(-1), F(2), F(-1))
    assert sum(v * yi for v, yi in zip(r.dual, r.y)) == r.value
    assert r.network.l1() == 2 and r.network.constant == 1
    assert [r.network(F(t)) for t in TENT_X] == [F(0), F(1), F(0)]
    assert sorted(zip(r.network.u, r.network.b, r.network.w)) == [(F(-1), F(1), F(-1)), (F(1), F(-1), F(-1))]
    assert r.relation == {"type": "equals", "value": "2"}
    assert r.convention == Convention() and r.certificate["convention"] == Convention().as_json()
    assert r.path is None and r.floats == ()
    assert r.x == (F(0), F(1), F(2)) and r.y == (F(0), F(1), F(0))


def test_certify_1d_conventions_by_keyword():
    with_bias = api.certify_1d(TENT_X, TENT_Y, output_bias=True)  # ses (25): the constant is a parameter
    assert with_bias.value == 2 and with_bias.attained is True
    assert api.certify_1d(TENT_X, TENT_Y, convention=SES_25).attained is True
    leaky = api.certify_1d(TENT_X, TENT_Y, alpha=F(1, 10))
    expected = interpolate_1d([F(0), F(1), F(2)], [F(0), F(1), F(0)], Convention(alpha=F(1, 10))).value
    assert leaky.value == expected == F(20, 9)
    assert leaky.certificate["convention"]["alpha"] == "1/10" and leaky.network.alpha == F(1, 10)
    assert api.certify_1d(TENT_X, TENT_Y, convention=EP_4.with_alpha(F(1, 10))).value == F(20, 9)
    assert api.certify_1d(TENT_X, TENT_Y, alpha="1/10", convention=Convention(alpha=F(1, 10))).value == F(20, 9)


def test_certify_1d_refuses_other_conventions():
    with pytest.raises(ValueError, match="free hidden bias"):
        api.certify_1d(TENT_X, TENT_Y, convention=Convention(hidden_bias=HiddenBias.NONE))
    with pytest.raises(ValueError, match="alpha = 1"):
        api.certify_1d(TENT_X, TENT_Y, alpha=1)
    with pytest.raises(ValueError, match="contradicts the convention's alpha 1/5"):
        api.certify_1d(TENT_X, TENT_Y, alpha=0, convention=Convention(alpha=F(1, 5)))
    with pytest.raises(TypeError, match="output_bias: expected True or False"):
        api.certify_1d(TENT_X, TENT_Y, output_bias=1)  # type: ignore[arg-type]


def test_certify_1d_writes_to_out_and_check_reads_the_file(tmp_path):
    r = api.certify_1d(TENT_X, TENT_Y, out=tmp_path, name="tent")
    assert r.path is not None and r.path.parent == tmp_path / "certificates" and r.path.name.endswith("__tent.json")
    assert json.loads(r.path.read_text()) == r.certificate
    report = api.check(r.path)
    assert report.ok and report.kind == "relu1d-l1-interpolation" and report.value == "2"
    assert report.data is not None and report.data["y"] == ["0", "1", "0"]
    assert api.check(str(r.path)).ok
    tampered = copy.deepcopy(r.certificate)
    tampered["primal"]["constant"] = "2"
    bad_file = tmp_path / "bad.json"
    bad_file.write_text(json.dumps(tampered))
    assert not api.check(bad_file).ok


def test_check_accepts_the_certificate_and_rejects_a_tampered_copy():
    r = api.certify_1d(TENT_X, TENT_Y)
    report = api.check(r.certificate)
    assert report.ok and report.problems == [] and report.relation == {"type": "equals", "value": "2"}
    dual = copy.deepcopy(r.certificate)
    dual["dual"]["v"][1] = "3"  # one number changed
    bad = api.check(dual)
    assert not bad.ok and bad.relation is None
    assert "duality gap: primal cost sum |c| = 2 but dual objective v^T y = 3" in bad.problems
    claim = copy.deepcopy(r.certificate)
    claim["relation"]["value"] = "3/2"
    assert "the evidence proves {'type': 'equals', 'value': '2'}" in api.check(claim).problems[0]
    assert r.certificate["dual"]["v"] == ["-1", "2", "-1"]  # checking never changes the document
    with pytest.raises(TypeError, match="certificate: expected a certificate document"):
        api.check(3)  # type: ignore[arg-type]
    assert not api.check("/nonexistent/cert.json").ok


def test_certify_1d_raises_when_the_checker_rejects(monkeypatch):
    real = api_module.interpolation_certificate

    def wrong_value(*args, **kwargs):
        doc = real(*args, **kwargs)
        doc["relation"]["value"] = "1"
        return doc

    monkeypatch.setattr(api_module, "interpolation_certificate", wrong_value)
    with pytest.raises(api.CertificateRejected, match="the evidence proves") as err:
        api.certify_1d(TENT_X, TENT_Y)
    assert err.value.problems and err.value.path is None


@pytest.mark.parametrize("x, y, error, message", [
    ((0, 1, 2), (0, 1), ValueError, "y: expected 3 entries (one per point of x), got 2"),
    ((0, 1, 1), (0, 1, 2), ValueError, "field 'x': duplicate point 1 at positions 1 and 2"),
    ((0, "one", 2), (0, 1, 2), ValueError, "x[1]: expected a rational string"),
    ((True, 1), (0, 1), TypeError, "x[0]: expected a number, got the bool True"),
    ((0, None), (0, 1), TypeError, "x[1]: expected a number (int, Fraction, decimal string"),
    ((0, 1j), (0, 1), TypeError, "got complex"),
    ("012", (0, 1, 2), TypeError, "x: expected a sequence of numbers"),
    (5, (0,), TypeError, "x: expected a sequence of numbers (list, tuple or 1-D numpy array), got int"),
    ((), (), ValueError, "x: expected at least one number"),
    (((0, 1), (1, 2)), (0, 1), ValueError, "x[0]: expected a number, got a sequence; pass n x d inputs as X="),
    ((0, 10**101), (0, 1), ValueError, "x[1]: expected 0 or a magnitude in [1e-100, 1e100]"),
])
def test_bad_input_names_argument_index_and_expectation(x, y, error, message):
    with pytest.raises(error) as err:
        api.certify_1d(x, y)
    assert message in str(err.value)


def test_run_on_python_data_returns_a_typed_result(tmp_path):
    res = api.run("ep.thm-3.3", x=TENT_X, y=TENT_Y, name="tent", out=tmp_path)
    assert isinstance(res, CheckResult)
    assert res.claim == "ep.thm-3.3" and res.case == "tent"
    assert res.verdict is PROVED and res.expected is None and res.as_expected
    assert res.value == F(2)  # the same P* as certify_1d
    assert res.certificates and all(Path(p).parent == tmp_path / "certificates" for p in res.certificates)
    assert all(api.check(p).ok for p in res.certificates)
    assert res.findings  # (37) without the constant column costs 3 > 2: the paper's finding, on this data


def test_run_covered_id_and_default_out():
    res = api.run("ep.thm-3.1", x=[0, 1], y=[0, 1])  # settled by the ep.thm-3.3 check
    assert isinstance(res, CheckResult) and res.claim == "ep.thm-3.3" and res.verdict is PROVED
    folder = Path(res.certificates[0]).parent.parent  # a fresh temporary folder, left for the caller
    assert res.value == 1 and folder.name.startswith("relu-certify-") and Path(res.certificates[0]).is_file()
    shutil.rmtree(folder)


def test_run_matrix_data(tmp_path):
    res = api.run("ep.lem-2.4", x=None, X=[[1, 0, 0], [0, 1, 0]], y=[1, 2], out=tmp_path)  # whitened: A A^T = I
    assert isinstance(res, CheckResult) and res.verdict is PROVED and res.expected is None


def test_run_records_float_parameters(tmp_path):
    res = api.run("ep.thm-4.1", x=[0, 1, 2], y=[0, 1, 0], beta=0.1, out=tmp_path)
    assert isinstance(res, CheckResult) and res.verdict is PROVED
    assert "input: beta was the float 0.1, read as the rational 1/10" in res.notes


def test_run_unknown_claim_suggests_the_close_match():
    with pytest.raises(UsageError, match=r"unknown claim 'ep\.thm-33'; did you mean ep\.thm-3\.3"):
        api.run("ep.thm-33", x=[0, 1], y=[0, 1])


def test_run_refuses_unsuitable_data():
    with pytest.raises(UsageError, match="ep.thm-3.3 cannot run on this case"):
        api.run("ep.thm-3.3", X=[[0, 1], [1, 0]], y=[0, 1])
    with pytest.raises(ValueError, match="exactly one of them"):
        api.run("ep.thm-3.3", x=[0, 1], X=[[0], [1]], y=[0, 1])
    with pytest.raises(ValueError, match="labels y need data"):
        api.run("ep.thm-3.3", y=[0, 1])
    with pytest.raises(TypeError, match="y: missing; expected 2 labels"):
        api.run("ep.thm-3.3", x=[0, 1])
    with pytest.raises(ValueError, match="field 'beta': expected a positive rational"):
        api.run("ep.thm-4.1", x=[0, 1], y=[0, 1], beta=0)
    with pytest.raises(ValueError, match=r"X\[1\]: expected 2 entries like X\[0\]"):
        api.run("ep.lem-2.4", X=[[1, 0], [0, 1, 0]], y=[1, 2])


def test_run_without_data_runs_the_shipped_cases(tmp_path):
    results = api.run("ep.prop-3.1", out=tmp_path)
    assert isinstance(results, list)
    assert [r.case for r in results] == [c.name for c in get_claim("ep.prop-3.1").default_cases()]
    assert len(results) == 2 and all(r.expected is PROVED and r.verdict is PROVED for r in results)
    assert all(Path(p).is_file() for r in results for p in r.certificates)


def test_run_with_parameters_only_for_a_claim_that_draws_its_own_instances(tmp_path):
    res = api.run("ep.thm-3.6", seed=1, draws=2, out=tmp_path)
    assert isinstance(res, CheckResult) and res.verdict is MEASURED and res.expected is None
    with pytest.raises(ValueError, match="field 'draws': expected an integer string"):
        api.run("ep.thm-3.6", seed=1, draws=F(1, 2))


def test_bad_input_makes_no_output_folder(tmp_path):
    with pytest.raises(ValueError):
        api.run("ep.thm-3.3", x=[0, 1], y=[0], out=tmp_path / "never")
    assert not (tmp_path / "never").exists()
