"""Running checks on dask.distributed (``--cluster local``, ``--scheduler``): the same results and the same
certificate files as a run in-process, and a clear usage error for a scheduler that is not there."""

import dataclasses
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cases import parameter_case
from verify.cli import main
from verify.distributed import Where, map_ordered
from verify.execute import Task, rebased, run_tasks
from verify.registry import all_claims

LOCAL_CLUSTER = Where(jobs=2, cluster="local")


def test_map_ordered_gives_the_same_ordered_results_everywhere():
    items = [12, 0, 7, 3, 1]  # the slowest first: completion order differs from item order on workers
    want = [479001600, 1, 5040, 6, 1]
    for where in (Where(), Where(jobs=2), LOCAL_CLUSTER):
        seen: list[tuple[int, int]] = []
        assert map_ordered(math.factorial, items, where, lambda i, r: seen.append((i, r))) == want
        assert sorted(seen) == list(enumerate(want))  # done() once per item, in the calling process
    assert map_ordered(math.factorial, [], LOCAL_CLUSTER) == []


def test_where_refuses_what_it_cannot_mean():
    with pytest.raises(ValueError, match="at most one of them"):
        Where(scheduler="tcp://127.0.0.1:8786", cluster="local")
    with pytest.raises(ValueError, match="expected one of local, got 'slurm'"):
        Where(cluster="slurm")
    assert (Where().dask, Where(jobs=4).workers, Where(cluster="local").workers) == (False, 4, 2)


def test_importing_verify_distributed_does_not_import_dask():
    code = "import sys, verify.distributed, verify.execute, verify.cli; print('distributed' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def _sweep() -> list[Task]:
    """A few seconds of real checks: a statistical claim under --thorough (its whole grid, few draws: a case of
    one's own), and claims that write certificates (and ep.prop-3.1 audits of printed numbers)."""
    claims = all_claims()
    own = [Task("ep.thm-3.4", parameter_case("gauss-3.4", "seeded numpy", seed=3004, draws=4), False)]
    shipped = [Task(cid, case, True) for cid, k in (("ddb.thm-4.2", 2), ("ep.prop-3.1", 2), ("ses.thm-3.3", 2))
               for case in claims[cid].default_cases()[:k]]
    return own + shipped


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_sweep_on_a_local_cluster_equals_the_run_in_process(tmp_path):
    tasks = _sweep()
    runs = {}
    for label, where in (("here", Where()), ("dask", LOCAL_CLUSTER)):
        out = tmp_path / label
        shown: list[str] = []
        results = run_tasks(tasks, out, where, True, None, lambda r: shown.append(r.case))
        assert sorted(shown) == sorted(t.case.name for t in tasks)
        # the folder differs between the two runs; nothing else may, the wall times aside
        runs[label] = ([dataclasses.replace(rebased(r, str(out), "OUT"), seconds=0.0) for r in results], _files(out))
    (here, here_files), (dask, dask_files) = runs["here"], runs["dask"]
    assert [(r.claim, r.case, str(r.verdict), r.value_text) for r in here] == [
        ("ep.thm-3.4", "gauss-3.4", "MEASURED", None),
        ("ddb.thm-4.2", "ddb-1d-abs", "CONFIRMED",
         "1 (max points charged in one closed cell); 2 (points charged by some minimiser); 6 (closed cells)"),
        ("ddb.thm-4.2", "ddb-1d-alternating", "REFUTED",
         "2 (max points charged in one closed cell); 6 (points charged by some minimiser); 10 (closed cells)"),
        ("ep.prop-3.1", "ep-prop-3.1-eq", "PROVED", "8"),
        ("ep.prop-3.1", "ep-prop-3.1-reg", "PROVED", "919/2160 (beta = 1/10); 1999/2500000 (beta = 1/10000)"),
        ("ses.thm-3.3", "abs-plus-one", "PROVED", "2"), ("ses.thm-3.3", "constant-labels", "PROVED", "0")]
    assert here[0].data["draws"] == 4 and len(here[0].data["cells"]) == 28  # the thorough grid
    assert dask == here  # verdicts, values, notes, data, findings, certificate paths: every field
    assert [r.as_json() for r in dask] == [r.as_json() for r in here]
    assert sum(len(r.certificates) for r in here) == len(here_files) == 38
    assert {Path(p).parts[0] for p in here_files} == {"certificates", "audits"}
    assert dask_files == here_files  # the same relative paths, byte for byte
    assert all(c.startswith("OUT/") and c[4:] in here_files for r in dask for c in r.certificates)


def _verify(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "verify", *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def _lines(stdout: str, out: Path) -> list[str]:
    """The result lines, without their times and folder, sorted: a cluster prints each as it finishes."""
    return sorted(re.sub(r"\(\d+\.\d+s\)", "", ln).replace(str(out), "OUT") for ln in stdout.splitlines()
                  if not ln.startswith(("Running HiGHS", "Includes third-party")))  # the HiGHS banner, in-process


def test_the_cli_on_a_local_cluster_prints_the_verdicts_of_a_local_run(tmp_path, capsys):
    assert main(["run", "ep.prop-3.1", "--out", str(tmp_path / "here")]) == 0
    here = capsys.readouterr().out
    dask = _verify("run", "ep.prop-3.1", "--cluster", "local", "--out", str(tmp_path / "dask"), cwd=tmp_path)
    assert dask.returncode == 0
    assert "Traceback" not in dask.stderr and "distributed" not in dask.stderr  # dask's logs silenced
    assert _lines(dask.stdout, tmp_path / "dask") == _lines(here, tmp_path / "here")
    assert dask.stdout.splitlines()[-1] == "2 checks: 2 PROVED; all as expected"
    assert sorted(ln.split()[:3] for ln in dask.stdout.splitlines() if ln.startswith("PROVED")) == [
        ["PROVED", "ep.prop-3.1", "ep-prop-3.1-eq"], ["PROVED", "ep.prop-3.1", "ep-prop-3.1-reg"]]
    assert _files(tmp_path / "dask") == _files(tmp_path / "here")


def test_an_unreachable_scheduler_is_a_usage_error_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default --out would be ./reports
    out = tmp_path / "out"
    assert main(["run", "ep.prop-3.1", "--scheduler", "tcp://127.0.0.1:1", "--out", str(out)]) == 2
    std = capsys.readouterr()
    assert std.out == "" and "Traceback" not in std.err
    assert std.err.startswith("error: --scheduler tcp://127.0.0.1:1: cannot reach a dask.distributed scheduler "
                              "there within 5 s (OSError: ")
    assert list(tmp_path.iterdir()) == []
def test_a_time_limit_on_dask_is_refused_before_any_work(tmp_path, capsys):
    assert main(["run", "ep.prop-3.1", "--cluster", "local", "--timeout", "5", "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err == ("error: --timeout: not available with --scheduler or --cluster (the time "
                                       "limit is a signal to the main thread of a process; dask runs checks in "
                                       "worker threads)\n")
    assert list(tmp_path.iterdir()) == []
