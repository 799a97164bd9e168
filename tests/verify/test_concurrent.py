"""Runs at once on one output folder: no spurious ERROR, every certificate left there checks, no link names
other data, and nothing is left half-done."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
from pathlib import Path

from exact.checker import check_file
from verify.run import publish, staged

RUNS = 5
PUBLISHERS, ROUNDS = 6, 40


def _publish_repeatedly(out: str) -> list[str]:
    """Stage and publish a one-certificate run ROUNDS times; the errors met (none expected)."""
    errors = []
    for _ in range(ROUNDS):
        try:
            with staged(Path(out)) as stage:
                (stage / "certificates").mkdir()
                (stage / "certificates" / "c.json").write_text(stage.name)
                publish(stage, Path(out))
        except OSError as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    return errors


def test_concurrent_publications_do_not_collide(tmp_path):
    """Unlocked, two publications interleave their renames: one moves the folder the other is about to
    move, or fills the place the other is renaming onto, and fails (a traceback in a real run)."""
    with multiprocessing.get_context("fork").Pool(PUBLISHERS) as pool:
        errors = pool.map(_publish_repeatedly, [str(tmp_path)] * PUBLISHERS)
    assert errors == [[]] * PUBLISHERS
    assert [p.name for p in tmp_path.iterdir()] == ["certificates"]  # no staging folder left
    (cert,) = (tmp_path / "certificates").iterdir()
    assert cert.read_text().startswith(".run-")  # one run's certificate, whole


def test_concurrent_runs_on_one_report_folder(tmp_path):
    """RUNS processes at once on one --report folder, on two case files with the same name and other data."""
    labels = {"a": ["0", "1", "3"], "b": ["0", "2", "3"]}
    for label, y in labels.items():
        (tmp_path / f"{label}.toml").write_text(f'name = "same"\nx = ["0", "1", "2"]\ny = {json.dumps(y)}\n')
    procs, outputs = [], []
    for i in range(RUNS):
        label = "ab"[i % 2]
        cmd = [sys.executable, "-m", "verify", "run", "ep.thm-3.3", "--case", f"{label}.toml", "--report", "rep",
               "--json", f"r{i}.json"]
        procs.append((label, i, subprocess.Popen(cmd, cwd=tmp_path, text=True, stdout=subprocess.PIPE,
                                                 stderr=subprocess.PIPE)))
    for label, i, proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, (out, err)
        assert "ERROR" not in out and "Traceback" not in err and "no recorded expectations" in out
        (row,) = json.loads((tmp_path / f"r{i}.json").read_text())["results"]
        assert row["verdict"] == "PROVED"
        outputs.append({Path(c).name for c in row["certificates"]})
        for c in row["certificates"]:
            link = Path(tmp_path, c)
            if link.exists():  # replaced by a later run of the other data: gone, never holding that data
                data = json.loads(link.read_text())["data"]
                assert data.get("y", labels[label]) == labels[label]  # the (37) LP certificate has no y
    certificates = sorted((tmp_path / "rep" / "certificates").iterdir())
    assert {c.name for c in certificates} in outputs  # exactly one run's output
    assert all(check_file(str(c)).ok for c in certificates)
    assert not [p for p in (tmp_path / "rep").rglob(".*")]  # no staging folder or temporary file left


SOLVE_THEN_JOBS = """
from verify.cli import main
if __name__ == "__main__":
    assert main(["run", "pe.circular-14", "--out", "a"]) == 0  # Clarabel's threads run in this process first
    raise SystemExit(main(["run", "pe.circular-14", "--out", "b", "--jobs", "2"]))
"""


def test_jobs_after_a_solve_in_the_same_process_do_not_hang(tmp_path):
    """Workers are spawned: a forked worker inherits the locks of the parent's solver threads and, solving,
    waited forever (the full-run test hung this way when run after other tests)."""
    (tmp_path / "s.py").write_text(SOLVE_THEN_JOBS)
    proc = subprocess.run([sys.executable, "s.py"], cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.count("4 checks: 4 CONTRADICTED; all as expected") == 2
