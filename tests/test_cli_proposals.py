"""``thidua honours propose`` (issue 9 §1)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from thidua.cli import main
from thidua.cli.proposals import PROPOSAL_COLUMNS
from thidua.datasets import hanoi_path

HANOI = str(hanoi_path())


def _propose(*argv: str) -> list[str]:
    return ["honours", "propose", HANOI, "--period", "2024", *argv]


def test_the_table_ranks_and_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    argv = _propose("--honour", "CSTDCS", "--proposer", "CDCS-0086", "--quota", "15%")
    assert main(argv) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["rank", "subject", "name", "unit", "proposed", "score", "reason"]
    assert lines[1].split()[:2] == ["1", "DV-00540"]
    assert "beyond the quota CSTDCS ≤ 15 % of the unit's LDTT" in lines[2]
    assert "not eligible: rated HTXS or better in 2024: rated HTT" in out
    assert "<ProposalList CSTDCS 2024 by CDCS-0086: 1 proposed, 4 cut by quota" in out
    assert "quota: CSTDCS ≤ 15 % of the unit's LDTT" in out


def test_csv_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = _propose("--honour", "CSTDCS", "--proposer", "CDCS-0086", "--quota", "2")
    assert main([*argv, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == list(PROPOSAL_COLUMNS)
    assert [r["subject"] for r in rows if r["proposed"] == "true"] == ["DV-00540", "DV-00544"]
    assert main([*argv, "--format", "json", "--order", "id"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["subject"] for r in records if r["proposed"]] == ["DV-00540", "DV-00541"]
    assert {"subject", "name", "unit", "eligible", "rank", "proposed", "reason"} <= set(records[0])


def test_no_quota_and_the_theme(capsys: pytest.CaptureFixture[str]) -> None:
    argv = _propose("--honour", "BK_CD", "--proposer", "LDLD-BADINH", "--format", "json")
    assert main([*argv, "--theme", "Xanh – Sạch – Đẹp"]) == 0
    assert sum(r["proposed"] for r in json.loads(capsys.readouterr().out)) == 4
    assert main([*argv, "--quota", "none"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert all(r["proposed"] for r in records)
    assert len(records) > 4


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--honour", "CSTDX", "--proposer", "HN"), "CSTDCS"),
        (("--honour", "LDTT", "--proposer", "CDCS-99999"), "unit"),
        (("--honour", "LDTT", "--proposer", "HN", "--rules", "vn-2099"), "vn-2024"),
        (("--honour", "LDTT", "--proposer", "HN", "--quota", "lots"), "whole number"),
    ],
)
def test_bad_usage_exits_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], words: str
) -> None:
    assert main(_propose(*argv)) == 2
    assert words in capsys.readouterr().err


def test_errors_in_the_data_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    d = tmp_path / "ws"
    shutil.copytree(hanoi_path(), d)
    with (d / "ratings.csv").open("a", encoding="utf-8") as fh:
        fh.write("DV-00001,2024,xuất sắc lắm\n")
    argv = ["honours", "propose", str(d), "--period", "2024", "--honour", "LDTT"]
    assert main([*argv, "--proposer", "CDCS-0001"]) == 1
    assert "no list is made from faulty data" in capsys.readouterr().err


def test_a_quota_file_in_yaml_or_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("yaml")
    yaml_file = tmp_path / "quotas.yaml"
    yaml_file.write_text(
        "- {kind: share, honour: CSTDCS, share: 15%}\n- {kind: proposer, honour: LDTT, limit: 1}\n",
        encoding="utf-8",
    )
    argv = _propose("--honour", "CSTDCS", "--proposer", "CDCS-0086", "--format", "json")
    assert main([*argv, "--quota-file", str(yaml_file)]) == 0
    assert [r["subject"] for r in json.loads(capsys.readouterr().out) if r["proposed"]] == [
        "DV-00540"
    ]
    json_file = tmp_path / "quotas.json"
    json_file.write_text('[{"kind": "proposer", "honour": "CSTDCS", "limit": 3}]', encoding="utf-8")
    assert main([*argv, "--quota-file", str(json_file)]) == 0
    assert sum(r["proposed"] for r in json.loads(capsys.readouterr().out)) == 3
    json_file.write_text('{"kind": "proposer"}', encoding="utf-8")
    assert main([*argv, "--quota-file", str(json_file)]) == 2
    assert "a quota file holds a list of quotas" in capsys.readouterr().err


def test_validate_takes_the_users_quota_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import thidua
    from thidua.honours import check_proposals, quotas_from_data

    path = str(hanoi_path())
    assert main(["validate", path]) == 0
    capsys.readouterr()
    quota_file = tmp_path / "quotas.json"
    entries = [{"kind": "proposer", "honour": "LDTT", "limit": 2}]
    quota_file.write_text(json.dumps(entries), encoding="utf-8")
    assert main(["validate", path, "--quota-file", str(quota_file), "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert found, "a proposal list beyond the user's quota is a problem"
    assert {p["code"] for p in found} == {"R009"}
    assert all("LDTT ≤ 2 per proposer" in p["message"] for p in found)
    ws = thidua.load(path)
    expected = [
        p for p in check_proposals(ws, quotas=quotas_from_data(entries)) if p.code == "R009"
    ]
    assert [p["subject"] for p in found] == [p.subject for p in expected]
    assert all(p["file"] == "proposals.csv" and p["row"] for p in found)
    # The quotas of other honours leave the proposals alone.
    quota_file.write_text('[{"kind": "proposer", "honour": "CO_CP", "limit": 1}]', encoding="utf-8")
    assert main(["validate", path, "--quota-file", str(quota_file)]) == 0
    capsys.readouterr()
    quota_file.write_text('[{"kind": "per unit", "honour": "LDTT"}]', encoding="utf-8")
    assert main(["validate", path, "--quota-file", str(quota_file)]) == 2
    assert "unknown kind 'per unit'" in capsys.readouterr().err
