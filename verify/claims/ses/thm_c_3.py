"""ses.thm-c.3: deep parallel networks (l_{2/L}, (49)): an optimum with <= N non-zeros; for L >= 3 every optimum.

Convention ses (49): parallel sub-networks without biases, unit-Frobenius layers (45), penalty
||alpha||_{2/L}^{2/L}, interpolation of y over a finite dictionary: min sum |alpha_i|^(2/L) s.t.
A alpha = y. Each L in 2, 3, 4 solved exactly by enumerating basic solutions (kind bridge-vertex-min),
L = 2 against the exact LP (kind lp), and a feasible point with more than N non-zeros shown strictly
suboptimal for L >= 3 by the exact strict-concavity step (64).
"""

from __future__ import annotations

import random
from fractions import Fraction
from math import comb

from cases import Case, shipped_cases
from exact.certificates.bridge_vertex_min import bridge_certificate
from exact.certificates.lp import lp_certificate
from exact.checker import bridge_vertex_min as kind
from exact.l1 import l1_program
from exact.linalg import rank
from exact.lp import LinearProgram, LPResult, solve_lp
from exact.lp.face import optimal_face
from exact.relu.bridge import BridgeOptimum, approx, bridge_value, brief, compare, descent, minimise_bridge, support
from exact.relu.dictionary import relu_atoms

from ...audit import show
from ...context import Certified, Context
from ...conventions import SES_49
from ...registry import claim
from ...requirements import Data, Needs, Parameter
from ...result import ERROR, PROVED, UNDECIDED, VACUOUS, Draft, Labelled

DEPTHS = (2, 3, 4)


Matrix = list[list[Fraction]]


def unit_vector(rng: random.Random, n: int) -> list[Fraction]:
    """A rational point of S^(n-1): inverse stereographic projection of a random t in (Z/2)^(n-1)."""
    t = [Fraction(rng.randint(-4, 4), 2) for _ in range(n - 1)]
    s = sum(x * x for x in t)
    return [2 * x / (s + 1) for x in t] + [(s - 1) / (s + 1)]


def _relu(v: list[Fraction]) -> list[Fraction]:
    return [max(x, Fraction(0)) for x in v]


def parallel_dictionary(X, L: int, count: int, width: int, seed: int) -> Matrix:
    """A[n][i] = v(W_i, x_n) (41)-(42) for ``count`` sub-networks of L-1 unit-Frobenius layers (45).

    >>> parallel_dictionary([[Fraction(1), Fraction(0)]], 2, 2, 2, 2)  # L = 2: v = [w^T x]_+, ||w|| = 1
    [[Fraction(1, 1), Fraction(12, 13)]]
    """
    rng = random.Random(seed * 100 + L)
    d = len(X[0])
    shapes = [(1, d)] if L == 2 else [(width, d)] + [(width, width)] * (L - 3) + [(1, width)]
    nets = []
    for _ in range(count):
        layers = []
        for rows, cols in shapes:
            flat = unit_vector(rng, rows * cols)
            layers.append([flat[r * cols:(r + 1) * cols] for r in range(rows)])
        nets.append(layers)
    A = []
    for x in X:
        row = []
        for layers in nets:
            z = list(x)
            for W in layers:
                z = _relu([sum((a * b for a, b in zip(wr, z)), Fraction(0)) for wr in W])
            row.append(z[0])
        A.append(row)
    return A


def dictionary(case: Case, L: int) -> tuple[Matrix, str]:
    """The N x K dictionary matrix of a ``ses-deep-*`` case for depth L, with a description."""
    X = case.X if case.X is not None else tuple((v,) for v in case.x)
    p = case.params
    if "matrix" in p:
        return [list(r) for r in X], "the given matrix X"
    if "relu1d" in p:
        xs = [r[0] for r in X]
        atoms = relu_atoms(xs)
        return [[a(x, Fraction(0)) for a in atoms] for x in xs], f"1-D ReLU atoms {[(a.u, str(a.knot)) for a in atoms]}"
    if not {"subnetworks", "width", "seed"} <= set(p):
        raise ValueError(f"case {case.name}: give matrix = \"1\" (X is the dictionary), relu1d = \"1\", or "
                         "subnetworks, width and seed (a random deep parallel dictionary)")
    K, m, seed = int(p["subnetworks"]), int(p["width"]), int(p["seed"])
    return (parallel_dictionary(X, L, K, m, seed),
            f"{K} parallel sub-networks of depth {L - 1}, width {m}, seed {seed}")


def deep_cases() -> list[Case]:
    return [c for c in shipped_cases() if c.name.startswith("ses-deep-")]


def _average(points) -> tuple[Fraction, ...]:
    return tuple(sum(col, Fraction(0)) / len(points) for col in zip(*points))


def _dense_point(opt: BridgeOptimum, N: int) -> tuple[Fraction, ...] | None:
    """A feasible point with more than N non-zeros: the midpoint of an optimum and another basic solution."""
    best = opt.basic[opt.optimal[0]]
    mids = (_average([best, w]) for w in opt.basic)
    return next((m for m in mids if len(support(m)) > N), None)


def beyond_enumeration(A: Matrix) -> str:
    """Why the basic solutions of A w = y are too many to enumerate and certify ('' if they are not): the
    limits of kind bridge-vertex-min (N rows, K columns, C(K, rank A) column sets; the problem is a concave
    minimisation, decided by enumeration, and C(2n - 2, n) grows like 4^n for the 1-D ReLU atoms)."""
    N, K = len(A), len(A[0]) if A else 0
    if N > kind.MAX_ROWS or K > kind.MAX_COLUMNS:
        return f"{N} x {K} dictionary, beyond the limit {kind.MAX_ROWS} x {kind.MAX_COLUMNS} of kind bridge-vertex-min"
    sets = comb(K, rank(A))
    if sets > kind.MAX_COLUMN_SETS:
        return f"C(K, rank A) = {sets} column sets, beyond the limit {kind.MAX_COLUMN_SETS} of kind bridge-vertex-min"
    return ""


def _certify_l1(A: Matrix, y, L: int, res: Draft, ctx: Context) -> tuple[Certified | None, LinearProgram, LPResult]:
    """min ||w||_1 s.t. A w = y as an LP in (w+, w-) (kind lp): (49) with L = 2, and for any L the certified
    reason when A w = y is infeasible (a Farkas vector: (49) is not attainable, Theorem C.3's hypothesis
    fails). Certified for L = 2 and for an infeasible system only (None otherwise)."""
    N = len(A)
    lp = l1_program([{i: A[i][j] for i in range(N) if A[i][j]} for j in range(len(A[0]))], y)
    lpres = solve_lp(lp)
    if L != 2 and lpres.status != "infeasible":
        return None, lp, lpres
    cert = res.add(ctx.certify(lp_certificate(
        lp, lpres, res.claim, res.case, f"min ||w||_1 s.t. A w = y as an LP in (w+, w-), A the dictionary of "
        f"L = {L} ((49) for L = 2)"), res.claim, res.case, f"-L{L}-lp", about={"problem": lp}), f"l1 LP, L = {L}")
    return cert, lp, lpres


def _dense_optimum(lp: LinearProgram, lpres: LPResult, opt: BridgeOptimum, res: Draft) -> tuple[Fraction, ...] | None:
    """L = 2: the average of the optimal vertices, an optimum with more than N non-zeros when the optimal
    face allows (f_2 = ||w||_1 is linear on orthants), else None."""
    N = len(lp.b_eq)
    face = optimal_face(lp, lpres)
    mid = _average([opt.basic[i] for i in opt.optimal])
    dense = len(support(mid)) > N and bridge_value(mid, 2) == opt.value
    res.notes.append(f"L = 2: optimal face {'unique' if face.unique else 'not unique'} ({face.method}); "
                     f"{len(opt.optimal)} optimal vertices, their average {show(list(mid))} has "
                     f"{len(support(mid))} non-zeros "
                     f"({'an optimum with more than N = ' + str(N) if dense else 'not more than N'})")
    return mid if dense else None


def _descent_note(A: Matrix, point, L: int, opt: BridgeOptimum, N: int, res: Draft) -> None:
    """The proof's step (64) at a feasible point with more than N non-zeros (commentary: the bridge
    certificate proves the optimum and, with a witness, that the point is optimal / strictly worse)."""
    step = descent(A, point, L)
    if step is None:
        return
    f = bridge_value(point, L)
    tail = ("(f is linear on the orthant: no strict descent, which is why 'every optimum' is claimed only for "
            "L >= 3)" if L == 2 else
            f"> 0: {step.strict} (strict concavity, (64)); f(w) > optimum: {compare(f, opt.value) > 0}")
    res.notes.append(f"L = {L}: feasible point with {len(support(point))} > N = {N} non-zeros, f = {brief(f)}; "
                     f"along beta = {show(list(step.beta))}, rho = {step.rho}: 2f(w) - f(w+rho beta) - "
                     f"f(w-rho beta) = {brief(step.gap)} {tail}")


DICTIONARY = (
    Parameter("matrix", '"1": the dictionary is X itself', None, "ses (49): any dictionary", optional=True),
    Parameter("relu1d", '"1": the dictionary of 1-D ReLU atoms at the data', None, "ses (49)", optional=True),
    Parameter("subnetworks", "K, the parallel sub-networks of a random deep dictionary", None, "ses Appendix C",
              optional=True),
    Parameter("width", "m, the width of each sub-network", None, "ses Appendix C", optional=True),
    Parameter("seed", "the seed of the random sub-network weights", None, "not in the paper", optional=True))


def dictionary_given(case: Case) -> str | None:
    """Why the case names no dictionary (:func:`dictionary`), or None."""
    p = case.params
    if "matrix" in p or "relu1d" in p or {"subnetworks", "width", "seed"} <= set(p):
        return None
    return ('fields matrix / relu1d / subnetworks, width, seed: expected matrix = "1" (X is the dictionary), '
            'relu1d = "1", or all of subnetworks, width and seed (a random deep parallel dictionary)')


@claim("ses.thm-c.3", "ses", "Theorem C.3 (Appendix C, (49)) and its proof (62)-(65)",
       "(49): an optimum with ||alpha||_0 <= N; for L >= 3 every optimum has ||alpha||_0 <= N", "exact",
       deep_cases, needs=Needs(Data.ANY, parameters=DICTIONARY, condition=dictionary_given))
def check_bridge(case: Case, ctx: Context) -> Draft:
    """(49) for L = 2, 3, 4 on the case's dictionary, each by kind bridge-vertex-min: equals V, attained at
    the k listed basic solutions (each with <= rank A <= N non-zeros), which for L >= 3 are all the optima.
    That relation is Theorem C.3 on the instance. L = 2 is cross-checked against the exact l1 LP (kind lp:
    the two certified values must agree); a dense feasible point is certified optimal (L = 2) or strictly
    worse (L >= 3) as the certificate's witness. PROVED when every attainable depth's certificate states
    ``attained``; VACUOUS when A w = y is infeasible for every L (the hypothesis "(49) is attainable"
    fails; certified by a Farkas vector); UNDECIDED when the two L = 2 values differ, or when a depth's
    dictionary is beyond the enumeration the kind certifies (:func:`beyond_enumeration`: then nothing is
    solved for it).
    """
    res = Draft("ses.thm-c.3", case.name, ERROR, "exact (vertex enumeration, root enclosures)", SES_49)
    N, y = case.n, list(case.y)
    fixed = "relu1d" in case.params or "matrix" in case.params  # the same dictionary for every L
    values, infeasible, holds, witness = [], [], True, None
    beyond = False
    for L in DEPTHS:
        A, what = dictionary(case, L)
        if why := beyond_enumeration(A):
            res.notes.append(f"L = {L}: dictionary {what}; not decided: {why}")
            beyond = True
            continue
        lp_cert, lp, lpres = _certify_l1(A, y, L, res, ctx)
        if lpres.status == "infeasible":
            infeasible.append(lp_cert)
            res.notes.append(f"L = {L}: dictionary {what}; A w = y is infeasible (certified: "
                             f"{lp_cert.kind_relation}), so (49) is not attainable")
            continue
        opt = minimise_bridge(A, y, L)
        res.notes.append(f"L = {L}: dictionary {what}; rank {opt.rank}, {len(opt.basic)} basic solutions; "
                         f"minimum {brief(opt.value)} (~{approx(opt.value):.6g}) at "
                         + "; ".join(f"{show(list(opt.basic[i]))} ({len(support(opt.basic[i]))} non-zeros)"
                                     for i in opt.optimal))
        if L == 2:
            witness = _dense_optimum(lp, lpres, opt, res)
            point, role = witness, "optimal"
        else:  # a feasible point with more than N non-zeros must be strictly worse (64)
            point, role = (witness if witness is not None and fixed else _dense_point(opt, N)), "suboptimal"
        if point is not None and len(support(point)) <= N:
            point = None
        if point is not None:
            _descent_note(A, point, L, opt, N, res)
        cert = res.add(ctx.certify(bridge_certificate(A, y, opt, res.claim, case.name, point, role), res.claim,
                                   case.name, f"-L{L}", about={"A": A, "y": y, "L": L}), f"(49), L = {L}")
        values.append((f"L={L}", cert.value))
        holds &= cert.qualifier("attained") is True
        if lp_cert is not None:  # L = 2: the LP and the vertex enumeration certify the same minimum
            same = lp_cert.value == cert.value
            holds &= same
            res.notes.append(f"L = 2: exact LP value {lp_cert.value} {'=' if same else '!='} vertex minimum "
                             f"{cert.value} (both certified)")
    res.value = Labelled(tuple(values)) if values else None
    if not all(c.ok for c in res.checked):
        return res
    if values or beyond:
        res.verdict = PROVED if holds and not beyond else UNDECIDED
    elif all(c.kind_relation == "infeasible" for c in infeasible):
        res.verdict = VACUOUS
        res.notes.append("the hypothesis of Theorem C.3 fails: (49) is not attainable for any L (certified)")
    return res
