"""``thidua campaign`` and ``thidua campaigns``: formats, filters, the JSON of §3, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from thidua.campaigns._examples import example_workspace
from thidua.cli import main
from thidua.workspace import write_workspace


@pytest.fixture
def data(tmp_path: Path) -> str:
    write_workspace(example_workspace(), tmp_path / "ws")
    return str(tmp_path / "ws")


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    code = main(["campaign", *argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_json_has_the_shape_of_the_issue(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out = run_json(capsys, data, "--id", "KH-80")
    assert code == 0  # the warnings (C050, P050) do not fail the run
    assert (out["campaign"], out["start"], out["end"], out["days"]) == (
        "KH-80",
        "2023-05-01",
        "2023-09-30",
        153,
    )
    units = out["units"]
    assert isinstance(units, list)
    d1 = next(u for u in units if u["unit"] == "D1")
    assert (d1["in_scope"], d1["pledgers"], d1["missing"]) == (4, 4, [])
    (p,) = d1["pledges"]
    assert {k: p[k] for k in ("indicator", "plan", "actual", "state")} == {
        "indicator": "new_members",
        "plan": 6000.0,
        "actual": 6257.0,
        "state": "reached",
    }
    assert p["percent"] == pytest.approx(104.28333)
    assert d1["pledge_states"] == {"reached": 1, "not_reached": 1, "no_data": 1, "cancelled": 1}
    assert d1["works"] == {
        "registered": 3,
        "completed": 2,
        "cancelled": 0,
        "flagship": 1,
        "completed_by_rank": {"2": 1, "3": 1},
    }
    (contest,) = d1["contests"]
    assert set(contest) >= {
        "contest",
        "entries",
        "enterprises",
        "superiors",
        "trades",
        "winners",
        "prize_total",
    }
    assert contest["prize_total"] == 7_000_000.0


def test_id_takes_the_document_symbol_with_or_without_diacritics(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    for symbol in ("80/KH-LĐLĐ", "80/KH-LDLD"):
        code, out = run_json(capsys, data, "--id", symbol)
        assert code == 0
        assert out["campaign"] == "KH-80"


def test_as_of_and_rank_filter(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out = run_json(capsys, data, "--id", "KH-80", "--as-of", "15/7/2023", "--rank", "3")
    assert code == 0
    units = out["units"]
    assert isinstance(units, list)
    assert [u["unit"] for u in units] == ["G1", "G2", "G3"]
    assert out["ended"] is False
    assert units[0]["pledges"][0]["state"] == "in_progress"


def test_table_and_csv(capsys: pytest.CaptureFixture[str], data: str) -> None:
    assert main(["campaign", data, "--id", "KH-80", "--kind", "district"]) == 0
    captured = capsys.readouterr()
    assert "6.257/6.000 (104,3%)" in captured.out
    assert "153 days" in captured.out
    assert "P050 warning" in captured.err
    assert main(["campaign", data, "--id", "KH-80", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["unit"] for r in rows] == ["TLD", "HN", "D1", "S1", "G1", "G2", "G3"]
    assert rows[1]["works_completed"] == "2"


def test_exit_codes(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    # An unknown campaign is a usage error: 2.
    assert main(["campaign", data, "--id", "NOPE"]) == 2
    assert "NOPE" in capsys.readouterr().err
    # An unreadable input: 2.
    with pytest.raises(SystemExit) as caught:
        main(["campaign", str(tmp_path / "missing"), "--id", "KH-80"])
    assert caught.value.code == 2
    # Errors in the data: 1, and nothing evaluated.
    pledges = Path(data) / "pledges.csv"
    pledges.write_text(
        pledges.read_text(encoding="utf-8").replace(",6.000,", ",sáu nghìn,"), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["campaign", data, "--id", "KH-80"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not evaluated" in captured.err
    # A bad rank is a usage error.
    assert main(["campaign", data, "--id", "KH-80", "--rank", "9"]) == 2


def test_campaigns_lists_the_cascade_as_a_tree(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    assert main(["campaigns", data]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("KH-80  80/KH-LĐLĐ  01/05/2023–30/09/2023")
    assert lines[1].startswith("└── KH-80-D1  12/KH-LĐLĐ")
    assert main(["campaigns", data, "--format", "json"]) == 0
    (top,) = json.loads(capsys.readouterr().out)
    assert [c["campaign"] for c in top["children"]] == ["KH-80-D1"]


def test_campaigns_without_any(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_text("id,name,kind\nHN,Hà Nội,provincial\n", encoding="utf-8")
    assert main(["campaigns", str(tmp_path)]) == 0
    assert "no campaigns" in capsys.readouterr().out
