"""Kind "spike-witness": a neuron (X u)_+ that is not X z for any ||z|| <= 1 (X is NOT spike-free, ep (6))."""

from __future__ import annotations

from typing import Any

from ._bias_free import gram_times, relu_image, samples
from ._fields import Malformed, at, qlist, show
from ._proved import Proved
from .arith import dot, rmatvec

EVIDENCE = ("t", "k")


def check(doc: dict, problems: list[str]) -> Proved:
    """X (n x d) is not spike-free: some (X u)_+ with ||u|| <= 1, a point of Q_X, is not in X B_2.

    Fields: data.X; u (d rationals, ||u||^2 <= 1); exactly one of
      t (n): X X^T t = b with b = (X u)_+ and t^T b > 1. z0 = X^T t solves X z0 = b and lies in the row
         space of X, so it is the minimum-norm solution: every X z = b has ||z||^2 >= ||z0||^2 = t^T b > 1
         (ep (7): z0 = X^+ (X u)_+). Proves the relation with ``"min_norm2": t^T b``;
      k (n): X^T k = 0 and k^T b != 0, so b is not in the range of X at all. Proves it with
         ``"min_norm2": null``.
    Proves ``{"type": "fails", "property": "spike-free", "min_norm2": ...}``.
    """
    X = samples(doc)
    n, d = len(X), len(X[0])
    u = qlist(at(doc, "u"), "u", d)
    present = [k for k in EVIDENCE if k in doc]
    if len(present) != 1:
        raise Malformed(f"evidence: expected exactly one of {EVIDENCE}, got {show(present)}")
    if dot(u, u) > 1:
        problems.append(f"u: ||u||^2 = {dot(u, u)} > 1")
    b = relu_image(X, u)
    min_norm2: Any = None
    if present == ["t"]:
        t = qlist(doc["t"], "t", n)
        if gram_times(X, t) != b:
            problems.append("t: X X^T t != (X u)_+")
        min_norm2 = dot(t, b)
        if min_norm2 <= 1:
            problems.append(f"t: the minimum-norm preimage has ||z||^2 = t^T (X u)_+ = {min_norm2} <= 1")
    else:
        k = qlist(doc["k"], "k", n)
        if any(rmatvec(X, k)):
            problems.append("k: X^T k != 0")
        if dot(k, b) == 0:
            problems.append("k: k^T (X u)_+ = 0, so (X u)_+ may be in the range of X")
    return Proved({"type": "fails", "property": "spike-free", "min_norm2": min_norm2}, {"X": X})
