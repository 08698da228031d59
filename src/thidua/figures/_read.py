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
``S001`` a file that cannot be decoded or an Excel workbook without the
sheet, ``S020`` (warning) a CSV file read as ``cp1258`` because it is not UTF-8.
An unknown indicator code is not a reader problem: its rows load (a number
if the value reads as one, else keys) and :func:`validate_figures` reports
``F002``.

The work is columnar: a CSV file is read by pyarrow into text columns, each
column is dictionary-encoded (pyarrow, ``pandas.factorize`` or polars
categoricals) and only distinct texts are parsed, the common number forms
vectorised, so millions of rows load in about a second and no Python object
is made per row.

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

import contextlib
import csv
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias, overload

import attrs
import numpy as np
import numpy.typing as npt

from thidua.errors import UnreadableInputError
from thidua.figures._arrow import (
    Prepared,
    encoded_columns,
    header_of,
    parse,
    prepare,
    prepare_file,
    release_memory,
)
from thidua.figures._assembly import FiguresResult, _assemble, _empty_result
from thidua.figures._columns import _Column, _encoded, _Layout, _layout
from thidua.figures._indicators import BUILTIN_INDICATORS, IndicatorCatalogue
from thidua.figures._store import Figure, Figures
from thidua.figures._tables import FIGURE_TABLES
from thidua.io import (
    DEFAULT_LIMITS,
    CsvText,
    ReadLimitError,
    ReadLimits,
    cell_text,
    check_encoding,
    find_sheets,
    open_workbook,
    sheet_rows,
)
from thidua.problems import Pointer, Problem, Report, StructureCode, problem
from thidua.typing import PathLike

if TYPE_CHECKING:
    import pyarrow as pa
    from openpyxl.workbook.workbook import Workbook

__all__ = ["figures_from_records", "read_figures_csv", "read_figures_excel"]


def figures_from_records(records: Iterable[Figure]) -> Figures:
    """Build figures from :class:`Figure` records: :meth:`Figures.from_records`.

    Examples:
        >>> from thidua.periods import Period
        >>> len(figures_from_records([Figure(unit="G1", indicator="dialogues",
        ...                                  period=Period.year(2025), value=2)]))
        1
    """
    return Figures.from_records(records)


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
    width = len(header)
    for number, cells in enumerate(records, start=2):
        if not any(c not in (None, "") for c in cells):
            continue
        numbers.append(number)
        size = len(cells)
        if size > width and any(c not in (None, "") for c in cells[width:]):
            layout.problems.append(
                problem(
                    StructureCode.UNKNOWN_FIELD,
                    f"row {number} has values beyond the last header; they are ignored",
                    pointer=Pointer(file=file, sheet=sheet, row=number),
                )
            )
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


def _read_bytes(path: PathLike) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableInputError(os.fspath(path), exc.strerror or str(exc)) from None


def read_figures_csv(
    path: PathLike,
    *,
    catalogue: IndicatorCatalogue = BUILTIN_INDICATORS,
    encoding: str | None = None,
) -> FiguresResult:
    r"""Read a ``figures.csv`` (UTF-8, with or without a byte-order mark, or as saved by Excel).

    The encoding and separator are found as every CSV table's are
    (:func:`thidua.io._tabular.decode_csv`): ``,``, ``;`` or tab from the
    header line, UTF-8 or UTF-16 with a byte-order mark, and ``cp1258``
    (Windows Vietnamese) with an ``S020`` warning when the bytes are not
    UTF-8.

    The file is read into columns by ``pyarrow.csv.read_csv`` (every cell as
    text) and thidua's cell rules run on each column's distinct texts,
    vectorised: three million rows take about a second.  Text that is not
    UTF-8 is decoded first and handed to pyarrow as UTF-8; a file whose rows
    do not all have the header's number of cells is read row by row with
    the :mod:`csv` module, with the same result.

    Args:
        path: the file.
        catalogue: the indicators, to tell numbers from keys.
        encoding: the file's encoding (a Python codec name such as
            ``"cp1258"``), or ``None`` to detect it.

            .. versionadded:: 0.2.0

    Returns:
        The figures of the good rows and every problem; pointers name the
        file by its base name.  A file that cannot be decoded (or is a
        workbook) is one ``S001`` problem.

    Raises:
        UnreadableInputError: the file cannot be opened, or *encoding* is
            unknown.

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

    .. versionchanged:: 0.2.0
       Read by pyarrow into columns (pandas is no longer used).
    """
    codec = check_encoding(encoding)
    return _finish(path, codec, _parsed(path, codec), catalogue)


def _parsed(path: PathLike, codec: str | None, *, threads: bool = True) -> _Parsed:
    """The first step of reading: the file parsed in place by pyarrow and its columns encoded.

    Nothing here needs the catalogue, so it may run on another thread.
    """
    try:
        in_place = prepare_file(path, codec)
    except OSError as exc:
        raise UnreadableInputError(os.fspath(path), exc.strerror or str(exc)) from None
    if in_place is None:
        return None, None
    # The table is held by _encoded_table alone, which drops it once its columns are encoded.
    return in_place, _encoded_table(parse(in_place, threads=threads), file=Path(path).name)


_Parsed: TypeAlias = "tuple[Prepared | None, _EncodedTable | FiguresResult | None]"


def _finish(
    path: PathLike, codec: str | None, parsed: _Parsed, catalogue: IndicatorCatalogue
) -> FiguresResult:
    """The rest of reading: the parsed table's figures, or the bytes read another way."""
    name, source = Path(path).name, os.fspath(path)
    in_place, encoded = parsed
    del parsed
    if isinstance(encoded, _EncodedTable):
        return encoded.assemble(catalogue)
    if encoded is not None:  # the header lacks a required column: nothing more to read
        return encoded
    return _read_csv_bytes(
        _read_bytes(path),
        name=name,
        source=source,
        encoding=codec,
        catalogue=catalogue,
        refused=in_place is not None,
    )


class FiguresReading:
    r"""A ``figures.csv`` being parsed on a background thread while other work goes on.

    The parse (pyarrow's, which holds no Python lock) overlaps what the
    caller does meanwhile, such as reading the hierarchy tables;
    :meth:`result` waits for it and finishes the read with the catalogue
    (which may come from a file read meanwhile).  The figures and problems
    are exactly those of :func:`read_figures_csv`; an unreadable file raises
    from :meth:`result`, as it would have from the read.

    Examples:
        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp) / "figures.csv"
        ...     _ = path.write_text("unit,indicator,period,value\nG1,new_members,2025,1.585\n")
        ...     reading = FiguresReading(path)
        ...     result = reading.result()
        >>> [f.value for f in result.figures]
        [1585.0]

    .. versionadded:: 0.4.0
    """

    def __init__(self, path: PathLike, *, encoding: str | None = None) -> None:
        self._path = path
        self._codec = check_encoding(encoding)  # an unknown encoding is refused here, at once
        self._parsed: _Parsed | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="thidua-figures", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._parsed = _parsed(self._path, self._codec, threads=False)
        except BaseException as exc:
            self._error = exc

    def result(self, catalogue: IndicatorCatalogue = BUILTIN_INDICATORS) -> FiguresResult:
        """Wait for the parse, then the figures read against *catalogue*.

        Raises:
            UnreadableInputError: the file cannot be opened.
        """
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._parsed is not None
        parsed, self._parsed = self._parsed, None  # the table is dropped once encoded
        return _finish(self._path, self._codec, parsed, catalogue)


def _read_csv_bytes(
    data: bytes,
    *,
    name: str,
    source: str,
    encoding: str | None,
    catalogue: IndicatorCatalogue,
    columnar: bool = True,
    refused: bool = False,
) -> FiguresResult:
    """Read the bytes of a figures CSV: pyarrow's columns, or the csv module's rows.

    *columnar* ``False`` forces the row-wise path (the tests compare the two);
    *refused* says pyarrow already refused these bytes as they are (only a
    decoded text is worth giving it again).
    """
    try:
        prepared = prepare(data, name=name, source=source, encoding=encoding)
    except UnreadableInputError as exc:
        return _empty_result(
            [
                problem(
                    StructureCode.UNREADABLE_FILE,
                    f"cannot read {name}: {exc.reason}",
                    pointer=Pointer(file=name),
                )
            ]
        )
    del data
    found = prepared.problems
    table = parse(prepared) if columnar and not (refused and prepared.decoded is None) else None
    if table is not None:
        del prepared  # the bytes: pyarrow holds the cells now
        result = _from_table(table, file=name, catalogue=catalogue)
    else:
        try:
            decoded = prepared.text(name=name, source=source)
        except UnreadableInputError as exc:  # pragma: no cover - the bytes were UTF-8
            return _empty_result(
                [
                    problem(
                        StructureCode.UNREADABLE_FILE,
                        f"cannot read {name}: {exc.reason}",
                        pointer=Pointer(file=name),
                    )
                ]
            )
        result = _read_rows(decoded, name, catalogue)
    if found:
        result = attrs.evolve(result, report=Report(found) + result.report)
    return result


def _from_table(table: pa.Table, *, file: str, catalogue: IndicatorCatalogue) -> FiguresResult:
    """The columnar path: a pyarrow table of text cells whose first row is the header.

    The table is dropped as soon as its columns are encoded (the caller
    must not keep it): only codes and dictionaries go on.
    """
    encoded = _encoded_table(table, file=file)
    del table
    return encoded.assemble(catalogue) if isinstance(encoded, _EncodedTable) else encoded


@attrs.frozen
class _EncodedTable:
    """A parsed file's columns, encoded, waiting for the catalogue to become figures."""

    layout: _Layout
    cols: dict[str, _Column]
    rows: npt.NDArray[np.int32]
    file: str

    def assemble(self, catalogue: IndicatorCatalogue) -> FiguresResult:
        return _assemble(
            self.rows.size,
            self.cols,
            rows=self.rows,
            layout=self.layout,
            file=self.file,
            sheet=None,
            catalogue=catalogue,
        )


@overload
def _encoded_table(table: pa.Table, *, file: str) -> _EncodedTable | FiguresResult: ...


@overload
def _encoded_table(table: None, *, file: str) -> None: ...


def _encoded_table(table: pa.Table | None, *, file: str) -> _EncodedTable | FiguresResult | None:
    """The header matched and the columns encoded (a result of problems if it lacks one).

    ``None`` for no table (pyarrow refused the file).
    """
    if table is None:
        return None
    layout = _layout(header_of(table), file=file, sheet=None)
    if not layout.complete:
        return _empty_result(layout.problems)
    cols, rows = encoded_columns(table, layout.columns)
    del table
    release_memory()
    return _EncodedTable(layout=layout, cols=dict(cols), rows=rows, file=file)


def _read_rows(decoded: CsvText, name: str, catalogue: IndicatorCatalogue) -> FiguresResult:
    """The row-wise path: the csv module's records."""
    try:
        rows = list(decoded.reader())
    except csv.Error as exc:
        return _empty_result(
            [
                problem(
                    StructureCode.UNREADABLE_FILE,
                    f"cannot read {name}: not CSV ({exc})",
                    pointer=Pointer(file=name),
                )
            ]
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


def read_figures_excel(
    path: PathLike,
    sheet: str = "figures",
    *,
    catalogue: IndicatorCatalogue = BUILTIN_INDICATORS,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> FiguresResult:
    """Read figures from a sheet of an Excel workbook (requires openpyxl).

    Number cells are taken as numbers (never re-read as text, so ``1.585``
    typed as a decimal stays 1.585); text cells follow the CSV rules.  Only
    the cells the sheet stores are read.

    Args:
        path: the ``.xlsx`` file.
        sheet: the worksheet's name.  The default ``"figures"`` also finds a
            sheet named ``Số liệu`` (or another alias, see ``docs/formats.md``),
            whatever its case, spacing or diacritics; another name is matched
            the same way when no sheet has it exactly.
        catalogue: the indicators, to tell numbers from keys.
        limits: bounds on rows, cells and unpacked size
            (:class:`thidua.io.ReadLimits`).

    Returns:
        The figures and every problem; pointers name the file and sheet.  A
        workbook without the sheet, a file that is not a workbook or a
        damaged one is one ``S001`` problem; a workbook beyond *limits* one
        ``S010`` problem (no figure is read then); two sheets that both match
        are ``S011`` (the first is read).

    Raises:
        UnreadableInputError: the file cannot be opened.

    Examples:
        >>> import pathlib, tempfile, openpyxl
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp) / "figures.xlsx"
        ...     wb = openpyxl.Workbook()
        ...     ws = wb.active
        ...     ws.title = "Số liệu"
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
    source = os.fspath(path)
    try:
        with open_workbook(path, limits) as book:
            return _read_sheet(book, name, source, sheet, catalogue, limits)
    except ReadLimitError as exc:
        return _empty_result(
            [problem(StructureCode.BEYOND_READ_LIMIT, str(exc), pointer=Pointer(file=name))]
        )
    except UnreadableInputError as exc:
        return _empty_result(
            [problem(StructureCode.UNREADABLE_FILE, str(exc), pointer=Pointer(file=name))]
        )


def _read_sheet(
    book: Workbook,
    name: str,
    source: str,
    sheet: str,
    catalogue: IndicatorCatalogue,
    limits: ReadLimits,
) -> FiguresResult:
    names = [str(n) for n in book.sheetnames]
    table = FIGURE_TABLES.get(sheet, sheet)  # "figures": its Vietnamese sheet names too
    found = [sheet] if sheet in names else find_sheets(names, table)
    if not found:
        message = f"{name} has no sheet {sheet!r} (sheets: {', '.join(names)})"
        return _empty_result(
            [problem(StructureCode.UNREADABLE_FILE, message, pointer=Pointer(file=name))]
        )
    extra: list[Problem] = []
    others = [n for n in find_sheets(names, table) if n != found[0]]
    if others:
        listed = ", ".join(repr(n) for n in (found[0], *others))
        extra.append(
            problem(
                StructureCode.TWO_SHEETS_FOR_ONE_TABLE,
                f"{name}: sheets {listed} are all the {sheet!r} table; only {found[0]!r} was read",
                pointer=Pointer(file=name, sheet=others[0]),
            )
        )
    title = found[0]
    with contextlib.closing(sheet_rows(book[title], source=source, limits=limits)) as rows:
        header = next(rows, ())
        result = _from_cells(
            header, rows, file=name, sheet=title, catalogue=catalogue, text_cell=cell_text
        )
    if extra:
        result = attrs.evolve(result, report=Report((*extra, *result.report)))
    return result
