"""ses.cor-3.4: the regularised fit (28) has a minimiser with <= N+1 pieces, breakpoints at data points.

Convention ses (28): min sum_n loss(h(x_n), y_n) + lambda C(theta), squared loss (h - y)^2 (no 1/2, no
1/N) and hinge loss; free output bias. Exact l1-regularised least squares (kind l1-ls-kkt with a relu1d
block) and the exact hinge LP (kind relu1d-hinge).
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from cases import Case, random_1d_cases, shipped_cases
from exact.certificates.l1_ls_kkt import lasso_certificate
from exact.certificates.relu1d_hinge import hinge_certificate
from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.lasso import lasso
from exact.relu.dictionary import relu_atoms
from exact.relu.function_norm import PiecewiseLinear
from exact.relu.hinge import solve_hinge_1d
from exact.relu.interpolation import interpolate_1d
from exact.relu.networks import Network

from ...context import Context
from ...conventions import SES_28
from ...registry import claim
from ...result import ERROR, PROVED, REFUTED, Draft
from ._shared import _network_text

COR_LAMBDA = Fraction(1, 2)  # lambda of the generated (28) cases


def regularised_cases() -> list[Case]:
    """Shipped ses-cor-3.4 cases (param lambda) and four generated ones with lambda = 1/2."""
    own = [c for c in shipped_cases() if c.name.startswith("ses-cor-3.4")]
    return own + [replace(c, params={**c.params, "lambda": COR_LAMBDA}) for c in random_1d_cases(4, 100)]


def _pieces_note(loss: str, net: Network, x, value: Fraction) -> tuple[bool, str]:
    g = PiecewiseLinear.of_network(net)
    at_data = set(g.true_breakpoints) <= set(x)
    ok = g.pieces <= len(x) + 1 and at_data
    return ok, (f"{loss}: optimum {value}; h = {_network_text(net)}; {g.pieces} pieces <= N + 1 = {len(x) + 1}, "
                f"breakpoints {[str(t) for t in g.true_breakpoints]} "
                f"{'all at data points' if at_data else 'NOT all at data points'}")


@claim("ses.cor-3.4", "ses", "Corollary 3.4, (28)",
       "regularised fit (28) has a minimiser with <= N+1 pieces, breakpoints at data points", "exact",
       regularised_cases)
def check_regularised(case: Case, ctx: Context) -> Draft:
    """(28) with lambda = case.params['lambda'] > 0 (ses convention: free output bias, C = ||w2||_1
    with |w1| = 1) for the squared loss (h - y)^2 and, when every label is +-1, the hinge loss.

    Squared: exact l1-regularised least squares (exact.lasso, beta = lambda, scale 2) over the atoms
    with knots at the data plus the free constant column (the output bias); certificate l1-ls-kkt
    with the relu1d block, whose dual is checked against every neuron (u, b), so the optimum is
    global over networks of any width. Hinge: the exact LP of exact.relu.hinge (free constant = output
    bias), certificate relu1d-hinge. For each optimum h: it is piecewise linear with <= N+1 pieces and
    breakpoints at the data (counted exactly from its kinks). The proof's step is checked too: h is a
    minimiser of (25) for the labels h(x_n) (certified (25) value == lambda-free cost ||w||_1).
    """
    lam = case.params.get("lambda")
    if lam is None or lam <= 0:
        raise ValueError(f"{case.name}: ses.cor-3.4 needs a parameter lambda > 0 (e.g. lambda = \"1/2\")")
    x, y = case.x, case.y
    atoms = relu_atoms(x)
    A = [[a(xi, Fraction(0)) for a in atoms] for xi in x]
    ones = [[Fraction(1)] * len(x)]
    sq = lasso(A, y, lam, Fraction(2), ones, decide_uniqueness=False)
    # value: the squared-loss optimum (the hinge optimum, when run, is in the notes)
    res = Draft("ses.cor-3.4", case.name, ERROR, "exact", SES_28, value=str(sq.value))
    neurons = [(a.u, -a.u * a.knot) for a in atoms]
    doc = lasso_certificate(A, y, sq, res.claim, case.name,
                            "ses (28), squared loss: min sum (h(x_n) - y_n)^2 + lambda ||w||_1 over networks with "
                            "|u| <= 1, free biases and output bias", ones,
                            {"x": x, "alpha": 0, "neurons": neurons, "output_bias": True})
    path, ok, problems = ctx.certify(doc, res.claim, case.name, "__squared", about={"x": x, "y": y, "beta": lam})
    res.certificates.append(path)
    net = Network.from_atoms(atoms, sq.weights, sq.free[0])
    good, text = _pieces_note("squared loss", net, x, sq.value)
    res.notes.append(text)
    fits = [net(xi) for xi in x]
    refit = interpolate_1d(x, fits, output_bias=True)
    cost = sum(map(abs, sq.weights), Fraction(0))
    pr, okr, probr = ctx.certify(interpolation_certificate(refit, res.claim, case.name), res.claim, case.name,
                                 "__squared_refit", about={"x": case.x, "y": tuple(fits)})
    res.certificates.append(pr)
    res.notes.append(f"proof step: (25) on the labels h(x_n) has value {refit.value} (certified); "
                     f"||w||_1 of h = {cost}: {'equal' if refit.value == cost else 'DIFFERENT'}")
    good = good and refit.value == cost
    ok, problems = ok and okr, problems + probr
    if all(v in (1, -1) for v in y):
        hg = solve_hinge_1d(x, y, lam)
        ph, okh, probh = ctx.certify(hinge_certificate(hg, res.claim, case.name, output_bias=True), res.claim,
                                     case.name, "__hinge", about={"x": x, "y": y, "beta": lam})
        res.certificates.append(ph)
        good_h, text_h = _pieces_note("hinge loss", hg.network(), x, hg.value)
        res.notes.append(text_h)
        good, ok, problems = good and good_h, ok and okh, problems + probh
    else:
        res.notes.append("labels are not all +-1: hinge loss not run")
    if not ok:
        res.notes += [f"certificate rejected: {p}" for p in problems]
        return res
    res.verdict = PROVED if good else REFUTED
    return res
