"""Problem codes as one ``StrEnum`` per family, and the catalogue built from them."""

from __future__ import annotations

import enum
import json
import re
from pathlib import Path

import pytest

from thidua.problems import (
    CODES,
    FAMILIES,
    FigureCode,
    HierarchyCode,
    Problem,
    ProblemCode,
    Report,
    Severity,
    StructureCode,
    cap_problems,
    problem,
    problem_code,
    summary_problem,
)

ROOT = Path(__file__).resolve().parent.parent


def test_every_catalogued_code_is_a_member_of_the_family_of_its_letter() -> None:
    missing = [code for code in CODES if not isinstance(CODES[code].code, ProblemCode)]
    assert missing == [], f"add a member to the family enum for: {missing}"
    for code, info in CODES.items():
        assert isinstance(info.code, FAMILIES[code[0]])
        assert info.code == code


def test_every_member_is_catalogued_once_and_names_are_unique() -> None:
    members = [m for family in FAMILIES.values() for m in family]
    assert len(members) == len(CODES)
    assert {m.value for m in members} == set(CODES)
    for family in FAMILIES.values():
        assert issubclass(family, enum.StrEnum)
        assert issubclass(family, ProblemCode)
        letters = {m.value[0] for m in family}
        assert len(letters) == 1
        assert FAMILIES[letters.pop()] is family
        for member in family:
            assert re.fullmatch(r"[A-Z][A-Z0-9_]+", member.name)


def test_a_member_equals_its_text_everywhere_a_code_is_used() -> None:
    code = HierarchyCode.DUPLICATE_UNIT_ID
    assert code == "H001"
    assert hash(code) == hash("H001")
    assert CODES[code] is CODES["H001"]
    p = problem(code, "duplicate unit id 'HN'", subject="HN")
    assert p.code == "H001"
    assert type(p.code) is str  # stored as its text: reprs and doctests unchanged
    assert p == problem("H001", "duplicate unit id 'HN'", subject="HN")
    direct = Problem(code=code, severity=Severity.ERROR, message="m")
    assert type(direct.code) is str
    assert json.loads(Report((p,)).to_json())[0]["code"] == "H001"
    assert json.dumps({"code": code}) == '{"code": "H001"}'
    assert Report((p,)).by_code(code) == (p,)
    assert Report((p,)).codes() == ["H001"]
    assert f"{code}" == str(code) == "H001"


def test_a_member_carries_its_catalogue_entry() -> None:
    assert FigureCode.NEGATIVE_COUNT.info is CODES["F005"]
    assert FigureCode.NEGATIVE_COUNT.severity is Severity.ERROR
    assert FigureCode.FRACTIONAL_COUNT.severity is Severity.WARNING
    assert StructureCode.DUPLICATE_KEY.fix.startswith("Give each key once")
    assert HierarchyCode.CYCLE.info.title == "cycle in a relation"
    assert HierarchyCode.CYCLE.title() == "H004"  # str's own method is not shadowed


def test_problem_code_finds_the_member_of_a_text_code() -> None:
    assert problem_code("S009") is StructureCode.DUPLICATE_KEY
    assert problem_code("H034") is HierarchyCode.TWO_LEADERS_AT_ONCE
    for bad in ("X001", "", "H999", "h001"):
        with pytest.raises(KeyError, match="no problem code"):
            problem_code(bad)


def test_the_summary_of_capped_problems_is_the_s030_member() -> None:
    many = [problem(HierarchyCode.NO_ADMIN_PARENT, f"unit {i}") for i in range(3)]
    kept = cap_problems(many, 1)
    assert [p.code for p in kept] == ["H012", StructureCode.MORE_PROBLEMS_THAN_LISTED]
    assert summary_problem(HierarchyCode.CYCLE, 1, 2).subject == "H004"
    again = cap_problems(kept, 1)
    assert [p.code for p in again] == ["H012", "S030"]


def test_the_docs_table_names_each_member() -> None:
    text = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w\d{3})` \|.*\| `(\w+)\.(\w+)` \|$", text, flags=re.MULTILINE)
    assert {code for code, _, _ in rows} == set(CODES)
    for code, family, name in rows:
        member = CODES[code].code
        assert isinstance(member, ProblemCode)
        assert (type(member).__name__, member.name) == (family, name)
