"""Boundary helpers: Vietnamese name keys, date parsing, problems and errors."""

from __future__ import annotations

import unicodedata

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua._dates import (
    MAX_ORD,
    MIN_ORD,
    as_date,
    format_date,
    from_ordinal,
    parse_date,
    to_ordinal,
)
from thidua._text import name_key, nfc
from thidua.errors import DateParseError, ThiduaValidationError
from thidua.problems import CODES, FAMILIES, Pointer, Report, Severity, problem


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hòa Bình", "Hoà Bình"),
        ("Ủy ban", "Uỷ ban"),
        ("khỏe", "khoẻ"),
        ("Thủy", "THUỶ"),
        ("Ðống Đa", "đống đa"),
        ("ðống đa", "Đống Đa"),
        ("  Hoàn   Kiếm ", "hoàn kiếm"),
    ],
)
def test_name_key_equates_spellings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert name_key(unicodedata.normalize("NFD", a)) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Hoà", "Hoàng"), ("Hòa", "Hóa"), ("Đống Đa", "Dong Da")])
def test_name_key_keeps_real_differences(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@given(st.text(alphabet="aăâeêioôơuưyđAĂÂĐ \u0300\u0301\u0303\u0309\u0323hnòóỏõọùúủũụ"))
def test_name_key_is_idempotent_and_form_blind(text: str) -> None:
    key = name_key(text)
    assert name_key(key) == key
    assert name_key(unicodedata.normalize("NFD", text)) == key
    assert nfc(text) == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-07-01", pendulum.Date(2025, 7, 1)),
        ("01/07/2025", pendulum.Date(2025, 7, 1)),
        ("1/7/2025", pendulum.Date(2025, 7, 1)),
        (" 28.4.2023 ", pendulum.Date(2023, 4, 28)),
        ("28-04-2023", pendulum.Date(2023, 4, 28)),
    ],
)
def test_parse_date_forms(text: str, expected: pendulum.Date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "2025/07/01", "32/1/2025", "29/02/2025", "July 1", "1/7/25"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(text)
    assert repr(text) in str(info.value)


@given(st.dates(min_value=pendulum.Date(1900, 1, 1), max_value=pendulum.Date(2200, 12, 31)))
def test_dates_round_trip(day: pendulum.Date) -> None:
    assert parse_date(format_date(day)) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert from_ordinal(to_ordinal(day)) == day
    assert MIN_ORD < to_ordinal(day) < MAX_ORD
    assert as_date(day) == day


def test_problem_catalogue_is_consistent() -> None:
    for code, info in CODES.items():
        assert info.code == code
        assert code in FAMILIES[code[0]].__members__.values()
        assert info.title
        assert info.fix.endswith((".", ")"))
    p = problem("H011", "x", severity=Severity.ERROR)
    assert p.is_error


def test_report_views_and_strict_error() -> None:
    ptr = Pointer(file="units.csv", row=3, headers={"name": "Tên đơn vị"})
    report = Report((problem("H013", "đơn vị 'A' thiếu tên", subject="A", pointer=ptr.at("name")),))
    assert str(report.problems[0].pointer) == "units.csv row 3, column Tên đơn vị"
    assert "thiếu tên" in report.to_json()
    with pytest.raises(ThiduaValidationError) as info:
        report.raise_if_errors()
    assert info.value.problems == report.problems
    assert Report((*report, problem("H011", "w"))).codes() == ["H011", "H013"]
    assert report[0].subject == "A"
    assert str(Report(())) == "no problems"
    assert str(Pointer()) == "<input>"
    assert str(Pointer(file="b.xlsx", sheet="units", row=2)) == "b.xlsx sheet units row 2"
