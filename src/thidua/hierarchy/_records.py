"""The records of a hierarchy dataset: units, links, groups, change events.

Records are frozen, slotted, keyword-only attrs classes.  Text is NFC-normalised
when a record is built (the boundary); dates are :class:`pendulum.Date`; every
interval is half-open ``[valid_from, valid_to)`` with ``None`` meaning open.
Each record may carry a :class:`~thidua.problems.Pointer` to where it was read
(``source``); it takes no part in equality and is not written back.

Examples:
    >>> from thidua._dates import parse_date
    >>> u = Unit(id="HN", name="Lie\u0302n đoàn Lao động thành phố Hà Nội", kind="provincial")
    >>> u.name == "Liên đoàn Lao động thành phố Hà Nội"
    True
    >>> link = Link(child="HN", parent="TLD", valid_from=parse_date("1/1/2000"))
    >>> link.relation, link.valid_to
    ('admin', None)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import functools
import gc
import itertools
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar, cast, overload

import attrs
import pendulum

from thidua._source import Pointer
from thidua._text import nfc
from thidua.hierarchy._levels import UNION_SCHEME, LevelScheme

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    IntArray = npt.NDArray[np.int64]

__all__ = [
    "ADMIN",
    "AttributeValue",
    "ChangeEvent",
    "Dataset",
    "EventKind",
    "Group",
    "GroupKind",
    "GroupMember",
    "Link",
    "LinkColumns",
    "RecordView",
    "Role",
    "RowSources",
    "Unit",
    "UnitColumns",
]

ADMIN = "admin"
"""The relation of the line of management: one parent at any instant."""

AttributeValue: TypeAlias = str | int | float | bool | None
"""A free attribute value (CSV gives text; JSON and YAML may give any scalar)."""


def _opt_nfc(value: str | None) -> str | None:
    return None if value is None else nfc(value)


def _nfc_attributes(value: Mapping[str, AttributeValue]) -> Mapping[str, AttributeValue]:
    return {nfc(k): nfc(v) if isinstance(v, str) else v for k, v in value.items()}


_NFC = functools.partial(unicodedata.normalize, "NFC")


def _str_tuple(value: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (nfc(value),)
    return tuple(map(_NFC, value))


def _float_tuple(value: Iterable[float | int | str]) -> tuple[float, ...]:
    return tuple(float(v) for v in value)


@attrs.frozen(kw_only=True)
class Unit:
    """An organisation unit (a union at any level).

    Attributes:
        id: stable identifier, unique in the dataset.
        name: the name as founded (NFC); later names come from rename events.
        kind: a kind of the level scheme (``grassroots``, ``district`` …).
        founded: the first day of existence (``None`` = unknown, before any date).
        dissolved: the first day the unit no longer exists (exclusive);
            ``None`` while it exists.  A union that stopped on 30/06/2025 has
            ``dissolved = 2025-07-01``.
        short_name: an optional short form (``LĐLĐ Q. Hoàn Kiếm``).
        attributes: free data (sector, ownership type, area …).
        source: where the record was read (not compared, not written).

    Examples:
        >>> Unit(id="A", name="Công đoàn A", kind="grassroots").alive_on(pendulum.Date(2025, 1, 1))
        True
    """

    id: str = attrs.field(converter=nfc)
    name: str = attrs.field(converter=nfc)
    kind: str = attrs.field(converter=nfc)
    founded: pendulum.Date | None = None
    dissolved: pendulum.Date | None = None
    short_name: str | None = attrs.field(default=None, converter=_opt_nfc)
    attributes: Mapping[str, AttributeValue] = attrs.field(
        factory=dict, converter=_nfc_attributes, hash=False
    )
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)

    def alive_on(self, day: pendulum.Date) -> bool:
        """Whether the unit exists on *day* (``founded <= day < dissolved``)."""
        if self.founded is not None and day < self.founded:
            return False
        return self.dissolved is None or day < self.dissolved


@attrs.frozen(kw_only=True)
class Link:
    """A child → parent link in a named relation, valid on ``[valid_from, valid_to)``.

    Attributes:
        child: the child unit's id.
        parent: the parent unit's id.
        relation: ``admin`` (line of management, at most one parent at any
            instant) or any other name (e.g. ``guidance``), where a unit may
            have several parents.
        valid_from: first day of the link (``None`` = open start).
        valid_to: first day the link no longer holds (``None`` = open end).
        source: where the record was read.

    Examples:
        >>> Link(child="A", parent="B", valid_to=pendulum.Date(2025, 7, 1)).valid_on(
        ...     pendulum.Date(2025, 6, 30))
        True
    """

    child: str = attrs.field(converter=nfc)
    parent: str = attrs.field(converter=nfc)
    relation: str = attrs.field(default=ADMIN, converter=nfc)
    valid_from: pendulum.Date | None = None
    valid_to: pendulum.Date | None = None
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)

    def valid_on(self, day: pendulum.Date) -> bool:
        """Whether the link holds on *day*."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day < self.valid_to


class GroupKind(enum.Enum):
    """Groupings beside the tree: emulation clusters and blocks.

    ``cluster`` is a *cụm thi đua* (units of one level grouped by area),
    ``block`` a *khối thi đua* (units grouped by sector or function).

    Examples:
        >>> GroupKind("block") is GroupKind.BLOCK
        True
    """

    CLUSTER = "cluster"
    BLOCK = "block"


class Role(enum.Enum):
    """A unit's role in a group for a period: member, leader (cụm trưởng), deputy (cụm phó).

    Examples:
        >>> Role("leader").value
        'leader'
    """

    MEMBER = "member"
    LEADER = "leader"
    DEPUTY = "deputy"


@attrs.frozen(kw_only=True)
class Group:
    """An emulation cluster or block (cụm / khối thi đua), owned by a unit.

    Examples:
        >>> Group(id="C1", name="Cụm thi đua số 1", kind=GroupKind.CLUSTER, owner="HN").kind.value
        'cluster'
    """

    id: str = attrs.field(converter=nfc)
    name: str = attrs.field(converter=nfc)
    kind: GroupKind
    owner: str | None = attrs.field(default=None, converter=_opt_nfc)
    attributes: Mapping[str, AttributeValue] = attrs.field(
        factory=dict, converter=_nfc_attributes, hash=False
    )
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class GroupMember:
    """A unit's membership of a group, in a role, on ``[valid_from, valid_to)``.

    Leaders and deputies are recorded as their own rows for the year they
    serve and must also be members then.

    Examples:
        >>> GroupMember(group="C1", unit="HK", role=Role.LEADER).role.value
        'leader'
    """

    group: str = attrs.field(converter=nfc)
    unit: str = attrs.field(converter=nfc)
    valid_from: pendulum.Date | None = None
    valid_to: pendulum.Date | None = None
    role: Role = Role.MEMBER
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)

    def valid_on(self, day: pendulum.Date) -> bool:
        """Whether the membership holds on *day*."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day < self.valid_to


class EventKind(enum.Enum):
    """The kinds of structural change, each recorded with its deciding document.

    * ``found``: *results* are new units (founded on the date).
    * ``dissolve``: *originals* end on the date, with no successor.
    * ``rename``: the one *original* takes ``name`` from the date.
    * ``move``: *originals* get *results[0]* as admin parent from the date.
    * ``merge``: N *originals* end and form one new *result*.
    * ``absorb``: N *originals* end and join an existing *result*.
    * ``split``: one *original* ends and becomes N *results* with ``shares``.

    Examples:
        >>> EventKind("merge") is EventKind.MERGE
        True
    """

    FOUND = "found"
    DISSOLVE = "dissolve"
    RENAME = "rename"
    MOVE = "move"
    MERGE = "merge"
    ABSORB = "absorb"
    SPLIT = "split"


@attrs.frozen(kw_only=True)
class ChangeEvent:
    """A dated structural change decided by a document (e.g. ``1940/QĐ-LĐLĐ``).

    Events are the record of decisions; links and lifetimes are the structure.
    thidua does not derive one from the other: :func:`thidua.validate` reports
    every place where they disagree (codes ``H02x``).

    Attributes:
        id: stable identifier.
        kind: what happened.
        date: the day the change takes effect (the first day of the new state).
        originals: units before the change.
        results: units after the change (for ``move``, the new parent).
        shares: for ``split``, the share of the original going to each result
            (same order as *results*, summing to 1); empty otherwise.
        document: the deciding document's symbol.
        name: for ``rename``, the new name.
        source: where the record was read.

    Examples:
        >>> e = ChangeEvent(id="E1", kind=EventKind.SPLIT, date=pendulum.Date(2024, 3, 1),
        ...                 originals=("A",), results=("B", "C"), shares=(0.6, 0.4))
        >>> e.share_of("C")
        0.4
    """

    id: str = attrs.field(converter=nfc)
    kind: EventKind
    date: pendulum.Date
    originals: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    results: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    shares: tuple[float, ...] = attrs.field(default=(), converter=_float_tuple)
    document: str | None = attrs.field(default=None, converter=_opt_nfc)
    name: str | None = attrs.field(default=None, converter=_opt_nfc)
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)

    def share_of(self, result: str) -> float:
        """The share of the original(s) that goes to *result* (1.0 unless a split)."""
        if self.kind is EventKind.SPLIT and self.shares:
            return self.shares[self.results.index(result)]
        return 1.0

    @property
    def ends_originals(self) -> bool:
        """Whether the originals stop existing on the date (dissolve/merge/absorb/split)."""
        return self.kind in _ENDING


def _units(items: Iterable[Unit]) -> Sequence[Unit]:
    return items if isinstance(items, RecordView) else tuple(items)


def _links(items: Iterable[Link]) -> Sequence[Link]:
    return items if isinstance(items, RecordView) else tuple(items)


def _groups(items: Iterable[Group]) -> tuple[Group, ...]:
    return tuple(items)


def _members(items: Iterable[GroupMember]) -> tuple[GroupMember, ...]:
    return tuple(items)


def _events(items: Iterable[ChangeEvent]) -> tuple[ChangeEvent, ...]:
    return tuple(items)


def _metadata(value: Mapping[str, str]) -> dict[str, str]:
    """Metadata keys and values NFC-normalised, like every other text."""
    return {
        nfc(k) if isinstance(k, str) else k: nfc(v) if isinstance(v, str) else v
        for k, v in value.items()
    }


_ENDING = frozenset({EventKind.DISSOLVE, EventKind.MERGE, EventKind.ABSORB, EventKind.SPLIT})


@attrs.frozen(kw_only=True)
class Dataset:
    """Everything known about one hierarchy's history: the input of thidua.

    Attributes:
        units: the units, in input order.
        links: the child → parent links.
        groups: emulation clusters and blocks.
        members: group memberships and roles.
        events: structural change events.
        roots: units declared roots (no admin parent expected) besides rank 0.
        scheme: the level scheme (kind → rank).
        metadata: free key → text pairs (title, source, licence …),
            NFC-normalised like all text.

    Examples:
        >>> ds = Dataset(units=(Unit(id="T", name="TLĐ", kind="central"),))
        >>> ds.unit_ids()
        ('T',)
        >>> Dataset(metadata={"tie\u0302u đe\u0302\u0300": "Ha\u0300 Nội"}).metadata
        {'tiêu đề': 'Hà Nội'}
    """

    units: Sequence[Unit] = attrs.field(default=(), converter=_units)
    links: Sequence[Link] = attrs.field(default=(), converter=_links)
    groups: tuple[Group, ...] = attrs.field(default=(), converter=_groups)
    members: tuple[GroupMember, ...] = attrs.field(default=(), converter=_members)
    events: tuple[ChangeEvent, ...] = attrs.field(default=(), converter=_events)
    roots: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    scheme: LevelScheme = UNION_SCHEME
    metadata: Mapping[str, str] = attrs.field(factory=dict, hash=False, converter=_metadata)

    def unit_ids(self) -> tuple[str, ...]:
        """The unit ids in input order."""
        if isinstance(self.units, RecordView):
            return tuple(self.units.columns.id)
        return tuple(u.id for u in self.units)

    def unit_columns(self) -> UnitColumns:
        """The units as columns (no record is built when the dataset was read from tables).

        Examples:
            >>> ds = Dataset(units=(Unit(id="T", name="TLĐ", kind="central"),))
            >>> ds.unit_columns().id, ds.unit_columns().founded.tolist()
            (['T'], [0])

        .. versionadded:: 0.2.0
        """
        if isinstance(self.units, RecordView):
            columns: UnitColumns = self.units.columns
            return columns
        return UnitColumns.of(self.units)

    def link_columns(self) -> LinkColumns:
        """The links as columns (no record is built when the dataset was read from tables).

        Examples:
            >>> ds = Dataset(links=(Link(child="A", parent="B"),))
            >>> ds.link_columns().relation, ds.link_columns().valid_to.tolist()
            (['admin'], [10000000])

        .. versionadded:: 0.2.0
        """
        if isinstance(self.links, RecordView):
            columns: LinkColumns = self.links.columns
            return columns
        return LinkColumns.of(self.links)


# --------------------------------------------------------------------------
# Bulk tables as columns, and their records made on demand
# --------------------------------------------------------------------------

_OPEN_START = 0  # thidua._dates.MIN_ORD
_OPEN_END = 10**7  # thidua._dates.MAX_ORD
_DATES: dict[int, pendulum.Date] = {}


def _day(ordinal: int) -> pendulum.Date:
    day = _DATES.get(ordinal)
    if day is None:
        if len(_DATES) > 100_000:
            _DATES.clear()
        plain = pendulum.Date.fromordinal(ordinal)
        day = _DATES[ordinal] = pendulum.Date(plain.year, plain.month, plain.day)
    return day


def _ordinals(days: Iterable[pendulum.Date | None], *, open_end: bool) -> IntArray:
    import numpy as np  # noqa: PLC0415 - numpy only when columns are asked for

    blank = _OPEN_END if open_end else _OPEN_START
    return np.fromiter((blank if d is None else d.toordinal() for d in days), dtype=np.int64)


_new = object.__new__
_set = object.__setattr__


def _pointer(file: str, sheet: str | None, row: int, headers: Mapping[str, str]) -> Pointer:
    """A row pointer built without its converters (the values are final)."""
    pointer: Pointer = _new(Pointer)
    _set(pointer, "file", file)
    _set(pointer, "row", row)
    _set(pointer, "column", None)
    _set(pointer, "path", None)
    _set(pointer, "sheet", sheet)
    _set(pointer, "headers", headers)
    return pointer


def _unit(
    uid: str,
    name: str,
    kind: str,
    founded: int,
    dissolved: int,
    short_name: str | None,
    attributes: dict[str, AttributeValue],
    source: Pointer | None,
) -> Unit:
    """A unit from values already in their final form (NFC text), no converter run."""
    unit: Unit = _new(Unit)
    _set(unit, "id", uid)
    _set(unit, "name", name)
    _set(unit, "kind", kind)
    _set(unit, "founded", None if founded == _OPEN_START else _day(founded))
    _set(unit, "dissolved", None if dissolved == _OPEN_END else _day(dissolved))
    _set(unit, "short_name", short_name)
    _set(unit, "attributes", attributes)
    _set(unit, "source", source)
    return unit


def _link(
    child: str, parent: str, relation: str, start: int, end: int, source: Pointer | None
) -> Link:
    """A link from values already in their final form (NFC text), no converter run."""
    link: Link = _new(Link)
    _set(link, "child", child)
    _set(link, "parent", parent)
    _set(link, "relation", relation)
    _set(link, "valid_from", None if start == _OPEN_START else _day(start))
    _set(link, "valid_to", None if end == _OPEN_END else _day(end))
    _set(link, "source", source)
    return link


@attrs.frozen(kw_only=True, eq=False)
class RowSources:
    """Where the rows of a table were read: one file (or sheet), its header, each row's number.

    Attributes:
        file: the file name shown in pointers.
        sheet: the worksheet, for a workbook.
        headers: field → header as written.
        rows: the 1-based row number of each record (the header is row 1).

    .. versionadded:: 0.2.0
    """

    file: str
    sheet: str | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    rows: IntArray

    def pointer(self, position: int) -> Pointer:
        """The pointer of the record at *position*."""
        return _pointer(self.file, self.sheet, int(self.rows[position]), self.headers)

    def pointers(self) -> Iterator[Pointer]:
        """The pointer of every record, in order."""
        file, sheet, headers = self.file, self.sheet, self.headers
        return (_pointer(file, sheet, row, headers) for row in self.rows.tolist())


R = TypeVar("R")


@attrs.frozen(kw_only=True, eq=False)
class UnitColumns:
    """The units of a dataset as columns, one entry per unit in input order.

    Attributes:
        id: the ids (NFC).
        name: the names as founded.
        kind: the kinds.
        founded: founding days as ordinals, ``0`` (``thidua._dates.MIN_ORD``) if unknown.
        dissolved: dissolution days as ordinals, ``10**7`` (``MAX_ORD``) while open.
        short_name: the short names (``None`` if none).
        attributes: attribute name → text per unit (``""`` where the unit has none);
            only for columns read from a table.
        source: where the rows were read (``None`` for records built in code).
        records: the records themselves, when the columns were made from them.

    Examples:
        >>> cols = UnitColumns.of([Unit(id="A", name="Công đoàn A", kind="grassroots",
        ...                             founded=pendulum.Date(2020, 1, 1))])
        >>> len(cols), cols.record(0).founded
        (1, Date(2020, 1, 1))

    .. versionadded:: 0.2.0
    """

    id: Sequence[str]
    name: Sequence[str]
    kind: Sequence[str]
    founded: IntArray
    dissolved: IntArray
    short_name: Sequence[str | None]
    attributes: Mapping[str, Sequence[str]] = attrs.field(factory=dict)
    source: RowSources | None = None
    records: Sequence[Unit] | None = None

    @classmethod
    def of(cls, units: Iterable[Unit]) -> UnitColumns:
        """The columns of unit records (kept as :attr:`records`)."""
        records = tuple(units)
        return cls(
            id=[u.id for u in records],
            name=[u.name for u in records],
            kind=[u.kind for u in records],
            founded=_ordinals((u.founded for u in records), open_end=False),
            dissolved=_ordinals((u.dissolved for u in records), open_end=True),
            short_name=[u.short_name for u in records],
            records=records,
        )

    def __len__(self) -> int:
        return len(self.id)

    def record(self, position: int) -> Unit:
        """The unit at *position*, built from the columns (or the record kept)."""
        if self.records is not None:
            return self.records[position]
        attributes: dict[str, AttributeValue] = {
            k: v[position] for k, v in self.attributes.items() if v[position] != ""
        }
        return _unit(
            self.id[position],
            self.name[position],
            self.kind[position],
            int(self.founded[position]),
            int(self.dissolved[position]),
            self.short_name[position],
            attributes,
            None if self.source is None else self.source.pointer(position),
        )

    def all_records(self) -> tuple[Unit, ...]:
        """Every unit, built in one pass (faster than one :meth:`record` call each)."""
        if self.records is not None:
            return tuple(self.records)
        n = len(self)
        sources = self.source.pointers() if self.source is not None else itertools.repeat(None, n)
        names = list(self.attributes)
        if names:
            rows = zip(*(self.attributes[k] for k in names), strict=True)
            attributes: Iterable[dict[str, AttributeValue]] = (
                {k: v for k, v in zip(names, row, strict=True) if v != ""} for row in rows
            )
        else:
            attributes = ({} for _ in range(n))
        return tuple(
            map(
                _unit,
                self.id,
                self.name,
                self.kind,
                self.founded.tolist(),
                self.dissolved.tolist(),
                self.short_name,
                attributes,
                sources,
            )
        )


@attrs.frozen(kw_only=True, eq=False)
class LinkColumns:
    """The links of a dataset as columns, one entry per link in input order.

    Attributes:
        child: the child ids.
        parent: the parent ids.
        relation: the relations (``admin`` for an empty cell).
        valid_from: first days as ordinals, ``0`` (``MIN_ORD``) when open.
        valid_to: end days as ordinals, ``10**7`` (``MAX_ORD``) when open.
        source: where the rows were read (``None`` for records built in code).
        records: the records themselves, when the columns were made from them.

    Examples:
        >>> cols = LinkColumns.of([Link(child="A", parent="B")])
        >>> cols.child, cols.record(0) == Link(child="A", parent="B")
        (['A'], True)

    .. versionadded:: 0.2.0
    """

    child: Sequence[str]
    parent: Sequence[str]
    relation: Sequence[str]
    valid_from: IntArray
    valid_to: IntArray
    source: RowSources | None = None
    records: Sequence[Link] | None = None

    @classmethod
    def of(cls, links: Iterable[Link]) -> LinkColumns:
        """The columns of link records (kept as :attr:`records`)."""
        records = tuple(links)
        return cls(
            child=[k.child for k in records],
            parent=[k.parent for k in records],
            relation=[k.relation for k in records],
            valid_from=_ordinals((k.valid_from for k in records), open_end=False),
            valid_to=_ordinals((k.valid_to for k in records), open_end=True),
            records=records,
        )

    def __len__(self) -> int:
        return len(self.child)

    def record(self, position: int) -> Link:
        """The link at *position*, built from the columns (or the record kept)."""
        if self.records is not None:
            return self.records[position]
        return _link(
            self.child[position],
            self.parent[position],
            self.relation[position],
            int(self.valid_from[position]),
            int(self.valid_to[position]),
            None if self.source is None else self.source.pointer(position),
        )

    def all_records(self) -> tuple[Link, ...]:
        """Every link, built in one pass (faster than one :meth:`record` call each)."""
        if self.records is not None:
            return tuple(self.records)
        n = len(self)
        sources = self.source.pointers() if self.source is not None else itertools.repeat(None, n)
        return tuple(
            map(
                _link,
                self.child,
                self.parent,
                self.relation,
                self.valid_from.tolist(),
                self.valid_to.tolist(),
                sources,
            )
        )


C = TypeVar("C", UnitColumns, LinkColumns)


class RecordView(Sequence[R], Generic[R, C]):
    """A sequence of records over columns: each record is built when it is asked for.

    ``dataset.units`` and ``dataset.links`` are views when the dataset was
    read from tables: loading builds columns, not one object per row.
    Iterating, indexing, ``len`` and ``in`` work as on a tuple, and a view
    compares equal to the tuple of the same records (and hashes alike).
    The first full iteration keeps the records it built, so that later
    passes cost no more than over a tuple.  :attr:`columns` gives the
    columns themselves (:meth:`Dataset.unit_columns`).

    Examples:
        >>> cols = LinkColumns.of([Link(child="A", parent="B"), Link(child="C", parent="B")])
        >>> view = RecordView(cols)
        >>> len(view), view[1].child, view == (Link(child="A", parent="B"),
        ...                                    Link(child="C", parent="B"))
        (2, 'C', True)

    .. versionadded:: 0.2.0
    """

    __slots__ = ("_asked", "_built", "columns")

    def __init__(self, columns: C) -> None:
        self.columns: C = columns
        self._built: tuple[R, ...] | None = None
        self._asked = 0

    def __len__(self) -> int:
        return len(self.columns)

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[R, ...]: ...

    def __getitem__(self, index: int | slice) -> R | tuple[R, ...]:
        if self._built is not None:
            return self._built[index]
        if isinstance(index, slice):
            return tuple(self._record(i) for i in range(*index.indices(len(self))))
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            msg = "record index out of range"
            raise IndexError(msg)
        self._asked += 1
        if self._asked > 64 and self._asked * 8 > n:  # asked for many: build them all once
            return tuple(self)[index]
        return self._record(index)

    def _record(self, position: int) -> R:
        return cast("R", self.columns.record(position))

    def __iter__(self) -> Iterator[R]:
        if self._built is None:
            # Hundreds of thousands of acyclic records: the cyclic collector
            # would walk them over and over while they are made.
            enabled = gc.isenabled()
            gc.disable()
            try:
                self._built = cast("tuple[R, ...]", self.columns.all_records())
            finally:
                if enabled:
                    gc.enable()
        return iter(self._built)

    def __eq__(self, other: object) -> bool:
        if other is self or (isinstance(other, RecordView) and other.columns is self.columns):
            return True
        if isinstance(other, RecordView | tuple):
            return len(other) == len(self) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        if len(self) <= 20:
            return repr(tuple(self))
        return f"<{len(self):,} records over columns>"
