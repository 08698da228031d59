"""Writing figures is lossless: CSV, Excel, pandas and polars round trips (Hypothesis)."""

from __future__ import annotations

import math
import tempfile
import unicodedata
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.figures import (
    BUILTIN_INDICATORS,
    Figure,
    Figures,
    Scope,
    figures_from_pandas,
    figures_from_polars,
    format_figure_value,
    read_figures_csv,
    read_figures_excel,
    write_figures_csv,
    write_figures_excel,
)
from thidua.periods import Period

DATA = Path(__file__).parent / "data" / "figures"

# -- strategies -----------------------------------------------------------------------------

_TEXT_CHARS = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"), exclude_characters=";"
)


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


texts = st.text(_TEXT_CHARS, min_size=1, max_size=12).map(_clean).filter(bool)
ids = st.one_of(
    st.sampled_from(["G1", "G2", "HN", "CDCS-0001", "Công đoàn A", "101", "1.585"]), texts
)
keys = st.frozensets(texts, max_size=4)
numbers = st.one_of(
    st.integers(-(10**6), 10**6).map(float),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1.585, 123.456, -1.5, 0.1, 1e-05, 1e16, 2.5e-300]),
)
years = st.integers(1990, 2040)
periods = st.one_of(
    years.map(Period.year),
    st.builds(Period.quarter, years, st.integers(1, 4)),
    st.builds(Period.month, years, st.integers(1, 12)),
    st.builds(Period.half, years, st.integers(1, 2)),
    years.map(Period.emulation_year),
    years.map(Period.school_year),
    st.builds(lambda y: Period.stage(y, y + 4), years),
    st.builds(lambda y: Period.term(y, y + 5), years),
    st.builds(
        lambda d, n: Period.between(d, d.add(days=n)),
        st.dates(pendulum.Date(2000, 1, 1), pendulum.Date(2030, 1, 1)).map(
            lambda d: pendulum.Date(d.year, d.month, d.day)
        ),
        st.integers(1, 800),
    ),
)
NUMERIC = [i.code for i in BUILTIN_INDICATORS if i.is_numeric]
DISTINCT = [i.code for i in BUILTIN_INDICATORS if not i.is_numeric]


@st.composite
def figures(draw: st.DrawFn, *, max_size: int = 12) -> Figures:
    rows = []
    for _ in range(draw(st.integers(0, max_size))):
        kind = draw(st.sampled_from(["numeric", "distinct", "unknown"]))
        if kind == "numeric":
            code = draw(st.sampled_from(NUMERIC))
        elif kind == "distinct":
            code = draw(st.sampled_from(DISTINCT))
        else:
            code = draw(st.sampled_from(["blood_units", "custom x", "Chỉ tiêu riêng"]))
        as_keys = kind == "distinct" or (kind == "unknown" and draw(st.booleans()))
        rows.append(
            Figure(
                unit=draw(ids),
                indicator=code,
                period=draw(periods),
                value=None if as_keys else draw(numbers),
                plan=None if as_keys else draw(st.none() | numbers),
                keys=draw(keys) if as_keys else None,
                source=draw(st.none() | texts),
                scope=draw(st.sampled_from(Scope)),
            )
        )
    return Figures.from_records(rows)


# -- tests ---------------------------------------------------------------------------------


def test_format_figure_value() -> None:
    assert format_figure_value(1585.0) == "1585"
    assert format_figure_value(-0.0) == "0"
    assert format_figure_value(1.585) == "1.5850"
    assert format_figure_value(-12.345) == "-12.3450"
    assert format_figure_value(1e16) == "1e+16"
    assert format_figure_value(0.1 + 0.2) == "0.30000000000000004"
    assert format_figure_value(math.nan) == ""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figures())
def test_figures_csv_figures_is_equal(figs: Figures) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "figures.csv"
        write_figures_csv(figs, path)
        again = read_figures_csv(path)
        assert again.report.ok, str(again.report)
        assert again.figures == figs
        # ... and the file is canonical: written again, it is byte-identical
        first = path.read_bytes()
        write_figures_csv(again.figures, path)
        assert path.read_bytes() == first


@settings(max_examples=100, deadline=None)
@given(figures())
def test_pandas_round_trip(figs: Figures) -> None:
    again = figures_from_pandas(figs.to_pandas())
    assert again.report.ok, str(again.report)
    assert again.figures == figs


@settings(max_examples=100, deadline=None)
@given(figures())
def test_polars_round_trip(figs: Figures) -> None:
    again = figures_from_polars(figs.to_polars())
    assert again.report.ok, str(again.report)
    assert again.figures == figs


@settings(max_examples=20, deadline=None)
@given(figures(max_size=6))
def test_excel_round_trip(figs: Figures) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "figures.xlsx"
        write_figures_excel(figs, path)
        again = read_figures_excel(path)
        assert again.report.ok, str(again.report)
        assert again.figures == figs


def test_canonical_file_is_byte_identical(tmp_path: Path) -> None:
    text = (
        "unit,indicator,period,value,source,scope,plan\n"
        "G1,new_members,2024,1585,BC 1,own,\n"
        "G1,works_completed,2024-Q1,31,,own,20\n"
        'G1,initiative_benefit,2024-12-15/2025-12-15,1.5850,"Hà Nội, 2025",total,\n'
        "G1,people_honoured,2025-EY,P000123;P000581,,own,\n"
        "G1,people_honoured,2025,123;,,own,\n"
        "G1,enterprises_involved,2025,;,,own,\n"
        "G2,union_score,2025-07,0.1,,own,\n"
        "G2,prize_money,2025-H1,1e+16,,own,\n"
    )
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8")
    result = read_figures_csv(source)
    assert result.report.ok, str(result.report)
    out = tmp_path / "out.csv"
    write_figures_csv(result.figures, out)
    assert out.read_text(encoding="utf-8") == text
    assert [f.keys for f in result.figures][4:6] == [frozenset({"123"}), frozenset()]


def test_vietnamese_file_is_rewritten_canonically(tmp_path: Path) -> None:
    figs = read_figures_csv(DATA / "figures_vi.csv").figures
    out = tmp_path / "out.csv"
    write_figures_csv(figs, out, bom=True)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "unit,indicator,period,value,source,scope,plan"
    assert lines[1] == "G1,new_members,2024,1585,Báo cáo 12/BC-CĐCS,own,"
    assert lines[3] == "G1,works_completed,2024,31,Báo cáo 12/BC-CĐCS,own,20"
    assert lines[5] == "G1,people_honoured,2024-EY,P000123;P000581,,own,"
    assert read_figures_csv(out).figures == figs


def test_numeric_figure_without_value_is_written_empty(tmp_path: Path) -> None:
    figs = Figures.from_records(
        [Figure(unit="G1", indicator="dialogues", period=Period.year(2025))]
    )
    write_figures_csv(figs, tmp_path / "f.csv")
    assert (tmp_path / "f.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "G1,dialogues,2025,,,own"
    )
    assert [p.code for p in read_figures_csv(tmp_path / "f.csv").report] == ["F009"]


def test_empty_figures_write_a_header(tmp_path: Path) -> None:
    write_figures_csv(Figures.from_records([]), tmp_path / "f.csv")
    assert (tmp_path / "f.csv").read_text(encoding="utf-8") == (
        "unit,indicator,period,value,source,scope\n"
    )
    write_figures_excel(Figures.from_records([]), tmp_path / "f.xlsx")
    assert len(read_figures_excel(tmp_path / "f.xlsx").figures) == 0


def test_excel_refuses_more_rows_than_a_sheet_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    import thidua.figures._write as writer

    monkeypatch.setattr(writer, "_EXCEL_ROWS", 2)
    figs = Figures.from_columns(
        unit=["A", "B"], indicator=["x"] * 2, period=["2025"] * 2, value=[1, 2]
    )
    with pytest.raises(ValueError, match="do not fit"):
        write_figures_excel(figs, "never.xlsx")


def test_to_pandas_columns() -> None:
    figs = read_figures_csv(DATA / "figures_vi.csv").figures
    df = figs.to_pandas()
    assert list(df.columns) == [
        "unit",
        "indicator",
        "period",
        "value",
        "source",
        "scope",
        "plan",
        "keys",
    ]
    assert str(df["unit"].dtype) == "category"
    assert df["period"].tolist()[:2] == ["2024", "2024"]
    assert df["plan"].tolist()[2] == 20.0
    assert df["keys"].tolist()[4] == frozenset({"P000123", "P000581"})
    assert df["source"].isna().tolist()[3]


def test_to_polars_columns() -> None:
    figs = read_figures_csv(DATA / "figures_vi.csv").figures
    df = figs.to_polars()
    assert df.columns == ["unit", "indicator", "period", "value", "source", "scope", "plan", "keys"]
    assert df["keys"].to_list()[4] == ["P000123", "P000581"]
    assert df["value"].to_list()[4] is None
    assert df["scope"].to_list()[-1] == "total"
