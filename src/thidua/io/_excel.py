"""Excel workbooks: one sheet per table, the same columns as the CSV files.

Needs the ``excel`` extra (``pip install thidua[excel]``, i.e. openpyxl),
imported only when a workbook is read or written.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from thidua._text import name_key
from thidua.errors import UnreadableInputError
from thidua.io._converter import FormatError, LoadResult, MissingExtraError, _collector_paused
from thidua.io._dataset_tables import dataset_from_tables, dataset_to_tables
from thidua.io._tabular import Table, TableSpec, read_excel_table
from thidua.model import Dataset
from thidua.typing import PathLike, ProgressCallback

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = ["read_excel", "write_excel"]


def read_excel(path: PathLike, *, progress: ProgressCallback | None = None) -> LoadResult:
    """Read a workbook with one sheet per table (``units`` required).

    Sheet names are matched like headers (case and spacing do not matter);
    other sheets are ignored.  Date cells are read as dates, number cells as
    their text (``101.0`` → ``"101"``), formulas by their last computed value.
    The header is the first row of each sheet.

    Args:
        path: the ``.xlsx`` file.
        progress: called with ``(sheet, rows_done, total)`` every 10,000 rows
            and at the end of each sheet.

    Returns:
        The dataset, the problems (pointers name the workbook, the sheet, the
        row and the column header as written), and the path.

    Raises:
        UnreadableInputError: the file is missing, is not an ``.xlsx``
            workbook, or has no ``units`` sheet.
        MissingExtraError: openpyxl is not installed.

    Examples:
        >>> import tempfile, pathlib
        >>> from thidua.model import Dataset, Unit
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> ds = Dataset(units=[Unit(id="007", name="CĐCS Công ty Thăng Long", kind="grassroots")])
        >>> write_excel(ds, tmp / "h.xlsx")
        >>> read_excel(tmp / "h.xlsx").dataset == ds
        True
    """
    try:
        import openpyxl  # noqa: PLC0415 - optional extra, imported when used
    except ImportError:  # pragma: no cover - the dev environment has openpyxl
        raise MissingExtraError("excel", "openpyxl") from None
    source = os.fspath(path)
    file = Path(path)
    if not file.is_file():
        raise UnreadableInputError(source, "no such file")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation …).
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableInputError(source, f"not an .xlsx workbook ({exc})") from None
    try:
        sheets = {name_key(ws.title): ws for ws in book.worksheets}

        def get(spec: TableSpec) -> Table | None:
            sheet = sheets.get(name_key(spec.name))
            if sheet is None:
                if spec.name == "units":
                    raise UnreadableInputError(source, "the workbook has no 'units' sheet")
                return None
            return read_excel_table(sheet, spec, file=file.name, progress=progress)

        with _collector_paused():
            return dataset_from_tables(get, source)
    finally:
        book.close()


def _excel_cell(sheet: WriteOnlyWorksheet, value: object) -> object:
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - optional extra

    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # text, not a formula
        return cell
    return value


def write_excel(dataset: Dataset, path: PathLike) -> None:
    """Write a dataset as a workbook with one sheet per table.

    The sheets and columns are those of :func:`thidua.io.write_csv_dir`;
    dates are date cells (shown ``yyyy-mm-dd``), everything else is text
    (so ``007`` stays ``007``), ranks are numbers.

    Raises:
        FormatError: the dataset holds something tables cannot, or text
            with control characters, which Excel cannot store.
        MissingExtraError: openpyxl is not installed.

    Examples:
        >>> import tempfile, pathlib, openpyxl
        >>> from thidua.model import Dataset, Unit
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> write_excel(Dataset(units=[Unit(id="A", name="=SUM(1)", kind="team")]), tmp / "x.xlsx")
        >>> openpyxl.load_workbook(tmp / "x.xlsx").sheetnames
        ['units', 'links']
    """
    try:
        import openpyxl  # noqa: PLC0415 - optional extra, imported when used
        from openpyxl.utils.exceptions import IllegalCharacterError  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the dev environment has openpyxl
        raise MissingExtraError("excel", "openpyxl") from None

    tables = dataset_to_tables(dataset)
    book = openpyxl.Workbook(write_only=True)
    try:
        for spec, header, rows in tables:
            sheet = book.create_sheet(spec.name)
            sheet.append(header)
            for row in rows:
                sheet.append([_excel_cell(sheet, v) for v in row])
        book.save(os.fspath(path))
    except IllegalCharacterError as exc:
        raise FormatError(f"Excel cannot store control characters: {exc}") from None
