"""Turning encoded columns into figures, with one problem per bad cell.

:class:`_Assembly` checks each column over whole arrays (ids, periods,
scopes, sources, values, plans), reports the bad cells and builds the
:class:`FiguresResult` of the other rows; every reader ends here.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from thidua._text import name_key
from thidua.errors import PeriodParseError
from thidua.figures._arrow import classify_values, id_texts
from thidua.figures._cells import (
    _BAD,
    _BOTH,
    _DISTINCT,
    _EMPTY,
    _KEYS,
    _NUM,
    _NUMERIC,
    _OKK,
    _OKN,
    _OUTCOME,
    _SCOPES,
    _TYPE,
    _UNKNOWN,
    _VALUE,
    _classify,
    _id_text,
    _keys,
    _read_plan,
    unit_word_misfits,
)
from thidua.figures._columns import (
    _ORDER,
    BoolArray,
    FloatArray,
    IntArray,
    _Col,
    _Column,
    _compact,
    _Layout,
    _recode,
)
from thidua.figures._indicators import IndicatorCatalogue
from thidua.figures._store import Figures, _RowOrigins
from thidua.periods import Period, parse_period
from thidua.problems import Pointer, Problem, Report, problem

__all__ = ["FiguresResult"]

_T = TypeVar("_T", bound=np.generic)


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


def _empty_result(problems: Iterable[Problem]) -> FiguresResult:
    return FiguresResult(figures=Figures.from_records([]), report=Report(tuple(problems)))


@attrs.frozen
class _Values:
    """The value column decided per row."""

    number: FloatArray  # the number (NaN where none)
    plan: FloatArray  # the plan from an "actual/plan" cell (NaN where none)
    outcome: npt.NDArray[np.int8]  # _OKN, _OKK, _TYPE or _VALUE
    keys: Callable[[int], frozenset[str]]  # row → keys, for _OKK rows
    text: Callable[[int], str]  # row → the cell as written, for messages
    fresh: bool = False  # *number* is this step's own array (it may be changed in place)


_FEW_VALUES = 5_000
"""Up to this many distinct value texts, the per-cell rules read them (a few milliseconds):
the vectorised twin pays for loading Arrow's compute kernels first."""


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
        return _recode(col.codes, id_texts(col))

    def periods(self) -> tuple[IntArray, list[Period]]:
        """Parse each distinct period text once: S004 empty, F010 unreadable."""
        col = self.text_col("period")
        periods: dict[Period, int] = {}
        remap = np.full(len(col.uniques) + 1, -1, dtype=np.int32)  # remap[-1]: a missing cell
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
            return np.zeros(self.n, dtype=np.int32), [None]
        codes, labels = _recode(col.codes, id_texts(col))
        return np.where(codes < 0, len(labels), codes), [*labels, None]

    def values(self, row_keys: Mapping[int, frozenset[str]]) -> _Values:
        """Classify each distinct value cell, then decide per row with the indicator's kind."""
        col = self.cols["value"]
        value_codes: IntArray = np.zeros(self.n, dtype=np.int32)
        if isinstance(col, _Col):
            value_codes = col.codes
            numbers, kinds, plans, cells = (
                _classify(col.uniques)
                if col.arrow is None or len(col.uniques) <= _FEW_VALUES
                else classify_values(col.arrow)
            )
            number, kind = numbers[value_codes], kinds[value_codes]
            # No value cell gives a plan (``31/20``), the usual case: no array of NaN per row.
            plan = (
                np.broadcast_to(np.float64(math.nan), value_codes.shape)
                if np.isnan(plans).all()
                else plans[value_codes]
            )

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
        for i, misfit in unit_word_misfits(
            cells, value_codes, self.ind_codes, self.inds, self.catalogue, outcome == _OKN
        ):
            self.add(i, "value", "F017", misfit)  # a warning: the row is kept

        def keys(i: int) -> frozenset[str]:
            if i in row_keys:
                return row_keys[i]
            cell = cells.get(int(value_codes[i]))
            return frozenset() if cell is None else cell.keys

        return _Values(
            number=number, plan=plan, outcome=outcome, keys=keys, text=text, fresh=col is not number
        )

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
        every = not self.bad.any()  # the usual case: no row to leave out, no copy
        keep = None if every else np.flatnonzero(~self.bad)

        def kept(array: npt.NDArray[_T]) -> npt.NDArray[_T]:
            return array if keep is None else array[keep]

        u_codes, u_labels = _compact(kept(self.unit_codes), self.units)
        i_codes, i_labels = _compact(kept(self.ind_codes), self.inds)
        p_codes, p_labels = _compact(kept(per_codes), periods)
        s_codes, s_labels = _compact(kept(source_codes), sources)
        outcome = kept(values.outcome)
        key_rows = np.flatnonzero(outcome == _OKK)
        old_rows = key_rows if keep is None else keep[key_rows]  # their rows before the cut
        plan_rows = np.flatnonzero(~np.isnan(kept(plan)))
        figures = Figures(
            unit_codes=u_codes,
            units=u_labels,
            indicator_codes=i_codes,
            indicators=i_labels,
            period_codes=p_codes,
            periods=p_labels,
            values=_numbers(kept(values.number), outcome, fresh=values.fresh or keep is not None),
            source_codes=s_codes,
            sources=s_labels,
            scope_codes=kept(scope_codes),
            key_sets={
                new: values.keys(old)
                for new, old in zip(key_rows.tolist(), old_rows.tolist(), strict=True)
            },
            plans=dict(zip(plan_rows.tolist(), kept(plan)[plan_rows].tolist(), strict=True)),
            origins=_RowOrigins(
                file=self.file, sheet=self.sheet, rows=kept(self.rows), headers=self.layout.headers
            ),
        )
        ordered = sorted(self.items, key=lambda t: (t[0], t[1]))
        report = Report((*self.layout.problems, *(p for _, _, p in ordered)))
        return FiguresResult(figures=figures, report=report)


def _numbers(number: FloatArray, outcome: npt.NDArray[np.int8], *, fresh: bool) -> FloatArray:
    """The figures' values: *number* where the row gives a number, NaN elsewhere.

    A *fresh* array (made by this read) gets its NaNs in place: no second
    array as long as the file.

    Examples:
        >>> _numbers(np.array([1.0, 2.0]), np.array([_OKN, _OKK], dtype=np.int8), fresh=True)
        array([ 1., nan])
    """
    if not fresh:
        return np.where(outcome == _OKN, number, np.nan)
    np.copyto(number, np.nan, where=outcome != _OKN)
    return number


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
    """Turn encoded columns into figures; every bad cell becomes a problem.

    *row_keys* are the keys of a frame's list column; a file's ``keys`` column
    (``Danh sách mã``) gives them when it is not given.
    """
    keys = cols.get("keys")
    if row_keys is None and isinstance(keys, _Col):
        row_keys = _keys_column(keys)
    assembly = _Assembly(
        n, cols, rows=rows, layout=layout, file=file, sheet=sheet, catalogue=catalogue
    )
    return assembly.result(row_keys)


def _keys_column(col: _Col) -> dict[int, frozenset[str]]:
    """Row → keys of a file's ``keys`` column (``P1;P2``), for the rows whose cell names some.

    Examples:
        >>> codes = np.array([0, 1, 0, -1], dtype=np.int32)
        >>> found = _keys_column(_Col(codes, ["", " P1; P2 ;"]))
        >>> {row: sorted(keys) for row, keys in found.items()}
        {1: ['P1', 'P2']}
    """
    sets = [_keys(u.split(";") if isinstance(u, str) else [u]) for u in col.uniques]
    named = np.array([bool(k) for k in sets] + [False], dtype=np.bool_)  # [-1]: a missing cell
    rows = np.flatnonzero(named[col.codes])
    return {i: sets[c] for i, c in zip(rows.tolist(), col.codes[rows].tolist(), strict=True)}
