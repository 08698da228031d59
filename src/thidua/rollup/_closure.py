"""Accumulation over the structure of one day: every unit receives its descendants' values.

The roll-up engine reduces a per-unit matrix (one row per unit of the
hierarchy index, one column per channel) so that each unit's row holds the
reduction (sum, minimum, maximum or bitwise or) over its descendants **and
itself**.  Two structures do it:

* :class:`Forest` — the admin relation alone, where every unit has at most one
  parent.  Values are pushed up level by level, deepest first, with
  ``ufunc.reduceat`` over the children of each level sorted by parent.
* :class:`Closure` — any other relation or a union of relations, where a unit
  may reach an ancestor along several paths.  The de-duplicated set of
  (descendant, ancestor) pairs, self pairs included, is built once, so a unit
  is counted **once** in every common ancestor however many paths lead there.

Both expose the same two operations: :meth:`reduce` and :meth:`ancestor_pairs`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeVar

import numpy as np
import numpy.typing as npt

from thidua._graph import CSR, BoolArray, IntArray
from thidua.hierarchy import Relation, Snapshot

__all__ = [
    "Closure",
    "Forest",
    "Op",
    "Structure",
    "contains_sorted",
    "is_admin_only",
    "sorted_unique",
    "structure",
]

Op = Literal["add", "min", "max", "or"]
"""The reductions a structure can apply."""

_A = TypeVar("_A", bound=np.generic)

_UFUNC: dict[str, np.ufunc] = {
    "add": np.add,
    "min": np.minimum,
    "max": np.maximum,
    "or": np.bitwise_or,
}
_MAX_ROUNDS = 64
"""Cap on pointer-walk rounds: a cycle (invalid data, reported by validation) cannot hang."""
_CHUNK_ELEMENTS = 1 << 22
"""Elements gathered at once by :meth:`Closure.reduce` (bounds temporary memory)."""


def sorted_unique(values: IntArray) -> IntArray:
    """The distinct values, sorted (a sort and a comparison: faster than hashing here).

    Examples:
        >>> sorted_unique(np.array([3, 1, 3, 2])).tolist()
        [1, 2, 3]
    """
    if values.size == 0:
        return values
    ordered = np.sort(values)
    keep = np.empty(ordered.size, dtype=np.bool_)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def contains_sorted(haystack: IntArray, needles: IntArray) -> BoolArray:
    """Which *needles* are in the sorted array *haystack*.  O(needles · log haystack).

    Examples:
        >>> contains_sorted(np.array([1, 4, 9]), np.array([4, 5, 9])).tolist()
        [True, False, True]
    """
    if haystack.size == 0:
        return np.zeros(needles.size, dtype=np.bool_)
    at = np.minimum(np.searchsorted(haystack, needles), haystack.size - 1)
    return np.asarray(haystack[at] == needles, dtype=np.bool_)


def is_admin_only(relation: Relation) -> bool:
    """Whether *relation* names the admin relation alone (the forest fast path).

    Examples:
        >>> is_admin_only("admin"), is_admin_only(["admin"]), is_admin_only(None)
        (True, True, False)
    """
    if isinstance(relation, str):
        return relation == "admin"
    return relation is not None and set(relation) == {"admin"}


class Forest:
    """Level-by-level accumulation along the admin parent array of a snapshot.

    Building it sorts each level's units by parent: O(n log n) for n units in
    the hierarchy index.  :meth:`reduce` is then O(n · c) for a matrix of c
    columns: each unit's row is read once and added into its parent's.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.testing import tiny_dataset
        >>> h = Hierarchy(tiny_dataset())
        >>> f = Forest(h.as_of("2025-01-01"))
        >>> m = np.zeros((len(h), 1))
        >>> m[h.index_of("G1")] = 5
        >>> m[h.index_of("G3")] = 7
        >>> [float(v) for v in f.reduce(m, "add")[[h.index_of(u) for u in ("TLD", "D1", "S1")], 0]]
        [12.0, 12.0, 0.0]
    """

    __slots__ = ("_levels", "mask", "parent")

    def __init__(self, snapshot: Snapshot) -> None:
        self.mask: BoolArray = snapshot.mask()
        self.parent: IntArray = snapshot.parent_array()
        depth = snapshot.depth_array()
        levels: list[tuple[IntArray, IntArray, IntArray]] = []
        top = int(depth.max()) if depth.size else -1
        for d in range(top, 0, -1):
            nodes = np.flatnonzero(depth == d)
            parents = self.parent[nodes]
            order = np.argsort(parents, kind="stable")
            nodes, parents = nodes[order], parents[order]
            if nodes.size == 0:
                continue
            starts = np.flatnonzero(np.concatenate(([True], parents[1:] != parents[:-1])))
            levels.append((nodes, starts, parents[starts]))
        self._levels = levels

    def reduce(self, matrix: npt.NDArray[_A], op: Op) -> npt.NDArray[_A]:
        """Return a copy of *matrix* where each unit's row is reduced over its subtree.

        Rows of units outside the snapshot are left as they are.
        Complexity: O(n · c).
        """
        ufunc = _UFUNC[op]
        out = matrix.copy()
        for nodes, starts, ups in self._levels:
            part = ufunc.reduceat(out[nodes], starts, axis=0)
            out[ups] = ufunc(out[ups], part)
        return out

    def ancestor_pairs(self, units: IntArray) -> tuple[IntArray, IntArray]:
        """Pairs (position in *units*, ancestor-or-self index) for the given units.

        Complexity: O(len(units) · depth).
        """
        pos_parts = [np.arange(units.size, dtype=np.int64)]
        anc_parts = [units.astype(np.int64, copy=False)]
        pos, cur = pos_parts[0], anc_parts[0]
        for _ in range(_MAX_ROUNDS):
            up = self.parent[cur]
            keep = up >= 0
            pos, cur = pos[keep], up[keep]
            if cur.size == 0:
                break
            pos_parts.append(pos)
            anc_parts.append(cur)
        return np.concatenate(pos_parts), np.concatenate(anc_parts)


class Closure:
    """The de-duplicated (descendant, ancestor) pairs of a snapshot in any relation.

    Pairs are found by walking up from every unit at once, one level per
    round, dropping pairs already seen; self pairs are included.  Building it
    is O(P log P) for P pairs (about n × the mean number of ancestors);
    :meth:`reduce` is O(P · c).

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.testing import tiny_dataset
        >>> h = Hierarchy(tiny_dataset())
        >>> c = Closure(h.as_of("2025-01-01"), ("admin", "guidance"))
        >>> m = np.zeros((len(h), 1))
        >>> m[h.index_of("G3")] = 7
        >>> [float(v) for v in c.reduce(m, "add")[[h.index_of(u) for u in ("HN", "D1", "S1")], 0]]
        [7.0, 7.0, 7.0]
    """

    __slots__ = ("_anc_sorted", "_desc_sorted", "_down_csr", "_size", "_starts", "_up_ids", "mask")

    def __init__(self, snapshot: Snapshot, relation: Relation) -> None:
        self.mask: BoolArray = snapshot.mask()
        n = self.mask.size
        child, parent = snapshot.edges(relation)
        up = CSR.from_edges(n, child, parent)
        degree = up.degree()
        nodes = np.flatnonzero(self.mask).astype(np.int64)
        seen = nodes * n + nodes  # sorted, as nodes are
        desc, anc = nodes, nodes
        for _ in range(n + 1):
            counts = degree[anc]
            nxt_anc = up.expand(anc)
            if nxt_anc.size == 0:
                break
            fresh = sorted_unique(np.repeat(desc, counts) * n + nxt_anc)
            fresh = fresh[~contains_sorted(seen, fresh)]
            if fresh.size == 0:
                break
            seen = np.sort(np.concatenate([seen, fresh]), kind="stable")  # a merge of two runs
            desc, anc = fresh // n, fresh % n
        pairs = seen
        # Self pairs are the copy reduce() starts from; the strict pairs, by ancestor:
        strict = pairs[pairs // n != pairs % n]
        by_anc = np.argsort(strict % n, kind="stable")
        anc_sorted = (strict % n)[by_anc]
        self._desc_sorted: IntArray = (strict // n)[by_anc]
        self._anc_sorted: IntArray = anc_sorted
        start_mask = np.concatenate(([True], anc_sorted[1:] != anc_sorted[:-1]))
        self._starts: IntArray = np.flatnonzero(start_mask) if anc_sorted.size else anc_sorted
        self._up_ids: IntArray = anc_sorted[self._starts]
        self._size = int(pairs.size)
        # pairs is sorted by descendant (keys are desc * n + anc): a CSR by descendant.
        desc_all = pairs // n
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(desc_all, minlength=n), out=indptr[1:])
        self._down_csr = CSR(indptr, pairs % n)

    @property
    def size(self) -> int:
        """The number of (descendant, ancestor) pairs, self pairs included."""
        return self._size

    def reduce(self, matrix: npt.NDArray[_A], op: Op) -> npt.NDArray[_A]:
        """Return a copy of *matrix* where each unit's row is reduced over its descendants-or-self.

        Each descendant counts once per ancestor, whatever the number of
        paths.  Rows of units outside the snapshot are left as they are.
        Complexity: O(P · c).  Whole rows are gathered, a run of ancestors at
        a time, so that the temporary copy stays near ``_CHUNK_ELEMENTS``.
        """
        ufunc = _UFUNC[op]
        out = matrix.copy()
        pairs, starts = self._desc_sorted, self._starts
        if pairs.size == 0:
            return out
        cols = matrix.shape[1] if matrix.ndim == 2 else 1
        per_chunk = max(1, _CHUNK_ELEMENTS // max(1, cols))
        # Cut between ancestors, every ~per_chunk pairs: chunk k covers segments [a, b).
        cuts = np.unique(np.searchsorted(starts, np.arange(0, pairs.size, per_chunk), "right") - 1)
        bounds = np.append(cuts, starts.size)
        for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
            lo = int(starts[a])
            hi = int(starts[b]) if b < starts.size else pairs.size
            ups = self._up_ids[a:b]
            out[ups] = ufunc(
                out[ups], ufunc.reduceat(matrix[pairs[lo:hi]], starts[a:b] - lo, axis=0)
            )
        return out

    def ancestor_pairs(self, units: IntArray) -> tuple[IntArray, IntArray]:
        """Pairs (position in *units*, ancestor-or-self index), each pair once.

        Complexity: O(len(units) + pairs returned).
        """
        units = units.astype(np.int64, copy=False)
        counts = self._down_csr.degree()[units]
        pos = np.repeat(np.arange(units.size, dtype=np.int64), counts)
        return pos, self._down_csr.expand(units)


Structure = Forest | Closure
"""Either accumulation structure."""


def structure(snapshot: Snapshot, relation: Relation) -> Structure:
    """The accumulation structure of *snapshot* in *relation* (the forest when admin only).

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.testing import tiny_dataset
        >>> s = Hierarchy(tiny_dataset()).as_of("2025-01-01")
        >>> type(structure(s, "admin")).__name__, type(structure(s, None)).__name__
        ('Forest', 'Closure')
    """
    if is_admin_only(relation):
        return Forest(snapshot)
    return Closure(snapshot, relation)


def relation_names(relation: Relation, known: Sequence[str]) -> tuple[str, ...]:
    """The relation names *relation* stands for (all of *known* for ``None``)."""
    if relation is None:
        return tuple(known)
    return (relation,) if isinstance(relation, str) else tuple(relation)
