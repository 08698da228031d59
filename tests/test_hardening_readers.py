"""Hostile and broken JSON, YAML and Excel input: clean errors, bounded work, nothing lost."""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pendulum
import pytest

from thidua import io
from thidua.errors import FormatError, UnreadableInputError
from thidua.figures import (
    Figures,
    read_figures_excel,
    write_figures_excel,
)
from thidua.hierarchy import Dataset, Level, LevelScheme, Unit
from thidua.io import ReadLimitError, ReadLimits
from thidua.problems import Pointer

D = pendulum.Date

UNITS: list[list[object]] = [["id", "name", "kind"], ["A", "Đơn vị A", "grassroots"]]


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _codes(result: io.LoadResult) -> list[str]:
    return [p.code for p in result.report]


# -- JSON and YAML: no traceback --------------------------------------------------------------


def test_json_nested_100000_deep_is_unreadable_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"units": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(UnreadableInputError, match=r"deep\.json.*nested too deeply"):
        io.read(path)
    with pytest.raises(UnreadableInputError, match="nested too deeply"):
        io.loads_json("[" * 100_000 + "]" * 100_000)


def test_yaml_nested_thousands_deep_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("units: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(UnreadableInputError, match=r"deep\.yaml.*nested too deeply"):
        io.read(path)
    path.write_text("units:\n" + "".join("  " * i + "- \n" for i in range(3000)), encoding="utf-8")
    with pytest.raises(UnreadableInputError, match=r"deep\.yaml"):
        io.read(path)


def test_json_integers_past_the_digit_limit_are_problems_at_their_path() -> None:
    big = "1" * 5000
    result = io.loads_json(
        f'{{"units": [{{"id": {big}, "name": "A", "kind": "k"}},'
        f' {{"id": "B", "name": "B", "kind": "k", "attributes": {{"n": -{big}}}}}]}}',
        name="big.json",
    )
    assert _codes(result) == ["S006", "S006"]
    first, second = result.report
    assert str(first.pointer) == "big.json $.units[0].id"
    assert "5,000 digits" in first.message
    assert str(second.pointer) == "big.json $.units[1].attributes.n"
    assert result.dataset.unit_ids() == ("B",)
    assert len(first.message) < 200


def test_yaml_huge_decimal_and_hex_ids_are_problems(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(
        "units:\n"
        f"- {{id: 0x{'f' * 4000}, name: A, kind: k}}\n"
        f"- {{id: {'9' * 5000}, name: B, kind: k}}\n"
        "- {id: C, name: C, kind: k}\n",
        encoding="utf-8",
    )
    result = io.read(path)
    assert _codes(result) == ["S006", "S006"]
    assert [str(p.pointer) for p in result.report] == [
        "big.yaml $.units[0].id",
        "big.yaml $.units[1].id",
    ]
    assert result.dataset.unit_ids() == ("C",)


def test_huge_int_from_python_is_a_value_error_not_a_crash() -> None:
    conv = io.make_converter()
    with pytest.raises(ValueError, match="too long"):
        conv.structure({"id": 2**20000, "name": "A", "kind": "k"}, Unit)


@pytest.mark.parametrize(
    "rank", ["99999999999999999999", "-9223372036854775809", '"99999999999999999999"']
)
def test_json_rank_beyond_int64_is_a_problem_at_the_rank(rank: str) -> None:
    result = io.loads_json(
        f'{{"scheme": {{"name": "s", "levels": [{{"kind": "a", "rank": {rank}}}, '
        '{"kind": "b", "rank": 1000}]}, '
        '"units": [{"id": "A", "name": "A", "kind": "a"}]}',
        name="h.json",
    )
    (p,) = result.report
    assert (p.code, str(p.pointer)) == ("S006", "h.json $.scheme.levels[0].rank")
    assert "out of range" in p.message
    assert [lv.kind for lv in result.dataset.scheme.levels] == ["b"]


def test_yaml_rank_beyond_int64_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "h.yaml"
    path.write_text(
        "scheme: {name: s, levels: [{kind: a, rank: 123456789012345678901234567890}]}\n"
        "units: [{id: A, name: A, kind: a}]\n",
        encoding="utf-8",
    )
    (p,) = io.read(path).report
    assert (p.code, str(p.pointer)) == ("S006", "h.yaml $.scheme.levels[0].rank")


# -- JSON and YAML: nothing dropped -----------------------------------------------------------


def test_yaml_duplicate_keys_are_reported_like_json(tmp_path: Path) -> None:
    path = tmp_path / "h.yaml"
    path.write_text(
        "metadata: {title: a, title: b}\nunits:\n- id: A\n  name: Một\n  kind: k\n  name: Hai\n",
        encoding="utf-8",
    )
    result = io.read(path)
    assert _codes(result) == ["S009", "S009"]
    by_path = {str(p.pointer): p for p in result.report}
    assert set(by_path) == {"h.yaml $.metadata.title", "h.yaml $.units[0].name"}
    assert "line 3" in by_path["h.yaml $.units[0].name"].message
    assert result.dataset.units[0].name == "Hai"
    text = (
        '{"metadata": {"title": "a", "title": "b"}, '
        '"units": [{"id": "A", "name": "Một", "kind": "k", "name": "Hai"}]}'
    )
    json_result = io.loads_json(text, name="h.json")
    assert _codes(json_result) == ["S009", "S009"]
    assert {str(p.pointer) for p in json_result.report} == {
        "h.json $.metadata.title",
        "h.json $.units[0].name",
    }


def test_yaml_merge_keys_are_not_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "h.yaml"
    path.write_text(
        "x-base: &base {name: Chung, kind: k}\nunits:\n- <<: *base\n  id: A\n  name: Riêng\n",
        encoding="utf-8",
    )
    result = io.read(path)
    assert _codes(result) == ["S007"]  # the unknown top-level key only
    assert result.dataset.units[0].name == "Riêng"


def test_yaml_duplicate_keys_in_recursive_document_terminate(tmp_path: Path) -> None:
    path = tmp_path / "h.yaml"
    path.write_text("loop: &a [*a]\nunits: [{id: A, id: B, name: n, kind: k}]\n", encoding="utf-8")
    result = io.read(path)
    assert "S009" in _codes(result)


def test_dataset_metadata_is_nfc_normalised() -> None:
    nfd = unicodedata.normalize("NFD", "Tiêu đề")
    ds = Dataset(metadata={nfd: unicodedata.normalize("NFD", "Hà Nội")})
    assert ds.metadata == {"Tiêu đề": "Hà Nội"}
    assert all(unicodedata.is_normalized("NFC", k + v) for k, v in ds.metadata.items())


def test_json_metadata_keys_equal_once_normalised_are_reported() -> None:
    nfd = unicodedata.normalize("NFD", "Tiêu đề")
    result = io.loads_json(
        f'{{"metadata": {{"{nfd}": "1", "Tiêu đề": "2"}}, "units": []}}', name="m.json"
    )
    (p,) = result.report
    assert (p.code, str(p.pointer)) == ("S009", "m.json $.metadata.Tiêu đề")
    assert result.dataset.metadata == {"Tiêu đề": "2"}


def test_attribute_names_equal_once_normalised_are_reported() -> None:
    nfd = unicodedata.normalize("NFD", "Khu vực")
    result = io.loads_json(
        '{"units": [{"id": "A", "name": "A", "kind": "k", '
        f'"attributes": {{"{nfd}": "1", "Khu vực": "2"}}}}]}}',
        name="a.json",
    )
    (p,) = result.report
    assert (p.code, str(p.pointer)) == ("S009", "a.json $.units[0].attributes.Khu vực")


def test_json_writer_refuses_text_that_is_not_unicode(tmp_path: Path) -> None:
    ds = Dataset(units=[Unit(id="A", name="a\ud800b", kind="k")])
    with pytest.raises(FormatError, match="not valid Unicode"):
        io.write_json(ds, tmp_path / "h.json")
    assert not (tmp_path / "h.json").exists()


def test_midnight_date_times_read_as_dates() -> None:
    result = io.loads_json(
        '{"units": [{"id": "A", "name": "A", "kind": "k", "founded": "2021-03-15 00:00:00",'
        ' "dissolved": "2022-01-02T00:00"}]}'
    )
    assert result.report.ok, str(result.report)
    assert (result.dataset.units[0].founded, result.dataset.units[0].dissolved) == (
        D(2021, 3, 15),
        D(2022, 1, 2),
    )
    # The domain is dated by day: a time of day is dropped (thidua._dates.parse_date).
    timed = io.loads_json(
        '{"units": [{"id": "A", "name": "A", "kind": "k", "founded": "2021-03-15 08:30:00"}]}'
    )
    assert timed.report.ok
    assert timed.dataset.units[0].founded == D(2021, 3, 15)


# -- Excel: damaged workbooks -----------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def _cells(row: int, values: list[str]) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{row}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{row}">{cells}</row>'


def _handmade(
    path: Path, sheet_data: str, *, dimension: str = "A1:C2", name: str = "units"
) -> Path:
    """A minimal workbook written member by member, one sheet with the given rows."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name=name))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


GOOD_ROWS = _cells(1, ["id", "name", "kind", "value"]) + _cells(2, ["A", "Đơn vị A", "k", "1"])


def _as_figures(rows: str) -> str:
    return (
        rows.replace("<t>id<", "<t>unit<")
        .replace("<t>name<", "<t>indicator<")
        .replace("<t>kind<", "<t>period<")
    )


def test_handmade_workbook_reads(tmp_path: Path) -> None:
    result = io.read(_handmade(tmp_path / "h.xlsx", GOOD_ROWS))
    assert result.report.ok
    assert result.dataset.unit_ids() == ("A",)


@pytest.mark.parametrize(
    ("rows", "dimension"),
    [
        (GOOD_ROWS.replace('r="A2"', 'r="A\u202e"'), "A1:C2"),  # not a cell reference
        (GOOD_ROWS.replace('<row r="2">', '<row r="two">'), "A1:C2"),  # not a row number
        (GOOD_ROWS.replace("</row>", "", 1), "A1:C2"),  # not XML
        (GOOD_ROWS, "A1:\u202e"),  # a bad dimension
        (GOOD_ROWS.replace('<row r="2">', '<row r="3">') + _cells(2, ["B", "b", "k"]), "A1:C3"),
    ],
    ids=["cell-ref", "row-number", "xml", "dimension", "rows-backwards"],
)
def test_damaged_sheet_is_unreadable_naming_the_file(
    tmp_path: Path, rows: str, dimension: str
) -> None:
    path = _handmade(tmp_path / "bad.xlsx", rows, dimension=dimension)
    with pytest.raises(UnreadableInputError, match=r"bad\.xlsx"):
        io.read(path)
    figures = _handmade(tmp_path / "f.xlsx", _as_figures(rows), dimension=dimension, name="figures")
    result = read_figures_excel(figures)
    assert [p.code for p in result.report] == ["S001"]
    assert result.report[0].pointer == Pointer(file="f.xlsx")


def test_mutated_bytes_never_escape_as_raw_exceptions(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    io.write_excel(
        Dataset(units=[Unit(id=f"U{i}", name=f"Đơn vị {i}", kind="k") for i in range(30)]), good
    )
    data = good.read_bytes()
    bad = tmp_path / "bad.xlsx"
    outcomes: set[str] = set()
    for i, position in enumerate(range(0, len(data), max(1, len(data) // 150))):
        mutated = bytearray(data)
        mutated[position] ^= 0x5A if i % 2 else 0xFF
        bad.write_bytes(bytes(mutated))
        try:
            io.read(bad)
            outcomes.add("read")
        except UnreadableInputError:
            outcomes.add("unreadable")
        figures = read_figures_excel(bad)  # never raises
        assert all(p.code in {"S001", "S002", "S011"} for p in figures.report)
    assert "unreadable" in outcomes


def test_truncated_and_non_zip_files_are_unreadable(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    io.write_excel(Dataset(units=[Unit(id="A", name="a", kind="k")]), good)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(UnreadableInputError, match=r"bad\.xlsx"):
        io.read(bad)
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(UnreadableInputError, match=r"bad\.xlsx"):
        io.read(bad)


# -- Excel: bounded work ----------------------------------------------------------------------


def test_lone_far_cell_is_read_without_visiting_empty_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "units"
    for row in UNITS:
        sheet.append(row)
    sheet["XFD1048576"] = "far"
    book.save(tmp_path / "far.xlsx")
    started = time.perf_counter()
    result = io.read(tmp_path / "far.xlsx")
    assert time.perf_counter() - started < 10
    assert result.dataset.unit_ids() == ("A",)
    assert [(p.code, p.pointer and p.pointer.row) for p in result.report] == [
        ("S007", 1_048_576),  # the value beyond the last header
        ("S004", 1_048_576),  # the row has no id
    ]


def _big_declared(path: Path) -> Path:
    """A small workbook whose members declare far more bytes than it holds when packed."""
    rows = _cells(1, ["id", "name", "kind", "value"]) + "".join(
        _cells(r, [f"U{r}", "x" * 50, "k", "1"]) for r in range(2, 2002)
    )
    return _handmade(path, rows, dimension="A1:D2001")


def test_unpacked_size_is_checked_before_unpacking(tmp_path: Path) -> None:
    path = _big_declared(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path) as archive:
        declared = sum(i.file_size for i in archive.infolist())
    assert path.stat().st_size < declared / 5
    limits = ReadLimits(max_unpacked_bytes=declared - 1)
    with pytest.raises(ReadLimitError, match="max_unpacked_bytes") as caught:
        io.read(path, limits=limits)
    assert isinstance(caught.value, UnreadableInputError)
    assert "bomb.xlsx" in str(caught.value)
    result = read_figures_excel(path, "units", limits=limits)
    assert [p.code for p in result.report] == ["S010"]
    assert len(io.read(path, limits=ReadLimits(max_unpacked_bytes=declared)).dataset.units) == 2000


def test_row_and_cell_limits(tmp_path: Path) -> None:
    path = _big_declared(tmp_path / "many.xlsx")
    with pytest.raises(ReadLimitError, match=r"ReadLimits\.max_rows"):
        io.read_excel(path, limits=ReadLimits(max_rows=1000))
    with pytest.raises(ReadLimitError, match=r"ReadLimits\.max_cells"):
        io.read_excel(path, limits=ReadLimits(max_cells=3000))
    assert len(io.read_excel(path, limits=ReadLimits(max_rows=2001)).dataset.units) == 2000
    rows = _cells(1, ["unit", "indicator", "period", "value"]) + "".join(
        _cells(r, [f"U{r}", "new_members", "2025", "1"]) for r in range(2, 2002)
    )
    path = _handmade(tmp_path / "f.xlsx", rows, dimension="A1:D2001", name="figures")
    assert len(read_figures_excel(path).figures) == 2000
    figures = read_figures_excel(path, limits=ReadLimits(max_rows=10))
    assert [p.code for p in figures.report] == ["S010"]
    assert len(figures.figures) == 0


def test_a_row_number_beyond_the_limit_is_refused_at_once(tmp_path: Path) -> None:
    rows = GOOD_ROWS + _cells(10**12, ["B", "b", "k"])
    with pytest.raises(ReadLimitError, match="max_rows"):
        io.read(_handmade(tmp_path / "h.xlsx", rows))


def test_read_limits_are_validated() -> None:
    with pytest.raises(ValueError, match="max_cells"):
        ReadLimits(max_cells=-1)


# -- Excel: sheets ----------------------------------------------------------------------------


def test_two_sheets_for_one_table_are_an_error_naming_both(tmp_path: Path) -> None:
    path = _book(tmp_path / "h.xlsx", {"units": UNITS, "Units ": [UNITS[0], ["B", "b", "k"]]})
    result = io.read(path)
    (p,) = result.report
    assert p.code == "S011"
    assert "'units'" in p.message
    assert "'Units '" in p.message
    assert p.pointer == Pointer(file="h.xlsx", sheet="Units ")
    assert result.dataset.unit_ids() == ("A",)


def test_vietnamese_sheet_names(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "h.xlsx",
        {
            "Danh sách đơn vị": [*UNITS, ["B", "Đơn vị B", "grassroots"]],
            "QUAN HE": [["Đơn vị", "Đơn vị cấp trên"], ["B", "A"]],
            "Thông tin": [["key", "value"], ["title", "Hà Nội"]],
        },
    )
    result = io.read(path)
    assert result.report.ok, str(result.report)
    assert result.dataset.unit_ids() == ("A", "B")
    assert [(lk.child, lk.parent) for lk in result.dataset.links] == [("B", "A")]
    assert result.dataset.metadata == {"title": "Hà Nội"}
    clash = io.read(_book(tmp_path / "two.xlsx", {"Đơn vị": UNITS, "units": UNITS}))
    assert [p.code for p in clash.report] == ["S011"]


def test_figures_sheet_aliases_and_duplicates(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["unit", "indicator", "period", "value"],
        ["G1", "new_members", "2025", 3],
    ]
    path = _book(tmp_path / "f.xlsx", {"Số liệu": rows})
    result = read_figures_excel(path)
    assert result.report.ok
    assert len(result.figures) == 1
    path = _book(tmp_path / "g.xlsx", {"figures": rows, "SO LIEU": rows})
    result = read_figures_excel(path)
    assert [p.code for p in result.report] == ["S011"]
    assert "'figures'" in result.report[0].message
    assert "'SO LIEU'" in result.report[0].message
    assert len(result.figures) == 1
    missing = read_figures_excel(path, "2024")
    assert [p.code for p in missing.report] == ["S001"]


def test_date_cells_as_datetimes_and_midnight_text(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "h.xlsx",
        {
            "units": [
                ["id", "name", "kind", "founded", "dissolved"],
                ["A", "a", "k", dt.datetime(2021, 3, 15), "2021-03-15 00:00:00"],
            ]
        },
    )
    result = io.read(path)
    assert result.report.ok, str(result.report)
    unit = result.dataset.units[0]
    assert (unit.founded, unit.dissolved) == (D(2021, 3, 15), D(2021, 3, 15))


# -- Excel: writing losslessly, never a formula -----------------------------------------------


def test_carriage_returns_and_escape_lookalikes_round_trip(tmp_path: Path) -> None:
    ds = Dataset(
        units=[
            Unit(
                id="A",
                name="dòng 1\r\ndòng 2\rdòng 3",
                kind="k",
                attributes={"Ghi chú": "_x000D_ và _x005F_ giữ nguyên\x0b"},
            )
        ]
    )
    io.write_excel(ds, tmp_path / "h.xlsx")
    assert io.read_excel(tmp_path / "h.xlsx").dataset == ds


def test_text_longer_than_a_cell_is_refused_before_writing(tmp_path: Path) -> None:
    ds = Dataset(
        units=[
            Unit(id="A", name="a", kind="k"),
            Unit(id="B", name="b", kind="k", attributes={"Ghi chú": "x" * 32_768}),
        ]
    )
    with pytest.raises(FormatError, match=r"table 'units', row 3, column 'Ghi chú'.*32,767"):
        io.write_excel(ds, tmp_path / "h.xlsx")
    assert not (tmp_path / "h.xlsx").exists()
    fits = Dataset(units=[Unit(id="A", name="x" * 32_767, kind="k")])
    io.write_excel(fits, tmp_path / "fits.xlsx")
    assert io.read_excel(tmp_path / "fits.xlsx").dataset == fits
    escaped = Dataset(units=[Unit(id="A", name="\r" * 5000, kind="k")])
    with pytest.raises(FormatError, match="column 'name'"):
        io.write_excel(escaped, tmp_path / "escaped.xlsx")


def test_no_written_cell_is_a_formula_headers_included(tmp_path: Path) -> None:
    ds = Dataset(
        units=[
            Unit(
                id="=A1",
                name="#N/A",
                kind="k",
                attributes={"=SUM(A1:A2)": "=1+1", "#REF!": "x"},
            )
        ]
    )
    io.write_excel(ds, tmp_path / "h.xlsx")
    book = openpyxl.load_workbook(tmp_path / "h.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                assert cell.data_type != "e", cell.coordinate
    assert book["units"]["G1"].value == "=SUM(A1:A2)"
    assert io.read_excel(tmp_path / "h.xlsx").dataset == ds


def test_figures_writer_never_writes_a_formula(tmp_path: Path) -> None:
    figs = Figures.from_columns(
        unit=["=HYPERLINK(1)", "#DIV/0!"],
        indicator=["new_members"] * 2,
        period=["2025"] * 2,
        value=[1, 2],
        source=["=cmd|' /C calc'!A0", "dòng\rhai"],
    )
    path = tmp_path / "f.xlsx"
    write_figures_excel(figs, path)
    book = openpyxl.load_workbook(path)
    kinds = {c.data_type for row in book["figures"].iter_rows() for c in row}
    assert "f" not in kinds
    assert "e" not in kinds
    assert read_figures_excel(path).figures == figs
    too_long = Figures.from_columns(
        unit=["G1"], indicator=["new_members"], period=["2025"], value=[1], source=["y" * 40_000]
    )
    with pytest.raises(FormatError, match=r"table 'figures', row 2, column 'source'"):
        write_figures_excel(too_long, tmp_path / "long.xlsx")
    assert not (tmp_path / "long.xlsx").exists()


def test_excel_level_rank_beyond_int64_is_a_problem(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "h.xlsx",
        {"units": UNITS, "levels": [["kind", "rank"], ["grassroots", "99999999999999999999"]]},
    )
    (p,) = io.read(path).report
    assert p.code == "S006"
    assert p.pointer == Pointer(file="h.xlsx", sheet="levels", row=2, column="rank")


def test_scheme_round_trip_through_excel_still_works(tmp_path: Path) -> None:
    ds = Dataset(
        units=[Unit(id="A", name="a", kind="x")],
        scheme=LevelScheme("s", (Level(kind="x", rank=1000),)),
    )
    io.write_excel(ds, tmp_path / "h.xlsx")
    assert io.read_excel(tmp_path / "h.xlsx").dataset == ds


def test_in_memory_worksheets_use_iter_rows() -> None:
    from thidua.io._workbook import sheet_rows

    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet["B2"] = "x"
    assert list(sheet_rows(sheet, source="x.xlsx")) == [(), (None, "x")]


def test_encrypted_member_flag_is_unreadable(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    io.write_excel(Dataset(units=[Unit(id="A", name="a", kind="k")]), good)
    data = bytearray(good.read_bytes())
    start = data.find(b"PK\x01\x02")
    assert start > 0
    while start > 0:  # every central directory entry says "encrypted"
        data[start + 8] |= 0x01
        start = data.find(b"PK\x01\x02", start + 4)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(UnreadableInputError, match=r"bad\.xlsx"):
        io.read(bad)
    assert [p.code for p in read_figures_excel(bad).report] == ["S001"]


def test_scrambled_deflate_data_is_unreadable(tmp_path: Path) -> None:
    rows = GOOD_ROWS + "".join(_cells(r, [f"U{r}", "tên", "k", "1"]) for r in range(3, 200))
    path = _handmade(tmp_path / "bad.xlsx", rows, dimension="A1:D199")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    with pytest.raises(UnreadableInputError, match=r"bad\.xlsx.*damaged"):
        io.read(path)
