"""ddb.cor-4.8: the sparsity results of Section 4 transfer to the penalised problem (7)/(22) for every lambda > 0,
decided on 1-D data forwards (the case's labels, each lambda) and backwards (labels built from the fit).

Forward (:func:`forward`): (22) with the case's own labels y for every lambda of :data:`LAMBDAS`, solved by the
isolated route (:mod:`exact.relu.joint_isolated` with a penalty: once the contact set is fixed the KKT conditions
are the square system of kind relu1d-joint-isolated with the fit rows f_i + (n lambda / 2) v_i = y_i), certified,
and the per-cell checks of :mod:`.thm_4_2` applied to its certified minimiser. A large lambda gives the zero
measure (v = 2 y / (n lambda) is dual feasible), which charges nothing.

Convention ddb (22) in 1-D (DDB_22): L(nu) = 1/n ||A nu - y||^2 + lambda ||nu||_TV over measures on the circle
||(a, b)|| = 1, (A nu)_i = int (a x_i + b)_+ dnu. It is convex and strictly convex in the fit f = A nu, so every
minimiser has the same fit f*, and (proof of Corollary 4.8, (28)-(29)) the minimisers of (22) are the minimisers
of (20) with y replaced by f*. Its optimality condition is linear in y: nu minimises (22) iff
v = 2 (y - A nu) / (n lambda) is a dual certificate of nu for (20) at the data f* = A nu (|v^T (a x + b)_+| <= 1
on the circle, with equality and the sign of nu on its support).

Backward: for a fit f* whose certified dual v of (20) is rational, the labels y = f* + (n lambda / 2) v pose a penalised
problem with fit exactly f* for every lambda: (20) at f* is solved, certified (kind relu1d-joint-exact) and its
optimal set enumerated by :mod:`._support`, and the per-cell checks of :mod:`.thm_4_2` apply to every lambda at
once. A closed cell holding two charged points refutes the transfer of Theorems 4.2 / 4.7 (REFUTED, two certified
optimal networks); the corollary's printed conclusion (finitely many points) is what the certified finite contact
set proves. The optimum of (22) is 1/n ||f* - y||^2 + lambda V(20) = n lambda^2 ||v||^2 / 4 + lambda V(20).

>>> from fractions import Fraction as F
>>> labels((F(0), F(1), F(0)), (F(-1), F(3), F(-1)), F(2, 3))
(Fraction(-1, 1), Fraction(4, 1), Fraction(-1, 1))
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Sequence

from cases import Case, random_1d_case
from exact.certificates.relu1d_joint_isolated import isolated_certificate
from exact.relu.joint_isolated import solve_isolated
from exact.relu.optimal_measures import OptimalMeasures, isolated_measures

from ...context import Context
from ...conventions import DDB_22
from ...numeric.cone_program import bracket
from ...registry import case_binding, claim
from ...report.figures import frequencies_figure, functions_figure
from ...requirements import Data, Needs
from ...result import CONFIRMED, ERROR, MEASURED, REFUTED, UNDECIDED, Draft, Labelled
from .._shared import certify, fl, named_cases
from ._support import FAMILY, SEED, certified_support, describe, finding_text, optimal_functions, readings

PLACE = "Section 4, Corollary 4.8 and the paragraph before it; (7), (22); proof of Corollary 4.8 (28)-(29)"
STATEMENT = ("for every lambda > 0 the minimisers of the penalised problem (7) / (22) are (effectively) supported "
             "on finitely many points, and the sparsity results of Section 4 (Theorems 4.2, 4.7) transfer")
LAMBDAS = (Fraction(1, 10), Fraction(1), Fraction(10))


def penalised_cases() -> list[Case]:
    """The shipped ddb-penalised-* cases: 1-D x and the fit f* (as ``y``)."""
    return named_cases("ddb-penalised-")


def labels(fit: Sequence[Fraction], v: Sequence[Fraction], lam: Fraction) -> tuple[Fraction, ...]:
    """The labels y = f* + (n lambda / 2) v whose penalised problem (22) has fit f* (module doc)."""
    return tuple(f + len(fit) * lam / 2 * t for f, t in zip(fit, v, strict=True))


def forward(case: Case, lam: Fraction, ctx: Context, res: Draft) -> OptimalMeasures | None:
    """(22) with the case's own labels and ``lam``, isolated (kind relu1d-joint-isolated with a penalty): the float
    warm start is pe (8) with the bias as a ones column, which is (22) times n / 2 (beta = n lambda / 2), and its dual
    v_pe = y - f gives v = v_pe / beta; None (a note) when not isolated or U stays open in a closed cell."""
    x, y = tuple(case.x or ()), tuple(case.y)
    beta = len(y) * lam / 2
    float_dual = bracket([(t, Fraction(1)) for t in x], y, beta).dual.v
    sol = solve_isolated(x, y, Fraction(0), [float(t) / float(beta) for t in float_dual], penalty=lam)
    if sol.status != "optimal":
        res.notes.append(f"forward, lambda = {lam}: not isolated ({sol.reason})")
        return None
    cert = certify(isolated_certificate(sol, res.claim, res.case), res, ctx, f"__forward_{lam}".replace("/", "_"),
                   f"(22) at lambda = {lam} isolated: its contact set and the points a minimiser charges")
    if not cert.ok or cert.qualifier("charged") != [a.doc() for a in sol.charged]:
        res.notes.append(f"forward, lambda = {lam}: the certificate is rejected or proves another support")
        return None
    m = isolated_measures(sol)
    res.notes.append(f"forward, lambda = {lam}: (22) with the labels y = {', '.join(map(str, y))} has optimum in "
                     f"[{fl(sol.lower)}, {fl(sol.upper)}] (kind relu1d-joint-isolated), "
                     + ("an even dual, a certified minimiser " if sol.even else "the unique minimiser ")
                     + (describe(m, m.vertices[0]) or "0 (the zero measure: lambda is that large)") + "; "
                     + readings(m))
    return None if m.open_cells() else m


def measure_forward(case: Case, ctx: Context, res: Draft) -> Draft:
    """MEASURED: per lambda of :data:`LAMBDAS`, over ``draws`` random 1-D instances (cases.random_1d_case, n = 2 + k
    mod 5), how often the certified minimiser of (22) with the instance's labels holds the per-cell bound, fails it
    (its certificate recorded) or stays undecided; a rejected certificate makes the verdict ERROR."""
    seed, draws = int(SEED.of(case)), int(FAMILY.of(case)) * (4 if ctx.thorough else 1)
    counts = {lam: dict.fromkeys(("holds", "fails", "undecided"), 0) for lam in LAMBDAS}
    failures = []
    for k in range(draws):
        drawn = random_1d_case(seed + k, n=2 + (seed + k) % 5)
        inst = replace(drawn, name=f"{case.name}__{drawn.name}")
        for lam in LAMBDAS:
            sub = Draft(res.claim, inst.name, ERROR, res.method, res.convention)
            m = forward(inst, lam, Context(ctx.out_dir, ctx.thorough, case_binding(inst)), sub)
            if any(not c.ok for c in sub.checked):
                res.notes.append(f"{inst.name}, lambda = {lam}: a certificate is rejected")
                res.verdict = ERROR
                return res
            outcome = "undecided" if m is None else "fails" if m.split_cells() else "holds"
            counts[lam][outcome] += 1
            if outcome == "fails":
                for cert in sub.checked:
                    res.add(cert, f"{inst.name} at lambda = {lam}")
                failures.append({"instance": inst.name, "lambda": str(lam), "certificates": list(sub.certificates)})
    res.verdict = MEASURED
    res.value = Labelled(tuple((f"lambda = {lam}: {o}", Fraction(t[o])) for lam, t in counts.items() for o in t))
    res.data = {"seed": seed, "draws": draws, "counts": {str(lam): t for lam, t in counts.items()},
                "counterexamples": failures}
    res.figure(frequencies_figure([(f"lambda = {lam}", t["fails"], t["holds"] + t["fails"], Fraction(0))
                                   for lam, t in counts.items()], "ddb Corollary 4.8 forwards: how often the "
                                  "penalised minimiser charges two points of one closed cell", "the per-cell bound "
                                  "failing", "the paper: never"))
    res.notes.append(f"forward, {draws} random instances (seed {seed}): " + "; ".join(
        f"lambda = {lam}: {t['holds']} hold, {t['fails']} fail, {t['undecided']} undecided" for lam, t in
        counts.items()) + " (a large lambda gives the zero measure, which charges nothing)")
    return res


@claim("ddb.cor-4.8", "ddb", PLACE, STATEMENT, "exact / isolated in 1-D (forward and backward)", penalised_cases,
       expect=REFUTED, needs=Needs(Data.ONE_D_OR_NONE, parameters=(FAMILY, SEED)))
def check_penalised(case: Case, ctx: Context) -> Draft:
    """REFUTED when two certified optimal networks of (20) at f* (so of (22) for every lambda of :data:`LAMBDAS`,
    backward), or the certified minimiser of (22) with the case's labels (forward, each lambda), charge two points
    of one closed cell; CONFIRMED when every closed cell holds at most one on both routes; UNDECIDED when a route
    is not decided (an irrational dual backward, a degenerate optimum forward) and none fails."""
    res = Draft("ddb.cor-4.8", case.name, ERROR, "exact", DDB_22)
    if case.x is None:  # the data-free case: the forward route over a seeded family
        return measure_forward(case, ctx, res)
    ahead = {lam: forward(case, lam, ctx, res) for lam in LAMBDAS}
    drawn = [f for lam, m in ahead.items() if m is not None for f in optimal_functions(m, True, f"lambda = {lam}")]
    if drawn:  # the certified (isolated) minimisers of (22) with the case's labels
        res.figure(functions_figure(case.x or (), case.y, drawn, "ddb (22) forward: the penalised minimisers"))
    split = [lam for lam, m in ahead.items() if m is not None and m.split_cells()]
    if split:
        res.finding(PLACE, STATEMENT, f"forward: (22) with x = {', '.join(map(str, case.x or ()))}, y = "
                    f"{', '.join(map(str, case.y))} at lambda = {', '.join(map(str, split))}: the certified "
                    "minimiser charges two points of one closed cell (the notes list it)", *res.certificates)
    sup = certified_support(case, ctx, res)
    if sup is None:
        if split:
            res.verdict = REFUTED
        return res
    v = [t.rational() for t in sup.exact.v] if sup.exact is not None else [None]
    if any(t is None for t in v):
        res.notes.append("the certified dual of (20) at f* is irrational: no rational labels have this fit")
        res.verdict = UNDECIDED
        return res
    dual = tuple(t for t in v if t is not None)
    norm2, value, n = sum((t * t for t in dual), Fraction(0)), sup.value, len(dual)
    for lam in LAMBDAS:
        res.notes.append(f"lambda = {lam}: labels y = {', '.join(map(str, labels(case.y, dual, lam)))} have fit f* "
                         f"= {', '.join(map(str, case.y))} (2 (y - f*) / (n lambda) = v, the certified dual); the "
                         f"optimum of (22) is 1/n ||y - f*||^2 + lambda V = {n * lam * lam * norm2 / 4} + {lam} * "
                         f"{value}")
    m = sup.measures
    res.figure(functions_figure(case.x or (), case.y, optimal_functions(m, sup.exact is None, "(20) at f*"),
                                "ddb (20) at the fit f*: the minimisers of (22) for the labels of the notes"))
    res.value = Labelled((("max points charged in one closed cell", Fraction(m.max_per_cell())),
                          ("points charged by some minimiser", Fraction(len(m.charged))),
                          ("lambdas", Fraction(len(LAMBDAS)))))
    res.notes.append(f"every minimiser of (22) charges only the {len(m.charged)} certified contacts charged by the "
                     f"minimisers of (20) at f* (finitely many, Corollary 4.8 as printed); " + readings(m))
    if sup.witnesses or split:
        res.verdict = REFUTED
    elif any(m is None for m in ahead.values()):
        res.verdict = UNDECIDED
    else:
        res.verdict = CONFIRMED
    if sup.witnesses:
        res.finding("Section 4, paragraph before Corollary 4.8", "all the sparsity results in this section "
                    "(Theorems 4.2, 4.7 ...) transfer to the convex case for arbitrary lambda > 0",
                    finding_text(case, sup) + f"; these are the minimisers of (22) for lambda in "
                    f"{', '.join(map(str, LAMBDAS))} with the labels of the notes. Corollary 4.8's own conclusion "
                    "(finitely many points) holds; the per-cell bound does not transfer", *res.certificates)
    return res
