"""Bonus money: base salaries, multipliers per rule set, every rule of ``bonus``/``bonuses``."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest

from thidua.datasets import hanoi_path
from thidua.errors import ThiduaValidationError
from thidua.honours import (
    ROUNDING_STEP,
    BaseSalary,
    HonourKind,
    Multiplier,
    Recipient,
    bonus,
    bonus_totals,
    bonuses,
    extend_base_salaries,
    extend_catalogue,
    extend_multipliers,
    load_base_salaries,
    load_catalogue,
    load_multipliers,
    recipient_factor,
    round_up,
)
from thidua.io import DataTable
from thidua.people import Award, History, Membership
from thidua.workspace import Workspace, load


def _award(honour: str, decided_on: str, **kw: str) -> Award:
    fields = {"id": "A1", "recipient": "P1", "period": "2024", **kw}
    return Award(honour=honour, decided_on=decided_on, **fields)


def _history(*awards: Award, people: tuple[str, ...] = ("P1", "P2")) -> History:
    members = [Membership(person=p, unit="CD1", valid_from="2020-01-01") for p in people]
    return History.from_records(memberships=members, awards=awards)


# -- the tables -------------------------------------------------------------------------------


def test_the_base_salary_table_and_its_sources() -> None:
    table = load_base_salaries()
    assert [(r.valid_from, r.amount) for r in table] == [
        (pendulum.Date(2019, 7, 1), 1_490_000),
        (pendulum.Date(2023, 7, 1), 1_800_000),
        (pendulum.Date(2024, 7, 1), 2_340_000),
    ]
    assert [r.basis for r in table] == [
        "Decree 38/2019/NĐ-CP",
        "Decree 24/2023/NĐ-CP",
        "Decree 73/2024/NĐ-CP",
    ]
    assert table.on("2023-06-30").amount == 1_490_000  # type: ignore[union-attr]
    assert table.on("2023-07-01").amount == 1_800_000  # type: ignore[union-attr]
    assert table.on("2019-06-30") is None


def test_the_base_salary_table_is_extensible() -> None:
    table = extend_base_salaries(
        load_base_salaries(),
        [
            {"valid_from": "01/07/2026", "amount": "2.530.000", "basis": "mine"},
            BaseSalary(valid_from="2024-07-01", amount=2_000_000),
        ],
    )
    assert table.on("2026-07-01").amount == 2_530_000  # type: ignore[union-attr]
    assert table.on("2024-07-01").amount == 2_000_000  # type: ignore[union-attr]  # replaced
    assert len(table) == 4
    with pytest.raises(ThiduaValidationError) as caught:
        extend_base_salaries(load_base_salaries(), [{"valid_from": "x", "amount": "1"}])
    assert caught.value.problems[0].code == "A030"


def test_multipliers_of_decree_152_and_98_and_the_union() -> None:
    table = load_multipliers()
    under_152 = pendulum.Date(2025, 7, 1)
    expected = {
        "CSTD_TQ": 4.5, "CSTD_BO": 3.0, "CSTDCS": 1.0, "LDTT": 0.3, "TTLDXS": 1.5,
        "TTLDTT": 0.8, "CO_CP": 12.0, "CO_BO": 8.0, "BK_TTG": 3.5, "BK_BO": 1.5, "GK": 0.3,
        "HCLD1": 9.0, "HCLD2": 7.5, "HCLD3": 4.5, "AHLD": 15.5,
    }  # fmt: skip
    for code, value in expected.items():
        found = table.find(code, under_152)
        assert found is not None
        assert (found.multiplier, found.rule_set) == (value, "vn-2025")
        assert not found.check
    # Decree 98/2023 (vn-2024) until 30/06/2025: the Bằng khen ones differ, unverified
    for code, value in {"BK_TTG": 1.5, "BK_BO": 1.0}.items():
        found = table.find(code, pendulum.Date(2025, 6, 30))
        assert found is not None
        assert (found.multiplier, found.rule_set, found.check) == (
            value,
            "vn-2024",
            True,
        )
    for code in ("BK_LDLD", "BLDST", "DVCDXS", "CO_TLD", "CO_LDLD"):
        found = table.find(code, pendulum.Date(2025, 1, 1))
        assert found is not None
        assert found.rule_set == "cd-999-2024"
        assert found.check
    assert table.find("LDTT", pendulum.Date(2023, 12, 31)) is None  # no rule set in force


def test_user_multipliers_are_laid_over_the_shipped_ones() -> None:
    table = extend_multipliers(
        load_multipliers(),
        [
            {"honour": "CO_TLD", "multiplier": "10,5", "basis": "our rule"},
            Multiplier(rule_set="vn-2025", honour="LDTT", multiplier=0.4),
        ],
    )
    assert table.find("CO_TLD", pendulum.Date(2024, 6, 1)).multiplier == 10.5  # type: ignore[union-attr]
    assert table.find("LDTT", pendulum.Date(2025, 7, 1)).multiplier == 0.4  # type: ignore[union-attr]
    assert table.find("LDTT", pendulum.Date(2025, 6, 30)).multiplier == 0.3  # type: ignore[union-attr]
    with pytest.raises(ThiduaValidationError) as caught:
        extend_multipliers(load_multipliers(), [{"honour": "X", "multiplier": "much"}])
    assert caught.value.problems[0].code == "A030"
    assert "X" in caught.value.problems[0].message


# -- one bonus ------------------------------------------------------------------------------------


def test_rounding_up_once_and_a_multiple_stays() -> None:
    assert ROUNDING_STEP == 10_000
    assert round_up(702_000) == 710_000
    assert round_up(710_000) == 710_000
    assert round_up(Decimal("700000.01")) == 710_000
    assert round_up(1) == 10_000
    # LĐTT = 0.3 × 2,340,000 = 702,000 → paid as 710,000 (DOMAIN §6.5)
    b = bonus(_award("LDTT", "2025-07-10"))
    assert (b.computed, b.amount) == (Decimal("702000.0"), 710_000)
    assert "rounded up to a multiple of 10.000 VND: 710.000 VND" in b.explanation
    # CSTĐCS = 1.0 × 2,340,000: a multiple, kept as it is
    kept = bonus(_award("CSTDCS", "2025-07-10"))
    assert kept.amount == 2_340_000
    assert "a multiple of 10.000 VND: kept" in kept.explanation


def test_the_base_salary_of_the_decision_date_30_06_and_01_07_2024() -> None:
    before = bonus(_award("LDTT", "2024-06-30"))
    after = bonus(_award("LDTT", "2024-07-01"))
    assert (before.base_salary, before.base_salary_from) == (1_800_000, pendulum.Date(2023, 7, 1))
    assert before.amount == 540_000  # 0.3 × 1,800,000, a multiple
    assert (after.base_salary, after.base_salary_from) == (2_340_000, pendulum.Date(2024, 7, 1))
    assert after.amount == 710_000  # 0.3 × 2,340,000 = 702,000, rounded up
    assert "base salary from 01/07/2023, Decree 24/2023/NĐ-CP" in before.explanation
    assert "base salary from 01/07/2024, Decree 73/2024/NĐ-CP" in after.explanation


def test_the_rule_set_of_the_decision_date_gives_the_multiplier() -> None:
    old = bonus(_award("BK_TTG", "2025-06-30"))
    new = bonus(_award("BK_TTG", "2025-07-01"))
    assert (old.multiplier, old.rule_set, old.check, old.amount) == (
        1.5,
        "vn-2024",
        True,
        3_510_000,
    )
    assert (new.multiplier, new.rule_set, new.check, new.amount) == (
        3.5,
        "vn-2025",
        False,
        8_190_000,
    )
    assert "(check: unverified)" in old.explanation


def test_a_form_to_a_collective_pays_twice_a_collective_title_has_no_factor() -> None:
    assert recipient_factor(HonourKind.FORM, Recipient.COLLECTIVE) == 2
    assert recipient_factor(HonourKind.FORM, Recipient.HOUSEHOLD) == Decimal("1.5")
    assert recipient_factor(HonourKind.FORM, Recipient.INDIVIDUAL) == 1
    assert recipient_factor(HonourKind.TITLE, Recipient.COLLECTIVE) == 1
    form = bonus(_award("BK_BO", "2025-07-01", recipient="CD1"), recipient="collective")
    assert (form.factor, form.amount) == (Decimal(2), 7_020_000)  # 1.5 × 2,340,000 × 2
    assert "form to a collective" in form.explanation
    title = bonus(_award("TTLDXS", "2025-07-01", recipient="CD1"))
    assert (title.factor, title.multiplier, title.amount) == (Decimal(1), 1.5, 3_510_000)
    assert "title: no recipient factor" in title.explanation
    gk = bonus(_award("GK", "2025-07-01", recipient="CD1"), recipient="collective")
    assert gk.amount == 1_410_000  # 0.3 × 2,340,000 × 2 = 1,404,000, rounded up once


def test_no_multiplier_or_no_base_salary_is_unpaid_with_the_reason() -> None:
    none = bonus(_award("LDTT", "2019-01-01"))
    assert (none.paid, none.amount, none.multiplier, none.base_salary) == (False, 0, None, None)
    assert "no multiplier of LDTT in force on 01/01/2019" in none.reason
    assert "no base salary in force on 01/01/2019" in none.reason
    assert none.explanation == none.reason
    d = none.to_dict()
    assert d["amount"] == 0
    assert d["paid"] is False


def test_the_workspace_catalogue_gives_multipliers_of_its_own() -> None:
    cat = extend_catalogue(
        load_catalogue(),
        [{"code": "CNG_HN", "name_vi": "Công nhân giỏi Thủ đô", "multiplier": "0.5"},
         {"code": "CO_LDLD", "name_vi": "Cờ thi đua của LĐLĐ tỉnh", "recipient": "collective",
          "multiplier": "6"}],
    )  # fmt: skip
    own = bonus(_award("CNG_HN", "2025-07-01"), catalogue=cat)
    assert (own.multiplier, own.rule_set, own.amount) == (0.5, "honours", 1_170_000)
    replaced = bonus(_award("CO_LDLD", "2024-04-27", recipient="CD1"), catalogue=cat)
    assert (replaced.multiplier, replaced.amount) == (6.0, 10_800_000)
    shipped = bonus(_award("LDTT", "2025-07-01"), catalogue=cat)
    assert shipped.rule_set == "vn-2025"


# -- the bonuses of a period ----------------------------------------------------------------------


def test_two_titles_of_one_period_pay_only_the_higher_forms_always_pay() -> None:
    h = _history(
        _award("LDTT", "2025-01-10", id="L1"),
        _award("CSTDCS", "2025-01-10", id="C1"),
        _award("GK", "2025-01-10", id="G1"),
        _award("BK_BO", "2025-01-20", id="B1"),
        _award("LDTT", "2025-01-10", id="L2", recipient="P2"),
        _award("LDTT", "2024-01-10", id="L0", period="2023"),
    )
    result = bonuses(h, "2024")
    by = {b.award: b for b in result}
    assert set(by) == {"L1", "C1", "G1", "B1", "L2"}  # L0 is of 2023
    assert by["C1"].paid
    assert by["C1"].amount == 2_340_000
    assert not by["L1"].paid
    assert by["L1"].amount == 710_000
    assert (
        "CSTDCS (C1, 2.340.000 VND) is a title for the same achievement period" in by["L1"].reason
    )
    assert by["G1"].paid
    assert by["B1"].paid
    assert by["L2"].paid  # another recipient
    assert result.total() == 2_340_000 + 710_000 + 2_340_000 + 710_000
    assert result.total(paid_only=False) == result.total() + 710_000
    assert result["L1"] == by["L1"]
    with pytest.raises(KeyError):
        result["nope"]
    assert repr(result).startswith("<Bonuses 2024: 4 of 5 paid")


def test_equal_titles_pay_the_earliest_decision() -> None:
    h = _history(
        _award("LDTT", "2025-01-12", id="L2"),
        _award("DVCDXS", "2025-01-10", id="D1"),  # 0.3 (check) too: the same amount
    )
    by = {b.award: b for b in bonuses(h, "2024")}
    assert by["D1"].paid
    assert not by["L2"].paid


def test_titles_of_different_periods_both_pay() -> None:
    h = _history(
        _award("CSTD_BO", "2025-02-01", id="B", period="giai đoạn 2022-2024"),
        _award("CSTDCS", "2025-01-10", id="C"),
    )
    result = bonuses(h, "2024")
    assert [b.paid for b in result] == [True, True]


def test_a_revoked_award_is_listed_unpaid() -> None:
    h = _history(
        _award("CSTDCS", "2025-01-10", id="C1", revoked_on="2025-03-01"),
        _award("LDTT", "2025-01-10", id="L1"),
    )
    by = {b.award: b for b in bonuses(h, "2024")}
    assert not by["C1"].paid
    assert by["C1"].reason == "revoked on 01/03/2025"
    assert by["C1"].amount == 2_340_000
    assert by["L1"].paid  # the revoked title no longer takes the LĐTT's place
    later = {b.award: b for b in bonuses(h, "2024", on="2025-02-01")}
    assert later["C1"].paid
    assert not later["L1"].paid


def test_unknown_multipliers_warn_a030() -> None:
    h = _history(_award("CDCS_HTXS", "2025-01-10", recipient="CD1"))
    result = bonuses(h, "2024")
    assert [p.code for p in result.problems] == ["A030"]
    assert "no multiplier of CDCS_HTXS" in result.problems[0].message
    assert result.bonus(0).amount == 0
    assert not result.bonus(0).paid


def test_period_selection_by_the_end_of_the_achievement_period() -> None:
    h = _history(
        _award("LDTT", "2024-09-10", id="S", period="năm học 2023-2024"),
        _award("GK", "2024-05-10", id="N", period=""),
        _award("GK", "2025-05-10", id="X", period=""),
    )
    assert [b.award for b in bonuses(h, "2024")] == ["N", "S"]


def test_bonuses_on_a_workspace_and_totals_up_the_hierarchy() -> None:
    ws = load(hanoi_path())
    result = bonuses(ws, "2023")
    assert len(result) > 1000
    assert {p.code for p in result.problems} <= {"A030"}
    paid = [b for b in result if b.paid]
    assert all(b.amount % 10_000 == 0 for b in result)
    bk_ttg = [b for b in paid if b.honour == "BK_TTG"]
    assert bk_ttg
    assert all(b.base_salary == 2_340_000 for b in bk_ttg)
    ldtt = [b for b in paid if b.honour == "LDTT"]
    assert ldtt
    assert all(b.amount == 540_000 for b in ldtt)
    totals = bonus_totals(ws, "2023", result=result)
    assert totals.value("HN", "bonus_paid") == result.total()
    assert totals.value("HN", "bonus_awards") == len(paid)
    districts = [u for u, r in zip(totals.units, totals.ranks, strict=True) if r == 2]
    by_district = sum(
        v
        for u in districts
        if (v := totals.value(u, "bonus_paid")) == v  # not NaN
    )
    assert by_district == result.total()  # every paid bonus is under one district


def test_bonuses_refuse_a_workspace_with_people_errors() -> None:
    ws = load(hanoi_path())
    broken = DataTable.from_rows(
        ws.table("awards").declaration,
        [{"id": "A1", "recipient": "NOBODY", "honour": "LDTT", "decided_on": "2024-01-01"}],
    )
    bad = Workspace(dataset=ws.dataset, tables={**ws.tables, "awards": broken})
    with pytest.raises(ThiduaValidationError):
        bonuses(bad, "2023")


def test_records_frames_and_filtered_totals() -> None:
    h = _history(_award("LDTT", "2025-01-10", id="L1"), _award("GK", "2025-01-10", id="G1"))
    result = bonuses(h, "2024")
    records = result.to_records()
    assert [r["award"] for r in records] == ["L1", "G1"]
    assert records[0]["explanation"] == result["L1"].explanation
    frame = result.to_pandas()
    assert list(frame["amount"]) == [710_000, 710_000]
    assert list(frame["paid"]) == [True, True]
    ws = load(hanoi_path())
    totals = bonus_totals(ws, "2023", units=["HN"])
    assert totals.units == ("HN",)
    assert totals.value("HN", "bonus_paid") == bonuses(ws, "2023").total()
