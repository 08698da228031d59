"""The declarations of the indicators and figures tables (``thidua.figures._tables``).

The names derived from them keep their values, the sheet names and docs come
from them, the declared key is what the duplicate check uses, and the
declared column types read the cells as the figures and indicators readers
do (a Hypothesis round trip through CSV).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.figures import (
    AGGREGATION_ALIASES,
    DIRECTION_ALIASES,
    FIGURE_COLUMNS,
    FIGURE_TABLES,
    FIGURES_DECLARATION,
    INDICATOR_COLUMNS,
    INDICATOR_TABLE,
    INDICATORS_DECLARATION,
    Aggregation,
    Direction,
    Figure,
    IndicatorCatalogue,
    Scope,
    figures_from_records,
    read_figures_csv,
    read_figures_excel,
    read_indicators_csv,
    validate_figures,
    write_figures_csv,
    write_indicators_csv,
)
from thidua.figures._cells import _SCOPES
from thidua.figures._columns import _REQUIRED, _SPEC
from thidua.hierarchy import Hierarchy
from thidua.io import TableSpec, find_sheets, write_csv_table
from thidua.io._domain import _OWN_TABLES, DataTable, domain_tables, parse_column
from thidua.io._schema import ColumnType, TableDeclaration, replace_docs_section
from thidua.io._workbook import SHEET_ALIASES, sheet_key
from thidua.periods import Period, parse_period
from thidua.problems import Problem
from thidua.testing import tiny_dataset

from .strategies import ids, names, table_rows, tokens

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import format_tables  # noqa: E402  (the tool is a script beside the package)

# The public names as they were before the declarations (thidua 0.3).
OLD_FIGURE_COLUMNS = {
    "unit": ("Đơn vị", "Mã đơn vị"),
    "indicator": ("Chỉ tiêu", "Mã chỉ tiêu"),
    "period": ("Kỳ", "Kỳ báo cáo"),
    "value": ("Giá trị", "Số liệu"),
    "source": ("Nguồn",),
    "scope": ("Phạm vi",),
    "plan": ("Kế hoạch",),
    "keys": ("Danh sách mã",),
}
OLD_INDICATOR_COLUMNS = {
    "code": ("Mã chỉ tiêu", "Mã"),
    "name": ("Tên chỉ tiêu", "Tên"),
    "unit": ("Đơn vị tính", "ĐVT"),
    "aggregation": ("Cách tổng hợp",),
    "numerator": ("Tử số",),
    "denominator": ("Mẫu số",),
    "weight": ("Trọng số",),
    "scale": ("Hệ số",),
    "nonnegative": ("Không âm",),
    "direction": ("Chiều", "Chiều đánh giá"),
}
OLD_AGGREGATION_ALIASES = {
    "cộng": Aggregation.SUM,
    "tổng": Aggregation.SUM,
    "cuối kỳ": Aggregation.STOCK,
    "tỷ lệ": Aggregation.RATIO,
    "đếm không trùng": Aggregation.DISTINCT,
    "trung bình": Aggregation.MEAN,
    "nhỏ nhất": Aggregation.MIN,
    "lớn nhất": Aggregation.MAX,
}
OLD_DIRECTION_ALIASES = {
    "cao": Direction.HIGHER,
    "tăng": Direction.HIGHER,
    "càng cao càng tốt": Direction.HIGHER,
    "thấp": Direction.LOWER,
    "giảm": Direction.LOWER,
    "càng thấp càng tốt": Direction.LOWER,
}

# --------------------------------------------------------------------------
# The derived names keep their values
# --------------------------------------------------------------------------


def test_figure_names_are_derived_with_their_old_values() -> None:
    assert list(FIGURE_COLUMNS.items()) == list(OLD_FIGURE_COLUMNS.items())
    assert frozenset({"unit", "indicator", "period", "value"}) == _REQUIRED
    old = TableSpec(
        name="figures",
        fields=tuple(OLD_FIGURE_COLUMNS),
        required=_REQUIRED,
        aliases=OLD_FIGURE_COLUMNS,
    )
    assert _SPEC == FIGURES_DECLARATION.spec == old
    assert FIGURES_DECLARATION.fields == tuple(OLD_FIGURE_COLUMNS)
    # The scope words the reader takes (own 0, total 1), as before.
    assert _SCOPES == {"own": 0, "riêng": 0, "total": 1, "tổng": 1, "tổng hợp": 1}


def test_indicator_names_are_derived_with_their_old_values() -> None:
    assert list(INDICATOR_COLUMNS.items()) == list(OLD_INDICATOR_COLUMNS.items())
    old = TableSpec(
        name="indicators",
        fields=tuple(OLD_INDICATOR_COLUMNS),
        required=frozenset({"code", "name", "aggregation"}),
        aliases=OLD_INDICATOR_COLUMNS,
    )
    assert INDICATOR_TABLE == INDICATORS_DECLARATION.spec == old
    assert list(AGGREGATION_ALIASES.items()) == list(OLD_AGGREGATION_ALIASES.items())
    assert list(DIRECTION_ALIASES.items()) == list(OLD_DIRECTION_ALIASES.items())


def test_the_declarations_are_public_and_typed() -> None:
    import thidua.figures as figures

    for name in ("FIGURES_DECLARATION", "INDICATORS_DECLARATION", "FIGURE_TABLES"):
        assert name in figures.__all__
    assert list(FIGURE_TABLES.values()) == [INDICATORS_DECLARATION, FIGURES_DECLARATION]
    types = {c.name: c.type for c in FIGURES_DECLARATION}
    assert types == {
        "unit": ColumnType.REFERENCE,
        "indicator": ColumnType.REFERENCE,
        "period": ColumnType.CODE,
        "value": ColumnType.NUMBER,
        "source": ColumnType.CODE,
        "scope": ColumnType.ENUM,
        "plan": ColumnType.NUMBER,
        "keys": ColumnType.LIST,
    }
    assert {c.name: c.type for c in INDICATORS_DECLARATION} == {
        "code": ColumnType.ID,
        "name": ColumnType.TEXT,
        "unit": ColumnType.CODE,
        "aggregation": ColumnType.ENUM,
        "numerator": ColumnType.REFERENCE,
        "denominator": ColumnType.REFERENCE,
        "weight": ColumnType.REFERENCE,
        "scale": ColumnType.NUMBER,
        "nonnegative": ColumnType.BOOLEAN,
        "direction": ColumnType.ENUM,
    }
    assert [str(r) for r in INDICATORS_DECLARATION.references] == [
        f"indicators.{c} → indicators.code" for c in ("numerator", "denominator", "weight")
    ]
    # The io layer knows the two tables are not domain tables (it cannot import them).
    assert set(FIGURE_TABLES) <= _OWN_TABLES
    assert not set(FIGURE_TABLES) & set(domain_tables())


def test_the_figure_key_is_what_the_duplicate_check_uses() -> None:
    # Two figures differing only in one column: F004 (a duplicate) exactly
    # when that column is not in the declared key.
    hierarchy = Hierarchy(tiny_dataset())
    base = Figure(
        unit="G1",
        indicator="new_members",
        period=Period.year(2024),
        value=3,
        source="BC-1",
        scope=Scope.OWN,
    )
    changes: dict[str, dict[str, Any]] = {
        "unit": {"unit": "G2"},
        "indicator": {"indicator": "dialogues"},
        "period": {"period": Period.year(2023)},
        "value": {"value": 4},
        "source": {"source": "BC-2"},
        "scope": {"scope": Scope.TOTAL},
        "plan": {"plan": 5},
    }
    keyed = set()
    for column, change in changes.items():
        other = Figure(**{**_fields(base), **change})
        codes = {p.code for p in validate_figures(figures_from_records([base, other]), hierarchy)}
        if "F004" not in codes:
            keyed.add(column)
    assert keyed == set(FIGURES_DECLARATION.key)


def _fields(figure: Figure) -> dict[str, Any]:
    return {
        "unit": figure.unit,
        "indicator": figure.indicator,
        "period": figure.period,
        "value": figure.value,
        "source": figure.source,
        "scope": figure.scope,
        "plan": figure.plan,
    }


# --------------------------------------------------------------------------
# Sheet names
# --------------------------------------------------------------------------


def test_the_sheet_names_come_from_the_declarations() -> None:
    assert "figures" not in SHEET_ALIASES
    assert "indicators" not in SHEET_ALIASES
    assert FIGURES_DECLARATION.sheets == ("Số liệu", "Số liệu thi đua", "Báo cáo số liệu")
    assert INDICATORS_DECLARATION.sheets == ("Chỉ tiêu", "Danh mục chỉ tiêu")
    for d in FIGURE_TABLES.values():
        # The label is matched too, and adds no name beyond the sheets.
        assert sheet_key(d.label) in {sheet_key(s) for s in d.sheets}
        for sheet in d.sheets:
            assert find_sheets(["Ghi chú", sheet.upper(), "units"], d) == [sheet.upper()]
    assert find_sheets(["Bao cao so lieu"], FIGURES_DECLARATION) == ["Bao cao so lieu"]
    assert find_sheets(["Báo cáo số liệu"], "units") == []


def test_no_sheet_name_belongs_to_two_tables() -> None:
    names: dict[str, tuple[str, ...]] = {t: (t, *a) for t, a in SHEET_ALIASES.items()}
    for d in (*domain_tables().values(), *FIGURE_TABLES.values()):
        names[d.name] = (d.name, d.label, *d.sheets)
    owners: dict[str, set[str]] = {}
    for table, sheet_names in names.items():
        for sheet in filter(None, sheet_names):
            owners.setdefault(sheet_key(sheet), set()).add(table)
    assert {key: tables for key, tables in owners.items() if len(tables) > 1} == {}


def test_a_figures_sheet_is_found_by_a_declared_name(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Báo cáo số liệu"
    sheet.append(["Mã đơn vị", "Mã chỉ tiêu", "Kỳ báo cáo", "Giá trị"])
    sheet.append(["G1", "new_members", "2024", 12])
    sheet.append(["G1", "people_honoured", "2024", "P1;P2"])
    book.save(tmp_path / "b.xlsx")
    result = read_figures_excel(tmp_path / "b.xlsx")
    assert [(f.unit, f.value, f.keys) for f in result.figures] == [
        ("G1", 12.0, None),
        ("G1", None, frozenset({"P1", "P2"})),
    ]
    assert result.report.ok


# --------------------------------------------------------------------------
# The docs
# --------------------------------------------------------------------------


def test_the_generated_docs_are_current() -> None:
    formats = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    assert format_tables.SHEETS_BEGIN in formats
    assert format_tables.fresh_formats(formats) == formats
    indicators = (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert format_tables.fresh_figure_docs(indicators) == indicators
    assert format_tables.main(["--check"]) == 0
    for d in FIGURE_TABLES.values():
        begin, end = format_tables.columns_markers(d.name)
        section = indicators.partition(begin)[2].partition(end)[0]
        for c in d.columns:
            assert f"| `{c.name}` | {' · '.join(c.aliases)} |" in section
        assert f"| `{d.name}` | {' · '.join(d.sheets)} |" in formats
    # The hand-written tables are gone: each column is documented once.
    assert indicators.count("| `scope` |") == 1
    assert indicators.count("| `aggregation` |") == 1


def test_the_tool_rewrites_stale_figure_docs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "indicators.md"
    sections = [
        f"{begin}\nold\n{end}" for begin, end in map(format_tables.columns_markers, FIGURE_TABLES)
    ]
    stale.write_text("intro\n" + "\nmiddle\n".join(sections) + "\nend\n", encoding="utf-8")
    monkeypatch.setattr(format_tables, "FIGURE_DOCS", stale)
    assert format_tables.main(["--check"]) == 1
    assert format_tables.main([]) == 0
    assert format_tables.main(["--check"]) == 0
    text = stale.read_text(encoding="utf-8")
    assert "old" not in text
    assert text.startswith("intro\n")
    assert text.endswith("end\n")
    assert "| `keys` | Danh sách mã | `;`-separated list |" in text
    stale.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(ValueError, match="markers"):
        format_tables.main([])
    formats = format_tables.DOCS.read_text(encoding="utf-8")
    begin, end = format_tables.SHEETS_BEGIN, format_tables.SHEETS_END
    stale_formats = replace_docs_section(formats, "old", begin=begin, end=end)
    assert stale_formats != formats
    assert format_tables.fresh_formats(stale_formats) == formats


# --------------------------------------------------------------------------
# The declared types read the cells as the readers do
# --------------------------------------------------------------------------

_PERIOD_TEXTS = (
    "2024",
    "năm 2024",
    "2025-Q3",
    "quý III/2025",
    "6 tháng đầu năm 2025",
    "2024-12-01/2025-12-01",
)


def _padded(cell: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A cell with or without surrounding spaces (stripped columns lose them)."""
    return st.tuples(cell, st.sampled_from(["", " ", "  "])).map(
        lambda p: f"{p[1]}{p[0]}{p[1]}" if p[0] else p[0]
    )


def _enum_cells(declaration: TableDeclaration, name: str) -> st.SearchStrategy[str]:
    column = declaration.column(name)
    words = column.words()
    assert words
    return st.sampled_from(words if column.required else ("", *words))


def _headers(declaration: TableDeclaration) -> st.SearchStrategy[list[str]]:
    return st.tuples(*(st.sampled_from((c.name, *c.aliases)) for c in declaration)).map(list)


def _declared(
    declaration: TableDeclaration, rows: list[list[str]]
) -> tuple[dict[str, list[Any]], list[Problem]]:
    """Each column's values as its declared type reads them (a default for an empty cell)."""
    cells = [dict(zip(declaration.fields, r, strict=True)) for r in rows]
    table = DataTable.from_rows(declaration, cells)
    problems: list[Problem] = []
    out: dict[str, list[Any]] = {}
    for c in declaration:
        values = parse_column(table, c.name, problems).values()
        if c.default is not None:
            default = DataTable.from_rows(declaration, [{c.name: c.default}])
            fallback = parse_column(default, c.name, problems).values()[0]
            values = [
                fallback if r[declaration.fields.index(c.name)].strip() == "" else v
                for r, v in zip(rows, values, strict=True)
            ]
        out[c.name] = values
    return out, problems


def _number(declared: object, cell: str) -> float | None:
    """A number the declared type reads, or a machine number (``1e-05``) the readers also take."""
    if declared is None:
        return float(cell) if cell.strip() else None
    assert isinstance(declared, float)
    return declared


_FIGURE_CELLS = {
    "period": _padded(st.sampled_from(_PERIOD_TEXTS)),
    "scope": _padded(_enum_cells(FIGURES_DECLARATION, "scope")),
    "source": _padded(st.just("") | tokens()),
    "unit": _padded(ids()),
    "indicator": _padded(ids()),
    # The CSV reader takes a distinct indicator's keys in `value` and ignores
    # the keys column (see test_the_keys_column_of_a_csv_file_is_read).
    "keys": st.just(""),
}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    rows=table_rows(FIGURES_DECLARATION, cells_for=_FIGURE_CELLS, max_rows=6),
    headers=_headers(FIGURES_DECLARATION),
)
def test_figure_rows_read_as_declared(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], headers: list[str]
) -> None:
    fields = FIGURES_DECLARATION.fields
    value = fields.index("value")
    path = tmp_path_factory.mktemp("figures") / "figures.csv"
    write_csv_table(path, headers, rows)
    # No catalogue: every indicator is unknown, so a row loads whatever it holds.
    result = read_figures_csv(path, catalogue=IndicatorCatalogue())
    assert list(result.report) == []
    declared, problems = _declared(FIGURES_DECLARATION, rows)
    assert {p.code for p in problems} <= {"S004", "S006"}  # empty values; 1e-05 numbers
    read = list(result.figures)
    assert len(read) == len(rows)
    for i, (figure, row) in enumerate(zip(read, rows, strict=True)):
        assert figure.unit == declared["unit"][i]
        assert figure.indicator == declared["indicator"][i]
        assert figure.period == parse_period(declared["period"][i])
        assert figure.source == declared["source"][i]
        assert figure.scope == declared["scope"][i]
        assert figure.keys is None
        number = _number(declared["value"][i], row[value])
        assert figure.value == number
        plan = _number(declared["plan"][i], row[fields.index("plan")])
        assert figure.plan == plan
    # And what the writer writes reads back equal.
    again = path.with_name("again.csv")
    write_figures_csv(result.figures, again)
    assert list(read_figures_csv(again, catalogue=IndicatorCatalogue()).figures) == read


def test_the_keys_column_of_a_csv_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(
        "Mã đơn vị,Mã chỉ tiêu,Kỳ báo cáo,Giá trị,Danh sách mã\nG1,people_honoured,2024,,P1;P2\n",
        encoding="utf-8",
    )
    assert [f.keys for f in read_figures_csv(path).figures] == [frozenset({"P1", "P2"})]


def test_the_keys_column_of_a_sheet_is_read_and_a_clash_reported(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "figures.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append(["Mã đơn vị", "Mã chỉ tiêu", "Kỳ báo cáo", "Giá trị", "Danh sách mã"])
    sheet.append(["G1", "people_honoured", "2024", None, " P1 ; P2;"])
    sheet.append(["G2", "people_honoured", "2024", None, None])
    sheet.append(["G3", "people_honoured", "2024", "P3", "P4"])
    book.save(path)
    result = read_figures_excel(path)
    assert [(f.unit, f.keys) for f in result.figures] == [
        ("G1", frozenset({"P1", "P2"})),
        ("G2", frozenset()),  # an empty cell of a distinct indicator: no keys
    ]
    assert [(p.code, str(p.pointer)) for p in result.report] == [
        ("F007", "figures.xlsx sheet Số liệu row 4, column Danh sách mã"),
    ]
    assert "both a value and keys" in result.report[0].message


_INDICATOR_CELLS = {
    "name": names(min_size=1).filter(str.strip),
    "unit": _padded(st.just("") | tokens()),
    "aggregation": _padded(_enum_cells(INDICATORS_DECLARATION, "aggregation")),
    "direction": _padded(_enum_cells(INDICATORS_DECLARATION, "direction")),
    "nonnegative": _padded(st.sampled_from(["", "true", "false", "có", "không", "x", "1", "0"])),
}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    rows=table_rows(INDICATORS_DECLARATION, cells_for=_INDICATOR_CELLS, max_rows=6),
    headers=_headers(INDICATORS_DECLARATION),
)
def test_indicator_rows_read_as_declared(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], headers: list[str]
) -> None:
    path = tmp_path_factory.mktemp("indicators") / "indicators.csv"
    write_csv_table(path, headers, rows)
    catalogue, report = read_indicators_csv(path)
    # Only the catalogue's own checks (references, scales): no cell is unreadable.
    assert {p.code for p in report} <= {"F012"}
    declared, problems = _declared(INDICATORS_DECLARATION, rows)
    assert {p.code for p in problems} <= {"S006"}  # 1e-05 scales
    fields = INDICATORS_DECLARATION.fields
    assert catalogue.codes == tuple(declared["code"])
    for i, row in enumerate(rows):
        indicator = catalogue[declared["code"][i]]
        assert indicator.name == declared["name"][i]  # text: kept as written
        assert indicator.unit == (declared["unit"][i] or "")
        assert indicator.aggregation is declared["aggregation"][i]
        assert indicator.numerator == declared["numerator"][i]
        assert indicator.denominator == declared["denominator"][i]
        assert indicator.weight == declared["weight"][i]
        assert indicator.scale == _number(declared["scale"][i], row[fields.index("scale")])
        assert indicator.nonnegative is declared["nonnegative"][i]
        assert indicator.direction is declared["direction"][i]
    again = path.with_name("again.csv")
    write_indicators_csv(catalogue, again)
    assert read_indicators_csv(again)[0] == catalogue


def test_a_blank_indicator_name_is_empty(tmp_path: Path) -> None:
    # Text is kept as written, but a name of spaces alone is no name (S004).
    path = tmp_path / "indicators.csv"
    path.write_text("code,name,aggregation\na,  ,sum\nb, Bê ,sum\n", encoding="utf-8")
    catalogue, report = read_indicators_csv(path)
    assert [(p.code, str(p.pointer)) for p in report] == [
        ("S004", "indicators.csv row 2, column name")
    ]
    assert catalogue["b"].name == " Bê "
