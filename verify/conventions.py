"""The conventions in which the papers state their problems, as values.

The papers differ in the activation (ReLU or leaky with slope alpha), the
hidden bias (absent, free, or inside the norm ||[w, b]||), the output bias,
and the weight-decay normalisation. Every check names the convention it
uses, and every report prints it.

>>> print(EP_4.describe())
ep (4): ReLU; hidden bias free; no output bias; min ||w||_1 with ||u_j||_2 <= 1 (ep Lemma 2.1: R = ||w||^2 + ||U||_F^2, no 1/2)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Convention:
    name: str
    alpha: Fraction  # leaky slope; 0 is the ReLU
    hidden_bias: str  # "free", "none" or "in-norm"
    output_bias: bool
    penalty: str

    def describe(self) -> str:
        act = "ReLU" if self.alpha == 0 else f"leaky ReLU, slope {self.alpha}"
        out = "free output bias" if self.output_bias else "no output bias"
        return f"{self.name}: {act}; hidden bias {self.hidden_bias}; {out}; {self.penalty}"


EP_4 = Convention(
    "ep (4)", Fraction(0), "free", False,
    "min ||w||_1 with ||u_j||_2 <= 1 (ep Lemma 2.1: R = ||w||^2 + ||U||_F^2, no 1/2)",
)
EP_37 = Convention(
    "ep (37)", Fraction(0), "free", False,
    "min ||w||_1 over the finite extreme-point dictionary A_e, no constant column",
)
SES_25 = Convention(
    "ses (25)", Fraction(0), "free", True,
    "C = 1/2(||w2||^2 + ||W1||_F^2) = ||w2||_1 with unit hidden weights (ses (5))",
)
