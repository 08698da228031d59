r"""The columnar CSV path of the figures reader: pyarrow to columns, thidua's cell rules per column.

:func:`prepare` turns a file's bytes into UTF-8 bytes for pyarrow with the
separator found as every CSV table's is (:func:`thidua.io._tabular.decode_csv`):
a plain UTF-8 file (with or without a byte-order mark or an Excel ``sep=``
line) is handed over as it is; anything else (``cp1258``, UTF-16, a given
``encoding=``) is decoded by ``decode_csv`` and transcoded.  :func:`parse`
reads every column as dictionary-encoded text with ``pyarrow.csv.read_csv``
(a UTF-8 file in place, :func:`prepare_file`, without loading its bytes into
Python: the parser builds each column's distinct texts and codes, no second
encoding pass); it
returns ``None`` when pyarrow refuses the text (ragged rows, bytes that are
not UTF-8), and the reader then decodes the bytes or takes the row-wise
path.  :func:`encoded_columns` takes each field's codes and distinct texts
(no Python object per row, the header's text left out, in the order the texts
first appear in the body) and drops the blank rows, keeping each row's number
for the pointers.

:func:`classify_values` is the vectorised twin of
:func:`thidua.figures._cells._classify`: the plain machine numbers
(``1585``, ``-0.75``), the Vietnamese thousands (``1.585``, ``12.000.000``,
``1.585,5``) and decimal commas (``12,5``) of the dictionary are read by
``pyarrow.compute`` regular expressions and one cast; every other distinct
cell (words, ``%``, ``31/20``, keys, exponents, spaces …) goes through the
per-cell rules.  Both give the same number, class and plan for every cell
(``tests/test_figures_columnar.py`` checks it on generated cells).

pyarrow is imported inside the functions, so that ``import thidua`` stays light.

Examples:
    >>> prepared = prepare("sep=;\nunit;indicator;period;value\nG1;members;2025;1.585\n".encode(),
    ...                    name="figures.csv", source="figures.csv", encoding=None)
    >>> prepared.delimiter, bytes(prepared.body[:4])
    (';', b'unit')
    >>> table = parse(prepared)
    >>> table.num_rows, table.column(3).to_pylist()
    (2, ['value', '1.585'])

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import codecs
import math
import mmap
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast, overload

import attrs
import numpy as np
import numpy.typing as npt

from thidua._text import nul_joined
from thidua.figures._cells import _EMPTY, _NUM, _Cell, _id_text, _read_value
from thidua.figures._columns import FloatArray, _Col
from thidua.io import CsvText, decode_csv, sniff_delimiter
from thidua.problems import Problem
from thidua.typing import PathLike

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "Prepared",
    "classify_values",
    "encoded_columns",
    "parse",
    "prepare",
    "prepare_file",
    "release_memory",
]

_BOM = codecs.BOM_UTF8
_SNIFF_BYTES = 4 * 65_536 + 4  # at least the 65,536 characters sniff_delimiter looks at
_VALIDATE_CHUNK = 1 << 22
_WIDE = 1_024  # column types given when the header line is longer than the head read


@attrs.frozen(kw_only=True)
class Prepared:
    """UTF-8 bytes for pyarrow, their separator, and what decoding them found.

    Attributes:
        data: UTF-8 bytes whose CSV text starts at *start* (after a byte-order
            mark or a ``sep=`` line; the bytes are not copied to skip them).
        delimiter: the field separator.
        start: where the CSV text starts in *data*.
        problems: the ``S020`` warning of a guessed encoding.
        encoding: the encoding asked for (``None`` or ``utf-8`` when *data* is the file's bytes).
        decoded: the decoded text when it was decoded (the row-wise path reuses it).
        path: the file, when pyarrow reads it in place (*data* is then empty).
        width: for a file read in place, the header's number of cells (at most).
    """

    data: bytes
    delimiter: str
    start: int = 0
    encoding: str | None = None
    problems: tuple[Problem, ...] = ()
    decoded: CsvText | None = None
    path: Path | None = None
    width: int = 0

    @property
    def body(self) -> memoryview:
        """The CSV text's bytes (a view)."""
        return memoryview(self.data)[self.start :]

    def text(self, *, name: str, source: str) -> CsvText:
        """The decoded text, for the row-wise path (decoded now when it was not yet)."""
        if self.decoded is not None:
            return self.decoded
        return decode_csv(self.data, file=name, source=source, encoding=self.encoding)


def _valid_utf8(data: bytes) -> bool:
    """Whether *data* is UTF-8 as Python's codec says (in chunks: flat memory)."""
    if data.isascii():
        return True
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(data), _VALIDATE_CHUNK):
            decoder.decode(data[start : start + _VALIDATE_CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


_NOT_UTF8_STARTS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"PK\x03\x04", b"\xd0\xcf")


def _utf16_without_bom(head: bytes) -> bool:
    """The heuristic of :func:`decode_csv`: ASCII text in UTF-16 without a byte-order mark."""
    return len(head) >= 4 and head[1] == 0 and head[3] == 0 and bool(head[0]) and bool(head[2])


def _plain_utf8(data: bytes, encoding: str | None) -> bool:
    """Whether the bytes can go to pyarrow undecoded: UTF-8 that decode_csv reads as UTF-8."""
    if encoding not in (None, "utf-8"):
        return False
    if data.startswith(_NOT_UTF8_STARTS) or _utf16_without_bom(data[:4]):
        return False  # decode_csv says what these are
    return _valid_utf8(data)


def _layout_of(head: bytes, encoding: str | None) -> tuple[int, str] | None:
    """Where the CSV text starts (after a byte-order mark and a ``sep=`` line) and its separator.

    *head* is the start of the file (at least :data:`_SNIFF_BYTES` of it, or
    all).  ``None`` when the separator line is not one byte: decode_csv decides.
    """
    start = len(_BOM) if head.startswith(_BOM) else 0
    end = head.find(b"\n", start)
    marker = head[start:end].rstrip(b"\r") if end >= 0 else b""
    if len(marker) == len(b"sep=;") and marker.lower().startswith(b"sep="):
        try:
            return end + 1, marker[4:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    sniffed = head[start : start + _SNIFF_BYTES].decode("utf-8", errors="ignore")
    return start, sniff_delimiter(sniffed)


def prepare(data: bytes, *, name: str, source: str, encoding: str | None) -> Prepared:
    """UTF-8 bytes and separator of a CSV file, decoded as :func:`decode_csv` would.

    Raises:
        UnreadableInputError: as :func:`decode_csv` (the reader makes it an ``S001``).
    """
    if _plain_utf8(data, encoding):
        found = _layout_of(data[: _SNIFF_BYTES + 16], encoding)
        if found is not None:
            start, separator = found
            return Prepared(data=data, delimiter=separator, start=start, encoding=encoding)
    decoded = decode_csv(data, file=name, source=source, encoding=encoding)
    return Prepared(
        data=decoded.text.encode("utf-8"),
        delimiter=decoded.delimiter,
        problems=decoded.problems,
        decoded=decoded,
    )


def prepare_file(path: PathLike, encoding: str | None) -> Prepared | None:
    """The file for pyarrow to read in place (not loaded into Python), or ``None``.

    Only the start of the file is read here: its byte-order mark, ``sep=``
    line and separator.  ``None`` when the bytes must be decoded first (a
    given legacy encoding, UTF-16, a workbook); pyarrow itself refuses
    bytes that are not UTF-8 (then the reader decodes them).
    """
    if encoding not in (None, "utf-8"):
        return None
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES + 16)
    if not head or head.startswith(_NOT_UTF8_STARTS) or _utf16_without_bom(head):
        return None
    found = _layout_of(head, encoding)
    if found is None:
        return None
    start, separator = found
    end = head.find(b"\n", start)
    whole = len(head) < _SNIFF_BYTES + 16  # the head is the whole file
    width = (
        head.count(separator.encode("utf-8"), start, len(head) if end < 0 else end) + 1
        if end >= 0 or whole
        else _WIDE
    )
    return Prepared(
        data=b"", delimiter=separator, start=start, encoding=encoding, path=Path(path), width=width
    )


def _has_quote(path: Path, start: int) -> bool:
    """Whether the file holds a ``"`` after *start* (a memory-mapped scan, no copy)."""
    with open(path, "rb") as handle:
        try:
            view = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file cannot be mapped
            return False
        with view:
            return view.find(b'"', start) >= 0


def parse(prepared: Prepared, *, threads: bool = True) -> pa.Table | None:
    """Every record of the text as a row of text cells (the header is row 0), or ``None``.

    ``None`` means the :mod:`csv` module must read the file: pyarrow refused
    it (a row with more or fewer cells than the header, an empty file, text
    that is not UTF-8).  Blank lines are kept as rows of empty cells, so that
    row numbers match the file's records.  *threads* ``False`` parses on the
    calling thread alone (for a parse in the background of other work).
    """
    import pyarrow as pa  # noqa: PLC0415 - heavy: imported when a file is read
    import pyarrow.csv as pa_csv  # noqa: PLC0415

    start, delimiter = prepared.start, prepared.delimiter
    separator = delimiter.encode("utf-8")
    if len(separator) != 1 or delimiter == '"':
        return None
    source: Any
    if prepared.path is not None:
        quoted = _has_quote(prepared.path, start)
        source = pa.OSFile(str(prepared.path), "r")
        source.seek(start)
        width = prepared.width
    else:
        data = prepared.data
        if start >= len(data) or data.startswith(_BOM, start):
            return None  # a second byte-order mark: pyarrow would drop it too
        quoted = data.find(b'"', start) >= 0
        source = pa.BufferReader(pa.py_buffer(data)[start:])
        line_end = data.find(b"\n", start)
        width = data.count(separator, start, line_end if line_end >= 0 else len(data)) + 1
    try:
        table = pa_csv.read_csv(
            source,
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True, use_threads=threads),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter,
                quote_char='"',
                double_quote=True,
                escape_char=False,
                # A line break can only be inside a quoted cell: without a quote in
                # the file, pyarrow may split it into blocks and parse them in parallel.
                newlines_in_values=quoted,
                ignore_empty_lines=False,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types={f"f{i}": _TEXT_CODES() for i in range(width)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    finally:
        source.close()
    if table.num_rows == 0 or any(t != _TEXT_CODES() for t in table.schema.types):
        return None
    # One dictionary per column (the parser gives each block its own): codes comparable
    # across blocks, the texts in the order they first appear in the file.
    return table.unify_dictionaries()


def _TEXT_CODES() -> pa.DataType:  # noqa: N802 - a type constant, made once pyarrow is imported
    import pyarrow as pa  # noqa: PLC0415

    return pa.dictionary(pa.int32(), pa.string())


def release_memory() -> None:
    """Give the memory pyarrow's pool no longer uses back to the system."""
    import pyarrow as pa  # noqa: PLC0415

    pa.default_memory_pool().release_unused()


def _view(array: pa.Array[Any], dtype: type[np.generic]) -> npt.NDArray[Any]:
    """A primitive Arrow array without nulls as numpy: a view of its data buffer.

    (``Array.to_numpy`` would import pandas, half a second, for nothing.)
    """
    assert array.null_count == 0
    offset, size = array.offset, len(array)
    buffer = array.buffers()[1]
    if buffer is None:  # pragma: no cover - an empty array
        return np.empty(0, dtype=dtype)
    if dtype is np.bool_:
        bits = np.frombuffer(cast("Any", buffer), dtype=np.uint8)
        unpacked = np.unpackbits(bits, count=offset + size, bitorder="little")[offset:]
        return unpacked.view(np.bool_)
    view: npt.NDArray[Any] = np.frombuffer(cast("Any", buffer), dtype=dtype, count=offset + size)
    return view[offset:]


def _chunked(array: pa.ChunkedArray[Any], dtype: type[np.generic]) -> npt.NDArray[Any]:
    parts = [_view(c, dtype) for c in array.chunks]
    if not parts:
        return np.empty(0, dtype=dtype)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _arrow_mask(mask: npt.NDArray[np.bool_]) -> pa.Array[Any]:
    """A numpy mask as an Arrow boolean array (built from its packed bits)."""
    import pyarrow as pa  # noqa: PLC0415

    packed = np.packbits(mask, bitorder="little")
    bits = pa.py_buffer(packed.tobytes())
    return pa.Array.from_buffers(pa.bool_(), int(mask.size), [None, bits])


class ArrowTexts(Sequence[str]):
    """A read-only sequence over a pyarrow string array, each item made when asked."""

    __slots__ = ("array",)

    def __init__(self, array: pa.Array[Any]) -> None:
        self.array = array

    def __len__(self) -> int:
        return len(self.array)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [str(v) for v in self.array[index].to_pylist()]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return str(self.array[index].as_py())

    def __iter__(self) -> Iterator[str]:
        return iter([str(v) for v in self.array.to_pylist()])


def header_of(table: pa.Table) -> list[str]:
    """The header row's cells."""
    return [str(table.column(i)[0].as_py()) for i in range(table.num_columns)]


def encoded_columns(
    table: pa.Table, columns: dict[str, int]
) -> tuple[dict[str, _Col], npt.NDArray[np.int32]]:
    """The fields' columns dictionary-encoded, blank rows left out, and each row's number.

    Row numbers count the header as row 1, as the file's records.  Each
    field's codes are numpy ``int32``; its distinct texts stay in Arrow
    (:class:`ArrowTexts`) until a step asks for them.
    """
    n = table.num_rows - 1
    coded: dict[int, tuple[npt.NDArray[np.int32], pa.Array[Any]]] = {}

    def body(j: int) -> tuple[npt.NDArray[np.int32], pa.Array[Any]]:
        if j not in coded:
            coded[j] = _body_codes(table.column(j), n)
        return coded[j]

    blank = np.ones(n, dtype=np.bool_)
    for j in range(table.num_columns):  # a blank row: every cell empty
        codes, dictionary = body(j)
        blank &= _byte_lengths(dictionary)[codes] == 0
        if not blank.any():
            break
    keep = None if not blank.any() else np.flatnonzero(~blank)
    rows = (np.arange(n, dtype=np.int32) if keep is None else keep.astype(np.int32)) + 2
    cols: dict[str, _Col] = {}
    for field, index in columns.items():
        codes, dictionary = body(index)
        if keep is not None:
            codes = codes[keep]
        cols[field] = _Col(codes, ArrowTexts(dictionary), dictionary)
    return cols, rows


def _byte_lengths(strings: pa.Array[Any]) -> npt.NDArray[np.int32]:
    """The length in bytes of each text of a string array, from its offsets (no compute kernel).

    Examples:
        >>> import pyarrow as pa
        >>> _byte_lengths(pa.array(["", "Hà", "x", ""]).slice(1)).tolist()
        [3, 1, 0]
    """
    offsets = strings.buffers()[1]
    if offsets is None or not len(strings):
        return np.zeros(len(strings), dtype=np.int32)
    start = strings.offset
    view = np.frombuffer(cast("Any", offsets), dtype=np.int32, count=start + len(strings) + 1)
    return np.diff(view[start:]).astype(np.int32, copy=False)


def _body_codes(
    column: pa.ChunkedArray[Any], n: int
) -> tuple[npt.NDArray[np.int32], pa.Array[Any]]:
    """The codes of the *n* body rows of a parsed column, and its texts, header left out.

    The parser numbers the texts in the order they first appear, the header's
    first (code 0).  The body's numbering puts the header's text where it first
    appears in the body (``1..m`` are the texts seen before it), or drops it.
    """
    chunks: list[Any] = list(column.chunks)
    dictionary = chunks[0].dictionary if chunks else _empty_strings()
    # The body's codes, one less than the parser's, in one array filled chunk by chunk
    # (a concatenation, then a subtraction, would make two arrays as long as the file).
    codes = np.empty(n, dtype=np.int32)
    at = -1  # the header row is dropped
    for chunk in chunks:
        part = _view(chunk.indices, np.int32)
        if at < 0:
            part, at = part[1:], 0
        np.subtract(part, np.int32(1), out=codes[at : at + part.size])
        at += part.size
    header_rows = np.flatnonzero(codes == -1)
    if header_rows.size == 0:  # the usual case: the header's text is not a cell
        return codes, dictionary.slice(1)
    codes += np.int32(1)  # the parser's numbering again, then the body's
    seen_before = int(codes[: header_rows[0]].max(initial=0))  # the texts 1..m
    order = np.concatenate(
        (np.arange(1, seen_before + 1), [0], np.arange(seen_before + 1, len(dictionary)))
    )
    remap = np.empty(len(dictionary), dtype=np.int32)
    remap[order] = np.arange(len(dictionary), dtype=np.int32)
    return remap[codes], dictionary.take(order.astype(np.int64))


def _empty_strings() -> pa.Array[Any]:
    import pyarrow as pa  # noqa: PLC0415

    return pa.array([], type=pa.string())


# Regular expressions (RE2) of the cells read without Python, on the distinct texts.
_MACHINE = r"^-?[0-9]+(?:\.[0-9]+)?$"  # float() reads it: 1585, -0.75, 007
_ONE_GROUP = r"^-?[0-9]{1,3}\.[0-9]{3}$"  # 1.585 looks like thousands: not a machine number
_GROUPED = r"^-?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?$"  # 1.585, 12.000.000, 1.585,5
_ENGLISH = r"^-?0[0-9]{0,2}\.[0-9]{3}$"  # 0.585: parse_number's auto style reads a decimal
_COMMA = r"^-?[0-9]+,[0-9]+$"  # 12,5
_EXACT_DIGITS = 28  # Decimal's precision: parse_number is exact below it


def _mask(array: pa.StringArray, pattern: str) -> npt.NDArray[np.bool_]:
    import pyarrow.compute as pc  # noqa: PLC0415

    out: npt.NDArray[np.bool_] = _view(pc.match_substring_regex(array, pattern), np.bool_)
    return out


def classify_values(
    dictionary: pa.StringArray,
) -> tuple[FloatArray, npt.NDArray[np.int8], FloatArray, dict[int, _Cell]]:
    """Number, class and plan of each distinct value text, and one more entry: a missing cell.

    The same result as :func:`thidua.figures._cells._classify` on the
    dictionary's texts for the number, class and plan of every entry; the
    returned cells are those read by the per-cell rules (the others are
    plain numbers without words).

    Examples:
        >>> import pyarrow as pa
        >>> numbers, kinds, plans, cells = classify_values(
        ...     pa.array(["1.585", "12,5", "-7", "31/20", "", "P1;P2"]))
        >>> numbers[:3].tolist(), kinds.tolist(), sorted(cells)
        ([1585.0, 12.5, -7.0], [0, 0, 0, 0, 3, 1, 3], [3, 5])
        >>> float(plans[3])
        20.0
    """
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    size = len(dictionary)
    numbers = np.full(size + 1, math.nan)
    kinds = np.full(size + 1, _NUM, dtype=np.int8)
    kinds[size] = _EMPTY
    plans = np.full(size + 1, math.nan)
    cells: dict[int, _Cell] = {}
    if size == 0:
        return numbers, kinds, plans, cells
    lengths = _view(pc.binary_length(dictionary), np.int32)
    empty = lengths == 0
    machine = _mask(dictionary, _MACHINE) & ~_mask(dictionary, _ONE_GROUP)
    short = lengths <= _EXACT_DIGITS
    grouped = _mask(dictionary, _GROUPED) & short
    english = grouped & _mask(dictionary, _ENGLISH)
    comma = _mask(dictionary, _COMMA) & short
    vietnamese = (grouped & ~english) | comma
    fast = machine | english | vietnamese
    if fast.any():
        plain = pc.replace_substring(
            pc.replace_substring(dictionary, pattern=".", replacement=""),
            pattern=",",
            replacement=".",
        )
        chosen = pc.if_else(_arrow_mask(vietnamese), plain, dictionary)
        picked = pc.filter(chosen, _arrow_mask(fast))
        got = _view(pc.cast(picked, pa.float64()), np.float64)
        numbers[:size][fast] = got
        huge = np.flatnonzero(fast)[~np.isfinite(got)]  # 400 digits: beyond a float
        fast[huge] = False  # the row-wise reader says why
    kinds[:size][empty] = _EMPTY
    for j in np.flatnonzero(~(fast | empty)).tolist():
        cell = cells[j] = _read_value(dictionary[j].as_py())
        numbers[j], kinds[j], plans[j] = cell.number, cell.kind, cell.plan
    return numbers, kinds, plans, cells


_UNCLEAN_ID = re.compile(r"[^\x00 -~]|(?:^|\x00) | (?:\x00|$)")
"""In the ids joined by NUL: a character that is not printable ASCII, or an id starting or
ending with a space (the ids :func:`_id_text` would change)."""


def id_texts(col: _Col) -> list[str | None]:
    """Each distinct id text as :func:`_id_text` makes it (``None`` when empty).

    Texts of printable ASCII that neither start nor end with a space are
    already what the rule makes them: only the others go through Python.
    """
    if col.arrow is None:
        return [_id_text(u) or None for u in col.uniques]
    dictionary = col.arrow
    texts: list[str | None] = list(dictionary.to_pylist())
    joined = nul_joined(cast("list[str]", texts))
    if joined is not None and not _UNCLEAN_ID.search(joined):
        # Every text is printable ASCII without a space at either end: kept as it is.
        if "" in texts:  # the dictionary's texts are distinct: one empty cell at most
            texts[texts.index("")] = None
        return texts
    clean = _mask(dictionary, r"^[!-~](?:[ -~]*[!-~])?$")
    for j in np.flatnonzero(~clean).tolist():
        texts[j] = _id_text(texts[j]) or None
    return texts
