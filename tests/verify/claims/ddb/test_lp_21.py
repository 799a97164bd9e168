"""ddb.lp-21: the cell LP (21) solved exactly and certified (kind lp) against the exact l0 optimum; verdicts,
values, the sparser witness and its certificates, the family frequencies."""

import json
import random
from fractions import Fraction as F

import pytest

from cases import shipped_case
from exact.certificates.lp import lp_certificate
from exact.checker import check_certificate
from verify.claims.ddb._shared import lifted, signs
from verify.claims.ddb.lp_21 import (
    cell_dictionary,
    check_lp_21,
    compare,
    family_counts,
    family_instance,
    fewest_neurons,
    shared_points,
    unit_direction,
)
from verify.registry import Context
from verify.result import Labelled, Verdict


@pytest.fixture
def ctx(tmp_path):
    return Context(tmp_path)


def test_unit_directions_are_exact_points_of_the_circle_in_their_regions():
    rows = [(F(k), F(1)) for k in range(5)]
    cells = cell_dictionary(rows)
    assert len(cells.thetas) == 10 and len(cells.boundary) == 10  # 2n arcs, 2n rays
    for u in cells.thetas:
        assert sum(v * v for v in u) == 1 and 0 not in signs(rows, u)
    assert cells.thetas[3] == (F(3, 5), F(-4, 5))
    with pytest.raises(ValueError, match="lies on a data hyperplane"):
        unit_direction(rows, (F(1), F(-2)))


def test_a_single_relu_at_a_data_point_is_sparser_than_the_lp_vertex():
    rows = [(F(k), F(1)) for k in range(5)]
    c = compare(rows, (F(0), F(0), F(0), F(1), F(2)))
    assert (c.value, c.l1_size, c.l0_columns.size, c.l0_cells.size) == (F(51, 5), 4, 2, 1)
    assert not c.agrees
    assert c.l0_columns.cheapest.l1 == F(2435, 164) > c.value


def test_hinge_grid_is_refuted_with_two_checked_lp_certificates(ctx):
    res = check_lp_21(shipped_case("ddb-lp21-hinge-grid"), ctx)
    assert res.verdict == Verdict.REFUTED
    assert res.value == Labelled((("optimum of (21)", F(51, 5)), ("||z*||_0", F(4)),
                                  ("l0 over the LP columns", F(2)), ("l0 over the closed cells' points", F(1))))
    docs = [json.loads(open(path).read()) for path in res.certificates]
    # (21), the fit by the fewest neurons (one, y = (x - 2)_+, with weight 1), and (21) on the l0 support
    assert [check_certificate(d).relation["value"] for d in docs] == ["51/5", "1", "2435/164"]
    docs[2]["primal"]["x"][0] = "1"  # the sparse z no longer fits y
    assert not check_certificate(docs[2]).ok
    assert "2435/164 > 51/5" in res.findings[0].shows


def test_generic_instance_agrees_and_the_2d_instance_too(ctx):
    res = check_lp_21(shipped_case("ddb-lp21-generic"), ctx)
    assert res.verdict == Verdict.CONFIRMED and len(res.data["l1_support"]) == 5 == res.data["l0_columns"]
    two = check_lp_21(shipped_case("ddb-lp21-2d-four"), ctx)
    assert two.verdict == Verdict.CONFIRMED
    assert (two.data["l0_columns"], two.data["l0_cells"]) == (4, 4)
    assert len(lifted(shipped_case("ddb-lp21-2d-four"))[0]) == 3


def test_family_frequencies_on_the_shipped_seed():
    # [instances, z* l0-optimal over the LP columns, rational contact set C, sparsest minimiser l0-optimal over C]
    assert family_counts(21, 60) == {"generic": [20, 19, 12, 12, 0, 0], "grid": [20, 11, 19, 19, 0, 0],
                                     "symmetric": [19, 11, 19, 19, 0, 0]}
    # over all networks (n <= 4): the min-norm interpolant is often not the sparsest network
    assert {k: v[4:] for k, v in family_counts(21, 60, 4).items()} == {"generic": [5, 3], "grid": [10, 6],
                                                                      "symmetric": [10, 8]}
    kind, rows, y = family_instance(random.Random(0), 2)
    assert kind == "symmetric" and [r[0] for r in rows] == [-r[0] for r in reversed(rows)]
    assert list(y) == list(reversed(y))


def test_over_the_shared_points_the_sparsest_minimiser_is_l0_optimal():
    """y = (x - 2)_+ on 0..4: over the LP's columns l1 needs 4, over C = {(1, -2)} one neuron is a minimiser."""
    shared = shared_points(shipped_case("ddb-lp21-hinge-grid").x, shipped_case("ddb-lp21-hinge-grid").y)
    assert shared is not None
    assert (shared.contacts, shared.l1_sizes, shared.l0.size, shared.agrees) == (1, (1,), 1, True)
    assert shared_points([F(0), F(1)], [F(1), F(-1)]).agrees  # x = (0, 1), y = (1, -1): two points in one cell


def test_fewest_neurons_over_all_networks():
    """A hat on 0, 1, 2 needs two neurons; ddb-lp21-generic needs 4 (z* of (21) has 5, the minimiser of (20) 4)."""
    assert fewest_neurons([F(0), F(1), F(2)], [F(0), F(1), F(0)]).size == 2
    assert fewest_neurons([F(0), F(1)], [F(0), F(0)]) is None  # y = 0: nothing to fit
    generic = shipped_case("ddb-lp21-generic")
    best = fewest_neurons(generic.x, generic.y)
    assert best is not None and best.size == 4 and best.result.status == "optimal"
    assert check_certificate(lp_certificate(best.lp, best.result, "c", "k", "s")).ok
