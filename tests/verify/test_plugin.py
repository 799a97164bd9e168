"""The pytest plugin (:mod:`verify.solvers.plugin`) as another project uses it, and :class:`ExactCase`'s checks.

The plugin runs in subprocesses from fresh directories (no conftest, no pyproject: a separate project) so that
what is tested is the installed entry point, not this suite's configuration.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from verify.solvers.exact_case import ExactCase, NotExact
from verify.solvers.families import family
from verify.solvers.problem import Problem, Variant
from verify.solvers.truth import compute

README = Path(__file__).resolve().parents[2] / "README.md"
LP_VARIANTS = ("interpolation", "hinge")  # the README example's own filter
HEAVY = ("numpy", "cvxpy", "highspy", "scipy")


def readme_example() -> str:
    text = README.read_text()
    m = re.search(r"<!-- plugin-example -->\s*```python\n(.*?)```\s*<!-- /plugin-example -->", text, re.S)
    assert m, "README: no ```python block between <!-- plugin-example --> markers"
    return m.group(1)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # shared by this module's runs, so each truth is computed (and checked) once
    return tmp_path_factory.mktemp("store") / "truths.sqlite"


def run_pytest(where: Path, store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "RELU_CERTIFY_"))}
    env["RELU_CERTIFY_STORE"] = str(store)
    # no:hypothesispytest: hypothesis's plugin costs seconds at every start and none of these tests uses it
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest",
                           *args], cwd=where, env=env, capture_output=True, text=True, timeout=300)


def fresh_project(tmp_path: Path, name: str, code: str) -> Path:
    where = tmp_path / "project"
    where.mkdir()
    (where / name).write_text(code)
    return where


def test_import_is_cheap_and_silent(tmp_path: Path) -> None:
    out = tmp_path / "modules.json"
    code = ("import sys, json; import verify.solvers.plugin; "
            f"json.dump([m for m in {HEAVY!r} if m in sys.modules], open(sys.argv[1], 'w'))")
    done = subprocess.run([sys.executable, "-c", code, str(out)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == ("", "")
    assert json.loads(out.read_text()) == []


def test_readme_example_passes(tmp_path: Path, store: Path) -> None:
    where = fresh_project(tmp_path, "test_my_solver.py", readme_example())
    done = run_pytest(where, store, "--relu-certify-family", "paper-1d")
    problems = family("paper-1d")
    lp = sum(p.variant.value in LP_VARIANTS for p in problems)
    assert (len(problems), lp) == (6, 4)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{lp} passed, {len(problems) - lp} skipped" in done.stdout, done.stdout


def test_planted_wrong_answer_fails_every_case(tmp_path: Path, store: Path) -> None:
    code = ("def test_wrong(relu_certify_case):\n"
            "    relu_certify_case.assert_close(float(relu_certify_case.value) * (1 + 1e-3))\n")
    where = fresh_project(tmp_path, "test_wrong.py", code)
    done = run_pytest(where, store, "--relu-certify-family", "paper-1d")
    names = [p.name for p in family("paper-1d")]
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{len(names)} failed" in done.stdout and "passed" not in done.stdout, done.stdout
    for name in names:
        assert f"AssertionError: relu-certify case {name!r}" in done.stdout, name


def test_options_choose_cases_and_collection_computes_nothing(tmp_path: Path) -> None:
    where = fresh_project(tmp_path, "test_ids.py", "def test_id(relu_certify_case):\n    pass\n")
    store = tmp_path / "untouched" / "truths.sqlite"
    done = run_pytest(where, store, "--collect-only", "--relu-certify-variant", "cone",
                      "--relu-certify-family", "whitened", "--relu-certify-family", "paper-1d")
    ids = re.findall(r"test_id\[(.*?)\]", done.stdout)
    assert ids == ["whitened-n3-d3", "whitened-n3-d4", "whitened-n4-d5"], done.stdout
    done = run_pytest(where, store, "--collect-only", "--relu-certify-variant", "hinge")
    ids = re.findall(r"test_id\[(.*?)\]", done.stdout)
    # paper 2 + random 5 + degenerate 3; leaky-1d has no hinge problems
    assert len(ids) == 2 + 5 + 3 and ids[:2] == ["ddb-1d-kh-example/hinge", "ep-prop-3.1-eq/hinge"], done.stdout
    # a test without the fixture is untouched even by a bad option; one with it reports the option
    (where / "test_plain.py").write_text("def test_plain():\n    assert 1 + 1 == 2\n")
    done = run_pytest(where, store, "--continue-on-collection-errors", "--relu-certify-family", "nope")
    assert "1 passed, 1 error" in done.stdout and "unknown 'nope'; the families are paper-1d" in done.stdout, \
        done.stdout
    assert not store.parent.exists()  # truths are the fixture's business, never collection's


TENT = Problem("tent", "demo", Variant.INTERPOLATION, ((Fraction(0),), (Fraction(1),), (Fraction(2),)),
               (Fraction(0), Fraction(1), Fraction(0)))


@pytest.fixture(scope="module")
def tent() -> ExactCase:
    return ExactCase.from_truth(TENT, compute(TENT))


def test_exact_case_fields(tent: ExactCase) -> None:
    assert (tent.value, tent.lower, tent.upper, tent.exact) == (2, 2, 2, True)
    assert tent.x == (0, 1, 2) and tent.y == (0, 1, 0) and tent.beta is None and tent.variant == "interpolation"
    assert tent.solution == {"u": ["1", "-1"], "b": ["-1", "1"], "w": ["-1", "-1"], "constant": "1"}
    assert tent.x_float.tolist() == [0.0, 1.0, 2.0] and tent.X_float.shape == (3, 1)
    # the 2n - 2 data-knot atoms relu(+-(x - x_k)): knots 0, 1 rising, 1, 2 falling
    assert tent.matrix().tolist() == [[0.0, 0.0, 1.0, 2.0], [1.0, 0.0, 0.0, 1.0], [2.0, 1.0, 0.0, 0.0]]
    assert tent.standard().c.tolist() == [1.0] * 8 + [0.0] and tent.standard().is_lp
    assert tent.convention.alpha == 0 and tent.statement.startswith("ep (4)")


def test_close_boundary(tent: ExactCase) -> None:
    # abs = 1/4 and rel = 0 make the boundary exact in binary: 2.25 is at distance exactly 1/4
    assert tent.close(2.25, rel=0, abs=0.25) and tent.close(1.75, rel=0, abs=0.25)
    assert not tent.close(2.2500000000000004, rel=0, abs=0.25) and not tent.close(1.7499999999999998, rel=0, abs=0.25)
    # default tolerance 1e-9 + 1e-6 * 2
    assert tent.close(2 + 2.0e-6) and not tent.close(2 + 2.1e-6) and tent.close(Fraction(2))
    assert not tent.close(float("nan")) and not tent.close(float("inf"))
    tent.assert_close(2 - 1.9e-6)
    with pytest.raises(AssertionError, match=r"case 'tent' \(interpolation\).*value 2\.00001 .*certified value 2 "
                                             r".*error 1\.000e-05 \(relative 5\.000e-06\)"):
        tent.assert_close(2.00001)


def test_bracketed_case() -> None:
    p = family("whitened")[0]
    case = ExactCase.from_truth(p, compute(p))
    assert not case.exact and case.lower < case.upper and case.upper - case.lower < Fraction(1, 10**9)
    assert abs(float(case.lower) - 0.34) < 1e-9
    with pytest.raises(NotExact, match=r"'whitened-n3-d3' has no exact value.*brackets.*\.lower, \.upper"):
        case.value
    assert case.close(float(case.lower), rel=0, abs=0) is (Fraction(float(case.lower)) >= case.lower)
    assert case.close(0.34) and not case.close(0.3401)
    with pytest.raises(ValueError, match="3-dimensional data"):
        case.x
    with pytest.raises(ValueError, match="cone program"):
        case.matrix()
