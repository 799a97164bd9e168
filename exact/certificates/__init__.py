"""Certificate writers: one module per kind, named as the kind, re-checked by :mod:`exact.checker`.

Every rational is a string "p/q". A certificate is a JSON object with the checker's ``format`` and
``version``, its ``kind``, the informational ``claim``, ``case`` and ``statement``, and the
kind's fields (``exact/checker/SPEC.md``). The writer of kind ``k`` is ``exact.certificates.<k>``
(hyphens as underscores); the checker of kind ``k`` is ``exact.checker.<k>``.

>>> doc = certificate_header("lp", "demo", "demo", "a statement")
>>> doc["format"], doc["kind"]
('relu-certify-certificate', 'lp')
"""

from __future__ import annotations

from ..checker import FORMAT, VERSION
from ..checker.arith import Surd

__all__ = ["FORMAT", "VERSION", "certificate_header", "number"]


def certificate_header(kind: str, claim: str, case: str, statement: str) -> dict:
    return {"format": FORMAT, "version": VERSION, "kind": kind, "claim": claim, "case": case,
            "statement": statement}


def number(value: Surd) -> str | dict:
    """An exact number as a certificate writes it: "p/q" when rational, else a radical {"root", "terms"}.

    >>> from fractions import Fraction
    >>> number(Surd.sqrt(Fraction(9, 4))), number(1 + Surd.sqrt(Fraction(2)))
    ('3/2', {'root': 2, 'terms': {'1': '1', '2': '1'}})
    """
    r = value.rational()
    return str(r) if r is not None else value.doc()
