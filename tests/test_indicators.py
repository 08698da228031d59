"""Indicators: the catalogue, ``indicators.csv`` in and out, and its documentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.errors import UnknownIndicatorError, UnreadableInputError
from thidua.figures import (
    AGGREGATION_ALIASES,
    BUILTIN_INDICATORS,
    DIRECTION_ALIASES,
    INDICATOR_COLUMNS,
    Aggregation,
    Direction,
    Indicator,
    IndicatorCatalogue,
    load_catalogue,
    read_indicators_csv,
    write_indicators_csv,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "figures"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "indicators.csv"
    path.write_text(text, encoding="utf-8")
    return path


def codes_and_pointers(report: object) -> list[tuple[str, str]]:
    return [(p.code, str(p.pointer)) for p in report]  # type: ignore[attr-defined]


# -- the catalogue ---------------------------------------------------------------------------


def test_builtin_catalogue_is_valid_and_covers_every_aggregation() -> None:
    assert BUILTIN_INDICATORS.validate().ok
    assert {i.aggregation for i in BUILTIN_INDICATORS} == set(Aggregation)
    for ind in BUILTIN_INDICATORS:
        assert ind.is_derived == (ind.aggregation is Aggregation.RATIO)


def test_lookup_and_closure() -> None:
    with pytest.raises(UnknownIndicatorError):
        BUILTIN_INDICATORS["nope"]
    with pytest.raises(KeyError):
        BUILTIN_INDICATORS.closure(["nope"])
    assert BUILTIN_INDICATORS.closure(["membership_rate", "members"]) == (
        "members",
        "workers",
        "membership_rate",
    )


def test_validate_reports_f012_and_f013() -> None:
    cat = IndicatorCatalogue(
        (
            Indicator(code="a", name="A", aggregation=Aggregation.SUM, numerator="b"),
            Indicator(code="a", name="A2", aggregation=Aggregation.SUM),
            Indicator(code="m", name="M", aggregation=Aggregation.MEAN),
            Indicator(code="k", name="K", aggregation=Aggregation.DISTINCT),
            Indicator(
                code="r",
                name="R",
                aggregation=Aggregation.RATIO,
                numerator="k",
                denominator="r",
                scale=0,
            ),
        )
    )
    assert [p.code for p in cat.validate()] == [
        "F012",
        "F012",
        "F013",
        "F012",
        "F012",
        "F012",
        "F012",
    ]


# -- indicators.csv --------------------------------------------------------------------------


def test_vietnamese_file_extends_the_builtin_catalogue() -> None:
    catalogue, report = load_catalogue(DATA / "indicators_vi.csv")
    assert report.ok, str(report)
    assert catalogue.codes[-3:] == ("blood_units", "female_rate", "net_change")
    assert len(catalogue) == len(BUILTIN_INDICATORS) + 3
    female = catalogue["female_rate"]
    assert (female.aggregation, female.numerator, female.denominator, female.scale) == (
        Aggregation.RATIO,
        "female_members",
        "members",
        100.0,
    )
    assert catalogue["blood_units"].unit == "đơn vị"
    assert catalogue["net_change"].nonnegative is False
    assert str(female.source) == "indicators_vi.csv row 3"


def test_read_alone_reports_unknown_references(tmp_path: Path) -> None:
    catalogue, report = read_indicators_csv(DATA / "indicators_vi.csv")
    assert catalogue.codes == ("blood_units", "female_rate", "net_change")
    assert codes_and_pointers(report) == [
        ("F012", "indicators_vi.csv row 3"),
        ("F012", "indicators_vi.csv row 3"),
    ]


def test_a_row_replaces_a_builtin_indicator(tmp_path: Path) -> None:
    path = write(tmp_path, "code,name,aggregation\nmembers,Đoàn viên,sum\n")
    catalogue, report = load_catalogue(path)
    assert report.ok
    assert catalogue["members"].aggregation is Aggregation.SUM
    assert len(catalogue) == len(BUILTIN_INDICATORS)


def test_bad_cells(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "code,name,Cách tổng hợp,scale,nonnegative\n"
        "a,A,trung bình cộng,,\n"
        ",B,sum,,\n"
        "c,,sum,,\n"
        "d,D,sum,mười,\n"
        "e,E,sum,,maybe\n"
        "f,F,Tỷ lệ,,\n"
        "g,G,max,1.000,có\n",
    )
    catalogue, report = read_indicators_csv(path)
    assert catalogue.codes == ("f", "g")
    assert catalogue["g"].scale == 1000.0
    assert codes_and_pointers(report) == [
        ("S006", "indicators.csv row 2, column Cách tổng hợp"),
        ("S004", "indicators.csv row 3, column code"),
        ("S004", "indicators.csv row 4, column name"),
        ("S006", "indicators.csv row 5, column scale"),
        ("S006", "indicators.csv row 6, column nonnegative"),
        ("F012", "indicators.csv row 7"),
    ]
    assert "is not one of sum, stock, ratio, distinct, mean, min, max" in report[0].message


def test_duplicate_code_is_f013(tmp_path: Path) -> None:
    path = write(tmp_path, "code,name,aggregation\nx,X,sum\nx,X again,stock\n")
    _, report = read_indicators_csv(path)
    assert codes_and_pointers(report) == [("F013", "indicators.csv row 3")]


def test_header_problems_and_unreadable_files(tmp_path: Path) -> None:
    _, report = read_indicators_csv(write(tmp_path, "code,name\nx,X\n"))
    assert [p.code for p in report] == ["S002"]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"code,name,aggregation\n\x81,X,sum\n")  # neither UTF-8 nor cp1258
    catalogue, report = read_indicators_csv(bad, extends=BUILTIN_INDICATORS)
    assert catalogue is BUILTIN_INDICATORS
    assert [p.code for p in report] == ["S001"]
    with pytest.raises(UnreadableInputError):
        load_catalogue(tmp_path / "missing.csv")


def test_load_catalogue_without_a_file() -> None:
    catalogue, report = load_catalogue(None)
    assert catalogue is BUILTIN_INDICATORS
    assert not report


def test_builtin_catalogue_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "indicators.csv"
    write_indicators_csv(BUILTIN_INDICATORS, path)
    catalogue, report = read_indicators_csv(path)
    assert report.ok
    assert catalogue == BUILTIN_INDICATORS
    first = path.read_bytes()
    write_indicators_csv(catalogue, path)
    assert path.read_bytes() == first


_names = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=10,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def catalogues(draw: st.DrawFn) -> IndicatorCatalogue:
    codes = draw(
        st.lists(st.from_regex(r"[a-z][a-z_0-9]{0,8}", fullmatch=True), unique=True, max_size=6)
    )
    inds = []
    for code in codes:
        aggregation = draw(st.sampled_from(Aggregation))
        ref = st.none() | st.sampled_from(codes) if codes else st.none()
        inds.append(
            Indicator(
                code=code,
                name=draw(_names),
                unit=draw(st.just("") | _names),
                aggregation=aggregation,
                numerator=draw(ref),
                denominator=draw(ref),
                weight=draw(ref),
                scale=draw(st.sampled_from([1.0, 100.0, 0.5, 1000.0, 1e-3])),
                nonnegative=draw(st.booleans()),
                direction=draw(st.sampled_from(Direction)),
            )
        )
    return IndicatorCatalogue(tuple(inds))


@settings(max_examples=60, deadline=None)
@given(catalogues())
def test_any_catalogue_round_trips(
    tmp_path_factory: pytest.TempPathFactory, catalogue: IndicatorCatalogue
) -> None:
    path = tmp_path_factory.mktemp("ind") / "indicators.csv"
    write_indicators_csv(catalogue, path)
    again, report = read_indicators_csv(path)
    assert again == catalogue
    assert [p.code for p in report] == [p.code for p in catalogue.validate()]


def test_column_and_aggregation_aliases() -> None:
    assert INDICATOR_COLUMNS["code"][0] == "Mã chỉ tiêu"
    assert INDICATOR_COLUMNS["name"][0] == "Tên chỉ tiêu"
    assert INDICATOR_COLUMNS["unit"][0] == "Đơn vị tính"
    assert INDICATOR_COLUMNS["aggregation"] == ("Cách tổng hợp",)
    assert set(AGGREGATION_ALIASES.values()) == set(Aggregation)


# -- documentation ----------------------------------------------------------------------------


def test_docs_table_lists_the_builtin_catalogue() -> None:
    text = (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| `(\w+)` \| ([^|]+?) \| ([^|]+?) \| `(\w+)` \|", text, flags=re.MULTILINE
    )
    assert [(code, name, unit, agg) for code, name, unit, agg in rows] == [
        (i.code, i.name, i.unit, i.aggregation.value) for i in BUILTIN_INDICATORS
    ]


def test_direction_column_higher_by_default_and_lower_in_words(tmp_path: Path) -> None:
    path = tmp_path / "indicators.csv"
    path.write_text(
        "Mã chỉ tiêu,Tên chỉ tiêu,Đơn vị tính,Cách tổng hợp,Chiều\n"
        "accidents,Số vụ tai nạn lao động,vụ,cộng,Càng thấp càng tốt\n"
        "complaints,Số đơn thư khiếu nại,đơn,cộng,lower\n"
        "blood,Đơn vị máu hiến,đơn vị,cộng,\n"
        "trees,Cây xanh trồng mới,cây,cộng,tăng\n"
        "odd,Lạ,,cộng,sideways\n",
        encoding="utf-8",
    )
    catalogue, report = read_indicators_csv(path)
    assert [catalogue[c].direction for c in ("accidents", "complaints", "blood", "trees")] == [
        Direction.LOWER,
        Direction.LOWER,
        Direction.HIGHER,
        Direction.HIGHER,
    ]
    assert "odd" not in catalogue
    assert [(p.code, str(p.pointer)) for p in report] == [
        ("S006", "indicators.csv row 6, column Chiều")
    ]
    assert BUILTIN_INDICATORS["new_members"].direction is Direction.HIGHER
    assert set(DIRECTION_ALIASES.values()) == set(Direction)
    write_indicators_csv(catalogue, tmp_path / "again.csv")
    again, _ = read_indicators_csv(tmp_path / "again.csv")
    assert again == catalogue
    assert again["accidents"].direction is Direction.LOWER


def test_an_integer_scale_is_written_and_read_back(tmp_path: Path) -> None:
    # Indicator(scale=100) used to crash the writer ('int' object has no attribute 'is_integer').
    from thidua.figures import (
        Aggregation,
        Indicator,
        IndicatorCatalogue,
        read_indicators_csv,
        write_indicators_csv,
    )

    cat = IndicatorCatalogue(
        [
            Indicator(code="a", name="A", aggregation=Aggregation.SUM),
            Indicator(code="b", name="B", aggregation=Aggregation.SUM),
            Indicator(
                code="r",
                name="R",
                aggregation=Aggregation.RATIO,
                numerator="a",
                denominator="b",
                scale=100,
            ),
        ]
    )
    write_indicators_csv(cat, tmp_path / "i.csv")
    back, problems = read_indicators_csv(tmp_path / "i.csv")
    assert list(problems) == []
    assert back["r"].scale == 100.0
