"""Kind "weight-midpoint": exact midpoint gaps of the regularisation weights of ddb Section 3 on lifted data.

For data points x_i in R^d (rows r_i = (x_i, 1)) and a neuron theta = (a, b) in R^(d+1), with f_i(theta) =
(r_i . theta)_+ (the ReLU) and E the average over the n points:

* ``w_b``: w_b(theta) = sqrt(E[f_i^2]) (ddb Proposition 3.3);
* ``label-noise``: 2 sqrt(S1 S2), S1 = E[f_i^2], S2 = E[(1 + |x_i|^2) chi(r_i . theta >= 0)], the minimum over the
  rescaling lambda of the label-noise potential (12) at |c| = 1.

For each listed pair (p, q) the check computes, exactly (:class:`exact.checker.arith.Surd`: a sum of square roots
of rationals, zero iff every coefficient is, sign by rational enclosures), the sign of the midpoint gap
(w(p) + w(q))/2 - w((p + q)/2), whether p and q are positively proportional, and whether both lie at the bulk
(the same sign vector with no zero, its active rows of rank d + 1, ddb Definition 3.1).

Conditions checked: data.X (or data.x) and the pairs well formed (d + 1 rationals each, p, q != 0).
Proves ``{"type": "midpoint-gaps", "weight": w, "gaps": [{"sign": s, "proportional": bool, "bulk": bool}, ...]}``:
a sign -1 is a violation of midpoint convexity; a sign 0 with proportional false is an equality along a
non-proportional pair (no strict convexity there).

>>> from fractions import Fraction as F
>>> rows = [[F(0), F(1)], [F(1), F(1)]]
>>> str(w_b(rows, [F(1), F(0)])), str(label_noise(rows, [F(1), F(0)]))
('1/2*sqrt(2)', 'sqrt(3)')
"""
from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ._fields import Malformed, at, list_, qlist, qmatrix, within
from ._proved import Proved
from .arith import Surd, rank

MAX_POINTS = 200
MAX_PAIRS = 200
WEIGHTS = ("w_b", "label-noise")


def _dot(r: Sequence[Fraction], t: Sequence[Fraction]) -> Fraction:
    return sum((a * b for a, b in zip(r, t, strict=True)), Fraction(0))


def w_b(rows: Sequence[Sequence[Fraction]], theta: Sequence[Fraction]) -> Surd:
    """sqrt(E[(r_i . theta)_+^2])."""
    return Surd.sqrt(sum((max(_dot(r, theta), Fraction(0)) ** 2 for r in rows), Fraction(0)) / len(rows))


def label_noise(rows: Sequence[Sequence[Fraction]], theta: Sequence[Fraction]) -> Surd:
    """2 sqrt(S1 S2) (module doc); |x_i|^2 from the row without its last entry 1."""
    n = len(rows)
    s1 = sum((max(_dot(r, theta), Fraction(0)) ** 2 for r in rows), Fraction(0)) / n
    s2 = sum((1 + _dot(r[:-1], r[:-1]) for r in rows if _dot(r, theta) >= 0), Fraction(0)) / n
    return Surd.sqrt(4 * s1 * s2)


def proportional(p: Sequence[Fraction], q: Sequence[Fraction]) -> bool:
    """q = t p for some t > 0."""
    k = next(i for i, a in enumerate(p) if a)
    t = q[k] / p[k]
    return t > 0 and all(b == t * a for a, b in zip(p, q, strict=True))


def at_bulk(rows: Sequence[Sequence[Fraction]], p: Sequence[Fraction], q: Sequence[Fraction]) -> bool:
    """p and q have the same sign vector, with no zero, and its active rows have rank d + 1."""
    sp, sq = ([(_dot(r, t) > 0) - (_dot(r, t) < 0) for r in rows] for t in (p, q))
    if sp != sq or 0 in sp:
        return False
    active = [list(r) for r, s in zip(rows, sp, strict=True) if s > 0]
    return bool(active) and rank(active) == len(rows[0])


def check(doc: dict, problems: list[str]) -> Proved:
    if "X" in at(doc, "data"):
        X = qmatrix(at(doc, "data.X"), "data.X")
    else:
        X = [[t] for t in qlist(at(doc, "data.x"), "data.x")]
    within(len(X), MAX_POINTS, "data: points n")
    rows = [list(x) + [Fraction(1)] for x in X]
    weight = at(doc, "weight")
    if weight not in WEIGHTS:
        raise Malformed(f"weight: expected one of {WEIGHTS}, got {weight!r}")
    w = w_b if weight == "w_b" else label_noise
    pairs = list_(at(doc, "pairs"), "pairs")
    within(len(pairs), MAX_PAIRS, "pairs: pairs")
    gaps = []
    for j, pair in enumerate(pairs):
        p, q = (qlist(at(pair, k, f"pairs[{j}]"), f"pairs[{j}].{k}", len(rows[0])) for k in ("p", "q"))
        if not any(p) or not any(q):
            raise Malformed(f"pairs[{j}]: expected nonzero p and q")
        m = [(a + b) / 2 for a, b in zip(p, q, strict=True)]
        gap = (w(rows, p) + w(rows, q)) * Fraction(1, 2) - w(rows, m)
        gaps.append({"sign": gap.sign(), "proportional": proportional(p, q), "bulk": at_bulk(rows, p, q)})
    data = {"X": X} if "X" in at(doc, "data") else {"x": [x[0] for x in X]}
    return Proved({"type": "midpoint-gaps", "weight": weight, "gaps": gaps}, data)
