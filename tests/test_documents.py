"""Document symbols: parts, folded keys, errors and the A001 problem."""

from __future__ import annotations

import pytest

from thidua._source import Pointer
from thidua.documents import (
    DocumentSymbolError,
    document_key,
    fold_symbol,
    parse_symbol,
    symbol_problem,
)


@pytest.mark.parametrize(
    ("text", "number", "year", "doc_type", "issuer", "unit"),
    [
        ("80/KH-LĐLĐ", 80, None, "KH", "LĐLĐ", None),
        ("1234/QĐ-TLĐ", 1234, None, "QĐ", "TLĐ", None),
        ("06/2022/QH15", 6, 2022, None, "QH15", None),
        ("98/2023/NĐ-CP", 98, 2023, "NĐ", "CP", None),
        ("152/2025/NĐ-CP", 152, 2025, "NĐ", "CP", None),
        ("999/QĐ-TLĐ", 999, None, "QĐ", "TLĐ", None),
        ("02/2023/TT-BNV", 2, 2023, "TT", "BNV", None),
        ("1294/HD-TLĐ", 1294, None, "HD", "TLĐ", None),
        ("4173/TLĐ-ToC", 4173, None, None, "TLĐ", "ToC"),
        ("1940/QĐ-LĐLĐ", 1940, None, "QĐ", "LĐLĐ", None),
    ],
)
def test_parts(
    text: str, number: int, year: int | None, doc_type: str | None, issuer: str, unit: str | None
) -> None:
    s = parse_symbol(text)
    assert (s.number, s.year, s.type, s.issuer, s.unit) == (number, year, doc_type, issuer, unit)
    assert s.text == text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("80/KH-LDLD", "80/KH-LĐLĐ"),
        ("999/QD-TLD", "999/QĐ-TLĐ"),
        ("98/2023/ND-CP", "98/2023/NĐ-CP"),
        ("080/kh-lđlđ", "80/KH-LĐLĐ"),
        ("80 / KH - LĐLĐ", "80/KH-LĐLĐ"),
        ("80/KH-\u00d0L\u00d0", "80/KH-ĐLĐ"),  # U+00D0 typed for Đ
        ("80/KH–LĐLĐ", "80/KH-LĐLĐ"),  # en dash
    ],
)
def test_folded_variants_share_a_key(a: str, b: str) -> None:
    assert parse_symbol(a).key == parse_symbol(b).key


def test_canonical_type_spelling_from_stripped_input() -> None:
    assert parse_symbol("999/QD-TLD").type == "QĐ"
    assert parse_symbol("98/2023/ND-CP").suffix == "NĐ-CP"


def test_different_documents_differ() -> None:
    assert parse_symbol("80/KH-LĐLĐ").key != parse_symbol("80/QĐ-LĐLĐ").key
    assert parse_symbol("80/KH-LĐLĐ").key != parse_symbol("81/KH-LĐLĐ").key
    assert document_key("80/KH-LĐLĐ", year=2023) != document_key("80/KH-LĐLĐ", year=2024)


def test_written_year_wins_over_the_given_one() -> None:
    assert document_key("98/2023/NĐ-CP", year=2024) == document_key("98/2023/ND-CP")


def test_fold() -> None:
    assert fold_symbol("Quyết định") == "QUYETDINH"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "KH-LĐLĐ",
        "/KH-LĐLĐ",
        "80",
        "80/",
        "80/KH-",
        "80/-LĐLĐ",
        "1/2/3/4",
        "80/1800/NĐ-CP",
        "80/20x3/NĐ-CP",
        "abc/KH-LĐLĐ",
        "80/KH LĐLĐ!",
    ],
)
def test_unreadable(text: str) -> None:
    with pytest.raises(DocumentSymbolError) as info:
        parse_symbol(text)
    assert isinstance(info.value, ValueError)
    assert "document symbol" in str(info.value)


def test_not_text() -> None:
    with pytest.raises(DocumentSymbolError):
        parse_symbol(80)  # type: ignore[arg-type]


def test_problem_record_names_subject_and_pointer() -> None:
    pointer = Pointer(file="awards.csv", row=3, column="decision")
    p = symbol_problem("80-KH", subject="AW1", pointer=pointer)
    assert p is not None
    assert p.code == "A001"
    assert p.subject == "AW1"
    assert p.pointer == pointer
    assert "80-KH" in p.message
    assert symbol_problem("80/KH-LĐLĐ") is None
