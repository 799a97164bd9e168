"""Kind "l1-l0-gap": the bias-free l1 optimum, exactly, and every network of <= 2 neurons costs more (ep 3.4).

Limits (checked before the work): n <= MAX_ROWS rows, 2^(n+1) n d <= MAX_PATTERN_WORK (the dual lists one
pattern per pair (e, s), each an n x d product), besides the sample limits of :func:`_bias_free.samples`.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from ._bias_free import NO_BIAS, ZERO, bias_free_neurons, direction_cost, fits, labels, samples, two_neuron_fit
from ._fields import Malformed, at, list_, q, qlist, unit, within
from ._proved import Proved
from .arith import dot, rmatvec

MAX_ROWS = 10  # n (real certificates: 3); the dual lists 2^(n+1) patterns
#: 2^(n+1) n d: every pattern costs X^T (n d) and n dots of length d (real: 16 * 3 * 3 = 144)
MAX_PATTERN_WORK = 100_000


def _dual_ok(X: list[list[Fraction]], v: list[Fraction], doc: dict, problems: list[str]) -> None:
    """sup_{||u|| <= 1} |v^T (X u)_+| <= 1, cone by cone (condition 3)."""
    n = len(X)
    patterns = list_(at(doc, "dual.patterns"), "dual.patterns")
    if len(patterns) != 2 ** (n + 1):
        raise Malformed(f"dual.patterns: expected 2^(n+1) = {2 ** (n + 1)} entries, one per pair (e, s), "
                        f"got {len(patterns)}")
    seen = set()
    for k, pat in enumerate(patterns):
        name = f"dual.patterns[{k}]"
        e = unit(at(pat, "e", name), f"{name}.e")
        s = [unit(si, f"{name}.s[{i}]") for i, si in enumerate(list_(at(pat, "s", name), f"{name}.s", n))]
        mu = qlist(at(pat, "mu", name), f"{name}.mu", n)
        if any(m < 0 for m in mu):
            problems.append(f"{name}: a multiplier mu_i < 0")
        seen.add((e, tuple(s)))
        p = rmatvec(X, [(e * vi if si > 0 else ZERO) + mi * si for vi, mi, si in zip(v, mu, s, strict=True)])
        if dot(p, p) > 1:
            problems.append(f"{name}: ||X^T D_s (e v) + X^T (mu s)||^2 = {dot(p, p)} > 1")
        for i, (xi, si, mi) in enumerate(zip(X, s, mu, strict=True)):
            if si * dot(xi, p) < 0 or (mi and dot(xi, p)):
                problems.append(f"{name}: row {i}: s_i x_i^T p = {si * dot(xi, p)} with mu_i = {mi}: p is not the "
                                "projection onto the cone (needs s_i x_i^T p >= 0, and = 0 where mu_i > 0)")
    # seen holds only pairs of the right shape, so it covers all 2^(n+1) iff it has that many (no repeats)
    if len(seen) < 2 ** (n + 1):
        example = next((e, s) for e in (1, -1) for s in product((1, -1), repeat=n) if (e, s) not in seen)
        problems.append(f"dual.patterns: {2 ** (n + 1) - len(seen)} of the 2^{n + 1} pairs (e, s) are not "
                        f"covered, e.g. {example}")


def _two_neuron_lower(y: list[Fraction], X: list[list[Fraction]], doc: dict, problems: list[str]) -> Fraction:
    """1/hi_+ + 1/hi_-: a lower bound on the cost of every fit with <= 2 unit-ball neurons (condition 4)."""
    bound = ZERO
    for sign, side in ((1, "pos"), (-1, "neg")):
        name = f"two_neuron_bound.{side}"
        lam = qlist(at(doc, f"{name}.lam"), f"{name}.lam", len(y))
        hi = q(at(doc, f"{name}.hi"), f"{name}.hi")
        if any(t < 0 for t in lam) or sum(lam) != 1 or any(t and sign * yi <= 0 for t, yi in zip(lam, y, strict=True)):
            problems.append(f"{name}.lam: not on the simplex over the entries of y of sign {sign:+d}")
            continue
        z = rmatvec(X, [t / abs(yi) if t else ZERO for t, yi in zip(lam, y, strict=True)])
        if hi <= 0 or hi * hi < dot(z, z):
            problems.append(f"{name}.hi: must be > 0 with hi^2 >= r = {dot(z, z)}, got {hi}")
            continue
        bound += 1 / hi
    return bound


def check(doc: dict, problems: list[str]) -> Proved:
    """P* = min ||c||_1 s.t. sum_j c_j (X u_j)_+ = y, ||u_j|| <= 1 (ep (4), no bias), and the l0 optimum of (13).

    Fields: convention (alpha 0, hidden_bias "none", output_bias false); data.X (n x d; n <= MAX_ROWS = 10,
    2^(n+1) n d <= MAX_PATTERN_WORK = 100 000), data.y (n);
    primal.neurons (unit-ball neurons {w, b = 0, c}, ||w||^2 <= 1, cost |c|); dual.v (n rationals);
    dual.patterns: 2^(n+1) entries {e, s, mu}, e and s_i JSON integers +-1, mu (n) >= 0; two_neuron_bound.pos and .neg
    {lam (n), hi}; l0_neurons: two direction neurons {w, b = 0, c}. Proves ``{"type": "equals",
    "value": P*, "attained": true, "l0": 2, "two_neuron_lower": B, "l0_cost": C}`` with P* < B <= C, C the
    cost sum |c| ||w|| of the l0_neurons (a radical). Conditions (exact):
      1. ||w_j||^2 <= 1 and sum_j c_j (X w_j)_+ = y;
      2. the primal cost ||c||_1 equals the dual value v^T y; this common number is P*;
      3. for e = +-1 and every s in {+-1}^n (all 2^(n+1) pairs listed): p = X^T D_s (e v) + sum_i mu_i s_i x_i
         has ||p||^2 <= 1, D_s keeping the rows with s_i = +1. On the cone C_s = {u : s_i x_i^T u >= 0},
         e v^T (X u)_+ = (X^T D_s e v)^T u <= p^T u <= ||u|| <= 1, and the cones cover R^d: |v^T (X u)_+| <= 1
         on the ball, v is dual feasible for (12); with 1, 2 and weak duality the network is optimal.
         Moreover s_i x_i^T p >= 0 and mu_i s_i x_i^T p = 0 (Moreau): p is the projection of X^T D_s (e v)
         onto C_s and ||p|| the exact sup of e v^T (X u)_+ over the cone's part of the ball, so the
         multipliers are the canonical ones (not needed for the bound, but no slack is left to tamper with);
      4. y has both signs; lam_+ (lam_-) is on the simplex over {i : y_i > 0} ({i : y_i < 0}),
         r_+- = ||sum_i lam_i x_i / |y_i| ||^2, hi_+- > 0 with hi^2 >= r; B = 1/hi_+ + 1/hi_- > P*. A fit
         with <= 2 neurons needs weights c_1 > 0 > c_2 (y has both signs) and c_1 x_i^T u_1 >= y_i for
         y_i > 0, so 1 <= c_1 sum_i lam_i x_i^T u_1 / y_i <= c_1 sqrt(r_+) <= c_1 hi_+; likewise |c_2|:
         every such network costs >= B > P*, none is l1-optimal;
      5. the two l0_neurons fit y (ep Lemma 3.1), and one neuron cannot (y has both signs): l0 = 2; their
         cost C is that of an l0-optimal network (>= B by 4).
    """
    X = samples(doc)
    n, d = within(len(X), MAX_ROWS, "data.X: rows n"), len(X[0])
    within(2 ** (n + 1) * n * d, MAX_PATTERN_WORK, "data.X: 2^(n+1) n d")
    y = labels(doc, n)
    nets = bias_free_neurons(doc, "primal.neurons", d, problems)                  # 1.
    for j, (w, _) in enumerate(nets):
        if dot(w, w) > 1:
            problems.append(f"primal.neurons[{j}]: ||w||^2 = {dot(w, w)} > 1")
    fits("primal", X, nets, y, problems)
    v = qlist(at(doc, "dual.v"), "dual.v", n)
    cost = sum((abs(c) for _, c in nets), ZERO)                                   # 2.
    if dot(v, y) != cost:
        problems.append(f"duality gap: primal cost ||c||_1 = {cost} but dual value v^T y = {dot(v, y)}")
    _dual_ok(X, v, doc, problems)                                                 # 3.
    lower = _two_neuron_lower(y, X, doc, problems)                                # 4.
    if lower <= cost:
        problems.append(f"two_neuron_bound: the lower bound {lower} on 2-neuron fits does not exceed P* = {cost}")
    l0_cost = direction_cost(two_neuron_fit(doc, "l0_neurons", X, y, problems))  # 5.
    relation = {"type": "equals", "value": cost, "attained": True, "l0": 2, "two_neuron_lower": lower,
                "l0_cost": l0_cost}
    return Proved(relation, {"X": X, "y": y, "convention": NO_BIAS})

