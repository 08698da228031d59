"""Validating figures against a hierarchy and a catalogue: F001-F008, with pointers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.datasets import hanoi_path, load_hanoi
from thidua.figures import (
    BUILTIN_INDICATORS,
    Aggregation,
    Figure,
    Figures,
    Indicator,
    Scope,
    read_figures_csv,
    validate_figures,
)
from thidua.figures._validate import _run
from thidua.hierarchy import Dataset, Hierarchy
from thidua.periods import Period
from thidua.testing import tiny_dataset

DATA = Path(__file__).parent / "data" / "figures"
Y2024 = Period.year(2024)


@pytest.fixture(scope="module")
def hierarchy() -> Hierarchy:
    return Hierarchy(tiny_dataset())


@pytest.fixture(scope="module")
def report(hierarchy: Hierarchy) -> list[tuple[str, str, str | None]]:
    result = read_figures_csv(DATA / "figures_problems.csv")
    assert result.report.ok
    found = validate_figures(result.figures, hierarchy)
    return [(p.code, str(p.pointer), p.subject) for p in found]


def test_every_problem_in_one_pass_sorted_by_row(
    report: list[tuple[str, str, str | None]],
) -> None:
    assert report == [
        ("F001", "figures_problems.csv row 3, column unit", "X9"),
        ("F002", "figures_problems.csv row 4, column indicator", "G1"),
        ("F003", "figures_problems.csv row 5, column period", "W1"),
        ("F003", "figures_problems.csv row 6, column period", "D1"),
        ("F004", "figures_problems.csv row 7, column value", "G1"),
        ("F005", "figures_problems.csv row 8, column value", "G2"),
        ("F006", "figures_problems.csv row 10, column value", "G2"),
        ("F007", "figures_problems.csv row 11, column value", "G3"),
        ("F008", "figures_problems.csv row 14, column period", "G3"),
    ]


def messages(hierarchy: Hierarchy) -> dict[str, list[str]]:
    figs = read_figures_csv(DATA / "figures_problems.csv").figures
    out: dict[str, list[str]] = {}
    for p in validate_figures(figs, hierarchy):
        out.setdefault(p.code, []).append(p.message)
    return out


def test_f001_unknown_unit(hierarchy: Hierarchy) -> None:
    assert messages(hierarchy)["F001"] == [
        (
            "figure of indicator 'new_members' (Phát triển đoàn viên mới) for 2024 names unit "
            "'X9', which is not in the hierarchy"
        )
    ]


def test_f002_unknown_indicator(hierarchy: Hierarchy) -> None:
    assert messages(hierarchy)["F002"] == [
        (
            "figure of unit 'G1' (Công đoàn cơ sở Trường Tiểu học Kim Liên) for 2024 names "
            "indicator 'blood_units', which is not in the catalogue"
        )
    ]


def test_f003_unit_not_alive_for_the_whole_period(hierarchy: Hierarchy) -> None:
    assert messages(hierarchy)["F003"] == [
        (
            "unit 'W1' (Công đoàn phường Kim Liên) is not alive during the whole period 2024 of "
            "indicator 'new_members' (Phát triển đoàn viên mới): it exists from 2025-07-01"
        ),
        (
            "unit 'D1' (Liên đoàn Lao động quận Đống Đa) is not alive during the whole period 2025 "
            "of indicator 'new_members' (Phát triển đoàn viên mới): it was dissolved on 2025-07-01"
        ),
    ]


def test_f004_duplicate_even_with_another_source(hierarchy: Hierarchy) -> None:
    assert messages(hierarchy)["F004"] == [
        (
            "indicator 'new_members' (Phát triển đoàn viên mới) of unit 'G1' (Công đoàn cơ sở "
            "Trường Tiểu học Kim Liên) for 2024 scope own is given twice (first at row 2); the "
            "sources differ ('BC-1' and 'BC-2') but it is still a duplicate"
        )
    ]


def test_f005_negative_count(hierarchy: Hierarchy) -> None:
    assert messages(hierarchy)["F005"] == [
        (
            "indicator 'new_members' (Phát triển đoàn viên mới) of unit 'G2' (Công đoàn cơ sở "
            "Công ty Hòa Bình) for 2024 is -3; it cannot be negative"
        )
    ]


def test_f006_zero_denominator(hierarchy: Hierarchy) -> None:
    assert messages(hierarchy)["F006"] == [
        (
            "ratio 'membership_rate' (Tỷ lệ đoàn viên trên người lao động) of unit 'G2' (Công "
            "đoàn cơ sở Công ty Hòa Bình) for 2024-Q4 has a zero denominator: 'workers' (Người lao "
            "động cuối kỳ) is 0 while 'members' (Đoàn viên cuối kỳ) is reported above 0"
        )
    ]


def test_f007_own_ratio(hierarchy: Hierarchy) -> None:
    assert messages(hierarchy)["F007"] == [
        (
            "indicator 'membership_rate' (Tỷ lệ đoàn viên trên người lao động) of unit 'G3' (Công "
            "đoàn Bệnh viện Đống Đa) for 2024 is a ratio, computed from 'members' (Đoàn viên cuối "
            "kỳ) and 'workers' (Người lao động cuối kỳ): report those; a ratio may only be given "
            "with scope total, for reconciliation"
        )
    ]


def test_f008_overlapping_periods_of_a_sum(hierarchy: Hierarchy) -> None:
    assert messages(hierarchy)["F008"] == [
        (
            "indicator 'dialogues' (Đối thoại tại nơi làm việc) of unit 'G3' (Công đoàn Bệnh viện "
            "Đống Đa) for 2024-Q1 overlaps the figure for 2024 (row 13): a sum indicator reported "
            "for overlapping periods would be counted twice; report it for periods that do not "
            "overlap"
        )
    ]


# -- figures built in code (no origins: no pointer) --------------------------------------------


def check(hierarchy: Hierarchy, *figures: Figure) -> list[tuple[str, str | None]]:
    found = validate_figures(Figures.from_records(figures), hierarchy)
    return [(p.code, p.subject) for p in found]


def test_clean_figures_and_empty_store(hierarchy: Hierarchy) -> None:
    assert not validate_figures(Figures.from_records([]), hierarchy)
    clean = [
        Figure(unit="G1", indicator="new_members", period=Y2024, value=3),
        Figure(unit="G1", indicator="new_members", period=Y2024, value=3, scope=Scope.TOTAL),
        Figure(unit="G1", indicator="members", period=Y2024, value=30),
        Figure(unit="G1", indicator="members", period=Period.quarter(2024, 4), value=30),
        Figure(unit="G1", indicator="people_honoured", period=Y2024, keys=frozenset({"P1"})),
        Figure(unit="G1", indicator="membership_rate", period=Y2024, value=80, scope=Scope.TOTAL),
        Figure(unit="W1", indicator="members", period=Period.half(2025, 2), value=30),
    ]
    assert check(hierarchy, *clean) == []


def test_no_pointer_without_origin(hierarchy: Hierarchy) -> None:
    found = validate_figures(
        Figures.from_records([Figure(unit="X", indicator="dialogues", period=Y2024, value=1)]),
        hierarchy,
    )
    assert found[0].pointer is None


def test_f007_types_of_records(hierarchy: Hierarchy) -> None:
    assert (
        check(
            hierarchy,
            Figure(unit="G1", indicator="dialogues", period=Y2024, keys=frozenset({"P1"})),
            Figure(unit="G1", indicator="people_honoured", period=Y2024, value=3),
            Figure(unit="G1", indicator="initiatives", period=Y2024),
            Figure(unit="G1", indicator="membership_rate", period=Y2024, scope=Scope.TOTAL),
        )
        == [("F007", "G1")] * 4
    )


def test_f007_messages(hierarchy: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="dialogues", period=Y2024, keys=frozenset({"P1"})),
            Figure(unit="G1", indicator="people_honoured", period=Y2024, value=3),
        ]
    )
    assert [p.message for p in validate_figures(figs, hierarchy)] == [
        (
            "indicator 'dialogues' (Đối thoại tại nơi làm việc) of unit 'G1' (Công đoàn cơ sở "
            "Trường Tiểu học Kim Liên) for 2024 takes a number, but the figure holds keys"
        ),
        (
            "indicator 'people_honoured' (Người được khen thưởng) of unit 'G1' (Công đoàn cơ sở "
            "Trường Tiểu học Kim Liên) for 2024 counts keys (written separated by ';'), but the "
            "figure is a number (3)"
        ),
    ]


def test_f004_same_source_and_three_copies(hierarchy: Hierarchy) -> None:
    fig = Figure(unit="G2", indicator="dialogues", period=Y2024, value=1, source="BC")
    figs = Figures.from_records([fig, fig, fig])
    found = validate_figures(figs, hierarchy)
    assert [p.code for p in found] == ["F004", "F004"]
    assert "sources differ" not in found[0].message
    assert "(first at figure 1 of the list)" in found[1].message


def test_f004_equal_periods_in_two_dictionary_entries(hierarchy: Hierarchy) -> None:
    figs = Figures(
        unit_codes=np.array([0, 0], dtype=np.int32),
        units=("G1",),
        indicator_codes=np.array([0, 0], dtype=np.int32),
        indicators=("dialogues",),
        period_codes=np.array([0, 1], dtype=np.int32),
        periods=(Period.year(2024), Period.between("2024-01-01", "2025-01-01")),
        values=np.array([1.0, 2.0]),
    )
    assert [p.code for p in validate_figures(figs, hierarchy)] == ["F004"]


def test_f006_only_for_matching_unit_period_and_scope(hierarchy: Hierarchy) -> None:
    q4 = Period.quarter(2024, 4)
    assert (
        check(
            hierarchy,
            Figure(unit="G1", indicator="members", period=q4, value=10),
            Figure(unit="G1", indicator="workers", period=q4, value=0, scope=Scope.TOTAL),
            Figure(unit="G2", indicator="workers", period=q4, value=0),
            Figure(unit="G1", indicator="workers", period=Y2024, value=0),
            Figure(unit="G3", indicator="works_completed", period=Y2024, value=0),
            Figure(unit="G3", indicator="works_registered", period=Y2024, value=0),
        )
        == []
    )


def test_f006_denominator_shared_by_two_ratios(hierarchy: Hierarchy) -> None:
    catalogue = BUILTIN_INDICATORS.extend(
        [
            Indicator(
                code="female_rate",
                name="Tỷ lệ đoàn viên nữ",
                unit="%",
                aggregation=Aggregation.RATIO,
                numerator="female_members",
                denominator="workers",
                scale=100,
            )
        ]
    )
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="members", period=Y2024, value=10),
            Figure(unit="G1", indicator="female_members", period=Y2024, value=4),
            Figure(unit="G1", indicator="workers", period=Y2024, value=0),
        ]
    )
    found = validate_figures(figs, hierarchy, catalogue)
    assert [p.code for p in found] == ["F006", "F006"]
    assert "'female_rate'" in found[1].message


def test_f008_distinct_and_nested_periods(hierarchy: Hierarchy) -> None:
    keys = frozenset({"P1"})
    found = check(
        hierarchy,
        Figure(unit="G1", indicator="people_honoured", period=Y2024, keys=keys),
        Figure(unit="G1", indicator="people_honoured", period=Period.half(2024, 1), keys=keys),
        Figure(unit="G1", indicator="people_honoured", period=Period.quarter(2024, 1), keys=keys),
        Figure(unit="G1", indicator="people_honoured", period=Period.quarter(2024, 3), keys=keys),
        # totals, stocks and other units do not count
        Figure(unit="G1", indicator="new_members", period=Y2024, value=1, scope=Scope.TOTAL),
        Figure(
            unit="G1",
            indicator="new_members",
            period=Period.half(2024, 1),
            value=1,
            scope=Scope.TOTAL,
        ),
        Figure(unit="G2", indicator="people_honoured", period=Period.half(2024, 2), keys=keys),
    )
    # 2024 overlaps H1, Q1 and Q3; H1 overlaps Q1.
    assert found == [("F008", "G1")] * 4


def test_f008_names_distinct_indicators(hierarchy: Hierarchy) -> None:
    keys = frozenset({"P1"})
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="people_honoured", period=Y2024, keys=keys),
            Figure(unit="G1", indicator="people_honoured", period=Period.month(2024, 3), keys=keys),
        ]
    )
    (found,) = validate_figures(figs, hierarchy)
    assert "a distinct indicator" in found.message
    assert "(figure 1 of the list)" in found.message


def test_hierarchy_without_units() -> None:
    empty = Hierarchy(Dataset())
    figs = Figures.from_records([Figure(unit="G1", indicator="dialogues", period=Y2024, value=1)])
    assert [p.code for p in validate_figures(figs, empty)] == ["F001"]


def test_hanoi_sample_is_clean() -> None:
    figs = read_figures_csv(hanoi_path() / "figures.csv").figures
    assert not validate_figures(figs, Hierarchy(load_hanoi()))


def test_many_rows_use_the_hash_grouping(hierarchy: Hierarchy) -> None:
    n = 30_000
    units = ("G1", "G2", "G3")
    months = tuple(Period.month(2000 + i // 12, i % 12 + 1) for i in range(n // 3))
    figs = Figures(
        unit_codes=(np.arange(n) % 3).astype(np.int32),
        units=units,
        indicator_codes=np.zeros(n, dtype=np.int32),
        indicators=("members",),
        period_codes=(np.arange(n) // 3).astype(np.int32),
        periods=months,
        values=np.ones(n),
    )
    assert not validate_figures(figs, hierarchy)
    doubled = figs.take(np.r_[np.arange(n), [5]])
    found = validate_figures(doubled, hierarchy)
    assert [(p.code, p.subject) for p in found] == [("F004", "G3")]


def test_unknown_unit_and_indicator_together(hierarchy: Hierarchy) -> None:
    figs = Figures.from_records([Figure(unit="X", indicator="y", period=Y2024, value=1)])
    found = validate_figures(figs, hierarchy)
    assert [p.code for p in found] == ["F001", "F002"]
    assert (
        found[1].message
        == "figure of unit 'X' for 2024 names indicator 'y', which is not in the catalogue"
    )


# The vectorised checks against a plain row-by-row statement of the rules.

_UNITS = ("TLD", "D1", "S1", "W1", "G1", "G2", "X9")
_PERIODS = (
    Y2024,
    Period.year(2025),
    Period.half(2025, 1),
    Period.quarter(2025, 3),
    Period.between("2024-01-01", "2025-01-01"),  # equal to 2024, another entry
)
_INDICATORS = ("members", "workers", "works_completed", "works_registered", "dialogues")


def _reference(figures: list[Figure], hierarchy: Hierarchy) -> set[tuple[int, str]]:
    found: set[tuple[int, str]] = set()
    ratios = [i for i in BUILTIN_INDICATORS if i.is_derived]
    for i, f in enumerate(figures):
        if f.unit not in hierarchy:
            found.add((i, "F001"))
        else:
            unit = hierarchy.unit(f.unit)
            if (unit.founded is not None and unit.founded.toordinal() > f.period.start_ordinal) or (
                unit.dissolved is not None and unit.dissolved.toordinal() < f.period.end_ordinal
            ):
                found.add((i, "F003"))
        same = (f.unit, f.indicator, f.period, f.scope)
        if any((g.unit, g.indicator, g.period, g.scope) == same for g in figures[:i]):
            found.add((i, "F004"))
        for ratio in ratios:
            if f.indicator == ratio.denominator and f.value == 0:
                where = (f.unit, f.period, f.scope)
                if any(
                    g.indicator == ratio.numerator
                    and (g.value or 0) > 0
                    and (g.unit, g.period, g.scope) == where
                    for g in figures
                ):
                    found.add((i, "F006"))
    return found


@settings(max_examples=150, deadline=None, database=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_UNITS),
            st.sampled_from(_INDICATORS),
            st.sampled_from(_PERIODS),
            st.sampled_from([0.0, 0.0, 1.0, 3.0]),
            st.sampled_from([Scope.OWN, Scope.OWN, Scope.TOTAL]),
        ),
        max_size=40,
    )
)
def test_vectorised_checks_match_the_rules_row_by_row(
    rows: list[tuple[str, str, Period, float, Scope]],
) -> None:
    hierarchy = Hierarchy(tiny_dataset())
    figures = [Figure(unit=u, indicator=i, period=p, value=v, scope=s) for u, i, p, v, s in rows]
    store = Figures.from_records(figures)
    found = {
        (i, code)
        for i, code, _ in _run(store, hierarchy, BUILTIN_INDICATORS, max_per_code=None).items
        if code in {"F001", "F003", "F004", "F006"}
    }
    assert found == _reference(figures, hierarchy)
