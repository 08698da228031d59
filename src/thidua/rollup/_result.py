"""The result of a roll-up: :class:`RollUp` and its records.

A :class:`RollUp` holds its values as one (units × indicators) ``float64``
matrix with row and column labels, not as millions of objects; records
(:class:`RollUpRow`, :class:`Coverage`, :class:`Contribution`) are made when
asked for.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt
import pendulum

from thidua.errors import UnknownIndicatorError, UnknownUnitError
from thidua.figures import Aggregation, Figure, Figures, Indicator
from thidua.hierarchy import Hierarchy, Relation
from thidua.periods import Period
from thidua.problems import Report
from thidua.rollup import _export
from thidua.rollup._layout import FlagArray, FloatArray, flag_names, inputs_closure
from thidua.rollup._records import (
    Basis,
    Contribution,
    Coverage,
    Discrepancy,
    RollUpRow,
    State,
)
from thidua.rollup._rows import CONTRIBUTES, WEIGHT
from thidua.rollup._totals import total_problems

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

    from thidua.typing import PathLike

__all__ = ["RollUp"]


def _example() -> RollUp:
    """A small roll-up of :func:`thidua.testing.tiny_dataset` for the examples of this module."""
    from thidua.rollup import roll_up  # noqa: PLC0415  (the engine imports this module)
    from thidua.testing import tiny_dataset  # noqa: PLC0415

    year = Period.year(2024)
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="works_registered", period=year, value=4),
            Figure(unit="G1", indicator="works_completed", period=year, value=3),
            Figure(unit="G2", indicator="works_registered", period=year, value=6),
            Figure(unit="G2", indicator="works_completed", period=year, value=6),
        ]
    )
    return roll_up(Hierarchy(tiny_dataset()), figs, year, units=["D1", "G1"])


def _read_only(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    out = np.array(array, copy=True)
    out.flags.writeable = False
    return out


class RollUp:
    """Totals of every unit and indicator for one period, with coverage and checks.

    Built by :func:`~thidua.rollup.roll_up`; immutable.  Iterating gives one
    :class:`RollUpRow` per unit and indicator.

    Attributes:
        period: the roll-up period.
        basis: as-was or restated.
        day: the day of the output structure (as-was: ``as_of`` or the last day
            of the period; restated: ``restate_to``).
        relation: the relation(s) rolled up along.
        indicators: the column codes.
        units: the row ids, in hierarchy index order.
        values: the (units × indicators) matrix of totals (read-only).
        expected: per row, units of the reporting kinds at or below it.
        reported: per row and indicator, how many of those reported.
        excluded: own figures left out because their period overlaps the
            roll-up period without lying within it.
        problems: ``F001``, ``F002``, ``F007``, ``F011``, ``F014``, ``F015`` and
            ``F016`` problems.
        discrepancies: reported totals that differ from the roll-up.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.figures import Figure, Figures
        >>> from thidua.periods import Period
        >>> from thidua.rollup import roll_up
        >>> from thidua.testing import tiny_dataset
        >>> h = Hierarchy(tiny_dataset())
        >>> figs = Figures.from_records([
        ...     Figure(unit="G1", indicator="new_members", period=Period.year(2024), value=12)])
        >>> r = roll_up(h, figs, "2024")
        >>> r
        <RollUp as_was 2024 on 2024-12-31: 7 units × 1 indicator, 0 problems, 0 discrepancies>
        >>> r.units, r.values[:, 0].tolist()
        (('TLD', 'HN', 'D1', 'S1', 'G1', 'G2', 'G3'), [12.0, 12.0, 12.0, nan, 12.0, nan, nan])
    """

    __slots__ = ("__dict__", "_s")

    def __init__(self, state: State) -> None:
        self._s = state

    # -- labels ------------------------------------------------------------------

    @property
    def period(self) -> Period:
        """The roll-up period."""
        return self._s.period

    @property
    def basis(self) -> Basis:
        """As-was or restated."""
        return self._s.basis

    @property
    def day(self) -> pendulum.Date:
        """The day of the output structure and of coverage."""
        return self._s.day

    @property
    def relation(self) -> Relation:
        """Return the relation argument the roll-up was made with."""
        return self._s.relation

    @property
    def indicators(self) -> tuple[str, ...]:
        """The indicator codes of the columns."""
        return self._s.layout.codes

    @functools.cached_property
    def units(self) -> tuple[str, ...]:
        """The unit ids of the rows."""
        ids = self._s.hierarchy.ids
        return tuple(ids[i] for i in self._s.rows.tolist())

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        """The unit names of the rows, on :attr:`day`."""
        names = self._s.hierarchy.names_on(self._s.day)
        return tuple(names[i] for i in self._s.rows.tolist())

    @functools.cached_property
    def kinds(self) -> tuple[str, ...]:
        """The unit kinds of the rows."""
        kinds = self._s.hierarchy.unit_columns().kind
        return tuple(kinds[i] for i in self._s.rows.tolist())

    @functools.cached_property
    def ranks(self) -> tuple[int, ...]:
        """The unit ranks of the rows (-1 for an unknown kind)."""
        return tuple(self._s.hierarchy.lifetime_arrays().rank[self._s.rows].tolist())

    # -- numbers -----------------------------------------------------------------

    @functools.cached_property
    def values(self) -> FloatArray:
        """The (units × indicators) totals, read-only."""
        return _read_only(self._s.values[self._s.rows])

    @functools.cached_property
    def flags(self) -> FlagArray:
        """Per row and indicator, the :class:`~thidua.rollup.Flag` bits (read-only)."""
        return _read_only(self._s.flags[self._s.rows])

    @functools.cached_property
    def expected(self) -> npt.NDArray[np.int32]:
        """Per row, the units of the reporting kinds at or below it (read-only)."""
        return _read_only(self._s.coverage[self._s.rows, 0])

    @functools.cached_property
    def reported(self) -> npt.NDArray[np.int32]:
        """Per row and indicator, the reporting units that reported (read-only)."""
        return _read_only(self._s.coverage[self._s.rows, 1:])

    @property
    def excluded(self) -> int:
        """Own figures overlapping the period without lying within it (left out)."""
        return self._s.excluded

    @functools.cached_property
    def problems(self) -> Report:
        """The problems found while rolling up (the figure checks' first), then the totals'.

        ``F015`` (a ratio numerator without a positive denominator) and ``F016``
        (a total too large) come from the totals, after the engine's own.
        """
        s = self._s
        extra = total_problems(s.hierarchy, s.layout, s.totals, s.flags, s.rows, s.day, s.period)
        return s.problems + extra if extra else s.problems

    @property
    def ok(self) -> bool:
        """Whether the roll-up found no error (its totals used every figure it was given).

        .. versionadded:: 0.2.0
        """
        return self._s.problems.ok

    @property
    def discrepancies(self) -> tuple[Discrepancy, ...]:
        """Reported totals that differ from the roll-up beyond the tolerance."""
        return self._s.discrepancies

    @functools.cached_property
    def unplaced(self) -> Figures:
        """The figures that could not be placed in the structure (see ``F014``)."""
        return self._s.figures.take(self._s.unplaced)

    # -- lookups -----------------------------------------------------------------

    @functools.cached_property
    def _position(self) -> dict[str, int]:
        return {u: i for i, u in enumerate(self.units)}

    def _row(self, unit: str) -> int:
        try:
            return self._position[unit]
        except KeyError:
            raise UnknownUnitError(unit, "in the roll-up") from None

    def _col(self, indicator: str) -> int:
        try:
            return self._s.layout.col_of[indicator]
        except KeyError:
            raise UnknownIndicatorError(indicator) from None

    def __contains__(self, unit: object) -> bool:
        return isinstance(unit, str) and unit in self._position

    def __len__(self) -> int:
        return len(self.units) * len(self.indicators)

    def value(self, unit: str, indicator: str) -> float:
        """The total of *indicator* at *unit* (NaN when no figure reached it).

        Raises:
            UnknownUnitError: the unit is not a row of this roll-up.
            UnknownIndicatorError: the indicator is not a column.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.figures import Figure, Figures
            >>> from thidua.periods import Period
            >>> from thidua.rollup import roll_up
            >>> from thidua.testing import tiny_dataset
            >>> figs = Figures.from_records([Figure(unit="G1", indicator="members",
            ...                                     period=Period.year(2024), value=40)])
            >>> roll_up(Hierarchy(tiny_dataset()), figs, "2024").value("HN", "members")
            40.0
        """
        return float(self._s.values[self._s.rows[self._row(unit)], self._col(indicator)])

    def keys(self, unit: str, indicator: str) -> frozenset[str]:
        """The distinct keys of a ``distinct`` indicator at *unit* (the union below it).

        Raises:
            ValueError: the indicator is not a distinct count.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.figures import Figure, Figures
            >>> from thidua.periods import Period
            >>> from thidua.rollup import roll_up
            >>> from thidua.testing import tiny_dataset
            >>> y = Period.year(2024)
            >>> figs = Figures.from_records([
            ...     Figure(unit="G1", indicator="people_honoured", period=y, keys=frozenset("AB")),
            ...     Figure(unit="G2", indicator="people_honoured", period=y, keys=frozenset("BC"))])
            >>> r = roll_up(Hierarchy(tiny_dataset()), figs, y)
            >>> sorted(r.keys("D1", "people_honoured")), r.value("D1", "people_honoured")
            (['A', 'B', 'C'], 3.0)
        """
        j = self._col(indicator)
        slot = int(self._s.layout.distinct_slot[j])
        if slot < 0:
            msg = f"indicator {indicator!r} is not a distinct count; it has no keys"
            raise ValueError(msg)
        return self._s.totals.keys(slot, int(self._s.rows[self._row(unit)]))

    def row(self, unit: str, indicator: str) -> RollUpRow:
        """The :class:`RollUpRow` of one unit and indicator.

        Examples:
            >>> _example().row("D1", "works_completion_rate").value
            90.0
        """
        i, j = self._row(unit), self._col(indicator)
        return self._make_row(i, j)

    def _make_row(self, i: int, j: int) -> RollUpRow:
        return RollUpRow(
            unit=self.units[i],
            name=self.names[i],
            kind=self.kinds[i],
            rank=self.ranks[i],
            indicator=self.indicators[j],
            value=float(self.values[i, j]),
            expected=int(self.expected[i]),
            reported=int(self.reported[i, j]),
            flags=flag_names(int(self.flags[i, j])),
        )

    def __iter__(self) -> Iterator[RollUpRow]:
        k = len(self.indicators)
        return (self._make_row(i, j) for i in range(len(self.units)) for j in range(k))

    def coverage(self, unit: str, indicator: str) -> Coverage:
        """Expected and reporting units below *unit*, and the ids of those missing.

        Complexity: O(descendants of the unit).

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.figures import Figure, Figures
            >>> from thidua.periods import Period
            >>> from thidua.rollup import roll_up
            >>> from thidua.testing import tiny_dataset
            >>> figs = Figures.from_records([Figure(unit="G1", indicator="dialogues",
            ...                                     period=Period.year(2024), value=2)])
            >>> roll_up(Hierarchy(tiny_dataset()), figs, "2024").coverage("D1", "dialogues")
            Coverage(unit='D1', indicator='dialogues', expected=3, reported=1, missing=('G2', 'G3'))
        """
        i, j = self._row(unit), self._col(indicator)
        s = self._s
        missing: tuple[str, ...] = ()
        if unit in s.day_snapshot:
            below = np.sort(
                np.append(s.day_snapshot.descendant_indices(unit, s.relation), s.rows[i])
            )
            lacking = below[s.expected_units[below] & ~s.reported_units[below, j]]
            missing = tuple(s.hierarchy.ids[u] for u in lacking.tolist())
        return Coverage(
            unit=unit,
            indicator=indicator,
            expected=int(self.expected[i]),
            reported=int(self.reported[i, j]),
            missing=missing,
        )

    def provenance(self, unit: str, indicator: str) -> tuple[Contribution, ...]:
        """The figures that went into the total of *indicator* at *unit*, in store order.

        A ratio lists the figures of its numerator and denominator; a mean
        lists its figures and the weight figures used; a stock only the
        latest figures kept.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.figures import Figure, Figures
            >>> from thidua.periods import Period
            >>> from thidua.rollup import roll_up
            >>> from thidua.testing import tiny_dataset
            >>> figs = Figures.from_records([
            ...     Figure(unit="G1", indicator="new_members", period=Period.year(2024),
            ...            value=12, source="BC-G1")])
            >>> r = roll_up(Hierarchy(tiny_dataset()), figs, "2024",
            ...             restate_to="2026-01-01")
            >>> [(c.figure.source, c.share, c.unit) for c in r.provenance("W1", "new_members")]
            [('BC-G1', 1.0, 'G1')]
        """
        i, j = self._row(unit), self._col(indicator)
        s = self._s
        layout, p = s.layout, s.placed
        cols = inputs_closure(layout, j)
        wanted = np.isin(p.col, cols) & ((p.role & CONTRIBUTES) != 0)
        weights = layout.weight_col[cols]
        weights = weights[weights >= 0]
        if weights.size:
            wanted |= np.isin(p.col, weights) & ((p.role & WEIGHT) != 0)
        keep = np.zeros(len(p), dtype=np.bool_)
        for g, snapshot in enumerate(s.snapshots):
            if unit not in snapshot:
                continue
            below = np.append(snapshot.descendant_indices(unit, s.relation), s.rows[i])
            keep |= (p.group == g) & np.isin(p.unit, below)
        picked = np.flatnonzero(keep & wanted)
        picked = picked[np.argsort(p.row[picked], kind="stable")]
        ids, row = s.hierarchy.ids, s.figures.row
        return tuple(
            Contribution(figure=row(int(p.row[k])), share=p.share_of(k), unit=ids[p.unit[k]])
            for k in picked.tolist()
        )

    def indicator(self, code: str) -> Indicator:
        """The catalogue's indicator of a column (its name, unit, aggregation …).

        Raises:
            UnknownIndicatorError: the roll-up has no column *code*.

        Examples:
            >>> _example().indicator("works_completion_rate").name
            'Tỷ lệ công trình, phần việc hoàn thành'

        .. versionadded:: 0.4.0
        """
        return self._s.layout.indicators[self._col(code)]

    def aggregation(self, indicator: str) -> Aggregation:
        """The aggregation kind of a column.

        Examples:
            >>> _example().aggregation("works_completion_rate")
            <Aggregation.RATIO: 'ratio'>
        """
        return self._s.layout.kinds[self._col(indicator)]

    # -- export ------------------------------------------------------------------

    def _columns(self) -> dict[str, Any]:
        return _export.long_columns(
            self.units,
            self.names,
            self.kinds,
            self.ranks,
            self.indicators,
            self.values,
            self.expected,
            self.reported,
            self.flags,
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per unit and indicator (the fields of :class:`RollUpRow`).

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.figures import Figure, Figures
            >>> from thidua.periods import Period
            >>> from thidua.rollup import roll_up
            >>> from thidua.testing import tiny_dataset
            >>> figs = Figures.from_records([Figure(unit="G1", indicator="members",
            ...                                     period=Period.year(2024), value=40)])
            >>> rec = roll_up(Hierarchy(tiny_dataset()), figs, "2024", units=["D1"]).to_records()
            >>> rec[0]["unit"], rec[0]["value"], rec[0]["expected"], rec[0]["flags"]
            ('D1', 40.0, 3, ())
        """
        return [attrs.asdict(r, recurse=False) for r in self]

    def to_pandas(self, *, wide: bool = False) -> pd.DataFrame:
        """A pandas DataFrame: long (one row per unit and indicator) or *wide* (units × indicators).

        Raises:
            ImportError: pandas is not installed (``pip install 'thidua[pandas]'``).

        Examples:
            >>> _example().to_pandas(wide=True)["works_completion_rate"].to_dict()
            {'D1': 90.0, 'G1': 75.0}
            >>> df = _example().to_pandas()
            >>> df.loc[2, ["unit", "indicator", "value", "reported"]].to_dict()
            {'unit': 'D1', 'indicator': 'works_completion_rate', 'value': 90.0, 'reported': 2}
        """
        if wide:
            return _export.wide_pandas(self.units, self.names, self.indicators, self.values)
        return _export.to_pandas(self._columns())

    def to_polars(self, *, wide: bool = False) -> pl.DataFrame:
        """A polars DataFrame, long or *wide*, like :meth:`to_pandas`.

        Raises:
            ImportError: polars is not installed (``pip install 'thidua[polars]'``).

        Examples:
            >>> _example().to_polars().shape
            (6, 9)
        """
        if wide:
            return _export.wide_polars(self.units, self.names, self.indicators, self.values)
        return _export.to_polars(self._columns())

    def to_csv(self, path_or_buffer: PathLike | IO[str]) -> None:
        """Write the long table as UTF-8 CSV to a path or an open text buffer (NaN → empty).

        Examples:
            >>> import io
            >>> buffer = io.StringIO()
            >>> _example().to_csv(buffer)
            >>> print(buffer.getvalue().splitlines()[3])
            D1,Liên đoàn Lao động quận Đống Đa,district,2,works_completion_rate,90.0,3,2,
        """
        _export.write_csv(self.csv_chunks(), path_or_buffer)

    def csv_chunks(self, *, escape: Callable[[str], str] | None = None) -> Iterator[str]:
        """The long table as CSV text, a chunk of rows at a time (see :meth:`to_csv`).

        Args:
            escape: applied to every text cell before quoting (the CLI passes
                a formula neutraliser for reports meant for people).

        Examples:
            >>> print(next(_example().csv_chunks()), end="")
            unit,name,kind,rank,indicator,value,expected,reported,flags

        .. versionadded:: 0.2.0
        """
        return _export.csv_chunks(
            self.units,
            self.names,
            self.kinds,
            self.ranks,
            self.indicators,
            self.values,
            self.expected,
            self.reported,
            self.flags,
            escape=escape,
        )

    def csv_bytes(self, *, escape: Callable[[str], str] | None = None) -> Iterator[memoryview]:
        r"""The CSV text of :meth:`csv_chunks` as UTF-8 bytes, a chunk at a time.

        Nothing is decoded into Python text: a command writing to a binary
        stream (``sys.stdout.buffer``) saves decoding and encoding the
        national 400 MB.  Each chunk is a :class:`memoryview` of the bytes
        (write it, or ``bytes(chunk)``).

        Args:
            escape: as for :meth:`csv_chunks`.

        Examples:
            >>> bytes(next(_example().csv_bytes()))
            b'unit,name,kind,rank,indicator,value,expected,reported,flags\n'

        .. versionadded:: 0.2.0
        """
        return _export.csv_bytes(
            self.units,
            self.names,
            self.kinds,
            self.ranks,
            self.indicators,
            self.values,
            self.expected,
            self.reported,
            self.flags,
            escape=escape,
        )

    def to_json(self, *, indent: int | None = None) -> str:
        """The roll-up as JSON: its labels, rows, discrepancies and problems (NaN → null).

        Examples:
            >>> _example().to_json()[:60]
            '{"period": "2024", "basis": "as_was", "day": "2024-12-31", "'
        """
        return _export.to_json(
            {
                "period": str(self.period),
                "basis": self.basis.value,
                "day": self.day.isoformat(),
                "relation": _export.relation_label(self.relation),
                "indicators": list(self.indicators),
                "excluded": self.excluded,
            },
            self._columns(),
            [attrs.asdict(d, recurse=False) for d in self.discrepancies],
            [p.to_dict() for p in self.problems],
            indent=indent,
        )

    def __repr__(self) -> str:
        k = len(self.indicators)
        probs, disc = len(self.problems), len(self.discrepancies)
        return (
            f"<RollUp {self.basis.value} {self.period} on {self.day.isoformat()}: "
            f"{len(self.units):,} units × {k} indicator{'s' if k != 1 else ''}, "
            f"{probs} problem{'s' if probs != 1 else ''}, "
            f"{disc} discrepanc{'ies' if disc != 1 else 'y'}>"
        )

    def _repr_html_(self, max_rows: int = 20) -> str:
        """An HTML table of the first *max_rows* units (for Jupyter)."""
        return _export.html_table(
            repr(self), self.units, self.names, self.indicators, self.values, max_rows
        )
