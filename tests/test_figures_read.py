"""Reading figures: CSV, Excel, pandas and polars; every bad cell is a problem with a pointer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import polars as pl
import pytest

from thidua.datasets import hanoi_path
from thidua.errors import UnreadableInputError
from thidua.figures import (
    BUILTIN_INDICATORS,
    FIGURE_COLUMNS,
    Aggregation,
    Figure,
    Figures,
    FiguresReading,
    Indicator,
    Scope,
    figures_from_pandas,
    figures_from_polars,
    figures_from_records,
    read_figures_csv,
    read_figures_excel,
)
from thidua.periods import Period
from thidua.problems import Pointer, Severity

DATA = Path(__file__).parent / "data" / "figures"


def write(tmp_path: Path, text: str, name: str = "figures.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(result: object) -> list[tuple[str, str]]:
    report = result.report  # type: ignore[attr-defined]
    return [(p.code, str(p.pointer)) for p in report]


# -- the Vietnamese file --------------------------------------------------------------


def test_vietnamese_headers_numbers_periods_and_scopes() -> None:
    result = read_figures_csv(DATA / "figures_vi.csv")
    assert result.report.ok, str(result.report)
    rows = list(result.figures)
    assert [(f.unit, f.indicator, str(f.period), f.value, f.scope) for f in rows] == [
        ("G1", "new_members", "2024", 1585.0, Scope.OWN),
        ("G1", "initiative_benefit", "2024", 1.5, Scope.OWN),
        ("G1", "works_completed", "2024", 31.0, Scope.OWN),
        ("G1", "members", "2024-Q4", 56.0, Scope.OWN),
        ("G1", "people_honoured", "2024-EY", None, Scope.OWN),
        ("HN", "new_members", "2024-H1", 2000.0, Scope.TOTAL),
        ("HN", "membership_rate", "2024", 87.5, Scope.TOTAL),
    ]
    assert rows[2].plan == 20.0
    assert [f.plan for f in rows if f.indicator != "works_completed"] == [None] * 6
    assert rows[4].keys == frozenset({"P000123", "P000581"})
    assert rows[0].source == "Báo cáo 12/BC-CĐCS"
    assert rows[3].source is None


def test_origins_point_at_the_rows_as_written_blank_rows_counted() -> None:
    figs = read_figures_csv(DATA / "figures_vi.csv").figures
    assert figs.origins[0] == Pointer(file="figures_vi.csv", row=2)
    # the blank line 6 is skipped but still counted
    assert figs.origins[4].row == 7
    assert str(figs.origins[4].at("value")) == "figures_vi.csv row 7, column Số liệu"
    assert figs.row(4).origin == figs.origins[4]
    assert len(figs.origins) == len(figs)
    assert 3 in figs.origins
    assert 99 not in figs.origins
    with pytest.raises(KeyError):
        figs.origins[99]


def test_hanoi_sample_reads_cleanly() -> None:
    result = read_figures_csv(hanoi_path() / "figures.csv")
    assert result.report.ok
    assert len(result.figures) > 4000
    assert "people_honoured" in result.figures.indicators
    assert len(result.figures.key_sets) > 0


# -- reader problems, each with its exact pointer -------------------------------------------


def test_bad_cells_are_problems_and_good_rows_still_load() -> None:
    result = read_figures_csv(DATA / "figures_bad.csv")
    assert problems(result) == [
        ("F009", "figures_bad.csv row 3, column value"),
        ("F010", "figures_bad.csv row 4, column period"),
        ("S004", "figures_bad.csv row 5, column unit"),
        ("F007", "figures_bad.csv row 6, column value"),
        ("F007", "figures_bad.csv row 7, column value"),
        ("S006", "figures_bad.csv row 8, column scope"),
        ("F009", "figures_bad.csv row 9, column value"),
        ("F009", "figures_bad.csv row 12, column value"),
    ]
    figs = result.figures
    assert [(f.unit, f.indicator, f.value, f.keys) for f in figs] == [
        ("G1", "new_members", 12.0, None),
        ("G3", "custom_keys", None, frozenset({"P9"})),
        ("G3", "custom_number", 1585.0, None),
    ]
    assert [f.origin.row for f in figs if f.origin] == [2, 10, 11]


def test_problem_messages_name_the_cell() -> None:
    report = read_figures_csv(DATA / "figures_bad.csv").report
    messages = [p.message for p in report]
    assert messages[0].startswith("cannot read number '12abc'")
    assert messages[1].startswith("cannot read period 'quý V/2025'")
    assert messages[2] == "the unit is empty; the row is not read"
    assert messages[3] == (
        "indicator 'people_honoured' (Người được khen thưởng) counts keys "
        "(written separated by ';'), not a number: '5'"
    )
    assert messages[4] == (
        "indicator 'new_members' (Phát triển đoàn viên mới) takes a number, not keys: 'P1;P2'"
    )
    assert "tong cong" in messages[5]
    assert messages[6] == "the value of indicator 'dialogues' (Đối thoại tại nơi làm việc) is empty"
    assert "the written 150%" in messages[7]
    assert [p.subject for p in report] == ["G1", "G1", None, "G2", "G2", "G2", "G2", "G3"]
    assert all(p.severity is Severity.ERROR for p in report)


def test_f009_unreadable_value_pointer(tmp_path: Path) -> None:
    path = write(tmp_path, "Đơn vị,Chỉ tiêu,Kỳ,Giá trị\nG1,dialogues,2025,ba\n")
    result = read_figures_csv(path)
    assert problems(result) == [("F009", "figures.csv row 2, column Giá trị")]
    assert len(result.figures) == 0


def test_f010_unreadable_period_pointer(tmp_path: Path) -> None:
    path = write(tmp_path, "unit,indicator,Kỳ báo cáo,value\nG1,dialogues,2024-2025,1\n")
    result = read_figures_csv(path)
    assert problems(result) == [("F010", "figures.csv row 2, column Kỳ báo cáo")]
    assert "ambiguous" in result.report[0].message


def test_f007_reader_type_mismatch_pointer(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "unit,indicator,period,Số liệu\nG1,enterprises_involved,2025,12\nG1,dialogues,2025,a;b\n",
    )
    assert problems(read_figures_csv(path)) == [
        ("F007", "figures.csv row 2, column Số liệu"),
        ("F007", "figures.csv row 3, column Số liệu"),
    ]


def test_every_bad_cell_of_a_row_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "unit,indicator,period,value,scope\nG1,,Q9,x,nope\n")
    assert problems(read_figures_csv(path)) == [
        ("S004", "figures.csv row 2, column indicator"),
        ("F010", "figures.csv row 2, column period"),
        ("S006", "figures.csv row 2, column scope"),
    ]


def test_s002_missing_required_column(tmp_path: Path) -> None:
    path = write(tmp_path, "unit,indicator,period\nG1,dialogues,2025\n")
    result = read_figures_csv(path)
    assert problems(result) == [("S002", "figures.csv row 1")]
    assert "'value' or 'Giá trị' or 'Số liệu'" in result.report[0].message
    assert len(result.figures) == 0


def test_s008_duplicate_column_and_s007_unknown_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "unit,Đơn vị,indicator,period,value,Ghi chú\nG1,G9,dialogues,2025,1,xyz\n",
    )
    result = read_figures_csv(path)
    assert problems(result) == [
        ("S008", "figures.csv row 1, column Đơn vị"),
        ("S007", "figures.csv row 1, column Ghi chú"),
    ]
    assert result.report[1].severity is Severity.WARNING
    assert [f.unit for f in result.figures] == ["G1"]


def test_empty_file_and_header_only(tmp_path: Path) -> None:
    empty = read_figures_csv(write(tmp_path, "", "empty.csv"))
    assert [p.code for p in empty.report] == ["S002"] * 4
    header = read_figures_csv(write(tmp_path, "unit,indicator,period,value\n", "h.csv"))
    assert header.report.ok
    assert len(header.figures) == 0


def test_undecodable_is_s001_and_missing_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_bytes(b"unit,indicator,period,value\n\x81\xf4ng \xd0a,x,2025,1\n")
    result = read_figures_csv(path)
    assert problems(result) == [("S001", "figures.csv")]
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"unit\x00,\xd0\n")  # NUL bytes and not UTF-8: binary
    assert [p.code for p in read_figures_csv(nul).report] == ["S001"]
    book = tmp_path / "book.csv"
    book.write_bytes(b"PK\x03\x04\x14\x00")
    assert "zip" in read_figures_csv(book).report[0].message
    with pytest.raises(UnreadableInputError):
        read_figures_csv(tmp_path / "nope.csv")


def test_ragged_rows_fall_back_to_the_csv_module(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "unit,indicator,period,value\nG1,dialogues,2025,1,extra\nG2,dialogues,2025\n",
    )
    result = read_figures_csv(path)
    assert [(f.unit, f.value) for f in result.figures] == [("G1", 1.0)]
    assert sorted(problems(result)) == [
        ("F009", "figures.csv row 3, column value"),
        ("S007", "figures.csv row 2"),  # the extra cell is named, never dropped silently
    ]


def test_csv_module_path_matches_the_columnar_path(tmp_path: Path) -> None:
    from thidua.figures._read import _read_csv_bytes

    data = (DATA / "figures_bad.csv").read_bytes()
    expected = read_figures_csv(DATA / "figures_bad.csv")
    fallback = _read_csv_bytes(
        data,
        name="figures_bad.csv",
        source="figures_bad.csv",
        encoding=None,
        catalogue=BUILTIN_INDICATORS,
        columnar=False,
    )
    assert fallback.figures == expected.figures
    assert fallback.report == expected.report
    assert problems(read_figures_csv(write(tmp_path, ""))) == [("S002", "figures.csv row 1")] * 4


def test_whitespace_and_nfd_ids_are_normalised(tmp_path: Path) -> None:
    nfd = "Đống Đa".replace("ố", "o\u0302\u0301")
    path = write(
        tmp_path,
        f"unit,indicator,period,value,source\n  G1 ,dialogues, 2025 , 1 ,{nfd}\n"
        "G1,dialogues,2025-Q1,2,\n",
    )
    figs = read_figures_csv(path).figures
    assert figs.units == ("G1",)
    assert figs.row(0).value == 1.0
    assert figs.row(0).source == "Đống Đa"
    assert figs.sources == ("Đống Đa", None)


def test_unknown_indicator_loads_numbers_and_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'unit,indicator,period,value\nG1,x,2025,"1,5"\nG1,y,2025,K1\nG1,z,2025,K1;K2\nG1,w,2025,\n',
    )
    result = read_figures_csv(path)
    assert [(f.value, f.keys) for f in result.figures] == [
        (1.5, None),
        (None, frozenset({"K1"})),
        (None, frozenset({"K1", "K2"})),
    ]
    assert problems(result) == [("F009", "figures.csv row 5, column value")]


def test_custom_catalogue_decides_numbers_or_keys(tmp_path: Path) -> None:
    catalogue = BUILTIN_INDICATORS.extend(
        [Indicator(code="donors", name="Người hiến máu", aggregation=Aggregation.DISTINCT)]
    )
    path = write(tmp_path, "unit,indicator,period,value\nG1,donors,2025,;\nG1,donors,2025,12\n")
    result = read_figures_csv(path, catalogue=catalogue)
    assert [f.keys for f in result.figures] == [frozenset()]
    assert problems(result) == [("F007", "figures.csv row 3, column value")]


def test_distinct_empty_cell_is_an_empty_key_set(tmp_path: Path) -> None:
    path = write(tmp_path, "unit,indicator,period,value\nG1,people_honoured,2025,\n")
    assert [f.keys for f in read_figures_csv(path).figures] == [frozenset()]


def test_plan_column_and_actual_plan_cells(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "unit,indicator,period,value,Kế hoạch\n"
        "G1,works_completed,2025,31,20\n"
        "G2,works_completed,2025,31/20,20\n"
        "G3,works_completed,2025,31/20,25\n"
        "G4,works_completed,2025,31,hai\n"
        "G5,people_honoured,2025,P1,3\n"
        "G6,works_completed,2025,31,\n",
    )
    result = read_figures_csv(path)
    assert [(f.unit, f.value, f.plan) for f in result.figures] == [
        ("G1", 31.0, 20.0),
        ("G2", 31.0, 20.0),
        ("G6", 31.0, None),
    ]
    assert problems(result) == [
        ("F009", "figures.csv row 4, column Kế hoạch"),
        ("F009", "figures.csv row 5, column Kế hoạch"),
        ("F007", "figures.csv row 6, column Kế hoạch"),
    ]
    assert result.report[0].message == (
        "the plan column says 25 but the value cell '31/20' gives plan 20"
    )


def test_scope_aliases(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "unit,indicator,period,value,scope\n"
        "A,x,2025,1,own\nB,x,2025,1,TOTAL\nC,x,2025,1,Riêng\nD,x,2025,1,tổng hợp\n"
        "E,x,2025,1,Tổng\nF,x,2025,1,\n",
    )
    figs = read_figures_csv(path).figures
    assert figs.scope_codes.tolist() == [0, 1, 0, 1, 1, 0]


def test_column_aliases_cover_the_brief() -> None:
    assert set(FIGURE_COLUMNS) >= {"unit", "indicator", "period", "value", "source", "scope"}
    assert "Mã đơn vị" in FIGURE_COLUMNS["unit"]
    assert "Kỳ báo cáo" in FIGURE_COLUMNS["period"]
    assert "Số liệu" in FIGURE_COLUMNS["value"]


def test_number_cells(tmp_path: Path) -> None:
    cells = ["1.585", '"1,5"', "0.75", "1e-05", "12.000.000", '"1.585,25"', "-3", "1.5850", "+7"]
    text = "unit,indicator,period,value\n" + "".join(
        f"G{i},initiative_benefit,2025,{c}\n" for i, c in enumerate(cells)
    )
    figs = read_figures_csv(write(tmp_path, text)).figures
    assert [f.value for f in figs] == [
        1585.0,
        1.5,
        0.75,
        1e-05,
        12_000_000.0,
        1585.25,
        -3.0,
        1.585,
        7.0,
    ]


def test_many_rows_use_the_columnar_path(tmp_path: Path) -> None:
    n = 25_000
    lines = [f"G{i % 97},dialogues,2025-Q{i % 4 + 1},{i}\n" for i in range(n)]
    lines[123] = "G1,dialogues,2025-Q9,1\n"
    path = write(tmp_path, "unit,indicator,period,value\n" + "".join(lines))
    result = read_figures_csv(path)
    assert len(result.figures) == n - 1
    assert problems(result) == [("F010", "figures.csv row 125, column period")]
    assert len(result.figures.units) == 97
    assert result.figures.values[:3].tolist() == [0.0, 1.0, 2.0]


# -- Excel --------------------------------------------------------------------------------


def _workbook(tmp_path: Path, rows: list[list[object]], sheet: str = "figures") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    path = tmp_path / "figures.xlsx"
    book.save(path)
    return path


def test_excel_numbers_stay_numbers_and_text_follows_csv_rules(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        [
            ["Đơn vị", "Chỉ tiêu", "Kỳ", "Giá trị", "Phạm vi"],
            [101, "initiative_benefit", 2025, 1.585, None],
            ["G2", "new_members", "quý I/2025", "1.585", "tổng"],
            [None, None, None, None, None],
            ["G3", "people_honoured", "2025", "P1;P2", None],
            ["G4", "new_members", "2025", "x", None],
        ],
    )
    result = read_figures_excel(path)
    assert [(f.unit, str(f.period), f.value, f.keys, f.scope) for f in result.figures] == [
        ("101", "2025", 1.585, None, Scope.OWN),
        ("G2", "2025-Q1", 1585.0, None, Scope.TOTAL),
        ("G3", "2025", None, frozenset({"P1", "P2"}), Scope.OWN),
    ]
    assert problems(result) == [("F009", "figures.xlsx sheet figures row 6, column Giá trị")]


def test_excel_missing_sheet_and_not_a_workbook(tmp_path: Path) -> None:
    path = _workbook(tmp_path, [["unit"]], sheet="other")
    result = read_figures_excel(path)
    assert [p.code for p in result.report] == ["S001"]
    assert "no sheet 'figures'" in result.report[0].message
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_text("not a workbook", encoding="utf-8")
    assert [p.code for p in read_figures_excel(bogus).report] == ["S001"]
    with pytest.raises(UnreadableInputError):
        read_figures_excel(tmp_path / "none.xlsx")


def test_excel_header_problems(tmp_path: Path) -> None:
    path = _workbook(tmp_path, [["unit", "indicator", "value"], ["G1", "x", 1]])
    assert problems(read_figures_excel(path)) == [("S002", "figures.xlsx sheet figures row 1")]


# -- pandas and polars -------------------------------------------------------------------


def test_pandas_text_numeric_and_categorical_columns() -> None:
    df = pd.DataFrame(
        {
            "unit": pd.Categorical(["G1", "G2", "G3", None]),
            "indicator": ["dialogues", "dialogues", "people_honoured", "dialogues"],
            "period": ["2025", "quý II/2025", "2025", "2025"],
            "value": ["1.585", "2", "P1;P2", "3"],
            "scope": ["own", "tổng", None, "own"],
        }
    )
    result = figures_from_pandas(df)
    assert [(f.unit, f.value, f.keys, f.scope) for f in result.figures] == [
        ("G1", 1585.0, None, Scope.OWN),
        ("G2", 2.0, None, Scope.TOTAL),
        ("G3", None, frozenset({"P1", "P2"}), Scope.OWN),
    ]
    assert problems(result) == [("S004", "<input> row 5, column unit")]


def test_pandas_numeric_values_nan_and_inf() -> None:
    df = pd.DataFrame(
        {
            "unit": ["G1", "G2", "G3", "G4"],
            "indicator": ["dialogues", "dialogues", "people_honoured", "people_honoured"],
            "period": ["2025"] * 4,
            "value": [1.0, np.nan, np.inf, np.nan],
        }
    )
    result = figures_from_pandas(df)
    assert [(f.unit, f.keys) for f in result.figures] == [("G1", None), ("G4", frozenset())]
    assert problems(result) == [
        ("F009", "<input> row 3, column value"),
        ("F007", "<input> row 4, column value"),
    ]


def test_pandas_keys_column() -> None:
    df = pd.DataFrame(
        {
            "unit": ["G1", "G2", "G3"],
            "indicator": ["people_honoured", "dialogues", "people_honoured"],
            "period": ["2025"] * 3,
            "value": [np.nan, np.nan, 3.0],
            "keys": [frozenset({"P1"}), {"P2"}, ["P3"]],
        }
    )
    result = figures_from_pandas(df)
    assert [f.keys for f in result.figures] == [frozenset({"P1"})]
    assert problems(result) == [
        ("F007", "<input> row 3, column keys"),
        ("F007", "<input> row 4, column keys"),
    ]
    assert result.report[0].message.endswith("takes a number, not keys: 'P2'")
    assert "both a value and keys" in result.report[1].message


def test_pandas_missing_column() -> None:
    result = figures_from_pandas(pd.DataFrame({"unit": ["G1"], "indicator": ["x"]}))
    assert [p.code for p in result.report] == ["S002", "S002"]
    assert str(result.report[0].pointer) == "<input> row 1"


def test_polars_columns_of_every_kind() -> None:
    df = pl.DataFrame(
        {
            "Mã đơn vị": [101, 102, 103, None],
            "indicator": pl.Series(["dialogues", "dialogues", "people_honoured", "x"]).cast(
                pl.Categorical
            ),
            "period": pl.Series(["2025", "2025-Q1", "2025", "2025"]).cast(
                pl.Enum(["2025", "2025-Q1"])
            ),
            "value": [1, None, None, 4],
            "keys": [None, None, ["P1", "P2"], None],
            "scope": [None, None, None, None],
        }
    )
    result = figures_from_polars(df)
    assert [(f.unit, str(f.period), f.value, f.keys) for f in result.figures] == [
        ("101", "2025", 1.0, None),
        ("103", "2025", None, frozenset({"P1", "P2"})),
    ]
    assert problems(result) == [
        ("F009", "<input> row 3, column value"),
        ("S004", "<input> row 5, column Mã đơn vị"),
    ]


def test_polars_text_values_and_list_ids() -> None:
    df = pl.DataFrame(
        {
            "unit": ["G1", "G2"],
            "indicator": ["dialogues", "dialogues"],
            "period": ["2025", "2025"],
            "value": ["1,5", "x"],
            "source": [["a"], ["b"]],
        }
    )
    result = figures_from_polars(df)
    assert [f.value for f in result.figures] == [1.5]
    assert [f.source for f in result.figures] == ["a"]
    assert problems(result) == [("F009", "<input> row 3, column value")]


def test_polars_empty_and_missing_column() -> None:
    empty = pl.DataFrame(
        {"unit": [], "indicator": [], "period": [], "value": []},
        schema={"unit": pl.String, "indicator": pl.String, "period": pl.String, "value": pl.Int64},
    )
    result = figures_from_polars(empty)
    assert len(result.figures) == 0
    assert result.report.ok
    assert [p.code for p in figures_from_polars(pl.DataFrame({"unit": ["G1"]})).report] == [
        "S002"
    ] * 3


def test_polars_null_only_text_column() -> None:
    df = pl.DataFrame(
        {"unit": [None], "indicator": ["x"], "period": ["2025"], "value": [1.0]},
        schema={
            "unit": pl.String,
            "indicator": pl.String,
            "period": pl.String,
            "value": pl.Float64,
        },
    )
    assert problems(figures_from_polars(df)) == [("S004", "<input> row 2, column unit")]


def test_figures_from_records_is_from_records() -> None:
    fig = Figure(unit="G1", indicator="dialogues", period=Period.year(2025), value=2)
    assert figures_from_records([fig]) == Figures.from_records([fig])


def test_more_number_cells(tmp_path: Path) -> None:
    cells = [" 1.585 ", "inf", "1_000", "١٢"]
    text = "unit,indicator,period,value\n" + "".join(
        f"G{i},initiative_benefit,2025,{c}\n" for i, c in enumerate(cells)
    )
    result = read_figures_csv(write(tmp_path, text))
    assert [f.value for f in result.figures] == [1585.0]
    assert [p.code for p in result.report] == ["F009"] * 3


def test_pandas_columns_of_python_objects() -> None:
    df = pd.DataFrame(
        {
            "unit": ["G1", "G2"],
            "indicator": ["dialogues", "dialogues"],
            "period": [Period.year(2025), Period.quarter(2025, 1)],
            "value": [1.0, np.inf],
            "scope": [Scope.TOTAL, Scope.OWN],
        }
    )
    result = figures_from_pandas(df)
    assert [(str(f.period), f.scope) for f in result.figures] == [("2025", Scope.TOTAL)]
    assert result.report[0].message == "the value is not finite: inf"


def test_polars_codes_from_a_large_global_category_table() -> None:
    pl.Series([f"warm-up {i}" for i in range(20_000)]).cast(pl.Categorical)
    df = pl.DataFrame(
        {
            "unit": ["fresh unit A", None, "fresh unit B"],
            "indicator": ["dialogues"] * 3,
            "period": ["2025"] * 3,
            "value": [1, 2, 3],
        }
    )
    result = figures_from_polars(df)
    assert [f.unit for f in result.figures] == ["fresh unit A", "fresh unit B"]
    assert problems(result) == [("S004", "<input> row 3, column unit")]


def test_a_number_beyond_a_float_is_f009_not_infinity(tmp_path: Path) -> None:
    # 401 digits once read as inf and rolled up as inf, with no problem.
    path = tmp_path / "figures.csv"
    huge = "9" * 401
    path.write_text(
        f"unit,indicator,period,value\nA,new_members,2024,{huge}\n"
        f"B,new_members,2024,1.{'000.' * 110}000\nC,new_members,2024,5\n",
        encoding="utf-8",
    )
    result = read_figures_csv(path)
    assert [(p.code, str(p.pointer)) for p in result.report] == [
        ("F009", "figures.csv row 2, column value"),
        ("F009", "figures.csv row 3, column value"),
    ]
    assert [f.value for f in result.figures] == [5.0]


def test_a_reading_in_the_background_gives_what_the_read_gives(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    lines = ["Mã đơn vị;Mã chỉ tiêu;Kỳ báo cáo;Giá trị"]
    lines += [f"G{i};new_members;2024;{i}.585" for i in range(2_000)]
    lines += ["G1;new_members;2024;x", "G2;people_honoured;2024;P1;P2"]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))
    catalogue = BUILTIN_INDICATORS
    direct = read_figures_csv(path, catalogue=catalogue)
    background = FiguresReading(path).result(catalogue)
    assert background.figures == direct.figures
    assert background.report == direct.report
    assert [str(p.pointer) for p in background.report] == [str(p.pointer) for p in direct.report]
    assert background.figures.values[1] == 1585.0  # "1.585": thousands, the Vietnamese way


def test_a_reading_in_the_background_raises_when_the_result_is_asked(tmp_path: Path) -> None:
    missing = FiguresReading(tmp_path / "figures.csv")  # the thread fails, nothing raised yet
    with pytest.raises(UnreadableInputError, match=r"figures\.csv"):
        missing.result()
    with pytest.raises(UnreadableInputError, match="unknown encoding"):
        FiguresReading(tmp_path / "figures.csv", encoding="no-such-codec")
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(
        "unit,indicator,period,value\nĐông Anh,new_members,2024,3\n".encode("cp1258")
    )
    got = FiguresReading(legacy).result()  # not UTF-8: decoded, then read as read_figures_csv does
    assert [(f.unit, f.value) for f in got.figures] == [("Đông Anh", 3.0)]
    assert [p.code for p in got.report] == [p.code for p in read_figures_csv(legacy).report]
