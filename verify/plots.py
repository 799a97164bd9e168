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
