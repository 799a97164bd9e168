"""Kind "spike-free": a data matrix is spike-free (Gram Z-matrix criterion, or one-signed rank one)."""

from __future__ import annotations

from ..relu.spike_free import SpikeFreeDecision
from . import certificate_header


def spike_free_certificate(dec: SpikeFreeDecision, claim: str, case: str) -> dict:
    """The certificate of a decision ``dec`` with ``dec.spike_free`` (method "gram" or "rank-one")."""
    if not dec.spike_free:
        raise ValueError("spike_free_certificate: the decision is 'not spike-free'; write a spike-witness")
    strs = lambda vec: [str(v) for v in vec]  # noqa: E731
    doc = certificate_header("spike-free", claim, case, "Q_A = A B_2 cap R^n_+ (bias-free, ||u|| <= 1)")
    doc.update(A=[strs(r) for r in dec.A], method=dec.method)
    doc.update({"K": [strs(r) for r in dec.K]} if dec.method == "gram" else {"c": strs(dec.c), "a": strs(dec.a)})
    return doc
