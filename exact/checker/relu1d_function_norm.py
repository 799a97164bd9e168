"""Kind "relu1d-function-norm": R̄(f) of a piecewise-linear f (ses (8), (12), Theorem 3.1)."""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, list_, q, qlist, show


def _f(t: list[Fraction], v: list[Fraction], slopes: list[Fraction], x: Fraction) -> Fraction:
    """f(x) for breakpoints t, values v, slopes s_0..s_K (s_k on [t_k, t_{k+1}])."""
    k = sum(1 for p in t if p <= x)
    return v[0] + slopes[0] * (x - t[0]) if k == 0 else v[k - 1] + slopes[k] * (x - t[k - 1])


def check(doc: dict, problems: list[str]) -> Fraction:
    """inf ||alpha||_1 s.t. f = int [w (x - b)]_+ dalpha(w, b) + c, w = +-1, equals value.

    Structure: data.breakpoints t_1 < ... < t_K (K >= 1), data.values f(t_k), data.left_slope
    s_0 = f'(-oo), data.right_slope s_K = f'(+oo); primal.atoms[j] = {u (JSON int 1/-1), knot,
    weight} meaning weight [u (x - knot)]_+, primal.constant c; dual.kink (K entries y_k),
    dual.left y_-, dual.right y_+; value.  With the slopes s_k and kinks d_k = s_k - s_{k-1}
    recomputed from the data, conditions (exact):
      1. the network h = sum_j weight_j [u_j (x - knot_j)]_+ + c equals f on all of R: h(p) == f(p)
         at every breakpoint and every knot p, h'(-oo) = -sum_{u=-1} weight == s_0 and
         h'(+oo) = sum_{u=1} weight == s_K (both are affine between consecutive points of
         that set and beyond it, so this is equality everywhere);
      2. value == sum_j |weight_j| (the network's cost, so R̄(f) <= value);
      3. dual feasibility |y_k + y_+| <= 1 and |y_k - y_-| <= 1 for every k, and
         |y_+ + y_-| <= 2;
      4. sum_k d_k y_k + s_K y_+ + s_0 y_- == value.
    Why 3-4 give R̄(f) >= value: by 3 some y_0 has |y_0 + y_+| <= 1, |y_0 - y_-| <= 1; put y(b) = y_k
    at t_k and y_0 elsewhere. For any representation, alpha(1, .) + alpha(-1, .) = f'' = sum d_k
    delta_{t_k}, alpha(1, R) = s_K and -alpha(-1, R) = s_0 (ses (13)-(18)), so
    ||alpha||_1 >= int (y + y_+) dalpha(1, .) + int (y - y_-) dalpha(-1, .) = sum d_k y_k + s_K y_+ + s_0 y_-.
    """
    t = qlist(at(doc, "data.breakpoints"), "data.breakpoints")
    if not t or any(a >= b for a, b in zip(t, t[1:])):
        raise Malformed("data.breakpoints: expected at least one point, strictly increasing")
    K = len(t)
    v = qlist(at(doc, "data.values"), "data.values", K)
    s0, sK = q(at(doc, "data.left_slope"), "data.left_slope"), q(at(doc, "data.right_slope"), "data.right_slope")
    slopes = [s0] + [(v[k + 1] - v[k]) / (t[k + 1] - t[k]) for k in range(K - 1)] + [sK]
    d = [b - a for a, b in zip(slopes, slopes[1:])]
    atoms = []
    for j, a in enumerate(list_(at(doc, "primal.atoms"), "primal.atoms")):
        name = f"primal.atoms[{j}]"
        u = at(a, "u", name)
        if type(u) is not int or u not in (1, -1):
            raise Malformed(f"{name}.u: expected the JSON integer 1 or -1, got {show(u)}")
        atoms.append((u, q(at(a, "knot", name), f"{name}.knot"), q(at(a, "weight", name), f"{name}.weight")))
    c = q(at(doc, "primal.constant"), "primal.constant")
    y = qlist(at(doc, "dual.kink"), "dual.kink", K)
    ym, yp = q(at(doc, "dual.left"), "dual.left"), q(at(doc, "dual.right"), "dual.right")
    value = q(at(doc, "value"), "value")

    def h(x: Fraction) -> Fraction:
        return c + sum((w * max(Fraction(0), u * (x - b)) for u, b, w in atoms), Fraction(0))
    for p in sorted(set(t) | {b for _, b, _ in atoms}):                               # 1.
        if h(p) != _f(t, v, slopes, p):
            problems.append(f"network differs from f at x = {p}: h = {h(p)}, f = {_f(t, v, slopes, p)}")
    left = -sum((w for u, _, w in atoms if u == -1), Fraction(0))
    right = sum((w for u, _, w in atoms if u == 1), Fraction(0))
    if (left, right) != (s0, sK):
        problems.append(f"network end slopes ({left}, {right}) != f's ({s0}, {sK})")
    cost = sum((abs(w) for _, _, w in atoms), Fraction(0))                              # 2.
    if cost != value:
        problems.append(f"network cost sum |weight| = {cost} but value = {value}")
    for k in range(K):                                                                  # 3.
        if abs(y[k] + yp) > 1 or abs(y[k] - ym) > 1:
            problems.append(f"dual: kink {k}: |y_k + y_+| = {abs(y[k] + yp)}, |y_k - y_-| = {abs(y[k] - ym)}, "
                            "expected both <= 1")
    if abs(yp + ym) > 2:
        problems.append(f"dual: |y_+ + y_-| = {abs(yp + ym)} > 2 (no feasible y off the breakpoints)")
    bound = sum((dk * yk for dk, yk in zip(d, y)), Fraction(0)) + sK * yp + s0 * ym      # 4.
    if bound != value:
        problems.append(f"dual: sum d_k y_k + s_K y_+ + s_0 y_- = {bound} but value = {value}")
    return value
