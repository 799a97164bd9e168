"""ses.cor-3.4: the regularised fit (28) has a minimiser with <= N+1 pieces, breakpoints at data points.

Convention ses (28): min sum_n loss(h(x_n), y_n) + lambda C(theta), squared loss (h - y)^2 (no 1/2, no
1/N) and hinge loss; free output bias. Exact l1-regularised least squares (kind l1-ls-kkt with a relu1d
block) and the exact hinge LP (kind relu1d-hinge).
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Callable

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

from ...context import Certified, Context
from ...conventions import SES_25, SES_28
from ...registry import claim
from ...report.figures import function_1d, functions_figure
from ...requirements import Data, Needs, Parameter
from ...result import ERROR, PROVED, UNDECIDED, Draft
from ._shared import network_text

COR_LAMBDA = Fraction(1, 2)  # lambda of the generated (28) cases


def regularised_cases() -> list[Case]:
    """Shipped ses-cor-3.4 cases (param lambda) and four generated ones with lambda = 1/2."""
    own = [c for c in shipped_cases() if c.name.startswith("ses-cor-3.4")]
    return own + [replace(c, params={**c.params, "lambda": COR_LAMBDA}) for c in random_1d_cases(4, 100)]


def _squared(h: Fraction, y: Fraction) -> Fraction:
    """The squared loss of (28) as certified (kind l1-ls-kkt with scale 2): (h - y)^2, no 1/2."""
    return (h - y) ** 2


def _hinge(h: Fraction, y: Fraction) -> Fraction:
    """The hinge loss of (28) as certified (kind relu1d-hinge): max(0, 1 - y h)."""
    return max(Fraction(0), 1 - y * h)


def _pieces_note(loss: str, optimum: Certified, net: Network, x) -> str:
    """The optimum found for one loss (commentary: the verdict rests on its refit, :func:`_refit`)."""
    g = PiecewiseLinear.of_network(net)
    at_data = set(g.true_breakpoints) <= set(x)
    bound = "<=" if g.pieces <= len(x) + 1 else ">"
    status = "certified" if optimum.ok else "certificate rejected"
    return (f"{loss}: optimum {optimum.value} ({status}); h = {network_text(net)}; {g.pieces} pieces {bound} "
            f"N + 1 = {len(x) + 1}, breakpoints {[str(t) for t in g.true_breakpoints]} "
            f"{'all at data points' if at_data else 'NOT all at data points'}")


def _refit(loss_name: str, loss: Callable[[Fraction, Fraction], Fraction], net: Network, optimum: Certified,
           case: Case, res: Draft, ctx: Context) -> Network | None:
    """The proof of Corollary 3.4 on the certified optimum V of (28) for one loss, from checked relations.

    The optimum h found is refitted: (25) on the labels h(x_n) (kind relu1d-l1-interpolation, bound to
    those labels) has the certified value P and an attained optimal network g without kinks off the data,
    so g is piecewise linear with <= N + 1 pieces and breakpoints at the x_n. g has h's fit, so its (28)
    objective is sum_n loss(h(x_n), y_n) + lambda P; g when that is V (g is a global minimiser of (28)), else None.
    """
    fits = tuple(net(xi) for xi in case.x)
    refit = interpolate_1d(case.x, fits, SES_25.problem)  # Corollary 3.4 refits with (25)
    tag = loss_name.split()[0]
    cert = res.add(ctx.certify(interpolation_certificate(refit, res.claim, case.name), res.claim, case.name,
                               f"__{tag}_refit", about={"x": case.x, "y": fits}), f"(25) on the {loss_name} fit")
    if not (cert.ok and optimum.ok):
        return None
    lam = LAMBDA.of(case)
    objective = sum((loss(h, y) for h, y in zip(fits, case.y)), Fraction(0)) + lam * cert.value
    off = cert.qualifier("kinks_off_data")
    res.notes.append(f"proof step ({loss_name}): (25) on the labels h(x_n) has value {cert.value}, attained "
                     f"{cert.qualifier('attained') is True}, kinks off the data {off or 'none'} (certified); "
                     f"its optimum g has (28) objective {objective} "
                     f"{'= V: a global minimiser' if objective == optimum.value else f'!= V = {optimum.value}'}")
    if off is None and cert.qualifier("attained") is True and objective == optimum.value:
        weights, constant = refit.attained_by or (refit.weights, refit.constant)
        return Network.from_atoms(refit.atoms, weights, constant, refit.alpha)
    return None


def _figure(loss_name: str, h: Network, g: Network | None, case: Case) -> dict:
    """The data, the certified optimum h of (28) and (when the proof step certified it) its refit g, the minimiser
    with <= N + 1 pieces and its kinks at the data (drawn only when it is another function than h)."""
    drawn = [function_1d(f"(28) optimum, {loss_name}", h)]
    if g is not None and not g.same_function(h):
        drawn.append(function_1d("its refit: <= N + 1 pieces, kinks at the data", g))
    return functions_figure(case.x, case.y, drawn, f"ses (28), {loss_name}, lambda = {LAMBDA.of(case)}")


LAMBDA = Parameter("lambda", "the regularisation weight of (28)", None, "ses (28): any lambda > 0")


@claim("ses.cor-3.4", "ses", "Corollary 3.4, (28)",
       "regularised fit (28) has a minimiser with <= N+1 pieces, breakpoints at data points", "exact",
       regularised_cases, needs=Needs(Data.ONE_D, parameters=(LAMBDA,)))
def check_regularised(case: Case, ctx: Context) -> Draft:
    """(28) with lambda = case.params['lambda'] > 0 (ses convention: free output bias, C = ||w2||_1
    with |w1| = 1) for the squared loss (h - y)^2 and, when every label is +-1, the hinge loss.

    Squared: exact l1-regularised least squares (exact.lasso, beta = lambda, scale 2) over the atoms
    with knots at the data plus the free constant column (the output bias); certificate l1-ls-kkt
    with the relu1d block, whose dual is checked against every neuron (u, b), so the certified V is
    the optimum over networks of any width. Hinge: the exact LP of exact.relu.hinge (free constant =
    output bias), certificate relu1d-hinge. For each, the proof's step (:func:`_refit`) turns the optimum
    into a certified minimiser with breakpoints at the data: PROVED when it does for every loss run,
    UNDECIDED when not (the corollary is an existence claim: no certificate here could refute it).
    """
    lam = LAMBDA.of(case)
    x, y = case.x, case.y
    atoms = relu_atoms(x)
    A = [[a(xi, Fraction(0)) for a in atoms] for xi in x]
    ones = [[Fraction(1)] * len(x)]
    sq = lasso(A, y, lam, Fraction(2), ones, decide_uniqueness=False)
    res = Draft("ses.cor-3.4", case.name, ERROR, "exact", SES_28)
    neurons = [(a.u, -a.u * a.knot) for a in atoms]
    doc = lasso_certificate(A, y, sq, res.claim, case.name,
                            "ses (28), squared loss: min sum (h(x_n) - y_n)^2 + lambda ||w||_1 over networks with "
                            "|u| <= 1, free biases and output bias", ones,
                            {"x": x, "alpha": 0, "neurons": neurons, "output_bias": True})
    cert = res.add(ctx.certify(doc, res.claim, case.name, "__squared", about={"x": x, "y": y, "beta": lam}),
                   "(28), squared loss")
    # value: the squared-loss optimum (the hinge optimum, when run, is in the notes)
    res.value = cert.value
    net = Network.from_atoms(atoms, sq.weights, sq.free[0])
    res.notes.append(_pieces_note("squared loss", cert, net, x))
    g = _refit("squared loss", _squared, net, cert, case, res, ctx)
    holds = g is not None
    if cert.ok:
        res.figure(_figure("squared loss", net, g, case))
    if all(v in (1, -1) for v in y):
        hg = solve_hinge_1d(x, y, lam)
        hinge = res.add(ctx.certify(hinge_certificate(hg, res.claim, case.name, output_bias=True), res.claim,
                                    case.name, "__hinge", about={"x": x, "y": y, "beta": lam}), "(28), hinge loss")
        res.notes.append(_pieces_note("hinge loss", hinge, hg.network(), x))
        g = _refit("hinge loss", _hinge, hg.network(), hinge, case, res, ctx)
        holds &= g is not None
        if hinge.ok:
            res.figure(_figure("hinge loss", hg.network(), g, case))
    else:
        res.notes.append("labels are not all +-1: hinge loss not run")
    if all(c.ok for c in res.checked):
        res.verdict = PROVED if holds else UNDECIDED
    return res
