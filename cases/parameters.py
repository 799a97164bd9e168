"""The scalar parameters the claims read from a case (``case.params``), and what each must be.

A parameter the claims read is checked here, at load time, so that a bad value is a clear usage error
naming the field, not a failure inside a solver: ``beta = "0"`` would make the regularised programs
unbounded in the weights, ``seed = "2.5"`` would be truncated to 2, ``alpha = "1"`` makes every neuron
linear. A key not listed is no parameter of any claim (a typo, say ``lamda``): the loader refuses it,
naming the close matches. The claims declare what each parameter means and its default
(:mod:`verify.requirements`); a test keeps this table and those declarations the same set.

>>> parameter("beta", "1/10", "demo")
Fraction(1, 10)
>>> try:
...     parameter("beta", "0", "f.toml: field 'beta'")
... except CaseError as err:
...     print(err)
f.toml: field 'beta': expected a positive rational (a regularisation strength), got '0'
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

from .rationals import CaseError, describe, parse_integer, parse_rational

__all__ = ["PARAMETERS", "Rule", "parameter"]


@dataclass(frozen=True)
class Rule:
    """What a parameter must be: ``integer`` or any rational, satisfying ``holds``, as ``expected`` says."""

    expected: str
    holds: Callable[[Fraction], bool]
    integer: bool = False


_STRENGTH = Rule("a positive rational (a regularisation strength)", lambda v: v > 0)
_SLOPE = Rule("a rational (a slope)", lambda v: True)
_COUNT = Rule("a positive integer", lambda v: v >= 1, integer=True)
_FLAG = Rule('"0" or "1" (a switch)', lambda v: v in (0, 1), integer=True)

#: Every parameter some claim reads, by key (the claims in verify/claims read them from case.params).
PARAMETERS: dict[str, Rule] = {
    "beta": _STRENGTH,  # ep (4)-(40), Theorems 4.1, 5.1, 6.1: beta * ||w||_1 regularises the fit
    "lambda": _STRENGTH,  # ses Corollary 3.4, (28)
    "alpha": Rule("a rational other than 1 (the leaky slope; 1 makes every neuron linear)", lambda v: v != 1),
    "seed": Rule("a non-negative integer (a random seed)", lambda v: v >= 0, integer=True),
    "draws": _COUNT,  # ep Theorems 3.4, 3.6: seeded Gaussian draws
    "d": _COUNT,  # ses Claim 5.2: the input dimension
    "subnetworks": _COUNT,  # ses Theorem C.3: the random deep parallel dictionary
    "width": _COUNT,
    "h": _COUNT,  # pe (9), (13): the filter length (taps) of a linear CNN
    "bias": _FLAG,  # ep Proposition 3.2
    "signed_codes": _FLAG,  # ep vector output
    "matrix": _FLAG,  # ses Theorem C.3: the dictionary is X itself
    "relu1d": _FLAG,  # ses Theorem C.3: the 1-D ReLU dictionary
    "left_slope": _SLOPE,  # ses Theorem 3.1: the end slopes of f
    "right_slope": _SLOPE,
}


def parameter(key: str, value: Any, where: str) -> Fraction:
    """The value of parameter ``key`` (a rational string); a listed key must satisfy its :class:`Rule`."""
    rule = PARAMETERS.get(key)
    if rule is None:
        return parse_rational(value, where)
    number = Fraction(parse_integer(value, where)) if rule.integer else parse_rational(value, where)
    if not rule.holds(number):
        raise CaseError(f"{where}: expected {rule.expected}, got {describe(value)}")
    return number
