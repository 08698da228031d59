r"""Tables in, rows out: CSV files and Excel sheets with header aliases and row pointers.

This is the shared table reader of thidua (hierarchy, figures and indicator
files use it).  A :class:`TableSpec` names the canonical fields of a table,
which are required, and the other headers (Vietnamese ones) that mean the
same field; headers are matched with :func:`thidua._text.name_key`, so case,
spacing, ``Ð``/``Đ`` and tone placement (``Hòa``/``Hoà``) do not matter.

Reading gives a :class:`Table`: a :class:`Row` per data line with the *raw*
cell text of each canonical field (not stripped, not normalised: the caller
decides), the cells of unknown columns when the spec keeps them, and a
:class:`~thidua.problems.Pointer` (file, sheet, 1-based row counting the
header as row 1, and the headers as written, so ``pointer.at("valid_to")``
names the column ``Đến ngày``).  Header faults are problems on the table:
``S002`` for a missing required column (no row is read then), ``S008`` for
two columns of one field (the first is used), ``S007`` for an ignored
column.

CSV files are read as offices save them (:func:`read_csv_text`): UTF-8
with or without a byte-order mark, UTF-16 with one (Excel's "Unicode
text"), and, when the bytes are not UTF-8, Windows Vietnamese ``cp1258``
with an ``S020`` warning naming the file (or any encoding given as
``encoding=``); the separator is found from the header line (``,``, ``;`` as
Excel writes with a Vietnamese or European list separator, or a tab), or
from an Excel ``sep=;`` first line.  :func:`write_csv_table` writes UTF-8
with ``,`` and quotes every cell holding a separator, a quote or a line
break (``\r`` included), so that every control character reads back.

Examples:
    >>> spec = TableSpec(name="links", fields=("child", "parent"), required={"child", "parent"},
    ...                  aliases={"child": ("Đơn vị",), "parent": ("Đơn vị cấp trên",)})
    >>> table = table_from_cells([["ĐƠN VỊ", "Đơn vị cấp trên"], ["G1", "D1"]], spec,
    ...                          file="links.csv")
    >>> row = table.rows[0]
    >>> row.values, str(row.pointer.at("child"))
    ({'child': 'G1', 'parent': 'D1'}, 'links.csv row 2, column ĐƠN VỊ')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import itertools
import operator
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from thidua._text import name_key, nfc
from thidua.errors import FormatError, UnreadableInputError
from thidua.io._workbook import DEFAULT_LIMITS, ReadLimits, sheet_rows
from thidua.problems import Pointer, Problem, StructureCode, problem
from thidua.typing import PathLike, ProgressCallback

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "FALLBACK_ENCODING",
    "PROGRESS_EVERY",
    "CsvText",
    "HeaderLayout",
    "Row",
    "Table",
    "TableSpec",
    "cell_text",
    "check_encoding",
    "decode_csv",
    "header_layout",
    "read_csv_table",
    "read_csv_text",
    "read_excel_table",
    "sniff_delimiter",
    "table_from_cells",
    "write_csv_table",
]

PROGRESS_EVERY = 10_000
"""Rows between two progress calls."""

FALLBACK_ENCODING = "cp1258"
"""The encoding tried when a CSV file is not UTF-8: Windows Vietnamese (reported ``S020``)."""


def _lookup(fields: tuple[str, ...], aliases: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    table = {name_key(f): f for f in fields}
    for field, names in aliases.items():
        table.update({name_key(n): field for n in names})
    return table


def _frozen(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


@attrs.frozen(kw_only=True)
class TableSpec:
    """What a table holds: canonical fields, required ones, header aliases.

    Attributes:
        name: the table's name, also the CSV file stem and the Excel sheet
            (``"units"`` → ``units.csv``, sheet ``units``).
        fields: the canonical field names, in the order they are written.
        required: the fields whose column must be present (``S002``).
        aliases: field → other headers meaning the same (Vietnamese ones).
        keep_extra: keep unknown columns as :attr:`Row.extra` (free
            attributes) instead of ignoring them with an ``S007`` warning.

    Examples:
        >>> spec = TableSpec(name="units", fields=("id", "name"), aliases={"id": ("Mã đơn vị",)})
        >>> spec.field_for("MÃ  ĐƠN VỊ"), spec.field_for("ghi chú")
        ('id', None)
    """

    name: str
    fields: tuple[str, ...]
    required: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen)
    aliases: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    keep_extra: bool = False
    _lookup: Mapping[str, str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_lookup", _lookup(self.fields, self.aliases))

    def field_for(self, header: str) -> str | None:
        """Return the canonical field a header stands for, or ``None``."""
        return self._lookup.get(name_key(header))

    def headers_for(self, field: str) -> tuple[str, ...]:
        """Return every header accepted for a field (canonical name first).

        Examples:
            >>> TableSpec(name="t", fields=("id",), aliases={"id": ("Mã",)}).headers_for("id")
            ('id', 'Mã')
        """
        return (field, *self.aliases.get(field, ()))


@attrs.frozen(kw_only=True)
class Row:
    """One data row of a table.

    Attributes:
        values: canonical field → raw cell text, for every field whose column
            is present (``""`` for an empty or missing cell).
        extra: header as written → raw text of the non-empty cells of unknown
            columns (only when the spec keeps extras), in column order.
        pointer: where the row is; ``pointer.at(field)`` names the column.
    """

    values: Mapping[str, str]
    extra: Mapping[str, str]
    pointer: Pointer


@attrs.frozen(kw_only=True)
class Table:
    """A table read from a CSV file or an Excel sheet.

    Attributes:
        spec: the spec it was read with.
        file: the file name shown in pointers.
        sheet: the sheet name for Excel, else ``None``.
        headers: canonical field → header as written, for present fields.
        extra_headers: headers of kept unknown columns, in column order.
        rows: the data rows (blank rows skipped).
        problems: header and row-shape problems (``S002``, ``S007``, ``S008``).
    """

    spec: TableSpec
    file: str
    sheet: str | None
    headers: Mapping[str, str]
    extra_headers: tuple[str, ...]
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]

    @property
    def complete(self) -> bool:
        """Whether every required column was found (rows were read).

        Examples:
            >>> spec = TableSpec(name="t", fields=("id",), required={"id"})
            >>> table_from_cells([["x"]], spec, file="t.csv").complete
            False
        """
        return not any(p.code == "S002" for p in self.problems)


def cell_text(value: object) -> str:
    """Return the text of a cell as a spreadsheet gives it.

    ``None`` is empty; whole floats lose their ``.0`` (Excel stores every
    number as a float); dates and date-times become ISO dates.

    Examples:
        >>> import datetime
        >>> cell_text(None), cell_text(101.0), cell_text(0.6)
        ('', '101', '0.6')
        >>> cell_text(datetime.datetime(2025, 7, 1, 8, 30))
        '2025-07-01'
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def table_from_cells(
    cells: Iterable[Sequence[Any]],
    spec: TableSpec,
    *,
    file: str,
    sheet: str | None = None,
    progress: ProgressCallback | None = None,
    total: int | None = None,
) -> Table:
    """Read a table from rows of cells; the first row is the header.

    Args:
        cells: the rows (text from CSV; any cell values from Excel, made
            text with :func:`cell_text`).
        spec: the table's fields and aliases.
        file: the file name for pointers.
        sheet: the sheet name for pointers, if any.
        progress: called with ``(file or sheet, rows_done, total)`` every
            :data:`PROGRESS_EVERY` rows and once at the end with the final
            count as total.
        total: the number of data rows if known.

    Returns:
        The table.

    Examples:
        >>> spec = TableSpec(name="units", fields=("id", "name"), required={"id", "name"},
        ...                  aliases={"id": ("Mã đơn vị",)}, keep_extra=True)
        >>> t = table_from_cells([["id", "Mã đơn vị", "name", "Khu vực"], ["A", "B", "Tên", "Bắc"]],
        ...                      spec, file="units.csv")
        >>> [str(p) for p in t.problems]  # doctest: +NORMALIZE_WHITESPACE
        ["S008 error: units.csv: columns 'id' and 'Mã đơn vị' both give 'id'; the second is
          ignored [units.csv row 1, column Mã đơn vị]"]
        >>> t.rows[0].values, t.rows[0].extra
        ({'id': 'A', 'name': 'Tên'}, {'Khu vực': 'Bắc'})
    """
    stage = sheet or file
    it = iter(cells)
    try:
        header_cells = next(it)
    except StopIteration:
        header_cells = []
    layout = header_layout(header_cells, spec, file=file, sheet=sheet)
    columns, headers, extra, blank = layout.columns, layout.headers, layout.extra, layout.blank
    problems = list(layout.problems)
    if not layout.complete:
        return Table(
            spec=spec,
            file=file,
            sheet=sheet,
            headers=headers,
            extra_headers=layout.extra_headers,
            rows=(),
            problems=tuple(problems),
        )
    rows = _rows(
        it,
        columns,
        headers,
        list(extra),
        list(blank),
        layout.width,
        file,
        sheet,
        problems,
        progress,
        stage,
        total,
    )
    return Table(
        spec=spec,
        file=file,
        sheet=sheet,
        headers=headers,
        extra_headers=layout.extra_headers,
        rows=rows,
        problems=tuple(problems),
    )


@attrs.frozen(kw_only=True)
class HeaderLayout:
    """How a header row maps onto a spec: which column holds which field.

    Attributes:
        columns: field → column index.
        headers: field → header as written.
        extra: (column index, header) of the kept unknown columns.
        blank: indices of the columns without a header.
        width: the number of header cells.
        problems: the header problems (``S002``, ``S007``, ``S008``).
        complete: whether every required field has its column.

    .. versionadded:: 0.2.0
    """

    columns: Mapping[str, int]
    headers: Mapping[str, str]
    extra: tuple[tuple[int, str], ...]
    blank: tuple[int, ...]
    width: int
    problems: tuple[Problem, ...]
    complete: bool

    @property
    def extra_headers(self) -> tuple[str, ...]:
        """The headers of the kept unknown columns, in column order."""
        return tuple(h for _, h in self.extra)


def header_layout(
    header_cells: Sequence[Any], spec: TableSpec, *, file: str, sheet: str | None = None
) -> HeaderLayout:
    """Match a header row against *spec* (the first step of :func:`table_from_cells`).

    .. versionadded:: 0.2.0

    Examples:
        >>> spec = TableSpec(name="roots", fields=("unit",), required={"unit"},
        ...                  aliases={"unit": ("Đơn vị",)})
        >>> layout = header_layout(["Ghi chú", "ĐƠN VỊ", ""], spec, file="roots.csv")
        >>> dict(layout.columns), layout.blank, [p.code for p in layout.problems]
        ({'unit': 1}, (2,), ['S007'])
    """
    problems: list[Problem] = []
    where = f"{file} sheet {sheet}" if sheet else file
    base = Pointer(file=file, sheet=sheet, row=1)
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    extra: list[tuple[int, str]] = []
    blank: list[int] = []
    for index, raw in enumerate(header_cells):
        header = nfc(cell_text(raw)).strip()
        if not header:
            blank.append(index)
            continue
        field = spec.field_for(header)
        if field is None and spec.keep_extra:
            if any(h == header for _, h in extra):
                problems.append(
                    problem(
                        StructureCode.DUPLICATE_COLUMN,
                        f"{where}: column {header!r} appears twice; the second is ignored",
                        pointer=attrs.evolve(base, column=header),
                    )
                )
            else:
                extra.append((index, header))
        elif field is None:
            problems.append(
                problem(
                    StructureCode.UNKNOWN_FIELD,
                    f"{where}: unknown column {header!r} ignored (accepted: "
                    f"{', '.join(spec.fields)})",
                    pointer=attrs.evolve(base, column=header),
                )
            )
        elif field in columns:
            problems.append(
                problem(
                    StructureCode.DUPLICATE_COLUMN,
                    f"{where}: columns {headers[field]!r} and {header!r} both give "
                    f"{field!r}; the second is ignored",
                    pointer=attrs.evolve(base, column=header),
                )
            )
        else:
            columns[field] = index
            headers[field] = header
    missing = [f for f in spec.fields if f in spec.required and f not in columns]
    for field in missing:
        names = " or ".join(repr(h) for h in spec.headers_for(field))
        problems.append(
            problem(
                StructureCode.MISSING_REQUIRED_COLUMN,
                f"{where}: required column {names} is missing; no row was read",
                pointer=base,
            )
        )
    return HeaderLayout(
        columns=columns,
        headers=headers,
        extra=tuple(extra),
        blank=tuple(blank),
        width=len(header_cells),
        problems=tuple(problems),
        complete=not missing,
    )


def _rows(
    it: Iterable[Sequence[Any]],
    columns: Mapping[str, int],
    headers: Mapping[str, str],
    extra: list[tuple[int, str]],
    blank: list[int],
    width: int,
    file: str,
    sheet: str | None,
    problems: list[Problem],
    progress: ProgressCallback | None,
    stage: str,
    total: int | None,
) -> tuple[Row, ...]:
    items = tuple(columns.items())
    fields = tuple(columns)
    need = max(columns.values(), default=-1) + 1
    pick = operator.itemgetter(*columns.values()) if len(columns) > 1 else None
    warned_blank: set[int] = set()
    rows: list[Row] = []
    done = 0
    empty: dict[str, str] = {}
    for number, raw_cells in enumerate(it, start=2):
        if not raw_cells:  # a blank or missing row (a sheet yields () for each): skip cheaply
            continue
        cells = raw_cells if sheet is None else [cell_text(c) for c in raw_cells]
        if not any(cells):
            continue
        size = len(cells)
        if size >= need and pick is not None:
            values = dict(zip(fields, pick(cells), strict=True))
        else:
            values = {f: cells[i] if i < size else "" for f, i in items}
        kept = {h: cells[i] for i, h in extra if i < size and cells[i] != ""} if extra else empty
        pointer = Pointer(file=file, sheet=sheet, row=number, headers=headers)
        if size > width and any(cells[width:]):
            problems.append(
                problem(
                    StructureCode.UNKNOWN_FIELD,
                    f"row {number} has values beyond the last header; they are ignored",
                    pointer=attrs.evolve(pointer, column=None),
                )
            )
        for i in blank:
            if i not in warned_blank and i < size and cells[i] != "":
                warned_blank.add(i)
                problems.append(
                    problem(
                        StructureCode.UNKNOWN_FIELD,
                        f"column {i + 1} has no header; its values are ignored",
                        pointer=pointer,
                    )
                )
        rows.append(Row(values=values, extra=kept, pointer=pointer))
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(stage, done, total)
    if progress is not None:
        progress(stage, done, done)
    return tuple(rows)


@attrs.frozen(kw_only=True)
class CsvText:
    """The text of a CSV file, decoded, with its separator found.

    Attributes:
        text: the decoded text (without byte-order mark or ``sep=`` line).
        delimiter: the field separator (``,``, ``;`` or a tab).
        encoding: the codec that decoded it (``utf-8``, ``utf-16``,
            ``cp1258`` …).
        problems: the ``S020`` warning when the encoding was guessed (or
            given but doubtful).
        utf8: the file's bytes when *text* is their UTF-8 decoding from
            *utf8_start* on (a parser of bytes reads them without encoding
            the text again); ``None`` for another encoding.
        utf8_start: where *text* starts in *utf8* (after a byte-order mark
            and a ``sep=`` line).

    .. versionadded:: 0.2.0
    .. versionchanged:: 0.4.0
       *utf8* and *utf8_start*.
    """

    text: str
    delimiter: str
    encoding: str
    problems: tuple[Problem, ...] = ()
    utf8: bytes | None = attrs.field(default=None, eq=False, repr=False)
    utf8_start: int = attrs.field(default=0, eq=False, repr=False)

    def reader(self) -> Iterable[list[str]]:
        r"""Return a :func:`csv.reader` over the text (``\r`` and ``\n`` in quotes are kept)."""
        return csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)


_CANDIDATES = (",", ";", "\t")
_SNIFF_LIMIT = 65_536


def sniff_delimiter(text: str) -> str:
    r"""Return the field separator of CSV text, judged from its header line.

    The separator that occurs most often in the first line, outside quotes,
    among ``,``, ``;`` and tab; ``,`` when none occurs (a one-column file) or
    on a tie.  Only the first 64 KiB are looked at.

    .. versionadded:: 0.2.0

    Examples:
        >>> sniff_delimiter("Mã đơn vị;Tên đơn vị;Cấp\nHK;LĐLĐ quận Hoàn Kiếm, Hà Nội;district\n")
        ';'
        >>> sniff_delimiter('id,"Tên; viết tắt"\n'), sniff_delimiter("id\tname\n")
        (',', '\t')
        >>> sniff_delimiter("id\n")
        ','
    """
    counts = dict.fromkeys(_CANDIDATES, 0)
    quoted = False
    for char in itertools.islice(text, _SNIFF_LIMIT):
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in counts:
            counts[char] += 1
        elif char in "\r\n":
            break
    best = ","
    for candidate in _CANDIDATES[1:]:
        if counts[candidate] > counts[best]:
            best = candidate
    return best


def check_encoding(encoding: str | None) -> str | None:
    """Return the codec name of *encoding* (``None`` for automatic detection).

    Raises:
        UnreadableInputError: Python knows no such encoding.

    .. versionadded:: 0.2.0

    Examples:
        >>> check_encoding("CP1258"), check_encoding(None)
        ('cp1258', None)
        >>> check_encoding("tcvn3")
        Traceback (most recent call last):
        ...
        thidua.errors.UnreadableInputError: cannot read encoding 'tcvn3': unknown encoding (try utf-8, cp1258, utf-16 or another Python codec name)
    """  # noqa: E501
    if encoding is None:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise UnreadableInputError(
            f"encoding {encoding!r}",
            "unknown encoding (try utf-8, cp1258, utf-16 or another Python codec name)",
        ) from None


_BINARY = (
    (b"PK\x03\x04", "it is a zip archive (an .xlsx workbook saved under a .csv name?)"),
    (b"\xd0\xcf\x11\xe0", "it is an old Excel .xls workbook, not CSV text"),
)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode(
    data: bytes, source: str, name: str, encoding: str | None
) -> tuple[str, str, list[Problem]]:
    pointer = Pointer(file=name)
    for magic, why in _BINARY:
        if data.startswith(magic):
            raise UnreadableInputError(source, why)
    codec = check_encoding(encoding)
    if codec is not None:
        utf8 = _is_utf8(data)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            hint = "; it is UTF-8: read it without an encoding" if utf8 else ""
            raise UnreadableInputError(
                source, f"not {codec} text ({exc.reason} at byte {exc.start}){hint}"
            ) from None
        found: list[Problem] = []
        if utf8 and not codec.startswith("utf") and not data.isascii():
            found.append(
                problem(
                    StructureCode.ENCODING_GUESSED,
                    f"{name} was read as {codec}, as asked, but it is valid UTF-8: "
                    "check that its names read correctly",
                    pointer=pointer,
                )
            )
        return text.removeprefix("\ufeff"), codec, found
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise UnreadableInputError(
                source, f"not UTF-16 text ({exc.reason} at byte {exc.start})"
            ) from None
    if len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] and data[2]:
        raise UnreadableInputError(
            source, "it looks like UTF-16 text without a byte-order mark; give encoding='utf-16-le'"
        )
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_fault = f"{exc.reason} at byte {exc.start}"
    if b"\x00" in data:
        raise UnreadableInputError(
            source, f"not text (NUL bytes, and not UTF-8: {utf8_fault}); save it as CSV UTF-8"
        )
    try:
        text = data.decode(FALLBACK_ENCODING)
    except UnicodeDecodeError:
        raise UnreadableInputError(
            source,
            f"not UTF-8 text ({utf8_fault}) nor {FALLBACK_ENCODING}; save it as CSV UTF-8 "
            "or give its encoding",
        ) from None
    warning = problem(
        StructureCode.ENCODING_GUESSED,
        f"{name} is not UTF-8 text ({utf8_fault}); it was read as {FALLBACK_ENCODING} "
        "(Windows Vietnamese): check that its names read correctly, or give its encoding",
        pointer=pointer,
    )
    return text, FALLBACK_ENCODING, [warning]


def decode_csv(
    data: bytes, *, file: str, source: str | None = None, encoding: str | None = None
) -> CsvText:
    r"""Decode the bytes of a CSV file and find its separator.

    Without *encoding*: a UTF-16 byte-order mark gives UTF-16; bytes that
    are UTF-8 (with or without a byte-order mark) are UTF-8; other bytes
    without NUL are read as :data:`FALLBACK_ENCODING` (``cp1258``) with an
    ``S020`` warning.  With *encoding*, that codec is used (a leading
    byte-order mark is dropped), and an ``S020`` warning says so when the
    bytes are valid UTF-8 as well.  An Excel ``sep=;`` first line sets the
    separator and is dropped; otherwise :func:`sniff_delimiter` decides.

    Args:
        data: the file's bytes.
        file: the file name for pointers and messages.
        source: the path shown when the file is refused (*file* if ``None``).
        encoding: a Python codec name, or ``None`` to detect.

    Returns:
        The text, separator, encoding and problems.

    Raises:
        UnreadableInputError: an unknown *encoding*; bytes that the encoding
            cannot decode; a workbook, binary data or UTF-16 without a
            byte-order mark.

    .. versionadded:: 0.2.0

    Examples:
        >>> decoded = decode_csv("sep=;\nid;name\nA;Hà Nội\n".encode(), file="u.csv")
        >>> decoded.delimiter, decoded.text.splitlines()[0], decoded.encoding
        (';', 'id;name', 'utf-8')
        >>> legacy = decode_csv("id,name\nA,Đông Đa\n".encode("cp1258"), file="u.csv")
        >>> legacy.text.splitlines()[1], [p.code for p in legacy.problems]
        ('A,Đông Đa', ['S020'])
    """
    text, used, problems = _decode(data, source or file, file, encoding)
    utf8 = data if used == "utf-8" else None
    start = len(codecs.BOM_UTF8) if utf8 is not None and data.startswith(codecs.BOM_UTF8) else 0
    head, newline, rest = text.partition("\n")
    marker = head.rstrip("\r")
    if newline and len(marker) == len("sep=;") and marker.lower().startswith("sep="):
        start += len(head.encode("utf-8")) + 1
        return CsvText(
            text=rest,
            delimiter=marker[4],
            encoding=used,
            problems=tuple(problems),
            utf8=utf8,
            utf8_start=start,
        )
    return CsvText(
        text=text,
        delimiter=sniff_delimiter(text),
        encoding=used,
        problems=tuple(problems),
        utf8=utf8,
        utf8_start=start,
    )


def read_csv_text(path: PathLike, *, encoding: str | None = None) -> CsvText:
    """Read a CSV file's bytes and decode them with :func:`decode_csv`.

    Raises:
        UnreadableInputError: the file cannot be opened or decoded.

    .. versionadded:: 0.2.0
    """
    source = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableInputError(source, exc.strerror or str(exc)) from None
    return decode_csv(data, file=Path(path).name, source=source, encoding=encoding)


def read_csv_table(
    path: PathLike,
    spec: TableSpec,
    *,
    progress: ProgressCallback | None = None,
    encoding: str | None = None,
) -> Table:
    r"""Read a CSV file as a table (encoding and separator found as :func:`decode_csv` says).

    Args:
        path: the file.
        spec: its fields and aliases.
        progress: see :func:`table_from_cells` (total is ``None`` while reading).
        encoding: a Python codec name, or ``None`` to detect (UTF-8, UTF-16
            with a byte-order mark, else ``cp1258`` with an ``S020`` warning).

    Returns:
        The table; pointers name the file by its base name.  The ``S020``
        warning of a guessed encoding comes first in its problems.

    Raises:
        UnreadableInputError: the file cannot be opened, cannot be decoded,
            or is not CSV (for example a cell past the :mod:`csv` field
            size limit).

    Examples:
        >>> import tempfile, pathlib
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (tmp / "roots.csv").write_bytes("\ufeffĐơn vị\nHN\n".encode())
        >>> spec = TableSpec(name="roots", fields=("unit",), required={"unit"},
        ...                  aliases={"unit": ("Đơn vị",)})
        >>> [r.values for r in read_csv_table(tmp / "roots.csv", spec).rows]
        [{'unit': 'HN'}]
    """
    decoded = read_csv_text(path, encoding=encoding)
    try:
        table = table_from_cells(decoded.reader(), spec, file=Path(path).name, progress=progress)
    except csv.Error as exc:
        raise UnreadableInputError(os.fspath(path), f"not CSV ({exc})") from None
    if decoded.problems:
        table = attrs.evolve(table, problems=decoded.problems + table.problems)
    return table


def read_excel_table(
    worksheet: Worksheet | ReadOnlyWorksheet,
    spec: TableSpec,
    *,
    file: str,
    progress: ProgressCallback | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    source: str | None = None,
) -> Table:
    """Read an openpyxl worksheet as a table (dates and numbers become text).

    Only the cells the sheet stores are read (:func:`thidua.io._workbook.sheet_rows`):
    blank rows cost nothing, and OOXML escapes in text (``_x000D_``) are undone.

    Args:
        worksheet: an ``openpyxl`` worksheet (read-only ones are fastest).
        spec: its fields and aliases.
        file: the workbook's file name for pointers (the sheet is the
            worksheet's title).
        progress: see :func:`table_from_cells`.
        limits: the row and cell limits of the sheet.
        source: the workbook's path for errors (default *file*).

    Returns:
        The table.

    Raises:
        UnreadableInputError: the sheet's XML is damaged, or the sheet is
            beyond the limits (:class:`~thidua.io.ReadLimitError`).

    Examples:
        >>> import datetime, openpyxl
        >>> wb = openpyxl.Workbook()
        >>> ws = wb.active
        >>> ws.append(["Mã đơn vị", "Từ ngày"])
        >>> ws.append([101, datetime.datetime(2025, 7, 1)])
        >>> spec = TableSpec(name="t", fields=("id", "valid_from"),
        ...                  aliases={"id": ("Mã đơn vị",), "valid_from": ("Từ ngày",)})
        >>> read_excel_table(ws, spec, file="h.xlsx").rows[0].values
        {'id': '101', 'valid_from': '2025-07-01'}
    """
    total = worksheet.max_row - 1 if isinstance(worksheet.max_row, int) else None
    if total is not None and total > limits.max_rows:
        total = None  # a declared size the limits refuse: not worth showing
    with contextlib.closing(sheet_rows(worksheet, source=source or file, limits=limits)) as cells:
        return table_from_cells(
            cells,
            spec,
            file=file,
            sheet=str(worksheet.title),
            progress=progress,
            total=total,
        )


_WRITE_CHUNK = 16_384
_NEEDS_QUOTES = frozenset(',"\r\n')
_HEADER_QUOTES = _NEEDS_QUOTES | {";", "\t"}


def _quoted(cell: str) -> str:
    if _NEEDS_QUOTES.isdisjoint(cell):
        return cell
    return '"' + cell.replace('"', '""') + '"'


def _header_line(header: Sequence[str]) -> str:
    """The header, quoted so the reader finds ``,`` as its separator and no ``sep=`` line."""
    cells = []
    for cell in header:
        quote = (
            not _HEADER_QUOTES.isdisjoint(cell)
            or cell.lower().startswith("sep=")
            or (cell == "" and len(header) == 1)
        )
        cells.append('"' + cell.replace('"', '""') + '"' if quote else cell)
    return ",".join(cells) + "\n"


def _unencodable(path: PathLike, row: int, exc: UnicodeEncodeError) -> str:
    char = exc.object[exc.start : exc.start + 1]
    return (
        f"cannot write {Path(path).name} row {row}: the text holds {char!r}, which UTF-8 "
        "cannot hold (a lone surrogate): remove it from the record"
    )


def _rows_before(text: str, offset: int) -> int:
    """The complete CSV records of *text* before *offset* (quoted line breaks do not count)."""
    return sum(1 for _ in csv.reader(io.StringIO(text[:offset], newline=""))) - 1


def write_csv_table(
    path: PathLike, header: Sequence[str], rows: Iterable[Sequence[str]], *, bom: bool = False
) -> None:
    r"""Write a header and rows of text as CSV (UTF-8, ``,``, ``\n`` line ends, minimal quoting).

    A cell is quoted when it holds ``,``, ``"``, ``\n`` or ``\r`` (the
    :mod:`csv` module alone leaves a lone ``\r`` bare, which splits the row
    on reading); every other character, control characters included, is
    written as it is, so :func:`read_csv_table` reads every cell back.  A
    header cell is also quoted when it holds ``;`` or a tab, or starts with
    ``sep=``, so that :func:`sniff_delimiter` always finds ``,``.

    Examples:
        >>> import tempfile, pathlib
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> write_csv_table(tmp / "m.csv", ["key", "value"], [["title", "Hà Nội, 2025"],
        ...                                                   ["note", "dòng 1\rdòng 2"]])
        >>> (tmp / "m.csv").read_bytes().decode()
        'key,value\ntitle,"Hà Nội, 2025"\nnote,"dòng 1\rdòng 2"\n'
    """
    buffer = io.StringIO()
    fast = csv.writer(buffer, lineterminator="\n")
    body = iter(rows)
    batches = iter(lambda: list(itertools.islice(body, _WRITE_CHUNK)), [])
    written = 1  # the header is row 1
    with Path(path).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        try:
            handle.write(_header_line(header))
        except UnicodeEncodeError as exc:
            raise FormatError(_unencodable(path, 1, exc)) from None
        for batch in batches:
            buffer.seek(0)
            buffer.truncate()
            fast.writerows(batch)
            text = buffer.getvalue()
            if "\r" in text:  # rare: quote the rows holding a bare carriage return by hand
                buffer.seek(0)
                buffer.truncate()
                for row in batch:
                    if any("\r" in cell for cell in row):
                        buffer.write(",".join(_quoted(cell) for cell in row) + "\n")
                    else:
                        fast.writerow(row)
                text = buffer.getvalue()
            try:
                handle.write(text)
            except UnicodeEncodeError as exc:
                at = written + 1 + _rows_before(text, exc.start)
                raise FormatError(_unencodable(path, at, exc)) from None
            written += len(batch)
