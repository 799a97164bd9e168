"""Independent exact certificate checker: the trusted base of relu-certify.

Uses only the Python standard library and exact ``Fraction`` arithmetic; it
imports nothing from the rest of the project.  Every rational in a certificate
is a JSON *string* parsed by ``Fraction`` ("3/5", "-11/4", "7", "0.6").  A
malformed certificate is reported, never raised: ``check_certificate`` and
``check_file`` always return a ``CheckReport``.

A certificate is a JSON object with ``"format": "relu-certify-certificate"``,
``"version": 1`` and a ``"kind"`` among ``"relu1d-l1-interpolation"`` and
``"lp"`` (see ``_check_relu1d`` and ``_check_lp`` for the conditions checked).
The fields ``"claim"``, ``"case"`` and ``"statement"`` are informational.

Example::

    >>> doc = {"format": "relu-certify-certificate", "version": 1, "kind": "lp",
    ...        "problem": {"c": ["1", "1"], "A_eq": [["1", "2"]], "b_eq": ["3"],
    ...                    "A_ub": [], "b_ub": [], "free": []},
    ...        "status": "optimal", "value": "3/2",
    ...        "primal": {"x": ["0", "3/2"]}, "dual": {"y_eq": ["1/2"], "y_ub": []}}
    >>> check_certificate(doc)
    CheckReport(ok=True, kind='lp', value='3/2', problems=[])
"""
from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Optional

FORMAT, VERSION = "relu-certify-certificate", 1


@dataclass(frozen=True)
class CheckReport:
    """Outcome of a check; ``value`` is ``str(Fraction)`` of the certified value when ok."""

    ok: bool
    kind: str
    value: Optional[str]
    problems: list[str]


class _Malformed(Exception):
    """A field is missing or ill-typed; the message names the field."""


def _show(obj: Any) -> str:
    text = repr(obj)
    return text if len(text) <= 60 else text[:57] + "..."


def _at(obj: Any, path: str, prefix: str = "") -> Any:
    """Follow the dotted ``path`` from ``obj``; a missing or non-object step is _Malformed."""
    name = prefix
    for key in path.split("."):
        if not isinstance(obj, dict):
            raise _Malformed(f"{name or 'certificate'}: expected a JSON object, got {_show(obj)}")
        name = f"{name}.{key}" if name else key
        if key not in obj:
            raise _Malformed(f"{name}: missing field")
        obj = obj[key]
    return obj


def _q(s: Any, name: str) -> Fraction:
    """Parse a rational given as a JSON string (finite, nonzero denominator)."""
    if isinstance(s, str):
        try:
            return Fraction(s)
        except (ValueError, ZeroDivisionError):
            pass
    raise _Malformed(f"{name}: expected a rational string like '3/4', got {_show(s)}")


def _list(seq: Any, name: str, length: Optional[int] = None) -> list:
    if not isinstance(seq, list):
        raise _Malformed(f"{name}: expected a list, got {_show(seq)}")
    if length is not None and len(seq) != length:
        raise _Malformed(f"{name}: expected {length} entries, got {len(seq)}")
    return seq


def _qlist(seq: Any, name: str, length: Optional[int] = None) -> list[Fraction]:
    return [_q(s, f"{name}[{i}]") for i, s in enumerate(_list(seq, name, length))]


def _bool(b: Any, name: str) -> bool:
    if not isinstance(b, bool):
        raise _Malformed(f"{name}: expected true or false, got {_show(b)}")
    return b


def _dot(a: list[Fraction], b: list[Fraction]) -> Fraction:
    return sum((p * q for p, q in zip(a, b)), Fraction(0))


def _ramp_sums(alpha: Fraction, u: int, knots: list[Fraction], coefs: list[Fraction],
               points: list[Fraction]) -> list[Fraction]:
    """Return [sum_j coefs[j] * s_alpha(u * (p - knots[j])) for p in points], u in {1, -1}.

    With L(p) = sum_{t_j <= p} c_j (p - t_j) and G(p) = sum_{t_j > p} c_j (p - t_j),
    the sum is L + alpha*G for u = 1 and -(G + alpha*L) for u = -1 (a tie t_j = p
    contributes 0 to either side).  Sorting plus prefix sums of c_j and c_j t_j make
    it O((m + n) log m).
    """
    order = sorted(range(len(knots)), key=knots.__getitem__)
    ts = [knots[j] for j in order]
    pc, pct = [Fraction(0)], [Fraction(0)]
    for j in order:
        pc.append(pc[-1] + coefs[j])
        pct.append(pct[-1] + coefs[j] * knots[j])
    out = []
    for p in points:
        i = bisect_right(ts, p)
        low = p * pc[i] - pct[i]
        high = p * (pc[-1] - pc[i]) - (pct[-1] - pct[i])
        out.append(low + alpha * high if u == 1 else -(high + alpha * low))
    return out


def _check_relu1d(doc: dict, problems: list[str]) -> Fraction:
    """Kind "relu1d-l1-interpolation": inf ||w||_1 s.t. sum_j w_j s_alpha(u_j x_i + b_j) + c = y_i.

    Structure: data.x (distinct), data.y (same length >= 1), data.alpha != 1; output_bias
    (bool); primal.atoms[j] = {u in {1,-1} (JSON int), knot in data.x, weight}, each atom
    being x -> s_alpha(u (x - knot)); primal.constant; dual.v (length n); value; optional
    attained (bool).  Conditions (exact):
      1. primal feasibility: sum_j weight_j s_alpha(u_j (x_i - knot_j)) + constant == y_i, all i;
      2. primal cost: sum_j |weight_j| == value;
      3. dual objective: sum_i v_i y_i == value;
      4. dual feasibility, |g_u(b)| <= 1 for all |u| <= 1, b real, g_u(b) = sum_i v_i s_alpha(u x_i + b):
         (a) u = 0 gives g = s_alpha(b) sum(v), unbounded unless sum(v) == 0, which is checked;
         (b) for 0 < |u| < 1, g_u(b) = |u| g_{sign u}(b / |u|) (positive homogeneity), so only
             u = +-1 remain (and u = 0 gives 0 once sum(v) = 0);
         (c) for u = +-1, g_u is continuous piecewise linear in b with breakpoints b = -u x_k;
             beyond them it is constant (slopes sum(v) and alpha sum(v) vanish): u sum_i v_i x_i
             as b -> +inf and alpha u sum_i v_i x_i as b -> -inf.  So sup|g_u| is the max of
             |g_u(-u x_k)| = |sum_i v_i s_alpha(u (x_i - x_k))| over k and the two limits; all
             are checked (the limits equal the values at the extreme breakpoints, so checking
             them too is deliberate redundancy, and only done when sum(v) == 0).
      5. if attained is true and output_bias is false: constant == 0, or constant > 0 (< 0) and
         some atom (u=1, knot=min x) or (u=-1, knot=max x) has weight > 0 (< 0).  That atom is
         affine and positive on the data, so moving its knot outward by t >= 0 adds weight*t
         on every data point at no extra cost, absorbing the constant into a finite network.
    """
    x = _qlist(_at(doc, "data.x"), "data.x")
    n = len(x)
    if n < 1:
        raise _Malformed("data.x: expected at least one point")
    y = _qlist(_at(doc, "data.y"), "data.y", n)
    alpha = _q(_at(doc, "data.alpha"), "data.alpha")
    if alpha == 1:
        raise _Malformed("data.alpha: must differ from 1")
    seen: set[Fraction] = set()
    for i, xi in enumerate(x):
        if xi in seen:
            raise _Malformed(f"data.x[{i}]: duplicate data point {xi}")
        seen.add(xi)
    bias = _bool(_at(doc, "output_bias"), "output_bias")
    atoms: list[tuple[int, Fraction, Fraction]] = []
    for j, a in enumerate(_list(_at(doc, "primal.atoms"), "primal.atoms")):
        name = f"primal.atoms[{j}]"
        u = _at(a, "u", name)
        if type(u) is not int or u not in (1, -1):
            raise _Malformed(f"{name}.u: expected the JSON integer 1 or -1, got {_show(u)}")
        knot = _q(_at(a, "knot", name), f"{name}.knot")
        if knot not in seen:
            raise _Malformed(f"{name}.knot: {knot} is not a data point")
        atoms.append((u, knot, _q(_at(a, "weight", name), f"{name}.weight")))
    constant = _q(_at(doc, "primal.constant"), "primal.constant")
    v = _qlist(_at(doc, "dual.v"), "dual.v", n)
    value = _q(_at(doc, "value"), "value")
    attained = _bool(doc.get("attained", False), "attained")

    net = [constant] * n                                                  # 1.
    for u in (1, -1):
        chosen = [(k, w) for (uu, k, w) in atoms if uu == u]
        vals = _ramp_sums(alpha, u, [k for k, _ in chosen], [w for _, w in chosen], x)
        net = [a + b for a, b in zip(net, vals)]
    for i in range(n):
        if net[i] != y[i]:
            problems.append(f"primal: point {i} (x = {x[i]}): network = {net[i]} but y = {y[i]}")
    cost = sum((abs(w) for _, _, w in atoms), Fraction(0))                 # 2.
    if cost != value:
        problems.append(f"primal: cost sum|weight| = {cost} but value = {value}")
    dual_obj = _dot(v, y)                                                   # 3.
    if dual_obj != value:
        problems.append(f"dual: objective sum v_i y_i = {dual_obj} but value = {value}")
    if sum(v) != 0:                                                         # 4(a).
        problems.append(f"dual: constant direction (u = 0, b -> +inf): sum(v) = {sum(v)}, must be 0")
    else:                                                                   # 4(c) limits.
        svx = _dot(v, x)
        for u in (1, -1):
            for end, g in (("+inf", u * svx), ("-inf", alpha * u * svx)):
                if abs(g) > 1:
                    problems.append(f"dual: u = {u}, limit b -> {end}: |g| = {abs(g)} > 1")
    for u in (1, -1):                                                       # 4(c) breakpoints.
        for k, g in enumerate(_ramp_sums(alpha, -u, x, v, x)):
            if abs(g) > 1:
                problems.append(f"dual: u = {u}, breakpoint b = {-u * x[k]} (k = {k}): |g| = {abs(g)} > 1")
    if attained and not bias and constant != 0:                             # 5.
        lo, hi = min(x), max(x)
        if not any((uu, k) in ((1, lo), (-1, hi)) and w * constant > 0 for uu, k, w in atoms):
            problems.append(f"attained: constant {constant} cannot be absorbed: no atom (u=1, knot={lo})"
                            f" or (u=-1, knot={hi}) with a weight of the same sign")
    return value


def _check_lp(doc: dict, problems: list[str]) -> Optional[Fraction]:
    """Kind "lp": min c.x s.t. A_eq x = b_eq, A_ub x <= b_ub, x_j >= 0 for j not in free.

    Dual convention: max b_eq.y + b_ub.z s.t. z <= 0, (A_eq^T y + A_ub^T z)_j <= c_j for
    nonnegative j and == c_j for free j.  Rows must have len(c) entries, b_* one entry per row,
    free is a list of JSON integer indices in range(len(c)).  By status:
      "optimal": primal.x feasible; dual (y_eq, y_ub) feasible; c.x == value == b_eq.y + b_ub.z.
      "infeasible": farkas (y_eq, y_ub) with z <= 0, (A_eq^T y + A_ub^T z)_j <= 0 for
         nonnegative j, == 0 for free j, and b_eq.y + b_ub.z > 0; value must be null.
      "unbounded": primal.x feasible; ray d with A_eq d = 0, A_ub d <= 0, d_j >= 0 for
         nonnegative j, c.d < 0; value must be null.
    """
    c = _qlist(_at(doc, "problem.c"), "problem.c")
    nv = len(c)
    mats = {}
    for m in ("eq", "ub"):
        rows = _list(_at(doc, f"problem.A_{m}"), f"problem.A_{m}")
        mats[m] = ([_qlist(r, f"problem.A_{m}[{i}]", nv) for i, r in enumerate(rows)],
                   _qlist(_at(doc, f"problem.b_{m}"), f"problem.b_{m}", len(rows)))
    free = set()
    for i, j in enumerate(_list(_at(doc, "problem.free"), "problem.free")):
        if type(j) is not int or not 0 <= j < nv:
            raise _Malformed(f"problem.free[{i}]: expected a variable index in 0..{nv - 1}, got {_show(j)}")
        free.add(j)
    status = _at(doc, "status")

    def vec(path: str, length: int) -> list[Fraction]:
        return _qlist(_at(doc, path), path, length)

    def primal_ok(label: str, x: list[Fraction], zero_rhs: bool) -> None:
        for m, rel in (("eq", "="), ("ub", "<=")):
            for i, (row, bi) in enumerate(zip(*mats[m])):
                ax, rhs = _dot(row, x), Fraction(0) if zero_rhs else bi
                if (ax != rhs) if m == "eq" else (ax > rhs):
                    problems.append(f"{label}: A_{m} row {i}: A x = {ax} but must be {rel} {rhs}")
        for j in range(nv):
            if j not in free and x[j] < 0:
                problems.append(f"{label}: entry {j} = {x[j]} < 0 but the variable is nonnegative")

    def dual_ok(label: str, path: str, rhs: list[Fraction]) -> Fraction:
        y, z = vec(f"{path}.y_eq", len(mats["eq"][0])), vec(f"{path}.y_ub", len(mats["ub"][0]))
        for i, zi in enumerate(z):
            if zi > 0:
                problems.append(f"{label}: y_ub[{i}] = {zi} > 0 but must be <= 0")
        for j in range(nv):
            aty = _dot([r[j] for r in mats["eq"][0]], y) + _dot([r[j] for r in mats["ub"][0]], z)
            if (aty != rhs[j]) if j in free else (aty > rhs[j]):
                rel = "==" if j in free else "<="
                problems.append(f"{label}: column {j}: (A^T y)_j = {aty} but must be {rel} {rhs[j]}")
        return _dot(mats["eq"][1], y) + _dot(mats["ub"][1], z)

    if status == "optimal":
        x, value = vec("primal.x", nv), _q(_at(doc, "value"), "value")
        primal_ok("primal", x, False)
        dual_obj = dual_ok("dual", "dual", c)
        if _dot(c, x) != value:
            problems.append(f"primal: objective c.x = {_dot(c, x)} but value = {value}")
        if dual_obj != value:
            problems.append(f"dual: objective b.y = {dual_obj} but value = {value}")
        return value
    if status not in ("infeasible", "unbounded"):
        raise _Malformed(f"status: expected 'optimal', 'infeasible' or 'unbounded', got {_show(status)}")
    if doc.get("value") is not None:
        raise _Malformed(f"value: must be null for status {status!r}, got {_show(doc['value'])}")
    if status == "infeasible":
        gap = dual_ok("farkas", "farkas", [Fraction(0)] * nv)
        if gap <= 0:
            problems.append(f"farkas: b.y = {gap} but must be > 0")
    else:
        primal_ok("primal", vec("primal.x", nv), False)
        d = vec("ray", nv)
        primal_ok("ray", d, True)
        if _dot(c, d) >= 0:
            problems.append(f"ray: c.d = {_dot(c, d)} but must be < 0")
    return None


_CHECKERS: dict[str, Callable[[dict, list[str]], Optional[Fraction]]] = {
    "relu1d-l1-interpolation": _check_relu1d, "lp": _check_lp}


def check_certificate(doc: dict) -> CheckReport:
    """Check a parsed certificate; never raises.  ok iff no problem was found."""
    kind = doc.get("kind") if isinstance(doc, dict) else None
    kind_name = kind if isinstance(kind, str) else "?"
    problems: list[str] = []
    value = None
    try:
        if _at(doc, "format") != FORMAT:
            raise _Malformed(f"format: expected {FORMAT!r}, got {_show(doc['format'])}")
        version = _at(doc, "version")
        if type(version) is not int or version != VERSION:
            raise _Malformed(f"version: expected {VERSION}, got {_show(version)}")
        if _at(doc, "kind") not in _CHECKERS:
            raise _Malformed(f"kind: unknown certificate kind {_show(kind)}")
        value = _CHECKERS[kind](doc, problems)
    except _Malformed as err:
        problems.append(str(err))
    except Exception as err:  # defensive: a checker bug must fail closed, not crash
        problems.append(f"checker error: {type(err).__name__}: {err}")
    ok = not problems
    return CheckReport(ok, kind_name, str(value) if ok and value is not None else None, problems)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    obj: dict = {}
    for key, val in pairs:
        if key in obj:
            raise ValueError(f"duplicate key {key!r}")
        obj[key] = val
    return obj


def check_file(path: str) -> CheckReport:
    """Read a JSON certificate (duplicate keys rejected) and check it; never raises."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.loads(fh.read(), object_pairs_hook=_unique_keys)
    except (OSError, UnicodeDecodeError) as err:
        return CheckReport(False, "?", None, [f"file: cannot read {path!r}: {err}"])
    except (ValueError, RecursionError) as err:
        return CheckReport(False, "?", None, [f"file: invalid JSON in {path!r}: {err}"])
    return check_certificate(doc)
