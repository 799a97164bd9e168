"""ep.lem-2.5: rank-one A = c a^T with c >= 0 is spike-free (and what happens when c has mixed signs).

Convention as ep.lem-2.3 (no bias). One-signed c: certified spike-free (c <= 0 by (-c)(-a)^T); mixed c:
an exact witness that A is not spike-free.
"""

from __future__ import annotations

from cases import Case
from exact.relu.spike_free import decide_spike_free

from ...context import Context
from ...conventions import EP_NOBIAS
from ...registry import claim
from ...result import ERROR, PROVED, Draft
from ._shared import _cases, _certify_decision, _matrix_of


@claim("ep.lem-2.5", "ep", "Lemma 2.5 (Section 2.2.1) and its appendix proof",
       "rank-one A = c a^T with c >= 0 is spike-free (mixed signs: not)", "exact",
       lambda: _cases("ep-spikefree-rank1-"), needs_1d=False)
def check_rank_one(case: Case, ctx: Context) -> Draft:
    """One-signed c: certified spike-free (Lemma 2.5, and c <= 0 by (-c)(-a)^T); mixed c: exact witness.

    The verdict is PROVED when the certificate matches the rank-one
    characterisation (spike-free iff c >= 0 or c <= 0); on mixed c it proves
    that the hypothesis c >= 0 cannot be dropped.
    """
    dec = decide_spike_free(_matrix_of(case))
    if dec.method != "rank-one":
        raise ValueError(f"{case.name}: ep Lemma 2.5 needs rank-one data A = c a^T")
    res = Draft("ep.lem-2.5", case.name, ERROR, "exact", EP_NOBIAS)
    ok = _certify_decision(dec, res, ctx)
    mixed = any(x > 0 for x in dec.c) and any(x < 0 for x in dec.c)
    res.notes.append("c has mixed signs: Lemma 2.5 does not apply, and its hypothesis is needed (up to the global "
                     "sign c a^T = (-c)(-a)^T): this A is not spike-free" if mixed else
                     "c is one-signed: Lemma 2.5 (or its mirror c <= 0) applies")
    res.verdict = PROVED if ok and dec.spike_free != mixed else ERROR
    return res
