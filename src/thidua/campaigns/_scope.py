"""Who takes part in a campaign: the ``scope`` column, parsed.

A scope is written as one of

* a unit id (``HN``): the unit and its subtree on the campaign's start
  date, in the admin relation;
* a unit with a relation (``NGANH-YT;relation:sector``): the subtree in
  that relation instead;
* a group (``group:CUM-01``): the group's member units on the start date
  (the members themselves, not their subtrees);
* a ``;``-separated list of the above (``HK;BD;group:CUM-02``): the listed
  units themselves and the members of the listed groups.

An empty scope is the launching unit's subtree.  Which units a scope holds
on a day is :func:`thidua.campaigns.scope_units`; this module only reads the
text.

Examples:
    >>> parse_scope("HN").kind, parse_scope("group:CUM-01").groups
    (<ScopeKind.SUBTREE: 'subtree'>, ('CUM-01',))
    >>> s = parse_scope(" HK ; BD ;group:CUM-02")
    >>> s.kind, s.units, s.groups, str(s)
    (<ScopeKind.LIST: 'list'>, ('HK', 'BD'), ('CUM-02',), 'HK;BD;group:CUM-02')
    >>> parse_scope("SECTOR;relation:sector").relation
    'sector'

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import enum

import attrs

from thidua._text import nfc
from thidua.errors import TextParseError

__all__ = ["Scope", "ScopeError", "ScopeKind", "parse_scope"]

_GROUP = "group:"
_RELATION = "relation:"
_ADMIN = "admin"


class ScopeError(TextParseError):
    """A scope that cannot be read (``"group:"``, ``"x:HN"``, two relations).

    Examples:
        >>> str(ScopeError("x:HN", "unknown prefix 'x:'"))
        "cannot read campaign scope 'x:HN': unknown prefix 'x:'"

    .. versionadded:: 0.3.0
    """

    what = "campaign scope"
    default_reason = "expected a unit id, group:ID, relation:NAME or a ;-separated list"


class ScopeKind(enum.Enum):
    """The three shapes of a scope.

    .. versionadded:: 0.3.0
    """

    SUBTREE = "subtree"
    """One unit and everything below it on the start date."""
    GROUP = "group"
    """The member units of one group on the start date."""
    LIST = "list"
    """Several items: the listed units themselves and the members of the listed groups."""


@attrs.frozen(kw_only=True)
class Scope:
    """A parsed campaign scope.

    Attributes:
        units: the unit ids named, in order.
        groups: the group ids named (``group:ID``), in order.
        relation: the relation a single unit's subtree is taken in
            (``admin`` unless ``relation:NAME`` is given).

    Examples:
        >>> Scope(units=("HN",))
        Scope(units=('HN',), groups=(), relation='admin')
        >>> Scope(units=("HN",)).kind, str(Scope(units=("S",), relation="sector"))
        (<ScopeKind.SUBTREE: 'subtree'>, 'S;relation:sector')

    .. versionadded:: 0.3.0
    """

    units: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    relation: str = _ADMIN

    @property
    def kind(self) -> ScopeKind:
        """A single unit is a subtree, a single group its members, anything else a list."""
        if len(self.units) == 1 and not self.groups:
            return ScopeKind.SUBTREE
        if len(self.groups) == 1 and not self.units:
            return ScopeKind.GROUP
        return ScopeKind.LIST

    def __str__(self) -> str:
        items = [*self.units, *(f"{_GROUP}{g}" for g in self.groups)]
        if self.relation != _ADMIN:
            items.append(f"{_RELATION}{self.relation}")
        return ";".join(items)


def parse_scope(text: str) -> Scope:
    """Read a scope: a unit id, ``group:ID``, ``relation:NAME``, or a ``;``-separated list.

    Spaces around items are ignored; the prefixes are matched without regard
    to case.  A unit or group named twice is kept once.

    Raises:
        ScopeError: the text is empty, an item has an unknown prefix or no id,
            two relations are given, or a relation qualifies anything but a
            single unit.

    Examples:
        >>> parse_scope("Group: CUM-01").groups
        ('CUM-01',)
        >>> parse_scope("unit:HK")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thidua.campaigns._scope.ScopeError: cannot read campaign scope 'unit:HK': unknown prefix ...
        >>> parse_scope("HK;BD;relation:sector")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thidua.campaigns._scope.ScopeError: ... a relation qualifies a single unit's subtree
    """
    units: list[str] = []
    groups: list[str] = []
    relations: list[str] = []
    for raw in nfc(text).split(";"):
        item = raw.strip()
        if not item:
            continue
        prefix, colon, rest = item.partition(":")
        if not colon:
            if item not in units:
                units.append(item)
            continue
        word, value = prefix.strip().casefold(), rest.strip()
        if word not in ("group", "relation"):
            raise ScopeError(text, f"unknown prefix {prefix + ':'!r} (group: or relation:)")
        if not value:
            raise ScopeError(text, f"{word}: names nothing")
        if word == "group":
            if value not in groups:
                groups.append(value)
        else:
            relations.append(value)
    if not units and not groups:
        raise ScopeError(text, "it names no unit and no group")
    if len(relations) > 1:
        raise ScopeError(text, "two relations are given")
    scope = Scope(
        units=tuple(units), groups=tuple(groups), relation=relations[0] if relations else _ADMIN
    )
    if relations and scope.kind is not ScopeKind.SUBTREE:
        raise ScopeError(text, "a relation qualifies a single unit's subtree")
    return scope
