"""Kind "l1-ls-kkt": an exact optimum of l1-regularised least squares (optionally over all 1-D ReLU networks)."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..checker.relu1d import absorbs_constant
from ..convention import Convention
from ..lasso import LassoSolution, Matrix
from ..relu.networks import Network, Neuron
from . import certificate_header


def _networks(sol: LassoSolution, free_columns: Sequence[Sequence[Fraction]], relu1d: dict) -> dict:
    """The network form: column j of A is the neuron sigma(u_j x + b_j) of ``relu1d["neurons"]``, every free
    column the constant 1 (their weights add up to the constant c0); rank-one data X = c a^T turns the 1-D
    neuron (u, b) on x = ||a|| c into (u a / ||a||, b) in R^d."""
    if any(t != 1 for col in free_columns for t in col):
        raise ValueError("l1-ls-kkt over networks: every free column must be the constant 1")
    S = lambda seq: [str(Fraction(t)) for t in seq]  # noqa: E731
    x = [Fraction(t) for t in relu1d["x"]]
    alpha, bias = Fraction(relu1d.get("alpha", 0)), bool(relu1d.get("output_bias", False))
    constant = sum(sol.free, Fraction(0))
    neurons_1d = [(Fraction(u), Fraction(b), w) for (u, b), w in zip(relu1d["neurons"], sol.weights, strict=True) if w]
    relation: dict = {"type": "equals", "value": str(sol.value)}
    if bias or constant == 0 or absorbs_constant(x, neurons_1d, constant):
        relation["attained"] = True
    if "rank_one" in relu1d:
        ro = relu1d["rank_one"]
        a, norm = [Fraction(t) for t in ro["a"]], Fraction(ro["norm"])
        neurons = [Neuron(tuple(u * t / norm for t in a), b, w) for u, b, w in neurons_1d]
        data: dict = {"X": [S(ci * t for t in a) for ci in map(Fraction, ro["c"])]}
        extra = {"factor": {"c": S(ro["c"]), "a": S(a), "norm": str(norm)}}
    else:
        neurons = [Neuron((u,), b, w) for u, b, w in neurons_1d]
        data, extra = {"x": S(x)}, {}
    return {"convention": Convention(alpha, output_bias=bias).as_json(), "data": data, "relation": relation,
            **extra, "primal": Network(tuple(neurons), constant).as_json()}


def lasso_certificate(A: Matrix, y, sol: LassoSolution, claim: str, case: str, statement: str,
                      free_columns: Sequence[Sequence[Fraction]] = (), relu1d: dict | None = None) -> dict:
    """Kind ``l1-ls-kkt`` (checked by :mod:`exact.checker.l1_ls_kkt`). Without ``relu1d``: the finite problem over
    ``A`` and the free columns. With ``relu1d`` = {x, alpha, neurons: [(u, b)] (one per column of A), optional
    output_bias, optional rank_one: {c, a, norm}}: the infinite-width network problem on x (or on X = c a^T).

    >>> F = Fraction
    >>> from exact.lasso import lasso
    >>> A, y = [[F(1)], [F(0)]], [F(1), F(0)]
    >>> lasso_certificate(A, y, lasso(A, y, F(1, 2), F(1)), "demo", "demo", "")["relation"]
    {'type': 'equals', 'value': '3/8'}
    """
    S = lambda seq: [str(Fraction(t)) for t in seq]  # noqa: E731
    doc = certificate_header("l1-ls-kkt", claim, case, statement)
    common = {"y": S(y), "beta": str(sol.beta), "scale": str(sol.scale)}
    if relu1d is None:
        doc.update(data={"A": [S(row) for row in A], "F": [S(col) for col in free_columns]} | common,
                   relation={"type": "equals", "value": str(sol.value)},
                   primal={"w": S(sol.weights), "c": S(sol.free)})
    else:
        body = _networks(sol, free_columns, relu1d)
        body["data"] |= common
        doc.update(body)
    return doc
