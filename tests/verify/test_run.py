"""A run binds every certificate to its case, and its output folder holds only its own certificates."""

from __future__ import annotations

import hashlib
import json
import os
import re
from fractions import Fraction as F
from pathlib import Path

import pytest

import exact.certificates.relu1d_l1_interpolation as writer
import verify.execute as execute
from cases import case_from_dict
from exact.checker import MAX_FILE_BYTES, check_file
from exact.relu.interpolation import interpolate_1d
from exact.relu.structured import interpolate_structured
from verify.cli import main
from verify.context import BOUND_FIELDS, Context, content_tag
from verify.files import write_atomic
from verify.registry import get_claim, run_check
from verify.result import ERROR, PROVED

LINE = case_from_dict({"name": "line", "x": ["0", "1", "2"], "y": ["0", "1", "3"]}, "test")


def test_a_valid_certificate_about_other_data_is_reported(tmp_path, monkeypatch):
    real = writer.interpolation_certificate

    def about_other_data(sol, *args, **kwargs):  # a correct proof, but for y + (1, 0, 0)
        other = interpolate_1d(sol.x, [sol.y[0] + 1, *sol.y[1:]], sol.convention)
        return real(other, *args, **kwargs)

    good = run_check(get_claim("ep.thm-3.3"), LINE, Context(tmp_path / "good"))
    assert good.verdict is PROVED and good.value_text == "2"
    monkeypatch.setattr(writer, "interpolation_certificate", about_other_data)
    import verify.claims.ep._shared as shared  # the claim's binding of the writer
    monkeypatch.setattr(shared, "interpolation_certificate", about_other_data)
    bad = run_check(get_claim("ep.thm-3.3"), LINE, Context(tmp_path / "bad"))
    assert bad.verdict is ERROR
    assert any("binding: the certificate's data.y is ['1', '1', '3'] but the case's is ['0', '1', '3']" in n
               for n in bad.notes), bad.notes
    doc = json.loads(Path(bad.certificates[0]).read_text())
    assert doc["data"]["y"] == ["1", "1", "3"]  # the file is kept, as evidence of the rejection


def test_explicit_about_must_name_every_key(tmp_path):
    sol = interpolate_1d([F(0), F(1)], [F(0), F(1)])
    ctx = Context(tmp_path, expected={"x": (F(0), F(1)), "y": (F(0), F(1))})
    cert = ctx.certify(writer.interpolation_certificate(sol, "t", "c"), about={"x": (F(0), F(1)), "beta": F(1)})
    assert not cert.ok and cert.problems == ("binding: the certificate has no data.beta (expected 1)",)
    assert cert.value is None  # a rejected certificate certifies nothing


def test_a_certificate_naming_none_of_the_case_data_is_unbound(tmp_path):
    sol = interpolate_1d([F(0), F(1)], [F(0), F(1)])
    ctx = Context(tmp_path, expected={"X": ((F(0),), (F(1),))})
    cert = ctx.certify(writer.interpolation_certificate(sol, "t", "c"))
    assert not cert.ok and "names none of the case's X" in cert.problems[0]


def _names(folder: Path) -> list[str]:
    """The certificate names of a folder with the content hash replaced by "#" (it is pinned elsewhere)."""
    return sorted(re.sub(r"@[0-9a-f]{12}__", "@#__", p.name) for p in folder.iterdir())


def test_the_output_folder_holds_only_the_last_run(tmp_path, capsys):
    out = tmp_path / "reports"
    first = tmp_path / "first.toml"
    first.write_text('name = "first"\nx = ["0", "1", "2"]\ny = ["0", "1", "3"]\n')
    second = tmp_path / "second.toml"
    second.write_text('name = "second"\nx = ["0", "1"]\ny = ["1", "0"]\n')
    assert main(["run", "ep.thm-3.3", "--case", str(first), "--report", str(out)]) == 0
    assert _names(out / "certificates") == ["ep.thm-3.3@#__first.json"]
    assert main(["run", "ep.thm-3.3", "--case", str(second), "--report", str(out)]) == 0
    capsys.readouterr()
    assert _names(out / "certificates") == ["ep.thm-3.3@#__second.json"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging folder, no temporary file


def test_the_certificate_name_carries_a_hash_of_its_bound_data(tmp_path):
    res = run_check(get_claim("ep.thm-3.3"), LINE, Context(tmp_path))
    path = Path(res.certificates[0])
    doc = json.loads(path.read_text())
    assert path.name == f"ep.thm-3.3@{content_tag(doc)}__line.json"
    bound = json.dumps({k: doc[k] for k in BOUND_FIELDS}, sort_keys=True, separators=(",", ":"))
    assert content_tag(doc) == hashlib.sha256(bound.encode()).hexdigest()[:12]
    assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()  # written like open(path, "w"), not 0600


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_two_case_files_with_one_name_never_share_a_certificate(tmp_path, capsys):
    """Same name, other data: each run's JSON links a certificate about its own data, and within one folder
    the two certificates are two files."""
    out, links = tmp_path / "reports", {}
    for label, y in (("a", '["0", "1", "3"]'), ("b", '["0", "2", "3"]')):
        case = tmp_path / f"{label}.toml"
        case.write_text(f'name = "same"\nx = ["0", "1", "2"]\ny = {y}\n')
        assert main(["run", "ep.thm-3.3", "--case", str(case), "--report", str(out),
                     "--json", str(tmp_path / f"{label}.json")]) == 0
        (row,) = json.loads((tmp_path / f"{label}.json").read_text())["results"]
        links[label] = Path(row["certificates"][0]).name
        doc = json.loads((out / "certificates" / links[label]).read_text())
        assert doc["data"]["y"] == json.loads(y) and check_file(str(out / "certificates" / links[label])).ok
        assert f"(../certificates/{links[label]})" in (out / "claims" / "ep.thm-3.3.md").read_text()  # linked
    capsys.readouterr()
    assert links["a"] != links["b"]
    assert not (out / "certificates" / links["a"]).exists()  # a's certificate went with a's run: no stale link


def test_a_failing_run_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    out = tmp_path / "reports"

    def boom(args):
        raise KeyboardInterrupt  # an interrupt in the middle of the checks

    monkeypatch.setattr(execute, "_one", boom)
    case = tmp_path / "c.toml"
    case.write_text('name = "c"\nx = ["0", "1"]\ny = ["1", "0"]\n')
    with pytest.raises(KeyboardInterrupt):
        main(["run", "ep.thm-3.3", "--case", str(case), "--report", str(out)])
    assert list(out.iterdir()) == []  # the staging folder is removed


def test_write_atomic_leaves_no_temporary_file_when_it_fails(tmp_path):
    with pytest.raises(TypeError):
        write_atomic(tmp_path / "a.txt", None)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_a_long_1d_certificate_is_stored_compact_and_accepted(tmp_path):
    """Context.certify writes a certificate of the linear-time kind past LONG_TEXT one top-level field a line
    (json's C encoder; indented it would be ~60 % longer), here past the general 1 MiB limit, and the checker
    accepts it from that file; a short one stays indented."""
    x = [F(v, 3) for v in range(-30_000, 30_000, 2)]
    y = [F((7 * i) % 11 - 5) for i in range(len(x))]
    long = Context(tmp_path).certify(writer.interpolation_certificate(interpolate_structured(x, y), "t", "long"))
    short = Context(tmp_path).certify(writer.interpolation_certificate(interpolate_structured(x[:5], y[:5]), "t", "s"))
    text = Path(long.path).read_text()
    lines = text.splitlines()
    assert long.ok and len(text) > MAX_FILE_BYTES and lines[0] == "{" and lines[-1] == "}"
    assert [line.split(":")[0] for line in lines[1:-1]] == [f' "{key}"' for key in json.loads(text)]
    assert short.ok and Path(short.path).read_text().count("\n") > 10
