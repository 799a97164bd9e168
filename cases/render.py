"""A case as the TOML text of a case file (the inverse of :func:`cases.loader.case_from_dict` on the data and
parameters; printed numbers and expectations are left out): ``verify describe`` shows it as an example.

>>> from cases import case_from_dict
>>> c = case_from_dict({"name": "t", "x": ["-1", "1/2"], "y": ["1", "0"], "beta": "1/10"}, "demo")
>>> print(case_toml(c))
name = "t"
x = ["-1", "1/2"]
y = ["1", "0"]
beta = "1/10"
>>> from cases.loader import _toml
>>> case_from_dict(_toml.loads(case_toml(c)), "again") == c
True
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Iterable

from .loader import Case

__all__ = ["case_toml"]


def _strings(values: Iterable[Fraction]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def case_toml(case: Case) -> str:
    """The case's name, data, labels and parameters as a case file (rationals as strings, exactly)."""
    lines = [f"name = {json.dumps(case.name)}"]
    if case.x is not None:
        lines.append(f"x = {_strings(case.x)}")
    if case.X is not None:
        lines.append("X = [" + ", ".join(_strings(row) for row in case.X) + "]")
    if case.y:
        lines.append(f"y = {_strings(case.y)}")
    lines += [f'{key} = "{value}"' for key, value in case.params.items()]
    return "\n".join(lines)
