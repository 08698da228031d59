"""The columnar figures reader (pyarrow) against the row-wise one (csv module, per-cell rules).

The columnar path must give, for every input, exactly what the per-cell rules
give: the same number, class and plan for every value cell, the same figures
and the same problems with the same pointers for every file.
"""

from __future__ import annotations

import math
import random
import struct
import unicodedata
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.fuzz._targets import mutate_figures
from thidua.figures import (
    BUILTIN_INDICATORS,
    Figures,
    FiguresResult,
    read_figures_csv,
    write_figures_csv,
)
from thidua.figures._arrow import classify_values, id_texts, parse, prepare, prepare_file
from thidua.figures._assembly import _FEW_VALUES
from thidua.figures._cells import _EMPTY, _NUM, _Cell, _classify, _id_text
from thidua.figures._columns import _Col
from thidua.figures._read import _read_csv_bytes
from thidua.periods import Period
from thidua.values import number_words

# -- one value cell ---------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        *"0123456789",
        *"0123456789",
        ".",
        ",",
        "-",
        "+",
        " ",
        "\u00a0",
        "e",
        "E",
        "%",
        "/",
        "(",
        ")",
        ";",
        "_",
        "\u2212",
        "x",
        "P",
        "inf",
        "nan",
        "tỷ",
        "triệu",
        " đồng",
        "người",
        "\t",
        "\u0301",
    ]
)
_CELLS = st.one_of(
    st.lists(_PIECES, max_size=12).map("".join),
    st.from_regex(r"-?[0-9]{1,3}(\.[0-9]{3}){0,4}(,[0-9]{1,4})?", fullmatch=True),
    st.from_regex(r"-?[0-9]{1,30}([.,][0-9]{1,30})?", fullmatch=True),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.text(max_size=8),
)
_WEIRD = [
    "1.585",
    "-1.585",
    "0.585",
    "00.585",
    "012.585",
    "1.585,5",
    "1.585.000",
    "1,585,000",
    "12,5",
    "-0",
    "-0.000",
    "+5",
    " 5",
    "5 ",
    "1e5",
    "inf",
    "nan",
    "1_000",
    "",
    "   ",
    "P1;P2",
    "31/20 (155%)",
    "1.234.567.890.123.456.789.012.345,5",
    "9" * 40,
    "0," + "1" * 40,
    "50%",
    "3 tỷ",
    "١٢",  # Arabic-Indic digits: float() reads them, the rules do not take them as plain
    "１２",  # full-width digits
]


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


def _cell_key(cell: _Cell) -> tuple[object, ...]:
    return (cell.kind, _bits(cell.number), _bits(cell.plan), cell.keys, cell.text, cell.reason)


def _same_classes(texts: list[str]) -> None:
    unique = list(dict.fromkeys(texts))
    numbers, kinds, plans, cells = classify_values(pa.array(unique, type=pa.string()))
    ref_numbers, ref_kinds, ref_plans, ref_cells = _classify(unique)
    assert kinds.tolist() == ref_kinds.tolist()
    assert [_bits(x) for x in numbers.tolist()] == [_bits(x) for x in ref_numbers.tolist()]
    assert [_bits(x) for x in plans.tolist()] == [_bits(x) for x in ref_plans.tolist()]
    for j, text in enumerate(unique):
        if j in cells and j in ref_cells:
            assert _cell_key(cells[j]) == _cell_key(ref_cells[j]), text
        elif j in ref_cells:  # read by rule there, as a plain number here: no words, no keys
            cell = ref_cells[j]
            assert cell.kind in (_NUM, _EMPTY), text
            assert not number_words(cell.text), text
            assert cell.text == text.strip(), text
            assert not cell.keys, text
            assert not cell.reason, text
        else:
            assert j not in cells or cells[j].kind != _NUM or math.isfinite(cells[j].number)


@settings(max_examples=400, deadline=None)
@given(st.lists(_CELLS, min_size=1, max_size=20))
@example(_WEIRD)
def test_vectorised_value_rules_match_the_per_cell_rules(texts: list[str]) -> None:
    _same_classes(texts)


def test_every_weird_cell_alone() -> None:
    for text in _WEIRD:
        _same_classes([text])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.text(max_size=6), st.sampled_from(["G1", " G1", "G1 ", "Ð", ""])), max_size=12
    )
)
def test_vectorised_id_rules_match_the_per_cell_rules(texts: list[str]) -> None:
    unique = list(dict.fromkeys(texts))
    col = _Col(np.zeros(0, dtype=np.int64), unique, pa.array(unique, type=pa.string()))
    assert id_texts(col) == [_id_text(u) or None for u in unique]


# -- whole files ------------------------------------------------------------------------------


def _both(data: bytes, encoding: str | None = None) -> tuple[FiguresResult, FiguresResult]:
    def read(columnar: bool) -> FiguresResult:
        return _read_csv_bytes(
            data,
            name="figures.csv",
            source="figures.csv",
            encoding=encoding,
            catalogue=BUILTIN_INDICATORS,
            columnar=columnar,
        )

    return read(True), read(False)


def _assert_same(fast: FiguresResult, slow: FiguresResult) -> None:
    assert fast.report == slow.report
    assert fast.figures == slow.figures
    assert [str(p.pointer) for p in fast.report] == [str(p.pointer) for p in slow.report]
    a, b = fast.figures, slow.figures
    assert [a.origins.get(i) for i in range(len(a))] == [b.origins.get(i) for i in range(len(b))]
    assert [_bits(x) for x in a.values.tolist()] == [_bits(x) for x in b.values.tolist()]
    # The distinct texts in the same order: the parser's own numbering is not leaked.
    assert (list(a.units), list(a.indicators), list(a.periods)) == (
        list(b.units),
        list(b.indicators),
        list(b.periods),
    )


def test_fuzzed_figure_files_read_the_same_both_ways() -> None:
    rng = random.Random(20261202)
    for _ in range(300):
        inp = mutate_figures(rng, "figures_csv")
        (_, data), *_ = inp.files
        _assert_same(*_both(data))


def test_files_read_in_place_as_their_bytes_say(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "figures.csv"
    in_place = 0
    for _ in range(150):
        inp = mutate_figures(rng, "figures_csv")
        (_, data), *_ = inp.files
        path.write_bytes(data)
        prepared = prepare_file(path, None)
        in_place += prepared is not None and parse(prepared) is not None
        _assert_same(read_figures_csv(path), _both(data)[1])
    assert in_place > 50  # most files are read by pyarrow where they lie


_LINES = [
    "unit,indicator,period,value,source,scope",
    "G1,new_members,2024,1.585,BC-1,own",
    "G2,new_members,năm 2024,12,,riêng",
    'G3,new_members,2024,"1.585,5",,own',
    "G4,new_members,quý V/2024,3,,own",
    ",new_members,2024,3,,own",
    "G5,people_honoured,2024,P1;P2,,own",
    "G6,new_members,2024,50 người,,total",
    'G7,"new_members",2024,"3","Nguồn ""A"", B",own',
    "G8,new_members,2024,,,own",
    "",
    ",,,,,",
    "G9,new_members,2024,1e3,,own",
    # Cells that read like the header: the parser numbers the header's texts first.
    "unit,indicator,period,value,source,scope",
    "unit,new_members,2024,4,source,own",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_LINES[1:]), max_size=8),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.booleans(),
)
def test_generated_files_read_the_same_both_ways(
    lines: list[str], sep: str, newline: str, bom: bool, sep_line: bool
) -> None:
    rows = [_LINES[0], *lines]
    if sep != ",":
        rows = [r.replace(",", sep) for r in rows]
    text = newline.join(rows) + newline
    if sep_line:
        text = f"sep={sep}{newline}" + text
    data = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
    _assert_same(*_both(data))


def test_a_header_text_far_down_a_large_file_reads_the_same_both_ways() -> None:
    # Several parser blocks (each with its own dictionary, unified); the header's text
    # "unit" first appears as a cell after thousands of other units.
    lines = ["unit,indicator,period,value,source,scope"]
    lines += [f"G{i:05d},new_members,2024,{i % 7},BC-{i % 3},own" for i in range(30_000)]
    lines += ["unit,new_members,2024,5,source,own", "G00001,dialogues,2024,1,,own"]
    data = ("\n".join(lines) + "\n").encode()
    fast, slow = _both(data)
    _assert_same(fast, slow)
    assert list(fast.figures.units)[-1:] == ["unit"]
    assert len(fast.figures) == 30_002


def test_many_distinct_values_take_the_vectorised_rules_and_read_the_same() -> None:
    # Beyond _FEW_VALUES distinct value texts the columnar reader classifies them with
    # Arrow's kernels (below, with the per-cell rules, as the row reader does).
    forms = ["{i}", "{i}.5", "1.{k:03d}", '"{i},25"', "-{i}", "{i} người", "x{i}", "31/{i}"]
    lines = ["unit,indicator,period,value"]
    lines += [
        f"G{i:05d},new_members,2024,{forms[i % len(forms)].format(i=i, k=i % 1000)}"
        for i in range(2 * _FEW_VALUES)
    ]
    lines += ["G1,people_honoured,2024,P1;P2", "G2,people_honoured,2024,"]
    data = ("\n".join(lines) + "\n").encode()
    fast, slow = _both(data)
    _assert_same(fast, slow)
    assert len(fast.figures) > _FEW_VALUES
    assert fast.figures.values[3] == 3.25  # "3,25": a Vietnamese decimal comma
    assert {p.code for p in fast.report} >= {"F009"}


def test_quoted_newlines_and_crlf_read_the_same_both_ways() -> None:
    data = (
        'unit,indicator,period,value,source\r\nG1,new_members,2024,1,"dòng\r\nhai"\r\n'
        'G2,new_members,2024,2,"a\nb"\r\n\r\nG3,new_members,2024,3,x\r\n'
    ).encode()
    fast, slow = _both(data)
    _assert_same(fast, slow)
    assert [f.source for f in fast.figures] == ["dòng\r\nhai", "a\nb", "x"]
    assert [o.row for o in fast.figures.origins.values()] == [2, 3, 5]


# -- pointers of bad cells, in office files ---------------------------------------------------


def _encode(text: str, encoding: str) -> bytes:
    """*text* as an office program saves it: in cp1258, tones as combining marks."""
    if encoding != "cp1258":
        return text.encode(encoding)

    def char(c: str) -> bytes:
        try:
            return c.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.decomposition(c).split()
            return b"".join(char(chr(int(p, 16))) for p in parts)

    return b"".join(char(c) for c in text)


def _pointers(result: FiguresResult) -> list[tuple[str, str | None, int | None, str | None]]:
    return [
        (p.code, None if p.pointer is None else p.pointer.file, p.pointer.row, p.pointer.column)
        for p in result.report
        if p.pointer is not None
    ]


@pytest.mark.parametrize(
    ("encoding", "bom", "sep"),
    [("utf-8", False, ","), ("utf-8", True, ";"), ("cp1258", False, ";"), ("cp1258", False, "\t")],
)
def test_pointers_of_bad_cells_in_office_files(
    tmp_path: Path, encoding: str, bom: bool, sep: str
) -> None:
    rows = [
        ["Đơn vị", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị", "Phạm vi"],
        ["G1", "new_members", "năm 2024", "1.585", "riêng"],
        [],
        ["G2", "new_members", "quý V/2024", "3", "riêng"],
        ["G3", "new_members", "2024", "mười", "riêng"],
        ["G4", "new_members", "2024", "4", "cả hai"],
    ]
    text = "\r\n".join(sep.join(r) for r in rows) + "\r\n"
    path = tmp_path / "figures.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + _encode(text, encoding))
    result = read_figures_csv(path)
    found = _pointers(result)
    expected = [
        ("F010", "figures.csv", 4, "Kỳ báo cáo"),
        ("F009", "figures.csv", 5, "Giá trị"),
        ("S006", "figures.csv", 6, "Phạm vi"),
    ]
    if encoding == "cp1258":
        assert found[0][:3] == ("S020", "figures.csv", None)
        found = found[1:]
    assert found == expected
    assert [(f.unit, f.value) for f in result.figures] == [("G1", 1585.0)]
    assert result.figures.origins[0].row == 2
    _assert_same(*_both(path.read_bytes()))


def test_given_encoding_is_transcoded_for_pyarrow(tmp_path: Path) -> None:
    text = "Đơn vị;Chỉ tiêu;Kỳ;Giá trị;Nguồn\nG1;new_members;2024;7;Báo cáo Đống Đa\n"
    path = tmp_path / "figures.csv"
    path.write_bytes(_encode(text, "cp1258"))
    result = read_figures_csv(path, encoding="cp1258")
    assert [p.code for p in result.report] == []
    assert [f.source for f in result.figures] == ["Báo cáo Đống Đa"]
    prepared = prepare(path.read_bytes(), name="f", source="f", encoding="cp1258")
    assert prepared.decoded is not None
    assert parse(prepared) is not None


def test_ragged_rows_take_the_row_wise_path(tmp_path: Path) -> None:
    data = b"unit,indicator,period,value\nG1,dialogues,2025,1,extra\nG2,dialogues,2025\n"
    prepared = prepare(data, name="f", source="f", encoding=None)
    assert parse(prepared) is None  # pyarrow refuses: the csv module reads it
    fast, slow = _both(data)
    _assert_same(fast, slow)
    assert [p.code for p in fast.report] == ["S007", "F009"]


# -- round trip -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["G1", "G2", "Công đoàn Ð", "x,y", 'q"t']),
            st.sampled_from(["new_members", "dialogues", "members"]),
            st.sampled_from([Period.year(2024), Period.quarter(2025, 2), Period.month(2024, 3)]),
            st.one_of(
                st.floats(allow_nan=False, allow_infinity=False, width=64),
                st.integers(-(10**15), 10**15).map(float),
            ),
            st.sampled_from([None, "BC-1", "Báo cáo; số 2", "lề  giữa"]),
        ),
        max_size=10,
    )
)
def test_write_then_read_is_lossless(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, str, Period, float, str | None]],
) -> None:
    figs = Figures.from_columns(
        unit=[r[0] for r in rows],
        indicator=[r[1] for r in rows],
        period=[r[2] for r in rows],
        value=[r[3] for r in rows],
        source=[r[4] for r in rows],
    )
    path = tmp_path_factory.mktemp("rt") / "figures.csv"
    write_figures_csv(figs, path)
    back = read_figures_csv(path)
    assert [p for p in back.report if p.severity.value == "error"] == []
    assert back.figures == figs
    # Every bit survives, but for the sign of zero: -0.0 is written "0" (format_figure_value).
    assert [_bits(x) for x in back.figures.values.tolist()] == [
        _bits(x + 0.0) for x in figs.values.tolist()
    ]
