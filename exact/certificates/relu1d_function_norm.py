"""Kind "relu1d-function-norm": the representation cost R(f) of a piecewise-linear f, exactly."""

from __future__ import annotations

from ..convention import Convention
from ..relu.function_norm import RepresentationCost
from . import certificate_header


def representation_certificate(rc: RepresentationCost, claim: str, case: str) -> dict:
    """Kind ``relu1d-function-norm`` (checked by :mod:`exact.checker.relu1d_function_norm`).

    >>> from fractions import Fraction as F
    >>> from exact.relu.function_norm import PiecewiseLinear, representation_cost
    >>> f = PiecewiseLinear((F(0),), (F(0),), F(-1), F(1))     # |x|
    >>> representation_certificate(representation_cost(f), "demo", "demo")["relation"]
    {'type': 'equals', 'value': '2', 'attained': True}
    """
    S = lambda seq: [str(v) for v in seq]  # noqa: E731
    f = rc.f
    doc = certificate_header(
        "relu1d-function-norm", claim, case,
        "inf ||alpha||_1 over signed measures alpha on {+-1} x R and c with "
        "f = int [w x + b]_+ dalpha(w, b) + c (ses (8), (12)) equals value, attained by the network; "
        "f is piecewise linear with the given breakpoints, values and end slopes")
    doc.update(
        convention=Convention(output_bias=True).as_json(),
        data={"breakpoints": S(f.breakpoints), "values": S(f.values),
              "left_slope": str(f.left_slope), "right_slope": str(f.right_slope)},
        relation={"type": "equals", "value": str(rc.value), "attained": True},
        primal=rc.network().as_json(),
        dual={"kink": S(rc.kink_dual), "left": "0", "right": str(rc.right_dual)},
    )
    return doc
