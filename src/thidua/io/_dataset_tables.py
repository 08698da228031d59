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
* every column of ``units`` or ``groups`` that is not a known field is a
  free text attribute named by its header.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from thidua._dates import format_date
from thidua.errors import UnreadableInputError
from thidua.io._converter import (
    FormatError,
    LoadResult,
    _collector_paused,
    _id,
    _MissingValueError,
    _Readers,
    _readers,
    _RecordReader,
    _text,
)
from thidua.io._tabular import Table, TableSpec, read_csv_table, write_csv_table
from thidua.levels import UNION_SCHEME, LevelScheme
from thidua.model import AttributeValue, Dataset, Group, Unit
from thidua.problems import Pointer, Problem, Report, problem
from thidua.typing import PathLike, ProgressCallback

__all__ = ["TABLES", "read_csv_dir", "write_csv_dir"]

_WHEN = {"valid_from": ("Từ ngày",), "valid_to": ("Đến ngày",)}

UNITS = TableSpec(
    name="units",
    fields=("id", "name", "kind", "founded", "dissolved", "short_name"),
    required={"id", "name", "kind"},
    aliases={
        "id": ("Mã đơn vị",),
        "name": ("Tên đơn vị",),
        "kind": ("Loại", "Loại đơn vị", "Cấp"),
        "founded": ("Ngày thành lập",),
        "dissolved": ("Ngày giải thể", "Ngày chấm dứt"),
        "short_name": ("Tên viết tắt",),
    },
    keep_extra=True,
)
LINKS = TableSpec(
    name="links",
    fields=("child", "parent", "relation", "valid_from", "valid_to"),
    required={"child", "parent"},
    aliases={
        "child": ("Đơn vị", "Mã đơn vị"),
        "parent": ("Đơn vị cấp trên",),
        "relation": ("Quan hệ",),
        **_WHEN,
    },
)
GROUPS = TableSpec(
    name="groups",
    fields=("id", "name", "kind", "owner"),
    required={"id", "name", "kind"},
    aliases={
        "id": ("Mã cụm",),
        "name": ("Tên cụm",),
        "kind": ("Loại",),
        "owner": ("Đơn vị phụ trách",),
    },
    keep_extra=True,
)
GROUP_MEMBERS = TableSpec(
    name="group_members",
    fields=("group", "unit", "valid_from", "valid_to", "role"),
    required={"group", "unit"},
    aliases={"group": ("Cụm", "Mã cụm"), "unit": ("Đơn vị",), "role": ("Vai trò",), **_WHEN},
)
EVENTS = TableSpec(
    name="events",
    fields=("id", "kind", "date", "originals", "results", "shares", "document", "name"),
    required={"id", "kind", "date"},
    aliases={
        "id": ("Mã sự kiện",),
        "kind": ("Loại",),
        "date": ("Ngày", "Ngày hiệu lực"),
        "originals": ("Đơn vị cũ",),
        "results": ("Đơn vị mới",),
        "shares": ("Tỷ lệ",),
        "document": ("Văn bản", "Số văn bản", "Quyết định"),
        "name": ("Tên mới",),
    },
)
ROOTS = TableSpec(
    name="roots", fields=("unit",), required={"unit"}, aliases={"unit": ("Đơn vị", "Mã đơn vị")}
)
LEVELS = TableSpec(
    name="levels",
    fields=("scheme", "kind", "rank", "label"),
    required={"kind", "rank"},
    aliases={"kind": ("Loại",), "rank": ("Bậc",), "label": ("Tên",)},
)
METADATA = TableSpec(
    name="metadata",
    fields=("key", "value"),
    required={"key", "value"},
    aliases={"key": ("Khóa",), "value": ("Giá trị",)},
)

TABLES: tuple[TableSpec, ...] = (
    UNITS,
    LINKS,
    GROUPS,
    GROUP_MEMBERS,
    EVENTS,
    ROOTS,
    LEVELS,
    METADATA,
)
"""The tables of a hierarchy dataset, in the order they are written."""

_ALWAYS_WRITTEN = frozenset({"units", "links"})
_CUSTOM_SCHEME = "custom"

# How each column's cell becomes a raw value: S = stripped text, K = kept
# text, L = ';'-separated list.  Required fields are always passed on (an
# empty one is then reported S004); optional empty cells are left out.
_S, _K, _L = "strip", "keep", "list"
_MODES: Mapping[str, Mapping[str, str]] = {
    "units": {"id": _S, "name": _K, "kind": _S, "founded": _S, "dissolved": _S, "short_name": _K},
    "links": {"child": _S, "parent": _S, "relation": _S, "valid_from": _S, "valid_to": _S},
    "groups": {"id": _S, "name": _K, "kind": _S, "owner": _S},
    "group_members": {"group": _S, "unit": _S, "valid_from": _S, "valid_to": _S, "role": _S},
    "events": {
        "id": _S,
        "kind": _S,
        "date": _S,
        "originals": _L,
        "results": _L,
        "shares": _L,
        "document": _S,
        "name": _K,
    },
    "levels": {"kind": _S, "rank": _S, "label": _K},
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
        elif mode is _K:
            value = text
        else:
            value = [item.strip() for item in text.split(";") if item.strip()]
        if value or required:
            raw[field] = value
    return raw


def _records(
    table: Table, reader: _RecordReader[Any], problems: list[Problem], *, with_extra: bool = False
) -> list[Any]:
    plan = _plan(table.spec, table.headers)
    read = reader.read_owned
    out = []
    for row in table.rows:
        raw = _raw(row.values, plan)
        if with_extra and row.extra:
            raw["attributes"] = dict(row.extra)
        raw["source"] = pointer = row.pointer
        record = read(raw, pointer, problems)
        if record is not None:
            out.append(record)
    return out


def dataset_from_tables(get: Callable[[TableSpec], Table | None], source: str) -> LoadResult:
    """Build a dataset from tables; *get* returns ``None`` for an absent optional table.

    The ``units`` table must be present (the caller raises otherwise).
    """
    readers: _Readers = _readers()
    problems: list[Problem] = []
    found: dict[str, Table] = {}
    for spec in TABLES:
        table = get(spec)
        if table is not None:
            problems.extend(table.problems)
            found[spec.name] = table
    kwargs: dict[str, Any] = {}
    for name, field, reader, extra in (
        ("units", "units", readers.units, True),
        ("links", "links", readers.links, False),
        ("groups", "groups", readers.groups, True),
        ("group_members", "members", readers.members, False),
        ("events", "events", readers.events, False),
    ):
        if name in found:
            kwargs[field] = _records(found[name], reader, problems, with_extra=extra)
    if "roots" in found:
        kwargs["roots"] = _roots(found["roots"], problems)
    if "levels" in found:
        kwargs["scheme"] = _scheme(found["levels"], readers, problems)
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
                problem("S004", "root: the unit id is empty", pointer=row.pointer.at("unit"))
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
                    "S006",
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
                problem("S004", "metadata: the key is empty", pointer=row.pointer.at("key"))
            )
            continue
        if key in out:
            problems.append(
                problem(
                    "S006",
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
    return list(keys)


def _joined(items: Iterable[str], what: str) -> str:
    items = list(items)
    for item in items:
        if ";" in item:
            raise FormatError(f"{what} id {item!r} contains ';', the list separator of tables")
    return ";".join(items)


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
                [
                    u.id,
                    u.name,
                    u.kind,
                    u.founded,
                    u.dissolved,
                    u.short_name,
                    *(_attribute_text(u.attributes.get(k)) for k in unit_attrs),
                ]
                for u in dataset.units
            ],
        )
    )
    out.append(
        (
            LINKS,
            list(LINKS.fields),
            [[k.child, k.parent, k.relation, k.valid_from, k.valid_to] for k in dataset.links],
        )
    )
    group_attrs = _attribute_columns(dataset.groups, GROUPS)
    out.append(
        (
            GROUPS,
            [*GROUPS.fields, *group_attrs],
            [
                [
                    g.id,
                    g.name,
                    g.kind.value,
                    g.owner,
                    *(_attribute_text(g.attributes.get(k)) for k in group_attrs),
                ]
                for g in dataset.groups
            ],
        )
    )
    out.append(
        (
            GROUP_MEMBERS,
            list(GROUP_MEMBERS.fields),
            [[m.group, m.unit, m.valid_from, m.valid_to, m.role.value] for m in dataset.members],
        )
    )
    out.append(
        (
            EVENTS,
            list(EVENTS.fields),
            [
                [
                    e.id,
                    e.kind.value,
                    e.date,
                    _joined(e.originals, "original"),
                    _joined(e.results, "result"),
                    ";".join(repr(s) for s in e.shares),
                    e.document,
                    e.name,
                ]
                for e in dataset.events
            ],
        )
    )
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


def read_csv_dir(path: PathLike, *, progress: ProgressCallback | None = None) -> LoadResult:
    r"""Read a directory of CSV tables (``units.csv`` required, the others optional).

    File names are matched without regard to case.  An optional file that
    cannot be decoded or parsed is reported as ``S001`` and the others are
    still read.

    Args:
        path: the directory.
        progress: called with ``(file_name, rows_done, None)`` every 10,000
            rows and ``(file_name, rows, rows)`` at the end of each file.

    Returns:
        The dataset, the structure problems with file/row/column pointers
        (columns as written in the header), and the directory path.

    Raises:
        UnreadableInputError: the directory or ``units.csv`` is missing, or
            ``units.csv`` cannot be read as UTF-8 CSV.

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
    """
    directory = Path(path)
    source = os.fspath(path)
    if not directory.is_dir():
        why = "is not a directory" if directory.exists() else "no such directory"
        raise UnreadableInputError(source, why)
    names = {p.name.casefold(): p for p in directory.iterdir() if p.is_file()}

    def get(spec: TableSpec) -> Table | None:
        file = names.get(f"{spec.name}.csv")
        if file is None:
            if spec.name == "units":
                raise UnreadableInputError(source, "units.csv is missing")
            return None
        if spec.name == "units":
            return read_csv_table(file, spec, progress=progress)
        try:
            return read_csv_table(file, spec, progress=progress)
        except UnreadableInputError as exc:
            unreadable.append(
                problem(
                    "S001",
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
    :data:`~thidua.levels.UNION_SCHEME`); a table file of this format left
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
        >>> from thidua.model import Dataset, Unit
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
