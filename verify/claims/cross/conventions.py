"""Cross-paper: the same 1-D data under the five papers' conventions, side by side.

The min-norm interpolation problem each paper poses for 1-D data (x_i, y_i), ReLU:

* ep (4) (ep (1)-(4), Lemma 2.1): inf ||w||_1 s.t. sum_j w_j (u_j x_i + b_j)_+ = y_i, |u_j| <= 1,
  b_j free, no output bias. P := its value (:func:`exact.relu.interpolation.interpolate_1d`).
* kh (2)+(3): inf ||mu||_TV over W = {|w| <= 1, b free}, no output bias: the same problem as ep (4).
  kh's own finite program (7) (sign patterns, corrected sign, :mod:`exact.relu.pattern_program`) is solved independently.
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
from exact.certificates.lp import lp_certificate
from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.checker.arith import Surd
from exact.lp import solve_lp
from exact.lp.face import optimal_face
from exact.relu.interpolation import Interpolation1D, interpolate_1d
from exact.relu.networks import Network, rescaled_cost
from exact.relu.pattern_program import pattern_program, solve_1d

from ...context import Context
from ...conventions import DDB_6, DDB_WD, EP_3, EP_4, EP_37, KH_3, KH_8, PE_6, SES_25, PaperConvention
from ...numeric import Bracket
from ...numeric.joint1d import solve_joint
from ...registry import claim
from ...result import ERROR, PROVED, REFUTED, Draft
from .._shared import certify_joint
from ..ep.programs import original_lp_37

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
    joint_exact: Surd | None  # J exactly, when decided (exact.relu.joint_norm)
    joint_from_ep: Surd  # sum |w_j| sqrt(1 + t_j^2) + |c| over the ep (4) optimum


@dataclass(frozen=True)
class Relation:
    name: str
    holds: bool
    evidence: str


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
                 v.kh7 == P, f"kh (7) = {v.kh7}, P = {P}"),
        Relation("ses (25) = ep (4) in value (a constant costs nothing in the limit b -> oo)",
                 v.ses25 == P, f"ses (25) = {v.ses25}, P = {P}"),
        Relation("ses (25) is attained (the output bias pays for the constant)", v.ses25_attained,
                 f"attained: {v.ses25_attained}"),
        Relation("ep (3) = 2 ep (4): the balanced rescaling of the optimum fits y with R = 2 P",
                 v.ep3_fits and v.ep3_witness == 2 * P, f"R = {v.ep3_witness}, 2 P = {2 * P}, fits: {v.ep3_fits}"),
        Relation("ep (37) >= ep (4), with equality only if P is attained",
                 v.ep37 is None or (v.ep37 >= P and (v.ep37 > P or v.ep4_attained)),
                 f"ep (37) = {'infeasible' if v.ep37 is None else v.ep37}, P = {P}, attained: {v.ep4_attained}"),
        Relation("J >= P (||(w, b)||_2 <= 1 implies |w| <= 1)", hi >= P,
                 f"J = {hi} >= P = {P}" + ("; strict" if lo > P else "") if v.joint_exact is not None else
                 f"J upper {float(hi):.12g} >= P = {P}" + (f"; strict: J lower {float(lo):.12g} > P"
                                                           if lo > P else "")),
        Relation("J <= sum_j |w_j| sqrt(1 + t_j^2) + |c| over the ep (4) optimum", lo <= cost,
                 f"J {'=' if v.joint_exact is not None else 'lower'} {float(lo):.12g} <= {cost} = {float(cost):.12g}"
                 + (" (equal: the ep optimum is J-optimal)" if lo == cost else "")),
        Relation("kh (2)+(8) = pe (6) (bias as a feature) = ddb (5)/(6) (V = |c| ||(a, b)||): one problem",
                 len(same) == 1, " | ".join(c.describe() for c in same)),
    ]


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


def _certify(ctx: Context, res: Draft, doc: dict, suffix: str, about: dict | None = None) -> tuple[str, bool]:
    path, ok, problems = ctx.certify(doc, res.claim, res.case, suffix, about=about)
    res.certificates.append(path)
    res.notes += [f"certificate rejected ({suffix}): {q}" for q in problems]
    return path, ok


def _unique(lp, result) -> str:
    return "yes" if optimal_face(lp, result).unique else "no"


def _row(conv: PaperConvention, problem: str, value: str, attained: str, unique: str, cert: str) -> dict:
    return {"convention": conv.describe(), "problem": problem, "value": value, "attained": attained,
            "unique": unique, "certificate": cert}


@claim("cross.conventions", "cross", "Cross-paper: kh (1)-(3), (8)-(9); ep (1)-(4), Lemma 2.1; pe (2), (6), "
       "Fig. 2; ddb (5)-(6); ses (1)-(5), (25)",
       "the same 1-D data under the five papers' conventions: values and optimal sets side by side, "
       "with the exact relations between them", "exact", default_cases, needs_1d=True)
def check_conventions(case: Case, ctx: Context) -> Draft:
    """The table of values (exact, or an exact-endpoint bracket for J) and the relations (module doc)."""
    x, y = list(case.x), list(case.y)
    res = Draft("cross.conventions", case.name, ERROR, "exact",
                      (EP_4, SES_25, KH_8))
    ep = interpolate_1d(x, y)
    ses = interpolate_1d(x, y, output_bias=True)
    kh7 = solve_1d(pattern_program(x, y, name="kh (7) corrected"))
    ep4_path, ok = _certify(ctx, res, interpolation_certificate(ep, res.claim, case.name), "__ep4")
    ses_path, good = _certify(ctx, res, interpolation_certificate(ses, res.claim, case.name), "__ses25")
    ok &= good
    kh7_path, good = _certify(ctx, res, lp_certificate(kh7.lp, kh7.result, res.claim, case.name,
                                                       "kh (7) corrected, 1-D LP over the affine sign patterns"),
                              "__kh7", {"problem": kh7.lp})
    ok &= good
    ep37_path = ""
    if ep.value_without_constant is not None:
        lp37 = original_lp_37(x, y)
        ep37_path, good = _certify(ctx, res, lp_certificate(lp37, solve_lp(lp37), res.claim, case.name,
                                                            "ep (37): min ||w||_1 s.t. A_e w = y"), "__ep37",
                                {"problem": lp37})
        ok &= good
    joint = solve_joint(x, y, Fraction(0))
    ok &= certify_joint(joint, ctx, res)
    ex = joint.exact if joint.exact.status == "optimal" else None
    R, fits = _ep3_witness(ep)
    vals = Values(ep.value, ep.attained, kh7.value, ses.value, ses.attained, R, fits, ep.value_without_constant,
                  joint.bracket, None if ex is None else ex.value, _ep_joint_cost(ep))
    unique = _unique(ep.solution.lp, ep.solution.result)
    att = "yes" if ep.attained else "no (the constant needs a bias -> oo)"
    br = joint.bracket
    J = str(ex.value) if ex else br.text(12)
    J2 = str(2 * ex.value) if ex else Bracket(2 * br.lower, 2 * br.upper).text(12)
    joint_cert = res.certificates[-1]
    joint_att = "yes (W compact: the atom set is compact)"
    joint_uniq = ("unknown (float bracket)" if ex is None or ex.unique is None else
                  "the optimal function: " + ("yes" if ex.unique else "no") + " (exact)")
    res.data = {"x": [str(t) for t in x], "y": [str(t) for t in y], "table": [
        _row(EP_4, "inf ||w||_1, |u_j| <= 1, b free, no output bias", str(ep.value), att, unique, ep4_path),
        _row(KH_3, "kh (2)+(3) = ep (4); its finite program (7) corrected", f"{ep.value} ((7): {kh7.value})",
             att + "; (7) is a finite LP (w = 0 terms give constants at cost 0)",
             f"{unique} ((7): {_unique(kh7.lp, kh7.result)})", kh7_path),
        _row(EP_3, "inf ||w||^2 + ||U||^2 (no 1/2)", str(2 * ep.value), att, unique + " (balanced rescaling)",
             ep4_path),
        _row(EP_37, "min ||w||_1 over the data-knot atoms, no constant column",
             "infeasible" if ep.without_constant is None else str(ep.value_without_constant),
             "yes (finite LP)" if ep.without_constant is not None else "-",
             _unique(ep.without_constant.lp, ep.without_constant.result) if ep.without_constant else "-", ep37_path),
        _row(SES_25, "inf 1/2(||w2||^2 + ||W1||^2) with output bias = inf ||w2||_1, |w1_i| = 1", str(ses.value),
             "yes" if ses.attained else "no", _unique(ses.solution.lp, ses.solution.result), ses_path),
        _row(KH_8, "inf ||mu||_TV, w^2 + b^2 <= 1, no output bias (kh (9) corrected)", J, joint_att, joint_uniq,
             joint_cert),
        _row(PE_6, "pe (6) with X = [x, 1]: the kh (2)+(8) problem", J, joint_att, joint_uniq, joint_cert),
        _row(DDB_6, "ddb (5)/(6), V = |c| ||(a, b)||: the kh (2)+(8) problem", J, joint_att, joint_uniq, joint_cert),
        _row(DDB_WD, "ddb (6), V = c^2 + a^2 + b^2: 2 J", J2, joint_att, joint_uniq, joint_cert),
    ]}
    rels = relations(vals)
    res.data["relations"] = [{"relation": r.name, "holds": r.holds, "evidence": r.evidence} for r in rels]
    res.value = str(ep.value)
    res.notes.append(f"P = ep (4) = kh (2)+(3) = ses (25) = {ep.value} (attained under ep/kh: {ep.attained}); "
                     f"ep (3) = {2 * ep.value}; J = kh (9) = pe (6) = ddb (5) {J}; ddb weight decay = 2 J {J2}")
    res.notes += [("" if r.holds else "FINDING: relation violated: ") + f"{r.name}: {r.evidence}" for r in rels]
    res.verdict = ERROR if not ok else (PROVED if all(r.holds for r in rels) else REFUTED)
    return res
