"""The CLI contract: JSON fields, exit codes, user case files, certificate checking."""

import json
from fractions import Fraction
from pathlib import Path

import pytest

from verify.cli import main
from verify.registry import all_claims


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list_names_every_registered_claim(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    for cid in ("ep.thm-3.3", "ep.prop-3.1", "ses.thm-3.3"):
        assert cid in out


EP_IDS = """ep.lem-2.1 ep.lem-2.2 ep.lem-2.3 ep.lem-2.4 ep.lem-2.5 ep.lem-2.6 ep.cor-3.2 ep.lem-2.7 ep.lem-2.8
ep.cor-2.1 ep.thm-3.1 ep.thm-3.2 ep.thm-3.3 ep.cor-3.3 ep.cor-3.5 ep.cor-3.6 ep.prop-3.1 ep.cor-3.4 ep.lem-3.1
ep.lem-3.2 ep.thm-3.4 ep.thm-3.5 ep.thm-3.6 ep.prop-3.2 ep.thm-4.1 ep.cor-4.1 ep.thm-5.1 ep.cor-5.1 ep.thm-5.2
ep.thm-6.1 ep.vector-output""".split()  # every ep row of CLAIMS.md
KH_SES_IDS = """kh.lem-1 kh.lem-2 kh.prop-1 kh.thm-1 kh.thm-2 kh.thm-3 kh.pattern-bound kh.example-1
ses.lem-1 ses.thm-3.1 ses.thm-3.3 ses.cor-3.4 ses.claim-5.2 ses.thm-c.3 cross.conventions""".split()


PE_IDS = """pe.arrangement-bound pe.thm-1 pe.lem-2 pe.lem-3 pe.bidual-5 pe.gauge-6-7 pe.remark-3.2 pe.sdp-11-12
pe.circular-14 pe.thm-5 pe.thm-6 pe.example-6 cross.pattern-counts""".split()  # every pe row, and the cross count
DDB_IDS = """ddb.prop-3.3 ddb.lem-4.3 ddb.lem-4.4 ddb.lem-4.5 ddb.eq-12-13 ddb.thm-4.2 ddb.cor-4.6 ddb.thm-4.7
ddb.cor-4.8 ddb.no-bias-remark ddb.lp-21""".split()  # every ddb row


def test_every_claim_of_the_catalogue_is_listed(capsys):
    code, out, _ = run(capsys, "list")
    listed = {ln.split()[0] for ln in out.splitlines()}
    assert code == 0 and len(EP_IDS) == 31 and set(EP_IDS + KH_SES_IDS + PE_IDS + DDB_IDS) <= listed


def test_covered_ids_are_listed_and_runnable(tmp_path, capsys):
    code, out, _ = run(capsys, "list")
    line = next(ln for ln in out.splitlines() if ln.startswith("ep.cor-3.3 "))
    assert line.endswith("(checked by ep.thm-3.3)")
    case = tmp_path / "line.toml"
    case.write_text('name = "line"\nx = ["0", "1", "2"]\ny = ["0", "1", "3"]\n')
    out_json = tmp_path / "r.json"
    code, out, _ = run(capsys, "run", "ep.cor-3.3", "--case", str(case), "--json", str(out_json))
    row = json.loads(out_json.read_text())["results"][0]
    # slope 1 plus kink 1
    assert code == 0 and (row["claim"], row["verdict"], row["value"]) == ("ep.thm-3.3", "PROVED", "2")


def test_all_writes_the_json_contract(tmp_path, capsys):
    out_json = tmp_path / "out.json"
    code, out, _ = run(capsys, "all", "--json", str(out_json), "--report", str(tmp_path / "rep"), "--no-pdf",
                       "--jobs", "2")
    assert code == 0
    doc = json.loads(out_json.read_text())
    assert doc["version"] == 3 and {"tool", "version", "python", "packages", "command"} <= set(doc["run"])
    rows = doc["results"]
    prop = [r for r in rows if r["claim"] == "ep.prop-3.1" and r["case"] == "ep-prop-3.1-eq"]
    assert len(prop) == 1 and prop[0]["verdict"] == "PROVED" and prop[0]["value"] == "8"
    for cid in ("ep.thm-3.3", "ses.thm-3.3"):
        mine = [r for r in rows if r["claim"] == cid]
        assert len(mine) >= 24 and all(r["verdict"] == "PROVED" for r in mine)
    keys = {"claim", "covers", "case", "verdict", "method", "convention", "value", "certificates", "findings",
            "printed", "seconds"}
    assert all(keys <= set(r) for r in rows)
    assert "ep.cor-3.3" in next(r for r in rows if r["claim"] == "ep.thm-3.3")["covers"]
    assert not [r for r in rows if r["verdict"] == "ERROR"]
    assert not [r for r in rows if r["verdict"] in ("PROVED", "REFUTED") and not r["certificates"]]
    registered = {cl.id for cl in all_claims().values()}
    assert registered == {r["claim"] for r in rows}  # every claim checked on at least one case
    statuses = {p["what"]: p["status"] for p in prop[0]["printed"]}
    assert statuses["||w_star||_1 = optimal value"] == "MATCH"
    assert statuses["A_e = (a u_star^T + 1 b_star^T)_+"] == "MATCH"
    assert statuses["v_hat (dual optimal for all (u, b), not only the printed columns)"] == "MISMATCH"
    index = (tmp_path / "rep" / "index.md").read_text()
    assert all(f"claims/{r['claim']}.md" in index for r in rows)  # every claim of the whole run has its section
    assert (tmp_path / "rep" / "appendix.tex").exists() and not (tmp_path / "rep" / "appendix.pdf").exists()
    lem21 = [f for r in rows if r["claim"] == "ep.lem-2.1" for f in r["findings"]]
    assert lem21 and lem21[0]["place"] == "Lemma 2.1" and lem21[0]["certificates"]
    assert_block_lists_every_finding(out, rows)


def assert_block_lists_every_finding(out: str, rows: list[dict]) -> None:
    """The findings block of a run's output names every finding of its JSON, under its paper, with the number
    of cases it was found on, and a certificate of it when it has one."""
    lines = out.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Findings ("))
    block = lines[start:]
    groups: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        for f in r["findings"]:
            groups.setdefault((f["paper"], f["place"]), set()).add(r["case"])
    assert block[0].startswith(f"Findings ({len(groups)} place")
    for (paper, place), cases in groups.items():
        header = next(i for i, ln in enumerate(block) if ln.endswith(f"({paper})") and not ln.startswith(" "))
        end = next((i for i in range(header + 1, len(block)) if block[i] and not block[i].startswith(" ")),
                   len(block))
        line = next(ln for ln in block[header:end] if ln.startswith(f"  {place}: "))
        assert f" on {len(cases)} case{'s' * (len(cases) != 1)}: " in line, (line, cases)
        evidence = block[block.index(line) + 1]
        certs = [c for r in rows for f in r["findings"] if (f["paper"], f["place"]) == (paper, place)
                 for c in f["certificates"]]
        assert evidence.startswith("      evidence: " + (certs[0] if certs else "no certificate kind states it"))


def test_run_on_a_user_case_and_check_its_certificate(tmp_path, capsys):
    case = tmp_path / "my.toml"
    case.write_text('name = "mine"\nx = ["0", "1/2", "3"]\ny = ["1", "0", "2"]\n')
    out_json = tmp_path / "r.json"
    code, out, _ = run(capsys, "run", "ep.thm-3.3", "--case", str(case), "--json", str(out_json),
                       "--report", str(tmp_path / "rep"))
    assert code == 0
    (row,) = json.loads(out_json.read_text())["results"]
    assert row["verdict"] == "PROVED" and row["case"] == "mine"
    cert = Path(row["certificates"][0])
    code, out, _ = run(capsys, "check", str(cert))
    assert code == 0 and "ACCEPTED" in out
    doc = json.loads(cert.read_text())
    doc["dual"]["v"][0] = str(Fraction(doc["dual"]["v"][0]) + 1)
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(doc))
    code, out, _ = run(capsys, "check", str(cert), str(bad))
    assert code == 1 and "REJECTED" in out and "ACCEPTED" in out
    assert out.splitlines()[-1] == "1 accepted, 1 rejected"


def test_bad_case_file_is_a_clear_error_not_a_traceback(tmp_path, capsys):
    case = tmp_path / "bad.toml"
    case.write_text('name = "bad"\nx = ["0", "1"]\ny = ["1"]\n')
    code, out, err = run(capsys, "run", "ep.thm-3.3", "--case", str(case))
    assert code == 2
    assert "bad.toml" in err and "field 'y'" in err and "expected 2 entries" in err
    assert "Traceback" not in err


def test_matrix_case_for_a_1d_claim_is_refused(tmp_path, capsys):
    case = tmp_path / "m.toml"
    case.write_text('name = "m"\nX = [["0", "1"], ["1", "0"]]\ny = ["1", "0"]\n')
    code, _, err = run(capsys, "run", "ses.thm-3.3", "--case", str(case))
    assert code == 2 and "m.toml: field 'x': expected 1-D data x (distinct points), got matrix data X" in err


def test_unknown_claim(capsys):
    code, _, err = run(capsys, "run", "ep.thm-9.9")
    assert code == 2 and "unknown claim 'ep.thm-9.9'" in err
    code, _, err = run(capsys, "run", "ep.thm-33")
    assert code == 2 and "did you mean ep.thm-3.3" in err


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith("relu-certify 0.1.0")


def test_unexpected_verdict_makes_the_run_fail(tmp_path, capsys):
    case = tmp_path / "e.toml"
    case.write_text('name = "e"\nx = ["0", "1"]\ny = ["1", "0"]\n[expect]\n"ses.thm-3.3" = "REFUTED"\n')
    code, out, _ = run(capsys, "run", "ses.thm-3.3", "--case", str(case), "--report", str(tmp_path))
    assert code == 1 and "expected REFUTED" in out


def test_a_users_case_with_a_finding_exits_0(tmp_path, capsys):
    """A verdict on a user's case is a result, not a miss of the claim's recorded verdict: a finding is
    reported, in the findings block, and the run exits 0."""
    case = tmp_path / "u.toml"
    case.write_text('name = "u"\nx = ["-2", "-1", "0", "1", "2"]\ny = ["3", "2", "1", "2", "3"]\n')
    out_json = tmp_path / "u.json"
    code, out, _ = run(capsys, "run", "ep.thm-3.3", "--case", str(case), "--json", str(out_json),
                       "--out", str(tmp_path / "o"))
    rows = json.loads(out_json.read_text())["results"]
    assert code == 0 and rows[0]["verdict"] == "PROVED" and rows[0]["findings"]
    assert "expected" not in out.splitlines()[0] and "Ergen & Pilanci (ep)" in out
    assert out.splitlines()[-1] == ("1 checks: 1 PROVED; no recorded expectations (a case of your own: the "
                                    "verdicts are the results)")
    assert_block_lists_every_finding(out, rows)
    assert all(Path(c).parent == tmp_path / "o" / "certificates" for c in rows[0]["certificates"])  # --out


def test_findings_only_prints_just_the_block(tmp_path, capsys):
    case = tmp_path / "u.toml"
    case.write_text('name = "u"\nx = ["-2", "-1", "0", "1", "2"]\ny = ["3", "2", "1", "2", "3"]\n')
    code, out, _ = run(capsys, "run", "ep.thm-3.3", "--case", str(case), "--findings-only", "--out", str(tmp_path))
    lines = [ln for ln in out.splitlines() if ln]
    assert code == 0 and lines[0].startswith("Findings (") and lines[-1].startswith("1 checks: 1 PROVED")
    assert not any(ln.startswith("PROVED") for ln in lines)
