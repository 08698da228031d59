"""``thidua honours bonus`` and ``thidua honours revoke-impact``: formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from thidua.cli import main
from thidua.cli.honours import BONUS_COLUMNS, TOTAL_COLUMNS
from thidua.datasets import hanoi_path
from thidua.io import write_csv_dir
from thidua.testing import tiny_dataset

HANOI = str(hanoi_path())

PEOPLE = {
    "people.csv": "id,name\nP1,Nguyễn Thị Hoa\nP2,Trần Văn Nam\nP3,Lê Văn Ba\n",
    "memberships.csv": "person,unit,valid_from\nP1,G1,2015-01-01\nP2,G1,2015-01-01\n"
    "P3,G1,2015-01-01\n",
    "ratings.csv": "subject,period,rating\nP1,2024,HTT\nP2,2024,HTT\nP3,2024,HTT\nG1,2024,HTT\n",
    "awards.csv": "id,recipient,honour,period,decided_on,revoked_on\n"
    "L1,P1,LDTT,2024,2024-06-30,2025-03-01\n"
    "L2,P2,LDTT,2024,2024-07-01,\n"
    "L3,P3,LDTT,2024,2024-07-01,\n"
    "C3,P3,CSTDCS,2024,2024-07-01,\n"
    "B1,G1,BK_BO_TT,2024,2025-07-01,\n"
    "T1,G1,TTLDTT,2024,2024-07-01,\n",
    # the shipped Bằng khen is for a person: a collective one is the workspace's own honour
    "honours.csv": "code,name_vi,kind,recipient,level,multiplier\n"
    "BK_BO_TT,Bằng khen cấp bộ cho tập thể,form,collective,province,1.5\n",
}


def _workspace(tmp_path: Path, **changes: str) -> str:
    d = tmp_path / "ws"
    write_csv_dir(tiny_dataset(), d)
    for name, text in {**PEOPLE, **changes}.items():
        (d / name).write_text(text, encoding="utf-8")
    return str(d)


# -- bonus ------------------------------------------------------------------------------------


def test_bonus_json_has_the_fields_of_the_issue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["honours", "bonus", _workspace(tmp_path), "--period", "2024", "--format", "json"])
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert isinstance(rows, list)
    by = {r["award"]: r for r in rows}
    assert set(by) == {"L1", "L2", "L3", "C3", "B1", "T1"}
    for r in rows:
        assert {"award", "recipient", "honour", "decided_on", "base_salary", "multiplier",
                "factor", "amount", "paid"} <= set(r)  # fmt: skip
        assert isinstance(r["amount"], int)
        assert isinstance(r["paid"], bool)
    # 30/06/2024 and 01/07/2024: the base salary of the decision date
    assert (by["L1"]["base_salary"], by["L1"]["amount"], by["L1"]["paid"]) == (
        1_800_000,
        540_000,
        False,
    )
    assert by["L1"]["reason"] == "revoked on 01/03/2025"
    assert (by["L2"]["base_salary"], by["L2"]["amount"], by["L2"]["paid"]) == (
        2_340_000,
        710_000,
        True,
    )
    # two titles of P3 for 2024: only the CSTĐCS pays; the LĐTT is listed with its amount
    assert (by["C3"]["amount"], by["C3"]["paid"]) == (2_340_000, True)
    assert (by["L3"]["amount"], by["L3"]["paid"]) == (710_000, False)
    # a form to a collective ×2; the collective title has its own multiplier, no factor
    assert (by["B1"]["factor"], by["B1"]["multiplier"], by["B1"]["amount"]) == (2.0, 1.5, 7_020_000)
    assert (by["T1"]["factor"], by["T1"]["multiplier"], by["T1"]["amount"]) == (1.0, 0.8, 1_880_000)
    assert by["B1"]["decided_on"] == "2025-07-01"


def test_bonus_table_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _workspace(tmp_path)
    assert main(["honours", "bonus", path, "--period", "2024"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["award", "recipient", "honour"]
    assert out.splitlines()[-1].startswith("năm 2024: 4 of 6 awards paid, 11.950.000 VND")
    assert "revoked on 01/03/2025" in out
    assert main(["honours", "bonus", path, "--period", "2024", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0]) == BONUS_COLUMNS
    l2 = next(r for r in rows if r["award"] == "L2")
    assert (l2["amount"], l2["paid"], l2["name"]) == ("710000", "true", "Trần Văn Nam")
    assert "rounded up to a multiple of 10.000 VND" in l2["explanation"]


def test_bonus_totals_in_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _workspace(tmp_path)
    assert main(["honours", "bonus", path, "--period", "2024", "--totals", "--format", "json"]) == 0
    rows = {r["unit"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["G1"]["bonus_paid"] == 11_950_000
    assert rows["G1"]["bonus_awards"] == 4
    assert rows["HN"]["bonus_paid"] == 11_950_000  # rolled up to the federation
    assert main(["honours", "bonus", path, "--period", "2024", "--totals", "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert tuple(table[0]) == TOTAL_COLUMNS
    assert main(["honours", "bonus", path, "--period", "2024", "--totals"]) == 0
    assert "11.950.000" in capsys.readouterr().out


def test_bonus_on_with_user_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _workspace(tmp_path)
    mine = tmp_path / "multipliers.csv"
    mine.write_text("honour,multiplier,basis\nTTLDTT,1.0,our rule\n", encoding="utf-8")
    salary = tmp_path / "salary.csv"
    salary.write_text("valid_from,amount\n2025-01-01,3000000\n", encoding="utf-8")
    argv = ["honours", "bonus", path, "--period", "2024", "--format", "json", "--on", "2025-01-01",
            "--multipliers", str(mine), "--base-salary", str(salary)]  # fmt: skip
    assert main(argv) == 0
    by = {r["award"]: r for r in json.loads(capsys.readouterr().out)}
    assert (by["T1"]["multiplier"], by["T1"]["amount"]) == (1.0, 2_340_000)
    assert by["B1"]["base_salary"] == 3_000_000
    assert by["L1"]["paid"] is True  # revoked on 01/03/2025: not yet on 01/01/2025
    assert by["L1"]["reason"] == ""


def test_bonus_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = _workspace(tmp_path, **{"awards.csv": "id,recipient,honour,period,decided_on\n"
                                                  "A1,NOBODY,LDTT,2024,2025-01-01\n"})  # fmt: skip
    assert main(["honours", "bonus", broken, "--period", "2024"]) == 1
    err = capsys.readouterr().err
    assert "no bonus is computed on faulty data" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("honour,multiplier\nLDTT,lots\n", encoding="utf-8")
    path = str(tmp_path / "ws")
    assert main(["honours", "bonus", path, "--period", "2024", "--multipliers", str(bad)]) == 1
    assert "A030" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["honours", "bonus", path, "--period", "2024", "--multipliers", "no/such.csv"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["honours", "bonus", "no/such/dir", "--period", "2024"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["honours", "bonus", path])  # --period is required
    assert caught.value.code == 2
    assert main(["honours", "bonus", path, "--period", "not a period"]) == 2


def test_bonus_on_the_hanoi_sample_warns_a030(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["honours", "bonus", HANOI, "--period", "2023", "--format", "json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert len(rows) > 1000
    assert "A030 warning" in captured.err


# -- revoke-impact ----------------------------------------------------------------------------


def test_revoke_impact_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _workspace(tmp_path)
    assert main(["honours", "revoke-impact", path, "--award", "L1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("revoked: L1 (LDTT năm 2024 to P1, decided 30/06/2024), stops counting")
    assert "T1 (TTLDTT năm 2024 to G1) rested on L1 (a member of the collective)" in out
    assert out.rstrip().endswith("Nothing was changed.")
    assert main(["honours", "revoke-impact", path, "--award", "L1", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["revoked"]["award"] == "L1"
    assert payload["hypothetical"] is False
    (affected,) = payload["affected"]
    # 3 members, P3 is CSTĐCS (so LĐTT) and P2 LĐTT: 2 of 3 = 66.7 % without P1
    assert (affected["award"], affected["eligible_before"], affected["still_eligible"]) == (
        "T1",
        True,
        False,
    )


def test_revoke_impact_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _workspace(tmp_path)
    assert main(["honours", "revoke-impact", path, "--award", "NOPE"]) == 2
    assert "NOPE" in capsys.readouterr().err
    assert main(["honours", "revoke-impact", path, "--award", "L1", "--rules", "vn-2099"]) == 2
    with pytest.raises(SystemExit) as caught:
        main(["honours", "revoke-impact", path])  # --award is required
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["honours", "revoke-impact", path, "--award", "L1", "--format", "csv"])
    assert caught.value.code == 2
    broken = _workspace(tmp_path, **{"awards.csv": "id,recipient,honour,period,decided_on\n"
                                                  "A1,NOBODY,LDTT,2024,2025-01-01\n"})  # fmt: skip
    assert main(["honours", "revoke-impact", broken, "--award", "A1"]) == 1
    assert "no impact is computed on faulty data" in capsys.readouterr().err


def test_revoke_impact_on_the_hanoi_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["honours", "revoke-impact", HANOI, "--award", "KT-006531", "--debug"]) == 0
    out = capsys.readouterr().out
    assert "not revoked in the data" in out
