"""The table declarations (``thidua.io._schema``) and what they drive.

Docs generated from them, round trips of every declared table, the
columnar CSV reader against the row reader, records made on demand.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua import io
from thidua.hierarchy import (
    UNION_SCHEME,
    ChangeEvent,
    Dataset,
    EventKind,
    Group,
    GroupKind,
    GroupMember,
    Hierarchy,
    Link,
    LinkColumns,
    RecordView,
    Unit,
    UnitColumns,
)
from thidua.io._columnar import from_table, read_csv_columns
from thidua.io._converter import _readers
from thidua.io._dataset_tables import TABLES as SPECS
from thidua.io._dataset_tables import (
    _bulk_records,
    _csv_cell,
    _link_columns,
    _records,
    _unit_columns,
    dataset_to_tables,
)
from thidua.io._references import column_values, unknown_references
from thidua.io._schema import (
    DOCS_BEGIN,
    DOCS_END,
    DOMAIN_DOCS_BEGIN,
    DOMAIN_DOCS_END,
    TABLES,
    Column,
    ColumnType,
    TableDeclaration,
    markdown_tables,
    replace_docs_section,
)
from thidua.io._tabular import read_csv_table, table_from_cells, write_csv_table
from thidua.problems import Problem
from thidua.testing import tiny_dataset

from .strategies import datasets, exact_fields, expected_cell, table_rows

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import format_tables  # noqa: E402  (the tool is a script beside the package)

# --------------------------------------------------------------------------
# The declarations
# --------------------------------------------------------------------------


def test_every_hierarchy_table_is_declared_in_writing_order() -> None:
    assert list(TABLES) == [
        "units",
        "links",
        "groups",
        "group_members",
        "events",
        "roots",
        "levels",
        "metadata",
    ]
    assert [s.name for s in SPECS] == list(TABLES)
    assert all(s is TABLES[s.name].spec for s in SPECS)


def test_specs_are_derived_from_the_declarations() -> None:
    units = TABLES["units"].spec
    assert units.fields == ("id", "name", "kind", "founded", "dissolved", "short_name")
    assert units.required == {"id", "name", "kind"}
    assert units.keep_extra
    assert units.field_for("Ngày chấm dứt") == "dissolved"
    links = TABLES["links"].spec
    assert links.required == {"child", "parent"}
    assert links.field_for("đến NGÀY") == "valid_to"
    assert not links.keep_extra


def test_keys_and_references() -> None:
    assert TABLES["units"].key == ("id",)
    assert TABLES["links"].key == ("child", "parent", "relation", "valid_from")
    targets = {str(r) for d in TABLES.values() for r in d.references}
    assert "group_members.group → groups.id" in targets
    assert "events.originals → units.id" in targets
    for d in TABLES.values():
        for r in d.references:
            assert r.target_table in TABLES
            assert r.target_column in TABLES[r.target_table].fields


def test_a_declaration_refuses_a_repeated_column_or_a_foreign_key() -> None:
    column = Column(name="id", type=ColumnType.ID)
    with pytest.raises(ValueError, match="declares a column twice"):
        TableDeclaration(name="t", columns=(column, column))
    with pytest.raises(ValueError, match="key"):
        TableDeclaration(name="t", columns=(column,), key=("nope",))


def test_column_lookup_and_words() -> None:
    events = TABLES["events"]
    assert events.column("kind").words()[:2] == ("found", "dissolve")
    assert "sáp nhập" in events.column("kind").words()
    assert events.column("date").words() == ()
    with pytest.raises(KeyError):
        events.column("nope")
    assert [c.name for c in events][:3] == ["id", "kind", "date"]
    assert not ColumnType.TEXT.stripped
    assert ColumnType.DATE.stripped


# --------------------------------------------------------------------------
# docs/formats.md
# --------------------------------------------------------------------------


def test_docs_format_tables_are_up_to_date() -> None:
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    assert replace_docs_section(text, markdown_tables()) == text, (
        "docs/formats.md is out of date: run python tools/format_tables.py"
    )
    assert format_tables.main(["--check"]) == 0


def test_docs_tables_name_every_column_and_alias() -> None:
    tables = markdown_tables()
    for d in TABLES.values():
        assert f"`{d.name}.csv`" in tables
        for c in d.columns:
            assert f"| `{c.name}` |" in tables
            for alias in c.aliases:
                assert alias in tables


def test_the_tool_rewrites_a_stale_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "formats.md"
    stale.write_text(
        f"intro\n{DOCS_BEGIN}\nold\n{DOCS_END}\n{DOMAIN_DOCS_BEGIN}\nold\n{DOMAIN_DOCS_END}\nend\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(format_tables, "DOCS", stale)
    assert format_tables.main(["--check"]) == 1
    assert format_tables.main([]) == 0
    assert format_tables.main(["--check"]) == 0
    text = stale.read_text(encoding="utf-8")
    assert text.startswith("intro\n")
    assert text.endswith("end\n")
    assert "`units.csv` (đơn vị)" in text
    with pytest.raises(ValueError, match="markers"):
        replace_docs_section("no markers", "x")


# --------------------------------------------------------------------------
# Round trips of every declared table, from the generic strategy
# --------------------------------------------------------------------------


def _table_cells(ds: Dataset, name: str) -> list[list[str]]:
    for spec, _, rows in dataset_to_tables(ds):
        if spec.name == name:
            return [[_csv_cell(c) for c in row] for row in rows]
    return []


@pytest.mark.parametrize("name", list(TABLES))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_table_round_trips_through_csv(
    tmp_path_factory: pytest.TempPathFactory, name: str, data: st.DataObject
) -> None:
    declaration = TABLES[name]
    rows = data.draw(table_rows(declaration))
    tmp = tmp_path_factory.mktemp(name)
    if name != "units":
        write_csv_table(tmp / "units.csv", TABLES["units"].fields, [])
    write_csv_table(tmp / f"{name}.csv", declaration.fields, rows)
    result = io.read_csv_dir(tmp)
    assert result.report.ok, result.report
    expected = [
        [expected_cell(c, cell) for c, cell in zip(declaration, row, strict=True)] for row in rows
    ]
    if name == "roots":
        assert list(result.dataset.roots) == [r[0] for r in rows]
    elif name == "levels" and not rows:
        assert result.dataset.scheme.name == "union-2024"
    elif name == "levels":
        assert [(lv.kind, str(lv.rank), lv.label or "") for lv in result.dataset.scheme.levels] == [
            (r[1], r[2], r[3]) for r in rows
        ]
    else:
        assert _table_cells(result.dataset, name) == expected


# --------------------------------------------------------------------------
# The columnar reader gives what the row reader gives
# --------------------------------------------------------------------------

_CSV_CHARS = 'ab ,;\t"\r\nĐ\u0301'


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(_CSV_CHARS, max_size=40),
    header=st.sampled_from(
        ["child,parent,relation", "child;parent;valid_to", "Đơn vị,Đơn vị cấp trên,,x", "child"]
    ),
)
def test_columnar_reader_matches_the_row_reader(
    tmp_path_factory: pytest.TempPathFactory, text: str, header: str
) -> None:
    path = tmp_path_factory.mktemp("csv") / "links.csv"
    path.write_text(header + "\n" + text, encoding="utf-8", newline="")
    spec = TABLES["links"].spec
    try:
        rows = read_csv_table(path, spec)
    except io.FormatError:  # pragma: no cover - not raised for text
        return
    except Exception as exc:
        with pytest.raises(type(exc)):
            read_csv_columns(path, spec)
        return
    columns = read_csv_columns(path, spec)
    assert columns.problems == rows.problems
    assert [str(p) for p in columns.problems] == [str(p) for p in rows.problems]
    assert columns.headers == rows.headers
    assert [columns.row(i) for i in range(len(columns))] == list(rows.rows)
    assert columns.to_table().rows == rows.rows


def test_columnar_reader_matches_the_row_reader_over_several_parser_blocks(
    tmp_path: Path,
) -> None:
    # A file of a few MB is parsed in blocks, each numbering its own distinct texts: the
    # codes must still point at the right texts once the blocks' numberings are unified.
    lines = ["child,parent,relation"]
    lines += [f"G{i:06d},D{i % 97:03d},{'admin' if i % 5 else 'guidance'}" for i in range(60_000)]
    lines += ["child,parent,relation", "G000001,D001,"]  # the header's texts as cells, late
    path = tmp_path / "links.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = TABLES["links"].spec
    columns, rows = read_csv_columns(path, spec), read_csv_table(path, spec)
    assert columns.values("parent") == [r.values["parent"] for r in rows.rows]
    assert columns.values("relation")[-3:] == ["admin", "relation", ""]
    assert columns.to_table().rows == rows.rows


def test_columnar_reader_names_blank_columns_and_keeps_extras(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "id,name,kind,,Khu vực\nA,Tên,x,,\n,,,,\nB,Tên B,y,oops,Bắc\n", encoding="utf-8"
    )
    spec = TABLES["units"].spec
    columns = read_csv_columns(path, spec)
    assert columns.rows.tolist() == [2, 4]
    assert [str(p) for p in columns.problems] == [
        str(p) for p in read_csv_table(path, spec).problems
    ]
    assert columns.row(1).extra == {"Khu vực": "Bắc"}
    assert from_table(columns.to_table()).rows.tolist() == [2, 4]


def test_columnar_reader_falls_back_on_irregular_rows(tmp_path: Path) -> None:
    path = tmp_path / "links.csv"
    path.write_text('child,parent\nA,B,,\nC\n"D","E"\n', encoding="utf-8")
    spec = TABLES["links"].spec
    columns = read_csv_columns(path, spec)
    assert columns.values("parent") == ["B", "", "E"]
    assert columns.problems == read_csv_table(path, spec).problems


def test_columnar_reader_reports_progress_once(tmp_path: Path) -> None:
    path = tmp_path / "links.csv"
    path.write_text("child,parent\nA,B\nC,D\n", encoding="utf-8")
    calls: list[tuple[str, int, int | None]] = []
    read_csv_columns(path, TABLES["links"].spec, progress=lambda *a: calls.append(a))
    assert calls == [("links.csv", 2, 2)]


def test_a_cell_beyond_the_csv_field_limit_is_refused_as_before(tmp_path: Path) -> None:
    path = tmp_path / "links.csv"
    path.write_text("child,parent\nA," + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(io.UnreadableInputError, match="not CSV"):
        read_csv_columns(path, TABLES["links"].spec)


# --------------------------------------------------------------------------
# Records on demand
# --------------------------------------------------------------------------


def _read(tmp: Path, ds: Dataset) -> Dataset:
    io.write_csv_dir(ds, tmp)
    return io.read_csv_dir(tmp).dataset


def test_loaded_units_and_links_are_views_equal_to_tuples(tmp_path: Path) -> None:
    ds = tiny_dataset()
    loaded = _read(tmp_path, ds)
    assert isinstance(loaded.units, RecordView)
    assert isinstance(loaded.links, RecordView)
    assert loaded == ds
    assert ds == loaded
    assert loaded.units == tuple(ds.units)
    assert tuple(ds.units) == loaded.units
    assert hash(loaded.units) == hash(tuple(ds.units))
    assert loaded.units[0] == ds.units[0]
    assert loaded.units[-1] == ds.units[-1]
    assert loaded.units[1:3] == ds.units[1:3]
    assert loaded.units[0].source is not None
    assert loaded.units[0].source.row == 2
    assert str(loaded.links[0].source.at("valid_to")) == "links.csv row 2, column valid_to"
    with pytest.raises(IndexError):
        loaded.units[len(ds.units)]
    assert ds.units[0] in loaded.units
    assert loaded.unit_ids() == ds.unit_ids()
    assert repr(loaded.links) == repr(tuple(ds.links))
    assert loaded.units != ds.units[:-1]
    assert (loaded.units == [*ds.units]) is False  # a list is not a tuple
    evolved = attrs.evolve(loaded, links=(*loaded.links, Link(child="X", parent="Y")))
    assert len(evolved.links) == len(ds.links) + 1


def test_views_pickle_and_build_records_once_per_pass(tmp_path: Path) -> None:
    loaded = _read(tmp_path, tiny_dataset())
    again = pickle.loads(pickle.dumps(loaded))
    assert again == loaded
    first = list(loaded.units)
    assert all(a is b for a, b in zip(first, loaded.units, strict=True))  # kept after one pass


def test_large_views_have_a_short_repr() -> None:
    n = 25
    columns = LinkColumns.of([Link(child=str(i), parent="P") for i in range(n)])
    assert repr(RecordView(columns)) == "<25 records over columns>"


def test_many_single_lookups_build_the_records_once() -> None:
    links = [Link(child=str(i), parent="P") for i in range(100)]
    view: RecordView[Link, LinkColumns] = RecordView(LinkColumns.of(links))
    assert [view[i] for i in range(100)] == links
    assert view._built is not None


def test_unit_columns_of_records_and_of_tables(tmp_path: Path) -> None:
    ds = Dataset(
        units=[
            Unit(
                id="A",
                name="Công đoàn A",
                kind="grassroots",
                founded=pendulum.Date(2020, 1, 1),
                attributes={"Khu vực": "Bắc"},
            ),
            Unit(id="B", name="Công đoàn B", kind="district", short_name="CĐ B"),
        ]
    )
    from_records = ds.unit_columns()
    loaded = _read(tmp_path, ds)
    from_tables = loaded.unit_columns()
    for cols in (from_records, from_tables):
        assert list(cols.id) == ["A", "B"]
        assert cols.founded.tolist()[0] == pendulum.Date(2020, 1, 1).toordinal()
        assert list(cols.short_name) == [None, "CĐ B"]
    assert isinstance(from_tables, UnitColumns)
    assert from_tables.records is None
    assert from_tables.attributes == {"Khu vực": ["Bắc", ""]}
    assert from_tables.record(1).attributes == {}
    assert loaded.link_columns().child == []


def test_a_bad_row_keeps_its_problem_and_the_good_rows_stay_columns(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_text(
        "id,name,kind,founded\nA,Tên A,CĐCS,45474\n,Không mã,district,\n"
        "B,Tên B,district,31/02/2024\n",
        encoding="utf-8",
    )
    (tmp_path / "links.csv").write_text("child,parent,valid_to\nA,B,x\n,B,\nB,A,\n", "utf-8")
    result = io.read_csv_dir(tmp_path)
    codes = [(p.code, str(p.pointer)) for p in result.report]
    assert codes == [
        ("S004", "units.csv row 3, column id"),
        ("S003", "units.csv row 4, column founded"),
        ("S003", "links.csv row 2, column valid_to"),
        ("S004", "links.csv row 3, column child"),
    ]
    units = result.dataset.units
    assert [u.id for u in units] == ["A", "B"]
    assert units[0].kind == "grassroots"
    assert units[0].founded == pendulum.Date(2024, 7, 1)
    assert units[1].founded is None
    assert units[1].source.row == 4
    assert [(k.child, k.valid_to) for k in result.dataset.links] == [("A", None), ("B", None)]
    assert result.dataset.links[1].source.row == 4


# --------------------------------------------------------------------------
# The hierarchy index from columns
# --------------------------------------------------------------------------


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ds=datasets(tabular=True))
def test_hierarchy_from_columns_equals_hierarchy_from_records(
    tmp_path_factory: pytest.TempPathFactory, ds: Dataset
) -> None:
    loaded = _read(tmp_path_factory.mktemp("h"), ds)
    a, b = Hierarchy(ds), Hierarchy(loaded)
    assert a.ids == b.ids
    assert a.relations == b.relations
    for x, y in zip(a.link_arrays(), b.link_arrays(), strict=True):
        assert x.tolist() == y.tolist()
    for x, y in zip(a.lifetime_arrays(), b.lifetime_arrays(), strict=True):
        assert x.tolist() == y.tolist()
    assert list(a.units) == list(b.units)
    assert list(a.unit_columns().id) == list(b.unit_columns().id) == list(a.ids)


def test_hierarchy_with_duplicate_ids_keeps_the_first() -> None:
    ds = Dataset(
        units=[
            Unit(id="A", name="first", kind="district"),
            Unit(id="A", name="second", kind="grassroots"),
            Unit(id="B", name="b", kind="grassroots"),
        ],
        links=[Link(child="B", parent="A")],
    )
    h = Hierarchy(ds)
    assert h.ids == ("A", "B")
    assert h.unit("A").name == "first"
    assert list(h.unit_columns().name) == ["first", "b"]
    assert h.find("second") == ()
    assert h.link_arrays().parent.tolist() == [0]


# --------------------------------------------------------------------------
# References between tables
# --------------------------------------------------------------------------


def test_unknown_references_from_every_declared_reference(tmp_path: Path) -> None:
    ds = attrs.evolve(
        tiny_dataset(),
        links=(*tiny_dataset().links, Link(child="NOPE", parent="HN")),
        groups=(Group(id="C9", name="Cụm 9", kind=GroupKind.CLUSTER, owner="GHOST"),),
        members=(GroupMember(group="C0", unit="HN"),),
        events=(
            ChangeEvent(
                id="E9",
                kind=EventKind.MERGE,
                date=pendulum.Date(2025, 1, 1),
                originals=("HN", "LOST"),
                results=("G1",),
            ),
        ),
    )
    for dataset in (ds, _read(tmp_path, ds)):
        found = [(str(u.reference), u.position, u.value) for u in unknown_references(dataset)]
        assert found == [
            ("links.child → units.id", len(ds.links) - 1, "NOPE"),
            ("groups.owner → units.id", 0, "GHOST"),
            ("group_members.group → groups.id", 0, "C0"),
            ("events.originals → units.id", 0, "LOST"),
        ]
    assert column_values(ds, "events", "results") == [("G1",)]


# --------------------------------------------------------------------------
# The column rules give what the record readers give, problems included
# --------------------------------------------------------------------------

_MESSY_CELLS = st.sampled_from(
    [
        "",
        " ",
        "HN",
        " G2 ",
        "a\u0300",
        "007",
        "2024-01-01",
        "1/7/2025",
        "45474",
        "2024",
        "31/02/2024",
        " 2025-07-01 00:00:00 ",
        "2958466",
        "CĐCS",
        "LĐLĐ quận",
        "district",
        "admin",
        " guidance ",
        "x",
        # groups, group members, events: enum words, lists of ids, shares
        "cluster",
        " Cụm thi đua ",
        "KHỐI",
        "cụm trưởng",
        " Leader ",
        "khối phó",
        "merge",
        "Chia tách",
        "gộp",
        "A;B",
        " A ; ;B ",
        ";",
        "0,6;0.4",
        "1;x",
        "1e400",
        "e\u0301",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    headers=st.sampled_from(
        [
            ("units", ["id", "name", "kind", "founded", "dissolved", "short_name", "Khu vực"]),
            ("units", ["Mã đơn vị", "Tên", "Cấp", "Ngày chấm dứt"]),
            ("links", ["child", "parent", "relation", "valid_from", "valid_to"]),
            ("links", ["Đơn vị", "Đơn vị cấp trên", "Đến ngày"]),
            ("groups", ["id", "name", "kind", "owner", "Khu vực", "Ghi chu\u0301"]),
            ("groups", ["Mã cụm", "Tên cụm", "Loại", "Vai trò"]),
            ("group_members", ["group", "unit", "valid_from", "valid_to", "role"]),
            ("group_members", ["Cụm", "Đơn vị", "Vai trò", "Từ ngày"]),
            (
                "events",
                ["id", "kind", "date", "originals", "results", "shares", "document", "name"],
            ),
            ("events", ["Mã sự kiện", "Loại", "Ngày hiệu lực", "Đơn vị mới", "Tỷ lệ", "Tên mới"]),
        ]
    ),
    body=st.lists(st.lists(_MESSY_CELLS, min_size=0, max_size=8), max_size=8),
)
def test_column_rules_agree_with_the_record_readers(
    headers: tuple[str, list[str]], body: list[list[str]]
) -> None:
    name, header = headers
    table = table_from_cells([header, *body], TABLES[name].spec, file=f"{name}.csv")
    by_rows: list[Problem] = []
    by_columns: list[Problem] = []
    expected: list[Any]
    got: list[Any]
    if name == "units":
        expected = _records(table, _readers().units, by_rows, with_extra=True, kinds=UNION_SCHEME)
        got = list(_unit_columns(from_table(table), _readers(), UNION_SCHEME, by_columns))
    elif name == "links":
        expected = _records(table, _readers().links, by_rows)
        got = list(_link_columns(from_table(table), _readers(), by_columns))
    else:
        reader = {"groups": "groups", "group_members": "members", "events": "events"}[name]
        extra = name == "groups"
        expected = _records(table, getattr(_readers(), reader), by_rows, with_extra=extra)
        readers = _readers()
        got = _bulk_records(
            from_table(table), getattr(readers, reader), readers, by_columns, with_extra=extra
        )
        assert [exact_fields(r) for r in got] == [exact_fields(r) for r in expected]
    assert got == expected
    assert [r.source for r in got] == [r.source for r in expected]
    assert [str(p) for p in by_columns] == [str(p) for p in by_rows]
    assert by_columns == by_rows
