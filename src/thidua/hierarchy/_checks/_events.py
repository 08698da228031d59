"""Checks that change events agree with the units and links (H020–H028).

thidua treats events as the record of decisions and links as the structure;
it does not derive one from the other, so every disagreement is reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, repeat

import numpy as np

from thidua._dates import MIN_ORD
from thidua._graph import BoolArray, IntArray
from thidua.hierarchy._checks._context import Context, admin_parents_on, show_date
from thidua.hierarchy._records import ChangeEvent, EventKind

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
    """Every event check, one event at a time, over the events that may have a problem.

    :class:`_EventUnits` finds, in numpy, the events whose units disagree with
    the lifetimes and links; the checks below run on those (and on the few
    events checked whole: renames, shares, wrong arity) only.
    """
    events = ctx.hierarchy.dataset.events
    if not events:
        return
    table = _EventUnits(ctx, events)
    counts = Counter(e.id for e in events)
    seen: set[str] = set()
    for k, event in enumerate(events):
        if counts[event.id] > 1 and event.id in seen:
            ctx.add(
                "H027",
                f"event id {event.id!r} is used {counts[event.id]} times",
                subject=event.id,
                source=event.source,
                field="id",
            )
        seen.add(event.id)
        if table.suspect[k]:
            _check_event(ctx, event, table, k)


def _check_event(ctx: Context, event: ChangeEvent, table: _EventUnits, k: int) -> None:
    """Every check of one event but its id."""
    if not _arity_ok(ctx, event):
        return
    known = _known_units(ctx, event)
    _check_shares(ctx, event)
    if event.kind is EventKind.FOUND:
        for uid in known[1]:
            _check_founded_on(ctx, event, uid)
    elif event.kind is EventKind.RENAME:
        _check_rename(ctx, event, known[0])
    elif event.kind is EventKind.MOVE:
        _check_move(ctx, event, known, table.move_parents(k))
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


def _arity_fits(event: ChangeEvent) -> bool:
    lo_o, hi_o, lo_r, hi_r = _ARITY[event.kind]
    n_o, n_r = len(event.originals), len(event.results)
    ok = lo_o <= n_o and (hi_o is None or n_o <= hi_o) and lo_r <= n_r
    return ok and (hi_r is None or n_r <= hi_r)


def _arity_ok(ctx: Context, event: ChangeEvent) -> bool:
    lo_o, _, _, _ = _ARITY[event.kind]
    n_o, n_r = len(event.originals), len(event.results)
    ok = _arity_fits(event)
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
        linked = unit.alive_on(event.date) and ctx.linked_on(uid, event.date.toordinal())
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


def _check_move(
    ctx: Context,
    event: ChangeEvent,
    known: tuple[list[str], list[str]],
    parents: tuple[list[int], list[int]],
) -> None:
    """H023/H024 of a move; *parents* are the known originals' admin parents on and before."""
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
    to = ctx.hierarchy.index_of(target)
    ids = ctx.hierarchy.ids
    for uid, after, before in zip(known[0], *parents, strict=True):
        if after != to:
            now = "none" if after < 0 else ids[after]
            ctx.add(
                "H024",
                f"{_what(ctx, event)} moves {ctx.label(uid)} to {ctx.label(target)}, but from that "
                f"date the unit's admin parent is {now} (add an admin link to {target!r} "
                "starting on the event date)",
                subject=uid,
                source=event.source,
                field="results",
            )
        elif before == to:
            ctx.add(
                "H024",
                f"{_what(ctx, event)} moves {ctx.label(uid)} to {ctx.label(target)}, but the "
                "unit was already under that parent the day before",
                subject=uid,
                source=event.source,
                field="date",
            )


_KIND_CODE = {kind: code for code, kind in enumerate(EventKind)}


class _EventUnits:
    """The events' originals and results as flat index arrays, and which events may be at fault.

    ``suspect[k]`` is false only when event *k* certainly has no problem but
    (perhaps) a duplicate id: its arity is right, it gives no shares, is no
    rename, names known units only, and every unit agrees with the event's
    date (ended on it, founded on it, alive across it, moved on it).
    """

    def __init__(self, ctx: Context, events: Sequence[ChangeEvent]) -> None:
        h = ctx.hierarchy
        n = len(events)
        self.o_count = np.fromiter((len(e.originals) for e in events), dtype=np.int64, count=n)
        self.r_count = np.fromiter((len(e.results) for e in events), dtype=np.int64, count=n)
        self.o_first = np.cumsum(self.o_count) - self.o_count
        self.r_first = np.cumsum(self.r_count) - self.r_count
        get = h.unit_index.get
        self.o_unit = _positions(get, chain.from_iterable(e.originals for e in events))
        self.r_unit = _positions(get, chain.from_iterable(e.results for e in events))
        kind = np.fromiter((_KIND_CODE[e.kind] for e in events), dtype=np.int64, count=n)
        day = np.fromiter((e.date.toordinal() for e in events), dtype=np.int64, count=n)
        suspect = np.fromiter(
            (bool(e.shares) or e.kind is EventKind.RENAME or not _arity_fits(e) for e in events),
            dtype=np.bool_,
            count=n,
        )
        o_event = np.repeat(np.arange(n, dtype=np.int64), self.o_count)
        r_event = np.repeat(np.arange(n, dtype=np.int64), self.r_count)
        suspect[o_event[self.o_unit < 0]] = True
        suspect[r_event[self.r_unit < 0]] = True
        founded, dissolved, _ = h.lifetime_arrays()

        def alive(units: IntArray, days: IntArray) -> BoolArray:
            return (founded[units] <= days) & (days < dissolved[units])

        # Originals of dissolve, merge, absorb, split end on the date.
        o_kind, o_day, o_unit = kind[o_event], day[o_event], self.o_unit
        ends = np.isin(o_kind, [_KIND_CODE[k] for k in _ENDING]) & (o_unit >= 0)
        late = dissolved[o_unit[ends]] != o_day[ends]
        suspect[o_event[ends][late]] = True
        # Results of found, merge, split (and dissolve: none) are founded on it.
        r_kind, r_day, r_unit = kind[r_event], day[r_event], self.r_unit
        new = np.isin(r_kind, [_KIND_CODE[k] for k in _FOUNDING]) & (r_unit >= 0)
        u, d = r_unit[new], r_day[new]
        wrong = ((founded[u] != MIN_ORD) & (founded[u] != d)) | ~alive(u, d)
        suspect[r_event[new][wrong]] = True
        # Units absorbing others exist before and on the date.
        into = (r_kind == _KIND_CODE[EventKind.ABSORB]) & (r_unit >= 0)
        u, d = r_unit[into], r_day[into]
        suspect[r_event[into][~(alive(u, d) & alive(u, d - 1))]] = True
        # Moves: the target exists on the date, and is each original's new admin parent.
        moves = np.flatnonzero((kind == _KIND_CODE[EventKind.MOVE]) & (self.r_count > 0))
        target = np.full(n, -1, dtype=np.int64)
        target[moves] = self.r_unit[self.r_first[moves]]
        moving = (o_kind == _KIND_CODE[EventKind.MOVE]) & (o_unit >= 0)
        self.after = np.full(o_unit.size, -1, dtype=np.int64)
        self.before = np.full(o_unit.size, -1, dtype=np.int64)
        self.after[moving] = admin_parents_on(h, o_unit[moving], o_day[moving])
        self.before[moving] = admin_parents_on(h, o_unit[moving], o_day[moving] - 1)
        to = target[o_event]
        moved = moving & ((self.after != to) | (self.before == to))
        suspect[o_event[moved]] = True
        has_target = moves[target[moves] >= 0]
        suspect[has_target[~alive(target[has_target], day[has_target])]] = True
        self.suspect: list[bool] = suspect.tolist()

    def move_parents(self, k: int) -> tuple[list[int], list[int]]:
        """The admin parents, on and the day before the date, of the known originals of move *k*."""
        span = slice(int(self.o_first[k]), int(self.o_first[k] + self.o_count[k]))
        known = self.o_unit[span] >= 0
        return self.after[span][known].tolist(), self.before[span][known].tolist()


_ENDING = (EventKind.DISSOLVE, EventKind.MERGE, EventKind.ABSORB, EventKind.SPLIT)
_FOUNDING = (EventKind.FOUND, EventKind.MERGE, EventKind.SPLIT, EventKind.DISSOLVE)


def _positions(get: Callable[[str, int], int], ids: Iterable[str]) -> IntArray:
    """The index position of each id, ``-1`` for an unknown one."""
    return np.array(list(map(get, ids, repeat(-1))), dtype=np.int64)
