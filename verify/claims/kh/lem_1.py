"""kh.lem-1 (covers kh.lem-2, kh.prop-1): the sign-pattern pieces of the atomic set and its convex hull.

Convention kh (4) = (2)+(3): leaky slope alpha (parameter, default 0), b free, ||w||_2 <= 1, no output
bias, cost ||mu||_TV; literal J = {sign(z) : z in T^+}. Lemma 1 (convexity of A_s; the proof's (6)),
Lemma 2 (covering) exactly; Proposition 1 exactly in 1-D (atomic norm through the pattern pieces against
the dictionary value) and by two exact brackets in d >= 2.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from cases import Case, shipped_case
from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.checker.arith import sigma
from exact.lp import LinearProgram, solve_lp
from exact.relu.arrangements import Realisation, pattern_of, pattern_tree, realisations, sign
from exact.relu.interpolation import interpolate_1d
from exact.relu.pattern_program import atom_lp, h_vector, solve_1d

from ...audit import show
from ...context import Context
from ...conventions import KH_3
from ...registry import claim
from ...requirements import Data, Needs
from ...result import CONFIRMED, CONTRADICTED, ERROR, PROVED, REFUTED, Draft
from ._shared import ALPHA, certify_lp, certify_program, certify_routes, corrected_2d, matrix_of, routes_notes
from .programs import build


def _pre(X, r: Realisation) -> tuple[Fraction, ...]:
    """The pre-activation p = X^T w + b 1 of a witness."""
    return tuple(sum((a * c for a, c in zip(x, r.w)), Fraction(0)) + r.b for x in X)


def _atom(X, r: Realisation, alpha: Fraction) -> tuple[Fraction, ...]:
    return tuple(sigma(p, alpha) for p in _pre(X, r))


def nonconvex_witness(X, alpha: Fraction):
    """Two atoms of T^+ (one per pattern witness) whose midpoint is in no T^+_lambda, with the Farkas LP.

    Returns (r1, r2, midpoint, lp, result) or None when no pair of witness atoms shows it.
    """
    rs = realisations(X)
    atoms = [_atom(X, r, alpha) for r in rs]
    for i, r1 in enumerate(rs):
        if not any(atoms[i]):
            continue  # 0 and an atom sigma(p) have the midpoint sigma(p / 2), an atom: no LP needed
        for j in range(i + 1, len(rs)):
            if not any(atoms[j]):
                continue
            r2 = rs[j]
            mid = tuple((a + b) / 2 for a, b in zip(atoms[i], atoms[j]))
            lp = atom_lp(X, mid, alpha)
            res = solve_lp(lp)
            if res.status == "infeasible":
                return r1, r2, mid, lp, res
    return None


def loose_point(X, patterns, alpha: Fraction):
    """A point of kh's description (6) (z = h(s) . (X^T w + b 1), z . s >= 0, ||w|| <= 1) outside A_s.

    alpha > 0: (6) constrains p = X^T w + b 1 by s . p >= 0, which allows p_k = 0 where
    s_k = -1 (sign(z_k) = +1 != s_k): found by an exact LP with p_k = 0. alpha = 0:
    z . s >= 0 is void where s_k = -1 (z_k = 0), so w = 0, b = 1 gives z = h(s) for
    every s; returned when that z is no atom at all (z in no T^+_lambda).
    Returns (s, z, note) or None.
    """
    d = len(X[0])
    for s in patterns:
        if alpha == 0:
            z = h_vector(s, alpha)
            if -1 in s and solve_lp(atom_lp(X, z, alpha)).status == "infeasible":
                return s, z, "w = 0, b = 1; z is in no T^+_lambda (exact Farkas)"
            continue
        rows = [{**{j: -si * a for j, a in enumerate(x) if a}, d: Fraction(-si)} for x, si in zip(X, s)]
        for k in (k for k, sk in enumerate(s) if sk == -1):
            eq = {**{j: a for j, a in enumerate(X[k]) if a}, d: Fraction(1)}
            res = solve_lp(LinearProgram(c=(Fraction(0),) * (d + 1), A_eq=(eq,), b_eq=(Fraction(0),),
                                         A_ub=tuple(rows), b_ub=(Fraction(0),) * len(rows),
                                         free=frozenset(range(d + 1))))
            if res.status == "optimal":
                w, b = res.x[:d], res.x[d]
                scale = max([Fraction(1)] + [abs(a) for a in w])  # ||w||_2 <= sqrt(d) max|w_j|; 1-D exact
                w, b = [a / scale / d for a in w], b / scale / d
                z = tuple(hk * (sum((a * c for a, c in zip(x, w)), Fraction(0)) + b)
                          for hk, x in zip(h_vector(s, alpha), X))
                return s, z, f"w = {show(w)}, b = {b}; sign(z) = {show(pattern_of(X, w, b))}"
    return None


def _nonconvex(X, alpha: Fraction, ctx: Context, res: Draft) -> bool:
    """alpha = 0, literal J = {all +1}: Lemma 1 asserts T^+ convex. True when a midpoint of two atoms is certified
    (kind lp, relation infeasible: exact Farkas) to be sigma(X w + b 1) for no (w, b): the checked counterexample."""
    wit = nonconvex_witness(X, alpha)
    if wit is None:
        return False
    r1, r2, mid, lp, lp_res = wit
    cert = certify_program(lp, lp_res, res, ctx, "-nonconvex",
                           f"no (w, b) has sigma_0(X w + b 1) = {show(mid)}, the midpoint of the atoms of (w, b) = "
                           f"({show(r1.w)}, {r1.b}) and ({show(r2.w)}, {r2.b})", "T^+ not convex")
    if cert.kind_relation != "infeasible":
        return False
    res.finding("Lemma 1 (Section III-A)", "the pieces A_s, s in J = {sign(z) : z in T^+}, are convex",
                f"for alpha = 0 the literal J is {{all +1}} and A_(all +1) = T^+ is not convex: atoms "
                f"{show(_atom(X, r1, alpha))} ((w, b) = ({show(r1.w)}, {r1.b})) and {show(_atom(X, r2, alpha))} "
                f"((w, b) = ({show(r2.w)}, {r2.b})) have midpoint {show(mid)}, which is sigma(X w + b 1) for no "
                "(w, b) (exact Farkas)", cert.path)
    return True


def _loose(X, patterns, alpha: Fraction, ctx: Context, res: Draft) -> None:
    """The finding on the proof of Lemma 1: its description (6) (z . s >= 0) holds at a point outside A_s.

    Certified where it is not an explicit point: for alpha = 0 that z is in no T^+_lambda (kind lp,
    infeasible), in 1-D its atomic norm (4) (kind relu1d-l1-interpolation, about (x, z)).
    """
    loose = loose_point(X, patterns, alpha)
    if loose is None:
        return
    s, z, how = loose
    paths, extra = [], ""
    if alpha == 0:
        lp = atom_lp(X, z, alpha)
        cert = certify_program(lp, solve_lp(lp), res, ctx, "-loose", f"no (w, b) has sigma_0(X w + b 1) = {show(z)}",
                               "(6) point in no T^+_lambda")
        paths.append(cert.path)
    if len(X[0]) == 1:
        x = [r[0] for r in X]
        sol = interpolate_1d(x, z, KH_3.with_alpha(alpha).problem)
        cert = res.add(ctx.certify(interpolation_certificate(sol, res.claim, res.case),
                                   res.claim, res.case, "-loose-norm", about={"x": x, "y": z, "alpha": alpha}),
                       "atomic norm of the (6) point")
        paths.append(cert.path)
        if cert.value is not None:
            extra = f"; its atomic norm (4) is {cert.value} (exact 1-D)" + (
                " > 1: z is not even in conv(T_1^+ u T_1^-)" if cert.value > 1 else "")
    tail = ("; A_s is not closed (z is a limit of points of A_s), but (6) still lies in T^+ for alpha > 0, so "
            "Lemma 2 and the hull are unaffected" if alpha > 0 else
            "; for alpha = 0 the constraint must be on p (s . p >= 0, as in (7)), not on z")
    res.finding("proof of Lemma 1, description (6) (Section III-A)",
                "A_s = {z = h(s) . (X^T w + b 1) : z . s >= 0, ||w||_2 <= 1}",
                f"the set (6) with z . s >= 0 is strictly larger than A_s: s = {show(s)}, z = {show(z)} ({how}) "
                f"satisfies (6) but sign(z) != s" + extra + tail, *paths)


@claim("kh.lem-1", "kh", "Lemma 1 and its proof (6), Lemma 2, Proposition 1 (Section III-A)",
       "sign-pattern pieces A_s, B_s of the atomic set are convex, cover it, and describe its convex hull",
       "exact (1-D), float SOCP + exact brackets (d >= 2)",
       lambda: [shipped_case(name) for name in ("kh-patterns-lem1-leaky", "kh-patterns-lem1-relu",
                                                "kh-patterns-lem1-2d-leaky", "kh-patterns-lem1-2d-relu")],
       needs=Needs(Data.ANY, parameters=(ALPHA,)), covers=("kh.lem-2", "kh.prop-1"))
def check_pieces(case: Case, ctx: Context) -> Draft:
    """Lemma 1 (convexity of A_s; the proof's description (6)), Lemma 2 (covering), Proposition 1.

    Convention kh (4): sigma_alpha leaky (parameter ``alpha``, default 0), b free, ||w||_2 <= 1,
    no output bias, cost ||mu||_TV. Literal J = {sign(z) : z in T^+}, sign(0) = +1:
    for alpha > 0 the affine sign patterns; for alpha <= 0 {all +1}, where A_s = T^+.
    REFUTED when A_s is not convex under the literal definition (exact midpoint witness,
    Farkas certificate). Otherwise, in 1-D, PROVED when the atomic norm (4) computed over
    the closed pattern pieces (kh (7) corrected, an exact LP: :func:`_proposition_1_exact`) equals
    the exact 1-D dictionary value (:func:`exact.relu.interpolation.interpolate_1d`), both certified
    values (kinds lp and relu1d-l1-interpolation), REFUTED when they differ. Lemmas 1-2 on the
    pattern witnesses are exact consistency checks (ERROR when they fail). d >= 2: :func:`_proposition_1_float`.
    """
    X, alpha = matrix_of(case), case.params.get("alpha", Fraction(0))
    res = Draft("kh.lem-1", case.name, ERROR, "exact", replace(KH_3.with_alpha(alpha), name="kh (4) = (2)+(3)"))
    if alpha < 0 or alpha == 1:
        res.notes.append(f"alpha = {alpha}: only 0 <= alpha != 1 is implemented")
        return res
    rs = realisations(X)
    patterns = [r.pattern for r in rs]
    refuted = False
    if alpha == 0:
        res.notes.append("alpha = 0: sigma >= 0, so literally J = {sign(z) : z in T^+} = {all +1} (sign(0) = +1) "
                         "and A_(all +1) = T^+: Lemma 1 asserts T^+ convex")
        refuted = _nonconvex(X, alpha, ctx, res)
        res.notes.append("intended reading (pattern of the pre-activation p = X^T w + b 1, as h(s) in (5) and "
                         f"the constraints of (7) suggest): J = the {len(patterns)} affine sign patterns")
    else:
        res.notes.append(f"alpha = {alpha} > 0: sign(sigma(p)) = sign(p), so J = the {len(patterns)} affine "
                         "sign patterns of the data")
    # Lemma 1, (intended) convexity: A_s = {h(s) . p : p = X^T w + b 1 with pattern s}, a linear image of a convex set
    linear = all(_atom(X, r, alpha) == tuple(h * p for h, p in zip(h_vector(r.pattern, alpha), _pre(X, r)))
                 and pattern_of(X, r.w, r.b) == r.pattern for r in rs)
    res.notes.append(f"Lemma 1: on each pattern s, sigma_alpha(p) = h(s) . p is linear in (w, b) and the set of "
                     f"(w, b) with pattern s (>= 0 where s = +1, < 0 where s = -1) is convex, so A_s is convex with "
                     f"the strict inequalities; every witness (w, b) realises its pattern exactly: {linear}")
    _loose(X, patterns, alpha, ctx, res)
    # Lemma 2: every witness atom lies in A_(sign z) with sign z in J (literal J for alpha = 0)
    J = set(patterns) if alpha > 0 else {(1,) * len(X)}
    covered = all(tuple(map(sign, _atom(X, r, alpha))) in J for r in rs)
    res.notes.append(f"Lemma 2: the atom of every witness (w, b) lies in A_(sign z) with sign z in J: {covered}")
    if len(X[0]) != 1:
        return _proposition_1_float(case, ctx, res, refuted, linear and covered)
    return _proposition_1_exact(case, ctx, res, patterns, refuted, linear and covered)


def _proposition_1_exact(case: Case, ctx: Context, res: Draft, patterns, refuted: bool, lemmas: bool) -> Draft:
    """Proposition 1 in 1-D: the atomic norm (4) through the closed pattern pieces against the dictionary value
    of (2)+(3) (kind relu1d-l1-interpolation), both certified.

    The pieces program min sum_s (t_s^+ + t_s^-) s.t. y = sum_s h(s) . (p_s^+ - p_s^-), s . p_s^+- >= 0,
    |w_s^+-| <= t_s^+- (h(s) . p^+ ranges over the closure of A_s^t, -h(s) . p^- over that of B_s^t) is kh (7)
    corrected, term (s, +1) = p^+ and (s, -1) = p^- at cost |w| (kind pattern-program-1d); with the minus part's
    sign row reversed it is (7) as printed, solved for the note."""
    x, alpha = [v[0] for v in matrix_of(case)], case.params.get("alpha", Fraction(0))
    corrected, printed = (solve_1d(build(x, case.y, 7, reading, alpha, patterns))
                          for reading in ("corrected", "printed"))
    pieces = certify_lp(corrected, res, ctx, "-pieces", "atomic norm (4) over the closed pattern pieces "
                        "(Proposition 1, 1-D: kh (7) corrected, one term per piece A_s, B_s)")
    dic = res.add(ctx.certify(interpolation_certificate(interpolate_1d(x, case.y, KH_3.with_alpha(alpha).problem),
                                                        res.claim, case.name),
                              res.claim, case.name, "-dictionary"), "dictionary")
    res.data = {"x": [str(v) for v in x], "y": [str(v) for v in case.y], "alpha": str(alpha),
                "pieces_value": str(pieces.value), "dictionary_value": str(dic.value),
                "printed_7_status": printed.status}
    if pieces.value is None or dic.value is None:
        return res
    res.value = pieces.value
    res.notes.append(f"Proposition 1 (1-D): atomic norm (4) through the {len(patterns)} pattern pieces = "
                     f"{pieces.value}; through the 1-D dictionary (exact.relu.interpolation) = {dic.value}; equal: "
                     f"{pieces.value == dic.value}")
    res.notes.append(f"kh (7) as printed (s . (X^T w^- + b^- 1) <= 0 for the minus part; then -h(s) . p^- = "
                     f"h(s) . (-p^-) is again in T^+, so only positive atoms remain): {printed.status}"
                     + (f", value {printed.value}" if printed.value is not None else "")
                     + ("; with >= 0 (the pieces B_s) it is the value above" if printed.value != pieces.value else ""))
    if refuted:
        res.verdict = REFUTED
    elif lemmas:
        res.verdict = PROVED if pieces.value == dic.value else REFUTED
    return res


def _proposition_1_float(case: Case, ctx: Context, res: Draft, refuted: bool, lemmas: bool) -> Draft:
    """Proposition 1 in d >= 2: the atomic norm (4) through the pattern pieces vs the infinite-width value.

    The pieces description of conv(T^+ u T^-) is the corrected (7) over the intended J; its float
    SOCP is bracketed exactly (bracket A, which encloses both values) and compared with the
    dictionary bracket B of (2)+(3) that uses no pattern program (:func:`verify.claims.kh._shared.corrected_2d`,
    both certified as kind "pattern-bracket"): CONFIRMED when the certified brackets meet (and the float lies
    in A) and the exact Lemma 1-2 parts hold, else CONTRADICTED; REFUTED when Lemma 1 is refuted exactly
    (alpha = 0, literal J).
    """
    X, alpha = matrix_of(case), case.params.get("alpha", Fraction(0))
    res.method = "exact (Lemmas 1-2), float SOCP + exact brackets (Proposition 1)"
    c2 = corrected_2d(X, case.y, alpha, 7, pattern_tree(X))
    routes = certify_routes(c2, ctx, res)
    res.data = {"X": [[str(a) for a in r] for r in X], "y": [str(t) for t in case.y], "alpha": str(alpha)}
    if routes is None:
        return res
    res.notes += routes_notes(c2, routes)
    res.notes.append(f"Proposition 1 (d = {len(X[0])}): the pieces program and the dictionary route "
                     + ("enclose the same value (brackets A and B meet)" if routes.agree else
                        "DISAGREE (A and B are disjoint)"))
    res.value = routes.A
    res.data |= {"program_bracket": routes.A.as_json(), "dictionary_bracket": routes.B.as_json()}
    if refuted:
        res.verdict = REFUTED
    elif lemmas:
        res.verdict = CONFIRMED if routes.agree else CONTRADICTED
    return res
