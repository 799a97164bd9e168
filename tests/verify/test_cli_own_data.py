"""A researcher's own data from the command line: declared parameters, unsuitable cases, time limits,
errors with their reasons, filters, several case files, streaming jobs, ``describe``."""

import json
import re
import time
from dataclasses import replace
from pathlib import Path

import pytest

from cases.parameters import PARAMETERS
from verify import registry
from verify.cli import main
from verify.registry import all_claims
from verify.result import ERROR, Draft, Verdict

LINE = 'name = "{name}"\nx = ["0", "1", "2"]\ny = ["0", "1", "{y}"]\n'


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def cases(tmp_path, *names):
    for i, name in enumerate(names):
        (tmp_path / f"{name}.toml").write_text(LINE.format(name=name, y=i))
    return tmp_path


def test_every_parameter_a_claim_reads_is_declared_and_known_to_the_loader():
    """The claims' declarations and the loader's table are one set, and no claim module reads a parameter it
    does not declare (``case.params.get("k"`` / ``case.params["k"]`` in its source)."""
    declared = {p.name for cl in all_claims().values() for p in cl.needs.parameters}
    assert declared == set(PARAMETERS)
    for cl in all_claims().values():
        source = Path(__import__(cl.check.__module__, fromlist=["_"]).__file__).read_text()
        read = set(re.findall(r"params(?:\.get\(|\[)\"([a-z_0-9]+)\"", source))
        assert read <= {p.name for p in cl.needs.parameters}, (cl.id, read)


def test_every_claims_own_cases_suit_it():
    for cl in all_claims().values():
        for case in cl.default_cases():
            registry.check_suitable(cl, case)


def test_list_shows_parameters_and_describe_shows_everything(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("ses.cor-3.4 "))
    assert lines[at + 1] == ("    parameters: lambda (required): the regularisation weight of (28) "
                             "[ses (28): any lambda > 0]")
    code, out, _ = run(capsys, "describe", "ep.thm-4.1")
    assert code == 0
    assert "ep.thm-4.1: Ergen & Pilanci (ep), Theorem 4.1" in out
    assert "also settles: ep.cor-4.1" in out
    assert "data: 1-D data x or matrix data X; labels: real labels y" in out
    assert "  beta (default 1/10): the weight decay of (16)" in out
    assert "example case (" in out and "\n  x = [" in out
    code, _, err = run(capsys, "describe", "ep.thm-41")
    assert code == 2 and "did you mean ep.thm-4.1" in err


def test_a_data_free_case_runs_a_claim_that_draws_its_own_data(tmp_path, capsys):
    case = tmp_path / "s.toml"
    case.write_text('name = "few"\nseed = "7"\ndraws = "2"\n')
    code, out, _ = run(capsys, "run", "ep.thm-3.6", "--case", str(case), "--out", str(tmp_path))
    assert code == 0 and out.startswith("MEASURED     ep.thm-3.6       few")
    code, _, err = run(capsys, "run", "ep.thm-3.3", "--case", str(case), "--out", str(tmp_path))
    assert code == 2 and "s.toml: field 'x': expected 1-D data x (distinct points), got no data" in err


def test_a_parameter_another_claim_reads_is_a_warning(tmp_path, capsys):
    case = tmp_path / "b.toml"
    case.write_text(LINE.format(name="b", y=2) + 'beta = "1/2"\n')
    code, out, err = run(capsys, "run", "ep.thm-3.3", "--case", str(case), "--out", str(tmp_path))
    assert code == 0 and out.startswith("PROVED")
    assert "warning: " in err and "b.toml: field 'beta': not read by this claim (its parameters: none)" in err


def _slow(case, ctx):
    try:
        time.sleep(30)
    except Exception:  # a check that swallows every Exception must still be stopped
        pass
    return Draft("ep.thm-3.3", case.name, ERROR, "exact", ())


def _broken(case, ctx):
    raise ValueError("not rank one: X = [[1, 0], [0, 1]]")


def test_a_check_beyond_the_timeout_is_a_timeout(tmp_path, capsys, monkeypatch, jobs="1"):
    cl = all_claims()["ep.thm-3.3"]
    monkeypatch.setitem(registry.CLAIMS, "ep.thm-3.3", replace(cl, check=_slow))
    cases(tmp_path, "a", "b")
    out_json = tmp_path / "r.json"
    t0 = time.perf_counter()
    code, out, _ = run(capsys, "run", "ep.thm-3.3", "--case", str(tmp_path / "[ab].toml"), "--timeout", "0.3",
                       "--json", str(out_json), "--out", str(tmp_path), "--jobs", jobs)
    assert time.perf_counter() - t0 < 10
    rows = json.loads(out_json.read_text())["results"]
    assert code == 1 and [r["verdict"] for r in rows] == ["TIMEOUT", "TIMEOUT"]
    assert out.startswith("TIMEOUT      ep.thm-3.3")
    assert "    reason: the check ran longer than the time limit of 0.3 s (--timeout) and was stopped" in out
    with pytest.raises(SystemExit) as exit_:
        main(["run", "ep.thm-3.3", "--timeout", "0"])
    assert exit_.value.code == 2
    assert "--timeout: expected a number of seconds in (0, 86400], got '0'" in capsys.readouterr().err


def test_a_check_beyond_the_timeout_in_a_worker_is_a_timeout(tmp_path, capsys):
    """The same in spawned workers (which cannot inherit a patched claim): a real check of several seconds, ddb
    Theorem 4.2's seeded family, stopped after 0.5 s in each of two workers."""
    family = (Path(__file__).parents[2] / "cases" / "data" / "ddb" / "ddb-1d-family.toml").read_text()
    for name in "ab":
        renamed = re.sub(r'^name *= *"ddb-1d-family"', f'name = "{name}"', family, flags=re.M)
        (tmp_path / f"{name}.toml").write_text(renamed)
    out_json = tmp_path / "r.json"
    code, out, _ = run(capsys, "run", "ddb.thm-4.2", "--case", str(tmp_path / "[ab].toml"), "--timeout", "0.5",
                       "--json", str(out_json), "--out", str(tmp_path), "--jobs", "2")
    rows = json.loads(out_json.read_text())["results"]
    assert code == 1 and [(r["case"], r["verdict"]) for r in rows] == [("a", "TIMEOUT"), ("b", "TIMEOUT")]
    assert "    reason: the check ran longer than the time limit of 0.5 s (--timeout) and was stopped" in out


def test_an_error_prints_its_reason_and_with_debug_its_traceback(tmp_path, capsys, monkeypatch):
    cl = all_claims()["ep.thm-3.3"]
    monkeypatch.setitem(registry.CLAIMS, "ep.thm-3.3", replace(cl, check=_broken))
    cases(tmp_path, "a")
    argv = ("run", "ep.thm-3.3", "--case", str(tmp_path / "a.toml"), "--out", str(tmp_path))
    code, out, _ = run(capsys, *argv)
    assert code == 1 and out.splitlines()[1] == "    reason: ValueError: not rank one: X = [[1, 0], [0, 1]]"
    assert "Traceback" not in out
    code, out, _ = run(capsys, *argv, "--debug")
    assert code == 1 and "Traceback (most recent call last):" in out and 'raise ValueError("not rank one' in out


def test_several_case_files_and_globs(tmp_path, capsys):
    cases(tmp_path, "a", "b", "c")
    code, out, _ = run(capsys, "run", "ses.thm-3.3", "--case", str(tmp_path / "[ab].toml"),
                       "--case", str(tmp_path / "c.toml"), "--case", str(tmp_path / "a.toml"), "--out", str(tmp_path))
    names = [ln.split()[2] for ln in out.splitlines() if ln.startswith("PROVED")]
    assert code == 0 and names == ["a", "b", "c"]  # a glob's matches sorted, a file named twice run once
    code, _, err = run(capsys, "run", "ses.thm-3.3", "--case", str(tmp_path / "z*.toml"))
    assert code == 2 and "z*.toml: expected a case file or a glob matching one, matched nothing" in err


def test_all_filters_by_paper_and_claim(tmp_path, capsys):
    out_json = tmp_path / "r.json"
    code, out, _ = run(capsys, "all", "--claim", "ses.thm-3.*", "--claim", "kh.prop-1", "--json", str(out_json),
                       "--out", str(tmp_path), "--jobs", "2")
    rows = json.loads(out_json.read_text())["results"]
    assert code == 0 and {r["claim"] for r in rows} == {"ses.thm-3.1", "ses.thm-3.3", "kh.lem-1"}  # covered ids
    verdicts = {str(v) for v in Verdict}
    assert sum(ln.split()[0] in verdicts for ln in out.splitlines() if ln) == len(rows)  # every result shown
    code, _, err = run(capsys, "all", "--claim", "nope.*")
    assert code == 2 and "matched none" in err
    with pytest.raises(SystemExit) as exit_:
        main(["all", "--paper", "xx"])
    assert exit_.value.code == 2 and "invalid choice: 'xx'" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_results_come_back_in_task_order(tmp_path, capsys, jobs):
    out_json = tmp_path / "r.json"
    code, _, _ = run(capsys, "all", "--claim", "ses.thm-3.1", "--json", str(out_json), "--out", str(tmp_path),
                     "--jobs", jobs)
    rows = json.loads(out_json.read_text())["results"]
    assert code == 0 and [r["case"] for r in rows] == [c.name for c in all_claims()["ses.thm-3.1"].default_cases()]
