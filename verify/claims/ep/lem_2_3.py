"""ep.lem-2.3: the two characterisations of spike-freeness (6)/(7) agree.

Convention (ep footnote 5): neurons u with ||u||_2 <= 1, no hidden bias, no output bias. Spike-freeness
is decided exactly (Gram criterion of :mod:`exact.relu.spike_free`: a certificate, or a witness), then
the paper's second condition (:func:`verify.claims.ep.programs.paper_condition_7`) is compared.
"""

from __future__ import annotations

from cases import Case
from exact.relu.spike_free import decide_spike_free

from ...audit import audit_check
from ...context import Context
from ...conventions import EP_NOBIAS
from ...registry import claim
from ...result import ERROR, PROVED, REFUTED, Draft
from ._shared import _cases, _certify_decision, _matrix_of
from .programs import paper_condition_7


@claim("ep.lem-2.3", "ep", "Lemma 2.3 (Section 2.2.1) and its appendix proof",
       "spike-free characterisations (6)/(7) agree", "exact",
       lambda: _cases("ep-spikefree-") + _cases("ep-whitened-"), needs_1d=False)
def check_characterisations(case: Case, ctx: Context) -> Draft:
    """Decide spike-freeness (definition / (6)) exactly, then the paper's second condition; compare.

    Full row rank: (7) reads max_{||u||<=1} ||A^+ (A u)_+|| <= 1; rank-deficient
    A: the same max restricted to the u with (I - A A^+)(A u)_+ = 0. The
    restriction drops exactly the u whose (A u)_+ is outside range(A), i.e.
    the u that violate (6), so the rank-deficient condition can hold for a
    matrix that is not spike-free.
    """
    A = _matrix_of(case)
    dec = decide_spike_free(A)
    res = Draft("ep.lem-2.3", case.name, ERROR, "exact", EP_NOBIAS)
    ok = _certify_decision(dec, res, ctx)
    holds, value = paper_condition_7(dec)
    full = dec.method == "gram"
    cond = "(7)" if full else "rank-deficient condition (max over (I - A A^+)(A u)_+ = 0)"
    res.notes.append(f"{cond}: max ||A^+ (A u)_+||^2 {'=' if holds else '>='} {value} -> "
                     f"{'holds' if holds else 'fails'}; definition / (6): "
                     f"{'spike-free' if dec.spike_free else 'NOT spike-free'}")
    agree = holds == dec.spike_free
    if not agree:
        res.notes.append(f"FINDING: Lemma 2.3's {cond} {'holds' if holds else 'fails'} but A is "
                         f"{'' if dec.spike_free else 'NOT '}spike-free (certificate above): the characterisation "
                         "is wrong for rank-deficient A (the constraint must hold for every u, not filter them)")
    res.printed.append(audit_check(f"Lemma 2.3: spike-free <=> {cond}", "equivalent", agree,
                                   f"definition: {dec.spike_free}; condition: {holds} (value {value})"))
    res.value = str(value)
    res.verdict = ERROR if not ok else PROVED if agree else REFUTED
    return res
