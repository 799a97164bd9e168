"""Cross-paper: the same 1-D data under the five papers' conventions, side by side.

The min-norm interpolation problem each paper poses for 1-D data (x_i, y_i), ReLU:

* ep (4) (ep (1)-(4), Lemma 2.1): inf ||w||_1 s.t. sum_j w_j (u_j x_i + b_j)_+ = y_i, |u_j| <= 1,
  b_j free, no output bias. P := its value (:func:`exact.relu.interpolation.interpolate_1d`).
* kh (2)+(3): inf ||mu||_TV over W = {|w| <= 1, b free}, no output bias: the same problem as ep (4).
  kh's own finite program (7) (sign patterns, corrected sign, :mod:`exact.relu.pattern_program`) is solved
  independently.
* ep (3): inf R = w^2 + U^2 (no 1/2, biases unpenalised) = 2 P (balanced rescaling + AM-GM).
* ep (37): ep's finite program without a constant column: >= P.
* ses (25) (ses (1)-(5)): inf C = 1/2(||w2||^2 + ||W1||^2) with a free output bias = inf ||w2||_1
  with |w1_i| = 1 (Lemma 1): the same LP as ep (4), but the constant is a parameter, so it is attained.
* joint norm J: kh (2)+(8) = kh (9): inf ||mu||_TV over W = {w^2 + b^2 <= 1}, no output bias.
  pe (6) for 1-D data with the bias appended as a feature (pe Figure 2: d = 2) is this problem
  (pe (2)'s weight decay beta/2(||u||^2 + alpha^2) gives (6) with factor 1 as beta -> 0), and so is
  ddb (5)/(6) with V = |c| ||(a, b)|| (ddb (1): no output bias); ddb's weight decay V = ||theta||^2
  (no 1/2) gives 2 J. No paper here needs a joint norm with an output bias. J is irrational in
  general: exact in a field of square roots when :func:`exact.relu.joint_norm.solve_joint_exact` decides it
  (kind relu1d-joint-exact, with the uniqueness of the optimal function), and always an
  exact-endpoint bracket from kh's float (9) (:func:`verify.numeric.joint1d.solve_joint`, kind
  relu1d-joint-bracket).

Relations checked exactly on every case (:func:`relations`):
  kh (7) = P; ses (25) = P and attained; ep (3) = 2 P (exact rescaled witness);
  ep (37) >= P, and = P only if P is attained; P <= J (||(w, b)|| <= 1 implies |w| <= 1: a smaller
  set of neurons); J <= sum_j |w_j| sqrt(1 + t_j^2) + |c| for the ep optimum (w, c) (atoms
  (u(x - t))_+ = sqrt(1 + t^2) (disk neuron)_+, constant c = c (0 x + 1)_+).

"Unique" is the uniqueness of the optimum of the convention's exact finite program (the
dictionary LP's weights and constant; :func:`exact.lp.face.optimal_face`); "attained" whether a
finite network reaches the infimum.

>>> sorted(c.name for c in default_cases())
['abs-plus-one', 'constant-labels', 'ep-prop-3.1-eq', 'kh-example-1']
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from cases import Case, shipped_case
from exact.certificates.pattern_program_1d import program_1d_certificate
from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.checker.arith import Surd
from exact.lp.face import optimal_face
from exact.relu.interpolation import Interpolation1D, interpolate_1d
from exact.relu.joint_norm import JointExact
from exact.relu.networks import Network, rescaled_cost
from exact.relu.pattern_program import PatternSolution, pattern_program, solve_1d

from ...context import Certified, Context
from ...conventions import DDB_6, DDB_WD, EP_3, EP_4, EP_37, KH_3, KH_8, PE_6, SES_25, PaperConvention
from ...numeric import Bracket
from ...numeric.joint1d import solve_joint
from ...registry import claim
from ...report.figures import function_1d, functions_figure
from ...result import ERROR, PROVED, REFUTED, UNDECIDED, Draft, Verdict
from .._shared import JointCertified, certify_joint
from ..ep._shared import certificate_37, value_37

CASES = ("ep-prop-3.1-eq", "kh-example-1", "constant-labels", "abs-plus-one")


def default_cases() -> list[Case]:
    return [shipped_case(n) for n in CASES]


@dataclass(frozen=True)
class Values:
    """The exact quantities the relations compare (P = ep (4), J = joint norm)."""

    ep4: Fraction
    ep4_attained: bool
    kh7: Fraction
    ses25: Fraction
    ses25_attained: bool
    ep3_witness: Fraction  # R of the balanced rescaling of the ep (4) optimum (its hidden part)
    ep3_fits: bool
    ep37: Fraction | None  # None: (37) infeasible
    joint: Bracket  # J, exact endpoints
    joint_exact: Fraction | Surd | None  # J exactly, when decided (exact.relu.joint_norm)
    joint_from_ep: Surd  # sum |w_j| sqrt(1 + t_j^2) + |c| over the ep (4) optimum


@dataclass(frozen=True)
class Relation:
    """One relation between the values: where it comes from (``place``), whether it holds, its evidence, and
    which certified values it compares (``uses``: keys of the certificates, ``ep4``, ``ses25``, ``kh7``,
    ``ep37``, ``joint``). ``certified`` is false when a side is an exact construction from the producer's
    optimum (no certificate checks it) or the convention objects: such a relation failing cannot refute."""

    name: str
    holds: bool
    evidence: str
    place: str = ""
    uses: tuple[str, ...] = ()
    certified: bool = True


def relations(v: Values, conventions: tuple[PaperConvention, ...] = (KH_8, PE_6, DDB_6)) -> list[Relation]:
    """Each derived relation between the values, decided exactly.

    >>> b = Bracket(Fraction(1), Fraction(1))
    >>> vals = Values(Fraction(0), False, Fraction(0), Fraction(0), True, Fraction(0), True, Fraction(2), b,
    ...               None, Surd.of(1))
    >>> all(r.holds for r in relations(vals))
    True
    """
    P, J, cost = v.ep4, v.joint, v.joint_from_ep
    hi, lo = (v.joint_exact, v.joint_exact) if v.joint_exact is not None else (J.upper, J.lower)
    same = {c.problem for c in conventions}
    return [
        Relation("kh (2)+(3) = ep (4): kh's finite program (7) (corrected) has the value P",
                 v.kh7 == P, f"kh (7) = {v.kh7}, P = {P}", "kh (2)+(3), (7); ep (4)", ("kh7", "ep4")),
        Relation("ses (25) = ep (4) in value (a constant costs nothing in the limit b -> oo)",
                 v.ses25 == P, f"ses (25) = {v.ses25}, P = {P}", "ses (25); ep (4)", ("ses25", "ep4")),
        Relation("ses (25) is attained (the output bias pays for the constant)", v.ses25_attained,
                 f"attained: {v.ses25_attained}", "ses (25)", ("ses25",)),
        Relation("ep (3) = 2 ep (4): the balanced rescaling of the optimum fits y with R = 2 P",
                 v.ep3_fits and v.ep3_witness == 2 * P, f"R = {v.ep3_witness}, 2 P = {2 * P}, fits: {v.ep3_fits}",
                 "ep (3), (4)", ("ep4",), certified=False),
        Relation("ep (37) >= ep (4), with equality only if P is attained",
                 v.ep37 is None or (v.ep37 >= P and (v.ep37 > P or v.ep4_attained)),
                 f"ep (37) = {'infeasible' if v.ep37 is None else v.ep37}, P = {P}, attained: {v.ep4_attained}",
                 "ep (37), (4)", ("ep37", "ep4")),
        Relation("J >= P (||(w, b)||_2 <= 1 implies |w| <= 1)", hi >= P,
                 f"J = {hi} >= P = {P}" + ("; strict" if lo > P else "") if v.joint_exact is not None else
                 f"J upper {float(hi):.12g} >= P = {P}" + (f"; strict: J lower {float(lo):.12g} > P"
                                                           if lo > P else ""), "kh (2)+(8); ep (4)", ("joint", "ep4")),
        Relation("J <= sum_j |w_j| sqrt(1 + t_j^2) + |c| over the ep (4) optimum", lo <= cost,
                 f"J {'=' if v.joint_exact is not None else 'lower'} {float(lo):.12g} <= {cost} = {float(cost):.12g}"
                 + (" (equal: the ep optimum is J-optimal)" if lo == cost else ""), "kh (2)+(8); ep (4)",
                 ("joint", "ep4"), certified=False),
        Relation("kh (2)+(8) = pe (6) (bias as a feature) = ddb (5)/(6) (V = |c| ||(a, b)||): one problem",
                 len(same) == 1, " | ".join(c.describe() for c in same), "kh (2)+(8); pe (6); ddb (5)/(6)",
                 certified=False),
    ]


def verdict(rels: list[Relation]) -> Verdict:
    """REFUTED when a certified relation fails; UNDECIDED when only uncertified ones do; else PROVED.

    >>> from dataclasses import replace
    >>> ok, bad = Relation("a", True, ""), Relation("b", False, "", certified=False)
    >>> verdict([ok]), verdict([ok, bad]), verdict([replace(bad, certified=True)])
    (<Verdict.PROVED: 'PROVED'>, <Verdict.UNDECIDED: 'UNDECIDED'>, <Verdict.REFUTED: 'REFUTED'>)
    """
    if any(not r.holds and r.certified for r in rels):
        return REFUTED
    return PROVED if all(r.holds for r in rels) else UNDECIDED


def _ep_joint_cost(sol: Interpolation1D) -> Surd:
    """sum_j |w_j| sqrt(1 + t_j^2) + |c|: the joint-norm cost of the ep optimum, exactly (module doc)."""
    cost = Surd.of(abs(sol.constant))
    for a, w in zip(sol.atoms, sol.weights):
        if w:
            cost += abs(w) * Surd.sqrt(1 + a.knot * a.knot)
    return cost


def _ep3_witness(sol: Interpolation1D) -> tuple[Fraction, bool]:
    """(R, fits) of the balanced rescaling of a finite optimum, or of the hidden part when P* needs a
    constant c (then a u = 0 neuron of bias B adds (c/B)^2 -> 0: the infimum is R, not attained)."""
    net = sol.finite_network()
    if net is not None:
        return rescaled_cost(net, sol.x, sol.y)
    hidden = Network.from_atoms(sol.atoms, sol.weights)
    return rescaled_cost(hidden, sol.x, [yi - sol.constant for yi in sol.y])


def _unique(lp, result) -> str:
    return "yes" if optimal_face(lp, result).unique else "no"


def _row(conv: PaperConvention, problem: str, value: str, attained: str, unique: str, cert: str) -> dict:
    return {"convention": conv.describe(), "problem": problem, "value": value, "attained": attained,
            "unique": unique, "certificate": cert}


@claim("cross.conventions", "cross", "Cross-paper: kh (1)-(3), (8)-(9); ep (1)-(4), Lemma 2.1; pe (2), (6), "
       "Fig. 2; ddb (5)-(6); ses (1)-(5), (25)",
       "the same 1-D data under the five papers' conventions: values and optimal sets side by side, "
       "with the exact relations between them", "exact", default_cases)
def check_conventions(case: Case, ctx: Context) -> Draft:
    """The table of values (exact, or an exact-endpoint bracket for J) and the relations (module doc).

    The values compared are the checker's: P and ses (25) with their ``attained`` qualifiers (kind
    relu1d-l1-interpolation), kh (7) (kind pattern-program-1d: equals, or infeasible), ep (37)
    (:func:`verify.claims.ep._shared.certificate_37`), J (relu1d-joint-exact when decided, else the
    relu1d-joint-bracket bracket). PROVED when every relation holds, REFUTED when one fails.
    """
    x, y = list(case.x), list(case.y)
    res = Draft("cross.conventions", case.name, ERROR, "exact", (EP_4, SES_25, KH_8))
    ep = interpolate_1d(x, y)
    ses = interpolate_1d(x, y, SES_25.problem)
    kh7 = solve_1d(pattern_program(x, y, name="kh (7) corrected"))
    doc37, about37 = certificate_37(x, y, res.claim, case.name)
    certs = {
        "ep4": ctx.certify(interpolation_certificate(ep, res.claim, case.name), res.claim, case.name, "__ep4"),
        "ses25": ctx.certify(interpolation_certificate(ses, res.claim, case.name), res.claim, case.name, "__ses25"),
        "kh7": ctx.certify(program_1d_certificate(kh7, res.claim, case.name,
                                                  "kh (7) corrected over the affine sign patterns of x"),
                           res.claim, case.name, "__kh7"),
        "ep37": ctx.certify(doc37, res.claim, case.name, "__ep37", about=about37),
    }
    for key, cert in certs.items():
        res.add(cert, key)
    joint = solve_joint(x, y, Fraction(0))
    nine = certify_joint(joint, ctx, res)
    paths = {key: (c.path,) for key, c in certs.items()} | {"joint": nine.certificates}
    if not nine.ok or any(c.kind_relation is None for c in certs.values()):
        return res
    vals = _values(certs, nine, ep)
    unique = _joint_unique(nine.unique, joint.exact)
    res.data = {"x": [str(t) for t in x], "y": [str(t) for t in y],
                "table": _table(vals, ep, ses, kh7, paths, unique)}
    drawn = [function_1d("ep (4) / kh (2)+(3) optimum", ep.network()), function_1d("ses (25) optimum", ses.network())]
    if joint.exact is not None:
        drawn.append(function_1d("J = kh (9) = pe (6) = ddb (5) optimum", joint.exact.network()))
    res.figure(functions_figure(x, y, drawn, "the same data under the papers' conventions"))
    rels = relations(vals)
    res.data["relations"] = [{"relation": r.name, "holds": r.holds, "evidence": r.evidence} for r in rels]
    res.value = vals.ep4
    J = _joint_text(vals)
    res.notes.append(f"P = ep (4) = kh (2)+(3) = ses (25) = {vals.ep4} (attained under ep/kh: {vals.ep4_attained}); "
                     f"ep (3) = {2 * vals.ep4}; J = kh (9) = pe (6) = ddb (5) {J[0]}; ddb weight decay = 2 J {J[1]}")
    for r in rels:
        res.notes.append(f"{r.name}: {r.evidence}")
        if not r.holds and r.certified:
            res.finding(r.place, r.name, f"relation violated: {r.evidence}",
                        *[p for key in r.uses for p in paths[key]])
        elif not r.holds:
            res.notes.append(f"not decided: {r.name} fails on an uncertified construction ({r.evidence})")
    res.verdict = verdict(rels)
    return res


def _values(certs: dict[str, Certified], nine: JointCertified, ep: Interpolation1D) -> Values:
    """The relations' values: the certified ones, and the two exact witnesses built from the ep (4) optimum."""
    R, fits = _ep3_witness(ep)
    ep37 = certs["ep37"]
    return Values(certs["ep4"].value, certs["ep4"].qualifier("attained") is True, certs["kh7"].value,
                  certs["ses25"].value, certs["ses25"].qualifier("attained") is True, R, fits,
                  value_37(ep37), nine.bracket, nine.exact,
                  _ep_joint_cost(ep))


def _joint_text(v: Values) -> tuple[str, str]:
    """J and 2 J as text: exact when decided, else the certified bracket."""
    if v.joint_exact is not None:
        return str(v.joint_exact), str(2 * v.joint_exact)
    br = v.joint
    return br.text(12), Bracket(2 * br.lower, 2 * br.upper).text(12)


def _joint_unique(certified: bool, exact: JointExact) -> str:
    """The uniqueness of J's optimal function: certified (qualifier ``unique``), or the solver's word."""
    if certified:
        return "the optimal function: yes (exact)"
    if exact.status != "optimal" or exact.unique is None:
        return "unknown (float bracket)"
    return "the optimal function: no (two exact optimal networks, not certified)"


def _table(v: Values, ep: Interpolation1D, ses: Interpolation1D, kh7: PatternSolution,
           paths: dict[str, tuple[str, ...]], joint_unique: str) -> list[dict]:
    """One row per convention: problem, value (certified), attained, unique (the exact LP face), certificate
    (the last of ``paths[key]``: for J the exact optimum when decided, else the bracket)."""
    cert = {key: p[-1] for key, p in paths.items()}
    unique = _unique(ep.solution.lp, ep.solution.result)
    att = "yes" if v.ep4_attained else "no (the constant needs a bias -> oo)"
    J, J2 = _joint_text(v)
    joint_cert = cert["joint"]
    joint_att = "yes (W compact: the atom set is compact)"
    ex = ep.without_constant
    return [
        _row(EP_4, "inf ||w||_1, |u_j| <= 1, b free, no output bias", str(v.ep4), att, unique, cert["ep4"]),
        _row(KH_3, "kh (2)+(3) = ep (4); its finite program (7) corrected", f"{v.ep4} ((7): {v.kh7})",
             att + "; (7) is a finite LP (w = 0 terms give constants at cost 0)",
             f"{unique} ((7): {_unique(kh7.lp, kh7.result)})", cert["kh7"]),
        _row(EP_3, "inf ||w||^2 + ||U||^2 (no 1/2)", str(2 * v.ep4), att, unique + " (balanced rescaling)",
             cert["ep4"]),
        _row(EP_37, "min ||w||_1 over the data-knot atoms, no constant column",
             "infeasible" if v.ep37 is None else str(v.ep37), "yes (finite LP)" if v.ep37 is not None else "-",
             _unique(ex.lp, ex.result) if ex is not None and v.ep37 is not None else "-", cert["ep37"]),
        _row(SES_25, "inf 1/2(||w2||^2 + ||W1||^2) with output bias = inf ||w2||_1, |w1_i| = 1", str(v.ses25),
             "yes" if v.ses25_attained else "no", _unique(ses.solution.lp, ses.solution.result), cert["ses25"]),
        _row(KH_8, "inf ||mu||_TV, w^2 + b^2 <= 1, no output bias (kh (9) corrected)", J, joint_att,
             joint_unique, joint_cert),
        _row(PE_6, "pe (6) with X = [x, 1]: the kh (2)+(8) problem", J, joint_att, joint_unique, joint_cert),
        _row(DDB_6, "ddb (5)/(6), V = |c| ||(a, b)||: the kh (2)+(8) problem", J, joint_att, joint_unique,
             joint_cert),
        _row(DDB_WD, "ddb (6), V = c^2 + a^2 + b^2: 2 J", J2, joint_att, joint_unique, joint_cert),
    ]
