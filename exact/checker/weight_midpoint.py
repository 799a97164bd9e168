"""Kind "weight-midpoint": exact midpoint gaps of the regularisation weights of ddb Section 3 on lifted data.

For data points x_i in R^d (rows r_i = (x_i, 1)) and a neuron theta = (a, b) in R^(d+1), with f_i(theta) =
(r_i . theta)_+ (the ReLU) and E the average over the n points:

* ``w_b``: w_b(theta) = sqrt(E[f_i^2]) (ddb Proposition 3.3);
* ``label-noise``: 2 sqrt(S1 S2), S1 = E[f_i^2], S2 = E[(1 + |x_i|^2) chi(r_i . theta >= 0)], the minimum over the
  rescaling lambda of the label-noise potential (12) at |c| = 1;
* ``tv-lifted``: V(theta, c) = |c| ||theta||_2 on lifted neurons (theta, c) in R^(d+2), the potential of (19) with
  the TV weight (its midpoint gap is (19)'s g at lambda = 1/2). "proportional" is then (19)'s equality case:
  theta' = alpha theta, c' = beta c with alpha, beta > 0 (c = c' = 0 allowed), and "bulk" is read on theta.

For each listed pair (p, q), with an optional ``factor`` kappa > 0 (default 1), the check computes exactly
(:class:`exact.checker.arith.Surd`: a sum of square roots of rationals, zero iff every coefficient is, sign by
rational enclosures) the sign of the midpoint gap (w(p) + w(q))/2 - kappa w((p + q)/2), whether p and q are
positively proportional, and whether both lie at the bulk (the same sign vector with no zero, its active rows of
rank d + 1, ddb Definition 3.1). A factor 2 compares the average with the weight of p + q (w is 1-homogeneous).

Conditions checked: data.X (or data.x) and the pairs well formed (d + 1 rationals each, d + 2 when lifted; p, q !=
0).
Proves ``{"type": "midpoint-gaps", "weight": w, "gaps": [{"sign": s, "proportional": bool, "bulk": bool}, ...]}``
(with ``"factor": kappa`` in an entry whose pair lists one):
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

from ._fields import Malformed, at, list_, q, qlist, qmatrix, within
from ._lifted import dot
from ._proved import Proved
from .arith import LimitExceeded, Surd, rank

MAX_POINTS = 200
MAX_PAIRS = 200
WEIGHTS = ("w_b", "label-noise", "tv-lifted")


def _sqrt(r: Fraction) -> Surd:
    """sqrt(r) as a Surd; a radicand too large to reduce by trial division is a limit of the check, not an error."""
    try:
        return Surd.sqrt(r)
    except ValueError as err:
        raise LimitExceeded(f"a weight's radicand is beyond the checker's factoring limit ({err})") from None


def w_b(rows: Sequence[Sequence[Fraction]], theta: Sequence[Fraction]) -> Surd:
    """sqrt(E[(r_i . theta)_+^2])."""
    return _sqrt(sum((max(dot(r, theta), Fraction(0)) ** 2 for r in rows), Fraction(0)) / len(rows))


def label_noise(rows: Sequence[Sequence[Fraction]], theta: Sequence[Fraction]) -> Surd:
    """2 sqrt(S1 S2) (module doc); |x_i|^2 from the row without its last entry 1."""
    n = len(rows)
    s1 = sum((max(dot(r, theta), Fraction(0)) ** 2 for r in rows), Fraction(0)) / n
    s2 = sum((1 + dot(r[:-1], r[:-1]) for r in rows if dot(r, theta) >= 0), Fraction(0)) / n
    return _sqrt(4 * s1 * s2)


def proportional(p: Sequence[Fraction], q: Sequence[Fraction]) -> bool:
    """q = t p for some t > 0 (p != 0; False when p = 0)."""
    k = next((i for i, a in enumerate(p) if a), None)
    if k is None:
        return False
    t = q[k] / p[k]
    return t > 0 and all(b == t * a for a, b in zip(p, q, strict=True))


def tv_lifted(rows: Sequence[Sequence[Fraction]], point: Sequence[Fraction]) -> Surd:
    """|c| ||theta|| for the lifted neuron point = (theta, c) (the data do not enter)."""
    theta = point[:-1]
    return _sqrt(dot(theta, theta)) * abs(point[-1])


def lifted_proportional(p: Sequence[Fraction], q: Sequence[Fraction]) -> bool:
    """(19)'s equality case: theta_q = alpha theta_p, c_q = beta c_p, alpha, beta > 0 (both c = 0 allowed)."""
    c, e = p[-1], q[-1]
    return proportional(p[:-1], q[:-1]) and (c == e == 0 or (c != 0 and e / c > 0))


def at_bulk(rows: Sequence[Sequence[Fraction]], p: Sequence[Fraction], q: Sequence[Fraction]) -> bool:
    """p and q have the same sign vector, with no zero, and its active rows have rank d + 1."""
    sp, sq = ([(dot(r, t) > 0) - (dot(r, t) < 0) for r in rows] for t in (p, q))
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
    lifted = weight == "tv-lifted"
    w = {"w_b": w_b, "label-noise": label_noise, "tv-lifted": tv_lifted}[weight]
    pairs = list_(at(doc, "pairs"), "pairs")
    within(len(pairs), MAX_PAIRS, "pairs: pairs")
    gaps = []
    for j, pair in enumerate(pairs):
        p, r = (qlist(at(pair, k, f"pairs[{j}]"), f"pairs[{j}].{k}", len(rows[0]) + lifted) for k in ("p", "q"))
        if not any(p) or not any(r):
            raise Malformed(f"pairs[{j}]: expected nonzero p and q")
        kappa = q(pair["factor"], f"pairs[{j}].factor") if "factor" in pair else Fraction(1)
        if kappa <= 0:
            raise Malformed(f"pairs[{j}].factor: expected a rational > 0, got {kappa}")
        m = [(a + b) / 2 for a, b in zip(p, r, strict=True)]
        gap = (w(rows, p) + w(rows, r)) * Fraction(1, 2) - w(rows, m) * kappa
        theta_p, theta_q = (p[:-1], r[:-1]) if lifted else (p, r)
        gaps.append({"sign": gap.sign(), "proportional": (lifted_proportional if lifted else proportional)(p, r),
                     "bulk": any(theta_p) and any(theta_q) and at_bulk(rows, theta_p, theta_q)}
                    | ({"factor": kappa} if "factor" in pair else {}))
    data = {"X": X} if "X" in at(doc, "data") else {"x": [x[0] for x in X]}
    return Proved({"type": "midpoint-gaps", "weight": weight, "gaps": gaps}, data)
