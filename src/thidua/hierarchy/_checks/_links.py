"""Checks on links: unknown units, intervals, lifetimes, ranks, overlaps, gaps, sibling names.

Open interval ends are read against the units' lifetimes: a link with no
``valid_from`` starts when both units exist, one with no ``valid_to`` ends
when either is dissolved.  Only explicit dates outside a lifetime are H007.
"""

from __future__ import annotations

import itertools

import numpy as np

from thidua._dates import MAX_ORD, MIN_ORD
from thidua._graph import BoolArray, IntArray
from thidua.hierarchy._checks._context import Context, show, show_date
from thidua.hierarchy._checks._intervals import (
    coverage_gaps,
    overlap_groups,
    overlapping_other,
    overlapping_pairs,
)
from thidua.hierarchy._checks._names import coarse_keys, name_keys
from thidua.hierarchy._records import Link


def check_links(ctx: Context) -> None:
    """H002, H006, H007, H009, H010, H005, H008, H012, H011 in one pass over the link index."""
    h = ctx.hierarchy
    links = h.dataset.links
    child, parent, rel, start, end, pos = h.link_arrays()
    for row in ctx.unindexed_links.tolist():  # exactly the links naming unknown units
        _check_unknown_ends(ctx, links[row])
    founded, dissolved, rank = h.lifetime_arrays()
    reversed_ = end <= start
    for i in np.nonzero(reversed_)[0].tolist():
        link = links[pos[i]]
        ctx.add(
            "H009",
            f"{link.relation} link {ctx.label(link.child)} → {ctx.label(link.parent)} ends on "
            f"{show_date(link.valid_to, end=True)}, not after it starts on "
            f"{show_date(link.valid_from)}",
            subject=link.child,
            source=link.source,
            field="valid_to",
        )
    _check_lifetimes(ctx, child, parent, start, end, pos, founded, dissolved, ~reversed_)
    eff_start, eff_end, live = ctx.effective_links  # a reversed link is never live
    inverted = live & (rank[child] >= 0) & (rank[parent] >= 0) & (rank[child] <= rank[parent])
    for i in np.nonzero(inverted)[0].tolist():
        link = links[pos[i]]
        if link.child == link.parent:
            continue  # a self-link is reported as a cycle (H004)
        ctx.add(
            "H006",
            f"{link.relation} link {ctx.label(link.child)} → {ctx.label(link.parent)}: the "
            f"child's kind {h.unit(link.child).kind!r} (rank {rank[child[i]]}) is not below "
            f"the parent's kind {h.unit(link.parent).kind!r} (rank {rank[parent[i]]})",
            subject=link.child,
            source=link.source,
        )
    idx = np.nonzero(live)[0]
    n = len(h)
    n_rel = len(h.relations)
    # H010: the same child, parent and relation on overlapping intervals.
    triple = (child[idx] * n + parent[idx]) * n_rel + rel[idx]
    for a, b in overlapping_pairs(triple, eff_start[idx], eff_end[idx]):
        first, second = links[pos[idx[a]]], links[pos[idx[b]]]
        ctx.add(
            "H010",
            f"{second.relation} link {ctx.label(second.child)} → {ctx.label(second.parent)} "
            f"overlaps another link between the same units "
            f"({show_date(first.valid_from)} to {show_date(first.valid_to, end=True)})",
            subject=second.child,
            source=second.source,
        )
    admin = idx[rel[idx] == 0]
    # H005: two different admin parents at the same instant.
    # One problem per link starting under another parent (linear, not one per pair).
    pairs = overlapping_other(child[admin], parent[admin], eff_start[admin], eff_end[admin])
    for a, b in pairs:
        first, second = links[pos[admin[a]]], links[pos[admin[b]]]
        both_from = max(eff_start[admin[a]], eff_start[admin[b]])
        ctx.add(
            "H005",
            f"unit {ctx.label(second.child)} has two admin parents from {show(both_from)}: "
            f"{ctx.label(first.parent)} and {ctx.label(second.parent)}",
            subject=second.child,
            source=second.source,
            field="valid_from",
        )
    _check_admin_gaps(ctx, admin, child, parent, eff_start, eff_end, pos, founded, dissolved, rank)
    _check_sibling_names(ctx, admin, child, parent, eff_start, eff_end)


def _check_unknown_ends(ctx: Context, link: Link) -> None:
    """H002 for each end of *link* that names no unit."""
    for field, uid in (("child", link.child), ("parent", link.parent)):
        if uid not in ctx.hierarchy:
            ctx.add(
                "H002",
                f"{link.relation} link {link.child!r} → {link.parent!r} names unknown "
                f"{field} unit {uid!r}",
                subject=link.child,
                source=link.source,
                field=field,
            )


def _check_lifetimes(
    ctx: Context,
    child: IntArray,
    parent: IntArray,
    start: IntArray,
    end: IntArray,
    pos: IntArray,
    founded: IntArray,
    dissolved: IntArray,
    ok: BoolArray,
) -> None:
    explicit_start = start != MIN_ORD
    explicit_end = end != MAX_ORD
    for side, unit in (("child", child), ("parent", parent)):
        early = explicit_start & ((start < founded[unit]) | (start >= dissolved[unit]))
        late = explicit_end & ((end > dissolved[unit]) | (end <= founded[unit]))
        for i in np.nonzero(ok & (early | late))[0].tolist():
            link: Link = ctx.hierarchy.dataset.links[pos[i]]
            uid = link.child if side == "child" else link.parent
            u = ctx.hierarchy.unit(uid)
            ctx.add(
                "H007",
                f"{link.relation} link {ctx.label(link.child)} → {ctx.label(link.parent)} "
                f"({show_date(link.valid_from)} to {show_date(link.valid_to, end=True)}) lies "
                f"outside the lifetime of its {side} {uid!r} ({show_date(u.founded)} to "
                f"{show_date(u.dissolved, end=True)})",
                subject=link.child,
                source=link.source,
                field="valid_from" if early[i] else "valid_to",
            )


def _check_admin_gaps(
    ctx: Context,
    admin: IntArray,
    child: IntArray,
    parent: IntArray,
    eff_start: IntArray,
    eff_end: IntArray,
    pos: IntArray,
    founded: IntArray,
    dissolved: IntArray,
    rank: IntArray,
) -> None:
    """H008 (orphaned by the parent's dissolution) and H012 (no admin parent)."""
    h = ctx.hierarchy
    n = len(h)
    exempt = np.zeros(n, dtype=np.bool_)
    exempt[rank == 0] = True
    for root in h.dataset.roots:
        if root in h:
            exempt[h.index_of(root)] = True
    alive = founded < dissolved
    if ctx.on is not None:
        alive &= (founded <= ctx.on) & (ctx.on < dissolved)
    has_link = np.zeros(n, dtype=np.bool_)
    has_link[child[admin]] = True
    for i in np.nonzero(alive & ~exempt & ~has_link)[0].tolist():
        uid = h.ids[i]
        ctx.add(
            "H012",
            f"unit {ctx.label(uid)} has no admin parent"
            + ("" if ctx.on is None else f" on {show(ctx.on)}"),
            subject=uid,
            source=h.unit(uid).source,
        )
    keep = ~exempt[child[admin]]
    sel = admin[keep]
    gaps = coverage_gaps(child[sel], eff_start[sel], eff_end[sel], founded, dissolved)
    links = h.dataset.links
    for unit, gap_start, gap_end, ender in gaps:
        if not ctx.covers(gap_start, gap_end):
            continue
        uid = h.ids[unit]
        ended = links[pos[sel[ender]]] if ender >= 0 else None
        if ended is not None and dissolved[parent[sel[ender]]] == gap_start:
            ctx.add(
                "H008",
                f"unit {ctx.label(uid)} is still alive from {show(gap_start)} but its admin "
                f"parent {ctx.label(ended.parent)} was dissolved then, and it has no new admin "
                f"parent until {show(gap_end)}",
                subject=uid,
                source=ended.source,
                field="valid_to",
            )
        else:
            ctx.add(
                "H012",
                f"unit {ctx.label(uid)} has no admin parent from {show(gap_start)} to "
                f"{show(gap_end)}",
                subject=uid,
                source=ended.source if ended is not None else h.unit(uid).source,
            )


def _check_sibling_names(
    ctx: Context,
    admin: IntArray,
    child: IntArray,
    parent: IntArray,
    eff_start: IntArray,
    eff_end: IntArray,
) -> None:
    """H011: two children of one parent, at the same time, whose names normalise alike."""
    h = ctx.hierarchy
    if admin.size < 2:
        return
    # One key per unit, not per link: a unit moved in 2025 has two admin links.
    children = np.flatnonzero(np.bincount(child[admin], minlength=len(h)))  # sorted, distinct
    unit_key, blank, size = _name_codes(ctx, children)
    key_of = unit_key[child[admin]]
    group = parent[admin] * (size + 1) + key_of
    named = key_of != blank
    admin, group = admin[named], group[named]
    # One problem per cluster of same-name siblings whose links overlap in time.
    cluster = overlap_groups(group, eff_start[admin], eff_end[admin])
    if cluster.size == 0:
        return
    # Only clusters of two links or more can hold two units: keep those links.
    shared = np.bincount(cluster)[cluster] > 1
    if not shared.any():
        return
    pairs = _sorted_pairs(cluster[shared], child[admin[shared]], len(h))
    first_link = np.unique(cluster, return_index=True)[1]  # clusters are numbered 0, 1, ...
    first_of = np.flatnonzero(np.concatenate(([True], pairs[1:, 0] != pairs[:-1, 0])))
    sizes = np.diff(np.append(first_of, pairs.shape[0]))
    units = h.units
    for at, size in zip(first_of[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        members = [units[c] for c in pairs[at : at + size, 1].tolist()]
        where = int(first_link[pairs[at, 0]])
        shown = ", ".join(f"{u.id!r} ({u.name})" for u in members[:_SHOWN])
        more = f" and {size - _SHOWN} more" if size > _SHOWN else ""
        ctx.add(
            "H011",
            f"{size} units under the same admin parent "
            f"{ctx.label(h.ids[int(parent[admin[where]])])} at the same time have names that "
            f"read the same: {shown}{more}",
            subject=members[1].id,
            source=members[1].source,
            field="name",
        )


def _name_codes(ctx: Context, children: IntArray) -> tuple[IntArray, int, int]:
    """A code per unit of *children* (by index), equal for units whose names read the same.

    Returns the codes (``-1`` for units not in *children*), the code of the
    blank name (``-1`` if none) and the number of codes.  The codes of names
    read alike are numbered by first appearance in *children*; a unit whose
    name cannot read like any other's (its coarse key is unique) gets a code
    of its own after those, so its name key is never computed.
    """
    names = ctx.units.names
    texts = [names[r] for r in ctx.index_rows[children].tolist()]
    first: dict[bytes, int] = {}
    coarse = np.fromiter(
        map(first.setdefault, coarse_keys(texts), itertools.count()),
        dtype=np.int64,
        count=len(texts),
    )  # the first position of each coarse key: equal for names that may read alike
    single = np.bincount(coarse, minlength=len(texts))[coarse] == 1
    alike = np.flatnonzero(~single).tolist()
    codes = np.empty(len(texts), dtype=np.int64)
    keys: dict[str, int] = {}
    codes[alike] = [keys.setdefault(k, len(keys)) for k in name_keys([texts[j] for j in alike])]
    codes[single] = len(keys) + np.arange(int(single.sum()), dtype=np.int64)
    unit_key = np.full(len(ctx.hierarchy), -1, dtype=np.int64)
    unit_key[children] = codes
    return unit_key, keys.get("", -1), len(keys) + int(single.sum())


_SHOWN = 10
"""Units named in one problem about a group; the rest are counted."""


def _sorted_pairs(cluster: IntArray, child: IntArray, n: int) -> IntArray:
    """The distinct (cluster, child) pairs, sorted, as an (m × 2) array (children below *n*)."""
    key = np.unique(cluster * n + child)
    return np.stack([key // n, key % n], axis=1)
