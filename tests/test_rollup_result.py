"""RollUp: coverage, reconciliation, provenance, iteration and exports."""

from __future__ import annotations

import builtins
import io
import json
import math
from pathlib import Path

import pytest

from thidua import Hierarchy
from thidua.errors import UnknownIndicatorError, UnknownUnitError
from thidua.figures import Figure, Figures, Scope
from thidua.periods import Period
from thidua.rollup import Coverage, Discrepancy, RollUp, RollUpRow, roll_up
from thidua.testing import assert_codes, tiny_dataset

Y24 = Period.year(2024)


@pytest.fixture(scope="module")
def h() -> Hierarchy:
    return Hierarchy(tiny_dataset())


@pytest.fixture(scope="module")
def figs() -> Figures:
    return Figures.from_records(
        [
            Figure(unit="G1", indicator="new_members", period=Y24, value=12, source="BC-G1"),
            Figure(unit="G2", indicator="new_members", period=Y24, value=30, source="BC-G2"),
            Figure(unit="G1", indicator="workers_conferences_held", period=Y24, value=1),
            Figure(unit="G1", indicator="workers_conferences_due", period=Y24, value=2),
            Figure(unit="G3", indicator="workers_conferences_due", period=Y24, value=1),
            Figure(
                unit="D1",
                indicator="new_members",
                period=Y24,
                value=45,
                scope=Scope.TOTAL,
                source="BC-D1",
            ),
            Figure(unit="HN", indicator="new_members", period=Y24, value=43, scope=Scope.TOTAL),
            Figure(
                unit="HN",
                indicator="new_members",
                period=Period.half(2024, 1),
                value=1,
                scope=Scope.TOTAL,
            ),
        ]
    )


@pytest.fixture(scope="module")
def r(h: Hierarchy, figs: Figures) -> RollUp:
    return roll_up(h, figs, Y24, tolerance=2.0)


# -- coverage ----------------------------------------------------------------------------


def test_coverage_counts_and_missing(r: RollUp) -> None:
    assert r.coverage("D1", "new_members") == Coverage(
        unit="D1", indicator="new_members", expected=3, reported=2, missing=("G3",)
    )
    assert r.coverage("G1", "new_members").missing == ()
    assert r.coverage("S1", "new_members").expected == 0
    rate = r.coverage("HN", "workers_conference_rate")
    assert (rate.reported, rate.missing) == (1, ("G2", "G3"))  # G3 lacks the numerator
    col = r.indicators.index("new_members")
    assert r.reported[r.units.index("TLD"), col] == 2
    assert r.expected.tolist() == [3, 3, 3, 0, 1, 1, 1]


def test_coverage_restated_counts_on_the_target_day(h: Hierarchy, figs: Figures) -> None:
    now = roll_up(h, figs, Y24, restate_to="2026-01-01")
    assert now.coverage("W1", "new_members") == Coverage(
        unit="W1", indicator="new_members", expected=2, reported=2, missing=()
    )
    assert now.coverage("HN", "new_members").missing == ("G3",)


def test_coverage_with_other_reporting_kinds(h: Hierarchy, figs: Figures) -> None:
    r = roll_up(h, figs, Y24, reporting_kinds=(k for k in ["district", "local_sector"]))
    assert r.coverage("HN", "new_members") == Coverage(
        unit="HN", indicator="new_members", expected=2, reported=0, missing=("D1", "S1")
    )


# -- reconciliation -------------------------------------------------------------------------


def test_reconciliation_beyond_and_within_tolerance(r: RollUp) -> None:
    assert r.discrepancies == (
        Discrepancy(
            unit="D1",
            indicator="new_members",
            period=Y24,
            reported=45.0,
            computed=42.0,
            difference=3.0,
            source="BC-D1",
        ),
    )
    assert_codes(r.problems, ["F011"])
    (p,) = r.problems
    assert p.subject == "D1"
    assert "Liên đoàn Lao động quận Đống Đa" in p.message
    assert "45" in p.message
    assert "42" in p.message


def test_reconciliation_tolerances(h: Hierarchy, figs: Figures) -> None:
    strict = roll_up(h, figs, Y24)
    assert [d.unit for d in strict.discrepancies] == ["D1", "HN"]
    relative = roll_up(h, figs, Y24, rel_tolerance=0.1)
    assert relative.discrepancies == ()
    only_hn = roll_up(h, figs, Y24, units=["HN"])
    assert [d.unit for d in only_hn.discrepancies] == ["HN"]


def test_reconciliation_of_a_total_with_nothing_below(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            Figure(unit="S1", indicator="dialogues", period=Y24, value=5, scope=Scope.TOTAL),
            Figure(unit="G1", indicator="dialogues", period=Y24, value=1),
            Figure(unit="S1", indicator="lowest_score", period=Y24, value=5, scope=Scope.TOTAL),
            Figure(unit="G1", indicator="lowest_score", period=Y24, value=1),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert next((d.indicator, d.computed) for d in r.discrepancies) == ("dialogues", 0.0)
    low = r.discrepancies[1]
    assert math.isnan(low.computed)
    assert math.isnan(low.difference)
    assert "nothing" in r.problems[1].message


def test_reconciliation_ignores_float_rounding(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="support_amount", period=Y24, value=0.1),
            Figure(unit="G2", indicator="support_amount", period=Y24, value=0.2),
            Figure(unit="D1", indicator="support_amount", period=Y24, value=0.3, scope=Scope.TOTAL),
        ]
    )
    r = roll_up(h, figs, Y24)
    assert r.value("D1", "support_amount") != 0.3  # 0.30000000000000004
    assert r.discrepancies == ()


def test_reconciliation_of_distinct_totals(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="people_honoured", period=Y24, keys=frozenset("AB")),
            Figure(unit="G2", indicator="people_honoured", period=Y24, keys=frozenset("BC")),
            Figure(
                unit="D1",
                indicator="people_honoured",
                period=Y24,
                keys=frozenset("ABCD"),
                scope=Scope.TOTAL,
            ),
        ]
    )
    (d,) = roll_up(h, figs, Y24).discrepancies
    assert (d.reported, d.computed) == (4.0, 3.0)


# -- provenance -----------------------------------------------------------------------------


def test_provenance_of_sum_and_ratio(r: RollUp) -> None:
    prov = r.provenance("HN", "new_members")
    assert [(c.figure.unit, c.figure.value, c.share) for c in prov] == [
        ("G1", 12.0, 1.0),
        ("G2", 30.0, 1.0),
    ]
    rate = r.provenance("D1", "workers_conference_rate")
    assert [(c.figure.unit, c.figure.indicator) for c in rate] == [
        ("G1", "workers_conferences_held"),
        ("G1", "workers_conferences_due"),
        ("G3", "workers_conferences_due"),
    ]
    assert r.provenance("S1", "new_members") == ()


def test_provenance_of_mean_lists_weights(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="union_score", period=Y24, value=80),
            Figure(unit="G1", indicator="members", period=Period.quarter(2024, 2), value=50),
            Figure(unit="G1", indicator="members", period=Period.quarter(2024, 4), value=100),
        ]
    )
    prov = roll_up(h, figs, Y24).provenance("D1", "union_score")
    assert [(c.figure.indicator, c.figure.value) for c in prov] == [
        ("union_score", 80.0),
        ("members", 100.0),
    ]


def test_provenance_as_was_across_structures(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="new_members", period=Period.half(2025, 1), value=1),
            Figure(unit="G1", indicator="new_members", period=Period.half(2025, 2), value=2),
        ]
    )
    r = roll_up(h, figs, "2025")
    assert [c.figure.value for c in r.provenance("D1", "new_members")] == [1.0]
    assert [c.figure.value for c in r.provenance("W1", "new_members")] == [2.0]
    assert [c.figure.value for c in r.provenance("HN", "new_members")] == [1.0, 2.0]


# -- access ------------------------------------------------------------------------------


def test_lookup_errors(r: RollUp) -> None:
    with pytest.raises(UnknownUnitError):
        r.value("W1", "new_members")
    with pytest.raises(UnknownIndicatorError):
        r.value("HN", "members")
    assert "HN" in r
    assert "W1" not in r
    assert 3 not in r


def test_iteration_and_rows(r: RollUp) -> None:
    rows = list(r)
    assert len(rows) == len(r) == 7 * 4
    first = rows[0]
    assert isinstance(first, RollUpRow)
    assert (first.unit, first.kind, first.rank, first.indicator) == (
        "TLD",
        "central",
        0,
        "new_members",
    )
    assert r.row("G2", "new_members").name == "Công đoàn cơ sở Công ty CP Hòa Bình"
    assert r.names[r.units.index("G2")] == "Công đoàn cơ sở Công ty CP Hòa Bình"
    assert r.kinds[:3] == ("central", "provincial", "district")
    assert r.ranks[:3] == (0, 1, 2)


def test_repr(r: RollUp) -> None:
    assert repr(r) == (
        "<RollUp as_was 2024 on 2024-12-31: 7 units × 4 indicators, 1 problem, 1 discrepancy>"
    )


# -- exports -------------------------------------------------------------------------------


def test_to_records(r: RollUp) -> None:
    records = r.to_records()
    assert len(records) == 28
    row = next(x for x in records if x["unit"] == "D1" and x["indicator"] == "new_members")
    assert row == {
        "unit": "D1",
        "name": "Liên đoàn Lao động quận Đống Đa",
        "kind": "district",
        "rank": 2,
        "indicator": "new_members",
        "value": 42.0,
        "expected": 3,
        "reported": 2,
        "flags": (),
    }


def test_to_pandas(r: RollUp) -> None:
    df = r.to_pandas()
    assert list(df.columns) == [
        "unit",
        "name",
        "kind",
        "rank",
        "indicator",
        "value",
        "expected",
        "reported",
        "flags",
    ]
    assert len(df) == 28
    d1 = df[(df.unit == "D1") & (df.indicator == "new_members")].iloc[0]
    assert (d1.value, d1.expected, d1.reported) == (42.0, 3, 2)
    wide = r.to_pandas(wide=True)
    assert wide.loc["HN", "new_members"] == 42.0
    assert list(wide.columns)[:2] == ["name", "new_members"]


def test_to_polars(r: RollUp) -> None:
    df = r.to_polars()
    assert df.shape == (28, 9)
    d1 = df.filter((df["unit"] == "D1") & (df["indicator"] == "new_members"))
    assert d1["value"].to_list() == [42.0]
    wide = r.to_polars(wide=True)
    assert wide.columns[:3] == ["unit", "name", "new_members"]


def test_missing_optional_dependency(r: RollUp, monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def fake(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in {"pandas", "polars"}:
            raise ImportError(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    import importlib

    monkeypatch.setattr(importlib, "import_module", fake)
    with pytest.raises(ImportError, match=r"thidua\[pandas\]"):
        r.to_pandas()
    with pytest.raises(ImportError, match=r"thidua\[polars\]"):
        r.to_polars(wide=True)


def test_to_csv(r: RollUp, tmp_path: Path) -> None:
    buffer = io.StringIO()
    r.to_csv(buffer)
    lines = buffer.getvalue().splitlines()
    assert lines[0] == "unit,name,kind,rank,indicator,value,expected,reported,flags"
    assert len(lines) == 29
    assert "D1,Liên đoàn Lao động quận Đống Đa,district,2,new_members,42.0,3,2," in lines
    assert "S1,Công đoàn ngành Y tế Hà Nội,local_sector,2,new_members,,0,0," in lines
    path = tmp_path / "rollup.csv"
    r.to_csv(path)
    assert path.read_text(encoding="utf-8").splitlines() == lines


def test_to_json(r: RollUp) -> None:
    data = json.loads(r.to_json())
    assert data["period"] == "2024"
    assert data["basis"] == "as_was"
    assert data["day"] == "2024-12-31"
    assert data["relation"] == "admin"
    assert data["excluded"] == 0
    row = next(x for x in data["rows"] if x["unit"] == "S1" and x["indicator"] == "new_members")
    assert row["value"] is None
    assert row["flags"] == []
    assert data["discrepancies"][0]["period"] == "2024"
    assert data["problems"][0]["code"] == "F011"
    assert "Đống Đa" in r.to_json(indent=2)


def test_flags_in_exports(h: Hierarchy) -> None:
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="works_registered", period=Y24, value=0),
            Figure(unit="G1", indicator="works_completed", period=Y24, value=0),
        ]
    )
    r = roll_up(h, figs, Y24, units=["G1"])
    assert r.to_pandas()["flags"].tolist() == ["", "", "zero_denominator"]
    assert json.loads(r.to_json())["rows"][2]["flags"] == ["zero_denominator"]


def test_html_repr(r: RollUp, h: Hierarchy, figs: Figures) -> None:
    text = r._repr_html_()
    assert text.startswith("<table><caption>&lt;RollUp as_was 2024")
    assert "<th>new_members</th>" in text
    assert "<td>Liên đoàn Lao động quận Đống Đa</td>" in text
    assert text.count("<tr>") == 1 + 7
    short = r._repr_html_(max_rows=2)
    assert "… 5 more units" in short


def test_names_and_kinds_come_from_the_columns_and_match_the_records(
    h: Hierarchy, figs: Figures
) -> None:
    for when in ("2024-01-01", "2024-06-01", "2026-01-01"):
        r = roll_up(h, figs, Y24, as_of=when)
        assert r.names == tuple(h.name_on(u, r.day) for u in r.units)
        assert r.kinds == tuple(h.unit(u).kind for u in r.units)
    # the rename of G2 on 2024-06-01 is applied by the column path
    before = h.names_on("2024-01-01")[h.index_of("G2")]
    after = h.names_on("2024-06-01")[h.index_of("G2")]
    assert before != after
    assert after == h.name_on("G2", "2024-06-01")


def test_indicator_gives_the_catalogues_record_of_a_column(r: RollUp) -> None:
    ind = r.indicator("workers_conference_rate")
    assert (ind.code, ind.numerator, ind.denominator) == (
        "workers_conference_rate",
        "workers_conferences_held",
        "workers_conferences_due",
    )
    assert r.indicator("new_members").unit == "người"
    with pytest.raises(UnknownIndicatorError):
        r.indicator("nope")
