"""The ground truth of a problem: its exact value (or a tight bracket), read from a certificate the independent
checker accepted and bound to the problem's data.

Producers (:mod:`exact`, :mod:`verify.numeric`) only propose; the value, the bracket and the solution are taken
from the checked certificate (``CheckReport.relation``, and the certificate's primal block, which the checker
verified), never from the producer's objects:

* interpolation: kind ``relu1d-l1-interpolation`` (:func:`verify.api.certify_1d`), relation ``equals``;
* regularised: kind ``l1-ls-kkt`` with a relu1d block (the dual checked over every (u, b)), ``equals``;
* hinge: kind ``relu1d-hinge``, ``equals``;
* cone: kind ``cone-program-bracket`` (column generation over every region, :func:`verify.numeric.cone_program
  .bracket`), ``between`` [lower, upper].

>>> from fractions import Fraction as F
>>> from verify.solvers.problem import Problem, Variant
>>> t = compute(Problem("tent", "demo", Variant.INTERPOLATION, ((F(0),), (F(1),), (F(2),)), (F(0), F(1), F(0))))
>>> t.lower, t.upper, t.exact, t.kind
(Fraction(2, 1), Fraction(2, 1), True, 'relu1d-l1-interpolation')
>>> t.solution["constant"], t.solution["w"]
('1', ['-1', '-1'])
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from exact.certificates.l1_ls_kkt import lasso_certificate
from exact.certificates.relu1d_hinge import hinge_certificate
from exact.checker import CheckReport, check_certificate
from exact.lasso import lasso
from exact.relu.hinge import solve_hinge_1d
from exact.relu.networks import neuron_strings

from .problem import Problem, Variant

PRODUCER = "verify.solvers"


class TruthRejected(RuntimeError):
    """A certificate of a truth was rejected or is about other data (a bug, never a result)."""


@dataclass(frozen=True)
class Truth:
    """[lower, upper] contains the problem's optimal value (lower == upper: exact); ``solution``: the certified
    primal point as JSON strings (1-D: a network {u, b, w, constant}); ``certificate``: the checked document."""

    lower: Fraction
    upper: Fraction
    kind: str
    solution: dict[str, Any]
    certificate: dict[str, Any]

    @property
    def exact(self) -> bool:
        return self.lower == self.upper

    @property
    def value(self) -> Fraction:
        """The exact value, or the bracket's midpoint."""
        return (self.lower + self.upper) / 2

    def distance(self, value: float) -> float:
        """How far a float value lies outside [lower, upper] (0 inside), computed exactly and then rounded."""
        return float(distance(self.lower, self.upper, Fraction(value)))

    def as_json(self) -> dict[str, Any]:
        return {"lower": str(self.lower), "upper": str(self.upper), "exact": self.exact, "kind": self.kind,
                "solution": self.solution}


def distance(lower: Fraction, upper: Fraction, value: Fraction) -> Fraction:
    """The exact distance of value to [lower, upper] (0 inside)."""
    return max(lower - value, value - upper, Fraction(0))


def allowance(lower: Fraction, upper: Fraction, rel: float, abs_: float) -> Fraction:
    """The tolerance abs + rel max(|lower|, |upper|) around a truth [lower, upper], exactly (the harness's PASS and
    the plugin's ``close``)."""
    return Fraction(abs_) + Fraction(rel) * max(abs(lower), abs(upper))


def _certificate(p: Problem) -> dict[str, Any]:
    """The producer's certificate for p (module doc)."""
    if p.variant is Variant.INTERPOLATION:
        from verify import api  # the API imports the whole toolkit; only a 1-D truth needs it

        return api.certify_1d(list(p.x), list(p.y), alpha=p.alpha, output_bias=p.output_bias).certificate
    if p.variant is Variant.REGULARISED:
        atoms, x = p.atoms(), list(p.x)
        A = [[a(t, p.alpha) for a in atoms] for t in x]
        ones = [Fraction(1)] * p.n
        assert p.beta is not None
        sol = lasso(A, list(p.y), p.beta, Fraction(1), [ones], decide_uniqueness=False)
        relu1d = {"x": x, "alpha": p.alpha, "neurons": [(a.u, -a.u * a.knot) for a in atoms],
                  "output_bias": p.output_bias}
        return lasso_certificate(A, list(p.y), sol, PRODUCER, p.name, p.variant.statement, [ones], relu1d)
    if p.variant is Variant.HINGE:
        assert p.beta is not None
        return hinge_certificate(solve_hinge_1d(list(p.x), list(p.y), p.beta), PRODUCER, p.name, p.output_bias)
    from verify.numeric.cone_program import bracket

    assert p.beta is not None
    return bracket(p.X, p.y, p.beta).certificate(PRODUCER, p.name, p.variant.statement)


def _bound(report: CheckReport, p: Problem) -> list[str]:
    """Where the checked data differ from the problem's (empty: the certificate is about p)."""
    data = report.data or {}
    want: dict[str, Any] = {"y": [str(t) for t in p.y]}
    want |= {"X": [[str(a) for a in r] for r in p.X]} if p.variant is Variant.CONE else {"x": [str(t) for t in p.x]}
    if p.beta is not None:
        want["beta"] = str(p.beta)
    if p.variant is not Variant.CONE:
        want["convention"] = p.convention.as_json()
    return [f"{k}: the certificate is about {data.get(k)!r}, the problem is {v!r}" for k, v in want.items()
            if data.get(k) != v]


def _solution(doc: dict[str, Any], p: Problem) -> dict[str, Any]:
    primal = doc.get("primal", {})
    if p.variant is Variant.CONE:
        return {"blocks": primal.get("blocks", [])}
    u, b, w = neuron_strings(primal.get("neurons", []))
    return {"u": u, "b": b, "w": w, "constant": primal.get("constant", "0")}


def from_certificate(doc: dict[str, Any], p: Problem) -> Truth:
    """The truth a certificate proves about p: checked, bound to p's data, read from the checked relation."""
    report = check_certificate(doc)
    problems = report.problems if not report.ok else _bound(report, p)
    if problems:
        raise TruthRejected(f"{p.name}: " + "; ".join(problems))
    rel = report.relation or {}
    if rel.get("type") == "equals":
        lower = upper = Fraction(rel["value"])
    elif rel.get("type") == "between":
        lower, upper = Fraction(rel["lower"]), Fraction(rel["upper"])
    else:
        raise TruthRejected(f"{p.name}: the certificate proves {rel!r}, not a value")
    return Truth(lower, upper, report.kind, _solution(doc, p), doc)


def compute(p: Problem) -> Truth:
    """Solve p exactly (or bracket it) and return the checked truth."""
    return from_certificate(_certificate(p), p)
