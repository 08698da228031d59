"""The dated organisation hierarchy: the whole history, indexed for fast views.

A :class:`Hierarchy` indexes a :class:`~thidua.hierarchy.Dataset` once (numpy
arrays of lifetimes and link intervals).  :meth:`Hierarchy.as_of` then gives a
:class:`~thidua.hierarchy.Snapshot`, the frozen structure of one day, in a few
vectorised passes.  The dataset's records stay the source of truth; the
arrays and graphs are derived, cached indexes.

The index tolerates invalid data (duplicate ids, unknown units, overlapping
admin links) so that :func:`thidua.validate` can run over it; views built from
invalid data follow documented tie-breaks (first record wins).

Examples:
    >>> from thidua.testing import tiny_dataset
    >>> h = Hierarchy(tiny_dataset())
    >>> h.as_of("30/06/2025").parent("G1")
    'D1'
    >>> h.as_of("01/07/2025").parent("G1")
    'W1'
    >>> h.find("công đoàn phường  KIM LIÊN")
    ('W1',)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import itertools
import types
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

import numpy as np
import pendulum

from thidua._dates import MAX_ORD, MIN_ORD, as_date, from_ordinal
from thidua._graph import BoolArray, IntArray
from thidua._search import NameQuery, strip_diacritics
from thidua._text import name_key
from thidua.errors import UnknownUnitError
from thidua.hierarchy import _diff, _lineage
from thidua.hierarchy._levels import MAX_RANK
from thidua.hierarchy._records import ADMIN, ChangeEvent, Dataset, EventKind, Unit, UnitColumns
from thidua.typing import DateLike

if TYPE_CHECKING:
    import pandas as pd

    from thidua.hierarchy._diff import HierarchyDiff
    from thidua.hierarchy._levels import LevelScheme
    from thidua.hierarchy._lineage import Lineage, _Edges

__all__ = ["HasDataset", "Hierarchy", "Lifetimes", "LinkArrays"]


class LinkArrays(NamedTuple):
    """The link index of a :class:`Hierarchy`, one entry per indexed link.

    Attributes:
        child: the child's index position.
        parent: the parent's index position.
        relation: the relation code (an index into :attr:`Hierarchy.relations`).
        start: the first day, as an ordinal (open: ``MIN_ORD``).
        end: the first day no longer valid, as an ordinal (open: ``MAX_ORD``).
        position: the link's position in ``dataset.links``.

    .. versionadded:: 0.2.0
    """

    child: IntArray
    parent: IntArray
    relation: IntArray
    start: IntArray
    end: IntArray
    position: IntArray


class Lifetimes(NamedTuple):
    """The units' lifetimes and ranks of a :class:`Hierarchy`, by index position.

    Attributes:
        founded: the founding ordinal (open: ``MIN_ORD``).
        dissolved: the dissolution ordinal (open: ``MAX_ORD``).
        rank: the level rank, ``-1`` for an unknown kind.

    .. versionadded:: 0.2.0
    """

    founded: IntArray
    dissolved: IntArray
    rank: IntArray


class HasDataset(Protocol):
    """Anything holding a hierarchy dataset, such as a :class:`thidua.Workspace`."""

    @property
    def dataset(self) -> Dataset:
        """The hierarchy dataset."""


def _relation_codes(names: Sequence[str], kept: IntArray) -> tuple[tuple[str, ...], IntArray]:
    """The relations of the kept links (admin first, then by first use) and each one's code.

    Dictionary-encodes all the names at once (a dict lookup per link, no
    per-link Python loop) and numbers the relations in the order they are
    first used by a kept link, as the links are read.
    """
    first_seen: dict[str, int] = {ADMIN: 0}
    for name in dict.fromkeys(names):
        first_seen.setdefault(name, len(first_seen))
    every = np.fromiter(map(first_seen.__getitem__, names), dtype=np.int64, count=len(names))
    codes = every[kept]
    present, first = np.unique(codes, return_index=True)
    order = present[np.argsort(first, kind="stable")]
    order = np.concatenate(([0], order[order != 0])).astype(np.int64)
    renumber = np.full(len(first_seen), -1, dtype=np.int64)
    renumber[order] = np.arange(order.size, dtype=np.int64)
    spelled = tuple(first_seen)
    return tuple(spelled[c] for c in order.tolist()), renumber[codes]


class Hierarchy:
    """The indexed history of one dataset.

    Build it once and ask it for snapshots, diffs and lineage.  Construction
    is O(units + links + events).

    Args:
        dataset: the records.  Nothing in it is altered.

    Attributes:
        dataset: the records this index was built from.
        ids: unit ids in index order (first occurrence of a duplicated id).
        relations: relation names present, ``admin`` first.

    Examples:
        >>> from thidua.testing import tiny_dataset
        >>> h = Hierarchy(tiny_dataset())
        >>> len(h), h.relations
        (8, ('admin', 'guidance'))
        >>> "G1" in h
        True
    """

    __slots__ = (
        "__dict__",
        "_columns",
        "_dissolved",
        "_first",
        "_founded",
        "_index",
        "_index_view",
        "_l_child",
        "_l_from",
        "_l_parent",
        "_l_pos",
        "_l_rel",
        "_l_to",
        "_rank",
        "_units",
        "dataset",
        "ids",
        "relations",
    )

    def __init__(self, dataset: Dataset | HasDataset) -> None:
        if not isinstance(dataset, Dataset):
            dataset = dataset.dataset
        self.dataset = dataset
        # Built from the columns (no record per unit or link when the dataset
        # was read from tables).
        units = dataset.unit_columns()
        ids = units.id
        n = len(ids)
        index: dict[str, int] = dict(zip(ids, range(n), strict=True))
        first: IntArray | None = None  # None: every unit is the first of its id
        if len(index) < n:
            index = {}
            positions: list[int] = []
            for at, uid in enumerate(ids):
                if uid not in index:
                    index[uid] = len(positions)
                    positions.append(at)
            first = np.asarray(positions, dtype=np.int64)
        self._index = index
        self._index_view: Mapping[str, int] = types.MappingProxyType(index)
        self._first = first
        self._columns = units
        self._units: Sequence[Unit] = (
            dataset.units if first is None else tuple(dataset.units[p] for p in first.tolist())
        )
        self.ids: tuple[str, ...] = tuple(index)
        scheme = dataset.scheme
        kinds = units.kind if first is None else [units.kind[p] for p in first.tolist()]
        rank_of = {k: _rank_or(scheme.get_rank(k)) for k in set(kinds)}
        self._rank: IntArray = np.fromiter(
            map(rank_of.__getitem__, kinds), dtype=np.int64, count=len(kinds)
        )
        self._founded: IntArray = units.founded if first is None else units.founded[first]
        self._dissolved: IntArray = units.dissolved if first is None else units.dissolved[first]
        links = dataset.link_columns()
        get = index.get
        m = len(links)
        unknown = itertools.repeat(-1)
        child = np.fromiter(map(get, links.child, unknown), dtype=np.int64, count=m)
        parent = np.fromiter(map(get, links.parent, unknown), dtype=np.int64, count=m)
        pos = np.nonzero((child >= 0) & (parent >= 0))[0].astype(np.int64)
        self.relations: tuple[str, ...]
        self.relations, rel = _relation_codes(links.relation, pos)
        self._l_child: IntArray = child[pos]
        self._l_parent: IntArray = parent[pos]
        self._l_rel: IntArray = rel
        self._l_from: IntArray = np.asarray(links.valid_from, dtype=np.int64)[pos]
        self._l_to: IntArray = np.asarray(links.valid_to, dtype=np.int64)[pos]
        self._l_pos: IntArray = pos

    @classmethod
    def from_pandas(
        cls,
        units: pd.DataFrame,
        links: pd.DataFrame | None = None,
        *,
        scheme: LevelScheme | None = None,
        roots: Iterable[str] = (),
    ) -> Hierarchy:
        """Index a hierarchy given as pandas DataFrames.

        Args:
            units: one row per unit: ``id``, ``name``, ``kind`` and optionally
                ``founded``, ``dissolved``, ``short_name``; any other column is
                an attribute (empty cells are left out).
            links: one row per link: ``child``, ``parent`` and optionally
                ``relation`` (default ``admin``), ``from`` (or ``valid_from``) and
                ``to`` (or ``valid_to``).  Dates are dates, timestamps or text
                (ISO or ``dd/mm/yyyy``); an empty cell is an open end.
            scheme: the level scheme (default :data:`thidua.UNION_SCHEME`).
            roots: units declared roots besides rank 0.

        Returns:
            The index.  The data is not validated: run :func:`thidua.validate`
            on :attr:`dataset`.

        Raises:
            MissingExtraError: pandas is not installed.
            ThiduaValidationError: a required column or value is missing or a
                date cannot be read (every problem, with its row).

        Examples:
            >>> import pandas as pd
            >>> units = pd.DataFrame({"id": ["HN", "HK"], "kind": ["provincial", "district"],
            ...                       "name": ["LĐLĐ thành phố Hà Nội", "LĐLĐ quận Hoàn Kiếm"]})
            >>> links = pd.DataFrame({"child": ["HK"], "parent": ["HN"],
            ...                       "from": [None], "to": ["2025-07-01"]})
            >>> h = Hierarchy.from_pandas(units, links)
            >>> h.as_of("2025-06-30").parent("HK"), h.as_of("2025-07-01").parent("HK")
            ('HN', None)

        .. versionadded:: 0.2.0
        """
        from thidua.hierarchy._frames import dataset_from_pandas  # noqa: PLC0415

        chosen = {} if scheme is None else {"scheme": scheme}
        return cls(dataset_from_pandas(units, links, roots=roots, **chosen))

    # -- units ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._units)

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._index

    def __iter__(self) -> Iterator[Unit]:
        return iter(self._units)

    def __repr__(self) -> str:
        return f"<Hierarchy {len(self)} units, {self._l_child.size} links, {self.relations}>"

    def unit(self, unit_id: str) -> Unit:
        """Return the unit record with *unit_id*.

        Raises:
            UnknownUnitError: no unit has that id.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> Hierarchy(tiny_dataset()).unit("HN").kind
            'provincial'
        """
        return self._units[self.index_of(unit_id)]

    def index_of(self, unit_id: str) -> int:
        """Return the position of *unit_id* in the index arrays.

        Raises:
            UnknownUnitError: no unit has that id.
        """
        try:
            return self._index[unit_id]
        except KeyError:
            raise UnknownUnitError(unit_id, "in the hierarchy") from None

    def name_on(self, unit_id: str, day: DateLike) -> str:
        """The unit's name on *day*, after the rename events dated on or before it.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> h = Hierarchy(tiny_dataset())
            >>> h.name_on("G2", "2024-01-01"), h.name_on("G2", "2024-06-01")
            ('Công đoàn cơ sở Công ty Hòa Bình', 'Công đoàn cơ sở Công ty CP Hòa Bình')
        """
        unit = self.unit(unit_id)
        day_ord = as_date(day).toordinal()
        name = unit.name
        for when, new_name in self._renames.get(unit_id, ()):
            if when <= day_ord:
                name = new_name
        return name

    def names_on(self, day: DateLike) -> list[str]:
        """Every unit's name on *day*, in index order, built from the columns.

        Entry *i* is :meth:`name_on` of the unit at index position *i*; no
        unit record is built.

        Args:
            day: the day of the names.

        Returns:
            One name per unit, in index order.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> h = Hierarchy(tiny_dataset())
            >>> h.names_on("2024-06-01")[h.index_of("G2")]
            'Công đoàn cơ sở Công ty CP Hòa Bình'

        .. versionadded:: 0.2.0
        """
        columns = self.unit_columns()
        names = list(columns.name)
        renames = self._renames
        if renames:
            day_ord = as_date(day).toordinal()
            for uid, changes in renames.items():
                pos = self._index.get(uid)
                if pos is None:
                    continue
                for when, new_name in changes:
                    if when <= day_ord:
                        names[pos] = new_name
        return names

    def names(self, unit_id: str) -> tuple[tuple[pendulum.Date | None, str], ...]:
        """Every name the unit has had, with the date it took effect (``None`` = founding).

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> [n for _, n in Hierarchy(tiny_dataset()).names("G2")]
            ['Công đoàn cơ sở Công ty Hòa Bình', 'Công đoàn cơ sở Công ty CP Hòa Bình']
        """
        unit = self.unit(unit_id)
        out: list[tuple[pendulum.Date | None, str]] = [(unit.founded, unit.name)]
        for when, new_name in self._renames.get(unit_id, ()):
            out.append((from_ordinal(when), new_name))
        return tuple(out)

    def find(self, name: str, *, partial: bool = False) -> tuple[str, ...]:
        """Ids of the units that have, or once had, a name (or short name) matching *name*.

        Matching uses the normalised key (:func:`thidua._text.name_key`): NFC,
        folded case and whitespace, either tone placement, ``Ð`` for ``Đ``.
        A *name* typed without any diacritics (``"hoan kiem"``) is compared
        with the names stripped of theirs, ``đ`` read as ``d``; a name typed
        with diacritics must match them.

        Args:
            name: the name as a user types it.
            partial: also match names that contain *name* (``"hoan kiem"`` finds
                ``"Liên đoàn Lao động quận Hoàn Kiếm"``).

        Returns:
            The ids, in index order (empty when nothing matches).

        Examples:
            >>> import unicodedata
            >>> from thidua.testing import tiny_dataset
            >>> h = Hierarchy(tiny_dataset())
            >>> h.find(unicodedata.normalize("NFD", "công đoàn cơ sở công ty hoà bình"))
            ('G2',)
            >>> h.find("cong doan co so cong ty hoa binh"), h.find("lien doan", partial=True)
            (('G2',), ('TLD', 'HN', 'D1'))

        .. versionchanged:: 0.2.0
           Accent-free queries and *partial*.
        """
        query = NameQuery.of(name, partial=partial)
        if not query.key:
            return ()
        if not partial:
            index = self._name_index if query.accents else self._bare_index
            return index.get(query.key, ())
        column = 1 if query.accents else 2
        key = query.key
        return tuple(
            entry[0] for entry in self._search_keys if any(key in k for k in entry[column])
        )

    # -- events ----------------------------------------------------------------

    @functools.cached_property
    def _renames(self) -> dict[str, list[tuple[int, str]]]:
        out: dict[str, list[tuple[int, str]]] = {}
        for event in sorted(self.dataset.events, key=lambda e: e.date):
            if event.kind is EventKind.RENAME and event.name:
                for uid in event.originals:
                    out.setdefault(uid, []).append((event.date.toordinal(), event.name))
        return out

    @functools.cached_property
    def _name_index(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        columns = self._columns
        positions = range(len(columns)) if self._first is None else self._first.tolist()
        renames = self._renames
        for p in positions:
            uid = columns.id[p]
            keys = {name_key(columns.name[p])}
            short = columns.short_name[p]
            if short:
                keys.add(name_key(short))
            keys.update(name_key(n) for _, n in renames.get(uid, ()))
            for key in keys:
                found.setdefault(key, []).append(uid)
        return {k: tuple(v) for k, v in found.items()}

    @functools.cached_property
    def _search_keys(self) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
        """Per unit in index order: its id, its name keys and the same without diacritics."""
        out: dict[str, set[str]] = {}
        for key, ids in self._name_index.items():
            for uid in ids:
                out.setdefault(uid, set()).add(key)
        return tuple(
            (uid, tuple(sorted(keys)), tuple(sorted({strip_diacritics(k) for k in keys})))
            for uid, keys in ((u, out.get(u, set())) for u in self.ids)
        )

    @functools.cached_property
    def _bare_index(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for uid, _, bare in self._search_keys:
            for key in bare:
                found.setdefault(key, []).append(uid)
        return {k: tuple(v) for k, v in found.items()}

    @functools.cached_property
    def _lineage_edges(self) -> tuple[_Edges, _Edges]:
        return _lineage.lineage_edges(self)

    def lineage(self, unit_id: str) -> Lineage:
        """Predecessors and successors of *unit_id*; see :func:`thidua.hierarchy.lineage`.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> Hierarchy(tiny_dataset()).lineage("D1").successors
            ()
        """
        return _lineage.lineage(self, unit_id)

    def successors_on(self, unit_id: str, day: DateLike) -> dict[str, float]:
        """Where *unit_id* ended up on *day*; see :func:`thidua.hierarchy.successors_on`.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> Hierarchy(tiny_dataset()).successors_on("G1", "2026-01-01")
            {'G1': 1.0}
        """
        return _lineage.successors_on(self, unit_id, day)

    def diff(self, start: DateLike, end: DateLike) -> HierarchyDiff:
        """What changed between two dates; see :func:`thidua.hierarchy.diff`.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> Hierarchy(tiny_dataset()).diff("2025-06-30", "2025-07-01").added
            ('W1',)
        """
        return _diff.diff(self, start, end)

    def events_of(self, unit_id: str) -> tuple[ChangeEvent, ...]:
        """The change events naming *unit_id* (as original or result), by date.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> [e.kind.value for e in Hierarchy(tiny_dataset()).events_of("G1")]
            ['move']
        """
        self.index_of(unit_id)
        return tuple(
            sorted(
                (e for e in self.dataset.events if unit_id in e.originals or unit_id in e.results),
                key=lambda e: e.date,
            )
        )

    # -- views -----------------------------------------------------------------

    def as_of(self, day: DateLike) -> Snapshot:
        """Return the frozen structure on *day*.

        A unit is in the snapshot when ``founded <= day < dissolved``; a link
        when ``valid_from <= day < valid_to`` and both ends are in it.

        Complexity: O(units + links), vectorised.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> s = Hierarchy(tiny_dataset()).as_of("2025-07-01")
            >>> sorted(s.children("HN"))
            ['G3', 'W1']
        """
        return Snapshot._build(self, as_date(day))

    def alive_mask(self, day: DateLike) -> BoolArray:
        """Boolean array over :attr:`ids`: which units exist on *day*."""
        d = as_date(day).toordinal()
        return (self._founded <= d) & (d < self._dissolved)

    def link_arrays(self) -> LinkArrays:
        """The link index as named arrays (see :class:`LinkArrays`).

        Links naming unknown units are not in the index (validation reports
        them).  Relation codes index :attr:`relations`; open ends are
        ``thidua._dates.MIN_ORD`` / ``MAX_ORD``.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> links = Hierarchy(tiny_dataset()).link_arrays()
            >>> len(links.child) == len(links.parent) == len(links.position)
            True
        """
        return LinkArrays(
            child=self._l_child,
            parent=self._l_parent,
            relation=self._l_rel,
            start=self._l_from,
            end=self._l_to,
            position=self._l_pos,
        )

    def lifetime_arrays(self) -> Lifetimes:
        """Founded and dissolved ordinals and ranks (-1 for an unknown kind), by index.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> h = Hierarchy(tiny_dataset())
            >>> int(h.lifetime_arrays().rank[h.index_of("TLD")])
            0
        """
        return Lifetimes(founded=self._founded, dissolved=self._dissolved, rank=self._rank)

    @property
    def unit_index(self) -> Mapping[str, int]:
        """Unit id → position in the index arrays (read-only).

        .. versionadded:: 0.2.0
        """
        return self._index_view

    @functools.cached_property
    def units(self) -> tuple[Unit, ...]:
        """The units in index order (the first record of each id).

        Built on first use when the dataset was read from tables (use
        :meth:`unit_columns` to avoid building records).

        .. versionadded:: 0.2.0
        """
        return tuple(self._units)

    def unit_columns(self) -> UnitColumns:
        """The units in index order as columns (the first record of each id).

        Entry *i* is the unit at index position *i* (:meth:`index_of`); no
        record is built when the dataset was read from tables.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> h = Hierarchy(tiny_dataset())
            >>> h.unit_columns().kind[h.index_of("HN")]
            'provincial'

        .. versionadded:: 0.2.0
        """
        if self._first is None:
            return self._columns
        c = self._columns
        keep = self._first.tolist()
        return UnitColumns(
            id=[c.id[p] for p in keep],
            name=[c.name[p] for p in keep],
            kind=[c.kind[p] for p in keep],
            founded=c.founded[self._first],
            dissolved=c.dissolved[self._first],
            short_name=[c.short_name[p] for p in keep],
            attributes={k: [v[p] for p in keep] for k, v in c.attributes.items()},
            records=self._units,
        )

    def relation_code(self, relation: str) -> int:
        """The code of *relation* in the link arrays (``-1`` if no link uses it)."""
        try:
            return self.relations.index(relation)
        except ValueError:
            return -1

    def boundaries(self) -> tuple[pendulum.Date, ...]:
        """Every date on which the structure may change (lifetimes, links, events), sorted.

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> [d.isoformat() for d in Hierarchy(tiny_dataset()).boundaries()][-1]
            '2025-07-01'
        """
        ords = np.concatenate(
            [
                self._founded,
                self._dissolved,
                self._l_from,
                self._l_to,
                np.fromiter((e.date.toordinal() for e in self.dataset.events), dtype=np.int64),
            ]
        )
        ords = np.unique(ords[(ords != MIN_ORD) & (ords != MAX_ORD)])
        return tuple(from_ordinal(int(o)) for o in ords)


def _rank_or(rank: int | None) -> int:
    # Levels reject ranks outside 0..MAX_RANK; anything else (a scheme built
    # around the validator) reads as an unknown kind rather than overflow int64.
    return rank if rank is not None and 0 <= rank <= MAX_RANK else -1


from thidua.hierarchy._snapshot import Snapshot  # noqa: E402  (cycle: Snapshot refers back to Hierarchy)
