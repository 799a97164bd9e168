"""Tests for the checker of kind "lp" (exact/checker/lp.py): certificates built by hand."""
from __future__ import annotations

import pytest

from exact.checker import check_certificate
from tests.checker.helpers import DELETE, HEADER, assert_problem, tampered


def lp(c, a_eq, b_eq, a_ub, b_ub, free, relation, **evidence) -> dict:
    q = lambda row: [str(t) for t in row]  # noqa: E731
    return {**HEADER, "kind": "lp", "statement": "test",
            "data": {"problem": {"c": q(c), "A_eq": [q(r) for r in a_eq], "b_eq": q(b_eq),
                                 "A_ub": [q(r) for r in a_ub], "b_ub": q(b_ub), "free": free}},
            "relation": relation, **evidence}


# min x0 + x1 s.t. x0 + 2 x1 = 3, x2 <= 5, x0, x1 >= 0, x2 free: value 3/2.
LP_OPT = lp([1, 1, 0], [[1, 2, 0]], [3], [[0, 0, 1]], [5], [2], {"type": "equals", "value": "3/2"},
            primal={"x": ["0", "3/2", "-7"]}, dual={"y_eq": ["1/2"], "y_ub": ["0"]})
# x0 + x1 = -1 with x >= 0 (and x0 <= 5): Farkas y = -1 gives A^T y = (-1, -1) <= 0, b.y = 1 > 0.
LP_INF = lp([1, 1], [[1, 1]], [-1], [[1, 0]], [5], [], {"type": "infeasible"},
            farkas={"y_eq": ["-1"], "y_ub": ["0"]})
# min -x0 s.t. x0 - x1 = 1, -x0 <= -1, x >= 0: feasible (1, 0), ray (1, 1).
LP_UNB = lp([-1, 0], [[1, -1]], [1], [[-1, 0]], [-1], [], {"type": "unbounded"},
            primal={"x": ["1", "0"]}, ray=["1", "1"])


def test_lp_valid_certificates():
    opt = check_certificate(LP_OPT)
    assert opt.ok and opt.value == "3/2" and opt.relation == {"type": "equals", "value": "3/2"}
    assert opt.data == {"problem": {"c": ["1", "1", "0"], "A_eq": [["1", "2", "0"]], "b_eq": ["3"],
                                    "A_ub": [["0", "0", "1"]], "b_ub": ["5"], "free": [2]}}
    assert check_certificate(LP_INF).relation == {"type": "infeasible"}
    assert check_certificate(LP_UNB).relation == {"type": "unbounded"}
    no_rows = lp([1, 2], [], [], [], [], [], {"type": "equals", "value": "0"}, primal={"x": ["0", "0"]},
                 dual={"y_eq": [], "y_ub": []})
    assert check_certificate(no_rows).value == "0"
    assert check_certificate(tampered(LP_OPT, "relation.value", "6/4")).ok  # compared as rationals


@pytest.mark.parametrize("doc, path, new, fragment", [
    (LP_OPT, "primal.x.1", "1", "primal: A_eq row 0: A x = 2 but must be = 3"),
    (LP_OPT, "primal.x.1", "1", "duality gap: primal objective c.x = 1 but dual objective b.y = 3/2"),
    (LP_OPT, "primal.x", ["-1", "2", "0"], "primal: entry 0 = -1 < 0 but the variable is nonnegative"),
    (LP_OPT, "primal.x.2", "6", "primal: A_ub row 0: A x = 6 but must be <= 5"),
    (LP_OPT, "dual.y_eq.0", "1", "dual: column 1: (A^T y)_j = 2 but must be <= 1"),
    (LP_OPT, "dual.y_ub.0", "1/2", "dual: y_ub[0] = 1/2 > 0 but must be <= 0"),
    (LP_OPT, "dual.y_ub.0", "-1", "dual: column 2: (A^T y)_j = -1 but must be == 0"),
    (LP_OPT, "relation.value", "1", "relation: the certificate states"),
    (LP_OPT, "relation.value", None, "relation.value: expected a rational string, an integer or a radical"),
    (LP_OPT, "relation", {"type": "at-most", "value": "3/2"}, "but the evidence proves"),
    (LP_OPT, "relation", DELETE, "relation: missing field"),
    (LP_OPT, "data.problem.A_eq.0", ["1", "2"], "data.problem.A_eq[0]: expected 3 entries, got 2"),
    (LP_OPT, "data.problem.b_ub", [], "data.problem.b_ub: expected 1 entries, got 0"),
    (LP_OPT, "data.problem.free", [3], "data.problem.free[0]: expected an integer from 0 to 2, got 3"),
    (LP_OPT, "data.problem.free", ["2"], "data.problem.free[0]: expected an integer from 0 to 2, got '2'"),
    (LP_OPT, "data.problem.free", [True], "data.problem.free[0]: expected an integer"),
    (LP_OPT, "dual.y_ub", DELETE, "dual.y_ub: missing field"),
    (LP_OPT, "ray", ["0", "0", "0"], "evidence: expected exactly one of ('dual', 'farkas', 'ray')"),
    (LP_OPT, "dual", DELETE, "evidence: expected exactly one of"),
    (LP_INF, "farkas.y_eq.0", "1", "farkas: column 0: (A^T y)_j = 1 but must be <= 0"),
    (LP_INF, "farkas.y_eq.0", "1", "farkas: b.y = -1 but must be > 0"),
    (LP_INF, "farkas", {"y_eq": ["0"], "y_ub": ["0"]}, "farkas: b.y = 0 but must be > 0"),
    (LP_INF, "farkas.y_ub.0", "1", "farkas: y_ub[0] = 1 > 0 but must be <= 0"),
    (LP_INF, "data.problem.free", [1], "farkas: column 1: (A^T y)_j = -1 but must be == 0"),
    (LP_INF, "relation", {"type": "equals", "value": "3"}, "but the evidence proves {'type': 'infeasible'}"),
    (LP_UNB, "ray", ["1", "0"], "ray: A_eq row 0: A x = 1 but must be = 0"),
    (LP_UNB, "ray", ["-1", "-1"], "ray: A_ub row 0: A x = 1 but must be <= 0"),
    (LP_UNB, "ray", ["-1", "-1"], "ray: entry 0 = -1 < 0 but the variable is nonnegative"),
    (LP_UNB, "ray", ["0", "0"], "ray: c.d = 0 but must be < 0"),
    (LP_UNB, "primal.x", ["0", "0"], "primal: A_eq row 0: A x = 0 but must be = 1"),
    (LP_UNB, "primal.x", ["1/2", "-1/2"], "primal: A_ub row 0: A x = -1/2 but must be <= -1"),
    (LP_UNB, "relation", {"type": "infeasible"}, "but the evidence proves {'type': 'unbounded'}"),
    (LP_UNB, "ray", ["1"], "ray: expected 2 entries, got 1"),
])
def test_lp_tampered_is_rejected(doc, path, new, fragment):
    rep = check_certificate(tampered(doc, path, new))
    assert rep.kind == "lp"
    assert_problem(rep, fragment)


def test_sizes_beyond_the_limits_are_refused():
    """At most MAX_VARIABLES = 500 variables and MAX_CONSTRAINTS = 500 rows (A_eq and A_ub together)."""
    wide = lp([0] * 501, [], [], [], [], [], {"type": "equals", "value": "0"}, primal={"x": ["0"] * 501},
              dual={"y_eq": [], "y_ub": []})
    assert check_certificate(wide).problems == [
        "limit: data.problem.c: variables = 501, beyond the checker's limit of 500"]
    tall = lp([1], [[1]] * 250, [0] * 250, [[1]] * 251, [0] * 251, [], {"type": "equals", "value": "0"},
              primal={"x": ["0"]}, dual={"y_eq": ["0"] * 250, "y_ub": ["0"] * 251})
    assert check_certificate(tall).problems == [
        "limit: data.problem: rows of A_eq and A_ub = 501, beyond the checker's limit of 500"]


def test_every_variable_free_at_the_limit_is_fast():
    """`j in free` is a set lookup (a sorted list made 45 000 free variables take 48 s)."""
    n = 500
    doc = lp([0] * n, [], [], [], [], list(range(n)), {"type": "equals", "value": "0"}, primal={"x": ["0"] * n},
             dual={"y_eq": [], "y_ub": []})
    rep = check_certificate(doc)
    assert rep.ok and rep.data["problem"]["free"] == list(range(n))
