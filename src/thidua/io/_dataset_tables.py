"""The hierarchy dataset as tables: CSV directories and the mapping both ways.

A dataset is stored as up to eight tables (CSV files in a directory, or sheets
of a workbook), named by their stem: ``units`` (required), ``links``,
``groups``, ``group_members``, ``events``, ``roots``, ``levels`` and
``metadata``.  See ``docs/formats.md`` for the columns and their Vietnamese
headers.

Cell rules (the same for CSV and Excel):

* ids, references, kinds, dates, relations, roles, document symbols and
  metadata keys lose surrounding whitespace; names, labels, attribute values
  and metadata values are kept exactly (only NFC-normalised);
* an empty cell is an absent value: an open date, the default relation
  ``admin`` or role ``member``, no short name, no attribute;
* lists (``originals``, ``results``, ``shares``) are separated by ``;``;
* dates are ISO, ``dd/mm/yyyy`` (a time of day after them is dropped) or
  Excel serial numbers (``45474`` = 2024-07-01; serials 10000 to 2958465
  only, so a bare year is never a date);
* a unit's kind may be written as the scheme labels it or as office staff
  do ("Công đoàn cơ sở", "CĐCS", "LĐLĐ quận"): the canonical kind is stored
  (:meth:`thidua.hierarchy.LevelScheme.kind_for`);
* a ``units`` table laid out as offices keep it, with a parent column
  (``parent`` / ``Đơn vị cấp trên``) and optionally ``relation`` /
  ``Quan hệ``, ``valid_from`` / ``Từ ngày``, ``valid_to`` / ``Đến ngày``,
  also gives one link per row with a parent (a unit repeated on several
  rows with the same details is one unit with several links);
* every other column of ``units`` or ``groups`` that is not a known field
  is a free text attribute named by its header; one named like a field of
  another table (``date``, ``Vai trò`` …) is kept so too, with an ``S022``
  warning.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import itertools
import os
import re
import types
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs
import numpy as np
import numpy.typing as npt

from thidua._dates import MAX_ORD, MIN_ORD, excel_serial_date, format_date
from thidua._text import name_key, nul_joined
from thidua.errors import UnreadableInputError
from thidua.hierarchy import (
    ADMIN,
    UNION_SCHEME,
    AttributeValue,
    Dataset,
    Group,
    LevelScheme,
    Link,
    LinkColumns,
    RecordView,
    RowSources,
    Unit,
    UnitColumns,
)
from thidua.io._columnar import ColumnTable, from_table, read_csv_columns
from thidua.io._converter import (
    _NFC,
    FormatError,
    LoadResult,
    _collector_paused,
    _enum_reader,
    _floats,
    _id,
    _MissingValueError,
    _Readers,
    _readers,
    _RecordReader,
    _text,
)
from thidua.io._schema import TABLES as DECLARED
from thidua.io._schema import Column, ColumnType
from thidua.io._tabular import Row, Table, TableSpec, check_encoding, write_csv_table
from thidua.problems import Pointer, Problem, Report, StructureCode, problem
from thidua.typing import PathLike, ProgressCallback

__all__ = ["TABLES", "read_csv_dir", "write_csv_dir"]

_normalize = unicodedata.normalize
_is_normalized = unicodedata.is_normalized
IntArray = npt.NDArray[np.int64]
R = TypeVar("R")

UNITS = DECLARED["units"].spec
LINKS = DECLARED["links"].spec
GROUPS = DECLARED["groups"].spec
GROUP_MEMBERS = DECLARED["group_members"].spec
EVENTS = DECLARED["events"].spec
ROOTS = DECLARED["roots"].spec
LEVELS = DECLARED["levels"].spec
METADATA = DECLARED["metadata"].spec

TABLES: tuple[TableSpec, ...] = tuple(d.spec for d in DECLARED.values())
"""The specs of the tables of a hierarchy dataset, in the order they are written
(from the declarations :data:`thidua.io._schema.TABLES`)."""

_ALWAYS_WRITTEN = frozenset({"units", "links"})
_CUSTOM_SCHEME = "custom"

# How each column's cell becomes a raw value: S = stripped text, K = kept
# text, L = ';'-separated list, D = a date (stripped text; an Excel serial
# becomes its date).  Required fields are always passed on (an empty one is
# then reported S004); optional empty cells are left out.
_S, _K, _L, _D = "strip", "keep", "list", "date"
# Fields of a table that are not fields of its record (read on their own).
_NOT_RECORD_FIELDS = {"levels": frozenset({"scheme"})}


def _mode(column: Column) -> str:
    if column.type is ColumnType.TEXT:
        return _K
    if column.type is ColumnType.DATE:
        return _D
    if column.type is ColumnType.LIST:
        return _L
    return _S


_MODES: Mapping[str, Mapping[str, str]] = {
    d.name: {
        c.name: _mode(c) for c in d.columns if c.name not in _NOT_RECORD_FIELDS.get(d.name, ())
    }
    for d in DECLARED.values()
    if d.record.startswith("thidua.hierarchy.")
}


def _plan(spec: TableSpec, present: Iterable[str]) -> tuple[tuple[str, str, bool], ...]:
    """(field, mode, required) for the columns present in a table."""
    modes = _MODES[spec.name]
    return tuple((f, modes[f], f in spec.required) for f in present if f in modes)


def _raw(values: Mapping[str, str], plan: tuple[tuple[str, str, bool], ...]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for field, mode, required in plan:
        text = values[field]
        if mode is _S:
            value: Any = text.strip()
        elif mode is _D:
            value = text.strip()
            if value[:5].isdigit():  # never an ISO or dd/mm/yyyy date: maybe an Excel serial
                value = excel_serial_date(value) or value
        elif mode is _K:
            value = text
        else:
            value = [item for item in map(str.strip, text.split(";")) if item]
        if value or required:
            raw[field] = value
    return raw


def _records(
    table: Table,
    reader: _RecordReader[Any],
    problems: list[Problem],
    *,
    with_extra: bool = False,
    kinds: LevelScheme | None = None,
) -> list[Any]:
    plan = _plan(table.spec, table.headers)
    resolve = _kind_resolver(kinds) if kinds is not None else None
    out = []
    for row in table.rows:
        record = _read_row(row, plan, reader, problems, with_extra=with_extra, resolve=resolve)
        if record is not None:
            out.append(record)
    return out


def _read_row(
    row: Row,
    plan: tuple[tuple[str, str, bool], ...],
    reader: _RecordReader[R],
    problems: list[Problem],
    *,
    with_extra: bool = False,
    resolve: Callable[[str], str] | None = None,
) -> R | None:
    """One row read by the record reader (its problems collected): the row path."""
    raw = _raw(row.values, plan)
    if resolve is not None and "kind" in raw:
        raw["kind"] = resolve(raw["kind"])
    if with_extra and row.extra:
        raw["attributes"] = dict(row.extra)
    raw["source"] = pointer = row.pointer
    return reader.read_owned(raw, pointer, problems)


def _kind_resolver(scheme: LevelScheme) -> Callable[[str], str]:
    """Kind text → the scheme's kind it names (the text itself if none), cached."""
    cache: dict[str, str] = {}

    def resolve(text: str) -> str:
        if text in scheme:
            return text
        kind = cache.get(text)
        if kind is None:
            kind = cache[text] = scheme.kind_for(text) or text
        return kind

    return resolve


# The link fields a units table may carry (its rows' parents), and for each
# units/groups table the headers that belong to another table's field.
_UNIT_LINK_FIELDS = ("parent", "relation", "valid_from", "valid_to")


def _foreign_headers(own: TableSpec) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for spec in TABLES:
        if spec.name == own.name:
            continue
        for field in spec.fields:
            for header in spec.headers_for(field):
                key = name_key(header)
                if own.field_for(header) is None:
                    found.setdefault(key, (spec.name, field))
    return found


_FOREIGN = {"units": _foreign_headers(UNITS), "groups": _foreign_headers(GROUPS)}
_LINK_PLAN = tuple((f, _D if f.startswith("valid") else _S, False) for f in _UNIT_LINK_FIELDS[1:])


def plain_attribute(spec: TableSpec, header: str) -> bool:
    """Whether *header* reads back as a free attribute of *spec* without a warning.

    False for a field of the table itself, a link field of a units table
    (read as its rows' links) and a field of another table (``S022``).

    Examples:
        >>> plain_attribute(UNITS, "Khu vực"), plain_attribute(UNITS, "Đơn vị cấp trên")
        (True, False)
    """
    return spec.field_for(header) is None and name_key(header) not in _FOREIGN[spec.name]


def _where(table: Table | ColumnTable) -> str:
    return f"{table.file} sheet {table.sheet}" if table.sheet else table.file


def _warn_foreign(
    table: Table | ColumnTable, headers: Iterable[str], problems: list[Problem], *, why: str = ""
) -> None:
    foreign = _FOREIGN[table.spec.name]
    for header in headers:
        name, field = foreign[name_key(header)]
        problems.append(
            problem(
                StructureCode.COLUMN_OF_ANOTHER_TABLE,
                f"{_where(table)}: column {header!r} is the {field!r} column of the {name} "
                f"table, not a {table.spec.name} field{why}; its values are kept as the "
                f"free attribute {header!r}",
                pointer=Pointer(file=table.file, sheet=table.sheet, row=1, column=header),
            )
        )


def _units_and_links(
    table: Table, readers: _Readers, scheme: LevelScheme, problems: list[Problem]
) -> tuple[list[Unit], list[Link]]:
    """The units of a units table, and the links of its parent columns (if any)."""
    foreign = _FOREIGN["units"]
    link_headers: dict[str, str] = {}
    reported: set[str] = set()
    for header in table.extra_headers:
        field = LINKS.field_for(header)
        if field not in _UNIT_LINK_FIELDS:
            continue
        if field in link_headers:
            problems.append(
                problem(
                    StructureCode.DUPLICATE_COLUMN,
                    f"{_where(table)}: columns {link_headers[field]!r} and {header!r} both give "
                    f"the links' {field!r}; the second is kept as a free attribute",
                    pointer=Pointer(file=table.file, sheet=table.sheet, row=1, column=header),
                )
            )
            reported.add(header)
            continue
        link_headers[field] = header
    if "parent" not in link_headers:
        stray = [h for h in table.extra_headers if name_key(h) in foreign]
        _warn_foreign(table, stray, problems, why=" (no parent column makes it a link)")
        return _records(table, readers.units, problems, with_extra=True, kinds=scheme), []
    taken = set(link_headers.values()) | reported
    _warn_foreign(
        table,
        [h for h in table.extra_headers if h not in taken and name_key(h) in foreign],
        problems,
    )
    pointer_headers = {"child": table.headers.get("id", "id"), **link_headers}
    plan = _plan(table.spec, table.headers)
    resolve = _kind_resolver(scheme)
    units: dict[str, Unit] = {}
    out: list[Unit] = []
    links: list[Link] = []
    for row in table.rows:
        raw = _raw(row.values, plan)
        if "kind" in raw:
            raw["kind"] = resolve(raw["kind"])
        extra = dict(row.extra)
        cells = {f: extra.pop(h, "") for f, h in link_headers.items()}
        if extra:
            raw["attributes"] = extra
        raw["source"] = pointer = row.pointer
        unit = readers.units.read_owned(raw, pointer, problems)
        if unit is not None and units.get(unit.id) != unit:  # a repeated unit is one unit
            units.setdefault(unit.id, unit)
            out.append(unit)
        child = row.values["id"].strip()
        link_pointer = attrs.evolve(row.pointer, headers=pointer_headers)
        link = _unit_link(child, cells, link_pointer, readers, problems)
        if link is not None:
            links.append(link)
    return out, links


def _unit_link(
    child: str,
    cells: Mapping[str, str],
    pointer: Pointer,
    readers: _Readers,
    problems: list[Problem],
) -> Link | None:
    parent = cells["parent"].strip()
    rest = [f for f in _UNIT_LINK_FIELDS[1:] if cells.get(f, "").strip()]
    if not parent:
        if rest:
            problems.append(
                problem(
                    StructureCode.LINK_CELLS_WITHOUT_PARENT,
                    f"unit {child!r} has a {rest[0]!r} but no parent; the link cells are ignored",
                    subject=child or None,
                    pointer=pointer.at(rest[0]),
                )
            )
        return None
    if not child:  # the unit's empty id is reported by the units reader
        return None
    raw: dict[str, Any] = {"child": child, "parent": parent}
    raw.update(_raw(cells, tuple(step for step in _LINK_PLAN if step[0] in cells)))
    raw["source"] = pointer
    return readers.links.read_owned(raw, pointer, problems)


# --------------------------------------------------------------------------
# The columnar path: units and links tables → columns, no record per row
# --------------------------------------------------------------------------

_Bad = object()  # a cell the fast conversion cannot take: the row goes the collecting way
_OPEN = {"founded": MIN_ORD, "dissolved": MAX_ORD, "valid_from": MIN_ORD, "valid_to": MAX_ORD}


_EDGE_SPACE = re.compile(r"(?:^|\x00)\s|\s(?:\x00|$)")
"""In texts joined by NUL: a text starting or ending with whitespace (what ``strip`` takes)."""


def clean_texts(texts: list[str], *, strip: bool) -> list[str]:
    """``[nfc(t.strip() if strip else t) for t in texts]``, with no call per text when clean.

    The distinct texts of a national column (150,000 ids or names) are
    nearly always NFC already and without surrounding spaces: one check
    over the texts joined by ``NUL`` (normalisation never crosses it) keeps
    them as they are; otherwise each text is cleaned.

    Examples:
        >>> clean_texts(["HN", "Hà Nội"], strip=True)
        ['HN', 'Hà Nội']
        >>> import unicodedata
        >>> clean_texts([" HN ", unicodedata.normalize("NFD", "Hà")], strip=True) == ["HN", "Hà"]
        True
        >>> clean_texts([" HN "], strip=False)
        [' HN ']
    """
    joined = nul_joined(texts)
    if (
        joined is not None
        and not (strip and _EDGE_SPACE.search(joined))
        and unicodedata.is_normalized("NFC", joined)
    ):
        return list(texts)
    nfc = functools.partial(_normalize, "NFC")
    return [nfc(t.strip()) for t in texts] if strip else list(map(nfc, texts))


def _distinct_values(
    column: Column, uniques: list[str], readers: _Readers, kinds: Callable[[str], str] | None
) -> list[Any]:
    """The value of each distinct cell text of *column*: ``None`` if absent, ``_Bad`` if faulty.

    The same rules as :func:`_raw` followed by the record readers' value
    functions, so that both paths agree on every cell they both accept; a
    date is its ordinal (the open sentinel when absent).
    """
    kind = column.type
    required = column.required
    nfc = functools.partial(_normalize, "NFC")
    if kind is ColumnType.TEXT:
        texts = clean_texts(uniques, strip=False)
        return texts if required else [t or None for t in texts]
    if kind is not ColumnType.KIND and kind is not ColumnType.DATE:
        blank = _Bad if required else None
        return [t or blank for t in clean_texts(uniques, strip=True)]
    stripped = [t.strip() for t in uniques]
    if kind is ColumnType.KIND:
        resolve = kinds or str
        return [nfc(resolve(t)) for t in stripped]
    read = readers.dates.read
    return _read_cells(
        stripped,
        lambda text: read(_serial_or_text(text), None).toordinal(),
        blank=_Bad if required else _OPEN.get(column.name, MIN_ORD),
    )


def _serial_or_text(text: str) -> Any:  # noqa: ANN401 - a date or the text, for the date reader
    """An Excel serial day as its date (never an ISO or dd/mm/yyyy date), else the text."""
    return (excel_serial_date(text) or text) if text[:5].isdigit() else text


def _read_cells(texts: Iterable[str], read: Callable[[str], Any], *, blank: Any) -> list[Any]:  # noqa: ANN401
    """*read* of each stripped distinct text: *blank* for an empty one, ``_Bad`` for a fault.

    Examples:
        >>> _read_cells(["1", "", "x"], int, blank=None)[:2]
        [1, None]
        >>> _read_cells(["x"], int, blank=None)[0] is _Bad
        True
    """
    out: list[Any] = []
    for text in texts:
        if not text:
            out.append(blank)
            continue
        try:
            out.append(read(text))
        except Exception:  # any fault: the collecting reader reports it
            out.append(_Bad)
    return out


def _faulty(uniques: list[Any], codes: IntArray) -> npt.NDArray[np.bool_] | None:
    """The rows whose cell is ``_Bad``, or ``None`` when no distinct cell is (the usual case)."""
    if _Bad not in uniques:  # a C-speed scan: _Bad equals only itself
        return None
    faulty = np.fromiter((u is _Bad for u in uniques), dtype=np.bool_, count=len(uniques))
    return faulty[codes]


def _converted(
    table: ColumnTable, decl_name: str, readers: _Readers, kinds: Callable[[str], str] | None
) -> tuple[dict[str, Any], npt.NDArray[np.bool_]]:
    """Field → converted values per row (dates: an ordinal array), and the faulty rows."""
    decl = DECLARED[decl_name]
    values: dict[str, Any] = {}
    bad = np.zeros(len(table), dtype=np.bool_)
    for field, encoded in table.columns.items():
        column = decl.column(field)
        uniques = _distinct_values(column, encoded.uniques, readers, kinds)
        faulty = _faulty(uniques, encoded.codes)
        if faulty is not None:
            bad |= faulty
        if column.type is ColumnType.DATE:
            ordinals = np.asarray([0 if u is _Bad else u for u in uniques], dtype=np.int64)
            values[field] = ordinals[encoded.codes] if len(uniques) else np.zeros(0, np.int64)
            continue
        lookup = np.empty(len(uniques), dtype=object)
        lookup[:] = uniques
        values[field] = lookup[encoded.codes].tolist() if len(table) else []
    return values, bad


def _patch(values: dict[str, Any], position: int, record: Unit | Link) -> None:
    """Put the fields of a record read the collecting way into the columns."""
    for field, column in values.items():
        cell = getattr(record, field)
        if isinstance(column, np.ndarray):
            column[position] = _OPEN[field] if cell is None else cell.toordinal()
        else:
            column[position] = cell


def _kept(values: dict[str, Any], positions: IntArray) -> dict[str, Any]:
    chosen = positions.tolist()
    return {
        f: v[positions] if isinstance(v, np.ndarray) else [v[i] for i in chosen]
        for f, v in values.items()
    }


def _sources(table: ColumnTable, keep: IntArray) -> RowSources:
    return RowSources(
        file=table.file, sheet=table.sheet, headers=table.headers, rows=table.rows[keep]
    )


def _dates(values: dict[str, Any], field: str, n: int) -> IntArray:
    column = values.get(field)
    return np.full(n, _OPEN[field], dtype=np.int64) if column is None else column


def _unit_columns(
    table: ColumnTable, readers: _Readers, scheme: LevelScheme, problems: list[Problem]
) -> RecordView[Unit, UnitColumns]:
    """The units of a units table without parent columns, as columns."""
    if not table.complete:
        return RecordView(UnitColumns.of(()))
    resolve = _kind_resolver(scheme)
    values, bad = _converted(table, "units", readers, resolve)
    n = len(table)
    extra = {
        h: np.asarray([_normalize("NFC", t) for t in c.uniques], dtype=object)[c.codes].tolist()
        if n
        else []
        for h, c in table.extra.items()
    }
    keep = np.ones(n, dtype=np.bool_)
    plan = _plan(table.spec, table.headers)
    for i in np.nonzero(bad)[0].tolist():
        row = table.row(i)
        raw = _raw(row.values, plan)
        if "kind" in raw:
            raw["kind"] = resolve(raw["kind"])
        if row.extra:
            raw["attributes"] = dict(row.extra)
        raw["source"] = row.pointer
        unit = readers.units.read_owned(raw, row.pointer, problems)
        if unit is None:
            keep[i] = False
        else:
            _patch(values, i, unit)
    positions = np.nonzero(keep)[0]
    if positions.size < n:
        values, extra = _kept(values, positions), _kept(extra, positions)
    m = int(positions.size)
    columns = UnitColumns(
        id=values["id"],
        name=values["name"],
        kind=values["kind"],
        founded=_dates(values, "founded", m),
        dissolved=_dates(values, "dissolved", m),
        short_name=values.get("short_name") or [None] * m,
        attributes=extra,
        source=_sources(table, positions),
    )
    return RecordView(columns)


def _link_columns(
    table: ColumnTable, readers: _Readers, problems: list[Problem]
) -> RecordView[Link, LinkColumns]:
    """The links of a links table, as columns."""
    if not table.complete:
        return RecordView(LinkColumns.of(()))
    values, bad = _converted(table, "links", readers, None)
    n = len(table)
    keep = np.ones(n, dtype=np.bool_)
    plan = _plan(table.spec, table.headers)
    for i in np.nonzero(bad)[0].tolist():
        row = table.row(i)
        raw = _raw(row.values, plan)
        raw["source"] = row.pointer
        link = readers.links.read_owned(raw, row.pointer, problems)
        if link is None:
            keep[i] = False
        else:
            _patch(values, i, link)
    positions = np.nonzero(keep)[0]
    if positions.size < n:
        values = _kept(values, positions)
    m = int(positions.size)
    relation = values.get("relation")
    columns = LinkColumns(
        child=values["child"],
        parent=values["parent"],
        relation=[ADMIN] * m if relation is None else [r or ADMIN for r in relation],
        valid_from=_dates(values, "valid_from", m),
        valid_to=_dates(values, "valid_to", m),
        source=_sources(table, positions),
    )
    return RecordView(columns)


# --------------------------------------------------------------------------
# The columnar path for groups, group members and events: records in bulk
# --------------------------------------------------------------------------


def _field_values(column: Column, uniques: list[str], readers: _Readers) -> list[Any]:
    """The record value of each distinct cell text of *column*.

    ``None`` for an absent value (the record's default), ``_Bad`` for a cell
    the record reader would report or refuse.  The same rules as
    :func:`_raw` followed by the record readers' value functions (the enum
    words of :data:`thidua.io._schema.ENUM_WORDS`, the date reader and its
    cache, the list and number readers), so that a row whose cells are all
    accepted here is the record the row path builds.
    """
    kind = column.type
    required = column.required
    blank = _Bad if required else None
    if kind is ColumnType.ENUM:
        assert column.enum_type is not None  # every enum column declares its type
        read_enum = _enum_reader(column.enum_type)
        return _read_cells(
            (t.strip() for t in uniques), lambda text: read_enum(text, None), blank=blank
        )
    if kind is ColumnType.DATE:
        read_date = readers.dates.read
        return _read_cells(
            (t.strip() for t in uniques),
            lambda text: read_date(_serial_or_text(text), None),
            blank=blank,
        )
    if kind is ColumnType.LIST:
        lists = [list(filter(None, map(str.strip, t.split(";")))) for t in uniques]
        if column.references is not None:  # ids: never faulty once empty items are dropped
            # The items of a cell in NFC are in NFC (";" and whitespace compose with
            # nothing): only the other cells are normalised item by item.
            return [
                tuple(items) if _is_normalized("NFC", text) else tuple(map(_NFC, items))
                for text, items in zip(uniques, lists, strict=True)
            ]
        numbers: list[Any] = []
        for items in lists:
            try:
                numbers.append(_floats(items) if items else ())
            except Exception:  # any fault: the collecting reader reports it
                numbers.append(_Bad)
        return numbers
    return _distinct_values(column, uniques, readers, None)


_new = object.__new__


def _bulk_records(
    table: ColumnTable,
    reader: _RecordReader[R],
    readers: _Readers,
    problems: list[Problem],
    *,
    with_extra: bool = False,
) -> list[R]:
    """The records of a groups, group_members or events table read as columns.

    Each column's distinct cell texts are converted once (:func:`_field_values`)
    and the records are made from the converted columns without a converter
    or a cattrs call; a row with a faulty cell goes the row path
    (:func:`_read_row`), which reports it as the row reader does.  Records,
    problems, pointers and order are those of :func:`_records`.
    """
    if not table.complete:
        return _records(table.to_table(), reader, problems, with_extra=with_extra)
    cls = reader.cls
    decl = DECLARED[table.spec.name]
    fields = attrs.fields_dict(cast("type[attrs.AttrsInstance]", cls))
    n = len(table)
    bad = np.zeros(n, dtype=np.bool_)
    names: list[str] = []
    value_columns: list[list[Any]] = []
    for field, encoded in table.columns.items():
        uniques = _field_values(decl.column(field), encoded.uniques, readers)
        faulty = _faulty(uniques, encoded.codes)
        if faulty is not None:
            bad |= faulty
        default = fields[field].default
        lookup = [default if u is None else u for u in uniques]
        names.append(field)
        value_columns.append(list(map(lookup.__getitem__, encoded.codes.tolist())))
    absent = [
        (name, f.default)
        for name, f in fields.items()
        if name not in table.columns and name not in ("source", "attributes")
    ]
    has_attributes = "attributes" in fields
    attributes: Iterable[dict[str, AttributeValue]] = ({} for _ in range(n))
    if has_attributes and with_extra and table.extra:
        headers = list(table.extra)
        texts = [
            list(map([_NFC(t) for t in c.uniques].__getitem__, c.codes.tolist()))
            for c in table.extra.values()
        ]
        attributes = (
            {h: v for h, v in zip(headers, cells, strict=True) if v}
            for cells in zip(*texts, strict=True)
        )
    # Every row's record, one field at a time over all records (a C loop per field);
    # the records of faulty rows are then replaced by what the row path reads.
    records: list[R] = list(map(_new, itertools.repeat(cls, n)))
    for name, values in zip(names, value_columns, strict=True):
        _fill(cls, name, records, values)
    for name, value in absent:
        _fill(cls, name, records, itertools.repeat(value, n))
    if has_attributes:
        _fill(cls, "attributes", records, attributes)
    _fill(cls, "source", records, _sources(table, np.arange(n, dtype=np.int64)).pointers())
    if not bad.any():
        return records
    plan = _plan(table.spec, table.headers)
    faulty_rows = set(np.nonzero(bad)[0].tolist())
    out: list[R] = []
    for position, record in enumerate(records):
        if position in faulty_rows:
            read = _read_row(table.row(position), plan, reader, problems, with_extra=with_extra)
            if read is not None:
                out.append(read)
        else:
            out.append(record)
    return out


def _fill(cls: type[Any], name: str, records: list[Any], values: Iterable[Any]) -> None:
    """Set the field *name* of every record to its value (a C loop for a slotted class)."""
    slot = cls.__dict__.get(name)
    if isinstance(slot, types.MemberDescriptorType):  # the slot itself: no frozen __setattr__
        collections.deque(map(slot.__set__, records, values), maxlen=0)
        return
    for record, value in zip(records, values, strict=False):  # pragma: no cover - not slotted
        object.__setattr__(record, name, value)


def _has_parent_column(table: ColumnTable | Table) -> bool:
    return any(LINKS.field_for(h) == "parent" for h in table.extra_headers)


def _as_rows(table: ColumnTable | Table) -> Table:
    return table.to_table() if isinstance(table, ColumnTable) else table


def _as_columns(table: ColumnTable | Table) -> ColumnTable:
    return table if isinstance(table, ColumnTable) else from_table(table)


# The tables read as columns (units too, unless it carries parent columns).
_BY_COLUMNS = frozenset({"links", "groups", "group_members", "events"})


def dataset_from_tables(
    get: Callable[[TableSpec], Table | ColumnTable | None], source: str
) -> LoadResult:
    """Build a dataset from tables; *get* returns ``None`` for an absent optional table.

    The ``units`` table must be present (the caller raises otherwise).  A
    units table without parent columns and a links table become columns
    (``dataset.units`` and ``dataset.links`` are :class:`~thidua.hierarchy.RecordView` s).
    The ``groups``, ``group_members`` and ``events`` tables are read as
    columns too: each column's distinct cells are converted once by the
    declared cell rules and the records are made from the columns, without a
    cattrs call per row (a row with a faulty cell is read by the record
    reader, which reports it).  A units table with parent columns and the
    small ``roots``, ``levels`` and ``metadata`` tables are read row by row.
    Records, problems and pointers are those of the row reader either way.
    """
    readers: _Readers = _readers()
    problems: list[Problem] = []
    found: dict[str, Table] = {}
    columnar: dict[str, ColumnTable] = {}
    for spec in TABLES:
        got = get(spec)
        if got is None:
            continue
        problems.extend(got.problems)
        if spec.name in _BY_COLUMNS or (spec.name == "units" and not _has_parent_column(got)):
            columnar[spec.name] = _as_columns(got)
        else:
            found[spec.name] = _as_rows(got)
    kwargs: dict[str, Any] = {}
    scheme = UNION_SCHEME
    scheme_problems: list[Problem] = []  # reported in table order, after the roots
    if "levels" in found:  # read first: the units' kinds are resolved through it
        kwargs["scheme"] = scheme = _scheme(found["levels"], readers, scheme_problems)
    if "units" in columnar:
        units_table = columnar["units"]
        _warn_foreign(
            units_table,
            [h for h in units_table.extra_headers if name_key(h) in _FOREIGN["units"]],
            problems,
            why=" (no parent column makes it a link)",
        )
        kwargs["units"] = _unit_columns(units_table, readers, scheme, problems)
    if "units" in found:
        kwargs["units"], unit_links = _units_and_links(found["units"], readers, scheme, problems)
        if unit_links:
            kwargs["links"] = unit_links
    if "links" in columnar:
        links = _link_columns(columnar["links"], readers, problems)
        kwargs["links"] = [*kwargs["links"], *links] if "links" in kwargs else links
    if "groups" in columnar:
        groups = columnar["groups"]
        _warn_foreign(
            groups,
            [h for h in groups.extra_headers if name_key(h) in _FOREIGN["groups"]],
            problems,
        )
        kwargs["groups"] = _bulk_records(groups, readers.groups, readers, problems, with_extra=True)
    if "group_members" in columnar:
        kwargs["members"] = _bulk_records(
            columnar["group_members"], readers.members, readers, problems
        )
    if "events" in columnar:
        kwargs["events"] = _bulk_records(columnar["events"], readers.events, readers, problems)
    if "roots" in found:
        kwargs["roots"] = _roots(found["roots"], problems)
    problems.extend(scheme_problems)
    if "metadata" in found:
        kwargs["metadata"] = _metadata(found["metadata"], problems)
    return LoadResult(dataset=Dataset(**kwargs), report=Report(tuple(problems)), source=source)


def _roots(table: Table, problems: list[Problem]) -> list[str]:
    out = []
    for row in table.rows:
        try:
            out.append(_id(row.values["unit"].strip()))
        except _MissingValueError:
            problems.append(
                problem(
                    StructureCode.MISSING_REQUIRED_VALUE,
                    "root: the unit id is empty",
                    pointer=row.pointer.at("unit"),
                )
            )
    return out


def _scheme(table: Table, readers: _Readers, problems: list[Problem]) -> LevelScheme:
    name: str | None = None
    levels = []
    plan = _plan(table.spec, table.headers)
    for row in table.rows:
        row_name = _text(row.values.get("scheme", "").strip()) or _CUSTOM_SCHEME
        if name is None:
            name = row_name
        elif row_name != name:
            problems.append(
                problem(
                    StructureCode.INVALID_VALUE,
                    f"level: scheme {row_name!r} differs from {name!r} of the first row; "
                    "one scheme per dataset, the row is skipped",
                    pointer=row.pointer.at("scheme"),
                )
            )
            continue
        level = readers.levels.read(_raw(row.values, plan), row.pointer, problems)
        if level is not None:
            levels.append(level)
    if name is None:
        return UNION_SCHEME
    return LevelScheme(name, tuple(levels))


def _metadata(table: Table, problems: list[Problem]) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in table.rows:
        key = _text(row.values["key"].strip())
        if not key:
            problems.append(
                problem(
                    StructureCode.MISSING_REQUIRED_VALUE,
                    "metadata: the key is empty",
                    pointer=row.pointer.at("key"),
                )
            )
            continue
        if key in out:
            problems.append(
                problem(
                    StructureCode.INVALID_VALUE,
                    f"metadata: key {key!r} is given twice; the later value is kept",
                    pointer=row.pointer.at("key"),
                )
            )
        out[key] = _text(row.values["value"])
    return out


# --------------------------------------------------------------------------
# Writing: dataset → tables
# --------------------------------------------------------------------------

Cell = str | int | None
"""A written cell: text, a whole number (rank) or a date (kept as a date for Excel)."""


def _attribute_text(value: AttributeValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _attribute_columns(records: Sequence[Unit | Group], spec: TableSpec) -> list[str]:
    keys: dict[str, None] = {}
    for record in records:
        for key in record.attributes:
            keys.setdefault(key, None)
    for key in keys:
        if not key.strip() or key != key.strip():
            raise FormatError(
                f"attribute {key!r} cannot be a {spec.name} column header: "
                "headers lose surrounding whitespace"
            )
        if spec.field_for(key) is not None:
            raise FormatError(
                f"attribute {key!r} would be read as the {spec.name} field "
                f"{spec.field_for(key)!r}: rename it before writing tables"
            )
        if spec is UNITS and LINKS.field_for(key) in _UNIT_LINK_FIELDS:
            raise FormatError(
                f"attribute {key!r} would be read as the links field "
                f"{LINKS.field_for(key)!r} of a units table: rename it before writing tables"
            )
    return list(keys)


def _joined(items: Iterable[str], what: str) -> str:
    items = list(items)
    for item in items:
        if ";" in item:
            raise FormatError(f"{what} id {item!r} contains ';', the list separator of tables")
    return ";".join(items)


def _cell_writer(column: Column) -> Callable[[Any], Any]:
    """How the value of a record field is written in a table cell (dates stay dates)."""
    if column.type is ColumnType.ENUM:
        return lambda member: member.value
    if column.type is ColumnType.LIST and column.references is not None:
        what = column.name.removesuffix("s")
        return lambda items: _joined(items, what)
    if column.type is ColumnType.LIST:
        return lambda numbers: ";".join(repr(n) for n in numbers)
    return lambda value: value


def _with_cells(table: str, records: Iterable[R]) -> Iterator[tuple[R, Callable[[R], list[Any]]]]:
    """Each record with the function writing its declared columns (in column order)."""
    writers = [(c.name, _cell_writer(c)) for c in DECLARED[table].columns]

    def cells(record: R) -> list[Any]:
        return [write(getattr(record, name)) for name, write in writers]

    return ((r, cells) for r in records)


def dataset_to_tables(dataset: Dataset) -> list[tuple[TableSpec, list[str], list[list[Any]]]]:
    """Return (spec, header, rows) for every table to write, in :data:`TABLES` order.

    Dates stay :class:`pendulum.Date` (the CSV writer formats them, the Excel
    writer makes date cells); absent values are ``None``.

    Raises:
        FormatError: the dataset holds something tables cannot (an attribute
            named like a column, a ``;`` inside an event's unit id, a custom
            level scheme without levels).
    """
    out: list[tuple[TableSpec, list[str], list[list[Any]]]] = []
    unit_attrs = _attribute_columns(dataset.units, UNITS)
    out.append(
        (
            UNITS,
            [*UNITS.fields, *unit_attrs],
            [
                [*cells(u), *(_attribute_text(u.attributes.get(k)) for k in unit_attrs)]
                for u, cells in _with_cells("units", dataset.units)
            ],
        )
    )
    out.append((LINKS, list(LINKS.fields), [c(k) for k, c in _with_cells("links", dataset.links)]))
    group_attrs = _attribute_columns(dataset.groups, GROUPS)
    out.append(
        (
            GROUPS,
            [*GROUPS.fields, *group_attrs],
            [
                [*cells(g), *(_attribute_text(g.attributes.get(k)) for k in group_attrs)]
                for g, cells in _with_cells("groups", dataset.groups)
            ],
        )
    )
    for name, records in (("group_members", dataset.members), ("events", dataset.events)):
        spec = DECLARED[name].spec
        out.append((spec, list(spec.fields), [c(r) for r, c in _with_cells(name, records)]))
    out.append((ROOTS, list(ROOTS.fields), [[r] for r in dataset.roots]))
    if dataset.scheme != UNION_SCHEME:
        if not dataset.scheme.levels:
            raise FormatError(
                f"level scheme {dataset.scheme.name!r} has no levels: tables cannot hold it"
            )
        out.append(
            (
                LEVELS,
                list(LEVELS.fields),
                [[dataset.scheme.name, lv.kind, lv.rank, lv.label] for lv in dataset.scheme.levels],
            )
        )
    out.append((METADATA, list(METADATA.fields), [[k, v] for k, v in dataset.metadata.items()]))
    return [t for t in out if t[2] or t[0].name in _ALWAYS_WRITTEN]


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


# --------------------------------------------------------------------------
# CSV directories
# --------------------------------------------------------------------------


def read_csv_dir(
    path: PathLike, *, progress: ProgressCallback | None = None, encoding: str | None = None
) -> LoadResult:
    r"""Read a directory of CSV tables (``units.csv`` required, the others optional).

    File names are matched without regard to case; two files naming one
    table (``units.csv`` and ``UNITS.CSV``) are an error naming both
    (``S021``, neither is read).  Each file's encoding and separator are
    found as :func:`thidua.io._tabular.decode_csv` says (UTF-8 with or
    without a byte-order mark, ``;`` or tab separators, ``cp1258`` with an
    ``S020`` warning when the bytes are not UTF-8).  An optional file that
    cannot be decoded or parsed is reported as ``S001`` and the others are
    still read.

    Args:
        path: the directory.
        progress: called with ``(file_name, rows_done, None)`` every 10,000
            rows and ``(file_name, rows, rows)`` at the end of each file.
        encoding: the files' encoding (a Python codec name such as
            ``"cp1258"``), or ``None`` to detect it per file.

            .. versionadded:: 0.2.0

    Returns:
        The dataset, the structure problems with file/row/column pointers
        (columns as written in the header), and the directory path.

    Raises:
        UnreadableInputError: the directory or ``units.csv`` is missing, two
            files give the units table, ``units.csv`` cannot be decoded or
            read as CSV, or *encoding* is unknown.

    Examples:
        >>> import tempfile, pathlib
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (tmp / "units.csv").write_text(
        ...     "Mã đơn vị,Tên đơn vị,Cấp,Ngày thành lập\n"
        ...     "HN,LĐLĐ thành phố Hà Nội,provincial,28/7/1929\n"
        ...     "HK,LĐLĐ quận Hoàn Kiếm,district,1/7/2025x\n", encoding="utf-8")
        >>> result = read_csv_dir(tmp)
        >>> result.dataset.unit_ids(), result.dataset.units[0].founded
        (('HN', 'HK'), Date(1929, 7, 28))
        >>> print(result.report.errors[0].pointer)
        units.csv row 3, column Ngày thành lập

        A units sheet saved by Excel with ``;``, office kinds and a parent column:

        >>> office = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (office / "units.csv").write_text(
        ...     "Mã đơn vị;Tên đơn vị;Cấp;Đơn vị cấp trên;Đến ngày\n"
        ...     "HN;LĐLĐ thành phố Hà Nội;LĐLĐ tỉnh;;\n"
        ...     "HK;LĐLĐ quận Hoàn Kiếm;LĐLĐ quận;HN;45839\n", encoding="utf-8-sig")
        >>> ds = read_csv_dir(office).dataset
        >>> [u.kind for u in ds.units], ds.links
        (['provincial', 'district'], (Link(child='HK', parent='HN', relation='admin', valid_from=None, valid_to=Date(2025, 7, 1)),))
    """  # noqa: E501
    directory = Path(path)
    source = os.fspath(path)
    check_encoding(encoding)
    if not directory.is_dir():
        why = "is not a directory" if directory.exists() else "no such directory"
        raise UnreadableInputError(source, why)
    names: dict[str, list[Path]] = {}
    for file in sorted(directory.iterdir()):
        if file.is_file():
            names.setdefault(file.name.casefold(), []).append(file)

    def get(spec: TableSpec) -> ColumnTable | None:
        files = names.get(f"{spec.name}.csv")
        if files is None:
            if spec.name == "units":
                raise UnreadableInputError(source, "units.csv is missing")
            return None
        if len(files) > 1:
            both = " and ".join(f.name for f in files)
            if spec.name == "units":
                raise UnreadableInputError(
                    source, f"{both} both give the units table; keep one of them"
                )
            # One problem per file, so that each file's rows are accounted for.
            unreadable.extend(
                problem(
                    StructureCode.TWO_FILES_FOR_ONE_TABLE,
                    f"{both} both give the {spec.name} table; neither is read: keep one",
                    pointer=Pointer(file=f.name),
                )
                for f in files
            )
            return None
        file = files[0]
        if spec.name == "units":
            return read_csv_columns(file, spec, progress=progress, encoding=encoding)
        try:
            return read_csv_columns(file, spec, progress=progress, encoding=encoding)
        except UnreadableInputError as exc:
            unreadable.append(
                problem(
                    StructureCode.UNREADABLE_FILE,
                    f"{file.name} cannot be read: {exc.reason}; the file is skipped",
                    pointer=Pointer(file=file.name),
                )
            )
            return None

    unreadable: list[Problem] = []
    with _collector_paused():
        result = dataset_from_tables(get, source)
    if unreadable:
        report = Report(tuple(unreadable)) + result.report
        result = LoadResult(dataset=result.dataset, report=report, source=source)
    return result


def write_csv_dir(dataset: Dataset, path: PathLike, *, bom: bool = False) -> None:
    r"""Write a dataset as a directory of CSV tables (created if missing).

    ``units.csv`` and ``links.csv`` are always written, the other tables only
    when they have rows (``levels.csv`` only for a scheme other than
    :data:`~thidua.hierarchy.UNION_SCHEME`); a table file of this format left
    from an earlier write and not written now is removed, so the directory
    reads back as *dataset*.  Files are UTF-8 with ``\n`` line ends.

    Args:
        dataset: the dataset.
        path: the directory.
        bom: start each file with a byte-order mark, so that Excel opens it
            as UTF-8 when double-clicked.

    Raises:
        FormatError: the dataset holds something tables cannot (see
            ``docs/formats.md``).

    Examples:
        >>> import tempfile, pathlib
        >>> from thidua.hierarchy import Dataset, Unit
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> ds = Dataset(units=[Unit(id="HK", name="Hoàn Kiếm", kind="district",
        ...                          attributes={"Khu vực": "nội thành"})])
        >>> write_csv_dir(ds, tmp)
        >>> sorted(p.name for p in tmp.iterdir())
        ['links.csv', 'units.csv']
        >>> print((tmp / "units.csv").read_text(encoding="utf-8"), end="")
        id,name,kind,founded,dissolved,short_name,Khu vực
        HK,Hoàn Kiếm,district,,,,nội thành
        >>> read_csv_dir(tmp).dataset == ds
        True
    """
    tables = dataset_to_tables(dataset)
    directory = Path(path)
    directory.mkdir(parents=True, exist_ok=True)
    written = set()
    for spec, header, rows in tables:
        write_csv_table(
            directory / f"{spec.name}.csv",
            header,
            ([_csv_cell(c) for c in row] for row in rows),
            bom=bom,
        )
        written.add(f"{spec.name}.csv")
    for spec in TABLES:
        stale = directory / f"{spec.name}.csv"
        if stale.name not in written and stale.is_file():
            stale.unlink()
