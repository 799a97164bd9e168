"""Parsing and arithmetic shared by the certificate kinds (standard library only).

Every rational in a certificate is a JSON string parsed by ``Fraction``; a
missing or ill-typed field raises :class:`Malformed` naming the field.
:func:`relu1d_profile` evaluates the 1-D semi-infinite dual constraint
g_u(b) = sum_i v_i s_alpha(u x_i + b) at every breakpoint, which is where
its supremum over |u| <= 1, b in R is attained (see :func:`relu1d_sup`).
"""
from __future__ import annotations

from bisect import bisect_right
from fractions import Fraction
from typing import Any, Optional


class Malformed(Exception):
    """A field is missing or ill-typed; the message names the field."""


def show(obj: Any) -> str:
    text = repr(obj)
    return text if len(text) <= 60 else text[:57] + "..."


def at(obj: Any, path: str, prefix: str = "") -> Any:
    """Follow the dotted ``path`` from ``obj``; a missing or non-object step is Malformed."""
    name = prefix
    for key in path.split("."):
        if not isinstance(obj, dict):
            raise Malformed(f"{name or 'certificate'}: expected a JSON object, got {show(obj)}")
        name = f"{name}.{key}" if name else key
        if key not in obj:
            raise Malformed(f"{name}: missing field")
        obj = obj[key]
    return obj


def q(s: Any, name: str) -> Fraction:
    """Parse a rational given as a JSON string (finite, nonzero denominator)."""
    if isinstance(s, str):
        try:
            return Fraction(s)
        except (ValueError, ZeroDivisionError):
            pass
    raise Malformed(f"{name}: expected a rational string like '3/4', got {show(s)}")


def list_(seq: Any, name: str, length: Optional[int] = None) -> list:
    if not isinstance(seq, list):
        raise Malformed(f"{name}: expected a list, got {show(seq)}")
    if length is not None and len(seq) != length:
        raise Malformed(f"{name}: expected {length} entries, got {len(seq)}")
    return seq


def qlist(seq: Any, name: str, length: Optional[int] = None) -> list[Fraction]:
    return [q(s, f"{name}[{i}]") for i, s in enumerate(list_(seq, name, length))]


def qmatrix(obj: Any, name: str) -> list[list[Fraction]]:
    """A nonempty matrix of rational strings with rows of equal length."""
    rows = list_(obj, name)
    if not rows:
        raise Malformed(f"{name}: expected at least one row")
    d = len(list_(rows[0], f"{name}[0]"))
    return [qlist(r, f"{name}[{i}]", d) for i, r in enumerate(rows)]


def bool_(b: Any, name: str) -> bool:
    if not isinstance(b, bool):
        raise Malformed(f"{name}: expected true or false, got {show(b)}")
    return b


def dot(a: list[Fraction], b: list[Fraction]) -> Fraction:
    return sum((p * q for p, q in zip(a, b)), Fraction(0))


def ramp_sums(alpha: Fraction, u: int, knots: list[Fraction], coefs: list[Fraction],
              points: list[Fraction]) -> list[Fraction]:
    """Return [sum_j coefs[j] * s_alpha(u * (p - knots[j])) for p in points], u in {1, -1}.

    With L(p) = sum_{t_j <= p} c_j (p - t_j) and G(p) = sum_{t_j > p} c_j (p - t_j),
    the sum is L + alpha*G for u = 1 and -(G + alpha*L) for u = -1 (a tie t_j = p
    contributes 0 to either side).  Sorting plus prefix sums of c_j and c_j t_j make
    it O((m + n) log m).
    """
    order = sorted(range(len(knots)), key=knots.__getitem__)
    ts = [knots[j] for j in order]
    pc, pct = [Fraction(0)], [Fraction(0)]
    for j in order:
        pc.append(pc[-1] + coefs[j])
        pct.append(pct[-1] + coefs[j] * knots[j])
    out = []
    for p in points:
        i = bisect_right(ts, p)
        low = p * pc[i] - pct[i]
        high = p * (pc[-1] - pc[i]) - (pct[-1] - pct[i])
        out.append(low + alpha * high if u == 1 else -(high + alpha * low))
    return out


def relu1d_profile(x: list[Fraction], v: list[Fraction], alpha: Fraction) -> list[tuple[int, Fraction, Fraction]]:
    """(u, b, g_u(b)) at every breakpoint b = -u x_k, u = +-1, of g_u(b) = sum_i v_i s_alpha(u x_i + b).

    For sum(v) == 0 the supremum of |g| over |u| <= 1, b in R is the largest |g| listed:
    u = 0 gives 0, 0 < |u| < 1 scales u = +-1 by |u| (positive homogeneity), and for
    u = +-1 g is piecewise linear in b, constant beyond the extreme breakpoints.
    """
    out = []
    for u in (1, -1):
        for k, g in enumerate(ramp_sums(alpha, -u, x, v, x)):
            out.append((u, -u * x[k], g))
    return out


def relu1d_sup(x: list[Fraction], v: list[Fraction], alpha: Fraction) -> Optional[tuple[Fraction, int, Fraction]]:
    """sup over |u| <= 1, b of |sum_i v_i s_alpha(u x_i + b)| with an attaining (u, b), or None if infinite.

    The supremum is infinite exactly when sum(v) != 0 (u = 0, b -> +oo).

    >>> F = Fraction
    >>> relu1d_sup([F(0), F(1), F(2)], [F(1), F(-2), F(1)], F(0))
    (Fraction(1, 1), 1, Fraction(-1, 1))
    """
    if sum(v) != 0:
        return None
    u, b, g = max(relu1d_profile(x, v, alpha), key=lambda t: abs(t[2]))
    return abs(g), u, b
