"""The columnar figure store.

Figures are reported values keyed by (unit, indicator, period), with their
source and scope.  A national year is millions of them, so they are held as
dictionary-encoded numpy columns, not as Python objects: each of unit,
indicator, period and source is an ``int32`` code into a small tuple of
distinct values.  Values are ``float64``; a ``distinct`` indicator's figure
is a set of keys, kept in a side table (row → frozenset), and a figure read
from an "actual/plan" cell (``31/20 (155%)``) keeps its plan in another side
table (row → plan).

Examples:
    >>> from thidua.periods import Period
    >>> figs = Figures.from_records([
    ...     Figure(unit="G1", indicator="new_members", period=Period.year(2024), value=12),
    ...     Figure(unit="G2", indicator="new_members", period=Period.year(2024), value=30,
    ...            plan=25, source="BC-2024-G2"),
    ...     Figure(unit="G1", indicator="people_honoured", period=Period.year(2024),
    ...            keys=frozenset({"P1", "P2"})),
    ... ])
    >>> len(figs), figs.units, figs.indicators
    (3, ('G1', 'G2'), ('new_members', 'people_honoured'))
    >>> [f.value for f in figs], figs.plan_of(1)
    ([12.0, 30.0, None], 25.0)
    >>> sorted(figs.keys_of(2))
    ['P1', 'P2']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import html
import importlib
import math
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from thidua._source import Pointer
from thidua.errors import InvalidArgumentError
from thidua.periods import Period, parse_period

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = ["Figure", "Figures", "Scope"]

Int32Array = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]

# Columns at least this long are dictionary-encoded with pandas.factorize
# (C hash table) when pandas is installed; shorter ones with a dict, which
# avoids importing pandas for a handful of rows.
_BULK = 20_000


class Scope(enum.Enum):
    """Whose figure it is.

    * ``own``: the unit's own figure; it rolls up.
    * ``total``: the unit's own report of the total of its whole subtree; it
      does not roll up, it is compared with the computed roll-up
      (reconciliation).

    Examples:
        >>> Scope("total")
        <Scope.TOTAL: 'total'>
    """

    OWN = "own"
    TOTAL = "total"


def _opt_float(value: float | None) -> float | None:
    return None if value is None else float(value)


@attrs.frozen(kw_only=True)
class Figure:
    """One reported figure, as a record (the store keeps columns).

    Attributes:
        unit: the reporting unit's id.
        indicator: the indicator code.
        period: the reporting period.
        value: the number (``None`` for a ``distinct`` indicator); for an
            "actual/plan" cell, the **actual**.
        plan: the planned figure of an "actual/plan" cell (``31/20`` → 20),
            else ``None``.
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
    value: float | None = attrs.field(default=None, converter=_opt_float)
    plan: float | None = attrs.field(default=None, converter=_opt_float)
    keys: frozenset[str] | None = None
    source: str | None = None
    scope: Scope = Scope.OWN
    origin: Pointer | None = attrs.field(default=None, eq=False, repr=False)


_H = TypeVar("_H", bound=Hashable)
_A = TypeVar("_A", bound=np.generic)


def _pandas(size: int) -> ModuleType | None:
    """The pandas module for a column of *size* rows, or ``None`` (small, or not installed)."""
    if size < _BULK:
        return None
    try:
        return importlib.import_module("pandas")
    except ImportError:  # pragma: no cover - pandas is an optional dependency
        return None


def factorize(values: Sequence[Any] | npt.NDArray[Any]) -> tuple[Int32Array, list[Any]]:
    """Dictionary-encode a column: codes in first-seen order, ``-1`` for ``None`` and NaN.

    Uses ``pandas.factorize`` (a C hash table) for long columns when pandas
    is installed, else a dict.  O(n).

    Examples:
        >>> codes, uniques = factorize(["b", "a", None, "b"])
        >>> codes.tolist(), uniques
        ([0, 1, -1, 0], ['b', 'a'])
    """
    n = len(values)
    pd = _pandas(n)
    if pd is not None:
        array = values if isinstance(values, np.ndarray) else _object_array(values)
        codes, uniques = pd.factorize(array, use_na_sentinel=True)
        return codes.astype(np.int32, copy=False), list(uniques)
    table: dict[Any, int] = {}
    setdefault = table.setdefault

    def code(v: Any) -> int:  # noqa: ANN401 - any hashable cell
        if v is None or (isinstance(v, float) and math.isnan(v)):  # NaN is missing, as in pandas
            return -1
        return setdefault(v, len(table))

    out = np.fromiter((code(v) for v in values), dtype=np.int32, count=n)
    return out, list(table)


def _object_array(values: Sequence[Any]) -> npt.NDArray[np.object_]:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _encode(values: Sequence[_H]) -> tuple[Int32Array, tuple[_H, ...]]:
    """Dictionary-encode a column in first-seen order; ``None`` is a value of its own."""
    codes, uniques = factorize(values)
    missing = codes < 0
    if missing.any():
        first = int(np.argmax(missing))
        place = int(codes[:first].max()) + 1 if first else 0  # values seen before the first None
        codes = np.where(missing, place, codes + (codes >= place)).astype(np.int32)
        uniques.insert(place, None)
    return codes, tuple(uniques)


class _RowOrigins(Mapping[int, Pointer]):
    """Row → pointer for rows read from one table, built on demand.

    A reader keeps one row number per figure instead of millions of
    :class:`Pointer` records; ``origins[i]`` makes the pointer when asked.
    With *path* (``"$.figures"``) the numbers are positions in a document's
    list and the pointers JSON paths (``$.figures[3]``).
    """

    __slots__ = ("_rows", "file", "headers", "path", "sheet")

    def __init__(
        self,
        *,
        file: str | None,
        sheet: str | None,
        rows: npt.NDArray[np.signedinteger[Any]],
        headers: Mapping[str, str],
        path: str | None = None,
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.headers = headers
        self.path = path
        self._rows = _frozen(rows)

    def __getitem__(self, key: int) -> Pointer:
        if not 0 <= key < self._rows.shape[0]:
            raise KeyError(key)
        if self.path is not None:
            return Pointer(file=self.file, path=f"{self.path}[{int(self._rows[key])}]")
        return Pointer(
            file=self.file, sheet=self.sheet, row=int(self._rows[key]), headers=self.headers
        )

    def __iter__(self) -> Iterator[int]:
        return iter(range(self._rows.shape[0]))

    def __len__(self) -> int:
        return int(self._rows.shape[0])

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int | np.integer) and 0 <= key < self._rows.shape[0]

    def take(self, idx: npt.NDArray[np.intp]) -> _RowOrigins:
        return _RowOrigins(
            file=self.file,
            sheet=self.sheet,
            rows=self._rows[idx],
            headers=self.headers,
            path=self.path,
        )


class Figures:
    """An immutable, dictionary-encoded table of figures.

    Build it with :meth:`from_records` or :meth:`from_columns` (or the
    readers in :mod:`thidua.figures`); iterate it to get :class:`Figure`
    records back.  Columns are exposed read-only for the roll-up engine.
    Two stores are equal when they hold the same rows in the same order
    (dictionary order and origins do not matter).

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
        plans: row → plan, for rows read from an "actual/plan" cell or a
            ``plan`` column only.
        origins: row → pointer to where the row was read (may be empty).

    Examples:
        >>> f = Figures.from_columns(unit=["A", "B"], indicator=["x", "x"],
        ...                          period=["2025", "2025"], value=[1, 2])
        >>> f
        <Figures 2 rows: 2 units, 1 indicators, 1 periods>
        >>> f.values.tolist(), f.unit_codes.tolist()
        ([1.0, 2.0], [0, 1])
    """

    __slots__ = (
        "indicator_codes",
        "indicators",
        "key_sets",
        "origins",
        "period_codes",
        "periods",
        "plans",
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
        plans: Mapping[int, float] | None = None,
    ) -> None:
        n = values.shape[0]
        for name, col in (
            ("unit_codes", unit_codes),
            ("indicator_codes", indicator_codes),
            ("period_codes", period_codes),
            ("source_codes", source_codes),
            ("scope_codes", scope_codes),
        ):
            if col is not None and col.shape[0] != n:
                msg = f"Figures: column {name} has {col.shape[0]} rows, values has {n}"
                raise ValueError(msg)
        self.unit_codes = _frozen(unit_codes.astype(np.int32, copy=False))
        self.indicator_codes = _frozen(indicator_codes.astype(np.int32, copy=False))
        self.period_codes = _frozen(period_codes.astype(np.int32, copy=False))
        self.values = _frozen(values.astype(np.float64, copy=False))
        self.source_codes = _frozen(
            np.zeros(n, dtype=np.int32)
            if source_codes is None
            else source_codes.astype(np.int32, copy=False)
        )
        self.scope_codes = _frozen(
            np.zeros(n, dtype=np.int8)
            if scope_codes is None
            else scope_codes.astype(np.int8, copy=False)
        )
        self.units = units
        self.indicators = indicators
        self.periods = periods
        self.sources = sources
        self.key_sets: Mapping[int, frozenset[str]] = dict(key_sets or {})
        self.plans: Mapping[int, float] = {int(k): float(v) for k, v in (plans or {}).items()}
        self.origins: Mapping[int, Pointer] = (
            origins if isinstance(origins, _RowOrigins) else dict(origins or {})
        )

    # -- construction ------------------------------------------------------------

    @classmethod
    def from_records(cls, records: Iterable[Figure]) -> Figures:
        """Build the store from :class:`Figure` records (order kept).

        Examples:
            >>> Figures.from_records([]).units
            ()
        """
        rows = list(records)
        return cls.from_columns(
            unit=[f.unit for f in rows],
            indicator=[f.indicator for f in rows],
            period=[f.period for f in rows],
            value=[np.nan if f.value is None else f.value for f in rows],
            source=[f.source for f in rows],
            scope=[f.scope for f in rows],
            key_sets={i: f.keys for i, f in enumerate(rows) if f.keys is not None},
            origins={i: f.origin for i, f in enumerate(rows) if f.origin is not None},
            plans={i: f.plan for i, f in enumerate(rows) if f.plan is not None},
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
        plans: Mapping[int, float] | None = None,
    ) -> Figures:
        """Build the store from parallel columns (periods as :class:`Period` or text).

        Columns are dictionary-encoded with :func:`factorize` (``pandas.factorize``
        for long columns) and each distinct period text is parsed once, so
        this is O(n) with little Python per row.  Nothing is validated here:
        use the readers for untrusted input and :func:`validate_figures`.

        Raises:
            PeriodParseError: a period text cannot be read (readers report it
                as a problem instead).
            ValueError: a scope is neither ``own`` nor ``total``, or the
                columns differ in length.

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
        src_codes: Int32Array | None = None
        srcs: tuple[str | None, ...] = (None,)
        if source is not None:
            src_codes, srcs = _encode(source)
        scope_codes = None
        if scope is not None:
            sc_codes, sc_values = _encode(scope)
            totals = np.array([Scope(s) is Scope.TOTAL for s in sc_values], dtype=np.int8)
            scope_codes = totals[sc_codes] if len(sc_values) else sc_codes.astype(np.int8)
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
            plans=plans,
        )

    # -- access ------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.values.shape[0])

    def __repr__(self) -> str:
        return (
            f"<Figures {len(self)} rows: {len(self.units)} units, "
            f"{len(self.indicators)} indicators, {len(self.periods)} periods>"
        )

    def _repr_html_(self, max_rows: int = 20) -> str:
        """An HTML table of the first *max_rows* rows (for notebooks; cheap at any size).

        Examples:
            >>> f = Figures.from_columns(unit=["A", "B"], indicator=["x", "x"],
            ...                          period=["2025", "2025"], value=[1, 2])
            >>> html_text = f._repr_html_(max_rows=1)
            >>> html_text.count("<tr>"), "… and 1 more row" in html_text
            (3, True)
        """
        cells = ("unit", "indicator", "period", "value", "scope", "source")
        body = []
        for i in range(min(max_rows, len(self))):
            keys = self.key_sets.get(i)
            value = ";".join(sorted(keys)) if keys is not None else f"{float(self.values[i]):.12g}"
            row = (
                self.units[self.unit_codes[i]],
                self.indicators[self.indicator_codes[i]],
                str(self.periods[self.period_codes[i]]),
                value,
                "total" if self.scope_codes[i] else "own",
                self.sources[self.source_codes[i]] or "",
            )
            body.append("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>")
        if len(self) > max_rows:
            more = len(self) - max_rows
            body.append(
                f"<tr><td colspan='{len(cells)}'>… and {more:,} more row"
                f"{'s' if more != 1 else ''}</td></tr>"
            )
        header = "<tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr>"
        return (
            f"<div><p>{html.escape(repr(self))}</p><table><thead>{header}</thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )

    def row(self, i: int) -> Figure:
        """Row *i* as a :class:`Figure` record.

        Examples:
            >>> f = Figures.from_columns(unit=["A"], indicator=["x"], period=["2025"], value=[7])
            >>> f.row(0).value, str(f.row(0).period)
            (7.0, '2025')
        """
        keys = self.key_sets.get(i)
        value = float(self.values[i])
        return Figure(
            unit=self.units[self.unit_codes[i]],
            indicator=self.indicators[self.indicator_codes[i]],
            period=self.periods[self.period_codes[i]],
            value=None if keys is not None or np.isnan(value) else value,
            plan=self.plans.get(i),
            keys=keys,
            source=self.sources[self.source_codes[i]],
            scope=Scope.TOTAL if self.scope_codes[i] else Scope.OWN,
            origin=self.origins.get(i),
        )

    def __iter__(self) -> Iterator[Figure]:
        return (self.row(i) for i in range(len(self)))

    def to_records(self) -> tuple[Figure, ...]:
        """Every row as a :class:`Figure` record (Python objects: for small stores).

        Examples:
            >>> Figures.from_records([]).to_records()
            ()
        """
        return tuple(self)

    def keys_of(self, i: int) -> frozenset[str] | None:
        """The key set of row *i* (``None`` for a numeric row).

        Examples:
            >>> Figures.from_columns(unit=["A"], indicator=["x"], period=["2025"],
            ...                      value=[1]).keys_of(0) is None
            True
        """
        return self.key_sets.get(i)

    def plan_of(self, i: int) -> float | None:
        """The plan of row *i* (``None`` when the row has none).

        Examples:
            >>> Figures.from_columns(unit=["A"], indicator=["x"], period=["2025"],
            ...                      value=[31], plans={0: 20}).plan_of(0)
            20.0
        """
        return self.plans.get(i)

    def take(self, rows: npt.NDArray[np.intp] | npt.NDArray[np.bool_]) -> Figures:
        """A new store with the selected rows (index array or boolean mask), dictionaries kept.

        Side tables (keys, plans, origins) follow their rows; an index array
        may repeat rows.  O(selected rows) in numpy plus O(side-table rows).

        Examples:
            >>> from thidua.periods import Period
            >>> f = Figures.from_columns(unit=["A", "B"], indicator=["x", "x"],
            ...                          period=["2025", "2025"], value=[1, 2])
            >>> [r.unit for r in f.take(np.array([1]))]
            ['B']
        """
        idx = (
            np.flatnonzero(rows)
            if rows.dtype == np.bool_
            else np.asarray(rows, dtype=np.intp) % max(len(self), 1)
        )
        origins = (
            self.origins.take(idx)
            if isinstance(self.origins, _RowOrigins)
            else _take_side(self.origins, idx)
        )
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
            key_sets=_take_side(self.key_sets, idx),
            origins=origins,
            plans=_take_side(self.plans, idx),
        )

    def with_paths(
        self, *, file: str | None, path: str, positions: npt.NDArray[np.signedinteger[Any]]
    ) -> Figures:
        """The same figures, each pointing at an object of a document list.

        Figure ``i`` points at ``{path}[positions[i]]`` of *file*; the
        pointers are made when asked, not one per figure.

        Args:
            file: the document's file name.
            path: the JSON path of the list (``"$.figures"``).
            positions: each figure's position in that list.

        Examples:
            >>> f = Figures.from_columns(unit=["A", "B"], indicator=["x", "x"],
            ...                          period=["2025", "2025"], value=[1, 2])
            >>> print(f.with_paths(file="w.json", path="$.figures",
            ...                    positions=np.array([0, 3])).origins[1])
            w.json $.figures[3]

        .. versionadded:: 0.2.0
        """
        if positions.shape[0] != len(self):
            msg = f"Figures.with_paths: {positions.shape[0]} positions for {len(self)} figures"
            raise InvalidArgumentError(msg)
        origins = _RowOrigins(file=file, sheet=None, rows=positions, headers={}, path=path)
        return Figures(
            unit_codes=self.unit_codes,
            units=self.units,
            indicator_codes=self.indicator_codes,
            indicators=self.indicators,
            period_codes=self.period_codes,
            periods=self.periods,
            values=self.values,
            source_codes=self.source_codes,
            sources=self.sources,
            scope_codes=self.scope_codes,
            key_sets=self.key_sets,
            origins=origins,
            plans=self.plans,
        )

    # -- frames ------------------------------------------------------------------

    def to_pandas(self) -> pd.DataFrame:
        """The figures as a pandas DataFrame (requires pandas).

        Columns: ``unit``, ``indicator``, ``period`` (canonical text such as
        ``2025-Q3``), ``source``, ``scope`` (``own``/``total``) as
        categoricals built straight from the codes (no per-row Python);
        ``value`` and ``plan`` as ``float64`` (NaN where absent); ``keys``
        as objects (a frozenset for ``distinct`` rows, else ``None``).
        :func:`thidua.figures.figures_from_pandas` reads it back.

        Examples:
            >>> f = Figures.from_columns(unit=["A"], indicator=["x"], period=["quý I/2025"],
            ...                          value=[1.5])
            >>> print(f.to_pandas()[["unit", "period", "value", "scope"]].to_string(index=False))
            unit  period  value scope
               A 2025-Q1    1.5   own
        """
        import pandas as pd  # noqa: PLC0415 - optional extra, imported when used

        n = len(self)
        source_codes, source_labels = _drop_none(self.source_codes, self.sources)

        def cat(codes: npt.NDArray[Any], labels: Sequence[str]) -> pd.Categorical[str]:
            return pd.Categorical.from_codes(codes, categories=pd.Index(list(labels)))

        keys = np.full(n, None, dtype=object)
        for i, ks in self.key_sets.items():
            keys[i] = ks
        return pd.DataFrame(
            {
                "unit": cat(self.unit_codes, self.units),
                "indicator": cat(self.indicator_codes, self.indicators),
                "period": cat(self.period_codes, [str(p) for p in self.periods]),
                "value": np.array(self.values),
                "source": cat(source_codes, source_labels),
                "scope": cat(self.scope_codes, [s.value for s in Scope]),
                "plan": self._plan_array(),
                "keys": keys,
            }
        )

    def _plan_array(self) -> FloatArray:
        plan = np.full(len(self), np.nan)
        if self.plans:
            plan[list(self.plans)] = list(self.plans.values())
        return plan

    def to_polars(self) -> pl.DataFrame:
        """The figures as a polars DataFrame (requires polars).

        Columns as :meth:`to_pandas`, with ``String`` text columns gathered
        from the dictionaries, ``null`` where a value, plan or source is
        absent, and ``keys`` as a sorted ``List(String)``.
        :func:`thidua.figures.figures_from_polars` reads it back.

        Examples:
            >>> f = Figures.from_columns(unit=["A"], indicator=["x"], period=["2025"], value=[2])
            >>> f.to_polars().row(0)
            ('A', 'x', '2025', 2.0, None, 'own', None, None)
        """
        import polars as pl  # noqa: PLC0415 - optional extra, imported when used

        def text(name: str, labels: Sequence[str | None], codes: npt.NDArray[Any]) -> pl.Series:
            return pl.Series(name, list(labels), dtype=pl.String).gather(codes)

        keys: list[list[str] | None] = [None] * len(self)
        for i, ks in self.key_sets.items():
            keys[i] = sorted(ks)
        return pl.DataFrame(
            [
                text("unit", self.units, self.unit_codes),
                text("indicator", self.indicators, self.indicator_codes),
                text("period", [str(p) for p in self.periods], self.period_codes),
                pl.Series("value", np.array(self.values), nan_to_null=True),
                text("source", self.sources, self.source_codes),
                text("scope", [s.value for s in Scope], self.scope_codes),
                pl.Series("plan", self._plan_array(), nan_to_null=True),
                pl.Series("keys", keys, dtype=pl.List(pl.String)),
            ]
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Figures):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def _take_side(table: Mapping[int, _H], idx: npt.NDArray[np.intp]) -> dict[int, _H]:
    """Re-key a row → item side table after selecting rows *idx*."""
    if not table:
        return {}
    rows = np.fromiter(table.keys(), dtype=np.intp, count=len(table))
    hit = np.flatnonzero(np.isin(idx, rows))
    return {int(j): table[int(idx[j])] for j in hit}


def _drop_none(codes: Int32Array, labels: tuple[str | None, ...]) -> tuple[Int32Array, list[str]]:
    """Codes into *labels* without ``None`` (its rows get -1), for categoricals."""
    keep = [i for i, label in enumerate(labels) if label is not None]
    remap = np.full(len(labels) + 1, -1, dtype=np.int32)
    remap[keep] = np.arange(len(keep), dtype=np.int32)
    return remap[codes], [label for label in labels if label is not None]


def _frozen(array: npt.NDArray[_A]) -> npt.NDArray[_A]:
    array = np.ascontiguousarray(array)
    array.flags.writeable = False
    return array
