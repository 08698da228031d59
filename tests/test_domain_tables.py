"""The domain-table engine: one declaration gives reading, writing and typed cells."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from thidua.datasets import hanoi_path
from thidua.errors import UnknownNameError
from thidua.io import _domain
from thidua.io._domain import DataTable, domain_tables, parse_column
from thidua.workspace import Workspace, check, load, read_workspace, write_workspace


@pytest.fixture
def example_schema(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(_domain, "DOMAIN_SCHEMAS", ("tests.domain_example",))
    _domain._schemas.cache_clear()
    _domain.domain_tables.cache_clear()
    yield
    _domain._schemas.cache_clear()
    _domain.domain_tables.cache_clear()


ROWS = [
    {
        "id": "S1",
        "unit": "HN",
        "on": "2024-07-01",
        "amount": "1.585",
        "count": "3",
        "done": "có",
        "colour": "đỏ",
        "tags": "a;b",
        "note": 'dấu "ngoặc", phẩy; chấm\ndòng 2',
        "Khu vực": "nội thành",
    },
    {"id": "S2", "on": "45474", "amount": "12,5", "done": "không", "colour": "GREEN"},
    {"id": "S3", "note": "  khoảng trắng giữ nguyên  "},
]


def _workspace() -> Workspace:
    ws = load(hanoi_path())
    table = DataTable.from_rows(domain_tables()["samples"], ROWS)
    return Workspace(dataset=ws.dataset, figures=ws.figures, tables={"samples": table})


@pytest.mark.usefixtures("example_schema")
@pytest.mark.parametrize("target", ["dir", "w.json", "w.yaml", "w.xlsx"])
def test_round_trip_in_every_format(tmp_path: Path, target: str) -> None:
    ws = _workspace()
    write_workspace(ws, tmp_path / target)
    back = read_workspace(tmp_path / target)
    assert [p.code for p in back.report] == []
    assert back.workspace.table("samples") == ws.table("samples")
    assert back.workspace == ws
    assert back.workspace.table("samples").rows()[0]["Khu vực"] == "nội thành"
    assert check(back.workspace).report.ok


@pytest.mark.usefixtures("example_schema")
def test_office_csv_vietnamese_headers_semicolons_bom(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "units.csv").write_text("id,name,kind\nHN,LĐLĐ Hà Nội,provincial\n", encoding="utf-8")
    text = "Mã;Đơn vị;Ngày;Số tiền\nS1;HN;15/03/2021;1.585\n"
    (d / "samples.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    ws = check(d).workspace
    t = ws.table("samples")
    assert t.text("unit") == ["HN"]
    assert parse_column(t, "on", []).values() == [pendulum.Date(2021, 3, 15)]
    assert parse_column(t, "amount", []).values() == [1585.0]
    assert repr(ws).endswith("1 samples from 'd')")
    assert ws.counts()["samples"] == 1


@pytest.mark.usefixtures("example_schema")
def test_workbook_sheet_by_vietnamese_name(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Danh sách đơn vị"
    sheet.append(["id", "name", "kind"])
    sheet.append(["HN", "LĐLĐ Hà Nội", "provincial"])
    other = book.create_sheet("Danh sách mẫu")
    other.append(["Mã", "Ngày"])
    other.append(["S1", dt.datetime(2021, 3, 15)])
    second = book.create_sheet("samples")
    second.append(["id"])
    book.save(tmp_path / "w.xlsx")
    result = check(tmp_path / "w.xlsx")
    assert "S011" in [p.code for p in result.report]
    t = result.workspace.table("samples")
    assert parse_column(t, "on", []).values() == [pendulum.Date(2021, 3, 15)]


@pytest.mark.usefixtures("example_schema")
def test_typed_cells_and_their_problems() -> None:
    rows = [
        {
            "id": "A",
            "on": "31/02/2024",
            "amount": "nhiều",
            "count": "2,5",
            "done": "chắc",
            "colour": "tím",
            "tags": " x ; ;y ",
        },
        {"id": "", "count": "1.000", "colour": "xanh lá"},
    ]
    t = DataTable.from_rows(domain_tables()["samples"], rows)
    problems: list = []
    got = {f: parse_column(t, f, problems).values() for f in t.declaration.fields}
    assert got["count"] == [None, 1000]
    assert got["tags"] == [("x", "y"), None]
    assert [c.value if c else None for c in got["colour"]] == [None, "green"]
    codes = [(p.code, p.subject, p.pointer.column if p.pointer else None) for p in problems]
    assert ("S003", "A", "on") in codes
    assert ("S006", "A", "amount") in codes
    assert ("S006", "A", "count") in codes
    assert ("S006", "A", "done") in codes
    assert ("S006", "A", "colour") in codes
    assert ("S004", None, "id") in codes
    assert len(problems) == 6
    assert parse_column(t, "amount", []).missing().tolist() == [True, True]


@pytest.mark.usefixtures("example_schema")
def test_validate_runs_the_schema_check(tmp_path: Path) -> None:
    d = tmp_path / "d"
    write_workspace(load(hanoi_path()), d)
    (d / "samples.csv").write_text("id,on\nS1,không phải ngày\n", encoding="utf-8")
    result = check(d)
    assert [(p.code, str(p.pointer)) for p in result.report] == [
        ("S003", "samples.csv row 2, column on")
    ]


@pytest.mark.usefixtures("example_schema")
def test_document_problems_point_at_paths(tmp_path: Path) -> None:
    doc = {
        "units": [{"id": "HN", "name": "LĐLĐ Hà Nội", "kind": "provincial"}],
        "samples": [
            {"id": "S1", "count": 3, "done": True, "tags": ["a", 2], "on": "nope"},
            "not an object",
            {"id": "S2", "amount": {"x": 1}},
        ],
        "sample_notes": [{"sample": "S1", "stray": 1}],
    }
    (tmp_path / "w.json").write_text(json.dumps(doc), encoding="utf-8")
    result = check(tmp_path / "w.json")
    found = [(p.code, str(p.pointer)) for p in result.report if p.code.startswith("S")]
    assert ("S006", "w.json $.samples[1]") in found
    assert ("S006", "w.json $.samples[2].amount") in found
    assert ("S007", "w.json $.sample_notes[0].stray") in found
    assert ("S003", "w.json $.samples[0].on") in found
    assert not any(p.code == "S007" and "top-level" in p.message for p in result.report)
    t = result.workspace.table("samples")
    assert t.rows()[0] == {"id": "S1", "count": "3", "done": "true", "tags": "a;2", "on": "nope"}
    doc["samples"] = {"id": "S1"}
    (tmp_path / "w.json").write_text(json.dumps(doc), encoding="utf-8")
    assert "S006" in [p.code for p in check(tmp_path / "w.json").report]


@pytest.mark.usefixtures("example_schema")
def test_table_lookup_and_empty_tables() -> None:
    ws = Workspace()
    assert len(ws.table("samples")) == 0
    with pytest.raises(UnknownNameError, match="sample_notes"):
        ws.table("sample_note")
    empty = DataTable.empty(domain_tables()["samples"])
    assert Workspace(tables={"samples": empty}).tables == {}
    assert repr(empty) == "DataTable('samples', 0 rows)"


@pytest.mark.usefixtures("example_schema")
def test_stale_table_file_removed(tmp_path: Path) -> None:
    ws = _workspace()
    write_workspace(ws, tmp_path / "d")
    assert (tmp_path / "d" / "samples.csv").is_file()
    write_workspace(Workspace(dataset=ws.dataset), tmp_path / "d")
    assert not (tmp_path / "d" / "samples.csv").exists()


def test_two_declarations_of_one_name_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_domain, "DOMAIN_SCHEMAS", ("tests.domain_example", "tests.domain_example"))
    _domain._schemas.cache_clear()
    _domain.domain_tables.cache_clear()
    try:
        with pytest.raises(ValueError, match="declared twice"):
            domain_tables()
    finally:
        _domain._schemas.cache_clear()
        _domain.domain_tables.cache_clear()


def test_no_two_tables_share_a_sheet_name() -> None:
    # A workbook sheet must belong to one table: a domain table whose label or
    # sheet alias matched "Chỉ tiêu" once read the indicators sheet twice.
    from thidua.io._workbook import SHEET_ALIASES, sheet_key

    owners: dict[str, str] = {}
    names = {table: (table, *aliases) for table, aliases in SHEET_ALIASES.items()}
    for name, declared in domain_tables().items():
        names[name] = (name, declared.label, *declared.sheets)
    clashes = []
    for table, sheet_names in names.items():
        for sheet in filter(None, sheet_names):
            owner = owners.setdefault(sheet_key(sheet), table)
            if owner != table:
                clashes.append((sheet, owner, table))
    assert clashes == []


@pytest.mark.usefixtures("example_schema")
@pytest.mark.parametrize("target", ["dir", "w.json", "w.yaml", "w.xlsx"])
def test_a_column_empty_on_every_row_round_trips(tmp_path: Path, target: str) -> None:
    # JSON and YAML write a row's non-empty cells only: the empty column holds no data.
    ws = load(hanoi_path())
    rows = [{"id": "S1", "note": "", "tags": ""}, {"id": "S2", "note": "", "tags": ""}]
    table = DataTable.from_rows(domain_tables()["samples"], rows)
    assert "note" in table.present
    ws = Workspace(dataset=ws.dataset, figures=ws.figures, tables={"samples": table})
    write_workspace(ws, tmp_path / target)
    back = read_workspace(tmp_path / target).workspace.table("samples")
    assert back == table
    assert back != DataTable.from_rows(domain_tables()["samples"], [{"id": "S1"}])
