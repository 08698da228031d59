"""Lossless input and output of hierarchy datasets: JSON, YAML, CSV directories, Excel.

Every reader returns a :class:`LoadResult`: the dataset of every record that
could be read, and a report of the structure problems (codes ``S001`` to
``S011``), each with a pointer to the file, row and column (as written in the
header) or the JSON path.  Readers raise
:class:`~thidua.errors.UnreadableInputError` only when the input cannot be
opened or parsed at all (a damaged workbook, a document nested hundreds of
levels deep, a workbook beyond its :class:`ReadLimits`), or lacks its required
``units`` table.

Writers are deterministic: the same dataset gives the same bytes, and what
they write reads back equal to the dataset (``docs/formats.md`` lists the few
values a table cannot hold).

Examples:
    >>> import tempfile, pathlib
    >>> from thidua.hierarchy import Dataset, Link, Unit
    >>> ds = Dataset(units=[Unit(id="HN", name="LĐLĐ thành phố Hà Nội", kind="provincial"),
    ...                     Unit(id="HK", name="LĐLĐ quận Hoàn Kiếm", kind="district")],
    ...              links=[Link(child="HK", parent="HN")])
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> for target in ("h.json", "h.yaml", "h.xlsx", "tables"):
    ...     write(ds, tmp / target)
    ...     print(target, read(tmp / target).dataset == ds)
    h.json True
    h.yaml True
    h.xlsx True
    tables True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from thidua.errors import UnreadableInputError
from thidua.hierarchy import Dataset
from thidua.io._converter import (
    FORMAT_NAME,
    SCHEMA_VERSION,
    FormatError,
    LoadResult,
    MissingExtraError,
    make_converter,
)
from thidua.io._dataset_tables import read_csv_dir, write_csv_dir
from thidua.io._domain import DataTable, ParsedColumn, parse_column
from thidua.io._excel import read_excel, write_excel
from thidua.io._json import dumps_json, loads_json, read_json, read_yaml, write_json, write_yaml
from thidua.io._schema import Column, ColumnType, Reference, TableDeclaration
from thidua.io._tabular import (
    CsvText,
    Row,
    TableSpec,
    cell_text,
    check_encoding,
    decode_csv,
    read_csv_table,
    sniff_delimiter,
    write_csv_table,
)
from thidua.io._workbook import (
    DEFAULT_LIMITS,
    CellTextError,
    ReadLimitError,
    ReadLimits,
    as_text_cells,
    excel_text,
    excel_values,
    find_sheets,
    open_workbook,
    sheet_rows,
)
from thidua.typing import PathLike, ProgressCallback

__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT_NAME",
    "SCHEMA_VERSION",
    "CellTextError",
    "Column",
    "ColumnType",
    "CsvText",
    "DataTable",
    "FormatError",
    "LoadResult",
    "MissingExtraError",
    "ParsedColumn",
    "ReadLimitError",
    "ReadLimits",
    "Reference",
    "Row",
    "TableDeclaration",
    "TableSpec",
    "as_text_cells",
    "cell_text",
    "check_encoding",
    "decode_csv",
    "dumps_json",
    "excel_text",
    "excel_values",
    "find_sheets",
    "loads_json",
    "make_converter",
    "open_workbook",
    "parse_column",
    "read",
    "read_csv_dir",
    "read_csv_table",
    "read_excel",
    "read_json",
    "read_yaml",
    "sheet_rows",
    "sniff_delimiter",
    "write",
    "write_csv_dir",
    "write_csv_table",
    "write_excel",
    "write_json",
    "write_yaml",
]

LoadResult.__module__ = __name__
ReadLimits.__module__ = __name__
ReadLimitError.__module__ = __name__

Format = Literal["json", "yaml", "csv", "excel"]
"""The formats of :func:`write`."""

_SUFFIXES: dict[str, Format] = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".xlsx": "excel",
}


def read(
    path: PathLike,
    *,
    progress: ProgressCallback | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    encoding: str | None = None,
) -> LoadResult:
    """Read a dataset, choosing the reader by the path.

    A directory is read as CSV tables (:func:`read_csv_dir`); a file by its
    suffix: ``.json`` (:func:`read_json`), ``.yaml``/``.yml``
    (:func:`read_yaml`), ``.xlsx`` (:func:`read_excel`).

    Args:
        path: the file or directory.
        progress: passed to the reader (see each reader for its calls).
        limits: the bounds on a workbook (:class:`ReadLimits`), passed to
            :func:`read_excel`.
        encoding: the encoding of a directory's CSV files (see
            :func:`read_csv_dir`; ``None`` detects it); JSON and YAML are
            always UTF-8 and workbooks carry their own.

            .. versionadded:: 0.2.0

    Returns:
        The dataset, its structure problems and the path.

    Raises:
        UnreadableInputError: the path does not exist, has an unknown suffix,
            or cannot be read at all (:class:`ReadLimitError` for a workbook
            beyond *limits*).

    Examples:
        >>> read("nowhere.json")
        Traceback (most recent call last):
        ...
        thidua.errors.UnreadableInputError: cannot read nowhere.json: no such file or directory
        >>> import tempfile, pathlib
        >>> odd = pathlib.Path(tempfile.mkdtemp()) / "h.txt"
        >>> _ = odd.write_text("x")
        >>> read(odd)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thidua.errors.UnreadableInputError: cannot read .../h.txt: unknown suffix '.txt' (expected a directory of CSV files, .json, .yaml, .yml or .xlsx)
    """  # noqa: E501
    target = Path(path)
    source = os.fspath(path)
    if target.is_dir():
        return read_csv_dir(target, progress=progress, encoding=encoding)
    if not target.exists():
        raise UnreadableInputError(source, "no such file or directory")
    kind = _SUFFIXES.get(target.suffix.lower())
    if kind == "json":
        return read_json(path, progress=progress)
    if kind == "yaml":
        return read_yaml(path, progress=progress)
    if kind == "excel":
        return read_excel(path, progress=progress, limits=limits)
    raise UnreadableInputError(
        source,
        f"unknown suffix {target.suffix!r} (expected a directory of CSV files, "
        ".json, .yaml, .yml or .xlsx)",
    )


def write(dataset: Dataset, path: PathLike, format: Format | None = None) -> None:
    """Write a dataset, choosing the writer by *format* or the path's suffix.

    Without *format*, ``.json``, ``.yaml``/``.yml`` and ``.xlsx`` choose
    their writer and any other path (an existing directory or a path without
    a suffix) is written as a directory of CSV files.

    Args:
        dataset: the dataset.
        path: the file or directory.
        format: ``"json"``, ``"yaml"``, ``"csv"`` or ``"excel"``.

    Raises:
        FormatError: an unknown format or suffix, or a dataset the format
            cannot hold.

    Examples:
        >>> import tempfile, pathlib
        >>> from thidua.hierarchy import Dataset
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> write(Dataset(), tmp / "out", format="json")
        >>> (tmp / "out").read_text(encoding="utf-8").startswith("{")
        True
        >>> write(Dataset(), tmp / "h.txt")
        Traceback (most recent call last):
        ...
        thidua.errors.FormatError: cannot tell the format of 'h.txt': give format= or use .json, .yaml, .yml, .xlsx or a directory
    """  # noqa: E501
    target = Path(path)
    if format is None:
        suffix = target.suffix.lower()
        if suffix in _SUFFIXES:
            format = _SUFFIXES[suffix]
        elif target.is_dir() or not suffix:
            format = "csv"
        else:
            raise FormatError(
                f"cannot tell the format of {target.name!r}: give format= or use "
                ".json, .yaml, .yml, .xlsx or a directory"
            )
    if format == "json":
        write_json(dataset, path)
    elif format == "yaml":
        write_yaml(dataset, path)
    elif format == "csv":
        write_csv_dir(dataset, path)
    elif format == "excel":
        write_excel(dataset, path)
    else:
        raise FormatError(f"unknown format {format!r} (expected json, yaml, csv or excel)")
