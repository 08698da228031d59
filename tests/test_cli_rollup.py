"""``thidua rollup`` and ``thidua demo``: formats, bases, filters, exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from thidua.cli import main
from thidua.datasets import hanoi_path

HANOI = str(hanoi_path())


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, object]]]:
    code = main(["rollup", HANOI, "--period", "2024", *argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_rollup_json_rows(capsys: pytest.CaptureFixture[str]) -> None:
    code, rows = run_json(capsys, "--kind", "district", "--indicator", "new_members")
    assert code == 0  # the Hoàn Kiếm discrepancy is a warning
    assert len(rows) == 30
    hk = next(r for r in rows if r["unit"] == "LDLD-HOANKIEM")
    assert hk["value"] == 610
    assert hk["indicator"] == "new_members"
    assert {"unit", "indicator", "value", "expected", "reported", "name"} <= set(hk)


def test_rollup_reports_reconciliation_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rollup", HANOI, "--period", "2024", "--rank", "2", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert "F011 warning" in captured.err
    assert "647" in captured.err
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert {"unit", "indicator", "value"} <= set(rows[0])
    assert "LDLD-HOANKIEM" in {r["unit"] for r in rows}


def test_rollup_ratio_is_recomputed_not_averaged(capsys: pytest.CaptureFixture[str]) -> None:
    code, rows = run_json(
        capsys,
        "--rank",
        "1",
        "--indicator",
        "workers_conferences_held",
        "workers_conferences_due",
        "workers_conference_rate",
    )
    assert code == 0
    by = {r["indicator"]: r["value"] for r in rows if r["unit"] == "HN"}
    assert by["workers_conference_rate"] == pytest.approx(
        100 * by["workers_conferences_held"] / by["workers_conferences_due"]
    )


def test_rollup_restated_and_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    _, restated = run_json(capsys, "--restate-to", "1/1/2026", "--rank", "2")
    units = {r["unit"] for r in restated}
    assert "CDP-KIMLIEN" in units
    assert "LDLD-HOANKIEM" not in units
    _, as_was = run_json(capsys, "--as-of", "2024-12-31", "--rank", "2")
    assert "LDLD-HOANKIEM" in {r["unit"] for r in as_was}


def test_rollup_table_and_relations(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["rollup", HANOI, "--period", "2024", "--rank", "1", "--indicator", "people_honoured"]
    assert main([*argv, "--relation", "admin", "--relation", "guidance"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["unit", "indicator", "value"]
    assert "HN" in out


def test_rollup_bad_period_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rollup", HANOI, "--period", "quý V/2024"]) == 2
    assert "quý V/2024" in capsys.readouterr().err


def test_rollup_unknown_indicator_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rollup", HANOI, "--period", "2024", "--indicator", "nope"]) == 2
    assert "nope" in capsys.readouterr().err


def test_rollup_needs_a_directory_with_figures(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["rollup", str(tmp_path / "h.json"), "--period", "2024"])
    assert info.value.code == 2
    shutil.copytree(HANOI, tmp_path / "ds")
    (tmp_path / "ds" / "figures.csv").unlink()
    with pytest.raises(SystemExit) as info:
        main(["rollup", str(tmp_path / "ds"), "--period", "2024"])
    assert info.value.code == 2


def test_rollup_figure_errors_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(HANOI, tmp_path / "ds")
    with (tmp_path / "ds" / "figures.csv").open("a", encoding="utf-8") as f:
        f.write("NOPE,new_members,2024,5,BC-X,own\n")
        f.write("CDCS-0001,new_members,2024,abc,BC-X,own\n")
    assert main(["rollup", str(tmp_path / "ds"), "--period", "2024", "--rank", "1"]) == 1
    err = capsys.readouterr().err
    assert err.count("F001 error") == 1  # validation and roll-up do not both report it
    assert "F009 error" in err
    assert "figures.csv row" in err


def test_rollup_with_custom_indicators(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(HANOI, tmp_path / "ds")
    (tmp_path / "ds" / "indicators.csv").write_text(
        "code,name,unit,aggregation,numerator,denominator,weight,scale\n"
        "blood_units,Đơn vị máu hiến,đơn vị,sum,,,,\n",
        encoding="utf-8",
    )
    with (tmp_path / "ds" / "figures.csv").open("a", encoding="utf-8") as f:
        f.write("CDCS-0001,blood_units,2024,12,BC-X,own\n")
    code = main(
        [
            "rollup",
            str(tmp_path / "ds"),
            "--period",
            "2024",
            "--rank",
            "1",
            "--indicator",
            "blood_units",
            "--format",
            "json",
        ]
    )
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["unit"] == "HN"
    assert rows[0]["value"] == 12


def test_demo_runs_the_main_job(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "OK: 384 units" in out
    assert "== tree on 2025-06-30 (two levels) ==" in out
    assert "added 24, removed 46, moved 308" in out
    assert "LDLD-HOANKIEM new_members 2024: reported 647, computed 610 (difference +37)" in out
    assert "coverage of new_members at HN: 302/317" in out


class _NoTextWrites(io.TextIOWrapper):
    """A UTF-8 stdout that fails if the CSV report is written as text."""

    def write(self, s: str) -> int:
        if s:
            raise AssertionError("the CSV report was written as text")
        return 0

    def writelines(self, lines: object) -> None:
        raise AssertionError("the CSV report was written as text")


@pytest.mark.parametrize("extra", [(), ("--no-escape-formulas",)])
def test_rollup_csv_bytes_path_equals_the_text_path(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, extra: tuple[str, ...]
) -> None:
    argv = ["rollup", HANOI, "--period", "2024", "--format", "csv", *extra]
    assert main(argv) == 0  # capsys: a text stream with no buffer, the text path
    text = capsys.readouterr().out
    raw = io.BytesIO()
    stdout = _NoTextWrites(raw, encoding="utf-8", newline="\n")
    monkeypatch.setattr("sys.stdout", stdout)
    assert main(argv) == 0
    assert raw.getvalue() == text.encode("utf-8")
    assert text.count("\n") > 100


class _Named(io.TextIOWrapper):
    """A UTF-16 stream that reports another encoding name."""

    def __init__(self, raw: io.BytesIO, name: str) -> None:
        super().__init__(raw, encoding="utf-16", newline="\n")
        self._name = name

    @property
    def encoding(self) -> str:
        return self._name


@pytest.mark.parametrize("name", ["utf-16", "cp1258", "utf-8-sig", "no-such-codec"])
def test_rollup_csv_non_utf8_stdout_gets_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    argv = ["rollup", HANOI, "--period", "2024", "--format", "csv"]
    assert main(argv) == 0
    text = capsys.readouterr().out
    raw = io.BytesIO()
    stdout = _Named(raw, name)
    monkeypatch.setattr("sys.stdout", stdout)
    assert main(argv) == 0
    stdout.flush()
    assert raw.getvalue().decode("utf-16") == text
