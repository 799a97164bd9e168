"""Kind "spike-witness": a neuron (X u)_+ that no X z with ||z|| <= 1 equals (the matrix is not spike-free)."""

from __future__ import annotations

from ..relu.spike_free import SpikeFreeDecision
from . import certificate_header


def spike_witness_certificate(dec: SpikeFreeDecision, claim: str, case: str) -> dict:
    """The certificate of a decision ``dec`` that is not spike-free: its witness u and t (or k).

    >>> from fractions import Fraction as F
    >>> from exact.relu.spike_free import decide_spike_free
    >>> doc = spike_witness_certificate(decide_spike_free([[F(1), F(0)], [F(-3, 5), F(4, 5)]]), "demo", "demo")
    >>> doc["relation"]
    {'type': 'fails', 'property': 'spike-free', 'min_norm2': '25/16'}
    """
    w = dec.witness
    if w is None:
        raise ValueError("spike_witness_certificate: the decision has no witness (it is spike-free)")
    strs = lambda vec: [str(v) for v in vec]  # noqa: E731
    doc = certificate_header("spike-witness", claim, case, "(X u)_+ with ||u|| <= 1 is not X z for any ||z|| <= 1: "
                             "X is NOT spike-free")
    relation = {"type": "fails", "property": "spike-free", "min_norm2": None if w.t is None else str(w.norm2)}
    doc.update(data={"X": [strs(r) for r in dec.A]}, relation=relation, u=strs(w.u))
    doc.update({"t": strs(w.t)} if w.t is not None else {"k": strs(w.k)})
    return doc
