r"""The tables beyond the hierarchy (people, awards, campaigns …): read, kept and written alike.

The hierarchy tables (``units`` … ``metadata``) become records through
:mod:`thidua.io._dataset_tables`; the indicators and figures have engines of
their own.  Every other table of a workspace is a **domain table**: it is
declared once (a :class:`~thidua.io._schema.TableDeclaration` in one of the
modules of :data:`DOMAIN_SCHEMAS`), and that declaration alone makes it

* read from ``NAME.csv`` in a directory (the same CSV reader: separator,
  BOM and encoding detection, Vietnamese header aliases), from the sheet
  ``NAME`` of a workbook (or one of the declaration's Vietnamese
  :attr:`~thidua.io._schema.TableDeclaration.sheets`), or from the list
  ``NAME`` of a JSON/YAML document;
* kept as a :class:`DataTable`: the cells as text, dictionary-encoded by
  column, with the pointer of every row, so that writing it back in any
  format gives the same cells (lossless by construction);
* read into typed values by :func:`parse_column` (dates, numbers written the
  Vietnamese way, yes/no words, enum words, ``;`` lists), with one problem
  per unreadable cell naming the table, the row and the column;
* checked by the check function its schema module names (``CHECK``), which
  :func:`thidua.workspace.validate` calls in the same pass as every other
  check.

A schema module holds ``DECLARATIONS`` (a tuple of declarations) and
``CHECK`` (``"module:function"``, a function ``(workspace) -> Report``, or
``None``); it imports nothing heavy, so that listing the tables stays cheap.

Examples:
    >>> from thidua.io._schema import Column, ColumnType, TableDeclaration
    >>> decl = TableDeclaration(name="scores", columns=[
    ...     Column(name="unit", type=ColumnType.REFERENCE, required=True, aliases=("Đơn vị",)),
    ...     Column(name="score", type=ColumnType.NUMBER, aliases=("Điểm",)),
    ...     Column(name="on", type=ColumnType.DATE)])
    >>> table = DataTable.from_rows(decl, [{"unit": "C1", "score": "1.585", "on": "45474"},
    ...                                    {"unit": "C2", "score": "nhiều"}], file="scores.csv")
    >>> problems = []
    >>> parse_column(table, "score", problems).values()
    [1585.0, None]
    >>> parse_column(table, "on", problems).values()
    [Date(2024, 7, 1), None]
    >>> [(p.code, str(p.pointer)) for p in problems]
    [('S006', 'scores.csv row 3, column score')]

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import enum
import functools
import importlib
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from thidua._dates import format_date, parse_date_cell
from thidua._text import name_key, nfc
from thidua.errors import DateParseError, ValueParseError
from thidua.io._columnar import ColumnTable, Encoded, from_table, read_csv_columns
from thidua.io._schema import ENUM_WORDS, TABLES, Column, ColumnType, TableDeclaration
from thidua.io._tabular import Row, Table, write_csv_table
from thidua.problems import Pointer, Problem, StructureCode, problem
from thidua.values import parse_number

if TYPE_CHECKING:
    from thidua.io._excel import Sheet

__all__ = [
    "DOMAIN_SCHEMAS",
    "DataTable",
    "ParsedColumn",
    "domain_checks",
    "domain_tables",
    "find_table_file",
    "parse_column",
    "read_domain_csv",
    "read_domain_document",
    "read_domain_sheets",
    "table_objects",
    "table_sheet",
    "write_domain_csv",
]

IntArray = npt.NDArray[np.int64]

DOMAIN_SCHEMAS: tuple[str, ...] = (
    "thidua.io._schema_people",
    "thidua.io._schema_campaigns",
    "thidua.io._schema_contests",
    "thidua.io._schema_proposals",
)
"""The modules declaring the domain tables, in the order their tables are written."""

_OWN_TABLES = frozenset({*(d.name for d in TABLES.values()), "indicators", "figures"})


@functools.cache
def _schemas() -> tuple[tuple[tuple[TableDeclaration, ...], str | None], ...]:
    out = []
    for name in DOMAIN_SCHEMAS:
        module = importlib.import_module(name)
        out.append((tuple(module.DECLARATIONS), module.CHECK))
    return tuple(out)


@functools.cache
def domain_tables() -> Mapping[str, TableDeclaration]:
    """Every domain table's declaration, by name, in the order they are written.

    Raises:
        ValueError: two schema modules declare one name, or a declaration
            takes the name of a hierarchy table (a programming error).

    Examples:
        >>> "units" in domain_tables()
        False
    """
    found: dict[str, TableDeclaration] = {}
    for declarations, _check in _schemas():
        for d in declarations:
            if d.name in found or d.name in _OWN_TABLES:
                msg = f"the table {d.name!r} is declared twice"
                raise ValueError(msg)
            found[d.name] = d
    return found


def domain_checks() -> tuple[str, ...]:
    """The ``"module:function"`` check of each schema module that has one.

    Examples:
        >>> all(":" in c for c in domain_checks())
        True
    """
    return tuple(check for _d, check in _schemas() if check)


def resolve_check(spec: str) -> Callable[..., Any]:
    """The function a ``"module:function"`` check names (imported on use)."""
    module, _, name = spec.partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return found


# -- the table -----------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """The text of a value given in Python (:meth:`DataTable.from_rows`)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if hasattr(value, "isoformat") and hasattr(value, "toordinal"):
        return format_date(value)  # type: ignore[arg-type]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, list | tuple | frozenset | set):
        items = sorted(value) if isinstance(value, frozenset | set) else value
        return ";".join(_cell(v) for v in items)
    return nfc(str(value))


@attrs.frozen(kw_only=True, eq=False)
class DataTable:
    """A domain table as read: its cells as text, by column, with where each row came from.

    Two tables are equal when they have the same declaration, the same
    columns present and the same cells (where they were read from does not
    matter), so a workspace read back after writing is equal to the one
    written.

    Attributes:
        declaration: what the table holds.
        columns: the cells, dictionary-encoded, and their row pointers.

    .. versionadded:: 0.2.0
    """

    declaration: TableDeclaration
    columns: ColumnTable

    @classmethod
    def from_rows(
        cls,
        declaration: TableDeclaration,
        rows: Iterable[Mapping[str, object]],
        *,
        file: str | None = None,
    ) -> DataTable:
        """Build a table from rows given in Python (keys: field names, or headers of attributes).

        Values are written as the text a file would hold: dates ISO, yes/no,
        enum values, lists joined with ``;``.  Keys that are not fields are
        attribute columns (kept only when the declaration has attributes).

        Examples:
            >>> from thidua.io._schema import Column, ColumnType, TableDeclaration
            >>> d = TableDeclaration(name="t", columns=[Column(name="id", type=ColumnType.ID)])
            >>> DataTable.from_rows(d, [{"id": "A"}, {"id": "B"}]).text("id")
            ['A', 'B']
        """
        rows = list(rows)
        fields = declaration.fields
        used = [f for f in fields if any(f in r for r in rows)]
        for f in declaration.required_columns:
            if f not in used:
                used.append(f)
        extras: list[str] = []
        if declaration.attributes:
            for r in rows:
                extras.extend(str(k) for k in r if k not in fields and str(k) not in extras)
        spec = declaration.spec
        name = file or f"{declaration.name}.csv"
        cells = [[_cell(r.get(f)) for f in used] + [_cell(r.get(h)) for h in extras] for r in rows]
        table = Table(
            spec=spec,
            file=name,
            sheet=None,
            headers={f: f for f in used},
            extra_headers=tuple(extras),
            rows=tuple(
                Row(
                    values=dict(zip(used, c[: len(used)], strict=True)),
                    extra={h: v for h, v in zip(extras, c[len(used) :], strict=True) if v},
                    pointer=Pointer(file=name, row=i + 2, headers={f: f for f in used}),
                )
                for i, c in enumerate(cells)
            ),
            problems=(),
        )
        return cls(declaration=declaration, columns=from_table(table))

    @classmethod
    def empty(cls, declaration: TableDeclaration) -> DataTable:
        """A table with no rows (what a workspace has for a table its input lacks)."""
        return cls.from_rows(declaration, ())

    @property
    def name(self) -> str:
        """The table's name (``people``, ``campaigns`` …)."""
        return self.declaration.name

    def __len__(self) -> int:
        return len(self.columns)

    @property
    def present(self) -> tuple[str, ...]:
        """The declared fields that have a column, in declaration order."""
        return tuple(f for f in self.declaration.fields if f in self.columns.columns)

    def has(self, field: str) -> bool:
        """Whether the table has a column for *field*."""
        return field in self.columns.columns

    def encoded(self, field: str) -> Encoded:
        """The cells of *field* as codes into distinct texts (an absent column: all empty).

        Raises:
            KeyError: the declaration has no such field.
        """
        self.declaration.column(field)
        found = self.columns.columns.get(field)
        if found is None:
            return Encoded(codes=np.zeros(len(self), dtype=np.int64), uniques=[""])
        return found

    def text(self, field: str) -> list[str]:
        """The cell text of *field* on every row (``""`` where empty or absent)."""
        return self.encoded(field).values()

    @property
    def attribute_headers(self) -> tuple[str, ...]:
        """The headers of the kept attribute columns, as written."""
        return self.columns.extra_headers

    def attribute_text(self, header: str) -> list[str]:
        """The cell text of the attribute column *header* on every row."""
        return self.columns.extra[header].values()

    def pointer(self, position: int, field: str | None = None) -> Pointer:
        """Where the row at *position* (and its *field* cell) came from."""
        at = self.columns.pointer(position)
        return at if field is None else at.at(field)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The reading problems of the table (headers, row shapes, encoding)."""
        return self.columns.problems

    def rows(self) -> list[dict[str, str]]:
        """Every row as a mapping of field (and attribute header) to its non-empty text.

        One dictionary per row: for small tables, exports and tests.
        """
        present = self.present
        cols = [(f, self.text(f)) for f in present]
        cols += [(h, self.attribute_text(h)) for h in self.attribute_headers]
        return [{f: v[i] for f, v in cols if v[i] != ""} for i in range(len(self))]

    def cells(self) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """The header (fields, then attributes) and the rows of text: what equality compares.

        A column empty on every row is left out: it holds no data, and JSON
        and YAML, which write only the non-empty cells of a row, cannot keep it.
        """
        named = [(f, self.text(f)) for f in self.present]
        named += [(h, self.attribute_text(h)) for h in self.attribute_headers]
        named = [(f, v) for f, v in named if any(v)]
        header = tuple(f for f, _ in named)
        cols = [v for _, v in named]
        return header, tuple(zip(*cols, strict=True)) if cols else ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DataTable):
            return NotImplemented
        return self.declaration == other.declaration and self.cells() == other.cells()

    def __hash__(self) -> int:
        return hash((self.name, len(self)))

    def __repr__(self) -> str:
        return f"DataTable({self.name!r}, {len(self):,} rows)"


# -- typed cells ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, eq=False)
class ParsedColumn:
    """A column read into typed values: one value per distinct text, and the codes of the rows.

    Attributes:
        uniques: the typed value of each distinct text (``None``: empty or unreadable).
        codes: per row, the index into :attr:`uniques`.
        bad: per distinct text, whether it was unreadable.

    .. versionadded:: 0.2.0
    """

    uniques: list[Any]
    codes: IntArray
    bad: npt.NDArray[np.bool_]

    def values(self) -> list[Any]:
        """The typed value of every row (one Python object per row: small tables)."""
        u = self.uniques
        return [u[c] for c in self.codes.tolist()]

    def missing(self) -> npt.NDArray[np.bool_]:
        """Per row, whether the value is ``None`` (empty or unreadable)."""
        none = np.fromiter((v is None for v in self.uniques), dtype=bool, count=len(self.uniques))
        return none[self.codes]


_TRUE = frozenset({"true", "yes", "y", "1", "x", "có", "co", "đúng", "dung", "c"})
_FALSE = frozenset({"false", "no", "n", "0", "không", "khong", "sai", "k"})
_INTEGER = re.compile(r"^[+-]?\d+$")


def _boolean(text: str) -> bool:
    key = name_key(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(f"expected yes or no (có/không, true/false, 1/0, x), got {text!r}")


def enum_words(column: Column) -> dict[str, enum.Enum]:
    """The accepted words of an enum column (values, names, Vietnamese words), by name key."""
    assert column.enum_type is not None
    out: dict[str, enum.Enum] = {}
    words = {**ENUM_WORDS.get(column.enum_type, {}), **column.vocabulary}
    for member in column.enum_type:
        if isinstance(member.value, str):  # an IntEnum's integers are codes, not words
            out[name_key(member.value)] = member
        out[name_key(member.name)] = member
        for w in words.get(str(member.value), ()):
            out[name_key(w)] = member
    return out


def _reader(column: Column) -> Callable[[str], Any]:
    kind = column.type
    if kind is ColumnType.DATE:
        return parse_date_cell
    if kind is ColumnType.NUMBER:

        def number(text: str) -> float:
            value = parse_number(text)
            if not math.isfinite(value):
                raise ValueError(f"{text!r} is not a finite number")
            return value

        return number
    if kind is ColumnType.INTEGER:

        def integer(text: str) -> int:
            if _INTEGER.match(text):
                return int(text)
            value = parse_number(text)
            if not math.isfinite(value) or not value.is_integer():
                raise ValueError(f"expected a whole number, got {text!r}")
            return int(value)

        return integer
    if kind is ColumnType.BOOLEAN:
        return _boolean
    if kind is ColumnType.LIST:
        return lambda text: tuple(s for part in text.split(";") if (s := part.strip()))
    if kind is ColumnType.ENUM and column.enum_type is not None:
        words = enum_words(column)
        accepted = ", ".join(str(m.value) for m in column.enum_type)

        def member(text: str) -> enum.Enum:
            found = words.get(name_key(text))
            if found is None:
                raise ValueError(f"expected one of {accepted}, got {text!r}")
            return found

        return member
    if kind is ColumnType.TEXT:
        return lambda text: text
    return str.strip


def parse_column(
    table: DataTable, field: str, problems: list[Problem], *, subject_field: str | None = None
) -> ParsedColumn:
    """Read the cells of *field* into typed values by the column's declared type.

    Each distinct text is read once (tables repeat a lot).  An unreadable
    cell becomes ``None`` and one problem per row (``S003`` for a date,
    ``S006`` otherwise) naming the table, the row and the column; an empty
    cell of a required column is ``S004``.

    Args:
        table: the table.
        field: the column.
        problems: where the problems go.
        subject_field: the column whose text names the row's subject in
            the problems (default: the table's first key column).

    Returns:
        The typed column.

    Examples:
        >>> from thidua.io._schema import Column, ColumnType, TableDeclaration
        >>> d = TableDeclaration(name="t", columns=[
        ...     Column(name="id", type=ColumnType.ID, required=True),
        ...     Column(name="ok", type=ColumnType.BOOLEAN)], key=("id",))
        >>> t = DataTable.from_rows(d, [{"id": "A", "ok": "Có"}, {"id": "B", "ok": "chắc"},
        ...                             {"ok": "không"}])
        >>> found = []
        >>> parse_column(t, "ok", found).values(), parse_column(t, "id", found).values()
        ([True, None, False], ['A', 'B', None])
        >>> [(p.code, p.subject) for p in found]
        [('S006', 'B'), ('S004', None)]
    """
    column = table.declaration.column(field)
    encoded = table.encoded(field)
    read = _reader(column)
    uniques: list[Any] = []
    bad = np.zeros(len(encoded.uniques), dtype=bool)
    reasons: dict[int, str] = {}
    for i, text in enumerate(encoded.uniques):
        raw = text if column.type is ColumnType.TEXT else text.strip()
        if raw == "":
            uniques.append(None)
            continue
        try:
            uniques.append(read(raw))
        except (ValueError, DateParseError, ValueParseError) as exc:
            uniques.append(None)
            bad[i] = True
            reasons[i] = str(exc)
    flagged = bad[encoded.codes] if len(encoded.codes) else np.zeros(0, dtype=bool)
    empty_required = np.zeros(len(encoded.codes), dtype=bool)
    if column.required and len(encoded.codes):
        empty = np.array(
            [(u if column.type is ColumnType.TEXT else u.strip()) == "" for u in encoded.uniques],
            dtype=bool,
        )
        empty_required = empty[encoded.codes]
    if flagged.any() or empty_required.any():
        key = subject_field or (table.declaration.key[0] if table.declaration.key else None)
        subjects = table.text(key) if key is not None and key != field else None
        what = "date" if column.type is ColumnType.DATE else column.type.value
        for position in np.flatnonzero(flagged | empty_required).tolist():
            subject = subjects[position].strip() or None if subjects is not None else None
            code = int(encoded.codes[position])
            if bad[code]:
                problems.append(
                    problem(
                        StructureCode.UNREADABLE_DATE
                        if column.type is ColumnType.DATE
                        else StructureCode.INVALID_VALUE,
                        f"{table.name}: cannot read the {what} {field!r} "
                        f"({reasons[code]}); the cell is left out",
                        subject=subject,
                        pointer=table.pointer(position, field),
                    )
                )
            else:
                problems.append(
                    problem(
                        StructureCode.MISSING_REQUIRED_VALUE,
                        f"{table.name}: the row has no {field!r}, which is required",
                        subject=subject,
                        pointer=table.pointer(position, field),
                    )
                )
    return ParsedColumn(uniques=uniques, codes=encoded.codes, bad=bad)


# -- reading -------------------------------------------------------------------------------------


def find_table_file(directory: Path, name: str, problems: list[Problem]) -> Path | None:
    """The file of *directory* called *name*, matched like a header (case, spacing).

    Two files that both match (``figures.csv`` and ``FIGURES.CSV``) are an
    ``S021`` error naming both, and neither is read: which one is meant is
    for the user to say.
    """
    wanted = name_key(name)
    found = sorted(
        entry for entry in directory.iterdir() if entry.is_file() and name_key(entry.name) == wanted
    )
    if len(found) > 1:
        names = " and ".join(repr(f.name) for f in found)
        problems.extend(
            problem(
                StructureCode.TWO_FILES_FOR_ONE_TABLE,
                f"{names} both hold the {Path(name).stem} table; neither was read: keep one",
                pointer=Pointer(file=f.name),
            )
            for f in found
        )
        return None
    return found[0] if found else None


def read_domain_csv(
    directory: Path, *, encoding: str | None, problems: list[Problem]
) -> dict[str, DataTable]:
    """Read every domain table a directory has (``people.csv`` …), collecting the problems."""
    out: dict[str, DataTable] = {}
    for name, declaration in domain_tables().items():
        path = find_table_file(directory, f"{name}.csv", problems)
        if path is None:
            continue
        columns = read_csv_columns(path, declaration.spec, encoding=encoding)
        problems.extend(columns.problems)
        out[name] = DataTable(declaration=declaration, columns=columns)
    return out


def read_domain_sheets(path: Path, *, problems: list[Problem]) -> dict[str, DataTable]:
    """Read every domain table a workbook has, one sheet each (``S011`` for two sheets)."""
    from thidua.io._tabular import read_excel_table  # noqa: PLC0415
    from thidua.io._workbook import find_sheets, open_workbook  # noqa: PLC0415

    out: dict[str, DataTable] = {}
    file = path.name
    with open_workbook(path) as book:
        names = [str(n) for n in book.sheetnames]
        for name, declaration in domain_tables().items():
            found = find_sheets(names, name)
            if not found:
                continue
            if len(found) > 1:
                problems.append(
                    problem(
                        StructureCode.TWO_SHEETS_FOR_ONE_TABLE,
                        f"{file}: sheets {', '.join(repr(n) for n in found)} are all the "
                        f"{name!r} table; only {found[0]!r} was read",
                        pointer=Pointer(file=file, sheet=found[1]),
                    )
                )
            table = read_excel_table(book[found[0]], declaration.spec, file=file, source=str(path))
            problems.extend(table.problems)
            out[name] = DataTable(declaration=declaration, columns=from_table(table))
    return out


def _document_cell(value: object) -> str | None:
    """The text of a JSON/YAML value, or ``None`` when no cell holds it (an object …)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if hasattr(value, "isoformat") and hasattr(value, "toordinal"):  # YAML dates
        return format_date(value)  # type: ignore[arg-type]
    if isinstance(value, list) and all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in value
    ):
        return ";".join(nfc(str(v)) for v in value)
    return None


def read_domain_document(
    doc: Mapping[str, Any], *, file: str, problems: list[Problem]
) -> dict[str, DataTable]:
    """Read the domain tables of a parsed JSON/YAML document (problems at JSON paths)."""
    out: dict[str, DataTable] = {}
    for name, declaration in domain_tables().items():
        items = doc.get(name)
        if items is None:
            continue
        at = Pointer(file=file, path=f"$.{name}")
        if not isinstance(items, list):
            problems.append(
                problem(StructureCode.INVALID_VALUE, f"{name!r} must be a list", pointer=at)
            )
            continue
        fields = declaration.fields
        present: list[str] = []
        extras: list[str] = []
        rows: list[tuple[dict[str, str], dict[str, str], Pointer]] = []
        for i, item in enumerate(items):
            where = Pointer(file=file, path=f"$.{name}[{i}]")
            if not isinstance(item, Mapping):
                problems.append(
                    problem(
                        StructureCode.INVALID_VALUE,
                        f"{name}[{i}] must be an object of {', '.join(fields)}",
                        pointer=where,
                    )
                )
                continue
            values: dict[str, str] = {}
            extra: dict[str, str] = {}
            for raw_key, value in item.items():
                text = _document_cell(value)
                key = nfc(str(raw_key))
                if text is None:
                    problems.append(
                        problem(
                            StructureCode.INVALID_VALUE,
                            f"{name}[{i}].{key} must be text, a number, true/false or a list "
                            f"of ids; the cell is left out",
                            pointer=where.at(key),
                        )
                    )
                    continue
                if key in fields:
                    values[key] = text
                    if key not in present:
                        present.append(key)
                elif declaration.attributes:
                    extra[key] = text
                    if key not in extras:
                        extras.append(key)
                else:
                    problems.append(
                        problem(
                            StructureCode.UNKNOWN_FIELD,
                            f"{name}[{i}] has the unknown field {key!r}, ignored",
                            pointer=where.at(key),
                        )
                    )
            rows.append((values, extra, where))
        for f in declaration.required_columns:
            if f not in present:
                present.append(f)
        ordered = [f for f in fields if f in present]
        table = Table(
            spec=declaration.spec,
            file=file,
            sheet=None,
            headers={f: f for f in ordered},
            extra_headers=tuple(extras),
            rows=tuple(
                Row(values={f: v.get(f, "") for f in ordered}, extra=e, pointer=p)
                for v, e, p in rows
            ),
            problems=(),
        )
        out[name] = DataTable(declaration=declaration, columns=_with_paths(from_table(table), rows))
    return out


def _with_paths(
    columns: ColumnTable, rows: Sequence[tuple[dict[str, str], dict[str, str], Pointer]]
) -> ColumnTable:
    """Columns whose pointers are the JSON paths of the rows (``$.people[3]``)."""
    return _PathColumns(
        spec=columns.spec,
        file=columns.file,
        sheet=columns.sheet,
        headers=columns.headers,
        extra_headers=columns.extra_headers,
        columns=columns.columns,
        extra=columns.extra,
        rows=columns.rows,
        problems=columns.problems,
        paths=tuple(p for _v, _e, p in rows),
    )


@attrs.frozen(kw_only=True, eq=False)
class _PathColumns(ColumnTable):
    paths: tuple[Pointer, ...] = ()

    def pointer(self, position: int) -> Pointer:
        return self.paths[position]


# -- writing -------------------------------------------------------------------------------------


def _header_and_rows(table: DataTable) -> tuple[list[str], list[list[str]]]:
    header, rows = table.cells()
    return list(header), [list(r) for r in rows]


def write_domain_csv(tables: Iterable[DataTable], directory: Path, *, bom: bool = False) -> None:
    """Write each table with rows as ``NAME.csv``; remove a stale file of a table not written."""
    written = set()
    for table in tables:
        if not len(table):
            continue
        header, rows = _header_and_rows(table)
        write_csv_table(directory / f"{table.name}.csv", header, rows, bom=bom)
        written.add(table.name)
    for name in domain_tables():
        stale = directory / f"{name}.csv"
        if name not in written and stale.is_file():
            stale.unlink()


def table_sheet(table: DataTable) -> Sheet:
    """The sheet of a table, every cell checked (text stays text, never a formula)."""
    from thidua.io._workbook import excel_values  # noqa: PLC0415

    header, rows = _header_and_rows(table)
    return (
        table.name,
        [
            excel_values(row, table=table.name, row=number, header=header)
            for number, row in enumerate([header, *rows], start=1)
        ],
    )


def table_objects(table: DataTable) -> list[dict[str, str]]:
    """The rows of a table as JSON/YAML objects (non-empty cells, as text)."""
    return table.rows()
