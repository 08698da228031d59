r"""Tables read into columns: pyarrow for CSV, the same columns for Excel sheets.

:func:`read_csv_columns` reads a CSV file into a :class:`ColumnTable`: every
column dictionary-encoded (``codes`` into ``uniques``, each distinct cell
text once), blank rows dropped, the row number of every kept row.  The bytes
are decoded by :func:`thidua.io._tabular.decode_csv` (byte-order marks,
``cp1258``, ``encoding=``, the ``sep=`` line, the separator sniffed from the
header) and parsed by ``pyarrow.csv.read_csv`` with every column as text.
pyarrow gives the same cells as the :mod:`csv` module on every file it
accepts (rows of the header's width; a property test compares them); a file
it refuses (a short or long row, an unterminated quote) or a cell beyond the
:mod:`csv` field limit is read by the :mod:`csv` module, through
:func:`~thidua.io._tabular.table_from_cells`, so that its problems are those
of the row reader.  Excel sheets come through the row reader too
(:func:`from_table`).

pyarrow is imported inside the functions: ``import thidua`` stays light.

Examples:
    >>> import tempfile, pathlib
    >>> from thidua.io._schema import TABLES
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "links.csv").write_text("Đơn vị;Đơn vị cấp trên\nG1;D1\n;;\nG2;D1\n")
    >>> table = read_csv_columns(tmp / "links.csv", TABLES["links"].spec)
    >>> table.values("parent"), table.rows.tolist()
    (['D1', 'D1'], [2, 4])

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import attrs
import numpy as np
import numpy.typing as npt

from thidua.errors import UnreadableInputError
from thidua.io._tabular import (
    CsvText,
    HeaderLayout,
    Row,
    Table,
    TableSpec,
    header_layout,
    read_csv_text,
    table_from_cells,
)
from thidua.problems import Pointer, Problem, StructureCode, problem
from thidua.typing import PathLike, ProgressCallback

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["ColumnTable", "Encoded", "from_table", "read_csv_columns"]

IntArray = npt.NDArray[np.int64]


@attrs.frozen(kw_only=True, eq=False)
class Encoded:
    """One column of raw cell text, dictionary-encoded.

    Attributes:
        codes: for each row, the position of its text in :attr:`uniques`.
        uniques: the distinct cell texts.
    """

    codes: IntArray
    uniques: list[str]

    def values(self) -> list[str]:
        """The cell text of every row."""
        lookup = np.asarray(self.uniques, dtype=object)
        return list(lookup[self.codes]) if len(self.codes) else []

    def at(self, position: int) -> str:
        """The cell text of one row."""
        return self.uniques[int(self.codes[position])]

    def take(self, positions: IntArray) -> Encoded:
        """The rows at *positions*."""
        return Encoded(codes=self.codes[positions], uniques=self.uniques)

    def empty_code(self) -> int:
        """The code of ``""`` (``-1`` when no cell is empty)."""
        try:
            return self.uniques.index("")
        except ValueError:
            return -1


def _encode_list(cells: Sequence[str]) -> Encoded:
    index: dict[str, int] = {}
    codes = np.fromiter(
        (index.setdefault(c, len(index)) for c in cells), dtype=np.int64, count=len(cells)
    )
    return Encoded(codes=codes, uniques=list(index))


@attrs.frozen(kw_only=True, eq=False)
class ColumnTable:
    """A table read into columns (the columnar counterpart of :class:`~thidua.io._tabular.Table`).

    Attributes:
        spec: the spec it was read with.
        file: the file name shown in pointers.
        sheet: the sheet name for Excel, else ``None``.
        headers: canonical field → header as written, for present fields.
        extra_headers: headers of kept unknown columns, in column order.
        columns: field → its encoded cells.
        extra: kept unknown header → its encoded cells.
        rows: the 1-based row number of every kept (non-blank) row.
        problems: header and row-shape problems (``S002``, ``S007``, ``S008``).
    """

    spec: TableSpec
    file: str
    sheet: str | None
    headers: Mapping[str, str]
    extra_headers: tuple[str, ...]
    columns: Mapping[str, Encoded]
    extra: Mapping[str, Encoded]
    rows: IntArray
    problems: tuple[Problem, ...]

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def complete(self) -> bool:
        """Whether every required column was found (rows were read)."""
        return not any(p.code == "S002" for p in self.problems)

    def values(self, field: str) -> list[str]:
        """The raw cell text of *field* on every row."""
        return self.columns[field].values()

    def pointer(self, position: int) -> Pointer:
        """The pointer of the row at *position*."""
        return Pointer(
            file=self.file, sheet=self.sheet, row=int(self.rows[position]), headers=self.headers
        )

    def row(self, position: int) -> Row:
        """The row at *position*, as the row reader gives it."""
        values = {f: c.at(position) for f, c in self.columns.items()}
        extra = {h: v for h, c in self.extra.items() if (v := c.at(position)) != ""}
        return Row(values=values, extra=extra, pointer=self.pointer(position))

    def to_table(self) -> Table:
        """The rows as a :class:`~thidua.io._tabular.Table` (one object per row: small tables)."""
        return Table(
            spec=self.spec,
            file=self.file,
            sheet=self.sheet,
            headers=self.headers,
            extra_headers=self.extra_headers,
            rows=tuple(self.row(i) for i in range(len(self))),
            problems=self.problems,
        )


def from_table(table: Table) -> ColumnTable:
    """The columns of a table read row by row (Excel sheets, irregular CSV files).

    Examples:
        >>> from thidua.io._schema import TABLES
        >>> t = table_from_cells([["id", "name", "kind", "Khu vực"], ["A", "Tên", "x", "Bắc"]],
        ...                      TABLES["units"].spec, file="units.csv")
        >>> from_table(t).row(0).extra
        {'Khu vực': 'Bắc'}
    """
    fields = tuple(table.headers)
    columns = {f: _encode_list([r.values[f] for r in table.rows]) for f in fields}
    extra = {h: _encode_list([r.extra.get(h, "") for r in table.rows]) for h in table.extra_headers}
    rows = np.fromiter(
        (r.pointer.row or 0 for r in table.rows), dtype=np.int64, count=len(table.rows)
    )
    return ColumnTable(
        spec=table.spec,
        file=table.file,
        sheet=table.sheet,
        headers=table.headers,
        extra_headers=table.extra_headers,
        columns=columns,
        extra=extra,
        rows=rows,
        problems=table.problems,
    )


def _lines(text: str) -> Iterator[str]:
    """The lines of *text* with their ends, made as the reader asks for them."""
    start = 0
    size = len(text)
    while start < size:
        ends = [i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0]
        end = min(ends) + 1 if ends else size
        if end < size and text[end - 1] == "\r" and text[end] == "\n":
            end += 1
        yield text[start:end]
        start = end


def _header(decoded: CsvText) -> list[str]:
    """The first record of the file (read from its first lines only)."""
    return next(csv.reader(_lines(decoded.text), delimiter=decoded.delimiter), [])


def _arrow_cells(decoded: CsvText, width: int) -> list[Encoded] | None:
    """Every column of the file (header row included), or ``None`` if pyarrow refuses it."""
    import pyarrow as pa  # noqa: PLC0415 - heavy: imported when a table is read
    import pyarrow.csv as pa_csv  # noqa: PLC0415

    if decoded.utf8 is not None:  # the file's own bytes: no second copy of the text
        data, start = decoded.utf8, decoded.utf8_start
    else:
        try:
            data, start = decoded.text.encode("utf-8"), 0
        except UnicodeEncodeError:
            return None
    source: Any = pa.BufferReader(pa.py_buffer(data)[start:])  # a view: no copy
    try:
        table = pa_csv.read_csv(
            source,
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True),
            parse_options=pa_csv.ParseOptions(
                delimiter=decoded.delimiter,
                # without a quote there is no line break inside a cell: parse in parallel
                newlines_in_values=data.find(b'"', start) >= 0,
                ignore_empty_lines=False,
            ),
            convert_options=pa_csv.ConvertOptions(
                # Dictionary columns: the parser finds each column's distinct texts.
                column_types=dict.fromkeys(
                    [f"f{i}" for i in range(width)], pa.dictionary(pa.int32(), pa.string())
                ),
                strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if table.num_columns != width:
        return None
    table = table.unify_dictionaries()  # one numbering per column across the parser's blocks
    limit = csv.field_size_limit()
    out = []
    for i in range(width):
        encoded = _encode_arrow(table.column(i))
        if encoded.uniques and max(map(len, encoded.uniques)) > limit:
            return None  # the csv module refuses it: let it say so
        out.append(encoded)
    return out


def _encode_arrow(column: pa.ChunkedArray[Any]) -> Encoded:
    """The codes and texts of a dictionary column whose blocks share one dictionary."""
    chunks: list[Any] = list(column.chunks)
    parts = [_indices(c.indices) for c in chunks]
    codes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    uniques = cast("list[str]", chunks[0].dictionary.to_pylist()) if chunks else []
    return Encoded(codes=codes, uniques=uniques)


def _indices(indices: pa.Array[Any]) -> IntArray:
    """An Arrow index array as int64 (its buffer read directly: ``to_numpy`` imports pandas)."""
    width = indices.type.bit_width // 8
    buffer = indices.buffers()[1]
    if buffer is None or not len(indices):
        return np.zeros(0, dtype=np.int64)
    raw = np.frombuffer(
        memoryview(buffer), dtype=f"<i{width}", count=len(indices), offset=indices.offset * width
    )
    return raw.astype(np.int64)


def _columnar(
    spec: TableSpec, layout: HeaderLayout, cells: list[Encoded], file: str
) -> ColumnTable:
    spec_problems = list(layout.problems)
    n = len(cells[0].codes) - 1 if cells else 0
    data = [c.take(np.arange(1, n + 1, dtype=np.int64)) for c in cells]
    filled = np.zeros(n, dtype=np.bool_)
    for column in data:
        empty = column.empty_code()
        filled |= column.codes != empty
    keep = np.nonzero(filled)[0]
    rows = keep.astype(np.int64) + 2
    headers = dict(layout.headers)
    found: list[tuple[int, int]] = []
    for index in layout.blank:
        column = data[index]
        used = np.nonzero(column.codes != column.empty_code())[0]
        if used.size:
            found.append((int(used[0]) + 2, index))
    for number, index in sorted(found):
        spec_problems.append(
            problem(
                StructureCode.UNKNOWN_FIELD,
                f"column {index + 1} has no header; its values are ignored",
                pointer=Pointer(file=file, row=number, headers=headers),
            )
        )
    return ColumnTable(
        spec=spec,
        file=file,
        sheet=None,
        headers=headers,
        extra_headers=layout.extra_headers,
        columns={f: data[i].take(keep) for f, i in layout.columns.items()},
        extra={h: data[i].take(keep) for i, h in layout.extra},
        rows=rows,
        problems=tuple(spec_problems),
    )


def read_csv_columns(
    path: PathLike,
    spec: TableSpec,
    *,
    progress: ProgressCallback | None = None,
    encoding: str | None = None,
) -> ColumnTable:
    """Read a CSV file into columns (see the module docstring).

    Args:
        path: the file.
        spec: its fields and aliases.
        progress: called once with ``(file_name, rows, rows)`` when the file is read.
        encoding: a Python codec name, or ``None`` to detect it.

    Returns:
        The columns; the ``S020`` warning of a guessed encoding comes first in
        its problems, as :func:`~thidua.io._tabular.read_csv_table` gives it.

    Raises:
        UnreadableInputError: the file cannot be opened, cannot be decoded,
            or is not CSV.
    """
    decoded = read_csv_text(path, encoding=encoding)
    file = Path(path).name
    header = _header(decoded) if decoded.text else []
    cells = _arrow_cells(decoded, len(header)) if header else None
    if cells is None:
        try:
            table = table_from_cells(decoded.reader(), spec, file=file, progress=progress)
        except csv.Error as exc:
            raise UnreadableInputError(os.fspath(path), f"not CSV ({exc})") from None
        columns = from_table(table)
    else:
        layout = header_layout(header, spec, file=file)
        if not layout.complete:
            columns = from_table(
                Table(
                    spec=spec,
                    file=file,
                    sheet=None,
                    headers=layout.headers,
                    extra_headers=layout.extra_headers,
                    rows=(),
                    problems=layout.problems,
                )
            )
        else:
            columns = _columnar(spec, layout, cells, file)
        if progress is not None:
            progress(file, len(columns), len(columns))
    if decoded.problems:
        columns = attrs.evolve(columns, problems=decoded.problems + columns.problems)
    return columns
