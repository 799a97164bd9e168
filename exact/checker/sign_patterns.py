"""Kind "sign-patterns": the exact number of affine sign patterns sign(X w + b 1), sign(0) = +1."""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from ._fields import Malformed, at, list_, q, qlist, qmatrix, show
from .arith import dot


def _signs(seq, name: str, length: Optional[int] = None) -> tuple[int, ...]:
    items = list_(seq, name, length)
    if any(type(v) is not int or v not in (1, -1) for v in items):
        raise Malformed(f"{name}: expected entries 1 or -1, got {show(items)}")
    return tuple(items)


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    """Kind "sign-patterns": data.X (N x d rows, N >= 1); realised, excluded, count, bounds.

    realised: entries {pattern (N entries +-1), w (d), b}; for each, sign(x_i^T w + b)
      == pattern_i with sign(t) = +1 iff t >= 0 (the pattern is realised).
    excluded: entries {prefix (k entries +-1, 1 <= k <= N), mu (k)} with mu >= 0,
      sum_i mu_i s_i (x_i, 1) == 0 and sum_{s_i = -1} mu_i > 0 (no (w, b) realises the
      prefix on x_1..x_k: dotting with (w, b) gives 0 = sum mu_i s_i (x_i^T w + b) > 0).
    The realised patterns and excluded prefixes form a complete prefix code of {+-1}^N:
      no word repeats or is a proper prefix of another, and sum 2^-length == 1; hence
      every s in {+-1}^N is realised or extends exactly one excluded prefix, so
      |J| == number of realised patterns.
    count == that number. Returns count.
    """
    X = qmatrix(at(doc, "data.X"), "data.X")
    d = len(X[0])
    N = len(X)
    words = []
    for k, item in enumerate(list_(at(doc, "realised"), "realised")):
        s = _signs(at(item, "pattern", f"realised[{k}]"), f"realised[{k}].pattern", N)
        w = qlist(at(item, "w", f"realised[{k}]"), f"realised[{k}].w", d)
        b = q(at(item, "b", f"realised[{k}]"), f"realised[{k}].b")
        if tuple(1 if dot(x, w) + b >= 0 else -1 for x in X) != s:
            problems.append(f"realised[{k}]: (w, b) does not realise the pattern {list(s)}")
        words.append(s)
    count = len(words)
    for k, item in enumerate(list_(at(doc, "excluded"), "excluded")):
        s = _signs(at(item, "prefix", f"excluded[{k}]"), f"excluded[{k}].prefix")
        if not 1 <= len(s) <= N:
            raise Malformed(f"excluded[{k}].prefix: expected 1..{N} entries, got {len(s)}")
        mu = qlist(at(item, "mu", f"excluded[{k}]"), f"excluded[{k}].mu", len(s))
        lifted = [x + [Fraction(1)] for x in X[: len(s)]]
        combo = [sum((m * si * x[c] for m, si, x in zip(mu, s, lifted)), Fraction(0)) for c in range(d + 1)]
        if any(m < 0 for m in mu) or any(combo) or sum(m for m, si in zip(mu, s) if si == -1) <= 0:
            problems.append(f"excluded[{k}]: mu is not a Farkas certificate for the prefix {list(s)}")
        words.append(s)
    seen = set(words)
    if len(seen) != len(words):
        problems.append("a pattern or prefix is listed twice")
    if any(w[:j] in seen for w in words for j in range(1, len(w))):
        problems.append("a listed prefix is a proper prefix of another listed word")
    kraft = sum((Fraction(1, 2 ** len(w)) for w in words), Fraction(0))
    if kraft != 1:
        problems.append(f"the listed words do not cover {{+-1}}^N: sum 2^-length = {kraft}, must be 1")
    if at(doc, "count") != count:
        problems.append(f"count: {show(doc['count'])} != {count} realised patterns")
    return Fraction(count)
