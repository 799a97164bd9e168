"""kh (7), (9), (11) and the Figure 1 example: exact values, findings, certificates."""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction as F

import pytest

from cases import shipped_case
from exact.checker import check_certificate
from exact.checker.relu1d import kinks_1d, secant_kinks
from exact.convention import Convention, HiddenBias
from exact.relu.hinge import hard_margin_1d
from exact.relu.interpolation import interpolate_1d
from exact.relu.pattern_program import solve_1d
from verify.claims.kh import thm_1, thm_2, thm_3  # noqa: F401 - registers the claims run() looks up
from verify.claims.kh._shared import classification_cases, example_cases, with_alpha
from verify.claims.kh.example_1 import Pieces, _decide
from verify.claims.kh.programs import build
from verify.context import Certified
from verify.numeric.bracket import Bracket
from verify.registry import CLAIMS, Context, run_check
from verify.result import ERROR, PROVED, REFUTED, UNDECIDED, Draft

X = [F(s) for s in ("-1", "-0.6", "-0.2", "0.2", "0.6", "1")]
Y = [F(v) for v in (1, -1, 1, 1, -1, 1)]


@pytest.mark.parametrize("alpha, value", [(F(0), F(30)), (F(1, 10), F(100, 3)), (F(-1, 2), F(20))])
def test_example_7_exact(alpha, value):
    corrected = solve_1d(build(X, Y, 7, "corrected", alpha))
    assert corrected.value == value == interpolate_1d(X, Y, Convention(alpha)).value
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


def run(claim_id: str, case, ctx):
    """The frozen result (its verdict as trusted: withheld without an accepted certificate)."""
    return run_check(CLAIMS[claim_id], case, ctx)


def on(x, y, name="t"):
    """A 1-D case on the Figure 1 record with other data (no recorded expectation)."""
    return replace(example_cases()[0], name=name, x=tuple(map(F, x)), y=tuple(map(F, y)), expect={})


def kinds(res) -> set[str]:
    return {check_certificate(json.load(open(p))).kind for p in res.certificates}


def test_example_claim(ctx):
    res = run("kh.example-1", example_cases()[0], ctx)
    assert res.verdict == PROVED and res.value == F(30) and res.value_text == "30"
    assert (res.data["pieces_min"], res.data["pieces_min_proved"]) == (4, True)
    assert (res.data["pieces_max"], res.data["pieces_max_proved"]) == (7, True)
    assert res.data["nine_value"] == "10 + 4*sqrt(34)" and res.data["nine_unique"] is True
    assert any("kinks at ['-3/5', '0', '3/5']" in n for n in res.notes)
    assert any("the (9) solution is also (7)-optimal" in n for n in res.notes)
    assert any("most-pieces (7) optimum is NOT (9)-optimal: its function differs" in n for n in res.notes)
    assert {"pattern-face-pieces", "relu1d-joint-exact", "relu1d-joint-bracket", "pattern-program-1d"} <= kinds(res)
    assert not res.findings
    (fig,) = res.figures  # Figure 1 redrawn: the fewest- and most-pieces (7) optima and the exact (9) optimum
    assert [(f["label"], f["role"]) for f in fig["functions"]] == [
        ("(7) optimum, 4 pieces", "extreme optimum"), ("(7) optimum, 7 pieces", "extreme optimum"),
        ("(9) optimum (exact)", "certified optimum")]


@pytest.mark.parametrize("case, value, unique_pieces", [
    (1, "100/9 + 40/9*sqrt(34)", 4), (2, "5/3 + 4/3*sqrt(26) + 8/3*sqrt(34)", 5)])
def test_example_variants_exact_nine(ctx, case, value, unique_pieces):
    """alpha = 1/10 and -1/2: (7) pieces range [4, 7] proved; (9) exact and its optimal function unique."""
    res = run("kh.example-1", example_cases()[case], ctx)
    assert res.verdict == PROVED and (res.data["pieces_min"], res.data["pieces_max"]) == (4, 7)
    assert res.data["nine_value"] == value and res.data["nine_unique"] is True
    assert any(f"(9) optimal network (exact): {unique_pieces} pieces" in n for n in res.notes)


def test_example_refuted_when_every_optimum_has_as_many_pieces(ctx):
    """|x| on {-1, 0, 1}: the certified range has fewest = most = 2 pieces, a checked counterexample."""
    res = run("kh.example-1", on((-1, 0, 1), (1, 0, 1)), ctx)
    assert res.verdict == REFUTED and res.value == 2
    (f,) = res.findings
    assert f.place == "Section V, Figure 1 (the 1-D example)"
    assert f.shows.startswith("every optimal solution of (7) has 2 pieces over R")
    assert f.certificates == tuple(p for p in res.certificates if p.endswith("__eq7_pieces.json"))


def test_example_undecided_without_the_exact_nine(ctx):
    """(0, 1, 1, 0): the (2)+(8) optimum is only bracketed, so uniqueness is not certified: UNDECIDED, not REFUTED."""
    res = run("kh.example-1", on((0, 1, 2, 3), (0, 1, 1, 0)), ctx)
    assert res.verdict == UNDECIDED and not res.findings
    assert any(n.startswith("not decided: ") and "not certified with a unique optimal function" in n
               for n in res.notes)
    assert "relu1d-joint-exact" not in kinds(res)


def test_example_decision_rule():
    """PROVED needs every part shown; a missing part is UNDECIDED (never REFUTED) and is named."""
    faces = Certified("f.json", True, ())
    shown = {"a": True, "b": True}

    def decide(fewest, most, parts):
        return _decide(Draft("kh.example-1", "t", ERROR, "", ()), faces, fewest, most, parts)

    assert decide(Pieces(4, 4), Pieces(7, 7), shown).verdict == PROVED
    res = decide(Pieces(4, 4), Pieces(7, 7), {**shown, "b": False})
    assert res.verdict == UNDECIDED and res.notes[-1] == "not decided: b"
    res = decide(Pieces(5, 5), Pieces(5, 5), shown)
    assert res.verdict == REFUTED and res.findings[0].certificates == ("f.json",)


def test_min_kinks_is_a_lower_bound():
    assert secant_kinks(X, Y) == 3
    assert secant_kinks([F(0), F(1), F(2), F(3)], [0, 1, 0, 1]) == 2  # up-down-up zigzag: two opposite jumps
    assert secant_kinks([F(0), F(1), F(2), F(3)], [0, 0, 1, 3]) == 1  # convex: one stab serves both up-jumps


@pytest.mark.parametrize("name, equation, lo, hi", [
    ("kh-2d-four", 7, F(670820384078, 10**11), F(670820398942, 10**11)),
    ("kh-2d-degenerate", 9, F(547632975304, 10**11), F(547632975505, 10**11)),
])
def test_2d_brackets(ctx, name, equation, lo, hi):
    res = run("kh.thm-1" if equation == 7 else "kh.thm-2", shipped_case(name), ctx)
    assert res.verdict == REFUTED  # the printed program is infeasible (exact Farkas), the corrected one brackets
    A, B = res.data["program_bracket"], res.data["dictionary_bracket"]
    assert isinstance(res.value, Bracket) and (res.value.lower, res.value.upper) == (F(A["lower"]), F(A["upper"]))
    assert lo <= res.value.lower <= res.value.upper <= hi and res.value_text == res.value.text(12)
    assert F(A["lower"]) - F(1, 10**6) <= F(res.data["float"]) <= F(A["upper"]) + F(1, 10**6)  # SOLVER_TOL
    assert F(A["lower"]) <= F(B["upper"]) and F(B["lower"]) <= F(A["upper"])
    (f,) = res.findings
    theorem = {7: "Theorem 1, program (7) (Section III-A)", 9: "Theorem 2, program (9) (Section III-B)"}[equation]
    assert f.place == theorem and f.shows.startswith(f"({equation}) as printed is infeasible (exact Farkas vector")
    assert [p.rsplit("__", 1)[1] for p in f.certificates] == [
        "printed_feasibility.json", f"bracket_{equation}A.json", f"bracket_{equation}B.json"]
    assert check_certificate(json.load(open(f.certificates[0]))).relation == {"type": "infeasible"}


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
    res = run("kh.thm-2", example_cases()[0], ctx)
    assert res.verdict == REFUTED and res.value_text == "10 + 4*sqrt(34)"
    path = next(p for p in res.certificates if p.endswith("__joint_bracket.json"))
    rep = check_certificate(json.load(open(path)))
    assert rep.ok and rep.relation["type"] == "between"
    lo, hi = F(rep.relation["lower"]), F(rep.relation["upper"])
    assert F(33323807552, 10**9) <= lo <= hi <= F(33323807580, 10**9)
    (f,) = res.findings
    assert f.place == "Theorem 2, program (9) (Section III-B)" and "(9) as printed is infeasible" in f.shows
    assert path in f.certificates and any(p.endswith("__printed_feasibility.json") for p in f.certificates)


def test_thm1_findings_1d(ctx):
    """(7) as printed is certified infeasible (kind lp) while P* is finite (kind relu1d-l1-interpolation)."""
    res = run("kh.thm-1", example_cases()[1], ctx)
    assert res.verdict == REFUTED and res.value == F(100, 3)
    (f,) = res.findings
    assert (f.paper, f.place) == ("kh", "Theorem 1, program (7) (Section III-A)")
    assert f.shows.startswith("(7) as printed is infeasible while P* = 100/3 is finite")
    assert [p.rsplit("__", 1)[1] for p in f.certificates] == ["printed.json", "infinite_width.json"]


def test_thm1_proved_and_thm2_undecided_on_convex_data(ctx):
    """1 + |x|: (7) as printed (nonnegative measures only) is feasible with the value P* = 2 (PROVED); the printed
    (9) is feasible too, but its value is not computed: UNDECIDED, not REFUTED."""
    case = on((-1, 0, 1), (2, 1, 2))
    one = run("kh.thm-1", case, ctx)
    assert one.verdict == PROVED and one.value == 2 and not one.findings
    two = run("kh.thm-2", case, ctx)
    assert two.verdict == UNDECIDED and two.value == 3 and not two.findings
    assert any("(9) as printed (closure) is feasible" in n for n in two.notes)


def test_thm3_claim(ctx):
    for case in classification_cases():
        res = run("kh.thm-3", case, ctx)
        assert res.verdict == REFUTED
        ten = check_certificate(json.load(open(res.certificates[0])))  # (10) over networks of any width
        assert ten.ok and ten.kind == "relu1d-margin" and ten.value == str(hard_margin_1d(case.x, case.y)[2].value)
        assert res.value == F(ten.value)  # the corrected (11) equals the certified (10)
        (f,) = res.findings
        assert f.place == "Theorem 3, programs (10)-(11) (Section IV)"
        assert f.certificates == (res.certificates[1], res.certificates[0])  # (11) as printed, (10)
    assert f.shows.startswith("(11) as printed is optimal with value 2 while (10) = 4")  # the V of labels


def test_wrong_float_dual_is_repaired():
    from exact.certificates.relu1d_joint_bracket import joint_bracket_certificate
    from exact.relu.pattern_program import pattern_program
    from verify.numeric.joint1d import joint_bracket
    from verify.numeric.pattern_brackets import socp
    prog = pattern_program(X, Y, Convention(hidden_bias=HiddenBias.IN_NORM))
    value, W, B, v = socp(prog)
    jb = joint_bracket(X, tuple(Y), F(0), prog, W, B, v * 3 + 0.5)  # far from feasible
    doc = joint_bracket_certificate("t", "t", X, Y, F(0), jb.network, jb.v, jb.bracket.lower, jb.bracket.upper,
                                    jb.norm_bounds)
    assert check_certificate(doc).ok and jb.bracket.lower <= F(value) + 1


def _certificate(res, suffix):
    import json
    return json.load(open(next(p for p in res.certificates if p.endswith(suffix + ".json"))))


def test_2d_bracket_certificates(ctx):
    """Both 2-D brackets are certified (kind pattern-bracket; its tampering: tests/checker/test_pattern_bracket.py)."""
    res = run("kh.thm-1", shipped_case("kh-2d-four"), ctx)
    for tag in ("A", "B"):
        rep = check_certificate(_certificate(res, f"__bracket_7{tag}"))
        bracket = res.data[("program" if tag == "A" else "dictionary") + "_bracket"]
        assert rep.ok and rep.relation == {"type": "between", "lower": bracket["lower"], "upper": bracket["upper"]}


def test_printed_program_above_the_infinite_width_value_in_2d(ctx):
    """FINDING: with alpha = 1/10 the printed (7) is feasible on kh-2d-six but exactly above val(2)+(3)."""
    res = run("kh.thm-1", with_alpha(shipped_case("kh-2d-six"), F(1, 10)), ctx)
    assert res.verdict == REFUTED
    doc = _certificate(res, "__printed_lower")
    rep = check_certificate(doc)
    assert rep.ok and rep.kind == "pattern-program-lower"
    assert rep.relation["type"] == "at-least" and rep.data["minus_sign"] == -1
    assert F(rep.value) > F(res.data["program_bracket"]["upper"]) + F(9, 100)  # about 2.4336 > 2.3356
    (f,) = res.findings
    assert f.place == "Theorem 1, program (7) (Section III-A)"
    assert "as printed is feasible here but strictly above val(2)+(3)" in f.shows
    assert f.certificates[0].endswith("__printed_lower.json")


def test_2d_printed_feasible_not_above_is_undecided(ctx):
    """y = x_1 + x_2 is fitted by nonnegative neurons: the printed (7) is feasible and its certified lower bound
    does not exceed val(2)+(3), so its value is not decided (UNDECIDED, no finding)."""
    case = replace(shipped_case("kh-2d-four"), name="t", X=((F(0), F(0)), (F(1), F(0)), (F(0), F(1)), (F(1), F(1))),
                   y=(F(0), F(1), F(1), F(2)), expect={})
    res = run("kh.thm-1", case, ctx)
    assert res.verdict == UNDECIDED and not res.findings and isinstance(res.value, Bracket)
    assert any("its value is not decided" in n for n in res.notes)
