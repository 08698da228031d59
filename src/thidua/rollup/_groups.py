"""Emulation clusters and blocks (cụm, khối thi đua): group totals and member rankings.

A group's total follows each indicator's rule over its members' totals:
sums and stocks add, distinct keys are united, means are re-weighted, minima
and maxima combine, and ratios are recomputed from the group's numerator and
denominator (never averaged).  Members are taken on one day from
``hierarchy.dataset.members``; a group should not hold both a unit and one
of its descendants, or the descendant's figures count twice.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs
import numpy as np
import pendulum

from thidua._dates import as_date
from thidua.errors import UnknownIndicatorError
from thidua.hierarchy import GroupKind, Hierarchy
from thidua.rollup._layout import FlagArray, FloatArray, derive, flag_names
from thidua.rollup._result import RollUp
from thidua.typing import DateLike

__all__ = ["GroupRank", "GroupRow", "GroupTotals", "roll_up_groups"]


@attrs.frozen(kw_only=True)
class GroupRow:
    """One group and indicator: the group's total.

    Examples:
        >>> GroupRow(group="C1", name="Cụm 1", kind=GroupKind.CLUSTER, indicator="x",
        ...          value=3.0, members=2).members
        2
    """

    group: str
    name: str
    kind: GroupKind
    indicator: str
    value: float
    members: int
    flags: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class GroupRank:
    """A member's place within its group for one indicator.

    Attributes:
        group: the group id.
        unit: the member unit id.
        name: the member's name on the day of the memberships.
        value: the member's total.
        rank: 1 for the best; equal values share a rank ("1224" ranking);
            ``None`` when the member has no value.

    Examples:
        >>> GroupRank(group="C1", unit="D1", name="Đống Đa", value=5.0, rank=1).rank
        1
    """

    group: str
    unit: str
    name: str
    value: float
    rank: int | None


class GroupTotals:
    """Totals of emulation groups for the indicators of a roll-up.

    Attributes:
        on: the day the memberships were taken.
        groups: the group ids, in dataset order.
        names: the group names.
        kinds: the group kinds.
        indicators: the indicator codes.
        values: the (groups × indicators) totals.
        flags: the (groups × indicators) flag bits, combined from the members
            like the totals (a member's zero denominator flags its group).
        members: group id → member unit ids.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.figures import Figure, Figures
        >>> from thidua.periods import Period
        >>> from thidua.rollup import roll_up
        >>> from thidua.testing import tiny_dataset
        >>> h = Hierarchy(tiny_dataset())
        >>> figs = Figures.from_records([Figure(unit="G1", indicator="new_members",
        ...                                     period=Period.year(2024), value=12)])
        >>> g = roll_up_groups(roll_up(h, figs, "2024"), h, on="2024-12-31")
        >>> g
        <GroupTotals on 2024-12-31: 1 group × 1 indicator>
        >>> g.value("C1", "new_members"), g.members["C1"]
        (12.0, ('D1',))
    """

    __slots__ = (
        "_col",
        "_rollup",
        "flags",
        "groups",
        "indicators",
        "kinds",
        "members",
        "names",
        "on",
        "values",
    )

    def __init__(
        self,
        *,
        rollup: RollUp,
        on: pendulum.Date,
        groups: tuple[str, ...],
        names: tuple[str, ...],
        kinds: tuple[GroupKind, ...],
        members: Mapping[str, tuple[str, ...]],
        values: FloatArray,
        flags: FlagArray | None = None,
    ) -> None:
        self._rollup = rollup
        self.on, self.groups, self.names, self.kinds = on, groups, names, kinds
        self.indicators = rollup.indicators
        self.members = dict(members)
        self._col = {g: i for i, g in enumerate(groups)}
        values.flags.writeable = False
        self.values = values
        marks = np.zeros(values.shape, dtype=np.uint8) if flags is None else flags
        marks.flags.writeable = False
        self.flags = marks

    def __len__(self) -> int:
        return len(self.groups) * len(self.indicators)

    def __iter__(self) -> Iterator[GroupRow]:
        for i, group in enumerate(self.groups):
            for j, code in enumerate(self.indicators):
                yield GroupRow(
                    group=group,
                    name=self.names[i],
                    kind=self.kinds[i],
                    indicator=code,
                    value=float(self.values[i, j]),
                    members=len(self.members[group]),
                    flags=flag_names(int(self.flags[i, j])),
                )

    def __repr__(self) -> str:
        g, k = len(self.groups), len(self.indicators)
        return (
            f"<GroupTotals on {self.on.isoformat()}: {g} group{'s' if g != 1 else ''} × "
            f"{k} indicator{'s' if k != 1 else ''}>"
        )

    def value(self, group: str, indicator: str) -> float:
        """The total of *indicator* for *group*.

        Raises:
            KeyError: the group is not in these totals.
            UnknownIndicatorError: the indicator is not a column.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.rollup._result import _example
            >>> r = _example()
            >>> roll_up_groups(r, r._s.hierarchy).value("C1", "works_completion_rate")
            90.0
        """
        if indicator not in self.indicators:
            raise UnknownIndicatorError(indicator)
        return float(self.values[self._col[group], self.indicators.index(indicator)])

    def to_records(self) -> list[dict[str, object]]:
        """One dict per group and indicator (the fields of :class:`GroupRow`).

        Examples:
            >>> from thidua.rollup._result import _example
            >>> r = _example()
            >>> roll_up_groups(r, r._s.hierarchy).to_records()[0]["members"]
            1
        """
        return [attrs.asdict(r, recurse=False) for r in self]

    def ranking(self, indicator: str, *, descending: bool = True) -> tuple[GroupRank, ...]:
        """Members ordered within each group by their total of *indicator*, with ranks.

        Members without a value come last with rank ``None``; equal values
        share a rank and the next rank is skipped ("1224").

        Examples:
            >>> from thidua import Dataset, Group, GroupMember, Hierarchy, Link, Unit
            >>> from thidua.figures import Figure, Figures
            >>> from thidua.periods import Period
            >>> from thidua.rollup import roll_up
            >>> units = [Unit(id=i, name=i, kind="grassroots") for i in "ABC"]
            >>> ds = Dataset(units=units,
            ...     groups=[Group(id="K", name="Khối 1", kind=GroupKind.BLOCK)],
            ...     members=[GroupMember(group="K", unit=u) for u in "ABC"])
            >>> y = Period.year(2024)
            >>> figs = Figures.from_records([Figure(unit=u, indicator="initiatives", period=y,
            ...                                     value=v) for u, v in (("A", 3), ("B", 5))])
            >>> h = Hierarchy(ds)
            >>> g = roll_up_groups(roll_up(h, figs, y), h, kind=GroupKind.BLOCK)
            >>> [(r.unit, r.rank) for r in g.ranking("initiatives")]
            [('B', 1), ('A', 2), ('C', None)]
        """
        if indicator not in self.indicators:
            raise UnknownIndicatorError(indicator)
        s = self._rollup._s
        j = s.layout.col_of[indicator]
        index, name_on = s.hierarchy.unit_index, s.hierarchy.name_on
        out: list[GroupRank] = []
        for group in self.groups:
            scored = [(uid, float(s.values[index[uid], j])) for uid in self.members[group]]
            known = [t for t in scored if not np.isnan(t[1])]
            known.sort(key=lambda t: -t[1] if descending else t[1])
            rank, previous = 0, None
            for place, (uid, value) in enumerate(known, start=1):
                if value != previous:
                    rank, previous = place, value
                out.append(
                    GroupRank(
                        group=group, unit=uid, name=name_on(uid, self.on), value=value, rank=rank
                    )
                )
            out.extend(
                GroupRank(group=group, unit=uid, name=name_on(uid, self.on), value=v, rank=None)
                for uid, v in scored
                if np.isnan(v)
            )
        return tuple(out)


def roll_up_groups(
    rollup: RollUp,
    hierarchy: Hierarchy,
    on: DateLike | None = None,
    kind: GroupKind | str | None = None,
    groups: Iterable[str] | None = None,
) -> GroupTotals:
    """Total emulation groups (clusters, blocks) from a roll-up, members taken on *on*.

    Args:
        rollup: the roll-up whose unit totals are grouped (all units of the
            hierarchy count, not only its output rows).
        hierarchy: the hierarchy the roll-up was computed on (its dataset
            holds the groups and memberships).
        on: the day of the memberships (default: the roll-up's day).
        kind: only groups of this kind (``None``: all kinds).
        groups: only these group ids.

    Returns:
        The :class:`GroupTotals`.

    Raises:
        ValueError: *hierarchy* is not the roll-up's hierarchy.

    Notes:
        Complexity: O(memberships + groups · (members · channels + distinct keys)).

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.figures import Figure, Figures
        >>> from thidua.periods import Period
        >>> from thidua.rollup import roll_up
        >>> from thidua.testing import tiny_dataset
        >>> h = Hierarchy(tiny_dataset())
        >>> figs = Figures.from_records([Figure(unit="G2", indicator="members",
        ...                                     period=Period.year(2024), value=30)])
        >>> roll_up_groups(roll_up(h, figs, "2024"), h, kind="cluster").value("C1", "members")
        30.0
    """
    s = rollup._s
    if hierarchy.ids != s.hierarchy.ids:
        msg = "the roll-up was computed on another hierarchy"
        raise ValueError(msg)
    day = as_date(on) if on is not None else s.day
    wanted_kind = None if kind is None else GroupKind(kind)
    wanted = None if groups is None else set(groups)
    chosen = [
        g
        for g in hierarchy.dataset.groups
        if (wanted_kind is None or g.kind is wanted_kind) and (wanted is None or g.id in wanted)
    ]
    members: dict[str, list[str]] = {g.id: [] for g in chosen}
    for m in hierarchy.dataset.members:
        bucket = members.get(m.group)
        if bucket is not None and m.valid_on(day) and m.unit in hierarchy and m.unit not in bucket:
            bucket.append(m.unit)
    index = hierarchy.unit_index
    rows = []
    for g in chosen:
        idx = np.asarray([index[u] for u in members[g.id]], dtype=np.int64)
        rows.append(s.totals.combine(idx))
    layout = s.layout
    if rows:
        parts = [np.concatenate([r[c] for r in rows]) for c in range(5)]
        values, flags = derive(layout, parts[0], parts[1], parts[2], parts[3], parts[4])
    else:
        values = np.empty((0, len(layout)))
        flags = np.zeros((0, len(layout)), dtype=np.uint8)
    return GroupTotals(
        rollup=rollup,
        on=day,
        groups=tuple(g.id for g in chosen),
        names=tuple(g.name for g in chosen),
        kinds=tuple(g.kind for g in chosen),
        members={k: tuple(v) for k, v in members.items()},
        values=values,
        flags=flags,
    )
