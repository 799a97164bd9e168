"""Kind "relu1d-extreme-point": the support function of the 1-D rectified set along v, with all its maximisers."""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._fields import Malformed, at, qlist
from ._proved import Proved
from .relu1d import relu1d_profile


def _segments(profile: dict[Fraction, Fraction], top: Fraction, ray: bool, u: int) -> list[dict]:
    """The maximal runs of consecutive breakpoints where g == top, as {u, lo, hi} (hi None: the ray)."""
    bps = sorted(profile)
    out: list[dict] = []
    k = 0
    while k < len(bps):
        if profile[bps[k]] != top:
            k += 1
            continue
        j = k
        while j + 1 < len(bps) and profile[bps[j + 1]] == top:
            j += 1
        hi: Optional[Fraction] = None if ray and j == len(bps) - 1 else bps[j]
        out.append({"u": u, "lo": bps[k], "hi": hi})
        k = j + 1
    return out


def check(doc: dict, problems: list[str]) -> Proved:
    """S(v) = sup over |u| <= 1, b real of g(u, b) = sum_i v_i (u x_i + b)_+ (ep (9), the 1-D set
    Q = {(x u + b 1)_+}), with every maximiser (ep Lemma 2.6, proof (22)-(24)).

    Fields: data.x (n >= 1 points), data.v (n). No evidence: the relation is computed from the data.
      1. sum(v) > 0: proves ``{"type": "unbounded"}`` (u = 0 gives g = sum(v) b for b > 0).
      2. otherwise proves ``{"type": "equals", "value": M, "attained": true}`` with M = max(0, g(+-1, -(+-1) x_k)
         over all k). M is the supremum: g(0, b) = sum(v) (b)_+ <= 0; g(u, b) = |u| g(sign u, b / |u|) for
         u != 0; for u = +-1, g is piecewise linear in b with breakpoints -u x_k, equal to 0 left of them and
         of slope sum(v) <= 0 right of them. It is attained at a breakpoint (Lemma 2.6's form u = +-1,
         b = -u x_k); for M = 0 at u = 1, b = -max x (the zero vector, a dead neuron).
      3. for M > 0 the relation also lists ``"maximisers"``: every (u, b) with g(u, b) = M, as segments
         {u, lo, hi} (hi null: [lo, +oo)), u = 1 first, lo increasing. Only u = +-1 attain M (by 2); between
         consecutive breakpoints g is linear, so its maximisers there are empty, one endpoint or the whole
         piece; so they are the maximal runs of consecutive breakpoints where g = M, the last one extended to
         +oo iff sum(v) == 0 (g is constant beyond it). Every lo is a breakpoint: Lemma 2.6's form.
    """
    x = qlist(at(doc, "data.x"), "data.x")
    if not x:
        raise Malformed("data.x: expected at least one point")
    v = qlist(at(doc, "data.v"), "data.v", len(x))
    data = {"x": x, "v": v}
    if sum(v) > 0:                                                              # 1.
        return Proved({"type": "unbounded"}, data)
    profile: dict[int, dict[Fraction, Fraction]] = {1: {}, -1: {}}              # 2.
    for u, b, g in relu1d_profile(x, v, Fraction(0)):
        profile[u][b] = g
    top = max([Fraction(0)] + [g for by_b in profile.values() for g in by_b.values()])
    relation: dict = {"type": "equals", "value": top, "attained": True}
    if top > 0:                                                                 # 3.
        relation["maximisers"] = [s for u in (1, -1) for s in _segments(profile[u], top, sum(v) == 0, u)]
    return Proved(relation, data)
