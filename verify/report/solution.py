"""A recorded 1-D function as the report states it: a table of neurons and a formula, exactly.

A neuron {u, b, w} is x -> w sigma_alpha(u x + b); with u != 0 it is w |u| sigma_alpha(sign(u) (x - t)) in
the breakpoint t = -b/u (sigma_alpha positively homogeneous).

>>> f = {"neurons": [{"u": "1", "b": "-1", "w": "-1"}, {"u": "-1", "b": "1", "w": "-1"}], "constant": "1",
...      "alpha": "0"}
>>> formula(f).text
'f(x) = -σ(x - 1) - σ(1 - x) + 1'
>>> formula(f).tex
'f(x) = -\\\\sigma(x - 1) - \\\\sigma(1 - x) + 1'
>>> neuron_rows(f)[1]
(('2',), (Exact(value='-1'),), (Exact(value='1'),), (Exact(value='-1'),))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .document import Exact, Inlines, Math
from .values import tex_rational


def _q(text: str) -> Fraction:
    return Fraction(text)


def _num(q: Fraction, tex: bool) -> str:
    return tex_rational(q) if tex else str(q)


def _shift(t: Fraction, sign: int, tex: bool) -> str:
    """sign (x - t) as text: x - t, x + |t|, t - x, -x - |t| ..."""
    if sign > 0:
        return "x" if t == 0 else f"x {'-' if t > 0 else '+'} {_num(abs(t), tex)}"
    return "-x" if t == 0 else (f"{_num(t, tex)} - x" if t > 0 else f"-x - {_num(-t, tex)}")


def _term(coef: Fraction, inner: str, first: bool, tex: bool) -> str:
    sigma = "\\sigma" if tex else "σ"
    mag = "" if abs(coef) == 1 else (_num(abs(coef), tex) + (" " if tex else "·"))
    sign = ("-" if coef < 0 else "") if first else (" - " if coef < 0 else " + ")
    return f"{sign}{mag}{sigma}({inner})"


def formula(f: dict[str, Any]) -> Math:
    """f(x) = sum_j w_j |u_j| sigma(sign(u_j) (x - t_j)) + c, exactly, for a recorded network (figures spec)."""
    parts: dict[bool, list[str]] = {False: [], True: []}
    alpha = _q(f.get("alpha", "0"))
    neurons = [(_q(n["u"]), _q(n["b"]), _q(n["w"])) for n in f["neurons"]]
    c = _q(f.get("constant", "0")) + sum((w * (b if b >= 0 else alpha * b) for u, b, w in neurons if u == 0),
                                         Fraction(0))  # a u = 0 neuron is the constant w sigma(b)
    for tex in (False, True):
        out: list[str] = []
        for u, b, w in neurons:
            if u:
                out.append(_term(w * abs(u), _shift(-b / u, 1 if u > 0 else -1, tex), not out, tex))
        if c or not out:
            out.append((("-" if c < 0 else "") if not out else (" - " if c < 0 else " + ")) + _num(abs(c), tex))
        parts[tex] = out
    return Math("f(x) = " + "".join(parts[False]), "f(x) = " + "".join(parts[True]))


def neuron_rows(f: dict[str, Any]) -> list[tuple[Inlines, ...]]:
    """Rows (j, slope u_j, breakpoint t_j = -b_j / u_j, outer weight w_j) of a recorded network."""
    rows = []
    for j, n in enumerate(f["neurons"], 1):
        u, b = _q(n["u"]), _q(n["b"])
        t: Inlines = (Exact(str(-b / u)),) if u else ("none (u = 0: the constant w σ(b))",)
        rows.append(((str(j),), (Exact(str(u)),), t, (Exact(str(_q(n["w"]))),)))
    return rows


def spline_rows(f: dict[str, Any]) -> list[tuple[Inlines, ...]]:
    """Rows (k, knot t_k, value f(t_k)) of a recorded linear spline."""
    s = f["spline"]
    return [((str(k),), (Exact(str(_q(t))),), (Exact(str(_q(v))),))
            for k, (t, v) in enumerate(zip(s["knots"], s["values"]), 1)]
