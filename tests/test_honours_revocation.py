"""Revocation: every award that rested on a revoked one is found and re-checked without it."""

from __future__ import annotations

import pendulum
import pytest

from thidua.datasets import hanoi_path
from thidua.errors import UnknownNameError
from thidua.honours import (
    All,
    Rule,
    Withdrawn,
    derive_rule_set,
    eligibility,
    get_rule_set,
    load_catalogue,
    references,
    revoke_impact,
)
from thidua.people import Award, History, Initiative, Membership, Rating
from thidua.periods import Period
from thidua.workspace import load


def _chain_history(*, extra: tuple[Award, ...] = ()) -> History:
    """P1: CSTĐCS 2017–2022, CSTĐ bộ/tỉnh 2017–2019 and 2020–2022, CSTĐ toàn quốc 2020–2022."""
    ratings = [Rating(subject="P1", period=str(y), rating="HTXS") for y in range(2017, 2025)]
    awards = [
        Award(
            id=f"CS{y}",
            recipient="P1",
            honour="CSTDCS",
            period=str(y),
            decided_on=f"{y + 1}-01-15",
        )
        for y in range(2017, 2023)
    ]
    awards += [
        Award(
            id="BO1",
            recipient="P1",
            honour="CSTD_BO",
            period="giai đoạn 2017-2019",
            decided_on="2020-03-01",
            initiatives="SK1",
        ),
        Award(
            id="BO2",
            recipient="P1",
            honour="CSTD_BO",
            period="giai đoạn 2020-2022",
            decided_on="2024-03-01",
            initiatives="SK2",
        ),
        Award(
            id="TQ1",
            recipient="P1",
            honour="CSTD_TQ",
            period="giai đoạn 2020-2022",
            decided_on="2024-06-01",
            initiatives="SK3",
        ),
        *extra,
    ]
    initiatives = [
        Initiative(id="SK1", authors="P1", level="province", recognised_on="2019-05-01"),
        Initiative(id="SK2", authors="P1", level="province", recognised_on="2022-05-01"),
        Initiative(id="SK3", authors="P1", level="national", recognised_on="2022-06-01"),
    ]
    return History.from_records(
        memberships=[Membership(person="P1", unit="CD1", valid_from="2015-01-01")],
        ratings=ratings,
        awards=awards,
        initiatives=initiatives,
    )


def test_a_chain_of_two_levels() -> None:
    result = revoke_impact(_chain_history(), "CS2021", on="2025-01-01")
    assert result.hypothetical
    assert result.on == pendulum.Date(2025, 1, 1)
    rows = [(i.award.id, i.level, i.rests_on, i.eligible_before, i.eligible_after) for i in result]
    assert rows == [
        ("BO2", 1, ("CS2021",), True, False),
        ("TQ1", 2, ("CS2021", "BO2"), True, False),
    ]
    bo2, tq1 = result.impacts
    assert bo2.relation == tq1.relation == "chain"
    assert bo2.falls
    assert bo2.unmet() == [
        "3 consecutive periods of CSTDCS up to 2020-01-01/2023-01-01: 2022 ✓; 2021 ✗; 2020 ✓"
    ]
    assert "0 consecutive" in tq1.unmet()[0]
    assert "rested on CS2021 → BO2" in tq1.chain()
    assert "no longer eligible" in tq1.chain()
    assert [i.award.id for i in result.fallen()] == ["BO2", "TQ1"]
    # the earlier stage is untouched: BO1 does not rest on a 2021 award
    assert "BO1" not in {i.award.id for i in result}


def test_depth_one_stops_after_the_first_level() -> None:
    result = revoke_impact(_chain_history(), "CS2021", depth=1)
    assert [i.award.id for i in result] == ["BO2"]


def test_an_award_outside_every_chain_changes_nothing() -> None:
    # a revoked CSTĐCS of 2016 is in no chain of 3 ending with an award's period
    extra = (Award(id="CS2016", recipient="P1", honour="CSTDCS", period="2016",
                   decided_on="2017-01-15"),)  # fmt: skip
    assert len(revoke_impact(_chain_history(extra=extra), "CS2016")) == 0


def test_an_award_that_still_stands_is_reported_and_not_followed() -> None:
    # a Bằng khen bộ/tỉnh of 2022 on 2 CSTĐCS, or on 2 years HTXS and 2 initiatives: it stands
    h = History.from_records(
        memberships=[Membership(person="P2", unit="CD1", valid_from="2015-01-01")],
        ratings=[Rating(subject="P2", period=str(y), rating="HTXS") for y in (2020, 2021, 2022)],
        initiatives=[
            Initiative(id=f"G{y}", authors="P2", level="grassroots", recognised_on=f"{y}-05-01")
            for y in (2021, 2022)
        ],
        awards=[
            *(Award(id=f"C{y}", recipient="P2", honour="CSTDCS", period=str(y),
                    decided_on=f"{y + 1}-01-15") for y in (2021, 2022)),
            Award(id="BK", recipient="P2", honour="BK_BO", period="2022", decided_on="2023-03-01"),
        ],
    )  # fmt: skip
    result = revoke_impact(h, "C2021")
    assert [(i.award.id, i.relation, i.eligible_after) for i in result] == [("BK", "chain", True)]
    assert "still eligible" in result.impacts[0].chain()
    assert result.impacts[0].unmet() == []
    assert result.fallen() == ()
    # decided in 2023, before any shipped rule set: re-checked with vn-2024, with A004
    assert result.impacts[0].rule_set == "vn-2024"
    assert [p.code for p in result.problems] == ["A004"]
    explicit = revoke_impact(h, "C2021", rules="vn-2025")
    assert explicit.impacts[0].rule_set == "vn-2025"


def test_a_revoked_award_in_the_data_stops_counting_from_its_day() -> None:
    extra = (Award(id="GK1", recipient="P1", honour="GK", period="2021", decided_on="2022-01-10",
                   revoked_on="2025-02-01"),)  # fmt: skip
    h = _chain_history(extra=extra)
    result = revoke_impact(h, "GK1")
    assert not result.hypothetical
    assert result.on == pendulum.Date(2025, 2, 1)
    assert len(result) == 0  # no rule reads a Giấy khen
    assert result.to_dict()["revoked"]["revoked_on"] == "2025-02-01"


def _collective(members: int, revoked: str | None = None) -> History:
    people = [f"P{i}" for i in range(1, members + 1)]
    return History.from_records(
        memberships=[Membership(person=p, unit="CD1", valid_from="2020-01-01") for p in people],
        ratings=[Rating(subject=s, period="2024", rating="HTT") for s in (*people, "CD1")],
        awards=[
            *(
                Award(id=f"L{p}", recipient=p, honour="LDTT", period="2024",
                      decided_on="2025-01-10", revoked_on=revoked if p == "P1" else None)
                for p in people
            ),
            Award(id="T1", recipient="CD1", honour="TTLDTT", period="2024",
                  decided_on="2025-01-15"),
        ],
    )  # fmt: skip


def test_a_collective_that_falls_under_70_percent() -> None:
    # 10 members, all LĐTT: 100 %; without P1's LĐTT: 9/10 = 90 %, still over 70 %
    result = revoke_impact(_collective(10, revoked="2025-03-01"), "LP1")
    (impact,) = result.impacts
    assert (impact.award.id, impact.relation, impact.eligible_after) == ("T1", "member", True)
    # 3 members: without P1's LĐTT 2/3 = 66.7 % < 70 %: the TTLĐTT falls
    result = revoke_impact(_collective(3, revoked="2025-03-01"), "LP1")
    (impact,) = result.impacts
    assert (impact.eligible_before, impact.eligible_after) == (True, False)
    assert impact.unmet() == ["at least 70 % of members LDTT in 2024: 2 of 3 members LDTT (66.7 %)"]
    payload = result.to_dict()
    assert payload["affected"][0]["still_eligible"] is False
    assert payload["affected"][0]["relation"] == "member"
    assert any(c["met"] is False for c in payload["affected"][0]["conditions"])


def test_a_member_who_left_before_the_period_ended_does_not_count() -> None:
    h = History.from_records(
        memberships=[
            Membership(person="P1", unit="CD1", valid_from="2020-01-01", valid_to="2024-06-01"),
            Membership(person="P2", unit="CD1", valid_from="2020-01-01"),
        ],
        ratings=[Rating(subject=s, period="2024", rating="HTT") for s in ("P1", "P2", "CD1")],
        awards=[
            Award(id="L1", recipient="P1", honour="LDTT", period="2024", decided_on="2025-01-10"),
            Award(id="T1", recipient="CD1", honour="TTLDTT", period="2024",
                  decided_on="2025-01-15"),
        ],
    )  # fmt: skip
    assert len(revoke_impact(h, "L1")) == 0


def test_a_collective_title_through_a_member_and_a_chain() -> None:
    # the member's CSTĐCS revoked: the TTLĐXS (needs a member CSTĐCS) falls
    h = History.from_records(
        memberships=[Membership(person=p, unit="CD1", valid_from="2020-01-01")
                     for p in ("P1", "P2")],
        ratings=[Rating(subject="P1", period="2024", rating="HTT"),
                 Rating(subject="P2", period="2024", rating="HTT"),
                 Rating(subject="CD1", period="2024", rating="HTXS")],
        awards=[
            Award(id="C1", recipient="P1", honour="CSTDCS", period="2024",
                  decided_on="2025-01-10"),
            Award(id="X1", recipient="CD1", honour="TTLDXS", period="2024",
                  decided_on="2025-01-20"),
        ],
    )  # fmt: skip
    result = revoke_impact(h, "C1")
    (impact,) = result.impacts
    assert impact.award.id == "X1"
    assert (impact.eligible_before, impact.eligible_after) == (True, False)
    assert any("at least one member CSTDCS" in u for u in impact.unmet())


def test_unknown_award_is_an_error_with_a_hint() -> None:
    with pytest.raises(UnknownNameError, match="CS2020"):
        revoke_impact(_chain_history(), "CS202")


def test_references_say_how_a_rule_reads_each_honour() -> None:
    rules = get_rule_set("vn-2024").rules
    assert references(rules["CSTDCS"].condition) == {("LDTT", "same_period")}
    assert references(rules["TTLDTT"].condition) == {("LDTT", "member")}
    assert references(rules["BK_TTG"].condition) == {("BK_BO", "chain"), ("CSTDCS", "chain")}


def test_withdrawn_fails_only_the_pairs_given() -> None:
    h = History.from_records(
        memberships=[Membership(person=p, unit="CD1", valid_from="2020-01-01")
                     for p in ("P1", "P2")],
        ratings=[Rating(subject=p, period="2024", rating="HTT") for p in ("P1", "P2")],
    )  # fmt: skip
    c = Withdrawn(pairs=frozenset({("P1", Period.year(2024)), ("NOBODY", Period.year(2024))}))
    assert c.label(Period.year(2024), "vi") == "không bị thu hồi năm 2024"
    base = get_rule_set("vn-2024")
    rules = derive_rule_set(
        base,
        id="t",
        rules=[Rule(honour="LDTT", condition=All(of=(base.rules["LDTT"].condition, c)))],
    )
    result = eligibility(h, load_catalogue(), "LDTT", "2024", rules=rules, on="2025-01-01")
    assert result.eligible_subjects() == ("P2",)
    again = eligibility(h, load_catalogue(), "LDTT", "2023", rules=rules, on="2025-01-01")
    assert again.eligible_subjects() == ()  # no 2023 ratings; the 2024 pair does not apply


def test_revoke_impact_on_the_hanoi_sample() -> None:
    ws = load(hanoi_path())
    result = revoke_impact(ws, "KT-006531")  # a CSTĐCS of 2023
    assert result.revoked.honour == "CSTDCS"
    assert result.hypothetical
    assert all(i.level == 1 for i in result)
    assert {i.relation for i in result} <= {"member", "chain", "same_period"}


def test_a_bang_khen_without_a_period_under_a_prime_ministers_one() -> None:
    # the ministry's worked case: Bằng khen 2017, HTT+ 2017–2024, CSTĐCS in three years
    ratings = [Rating(subject="P1", period=str(y), rating="HTT") for y in range(2017, 2025)]
    cstdcs = [
        Award(
            id=f"CS{y}", recipient="P1", honour="CSTDCS", period=str(y), decided_on=f"{y + 1}-01-10"
        )
        for y in (2018, 2020, 2023)
    ]
    h = History.from_records(
        memberships=[Membership(person="P1", unit="CD1", valid_from="2015-01-01")],
        ratings=ratings,
        awards=[
            Award(id="BK1", recipient="P1", honour="BK_BO", decided_on="2017-06-01"),
            *cstdcs,
            Award(id="TTG", recipient="P1", honour="BK_TTG", period="2024",
                  decided_on="2025-03-01"),
        ],
    )  # fmt: skip
    result = revoke_impact(h, "BK1")
    (impact,) = result.impacts
    assert (impact.award.id, impact.relation) == ("TTG", "chain")
    assert (impact.eligible_before, impact.eligible_after) == (True, False)
    assert any("holds BK_BO" in u for u in impact.unmet())
