"""What a kind proves, and the comparison with what its certificate states (private to the checker).

A kind's check returns :class:`Proved`: the ``relation`` it establishes from the evidence (never read
from the certificate) and the ``data`` the certificate is about. The certificate must state the same
relation in its ``relation`` field and the same convention in its ``convention`` field; values are
compared after canonicalisation (rationals as ``str(Fraction)``, radicals as ``Surd.doc()``), so
"4/2" and "2" agree but "abc" or a wrong value does not.

Relation types (``relation["type"]``): ``equals`` (the optimal value is ``value``), ``at-most`` /
``at-least`` (a bound ``value``), ``between`` (``lower`` <= value <= ``upper``), ``infeasible``,
``unbounded``, ``count`` (a set has ``value`` elements), ``holds`` / ``fails`` (a ``property``), and
kind-specific ones listed in SPEC.md; optional qualifiers (``attained``, ``unique``, ...) are part of
the relation and compared too.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ._fields import Malformed, at, q, show, surd
from .arith import Surd
from .ramps import Scaled

NUMBER_KEYS = ("value", "lower", "upper")


@dataclass(frozen=True)
class Proved:
    """A kind's conclusion: ``relation`` (values may be Fraction, int, bool, str or Surd) and ``data``."""

    relation: dict[str, Any]
    data: dict[str, Any]


def canonical(obj: Any) -> Any:
    """JSON form with canonical numbers: Fraction -> "p/q", Surd -> {"root", "terms"}, tuples -> lists."""
    if isinstance(obj, bool) or obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, int):
        return obj
    if isinstance(obj, Fraction):
        return str(obj)
    if isinstance(obj, Scaled):
        return list(map(str, obj.nums if obj.den == 1 else obj.fractions()))
    if isinstance(obj, Surd):
        r = obj.rational()
        return str(r) if r is not None else obj.doc()
    if isinstance(obj, dict):
        return {str(k): canonical(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [canonical(v) for v in obj]
    raise TypeError(f"cannot put {type(obj).__name__} into a certificate")


def _stated_number(v: Any, name: str) -> Any:
    """A stated relation number: a rational string or a radical object, canonicalised."""
    if isinstance(v, str):
        return str(q(v, name))
    if isinstance(v, dict):
        return canonical(surd(v, name))
    if type(v) is int:
        return v
    raise Malformed(f"{name}: expected a rational string, an integer or a radical, got {show(v)}")


def _stated_other(v: Any, name: str) -> Any:
    """A stated qualifier as JSON; a float is no relation's value (counts are integers, numbers strings)."""
    if isinstance(v, float):
        raise Malformed(f"{name}: expected a string, an integer, a boolean, a list or an object, got the float {v!r}")
    if isinstance(v, list):
        return [_stated_other(e, f"{name}[{i}]") for i, e in enumerate(v)]
    if isinstance(v, dict):
        return {k: _stated_other(e, f"{name}.{k}") for k, e in v.items()}
    return v


def stated_relation(doc: dict) -> dict:
    rel = at(doc, "relation")
    if not isinstance(rel, dict) or not isinstance(rel.get("type"), str):
        raise Malformed(f"relation: expected an object with a string 'type', got {show(rel)}")
    return {k: _stated_number(v, f"relation.{k}") if k in NUMBER_KEYS else _stated_other(v, f"relation.{k}")
            for k, v in rel.items()}


HIDDEN_BIAS = ("none", "free", "in-norm")


def convention(alpha: Fraction, hidden_bias: str, output_bias: bool) -> dict:
    """The convention a kind proves its relation in (see :class:`exact.convention.Convention`)."""
    return {"alpha": alpha, "hidden_bias": hidden_bias, "output_bias": output_bias}


def stated_convention(doc: dict) -> dict:
    """The certificate's convention {alpha (rational string != 1), hidden_bias, output_bias (bool)}, canonical."""
    c = at(doc, "convention")
    if not isinstance(c, dict) or set(c) != {"alpha", "hidden_bias", "output_bias"}:
        raise Malformed(f"convention: expected {{alpha, hidden_bias, output_bias}}, got {show(c)}")
    if c["hidden_bias"] not in HIDDEN_BIAS or not isinstance(c["output_bias"], bool):
        raise Malformed(f"convention: hidden_bias one of {HIDDEN_BIAS}, output_bias a bool, got {show(c)}")
    alpha = q(c["alpha"], "convention.alpha")
    if alpha == 1:  # sigma_1 is linear: no kind's theorem holds for it
        raise Malformed("convention.alpha: must differ from 1")
    return canonical(convention(alpha, c["hidden_bias"], c["output_bias"]))


def free_bias_alpha(doc: dict) -> Fraction:
    """The leaky slope of a stated convention that must have a free hidden bias and no output bias (kh's
    pattern programs, (2)-(3))."""
    conv = stated_convention(doc)
    if conv["hidden_bias"] != "free" or conv["output_bias"]:
        raise Malformed(f"convention: expected alpha != 1, hidden_bias free, no output bias, got {show(conv)}")
    return Fraction(conv["alpha"])


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON: unlike ``==``, true is not 1 and 1 is not 1.0."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def compare_stated(doc: dict, proved: Proved, problems: list[str]) -> None:
    """The certificate's relation and convention must be exactly the proved ones."""
    want = canonical(proved.relation)
    got = stated_relation(doc)
    if not _same(got, want):
        problems.append(f"relation: the certificate states {show(got, 240)} but the evidence proves {show(want, 240)}")
    if "convention" in proved.data:
        conv = stated_convention(doc)
        if not _same(conv, canonical(proved.data["convention"])):
            problems.append(f"convention: the certificate states {show(conv)} but the kind proves "
                            f"{show(canonical(proved.data['convention']))}")
