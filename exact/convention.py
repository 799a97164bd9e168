"""The convention of a shallow-network problem, as a value: the builders take it, every certificate records it.

The papers differ in the activation (ReLU, or leaky with slope alpha), the hidden bias (absent,
free and unpenalised, or inside the norm ||[w, b]||), and the output bias (absent or free). The
weight-decay normalisation (a factor 1/2, l1 against squared norms) is a property of the paper's
statement, not of the exact problem solved here: it lives in :mod:`verify.conventions`.

>>> c = Convention(alpha=Fraction(1, 10), hidden_bias=HiddenBias.IN_NORM)
>>> c.as_json()
{'alpha': '1/10', 'hidden_bias': 'in-norm', 'output_bias': False}
>>> Convention.from_json(c.as_json()) == c
True
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import Any


class HiddenBias(str, Enum):
    """The hidden bias b of a neuron sigma(w . x + b)."""

    NONE = "none"  # b = 0
    FREE = "free"  # b free and unpenalised (a constant costs nothing in the limit b -> oo)
    IN_NORM = "in-norm"  # (w, b) together in the norm constraint


@dataclass(frozen=True)
class Convention:
    """Activation slope ``alpha`` (0: ReLU), the hidden bias and whether a free output bias is added."""

    alpha: Fraction = Fraction(0)
    hidden_bias: HiddenBias = HiddenBias.FREE
    output_bias: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "alpha", Fraction(self.alpha))
        object.__setattr__(self, "hidden_bias", HiddenBias(self.hidden_bias))
        if self.alpha == 1:
            raise ValueError("alpha = 1 makes every neuron linear; the convention needs alpha != 1")

    def as_json(self) -> dict[str, Any]:
        return {"alpha": str(self.alpha), "hidden_bias": self.hidden_bias.value, "output_bias": self.output_bias}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "Convention":
        return cls(Fraction(obj["alpha"]), HiddenBias(obj["hidden_bias"]), bool(obj["output_bias"]))

    def describe(self) -> str:
        act = "ReLU" if self.alpha == 0 else f"leaky ReLU, slope {self.alpha}"
        out = "free output bias" if self.output_bias else "no output bias"
        return f"{act}; hidden bias {self.hidden_bias.value}; {out}"


RELU = Convention()
