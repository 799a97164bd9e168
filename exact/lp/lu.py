"""Exact sparse LU factorisation of a square rational matrix.

Gaussian elimination in exact ``fmpq`` arithmetic with a Markowitz-style
pivot order (a column of fewest remaining nonzeros, then its row of fewest
nonzeros), so the near-triangular bases of the 1-D ReLU problems in kink
coordinates factor in linear time. Pivots are chosen among *exact* nonzeros,
so there is no tolerance anywhere: either the matrix is proved nonsingular by
the factorisation, or :class:`SingularBasis` names a column that is
dependent on the ones already eliminated.

With pivots (p_k, q_k), k = 1..m, elimination computes E = E_m ... E_1 with
E_k = I - sum_i l_ik e_i e_{p_k}^T and U = E B, where row p_k of U vanishes
outside the columns q_k, q_{k+1}, ..., q_m. Then

* B x = b:   b' = E b, then x_{q_k} = (b'_{p_k} - sum_{j != q_k} U_{p_k j} x_j) / U_{p_k q_k}
  for k = m, ..., 1;
* B^T y = c: z_{p_k} = (c_{q_k} - sum_{k' < k} U_{p_k' q_k} z_{p_k'}) / U_{p_k q_k} for
  k = 1..m, then y = E^T z = E_1^T ... E_m^T z.

>>> from flint import fmpq
>>> lu = SparseLU.factor(2, [{0: fmpq(2), 1: fmpq(1)}, {1: fmpq(3)}])
>>> lu.solve({0: fmpq(4), 1: fmpq(5)})
[2, 1]
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from flint import fmpq

Column = dict[int, fmpq]


class SingularBasis(ValueError):
    """The matrix is singular; ``column`` is a position dependent on earlier pivots."""

    def __init__(self, column: int, rank: int):
        super().__init__(f"singular matrix: column {column} is dependent (rank so far {rank})")
        self.column = column
        self.rank = rank


@dataclass
class SparseLU:
    """Exact factors of a square sparse matrix given by columns (see module doc)."""

    m: int
    pivots: list[tuple[int, int]] = field(default_factory=list)  # (row p_k, column q_k)
    lower: list[list[tuple[int, fmpq]]] = field(default_factory=list)  # step k: [(i, l_ik)]
    upper_rows: dict[int, dict[int, fmpq]] = field(default_factory=dict)  # row p_k of U
    upper_cols: dict[int, list[tuple[int, fmpq]]] = field(default_factory=dict)  # col q of U, off-pivot

    @classmethod
    def factor(cls, m: int, columns: list[Column], *, partial: bool = False) -> "SparseLU":
        """Factor the m x m matrix whose j-th column is ``columns[j]``.

        With ``partial=True`` a singular matrix is not an error: elimination
        stops when no nonzero pivot remains, and :attr:`rank` and
        :attr:`pivot_columns` tell which columns are independent.
        """
        rows: dict[int, dict[int, fmpq]] = {}
        cols: dict[int, dict[int, fmpq]] = {}
        for j, col in enumerate(columns):
            cols[j] = {}
            for i, v in col.items():
                if v != 0:
                    cols[j][i] = v
                    rows.setdefault(i, {})[j] = v
        lu = cls(m)
        heap = [(len(c), j) for j, c in cols.items()]
        heapq.heapify(heap)
        done_cols: set[int] = set()
        while heap:
            count, q = heapq.heappop(heap)
            if q in done_cols or count != len(cols[q]):
                continue  # stale entry
            if count == 0:
                if partial:
                    done_cols.add(q)
                    continue
                raise SingularBasis(q, len(lu.pivots))
            p = min(cols[q], key=lambda i: (len(rows[i]), i))
            pivot_row = rows.pop(p)
            a = pivot_row[q]
            step: list[tuple[int, fmpq]] = []
            for i, aiq in list(cols[q].items()):
                if i == p:
                    continue
                factor_ = aiq / a
                step.append((i, factor_))
                row_i = rows[i]
                for j, apj in pivot_row.items():
                    new = row_i.get(j, 0) - factor_ * apj
                    if new == 0:
                        row_i.pop(j, None)
                        cols[j].pop(i, None)
                    else:
                        row_i[j] = new
                        cols[j][i] = new
            for j in pivot_row:
                cols[j].pop(p, None)
                if j != q:
                    heapq.heappush(heap, (len(cols[j]), j))
                    lu.upper_cols.setdefault(j, []).append((p, pivot_row[j]))
            done_cols.add(q)
            lu.pivots.append((p, q))
            lu.lower.append(step)
            lu.upper_rows[p] = pivot_row
        return lu

    @property
    def pivot_rows(self) -> list[int]:
        return [p for p, _ in self.pivots]

    @property
    def pivot_columns(self) -> list[int]:
        return [q for _, q in self.pivots]

    def solve(self, b: Column) -> list[fmpq]:
        """x with B x = b (b sparse, x dense list indexed by column)."""
        rhs = [fmpq(0)] * self.m
        for i, v in b.items():
            rhs[i] = v
        for (p, _), step in zip(self.pivots, self.lower):
            bp = rhs[p]
            if bp != 0:
                for i, li in step:
                    rhs[i] -= li * bp
        x = [fmpq(0)] * self.m
        for p, q in reversed(self.pivots):
            s = rhs[p]
            for j, u in self.upper_rows[p].items():
                if j != q:
                    s -= u * x[j]
            x[q] = s / self.upper_rows[p][q]
        return x

    def solve_transpose(self, c: Column) -> list[fmpq]:
        """y with B^T y = c (c indexed by column, y dense list indexed by row)."""
        z = [fmpq(0)] * self.m
        for p, q in self.pivots:
            s = c.get(q, fmpq(0))
            for pk, u in self.upper_cols.get(q, ()):
                s -= u * z[pk]
            z[p] = s / self.upper_rows[p][q]
        for (p, _), step in zip(reversed(self.pivots), reversed(self.lower)):
            s = z[p]
            for i, li in step:
                s -= li * z[i]
            z[p] = s
        return z
