"""The command line: exit codes, formats, tree, diff, progress."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_validation import CASES
from thidua.cli import main
from thidua.datasets import hanoi_path
from thidua.io import write_csv_dir, write_json
from thidua.testing import tiny_dataset

HANOI = str(hanoi_path())


def test_validate_sample_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", HANOI]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 384 units")


def test_validate_json_on_valid_data_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", HANOI, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    "case", ["two admin parents", "unknown kind", "split shares not summing to 1"]
)
def test_validate_broken_dataset_exits_1_with_codes(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset, codes = CASES[case]
    write_csv_dir(dataset, tmp_path / "ds")
    assert main(["validate", str(tmp_path / "ds"), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert {p["code"] for p in problems} == codes
    for p in problems:
        assert set(p) == {
            *("code", "severity", "message", "subject", "pointer"),
            *("file", "sheet", "row", "column", "path"),
        }
        assert p["pointer"].endswith(".csv") or ".csv row " in p["pointer"]
        assert p["file"].endswith(".csv")


def test_warnings_only_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dataset, codes = CASES["unit without admin parent"]
    assert codes == {"H012"}
    write_json(dataset, tmp_path / "ds.json")
    assert main(["validate", str(tmp_path / "ds.json")]) == 0
    out = capsys.readouterr().out
    assert "H012 warning" in out
    assert "OK: 9 units" in out


def test_validate_as_of_restricts(tmp_path: Path) -> None:
    dataset, _ = CASES["two admin parents"]
    write_json(dataset, tmp_path / "ds.json")
    assert main(["validate", str(tmp_path / "ds.json"), "--as-of", "1/6/2024"]) == 0
    assert main(["validate", str(tmp_path / "ds.json"), "--as-of", "1/3/2025"]) == 1


def test_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["validate", str(tmp_path / "missing")])
    assert info.value.code == 2
    assert "thidua: cannot read" in capsys.readouterr().err
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["validate", str(tmp_path / "bad.json")])
    assert info.value.code == 2


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["validate"],
        ["validate", HANOI, "--as-of", "31/02/2025"],
        ["diff", HANOI, "--from", "2025-01-01"],
        ["tree", HANOI, "--depth", "x"],
    ],
)
def test_bad_usage_exits_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_help_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["--help"],
        ["validate", "--help"],
        ["tree", "--help"],
        ["diff", "--help"],
        ["rollup", "--help"],
        ["demo", "--help"],
    ):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 0
    assert "Exit codes" in capsys.readouterr().out


def test_tree(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tree", HANOI, "--as-of", "30/6/2025", "--root", "HN", "--depth", "1"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Structure on 2025-06-30 (admin): 356 units"
    assert lines[1].startswith("Liên đoàn Lao động thành phố Hà Nội [HN] provincial · 38 children")
    assert "  Liên đoàn Lao động quận Hoàn Kiếm [LDLD-HOANKIEM] district" in out
    assert "CDCS-0001" not in out  # depth 1 stops at the districts
    assert lines[-1].startswith("Units by kind: central 1, provincial 1, district 30")


def test_tree_unknown_root_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tree", HANOI, "--root", "NOPE"]) == 2
    assert "NOPE" in capsys.readouterr().err


def test_tree_default_day_is_the_last_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_json(tiny_dataset(), tmp_path / "t.json")
    assert main(["tree", str(tmp_path / "t.json")]) == 0
    assert capsys.readouterr().out.startswith("Structure on 2025-07-01 (admin): 6 units")


def test_diff_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", HANOI, "--from", "2025-06-30", "--to", "2025-07-01"]) == 0
    text = capsys.readouterr().out
    assert "removed 46:" in text
    assert "Công đoàn phường Kim Liên [CDP-KIMLIEN]" in text
    assert (
        main(["diff", HANOI, "--from", "2025-06-30", "--to", "2025-07-01", "--format", "json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert len(data["added"]) == 24
    assert len(data["removed"]) == 46


def test_diff_reversed_dates_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", HANOI, "--from", "2025-07-01", "--to", "2025-06-30"]) == 2
    assert "before start" in capsys.readouterr().err


def test_progress_forced(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--progress", "validate", HANOI]) == 0
    err = capsys.readouterr().err
    assert "units.csv" in err


def test_console_script_runs() -> None:
    exe = Path(sys.executable).with_name("thidua")
    proc = subprocess.run(
        [str(exe), "validate", HANOI], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("OK:")
