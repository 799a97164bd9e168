"""ep.lem-2.4: whitened A (A A^T = I, n <= d) is spike-free, certified (kind spike-free).

Convention as ep.lem-2.3 (no bias). The hypothesis A A^T = I is checked exactly (the cases are chosen
whitened: other data is not a case of this claim).
"""

from __future__ import annotations

from fractions import Fraction

from cases import Case
from exact.linalg import gram
from exact.relu.spike_free import decide_spike_free

from ...context import Context
from ...conventions import EP_NOBIAS
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, REFUTED, Draft
from ._shared import certify_decision, named_cases, sample_matrix


@claim("ep.lem-2.4", "ep", "Lemma 2.4 (Section 2.2.1) and its appendix proof",
       "whitened A (A A^T = I, n <= d) is spike-free", "exact", lambda: named_cases("ep-whitened-"),
       needs=Needs(Data.MATRIX))
def check_whitened_spike_free(case: Case, ctx: Context) -> Draft:
    """A A^T = I exactly; then K = I and the Gram certificate proves spike-freeness (relation ``holds``);
    a certified witness (``fails``) would refute the lemma.

    The paper's chain sigma_min(A)^-1 sigma_max(A) <= 1 is exact here: all
    singular values equal 1 because A A^T = I (checked in rationals).
    """
    A = sample_matrix(case)
    n, d = len(A), len(A[0])
    eye = tuple(tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n))
    if gram(A) != eye or n > d:
        raise ValueError(f"{case.name}: ep Lemma 2.4 needs A A^T = I and n <= d (exactly)")
    res = Draft("ep.lem-2.4", case.name, ERROR, "exact", EP_NOBIAS)
    cert = certify_decision(decide_spike_free(A), res, ctx)
    res.notes.append(f"A A^T = I exactly (n = {n} <= d = {d}): sigma_min = sigma_max = 1, so the proof's bound "
                     "sigma_min^-1 sigma_max max ||(A u)_+|| <= 1 holds with equality of the singular values")
    res.verdict = {"holds": PROVED, "fails": REFUTED}.get(cert.kind_relation, ERROR)
    return res
