r"""Excel workbooks opened safely: read limits, used cells only, damaged files as clean errors.

This is the machinery shared by the dataset workbook (:mod:`thidua.io._excel`)
and the figures workbook (:mod:`thidua.figures`) readers and writers:

* :func:`open_workbook` checks the sizes the zip archive declares against
  :class:`ReadLimits` *before* anything is unpacked, and turns every fault of
  a damaged file into :class:`~thidua.errors.UnreadableInputError`;
* :func:`sheet_rows` reads a sheet from its XML, cell by cell as stored: rows
  and cells the file does not hold cost nothing (a lone cell at
  ``XFD1048576`` is one cell, not seventeen billion), a blank row is skipped
  without converting its cells, and the row and cell limits are enforced;
* :func:`find_sheets` matches sheet names to tables, with Vietnamese aliases
  (:data:`SHEET_ALIASES`), whatever the case, spacing or diacritics;
* :func:`excel_text` and :func:`read_text` carry text through a cell
  losslessly, with the OOXML escapes ``_xHHHH_`` for the characters XML
  cannot hold (``\r`` is ``_x000D_``, as Excel writes it).

Examples:
    >>> excel_text("dòng 1\r\ndòng 2")
    'dòng 1_x000D_\ndòng 2'
    >>> read_text(excel_text("dòng 1\r\ndòng 2 _x0041_")) == "dòng 1\r\ndòng 2 _x0041_"
    True
    >>> [sheet_key(n) for n in ("Danh sách đơn vị", "DANH SACH  DON VI")]
    ['danh sach don vi', 'danh sach don vi']

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Generator, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

import attrs

from thidua._text import name_key
from thidua.errors import FormatError, MissingExtraError, UnreadableInputError

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet.worksheet import Worksheet

    from thidua.io._schema import TableDeclaration

__all__ = [
    "DEFAULT_LIMITS",
    "EXCEL_TEXT_LIMIT",
    "SHEET_ALIASES",
    "CellTextError",
    "ReadLimitError",
    "ReadLimits",
    "as_text_cells",
    "excel_text",
    "excel_value",
    "excel_values",
    "find_sheets",
    "open_workbook",
    "read_text",
    "sheet_key",
    "sheet_rows",
]

EXCEL_TEXT_LIMIT = 32_767
"""The most characters (UTF-16 code units) an Excel cell holds."""


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    del instance
    if type(value) is not int or value < 1:
        msg = f"ReadLimits.{attribute.name} must be a positive whole number, got {value!r}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class ReadLimits:
    """Bounds on the work a workbook may ask of a reader.

    A workbook is a zip archive of XML: a few kilobytes can declare millions
    of rows or unpack to gigabytes.  The readers refuse such input with a
    clear error instead of running for minutes or exhausting memory.

    Attributes:
        max_rows: the most rows (header included) of one sheet.
        max_cells: the most cells stored in one sheet (blank ones included).
        max_unpacked_bytes: the most bytes the archive's members may unpack
            to, all together, as the archive declares them (checked before
            anything is unpacked).

    Examples:
        >>> ReadLimits()
        ReadLimits(max_rows=2000000, max_cells=50000000, max_unpacked_bytes=1073741824)
        >>> ReadLimits(max_rows=0)
        Traceback (most recent call last):
        ...
        ValueError: ReadLimits.max_rows must be a positive whole number, got 0

    .. versionadded:: 0.2.0
    """

    max_rows: int = attrs.field(default=2_000_000, validator=_positive)
    max_cells: int = attrs.field(default=50_000_000, validator=_positive)
    max_unpacked_bytes: int = attrs.field(default=1 << 30, validator=_positive)


DEFAULT_LIMITS = ReadLimits()
"""The limits used when a reader is given none."""


class ReadLimitError(UnreadableInputError):
    """A workbook beyond one of its reader's :class:`ReadLimits`."""


# Every exception a damaged workbook was seen to raise from zipfile, zlib, the
# XML parser or openpyxl.
_DAMAGED = (
    ParseError,
    SyntaxError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    LookupError,
    TypeError,
    ValueError,
    AttributeError,
    ArithmeticError,
    OSError,
    RuntimeError,  # an encrypted member, an unsupported zip feature, deep recursion
)


def _damaged(source: str, exc: BaseException) -> UnreadableInputError:
    detail = str(exc)
    if len(detail) > 200:
        detail = detail[:200] + "…"
    return UnreadableInputError(
        source, f"the workbook is damaged or not an .xlsx file ({type(exc).__name__}: {detail})"
    )


@contextlib.contextmanager
def open_workbook(
    path: str | os.PathLike[str], limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[Workbook]:
    r"""Open a workbook read-only, checking the archive before unpacking anything.

    A context manager: the file is closed when the block ends, also when
    openpyxl fails half-way through opening it.

    Args:
        path: the ``.xlsx`` file.
        limits: the bounds; the archive's declared unpacked size is checked
            against :attr:`ReadLimits.max_unpacked_bytes`.

    Yields:
        The read-only :class:`openpyxl.Workbook` (formulas by their last
        computed value).

    Raises:
        UnreadableInputError: the file is missing, is not an ``.xlsx``
            workbook or is damaged.
        ReadLimitError: the archive unpacks to more than the limit.
        MissingExtraError: openpyxl is not installed.

    Examples:
        >>> import pathlib, tempfile
        >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.xlsx"
        >>> _ = bad.write_bytes(b"PK\\x03\\x04 not really")
        >>> with open_workbook(bad) as book:  # doctest: +ELLIPSIS
        ...     pass
        Traceback (most recent call last):
        ...
        thidua.errors.UnreadableInputError: cannot read .../bad.xlsx: not an .xlsx workbook (File is not a zip file)
    """  # noqa: E501
    try:
        import openpyxl  # noqa: PLC0415 - optional extra, imported when used
    except ImportError:  # pragma: no cover - the dev environment has openpyxl
        raise MissingExtraError("excel", "openpyxl") from None
    source = os.fspath(path)
    file = Path(path)
    if not file.is_file():
        raise UnreadableInputError(source, "no such file")
    try:
        with zipfile.ZipFile(file) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except _DAMAGED as exc:
        raise UnreadableInputError(source, f"not an .xlsx workbook ({exc})") from None
    if declared > limits.max_unpacked_bytes:
        raise ReadLimitError(
            source,
            f"the workbook unpacks to {declared:,} bytes, more than the limit of "
            f"{limits.max_unpacked_bytes:,} (ReadLimits.max_unpacked_bytes)",
        )
    with file.open("rb") as handle:
        try:
            with warnings.catch_warnings():
                # openpyxl warns about workbook features it drops (data validation …).
                warnings.simplefilter("ignore")
                book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except _DAMAGED as exc:
            raise _damaged(source, exc) from None
        try:
            yield book
        finally:
            book.close()


# -- sheet names -----------------------------------------------------------------------------

SHEET_ALIASES: Mapping[str, tuple[str, ...]] = {
    "units": ("Đơn vị", "Danh sách đơn vị", "DS đơn vị"),
    "links": ("Quan hệ", "Liên kết", "Quan hệ trực thuộc", "Trực thuộc"),
    "groups": ("Cụm khối", "Cụm, khối", "Cụm thi đua", "Khối thi đua"),
    "group_members": ("Thành viên", "Thành viên cụm", "Thành viên cụm khối"),
    "events": ("Sự kiện", "Biến động", "Biến động tổ chức"),
    "roots": ("Đơn vị gốc",),
    "levels": ("Cấp", "Hệ thống cấp"),
    "metadata": ("Thông tin", "Thông tin chung"),
}
"""Vietnamese sheet names accepted for each hierarchy table (besides its English name).

A declared table (a domain table, ``indicators``, ``figures``) names its own:
its :attr:`~thidua.io._schema.TableDeclaration.label` and
:attr:`~thidua.io._schema.TableDeclaration.sheets`.
"""

_MARKS = re.compile(r"[\u0300-\u036f]")


def sheet_key(name: str) -> str:
    """The comparison key of a sheet name: :func:`~thidua._text.name_key` without diacritics.

    Examples:
        >>> sheet_key(" Units ") == sheet_key("UNITS")
        True
        >>> sheet_key("Số  liệu") == sheet_key("so lieu")
        True
    """
    key = unicodedata.normalize("NFD", name_key(name))
    return unicodedata.normalize("NFC", _MARKS.sub("", key)).replace("đ", "d")


def _table_keys(table: str | TableDeclaration) -> frozenset[str]:
    from thidua.io._domain import domain_tables  # noqa: PLC0415 - the domain tables import this module

    declared = domain_tables().get(table) if isinstance(table, str) else table
    name = table if isinstance(table, str) else table.name
    names = SHEET_ALIASES.get(name, ()) if declared is None else (declared.label, *declared.sheets)
    return frozenset(sheet_key(n) for n in (name, *names) if n)


def find_sheets(sheet_names: Sequence[str], table: str | TableDeclaration) -> list[str]:
    """Return the sheets holding a table, in workbook order.

    A sheet holds the table when its name is the table's name or one of its
    Vietnamese names, compared by :func:`sheet_key`: the
    :data:`SHEET_ALIASES` of a hierarchy table, the label and
    :attr:`~thidua.io._schema.TableDeclaration.sheets` of a domain table or
    of a declaration given as *table* (the indicators and figures tables:
    ``find_sheets(names, thidua.figures.FIGURES_DECLARATION)``).  Any
    other table name (a figures sheet called ``"2025"``) matches only
    itself, by the same key.  More than one sheet is a fault the caller
    reports.

    Examples:
        >>> find_sheets(["Ghi chú", "Danh sách đơn vị", "Quan hệ"], "units")
        ['Danh sách đơn vị']
        >>> find_sheets(["units", "Units "], "units")
        ['units', 'Units ']
        >>> from thidua.io._schema import Column, ColumnType, TableDeclaration
        >>> scores = TableDeclaration(name="scores", sheets=("Bảng điểm",),
        ...                           columns=[Column(name="unit", type=ColumnType.ID)])
        >>> find_sheets(["Bang diem", "scores"], scores)
        ['Bang diem', 'scores']

    .. versionchanged:: 0.4.0
       *table* may be a declaration; the indicators and figures sheet names
       are no longer in :data:`SHEET_ALIASES` but in their declarations.
    """
    keys = _table_keys(table)
    return [name for name in sheet_names if sheet_key(name) in keys]


# -- text ------------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold (and \r, which XML parsers turn into \n).
_UNSTORABLE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_LOOKS_ESCAPED = re.compile("_(x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


class CellTextError(ValueError):
    """Text an Excel cell cannot hold; the writer adds where it was."""


def excel_text(text: str) -> str:
    r"""Return the text to store in a cell so that it reads back as *text*.

    OOXML escapes: a character XML cannot hold (control characters, ``\r``)
    becomes ``_xHHHH_``, and text that already looks like an escape gets its
    underscore escaped (``_x005F_``), as Excel itself does.

    Raises:
        CellTextError: the text is longer than an Excel cell holds
            (32,767 characters) or is not valid Unicode (a lone surrogate).

    Examples:
        >>> excel_text("a\x01b"), excel_text("_x000D_"), excel_text("plain")
        ('a_x0001_b', '_x005F_x000D_', 'plain')
    """
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            msg = f"the text is not valid Unicode ({exc.reason} at character {exc.start})"
            raise CellTextError(msg) from None
    if "_x" in text:
        text = _LOOKS_ESCAPED.sub(r"_x005F_\1", text)
    if _UNSTORABLE.search(text):
        text = _UNSTORABLE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    if len(text) > EXCEL_TEXT_LIMIT or (
        len(text) > EXCEL_TEXT_LIMIT // 2 and len(text.encode("utf-16-le")) // 2 > EXCEL_TEXT_LIMIT
    ):
        msg = f"the text is longer than an Excel cell holds ({EXCEL_TEXT_LIMIT:,} characters)"
        raise CellTextError(msg)
    return text


def read_text(text: str) -> str:
    r"""Undo the OOXML escapes of a cell's text (``_x000D_`` → ``\r``, ``_x005F_`` → ``_``).

    Examples:
        >>> read_text("a_x000D_b"), read_text("_x005F_x0041_")
        ('a\rb', '_x0041_')
    """
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _value(value: object) -> object:
    if type(value) is str:
        return read_text(value) if "_x" in value else value
    return value


# -- writing ---------------------------------------------------------------------------------


_EXACT_INTS = 2**53


def excel_value(value: object) -> object:
    r"""A value ready to store: text escaped (:func:`excel_text`), dates as dates.

    Whole numbers beyond 2**53, which an Excel number (a double) cannot hold
    exactly, are stored as their text.

    Raises:
        CellTextError: text no Excel cell can hold.

    Examples:
        >>> excel_value("a\rb"), excel_value(2**60), excel_value(7)
        ('a_x000D_b', '1152921504606846976', 7)
    """
    if isinstance(value, str):
        return excel_text(value)
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if type(value) is int and abs(value) > _EXACT_INTS:
        return str(value)  # Excel numbers are doubles: keep every digit as text
    return value


def excel_values(
    values: Sequence[object], *, table: str, row: int, header: Sequence[str]
) -> list[object]:
    """A row of :func:`excel_value`; a fault names the table, row and column.

    Raises:
        FormatError: a value no Excel cell can hold.

    Examples:
        >>> excel_values(["x" * 40_000], table="units", row=3, header=["name"])
        Traceback (most recent call last):
        ...
        thidua.errors.FormatError: table 'units', row 3, column 'name': the text is longer than an Excel cell holds (32,767 characters); nothing was written
    """  # noqa: E501
    out: list[object] = []
    for i, value in enumerate(values):
        try:
            out.append(excel_value(value))
        except CellTextError as exc:
            column = header[i] if i < len(header) else f"column {i + 1}"
            what = "header" if row == 1 else f"row {row}"
            msg = f"table {table!r}, {what}, column {column!r}: {exc}; nothing was written"
            raise FormatError(msg) from None
    return out


def as_text_cells(sheet: WriteOnlyWorksheet, values: list[object]) -> list[object]:
    """Wrap the stored text openpyxl would not store as text (in place, returned).

    openpyxl writes text starting with ``=`` as a formula and ``#N/A``-like
    text as an error value; such text becomes a cell of type text.
    """
    for i, value in enumerate(values):
        if type(value) is str and value.startswith(("=", "#")):
            from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - optional extra

            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            values[i] = cell
    return values


# -- rows ------------------------------------------------------------------------------------

_BATCH = 2_000


def sheet_rows(
    worksheet: Worksheet | ReadOnlyWorksheet, *, source: str, limits: ReadLimits = DEFAULT_LIMITS
) -> Generator[Sequence[object], None, None]:
    r"""Yield the rows of a sheet from row 1, as cell values (text unescaped).

    For a read-only worksheet the sheet's XML is parsed directly: a row the
    file does not hold, or a blank one, is yielded as ``()`` without building
    a cell; other rows are as wide as their last non-empty cell, and a data
    row never wider than the header plus one cell (a value beyond the last
    header is kept as that one extra cell, so that the table reader reports
    it).  Any other worksheet is read with ``iter_rows``.

    Args:
        worksheet: an openpyxl worksheet.
        source: the workbook's path, for errors.
        limits: the row and cell limits of one sheet.

    Yields:
        One sequence of cell values per row.

    Raises:
        UnreadableInputError: the sheet's XML is damaged.
        ReadLimitError: the sheet has more rows or cells than the limits.

    Examples:
        >>> import openpyxl
        >>> ws = openpyxl.Workbook().active
        >>> ws["A1"], ws["B1"], ws["A3"] = "id", "name", "x_x000D_y"
        >>> list(sheet_rows(ws, source="h.xlsx"))
        [('id', 'name'), (), ('x\ry', None)]
    """
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet  # noqa: PLC0415

    if not isinstance(worksheet, ReadOnlyWorksheet):
        for values in worksheet.iter_rows(values_only=True):
            blank = all(v in (None, "") for v in values)
            yield () if blank else tuple(_value(v) for v in values)
        return
    batches = _parsed(worksheet, source=source)
    title = str(worksheet.title)
    expected = 1
    header_width: int | None = None
    cells_seen = 0
    try:
        for batch in batches:
            for number, cells in batch:
                if number < expected:
                    raise UnreadableInputError(
                        source, f"sheet {title!r}: row {number} comes after row {expected - 1}"
                    )
                if number > limits.max_rows:
                    raise ReadLimitError(
                        source,
                        f"sheet {title!r} has a row {number:,}, beyond the limit of "
                        f"{limits.max_rows:,} rows (ReadLimits.max_rows)",
                    )
                while expected < number:
                    expected += 1
                    if header_width is None:
                        header_width = 0
                    yield ()
                expected = number + 1
                found = [(c["column"], c["value"]) for c in cells if c["value"] not in (None, "")]
                last = max((col for col, _ in found), default=0)
                width = last if header_width is None else min(last, header_width + 1)
                cells_seen += max(len(cells), width)
                if cells_seen > limits.max_cells:
                    raise ReadLimitError(
                        source,
                        f"sheet {title!r} has more than {limits.max_cells:,} cells "
                        "(ReadLimits.max_cells)",
                    )
                if not found:
                    if header_width is None:
                        header_width = 0
                    yield ()
                    continue
                row: list[object] = [None] * width
                for col, value in found:
                    index = col - 1 if col <= width else width - 1
                    if col <= width or row[index] is None:
                        row[index] = _value(value)
                if header_width is None:
                    header_width = width
                yield row
    finally:
        batches.close()


def _parsed(
    worksheet: ReadOnlyWorksheet, *, source: str
) -> Generator[list[tuple[int, list[dict[str, Any]]]], None, None]:
    """The sheet's stored rows, parsed in batches with openpyxl's warnings silenced.

    The parser and the sheet's source are openpyxl's own (what its read-only
    ``iter_rows`` uses), without the padding of missing rows and cells.
    """
    from openpyxl.worksheet._reader import WorkSheetParser  # noqa: PLC0415

    sheet: Any = worksheet  # openpyxl's private read-only attributes are not in its stubs
    book: Any = worksheet.parent
    try:
        with sheet._get_source() as src:
            parser = WorkSheetParser(
                src,
                sheet._shared_strings,
                data_only=book.data_only,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            rows = parser.parse()
            done = False
            while not done:
                batch: list[tuple[int, list[dict[str, Any]]]] = []
                with warnings.catch_warnings():
                    # A date cell out of Excel's range is read as "#VALUE!" (then reported).
                    warnings.simplefilter("ignore")
                    for item in rows:
                        batch.append(item)
                        if len(batch) >= _BATCH:
                            break
                    else:
                        done = True
                yield batch
    except (UnreadableInputError, GeneratorExit):
        raise
    except _DAMAGED as exc:
        raise _damaged(source, exc) from None
