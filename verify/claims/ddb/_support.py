"""The 1-D support computation ddb.thm-4.2 / cor-4.6 and ddb.thm-4.7 share: (20) solved and certified exactly,
its optimal set enumerated on the contact set (:mod:`exact.relu.optimal_measures`), and a certified pair of optimal
networks for every closed cell holding two charged points (the modules :mod:`.thm_4_2`, :mod:`.thm_4_7` say why).
With ``draws`` (the case ddb-1d-family) a check instead decides the seeded families of :func:`family` one instance at
a time, exactly as a shipped case, and reports how often the per-cell bound holds (:func:`measure_family`).

>>> [c.name for c in support_cases()][:2]
['ddb-1d-abs', 'ddb-1d-alternating']
>>> {k: len(v) for k, v in family(0, 10, thorough=False).items()}
{'random': 10, 'integer': 34, 'symmetric': 10, 'random-2d': 10}
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from fractions import Fraction

from cases import Case, random_1d_case, random_2d_case
from exact.certificates.relu1d_joint_exact import joint_exact_certificate
from exact.certificates.relu1d_joint_isolated import isolated_certificate
from exact.certificates.relu_joint_bracket import bracket_nd_certificate
from exact.certificates.relu_joint_isolated import isolated_nd_certificate
from exact.relu.joint_bracket_nd import bracket_nd
from exact.relu.joint_isolated import IsolatedContact, solve_isolated
from exact.relu.joint_isolated_nd import ContactND, solve_isolated_nd
from exact.relu.joint_norm import Contact, JointExact
from exact.relu.networks import Network, Neuron
from exact.relu.optimal_measures import (
    OptimalMeasures,
    Piece,
    Vertex,
    isolated_measures,
    isolated_nd_measures,
    optimal_measures,
)

from ...audit import show
from ...context import Context
from ...conventions import DDB_20
from ...numeric.joint1d import Joint1D, solve_joint
from ...registry import case_binding
from ...report.figures import EXTREME, OPTIMAL, REFERENCE, frequencies_figure, function_1d, functions_figure
from ...requirements import Parameter
from ...result import ERROR, MEASURED, UNDECIDED, Draft, Labelled
from .._shared import certify, certify_joint, fl, named_cases


def support_cases() -> list[Case]:
    """The shipped cases of this claim and Theorem 4.7 (ddb-1d-*, ddb-2d-*)."""
    return named_cases("ddb-1d-") + named_cases("ddb-2d-")


@dataclass(frozen=True)
class Support:
    """The certified optimum of (20) and its optimal set: the measures, the exact solution and the witness pairs
    (two certified optimal networks charging different points of a closed cell), one per split cell."""

    exact: JointExact | None  # None: isolated (irrational contacts), see ``value``
    measures: OptimalMeasures
    witnesses: tuple[tuple[Piece, Vertex, Vertex], ...]
    value: str  # the certified optimum for a note: exact, or its isolating interval


def _neurons(m: OptimalMeasures, v: Vertex) -> tuple[Neuron, ...]:
    return tuple(Neuron((c.w,), c.b, w) for c, w in zip(m.contacts, v.weights, strict=True) if w)


def atom(c: Contact | IsolatedContact | ContactND) -> str:
    """A contact as a neuron (w x + b)_+ for a note."""
    if isinstance(c, (IsolatedContact, ContactND)):
        return c.text()
    return f"({c.w} x {'-' if c.b < 0 else '+'} {abs(c.b)})_+"


def point(c: Contact | IsolatedContact | ContactND) -> str:
    """A contact as a direction (w, b) for a note (an irrational one as its neuron)."""
    return c.text() if isinstance(c, (IsolatedContact, ContactND)) else f"({c.w}, {c.b})"


def where(m: OptimalMeasures, cell: Piece) -> str:
    """A closed cell for a note: the data points active on its open arc."""
    return "{" + ", ".join(f"x_{i + 1}" for i, s in enumerate(cell.sign) if s > 0) + "} active"


def describe(m: OptimalMeasures, v: Vertex) -> str:
    """An optimal network for a note: c (w x + b)_+ per charged contact."""
    weight = (lambda c: f"({c})") if m.enumerated and all(isinstance(a, Contact) for a in m.contacts) \
        else (lambda c: f"(~{fl(c)})")
    return " + ".join(f"{weight(c)} {atom(m.contacts[j])}" for j, c in enumerate(v.weights) if c)


def _drawn(m: OptimalMeasures, v: Vertex) -> tuple[Network, bool]:
    """The 1-D network of a vertex for a figure, and whether it is exact: a point of an open arc (an irrational
    direction of an isolated optimum) is drawn at its float unit direction."""
    neurons, exact = [], True
    for c, w in zip(m.contacts, v.weights, strict=True):
        if not w:
            continue
        if isinstance(c, ContactND):
            raise TypeError("a 1-D figure draws 1-D contacts only")
        if isinstance(c, IsolatedContact) and c.cell is not None:  # on an open arc: irrational
            u, b, exact = Fraction(c.direction[0]), Fraction(c.direction[1]), False
        else:
            u, b = c.w, c.b
        neurons.append(Neuron((u,), b, w))
    return Network(tuple(neurons)), exact


def optimal_functions(m: OptimalMeasures, isolated: bool, what: str) -> list[dict]:
    """The distinct optimal functions of the certified optimal set ``m`` of ``what`` for a functions-1d figure: the
    vertices (extreme optima) when they have several functions, else the one function (or the one known minimiser).

    An isolated optimum is drawn by its first vertex, weights at the centres of the certified box: it is unique, or
    even, and then its vertices share one function (moving weight between a and -a changes f by an affine term, and
    condition 5 of kind relu1d-joint-isolated fixes their sum), which box centres and float directions would only
    blur. A neuron at a point of an open arc (an irrational kink) is drawn at its float direction."""
    distinct: list[tuple[Network, bool]] = []
    for v in m.vertices[:1] if isolated else m.vertices:
        net, exact = _drawn(m, v)
        if not any(net.same_function(d) for d, _ in distinct):  # distinct networks may share their function on R
            distinct.append((net, exact))
    several, shared = len(distinct) > 1, f" (shared by its {len(m.vertices)} vertices)" if len(m.vertices) > 1 else ""
    out = []
    for k, (net, exact) in enumerate(distinct):
        label = (f"{what}, vertex {k + 1} of the optimal set" if several else
                 f"{what}, the optimal function{shared}" if m.enumerated else f"{what}, a certified minimiser")
        label += "" if not isolated else " (box centre)" if exact else " (box centre; irrational kink in float)"
        # a float direction makes the drawn network an approximation: a reference, not the certified optimum itself
        out.append(function_1d(label, net, (EXTREME if several else OPTIMAL) if exact else REFERENCE))
    return out


def certified_support(case: Case, ctx: Context, res: Draft) -> Support | None:
    """Solve (20) exactly, certify it, enumerate the optimal set and certify a witness pair per split cell; None
    (the reason in the notes, verdict UNDECIDED; ERROR when a certificate is rejected) when not decided."""
    if case.x is None:  # d-dimensional data X
        return isolated_nd_support(case, ctx, res)
    solved = solve_joint(case.x, case.y, Fraction(0))
    joint, sol = certify_joint(solved, ctx, res), solved.exact
    if not joint.ok:
        return None
    if sol.status != "optimal" or sol.reason:  # sol.reason: irrational contacts, so C is not all rational
        return isolated_support(case, ctx, res, solved, sol.reason or "the exact optimum is not in surds")
    try:
        m = optimal_measures(sol.x, sol.y, sol.alpha, sol.contacts)
    except ValueError as err:  # more contacts than the support enumeration takes
        res.notes.append(f"optimal set not enumerated: {err}")
        res.verdict = UNDECIDED
        return None
    res.notes.append(f"contact set C ({len(m.contacts)} directions, "
                     + ("listed and checked complete by the certificate" if sol.uniqueness == "rank"
                        else "complete by the producer's exact sup computation") + "): "
                     + ", ".join(f"({c.w}, {c.b}) sign {c.sign:+d}" for c in m.contacts)
                     + f"; the optimal set has {len(m.vertices)} vertices: "
                     + "; ".join(describe(m, v) for v in m.vertices))
    witnesses = []
    for k, cell in enumerate(m.split_cells()):
        pair = m.witnesses(cell)
        for s, v in enumerate(dict.fromkeys(pair)):  # one certificate when one network charges both
            cert = certify(joint_exact_certificate(replace(sol, neurons=_neurons(m, v)), res.claim, case.name),
                           res, ctx, f"__cell{k}_witness{s}", f"optimal network {s + 1} of closed cell {k + 1}")
            if not cert.ok:
                return None
        witnesses.append((cell, *pair))
    return Support(sol, m, tuple(witnesses), str(sol.value))


def _checked(doc: dict, expected: dict[str, list], res: Draft, ctx: Context, suffix: str) -> bool:
    """Certify an isolated optimum; the checker's relation must list the ``expected`` contacts (else ERROR)."""
    cert = certify(doc, res, ctx, suffix, "the optimum isolated in a Krawczyk box, its contact set and the points "
                   "a minimiser charges")
    if cert.ok and any(cert.qualifier(k) != v for k, v in expected.items()):
        res.notes.append("the checker's contact set differs from the producer's")
        res.verdict = ERROR
        return False
    return cert.ok


def _isolated(m: OptimalMeasures, lo: Fraction, hi: Fraction) -> Support:
    """The support of an isolated optimum: its certified minimiser is the witness of every split cell."""
    return Support(None, m, tuple((k, m.vertices[0], m.vertices[0]) for k in m.split_cells()),
                   f"in [{fl(lo)}, {fl(hi)}] (isolated, width {float(hi - lo):.1e})")


def isolated_support(case: Case, ctx: Context, res: Draft, solved: Joint1D, why: str) -> Support | None:
    """The support from the isolated optimum (:mod:`exact.relu.joint_isolated`, kind relu1d-joint-isolated) when the
    surd route declines (``why``): the contact set and the charged points are the checker's; None (UNDECIDED, or
    ERROR when the certificate is rejected) when it cannot be isolated or U stays open in some closed cell."""
    iso = solve_isolated(solved.x, solved.y, solved.alpha, [float(t) for t in solved.joint.v])
    if iso.status != "optimal":
        res.notes.append(f"optimal set not enumerated: surds: {why}; isolation: {iso.reason}")
        res.verdict = UNDECIDED
        return None
    if not _checked(isolated_certificate(iso, res.claim, case.name), {"support": [a.doc() for a in iso.support],
                    "charged": [a.doc() for a in iso.charged]}, res, ctx, "__joint_isolated"):
        return None
    m, lo, hi = isolated_measures(iso), iso.lower or Fraction(0), iso.upper or Fraction(0)
    res.notes.append(f"the optimum is not in a field of square roots ({why}); isolated instead (kind relu1d-joint-"
                     f"isolated): {float(lo):.15g} <= value <= {float(hi):.15g} (the box's exact rational end "
                     f"points, width {float(hi - lo):.1e}); contact set C "
                     f"({len(m.contacts)} points, complete: the dual is < 1 elsewhere on the circle): "
                     + ", ".join(f"{point(a)} sign {a.sign:+d}" for a in m.contacts)
                     + ("; the dual is even (orthogonal to x and 1), so weight moves between antipodes at no cost and "
                        "the minimisers form a polytope; a certified one charges "
                        + ("every contact" if len(iso.charged) == len(iso.support) else f"{len(iso.charged)} of them")
                        + (f"; the polytope has {len(m.vertices)} vertices (interval arithmetic over the certified box)"
                           if m.enumerated else "; its vertices are not decided (a degenerate one)")
                        if iso.even else "; the minimiser is unique: " + describe(m, m.vertices[0])))
    if m.open_cells():
        res.notes.append(f"not decided: {len(m.open_cells())} closed cells hold two contacts of which the certified "
                         "minimiser charges at most one")
        res.verdict = UNDECIDED
        return None
    return _isolated(m, lo, hi)


def isolated_nd_support(case: Case, ctx: Context, res: Draft) -> Support | None:
    """The support on d-dimensional data: the optimum of (20) isolated (:mod:`exact.relu.joint_isolated_nd`, kind
    relu-joint-isolated, unique minimiser on the exact contact set); None (UNDECIDED, ERROR if rejected) otherwise."""
    iso = solve_isolated_nd(case.X or (), case.y)
    if iso.status != "optimal":
        b = bracket_nd(case.X or (), case.y)
        cert = certify(bracket_nd_certificate(b, res.claim, case.name), res, ctx, "__bracket",
                       "a certified bracket of (20): a rational dual with a Moreau bound per region, an exact fit")
        res.notes.append(f"not isolated ({iso.reason}); the value is bracketed instead (kind relu-joint-bracket): "
                         + (f"{fl(cert.lower)} <= (20) <= {fl(cert.upper)}" if cert.ok else "certificate rejected")
                         + "; a bracket does not decide which points the minimisers charge")
        res.verdict = UNDECIDED if cert.ok else ERROR
        return None
    if not _checked(isolated_nd_certificate(iso, res.claim, case.name), {"support": [a.doc() for a in iso.contacts]},
                    res, ctx, "__isolated"):
        return None
    m, lo, hi = isolated_nd_measures(iso), iso.lower or Fraction(0), iso.upper or Fraction(0)
    res.notes.append(f"(20) on {len(iso.X)} points in R^{len(iso.X[0])}: {float(lo):.15g} <= value <= "
                     f"{float(hi):.15g} (kind relu-joint-isolated, width {float(hi - lo):.1e}); contact set C "
                     f"({len(m.contacts)} points, complete: every region's bound is < 1 elsewhere): "
                     + ", ".join(f"{point(a)} sign {a.sign:+d}" for a in m.contacts)
                     + "; the minimiser is unique: " + describe(m, m.vertices[0]))
    return _isolated(m, lo, hi)


def data_text(case: Case) -> str:
    """x = ..., y = ... (or X = ...) for a finding."""
    return (f"x = {show(case.x)}" if case.x is not None else f"X = {show(case.X)}") + f", y = {show(case.y)}"


def finding_text(case: Case, sup: Support) -> str:
    """The exact counterexample for a finding: the split cells and their certified optimal networks."""
    m = sup.measures
    parts = [f"{data_text(case)}: the optimum of (20) is {sup.value}"]
    for cell, p, q in sup.witnesses:
        pts = ", ".join(f"{point(m.contacts[j])} with c of sign {m.contacts[j].sign:+d}" for j in cell.charged)
        pair = (f"the optimal network {describe(m, p)}" if p == q else
                f"the optimal networks {describe(m, p)} and {describe(m, q)}, whose midpoint is optimal too,")
        parts.append(f"in the closed cell with {where(m, cell)}, {pair} charge{'s' if p == q else ''} "
                     f"the distinct directions {pts}")
    kind = "relu1d-joint-exact" if sup.exact is not None else "relu1d-joint-isolated" if case.x is not None \
        else "relu-joint-isolated"
    return "; ".join(parts) + f" (certified, kind {kind}; the cell membership is exact sign arithmetic)"


def readings(m: OptimalMeasures) -> str:
    """The weaker readings for a note (module doc)."""
    return (f"max points charged per closed cell and sign of c: {m.max_per_cell(signed=True)}; per relatively "
            f"open face (open arc or ray): {max((len(f.charged) for f in m.faces), default=0)}")


FAMILY = Parameter("draws", "random instances of the seeded families a data-free case measures", Fraction(0),
                   "relu-certify", "4x under --thorough, which also takes n <= 4 integer and k <= 2 symmetric designs")
SEED = Parameter("seed", "the seed of the first random instance (cases.random_1d_case, n = 2 + k mod 5)",
                 Fraction(0), "relu-certify")


def _design(name: str, x: tuple[Fraction, ...], y: tuple[Fraction, ...]) -> Case:
    return Case(name, "generated, verify.claims.ddb._support.family", None, x, None, y)


def integer_designs(nmax: int) -> list[Case]:
    """x = 0, 1, ..., n - 1 (n = 2..nmax) with every label vector in {-1, 0, 1}^n but 0."""
    return [_design(f"integer-{n}-" + "".join("-0+"[int(v) + 1] for v in y), tuple(map(Fraction, range(n))),
                    tuple(map(Fraction, y)))
            for n in range(2, nmax + 1) for y in itertools.product((-1, 0, 1), repeat=n) if any(y)]


def symmetric_designs(kmax: int) -> list[Case]:
    """x = -k, ..., k (k = 1..kmax) with even and odd label vectors over {-1, 0, 1}, the zero vector excluded."""
    out = set()
    for k in range(1, kmax + 1):
        for h in itertools.product((-1, 0, 1), repeat=k + 1):
            even = h[:0:-1] + h
            odd = tuple(-t for t in h[:0:-1]) + (0,) + h[1:]
            out |= {(k, even), (k, odd)}
    return [_design(f"symmetric-{k}-" + "".join("-0+"[v + 1] for v in y), tuple(map(Fraction, range(-k, k + 1))),
                    tuple(map(Fraction, y))) for k, y in sorted(out) if any(y)]


def family(seed: int, draws: int, thorough: bool) -> dict[str, list[Case]]:
    """The generated families: ``draws`` random rational instances (seeds seed, seed + 1, ...; n = 2..6), the
    integer designs with n <= 3 (n <= 4 when ``thorough``), the symmetric designs with k <= 1 (k <= 2) and
    ``draws`` random 2-D instances (:func:`cases.random_2d_case`, n = 3..7)."""
    return {"random": [random_1d_case(seed + k, n=2 + (seed + k) % 5) for k in range(draws)],
            "integer": integer_designs(4 if thorough else 3), "symmetric": symmetric_designs(2 if thorough else 1),
            "random-2d": [random_2d_case(seed + k) for k in range(draws)]}


OUTCOMES = ("holds", "fails", "undecided", "error")


def measure_family(case: Case, ctx: Context, res: Draft) -> Draft:
    """MEASURED: per family, how many instances hold the per-cell bound (every closed cell holds at most one point
    charged by minimisers), fail it (two certified optimal networks, recorded in ``res``) or stay undecided; an
    instance whose certificate is rejected counts as an error (verdict ERROR). Each instance is certified under its own
    name."""
    seed, draws = int(SEED.of(case)), int(FAMILY.of(case)) * (4 if ctx.thorough else 1)
    counts: dict[str, dict[str, int]] = {}
    failures: list[dict[str, str | list[str]]] = []
    names: list[str] = []
    for kind, instances in family(seed, draws, ctx.thorough).items():
        tally = dict.fromkeys(OUTCOMES, 0)
        for drawn in instances:
            inst = replace(drawn, name=f"{case.name}__{drawn.name}")
            sub = Draft(res.claim, inst.name, ERROR, res.method, res.convention)
            sup = certified_support(inst, Context(ctx.out_dir, ctx.thorough, case_binding(inst)), sub)
            outcome = ("error" if any(not c.ok for c in sub.checked) else "undecided" if sup is None
                       else "fails" if sup.witnesses else "holds")
            tally[outcome] += 1
            if outcome in ("fails", "error"):
                for cert in sub.checked:
                    res.add(cert, inst.name)
                names.append(drawn.name)
                failures.append({"instance": inst.name, "outcome": outcome, "x": [str(v) for v in inst.x or ()],
                                 "y": [str(v) for v in inst.y], "certificates": list(sub.certificates)})
        counts[kind] = tally
    res.verdict = ERROR if any(t["error"] for t in counts.values()) else MEASURED
    res.value = Labelled(tuple((f"{k}: {o}", Fraction(t[o])) for k, t in counts.items() for o in OUTCOMES[:3]))
    res.data = {"seed": seed, "draws": draws, "counts": counts, "counterexamples": failures}
    res.figure(frequencies_figure([(k, t["fails"], t["holds"] + t["fails"], Fraction(0)) for k, t in counts.items()],
                                  f"{res.claim}: how often a minimiser charges two points of one closed cell "
                                  "(decided instances)", "the per-cell bound failing", "the paper: never"))
    res.notes.append(f"families (seed {seed}; the per-cell bound decided exactly, as on a shipped case): "
                     + "; ".join(f"{k}: {t['holds']} hold, {t['fails']} fail (two certified optimal networks each), "
                                 f"{t['undecided']} undecided" + (f", {t['error']} rejected" if t["error"] else "")
                                 for k, t in counts.items()))
    res.notes.append("counterexamples: " + (", ".join(names) or "none"))
    return res


def begin(claim_id: str, case: Case, ctx: Context) -> tuple[Draft, Support | None]:
    """The draft of a support claim (ddb (20), exact in 1-D) and the certified support of its case; a data-free case
    is measured over the seeded families instead (:func:`measure_family`), with no support."""
    res = Draft(claim_id, case.name, ERROR, "exact", DDB_20)
    if case.x is None and case.X is None:
        return measure_family(case, ctx, res), None
    sup = certified_support(case, ctx, res)
    if sup is not None and case.x is not None:  # 1-D: the data and the certified optimal networks of (20)
        res.figure(functions_figure(case.x, case.y, optimal_functions(sup.measures, sup.exact is None, "(20)"),
                                    "ddb (20): the minimum-TV interpolants (the optimal set's distinct functions)"))
    return res, sup

