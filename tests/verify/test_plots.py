"""verify.report.plots: every figure kind draws a 600x400 PNG, exact 1-D graphs, sign patterns, captions."""

from __future__ import annotations

import gc
import json
import struct
from fractions import Fraction as F
from itertools import product
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from exact.relu.function_norm import PiecewiseLinear  # noqa: E402
from exact.relu.networks import Network, Neuron  # noqa: E402
from verify.report import graph, plots  # noqa: E402
from verify.report.figures import (  # noqa: E402
    EXTREME,
    REFERENCE,
    arrangement_figure,
    frequencies_figure,
    function_1d,
    functions_figure,
    regions_figure,
    training_figure,
)

TENT = Network.of_1d([F(1), F(-1)], [F(-1), F(1)], [F(-1), F(-1)], F(1))
X1, Y1 = [F(0), F(1), F(2)], [F(0), F(1), F(0)]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def specs() -> dict[str, dict]:
    spline = PiecewiseLinear.spline(X1, [F(0), F(1), F(0)], F(0), F(0))
    leaky = Network.of_1d([F(2)], [F(-1)], [F(1)], F(0), F(1, 10))
    xor = [[F(0), F(0)], [F(1), F(1)], [F(1), F(0)], [F(0), F(1)]]
    net2 = Network((Neuron((F(1), F(1)), F(-1, 2), F(2)), Neuron((F(1), F(1)), F(-3, 2), F(-4))), F(-1, 2))
    return {
        "functions-1d": functions_figure(X1, Y1, [function_1d("tent", TENT), function_1d("spline", spline, EXTREME),
                                                  function_1d("leaky", leaky, REFERENCE)], "ep (4) on the tent"),
        "data-only": functions_figure(X1, Y1, [], "just data"),
        "regions-2d": regions_figure(xor, [F(-1), F(-1), F(1), F(1)], net2, "xor"),
        "arrangement-2d": arrangement_figure([[F(1), F(0)], [F(0), F(1)], [F(1), F(1)]], "three lines"),
        "arrangement-3d": arrangement_figure([[F(0), F(0), F(1)], [F(1), F(0), F(1)], [F(0), F(1), F(1)],
                                              [F(1), F(1), F(1)]], "lifted square"),
        "training": training_figure([("m = 2", [0, 1, 2], [3.0, 2.5, 2.0]), ("m = 2", [0, 1, 2], [3.0, 2.2, 2.0]),
                                     ("m = 8", [0, 1, 2], [2.5, 2.0, 2.0])], (F(2), F(9, 4)), "gd", "objective (2)"),
        "frequencies": frequencies_figure([("n = 4, m = 2", 3, 10, F(1, 2)), ("n = 8, m = 2", 10, 10, None)],
                                          "spurious minima", "a spurious minimum"),
    }


@pytest.mark.parametrize("name", list(specs()))
def test_each_kind_writes_a_600x400_png_atomically(tmp_path, name):
    spec = json.loads(json.dumps(specs()[name]))  # as the results JSON keeps it
    out = plots.draw(spec, tmp_path / f"{name}.png")
    assert out == tmp_path / f"{name}.png"
    assert png_size(out) == (600, 400)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{name}.png"]  # no temporary left behind
    gc.collect()
    assert sum(isinstance(o, Figure) for o in gc.get_objects()) == 0  # drawn outside pyplot, nothing keeps it


def test_captions_name_the_counts():
    s = specs()
    assert plots.caption(s["functions-1d"]) == (
        "The data (3 points) and 3 functions (1 certified optimum, 1 extreme optimum, 1 reference) of "
        "ep (4) on the tent, each drawn exactly through its kinks.")
    assert plots.caption(s["data-only"]) == "The data (3 points) of just data; no function is drawn."
    assert "2 neurons and 4 labelled points (2 classes)" in plots.caption(s["regions-2d"])
    assert plots.caption(s["arrangement-2d"]).startswith("The 3 lines x_i . u = 0 of three lines and the 6 regions")
    c3 = plots.caption(s["arrangement-3d"])
    assert "3 lines" in c3 and "antipodes" in c3 and "infinity" in c3
    assert plots.caption(s["training"]).startswith("3 training curves (m = 2, m = 8) of gd")
    assert "width 1/4" in plots.caption(s["training"])
    assert plots.caption(s["frequencies"]).endswith("beside the paper's bound where it states one (1 of 2 settings).")


def test_graph_points_of_the_tent_are_exact():
    f = function_1d("tent", TENT)
    assert graph.graph_points(f, F(0), F(2)) == [(F(0), F(0)), (F(1), F(1)), (F(2), F(0))]
    pts = graph.graph_points(f, F(-3, 10), F(23, 10), [*X1, F(1, 3)])  # the data points are drawn exactly too
    assert (F(0), F(0)) in pts and (F(1), F(1)) in pts and (F(2), F(0)) in pts
    assert pts == [(F(-3, 10), F(-3, 10)), (F(0), F(0)), (F(1, 3), F(1, 3)), (F(1), F(1)), (F(2), F(0)),
                   (F(23, 10), F(-3, 10))]
    assert all(isinstance(v, F) for p in pts for v in p)
    assert graph.real_kinks(pts) == [(F(1), F(1))]
    # the window: 15 % of the span 2 either side, widened to a kink within 2 spans but not to one beyond
    far = Network.of_1d([F(1), F(1)], [F(-5), F(-9)], [F(1), F(1)])
    assert graph.window_1d(X1, [function_1d("far", far)]) == (F(-3, 10), F(5))
    assert graph.window_1d([F(1)], []) == (F(17, 20), F(23, 20))


def test_leaky_and_spline_values_match_the_exact_objects():
    leaky = Network.of_1d([F(2), F(-1)], [F(-1), F(3)], [F(1), F(-3, 2)], F(1, 7), F(1, 10))
    steep = Network.of_1d([F(1)], [F(0)], [F(1)], F(0), F(3))
    spline = PiecewiseLinear.spline([F(0), F(1), F(3)], [F(1), F(-2), F(5)], F(-1), F(2))
    ts = [F(k, 4) for k in range(-12, 24)]
    assert [graph.evaluate(function_1d("l", leaky), t) for t in ts] == [leaky(t) for t in ts]
    assert [graph.evaluate(function_1d("s", steep), t) for t in ts] == [steep(t) for t in ts]
    spec = function_1d("p", spline)
    assert [graph.evaluate(spec, t) for t in ts] == [1 - t if t <= 0 else 1 - 3 * t if t <= 1 else
                                                     -2 + F(7, 2) * (t - 1) if t <= 3 else 5 + 2 * (t - 3)
                                                     for t in ts]


def test_cones_of_three_lines_are_the_six_sign_patterns():
    X = [[F(1), F(0)], [F(0), F(1)], [F(1), F(1)]]
    cones = plots.cones_2d(X)
    assert [p for _, _, p in cones] == ["+++", "-++", "-+-", "---", "+--", "+-+"]
    for a, b, pattern in cones:  # each pattern is the sign of x_i . u strictly inside the cone from a to b
        assert a[0] * b[1] - a[1] * b[0] > 0
        u = (a[0] + b[0], a[1] + b[1])
        assert pattern == "".join("+" if r[0] * u[0] + r[1] * u[1] > 0 else "-" for r in X)
    # parallel and zero rows: one line, two half-planes; the zero row reads 0
    assert [p for _, _, p in plots.cones_2d([[F(1), F(1)], [F(-2), F(-2)], [F(0), F(0)]])] == ["-+0", "+-0"]
    assert plots.cones_2d([[F(0), F(0)]]) == []


def test_chart_patterns_of_the_lifted_square_are_its_visible_regions():
    X = [[F(0), F(0), F(1)], [F(1), F(0), F(1)], [F(0), F(1), F(1)], [F(1), F(1), F(1)]]
    window = plots.chart_window(X)
    assert window == (F(-3, 2), F(1, 2), F(-3, 2), F(1, 2))  # crossings (-1, 0), (0, -1), (-1, -1) widened
    labels = plots.chart_patterns(X, window)
    # u_3 = 1 > 0: the first entry is always +; the lines u_1 = -1, u_2 = -1, u_1 + u_2 = -1 cut 7 regions
    assert sorted(labels) == sorted("+" + "".join(s) for s in product("+-", repeat=3) if "".join(s) != "--+")
    c1, c2 = labels["++++"]
    assert c1 > -1 and c2 > -1 and c1 + c2 > -1
    # a zero row reads 0 (as in cones_2d); a row with no line in the chart reads its constant sign
    assert sorted(plots.chart_patterns([[F(0), F(0), F(0)], [F(1), F(0), F(0)], [F(0), F(0), F(-1)]],
                                       (F(-1), F(1), F(-1), F(1)), 5)) == ["0+-", "0--"]


def test_a_network_of_one_sign_draws_without_a_zero_line(tmp_path):
    spec = regions_figure([[F(0), F(0)], [F(1), F(2)]], [F(1), F(1)], Network((), F(3)), "constant")
    assert png_size(plots.draw(spec, tmp_path / "c.png")) == (600, 400)
    assert plots.caption(spec).startswith("The decision regions sign f(x) of a network with 0 neurons and 2 labelled")


def test_wilson_interval():
    lo, hi = plots.wilson(3, 10)
    assert lo == pytest.approx(0.1078, abs=1e-4) and hi == pytest.approx(0.6032, abs=1e-4)
    assert plots.wilson(10, 10)[1] == pytest.approx(1.0) and plots.wilson(0, 0) == (0.0, 1.0)


def test_unknown_kind_raises_naming_it(tmp_path):
    with pytest.raises(ValueError, match="'pie-chart'"):
        plots.draw({"kind": "pie-chart", "title": "t"}, tmp_path / "p.png")
    with pytest.raises(ValueError, match="'pie-chart'"):
        plots.caption({"kind": "pie-chart"})
    assert list(tmp_path.iterdir()) == []


def test_repeated_draws_leave_no_figure_alive(tmp_path):
    # the cheapest figure (each kind's own cleanup is checked above); a leak would leave one Figure per draw
    # (the full report of `verify all` draws about 200 distinct figures in one process: tests/verify/test_cli.py)
    spec = functions_figure([F(1)], [F(2)], [], "one point")
    for _ in range(30):
        plots.draw(spec, tmp_path / "p.png")
    gc.collect()
    assert len(plt.get_fignums()) == 0
    assert sum(isinstance(o, Figure) for o in gc.get_objects()) == 0
