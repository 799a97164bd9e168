"""Kind "relu1d-extreme-point": the support function of the 1-D rectified set along v, with its maximisers."""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, list_, q, qlist, show, unit
from .arith import dot, sigma
from .relu1d import relu1d_profile


def _g(x: list[Fraction], v: list[Fraction], u: Fraction, b: Fraction) -> Fraction:
    return dot(v, [sigma(u * xi + b, Fraction(0)) for xi in x])




def check(doc: dict, problems: list[str]) -> Fraction | None:
    """Kind "relu1d-extreme-point": sup over |u| <= 1, b real of g(u, b) = sum_i v_i (u x_i + b)_+.

    Fields: data.x (n >= 1), direction (v, length n), status ("attained", "dead" or
    "unbounded"); unless unbounded: value, argmax {u (JSON 1 or -1), b}; if attained:
    face, a list of {u, lo, hi (a rational, or null for +infinity)}.  Conditions (exact):
      1. unbounded: sum(v) > 0 (u = 0 gives g = sum(v) b for b > 0, unbounded).  Returns None.
      2. otherwise sum(v) <= 0, and value == M := max(0, g(+-1, -(+-1) x_k) over all k).  M is the
         supremum: g(0, b) = sum(v) (b)_+ <= 0; g(u, b) = |u| g(sign u, b/|u|) for u != 0; for
         u = +-1, g is piecewise linear in b with breakpoints -u x_k, equal to 0 left of them and
         of slope sum(v) <= 0 right of them.  status is "attained" iff M > 0, "dead" iff M == 0.
      3. argmax has Lemma 2.6's form b == -u x_k for some k, and g(u, b) == value.
      4. attained: face is exactly the set of maximisers.  Since M > 0 only u = +-1 attain it
         (by 2).  Each segment: lo is a breakpoint, lo <= hi, g == M at lo, at hi, and at every
         breakpoint in between (so g, piecewise linear, is M on the segment); hi null only if
         sum(v) == 0 and lo >= the last breakpoint (g is then constant to the right).  Covering:
         every breakpoint with g == M lies in a segment, two consecutive breakpoints both with
         g == M lie in one segment, and if sum(v) == 0 and the last breakpoint has g == M some
         segment of that u has hi null.  These are all the maximisers: between consecutive
         breakpoints g is linear, so its maximisers there are empty, one endpoint or the piece.
    """
    x = qlist(at(doc, "data.x"), "data.x")
    if not x:
        raise Malformed("data.x: expected at least one point")
    v = qlist(at(doc, "direction"), "direction", len(x))
    status = at(doc, "status")
    if status not in ("attained", "dead", "unbounded"):
        raise Malformed(f"status: expected 'attained', 'dead' or 'unbounded', got {show(status)}")
    if status == "unbounded":                                                   # 1.
        if sum(v) <= 0:
            problems.append(f"unbounded: sum(v) = {sum(v)} <= 0, so the supremum is finite")
        return None
    value = q(at(doc, "value"), "value")
    if sum(v) > 0:                                                              # 2.
        problems.append(f"sum(v) = {sum(v)} > 0: the supremum is +infinity (u = 0, b -> +inf)")
        return value
    profile = relu1d_profile(x, v, Fraction(0))
    top = max([Fraction(0)] + [g for _, _, g in profile])
    if value != top:
        problems.append(f"value = {value} but the maximum over all breakpoints (and 0) is {top}")
    if status != ("attained" if top > 0 else "dead"):
        problems.append(f"status {status!r} but the maximum is {top}")
    u = unit(at(doc, "argmax.u"), "argmax.u")                                 # 3.
    b = q(at(doc, "argmax.b"), "argmax.b")
    if b not in {-u * xk for xk in x}:
        problems.append(f"argmax: b = {b} is not -u x_k for any data point (u = {u})")
    if _g(x, v, Fraction(u), b) != value:
        problems.append(f"argmax: g({u}, {b}) = {_g(x, v, Fraction(u), b)} but value = {value}")
    if status == "attained" and top > 0:                                        # 4.
        _check_face(doc, x, v, top, profile, problems)
    return value


def _check_face(doc, x, v, top, profile, problems) -> None:
    segs = []
    for j, s in enumerate(list_(at(doc, "face"), "face")):
        name = f"face[{j}]"
        u = unit(at(s, "u", name), f"{name}.u")
        hi = at(s, "hi", name)
        segs.append((u, q(at(s, "lo", name), f"{name}.lo"), None if hi is None else q(hi, f"{name}.hi")))
    for u in (1, -1):
        bps = sorted({b for uu, b, _ in profile if uu == u})
        at_top = {b: g == top for uu, b, g in profile if uu == u}
        for su, lo, hi in segs:
            if su != u:
                continue
            end = bps[-1] if hi is None else hi
            if lo not in at_top or lo > end:
                problems.append(f"face: segment (u={u}, [{lo}, {hi}]) does not start at a breakpoint <= its end")
                continue
            if hi is None and sum(v) != 0:
                problems.append(f"face: ray (u={u}, [{lo}, +inf)) but sum(v) = {sum(v)} != 0")
            if not all(_g(x, v, Fraction(u), b) == top for b in [lo, end] + [b for b in bps if lo < b < end]):
                problems.append(f"face: g is not {top} on the whole segment (u={u}, [{lo}, {hi}])")

        def covered(b0, b1=None):
            b1 = b0 if b1 is None else b1
            return any(su == u and lo <= b0 and (hi is None or b1 <= hi) for su, lo, hi in segs)
        for k, b in enumerate(bps):
            if at_top[b] and not covered(b):
                problems.append(f"face: maximiser (u={u}, b={b}) missing")
            if k + 1 < len(bps) and at_top[b] and at_top[bps[k + 1]] and not covered(b, bps[k + 1]):
                problems.append(f"face: the flat piece (u={u}, [{b}, {bps[k + 1]}]) is not one segment")
        if sum(v) == 0 and at_top[bps[-1]] and not any(su == u and hi is None for su, _, hi in segs):
            problems.append(f"face: the ray (u={u}, [{bps[-1]}, +inf)) is missing")
