"""ep.lem-2.3: the two characterisations of spike-freeness (6)/(7) agree.

Convention (ep footnote 5): neurons u with ||u||_2 <= 1, no hidden bias, no output bias. Spike-freeness
is decided exactly (Gram criterion of :mod:`exact.relu.spike_free`) and certified (kind spike-free:
``holds``; kind spike-witness: ``fails`` with the witness's min_norm2), then the paper's second condition
(:func:`verify.claims.ep.programs.paper_condition_7`, from the certified decision) is compared.
"""

from __future__ import annotations

from cases import Case
from exact.linalg import rank
from exact.relu.spike_free import decide_spike_free

from ...audit import audit_check
from ...context import Context
from ...conventions import EP_NOBIAS
from ...registry import claim
from ...requirements import Data, Needs
from ...result import ERROR, PROVED, REFUTED, Draft
from ._shared import certify_decision, named_cases, sample_matrix
from .programs import paper_condition_7


@claim("ep.lem-2.3", "ep", "Lemma 2.3 (Section 2.2.1) and its appendix proof",
       "spike-free characterisations (6)/(7) agree", "exact",
       lambda: named_cases("ep-spikefree-") + named_cases("ep-whitened-"), needs=Needs(Data.MATRIX))
def check_characterisations(case: Case, ctx: Context) -> Draft:
    """Decide spike-freeness (definition / (6)) exactly, then the paper's second condition; compare.

    Full row rank: (7) reads max_{||u||<=1} ||A^+ (A u)_+|| <= 1; rank-deficient
    A: the same max restricted to the u with (I - A A^+)(A u)_+ = 0. The
    restriction drops exactly the u whose (A u)_+ is outside range(A), i.e.
    the u that violate (6), so the rank-deficient condition can hold for a
    matrix that is not spike-free. PROVED when the condition agrees with the
    certified decision, REFUTED when the certificate contradicts it.
    """
    A = sample_matrix(case)
    res = Draft("ep.lem-2.3", case.name, ERROR, "exact", EP_NOBIAS)
    cert = certify_decision(decide_spike_free(A), res, ctx)
    if not cert.ok:
        return res
    spike_free = cert.kind_relation == "holds"
    holds, value = paper_condition_7(A, cert)
    cond = "(7)" if rank(A) == len(A) else "rank-deficient condition (max over (I - A A^+)(A u)_+ = 0)"
    res.notes.append(f"{cond}: max ||A^+ (A u)_+||^2 {'=' if holds else '>='} {value} -> "
                     f"{'holds' if holds else 'fails'}; definition / (6): "
                     f"{'spike-free' if spike_free else 'NOT spike-free'} (certified)")
    agree = holds == spike_free
    if not agree:
        res.finding("Lemma 2.3", f"A is spike-free if and only if the {cond} holds",
                    f"the condition {'holds' if holds else 'fails'} (max {value}) but A is "
                    f"{'' if spike_free else 'NOT '}spike-free (certificate): the characterisation is wrong for "
                    "rank-deficient A (the constraint must hold for every u, not filter them)", cert.path)
    res.printed.append(audit_check(f"Lemma 2.3: spike-free <=> {cond}", "equivalent", agree,
                                   f"definition: {spike_free}; condition: {holds} (value {value})"))
    res.value = value
    res.verdict = PROVED if agree else REFUTED
    return res
