"""Kind "relu1d-joint-exact": the exact optimum of kh (2) with W = {w^2 + b^2 <= 1} (kh (8)) in 1-D.

The problem (kh (2)+(8) = kh (9) corrected, no output bias, leaky slope alpha != 1):
inf ||mu||_TV s.t. y_i = int sigma_alpha(w x_i + b) dmu(w, b) over the unit disk. A neuron
{w: [w], b, c} is an UNNORMALISED rational direction (w, b) != 0 with weight c: it is the atom
(w, b) / |(w, b)| with weight c |(w, b)| (sigma is positively homogeneous), so it costs
|c| sqrt(w^2 + b^2); keeping (w, b) rational keeps the fit exact, the cost lives in a field of
square roots. The dual v lives in a multi-quadratic field: each entry is a square-root
:class:`exact.checker.arith.Surd` {"root": 2, "terms": {"m": "r_m"}} meaning sum_m r_m sqrt(m), m
square-free (exact zero test and sign: that class's docstring).

The sup of |g_v(a)| / |a|, g_v(a) = sum_i v_i sigma(a_1 x_i + a_2), over the circle is attained at
a candidate of :func:`exact.checker.relu1d.joint_candidates` (boundary rays and the +-(P, Q) of each
cone where g_v is linear; that module's docstring). If |g_v| <= 1 on the disk and a network with
cost == v^T y fits, both are optimal (weak duality), and every optimal mu is carried by the
contact set C = {a : |g_v(a)| = |a|} (complementary slackness: cost >= int g_v dmu = v^T y).

Conditions checked:
  1. convention {alpha != 1, hidden_bias "in-norm", no output bias}, data.x distinct, data.y; dual.v
     square-root surds;
  2. every neuron has (w, b) != 0 and sum_j c_j sigma(w_j x_i + b_j) == y_i for all i;
  3. for every candidate direction a: g_v(a)^2 <= |a|^2 (exact, in the field);
  4. v^T y == sum_j |c_j| sqrt(w_j^2 + b_j^2) (in the field): the network attains the optimum;
  5. if ``unique`` is present: each listed contact (w, b) has g_v^2 == |a|^2; every candidate with
     equality is a positive multiple of a listed contact (so the list is all of C); with E the data
     matrix sigma(w_a x_i + b_a) of the contacts and M the same at Z = {contact kinks -b/w} plus one
     point left and one right of Z and x: rank E == rank [E; M]. Then every optimal function
     sum_a c_a sigma(a . (z, 1)) (c with E c = y) has the same values on Z, and a function with
     kinks only in Z is fixed by those values: the optimal FUNCTION is unique.
Proves ``{"type": "equals", "value": v^T y (rational or radical), "attained": true}``, with
``"unique": true`` when 5 is given (and holds).

Limits (checked before the dual is tested): at most MAX_POINTS = 16 data points, MAX_RADICANDS = 6 distinct
radicands m (1 included) over all of dual.v, MAX_NEURONS = 64 primal neurons and MAX_CONTACTS = 24 listed
contacts.
"""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, list_, q, square_roots, within
from ._joint import joint_data, joint_dual_ok, joint_network
from ._proved import Proved
from .arith import Surd, rank, sigma
from .relu1d import evaluation_points

#: data points n (real: at most 6) and distinct radicands over dual.v (real: at most 3, 1 included). A
#: candidate's g_v is quadratic in v, so it has up to R (R + 1) / 2 radicands and g_v^2 ~ R^4 / 4 products,
#: for each of ~6n candidates; n = 16, R = 6 with 23-character rationals take ~5 s
MAX_POINTS = 16
MAX_RADICANDS = 6
#: listed contacts of ``unique`` (real: at most 6): each is tested against every candidate and the rank test
#: eliminates an (n + contacts + 2) x contacts matrix
MAX_CONTACTS = 24
#: primal neurons (real: at most 5): each cost |c| sqrt(w^2 + b^2) factors w^2 + b^2 and may add a radicand
#: to the cost, a Surd summed term by term
MAX_NEURONS = 64


def _g(v: list[Surd], x: list[Fraction], alpha: Fraction, w: Fraction, b: Fraction) -> Surd:
    return sum((vi * sigma(w * xi + b, alpha) for vi, xi in zip(v, x, strict=True)), Surd({}))


def _unique(doc: dict, x: list[Fraction], alpha: Fraction, v: list[Surd], cands: list, problems: list[str]) -> None:
    """Condition 5 of the module doc."""
    contacts = []
    for j, a in enumerate(list_(at(doc, "unique.contacts"), "unique.contacts")):
        w, b = (q(at(a, k, f"unique.contacts[{j}]"), f"unique.contacts[{j}].{k}") for k in ("w", "b"))
        g = _g(v, x, alpha, w, b)
        if not (w or b) or g * g != w * w + b * b:
            problems.append(f"unique: listed ({w}, {b}) is not a contact: g = {g}")
        contacts.append((w, b))
    for a, g in cands:
        if g * g == a[0] * a[0] + a[1] * a[1] and not any(
                a[0] * b == a[1] * w and a[0] * w + a[1] * b > 0 for w, b in contacts):
            problems.append(f"unique: contact direction ({a[0]}, {a[1]}) is not listed")
    if not contacts:
        problems.append("unique: no contacts listed")
        return
    E = [[sigma(w * xi + b, alpha) for w, b in contacts] for xi in x]
    M = [[sigma(w * z + b, alpha) for w, b in contacts] for z in evaluation_points(x, contacts)]
    if rank(E) != rank(E + M):
        problems.append("unique: ker E is not inside ker M (rank test fails)")


def check(doc: dict, problems: list[str]) -> Proved:
    x, y, alpha, data = joint_data(doc, MAX_POINTS)                                      # 1.
    v = square_roots(at(doc, "dual.v"), "dual.v", len(x))
    within(len({m for vi in v for m in vi.c}), MAX_RADICANDS, "dual.v: distinct radicands")
    within(len(list_(at(doc, "primal.neurons"), "primal.neurons")), MAX_NEURONS, "primal.neurons: neurons J")
    if "unique" in doc:
        listed = list_(at(doc, "unique.contacts"), "unique.contacts")
        within(len(listed), MAX_CONTACTS, "unique.contacts: contacts listed")
    cost = Surd({})
    for j, (w, b, c) in enumerate(joint_network(doc, x, y, alpha, problems)):         # 2.
        if not (w or b):
            raise Malformed(f"primal.neurons[{j}]: (w, b) = 0")
        cost += abs(c) * Surd.sqrt(w * w + b * b)
    cands = joint_dual_ok(x, v, alpha, problems)                                         # 3.
    value = sum((vi * yi for vi, yi in zip(v, y, strict=True)), Surd({}))
    if cost != value:                                                                    # 4.
        problems.append(f"duality gap: primal cost sum_j |c_j| |(w_j, b_j)| = {cost} but v^T y = {value}")
    relation: dict = {"type": "equals", "value": value, "attained": True}
    if "unique" in doc:                                                                  # 5.
        _unique(doc, x, alpha, v, cands, problems)
        relation["unique"] = True
    return Proved(relation, data)
