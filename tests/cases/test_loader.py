"""Tests for cases/: the loader, its error messages, shipped files, generators."""

from __future__ import annotations

import os
from fractions import Fraction as F
from pathlib import Path

import pytest

from cases import (
    Case,
    CaseError,
    case_from_dict,
    load_case,
    parse_rational,
    random_1d_case,
    random_1d_cases,
    shipped_case,
    shipped_cases,
)
from cases.loader import MAX_CASE_BYTES
from cases.rationals import parse_integer

DATA = Path(__file__).resolve().parents[2] / "cases" / "data"


def fr(*vals) -> tuple[F, ...]:
    return tuple(F(v) for v in vals)


def relu_matrix(a, u, b):
    """(a u^T + 1 b^T)_+ for 1-D inputs a."""
    return tuple(tuple(max(F(0), ai * uj + bj) for uj, bj in zip(u, b)) for ai in a)


def matvec(A, w):
    return tuple(sum(r * c for r, c in zip(row, w)) for row in A)


def rmatvec(A, v):
    return tuple(sum(A[i][j] * v[i] for i in range(len(A))) for j in range(len(A[0])))


# --------------------------------------------------------------------------
# parse_rational


@pytest.mark.parametrize(
    "text, value",
    [
        ("0.6", F(3, 5)),
        ("-11/4", F(-11, 4)),
        ("3", F(3)),
        ("1e-2", F(1, 100)),
        ("-0.25", F(-1, 4)),
        ("+2.5E1", F(25)),
        ("7/14", F(1, 2)),
        ("1e-100", F(1, 10**100)),
        ("-1e100", F(-10**100)),
        ("0e999", F(0)),
        (".5", F(1, 2)),
        ("6170671366579219/4503599627370496", F(6170671366579219, 2**52)),
    ],
)
def test_parse_rational_exact(text, value):
    got = parse_rational(text, "t")
    assert got == value and type(got) is F


@pytest.mark.parametrize(
    "bad, fragment",
    [
        ("abc", "got 'abc': not a number"),
        ("", "got an empty string"),
        ("   ", "got '   ': not a number"),
        (" 7/14 ", "got ' 7/14 ': not a number"),  # the grammar has no spaces
        ("1_0", "got '1_0': not a number"),  # Fraction would read 10
        ("\u0661", "got '\u0661': not a number"),  # an Arabic-Indic one
        ("\uff11", "got '\uff11': not a number"),  # a full-width one
        ("nan", "NaN and infinity are not rationals"),
        ("-inf", "NaN and infinity are not rationals"),
        ("Infinity", "NaN and infinity are not rationals"),
        ("1/0", "zero denominator"),
        ("1/2/3", "got '1/2/3': not a number"),
        ("1.5/2", "got '1.5/2': not a number"),
        ("0x10", "got '0x10': not a number"),
        ("1e99999999", "exponent beyond the cap of 1000"),
        ("7" * 4301, "4301 characters, beyond the cap of 1000"),  # int() would raise its digit limit
    ],
)
def test_parse_rational_rejects_bad_strings(bad, fragment):
    with pytest.raises(CaseError) as ei:
        parse_rational(bad, "f.toml: field 'x[2]'")
    msg = str(ei.value)
    assert msg.startswith("f.toml: field 'x[2]': ")
    assert 'expected a rational string such as "3/5" or "-0.25"' in msg
    assert fragment in msg and len(msg) < 300  # a 4301-digit value is not echoed whole


@pytest.mark.parametrize("bad", ["1e400", "-1e101", "1e-101", "1/" + "1" * 102, "9" * 101, "-1e1000"])
def test_parse_rational_refuses_magnitudes_a_float_solver_cannot_take(bad):
    with pytest.raises(CaseError) as ei:
        parse_rational(bad, "f.toml: field 'beta'")
    assert str(ei.value).startswith("f.toml: field 'beta': expected 0 or a magnitude in [1e-100, 1e100]")


def test_parse_integer_is_strict():
    assert parse_integer("-12", "w") == -12
    for bad, fragment in (("2.5", "got '2.5': not an integer"), ("1e3", "got '1e3': not an integer"),
                          ("1" * 102, "expected 0 or a magnitude in [1e-100, 1e100]")):
        with pytest.raises(CaseError) as ei:
            parse_integer(bad, "f.toml: field 'seed'")
        assert str(ei.value).startswith("f.toml: field 'seed': expected ") and fragment in str(ei.value)


@pytest.mark.parametrize("value", [0.6, 3, True, None, [1], float("nan")])
def test_parse_rational_rejects_non_strings(value):
    with pytest.raises(CaseError) as ei:
        parse_rational(value, "w")
    msg = str(ei.value)
    assert msg.startswith("w: expected a rational string")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value:
        assert "must be written as strings" in msg
        assert f'"{value!r}"' in msg


# --------------------------------------------------------------------------
# shipped cases


def test_shipped_cases_list_and_names():
    cases = shipped_cases()
    names = [c.name for c in cases]
    assert names == sorted(names)
    assert {"abs-plus-one", "constant-labels", "ep-prop-3.1-eq", "ep-prop-3.1-reg",
            "kh-example-1", "pe-example-6"} <= set(names)
    files = sorted(p.stem for p in DATA.glob("*/*.toml"))
    assert files == names
    for c in cases:
        assert c.path is not None and Path(c.path).stem == c.name
        assert c.source  # where the instance comes from
        # a case lives in the folder of the paper whose claim it serves and is named for it, or is one of
        # relu-certify's own findings about that paper
        paper = Path(c.path).parent.name
        assert paper in {"ep", "kh", "pe", "ses", "ddb"}
        assert c.name.split("-")[0] == paper or c.name in {"abs-plus-one", "constant-labels"}
        data_free = c.x is None and c.X is None and not c.y and c.params  # a family a claim draws itself
        assert (c.x is None) != (c.X is None) or data_free


def test_shipped_case_by_name_and_unknown():
    assert shipped_case("kh-example-1").n == 6
    with pytest.raises(CaseError) as ei:
        shipped_case("nope")
    assert "no shipped case named 'nope'" in str(ei.value)
    assert "ep-prop-3.1-eq" in str(ei.value)


def test_load_case_from_path_equals_shipped():
    c = load_case(DATA / "ep" / "ep-prop-3.1-eq.toml")
    s = shipped_case("ep-prop-3.1-eq")
    assert (c.x, c.y, c.printed, c.params) == (s.x, s.y, s.printed, s.params)


def test_ep_eq_values():
    c = shipped_case("ep-prop-3.1-eq")
    assert c.x == fr(-2, -1, 0, 1, 2)
    assert c.y == fr(1, -1, 1, 1, -1)
    assert c.n == 5 and c.params == {}
    p = c.printed
    assert set(p) == {
        "A_e", "u_star", "b_star", "v_star", "w_star", "value",
        "A_hat", "u_hat", "b_hat", "v_hat", "w_hat", "value_hat",
    }
    assert p["v_star"] == fr(1, -3, 2, 1, -1)
    assert all(type(t) is F for t in p["v_star"])
    assert p["value"] == 8 and type(p["value"]) is F
    assert p["value_hat"] == 8
    assert p["u_star"] == fr(1, 1, 1, 1, -1, -1, -1, -1)
    assert p["b_star"] == fr(2, 1, 0, -1, -1, 0, 1, 2)
    assert p["w_star"] == (
        F(0), F(6419, 5000), F(-3919, 2500), F(-8581, 5000),
        F(13581, 5000), F(-1081, 2500), F(-1419, 5000), F(0),
    )
    assert p["A_e"][0] == fr(0, 0, 0, 0, 1, 2, 3, 4)
    assert p["A_e"][4] == fr(4, 3, 2, 1, 0, 0, 0, 0)
    assert len(p["A_e"]) == 5 and all(len(r) == 8 for r in p["A_e"])
    assert p["A_hat"][0] == (F(0), F(0), F(0), F(0), F(1), F(2), F(5, 2), F(4))
    assert p["A_hat"][3] == (F(3), F(2), F(1), F(1, 2), F(0), F(0), F(0), F(1))
    assert p["b_hat"] == (F(2), F(1), F(0), F(-1, 2), F(-1), F(0), F(1, 2), F(2))
    assert p["v_hat"] == (F(1), F(-11, 4), F(5, 4), F(7, 4), F(-5, 4))
    assert p["w_hat"] == (F(0), F(4, 3), F(0), F(-10, 3), F(8, 3), F(0), F(-2, 3), F(0))


def test_ep_eq_transcription_is_self_consistent():
    """The printed matrices equal (a u^T + 1 b^T)_+ and the printed pairs are
    primal/dual feasible with the printed value (guards against typos)."""
    c = shipped_case("ep-prop-3.1-eq")
    p = c.printed
    for A, u, b, v, w, val in [
        ("A_e", "u_star", "b_star", "v_star", "w_star", "value"),
        ("A_hat", "u_hat", "b_hat", "v_hat", "w_hat", "value_hat"),
    ]:
        assert p[A] == relu_matrix(c.x, p[u], p[b])
        assert matvec(p[A], p[w]) == c.y
        assert sum(abs(t) for t in p[w]) == p[val]
        assert sum(vi * yi for vi, yi in zip(p[v], c.y)) == p[val]
        assert max(abs(t) for t in rmatvec(p[A], p[v])) == 1


def test_ep_reg_values():
    c = shipped_case("ep-prop-3.1-reg")
    assert c.x == fr(-2, -1, 0, 1, 2) and c.y == fr(1, -1, 1, 1, -1)
    assert c.params == {"beta": F(1, 10)}
    p = c.printed
    assert set(p) == {"A_e", "u_star", "b_star", "w_1", "w_2", "value_1", "value_2"}
    assert len(p["A_e"]) == 5 and all(len(r) == 10 for r in p["A_e"])
    assert p["A_e"][0] == (F(0), F(0), F(0), F(0), F(0), F(1), F(2), F(5, 2), F(3), F(4))
    assert p["A_e"][4] == (F(4), F(3), F(2), F(3, 2), F(1), F(0), F(0), F(0), F(0), F(0))
    assert p["A_e"] == relu_matrix(c.x, p["u_star"], p["b_star"])
    assert p["w_1"] == (
        F(0), F(3197, 2400), F(-2497, 1500), F(0), F(-19997, 12000),
        F(31961, 12000), F(-997, 3000), F(0), F(-3997, 12000), F(0),
    )
    assert p["w_2"][1] == F(6170671366579219, 2**52)
    assert p["w_2"][6] == F(-5462523216600231, 2**55)
    assert p["w_2"][8] == F(-1200697190653869, 2**52)
    assert p["w_2"][0] == 0 and p["w_2"][9] == 0
    assert p["value_1"] == p["value_2"] == F(1999, 2500000)


def test_ep_reg_w1_objective_matches_printed_value_only_for_beta_1e_4():
    """Transcription check of w_1 and a finding for the claims: the printed
    value 1999/2500000 is the objective of w_1 with beta = 1/10000, not with
    the printed beta = 0.1 (which gives 1998001/2500000)."""
    c = shipped_case("ep-prop-3.1-reg")
    p = c.printed
    A, w = p["A_e"], p["w_1"]
    r = [f - yi for f, yi in zip(matvec(A, w), c.y)]
    l1 = sum(abs(t) for t in w)
    fit = sum(t * t for t in r) / (2 * c.n)
    assert l1 == F(999, 125) and fit == F(1, 2500000)
    assert c.params["beta"] * l1 + fit == F(1998001, 2500000)
    assert F(1, 10000) * l1 + fit == p["value_1"]


def test_pe_values():
    c = shipped_case("pe-example-6")
    assert c.x == fr(-2, -1, 0, 1, 2) and c.y == fr(1, -1, 1, 1, -1)
    assert c.params == {}
    assert c.printed == {
        "table1_train_objective_optimal": F(1, 1000),
        "table1_train_objective_sgd": F(1, 1000),
    }
    assert "no beta" in c.notes


def test_kh_values():
    c = shipped_case("kh-example-1")
    assert c.x == (F(-1), F(-3, 5), F(-1, 5), F(1, 5), F(3, 5), F(1))
    assert c.x[1] == F(-3, 5)
    assert c.y == fr(1, -1, 1, 1, -1, 1)
    assert c.n == 6 and c.dim == 1
    assert c.printed == {
        "gd_init_std": F(1, 1000), "gd_step_size": F(1, 100), "gd_loss_tol": F(1, 10000),
    }
    assert c.params == {}


# --------------------------------------------------------------------------
# loader: good documents


def test_case_from_dict_matrix_and_params():
    doc = {
        "name": "m", "source": "s",
        "X": [["1", "0"], ["0", "1"], ["1", "0"]],  # duplicate rows allowed for X
        "y": ["1", "2", "3"],
        "alpha": "-1/2", "beta": "0.1",
        "printed": {"v": "3", "vec": ["1", "2/3"], "M": [["1", "2"], ["3", "4"]]},
        "expect": {"pe-thm-1": "PROVED", "kh-thm-2": "MEASURED"},
        "notes": "n",
    }
    c = case_from_dict(doc, "mem")
    assert isinstance(c, Case)
    assert c.x is None and c.X == ((F(1), F(0)), (F(0), F(1)), (F(1), F(0)))
    assert c.n == 3 and c.dim == 2 and not c.is_1d
    assert c.params == {"alpha": F(-1, 2), "beta": F(1, 10)}
    assert c.printed == {"v": F(3), "vec": (F(1), F(2, 3)), "M": ((F(1), F(2)), (F(3), F(4)))}
    assert c.expect == {"pe-thm-1": "PROVED", "kh-thm-2": "MEASURED"}
    assert c.path is None and c.notes == "n" and c.source == "s"


def test_x_order_is_kept():
    c = case_from_dict({"name": "o", "x": ["2", "-1", "0.5"], "y": ["0", "0", "1"]}, "m")
    assert c.x == (F(2), F(-1), F(1, 2))


def test_load_case_file_roundtrip(tmp_path):
    f = tmp_path / "good.toml"
    f.write_text('name = "g"\nx = ["0", "1/3"]\ny = ["1", "-1"]\nbeta = "1e-2"\n')
    c = load_case(f)
    assert c.path == str(f) and c.x == (F(0), F(1, 3)) and c.params == {"beta": F(1, 100)}
    assert load_case(str(f)) == c


# --------------------------------------------------------------------------
# loader: bad files -- every message names the file, the field, the expectation

GOOD = {
    "name": '"bad"',
    "x": '["-1", "0", "1/2", "1", "2"]',
    "y": '["1", "-1", "1", "1", "-1"]',
}


def write(tmp_path, body: str, fname: str = "bad.toml") -> Path:
    f = tmp_path / fname
    f.write_text(body)
    return f


def doc_text(drop=(), **override) -> str:
    fields = {**GOOD, **override}
    return "".join(f"{k} = {v}\n" for k, v in fields.items() if k not in drop)


def expect_error(path: Path, *fragments: str) -> str:
    with pytest.raises(CaseError) as ei:
        load_case(path)
    msg = str(ei.value)
    assert msg.startswith(str(path) + ": "), msg
    for frag in fragments:
        assert frag in msg, f"{frag!r} not in {msg!r}"
    assert "\n" not in msg.split(": not valid TOML")[0]
    return msg


# Each bad document: (id, file body, fragments the message must contain).
BAD_DOCUMENTS = [
    ('missing_name', doc_text(drop=("name",)),
     ("field 'name'", "missing", "expected a non-empty string",)),
    ('empty_name', doc_text(name='""'),
     ("field 'name'", "expected a non-empty string", "got ''",)),
    ('name_not_string', doc_text(name="3"),
     ("field 'name'", "expected a non-empty string", "got TOML number 3",)),
    ('missing_y', doc_text(drop=("y",)),
     ("field 'y'", "missing", "expected a list of rational strings",)),
    ('neither_x_nor_X', doc_text(drop=("x",)),
     ("field 'x' (or 'X')", "missing", "expected x = [...]",)),
    ('both_x_and_X', doc_text(X='[["1"], ["2"], ["3"], ["4"], ["5"]]'),
     ("fields 'x' and 'X'", "expected exactly one of them", "got both",)),
    ('empty_x', doc_text(x="[]", y="[]"),
     ("field 'x'", "expected a non-empty list of rational strings", "got an empty list",)),
    ('empty_y', doc_text(y="[]"),
     ("field 'y'", "expected a non-empty list", "got an empty list",)),
    ('y_wrong_length_matrix', doc_text(drop=("x",), X='[["1", "0"], ["0", "1"]]'),
     ("field 'y'", "expected 2 entries (one per row of X), got 5",)),
    ('x_entry_toml_float', doc_text(x='["-1", "0", 0.5, "1", "2"]'),
     ("field 'x[2]'", "expected a rational string", "got TOML number 0.5", "rationals must be written as strings",
      '"0.5"')),
    ('y_entry_toml_int', doc_text(y='["1", -1, "1", "1", "-1"]'),
     ("field 'y[1]'", "expected a rational string", "got TOML number -1", "must be written as strings",)),
    ('x_entry_empty_string', doc_text(x='["-1", "0", "", "1", "2"]'),
     ("field 'x[2]'", "expected a rational string", "got an empty string",)),
    ('x_not_list', doc_text(x='"1, 2, 3"'),
     ("field 'x'", "expected a list of rational strings", "got '1, 2, 3'",)),
    ('x_list_of_lists', doc_text(x='[["1"], ["2"], ["3"], ["4"], ["5"]]'),
     ("field 'x'", "expected a flat list of rational strings", "use X = [[...], ...]",)),
    ('ragged_X', doc_text(drop=("x",), X='[["1", "2"], ["3"], ["4", "5"], '
                                                 '["6", "7"], ["8", "9"]]'),
     ("field 'X[1]'", "expected 2 entries like row 0", "rows of equal length", "got 1",)),
    ('X_not_list_of_lists', doc_text(drop=("x",), X='["1", "2", "3", "4", "5"]'),
     ("field 'X[0]'", "expected a row (a list of rational strings)", "got '1'",)),
    ('X_not_a_list', doc_text(drop=("x",), X='"abc"'),
     ("field 'X'", "expected a non-empty list of rows", "got 'abc'",)),
    ('X_empty_row', doc_text(drop=("x",), X='[[], [], [], [], []]'),
     ("field 'X[0]'", "expected a non-empty row", "got an empty list",)),
    ('X_bad_entry', doc_text(drop=("x",), X='[["1", "2"], ["3", "x"], ["4", "5"], '
                                                 '["6", "7"], ["8", "9"]]'),
     ("field 'X[1][1]'", "expected a rational string", "got 'x': not a number",)),
    ('unknown_non_numeric_key', doc_text(colour='"blue"'),
     ("field 'colour'", "unknown field (no claim reads it)", "or a parameter: alpha, beta,",)),
    ('unknown_table_key', doc_text() + "[extra]\na = 1\n",
     ("field 'extra'", "unknown field",)),
    ('unknown_bool_key', doc_text(flag="true"),
     ("field 'flag'", "unknown field",)),
    ('typo_parameter', doc_text(lamda='"0.5"'),  # a typo is refused, with the parameter meant
     ("field 'lamda'", "unknown field (no claim reads it); did you mean lambda?",)),
    ('unknown_numeric_key', doc_text(gamma='"2"'),  # a number is no longer a parameter by its looks
     ("field 'gamma'", "unknown field",)),
    ('param_as_toml_float', doc_text(beta="0.1"),
     ("field 'beta'", "expected a rational string", "got TOML number 0.1", '"0.1"',)),
    ('param_nan', doc_text(beta='"nan"'),
     ("field 'beta'", "NaN and infinity are not rationals",)),
    ('expect_bad_verdict', doc_text() + '[expect]\n"ep-prop-3.1" = "YES"\n',
     ("field 'expect.ep-prop-3.1'", "expected one of PROVED, REFUTED, CONFIRMED, CONTRADICTED, MEASURED",
      "got 'YES'")),
    ('expect_error_verdict_not_allowed', doc_text() + '[expect]\nc = "ERROR"\n',
     ("field 'expect.c'", "expected one of PROVED", "got 'ERROR'",)),
    ('expect_not_table', doc_text(expect='"PROVED"'),
     ("field 'expect'", "expected a table mapping claim ids to verdicts",)),
    ('printed_bad_entry', doc_text() + '[printed]\nvalue = "eight"\n',
     ("field 'printed.value'", "expected a rational string", "got 'eight': not a number",)),
    ('printed_float', doc_text() + "[printed]\nvalue = 8.0\n",
     ("field 'printed.value'", "got TOML number 8.0", "must be written as strings",)),
    ('printed_ragged_matrix', doc_text() + '[printed]\nA = [["1", "2"], ["3"]]\n',
     ("field 'printed.A[1]'", "expected 2 entries like row 0",)),
    ('printed_mixed_list', doc_text() + '[printed]\nA = ["1", ["3"]]\n',
     ("field 'printed.A'", "expected a vector", "got a list mixing rows and numbers",)),
    ('printed_nested_table', doc_text() + "[printed.sub]\nv = \"1\"\n",
     ("field 'printed.sub'", "expected a rational string, a list of them or a matrix", "got a table",)),
    ('printed_empty_list', doc_text() + "[printed]\nv = []\n",
     ("field 'printed.v'", "expected a non-empty list",)),
    ('source_not_string', doc_text(source="[1]"),
     ("field 'source'", "expected a string", "got a list",)),
    ('beta_zero', doc_text(beta='"0"'),
     ("field 'beta'", "expected a positive rational (a regularisation strength)", "got '0'")),
    ('beta_negative', doc_text(beta='"-1"'),
     ("field 'beta'", "expected a positive rational", "got '-1'")),
    ('lambda_zero', doc_text(**{"lambda": '"0"'}),
     ("field 'lambda'", "expected a positive rational", "got '0'")),
    ('beta_with_spaces', doc_text(beta='" 1/2 "'),  # a listed parameter: a bad number, not an unknown key
     ("field 'beta'", "expected a rational string", "got ' 1/2 ': not a number")),
    ('beta_huge', doc_text(beta='"1e400"'),
     ("field 'beta'", "expected 0 or a magnitude in [1e-100, 1e100]", "got '1e400'")),
    ('alpha_one', doc_text(alpha='"1"'),
     ("field 'alpha'", "expected a rational other than 1", "got '1'")),
    ('seed_not_integer', doc_text(seed='"2.5"'),
     ("field 'seed'", "expected an integer string", "got '2.5': not an integer")),
    ('seed_negative', doc_text(seed='"-3"'),
     ("field 'seed'", "expected a non-negative integer", "got '-3'")),
    ('draws_zero', doc_text(draws='"0"'),
     ("field 'draws'", "expected a positive integer", "got '0'")),
    ('bias_two', doc_text(bias='"2"'),
     ("field 'bias'", 'expected "0" or "1"', "got '2'")),
    ('x_entry_4301_digits', doc_text(x=f'["-1", "0", "{"7" * 4301}", "1", "2"]'),
     ("field 'x[2]'", "4301 characters, beyond the cap of 1000")),
    ('y_entry_1e400', doc_text(y='["1", "-1", "1e400", "1", "-1"]'),
     ("field 'y[2]'", "expected 0 or a magnitude in [1e-100, 1e100]", "got '1e400'")),
    ('x_entry_arabic_digit', doc_text(x='["-1", "0", "\u0661", "1", "2"]'),
     ("field 'x[2]'", "expected a rational string", ": not a number of the grammar")),
    ('name_nul', doc_text(name='"a\\u0000b"'),
     ("field 'name'", "expected a printable name of at most 100 bytes", "a control or unprintable character")),
    ('name_too_long', doc_text(name='"' + "n" * 256 + '"'),
     ("field 'name'", "expected a printable name of at most 100 bytes", "(256 bytes)")),
]


@pytest.mark.parametrize("body, fragments", [r[1:] for r in BAD_DOCUMENTS],
                         ids=[r[0] for r in BAD_DOCUMENTS])
def test_bad_document_is_rejected_with_file_field_and_expectation(tmp_path, body, fragments):
    expect_error(write(tmp_path, body), *fragments)


def test_missing_file(tmp_path):
    expect_error(tmp_path / "absent.toml", "absent.toml", "case file not found")


def test_directory_instead_of_file(tmp_path):
    expect_error(tmp_path, "expected a case file (.toml), got a directory")


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    expect_error(fifo, "expected a case file (.toml), a regular file; got a FIFO (named pipe)")


def test_a_device_is_refused_not_read():
    expect_error(Path("/dev/zero"), "expected a case file (.toml), a regular file; got a character device")


def test_a_file_over_the_size_cap_is_refused(tmp_path):
    f = write(tmp_path, doc_text() + "# " + "x" * MAX_CASE_BYTES + "\n")
    expect_error(f, f"expected a case file of at most {MAX_CASE_BYTES} bytes")


def test_a_path_with_a_nul_byte_is_a_case_error(tmp_path):
    expect_error(tmp_path / "a\0b.toml", "cannot read case file")


def test_not_toml_reports_line(tmp_path):
    f = write(tmp_path, 'name = "bad"\nx = ["1", "2"\ny = ["1"]\n')
    msg = expect_error(f, "not valid TOML", "line 3")
    assert "bad.toml" in msg


def test_not_utf8(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_bytes(b'name = "\xff"\n')
    expect_error(f, "not valid TOML", "not UTF-8")


def test_y_wrong_length(tmp_path):
    f = write(tmp_path, doc_text(y='["1", "-1", "1", "1"]'))
    msg = expect_error(f, "field 'y'", "expected 5 entries (one per row of x), got 4")
    assert msg == f"{f}: field 'y': expected 5 entries (one per row of x), got 4"


def test_x_entry_not_numeric(tmp_path):
    f = write(tmp_path, doc_text(x='["-1", "0", "abc", "1", "2"]'))
    msg = expect_error(f)
    assert msg.startswith(f"{f}: field 'x[2]': expected a rational string such as \"3/5\" or \"-0.25\", "
                          "got 'abc': not a number of the grammar (")


@pytest.mark.parametrize("bad", ['"nan"', '"inf"', "nan", "-inf"])
def test_x_entry_nan_inf(tmp_path, bad):
    f = write(tmp_path, doc_text(x=f'["-1", "0", {bad}, "1", "2"]'))
    expect_error(f, "field 'x[2]'", "expected a rational string",
                 "NaN and infinity are not rationals")


def test_duplicate_1d_points(tmp_path):
    f = write(tmp_path, doc_text(x='["-1", "1/2", "0", "0.5", "2"]'))
    msg = expect_error(f)
    assert msg == (
        f"{f}: field 'x': duplicate point 1/2 at positions 1 and 3; "
        "the 1-D claims need distinct points"
    )


def test_X_duplicate_rows_allowed(tmp_path):
    f = write(tmp_path, doc_text(drop=("x",), X='[["1"], ["1"], ["2"], ["3"], ["4"]]'))
    c = load_case(f)
    assert c.X == ((F(1),), (F(1),), (F(2),), (F(3),), (F(4),)) and c.dim == 1


def test_params_parsed(tmp_path):
    f = write(tmp_path, doc_text(beta='"0.1"', alpha='"-1/2"'))
    assert load_case(f).params == {"beta": F(1, 10), "alpha": F(-1, 2)}


def test_expect_good(tmp_path):
    f = write(tmp_path, doc_text() + '[expect]\n"a.b" = "REFUTED"\nc = "CONFIRMED"\n')
    assert load_case(f).expect == {"a.b": "REFUTED", "c": "CONFIRMED"}


def test_case_from_dict_uses_where():
    with pytest.raises(CaseError) as ei:
        case_from_dict({"name": "t", "x": ["1", "1"], "y": ["0", "1"]}, "<memory>")
    assert str(ei.value).startswith("<memory>: field 'x': duplicate point 1 at positions 0 and 1")


def test_case_error_is_value_error():
    assert issubclass(CaseError, ValueError)


# --------------------------------------------------------------------------
# generators


def test_random_case_deterministic_per_seed():
    for seed in (0, 1, 17, 12345):
        a, b = random_1d_case(seed), random_1d_case(seed)
        assert a == b
        assert a.name == f"random-1d-{seed}"
        assert a.source.startswith(f"generated, seed {seed}")
        assert a.path is None
    assert random_1d_case(0) != random_1d_case(1)


def test_random_case_known_value_is_stable():
    # Pin one draw so that a change in the generator (or in random.Random) is noticed.
    c = random_1d_case(3)
    assert c.n == 4
    assert c.x == (F(7, 2), F(5, 2), F(-7), F(-5, 4))
    assert c.y == (F(3, 2), F(4), F(3), F(1, 2))


def test_random_case_shape_and_ranges():
    sizes = set()
    for c in random_1d_cases(200):
        assert 3 <= c.n <= 9
        sizes.add(c.n)
        assert c.x is not None and len(c.x) == c.n == len(c.y)
        assert len(set(c.x)) == c.n
        for v in c.x:
            assert type(v) is F and abs(v.numerator) <= 20 and 1 <= v.denominator <= 4
        for v in c.y:
            assert type(v) is F and abs(v) <= 6 and v.denominator in (1, 2)
        assert any(c.y)
    assert sizes == set(range(3, 10))


def test_random_case_x_not_always_sorted():
    assert any(list(c.x) != sorted(c.x) for c in random_1d_cases(20))


def test_random_case_explicit_n():
    c = random_1d_case(5, n=40)
    assert c.n == 40 and len(set(c.x)) == 40
    assert random_1d_case(5, n=1).n == 1
    with pytest.raises(ValueError, match="expected n an integer in 1..109"):
        random_1d_case(5, n=0)
    with pytest.raises(ValueError, match="got 110"):
        random_1d_case(5, n=110)


def test_random_cases_twenty_distinct_names():
    cs = random_1d_cases(20)
    assert len(cs) == 20
    assert len({c.name for c in cs}) == 20
    assert [c.name for c in cs] == [f"random-1d-{i}" for i in range(20)]
    assert random_1d_cases(3, seed0=100)[0] == random_1d_case(100)
    assert random_1d_cases(0) == []
