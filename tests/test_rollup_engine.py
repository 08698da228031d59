"""roll_up: each aggregation kind by hand, both bases, double paths, bad input."""

from __future__ import annotations

import math

import numpy as np
import pendulum
import pytest

from thidua import ChangeEvent, Dataset, EventKind, Hierarchy, Link, Unit, UnknownUnitError
from thidua.errors import UnknownIndicatorError
from thidua.figures import BUILTIN_INDICATORS, Aggregation, Figure, Figures, Indicator, Scope
from thidua.periods import Period
from thidua.rollup import Basis, Flag, roll_up
from thidua.testing import assert_codes, assert_problems, tiny_dataset

D = pendulum.Date
Y24 = Period.year(2024)
Y25 = Period.year(2025)


def fig(
    unit: str, indicator: str, period: Period, value: float | None = None, **kw: object
) -> Figure:
    return Figure(unit=unit, indicator=indicator, period=period, value=value, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def h() -> Hierarchy:
    return Hierarchy(tiny_dataset())


def values(r: object, code: str, units: list[str]) -> list[float]:
    return [r.value(u, code) for u in units]  # type: ignore[attr-defined]


# -- sum ------------------------------------------------------------------------------


def test_sum_adds_units_and_sub_periods(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G1", "new_members", Period.quarter(2024, 1), 5),
            fig("G1", "new_members", Period.quarter(2024, 3), 7),
            fig("G2", "new_members", Y24, 30),
            fig("G3", "new_members", Period.half(2024, 2), 5),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert values(r, "new_members", ["G1", "G2", "G3", "D1", "HN", "TLD"]) == [
        12,
        30,
        5,
        47,
        47,
        47,
    ]
    assert math.isnan(r.value("S1", "new_members"))  # nothing reached it: NaN, not 0
    assert r.basis is Basis.AS_WAS
    assert r.day == D(2024, 12, 31)
    assert r.problems.problems == ()


def test_sum_with_own_figures_of_upper_units(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G1", "dialogues", Y24, 2),
            fig("D1", "dialogues", Y24, 1),
            fig("HN", "dialogues", Y24, 4),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert values(r, "dialogues", ["D1", "HN", "TLD"]) == [3, 7, 7]


# -- as-was across the reorganisation -----------------------------------------------------


def test_as_was_2024_figure_rolls_to_d1_and_restated_to_w1(h: Hierarchy) -> None:
    figs = Figures.from_records([fig("G1", "new_members", Y24, 12)])
    was = roll_up(h, figs, Y24)
    assert was.value("D1", "new_members") == 12
    assert "W1" not in was
    now = roll_up(h, figs, Y24, restate_to="2026-01-01")
    assert now.value("W1", "new_members") == 12
    assert now.value("HN", "new_members") == 12
    assert "D1" not in now
    assert now.basis is Basis.RESTATED
    assert now.day == D(2026, 1, 1)


def test_as_was_mid_period_move_keeps_dissolved_district(h: Hierarchy) -> None:
    q = [Period.quarter(2025, i) for i in (1, 2, 3, 4)]
    figs = Figures.from_records(
        [fig("G1", "new_members", p, v) for p, v in zip(q, (1, 2, 3, 4), strict=True)]
    )
    r = roll_up(h, figs, Y25)
    assert values(r, "new_members", ["D1", "W1", "HN", "G1"]) == [3, 7, 10, 10]
    assert "D1" in r  # dissolved on 01/07/2025 but it received figures of the period
    assert "S1" not in r  # dissolved and received nothing
    restated = roll_up(h, figs, Y25, restate_to="2025-12-31")
    assert values(restated, "new_members", ["W1", "HN"]) == [10, 10]


def test_as_of_chooses_output_structure(h: Hierarchy) -> None:
    figs = Figures.from_records([fig("G1", "new_members", Period.quarter(2025, 1), 1)])
    r = roll_up(h, figs, Y25, as_of="2025-06-30")
    assert "S1" in r
    assert "W1" not in r
    assert r.day == D(2025, 6, 30)


# -- stock ------------------------------------------------------------------------------


def test_stock_takes_each_units_latest_period(h: Hierarchy) -> None:
    q = [Period.quarter(2025, i) for i in (1, 2, 3, 4)]
    figs = Figures.from_records(
        [fig("G1", "members", p, v) for p, v in zip(q, (100, 110, 120, 125), strict=True)]
        + [fig("G2", "members", q[0], 50), fig("G2", "members", q[1], 55)]
    )
    was = roll_up(h, figs, Y25)
    # G1's latest (Q4, under W1) and G2's latest (Q2, under D1): last non-empty per unit
    assert values(was, "members", ["G1", "G2", "D1", "W1", "HN"]) == [125, 55, 55, 125, 180]
    now = roll_up(h, figs, Y25, restate_to="2026-01-01")
    assert values(now, "members", ["W1", "HN"]) == [180, 180]


def test_stock_same_end_prefers_shorter_period_and_duplicates_never_add(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G1", "members", Y24, 200),
            fig("G1", "members", Period.quarter(2024, 4), 210),
            fig("G2", "members", Period.quarter(2024, 4), 20, source="a"),
            fig("G2", "members", Period.quarter(2024, 4), 5, source="b"),
        ]
    )
    r = roll_up(h, figs, Y24)
    # Two figures of one unit, indicator and period are a duplicate (F004), whatever their
    # sources: neither is summed, and the roll-up says so.
    assert values(r, "members", ["G1", "D1"]) == [210, 210]
    assert math.isnan(r.value("G2", "members"))
    assert_codes(r.problems, ["F004"])
    assert not r.ok
    prov = r.provenance("G1", "members")
    assert [c.figure.value for c in prov] == [210]


# -- ratio -------------------------------------------------------------------------------


def test_ratio_recomputed_at_every_level_not_averaged(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G1", "workers_conferences_held", Y24, 50),
            fig("G1", "workers_conferences_due", Y24, 100),
            fig("G2", "workers_conferences_held", Y24, 900),
            fig("G2", "workers_conferences_due", Y24, 1000),
            fig("G3", "workers_conferences_held", Y24, 0),
            fig("G3", "workers_conferences_due", Y24, 0),
        ]
    )
    r = roll_up(h, figs, Y24)
    code = "workers_conference_rate"
    assert r.value("G1", code) == 50.0
    assert r.value("G2", code) == 90.0
    assert r.value("D1", code) == pytest.approx(950 / 1100 * 100)  # 86.36 %, not 70 %
    assert round(r.value("D1", code), 1) == 86.4
    assert math.isnan(r.value("G3", code))
    assert r.row("G3", code).flags == ("zero_denominator",)
    assert r.row("D1", code).flags == ()
    assert r.flags[r.units.index("G3"), r.indicators.index(code)] == Flag.ZERO_DENOMINATOR
    assert r.indicators == ("workers_conferences_held", "workers_conferences_due", code)


def test_ratio_default_needs_both_inputs(h: Hierarchy) -> None:
    figs = Figures.from_records([fig("G1", "works_completed", Y24, 3)])
    assert roll_up(h, figs, Y24).indicators == ("works_completed",)


def test_reported_ratio_figures_are_left_out_with_a_problem(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G1", "works_registered", Y24, 4),
            fig("G1", "works_completed", Y24, 3),
            fig("G1", "works_completion_rate", Y24, 99),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert r.value("G1", "works_completion_rate") == 75.0
    assert_codes(r.problems, ["F007"])


# -- distinct ------------------------------------------------------------------------------


def test_distinct_unions_keys(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G1", "people_honoured", Period.half(2024, 1), keys=frozenset({"A", "B"})),
            fig("G1", "people_honoured", Period.half(2024, 2), keys=frozenset({"B", "D"})),
            fig("G2", "people_honoured", Y24, keys=frozenset({"B", "C"})),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert r.value("G1", "people_honoured") == 3
    assert r.value("D1", "people_honoured") == 4
    assert r.keys("HN", "people_honoured") == frozenset("ABCD")
    assert r.keys("S1", "people_honoured") == frozenset()
    assert math.isnan(r.value("S1", "people_honoured"))
    plain = roll_up(h, Figures.from_records([fig("G1", "dialogues", Y24, 1)]), Y24)
    with pytest.raises(ValueError, match="not a distinct count"):
        plain.keys("G1", "dialogues")


def test_distinct_row_without_keys_is_reported(h: Hierarchy) -> None:
    figs = Figures.from_records([fig("G1", "people_honoured", Y24, 3)])
    r = roll_up(h, figs, Y24)
    assert_codes(r.problems, ["F007"])
    assert math.isnan(r.value("G1", "people_honoured"))


# -- mean ------------------------------------------------------------------------------


def test_mean_weighted_by_time_aggregated_weight(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G1", "union_score", Y24, 80),
            fig("G1", "members", Period.quarter(2024, 2), 50),
            fig("G1", "members", Period.quarter(2024, 4), 100),  # the weight: latest stock
            fig("G2", "union_score", Y24, 90),
            fig("G2", "members", Y24, 300),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert r.value("G1", "union_score") == 80
    assert r.value("D1", "union_score") == pytest.approx((80 * 100 + 90 * 300) / 400)  # 87.5
    assert r.row("D1", "union_score").flags == ()
    assert r.indicators == ("members", "union_score")


def test_mean_per_quarter_weights(h: Hierarchy) -> None:
    q1, q2 = Period.quarter(2024, 1), Period.quarter(2024, 2)
    figs = Figures.from_records(
        [
            fig("G1", "union_score", q1, 60),
            fig("G1", "members", q1, 10),
            fig("G1", "union_score", q2, 90),
            fig("G1", "members", q2, 30),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert r.value("D1", "union_score") == pytest.approx((60 * 10 + 90 * 30) / 40)


def test_mean_without_weight_is_flagged(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G1", "union_score", Y24, 80),
            fig("G1", "members", Y24, 100),
            fig("G3", "union_score", Y24, 10),  # no members figure: left out, flagged
            fig("G2", "union_score", Y24, 50),
            fig("G2", "members", Y24, 0),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert r.value("D1", "union_score") == 80
    assert r.row("D1", "union_score").flags == ("missing_weight",)
    assert math.isnan(r.value("G3", "union_score"))
    assert math.isnan(r.value("G2", "union_score"))
    assert r.row("G2", "union_score").flags == ("zero_weight",)


def test_mean_with_a_sum_weight() -> None:
    cat = BUILTIN_INDICATORS.extend(
        [
            Indicator(code="hours", name="Giờ", aggregation=Aggregation.SUM),
            Indicator(code="rate", name="Điểm", aggregation=Aggregation.MEAN, weight="hours"),
        ]
    )
    h = Hierarchy(tiny_dataset())
    figs = Figures.from_records(
        [
            fig("G1", "rate", Y24, 2),
            fig("G1", "hours", Period.half(2024, 1), 1),
            fig("G1", "hours", Period.half(2024, 2), 2),
            fig("G2", "rate", Y24, 5),
            fig("G2", "hours", Y24, 1),
        ]
    )
    r = roll_up(h, figs, Y24, catalogue=cat)
    assert r.value("D1", "rate") == pytest.approx((2 * 3 + 5 * 1) / 4)


def test_weight_of_an_unsupported_kind_is_an_error(h: Hierarchy) -> None:
    cat = BUILTIN_INDICATORS.extend(
        [Indicator(code="m", name="M", aggregation=Aggregation.MEAN, weight="membership_rate")]
    )
    figs = Figures.from_records([fig("G1", "m", Y24, 1)])
    with pytest.raises(ValueError, match="membership_rate"):
        roll_up(h, figs, Y24, catalogue=cat)


# -- min / max -------------------------------------------------------------------------------


def test_min_and_max_over_units_and_time(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G1", "lowest_score", Period.half(2024, 1), 60),
            fig("G1", "lowest_score", Period.half(2024, 2), 65),
            fig("G2", "lowest_score", Y24, 75),
            fig("G1", "highest_score", Y24, 91),
            fig("G3", "highest_score", Period.half(2024, 2), 97),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert values(r, "lowest_score", ["G1", "G2", "D1", "TLD"]) == [60, 75, 60, 60]
    assert values(r, "highest_score", ["G1", "G3", "D1"]) == [91, 97, 97]
    assert math.isnan(r.value("G2", "highest_score"))


# -- double paths ------------------------------------------------------------------------------


def test_unit_under_two_parents_counted_once_in_common_ancestor(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [fig("G1", "initiatives", Y24, 1), fig("G3", "initiatives", Y24, 10)]
    )
    both = roll_up(h, figs, Y24, relation=("admin", "guidance"))
    assert values(both, "initiatives", ["S1", "D1", "HN", "TLD"]) == [10, 11, 11, 11]
    every = roll_up(h, figs, Y24, relation=None)
    assert every.value("HN", "initiatives") == 11
    guidance = roll_up(h, figs, Y24, relation="guidance")
    assert guidance.value("S1", "initiatives") == 10
    assert math.isnan(guidance.value("HN", "initiatives"))
    admin = roll_up(h, figs, Y24)
    assert math.isnan(admin.value("S1", "initiatives"))


def test_double_path_stock_min_distinct_and_coverage(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G3", "members", Y24, 40),
            fig("G3", "lowest_score", Y24, 3),
            fig("G3", "people_honoured", Y24, keys=frozenset({"X"})),
        ]
    )
    r = roll_up(h, figs, Y24, relation=["admin", "guidance"])
    assert r.value("HN", "members") == 40
    assert r.value("S1", "lowest_score") == 3
    assert r.keys("HN", "people_honoured") == frozenset({"X"})
    assert r.value("HN", "people_honoured") == 1
    assert (r.coverage("HN", "members").expected, r.coverage("S1", "members").reported) == (3, 1)


# -- restated with lineage shares ----------------------------------------------------------


@pytest.fixture(scope="module")
def split() -> Hierarchy:
    d = D(2025, 1, 1)
    units = [
        Unit(id="R", name="Liên đoàn", kind="provincial"),
        Unit(id="A", name="CĐCS A", kind="grassroots", dissolved=d),
        Unit(id="B", name="CĐCS B", kind="grassroots", founded=d),
        Unit(id="C", name="CĐCS C", kind="grassroots", founded=d),
        Unit(id="X", name="CĐCS X", kind="grassroots", dissolved=d),
        Unit(id="K", name="CĐCS K", kind="grassroots"),
    ]
    links = [
        Link(child="A", parent="R", valid_to=d),
        Link(child="X", parent="R", valid_to=d),
        Link(child="B", parent="R", valid_from=d),
        Link(child="C", parent="R", valid_from=d),
        Link(child="K", parent="R"),
    ]
    events = [
        ChangeEvent(
            id="S",
            kind=EventKind.SPLIT,
            date=d,
            originals="A",
            results=("B", "C"),
            shares=(0.6, 0.4),
        ),
        ChangeEvent(id="Z", kind=EventKind.DISSOLVE, date=d, originals="X"),
    ]
    return Hierarchy(Dataset(units=units, links=links, events=events))


def test_restated_split_applies_shares(split: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("A", "new_members", Y24, 100, source="BC-A"),
            fig("A", "members", Y24, 50),
            fig("A", "union_score", Y24, 80),
            fig("A", "people_honoured", Y24, keys=frozenset({"P1", "P2"})),
            fig("A", "highest_score", Y24, 99),
            fig("K", "union_score", Y24, 60),
            fig("K", "members", Y24, 10),
            fig("X", "new_members", Y24, 7),
            fig("X", "dialogues", Y24, 1),
        ]
    )
    r = roll_up(split, figs, Y24, restate_to="2025-06-01")
    assert r.value("B", "new_members") == pytest.approx(60)
    assert r.value("C", "new_members") == pytest.approx(40)
    assert r.value("R", "new_members") == pytest.approx(100)  # X cannot be placed
    assert r.value("B", "members") == pytest.approx(30)
    assert r.value("B", "union_score") == pytest.approx(80)
    assert r.value("R", "union_score") == pytest.approx((80 * 50 + 60 * 10) / 60)
    assert r.keys("B", "people_honoured") == frozenset({"P1", "P2"})
    assert math.isnan(r.value("C", "people_honoured"))
    assert r.value("C", "highest_score") == 99  # min/max go unscaled to every successor
    prov = r.provenance("C", "new_members")
    assert [(c.figure.source, c.share, c.unit) for c in prov] == [("BC-A", 0.4, "C")]
    assert_codes(r.problems, ["F014"])
    (p,) = r.problems
    assert p.subject == "X"
    assert "2 figure(s)" in p.message
    assert "dialogues, new_members" in p.message
    assert sorted(f.indicator for f in r.unplaced) == ["dialogues", "new_members"]
    as_was = roll_up(split, figs, Y24)
    assert as_was.value("R", "new_members") == 107
    assert len(as_was.unplaced) == 0


def test_as_was_figure_of_unit_not_alive_at_period_end(split: Hierarchy) -> None:
    figs = Figures.from_records([fig("B", "new_members", Y24, 5), fig("K", "new_members", Y24, 1)])
    r = roll_up(split, figs, Y24)
    assert r.value("R", "new_members") == 1
    # The figure checks say B did not live through 2024 (F003); the engine, that its figure
    # had nowhere to go on the period's last day (F014).
    assert_problems(r.problems, [("F003", "B"), ("F014", "B")])
    assert "last day" in r.problems.by_code("F014")[0].message


# -- periods ------------------------------------------------------------------------------


def test_overlapping_figures_are_excluded_and_counted(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G1", "new_members", Period.quarter(2025, 1), 1),
            fig("G1", "new_members", Period.emulation_year(2025), 50),  # Dec 2024 - Nov 2025
            fig("G1", "new_members", Period.year(2023), 9),  # outside: ignored, not counted
            fig("G2", "new_members", Period.year(2025), 4, scope=Scope.TOTAL),
        ]
    )
    r = roll_up(h, figs, "2025")
    assert r.excluded == 1
    assert r.value("G1", "new_members") == 1


# -- bad input -------------------------------------------------------------------------------


def test_unknown_units_in_figures_reported_once_each(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            fig("G1", "new_members", Y24, 1),
            fig("NOPE", "new_members", Y24, 1),
            fig("NOPE", "dialogues", Y24, 1),
            fig("GONE", "dialogues", Y24, 1),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert_codes(r.problems, ["F001"])
    assert [(p.subject, p.message.split()[0]) for p in r.problems] == [("NOPE", "2"), ("GONE", "1")]
    assert r.value("HN", "new_members") == 1


def test_unknown_indicators(h: Hierarchy) -> None:
    figs = Figures.from_records([fig("G1", "new_members", Y24, 1), fig("G1", "zzz", Y24, 1)])
    with pytest.raises(UnknownIndicatorError):
        roll_up(h, figs, Y24, indicators=["new_members", "nope"])
    with pytest.raises(UnknownIndicatorError):
        roll_up(h, figs, Y24, indicators="nope")
    r = roll_up(h, figs, Y24)
    assert_codes(r.problems, ["F002"])
    assert r.indicators == ("new_members",)
    assert roll_up(h, figs, Y24, indicators="agreement_coverage").indicators == (
        "agreements_in_force",
        "grassroots_count",
        "agreement_coverage",
    )


def test_numeric_figure_without_value(h: Hierarchy) -> None:
    figs = Figures.from_records([fig("G1", "new_members", Y24), fig("G2", "new_members", Y24, 2)])
    r = roll_up(h, figs, Y24)
    assert_codes(r.problems, ["F007"])
    assert r.value("D1", "new_members") == 2


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"basis": "sideways"}, "basis must be"),
        ({"basis": "restated"}, "needs restate_to"),
        ({"basis": "restated", "restate_to": "2026-01-01", "as_of": "2024-01-01"}, "as_of"),
        ({"basis": "as_was", "restate_to": "2026-01-01"}, "cannot be combined"),
        ({"relation": "guidanse"}, "unknown relation"),
        ({"relation": []}, "unknown relation"),
    ],
)
def test_bad_arguments(h: Hierarchy, kwargs: dict[str, object], match: str) -> None:
    figs = Figures.from_records([fig("G1", "new_members", Y24, 1)])
    with pytest.raises(ValueError, match=match):
        roll_up(h, figs, Y24, **kwargs)  # type: ignore[arg-type]


def test_output_filters_keep_totals(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [fig("G1", "new_members", Y24, 1), fig("G2", "new_members", Y24, 2)]
    )
    assert roll_up(h, figs, Y24, ranks=[3]).units == ("G1", "G2", "G3")
    only = roll_up(h, figs, Y24, kinds=["district"])
    assert only.units == ("D1",)
    assert only.value("D1", "new_members") == 3
    r = roll_up(h, figs, Y24, units=["HN"])
    assert r.units == ("HN",)
    assert r.value("HN", "new_members") == 3
    with pytest.raises(UnknownUnitError):
        r.value("D1", "new_members")
    with pytest.raises(UnknownUnitError):
        roll_up(h, figs, Y24, units=["nope"])


def test_empty_figures(h: Hierarchy) -> None:
    r = roll_up(h, Figures.from_records([]), Y24)
    assert r.indicators == ()
    assert len(r.units) == 7
    assert len(r) == 0
    assert r.values.shape == (7, 0)


def test_values_are_read_only(h: Hierarchy) -> None:
    r = roll_up(h, Figures.from_records([fig("G1", "new_members", Y24, 1)]), Y24)
    with pytest.raises(ValueError, match="read-only"):
        r.values[0, 0] = 5
    assert isinstance(r.values, np.ndarray)
