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
from collections.abc import Iterable, Mapping
from typing import TypeAlias

import attrs
import pendulum

from thidua._source import Pointer
from thidua._text import nfc
from thidua.levels import UNION_SCHEME, LevelScheme

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
    "Role",
    "Unit",
]

ADMIN = "admin"
"""The relation of the line of management: one parent at any instant."""

AttributeValue: TypeAlias = str | int | float | bool | None
"""A free attribute value (CSV gives text; JSON and YAML may give any scalar)."""


def _opt_nfc(value: str | None) -> str | None:
    return None if value is None else nfc(value)


def _nfc_attributes(value: Mapping[str, AttributeValue]) -> Mapping[str, AttributeValue]:
    return {nfc(k): nfc(v) if isinstance(v, str) else v for k, v in value.items()}


def _str_tuple(value: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (nfc(value),)
    return tuple(nfc(v) for v in value)


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


def _units(items: Iterable[Unit]) -> tuple[Unit, ...]:
    return tuple(items)


def _links(items: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(items)


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

    units: tuple[Unit, ...] = attrs.field(default=(), converter=_units)
    links: tuple[Link, ...] = attrs.field(default=(), converter=_links)
    groups: tuple[Group, ...] = attrs.field(default=(), converter=_groups)
    members: tuple[GroupMember, ...] = attrs.field(default=(), converter=_members)
    events: tuple[ChangeEvent, ...] = attrs.field(default=(), converter=_events)
    roots: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    scheme: LevelScheme = UNION_SCHEME
    metadata: Mapping[str, str] = attrs.field(factory=dict, hash=False, converter=_metadata)

    def unit_ids(self) -> tuple[str, ...]:
        """The unit ids in input order."""
        return tuple(u.id for u in self.units)
