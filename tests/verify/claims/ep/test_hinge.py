"""ep (18) hinge loss (Theorems 5.1-5.2, Corollary 5.1) and A.7 vector outputs: exact values."""

from fractions import Fraction as F

import pytest

from cases import shipped_case
from exact.checker import check_certificate
from exact.lp import solve_lp
from exact.relu.hinge import constant_as_neuron, hinge_objective, solve_hinge_1d
from verify.claims.ep import thm_5_1
from verify.claims.ep.programs import printed_dual_51
from verify.claims.ep.thm_5_1 import check_hinge
from verify.claims.ep.vector_output import _group_bracket, check_vector_output, one_hot
from verify.numeric.bracket import Bracket
from verify.registry import Context
from verify.result import CONFIRMED, PROVED, REFUTED, UNDECIDED, Draft, render_value

X6 = [F(t) for t in range(6)]
Y6 = [F(t) for t in (1, 1, -1, -1, 1, 1)]


@pytest.mark.parametrize("name, infinite, svm, attained", [
    ("ep-hinge-signchange", F(11, 12), F(11, 12), True),
    ("ep-hinge-nosignchange", F(0), F(1, 15), False),
    ("ep-hinge-offset", F(2, 5), F(11, 25), False),
])
def test_hinge_values(name, infinite, svm, attained):
    case = shipped_case(name)
    beta = case.params["beta"]
    sol = solve_hinge_1d(case.x, case.y, beta)
    assert (sol.value, sol.attained) == (infinite, attained)
    assert solve_hinge_1d(case.x, case.y, beta, "data-knots").value == svm
    for mode in ("infinite", "no-bias"):  # Theorem 5.1's printed dual has the primal's value
        dual = -solve_lp(printed_dual_51(case.x, case.y, beta, mode)).value
        assert dual == solve_hinge_1d(case.x, case.y, beta, mode).value


def test_theorem_5_2_counterexample_is_a_finite_network():
    sol = solve_hinge_1d(X6, Y6, F(1, 10))
    assert sol.constant == -3
    net = constant_as_neuron(sol, F(11, 25) - F(2, 5))
    assert (net.u[-1], net.b[-1], net.w[-1]) == (0, 16, F(-3, 16))
    assert hinge_objective(net, X6, Y6, F(1, 10)) == F(67, 160) < F(11, 25)
    assert solve_hinge_1d(X6, Y6, F(1, 10), "kernel").value == F(9, 5)
    assert solve_hinge_1d(X6, Y6, F(1, 10), "no-bias").value == F(251, 50)


def test_labels_must_be_signs():
    with pytest.raises(ValueError, match="must be \\+1 or -1"):
        solve_hinge_1d([F(0), F(1)], [F(1), F(2)], F(1))


@pytest.mark.parametrize("name, verdict, value", [
    ("ep-hinge-signchange", PROVED, F(11, 12)), ("ep-hinge-nosignchange", REFUTED, F(0)),
    ("ep-hinge-offset", REFUTED, F(2, 5)), ("ep-hinge-rankone", PROVED, F(4, 25)),
])
def test_hinge_claim(tmp_path, name, verdict, value):
    res = check_hinge(shipped_case(name), Context(tmp_path))
    assert (res.verdict, res.value) == (verdict, value)
    status = {p.what.split(" [")[0] if "Theorem 5.1" in p.what else p.what: p.status for p in res.printed}
    assert status["Theorem 5.2: the l1-SVM on the extreme-point features solves (18)"] == \
        ("MATCH" if verdict == PROVED else "MISMATCH")
    assert status["Corollary 5.1: l1-SVM with the kernel K_ij = (a_i - a_j)_+ is equivalent"] == "MISMATCH"
    # four hinge modes and two printed-dual LPs, all certified
    assert [c.kind_relation for c in res.checked] == ["equals"] * 6 and all(c.ok for c in res.checked)
    if name == "ep-hinge-rankone":
        assert all(p.status == "MATCH" for p in res.printed if "printed features" in p.what or "b_i*" in p.what)
    if name == "ep-hinge-nosignchange":
        assert any("no optimum of the l1-SVM has a kink strictly inside" in n for n in res.notes)
    if verdict == REFUTED:  # Theorem 5.2: the certified SVM value exceeds the certified infimum of (18)
        (finding,) = res.findings
        svm, inf = res.checked[1], res.checked[0]
        assert finding.place == "Theorem 5.2" and finding.certificates == (svm.path, inf.path)
        assert svm.value > inf.value == value and f"value {svm.value} > inf (18) = {value}" in finding.shows
    else:
        assert not res.findings


def test_hinge_undecided_without_tightness(tmp_path, monkeypatch):
    """Corollary 5.1's tightness failing at the certified dual would contradict the certificates: UNDECIDED."""
    monkeypatch.setattr(thm_5_1, "_corollary_5_1", lambda *args: False)
    res = check_hinge(shipped_case("ep-hinge-signchange"), Context(tmp_path))
    assert res.verdict == UNDECIDED


def test_vector_bracket_contains_known_value_and_solver(tmp_path):
    case = shipped_case("ep-vector-signed")
    Y = one_hot(case.y, signed=True)
    res = Draft("ep.vector-output", case.name, "ERROR", "", ())
    cert, val = _group_bracket(case.x, Y, True, res, Context(tmp_path), "t")
    lo, up = cert.lower, cert.upper
    assert cert.ok and cert.kind_relation == "between" and lo <= up and up - lo < F(1, 10**6)
    assert lo * lo <= 128 <= up * up  # the exact optimum is 8 sqrt(2)
    assert float(lo) - 1e-9 <= val <= float(up) + 1e-9
    doc = __import__("json").load(open(res.certificates[0]))
    assert check_certificate(doc).relation == {"type": "between", "lower": str(lo), "upper": str(up)}
    V, eps = doc["dual"]["V"], F(1, 10**12)
    V[0] = [str(F(V[0][0]) - eps), V[0][1]]
    assert any(p.startswith("dual: V^T 1 = ") for p in check_certificate(doc).problems)
    V[1] = [str(F(V[1][0]) + eps), V[1][1]]  # centred again (Y_00 != Y_10): trace(V^T Y) is not the stated lower
    assert [p.split(" but ")[0] for p in check_certificate(doc).problems] == [
        f"relation: the certificate states {{'type': 'between', 'lower': '{lo}', 'upper': '{up}'}}"]


def test_vector_output_claims(tmp_path):
    res = check_vector_output(shipped_case("ep-vector-1d"), Context(tmp_path))
    assert res.verdict == REFUTED and res.data["l1"] == "12" and isinstance(res.value, Bracket)
    (lo, up), (lo_e, _) = res.data["bracket"], res.data["bracket_theorem1"]
    assert up < lo_e and lo <= res.data["solver"] + 1e-9 and float(up) + 1e-9 >= res.data["solver"]
    assert render_value(res.value) == "[7.34846922089, 7.34846923194]"  # around sqrt(54) = 7.34846922835
    (finding,) = res.findings
    assert finding.place == "Theorem 1 (Appendix A.7)" and f"(48) <= {up} < {lo_e}" in finding.shows
    assert [p.split("__")[-1] for p in finding.certificates] == ["group_infinite.json", "group_theorem1.json"]
    res = check_vector_output(shipped_case("ep-vector-signed"), Context(tmp_path))
    assert res.verdict == CONFIRMED and res.data["l1"] == "16" and not res.findings
