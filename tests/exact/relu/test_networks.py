"""The one network type: exact equality of 1-D functions on all of R."""

from fractions import Fraction as F

from exact.relu.networks import Network


def test_first_difference_and_same_function():
    f = Network.of_1d([F(1)], [F(0)], [F(1)])                      # (x)_+
    g = Network.of_1d([F(1), F(-1)], [F(0), F(0)], [F(1), F(1)])  # |x|
    h = Network.of_1d([F(1), F(-1)], [F(0), F(0)], [F(1), F(-1)])  # x_+ - (-x)_+ = x
    assert f.first_difference(f) is None and f.same_function(f)
    t = f.first_difference(g)
    assert t is not None and f(t) != g(t) and f(t) == max(t, F(0))
    assert not h.same_function(Network.of_1d([F(1)], [F(0)], [F(1)]))  # x differs from x_+ left of 0
