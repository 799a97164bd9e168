"""verify.report.vipr: VIPR 1.0 exports of the LP certificate kinds, checked exactly (and by viprchk when on PATH)."""

from __future__ import annotations

import copy
import functools
import json
import shutil
import subprocess
from fractions import Fraction as F
from pathlib import Path

import pytest

from exact.certificates.lp import lp_certificate
from exact.certificates.pattern_program_1d import program_1d_certificate
from exact.certificates.relu1d_hinge import hinge_certificate
from exact.checker import check_certificate
from exact.lp import LinearProgram, solve_lp
from exact.relu.hinge import solve_hinge_1d
from exact.relu.pattern_program import pattern_program, solve_1d
from tests.verify.vipr_spec import Vipr, check, parse
from verify import api
from verify.report.vipr import EXPORTS, PATTERN_NOTE, SEMI_INFINITE_NOTE, ViprExport, vipr_of, why_no_vipr

FIXTURES = Path(__file__).resolve().parents[1] / "checker" / "fixtures"
KINDS = tuple(sorted(EXPORTS))
HINGE_MODES = ("infinite", "data-knots", "kernel", "no-bias")
GOOD = sorted((k, p.stem) for k in KINDS for p in (FIXTURES / k).glob("*.json") if p.stem != "tampered")


def fixture(kind: str, name: str) -> dict:
    return json.loads((FIXTURES / kind / f"{name}.json").read_text())


def export(doc: dict) -> ViprExport:
    out = vipr_of(doc)
    assert out is not None
    return out


def checked(doc: dict) -> Vipr:
    return check(parse(export(doc).text))


def lp_doc(lp: LinearProgram) -> dict:
    return lp_certificate(lp, solve_lp(lp), "test", "test", "test")


# min x0 + 2 x1 - x2, x0 + x1 = 2, x0 - x2 <= 1, x2 <= 3, x2 free: x2 = 3, x0 = 2, x1 = 0, value -1
MIXED = LinearProgram.from_dense(c=[1, 2, -1], A_eq=[[1, 1, 0]], b_eq=[2], A_ub=[[1, 0, -1], [0, 0, 1]],
                                 b_ub=[1, 3], free=[2])
INFEASIBLE = LinearProgram.from_dense(c=[1, 1], A_eq=[[1, 1]], b_eq=[1], A_ub=[[1, 1]], b_ub=[0])
UNBOUNDED = LinearProgram.from_dense(c=[-1, 0], A_eq=[[0, 1]], b_eq=[1])


@functools.cache  # read only: no test edits these documents
def relu_docs() -> dict[str, dict]:
    return {"tent": api.certify_1d([0, 1, 2], [0, 1, 0]).certificate,
            "leaky": api.certify_1d([0, 1, 2], [0, 1, 0], alpha="1/4").certificate,
            "bias": api.certify_1d([0, 1, 2], [0, 1, 0], output_bias=True).certificate,
            "wiggle": api.certify_1d([-1, 0, 1, 3], [1, -1, 2, 0], alpha="-1/2").certificate}


@pytest.mark.parametrize(("kind", "name"), GOOD)
def test_fixture_exports_pass_the_spec_checker_with_the_relation_value(kind, name):
    doc = fixture(kind, name)
    v = checked(doc)
    if doc["relation"]["type"] == "infeasible":
        assert v.rtp is None and v.derived[-1].constraint.coef == {} and v.derived[-1].constraint.rhs > 0
    else:
        assert v.rtp is not None and v.rtp[0] == F(doc["relation"]["value"])
        assert len(v.derived) == 1 and v.derived[0].constraint.coef == v.objective


def test_lp_export_is_the_lp_itself():
    doc = fixture("lp", "valid")  # min x0 + x1 - x2, x0 + 2 x1 = 3, x2 <= 5, x2 free; x = (0, 3/2, 5)
    v = checked(doc)
    assert v.variables == ("x0", "x1", "x2") and v.sense == "min" and v.integers == ()
    assert v.objective == {0: 1, 1: 1, 2: -1}
    assert v.bounds == 2 and [c.coef for c in v.constraints[:2]] == [{0: 1}, {1: 1}]
    assert [(c.sense, c.rhs, c.coef) for c in v.constraints[2:]] == [("E", 3, {0: 1, 1: 2}), ("L", 5, {2: 1})]
    assert v.rtp == (F(-7, 2), F(-7, 2)) and v.solutions == (("primal", {1: F(3, 2), 2: 5}),)
    # reduced costs 1 - 1/2 and 1 - 2 (1/2) = 0 on the bounds, y = 1/2, z = -1: only nonzero multipliers
    assert v.derived[0].terms == ((0, F(1, 2)), (2, F(1, 2)), (3, F(-1)))


def test_produced_optimal_lp_exports_with_its_exact_value():
    doc = lp_doc(MIXED)
    v = checked(doc)
    value = F(doc["relation"]["value"])
    assert v.rtp == (value, value) and value == F(-1)
    assert v.bounds == 2 and len(v.constraints) == 5


def test_produced_infeasible_lp_exports_a_farkas_absurdity():
    doc = lp_doc(INFEASIBLE)
    assert "farkas" in doc
    v = checked(doc)
    last = v.derived[-1].constraint
    assert v.rtp is None and v.solutions == () and last.coef == {} and last.sense == "G" and last.rhs == 1
    assert "RTP infeas" in export(doc).text


def test_unbounded_lp_and_other_kinds_have_no_export():
    doc = lp_doc(UNBOUNDED)
    assert doc["relation"] == {"type": "unbounded"}
    assert vipr_of(doc) is None and "unbounded" in (why_no_vipr(doc) or "")
    other = fixture("spike-free", "valid")
    assert vipr_of(other) is None and "no finite LP" in (why_no_vipr(other) or "")
    for kind, reason in [("l1-ls-kkt", "squared loss"), ("pattern-program-lower", "Euclidean norms"),
                         ("relu1d-extreme-point", "no LP multipliers")]:
        doc = fixture(kind, "valid")
        assert vipr_of(doc) is None and reason in (why_no_vipr(doc) or "")
    assert why_no_vipr(fixture("lp", "valid")) is None
    old = dict(fixture("lp", "valid"), version=1)
    assert vipr_of(old) is None and "version 2" in (why_no_vipr(old) or "")


@pytest.mark.parametrize("label", ["tent", "leaky", "bias", "wiggle"])
def test_produced_interpolation_certificates_export_their_value(label):
    doc = relu_docs()[label]
    v = checked(doc)
    value = F(doc["relation"]["value"])
    assert v.rtp == (value, value) and len(v.solutions) == 1  # the producer's knots are on the data
    assert v.variables[-1] == "c0" and len(v.constraints) - v.bounds == len(doc["data"]["x"])
    # the tent's two unit slope jumps cost 2, or 2 / (1 - alpha) = 8/3 with leaky ramps
    assert value == {"tent": 2, "leaky": F(8, 3), "bias": 2}.get(label, value)


def test_tent_dictionary_and_note():
    out = export(relu_docs()["tent"])
    v = check(parse(out.text))
    assert out.note == SEMI_INFINITE_NOTE and out.text.startswith(f"% {SEMI_INFINITE_NOTE}\n")
    # alpha = 0 on 0, 1, 2: sigma(x - 2) and sigma(-x) vanish on the data and are left out
    assert v.variables == ("up0_pos", "up0_neg", "up1_pos", "up1_neg", "dn1_pos", "dn1_neg", "dn2_pos", "dn2_neg",
                           "hi_up", "hi_dn", "c0")
    assert v.bounds == 10 and v.objective == {j: 1 for j in range(10)}
    assert [c.rhs for c in v.constraints[10:]] == [0, 1, 0]
    # the tent 1 - (x - 1)_+ - (1 - x)_+: weight -1 on the ramps at x = 1 and the constant 1
    assert v.solutions[0][1] == {3: 1, 5: 1, 10: 1}


def test_off_data_knot_gives_the_lower_bound_only():
    doc = fixture("relu1d-l1-interpolation", "sample-3")  # a knot at 2/3 (kinks_off_data)
    out = export(doc)
    v = check(parse(out.text))
    assert v.rtp == (F(8), None) and v.solutions == ()
    assert "lower bound only" in out.note and out.text.splitlines()[1] == f"% {out.note.splitlines()[1]}"


def test_exports_list_only_nonzero_coefficients():
    for doc in [*relu_docs().values(), lp_doc(MIXED), fixture("lp", "sample-2")]:
        lines = export(doc).text.splitlines()
        con, rtp = (next(i for i, s in enumerate(lines) if s.startswith(w)) for w in ("CON ", "RTP "))
        values = [row.split()[5::2] for row in lines[con + 1:rtp]]             # name sense rhs p i1 a1 ...
        values.append(lines[-1].split("{")[1].split("}")[0].split()[3::2])     # lin p i1 l1 ...
        values += [row.split()[3::2] for row in lines if row.startswith("primal ")]  # name p i1 v1 ...
        assert all(values) and all(F(a) != 0 for row in values for a in row)


@pytest.mark.parametrize(("kind", "path", "new", "message"), [
    ("lp", ("dual", "y_eq", 0), "1", "not a suitable linear combination"),        # reduced cost 1 - 2 < 0
    ("lp", ("dual", "y_eq", 0), "1/4", r"not dominate it \(G -17/4 is weaker\)"),   # b.y = -17/4 < -7/2
    ("lp", ("dual", "y_ub", 0), "-2", "left sides differ at x2"),                   # free x2: z != c_2
    ("relu1d-l1-interpolation", ("dual", "v", 0), "1", "not a suitable linear combination"),
    ("relu1d-l1-interpolation", ("dual", "v", 2), "1/2", "left sides differ at c0"),  # sum v != 0
    ("pattern-program-1d", ("dual", "v", 0), "0", "not a suitable linear combination"),  # |x^T g_t| > 1
    ("pattern-program-1d", ("dual", "mu", 0), [2, 4, "5"], "left sides differ at b2"),    # 1^T g_2 != 0, b free
    ("relu1d-margin", ("dual", "u", 0), "-1", "not a suitable linear combination"),      # u < 0 on a G row
    ("relu1d-margin", ("dual", "u", 0), "0", "not a suitable linear combination"),       # |g| > 1 at a ramp
    ("relu1d-hinge", ("dual", "v", 0), "2", "not a suitable linear combination"),    # y v outside [0, 1]
    ("relu1d-function-norm", ("dual", "kink", 0), "-2", "not a suitable linear combination"),  # |y_k - y_-| > 1
    ("pattern-face-pieces", ("dual", "y_ub", 0), "1", "not a suitable linear combination"),    # y_ub > 0
])
def test_a_tampered_multiplier_fails_with_the_expected_message(kind, path, new, message):
    doc = copy.deepcopy(fixture(kind, "valid"))
    doc[path[0]][path[1]][path[2]] = new
    with pytest.raises(ValueError, match=message):
        checked(doc)


UNSUITABLE = "not a suitable linear combination"
TAMPERED = {"lp": UNSUITABLE, "relu1d-l1-interpolation": UNSUITABLE,
            "pattern-program-1d": "primal violates constraint sign7_0",
            "pattern-face-pieces": "primal violates constraint fit1",
            "relu1d-margin": "primal violates constraint row1",  # the checker: y f = 0 < 1 at point 1
            "relu1d-hinge": "objective 32/5 outside the RTP range",  # a constant -3 in mode data-knots: dropped
            "relu1d-function-norm": "objective 4 outside the RTP range"}


@pytest.mark.parametrize("kind", KINDS)
def test_the_checkers_tampered_fixtures_fail(kind):
    with pytest.raises(ValueError, match=TAMPERED[kind]):
        checked(fixture(kind, "tampered"))


def test_a_farkas_multiplier_tampered_fails():
    doc = copy.deepcopy(fixture("pattern-program-1d", "sample-1"))  # kh (7) as printed, infeasible
    assert "RTP infeas" in export(doc).text
    doc["farkas"]["mu"][0][2] = "1"  # x^T g_t != 0: a w_t^+ or w_t^- bound gets a negative multiplier
    with pytest.raises(ValueError, match="DER: absurd: not a suitable linear combination"):
        checked(doc)
    doc["farkas"] |= {"v": ["0"] * len(doc["farkas"]["v"]), "mu": []}
    with pytest.raises(ValueError, match="does not prove the RTP infeas"):
        checked(doc)


def test_pattern_program_export_is_the_program_with_split_slopes():
    doc = fixture("pattern-program-1d", "valid")  # kh (7) corrected on 6 points: 24 terms
    n = len(doc["data"]["x"])
    out = export(doc)
    v = check(parse(out.text))
    assert out.note == PATTERN_NOTE and len(v.variables) == 12 * n and v.variables[:3] == ("w0p", "w0n", "b0")
    assert v.bounds == 8 * n and len(v.constraints) == 8 * n + n + 4 * n * n
    assert v.objective == {j: 1 for j in range(12 * n) if j % 3 != 2}
    assert [c.sense for c in v.constraints[8 * n:9 * n]] == ["E"] * n
    w, b = doc["primal"]["w"], doc["primal"]["b"]
    sol = v.solutions[0][1]
    assert all(sol.get(3 * t, 0) - sol.get(3 * t + 1, 0) == F(w[t]) for t in range(4 * n))
    assert all(sol.get(3 * t + 2, 0) == F(b[t]) for t in range(4 * n)) and len(sol) == 9  # 4 slopes, 5 biases
    margin = check(parse(export(fixture("pattern-program-1d", "sample-2")).text))  # kh (11) corrected: >= 1 rows
    assert [c.sense for c in margin.constraints[32:36]] == ["G"] * 4 and margin.rtp == (2, 2)


@functools.cache
def produced_docs() -> dict[str, dict]:
    x, y = [F(0), F(1), F(2), F(3)], [F(1), F(-1), F(-1), F(1)]
    docs = {m: hinge_certificate(solve_hinge_1d(x, y, F(1, 2), m), "test", "test") for m in HINGE_MODES}
    for margin, label in ((False, "fit"), (True, "margin")):
        docs[label] = program_1d_certificate(solve_1d(pattern_program([[t] for t in x], y, margin=margin)),
                                             "test", "test", "test")
    return docs


@pytest.mark.parametrize("label", [*HINGE_MODES, "fit", "margin"])
def test_produced_hinge_and_pattern_certificates_export_their_value(label):
    doc = produced_docs()[label]
    v = checked(doc)
    value = F(doc["relation"]["value"])
    assert v.rtp == (value, value) and len(v.solutions) == 1
    if doc["kind"] == "relu1d-hinge":  # the loss slacks loss0..loss3 cost 1, the weights beta
        assert v.variables[-4:] == ("loss0", "loss1", "loss2", "loss3") and set(v.objective.values()) <= {1, F(1, 2)}
        assert ("c0" in v.variables) == (label == "infinite")
        assert (SEMI_INFINITE_NOTE.replace("<= 1", "<= beta") in export(doc).note) == (label == "infinite")


def test_a_wrong_relation_value_fails():
    doc = copy.deepcopy(fixture("lp", "valid"))
    doc["relation"]["value"] = "-3"
    with pytest.raises(ValueError, match="SOL: solution primal has objective -7/2 outside the RTP range"):
        checked(doc)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda s: s.replace("INT 0\n", ""), "INT: missing section INT"),
    (lambda s: s.replace("VAR 3\n", "VAR 4\n"), "VAR: found section keyword INT"),
    (lambda s: s.replace("VAR 3\n", "VAR 2\n"), "INT: missing section INT .* count of VAR"),
    (lambda s: s.replace("CON 4 2\n", "CON 3 2\n"), "RTP: missing section RTP .* count of CON"),
    (lambda s: s.replace("CON 4 2\n", "CON 5 2\n"), "CON: found section keyword RTP"),
    (lambda s: s.replace("CON 4 2\n", "CON 4 3\n"), "CON: the first 3 constraints must be bound"),
    (lambda s: s.replace("DER 1\n", "DER 2\n"), "DER: unexpected end of file"),
    (lambda s: s.replace("VER 1.0", "VER 1.1"), "VER"),
    (lambda s: s.replace("{ lin", "{ rnd"), "DER: lower: reason 'rnd' is not supported"),
    (lambda s: s.replace("RTP range", "RTP interval"), "RTP: expected 'infeas' or 'range lb ub'"),
])
def test_the_parser_rejects_malformed_files_naming_the_section(edit, message):
    text = export(fixture("lp", "valid")).text
    check(parse(text))
    with pytest.raises(ValueError, match=message):
        parse(edit(text))


def test_viprchk_accepts_the_exports(tmp_path):
    binary = shutil.which("viprchk")
    if binary is None:
        pytest.skip("viprchk not on PATH (build it from the VIPR sources to run this test)")
    docs = {f"{k}-{n}": fixture(k, n) for k, n in GOOD}
    docs |= relu_docs() | produced_docs() | {"mixed": lp_doc(MIXED), "infeasible": lp_doc(INFEASIBLE)}
    # viprchk checks a SOL point against constraint i of solution i only (processSOL loops over j but tests
    # constraint[i]), so the infeasible SOL of relu1d-margin/tampered passes it; every other tampering fails
    bad = {f"tampered-{k}": fixture(k, "tampered") for k in KINDS if k != "relu1d-margin"}
    for label, doc in {**docs, **bad}.items():
        path = tmp_path / f"{label}.vipr"
        path.write_text(export(doc).text)
        run = subprocess.run([binary, str(path)], capture_output=True, text=True, timeout=60)
        assert (run.returncode == 0) == (label not in bad), (label, run.stdout[-2000:], run.stderr[-2000:])


def test_function_norm_with_a_knot_off_the_breakpoints_gives_the_lower_bound_only():
    doc = copy.deepcopy(fixture("relu1d-function-norm", "valid"))
    # f(x) = x (breakpoint 0, both slopes 1) as (x - 1)_+ - (1 - x)_+ + 1: cost 2, optimal with y = (0; 1, 1)
    doc["data"] |= {"left_slope": "1", "right_slope": "1"}
    doc["relation"] = {"type": "equals", "value": "2", "attained": True}
    doc["primal"] = {"neurons": [{"w": ["1"], "b": "-1", "c": "1"}, {"w": ["-1"], "b": "1", "c": "-1"}],
                     "constant": "1"}
    doc["dual"] = {"kink": ["0"], "left": "1", "right": "1"}
    assert check_certificate(doc).ok
    out = export(doc)
    v = check(parse(out.text))
    assert v.rtp == (2, None) and v.solutions == () and "lower bound only" in out.note
    assert v.variables == ("p0_pos", "p0_neg", "q0_pos", "q0_neg") and [c.rhs for c in v.constraints[4:]] == [0, 1, 1]
