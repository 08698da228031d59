"""A workspace's indicators and figures in JSON/YAML documents and Excel workbooks.

:mod:`thidua.workspace` reads and writes the hierarchy through :mod:`thidua.io`;
this module adds the two tables a workspace has beyond it, in the formats
other than a CSV directory (which has ``indicators.csv`` and ``figures.csv``):

* a JSON or YAML document (schema version 2) gets the top-level lists
  ``indicators`` and ``figures``, one object per record, read through the
  same cell rules and checks as the CSV files, with problems at JSON paths
  (``$.figures[3].value``);
* a workbook gets an ``indicators`` sheet (also ``Chỉ tiêu``, ``Danh mục chỉ
  tiêu``), read like ``indicators.csv``, and a ``figures`` sheet.

Examples:
    >>> doc = {"figures": [{"unit": "C1", "indicator": "new_members", "period": "2024",
    ...                     "value": "1.585"},
    ...                    {"unit": "C1", "indicator": "new_members", "period": "quý V/2024",
    ...                     "value": 3}]}
    >>> from thidua.figures import BUILTIN_INDICATORS
    >>> result = figures_from_document(doc["figures"], file="w.json", catalogue=BUILTIN_INDICATORS)
    >>> [f.value for f in result.figures], [str(p.pointer) for p in result.report]
    ([1585.0], ['w.json $.figures[1].period'])
    >>> str(result.figures.origins[0])
    'w.json $.figures[0]'

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from thidua.errors import FormatError, MissingExtraError, ValueParseError
from thidua.figures import (
    BUILTIN_INDICATORS,
    INDICATOR_COLUMNS,
    INDICATORS_DECLARATION,
    Direction,
    Figures,
    FiguresResult,
    Indicator,
    IndicatorCatalogue,
    Scope,
    figures_from_pandas,
    format_figure_value,
)
from thidua.io._converter import HugeNumber, describe
from thidua.problems import FigureCode, Pointer, Problem, Report, StructureCode, problem
from thidua.values import parse_actual_plan

if TYPE_CHECKING:
    from thidua.io._excel import Sheet
    from thidua.typing import PathLike

__all__ = [
    "FIGURE_FIELDS",
    "INDICATOR_FIELDS",
    "DocumentTables",
    "document_sections",
    "figure_objects",
    "figure_sheet",
    "figures_from_document",
    "indicator_objects",
    "indicator_sheet",
    "indicators_from_document",
    "read_workbook_tables",
    "write_workbook",
]

FIGURE_FIELDS = ("unit", "indicator", "period", "value", "keys", "plan", "source", "scope")
"""The fields of a figure object of a document (``value`` or ``keys``, not both)."""

INDICATOR_FIELDS = tuple(INDICATOR_COLUMNS)
"""The fields of an indicator object of a document: the columns of ``indicators.csv``."""

_FIGURE_KEYS = frozenset(FIGURE_FIELDS)
_TEXT_FIELDS = ("unit", "indicator", "period", "source", "scope")
_REQUIRED_FIGURE = ("unit", "indicator", "period")
_INDICATOR_KEYS = frozenset(INDICATOR_FIELDS)
_REQUIRED_INDICATOR = INDICATORS_DECLARATION.required_columns
_EXACT = 2**53
_EXCEL_ROWS = 1_048_576


# -- reading a document ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DocumentTables:
    """What a document holds beyond the hierarchy: the catalogue and the figures."""

    catalogue: IndicatorCatalogue
    figures: FiguresResult | None
    problems: tuple[Problem, ...]


def document_sections(doc: Mapping[str, Any], file: str) -> DocumentTables:
    """Read the ``indicators`` and ``figures`` lists of a parsed document.

    The indicators extend the built-in catalogue (as ``indicators.csv``
    does); the figures are read with that catalogue.
    """
    problems: list[Problem] = []
    catalogue = BUILTIN_INDICATORS
    items = _section(doc, "indicators", file, problems)
    if items is not None:
        catalogue, found = indicators_from_document(items, file=file, extends=BUILTIN_INDICATORS)
        problems.extend(found)
    figures = None
    items = _section(doc, "figures", file, problems)
    if items is not None:
        figures = figures_from_document(items, file=file, catalogue=catalogue)
    return DocumentTables(catalogue=catalogue, figures=figures, problems=tuple(problems))


def _section(
    doc: Mapping[str, Any], name: str, file: str, problems: list[Problem]
) -> list[Any] | None:
    items = doc.get(name)
    if items is None:
        return None
    if not isinstance(items, list):
        problems.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"{name!r} must be a list, got {describe(items)}",
                pointer=Pointer(file=file, path=f"$.{name}"),
            )
        )
        return None
    return items


def _unknown_keys(
    item: Mapping[Any, Any], known: frozenset[str], what: str, at: Pointer, problems: list[Problem]
) -> None:
    problems.extend(
        problem(
            StructureCode.UNKNOWN_FIELD,
            f"{what}: unknown field {describe(key)} ignored",
            pointer=at.at(str(key)),
        )
        for key in item
        if key not in known
    )


def _missing(
    item: Mapping[Any, Any],
    required: Sequence[str],
    what: str,
    at: Pointer,
    problems: list[Problem],
) -> bool:
    gone = [key for key in required if key not in item]
    problems.extend(
        problem(
            StructureCode.MISSING_REQUIRED_COLUMN,
            f"{what}: required {key!r} is missing; it is not read",
            pointer=at.at(key),
        )
        for key in gone
    )
    return bool(gone)


def _not_an_object(item: object, what: str, at: Pointer) -> Problem:
    return problem(
        StructureCode.INVALID_VALUE,
        f"{what} must be an object, got {describe(item)}",
        pointer=at,
    )


def indicators_from_document(
    items: Sequence[object], *, file: str | None, extends: IndicatorCatalogue | None = None
) -> tuple[IndicatorCatalogue, Report]:
    """Read the indicator objects of a document, as :func:`thidua.read_indicators_csv` reads rows.

    Each object has the fields of ``indicators.csv`` (``code``, ``name`` and
    ``aggregation`` required); a number may be a number or text (``scale:
    100``), ``nonnegative`` a boolean or text (``có`` / ``không``).

    Returns:
        The catalogue (*extends* with the good objects) and every problem,
        at JSON paths, including the catalogue's own checks.

    Examples:
        >>> cat, report = indicators_from_document(
        ...     [{"code": "blood", "name": "Máu", "aggregation": "cộng", "scale": 1},
        ...      {"code": "x", "name": "X"}], file="w.json")
        >>> cat.codes, [(p.code, str(p.pointer)) for p in report]
        (('blood',), [('S002', 'w.json $.indicators[1].aggregation')])
    """
    from thidua.figures import indicator_from_row  # noqa: PLC0415 - the rules of indicators.csv
    from thidua.io._tabular import Row  # noqa: PLC0415

    problems: list[Problem] = []
    found: list[Indicator] = []
    for i, item in enumerate(items):
        at = Pointer(file=file, path=f"$.indicators[{i}]")
        if not isinstance(item, Mapping):
            problems.append(_not_an_object(item, "an indicator", at))
            continue
        what = f"indicator {describe(item.get('code'))}" if "code" in item else "an indicator"
        _unknown_keys(item, _INDICATOR_KEYS, what, at, problems)
        if _missing(item, _REQUIRED_INDICATOR, what, at, problems):
            continue
        cells: dict[str, str] = {}
        for field in INDICATOR_FIELDS:
            text = _indicator_cell(item.get(field), field)
            if text is None:
                problems.append(
                    problem(
                        StructureCode.INVALID_VALUE,
                        f"{what}: {field} is {describe(item.get(field))}, not text or a number",
                        subject=cells.get("code") or None,
                        pointer=at.at(field),
                    )
                )
                break
            cells[field] = text
        else:
            indicator = indicator_from_row(Row(values=cells, extra={}, pointer=at), problems)
            if indicator is not None:
                found.append(indicator)
    catalogue = (extends or IndicatorCatalogue()).extend(found)
    return catalogue, Report(tuple(problems)) + catalogue.validate()


def _indicator_cell(value: object, field: str) -> str | None:
    """A document value as the cell text ``indicators.csv`` would hold (``None``: unusable)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and field == "scale":
        return format_figure_value(float(value)) if abs(value) < _EXACT else str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_figure_value(value)
    return None


def figures_from_document(
    items: Sequence[object], *, file: str | None, catalogue: IndicatorCatalogue
) -> FiguresResult:
    """Read the figure objects of a document through the figure cell rules and checks.

    Each object has ``unit``, ``indicator``, ``period`` and a ``value`` (a
    number, or text read as a ``figures.csv`` cell: ``"1.585"`` is 1585,
    ``"31/20 (155%)"`` an actual and a plan) or, for a ``distinct``
    indicator, ``keys`` (a list, or text separated by ``;``); ``plan``,
    ``source`` and ``scope`` (``own``, ``total``) are optional.  A JSON
    number is a machine number: ``1.585`` is one and a half and a bit.

    Returns:
        The figures of the good objects (their origins are JSON paths) and
        every problem at the path of its field (``$.figures[3].value``).

    Raises:
        MissingExtraError: pandas is not installed (the figure reader
            works on its columns).
    """
    try:
        import pandas as pd  # noqa: PLC0415 - imported when a document has figures
    except ImportError:  # pragma: no cover - the dev environment has pandas
        raise MissingExtraError("pandas", "pandas") from None
    problems: list[Problem] = []
    columns, index = _figure_columns(items, file, problems)
    present = [f for f in FIGURE_FIELDS if f == "value" or any(v is not None for v in columns[f])]
    frame: dict[str, Any] = {}
    for field in present:
        values = columns[field]
        if field == "value" and all(v is None or type(v) is float for v in values):
            frame[field] = np.array([math.nan if v is None else v for v in values], dtype=float)
        else:
            frame[field] = pd.Series(values, dtype=object)
    read = figures_from_pandas(pd.DataFrame(frame, columns=present), catalogue=catalogue)
    moved = [_at_path(p, index, file) for p in read.report]
    figures = _with_paths(read.figures, index, file)
    return FiguresResult(figures=figures, report=Report((*problems, *moved)))


def _figure_columns(
    items: Sequence[object], file: str | None, problems: list[Problem]
) -> tuple[dict[str, list[Any]], np.ndarray[Any, np.dtype[np.int64]]]:
    """The cells of the readable objects, by field, and the index of each in the list.

    Each field is taken from every object at once; only the objects that
    fail a quick look (not an object, a field unknown, missing or of an odd
    type) go through :func:`_figure_row` one by one, which reports them.
    """
    objects = [x if type(x) is dict else None for x in items]
    columns = {f: [x.get(f) if x is not None else None for x in objects] for f in FIGURE_FIELDS}
    suspect = {i for i, x in enumerate(objects) if x is None or not x.keys() <= _FIGURE_KEYS}
    for field in _TEXT_FIELDS:
        required = field in _REQUIRED_FIGURE
        suspect.update(
            i
            for i, v in enumerate(columns[field])
            if type(v) is not str and (required or v is not None)
        )
    for field in ("value", "plan"):
        cells = columns[field]
        suspect.update(
            i
            for i, v in enumerate(cells)
            if not (v is None or type(v) is float or type(v) is str)
            and not (type(v) is int and v.bit_length() <= _FLOAT_BITS)
        )
        columns[field] = [
            float(v) if type(v) is int and v.bit_length() <= _FLOAT_BITS else v for v in cells
        ]
    suspect.update(
        i
        for i, (v, k) in enumerate(zip(columns["value"], columns["keys"], strict=True))
        if (v is None and k is None)
        or (k is not None and (type(k) is not list or not all(type(e) is str for e in k)))
    )
    if not suspect:
        return columns, np.arange(len(items), dtype=np.int64)
    keep: list[int] = []
    for i in range(len(items)):
        if i in suspect:
            row = _figure_row(items[i], Pointer(file=file, path=f"$.figures[{i}]"), problems)
            if row is None:
                continue
            for field in FIGURE_FIELDS:
                columns[field][i] = row.get(field)
        keep.append(i)
    kept = {f: [cells[i] for i in keep] for f, cells in columns.items()}
    return kept, np.asarray(keep, dtype=np.int64)


_FLOAT_BITS = 1023
"""Whole numbers of at most this many bits are converted to a float without overflow."""


def _figure_row(item: object, at: Pointer, problems: list[Problem]) -> dict[str, Any] | None:
    """The cells of one figure object, or ``None`` (with problems) when it cannot be read."""
    if not isinstance(item, Mapping):
        problems.append(_not_an_object(item, "a figure", at))
        return None
    if not item.keys() <= _FIGURE_KEYS:
        _unknown_keys(item, _FIGURE_KEYS, "a figure", at, problems)
    if _missing(item, _REQUIRED_FIGURE, "a figure", at, problems):
        return None
    if "value" not in item and "keys" not in item:
        problems.append(
            problem(
                StructureCode.MISSING_REQUIRED_COLUMN,
                "a figure: required 'value' (or 'keys', for a distinct indicator) is missing; "
                "it is not read",
                pointer=at.at("value"),
            )
        )
        return None
    row: dict[str, Any] = {}
    bad: list[tuple[str, str]] = []
    for field in _TEXT_FIELDS:
        value = item.get(field)
        if value is None or type(value) is str:
            row[field] = value
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**100:
            row[field] = str(value)
        else:
            bad.append((field, "text"))
    value = item.get("value")
    if isinstance(value, list):  # keys written under 'value': the same as under 'keys'
        value, row["keys"] = None, value
    for field, cell in (("value", value), ("plan", item.get("plan"))):
        row[field] = _number(cell)
        if row[field] is _TOO_LARGE:
            problems.append(
                problem(
                    FigureCode.UNREADABLE_VALUE,
                    f"a figure: the {field} {describe(cell)} is beyond the largest number a "
                    "figure holds (about 1.8e308); it is not read",
                    subject=row.get("unit"),
                    pointer=at.at(field),
                )
            )
            return None
        if row[field] is _BAD:
            bad.append((field, "a number or text"))
    keys = item.get("keys", row.get("keys"))
    if keys is not None:
        parts = keys.split(";") if isinstance(keys, str) else keys
        if not isinstance(parts, list) or not all(
            type(k) is str or (type(k) is int and abs(k) < 10**100) for k in parts
        ):
            bad.append(("keys", "a list of keys"))
        row["keys"] = parts
    for field, expected in bad:
        problems.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"a figure: {field} is {describe(item.get(field))}, not {expected}; it is not read",
                subject=row.get("unit"),
                pointer=at.at(field),
            )
        )
    return None if bad else row


_BAD = object()
_TOO_LARGE = object()


def _number(value: object) -> object:
    """A value cell: a float for a document number, text as is, else ``_BAD`` or ``_TOO_LARGE``."""
    if value is None or type(value) is str or type(value) is float:
        return value
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:
            return _TOO_LARGE
    if isinstance(value, HugeNumber):
        return _TOO_LARGE
    return _BAD


def _at_path(
    found: Problem, rows: np.ndarray[Any, np.dtype[np.int64]], file: str | None
) -> Problem:
    """A problem of the frame reader, pointing at the document's object and field."""
    at = found.pointer
    if at is None or at.row is None or not 2 <= at.row < rows.size + 2:
        return attrs.evolve(found, pointer=Pointer(file=file, path="$.figures"))
    path = f"$.figures[{int(rows[at.row - 2])}]"
    if at.column:
        path += f".{at.column}"
    return attrs.evolve(found, pointer=Pointer(file=file, path=path))


def _with_paths(
    figures: Figures, rows: np.ndarray[Any, np.dtype[np.int64]], file: str | None
) -> Figures:
    """The same figures, their origins the document's objects (``$.figures[3]``)."""
    if len(figures) == rows.size:
        kept = rows
    else:  # some objects were left out: the frame rows the figures came from
        kept = rows[[figures.origins[i].row - 2 for i in range(len(figures))]]  # type: ignore[operator]
    return figures.with_paths(file=file, path="$.figures", positions=kept)


# -- writing a document -------------------------------------------------------------------------


def indicator_objects(catalogue: IndicatorCatalogue) -> list[dict[str, Any]]:
    """The indicators as document objects (``None`` fields left out).

    Examples:
        >>> indicator_objects(IndicatorCatalogue((BUILTIN_INDICATORS["members"],)))
        [{'code': 'members', 'name': 'Đoàn viên cuối kỳ', 'unit': 'người', 'aggregation': 'stock', 'scale': 1, 'nonnegative': True}]
    """  # noqa: E501
    out: list[dict[str, Any]] = []
    for ind in catalogue:
        obj: dict[str, Any] = {
            "code": ind.code,
            "name": ind.name,
            "unit": ind.unit,
            "aggregation": ind.aggregation.value,
        }
        for field in ("numerator", "denominator", "weight"):
            value = getattr(ind, field)
            if value is not None:
                obj[field] = value
        obj["scale"] = _json_number(float(ind.scale))
        obj["nonnegative"] = ind.nonnegative
        if ind.direction is not Direction.HIGHER:
            obj["direction"] = ind.direction.value
        out.append(obj)
    return out


def _json_number(value: float) -> float | int | None:
    if math.isnan(value):
        return None
    if value.is_integer() and abs(value) < _EXACT:
        return int(value)
    return float(value)


def figure_objects(figures: Figures) -> list[dict[str, Any]]:
    """The figures as document objects: ``value`` or ``keys``, then ``plan``, ``source``, ``scope``.

    Raises:
        FormatError: a value or plan that is not finite (no document holds
            it so that it reads back).

    Examples:
        >>> figs = Figures.from_columns(unit=["G1"], indicator=["new_members"],
        ...                             period=["quý I/2025"], value=[12], plans={0: 10})
        >>> figure_objects(figs)
        [{'unit': 'G1', 'indicator': 'new_members', 'period': '2025-Q1', 'value': 12, 'plan': 10}]
    """
    values = figures.values
    infinite = np.flatnonzero(np.isinf(values))
    plans = figures.plans
    bad_plans = [i for i, p in plans.items() if not math.isfinite(p)]
    if infinite.size or bad_plans:
        row = int(infinite[0]) if infinite.size else bad_plans[0]
        msg = (
            f"figure #{row} ({figures.row(row).unit}, {figures.row(row).indicator}) has a value "
            "or plan that is not finite; no document can hold it, nothing was written"
        )
        raise FormatError(msg)
    units = [figures.units[c] for c in figures.unit_codes.tolist()]
    inds = [figures.indicators[c] for c in figures.indicator_codes.tolist()]
    period_text = [str(p) for p in figures.periods]
    periods = [period_text[c] for c in figures.period_codes.tolist()]
    sources = [figures.sources[c] for c in figures.source_codes.tolist()]
    totals = (figures.scope_codes == 1).tolist()
    numbers = [_json_number(v) for v in values.tolist()]
    keys = figures.key_sets
    out: list[dict[str, Any]] = []
    for i in range(len(figures)):
        obj: dict[str, Any] = {"unit": units[i], "indicator": inds[i], "period": periods[i]}
        if i in keys:
            obj["keys"] = sorted(keys[i])
        else:
            obj["value"] = numbers[i]
        if i in plans:
            obj["plan"] = _json_number(plans[i])
        if sources[i] is not None:
            obj["source"] = sources[i]
        if totals[i]:
            obj["scope"] = Scope.TOTAL.value
        out.append(obj)
    return out


# -- workbooks ---------------------------------------------------------------------------------


def read_workbook_tables(path: PathLike) -> DocumentTables:
    """Read a workbook's ``indicators`` and ``figures`` sheets (either may be absent).

    The indicators sheet (``Chỉ tiêu``, ``Danh mục chỉ tiêu`` …) is read like
    ``indicators.csv`` and extends the built-in catalogue; the figures sheet
    (``Số liệu`` …) is read with that catalogue.  Two sheets for one table
    are ``S011`` (the first is read).

    Raises:
        UnreadableInputError: the workbook cannot be opened or a sheet is damaged.
    """
    import os  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    from thidua.figures import (  # noqa: PLC0415
        FIGURES_DECLARATION,
        INDICATOR_TABLE,
        indicator_from_row,
        read_figures_excel,
    )
    from thidua.io._tabular import read_excel_table  # noqa: PLC0415
    from thidua.io._workbook import find_sheets, open_workbook  # noqa: PLC0415

    name = Path(path).name
    source = os.fspath(path)
    problems: list[Problem] = []
    catalogue = BUILTIN_INDICATORS
    with open_workbook(path) as book:
        names = [str(n) for n in book.sheetnames]
        found = find_sheets(names, INDICATORS_DECLARATION)
        if found:
            if len(found) > 1:
                problems.append(
                    problem(
                        StructureCode.TWO_SHEETS_FOR_ONE_TABLE,
                        f"{name}: sheets {', '.join(repr(n) for n in found)} are all the "
                        f"'indicators' table; only {found[0]!r} was read",
                        pointer=Pointer(file=name, sheet=found[1]),
                    )
                )
            table = read_excel_table(book[found[0]], INDICATOR_TABLE, file=name, source=source)
            problems.extend(table.problems)
            read = [indicator_from_row(row, problems) for row in table.rows]
            catalogue = BUILTIN_INDICATORS.extend([ind for ind in read if ind is not None])
            problems.extend(catalogue.validate())
        has_figures = bool(find_sheets(names, FIGURES_DECLARATION))
    figures = read_figures_excel(path, catalogue=catalogue) if has_figures else None
    return DocumentTables(catalogue=catalogue, figures=figures, problems=tuple(problems))


def _excel_number(value: float) -> float | int | str | None:
    """A number cell; text when a cell's 16 significant digits would not read back exactly."""
    if math.isnan(value):
        return None
    if value.is_integer() and abs(value) < 1e16:
        return int(value)
    if float(f"{value:.16g}") != value:
        return format_figure_value(value)
    return value


def _looks_like_a_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        pass
    else:
        return True
    try:
        parse_actual_plan(text)
    except ValueParseError:
        return False
    return True


def _keys_cell(keys: frozenset[str]) -> str:
    """Keys joined with ``;``; one key that reads as a number (or none) ends with ``;``."""
    text = ";".join(sorted(keys))
    if len(keys) <= 1 and (not text or _looks_like_a_number(text)):
        text += ";"
    return text


def indicator_sheet(catalogue: IndicatorCatalogue) -> Sheet:
    """The ``indicators`` sheet: the columns of ``indicators.csv``, a whole scale as a number.

    Raises:
        FormatError: text no cell holds.
    """
    from thidua.io._workbook import excel_values  # noqa: PLC0415

    header = list(INDICATOR_FIELDS)
    rows: list[list[object]] = [excel_values(header, table="indicators", row=1, header=header)]
    for number, ind in enumerate(catalogue, start=2):
        scale: object = float(ind.scale)
        if ind.scale == int(ind.scale) and abs(ind.scale) < 1e16:
            scale = int(ind.scale)
        else:  # text: a decimal number cell could read as thousands (1.585)
            scale = format_figure_value(float(ind.scale))
        cells = [
            ind.code,
            ind.name,
            ind.unit,
            ind.aggregation.value,
            ind.numerator,
            ind.denominator,
            ind.weight,
            scale,
            "true" if ind.nonnegative else "false",
            ind.direction.value,
        ]
        rows.append(excel_values(cells, table="indicators", row=number, header=header))
    return ("indicators", rows)


def figure_sheet(figures: Figures) -> Sheet:
    """The ``figures`` sheet, as :func:`thidua.figures.write_figures_excel` lays it out.

    Raises:
        FormatError: more figures than a sheet holds, or text no cell holds.
    """
    from thidua.io._workbook import excel_values  # noqa: PLC0415

    if len(figures) >= _EXCEL_ROWS:
        msg = f"{len(figures):,} figures do not fit in an Excel sheet ({_EXCEL_ROWS - 1:,} rows)"
        raise FormatError(msg)
    header = ["unit", "indicator", "period", "value", "source", "scope"]
    plans = figures.plans
    if plans:
        header.append("plan")
    units = [figures.units[c] for c in figures.unit_codes.tolist()]
    inds = [figures.indicators[c] for c in figures.indicator_codes.tolist()]
    period_text = [str(p) for p in figures.periods]
    periods = [period_text[c] for c in figures.period_codes.tolist()]
    sources = [figures.sources[c] for c in figures.source_codes.tolist()]
    scopes = [s.value for s in Scope]
    scope_of = [scopes[c] for c in figures.scope_codes.tolist()]
    values = figures.values.tolist()
    keys = figures.key_sets
    rows: list[list[object]] = [excel_values(header, table="figures", row=1, header=header)]
    for i in range(len(figures)):
        cells: list[object] = [
            units[i],
            inds[i],
            periods[i],
            _keys_cell(keys[i]) if i in keys else _excel_number(values[i]),
            sources[i],
            scope_of[i],
        ]
        if plans:
            plan = plans.get(i)
            cells.append(None if plan is None else _excel_number(plan))
        rows.append(excel_values(cells, table="figures", row=i + 2, header=header))
    return ("figures", rows)


def write_workbook(
    sheets: list[Sheet], own: IndicatorCatalogue, figures: Figures, path: PathLike
) -> None:
    """Write a dataset's *sheets* and, when there are any, ``indicators`` and ``figures`` sheets.

    Every cell is checked before the workbook exists: a fault writes nothing.
    """
    from thidua.io._excel import write_sheets  # noqa: PLC0415

    extra = []
    if len(own):
        extra.append(indicator_sheet(own))
    if len(figures):
        extra.append(figure_sheet(figures))
    write_sheets([*sheets, *extra], path)
