"""The solver harness: truths, judging, a planted wrong solver, the store's tamper detection, executors, CLI."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from fractions import Fraction as F

import pytest

from verify.distributed import Where
from verify.solvers.adapters import Outcome, solver
from verify.solvers.adapters.training import descend, exact_objective
from verify.solvers.families import family
from verify.solvers.harness import Tolerance, run
from verify.solvers.problem import Problem, Variant
from verify.solvers.store import Store
from verify.solvers.summary import summarise, table
from verify.solvers.truth import TruthRejected, compute, from_certificate

TENT = Problem("tent", "demo", Variant.INTERPOLATION, ((F(0),), (F(1),), (F(2),)), (F(0), F(1), F(0)))
SMALL = [p for p in family("random-1d") if p.n == 5] + family("2d-bias")[:1]


@dataclass(frozen=True)
class Planted:
    """A wrong "solver": the certified value times (1 + 1e-3), with status optimal."""

    name: str = "planted"
    variants: frozenset = frozenset(Variant)

    def absent(self) -> str | None:
        return None

    def solve(self, p: Problem) -> Outcome:
        return Outcome(float(compute(p).upper) * (1 + 1e-3), "optimal", True, 0.0)


@dataclass(frozen=True)
class Missing(Planted):
    name: str = "missing"

    def absent(self) -> str | None:
        return "not installed here"


def test_truths_are_checked_values():
    t = compute(TENT)
    assert (t.lower, t.upper, t.kind, t.solution["constant"]) == (F(2), F(2), "relu1d-l1-interpolation", "1")
    p = family("random-1d")[1]
    reg = compute(p)
    assert (reg.kind, reg.exact, reg.lower) == ("l1-ls-kkt", True, F(138939, 490000))
    assert abs(solver("highs-simplex").solve(p).value - 138939 / 490000) < 1e-12  # an independent float solve
    cone = compute(family("2d-bias")[0])
    assert cone.kind == "cone-program-bracket" and 0 < cone.upper - cone.lower < F(1, 10**9)


def test_a_truth_about_other_data_is_rejected():
    doc = compute(TENT).certificate
    other = Problem("tent2", "demo", Variant.INTERPOLATION, TENT.X, (F(0), F(2), F(0)))
    with pytest.raises(TruthRejected, match="y: the certificate is about"):
        from_certificate(doc, other)
    with pytest.raises(TruthRejected, match="tent"):
        from_certificate({**doc, "relation": {"type": "equals", "value": "3"}}, TENT)


def test_dual_of_the_standard_form():
    s = TENT.standard()
    assert s.dual([-1.0, 2.0, -1.0], []) == (2.0, 0.0)
    assert s.dual([-1.0, 3.0, -1.0], [])[1] == pytest.approx(1.0)  # 1^T v = 1 and |a^T v| exceeds 1


def test_planted_wrong_solver_is_flagged():
    sweep = run(SMALL, [Planted(), "highs-simplex", Missing()])
    planted = [r for r in sweep.rows if r.solver == "planted"]
    assert len(planted) == len(SMALL) and all(r.verdict == "FAIL" and r.flagged for r in planted)
    assert all(r.relative == pytest.approx(1e-3, rel=1e-6) for r in planted)
    good = [r for r in sweep.rows if r.solver == "highs-simplex"]
    assert [r.verdict for r in good] == ["PASS"] * 3 and not any(r.flagged for r in good)
    assert sweep.skipped == {"missing": "not installed here"}
    text = table(sweep, Tolerance())
    assert f"FLAGGED: {len(SMALL)} answers with status optimal outside the tolerance" in text
    assert "skipped: missing (not installed here)" in text
    ranking = summarise(sweep.rows)
    assert [s.solver for s in ranking] == ["highs-simplex", "planted"] and ranking[1].flagged == len(SMALL)
    assert ranking[0].worst <= 1 and 990 < ranking[1].worst < 1000  # 1e-3 relative is ~1000 x the 1e-6 tolerance


def test_tolerance_boundary():
    t = compute(TENT)
    ok = run([TENT], [Planted()], Tolerance(rel=2e-3)).rows[0]
    bad = run([TENT], [Planted()], Tolerance(rel=5e-4)).rows[0]
    assert (ok.verdict, ok.flagged, bad.verdict, bad.flagged) == ("PASS", False, "FAIL", True)
    assert t.distance(2.0) == 0.0 and t.distance(2.5) == 0.5


def test_store_detects_tampering(tmp_path):
    store = Store(tmp_path / "t.sqlite")
    p = SMALL[1]
    sweep = run([p], ["highs-simplex"], store=store)
    assert sweep.store_notes == [] and store.lookup(p)[1] == "stored"
    with sqlite3.connect(store.path) as db:  # a consistent forgery: value changed and the digest recomputed
        problem, cert = db.execute("SELECT problem, certificate FROM truths").fetchone()
        doc = json.loads(cert)
        doc["relation"]["value"] = str(F(doc["relation"]["value"]) + 1)
        forged = json.dumps(doc, sort_keys=True, separators=(",", ":"))
        from verify.solvers.store import _digest
        db.execute("UPDATE truths SET certificate = ?, digest = ?", (forged, _digest(problem, forged)))
    again = run([p], ["highs-simplex"], store=store)
    assert again.truths[p.name].lower == sweep.truths[p.name].lower
    assert len(again.store_notes) == 1 and "rejected entry" in again.store_notes[0]
    assert store.lookup(p)[1] == "stored"  # replaced by the recomputed entry
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE truths SET problem = replace(problem, '\"format\":1', '\"format\":0')")
    assert store.lookup(p)[1].startswith("corrupt entry")
    with sqlite3.connect(store.path) as db:  # another problem's entry filed under this key, digest intact
        row = db.execute("SELECT problem, certificate FROM truths").fetchone()
        stale = row[0].replace('"format":1', '"format":0')
        db.execute("UPDATE truths SET problem = ?, digest = ?", (stale, _digest(stale, row[1])))
    assert store.lookup(p)[1] == "stale entry (another problem under this key); recomputed"


def test_store_path_that_is_not_a_database(tmp_path):
    bad = tmp_path / "t.sqlite"
    bad.write_text("not a database")
    with pytest.raises(Exception, match="t.sqlite: expected an SQLite store of truths"):
        Store(bad).lookup(TENT)


def test_gradient_descent_value_is_an_exact_upper_bound():
    p = family("random-1d")[1]
    J, net = descend(p, 4, steps=50)
    exact = exact_objective(p, *net)
    assert abs(float(exact) - J) < 1e-9 * max(1, J) and exact >= compute(p).lower
    out = solver("gd-m4").solve(p)
    assert out.status == "max-steps" and not out.optimal and out.value >= float(compute(p).lower)


def test_same_rows_on_processes_and_on_a_local_cluster():
    names = ["highs-simplex", "clarabel", "sampled-8"]
    here = run(SMALL, names)
    local = run(SMALL, names, where=Where(jobs=2, cluster="local"))
    assert len(here.rows) == len(local.rows) == 3 * 2 + 1 * 2
    assert all(a.same(b) for a, b in zip(here.rows, local.rows))


def test_cli_prints_the_table_and_writes_json(tmp_path):
    out = tmp_path / "s.json"
    cmd = [sys.executable, "-m", "verify", "solvers", "--family", "paper-1d", "--solver", "highs-simplex",
           "--solver", "clarabel", "--store", str(tmp_path / "t.sqlite"), "--json", str(out)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "solver " in res.stdout and "by time:" in res.stdout and "highs-simplex" in res.stdout
    doc = json.loads(out.read_text())
    assert doc["version"] == 1 and len(doc["rows"]) == 2 * len(family("paper-1d"))
    assert {r["solver"] for r in doc["rows"]} == {"highs-simplex", "clarabel"}
    assert all(doc["truths"][r["problem"]]["exact"] for r in doc["rows"])


def test_cli_bad_input_exits_2(tmp_path):
    for args, msg in ((["--solver", "nope"], "unknown solver 'nope'"), (["--family", "nope"], "unknown family"),
                      (["--rel", "2"], "--rel 2.0: expected a relative tolerance in (0, 1)")):
        res = subprocess.run([sys.executable, "-m", "verify", "solvers", *args, "--store", str(tmp_path / "t")],
                             capture_output=True, text=True, timeout=120)
        assert res.returncode == 2 and msg in res.stderr and "Traceback" not in res.stderr, res.stderr


def test_matrix_of_a_problem():
    # atoms (x)_+, (x - 1)_+, (1 - x)_+, (2 - x)_+ on x = 0, 1, 2
    assert [(a.u, a.knot) for a in TENT.atoms()] == [(1, 0), (1, 1), (-1, 1), (-1, 2)]
    assert TENT.dictionary().tolist() == [[0, 0, 1, 2], [1, 0, 0, 1], [2, 1, 0, 0]]


def test_cbc_then_osqp_in_one_process():
    """pulp preloads highspy's C extension with RTLD_GLOBAL and OSQP then segfaulted in the same process: the
    CBC adapter imports pulp only in a child, so a sweep's worker survives CBC followed by OSQP."""
    code = ("from verify.solvers.adapters import solver\nfrom verify.solvers.families import family\n"
            "p = family('paper-1d')\nprint(solver('cbc').solve(p[0]).status, solver('osqp').solve(p[1]).status)\n"
            "import sys\nprint('pulp' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-500:]
    assert res.stdout.split()[-3:] == ["Optimal", "optimal", "False"]
