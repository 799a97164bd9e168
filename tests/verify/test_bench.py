"""A tiny smoke test of ``python -m verify bench`` (n <= 20, well under a second)."""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from verify.bench import instance, run_bench
from verify.bench.baselines import gauss_solve
from verify.bench.row import MAX_SIZE, MIN_SIZE


def test_gauss_solve() -> None:
    M = [[F(0), F(2), F(1)], [F(1), F(1), F(0)], [F(3), F(0), F(1)]]
    z = gauss_solve(M, [F(5), F(3), F(6)])
    assert [sum(a * b for a, b in zip(row, z)) for row in M] == [F(5), F(3), F(6)]


def test_instance_is_seeded() -> None:
    x, y = instance(12)
    assert instance(12) == (x, y) and len(set(x)) == 12 and all(-10 <= v <= 10 for v in y)


def test_run_bench_small(capsys) -> None:
    rows = run_bench([10, 20], naive_limit=20, qsopt_limit=10)
    out = capsys.readouterr().out
    assert "summary:" in out and "highs-dense" in out
    assert [r.n for r in rows] == [10, 20]
    for r in rows:
        assert r.checker_ok and r.agree and r.naive_ok
        assert r.qsopt_ok in (True, None) and r.qsopt_kink_ok in (True, None)  # None: esolver absent
    assert rows[1].qsopt is None  # over qsopt_limit: skipped


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
