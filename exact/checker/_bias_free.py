"""Shared parts of the bias-free kinds (spike-free, spike-witness, whitened-l1, l1-l0-gap; the sample data of
separating-neurons too): private to the checker.

Convention (ep footnote 5, "we drop the bias"): ReLU neurons without hidden or output bias on the
n x d sample matrix X (rows x_i = samples), f(X) = sum_j c_j (X w_j)_+. In the JSON neuron schema
a neuron is {"w": w, "b": "0", "c": c}; a kind allows one of two costs:

* unit-ball neurons (ep (4)): ||w||_2 <= 1 (checked as ||w||^2 <= 1), cost |c|;
* direction neurons: any w, cost |c| ||w||_2, a square root kept exact as a :class:`Surd`. The neuron
  w / ||w|| with output weight c ||w|| is the same function ((t)_+ is positively homogeneous), so a
  unit-norm neuron whose norm is irrational is given exactly by its rational direction w.
"""

from __future__ import annotations

from fractions import Fraction

from ._fields import Malformed, at, neurons, qlist, qmatrix, within
from ._proved import convention
from .arith import Surd, dot, matvec, rmatvec, sigma

ZERO = Fraction(0)
#: the one convention of these kinds: ReLU, no hidden bias, no output bias (ep footnote 5)
NO_BIAS = convention(ZERO, "none", False)

Matrix = list[list[Fraction]]
Neurons = list[tuple[list[Fraction], Fraction]]  # (w, c): c (X w)_+


#: n^2 d of data.X (real certificates: at most 300). These kinds compare every pair of samples (Gram
#: matrices, activation matrices, nearest points), n^2 d rational operations
MAX_SAMPLE_WORK = 50_000
MAX_SAMPLES = 200  # n (real: at most 10); n^2 activations and nearest-point tests, each of them a message


def samples(doc: dict) -> Matrix:
    """data.X: a nonempty n x d matrix, d >= 1, rows = samples, n <= MAX_SAMPLES and n^2 d <= MAX_SAMPLE_WORK."""
    rows = at(doc, "data.X")
    if isinstance(rows, list) and rows and isinstance(rows[0], list):  # sized before any number is parsed
        within(len(rows), MAX_SAMPLES, "data.X: the number of samples n")
        within(len(rows) ** 2 * len(rows[0]), MAX_SAMPLE_WORK, "data.X: n^2 d")
    X = qmatrix(rows, "data.X")
    if not X[0]:
        raise Malformed("data.X: expected rows with at least one entry")
    return X


def labels(doc: dict, n: int) -> list[Fraction]:
    return qlist(at(doc, "data.y"), "data.y", n)


def relu_image(X: Matrix, u: list[Fraction]) -> list[Fraction]:
    """(X u)_+."""
    return [sigma(t, ZERO) for t in matvec(X, u)]


def gram_times(X: Matrix, t: list[Fraction]) -> list[Fraction]:
    """X X^T t."""
    return matvec(X, rmatvec(X, t))


def bias_free_neurons(doc: dict, path: str, d: int, problems: list[str]) -> Neurons:
    """The neurons at ``path`` as (w, c); a nonzero hidden bias b is a problem (the convention has none)."""
    out = []
    for j, (w, b, c) in enumerate(neurons(at(doc, path), path, d)):
        if b:
            problems.append(f"{path}[{j}]: hidden bias b = {b}, but the convention has none")
        out.append((w, c))
    return out


def network(X: Matrix, nets: Neurons) -> list[Fraction]:
    """sum_j c_j (X w_j)_+."""
    total = [ZERO] * len(X)
    for w, c in nets:
        total = [t + c * r for t, r in zip(total, relu_image(X, w), strict=True)]
    return total


def fits(label: str, X: Matrix, nets: Neurons, y: list[Fraction], problems: list[str]) -> None:
    for i, (fi, yi) in enumerate(zip(network(X, nets), y, strict=True)):
        if fi != yi:
            problems.append(f"{label}: sample {i}: network = {fi} but y = {yi}")


def direction_cost(nets: Neurons) -> Surd:
    """sum_j |c_j| ||w_j||_2 (direction neurons), exact."""
    return sum((abs(c) * Surd.sqrt(dot(w, w)) for w, c in nets), Surd.of(0))


def two_neuron_fit(doc: dict, path: str, X: Matrix, y: list[Fraction], problems: list[str]) -> Neurons:
    """l0 = 2 of (13) (ep Lemma 3.1): y has both signs, so no single neuron fits (c (X w)_+ has one sign),
    and the two direction neurons at ``path`` fit y."""
    if not (any(v > 0 for v in y) and any(v < 0 for v in y)):
        problems.append("data.y: no entries of both signs, so l0 = 2 does not follow")
    nets = bias_free_neurons(doc, path, len(X[0]), problems)
    if len(nets) != 2:
        raise Malformed(f"{path}: expected 2 neurons, got {len(nets)}")
    fits(path, X, nets, y, problems)
    return nets
