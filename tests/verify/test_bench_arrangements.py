"""A small run of ``python -m verify bench --arrangements`` (verify/bench/arrangements.py): seeded data, the counts,
the producer's certificate accepted by the checker and the checker's own region list equal to the producer's."""
from __future__ import annotations

from verify.bench.arrangements import SIZES, bench_row, instance, print_table
from verify.cli import main


def test_instances_are_seeded_and_the_issue_sizes_listed() -> None:
    assert instance(12, 2) == instance(12, 2) and len({tuple(r) for r in instance(12, 2)}) == 12
    assert all(x[-1] == 1 for x in instance(40, 3, bias=True))
    assert SIZES == ((10, 2, False), (20, 2, False), (40, 3, True), (100, 2, False))


def test_small_rows_count_accept_and_agree(capsys) -> None:
    rows = print_table(((10, 2, False), (12, 2, True)))
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("| (n, d) | faces | regions | P | bound (17) |")
    # 10 lines through the origin of the plane: 20 regions, 20 rays, the origin; u = 0 adds the all-ones D
    assert (rows[0].faces, rows[0].regions, rows[0].patterns, rows[0].bound) == (41, 20, 21, 20)
    # 12 points of the plane with a bias column, in general position: 2 (1 + 11 + 55) regions
    assert (rows[1].regions, rows[1].bound, rows[1].patterns) == (134, 134, 134)
    assert all(r.accepted and r.regions_agree for r in rows)
    assert "| (12, 2+bias) | " in out


def test_a_row_has_its_seconds() -> None:
    row = bench_row(20, 2, False)
    assert (row.faces, row.regions) == (81, 40) and row.enumerate >= 0 and row.check >= 0


def test_the_cli_runs_the_table(capsys, monkeypatch) -> None:
    import verify.bench.arrangements as bench

    monkeypatch.setattr(bench, "print_table", lambda: print_table(((10, 2, False),)))  # not the issue's sizes
    assert main(["bench", "--arrangements"]) == 0
    assert "| (10, 2) | 41 | 20 | 21 | 20 |" in capsys.readouterr().out
