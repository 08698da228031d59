"""The command line as a user meets it: version, internal errors, hints, tables, safe CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import thidua
from thidua.cli import EXIT_INTERNAL, main
from thidua.cli import validate as validate_command
from thidua.cli._common import format_value, neutralise, report_csv, table
from thidua.datasets import hanoi_path
from thidua.hierarchy import Dataset, Unit
from thidua.io import write_json

HANOI = str(hanoi_path())


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"thidua {thidua.__version__}"


@pytest.mark.parametrize("module", ["thidua", "thidua.cli"])
def test_python_dash_m_thidua(module: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", module, "validate", HANOI],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("OK: 384 units")


def _boom(*_args: object, **_kwargs: object) -> object:
    raise RecursionError("maximum recursion depth exceeded while calling a Python object")


def test_internal_error_exit_70_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(validate_command, "load", _boom)
    assert main(["validate", HANOI]) == EXIT_INTERNAL == 70
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert err.startswith("thidua: internal error: RecursionError: maximum recursion depth")
    assert "--debug" in err


@pytest.mark.parametrize(
    "argv",
    [["--debug", "validate", HANOI], ["validate", HANOI, "--debug"]],
)
def test_debug_shows_the_traceback(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(validate_command, "load", _boom)
    assert main(argv) == 70
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "RecursionError" in err


def test_exit_70_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["rollup", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        assert "70 internal error" in " ".join(capsys.readouterr().out.split())
    assert "`70`" in (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["rollup", HANOI, "--period", "2024", "--kind", "distric"], "did you mean 'district'"),
        (["rollup", HANOI, "--period", "2024", "--kind", "nope"], "unknown kind 'nope'"),
        (["rollup", HANOI, "--period", "2024", "--rank", "99"], "unknown rank 99"),
        (["rollup", HANOI, "--period", "2024", "--relation", "guidence"], "'guidance'"),
        (["tree", HANOI, "--relation", "guidence"], "did you mean 'guidance'"),
        (["tree", HANOI, "--relation", "nope"], "unknown relation 'nope'"),
    ],
)
def test_unknown_names_exit_2_with_a_hint(
    argv: list[str], hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert hint in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["tree", HANOI, "--depth", "-1"],
        ["rollup", HANOI, "--period", "2024", "--rank", "99999999999999999999"],
        ["rollup", HANOI, "--period", "2024", "--rank", "one"],
    ],
)
def test_bad_numbers_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err
    assert "Traceback" not in err


def test_rollup_table_vietnamese_numbers_and_legend(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["rollup", HANOI, "--period", "2024", "--rank", "1", "--indicator", "members"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("HN "))
    value = row.split()[2]
    assert "." in value  # thousands separated the Vietnamese way
    assert "," not in value
    assert "coverage x/y:" in out
    assert main([*argv, "--plain-numbers"]) == 0
    plain = capsys.readouterr().out
    plain_row = next(line for line in plain.splitlines() if line.startswith("HN "))
    assert plain_row.split()[2] == value.replace(".", "")


def test_rollup_table_fits_long_ids(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["rollup", HANOI, "--period", "2024", "--kind", "district", "--indicator", "members"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0]
    start = header.index("indicator")
    rows = [line for line in lines[1:] if line.startswith("LDLD-")]
    assert rows
    longest = max(len(r.split()[0]) for r in rows)
    assert start == longest + 2
    assert all(r[start:].startswith("members") for r in rows)


def test_format_value_and_table() -> None:
    assert format_value(1585.0, "vi") == "1.585"
    assert format_value(0.5, "vi") == "0,5"
    assert format_value(-0.001, "plain") == "0"
    assert format_value(float("nan"), "vi") == "—"
    text = table(["a", "bb"], [["x" * 30, "1"]], right=[1])
    assert text.splitlines()[1] == "x" * 30 + "   1"


def _rollup_csv(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> list[list[str]]:
    argv = ["rollup", str(path), "--period", "2024", "--rank", "2", "--format", "csv", *extra]
    assert main(argv) == 0
    return list(csv.reader(io.StringIO(capsys.readouterr().out)))


def test_rollup_csv_neutralises_formulas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(HANOI, tmp_path / "ds")
    units = tmp_path / "ds" / "units.csv"
    with units.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows:
        if row[0] == "LDLD-HOANKIEM":
            row[1] = '=HYPERLINK("http://evil","x")'
        if row[0] == "LDLD-BADINH":
            row[1] = "-2+3"
    with units.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    table_rows = _rollup_csv(capsys, tmp_path / "ds")
    header = table_rows[0]
    by_unit = {r[0]: dict(zip(header, r, strict=True)) for r in table_rows[1:]}
    assert by_unit["LDLD-HOANKIEM"]["name"] == '\'=HYPERLINK("http://evil","x")'
    assert by_unit["LDLD-BADINH"]["name"] == "'-2+3"
    assert all(not r[5].startswith("'") for r in table_rows[1:])  # values stay numbers
    raw = _rollup_csv(capsys, tmp_path / "ds", "--no-escape-formulas")
    names = {r[0]: r[1] for r in raw[1:]}
    assert names["LDLD-HOANKIEM"].startswith("=HYPERLINK")


def test_neutralise_rules() -> None:
    for text in ("=1", "+1+A1", "-A1", "@x", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    for value in (-5, -5.5, "-5", "+3,5", "HN", "", "a=b"):
        assert neutralise(value) == value
    assert report_csv(["x"], [[-5]]) == "x\n-5\n"


def test_validate_counts_are_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    units = [Unit(id=f"U{i}", name=f"Công đoàn {i}", kind="grassroots") for i in range(1200)]
    write_json(Dataset(units=units, roots=[u.id for u in units]), tmp_path / "d.json")
    main(["validate", str(tmp_path / "d.json")])
    assert "1.200 units" in capsys.readouterr().out
    main(["validate", str(tmp_path / "d.json"), "--plain-numbers"])
    assert "1200 units" in capsys.readouterr().out


def test_rollup_json_rows_keep_their_fields(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["rollup", HANOI, "--period", "2024", "--rank", "1", "--format", "json"]
    assert main([*argv, "--indicator", "members"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert set(rows[0]) >= {"unit", "name", "kind", "rank", "value", "expected", "reported"}


def test_interrupt_exits_130_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(validate_command, "load", interrupted)
    assert main(["validate", HANOI]) == 130
    assert capsys.readouterr().err == "thidua: interrupted\n"


def test_public_entry_points_stay() -> None:
    from thidua import cli
    from thidua.cli import diff as diff_command
    from thidua.hierarchy import _tree

    assert cli.render_tree is _tree.render_tree
    assert cli.render_diff is diff_command.render_diff
