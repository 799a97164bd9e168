"""The small exact ddb checks' common ground: lifted data, ReLU features, the weight w_b of Proposition 3.3 and
the closed cells of Section 4, all in exact arithmetic.

A neuron theta = (a, b) sees the lifted point r_i = (x_i, 1) through (r_i . theta)_+ = (a^T x_i + b)_+. The
cells of Section 4 are the closed regions of the central arrangement of the rows r_i in R^(d+1)
(:func:`exact.relu.arrangements.central_arrangement`); a closed cell is the union of the faces whose sign
vector agrees with its region's wherever it is nonzero, so any nonnegative combination of those faces'
points lies in it, and in the open region as soon as the region's own point has a positive coefficient.
Off the bulk (active rows of rank <= d) a region holds non-proportional p, q = N u +- k with equal features
(:func:`off_bulk_pair`), the witnesses of Proposition 3.3 and Lemma 4.5 alike.

>>> from fractions import Fraction as F
>>> rows = [(F(-1), F(1)), (F(1), F(1))]
>>> features(rows, (F(1), F(0))), weight(rows, (F(1), F(0)))
((Fraction(0, 1), Fraction(1, 1)), 1/2*sqrt(2))
>>> [c.sign for c in cells(rows)]
[(-1, -1), (-1, 1), (1, -1), (1, 1)]
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

from cases import Case
from exact.certificates.weight_midpoint import midpoint_certificate
from exact.checker.arith import Surd, dot, kernel, rank, sigma
from exact.checker.weight_midpoint import w_b
from exact.relu.arrangements import central_arrangement

from ...context import Context
from ...conventions import PaperConvention
from ...requirements import Parameter
from ...result import Draft, Verdict
from .._shared import certify, named_cases

Row = tuple[Fraction, ...]


def small_cases() -> list[Case]:
    """The shipped ddb-small-* cases (1-D and 2-D)."""
    return named_cases("ddb-small-")


def lifted(case: Case) -> list[Row]:
    """The rows r_i = (x_i, 1): a neuron (a, b) is the linear form theta -> r_i . theta."""
    points = [(v,) for v in case.x] if case.x is not None else list(case.X or ())
    return [tuple(p) + (Fraction(1),) for p in points]


def features(rows: list[Row], theta: Row) -> Row:
    """((a^T x_i + b)_+)_i."""
    return tuple(sigma(dot(r, theta), Fraction(0)) for r in rows)


def weight(rows: list[Row], theta: Row) -> Surd:
    """w_b(a, b) = sqrt(E_D[(a^T x + b)_+^2]) of Proposition 3.3, E_D the average over the n points (the checker's
    :func:`exact.checker.weight_midpoint.w_b`)."""
    return w_b(rows, theta)


def signs(rows: list[Row], theta: Row) -> tuple[int, ...]:
    return tuple((t > 0) - (t < 0) for t in (dot(r, theta) for r in rows))


@dataclass(frozen=True)
class Cell:
    """A closed cell: its region's sign vector, an integer point of the open region, and one integer point
    of every face of the closed cell (the region's included)."""

    sign: tuple[int, ...]
    interior: Row
    closure: tuple[Row, ...]

    @property
    def active(self) -> tuple[int, ...]:
        return tuple(i for i, s in enumerate(self.sign) if s > 0)

    def at_bulk(self, rows: list[Row]) -> bool:
        """Definition 3.1 in the open region: the features are the linear map of the active rows there, locally
        injective iff those rows have rank d + 1."""
        active = [rows[i] for i in self.active]
        return bool(active) and rank(active) == len(rows[0])

    def point(self, rng: random.Random, interior: bool) -> Row:
        """A random nonnegative integer combination of the closure's points: in the closed cell, and in the open
        region when ``interior`` (the region's point then has a coefficient >= 1)."""
        weights = [rng.randint(0, 3) for _ in self.closure]
        if interior or not any(weights):
            weights[self.closure.index(self.interior)] += 1
        return tuple(sum((w * u[j] for w, u in zip(weights, self.closure, strict=True)), Fraction(0))
                     for j in range(len(self.interior)))


def cells(rows: list[Row]) -> list[Cell]:
    """The closed cells of Section 4: one per region of the arrangement of the lifted rows."""
    faces = central_arrangement(rows).faces
    out = []
    for region in (f for f in faces if 0 not in f.sign):
        closure = tuple(tuple(Fraction(v) for v in f.point) for f in faces
                        if all(s in (0, r) for s, r in zip(f.sign, region.sign, strict=True)))
        out.append(Cell(region.sign, tuple(Fraction(v) for v in region.point), closure))
    return out


@dataclass(frozen=True)
class Witness:
    """An exact pair with equality in (14) that is not proportional: p, q in one open region off the bulk."""

    sign: tuple[int, ...]
    p: Row
    q: Row


def off_bulk_pair(rows: list[Row], cell: Cell) -> Witness | None:
    """p, q = N u +- k with k in the kernel of the cell's active rows (same features, so equality), or None when
    the active rows have full rank (the bulk) or no N <= 2^40 keeps both in the region."""
    active = [rows[i] for i in cell.active]
    basis = kernel(active, len(rows[0])) if active else [[Fraction(int(j == 0)) for j in range(len(rows[0]))]]
    if not basis:
        return None
    k, N = basis[0], Fraction(1)
    while N <= 2 ** 40:
        p = tuple(N * u + t for u, t in zip(cell.interior, k, strict=True))
        q = tuple(N * u - t for u, t in zip(cell.interior, k, strict=True))
        if signs(rows, p) == cell.sign == signs(rows, q):
            return Witness(cell.sign, p, q)
        N *= 2
    return None


def rational(rng: random.Random, size: int) -> Row:
    """A random rational vector, entries p/q with |p| <= 6, 1 <= q <= 4."""
    return tuple(Fraction(rng.randint(-6, 6), rng.randint(1, 4)) for _ in range(size))


def proportional(p: Row, q: Row) -> bool:
    """p = alpha q for some alpha > 0."""
    if rank([p, q]) != 1 or not any(p) or not any(q):
        return False
    return all(a * b >= 0 for a, b in zip(p, q, strict=True))


def text(v: Row) -> str:
    return "(" + ", ".join(str(t) for t in v) + ")"


def certified_gaps(rows: list[Row], weight: str, pairs: list[tuple[Row, Row]], res: Draft, ctx: Context, suffix: str,
                   what: str, factors: list[Fraction | None] | None = None) -> tuple[str, list[dict]] | None:
    """The checker's midpoint gaps of ``weight`` at ``pairs`` (kind weight-midpoint, recorded in ``res``; ``factors``
    the midpoint's optional kappa): the certificate's path and the gaps, None if it is rejected."""
    X = [r[:-1] for r in rows]
    cert = certify(midpoint_certificate(X, weight, pairs, res.claim, res.case, what, factors), res, ctx, suffix, what,
                   about={"X": X})
    return (cert.path, cert.qualifier("gaps") or []) if cert.ok else None


def sampled(claim_id: str, case: Case, draws: Parameter, seed: Parameter, verdict: Verdict, method: str,
            convention: PaperConvention | tuple[PaperConvention, ...]) -> tuple[list[Row], int, random.Random, Draft]:
    """The start of a check over random draws: the lifted rows, the number of draws, the case's seeded generator and
    the draft."""
    rng = random.Random(f"{claim_id}/{case.name}/{int(seed.of(case))}")
    return lifted(case), int(draws.of(case)), rng, Draft(claim_id, case.name, verdict, method, convention)
