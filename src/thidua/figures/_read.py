r"""Reading figures from CSV, Excel, pandas and polars, with problems instead of exceptions.

Every reader returns a :class:`FiguresResult`: the :class:`Figures` of the
good rows and a :class:`~thidua.problems.Report` with one problem per bad
cell, pointing at the file, row (1-based, the header is row 1) and column as
written.  A bad row is left out; every other row loads.

The table has the columns ``unit``, ``indicator``, ``period``, ``value``
(required), ``source``, ``scope``, ``plan`` and ``keys`` (optional); headers
may be Vietnamese (``Đơn vị``, ``Chỉ tiêu``, ``Kỳ báo cáo``, ``Giá trị`` …,
see :data:`FIGURE_COLUMNS`) and are matched whatever their case, spacing or
tone placement.  Cells:

* ``value``: a number as Vietnamese reports write it (``1.585`` = 1585,
  ``1,5`` = 1.5, read by :func:`thidua.values.parse_number`), an
  "actual/plan (percent)" cell (``31/20 (155%)``: the value is the actual 31,
  the plan 20 is kept), or, for a ``distinct`` indicator, keys separated by
  ``;`` (``P000123;P000581``);
* ``period``: any text :func:`thidua.periods.parse_period` reads (each
  distinct text is parsed once);
* ``scope``: ``own`` (default, also ``riêng``) or ``total`` (``tổng``,
  ``tổng hợp``).

Problems: ``F009`` unreadable value, ``F010`` unreadable period, ``F007``
keys for a numeric indicator or a number for a ``distinct`` one, ``S002``
missing required column, ``S004`` empty unit, indicator or period, ``S006``
unknown scope, ``S007`` unknown column (warning), ``S008`` duplicate column,
``S001`` a file that is not UTF-8 CSV or an Excel workbook without the sheet.
An unknown indicator code is not a reader problem: its rows load (a number
if the value reads as one, else keys) and :func:`validate_figures` reports
``F002``.

The work is columnar: each column is dictionary-encoded (``pandas.factorize``,
or polars categoricals) and only distinct texts are parsed, so a frame of
millions of rows loads in well under a second.

Examples:
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "figures.csv"
    ...     _ = path.write_text(
    ...         "Đơn vị,Chỉ tiêu,Kỳ báo cáo,Giá trị\n"
    ...         "G1,new_members,năm 2025,1.585\n"
    ...         "G2,new_members,quý V/2025,12\n"
    ...         "G3,new_members,2025,31/20 (155%)\n", encoding="utf-8")
    ...     result = read_figures_csv(path)
    >>> [(f.unit, f.value, f.plan) for f in result.figures]
    [('G1', 1585.0, None), ('G3', 31.0, 20.0)]
    >>> p = result.report[0]
    >>> p.code, str(p.pointer)
    ('F010', 'figures.csv row 3, column Kỳ báo cáo')
    >>> p.message  # doctest: +ELLIPSIS
    "cannot read period 'quý V/2025': the quarter must be I, II, III or IV (or 1-4)"

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import importlib
import io
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from thidua._text import name_key, nfc
from thidua.errors import PeriodParseError, UnreadableInputError, ValueParseError
from thidua.figures._store import Figure, Figures, Scope, _RowOrigins, factorize
from thidua.indicators import BUILTIN_INDICATORS, IndicatorCatalogue
from thidua.io._tabular import TableSpec, cell_text
from thidua.periods import Period, parse_period
from thidua.problems import Pointer, Problem, Report, problem
from thidua.typing import PathLike
from thidua.values import parse_actual_plan, parse_number

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = [
    "FIGURE_COLUMNS",
    "FiguresResult",
    "figures_from_pandas",
    "figures_from_polars",
    "figures_from_records",
    "read_figures_csv",
    "read_figures_excel",
]

FIGURE_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "unit": ("Đơn vị", "Mã đơn vị"),
    "indicator": ("Chỉ tiêu", "Mã chỉ tiêu"),
    "period": ("Kỳ", "Kỳ báo cáo"),
    "value": ("Giá trị", "Số liệu"),
    "source": ("Nguồn",),
    "scope": ("Phạm vi",),
    "plan": ("Kế hoạch",),
    "keys": ("Danh sách mã",),
}
"""Each column of a figures table → the Vietnamese headers accepted for it."""

_REQUIRED = frozenset({"unit", "indicator", "period", "value"})
_SPEC = TableSpec(
    name="figures", fields=tuple(FIGURE_COLUMNS), required=_REQUIRED, aliases=FIGURE_COLUMNS
)
_ORDER = {field: i for i, field in enumerate(FIGURE_COLUMNS)}
_SCOPES = {
    **dict.fromkeys(map(name_key, ("own", "riêng")), 0),
    **dict.fromkeys(map(name_key, ("total", "tổng", "tổng hợp")), 1),
}

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@attrs.frozen(kw_only=True)
class FiguresResult:
    """What a figures reader gives back: the good rows and every problem found.

    Attributes:
        figures: the figures of the rows without a problem.
        report: one problem per bad cell (and header problems).

    Examples:
        >>> r = FiguresResult(figures=Figures.from_records([]), report=Report())
        >>> len(r.figures), r.report.ok
        (0, True)
    """

    figures: Figures
    report: Report


def figures_from_records(records: Iterable[Figure]) -> Figures:
    """Build figures from :class:`Figure` records: :meth:`Figures.from_records`.

    Examples:
        >>> from thidua.periods import Period
        >>> len(figures_from_records([Figure(unit="G1", indicator="dialogues",
        ...                                  period=Period.year(2025), value=2)]))
        1
    """
    return Figures.from_records(records)


# -- columns -------------------------------------------------------------------------


@attrs.frozen
class _Col:
    """A dictionary-encoded input column: codes into *uniques*, -1 for missing."""

    codes: IntArray
    uniques: list[Any]


def _encoded(values: Sequence[object] | npt.NDArray[Any]) -> _Col:
    try:
        codes, uniques = factorize(values)
    except TypeError:  # unhashable cells (lists of keys): as frozensets
        codes, uniques = factorize(
            [frozenset(v) if isinstance(v, list | set | np.ndarray) else v for v in values]
        )
    return _Col(codes.astype(np.int64), uniques)


_Column: TypeAlias = "_Col | FloatArray"


@attrs.frozen(kw_only=True)
class _Layout:
    """Which column holds which field, and the header problems."""

    columns: dict[str, int]
    headers: dict[str, str]
    problems: list[Problem]

    @property
    def complete(self) -> bool:
        return self.columns.keys() >= _REQUIRED


def _layout(raw_headers: Sequence[object], *, file: str | None, sheet: str | None) -> _Layout:
    where = (f"{file} sheet {sheet}" if sheet else file) or "the table"
    base = Pointer(file=file, sheet=sheet, row=1)
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(raw_headers):
        header = nfc(cell_text(raw)).strip()
        field = _SPEC.field_for(header) if header else None
        here = attrs.evolve(base, column=header or f"#{index + 1}")
        if field is None:
            problems.append(
                problem(
                    "S007",
                    f"{where}: unknown column {header!r} ignored "
                    f"(accepted: {', '.join(FIGURE_COLUMNS)} or their Vietnamese names)",
                    pointer=here,
                )
            )
        elif field in columns:
            problems.append(
                problem(
                    "S008",
                    f"{where}: columns {headers[field]!r} and {header!r} both give "
                    f"{field!r}; the second is ignored",
                    pointer=here,
                )
            )
        else:
            columns[field] = index
            headers[field] = header
    for field in FIGURE_COLUMNS:
        if field in _REQUIRED and field not in columns:
            names = " or ".join(repr(h) for h in _SPEC.headers_for(field))
            problems.append(
                problem(
                    "S002",
                    f"{where}: required column {names} is missing; no row was read",
                    pointer=base,
                )
            )
    return _Layout(columns=columns, headers=headers, problems=problems)


def _empty_result(problems: Iterable[Problem]) -> FiguresResult:
    return FiguresResult(figures=Figures.from_records([]), report=Report(tuple(problems)))


# -- cells ---------------------------------------------------------------------------

_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+", re.ASCII)

# Value classes of a distinct cell, and what each means for each kind of indicator.
_NUM, _SEMI, _TEXT, _EMPTY, _BAD, _KEYS, _BOTH = range(7)
_OKN, _OKK, _TYPE, _VALUE = range(4)
_NUMERIC, _DISTINCT, _UNKNOWN = range(3)
_OUTCOME = np.array(
    [
        # NUM    SEMI   TEXT    EMPTY   BAD     KEYS   BOTH
        [_OKN, _TYPE, _VALUE, _VALUE, _VALUE, _TYPE, _TYPE],  # numeric indicator
        [_TYPE, _OKK, _OKK, _OKK, _TYPE, _OKK, _TYPE],  # distinct indicator
        [_OKN, _OKK, _OKK, _VALUE, _VALUE, _OKK, _TYPE],  # unknown code
    ],
    dtype=np.int8,
)


def _id_text(value: object) -> str:
    """An id cell as text: NFC, stripped; spreadsheet numbers lose their ``.0``."""
    if isinstance(value, str):
        text = value.strip()
        return text if text.isascii() else nfc(text)  # ASCII text is already NFC
    if isinstance(value, Scope):
        return value.value
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, frozenset):
        return nfc(";".join(sorted(map(str, value))))
    return nfc(cell_text(value)).strip()


def _machine_number(text: str) -> float | None:
    """A plain machine number (``1585``, ``0.75``, ``1e-05``), or ``None`` for anything else.

    ``1.585`` is left to :func:`parse_number`: dots grouping digits in threes
    are Vietnamese thousands.
    """
    try:
        number = float(text)
    except ValueError:
        return None
    if not text.isascii() or "_" in text or not math.isfinite(number):
        return None
    if "." in text and _DOT_GROUPS.fullmatch(text.lstrip("+-")):
        return None
    return number


def _number_cell(text: str) -> float:
    """A number cell: a plain machine number as such, else :func:`parse_number` (``1.585``).

    Raises:
        ValueParseError: the text is not a number.
    """
    number = _machine_number(text.strip())
    return parse_number(text) if number is None else number


def _keys(parts: Iterable[object]) -> frozenset[str]:
    return frozenset(k for k in (_id_text(p) for p in parts) if k)


@attrs.frozen(kw_only=True)
class _Cell:
    """What a distinct value cell holds."""

    kind: int
    number: float = math.nan
    plan: float = math.nan
    keys: frozenset[str] = frozenset()
    text: str = ""
    reason: str = ""


def _read_value(value: object) -> _Cell:
    if value is None:
        return _Cell(kind=_EMPTY)
    if isinstance(value, bool):
        value = str(value)
    elif isinstance(value, int | float | np.integer | np.floating):
        exact = float(value)
        if math.isnan(exact):
            return _Cell(kind=_EMPTY)
        if math.isinf(exact):
            return _Cell(kind=_BAD, text=repr(exact), reason="the number is not finite")
        return _Cell(kind=_NUM, number=exact, text=repr(exact))
    if isinstance(value, frozenset | set | list | tuple):
        return _Cell(kind=_KEYS, keys=_keys(value), text=";".join(sorted(_keys(value))))
    text = nfc(value if isinstance(value, str) else cell_text(value)).strip()
    if not text:
        return _Cell(kind=_EMPTY)
    number = _machine_number(text)
    if number is not None:
        return _Cell(kind=_NUM, number=number, text=text)
    if ";" in text:
        return _Cell(kind=_SEMI, keys=_keys(text.split(";")), text=text)
    try:
        read = parse_actual_plan(text)
    except ValueParseError as exc:
        return _Cell(kind=_TEXT, keys=_keys([text]), text=text, reason=str(exc))
    plan = math.nan if read.plan is None else read.plan
    return _Cell(kind=_NUM, number=read.actual, plan=plan, text=text)


def _classify(
    uniques: Sequence[object],
) -> tuple[FloatArray, npt.NDArray[np.int8], FloatArray, dict[int, _Cell]]:
    """Number, class and plan of each distinct value cell (and one more: a missing cell).

    Plain machine numbers take a fast path (one :func:`float` call); the other
    cells are read by :func:`_read_value` and returned by position.
    """
    size = len(uniques)
    numbers: list[float] = [math.nan] * (size + 1)
    kinds = np.full(size + 1, _NUM, dtype=np.int8)
    kinds[size] = _EMPTY
    plans = np.full(size + 1, math.nan)
    slow: dict[int, _Cell] = {}
    for j, value in enumerate(uniques):
        if type(value) is str:
            try:
                number = float(value)
            except ValueError:
                pass
            else:
                if (
                    number - number == 0  # finite
                    and value.isascii()
                    and "_" not in value
                    and value.strip() == value
                    and not ("." in value and _DOT_GROUPS.fullmatch(value.lstrip("+-")))
                ):
                    numbers[j] = number
                    continue
        cell = slow[j] = _read_value(value)
        numbers[j], kinds[j], plans[j] = cell.number, cell.kind, cell.plan
    return np.array(numbers), kinds, plans, slow


def _reads_as_number(text: str) -> bool:
    """Whether a value cell with *text* reads as a number (for the writer)."""
    return bool(_classify([text])[1][0] == _NUM)


def _read_plan(value: object) -> tuple[float, str]:
    """A plan cell: (number or NaN when empty, reason when unreadable)."""
    cell = _read_value(value)
    if cell.kind == _EMPTY:
        return math.nan, ""
    if cell.kind != _NUM or not math.isnan(cell.plan):
        return math.nan, cell.reason or f"cannot read plan {cell.text!r}: expected a number"
    return cell.number, ""


def _recode(codes: IntArray, keys: Sequence[Any]) -> tuple[IntArray, list[Any]]:
    """Map codes through per-unique *keys*; a ``None`` key becomes -1 (missing)."""
    if None not in keys and len(set(keys)) == len(keys):
        return codes, list(keys)  # clean ids: the codes stand
    table: dict[Any, int] = {}
    remap = np.full(len(keys) + 1, -1, dtype=np.int64)  # remap[-1]: a missing cell
    for i, key in enumerate(keys):
        if key is not None:
            remap[i] = table.setdefault(key, len(table))
    return remap[codes], list(table)


def _compact(
    codes: IntArray, labels: Sequence[Any]
) -> tuple[npt.NDArray[np.int32], tuple[Any, ...]]:
    """Drop dictionary entries no row uses."""
    used = np.bincount(codes, minlength=len(labels)) > 0
    new = (np.cumsum(used) - 1).astype(np.int32)
    return new[codes], tuple(label for label, u in zip(labels, used, strict=True) if u)


# -- assembly ------------------------------------------------------------------------


@attrs.frozen
class _Values:
    """The value column decided per row."""

    number: FloatArray  # the number (NaN where none)
    plan: FloatArray  # the plan from an "actual/plan" cell (NaN where none)
    outcome: npt.NDArray[np.int8]  # _OKN, _OKK, _TYPE or _VALUE
    keys: Callable[[int], frozenset[str]]  # row → keys, for _OKK rows
    text: Callable[[int], str]  # row → the cell as written, for messages


class _Assembly:
    """Turns encoded columns into figures; every bad cell becomes a problem.

    Each step checks one column over whole arrays, marks its bad rows in
    :attr:`bad` and records a problem for each (Python runs only for those);
    :meth:`result` keeps the other rows.
    """

    def __init__(
        self,
        n: int,
        cols: Mapping[str, _Column],
        *,
        rows: IntArray,
        layout: _Layout,
        file: str | None,
        sheet: str | None,
        catalogue: IndicatorCatalogue,
    ) -> None:
        self.n, self.cols, self.rows, self.layout = n, cols, rows, layout
        self.file, self.sheet, self.catalogue = file, sheet, catalogue
        self.bad = np.zeros(n, dtype=np.bool_)
        self.items: list[tuple[int, int, Problem]] = []
        self.unit_codes, self.units = self._ids("unit")
        self.ind_codes, self.inds = self._ids("indicator")
        empty = "the {} is empty; the row is not read"
        self.fail(self.unit_codes < 0, "unit", "S004", lambda _: empty.format("unit"))
        self.fail(self.ind_codes < 0, "indicator", "S004", lambda _: empty.format("indicator"))

    def add(self, i: int, field: str, code: str, message: str) -> None:
        unit = int(self.unit_codes[i])
        pointer = Pointer(
            file=self.file,
            sheet=self.sheet,
            row=int(self.rows[i]),
            column=self.layout.headers.get(field, field),
            headers=self.layout.headers,
        )
        subject = self.units[unit] if unit >= 0 else None
        self.items.append(
            (i, _ORDER[field], problem(code, message, subject=subject, pointer=pointer))
        )

    def fail(self, mask: BoolArray, field: str, code: str, message: Callable[[int], str]) -> None:
        for i in np.flatnonzero(mask).tolist():
            self.add(i, field, code, message(i))
        self.bad |= mask

    def text_col(self, field: str) -> _Col:
        col = self.cols[field]
        assert isinstance(col, _Col)
        return col

    def _ids(self, field: str) -> tuple[IntArray, list[str]]:
        col = self.text_col(field)
        return _recode(col.codes, [_id_text(u) or None for u in col.uniques])

    def periods(self) -> tuple[IntArray, list[Period]]:
        """Parse each distinct period text once: S004 empty, F010 unreadable."""
        col = self.text_col("period")
        periods: dict[Period, int] = {}
        remap = np.full(len(col.uniques) + 1, -1, dtype=np.int64)  # remap[-1]: a missing cell
        errors: dict[int, str] = {}
        for j, raw in enumerate(col.uniques):
            if isinstance(raw, Period):
                remap[j] = periods.setdefault(raw, len(periods))
                continue
            text = _id_text(raw)
            if not text:
                continue
            try:
                remap[j] = periods.setdefault(parse_period(text), len(periods))
            except PeriodParseError as exc:
                remap[j] = -2
                errors[j] = str(exc)
        codes = remap[col.codes]
        self.fail(
            codes == -1, "period", "S004", lambda _: "the period is empty; the row is not read"
        )
        self.fail(codes == -2, "period", "F010", lambda i: errors[int(col.codes[i])])
        return codes, list(periods)

    def scopes(self) -> npt.NDArray[np.int8]:
        """0 own (the default), 1 total; S006 for anything else."""
        col = self.cols.get("scope")
        if not isinstance(col, _Col):
            return np.zeros(self.n, dtype=np.int8)
        texts = [_id_text(u) for u in col.uniques]
        table = np.array([_SCOPES.get(name_key(t), -1) if t else 0 for t in texts] + [0])
        scoped = table[col.codes]
        self.fail(
            scoped < 0,
            "scope",
            "S006",
            lambda i: (
                f"scope {texts[int(col.codes[i])]!r} is not 'own' (riêng) "
                "or 'total' (tổng, tổng hợp)"
            ),
        )
        result: npt.NDArray[np.int8] = np.maximum(scoped, 0).astype(np.int8)
        return result

    def sources(self) -> tuple[IntArray, list[str | None]]:
        """Source codes; an empty cell is no source (``None``)."""
        col = self.cols.get("source")
        if not isinstance(col, _Col):
            return np.zeros(self.n, dtype=np.int64), [None]
        codes, labels = _recode(col.codes, [_id_text(u) or None for u in col.uniques])
        return np.where(codes < 0, len(labels), codes), [*labels, None]

    def values(self, row_keys: Mapping[int, frozenset[str]]) -> _Values:
        """Classify each distinct value cell, then decide per row with the indicator's kind."""
        col = self.cols["value"]
        value_codes = np.zeros(self.n, dtype=np.int64)
        if isinstance(col, _Col):
            value_codes = col.codes
            numbers, kinds, plans, cells = _classify(col.uniques)
            number, kind, plan = numbers[value_codes], kinds[value_codes], plans[value_codes]

            def text(i: int) -> str:
                j = int(value_codes[i])
                return cells[j].text if j in cells else str(col.uniques[j]).strip()

            def reason(i: int) -> str:
                return cells[int(value_codes[i])].reason

        else:
            number = np.asarray(col, dtype=np.float64)
            nan = np.isnan(number)
            kind = np.where(np.isfinite(number), _NUM, np.where(nan, _EMPTY, _BAD))
            kind = kind.astype(np.int8)
            plan = np.full(self.n, np.nan)
            cells = {}

            def text(i: int) -> str:
                return repr(float(number[i]))

            def reason(i: int) -> str:
                return f"the value is not finite: {text(i)}"

        if row_keys:
            at = np.fromiter(row_keys, dtype=np.int64, count=len(row_keys))
            kind[at] = np.where(kind[at] == _EMPTY, _KEYS, _BOTH)
        ind_kind = np.array([*map(self._kind, self.inds), _NUMERIC], dtype=np.int8)[self.ind_codes]
        outcome = _OUTCOME[ind_kind, kind]

        def message(i: int) -> str:
            code = self.inds[int(self.ind_codes[i])]
            ind = self.catalogue.get(code)
            what = f"indicator {code!r}" + (f" ({ind.name})" if ind is not None else "")
            if kind[i] == _BOTH:
                return f"{what}: the row has both a value and keys; give one of them"
            if ind_kind[i] == _DISTINCT:
                return f"{what} counts keys (written separated by ';'), not a number: {text(i)!r}"
            if outcome[i] == _TYPE:
                shown = ";".join(sorted(row_keys[i])) if kind[i] == _KEYS else text(i)
                return f"{what} takes a number, not keys: {shown!r}"
            if kind[i] == _EMPTY:
                return f"the value of {what} is empty"
            return reason(i)

        known = self.ind_codes >= 0
        by_keys = (kind == _KEYS) | (kind == _BOTH)
        type_error = (outcome == _TYPE) & known
        self.fail(type_error & by_keys, "keys", "F007", message)
        self.fail(type_error & ~by_keys, "value", "F007", message)
        self.fail((outcome == _VALUE) & known, "value", "F009", message)
        self.bad |= outcome >= _TYPE

        def keys(i: int) -> frozenset[str]:
            if i in row_keys:
                return row_keys[i]
            cell = cells.get(int(value_codes[i]))
            return frozenset() if cell is None else cell.keys

        return _Values(number=number, plan=plan, outcome=outcome, keys=keys, text=text)

    def _kind(self, code: str) -> int:
        ind = self.catalogue.get(code)
        if ind is None:
            return _UNKNOWN
        return _NUMERIC if ind.is_numeric else _DISTINCT

    def plans(self, values: _Values) -> FloatArray:
        """Plans from the value cell (``31/20``) or the plan column; both must agree."""
        plan = values.plan
        col = self.cols.get("plan")
        if col is not None:
            if isinstance(col, _Col):
                read = [*map(_read_plan, col.uniques), (math.nan, "")]
                column = np.array([p for p, _ in read])[col.codes]
                unreadable = np.array([bool(r) for _, r in read])[col.codes]
                self.fail(unreadable, "plan", "F009", lambda i: read[int(col.codes[i])][1])
            else:
                column = np.asarray(col, dtype=np.float64)
            self.fail(
                ~np.isnan(column) & ~np.isnan(plan) & (column != plan),
                "plan",
                "F009",
                lambda i: (
                    f"the plan column says {column[i]:g} but the value cell "
                    f"{values.text(i)!r} gives plan {plan[i]:g}"
                ),
            )
            plan = np.where(np.isnan(plan), column, plan)
        self.fail(
            ~np.isnan(plan) & (values.outcome == _OKK) & (self.ind_codes >= 0),
            "plan" if "plan" in self.layout.columns else "value",
            "F007",
            lambda i: (
                f"indicator {self.inds[int(self.ind_codes[i])]!r} counts keys; it has no plan"
            ),
        )
        return plan

    def result(self, row_keys: Mapping[int, frozenset[str]] | None = None) -> FiguresResult:
        """Check every column, then build the figures of the good rows."""
        per_codes, periods = self.periods()
        scope_codes = self.scopes()
        source_codes, sources = self.sources()
        values = self.values(row_keys or {})
        plan = self.plans(values)
        keep = np.flatnonzero(~self.bad)
        u_codes, u_labels = _compact(self.unit_codes[keep], self.units)
        i_codes, i_labels = _compact(self.ind_codes[keep], self.inds)
        p_codes, p_labels = _compact(per_codes[keep], periods)
        s_codes, s_labels = _compact(source_codes[keep], sources)
        outcome = values.outcome[keep]
        key_rows = np.flatnonzero(outcome == _OKK)
        plan_rows = np.flatnonzero(~np.isnan(plan[keep]))
        figures = Figures(
            unit_codes=u_codes,
            units=u_labels,
            indicator_codes=i_codes,
            indicators=i_labels,
            period_codes=p_codes,
            periods=p_labels,
            values=np.where(outcome == _OKN, values.number[keep], np.nan),
            source_codes=s_codes,
            sources=s_labels,
            scope_codes=scope_codes[keep],
            key_sets={
                new: values.keys(old)
                for new, old in zip(key_rows.tolist(), keep[key_rows].tolist(), strict=True)
            },
            plans=dict(zip(plan_rows.tolist(), plan[keep][plan_rows].tolist(), strict=True)),
            origins=_RowOrigins(
                file=self.file, sheet=self.sheet, rows=self.rows[keep], headers=self.layout.headers
            ),
        )
        ordered = sorted(self.items, key=lambda t: (t[0], t[1]))
        report = Report((*self.layout.problems, *(p for _, _, p in ordered)))
        return FiguresResult(figures=figures, report=report)


def _assemble(
    n: int,
    cols: Mapping[str, _Column],
    *,
    rows: IntArray,
    layout: _Layout,
    file: str | None,
    sheet: str | None,
    catalogue: IndicatorCatalogue,
    row_keys: Mapping[int, frozenset[str]] | None = None,
) -> FiguresResult:
    """Turn encoded columns into figures; every bad cell becomes a problem."""
    assembly = _Assembly(
        n, cols, rows=rows, layout=layout, file=file, sheet=sheet, catalogue=catalogue
    )
    return assembly.result(row_keys)


# -- row-wise sources (CSV without pandas, Excel) -------------------------------------------


def _from_cells(
    header: Sequence[object],
    records: Iterable[Sequence[object]],
    *,
    file: str | None,
    sheet: str | None,
    catalogue: IndicatorCatalogue,
    text_cell: Callable[[object], object],
) -> FiguresResult:
    """Read a header and rows of cells (blank rows skipped, rows numbered from 2)."""
    layout = _layout(header, file=file, sheet=sheet)
    if not layout.complete:
        return _empty_result(layout.problems)
    fields = list(layout.columns.items())
    data: dict[str, list[object]] = {f: [] for f, _ in fields}
    numbers: list[int] = []
    for number, cells in enumerate(records, start=2):
        if not any(c not in (None, "") for c in cells):
            continue
        numbers.append(number)
        size = len(cells)
        for field, index in fields:
            cell = cells[index] if index < size else None
            data[field].append(cell if field in ("value", "plan") else text_cell(cell))
    cols: dict[str, _Column] = {}
    for field, values in data.items():
        cols[field] = _encoded(values)
    return _assemble(
        len(numbers),
        cols,
        rows=np.asarray(numbers, dtype=np.int64),
        layout=layout,
        file=file,
        sheet=sheet,
        catalogue=catalogue,
    )


def _csv_text(path: PathLike) -> str | Problem:
    source = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableInputError(source, exc.strerror or str(exc)) from None
    name = Path(path).name
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as CSV UTF-8"
        return problem("S001", f"cannot read {name}: {reason}", pointer=Pointer(file=name))
    if "\x00" in text:
        reason = "it contains NUL bytes (is it a spreadsheet saved under a .csv name?)"
        return problem("S001", f"cannot read {name}: {reason}", pointer=Pointer(file=name))
    return text


def read_figures_csv(
    path: PathLike, *, catalogue: IndicatorCatalogue = BUILTIN_INDICATORS
) -> FiguresResult:
    r"""Read a ``figures.csv`` (UTF-8, with or without a byte-order mark).

    Uses the pandas C parser when pandas is installed and the :mod:`csv`
    module otherwise (or when rows are ragged).  Three million rows take
    about 1.7 s with pandas, 4.5 s when every value is a different decimal
    (each distinct value text is parsed once).

    Args:
        path: the file.
        catalogue: the indicators, to tell numbers from keys.

    Returns:
        The figures of the good rows and every problem; pointers name the
        file by its base name.  A file that is not UTF-8 text is one ``S001``
        problem.

    Raises:
        UnreadableInputError: the file cannot be opened.

    Examples:
        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp) / "figures.csv"
        ...     _ = path.write_text(
        ...         "unit,indicator,period,value,scope\n"
        ...         "G1,people_honoured,2025,P1;P2,riêng\n"
        ...         "G1,new_members,2025,P1;P2,own\n", encoding="utf-8")
        ...     result = read_figures_csv(path)
        >>> [sorted(f.keys) for f in result.figures]
        [['P1', 'P2']]
        >>> [(p.code, str(p.pointer)) for p in result.report]
        [('F007', 'figures.csv row 3, column value')]
    """
    text = _csv_text(path)
    name = Path(path).name
    if isinstance(text, Problem):
        return _empty_result([text])
    try:
        pd: Any = importlib.import_module("pandas")
    except ImportError:  # pragma: no cover - pandas is an optional dependency
        pd = None
    if pd is not None:
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                header=None,
                dtype=object,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                engine="c",
            )
        except pd.errors.EmptyDataError:
            return _from_cells([], [], file=name, sheet=None, catalogue=catalogue, text_cell=_same)
        except pd.errors.ParserError:
            frame = None  # ragged rows: the csv module reads them
        if frame is not None:
            return _csv_frame(frame, file=name, catalogue=catalogue)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return _empty_result(
            [problem("S001", f"cannot read {name}: not CSV ({exc})", pointer=Pointer(file=name))]
        )
    return _from_cells(
        rows[0] if rows else [],
        rows[1:],
        file=name,
        sheet=None,
        catalogue=catalogue,
        text_cell=_same,
    )


def _same(cell: object) -> object:
    return "" if cell is None else cell


def _csv_frame(frame: pd.DataFrame, *, file: str, catalogue: IndicatorCatalogue) -> FiguresResult:
    """The columnar CSV path: a frame of text cells whose first row is the header."""
    header = [str(h) for h in frame.iloc[0].tolist()]
    layout = _layout(header, file=file, sheet=None)
    if not layout.complete:
        return _empty_result(layout.problems)
    body = frame.iloc[1:]
    blank = np.ones(len(body), dtype=np.bool_)
    for j in range(body.shape[1]):
        blank &= body.iloc[:, j].to_numpy(dtype=object) == ""
    keep = np.flatnonzero(~blank)
    cols: dict[str, _Column] = {}
    for field, index in layout.columns.items():
        cols[field] = _encoded(body.iloc[:, index].to_numpy(dtype=object)[keep])
    return _assemble(
        keep.size,
        cols,
        rows=keep.astype(np.int64) + 2,
        layout=layout,
        file=file,
        sheet=None,
        catalogue=catalogue,
    )


def read_figures_excel(
    path: PathLike,
    sheet: str = "figures",
    *,
    catalogue: IndicatorCatalogue = BUILTIN_INDICATORS,
) -> FiguresResult:
    """Read figures from a sheet of an Excel workbook (requires openpyxl).

    Number cells are taken as numbers (never re-read as text, so ``1.585``
    typed as a decimal stays 1.585); text cells follow the CSV rules.

    Args:
        path: the ``.xlsx`` file.
        sheet: the worksheet's name.
        catalogue: the indicators, to tell numbers from keys.

    Returns:
        The figures and every problem; pointers name the file and sheet.  A
        workbook without the sheet, or a file that is not a workbook, is one
        ``S001`` problem.

    Raises:
        UnreadableInputError: the file cannot be opened.

    Examples:
        >>> import pathlib, tempfile, openpyxl
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp) / "figures.xlsx"
        ...     wb = openpyxl.Workbook()
        ...     ws = wb.active
        ...     ws.title = "figures"
        ...     ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Kỳ", "Số liệu"])
        ...     ws.append(["G1", "initiative_benefit", "2025", 1.585])
        ...     ws.append(["G1", "new_members", "2025", "1.585"])
        ...     wb.save(path)
        ...     result = read_figures_excel(path)
        >>> [f.value for f in result.figures], result.report.ok
        ([1.585, 1585.0], True)
    """
    name = Path(path).name
    if not Path(path).exists():
        raise UnreadableInputError(os.fspath(path), "no such file")
    openpyxl: Any = importlib.import_module("openpyxl")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error on a bad file
        return _empty_result(
            [
                problem(
                    "S001",
                    f"cannot read {name}: not an Excel workbook ({exc})",
                    pointer=Pointer(file=name),
                )
            ]
        )
    try:
        if sheet not in book.sheetnames:
            message = f"{name} has no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})"
            return _empty_result([problem("S001", message, pointer=Pointer(file=name))])
        rows: Iterator[Sequence[object]] = book[sheet].iter_rows(values_only=True)
        header = next(rows, ())
        return _from_cells(
            header, rows, file=name, sheet=sheet, catalogue=catalogue, text_cell=cell_text
        )
    finally:
        book.close()


# -- frames --------------------------------------------------------------------------------


def figures_from_pandas(
    df: pd.DataFrame, *, catalogue: IndicatorCatalogue = BUILTIN_INDICATORS
) -> FiguresResult:
    """Read figures from a pandas DataFrame, with the columns of ``figures.csv``.

    Columns may be text, categorical or numbers (a numeric ``value`` column
    is taken as is; a text one follows the CSV cell rules).  A ``keys``
    column of sets gives the keys of ``distinct`` rows, as
    :meth:`Figures.to_pandas` writes it.  Pointers number rows as a CSV
    written from the frame would (the first data row is row 2).

    Each column is dictionary-encoded once (categorical codes or
    ``pandas.factorize``) and only the distinct texts are parsed: three
    million rows take about half a second.

    Args:
        df: the frame.
        catalogue: the indicators, to tell numbers from keys.

    Returns:
        The figures and every problem.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"Đơn vị": ["G1", "G2"], "Chỉ tiêu": ["dialogues"] * 2,
        ...                    "Kỳ": ["2025-Q1", "Q9"], "Giá trị": [3.0, 4.0]})
        >>> result = figures_from_pandas(df)
        >>> len(result.figures), [(p.code, str(p.pointer)) for p in result.report]
        (1, [('F010', '<input> row 3, column Kỳ')])
    """
    import pandas as pd  # noqa: PLC0415 - optional extra, imported when used

    layout = _layout([str(c) for c in df.columns], file=None, sheet=None)
    if not layout.complete:
        return _empty_result(layout.problems)
    n = len(df)
    cols: dict[str, _Column] = {}
    row_keys: dict[int, frozenset[str]] = {}
    types = pd.api.types
    for field, index in layout.columns.items():
        series = df.iloc[:, index]
        if field == "keys":
            items = series.to_numpy(dtype=object)
            present = np.flatnonzero(~pd.isna(series).to_numpy())
            row_keys = {int(i): _keys(_as_keys(items[i])) for i in present}
        elif isinstance(series.dtype, pd.CategoricalDtype):
            codes = series.cat.codes.to_numpy().astype(np.int64)
            cols[field] = _Col(codes, list(series.cat.categories))
        elif (
            field in ("value", "plan")
            and types.is_numeric_dtype(series.dtype)
            and not types.is_bool_dtype(series.dtype)
        ):
            cols[field] = series.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            cols[field] = _encoded(series.to_numpy(dtype=object))
    return _assemble(
        n,
        cols,
        rows=np.arange(2, n + 2, dtype=np.int64),
        layout=layout,
        file=None,
        sheet=None,
        catalogue=catalogue,
        row_keys=row_keys,
    )


def _as_keys(item: object) -> Iterable[object]:
    if isinstance(item, str):
        return item.split(";")
    if isinstance(item, Iterable):
        return item
    return [item]


def figures_from_polars(
    df: pl.DataFrame, *, catalogue: IndicatorCatalogue = BUILTIN_INDICATORS
) -> FiguresResult:
    """Read figures from a polars DataFrame, with the columns of ``figures.csv``.

    Text columns are cast to ``Categorical`` and their physical codes used
    directly; a numeric ``value`` column is taken as is; a ``keys`` column of
    lists gives the keys of ``distinct`` rows, as :meth:`Figures.to_polars`
    writes it.  Pointers number rows as a CSV written from the frame would.

    Args:
        df: the frame.
        catalogue: the indicators, to tell numbers from keys.

    Returns:
        The figures and every problem.

    Examples:
        >>> import polars as pl
        >>> df = pl.DataFrame({"unit": ["G1", "G1"], "indicator": ["members", "people_honoured"],
        ...                    "period": ["2025", "2025"], "value": ["1.585", "P1;P2"]})
        >>> [(f.value, f.keys) for f in figures_from_polars(df).figures][0]
        (1585.0, None)
    """
    import polars as pl  # noqa: PLC0415 - optional extra, imported when used

    layout = _layout(list(df.columns), file=None, sheet=None)
    if not layout.complete:
        return _empty_result(layout.problems)
    n = df.height
    cols: dict[str, _Column] = {}
    row_keys: dict[int, frozenset[str]] = {}
    for field, index in layout.columns.items():
        series = df.to_series(index)
        if field == "keys":
            items = series.to_list()
            row_keys = {i: _keys(_as_keys(v)) for i, v in enumerate(items) if v is not None}
        elif field in ("value", "plan") and series.dtype.is_numeric():
            cols[field] = series.cast(pl.Float64).fill_null(np.nan).to_numpy()
        else:
            cols[field] = _polars_codes(series)
    return _assemble(
        n,
        cols,
        rows=np.arange(2, n + 2, dtype=np.int64),
        layout=layout,
        file=None,
        sheet=None,
        catalogue=catalogue,
        row_keys=row_keys,
    )


def _polars_codes(series: pl.Series) -> _Col:
    """Dictionary-encode a polars column through a ``Categorical`` cast (no per-row Python)."""
    import polars as pl  # noqa: PLC0415 - optional extra, imported when used

    dtype = series.dtype
    if dtype.is_numeric() or dtype == pl.Boolean:
        series = series.cast(pl.String)
    elif dtype not in (pl.String, pl.Categorical) and not isinstance(dtype, pl.Enum):
        return _encoded(series.to_list())  # lists, structs, objects: the Python values
    cat = series.cast(pl.Categorical)
    physical = cat.to_physical().cast(pl.Int64).fill_null(-1).to_numpy()
    distinct = cat.unique().drop_nulls()
    if distinct.len() == 0:
        return _Col(np.full(series.len(), -1, dtype=np.int64), [])
    distinct_codes = distinct.to_physical().cast(pl.Int64).to_numpy()
    top = int(distinct_codes.max())
    if top < 4 * (series.len() + 1_000):  # physical ids are compact: a lookup table
        remap = np.full(top + 2, -1, dtype=np.int64)  # remap[-1]: a null
        remap[distinct_codes] = np.arange(distinct_codes.size)
        codes = remap[physical]
    else:  # a global category table much larger than the column
        order = np.argsort(distinct_codes)
        position = np.searchsorted(distinct_codes[order], np.maximum(physical, 0))
        position = np.minimum(position, distinct_codes.size - 1)
        codes = np.where(physical < 0, -1, order[position]).astype(np.int64)
    return _Col(codes, distinct.cast(pl.String).to_list())
