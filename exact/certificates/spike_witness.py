"""Kind "spike-witness": a neuron (A u)_+ that no A z with ||z|| <= 1 equals (the matrix is not spike-free)."""

from __future__ import annotations

from ..relu.spike_free import SpikeFreeDecision
from . import certificate_header


def spike_witness_certificate(dec: SpikeFreeDecision, claim: str, case: str) -> dict:
    """The certificate of a decision ``dec`` that is not spike-free (its witness u, b = (A u)_+ and t or k)."""
    w = dec.witness
    if w is None:
        raise ValueError("spike_witness_certificate: the decision has no witness (it is spike-free)")
    strs = lambda vec: [str(v) for v in vec]  # noqa: E731
    doc = certificate_header("spike-witness", claim, case, "(A u)_+ with ||u|| <= 1 is not A z for any ||z|| <= 1: "
                             "A is NOT spike-free")
    doc.update(A=[strs(r) for r in dec.A], u=strs(w.u), b=strs(w.b))
    doc.update({"t": strs(w.t)} if w.t is not None else {"k": strs(w.k)})
    return doc
