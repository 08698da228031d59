"""A frozen view of the hierarchy on one day.

A :class:`Snapshot` answers the structural questions of that day: parent,
children, ancestors, descendants, path to the root, depth, rank, leaves,
lowest common ancestor, subtree, units of a kind.  Every method takes ids and
returns ids; methods with a ``relation`` argument accept one relation name, a
sequence of names (their union), or ``None`` for all relations.

Internally a snapshot holds numpy arrays over the hierarchy's unit index
(:meth:`mask`, :meth:`parent_array`, :meth:`edges`), which the roll-up
engine uses directly.

Examples:
    >>> from thidua import Hierarchy
    >>> from thidua.testing import tiny_dataset
    >>> s = Hierarchy(tiny_dataset()).as_of("2025-01-01")
    >>> s.path_to_root("G1")
    ('G1', 'D1', 'HN', 'TLD')
    >>> s.depth("G1"), s.rank("G1")
    (3, 3)
    >>> s.parents("G3", relation=None)
    ('D1', 'S1')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pendulum

from thidua._graph import CSR, BoolArray, IntArray, levels_from_parent
from thidua._text import name_key
from thidua.errors import UnknownUnitError
from thidua.model import Unit

if TYPE_CHECKING:
    from thidua.hierarchy import Hierarchy

__all__ = ["Snapshot"]

Relation = str | Sequence[str] | None


class Snapshot:
    """The structure on one day (build it with :meth:`Hierarchy.as_of`).

    Attributes:
        hierarchy: the index this view was taken from.
        date: the day.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.testing import tiny_dataset
        >>> s = Hierarchy(tiny_dataset()).as_of("2025-07-01")
        >>> len(s), "D1" in s, s.date.isoformat()
        (6, False, '2025-07-01')
    """

    __slots__ = (
        "__dict__",
        "_edge_child",
        "_edge_parent",
        "_edge_rel",
        "_mask",
        "date",
        "hierarchy",
    )

    hierarchy: Hierarchy
    date: pendulum.Date
    _mask: BoolArray
    _edge_child: IntArray
    _edge_parent: IntArray
    _edge_rel: IntArray

    @classmethod
    def _build(cls, hierarchy: Hierarchy, day: pendulum.Date) -> Snapshot:
        mask = hierarchy.alive_mask(day)
        child, parent, rel, start, end, _ = hierarchy.link_arrays()
        d = day.toordinal()
        keep = (start <= d) & (d < end)
        keep &= mask[child] & mask[parent]
        return cls._make(hierarchy, day, mask, child[keep], parent[keep], rel[keep])

    @classmethod
    def _make(
        cls,
        hierarchy: Hierarchy,
        day: pendulum.Date,
        mask: BoolArray,
        child: IntArray,
        parent: IntArray,
        rel: IntArray,
    ) -> Snapshot:
        self = object.__new__(cls)
        self.hierarchy = hierarchy
        self.date = day
        self._mask = mask
        self._edge_child = child
        self._edge_parent = parent
        self._edge_rel = rel
        return self

    # -- basics ----------------------------------------------------------------

    def __contains__(self, unit_id: object) -> bool:
        idx = self.hierarchy._index.get(unit_id) if isinstance(unit_id, str) else None
        return idx is not None and bool(self._mask[idx])

    def __len__(self) -> int:
        return int(self._mask.sum())

    def __iter__(self) -> Iterator[str]:
        ids = self.hierarchy.ids
        return (ids[i] for i in np.nonzero(self._mask)[0])

    def __repr__(self) -> str:
        return f"<Snapshot {self.date.isoformat()}: {len(self)} units>"

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the units in the snapshot, in index order."""
        return tuple(self)

    def _idx(self, unit_id: str) -> int:
        idx = self.hierarchy._index.get(unit_id)
        if idx is None or not self._mask[idx]:
            raise UnknownUnitError(unit_id, f"in the snapshot of {self.date.isoformat()}")
        return idx

    def _id(self, idx: int | np.integer) -> str:
        return self.hierarchy.ids[int(idx)]

    def _ids(self, idx: IntArray) -> tuple[str, ...]:
        ids = self.hierarchy.ids
        return tuple(ids[int(i)] for i in idx)

    def unit(self, unit_id: str) -> Unit:
        """The unit record (as founded; see :meth:`name` for the name of the day).

        Raises:
            UnknownUnitError: the unit does not exist on this day.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> Hierarchy(tiny_dataset()).as_of("2025-07-01").unit("D1")
            Traceback (most recent call last):
            ...
            thidua.errors.UnknownUnitError: unknown unit 'D1' in the snapshot of 2025-07-01
        """
        return self.hierarchy.unit(self._id(self._idx(unit_id)))

    def name(self, unit_id: str) -> str:
        """The unit's name on this day (rename events applied)."""
        self._idx(unit_id)
        return self.hierarchy.name_on(unit_id, self.date)

    def kind(self, unit_id: str) -> str:
        """The unit's kind."""
        return self.unit(unit_id).kind

    def rank(self, unit_id: str) -> int:
        """The rank of the unit's kind in the level scheme (-1 if the kind is unknown)."""
        return int(self.hierarchy._rank[self._idx(unit_id)])

    # -- arrays (used by the roll-up engine) -------------------------------------

    def mask(self) -> BoolArray:
        """Boolean array over ``hierarchy.ids``: which units are in the view."""
        return self._mask

    def _codes(self, relation: Relation) -> tuple[int, ...]:
        if relation is None:
            return tuple(range(len(self.hierarchy.relations)))
        names = [relation] if isinstance(relation, str) else list(relation)
        codes = (self.hierarchy.relation_code(n) for n in names)
        return tuple(c for c in codes if c >= 0)

    def edges(self, relation: Relation = "admin") -> tuple[IntArray, IntArray]:
        """Child and parent index arrays of the links in *relation* (pairs de-duplicated).

        For ``admin`` only the first admin link of a child counts (valid data
        has one); other relations keep every parent.
        """
        return self._edges_cached(self._codes(relation))

    @functools.cached_property
    def _cache(self) -> dict[tuple[object, ...], object]:
        # Per-snapshot memo of derived arrays (a method-level lru_cache would
        # keep every snapshot, and its hierarchy, alive for the process).
        return {}

    def _edges_cached(self, codes: tuple[int, ...]) -> tuple[IntArray, IntArray]:
        key = ("edges", codes)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._compute_edges(codes)
        return hit  # type: ignore[return-value]

    def _compute_edges(self, codes: tuple[int, ...]) -> tuple[IntArray, IntArray]:
        n = len(self.hierarchy)
        parts_c: list[IntArray] = []
        parts_p: list[IntArray] = []
        for code in codes:
            sel = self._edge_rel == code
            c, p = self._edge_child[sel], self._edge_parent[sel]
            if code == 0:
                _, first = np.unique(c, return_index=True)
                c, p = c[first], p[first]
            parts_c.append(c)
            parts_p.append(p)
        if not parts_c:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty
        c = np.concatenate(parts_c)
        p = np.concatenate(parts_p)
        if len(codes) > 1:
            _, first = np.unique(c * n + p, return_index=True)
            first.sort()
            c, p = c[first], p[first]
        return c, p

    def parent_array(self) -> IntArray:
        """Admin parent index of every unit (``-1`` for none or outside the view)."""
        return self._parent_array

    @functools.cached_property
    def _parent_array(self) -> IntArray:
        parent = np.full(len(self.hierarchy), -1, dtype=np.int64)
        c, p = self.edges("admin")
        parent[c] = p
        return parent

    def depth_array(self) -> IntArray:
        """Admin depth of every unit in the view (0 at a root), ``-1`` outside it."""
        return self._depth_array

    @functools.cached_property
    def _depth_array(self) -> IntArray:
        return levels_from_parent(self._parent_array, self._mask)

    def _up(self, relation: Relation) -> CSR:
        return self._csr(self._codes(relation), up=True)

    def _down(self, relation: Relation) -> CSR:
        return self._csr(self._codes(relation), up=False)

    def _csr(self, codes: tuple[int, ...], *, up: bool) -> CSR:
        key = ("csr", codes, up)
        hit = self._cache.get(key)
        if hit is None:
            c, p = self._edges_cached(codes)
            n = len(self.hierarchy)
            hit = self._cache[key] = CSR.from_edges(n, c, p) if up else CSR.from_edges(n, p, c)
        assert isinstance(hit, CSR)
        return hit

    # -- structure ---------------------------------------------------------------

    def parent(self, unit_id: str) -> str | None:
        """The admin parent (``None`` for a root).

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> Hierarchy(tiny_dataset()).as_of("2025-07-01").parent("TLD") is None
            True
        """
        p = self._parent_array[self._idx(unit_id)]
        return None if p < 0 else self._id(p)

    def parents(self, unit_id: str, relation: Relation = None) -> tuple[str, ...]:
        """All parents in *relation* (default: every relation), admin first."""
        return self._ids(self._up(relation).neighbours(self._idx(unit_id)))

    def children(self, unit_id: str, relation: Relation = "admin") -> tuple[str, ...]:
        """The direct children in *relation*."""
        return self._ids(self._down(relation).neighbours(self._idx(unit_id)))

    def ancestors(self, unit_id: str, relation: Relation = "admin") -> tuple[str, ...]:
        """Every ancestor, nearest first, each once (several paths are followed).

        Complexity: O(ancestors + their links).
        """
        idx = self._idx(unit_id)
        reach = self._up(relation).reach(np.array([idx], dtype=np.int64), len(self.hierarchy))
        return self._ids(reach)

    def descendants(self, unit_id: str, relation: Relation = "admin") -> tuple[str, ...]:
        """Every descendant, breadth-first, each once.

        Complexity: O(descendants + their links), vectorised per level.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> s = Hierarchy(tiny_dataset()).as_of("2025-01-01")
            >>> s.descendants("HN")
            ('D1', 'S1', 'G1', 'G2', 'G3')
            >>> s.descendants("S1", relation="guidance")
            ('G3',)
        """
        return self._ids(self.descendant_indices(unit_id, relation))

    def descendant_indices(self, unit_id: str, relation: Relation = "admin") -> IntArray:
        """Like :meth:`descendants`, as an index array over ``hierarchy.ids``."""
        idx = self._idx(unit_id)
        return self._down(relation).reach(np.array([idx], dtype=np.int64), len(self.hierarchy))

    def path_to_root(self, unit_id: str) -> tuple[str, ...]:
        """The unit and its admin ancestors up to the root."""
        idx = self._idx(unit_id)
        parent = self._parent_array
        path = [idx]
        while parent[path[-1]] >= 0 and len(path) <= len(parent):
            path.append(int(parent[path[-1]]))
        return self._ids(np.asarray(path, dtype=np.int64))

    def depth(self, unit_id: str) -> int:
        """Number of admin links between the unit and its root."""
        return int(self._depth_array[self._idx(unit_id)])

    def roots(self, relation: Relation = "admin") -> tuple[str, ...]:
        """Units in the view with no parent in *relation*.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> Hierarchy(tiny_dataset()).as_of("2025-01-01").roots()
            ('TLD',)
        """
        has_parent = np.zeros(len(self.hierarchy), dtype=np.bool_)
        has_parent[self.edges(relation)[0]] = True
        return self._ids(np.nonzero(self._mask & ~has_parent)[0])

    def leaves(self, relation: Relation = "admin") -> tuple[str, ...]:
        """Units in the view with no child in *relation*."""
        has_child = np.zeros(len(self.hierarchy), dtype=np.bool_)
        has_child[self.edges(relation)[1]] = True
        return self._ids(np.nonzero(self._mask & ~has_child)[0])

    def lowest_common_ancestor(self, a: str, b: str) -> str | None:
        """The deepest admin ancestor shared by *a* and *b* (a unit counts as its own ancestor).

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> s = Hierarchy(tiny_dataset()).as_of("2025-01-01")
            >>> s.lowest_common_ancestor("G1", "G3"), s.lowest_common_ancestor("G1", "S1")
            ('D1', 'HN')
        """
        seen = set(self.path_to_root(a))
        return next((u for u in self.path_to_root(b) if u in seen), None)

    def subtree(self, unit_id: str, relation: Relation = "admin") -> Snapshot:
        """The view restricted to *unit_id* and its descendants in *relation*.

        Links of every relation are kept when both ends are in the subtree.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> sub = Hierarchy(tiny_dataset()).as_of("2025-01-01").subtree("D1")
            >>> sorted(sub), sub.roots()
            (['D1', 'G1', 'G2', 'G3'], ('D1',))
        """
        idx = self._idx(unit_id)
        mask = np.zeros_like(self._mask)
        mask[idx] = True
        mask[self.descendant_indices(unit_id, relation)] = True
        keep = mask[self._edge_child] & mask[self._edge_parent]
        return Snapshot._make(
            self.hierarchy,
            self.date,
            mask,
            self._edge_child[keep],
            self._edge_parent[keep],
            self._edge_rel[keep],
        )

    def units_of_kind(self, *kinds: str) -> tuple[str, ...]:
        """Ids of the units of the given kinds.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> Hierarchy(tiny_dataset()).as_of("2025-07-01").units_of_kind("grassroots")
            ('G1', 'G2', 'G3')
        """
        wanted = set(kinds)
        units = self.hierarchy._units
        return tuple(units[i].id for i in np.nonzero(self._mask)[0] if units[i].kind in wanted)

    def units_of_rank(self, rank: int) -> tuple[str, ...]:
        """Ids of the units whose kind has *rank*."""
        sel = self._mask & (self.hierarchy._rank == rank)
        return self._ids(np.nonzero(sel)[0])

    def find(self, name: str) -> tuple[str, ...]:
        """Ids of units in the view whose name on this day matches *name* (normalised)."""
        key = name_key(name)
        found = self.hierarchy.find(name)
        return tuple(u for u in found if u in self and name_key(self.name(u)) == key)

    def to_networkx(self, relation: Relation = "admin") -> nx.DiGraph:  # type: ignore[type-arg]
        """A networkx graph of the view, edges going parent → child.

        Nodes carry ``name``, ``kind`` and ``rank``; edges carry ``relations``
        (a tuple of relation names).

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> g = Hierarchy(tiny_dataset()).as_of("2025-01-01").to_networkx(None)
            >>> g.edges["S1", "G3"]["relations"]
            ('guidance',)
        """
        graph: nx.DiGraph = nx.DiGraph()  # type: ignore[type-arg]
        for uid in self:
            graph.add_node(uid, name=self.name(uid), kind=self.kind(uid), rank=self.rank(uid))
        names = self.hierarchy.relations
        for code in self._codes(relation):
            c, p = self._edges_cached((code,))
            for ci, pi in zip(c.tolist(), p.tolist(), strict=True):
                u, v = self._id(pi), self._id(ci)
                rels = graph.edges[u, v]["relations"] if graph.has_edge(u, v) else ()
                graph.add_edge(u, v, relations=(*rels, names[code]))
        return graph
