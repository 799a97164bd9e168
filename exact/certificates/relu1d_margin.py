"""Kind "relu1d-margin": the 1-D hard-margin classification problem kh (10) over networks of any width."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..checker.relu1d import absorbs_constant
from ..convention import Convention, HiddenBias
from ..lp import LPResult
from ..relu.dictionary import Atom
from ..relu.networks import Network
from . import certificate_header


def margin_certificate(x: Sequence[Fraction], y: Sequence[Fraction], alpha: Fraction, atoms: Sequence[Atom],
                       res: LPResult, claim: str, case: str, statement: str = "", output_bias: bool = False) -> dict:
    """The certificate of the optimum ``res`` of :func:`exact.relu.hinge.hard_margin_1d` over ``atoms``
    (LP variables c+_1, c-_1, ..., c+_N, c-_N, c0; rows -y_i f(x_i) <= -1): the network with the free constant
    c0 and the margin multipliers u = -z_ub >= 0.

    >>> from exact.relu.hinge import hard_margin_1d
    >>> x, y = [Fraction(-1), Fraction(0), Fraction(1)], [Fraction(1), Fraction(-1), Fraction(1)]
    >>> atoms, _, res = hard_margin_1d(x, y)
    >>> doc = margin_certificate(x, y, Fraction(0), atoms, res, "demo", "demo")   # 2|x| - 1, the -1 a limit
    >>> doc["relation"], doc["primal"]["constant"]
    ({'type': 'equals', 'value': '4'}, '-1')
    """
    n_atoms = len(atoms)
    opt = res.optimum()
    weights = [opt.x[2 * j] - opt.x[2 * j + 1] for j in range(n_atoms)]
    network = Network.from_atoms(atoms, weights, opt.x[2 * n_atoms], alpha)
    neurons = [(n.w[0], n.b, n.c) for n in network.neurons]
    relation: dict = {"type": "equals", "value": str(opt.value)}
    if output_bias or network.constant == 0 or absorbs_constant(x, neurons, network.constant):
        relation["attained"] = True
    doc = certificate_header("relu1d-margin", claim, case, statement or (
        "kh (10) in 1-D: inf sum_j |c_j| s.t. y_i f(x_i) >= 1, f = sum_j c_j s_alpha(w_j x + b_j)"
        + (" + c0" if output_bias else "") + ", |w_j| <= 1, b_j free, over networks of any width, equals value; "
        "the multipliers u >= 0 are dual feasible for every (w, b)"))
    doc.update(
        convention=Convention(alpha, HiddenBias.FREE, output_bias).as_json(),
        data={"x": [str(t) for t in x], "y": [str(t) for t in y]},
        relation=relation,
        primal=network.as_json(),
        dual={"u": [str(-z) for z in opt.z_ub]},
    )
    return doc
