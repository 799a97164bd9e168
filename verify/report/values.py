"""Values of the results JSON as report pieces: exact rationals, radicals, brackets, relations, vectors.

>>> value_inlines("919/2160")
(Exact(value='919/2160'),)
>>> value_inlines({"lower": "1/3", "upper": "1/2", "width": "1/6", "lower_from": "dual", "upper_from": "primal"})
('certified bracket [', Exact(value='1/3'), ', ', Exact(value='1/2'), ']', ' (width ', Exact(value='1/6'), ')')
>>> relation_inlines({"type": "equals", "value": "2", "attained": True})
('equals ', Exact(value='2'), ' (attained)')
>>> radical_tex({"root": 2, "terms": {"1": "1/2", "5": "-3"}})
'\\\\frac{1}{2} - 3\\\\sqrt{5}'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from exact.checker._fields import surd

from .document import Inline, Inlines, Radical, exact_or_text


def tex_rational(q: Fraction) -> str:
    body = str(abs(q.numerator)) if q.denominator == 1 else f"\\frac{{{abs(q.numerator)}}}{{{q.denominator}}}"
    return ("-" if q < 0 else "") + body


def radical_tex(doc: dict[str, Any]) -> str:
    """TeX of sum_m c_m m^(1/L) (the JSON form of :class:`exact.checker.arith.Surd`)."""
    L = int(doc["root"])
    out = ""
    for m, c in doc["terms"].items():
        q = Fraction(c)
        root = "" if m == "1" else (f"\\sqrt{{{m}}}" if L == 2 else f"\\sqrt[{L}]{{{m}}}")
        mag = tex_rational(abs(q)) if (abs(q) != 1 or not root) else ""
        sign = ("-" if q < 0 else "+") if out else ("-" if q < 0 else "")
        out += (f" {sign} " if out else sign) + mag + root
    return out or "0"


def value_inlines(v: Any) -> Inlines:
    """A value of the results JSON (``value_json``) as inline pieces."""
    if v is None:
        return ("none (this check computes no single optimal value)",)
    if isinstance(v, str):
        return (exact_or_text(v),)
    if isinstance(v, dict) and "root" in v:  # a result's value carries its text; a relation's only the terms
        s = surd(v, "value")
        return (Radical(v.get("exact", repr(s)), radical_tex(v), v.get("decimal", f"{float(s):.15g}")),)
    if isinstance(v, dict) and "lower" in v:
        ends = [exact_or_text(v[k]) if v.get(k) is not None else "unbounded" for k in ("lower", "upper")]
        tail = (" (width ", exact_or_text(v["width"]), ")") if v.get("width") is not None else ()
        return ("certified bracket [", ends[0], ", ", ends[1], "]", *tail)
    if isinstance(v, list):
        out: list[Inline] = []
        for k, item in enumerate(v):
            out += ["; " if k else "", *value_inlines(item["value"]), f" ({item['label']})"]
        return tuple(p for p in out if p != "")
    return (str(v),)


def relation_inlines(rel: dict[str, Any] | None) -> Inlines:
    """What a checked certificate proved (its relation, canonical JSON) as inline pieces."""
    if rel is None:
        return ("nothing (rejected)",)
    kind = rel.get("type", "?")
    if kind == "between":
        return ("between ", *value_inlines(rel["lower"]), " and ", *value_inlines(rel["upper"]))
    if kind in ("holds", "fails"):
        return (f"{kind}: {rel.get('property', '')}",)
    head: tuple[Inline, ...] = (kind.replace("-", " "),)
    if "value" in rel:
        head = (f"{kind.replace('-', ' ')} ", *value_inlines(rel["value"]))
    flags = [k for k in ("attained", "unique") if rel.get(k) is True]
    rest = [k for k in rel if k not in ("type", "value", "attained", "unique")]
    extra = f" ({', '.join(flags)})" if flags else ""
    more = f"; also {', '.join(rest)}" if rest else ""
    return (*head, extra + more) if extra or more else head


def vector_inlines(values: list[Any]) -> Inlines:
    """(v_1, ..., v_n) with every entry exact."""
    out: list[Inline] = ["("]
    for k, t in enumerate(values):
        out += [", "] if k else []
        out.append(exact_or_text(str(t)))
    return (*out, ")")
