"""Tests of thidua.values: Vietnamese numbers, actual/plan cells and formatting."""

from __future__ import annotations

import math
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from thidua.errors import ThiduaError, ValueParseError
from thidua.values import (
    ActualPlan,
    NumberStyle,
    format_number_vi,
    parse_actual_plan,
    parse_number,
)

# -- parse_number -------------------------------------------------------------

AUTO = [
    ("1.585", 1585),
    ("1,5", 1.5),
    ("1.585,25", 1585.25),
    ("12.000.000", 12_000_000),
    ("-3", -3),
    ("+3", 3),
    ("−3", -3),  # U+2212 minus sign
    ("- 3", -3),
    ("0", 0),
    ("1,0%", 1.0),
    ("155 %", 155),
    ("104%", 104),
    ("1 585", 1585),
    ("1\u00a0585", 1585),
    ("12 000 000", 12_000_000),
    ("1 585,5", 1585.5),
    ("564 triệu đồng", 564_000_000),
    ("2.000 tỷ đồng", 2_000_000_000_000),
    ("1,5 tỷ", 1_500_000_000),
    ("1,5 tỉ", 1_500_000_000),
    ("3 nghìn", 3000),
    ("3 ngàn", 3000),
    ("12 nghìn người", 12_000),
    ("7 triệu", 7_000_000),
    ("500.000 đồng", 500_000),
    ("500.000đ", 500_000),
    ("500.000 đ", 500_000),
    ("500.000 VND", 500_000),
    ("500.000 VNĐ", 500_000),
    ("1.585 người", 1585),
    ("  1.585  ", 1585),
    ("0.75", 0.75),
    ("1.5", 1.5),
    ("1585.0", 1585.0),
    ("12.5000", 12.5),
    ("1234.567", 1234.567),
    ("1.500", 1500),  # the documented ambiguity: dots in threes are thousands
    ("1,585", 1.585),
    ("1,585,000", 1_585_000),
    ("1,585.25", 1585.25),
    ("0,1 triệu", 100_000),
    ("564 TRIỆU ĐỒNG", 564_000_000),
    ("564 trie\u0323\u0302u", 564_000_000),  # NFD
]


@pytest.mark.parametrize(("text", "value"), AUTO)
def test_parse_number_auto(text: str, value: float) -> None:
    result = parse_number(text)
    assert isinstance(result, float)
    assert result == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.585", 1585),
        ("1.500", 1500),
        ("1,585", 1.585),
        ("1.585,25", 1585.25),
        ("12.000.000", 12_000_000),
        ("1585", 1585),
        ("0,75", 0.75),
    ],
)
def test_parse_number_vi(text: str, value: float) -> None:
    assert parse_number(text, style="vi") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,585.5", 1585.5),
        ("1,585", 1585),
        ("1.585", 1.585),
        ("1.5", 1.5),
        ("12,000,000", 12_000_000),
        ("-0.25", -0.25),
        ("1.5 triệu", 1_500_000),
    ],
)
def test_parse_number_en(text: str, value: float) -> None:
    assert parse_number(text, style="en") == value


def test_is_integer_tells_counts_from_amounts() -> None:
    assert parse_number("1.585").is_integer()
    assert not parse_number("1,5").is_integer()


REJECTED: list[tuple[str, NumberStyle, str]] = [
    ("", "auto", "empty"),
    ("   ", "auto", "empty"),
    ("\u00a0", "auto", "empty"),
    ("abc", "auto", "unexpected 'a'"),
    ("12abc", "auto", "unexpected 'a'"),
    ("1.2e5", "auto", "unexpected 'e'"),
    ("nan", "auto", "unexpected 'n'"),
    ("đ", "auto", "no digits"),
    ("%", "auto", "no digits"),
    ("-", "auto", "no digits"),
    ("1 58", "auto", "spaces may only group thousands"),
    ("15 85", "auto", "spaces may only group thousands"),
    ("1.58.5", "auto", "not a Vietnamese-style number"),
    ("1,0,0", "auto", "not a Vietnamese-style number"),
    ("1.000,", "auto", "not a Vietnamese-style number"),
    (",5", "auto", "not a Vietnamese-style number"),
    (".5", "auto", "not an English-style number"),
    ("5.", "auto", "not an English-style number"),
    ("1,5.3", "auto", "not an English-style number"),
    ("--3", "auto", "not a Vietnamese-style number"),
    ("3-", "auto", "not a Vietnamese-style number"),
    ("1-2", "auto", "not a Vietnamese-style number"),
    ("1.5", "vi", "not a Vietnamese-style number"),
    ("0.75", "vi", "not a Vietnamese-style number"),
    ("1,585.5", "vi", "not a Vietnamese-style number"),
    ("1.585,5", "en", "not an English-style number"),
    ("1,5", "en", "not an English-style number"),
    ("1,5 triệu %", "auto", "unexpected 't'"),
    ("٣", "auto", "unexpected"),  # only ASCII digits
]


@pytest.mark.parametrize(("text", "style", "reason"), REJECTED)
def test_parse_number_rejects(text: str, style: NumberStyle, reason: str) -> None:
    with pytest.raises(ValueParseError, match=reason) as info:
        parse_number(text, style=style)
    assert info.value.text == text
    assert repr(text) in str(info.value)
    assert isinstance(info.value, ThiduaError)
    assert isinstance(info.value, ValueError)


def test_parse_number_rejects_unknown_style() -> None:
    with pytest.raises(ValueError, match="style must be"):
        parse_number("1", style="fr")  # type: ignore[arg-type]


@given(st.text(max_size=20), st.sampled_from(["auto", "vi", "en"]))
def test_parse_number_raises_only_value_parse_error(text: str, style: NumberStyle) -> None:
    try:
        result = parse_number(text, style=style)
    except ValueParseError as exc:
        error = exc
    else:
        assert math.isfinite(result)
        return
    assert error.text == text


# -- format_number_vi ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1585, 0, "1.585"),
        (1585.25, 2, "1.585,25"),
        (-12000, 0, "-12.000"),
        (12_000_000, 0, "12.000.000"),
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (0.5, 1, "0,5"),
        (1.5, 3, "1,500"),
        (-0.4, 0, "0"),
        (-0.001, 2, "0,00"),
        (-1585.5, 1, "-1.585,5"),
        (2.5, 0, "2"),  # half to even
    ],
)
def test_format_number_vi(value: float, decimals: int, text: str) -> None:
    assert format_number_vi(value, decimals) == text


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_format_number_vi_rejects_non_finite(value: float) -> None:
    with pytest.raises(ValueError, match="not finite"):
        format_number_vi(value)


def test_format_number_vi_rejects_negative_decimals() -> None:
    with pytest.raises(ValueError, match="decimals must be 0 or more"):
        format_number_vi(1.0, -1)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_round_trip_in_every_vietnamese_style(value: int) -> None:
    text = format_number_vi(value)
    assert parse_number(text) == value
    assert parse_number(text, style="vi") == value
    assert "," not in text


@given(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=6),
)
def test_format_then_parse_gives_the_rounded_value(value: float, decimals: int) -> None:
    text = format_number_vi(value, decimals)
    expected = float(f"{value:.{decimals}f}")
    assert parse_number(text, style="vi") == expected
    assert parse_number(text) == expected  # "auto" reads every formatted number correctly


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False))
def test_parse_number_is_exact_on_decimal_text(value: Decimal) -> None:
    text = format_number_vi(float(value), 3)
    assert parse_number(text) == float(value.quantize(Decimal("0.001")))


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["nghìn", "triệu", "tỷ"]))
def test_scale_words_multiply(value: int, word: str) -> None:
    factor = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9}[word]
    assert parse_number(f"{format_number_vi(value)} {word} đồng") == value * factor


@given(st.integers(min_value=1000, max_value=10**12))
def test_space_and_nbsp_grouping(value: int) -> None:
    dotted = format_number_vi(value)
    assert parse_number(dotted.replace(".", " ")) == value
    assert parse_number(dotted.replace(".", "\u00a0")) == value


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_auto_style_ambiguity_is_thousands(high: int, low: int) -> None:
    text = f"{high}.{low:03d}"
    assert parse_number(text) == high * 1000 + low
    assert parse_number(text, style="en") == float(text)


# -- actual / plan ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "record"),
    [
        ("6.257/6.000 (104%)", ActualPlan(actual=6257, plan=6000, percent=104)),
        ("855/492 (173,8%)", ActualPlan(actual=855, plan=492, percent=173.8)),
        ("31/20", ActualPlan(actual=31, plan=20)),
        ("31 / 20 (155 %)", ActualPlan(actual=31, plan=20, percent=155)),
        ("31/20(155%)", ActualPlan(actual=31, plan=20, percent=155)),
        ("6.257", ActualPlan(actual=6257)),
        ("6.257 (104%)", ActualPlan(actual=6257, percent=104)),
        ("5/0", ActualPlan(actual=5, plan=0)),
        ("0/10 (0%)", ActualPlan(actual=0, plan=10, percent=0)),
        ("564 triệu/500 triệu đồng", ActualPlan(actual=564e6, plan=500e6)),
        ("28/4", ActualPlan(actual=28, plan=4)),  # never a date
        ("1/2", ActualPlan(actual=1, plan=2)),  # never a fraction
        ("  99 /  100  ( 99 % ) ", ActualPlan(actual=99, plan=100, percent=99)),
        ("104/100 (105%)", ActualPlan(actual=104, plan=100, percent=105)),  # within 1 point
    ],
)
def test_parse_actual_plan(text: str, record: ActualPlan) -> None:
    assert parse_actual_plan(text) == record


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("6.257/6.000 (150%)", "the written 150% does not match actual/plan = 104.3%"),
        ("104/100 (102%)", "does not match"),
        ("5/0 (0%)", "zero plan"),
        ("28/4/2023", "more than one '/'"),
        ("(104%)", "expected 'actual'"),
        ("/20", "expected 'actual'"),
        ("", "expected 'actual'"),
        ("31/20 (155)", "must end with '%'"),
        ("31/20 (abc%)", "the percentage 'abc%'"),
        ("x/20", "the actual 'x'"),
        ("20/y", "the plan 'y'"),
        ("31/20 (155%) thêm", "expected 'actual'"),
    ],
)
def test_parse_actual_plan_rejects(text: str, reason: str) -> None:
    with pytest.raises(ValueParseError, match=reason) as info:
        parse_actual_plan(text)
    assert info.value.text == text


def test_ratio() -> None:
    assert parse_actual_plan("31/20").ratio == 1.55
    assert parse_actual_plan("6.257").ratio is None
    assert parse_actual_plan("5/0").ratio is None


def test_parse_actual_plan_style_is_passed_on() -> None:
    record = parse_actual_plan("1,585.5/1,000 (158.55%)", style="en")
    assert record == ActualPlan(actual=1585.5, plan=1000, percent=158.55)


def test_actual_plan_is_frozen_and_keyword_only() -> None:
    record = ActualPlan(actual=1.0)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.actual = 2.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        ActualPlan(1.0)  # type: ignore[call-arg]


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=1, max_value=10**9),
)
def test_consistent_cells_are_accepted(actual: int, plan: int) -> None:
    percent = round(100 * actual / plan, 1)
    text = f"{format_number_vi(actual)}/{format_number_vi(plan)} ({format_number_vi(percent, 1)}%)"
    record = parse_actual_plan(text)
    assert record.actual == actual
    assert record.plan == plan
    assert record.percent == percent
    assert record.ratio == actual / plan


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=-1000, max_value=1000),
)
def test_inconsistent_percent_is_rejected(actual: int, plan: int, written: int) -> None:
    computed = 100 * actual / plan
    assume(abs(computed - written) > 1.001)
    with pytest.raises(ValueParseError, match="does not match"):
        parse_actual_plan(f"{actual}/{plan} ({written}%)")


@pytest.mark.parametrize(
    ("text", "expected"), [("0.001", 0.001), ("0.250", 0.25), ("10.001", 10001.0)]
)
def test_leading_zero_group_is_a_decimal(text: str, expected: float) -> None:
    assert parse_number(text) == expected
