"""Both sides of every threshold of issue 8, exactly at the boundary, and each semantic rule."""

# Requirement (issue 8, "Done when" and §3) → the tests that cover it.  Tests named
# bare are in this module; "rules:" is tests/test_honours_rules.py, "catalogue:"
# tests/test_honours_catalogue.py, "properties:" tests/test_honours_properties.py.
#
# - 70 % of members (TTLĐTT, TTLĐXS):
#     test_seventy_percent_at_every_size; rules: test_ttldtt_seventy_percent*
# - 10 months in post (days × 12 / days):
#     test_ten_months_in_a_365_day_year; test_in_post_concurrent_memberships_count_once;
#     test_in_post_transfer_adds_up; test_in_post_days_are_the_union_of_the_memberships;
#     rules: test_union_ten_months_in_post
# - 40 working days absent, maternity excepted:
#     test_forty_days_boundary_with_maternity; test_absence_outside_the_period_not_counted;
#     test_union_exclusions_apply_to_every_individual_title; rules: test_union_absences*
# - 80 / 150 / 200 million, 120 over 3 years:
#     test_bldst_boundaries_by_member_type; test_bldst_used_or_unknown_benefit; rules:
#     test_bldst_thresholds, test_bldst_120_million_over_three_years
# - chain of 2 (BK_BO route 1):
#     test_bk_bo_chain_of_two_both_sides; test_bk_bo_chain_breaks_resets_revocations
# - chain of 2 (BK_BO route 2: HTXS + 2 initiatives):
#     test_bk_bo_second_route_initiative_window; test_bk_bo_second_route_reused_initiative;
#     rules: test_bk_bo_second_route*
# - chain of 2 (CSTĐ_TQ over CSTĐ_BO awards):
#     test_cstd_tq_revoked_reset_and_window; test_cstd_tq_reused_national_initiative; rules:
#     test_cstd_tq_*
# - chain of 3 (CSTĐ_BO; 3 CSTĐCS of BK_TTG):
#     test_cstd_bo_chain_of_three_boundaries; test_cstd_bo_reused_province_initiative; rules:
#     test_cstd_bo_*, test_ministry_worked_case_bk_ttg
# - chain of 5 (BK_TTG):
#     test_bk_ttg_chain_of_five_with_three_cstdcs; test_bk_ttg_window_from_bk_bo_or_bk_ttg;
#     test_bk_ttg_revoked_cstdcs; test_bk_ttg_needs_a_bk_bo_held_on_the_proposal_date; rules:
#     test_bk_ttg_*
# - consecutive periods of the same kind; a missing or lower one breaks:
#     test_chains_need_periods_of_the_same_kind; rules: test_cstd_bo_chain_of_three,
#     test_bk_ttg_lower_year_breaks_the_chain
# - same period = eligibility; earlier periods = awards held:
#     test_earlier_periods_need_awards_not_eligibility; rules: test_cstd_bo_chain_of_three
# - collective: award, else eligible in the run; members on the last day:
#     rules: test_award_or_higher_title_makes_a_member_hold_ldtt,
#     test_members_are_those_on_the_last_day
# - window from the stated period, else the decision date:
#     test_window_from_a_decision_without_period_bk_bo; rules: test_counting_window_from_*
# - discipline: restart at the first period starting on or after valid_to:
#     test_bk_bo_chain_breaks_resets_revocations; test_cstd_tq_revoked_reset_and_window; rules:
#     test_discipline_restarts_the_count_from_its_end, test_bk_ttg_discipline_reset
# - discipline overlapping the period (half-open):
#     test_discipline_overlap_boundaries; rules: test_ttldtt_unit_rating_and_discipline
# - maternity counts as working time:
#     test_forty_days_boundary_with_maternity; rules: test_union_absences
# - thematic / unexpected never count toward merit chains:
#     test_unexpected_feat_awards_never_count; rules:
#     test_thematic_awards_never_count_toward_chains
# - rule set by proposal date; warning when explicit and out of period:
#     test_rule_set_boundaries; rules: test_rule_set_chosen_by_the_proposal_date,
#     test_explicit_rule_set_outside_its_period_warns
# - every shipped state rule set applies the rules:
#     test_shipped_state_rule_sets_agree_on_the_thresholds
# - held = decided on or before the proposal date, not revoked by then:
#     test_held_boundaries; rules: test_award_decided_after_the_proposal_date_is_not_held,
#     test_revoked_award_breaks_the_chain_only_once_revoked
# - higher individual title implies LĐTT:
#     test_higher_titles_count_as_ldtt; rules:
#     test_award_or_higher_title_makes_a_member_hold_ldtt
# - BK_TTG window from the latest BK_BO or BK_TTG:
#     test_bk_ttg_window_from_bk_bo_or_bk_ttg
# - initiatives within the periods looked at; higher level satisfies lower:
#     test_cstdcs_initiative_boundaries; test_bk_bo_second_route_initiative_window;
#     test_initiatives_of_a_stage_proposal_cover_the_whole_stage; rules:
#     test_cstd_bo_needs_a_province_initiative_in_the_chain,
#     test_cstdcs_higher_level_initiative_counts
# - reused initiatives:
#     test_bk_bo_second_route_reused_initiative; test_cstd_bo_reused_province_initiative;
#     test_bldst_used_or_unknown_benefit; rules: test_reused_initiative_does_not_count
# - missing data never passes, "no rating" in the explanation:
#     test_a_missing_rating_breaks_a_run_and_says_so; rules:
#     test_ldtt_missing_rating_fails_and_says_so, test_ttldxs_every_member_and_one_cstdcs
# - registration (cd-999-2024) and coverage of required titles:
#     test_registration_covers_required_titles_only; rules:
#     test_union_registration_required_and_covering
# - not under review on the proposal date (half-open):
#     test_review_boundaries; rules: test_under_review_on_the_proposal_date
# - BK_CD thematic:
#     catalogue: test_catalogue_fields; rules: test_thematic_awards_never_count_toward_chains
# - every condition kind:
#     the tests above (each kind through a shipped rule); catalogue:
#     test_logic_conditions_in_a_user_rule_set,
#     test_rule_set_from_data_builds_every_condition_kind
# - vectorised engine = per-person oracle:
#     properties: test_engine_equals_oracle

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies_people import award, history, member, ratings
from thidua.errors import InvalidArgumentError
from thidua.honours import (
    ConsecutiveHolds,
    Eligibility,
    InPost,
    Rule,
    RuleSet,
    derive_rule_set,
    eligibility,
    extend_catalogue,
    get_rule_set,
    load_catalogue,
)
from thidua.people import Absence, Discipline, History, Initiative, Registration, Review
from thidua.periods import Period

CAT = load_catalogue()
Y2024 = Period.year(2024)


def run(
    h: History,
    honour: str,
    period: Period | str = Y2024,
    *,
    rules: RuleSet | str | None = None,
    on: str | None = None,
) -> Eligibility:
    return eligibility(h, CAT, honour, period, rules=rules, on=on)


def ok(
    h: History,
    honour: str,
    subject: str = "P",
    period: Period | str = Y2024,
    *,
    rules: RuleSet | str | None = None,
    on: str | None = None,
) -> bool:
    return run(h, honour, period, rules=rules, on=on).verdict(subject).eligible


def sk(author: str, level: str, on: str, name: str, benefit: float | None = None) -> Initiative:
    return Initiative(id=name, authors=author, level=level, recognised_on=on, benefit=benefit)


def reprimand(until: str | None, decided: str = "2019-03-01", who: str = "P") -> Discipline:
    return Discipline(person=who, form="reprimand", decided_on=decided, valid_to=until)


# -- 70 % ------------------------------------------------------------------------------


def _unit(size: int, ldtt: int) -> bool:
    records: list[object] = [member(f"M{i}", unit="CD") for i in range(size)]
    for i in range(size):
        records += ratings(f"M{i}", {2024: "HTT" if i < ldtt else "HT"})
    records += ratings("CD", {2024: "HTT"})
    return ok(history(*records), "TTLDTT", "CD")


@pytest.mark.parametrize("size", [1, 2, 3, 7, 9, 10, 11, 13, 20, 23, 30, 33, 43, 100, 101])
def test_seventy_percent_at_every_size(size: int) -> None:
    least = math.ceil(size * 7 / 10)  # integer arithmetic: no floating-point 0.7 × n
    assert _unit(size, least)
    assert not _unit(size, least - 1)


# -- 10 months in post -------------------------------------------------------------------


def _union(*extra: object, register: str | None = "LDTT", grade: str = "HTT") -> History:
    regs = [Registration(subject="P", period="2024", honour=register)] if register else []
    return history(ratings("P", {2024: grade}), *regs, *extra)


def test_ten_months_in_a_365_day_year() -> None:
    # 2023 has 365 days: 305 × 12 = 3660 ≥ 3650, 304 × 12 = 3648 < 3650
    def since(start: str) -> bool:
        h = history(
            member("P", start=start),
            ratings("P", {2023: "HTT"}),
            Registration(subject="P", period="2023", honour="LDTT"),
        )
        return ok(h, "LDTT", period="2023", rules="cd-999-2024", on="2024-06-01")

    assert Period.year(2023).end.subtract(days=305).isoformat() == "2023-03-02"
    assert since("2023-03-02")
    assert not since("2023-03-03")


def test_in_post_concurrent_memberships_count_once() -> None:
    # two units at once from February to April: 121 days + 183 days = 304 < 305
    concurrent = (
        member("P", unit="A", start="2024-01-01", end="2024-04-01"),
        member("P", unit="B", start="2024-02-01", end="2024-05-01"),
        member("P", unit="C", start="2024-06-01", end="2024-12-01"),
    )
    result = run(_union(*concurrent), "LDTT", rules="cd-999-2024")
    assert not result.verdict("P").eligible
    assert "304 of 366 days" in result.verdict("P").explain()
    # one more day in C reaches 305
    longer = (*concurrent[:2], member("P", unit="C", start="2024-06-01", end="2024-12-02"))
    assert ok(_union(*longer), "LDTT", rules="cd-999-2024")


def test_in_post_transfer_adds_up() -> None:
    moved = (
        member("P", unit="A", start="2020-01-01", end="2024-07-01"),
        member("P", unit="B", start="2024-07-01"),
    )
    assert ok(_union(*moved), "LDTT", rules="cd-999-2024")
    gap = (
        member("P", unit="A", start="2020-01-01", end="2024-04-30"),
        member("P", unit="B", start="2024-07-01"),
    )
    assert not ok(_union(*gap), "LDTT", rules="cd-999-2024")  # 120 + 184 = 304 days


# -- 40 working days, maternity ----------------------------------------------------------


def test_forty_days_boundary_with_maternity() -> None:
    def absent(*parts: tuple[int, str]) -> bool:
        rows = [Absence(person="P", period="2024", days=d, reason=r) for d, r in parts]
        return ok(_union(member("P"), *rows), "LDTT", rules="cd-999-2024")

    assert absent((39, "sick"), (150, "maternity"))  # maternity is working time
    assert not absent((39, "sick"), (1, "study"), (150, "maternity"))
    assert absent((0, "sick"))
    assert not absent((40, "unpaid"))


def test_absence_outside_the_period_not_counted() -> None:
    before = Absence(person="P", period="2023", days=90, reason="sick")
    straddling = Absence(person="P", period="năm học 2023-2024", days=90, reason="sick")
    assert ok(_union(member("P"), before), "LDTT", rules="cd-999-2024")
    assert ok(_union(member("P"), straddling), "LDTT", rules="cd-999-2024")


def test_union_exclusions_apply_to_every_individual_title() -> None:
    long = Absence(person="P", period="2024", days=40, reason="sick")
    base = [member("P"), Registration(subject="P", period="2024", honour="CSTDCS")]
    h = history(*base, ratings("P", {2024: "HTXS"}))
    assert ok(h, "CSTDCS", rules="cd-999-2024")
    assert not ok(history(*base, ratings("P", {2024: "HTXS"}), long), "CSTDCS", rules="cd-999-2024")
    assert ok(history(*base, ratings("P", {2024: "HTXS"}), long), "CSTDCS", rules="vn-2024")


# -- benefit value (BLDST) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("manager", "qualification", "threshold"),
    [(False, "college_or_below", 80e6), (False, "university", 150e6), (True, "university", 200e6)],
)
def test_bldst_boundaries_by_member_type(
    manager: bool, qualification: str, threshold: float
) -> None:
    def worth(value: float) -> bool:
        h = history(
            member("P", manager=manager, qualification=qualification),
            sk("P", "grassroots", "2024-05-01", "S", value),
        )
        return ok(h, "BLDST")

    assert worth(threshold)
    assert not worth(threshold - 1)


def test_bldst_used_or_unknown_benefit() -> None:
    base = [member("P", qualification="college_or_below")]
    good = sk("P", "grassroots", "2024-05-01", "S", 90e6)
    assert ok(history(*base, good), "BLDST")
    used = award("P", "GK", None, "2024-08-01", initiatives="S")
    assert not ok(history(*base, good, used), "BLDST")  # one achievement, one award
    assert not ok(history(*base, sk("P", "grassroots", "2024-05-01", "S")), "BLDST")  # no value
    late = sk("P", "grassroots", "2025-01-01", "S", 90e6)  # recognised after the period
    assert not ok(history(*base, late), "BLDST")


# -- chains of 2: Bằng khen bộ/tỉnh ------------------------------------------------------


def _bk_bo(*extra: object, grades: dict[int, str] | None = None) -> History:
    g = grades or {2023: "HTXS", 2024: "HTXS"}
    return history(member("P"), ratings("P", g), *extra)


def test_bk_bo_chain_of_two_both_sides() -> None:
    cst23 = award("P", "CSTDCS", 2023, "2023-12-15")
    htt = {2023: "HTT", 2024: "HTXS"}  # route 2 closed: 2023 not HTXS
    assert ok(_bk_bo(cst23, grades=htt), "BK_BO")
    assert not ok(_bk_bo(grades=htt), "BK_BO")  # one link only
    # the 2024 link is this run's CSTĐCS eligibility: HTT without initiative is not
    assert not ok(_bk_bo(cst23, grades={2023: "HTT", 2024: "HTT"}), "BK_BO")


def test_bk_bo_chain_breaks_resets_revocations() -> None:
    htt = {2023: "HTT", 2024: "HTXS"}
    revoked = award("P", "CSTDCS", 2023, "2023-12-15", revoked_on="2025-01-01")
    assert not ok(_bk_bo(revoked, grades=htt), "BK_BO")  # revoked on the proposal date
    assert ok(_bk_bo(revoked, grades=htt), "BK_BO", on="2024-12-31")
    cst23 = award("P", "CSTDCS", 2023, "2023-12-15")
    assert ok(_bk_bo(cst23, reprimand("2023-01-01"), grades=htt), "BK_BO")
    assert not ok(_bk_bo(cst23, reprimand("2023-01-02"), grades=htt), "BK_BO")
    open_ended = reprimand(None)
    assert not ok(_bk_bo(cst23, open_ended, grades=htt), "BK_BO")  # never ends: nothing counts
    decided_later = reprimand("2026-01-01", decided="2025-02-01")  # after the proposal date
    assert ok(_bk_bo(cst23, decided_later, grades=htt), "BK_BO")


def test_bk_bo_second_route_initiative_window() -> None:
    def two(first: str, second: str) -> bool:
        inits = (sk("P", "grassroots", first, "S1"), sk("P", "province", second, "S2"))
        return ok(_bk_bo(*inits), "BK_BO")

    assert two("2023-01-01", "2024-12-31")  # both inside 2023-2024; province ≥ grassroots
    assert not two("2022-12-31", "2024-12-31")
    assert not two("2023-01-01", "2025-01-01")
    htt = {2023: "HTT", 2024: "HTXS"}  # one year HTT: a run of one HTXS year only
    inits = (sk("P", "grassroots", "2023-05-01", "S1"), sk("P", "grassroots", "2024-05-01", "S2"))
    assert not ok(_bk_bo(*inits, grades=htt), "BK_BO")


def test_bk_bo_second_route_reused_initiative() -> None:
    s1, s2 = sk("P", "grassroots", "2023-05-01", "S1"), sk("P", "grassroots", "2024-05-01", "S2")
    # the CSTĐCS of 2023 rested on S1: the BK_BO 2024 has S2 only on route 2, but route 1 holds
    cst = award("P", "CSTDCS", 2023, "2023-12-15", initiatives="S1")
    assert ok(_bk_bo(s1, s2, cst), "BK_BO")
    rules = derive_rule_set(
        get_rule_set("vn-2024"),
        id="route-2-only",
        rules=[
            Rule(
                honour="BK_BO",
                condition=get_rule_set("vn-2024").rules["BK_BO"].condition.of[0].of[1],  # type: ignore[attr-defined]
            )
        ],
    )
    assert ok(_bk_bo(s1, s2), "BK_BO", rules=rules)
    assert not ok(_bk_bo(s1, s2, cst), "BK_BO", rules=rules)


def test_window_from_a_decision_without_period_bk_bo() -> None:
    cst23 = award("P", "CSTDCS", 2023, "2023-12-15")
    htt = {2023: "HTT", 2024: "HTXS"}
    assert ok(_bk_bo(cst23, award("P", "BK_BO", None, "2022-12-31"), grades=htt), "BK_BO")
    assert not ok(_bk_bo(cst23, award("P", "BK_BO", None, "2023-01-01"), grades=htt), "BK_BO")


# -- chains of 2: CSTĐ toàn quốc ---------------------------------------------------------


def _cstd_tq(*extra: object) -> History:
    return history(
        member("P"),
        ratings("P", dict.fromkeys(range(2019, 2025), "HTXS")),
        award("P", "CSTDCS", 2022, "2022-12-15"),
        award("P", "CSTDCS", 2023, "2023-12-15"),
        sk("P", "province", "2022-06-01", "SP"),
        sk("P", "national", "2024-06-01", "SN"),
        *extra,
    )


def test_cstd_tq_revoked_reset_and_window() -> None:
    stage = Period.stage(2022, 2024)
    earlier = award("P", "CSTD_BO", Period.stage(2019, 2021), "2022-03-01")
    assert ok(_cstd_tq(earlier), "CSTD_TQ", period=stage)
    revoked = award("P", "CSTD_BO", Period.stage(2019, 2021), "2022-03-01", revoked_on="2024-06-01")
    assert not ok(_cstd_tq(revoked), "CSTD_TQ", period=stage)
    # a discipline ending when the earlier stage had begun cuts it off
    assert ok(
        _cstd_tq(earlier, reprimand("2019-01-01", decided="2018-03-01")), "CSTD_TQ", period=stage
    )
    assert not ok(
        _cstd_tq(earlier, reprimand("2019-01-02", decided="2018-03-01")), "CSTD_TQ", period=stage
    )
    # a CSTĐ_TQ for the earlier stage: counting starts after it
    tq = award("P", "CSTD_TQ", Period.stage(2019, 2021), "2022-06-01")
    assert not ok(_cstd_tq(earlier, tq), "CSTD_TQ", period=stage)


# -- chains of 3: CSTĐ bộ/tỉnh -------------------------------------------------------------


def _cstd_bo(*extra: object) -> History:
    return history(
        member("P"),
        ratings("P", {2022: "HTXS", 2023: "HTXS", 2024: "HTXS"}),
        sk("P", "province", "2023-06-01", "SP"),
        *extra,
    )


def test_cstd_bo_chain_of_three_boundaries() -> None:
    a22, a23 = award("P", "CSTDCS", 2022, "2022-12-15"), award("P", "CSTDCS", 2023, "2023-12-15")
    assert ok(_cstd_bo(a22, a23), "CSTD_BO")
    assert not ok(_cstd_bo(a22), "CSTD_BO")
    assert not ok(_cstd_bo(a23), "CSTD_BO")
    # the last link fails: rated HTT in 2024 without a grassroots initiative of 2024
    h = history(
        member("P"),
        ratings("P", {2024: "HTT"}),
        a22,
        a23,
        sk("P", "province", "2023-06-01", "SP"),
    )
    assert not ok(h, "CSTD_BO")
    # …and passes with an initiative of 2024 (the province one of 2023 also counts for CSTĐ_BO)
    assert ok(
        history(
            h.award(0),
            h.award(1),
            member("P"),
            ratings("P", {2024: "HTT"}),
            sk("P", "province", "2023-06-01", "SP"),
            sk("P", "grassroots", "2024-03-01", "SG"),
        ),
        "CSTD_BO",
    )


def test_cstd_bo_reused_province_initiative() -> None:
    a22 = award("P", "CSTDCS", 2022, "2022-12-15")
    a23 = award("P", "CSTDCS", 2023, "2023-12-15", initiatives="SP")
    assert not ok(_cstd_bo(a22, a23), "CSTD_BO")
    text = run(_cstd_bo(a22, a23), "CSTD_BO").verdict("P").explain()
    assert "SP (ministry, sector or province, already used)" in text


# -- chains of 5: Bằng khen Thủ tướng ---------------------------------------------------------


def _bk_ttg(
    *extra: object, cst: tuple[int, ...] = (2021, 2022, 2023), last: str = "HTT"
) -> History:
    grades = dict.fromkeys(range(2019, 2024), "HTT") | {2024: last}
    return history(
        member("P"),
        ratings("P", grades),
        award("P", "BK_BO", 2018, "2019-03-01"),
        *[award("P", "CSTDCS", y, f"{y}-12-15") for y in cst],
        *extra,
    )


def test_bk_ttg_chain_of_five_with_three_cstdcs() -> None:
    assert ok(_bk_ttg(), "BK_TTG")
    assert not ok(_bk_ttg(cst=(2022, 2023)), "BK_TTG")  # 2 CSTĐCS
    assert ok(_bk_ttg(cst=(2022, 2023), last="HTXS"), "BK_TTG")  # the third is this run's
    assert not ok(_bk_ttg(award("P", "BK_BO", 2020, "2021-03-01")), "BK_TTG")  # 4 years since


def test_bk_ttg_window_from_bk_bo_or_bk_ttg() -> None:
    earlier_ttg = award("P", "BK_TTG", 2020, "2021-05-01")
    assert not ok(_bk_ttg(earlier_ttg), "BK_TTG")  # 2020-2024: 4 years after the BK_TTG
    old_ttg = award("P", "BK_TTG", 2018, "2019-05-01")
    assert ok(_bk_ttg(old_ttg), "BK_TTG")
    thematic = award("P", "BK_CD", 2020, "2021-05-01")  # thematic: does not move the window
    assert ok(_bk_ttg(thematic), "BK_TTG")
    not_yet = history(
        member("P"),
        ratings("P", dict.fromkeys(range(2019, 2025), "HTT")),
        award("P", "BK_BO", 2018, "2025-01-02"),  # decided after the proposal date
        *[award("P", "CSTDCS", y, f"{y}-12-15") for y in (2021, 2022, 2023)],
    )
    assert not ok(not_yet, "BK_TTG")
    assert ok(not_yet, "BK_TTG", on="2025-01-02")


def test_bk_ttg_revoked_cstdcs() -> None:
    revoked = award("P", "CSTDCS", 2020, "2020-12-15", revoked_on="2024-06-01")
    assert not ok(_bk_ttg(revoked, cst=(2022, 2023)), "BK_TTG")
    assert ok(_bk_ttg(revoked, cst=(2022, 2023)), "BK_TTG", on="2024-05-31")


# -- semantics ---------------------------------------------------------------------------------


def test_chains_need_periods_of_the_same_kind() -> None:
    school = award("P", "CSTDCS", Period.school_year(2022), "2023-08-15")
    a22 = award("P", "CSTDCS", 2022, "2022-12-15")
    assert not ok(_cstd_bo(school, a22), "CSTD_BO")  # a school year is not the year 2023
    stage = award("P", "CSTDCS", Period.stage(2022, 2023), "2024-01-15")
    assert not ok(_cstd_bo(stage), "CSTD_BO")


def test_earlier_periods_need_awards_not_eligibility() -> None:
    # HTXS three years running meets CSTĐCS each year, but 2022 and 2023 were never awarded
    assert not ok(_cstd_bo(), "CSTD_BO")
    explanation = run(_cstd_bo(), "CSTD_BO").verdict("P").explain()
    assert "2024 ✓; 2023 ✗; 2022 ✗" in explanation


def test_unexpected_feat_awards_never_count() -> None:
    cat = extend_catalogue(
        CAT,
        [
            {
                "code": "DX",
                "name_vi": "Khen thưởng đột xuất",
                "kind": "form",
                "recipient": "individual",
                "type": "unexpected",
            },
            {
                "code": "CH",
                "name_vi": "Khen thưởng cống hiến",
                "kind": "form",
                "recipient": "individual",
                "type": "contribution",
            },
        ],
    )

    def chained(code: str) -> bool:
        rules = derive_rule_set(
            get_rule_set("vn-2024"),
            id="chain",
            rules=[Rule(honour="GK", condition=ConsecutiveHolds(honour=code, n=2))],
        )
        h = history(
            member("P"), award("P", code, 2023, "2023-12-01"), award("P", code, 2024, "2024-12-01")
        )
        return eligibility(h, cat, "GK", "2024", rules=rules).verdict("P").eligible

    assert not chained("DX")
    assert chained("CH")  # contribution awards do count


def test_rule_set_boundaries() -> None:
    h = history(
        member("P"), ratings("P", {2024: "HTT"}), sk("P", "grassroots", "2024-05-01", "S", 90e6)
    )
    assert run(h, "LDTT", on="2024-01-01").rule_set.id == "vn-2024"
    assert run(h, "LDTT", on="2027-02-28").rule_set.id == "vn-2025"
    # after Decree 152 expires no state set is in force: never the union's set silently
    with pytest.raises(InvalidArgumentError, match="no shipped rule set in force on 01/03/2027"):
        run(h, "LDTT", on="2027-03-01")
    assert [p.code for p in run(h, "LDTT", on="2027-03-01", rules="vn-2025").problems] == ["A004"]
    assert run(h, "BLDST", on="2024-05-29").rule_set.id == "cd-999-2024"
    with pytest.raises(InvalidArgumentError):
        run(h, "BLDST", on="2024-05-28")
    assert run(h, "LDTT", rules="vn-draft-2025", on="2025-07-01").problems == ()
    assert [p.code for p in run(h, "LDTT", rules="vn-draft-2025", on="2025-06-30").problems] == [
        "A004"
    ]


@pytest.mark.parametrize(
    ("rule_set", "year"), [("vn-2024", 2024), ("vn-2025", 2025), ("vn-draft-2025", 2025)]
)
def test_shipped_state_rule_sets_agree_on_the_thresholds(rule_set: str, year: int) -> None:
    def unit(ldtt: int) -> History:
        recs: list[object] = [member(f"M{i}", unit="CD") for i in range(10)]
        for i in range(10):
            recs += ratings(f"M{i}", {year: "HTXS" if i == 0 else ("HTT" if i < ldtt else "HT")})
        # M0's initiative makes it CSTĐCS under the draft too (HTXS and an initiative)
        return history(
            *recs, ratings("CD", {year: "HTXS"}), sk("M0", "grassroots", f"{year}-03-01", "S0")
        )

    on = f"{year + 1}-01-01" if year == 2024 else "2026-01-01"
    kw = {"rules": rule_set, "on": on}
    for honour in ("TTLDTT", "TTLDXS"):
        assert ok(unit(7), honour, "CD", str(year), **kw), honour
        assert not ok(unit(6), honour, "CD", str(year), **kw), honour
    chain = history(
        member("P"),
        ratings("P", dict.fromkeys(range(year - 5, year + 1), "HTXS")),
        sk("P", "grassroots", f"{year}-03-01", "S"),
        award("P", "BK_BO", year - 5, f"{year - 4}-03-01"),
        *[award("P", "CSTDCS", y, f"{y}-12-15") for y in range(year - 4, year)],
    )
    for honour in ("LDTT", "CSTDCS", "BK_BO", "BK_TTG"):
        assert ok(chain, honour, "P", str(year), **kw), honour
    short = history(
        member("P"),
        ratings("P", dict.fromkeys(range(year - 3, year + 1), "HTXS")),
        award("P", "BK_BO", year - 5, f"{year - 4}-03-01"),
        award("P", "CSTDCS", year - 1, f"{year - 1}-12-15"),
        sk("P", "grassroots", f"{year}-03-01", "S"),
    )
    assert not ok(short, "BK_TTG", "P", str(year), **kw)  # a run of 4
    assert ok(short, "BK_BO", "P", str(year), **kw)


def test_held_boundaries() -> None:
    def cstdcs_2023(**kw: str) -> History:
        return _bk_bo(
            award("P", "CSTDCS", 2023, "2023-12-15", **kw), grades={2023: "HTT", 2024: "HTXS"}
        )

    assert ok(cstdcs_2023(), "BK_BO", on="2024-01-01")
    assert ok(cstdcs_2023(revoked_on="2024-06-02"), "BK_BO", on="2024-06-01")
    assert not ok(cstdcs_2023(revoked_on="2024-06-01"), "BK_BO", on="2024-06-01")
    h = _bk_bo(award("P", "CSTDCS", 2023, "2024-06-01"), grades={2023: "HTT", 2024: "HTXS"})
    assert ok(h, "BK_BO", on="2024-06-01")
    assert not ok(h, "BK_BO", on="2024-05-31")


def test_higher_titles_count_as_ldtt() -> None:
    # rated HT in 2024, but holding a higher title for 2024 meets the LĐTT standard
    for code in ("CSTDCS", "CSTD_BO", "CSTD_TQ"):
        h = history(
            member("P"),
            ratings("P", {2024: "HT"}),
            award("P", code, 2024, "2024-12-20"),
            sk("P", "grassroots", "2024-03-01", "S"),
        )
        assert ok(h, "CSTDCS"), code
        assert not ok(
            history(
                member("P"),
                ratings("P", {2024: "HT"}),
                award("P", "BK_BO", 2024, "2024-12-20"),
                sk("P", "grassroots", "2024-03-01", "S"),
            ),
            "CSTDCS",
        )


def test_cstdcs_initiative_boundaries() -> None:
    def on_day(day: str) -> bool:
        return ok(
            history(member("P"), ratings("P", {2024: "HTT"}), sk("P", "grassroots", day, "S")),
            "CSTDCS",
        )

    assert on_day("2024-01-01")
    assert on_day("2024-12-31")
    assert not on_day("2023-12-31")
    assert not on_day("2025-01-01")


def test_a_missing_rating_breaks_a_run_and_says_so() -> None:
    grades = {2019: "HTT", 2020: "HTT", 2022: "HTXS", 2023: "HTXS", 2024: "HTXS"}
    h = history(member("P"), ratings("P", grades), award("P", "BK_BO", 2018, "2019-03-01"))
    verdict = run(h, "BK_TTG").verdict("P")
    assert not verdict.eligible
    assert "an unbroken run of 3 periods, 1 of them CSTDCS" in verdict.explain()
    assert "broken at 2021: no rating" in verdict.explain()
    assert "đứt ở năm 2021: không có xếp loại" in verdict.explain("vi")
    lower = history(
        member("P"), ratings("P", grades | {2021: "HT"}), award("P", "BK_BO", 2018, "2019-03-01")
    )
    assert "broken at 2021: rated HT" in run(lower, "BK_TTG").verdict("P").explain()


def test_registration_covers_required_titles_only() -> None:
    rs = get_rule_set("cd-999-2024")
    assert rs.covering("LDTT") == {"LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ"}
    assert rs.covering("CSTDCS") == {"CSTDCS", "CSTD_BO", "CSTD_TQ"}
    assert ok(_union(member("P"), register="CSTD_BO"), "LDTT", rules="cd-999-2024")
    # BK_BO's second route needs no CSTĐCS: registering for it covers no title
    assert not ok(_union(member("P"), register="BK_BO"), "LDTT", rules="cd-999-2024")
    assert not ok(_union(member("P"), register="LDTT", grade="HTXS"), "CSTDCS", rules="cd-999-2024")


def test_review_boundaries() -> None:
    def review(start: str, end: str | None = None) -> bool:
        return ok(
            history(
                member("P"),
                ratings("P", {2024: "HTT"}),
                Review(subject="P", valid_from=start, valid_to=end),
            ),
            "LDTT",
        )

    assert not review("2025-01-01")  # opened on the proposal date
    assert review("2025-01-02")
    assert not review("2024-03-01", "2025-01-02")
    assert review("2024-03-01", "2025-01-01")


def test_discipline_overlap_boundaries() -> None:
    def disciplined(decided: str, until: str | None) -> bool:
        d = Discipline(person="P", form="khiển trách", decided_on=decided, valid_to=until)
        return ok(_union(member("P"), d), "LDTT", rules="cd-999-2024")

    assert not disciplined("2024-12-31", None)
    assert disciplined("2025-01-01", None)  # after the period (half-open)
    assert disciplined("2023-01-01", "2024-01-01")
    assert not disciplined("2023-01-01", "2024-01-02")
    # the state sets exclude a collective for a member's warning, not a reprimand
    recs: list[object] = [member(f"M{i}", unit="CD") for i in range(3)]
    for i in range(3):
        recs += ratings(f"M{i}", {2024: "HTT"})
    recs += ratings("CD", {2024: "HTT"})
    for form, expected in (
        ("reprimand", True),
        ("warning", False),
        ("demotion", False),
        ("dismissal", False),
    ):
        d = Discipline(person="M0", form=form, decided_on="2024-12-31")
        assert ok(history(*recs, d), "TTLDTT", "CD") is expected, form


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.integers(0, 500), st.integers(1, 400), st.booleans()),
            min_size=1,
            max_size=4,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_in_post_days_are_the_union_of_the_memberships(
    people: list[list[tuple[int, int, bool]]],
) -> None:
    """InPost's days equal a day-by-day count of the union of each person's memberships."""
    origin = Period.year(2023).start  # intervals start in 2023-2024 and may run into 2025
    rules = derive_rule_set(
        get_rule_set("vn-2024"),
        id="in-post",
        rules=[Rule(honour="GK", condition=InPost(months=10))],
    )
    records: list[object] = []
    expected: dict[str, int] = {}
    year = Period.year(2024)
    for n, intervals in enumerate(people):
        days: set[int] = set()
        for k, (offset, length, open_ended) in enumerate(intervals):
            start = origin.add(days=offset)
            end = None if open_ended else start.add(days=length)
            records.append(
                member(
                    f"P{n}",
                    unit=f"U{k}",
                    start=start.isoformat(),
                    end=None if end is None else end.isoformat(),
                )
            )
            last = year.end_ordinal if end is None else min(end.toordinal(), year.end_ordinal)
            days |= set(range(max(start.toordinal(), year.start_ordinal), last))
        expected[f"P{n}"] = len(days)
    result = eligibility(history(*records), CAT, "GK", year, rules=rules)
    for verdict in result:
        want = expected[verdict.subject]
        assert f"{want} of 366 days" in verdict.explanation.evidence_en, verdict.subject
        assert verdict.eligible is (want * 12 >= 10 * 366)


def test_cstd_tq_reused_national_initiative() -> None:
    stage = Period.stage(2022, 2024)
    earlier = award("P", "CSTD_BO", Period.stage(2019, 2021), "2022-03-01")
    used = award("P", "GK", 2024, "2024-10-01", initiatives="SN")
    assert ok(_cstd_tq(earlier), "CSTD_TQ", period=stage)
    assert not ok(_cstd_tq(earlier, used), "CSTD_TQ", period=stage)


def test_bk_ttg_needs_a_bk_bo_held_on_the_proposal_date() -> None:
    revoked = history(
        member("P"),
        ratings("P", dict.fromkeys(range(2019, 2025), "HTT")),
        award("P", "BK_BO", 2018, "2019-03-01", revoked_on="2024-12-01"),
        *[award("P", "CSTDCS", y, f"{y}-12-15") for y in (2021, 2022, 2023)],
    )
    assert not ok(revoked, "BK_TTG")
    assert "no BK_BO held" in run(revoked, "BK_TTG").verdict("P").explain()
    assert ok(revoked, "BK_TTG", on="2024-11-30")


def test_initiatives_of_a_stage_proposal_cover_the_whole_stage() -> None:
    # CSTĐ_TQ for giai đoạn 2022-2024 looks at the last 2 years, and always at the stage itself
    stage = Period.stage(2022, 2024)
    earlier = award("P", "CSTD_BO", Period.stage(2019, 2021), "2022-03-01")

    def national(on: str) -> bool:
        h = history(
            member("P"),
            ratings("P", dict.fromkeys(range(2019, 2025), "HTXS")),
            award("P", "CSTDCS", 2022, "2022-12-15"),
            award("P", "CSTDCS", 2023, "2023-12-15"),
            sk("P", "province", "2022-06-01", "SP"),
            sk("P", "national", on, "SN"),
            earlier,
        )
        return ok(h, "CSTD_TQ", period=stage)

    assert national("2022-01-01")
    assert national("2024-12-31")
    assert not national("2021-12-31")
    assert not national("2025-01-01")
