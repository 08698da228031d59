"""Checks on emulation clusters and blocks (H030–H034)."""

from __future__ import annotations

from collections import Counter

from tests.reference_validation._context import Context, show_date
from thidua._dates import to_ordinal
from thidua.hierarchy import GroupMember, Role


def check_groups(ctx: Context) -> None:
    """Group ids and owners, members' units and lifetimes, leaders and deputies."""
    h = ctx.hierarchy
    groups = h.dataset.groups
    counts = Counter(g.id for g in groups)
    seen: set[str] = set()
    for group in groups:
        if counts[group.id] > 1 and group.id in seen:
            ctx.add(
                "H033",
                f"group id {group.id!r} ({group.name}) is used {counts[group.id]} times",
                subject=group.id,
                source=group.source,
                field="id",
            )
        seen.add(group.id)
        if group.owner is not None and group.owner not in h:
            ctx.add(
                "H030",
                f"group {group.id!r} ({group.name}) is owned by unknown unit {group.owner!r}",
                subject=group.id,
                source=group.source,
                field="owner",
            )
    by_group_unit: dict[tuple[str, str], list[GroupMember]] = {}
    for member in h.dataset.members:
        if member.group not in counts:
            ctx.add(
                "H030",
                f"membership of {member.unit!r} names unknown group {member.group!r}",
                subject=member.group,
                source=member.source,
                field="group",
            )
        if member.unit not in h:
            ctx.add(
                "H030",
                f"group {member.group!r} names unknown unit {member.unit!r}",
                subject=member.group,
                source=member.source,
                field="unit",
            )
            continue
        start = to_ordinal(member.valid_from)
        end = to_ordinal(member.valid_to, open_end=True)
        if end <= start:
            ctx.add(
                "H009",
                f"membership of {ctx.label(member.unit)} in group {member.group!r} ends on "
                f"{show_date(member.valid_to, end=True)}, not after it starts on "
                f"{show_date(member.valid_from)}",
                subject=member.group,
                source=member.source,
                field="valid_to",
            )
            continue
        unit = h.unit(member.unit)
        early = member.valid_from is not None and not unit.alive_on(member.valid_from)
        late = member.valid_to is not None and (
            (unit.dissolved is not None and member.valid_to > unit.dissolved)
            or (unit.founded is not None and member.valid_to <= unit.founded)
        )
        if early or late:
            ctx.add(
                "H031",
                f"{member.role.value} {ctx.label(member.unit)} of group {member.group!r} "
                f"({show_date(member.valid_from)} to {show_date(member.valid_to, end=True)}) "
                f"lies outside the unit's lifetime ({show_date(unit.founded)} to "
                f"{show_date(unit.dissolved, end=True)})",
                subject=member.group,
                source=member.source,
                field="valid_from" if early else "valid_to",
            )
        by_group_unit.setdefault((member.group, member.unit), []).append(member)
    _check_roles(ctx, by_group_unit)


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` is covered by the union of *spans*."""
    cursor = start
    for s, e in sorted(spans):
        if s > cursor:
            break
        cursor = max(cursor, e)
        if cursor >= end:
            return True
    return cursor >= end


def _check_roles(ctx: Context, by_group_unit: dict[tuple[str, str], list[GroupMember]]) -> None:
    holders: dict[tuple[str, Role], list[GroupMember]] = {}
    for (group, unit), rows in by_group_unit.items():
        spans = [
            (to_ordinal(m.valid_from), to_ordinal(m.valid_to, open_end=True))
            for m in rows
            if m.role is Role.MEMBER
        ]
        for row in rows:
            if row.role is Role.MEMBER:
                continue
            holders.setdefault((group, row.role), []).append(row)
            start = to_ordinal(row.valid_from)
            end = to_ordinal(row.valid_to, open_end=True)
            if ctx.covers(start, end) and not _covered(start, end, spans):
                ctx.add(
                    "H032",
                    f"{row.role.value} {ctx.label(unit)} of group {group!r} for "
                    f"{show_date(row.valid_from)} to {show_date(row.valid_to, end=True)} is not "
                    "a member of the group for all of that period",
                    subject=group,
                    source=row.source,
                    field="unit",
                )
    # One problem per holder overlapping an earlier one, found in one sweep over the holders
    # sorted by start (the earlier one named is the one that lasts longest): linear in the
    # rows, however many holders overlap.
    for (group, role), rows in holders.items():
        ordered = sorted(rows, key=lambda m: to_ordinal(m.valid_from))
        longest: GroupMember | None = None
        longest_end = -1
        for later in ordered:
            start = to_ordinal(later.valid_from)
            end = to_ordinal(later.valid_to, open_end=True)
            if longest is not None:
                overlap_end = min(longest_end, end)
                if start < overlap_end and ctx.covers(start, overlap_end):
                    ctx.add(
                        "H034",
                        f"group {group!r} has two {role.value}s at the same time: "
                        f"{ctx.label(longest.unit)} and {ctx.label(later.unit)}",
                        subject=group,
                        source=later.source,
                        field="valid_from",
                    )
            if end > longest_end:
                longest, longest_end = later, end
