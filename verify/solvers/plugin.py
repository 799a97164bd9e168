"""pytest plugin ``relu_certify`` (an installed ``pytest11`` entry point): test your solver against exact answers.

A test that takes the fixture ``relu_certify_case`` runs once per problem (ids = problem names), with an
:class:`verify.solvers.exact_case.ExactCase` as its value::

    def test_my_solver(relu_certify_case):
        relu_certify_case.assert_close(my_solver(relu_certify_case.standard()))

Default: the problems of the four exact 1-D families (paper-1d, random-1d, leaky-1d, degenerate-1d). Options
(group "relu-certify"):

* ``--relu-certify-family NAME`` (repeatable): only these families; the pe (8) cone families (rank-one,
  whitened, 2d-bias) too, whose truths are tight brackets [lower, upper] rather than values;
* ``--relu-certify-variant interpolation|regularised|hinge|cone`` (repeatable): only these variants (``cone``
  without a family option means the cone families);
* ``--relu-certify-store PATH``: the SQLite store of truths (default ``$RELU_CERTIFY_STORE``, else
  ``~/.cache/relu-certify/truths.sqlite``).

Loading the plugin imports only the standard library and pytest, since every pytest run of the environment loads
it; tests that do not take the fixture see nothing of it. Collection builds the problem lists (cheap); a truth is
read from the store, or computed, checked and stored, only when a test uses its case.

>>> sorted(VARIANTS), ONE_D_FAMILIES[0]
(['cone', 'hinge', 'interpolation', 'regularised'], 'paper-1d')
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import pytest

if TYPE_CHECKING:
    from .exact_case import ExactCase
    from .problem import Problem
    from .store import Store

FIXTURE = "relu_certify_case"
VARIANTS = ("interpolation", "regularised", "hinge", "cone")
ONE_D_FAMILIES = ("paper-1d", "random-1d", "leaky-1d", "degenerate-1d")
CONE_FAMILIES = ("rank-one", "whitened", "2d-bias")

# per-session (per-config) caches: a stash dies with its session, so two sessions in one process never share
_PROBLEMS: pytest.StashKey[tuple[Any, ...]] = pytest.StashKey()
_STORE: pytest.StashKey[Any] = pytest.StashKey()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("relu-certify", "relu-certify: exact answers for solver tests (fixture relu_certify_case)")
    group.addoption("--relu-certify-family", action="append", default=None, metavar="NAME",
                    help=f"run relu_certify_case over this family (repeatable; default {', '.join(ONE_D_FAMILIES)}; "
                         f"cone families, bracketed truths: {', '.join(CONE_FAMILIES)})")
    group.addoption("--relu-certify-variant", action="append", default=None, choices=VARIANTS,
                    help="only this variant (repeatable; default all)")
    group.addoption("--relu-certify-store", default=None, metavar="PATH",
                    help="SQLite store of the truths (default $RELU_CERTIFY_STORE, else "
                         "~/.cache/relu-certify/truths.sqlite)")


def chosen_families(families: Sequence[str] | None, variants: Sequence[str] | None) -> tuple[str, ...]:
    """The families the options ask for (module doc).

    >>> chosen_families(None, None) == ONE_D_FAMILIES, chosen_families(None, ["cone"]) == CONE_FAMILIES
    (True, True)
    >>> chosen_families(["whitened", "paper-1d", "whitened"], None)
    ('whitened', 'paper-1d')
    """
    if families:
        return tuple(dict.fromkeys(families))
    if variants and set(variants) == {"cone"}:
        return CONE_FAMILIES
    if variants and "cone" in variants:
        return ONE_D_FAMILIES + CONE_FAMILIES
    return ONE_D_FAMILIES


def _problems(config: pytest.Config) -> tuple[Problem, ...]:
    if _PROBLEMS not in config.stash:
        from .families import FAMILIES, family

        families = config.getoption("relu_certify_family")
        variants = config.getoption("relu_certify_variant")
        unknown = [f for f in families or () if f not in FAMILIES]
        if unknown:
            raise pytest.UsageError(f"--relu-certify-family: unknown {', '.join(map(repr, unknown))}; the families "
                                    f"are {', '.join(FAMILIES)}")
        config.stash[_PROBLEMS] = tuple(p for f in chosen_families(families, variants) for p in family(f)
                                        if not variants or p.variant.value in variants)
    return config.stash[_PROBLEMS]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if FIXTURE not in metafunc.fixturenames:
        return
    problems = _problems(metafunc.config)
    # indirect: the param is the (cheap) Problem; the fixture turns it into a case with its truth on use
    metafunc.parametrize(FIXTURE, problems, indirect=True, ids=[p.name for p in problems])


def _store(config: pytest.Config) -> Store:
    if _STORE not in config.stash:
        from .store import Store, default_path

        path = config.getoption("relu_certify_store")
        config.stash[_STORE] = Store(Path(path) if path else default_path())
    return config.stash[_STORE]


@pytest.fixture
def relu_certify_case(request: pytest.FixtureRequest) -> ExactCase:
    """One problem with its checked truth (:class:`verify.solvers.exact_case.ExactCase`); parametrised over the
    problems the ``--relu-certify-*`` options choose."""
    from .exact_case import ExactCase

    p = getattr(request, "param", None)
    if p is None:
        raise pytest.UsageError(f"{FIXTURE} is parametrised by the relu-certify plugin; it cannot be requested "
                                f"dynamically (request.getfixturevalue) or overridden without a param")
    return ExactCase.from_truth(p, _store(request.config).truth(p))
