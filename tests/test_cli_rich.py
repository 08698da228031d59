"""The CLI on a terminal: rich output where it helps, plain text everywhere else."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import CASES
from thidua.cli import main
from thidua.datasets import hanoi_path
from thidua.io import write_csv_dir

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Terminal(io.StringIO):
    """A captured standard output that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _run(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, *, tty: bool, **env: str
) -> tuple[int, str]:
    out = Terminal() if tty else io.StringIO()
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "80")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    try:
        code = main(argv)
    except SystemExit as exc:  # pragma: no cover - not expected here
        code = int(exc.code or 0)
    return code, out.getvalue()


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    dataset, _codes = CASES["two admin parents"]
    write_csv_dir(dataset, tmp_path / "ds")
    return tmp_path / "ds"


def test_validate_on_a_terminal_groups_problems_by_file_in_colour(
    broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, styled = _run(["validate", str(broken)], monkeypatch, tty=True)
    _, plain = _run(["validate", str(broken)], monkeypatch, tty=False)
    assert code == 1
    assert "\x1b[" in styled  # coloured
    assert "\x1b[1;31m" in styled or "\x1b[31m" in styled or "\x1b[91m" in styled  # red errors
    assert "links.csv" in ANSI.sub("", styled)
    assert "\x1b[" not in plain
    # The same problems are named either way.
    codes = set(re.findall(r"\bH\d{3}\b", plain))
    assert codes
    assert codes == set(re.findall(r"\bH\d{3}\b", ANSI.sub("", styled)))


@pytest.mark.parametrize(
    ("argv_extra", "env"),
    [(["--no-color"], {}), ([], {"NO_COLOR": "1"}), ([], {"TERM": "dumb"})],
)
def test_colour_turned_off_gives_the_plain_output_byte_for_byte(
    broken: Path, monkeypatch: pytest.MonkeyPatch, argv_extra: list[str], env: dict[str, str]
) -> None:
    _, plain = _run(["validate", str(broken)], monkeypatch, tty=False)
    _, off = _run([*argv_extra, "validate", str(broken)], monkeypatch, tty=True, **env)
    assert off == plain


def test_a_rollup_table_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["rollup", str(hanoi_path()), "--period", "2024", "--kind", "district"]
    code, styled = _run(argv, monkeypatch, tty=True)
    _, plain = _run(argv, monkeypatch, tty=False)
    assert code == 0
    legend = "coverage x/y"  # the legend line after the table is the plain one
    lines = [line for line in ANSI.sub("", styled).splitlines() if not line.startswith(legend)]
    assert any("─" in line for line in lines)  # a rich table
    assert max(len(line) for line in lines) <= 80
    # Ids are never cut (names may wrap): every row of the plain table is there.
    ids = re.findall(r"^(LDLD-[A-Z]+)\s", plain, flags=re.MULTILINE)
    assert len(ids) > 20
    assert ids == re.findall(r"^(LDLD-[A-Z]+)\s", ANSI.sub("", styled), flags=re.MULTILINE)


def test_the_tree_has_guides_and_every_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["tree", str(hanoi_path()), "--as-of", "2025-06-30", "--root", "HN", "--depth", "1"]
    _, styled = _run(argv, monkeypatch, tty=True)
    _, plain = _run(argv, monkeypatch, tty=False)
    text = ANSI.sub("", styled)
    assert "├─" in text
    assert "└─" in text
    ids = set(re.findall(r"\bLDLD-[A-Z]+\b", plain))
    assert ids
    assert ids == set(re.findall(r"\bLDLD-[A-Z]+\b", text))


def test_a_plain_run_imports_no_rich() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from thidua.cli import main\n"
        "from thidua.datasets import hanoi_path\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['validate', str(hanoi_path())])\n"
        "print('rich' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
