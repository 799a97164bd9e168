"""Kind "bridge-vertex-min": the optimal basic solutions of min sum |w_i|^(2/L) s.t. A w = y."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..relu.bridge import BridgeOptimum, power_root
from . import certificate_header, number


def bridge_certificate(A: Sequence[Sequence[Fraction]], y: Sequence[Fraction], opt: BridgeOptimum,
                       claim: str, case: str, witness: Sequence[Fraction] | None = None,
                       role: str = "suboptimal") -> dict:
    """Kind ``bridge-vertex-min`` (exact/checker/bridge_vertex_min.py): the optimal basic solutions of (49), each
    entry's |w_i|^(2/L) as c m^(1/L), and optionally a feasible ``witness`` with more than N non-zeros
    that is optimal (``role`` "optimal", L = 2) or strictly worse ("suboptimal").

    >>> from exact.relu.bridge import minimise_bridge
    >>> F = Fraction
    >>> doc = bridge_certificate([[F(1), F(2), F(4)]], [F(2)], minimise_bridge([[F(1), F(2), F(4)]], [F(2)], 3), "", "")
    >>> doc["relation"], doc["optima"]
    ({'type': 'equals', 'value': {'root': 3, 'terms': {'2': '1/2'}}, 'attained': True, 'optimal_basic': 1}, \
[{'w': ['0', '0', '1/2'], 'roots': [[2, '1/2', 2]]}])
    """
    doc = certificate_header(
        "bridge-vertex-min", claim, case,
        f"min sum_i |w_i|^(2/{opt.L}) s.t. A w = y is attained exactly at the listed basic solutions "
        "(concave on each sign orthant, nondecreasing along recession directions: ses Theorem C.3)")
    optima = []
    for i in opt.optimal:
        w = opt.basic[i]
        roots = [[j, str(c), m] for j, (c, m) in ((j, power_root(x, opt.L)) for j, x in enumerate(w) if x)]
        optima.append({"w": [str(x) for x in w], "roots": roots})
    relation = {"type": "equals", "value": number(opt.value)} | {"attained": True, "optimal_basic": len(opt.optimal)}
    doc.update(data={"A": [[str(x) for x in row] for row in A], "y": [str(b) for b in y], "L": opt.L},
               relation=relation, optima=optima)
    if witness is not None:
        doc["witness"] = {"w": [str(x) for x in witness], "role": role}
        relation["witness"] = role
    return doc
