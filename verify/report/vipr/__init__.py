"""VIPR 1.0 exports of exact LP certificates.

Kinds exported (:func:`vipr_of`), all through the one writer of :mod:`._core` (one ``lin`` row from the
certificate's dual, reduced costs on the bound rows; see there):

* explicit finite LPs (:mod:`._finite`): ``lp`` (data.problem itself), ``pattern-program-1d`` (kh (7),
  (11) over the 2n sign patterns, |w_t| split) and ``pattern-face-pieces`` (its LP optimum only);
* 1-D network problems as finite dictionary LPs (:mod:`._dictionary`): ``relu1d-l1-interpolation``,
  ``relu1d-margin``, ``relu1d-hinge`` (loss slacks), ``relu1d-function-norm``; the semi-infinite step from
  the dictionary to every neuron is stated in the file's ``%`` note and checked by our checker only.

Not exported (:func:`why_no_vipr` says why): unbounded LPs (no relation to prove), ``l1-ls-kkt`` (a squared
loss), ``pattern-program-lower`` (norms), ``relu1d-extreme-point`` (no LP evidence) and every other kind.

>>> doc = {"format": "relu-certify-certificate", "version": 2, "kind": "lp",
...        "data": {"problem": {"c": ["1", "1"], "A_eq": [["1", "2"]], "b_eq": ["3"], "A_ub": [], "b_ub": [],
...                             "free": []}},
...        "relation": {"type": "equals", "value": "3/2"}, "primal": {"x": ["0", "3/2"]},
...        "dual": {"y_eq": ["1/2"], "y_ub": []}}
>>> print(vipr_of(doc).text, end="")
% VIPR form of an lp certificate: the LP of data.problem itself; its bound is weak duality (one lin row).
VER 1.0
VAR 2
x0 x1
INT 0
OBJ min
2 0 1 1 1
CON 3 2
B0 G 0 1 0 1
B1 G 0 1 1 1
E0 E 3 2 0 1 1 2
RTP range 3/2 3/2
SOL 1
primal 1 1 3/2
DER 1
lower G 3/2 OBJ { lin 2 0 1/2 2 1/2 } -1
>>> why_no_vipr(dict(doc, kind="l1-ls-kkt"))[:40]
'its objective has the squared loss (scal'
"""

from __future__ import annotations

from typing import Callable

from exact.checker import FORMAT, VERSION

from ._core import ViprExport
from ._dictionary import (
    FUNCTION_NORM_NOTE,
    OFF_DATA_NOTE,
    SEMI_INFINITE_NOTE,
    function_norm_export,
    hinge_export,
    interpolation_export,
    margin_export,
    semi_infinite_note,
)
from ._finite import FACE_NOTE, LP_NOTE, PATTERN_NOTE, face_pieces_export, lp_export, pattern_export

__all__ = ["ViprExport", "vipr_of", "why_no_vipr", "EXPORTS", "SEMI_INFINITE_NOTE", "OFF_DATA_NOTE", "LP_NOTE",
           "PATTERN_NOTE", "FACE_NOTE", "FUNCTION_NORM_NOTE", "semi_infinite_note"]

EXPORTS: dict[str, Callable[[dict], ViprExport]] = {
    "lp": lp_export, "pattern-program-1d": pattern_export, "pattern-face-pieces": face_pieces_export,
    "relu1d-l1-interpolation": interpolation_export, "relu1d-margin": margin_export, "relu1d-hinge": hinge_export,
    "relu1d-function-norm": function_norm_export}

NOT_LP = {
    "l1-ls-kkt": "its objective has the squared loss (scale / 2) ||r||^2: a convex quadratic program, not an LP",
    "pattern-program-lower": "its cost sum N(w, b) is a sum of Euclidean norms ||w||_2: a cone program, not an LP",
    "relu1d-extreme-point": ("a support function computed from the data (g at every breakpoint): the certificate "
                             "has no LP multipliers to write a derivation from"),
}


def why_no_vipr(certificate: dict) -> str | None:
    """Why :func:`vipr_of` returns None for ``certificate`` (None when it exports it)."""
    kind = certificate.get("kind")
    if (certificate.get("format"), certificate.get("version")) != (FORMAT, VERSION):
        return f"not a {FORMAT} version {VERSION} certificate, whose fields this export reads"
    if kind == "lp" and "ray" in certificate:
        return "an unbounded LP has no VIPR relation to prove (RTP is a range of the optimum or infeas)"
    if kind not in EXPORTS:
        return NOT_LP.get(str(kind), f"kind {kind!r} is no finite LP with a VIPR form")
    return None


def vipr_of(certificate: dict) -> ViprExport | None:
    """The VIPR 1.0 export of a certificate of a kind in :data:`EXPORTS`, None for any other (and for an
    unbounded LP): see :func:`why_no_vipr`. The certificate is not checked here; a wrong one gives a file
    that VIPR (and ``tests/verify/vipr_spec.py``) rejects."""
    if why_no_vipr(certificate) is not None:
        return None
    return EXPORTS[certificate["kind"]](certificate)
