"""Kind "weight-midpoint": exact midpoint gaps of ddb's weights w_b and 2 sqrt(S1 S2) on lifted data."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..checker.weight_midpoint import at_bulk, label_noise, lifted_proportional, proportional, tv_lifted, w_b
from . import certificate_header

Row = Sequence[Fraction]


def midpoint_certificate(X: Sequence[Row], weight: str, pairs: Sequence[tuple[Row, Row]], claim: str, case: str,
                         statement: str, factors: Sequence[Fraction | None] | None = None) -> dict:
    """Kind weight-midpoint (checked by :mod:`exact.checker.weight_midpoint`) for the pairs (p, q), each with an
    optional factor kappa of the midpoint's weight; the stated relation is computed with the checker's public
    functions."""
    kappas = list(factors) if factors is not None else [None] * len(pairs)
    rows = [list(x) + [Fraction(1)] for x in X]
    lifted = weight == "tv-lifted"
    w = {"w_b": w_b, "label-noise": label_noise, "tv-lifted": tv_lifted}[weight]
    gaps = []
    for (p, q), kappa in zip(pairs, kappas, strict=True):
        m = [(a + b) / 2 for a, b in zip(p, q, strict=True)]
        tp, tq = (p[:-1], q[:-1]) if lifted else (p, q)
        gaps.append({"sign": ((w(rows, p) + w(rows, q)) * Fraction(1, 2) - w(rows, m) * (kappa or 1)).sign(),
                     "proportional": (lifted_proportional if lifted else proportional)(p, q),
                     "bulk": any(tp) and any(tq) and at_bulk(rows, tp, tq)} | ({"factor": str(kappa)} if kappa else {}))
    doc = certificate_header("weight-midpoint", claim, case, statement)
    doc.update(data={"X": [[str(t) for t in x] for x in X]}, weight=weight,
               pairs=[{"p": [str(t) for t in p], "q": [str(t) for t in q]} | ({"factor": str(k)} if k else {})
                      for (p, q), k in zip(pairs, kappas, strict=True)],
               relation={"type": "midpoint-gaps", "weight": weight, "gaps": gaps})
    return doc
