"""kh.example-1: Section V's 1-D example (Figure 1): (7)'s optima with different numbers of pieces, (9)'s.

Convention as kh.thm-1 / kh.thm-2. (7) corrected exactly with the certified range of the number of pieces over
its optimal face (kind pattern-face-pieces); (2)+(8) exactly with the certified uniqueness of its optimal
function (kind relu1d-joint-exact, qualifier ``unique``); which (7)-optimal networks are not (9)-optimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from cases import Case
from exact.certificates.pattern_face_pieces import piece_range_certificate
from exact.checker.arith import Surd
from exact.checker.pattern_face_pieces import MAX_POINTS as FACE_POINTS
from exact.numbers import sqrt_bounds
from exact.relu.face_pieces import PieceRange, piece_range
from exact.relu.joint_norm import JointExact
from exact.relu.networks import Network
from exact.relu.pattern_program import solve_1d

from ...context import Certified, Context
from ...conventions import KH_3
from ...numeric.joint1d import Joint1D, solve_joint
from ...registry import claim
from ...report.figures import EXTREME, OPTIMAL, REFERENCE, function_1d, functions_figure
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, REFUTED, UNDECIDED, Draft
from .._shared import JointCertified, certify_joint
from ._shared import ALPHA, alpha_of, certify_lp, example_cases, points
from .programs import build


def _describe(net: Network) -> str:
    return (f"{net.pieces()} pieces, kinks at {[str(t) for t in net.kinks()]}; "
            "neurons " + ", ".join(f"{'+' if n.c > 0 else ''}{n.c} s({n.w[0]} x + {n.b})" for n in net.neurons))


def joint_cost_exceeds(net: Network, best: Fraction | Surd) -> bool:
    """sum_j |c_j| sqrt(w_j^2 + b_j^2) > ``best``: the (9) objective of a network of (7) (kh (9) and (7) share
    their constraints and differ in the norm, ||[w, b]||_2 against ||w||_2) against a certified (9) value.

    Decided by rational enclosures from integer square roots, refined up to 10^-320: True only when the lower
    end of the cost passes the upper end of ``best``; False when they never separate (equal, or closer than
    that). No radicand is factored (an exact Surd would need that, and the knots of generic data give radicands
    beyond any trial division).

    >>> from exact.relu.networks import Neuron
    >>> net = Network((Neuron((Fraction(1),), Fraction(1), Fraction(1)),))   # cost sqrt(2)
    >>> joint_cost_exceeds(net, Fraction(141, 100)), joint_cost_exceeds(net, Surd.sqrt(Fraction(2)))
    (True, False)
    """
    for digits in (20, 40, 80, 160, 320):
        low = sum((abs(n.c) * sqrt_bounds(n.w[0] ** 2 + n.b ** 2, digits)[0] for n in net.neurons), Fraction(0))
        high = best.bounds(int(digits * 3.33))[1] if isinstance(best, Surd) else best
        if low > high:
            return True
    return False


@dataclass(frozen=True)
class Pieces:
    """A certified range ``lower <= pieces <= upper`` (relation face-pieces, its ``fewest`` or ``most``)."""

    lower: int
    upper: int

    @classmethod
    def of(cls, q: dict) -> "Pieces":
        return cls(q["lower"], q["upper"])

    @property
    def exact(self) -> bool:
        return self.lower == self.upper


def _pieces_notes(pr: PieceRange, fewest: Pieces, most: Pieces) -> list[str]:
    """The certified piece ranges in words (the class counts are the producer's, re-derived by the checker)."""
    return [f"over the optimal face of (7) the number of pieces over R ranges from {fewest.upper} to {most.lower}",
            f"fewest = {fewest.upper}: " + ("PROVED (the secant slopes force as many for ANY interpolant)"
                                            if fewest.exact else f"witness only (secant floor {fewest.lower})"),
            f"most = {most.lower}: " + (
                f"PROVED (the terms fall into {len(pr.classes)} classes with one common kink on the affine hull of "
                f"the face, {sum(pr.jumping)} of them with a slope jump not identically 0, so no optimum has more "
                f"than {most.upper}; a generic relative-interior point attains it)" if most.exact else
                f"witness; upper bound {most.upper}")]


def _excluded(tag: str, net: Network, f9: Network | None, unique: bool, best: Fraction | Surd, bound: str
              ) -> str | None:
    """Why the ``tag``-pieces (7) optimum ``net`` is not (9)-optimal (None when not shown).

    Its function differs from the unique (9)-optimal one (certified ``unique``), or its (9) objective exceeds
    ``best``, the certified (9) optimum or the upper end of its certified bracket (named ``bound``).
    """
    same = f9 is not None and net.same_function(f9)
    if unique and not same:
        return (f"the {tag}-pieces (7) optimum is NOT (9)-optimal: its function differs from the unique "
                "(9)-optimal one (Fig. 1(a),(b) type)")
    if joint_cost_exceeds(net, best):
        return (f"the {tag}-pieces (7) optimum is NOT (9)-optimal as a network: its (9)-cost exceeds the "
                f"(2)+(8) {bound}" + (" (its function is the (9)-optimal one, Fig. 1(c) = (d))" if same else ""))
    return None


PLACE = "Section V, Figure 1 (the 1-D example)"
STATEMENT = ("(7) has optimal solutions with different numbers of pieces; (9)'s solution is Fig. 1(c); "
             "Fig. 1(a),(b)-type solutions of (7) are not optimal for (9)")


@claim("kh.example-1", "kh", PLACE, STATEMENT, "exact", example_cases,
       needs=Needs(Data.ONE_D, parameters=(ALPHA,)))
def check_example(case: Case, ctx: Context) -> Draft:
    """(7) corrected exactly with its certified piece range; (9) / (2)+(8) exactly, with uniqueness.

    (7) (the printed one is infeasible here, see kh.thm-1): its optimum (kind pattern-program-1d) and the least
    and largest number of pieces over R over its optimal face (:func:`exact.relu.face_pieces.piece_range`, kind
    pattern-face-pieces: fewest in [a, b], most in [c, e], witnesses with b and c pieces; for at most its
    limit of 8 points, else UNDECIDED). (9): the exact
    optimum of (2)+(8) and whether its optimal function is unique (kind relu1d-joint-exact, qualifier
    ``unique``), with the float (9) and its certified bracket as a cross-check. A (7)-optimal network is not
    (9)-optimal when its function differs from the unique (9)-optimal one, or when its (9)-cost exceeds the
    certified optimum.

    PROVED when b < c (optima with different numbers of pieces), the (9) optimum is certified with a unique
    optimal function and its network is (7)-optimal (Fig. 1(c) = (d)), and one (7) witness is shown not
    (9)-optimal; REFUTED when a = e (every optimum of (7) has the same number of pieces); otherwise UNDECIDED.
    """
    alpha, x = alpha_of(case), points(case)
    res = Draft("kh.example-1", case.name, ERROR, "exact", KH_3.with_alpha(alpha))
    sol = solve_1d(build(x, case.y, 7, "corrected", alpha))
    seven = certify_lp(sol, res, ctx, "__eq7", "optimal value")
    if len(x) > FACE_POINTS:
        return _beyond_faces(res, seven, certify_joint(solve_joint(x, case.y, alpha), ctx, res), len(x))
    pr = piece_range(sol)
    faces = res.add(ctx.certify(piece_range_certificate(pr, res.claim, case.name), res.claim, case.name,
                                "__eq7_pieces"), "(7) pieces")
    joint = solve_joint(x, case.y, alpha)
    nine = certify_joint(joint, ctx, res)
    if seven.value is None or faces.kind_relation != "face-pieces" or not nine.ok:
        return res
    unique = nine.unique
    fewest, most = Pieces.of(faces.qualifier("fewest")), Pieces.of(faces.qualifier("most"))
    res.value = seven.value
    res.notes.append(f"(7) corrected: exact optimum {seven.value}")
    res.notes += _pieces_notes(pr, fewest, most)
    few, many = pr.min_witness.network(), pr.max_witness.network()
    res.notes.append(f"fewest-pieces (7) optimum: {_describe(few)}")
    res.notes.append(f"most-pieces (7) optimum: {_describe(many)}")
    ex = joint.exact
    f9 = ex.network() if nine.exact is not None else None
    if f9 is not None:
        res.notes += _nine_notes(f9, ex, unique, seven.value)
    best, bound = (nine.exact, "optimum") if nine.exact is not None else (nine.bracket.upper, "upper bound")
    excluded = [why for tag, net in (("fewest", few), ("most", many))
                if (why := _excluded(tag, net, f9, unique, best, bound))]
    res.notes += excluded
    res.figure(_figure(case, pr, joint, f9, seven.value))
    res.data = {"x": [str(t) for t in x], "y": [str(t) for t in case.y], "alpha": str(alpha),
                "seven": [[(str(n.c), str(n.w[0]), str(n.b)) for n in nr.neurons] for nr in (few, many)],
                "nine": [[str(n.c), str(n.w[0]), str(n.b)] for n in ex.neurons], "nine_value": str(nine.exact),
                "nine_unique": unique, "pieces_min": fewest.upper, "pieces_min_proved": fewest.exact,
                "pieces_max": most.lower, "pieces_max_proved": most.exact}
    nine_is_seven = f9 is not None and seven_cost(f9) == seven.value
    return _decide(res, faces, fewest, most, {
        "no two certified (7) optima with different numbers of pieces": fewest.upper < most.lower,
        "the (2)+(8) optimum is not certified with a unique optimal function": unique,
        "the certified (9) optimum is not (7)-optimal (Fig. 1(c) = (d))": nine_is_seven,
        "no (7) optimum shown not (9)-optimal": bool(excluded)})


def _beyond_faces(res: Draft, seven: Certified, nine: JointCertified, n: int) -> Draft:
    """n points beyond the limit of kind pattern-face-pieces (its LP and the kernel of its affine hull grow as
    n^2 rows by 12 n columns): (7) and (9) are certified, the numbers of pieces are not: UNDECIDED."""
    if seven.value is None or not nine.ok:
        return res
    res.value = seven.value
    res.notes.append(f"(7) corrected: exact optimum {seven.value}")
    res.notes.append(f"not decided: the numbers of pieces over the optimal face of (7) are certified (kind "
                     f"pattern-face-pieces) for at most {FACE_POINTS} points, here n = {n}")
    res.verdict = UNDECIDED
    return res


def _decide(res: Draft, faces: Certified, fewest: Pieces, most: Pieces, shown: dict[str, bool]) -> Draft:
    """REFUTED when the certified range has a = e (every optimum of (7) has as many pieces); PROVED when every
    part of the claim is ``shown`` (keys: what is missing otherwise); else UNDECIDED, saying what is missing."""
    if fewest.lower == most.upper:
        res.finding(PLACE, "(7) has optimal solutions with different numbers of pieces (Figure 1(a)-(c))",
                    f"every optimal solution of (7) has {fewest.lower} pieces over R (certified range of the "
                    "optimal face)", faces.path)
        res.verdict = REFUTED
        return res
    if fewest.upper < most.lower:
        res.notes.append("(7) has optimal solutions with different numbers of pieces (exact witnesses)")
    missing = [why for why, ok in shown.items() if not ok]
    if missing:
        res.notes.append("not decided: " + "; ".join(missing))
    res.verdict = UNDECIDED if missing else PROVED
    return res


def seven_cost(net: Network) -> Fraction:
    """sum_j |c_j w_j|: the (7) objective of a 1-D network (||w||_2 = |w|)."""
    return sum((abs(n.c * n.w[0]) for n in net.neurons), Fraction(0))


def _nine_notes(f9: Network, ex: JointExact, unique: bool, value7: Fraction) -> list[str]:
    """The exact (9) optimum: its network, the uniqueness of its function, and its (7)-cost against (7)'s."""
    cost7 = seven_cost(f9)
    how = (f"UNIQUE (every optimal measure lives on the {len(ex.contacts)} contact atoms of the exact dual; "
           f"test: {ex.uniqueness})" if unique else "not certified unique")
    return [f"(9) optimal network (exact): {_describe(f9)}; the optimal function is {how}",
            f"its (7)-cost sum |c w| = {cost7}" + (" = the (7) optimum: the (9) solution is also (7)-optimal, as kh "
                                                  "state (Fig. 1(d) = 1(c))" if cost7 == value7 else
                                                  f" > the (7) optimum {value7}: it is not (7)-optimal")]


def _figure(case: Case, pr: PieceRange, joint: Joint1D, f9: Network | None, value7: Fraction) -> dict:
    """Figure 1 redrawn: the fewest- and most-pieces (7) optima (the extreme ones of the optimal face) and the
    (9) optimum (exact, else the float solver's as a reference)."""
    shown = f9 if f9 is not None else joint.float_network()
    return functions_figure(points(case), case.y, [
        function_1d(f"(7) optimum, {pr.min_pieces} pieces", pr.min_witness.network(), EXTREME),
        function_1d(f"(7) optimum, {pr.max_pieces} pieces", pr.max_witness.network(), EXTREME),
        function_1d("(9) optimum" + (" (exact)" if f9 is not None else " (float)"), shown,
                    OPTIMAL if f9 is not None else REFERENCE)],
        f"kh Fig. 1, alpha = {alpha_of(case)}: (7) value {value7}, (9) value "
        + (str(joint.exact.value) if f9 is not None else joint.bracket.text(8)))
