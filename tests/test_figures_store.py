"""The columnar store: construction, access, selection, equality, frames."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from thidua.errors import PeriodParseError
from thidua.figures import Figure, Figures, Scope, read_figures_csv
from thidua.figures._store import factorize
from thidua.periods import Period
from thidua.problems import Pointer

DATA = Path(__file__).parent / "data" / "figures"
Y = Period.year(2025)


def sample() -> Figures:
    return Figures.from_records(
        [
            Figure(unit="G1", indicator="dialogues", period=Y, value=2, source="BC-1"),
            Figure(unit="G2", indicator="works_completed", period=Y, value=31, plan=20),
            Figure(
                unit="G1",
                indicator="people_honoured",
                period=Period.quarter(2025, 1),
                keys=frozenset({"P1", "P2"}),
                scope=Scope.TOTAL,
                origin=Pointer(file="f.csv", row=9),
            ),
        ]
    )


def test_records_round_trip_through_columns() -> None:
    figs = sample()
    assert figs.units == ("G1", "G2")
    assert figs.sources == ("BC-1", None)
    assert figs.unit_codes.tolist() == [0, 1, 0]
    assert figs.scope_codes.tolist() == [0, 0, 1]
    assert figs.plans == {1: 20.0}
    assert figs.plan_of(0) is None
    assert figs.origins == {2: Pointer(file="f.csv", row=9)}
    assert figs.to_records() == tuple(figs)
    assert figs.row(2).keys == frozenset({"P1", "P2"})
    assert figs.row(2).value is None
    assert Figures.from_records(figs) == figs


def test_columns_are_read_only() -> None:
    figs = sample()
    with pytest.raises(ValueError, match="read-only"):
        figs.values[0] = 5


def test_figure_values_are_floats() -> None:
    fig = Figure(unit="G1", indicator="x", period=Y, value=3, plan=4)
    assert (fig.value, fig.plan) == (3.0, 4.0)
    assert isinstance(fig.value, float)


def test_equality_ignores_dictionaries_and_origins() -> None:
    a = Figures.from_columns(
        unit=["A", "B"], indicator=["x", "x"], period=["2025"] * 2, value=[1, 2]
    )
    b = Figures.from_columns(
        unit=["A", "B"],
        indicator=["x", "x"],
        period=["năm 2025"] * 2,
        value=[1, 2],
        origins={0: Pointer(file="z.csv", row=2)},
    )
    assert a == b
    assert a != a.take(np.array([1, 0]))
    assert a != a.take(np.array([0]))
    assert a.__eq__(object()) is NotImplemented
    with pytest.raises(TypeError):
        hash(a)


def test_from_columns_merges_period_texts_and_checks_scope() -> None:
    figs = Figures.from_columns(
        unit=["A", "B", "C"],
        indicator=["x"] * 3,
        period=["2025-Q1", "quý I/2025", Period.quarter(2025, 2)],
        value=np.array([1.0, 2.0, 3.0]),
        scope=["own", Scope.TOTAL, "total"],
        source=[None, "S", None],
    )
    assert figs.period_codes.tolist() == [0, 0, 1]
    assert figs.scope_codes.tolist() == [0, 1, 1]
    assert figs.sources == (None, "S")
    assert figs.source_codes.tolist() == [0, 1, 0]
    with pytest.raises(ValueError, match="'whole'"):
        Figures.from_columns(
            unit=["A"], indicator=["x"], period=["2025"], value=[1], scope=["whole"]
        )
    with pytest.raises(PeriodParseError):
        Figures.from_columns(unit=["A"], indicator=["x"], period=["Q9"], value=[1])


def test_constructor_checks_lengths() -> None:
    with pytest.raises(ValueError, match="unit_codes has 1 rows, values has 2"):
        Figures(
            unit_codes=np.zeros(1, dtype=np.int32),
            units=("A",),
            indicator_codes=np.zeros(2, dtype=np.int32),
            indicators=("x",),
            period_codes=np.zeros(2, dtype=np.int32),
            periods=(Y,),
            values=np.zeros(2),
        )


def test_long_columns_use_pandas_factorize() -> None:
    n = 50_000
    units = [f"G{i % 1000}" for i in range(n)]
    figs = Figures.from_columns(
        unit=units,
        indicator=["x"] * n,
        period=["2025-Q1", "2025-Q2"] * (n // 2),
        value=np.arange(n, dtype=np.float64),
        source=["A", "B"] + [None] * (n - 3) + ["S"],
        scope=["own"] * n,
    )
    assert figs.units[:3] == ("G0", "G1", "G2")
    assert len(figs.units) == 1000
    assert figs.sources == ("A", "B", None, "S")
    assert figs.source_codes[[0, 1, 2, n - 1]].tolist() == [0, 1, 2, 3]
    assert figs.period_codes[:4].tolist() == [0, 1, 0, 1]
    assert figs.row(n - 1).source == "S"


def test_factorize_small_and_large() -> None:
    small = factorize(["b", "a", None, "b", float("nan")])
    assert small[0].tolist() == [0, 1, -1, 0, -1]
    assert small[1] == ["b", "a"]
    big = factorize(np.array(["b", "a", None, "b"] * 10_000, dtype=object))
    assert big[0][:4].tolist() == [0, 1, -1, 0]
    assert big[1] == ["b", "a"]


def test_take_with_masks_indices_and_repeats() -> None:
    figs = sample()
    assert [f.unit for f in figs.take(np.array([True, False, True]))] == ["G1", "G1"]
    picked = figs.take(np.array([2, 1, 2, -1]))
    assert len(picked) == 4
    assert picked.key_sets == {
        0: frozenset({"P1", "P2"}),
        2: frozenset({"P1", "P2"}),
        3: frozenset({"P1", "P2"}),
    }
    assert picked.plans == {1: 20.0}
    assert picked.origins == {
        0: Pointer(file="f.csv", row=9),
        2: Pointer(file="f.csv", row=9),
        3: Pointer(file="f.csv", row=9),
    }
    assert len(figs.take(np.array([], dtype=np.intp))) == 0


def test_take_keeps_lazy_origins() -> None:
    figs = read_figures_csv(DATA / "figures_vi.csv").figures
    picked = figs.take(np.array([4, 0]))
    assert [picked.origins[i].row for i in range(2)] == [7, 2]
    assert picked.row(0).keys == frozenset({"P000123", "P000581"})
    assert list(picked.origins) == [0, 1]


def test_repr() -> None:
    assert repr(sample()) == "<Figures 3 rows: 2 units, 3 indicators, 2 periods>"


def test_to_pandas_and_polars_of_an_empty_store() -> None:
    empty = Figures.from_records([])
    assert len(empty.to_pandas()) == 0
    assert empty.to_polars().height == 0
