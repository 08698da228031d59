"""Lineage: what became what, with shares, across any number of change events.

Merge, absorb and split events link each *original* to each *result* with a
share: the fraction of the original that went into the result (1 for merge
and absorb, the event's ``shares`` for a split).  Shares multiply along a
path and add up over paths, so a unit split 60/40 whose first part was later
merged elsewhere still shows where each fraction ended up.

Dissolve events end a unit without a successor; moves and renames keep the
unit's identity and are not lineage.

Examples:
    >>> import pendulum
    >>> from thidua import ChangeEvent, Dataset, EventKind, Hierarchy, Unit
    >>> d = pendulum.Date
    >>> units = [Unit(id=i, name=i, kind="grassroots") for i in "ABCDE"]
    >>> events = [
    ...     ChangeEvent(id="s", kind=EventKind.SPLIT, date=d(2024, 1, 1),
    ...                 originals="A", results=("B", "C"), shares=(0.6, 0.4)),
    ...     ChangeEvent(id="m", kind=EventKind.MERGE, date=d(2025, 1, 1),
    ...                 originals=("C", "D"), results="E"),
    ... ]
    >>> lin = lineage(Hierarchy(Dataset(units=units, events=events)), "A")
    >>> lin.successor_shares()
    {'B': 0.6, 'C': 0.4, 'E': 0.4}
    >>> lineage(Hierarchy(Dataset(units=units, events=events)), "E").predecessor_shares()
    {'C': 1.0, 'D': 1.0, 'A': 0.4}

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import attrs
import pendulum

from thidua._dates import as_date
from thidua.hierarchy._records import ChangeEvent, EventKind
from thidua.typing import DateLike

if TYPE_CHECKING:
    from thidua.hierarchy._index import Hierarchy

__all__ = ["Lineage", "LineageStep", "lineage", "successors_on"]

_LINEAGE_KINDS = frozenset({EventKind.MERGE, EventKind.ABSORB, EventKind.SPLIT})


@attrs.frozen(kw_only=True)
class LineageStep:
    """One unit reached through lineage, with the share that flowed along the way.

    Attributes:
        unit: the unit reached.
        share: for a successor, the fraction of the starting unit that ended
            in it; for a predecessor, the fraction of the predecessor that
            flowed into the starting unit.  Summed over every path.
        distance: the number of events on the shortest path.
        date: the date of the last event on the first path found.
        events: the ids of the events on that path, in time order.

    Examples:
        >>> LineageStep(unit="B", share=0.6, distance=1, date=pendulum.Date(2024, 1, 1),
        ...             events=("s",)).share
        0.6
    """

    unit: str
    share: float
    distance: int
    date: pendulum.Date
    events: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Lineage:
    """The predecessors and successors of one unit.

    Attributes:
        unit: the unit asked about.
        predecessors: units it came from, nearest first.
        successors: units it went into, nearest first.
    """

    unit: str
    predecessors: tuple[LineageStep, ...]
    successors: tuple[LineageStep, ...]

    def successor_shares(self) -> dict[str, float]:
        """Successor id → share, nearest first."""
        return {s.unit: s.share for s in self.successors}

    def predecessor_shares(self) -> dict[str, float]:
        """Predecessor id → share, nearest first."""
        return {s.unit: s.share for s in self.predecessors}


_Edges = dict[str, list[tuple[str, float, ChangeEvent]]]


def lineage_edges(hierarchy: Hierarchy) -> tuple[_Edges, _Edges]:
    """Forward (original → results) and backward lineage adjacency, by date."""
    forward: _Edges = defaultdict(list)
    backward: _Edges = defaultdict(list)
    for event in sorted(hierarchy.dataset.events, key=lambda e: e.date):
        if event.kind not in _LINEAGE_KINDS:
            continue
        for original in event.originals:
            for result in event.results:
                share = _share(event, result)
                forward[original].append((result, share, event))
                backward[result].append((original, share, event))
    return dict(forward), dict(backward)


def _share(event: ChangeEvent, result: str) -> float:
    if event.kind is EventKind.SPLIT:
        if len(event.shares) == len(event.results):
            return event.shares[event.results.index(result)]
        return 1.0 / len(event.results)
    return 1.0


_Edge = tuple[str, float, ChangeEvent]


def _topological(start: str, edges_of: Callable[[str], Sequence[_Edge]]) -> list[str]:
    """The units reachable from *start*, in topological order (an iterative depth-first search).

    Each unit and edge is visited once: O(units + edges) whatever the depth.
    On cyclic (invalid) event data the edges closing a cycle are the ones
    that go back in this order; :func:`_propagate` ignores them.
    """
    done: list[str] = []
    seen = {start}
    stack: list[tuple[str, Iterator[_Edge]]] = [(start, iter(edges_of(start)))]
    while stack:
        unit, edges = stack[-1]
        for other, _, _ in edges:
            if other not in seen:
                seen.add(other)
                stack.append((other, iter(edges_of(other))))
                break
        else:
            stack.pop()
            done.append(unit)
    done.reverse()
    return done


def _propagate(
    start: str, order: list[str], edges_of: Callable[[str], Sequence[_Edge]]
) -> dict[str, float]:
    """Shares reaching each unit of *order* from *start*: products along paths, summed.

    Complexity: O(units + edges); an edge going back in *order* (a cycle) carries nothing.
    """
    position = {u: i for i, u in enumerate(order)}
    shares = dict.fromkeys(order, 0.0)
    shares[start] = 1.0
    for i, unit in enumerate(order):
        share = shares[unit]
        if share == 0.0:
            continue
        for other, edge_share, _ in edges_of(unit):
            if position[other] > i:
                shares[other] += share * edge_share
    return shares


def _walk(start: str, edges: _Edges, *, forward: bool) -> tuple[LineageStep, ...]:
    # Breadth-first for the nearest path to each unit (its distance, date and
    # events); shares are summed over all paths in topological order.
    def edges_of(unit: str) -> Sequence[_Edge]:
        return edges.get(unit, ())

    first: dict[str, tuple[int, pendulum.Date, tuple[str, ...]]] = {}
    trail_of: dict[str, tuple[str, ...]] = {start: ()}
    frontier = [start]
    distance = 0
    while frontier:
        distance += 1
        nxt: list[str] = []
        for unit in frontier:
            path = trail_of[unit]
            for other, _, event in edges_of(unit):
                if other in trail_of:
                    continue
                trail = (*path, event.id) if forward else (event.id, *path)
                trail_of[other] = trail
                first[other] = (distance, event.date, trail)
                nxt.append(other)
        frontier = nxt
    shares = _propagate(start, _topological(start, edges_of), edges_of)
    return tuple(
        LineageStep(
            unit=u,
            share=round(shares[u], 12),
            distance=step[0],
            date=step[1],
            events=step[2],
        )
        for u, step in first.items()
    )


def lineage(hierarchy: Hierarchy, unit_id: str) -> Lineage:
    """Return the predecessors and successors of *unit_id* across all events.

    Complexity: O(paths through the lineage graph), tiny in practice.

    Raises:
        UnknownUnitError: the hierarchy has no such unit.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.testing import tiny_dataset
        >>> lineage(Hierarchy(tiny_dataset()), "G1").successors
        ()
    """
    hierarchy.index_of(unit_id)
    forward, backward = hierarchy._lineage_edges
    return Lineage(
        unit=unit_id,
        predecessors=_walk(unit_id, backward, forward=False),
        successors=_walk(unit_id, forward, forward=True),
    )


def _discovery(start: str, edges_of: Callable[[str], Sequence[_Edge]]) -> list[str]:
    """The units reachable from *start* in depth-first pre-order (iterative)."""
    order = [start]
    seen = {start}
    stack: list[Iterator[_Edge]] = [iter(edges_of(start))]
    while stack:
        for other, _, _ in stack[-1]:
            if other not in seen:
                seen.add(other)
                order.append(other)
                stack.append(iter(edges_of(other)))
                break
        else:
            stack.pop()
    return order


def successors_on(hierarchy: Hierarchy, unit_id: str, day: DateLike) -> dict[str, float]:
    """Where the unit's share ended up on *day*: alive unit id → share.

    A unit alive on *day* maps to itself.  A unit ended by a merge, absorb or
    split maps to its successors alive on *day* (following later events too),
    with shares multiplied along the way.  A unit dissolved without
    successors, or not yet founded, maps to nothing: the caller must report
    what it could not place.

    Examples:
        >>> import pendulum
        >>> from thidua import ChangeEvent, Dataset, EventKind, Hierarchy, Unit
        >>> d = pendulum.Date
        >>> units = [Unit(id="A", name="A", kind="grassroots", dissolved=d(2024, 1, 1)),
        ...          Unit(id="B", name="B", kind="grassroots", founded=d(2024, 1, 1)),
        ...          Unit(id="C", name="C", kind="grassroots", founded=d(2024, 1, 1))]
        >>> split = ChangeEvent(id="s", kind=EventKind.SPLIT, date=d(2024, 1, 1),
        ...                     originals="A", results=("B", "C"), shares=(0.75, 0.25))
        >>> h = Hierarchy(Dataset(units=units, events=[split]))
        >>> successors_on(h, "A", "2025-01-01")
        {'B': 0.75, 'C': 0.25}
        >>> successors_on(h, "A", "2023-06-01")
        {'A': 1.0}
    """
    day = as_date(day)
    forward = hierarchy._lineage_edges[0]
    hierarchy.index_of(unit_id)

    def alive(unit: str) -> bool:
        return unit in hierarchy and hierarchy.unit(unit).alive_on(day)

    def edges_of(unit: str) -> Sequence[_Edge]:
        if alive(unit):
            return ()  # the share stays where the unit is alive
        return [edge for edge in forward.get(unit, ()) if edge[2].date <= day]

    order = _topological(unit_id, edges_of)
    shares = _propagate(unit_id, order, edges_of)
    # Alive units in the order a depth-first walk first reaches them.
    out = {u: shares[u] for u in _discovery(unit_id, edges_of) if alive(u) and shares[u]}
    return {k: round(v, 12) for k, v in out.items()}
