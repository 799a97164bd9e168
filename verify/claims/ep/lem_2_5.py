"""ep.lem-2.5: rank-one A = c a^T with c >= 0 is spike-free (and what happens when c has mixed signs).

Convention as ep.lem-2.3 (no bias). One-signed c (c >= 0, or its mirror c <= 0 by c a^T = (-c)(-a)^T): the
spike-free certificate, whose rank_one evidence shows c one-signed, proves the lemma. Mixed c: the
hypothesis fails and the lemma is vacuous; the certificate (a spike-witness) shows what happens then.
"""

from __future__ import annotations

from cases import Case
from exact.relu.rank_one import factor_rank_one
from exact.relu.spike_free import decide_spike_free

from ...context import Context
from ...conventions import EP_NOBIAS
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, REFUTED, VACUOUS, Draft
from ._shared import certify_decision, named_cases, rank_one, sample_matrix


@claim("ep.lem-2.5", "ep", "Lemma 2.5 (Section 2.2.1) and its appendix proof",
       "rank-one A = c a^T with c >= 0 is spike-free (mixed signs: not)", "exact",
       lambda: named_cases("ep-spikefree-rank1-"), needs=Needs(Data.MATRIX, condition=rank_one))
def check_rank_one(case: Case, ctx: Context) -> Draft:
    """One-signed c: PROVED by the certificate ``holds spike-free`` (REFUTED by a certified witness).
    Mixed c: VACUOUS (the hypothesis c >= 0 fails up to the global sign), with the certificate of what
    happens: ``fails spike-free``, so the hypothesis cannot be dropped.
    """
    A = sample_matrix(case)
    dec = decide_spike_free(A)
    if dec.method != "rank-one":
        raise ValueError(f"{case.name}: ep Lemma 2.5 needs rank-one data A = c a^T")
    c, _ = factor_rank_one(A)  # the signs of c are a property of the data (c is unique up to a scale)
    res = Draft("ep.lem-2.5", case.name, ERROR, "exact", EP_NOBIAS)
    cert = certify_decision(dec, res, ctx)
    mixed = any(t > 0 for t in c) and any(t < 0 for t in c)
    if mixed:
        res.notes.append("c has mixed signs: Lemma 2.5's hypothesis fails (up to the global sign c a^T = "
                         "(-c)(-a)^T), so the lemma is vacuous here; and the hypothesis is needed: the certificate "
                         + ("shows this A is not spike-free" if cert.kind_relation == "fails" else
                            "does not show that A is not spike-free"))
        res.verdict = VACUOUS if cert.ok else ERROR
        return res
    res.notes.append("c is one-signed: Lemma 2.5 (or its mirror c <= 0) applies")
    res.verdict = {"holds": PROVED, "fails": REFUTED}.get(cert.kind_relation, ERROR)
    return res
