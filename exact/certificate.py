"""Certificates: JSON documents of exact answers, re-checked by :mod:`exact.checker`.

Every rational is a string "p/q". Two kinds are written here:

* ``relu1d-l1-interpolation``: data x, y, leaky slope, the primal network
  (atoms with knots at data points, weights, constant), the dual v and the
  value. The checker rebuilds the dictionary from x and checks the dual
  against the whole semi-infinite constraint, so the certificate proves the
  infinite-width optimum.
* ``lp``: an explicit finite LP with its optimal primal/dual pair, Farkas
  vector or unbounded ray.

>>> from fractions import Fraction as F
>>> from exact.interpolation import interpolate_1d
>>> doc = interpolation_certificate(interpolate_1d([F(0), F(1)], [F(0), F(1)]), claim="demo", case="line")
>>> doc["kind"], doc["value"]
('relu1d-l1-interpolation', '1')
"""

from __future__ import annotations

import json
from pathlib import Path

from .interpolation import Interpolation1D
from .lp import LinearProgram, LPResult

FORMAT = "relu-certify-certificate"
VERSION = 1


def certificate_header(kind: str, claim: str, case: str, statement: str) -> dict:
    return {"format": FORMAT, "version": VERSION, "kind": kind, "claim": claim, "case": case,
            "statement": statement}


def interpolation_certificate(sol: Interpolation1D, claim: str, case: str, statement: str = "") -> dict:
    statement = statement or (
        "inf ||w||_1 s.t. sum_j w_j s_alpha(u_j x_i + b_j)"
        + (" + c" if sol.output_bias else "")
        + " = y_i, |u_j| <= 1, b_j free, over networks of any width, equals value; "
        "the dual v is feasible for every (u, b)"
    )
    weights, constant = sol.weights, sol.constant
    if sol.attained_by is not None and not sol.output_bias:
        weights, constant = sol.attained_by  # an optimum that a finite network realises
    doc = certificate_header("relu1d-l1-interpolation", claim, case, statement)
    doc.update(
        data={"x": [str(v) for v in sol.x], "y": [str(v) for v in sol.y], "alpha": str(sol.alpha)},
        output_bias=sol.output_bias,
        primal={
            "atoms": [{"u": a.u, "knot": str(a.knot), "weight": str(w)}
                      for a, w in zip(sol.atoms, weights) if w],
            "constant": str(constant),
        },
        dual={"v": [str(v) for v in sol.dual]},
        value=str(sol.value),
        attained=sol.attained,
    )
    return doc


def lp_certificate(lp: LinearProgram, res: LPResult, claim: str, case: str, statement: str) -> dict:
    doc = certificate_header("lp", claim, case, statement)
    doc["problem"] = lp.dense()
    doc.update(res.certificate_body())
    return doc


def write_certificate(doc: dict, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1) + "\n")
    return path
