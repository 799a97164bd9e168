"""Plots of 1-D networks over their data (matplotlib, Agg backend), for the reports.

>>> import tempfile, os
>>> from fractions import Fraction as F
>>> path = os.path.join(tempfile.mkdtemp(), "f.png")
>>> plot_1d(path, [F(0), F(1)], [F(0), F(1)], [("identity", lambda t: t)], title="demo") == path
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable, Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def plot_1d(path: str, x: Sequence[Fraction], y: Sequence[Fraction],
            functions: Sequence[tuple[str, Callable[[Fraction], Fraction | float]]],
            title: str = "", margin: float = 0.25, samples: int = 801) -> str:
    """Plot each (label, f) on [min x - margin, max x + margin] with the data points; write ``path``.

    ``f`` takes an exact Fraction (e.g. :class:`exact.relu.networks.Network`) and may return a
    Fraction or a float; sampling is float (a picture, not a proof).
    """
    lo, hi = float(min(x)) - margin, float(max(x)) + margin
    ts = [lo + (hi - lo) * k / (samples - 1) for k in range(samples)]
    fig, ax = plt.subplots(figsize=(6, 4))
    for label, f in functions:
        ax.plot(ts, [float(f(Fraction(t))) for t in ts], label=label)
    ax.scatter([float(t) for t in x], [float(t) for t in y], color="k", zorder=3, label="data")
    ax.set_title(title, fontsize="small", wrap=True)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def plot_training(path: str, curves: Sequence[tuple[str, Sequence[float], Sequence[float]]],
                  band: tuple[float, float], title: str = "") -> str:
    """Objective against iteration for each (label, iterations, objectives), the certified bracket as a band.

    A log scale on the gap above the band's lower end keeps runs that reach the optimum apart from the band.
    """
    lower, upper = band
    fig, ax = plt.subplots(figsize=(6, 4))
    styles = ("-", "--", ":", "-.")
    for k, (label, its, values) in enumerate(curves):
        ax.plot(its, [max(v - lower, 1e-16) for v in values], linestyle=styles[k % len(styles)], linewidth=0.8,
                label=label)
    ax.axhspan(1e-16, max(upper - lower, 1e-16), color="0.8", label="certified bracket")
    ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("objective (2) minus the certified lower bound")
    ax.set_title(title, fontsize="small", wrap=True)
    handles, labels = ax.get_legend_handles_labels()
    seen = dict(zip(labels, handles))  # one legend entry per width
    ax.legend(seen.values(), seen.keys(), fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
