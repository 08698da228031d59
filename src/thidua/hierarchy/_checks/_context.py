"""Shared state of one validation pass: the index, the unit columns, labels and the problems.

The checks read the hierarchy's public arrays (:meth:`~thidua.Hierarchy.link_arrays`,
:meth:`~thidua.Hierarchy.lifetime_arrays`, :attr:`~thidua.Hierarchy.unit_index`)
and the per-unit text of :func:`unit_columns`, find the faulty rows in numpy,
and build records, pointers and messages for those rows only.
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs
import numpy as np

from thidua._dates import MAX_ORD, MIN_ORD, from_ordinal
from thidua._graph import CSR, BoolArray, IntArray
from thidua.hierarchy._index import Hierarchy
from thidua.problems import Pointer, Problem, Report, problem, summary_problem


@attrs.frozen(kw_only=True)
class UnitColumns:
    """The unit table as columns, one entry per row of ``dataset.units`` (duplicates included).

    Attributes:
        ids: the unit ids.
        names: the names.
        kinds: the kinds.
        founded: founding ordinals (``MIN_ORD`` when open).
        dissolved: dissolution ordinals (``MAX_ORD`` when open).
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    kinds: tuple[str, ...]
    founded: IntArray
    dissolved: IntArray


def unit_columns(hierarchy: Hierarchy) -> UnitColumns:
    """The per-unit text and dates the checks need, as columns over the dataset's unit rows.

    The one place the validation reads the unit table in bulk: the checks never
    iterate over unit records themselves (they build one only for a faulty row).
    Taken from :meth:`thidua.hierarchy.Dataset.unit_columns`, which builds no record
    for a dataset read from tables.
    """
    columns = hierarchy.dataset.unit_columns()
    return UnitColumns(
        ids=tuple(columns.id),
        names=tuple(columns.name),
        kinds=tuple(columns.kind),
        founded=columns.founded,
        dissolved=columns.dissolved,
    )


@attrs.define(slots=False)
class Context:
    """What every check needs: the index, an optional date, and where to put problems."""

    hierarchy: Hierarchy
    on: int | None = None
    max_per_code: int | None = None
    problems: list[Problem] = attrs.Factory(list)
    counts: dict[str, int] = attrs.Factory(dict)

    def add(
        self,
        code: str,
        message: str,
        *,
        subject: str | None = None,
        source: Pointer | None = None,
        field: str | None = None,
    ) -> None:
        """Record one problem, pointing at *field* of the record read from *source*.

        Past *max_per_code* problems of one code, the problem is only counted
        (memory stays bounded); :meth:`report` sums them up.
        """
        seen = self.counts.get(code, 0) + 1
        self.counts[code] = seen
        if self.max_per_code is not None and seen > self.max_per_code:
            return
        pointer = source.at(field) if source is not None and field else source
        self.problems.append(problem(code, message, subject=subject, pointer=pointer))

    def report(self) -> Report:
        """The problems recorded, with one ``S030`` summary per code that went past the cap."""
        limit = self.max_per_code
        extra = (
            []
            if limit is None
            else [
                summary_problem(code, limit, total)
                for code, total in sorted(self.counts.items())
                if total > limit
            ]
        )
        return Report((*self.problems, *extra))

    def label(self, unit_id: str) -> str:
        """``'HN' (Liên đoàn Lao động thành phố Hà Nội)`` or just ``'X'`` if unknown."""
        if unit_id in self.hierarchy:
            return f"{unit_id!r} ({self.hierarchy.unit(unit_id).name})"
        return repr(unit_id)

    @functools.cached_property
    def units(self) -> UnitColumns:
        """The unit columns (:func:`unit_columns`), built once per pass."""
        return unit_columns(self.hierarchy)

    @functools.cached_property
    def index_rows(self) -> IntArray:
        """For each unit of the index, its row in ``dataset.units`` (its first record)."""
        ids = self.units.ids
        if len(ids) == len(self.hierarchy):
            return np.arange(len(ids), dtype=np.int64)
        position = self.hierarchy.unit_index
        rows = np.full(len(self.hierarchy), -1, dtype=np.int64)
        for row, uid in enumerate(ids):
            at = position[uid]
            if rows[at] < 0:
                rows[at] = row
        return rows

    @functools.cached_property
    def effective_links(self) -> tuple[IntArray, IntArray, BoolArray]:
        """Link intervals clipped to both units' lifetimes, and which links count.

        Returns ``(start, end, live)`` over the hierarchy's link index: an open
        end follows the lifetimes; *live* marks links with a non-empty clipped
        interval (containing the chosen day, if any).
        """
        child, parent, _, start, end, _ = self.hierarchy.link_arrays()
        founded, dissolved, _ = self.hierarchy.lifetime_arrays()
        eff_start = np.maximum(start, np.maximum(founded[child], founded[parent]))
        eff_end = np.minimum(end, np.minimum(dissolved[child], dissolved[parent]))
        live = eff_start < eff_end
        if self.on is not None:
            live &= (eff_start <= self.on) & (self.on < eff_end)
        return eff_start, eff_end, live

    @functools.cached_property
    def unindexed_links(self) -> IntArray:
        """Rows of ``dataset.links`` left out of the link index (they name unknown units)."""
        links = self.hierarchy.dataset.links
        pos = self.hierarchy.link_arrays().position
        if pos.size == len(links):
            return np.empty(0, dtype=np.int64)
        indexed = np.zeros(len(links), dtype=np.bool_)
        indexed[pos] = True
        return np.flatnonzero(~indexed)

    @functools.cached_property
    def _incident(self) -> CSR:
        """Unit → the indexed links it is the child or the parent of."""
        child, parent = self.hierarchy.link_arrays()[:2]
        ids = np.arange(child.size, dtype=np.int64)
        return CSR.from_edges(
            len(self.hierarchy), np.concatenate([child, parent]), np.concatenate([ids, ids])
        )

    def linked_on(self, unit_id: str, day: int) -> bool:
        """Whether some link of ``dataset.links`` names the known *unit_id* and holds on *day*."""
        links = self.hierarchy.link_arrays()
        near = self._incident.neighbours(self.hierarchy.index_of(unit_id))
        if bool(np.any((links.start[near] <= day) & (day < links.end[near]))):
            return True
        records = self.hierarchy.dataset.links
        return any(
            unit_id in (link.child, link.parent) and link.valid_on(from_ordinal(day))
            for link in (records[row] for row in self.unindexed_links.tolist())
        )

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is relevant: it contains the chosen date, if any."""
        return self.on is None or start <= self.on < end


def show(ordinal: int) -> str:
    """An ordinal as ISO text, or 'the beginning' / 'open end' for the sentinels."""
    if ordinal <= MIN_ORD:
        return "the beginning"
    if ordinal >= MAX_ORD:
        return "no end"
    return from_ordinal(ordinal).isoformat()


def show_date(day: dt.date | None, *, end: bool = False) -> str:
    """A date of a record as ISO text, with open ends spelled out."""
    if day is None:
        return "no end" if end else "the beginning"
    return day.isoformat()


def admin_parents_on(hierarchy: Hierarchy, units: IntArray, days: IntArray) -> IntArray:
    """The admin parent of ``units[i]`` on ``days[i]`` (``-1`` for none), by index position.

    The same parent as ``hierarchy.as_of(day).parent_array()[unit]``: the
    parent of the unit's first admin link (in index order) that holds on the
    day while both units exist; without building a snapshot per day.

    Complexity: O(links log links + queries × admin links per unit), in numpy.
    """
    child, parent, rel, start, end, _ = hierarchy.link_arrays()
    founded, dissolved, _ = hierarchy.lifetime_arrays()
    out = np.full(units.size, -1, dtype=np.int64)
    if units.size == 0:
        return out
    wanted = np.zeros(len(hierarchy), dtype=np.bool_)
    wanted[units] = True
    admin = np.flatnonzero(rel == 0)
    admin = admin[wanted[child[admin]]]
    admin = admin[np.argsort(child[admin], kind="stable")]  # by child, then index order
    per_unit = np.bincount(child[admin], minlength=len(hierarchy))
    lo = (np.cumsum(per_unit) - per_unit)[units]
    count = per_unit[units]
    query = np.repeat(np.arange(units.size, dtype=np.int64), count)
    offset = np.arange(query.size, dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
    link = admin[np.repeat(lo, count) + offset]
    day, unit, up = days[query], units[query], parent[link]
    holds = (start[link] <= day) & (day < end[link])
    holds &= (founded[unit] <= day) & (day < dissolved[unit])
    holds &= (founded[up] <= day) & (day < dissolved[up])
    hit = query[holds]
    first = np.flatnonzero(np.diff(hit, prepend=-1))  # queries in order, then links in order
    out[hit[first]] = up[holds][first]
    return out
