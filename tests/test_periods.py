"""Tests of thidua.periods: constructors, parsing, text and interval algebra."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.errors import PeriodParseError, ThiduaError
from thidua.periods import Period, PeriodKind, parse_period

D = pendulum.Date

YEARS = st.integers(min_value=1900, max_value=2100)
GRID_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)
SHORT_CODE_KINDS = {
    PeriodKind.YEAR,
    PeriodKind.HALF,
    PeriodKind.QUARTER,
    PeriodKind.MONTH,
    PeriodKind.EMULATION_YEAR,
    PeriodKind.DAY,
}


@st.composite
def dates(draw: st.DrawFn) -> pendulum.Date:
    day = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
    return D(day.year, day.month, day.day)


@st.composite
def custom_periods(draw: st.DrawFn) -> Period:
    start = draw(dates())
    length = draw(st.integers(min_value=1, max_value=3 * 366))
    return Period(start=start, end=start.add(days=length))


@st.composite
def stages(draw: st.DrawFn) -> Period:
    first = draw(YEARS)
    return Period.stage(first, first + draw(st.integers(0, 6)))


@st.composite
def terms(draw: st.DrawFn) -> Period:
    first = draw(YEARS)
    return Period.term(first, first + draw(st.integers(1, 6)))


def named_periods() -> st.SearchStrategy[Period]:
    """Periods made by every constructor except ``between`` and odd school years."""
    return st.one_of(
        st.builds(Period.year, YEARS),
        st.builds(Period.half, YEARS, st.integers(1, 2)),
        st.builds(Period.quarter, YEARS, st.integers(1, 4)),
        st.builds(Period.month, YEARS, st.integers(1, 12)),
        st.builds(Period.emulation_year, YEARS),
        st.builds(Period.school_year, YEARS),
        st.builds(Period.day, dates()),
        stages(),
        terms(),
    )


def any_periods() -> st.SearchStrategy[Period]:
    return st.one_of(named_periods(), custom_periods())


# -- constructors -------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (Period.year(2025), D(2025, 1, 1), D(2026, 1, 1)),
        (Period.half(2025, 1), D(2025, 1, 1), D(2025, 7, 1)),
        (Period.half(2025, 2), D(2025, 7, 1), D(2026, 1, 1)),
        (Period.quarter(2025, 3), D(2025, 7, 1), D(2025, 10, 1)),
        (Period.quarter(2025, 4), D(2025, 10, 1), D(2026, 1, 1)),
        (Period.month(2025, 2), D(2025, 2, 1), D(2025, 3, 1)),
        (Period.month(2025, 12), D(2025, 12, 1), D(2026, 1, 1)),
        (Period.emulation_year(2025), D(2024, 12, 1), D(2025, 12, 1)),
        (Period.school_year(2024), D(2024, 9, 1), D(2025, 9, 1)),
        (Period.school_year(2024, start_month=8, start_day=15), D(2024, 8, 15), D(2025, 8, 15)),
        (Period.stage(2021, 2025), D(2021, 1, 1), D(2026, 1, 1)),
        (Period.stage(2025, 2025), D(2025, 1, 1), D(2026, 1, 1)),
        (Period.term(2023, 2028), D(2023, 1, 1), D(2028, 1, 1)),
        (Period.day(D(2024, 2, 29)), D(2024, 2, 29), D(2024, 3, 1)),
        (Period.day("28/4/2023"), D(2023, 4, 28), D(2023, 4, 29)),
        (Period.between("2024-12-01", dt.date(2025, 12, 1)), D(2024, 12, 1), D(2025, 12, 1)),
    ],
)
def test_constructor_bounds(period: Period, start: pendulum.Date, end: pendulum.Date) -> None:
    assert (period.start, period.end) == (start, end)
    assert type(period.start) is pendulum.Date
    assert type(period.end) is pendulum.Date


def test_stage_of_five_years_is_five_calendar_years() -> None:
    stage = Period.stage(2021, 2025)
    assert [str(p) for p in stage.parts()] == ["2021", "2022", "2023", "2024", "2025"]
    assert stage.days == 5 * 365 + 1


def test_consecutive_terms_tile_without_overlap() -> None:
    xii, xiii = Period.term(2018, 2023), Period.term(2023, 2028)
    assert xii.end == xiii.start
    assert not xii.overlaps(xiii)
    assert xii.intersection(xiii) is None


def test_emulation_year_and_calendar_year_differ_by_december() -> None:
    ey, year = Period.emulation_year(2025), Period.year(2025)
    assert D(2024, 12, 15) in ey
    assert D(2024, 12, 15) not in year
    assert D(2025, 12, 1) not in ey
    assert ey != year


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Period.month(2025, 13), "month must be between 1 and 12, got 13"),
        (lambda: Period.month(2025, 0), "month must be between 1 and 12"),
        (lambda: Period.quarter(2025, 5), "quarter must be between 1 and 4"),
        (lambda: Period.half(2025, 3), "half must be between 1 and 2"),
        (lambda: Period.stage(2025, 2021), "last year must not be before the first"),
        (lambda: Period.term(2023, 2023), "last year must be after the first"),
        (lambda: Period.between("2025-01-01", "2025-01-01"), "must be before its end"),
        (lambda: Period.between("2025-02-01", "2025-01-01"), "end is exclusive"),
        (
            lambda: Period(start=D(2025, 1, 1), end=D(2025, 3, 1), kind=PeriodKind.MONTH),
            "is not a month period",
        ),
        (
            lambda: Period(start=D(2025, 2, 1), end=D(2025, 5, 1), kind=PeriodKind.QUARTER),
            "is not a quarter period",
        ),
        (
            lambda: Period(start=D(2025, 1, 1), end=D(2025, 12, 1), kind=PeriodKind.EMULATION_YEAR),
            "is not a emulation_year period",
        ),
        (
            lambda: Period(start=D(2025, 1, 2), end=D(2026, 1, 1), kind=PeriodKind.STAGE),
            "is not a stage period",
        ),
        (
            lambda: Period(start=D(2025, 1, 1), end=D(2025, 1, 3), kind=PeriodKind.DAY),
            "is not a day period",
        ),
        (
            lambda: Period(start=D(2024, 9, 1), end=D(2025, 9, 2), kind=PeriodKind.SCHOOL_YEAR),
            "is not a school_year period",
        ),
    ],
)
def test_constructor_misuse_raises_value_error(call: object, message: str) -> None:
    assert callable(call)
    with pytest.raises(ValueError, match=message):
        call()


def test_evolve_revalidates() -> None:
    with pytest.raises(ValueError, match="not a month period"):
        attrs.evolve(Period.month(2025, 1), end=D(2025, 3, 1))
    widened = attrs.evolve(Period.month(2025, 1), end=D(2025, 3, 1), kind=PeriodKind.CUSTOM)
    assert widened.days == 59


def test_period_is_frozen() -> None:
    period = Period.year(2025)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        period.start = D(2024, 1, 1)  # type: ignore[misc]


# -- equality, hashing, ordering -----------------------------------------------


def test_equality_and_hash_ignore_kind() -> None:
    year = Period.year(2025)
    custom = Period.between("2025-01-01", "2026-01-01")
    assert year == custom
    assert hash(year) == hash(custom)
    assert len({year, custom, parse_period("2025")}) == 1
    assert year.kind is PeriodKind.YEAR
    assert custom.kind is PeriodKind.CUSTOM


def test_ordering_is_by_start_then_end() -> None:
    periods = [Period.year(2025), Period.quarter(2025, 1), Period.emulation_year(2025)]
    assert sorted(periods) == [
        Period.emulation_year(2025),
        Period.quarter(2025, 1),
        Period.year(2025),
    ]


@given(any_periods(), any_periods())
def test_ordering_matches_bounds(a: Period, b: Period) -> None:
    assert (a < b) == ((a.start, a.end) < (b.start, b.end))
    assert (a == b) == ((a.start, a.end) == (b.start, b.end))
    assert (a == b) <= (hash(a) == hash(b))


def test_repr_shows_kind_name() -> None:
    assert repr(Period.quarter(2025, 3)) == (
        "Period(start=Date(2025, 7, 1), end=Date(2025, 10, 1), kind=PeriodKind.QUARTER)"
    )


# -- canonical text and Vietnamese labels ------------------------------------


@pytest.mark.parametrize(
    ("period", "code", "label"),
    [
        (Period.year(2025), "2025", "năm 2025"),
        (Period.half(2025, 1), "2025-H1", "6 tháng đầu năm 2025"),
        (Period.half(2025, 2), "2025-H2", "6 tháng cuối năm 2025"),
        (Period.quarter(2025, 1), "2025-Q1", "quý I/2025"),
        (Period.quarter(2025, 2), "2025-Q2", "quý II/2025"),
        (Period.quarter(2025, 3), "2025-Q3", "quý III/2025"),
        (Period.quarter(2025, 4), "2025-Q4", "quý IV/2025"),
        (Period.month(2025, 7), "2025-07", "tháng 7/2025"),
        (Period.emulation_year(2025), "2025-EY", "năm thi đua 2025"),
        (Period.school_year(2024), "2024-09-01/2025-09-01", "năm học 2024-2025"),
        (Period.stage(2021, 2025), "2021-01-01/2026-01-01", "giai đoạn 2021-2025"),
        (Period.term(2023, 2028), "2023-01-01/2028-01-01", "nhiệm kỳ 2023-2028"),
        (Period.day("2025-07-01"), "2025-07-01", "ngày 01/07/2025"),
        (
            Period.between("2024-12-01", "2025-12-01"),
            "2024-12-01/2025-12-01",
            "từ ngày 01/12/2024 đến ngày 30/11/2025",
        ),
    ],
)
def test_str_and_label(period: Period, code: str, label: str) -> None:
    assert str(period) == code
    assert period.label_vi == label
    assert parse_period(code) == period
    assert parse_period(label) == period


@given(any_periods())
def test_parse_of_str_round_trips(period: Period) -> None:
    parsed = parse_period(str(period))
    assert parsed == period
    expected = period.kind if period.kind in SHORT_CODE_KINDS else PeriodKind.CUSTOM
    assert parsed.kind is expected
    assert str(parsed) == str(period) or period.kind not in SHORT_CODE_KINDS


@given(any_periods())
def test_parse_of_label_round_trips_with_kind(period: Period) -> None:
    parsed = parse_period(period.label_vi)
    assert parsed == period
    assert parsed.kind is period.kind
    assert parsed.label_vi == period.label_vi


def test_label_of_odd_school_year_reads_back_as_the_1_september_one() -> None:
    odd = Period.school_year(2024, start_month=8, start_day=15)
    assert odd.label_vi == "năm học 2024-2025"
    assert parse_period(odd.label_vi) == Period.school_year(2024)
    assert parse_period(str(odd)) == odd


# -- parsing --------------------------------------------------------------------

ACCEPTED = [
    ("2025", Period.year(2025), PeriodKind.YEAR),
    ("năm 2025", Period.year(2025), PeriodKind.YEAR),
    ("NĂM 2025", Period.year(2025), PeriodKind.YEAR),
    ("2025-H1", Period.half(2025, 1), PeriodKind.HALF),
    ("2025-h2", Period.half(2025, 2), PeriodKind.HALF),
    ("6 tháng đầu năm 2025", Period.half(2025, 1), PeriodKind.HALF),
    ("6 tháng cuối năm 2025", Period.half(2025, 2), PeriodKind.HALF),
    ("Sáu tháng đầu năm 2025", Period.half(2025, 1), PeriodKind.HALF),
    ("2025-Q3", Period.quarter(2025, 3), PeriodKind.QUARTER),
    ("2025-q1", Period.quarter(2025, 1), PeriodKind.QUARTER),
    ("quý III/2025", Period.quarter(2025, 3), PeriodKind.QUARTER),
    ("Quý IV/2025", Period.quarter(2025, 4), PeriodKind.QUARTER),
    ("quý ii / 2025", Period.quarter(2025, 2), PeriodKind.QUARTER),
    ("quý 3/2025", Period.quarter(2025, 3), PeriodKind.QUARTER),
    ("quý III năm 2025", Period.quarter(2025, 3), PeriodKind.QUARTER),
    ("quý 1 năm 2025", Period.quarter(2025, 1), PeriodKind.QUARTER),
    ("quí I/2025", Period.quarter(2025, 1), PeriodKind.QUARTER),
    ("2025-07", Period.month(2025, 7), PeriodKind.MONTH),
    ("2025-7", Period.month(2025, 7), PeriodKind.MONTH),
    ("tháng 7/2025", Period.month(2025, 7), PeriodKind.MONTH),
    ("tháng 07/2025", Period.month(2025, 7), PeriodKind.MONTH),
    ("tháng 7 năm 2025", Period.month(2025, 7), PeriodKind.MONTH),
    ("Tháng 12/2024", Period.month(2024, 12), PeriodKind.MONTH),
    ("2025-EY", Period.emulation_year(2025), PeriodKind.EMULATION_YEAR),
    ("2025-ey", Period.emulation_year(2025), PeriodKind.EMULATION_YEAR),
    ("năm thi đua 2025", Period.emulation_year(2025), PeriodKind.EMULATION_YEAR),
    ("năm thống kê thi đua 2025", Period.emulation_year(2025), PeriodKind.EMULATION_YEAR),
    ("năm học 2024-2025", Period.school_year(2024), PeriodKind.SCHOOL_YEAR),
    ("năm học 2024–2025", Period.school_year(2024), PeriodKind.SCHOOL_YEAR),
    ("Năm học 2024 — 2025", Period.school_year(2024), PeriodKind.SCHOOL_YEAR),
    ("năm học 2024/2025", Period.school_year(2024), PeriodKind.SCHOOL_YEAR),
    ("giai đoạn 2020-2025", Period.stage(2020, 2025), PeriodKind.STAGE),
    ("giai đoạn 2021–2025", Period.stage(2021, 2025), PeriodKind.STAGE),
    ("GIAI ĐOẠN 2021 - 2025", Period.stage(2021, 2025), PeriodKind.STAGE),
    ("giai \u0111oa\u0323n 2021-2025", Period.stage(2021, 2025), PeriodKind.STAGE),  # NFD
    ("giai Ðoạn 2021-2025", Period.stage(2021, 2025), PeriodKind.STAGE),  # U+00D0
    ("nhiệm kỳ 2023-2028", Period.term(2023, 2028), PeriodKind.TERM),
    ("nhiệm kì 2023–2028", Period.term(2023, 2028), PeriodKind.TERM),
    ("Nhiệm Kỳ  2025 – 2030", Period.term(2025, 2030), PeriodKind.TERM),
    ("2024-12-01/2025-12-01", Period.emulation_year(2025), PeriodKind.CUSTOM),
    ("2024-12-01 / 2025-12-01", Period.emulation_year(2025), PeriodKind.CUSTOM),
    ("2025-07-01", Period.day(D(2025, 7, 1)), PeriodKind.DAY),
    ("ngày 1/7/2025", Period.day(D(2025, 7, 1)), PeriodKind.DAY),
    ("từ 1/12/2024 đến 30/11/2025", Period.emulation_year(2025), PeriodKind.CUSTOM),
    ("Từ ngày 01/01/2025 đến ngày 01/01/2025", Period.day(D(2025, 1, 1)), PeriodKind.CUSTOM),
    ("  \t2025-Q3\n", Period.quarter(2025, 3), PeriodKind.QUARTER),
]


@pytest.mark.parametrize(("text", "period", "kind"), ACCEPTED)
def test_accepted_text(text: str, period: Period, kind: PeriodKind) -> None:
    parsed = parse_period(text)
    assert parsed == period
    assert parsed.kind is kind
    assert Period.parse(text) == period


REJECTED = [
    ("", "empty"),
    ("   ", "empty"),
    ("quý V/2025", "quarter must be I, II, III or IV"),
    ("quý 5/2025", "quarter must be I, II, III or IV"),
    ("quý 0/2025", "quarter must be"),
    ("quý IIII/2025", "quarter must be"),
    ("2025-Q5", "quarter must be between 1 and 4"),
    ("2025-Q0", "quarter must be between 1 and 4"),
    ("2025-H3", "half must be between 1 and 2"),
    ("2025-13", "month must be between 1 and 12"),
    ("2025-00", "month must be between 1 and 12"),
    ("tháng 13/2025", "month must be between 1 and 12"),
    ("năm học 2024-2026", "two consecutive years"),
    ("năm học 2025-2024", "two consecutive years"),
    ("giai đoạn 2025-2021", "last year must not be before the first"),
    ("nhiệm kỳ 2028-2023", "last year must be after the first"),
    ("nhiệm kỳ 2023-2023", "last year must be after the first"),
    ("2024-2025", "ambiguous"),
    ("2025-02-30", "day is out of range"),
    ("2025-12-01/2025-12-01", "ends before it starts"),
    ("2025-12-01/2024-12-01", "ends before it starts"),
    ("từ 01/12/2025 đến 30/11/2025", "ends before it starts"),
    ("0000", "out of range"),
    ("0001-EY", "out of range"),
    ("9999", "out of range"),
    ("25", "expected 2025"),
    ("quý III", "expected 2025"),
    ("năm 2025 2026", "expected 2025"),
    ("2025-W12", "expected 2025"),
    ("Q3/2025", "expected 2025"),
    ("12/2025", "expected 2025"),
    ("6 tháng giữa năm 2025", "expected 2025"),
]


@pytest.mark.parametrize(("text", "reason"), REJECTED)
def test_rejected_text(text: str, reason: str) -> None:
    with pytest.raises(PeriodParseError, match=reason) as info:
        parse_period(text)
    assert info.value.text == text
    assert repr(text) in str(info.value)
    assert isinstance(info.value, ThiduaError)
    assert isinstance(info.value, ValueError)
    assert info.value.__cause__ is None


@given(st.text(max_size=30))
def test_arbitrary_text_never_raises_anything_but_period_parse_error(text: str) -> None:
    try:
        parse_period(text)
    except PeriodParseError as exc:
        error = exc
    else:
        return
    assert error.text == text


@given(
    st.sampled_from([(t, p) for t, p, _ in ACCEPTED]),
    st.sampled_from([str.upper, str.lower, str.title, lambda s: s]),
    st.sampled_from([" ", "  ", "\t", "\u00a0"]),
)
def test_case_and_spacing_do_not_matter(
    case: tuple[str, Period], change: object, space: str
) -> None:
    text, period = case
    assert callable(change)
    changed = change(text).replace(" ", space)
    assert parse_period(changed) == period


@given(YEARS, st.sampled_from(["-", "–", "—", " - ", " – "]))
def test_any_dash_in_ranges(first: int, dash: str) -> None:
    assert parse_period(f"năm học {first}{dash}{first + 1}") == Period.school_year(first)
    assert parse_period(f"giai đoạn {first}{dash}{first + 4}") == Period.stage(first, first + 4)
    assert parse_period(f"nhiệm kỳ {first}{dash}{first + 5}") == Period.term(first, first + 5)


# -- algebra --------------------------------------------------------------------


def test_contains_dates_and_periods() -> None:
    year = Period.year(2025)
    assert D(2025, 1, 1) in year
    assert D(2025, 12, 31) in year
    assert D(2026, 1, 1) not in year
    assert D(2024, 12, 31) not in year
    assert dt.date(2025, 6, 1) in year
    assert dt.datetime(2025, 6, 1, 23, 59) in year
    assert Period.quarter(2025, 4) in year
    assert year in year
    assert Period.emulation_year(2025) not in year
    assert year.contains(Period.month(2025, 12))


@pytest.mark.parametrize("item", ["2025-07-01", 2025, None, 1.5])
def test_contains_rejects_other_types(item: object) -> None:
    with pytest.raises(TypeError, match="contains dates and periods"):
        _ = item in Period.year(2025)


@given(any_periods(), dates())
def test_date_membership_is_half_open(period: Period, day: pendulum.Date) -> None:
    assert (day in period) == (period.start <= day < period.end)
    assert (day in period) == (period.start_ordinal <= day.toordinal() < period.end_ordinal)


@given(any_periods(), any_periods())
def test_intersection_properties(a: Period, b: Period) -> None:
    both = a.intersection(b)
    assert (both is not None) == a.overlaps(b) == b.overlaps(a)
    assert both == b.intersection(a)
    if both is not None:
        assert both in a
        assert both in b
        assert both.days <= min(a.days, b.days)
    if b in a:
        assert both == b
        assert both is not None
        assert both.kind is b.kind


def test_intersection_keeps_kind_or_is_custom() -> None:
    year, ey = Period.year(2025), Period.emulation_year(2025)
    inner = year.intersection(ey)
    assert inner == Period.between("2025-01-01", "2025-12-01")
    assert inner is not None
    assert inner.kind is PeriodKind.CUSTOM
    q2 = year.intersection(Period.quarter(2025, 2))
    assert q2 is not None
    assert q2.kind is PeriodKind.QUARTER


def test_days_and_ordinals() -> None:
    assert Period.year(2024).days == 366
    assert Period.year(2025).days == 365
    assert Period.month(2024, 2).days == 29
    assert Period.emulation_year(2025).days == 365
    assert Period.day("2025-01-01").days == 1
    p = Period.quarter(2025, 3)
    assert p.start_ordinal == dt.date(2025, 7, 1).toordinal()
    assert p.end_ordinal == dt.date(2025, 10, 1).toordinal()


def test_emulation_year_months_are_december_to_november() -> None:
    months = Period.emulation_year(2025).months()
    assert [str(m) for m in months] == [
        "2024-12",
        *(f"2025-{m:02d}" for m in range(1, 12)),
    ]
    assert all(m.kind is PeriodKind.MONTH for m in months)


def test_split_of_unaligned_period_clips_the_edges() -> None:
    pieces = Period.emulation_year(2025).quarters()
    assert [p.kind for p in pieces] == [
        PeriodKind.CUSTOM,
        PeriodKind.QUARTER,
        PeriodKind.QUARTER,
        PeriodKind.QUARTER,
        PeriodKind.CUSTOM,
    ]
    assert pieces[0] == Period.month(2024, 12)
    assert pieces[-1] == Period.between("2025-10-01", "2025-12-01")
    inside = Period.between("2025-02-10", "2025-02-20").split(PeriodKind.YEAR)
    assert inside == (Period.between("2025-02-10", "2025-02-20"),)
    assert inside[0].kind is PeriodKind.CUSTOM


def test_split_by_day() -> None:
    days = Period.month(2024, 2).split(PeriodKind.DAY)
    assert len(days) == 29
    assert all(d.kind is PeriodKind.DAY for d in days)
    assert days[-1] == Period.day("2024-02-29")


@pytest.mark.parametrize(
    "kind",
    [
        PeriodKind.CUSTOM,
        PeriodKind.EMULATION_YEAR,
        PeriodKind.SCHOOL_YEAR,
        PeriodKind.STAGE,
        PeriodKind.TERM,
    ],
)
def test_split_rejects_non_grid_kinds(kind: PeriodKind) -> None:
    with pytest.raises(ValueError, match="can split only by"):
        Period.year(2025).split(kind)


def test_split_near_the_end_of_the_calendar() -> None:
    late = Period.between("9999-11-05", "9999-12-31")
    assert late.split(PeriodKind.YEAR) == (late,)
    assert [p.kind for p in late.months()] == [PeriodKind.CUSTOM, PeriodKind.CUSTOM]


@given(any_periods(), st.sampled_from(GRID_KINDS))
def test_split_tiles_the_period_exactly(period: Period, kind: PeriodKind) -> None:
    pieces = period.split(kind)
    assert pieces
    assert pieces[0].start == period.start
    assert pieces[-1].end == period.end
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    assert sum(p.days for p in pieces) == period.days
    for piece in pieces:
        assert piece in period
        cell = {
            PeriodKind.MONTH: lambda d: Period.month(d.year, d.month),
            PeriodKind.QUARTER: lambda d: Period.quarter(d.year, (d.month + 2) // 3),
            PeriodKind.HALF: lambda d: Period.half(d.year, (d.month + 5) // 6),
            PeriodKind.YEAR: lambda d: Period.year(d.year),
        }[kind](piece.start)
        assert piece in cell
        assert (piece.kind is kind) == (piece == cell)
        assert piece.kind in (kind, PeriodKind.CUSTOM)
    # only the first and the last piece may be clipped
    assert all(p.kind is kind for p in pieces[1:-1])


@given(any_periods())
def test_months_and_quarters_are_splits(period: Period) -> None:
    assert period.months() == period.split(PeriodKind.MONTH)
    assert period.quarters() == period.split(PeriodKind.QUARTER)


@pytest.mark.parametrize(
    ("period", "codes"),
    [
        (Period.year(2025), ["2025-H1", "2025-H2"]),
        (Period.half(2025, 2), ["2025-Q3", "2025-Q4"]),
        (Period.quarter(2025, 1), ["2025-01", "2025-02", "2025-03"]),
        (Period.emulation_year(2025), ["2024-12", *(f"2025-{m:02d}" for m in range(1, 12))]),
        (
            Period.school_year(2024),
            [*(f"2024-{m:02d}" for m in range(9, 13))] + [f"2025-{m:02d}" for m in range(1, 9)],
        ),
        (Period.stage(2021, 2025), ["2021", "2022", "2023", "2024", "2025"]),
        (Period.term(2023, 2028), ["2023", "2024", "2025", "2026", "2027"]),
        (Period.month(2025, 7), []),
        (Period.day("2025-07-01"), []),
        (Period.between("2025-01-01", "2026-01-01"), []),
    ],
)
def test_parts(period: Period, codes: list[str]) -> None:
    assert [str(p) for p in period.parts()] == codes


@given(named_periods())
def test_parts_tile_the_period(period: Period) -> None:
    parts = period.parts()
    if parts:
        assert parts[0].start == period.start
        assert parts[-1].end == period.end
        assert sum(p.days for p in parts) == period.days
        assert all(p.kind is not PeriodKind.CUSTOM for p in parts)
