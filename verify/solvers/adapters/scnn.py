"""pyscnn (the Pilanci group's "Scalable Convex Neural Networks", import name ``scnn``) on pe (8).

pyscnn's ``ConvexReLU`` model with the ``NeuronGL1`` regulariser is pe (8) up to one positive factor. Read from
pyscnn 0.0.10's code (``scnn/private/models/convex/convex_mlp.py`` and ``al/al_mlp.py``,
``scnn/private/loss_functions.py``, ``scnn/private/methods/cvxpy/training_programs.py``), both of its ReLU solvers
minimise, over the patterns D_i = diag(1[X g_i > 0]) of the gate columns g_i of G::

    1/(2 n) ||sum_i D_i X (v_i - w_i) - y||^2 + lam sum_i (||v_i||_2 + ||w_i||_2)
    s.t. (2 D_i - I) X v_i >= 0, (2 D_i - I) X w_i >= 0          (the ``orthant`` / ``get_cone_constraints``)

(the loss is ``squared_error / (2 * n * c)`` with c = 1 output; the group norms are over the d weights of each
neuron). Multiplying by n gives pe (8) with beta = n lam, so we pass **lam = beta / n**. Other conventions:

* ``unitize_data=False``: pyscnn's default rescales the columns of X to unit norm, which changes the group norms
  (it maps the weights back, not the problem), so it would solve another problem;
* ``bias=False``: the ones column is already inside X, so the bias sits inside the group norm as pe (8) wants;
* ``dtype="float64"``, device "cpu" (pyscnn's default float32 is too coarse for a certified comparison);
* patterns: pyscnn's ``compute_activation_patterns`` keeps one gate per distinct pattern and drops the all-zero
  pattern (a block that contributes nothing to the fit, so dropping it cannot change the value). With the
  region points u of every region of the central arrangement (:func:`verify.numeric.cone_program.regions_of`) as
  the columns of G, 1[X u > 0] = 1[s = +1] for the region's sign s and (2 D - I) X v >= 0 is the region's closed
  cone, so pyscnn solves (8) itself. The adapter checks pyscnn's pattern set against the regions' (the note).
  ``scnn-al-sampled64`` instead takes ``sample_gate_vectors(778, d, 64)`` (what ``scnn.optimize.optimize(
  "relu", 128, ...)`` does, 778 being its default seed): (8) over a subset of the patterns, so its optimum is
  >= (8)'s.

Solvers: ``AL`` (augmented Lagrangian, R-FISTA inner solver) and ``CVXPYSolver`` with "ecos" (which pyscnn maps
to cvxpy's ECOS_BB) and "scs", each with pyscnn's default tolerances (given in the note). pyscnn's other
optimisers do not take ``ConvexReLU``: ``RFISTA``, ``LeastSquaresSolver`` and ``ApproximateConeDecomposition``
raise for it; the last solves the *gated* ReLU problem and then decomposes onto the cones, an approximation of a
different program, so it is not included.

What is reported: ``value`` is pe (8)'s objective (our scaling) at pyscnn's returned convex weights (v_i, w_i),
evaluated here in float64 with pyscnn's own patterns; ``violation`` is max(0, -(2 D_i - I) X v_i, -(2 D_i - I)
X w_i) over every pattern and row; ``status`` is pyscnn's exit status (``success`` and iteration counts for AL,
cvxpy's status for CVXPYSolver) and ``optimal`` is pyscnn's ``success`` flag. ``scnn.optimize.optimize_model``
discards that exit status, so :func:`_run` performs its steps (``process_data``, ``build_internal_model``,
``build_optimizer``, the procedure, ``update_public_model``) itself, keeping it. pyscnn's global side effects
(``logging.basicConfig`` and the root logger's level, the numpy and torch seeds, tqdm and cvxpy output) are
avoided or undone.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import logging
import time
import warnings
from dataclasses import dataclass
from typing import Any, Iterator

import numpy as np

from ..problem import Problem, Variant
from . import Outcome

MISSING = "pyscnn is not installed (pip install relu-certify[scnn])"
SEED = 778  # scnn.optimize.optimize's default seed
#: pyscnn's defaults for AL (scnn.solvers.AL.__init__), stated in the note since they are in its own scaling
AL_TOLERANCES = ("tol=1e-6 (squared l2 norm of the augmented objective's gradient, pyscnn's 1/(2n) scaling), "
                 "constraint_tol=1e-6 (squared l2 norm of the cone violations), max_primal_iters=10000, "
                 "max_dual_iters=10000, delta=1000")
#: CVXPYSolver passes no options, so the back end's defaults apply (as cvxpy 1.x sets them)
CVXPY_TOLERANCES = {"ecos": "ECOS_BB's defaults (feastol = abstol = reltol = 1e-8)",
                    "scs": "SCS's defaults as cvxpy sets them (eps_abs = eps_rel = 1e-5)"}


@dataclass(frozen=True)
class Scnn:
    """One pyscnn solver on pe (8): ``method`` "al" or a CVXPYSolver back end ("ecos", "scs"); ``samples`` None
    for every region of the arrangement, else that many of pyscnn's sampled gates."""

    name: str
    method: str
    samples: int | None = None
    variants: frozenset[Variant] = frozenset({Variant.CONE})

    def absent(self) -> str | None:
        # find_spec only: importing scnn drags in torch and cvxpy (seconds), and absent() runs for every listing
        if importlib.util.find_spec("scnn") is None:
            return MISSING
        if self.method != "al" and importlib.util.find_spec(self.method) is None:
            return f"pyscnn's cvxpy back end {self.method!r} is not installed"
        return None

    def solve(self, p: Problem) -> Outcome:
        assert p.beta is not None
        X = np.array([[float(a) for a in r] for r in p.X], dtype=np.float64)
        y = np.array([float(t) for t in p.y], dtype=np.float64)
        G, expected = self._gates(p, X.shape[1])
        start = time.perf_counter()
        try:
            V, W, D, exit_status = _run(X, y, float(p.beta) / len(y), G, self.method)
        except Exception as e:  # a failed back end (e.g. no cvxpy solution) is a result, not a crash
            return Outcome(None, f"error: {type(e).__name__}: {str(e)[:120]}", False, note=self._note(0, None, 0.0))
        seconds = time.perf_counter() - start
        value, violation = objective(X, y, float(p.beta), D, V, W)
        patterns = {tuple(int(a) for a in col) for col in D.T.astype(np.int64)}
        match = None if expected is None else patterns == expected
        return Outcome(value, _status(exit_status), bool(exit_status.get("success", False)), violation,
                       note=self._note(D.shape[1], match, seconds))

    def _gates(self, p: Problem, d: int) -> tuple[np.ndarray, set[tuple[int, ...]] | None]:
        """G (d x k) and, for the exact gates, the patterns pyscnn must end up with (every nonzero 1[s = +1])."""
        if self.samples is not None:
            from scnn.activations import sample_gate_vectors

            return np.asarray(sample_gate_vectors(SEED, d, self.samples), dtype=np.float64), None
        from verify.numeric.cone_program import regions_of

        regions = regions_of(p.X)
        G = np.array([r.point for r in regions], dtype=np.float64).T
        expected = {tuple(int(s == 1) for s in r.sign) for r in regions} - {(0,) * p.n}
        return G, expected

    def _note(self, patterns: int, match: bool | None, seconds: float) -> str:
        gates = (f"{self.samples} gates of sample_gate_vectors(seed={SEED})" if self.samples is not None
                 else "gates = every region's point")
        check = {None: "", True: " (exactly the arrangement's nonzero patterns)",
                 False: " (NOT the arrangement's nonzero patterns)"}[match]
        tolerance = (AL_TOLERANCES if self.method == "al"
                     else f"CVXPYSolver({self.method!r}): {CVXPY_TOLERANCES.get(self.method, 'its defaults')}")
        return f"{gates}: {patterns} patterns{check}; {tolerance}; {seconds:.2f} s"


def objective(X: np.ndarray, y: np.ndarray, beta: float, D: np.ndarray, V: np.ndarray, W: np.ndarray
              ) -> tuple[float, float]:
    """pe (8)'s objective (module doc) at the blocks V, W (p x d) over the patterns D (n x p, columns D_i), and
    the largest cone violation max(0, -(2 D_i - I) X v_i, -(2 D_i - I) X w_i)."""
    fit = np.einsum("ij,kj,ik->i", X, V - W, D)
    value = 0.5 * float(np.sum((fit - y) ** 2)) + beta * float(np.linalg.norm(V, axis=1).sum()
                                                                 + np.linalg.norm(W, axis=1).sum())
    A = 2 * D - 1
    worst = max(float(np.max(-A * (X @ V.T), initial=0.0)), float(np.max(-A * (X @ W.T), initial=0.0)))
    return value, max(worst, 0.0)


def _status(exit_status: dict[str, Any]) -> str:
    head = "success" if exit_status.get("success") else "not converged"
    if "status" in exit_status:  # CVXPYSolver: cvxpy's own status
        return f"{head} (cvxpy: {exit_status['status']})"
    return (f"{head} (AL: {exit_status.get('outer_iterations')} dual updates, "
            f"{exit_status.get('total_inner_iterations')} primal iterations)")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Run pyscnn silently and undo its global side effects (module doc)."""
    import torch

    root, np_state, torch_state = logging.getLogger(), np.random.get_state(), torch.random.get_rng_state()
    level = root.level
    # pyscnn shows tqdm bars and cvxpy's log when the root level is <= INFO; optimize_model sets WARNING itself
    root.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        root.setLevel(level)
        np.random.set_state(np_state)
        torch.random.set_rng_state(torch_state)


def _run(X: np.ndarray, y: np.ndarray, lam: float, G: np.ndarray, method: str
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
    """scnn.optimize.optimize_model's steps with return_convex=True, unitize_data=False, float64 on the cpu,
    keeping the exit status it drops; returns (V, W, D, exit status) with D pyscnn's own pattern matrix."""
    import lab
    from scnn.metrics import Metrics
    from scnn.models import ConvexReLU
    from scnn.private.interface import (
        build_internal_model,
        build_metrics_tuple,
        build_optimizer,
        process_data,
        set_device,
        update_public_model,
    )
    from scnn.regularizers import NeuronGL1
    from scnn.solvers import AL, CVXPYSolver

    # an unregistered logger with no handlers: optimize_model's get_logger would call logging.basicConfig
    logger = logging.Logger("scnn", logging.CRITICAL + 1)
    model = ConvexReLU(G, c=1, bias=False)
    solver = AL(model) if method == "al" else CVXPYSolver(model, method)
    regularizer, metrics = NeuronGL1(lam), Metrics()
    with _quiet():
        set_device("cpu", "float64", SEED)
        train, test, _ = process_data(X, y, None, None, unitize_data=False, bias=False)
        internal = build_internal_model(model, regularizer, train[0])
        procedure = build_optimizer(solver, regularizer, metrics)
        exit_status, internal, _ = procedure(logger, internal, lambda m: m, tuple(train), tuple(test),
                                             build_metrics_tuple(metrics))
        update_public_model(model, internal)
    V, W = (np.asarray(w, dtype=np.float64)[0] for w in model.parameters)
    return V, W, np.asarray(lab.to_np(internal.D), dtype=np.float64), dict(exit_status)


SCNN = (Scnn("scnn-al", "al"), Scnn("scnn-cvxpy", "ecos"), Scnn("scnn-cvxpy-scs", "scs"),
        Scnn("scnn-al-sampled64", "al", samples=64))
