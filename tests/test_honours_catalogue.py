"""The shipped catalogue, user rows, rule-set data and the explanation renderings."""

from __future__ import annotations

import json

import pytest

from tests.strategies_people import award, history, member, ratings
from thidua.errors import ThiduaValidationError, UnknownNameError
from thidua.honours import (
    RULE_SETS,
    All,
    AnyOf,
    CommendationType,
    Honour,
    HonourKind,
    Not,
    RatedAtLeast,
    Recipient,
    Rule,
    derive_rule_set,
    eligibility,
    extend_catalogue,
    get_rule_set,
    last_step,
    load_catalogue,
    previous_period,
)
from thidua.people import Grade
from thidua.periods import Period

ISSUE_CODES = {
    "LDTT",
    "CSTDCS",
    "CSTD_BO",
    "CSTD_TQ",
    "TTLDTT",
    "TTLDXS",
    "CO_BO",
    "CO_CP",
    "BK_TTG",
    "BK_BO",
    "BK_LDLD",
    "GK",
    "HCLD1",
    "HCLD2",
    "HCLD3",
    "BLDST",
    "DVCDXS",
    "CDCS_HTXS",
    "CO_TLD",
    "CO_LDLD",
    "BK_CD",
}


def test_catalogue_has_every_code_of_the_issue() -> None:
    cat = load_catalogue()
    assert set(cat.codes()) >= ISSUE_CODES
    assert all(code.isascii() for code in cat.codes())
    assert len(set(cat.codes())) == len(cat)


def test_catalogue_fields() -> None:
    cat = load_catalogue()
    assert cat["TTLDXS"].recipient is Recipient.COLLECTIVE
    assert cat["BK_TTG"].kind is HonourKind.FORM
    assert cat["BK_CD"].type is CommendationType.THEMATIC
    assert not cat["BK_CD"].type.counts_toward_chains
    assert cat["GDVH"].recipient is Recipient.HOUSEHOLD
    multipliers = {
        c: cat[c].multiplier
        for c in (
            "CSTD_TQ",
            "CSTD_BO",
            "CSTDCS",
            "LDTT",
            "TTLDXS",
            "TTLDTT",
            "CO_CP",
            "CO_BO",
            "BK_TTG",
            "BK_BO",
            "GK",
            "HCLD1",
            "HCLD2",
            "HCLD3",
            "AHLD",
        )
    }
    assert multipliers == {
        "CSTD_TQ": 4.5,
        "CSTD_BO": 3.0,
        "CSTDCS": 1.0,
        "LDTT": 0.3,
        "TTLDXS": 1.5,
        "TTLDTT": 0.8,
        "CO_CP": 12.0,
        "CO_BO": 8.0,
        "BK_TTG": 3.5,
        "BK_BO": 1.5,
        "GK": 0.3,
        "HCLD1": 9.0,
        "HCLD2": 7.5,
        "HCLD3": 4.5,
        "AHLD": 15.5,
    }
    assert cat["BLDST"].check
    assert cat["BK_CD"].check
    assert not cat["LDTT"].check
    assert cat.implied_by("LDTT") == {"LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ"}
    assert cat.implied_by("GK") == {"GK"}
    with pytest.raises(UnknownNameError, match="did you mean 'LDTT'"):
        cat["LDTTT"]


def test_extend_catalogue_adds_and_replaces() -> None:
    base = load_catalogue()
    cat = extend_catalogue(
        base,
        [
            {
                "code": "CNG_HN",
                "name_vi": "Công nhân giỏi Thủ đô",
                "kind": "title",
                "recipient": "individual",
                "multiplier": "0,5",
                "check": "yes",
                "implies": "LDTT",
            },
            {"code": "GK", "name_vi": "Giấy khen (sửa)", "kind": "form", "recipient": "collective"},
            Honour(code="X1", name_vi="Thử", kind="form", recipient="household"),
        ],
    )
    assert cat["CNG_HN"].multiplier == 0.5
    assert cat["CNG_HN"].check
    assert "CNG_HN" in cat.implied_by("LDTT")
    assert cat["GK"].recipient is Recipient.COLLECTIVE
    assert cat.codes().index("GK") == base.codes().index("GK")
    assert "X1" in cat
    assert "X1" not in base
    assert base["GK"].recipient is Recipient.INDIVIDUAL  # the input is unchanged


def test_extend_catalogue_collects_every_bad_row() -> None:
    with pytest.raises(ThiduaValidationError) as info:
        extend_catalogue(
            load_catalogue(),
            [
                {"code": "", "name_vi": "X"},
                {"code": "Ý", "name_vi": "X"},
                {"code": "A", "name_vi": ""},
                {"code": "B", "name_vi": "B", "recipient": "company"},
                {"code": "C", "name_vi": "C", "type": "bonus"},
                {"code": "D", "name_vi": "D", "multiplier": "lots"},
            ],
        )
    problems = info.value.problems
    assert [p.code for p in problems] == ["A005"] * 6
    assert "row 5" in problems[3].message


def test_rule_sets_are_data_with_instruments_and_periods() -> None:
    assert set(RULE_SETS) == {"vn-2024", "vn-2025", "vn-draft-2025", "cd-999-2024"}
    vn24, vn25 = get_rule_set("vn-2024"), get_rule_set("vn-2025")
    assert vn24.instruments == ("06/2022/QH15", "98/2023/NĐ-CP")
    assert vn24.effective_to == vn25.effective_from
    assert str(vn25.effective_to) == "2027-03-01"
    assert get_rule_set("vn-draft-2025").draft
    for rs in RULE_SETS.values():
        assert rs.sources
        for code, rule in rs.rules.items():
            assert code in load_catalogue(), code
            assert rule.basis
    assert set(get_rule_set("cd-999-2024").rules) >= {"LDTT", "BLDST", "TTLDTT"}
    assert get_rule_set(vn24) is vn24
    assert vn24.requires("BK_TTG") == frozenset()
    assert vn24.requires("CSTD_BO") == {"CSTDCS", "LDTT"}


def test_periods_of_chains() -> None:
    assert previous_period(Period.year(2024)) == Period.year(2023)
    assert previous_period(Period.school_year(2023)) == Period.school_year(2022)
    assert previous_period(Period.emulation_year(2025)) == Period.emulation_year(2024)
    assert previous_period(Period.half(2024, 1)) == Period.half(2023, 2)
    assert previous_period(Period.quarter(2024, 1)) == Period.quarter(2023, 4)
    assert previous_period(Period.between("2024-03-10", "2024-03-20")) == Period.between(
        "2024-02-29", "2024-03-10"
    )
    assert last_step(Period.stage(2022, 2024)) == Period.year(2024)
    assert last_step(Period.school_year(2023)) == Period.school_year(2023)


def test_logic_conditions_in_a_user_rule_set() -> None:
    rules = derive_rule_set(
        get_rule_set("vn-2024"),
        id="mine",
        rules=[
            Rule(
                honour="GK",
                condition=AnyOf(
                    of=(RatedAtLeast(grade=Grade.HTXS), Not(of=RatedAtLeast(grade=Grade.HT)))
                ),
            ),
            Rule(honour="DVCDXS", condition=All(of=())),
        ],
    )
    h = history(
        member("P"),
        member("Q"),
        member("R"),
        ratings("P", {2024: "HTXS"}),
        ratings("Q", {2024: "HT"}),
        ratings("R", {2024: "KHT"}),
    )
    assert eligibility(h, load_catalogue(), "GK", "2024", rules=rules).eligible_subjects() == (
        "P",
        "R",
    )
    assert (
        len(eligibility(h, load_catalogue(), "DVCDXS", "2024", rules=rules).eligible_subjects())
        == 3
    )


def test_explanations_render_in_both_languages_and_as_json() -> None:
    h = history(member("P"), ratings("P", {2024: "HTT"}))
    result = eligibility(h, load_catalogue(), "CSTDCS", "2024")
    verdict = result.verdict("P")
    assert not verdict.eligible
    en, vi = verdict.explain("en"), verdict.explain("vi")
    assert en.startswith("P: not eligible for CSTDCS (Chiến sĩ thi đua cơ sở) in 2024")
    assert "[x] meets the LDTT standard in 2024" in en
    assert "[ ] at least one of the following" in en
    assert "no initiative" in en
    assert vi.startswith("P: KHÔNG ĐỦ điều kiện Chiến sĩ thi đua cơ sở (CSTDCS) năm 2024")
    assert "không có sáng kiến" in vi
    assert "căn cứ" in vi
    data = json.loads(json.dumps(verdict.to_dict()))
    assert data["subject"] == "P"
    assert data["honour"] == "CSTDCS"
    assert data["period"] == "2024"
    assert data["rule_set"] == "vn-2024"
    assert data["eligible"] is False
    assert {"condition", "met", "detail"} <= set(data["conditions"][0])
    assert result.to_records() == [
        {
            "subject": "P",
            "honour": "CSTDCS",
            "period": "2024",
            "rule_set": "vn-2024",
            "eligible": False,
        }
    ]
    assert "0 of 1 eligible" in repr(result)


def test_explanation_shows_held_awards_and_window() -> None:
    h = history(
        member("P"),
        ratings("P", dict.fromkeys(range(2018, 2025), "HTT")),
        award("P", "BK_BO", 2019, "2020-03-01", decision="55/QĐ-UBND"),
    )
    text = eligibility(h, load_catalogue(), "BK_TTG", "2024").verdict("P").explain()
    assert "BK_BO năm 2019 (55/QĐ-UBND, 01/03/2020)" in text
    assert "an unbroken run of 5 periods, 0 of them CSTDCS; counted from 01/01/2020" in text


def test_review_and_discipline_evidence() -> None:
    from thidua.people import Discipline, Review

    h = history(
        member("P"),
        ratings("P", {2024: "HTT"}),
        Review(subject="P", valid_from="2024-11-01"),
        Discipline(person="P", form="warning", decided_on="2024-02-01", valid_to="2025-02-01"),
    )
    text = (
        eligibility(h, load_catalogue(), "LDTT", "2024", rules="cd-999-2024").verdict("P").explain()
    )
    assert "under review since 01/11/2024" in text
    assert "P: warning 01/02/2024–01/02/2025" in text
    assert "no registration" in text


def test_unit_explanations() -> None:
    recs: list[object] = [member(f"M{i}", unit="CD") for i in range(4)]
    for i in range(4):
        recs += ratings(f"M{i}", {2024: "HTT" if i < 2 else "HT"})
    h = history(*recs, ratings("CD", {2024: "HTXS"}))
    result = eligibility(h, load_catalogue(), "TTLDXS", "2024")
    text = result.verdict("CD").explain()
    assert "2 of 4 members LDTT (50.0 %)" in text
    assert "all 4 members are" in text
    assert "0 of 4 members CSTDCS" in text
    assert result.subjects == ("CD",)


def test_rule_set_from_data_builds_every_condition_kind() -> None:
    from thidua.errors import InvalidArgumentError
    from thidua.honours import condition_from_data, rule_set_from_data
    from thidua.people import AbsenceReason, DisciplineForm

    tree = condition_from_data(
        {
            "all": [
                {"rated_at_least": "Hoàn thành tốt nhiệm vụ"},
                {"meets": "LDTT"},
                {"consecutive_holds": {"honour": "CSTDCS", "n": 3, "window": ["CSTD_BO"]}},
                {"consecutive_awards": {"honour": "CSTD_BO", "n": 2}},
                {
                    "consecutive_rated": {
                        "grade": "HTT",
                        "n": 5,
                        "including": "CSTDCS",
                        "including_count": 3,
                        "window": "BK_BO",
                    }
                },
                {"holds_at_all": "BK_BO"},
                {"initiatives": {"level": "cấp tỉnh", "count": 2, "span": 3}},
                {"member_share": {"honour": "LDTT", "share": 0.7}},
                {"every_member_rated": "HT"},
                {"any_member_holds": "CSTDCS"},
                {"no_discipline": {"form": "cảnh cáo", "members": True}},
                {"registered": None},
                {"absent_less": {"days": 40, "except_reasons": ["thai sản", "study"]}},
                {"in_post": 10},
                {"not_under_review": None},
                {"benefit_at_least": {"worker": 80e6, "graduate": "150000000", "span": 1}},
                {"any": [{"not": {"rated_at_least": "KHT"}}]},
            ]
        }
    )
    assert isinstance(tree, All)
    kinds = [type(c).__name__ for c in tree.of]
    assert kinds[:4] == ["RatedAtLeast", "Meets", "ConsecutiveHolds", "ConsecutiveAwards"]
    assert tree.of[4].window == ("BK_BO",)  # type: ignore[attr-defined]
    assert tree.of[10].form is DisciplineForm.WARNING  # type: ignore[attr-defined]
    assert tree.of[12].except_reasons == (AbsenceReason.MATERNITY, AbsenceReason.STUDY)  # type: ignore[attr-defined]
    assert tree.of[15].graduate == 150e6  # type: ignore[attr-defined]

    rs = rule_set_from_data(
        {
            "id": "own",
            "name": "Own",
            "instruments": ["1/QĐ-X"],
            "effective_from": "2024-01-01",
            "sources": "a regulation",
            "rules": {"LDTT": {"condition": {"rated_at_least": "HT"}, "basis": "1/QĐ-X"}},
        }
    )
    assert rs.instruments == ("1/QĐ-X",)
    assert rs.sources == ("a regulation",)
    h = history(member("P"), ratings("P", {2024: "HT"}))
    assert eligibility(h, load_catalogue(), "LDTT", "2024", rules=rs).verdict("P").eligible

    bad = [
        ({"rated_at_least": "HTT", "x": 1}, "one key"),
        ({"bogus": 1}, "unknown condition"),
        ({"all": "x"}, "list of conditions"),
        ({"in_post": {"months": 10, "days": 3}}, "no field 'days'"),
        ({"in_post": {"months": True}}, "whole number"),
        ({"member_share": {"honour": "LDTT", "share": []}}, "expected a number"),
        ({"consecutive_holds": 3}, "mapping of fields"),
        ({"consecutive_holds": {"honour": "X"}}, "missing"),
        ({"absent_less": {"days": 4, "except_reasons": 3}}, "list of reasons"),
        ({"holds_at_all": {"window": 3}}, "no field"),
    ]
    for data, message in bad:
        with pytest.raises(InvalidArgumentError, match=message):
            condition_from_data(data)
    with pytest.raises(InvalidArgumentError, match=r"\$\.all\[1\]\.in_post"):
        condition_from_data({"all": [{"meets": "LDTT"}, {"in_post": "ten"}]})
    with pytest.raises(InvalidArgumentError, match="needs an id"):
        rule_set_from_data({"rules": {}})
    with pytest.raises(InvalidArgumentError, match="effective_from"):
        rule_set_from_data({"id": "x"})
    with pytest.raises(InvalidArgumentError, match="condition"):
        rule_set_from_data({"id": "x", "base": "vn-2024", "rules": {"GK": {"basis": "b"}}})
    with pytest.raises(InvalidArgumentError, match="mapping of honour code"):
        rule_set_from_data({"id": "x", "base": "vn-2024", "rules": []})
    with pytest.raises(UnknownNameError):
        rule_set_from_data({"id": "x", "base": "vn-1999"})
    with pytest.raises(InvalidArgumentError, match=r"rule data \$"):
        rule_set_from_data({"id": "x", "effective_from": "not a date"})


def test_to_pandas() -> None:
    pytest.importorskip("pandas")
    h = history(member("P"), member("Q"), ratings("P", {2024: "HTT"}))
    df = eligibility(h, load_catalogue(), "LDTT", "2024").to_pandas()
    assert df["subject"].tolist() == ["P", "Q"]
    assert df["eligible"].tolist() == [True, False]
    assert set(df["rule_set"]) == {"vn-2024"}
