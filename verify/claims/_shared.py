"""Helpers shared by the claims of several papers (cases, report data, joint-norm certification)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from cases import Case, random_1d_cases, shipped_cases
from exact.checker.arith import Surd
from exact.relu.interpolation import Interpolation1D
from exact.relu.networks import Network

from ..context import Certified, Context
from ..numeric.bracket import Bracket
from ..numeric.joint1d import Joint1D
from ..report.figures import function_1d, functions_figure
from ..result import UNDECIDED, Draft

GENERATED = 20


def certify(doc: dict, res: Draft, ctx: Context, suffix: str = "", what: str = "", *,
            folder: str = "certificates", about: Mapping[str, Any] | None = None) -> Certified:
    """Write ``doc``, re-check it with the independent checker, bind it to the case and record it in ``res``."""
    return res.add(ctx.certify(doc, res.claim, res.case, suffix, folder, about=about), what)


def refused_for_size(cert: Certified, res: Draft) -> None:
    """A certificate the checker refused for its size only (every problem a "limit:") leaves the check UNDECIDED:
    the evidence was not judged, so it is no ERROR. Always None, for ``return cert if cert.ok else ...``."""
    if cert.problems and all(p.startswith("limit:") for p in cert.problems):
        res.notes.append("not decided: the checker refuses the certificate for its size (" + "; ".join(cert.problems)
                         + ")")
        res.verdict = UNDECIDED
    return None


def named_cases(prefix: str) -> list[Case]:
    """The shipped cases whose name starts with ``prefix``."""
    return [c for c in shipped_cases() if c.name.startswith(prefix)]


def fl(v) -> str:
    """A number for a note: 10 significant digits."""
    return f"{float(v):.10g}"


def one_d_cases() -> list[Case]:
    """Every shipped 1-D case and GENERATED seeded random ones."""
    return [c for c in shipped_cases() if c.is_1d] + random_1d_cases(GENERATED)


def data_of(sol: Interpolation1D) -> dict:
    weights, constant = sol.attained_by or (sol.weights, sol.constant)
    return {
        "x": [str(v) for v in sol.x],
        "y": [str(v) for v in sol.y],
        "network": [{"u": a.u, "knot": str(a.knot), "weight": str(w)}
                    for a, w in zip(sol.atoms, weights) if w],
        "constant": str(constant),
        "dual": [str(v) for v in sol.dual],
    }


def interpolant_figure(sol: Interpolation1D, title: str) -> dict[str, Any]:
    """The data and the certified optimal network of ``sol`` (a finite one when the optimum is attained; else
    the LP optimum, whose constant is only a limit of vanishing cost)."""
    weights, constant = sol.attained_by or (sol.weights, sol.constant)
    label = "optimal network" if sol.attained_by else "optimal function (its constant only a limit)"
    return functions_figure(sol.x, sol.y, [function_1d(label, Network.from_atoms(sol.atoms, weights, constant,
                                                                                 sol.alpha))], title)


@dataclass(frozen=True)
class JointCertified:
    """The checked joint-norm evidence: the certified bracket and, when decided, the certified optimum."""

    bracket: Bracket | None
    exact: Fraction | Surd | None
    ok: bool
    unique: bool = False  # the certified optimal function is unique (relu1d-joint-exact's qualifier)
    certificates: tuple[str, ...] = ()


def certify_joint(joint: Joint1D, ctx: Context, res: Draft) -> JointCertified:
    """Check the joint-norm certificates of ``joint`` (the bracket, and the exact optimum when decided); the
    certified optimum must lie inside the certified bracket. The values are the checker's."""
    certs = [res.add(ctx.certify(doc, res.claim, res.case, suffix)) for doc, suffix in joint.documents(res.claim,
                                                                                                        res.case)]
    box, exact = certs[0], (certs[1] if len(certs) > 1 else None)
    bracket = Bracket(box.lower, box.upper) if isinstance(box.lower, Fraction) and isinstance(box.upper, Fraction) \
        else None
    ok = all(c.ok for c in certs) and bracket is not None
    value = exact.value if exact is not None else None
    if value is not None and bracket is not None:
        inside = bracket.lower <= value <= bracket.upper
        ok &= inside
        res.notes.append(f"(2)+(8) exact optimum {value} = {float(value):.12g} (kind relu1d-joint-exact: primal "
                         f"network and dual v over the field of its surds); inside the certified bracket "
                         f"{bracket.text(12)}: {inside}")
    elif bracket is not None:
        res.notes.append(f"(2)+(8) exact optimum not decided ({joint.exact.reason}); certified bracket "
                         f"{bracket.text(12)}")
    unique = exact is not None and exact.qualifier("unique") is True
    return JointCertified(bracket, value, ok, unique, tuple(c.path for c in certs))
