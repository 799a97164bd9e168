"""A run binds every certificate to its case, and its output folder holds only its own certificates."""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import exact.certificates.relu1d_l1_interpolation as writer
from cases import case_from_dict
from exact.relu.interpolation import interpolate_1d
from verify.cli import main
from verify.context import Context
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


def test_the_output_folder_holds_only_the_last_run(tmp_path, capsys):
    out = tmp_path / "reports"
    first = tmp_path / "first.toml"
    first.write_text('name = "first"\nx = ["0", "1", "2"]\ny = ["0", "1", "3"]\n')
    second = tmp_path / "second.toml"
    second.write_text('name = "second"\nx = ["0", "1"]\ny = ["1", "0"]\n')
    assert main(["run", "ep.thm-3.3", "--case", str(first), "--report", str(out)]) == 0
    before = sorted(p.name for p in (out / "certificates").iterdir())
    assert before == ["ep.thm-3.3__first.json"]
    assert main(["run", "ep.thm-3.3", "--case", str(second), "--report", str(out)]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in (out / "certificates").iterdir()) == ["ep.thm-3.3__second.json"]
    assert not [p for p in out.iterdir() if p.name.startswith(".run-")]  # the staging folder is gone
