"""The columnar figure store.

Figures are reported values keyed by (unit, indicator, period), with their
source and scope.  A national year is millions of them, so they are held as
dictionary-encoded numpy columns, not as Python objects: each of unit,
indicator, period and source is an ``int32`` code into a small tuple of
distinct values.  Values are ``float64``; a ``distinct`` indicator's figure
is a set of keys, kept in a side table (row → frozenset).

Examples:
    >>> from thidua.periods import Period
    >>> figs = Figures.from_records([
    ...     Figure(unit="G1", indicator="new_members", period=Period.year(2024), value=12),
    ...     Figure(unit="G2", indicator="new_members", period=Period.year(2024), value=30,
    ...            source="BC-2024-G2"),
    ...     Figure(unit="G1", indicator="people_honoured", period=Period.year(2024),
    ...            keys=frozenset({"P1", "P2"})),
    ... ])
    >>> len(figs), figs.units, figs.indicators
    (3, ('G1', 'G2'), ('new_members', 'people_honoured'))
    >>> [f.value for f in figs]
    [12.0, 30.0, None]
    >>> figs.keys_of(2)
    frozenset({'P1', 'P2'})

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from thidua.periods import Period, parse_period
from thidua.problems import Pointer

__all__ = ["Figure", "Figures", "Scope"]

Int32Array = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]


class Scope(enum.Enum):
    """Whose figure it is.

    * ``own``: the unit's own figure; it rolls up.
    * ``total``: the unit's own report of the total of its whole subtree; it
      does not roll up, it is compared with the computed roll-up
      (reconciliation).
    """

    OWN = "own"
    TOTAL = "total"


@attrs.frozen(kw_only=True)
class Figure:
    """One reported figure, as a record (the store keeps columns).

    Attributes:
        unit: the reporting unit's id.
        indicator: the indicator code.
        period: the reporting period.
        value: the number (``None`` for a ``distinct`` indicator).
        keys: the set of keys for a ``distinct`` indicator (else ``None``).
        source: the report or document it came from.
        scope: own figure or reported total.
        origin: where it was read (file and row); not compared.

    Examples:
        >>> from thidua.periods import Period
        >>> Figure(unit="G1", indicator="members", period=Period.quarter(2024, 4), value=120).scope
        <Scope.OWN: 'own'>
    """

    unit: str
    indicator: str
    period: Period
    value: float | None = None
    keys: frozenset[str] | None = None
    source: str | None = None
    scope: Scope = Scope.OWN
    origin: Pointer | None = attrs.field(default=None, eq=False, repr=False)


_H = TypeVar("_H", bound=Hashable)
_A = TypeVar("_A", bound=np.generic)


def _encode(values: Sequence[_H]) -> tuple[Int32Array, tuple[_H, ...]]:
    """Dictionary-encode a column: codes in first-seen order (O(n) with a dict)."""
    table: dict[_H, int] = {}
    setdefault = table.setdefault
    codes = np.fromiter(
        (setdefault(v, len(table)) for v in values), dtype=np.int32, count=len(values)
    )
    return codes, tuple(table)


class Figures:
    """An immutable, dictionary-encoded table of figures.

    Build it with :meth:`from_records` or :meth:`from_columns` (or the
    readers in :mod:`thidua.figures`); iterate it to get :class:`Figure`
    records back.  Columns are exposed read-only for the roll-up engine.

    Attributes:
        unit_codes: per row, an index into :attr:`units`.
        indicator_codes: per row, an index into :attr:`indicators`.
        period_codes: per row, an index into :attr:`periods`.
        source_codes: per row, an index into :attr:`sources`.
        values: per row, the value (NaN for ``distinct`` rows).
        scope_codes: per row, 0 for own figures and 1 for reported totals.
        units: the distinct unit ids.
        indicators: the distinct indicator codes.
        periods: the distinct periods.
        sources: the distinct sources (``None`` for no source).
        key_sets: row → set of keys, for ``distinct`` rows only.
        origins: row → pointer to where the row was read (may be empty).
    """

    __slots__ = (
        "indicator_codes",
        "indicators",
        "key_sets",
        "origins",
        "period_codes",
        "periods",
        "scope_codes",
        "source_codes",
        "sources",
        "unit_codes",
        "units",
        "values",
    )

    def __init__(
        self,
        *,
        unit_codes: Int32Array,
        units: tuple[str, ...],
        indicator_codes: Int32Array,
        indicators: tuple[str, ...],
        period_codes: Int32Array,
        periods: tuple[Period, ...],
        values: FloatArray,
        source_codes: Int32Array | None = None,
        sources: tuple[str | None, ...] = (None,),
        scope_codes: npt.NDArray[np.int8] | None = None,
        key_sets: Mapping[int, frozenset[str]] | None = None,
        origins: Mapping[int, Pointer] | None = None,
    ) -> None:
        n = values.shape[0]
        for name, col in (
            ("unit_codes", unit_codes),
            ("indicator_codes", indicator_codes),
            ("period_codes", period_codes),
        ):
            if col.shape[0] != n:
                msg = f"Figures: column {name} has {col.shape[0]} rows, values has {n}"
                raise ValueError(msg)
        self.unit_codes = _frozen(unit_codes.astype(np.int32, copy=False))
        self.indicator_codes = _frozen(indicator_codes.astype(np.int32, copy=False))
        self.period_codes = _frozen(period_codes.astype(np.int32, copy=False))
        self.values = _frozen(values.astype(np.float64, copy=False))
        self.source_codes = _frozen(
            np.zeros(n, dtype=np.int32) if source_codes is None else source_codes.astype(np.int32)
        )
        self.scope_codes = _frozen(
            np.zeros(n, dtype=np.int8) if scope_codes is None else scope_codes.astype(np.int8)
        )
        self.units = units
        self.indicators = indicators
        self.periods = periods
        self.sources = sources
        self.key_sets: Mapping[int, frozenset[str]] = dict(key_sets or {})
        self.origins: Mapping[int, Pointer] = dict(origins or {})

    # -- construction ------------------------------------------------------------

    @classmethod
    def from_records(cls, records: Iterable[Figure]) -> Figures:
        """Build the store from :class:`Figure` records (order kept).

        Examples:
            >>> Figures.from_records([]).units
            ()
        """
        rows = list(records)
        key_sets = {i: f.keys for i, f in enumerate(rows) if f.keys is not None}
        origins = {i: f.origin for i, f in enumerate(rows) if f.origin is not None}
        return cls.from_columns(
            unit=[f.unit for f in rows],
            indicator=[f.indicator for f in rows],
            period=[f.period for f in rows],
            value=[np.nan if f.value is None else f.value for f in rows],
            source=[f.source for f in rows],
            scope=[f.scope for f in rows],
            key_sets=key_sets,
            origins=origins,
        )

    @classmethod
    def from_columns(
        cls,
        *,
        unit: Sequence[str],
        indicator: Sequence[str],
        period: Sequence[Period | str],
        value: Sequence[float] | FloatArray,
        source: Sequence[str | None] | None = None,
        scope: Sequence[Scope | str] | None = None,
        key_sets: Mapping[int, frozenset[str]] | None = None,
        origins: Mapping[int, Pointer] | None = None,
    ) -> Figures:
        """Build the store from parallel columns (periods as :class:`Period` or text).

        Raises:
            PeriodParseError: a period text cannot be read (readers report it
                as a problem instead).

        Examples:
            >>> f = Figures.from_columns(unit=["A", "B"], indicator=["x", "x"],
            ...                          period=["2025-Q1", "quý I/2025"], value=[1, 2])
            >>> f.periods == (Period.quarter(2025, 1),)
            True
        """
        unit_codes, units = _encode(unit)
        ind_codes, inds = _encode(indicator)
        per_codes, per_raw = _encode(period)
        parsed = [p if isinstance(p, Period) else parse_period(p) for p in per_raw]
        # Two texts of one period ("2025-Q1", "quý I/2025") share one code.
        unique: dict[Period, int] = {}
        remap = np.fromiter(
            (unique.setdefault(p, len(unique)) for p in parsed), dtype=np.int32, count=len(parsed)
        )
        per_codes = remap[per_codes] if parsed else per_codes
        n = len(unit_codes)
        src_codes: Int32Array | None = None
        srcs: tuple[str | None, ...] = (None,)
        if source is not None:
            src_codes, srcs = _encode(source)
        scope_codes = None
        if scope is not None:
            scope_codes = np.fromiter(
                (Scope(s) is Scope.TOTAL for s in scope), dtype=np.int8, count=n
            )
        return cls(
            unit_codes=unit_codes,
            units=units,
            indicator_codes=ind_codes,
            indicators=inds,
            period_codes=per_codes,
            periods=tuple(unique),
            values=np.asarray(value, dtype=np.float64),
            source_codes=src_codes,
            sources=srcs,
            scope_codes=scope_codes,
            key_sets=key_sets,
            origins=origins,
        )

    # -- access ------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.values.shape[0])

    def __repr__(self) -> str:
        return (
            f"<Figures {len(self)} rows: {len(self.units)} units, "
            f"{len(self.indicators)} indicators, {len(self.periods)} periods>"
        )

    def row(self, i: int) -> Figure:
        """Row *i* as a :class:`Figure` record."""
        keys = self.key_sets.get(i)
        value = float(self.values[i])
        return Figure(
            unit=self.units[self.unit_codes[i]],
            indicator=self.indicators[self.indicator_codes[i]],
            period=self.periods[self.period_codes[i]],
            value=None if keys is not None or np.isnan(value) else value,
            keys=keys,
            source=self.sources[self.source_codes[i]],
            scope=Scope.TOTAL if self.scope_codes[i] else Scope.OWN,
            origin=self.origins.get(i),
        )

    def __iter__(self) -> Iterator[Figure]:
        return (self.row(i) for i in range(len(self)))

    def keys_of(self, i: int) -> frozenset[str] | None:
        """The key set of row *i* (``None`` for a numeric row)."""
        return self.key_sets.get(i)

    def take(self, rows: npt.NDArray[np.intp] | npt.NDArray[np.bool_]) -> Figures:
        """A new store with the selected rows (index array or boolean mask), dictionaries kept.

        Examples:
            >>> from thidua.periods import Period
            >>> f = Figures.from_columns(unit=["A", "B"], indicator=["x", "x"],
            ...                          period=["2025", "2025"], value=[1, 2])
            >>> [r.unit for r in f.take(np.array([1]))]
            ['B']
        """
        idx = np.nonzero(rows)[0] if rows.dtype == np.bool_ else np.asarray(rows)
        new_pos = {int(old): new for new, old in enumerate(idx.tolist())}
        return Figures(
            unit_codes=self.unit_codes[idx],
            units=self.units,
            indicator_codes=self.indicator_codes[idx],
            indicators=self.indicators,
            period_codes=self.period_codes[idx],
            periods=self.periods,
            values=self.values[idx],
            source_codes=self.source_codes[idx],
            sources=self.sources,
            scope_codes=self.scope_codes[idx],
            key_sets={new_pos[k]: v for k, v in self.key_sets.items() if k in new_pos},
            origins={new_pos[k]: v for k, v in self.origins.items() if k in new_pos},
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Figures):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def _frozen(array: npt.NDArray[_A]) -> npt.NDArray[_A]:
    array = np.ascontiguousarray(array)
    array.flags.writeable = False
    return array
