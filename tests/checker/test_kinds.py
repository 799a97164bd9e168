"""Every certificate kind has its checker module, a SPEC section, a valid and a tampered fixture (the seeded
mutations of real certificates are in test_mutations.py)."""
from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from exact.checker import KINDS, check_certificate
from tests.checker.helpers import DELETE, FIXTURES, fixture, tampered

SPEC = Path(__file__).resolve().parents[2] / "exact" / "checker" / "SPEC.md"


def test_one_module_per_kind_named_as_the_kind():
    for kind, check in KINDS.items():
        module = importlib.import_module(f"exact.checker.{kind.replace('-', '_')}")
        assert check is module.check, kind
        writer = Path(__file__).resolve().parents[2] / "exact" / "certificates" / f"{kind.replace('-', '_')}.py"
        assert writer.exists(), f"no writer exact/certificates/{writer.name} for kind {kind}"


def test_spec_has_a_section_per_kind():
    text = SPEC.read_text()
    for kind in KINDS:
        assert f"## `{kind}`" in text, f"SPEC.md has no section for {kind}"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_valid_and_a_tampered_fixture(kind):
    folder = FIXTURES / kind
    assert (folder / "valid.json").exists() and (folder / "tampered.json").exists(), f"missing fixture for {kind}"
    good = check_certificate(fixture(kind, "valid"))
    assert good.ok and good.kind == kind and good.relation is not None, good.problems
    bad = check_certificate(fixture(kind, "tampered"))
    expect = (folder / "tampered.expect").read_text().strip()
    assert not bad.ok and any(expect in p for p in bad.problems), (expect, bad.problems)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_misstated_relation_type_is_rejected(kind):
    doc = fixture(kind, "valid")
    other = "unbounded" if doc["relation"]["type"] != "unbounded" else "infeasible"
    bad = check_certificate(tampered(doc, "relation.type", other))
    assert not bad.ok and any("relation: the certificate states" in p for p in bad.problems), bad.problems


@pytest.mark.parametrize("kind", sorted(k for k in KINDS if "convention" in fixture(k, "valid")))
def test_the_convention_is_required_and_alpha_one_refused(kind):
    doc = fixture(kind, "valid")
    missing = check_certificate(tampered(doc, "convention", DELETE))
    assert not missing.ok and "convention: missing field" in missing.problems, missing.problems
    linear = check_certificate(tampered(doc, "convention.alpha", "1"))
    assert not linear.ok and "convention.alpha: must differ from 1" in linear.problems, linear.problems


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_spec_names_every_field_of_the_kind_and_its_informational_ones(kind):
    """Each top-level and data field of the kind's real certificates is in its SPEC section, and the section
    says which fields are informational (the checker refuses every field it does not read)."""
    section = SPEC.read_text().split(f"## `{kind}`", 1)[1].split("\n## `", 1)[0]
    assert "Informational fields: `claim`, `case`, `statement` only" in section
    common = {"format", "version", "kind", "relation", "convention", "data", "claim", "case", "statement"}
    for doc in [fixture(kind, "valid")] + [json.loads(p.read_text()) for p in (FIXTURES / kind).glob("sample-*.json")]:
        for key in set(doc) - common:
            assert f"`{key}" in section, (kind, key)
        for key in doc["data"]:
            assert f"data.{key}" in section or f"`{key}`" in section, (kind, key)
