"""``thidua statistics``: formats, the workbook and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from thidua.cli import main
from thidua.datasets import hanoi_path
from thidua.io import write_csv_dir
from thidua.statistics import form_0602
from thidua.testing import tiny_dataset
from thidua.workspace import read_workspace

HANOI = str(hanoi_path())


def test_table_prints_the_form_with_its_headings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["statistics", HANOI, "--form", "0602", "--year", "2024"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first == (
        "Biểu số 0602.N/BNV-TĐKT: SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC — năm 2024 "
        "(01/12/2023–30/11/2024)"
    )
    assert "Bằng khen của Thủ tướng Chính phủ (Cá nhân)" in out
    assert "18/2025/TT-BNV" in out


def test_csv_and_json_carry_the_same_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = form_0602(read_workspace(hanoi_path()).workspace, 2024)
    assert (
        main(
            [
                "statistics",
                HANOI,
                "--form",
                "0602",
                "--form",
                "0603",
                "--year",
                "2024",
                "--format",
                "json",
            ]
        )
        == 0
    )
    forms = json.loads(capsys.readouterr().out)
    assert [f["form"] for f in forms] == ["0602", "0603"]
    assert forms[0]["rows"] == expected.to_records()
    assert forms[0]["counted"] == list(expected.counted)
    assert not any(c["verified"] for c in forms[0]["columns"])
    out = tmp_path / "f.csv"
    assert (
        main(
            [
                "statistics",
                HANOI,
                "--form",
                "0602",
                "--year",
                "2024",
                "--format",
                "csv",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert "wrote 0602" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert int(rows[0]["total"]) == expected.total
    assert rows[0]["form"] == "0602"


def test_xlsx_writes_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bieu.xlsx"
    argv = ["statistics", HANOI, "--form", "0603", "--year", "2024", "--format", "xlsx"]
    assert main([*argv, "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["0603"]
    assert main(argv) == 2  # no --out
    assert "give --out" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["statistics", HANOI, "--form", "0604", "--year", "2024"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["statistics", "no/such/dir", "--form", "0602", "--year", "2024"])
    assert exc.value.code == 2
    capsys.readouterr()


def _workspace(tmp_path: Path, people: str, awards: str = "") -> str:
    d = tmp_path / "ws"
    write_csv_dir(tiny_dataset(), d)
    (d / "people.csv").write_text(people, encoding="utf-8")
    (d / "memberships.csv").write_text(
        "person,unit,valid_from\nP1,G1,2015-01-01\n", encoding="utf-8"
    )
    if awards:
        (d / "awards.csv").write_text(awards, encoding="utf-8")
    return str(d)


def test_errors_in_the_data_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _workspace(
        tmp_path,
        "id,name\nP1,Lê Văn An\n",
        "id,recipient,honour,decided_on\nKT1,NOBODY,BK_TTG,2024-05-01\n",
    )
    assert main(["statistics", path, "--form", "0602", "--year", "2024"]) == 1
    err = capsys.readouterr().err
    assert "no form is computed from faulty data" in err


def test_an_unreadable_category_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _workspace(tmp_path, "id,name,category\nP1,Lê Văn An,nhà thơ\n")
    assert main(["statistics", path, "--form", "0603", "--year", "2024"]) == 2
    err = capsys.readouterr().err
    assert "person 'P1', column 'category'" in err
    assert "people.csv" in err
