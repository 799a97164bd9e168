"""The explicit finite LPs: kinds ``lp`` (data.problem itself), ``pattern-program-1d`` (kh (7), (11)) and
``pattern-face-pieces`` (kh (7) corrected; its optimum only).

Kind ``pattern-program-1d`` (SPEC.md): n points x, labels y, slope alpha, the 2n affine sign patterns s of x
(:func:`exact.checker.relu1d.patterns_1d`), terms t = 2 j + (0 if eps = 1 else 1), h(s)_i = 1 if s_i = 1 else
alpha, D_t = h(s) (times y for margin), S_t = s (eps = 1) or r s (eps = -1; times y when sign_times_y):

    min sum_t |w_t|  s.t.  sum_t eps_t D_t . (x w_t + b_t) = y (fit) or >= 1 (margin),  S_t . (x w_t + b_t) >= 0.

Its VIPR form splits w_t = w_t^+ - w_t^- (both >= 0, cost 1; at an optimum one is 0, so the cost is
|w_t|) and keeps b_t free. The multipliers are v on the fit / margin rows and mu >= 0 on the sign rows;
with g_t = eps_t D_t . v + S_t . mu_t the column of w_t^+ gets x^T g_t (reduced cost 1 - x^T g_t >= 0),
of w_t^- -x^T g_t (1 + x^T g_t >= 0), of b_t 1^T g_t = 0: the checker's conditions are exactly LP dual
feasibility, and ``lin`` gives OBJ >= v . rhs. A Farkas pair (x^T g_t = 0) gives 0 >= v . rhs > 0.

>>> doc = {"data": {"x": ["0"], "y": ["1"], "program": "fit", "minus_sign": 1, "sign_times_y": False},
...        "convention": {"alpha": "0"}, "relation": {"type": "equals", "value": "0"},
...        "primal": {"w": ["0"] * 4, "b": ["0", "0", "1", "0"]}, "dual": {"v": ["0"], "mu": []}}
>>> lines = pattern_export(doc).text.splitlines()   # one point: patterns (-1) and (+1), four terms
>>> lines[3], lines[7], lines[16:18]
('w0p w0n b0 w1p w1n b1 w2p w2n b2 w3p w3n b3', 'CON 13 8', ['fit0 E 1 2 8 1 11 -1', 'sign0_0 G 0 1 2 -1'])
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from exact.checker.relu1d import patterns_1d

from ._core import Coefficients, Problem, Row, ViprExport, bounded, infeasible, qs

LP_NOTE = "VIPR form of an lp certificate: the LP of data.problem itself; its bound is weak duality (one lin row)."
FACE_NOTE = ("VIPR form of a pattern-face-pieces certificate: the LP kh (7) corrected over data.terms, its optimum "
             "V only; the fewest / most pieces over the optimal face are checked by relu-certify's own checker only.")
PATTERN_NOTE = ("VIPR form of a pattern-program-1d certificate: the program itself over the 2n sign patterns "
                "(w_t = w_t^+ - w_t^-, b_t free, all n sign rows of every term); its bound is weak duality.")


def lp_export(doc: dict) -> ViprExport:
    """Kind ``lp``: the LP of data.problem, with its dual (``RTP range v v``) or Farkas vector (``RTP infeas``)."""
    p = doc["data"]["problem"]
    c = qs(p["c"])
    rows = tuple(Row(f"{tag}{i}", sense, b, dict(enumerate(qs(a))))
                 for m, tag, sense in (("eq", "E", "E"), ("ub", "U", "L"))
                 for i, (a, b) in enumerate(zip(p[f"A_{m}"], qs(p[f"b_{m}"]), strict=True)))
    problem = Problem(tuple(f"x{j}" for j in range(len(c))), tuple(c), rows, frozenset(p["free"]))
    evidence = doc["farkas"] if "farkas" in doc else doc["dual"]
    lam = qs(evidence["y_eq"]) + qs(evidence["y_ub"])
    if "farkas" in doc:
        return infeasible(problem, LP_NOTE, lam)
    return bounded(problem, LP_NOTE, lam, qs([doc["relation"]["value"]])[0], dict(enumerate(qs(doc["primal"]["x"]))))


Term = tuple[Sequence[int], int]  # (sign pattern s on the points, eps)


def pattern_problem(doc: dict, terms: Sequence[Term], margin: bool, r: int, times_y: bool) -> Problem:
    """The program of the module doc over ``terms`` (pattern, eps); variables w{t}p, w{t}n, b{t} (indices
    3t, 3t + 1, 3t + 2), rows fit{i} / margin{i}, then sign{t}_{i} for every term t and point i (at n + t n + i)."""
    x, y = qs(doc["data"]["x"]), qs(doc["data"]["y"])
    alpha = qs([doc["convention"]["alpha"]])[0]

    def line(t: int, i: int, scale: Fraction) -> Coefficients:
        """scale (x_i w_t + b_t) on the split variables."""
        return {3 * t: scale * x[i], 3 * t + 1: -scale * x[i], 3 * t + 2: scale}

    fit: list[Coefficients] = [{} for _ in x]
    signs: list[Row] = []
    for t, (s, eps) in enumerate(terms):
        for i in range(len(x)):
            d = (Fraction(1) if s[i] == 1 else alpha) * (y[i] if margin else 1)
            fit[i].update(line(t, i, eps * d))
            sign = s[i] * (1 if eps == 1 else r) * (y[i] if times_y else 1)
            signs.append(Row(f"sign{t}_{i}", "G", Fraction(0), line(t, i, Fraction(sign))))
    rows = [Row(f"margin{i}", "G", Fraction(1), a) if margin else Row(f"fit{i}", "E", yi, a)
            for i, (a, yi) in enumerate(zip(fit, y, strict=True))]
    m = 3 * len(terms)
    names = tuple(f"{v}{t}{e}" for t in range(len(terms)) for v, e in (("w", "p"), ("w", "n"), ("b", "")))
    return Problem(names, tuple(Fraction(j % 3 != 2) for j in range(m)), (*rows, *signs), frozenset(range(2, m, 3)))


def pattern_export(doc: dict) -> ViprExport:
    """Kind ``pattern-program-1d``: :func:`pattern_problem` over the 2n patterns times eps = +-1, bounded by
    ``dual`` with the primal point in SOL, or infeasible by ``farkas``; mu entries [t, i, m] go to sign{t}_{i}."""
    data = doc["data"]
    n = len(data["x"])
    terms = [(s, eps) for s in patterns_1d(qs(data["x"])) for eps in (1, -1)]
    problem = pattern_problem(doc, terms, data["program"] == "margin", data["minus_sign"], data["sign_times_y"])
    evidence = doc["farkas"] if "farkas" in doc else doc["dual"]
    lam = qs(evidence["v"]) + [Fraction(0)] * (4 * n * n)
    for t, i, m in evidence["mu"]:
        lam[n + t * n + i] = qs([m])[0]
    if "farkas" in doc:
        return infeasible(problem, PATTERN_NOTE, lam)
    sol: Coefficients = {}
    for t, (w, b) in enumerate(zip(qs(doc["primal"]["w"]), qs(doc["primal"]["b"]), strict=True)):
        sol |= {3 * t + (w < 0): abs(w), 3 * t + 2: b}
    return bounded(problem, PATTERN_NOTE, lam, qs([doc["relation"]["value"]])[0], sol)


def face_pieces_export(doc: dict) -> ViprExport:
    """Kind ``pattern-face-pieces``: the same program (fit, r = 1) over ``terms``; its sign rows
    -s (x w + b) <= 0 are written s (x w + b) >= 0, so their multipliers are -y_ub >= 0; SOL points.most
    (already in the 3-per-term layout). Only the optimum V is a VIPR relation (:data:`FACE_NOTE`)."""
    terms = [(term["pattern"], term["eps"]) for term in doc["terms"]]
    problem = pattern_problem(doc, terms, False, 1, False)
    lam = qs(doc["dual"]["y_eq"]) + [-m for m in qs(doc["dual"]["y_ub"])]
    sol = dict(enumerate(qs(doc["points"]["most"])))
    return bounded(problem, FACE_NOTE, lam, qs([doc["relation"]["value"]])[0], sol)
