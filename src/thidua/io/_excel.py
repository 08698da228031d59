"""Excel workbooks: one sheet per table, the same columns as the CSV files.

Needs the ``excel`` extra (``pip install thidua[excel]``, i.e. openpyxl),
imported only when a workbook is read or written.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from thidua.errors import UnreadableInputError
from thidua.hierarchy import Dataset
from thidua.io._converter import LoadResult, MissingExtraError, _collector_paused
from thidua.io._dataset_tables import dataset_from_tables, dataset_to_tables
from thidua.io._tabular import Table, TableSpec, read_excel_table
from thidua.io._workbook import (
    DEFAULT_LIMITS,
    ReadLimits,
    as_text_cells,
    excel_values,
    find_sheets,
    open_workbook,
)
from thidua.problems import Pointer, StructureCode, problem
from thidua.typing import PathLike, ProgressCallback

__all__ = ["read_excel", "write_excel"]


def read_excel(
    path: PathLike,
    *,
    progress: ProgressCallback | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> LoadResult:
    """Read a workbook with one sheet per table (``units`` required).

    A sheet is named by its table (``units``) or a Vietnamese alias
    (``Đơn vị``, ``Danh sách đơn vị``, ``Quan hệ`` …, see ``docs/formats.md``),
    whatever the case, spacing or diacritics; other sheets are ignored, and
    two sheets for one table are an ``S011`` error (the first is read).  Date
    cells are read as dates, number cells as their text (``101.0`` →
    ``"101"``), formulas by their last computed value.  The header is the
    first row of each sheet.  Only the cells the sheet stores are read.

    Args:
        path: the ``.xlsx`` file.
        progress: called with ``(sheet, rows_done, total)`` every 10,000 rows
            and at the end of each sheet.
        limits: bounds on rows, cells and unpacked size
            (:class:`thidua.io.ReadLimits`).

    Returns:
        The dataset, the problems (pointers name the workbook, the sheet, the
        row and the column header as written), and the path.

    Raises:
        UnreadableInputError: the file is missing, is not an ``.xlsx``
            workbook, is damaged, or has no ``units`` sheet.
        ReadLimitError: the workbook is beyond *limits* (an
            :class:`UnreadableInputError`).
        MissingExtraError: openpyxl is not installed.

    Examples:
        >>> import tempfile, pathlib
        >>> from thidua.hierarchy import Dataset, Unit
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> ds = Dataset(units=[Unit(id="007", name="CĐCS Công ty Thăng Long", kind="grassroots")])
        >>> write_excel(ds, tmp / "h.xlsx")
        >>> read_excel(tmp / "h.xlsx").dataset == ds
        True
    """
    source = os.fspath(path)
    file = Path(path)
    with open_workbook(file, limits) as book:
        names = [str(ws.title) for ws in book.worksheets]

        def get(spec: TableSpec) -> Table | None:
            found = find_sheets(names, spec.name)
            if not found:
                if spec.name == "units":
                    raise UnreadableInputError(source, "the workbook has no 'units' sheet")
                return None
            table = read_excel_table(
                book[found[0]],
                spec,
                file=file.name,
                progress=progress,
                limits=limits,
                source=source,
            )
            if len(found) == 1:
                return table
            clash = problem(
                StructureCode.TWO_SHEETS_FOR_ONE_TABLE,
                f"{file.name}: sheets {', '.join(repr(n) for n in found)} are all the "
                f"{spec.name!r} table; only {found[0]!r} was read",
                pointer=Pointer(file=file.name, sheet=found[1]),
            )
            return attrs.evolve(table, problems=(clash, *table.problems))

        with _collector_paused():
            return dataset_from_tables(get, source)


def write_excel(dataset: Dataset, path: PathLike) -> None:
    r"""Write a dataset as a workbook with one sheet per table.

    The sheets and columns are those of :func:`thidua.io.write_csv_dir`;
    dates are date cells (shown ``yyyy-mm-dd``), everything else is text
    (so ``007`` stays ``007``), ranks are numbers.  No cell is a formula,
    headers included (``=1+1`` is text).  Text is kept exactly: characters
    XML cannot hold (``\\r``, control characters) are written with the OOXML
    escapes ``_xHHHH_`` that Excel and :func:`read_excel` undo.

    Raises:
        FormatError: the dataset holds something tables cannot, or text
            longer than an Excel cell holds (32,767 characters); the message
            names the table, row and column, and nothing is written.
        MissingExtraError: openpyxl is not installed.

    Examples:
        >>> import tempfile, pathlib, openpyxl
        >>> from thidua.hierarchy import Dataset, Unit
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> ds = Dataset(units=[Unit(id="A", name="=SUM(1)", kind="team",
        ...                          attributes={"=note": "dòng 1\\r\\ndòng 2"})])
        >>> write_excel(ds, tmp / "x.xlsx")
        >>> openpyxl.load_workbook(tmp / "x.xlsx").sheetnames
        ['units', 'links']
        >>> read_excel(tmp / "x.xlsx").dataset == ds
        True
    """
    write_sheets(dataset_sheets(dataset), path)


Sheet = tuple[str, list[list[object]]]
"""A sheet to write: its name and its rows (header first) of checked cell values."""


def dataset_sheets(dataset: Dataset) -> list[Sheet]:
    """The sheets of a dataset, every cell checked (:func:`excel_values`), nothing written.

    Raises:
        FormatError: the dataset holds something tables cannot, or text no
            cell holds; the message names the table, row and column.
    """
    return [
        (
            spec.name,
            [
                excel_values(row, table=spec.name, row=number, header=header)
                for number, row in enumerate([header, *rows], start=1)
            ],
        )
        for spec, header, rows in dataset_to_tables(dataset)
    ]


def write_sheets(sheets: list[Sheet], path: PathLike) -> None:
    """Write checked sheets as one workbook (text that looks like a formula stays text).

    Raises:
        MissingExtraError: openpyxl is not installed.
    """
    try:
        import openpyxl  # noqa: PLC0415 - optional extra, imported when used
    except ImportError:  # pragma: no cover - the dev environment has openpyxl
        raise MissingExtraError("excel", "openpyxl") from None

    book = openpyxl.Workbook(write_only=True)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(as_text_cells(sheet, row))
    book.save(os.fspath(path))
