"""Kind "relu1d-group-bracket": an exact bracket of the vector-output problem ep (48) on 1-D data."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..convention import Convention
from ..relu.dictionary import Atom
from . import certificate_header

Row = Sequence[Fraction]


def group_bracket_certificate(x: Row, Y: Sequence[Row], mode: str, neurons: Sequence[tuple[Atom, Row, Fraction]],
                              constant: Row, V: Sequence[Row], claim: str, case: str) -> dict:
    """The bracket trace(V^T Y) <= (48) <= sum_j bound_j of the network sum_j sigma(atom_j) c_j + constant
    (``neurons``: (atom, output vector c_j, an upper bound on ||c_j||_2)) and the dual V; ``mode`` is
    "infinite" (any width, free constant) or "data-knots" (ep Theorem 1's finite dictionary, no constant).

    >>> F = Fraction
    >>> doc = group_bracket_certificate([F(0), F(1)], [[F(0), F(0)], [F(3), F(4)]], "infinite",
    ...                                 [(Atom(1, F(0)), [F(3), F(4)], F(5))], [F(0), F(0)],
    ...                                 [[F(-3, 5), F(-4, 5)], [F(3, 5), F(4, 5)]], "demo", "demo")
    >>> doc["relation"], doc["primal"]["neurons"]
    ({'type': 'between', 'lower': '5', 'upper': '5'}, [{'w': ['1'], 'b': '0', 'c': ['3', '4']}])
    """
    S = lambda seq: [str(t) for t in seq]  # noqa: E731
    lower = sum((v * t for vi, yi in zip(V, Y, strict=True) for v, t in zip(vi, yi, strict=True)), Fraction(0))
    upper = sum((r for _, _, r in neurons), Fraction(0))
    program = "any width, free constant" if mode == "infinite" else "Theorem 1 finite dictionary"
    doc = certificate_header("relu1d-group-bracket", claim, case, f"lower <= ep (48) value <= upper ({program})")
    doc.update(
        convention=Convention().as_json(),
        data={"x": S(x), "Y": [S(r) for r in Y], "mode": mode},
        relation={"type": "between", "lower": str(lower), "upper": str(upper)},
        primal={"neurons": [{"w": [str(a.u)], "b": str(-a.u * a.knot), "c": S(c)} for a, c, _ in neurons],
                "norm_bounds": [str(r) for _, _, r in neurons], "constant": S(constant)},
        dual={"V": [S(r) for r in V]},
    )
    return doc
