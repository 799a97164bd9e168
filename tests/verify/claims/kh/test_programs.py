"""kh (7), (9), (11) and the Figure 1 example: exact values, findings, certificates."""

from __future__ import annotations

import json
import os
from fractions import Fraction as F

import pytest

from exact.checker import check_certificate
from exact.checker.relu1d import kinks_1d, secant_kinks
from exact.relu.hinge import hard_margin_1d
from exact.relu.interpolation import interpolate_1d
from exact.relu.pattern_program import solve_1d
from verify.claims.kh._shared import classification_cases, example_cases
from verify.claims.kh.example_1 import check_example
from verify.claims.kh.programs import build
from verify.claims.kh.thm_2 import check_thm2
from verify.claims.kh.thm_3 import check_thm3
from verify.registry import Context
from verify.result import PROVED, REFUTED

X = [F(s) for s in ("-1", "-0.6", "-0.2", "0.2", "0.6", "1")]
Y = [F(v) for v in (1, -1, 1, 1, -1, 1)]


@pytest.mark.parametrize("alpha, value", [(F(0), F(30)), (F(1, 10), F(100, 3)), (F(-1, 2), F(20))])
def test_example_7_exact(alpha, value):
    corrected = solve_1d(build(X, Y, 7, "corrected", alpha))
    assert corrected.value == value == interpolate_1d(X, Y, alpha=alpha).value
    printed = solve_1d(build(X, Y, 7, "printed", alpha))
    assert printed.status == "infeasible"
    assert printed.result.farkas_eq == (0, -1, 1, 1, -1, 0)


def test_pattern_count_and_kinks():
    assert len(build(X, Y, 7, "corrected").patterns) == 12
    # t_+ + (-t)_+ = |t| kinks once; t_+ - (-t)_+ = t does not
    assert kinks_1d([(F(1), F(0), F(1)), (F(-1), F(0), F(1))], F(0)) == [F(0)]
    assert kinks_1d([(F(1), F(0), F(1)), (F(-1), F(0), F(-1))], F(0)) == []


def test_classification_values():
    assert hard_margin_1d(X, Y)[2].value == 30
    sep = [F(-1), F(0), F(1), F(2)], [F(-1), F(-1), F(1), F(1)]
    assert hard_margin_1d(*sep)[2].value == 2
    assert solve_1d(build(*sep, 11, "corrected")).value == 2
    assert solve_1d(build(*sep, 11, "printed")).value == 0  # the finding: below (10)


@pytest.fixture
def ctx(tmp_path):
    return Context(tmp_path)


def test_example_claim(ctx):
    res = check_example(example_cases()[0], ctx)
    assert res.verdict == PROVED and res.value == "30"
    assert (res.data["pieces_min"], res.data["pieces_min_proved"]) == (4, True)
    assert (res.data["pieces_max"], res.data["pieces_max_proved"]) == (7, True)
    assert res.data["nine_value"] == "10 + 4*sqrt(34)" and res.data["nine_unique"] is True
    assert any("kinks at ['-3/5', '0', '3/5']" in n for n in res.notes)
    assert any("the (9) solution is also (7)-optimal" in n for n in res.notes)
    assert any("most-pieces (7) optimum is NOT (9)-optimal: its function differs" in n for n in res.notes)
    kinds = {check_certificate(json.load(open(p))).kind for p in res.certificates}
    assert {"pattern-face-pieces", "relu1d-joint-exact", "relu1d-joint-bracket", "lp"} <= kinds
    png = res.data["plots"][0]
    assert png.endswith(".png") and os.path.getsize(png) > 1000


@pytest.mark.parametrize("case, value, unique_pieces", [
    (1, "100/9 + 40/9*sqrt(34)", 4), (2, "5/3 + 4/3*sqrt(26) + 8/3*sqrt(34)", 5)])
def test_example_variants_exact_nine(ctx, case, value, unique_pieces):
    """alpha = 1/10 and -1/2: (7) pieces range [4, 7] proved; (9) exact and its optimal function unique."""
    res = check_example(example_cases()[case], ctx)
    assert res.verdict == PROVED and (res.data["pieces_min"], res.data["pieces_max"]) == (4, 7)
    assert res.data["nine_value"] == value and res.data["nine_unique"] is True
    assert any(f"(9) optimal network (exact): {unique_pieces} pieces" in n for n in res.notes)


def test_min_kinks_is_a_lower_bound():
    assert secant_kinks(X, Y) == 3
    assert secant_kinks([F(0), F(1), F(2), F(3)], [0, 1, 0, 1]) == 2  # up-down-up zigzag: two opposite jumps
    assert secant_kinks([F(0), F(1), F(2), F(3)], [0, 0, 1, 3]) == 1  # convex: one stab serves both up-jumps


@pytest.mark.parametrize("name, equation, lo, hi", [
    ("kh-2d-four", 7, F(670820384078, 10**11), F(670820398942, 10**11)),
    ("kh-2d-degenerate", 9, F(547632975304, 10**11), F(547632975505, 10**11)),
])
def test_2d_brackets(ctx, name, equation, lo, hi):
    from cases import shipped_case
    from verify.claims.kh.thm_1 import check_thm1
    case = shipped_case(name)
    res = (check_thm1 if equation == 7 else check_thm2)(case, ctx)
    assert res.verdict == REFUTED  # the printed program is infeasible (exact Farkas), the corrected one brackets
    A, B = res.data["program_bracket"], res.data["dictionary_bracket"]
    assert lo <= F(A["lower"]) <= F(A["upper"]) <= hi
    assert F(A["lower"]) - F(1, 10**6) <= F(res.data["float"]) <= F(A["upper"]) + F(1, 10**6)  # SOLVER_TOL
    assert F(A["lower"]) <= F(B["upper"]) and F(B["lower"]) <= F(A["upper"])
    assert any("as printed is infeasible" in n for n in res.notes)


def test_pattern_sup_bounds_a_wrong_dual():
    """A tampered (doubled) dual is not accepted as feasible: the sup bound doubles, the lower bound is unchanged."""
    from cases import shipped_case
    from exact.relu.arrangements import affine_sign_patterns
    from verify.numeric.sups import pattern_sup
    Xm = shipped_case("kh-2d-four").X
    J = affine_sign_patterns(Xm)
    v = [F(1), F(-2), F(3, 2), F(-1, 2)]
    one, two = (pattern_sup(Xm, [k * t for t in v], F(0), J, joint=False).upper for k in (1, 2))
    assert F(19, 10) < two / one < F(21, 10)
    with pytest.raises(ValueError):
        pattern_sup(Xm, [F(1), F(0), F(0), F(0)], F(0), J, joint=False)  # 1^T v != 0: the sup is infinite


def test_joint_bracket_certificate(ctx):
    """The bracket of (2)+(8) certified in the run (its tampering: tests/checker/test_relu1d_joint_bracket.py)."""
    import json
    res = check_thm2(example_cases()[0], ctx)
    assert res.verdict == REFUTED
    path = next(p for p in res.certificates if p.endswith("__joint_bracket.json"))
    rep = check_certificate(json.load(open(path)))
    assert rep.ok and rep.relation["type"] == "between"
    lo, hi = F(rep.relation["lower"]), F(rep.relation["upper"])
    assert F(33323807552, 10**9) <= lo <= hi <= F(33323807580, 10**9)


def test_thm3_claim(ctx):
    for case in classification_cases():
        res = check_thm3(case, ctx)
        assert res.verdict == REFUTED
        ten = check_certificate(json.load(open(res.certificates[0])))  # (10) over networks of any width
        assert ten.ok and ten.kind == "relu1d-margin" and ten.value == str(hard_margin_1d(case.x, case.y)[2].value)


def test_wrong_float_dual_is_repaired():
    from exact.certificates.relu1d_joint_bracket import joint_bracket_certificate
    from exact.relu.pattern_program import pattern_program
    from verify.numeric.joint1d import joint_bracket
    from verify.numeric.pattern_brackets import socp
    prog = pattern_program(X, Y, joint_norm=True)
    value, W, B, v = socp(prog)
    jb = joint_bracket(X, tuple(Y), F(0), prog, W, B, v * 3 + 0.5)  # far from feasible
    doc = joint_bracket_certificate("t", "t", X, Y, F(0), jb.network, jb.v, jb.bracket.lower, jb.bracket.upper)
    assert check_certificate(doc).ok and jb.bracket.lower <= F(value) + 1


def _certificate(res, suffix):
    import json
    return json.load(open(next(p for p in res.certificates if p.endswith(suffix + ".json"))))


def test_2d_bracket_certificates(ctx):
    """Both 2-D brackets are certified (kind pattern-bracket; its tampering: tests/checker/test_pattern_bracket.py)."""
    from cases import shipped_case
    from verify.claims.kh.thm_1 import check_thm1
    res = check_thm1(shipped_case("kh-2d-four"), ctx)
    for tag in ("A", "B"):
        rep = check_certificate(_certificate(res, f"__bracket_7{tag}"))
        bracket = res.data[("program" if tag == "A" else "dictionary") + "_bracket"]
        assert rep.ok and rep.relation == {"type": "between", "lower": bracket["lower"], "upper": bracket["upper"]}


def test_printed_program_above_the_infinite_width_value_in_2d(ctx):
    """FINDING: with alpha = 1/10 the printed (7) is feasible on kh-2d-six but exactly above val(2)+(3)."""
    from cases import shipped_case
    from verify.claims.kh._shared import with_alpha
    from verify.claims.kh.thm_1 import check_thm1
    res = check_thm1(with_alpha(shipped_case("kh-2d-six"), F(1, 10)), ctx)
    assert res.verdict == REFUTED
    doc = _certificate(res, "__printed_lower")
    rep = check_certificate(doc)
    assert rep.ok and rep.kind == "pattern-program-lower"
    assert rep.relation["type"] == "at-least" and rep.data["minus_sign"] == -1
    assert F(rep.value) > F(res.data["program_bracket"]["upper"]) + F(9, 100)  # about 2.4336 > 2.3356
