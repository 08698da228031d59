"""Groups, group members and events read as columns give what the row reader gives.

``dataset_from_tables`` reads these tables through the columnar reader and
makes their records in bulk; the row reader (:func:`read_csv_table` or the
Excel sheet's :class:`Table`, then ``_records``: one cattrs call per row) is
the reference.  Records (every field, with types, pointers and their
headers), problems (codes, messages, pointers) and their order must agree,
for CSV files with a byte-order mark, ``;`` separators, NFD text and faulty
cells, and for Excel workbooks with typed cells.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua import io
from thidua._text import name_key
from thidua.hierarchy import ChangeEvent, EventKind, Group, GroupKind, GroupMember, Role
from thidua.io import _dataset_tables, _excel
from thidua.io._columnar import ColumnTable, from_table
from thidua.io._converter import _readers
from thidua.io._dataset_tables import (
    _FOREIGN,
    TABLES,
    _bulk_records,
    _records,
    _warn_foreign,
)
from thidua.io._schema import TABLES as DECLARED
from thidua.io._tabular import Table, TableSpec, read_csv_table, table_from_cells
from thidua.problems import Problem

from .strategies import exact_fields

_READER = {"groups": "groups", "group_members": "members", "events": "events"}
_FIELD = {"groups": "groups", "group_members": "members", "events": "events"}

UNITS = [
    ["id", "name", "kind"],
    ["HN", "LĐLĐ Hà Nội", "provincial"],
    ["HK", "Hoàn Kiếm", "district"],
]

GROUPS = [
    ["Mã cụm", "Tên cụm", "Loại", "Đơn vị phụ trách", "Khu vực", "Vai trò", "Ghi chu\u0301"],
    [" C1 ", "Cụm thi đua số 1", "cụm thi đua", "HN", "Bắc", "x", ""],
    ["C2", "Khối 2", "nhóm", "", "", "", ""],
    ["", "Không mã", "khối", "", "Nam", "", ""],
    ["C3", "Cu\u0323m 3", "KHỐI", " ", "  Tây  ", "", "ghi chú"],
    ["C4", "", " block ", "HK", "", "", "Nhe\u0323"],
    ["C5", "Cụm 5", "", "", "", "", ""],
]

MEMBERS = [
    ["Cụm", "Đơn vị", "Từ ngày", "Đến ngày", "Vai trò"],
    ["C1", "HK", "1/1/2025", "45839", "cụm trưởng"],
    ["C1", "HN", "31/02/2025", "", ""],
    ["C1", "", "", "", ""],
    ["C2", "HK", "", "", "chủ tịch"],
    [" C3 ", "Ba\u0300", " 2025-01-01 00:00:00 ", "", "Khối phó"],
    ["C4", "HN", "2025-07-01", "2026-01-01", "member"],
    ["C4", "HK", "", "2024", "  Leader "],
]

EVENTS = [
    ["id", "kind", "date", "originals", "results", "shares", "document", "name"],
    ["E1", "merge", "1/7/2025", "A;B", "C", "", "1940/QĐ-LĐLĐ", ""],
    ["E2", "Chia tách", "2025-07-01", "C", "D; ;E", "0,6;0.4", "", ""],
    ["E3", "gộp", "1/7/2025", "", "", "", "", ""],
    ["E4", "found", "", "", "A", "", "", ""],
    ["E5", "split", "1/7/2025", "A", "B;C", "1;x", "", ""],
    ["E6", "đổi tên", "45839", "HK", "", "", "", "  Te\u0302n mới  "],
    ["", "rename", "1/7/2025", "", "", "", "", ""],
    ["E7", "Hợp nhất", "1/7/2025", "A ; B", "C", "", " Quye\u0302\u0301t định 5 ", ""],
]

TABLE_CELLS = {"units": UNITS, "groups": GROUPS, "group_members": MEMBERS, "events": EVENTS}


def _write_csv(directory: Path, *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    for name, rows in TABLE_CELLS.items():
        with (directory / f"{name}.csv").open("w", encoding=encoding, newline="") as f:
            csv.writer(f, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return directory


def _capture(monkeypatch: pytest.MonkeyPatch, module: Any) -> dict[str, Table | ColumnTable]:
    """The tables a reader hands to ``dataset_from_tables``, as it hands them."""
    seen: dict[str, Table | ColumnTable] = {}
    real = module.dataset_from_tables

    def capturing(get: Callable[[TableSpec], Any], source: str) -> Any:
        def keep(spec: TableSpec) -> Any:
            table = get(spec)
            if table is not None:
                seen[spec.name] = table
            return table

        return real(keep, source)

    monkeypatch.setattr(module, "dataset_from_tables", capturing)
    return seen


def _by_rows(tables: dict[str, Table]) -> tuple[dict[str, list[Any]], list[Problem]]:
    """What the row reader made of the groups, members and events tables (units: valid)."""
    readers = _readers()
    problems: list[Problem] = []
    for spec in TABLES:
        if spec.name in tables:
            problems.extend(tables[spec.name].problems)
    records: dict[str, list[Any]] = {}
    for name, reader in _READER.items():
        table = tables[name]
        if name == "groups":
            foreign = [h for h in table.extra_headers if name_key(h) in _FOREIGN["groups"]]
            _warn_foreign(table, foreign, problems)
        read = getattr(readers, reader)
        records[name] = _records(table, read, problems, with_extra=name == "groups")
    return records, problems


def _assert_same(
    result: io.LoadResult, records: dict[str, list[Any]], problems: list[Problem]
) -> None:
    for name, expected in records.items():
        got = list(getattr(result.dataset, _FIELD[name]))
        assert [exact_fields(r) for r in got] == [exact_fields(r) for r in expected], name
    assert [(p.code, p.message, str(p.pointer)) for p in result.report] == [
        (p.code, p.message, str(p.pointer)) for p in problems
    ]
    assert list(result.report) == problems


# The problems of the faulty cells above, as the row reader reports them.
EXPECTED = [
    ("S022", "groups.csv row 1, column Vai trò"),
    ("S006", "groups.csv row 3, column Loại"),
    ("S004", "groups.csv row 4, column Mã cụm"),
    ("S004", "groups.csv row 7, column Loại"),
    ("S003", "group_members.csv row 3, column Từ ngày"),
    ("S004", "group_members.csv row 4, column Đơn vị"),
    ("S006", "group_members.csv row 5, column Vai trò"),
    ("S003", "group_members.csv row 8, column Đến ngày"),
    ("S006", "events.csv row 4, column kind"),
    ("S003", "events.csv row 5, column date"),
    ("S006", "events.csv row 6, column shares"),
    ("S004", "events.csv row 8, column id"),
]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8-sig"), ("\t", "utf-8"), (",", "utf-8-sig")],
)
def test_csv_tables_by_columns_match_the_row_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, delimiter: str, encoding: str
) -> None:
    _write_csv(tmp_path, delimiter=delimiter, encoding=encoding)
    seen = _capture(monkeypatch, _dataset_tables)
    result = io.read_csv_dir(tmp_path)
    assert all(isinstance(t, ColumnTable) for t in seen.values())
    rows = {n: read_csv_table(tmp_path / f"{n}.csv", DECLARED[n].spec) for n in TABLE_CELLS}
    for name, table in seen.items():
        assert isinstance(table, ColumnTable)
        assert table.to_table().rows == rows[name].rows
    records, problems = _by_rows(rows)
    _assert_same(result, records, problems)
    found = [(p.code, str(p.pointer)) for p in result.report]
    assert found == EXPECTED


def test_what_the_faulty_cells_become(tmp_path: Path) -> None:
    ds = io.read_csv_dir(_write_csv(tmp_path)).dataset
    c1, c3, c4 = ds.groups
    assert (c1.id, c1.kind, c1.owner, c1.attributes) == (
        "C1",
        GroupKind.CLUSTER,
        "HN",
        {"Khu vực": "Bắc", "Vai trò": "x"},
    )
    assert (c3.name, c3.kind, c3.owner) == ("Cụm 3", GroupKind.BLOCK, None)
    assert c3.attributes == {"Khu vực": "  Tây  ", "Ghi chú": "ghi chú"}
    assert (c4.name, c4.attributes) == ("", {"Ghi chú": "Nhẹ"})
    assert c4.source is not None
    assert (c4.source.row, c4.source.column) == (6, None)
    assert [(m.group, m.unit, m.role) for m in ds.members] == [
        ("C1", "HK", Role.LEADER),
        ("C1", "HN", Role.MEMBER),
        ("C2", "HK", Role.MEMBER),
        ("C3", "Bà", Role.DEPUTY),
        ("C4", "HN", Role.MEMBER),
        ("C4", "HK", Role.LEADER),
    ]
    first = ds.members[0]
    assert (first.valid_from, first.valid_to) == (dt.date(2025, 1, 1), dt.date(2025, 7, 1))
    assert ds.members[1].valid_from is None  # 31/02: reported, the membership kept open
    assert ds.members[3].valid_from == dt.date(2025, 1, 1)
    events = {e.id: e for e in ds.events}
    assert list(events) == ["E1", "E2", "E5", "E6", "E7"]
    assert events["E2"].results == ("D", "E")
    assert events["E2"].shares == (0.6, 0.4)
    assert events["E5"].shares == ()  # "1;x": reported, no shares
    assert events["E6"].kind is EventKind.RENAME
    assert events["E6"].date == dt.date(2025, 7, 1)
    assert events["E6"].name == "  Tên mới  "
    assert events["E7"].originals == ("A", "B")
    assert events["E7"].document == "Quyết định 5"
    assert events["E1"].source is not None
    assert events["E1"].source.row == 2


def _book(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    typed: dict[str, list[list[object]]] = {
        name: [list(r) for r in rows] for name, rows in TABLE_CELLS.items()
    }
    typed["group_members"][1][2] = dt.datetime(2025, 1, 1)  # a date cell
    typed["group_members"][6][3] = dt.date(2026, 1, 1)
    typed["group_members"][1][3] = 45839  # a serial as a number
    typed["events"].append(["E8", "found", dt.datetime(2025, 7, 1), None, 101, 1.0, 7, None])
    for name, rows in typed.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_excel_sheets_by_columns_match_the_row_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _book(tmp_path / "h.xlsx")
    seen = _capture(monkeypatch, _excel)
    result = io.read(path)
    assert all(isinstance(t, Table) for t in seen.values())  # sheets come as rows
    tables = {n: t for n, t in seen.items() if isinstance(t, Table)}
    records, problems = _by_rows(tables)
    _assert_same(result, records, problems)
    e8 = result.dataset.events[-1]
    assert (e8.id, e8.results, e8.shares, e8.document) == ("E8", ("101",), (1.0,), "7")
    assert result.dataset.members[0].valid_from == dt.date(2025, 1, 1)
    assert str(result.report.errors[0].pointer) == "h.xlsx sheet groups row 3, column Loại"


def test_tables_round_trip_through_the_columnar_reader(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    first = io.read_csv_dir(_write_csv(tmp_path / "in"))
    written = tmp_path / "out"
    io.write_csv_dir(first.dataset, written)
    again = io.read_csv_dir(written)
    assert again.report.ok, again.report
    for name, field in _FIELD.items():
        a, b = getattr(first.dataset, field), getattr(again.dataset, field)
        assert [exact_fields(r)[:-2] for r in a] == [exact_fields(r)[:-2] for r in b], name
    assert again.dataset == first.dataset
    rewritten = tmp_path / "again"
    io.write_csv_dir(again.dataset, rewritten)
    for file in sorted(written.iterdir()):
        assert (rewritten / file.name).read_bytes() == file.read_bytes(), file.name
    assert (written / "groups.csv").read_text(encoding="utf-8").splitlines()[0] == (
        "id,name,kind,owner,Khu vực,Vai trò,Ghi chú"
    )


def test_a_table_without_a_required_column_reads_no_row(tmp_path: Path) -> None:
    _write_csv(tmp_path)
    (tmp_path / "events.csv").write_text("id,date\nE1,1/7/2025\n", encoding="utf-8")
    (tmp_path / "groups.csv").write_text("id,kind\nC1,cụm\n", encoding="utf-8")
    result = io.read_csv_dir(tmp_path)
    assert result.dataset.events == ()
    assert result.dataset.groups == ()
    missing = [str(p.pointer) for p in result.report if p.code == "S002"]
    assert missing == ["groups.csv row 1", "events.csv row 1"]


def test_many_events_with_long_lists_match_the_row_reader() -> None:
    header = EVENTS[0]
    body = [
        [
            f"E{i:05d}",
            ["found", "merge", "Chia tách", "sáp nhập", "x"][i % 5],
            ["1/7/2025", "2025-07-01", "45839", "31/02/2025"][i % 4],
            ";".join(f"G{j:06d}" for j in range(i % 40)),
            ";".join(f"G{j:06d}" for j in range(i % 7, i % 7 + 300)),
            ["", "0,5;0,5", "1"][i % 3],
            f"{i}/QĐ-LĐLĐ" if i % 2 else "",
            "",
        ]
        for i in range(2000)
    ]
    table = table_from_cells([header, *body], DECLARED["events"].spec, file="events.csv")
    by_rows: list[Problem] = []
    by_columns: list[Problem] = []
    expected = _records(table, _readers().events, by_rows)
    readers = _readers()
    got = _bulk_records(from_table(table), readers.events, readers, by_columns)
    assert len(got) == 2000 - 400 - 500 + 100  # kind "x" and 31/02 dropped (once both)
    assert [exact_fields(r) for r in got] == [exact_fields(r) for r in expected]
    assert by_columns == by_rows


_CELLS: dict[str, st.SearchStrategy[str]] = {
    "id": st.sampled_from(["C1", " C2 ", "", "0\u0301", "E9"]),
    "name": st.sampled_from(["", " Cụm 1 ", "Cu\u0323m", "Tên"]),
    "enum": st.sampled_from(
        [
            *["", " cluster ", "cụm", "Khối thi đua", "x", "leader", "cụm phó", "thành viên"],
            *["merge", "Tách", "giải thể", "Đổi tên", "chuyển", "found"],
        ]
    ),
    "date": st.sampled_from(["", "1/7/2025", "45839", "2024", " 2025-07-01 ", "31/02/2025"]),
    "list": st.sampled_from(
        [
            *["", "A", "A;B", " A ; ;B ", ";", "0,6;0.4", "1;x", "1e400", "Ð"],
            *["A;Ba\u0300", " e\u0301 ;"],
        ]
    ),
    "text": st.sampled_from(["", "x", " y ", "e\u0301", "HN"]),
}


def _cell_kind(table: str, field: str | None) -> str:
    if field is None:
        return "text"
    column = DECLARED[table].column(field)
    kind = column.type.value
    if kind in ("enum", "date", "list"):
        return kind
    return "id" if kind in ("id", "reference", "code") else "name"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bulk_records_match_the_row_reader(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(list(_READER)))
    spec = DECLARED[name].spec
    fields = list(spec.fields)
    header = data.draw(st.lists(st.sampled_from(fields), unique=True, min_size=1))
    if name == "groups":
        header += data.draw(st.lists(st.sampled_from(["Khu vực", "Ghi chu\u0301", "date"])))
    kinds = [_cell_kind(name, spec.field_for(h)) for h in header]
    body = data.draw(st.lists(st.tuples(*(_CELLS[k] for k in kinds)).map(list), max_size=10))
    table = table_from_cells([header, *body], spec, file=f"{name}.csv")
    by_rows: list[Problem] = []
    by_columns: list[Problem] = []
    extra = name == "groups"
    expected = _records(table, getattr(_readers(), _READER[name]), by_rows, with_extra=extra)
    readers = _readers()
    got = _bulk_records(
        from_table(table), getattr(readers, _READER[name]), readers, by_columns, with_extra=extra
    )
    assert [exact_fields(r) for r in got] == [exact_fields(r) for r in expected]
    assert by_columns == by_rows
    assert [str(p) for p in by_columns] == [str(p) for p in by_rows]


def test_records_built_from_columns_are_ordinary_records(tmp_path: Path) -> None:
    ds = io.read_csv_dir(_write_csv(tmp_path)).dataset
    assert isinstance(ds.groups, tuple)
    assert isinstance(ds.events, tuple)
    group = ds.groups[0]
    assert group == Group(
        id="C1",
        name="Cụm thi đua số 1",
        kind=GroupKind.CLUSTER,
        owner="HN",
        attributes={"Khu vực": "Bắc", "Vai trò": "x"},
    )
    plain = Group(id="C1", name="Cụm thi đua số 1", kind=GroupKind.CLUSTER, owner="HN")
    assert hash(group) == hash(plain)
    assert ds.groups[0].attributes is not ds.groups[1].attributes
    member = ds.members[-1]
    assert member == GroupMember(group="C4", unit="HK", role=Role.LEADER)
    assert ds.events[0] == ChangeEvent(
        id="E1",
        kind=EventKind.MERGE,
        date=pendulum.Date(2025, 7, 1),
        originals=("A", "B"),
        results=("C",),
        document="1940/QĐ-LĐLĐ",
    )


def test_absent_optional_columns_give_the_record_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_csv(tmp_path)
    (tmp_path / "groups.csv").write_text("id,name,kind\nC1,Cụm 1,cụm\n", encoding="utf-8")
    (tmp_path / "group_members.csv").write_text("group,unit\nC1,HK\n", encoding="utf-8")
    (tmp_path / "events.csv").write_text("id,kind,date\nE1,giải thể,1/7/2025\n", "utf-8")
    seen = _capture(monkeypatch, _dataset_tables)
    result = io.read_csv_dir(tmp_path)
    rows = {n: t.to_table() for n, t in seen.items() if isinstance(t, ColumnTable)}
    records, problems = _by_rows(rows)
    _assert_same(result, records, problems)
    assert result.report.ok
    ds = result.dataset
    (group,), (member,), (event,) = ds.groups, ds.members, ds.events
    assert (group.owner, group.attributes) == (None, {})
    assert (member.valid_from, member.valid_to, member.role) == (None, None, Role.MEMBER)
    assert (event.kind, event.originals, event.results, event.shares) == (
        EventKind.DISSOLVE,
        (),
        (),
        (),
    )
    assert (event.document, event.name) == (None, None)
