"""Spike-free and whitened-data claims of ep (Lemmas 2.3-2.5, 3.1-3.2, Corollary 3.6, Theorem 3.4)."""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest

from cases import shipped_case
from exact.certificates.l1_l0_gap import gap_certificate
from exact.certificates.spike_free import spike_free_certificate
from exact.certificates.spike_witness import spike_witness_certificate
from exact.certificates.whitened_l1 import whitened_certificate
from exact.checker import check_certificate
from exact.checker.arith import Surd
from exact.linalg import as_matrix, dot, matvec, relu
from exact.relu.bias_free_l1 import relu_l1, two_neuron_bound, whitened_l1
from exact.relu.spike_free import decide_spike_free
from verify.claims.ep.programs import paper_condition_7
from verify.claims.ep.thm_3_4 import check_gaussian_spike_free
from verify.registry import Context, all_claims, get_claim, run_check
from verify.result import MEASURED, PROVED, REFUTED, UNDECIDED, VACUOUS


def spike_certificate(dec, claim, case):
    return (spike_free_certificate if dec.spike_free else spike_witness_certificate)(dec, claim, case)


OBTUSE = as_matrix([[1, 0, 0], [F(-3, 5), F(4, 5), 0], [0, 0, 1]])


def _case(name):
    c = shipped_case(name)
    return as_matrix(c.X), tuple(c.y)


@pytest.mark.parametrize("name, value, terms", [
    ("ep-whitened-cayley4", 2 + Surd.sqrt(F(5)) * F(1, 2), {"1": "2", "5": "1/2"}),
    ("ep-whitened-cayley3", 3 + Surd.sqrt(F(2)), {"1": "3", "2": "1"})])
def test_whitened_value_and_certificate(name, value, terms):
    """The closed form ||y_+|| + ||y_-|| and the certified value agree (tampered: tests/checker/test_whitened_l1.py)."""
    A, y = _case(name)
    sol = whitened_l1(A, y)
    assert sol.value == value
    rep = check_certificate(whitened_certificate(sol, "t", name))
    assert rep.ok and rep.relation["value"] == {"root": 2, "terms": terms}


def test_whitened_spike_free_proved():
    A, _ = _case("ep-whitened-cayley4")
    dec = decide_spike_free(A)
    assert dec.spike_free and dec.method == "gram" and dec.K == tuple(
        tuple(F(int(i == j)) for j in range(3)) for i in range(3))
    assert check_certificate(spike_certificate(dec, "t", "w")).relation == {"type": "holds", "property": "spike-free"}


def test_obtuse_witness_and_l1_l0_gap():
    dec = decide_spike_free(OBTUSE)
    assert not dec.spike_free and dec.witness.u == (F(-3, 5), F(4, 5), F(0)) and dec.witness.norm2 == F(25, 16)
    assert check_certificate(spike_certificate(dec, "t", "o")).relation["min_norm2"] == "25/16"
    y = (F(1), F(1), F(-1))
    sol = relu_l1(OBTUSE, y)
    assert sol.value == 3 and sol.weights == (1, 1, -1) and sol.dual == (1, 1, -1)
    bound = two_neuron_bound(OBTUSE, y)
    assert (bound.r_pos, bound.r_neg) == (F(1, 5), F(1)) and bound.lower == 1 + Surd.sqrt(F(5))
    rep = check_certificate(gap_certificate(OBTUSE, y, sol, bound, "t", "o"))  # tampered: tests/checker
    assert rep.value == "3" and rep.relation["l0_cost"] == {"root": 2, "terms": {"1": "1", "5": "1"}}


def _decided(dec, tmp_path):
    return Context(tmp_path).certify(spike_certificate(dec, "t", "c"))


def test_mixed_rank_one_witness_and_lemma_2_3_finding(tmp_path):
    A, _ = _case("ep-spikefree-rank1-mixed")
    dec = decide_spike_free(A)
    assert not dec.spike_free and dec.method == "rank-one"
    w = dec.witness
    # k = c_+ ||c_-||^2 + c_- ||c_+||^2
    assert w.u == (F(1, 4), F(-1, 4), F(1, 2)) and w.b == (F(3, 2), 0, F(3, 4)) and w.k == (4, F(5, 2), 2)
    decided = _decided(dec, tmp_path)
    assert decided.kind_relation == "fails" and decided.qualifier("min_norm2") is None  # outside range X
    assert paper_condition_7(A, decided) == (True, F(0))  # the rank-deficient condition holds: Lemma 2.3 is wrong
    pos = _case("ep-spikefree-rank1-pos")[0]
    assert paper_condition_7(pos, _decided(decide_spike_free(pos), tmp_path)) == (True, F(1))
    obtuse = _decided(decide_spike_free(OBTUSE), tmp_path)  # full row rank: the certified min_norm2
    assert paper_condition_7(OBTUSE, obtuse) == (False, F(25, 16))


def test_claim_verdicts(tmp_path):
    claims, ctx = all_claims(), Context(tmp_path)
    got = {(cid, c.name): run_check(claims[cid], c, ctx)
           for cid in ("ep.lem-2.3", "ep.lem-2.4", "ep.lem-2.5", "ep.lem-3.1") for c in claims[cid].default_cases()}
    special = {("ep.lem-2.3", "ep-spikefree-rank1-mixed"): REFUTED, ("ep.lem-2.5", "ep-spikefree-rank1-mixed"): VACUOUS}
    assert {k: r.verdict for k, r in got.items() if k in special} == special
    assert all(r.verdict == PROVED for k, r in got.items() if k not in special)
    assert all(r.as_expected for r in got.values())
    assert got[("ep.lem-3.1", "ep-whitened-cayley3")].value == 3 + Surd.sqrt(F(2))
    assert got[("ep.lem-3.1", "ep-spikefree-obtuse")].value_text == "3"
    assert got[("ep.lem-2.3", "ep-spikefree-obtuse")].value == F(25, 16)


def test_lemma_2_3_finding(tmp_path):
    res = run_check(get_claim("ep.lem-2.3"), shipped_case("ep-spikefree-rank1-mixed"), Context(tmp_path))
    (finding,) = res.findings
    assert finding.place == "Lemma 2.3" and finding.certificates == res.certificates
    assert finding.shows.startswith("the condition holds (max 0) but A is NOT spike-free (certificate)")


def test_lemma_2_5_vacuous_on_mixed_signs(tmp_path):
    res = run_check(get_claim("ep.lem-2.5"), shipped_case("ep-spikefree-rank1-mixed"), Context(tmp_path))
    assert res.verdict == VACUOUS and res.as_expected and len(res.certificates) == 1
    assert any("Lemma 2.5's hypothesis fails" in n and "shows this A is not spike-free" in n for n in res.notes)
    pos = run_check(get_claim("ep.lem-2.5"), shipped_case("ep-spikefree-rank1-pos"), Context(tmp_path))
    assert pos.verdict == PROVED
    doc = json.loads(Path(pos.certificates[0]).read_text())
    assert doc["kind"] == "spike-free" and min(map(F, doc["rank_one"]["c"])) >= 0  # c one-signed, checked


def test_lemma_3_1_undecided_without_a_gap(tmp_path, monkeypatch):
    """No certified l1/l0 gap off the whitened case: the check cannot decide."""
    import verify.claims.ep.lem_3_1 as lem_3_1

    real = lem_3_1.two_neuron_bound
    weak = lambda A, y: replace(real(A, y), r_pos=F(10**6), r_neg=F(10**6))  # noqa: E731 - a bound below P*
    monkeypatch.setattr(lem_3_1, "two_neuron_bound", weak)
    res = run_check(get_claim("ep.lem-3.1"), shipped_case("ep-spikefree-obtuse"), Context(tmp_path))
    assert res.verdict == UNDECIDED and "no l1/l0 gap shown on this instance" in res.notes


@pytest.mark.parametrize("seed", range(6))
def test_gram_criterion_against_witness_and_search(seed):
    """Random small integer matrices: the decision's certificate is accepted, and a float search agrees."""
    rng = np.random.default_rng(seed)
    X = rng.integers(-3, 4, size=(3, 4))
    A = as_matrix(X.tolist())
    dec = decide_spike_free(A)
    assert check_certificate(spike_certificate(dec, "t", str(seed))).ok
    pinv = np.linalg.pinv(X.astype(float))
    us = rng.standard_normal((20000, 4))
    us /= np.linalg.norm(us, axis=1, keepdims=True)
    best = np.max(np.linalg.norm(np.maximum(us @ X.T.astype(float), 0) @ pinv.T, axis=1))
    if dec.spike_free:
        assert best <= 1 + 1e-9
    else:
        assert dot(dec.witness.u, dec.witness.u) <= 1 and relu(matvec(A, dec.witness.u)) == dec.witness.b


def test_no_finding_when_the_draws_are_all_spike_free(tmp_path, monkeypatch):
    import verify.claims.ep.thm_3_4 as module

    monkeypatch.setattr(module, "spike_free_draw", lambda X: (True, 1.0, True))
    case = get_claim("ep.thm-3.4").default_cases()[0]
    case.params["draws"] = F(20)
    res = check_gaussian_spike_free(case, Context(tmp_path))
    assert list(res.findings) == [] and res.printed[0].status == "MATCH"


def test_statistical_run_is_deterministic(tmp_path):
    case = get_claim("ep.thm-3.4").default_cases()[0]
    case.params["draws"] = F(20)
    a = check_gaussian_spike_free(case, Context(tmp_path))
    b = check_gaussian_spike_free(case, Context(tmp_path))
    assert a.verdict == MEASURED and a.data == b.data
    n2 = [c for c in a.data["cells"] if c["n"] == 2]
    assert all(0 < c["spike_free"] < c["draws"] for c in n2)
    assert a.printed[0].status == "MISMATCH"
    (finding,) = a.findings
    assert finding.place == "Theorem 3.4" and finding.certificates == ()
    assert finding.shows.startswith("false: for n = 2") and f"d={n2[0]['d']}: {n2[0]['spike_free']}/20" in finding.shows
