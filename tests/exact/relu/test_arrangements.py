"""The 1-D sign patterns without an LP: the same realised / excluded prefixes as the LP route, and their
witnesses and (**) multipliers accepted by the sign-patterns checker."""

import random
from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from exact.certificates.sign_patterns import patterns_certificate
from exact.checker import check_certificate
from exact.relu.arrangements import Exclusion, Realisation, _realise_line, pattern_of, pattern_tree, realise


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-4, 4), st.sampled_from((1, 2, 3)), st.sampled_from((1, -1))),
                min_size=1, max_size=7))
def test_the_line_agrees_with_the_lp(points):
    X = [[F(p, q)] for p, q, _ in points]
    s = tuple(si for *_, si in points)
    line = _realise_line([x[0] for x in X], s)
    lp = realise([[x[0], F(0)] for x in X], s)  # a zero second column: the same problem, solved by the LP
    assert isinstance(line, Realisation) == isinstance(lp, Realisation)
    if isinstance(line, Realisation):
        assert pattern_of(X, line.w, line.b) == s
    else:
        assert isinstance(line, Exclusion) and all(m >= 0 for m in line.mu)
        assert sum(m * si * x[0] for m, si, x in zip(line.mu, s, X)) == 0 == sum(m * si for m, si in zip(line.mu, s))
        assert sum(m for m, si in zip(line.mu, s) if si == -1) > 0


def test_the_tree_on_a_line_is_certified_and_counts_2m():
    rng = random.Random(5)
    X = [[F(rng.randint(-20, 20), 4)] for _ in range(12)]
    tree = pattern_tree(X)
    assert len(tree.patterns) == 2 * len({x[0] for x in X})
    report = check_certificate(patterns_certificate(X, tree, "kh.pattern-bound", "line"))
    assert report.ok and report.relation["value"] == len(tree.patterns)
