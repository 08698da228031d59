"""Office files as they really arrive: separators, encodings, serial dates, kinds, parent columns.

Every CSV input path goes through the one table reader (``thidua.io._tabular``):
the dataset tables, ``figures.csv`` and ``indicators.csv`` are each tested here
with the same office-made file shapes.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thidua
from thidua import io
from thidua._dates import (
    EXCEL_SERIAL_MAX,
    EXCEL_SERIAL_MIN,
    excel_serial_date,
    parse_date,
    parse_date_cell,
)
from thidua.errors import DateParseError, FormatError, UnreadableInputError
from thidua.figures import (
    Figure,
    Figures,
    Scope,
    load_catalogue,
    read_figures_csv,
    read_indicators_csv,
    write_figures_csv,
)
from thidua.hierarchy import (
    UNION_SCHEME,
    ChangeEvent,
    Dataset,
    EventKind,
    Level,
    LevelScheme,
    Link,
    Unit,
)
from thidua.io._tabular import (
    decode_csv,
    read_csv_table,
    sniff_delimiter,
    write_csv_table,
)
from thidua.periods import Period
from thidua.problems import Severity

D = pendulum.Date
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Encode as Windows software does: base letters precomposed, tones as combining marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)))
        out.append(tones)
    return "".join(out).encode("cp1258")


def _dir(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (tmp_path / name).write_bytes(data)
    return tmp_path


def _codes(report: object) -> list[str]:
    return [p.code for p in report]  # type: ignore[attr-defined]


UNITS_SEMI = (
    "Mã đơn vị;Tên đơn vị;Cấp;Ngày thành lập\n"
    "HN;LĐLĐ thành phố Hà Nội, khóa XVII;provincial;28/7/1929\n"
    'HK;"LĐLĐ quận Hoàn Kiếm; nội thành";district;\n'
)


# -- 1. separators ------------------------------------------------------------------------


def test_sniff_delimiter_ignores_separators_inside_quotes() -> None:
    assert sniff_delimiter('"a;b;c",d\n') == ","
    assert sniff_delimiter('a;"b,c,d";e\n') == ";"
    assert sniff_delimiter('"line\nbreak";x;y\nz,z,z,z\n') == ";"
    assert sniff_delimiter("a\tb\tc,d\n") == "\t"
    assert sniff_delimiter("a;b,c\n") == ","  # a tie keeps the comma
    assert sniff_delimiter("") == ","


def test_semicolon_units_csv(tmp_path: Path) -> None:
    result = io.read_csv_dir(_dir(tmp_path, {"units.csv": UNITS_SEMI}))
    assert result.report.ok, str(result.report)
    assert [u.name for u in result.dataset.units] == [
        "LĐLĐ thành phố Hà Nội, khóa XVII",
        "LĐLĐ quận Hoàn Kiếm; nội thành",
    ]
    assert result.dataset.units[0].founded == D(1929, 7, 28)


def test_tab_and_sep_line(tmp_path: Path) -> None:
    tab = "id\tname\tkind\nHN\tHà Nội, thủ đô\tprovincial\n"
    assert io.read_csv_dir(_dir(tmp_path / "t", {"units.csv": tab})).dataset.unit_ids() == ("HN",)
    sep = "sep=;\r\nid;name;kind\r\nHN;Hà Nội;provincial\r\nHK;Hoàn Kiếm;district\r\n"
    result = io.read_csv_dir(_dir(tmp_path / "s", {"units.csv": sep}))
    assert result.dataset.unit_ids() == ("HN", "HK")
    assert [u.source.row for u in result.dataset.units if u.source] == [2, 3]


def test_semicolon_figures_csv(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_bytes(
        "\ufeffĐơn vị;Chỉ tiêu;Kỳ báo cáo;Giá trị\nG1;new_members;năm 2025;1,5\n"
        'G2;new_members;"quý 1/2025";1.585\n'.encode()
    )
    result = read_figures_csv(path)
    assert result.report.ok, str(result.report)
    assert [(f.unit, f.value) for f in result.figures] == [("G1", 1.5), ("G2", 1585.0)]


def test_semicolon_figures_csv_without_pandas_path(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"  # ragged rows: the csv module reads them
    path.write_text("unit;indicator;period;value\nG1;dialogues;2025;2;x\nG2;dialogues;2025;3\n")
    result = read_figures_csv(path)
    assert [(f.unit, f.value) for f in result.figures] == [("G1", 2.0), ("G2", 3.0)]
    assert [(p.code, str(p.pointer)) for p in result.report] == [("S007", "figures.csv row 2")]


def test_semicolon_indicators_csv(tmp_path: Path) -> None:
    path = tmp_path / "indicators.csv"
    path.write_text(
        "Mã chỉ tiêu;Tên chỉ tiêu;Đơn vị tính;Cách tổng hợp;Hệ số\n"
        "female_rate;Tỷ lệ nữ, %;%;tỷ lệ;100\n",
        encoding="utf-8-sig",
    )
    catalogue, report = read_indicators_csv(path)
    assert catalogue["female_rate"].name == "Tỷ lệ nữ, %"
    assert not [p for p in report if p.code.startswith("S")]


# -- 1. encodings -------------------------------------------------------------------------


UNITS_VI = "Mã đơn vị,Tên đơn vị,Cấp\nHÀ-ĐÔNG,Liên đoàn Lao động quận Hà Đông,district\n"


def test_cp1258_is_detected_with_a_warning_and_nfc(tmp_path: Path) -> None:
    data = cp1258(UNITS_VI)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\xcc" in data or b"\xde" in data  # tones really are combining marks
    result = io.read_csv_dir(_dir(tmp_path, {"units.csv": data}))
    (warning,) = result.report
    assert warning.code == "S020"
    assert warning.severity is Severity.WARNING
    assert "units.csv" in warning.message
    assert "cp1258" in warning.message
    unit = result.dataset.units[0]
    assert unit.id == "HÀ-ĐÔNG"
    assert unicodedata.is_normalized("NFC", unit.id)
    assert unit.name == "Liên đoàn Lao động quận Hà Đông"
    assert unit.source is not None
    assert unit.source.headers["name"] == "Tên đơn vị"  # the header, NFC, as written


def test_explicit_encoding_everywhere(tmp_path: Path) -> None:
    directory = _dir(tmp_path / "d", {"units.csv": cp1258(UNITS_VI)})
    for result in (
        io.read_csv_dir(directory, encoding="cp1258"),
        io.read(directory, encoding="cp1258"),
        thidua.check(directory, encoding="windows-1258"),
    ):
        assert "S020" not in _codes(result.report)
        assert result.dataset.unit_ids() == ("HÀ-ĐÔNG",)
    ds = thidua.load(directory, encoding="cp1258", strict=False)
    assert ds.units[0].name == "Liên đoàn Lao động quận Hà Đông"
    figures = tmp_path / "figures.csv"
    figures.write_bytes(cp1258("Đơn vị,Chỉ tiêu,Kỳ,Giá trị\nHÀ-ĐÔNG,new_members,2025,3\n"))
    assert read_figures_csv(figures).report[0].code == "S020"
    read = read_figures_csv(figures, encoding="cp1258")
    assert read.report.ok
    assert [f.unit for f in read.figures] == ["HÀ-ĐÔNG"]
    indicators = tmp_path / "indicators.csv"
    indicators.write_bytes(
        cp1258("Mã chỉ tiêu,Tên chỉ tiêu,Cách tổng hợp\nx,Số lượt hiến máu,cộng\n")
    )
    catalogue, report = read_indicators_csv(indicators, encoding="cp1258")
    assert catalogue["x"].name == "Số lượt hiến máu"
    assert report.ok
    catalogue, report = load_catalogue(indicators)
    assert catalogue["x"].name == "Số lượt hiến máu"
    assert _codes(report)[0] == "S020"
    assert load_catalogue(indicators, encoding="cp1258")[1].ok


def test_unknown_encoding_is_an_error_before_reading(tmp_path: Path) -> None:
    directory = _dir(tmp_path, {"units.csv": UNITS_VI})
    with pytest.raises(UnreadableInputError, match="unknown encoding"):
        io.read_csv_dir(directory, encoding="tcvn3")
    with pytest.raises(UnreadableInputError, match="unknown encoding"):
        read_figures_csv(directory / "units.csv", encoding="vni")
    with pytest.raises(UnreadableInputError, match="unknown encoding"):
        read_indicators_csv(directory / "units.csv", encoding="vni")


def test_explicit_encoding_that_cannot_decode(tmp_path: Path) -> None:
    directory = _dir(tmp_path, {"units.csv": UNITS_VI.encode("utf-16")})
    with pytest.raises(UnreadableInputError, match="not ascii text"):
        io.read_csv_dir(directory, encoding="ascii")


def test_explicit_legacy_encoding_of_a_utf8_file_is_doubted(tmp_path: Path) -> None:
    directory = _dir(tmp_path, {"units.csv": "id,name,kind\nHN,Hà Nội,provincial\n"})
    result = io.read_csv_dir(directory, encoding="cp1258")
    assert _codes(result.report) == ["S020"]
    assert "valid UTF-8" in result.report[0].message
    assert result.dataset.units[0].name == "Hà Nội".encode().decode("cp1258")  # as asked
    undecodable = _dir(tmp_path / "u", {"units.csv": UNITS_VI})  # "Đ" is C4 90: 90 is undefined
    with pytest.raises(UnreadableInputError, match="it is UTF-8: read it without an encoding"):
        io.read_csv_dir(undecodable, encoding="cp1258")
    # ASCII reads the same in every encoding: nothing to doubt
    ascii_dir = _dir(tmp_path / "a", {"units.csv": "id,name,kind\nA,A,team\n"})
    assert io.read_csv_dir(ascii_dir, encoding="cp1258").report.ok


def test_utf16_with_bom_and_utf8_bom(tmp_path: Path) -> None:
    text = "id\tname\tkind\nHN\tHà Nội\tprovincial\n"  # Excel's "Unicode text"
    for data in (text.encode("utf-16"), text.encode("utf-16-be").join([b"\xfe\xff", b""])):
        result = io.read_csv_dir(_dir(tmp_path / str(len(data)) / "x", {"units.csv": data}))
        assert result.report.ok
        assert result.dataset.units[0].name == "Hà Nội"
    bom = _dir(tmp_path / "b", {"units.csv": "\ufeff" + UNITS_VI})
    table = read_csv_table(bom / "units.csv", io._dataset_tables.UNITS)
    assert table.headers["id"] == "Mã đơn vị"


def test_what_is_not_text_is_refused(tmp_path: Path) -> None:
    for data, why in (
        (b"PK\x03\x04rest", "zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1", "xls"),
        ("id,name".encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
        (b"id,name\n\x00\xff\n", "NUL bytes"),
        (b"id,name\n\x81\n", "nor cp1258"),
        (b"\xff\xfe\x00\xd8", "not UTF-16"),
    ):
        with pytest.raises(UnreadableInputError, match=why):
            decode_csv(data, file="u.csv")


def test_utf8_with_control_characters_is_text() -> None:
    decoded = decode_csv(b'id,name\nA,"x\x00y"\n', file="u.csv")
    assert decoded.encoding == "utf-8"
    assert list(decoded.reader())[1] == ["A", "x\x00y"]


# -- 2. dates -------------------------------------------------------------------------------


def test_excel_serials_and_date_times() -> None:
    assert excel_serial_date("45474") == D(2024, 7, 1)
    assert excel_serial_date(str(EXCEL_SERIAL_MIN)) == D(1927, 5, 18)
    assert excel_serial_date(str(EXCEL_SERIAL_MAX)) == D(9999, 12, 31)
    for text in ("2024", "9999", str(EXCEL_SERIAL_MIN - 1), str(EXCEL_SERIAL_MAX + 1), "4.5e4"):
        assert excel_serial_date(text) is None
    assert parse_date("2021-03-15 00:00:00") == D(2021, 3, 15)
    assert parse_date("2021-03-15T08:30") == D(2021, 3, 15)
    assert parse_date("15/3/2021 8:30:15.5") == D(2021, 3, 15)
    assert parse_date_cell(" 45474.5 ") == D(2024, 7, 1)
    for text in ("2024", "45474", "2021-03-15 25", "2021-03-15 00:00:00x"):
        with pytest.raises(DateParseError):
            parse_date(text)
    with pytest.raises(DateParseError):
        parse_date_cell("2024")


def test_serial_and_date_time_cells_in_every_date_column(tmp_path: Path) -> None:
    directory = _dir(
        tmp_path,
        {
            "units.csv": "id,name,kind,founded,dissolved\n"
            "A,A,team,45474,2025-06-30 00:00:00\nB,B,team,2021-03-15 00:00:00,45839\n",
            "links.csv": "child,parent,valid_from,valid_to\nB,A,45474,45839.0\n",
            "groups.csv": "id,name,kind\nC1,Cụm 1,cluster\n",
            "group_members.csv": "group,unit,valid_from,valid_to\nC1,A,45292,2024-12-31 00:00\n",
            "events.csv": "id,kind,date,originals\nE1,dissolve,45839,A\n",
        },
    )
    result = io.read_csv_dir(directory)
    assert result.report.ok, str(result.report)
    ds = result.dataset
    assert [(u.founded, u.dissolved) for u in ds.units] == [
        (D(2024, 7, 1), D(2025, 6, 30)),
        (D(2021, 3, 15), D(2025, 7, 1)),
    ]
    assert (ds.links[0].valid_from, ds.links[0].valid_to) == (D(2024, 7, 1), D(2025, 7, 1))
    assert (ds.members[0].valid_from, ds.members[0].valid_to) == (D(2024, 1, 1), D(2024, 12, 31))
    assert ds.events[0].date == D(2025, 7, 1)


def test_a_bare_year_is_not_a_date(tmp_path: Path) -> None:
    directory = _dir(
        tmp_path, {"units.csv": "id,name,kind,founded\nA,A,team,2024\nB,B,team,9999\n"}
    )
    result = io.read_csv_dir(directory)
    assert _codes(result.report) == ["S003", "S003"]
    assert all(u.founded is None for u in result.dataset.units)


# -- 3. kinds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Công đoàn cơ sở", "grassroots"),
        ("CĐCS", "grassroots"),
        ("cđcs", "grassroots"),
        ("CDCS", "grassroots"),
        ("công đoàn CƠ SỞ", "grassroots"),
        ("Liên đoàn Lao động quận", "district"),
        ("LĐLĐ huyện", "district"),
        ("LĐLĐ tỉnh", "provincial"),
        ("Liên đoàn Lao động tỉnh, thành phố", "provincial"),
        ("Công đoàn ngành", "local_sector"),
        ("Công đoàn ngành trung ương", "central_sector"),
        ("Công đoàn xã/phường", "commune"),
        ("Công đoàn xã, phường, đặc khu", "commune"),
        ("Công đoàn các KCN&CX", "industrial_zone"),
        ("Tổng Liên đoàn Lao động Việt Nam", "central"),
        ("Nghiệp đoàn cơ sở", "trade_grassroots"),
        ("Tổ công đoàn", "team"),
        ("Công đoàn bộ phận", "section"),
        ("Công đoàn cấp trên trực tiếp cơ sở", "direct_superior"),
        ("Ðoàn thể", None),
    ],
)
def test_union_kind_labels(label: str, kind: str | None) -> None:
    assert UNION_SCHEME.kind_for(label) == kind
    assert UNION_SCHEME.kind_for(unicodedata.normalize("NFD", label)) == kind


def test_kind_for_tone_placement_ambiguity_and_custom_schemes() -> None:
    scheme = LevelScheme(
        "s",
        (
            Level(kind="province", rank=0, label="Tỉnh Hòa Bình"),
            Level(kind="a", rank=1, label="Xã"),
            Level(kind="b", rank=1, label="xã"),
            Level(kind="c", rank=2, label="Tổ"),
            Level(kind="d", rank=2, label="Tô"),
        ),
        {"province": ("tỉnh",), "nowhere": ("ghost",)},
    )
    assert scheme.kind_for("TỈNH HOÀ BÌNH") == "province"
    assert scheme.kind_for("tỉnh") == "province"
    assert scheme.kind_for("xã") is None  # two kinds share the label
    assert scheme.kind_for("Tô") == "d"
    assert scheme.kind_for("To") is None  # without diacritics, "Tổ" and "Tô" collide
    assert scheme.kind_for("ghost") is None  # an alias of a kind the scheme lacks
    assert scheme.kind_for("") is None
    assert scheme == LevelScheme("s", scheme.levels)  # aliases are not the scheme's identity
    assert LevelScheme("e", (Level(kind="x", rank=0, label=" "),)).kind_for(" ") is None


def test_units_reader_stores_the_canonical_kind(tmp_path: Path) -> None:
    directory = _dir(
        tmp_path,
        {
            "units.csv": "Mã đơn vị;Tên đơn vị;Loại đơn vị\n"
            "HN;Hà Nội;LĐLĐ thành phố\nHK;Hoàn Kiếm;Liên đoàn Lao động quận\n"
            "X;Công ty X;cđcs\nY;Y;không rõ\n",
        },
    )
    ds = io.read_csv_dir(directory).dataset
    assert [u.kind for u in ds.units] == ["provincial", "district", "grassroots", "không rõ"]


def test_kinds_resolve_through_a_custom_levels_table(tmp_path: Path) -> None:
    directory = _dir(
        tmp_path,
        {
            "units.csv": "id,name,kind\nT,Tỉnh,Cấp Tỉnh\nX,Xã,xã\n",
            "levels.csv": "scheme,kind,rank,label\nstate,province,0,Cấp tỉnh\nstate,commune,1,Xã\n",
        },
    )
    ds = io.read_csv_dir(directory).dataset
    assert [u.kind for u in ds.units] == ["province", "commune"]


# -- 4. the units sheet as offices keep it ----------------------------------------------------

OFFICE_UNITS = (
    "Mã đơn vị,Tên đơn vị,Cấp,Đơn vị cấp trên,Từ ngày,Đến ngày,Khu vực\n"
    "HN,LĐLĐ thành phố Hà Nội,LĐLĐ thành phố,,,,\n"
    "HK,LĐLĐ quận Hoàn Kiếm,LĐLĐ quận,HN,,1/7/2025,nội thành\n"
    "G1,CĐCS Trường A,CĐCS,HK,1/1/2020,1/7/2025,nội thành\n"
    "G1,CĐCS Trường A,CĐCS,HN,1/7/2025,,nội thành\n"
)


def test_office_units_sheet_gives_links(tmp_path: Path) -> None:
    result = thidua.check(_dir(tmp_path, {"units.csv": OFFICE_UNITS}))
    assert result.report.ok, str(result.report)
    ds = result.dataset
    assert ds.unit_ids() == ("HN", "HK", "G1")  # G1's second row is its history, not a duplicate
    assert ds.units[1].attributes == {"Khu vực": "nội thành"}
    assert ds.links == (
        Link(child="HK", parent="HN", valid_to=D(2025, 7, 1)),
        Link(child="G1", parent="HK", valid_from=D(2020, 1, 1), valid_to=D(2025, 7, 1)),
        Link(child="G1", parent="HN", valid_from=D(2025, 7, 1)),
    )
    link = ds.links[1]
    assert link.source is not None
    assert str(link.source.at("valid_to")) == "units.csv row 4, column Đến ngày"
    assert str(link.source.at("child")) == "units.csv row 4, column Mã đơn vị"


def test_office_units_sheet_problems_point_at_the_cells(tmp_path: Path) -> None:
    directory = _dir(
        tmp_path,
        {
            "units.csv": "id,name,kind,parent,Quan hệ,Đến ngày\n"
            "HN,Hà Nội,provincial,,,30/6/2025\n"
            "HK,Hoàn Kiếm,district,HN,admin,31/2/2025\n"
            ",Nameless,district,HN,,\n"
            "GR,Nhóm,team,HN,tài chính,\n",
            "links.csv": "child,parent\nGR,HK\n",
        },
    )
    result = io.read_csv_dir(directory)
    assert [(p.code, str(p.pointer)) for p in result.report] == [
        ("S023", "units.csv row 2, column Đến ngày"),
        ("S003", "units.csv row 3, column Đến ngày"),
        ("S004", "units.csv row 4, column id"),
    ]
    assert [(k.child, k.parent, k.relation) for k in result.dataset.links] == [
        ("HK", "HN", "admin"),
        ("GR", "HN", "tài chính"),
        ("GR", "HK", "admin"),  # links.csv adds to the units' links
    ]


def test_units_without_parent_columns_behave_as_before(tmp_path: Path) -> None:
    text = "id,name,kind,Khu vực\nHN,Hà Nội,provincial,nội thành\n"
    result = io.read_csv_dir(_dir(tmp_path, {"units.csv": text}))
    assert result.report.ok
    assert result.dataset.links == ()
    assert result.dataset.units[0].attributes == {"Khu vực": "nội thành"}


def test_columns_of_other_tables_are_reported(tmp_path: Path) -> None:
    directory = _dir(
        tmp_path,
        {
            "units.csv": "id,name,kind,Ngày hiệu lực,Vai trò,Từ ngày\nHN,Hà Nội,provincial,x,y,z\n",
            "groups.csv": "id,name,kind,role,parent\nC1,Cụm 1,cluster,leader,HN\n",
        },
    )
    result = io.read_csv_dir(directory)
    found = [(p.code, str(p.pointer)) for p in result.report]
    assert found == [
        ("S022", "units.csv row 1, column Ngày hiệu lực"),
        ("S022", "units.csv row 1, column Vai trò"),
        ("S022", "units.csv row 1, column Từ ngày"),
        ("S022", "groups.csv row 1, column role"),
        ("S022", "groups.csv row 1, column parent"),
    ]
    assert "no parent column" in result.report[2].message
    assert result.dataset.units[0].attributes == {
        "Ngày hiệu lực": "x",
        "Vai trò": "y",
        "Từ ngày": "z",
    }
    assert result.dataset.links == ()


def test_two_parent_columns(tmp_path: Path) -> None:
    text = "id,name,kind,parent,Đơn vị cấp trên\nHK,HK,district,HN,TLD\n"
    result = io.read_csv_dir(_dir(tmp_path, {"units.csv": text}))
    assert [(p.code, str(p.pointer)) for p in result.report] == [
        ("S008", "units.csv row 1, column Đơn vị cấp trên")
    ]
    assert [k.parent for k in result.dataset.links] == ["HN"]
    assert result.dataset.units[0].attributes == {"Đơn vị cấp trên": "TLD"}


def test_office_layout_round_trips_through_links_csv(tmp_path: Path) -> None:
    first = io.read_csv_dir(_dir(tmp_path / "office", {"units.csv": OFFICE_UNITS})).dataset
    io.write_csv_dir(first, tmp_path / "out")
    assert "parent" not in (tmp_path / "out" / "units.csv").read_text(encoding="utf-8")
    again = io.read_csv_dir(tmp_path / "out")
    assert again.report.ok
    assert again.dataset == first


def test_writer_refuses_attributes_read_back_as_links(tmp_path: Path) -> None:
    for name in ("parent", "Đơn vị cấp trên", "từ ngày", "Quan hệ"):
        ds = Dataset(units=[Unit(id="A", name="A", kind="team", attributes={name: "x"})])
        with pytest.raises(FormatError, match="links field"):
            io.write_csv_dir(ds, tmp_path)
    ds = Dataset(units=[Unit(id="A", name="A", kind="team", attributes={"date": "x"})])
    io.write_csv_dir(ds, tmp_path)  # another table's name: read back, with a warning
    again = io.read_csv_dir(tmp_path)
    assert again.dataset == ds
    assert _codes(again.report) == ["S022"]


# -- 5. file names and control characters ---------------------------------------------------


def test_two_files_for_one_table_are_an_error(tmp_path: Path) -> None:
    directory = _dir(
        tmp_path,
        {
            "units.csv": "id,name,kind\nA,A,team\n",
            "links.csv": "child,parent\nA,B\n",
            "LINKS.CSV": "child,parent\nA,C\n",
        },
    )
    result = io.read_csv_dir(directory)
    p, q = result.report
    assert (p.code, q.code) == ("S021", "S021")
    assert {str(p.pointer), str(q.pointer)} == {"links.csv", "LINKS.CSV"}
    assert p.severity is Severity.ERROR
    assert "LINKS.CSV" in p.message
    assert "links.csv" in p.message
    assert result.dataset.links == ()
    (directory / "Units.csv").write_text("id,name,kind\nB,B,team\n", encoding="utf-8")
    with pytest.raises(UnreadableInputError, match=r"Units\.csv and units\.csv"):
        io.read_csv_dir(directory)


def test_carriage_return_in_a_unit_name_is_quoted(tmp_path: Path) -> None:
    ds = Dataset(units=[Unit(id="A", name="line1\rline2", kind="team")])
    io.write_csv_dir(ds, tmp_path)
    assert b'"line1\rline2"' in (tmp_path / "units.csv").read_bytes()
    assert io.read_csv_dir(tmp_path).dataset == ds


def test_carriage_return_in_figures_keeps_the_scope(tmp_path: Path) -> None:
    figs = Figures.from_records(
        [
            Figure(
                unit="G1",
                indicator="new_members",
                period=Period.year(2024),
                value=5,
                source="báo cáo\rsố 2",
                scope=Scope.TOTAL,
            )
        ]
    )
    path = tmp_path / "figures.csv"
    write_figures_csv(figs, path)
    again = read_figures_csv(path)
    assert again.report.ok, str(again.report)
    assert again.figures == figs
    assert [f.scope for f in again.figures] == [Scope.TOTAL]


def test_write_csv_table_quotes_only_what_needs_it(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    rows = [["a\rb", "plain", 'q"uote', "c,d"], ["x", "y", "z", "w"]] * 9000  # > one batch
    write_csv_table(path, ["h1", "h\r2", "h3", "h4"], rows)
    text = path.read_bytes().decode()
    assert text.startswith('h1,"h\r2",h3,h4\n"a\rb",plain,"q""uote","c,d"\nx,y,z,w\n')
    table = decode_csv(path.read_bytes(), file="t.csv")
    assert list(table.reader()) == [["h1", "h\r2", "h3", "h4"], *rows]


_CONTROLS = "".join(map(chr, range(32))) + "\x7f\x85\u2028\u2029"
_INNER = st.text(st.sampled_from("aàĐ ,;\"'=" + _CONTROLS), max_size=6)


def _inner_text(edge: str) -> st.SearchStrategy[str]:
    """Text with control characters anywhere but at its ends (ids lose surrounding space)."""
    return st.builds(lambda a, b, c: a + b + c, st.just(edge), _INNER, st.just(edge))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(
        st.text(st.sampled_from('aĐ,"' + _CONTROLS), max_size=8), min_size=1, max_size=4
    ),
    middle=st.lists(_INNER.filter(lambda t: ";" not in t), min_size=1, max_size=4),
)
def test_units_with_control_characters_round_trip(names: list[str], middle: list[str]) -> None:
    units = [
        Unit(
            id=f"U{i}{mid}x",
            name=name,
            kind="team",
            short_name=name or None,
            attributes={"Ghi chú": name} if name else {},
        )
        for i, (name, mid) in enumerate(zip(names, middle * len(names), strict=False))
    ]
    ds = Dataset(units=units, links=[Link(child=units[0].id, parent=units[-1].id, relation="a\rb")])
    with tempfile.TemporaryDirectory() as tmp:
        io.write_csv_dir(ds, tmp)
        again = io.read_csv_dir(tmp)
    assert again.report.ok, str(again.report)
    assert again.dataset == ds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(
            _inner_text("G").filter(lambda t: ";" not in t),
            st.none() | _inner_text("s"),
            st.sampled_from(Scope),
            st.integers(0, 10**6),
        ),
        min_size=1,
        max_size=5,
        unique_by=lambda r: r[0],
    )
)
def test_figures_with_control_characters_round_trip(
    rows: list[tuple[str, str | None, Scope, int]],
) -> None:
    figs = Figures.from_records(
        [
            Figure(
                unit=unit,
                indicator="new_members",
                period=Period.year(2025),
                value=value,
                source=source,
                scope=scope,
            )
            for unit, source, scope, value in rows
        ]
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "figures.csv"
        write_figures_csv(figs, path)
        again = read_figures_csv(path)
    assert again.report.ok, str(again.report)
    assert again.figures == figs


def test_change_event_lists_in_a_semicolon_file(tmp_path: Path) -> None:
    directory = _dir(
        tmp_path,
        {
            "units.csv": "id;name;kind\nA;A;team\nB;B;team\n",
            "events.csv": 'id;kind;date;originals;shares\nE1;split;1/7/2025;A;"0,6;0,4"\n',
        },
    )
    ds = io.read_csv_dir(directory).dataset
    assert ds.events == (
        ChangeEvent(
            id="E1", kind=EventKind.SPLIT, date=D(2025, 7, 1), originals=("A",), shares=(0.6, 0.4)
        ),
    )


def test_office_workbook_gets_the_same_reading(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "units"
    sheet.append(["Mã đơn vị", "Tên đơn vị", "Cấp", "Đơn vị cấp trên", "Từ ngày"])
    sheet.append(["HN", "Hà Nội", "LĐLĐ thành phố", None, None])
    sheet.append(["HK", "Hoàn Kiếm", "LĐLĐ quận", "HN", 45474])  # a date typed as "General"
    book.save(tmp_path / "h.xlsx")
    ds = io.read(tmp_path / "h.xlsx").dataset
    assert [u.kind for u in ds.units] == ["provincial", "district"]
    assert ds.links == (Link(child="HK", parent="HN", valid_from=D(2024, 7, 1)),)


def test_header_with_semicolons_still_reads_as_commas(tmp_path: Path) -> None:
    attributes = {"a;b;c;d;e;f;g;h": "x", "sep=;": "y", "tab\there": "z"}
    ds = Dataset(units=[Unit(id="A", name="A", kind="team", attributes=attributes)])
    io.write_csv_dir(ds, tmp_path)
    again = io.read_csv_dir(tmp_path)
    assert again.report.ok, str(again.report)
    assert again.dataset == ds
    write_csv_table(tmp_path / "one.csv", [""], [["v"]])
    assert (tmp_path / "one.csv").read_text(encoding="utf-8") == '""\nv\n'


def test_a_plain_name_header_is_the_name(tmp_path: Path) -> None:
    directory = _dir(
        tmp_path,
        {
            "units.csv": "Mã đơn vị,Tên,Cấp\nHN,Hà Nội,provincial\n",
            "groups.csv": "id,Tên,kind\nC,Cụm,cụm\n",
        },
    )
    result = io.read_csv_dir(directory)
    assert result.report.ok, str(result.report)
    assert (result.dataset.units[0].name, result.dataset.groups[0].name) == ("Hà Nội", "Cụm")
