"""The problems a solver is asked, each a finite program with an exact (or tightly bracketed) answer.

Four variants, every 1-D one with the free, unpenalised hidden bias of ep (1) and a free constant c (a free
output bias, ses (1); without one the constant is free in the limit b -> oo, :mod:`exact.relu.interpolation`,
so the finite value is the same), leaky slope ``alpha`` (kh (2)+(3); 0: ReLU). Only the 2n - 2 data-knot atoms
s_alpha(u (x - x_k)), u = +-1 (:func:`exact.relu.dictionary.relu_atoms`) matter on the data, so with A their
matrix on x and ``w = p - q`` (p, q >= 0)::

    interpolation (ep (4), ses (25)):   min 1^T (p + q)                        s.t. A (p - q) + c 1 = y
    regularised   (ep (16)):            min beta 1^T (p + q) + 1/2 ||r||^2     s.t. A (p - q) + c 1 - r = y
    hinge         (ep (18)):            min 1^T xi + beta 1^T (p + q)
                                        s.t. -y_i (A (p - q) + c 1)_i - xi_i <= -1, xi >= 0   (labels +-1)

and each value is the infimum over networks of any width (the truths of :mod:`verify.solvers.truth` certify
exactly that). The fourth is pe (8) (squared loss, group l1; a bias is a column of ones in X, inside the norm)::

    cone          (pe (8)):             min 1/2 ||sum_i D_i X (v_i - w_i) - y||^2 + beta sum_i ||v_i|| + ||w_i||
                                        s.t. (2 D_i - I) X v_i >= 0, (2 D_i - I) X w_i >= 0, over every pattern D_i.

:meth:`Problem.standard` poses a 1-D variant as one LP / QP in matrix form (:class:`Standard`) that every matrix
solver takes. Duals: row multipliers ``r`` in HiGHS's sign (L = f - r^T (A z - b); r <= 0 on a <= row of a
minimisation); :meth:`Standard.dual` turns them into the problem's dual v (ep (12), Theorem 4.1's dual, Theorem
5.1's dual) and returns its objective and how far v is from dual feasible.

>>> from fractions import Fraction as F
>>> p = Problem("tent", "demo", Variant.INTERPOLATION, ((F(0),), (F(1),), (F(2),)), (F(0), F(1), F(0)))
>>> s = p.standard()
>>> s.c.shape, s.A_eq.shape, s.A_ub.shape
((9,), (3, 9), (0, 9))
>>> s.dual([-1.0, 2.0, -1.0], [])     # ep (12): v^T y = 2, and v is feasible
(2.0, 0.0)
>>> p.key[:12]
'828dd4ea55ea'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
import scipy.sparse as sp

from exact.convention import Convention
from exact.relu.dictionary import Atom, relu_atoms

#: bump when a problem's meaning changes: stored truths of another format are stale
FORMAT = 1


class Variant(str, Enum):
    INTERPOLATION = "interpolation"
    REGULARISED = "regularised"
    HINGE = "hinge"
    CONE = "cone"

    @property
    def statement(self) -> str:
        return {"interpolation": "ep (4): min ||w||_1 s.t. f(x_i) = y_i over networks of any width",
                "regularised": "ep (16): min 1/2 ||f(x) - y||^2 + beta ||w||_1 over networks of any width",
                "hinge": "ep (18): min sum_i (1 - y_i f(x_i))_+ + beta ||w||_1 over networks of any width",
                "cone": "pe (8): min 1/2 ||sum_i D_i X (v_i - w_i) - y||^2 + beta sum_i (||v_i|| + ||w_i||) "
                        "over every pattern"}[self.value]


@dataclass(frozen=True)
class Problem:
    """One problem: its data (``X`` n x d; d = 1 for the 1-D variants), labels, parameters and where it comes
    from. ``key`` is its content hash (the data and the meaning, not the name)."""

    name: str
    family: str
    variant: Variant
    X: tuple[tuple[Fraction, ...], ...]
    y: tuple[Fraction, ...]
    beta: Fraction | None = None
    alpha: Fraction = Fraction(0)
    output_bias: bool = False
    source: str = ""

    def __post_init__(self) -> None:
        if (self.beta is None) != (self.variant is Variant.INTERPOLATION):
            raise ValueError(f"{self.name}: beta is given exactly for the penalised variants")
        if self.variant is not Variant.CONE and any(len(r) != 1 for r in self.X):
            raise ValueError(f"{self.name}: the {self.variant.value} variant takes 1-D data")
        if self.variant in (Variant.HINGE, Variant.CONE) and self.alpha:
            raise ValueError(f"{self.name}: the {self.variant.value} variant is posed for the ReLU only")

    @property
    def x(self) -> tuple[Fraction, ...]:
        return tuple(r[0] for r in self.X)

    @property
    def n(self) -> int:
        return len(self.y)

    @property
    def convention(self) -> Convention:
        return Convention(self.alpha, output_bias=self.output_bias)

    def canonical(self) -> dict[str, Any]:
        """What the problem is, as JSON: the content ``key`` hashes and a stored truth must match."""
        return {"format": FORMAT, "variant": self.variant.value, "X": [[str(a) for a in r] for r in self.X],
                "y": [str(t) for t in self.y], "beta": None if self.beta is None else str(self.beta),
                "convention": self.convention.as_json()}

    @property
    def key(self) -> str:
        text = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def atoms(self) -> list[Atom]:
        return relu_atoms(list(self.x), self.alpha)

    def dictionary(self) -> np.ndarray:
        """A: the atoms on the data (n x N), in floats."""
        a = self.alpha
        return np.array([[float(at(t, a)) for at in self.atoms()] for t in self.x]).reshape(self.n, -1)

    def standard(self) -> "Standard":
        """The 1-D variant as one LP / QP over z = (p, q, c, extra) (module doc)."""
        if self.variant is Variant.CONE:
            raise ValueError(f"{self.name}: pe (8) is a cone program, not an LP / QP")
        A, y, n = self.dictionary(), np.array([float(t) for t in self.y]), self.n
        N = A.shape[1]
        ones = np.ones((n, 1))
        beta = float(self.beta) if self.beta is not None else 1.0
        cost = np.concatenate([np.full(2 * N, beta), [0.0]])
        lo, hi = np.r_[np.zeros(2 * N), -np.inf], np.full(2 * N + 1, np.inf)
        fit = sp.csr_matrix(np.hstack([A, -A, ones]))
        empty = sp.csr_matrix((0, 2 * N + 1 + (0 if self.variant is Variant.INTERPOLATION else n)))
        if self.variant is Variant.INTERPOLATION:
            return Standard(self.variant, cost, None, fit, y, empty, np.zeros(0), lo, hi, N)
        if self.variant is Variant.REGULARISED:
            eq = sp.hstack([fit, -sp.identity(n)]).tocsr()
            return Standard(self.variant, np.r_[cost, np.zeros(n)], np.r_[np.zeros(2 * N + 1), np.ones(n)], eq, y,
                            empty, np.zeros(0), np.r_[lo, np.full(n, -np.inf)], np.r_[hi, np.full(n, np.inf)], N)
        ub = sp.hstack([-sp.diags(y) @ fit, -sp.identity(n)]).tocsr()
        return Standard(self.variant, np.r_[cost, np.ones(n)], None, empty, np.zeros(0), ub, -np.ones(n),
                        np.r_[lo, np.zeros(n)], np.r_[hi, np.full(n, np.inf)], N, y)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "family": self.family, "source": self.source, "key": self.key} | self.canonical()


@dataclass(frozen=True)
class Standard:
    """min c^T z + 1/2 sum_k q_k z_k^2  s.t.  A_eq z = b_eq,  A_ub z <= b_ub,  lo <= z <= hi  (q None: an LP).

    z = (p, q, c, extra) with N atoms: w = z[:N] - z[N:2N], c = z[2N]; extra = r (regularised) or xi (hinge)."""

    variant: Variant
    c: np.ndarray
    q: np.ndarray | None
    A_eq: sp.csr_matrix
    b_eq: np.ndarray
    A_ub: sp.csr_matrix
    b_ub: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    atoms: int
    labels: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def is_lp(self) -> bool:
        return self.q is None

    def objective(self, z: np.ndarray) -> float:
        return float(self.c @ z + (0.0 if self.q is None else 0.5 * self.q @ (z * z)))

    def violation(self, z: np.ndarray) -> float:
        """The largest violation of a constraint or bound at z (0 when z is feasible)."""
        parts = [0.0]
        if self.A_eq.shape[0]:
            parts.append(float(np.max(np.abs(self.A_eq @ z - self.b_eq))))
        if self.A_ub.shape[0]:
            parts.append(float(np.max(self.A_ub @ z - self.b_ub)))
        parts += [float(np.max(self.lo - z)), float(np.max(z - self.hi))]
        return max(parts)

    def dual(self, r_eq: Sequence[float], r_ub: Sequence[float]) -> tuple[float, float]:
        """(dual objective, dual infeasibility) of the problem's dual at the row multipliers (module doc):

        interpolation  max v^T y                  s.t. |A^T v| <= 1, 1^T v = 0;
        regularised    max v^T y - ||v||^2 / 2    s.t. |A^T v| <= beta, 1^T v = 0;
        hinge          max y^T v                  s.t. |A^T v| <= beta, 1^T v = 0, 0 <= y_i v_i <= 1,

        with v = r_eq (equality fit rows), v = -y * r_ub (the margin rows' multipliers mu = -r_ub >= 0)."""
        N = self.atoms
        if self.variant is Variant.HINGE:
            mu = -np.asarray(r_ub, dtype=float)
            v, A = self.labels * mu, self.A_ub[:, :N].multiply(-self.labels[:, None]).tocsr()
            value, box = float(mu.sum()), max(float(np.max(-mu)), float(np.max(mu - 1)), 0.0)
        else:
            v, A = np.asarray(r_eq, dtype=float), self.A_eq[:, :N]
            value = float(v @ self.b_eq) - (0.5 * float(v @ v) if self.variant is Variant.REGULARISED else 0.0)
            box = 0.0
        bound = float(self.c[0]) if N else 1.0
        slope = float(np.max(np.abs(A.T @ v))) - bound if N else 0.0
        return value, max(slope, abs(float(v.sum())), box, 0.0)
