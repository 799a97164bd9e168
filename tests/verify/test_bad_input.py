"""Bad input to the CLI: every malformed case file and argument is a usage error, and leaves nothing behind.

Each row runs ``python -m verify ...`` on a fresh folder (the working directory, so the default output
folder ``reports/`` would show up there too) and asserts exit code 2, a message on stderr naming the
file or option, the field and the expectation, no traceback, and no new file. Most rows call the CLI's
``main`` in-process (the same code path, a hundred times faster); the rows marked ``SUBPROCESS`` also run
as real processes, in parallel, with a timeout (a FIFO once blocked forever).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cases.loader import MAX_CASE_BYTES
from verify.cli import main

GOOD_1D = 'x = ["0", "1", "2"]\ny = ["0", "1", "3"]\n'


@dataclass(frozen=True)
class Row:
    """One bad input: the files to create (name -> text, or bytes), the arguments, what stderr must say."""

    id: str
    argv: tuple[str, ...]
    says: tuple[str, ...]
    files: dict[str, str | bytes] = field(default_factory=dict)
    subprocess: bool = False


def case_row(id: str, body: str | bytes, *says: str, claim: str = "ep.thm-3.3", subprocess: bool = False) -> Row:
    """A case file ``c.toml`` with ``body``, run by ``claim`` into ``--report rep``."""
    return Row(id, ("run", claim, "--case", "c.toml", "--report", "rep"), ("c.toml", *says), {"c.toml": body},
               subprocess)


def named(body: str) -> str:
    return 'name = "c"\n' + body


ROWS = [
    # numbers: the strict grammar, and what a float solver can take
    case_row("int_over_4300_digits", named(f'x = ["0", "{"7" * 4301}", "2"]\ny = ["0", "1", "3"]\n'),
             "field 'x[1]'", "expected a rational string", "4301 characters, beyond the cap of 1000", subprocess=True),
    case_row("exponent_1e400", named('x = ["0", "1e400", "2"]\ny = ["0", "1", "3"]\n'),
             "field 'x[1]'", "expected 0 or a magnitude in [1e-100, 1e100]", "got '1e400'"),
    case_row("tiny_1e-101", named('x = ["0", "1e-101", "2"]\ny = ["0", "1", "3"]\n'),
             "field 'x[1]'", "expected 0 or a magnitude in [1e-100, 1e100]"),
    case_row("huge_exponent", named('x = ["0", "1e99999999", "2"]\ny = ["0", "1", "3"]\n'),
             "field 'x[1]'", "expected a rational string", "exponent beyond the cap"),
    case_row("arabic_indic_digit", named('x = ["0", "\u0661", "2"]\ny = ["0", "1", "3"]\n'),
             "field 'x[1]'", "expected a rational string", "got '\u0661': not a number"),
    case_row("full_width_digit", named('x = ["0", "\uff11", "2"]\ny = ["0", "1", "3"]\n'),
             "field 'x[1]'", "expected a rational string", "not a number"),
    case_row("underscore", named('x = ["0", "1_0", "2"]\ny = ["0", "1", "3"]\n'),
             "field 'x[1]'", "expected a rational string", "got '1_0': not a number"),
    case_row("spaces", named('x = ["0", " 1/2 ", "2"]\ny = ["0", "1", "3"]\n'),
             "field 'x[1]'", "expected a rational string", "got ' 1/2 ': not a number"),
    case_row("zero_denominator", named('x = ["0", "1/0", "2"]\ny = ["0", "1", "3"]\n'),
             "field 'x[1]'", "expected a rational string", "zero denominator"),
    case_row("nan", named('x = ["0", "nan", "2"]\ny = ["0", "1", "3"]\n'),
             "field 'x[1]'", "NaN and infinity are not rationals"),
    case_row("toml_float", named('x = ["0", 0.5, "2"]\ny = ["0", "1", "3"]\n'),
             "field 'x[1]'", "expected a rational string", "must be written as strings"),
    # parameters the solvers need in range
    case_row("beta_zero", named(GOOD_1D + 'beta = "0"\n'), "field 'beta'", "expected a positive rational",
             "got '0'", claim="ep.thm-4.1", subprocess=True),
    case_row("beta_negative", named(GOOD_1D + 'beta = "-1"\n'), "field 'beta'", "expected a positive rational",
             "got '-1'", claim="ep.thm-4.1"),
    case_row("beta_1e400", named(GOOD_1D + 'beta = "1e400"\n'), "field 'beta'",
             "expected 0 or a magnitude in [1e-100, 1e100]", claim="ep.thm-4.1"),
    case_row("lambda_zero", named(GOOD_1D + 'lambda = "0"\n'), "field 'lambda'", "expected a positive rational",
             claim="ses.cor-3.4"),
    case_row("alpha_one", named('X = [["0"], ["1"], ["2"]]\ny = ["0", "1", "3"]\nalpha = "1"\n'),
             "field 'alpha'", "expected a rational other than 1", claim="kh.thm-1"),
    case_row("seed_fraction", named(GOOD_1D + 'seed = "2.5"\n'), "field 'seed'", "expected an integer string",
             claim="ep.thm-3.4"),
    case_row("draws_zero", named(GOOD_1D + 'draws = "0"\n'), "field 'draws'", "expected a positive integer",
             claim="ep.thm-3.4"),
    case_row("bias_two", named(GOOD_1D + 'bias = "2"\n'), "field 'bias'", 'expected "0" or "1"',
             claim="ep.prop-3.2"),
    # names: they are part of the output file names
    case_row("name_nul", 'name = "a\\u0000b"\n' + GOOD_1D, "field 'name'",
             "expected a printable name of at most 100 bytes", "a control or unprintable character"),
    case_row("name_tab", 'name = "a\\tb"\n' + GOOD_1D, "field 'name'", "a control or unprintable character"),
    case_row("name_256_bytes", f'name = "{"n" * 256}"\n' + GOOD_1D, "field 'name'",
             "expected a printable name of at most 100 bytes", "(256 bytes)"),
    case_row("name_multibyte", f'name = "{"é" * 51}"\n' + GOOD_1D, "field 'name'", "(102 bytes)"),
    case_row("name_missing", GOOD_1D, "field 'name'", "missing; expected a non-empty string"),
    # the document
    case_row("empty_file", "", "field 'name'", "missing"),
    case_row("binary_file", bytes(range(256)), "not valid TOML", "not UTF-8"),
    case_row("bad_toml", 'name = "c"\nx = ["0", "1"\n', "not valid TOML"),
    case_row("duplicate_key", 'name = "c"\nname = "d"\n' + GOOD_1D, "not valid TOML"),
    case_row("missing_y", named('x = ["0", "1"]\n'), "field 'y'", "missing; expected a list of rational strings"),
    case_row("missing_x", named('y = ["0", "1"]\n'), "field 'x' (or 'X')", "missing; expected x = [...]"),
    case_row("duplicate_x", named('x = ["0", "1", "2/2"]\ny = ["0", "1", "3"]\n'), "field 'x'",
             "duplicate point 1 at positions 1 and 2", "need distinct points"),
    case_row("wrong_length_y", named('x = ["0", "1", "2"]\ny = ["0", "1"]\n'), "field 'y'",
             "expected 3 entries (one per row of x), got 2"),
    case_row("ragged_X", named('X = [["0", "1"], ["1"]]\ny = ["0", "1"]\n'), "field 'X[1]'",
             "expected 2 entries like row 0"),
    case_row("unknown_key", named(GOOD_1D + 'colour = "blue"\n'), "field 'colour'", "unknown field",
             "expected one of name, source"),
    case_row("typo_parameter", named(GOOD_1D + 'lamda = "0.5"\n'), "field 'lamda'", "did you mean lambda?"),
    case_row("bad_expect", named(GOOD_1D + '[expect]\n"ep.thm-3.3" = "YES"\n'), "field 'expect.ep.thm-3.3'",
             "expected one of PROVED"),
    case_row("too_large", named(GOOD_1D) + "# " + "x" * MAX_CASE_BYTES + "\n",
             f"expected a case file of at most {MAX_CASE_BYTES} bytes"),
    case_row("matrix_for_a_1d_claim", named('X = [["0", "1"], ["1", "0"]]\ny = ["1", "0"]\n'),
             "claim ep.thm-3.3 cannot run on this case", "c.toml: field 'x': expected 1-D data x"),
    case_row("labels_not_binary", named('x = ["0", "1", "2"]\ny = ["1", "2", "-1"]\n'),
             "field 'y': expected labels +1 or -1 (binary classification), got y[1] = 2", claim="kh.thm-3"),
    case_row("missing_parameter", named('x = ["0", "1", "2"]\ny = ["1", "2", "-1"]\n'),
             "field 'lambda': missing; expected the regularisation weight of (28)", claim="ses.cor-3.4"),
    case_row("no_data_claim", named('x = ["0", "1", "2"]\ny = ["1", "2", "-1"]\n'),
             "field 'x': expected no data (the claim draws its own", claim="ep.thm-3.4"),
    # the case path
    Row("case_is_a_folder", ("run", "ep.thm-3.3", "--case", "folder"),
        ("folder", "expected a case file (.toml), got a directory"), {"folder/a.toml": named(GOOD_1D)}),
    Row("case_missing", ("run", "ep.thm-3.3", "--case", "absent.toml"), ("absent.toml", "case file not found")),
    Row("case_fifo", ("run", "ep.thm-3.3", "--case", "pipe.toml"),
        ("pipe.toml", "expected a case file (.toml), a regular file; got a FIFO"), subprocess=True),
    Row("case_dev_zero", ("run", "ep.thm-3.3", "--case", "/dev/zero"),
        ("/dev/zero", "expected a case file (.toml), a regular file; got a character device"), subprocess=True),
    # output paths, refused before any work
    Row("report_regular_file", ("run", "ep.thm-3.3", "--case", "c.toml", "--report", "afile"),
        ("--report afile", "expected a folder that exists or can be created", "is a regular file"),
        {"c.toml": named(GOOD_1D), "afile": "x"}),
    Row("report_under_a_file", ("run", "ep.thm-3.3", "--case", "c.toml", "--report", "afile/sub"),
        ("--report afile/sub", "expected a folder that exists or can be created", "afile is a regular file"),
        {"c.toml": named(GOOD_1D), "afile": "x"}),
    Row("report_dev_null", ("run", "ep.thm-3.3", "--case", "c.toml", "--report", "/dev/null"),
        ("--report /dev/null", "expected a folder", "/dev/null is a special file"), {"c.toml": named(GOOD_1D)},
        subprocess=True),
    Row("report_proc", ("all", "--report", "/proc/rep"),
        ("--report /proc/rep", "expected a path on a file system", "under /proc")),
    Row("default_output_is_a_file", ("run", "ep.thm-3.3", "--case", "c.toml"),
        ("--out reports", "expected a folder", "is a regular file"), {"c.toml": named(GOOD_1D), "reports": "x"}),
    Row("json_folder", ("run", "ep.thm-3.3", "--case", "c.toml", "--json", "folder"),
        ("--json folder", "expected a regular file (or a new file name), got a folder"),
        {"c.toml": named(GOOD_1D), "folder/keep": ""}),
    Row("json_dev_null", ("run", "ep.thm-3.3", "--case", "c.toml", "--json", "/dev/null"),
        ("--json /dev/null", "expected a regular file", "a special file"), {"c.toml": named(GOOD_1D)}),
    Row("json_proc", ("all", "--json", "/proc/x.json"), ("--json /proc/x.json", "under /proc")),
    Row("json_under_a_file", ("all", "--json", "afile/r.json"),
        ("--json afile/r.json", "expected a folder that exists or can be created", "afile is a regular file"),
        {"afile": "x"}),
    Row("json_in_a_replaced_folder", ("all", "--report", "rep", "--json", "rep/certificates/r.json"),
        ("--json rep/certificates/r.json", "expected a file outside", "which every run replaces")),
    # arguments
    Row("unknown_claim", ("run", "ep.thm-9.9"), ("unknown claim 'ep.thm-9.9'", "verify list")),
    Row("no_claim", ("run",), ("the following arguments are required: claim",)),
    Row("unknown_command", ("prove",), ("argument command: invalid choice: 'prove'",)),
    Row("solvers_unknown_solver", ("solvers", "--solver", "nope"), ("unknown solver 'nope'", "highs-simplex")),
    Row("solvers_store_not_sqlite", ("solvers", "--family", "paper-1d", "--store", "s.db"),
        ("s.db: expected an SQLite store of truths (--store)",), {"s.db": "not a database"}),
    Row("bench_sizes_0", ("bench", "--sizes", "0"), ("argument --sizes", "expected an integer in [3, 1000000]",
                                                       "got '0'"), subprocess=True),
    Row("bench_sizes_negative", ("bench", "--sizes", "-5"), ("argument --sizes", "got '-5'")),
    Row("bench_sizes_huge", ("bench", "--sizes", "1000000000"), ("argument --sizes", "got '1000000000'")),
    Row("bench_sizes_text", ("bench", "--sizes", "abc"), ("argument --sizes", "got 'abc'")),
    Row("bench_sizes_underscore", ("bench", "--sizes", "1_0"), ("argument --sizes", "got '1_0'")),
    Row("bench_sizes_empty", ("bench", "--sizes"), ("argument --sizes: expected at least one argument",)),
    Row("jobs_0", ("all", "--jobs", "0"), ("argument --jobs", "expected an integer in [1, 256]", "got '0'")),
    Row("jobs_text", ("all", "--jobs", "many"), ("argument --jobs", "got 'many'")),
]


def _prepare(row: Row, folder: Path) -> set[str]:
    """Create the row's files in ``folder``; returns every path in it (the state nothing may add to)."""
    for name, body in row.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    if row.id == "case_fifo":
        os.mkfifo(folder / "pipe.toml")
    return _tree(folder)


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _assert_refused(row: Row, code: object, out: str, err: str, before: set[str], folder: Path) -> None:
    assert code == 2, (row.id, code, out, err)
    for fragment in row.says:
        assert fragment in err, (row.id, fragment, err)
    assert "Traceback" not in out + err, (row.id, err)
    assert _tree(folder) == before, (row.id, _tree(folder) - before)  # no certificate, report or staging left


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bad_input_is_a_usage_error_that_leaves_nothing(row: Row, tmp_path, monkeypatch, capsys):
    before = _prepare(row, tmp_path)
    monkeypatch.chdir(tmp_path)
    try:
        code: object = main(list(row.argv))
    except SystemExit as stop:  # argparse's usage errors
        code = stop.code
    got = capsys.readouterr()
    _assert_refused(row, code, got.out, got.err, before, tmp_path)


def test_bad_input_in_real_processes(tmp_path):
    """The SUBPROCESS rows as ``python -m verify`` processes, all at once; none may hang (a FIFO once did)."""
    rows = [r for r in ROWS if r.subprocess]
    assert len(rows) >= 5
    running = []
    for row in rows:
        folder = tmp_path / row.id
        folder.mkdir()
        before = _prepare(row, folder)
        proc = subprocess.Popen([sys.executable, "-m", "verify", *row.argv], cwd=folder, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        running.append((row, folder, before, proc))
    for row, folder, before, proc in running:
        try:
            out, err = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"{row.id}: python -m verify {' '.join(row.argv)} did not finish in 120 s")
        _assert_refused(row, proc.returncode, out, err, before, folder)
