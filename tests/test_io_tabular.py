"""Tables: the shared table reader and the CSV directory format of a dataset."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pendulum
import pytest

from thidua import io
from thidua.errors import UnreadableInputError
from thidua.hierarchy import (
    UNION_SCHEME,
    ChangeEvent,
    Dataset,
    EventKind,
    Group,
    GroupKind,
    GroupMember,
    Level,
    LevelScheme,
    Link,
    Role,
    Unit,
)
from thidua.io._dataset_tables import LINKS, UNITS
from thidua.io._tabular import (
    PROGRESS_EVERY,
    TableSpec,
    cell_text,
    read_csv_table,
    table_from_cells,
)
from thidua.problems import Pointer, Problem

DATA = Path(__file__).parent / "data" / "io"
D = pendulum.Date


def _write(directory: Path, files: dict[str, str], *, bom: bool = False) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    return directory


def _only(result: io.LoadResult, code: str) -> Problem:
    found = result.report.by_code(code)
    assert len(found) == 1, str(result.report)
    return found[0]


UNITS_CSV = "id,name,kind\nHN,Hà Nội,provincial\nHK,Hoàn Kiếm,district\n"


# --------------------------------------------------------------------------
# The table reader
# --------------------------------------------------------------------------


def test_headers_match_aliases_whatever_the_case_spacing_and_tone_placement() -> None:
    spec = TableSpec(
        name="t",
        fields=("a", "b", "c"),
        aliases={"a": ("Ứng Hòa",), "b": ("Ðơn vị",), "c": ("Đến ngày",)},
    )
    nfd = unicodedata.normalize("NFD", "đến  NGÀY")
    table = table_from_cells([[" ỨNG HOÀ ", "Đơn Vị", nfd], ["1", "2", "3"]], spec, file="t.csv")
    assert table.headers == {"a": "ỨNG HOÀ", "b": "Đơn Vị", "c": unicodedata.normalize("NFC", nfd)}
    assert table.rows[0].values == {"a": "1", "b": "2", "c": "3"}
    assert not table.problems


def test_rows_are_counted_from_the_header_and_blank_rows_skipped() -> None:
    table = table_from_cells(
        [["child", "parent"], ["A", "B"], ["", ""], [], ["C", "D"]], LINKS, file="links.csv"
    )
    assert [r.pointer.row for r in table.rows] == [2, 5]
    assert table.rows[1].pointer == Pointer(file="links.csv", row=5)


def test_raw_values_are_not_stripped_and_short_rows_are_padded() -> None:
    table = table_from_cells([["child", "parent", "relation"], [" A ", "B"]], LINKS, file="l.csv")
    assert table.rows[0].values == {"child": " A ", "parent": "B", "relation": ""}


def test_missing_required_column_is_s002_and_no_row_is_read() -> None:
    table = table_from_cells([["Đơn vị", "Từ ngày"], ["A", "1/1/2025"]], LINKS, file="links.csv")
    assert not table.complete
    assert table.rows == ()
    (problem,) = table.problems
    assert problem.code == "S002"
    assert problem.pointer == Pointer(file="links.csv", row=1)
    assert "'parent' or 'Đơn vị cấp trên'" in problem.message


def test_two_headers_of_one_field_is_s008_pointing_at_the_second() -> None:
    table = table_from_cells(
        [["child", "parent", "Mã đơn vị"], ["A", "B", "C"]], LINKS, file="links.csv"
    )
    (problem,) = table.problems
    assert problem.code == "S008"
    assert problem.pointer == Pointer(file="links.csv", row=1, column="Mã đơn vị")
    assert table.rows[0].values["child"] == "A"


def test_unknown_columns_are_s007_or_kept_as_extras() -> None:
    links = table_from_cells([["child", "parent", "ghi chú"], ["A", "B", "x"]], LINKS, file="l.csv")
    (problem,) = links.problems
    assert (problem.code, problem.pointer) == (
        "S007",
        Pointer(file="l.csv", row=1, column="ghi chú"),
    )
    units = table_from_cells(
        [["id", "name", "kind", "Ghi chú", "Ngành"], ["A", "a", "k", "", "y"]], UNITS, file="u.csv"
    )
    assert not units.problems
    assert units.extra_headers == ("Ghi chú", "Ngành")
    assert units.rows[0].extra == {"Ngành": "y"}


def test_values_beyond_the_header_and_under_a_blank_header_are_s007() -> None:
    table = table_from_cells(
        [["child", "", "parent"], ["A", "", "B", ""], ["C", "x", "D"], ["E", "", "F", "extra"]],
        LINKS,
        file="l.csv",
    )
    assert [(p.code, p.pointer.row if p.pointer else None) for p in table.problems] == [
        ("S007", 3),
        ("S007", 4),
    ]
    assert len(table.rows) == 3


def test_pointer_at_a_field_names_the_header_as_written() -> None:
    table = table_from_cells(
        [["Đơn vị", "Đơn vị cấp trên", "Đến ngày"], ["A", "B", "x"]], LINKS, file="links.csv"
    )
    pointer = table.rows[0].pointer
    assert str(pointer.at("valid_to")) == "links.csv row 2, column Đến ngày"
    assert pointer.at("parent").column == "Đơn vị cấp trên"


def test_progress_is_called_every_10000_rows_and_at_the_end() -> None:
    calls: list[tuple[str, int, int | None]] = []
    cells = [["child", "parent"], *(["A", "B"] for _ in range(2 * PROGRESS_EVERY + 5))]
    table_from_cells(cells, LINKS, file="links.csv", progress=lambda *a: calls.append(a))
    assert calls == [
        ("links.csv", 10_000, None),
        ("links.csv", 20_000, None),
        ("links.csv", 20_005, 20_005),
    ]


def test_cell_text_of_spreadsheet_values() -> None:
    assert [cell_text(v) for v in (None, "x", 7, 7.0, 0.25, True)] == [
        "",
        "x",
        "7",
        "7",
        "0.25",
        "TRUE",
    ]
    assert cell_text(D(2025, 7, 1)) == "2025-07-01"


def test_read_csv_table_handles_bom_crlf_and_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(
        b'\xef\xbb\xbfid,name,kind\r\nA,"d\xc3\xb2ng 1\r\nd\xc3\xb2ng 2",k\r\nB,b,k\r\n'
    )
    table = read_csv_table(path, UNITS)
    assert table.headers["id"] == "id"  # the BOM is not part of the header
    assert table.rows[0].values["name"] == "dòng 1\r\ndòng 2"
    assert [r.pointer.row for r in table.rows] == [2, 3]


def test_read_csv_table_refuses_what_is_not_text_or_csv(tmp_path: Path) -> None:
    (tmp_path / "u.csv").write_bytes(b"id,name\nA,H\xe0 N\xf4i\x00\n")  # not UTF-8, NUL
    with pytest.raises(UnreadableInputError, match="not UTF-8"):
        read_csv_table(tmp_path / "u.csv", UNITS)
    (tmp_path / "n.csv").write_bytes(b'id,name,kind\nA,"' + b"x" * 200_000 + b'",k\n')
    with pytest.raises(UnreadableInputError, match="not CSV"):
        read_csv_table(tmp_path / "n.csv", UNITS)


# --------------------------------------------------------------------------
# CSV directories: reading
# --------------------------------------------------------------------------


def test_vietnamese_headers_bom_crlf_nfd_and_unpadded_dates() -> None:
    result = io.read(DATA / "vi_headers")
    assert not result.report, str(result.report)
    ds = result.dataset
    hk = ds.units[1]
    assert hk.name == "Liên đoàn Lao động quận Hoàn Kiếm"
    assert unicodedata.is_normalized("NFC", hk.name)
    assert (hk.founded, hk.dissolved) == (D(1961, 1, 1), D(2025, 7, 1))
    assert hk.short_name == "LĐLĐ Q. Hoàn Kiếm"
    assert hk.attributes == {"Khu vực": "nội thành"}
    assert ds.units[2].attributes == {}  # an empty cell is an absent attribute
    assert ds.units[2].short_name is None
    assert ds.links[0] == Link(child="HK", parent="HN", valid_to=D(2025, 7, 1))
    assert ds.groups == (
        Group(id="C1", name="Cụm thi đua số 1", kind=GroupKind.CLUSTER, owner="HN"),
    )
    assert [m.role for m in ds.members] == [Role.LEADER, Role.MEMBER, Role.MEMBER]
    assert ds.events[0] == ChangeEvent(
        id="E1",
        kind=EventKind.DISSOLVE,
        date=D(2025, 7, 1),
        originals=("HK", "UH"),
        document="1940/QĐ-LĐLĐ",
    )
    assert ds.events[1].kind is EventKind.FOUND
    assert ds.scheme is UNION_SCHEME
    assert str(ds.units[1].source.at("name")) == (  # type: ignore[union-attr]
        "units.csv row 3, column Tên đơn vị"
    )


def test_bad_optional_date_keeps_the_row_with_none_and_s003(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "units.csv": UNITS_CSV,
            "links.csv": "Đơn vị,Đơn vị cấp trên,Từ ngày,Đến ngày\nHK,HN,1/7/2025,30/2/2026\n"
            "HN,T,,\n",
        },
    )
    result = io.read_csv_dir(tmp_path)
    problem = _only(result, "S003")
    assert problem.pointer == Pointer(file="links.csv", row=2, column="Đến ngày")
    assert str(problem.pointer) == "links.csv row 2, column Đến ngày"
    assert problem.subject == "HK"
    assert result.dataset.links == (
        Link(child="HK", parent="HN", valid_from=D(2025, 7, 1)),
        Link(child="HN", parent="T"),
    )


def test_row_without_its_id_is_skipped_with_s004_and_the_others_load(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "units.csv": "Mã đơn vị,Tên đơn vị,Loại\nHN,Hà Nội,provincial\n"
            "  ,Không mã,district\nHK,Hoàn Kiếm,district\n"
        },
    )
    result = io.read_csv_dir(tmp_path)
    problem = _only(result, "S004")
    assert problem.pointer == Pointer(file="units.csv", row=3, column="Mã đơn vị")
    assert result.dataset.unit_ids() == ("HN", "HK")
    assert not (tmp_path / "links.csv").exists()  # links.csv is optional


def test_bad_enum_values_are_s006_with_the_accepted_ones(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "units.csv": UNITS_CSV,
            "groups.csv": "id,name,kind\nC1,Cụm 1,khối\nC2,Cụm 2,nhóm\n",
            "group_members.csv": "group,unit,Vai trò\nC1,HK,khối phó\nC1,HN,chủ tịch\n",
            "events.csv": "id,kind,date\nE1,merge,1/7/2025\nE2,gộp,1/7/2025\nE3,,1/7/2025\n",
        },
    )
    result = io.read_csv_dir(tmp_path)
    s006 = result.report.by_code("S006")
    assert [str(p.pointer) for p in s006] == [
        "groups.csv row 3, column kind",
        "group_members.csv row 3, column Vai trò",
        "events.csv row 3, column kind",
    ]
    assert "cluster, block" in s006[0].message
    assert [str(p.pointer) for p in result.report.by_code("S004")] == [
        "events.csv row 4, column kind",
    ]
    assert [g.kind for g in result.dataset.groups] == [GroupKind.BLOCK]
    assert result.dataset.members[0].role is Role.DEPUTY
    assert [e.id for e in result.dataset.events] == ["E1"]


def test_missing_required_column_and_duplicate_columns(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "units.csv": "id,name,Mã đơn vị,kind\nHN,Hà Nội,X,provincial\n",
            "links.csv": "child,relation\nHN,admin\n",
        },
    )
    result = io.read_csv_dir(tmp_path)
    assert _only(result, "S008").pointer == Pointer(file="units.csv", row=1, column="Mã đơn vị")
    assert _only(result, "S002").pointer == Pointer(file="links.csv", row=1)
    assert result.dataset.unit_ids() == ("HN",)
    assert result.dataset.units[0].attributes == {}


def test_lists_shares_roots_levels_and_metadata(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "units.csv": UNITS_CSV,
            "events.csv": "id,kind,date,originals,results,shares,document,name\n"
            'E1,split,2024-03-01,HN,A; B;,"0,6; 0,4",12/QĐ,\n'
            'E2,rename,2024-03-01,HK,,,,"  Tên mới  "\n',
            "roots.csv": "Đơn vị\nHN\n\n",
            "levels.csv": "scheme,kind,rank,label\nstate,province,0,Tỉnh\nstate,commune,1,Xã\n",
            "metadata.csv": 'key,value\ntitle,"Hà Nội, 2025"\nnote,\n',
        },
        bom=True,
    )
    result = io.read_csv_dir(tmp_path)
    assert not result.report, str(result.report)
    ds = result.dataset
    assert ds.events[0].results == ("A", "B")
    assert ds.events[0].shares == (0.6, 0.4)
    assert ds.events[1].name == "  Tên mới  "  # names are kept exactly
    assert ds.roots == ("HN",)
    assert ds.scheme == LevelScheme(
        "state",
        (Level(kind="province", rank=0, label="Tỉnh"), Level(kind="commune", rank=1, label="Xã")),
    )
    assert ds.metadata == {"title": "Hà Nội, 2025", "note": ""}


def test_levels_and_metadata_problems(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "units.csv": UNITS_CSV,
            "levels.csv": "scheme,kind,Bậc\ns,a,0\nt,b,1\ns,c,một\ns,,2\n",
            "metadata.csv": "key,value\n,x\nk,1\nk,2\n",
            "roots.csv": "unit\n \n",
        },
    )
    result = io.read_csv_dir(tmp_path)
    assert [(p.code, str(p.pointer)) for p in result.report] == [
        ("S004", "roots.csv row 2, column unit"),
        ("S006", "levels.csv row 3, column scheme"),
        ("S006", "levels.csv row 4, column Bậc"),
        ("S004", "levels.csv row 5, column kind"),
        ("S004", "metadata.csv row 2, column key"),
        ("S006", "metadata.csv row 4, column key"),
    ]
    assert result.dataset.scheme == LevelScheme("s", (Level(kind="a", rank=0),))
    assert result.dataset.metadata == {"k": "2"}


def test_file_names_are_matched_without_case(tmp_path: Path) -> None:
    _write(tmp_path, {"Units.CSV": UNITS_CSV, "LINKS.csv": "child,parent\nHK,HN\n"})
    assert io.read_csv_dir(tmp_path).dataset.links == (Link(child="HK", parent="HN"),)


def test_unreadable_optional_file_is_s001_and_the_rest_loads(tmp_path: Path) -> None:
    _write(tmp_path, {"units.csv": UNITS_CSV})
    (tmp_path / "links.csv").write_bytes(b"PK\x03\x04child,parent\n")  # a workbook
    result = io.read_csv_dir(tmp_path)
    assert _only(result, "S001").pointer == Pointer(file="links.csv")
    assert result.dataset.unit_ids() == ("HN", "HK")


def test_missing_units_csv_or_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInputError, match=r"units\.csv is missing"):
        io.read_csv_dir(_write(tmp_path / "d", {"links.csv": "child,parent\n"}))
    with pytest.raises(UnreadableInputError, match="no such directory"):
        io.read_csv_dir(tmp_path / "nowhere")
    (tmp_path / "d" / "units.csv").write_bytes(b"id,name,kind\n\x81\n")  # nor cp1258
    with pytest.raises(UnreadableInputError, match="not UTF-8"):
        io.read(tmp_path / "d")


def test_read_csv_dir_progress(tmp_path: Path) -> None:
    _write(tmp_path, {"units.csv": UNITS_CSV, "links.csv": "child,parent\nHK,HN\n"})
    calls: list[tuple[str, int, int | None]] = []
    io.read_csv_dir(tmp_path, progress=lambda *a: calls.append(a))
    assert calls == [("units.csv", 2, 2), ("links.csv", 1, 1)]


# --------------------------------------------------------------------------
# CSV directories: writing
# --------------------------------------------------------------------------


def test_written_files_and_columns(tmp_path: Path) -> None:
    ds = Dataset(
        units=[
            Unit(
                id="HK",
                name="Hoàn Kiếm, Hà Nội",
                kind="district",
                founded=D(1961, 1, 1),
                attributes={"Ngành": "y tế"},
            ),
            Unit(
                id="G1",
                name='CĐCS "Việt Đức"',
                kind="grassroots",
                attributes={"Khu vực": "nội thành"},
            ),
        ],
        events=[
            ChangeEvent(
                id="E1",
                kind=EventKind.SPLIT,
                date=D(2024, 3, 1),
                originals=("A",),
                results=("B", "C"),
                shares=(0.6, 0.4),
            )
        ],
        metadata={"title": "Hà Nội"},
    )
    io.write_csv_dir(ds, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "events.csv",
        "links.csv",
        "metadata.csv",
        "units.csv",
    ]
    assert (tmp_path / "units.csv").read_text(encoding="utf-8") == (
        "id,name,kind,founded,dissolved,short_name,Ngành,Khu vực\n"
        'HK,"Hoàn Kiếm, Hà Nội",district,1961-01-01,,,y tế,\n'
        'G1,"CĐCS ""Việt Đức""",grassroots,,,,,nội thành\n'
    )
    assert (tmp_path / "links.csv").read_text(encoding="utf-8") == (
        "child,parent,relation,valid_from,valid_to\n"
    )
    assert (tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "E1,split,2024-03-01,A,B;C,0.6;0.4,,"
    )
    assert io.read_csv_dir(tmp_path).dataset == ds


def test_levels_csv_only_for_a_custom_scheme(tmp_path: Path) -> None:
    scheme = LevelScheme.from_ranks("state", {"province": 0, "commune": 1})
    io.write_csv_dir(Dataset(scheme=scheme, roots=["HN"]), tmp_path)
    assert (tmp_path / "levels.csv").read_text(encoding="utf-8") == (
        "scheme,kind,rank,label\nstate,province,0,\nstate,commune,1,\n"
    )
    io.write_csv_dir(Dataset(), tmp_path)  # stale optional files are removed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["links.csv", "units.csv"]


def test_non_text_attributes_are_written_as_text(tmp_path: Path) -> None:
    ds = Dataset(
        units=[
            Unit(
                id="A", name="a", kind="k", attributes={"n": 3, "x": 0.5, "ok": True, "none": None}
            )
        ]
    )
    io.write_csv_dir(ds, tmp_path)
    assert io.read_csv_dir(tmp_path).dataset.units[0].attributes == {
        "n": "3",
        "x": "0.5",
        "ok": "true",
    }


def test_bom_option(tmp_path: Path) -> None:
    io.write_csv_dir(Dataset(units=[Unit(id="A", name="Đ", kind="k")]), tmp_path, bom=True)
    assert (tmp_path / "units.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert io.read_csv_dir(tmp_path).dataset.units[0].name == "Đ"


@pytest.mark.parametrize(
    ("dataset", "words"),
    [
        (
            Dataset(units=[Unit(id="A", name="a", kind="k", attributes={"Tên đơn vị": "x"})]),
            "would be read as the units field 'name'",
        ),
        (
            Dataset(
                groups=[Group(id="C", name="c", kind=GroupKind.BLOCK, attributes={"owner": "x"})]
            ),
            "groups field 'owner'",
        ),
        (
            Dataset(units=[Unit(id="A", name="a", kind="k", attributes={" x": "1"})]),
            "surrounding whitespace",
        ),
        (
            Dataset(
                events=[
                    ChangeEvent(
                        id="E", kind=EventKind.MERGE, date=D(2025, 7, 1), originals=("A;B",)
                    )
                ]
            ),
            "contains ';'",
        ),
        (Dataset(scheme=LevelScheme("empty", ())), "has no levels"),
    ],
)
def test_what_tables_cannot_hold_is_refused(tmp_path: Path, dataset: Dataset, words: str) -> None:
    with pytest.raises(io.FormatError, match=words):
        io.write_csv_dir(dataset, tmp_path)
    with pytest.raises(ValueError, match=words):
        io.write_excel(dataset, tmp_path / "h.xlsx")


def test_group_member_defaults_are_written_explicitly(tmp_path: Path) -> None:
    io.write_csv_dir(Dataset(members=[GroupMember(group="C1", unit="A")]), tmp_path)
    assert (tmp_path / "group_members.csv").read_text(encoding="utf-8").splitlines() == [
        "group,unit,valid_from,valid_to,role",
        "C1,A,,,member",
    ]


@pytest.mark.parametrize(
    ("data", "encoding", "utf8"),
    [
        ("id,name\nHN,Hà Nội\n".encode(), None, True),
        (codecs.BOM_UTF8 + "id;name\nHN;Hà Nội\n".encode(), None, True),
        (codecs.BOM_UTF8 + "sep=;\r\nid;name\r\nHN;Hà Nội\r\n".encode(), None, True),
        (codecs.BOM_UTF8 + "id,name\nHN,Hà Nội\n".encode(), "utf-8", True),
        ("id,name\nDA,Đông Anh\n".encode("cp1258"), None, False),
        ("id,name\nHN,Hà Nội\n".encode("utf-16"), None, False),
    ],
)
def test_decoded_text_keeps_the_utf8_bytes_it_came_from(
    data: bytes, encoding: str | None, utf8: bool
) -> None:
    decoded = io.decode_csv(data, file="units.csv", encoding=encoding)
    assert decoded.text.startswith("id")
    if utf8:
        assert decoded.utf8 is data  # the file's own bytes, not a copy
        assert decoded.utf8[decoded.utf8_start :].decode("utf-8") == decoded.text
    else:
        assert decoded.utf8 is None
