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
import html
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

import numpy as np
import pendulum

from thidua._graph import CSR, BoolArray, IntArray, levels_from_parent
from thidua._search import NameQuery
from thidua._text import name_key
from thidua.errors import MissingExtraError, UnknownNameError, UnknownUnitError
from thidua.hierarchy._records import Unit
from thidua.hierarchy._tree import Numbers, render_tree

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from thidua.hierarchy._index import Hierarchy

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
        idx = self.hierarchy.unit_index.get(unit_id) if isinstance(unit_id, str) else None
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
        idx = self.hierarchy.unit_index.get(unit_id)
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
        return int(self.hierarchy.lifetime_arrays().rank[self._idx(unit_id)])

    # -- arrays (used by the roll-up engine) -------------------------------------

    def mask(self) -> BoolArray:
        """Boolean array over ``hierarchy.ids``: which units are in the view."""
        return self._mask

    def _codes(self, relation: Relation) -> tuple[int, ...]:
        known = self.hierarchy.relations
        if relation is None:
            return tuple(range(len(known)))
        names = [relation] if isinstance(relation, str) else list(relation)
        codes = []
        for name in names:
            code = self.hierarchy.relation_code(name)
            if code < 0:
                raise UnknownNameError("relation", name, known)
            codes.append(code)
        return tuple(codes)

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

        Raises:
            UnknownNameError: a kind is neither in the level scheme nor the kind of a unit.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> Hierarchy(tiny_dataset()).as_of("2025-07-01").units_of_kind("grassroots")
            ('G1', 'G2', 'G3')
            >>> Hierarchy(tiny_dataset()).as_of("2025-07-01").units_of_kind("grasroots")
            Traceback (most recent call last):
            ...
            thidua.errors.UnknownNameError: unknown kind 'grasroots'; did you mean 'grassroots' ...
        """
        scheme = self.hierarchy.dataset.scheme
        known = set(scheme.kinds) | {u.kind for u in self.hierarchy}
        for kind in kinds:
            if kind not in known:
                raise UnknownNameError("kind", kind, sorted(known))
        wanted = set(kinds)
        units = self.hierarchy.units
        return tuple(units[i].id for i in np.nonzero(self._mask)[0] if units[i].kind in wanted)

    def units_of_rank(self, rank: int) -> tuple[str, ...]:
        """Ids of the units whose kind has *rank*.

        Raises:
            UnknownNameError: no kind of the level scheme has *rank*.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> s = Hierarchy(tiny_dataset()).as_of("2025-07-01")
            >>> s.units_of_rank(1)
            ('HN',)
            >>> s.units_of_rank(9)
            Traceback (most recent call last):
            ...
            thidua.errors.UnknownNameError: unknown rank 9 (known: 0, 1, 2, 3, 4)
        """
        present = self.hierarchy.lifetime_arrays().rank
        known = sorted({lv.rank for lv in self.hierarchy.dataset.scheme} | set(present.tolist()))
        if rank not in known:
            raise UnknownNameError("rank", rank, known)
        sel = self._mask & (self.hierarchy.lifetime_arrays().rank == rank)
        return self._ids(np.nonzero(sel)[0])

    def find(self, name: str, *, partial: bool = False) -> tuple[str, ...]:
        """Ids of units in the view whose name on this day matches *name*.

        Matching is that of :meth:`Hierarchy.find`: folded case and spaces, and
        a name typed without diacritics matches names stripped of theirs.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> s = Hierarchy(tiny_dataset()).as_of("2025-07-01")
            >>> s.find("cong doan phuong kim lien"), s.find("kim lien", partial=True)
            (('W1',), ('W1', 'G1'))

        .. versionchanged:: 0.2.0
           Accent-free queries and *partial*.
        """
        query = NameQuery.of(name, partial=partial)
        found = self.hierarchy.find(name, partial=partial)
        return tuple(u for u in found if u in self and query.matches(name_key(self.name(u))))

    # -- exports -----------------------------------------------------------------

    def _repr_html_(self) -> str:
        """A small HTML summary for notebooks: the day, the units by kind, the links."""
        kinds = Counter(self.kind(u) for u in self)
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{n}</td></tr>" for k, n in sorted(kinds.items())
        )
        links = ", ".join(
            f"{html.escape(name)} {int((self._edge_rel == code).sum())}"
            for code, name in enumerate(self.hierarchy.relations)
        )
        return (
            f"<div><strong>Snapshot of {self.date.isoformat()}</strong>: {len(self)} units, "
            f"{len(self.roots())} root(s); links: {links or 'none'}"
            f"<table><tr><th>kind</th><th>units</th></tr>{rows}</table></div>"
        )

    def to_pandas(self) -> pd.DataFrame:
        """A pandas DataFrame with one row per unit of the view.

        The columns are ``id``, ``name`` (of the day), ``kind``, ``rank``,
        ``parent`` (admin; missing at a root) and ``depth`` (admin, 0 at a root).

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> df = Hierarchy(tiny_dataset()).as_of("2025-07-01").to_pandas()
            >>> df.loc[df["id"] == "G1", ["parent", "depth", "rank"]].to_dict("records")
            [{'parent': 'W1', 'depth': 3, 'rank': 3}]
        """
        try:
            import pandas as pd  # noqa: PLC0415
        except ImportError:
            raise MissingExtraError("pandas", "pandas") from None
        idx = np.nonzero(self._mask)[0]
        ids = self._ids(idx)
        parents = self._parent_array[idx].tolist()
        ranks = self.hierarchy.lifetime_arrays().rank
        frame: pd.DataFrame = pd.DataFrame(
            {
                "id": list(ids),
                "name": [self.name(u) for u in ids],
                "kind": [self.kind(u) for u in ids],
                "rank": ranks[idx],
                "parent": [None if p < 0 else self._id(p) for p in parents],
                "depth": self._depth_array[idx],
            }
        )
        return frame

    def print_tree(
        self,
        *,
        root: str | None = None,
        depth: int | None = None,
        relation: Relation = "admin",
        numbers: Numbers = "vi",
        file: TextIO | None = None,
    ) -> None:
        """Print the view as an indented tree (the text of ``thidua tree``).

        Args:
            root: start from this unit (default: every root).
            depth: levels shown below the root (default: all).
            relation: the relation to follow.
            numbers: ``"vi"`` (``6.349``) or ``"plain"`` (``6349``) counts.
            file: where to write (default: standard output).

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> Hierarchy(tiny_dataset()).as_of("2025-07-01").print_tree(root="W1")
            Structure on 2025-07-01 (admin): 6 units
            Công đoàn phường Kim Liên [W1] commune · 2 children, 2 below
              Công đoàn cơ sở Trường Tiểu học Kim Liên [G1] grassroots
              Công đoàn cơ sở Công ty CP Hòa Bình [G2] grassroots
            Units by kind: central 1, provincial 1, commune 1, grassroots 3

        .. versionadded:: 0.2.0
        """
        text = render_tree(self, root=root, depth=depth, relation=relation, numbers=numbers)
        (file or sys.stdout).write(text)

    def _export_edges(self, relation: Relation) -> list[tuple[str, str, str]]:
        """(parent, child, relation label) of the view, pairs in several relations merged."""
        names = self.hierarchy.relations
        merged: dict[tuple[str, str], list[str]] = {}
        for code in self._codes(relation):
            c, p = self._edges_cached((code,))
            for ci, pi in zip(c.tolist(), p.tolist(), strict=True):
                merged.setdefault((self._id(pi), self._id(ci)), []).append(names[code])
        return [(u, v, "+".join(rels)) for (u, v), rels in merged.items()]

    def to_dot(self, relation: Relation = "admin") -> str:
        r"""The view as a Graphviz ``dot`` digraph (edges parent → child, labelled by relation).

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> print(Hierarchy(tiny_dataset()).as_of("2025-07-01").subtree("W1").to_dot())
            digraph "2025-07-01" {
              "W1" [label="Công đoàn phường Kim Liên\nW1 · commune"];
              "G1" [label="Công đoàn cơ sở Trường Tiểu học Kim Liên\nG1 · grassroots"];
              "G2" [label="Công đoàn cơ sở Công ty CP Hòa Bình\nG2 · grassroots"];
              "W1" -> "G1" [label="admin"];
              "W1" -> "G2" [label="admin"];
            }

        .. versionadded:: 0.2.0
        """

        def q(text: str) -> str:
            return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

        lines = [f"digraph {q(self.date.isoformat())} {{"]
        lines.extend(
            f"  {q(u)} [label={q(self.name(u) + chr(10) + u + ' · ' + self.kind(u))}];"
            for u in self
        )
        lines.extend(
            f"  {q(u)} -> {q(v)} [label={q(r)}];" for u, v, r in self._export_edges(relation)
        )
        lines.append("}")
        return "\n".join(lines)

    def to_mermaid(self, relation: Relation = "admin") -> str:
        """The view as a Mermaid ``flowchart`` (top-down; nodes named n0, n1 … by position).

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> print(Hierarchy(tiny_dataset()).as_of("2025-07-01").subtree("W1").to_mermaid())
            flowchart TD
              n0["Công đoàn phường Kim Liên<br/>W1 · commune"]
              n1["Công đoàn cơ sở Trường Tiểu học Kim Liên<br/>G1 · grassroots"]
              n2["Công đoàn cơ sở Công ty CP Hòa Bình<br/>G2 · grassroots"]
              n0 --> n1
              n0 --> n2

        .. versionadded:: 0.2.0
        """

        def q(text: str) -> str:
            return html.escape(text).replace("\n", " ")

        node = {u: f"n{i}" for i, u in enumerate(self)}
        lines = ["flowchart TD"]
        lines.extend(
            f'  {node[u]}["{q(self.name(u))}<br/>{q(u)} · {q(self.kind(u))}"]' for u in self
        )
        labelled = relation != "admin"
        for u, v, r in self._export_edges(relation):
            arrow = f"-- {q(r)} -->" if labelled else "-->"
            lines.append(f"  {node[u]} {arrow} {node[v]}")
        return "\n".join(lines)

    def to_networkx(self, relation: Relation = "admin") -> nx.DiGraph:  # type: ignore[type-arg]
        """A networkx graph of the view, edges going parent → child.

        Nodes carry ``name`` (of the day), ``kind``, ``rank`` and, when known,
        ``short_name``, ``founded`` and ``dissolved`` (ISO text); edges carry
        ``relation`` (the relation names joined by ``+``).  Every attribute
        is text or a number, so :func:`networkx.write_graphml` accepts the graph.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> g = Hierarchy(tiny_dataset()).as_of("2025-01-01").to_networkx(None)
            >>> g.edges["S1", "G3"]["relation"], g.edges["D1", "G3"]["relation"]
            ('guidance', 'admin')

        .. versionchanged:: 0.2.0
           Edges carry ``relation`` text instead of a ``relations`` tuple; nodes
           carry their dates as ISO text.
        """
        import networkx as nx  # noqa: PLC0415 - heavy: imported when a graph is asked for

        graph: nx.DiGraph = nx.DiGraph()  # type: ignore[type-arg]
        for uid in self:
            unit = self.unit(uid)
            extra = {
                key: value
                for key, value in (
                    ("short_name", unit.short_name),
                    ("founded", unit.founded and unit.founded.isoformat()),
                    ("dissolved", unit.dissolved and unit.dissolved.isoformat()),
                )
                if value
            }
            graph.add_node(uid, name=self.name(uid), kind=unit.kind, rank=self.rank(uid), **extra)
        for u, v, r in self._export_edges(relation):
            graph.add_edge(u, v, relation=r)
        return graph
