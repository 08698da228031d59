"""Checks that change events agree with the units and links (H020–H028).

thidua treats events as the record of decisions and links as the structure;
it does not derive one from the other, so every disagreement is reported.
"""

from __future__ import annotations

from collections import Counter

from tests.reference_validation._context import Context, show_date
from thidua._dates import from_ordinal
from thidua._graph import IntArray
from thidua.hierarchy import ChangeEvent, EventKind

# (minimum originals, maximum originals, minimum results, maximum results); None = any.
_ARITY: dict[EventKind, tuple[int, int | None, int, int | None]] = {
    EventKind.FOUND: (0, 0, 1, None),
    EventKind.DISSOLVE: (1, None, 0, 0),
    EventKind.RENAME: (1, 1, 0, 1),
    EventKind.MOVE: (1, None, 1, 1),
    EventKind.MERGE: (2, None, 1, 1),
    EventKind.ABSORB: (1, None, 1, 1),
    EventKind.SPLIT: (1, 1, 2, None),
}
_SHARE_TOLERANCE = 1e-9


def check_events(ctx: Context) -> None:
    """Every event check, one event at a time."""
    events = ctx.hierarchy.dataset.events
    counts = Counter(e.id for e in events)
    seen: set[str] = set()
    parents = _Parents(ctx)
    for event in events:
        if counts[event.id] > 1 and event.id in seen:
            ctx.add(
                "H027",
                f"event id {event.id!r} is used {counts[event.id]} times",
                subject=event.id,
                source=event.source,
                field="id",
            )
        seen.add(event.id)
        if not _arity_ok(ctx, event):
            continue
        known = _known_units(ctx, event)
        _check_shares(ctx, event)
        if event.kind is EventKind.FOUND:
            for uid in known[1]:
                _check_founded_on(ctx, event, uid)
        elif event.kind is EventKind.RENAME:
            _check_rename(ctx, event, known[0])
        elif event.kind is EventKind.MOVE:
            _check_move(ctx, event, known, parents)
        else:  # dissolve, merge, absorb, split: the originals end on the date
            for uid in known[0]:
                _check_ended_on(ctx, event, uid)
            for uid in known[1]:
                if event.kind is EventKind.ABSORB:
                    _check_alive_across(ctx, event, uid)
                else:
                    _check_founded_on(ctx, event, uid)


_NAMED = 10
"""Units named in the description of one event; the others are counted."""


def _units(ctx: Context, ids: tuple[str, ...]) -> str:
    shown = ", ".join(ctx.label(u) for u in ids[:_NAMED])
    return shown + (f" and {len(ids) - _NAMED} more" if len(ids) > _NAMED else "")


def _what(ctx: Context, event: ChangeEvent) -> str:
    """The event by kind, id, date and document, and the units it concerns, with names."""
    doc = f" ({event.document})" if event.document else ""
    head = f"{event.kind.value} event {event.id!r} of {event.date.isoformat()}{doc}"
    originals, results = event.originals, event.results
    if originals and results:
        return f"{head} [{_units(ctx, originals)} → {_units(ctx, results)}]"
    if originals or results:
        return f"{head} [{_units(ctx, originals or results)}]"
    return head


def _arity_ok(ctx: Context, event: ChangeEvent) -> bool:
    lo_o, hi_o, lo_r, hi_r = _ARITY[event.kind]
    n_o, n_r = len(event.originals), len(event.results)
    ok = lo_o <= n_o and (hi_o is None or n_o <= hi_o) and lo_r <= n_r
    ok = ok and (hi_r is None or n_r <= hi_r)
    if not ok:
        ctx.add(
            "H026",
            f"{_what(ctx, event)} has {n_o} original(s) and {n_r} result(s)",
            subject=event.id,
            source=event.source,
            field="originals" if not lo_o <= n_o else "results",
        )
    return ok


def _known_units(ctx: Context, event: ChangeEvent) -> tuple[list[str], list[str]]:
    known: tuple[list[str], list[str]] = ([], [])
    for field, ids, out in (
        ("originals", event.originals, known[0]),
        ("results", event.results, known[1]),
    ):
        for uid in ids:
            if uid in ctx.hierarchy:
                out.append(uid)
            else:
                ctx.add(
                    "H020",
                    f"{_what(ctx, event)} names unknown unit {uid!r} in {field}",
                    subject=event.id,
                    source=event.source,
                    field=field,
                )
    return known


def _check_shares(ctx: Context, event: ChangeEvent) -> None:
    if not event.shares:
        return
    if event.kind is not EventKind.SPLIT:
        ctx.add(
            "H022",
            f"{_what(ctx, event)} gives shares, but shares apply to splits only "
            "(merged and absorbed units pass whole)",
            subject=event.id,
            source=event.source,
            field="shares",
        )
        return
    total = sum(event.shares)
    bad_share = any(not 0 < s <= 1 for s in event.shares)
    if len(event.shares) != len(event.results) or bad_share or abs(total - 1) > _SHARE_TOLERANCE:
        ctx.add(
            "H022",
            f"{_what(ctx, event)} gives shares {list(event.shares)} for {len(event.results)} "
            f"result(s), summing to {total:g}; they must be one per result, in (0, 1], "
            "summing to 1",
            subject=event.id,
            source=event.source,
            field="shares",
        )


def _check_founded_on(ctx: Context, event: ChangeEvent, uid: str) -> None:
    unit = ctx.hierarchy.unit(uid)
    if unit.founded is not None and unit.founded != event.date:
        ctx.add(
            "H028",
            f"{_what(ctx, event)} creates {ctx.label(uid)}, but the unit's founding date is "
            f"{unit.founded.isoformat()}",
            subject=event.id,
            source=event.source,
            field="date",
        )
    elif not unit.alive_on(event.date):
        ctx.add(
            "H023",
            f"{_what(ctx, event)} creates {ctx.label(uid)}, but the unit does not exist on "
            f"that date (dissolved {show_date(unit.dissolved, end=True)})",
            subject=event.id,
            source=event.source,
            field="results",
        )


def _check_alive_across(ctx: Context, event: ChangeEvent, uid: str) -> None:
    unit = ctx.hierarchy.unit(uid)
    before = event.date.subtract(days=1)
    if not (unit.alive_on(event.date) and unit.alive_on(before)):
        ctx.add(
            "H023",
            f"{_what(ctx, event)} takes units into {ctx.label(uid)}, which must exist before "
            f"and on that date (it exists {show_date(unit.founded)} to "
            f"{show_date(unit.dissolved, end=True)})",
            subject=event.id,
            source=event.source,
            field="results",
        )


def _check_ended_on(ctx: Context, event: ChangeEvent, uid: str) -> None:
    unit = ctx.hierarchy.unit(uid)
    if unit.dissolved is None or unit.dissolved > event.date:
        linked = (
            [
                link
                for link in ctx.hierarchy.dataset.links
                if uid in (link.child, link.parent) and link.valid_on(event.date)
            ]
            if unit.alive_on(event.date)
            else []
        )
        still = " and still linked" if linked else ""
        ctx.add(
            "H021",
            f"{_what(ctx, event)} ends {ctx.label(uid)}, but the unit is still alive{still} on "
            f"{event.date.isoformat()} (dissolved {show_date(unit.dissolved, end=True)})",
            subject=uid,
            source=event.source,
            field="date",
        )
    elif unit.dissolved < event.date:
        ctx.add(
            "H028",
            f"{_what(ctx, event)} ends {ctx.label(uid)}, which was already dissolved on "
            f"{unit.dissolved.isoformat()}",
            subject=event.id,
            source=event.source,
            field="date",
        )


def _check_rename(ctx: Context, event: ChangeEvent, originals: list[str]) -> None:
    if not event.name or not event.name.strip():
        ctx.add(
            "H025",
            f"{_what(ctx, event)} has no new name",
            subject=event.id,
            source=event.source,
            field="name",
        )
        return
    for uid in originals:
        before = ctx.hierarchy.name_on(uid, event.date.subtract(days=1))
        if before == event.name:
            ctx.add(
                "H025",
                f"{_what(ctx, event)} renames {uid!r} to the name it already has ({event.name})",
                subject=event.id,
                source=event.source,
                field="name",
            )


class _Parents:
    """Admin parent arrays of the days events look at, built once per day."""

    def __init__(self, ctx: Context) -> None:
        self.hierarchy = ctx.hierarchy
        self.days: dict[int, IntArray] = {}

    def on(self, unit: str, day: int) -> str | None:
        parents = self.days.get(day)
        if parents is None:
            parents = self.days[day] = self.hierarchy.as_of(from_ordinal(day)).parent_array()
        p = int(parents[self.hierarchy.index_of(unit)])
        return None if p < 0 else self.hierarchy.ids[p]


def _check_move(
    ctx: Context,
    event: ChangeEvent,
    known: tuple[list[str], list[str]],
    parents: _Parents,
) -> None:
    if not known[1]:
        return
    target = known[1][0]
    unit = ctx.hierarchy.unit(target)
    if not unit.alive_on(event.date):
        ctx.add(
            "H023",
            f"{_what(ctx, event)} moves units to {ctx.label(target)}, which does not exist on that "
            f"date (it exists {show_date(unit.founded)} to {show_date(unit.dissolved, end=True)})",
            subject=event.id,
            source=event.source,
            field="results",
        )
        return
    for uid in known[0]:
        day = event.date.toordinal()
        after = parents.on(uid, day)
        if after != target:
            now = after or "none"
            ctx.add(
                "H024",
                f"{_what(ctx, event)} moves {ctx.label(uid)} to {ctx.label(target)}, but from that "
                f"date the unit's admin parent is {now} (add an admin link to {target!r} "
                "starting on the event date)",
                subject=uid,
                source=event.source,
                field="results",
            )
        elif parents.on(uid, day - 1) == target:
            ctx.add(
                "H024",
                f"{_what(ctx, event)} moves {ctx.label(uid)} to {ctx.label(target)}, but the "
                "unit was already under that parent the day before",
                subject=uid,
                source=event.source,
                field="date",
            )
