"""Corrupted variants of a valid hierarchy dataset, for the validation equivalence checks.

Each variant takes a valid dataset (the national generator's output, at any
size) and a seeded :class:`numpy.random.Generator`, and injects *count*
faults of one family: duplicate ids, dangling references, bad kinds and
names, reversed intervals, links outside lifetimes, rank inversions,
overlapping links, two admin parents, gaps and orphans, same-name siblings,
cycles, broken change events and broken groups.  ``everything`` applies them
all.  The same arguments always give the same dataset.

Used by ``tests/test_validation_equivalence.py`` (small datasets, in CI) and
``benchmarks/validation_equivalence.py`` (the national dataset).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

import attrs
import numpy as np
import pendulum

from thidua import (
    ChangeEvent,
    Dataset,
    EventKind,
    Group,
    GroupKind,
    GroupMember,
    Link,
    Pointer,
    Role,
)

D = pendulum.Date
REORG = D(2025, 7, 1)

Corruption = Callable[[Dataset, np.random.Generator, int], Dataset]


def _pick(rng: np.random.Generator, items: Sequence[object], count: int) -> list[int]:
    if not items:
        return []
    return sorted(rng.choice(len(items), size=min(count, len(items)), replace=False).tolist())


def _admin_parent(ds: Dataset) -> dict[str, str]:
    """The last admin parent of each child, by link order."""
    return {k.child: k.parent for k in ds.links if k.relation == "admin"}


def _grassroots(ds: Dataset) -> list[int]:
    return [i for i, u in enumerate(ds.units) if u.kind == "grassroots"]


def duplicate_ids(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    picked = [ds.units[i] for i in _pick(rng, ds.units, count)]
    copies = [attrs.evolve(u, name=f"Bản sao {u.name}") for u in picked]
    if picked:
        copies.append(attrs.evolve(picked[0], kind="nope"))  # a third copy, also a bad kind
    return attrs.evolve(ds, units=(*ds.units, *copies))


def unknown_references(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    units = [ds.units[i].id for i in _pick(rng, ds.units, count)]
    extra: list[Link] = []
    for k, uid in enumerate(units):
        if k % 3 == 0:
            extra.append(Link(child=uid, parent=f"NOPE{k}"))
        elif k % 3 == 1:
            extra.append(Link(child=f"GHOST{k}", parent=uid, relation="guidance"))
        else:
            extra.append(Link(child=f"GHOST{k}", parent=f"NOPE{k}"))
    return attrs.evolve(ds, links=(*ds.links, *extra))


def bad_units(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    """Unknown kinds, blank names, lifetimes ending before they begin, unknown roots."""
    units = list(ds.units)
    for k, i in enumerate(_pick(rng, units, count)):
        u = units[i]
        if k % 4 == 0:
            units[i] = attrs.evolve(u, kind="Grassroots" if k % 8 else "ward_union")
        elif k % 4 == 1:
            units[i] = attrs.evolve(u, name=" \t " if k % 8 == 1 else "")
        elif k % 4 == 2:
            units[i] = attrs.evolve(u, founded=D(2025, 3, 1), dissolved=D(2025, 3, 1))
        else:
            units[i] = attrs.evolve(u, founded=D(2025, 3, 1), dissolved=D(2024, 3, 1))
    roots = (*ds.roots, "NOPE", units[-1].id)
    return attrs.evolve(ds, units=tuple(units), roots=roots)


def bad_link_dates(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    """Reversed link intervals and explicit dates outside the units' lifetimes."""
    links = list(ds.links)
    lifetimes = {u.id: (u.founded, u.dissolved) for u in ds.units}
    for k, i in enumerate(_pick(rng, links, count)):
        link = links[i]
        if k % 3 == 0:
            links[i] = attrs.evolve(link, valid_from=D(2025, 9, 1), valid_to=D(2025, 2, 1))
        elif k % 3 == 1:
            founded = lifetimes.get(link.child, (None, None))[0]
            start = D(2024, 1, 1) if founded is None else founded.subtract(days=30)
            links[i] = attrs.evolve(link, valid_from=start)
        else:
            links[i] = attrs.evolve(link, valid_to=D(2030, 1, 1))
    # units founded after their explicit link starts
    units = list(ds.units)
    for i in _pick(rng, units, max(1, count // 3)):
        units[i] = attrs.evolve(units[i], founded=D(2024, 2, 15))
    return attrs.evolve(ds, links=tuple(links), units=tuple(units))


def rank_inversions(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    grass = _grassroots(ds)
    higher = [u.id for u in ds.units if u.kind in {"district", "provincial", "commune"}]
    extra: list[Link] = []
    for k, g in enumerate(_pick(rng, grass, count)):
        child = ds.units[grass[g]].id
        if k % 2 == 0 and higher:
            extra.append(Link(child=higher[k % len(higher)], parent=child, relation="guidance"))
        else:
            other = ds.units[grass[(g + 1) % len(grass)]].id
            extra.append(Link(child=child, parent=other, relation="mentor"))
    return attrs.evolve(ds, links=(*ds.links, *extra))


def overlapping_links(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    """The same link twice, and a second admin parent at the same time."""
    admin = [i for i, k in enumerate(ds.links) if k.relation == "admin"]
    parents = sorted({k.parent for k in ds.links if k.relation == "admin"})
    extra: list[Link] = []
    for k, a in enumerate(_pick(rng, admin, count)):
        link = ds.links[admin[a]]
        if k % 2 == 0:
            extra.append(attrs.evolve(link, valid_from=D(2025, 1, 1)))
        else:
            other = parents[(parents.index(link.parent) + 1) % len(parents)]
            extra.append(
                Link(child=link.child, parent=other, valid_from=D(2024, 6, 1), valid_to=REORG)
            )
    return attrs.evolve(ds, links=(*ds.links, *extra))


def gaps(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    """Admin links cut short, units with no admin link, parents dissolved early."""
    links = list(ds.links)
    admin = [i for i, k in enumerate(links) if k.relation == "admin"]
    dropped: set[int] = set()
    for k, a in enumerate(_pick(rng, admin, count)):
        i = admin[a]
        if k % 3 == 0:
            links[i] = attrs.evolve(links[i], valid_to=D(2024, 5, 1))
        elif k % 3 == 1:
            dropped.add(i)
        else:
            start = links[i].valid_from
            links[i] = attrs.evolve(
                links[i], valid_from=D(2024, 3, 1) if start is None else start.add(days=20)
            )
    units = list(ds.units)
    parents = {k.parent for k in ds.links if k.relation == "admin"}
    middle = [i for i, u in enumerate(units) if u.id in parents and u.kind != "central"]
    for i in _pick(rng, middle, max(1, count // 5)):
        if units[i].dissolved is None:
            units[i] = attrs.evolve(units[i], dissolved=D(2025, 1, 1))
    kept = tuple(k for i, k in enumerate(links) if i not in dropped)
    return attrs.evolve(ds, links=kept, units=tuple(units))


def _variant(name: str, k: int) -> str:
    forms = [
        name.upper(),
        "  " + name.replace(" ", "   ") + " ",
        unicodedata.normalize("NFD", name),
        name.replace("Hòa", "Hoà").replace("Thủy", "Thuỷ"),
        name.lower().replace("đ", "\u00f0"),
        name,
    ]
    return forms[k % len(forms)]


def sibling_names(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    """Children of one admin parent renamed to read the same, some clusters past ten."""
    parent_of = _admin_parent(ds)
    by_parent: dict[str, list[int]] = {}
    for i, u in enumerate(ds.units):
        if u.id in parent_of:
            by_parent.setdefault(parent_of[u.id], []).append(i)
    families = [v for _, v in sorted(by_parent.items()) if len(v) > 1]
    units = list(ds.units)
    for k, f in enumerate(_pick(rng, families, count)):
        family = families[f]
        size = min(len(family), 13 if k % 5 == 0 else 2 + k % 3)
        base = units[family[0]].name + (" Hòa Thủy" if k % 2 else "")
        for j, i in enumerate(family[:size]):
            units[i] = attrs.evolve(units[i], name=_variant(base, j + k))
    # a blank-named pair under one parent is H013, never H011
    if families and len(families[0]) > 1:
        a, b = families[0][:2]
        units[a] = attrs.evolve(units[a], name=" ")
        units[b] = attrs.evolve(units[b], name="")
    return attrs.evolve(ds, units=tuple(units))


def cycles(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    parent_of = _admin_parent(ds)
    grass = [ds.units[i].id for i in _grassroots(ds) if ds.units[i].id in parent_of]
    extra: list[Link] = []
    for k, g in enumerate(_pick(rng, grass, count)):
        child = grass[g]
        up = parent_of[child]
        if k % 4 == 0:
            extra.append(Link(child=child, parent=child, relation="mentor"))
        elif k % 4 == 1:
            extra.append(Link(child=up, parent=child, valid_from=D(2024, 9, 1)))
        elif k % 4 == 2:
            top = parent_of.get(up, up)
            extra.append(
                Link(child=top, parent=child, valid_from=D(2026, 1, 1), valid_to=D(2026, 3, 1))
            )
        else:
            extra.append(Link(child=child, parent=up, relation="guidance", valid_to=REORG))
            extra.append(Link(child=up, parent=child, relation="guidance"))
    return attrs.evolve(ds, links=(*ds.links, *extra))


def bad_events(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    """Every kind of event problem: ids, arity, unknown units, shares, dates, renames, moves."""
    events = list(ds.events)
    ids = [u.id for u in ds.units]
    alive = [u.id for u in ds.units if u.founded is None and u.dissolved is None]
    dissolved = [u for u in ds.units if u.dissolved is not None]
    founded = [u for u in ds.units if u.founded is not None]
    for k, i in enumerate(_pick(rng, events, count)):
        e = events[i]
        step = k % 10
        if step == 0:
            events.append(attrs.evolve(e, document="bản sao"))  # duplicate id
        elif step == 1:
            events[i] = attrs.evolve(e, results=(*e.results, "NOPE"), originals=e.originals)
        elif step == 2:
            events[i] = attrs.evolve(e, originals=(*e.originals, f"GHOST{k}"))
        elif step == 3:
            events[i] = attrs.evolve(e, date=e.date.add(days=3))
        elif step == 4 and e.kind is EventKind.MOVE:
            events[i] = attrs.evolve(e, results=(alive[k % len(alive)],))
        elif step == 5:
            events[i] = attrs.evolve(e, shares=(0.5, 0.5))
        elif step == 6 and e.kind is EventKind.MOVE and dissolved:
            events[i] = attrs.evolve(e, results=(dissolved[k % len(dissolved)].id,))
        elif step == 7:
            events[i] = attrs.evolve(e, originals=(), results=())
        else:
            events[i] = attrs.evolve(e, date=e.date.subtract(days=40))
    day = D(2025, 2, 1)
    some = [ids[i] for i in _pick(rng, ids, 6)]
    events.extend(
        [
            ChangeEvent(id="X-dissolve", kind=EventKind.DISSOLVE, date=day, originals=some[:3]),
            ChangeEvent(
                id="X-split",
                kind=EventKind.SPLIT,
                date=day,
                originals=some[:1],
                results=some[1:4],
                shares=(0.5, 0.4, 0.2),
            ),
            ChangeEvent(
                id="X-split2",
                kind=EventKind.SPLIT,
                date=day,
                originals=some[:1],
                results=some[1:3],
                shares=(1.2, -0.2),
            ),
            ChangeEvent(
                id="X-rename", kind=EventKind.RENAME, date=day, originals=some[:1], name=" "
            ),
            ChangeEvent(
                id="X-rename2",
                kind=EventKind.RENAME,
                date=day,
                originals=some[1:2],
                name=next(u.name for u in ds.units if u.id == some[1]),
            ),
            ChangeEvent(
                id="X-absorb", kind=EventKind.ABSORB, date=day, originals=some[:2], results=some[5:]
            ),
            ChangeEvent(
                id="X-merge",
                kind=EventKind.MERGE,
                date=day,
                originals=some[2:5],
                results=some[5:],
                document="QĐ 1/2025",
            ),
            ChangeEvent(
                id="X-many",
                kind=EventKind.MOVE,
                date=day,
                originals=tuple(ids[:25]),
                results=ids[-1:],
            ),
        ]
    )
    if dissolved:
        u = dissolved[0]
        assert u.dissolved is not None
        events.append(
            ChangeEvent(
                id="X-late",
                kind=EventKind.DISSOLVE,
                date=u.dissolved.add(days=10),
                originals=(u.id,),
            )
        )
        events.append(
            ChangeEvent(
                id="X-absorb-dead",
                kind=EventKind.ABSORB,
                date=u.dissolved.add(days=10),
                originals=some[:1],
                results=(u.id,),
            )
        )
    if founded:
        u = founded[0]
        assert u.founded is not None
        events.append(
            ChangeEvent(
                id="X-found-early",
                kind=EventKind.FOUND,
                date=u.founded.subtract(days=1),
                results=(u.id,),
            )
        )
    return attrs.evolve(ds, events=tuple(events))


def bad_groups(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    """Groups with duplicate ids and unknown owners; members unknown, outside lifetimes, leaders."""
    ids = [ds.units[i].id for i in _pick(rng, ds.units, max(4, count))]
    dissolved = [u.id for u in ds.units if u.dissolved is not None]
    groups = [
        Group(id="C1", name="Cụm thi đua số 1", kind=GroupKind.CLUSTER, owner=ids[0]),
        Group(id="C2", name="Khối thi đua", kind=GroupKind.BLOCK, owner="NOPE"),
        Group(id="C1", name="Cụm trùng", kind=GroupKind.CLUSTER),
    ]
    members: list[GroupMember] = []
    for k, uid in enumerate(ids):
        group = "C1" if k % 2 == 0 else "C2"
        members.append(GroupMember(group=group, unit=uid, valid_from=D(2024, 1, 1)))
        if k % 4 == 0:
            members.append(
                GroupMember(
                    group=group,
                    unit=uid,
                    valid_from=D(2023, 1, 1),
                    valid_to=D(2025, 1, 1),
                    role=Role.LEADER,
                )
            )
        elif k % 4 == 1:
            members.append(
                GroupMember(group=group, unit=uid, valid_from=D(2025, 1, 1), role=Role.DEPUTY)
            )
    members.extend(
        [
            GroupMember(group="NOPE", unit=ids[0]),
            GroupMember(group="C1", unit="GHOST"),
            GroupMember(group="C1", unit=ids[1], valid_from=D(2025, 5, 1), valid_to=D(2025, 1, 1)),
        ]
    )
    members.extend(
        GroupMember(group="C2", unit=uid, valid_from=D(2020, 1, 1), valid_to=D(2030, 1, 1))
        for uid in dissolved[:3]
    )
    return attrs.evolve(ds, groups=(*ds.groups, *groups), members=(*ds.members, *members))


VARIANTS: dict[str, Corruption] = {
    "duplicate_ids": duplicate_ids,
    "unknown_references": unknown_references,
    "bad_units": bad_units,
    "bad_link_dates": bad_link_dates,
    "rank_inversions": rank_inversions,
    "overlapping_links": overlapping_links,
    "gaps": gaps,
    "sibling_names": sibling_names,
    "cycles": cycles,
    "bad_events": bad_events,
    "bad_groups": bad_groups,
}
"""Each corruption by name."""


def everything(ds: Dataset, rng: np.random.Generator, count: int) -> Dataset:
    """Every corruption, one after the other."""
    for corrupt in VARIANTS.values():
        ds = corrupt(ds, rng, count)
    return ds


ALL_VARIANTS: dict[str, Corruption] = {**VARIANTS, "everything": everything}


def corrupted(ds: Dataset, name: str, *, count: int, seed: int = 0) -> Dataset:
    """The variant *name* of *ds* with *count* faults, seeded by *seed*."""
    return ALL_VARIANTS[name](ds, np.random.default_rng(seed), count)


def with_sources(ds: Dataset) -> Dataset:
    """*ds* with a pointer on every record: CSV rows with headers, JSON paths for events."""
    headers = {"valid_from": "Từ ngày", "valid_to": "Đến ngày", "name": "Tên đơn vị"}

    def row(file: str, i: int) -> Pointer:
        return Pointer(file=file, row=i + 2, headers=headers)

    return attrs.evolve(
        ds,
        units=tuple(attrs.evolve(u, source=row("units.csv", i)) for i, u in enumerate(ds.units)),
        links=tuple(attrs.evolve(k, source=row("links.csv", i)) for i, k in enumerate(ds.links)),
        events=tuple(
            attrs.evolve(e, source=Pointer(file="events.json", path=f"$.events[{i}]"))
            for i, e in enumerate(ds.events)
        ),
        groups=tuple(attrs.evolve(g, source=row("groups.csv", i)) for i, g in enumerate(ds.groups)),
        members=tuple(
            attrs.evolve(m, source=row("members.csv", i)) for i, m in enumerate(ds.members)
        ),
    )
