"""Kind "bridge-vertex-min": the optimal basic solutions of min sum_i |w_i|^(2/L) s.t. A w = y (ses (49), Thm C.3).

Problem: min f_L(w) = sum_i |w_i|^(2/L) s.t. A w = y (A is N x K, L >= 2). Theorem (proved in
exact/relu/bridge.py): f_L is concave and nondecreasing along recession directions on each sign orthant
of the feasible set, so its minimum is the least value over the finitely many *basic* solutions (A w = y,
the columns on supp w independent); for L >= 3 every optimum is basic (strict concavity, ses (64)).

Limits (checked before the work): N <= MAX_ROWS, K <= MAX_COLUMNS, C(K, rank A) <= MAX_COLUMN_SETS column
sets solved, at most MAX_COLUMN_SETS optima, L <= MAX_L, enclosures at L * bits <= MAX_ROOT_BITS.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from math import comb

from ._fields import Malformed, at, int_, list_, q, qlist, qmatrix, within
from ._proved import Proved
from .arith import Surd, dot, power_free, root_bounds, rref, solve

ROLES = ("optimal", "suboptimal")
MAX_L = 64  # the depth L: c^L of a 1000-digit c stays a 64 000-digit integer (L = 10^6 ran past a minute)
MAX_ROWS = 16  # N (real certificates: at most 5); each column set is an N x N solve
MAX_COLUMNS = 32  # K (real: at most 8); each basic solution is a K-vector, refined entry by entry
#: C(K, rank A), the column sets the checker solves (real: at most C(8, 5) = 56); C(32, 16) = 6 * 10^8 would never end
MAX_COLUMN_SETS = 256
#: L * bits of one enclosure (iroot of an L * bits-bit integer; real separations need 4 * 32 = 128): 0.1 ms
#: at 4096, 0.13 s at 64 * 4096, and up to MAX_COLUMN_SETS * N of them
MAX_ROOT_BITS = 4096

Vector = tuple[Fraction, ...]


def _basic_solutions(A: list[list[Fraction]], y: list[Fraction], problems: list[str]) -> set[Vector]:
    """Every basic solution of A w = y: echelon form of [A | y], then every set of rank(A) columns whose
    square system is nonsingular (condition 1)."""
    K = len(A[0])
    T, pivots = rref([row[:] + [b] for row, b in zip(A, y, strict=True)], K)
    rank = len(pivots)
    if any(T[r][K] != 0 for r in range(rank, len(T))):
        problems.append("data: A w = y is inconsistent")
        return set()
    within(comb(K, rank), MAX_COLUMN_SETS, f"data.A: column sets C(K, rank A) = C({K}, {rank})")
    rows = T[:rank]
    found = set()
    for B in combinations(range(K), rank):
        sol = solve([[row[j] for j in B] for row in rows], [row[K] for row in rows])
        if sol is not None:
            w = [Fraction(0)] * K
            for j, v in zip(B, sol, strict=True):
                w[j] = v
            found.add(tuple(w))
    return found


def _separated(w: Vector, upper: dict[int, Fraction], L: int) -> bool:
    """f_L(w) > opt, by enclosures of (w_i^2)^(1/L) against upper[bits] >= opt (no factoring)."""
    for bits, hi in upper.items():
        if sum((root_bounds(x * x, L, bits)[0] for x in w if x), Fraction(0)) > hi:
            return True
    return False


def _upper_bounds(opt: Surd, L: int) -> dict[int, Fraction]:
    """bits -> an upper bound on opt at precision 2^-bits, for bits = 32, 64, ... while L * bits <= MAX_ROOT_BITS."""
    out, bits = {}, 32
    while L * bits <= MAX_ROOT_BITS:
        out[bits] = opt.bounds(bits)[1]
        bits *= 2
    return out


def _value(w: Vector, roots: list, L: int, name: str, problems: list[str]) -> Surd:
    """f_L(w) = sum_i c_i m_i^(1/L) from the stated roots [i, c, m] of the non-zero entries (condition 2)."""
    seen: dict[int, tuple[Fraction, int]] = {}
    for t, r in enumerate(roots):
        r = list_(r, f"{name}[{t}]", 3)
        i, c = int_(r[0], f"{name}[{t}][0]", range(len(w))), q(r[1], f"{name}[{t}][1]")
        m = int_(r[2], f"{name}[{t}][2]")
        if c <= 0 or m < 1 or i in seen:
            raise Malformed(f"{name}[{t}]: expected [index, 'c' > 0, integer m >= 1], once per index")
        seen[i] = (c, m)
        if c ** L * m != w[i] * w[i]:
            problems.append(f"{name}[{t}]: c^L m = {c ** L * m} but w_{i}^2 = {w[i] * w[i]}")
        if _power_factor(m, L, f"{name}[{t}][2]") != 1:
            problems.append(f"{name}[{t}]: m = {m} is not free of {L}-th powers")
    if set(seen) != {i for i, x in enumerate(w) if x}:
        problems.append(f"{name}: not exactly one entry per non-zero of w")
    return sum((Surd({m: c}, L) for c, m in seen.values()), Surd({}, L))


def _power_factor(m: int, L: int, name: str) -> int:
    """s with m = s^L m', m' free of L-th powers; a radicand too large to factor is malformed."""
    try:
        return power_free(m, L)[0]
    except ValueError as err:
        raise Malformed(f"{name}: {err}") from None


def check(doc: dict, problems: list[str]) -> Proved:
    """The optimum V of min f_L(w) s.t. A w = y and every basic solution attaining it.

    Fields: data.A (N x K; N <= MAX_ROWS = 16, K <= MAX_COLUMNS = 32, C(K, rank A) <= MAX_COLUMN_SETS = 256),
    data.y (N), data.L (JSON integer, 2 <= L <= MAX_L = 64); optima (1 to MAX_COLUMN_SETS entries): {w (K),
    roots}, roots one [i, "c", m] per non-zero w_i (c > 0 rational, m >= 1 a JSON integer: |w_i|^(2/L) = c m^(1/L));
    optional witness {w (K), role "optimal" | "suboptimal"}. Proves ``{"type": "equals", "value": V,
    "attained": true, "optimal_basic": k}`` (k listed optima; with ``"witness": role`` when one is given).
    Conditions (exact):
      1. A w = y is consistent; the checker enumerates every basic solution itself;
      2. every listed optimum is one of them (so it has <= rank A <= N non-zeros), listed once, and its
         roots give c_i^L m_i = w_i^2 per non-zero entry (so |w_i|^(2/L) = c_i m_i^(1/L), the positive
         root), m_i free of L-th powers (trial division; m_i^(1/L) <= arith.MAX_ROOT);
      3. all listed optima have the same value V (equal exact radicals);
      4. every basic solution not listed has f_L > V, shown by rational enclosures from integer L-th
         roots (refined to 2^-bits while L * bits <= MAX_ROOT_BITS = 4096; no separation is a failure). By
         the theorem the optimum is V, and the listed optima are exactly the optimal basic solutions (for
         L >= 3: all the optima);
      5. witness: A w = y with more than N non-zeros; role "optimal" needs L = 2 and ||w||_1 = V (an
         optimum that is not sparse), role "suboptimal" needs f_L(w) > V (as 4).
    """
    raw = at(doc, "data.A")
    if isinstance(raw, list) and raw and isinstance(raw[0], list):  # sized before any number is parsed
        within(len(raw), MAX_ROWS, "data.A: rows N")
        within(len(raw[0]), MAX_COLUMNS, "data.A: columns K")
    A = qmatrix(raw, "data.A")
    if not A[0]:
        raise Malformed("data.A: expected rows with at least one entry")
    N, K = len(A), len(A[0])
    y = qlist(at(doc, "data.y"), "data.y", N)
    L = int_(at(doc, "data.L"), "data.L", range(2, MAX_L + 1))
    basic = _basic_solutions(A, y, problems)                                     # 1.
    optima = list_(at(doc, "optima"), "optima")
    if not optima:
        raise Malformed("optima: expected at least one optimal basic solution")
    within(len(optima), MAX_COLUMN_SETS, "optima: the number listed")
    listed: dict[Vector, Surd] = {}
    for k, o in enumerate(optima):                                               # 2.
        w = tuple(qlist(at(o, "w", f"optima[{k}]"), f"optima[{k}].w", K))
        if w not in basic:
            problems.append(f"optima[{k}]: not a basic solution of A w = y")
        if w in listed:
            problems.append(f"optima[{k}]: listed twice")
        listed[w] = _value(w, list_(at(o, "roots", f"optima[{k}]"), f"optima[{k}].roots"), L,
                           f"optima[{k}].roots", problems)
    value = next(iter(listed.values()))
    if any(v != value for v in listed.values()):                                 # 3.
        problems.append("optima: the listed optima do not have equal values")
    upper = _upper_bounds(value, L)
    for w in sorted(basic - set(listed)):                                        # 4.
        if not _separated(w, upper, L):
            problems.append(f"basic solution {[str(x) for x in w]} is not shown worse than the optimum")
    relation = {"type": "equals", "value": value} | {"attained": True, "optimal_basic": len(listed)}
    if "witness" in doc:                                                         # 5.
        w = tuple(qlist(at(doc, "witness.w"), "witness.w", K))
        role = at(doc, "witness.role")
        if role not in ROLES:
            raise Malformed(f"witness.role: expected one of {ROLES}, got {role!r}")
        if any(dot(row, w) != b for row, b in zip(A, y, strict=True)):
            problems.append("witness: A w != y")
        if sum(1 for x in w if x) <= N:
            problems.append(f"witness: at most N = {N} non-zeros")
        if role == "optimal" and (L != 2 or sum((abs(x) for x in w), Fraction(0)) != value):
            problems.append("witness: role 'optimal' needs L = 2 and ||w||_1 = the optimum")
        if role == "suboptimal" and not _separated(w, upper, L):
            problems.append("witness: not shown strictly worse than the optimum")
        relation["witness"] = role
    return Proved(relation, {"A": A, "y": y, "L": L})
