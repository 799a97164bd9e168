"""Instance files (TOML, rationals as strings) and seeded instance generators.

>>> from cases import shipped_case
>>> shipped_case("ep-prop-3.1-eq").printed["value"]
Fraction(8, 1)
"""

from .generators import X_CANDIDATES, gaussian_matrix, parameter_case, random_1d_case, random_1d_cases, random_2d_case
from .loader import (
    RESERVED_KEYS,
    VERDICTS,
    Case,
    CaseError,
    case_from_dict,
    load_case,
    parse_rational,
    shipped_case,
    shipped_cases,
)

__all__ = [
    "Case",
    "CaseError",
    "VERDICTS",
    "RESERVED_KEYS",
    "X_CANDIDATES",
    "parse_rational",
    "load_case",
    "case_from_dict",
    "shipped_cases",
    "shipped_case",
    "random_1d_case",
    "random_1d_cases",
    "random_2d_case",
    "gaussian_matrix",
    "parameter_case",
]
