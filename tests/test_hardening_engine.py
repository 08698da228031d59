"""Hardening of the engine: each hostile or broken input of the fuzzer, from a minimal case."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pendulum
import pytest

from thidua import ChangeEvent, Dataset, EventKind, Hierarchy, Link, Unit, validate
from thidua.errors import PeriodParseError, ThiduaError
from thidua.figures import Figure, Figures, FiguresResult, Scope, read_figures_csv, validate_figures
from thidua.hierarchy import MAX_RANK, InvalidRankError, Level, LevelScheme
from thidua.hierarchy._checks._intervals import overlap_groups, overlapping_other, overlapping_pairs
from thidua.periods import Period, parse_period
from thidua.problems import (
    CODES,
    DEFAULT_MAX_PER_CODE,
    Pointer,
    Report,
    cap_problems,
    problem,
)
from thidua.rollup import Flag, roll_up, roll_up_groups
from thidua.rollup._layout import derive, flag_names
from thidua.testing import assert_codes, tiny_dataset
from thidua.values import measure_kind, number_words, words_misfit

D = pendulum.Date
Y24 = Period.year(2024)


def fig(unit: str, indicator: str, value: float, period: Period = Y24) -> Figure:
    return Figure(unit=unit, indicator=indicator, period=period, value=value)


# -- 1. level ranks ------------------------------------------------------------------


def repr_id(value: object) -> str:
    return f"int of {value.bit_length()} bits" if isinstance(value, int) else repr(value)


@pytest.mark.parametrize(
    "rank", [-1, MAX_RANK + 1, 99999999999999999999, 10**5000, 2.5, True, "3"], ids=repr_id
)
def test_a_rank_outside_the_range_is_refused(rank: object) -> None:
    with pytest.raises(InvalidRankError, match="from 0 to 1000") as info:
        Level(kind="ward", rank=rank)  # type: ignore[arg-type]
    assert isinstance(info.value, ThiduaError)
    assert isinstance(info.value, ValueError)  # readers turn it into S006
    assert len(str(info.value)) < 200  # a 5,000-digit rank is not printed


def test_a_scheme_from_ranks_refuses_a_huge_rank() -> None:
    with pytest.raises(InvalidRankError):
        LevelScheme.from_ranks("x", {"city": 0, "ward": 2**63})
    assert LevelScheme.from_ranks("x", {"city": 0, "ward": MAX_RANK}).rank("ward") == MAX_RANK


def test_roll_up_refuses_a_huge_rank_filter() -> None:
    h = Hierarchy(tiny_dataset())
    figs = Figures.from_records([fig("G1", "new_members", 1)])
    with pytest.raises(InvalidRankError):
        roll_up(h, figs, Y24, ranks=[99999999999999999999])
    assert roll_up(h, figs, Y24, ranks=[3]).units == ("G1", "G2", "G3")


# -- 2. periods at the end of the calendar ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ngày 31/12/9999",
        "9999-12-31",
        "9999",
        "năm 9999",
        "9999-H2",
        "9999-Q4",
        "quý IV/9999",
        "9999-12",
        "tháng 12/9999",
        "6 tháng cuối năm 9999",
        "giai đoạn 9995-9999",
        "từ ngày 01/01/2025 đến ngày 31/12/9999",
        "0000",
    ],
)
def test_a_period_past_9999_is_a_parse_error(text: str) -> None:
    with pytest.raises(PeriodParseError, match="out of range") as info:
        parse_period(text)
    assert info.value.text == text


@pytest.mark.parametrize(
    "build",
    [
        lambda: Period.day("9999-12-31"),
        lambda: Period.year(9999),
        lambda: Period.half(9999, 2),
        lambda: Period.quarter(9999, 4),
        lambda: Period.month(9999, 12),
        lambda: Period.month(10**20, 1),
        lambda: Period.year(0),
        lambda: Period.emulation_year(10000),
        lambda: Period.emulation_year(1),
        lambda: Period.school_year(9999),
        lambda: Period.stage(9990, 9999),
        lambda: Period.term(9990, 10000),
    ],
)
def test_every_period_constructor_refuses_dates_past_9999(build: object) -> None:
    with pytest.raises(PeriodParseError, match="out of range"):
        build()  # type: ignore[operator]


def test_the_last_periods_that_fit_still_work() -> None:
    assert str(Period.day("9999-12-30")) == "9999-12-30"
    assert Period.month(9999, 11).end == D(9999, 12, 1)
    assert parse_period("năm thi đua 9999").end == D(9999, 12, 1)
    assert parse_period("nhiệm kỳ 9995-9999").end == D(9999, 1, 1)
    assert Period.year(1).start == D(1, 1, 1)


# -- 3. lineage over long chains ---------------------------------------------------


def _absorb_chain(n: int) -> Hierarchy:
    day0 = D(2000, 1, 1)
    units = [
        Unit(
            id=f"U{i}",
            name=f"Công đoàn {i}",
            kind="grassroots",
            founded=None if i == 0 else day0.add(days=i),
            dissolved=None if i == n else day0.add(days=i + 1),
        )
        for i in range(n + 1)
    ]
    events = [
        ChangeEvent(
            id=f"E{i}",
            kind=EventKind.ABSORB,
            date=day0.add(days=i + 1),
            originals=f"U{i}",
            results=f"U{i + 1}",
        )
        for i in range(n)
    ]
    return Hierarchy(Dataset(units=units, events=events))


def test_successors_on_after_5000_absorb_events() -> None:
    h = _absorb_chain(5000)
    start = time.perf_counter()
    assert h.successors_on("U0", "2030-01-01") == {"U5000": 1.0}
    assert h.successors_on("U0", "2000-01-01") == {"U0": 1.0}
    assert h.successors_on("U0", "2000-01-03") == {"U2": 1.0}
    lineage = h.lineage("U0")
    assert time.perf_counter() - start < 10
    assert len(lineage.successors) == 5000
    assert lineage.successors[-1].distance == 5000
    assert h.lineage("U5000").predecessors[0].unit == "U4999"


def test_restated_roll_up_after_5000_absorb_events() -> None:
    h = _absorb_chain(5000)
    figs = Figures.from_records([fig("U0", "new_members", 7, Period.year(2000))])
    r = roll_up(h, figs, Period.year(2000), basis="restated", restate_to="2030-01-01")
    assert r.value("U5000", "new_members") == 7.0


def test_lineage_shares_add_over_a_diamond_and_a_cycle_cannot_loop() -> None:
    d = D(2024, 1, 1)
    units = [Unit(id=i, name=i, kind="grassroots") for i in "ABCD"]
    events = [
        ChangeEvent(
            id="s",
            kind=EventKind.SPLIT,
            date=d,
            originals="A",
            results=("B", "C"),
            shares=(0.5, 0.5),
        ),
        ChangeEvent(
            id="m", kind=EventKind.MERGE, date=d.add(days=1), originals=("B", "C"), results="D"
        ),
        # invalid: D flows back into A
        ChangeEvent(id="x", kind=EventKind.ABSORB, date=d.add(days=2), originals="D", results="A"),
    ]
    h = Hierarchy(Dataset(units=units, events=events))
    assert h.lineage("A").successor_shares() == {"B": 0.5, "C": 0.5, "D": 1.0}


# -- 4. linear reports ---------------------------------------------------------------


def test_8000_siblings_with_one_name_give_one_problem_fast() -> None:
    n = 8000
    units = [Unit(id="P", name="Liên đoàn Lao động quận", kind="district")]
    units += [Unit(id=f"C{i}", name="Công đoàn cơ sở An Bình", kind="grassroots") for i in range(n)]
    links = [Link(child=f"C{i}", parent="P") for i in range(n)]
    start = time.perf_counter()
    report = validate(Dataset(units=units, links=links, roots=("P",)))
    assert time.perf_counter() - start < 5
    (only,) = report.by_code("H011")
    assert only.message.startswith("8000 units under the same admin parent 'P'")
    assert "'C0' (Công đoàn cơ sở An Bình), 'C1'" in only.message
    assert only.message.endswith("and 7990 more")
    assert len(report) == 1


def test_same_name_siblings_at_different_times_are_not_a_group() -> None:
    units = [Unit(id="P", name="P", kind="district")]
    units += [Unit(id=c, name="Công đoàn A", kind="grassroots") for c in ("A", "B", "C", "E")]
    links = [
        Link(child="A", parent="P", valid_to=D(2020, 1, 1)),
        Link(child="B", parent="P", valid_from=D(2020, 1, 1), valid_to=D(2021, 1, 1)),
        Link(child="C", parent="P", valid_from=D(2020, 6, 1), valid_to=D(2022, 1, 1)),
        Link(child="E", parent="P", valid_from=D(2023, 1, 1)),
    ]
    report = validate(Dataset(units=units, links=links, roots=("P",)), max_per_code=None)
    (only,) = report.by_code("H011")
    assert only.message.startswith("2 units")
    assert "'B'" in only.message
    assert "'C'" in only.message
    assert "'A'" not in only.message


def test_2000_overlapping_admin_links_give_linear_problems_capped() -> None:
    m = 2000
    units = [Unit(id=f"P{i}", name=f"P{i}", kind="district") for i in range(m)]
    units.append(Unit(id="C", name="C", kind="grassroots"))
    links = [
        Link(child="C", parent=f"P{i}", valid_from=D(2000, 1, 1).add(days=i)) for i in range(m)
    ]
    ds = Dataset(units=units, links=links, roots=tuple(f"P{i}" for i in range(m)))
    full = validate(ds, max_per_code=None)
    assert len(full.by_code("H005")) == m - 1
    capped = validate(ds)
    assert len(capped.by_code("H005")) == DEFAULT_MAX_PER_CODE
    (summary,) = capped.by_code("S030")
    assert summary.is_error
    assert summary.subject == "H005"
    assert summary.message.startswith("… and 999 more H005 problems")
    assert "1,999 in all" in summary.message
    assert not capped.ok
    assert validate(ds, max_per_code=0).codes() == ["S030"]


def test_overlapping_other_finds_another_parent_behind_the_furthest_link() -> None:
    # Links of one child by start: P1 [0, 100), P2 [10, 20), P2 [30, 40).
    group = np.zeros(3, dtype=np.int64)
    label = np.array([1, 2, 2])
    start, end = np.array([0, 10, 30]), np.array([100, 20, 40])
    assert overlapping_other(group, label, start, end) == [(0, 1), (0, 2)]
    # Same parent reaching furthest, another parent earlier still overlapping.
    label = np.array([1, 2, 1])
    start, end = np.array([0, 5, 10]), np.array([50, 60, 70])
    assert overlapping_other(group, label, start, end) == [(0, 1), (1, 2)]
    assert overlapping_other(group, np.array([1, 1, 1]), start, end) == []
    assert overlapping_pairs(group, start, end) == [(0, 1), (1, 2)]
    assert overlap_groups(group, np.array([0, 5, 60]), np.array([10, 20, 70])).tolist() == [0, 0, 1]


def test_cap_problems_keeps_the_first_of_each_code() -> None:
    many = [problem("H012", f"u{i}") for i in range(5)] + [problem("H013", "x")]
    kept = cap_problems(many, 3)
    assert [p.code for p in kept] == ["H012", "H012", "H012", "H013", "S030"]
    assert kept[-1].severity.value == "warning"
    assert cap_problems(many, None) == tuple(many)
    assert Report(cap_problems(kept, 3)).codes() == ["H012", "H013", "S030"]


# -- 5. no quietly wrong total -----------------------------------------------------------

HELD, DUE, RATE = "workers_conferences_held", "workers_conferences_due", "workers_conference_rate"


def test_a_zero_denominator_marks_the_totals_above_it() -> None:
    h = Hierarchy(tiny_dataset())
    figs = Figures.from_records(
        [fig("G1", HELD, 3), fig("G1", DUE, 0), fig("G2", HELD, 1), fig("G2", DUE, 2)]
    )
    r = roll_up(h, figs, Y24)
    assert r.row("G1", RATE).flags == ("zero_denominator",)
    assert r.row("G2", RATE).flags == ()
    d1 = r.row("D1", RATE)
    assert d1.value == 200.0  # (3 + 1) / (0 + 2), kept but marked
    assert d1.flags == ("unmatched_numerator",)
    assert r.row("TLD", RATE).flags == ("unmatched_numerator",)
    assert r.row("D1", HELD).flags == ()
    (p,) = r.problems.by_code("F015")
    assert p.subject == "G1"
    assert "has 3 for 'workers_conferences_held' but 0 for 'workers_conferences_due'" in p.message
    assert "Trường Tiểu học Kim Liên" in p.message


def test_a_numerator_without_a_denominator_figure_is_flagged() -> None:
    h = Hierarchy(tiny_dataset())
    figs = Figures.from_records([fig("G1", HELD, 5), fig("G2", HELD, 1), fig("G2", DUE, 2)])
    r = roll_up(h, figs, Y24)
    g1 = r.row("G1", RATE)
    assert np.isnan(g1.value)
    assert g1.flags == ("missing_denominator",)
    assert r.row("D1", RATE).flags == ("unmatched_numerator",)
    (p,) = r.problems.by_code("F015")
    assert "but no figure for 'workers_conferences_due'" in p.message


def test_zero_over_zero_is_harmless_and_groups_keep_the_mark() -> None:
    h = Hierarchy(tiny_dataset())
    clean = Figures.from_records(
        [fig("G1", HELD, 0), fig("G1", DUE, 0), fig("G2", HELD, 1), fig("G2", DUE, 2)]
    )
    r = roll_up(h, clean, Y24)
    assert r.row("D1", RATE).flags == ()
    assert r.problems.by_code("F015") == ()
    dirty = Figures.from_records(
        [fig("G1", HELD, 3), fig("G1", DUE, 0), fig("G2", HELD, 1), fig("G2", DUE, 2)]
    )
    rd = roll_up(h, dirty, Y24, as_of="2024-12-31")
    # A group of units combines the marks of its members (bits are or-ed).
    totals, layout = rd._s.totals, rd._s.layout
    members = np.asarray([h.index_of("G1"), h.index_of("G2")])
    _, flags = derive(layout, *totals.combine(members))
    assert flag_names(int(flags[0, layout.col_of[RATE]])) == ("unmatched_numerator",)
    assert roll_up_groups(rd, h, on="2024-12-31").value("C1", RATE) == 200.0


def test_a_sum_that_overflows_is_a_problem_not_a_warning() -> None:
    h = Hierarchy(tiny_dataset())
    figs = Figures.from_records([fig("G1", "new_members", 1e308), fig("G2", "new_members", 1e308)])
    r = roll_up(h, figs, Y24)  # pytest turns a numpy RuntimeWarning into a failure
    assert r.value("G1", "new_members") == 1e308
    d1 = r.row("D1", "new_members")
    assert np.isnan(d1.value)
    assert d1.flags == ("overflow",)
    assert r.row("TLD", "new_members").flags == ("overflow",)
    (p,) = r.problems.by_code("F016")
    assert p.is_error
    assert "at 3 unit(s)" in p.message
    assert "'D1'" in p.message
    assert not np.isinf(r.values).any()


def test_a_ratio_over_an_overflowed_input_is_marked_too() -> None:
    h = Hierarchy(tiny_dataset())
    figs = Figures.from_records(
        [fig("G1", HELD, 1e308), fig("G1", DUE, 1), fig("G2", HELD, 1e308), fig("G2", DUE, 1)]
    )
    r = roll_up(h, figs, Y24)
    assert r.row("G1", RATE).flags == ("overflow",)  # 1e308 / 1 × 100
    assert r.row("D1", RATE).flags == ("overflow",)
    assert r.row("D1", HELD).flags == ("overflow",)
    codes = [p.code for p in r.problems]
    assert codes.count("F016") == 2  # the held total and the rate at G1 and G2
    assert Flag.OVERFLOW.name == "OVERFLOW"


# -- 6. unit words and fractional counts ------------------------------------------------


def _read(tmp_path: Path, body: str) -> FiguresResult:
    path = tmp_path / "figures.csv"
    path.write_text("unit,indicator,period,value\n" + body, encoding="utf-8")
    return read_figures_csv(path)


def test_unit_words_that_do_not_fit_a_count_are_warnings(tmp_path: Path) -> None:
    result = _read(
        tmp_path,
        "G1,new_members,2024,50%\n"
        "G2,new_members,2024,564 triệu đồng\n"
        "G3,new_members,2024,3 tỷ\n"
        "G1,initiative_benefit,2024,564 triệu đồng\n"
        "G2,dialogues,2024,4 người\n"
        "G3,members,2024,1.585 người\n",
    )
    assert result.figures.values.tolist()[:3] == [50.0, 564e6, 3e9]  # still read
    found = result.report.by_code("F017")
    assert [p.pointer.row for p in found if p.pointer] == [2, 3, 4, 6]
    assert all(not p.is_error and p.pointer and p.pointer.column == "value" for p in found)
    assert "'50%' was read as 50: a percent sign is dropped" in found[0].message
    assert "the money word 'đồng'" in found[1].message
    assert "'3 tỷ' was read as 3.000.000.000" in found[2].message
    assert "'người' counts people" in found[3].message
    assert found[0].subject == "G1"


def test_words_are_checked_against_each_unit_of_measure() -> None:
    assert words_misfit(number_words("564 triệu đồng"), "VND") == ""
    assert words_misfit(number_words("50%"), "%") == ""
    assert words_misfit(number_words("12 người"), "lượt người") == ""
    assert words_misfit(number_words("12 điểm"), "điểm") == ""  # not a number word
    assert words_misfit(number_words("3 tỷ"), "điểm") == ""  # other units are not checked
    assert words_misfit(number_words("3 nghìn"), "CĐCS") == "the scale word 'nghìn' multiplies it"
    assert measure_kind("") == "other"


def test_a_fractional_count_is_a_warning() -> None:
    figs = Figures.from_records(
        [
            fig("G1", "members", 12.5),
            fig("G2", "members", 12),
            fig("G1", "initiative_benefit", 0.5),  # money may be fractional
            fig("G2", "union_score", 7.5),  # a mean score too
        ]
    )
    report = validate_figures(figs, Hierarchy(tiny_dataset()))
    assert_codes(report, {"F018"})
    (p,) = report.by_code("F018")
    assert p.subject == "G1"
    assert "is 12.5, but it counts 'người'" in p.message


def test_figure_checks_are_capped_per_code() -> None:
    figs = Figures.from_records([fig("G1", "members", 0.5 + i) for i in range(30)])
    capped = validate_figures(figs, Hierarchy(tiny_dataset()), max_per_code=10)
    assert len(capped.by_code("F018")) == 10
    summaries = {p.subject: p.message for p in capped.by_code("S030")}
    assert summaries["F018"].startswith("… and 20 more F018 problems")
    assert summaries["F004"].startswith("… and 19 more F004 problems")
    # F004 repeats are capped by the same counter
    assert len(validate_figures(figs, Hierarchy(tiny_dataset()), max_per_code=None)) > 30


# -- 7. reports and events -------------------------------------------------------------


def test_problem_dicts_keep_the_pointer_fields() -> None:
    at = Pointer(file="book.xlsx", sheet="Đơn vị", row=7, column="Tên")
    p = problem("H013", "unit 'A' has no name", subject="A", pointer=at)
    d = p.to_dict()
    assert d["pointer"] == "book.xlsx sheet Đơn vị row 7, column Tên"
    assert (d["file"], d["sheet"], d["row"], d["column"], d["path"]) == (
        "book.xlsx",
        "Đơn vị",
        7,
        "Tên",
        None,
    )
    report = Report((p, problem("H012", "no parent")))
    (first, second) = json.loads(report.to_json())
    assert first["row"] == 7
    assert first["sheet"] == "Đơn vị"
    assert second["file"] is None
    assert second["pointer"] is None
    as_dict = report.to_dict()
    assert (as_dict["ok"], as_dict["errors"], as_dict["warnings"]) == (False, 1, 1)
    assert as_dict["problems"][0]["column"] == "Tên"


def test_report_and_figures_reprs_stay_short() -> None:
    big = Report(tuple(problem("H012", f"unit {i} has no admin parent") for i in range(100_000)))
    assert repr(big) == "<Report 0 errors, 100000 warnings: H012 ×100000>"
    html = big._repr_html_()
    assert html.count("<tr>") == 52  # header, 50 problems, the "more" line
    assert "… and 99,950 more" in html
    many = Report(tuple(problem(code, "x") for code in CODES))
    assert "more codes" in repr(many)
    n = 3_000_000
    figs = Figures.from_columns(
        unit=np.zeros(n, dtype=np.int64).astype(str),
        indicator=["x"] * n,
        period=["2025"] * n,
        value=np.arange(n),
    )
    assert len(repr(figs)) < 100
    assert len(figs._repr_html_()) < 5000


def test_an_event_problem_names_its_units() -> None:
    d = D(2024, 1, 1)
    units = [
        Unit(id="A", name="Công đoàn Công ty Alpha", kind="grassroots", dissolved=d),
        Unit(id="B", name="Công đoàn Alpha Bắc", kind="grassroots", founded=d),
        Unit(id="C", name="Công đoàn Alpha Nam", kind="grassroots", founded=d),
        Unit(id="P", name="Liên đoàn Lao động quận", kind="district"),
    ]
    links = [Link(child=u, parent="P") for u in "ABC"]
    split = ChangeEvent(
        id="S1",
        kind=EventKind.SPLIT,
        date=d,
        originals="A",
        results=("B", "C"),
        shares=(0.5, 0.4),
    )
    report = validate(Dataset(units=units, links=links, events=[split], roots=("P",)))
    (p,) = report.by_code("H022")
    assert "summing to 0.9" in p.message
    assert "'A' (Công đoàn Công ty Alpha) → 'B' (Công đoàn Alpha Bắc), 'C'" in p.message


def test_a_reported_total_is_not_reconciled_against_an_overflowed_sum() -> None:
    h = Hierarchy(tiny_dataset())
    figs = Figures.from_records(
        [
            fig("G1", "new_members", 1e308),
            fig("G2", "new_members", 1e308),
            Figure(unit="D1", indicator="new_members", period=Y24, value=5, scope=Scope.TOTAL),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert r.discrepancies == ()
    assert not r.problems.by_code("F011")
    assert r.problems.by_code("F016")


def test_many_overlapping_leaders_give_one_problem_each_not_one_per_pair() -> None:
    from thidua.hierarchy import Group, GroupKind, GroupMember, Role

    n = 1500
    units = [Unit(id="P", name="P", kind="provincial")] + [
        Unit(id=f"U{i}", name=f"Đơn vị {i}", kind="district") for i in range(n)
    ]
    links = [Link(child=f"U{i}", parent="P") for i in range(n)]
    members = [GroupMember(group="C", unit=f"U{i}") for i in range(n)] + [
        GroupMember(group="C", unit=f"U{i}", role=Role.LEADER) for i in range(n)
    ]
    ds = Dataset(
        units=units,
        links=links,
        groups=[Group(id="C", name="Cụm", kind=GroupKind.CLUSTER, owner="P")],
        members=members,
        roots=("P",),
    )
    found = validate(ds, max_per_code=None).by_code("H034")
    assert len(found) == n - 1  # was n(n-1)/2 = 1,124,250
