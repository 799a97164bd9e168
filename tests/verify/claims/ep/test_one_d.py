"""ep 1-D minimum-norm interpolation: Theorem 3.3 (strong duality) and Proposition 3.1's equality case."""

from fractions import Fraction as F
from pathlib import Path

from cases import case_from_dict, shipped_case
from exact.checker import check_file
from verify.claims.ep.prop_3_1 import check_non_uniqueness
from verify.claims.ep.thm_3_3 import check_strong_duality
from verify.registry import Context, get_claim, run_check
from verify.result import PROVED, UNDECIDED


def test_strong_duality_value_from_the_certificate(tmp_path):
    res = check_strong_duality(shipped_case("ep-prop-3.1-eq"), Context(tmp_path))
    assert res.verdict == PROVED and res.value == 8 and isinstance(res.value, F)
    (cert,) = res.checked
    assert cert.relation == {"type": "equals", "value": "8", "attained": True} and not res.findings


def test_strong_duality_finding_on_37(tmp_path):
    """(37) without a constant column: a second certificate (kind relu1d-group-bracket in mode data-knots, both ends
    its value) and a finding comparing the two values."""
    res = check_strong_duality(shipped_case("abs-plus-one"), Context(tmp_path))
    assert res.verdict == PROVED and res.value == 2
    assert [c.kind_relation for c in res.checked] == ["equals", "between"]
    assert res.checked[1].lower == res.checked[1].upper == F(5, 2)
    (finding,) = res.findings
    assert finding.place == "(37) (proof of Proposition 3.1)"
    assert finding.shows.startswith("(37) without a constant column has value 5/2 while P* = 2")
    assert finding.certificates == (res.certificates[1], res.certificates[0])
    assert all(check_file(p).ok for p in finding.certificates)


def test_prop31_equality_case_proved(tmp_path):
    res = check_non_uniqueness(shipped_case("ep-prop-3.1-eq"), Context(tmp_path))
    assert res.verdict == PROVED and res.value == 8
    names = [Path(c.path).name.split("__", 2)[-1] for c in res.checked]
    assert names == ["ep-prop-3.1-eq.json", "optimum1.json", "optimum2.json", "printed_v_star.json",
                     "printed_v_hat.json", "non_spline.json"]
    optima = res.checked[1:3]
    assert [c.value for c in optima] == [8, 8]  # two certified optima of the same value
    assert any("give the same function: they differ in the weights" in n for n in res.notes)
    spline = res.checked[-1]
    # optimal, not a data-knot spline: the merged knot of two adjacent atoms of the optimum interpolate_1d returns
    # (the structured route's: weights -2 and -3/2 at 0 and 1 -> 3/7; an LP vertex gave 2/3), strictly between them
    assert spline.value == 8 and spline.qualifier("kinks_off_data") == ["3/7"]
    assert any(n.startswith("non-spline optimum: merge the u=1 atoms at 0 and 1 into weight") for n in res.notes)


def test_prop31_printed_dual_audit_finding(tmp_path):
    res = check_non_uniqueness(shipped_case("ep-prop-3.1-eq"), Context(tmp_path))
    v_star, v_hat = (c for c in res.checked if c.audit)
    assert v_star.ok and not v_hat.ok
    (finding,) = res.findings
    assert finding.place == "proof of Proposition 3.1, equality case (37)-(38)"
    assert finding.statement.startswith("solving (37) for this dataset yields v_hat = [1, -11/4, 5/4, 7/4, -5/4]")
    assert "|g| = 5/4 > 1" in finding.shows and finding.certificates == (v_hat.path,)


def test_prop31_undecided_when_37_has_a_unique_optimum(tmp_path):
    """Could not decide (no second optimum) is UNDECIDED, never REFUTED."""
    case = case_from_dict({"name": "unique-37", "x": ["0", "1", "2", "3"], "y": ["-2", "-2", "0", "-2"]}, "test")
    res = run_check(get_claim("ep.prop-3.1"), case, Context(tmp_path))
    assert res.verdict == UNDECIDED and res.value_text == "6"
    assert "the optimum of (37) is unique (kernel of the active system is trivial)" in res.notes
