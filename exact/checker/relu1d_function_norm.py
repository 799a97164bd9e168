"""Kind "relu1d-function-norm": R̄(f) of a piecewise-linear f (ses (8), (12), Theorem 3.1)."""

from __future__ import annotations

from bisect import bisect_right
from fractions import Fraction
from itertools import pairwise

from ._fields import Malformed, at, q, qlist
from ._proved import Proved, convention
from ._relu1d import cost, neurons_1d
from .relu1d import network_1d


def _f(t: list[Fraction], v: list[Fraction], slopes: list[Fraction], x: Fraction) -> Fraction:
    """f(x) for breakpoints t, values v, slopes s_0..s_K (s_k on [t_k, t_{k+1}])."""
    k = bisect_right(t, x)  # the breakpoints <= x (t is increasing)
    return v[0] + slopes[0] * (x - t[0]) if k == 0 else v[k - 1] + slopes[k] * (x - t[k - 1])


def check(doc: dict, problems: list[str]) -> Proved:
    """R̄(f) = inf ||alpha||_1 over signed measures alpha on {+-1} x R and c in R with
    f = int [w x + b]_+ dalpha(w, b) + c (ses (8), (12): ReLU, |w| = 1, free hidden and output bias).

    Fields: convention, which must be {alpha "0", hidden_bias "free", output_bias true}; data.breakpoints
    t_1 < ... < t_K (K >= 1), data.values f(t_k), data.left_slope s_0 = f'(-oo), data.right_slope s_K = f'(+oo);
    primal.neurons[j] = {w: [+-1], b, c} meaning c [w x + b]_+, primal.constant c0; dual.kink (K entries y_k),
    dual.left y_-, dual.right y_+. Proves ``{"type": "equals", "value": R̄(f), "attained": true}``. With the
    slopes s_k and kinks d_k = s_k - s_{k-1} recomputed from the data, conditions (exact):
      1. |w_j| == 1, and the network h = sum_j c_j [w_j x + b_j]_+ + c0 equals f on all of R: h(p) == f(p) at
         every breakpoint and every knot p = -b_j / w_j, h'(-oo) = sum_{w_j = -1} c_j w_j == s_0 and
         h'(+oo) = sum_{w_j = 1} c_j w_j == s_K (both are affine between consecutive points of that set and
         beyond it, so this is equality everywhere);
      2. value := sum_j |c_j| (the network's cost, so R̄(f) <= value, attained by the network of 1);
      3. dual feasibility |y_k + y_+| <= 1 and |y_k - y_-| <= 1 for every k, and |y_+ + y_-| <= 2;
      4. no gap: sum_k d_k y_k + s_K y_+ + s_0 y_- == value.
    Why 3-4 give R̄(f) >= value: by 3 some y_0 has |y_0 + y_+| <= 1, |y_0 - y_-| <= 1; put y(b) = y_k
    at t_k and y_0 elsewhere. For any representation, alpha(1, .) + alpha(-1, .) = f'' = sum d_k
    delta_{t_k}, alpha(1, R) = s_K and -alpha(-1, R) = s_0 (ses (13)-(18)), so
    ||alpha||_1 >= int (y + y_+) dalpha(1, .) + int (y - y_-) dalpha(-1, .) = sum d_k y_k + s_K y_+ + s_0 y_-.
    """
    t = qlist(at(doc, "data.breakpoints"), "data.breakpoints")
    if not t or any(a >= b for a, b in pairwise(t)):
        raise Malformed("data.breakpoints: expected at least one point, strictly increasing")
    K = len(t)
    v = qlist(at(doc, "data.values"), "data.values", K)
    s0, sK = q(at(doc, "data.left_slope"), "data.left_slope"), q(at(doc, "data.right_slope"), "data.right_slope")
    slopes = [s0] + [(v[k + 1] - v[k]) / (t[k + 1] - t[k]) for k in range(K - 1)] + [sK]
    d = [b - a for a, b in pairwise(slopes)]
    nets = neurons_1d(doc, "primal.neurons")
    c0 = q(at(doc, "primal.constant"), "primal.constant")
    y = qlist(at(doc, "dual.kink"), "dual.kink", K)
    ym, yp = q(at(doc, "dual.left"), "dual.left"), q(at(doc, "dual.right"), "dual.right")

    for j, (w, _, _) in enumerate(nets):                                                # 1.
        if abs(w) != 1:
            problems.append(f"primal.neurons[{j}]: |w| = {abs(w)}, must be 1")
    pts = sorted(set(t) | {-b / w for w, b, _ in nets if w})
    for p, h in zip(pts, network_1d(pts, nets, Fraction(0), c0), strict=True):
        if h != _f(t, v, slopes, p):
            problems.append(f"network differs from f at x = {p}: h = {h}, f = {_f(t, v, slopes, p)}")
    left = sum((c * w for w, _, c in nets if w < 0), Fraction(0))
    right = sum((c * w for w, _, c in nets if w > 0), Fraction(0))
    if (left, right) != (s0, sK):
        problems.append(f"network end slopes ({left}, {right}) != f's ({s0}, {sK})")
    value = cost(nets)                                                                  # 2.
    for k, yk in enumerate(y):                                                          # 3.
        if abs(yk + yp) > 1 or abs(yk - ym) > 1:
            problems.append(f"dual: kink {k}: |y_k + y_+| = {abs(yk + yp)}, |y_k - y_-| = {abs(yk - ym)}, "
                            "expected both <= 1")
    if abs(yp + ym) > 2:
        problems.append(f"dual: |y_+ + y_-| = {abs(yp + ym)} > 2 (no feasible y off the breakpoints)")
    bound = sum((dk * yk for dk, yk in zip(d, y, strict=True)), Fraction(0)) + sK * yp + s0 * ym  # 4.
    if bound != value:
        problems.append(f"duality gap: network cost sum |c| = {value} but dual sum d_k y_k + s_K y_+ + s_0 y_- "
                        f"= {bound}")
    return Proved({"type": "equals", "value": value, "attained": True},
                  {"breakpoints": t, "values": v, "left_slope": s0, "right_slope": sK,
                   "convention": convention(Fraction(0), "free", True)})
