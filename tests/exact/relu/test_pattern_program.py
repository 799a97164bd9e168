"""The 1-D pattern programs (exact.relu.pattern_program): the extreme sign rows give the same exact answer as all
n sign rows per term, and the certificate (kind pattern-program-1d) checks all of them."""

import random
from dataclasses import replace
from fractions import Fraction as F

import pytest

from exact.certificates.pattern_program_1d import program_1d_certificate
from exact.checker import check_certificate
from exact.lp import LinearProgram, solve_lp
from exact.relu.pattern_program import extreme_rows, lp_1d, solve_1d
from verify.claims.kh.programs import build


def full_lp(prog) -> LinearProgram:
    """The LP of lp_1d with every sign row -S_i (x_i w + b) <= 0 of every term, written out independently."""
    reduced = lp_1d(prog).lp
    x = [r[0] for r in prog.X]
    signs = [{j: v for j, v in ((3 * k, -t.S[i] * xi), (3 * k + 1, t.S[i] * xi), (3 * k + 2, -t.S[i])) if v}
             for k, t in enumerate(prog.terms) for i, xi in enumerate(x) if t.S[i]]
    head = reduced.A_ub[:len(x)] if prog.margin else ()
    return replace(reduced, A_ub=head + tuple(signs), b_ub=reduced.b_ub[:len(head)] + (F(0),) * len(signs))


def test_extreme_rows_by_hand():
    order = [2, 0, 3, 1]  # x = (1, 3, 0, 2)
    assert extreme_rows(order, [F(1), F(1), F(1), F(1)]) == [2, 1]
    assert extreme_rows(order, [F(1), F(-1), F(0), F(-1)]) == [0, 3, 1]  # a class of one point: one row
    assert extreme_rows(order, [F(0)] * 4) == []


@pytest.mark.parametrize("equation, reading", [(7, "printed"), (7, "corrected"), (11, "printed"), (11, "corrected")])
@pytest.mark.parametrize("alpha", [F(0), F(1, 10), F(-1, 2)])
def test_extreme_rows_keep_the_answer_and_the_certificate_checks_every_row(equation, reading, alpha):
    rng = random.Random(f"{equation}{reading}{alpha}")
    for _ in range(3):
        x = sorted(F(v, 4) for v in rng.sample(range(-30, 30), 6))
        rng.shuffle(x)
        y = [F(rng.choice((-1, 1))) if equation == 11 else F(rng.randint(-4, 4), 2) for _ in x]
        prog = build(x, y, equation, reading, alpha)
        sol, full = solve_1d(prog), solve_lp(full_lp(prog))
        assert sol.status == full.status and sol.value == full.value
        assert len(sol.lp.A_ub) <= (len(x) if prog.margin else 0) + 4 * len(prog.terms)
        rep = check_certificate(program_1d_certificate(sol, "t", "t", "test"))
        assert rep.ok and rep.relation == ({"type": "infeasible"} if sol.status == "infeasible" else
                                           {"type": "equals", "value": str(sol.value)}), rep.problems
