"""Kind "sign-patterns": the exact number of sign patterns of a point set (kh Section III-A's J, pe's D_i).

The affine patterns of the rows x_i of X are J = {sign(X w + b 1) : w, b} and the central ones
{sign(X w) : w}, sign(0) = +1. :func:`certified_patterns` checks the evidence that a list of
patterns is all of them; the pattern kinds (``pattern-bracket``, ``pattern-program-lower``) use it
for their J.

Limits (checked before the work): N <= MAX_POINTS points and (realised + excluded) N (d + 1) <= MAX_WORK.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

from ._fields import Malformed, at, list_, q, qlist, qmatrix, show, within
from ._proved import Proved
from .arith import dot

Pattern = tuple[int, ...]
ARRANGEMENTS = ("affine", "central")
MAX_POINTS = 64  # N, the length of a pattern (real certificates: at most 7)
#: (realised + excluded) N (d + 1): each listed word costs up to N dots of length d + 1 (real: 114 * 7 * 4 = 3192)
MAX_WORK = 100_000


def signs(seq: object, name: str, length: int | None = None) -> Pattern:
    """A list of JSON integers 1 / -1 (not true / false)."""
    items = list_(seq, name, length)
    if any(type(v) is not int or v not in (1, -1) for v in items):
        raise Malformed(f"{name}: expected entries 1 or -1, got {show(items)}")
    return tuple(items)


def certified_patterns(obj: dict, prefix: str, X: list[list[Fraction]], affine: bool,
                       problems: list[str]) -> list[Pattern]:
    """The ``realised`` patterns of ``obj``, checked to be ALL the affine (or central) sign patterns of X.

    Fields (``prefix`` names ``obj`` in messages): realised [{pattern (N entries +-1), w (d), b}] (no b
    when central) and excluded [{prefix (k entries +-1, 1 <= k <= N), mu (k)}]; N <= MAX_POINTS = 64 and
    (realised + excluded) N (d + 1) <= MAX_WORK = 100 000. Conditions (exact):
      1. realised: sign(x_i . w + b) == pattern_i for every i (sign(t) = +1 iff t >= 0; b = 0 centrally);
      2. excluded: mu >= 0, sum_i mu_i s_i (x_i, 1) == 0 ((x_i) centrally) and sum_{s_i = -1} mu_i > 0:
         no (w, b) realises the prefix on x_1..x_k, for every s_i (x_i . w + b) is >= 0, and > 0 where
         s_i = -1, so 0 = sum_i mu_i s_i (x_i . w + b) > 0 (Farkas);
      3. the listed words form a complete prefix code of {+-1}^N: none repeats or is a proper prefix of
         another, and sum 2^-length == 1. So every s in {+-1}^N is realised or extends exactly one
         excluded prefix: the realised list is exactly the set of patterns.
    """
    label = f"{prefix}." if prefix else ""
    N, d = within(len(X), MAX_POINTS, "data.X: points N"), len(X[0])
    items = {part: list_(at(obj, part, prefix), f"{label}{part}") for part in ("realised", "excluded")}
    within((len(items["realised"]) + len(items["excluded"])) * N * (d + 1), MAX_WORK,
           f"{label}(realised + excluded) N (d + 1)")
    words: list[Pattern] = []
    realised: list[Pattern] = []
    for k, item in enumerate(items["realised"]):
        name = f"{label}realised[{k}]"
        s = signs(at(item, "pattern", name), f"{name}.pattern", N)
        w = qlist(at(item, "w", name), f"{name}.w", d)
        if not affine and "b" in item:
            raise Malformed(f"{name}.b: central patterns have no bias")
        b = q(at(item, "b", name), f"{name}.b") if affine else Fraction(0)
        if tuple(1 if dot(x, w) + b >= 0 else -1 for x in X) != s:                       # 1.
            problems.append(f"{name}: (w, b) does not realise the pattern {list(s)}")
        realised.append(s)
    words += realised
    for k, item in enumerate(items["excluded"]):                                               # 2.
        name = f"{label}excluded[{k}]"
        s = signs(at(item, "prefix", name), f"{name}.prefix")
        if not 1 <= len(s) <= N:
            raise Malformed(f"{name}.prefix: expected 1..{N} entries, got {len(s)}")
        mu = qlist(at(item, "mu", name), f"{name}.mu", len(s))
        points = [x + [Fraction(1)] if affine else x for x in X[: len(s)]]
        combo = [sum((m * si * x[c] for m, si, x in zip(mu, s, points, strict=True)), Fraction(0))
                 for c in range(len(points[0]))]
        negative = sum((m for m, si in zip(mu, s, strict=True) if si == -1), Fraction(0))
        if any(m < 0 for m in mu) or any(combo) or negative <= 0:
            problems.append(f"{name}: mu is not a Farkas certificate for the prefix {list(s)}")
        words.append(s)
    seen = set(words)                                                                          # 3.
    if len(seen) != len(words):
        problems.append(f"{label}a pattern or prefix is listed twice")
    ordered = sorted(seen)  # a word is followed directly by its extensions, if any, in lexicographic order
    if any(b[:len(a)] == a for a, b in pairwise(ordered)):
        problems.append(f"{label}a listed prefix is a proper prefix of another listed word")
    kraft = sum((Fraction(1, 2 ** len(w)) for w in words), Fraction(0))
    if kraft != 1:
        problems.append(f"{label}the listed words do not cover {{+-1}}^N: sum 2^-length = {kraft}, must be 1")
    return realised


def check(doc: dict, problems: list[str]) -> Proved:
    """data.X (N >= 1 rows of d rationals), data.arrangement ("affine": sign(X w + b 1); "central":
    sign(X w)); evidence realised, excluded (:func:`certified_patterns`). Proves
    ``{"type": "count", "value": |J|, "arrangement": data.arrangement}``: the number of realised patterns.
    """
    X = qmatrix(at(doc, "data.X"), "data.X")
    arrangement = at(doc, "data.arrangement")
    if arrangement not in ARRANGEMENTS:
        raise Malformed(f"data.arrangement: expected one of {ARRANGEMENTS}, got {show(arrangement)}")
    J = certified_patterns(doc, "", X, arrangement == "affine", problems)
    return Proved({"type": "count", "value": len(J), "arrangement": arrangement},
                  {"X": X, "arrangement": arrangement})
