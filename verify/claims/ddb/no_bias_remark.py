"""ddb.no-bias-remark: with V = |c| ||a|| (the bias not penalised) Theorems 4.2 and 4.7 fail, shown by exact
counterexamples on 1-D data.

Convention (DDB_NO_BIAS): in 1-D a neuron c (a x + b)_+ costs |c| |a|, so a = 0 gives a constant at no cost and
(6) is ep (4) / kh (3) with a free constant, solved exactly by :func:`exact.relu.interpolation.interpolate_1d`
(with an output bias: the constant is attained) and certified over the whole dual (kind relu1d-l1-interpolation).
Two moves turn its optimal network into another one of the same cost and the same values on the data:

* merge (why Theorem 4.2 fails): weights c1, c2 of one sign on the atoms (u (x - x_k))_+, (u (x - x_{k+1}))_+ at
  adjacent data points equal, on the data, (c1 + c2) (u (x - t))_+ with t = (c1 x_k + c2 x_{k+1}) / (c1 + c2):
  the knot moves off the data at no cost. The first network charges two points of one closed cell (the
  directions (u, -u x_k), (u, -u x_{k+1}) bound the arc between them), the second a third point inside it; an
  equal share m = min(c1, c2) spread uniformly on [x_k, x_{k+1}] (mass 2 m, the same data values as 2 m at the
  midpoint) is a minimiser with infinite support.
* shift (why Theorem 4.7 fails): c (x - min x)_+ equals c (x - min x + 1)_+ - c on the data, and c (max x - x)_+
  equals c (max x + 1 - x)_+ - c: the free constant pays for moving an end knot outward, two minimisers charging
  different points of one closed cell (the cell where every point is active on one side).

Both networks of a move are certified optimal (the second as ``network``: its kinks off the data are listed)
and the cell memberships are exact sign arithmetic. The remark says the theorems fail, so an instance with a
certified counterexample PROVES it; without one (the moves do not apply to the computed optimum) it is UNDECIDED,
the remark being existential.

>>> from fractions import Fraction as F
>>> [(m.kind, text(m.points[-1])) for m in moves(solution([F(0), F(1), F(2), F(3)], [F(0), F(0), F(1), F(3)]))]
[('merge', '(1, -3/2)')]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from cases import Case
from exact.convention import Convention
from exact.relu.interpolation import Interpolation1D, interpolate_1d
from exact.relu.networks import Network, Neuron

from ...context import Context
from ...conventions import DDB_NO_BIAS
from ...registry import claim
from ...report.figures import function_1d, functions_figure
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, UNDECIDED, Draft, Labelled
from .._shared import named_cases
from ..ep._shared import certify_interpolation
from ._shared import Row, cells, lifted, signs, text

PLACE = "Section 4, remark after Theorem 4.7 (TV against the implicit regularisation)"
STATEMENT = "with V(a, b, c) = |c| ||a|| (the bias not penalised) Theorems 4.2 and 4.7 become false"


def no_bias_cases() -> list[Case]:
    """The shipped ddb-nobias-* cases."""
    return named_cases("ddb-nobias-")


def solution(x: Sequence[Fraction], y: Sequence[Fraction]) -> Interpolation1D:
    """The exact optimum of (6) with V = |c| |a| in 1-D: interpolation with an attained free constant."""
    return interpolate_1d(x, y, Convention(output_bias=True))


@dataclass(frozen=True)
class Move:
    """A second optimal network and the directions (a, b) of one closed cell that the two networks charge."""

    kind: str  # 'merge' | 'shift'
    network: Network
    points: tuple[Row, ...]


def _direction(u: int, knot: Fraction) -> Row:
    return (Fraction(u), -u * knot)


def moves(sol: Interpolation1D) -> list[Move]:
    """The merges and shifts (module doc) that apply to the LP optimum of ``sol``."""
    charged = {(a.u, a.knot): w for a, w in zip(sol.atoms, sol.weights, strict=True) if w}

    def others(*drop: tuple[int, Fraction]) -> list[Neuron]:
        return [Neuron.atom(a, w) for a, w in zip(sol.atoms, sol.weights, strict=True) if w and (a.u, a.knot)
                not in drop]

    xs, out = sorted(sol.x), []
    for u in (1, -1):
        for lo, hi in zip(xs, xs[1:], strict=False):  # adjacent data points
            c1, c2 = charged.get((u, lo), Fraction(0)), charged.get((u, hi), Fraction(0))
            if c1 * c2 > 0:
                t = (c1 * lo + c2 * hi) / (c1 + c2)
                net = Network((*others((u, lo), (u, hi)), Neuron((Fraction(u),), -u * t, c1 + c2)), sol.constant)
                out.append(Move("merge", net, (_direction(u, lo), _direction(u, hi), _direction(u, t))))
        end = xs[0] if u == 1 else xs[-1]
        c = charged.get((u, end), Fraction(0))
        if c:
            net = Network((*others((u, end)), Neuron((Fraction(u),), -u * (end - u), c)), sol.constant - c)
            out.append(Move("shift", net, (_direction(u, end), _direction(u, end - u))))
    return out


def describe(net: Network) -> str:
    """A network for a note: sum of c (a x + b)_+ and its constant."""
    return " + ".join([f"({n.c}) ({n.w[0]} x + {n.b})_+" for n in net.neurons] + [str(net.constant)])


def common_cell(rows: list[Row], points: Sequence[Row]) -> tuple[int, ...] | None:
    """The sign vector of a closed cell holding every point (exact signs), or None."""
    for k in cells(rows):
        if all(all(s in (0, r) for s, r in zip(signs(rows, p), k.sign, strict=True)) for p in points):
            return k.sign
    return None


@claim("ddb.no-bias-remark", "ddb", PLACE, STATEMENT, "exact counterexample in 1-D", no_bias_cases,
       needs=Needs(Data.ONE_D))
def check_no_bias(case: Case, ctx: Context) -> Draft:
    """PROVED with two certified optimal networks charging different points of one closed cell (and, for a
    merge, one network charging two of them); UNDECIDED when no move applies."""
    res = Draft("ddb.no-bias-remark", case.name, ERROR, "exact", DDB_NO_BIAS)
    sol = solution(case.x or (), case.y)  # Needs(Data.ONE_D): x is given
    base = Network.from_atoms(sol.atoms, sol.weights, sol.constant)
    cert = certify_interpolation(sol, res, ctx, network=base)
    if not cert.ok:
        return res
    rows, found = lifted(case), []
    for k, mv in enumerate(moves(sol)):
        sign = common_cell(rows, mv.points)
        if sign is None or base.values(sol.x) != mv.network.values(sol.x):  # the module doc's two facts, checked
            raise ArithmeticError(f"the {mv.kind} left the closed cell or changed the values on the data")
        other = certify_interpolation(sol, res, ctx, f"__{mv.kind}{k}", f"the {mv.kind}d optimal network",
                                      network=mv.network)
        if not other.ok:
            return res
        found.append((mv, sign))
        res.notes.append(f"{mv.kind}: the optimal networks {describe(base)} and {describe(mv.network)} (both of "
                         f"cost {sol.value}, certified) charge the directions "
                         + ", ".join(text(p) for p in mv.points) + f" of the closed cell with signs {sign}"
                         + ("; the first charges two of them, and spreading min(c1, c2) of mass uniformly over the "
                            "arc gives a minimiser with infinite support" if mv.kind == "merge" else ""))
    # every drawn network's certificate was accepted: the computed optimum and the networks of its moves
    res.figure(functions_figure(sol.x, sol.y, [function_1d("the computed optimal network", base)] + [
        function_1d(f"after the {mv.kind} (optimal too)", mv.network) for mv, _ in found],
        "ddb (6) with V = |c| |a|: optimal networks charging different points of one closed cell"))
    merges = sum(mv.kind == "merge" for mv, _ in found)
    res.value = Labelled((("optimum", sol.value), ("merges", Fraction(merges)),
                          ("shifts", Fraction(len(found) - merges))))
    if found:
        res.verdict = PROVED
    else:
        res.notes.append("no merge or shift applies to the computed optimum: no counterexample on this instance")
        res.verdict = UNDECIDED
    return res
