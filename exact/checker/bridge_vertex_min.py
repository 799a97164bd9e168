"""The l_{2/L} bridge penalty over a finite dictionary (ses (49), Theorem C.3): exact optimal set.

Problem: min f_L(w) = sum_i |w_i|^(2/L) s.t. A w = y (A is N x K, L >= 2).
Theorem (proved in exact/relu/bridge.py): f_L is concave and nondecreasing along
recession directions on each sign orthant of the feasible set, so its minimum
is the least value over the finitely many *basic* solutions (A w = y, columns
on supp w independent); for L >= 3 every optimum is basic (strict concavity).

Kind ``bridge-vertex-min`` (value: the optimum when L = 2, else none since it
is a sum of L-th roots, listed in the certificate). Conditions checked:

1. A w = y is consistent; the checker enumerates every basic solution itself
   (reduced row echelon form of [A | y] in Fractions, then every set of
   rank(A) columns whose square system is nonsingular).
2. Every listed optimum is one of those basic solutions and has at most N
   non-zeros; its ``roots`` give, per non-zero entry i, c_i > 0 and an integer
   m_i >= 1 with c_i^L m_i = w_i^2 (so |w_i|^(2/L) = c_i m_i^(1/L)).
3. All listed optima have the same value: their maps m -> sum of c over
   the same m are equal (an exact tie).
4. Every basic solution that is not listed has a value strictly larger than
   the optimum, shown by rational enclosures from integer L-th roots
   (floor(r^(1/L) 2^b) brackets, b doubled up to 4096 bits; no separation is a
   failure). So the list is exactly the set of optimal basic solutions.
5. Optional ``witness`` w with A w = y and more than N non-zeros: role
   "optimal" needs L = 2 and ||w||_1 equal to the optimum (an optimum that is
   not sparse); role "suboptimal" needs f_L(w) strictly above the optimum.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Optional

from ._fields import Malformed, at, list_, q, qlist
from .arith import root_bounds, rref, solve

MAX_BITS = 4096


def _value_bounds(w: list[Fraction], L: int, bits: int) -> tuple[Fraction, Fraction]:
    pairs = [root_bounds(x * x, L, bits) for x in w if x]
    return sum((a for a, _ in pairs), Fraction(0)), sum((b for _, b in pairs), Fraction(0))


def _basic_solutions(A: list[list[Fraction]], y: list[Fraction], problems: list[str]) -> list[tuple]:
    K = len(A[0])
    T, pivots = rref([row[:] + [b] for row, b in zip(A, y, strict=True)], K)  # echelon form of [A | y]
    rank = len(pivots)
    if any(T[r][K] != 0 for r in range(rank, len(T))):
        problems.append("problem: A w = y is inconsistent")
        return []
    rows = T[:rank]
    found = set()
    for B in combinations(range(K), rank):
        sol = solve([[row[j] for j in B] for row in rows], [row[K] for row in rows])
        if sol is not None:
            w = [Fraction(0)] * K
            for j, v in zip(B, sol, strict=True):
                w[j] = v
            found.add(tuple(w))
    return sorted(found)


def _separated(w: list[Fraction], opt_terms: dict[int, Fraction], L: int) -> bool:
    """f_L(w) > sum c m^(1/L), by enclosures refined up to MAX_BITS."""
    bits = 32
    while bits <= MAX_BITS:
        lo = _value_bounds(w, L, bits)[0]
        hi = sum((c * root_bounds(Fraction(m), L, bits)[1] for m, c in opt_terms.items()), Fraction(0))
        if lo > hi:
            return True
        bits *= 2
    return False


def check(doc: dict, problems: list[str]) -> Optional[Fraction]:
    A = [qlist(r, f"problem.A[{i}]") for i, r in enumerate(list_(at(doc, "problem.A"), "problem.A"))]
    if not A or not A[0] or any(len(r) != len(A[0]) for r in A):
        raise Malformed("problem.A: expected a non-empty rectangular matrix")
    N = len(A)
    y = qlist(at(doc, "problem.y"), "problem.y", N)
    L = at(doc, "problem.L")
    if type(L) is not int or L < 2:
        raise Malformed(f"problem.L: expected an integer >= 2, got {L!r}")
    basic = _basic_solutions(A, y, problems)
    optima = list_(at(doc, "optima"), "optima")
    if not optima:
        raise Malformed("optima: expected at least one optimal basic solution")
    listed, maps = set(), []
    for k, o in enumerate(optima):
        w = tuple(qlist(at(o, "w", f"optima[{k}]"), f"optima[{k}].w", len(A[0])))
        if w not in basic:
            problems.append(f"optima[{k}]: not a basic solution of A w = y")
        if sum(1 for x in w if x) > N:
            problems.append(f"optima[{k}]: more than N = {N} non-zeros")
        terms: dict[int, Fraction] = {}
        roots = {}
        for t, r in enumerate(list_(at(o, "roots", f"optima[{k}]"), f"optima[{k}].roots")):
            r = list_(r, f"optima[{k}].roots[{t}]", 3)
            i, c, m = r[0], q(r[1], f"optima[{k}].roots[{t}][1]"), r[2]
            if type(i) is not int or type(m) is not int or not 0 <= i < len(w) or m < 1 or c <= 0 or i in roots:
                raise Malformed(f"optima[{k}].roots[{t}]: expected [index, 'c' > 0, integer m >= 1], once per index")
            roots[i] = (c, m)
            if c ** L * m != w[i] * w[i]:
                problems.append(f"optima[{k}].roots[{t}]: c^L m != w_{i}^2")
            terms[m] = terms.get(m, Fraction(0)) + c
        if set(roots) != {i for i, x in enumerate(w) if x}:
            problems.append(f"optima[{k}].roots: not exactly one entry per non-zero of w")
        listed.add(w)
        maps.append({m: c for m, c in terms.items() if c})
    if any(mp != maps[0] for mp in maps):
        problems.append("optima: the listed optima do not have equal values")
    for w in basic:
        if w not in listed and not _separated(list(w), maps[0], L):
            problems.append(f"basic solution {[str(x) for x in w]} is not shown worse than the optimum")
    value = maps[0].get(1, Fraction(0)) if L == 2 else None
    if "witness" in doc:
        w = qlist(at(doc, "witness.w"), "witness.w", len(A[0]))
        role = at(doc, "witness.role")
        if any(sum((a * x for a, x in zip(row, w)), Fraction(0)) != b for row, b in zip(A, y)):
            problems.append("witness: A w != y")
        if sum(1 for x in w if x) <= N:
            problems.append(f"witness: at most N = {N} non-zeros")
        if role == "optimal":
            if L != 2 or sum((abs(x) for x in w), Fraction(0)) != value:
                problems.append("witness: role 'optimal' needs L = 2 and ||w||_1 = the optimum")
        elif role == "suboptimal":
            if not _separated(w, maps[0], L):
                problems.append("witness: not shown strictly worse than the optimum")
        else:
            raise Malformed(f"witness.role: expected 'optimal' or 'suboptimal', got {role!r}")
    return value
