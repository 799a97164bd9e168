"""Even optima of ddb (20) in 1-D (v orthogonal to x and 1, :mod:`exact.relu.joint_isolated`): the split of each
contact's weight between a and its antipode -a that realises the free affine term, and the vertices of the polytope
of such splits -- the optimal set.

sigma(-t) = sigma(t) - (1 + alpha) t, so moving weight t_k from a_k to -a_k changes the fit by an affine function
and not the cost: the minimisers are the t with 0 <= t_k <= m_k = |c_k| and -(1 + alpha) sum_k s_k t_k a_k = l
(condition 5 of kind relu1d-joint-isolated).

>>> from fractions import Fraction as F
>>> from cases import random_1d_case
>>> from verify.numeric.joint1d import solve_joint
>>> from exact.relu.joint_isolated import solve_isolated
>>> c = random_1d_case(6, n=8)
>>> sol = solve_isolated(c.x, c.y, F(0), [float(t) for t in solve_joint(c.x, c.y, F(0)).joint.v])
>>> sol.even, len(even_vertices(sol))
(True, 14)
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import TYPE_CHECKING, Sequence

import numpy as np
from scipy.optimize import linprog

from ..checker.arith import Interval
from ..checker.relu1d_joint_isolated import Contact
from ..numbers import dyadic

if TYPE_CHECKING:
    from .joint_isolated import Isolated, IsolatedContact

T_BITS = 60  # the antipodal weights t_k (rationals on this grid)


def antipodal_weights(x, alpha, contacts: Sequence[IsolatedContact], z: Sequence[Fraction]
                      ) -> tuple[tuple[Fraction | str, ...], tuple[Fraction, ...]] | None:
    """Step 3 of :mod:`exact.relu.joint_isolated`: t with 0 <= t_k <= |c_k| and -(1 + alpha) sum_k s_k t_k a_k = l
    (the checker's condition 5), the smallest margin maximised; two entries 'basic' (the best-conditioned pair),
    t_k = 0 where the margin is 0."""
    n, K = len(x), len(contacts)
    v = [Interval(t) for t in z[:n]]
    dirs = np.array([[float(t.lo) for t in Contact(c.doc(), k, list(x), alpha).direction(list(x), v)]
                     for k, c in enumerate(contacts)])
    m = np.array([abs(float(t)) for t in z[n:n + K]])
    signs = np.array([c.sign for c in contacts], float)
    A_eq = -(1 + float(alpha)) * (dirs * signs[:, None]).T
    l_aff = np.array([float(z[-2]), float(z[-1])])
    zero: set[int] = set()
    for _ in range(2):  # margins maximised, then again with the t_k whose margin is 0 fixed at 0
        free = [k for k in range(K) if k not in zero]
        # variables (t_k)_k, tau: max tau s.t. A t = l, t_k - tau >= 0 and t_k + tau <= m_k (free k), t_k = 0 else
        c_obj = np.r_[np.zeros(K), -1.0]
        A_ub = np.zeros((2 * len(free), K + 1))
        for r, k in enumerate(free):
            A_ub[2 * r, k], A_ub[2 * r, K] = -1, 1
            A_ub[2 * r + 1, k], A_ub[2 * r + 1, K] = 1, 1
        b_ub = np.concatenate([[0.0, m[k]] for k in free]) if free else np.zeros(0)
        bounds = [(0, 0) if k in zero else (0, None) for k in range(K)] + [(None, float(np.max(m)))]
        res = linprog(c_obj, A_ub=A_ub, b_ub=b_ub, A_eq=np.c_[A_eq, np.zeros(2)], b_eq=l_aff, bounds=bounds,
                      method="highs")
        if res.status != 0:
            return None
        t = res.x[:K]
        if res.x[K] > 1e-9 * float(np.max(m)):
            break
        zero |= {k for k in free if t[k] <= 1e-9 * m[k]}
    else:
        return None
    pairs = [(abs(float(np.linalg.det(dirs[[i, j]]))), i, j) for i in range(K) for j in range(i + 1, K)
             if i not in zero and j not in zero]
    if not pairs:
        return None
    _, i, j = max(pairs)
    estimates = tuple(Fraction(0) if k in zero else dyadic(t[k], T_BITS) for k in range(K))
    return tuple("basic" if k in (i, j) else e for k, e in enumerate(estimates)), estimates


def even_vertices(sol: Isolated) -> tuple[tuple[tuple[int, Interval], ...], ...] | None:
    """The vertices of the optimal set of an even isolated optimum, each as (state, t_k) per contact: state 0 is t_k = 0
    (all weight on a_k), 1 is t_k = m_k (all on -a_k), 2 strictly between (both charged), t_k the antipode's weight.
    The minimisers are the t with 0 <= t_k <= m_k = |c_k| and -(1 + alpha) sum_k s_k t_k a_k = l (the checker's
    condition 5), a polytope whose vertices have all but two t_k at a bound. For every basic pair (Cramer's rule) and
    every choice of bounds for the others, in interval arithmetic over the certified box: a vertex when both basic t
    lie strictly inside their ranges, none when one lies strictly outside; None when some case is not decided (a
    degenerate vertex)."""
    n, K = len(sol.x), len(sol.contacts)
    box = [Interval.around(m, r) for m, r in zip(sol.centre, sol.radius, strict=True)]
    v, m = box[:n], [box[n + k] * c.sign for k, c in enumerate(sol.contacts)]
    parsed = [Contact(c.doc(), j, list(sol.x), sol.alpha) for j, c in enumerate(sol.contacts)]
    cols = [tuple(d * a.sign for d in a.direction(list(sol.x), v)) for a in parsed]
    rhs0 = [box[-2] * (-1 / (1 + sol.alpha)), box[-1] * (-1 / (1 + sol.alpha))]
    found: dict[tuple[int, ...], tuple[tuple[int, Interval], ...]] = {}
    for i, j in itertools.combinations(range(K), 2):
        det = cols[i][0] * cols[j][1] - cols[i][1] * cols[j][0]
        if det.sign() == 0:
            return None
        inv = Interval(1 / det.hi, 1 / det.lo)
        rest = [k for k in range(K) if k not in (i, j)]
        for ends in itertools.product((0, 1), repeat=len(rest)):
            t: list[Interval] = [Interval(0)] * K
            for k, e in zip(rest, ends, strict=True):
                t[k] = m[k] if e else Interval(0)
            r = [rhs0[a] - sum((cols[k][a] * t[k] for k in rest), Interval(0)) for a in (0, 1)]
            t[i] = (r[0] * cols[j][1] - r[1] * cols[j][0]) * inv
            t[j] = (cols[i][0] * r[1] - cols[i][1] * r[0]) * inv
            if any(t[k].hi < 0 or (t[k] - m[k]).lo > 0 for k in (i, j)):
                continue  # no vertex here
            if any(t[k].sign() != 1 or (m[k] - t[k]).sign() != 1 for k in (i, j)):
                return None  # a basic t at a bound: a degenerate vertex, not decided
            state = tuple(2 if k in (i, j) else ends[rest.index(k)] for k in range(K))
            found.setdefault(state, tuple(zip(state, t, strict=True)))
    return tuple(found.values())
