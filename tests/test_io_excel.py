"""Excel workbooks: one sheet per table, pointers with the sheet, typed cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pendulum
import pytest

from thidua import io
from thidua.errors import UnreadableInputError
from thidua.hierarchy import ChangeEvent, Dataset, EventKind, LevelScheme, Link, Unit
from thidua.problems import Pointer

D = pendulum.Date


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_vietnamese_headers_date_cells_and_numbers(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "h.xlsx",
        {
            "Units": [
                ["Mã đơn vị", "Tên đơn vị", "Cấp", "Ngày thành lập", "Số đoàn viên"],
                [101, "CĐCS Công ty Thăng Long", "grassroots", dt.datetime(2020, 5, 1), 1200],
                ["HN", "LĐLĐ Hà Nội", "provincial", "28/7/1929", None],
            ],
            "links": [
                ["Đơn vị", "Đơn vị cấp trên", "Từ ngày", "Đến ngày"],
                [101, "HN", dt.date(2020, 5, 1), None],
            ],
            "Ghi chú": [["anything"]],
        },
    )
    result = io.read(path)
    assert not result.report, str(result.report)
    first, second = result.dataset.units
    assert (first.id, first.founded, first.attributes) == (
        "101",
        D(2020, 5, 1),
        {"Số đoàn viên": "1200"},
    )
    assert second.founded == D(1929, 7, 28)
    assert second.attributes == {}
    assert result.dataset.links == (Link(child="101", parent="HN", valid_from=D(2020, 5, 1)),)
    assert first.source == Pointer(file="h.xlsx", sheet="Units", row=2)


def test_problems_point_at_workbook_sheet_row_and_header(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "h.xlsx",
        {
            "units": [
                ["id", "name", "kind", "Ngày giải thể"],
                ["A", "a", "k", "31/4/2025"],
                ["B", "b", "k", None],
            ],
        },
    )
    result = io.read_excel(path)
    (problem,) = result.report
    assert problem.code == "S003"
    assert str(problem.pointer) == "h.xlsx sheet units row 2, column Ngày giải thể"
    assert result.dataset.unit_ids() == ("A", "B")


def test_written_workbook_has_typed_cells(tmp_path: Path) -> None:
    ds = Dataset(
        units=[
            Unit(
                id="007",
                name="=1+1",
                kind="grassroots",
                founded=D(2025, 7, 1),
                attributes={"Mã số thuế": "0101234567"},
            )
        ],
        events=[
            ChangeEvent(
                id="E1",
                kind=EventKind.SPLIT,
                date=D(2024, 3, 1),
                originals=("A",),
                results=("B", "C"),
                shares=(0.5, 0.5),
            )
        ],
        scheme=LevelScheme.from_ranks("s", {"a": 0}),
    )
    io.write_excel(ds, tmp_path / "h.xlsx")
    book = openpyxl.load_workbook(tmp_path / "h.xlsx")
    assert book.sheetnames == ["units", "links", "events", "levels"]
    units = book["units"]
    assert [c.value for c in units[1]] == [
        "id",
        "name",
        "kind",
        "founded",
        "dissolved",
        "short_name",
        "Mã số thuế",
    ]
    assert units["A2"].value == "007"
    assert units["B2"].data_type == "s"
    assert units["B2"].value == "=1+1"
    assert units["D2"].is_date
    assert units["G2"].value == "0101234567"
    assert book["levels"]["C2"].value == 0
    assert io.read_excel(tmp_path / "h.xlsx").dataset == ds


def test_missing_units_sheet_or_not_a_workbook_raises(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInputError, match="no 'units' sheet"):
        io.read_excel(_book(tmp_path / "h.xlsx", {"links": [["child", "parent"]]}))
    (tmp_path / "fake.xlsx").write_text("id,name\n", encoding="utf-8")
    with pytest.raises(UnreadableInputError, match=r"not an \.xlsx workbook"):
        io.read(tmp_path / "fake.xlsx")
    with pytest.raises(UnreadableInputError, match="no such file"):
        io.read_excel(tmp_path / "missing.xlsx")


def test_empty_units_sheet_is_s002(tmp_path: Path) -> None:
    result = io.read_excel(_book(tmp_path / "h.xlsx", {"units": []}))
    assert [p.code for p in result.report] == ["S002", "S002", "S002"]
    assert result.report[0].pointer == Pointer(file="h.xlsx", sheet="units", row=1)


def test_control_characters_round_trip(tmp_path: Path) -> None:
    ds = Dataset(units=[Unit(id="A", name="a\x01b\x1fc", kind="k")])
    io.write_excel(ds, tmp_path / "h.xlsx")
    assert io.read_excel(tmp_path / "h.xlsx").dataset == ds


def test_progress_reports_each_sheet(tmp_path: Path) -> None:
    io.write_excel(Dataset(units=[Unit(id="A", name="a", kind="k")]), tmp_path / "h.xlsx")
    calls: list[tuple[str, int, int | None]] = []
    io.read(tmp_path / "h.xlsx", progress=lambda *a: calls.append(a))
    assert calls == [("units", 1, 1), ("links", 0, 0)]
