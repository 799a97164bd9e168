"""Adversarial certificates for the checker's resource limits (issue 11): every one is under 1 MB of JSON,
well-formed enough to reach an expensive part of its kind's check, and need not be a valid proof.

``ADVERSARIES`` maps (kind, name) to an :class:`Adversary`: ``build()`` returns the certificate (a dict),
``fields`` the certificate fields whose size drives the cost (a size rejection must name one of them) and
``drives`` a note on what it stresses. :func:`run_isolated` checks a certificate in a fresh interpreter with
its address space capped at ~1 GB above the interpreter's baseline and a wall-clock timeout, and reports
time, peak memory and the problems.

Run this module to measure every adversary: ``python -m tests.checker.adversary [--timeout 60] [names...]``.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MAX_BYTES = 1_000_000  # the bound on a certificate's size
LIMIT_SECONDS = 10.0  # ... on the time its check may take
LIMIT_BYTES = 1 << 30  # ... and on the memory it may allocate


def base(kind: str) -> dict:
    """The kind's real valid certificate (fixtures/<kind>/valid.json), without informational fields."""
    doc = json.loads((FIXTURES / kind / "valid.json").read_text())
    for key in ("claim", "case", "statement"):
        doc.pop(key, None)
    return doc


def size(doc: dict) -> int:
    return len(json.dumps(doc))


# ------------------------------------------------------------------ number helpers

def big_rationals(n: int, seed: int = 0, digits: int = 499) -> list[str]:
    """n rationals "p/q" of 2 * digits + 1 <= 999 characters with (pseudo-)random, pairwise almost coprime
    denominators: sums of them have denominators of about n * digits digits."""
    rng = random.Random(seed)
    lo, hi = 10 ** (digits - 1), 10 ** digits - 1
    return [f"{rng.randrange(lo, hi)}/{rng.randrange(lo, hi) | 1}" for _ in range(n)]


def small_big_rationals(n: int, seed: int = 0, digits: int = 480) -> list[str]:
    """n positive rationals below 1 / (2n) (numerator ~ 10^(digits - 5)), random denominators: tiny values
    whose sums still have huge denominators."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        q = rng.randrange(10 ** (digits - 1), 10 ** digits) | 1
        p = rng.randrange(10 ** (digits - 10), 10 ** (digits - 9))
        out.append(f"{p}/{q}")
    return out


def pooled_rationals(count: int, seed: int = 0, pool: int = 78) -> list[str]:
    """count rationals p/(q q') with q, q' drawn from ``pool`` primes of 12 digits: the common denominator of
    them all has about 12 * pool < 1000 digits (just inside the checker's budget), so every sum and product
    the check forms is as large as the budget allows."""
    rng = random.Random(seed)
    primes = primes_below(10**12, pool)
    return [f"{rng.randrange(1, 10**6)}/{rng.choice(primes)}" for _ in range(count)]


def _is_prime(n: int) -> bool:
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def primes_below(top: int, count: int) -> list[int]:
    """The ``count`` largest primes below ``top``."""
    out, n = [], top - 1
    while len(out) < count:
        if _is_prime(n):
            out.append(n)
        n -= 1
    return out


#: square-free radicands whose trial division runs to the checker's MAX_ROOT = 2 * 10^6 (L = 2)
def hard_square_radicands(count: int) -> list[int]:
    return primes_below(4 * 10**12, count)


#: an L = 64 radicand near the cap (2 * 10^6)^64: trial division computes d^64 for d up to 2 * 10^6
HARD_64 = (2 * 10**6) ** 64 - 1


def neuron(w: list[str], b: str = "0", c: str = "0") -> dict:
    return {"w": w, "b": b, "c": c}


# ------------------------------------------------------------------ builders, one or more per kind

def bridge_combinations() -> dict:
    """N = 16, K = 32: the checker tries every one of C(32, 16) = 6 * 10^8 column sets."""
    rng = random.Random(1)
    N, K = 16, 32
    doc = base("bridge-vertex-min")
    doc["data"] = {"A": [[str(rng.randint(-3, 3)) for _ in range(K)] for _ in range(N)],
                   "y": [str(rng.randint(-3, 3)) for _ in range(N)], "L": 3}
    doc["optima"] = [{"w": ["0"] * K, "roots": []}]
    doc.pop("witness", None)
    return doc


def bridge_wide() -> dict:
    """N = 1, K = 20000: K basic solutions, each a K-tuple (K^2 = 4 * 10^8 references), each refined."""
    K = 20000
    doc = base("bridge-vertex-min")
    doc["data"] = {"A": [["1"] * K], "y": ["1"], "L": 2}
    doc["optima"] = [{"w": ["1"] + ["0"] * (K - 1), "roots": [[0, "1", 1]]}]
    doc.pop("witness", None)
    return doc


def bridge_enclosures() -> dict:
    """N = 1, K = 1500, L = 64: the listed optimum is the worst basic solution, so every other one is
    refined to 2^-4096 (root_bounds with L * bits = 262144-bit integers) without separating."""
    K = 1500
    doc = base("bridge-vertex-min")
    doc["data"] = {"A": [["1"] + [str(j + 2) for j in range(K - 1)]], "y": ["1"], "L": 64}
    doc["optima"] = [{"w": ["1"] + ["0"] * (K - 1), "roots": [[0, "1", 1]]}]
    doc.pop("witness", None)
    return doc


def bridge_trial_division() -> dict:
    """L = 64, 40 root entries with radicand m = (2 * 10^6)^64 - 1: power_free tries d^64 for every d up to
    2 * 10^6 (about 2.5 s each)."""
    K = 40
    doc = base("bridge-vertex-min")
    doc["data"] = {"A": [["1"] * K], "y": ["1"], "L": 64}
    doc["optima"] = [{"w": ["1"] * K, "roots": [[i, "1", HARD_64] for i in range(K)]}]
    doc.pop("witness", None)
    return doc


def l1l0_wide_patterns() -> dict:
    """n = 2 rows, d = 30000 columns and 8000 pattern entries: each costs rmatvec + n dots over d."""
    d, P = 30000, 8000
    doc = base("l1-l0-gap")
    doc["data"] = {"X": [["1"] * d, ["0"] * d], "y": ["1", "-1"]}
    doc["primal"] = {"neurons": []}
    doc["dual"] = {"v": ["0", "0"],
                   "patterns": [{"e": 1 if k % 2 else -1, "s": [1, -1][k % 2:] + [1, -1][:k % 2], "mu": ["0", "0"]}
                                for k in range(P)]}
    doc["two_neuron_bound"] = {"pos": {"lam": ["1", "0"], "hi": "1"}, "neg": {"lam": ["0", "1"], "hi": "1"}}
    doc["l0_neurons"] = [neuron(["0"] * d), neuron(["0"] * d)]
    return doc


def l1l0_many_rows() -> dict:
    """n = 25000 rows (d = 1) with 1 pattern: the 2^(n+1) pairs are counted, not enumerated."""
    n = 25000
    doc = base("l1-l0-gap")
    doc["data"] = {"X": [[str(i % 7)] for i in range(n)], "y": ["1", "-1"] * (n // 2)}
    doc["primal"] = {"neurons": []}
    doc["dual"] = {"v": ["0"] * n, "patterns": [{"e": 1, "s": [1] * n, "mu": ["0"] * n}]}
    doc["two_neuron_bound"] = {"pos": {"lam": ["1"] + ["0"] * (n - 1), "hi": "1"},
                               "neg": {"lam": ["0", "1"] + ["0"] * (n - 2), "hi": "1"}}
    doc["l0_neurons"] = [neuron(["0"]), neuron(["0"])]
    return doc


def kkt_points_x_neurons() -> dict:
    """Networks form on n = 12000 points with 12000 neurons: network values and stationarity are n * J."""
    n = 12000
    doc = base("l1-ls-kkt")
    doc["data"] = {"x": [str(i) for i in range(n)], "y": ["0"] * n, "beta": "1", "scale": "1"}
    doc["primal"] = {"neurons": [neuron(["1"], str(-i), "1") for i in range(n)], "constant": "0"}
    return doc


def lp_free_membership() -> dict:
    """n = 45000 free variables, no rows: `j in free` scans the sorted list for each j (n^2 / 2 twice)."""
    n = 45000
    doc = base("lp")
    doc["data"] = {"problem": {"c": ["0"] * n, "A_eq": [], "b_eq": [], "A_ub": [], "b_ub": [],
                               "free": list(range(n))}}
    doc["relation"] = {"type": "equals", "value": "0"}
    doc["primal"] = {"x": ["0"] * n}
    doc["dual"] = {"y_eq": [], "y_ub": []}
    return doc


def lp_big_dot() -> dict:
    """c and x of 480 rationals of 999 characters with random denominators: c.x has ~ 10^6 digits."""
    n = 480
    doc = base("lp")
    doc["data"] = {"problem": {"c": big_rationals(n, 1), "A_eq": [], "b_eq": [], "A_ub": [], "b_ub": [],
                               "free": []}}
    doc["relation"] = {"type": "equals", "value": "0"}
    doc["primal"] = {"x": big_rationals(n, 2)}
    doc["dual"] = {"y_eq": [], "y_ub": []}
    return doc


def _patterns_X(N: int, d: int, seed: int = 3) -> list[list[str]]:
    rng = random.Random(seed)
    return [[str(rng.randint(-9, 9)) for _ in range(d)] for _ in range(N)]


def sign_patterns_prefix() -> dict:
    """N = 55000 points (d = 1) and 3 realised patterns: the prefix-code test slices every word at every
    length (W * N^2 / 2 = 5 * 10^9 tuple entries)."""
    N = 55000
    doc = base("sign-patterns")
    doc["data"] = {"X": [["0"]] * N, "arrangement": "affine"}
    doc["realised"] = [{"pattern": [1] * N, "w": ["0"], "b": "0"},
                       {"pattern": [-1] * N, "w": ["0"], "b": "-1"},
                       {"pattern": [1] * (N - 1) + [-1], "w": ["0"], "b": "0"}]
    doc["excluded"] = []
    return doc


def sign_patterns_dense() -> dict:
    """N = 200, d = 500 (10^5 entries) and 140 realised patterns: each is checked with N dots over d."""
    N, d, P = 200, 500, 140
    doc = base("sign-patterns")
    doc["data"] = {"X": _patterns_X(N, d), "arrangement": "affine"}
    doc["realised"] = [{"pattern": [1] * N, "w": ["0"] * d, "b": str(k)} for k in range(P)]
    doc["excluded"] = []
    return doc


def arrangement_subsets() -> dict:
    """52 rows in R^4, just under the limit on C(n, r - 1) n r: all 22 100 normals and the ~350 000 faces
    of their stars are formed before the one listed face is found wanting."""
    doc = base("arrangement")
    doc["data"] = {"X": _patterns_X(52, 4, seed=5)}
    doc["faces"] = [{"sign": [0] * 52, "point": [0] * 4}]
    return doc


def arrangement_points() -> dict:
    """Faces with 32 entries of 256 bits each (at the limit) on 8 rows: the points' dot products."""
    rng = random.Random(2)
    doc = base("arrangement")
    doc["data"] = {"X": _patterns_X(8, 32, seed=6)}
    doc["faces"] = [{"sign": [1] * 8, "point": [rng.randrange(1 << 255, 1 << 256) for _ in range(32)]}
                    for _ in range(330)]
    return doc


def _pattern_doc(kind: str, N: int, d: int) -> dict:
    doc = base(kind)
    doc["data"]["X"] = _patterns_X(N, d)
    doc["data"]["y"] = ["0"] * N
    doc["patterns"] = {"realised": [{"pattern": [1] * N, "w": ["0"] * d, "b": "0"}], "excluded": []}
    doc["dual"] = {"v": ["0"] * N, "G": "1", "pieces": []}
    return doc


def program_lower_pieces() -> dict:
    """N = 200, d = 500 and 270 dual pieces: each forms z = X^T g (N * d)."""
    N, d, P = 200, 500, 270
    doc = _pattern_doc("pattern-program-lower", N, d)
    doc["dual"]["pieces"] = [{"pattern": [1] * N, "eps": 1 if k % 2 else -1, "m": ["0"] * N} for k in range(P)]
    return doc


def bracket_network() -> dict:
    """N = 300 points, d = 300 and 300 neurons: the network is evaluated with N * J dots over d."""
    N, d, J = 300, 300, 300
    doc = _pattern_doc("pattern-bracket", N, d)
    doc["primal"] = {"neurons": [neuron(["0"] * d, "0", "1") for _ in range(J)], "constant": "0"}
    return doc


def _face_doc(n: int, m: int) -> dict:
    doc = base("pattern-face-pieces")
    doc["data"] = {"x": [str(i) for i in range(n)], "y": ["0"] * n}
    doc["terms"] = [{"pattern": [1] * n, "eps": 1 if k % 2 else -1} for k in range(m)]
    doc["dual"] = {"y_eq": ["0"] * n, "y_ub": ["0"] * (m * n)}
    doc["points"] = {"fewest": ["0"] * (3 * m), "most": ["0"] * (3 * m)}
    doc["tight_rows"], doc["zero_columns"], doc["classes"], doc["jumping"] = [], [], [], []
    return doc


def face_lp_memory() -> dict:
    """n = 1 point, 25000 terms: the LP is built dense, 25000 sign rows of 75000 columns (1.9 * 10^9 refs)."""
    doc = _face_doc(1, 25000)
    doc["dual"]["y_ub"] = []  # parsed after the LP is built
    doc["points"] = {"fewest": [], "most": []}
    return doc


def face_kernel_classes() -> dict:
    """n = 20 points, 200 terms: the kernel of E has ~580 vectors; the kink classes compare pairs of terms
    with quadratic forms in them (m^2 * |K|^2 = 10^10)."""
    return _face_doc(20, 200)


def _program_1d_doc(n: int, seed: int) -> dict:
    """A pattern-program-1d certificate on n sorted points whose rationals share a common denominator at the
    checker's budget (every sum the check forms is as large as the budget allows)."""
    from fractions import Fraction

    doc = base("pattern-program-1d")
    vals = pooled_rationals(6 * n, seed)
    doc["data"] = {**doc["data"], "x": sorted(set(vals[:n]), key=Fraction), "y": vals[n:2 * n]}
    n = len(doc["data"]["x"])
    doc["data"]["y"] = doc["data"]["y"][:n]
    doc["dual"] = {"v": vals[2 * n:3 * n], "mu": []}
    doc["primal"] = {"w": ["0"] * (4 * n), "b": ["0"] * (4 * n)}
    return doc


def program_1d_primal_work() -> dict:
    """n = 250 points and all 4n = 1000 terms nonzero (n times the terms = 250 000, past the limit of 200 000);
    and under the limit, 200 points with 1000 big terms, see program_1d_primal_at_limit."""
    doc = _program_1d_doc(250, 8)
    vals = pooled_rationals(8 * 250, 9)
    doc["primal"] = {"w": vals[:1000], "b": vals[1000:2000]}
    return doc


def program_1d_primal_at_limit() -> dict:
    """n = 250 points, 800 nonzero terms of big rationals (n times the terms = 200 000, the limit): a fit and a
    sign test per point and term."""
    doc = program_1d_primal_work()
    doc["primal"]["w"][800:] = ["0"] * 200
    doc["primal"]["b"][800:] = ["0"] * 200
    return doc


def program_1d_multipliers() -> dict:
    """n = 1000 points (the limit: 2n patterns of n entries are built) and 24 000 distinct sign multipliers of big
    rationals, each added to one term's sums."""
    n = 1000
    doc = _program_1d_doc(n, 10)
    n = len(doc["data"]["x"])
    vals = pooled_rationals(24_000, 11)
    doc["dual"]["mu"] = [[k % (4 * n), k // (4 * n), vals[k]] for k in range(24_000)]
    return doc


def rank_one_rows_x_neurons() -> dict:
    """n = 11000 rows (d = 1) and 11000 neurons: the network is n * J."""
    n = 11000
    doc = base("rank-one-l1")
    doc["data"] = {"X": [[str(i)] for i in range(n)], "y": ["0"] * n}
    doc["factor"] = {"c": [str(i) for i in range(n)], "a": ["1"], "norm": "1"}
    doc["primal"] = {"neurons": [neuron(["1"], str(-i), "1") for i in range(n)], "constant": "0"}
    doc["dual"] = {"v": ["0"] * n}
    return doc


def extreme_point_big_prefix() -> dict:
    """n = 450 points, v rationals of 999 characters: the prefix sums of ramp_sums grow to ~ 2 * 10^5 digits
    and every breakpoint subtracts two of them."""
    n = 450
    v = big_rationals(n, 4)
    doc = base("relu1d-extreme-point")
    doc["data"] = {"x": [str(i) for i in range(n)], "v": [("-" + t) for t in v]}
    doc["relation"] = {"type": "equals", "value": "0", "attained": True}
    return doc


def function_norm_scan() -> dict:
    """30000 breakpoints: _f counts the breakpoints <= p by a scan, for each of them (K^2)."""
    K = 30000
    doc = base("relu1d-function-norm")
    doc["data"] = {"breakpoints": [str(i) for i in range(K)], "values": ["0"] * K, "left_slope": "0",
                   "right_slope": "0"}
    doc["primal"] = {"neurons": [], "constant": "0"}
    doc["dual"] = {"kink": ["0"] * K, "left": "0", "right": "0"}
    return doc


def group_bracket_big_profile() -> dict:
    """n = 450 points, one output, dual V of 999-character rationals (data-knots, no constant check): the
    profile's prefix sums grow to ~ 2 * 10^5 digits."""
    n = 450
    doc = base("relu1d-group-bracket")
    doc["data"] = {"x": [str(i) for i in range(n)], "Y": [["0"]] * n, "mode": "data-knots"}
    doc["primal"] = {"neurons": [], "norm_bounds": [], "constant": ["0"]}
    doc["dual"] = {"V": [[t] for t in small_big_rationals(n, 5)]}
    return doc


def hinge_knot_membership() -> dict:
    """data-knots mode, 15000 points and 15000 neurons whose knots are not data points: `-b / w in x`
    scans the list (n * J)."""
    n = 15000
    doc = base("relu1d-hinge")
    doc["data"] = {"x": [str(i) for i in range(n)], "y": ["1", "-1"] * (n // 2), "beta": "1", "mode": "data-knots"}
    doc["primal"] = {"neurons": [neuron(["1"], f"-{2 * i + 1}/2", "0") for i in range(n)], "constant": "0"}
    doc["dual"] = {"v": ["0"] * n}
    return doc


def joint_bracket_candidates() -> dict:
    """n = 5000 points: joint_candidates builds O(n) active sets of n and evaluates ~6n directions on n."""
    n = 5000
    doc = base("relu1d-joint-bracket")
    doc["data"] = {"x": [str(i) for i in range(n)], "y": ["0"] * n}
    doc["primal"] = {"neurons": []}
    doc["dual"] = {"v": ["1", "-1"] * (n // 2)}
    return doc


def _squarefree(count: int, start: int = 2) -> list[int]:
    out, m = [], start
    while len(out) < count:
        if all(m % (p * p) for p in range(2, int(m ** 0.5) + 1)):
            out.append(m)
        m += 1
    return out


def joint_exact_surd_candidates() -> dict:
    """n = 120 points, v_i = sqrt(m_i) with distinct radicands: the candidate directions are Surds of ~n
    terms, and each of ~6n evaluations takes n signs of n-term Surds."""
    n = 120
    doc = base("relu1d-joint-exact")
    doc["data"] = {"x": [str(i) for i in range(n)], "y": ["0"] * n}
    doc["primal"] = {"neurons": []}
    doc["dual"] = {"v": [{"root": 2, "terms": {str(m): "1" if i % 2 else "-1"}} for i, m in enumerate(_squarefree(n))]}
    doc.pop("unique", None)
    return doc


def joint_exact_trial_division() -> dict:
    """3 points, each dual entry with 15 terms of radicand (2 * 10^6)^64 - 1 at root 64: parsing a radical
    decides power-freeness by trial division (~2.5 s a key) before the root 2 requirement is checked."""
    doc = base("relu1d-joint-exact")
    doc["dual"]["v"] = [{"root": 64, "terms": {str(HARD_64 - 2 * k): "1" for k in range(15)}} for _ in range(3)]
    return doc


def l1_interp_kinks_off_data() -> dict:
    """12000 points and 12000 neurons with kinks off the data: set(x) is rebuilt for every kink."""
    n = 12000
    doc = base("relu1d-l1-interpolation")
    doc["data"] = {"x": [str(i) for i in range(n)], "y": ["0"] * n}
    doc["primal"] = {"neurons": [neuron(["1"], f"-{2 * i + 1}/2", "1") for i in range(n)], "constant": "0"}
    doc["dual"] = {"v": ["0"] * n}
    return doc


def margin_big_profile() -> dict:
    """n = 300 points; u of 999-character rationals in equal pairs (so sum(u y) = 0 and no message prints a
    huge number), neurons w = 0 with c_j = u_j (so the cost equals sum(u)): the dual profile's prefix sums
    have ~ 10^5-digit denominators."""
    n = 300
    u = [t for t in small_big_rationals(n // 2, 6) for _ in range(2)]
    doc = base("relu1d-margin")
    doc["data"] = {"x": [str(i) for i in range(n)], "y": ["1", "-1"] * (n // 2)}
    doc["primal"] = {"neurons": [neuron(["0"], "0", t) for t in u], "constant": "0"}
    doc["dual"] = {"u": u}
    return doc


def separating_activation_matrix() -> dict:
    """n = 5000 samples (d = 1), one neuron each, all active everywhere: the n x n activation matrix and a
    problem string for each of its n^2 off-diagonal entries."""
    n = 5000
    doc = base("separating-neurons")
    doc["data"] = {"X": [[str(i + 1)] for i in range(n)], "y": ["0"] * n}
    doc["neurons"] = [neuron(["1"], "0", "0") for _ in range(n)]
    doc.pop("lemma_2_7", None)
    doc["relation"] = {"type": "holds", "property": "samples-are-vertices", "upper": "0"}
    return doc


def separating_lemma() -> dict:
    """n = 250, d = 200, with lemma_2_7: n^2 d for the activations and again for the nearest-point tests."""
    n, d = 250, 200
    doc = base("separating-neurons")
    doc["data"] = {"X": _patterns_X(n, d), "y": ["0"] * n}
    doc["neurons"] = [neuron(["0"] * d, "0", "0") for _ in range(n)]
    doc["lemma_2_7"] = [{"lambda": ["0"] * n, "dist2": "1"} for _ in range(n)]
    return doc


def separating_witnesses() -> dict:
    """n = 200, d = 500 and 400 witnesses: each forms X^T lambda (n * d)."""
    n, d, W = 200, 500, 400
    doc = base("separating-neurons")
    doc.pop("neurons"), doc.pop("lemma_2_7")
    doc["data"] = {"X": _patterns_X(n, d), "y": ["0"] * n}
    doc["witnesses"] = [{"row": k % n, "lambda": ["0"] * n} for k in range(W)]
    doc["relation"] = {"type": "fails", "property": "samples-are-vertices", "non_vertices": [0]}
    return doc


def spike_free_gram() -> dict:
    """n = 300, d = 300 and a 300 x 300 K: X X^T K e_j for every column is 2 n^2 d."""
    n, d = 300, 300
    doc = base("spike-free")
    doc["data"] = {"X": _patterns_X(n, d)}
    doc["gram"] = {"K": [["0"] * n for _ in range(n)]}
    return doc


def spike_free_denominators() -> dict:
    """n^2 d at the limit (n = 100, d = 5) on rationals whose common denominator is at the limit."""
    n, d = 100, 5
    doc = base("spike-free")
    entries = iter(pooled_rationals(n * d + n * n, 5))
    doc["data"] = {"X": [[next(entries) for _ in range(d)] for _ in range(n)]}
    doc["gram"] = {"K": [[next(entries) for _ in range(n)] for _ in range(n)]}
    return doc


def lp_denominators() -> dict:
    """500 variables and 80 dense rows (40 000 entries) on rationals whose common denominator is at the limit."""
    n, m = 500, 80
    doc = base("lp")
    entries = iter(pooled_rationals(m * n + 2 * n + 2 * m, 6))
    doc["data"] = {"problem": {"c": [next(entries) for _ in range(n)], "A_eq": [],  "b_eq": [],
                               "A_ub": [[next(entries) for _ in range(n)] for _ in range(m)],
                               "b_ub": [next(entries) for _ in range(m)], "free": []}}
    doc["relation"] = {"type": "equals", "value": "0"}
    doc["primal"] = {"x": [next(entries) for _ in range(n)]}
    doc["dual"] = {"y_eq": [], "y_ub": [next(entries) for _ in range(m)]}
    return doc


def spike_witness_big_t() -> dict:
    """n = 450 rows, d = 100, t of 999-character rationals: X^T t has d sums of ~ 2 * 10^5-digit fractions
    with one common denominator, and X (X^T t) adds them with huge gcds."""
    n, d = 450, 100
    doc = base("spike-witness")
    doc["data"] = {"X": _patterns_X(n, d)}
    doc["u"] = ["0"] * d
    doc["t"] = big_rationals(n, 7)
    return doc


def whitened_gram_problems() -> dict:
    """n = 4000 samples (d = 1): X X^T is checked against I entry by entry, a problem string for each of
    the n^2 entries that differ."""
    n = 4000
    doc = base("whitened-l1")
    doc["data"] = {"X": [["1"]] * n, "y": ["1", "-1"] * (n // 2)}
    doc["primal"] = {"neurons": [neuron(["1"], "0", "1"), neuron(["1"], "0", "-1")]}
    doc["dual"] = {"v": [{"root": 2, "terms": {"1": "1"}}] * n}
    return doc


def whitened_surd_square() -> dict:
    """One dual entry with 40000 square-free radicands: v_i * v_i multiplies 40000^2 pairs of terms."""
    T = 40000
    doc = base("whitened-l1")
    terms = {str(m): "1" for m in _squarefree(T)}
    doc["dual"]["v"] = [{"root": 2, "terms": terms}] + doc["dual"]["v"][1:]
    return doc


def whitened_trial_division() -> dict:
    """Dual entries with 400 prime radicands near 4 * 10^12 (root 2): trial division to 2 * 10^6 per key."""
    keys = hard_square_radicands(400)
    doc = base("whitened-l1")
    doc["dual"]["v"] = [{"root": 2, "terms": {str(m): "1" for m in keys[k::3]}} for k in range(3)]
    return doc


@dataclass(frozen=True)
class Adversary:
    kind: str
    name: str
    build: Callable[[], dict]
    fields: tuple[str, ...]  # the fields whose size drives the cost
    drives: str = ""

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.name}"


_TABLE = [
    ("bridge-vertex-min", "combinations", bridge_combinations, ("data.A",)),
    ("bridge-vertex-min", "wide", bridge_wide, ("data.A",)),
    ("bridge-vertex-min", "enclosures-L64", bridge_enclosures, ("data.A", "data.L")),
    ("bridge-vertex-min", "trial-division", bridge_trial_division, ("optima", "data.L")),
    ("l1-l0-gap", "wide-patterns", l1l0_wide_patterns, ("data.X", "dual.patterns")),
    ("l1-l0-gap", "many-rows", l1l0_many_rows, ("data.X",)),
    ("l1-ls-kkt", "points-x-neurons", kkt_points_x_neurons, ("data.x", "primal.neurons")),
    ("lp", "free-membership", lp_free_membership, ("data.problem.c", "data.problem.free")),
    ("lp", "big-dot", lp_big_dot, ("data.problem.c", "primal.x")),
    ("lp", "denominators", lp_denominators, ("data.problem.A_ub", "primal.x")),
    ("sign-patterns", "prefix", sign_patterns_prefix, ("data.X", "realised")),
    ("sign-patterns", "dense", sign_patterns_dense, ("data.X", "realised")),
    ("arrangement", "subsets", arrangement_subsets, ("data.X",)),
    ("arrangement", "points", arrangement_points, ("faces", "data.X")),
    ("pattern-program-lower", "pieces", program_lower_pieces, ("data.X", "dual.pieces")),
    ("pattern-bracket", "network", bracket_network, ("data.X", "primal.neurons")),
    ("pattern-face-pieces", "lp-memory", face_lp_memory, ("terms",)),
    ("pattern-program-1d", "primal-work", program_1d_primal_work, ("data.x", "primal.w")),
    ("pattern-program-1d", "primal-at-limit", program_1d_primal_at_limit, ("data.x", "primal.w")),
    ("pattern-program-1d", "multipliers", program_1d_multipliers, ("data.x", "dual.mu")),
    ("pattern-face-pieces", "kernel-classes", face_kernel_classes, ("terms", "data.x")),
    ("rank-one-l1", "rows-x-neurons", rank_one_rows_x_neurons, ("data.X", "primal.neurons")),
    ("relu1d-extreme-point", "big-prefix", extreme_point_big_prefix, ("data.x", "data.v")),
    ("relu1d-function-norm", "scan", function_norm_scan, ("data.breakpoints",)),
    ("relu1d-group-bracket", "big-profile", group_bracket_big_profile, ("data.x", "dual.V")),
    ("relu1d-hinge", "knot-membership", hinge_knot_membership, ("data.x", "primal.neurons")),
    ("relu1d-joint-bracket", "candidates", joint_bracket_candidates, ("data.x",)),
    ("relu1d-joint-exact", "surd-candidates", joint_exact_surd_candidates, ("data.x", "dual.v")),
    ("relu1d-joint-exact", "trial-division", joint_exact_trial_division, ("dual.v",)),
    ("relu1d-l1-interpolation", "kinks-off-data", l1_interp_kinks_off_data, ("data.x", "primal.neurons")),
    ("relu1d-margin", "big-profile", margin_big_profile, ("data.x", "dual.u")),
    ("separating-neurons", "activation-matrix", separating_activation_matrix, ("data.X", "neurons")),
    ("separating-neurons", "lemma", separating_lemma, ("data.X", "lemma_2_7")),
    ("separating-neurons", "witnesses", separating_witnesses, ("data.X", "witnesses")),
    ("spike-free", "gram", spike_free_gram, ("data.X", "gram.K")),
    ("spike-free", "denominators", spike_free_denominators, ("data.X", "gram.K")),
    ("spike-witness", "big-t", spike_witness_big_t, ("data.X", "t")),
    ("whitened-l1", "gram-problems", whitened_gram_problems, ("data.X",)),
    ("whitened-l1", "surd-square", whitened_surd_square, ("dual.v",)),
    ("whitened-l1", "trial-division", whitened_trial_division, ("dual.v",)),
]

ADVERSARIES: dict[str, Adversary] = {
    f"{k}:{n}": Adversary(k, n, f, fields, (f.__doc__ or "").strip()) for k, n, f, fields in _TABLE}


# ------------------------------------------------------------------ isolated measurement

_CHILD = r"""
import json, resource, sys, time
def vm(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024
    return 0
path, extra = sys.argv[1], int(sys.argv[2])
with open(path) as fh:
    doc = json.load(fh)
from exact.checker import check_certificate
base_rss, base_vm = vm("VmRSS:"), vm("VmSize:")
hard = resource.getrlimit(resource.RLIMIT_AS)[1]
resource.setrlimit(resource.RLIMIT_AS, (base_vm + extra, hard))
t0 = time.perf_counter()
report = check_certificate(doc)
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
problems = report.problems
out = {"seconds": seconds, "peak_bytes": peak - base_rss, "ok": report.ok, "n_problems": len(problems),
       "problems": [p[:300] for p in problems[:20]]}
del report, problems, doc
resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
sys.stdout.write(json.dumps(out))
"""


@dataclass
class Outcome:
    seconds: float  # wall time of check_certificate (or of the whole child when it timed out)
    peak_bytes: Optional[int]  # peak RSS above the baseline (None when killed)
    timed_out: bool
    ok: Optional[bool] = None
    problems: tuple[str, ...] = ()
    n_problems: int = 0
    crash: str = ""  # stderr of a child that died without a report

    @property
    def memory_error(self) -> bool:
        return any("MemoryError" in p for p in self.problems) or "MemoryError" in self.crash


def run_isolated(doc: dict, timeout: float = 60.0, extra_bytes: int = LIMIT_BYTES) -> Outcome:
    """check_certificate(doc) in a fresh interpreter, RLIMIT_AS = its baseline + extra_bytes, killed after
    ``timeout`` seconds."""
    import time

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(doc, fh)
        path = fh.name
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, path, str(extra_bytes)], capture_output=True,
                              text=True, timeout=timeout, cwd=ROOT, env=env)
    except subprocess.TimeoutExpired:
        return Outcome(time.perf_counter() - t0, None, True)
    finally:
        os.unlink(path)
    if proc.returncode != 0 or not proc.stdout:
        return Outcome(time.perf_counter() - t0, None, False, crash=proc.stderr[-2000:] or f"exit {proc.returncode}")
    r = json.loads(proc.stdout)
    return Outcome(r["seconds"], r["peak_bytes"], False, r["ok"], tuple(r["problems"]), r["n_problems"])


def main(argv: list[str]) -> None:
    timeout = 60.0
    if argv[:1] == ["--timeout"]:
        timeout, argv = float(argv[1]), argv[2:]
    names = argv or list(ADVERSARIES)
    for name in names:
        adv = ADVERSARIES[name]
        doc = adv.build()
        out = run_isolated(doc, timeout)
        mem = "killed" if out.peak_bytes is None else f"{out.peak_bytes / 2**20:.0f} MiB"
        what = ("TIMEOUT" if out.timed_out else "MemoryError" if out.memory_error else
                "crash" if out.crash else f"ok={out.ok} problems={out.n_problems}")
        first = out.problems[0][:120] if out.problems else out.crash[-200:]
        print(f"{name}\t{size(doc)}\t{out.seconds:.1f}s\t{mem}\t{what}\t{first}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
