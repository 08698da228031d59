"""The shipped rules, on both sides of every threshold, with breaks, resets and revocations."""

from __future__ import annotations

from typing import Any

import pytest

from tests.strategies_people import award, history, member, ratings
from thidua.errors import InvalidArgumentError, UnknownNameError
from thidua.honours import (
    All,
    AnyOf,
    Condition,
    ConsecutiveHolds,
    Eligibility,
    Rule,
    derive_rule_set,
    eligibility,
    get_rule_set,
    load_catalogue,
)
from thidua.people import (
    Absence,
    Discipline,
    History,
    Initiative,
    Registration,
    Review,
)
from thidua.periods import Period

CAT = load_catalogue()
Y2024 = Period.year(2024)


def run(h: History, honour: str, period: Period | str = Y2024, **kw: object) -> Eligibility:
    return eligibility(h, CAT, honour, period, **kw)  # type: ignore[arg-type]


def ok(h: History, honour: str, subject: str, period: Period | str = Y2024, **kw: object) -> bool:
    return run(h, honour, period, **kw).verdict(subject).eligible


def initiative(author: str, level: str, on: str, name: str | None = None, **kw: Any) -> Initiative:
    return Initiative(
        id=name or f"SK-{author}-{level}-{on}", authors=author, level=level, recognised_on=on, **kw
    )


# -- LĐTT --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "expected"), [("HTXS", True), ("HTT", True), ("HT", False), ("KHT", False)]
)
def test_ldtt_threshold(grade: str, expected: bool) -> None:
    h = history(member("P"), ratings("P", {2024: grade}))
    assert ok(h, "LDTT", "P") is expected


def test_ldtt_missing_rating_fails_and_says_so() -> None:
    h = history(member("P"), ratings("P", {2023: "HTXS"}))
    result = run(h, "LDTT")
    assert not result.verdict("P").eligible
    assert "no rating" in result.verdict("P").explain()
    assert "không có xếp loại" in result.verdict("P").explain("vi")


def test_candidates_are_people_with_membership_in_the_period() -> None:
    h = history(
        member("P"),
        member("Q", start="2025-01-01"),
        member("R", end="2024-01-01"),
        ratings("P", {2024: "HTT"}),
    )
    assert run(h, "LDTT").subjects == ("P",)


def test_under_review_on_the_proposal_date() -> None:
    base = [member("P"), ratings("P", {2024: "HTT"})]
    open_review = Review(subject="P", valid_from="2024-12-01", reason="complaint")
    closed = Review(subject="P", valid_from="2024-06-01", valid_to="2025-01-01")  # ends on `on`
    assert not ok(history(*base, open_review), "LDTT", "P")
    assert ok(history(*base, closed), "LDTT", "P")
    later = Review(subject="P", valid_from="2025-01-02")
    assert ok(history(*base, later), "LDTT", "P")


# -- CSTĐCS ------------------------------------------------------------------------------


def test_cstdcs_routes() -> None:
    h = history(
        member("A"),
        member("B"),
        member("C"),
        member("D"),
        member("E"),
        ratings("A", {2024: "HTXS"}),
        ratings("B", {2024: "HTT"}),
        initiative("B", "grassroots", "2024-05-01"),
        ratings("C", {2024: "HTT"}),
        ratings("D", {2024: "HTT"}),
        initiative("D", "grassroots", "2023-12-31"),
        ratings("E", {2024: "HT"}),
        initiative("E", "national", "2024-05-01"),
    )
    result = run(h, "CSTDCS")
    assert result.eligible_subjects() == ("A", "B")


def test_cstdcs_higher_level_initiative_counts() -> None:
    h = history(member("B"), ratings("B", {2024: "HTT"}), initiative("B", "province", "2024-02-01"))
    assert ok(h, "CSTDCS", "B")


def test_reused_initiative_does_not_count() -> None:
    sk = initiative("B", "grassroots", "2024-05-01", name="SK1")
    used = award("B", "GK", None, "2024-08-01", initiatives="SK1")
    revoked = award("B", "GK", None, "2024-08-01", initiatives="SK1", revoked_on="2024-10-01")
    base = [member("B"), ratings("B", {2024: "HTT"}), sk]
    assert ok(history(*base), "CSTDCS", "B")
    assert not ok(history(*base, used), "CSTDCS", "B")
    assert "already used" in run(history(*base, used), "CSTDCS").verdict("B").explain()
    assert ok(history(*base, revoked), "CSTDCS", "B")  # revoked: the achievement is free again


def test_draft_needs_htxs_and_an_initiative() -> None:
    h = history(
        member("A"),
        member("B"),
        member("C"),
        ratings("A", {2024: "HTXS"}),
        ratings("B", {2024: "HTT"}),
        initiative("B", "grassroots", "2024-05-01"),
        ratings("C", {2024: "HTXS"}),
        initiative("C", "grassroots", "2024-05-01"),
    )
    assert run(h, "CSTDCS", rules="vn-draft-2025", on="2025-08-01").eligible_subjects() == ("C",)
    assert run(h, "CSTDCS", rules="vn-2025", on="2025-08-01").eligible_subjects() == ("A", "B", "C")


# -- CSTĐ bộ / tỉnh: 3 consecutive CSTĐCS ---------------------------------------------------


def _cstd_bo_base(*extra: object) -> History:
    return history(
        member("P"),
        ratings("P", {2022: "HTXS", 2023: "HTXS", 2024: "HTXS"}),
        initiative("P", "province", "2023-06-01"),
        *extra,
    )


def test_cstd_bo_chain_of_three() -> None:
    a22 = award("P", "CSTDCS", 2022, "2022-12-15")
    a23 = award("P", "CSTDCS", 2023, "2023-12-15")
    assert ok(_cstd_bo_base(a22, a23), "CSTD_BO", "P")
    assert not ok(_cstd_bo_base(a23), "CSTD_BO", "P")  # a chain of 2 only
    assert not ok(_cstd_bo_base(a22), "CSTD_BO", "P")  # 2023 missing breaks the chain


def test_cstd_bo_needs_a_province_initiative_in_the_chain() -> None:
    a22 = award("P", "CSTDCS", 2022, "2022-12-15")
    a23 = award("P", "CSTDCS", 2023, "2023-12-15")
    h = history(
        member("P"),
        ratings("P", {2022: "HTXS", 2023: "HTXS", 2024: "HTXS"}),
        a22,
        a23,
        initiative("P", "grassroots", "2023-06-01"),
    )
    assert not ok(h, "CSTD_BO", "P")
    h2 = history(
        member("P"),
        ratings("P", {2024: "HTXS"}),
        a22,
        a23,
        initiative("P", "province", "2021-12-31"),
    )
    assert not ok(h2, "CSTD_BO", "P")  # recognised before the chain
    h3 = history(
        member("P"),
        ratings("P", {2024: "HTXS"}),
        a22,
        a23,
        initiative("P", "province", "2022-01-01"),
    )
    assert ok(h3, "CSTD_BO", "P")


def test_revoked_award_breaks_the_chain_only_once_revoked() -> None:
    a22 = award("P", "CSTDCS", 2022, "2022-12-15", revoked_on="2024-06-01")
    a23 = award("P", "CSTDCS", 2023, "2023-12-15")
    assert not ok(_cstd_bo_base(a22, a23), "CSTD_BO", "P")
    assert ok(_cstd_bo_base(a22, a23), "CSTD_BO", "P", on="2024-05-31")


def test_award_decided_after_the_proposal_date_is_not_held() -> None:
    a22 = award("P", "CSTDCS", 2022, "2022-12-15")
    late = award("P", "CSTDCS", 2023, "2025-02-01")
    assert not ok(_cstd_bo_base(a22, late), "CSTD_BO", "P")
    assert ok(_cstd_bo_base(a22, late), "CSTD_BO", "P", on="2025-02-01")


def test_counting_window_from_the_previous_award_period() -> None:
    a22 = award("P", "CSTDCS", 2022, "2022-12-15")
    a23 = award("P", "CSTDCS", 2023, "2023-12-15")
    previous = award("P", "CSTD_BO", 2022, "2023-03-01")  # achievement period 2022
    assert not ok(_cstd_bo_base(a22, a23, previous), "CSTD_BO", "P")
    older = award("P", "CSTD_BO", 2021, "2022-03-01")
    assert ok(_cstd_bo_base(a22, a23, older), "CSTD_BO", "P")


def test_counting_window_from_the_decision_date_when_no_period() -> None:
    a22 = award("P", "CSTDCS", 2022, "2022-12-15")
    a23 = award("P", "CSTDCS", 2023, "2023-12-15")
    # decided on 2021-12-31: periods starting after it count (2022 starts 2022-01-01)
    assert ok(_cstd_bo_base(a22, a23, award("P", "CSTD_BO", None, "2021-12-31")), "CSTD_BO", "P")
    # decided on 2022-01-01: 2022 does not start after it
    assert not ok(
        _cstd_bo_base(a22, a23, award("P", "CSTD_BO", None, "2022-01-01")), "CSTD_BO", "P"
    )


def test_discipline_restarts_the_count_from_its_end() -> None:
    a22 = award("P", "CSTDCS", 2022, "2022-12-15")
    a23 = award("P", "CSTDCS", 2023, "2023-12-15")
    ends_2022 = Discipline(
        person="P", form="reprimand", decided_on="2021-03-01", valid_to="2022-01-01"
    )
    ends_later = Discipline(
        person="P", form="reprimand", decided_on="2021-03-01", valid_to="2022-01-02"
    )
    assert ok(_cstd_bo_base(a22, a23, ends_2022), "CSTD_BO", "P")
    assert not ok(_cstd_bo_base(a22, a23, ends_later), "CSTD_BO", "P")


def test_higher_title_counts_as_ldtt_and_csdtcs_award_feeds_the_chain() -> None:
    a22 = award("P", "CSTDCS", 2022, "2022-12-15")
    a23 = award("P", "CSTD_BO", 2023, "2024-03-01")  # does not imply CSTĐCS, only LĐTT
    h = _cstd_bo_base(a22, a23)
    assert not ok(h, "CSTD_BO", "P")


# -- CSTĐ toàn quốc -------------------------------------------------------------------


def _cstd_tq_base(*extra: object) -> History:
    return history(
        member("P"),
        ratings("P", dict.fromkeys(range(2019, 2025), "HTXS")),
        award("P", "CSTDCS", 2022, "2022-12-15"),
        award("P", "CSTDCS", 2023, "2023-12-15"),
        initiative("P", "province", "2022-06-01"),
        initiative("P", "national", "2024-06-01"),
        *extra,
    )


def test_cstd_tq_two_consecutive_cstd_bo_over_stages() -> None:
    stage = Period.stage(2022, 2024)
    earlier = award("P", "CSTD_BO", Period.stage(2019, 2021), "2022-03-01")
    gap = award("P", "CSTD_BO", Period.stage(2018, 2020), "2021-03-01")
    assert ok(_cstd_tq_base(earlier), "CSTD_BO", "P", stage)  # the stage's own CSTĐ_BO
    assert ok(_cstd_tq_base(earlier), "CSTD_TQ", "P", stage)
    assert not ok(_cstd_tq_base(), "CSTD_TQ", "P", stage)  # one CSTĐ_BO only
    assert not ok(_cstd_tq_base(gap), "CSTD_TQ", "P", stage)  # 2021 lies between: no chain
    text = run(_cstd_tq_base(gap), "CSTD_TQ", stage).verdict("P").explain()
    assert "1 consecutive" in text


def test_cstd_tq_needs_a_national_initiative() -> None:
    stage = Period.stage(2022, 2024)
    earlier = award("P", "CSTD_BO", Period.stage(2019, 2021), "2022-03-01")
    h = history(
        member("P"),
        ratings("P", dict.fromkeys(range(2019, 2025), "HTXS")),
        award("P", "CSTDCS", 2022, "2022-12-15"),
        award("P", "CSTDCS", 2023, "2023-12-15"),
        initiative("P", "province", "2022-06-01"),
        earlier,
    )
    assert not ok(h, "CSTD_TQ", "P", stage)


# -- collectives -------------------------------------------------------------------


def _unit(
    ldtt: int, size: int = 10, *, unit_grade: str = "HTT", extra: tuple[object, ...] = ()
) -> History:
    people = [f"M{i}" for i in range(size)]
    records: list[object] = [member(p, unit="CD") for p in people]
    for i, p in enumerate(people):
        records += ratings(p, {2024: "HTT" if i < ldtt else "HT"})
    records += ratings("CD", {2024: unit_grade})
    return history(*records, *extra)


@pytest.mark.parametrize(("ldtt", "expected"), [(7, True), (6, False), (10, True)])
def test_ttldtt_seventy_percent(ldtt: int, expected: bool) -> None:
    assert ok(_unit(ldtt), "TTLDTT", "CD") is expected


def test_ttldtt_seventy_percent_of_a_non_round_size() -> None:
    assert ok(_unit(14, 20), "TTLDTT", "CD")
    assert not ok(_unit(13, 20), "TTLDTT", "CD")
    assert ok(_unit(3, 3), "TTLDTT", "CD")
    assert not ok(_unit(2, 3), "TTLDTT", "CD")


def test_ttldtt_unit_rating_and_discipline() -> None:
    assert not ok(_unit(10, unit_grade="HT"), "TTLDTT", "CD")
    warning = Discipline(
        person="M0", form="cảnh cáo", decided_on="2024-03-01", valid_to="2025-03-01"
    )
    reprimand = Discipline(person="M0", form="khiển trách", decided_on="2024-03-01")
    before = Discipline(person="M0", form="warning", decided_on="2023-01-01", valid_to="2024-01-01")
    assert not ok(_unit(10, extra=(warning,)), "TTLDTT", "CD")
    assert ok(_unit(10, extra=(reprimand,)), "TTLDTT", "CD")
    assert ok(_unit(10, extra=(before,)), "TTLDTT", "CD")  # half-open: ended as 2024 began


def test_members_are_those_on_the_last_day() -> None:
    # 7 of 10 LĐTT, plus three HT members who left on 31/12 (valid_to exclusive 31/12)
    leavers = [member(f"L{i}", unit="CD", end="2024-12-31") for i in range(3)]
    rated = [r for i in range(3) for r in ratings(f"L{i}", {2024: "HT"})]
    assert ok(_unit(7, extra=(*leavers, *rated)), "TTLDTT", "CD")
    stayers = [member(f"L{i}", unit="CD", end="2025-01-01") for i in range(3)]
    assert not ok(_unit(7, extra=(*stayers, *rated)), "TTLDTT", "CD")


def test_award_or_higher_title_makes_a_member_hold_ldtt() -> None:
    # M9 is rated HT but holds CSTĐCS for 2024 (an award): counts as LĐTT
    extra = (award("M9", "CSTDCS", 2024, "2024-12-20"),)
    assert not ok(_unit(6), "TTLDTT", "CD")
    assert ok(_unit(6, extra=extra), "TTLDTT", "CD")
    assert not ok(_unit(5, extra=extra), "TTLDTT", "CD")
    assert ok(_unit(5, extra=(*extra, award("M8", "LDTT", 2024, "2024-12-20"))), "TTLDTT", "CD")
    revoked = award("M8", "LDTT", 2024, "2024-12-20", revoked_on="2024-12-31")
    assert not ok(_unit(5, extra=(*extra, revoked)), "TTLDTT", "CD")


def test_unit_without_members_fails() -> None:
    h = history(ratings("CD", {2024: "HTXS"}))
    result = run(h, "TTLDTT")
    assert not result.verdict("CD").eligible
    assert "no members" in result.verdict("CD").explain()


def test_ttldxs_every_member_and_one_cstdcs() -> None:
    def unit(*extra: object, grades: tuple[str, ...] = ("HTXS", "HTT", "HTT", "HT")) -> History:
        recs: list[object] = [member(f"M{i}", unit="CD") for i in range(len(grades))]
        for i, g in enumerate(grades):
            recs += ratings(f"M{i}", {2024: g})
        return history(*recs, ratings("CD", {2024: "HTXS"}), *extra)

    assert ok(unit(), "TTLDXS", "CD")  # M0 HTXS is CSTĐCS-eligible; 3/4 LĐTT
    assert not ok(unit(grades=("HTXS", "HTT", "HTT", "KHT")), "TTLDXS", "CD")
    assert not ok(unit(grades=("HTT", "HTT", "HTT", "HT")), "TTLDXS", "CD")  # nobody CSTĐCS
    missing = unit(member("M9", unit="CD"))
    result = run(missing, "TTLDXS")
    assert not result.verdict("CD").eligible
    assert "M9: no rating" in result.verdict("CD").explain()


# -- Bằng khen bộ / tỉnh --------------------------------------------------------------


def test_bk_bo_two_consecutive_cstdcs() -> None:
    base = [member("P"), ratings("P", {2023: "HTXS", 2024: "HTXS"})]
    assert ok(history(*base, award("P", "CSTDCS", 2023, "2023-12-15")), "BK_BO", "P")
    base_htt = [member("P"), ratings("P", {2023: "HTXS", 2024: "HTT"})]
    assert not ok(history(*base_htt), "BK_BO", "P")


def test_bk_bo_second_route_two_years_htxs_and_two_initiatives() -> None:
    base = [member("P"), ratings("P", {2023: "HTXS", 2024: "HTXS"})]
    two = [
        initiative("P", "grassroots", "2023-05-01", "S1"),
        initiative("P", "grassroots", "2024-05-01", "S2"),
    ]
    # without a CSTĐCS award for 2023 the first route needs 2023 held: use the second
    assert ok(history(*base, *two), "BK_BO", "P")
    assert not ok(history(*base, two[0]), "BK_BO", "P")


def _route_two() -> Condition:
    root = get_rule_set("vn-2024").rules["BK_BO"].condition
    assert isinstance(root, All)
    routes = root.of[0]
    assert isinstance(routes, AnyOf)
    return routes.of[1]


def test_bk_bo_second_route_alone() -> None:
    rules = derive_rule_set(
        get_rule_set("vn-2024"),
        id="route-2",
        rules=[
            Rule(
                honour="BK_BO",
                condition=_route_two(),
            )
        ],
    )
    base = [member("P"), ratings("P", {2023: "HTXS", 2024: "HTXS"})]
    s1 = initiative("P", "grassroots", "2023-05-01", "S1")
    s2 = initiative("P", "grassroots", "2024-05-01", "S2")
    assert ok(history(*base, s1, s2), "BK_BO", "P", rules=rules)
    assert not ok(history(*base, s1), "BK_BO", "P", rules=rules)
    assert not ok(
        history(member("P"), ratings("P", {2023: "HTT", 2024: "HTXS"}), s1, s2),
        "BK_BO",
        "P",
        rules=rules,
    )


def test_bk_bo_window_from_the_previous_bk_bo() -> None:
    base = [
        member("P"),
        ratings("P", {2023: "HTXS", 2024: "HTXS"}),
        award("P", "CSTDCS", 2023, "2023-12-15"),
    ]
    assert not ok(history(*base, award("P", "BK_BO", 2023, "2024-03-01")), "BK_BO", "P")
    assert ok(history(*base, award("P", "BK_BO", 2022, "2023-03-01")), "BK_BO", "P")


# -- Bằng khen Thủ tướng -----------------------------------------------------------------


def _ministry_case(*extra: object, last: str = "HTXS") -> History:
    sy = Period.school_year
    rs = [(sy(y), "HTT") for y in range(2017, 2023)] + [(sy(2023), last)]
    return history(
        member("T", unit="TH"),
        ratings("T", rs),
        award("T", "BK_BO", sy(2016), "2017-10-01"),
        award("T", "CSTDCS", sy(2018), "2019-09-15"),
        award("T", "CSTDCS", sy(2020), "2021-09-15"),
        *extra,
    )


def test_ministry_worked_case_bk_ttg() -> None:
    """DOMAIN §6.4: BK 2017; HTT+ every year 2017-2024; CSTĐCS 2018-19, 2020-21, 2023-24."""
    third = award("T", "CSTDCS", Period.school_year(2023), "2024-08-20")
    h = _ministry_case(third, last="HTT")
    result = run(h, "BK_TTG", Period.school_year(2023))
    verdict = result.verdict("T")
    assert verdict.eligible
    assert result.rule_set.id == "vn-2024"
    text = verdict.explain()
    assert "an unbroken run of 7 periods, 3 of them CSTDCS" in text
    assert "BK_BO năm học 2016-2017" in text
    # the third CSTĐCS may also be this run's eligibility (HTXS in 2023-2024)
    assert ok(_ministry_case(), "BK_TTG", "T", Period.school_year(2023))
    # with only two CSTĐCS the case fails
    assert not ok(_ministry_case(last="HTT"), "BK_TTG", "T", Period.school_year(2023))


def test_bk_ttg_needs_a_bk_bo() -> None:
    sy = Period.school_year
    h = history(member("T"), ratings("T", [(sy(y), "HTXS") for y in range(2017, 2024)]))
    assert not ok(h, "BK_TTG", "T", sy(2023))


@pytest.mark.parametrize(("years", "expected"), [(5, True), (4, False)])
def test_bk_ttg_chain_of_five(years: int, expected: bool) -> None:
    first = 2024 - years + 1
    grades = dict.fromkeys(range(first, 2025), "HTXS")
    h = history(
        member("P"),
        ratings("P", grades),
        award("P", "BK_BO", first - 1, f"{first}-03-01"),
        *[award("P", "CSTDCS", y, f"{y}-12-15") for y in range(first, 2024)],
    )
    assert ok(h, "BK_TTG", "P") is expected


def test_bk_ttg_lower_year_breaks_the_chain() -> None:
    grades = {2019: "HTT", 2020: "HTT", 2021: "HT", 2022: "HTXS", 2023: "HTXS", 2024: "HTXS"}
    cst = [award("P", "CSTDCS", y, f"{y}-12-15") for y in (2022, 2023)]
    h = history(member("P"), ratings("P", grades), award("P", "BK_BO", 2018, "2019-03-01"), *cst)
    assert not ok(h, "BK_TTG", "P")


def test_bk_ttg_discipline_reset() -> None:
    grades = dict.fromkeys(range(2018, 2025), "HTXS")
    cst = [award("P", "CSTDCS", y, f"{y}-12-15") for y in (2020, 2021, 2022)]
    base = [member("P"), ratings("P", grades), award("P", "BK_BO", 2017, "2018-03-01"), *cst]
    to_2020 = Discipline(
        person="P", form="reprimand", decided_on="2019-02-01", valid_to="2020-01-01"
    )
    to_2021 = Discipline(
        person="P", form="reprimand", decided_on="2019-02-01", valid_to="2021-01-01"
    )
    assert ok(history(*base, to_2020), "BK_TTG", "P")
    assert not ok(history(*base, to_2021), "BK_TTG", "P")  # 2021-2024 = 4 years


def test_thematic_awards_never_count_toward_chains() -> None:
    rules = derive_rule_set(
        get_rule_set("vn-2024"),
        id="thematic-chain",
        rules=[Rule(honour="GK", condition=ConsecutiveHolds(honour="BK_CD", n=2))],
    )
    h = history(
        member("P"),
        award("P", "BK_CD", 2023, "2023-12-01"),
        award("P", "BK_CD", 2024, "2024-12-01"),
    )
    # the 2024 award is for the period itself (held); 2023 is thematic: does not count
    assert not ok(h, "GK", "P", rules=rules)
    merit = derive_rule_set(
        rules,
        id="merit-chain",
        rules=[Rule(honour="GK", condition=ConsecutiveHolds(honour="GK", n=2))],
    )
    h2 = history(
        member("P"), award("P", "GK", 2023, "2023-12-01"), award("P", "GK", 2024, "2024-12-01")
    )
    assert ok(h2, "GK", "P", rules=merit)


# -- the union's regulation 999/QĐ-TLĐ ------------------------------------------------------


def _union(*extra: object, start: str = "2010-01-01", register: str | None = "LDTT") -> History:
    regs = [Registration(subject="P", period="2024", honour=register)] if register else []
    return history(member("P", start=start), ratings("P", {2024: "HTT"}), *regs, *extra)


def test_union_registration_required_and_covering() -> None:
    assert ok(_union(), "LDTT", "P", rules="cd-999-2024")
    assert not ok(_union(register=None), "LDTT", "P", rules="cd-999-2024")
    assert ok(_union(register="CSTDCS"), "LDTT", "P", rules="cd-999-2024")
    assert not ok(_union(register="TTLDTT"), "LDTT", "P", rules="cd-999-2024")
    assert ok(_union(register=None), "LDTT", "P", rules="vn-2024")  # the state does not require it


@pytest.mark.parametrize(
    ("days", "reason", "expected"),
    [(39, "sick", True), (40, "sick", False), (120, "maternity", True), (41, "other", False)],
)
def test_union_absences(days: int, reason: str, expected: bool) -> None:
    absence = Absence(person="P", period="2024", days=days, reason=reason)
    assert ok(_union(absence), "LDTT", "P", rules="cd-999-2024") is expected


def test_union_absences_add_up_but_maternity_not() -> None:
    parts = [
        Absence(person="P", period="2024-Q1", days=20, reason="sick"),
        Absence(person="P", period="2024-Q3", days=20, reason="unpaid"),
        Absence(person="P", period="2024-Q4", days=90, reason="maternity"),
    ]
    assert not ok(_union(*parts), "LDTT", "P", rules="cd-999-2024")
    assert ok(_union(*parts[1:]), "LDTT", "P", rules="cd-999-2024")


def test_union_ten_months_in_post() -> None:
    # 2024 has 366 days: 10 months = 305 days (305 × 12 = 3660 = 10 × 366)
    first_ok = Period.year(2024).end.subtract(days=305).isoformat()
    first_short = Period.year(2024).end.subtract(days=304).isoformat()
    assert ok(_union(start=first_ok), "LDTT", "P", rules="cd-999-2024")
    assert not ok(_union(start=first_short), "LDTT", "P", rules="cd-999-2024")
    text = run(_union(start=first_short), "LDTT", rules="cd-999-2024").verdict("P").explain()
    assert "304 of 366 days" in text


def test_union_reprimand_excludes() -> None:
    during = Discipline(
        person="P", form="reprimand", decided_on="2024-06-01", valid_to="2025-06-01"
    )
    assert not ok(_union(during), "LDTT", "P", rules="cd-999-2024")
    assert ok(_union(during), "LDTT", "P", rules="vn-2024")


def _bldst(
    benefits: dict[int, float],
    *,
    manager: bool = False,
    qualification: str | None = "college_or_below",
) -> History:
    inits = [
        initiative("P", "grassroots", f"{y}-05-01", f"S{y}", benefit=v) for y, v in benefits.items()
    ]
    return history(member("P", manager=manager, qualification=qualification), *inits)


@pytest.mark.parametrize(
    ("benefit", "manager", "qualification", "expected"),
    [
        (80e6, False, "college_or_below", True),
        (79_999_999, False, "college_or_below", False),
        (150e6, False, "university", True),
        (149_999_999, False, "university", False),
        (200e6, True, "university", True),
        (199_999_999, True, "college_or_below", False),
        (500e6, False, None, False),  # member type unknown: missing data never passes
    ],
)
def test_bldst_thresholds(
    benefit: float, manager: bool, qualification: str | None, expected: bool
) -> None:
    h = _bldst({2024: benefit}, manager=manager, qualification=qualification)
    assert ok(h, "BLDST", "P") is expected


def test_bldst_120_million_over_three_years() -> None:
    assert ok(_bldst({2022: 40e6, 2023: 40e6, 2024: 40e6}), "BLDST", "P")
    assert not ok(_bldst({2022: 40e6, 2023: 40e6, 2024: 39_999_999}), "BLDST", "P")
    assert not ok(_bldst({2021: 40e6, 2023: 40e6, 2024: 40e6}), "BLDST", "P")  # outside the 3 years
    assert not ok(
        _bldst({2022: 60e6, 2023: 60e6, 2024: 60e6}, qualification="university"), "BLDST", "P"
    )  # the 120 million route is for workers only


def test_bldst_is_chosen_from_the_union_rule_set() -> None:
    assert run(_bldst({2024: 80e6}), "BLDST").rule_set.id == "cd-999-2024"


# -- choosing the rule set ------------------------------------------------------------------


def test_rule_set_chosen_by_the_proposal_date() -> None:
    h = history(member("P"), ratings("P", {2024: "HTT", 2025: "HTT"}))
    assert run(h, "LDTT").rule_set.id == "vn-2024"  # on = 2025-01-01
    assert run(h, "LDTT", on="2025-06-30").rule_set.id == "vn-2024"
    assert run(h, "LDTT", on="2025-07-01").rule_set.id == "vn-2025"
    assert run(h, "LDTT", Period.year(2025)).rule_set.id == "vn-2025"
    with pytest.raises(InvalidArgumentError, match="no shipped rule set"):
        run(h, "LDTT", on="2023-06-01")


def test_explicit_rule_set_outside_its_period_warns() -> None:
    h = history(member("P"), ratings("P", {2024: "HTT"}))
    inside = run(h, "LDTT", rules="vn-2024")
    assert inside.problems == ()
    outside = run(h, "LDTT", rules="vn-2025")
    assert [p.code for p in outside.problems] == ["A004"]
    assert outside.rule_set.id == "vn-2025"
    assert outside.verdict("P").eligible


def test_unknown_names() -> None:
    h = history(member("P"), ratings("P", {2024: "HTT"}))
    with pytest.raises(UnknownNameError):
        run(h, "NOPE")
    with pytest.raises(UnknownNameError):
        run(h, "LDTT", rules="vn-1999")
    with pytest.raises(UnknownNameError):
        run(h, "LDTT", subjects=["X"])
    with pytest.raises(InvalidArgumentError, match="has a rule for 'CO_CP'"):
        run(h, "CO_CP")
    with pytest.raises(InvalidArgumentError, match="has no rule for 'CO_CP'"):
        run(h, "CO_CP", rules="vn-2024")
    result = run(h, "LDTT", subjects=["P"])
    with pytest.raises(KeyError):
        run(h, "LDTT", subjects=[]).verdict("P")
    assert len(result) == 1
