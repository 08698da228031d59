"""Writing figures to CSV and Excel, losslessly.

:func:`write_figures_csv` writes the columns ``unit, indicator, period,
value, source, scope`` (and ``plan`` when some figure has one) in UTF-8:
periods as their canonical code (``str(period)``: ``2025``, ``2025-Q3``,
``2024-12-01/2025-12-01``), numbers by :func:`format_figure_value` (exact,
integers without ``.0``), keys sorted and joined with ``;`` (a lone key that looks like a number, or
no key at all, gets a trailing ``;`` so that it reads back as keys).  Reading the
file back with :func:`thidua.figures.read_figures_csv` gives equal figures,
and writing those again gives the same bytes.

Examples:
    >>> import pathlib, tempfile
    >>> from thidua.figures import read_figures_csv
    >>> figs = Figures.from_columns(unit=["G1", "G2"], indicator=["new_members"] * 2,
    ...                             period=["quý I/2025"] * 2, value=[12, 1.585])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "figures.csv"
    ...     write_figures_csv(figs, path)
    ...     print(path.read_text(encoding="utf-8"), end="")
    ...     again = read_figures_csv(path).figures
    unit,indicator,period,value,source,scope
    G1,new_members,2025-Q1,12,,own
    G2,new_members,2025-Q1,1.5850,,own
    >>> again == figs
    True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import numpy.typing as npt

from thidua.errors import FormatError
from thidua.figures._cells import _reads_as_number
from thidua.figures._store import Figures, Scope
from thidua.io import CellTextError, as_text_cells, excel_text, excel_values, write_csv_table
from thidua.typing import PathLike

__all__ = ["format_figure_value", "write_figures_csv", "write_figures_excel"]

_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+", re.ASCII)
_EXCEL_ROWS = 1_048_576


def format_figure_value(value: float) -> str:
    """The canonical text of a figure's number, read back exactly by the figure readers.

    Whole numbers below 10¹⁶ are written without a decimal part (``1585``);
    other numbers as :func:`repr` (the shortest text that reads back to the
    same float: ``0.1``, ``1e-05``, ``1e+16``).  A decimal whose text looks
    like Vietnamese thousand groups (``1.585``, which the readers take as
    1585) gets a trailing zero: ``1.5850``.  NaN is written as an empty cell.

    Examples:
        >>> [format_figure_value(v) for v in (1585.0, -3.0, 0.1, 1.585, 123.456, 1e-05)]
        ['1585', '-3', '0.1', '1.5850', '123.4560', '1e-05']
        >>> format_figure_value(100)  # an int, as a user writes an indicator's scale
        '100'
    """
    value = float(value)
    if math.isnan(value):
        return ""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(float(value))
    if _DOT_GROUPS.fullmatch(text.lstrip("-")):
        text += "0"
    return text


def _keys_text(keys: frozenset[str]) -> str:
    """The cell of a key set: sorted keys joined with ``;``.

    A cell that would read as a number (one key such as ``123``) or as
    nothing (no key) ends with ``;`` so that it reads back as keys.

    Examples:
        >>> _keys_text(frozenset({"P2", "P1"})), _keys_text(frozenset({"123"}))
        ('P1;P2', '123;')
        >>> _keys_text(frozenset())
        ';'
    """
    text = ";".join(sorted(keys))
    if ";" not in text and (not text or _reads_as_number(text)):
        text += ";"
    return text


def _texts(figures: Figures) -> tuple[list[str], list[str] | None]:
    """The value column and the plan column (``None`` without plans) as text."""
    values = figures.values
    distinct, inverse = np.unique(values, return_inverse=True)
    texts = np.array([format_figure_value(float(v)) for v in distinct.tolist()], dtype=object)
    column: npt.NDArray[np.object_] = texts[inverse.reshape(-1)]
    for i, keys in figures.key_sets.items():
        column[i] = _keys_text(keys)
    plans: list[str] | None = None
    if figures.plans:
        plan_column = np.full(len(figures), "", dtype=object)
        for i, plan in figures.plans.items():
            plan_column[i] = format_figure_value(plan)
        plans = plan_column.tolist()
    return column.tolist(), plans


def _gather(labels: tuple[Any, ...], codes: npt.NDArray[np.int32]) -> list[str]:
    table = np.array(["" if label is None else str(label) for label in labels], dtype=object)
    result: list[str] = table[codes].tolist() if len(labels) else [""] * codes.shape[0]
    return result


def write_figures_csv(figures: Figures, path: PathLike, *, bom: bool = False) -> None:
    """Write figures as ``figures.csv`` (UTF-8, LF line ends, minimal quoting).

    Args:
        figures: the figures.
        path: the file to write (replaced if it exists).
        bom: start the file with a UTF-8 byte-order mark, which Excel needs
            to show Vietnamese correctly when opening a CSV file.

    Notes:
        Texts come from the dictionaries and numbers are formatted once per
        distinct value; three million rows take about 1.8 s, mostly in the
        :mod:`csv` writer.  A numeric figure without a value (``NaN``) is
        written as an empty cell, which the reader reports as ``F009``.

    Examples:
        >>> import pathlib, tempfile
        >>> from thidua.figures import Figure
        >>> from thidua.periods import Period
        >>> figs = Figures.from_records([
        ...     Figure(unit="G1", indicator="people_honoured", period=Period.emulation_year(2025),
        ...            keys=frozenset({"P2", "P1"}), source="BC 12/2025", scope=Scope.TOTAL),
        ...     Figure(unit="G1", indicator="works_completed", period=Period.year(2025),
        ...            value=31, plan=20),
        ... ])
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     write_figures_csv(figs, pathlib.Path(tmp) / "f.csv")
        ...     print((pathlib.Path(tmp) / "f.csv").read_text(encoding="utf-8"), end="")
        unit,indicator,period,value,source,scope,plan
        G1,people_honoured,2025-EY,P1;P2,BC 12/2025,total,
        G1,works_completed,2025,31,,own,20
    """
    values, plans = _texts(figures)
    columns = [
        _gather(figures.units, figures.unit_codes),
        _gather(figures.indicators, figures.indicator_codes),
        _gather(figures.periods, figures.period_codes),
        values,
        _gather(figures.sources, figures.source_codes),
        _gather(tuple(s.value for s in Scope), figures.scope_codes.astype(np.int32)),
    ]
    header = ["unit", "indicator", "period", "value", "source", "scope"]
    if plans is not None:
        columns.append(plans)
        header.append("plan")
    write_csv_table(path, header, zip(*columns, strict=True), bom=bom)


def write_figures_excel(figures: Figures, path: PathLike, sheet: str = "figures") -> None:
    r"""Write figures to a new Excel workbook (requires openpyxl).

    The columns are those of :func:`write_figures_csv`; values and plans are
    number cells (whole numbers as integers; the rare double that needs 17
    significant digits, which openpyxl would round to 16, as its exact text),
    keys a text cell joined with ``;``; no cell is a formula (text starting
    with ``=`` is text), and text is kept exactly (``\\r`` and control
    characters with the OOXML escapes ``_xHHHH_``).
    :func:`thidua.figures.read_figures_excel` reads it back equal.

    Args:
        figures: the figures.
        path: the ``.xlsx`` file to write (replaced if it exists).
        sheet: the worksheet's name.

    Raises:
        ValueError: more rows than an Excel sheet holds (1,048,575 figures).
        FormatError: text longer than an Excel cell holds (32,767
            characters); the message names the sheet, row and column, and
            nothing is written.

    Examples:
        >>> import pathlib, tempfile
        >>> from thidua.figures import read_figures_excel
        >>> figs = Figures.from_columns(unit=["G1"], indicator=["union_score"],
        ...                             period=["2025"], value=[87.25])
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     write_figures_excel(figs, pathlib.Path(tmp) / "f.xlsx")
        ...     read_figures_excel(pathlib.Path(tmp) / "f.xlsx").figures == figs
        True
    """
    if len(figures) >= _EXCEL_ROWS:
        msg = f"{len(figures)} figures do not fit in an Excel sheet ({_EXCEL_ROWS - 1} rows)"
        raise ValueError(msg)
    import openpyxl  # noqa: PLC0415 - optional extra, imported when used

    header = ["unit", "indicator", "period", "value", "source", "scope"]
    has_plans = bool(figures.plans)
    if has_plans:
        header.append("plan")
    # Every text is checked (once per distinct text) before the workbook exists.
    head = excel_values(header, table=sheet, row=1, header=header)
    units = _excel_gather(figures.units, figures.unit_codes, sheet, "unit")
    indicators = _excel_gather(figures.indicators, figures.indicator_codes, sheet, "indicator")
    periods = _excel_gather(figures.periods, figures.period_codes, sheet, "period")
    sources = _excel_gather(figures.sources, figures.source_codes, sheet, "source")
    keys = {
        i: excel_values([_keys_text(k)], table=sheet, row=i + 2, header=["value"])[0]
        for i, k in figures.key_sets.items()
    }
    scopes = [s.value for s in Scope]
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(title=sheet)
    ws.append(as_text_cells(ws, head))
    for i in range(len(figures)):
        row: list[object] = [
            units[i],
            indicators[i],
            periods[i],
            keys[i] if i in keys else _excel_number(figures.values[i]),
            sources[i] or None,
            scopes[int(figures.scope_codes[i])],
        ]
        if has_plans:
            plan = figures.plans.get(i)
            row.append(None if plan is None else _excel_number(plan))
        ws.append(as_text_cells(ws, row))
    book.save(path)


def _excel_gather(
    labels: tuple[Any, ...], codes: npt.NDArray[np.int32], sheet: str, column: str
) -> list[str]:
    """:func:`_gather` with each distinct label made a cell's text (a fault names its first row)."""
    texts: list[object] = []
    for j, label in enumerate(labels):
        try:
            texts.append(excel_text("" if label is None else str(label)))
        except CellTextError as exc:
            rows = np.flatnonzero(codes == j)
            row = int(rows[0]) + 2 if rows.size else 2
            msg = f"table {sheet!r}, row {row}, column {column!r}: {exc}; nothing was written"
            raise FormatError(msg) from None
    table = np.array(texts, dtype=object)
    result: list[str] = table[codes].tolist() if len(labels) else [""] * codes.shape[0]
    return result


def _excel_number(value: float) -> float | int | str | None:
    """A number cell; text when openpyxl's 16 significant digits would not read back exactly."""
    number = float(value)
    if math.isnan(number):
        return None
    if number.is_integer() and abs(number) < 1e16:
        return int(number)
    if float(f"{number:.16g}") != number:
        return format_figure_value(number)
    return number
