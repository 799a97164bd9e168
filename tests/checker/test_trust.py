"""Regressions of the outside review of the checker (issue 11): each defect it found, one test."""
from __future__ import annotations

import json
import os

import pytest

from exact.checker import MAX_FILE_BYTES, arith, check_certificate, check_file
from exact.checker.number import MAX_EXPONENT, MAX_LENGTH, NumberError, integer, rational
from tests.checker.helpers import DELETE, assert_problem, fixture, tampered


def test_a_bridge_root_with_a_square_radicand_is_refused():
    """L = 2, w_1 = 1 written as (c/2, m = 4): c^L m = w^2 still holds, but m is not square-free; the
    optimum is 32/15 and a certificate of another value must not pass."""
    doc = fixture("bridge-vertex-min", "sample-1")
    assert doc["data"]["L"] == 2 and check_certificate(doc).value == "32/15"
    bad = tampered(doc, "optima.0.roots.0", [1, "1/2", 4])
    assert_problem(check_certificate(bad), "m = 4 is not free of 2-th powers")
    assert_problem(check_certificate(tampered(bad, "relation.value", "0")), "m = 4 is not free of 2-th powers")


@pytest.mark.parametrize("kind", ["bridge-vertex-min", "whitened-l1", "l1-l0-gap"])
@pytest.mark.parametrize("value", ["abc", "0", "-1"])
def test_the_stated_value_is_read(kind, value):
    report = check_certificate(tampered(fixture(kind, "valid"), "relation.value", value))
    assert not report.ok and any(p.startswith("relation") for p in report.problems), report.problems


def test_a_field_no_condition_reads_is_refused():
    """l1-ls-kkt proves its value by KKT on the primal alone: a dual it never reads is not allowed to ride
    along (the old format carried one); nor is an unknown field at any depth."""
    doc = fixture("l1-ls-kkt", "valid")
    assert check_certificate(doc).ok
    with_dual = {**doc, "dual": {"v": ["1", "2"]}}
    assert_problem(check_certificate(with_dual), "dual: no condition of kind l1-ls-kkt reads this field")
    deep = tampered(fixture("lp", "valid"), "primal.note", "1")
    assert_problem(check_certificate(deep), "primal.note: no condition of kind lp reads this field")
    assert check_certificate({**doc, "statement": "anything", "claim": "x", "case": "y"}).ok  # informational


def test_a_radicand_has_one_spelling(tmp_path):
    doc = fixture("relu1d-joint-exact", "valid")
    leading_zero = tampered(doc, "dual.v.1.terms", {"01": doc["dual"]["v"][1]["terms"]["1"]})
    assert_problem(check_certificate(leading_zero), "key '01' is not the canonical decimal")
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(doc).replace('"terms": {"1": "-1871101/616584"}',
                                            '"terms": {"1": "-1871101/616584", "1": "0"}'))
    report = check_file(str(path))
    assert not report.ok and "duplicate key '1'" in report.problems[0], report.problems


@pytest.mark.parametrize("text, reason", [
    ("1e999999999", f"exponent beyond the cap of {MAX_EXPONENT}"),
    ("9" * (MAX_LENGTH + 1), f"{MAX_LENGTH + 1} characters, beyond the cap of {MAX_LENGTH}"),
    (" 1/2 ", "not a number of the grammar"),
    ("1_0", "not a number of the grammar"),
    ("\u0661", "not a number of the grammar"),
    ("\uff11", "not a number of the grammar"),
    ("1/0", "zero denominator"),
])
def test_the_number_grammar_refuses_lenient_and_huge_numbers(text, reason):
    with pytest.raises(NumberError, match=reason):
        rational(text)
    report = check_certificate(tampered(fixture("lp", "valid"), "data.problem.c.0", text))
    assert_problem(report, f"data.problem.c[0]: expected a rational string like '3/4', got {text[:20]!r}"[:60])
    assert any(reason in p for p in report.problems)


def test_the_grammar_reads_what_it_accepts():
    assert [rational(t) for t in ("-11/4", "+0.25", "1e-2", ".5", "3.", "1E3")] == [
        rational("-11/4"), rational("1/4"), rational("1/100"), rational("1/2"), 3, 1000]
    assert integer("-12") == -12
    with pytest.raises(NumberError):
        integer("12.0")


def test_a_float_where_a_count_belongs_is_refused():
    doc = fixture("separating-neurons", "sample-1")
    report = check_certificate(tampered(doc, "relation.non_vertices.0", 1.0))
    assert_problem(report, "relation.non_vertices[0]: expected a string, an integer")
    assert_problem(check_certificate(tampered(fixture("bridge-vertex-min", "valid"), "data.L", 3.0)),
                   "data.L: expected an integer from 2 to 64, got 3.0")


def test_the_depth_of_a_bridge_is_capped_before_any_work():
    report = check_certificate(tampered(fixture("bridge-vertex-min", "valid"), "data.L", 10 ** 6))
    assert_problem(report, "data.L: expected an integer from 2 to 64, got 1000000")


def test_twenty_four_rows_of_l1_l0_gap_are_refused_before_any_work():
    """A 24-row certificate with one sign pattern made the old check build all 2^25 pairs (108 s, 2.8 GB, then
    MemoryError); now the rows are capped, and the pattern list must have exactly 2^(n+1) entries."""
    doc = fixture("l1-l0-gap", "valid")
    n = 24
    X = [["1" if i == j else "0" for j in range(n)] for i in range(n)]
    pattern = {"e": 1, "s": [1] * n, "mu": ["0"] * n}
    neuron = {"w": X[0], "b": "0", "c": "1"}
    lam = ["1"] + ["0"] * (n - 1)
    big = {**doc, "data": {"X": X, "y": ["1"] * n}, "primal": {"neurons": [neuron]}, "l0_neurons": [neuron],
           "dual": {"v": ["0"] * n, "patterns": [pattern]},
           "two_neuron_bound": {side: {"lam": lam, "hi": "1"} for side in ("pos", "neg")}}
    assert_problem(check_certificate(big), "limit: data.X: rows n = 24, beyond the checker's limit of 10")
    one_short = tampered(doc, "dual.patterns", doc["dual"]["patterns"][:-1])
    assert not check_certificate(one_short).ok


def test_one_separating_entry_too_many_is_a_clean_rejection():
    doc = fixture("separating-neurons", "valid")
    extra = tampered(doc, "lemma_2_7", doc["lemma_2_7"] + [doc["lemma_2_7"][0]])
    assert_problem(check_certificate(extra), "lemma_2_7: expected 3 entries, got 4")
    assert_problem(check_certificate(tampered(doc, "lemma_2_7", DELETE)), "relation: the certificate states")


def test_mixed_radical_indices_are_a_clean_rejection():
    doc = fixture("whitened-l1", "valid")
    report = check_certificate(tampered(doc, "dual.v.2.root", 3))
    assert_problem(report, "dual.v[2].root: expected an integer equal to 2, got 3")
    assert not any("checker error" in p for p in report.problems)


def test_factoring_radicands_is_charged_to_a_budget(monkeypatch):
    """Each radicand near 4 * 10^12 costs 10^6 trial divisions; a certificate of thousands of them ran for
    minutes. The check refuses once the budget is spent, before dividing."""
    monkeypatch.setattr(arith, "MAX_TRIAL_DIVISIONS", 3 * 10**6 // 2)
    doc = fixture("whitened-l1", "valid")
    terms = {str(4 * 10**12 - k): "1" for k in (1, 3, 7)}
    report = check_certificate(tampered(doc, "dual.v.0.terms", terms))
    assert_problem(report, "limit: the radicands need more than the checker's limit of 1500000 trial divisions")
    assert arith.TRIAL_DIVISIONS.get() is None  # the budget is the check's, not the caller's


def test_only_regular_files_of_bounded_size_are_read(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    tail = "not a regular certificate file of at most the checker's limit of 1048576 bytes"
    assert check_file(str(fifo)).problems == [f"file: {str(fifo)!r} is a FIFO (named pipe), {tail}"]
    assert check_file("/dev/zero").problems == [f"file: '/dev/zero' is a character device, {tail}"]
    big = tmp_path / "big.json"
    big.write_text(" " * (MAX_FILE_BYTES + 1))
    assert check_file(str(big)).problems == [f"file: {str(big)!r} is larger than 1048576 bytes, {tail}"]


def test_sample_matrices_are_sized_before_any_number_is_read():
    doc = fixture("spike-free", "valid")
    tall = tampered(doc, "data.X", [["1"]] * 201)
    assert_problem(check_certificate(tall), "limit: data.X: the number of samples n = 201, beyond the checker's "
                                            "limit of 200")
    wide = tampered(doc, "data.X", [["x"] * 2000] * 12)  # not even numbers: the size is refused first
    assert_problem(check_certificate(wide), "limit: data.X: n^2 d = 288000, beyond the checker's limit of 50000")


def test_a_radical_has_few_terms_and_its_index_is_checked_before_its_keys():
    doc = fixture("whitened-l1", "valid")
    many = tampered(doc, "dual.v.0.terms", {str(k): "1" for k in range(1, 66)})
    assert_problem(check_certificate(many), "limit: dual.v[0].terms: the number of terms = 65, beyond the "
                                            "checker's limit of 64")
    deep = tampered(doc, "dual.v.0", {"root": 64, "terms": {str(2**60 + 1): "1"}})
    assert_problem(check_certificate(deep), "dual.v[0].root: expected an integer equal to 2, got 64")


def test_long_numbers_are_budgeted():
    doc = fixture("lp", "valid")
    long = "1" + "0" * 998 + "/3"
    flood = tampered(doc, "data.problem.c", [long] * 41)
    assert_problem(check_certificate(flood), "limit: characters in numbers longer than 24 = 41041, beyond the "
                                             "checker's limit of 40000")


def test_the_common_denominator_is_budgeted():
    """Short rationals are not long numbers, but 300 of coprime 12-digit denominators have a 3300-digit common one."""
    doc = fixture("lp", "valid")
    c = [f"1/{10**11 + k}" for k in range(300)]
    wide = {**doc, "data": {"problem": {**doc["data"]["problem"], "c": c, "A_eq": [["1"] * 300], "A_ub": [["0"] * 300],
                                        "free": []}},
            "primal": {"x": ["0"] * 300}}
    assert_problem(check_certificate(wide), "the common denominator of the certificate's rationals passes the "
                                            "checker's limit of 1000 digits")
