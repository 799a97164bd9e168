"""Smoke tests of ``python -m verify bench`` (n <= 20, a few seconds: each structured row spawns a process)."""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from verify.bench import instance, run_bench
from verify.bench.baselines import gauss_solve
from verify.bench.row import MAX_SIZE, MIN_SIZE, fastest
from verify.bench.structured import StructuredCells, fit_exponent
from verify.bench.table import COLUMNS, cells


def test_gauss_solve() -> None:
    M = [[F(0), F(2), F(1)], [F(1), F(1), F(0)], [F(3), F(0), F(1)]]
    z = gauss_solve(M, [F(5), F(3), F(6)])
    assert [sum(a * b for a, b in zip(row, z)) for row in M] == [F(5), F(3), F(6)]


def test_instance_is_seeded() -> None:
    x, y = instance(12)
    assert instance(12) == (x, y) and len(set(x)) == 12 and all(-10 <= v <= 10 for v in y)


def test_run_bench_small(capsys) -> None:
    rows = run_bench([10, 20], naive_limit=20, qsopt_limit=10, lp_limit=20, dense_limit=20,
                     qsopt_kink_limit=10)
    out = capsys.readouterr().out
    assert "summary:" in out and "naive formulation (dense data coordinates)" in out.lower()
    assert [r.n for r in rows] == [10, 20]
    for r in rows:
        s = r.cells
        assert isinstance(s, StructuredCells) and s.accepted and s.mib > 0
        assert min(s.struct, s.cert, s.check) > 0 and s.solved_and_checked == s.struct + s.cert + s.check
        assert r.struct_ok and r.value == s.value  # the structured value is the LP route's
        assert r.checker_ok and r.agree and r.naive_ok
        assert r.qsopt_ok in (True, None) and r.qsopt_kink_ok in (True, None)  # None: esolver absent
        row = dict(zip(COLUMNS, cells(r), strict=True))
        assert all(row[c] not in ("-", "error") and not row[c].endswith("*")
                   for c in ("struct", "cert", "check", "s+c", "MiB"))
    assert rows[1].qsopt is None and rows[1].qsopt_kink is None  # over their limits: skipped
    row20 = dict(zip(COLUMNS, cells(rows[1]), strict=True))
    assert row20["qsopt"] == row20["qsopt-kink"] == row20["x-qs"] == "-"


def test_column_limits_skip_with_a_dash(capsys) -> None:
    """Over the LP and dense limits only the structured columns and qsopt-kink run."""
    (r,) = run_bench([12], naive_limit=0, qsopt_limit=0, lp_limit=11, dense_limit=0, qsopt_kink_limit=12)
    row = dict(zip(COLUMNS, cells(r), strict=True))
    assert r.cells is not None and r.cells.accepted and r.struct_ok is None
    assert all(row[c] == "-" for c in ("highs", "exact", "ratio", "total", "other", "warm", "checker",
                                       "highs-dense", "agree", "naive", "qsopt"))
    assert r.qsopt_kink_ok in (True, None) and row["qsopt-kink"] != "-"


def test_fit_exponent() -> None:
    ns = [1600, 6400, 25_600, 100_000]
    assert fit_exponent(ns, [3e-6 * n for n in ns]) == 1.0
    assert fit_exponent(ns, [7e-9 * n * n for n in ns]) == 2.0
    assert fit_exponent([1600], [0.1]) is None and fit_exponent(ns[:2], [0.1, 0.0]) is None


def test_claims_table_runs_the_1d_claims_in_subprocesses() -> None:
    """Two claims on seeded data, each in its own interpreter: the registry picks +-1 labels for kh.thm-3 and leaves
    out a claim that takes no 1-D data (ep.cor-3.4, rank-one matrices)."""
    from verify.bench.claims import claims_table, markdown, variant_of
    assert variant_of("ep.cor-3.4") is None and variant_of("kh.thm-3") == "binary"
    rows = claims_table([6], ["kh.thm-3", "ep.lem-2.1", "ep.cor-3.4"], timeout=120)
    assert [(r.claim, r.n, r.variant, r.verdict) for r in rows] == [("kh.thm-3", 6, "binary", "REFUTED"),
                                                                   ("ep.lem-2.1", 6, "real", "PROVED")]
    assert all(r.seconds is not None for r in rows)  # both finished (their times go in the table)
    assert markdown(rows).splitlines()[2].startswith("| kh.thm-3 | binary | ")


def test_run_bench_refuses_sizes_out_of_range(capsys) -> None:
    for n in (MIN_SIZE - 1, MAX_SIZE + 1):
        with pytest.raises(ValueError, match=rf"bench sizes must be in \[{MIN_SIZE}, {MAX_SIZE}\], got {n}"):
            run_bench([n], naive_limit=0, qsopt_limit=0)


def test_fastest_keeps_the_fastest_run_and_never_hides_a_failed_one():
    """The rule of both x-qs columns: the fastest of 3 runs, no repeat after a slow run, a failure at once."""
    runs = iter([0.3, 0.1, 0.2])
    assert fastest(lambda: next(runs), lambda t: t, 1.0) == 0.1
    runs = iter([2.0, 0.1])
    assert fastest(lambda: next(runs), lambda t: t, 1.0) == 2.0
    runs = iter([0.1, "error", 0.05])
    assert fastest(lambda: next(runs), lambda t: t if isinstance(t, float) else None, 1.0) == "error"
