"""Kind "cone-program-bracket": an exact bracket of pe (8) / (39) over every arrangement region, hence of (2) / (38)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from ..convention import Convention, HiddenBias
from . import certificate_header

NO_BIAS = Convention(Fraction(0), HiddenBias.NONE, False)


@dataclass(frozen=True)
class Piece:
    """The multipliers of one (region, eps): mu_j >= 0 on rows j (at most d of them) with
    ||eps X^T D_s v + sum_j mu_j s_j x_j|| <= beta (pe Lemma 4, the weak side)."""

    region: tuple[int, ...]
    eps: int
    mu: dict[int, Fraction]

    def as_json(self) -> dict:
        return {"region": list(self.region), "eps": self.eps,
                "mu": {str(j): str(m) for j, m in sorted(self.mu.items())}}


@dataclass(frozen=True)
class Block:
    """One pattern's pair of pe (8): (2 D - I) X v >= 0, (2 D - I) X w >= 0, with rational upper bounds of the norms."""

    D: tuple[int, ...]
    v: tuple[Fraction, ...]
    w: tuple[Fraction, ...]
    v_norm: Fraction
    w_norm: Fraction

    def as_json(self) -> dict:
        return {"D": list(self.D), "v": [str(t) for t in self.v], "w": [str(t) for t in self.w],
                "v_norm": str(self.v_norm), "w_norm": str(self.w_norm)}


def cone_program_certificate(claim: str, case: str, statement: str, X: Sequence[Sequence[Fraction]],
                             y: Sequence[Fraction], beta: Fraction, loss: str, v: Sequence[Fraction],
                             pieces: Sequence[Piece], blocks: Sequence[Block], lower: Fraction, upper: Fraction,
                             neurons: int) -> dict:
    """The certificate: data, the dual point v with one :class:`Piece` per (region, eps), the primal blocks, and
    the relation lower = c(v) <= p(8) <= upper, ``neurons`` the width of the network the blocks give.

    >>> doc = cone_program_certificate("", "", "", [[Fraction(1)]], [Fraction(1)], Fraction(1, 2), "squared",
    ...     [Fraction(1, 2)], [], [], Fraction(3, 8), Fraction(3, 8), 1)
    >>> doc["data"]["loss"], doc["relation"]["upper"], doc["convention"]["hidden_bias"]
    ('squared', '3/8', 'none')
    """
    doc = certificate_header("cone-program-bracket", claim, case, statement)
    doc.update(convention=NO_BIAS.as_json(),
               data={"X": [[str(a) for a in row] for row in X], "y": [str(t) for t in y], "beta": str(beta),
                     "loss": loss},
               relation={"type": "between", "lower": str(lower), "upper": str(upper), "neurons": neurons},
               dual={"v": [str(t) for t in v], "pieces": [p.as_json() for p in pieces]},
               primal={"blocks": [b.as_json() for b in blocks]})
    return doc
