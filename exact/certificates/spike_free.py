"""Kind "spike-free": a data matrix is spike-free (Gram Z-matrix criterion, or one-signed rank one)."""

from __future__ import annotations

from ..relu.spike_free import SpikeFreeDecision
from . import certificate_header


def spike_free_certificate(dec: SpikeFreeDecision, claim: str, case: str) -> dict:
    """The certificate of a decision ``dec`` with ``dec.spike_free`` (evidence ``gram`` or ``rank_one``).

    >>> from fractions import Fraction as F
    >>> from exact.relu.spike_free import decide_spike_free
    >>> doc = spike_free_certificate(decide_spike_free([[F(1), F(0)], [F(1), F(1)]]), "demo", "demo")
    >>> doc["relation"], doc["gram"]
    ({'type': 'holds', 'property': 'spike-free'}, {'K': [['2', '-1'], ['-1', '1']]})
    """
    if not dec.spike_free:
        raise ValueError("spike_free_certificate: the decision is 'not spike-free'; write a spike-witness")
    strs = lambda vec: [str(v) for v in vec]  # noqa: E731
    doc = certificate_header("spike-free", claim, case, "Q_X = X B_2 cap R^n_+ (bias-free, ||u|| <= 1)")
    doc.update(data={"X": [strs(r) for r in dec.A]}, relation={"type": "holds", "property": "spike-free"})
    if dec.K is not None:
        doc["gram"] = {"K": [strs(r) for r in dec.K]}
    elif dec.c is not None and dec.a is not None:
        doc["rank_one"] = {"c": strs(dec.c), "a": strs(dec.a)}
    else:
        raise ValueError(f"spike_free_certificate: the {dec.method} decision carries no evidence")
    return doc
