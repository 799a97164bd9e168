"""Draw the figures the checks record (:mod:`verify.report.figures`) as PNGs, and caption them.

:func:`draw` dispatches on ``spec["kind"]``; :func:`caption` says in one sentence what the picture shows.
The pure helpers (:func:`cones_2d`, :func:`chart_patterns`, :func:`wilson`, and :mod:`verify.report.graph`)
compute what is drawn; 1-D graphs are exact polylines through the kinks (the functions are piecewise linear).
Figures are :class:`matplotlib.figure.Figure` objects outside pyplot: nothing global to close or leak, and
drawing is safe from several threads.

>>> import tempfile
>>> spec = {"kind": "functions-1d", "title": "demo", "x": ["0", "1"], "y": ["0", "1"], "functions": []}
>>> draw(spec, Path(tempfile.mkdtemp()) / "f.png").read_bytes()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
>>> caption(spec)
'The data (2 points) of demo; no function is drawn.'
"""

from __future__ import annotations

import math
import os
import tempfile
import textwrap
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Sequence

import matplotlib
import numpy as np
from PIL import Image

matplotlib.use("Agg")
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import TABLEAU_COLORS  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from .graph import Point, graph_points, real_kinks, window_1d  # noqa: E402

STYLES = ("-", "--", ":", "-.")
COLORS = list(TABLEAU_COLORS)  # the tab10 cycle
FIGSIZE, DPI, PALETTE = (6.0, 4.0), 100, 64
FIXED_LAYOUT = ("functions-1d", "training", "regions-2d")  # legends inside the axes, ticks not rotated
PATTERN_TEXT: dict[str, Any] = {"ha": "center", "va": "center", "fontsize": 8, "family": "monospace", "bbox": {
    "boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}}
FLOOR = 1e-16  # the log axis of a training plot cannot show a zero gap


def _finish(ax: Axes, xlabel: str, ylabel: str, title: str, note: str = "", **legend: Any) -> None:
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.legend(**{"fontsize": 7, "framealpha": 0.6, **legend})  # curves and data show through the legend
    ax.set_title("\n".join(textwrap.fill(t, 80) for t in (title, note) if t), fontsize="small")


def _functions_1d(ax: Axes, spec: dict[str, Any]) -> None:
    x, y = [Fraction(t) for t in spec["x"]], [Fraction(v) for v in spec["y"]]
    lo, hi = window_1d(x, spec["functions"])
    kinks_labelled = False
    for k, f in enumerate(spec["functions"]):
        pts = graph_points(f, lo, hi, x)
        color = COLORS[k % len(COLORS)]
        ax.plot([float(t) for t, _ in pts], [float(v) for _, v in pts], linestyle=STYLES[k % len(STYLES)],
                linewidth=max(2.6 - 0.5 * k, 0.8), color=color, label=f"{f['label']} ({f['role']})")
        if f["role"] == "certified optimum" and (kinks := real_kinks(pts)):
            ax.plot([float(t) for t, _ in kinks], [float(v) for _, v in kinks], linestyle="none", marker="|",
                    markersize=14, markeredgewidth=1.5, color=color,
                    label=None if kinks_labelled else "kinks of the certified optima")
            kinks_labelled = True
    ax.scatter([float(t) for t in x], [float(v) for v in y], color="k", s=18, zorder=5, label="data")
    ax.set_xlim(float(lo), float(hi))
    _finish(ax, "x", "f(x)", spec["title"])


def _regions_2d(ax: Axes, spec: dict[str, Any]) -> None:
    X = np.array([[float(Fraction(v)) for v in row] for row in spec["X"]], dtype=float).reshape(-1, 2)
    y = [Fraction(v) for v in spec["y"]]
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = np.maximum(0.15 * (hi - lo), 1.0 * (hi == lo))
    g1, g2 = np.meshgrid(np.linspace(lo[0] - pad[0], hi[0] + pad[0], 300),
                         np.linspace(lo[1] - pad[1], hi[1] + pad[1], 300))
    net = spec["network"]
    alpha, values = float(Fraction(net["alpha"])), float(Fraction(net["constant"])) + 0 * g1
    for n in net["neurons"]:
        (w1, w2), b, c = (float(Fraction(v)) for v in n["w"]), float(Fraction(n["b"])), float(Fraction(n["c"]))
        s = w1 * g1 + w2 * g2 + b
        values = values + c * np.where(s >= 0, s, alpha * s)
    ax.contourf(g1, g2, np.sign(values), levels=[-1.5, 0, 1.5], colors=["#f4cccc", "#cfe2f3"])
    handles: list[Any] = [Patch(color="#f4cccc", label="f < 0"), Patch(color="#cfe2f3", label="f > 0")]
    if values.min() < 0 < values.max():
        ax.contour(g1, g2, values, levels=[0], colors="k", linewidths=1.2)
        handles.append(Line2D([], [], color="k", linewidth=1.2, label="f = 0"))
    markers = "o^sDv*"
    for k, label in enumerate(sorted(set(y))):
        rows = [i for i, v in enumerate(y) if v == label]
        handles.append(ax.scatter(X[rows, 0], X[rows, 1], marker=markers[k % len(markers)], s=30, zorder=5,
                                  color=COLORS[k % len(COLORS)], edgecolors="k", label=f"y = {label}"))
    _finish(ax, "x_1", "x_2", spec["title"], handles=handles)


def _pattern(X: Sequence[Sequence[Fraction]], u: Sequence[Fraction]) -> str:
    return "".join("+" if s > 0 else "-" if s < 0 else "0" for s in (sum(a * b for a, b in zip(r, u)) for r in X))


def _half(v: Point) -> int:
    return 0 if v[1] > 0 or (v[1] == 0 and v[0] > 0) else 1


def cones_2d(X: Sequence[Sequence[Fraction]]) -> list[tuple[Point, Point, str]]:
    """The regions of the central arrangement {x_i . u = 0} in R^2, counter-clockwise from angle 0: each as its
    bounding rays (a, b) and the sign pattern of x_i . u inside ("0" for a zero row). Exact.

    >>> [p for _, _, p in cones_2d([[Fraction(1), Fraction(0)]])]
    ['-', '+']
    """
    rays: list[Point] = []
    for r in X:
        if any(r):
            rays += [(-r[1], r[0]), (r[1], -r[0])]
    if not rays:
        return []
    # sort by angle exactly: the half-plane, then the L1-normalised cosine (monotone in the angle on each half)
    rays.sort(key=lambda v: (_half(v), Fraction(-v[0], abs(v[0]) + abs(v[1])) if _half(v) == 0
                             else Fraction(v[0], abs(v[0]) + abs(v[1]))))
    rays = [v for k, v in enumerate(rays) if k == 0 or v[0] * rays[k - 1][1] != v[1] * rays[k - 1][0]
            or _half(v) != _half(rays[k - 1])]
    cones = []
    for a, b in zip(rays, rays[1:] + rays[:1]):
        # a + b lies inside a cone narrower than pi; a cone of angle pi (one line) holds a's left normal
        inside = (-a[1], a[0]) if a[0] * b[1] - a[1] * b[0] == 0 else (a[0] + b[0], a[1] + b[1])
        cones.append((a, b, _pattern(X, inside)))
    return cones


def _unit(v: Sequence[float]) -> tuple[float, float]:
    n = math.hypot(v[0], v[1])
    return v[0] / n, v[1] / n


def _arrangement_plane(ax: Axes, X: list[list[Fraction]]) -> None:
    for i, r in enumerate(X):
        if any(r):
            d = _unit((float(-r[1]), float(r[0])))
            ax.plot([-1.2 * d[0], 1.2 * d[0]], [-1.2 * d[1], 1.2 * d[1]], color=COLORS[i % len(COLORS)],
                    label=f"{i + 1}: x_{i + 1} . u = 0")
            ax.annotate(str(i + 1), (1.1 * d[0], 1.1 * d[1]), fontsize=8, color=COLORS[i % len(COLORS)])
    for a, b, pattern in cones_2d(X):
        ua, ub = _unit((float(a[0]), float(a[1]))), _unit((float(b[0]), float(b[1])))
        mid = (-ua[1], ua[0]) if abs(ua[0] + ub[0]) + abs(ua[1] + ub[1]) < 1e-12 else _unit(
            (ua[0] + ub[0], ua[1] + ub[1]))
        ax.text(0.75 * mid[0], 0.75 * mid[1], pattern, **PATTERN_TEXT)
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")


def chart_window(X: Sequence[Sequence[Fraction]]) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """(u1_lo, u1_hi, u2_lo, u2_hi) on the chart u_3 = 1: the pairwise crossings of the lines
    r_1 u_1 + r_2 u_2 + r_3 = 0 and each line's point nearest 0, widened by half
    their extent (at least 1) so that the unbounded regions show."""
    lines = [r for r in X if r[0] or r[1]]
    pts = [(-r[2] * r[0] / (r[0] ** 2 + r[1] ** 2), -r[2] * r[1] / (r[0] ** 2 + r[1] ** 2)) for r in lines]
    for k, p in enumerate(lines):
        for q in lines[k + 1:]:
            det = p[0] * q[1] - p[1] * q[0]
            if det:
                pts.append(((p[1] * q[2] - p[2] * q[1]) / det, (p[2] * q[0] - p[0] * q[2]) / det))
    pts = pts or [(Fraction(0), Fraction(0))]
    u1, u2 = [p[0] for p in pts], [p[1] for p in pts]
    m = max(max(u1) - min(u1), max(u2) - min(u2)) / 2 or Fraction(1)
    return min(u1) - m, max(u1) + m, min(u2) - m, max(u2) + m


def chart_patterns(X: Sequence[Sequence[Fraction]], window: tuple[Fraction, Fraction, Fraction, Fraction],
                   n: int = 41) -> dict[str, tuple[float, float]]:
    """Per sign pattern of (r . (u_1, u_2, 1)) seen on an n x n grid of the window (exactly, off the lines):
    the centroid of its grid points, where its label goes (the regions are convex, so it lies inside)."""
    a1, b1, a2, b2 = window
    lines = [k for k, r in enumerate(X) if any(r)]  # a zero row reads 0 everywhere, as in cones_2d
    seen: dict[str, list[tuple[Fraction, Fraction]]] = {}
    for i in range(n):
        for j in range(n):
            u = (a1 + (b1 - a1) * Fraction(i, n - 1), a2 + (b2 - a2) * Fraction(j, n - 1), Fraction(1))
            p = _pattern(X, u)
            if all(p[k] != "0" for k in lines):
                seen.setdefault(p, []).append((u[0], u[1]))
    return {p: (float(sum(q[0] for q in g) / len(g)), float(sum(q[1] for q in g) / len(g))) for p, g in seen.items()}


def _arrangement_chart(ax: Axes, X: list[list[Fraction]]) -> None:
    window = chart_window(X)
    a1, b1, a2, b2 = (float(v) for v in window)
    for i, r in enumerate(X):
        if r[0] or r[1]:
            # clip the line p + t d (p its point nearest 0) to the window
            n2 = float(r[0] ** 2 + r[1] ** 2)
            p, d = (-float(r[2] * r[0]) / n2, -float(r[2] * r[1]) / n2), _unit((float(-r[1]), float(r[0])))
            ts = [(e - p[k]) / d[k] for k, lims in ((0, (a1, b1)), (1, (a2, b2))) if d[k] for e in lims]
            t_in = sorted(t for t in ts if a1 - 1e-9 <= p[0] + t * d[0] <= b1 + 1e-9
                          and a2 - 1e-9 <= p[1] + t * d[1] <= b2 + 1e-9)
            t0, t1 = t_in[0], t_in[-1]
            ax.plot([p[0] + t0 * d[0], p[0] + t1 * d[0]], [p[1] + t0 * d[1], p[1] + t1 * d[1]],
                    color=COLORS[i % len(COLORS)], label=f"{i + 1}: x_{i + 1} . (u, 1) = 0")
            t = t0 + (0.9 - 0.15 * (i % 5)) * (t1 - t0)  # lines crossing at the border keep their labels apart
            ax.annotate(str(i + 1), (p[0] + t * d[0], p[1] + t * d[1]), fontsize=8, color=COLORS[i % len(COLORS)])
    for pattern, (c1, c2) in chart_patterns(X, window).items():
        ax.text(c1, c2, pattern, **PATTERN_TEXT)
    ax.set_xlim(a1, b1)
    ax.set_ylim(a2, b2)


CHART_NOTE = "the chart u_3 = 1: regions with u_3 < 0 are the antipodes (opposite patterns), u_3 = 0 is at infinity"


def _arrangement_2d(ax: Axes, spec: dict[str, Any]) -> None:
    X = [[Fraction(v) for v in row] for row in spec["X"]]
    d = len(X[0]) if X else 2
    if d not in (2, 3):
        raise ValueError(f"arrangement-2d draws rows of 2 or 3 entries, not {d}")
    if d == 2:
        _arrangement_plane(ax, X)
    else:
        _arrangement_chart(ax, X)
    _finish(ax, "u_1", "u_2", spec["title"], CHART_NOTE if d == 3 else "", fontsize=6, loc="upper left",
            bbox_to_anchor=(1.0, 1.0))


def _training(ax: Axes, spec: dict[str, Any]) -> None:
    lower, upper = (Fraction(v) for v in spec["band"])
    style: dict[str, int] = {}
    for c in spec["curves"]:
        # runs sharing a label (seeds of one width) share a style and a single legend entry
        first = c["label"] not in style
        k = style.setdefault(c["label"], len(style))
        ax.plot(c["iterations"], [max(v - float(lower), FLOOR) for v in c["objectives"]], linewidth=0.9,
                linestyle=STYLES[k % len(STYLES)], color=COLORS[k % len(COLORS)], label=c["label"] if first else None)
    ax.axhspan(FLOOR, max(float(upper - lower), FLOOR), color="0.8", label="certified bracket")
    ax.set_yscale("log")
    _finish(ax, "iteration", spec["ylabel"], spec["title"])


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The 95 % Wilson score interval of k successes in n draws ((0, 1) for no draws).

    >>> [round(v, 4) for v in wilson(0, 10)]
    [0.0, 0.2775]
    """
    if n == 0:
        return 0.0, 1.0
    p, q = k / n, z * z / n
    centre, half = (p + q / 2) / (1 + q), z / (1 + q) * math.sqrt(p * (1 - p) / n + q / (4 * n))
    return max(centre - half, 0.0), min(centre + half, 1.0)


def _frequencies(ax: Axes, spec: dict[str, Any]) -> None:
    rows = spec["rows"]
    pos = list(range(len(rows)))
    freq = [r["count"] / r["draws"] if r["draws"] else 0.0 for r in rows]
    ci = [wilson(r["count"], r["draws"]) for r in rows]
    ax.bar(pos, freq, width=0.6, color="#9fc5e8", label="measured (k of n)")
    # rounding can put a Wilson end a hair inside the frequency (k = n); errorbar refuses negative lengths
    ax.errorbar(pos, freq, yerr=[[max(f - lo, 0) for f, (lo, _) in zip(freq, ci)],
                                 [max(hi - f, 0) for f, (_, hi) in zip(freq, ci)]],
                fmt="none", ecolor="k", capsize=3, linewidth=1, label="95 % Wilson interval")
    bounds = [(i, float(Fraction(r["bound"]))) for i, r in zip(pos, rows) if r["bound"] is not None]
    if bounds:
        ax.hlines([b for _, b in bounds], [i - 0.4 for i, _ in bounds], [i + 0.4 for i, _ in bounds],
                  colors="#cc0000", linewidth=2, label=spec["bound_label"])
    long = any(len(r["label"]) > 3 for r in rows) or len(rows) > 6
    ax.set_xticks(pos, [f"{r['label']} ({r['count']}/{r['draws']})" for r in rows], fontsize=7,
                  rotation=30 if long else 0, ha="right" if long else "center")
    ax.set_ylim(0, 1.05)
    _finish(ax, "setting", f"frequency of {spec['what']}", spec["title"])


DRAWERS: dict[str, Callable[[Axes, dict[str, Any]], None]] = {
    "functions-1d": _functions_1d, "regions-2d": _regions_2d, "arrangement-2d": _arrangement_2d,
    "training": _training, "frequencies": _frequencies}


def draw(spec: dict[str, Any], path: Path) -> Path:
    """Draw the figure ``spec`` into the PNG ``path`` (written whole or not at all) and return ``path``."""
    drawer = DRAWERS.get(spec.get("kind", ""))
    if drawer is None:
        raise ValueError(f"unknown figure kind {spec.get('kind')!r}; known: {', '.join(DRAWERS)}")
    path = Path(path)
    fixed = spec["kind"] in FIXED_LAYOUT
    fig = Figure(figsize=FIGSIZE, dpi=DPI, layout=None if fixed else "constrained")
    ax = fig.add_subplot()
    drawer(ax, spec)
    if fixed:  # margins from the title's lines: a constrained layout draws the figure twice
        fig.subplots_adjust(left=0.13, right=0.98, bottom=0.11, top=0.97 - 0.045 * ax.get_title().count("\n") - 0.045)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # the pixels go to PIL directly: encoding a PNG only to decode it again would cost as much
    pixels = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".png", dir=path.parent)
    try:  # a palette of PALETTE colours: plots have few, and the PNG is about a third of the size
        with os.fdopen(fd, "wb") as out:
            pixels.convert("RGB").quantize(PALETTE, Image.Quantize.MEDIANCUT).save(out, "png")
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return path


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def caption(spec: dict[str, Any]) -> str:
    """One sentence saying what the picture of ``spec`` shows (for the report's figure caption)."""
    kind, title = spec.get("kind"), spec.get("title", "")
    if kind == "functions-1d":
        data, fs = _count(len(spec["x"]), "point"), spec["functions"]
        if not fs:
            return f"The data ({data}) of {title}; no function is drawn."
        kinds = ", ".join(_count(n, r, r.replace("optimum", "optima") if "optimum" in r else r + "s")
                          for r, n in Counter(f["role"] for f in fs).items())
        return (f"The data ({data}) and {_count(len(fs), 'function')} ({kinds}) of {title}, each drawn exactly "
                "through its kinks.")
    if kind == "regions-2d":
        classes = len(set(spec["y"]))
        return (f"The decision regions sign f(x) of a network with {_count(len(spec['network']['neurons']), 'neuron')}"
                f" and {_count(len(spec['X']), 'labelled point')} ({_count(classes, 'class', 'classes')}) of {title},"
                " with the line f = 0.")
    if kind == "arrangement-2d":
        X = [[Fraction(v) for v in row] for row in spec["X"]]
        lines = sum(1 for r in X if any(r[:2]))
        if X and len(X[0]) == 3:
            regions = len(chart_patterns(X, chart_window(X)))
            return (f"The {_count(lines, 'line')} x_i . (u_1, u_2, 1) = 0 of {title} on the chart u_3 = 1 and its "
                    f"{_count(regions, 'region')} there, labelled with their sign patterns; the regions with "
                    "u_3 < 0 are their antipodes (opposite patterns) and those with u_3 = 0 lie at infinity.")
        return (f"The {_count(lines, 'line')} x_i . u = 0 of {title} and the {_count(len(cones_2d(X)), 'region')} "
                "between them, labelled with their sign patterns.")
    if kind == "training":
        labels = list(dict.fromkeys(c["label"] for c in spec["curves"]))
        lower, upper = (Fraction(v) for v in spec["band"])
        return (f"{_count(len(spec['curves']), 'training curve')} ({', '.join(labels)}) of {title}: the objective "
                f"minus the certified lower bound {lower} on a log scale, against the certified bracket of width "
                f"{upper - lower} (shaded).")
    if kind == "frequencies":
        rows = spec["rows"]
        stated = sum(1 for r in rows if r["bound"] is not None)
        return (f"The frequencies of {spec['what']} in {_count(len(rows), 'setting')} of {title} (k of n draws, with "
                f"95 % Wilson intervals) beside {spec['bound_label']} where it states one ({stated} of {len(rows)}"
                " settings).")
    raise ValueError(f"unknown figure kind {kind!r}")
