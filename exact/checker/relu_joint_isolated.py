"""Kind "relu-joint-isolated": the optimum of ddb (20) on d-dimensional data isolated in a Krawczyk box, with its
exact contact set and its unique minimiser (d >= 1; the 1-D kind relu1d-joint-isolated adds even duals and (22)).

The problem: min ||nu||_TV over measures on the sphere ||theta|| = 1 of R^(d+1) s.t. int sigma_alpha(r_i . theta)
dnu = y_i, r_i = (x_i, 1) the lifted rows; g_v(theta) = sum_i v_i sigma_alpha(r_i . theta) its dual function. On the
closed cone C_R = {theta : p_i r_i . theta >= 0} of a region R (sign vector p of the central arrangement of the r_i,
all of them re-derived here by :func:`exact.checker.arrangement.certified_regions`) g_v(theta) = theta . G_R(v),
G_R = sum_i v_i h_i r_i (h_i = 1 where p_i = +1, alpha where -1), so sup over unit theta in C_R of t g_v is
||Pi_(C_R)(t G_R)|| = min over lambda >= 0 of ||t G_R + sum_i lambda_i p_i r_i|| (Moreau).

A contact is {"region": p, "zero": S, "sign": t}: the point theta = t Pi_S G_p(v) of the closure of region p, Pi_S
the orthogonal projection onto {r_i . theta = 0, i in S} (a face of the closure: S empty, the open region). It is
linear in v, theta = L v with L = t Pi_S H_p exact. With z = (v, c) the square system F(z) = 0 is

    fit_i = sum_k c_k h_ki (r_i . L_k v) - y_i   (n rows; h_ki from the sign of r_i . theta_k, 0 on S_k)
    contact_k = ||L_k v||^2 - 1                   (K rows).

Conditions checked (interval arithmetic with exact rational end points; B = [m - r, m + r] = ``box``):
  1. convention {alpha != 1, hidden bias in-norm, no output bias}, data.X (n x d), data.y; every contact's p a
     region, S independent rows (at most d), the contacts pairwise distinct;
  2. Krawczyk (:mod:`exact.checker._krawczyk`) on F with ``preconditioner``: one zero z* in B, F'(B) nonsingular;
  3. over B: every c_k has the sign t_k; every theta_k has p_i (r_i . theta_k) > 0 off S_k (it lies in the
     relative interior of its face);
  4. for every region R and t = +-1: if one contact of sign t lies in the closure of R (its sign vector is 0 or
     p^R_i per row; two are refused), the multipliers lambda = -(A A^T)^(-1) A t G_R of its face are > 0 over B
     (A the rows p^R_i r_i, i in S_k; Pi_S G_R = Pi_S G_(p_k) is checked exactly), so that theta_k, of norm 1 at
     z*, is the maximiser over C_R (KKT of the projection onto C_R), the only one (the ball is strictly convex);
     otherwise ``bounds`` gives lambda >= 0 for (R, t) with ||t G_R + sum_i lambda_i p_i r_i||^2 < 1 over B.
Then at z*: |g_v*| <= 1 on the sphere with equality exactly at the contacts; the measure sum_k c*_k delta_(theta_k)
fits y and costs sum_k |c*_k| = sum_k c*_k g_v*(theta_k) = v*^T y: both optimal. Every optimal measure lives on
the contacts with the signs t (complementary slackness) and their fit matrix has independent columns (a kernel
vector z gives F'(z*) (0, z) = 0), so the optimal measure is unique.

Proves ``{"type": "isolated-optimum", "lower": L, "upper": U, "unique": true, "support": [...]}`` (L, U: v^T y over
B; ``support`` the contacts as listed). Limits: MAX_POINTS = 16 points, d <= MAX_DIMENSION = 3, MAX_CONTACTS = 24.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ._fields import Malformed, at, list_, within
from ._krawczyk import checked_box
from ._lifted import MAX_POINTS as MAX_POINTS  # the kind's limit on n (lifted_data checks it)
from ._lifted import dot, lifted_data, region_bounds
from ._proved import Proved, convention
from .arith import Interval, solve
from .arrangement import certified_regions

MAX_CONTACTS = 24

Vector = list[Fraction]


def projector(rows: list[Vector], S: Sequence[int]) -> list[Vector]:
    """Pi_S = I - A^T (A A^T)^(-1) A, A the rows i in S (independent: else ValueError).

    >>> [[str(t) for t in row] for row in projector([[Fraction(1), Fraction(1)]], [0])]
    [['1/2', '-1/2'], ['-1/2', '1/2']]
    """
    D = len(rows[0])
    A = [rows[i] for i in S]
    G = [[dot(a, b) for b in A] for a in A]
    cols = []
    for j in range(D):  # (A A^T)^(-1) A e_j
        w = solve(G, [a[j] for a in A]) if A else []
        if w is None:
            raise ValueError(f"the rows {list(S)} are dependent")
        cols.append(w)
    return [[Fraction(int(i == j)) - sum((A[k][i] * cols[j][k] for k in range(len(A))), Fraction(0))
             for j in range(D)] for i in range(D)]


class Contact:
    """A parsed contact: the exact (d + 1) x n map L (theta = L v), its sign vector and factors h (module doc)."""

    def __init__(self, doc: dict, j: int, rows: list[Vector], alpha: Fraction, regions: set):
        name = f"contacts[{j}]"
        self.sign = at(doc, "sign", name)
        if self.sign not in (1, -1):
            raise Malformed(f"{name}.sign: expected 1 or -1, got {self.sign!r}")
        p = tuple(list_(at(doc, "region", name), f"{name}.region", len(rows)))
        if p not in regions:
            raise Malformed(f"{name}.region: {list(p)} is not a region of the data's arrangement")
        S = list_(at(doc, "zero", name), f"{name}.zero")
        if any(type(i) is not int or not 0 <= i < len(rows) for i in S) or len(set(S)) < len(S):
            raise Malformed(f"{name}.zero: expected distinct row indices, got {S!r}")
        within(len(S), len(rows[0]) - 1, f"{name}.zero: rows (at most d)")
        try:
            Pi = projector(rows, S)
        except ValueError as err:
            raise Malformed(f"{name}.zero: {err}") from None
        self.region, self.zero = p, tuple(sorted(S))
        self.pattern = tuple(0 if i in S else s for i, s in enumerate(p))
        self.h = [Fraction(0) if s == 0 else Fraction(1) if s > 0 else alpha for s in self.pattern]
        H = [[(Fraction(1) if p[i] > 0 else alpha) * rows[i][a] for i in range(len(rows))] for a in range(len(Pi))]
        self.Pi = Pi
        self.L = [[self.sign * dot(Pi[a], [H[b][i] for b in range(len(Pi))]) for i in range(len(rows))]
                  for a in range(len(Pi))]
        self.doc = {"region": list(p), "zero": list(self.zero), "sign": self.sign}

    def point(self, v: Sequence[Interval]) -> list[Interval]:
        return [sum((vi * lij for vi, lij in zip(v, row, strict=True)), Interval(0)) for row in self.L]


def region_vector(rows: list[Vector], p: Sequence[int], alpha: Fraction, v: Sequence[Interval]) -> list[Interval]:
    """G_R(v) = sum_i v_i h_i r_i for the region with sign vector p."""
    return [sum((vi * ((Fraction(1) if s > 0 else alpha) * r[a]) for vi, s, r in zip(v, p, rows, strict=True)),
                Interval(0)) for a in range(len(rows[0]))]


def system(rows: list[Vector], y: list[Fraction], contacts: list[Contact], z: Sequence[Interval]
           ) -> tuple[list[Interval], list[list[Interval]]]:
    """F(z) and F'(z) (module doc) over the box z = (v, c)."""
    n, K = len(rows), len(contacts)
    v, c = list(z[:n]), list(z[n:])
    zero = Interval(0)
    F = [-Interval(yi) for yi in y] + [zero] * K
    J = [[zero] * (n + K) for _ in range(n + K)]
    for k, a in enumerate(contacts):
        theta = a.point(v)
        for i in range(n):
            if not a.h[i]:
                continue
            lr = [dot(rows[i], [a.L[b][j] for b in range(len(a.L))]) for j in range(n)]  # r_i^T L
            value = sum((lj * vj for lj, vj in zip(lr, v, strict=True)), zero) * a.h[i]
            F[i] += c[k] * value
            J[i][n + k] = value
            for j in range(n):
                J[i][j] += c[k] * (a.h[i] * lr[j])
        F[n + k] = sum((t.square() for t in theta), zero) - 1
        for j in range(n):
            J[n + k][j] = sum((t * (2 * a.L[b][j]) for b, t in enumerate(theta)), zero)
    return F, J


def _inside(a: Contact, rows: list[Vector], v: list[Interval], problems: list[str], k: int) -> None:
    theta = a.point(v)
    for i, s in enumerate(a.pattern):
        if s and (Interval(0) + dot(rows[i], theta) * s).sign() != 1:
            problems.append(f"contacts[{k}]: theta is not proved inside its face at row {i}")
            return


def dual_feasible(rows: list[Vector], alpha: Fraction, regions: list[tuple[int, ...]], contacts: list[Contact],
                  v: list[Interval], doc: dict, problems: list[str]) -> None:
    """Condition 4 of the module doc."""
    bounds = region_bounds(at(doc, "bounds"), "bounds", len(rows))
    for R in regions:
        G = region_vector(rows, R, alpha, v)
        for t in (1, -1):
            near = [a for a in contacts if a.sign == t and all(s in (0, r) for s, r in zip(a.pattern, R, strict=True))]
            if len(near) > 1:
                problems.append(f"dual: two contacts of sign {t:+d} in the closure of region {list(R)}")
            elif near:
                a = near[0]
                A = [[R[i] * x for x in rows[i]] for i in a.zero]
                for i in range(len(rows)):  # Pi_S G_R = Pi_S G_(p_a): the region's point is the contact's
                    h = (Fraction(1) if R[i] > 0 else alpha) - (Fraction(1) if a.region[i] > 0 else alpha)
                    if h and any(dot(row, [h * x for x in rows[i]]) for row in a.Pi):
                        problems.append(f"dual: region {list(R)} and contacts' region differ off the face")
                Gram = [[dot(p, q_) for q_ in A] for p in A]
                AtG = [sum((G[b] * (A[m][b] * t) for b in range(len(G))), Interval(0)) for m in range(len(A))]
                for j in range(len(A)):
                    row_j = solve(Gram, [Fraction(int(i == j)) for i in range(len(A))])  # (A A^T)^(-1) e_j
                    assert row_j is not None  # the face's rows are independent (Contact)
                    if (-sum((row_j[m] * AtG[m] for m in range(len(A))), Interval(0))).sign() != 1:
                        problems.append(f"dual: the contact is not proved the maximiser on region {list(R)}")
                        break
            else:
                mult = bounds.get((R, t))
                if mult is None:
                    problems.append(f"dual: no bound for region {list(R)} and sign {t:+d}")
                    continue
                w = [G[b] * t + sum((mult[i] * R[i] * rows[i][b] for i in mult), Fraction(0)) for b in range(len(G))]
                if sum((x.square() for x in w), Interval(0)).hi >= 1:
                    problems.append(f"dual: sup of {t:+d} g_v < 1 not proved on region {list(R)}")


def check(doc: dict, problems: list[str]) -> Proved:
    alpha, X, y, rows = lifted_data(doc)
    regions = certified_regions(rows)
    listed = list_(at(doc, "contacts"), "contacts")
    within(len(listed), MAX_CONTACTS, "contacts: contacts K")
    contacts = [Contact(a, j, rows, alpha, set(regions)) for j, a in enumerate(listed)]
    if len({(a.pattern, a.sign) for a in contacts}) < len(contacts):
        raise Malformed("contacts: two contacts on the same face with the same sign")
    N = len(X) + len(contacts)
    box = checked_box(doc, N, lambda z: system(rows, y, contacts, z), problems)              # 2.
    v, c = box[:len(X)], box[len(X):]
    for k, a in enumerate(contacts):                                                     # 3.
        if c[k].sign() != a.sign:
            problems.append(f"contacts[{k}]: the weight c in {c[k]} does not have the sign {a.sign:+d}")
        _inside(a, rows, v, problems, k)
    dual_feasible(rows, alpha, regions, contacts, v, doc, problems)                      # 4.
    value = sum((vi * yi for vi, yi in zip(v, y, strict=True)), Interval(0))
    relation = {"type": "isolated-optimum", "lower": value.lo, "upper": value.hi, "unique": True,
                "support": [a.doc for a in contacts]}
    return Proved(relation, {"X": X, "y": y, "convention": convention(alpha, "in-norm", False)})
