"""The 1-D support computation ddb.thm-4.2 / cor-4.6 and ddb.thm-4.7 share: (20) solved and certified exactly,
its optimal set enumerated on the contact set (:mod:`exact.relu.optimal_measures`), and a certified pair of optimal
networks for every closed cell holding two charged points (the modules :mod:`.thm_4_2`, :mod:`.thm_4_7` say why).

>>> [c.name for c in support_cases()][:2]
['ddb-1d-abs', 'ddb-1d-alternating']
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from cases import Case
from exact.certificates.relu1d_joint_exact import joint_exact_certificate
from exact.relu.joint_norm import JointExact
from exact.relu.networks import Neuron
from exact.relu.optimal_measures import OptimalMeasures, Piece, Vertex, optimal_measures

from ...audit import show
from ...context import Context
from ...numeric.joint1d import solve_joint
from ...result import UNDECIDED, Draft
from .._shared import certify, certify_joint, named_cases


def support_cases() -> list[Case]:
    """The shipped 1-D cases of this claim and Theorem 4.7 (ddb-1d-*)."""
    return named_cases("ddb-1d-")


@dataclass(frozen=True)
class Support:
    """The certified optimum of (20) and its optimal set: the measures, the exact solution and the witness pairs
    (two certified optimal networks charging different points of a closed cell), one per split cell."""

    exact: JointExact
    measures: OptimalMeasures
    witnesses: tuple[tuple[Piece, Vertex, Vertex], ...]


def _neurons(m: OptimalMeasures, v: Vertex) -> tuple[Neuron, ...]:
    return tuple(Neuron((c.w,), c.b, w) for c, w in zip(m.contacts, v.weights, strict=True) if w)


def where(m: OptimalMeasures, cell: Piece) -> str:
    """A closed cell for a note: the data points active on its open arc."""
    return "{" + ", ".join(f"x_{i + 1}" for i, s in enumerate(cell.sign) if s > 0) + "} active"


def describe(m: OptimalMeasures, v: Vertex) -> str:
    """An optimal network for a note: c (w x + b)_+ per charged contact."""
    return " + ".join(f"({c}) ({m.contacts[j].w} x {'-' if m.contacts[j].b < 0 else '+'} {abs(m.contacts[j].b)})_+"
                      for j, c in enumerate(v.weights) if c)


def certified_support(case: Case, ctx: Context, res: Draft) -> Support | None:
    """Solve (20) exactly, certify it, enumerate the optimal set and certify a witness pair per split cell; None
    (the reason in the notes, verdict UNDECIDED; ERROR when a certificate is rejected) when not decided."""
    solved = solve_joint(case.x or (), case.y, Fraction(0))  # Needs(Data.ONE_D): x is given
    joint, sol = certify_joint(solved, ctx, res), solved.exact
    if not joint.ok:
        return None
    if sol.status != "optimal" or sol.reason:  # sol.reason: irrational contacts, so C is not all rational
        res.notes.append(f"optimal set not enumerated: {sol.reason or 'the exact optimum is not decided'}")
        res.verdict = UNDECIDED
        return None
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
    return Support(sol, m, tuple(witnesses))


def finding_text(case: Case, sup: Support) -> str:
    """The exact counterexample for a finding: the split cells and their certified optimal networks."""
    m = sup.measures
    parts = [f"x = {show(case.x)}, y = {show(case.y)}: the optimum of (20) is {sup.exact.value}"]
    for cell, p, q in sup.witnesses:
        pts = ", ".join(f"({m.contacts[j].w}, {m.contacts[j].b}) with c of sign {m.contacts[j].sign:+d}"
                        for j in cell.charged)
        pair = (f"the optimal network {describe(m, p)}" if p == q else
                f"the optimal networks {describe(m, p)} and {describe(m, q)}, whose midpoint is optimal too,")
        parts.append(f"in the closed cell with {where(m, cell)}, {pair} charge{'s' if p == q else ''} "
                     f"the distinct directions {pts}")
    return "; ".join(parts) + " (certified, kind relu1d-joint-exact; the cell membership is exact sign arithmetic)"


def readings(m: OptimalMeasures) -> str:
    """The weaker readings for a note (module doc)."""
    return (f"max points charged per closed cell and sign of c: {m.max_per_cell(signed=True)}; per relatively "
            f"open face (open arc or ray): {max((len(f.charged) for f in m.faces), default=0)}")
