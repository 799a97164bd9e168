"""The house rules, checked on the source: what may import what, module sizes, one module per claim."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from verify.registry import all_claims, claim_modules

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 400


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def imports(path: Path) -> set[str]:
    """Absolute names of the modules ``path`` imports (relative imports resolved against its package)."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1] if path.name != "__init__.py" else \
        path.relative_to(ROOT).parent.parts
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            mod = ".".join(base + ([node.module] if node.module else []))
            out |= {mod} | {f"{mod}.{a.name}" for a in node.names}
    return out


def test_exact_imports_nothing_from_verify():
    bad = [(p.name, m) for p in modules("exact") for m in imports(p) if m.split(".")[0] == "verify"]
    assert not bad


def test_the_checker_uses_only_the_standard_library():
    for p in modules("exact/checker"):
        outside = {m for m in imports(p) if m.split(".")[0] not in sys.stdlib_module_names
                   and not m.startswith("exact.checker")}
        assert not outside, (p.name, outside)


def test_every_zip_in_the_checker_is_strict():
    for p in modules("exact/checker"):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "zip":
                assert any(k.arg == "strict" for k in node.keywords), f"{p.name}:{node.lineno}: zip without strict"


def test_no_claim_module_imports_another():
    claims = {cl.check.__module__ for cl in all_claims().values()}
    assert claims <= set(claim_modules())  # found by the registry's own walk, not a hand-kept list
    for name in claims:
        path = ROOT / Path(*name.split(".")).with_suffix(".py")
        others = {m for m in imports(path) if m in claims and m != name}
        assert not others, (name, others)


def test_one_module_per_claim_named_by_its_primary_id():
    for cid, cl in all_claims().items():
        paper, number = cid.split(".", 1)
        assert cl.check.__module__ == f"verify.claims.{paper}.{number.replace('-', '_').replace('.', '_')}", cid


@pytest.mark.parametrize("folder", ["exact", "verify", "cases"])
def test_no_module_over_400_lines(folder):
    big = {p.relative_to(ROOT).as_posix(): n for p in modules(folder)
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not big
